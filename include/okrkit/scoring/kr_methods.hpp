// okrkit — the scoring methods of a key result beside its target formula
// (KeyResult::scoring): progress from the tracking KPIs' achievement, the
// share of the elapsed cycle a maintain / range KR spent inside its band, and
// the zone an ordinal KR's check-ins report. Each is a pure function of its
// inputs, so evaluate() and evaluate_history() give the same number at the
// same date. docs/lifecycle.md "Scoring methods" has the formulas.
#pragma once

#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "okrkit/model/model.hpp"

namespace okrkit {

/// The progress a method gives (NaN when it has none) and how it came out,
/// or why there is none (NodeScore::scoring_detail).
struct MethodScore {
  double progress = std::numeric_limits<double>::quiet_NaN();
  std::string zone;    ///< ordinal: the reported zone; "" otherwise
  std::string detail;  ///< "time in band: 20 of 30 days inside [4, 6] ..."
};

/// Whether v lies inside the band of a maintain / range target: range
/// lo <= v <= hi, at_least v >= target, at_most v <= target (edges included).
/// False for NaN and for other kinds.
bool in_band(const Target& t, double v) noexcept;

/// The band in words: "inside [4, 6]", "at or above 95", "at or below 5".
std::string band_text(const Target& t);

/// One dated reading of a key result's value: a measurement of its series or
/// a check-in value. NaN = a missing reading (the value is unknown until the
/// next one).
struct Reading {
  Date date;
  double value = std::numeric_limits<double>::quiet_NaN();
};

/// Time in band: each reading holds from its day until the day before the
/// next reading. Over the days from the later of `start` and the first
/// reading to the earlier of `as_of` and `end` (both inclusive), progress =
/// days held inside the band / days held at a known value. Days before the
/// first reading and after a missing (NaN) reading until the next one are
/// left out; a reading before `start` holds into it. `readings` in date
/// order (a later one of the same day wins). No progress (NaN, with the
/// reason in `detail`) before `start`, or without a reading by then.
MethodScore time_in_band(const Target& t, const std::vector<Reading>& readings, Date start,
                         Date end, Date as_of);

/// Ordinal: the latest check-in with a `zone` on or before `as_of` (the later
/// one in the list wins a tie) and the score its zone maps to by `zones`
/// (0.3 / 0.7 / 1.0 by default; `below` scores 0). No progress without one.
MethodScore reported_zone(const std::vector<CheckIn>& checkins, const std::optional<Zones>& zones,
                          Date as_of);

/// One tracking KPI's achievement (its row's attainment: progress capped as
/// the KPI's target says), its weight, and why there is none when NaN.
struct KpiAchievement {
  std::string_view id;
  double achievement = std::numeric_limits<double>::quiet_NaN();
  double weight = 1.0;
  std::string why_none;  ///< e.g. "no value on or before the as-of date"
};

/// Tracked by: one KPI -> its achievement; several -> their weighted mean by
/// the KPIs' `weight`. Any KPI without an achievement leaves the key result
/// without progress (named in `detail`): the others alone would be a guess.
MethodScore from_kpis(const std::vector<KpiAchievement>& kpis);

}  // namespace okrkit
