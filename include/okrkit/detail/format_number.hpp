// okrkit (private) — the one place numbers become text. Every writer and
// message uses these, so a number reads the same in a diagnostic, a table, a
// report and a CSV cell. JSON and CSV use format_shortest (reads back exact);
// text for people uses the others.
#pragma once

#include <charconv>
#include <cmath>
#include <cstdio>
#include <string>

namespace okrkit::detail {

/// Shortest text that reads back to the same double ("0.1", "61000",
/// "1e+308"); "inf" / "-inf" / "nan" for the non-finite values.
inline std::string format_shortest(double x) {
  if (std::isnan(x)) return "nan";
  if (std::isinf(x)) return x > 0 ? "inf" : "-inf";
  char buf[64];
  auto r = std::to_chars(buf, buf + sizeof buf, x);
  return std::string(buf, r.ptr);
}

/// `significant` significant digits, printf's %g ("61000", "0.0815", "1e+06").
/// std::to_chars with a precision is specified as printf in the "C" locale,
/// so the text is the same, without printf's format parsing (a scorecard
/// formats several numbers per row, every row, at every history date).
inline std::string format_general(double x, int significant = 6) {
  char buf[64];
  const auto r = std::to_chars(buf, buf + sizeof buf, x, std::chars_format::general, significant);
  return std::string(buf, r.ptr);
}

/// A fixed number of decimals, printf's %f ("0.47" for digits 2).
inline std::string format_fixed(double x, int digits) {
  char buf[400];  // %f of 1e308 has 309 digits before the point
  const auto r = std::to_chars(buf, buf + sizeof buf, x, std::chars_format::fixed, digits);
  return std::string(buf, r.ptr);
}

/// A ratio as a percentage with `digits` decimals: 0.125 -> "12.5%" (digits 1).
inline std::string format_percent(double ratio, int digits) {
  return format_fixed(100.0 * ratio, digits) + "%";
}

/// A probability in [0, 1] as a percentage: "-" for NaN, "0%" and "100%"
/// exactly, "<0.01%" / ">99.99%" near the ends, two decimals below 1% and
/// above 99% ("0.43%", "99.95%"), one decimal otherwise ("12.5%"). Never
/// scientific notation (6.7e-05 reads as 6.7 to most people).
inline std::string format_probability(double p) {
  if (std::isnan(p)) return "-";
  if (p <= 0.0) return "0%";
  if (p >= 1.0) return "100%";
  const double v = 100.0 * p;
  if (v < 0.01) return "<0.01%";
  if (v > 99.99) return ">99.99%";
  return format_percent(p, (v < 1.0 || v > 99.0) ? 2 : 1);
}

}  // namespace okrkit::detail
