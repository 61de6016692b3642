// okrkit (internal) — the SQL components' shared logic (src/io/sql/sql_common.hpp).
#include "io/sql/sql_common.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <tuple>
#include <type_traits>

#include "io/csv_reader.hpp"
#include "okrkit/io/scorecard_io.hpp"
#include "okrkit/scoring/node_score_fields.hpp"

namespace okrkit::sql {

namespace detail {

namespace {
constexpr std::size_t max_reported = 100;

std::string name_list(const std::vector<std::string>& names) {
  std::string s;
  for (const auto& n : names) s += (s.empty() ? "" : ", ") + n;
  return s;
}

bool has(const std::vector<std::string>& names, const std::string& c) {
  return std::find(names.begin(), names.end(), c) != names.end();
}
}  // namespace

std::string trim(std::string_view s) {
  const auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return {};
  const auto e = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(b, e - b + 1));
}

std::string quote_id(const std::string& id) {
  std::string q = "\"";
  for (char c : id) {
    if (c == '"') q += '"';
    q += c;
  }
  return q + '"';
}

void require_column(const std::string& col, const char* role, const std::vector<std::string>& names,
                    const std::string& where) {
  if (!has(names, col))
    throw ParseError(
        "no column '" + col + "' for the " + role + " (the source has: " + name_list(names) + ")",
        Location{where, 0, "", col});
}

Columns resolve_columns(const ColumnMap& m, const std::vector<std::string>& names,
                        const std::string& where) {
  require_column(m.series, "series", names, where);
  require_column(m.date, "date", names, where);
  require_column(m.value, "value", names, where);
  auto ratio = [&](const std::string& given, const char* fallback) -> std::string {
    if (given == "-") return {};
    if (given.empty()) return has(names, fallback) ? fallback : "";
    require_column(given, fallback, names, where);
    return given;
  };
  return {m.series, m.date, m.value, ratio(m.numerator, "numerator"),
          ratio(m.denominator, "denominator")};
}

bool number_text(std::string_view text, double& out, std::string& shown) {
  const std::string t = trim(text);
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

const char* const excel_advice =
    "; Excel serial dates: --date-format excel, Python date_format=\"excel\")";

std::optional<std::string> serial_date(double serial, Date& out) {
  DayNumber day = 0;
  std::string why = excel_serial_day(serial, day);
  if (!why.empty()) return why;
  out = from_day_number(day);
  return std::nullopt;
}

std::optional<std::string> date_text(std::string_view text, DateCalendar cal, DateFormat format,
                                     Date& out) {
  std::string d = trim(text);
  if (format == DateFormat::excel && !d.empty()) {
    // Excel serial dates in a text column, read only on request (as the CSV reader).
    double serial = 0;
    auto [p, ec] = std::from_chars(d.data(), d.data() + d.size(), serial);
    if (ec == std::errc() && p == d.data() + d.size() && std::isfinite(serial))
      return serial_date(serial, out);
  }
  if (d.size() > 10 && (d[10] == 'T' || d[10] == ' ')) d.resize(10);
  if (d.size() > 10) return "date '" + d.substr(0, 40) + "' is not YYYY-MM-DD";
  // The calendar and year window of every reader (okrkit/time/date_input.hpp).
  std::string why = okrkit::detail::read_input_date(d, cal, out);
  if (!why.empty()) return why;
  return std::nullopt;
}

RowCollector::RowCollector(std::string where, ReadResult& result, bool id_mode,
                           const MeasurementsOptions& options, std::string plural)
    : where_(std::move(where)),
      result_(result),
      id_mode_(id_mode),
      options_(options),
      plural_(std::move(plural)) {}

void RowCollector::next_row(std::string name, std::size_t number) {
  ++row_;
  name_ = std::move(name);
  number_ = number ? number : row_;
}

void RowCollector::problem(const std::string& series, const std::string& field,
                           const std::string& msg) {
  if (problems_.size() < max_reported)
    problems_.push_back(
        {Severity::error, "bad-row", msg + name_, Location{where_, row_, series, field}});
  else
    ++more_;
}

void RowCollector::add(std::string series, Date date, double value, double numerator,
                       double denominator, std::int64_t id) {
  auto [it, fresh] = id_index_.emplace(series, static_cast<std::uint32_t>(ids_.size()));
  if (fresh) ids_.push_back(std::move(series));
  rows_.push_back({it->second, to_day_number(date), value, numerator, denominator, number_});
  if (!result_.last_date || date > *result_.last_date) result_.last_date = date;
  if (id_mode_ && (!result_.last_id || id > *result_.last_id)) result_.last_id = id;
}

void RowCollector::finish(SeriesStore& into) {
  // Duplicates (same series and date within this read) follow the policy,
  // with the CSV reader's messages and notes.
  SeriesStore read;
  if (problems_.empty())
    read = okrkit::detail::store_from_rows(ids_, rows_, options_.duplicates,
                                           {where_, plural_, false}, problems_);
  if (!problems_.empty()) {
    if (more_ > 0)
      problems_.push_back({Severity::error, "bad-row",
                           "... and " + std::to_string(more_) + " more rows with problems",
                           Location{where_, 0, "", ""}});
    throw ValidationError(std::move(problems_));
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
  result_.rows = rows_.size();
}

ColType column_type(const std::string& name) {
  ColType t = ColType::text;
  std::apply(
      [&](const auto&... f) {
        auto one = [&](const auto& field) {
          if (field.name != name) return;
          using F = std::decay_t<decltype(field)>;
          if constexpr (F::kind == FieldKind::number)
            t = ColType::real;
          else if constexpr (F::kind == FieldKind::count)
            t = ColType::integer;
          else if constexpr (F::kind == FieldKind::flag)
            t = ColType::flag;
        };
        (one(f), ...);
      },
      node_score_fields);
  return t;
}

ScoreRows score_rows(const Scorecard& sc) {
  ScoreRows out;
  const std::string text = to_csv(sc);
  okrkit::detail::CsvReader rd(text, "");
  std::vector<std::string> rec;
  if (rd.next(rec)) out.header = rec;
  while (rd.next(rec)) {
    if (rec.size() != out.header.size())
      throw DomainError("SQL sink: scorecard CSV row " + std::to_string(out.records.size() + 2) +
                        " has " + std::to_string(rec.size()) + " cells, the header " +
                        std::to_string(out.header.size()));
    out.records.push_back(rec);
  }
  const auto& h = out.header;
  out.id_pos = static_cast<std::size_t>(std::find(h.begin(), h.end(), "id") - h.begin());
  out.kind_pos = static_cast<std::size_t>(std::find(h.begin(), h.end(), "kind") - h.begin());
  for (std::size_t i = 0; i < h.size(); ++i)
    if (i != out.id_pos && i != out.kind_pos) out.data_pos.push_back(i);
  return out;
}

const char* const key_columns[4] = {"scorecard", "as_of", "node", "kind"};

std::vector<std::string> missing_score_columns(const std::set<std::string>& have,
                                               const ScoreRows& rows, const std::string& table,
                                               const std::string& where) {
  for (const char* k : key_columns)
    if (!have.count(k))
      throw IoError("table '" + table + "' exists but is not an okrkit scores table (no column '" +
                        k + "'); choose another table=",
                    Location{where});
  if (!have.count("evaluation"))
    throw IoError(
        "table '" + table + "' exists but is not an okrkit scores table (no column 'evaluation')",
        Location{where});
  std::vector<std::string> missing;
  for (auto i : rows.data_pos)
    if (!have.count(rows.header[i])) missing.push_back(rows.header[i]);
  return missing;
}

}  // namespace detail

std::string mask_password(const std::string& conninfo) {
  std::string s = conninfo;
  // URI form: scheme://user:secret@host...
  const auto scheme = s.find("://");
  if (scheme != std::string::npos) {
    const auto start = scheme + 3;
    const auto end = s.find_first_of("/?", start);
    const auto at = s.rfind('@', end == std::string::npos ? std::string::npos : end);
    if (at != std::string::npos && at >= start) {
      const auto colon = s.find(':', start);
      if (colon != std::string::npos && colon < at) s.replace(colon + 1, at - colon - 1, "***");
    }
  }
  // key=value form and URI parameters: password=secret (up to a space or '&').
  for (std::size_t p = 0; (p = s.find("password", p)) != std::string::npos;) {
    std::size_t q = p + 8;
    while (q < s.size() && s[q] == ' ') ++q;
    if (q >= s.size() || s[q] != '=' ||
        (p > 0 && std::isalnum(static_cast<unsigned char>(s[p - 1])))) {
      p = q;
      continue;
    }
    ++q;
    while (q < s.size() && s[q] == ' ') ++q;
    std::size_t e = q;
    if (e < s.size() && s[e] == '\'') {
      ++e;
      while (e < s.size() && s[e] != '\'') e += s[e] == '\\' ? 2 : 1;
      e = std::min(e + 1, s.size());
    } else {
      while (e < s.size() && s[e] != ' ' && s[e] != '&') ++e;
    }
    s.replace(q, e - q, "***");
    p = q + 3;
  }
  return s;
}

std::vector<std::string> score_columns() {
  std::vector<std::string> cols;
  for (const auto& c : detail::score_rows(Scorecard{}).header)
    if (c != "id" && c != "kind") cols.push_back(c);
  return cols;
}

}  // namespace okrkit::sql
