// okrkit — completed, remaining and total amounts of a key result, in the
// measure's own units ("14 of 20 deals, 6 to go"), beside the progress
// fraction. Formulas and examples: docs/scoring.md "Amounts".
#pragma once

#include <algorithm>
#include <cmath>
#include <limits>

#include "okrkit/model/target.hpp"

namespace okrkit {

/// Amounts of one target at value v; NaN where the kind has no such amount.
struct Amounts {
  double completed = std::numeric_limits<double>::quiet_NaN();  ///< moved so far (signed)
  double remaining = std::numeric_limits<double>::quiet_NaN();  ///< still to go, >= 0
  double total = std::numeric_limits<double>::quiet_NaN();      ///< whole way to the target
};

/// increase / decrease: total = |t - b|, completed = (v - b) * sign(t - b)
/// (negative when the value moved the wrong way, above total when exceeded),
/// remaining = max(0, total - completed). at_least: the same from b (0 when
/// no baseline) up to t. at_most: remaining = max(0, v - t); completed =
/// b - v and total = b - t only with a baseline. milestone with listed
/// milestones: counts (total listed, completed done, remaining not done),
/// whatever v. range and baseline kinds: NaN (no amount to cover).
/// A NaN v gives NaN completed / remaining (total stays).
inline Amounts amounts(const Target& tg, double v) {
  constexpr double nan = std::numeric_limits<double>::quiet_NaN();
  Amounts a;
  const auto t = tg.absolute_target();
  auto along = [&](double b, double tt) {  // from b towards tt
    a.total = std::fabs(tt - b);
    const double dir = tt >= b ? 1.0 : -1.0;
    a.completed = std::isnan(v) ? nan : (v - b) * dir;
    a.remaining = std::isnan(v) ? nan : std::max(0.0, a.total - a.completed);
  };
  switch (tg.kind) {
    case TargetKind::increase:
    case TargetKind::decrease:
      if (t && tg.baseline) along(*tg.baseline, *t);
      break;
    case TargetKind::at_least:
      if (t) along(tg.baseline ? *tg.baseline : 0.0, *t);
      break;
    case TargetKind::at_most:
      if (!t) break;
      if (tg.baseline) {
        along(*tg.baseline, *t);
      } else {
        a.remaining = std::isnan(v) ? nan : std::max(0.0, v - *t);
      }
      break;
    case TargetKind::milestone:
      if (!tg.milestones.empty()) {
        a.total = static_cast<double>(tg.milestones.size());
        a.completed = static_cast<double>(std::count_if(tg.milestones.begin(), tg.milestones.end(),
                                                        [](const Milestone& m) { return m.done; }));
        a.remaining = a.total - a.completed;
      }
      break;
    case TargetKind::range:
    case TargetKind::baseline:
      break;
  }
  return a;
}

}  // namespace okrkit
