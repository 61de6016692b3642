// okrkit — the model's vocabulary: the small enums that periods, aggregation
// and scoring share with the model, and their one table of names (used by
// every reader, writer and binding). Kept apart from model.hpp so that a
// header that needs only an enum does not pay for the whole model.
#pragma once

#include <array>
#include <string>
#include <string_view>
#include <utility>

#include "okrkit/detail/enum_names.hpp"

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

/// Where a cycle is in its life (docs/lifecycle.md): being set, running, closed.
enum class CycleState { draft, active, closed };

/// State of an objective or key result (docs/lifecycle.md). The closed states
/// (achieved, missed, abandoned) freeze the node's score at its final_score.
enum class NodeState { active, achieved, missed, abandoned };

/// achieved, missed and abandoned are closed: the node's score is frozen.
constexpr bool is_closed(NodeState s) noexcept { return s != NodeState::active; }

/// Status an owner reports with a check-in (docs/lifecycle.md "Health").
enum class CheckInStatus { on_track, caution, off_track };

/// How a key result's progress is computed (docs/lifecycle.md "Scoring
/// methods"): `value` — its target formula on its current value (the
/// default); `tracked_by` — the achievement of the KPIs it is tracked by;
/// `time_in_band` — the share of the elapsed cycle its value spent inside the
/// band (maintain / range KRs); `ordinal` — the zone its check-ins report.
enum class KrScoring { value, tracked_by, time_in_band, ordinal };

/// A zone a check-in reports on an ordinal key result (scoring/zones.hpp).
enum class ZoneLevel { below, commit, target, stretch };

namespace detail {
template <>
struct enum_names<CycleState> {
  static constexpr std::array<std::pair<CycleState, std::string_view>, 3> names{
      {{CycleState::draft, "draft"},
       {CycleState::active, "active"},
       {CycleState::closed, "closed"}}};
};
template <>
struct enum_names<NodeState> {
  static constexpr std::array<std::pair<NodeState, std::string_view>, 4> names{
      {{NodeState::active, "active"},
       {NodeState::achieved, "achieved"},
       {NodeState::missed, "missed"},
       {NodeState::abandoned, "abandoned"}}};
};
template <>
struct enum_names<CheckInStatus> {
  static constexpr std::array<std::pair<CheckInStatus, std::string_view>, 3> names{
      {{CheckInStatus::on_track, "on_track"},
       {CheckInStatus::caution, "caution"},
       {CheckInStatus::off_track, "off_track"}}};
};
template <>
struct enum_names<KrScoring> {
  static constexpr std::array<std::pair<KrScoring, std::string_view>, 4> names{
      {{KrScoring::value, "value"},
       {KrScoring::tracked_by, "tracked_by"},
       {KrScoring::time_in_band, "time_in_band"},
       {KrScoring::ordinal, "ordinal"}}};
};
template <>
struct enum_names<ZoneLevel> {
  static constexpr std::array<std::pair<ZoneLevel, std::string_view>, 4> names{
      {{ZoneLevel::below, "below"},
       {ZoneLevel::commit, "commit"},
       {ZoneLevel::target, "target"},
       {ZoneLevel::stretch, "stretch"}}};
};
template <>
struct enum_names<ObjectiveType> {
  static constexpr std::array<std::pair<ObjectiveType, std::string_view>, 2> names{
      {{ObjectiveType::committed, "committed"}, {ObjectiveType::aspirational, "aspirational"}}};
};
template <>
struct enum_names<Frequency> {
  static constexpr std::array<std::pair<Frequency, std::string_view>, 5> names{
      {{Frequency::daily, "daily"},
       {Frequency::weekly, "weekly"},
       {Frequency::monthly, "monthly"},
       {Frequency::quarterly, "quarterly"},
       {Frequency::yearly, "yearly"}}};
};
template <>
struct enum_names<Aggregation> {
  static constexpr std::array<std::pair<Aggregation, std::string_view>, 8> names{
      {{Aggregation::last, "last"},
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
  static constexpr std::array<std::pair<GradeOver, std::string_view>, 3> names{
      {{GradeOver::latest, "latest"},
       {GradeOver::average, "average"},
       {GradeOver::worst, "worst"}}};
};
template <>
struct enum_names<RollupMethod> {
  static constexpr std::array<std::pair<RollupMethod, std::string_view>, 5> names{
      {{RollupMethod::weighted_mean, "weighted_mean"},
       {RollupMethod::min, "min"},
       {RollupMethod::max, "max"},
       {RollupMethod::geometric_mean, "geometric_mean"},
       {RollupMethod::by_magnitude, "by_magnitude"}}};
};
template <>
struct enum_names<MissingPolicy> {
  static constexpr std::array<std::pair<MissingPolicy, std::string_view>, 2> names{
      {{MissingPolicy::exclude, "exclude"}, {MissingPolicy::zero, "zero"}}};
};
template <>
struct enum_names<PlanCurve> {
  static constexpr std::array<std::pair<PlanCurve, std::string_view>, 5> names{
      {{PlanCurve::linear, "linear"},
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
