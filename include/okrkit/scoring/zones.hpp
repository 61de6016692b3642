// okrkit — commit / target / stretch zones of a key result: which level the
// value has reached and the score that level maps to (0.3 / 0.7 / 1.0 by
// default), beside the continuous attainment. docs/scoring.md "Zones".
#pragma once

#include <cmath>
#include <limits>
#include <string>

#include "okrkit/model/model.hpp"

namespace okrkit {

/// The zone a value reached: "stretch", "target", "commit" or "below"
/// (none reached; score 0); "" with a NaN score when there is no value.
struct ZoneResult {
  std::string zone;
  double score = std::numeric_limits<double>::quiet_NaN();
};

/// Highest level of `z` that v meets in the direction `higher_is_better`
/// (v >= level, or v <= level when lower is better). Unset levels are skipped.
inline ZoneResult zone_of(const Zones& z, bool higher_is_better, double v) {
  if (std::isnan(v)) return {};
  auto meets = [&](const std::optional<double>& level) {
    return level && (higher_is_better ? v >= *level : v <= *level);
  };
  if (meets(z.stretch)) return {"stretch", z.stretch_score};
  if (meets(z.target)) return {"target", z.target_score};
  if (meets(z.commit)) return {"commit", z.commit_score};
  return {"below", 0.0};
}

}  // namespace okrkit
