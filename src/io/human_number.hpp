// okrkit (private) — numbers for people: probabilities as percentages with a
// precision that fits their size, for the text outputs (scorecard table,
// lint table and messages). JSON and CSV keep full precision.
#pragma once

#include <cmath>
#include <cstdio>
#include <string>

namespace okrkit::detail {

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
  char buf[32];
  std::snprintf(buf, sizeof buf, (v < 1.0 || v > 99.0) ? "%.2f%%" : "%.1f%%", v);
  return buf;
}

}  // namespace okrkit::detail
