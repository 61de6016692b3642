// okrkit — NodeScore: one row of a scorecard (what evaluate() says about one
// key result, KPI, objective, CSF or unit), with NodeKind and Provenance.
//
// Every consumer of a row (JSON / CSV writers, the Python binding, the
// DataFrame, the pickle state, the Spark / Dask schemas) walks the field table
// of node_score_fields.hpp, so a new member here must be added there too: the
// build fails (static_assert in node_score_fields.hpp) until it is.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "okrkit/core/error.hpp"
#include "okrkit/detail/enum_names.hpp"
#include "okrkit/scoring/grade.hpp"
#include "okrkit/scoring/progress.hpp"
#include "okrkit/scoring/status.hpp"
#include "okrkit/time/date.hpp"

namespace okrkit {

/// What a scorecard row describes.
enum class NodeKind { objective, key_result, kpi, csf, unit };

/// Where a number came from.
enum class Provenance {
  none,        ///< no number
  measured,    ///< a measurement of the node's series
  checked_in,  ///< a check-in value
  computed,    ///< computed from other values (a cascaded sum; a score from a value)
  rolled_up,   ///< a roll-up of children's scores
  overridden,  ///< entered by hand (value_override / score_override)
};

/// One row of a scorecard. NaN = not applicable / no data (see diagnostics).
/// Members are in the order of the output columns (node_score_fields.hpp).
struct NodeScore {
  std::string id;
  NodeKind kind = NodeKind::key_result;
  /// KR: objective; objective: first aligned parent; CSF: objective; unit: parent unit
  std::string parent;
  std::string unit;  ///< org unit id
  double value = nan_value, baseline = nan_value, target = nan_value;
  double progress = nan_value;     ///< baseline -> target scale (uncapped)
  double performance = nan_value;  ///< min-max scale
  double attainment = nan_value;   ///< the score: clamp(p, 0, cap), or the roll-up
  double grade = nan_value;        ///< attainment on the options' grade scale
  std::optional<Band> band;        ///< red / yellow / green of the attainment
  std::string rating;              ///< rating band label (options.rating)
  std::string rule_label;          ///< first matching evaluation rule (options.rules)
  /// The expectation the status compared progress with at as_of: the plan's
  /// expected progress times the success level (1 committed, 0.7
  /// aspirational); `planned` is the plan's own figure.
  double expected = nan_value;
  Status status = Status::no_data;
  /// KPIs (thresholds); CSFs and units (band of the score); objectives and
  /// key results: the lifecycle health (docs/lifecycle.md "Health")
  Health health = Health::none;
  std::optional<double> confidence;
  std::optional<Date> value_date;
  Provenance value_source = Provenance::none;
  Provenance score_source = Provenance::none;
  bool incomplete = false;
  // --- outlook (EvaluateOptions::outlook; KRs and KPIs with enough history) --
  std::size_t history_periods = 0;        ///< periods with data the trend/forecast used
  std::string period_kind;                ///< kind of those periods ("month", ...)
  double trend_slope = nan_value;         ///< OLS slope, value units per period
  std::string trend;                      ///< Mann–Kendall: "increasing" / "decreasing" / "none"
  double trend_p = nan_value;             ///< Mann–Kendall two-sided p-value
  std::string forecast_model;             ///< ETS code of the model used ("AAN", "ANN", ...)
  double projected_value = nan_value;     ///< point forecast at the due date
  double projected_progress = nan_value;  ///< progress of projected_value
  double probability = nan_value;         ///< P(target met at the due date), kind's direction
  double run_rate = nan_value;      ///< change per remaining period needed to reach the target
  std::optional<Date> target_date;  ///< end of the period the forecast first meets the target
  Status forecast_status = Status::no_data;  ///< status from projected_progress
  // --- added in 0.2 (appended so the older columns keep their positions) -----
  std::string title;   ///< the node's title (objective, KR) or name (KPI, CSF, unit) in the model
  std::string reason;  ///< why the status is what it is (docs/scoring.md "Reasons")
  double planned = nan_value;  ///< the plan's expected progress at as_of, before the success level
  /// Objectives and units (outlook on): P(the rolled-up score at the due date
  /// reaches the success level), by Monte Carlo over the KRs' forecasts
  /// (docs/forecast.md); NaN where no key result below has a forecast.
  double p_success = nan_value;
  // --- amounts of a key result in its measure's units (amounts.hpp) ---------
  double completed = nan_value;   ///< KR: moved from baseline towards target so far
  double remaining = nan_value;   ///< KR: still to go to the target (0 once reached)
  double total = nan_value;       ///< KR: baseline to target
  std::string zone;               ///< KR with zones: "stretch" / "target" / "commit" / "below"
  double zone_score = nan_value;  ///< the score the zone maps to (zones.hpp)
  /// Why `health` is what it is: for objectives and key results the step of
  /// the lifecycle precedence that decided it (docs/lifecycle.md "Health");
  /// for KPIs, CSFs and units the same text as `reason`.
  std::string health_reason;
  /// Key results: how progress was computed — "value", "tracked_by",
  /// "time_in_band" or "ordinal" (KeyResult::scoring; docs/lifecycle.md
  /// "Scoring methods"); "" for other nodes.
  std::string scoring;
  /// Key results scored other than by value: how the progress came out (or
  /// why there is none), e.g. "time in band: 20 of 30 days inside [4, 6]".
  std::string scoring_detail;
  std::vector<Diagnostic> diagnostics;
};

namespace detail {
template <>
struct enum_names<NodeKind> {
  static constexpr std::array<std::pair<NodeKind, std::string_view>, 5> names{
      {{NodeKind::objective, "objective"},
       {NodeKind::key_result, "key_result"},
       {NodeKind::kpi, "kpi"},
       {NodeKind::csf, "csf"},
       {NodeKind::unit, "unit"}}};
};
template <>
struct enum_names<Provenance> {
  static constexpr std::array<std::pair<Provenance, std::string_view>, 6> names{
      {{Provenance::none, "none"},
       {Provenance::measured, "measured"},
       {Provenance::checked_in, "checked_in"},
       {Provenance::computed, "computed"},
       {Provenance::rolled_up, "rolled_up"},
       {Provenance::overridden, "overridden"}}};
};
}  // namespace detail

}  // namespace okrkit
