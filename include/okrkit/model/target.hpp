// okrkit — what a measure aims at: target kinds, baselines, relative targets.
//
// The scoring functions of one target (progress, performance, attainment) live
// in progress.hpp; this header holds the data and the relative-target syntax.
#pragma once

#include <cmath>
#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "okrkit/detail/enum_names.hpp"
#include "okrkit/core/error.hpp"

namespace okrkit {

/// How progress towards a target is measured.
enum class TargetKind {
  increase,   ///< (v - b) / (t - b), t > b
  decrease,   ///< same formula, t < b
  at_least,   ///< 1 if v >= t, else linear from a floor
  at_most,    ///< 1 if v <= t, else linear from a ceiling
  range,      ///< 1 inside [lo, hi], linear fall-off outside
  milestone,  ///< weighted fraction of milestones done
  baseline,   ///< "establish a baseline": done once a value is measured
};

/// How a KPI without a baseline turns value and target into achievement.
enum class ProgressMethod {
  linear,  ///< baseline -> target scale (the kind's formula)
  ratio,   ///< v / t (higher is better) or t / v (lower is better), clamped to [0, 2]
};

/// One milestone of a milestone target.
struct Milestone {
  std::string title;
  double weight = 1.0;
  bool done = false;
};

/// A relative target as written: "+40%", "-10%", "x1.5", "+5", "-5".
struct RelativeTarget {
  enum class Op { percent, factor, points };
  Op op = Op::points;
  double amount = 0.0;

  /// The absolute target for a baseline.
  double resolve(double baseline) const noexcept {
    switch (op) {
      case Op::percent:
        return baseline * (1.0 + amount / 100.0);
      case Op::factor:
        return baseline * amount;
      case Op::points:
        return baseline + amount;
    }
    return baseline;
  }
};

/// Parse a relative target: a sign and number with optional '%' ("+40%",
/// "-5"), or 'x' / '*' and a factor ("x1.5"). Anything else is a ParseError.
inline RelativeTarget parse_relative_target(std::string_view text, const Location& at = {}) {
  auto fail = [&](const char* why) -> RelativeTarget {
    throw ParseError("relative target '" + std::string(text) + "' " + why, at);
  };
  RelativeTarget r;
  std::string_view num = text;
  if (!num.empty() && (num[0] == 'x' || num[0] == '*')) {
    r.op = RelativeTarget::Op::factor;
    num.remove_prefix(1);
  } else if (!num.empty() && (num[0] == '+' || num[0] == '-')) {
    r.op = RelativeTarget::Op::points;
    if (num.back() == '%') {
      r.op = RelativeTarget::Op::percent;
      num.remove_suffix(1);
    }
  } else {
    return fail("must start with '+', '-' or 'x' (e.g. \"+40%\", \"-5\", \"x1.5\")");
  }
  std::string_view digits = num;
  if (r.op != RelativeTarget::Op::factor) digits.remove_prefix(1);  // sign
  // 400 digits: enough for every double written out in fixed notation, which
  // is what format_relative_target() writes (see there).
  if (digits.empty() || digits.size() > 400) return fail("has no valid number");
  bool dot = false;
  for (char c : digits) {
    if (c == '.' && !dot)
      dot = true;
    else if (c < '0' || c > '9')
      return fail("has no valid number");
  }
  if (digits == ".") return fail("has no valid number");
  double v = std::strtod(std::string(digits).c_str(), nullptr);
  if (!std::isfinite(v)) return fail("is not finite");
  r.amount = (r.op != RelativeTarget::Op::factor && num[0] == '-') ? -v : v;
  return r;
}

/// The text form of a relative target (parse_relative_target's inverse).
inline std::string format_relative_target(const RelativeTarget& r) {
  // Shortest round-trip digits in fixed notation: the parser takes no
  // exponent, so 0.00001 must not come out as "1e-05" (found by fuzzing).
  char buf[400];
  auto res =
      std::to_chars(buf, buf + sizeof buf - 1, std::fabs(r.amount), std::chars_format::fixed);
  *res.ptr = '\0';
  switch (r.op) {
    case RelativeTarget::Op::factor:
      return std::string("x") + buf;
    case RelativeTarget::Op::percent:
      return std::string(r.amount < 0 ? "-" : "+") + buf + "%";
    case RelativeTarget::Op::points:
      return std::string(r.amount < 0 ? "-" : "+") + buf;
  }
  return buf;
}

/// Target of a key result or KPI. Optional fields are unset when not given.
struct Target {
  TargetKind kind = TargetKind::increase;
  ProgressMethod method = ProgressMethod::linear;
  std::optional<double> baseline;              ///< b
  std::optional<double> target;                ///< t, absolute (resolved when relative)
  std::optional<RelativeTarget> relative;      ///< set when t was given relative to b
  std::optional<double> lo, hi;                ///< range band, edges included
  std::optional<double> tolerance;             ///< range fall-off distance (default: band width)
  std::optional<double> floor;                 ///< at_least red limit / at_most ceiling
  std::optional<double> scale_min, scale_max;  ///< min-max performance scale
  double cap = 1.0;                            ///< attainment cap; +inf = uncapped
  std::vector<Milestone> milestones;

  /// t, resolving a relative target against the baseline; nullopt when unknown.
  std::optional<double> absolute_target() const {
    if (relative && baseline) return relative->resolve(*baseline);
    return target;
  }
  /// True when a higher value is better for this kind.
  bool higher_is_better() const {
    switch (kind) {
      case TargetKind::decrease:
      case TargetKind::at_most:
        return false;
      case TargetKind::increase:
        if (auto t = absolute_target(); t && baseline && *t < *baseline) return false;
        return true;
      default:
        return true;
    }
  }
};

namespace detail {
template <>
struct enum_names<TargetKind> {
  static constexpr std::array<std::pair<TargetKind, std::string_view>, 7> names{{
      {TargetKind::increase, "increase"},
      {TargetKind::decrease, "decrease"},
      {TargetKind::at_least, "at_least"},
      {TargetKind::at_most, "at_most"},
      {TargetKind::range, "range"},
      {TargetKind::milestone, "milestone"},
      {TargetKind::baseline, "baseline"},
  }};
};
template <>
struct enum_names<ProgressMethod> {
  static constexpr std::array<std::pair<ProgressMethod, std::string_view>, 2> names{{
      {ProgressMethod::linear, "linear"},
      {ProgressMethod::ratio, "ratio"},
  }};
};
}  // namespace detail

}  // namespace okrkit
