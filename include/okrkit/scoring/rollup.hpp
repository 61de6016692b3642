// okrkit — roll-ups: combining children's scores into a parent's.
//
// Aggregators: weighted mean, min (weakest link), max, weighted geometric
// mean, weights by magnitude (|target| as the weight). Weights may be dated.
// Children without data follow a missing policy (exclude and renormalise, or
// count as zero); either way the result says it is incomplete. A roll-up with
// no usable child is NaN with a diagnostic, never a silent number.
#pragma once

#include <cmath>
#include <cstddef>
#include <string>
#include <vector>

#include "okrkit/time/date.hpp"
#include "okrkit/model/model.hpp"
#include "okrkit/scoring/progress.hpp"

namespace okrkit {

/// One child of a roll-up.
struct RollupItem {
  double value = nan_value;      ///< the child's score (usually attainment); NaN = no data
  double weight = 1.0;           ///< contribution weight (>= 0)
  double magnitude = nan_value;  ///< |target| for RollupMethod::by_magnitude
  bool not_applicable = false;   ///< marked N/A: always excluded
};

/// Result of a roll-up.
struct RollupResult {
  double value = nan_value;  ///< NaN when no child could be used (reported)
  double weight_sum = 0.0;   ///< sum of the weights actually used
  std::size_t used = 0;      ///< children that entered the result
  std::size_t missing = 0;   ///< children with NaN values (excluded or zeroed)
  std::size_t skipped = 0;   ///< N/A children and children with unusable weights
  bool incomplete = false;   ///< missing > 0 or skipped > 0
};

/// The weight in force on `date`: the first dated range containing it, else `base`.
inline double weight_at(double base, const std::vector<DatedWeight>& ranges, Date date) {
  for (const auto& r : ranges)
    if ((!r.from || *r.from <= date) && (!r.to || date <= *r.to)) return r.weight;
  return base;
}

/// Combine `n` children. Weighted mean: sum w a / sum w. min / max: over the
/// children with w > 0 (weights do not scale them). Geometric mean:
/// exp(sum w ln a / sum w); a child at 0 makes the result 0 (the weakest-link
/// behaviour one picks a geometric mean for; no epsilon is added), and a
/// negative child is treated as 0 with a warning. by_magnitude: weighted mean
/// with w = |magnitude|, so $100k, $20k, $1k weigh 82.6%, 16.5%, 0.8%.
/// Weights: 0 leaves a child out silently; NaN or negative is reported and the
/// child skipped. Scaling all weights or permuting children never changes the
/// result (up to rounding).
inline RollupResult rollup(const RollupItem* items, std::size_t n, RollupMethod method,
                           MissingPolicy policy = MissingPolicy::exclude,
                           Diagnostics* out = nullptr) {
  RollupResult r;
  double acc = 0.0;
  bool any_zero = false;
  const bool mean = method == RollupMethod::weighted_mean || method == RollupMethod::by_magnitude;
  for (std::size_t i = 0; i < n; ++i) {
    const RollupItem& it = items[i];
    if (it.not_applicable) {
      ++r.skipped;
      continue;
    }
    double w = method == RollupMethod::by_magnitude ? std::fabs(it.magnitude) : it.weight;
    if (std::isnan(w) || w < 0) {
      detail::report(out, Severity::warning, "bad-weight",
                     method == RollupMethod::by_magnitude
                         ? "child " + std::to_string(i) + " has no target magnitude"
                         : "child " + std::to_string(i) + " has a negative or NaN weight");
      ++r.skipped;
      continue;
    }
    if (w == 0) continue;
    double a = it.value;
    if (std::isnan(a)) {
      ++r.missing;
      if (policy == MissingPolicy::exclude) continue;
      a = 0.0;
    }
    ++r.used;
    r.weight_sum += w;
    if (mean) {
      acc += w * a;
    } else if (method == RollupMethod::geometric_mean) {
      if (a < 0)
        detail::report(out, Severity::warning, "negative-score",
                       "geometric mean of a negative score: counted as 0");
      if (a <= 0)
        any_zero = true;
      else
        acc += w * std::log(a);
    } else if (r.used == 1 || (method == RollupMethod::min ? a < acc : a > acc)) {
      acc = a;
    }
  }
  r.incomplete = r.missing > 0 || r.skipped > 0;
  if (r.used == 0) {
    detail::report(out, Severity::warning, "no-data", "roll-up has no child with data");
    return r;
  }
  if (r.incomplete)
    detail::report(out, Severity::info, "incomplete",
                   std::to_string(r.missing + r.skipped) + " of " + std::to_string(n) +
                       (policy == MissingPolicy::exclude || r.skipped ? " children left out"
                                                                      : " children counted as 0"));
  if (mean)
    r.value = acc / r.weight_sum;
  else if (method == RollupMethod::geometric_mean)
    r.value = any_zero ? 0.0 : std::exp(acc / r.weight_sum);
  else
    r.value = acc;
  return r;
}

/// rollup() over a vector.
inline RollupResult rollup(const std::vector<RollupItem>& items, RollupMethod method,
                           MissingPolicy policy = MissingPolicy::exclude,
                           Diagnostics* out = nullptr) {
  return rollup(items.data(), items.size(), method, policy, out);
}

/// The normalised weights (summing to 1) each child gets in a weighted-mean or
/// by-magnitude roll-up under `policy`; 0 for children left out.
inline std::vector<double> effective_weights(const std::vector<RollupItem>& items,
                                             RollupMethod method,
                                             MissingPolicy policy = MissingPolicy::exclude) {
  std::vector<double> w(items.size(), 0.0);
  double sum = 0;
  for (std::size_t i = 0; i < items.size(); ++i) {
    const auto& it = items[i];
    double wi = method == RollupMethod::by_magnitude ? std::fabs(it.magnitude) : it.weight;
    if (it.not_applicable || !(wi > 0)) continue;
    if (std::isnan(it.value) && policy == MissingPolicy::exclude) continue;
    w[i] = wi;
    sum += wi;
  }
  if (sum > 0)
    for (double& x : w) x /= sum;
  return w;
}

}  // namespace okrkit
