// okrkit — measurements CSV reader and writer (RFC 4180 quoting, CRLF or LF,
// optional UTF-8 BOM). Structural problems of the file as a whole (empty, no
// header, missing columns) are ParseErrors; problems of rows are collected and
// thrown together as one ValidationError, each naming file, row, series, column.
#include <charconv>
#include <cmath>
#include <cstring>
#include <algorithm>
#include <map>
#include <unordered_map>

#include "io/csv_reader.hpp"
#include "okrkit/detail/utf8.hpp"
#include "io/csv_writer.hpp"
#include "okrkit/io/atomic_file.hpp"
#include "okrkit/io/measurements_io.hpp"

namespace okrkit {

namespace {

constexpr std::size_t max_reported = 100;  // row problems listed before "... and N more"

using detail::trim_cell;
using detail::valid_utf8;

// A number cell: "" / "NA" / "NaN" / "null" are missing (NaN); inf is an error.
bool parse_number(const std::string& cell, double& out) {
  if (cell.empty() || cell == "NA" || cell == "NaN" || cell == "nan" || cell == "null") {
    out = SeriesStore::missing;
    return true;
  }
  const char* b = cell.data();
  const char* e = b + cell.size();
  if (*b == '+') ++b;
  auto [p, ec] = std::from_chars(b, e, out);
  return ec == std::errc() && p == e && std::isfinite(out);
}

std::string to_string_policy(DuplicatePolicy p) { return std::string(detail::enum_to_string(p)); }

// A cell quoted for a message; a long one (a 100 MB line) is cut to its first
// 40 bytes, at a UTF-8 character boundary, with its length.
std::string quote_cell(const std::string& cell) {
  constexpr std::size_t keep = 40;
  if (cell.size() <= keep) return "'" + cell + "'";
  const std::size_t n = detail::utf8_floor(cell, keep);
  return "'" + cell.substr(0, n) + "...' (" + std::to_string(cell.size()) + " bytes)";
}

using RawRow = detail::ReaderRow;

// NaN-skipping sum / mean of one column over a group of rows.
template <class Get>
double combine(const std::vector<RawRow>& rows, const std::vector<std::size_t>& group, bool mean,
               Get get) {
  double sum = 0;
  std::size_t n = 0;
  for (std::size_t i : group) {
    const double v = get(rows[i]);
    if (std::isnan(v)) continue;
    sum += v;
    ++n;
  }
  if (n == 0) return SeriesStore::missing;
  return mean ? sum / static_cast<double>(n) : sum;
}

// The store from rows in input order: rows with the same series and day are
// an error (listing both rows) or are combined by `policy`, with one info note
// per series. `names` says how messages name the rows.
SeriesStore build_store(const std::vector<std::string>& ids, std::vector<RawRow>& rows,
                        DuplicatePolicy policy, const detail::RowNames& names,
                        std::vector<Diagnostic>& problems, std::size_t& more,
                        std::vector<std::uint32_t>* lines = nullptr) {
  // Series keep the order of their first row (as SeriesStore::add gives them).
  std::vector<std::uint32_t> rank(ids.size(), UINT32_MAX);
  std::uint32_t next = 0;
  for (const auto& r : rows)
    if (rank[r.series] == UINT32_MAX) rank[r.series] = next++;
  std::vector<std::size_t> order(rows.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    const auto ra = rank[rows[a].series], rb = rank[rows[b].series];
    return ra != rb ? ra < rb : rows[a].day < rows[b].day;
  });
  auto row_name = [&](std::size_t r) { return std::to_string(r); };
  auto where = [&](const RawRow& r) {
    return Location{names.source, names.row_is_line ? r.row : 0, ids[r.series], "date"};
  };
  const std::string rows_word = names.plural + " ";
  SeriesStore store;
  store.reserve(rows.size());
  struct Resolved {
    std::size_t dates = 0;
    std::size_t extra = 0;
    const RawRow* first = nullptr;
    const RawRow* second = nullptr;
  };
  std::map<std::uint32_t, Resolved> resolved;
  std::vector<std::size_t> group;
  for (std::size_t i = 0; i < order.size();) {
    group.clear();
    std::size_t j = i;
    while (j < order.size() && rows[order[j]].series == rows[order[i]].series &&
           rows[order[j]].day == rows[order[i]].day)
      group.push_back(order[j++]);
    i = j;
    const RawRow& a = rows[group.front()];
    // The line of each added row, in add() order (SeriesStore::set_origin):
    // a combined group is named by its first row.
    if (lines && !(group.size() > 1 && policy == DuplicatePolicy::error))
      lines->push_back(static_cast<std::uint32_t>(
          group.size() > 1 && policy == DuplicatePolicy::last ? rows[group.back()].row : a.row));
    if (group.size() == 1) {
      store.add(ids[a.series], a.day, a.value, a.num, a.den);
      continue;
    }
    if (policy == DuplicatePolicy::error) {
      for (std::size_t k = 1; k < group.size(); ++k) {
        const RawRow& b = rows[group[k]];
        std::string msg = "series '" + ids[a.series] + "' has more than one row for " +
                          format_date(from_day_number(a.day)) + " (" + rows_word + row_name(a.row) +
                          " and " + row_name(b.row) +
                          "): remove one, or choose how to combine them with --duplicates "
                          "last|first|sum|mean (Python: duplicates=\"last\", ...)";
        if (problems.size() < max_reported)
          problems.push_back({Severity::error, "duplicate-row", std::move(msg), where(b)});
        else
          ++more;
      }
      continue;
    }
    auto& rs = resolved[a.series];
    if (rs.dates++ == 0) {
      rs.first = &a;
      rs.second = &rows[group[1]];
    }
    rs.extra += group.size() - 1;
    if (policy == DuplicatePolicy::first || policy == DuplicatePolicy::last) {
      const RawRow& w = policy == DuplicatePolicy::first ? a : rows[group.back()];
      store.add(ids[w.series], w.day, w.value, w.num, w.den);
    } else {
      const bool mean = policy == DuplicatePolicy::mean;
      store.add(ids[a.series], a.day,
                combine(rows, group, mean, [](const RawRow& r) { return r.value; }),
                combine(rows, group, mean, [](const RawRow& r) { return r.num; }),
                combine(rows, group, mean, [](const RawRow& r) { return r.den; }));
    }
  }
  for (const auto& [sid, rs] : resolved) {
    const std::string msg =
        std::to_string(rs.dates) + (rs.dates == 1 ? " date" : " dates") +
        " with more than one row (" + std::to_string(rs.extra) + " extra " +
        (rs.extra == 1 ? "row" : "rows") + ") combined by duplicates=" + to_string_policy(policy) +
        "; first: " + format_date(from_day_number(rs.first->day)) + " (" + rows_word +
        row_name(rs.first->row) + " and " + row_name(rs.second->row) + ")";
    store.add_note({Severity::info, "duplicates-resolved", msg, where(*rs.second)});
  }
  return store;
}

}  // namespace

namespace detail {
SeriesStore store_from_rows(const std::vector<std::string>& ids, std::vector<ReaderRow>& rows,
                            DuplicatePolicy policy, const RowNames& names,
                            std::vector<Diagnostic>& problems) {
  std::size_t more = 0;
  SeriesStore store = build_store(ids, rows, policy, names, problems, more);
  if (more > 0)
    problems.push_back({Severity::error, "duplicate-row",
                        "... and " + std::to_string(more) + " more duplicate rows",
                        Location{names.source, 0, "", ""}});
  return store;
}
}  // namespace detail

std::string excel_serial_day(double serial, DayNumber& out) {
  char buf[32];
  auto r = std::to_chars(buf, buf + sizeof buf, serial);
  const std::string text(buf, r.ptr);
  if (!(serial >= 1))
    return "Excel serial date " + text + " is before 1 (1900-01-01), the first day Excel counts";
  // 1970-01-01 is serial 25569; 1..59 are 1900-01-01..1900-02-28, 60 is Excel's
  // fictitious 1900-02-29, from 61 (1900-03-01) on the count is exact.
  const double n = std::floor(serial);
  const double last = 25569.0 + to_day_number(Date(max_input_year, 12, 31));
  if (n > last)
    return "Excel serial date " + text + " is after " + std::to_string(max_input_year) + "-12-31";
  if (n == 60)
    return "Excel serial date 60 is 1900-02-29, a day that does not exist (Excel's 1900 leap-year "
           "bug)";
  const DayNumber day = static_cast<DayNumber>(n) - (n < 60 ? 25568 : 25569);
  if (from_day_number(day).year() < min_input_year)  // never: Excel starts in 1900
    return "Excel serial date " + text + " is before " + std::to_string(min_input_year);
  out = day;
  return "";
}

SeriesStore parse_measurements(std::string_view csv, const std::string& file,
                               const MeasurementsOptions& opt) {
  detail::CsvReader cur(csv, file);
  std::vector<std::string> rec;
  if (!cur.next(rec) || (rec.size() == 1 && trim_cell(rec[0]).empty()))
    throw ParseError("empty file: expected a header with series,date,value",
                     Location{file, 1, "", ""});
  int col_series = -1, col_date = -1, col_value = -1, col_num = -1, col_den = -1;
  for (std::size_t i = 0; i < rec.size(); ++i) {
    std::string h = trim_cell(rec[i]);
    int* slot = h == "series"        ? &col_series
                : h == "date"        ? &col_date
                : h == "value"       ? &col_value
                : h == "numerator"   ? &col_num
                : h == "denominator" ? &col_den
                                     : nullptr;
    if (!slot) continue;  // other columns (comments, sources) are ignored
    if (*slot >= 0) throw ParseError("duplicate column '" + h + "'", Location{file, 1, "", h});
    *slot = static_cast<int>(i);
  }
  for (auto [col, name] :
       {std::pair{col_series, "series"}, {col_date, "date"}, {col_value, "value"}})
    if (col < 0)
      throw ParseError(
          "missing column '" + std::string(name) +
              "' (header must name series, date, value; optional numerator, denominator)",
          Location{file, 1, "", name});
  const std::size_t width = rec.size();

  std::vector<std::string> ids;
  std::unordered_map<std::string, std::uint32_t> id_index;
  std::vector<RawRow> rows;
  std::vector<Diagnostic> problems;
  std::size_t more = 0;
  auto problem = [&](std::size_t row, const std::string& series, const std::string& field,
                     const std::string& msg, const char* code = "bad-row") {
    if (problems.size() < max_reported)
      problems.push_back({Severity::error, code, msg, Location{file, row, series, field}});
    else
      ++more;
  };
  while (cur.next(rec)) {
    std::size_t row = cur.row();
    if (rec.size() == 1 && trim_cell(rec[0]).empty()) continue;  // blank line
    if (rec.size() != width) {
      problem(
          row, "", "",
          "row has " + std::to_string(rec.size()) + " fields, header has " + std::to_string(width));
      continue;
    }
    // okrkit's own CSV writers guard ids against spreadsheet formulas ("'=x").
    std::string series = detail::csv_unescape(trim_cell(rec[static_cast<std::size_t>(col_series)]));
    if (!valid_utf8(series)) {
      problem(row, "", "series", "series id is not valid UTF-8");
      continue;
    }
    if (series.empty()) {
      problem(row, "", "series", "series id is empty");
      continue;
    }
    std::string dtext = trim_cell(rec[static_cast<std::size_t>(col_date)]);
    // A timestamp keeps its date: okrkit works at day resolution.
    if (dtext.size() > 10 && (dtext[10] == 'T' || dtext[10] == ' ')) dtext.resize(10);
    DayNumber day = 0;
    double serial = 0;
    if (!dtext.empty() && parse_number(dtext, serial) && !std::isnan(serial)) {
      // A number where a date belongs: an Excel serial date, read only on request.
      if (opt.date_format != DateFormat::excel) {
        problem(row, series, "date",
                "date " + quote_cell(dtext) +
                    " is a number, not YYYY-MM-DD; if the column holds Excel serial dates, read it "
                    "with "
                    "--date-format excel (Python: date_format=\"excel\")",
                "excel-date");
        continue;
      }
      const std::string why = excel_serial_day(serial, day);
      if (!why.empty()) {
        problem(row, series, "date", why);
        continue;
      }
    } else {
      if (dtext.size() > 10) {  // never echo a huge cell whole
        problem(row, series, "date", "date " + quote_cell(dtext) + " is not YYYY-MM-DD");
        continue;
      }
      Date date;
      std::string code;
      const std::string why = detail::read_input_date(dtext, opt.calendar, date, &code);
      if (!why.empty()) {
        problem(row, series, "date", why,
                code == "date-out-of-range" ? "date-out-of-range" : "bad-row");
        continue;
      }
      day = to_day_number(date);
    }
    double v, num = SeriesStore::missing, den = SeriesStore::missing;
    bool ok = true;
    if (!parse_number(trim_cell(rec[static_cast<std::size_t>(col_value)]), v)) {
      problem(row, series, "value",
              quote_cell(trim_cell(rec[static_cast<std::size_t>(col_value)])) +
                  " is not a finite number");
      ok = false;
    }
    if (col_num >= 0 && !parse_number(trim_cell(rec[static_cast<std::size_t>(col_num)]), num)) {
      problem(row, series, "numerator",
              quote_cell(trim_cell(rec[static_cast<std::size_t>(col_num)])) +
                  " is not a finite number");
      ok = false;
    }
    if (col_den >= 0 && !parse_number(trim_cell(rec[static_cast<std::size_t>(col_den)]), den)) {
      problem(row, series, "denominator",
              quote_cell(trim_cell(rec[static_cast<std::size_t>(col_den)])) +
                  " is not a finite number");
      ok = false;
    }
    if (!ok) continue;
    auto [it, fresh] = id_index.emplace(series, static_cast<std::uint32_t>(ids.size()));
    if (fresh) ids.push_back(series);
    rows.push_back({it->second, day, v, num, den, row});
  }
  SeriesStore store;
  std::vector<std::uint32_t> lines;  // line of each added row
  if (problems.empty())
    store = build_store(ids, rows, opt.duplicates, {file, "rows", true}, problems, more, &lines);
  if (!problems.empty()) {
    if (more > 0)
      problems.push_back({Severity::error, "bad-row",
                          "... and " + std::to_string(more) + " more rows with problems",
                          Location{file, 0, "", ""}});
    throw ValidationError(std::move(problems));
  }
  store.set_origin(file, std::move(lines));  // diagnostics name file:line of a row
  store.finalize();
  return store;
}

SeriesStore load_measurements(const std::string& path, const MeasurementsOptions& opt) {
  return parse_measurements(read_file(path), path, opt);
}

SeriesStore measurements_from_columns(std::size_t n, const std::int64_t* codes,
                                      const std::vector<std::string>& categories,
                                      const std::int32_t* days, const double* values,
                                      const double* numerators, const double* denominators,
                                      DuplicatePolicy duplicates) {
  std::vector<RawRow> rows;
  rows.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    if (codes[i] < 0 || static_cast<std::size_t>(codes[i]) >= categories.size())
      throw DomainError("row " + std::to_string(i) + ": series code " + std::to_string(codes[i]) +
                        " has no category");
    rows.push_back({static_cast<std::uint32_t>(codes[i]), days[i], values[i],
                    numerators ? numerators[i] : SeriesStore::missing,
                    denominators ? denominators[i] : SeriesStore::missing, i});
  }
  std::vector<Diagnostic> problems;
  std::size_t more = 0;
  SeriesStore store =
      build_store(categories, rows, duplicates, {"", "frame rows", false}, problems, more);
  if (!problems.empty()) {
    if (more > 0)
      problems.push_back({Severity::error, "duplicate-row",
                          "... and " + std::to_string(more) + " more duplicate rows", Location{}});
    throw ValidationError(std::move(problems));
  }
  store.finalize();
  return store;
}

std::string dump_measurements(const SeriesStore& store) {
  const bool ratio = store.has_ratio_columns();
  std::string out = ratio ? "series,date,value,numerator,denominator\n" : "series,date,value\n";
  auto cell = [&](double v) {
    if (std::isnan(v)) return;
    char buf[32];
    auto r = std::to_chars(buf, buf + sizeof buf, v);
    out.append(buf, r.ptr);
  };
  auto quoted = [&](std::string_view id) { out += detail::csv_cell(id); };
  for (std::size_t s = 0; s < store.series_count(); ++s) {
    auto v = store.view(s);
    for (std::size_t i = 0; i < v.size; ++i) {
      quoted(v.id);
      out += ',';
      out += format_date(v.date(i));
      out += ',';
      cell(v.values[i]);
      if (ratio) {
        out += ',';
        cell(v.numerators[i]);
        out += ',';
        cell(v.denominators[i]);
      }
      out += '\n';
    }
  }
  return out;
}

}  // namespace okrkit
