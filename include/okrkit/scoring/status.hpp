// okrkit — expected progress at a date and the status rules (done / on track /
// behind / at risk / off track), forecast-based status, weakest-child status,
// committed vs aspirational expectations, and KPI health from thresholds.
// The curves and rules are written out in docs/scoring.md "Status".
#pragma once

#include <algorithm>
#include <cmath>
#include <optional>
#include <vector>

#include "okrkit/time/date.hpp"
#include "okrkit/model/model.hpp"
#include "okrkit/scoring/progress.hpp"

namespace okrkit {

/// Share of the target planned by elapsed fraction x in [0, 1] (clamped):
///  linear x; front_loaded 1 - (1 - x)^2 (fast start, slope 2 -> 0);
///  back_loaded x^2 (slow start, slope 0 -> 2); s_curve 3x^2 - 2x^3
///  (smoothstep: slow, fast, slow; 0.5 at mid-cycle). `phased` needs dates:
///  see expected_progress(); here it falls back to linear.
inline double plan_fraction(double x, PlanCurve curve) noexcept {
  if (std::isnan(x)) return nan_value;
  x = std::clamp(x, 0.0, 1.0);
  switch (curve) {
    case PlanCurve::front_loaded:
      return 1.0 - (1.0 - x) * (1.0 - x);
    case PlanCurve::back_loaded:
      return x * x;
    case PlanCurve::s_curve:
      return x * x * (3.0 - 2.0 * x);
    case PlanCurve::linear:
    case PlanCurve::phased:
      return x;
  }
  return x;
}

/// Expected progress at `as_of` for a target running from `start` to `due`
/// (both inclusive days): x = clamp((as_of - start) / (due - start), 0, 1) in
/// days, shaped by the plan's curve. A phased plan is piecewise linear through
/// its points (date, fraction), with (start, 0) before the first point and
/// (due, 1) after the last one when they are not given; the last point's
/// fraction holds after it when it lies on or after the due date.
/// due == start: 0 before the day, 1 from it on. due < start: NaN + diagnostic.
inline double expected_progress(Date start, Date due, Date as_of, const Plan& plan = {},
                                Diagnostics* out = nullptr) {
  if (due < start) {
    detail::report(out, Severity::error, "due-before-start", "due date is before the start");
    return nan_value;
  }
  const double s = to_day_number(start), d = to_day_number(due), t = to_day_number(as_of);
  if (plan.curve == PlanCurve::phased && !plan.points.empty()) {
    std::vector<std::pair<double, double>> pts;
    if (to_day_number(plan.points.front().date) > s) pts.emplace_back(s, 0.0);
    for (const auto& p : plan.points) pts.emplace_back(to_day_number(p.date), p.fraction);
    if (pts.back().first < d) pts.emplace_back(d, 1.0);
    if (t <= pts.front().first) return pts.front().second;
    for (std::size_t i = 1; i < pts.size(); ++i) {
      const auto [x0, y0] = pts[i - 1];
      const auto [x1, y1] = pts[i];
      if (t <= x1) return x1 == x0 ? y1 : y0 + (y1 - y0) * (t - x0) / (x1 - x0);
    }
    return pts.back().second;
  }
  if (d == s) return t >= d ? 1.0 : 0.0;
  return plan_fraction((t - s) / (d - s), plan.curve);
}

/// Status of a node. Order of severity: done < on_track < behind < at_risk <
/// off_track; no_data when there is no progress to judge.
enum class Status { done, on_track, behind, at_risk, off_track, no_data };

/// Which rule turns progress and expected progress into a status.
enum class StatusRuleKind {
  tolerance,  ///< on_track p >= e - tol; at_risk p >= e - 2 tol; else off_track
  ratio,      ///< r = p / e: on_track r >= on_track_ratio; behind r >= behind_ratio; else at_risk
  /// Points behind g = 100 (e - p): at_risk (amber) when g > pace_amber_gap,
  /// off_track (red) when g > pace_red_gap, each limit on its own; with no
  /// expected progress (no dates), the absolute signal: on_track p >=
  /// absolute_green, off_track p < absolute_red, else at_risk. The two-gap
  /// rule practitioners use (docs/lifecycle.md "Pace signal").
  gap,
};

/// Parameters of the status rules.
struct StatusRule {
  StatusRuleKind kind = StatusRuleKind::tolerance;
  double tol = 0.1;              ///< tolerance rule
  double on_track_ratio = 0.7;   ///< ratio rule: lowest on-track p / e
  double behind_ratio = 0.4;     ///< ratio rule: lowest "behind" p / e; below is at risk
  double pace_amber_gap = 10;    ///< gap rule: amber above this many points behind
  double pace_red_gap = 25;      ///< gap rule: red above this many points behind
  double absolute_green = 0.75;  ///< gap rule without expected progress: green from this progress
  double absolute_red = 0.5;     ///< gap rule without expected progress: red below this progress
};

/// Points behind the expectation, 100 (e - p), rounded to 1e-9 so that
/// 0.60 - 0.35 counts as the 25 points it is written as (docs/lifecycle.md).
inline double points_behind(double p, double e) noexcept {
  return std::round(100.0 * (e - p) * 1e9) / 1e9;
}

/// The progress that counts as success: 1 for committed, `aspirational` (0.7
/// by default) for aspirational objectives and their key results.
inline double success_level(ObjectiveType type, double aspirational = 0.7) noexcept {
  return type == ObjectiveType::aspirational ? aspirational : 1.0;
}

/// Status from progress p and expected progress e.
///  * done when p >= 1;
///  * past due (as_of after the due date) and not done: done if p >= success
///    (an aspirational KR that reached 0.7 has succeeded), else off_track;
///  * otherwise the rule compares p with success * e: aspirational nodes are
///    expected to follow the plan only up to 0.7 of the target.
/// NaN p -> no_data. With the ratio rule, e == 0 (nothing expected yet) is on_track.
/// With the gap rule, NaN e uses the absolute signal instead of no_data.
inline Status status_of(double p, double e, const StatusRule& rule = {}, bool past_due = false,
                        double success = 1.0) noexcept {
  if (std::isnan(p)) return Status::no_data;
  if (p >= 1.0) return Status::done;
  if (past_due) return p >= success ? Status::done : Status::off_track;
  if (rule.kind == StatusRuleKind::gap && std::isnan(e)) {
    if (p >= rule.absolute_green) return Status::on_track;
    return p < rule.absolute_red ? Status::off_track : Status::at_risk;
  }
  if (std::isnan(e)) return Status::no_data;
  const double ex = success * e;
  if (rule.kind == StatusRuleKind::gap) {
    const double g = points_behind(p, ex);
    if (g > rule.pace_red_gap) return Status::off_track;
    if (g > rule.pace_amber_gap) return Status::at_risk;
    return Status::on_track;
  }
  if (rule.kind == StatusRuleKind::ratio) {
    if (!(ex > 0)) return Status::on_track;
    const double r = p / ex;
    if (r >= rule.on_track_ratio) return Status::on_track;
    if (r >= rule.behind_ratio) return Status::behind;
    return Status::at_risk;
  }
  if (p >= ex - rule.tol) return Status::on_track;
  if (p >= ex - 2.0 * rule.tol) return Status::at_risk;
  return Status::off_track;
}

/// Forecast-based status: the same rule with the projected progress at the due
/// date in place of p, against the full expectation there (e = 1).
inline Status forecast_status(double projected_p, const StatusRule& rule = {},
                              double success = 1.0) noexcept {
  if (std::isnan(projected_p)) return Status::no_data;
  if (projected_p >= 1.0) return Status::on_track;  // projected, not yet done
  const Status s = status_of(projected_p, 1.0, rule, false, success);
  return s == Status::done ? Status::on_track : s;
}

/// Rank for "weakest": higher is worse; no_data ranks below everything.
inline int severity(Status s) noexcept {
  switch (s) {
    case Status::done:
      return 0;
    case Status::on_track:
      return 1;
    case Status::behind:
      return 2;
    case Status::at_risk:
      return 3;
    case Status::off_track:
      return 4;
    case Status::no_data:
      return -1;
  }
  return -1;
}

/// The weakest (most severe) status of children; no_data if none has data.
inline Status weakest(const std::vector<Status>& children) noexcept {
  Status w = Status::no_data;
  for (Status s : children)
    if (severity(s) > severity(w)) w = s;
  return w;
}

/// Health of a node. KPIs, CSFs and units: the traffic light green / yellow /
/// red (none without data). Objectives and key results: the lifecycle health
/// of docs/lifecycle.md "Health" -- a closed state (achieved, missed,
/// abandoned), outdated (past due beyond the grace period), the latest
/// reported check-in status (on_track, caution, off_track), else the
/// computed status (done, on_track, behind, at_risk, off_track), else pending.
enum class Health {
  green,
  yellow,
  red,
  none,
  achieved,
  missed,
  abandoned,
  outdated,
  on_track,
  caution,
  off_track,
  done,
  behind,
  at_risk,
  pending
};

/// Default thresholds of a KPI that has a target but neither a green nor a
/// yellow limit (docs/lifecycle.md "KPI defaults"): achievement -- the KPI's
/// progress towards its target, the `progress` column -- >= green is green,
/// >= yellow is yellow, else red.
struct KpiDefaults {
  double green = 0.9;
  double yellow = 0.7;
};

/// KPI health of value v from thresholds, in the target's direction.
/// Higher-is-better kinds: green if v >= green, yellow if v >= yellow, else red;
/// lower-is-better kinds (decrease, at_most) mirror it. An unset green limit
/// is the target; an unset yellow limit means no yellow band. With
/// `defaults` and no green / yellow limit at all, the default thresholds on
/// the achievement instead (`*defaulted` is set to true). Range: green inside
/// [lo, hi], yellow within a distance outside it (yellow_below under lo,
/// yellow_above over hi, each falling back to `yellow`), else red.
/// Milestone / baseline kinds: green when progress >= 1, else red.
/// NaN v -> none, with a diagnostic.
inline Health kpi_health(const Target& tg, const Thresholds& th, double v,
                         Diagnostics* out = nullptr, const KpiDefaults* defaults = nullptr,
                         bool* defaulted = nullptr) {
  if (defaulted) *defaulted = false;
  if (std::isnan(v)) {
    detail::report(out, Severity::warning, "missing-value", "no value for health");
    return Health::none;
  }
  switch (tg.kind) {
    case TargetKind::range: {
      if (!tg.lo || !tg.hi) return Health::none;
      if (v >= *tg.lo && v <= *tg.hi) return Health::green;
      const bool below = v < *tg.lo;
      const double dist = below ? *tg.lo - v : v - *tg.hi;
      const std::optional<double> side = below ? th.yellow_below : th.yellow_above;
      const std::optional<double> lim = side ? side : th.yellow;
      return lim && dist <= *lim ? Health::yellow : Health::red;
    }
    case TargetKind::milestone:
    case TargetKind::baseline:
      return progress(tg, v) >= 1.0 ? Health::green : Health::red;
    default:
      break;
  }
  const auto t = tg.absolute_target();
  if (defaults && t && !th.green && !th.yellow) {
    const double a = progress(tg, v);
    if (!std::isnan(a)) {
      if (defaulted) *defaulted = true;
      if (a >= defaults->green) return Health::green;
      return a >= defaults->yellow ? Health::yellow : Health::red;
    }
  }
  const std::optional<double> green = th.green ? th.green : t;
  if (!green) {
    detail::report(out, Severity::warning, "no-thresholds", "no green limit and no target");
    return Health::none;
  }
  const bool hib = tg.higher_is_better();
  auto meets = [&](double lim) { return hib ? v >= lim : v <= lim; };
  if (meets(*green)) return Health::green;
  if (th.yellow && meets(*th.yellow)) return Health::yellow;
  return Health::red;
}

namespace detail {
template <>
struct enum_names<Status> {
  static constexpr std::array<std::pair<Status, std::string_view>, 6> names{
      {{Status::done, "done"},
       {Status::on_track, "on_track"},
       {Status::behind, "behind"},
       {Status::at_risk, "at_risk"},
       {Status::off_track, "off_track"},
       {Status::no_data, "no_data"}}};
};
template <>
struct enum_names<StatusRuleKind> {
  static constexpr std::array<std::pair<StatusRuleKind, std::string_view>, 3> names{
      {{StatusRuleKind::tolerance, "tolerance"},
       {StatusRuleKind::ratio, "ratio"},
       {StatusRuleKind::gap, "gap"}}};
};
template <>
struct enum_names<Health> {
  static constexpr std::array<std::pair<Health, std::string_view>, 15> names{
      {{Health::green, "green"},
       {Health::yellow, "yellow"},
       {Health::red, "red"},
       {Health::none, "none"},
       {Health::achieved, "achieved"},
       {Health::missed, "missed"},
       {Health::abandoned, "abandoned"},
       {Health::outdated, "outdated"},
       {Health::on_track, "on_track"},
       {Health::caution, "caution"},
       {Health::off_track, "off_track"},
       {Health::done, "done"},
       {Health::behind, "behind"},
       {Health::at_risk, "at_risk"},
       {Health::pending, "pending"}}};
};
}  // namespace detail

}  // namespace okrkit
