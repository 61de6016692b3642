// okrkit — aggregation of measurements to periods: last, first, sum, mean,
// min, max, count and ratio of sums (Σnumerator / Σdenominator), optionally
// cumulative (year-to-date, cycle-to-date).
//
// Semantics (docs/calendars.md, "Aggregation"):
// - Missing values (NaN) are skipped and counted in a "missing-value"
//   diagnostic; for `ratio` a row is skipped when its numerator or denominator
//   is missing (the value column is not used).
// - Only periods that have at least one measurement are reported. Periods
//   between a series' first and last measured period that have none are
//   "gap" diagnostics: they are never filled.
// - A period whose measurements are all missing is reported with value NaN
//   and count 0 (a sum of nothing is not 0). count reports 0 there.
// - first / last pick the earliest / latest date; among equal dates the first
//   / last row in input order (a SeriesStore keeps input order among equal dates).
// - ratio with Σdenominator = 0 is NaN with a "zero-denominator" diagnostic.
// - Cumulative: each period's value aggregates every measurement from the
//   start of the enclosing reset period (a year: year-to-date; the OKR cycle:
//   cycle-to-date) to the end of the period. The periods must nest in the
//   reset periods (months in years, not ISO weeks in years).
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "okrkit/time/date.hpp"
#include "okrkit/core/error.hpp"
#include "okrkit/model/vocabulary.hpp"
#include "okrkit/time/period.hpp"
#include "okrkit/series/series.hpp"

namespace okrkit {

/// Options of the aggregation functions.
struct AggregateOptions {
  /// When set, values are cumulative within each period of this type
  /// (PeriodKind::year: year-to-date; the cycle's type: cycle-to-date).
  std::optional<PeriodType> cumulative;
  /// Report periods without measurements between the first and the last as
  /// "gap" diagnostics (one diagnostic per series).
  bool report_gaps = true;
};

/// The running state of one period's aggregation; one formula for every path.
struct Accumulator {
  double a = 0.0;          ///< sum, min, max, first/last value, or Σnumerator (ratio)
  double b = 0.0;          ///< Σdenominator (ratio)
  DayNumber day = 0;       ///< date of `a` for first / last
  std::uint32_t used = 0;  ///< measurements folded in (missing ones excluded)
  std::uint32_t rows = 0;  ///< all measurements, missing ones included

  /// Fold in one measurement; returns false when it is missing (and skipped).
  template <Aggregation H>
  bool add(DayNumber d, double v, double num, double den) noexcept {
    ++rows;
    if constexpr (H == Aggregation::ratio) {
      if (std::isnan(num) || std::isnan(den)) return false;
      a += num;
      b += den;
    } else {
      if (std::isnan(v)) return false;
      if constexpr (H == Aggregation::sum || H == Aggregation::mean) a += v;
      if constexpr (H == Aggregation::min) a = used == 0 || v < a ? v : a;
      if constexpr (H == Aggregation::max) a = used == 0 || v > a ? v : a;
      if constexpr (H == Aggregation::first)
        if (used == 0 || d < day) a = v, day = d;
      if constexpr (H == Aggregation::last)
        if (used == 0 || d >= day) a = v, day = d;
    }
    ++used;
    return true;
  }

  /// Combine with the accumulator of a later span (cumulative values).
  void merge(Aggregation how, const Accumulator& later) noexcept {
    rows += later.rows;
    if (later.used == 0) return;
    switch (how) {
      case Aggregation::sum:
      case Aggregation::mean:
      case Aggregation::ratio:
        a += later.a;
        b += later.b;
        break;
      case Aggregation::min:
        a = used == 0 ? later.a : std::min(a, later.a);
        break;
      case Aggregation::max:
        a = used == 0 ? later.a : std::max(a, later.a);
        break;
      case Aggregation::first:
        if (used == 0) a = later.a, day = later.day;
        break;
      case Aggregation::last:
        a = later.a, day = later.day;
        break;
      case Aggregation::count:
        break;
    }
    used += later.used;
  }

  /// The aggregate: NaN when nothing usable was folded in (count: 0), and for
  /// a ratio whose denominators sum to zero.
  double value(Aggregation how) const noexcept {
    if (how == Aggregation::count) return used;
    if (used == 0) return std::numeric_limits<double>::quiet_NaN();
    switch (how) {
      case Aggregation::mean:
        return a / used;
      case Aggregation::ratio:
        return b == 0.0 ? std::numeric_limits<double>::quiet_NaN() : a / b;
      default:
        return a;
    }
  }
};

/// One period's aggregate.
struct PeriodValue {
  Period period;
  double value;         ///< NaN when no usable measurement (see the file comment)
  std::uint32_t count;  ///< measurements used (missing ones excluded)
};

/// The periods of one series with data, in time order, and what was noticed.
struct AggregateResult {
  std::vector<PeriodValue> values;
  std::vector<Diagnostic> diagnostics;

  /// The value of a period, if it has measurements.
  std::optional<PeriodValue> find(const Period& p) const {
    auto it = std::lower_bound(values.begin(), values.end(), p,
                               [](const PeriodValue& v, const Period& q) { return v.period < q; });
    if (it != values.end() && it->period == p) return *it;
    return std::nullopt;
  }
};

/// Columnar result of a bulk aggregation: row i is (series[i], period index
/// period[i], value[i], count[i]), ordered by series number then period.
struct BulkAggregate {
  PeriodType type;
  std::vector<std::uint32_t> series;  ///< series number (SeriesStore numbering / input codes)
  std::vector<std::int32_t> period;   ///< period index: type.at(period[i])
  std::vector<double> value;
  std::vector<std::uint32_t> count;
  std::vector<Diagnostic> diagnostics;

  std::size_t size() const noexcept { return value.size(); }
  Period period_at(std::size_t i) const { return type.at(period[i]); }
};

}  // namespace okrkit

#include "okrkit/detail/aggregate_impl.hpp"

namespace okrkit {

/// Aggregate one series to periods of `type`.
inline AggregateResult aggregate(const SeriesView& s, const PeriodType& type, Aggregation how,
                                 const AggregateOptions& opt = {}) {
  BulkAggregate b;
  b.type = type;
  const std::string id(s.id);
  detail::aggregate_rows<std::uint32_t, DayNumber>(
      nullptr, 1, s.days, 1, s.values, s.numerators, s.denominators, s.size, how, opt,
      [&](std::size_t) -> const std::string& { return id; }, b);
  AggregateResult r;
  r.values.reserve(b.size());
  for (std::size_t i = 0; i < b.size(); ++i)
    r.values.push_back({b.period_at(i), b.value[i], b.count[i]});
  r.diagnostics = std::move(b.diagnostics);
  return r;
}

/// Aggregate every series of a (finalized) store at once: one pass over the
/// columns. Rows come out ordered by series number, then period.
inline BulkAggregate aggregate_all(const SeriesStore& store, const PeriodType& type,
                                   Aggregation how, const AggregateOptions& opt = {}) {
  if (!store.finalized()) throw DomainError("series store: call finalize() before reading");
  BulkAggregate b;
  b.type = type;
  const auto& ids = store.series_ids();
  const bool ratio_cols = store.has_ratio_columns();
  detail::aggregate_rows<std::uint32_t, DayNumber>(
      store.series_column().data(), store.series_count(), store.day_column().data(), 1,
      store.value_column().data(), ratio_cols ? store.numerator_column().data() : nullptr,
      ratio_cols ? store.denominator_column().data() : nullptr, store.size(), how, opt,
      [&](std::size_t s) { return ids[s]; }, b);
  return b;
}

/// Bulk aggregation over raw columns (the Python path): `codes[i]` in
/// [0, series_count) names row i's series (any order), `ticks[i] /
/// ticks_per_day` (floored) is its day number (ticks_per_day = 1 for day
/// numbers, 86'400'000'000'000 for datetime64[ns]). `names` (may be empty)
/// name series in diagnostics. num/den may be nullptr unless how == ratio.
template <class Code, class Tick>
BulkAggregate aggregate_columns(const Code* codes, std::size_t series_count, const Tick* ticks,
                                std::int64_t ticks_per_day, const double* values, const double* num,
                                const double* den, std::size_t n, const PeriodType& type,
                                Aggregation how, const AggregateOptions& opt = {},
                                const std::vector<std::string>& names = {}) {
  BulkAggregate b;
  b.type = type;
  detail::aggregate_rows<Code, Tick>(
      codes, series_count, ticks, ticks_per_day, values, num, den, n, how, opt,
      [&](std::size_t s) { return s < names.size() ? names[s] : "#" + std::to_string(s); }, b);
  return b;
}

/// Aggregate of one series over the days [first, last] (e.g. a period up to
/// an as-of date). `missing` (if given) receives the number of missing values
/// skipped. value is NaN when nothing usable is in the span.
inline PeriodValue aggregate_span(const SeriesView& s, const Period& p, Aggregation how,
                                  std::optional<Date> up_to = std::nullopt,
                                  std::size_t* missing = nullptr) {
  if (how == Aggregation::ratio && (s.numerators == nullptr || s.denominators == nullptr) && s.size)
    throw DomainError("ratio aggregation needs numerator and denominator columns",
                      Location{"", 0, std::string(s.id), ""});
  DayNumber first = p.start_day(), last = p.end_day();
  if (up_to) last = std::min(last, to_day_number(*up_to));
  const DayNumber* b = std::lower_bound(s.days, s.days + s.size, first);
  const DayNumber* e = std::upper_bound(s.days, s.days + s.size, last);
  Accumulator acc;
  std::size_t skipped = 0;
  detail::dispatch(how, [&](auto tag) {
    constexpr Aggregation H = decltype(tag)::value;
    for (const DayNumber* it = b; it < e; ++it) {
      const std::size_t i = static_cast<std::size_t>(it - s.days);
      const double nu = s.numerators ? s.numerators[i] : std::numeric_limits<double>::quiet_NaN();
      const double de =
          s.denominators ? s.denominators[i] : std::numeric_limits<double>::quiet_NaN();
      if (!acc.add<H>(*it, s.values[i], nu, de)) ++skipped;
    }
  });
  if (missing) *missing = skipped;
  return {p, acc.value(how), acc.used};
}

}  // namespace okrkit
