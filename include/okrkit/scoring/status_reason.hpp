// okrkit — the short reason text every scorecard status carries
// (NodeScore::reason): which rule decided it and with which numbers, so a
// reader never has to guess why "41% vs expected 47%" is on track. The texts
// are listed in docs/scoring.md "Reasons".
#pragma once

#include <optional>
#include <string>

#include "okrkit/scoring/grade.hpp"
#include "okrkit/scoring/status.hpp"

namespace okrkit {

/// Reason of a pace status: status_of(p, planned, rule, past_due, success)
/// gave `s`. `planned` is the plan's expected progress at as_of; the rule
/// compared p with success * planned (the "aspirational expectation" when
/// success < 1).
std::string pace_reason(Status s, double p, double planned, const StatusRule& rule, bool past_due,
                        double success);

/// Reason of a forecast-based status: forecast_status(projected_p, rule,
/// success) gave `s` (EvaluateOptions::forecast_based_status or
/// projected_progress).
std::string forecast_reason(Status s, double projected_p, double success);

/// Reason of a KPI status (from its health by the thresholds) for value v;
/// with `defaults`, the health came from the default thresholds on the
/// KPI's achievement (docs/lifecycle.md "KPI defaults").
std::string kpi_health_reason(Health h, double v, const KpiDefaults* defaults = nullptr,
                              double achievement = nan_value);

/// Reason of a CSF or unit status (from the band of its score).
std::string band_reason(Health h, double score, const BandLimits& bands);

/// Reason of an objective whose status is its weakest child's.
std::string weakest_child_reason(Status s);

}  // namespace okrkit
