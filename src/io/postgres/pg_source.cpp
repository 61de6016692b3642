// okrkit::postgres — measurements from a PostgreSQL table or query
// (include/okrkit/io/postgres.hpp). The mapping, cell rules and problem
// collection are the SQL components' shared ones (src/io/sql/sql_common.hpp),
// so a row reads and fails here as it does from SQLite.
#include <cmath>
#include <cstdlib>

#include "io/postgres/pg_db.hpp"
#include "okrkit/io/postgres.hpp"

namespace okrkit::postgres {

namespace {

using sql::detail::quote_id;

std::string type_name(const detail::Conn& db, Oid t) {
  auto r = db.exec("SELECT format_type($1::oid, NULL)", {std::to_string(t)});
  return PQntuples(r.get()) ? PQgetvalue(r.get(), 0, 0) : "oid " + std::to_string(t);
}

}  // namespace

ReadResult read_measurements(const std::string& conninfo, const Source& source) {
  return sql::detail::into_new_store(
      [&](SeriesStore& store) { return read_measurements(conninfo, source, store); });
}

ReadResult read_measurements(const std::string& conninfo, const Source& source, SeriesStore& into) {
  if (source.table.empty() == source.query.empty())
    throw DomainError("PostgreSQL source: give exactly one of a table and a query");
  detail::Conn db(conninfo);
  const std::string where =
      db.shown() + (source.table.empty() ? "?query" : "?table=" + source.table);
  const std::string from =
      source.table.empty() ? "(" + source.query + ")" : detail::quote_table(source.table);
  // One snapshot for the probe and the read.
  db.exec("BEGIN TRANSACTION READ ONLY");

  // The source's columns and types, to check the mapping before reading.
  std::vector<std::string> names;
  std::vector<Oid> types;
  {
    auto probe = db.exec("SELECT * FROM " + from + " AS s LIMIT 0", {}, true);
    for (int i = 0; i < PQnfields(probe.get()); ++i) {
      names.emplace_back(PQfname(probe.get(), i));
      types.push_back(PQftype(probe.get(), i));
    }
  }
  const ColumnMap& m = source.columns;
  const sql::detail::Columns cols = sql::detail::resolve_columns(m, names, where);
  const bool id_mode = source.after_id.has_value();
  const std::string id_column = source.id_column.empty() ? "id" : source.id_column;
  if (id_mode) {
    sql::detail::require_column(id_column, "incremental id", names, where);
    const auto i =
        static_cast<std::size_t>(std::find(names.begin(), names.end(), id_column) - names.begin());
    if (!detail::is_integer_type(types[i]))
      throw ParseError("the incremental id column '" + id_column + "' is " +
                           type_name(db, types[i]) +
                           ", not an integer (smallint, integer or bigint)",
                       Location{where, 0, "", id_column});
  }

  std::string sql =
      "SELECT s." + quote_id(m.series) + ", s." + quote_id(m.date) + ", s." + quote_id(m.value);
  sql += cols.numerator.empty() ? ", NULL" : ", s." + quote_id(cols.numerator);
  sql += cols.denominator.empty() ? ", NULL" : ", s." + quote_id(cols.denominator);
  if (id_mode) sql += ", s." + quote_id(id_column);
  sql += " FROM " + from + " AS s";
  std::vector<std::string> conditions;
  std::vector<std::optional<std::string>> params;
  if (source.after_date) {
    // Rows whose date is well-formed and not after the watermark are skipped;
    // every other row is read, so a malformed date is reported, not dropped.
    params.emplace_back(format_date(*source.after_date));
    const std::string d = "s." + quote_id(m.date) + "::text";
    conditions.push_back("NOT (" + d + " ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}' AND substr(" + d +
                         ", 1, 10) <= $" + std::to_string(params.size()) + ")");
  }
  if (id_mode) {
    params.emplace_back(std::to_string(*source.after_id));
    const std::string id = "s." + quote_id(id_column);
    conditions.push_back("(" + id + " > $" + std::to_string(params.size()) + "::bigint OR " + id +
                         " IS NULL)");
  }
  for (std::size_t i = 0; i < conditions.size(); ++i)
    sql += (i ? " AND " : " WHERE ") + conditions[i];
  if (id_mode) sql += " ORDER BY 6";

  // Rows one at a time (single-row mode), not the whole result in memory.
  std::vector<const char*> values;
  values.reserve(params.size());
  for (const auto& p : params) values.push_back(p->c_str());
  if (!PQsendQueryParams(db.get(), sql.c_str(), static_cast<int>(values.size()), nullptr,
                         values.data(), nullptr, nullptr, 0) ||
      !PQsetSingleRowMode(db.get()))
    throw IoError("PostgreSQL: cannot send the query: " + db.error(), Location{where});

  ReadResult result;
  result.last_date = source.after_date;
  result.last_id = source.after_id;
  // Duplicate messages name rows by the id column (id mode) or by their
  // position in the result.
  sql::detail::RowCollector out(where, result, id_mode, source.options,
                                id_mode ? id_column + " values" : "rows");
  auto text = [](PGresult* r, int i) {
    return std::string(PQgetvalue(r, 0, i), static_cast<std::size_t>(PQgetlength(r, 0, i)));
  };
  // A number cell: NULL is missing; otherwise its text as the CSV reader reads
  // it (numeric columns arrive as their text form).
  auto number = [&](PGresult* r, int i, double& v, std::string& shown) {
    if (PQgetisnull(r, 0, i)) {
      v = SeriesStore::missing;
      return true;
    }
    if (PQftype(r, i) == detail::bytea_oid) {
      shown = "a bytea value";
      return false;
    }
    return sql::detail::number_text(text(r, i), v, shown);
  };
  std::optional<std::string> failure;
  for (;;) {
    detail::Result res(PQgetResult(db.get()));
    if (!res) break;
    PGresult* r = res.get();
    const auto st = PQresultStatus(r);
    if (st == PGRES_TUPLES_OK) continue;  // the end of the rows
    if (st != PGRES_SINGLE_TUPLE) {
      if (!failure) failure = PQresultErrorMessage(r);
      continue;  // drain until PQgetResult returns null
    }
    if (failure) continue;
    std::string row_name;
    std::size_t row_number = 0;
    if (id_mode && !PQgetisnull(r, 0, 5)) {
      row_name = " (" + id_column + " " + text(r, 5) + ")";
      row_number = static_cast<std::size_t>(std::strtoll(PQgetvalue(r, 0, 5), nullptr, 10));
    }
    out.next_row(std::move(row_name), row_number);
    if (id_mode && PQgetisnull(r, 0, 5)) {
      out.problem("", id_column, "the incremental id is not an integer");
      continue;
    }
    if (PQgetisnull(r, 0, 0)) {
      out.problem("", m.series, "series id is missing (NULL)");
      continue;
    }
    if (PQftype(r, 0) == detail::bytea_oid) {
      out.problem("", m.series, "series id is bytea, not text");
      continue;
    }
    std::string series = sql::detail::trim(text(r, 0));
    if (series.empty()) {
      out.problem("", m.series, "series id is empty");
      continue;
    }
    if (PQgetisnull(r, 0, 1)) {
      out.problem(series, m.date, "missing date (NULL)");
      continue;
    }
    const Oid date_type = PQftype(r, 1);
    Date date;
    if (detail::is_number_type(date_type) && out.options().date_format == DateFormat::excel) {
      // Excel serial dates, read only on request (as the CSV reader).
      if (auto bad = sql::detail::serial_date(std::strtod(PQgetvalue(r, 0, 1), nullptr), date)) {
        out.problem(series, m.date, *bad);
        continue;
      }
    } else if (detail::is_number_type(date_type) || date_type == detail::bytea_oid) {
      out.problem(
          series, m.date,
          "date is " +
              std::string(date_type == detail::bytea_oid ? "a bytea value"
                                                         : "the number " + text(r, 1)) +
              ", not a date or 'YYYY-MM-DD' text (convert it in a query, e.g. "
              "to_timestamp(" +
              m.date + ")::date for Unix seconds" +
              (date_type == detail::bytea_oid ? std::string(")") : sql::detail::excel_advice));
      continue;
    } else if (auto bad =
                   sql::detail::date_text(text(r, 1),
                                          detail::is_date_type(date_type) ? DateCalendar::gregorian
                                                                          : out.options().calendar,
                                          out.options().date_format, date)) {
      out.problem(series, m.date, *bad);
      continue;
    }
    double v = 0, nu = SeriesStore::missing, de = SeriesStore::missing;
    std::string shown;
    bool ok = true;
    if (!number(r, 2, v, shown)) {
      out.problem(series, m.value, shown + " is not a finite number");
      ok = false;
    }
    if (!cols.numerator.empty() && !number(r, 3, nu, shown)) {
      out.problem(series, cols.numerator, shown + " is not a finite number");
      ok = false;
    }
    if (!cols.denominator.empty() && !number(r, 4, de, shown)) {
      out.problem(series, cols.denominator, shown + " is not a finite number");
      ok = false;
    }
    if (!ok) continue;
    out.add(std::move(series), date, v, nu, de,
            id_mode ? std::strtoll(PQgetvalue(r, 0, 5), nullptr, 10) : 0);
  }
  if (failure) {
    std::string msg = *failure;
    while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' ')) msg.pop_back();
    throw IoError("PostgreSQL: " + msg + " (in: " + sql.substr(0, 300) + ")", Location{where});
  }
  db.exec("COMMIT");
  out.finish(into);
  return result;
}

}  // namespace okrkit::postgres
