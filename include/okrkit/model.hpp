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

#include "okrkit/date.hpp"
#include "okrkit/detail/enum_names.hpp"
#include "okrkit/target.hpp"

namespace okrkit {

/// Committed objectives are expected to reach 1.0; aspirational ones ~0.7.
enum class ObjectiveType { committed, aspirational };

/// How often a KPI is measured; decides the period a value belongs to.
enum class Frequency { daily, weekly, monthly, quarterly, yearly };

/// How the measurements of one period become the period's value.
enum class Aggregation { last, first, sum, mean, min, max, count, ratio };

/// How a threshold kind over several periods is graded.
enum class GradeOver { latest, average, worst };

/// How an objective combines its key results and aligned children.
enum class RollupMethod { weighted_mean, min, max, geometric_mean, by_magnitude };

/// What a child without data does in a roll-up.
enum class MissingPolicy { exclude, zero };

/// Shape of the planned path from start to due date (expected progress).
enum class PlanCurve { linear, front_loaded, back_loaded, s_curve, phased };

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
};

/// A balanced-scorecard perspective with its weight in a unit scorecard.
struct Perspective {
  std::string id;
  std::string name;
  double weight = 1.0;
};

/// A child objective's contribution to a parent objective.
struct Alignment {
  std::string parent;  ///< parent objective id
  double weight = 1.0; ///< contribution weight in the parent's roll-up
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
};

/// Qualitative goal for one cycle.
struct Objective {
  std::string id;
  std::string title;
  std::string description;
  std::string owner;        ///< person id
  std::string unit;         ///< org unit id
  std::string cycle;        ///< cycle id
  ObjectiveType type = ObjectiveType::committed;
  std::vector<Alignment> aligns_to;  ///< parents this objective contributes to
  std::string perspective;  ///< perspective id, optional
  double weight = 1.0;      ///< weight inside its perspective / unit scorecard
  RollupMethod rollup = RollupMethod::weighted_mean;
  MissingPolicy missing = MissingPolicy::exclude;
  bool weakest_child_status = false;  ///< status is the weakest child's
  std::optional<double> score_override;  ///< score entered by hand
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
  std::vector<DatedWeight> weights;  ///< dated weight ranges; override `weight` where they apply
  std::optional<Date> start;  ///< default: cycle start
  std::optional<Date> due;    ///< default: cycle end
  std::vector<std::string> tracked_by;  ///< KPI ids
  std::string series;         ///< measurement series id; "" = none
  Aggregation aggregation = Aggregation::last;
  std::vector<std::string> cascade_from;  ///< child KR ids whose values sum into this one
  Plan plan;
  std::vector<CheckIn> checkins;
  std::optional<double> value_override;  ///< current value entered by hand
  std::optional<double> score_override;  ///< attainment entered by hand
};

/// Green / yellow limits of a KPI; the direction follows the target kind.
struct Thresholds {
  std::optional<double> green;
  std::optional<double> yellow;
};

/// Continuously measured indicator.
struct Kpi {
  std::string id;
  std::string name;
  std::string owner;
  std::string unit;           ///< org unit id
  std::string measure_unit;
  Frequency frequency = Frequency::monthly;
  Target target;
  Thresholds thresholds;
  std::string series;         ///< measurement series id; "" = derived or none
  std::string formula;        ///< derived KPI expression over other series
  Aggregation aggregation = Aggregation::last;
  GradeOver grade_over = GradeOver::latest;
  std::string perspective;
  double weight = 1.0;
  std::string data_source;
  std::optional<double> value_override;
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
    if (auto it = lines.find({node, field}); it != lines.end()) at.line = it->second;
    else if (auto jt = lines.find({node, ""}); jt != lines.end()) at.line = jt->second;
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

namespace detail {
template <>
struct enum_names<ObjectiveType> {
  static constexpr std::array<std::pair<ObjectiveType, std::string_view>, 2> names{{
      {ObjectiveType::committed, "committed"}, {ObjectiveType::aspirational, "aspirational"}}};
};
template <>
struct enum_names<Frequency> {
  static constexpr std::array<std::pair<Frequency, std::string_view>, 5> names{{
      {Frequency::daily, "daily"},
      {Frequency::weekly, "weekly"},
      {Frequency::monthly, "monthly"},
      {Frequency::quarterly, "quarterly"},
      {Frequency::yearly, "yearly"}}};
};
template <>
struct enum_names<Aggregation> {
  static constexpr std::array<std::pair<Aggregation, std::string_view>, 8> names{{
      {Aggregation::last, "last"},
      {Aggregation::first, "first"},
      {Aggregation::sum, "sum"},
      {Aggregation::mean, "mean"},
      {Aggregation::min, "min"},
      {Aggregation::max, "max"},
      {Aggregation::count, "count"},
      {Aggregation::ratio, "ratio"}}};
};
template <>
struct enum_names<GradeOver> {
  static constexpr std::array<std::pair<GradeOver, std::string_view>, 3> names{{
      {GradeOver::latest, "latest"}, {GradeOver::average, "average"}, {GradeOver::worst, "worst"}}};
};
template <>
struct enum_names<RollupMethod> {
  static constexpr std::array<std::pair<RollupMethod, std::string_view>, 5> names{{
      {RollupMethod::weighted_mean, "weighted_mean"},
      {RollupMethod::min, "min"},
      {RollupMethod::max, "max"},
      {RollupMethod::geometric_mean, "geometric_mean"},
      {RollupMethod::by_magnitude, "by_magnitude"}}};
};
template <>
struct enum_names<MissingPolicy> {
  static constexpr std::array<std::pair<MissingPolicy, std::string_view>, 2> names{{
      {MissingPolicy::exclude, "exclude"}, {MissingPolicy::zero, "zero"}}};
};
template <>
struct enum_names<PlanCurve> {
  static constexpr std::array<std::pair<PlanCurve, std::string_view>, 5> names{{
      {PlanCurve::linear, "linear"},
      {PlanCurve::front_loaded, "front_loaded"},
      {PlanCurve::back_loaded, "back_loaded"},
      {PlanCurve::s_curve, "s_curve"},
      {PlanCurve::phased, "phased"}}};
};
}  // namespace detail

/// The text name of any okrkit enum ("increase", "monthly", ...).
template <class E, class = decltype(detail::enum_names<E>::names)>
std::string to_string(E e) {
  return std::string(detail::enum_to_string(e));
}

}  // namespace okrkit
