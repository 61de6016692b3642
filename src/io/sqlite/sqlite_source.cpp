// okrkit::sqlite — measurements from a SQLite table or query
// (include/okrkit/io/sqlite.hpp). Row problems are collected and thrown
// together, as the CSV reader does (src/io/measurements_csv.cpp).
#include <cmath>

#include "io/sqlite/sqlite_db.hpp"
#include "okrkit/io/sqlite.hpp"

namespace okrkit::sqlite {

namespace {

using sql::detail::number_text;

std::string column_text(sqlite3_stmt* st, int i) {
  const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(st, i));
  return p ? std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(st, i))) : std::string();
}

// A number cell: NULL is missing; INTEGER / REAL as stored; text as the CSV
// reader reads it (sql::detail::number_text). Non-finite numbers are errors.
bool number(sqlite3_stmt* st, int i, double& out, std::string& shown) {
  switch (sqlite3_column_type(st, i)) {
    case SQLITE_NULL:
      out = SeriesStore::missing;
      return true;
    case SQLITE_INTEGER:
      out = static_cast<double>(sqlite3_column_int64(st, i));
      return true;
    case SQLITE_FLOAT:
      out = sqlite3_column_double(st, i);
      shown = std::to_string(out);
      return std::isfinite(out);
    case SQLITE_BLOB:
      shown = "a BLOB";
      return false;
    default:
      break;
  }
  return number_text(column_text(st, i), out, shown);
}

}  // namespace

ReadResult read_measurements(const std::string& path, const Source& source) {
  return sql::detail::into_new_store(
      [&](SeriesStore& store) { return read_measurements(path, source, store); });
}

ReadResult read_measurements(const std::string& path, const Source& source, SeriesStore& into) {
  using sql::detail::quote_id;
  if (source.table.empty() == source.query.empty())
    throw DomainError("SQLite source: give exactly one of a table and a query");
  detail::Db db(path, SQLITE_OPEN_READONLY);
  const std::string where =
      source.table.empty() ? path + "?query" : path + "?table=" + source.table;
  const std::string from = source.table.empty() ? "(" + source.query + ")" : quote_id(source.table);

  // The source's columns, to check the mapping before reading.
  std::vector<std::string> names;
  {
    detail::Stmt probe(db, "SELECT * FROM " + from + " AS s LIMIT 0");
    for (int i = 0; i < sqlite3_column_count(probe.get()); ++i)
      names.emplace_back(sqlite3_column_name(probe.get(), i));
  }
  const ColumnMap& m = source.columns;
  const sql::detail::Columns cols = sql::detail::resolve_columns(m, names, where);
  const std::string& num_col = cols.numerator;
  const std::string& den_col = cols.denominator;
  const bool id_mode = source.after_id.has_value();
  const std::string id_column = source.id_column.empty() ? "rowid" : source.id_column;
  const bool is_rowid = id_column == "rowid" || id_column == "_rowid_" || id_column == "oid";
  if (id_mode && !source.query.empty() && is_rowid)
    throw DomainError(
        "SQLite source: the id mode of a query needs id_column naming an increasing "
        "integer column of its result (rowid exists only for tables)");
  if (id_mode && !is_rowid) sql::detail::require_column(id_column, "incremental id", names, where);

  std::string sql =
      "SELECT s." + quote_id(m.series) + ", s." + quote_id(m.date) + ", s." + quote_id(m.value);
  sql += num_col.empty() ? ", NULL" : ", s." + quote_id(num_col);
  sql += den_col.empty() ? ", NULL" : ", s." + quote_id(den_col);
  // The row id names rows in messages (tables) and is the id watermark.
  const bool select_id = id_mode || !source.table.empty();
  if (select_id) sql += ", s." + (is_rowid ? std::string("rowid") : quote_id(id_column));
  sql += " FROM " + from + " AS s";
  std::vector<std::string> conditions;
  if (source.after_date)
    // Rows whose date is well-formed and not after the watermark are skipped;
    // every other row is read, so a malformed date is reported, not dropped.
    conditions.push_back("NOT (typeof(s." + quote_id(m.date) + ") = 'text' AND s." +
                         quote_id(m.date) +
                         " GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*' AND substr(s." +
                         quote_id(m.date) + ", 1, 10) <= ?1)");
  if (id_mode) {
    const std::string id = "s." + (is_rowid ? std::string("rowid") : quote_id(id_column));
    conditions.push_back("(" + id + " > ?2 OR " + id + " IS NULL OR typeof(" + id +
                         ") <> 'integer')");
  }
  for (std::size_t i = 0; i < conditions.size(); ++i)
    sql += (i ? " AND " : " WHERE ") + conditions[i];
  if (id_mode) sql += " ORDER BY 6";

  detail::Stmt st(db, sql);
  if (source.after_date) st.bind(1, format_date(*source.after_date));
  if (id_mode) st.bind(2, *source.after_id);

  ReadResult result;
  result.last_date = source.after_date;
  result.last_id = source.after_id;
  // Duplicate messages name rows by rowid (tables), by the id column (the id
  // mode of a query) or by their position in the result.
  sql::detail::RowCollector out(where, result, id_mode, source.options,
                                !select_id             ? "rows"
                                : is_rowid || !id_mode ? "rowids"
                                                       : id_column + " values");
  auto problem = [&](const std::string& series, const std::string& field, const std::string& msg) {
    out.problem(series, field, msg);
  };
  auto* s = st.get();
  while (st.step()) {
    std::string row_name;
    std::size_t row_number = 0;
    if (select_id && sqlite3_column_type(s, 5) != SQLITE_NULL) {
      row_name = " (" + (is_rowid || !id_mode ? std::string("rowid") : id_column) + " " +
                 column_text(s, 5) + ")";
      row_number = static_cast<std::size_t>(sqlite3_column_int64(s, 5));
    }
    out.next_row(std::move(row_name), row_number);
    if (id_mode && sqlite3_column_type(s, 5) != SQLITE_INTEGER) {
      problem("", id_column, "the incremental id is not an integer");
      continue;
    }
    std::string series;
    const int series_type = sqlite3_column_type(s, 0);
    if (series_type == SQLITE_NULL) {
      problem("", m.series, "series id is missing (NULL)");
      continue;
    }
    if (series_type == SQLITE_BLOB) {
      problem("", m.series, "series id is a BLOB, not text");
      continue;
    }
    series = sql::detail::trim(column_text(s, 0));
    if (series.empty()) {
      problem("", m.series, "series id is empty");
      continue;
    }
    const int date_type = sqlite3_column_type(s, 1);
    if (date_type == SQLITE_NULL) {
      problem(series, m.date, "missing date (NULL)");
      continue;
    }
    Date date;
    if (date_type == SQLITE_INTEGER || date_type == SQLITE_FLOAT) {
      // Excel serial dates, read only on request (as the CSV reader).
      if (out.options().date_format == DateFormat::excel) {
        if (auto bad = sql::detail::serial_date(sqlite3_column_double(s, 1), date)) {
          problem(series, m.date, *bad);
          continue;
        }
      } else {
        problem(series, m.date,
                "date is the number " + column_text(s, 1) +
                    ", not 'YYYY-MM-DD' text (convert it in a query, e.g. date(" + m.date +
                    ", 'unixepoch') for Unix seconds or date(" + m.date + ") for Julian days" +
                    sql::detail::excel_advice);
        continue;
      }
    } else if (date_type != SQLITE_TEXT) {
      problem(series, m.date, "date is a BLOB, not 'YYYY-MM-DD' text");
      continue;
    } else if (auto bad = sql::detail::date_text(column_text(s, 1), out.options().calendar,
                                                 out.options().date_format, date)) {
      problem(series, m.date, *bad);
      continue;
    }
    double v = 0, nu = SeriesStore::missing, de = SeriesStore::missing;
    std::string shown;
    bool ok = true;
    if (!number(s, 2, v, shown)) {
      problem(series, m.value, shown + " is not a finite number");
      ok = false;
    }
    if (!num_col.empty() && !number(s, 3, nu, shown)) {
      problem(series, num_col, shown + " is not a finite number");
      ok = false;
    }
    if (!den_col.empty() && !number(s, 4, de, shown)) {
      problem(series, den_col, shown + " is not a finite number");
      ok = false;
    }
    if (!ok) continue;
    out.add(std::move(series), date, v, nu, de, id_mode ? sqlite3_column_int64(s, 5) : 0);
  }
  out.finish(into);
  return result;
}

}  // namespace okrkit::sqlite
