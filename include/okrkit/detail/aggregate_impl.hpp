// okrkit detail — the one-pass columnar aggregation behind aggregate.hpp.
//
// Rows may come in any order. Pass 1 turns ticks into day numbers and finds
// their range; a day -> period table over that range makes the period of a
// row one lookup for every calendar (Jalali and retail arithmetic is done once
// per day, not once per row). Pass 2 finds each series' first and last period,
// which sizes a dense grid of accumulators (series-major, period-minor). Pass 3
// folds every row into its cell; rows that arrive grouped by series or by date
// touch the grid almost sequentially. Pass 4 walks the grid in order: cells
// with rows become output rows, empty cells between are gaps.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <type_traits>
#include <vector>

#include "okrkit/series/aggregate.hpp"

namespace okrkit::detail {

/// Call f(std::integral_constant<Aggregation, how>{}) so that loops are
/// instantiated once per aggregation.
template <class F>
void dispatch(Aggregation how, F&& f) {
  using A = Aggregation;
  switch (how) {
    case A::last:
      f(std::integral_constant<A, A::last>{});
      break;
    case A::first:
      f(std::integral_constant<A, A::first>{});
      break;
    case A::sum:
      f(std::integral_constant<A, A::sum>{});
      break;
    case A::mean:
      f(std::integral_constant<A, A::mean>{});
      break;
    case A::min:
      f(std::integral_constant<A, A::min>{});
      break;
    case A::max:
      f(std::integral_constant<A, A::max>{});
      break;
    case A::count:
      f(std::integral_constant<A, A::count>{});
      break;
    case A::ratio:
      f(std::integral_constant<A, A::ratio>{});
      break;
  }
}

inline std::string label_list(const PeriodType& type, const std::vector<std::int32_t>& ps) {
  std::string s;
  const std::size_t shown = std::min<std::size_t>(ps.size(), 6);
  for (std::size_t i = 0; i < shown; ++i) s += (i ? ", " : "") + type.at(ps[i]).label();
  if (ps.size() > shown) s += ", ...";
  return s;
}

template <class Code, class Tick, class NameFn>
void aggregate_rows(const Code* codes, std::size_t series_count, const Tick* ticks,
                    std::int64_t ticks_per_day, const double* values, const double* num,
                    const double* den, std::size_t n, Aggregation how, const AggregateOptions& opt,
                    NameFn&& name, BulkAggregate& out) {
  static_assert(std::is_integral_v<Code> && std::is_integral_v<Tick>,
                "series codes and date ticks must be integers");
  const PeriodType type = out.type;
  if (n == 0) return;
  if (how == Aggregation::ratio && (num == nullptr || den == nullptr))
    throw DomainError("ratio aggregation needs numerator and denominator columns");
  if (how != Aggregation::ratio && values == nullptr)
    throw DomainError("aggregation needs a value column");
  if (ticks_per_day <= 0) throw DomainError("ticks per day must be positive");
  if (codes == nullptr) series_count = 1;
  if (series_count == 0) throw DomainError("series count is 0 but there are rows");
  if (series_count > std::numeric_limits<std::uint32_t>::max())
    throw DomainError("too many series");

  // Pass 1: day numbers (a copy only when the ticks are not already days),
  // their range, code checks, and whether rows come grouped by series. Common
  // tick units get a constant divisor (a multiply, not a 64-bit division).
  constexpr bool days_given = std::is_same_v<Tick, DayNumber>;
  std::vector<DayNumber> day_buf;
  if (!days_given || ticks_per_day != 1) day_buf.resize(n);
  std::int64_t lo = std::numeric_limits<std::int64_t>::max();
  std::int64_t hi = std::numeric_limits<std::int64_t>::min();
  bool grouped = true;
  auto pass1 = [&](auto per_day) {
    constexpr std::int64_t D = decltype(per_day)::value;
    const std::int64_t div = D ? D : ticks_per_day;
    for (std::size_t i = 0; i < n; ++i) {
      const std::int64_t t = static_cast<std::int64_t>(ticks[i]);
      // numpy's NaT is the smallest int64; as nanoseconds it would read as 1677-09-21
      const bool nat =
          std::is_same_v<Tick, std::int64_t> && t == std::numeric_limits<std::int64_t>::min();
      const std::int64_t d = D == 1 ? t : floor_div(t, div);
      if (nat || d < min_day || d > max_day)
        throw DomainError("row " + std::to_string(i) +
                          ": date is missing or outside 1400-01-01..9999-12-31");
      if (!day_buf.empty()) day_buf[i] = static_cast<DayNumber>(d);
      lo = std::min(lo, d);
      hi = std::max(hi, d);
      if (codes) {
        if (static_cast<std::uint64_t>(codes[i]) >= series_count)
          throw DomainError("row " + std::to_string(i) + ": series code " +
                            std::to_string(static_cast<long long>(codes[i])) + " is not in 0.." +
                            std::to_string(series_count - 1));
        if (i && codes[i] < codes[i - 1]) grouped = false;
      }
    }
  };
  using I = std::int64_t;
  switch (ticks_per_day) {
    case 1:
      pass1(std::integral_constant<I, 1>{});
      break;
    case 86'400:
      pass1(std::integral_constant<I, 86'400>{});
      break;
    case 86'400'000:
      pass1(std::integral_constant<I, 86'400'000>{});
      break;
    case 86'400'000'000:
      pass1(std::integral_constant<I, 86'400'000'000>{});
      break;
    case 86'400'000'000'000:
      pass1(std::integral_constant<I, 86'400'000'000'000>{});
      break;
    default:
      pass1(std::integral_constant<I, 0>{});
      break;
  }
  const DayNumber* days =
      day_buf.empty() ? reinterpret_cast<const DayNumber*>(ticks) : day_buf.data();
  auto series_of = [&](std::size_t i) -> std::size_t {
    return codes ? static_cast<std::size_t>(codes[i]) : 0;
  };

  // Day -> period index over [lo, hi].
  std::vector<std::int32_t> table(static_cast<std::size_t>(hi - lo + 1));
  {
    std::int32_t p = type.index_of_day(static_cast<DayNumber>(lo));
    std::int64_t end = type.end_day(p);
    for (std::int64_t d = lo; d <= hi; ++d) {
      while (d > end) end = type.end_day(++p);
      table[static_cast<std::size_t>(d - lo)] = p;
    }
  }
  const std::int32_t* tab = table.data();
  const DayNumber lo_day = static_cast<DayNumber>(lo);
  auto period_of = [tab, lo_day](DayNumber d) { return tab[d - lo_day]; };

  // Fold rows [b, e) into cells: cell_of(i) is row i's accumulator;
  // on_missing(i) is called for each missing value skipped.
  auto fold = [&](std::size_t b, std::size_t e, auto&& cell_of, auto&& on_missing) {
    dispatch(how, [&](auto tag) {
      constexpr Aggregation H = decltype(tag)::value;
      constexpr double nan = std::numeric_limits<double>::quiet_NaN();
      for (std::size_t i = b; i < e; ++i) {
        Accumulator& cell = cell_of(i);
        bool ok;
        if constexpr (H == Aggregation::ratio)
          ok = cell.add<H>(days[i], nan, num[i], den[i]);
        else
          ok = cell.add<H>(days[i], values[i], nan, nan);
        if (!ok) on_missing(i);
      }
    });
  };

  // Emit one series' cells [pmin, pmax] in period order; report gaps, missing
  // values and zero denominators once per series.
  std::vector<std::int32_t> gaps, zero_den;
  auto emit = [&](std::size_t s, const Accumulator* cells, std::int32_t pmin, std::int32_t pmax,
                  std::uint32_t missing) {
    gaps.clear();
    zero_den.clear();
    Accumulator run;
    std::int32_t reset_id = 0;
    bool running = false;
    for (std::int32_t p = pmin; p <= pmax; ++p) {
      const Accumulator& cell = cells[p - pmin];
      if (cell.rows == 0) {
        gaps.push_back(p);
        continue;
      }
      const Accumulator* use = &cell;
      if (opt.cumulative) {
        const std::int32_t r = opt.cumulative->index_of_day(type.start_day(p));
        if (opt.cumulative->index_of_day(type.end_day(p)) != r)
          throw DomainError("cumulative values: period " + type.at(p).label() +
                            " does not lie within one " +
                            std::string(enum_to_string(opt.cumulative->kind())));
        if (!running || r != reset_id) run = Accumulator{}, reset_id = r, running = true;
        run.merge(how, cell);
        use = &run;
      }
      if (how == Aggregation::ratio && use->used > 0 && use->b == 0.0) zero_den.push_back(p);
      out.series.push_back(static_cast<std::uint32_t>(s));
      out.period.push_back(p);
      out.value.push_back(use->value(how));
      out.count.push_back(use->used);
    }
    if ((opt.report_gaps && !gaps.empty()) || missing || !zero_den.empty()) {
      const Location at{"", 0, name(s), ""};
      if (opt.report_gaps && !gaps.empty())
        out.diagnostics.push_back(
            {Severity::warning, "gap",
             std::to_string(gaps.size()) + (gaps.size() == 1 ? " period" : " periods") +
                 " without measurements between " + type.at(pmin).label() + " and " +
                 type.at(pmax).label() + ": " + label_list(type, gaps),
             at});
      if (missing)
        out.diagnostics.push_back({Severity::warning, "missing-value",
                                   std::to_string(missing) +
                                       (missing == 1 ? " missing value" : " missing values") +
                                       " skipped",
                                   at});
      if (!zero_den.empty())
        out.diagnostics.push_back({Severity::warning, "zero-denominator",
                                   "denominators sum to 0 in " + std::to_string(zero_den.size()) +
                                       (zero_den.size() == 1 ? " period: " : " periods: ") +
                                       label_list(type, zero_den),
                                   at});
    }
  };

  {
    // Output rows <= min(rows, series x periods in the date range): reserve
    // that once rather than grow (and copy) four columns.
    const std::size_t periods =
        static_cast<std::size_t>(period_of(static_cast<DayNumber>(hi)) - period_of(lo_day)) + 1;
    const std::size_t cap = std::min(n, periods * series_count);
    out.series.reserve(cap);
    out.period.reserve(cap);
    out.value.reserve(cap);
    out.count.reserve(cap);
  }
  if (grouped) {
    // Rows grouped by series (a SeriesStore, a per-series export): one small
    // grid per series, reused, instead of one grid for all.
    std::vector<Accumulator> grid;
    for (std::size_t b = 0; b < n;) {
      const std::size_t s = series_of(b);
      std::size_t e = b;
      std::int32_t pmin = std::numeric_limits<std::int32_t>::max();
      std::int32_t pmax = std::numeric_limits<std::int32_t>::min();
      for (; e < n && series_of(e) == s; ++e) {
        const std::int32_t p = period_of(days[e]);
        pmin = std::min(pmin, p);
        pmax = std::max(pmax, p);
      }
      grid.assign(static_cast<std::size_t>(pmax - pmin) + 1, Accumulator{});
      std::uint32_t missing = 0;
      Accumulator* g = grid.data();
      fold(
          b, e, [&](std::size_t i) -> Accumulator& { return g[period_of(days[i]) - pmin]; },
          [&](std::size_t) { ++missing; });
      emit(s, grid.data(), pmin, pmax, missing);
      b = e;
    }
    return;
  }

  // Rows in any order: each series' period range sizes its slice of one grid
  // (series-major, period-minor); rows that arrive grouped by date still touch
  // it almost sequentially.
  std::vector<std::int32_t> pmin(series_count, std::numeric_limits<std::int32_t>::max());
  std::vector<std::int32_t> pmax(series_count, std::numeric_limits<std::int32_t>::min());
  for (std::size_t i = 0; i < n; ++i) {
    const std::size_t s = series_of(i);
    const std::int32_t p = period_of(days[i]);
    pmin[s] = std::min(pmin[s], p);
    pmax[s] = std::max(pmax[s], p);
  }
  std::vector<std::size_t> offset(series_count + 1, 0);
  for (std::size_t s = 0; s < series_count; ++s)
    offset[s + 1] =
        offset[s] + (pmax[s] >= pmin[s] ? static_cast<std::size_t>(pmax[s] - pmin[s]) + 1 : 0);
  std::vector<Accumulator> grid(offset[series_count]);
  std::vector<std::uint32_t> missing(series_count, 0);
  fold(
      0, n,
      [&](std::size_t i) -> Accumulator& {
        const std::size_t s = series_of(i);
        return grid[offset[s] + static_cast<std::size_t>(period_of(days[i]) - pmin[s])];
      },
      [&](std::size_t i) { ++missing[series_of(i)]; });
  for (std::size_t s = 0; s < series_count; ++s)
    if (pmax[s] >= pmin[s]) emit(s, grid.data() + offset[s], pmin[s], pmax[s], missing[s]);
}

}  // namespace okrkit::detail
