#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include <okrkit/series/aggregate.hpp>

using namespace okrkit;

namespace {
const double NaN = std::numeric_limits<double>::quiet_NaN();

// Hand-made series (values chosen so that every figure below is mental arithmetic):
//   2025-01-05 10 | 2025-01-20 20 | 2025-01-20 25 (same day, later row)
//   2025-02-10 NaN | (no March) | 2025-04-01 5 | 2025-04-15 7
SeriesStore sales() {
  SeriesStore s;
  s.add("sales", Date(2025, 1, 5), 10);
  s.add("sales", Date(2025, 1, 20), 20);
  s.add("sales", Date(2025, 1, 20), 25);
  s.add("sales", Date(2025, 2, 10), NaN);
  s.add("sales", Date(2025, 4, 1), 5);
  s.add("sales", Date(2025, 4, 15), 7);
  s.finalize();
  return s;
}
const PeriodType months{PeriodKind::month};

std::vector<std::string> labels(const AggregateResult& r) {
  std::vector<std::string> out;
  for (const auto& v : r.values) out.push_back(v.period.label());
  return out;
}
const Diagnostic* find_code(const std::vector<Diagnostic>& ds, const std::string& code) {
  for (const auto& d : ds)
    if (d.code == code) return &d;
  return nullptr;
}
}  // namespace

TEST_CASE("monthly aggregations of a hand-made series") {
  auto store = sales();
  auto v = store.view("sales");
  auto sum = aggregate(v, months, Aggregation::sum);
  // March has no rows: not reported, a gap; February has only a missing value.
  CHECK(labels(sum) == std::vector<std::string>{"2025-01", "2025-02", "2025-04"});
  CHECK(sum.values[0].value == 55.0);  // 10 + 20 + 25
  CHECK(sum.values[0].count == 3);
  CHECK(std::isnan(sum.values[1].value));  // a sum of nothing is not 0
  CHECK(sum.values[1].count == 0);
  CHECK(sum.values[2].value == 12.0);  // 5 + 7
  auto gap = find_code(sum.diagnostics, "gap");
  REQUIRE(gap != nullptr);
  CHECK(gap->message == "1 period without measurements between 2025-01 and 2025-04: 2025-03");
  CHECK(gap->where.node == "sales");
  auto miss = find_code(sum.diagnostics, "missing-value");
  REQUIRE(miss != nullptr);
  CHECK(miss->message == "1 missing value skipped");

  CHECK(aggregate(v, months, Aggregation::mean).values[0].value == Approx(55.0 / 3.0));
  CHECK(aggregate(v, months, Aggregation::min).values[0].value == 10.0);
  CHECK(aggregate(v, months, Aggregation::max).values[0].value == 25.0);
  CHECK(aggregate(v, months, Aggregation::first).values[0].value == 10.0);
  CHECK(aggregate(v, months, Aggregation::last).values[0].value ==
        25.0);  // later row of the same day
  CHECK(aggregate(v, months, Aggregation::last).values[2].value == 7.0);
  auto cnt = aggregate(v, months, Aggregation::count);
  CHECK(cnt.values[0].value == 3.0);
  CHECK(cnt.values[1].value == 0.0);
  auto q = aggregate(v, PeriodType(PeriodKind::quarter), Aggregation::sum);
  CHECK(labels(q) == std::vector<std::string>{"2025-Q1", "2025-Q2"});
  CHECK(q.values[0].value == 55.0);
  CHECK(q.diagnostics.size() == 1);  // the missing value; quarters have no gap
  CHECK(sum.find(parse_period("2025-04"))->value == 12.0);
  CHECK_FALSE(sum.find(parse_period("2025-03")));
}

TEST_CASE("year-to-date and cycle-to-date values") {
  auto store = sales();
  AggregateOptions ytd;
  ytd.cumulative = PeriodType(PeriodKind::year);
  auto r = aggregate(store.view("sales"), months, Aggregation::sum, ytd);
  CHECK(r.values[0].value == 55.0);
  CHECK(r.values[1].value == 55.0);  // February adds nothing
  CHECK(r.values[2].value == 67.0);  // 55 + 12
  CHECK(r.values[2].count == 5);
  AggregateOptions ctd;
  ctd.cumulative = PeriodType(PeriodKind::quarter);
  auto c = aggregate(store.view("sales"), months, Aggregation::mean, ctd);
  CHECK(c.values[1].value == Approx(55.0 / 3.0));
  CHECK(c.values[2].value == 6.0);  // Q2 restarts: (5 + 7) / 2
  auto mx = aggregate(store.view("sales"), months, Aggregation::max, ytd);
  CHECK(mx.values[2].value == 25.0);
  auto first = aggregate(store.view("sales"), months, Aggregation::first, ytd);
  CHECK(first.values[2].value == 10.0);
  AggregateOptions bad;
  bad.cumulative = PeriodType(PeriodKind::year);
  SeriesStore w;
  w.add("x", Date(2024, 12, 31), 1.0);  // ISO week 2025-W01 straddles two years
  w.finalize();
  CHECK_THROWS_AS(aggregate(w.view("x"), PeriodType(PeriodKind::iso_week), Aggregation::sum, bad),
                  DomainError);
}

TEST_CASE("ratio of sums is not the mean of ratios") {
  SeriesStore s;
  // day 1: 2 conversions / 100 sessions (2%); day 2: 30 / 200 (15%); day 3: numerator missing
  s.add("conv", Date(2025, 6, 1), 0.02, 2, 100);
  s.add("conv", Date(2025, 6, 2), 0.15, 30, 200);
  s.add("conv", Date(2025, 6, 3), 0.10, NaN, 50);
  s.add("conv", Date(2025, 7, 1), 0.0, 0, 0);
  s.finalize();
  auto r = aggregate(s.view("conv"), months, Aggregation::ratio);
  CHECK(r.values[0].value == Approx(32.0 / 300.0));  // 0.10667, not (0.02 + 0.15) / 2
  CHECK(r.values[0].count == 2);
  CHECK(aggregate(s.view("conv"), months, Aggregation::mean).values[0].value ==
        Approx((0.02 + 0.15 + 0.10) / 3));
  CHECK(std::isnan(r.values[1].value));
  auto z = find_code(r.diagnostics, "zero-denominator");
  REQUIRE(z != nullptr);
  CHECK(z->message == "denominators sum to 0 in 1 period: 2025-07");
  CHECK(find_code(r.diagnostics, "missing-value")->message == "1 missing value skipped");

  SeriesStore plain;
  plain.add("p", Date(2025, 1, 1), 1.0);
  plain.finalize();
  CHECK_THROWS_AS(aggregate(plain.view("p"), months, Aggregation::ratio), DomainError);
}

TEST_CASE("jalali and retail aggregation use the right boundaries") {
  SeriesStore s;
  s.add("x", Date(2025, 3, 20), 1.0);  // 30 Esfand 1403
  s.add("x", Date(2025, 3, 21), 2.0);  // 1 Farvardin 1404
  s.add("x", Date(2025, 4, 20), 4.0);  // 31 Farvardin 1404
  s.finalize();
  auto r = aggregate(s.view("x"), PeriodType(PeriodKind::jalali_month), Aggregation::sum);
  CHECK(labels(r) == std::vector<std::string>{"1403-12", "1404-01"});
  CHECK(r.values[1].value == 6.0);
  // NRF-shaped retail year R2025 ends 2025-02-01
  SeriesStore t;
  t.add("y", Date(2025, 2, 1), 1.0);
  t.add("y", Date(2025, 2, 2), 2.0);
  t.finalize();
  auto ry = aggregate(t.view("y"), PeriodType(PeriodKind::retail_year), Aggregation::sum);
  CHECK(labels(ry) == std::vector<std::string>{"R2025", "R2026"});
}

TEST_CASE("bulk over a store equals per-series aggregation") {
  SeriesStore s;
  for (int i = 0; i < 400; ++i) {
    s.add("a", from_day_number(20000 + i), i % 7 == 3 ? NaN : i * 0.5);
    if (i % 3 == 0) s.add("b", from_day_number(20100 + 2 * i), 100.0 - i);
  }
  s.add("c", Date(2025, 1, 1), 1.0);
  s.add("c", Date(2025, 9, 1), 2.0);
  s.finalize();
  for (auto how : {Aggregation::sum, Aggregation::mean, Aggregation::last, Aggregation::min,
                   Aggregation::count}) {
    for (auto kind : {PeriodKind::iso_week, PeriodKind::month, PeriodKind::jalali_quarter}) {
      PeriodType t(kind);
      auto bulk = aggregate_all(s, t, how);
      std::size_t row = 0;
      std::size_t diags = 0;
      for (std::size_t k = 0; k < s.series_count(); ++k) {
        auto one = aggregate(s.view(k), t, how);
        diags += one.diagnostics.size();
        for (const auto& pv : one.values) {
          REQUIRE(row < bulk.size());
          CHECK(bulk.series[row] == k);
          CHECK(bulk.period_at(row) == pv.period);
          CHECK(bulk.count[row] == pv.count);
          if (std::isnan(pv.value))
            CHECK(std::isnan(bulk.value[row]));
          else
            CHECK(bulk.value[row] == pv.value);
          ++row;
        }
      }
      CHECK(row == bulk.size());
      CHECK(diags == bulk.diagnostics.size());
    }
  }
}

TEST_CASE("bulk over raw columns: any row order, datetime64 ticks") {
  // rows deliberately out of order; ticks are nanoseconds (datetime64[ns])
  const std::int64_t ns = 86'400'000'000'000;
  std::vector<std::int64_t> codes{1, 0, 1, 0, 0};
  std::vector<std::int64_t> ticks{
      to_day_number(Date(2025, 2, 3)) * ns, to_day_number(Date(2025, 1, 9)) * ns,
      to_day_number(Date(2025, 1, 2)) * ns + 5, to_day_number(Date(2025, 1, 1)) * ns,
      to_day_number(Date(2025, 3, 1)) * ns};
  std::vector<double> vals{4, 2, 3, 1, 9};
  auto b = aggregate_columns(codes.data(), 2, ticks.data(), ns, vals.data(), nullptr, nullptr,
                             vals.size(), months, Aggregation::last, {}, {"alpha", "beta"});
  REQUIRE(b.size() == 4);
  CHECK(b.series == std::vector<std::uint32_t>{0, 0, 1, 1});
  CHECK(b.period_at(0).label() == "2025-01");
  CHECK(b.value[0] == 2.0);  // last by date: 01-09 beats 01-01
  CHECK(b.period_at(1).label() == "2025-03");
  CHECK(b.value[2] == 3.0);
  CHECK(b.value[3] == 4.0);
  REQUIRE(b.diagnostics.size() == 1);  // alpha has no February
  CHECK(b.diagnostics[0].where.node == "alpha");
  std::vector<std::int64_t> bad_codes{0, 2};
  CHECK_THROWS_AS(aggregate_columns(bad_codes.data(), 2, ticks.data(), ns, vals.data(), nullptr,
                                    nullptr, 2, months, Aggregation::sum),
                  DomainError);
  std::vector<std::int64_t> nat{std::numeric_limits<std::int64_t>::min()};
  CHECK_THROWS_WITH(aggregate_columns(codes.data(), 2, nat.data(), ns, vals.data(), nullptr,
                                      nullptr, 1, months, Aggregation::sum),
                    "row 0: date is missing or outside 1400-01-01..9999-12-31");
}

TEST_CASE("aggregate over a span up to an as-of date") {
  auto store = sales();
  auto q2 = parse_period("2025-Q2");
  auto v = aggregate_span(store.view("sales"), q2, Aggregation::sum, Date(2025, 4, 10));
  CHECK(v.value == 5.0);  // only 2025-04-01 is on or before the as-of date
  CHECK(v.count == 1);
  std::size_t missing = 0;
  auto q1 = aggregate_span(store.view("sales"), parse_period("2025-Q1"), Aggregation::mean,
                           std::nullopt, &missing);
  CHECK(q1.value == Approx(55.0 / 3.0));
  CHECK(missing == 1);
  CHECK(std::isnan(
      aggregate_span(store.view("sales"), parse_period("2025-03"), Aggregation::sum).value));
}

TEST_CASE("rows grouped by series and rows in any order give the same result") {
  // the grouped path (one small grid per series) and the general path (one grid)
  std::vector<std::int64_t> codes, days;
  std::vector<double> vals;
  for (int s = 0; s < 5; ++s)
    for (int i = 0; i < 300; ++i) {
      if ((i * 7 + s) % 11 == 0) continue;  // leave holes: gaps in some weeks
      codes.push_back(s);
      days.push_back(19000 + (i * 37 + s * 13) % 400);
      vals.push_back(i % 13 == 0 ? NaN : i * 1.5 - s);
    }
  std::vector<std::size_t> order(codes.size());
  for (std::size_t i = 0; i < order.size(); ++i)
    order[i] = (i * 7919) % order.size();  // a permutation (7919 prime, coprime to n)
  std::vector<std::int64_t> c2, d2;
  std::vector<double> v2;
  for (auto i : order) c2.push_back(codes[i]), d2.push_back(days[i]), v2.push_back(vals[i]);
  for (auto how : {Aggregation::sum, Aggregation::mean, Aggregation::max, Aggregation::count}) {
    PeriodType t(PeriodKind::iso_week);
    auto a = aggregate_columns(codes.data(), 5, days.data(), 1, vals.data(), nullptr, nullptr,
                               codes.size(), t, how);
    auto b = aggregate_columns(c2.data(), 5, d2.data(), 1, v2.data(), nullptr, nullptr, c2.size(),
                               t, how);
    REQUIRE(a.size() == b.size());
    CHECK(a.series == b.series);
    CHECK(a.period == b.period);
    CHECK(a.count == b.count);
    for (std::size_t i = 0; i < a.size(); ++i) CHECK(a.value[i] == Approx(b.value[i]));
    CHECK(a.diagnostics == b.diagnostics);
  }
}
