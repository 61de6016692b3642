// okrkit::sqlite — measurements from a SQLite table or query
// (include/okrkit/io/sqlite.hpp). Row problems are collected and thrown
// together, as the CSV reader does (src/io/measurements_csv.cpp).
#include <algorithm>
#include <charconv>
#include <cmath>
#include <string_view>
#include <unordered_map>

#include "io/sqlite/sqlite_db.hpp"
#include "okrkit/io/sqlite.hpp"

namespace okrkit::sqlite {

namespace {

constexpr std::size_t max_reported = 100;

std::string trim(std::string_view s) {
  const auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return {};
  const auto e = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(b, e - b + 1));
}

std::string column_text(sqlite3_stmt* st, int i) {
  const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(st, i));
  return p ? std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(st, i))) : std::string();
}

// A number cell: NULL is missing; INTEGER / REAL as stored; text as the CSV
// reader reads it ("" / NA / NaN / null missing). Non-finite numbers are errors.
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
  std::string t = trim(column_text(st, i));
  shown = "'" + t.substr(0, 40) + (t.size() > 40 ? "...'" : "'");
  if (t.empty() || t == "NA" || t == "NaN" || t == "nan" || t == "null") {
    out = SeriesStore::missing;
    return true;
  }
  const char* b = t.data();
  const char* e = b + t.size();
  if (*b == '+') ++b;
  auto [p, ec] = std::from_chars(b, e, out);
  return ec == std::errc() && p == e && std::isfinite(out);
}

// Text that is a number (an Excel serial date in a text column).
bool is_number(const std::string& t, double& out) {
  const char* b = t.data();
  const char* e = b + t.size();
  auto [p, ec] = std::from_chars(b, e, out);
  return ec == std::errc() && p == e && std::isfinite(out);
}

}  // namespace

ReadResult read_measurements(const std::string& path, const Source& source) {
  SeriesStore store;
  ReadResult r = read_measurements(path, source, store);
  r.store = std::move(store);
  return r;
}

ReadResult read_measurements(const std::string& path, const Source& source, SeriesStore& into) {
  using detail::quote_id;
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
  auto has = [&](const std::string& c) {
    return std::find(names.begin(), names.end(), c) != names.end();
  };
  auto list = [&] {
    std::string s;
    for (const auto& n : names) s += (s.empty() ? "" : ", ") + n;
    return s;
  };
  const ColumnMap& m = source.columns;
  for (const auto& [col, role] :
       {std::pair{m.series, "series"}, {m.date, "date"}, {m.value, "value"}})
    if (!has(col))
      throw ParseError(
          "no column '" + col + "' for the " + role + " (the source has: " + list() + ")",
          Location{where, 0, "", col});
  auto ratio = [&](const std::string& given, const char* fallback) -> std::string {
    if (given == "-") return {};
    if (given.empty()) return has(fallback) ? fallback : "";
    if (!has(given))
      throw ParseError(
          "no column '" + given + "' for the " + fallback + " (the source has: " + list() + ")",
          Location{where, 0, "", given});
    return given;
  };
  const std::string num_col = ratio(m.numerator, "numerator");
  const std::string den_col = ratio(m.denominator, "denominator");
  const bool id_mode = source.after_id.has_value();
  const bool is_rowid =
      source.id_column == "rowid" || source.id_column == "_rowid_" || source.id_column == "oid";
  if (id_mode && !source.query.empty() && is_rowid)
    throw DomainError(
        "SQLite source: the id mode of a query needs id_column naming an increasing "
        "integer column of its result (rowid exists only for tables)");
  if (id_mode && !is_rowid && !has(source.id_column))
    throw ParseError("no column '" + source.id_column +
                         "' for the incremental id (the source has: " + list() + ")",
                     Location{where, 0, "", source.id_column});

  std::string sql =
      "SELECT s." + quote_id(m.series) + ", s." + quote_id(m.date) + ", s." + quote_id(m.value);
  sql += num_col.empty() ? ", NULL" : ", s." + quote_id(num_col);
  sql += den_col.empty() ? ", NULL" : ", s." + quote_id(den_col);
  // The row id names rows in messages (tables) and is the id watermark.
  const bool select_id = id_mode || !source.table.empty();
  if (select_id) sql += ", s." + (is_rowid ? std::string("rowid") : quote_id(source.id_column));
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
    const std::string id = "s." + (is_rowid ? std::string("rowid") : quote_id(source.id_column));
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
  std::vector<Diagnostic> problems;
  std::size_t more = 0;
  std::size_t row = 0;
  std::string row_name;
  // Rows go into `into` only when every row is good: a failed read leaves the
  // caller's store as it was.
  const MeasurementsOptions& opt = source.options;
  std::vector<std::string> ids;
  std::unordered_map<std::string, std::uint32_t> id_index;
  std::vector<okrkit::detail::ReaderRow> rows;
  auto problem = [&](const std::string& series, const std::string& field, const std::string& msg) {
    if (problems.size() < max_reported)
      problems.push_back(
          {Severity::error, "bad-row", msg + row_name, Location{where, row, series, field}});
    else
      ++more;
  };
  auto* s = st.get();
  while (st.step()) {
    ++row;
    row_name.clear();
    if (select_id && sqlite3_column_type(s, 5) != SQLITE_NULL)
      row_name = " (" + (is_rowid || !id_mode ? std::string("rowid") : source.id_column) + " " +
                 column_text(s, 5) + ")";
    if (id_mode && sqlite3_column_type(s, 5) != SQLITE_INTEGER) {
      problem("", source.id_column, "the incremental id is not an integer");
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
    series = trim(column_text(s, 0));
    if (series.empty()) {
      problem("", m.series, "series id is empty");
      continue;
    }
    const int date_type = sqlite3_column_type(s, 1);
    if (date_type == SQLITE_NULL) {
      problem(series, m.date, "missing date (NULL)");
      continue;
    }
    std::string dtext = trim(column_text(s, 1));
    double serial = 0;
    const bool numeric = date_type == SQLITE_INTEGER || date_type == SQLITE_FLOAT ||
                         (date_type == SQLITE_TEXT && !dtext.empty() && is_number(dtext, serial));
    if (date_type == SQLITE_INTEGER || date_type == SQLITE_FLOAT)
      serial = sqlite3_column_double(s, 1);
    DayNumber day = 0;
    if (numeric && opt.date_format == DateFormat::excel) {
      // Excel serial dates, read only on request (as the CSV reader).
      const std::string why = excel_serial_day(serial, day);
      if (!why.empty()) {
        problem(series, m.date, why);
        continue;
      }
    } else if (date_type != SQLITE_TEXT) {
      problem(
          series, m.date,
          "date is " +
              std::string(date_type == SQLITE_BLOB ? "a BLOB" : "the number " + column_text(s, 1)) +
              ", not 'YYYY-MM-DD' text (convert it in a query, e.g. date(" + m.date +
              ", 'unixepoch') for Unix seconds or date(" + m.date +
              ") for Julian days; Excel serial dates: --date-format excel, Python "
              "date_format=\"excel\")");
      continue;
    } else {
      if (dtext.size() > 10 && (dtext[10] == 'T' || dtext[10] == ' ')) dtext.resize(10);
      if (dtext.size() > 10) {
        problem(series, m.date, "date '" + dtext.substr(0, 40) + "' is not YYYY-MM-DD");
        continue;
      }
      // The calendar and year window of every reader (okrkit/time/date_input.hpp).
      Date date;
      const std::string why = okrkit::detail::read_input_date(dtext, opt.calendar, date);
      if (!why.empty()) {
        problem(series, m.date, why);
        continue;
      }
      day = to_day_number(date);
    }
    const Date date = from_day_number(day);
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
    auto [it, fresh] = id_index.emplace(series, static_cast<std::uint32_t>(ids.size()));
    if (fresh) ids.push_back(series);
    rows.push_back({it->second, day, v, nu, de,
                    select_id ? static_cast<std::size_t>(sqlite3_column_int64(s, 5)) : row});
    if (!result.last_date || date > *result.last_date) result.last_date = date;
    if (id_mode) {
      const std::int64_t id = sqlite3_column_int64(s, 5);
      if (!result.last_id || id > *result.last_id) result.last_id = id;
    }
  }
  // Duplicates (same series and date within this read) follow the policy,
  // with the CSV reader's messages and notes (rows named by rowid for tables).
  SeriesStore read;
  if (problems.empty())
    read = okrkit::detail::store_from_rows(ids, rows, opt.duplicates,
                                           {where,
                                            !select_id             ? "rows"
                                            : is_rowid || !id_mode ? "rowids"
                                                                   : source.id_column + " values",
                                            false},
                                           problems);
  if (!problems.empty()) {
    if (more > 0)
      problems.push_back({Severity::error, "bad-row",
                          "... and " + std::to_string(more) + " more rows with problems",
                          Location{where, 0, "", ""}});
    throw ValidationError(std::move(problems));
  }
  read.finalize();
  for (std::size_t k = 0; k < read.series_count(); ++k) {
    const SeriesView v = read.view(k);
    for (std::size_t j = 0; j < v.size; ++j)
      into.add(v.id, v.days[j], v.values[j], v.numerators ? v.numerators[j] : SeriesStore::missing,
               v.denominators ? v.denominators[j] : SeriesStore::missing);
  }
  for (const Diagnostic& note : read.notes()) into.add_note(note);
  into.finalize();
  result.rows = rows.size();
  return result;
}

}  // namespace okrkit::sqlite
