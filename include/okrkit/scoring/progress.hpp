// okrkit — scalar scoring of one target: progress, performance, attainment.
//
// Two layers (docs/scoring.md):
//  * kernels (progress_kernel, attainment): branch-light, noexcept functions of
//    plain doubles. NaN in -> NaN out. The bulk path (bulk.hpp) and evaluate()
//    both end here, so there is one formula in one place.
//  * progress(const Target&, v, diags): resolves a Target's optional fields to
//    kernel arguments (defaults, relative targets, milestones), reports every
//    problem as a Diagnostic and then calls the kernel.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "okrkit/core/error.hpp"
#include "okrkit/model/target.hpp"

namespace okrkit {

/// A list of non-fatal problems; functions append to it when given one.
using Diagnostics = std::vector<Diagnostic>;

/// Quiet NaN: the missing number.
inline constexpr double nan_value = std::numeric_limits<double>::quiet_NaN();

namespace detail {
inline void report(Diagnostics* out, Severity s, const char* code, std::string message) {
  if (out) out->push_back(Diagnostic{s, code, std::move(message), {}});
}
inline bool is_nan(double x) noexcept { return x != x; }  // cheap, vectoriser friendly
template <class To, class From>
inline To bit_cast(const From& x) noexcept {
#if defined(__has_builtin)
#if __has_builtin(__builtin_bit_cast)
  return __builtin_bit_cast(To, x);  // keeps the value in registers: loops vectorise
#define OKRKIT_HAS_BIT_CAST 1
#endif
#endif
#ifndef OKRKIT_HAS_BIT_CAST
  To out;
  std::memcpy(&out, &x, sizeof out);
  return out;
#endif
}
#undef OKRKIT_HAS_BIT_CAST  // a choice inside bit_cast, not a promise to includers
/// c ? a : b on the bits (no branch, no floating-point select).
inline double blend(bool c, double a, double b) noexcept {
  const auto ab = bit_cast<std::uint64_t>(a), bb = bit_cast<std::uint64_t>(b);
  const std::uint64_t m = std::uint64_t{0} - static_cast<std::uint64_t>(c);
  return bit_cast<double>((ab & m) | (bb & ~m));
}
/// (x - y) / (u - w) without overflow in the differences: when x - y or
/// u - w leaves the double range (|x|, |y| near 1e308 with opposite signs),
/// both are halved first, which is exact for normal numbers and keeps them
/// finite. Inputs that do not overflow take the plain formula, bit for bit.
inline double span_quotient(double x, double y, double u, double w) noexcept {
  const double n = x - y, d = u - w;
  constexpr double big = std::numeric_limits<double>::max();
  if (std::fabs(n) > big || std::fabs(d) > big) return (0.5 * x - 0.5 * y) / (0.5 * u - 0.5 * w);
  return n / d;
}
}  // namespace detail

/// Default red limit of an at_least target: the baseline when it lies below t,
/// else 0 when t > 0, else t itself (a step: 0 below t). NaN b means "no baseline".
inline double default_floor(double b, double t) noexcept {
  if (b < t) return b;  // false for NaN b
  return t > 0 ? 0.0 : t;
}

/// Default ceiling of an at_most target, the mirror image of default_floor():
/// the baseline when it lies above t, else 2t when t > 0 (as far above t as the
/// default floor 0 lies below it), else t itself (a step).
inline double default_ceiling(double b, double t) noexcept {
  if (b > t) return b;
  return t > 0 ? 2.0 * t : t;
}

/// Progress on the baseline -> target scale, (v - b) / (t - b), the same
/// formula for increase and decrease. When b == t there is no scale: 1 if v
/// meets t in the kind's direction (v >= t, or v <= t when `lower_is_better`),
/// else 0. Never divides by zero. progress_linear_signed() takes the direction
/// as s = +1 (higher is better) or -1 (lower is better); the bulk loop uses it.
inline double progress_linear_signed(double b, double t, double v, double s) noexcept {
  // Arithmetic and bit blends instead of branches or selects, so that bulk
  // loops vectorise without -fno-trapping-math. A NaN in b or t makes d and q
  // NaN; a NaN (or infinite) v gives NaN through q, or through (v - v) when
  // b == t. "Met" tests the sign of the gap: s (v - t) >= 0 is v >= t for
  // s = 1 and v <= t for s = -1, exactly.
  const double d = t - b, n = v - b;
  const double one_if_flat = d == 0.0 ? 1.0 : 0.0;
  double q = n / (d + one_if_flat);  // d + 1 == 1 when flat
  // A span wider than the largest double (b = -1e308, t = 1e308) overflows to
  // inf and would give q = 0 (or inf / inf = NaN): halve before subtracting
  // instead (detail::span_quotient()). Taken only on overflow, so every other
  // input gives the bits of the plain formula; inf inputs give the same result
  // either way.
  if (std::fabs(n) > std::numeric_limits<double>::max() ||
      std::fabs(d) > std::numeric_limits<double>::max())
    q = (0.5 * v - 0.5 * b) / (0.5 * t - 0.5 * b + one_if_flat);
  const double met = (s * (v - t) >= 0.0 ? 1.0 : 0.0) + (v - v);
  // all-ones bits when flat, taken through a double select (a 64-bit integer
  // select does not vectorise on SSE2)
  const std::uint64_t mask =
      detail::bit_cast<std::uint64_t>(d == 0.0 ? detail::bit_cast<double>(~std::uint64_t{0}) : 0.0);
  return detail::bit_cast<double>((detail::bit_cast<std::uint64_t>(met) & mask) |
                                  (detail::bit_cast<std::uint64_t>(q) & ~mask));
}
inline double progress_linear(double b, double t, double v, bool lower_is_better) noexcept {
  return progress_linear_signed(b, t, v, lower_is_better ? -1.0 : 1.0);
}

/// at_least: 1 if v >= t, else linear from the floor f (0 at f, clamped at 0).
/// f >= t degrades to a step (1 if met, else 0). NaN f means default_floor(b, t).
inline double progress_at_least(double b, double t, double f, double v) noexcept {
  if (detail::is_nan(v) || detail::is_nan(t)) return nan_value;
  if (v >= t) return 1.0;
  if (detail::is_nan(f)) f = default_floor(b, t);
  if (!(f < t)) return 0.0;
  return std::max(0.0, detail::span_quotient(v, f, t, f));
}

/// at_most: 1 if v <= t, else linear down to 0 at the ceiling c (clamped at 0).
/// c <= t degrades to a step. NaN c means default_ceiling(b, t).
inline double progress_at_most(double b, double t, double c, double v) noexcept {
  if (detail::is_nan(v) || detail::is_nan(t)) return nan_value;
  if (v <= t) return 1.0;
  if (detail::is_nan(c)) {
    c = default_ceiling(b, t);
    // 2t overflows for t > DBL_MAX / 2: (2t - v) / (2t - t) == (t - v/2) / (t/2)
    if (std::isinf(c) && std::isfinite(t)) return std::max(0.0, (t - 0.5 * v) / (0.5 * t));
  }
  if (!(c > t)) return 0.0;
  return std::max(0.0, detail::span_quotient(c, v, c, t));
}

/// range: 1 inside [lo, hi] (edges included); outside, 1 - distance / tol,
/// reaching 0 at distance tol. NaN tol means the band width hi - lo; a zero
/// tolerance (e.g. a zero-width band) gives 0 outside. lo > hi gives NaN.
inline double progress_range(double lo, double hi, double tol, double v) noexcept {
  if (detail::is_nan(v) || detail::is_nan(lo) || detail::is_nan(hi) || lo > hi) return nan_value;
  if (v >= lo && v <= hi) return 1.0;
  // dist / tol with dist = lo - v or v - hi and tol = hi - lo by default, each
  // computed without overflow (detail::span_quotient())
  if (detail::is_nan(tol)) {
    if (!(hi - lo > 0)) return 0.0;
    return std::max(0.0, 1.0 - (v < lo ? detail::span_quotient(lo, v, hi, lo)
                                       : detail::span_quotient(v, hi, hi, lo)));
  }
  if (!(tol > 0)) return 0.0;
  return std::max(0.0, 1.0 - (v < lo ? detail::span_quotient(lo, v, tol, 0.0)
                                     : detail::span_quotient(v, hi, tol, 0.0)));
}

/// The KPI ratio method: v / t (higher is better) or t / v (lower is better),
/// clamped to [0, 2]. t <= 0 has no meaning here and gives NaN (progress()
/// reports it). Lower is better: t / v is undefined for v <= 0, yet such a
/// value is below every positive one, so it scores the best, 2 (progress()
/// says so in an info diagnostic); this keeps the score monotone
/// (non-increasing in v) over the whole real line (docs/scoring.md).
inline double progress_ratio(double t, double v, bool lower_is_better) noexcept {
  if (detail::is_nan(v) || detail::is_nan(t) || !(t > 0)) return nan_value;
  double r;
  if (lower_is_better)
    r = v <= 0.0 ? 2.0 : t / v;
  else
    r = v / t;
  return std::clamp(r, 0.0, 2.0);
}

/// Attainment a = clamp(p, 0, cap). cap = 1 is the usual score, 1.2 an
/// overachievement cap, +infinity uncapped (still never below 0). NaN p -> NaN;
/// a NaN or negative cap is treated as 1.
inline double attainment(double p, double cap = 1.0) noexcept {
  cap = cap >= 0 ? cap : 1.0;
  const double lo = p < 0.0 ? 0.0 : p;  // NaN p stays NaN (comparisons are false)
  return cap < lo ? cap : lo;
}

/// Performance on a min-max scale: (v - min) / (max - min), not clamped.
/// min > max is allowed (lower is better). NaN when any input is NaN or min == max.
inline double performance_kernel(double lo, double hi, double v) noexcept {
  if (detail::is_nan(v) || detail::is_nan(lo) || detail::is_nan(hi) || lo == hi) return nan_value;
  return detail::span_quotient(v, lo, hi, lo);
}

/// Kind codes of the bulk path: the TargetKind's underlying value.
inline constexpr std::uint8_t kind_code(TargetKind k) noexcept {
  return static_cast<std::uint8_t>(k);
}

/// The one progress formula over plain numbers, dispatching on the kind.
/// `limit` is the at_least floor or at_most ceiling (NaN = default); for
/// milestone, `v` is the done weight and `t` the total weight (p = v / t,
/// t <= 0 -> NaN); for baseline, p = 1 once v is a number. NaN in -> NaN out.
inline double progress_kernel(TargetKind kind, double b, double t, double v,
                              double limit = nan_value, double lo = nan_value,
                              double hi = nan_value, double tol = nan_value) noexcept {
  switch (kind) {
    case TargetKind::increase:
      return progress_linear(b, t, v, false);
    case TargetKind::decrease:
      return progress_linear(b, t, v, true);
    case TargetKind::at_least:
      return progress_at_least(b, t, limit, v);
    case TargetKind::at_most:
      return progress_at_most(b, t, limit, v);
    case TargetKind::range:
      return progress_range(lo, hi, tol, v);
    case TargetKind::milestone:
      if (detail::is_nan(v) || !(t > 0)) return nan_value;
      return v / t;
    case TargetKind::baseline:
      return detail::is_nan(v) ? nan_value : 1.0;
  }
  return nan_value;
}

/// Kernel arguments of a target, with defaults and relative targets resolved.
struct ResolvedTarget {
  TargetKind kind = TargetKind::increase;
  ProgressMethod method = ProgressMethod::linear;
  double b = nan_value, t = nan_value, limit = nan_value, lo = nan_value, hi = nan_value,
         tol = nan_value;
  bool lower_is_better = false;
  bool ok = true;  ///< false when the target cannot be scored (reported)
};

/// Resolve a target for the kernels, reporting what is missing or
/// inconsistent. A missing baseline means 0 for increase ("from zero" is the
/// common case, not reported) and is an error for decrease; at_least / at_most
/// use default_floor() / default_ceiling(). A field holding NaN is an error.
inline ResolvedTarget resolve(const Target& tg, Diagnostics* out = nullptr) {
  ResolvedTarget r;
  r.kind = tg.kind;
  r.method = tg.method;
  r.lower_is_better = !tg.higher_is_better();
  const auto t = tg.absolute_target();
  r.t = t ? *t : nan_value;
  r.b = tg.baseline ? *tg.baseline : nan_value;
  r.limit = tg.floor ? *tg.floor : nan_value;
  r.lo = tg.lo ? *tg.lo : nan_value;
  r.hi = tg.hi ? *tg.hi : nan_value;
  r.tol = tg.tolerance ? *tg.tolerance : nan_value;
  auto fail = [&](const char* code, std::string msg) {
    detail::report(out, Severity::error, code, std::move(msg));
    r.ok = false;
  };
  // A NaN that was written into a field is missing data, never a default.
  const std::pair<const char*, const std::optional<double>*> fields[] = {
      {"baseline", &tg.baseline}, {"target", &tg.target},      {"lo", &tg.lo}, {"hi", &tg.hi},
      {"floor", &tg.floor},       {"tolerance", &tg.tolerance}};
  for (const auto& [name, f] : fields)
    if (*f && std::isnan(**f)) fail("nan-input", std::string("field '") + name + "' is NaN");
  if (tg.relative && !tg.baseline) fail("no-baseline", "a relative target needs a baseline");
  if (tg.method == ProgressMethod::ratio && tg.kind != TargetKind::milestone &&
      tg.kind != TargetKind::baseline && tg.kind != TargetKind::range) {
    if (!t)
      fail("no-target", "the ratio method needs a target");
    else if (!(*t > 0))
      fail("ratio-target-not-positive", "the ratio method needs a target > 0");
    return r;
  }
  switch (tg.kind) {
    case TargetKind::increase:
    case TargetKind::decrease:
      if (!t) fail("no-target", "no target value");
      if (!tg.baseline) {
        if (tg.kind == TargetKind::decrease)
          fail("no-baseline", "a decrease target needs a baseline");
        else
          r.b = 0.0;
      }
      if (tg.kind == TargetKind::decrease && r.t > r.b)
        detail::report(out, Severity::warning, "direction-mismatch",
                       "decrease target lies above its baseline");
      break;
    case TargetKind::at_least:
    case TargetKind::at_most:
      if (!t)
        fail("no-target", "no target value");
      else if (!std::isnan(r.limit) &&
               (tg.kind == TargetKind::at_least ? !(r.limit < r.t) : !(r.limit > r.t)))
        detail::report(out, Severity::warning, "bad-floor",
                       tg.kind == TargetKind::at_least
                           ? "floor is not below the target: scored as a step"
                           : "ceiling is not above the target: scored as a step");
      break;
    case TargetKind::range:
      if (!tg.lo || !tg.hi)
        fail("no-range", "a range target needs lo and hi");
      else if (r.lo > r.hi)
        fail("bad-range", "range lo is above hi");
      break;
    case TargetKind::milestone:
      if (!tg.milestones.empty()) {
        double total = 0, done = 0;
        for (const auto& m : tg.milestones) {
          if (!(m.weight >= 0)) {
            fail("bad-weight", "milestone '" + m.title + "' has a negative or NaN weight");
            continue;
          }
          total += m.weight;
          if (m.done) done += m.weight;
        }
        r.t = total;
        r.b = done;  // the done weight travels in b (see progress())
        if (!(total > 0)) fail("no-milestones", "milestones have no positive weight");
      } else if (!t || !(*t > 0)) {
        fail("no-milestones", "a milestone target needs milestones or a count target > 0");
      }
      break;
    case TargetKind::baseline:
      break;
  }
  return r;
}

/// Progress of value `v` towards target `tg`: the kind's
/// formula, or the ratio method when tg.method == ratio. Milestones listed on
/// the target decide progress on their own (v is ignored). NaN v or an
/// unscorable target give NaN and a diagnostic, never a number.
inline double progress(const Target& tg, double v, Diagnostics* out = nullptr) {
  const ResolvedTarget r = resolve(tg, out);
  if (!r.ok) return nan_value;
  if (tg.kind == TargetKind::milestone && !tg.milestones.empty())
    return progress_kernel(TargetKind::milestone, nan_value, r.t, r.b);
  if (std::isnan(v)) {
    if (tg.kind == TargetKind::baseline)
      detail::report(out, Severity::warning, "baseline-not-established", "no value measured yet");
    else
      detail::report(out, Severity::warning, "missing-value", "no current value");
    return nan_value;
  }
  if (std::isinf(v))
    detail::report(out, Severity::warning, "infinite-value", "current value is infinite");
  if (r.method == ProgressMethod::ratio && tg.kind != TargetKind::milestone &&
      tg.kind != TargetKind::baseline && tg.kind != TargetKind::range) {
    if (r.lower_is_better && v <= 0.0)
      detail::report(out, Severity::info, "ratio-nonpositive-value",
                     "value <= 0 with the lower-is-better ratio method: target / value is "
                     "undefined; scored as the best, 2");
    return progress_ratio(r.t, v, r.lower_is_better);
  }
  const double p = progress_kernel(r.kind, r.b, r.t, v, r.limit, r.lo, r.hi, r.tol);
  // Safety net: a finite value and a scorable target should give a number;
  // never let a NaN become a silent 0 downstream.
  if (std::isnan(p) && std::isfinite(v))
    detail::report(out, Severity::error, "unscorable",
                   "progress is not a number for this value (a target field is infinite?)");
  else if (std::isinf(p) && std::isfinite(v))
    detail::report(out, Severity::warning, "progress-overflow",
                   "progress is beyond the double range (the value lies far outside a tiny "
                   "baseline-target span): the attainment is 0 or the cap");
  return p;
}

/// Performance of `v` on the target's min-max scale (scale_min, scale_max).
/// NaN without a diagnostic when the target has no scale (not applicable);
/// NaN with a diagnostic for NaN v or an empty scale.
inline double performance(const Target& tg, double v, Diagnostics* out = nullptr) {
  if (!tg.scale_min || !tg.scale_max) return nan_value;
  if (*tg.scale_min == *tg.scale_max) {
    detail::report(out, Severity::error, "empty-scale", "performance scale min equals max");
    return nan_value;
  }
  if (std::isnan(v)) {
    detail::report(out, Severity::warning, "missing-value", "no current value");
    return nan_value;
  }
  return performance_kernel(*tg.scale_min, *tg.scale_max, v);
}

/// Attainment of progress `p` under the target's cap (tg.cap; +inf = uncapped).
inline double attainment(const Target& tg, double p) noexcept { return attainment(p, tg.cap); }

}  // namespace okrkit
