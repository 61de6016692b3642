// okrkit — the model: org units, people, cycles, objectives, key results, KPIs,
// critical success factors, perspectives and the links between them.
//
// A Model is plain data. Build it in code or load it with load_model()
// (model_io.hpp); check it with validate() (validate.hpp). Ids are unique
// strings across all node kinds; names are UTF-8 and are never altered.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "okrkit/time/date.hpp"
#include "okrkit/detail/enum_names.hpp"
#include "okrkit/model/vocabulary.hpp"
#include "okrkit/model/target.hpp"

namespace okrkit {

/// A node of the organisation tree (company, department, team, person).
struct OrgUnit {
  std::string id;
  std::string name;
  std::string parent;  ///< parent unit id; "" for a root
  std::string kind;    ///< free text: "company", "department", "team", ...
};

/// Somebody who owns nodes.
struct Person {
  std::string id;
  std::string name;
  std::string unit;  ///< the unit the person belongs to
};

/// An OKR cycle: a named span of dates, e.g. "2025-Q2".
struct Cycle {
  std::string id;
  std::string period;  ///< period label as written ("2025-Q2", "1404-Q1"); may be ""
  Date start;          ///< first day
  Date end;            ///< last day (inclusive)
  /// start / end were derived from `period` by the loader (not in the file;
  /// the writer leaves them out again so a round trip is exact).
  bool dates_from_period = false;
  CycleState state = CycleState::active;  ///< draft / active / closed (docs/lifecycle.md)
};

/// A balanced-scorecard perspective with its weight in a unit scorecard.
struct Perspective {
  std::string id;
  std::string name;
  double weight = 1.0;
};

/// A child objective's contribution to a parent objective.
struct Alignment {
  std::string parent;   ///< parent objective id
  double weight = 1.0;  ///< contribution weight in the parent's roll-up
};

/// A weight valid over [from, to] (inclusive; an unset end is open).
struct DatedWeight {
  std::optional<Date> from, to;
  double weight = 1.0;
};

/// A link to a KPI with its weight (CSF measured-by).
struct KpiLink {
  std::string kpi;
  double weight = 1.0;
};

/// A dated point of a phased plan: expected progress `fraction` by `date`.
struct PlanPoint {
  Date date;
  double fraction = 0.0;
};

/// Planned path of a key result; drives expected progress.
struct Plan {
  PlanCurve curve = PlanCurve::linear;
  std::vector<PlanPoint> points;  ///< for PlanCurve::phased, in date order
};

/// A dated update of a key result.
struct CheckIn {
  Date date;
  std::optional<double> value;
  std::optional<double> confidence;  ///< 0..1, reported beside progress, never mixed in
  std::string comment;
  /// The owner's own judgement; the latest one inside the check-in window
  /// decides the node's health (docs/lifecycle.md "Health").
  std::optional<CheckInStatus> status;
  /// The zone reached, reported directly: what an `ordinal` key result is
  /// scored by (docs/lifecycle.md "Scoring methods"); an error elsewhere.
  std::optional<ZoneLevel> zone;
};

/// How an objective or key result was closed (docs/lifecycle.md). Only the
/// closed states (achieved, missed, abandoned) carry it.
struct CloseOut {
  std::optional<Date> closed_on;      ///< required for a closed state
  std::optional<double> final_score;  ///< 0..1 frozen at closing; absent: computed at closed_on
  std::string note;                   ///< why; lint asks for it on abandoned KRs
};

/// Qualitative goal for one cycle.
struct Objective {
  std::string id;
  std::string title;
  std::string description;
  std::string owner;  ///< person id
  std::string unit;   ///< org unit id
  std::string cycle;  ///< cycle id
  ObjectiveType type = ObjectiveType::committed;
  std::vector<Alignment> aligns_to;  ///< parents this objective contributes to
  std::string perspective;           ///< perspective id, optional
  double weight = 1.0;               ///< weight inside its perspective / unit scorecard
  RollupMethod rollup = RollupMethod::weighted_mean;
  MissingPolicy missing = MissingPolicy::exclude;
  bool weakest_child_status = false;     ///< status is the weakest child's
  std::optional<double> score_override;  ///< score entered by hand
  NodeState state = NodeState::active;   ///< docs/lifecycle.md
  CloseOut close;                        ///< closed_on / final_score / note of a closed state
};

/// Commit / target / stretch levels of a key result (in its measure's units
/// and direction) and the score each maps to; scoring/zones.hpp.
struct Zones {
  std::optional<double> commit, target, stretch;
  double commit_score = 0.3, target_score = 0.7, stretch_score = 1.0;
};

/// Numeric, time-bound measure of an objective.
struct KeyResult {
  std::string id;
  std::string objective;  ///< objective id
  std::string title;
  std::string owner;
  Target target;
  std::string measure_unit;  ///< "%", "visits", "USD", ...
  double weight = 1.0;
  std::vector<DatedWeight> weights;     ///< dated weight ranges; override `weight` where they apply
  std::optional<Date> start;            ///< default: cycle start
  std::optional<Date> due;              ///< default: cycle end
  std::vector<std::string> tracked_by;  ///< KPI ids
  std::string series;                   ///< measurement series id; "" = none
  Aggregation aggregation = Aggregation::last;
  std::vector<std::string> cascade_from;  ///< child KR ids whose values sum into this one
  Plan plan;
  std::vector<CheckIn> checkins;
  std::optional<double> value_override;  ///< current value entered by hand
  std::optional<double> score_override;  ///< attainment entered by hand
  std::optional<Zones> zones;            ///< commit / target / stretch levels, optional
  /// How progress is computed: the target on the value (default), the
  /// tracking KPIs' achievement, time in band, or the reported zone.
  KrScoring scoring = KrScoring::value;
  NodeState state = NodeState::active;  ///< docs/lifecycle.md
  CloseOut close;                       ///< closed_on / final_score / note of a closed state
};

/// Green / yellow limits of a KPI; the direction follows the target kind.
/// A KPI with a target and none of these gets the default thresholds of
/// docs/lifecycle.md (achievement >= 90 % green, >= 70 % yellow).
struct Thresholds {
  std::optional<double> green;
  std::optional<double> yellow;
  /// Range KPIs: yellow distance below lo / above hi when the two sides
  /// differ (each falls back to `yellow`).
  std::optional<double> yellow_below;
  std::optional<double> yellow_above;
};

/// Continuously measured indicator.
struct Kpi {
  std::string id;
  std::string name;
  std::string owner;
  std::string unit;  ///< org unit id
  std::string measure_unit;
  Frequency frequency = Frequency::monthly;
  Target target;
  Thresholds thresholds;
  std::string series;   ///< measurement series id; "" = derived or none
  std::string formula;  ///< derived KPI expression over other series
  /// Child KPI ids whose values add up to this one (regions to the company):
  /// the aggregation structure forecasts are reconciled over
  /// (forecast/model_hierarchy.hpp). Scoring still reads the KPI's own series
  /// or formula; sum_of does not replace its value.
  std::vector<std::string> sum_of;
  Aggregation aggregation = Aggregation::last;
  GradeOver grade_over = GradeOver::latest;
  std::string perspective;
  double weight = 1.0;
  std::string data_source;
  std::optional<double> value_override;
  /// Objective that works on bringing this KPI back to green when it is red
  /// ("recovery objective"); "" = none. Lint R011 asks for one on red KPIs.
  std::string recovery;
};

/// "What must go right"; measured by KPIs.
struct Csf {
  std::string id;
  std::string name;
  std::string owner;
  std::string unit;
  std::string objective;  ///< objective id, optional
  std::vector<KpiLink> measured_by;
};

/// File and line of each node and field, filled by the JSON loader so that
/// validation can name the line; empty for models built in code.
struct SourceMap {
  std::string file;
  std::map<std::pair<std::string, std::string>, std::size_t> lines;  ///< (node, field) -> line

  /// Location of a node's field (falls back to the node's own line).
  Location locate(const std::string& node, const std::string& field) const {
    Location at{file, 0, node, field};
    if (auto it = lines.find({node, field}); it != lines.end())
      at.line = it->second;
    else if (auto jt = lines.find({node, ""}); jt != lines.end())
      at.line = jt->second;
    return at;
  }
};

/// The whole structure of an organisation's goals.
struct Model {
  std::string name;
  std::vector<OrgUnit> units;
  std::vector<Person> people;
  std::vector<Cycle> cycles;
  std::vector<Perspective> perspectives;
  std::vector<Objective> objectives;
  std::vector<KeyResult> key_results;
  std::vector<Kpi> kpis;
  std::vector<Csf> csfs;
  /// Lint rule ids switched off (lint.hpp): key "" = the whole model (JSON
  /// top-level "lint": {"disable": [...]}), else a node id (the node's
  /// "lint_disable": [...]). Only objectives, key results, KPIs and CSFs carry it.
  std::map<std::string, std::vector<std::string>> lint_disable;
  SourceMap sources;
};

}  // namespace okrkit
