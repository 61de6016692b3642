// okrkit (internal) — the one CSV cell writer of every CSV output (scorecard,
// appraisal, measurements): RFC 4180 quoting plus the spreadsheet-injection
// rule (OWASP "CSV injection"). A text cell that begins with = + - @, a tab or
// a carriage return would be run as a formula by a spreadsheet; it is written
// with a leading apostrophe ('=HYPERLINK(...)), which spreadsheets show as
// text. A cell that is a plain number ("-5", "1e-3", "-inf") stays a number.
// Leading apostrophes already in the text are counted past, so that
// csv_unescape() gives back exactly the text that was written.
#pragma once

#include <charconv>
#include <cmath>
#include <string>
#include <string_view>
#include "okrkit/detail/format_number.hpp"

namespace okrkit::detail {

/// Does a spreadsheet treat a cell starting with `c` as a formula?
inline bool csv_formula_start(char c) noexcept {
  return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
}

/// Is `s` a plain number, as to_chars writes one (or "inf" / "-inf" / "nan")?
inline bool csv_is_number(std::string_view s) noexcept {
  if (s.empty()) return false;
  double v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  return ec == std::errc() && p == s.data() + s.size();
}

/// Does `s` get the leading apostrophe?
inline bool csv_needs_guard(std::string_view s) noexcept {
  std::size_t k = 0;
  while (k < s.size() && s[k] == '\'') ++k;
  return k < s.size() && csv_formula_start(s[k]) && !csv_is_number(s);
}

/// One CSV cell for text: guarded against formulas, quoted when it holds a
/// comma, quote, CR or LF, or begins or ends with a space or tab.
inline std::string csv_cell(std::string_view s) {
  std::string t;
  if (csv_needs_guard(s)) t += '\'';
  t += s;
  const bool edge_space =
      !t.empty() && (t.front() == ' ' || t.front() == '\t' || t.back() == ' ' || t.back() == '\t');
  if (t.find_first_of(",\"\r\n") == std::string::npos && !edge_space) return t;
  std::string q = "\"";
  for (char c : t) {
    if (c == '"') q += '"';
    q += c;
  }
  return q + '"';
}

/// One CSV cell for a number: the shortest text that reads back to the same
/// double; "" for NaN.
inline std::string csv_number(double v) {
  if (std::isnan(v)) return "";
  return detail::format_shortest(v);
}

/// The inverse of the guard, for readers of okrkit's own CSV: "'=x" -> "=x",
/// "''=x" -> "'=x"; any other text is returned as is.
inline std::string csv_unescape(std::string s) {
  std::size_t k = 0;
  while (k < s.size() && s[k] == '\'') ++k;
  if (k > 0 && k < s.size() && csv_formula_start(s[k]) &&
      !csv_is_number(std::string_view(s).substr(1)))
    s.erase(0, 1);
  return s;
}

}  // namespace okrkit::detail
