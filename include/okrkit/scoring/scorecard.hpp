// okrkit — evaluate(): a Model and its measurements at an as-of date become a
// Scorecard: every key result, KPI, objective, CSF and unit with its value,
// progress, performance, attainment, grade, expected progress, status, health,
// confidence, provenance, incomplete flag and diagnostics.
//
// evaluate() is pure: it reads a const Model and a const (finalized)
// SeriesStore and may run on many threads at once. The formulas are the scalar
// functions of progress.hpp, grade.hpp, status.hpp and rollup.hpp.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "okrkit/series/aggregate.hpp"
#include "okrkit/scoring/grade.hpp"
#include "okrkit/scoring/node_score.hpp"
#include "okrkit/model/model.hpp"
#include "okrkit/time/period.hpp"
#include "okrkit/scoring/progress.hpp"
#include "okrkit/scoring/rollup.hpp"
#include "okrkit/series/series.hpp"
#include "okrkit/scoring/status.hpp"
#include "okrkit/detail/flat_index.hpp"
#include "okrkit/detail/format_number.hpp"

namespace okrkit {

/// The current value of a key result or KPI and where it came from.
struct CurrentValue {
  double value = nan_value;
  Provenance source = Provenance::none;
  std::optional<Date> date;          ///< date of the measurement / check-in used
  std::optional<double> confidence;  ///< from the latest check-in with a confidence
  bool incomplete = false;           ///< a cascaded sum missed some children
};

/// Where a node's value may come from (a view of a KeyResult's or Kpi's fields).
struct ValueSources {
  std::string_view id;
  const std::optional<double>* value_override = nullptr;
  const std::vector<std::string>* cascade_from = nullptr;  ///< child KR ids (KRs only)
  std::string_view series;
  const std::vector<CheckIn>* checkins = nullptr;  ///< KRs only
  Aggregation aggregation = Aggregation::last;
  /// The series' number in the store when already resolved (evaluate() looks
  /// every id up once in its own index); SIZE_MAX = look `series` up.
  std::size_t series_number = static_cast<std::size_t>(-1);
  /// KPIs: the periods of the KPI's frequency. The value is the aggregate of
  /// the as-of date's period, else of the latest earlier period with data
  /// (a "stale-value" diagnostic names it).
  std::optional<PeriodType> period;
  /// Key results: first day of the cycle-to-date span (KR start or cycle
  /// start) used by every aggregation but `last`.
  std::optional<Date> span_start;
};

inline ValueSources value_sources(const KeyResult& kr) {
  return {kr.id,          &kr.value_override,           &kr.cascade_from, kr.series, &kr.checkins,
          kr.aggregation, static_cast<std::size_t>(-1), std::nullopt,     kr.start};
}
inline ValueSources value_sources(const Kpi& k) {
  return {k.id,
          &k.value_override,
          nullptr,
          k.series,
          nullptr,
          k.aggregation,
          static_cast<std::size_t>(-1),
          PeriodType(period_kind_of(k.frequency)),
          std::nullopt};
}

/// `view` cut to the measurements on or before `as_of`.
inline SeriesView up_to(SeriesView view, Date as_of) {
  const DayNumber day = to_day_number(as_of);
  view.size =
      static_cast<std::size_t>(std::upper_bound(view.days, view.days + view.size, day) - view.days);
  return view;
}

/// Aggregate of the rows [b, e) of `view` (missing values skipped; see
/// Accumulator). `used` receives the number of usable rows.
inline double aggregate_rows(const SeriesView& view, std::size_t b, std::size_t e, Aggregation how,
                             std::uint32_t* used = nullptr) {
  Accumulator acc;
  detail::dispatch(how, [&](auto tag) {
    constexpr Aggregation H = decltype(tag)::value;
    for (std::size_t i = b; i < e; ++i)
      acc.add<H>(view.days[i], view.values[i], view.numerators ? view.numerators[i] : nan_value,
                 view.denominators ? view.denominators[i] : nan_value);
  });
  if (used) *used = acc.used;
  return acc.value(how);
}

/// A period's aggregate and the date of its latest measurement.
struct DatedPeriodValue {
  Period period;
  double value = nan_value;
  Date date;
};

/// The aggregate of the latest period of `type` that has a usable measurement
/// in `view` (cut it at the as-of date first, see up_to()); nullopt when none.
/// `last` is the last non-missing value. A ratio without numerator /
/// denominator columns reports "no-ratio-columns" and gives nullopt.
inline std::optional<DatedPeriodValue> latest_period_value(const SeriesView& view,
                                                           const PeriodType& type, Aggregation how,
                                                           Diagnostics* out = nullptr) {
  if (how == Aggregation::ratio && (!view.numerators || !view.denominators)) {
    detail::report(out, Severity::error, "no-ratio-columns",
                   "series '" + std::string(view.id) +
                       "' has no numerator/denominator columns for a ratio aggregation");
    return std::nullopt;
  }
  std::size_t e = view.size;
  while (e > 0) {
    const Period p = type.of(view.date(e - 1));
    const std::size_t b = static_cast<std::size_t>(
        std::lower_bound(view.days, view.days + e, p.start_day()) - view.days);
    std::uint32_t used = 0;
    const double v = aggregate_rows(view, b, e, how, &used);
    if (used > 0) return DatedPeriodValue{p, v, view.date(e - 1)};
    e = b;
  }
  return std::nullopt;
}

/// Per-period aggregates for grading over periods (Kpi::grade_over): the
/// periods of `type` from the one holding `from` (the cycle start; without
/// it, the period of the first measurement) to the one holding `as_of`, oldest
/// first; each is the aggregate (`how`) of its measurements on or after
/// `from` and on or before `as_of` (cut `view` with up_to() first). A period
/// without a usable measurement is NaN (a gap: graders skip it and say the
/// grade is incomplete), except the as-of period, which is left out while it
/// has none (it is still running). A ratio without numerator / denominator
/// columns gives no periods (current_value() reports it).
inline std::vector<double> period_values(const SeriesView& view, const PeriodType& type,
                                         Aggregation how, std::optional<Date> from, Date as_of) {
  std::vector<double> out;
  if (how == Aggregation::ratio && (!view.numerators || !view.denominators)) return out;
  const std::size_t b =
      from ? static_cast<std::size_t>(
                 std::lower_bound(view.days, view.days + view.size, to_day_number(*from)) -
                 view.days)
           : 0;
  if (!from && b == view.size) return out;
  const std::int32_t first = type.index_of_day(from ? to_day_number(*from) : view.days[b]);
  const std::int32_t last = type.index_of_day(to_day_number(as_of));
  if (last < first) return out;
  out.assign(static_cast<std::size_t>(last - first) + 1, nan_value);
  std::uint32_t used_last = 0;
  for (std::size_t i = b; i < view.size;) {
    const std::int32_t p = type.index_of_day(view.days[i]);
    const DayNumber end = type.end_day(p);
    std::size_t e = i + 1;
    while (e < view.size && view.days[e] <= end) ++e;
    if (p >= first && p <= last) {
      std::uint32_t used = 0;
      const double v = aggregate_rows(view, i, e, how, &used);
      // count of a period whose rows are all missing is 0 in aggregate(); a
      // grade needs a usable value, so such a period is a gap here.
      out[static_cast<std::size_t>(p - first)] = used > 0 ? v : nan_value;
      if (p == last) used_last = used;
    }
    i = e;
  }
  if (used_last == 0) out.pop_back();
  return out;
}

/// The last non-NaN measurement of `view` on or before `as_of` (index), if any.
inline std::optional<std::size_t> last_on_or_before(const SeriesView& view, Date as_of) {
  const DayNumber day = to_day_number(as_of);
  std::size_t i =
      static_cast<std::size_t>(std::upper_bound(view.days, view.days + view.size, day) - view.days);
  while (i > 0) {
    --i;
    if (!std::isnan(view.values[i])) return i;
  }
  return std::nullopt;
}

/// Relative difference above which a ratio row's `value` cell is taken to
/// disagree with numerator / denominator (more than rounding to 2-3
/// significant digits; a percent against a fraction differs 100-fold).
inline constexpr double ratio_value_tolerance = 0.01;

/// Rows [b, e) of series number `s` (view: a prefix of store.view(s)) read by
/// a ratio aggregation: a row whose value cell disagrees with its numerator /
/// denominator by more than ratio_value_tolerance (relative) gets one warning
/// "ratio-value-mismatch" naming the first such row (file:line, series,
/// date) and counting the others. The ratio of sums wins: the value cell is
/// not used (docs/scoring.md).
inline void check_ratio_rows(const SeriesStore& store, std::size_t s, const SeriesView& view,
                             std::size_t b, std::size_t e, std::string_view node,
                             Diagnostics* out) {
  if (!out || !view.numerators || !view.denominators) return;
  std::size_t first = e, count = 0;
  for (std::size_t i = b; i < e; ++i) {
    const double v = view.values[i], n = view.numerators[i], d = view.denominators[i];
    if (!std::isfinite(v) || !std::isfinite(n) || !std::isfinite(d) || d == 0.0) continue;
    const double r = n / d;
    if (std::fabs(v - r) > ratio_value_tolerance * std::max(std::fabs(v), std::fabs(r))) {
      if (first == e) first = i;
      ++count;
    }
  }
  if (count == 0) return;
  Location at = store.row_location(s, first);
  at.node = std::string(node);
  at.field = "value";
  const auto num = [](double x) { return detail::format_general(x); };
  const double n = view.numerators[first], d = view.denominators[first];
  std::string msg = "series '" + std::string(view.id) + "' on " + format_date(view.date(first)) +
                    ": value " + num(view.values[first]) +
                    " disagrees with numerator / denominator " + num(n) + " / " + num(d) + " = " +
                    num(n / d);
  if (count > 1)
    msg += " (and " + std::to_string(count - 1) + (count == 2 ? " more row)" : " more rows)");
  msg +=
      "; the ratio aggregation uses sum(numerator) / sum(denominator), the value column is "
      "ignored: fix the value column or the numerator / denominator";
  out->push_back(
      Diagnostic{Severity::warning, "ratio-value-mismatch", std::move(msg), std::move(at)});
}

/// THE current value of a key result or KPI at `as_of`, in this order:
///  1. value_override (provenance overridden);
///  2. cascade_from: the sum of the children's current values (computed;
///     children without a value are left out and the sum is incomplete);
///  3. the measurements of `series` on or before as_of (measured): a KPI
///     (src.period set) takes the aggregate of the as-of period of its
///     frequency, else of the latest earlier period with data (info
///     "stale-value" naming that period); a key result takes the last
///     non-NaN value (aggregation `last`) or the cycle-to-date aggregate from
///     src.span_start (sum, mean, ratio of sums, ...). Gaps are never filled;
///  4. the latest check-in with a value on or before as_of (checked_in).
/// Confidence comes from the latest check-in with one, on or before as_of.
/// `child_value(id)` returns a child's CurrentValue (evaluate() passes its
/// memo). This is the one place to change when values come from period
/// aggregation or derived formulas.
template <class ChildValue>
CurrentValue current_value(const SeriesStore& store, const ValueSources& src, Date as_of,
                           ChildValue&& child_value, Diagnostics* out = nullptr) {
  CurrentValue cv;
  if (src.checkins) {
    const CheckIn* best = nullptr;
    for (const auto& c : *src.checkins)
      if (c.confidence && c.date <= as_of && (!best || c.date >= best->date)) best = &c;
    if (best) cv.confidence = best->confidence;
  }
  if (src.value_override && *src.value_override) {
    cv.value = **src.value_override;
    cv.source = Provenance::overridden;
    if (std::isnan(cv.value)) {
      detail::report(out, Severity::warning, "missing-value", "value override is NaN");
    } else if (std::isinf(cv.value)) {
      // An infinite value would score silently (clamped to the cap): missing instead.
      detail::report(out, Severity::warning, "not-finite", "value override is infinite");
      cv.value = nan_value;
    }
    return cv;
  }
  if (src.cascade_from && !src.cascade_from->empty()) {
    double sum = 0;
    std::size_t used = 0;
    for (const auto& child : *src.cascade_from) {
      const CurrentValue c = child_value(std::string_view(child));
      if (std::isnan(c.value)) {
        cv.incomplete = true;
        continue;
      }
      sum += c.value;
      ++used;
      cv.incomplete |= c.incomplete;
      if (c.date && (!cv.date || *cv.date < *c.date)) cv.date = c.date;
    }
    if (used > 0) {
      cv.value = sum;
      cv.source = Provenance::computed;
      if (cv.incomplete)
        detail::report(out, Severity::info, "incomplete", "cascaded sum misses some children");
    } else {
      detail::report(out, Severity::warning, "missing-value", "no cascaded child has a value");
    }
    return cv;
  }
  if (!src.series.empty()) {
    const auto s = src.series_number != static_cast<std::size_t>(-1)
                       ? std::optional<std::size_t>(src.series_number)
                       : store.find(src.series);
    if (s) {
      const SeriesView view = up_to(store.view(*s), as_of);
      if (src.period) {
        // KPI: the aggregate of the as-of period, else the latest earlier one.
        if (auto pv = latest_period_value(view, *src.period, src.aggregation, out)) {
          if (src.aggregation == Aggregation::ratio) {
            const DayNumber lo = pv->period.start_day();
            const std::size_t b = static_cast<std::size_t>(
                std::lower_bound(view.days, view.days + view.size, lo) - view.days);
            const std::size_t e = static_cast<std::size_t>(
                std::upper_bound(view.days, view.days + view.size, to_day_number(pv->date)) -
                view.days);
            check_ratio_rows(store, *s, view, b, e, src.id, out);
          }
          cv.value = pv->value;
          cv.source = Provenance::measured;
          cv.date = pv->date;
          const Period now = src.period->of(as_of);
          if (pv->period != now)
            detail::report(
                out, Severity::info, "stale-value",
                "no data for " + now.label() + " yet: value is from " + pv->period.label());
          if (std::isnan(cv.value))
            detail::report(
                out, Severity::warning, "missing-value",
                "aggregate of " + pv->period.label() + " is missing (zero denominator?)");
          return cv;
        }
      } else if (src.aggregation != Aggregation::last && src.span_start) {
        // Key result: cycle-to-date aggregate.
        const std::size_t b = static_cast<std::size_t>(
            std::lower_bound(view.days, view.days + view.size, to_day_number(*src.span_start)) -
            view.days);
        if (src.aggregation == Aggregation::ratio && (!view.numerators || !view.denominators)) {
          detail::report(out, Severity::error, "no-ratio-columns",
                         "series '" + std::string(src.series) +
                             "' has no numerator/denominator columns for a ratio aggregation");
        } else {
          std::uint32_t used = 0;
          const double v = aggregate_rows(view, b, view.size, src.aggregation, &used);
          if (src.aggregation == Aggregation::ratio)
            check_ratio_rows(store, *s, view, b, view.size, src.id, out);
          if (used > 0) {
            cv.value = v;
            cv.source = Provenance::measured;
            cv.date = view.date(view.size - 1);
            return cv;
          }
        }
      } else if (auto i = last_on_or_before(view, as_of)) {
        cv.value = view.values[*i];
        cv.source = Provenance::measured;
        cv.date = view.date(*i);
        return cv;
      }
    }
  }
  if (src.checkins) {
    const CheckIn* best = nullptr;
    for (const auto& c : *src.checkins)
      if (c.value && !std::isnan(*c.value) && c.date <= as_of && (!best || c.date >= best->date))
        best = &c;
    if (best) {
      cv.value = *best->value;
      cv.source = Provenance::checked_in;
      cv.date = best->date;
      return cv;
    }
  }
  detail::report(out, Severity::warning, "missing-value",
                 src.series.empty() ? "no value on or before the as-of date"
                                    : "series '" + std::string(src.series) +
                                          "' has no value on or before the as-of date");
  return cv;
}

/// How the `grade` column is expressed.
enum class GradeScale {
  unit,     ///< 0-1 (Google style), the attainment
  percent,  ///< 0-100
};

/// What decides a key result's status when a forecast exists (outlook on).
enum class StatusSource {
  pace,      ///< progress against the expected progress at the as-of date (the default)
  forecast,  ///< the forecast status (projected progress at the due date)
};

/// How the outlook's projections are reconciled over the hierarchy the model
/// implies (cascaded key results, KPIs with sum_of; forecast/model_hierarchy.hpp).
/// The names are reconcile.hpp's ReconcileMethod names (docs/forecast.md).
enum class OutlookReconcile {
  none,                  ///< every node's own forecast (the default)
  bottom_up,             ///< aggregates = sum of the bottom series' forecasts
  ols,                   ///< MinT with W = I
  wls_struct,            ///< MinT with W = diag(S·1)
  average_proportions,   ///< top-down, mean of the historical proportions
  proportion_averages,   ///< top-down, proportion of the historical means
  forecast_proportions,  ///< top-down, proportions of the base forecasts
  wls_var,               ///< MinT with the residual variances
  mint_cov,              ///< MinT with the residual sample covariance
  mint_shrink,           ///< MinT with the shrunk residual covariance
};

/// What an abandoned objective or key result does in the roll-ups
/// (objectives, units, cycle score; docs/lifecycle.md).
enum class AbandonedPolicy {
  exclude,  ///< left out, as if it were not there (the default)
  zero,     ///< counted with score 0
};

/// Options of evaluate().
struct EvaluateOptions {
  StatusRule status_rule;             ///< tolerance (default) or ratio rule
  double aspirational_success = 0.7;  ///< success level of aspirational objectives
  GradeScale grade_scale = GradeScale::unit;
  BandLimits bands;                   ///< red / yellow / green limits of the 0-1 score
  std::optional<RatingScale> rating;  ///< when set, every scored node gets a rating label
  std::vector<EvaluationRule> rules;  ///< when set, KRs and KPIs get a rule label (value vs target)
  /// Forecast-based status: projected progress at the due date per KR id (from
  /// the forecast module); used instead of p where given.
  std::unordered_map<std::string, double> projected_progress;
  /// Trend and forecast ("outlook") for every key result and KPI with at
  /// least `outlook_min_periods` periods of history (docs/scoring.md): OLS
  /// slope, Mann–Kendall direction, projected value / progress at the due
  /// date, P(target reached), required run-rate and expected date. Off by
  /// default in the library (it fits a model per node); `okrkit score` turns it on.
  bool outlook = false;
  std::size_t outlook_min_periods = 4;
  /// With `outlook`: a key result's status is the forecast-based status
  /// (projected progress at the due date) where a forecast exists. The same
  /// as status_from = forecast (kept for callers that set it).
  bool forecast_based_status = false;
  /// With `outlook`: what decides a key result's status (docs/scoring.md,
  /// "When pace and forecast disagree"). Either way a row whose pace status
  /// contradicts the forecast gets a warning "pace-forecast-disagree":
  /// on_track with P(target) below `disagree_on_track_below`, or off_track
  /// with P(target) above `disagree_off_track_above`.
  StatusSource status_from = StatusSource::pace;
  double disagree_on_track_below = 0.2;
  double disagree_off_track_above = 0.8;
  /// With `outlook`: reconcile the projections at the due date over the
  /// model's hierarchy, so that a parent's projection is the sum of its
  /// children's (projected_value, projected_progress, probability,
  /// forecast_status of every node in it; docs/forecast.md).
  OutlookReconcile reconcile = OutlookReconcile::none;
  /// With `outlook`: P(objective succeeds) (NodeScore::p_success) by this many
  /// Monte Carlo draws of the forecasts at the due date; 0 = not computed.
  std::size_t outlook_draws = 2000;
  /// Seed of those draws; the result depends on it, never on `threads`.
  std::uint64_t seed = 42;
  /// The rolled-up score an objective must reach for p_success; unset = its
  /// success level (aspirational_success for aspirational objectives, 1 for
  /// committed ones), and bands.green for units.
  std::optional<double> success_threshold;
  /// Check the model and report each validate() error as an error
  /// diagnostic on the node it names (and in Scorecard::diagnostics), so a
  /// model edited in memory into an invalid state (a weight set to -1, a NaN
  /// target) is never scored silently. A scan of a few comparisons per node
  /// looks for the node-local values validate() rejects; only when it finds
  /// one does the full validate() run (dangling references are reported by
  /// evaluate() itself). Callers that have just validated may switch it off.
  bool validate_model = true;
  /// Threads for the independent parts (reference resolution, key results
  /// without cascades, KPIs, each objective level, CSFs, units; a thread takes
  /// at least 4,096 items); 0 = hardware concurrency. Results do not depend on it.
  unsigned threads = 1;
  // --- the cycle (docs/lifecycle.md) ------------------------------------------
  /// Abandoned objectives and key results in roll-ups: left out (default) or
  /// counted as 0; either way the parent gets an info diagnostic saying so.
  AbandonedPolicy abandoned = AbandonedPolicy::exclude;
  /// Days after its due date (KR: due, else cycle end; objective: cycle end)
  /// before an open node's health is "outdated".
  int grace_days = 3;
  /// A check-in's reported status decides the health for this many days
  /// after the check-in (inclusive); older reports give way to the computed status.
  int checkin_window_days = 14;
  /// Default thresholds of KPIs with a target and no green / yellow limit.
  KpiDefaults kpi_defaults;
  /// Progress of long runs (progress bars): called with (done, total), total =
  /// key results + KPIs, as they are scored, and once with done == total
  /// before objectives roll up. Calls never overlap but may come from any
  /// worker thread; a thread that finds another one reporting skips its report.
  /// Unset (the default): no reporting, no cost.
  std::function<void(std::size_t done, std::size_t total)> on_progress;
};

/// New data for a live scorecard (Scorecard::update()): measurements appended
/// to the store and check-ins appended to key results of the model.
struct MeasurementChange {
  std::string series;
  Date date;
  double value = nan_value;
  double numerator = nan_value;    ///< NaN when not given
  double denominator = nan_value;  ///< NaN when not given
};
struct CheckInChange {
  std::string key_result;  ///< id of a key result of the model
  CheckIn checkin;
};
struct ScorecardChanges {
  std::vector<MeasurementChange> measurements;
  std::vector<CheckInChange> checkins;
  /// A measurement for a date its series already has (SeriesStore::append()).
  DuplicatePolicy duplicates = DuplicatePolicy::error;
};
/// What Scorecard::update() did.
struct UpdateResult {
  std::size_t rescored = 0;  ///< rows scored again
  /// True when the whole scorecard was evaluated again: a change named a
  /// series new to the store, brought the first numerator / denominator,
  /// the model fails validation (its errors sit on the rows), or the
  /// outlook is reconciled (EvaluateOptions::reconcile: every node of the
  /// hierarchy depends on every forecast).
  bool full = false;
};

struct Scorecard;
class HistoryEvaluator;  // scoring/history.hpp
namespace detail {
class LiveEvaluator;
/// The evaluator state kept for Scorecard::update(). A copy of a scorecard
/// is a snapshot: it does not share the state and cannot be updated.
struct LiveHandle {
  std::shared_ptr<LiveEvaluator> state;
  LiveHandle() = default;
  LiveHandle(const LiveHandle&) noexcept {}
  LiveHandle& operator=(const LiveHandle& other) noexcept {
    if (this != &other) state.reset();
    return *this;
  }
  LiveHandle(LiveHandle&&) noexcept = default;
  LiveHandle& operator=(LiveHandle&&) noexcept = default;
};
}  // namespace detail

/// The score of one OKR cycle: the weighted mean (objective weights) of its
/// objectives' scores; NaN with a reason when none is scored
/// (docs/lifecycle.md "Cycle score").
struct CycleScore {
  std::string id;
  CycleState state = CycleState::active;
  double score = nan_value;
  std::size_t objectives = 0;  ///< objectives of the cycle that count (abandoned ones excluded)
  std::size_t scored = 0;      ///< of those, the ones with a score
  std::string reason;          ///< how the score was formed, or why there is none
  /// With the outlook: P(the cycle score at the due dates reaches the
  /// success level: success_threshold, else aspirational_success), by the
  /// same draws as the objectives' p_success; NaN when nothing in the cycle
  /// has a forecast (docs/forecast.md).
  double p_success = nan_value;
};

/// The result of evaluate(): rows in the order key results, KPIs, objectives,
/// CSFs, units (each in model order).
struct Scorecard {
  Date as_of;
  std::vector<NodeScore> nodes;
  /// Model-level problems (cycles, dangling ids) and the store's notes (info
  /// "duplicates-resolved": how a duplicates policy combined rows).
  std::vector<Diagnostic> diagnostics;
  std::vector<CycleScore> cycles;  ///< one per model cycle, in model order

  /// The score of cycle `id`; with "" the cycle containing as_of (the first
  /// one in model order). nullptr when there is no such cycle.
  const CycleScore* cycle_score(std::string_view id = {}) const {
    for (const auto& c : cycles)
      if (id.empty() ? c.id == current_cycle_ : c.id == id) return &c;
    return nullptr;
  }

  /// The row of node `id` (ids are unique across kinds; where a unit shares
  /// an id with another node, the other node is found); nullptr if absent.
  const NodeScore* find(std::string_view id) const {
    const auto i = index_.find(id, [this](std::size_t j) { return std::string_view(nodes[j].id); });
    return i == detail::FlatIndex::empty ? nullptr : &nodes[i];
  }
  /// Rebuild the id index (after editing `nodes` by hand).
  void reindex() {
    index_.build(nodes.size(), [this](std::size_t j) { return std::string_view(nodes[j].id); });
  }

  /// Live scorecards: append `changes` (measurements to `store`, check-ins
  /// to `model`'s key results) and score again only the rows they reach:
  /// the key results and KPIs reading a changed series (their outlook too),
  /// cascaded key results above them, the objectives they roll into and
  /// every ancestor in the alignment tree, the CSFs and units that include
  /// any of these. With the outlook on, p_success is drawn again for every
  /// objective and unit (its draws join all forecasts). The rows are then
  /// exactly those of evaluate() on the updated data. `model` and `store`
  /// must be the very objects this scorecard was evaluated from (kept alive
  /// and otherwise unchanged); DomainError otherwise, or for a scorecard that
  /// is a copy. A bad change (duplicate date under duplicates=error, unknown
  /// key result) throws before anything is changed.
  UpdateResult update(Model& model, SeriesStore& store, const ScorecardChanges& changes);
  /// True for a scorecard returned by evaluate() (not a copy): update() works.
  bool live() const noexcept { return live_.state != nullptr; }

 private:
  friend Scorecard evaluate(const Model&, const SeriesStore&, Date, const EvaluateOptions&);
  friend class HistoryEvaluator;
  detail::FlatIndex index_;
  detail::LiveHandle live_;
  std::string current_cycle_;  ///< id of the cycle containing as_of ("" = none)

 public:
  /// Id of the cycle containing as_of ("" when none does).
  const std::string& current_cycle() const noexcept { return current_cycle_; }
  void set_current_cycle(std::string id) { current_cycle_ = std::move(id); }
};

/// Score every node of `model` at `as_of` (docs/scoring.md):
/// key results and KPIs from current_value(); cascaded KRs after their
/// children; objectives in topological order of the alignment hierarchy
/// (children first), rolling up their KRs (weight, dated weights, or |target|
/// by magnitude) and aligned child objectives (contribution weights) with the
/// objective's method and missing policy; CSF health = weighted mean of its
/// KPIs' attainment; unit scorecard = perspective-weighted mean of the unit's
/// objectives and KPIs. Overrides win and are marked. Problems become
/// diagnostics; evaluate() throws only DomainError for an unfinalized store.
Scorecard evaluate(const Model& model, const SeriesStore& series, Date as_of,
                   const EvaluateOptions& options = {});

namespace detail {
template <>
struct enum_names<StatusSource> {
  static constexpr std::array<std::pair<StatusSource, std::string_view>, 2> names{
      {{StatusSource::pace, "pace"}, {StatusSource::forecast, "forecast"}}};
};
template <>
struct enum_names<OutlookReconcile> {
  static constexpr std::array<std::pair<OutlookReconcile, std::string_view>, 10> names{
      {{OutlookReconcile::none, "none"},
       {OutlookReconcile::bottom_up, "bottom_up"},
       {OutlookReconcile::ols, "ols"},
       {OutlookReconcile::wls_struct, "wls_struct"},
       {OutlookReconcile::average_proportions, "average_proportions"},
       {OutlookReconcile::proportion_averages, "proportion_averages"},
       {OutlookReconcile::forecast_proportions, "forecast_proportions"},
       {OutlookReconcile::wls_var, "wls_var"},
       {OutlookReconcile::mint_cov, "mint_cov"},
       {OutlookReconcile::mint_shrink, "mint_shrink"}}};
};
template <>
struct enum_names<AbandonedPolicy> {
  static constexpr std::array<std::pair<AbandonedPolicy, std::string_view>, 2> names{
      {{AbandonedPolicy::exclude, "exclude"}, {AbandonedPolicy::zero, "zero"}}};
};
template <>
struct enum_names<GradeScale> {
  static constexpr std::array<std::pair<GradeScale, std::string_view>, 2> names{
      {{GradeScale::unit, "unit"}, {GradeScale::percent, "percent"}}};
};
}  // namespace detail

}  // namespace okrkit
