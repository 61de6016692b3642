// okrkit — measurements CSV reader and writer (RFC 4180 quoting, CRLF or LF,
// optional UTF-8 BOM). Structural problems of the file as a whole (empty, no
// header, missing columns) are ParseErrors; problems of rows are collected and
// thrown together as one ValidationError, each naming file, row, series, column.
#include <charconv>
#include <cmath>
#include <cstring>

#include "io/csv_reader.hpp"
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

// A cell quoted for a message; a long one (a 100 MB line) is cut to its first
// 40 bytes, at a UTF-8 character boundary, with its length.
std::string quote_cell(const std::string& cell) {
  constexpr std::size_t keep = 40;
  if (cell.size() <= keep) return "'" + cell + "'";
  std::size_t n = keep;
  while (n > 0 && (static_cast<unsigned char>(cell[n]) & 0xC0) == 0x80) --n;
  return "'" + cell.substr(0, n) + "...' (" + std::to_string(cell.size()) + " bytes)";
}

}  // namespace

SeriesStore parse_measurements(std::string_view csv, const std::string& file) {
  detail::CsvReader cur(csv, file);
  std::vector<std::string> rec;
  if (!cur.next(rec) || (rec.size() == 1 && trim_cell(rec[0]).empty()))
    throw ParseError("empty file: expected a header with series,date,value", Location{file, 1, "", ""});
  int col_series = -1, col_date = -1, col_value = -1, col_num = -1, col_den = -1;
  for (std::size_t i = 0; i < rec.size(); ++i) {
    std::string h = trim_cell(rec[i]);
    int* slot = h == "series" ? &col_series : h == "date" ? &col_date : h == "value" ? &col_value
              : h == "numerator" ? &col_num : h == "denominator" ? &col_den : nullptr;
    if (!slot) continue;  // other columns (comments, sources) are ignored
    if (*slot >= 0)
      throw ParseError("duplicate column '" + h + "'", Location{file, 1, "", h});
    *slot = static_cast<int>(i);
  }
  for (auto [col, name] : {std::pair{col_series, "series"}, {col_date, "date"}, {col_value, "value"}})
    if (col < 0)
      throw ParseError("missing column '" + std::string(name) +
                           "' (header must name series, date, value; optional numerator, denominator)",
                       Location{file, 1, "", name});
  const std::size_t width = rec.size();

  SeriesStore store;
  std::vector<std::uint32_t> lines;  // line of each added row
  std::vector<Diagnostic> problems;
  std::size_t more = 0;
  auto problem = [&](std::size_t row, const std::string& series, const std::string& field,
                     const std::string& msg) {
    if (problems.size() < max_reported)
      problems.push_back({Severity::error, "bad-row", msg, Location{file, row, series, field}});
    else
      ++more;
  };
  while (cur.next(rec)) {
    std::size_t row = cur.row();
    if (rec.size() == 1 && trim_cell(rec[0]).empty()) continue;  // blank line
    if (rec.size() != width) {
      problem(row, "", "", "row has " + std::to_string(rec.size()) + " fields, header has " +
                               std::to_string(width));
      continue;
    }
    std::string series = trim_cell(rec[static_cast<std::size_t>(col_series)]);
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
    if (dtext.size() > 10) {  // never echo a huge cell whole
      problem(row, series, "date", "date " + quote_cell(dtext) + " is not YYYY-MM-DD");
      continue;
    }
    Date date;
    try {
      date = parse_date(dtext);
    } catch (const ParseError& e) {
      problem(row, series, "date", e.what());
      continue;
    }
    double v, num = SeriesStore::missing, den = SeriesStore::missing;
    bool ok = true;
    if (!parse_number(trim_cell(rec[static_cast<std::size_t>(col_value)]), v)) {
      problem(row, series, "value", quote_cell(trim_cell(rec[static_cast<std::size_t>(col_value)])) + " is not a finite number");
      ok = false;
    }
    if (col_num >= 0 && !parse_number(trim_cell(rec[static_cast<std::size_t>(col_num)]), num)) {
      problem(row, series, "numerator", quote_cell(trim_cell(rec[static_cast<std::size_t>(col_num)])) + " is not a finite number");
      ok = false;
    }
    if (col_den >= 0 && !parse_number(trim_cell(rec[static_cast<std::size_t>(col_den)]), den)) {
      problem(row, series, "denominator", quote_cell(trim_cell(rec[static_cast<std::size_t>(col_den)])) + " is not a finite number");
      ok = false;
    }
    if (ok) {
      store.add(series, date, v, num, den);
      lines.push_back(static_cast<std::uint32_t>(row));
    }
  }
  if (!problems.empty()) {
    if (more > 0)
      problems.push_back({Severity::error, "bad-row", "... and " + std::to_string(more) + " more rows with problems",
                          Location{file, 0, "", ""}});
    throw ValidationError(std::move(problems));
  }
  store.set_origin(file, std::move(lines));  // diagnostics name file:line of a row
  store.finalize();
  return store;
}

SeriesStore load_measurements(const std::string& path) {
  return parse_measurements(read_file(path), path);
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
  auto quoted = [&](std::string_view id) {
    if (id.find_first_of(",\"\r\n") == std::string_view::npos && id == trim_cell(std::string(id))) {
      out += id;
      return;
    }
    out += '"';
    for (char c : id) {
      if (c == '"') out += '"';
      out += c;
    }
    out += '"';
  };
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
