// Tests of rollup.hpp: hand-worked roll-ups, the issue-3 magnitude example and
// property tests (permutation and weight scaling invariance, NaN reporting).
#include <catch2/catch.hpp>

#include <okrkit/scoring/rollup.hpp>

#include <algorithm>
#include <cmath>
#include <random>

using namespace okrkit;

TEST_CASE("weighted mean, min, max, geometric mean") {
  std::vector<RollupItem> kids{{0.5, 1}, {1.0, 2}, {0.2, 1}};
  CHECK(rollup(kids, RollupMethod::weighted_mean).value == Approx((0.5 + 2.0 + 0.2) / 4));
  CHECK(rollup(kids, RollupMethod::min).value == 0.2);
  CHECK(rollup(kids, RollupMethod::max).value == 1.0);
  // exp((ln .5 + 2 ln 1 + ln .2) / 4) = (0.1)^(1/4)
  CHECK(rollup(kids, RollupMethod::geometric_mean).value == Approx(std::pow(0.1, 0.25)));
  CHECK_FALSE(rollup(kids, RollupMethod::weighted_mean).incomplete);
}

TEST_CASE("geometric mean: a zero child gives 0, a negative one is reported") {
  Diagnostics d;
  CHECK(rollup({{0.0, 1}, {0.9, 1}}, RollupMethod::geometric_mean, MissingPolicy::exclude, &d)
            .value == 0.0);
  CHECK(d.empty());
  CHECK(rollup({{-0.2, 1}, {0.9, 1}}, RollupMethod::geometric_mean, MissingPolicy::exclude, &d)
            .value == 0.0);
  CHECK(d.at(0).code == "negative-score");
}

TEST_CASE("acceptance: weights by magnitude $100k, $20k, $1k -> 82.6%, 16.5%, 0.8%") {
  std::vector<RollupItem> kids{{1.0, 1, 100000}, {0.5, 1, 20000}, {0.0, 1, 1000}};
  auto w = effective_weights(kids, RollupMethod::by_magnitude);
  CHECK(w[0] == Approx(100.0 / 121));
  CHECK(w[1] == Approx(20.0 / 121));
  CHECK(w[2] == Approx(1.0 / 121));
  CHECK(100 * w[0] == Approx(82.6).margin(0.05));
  CHECK(100 * w[1] == Approx(16.5).margin(0.05));
  CHECK(100 * w[2] == Approx(0.8).margin(0.05));
  // score = (100 * 1 + 20 * 0.5 + 1 * 0) / 121
  CHECK(rollup(kids, RollupMethod::by_magnitude).value == Approx(110.0 / 121));
  // a negative target ($-50k budget cut) counts by its size
  kids[0].magnitude = -100000;
  CHECK(rollup(kids, RollupMethod::by_magnitude).value == Approx(110.0 / 121));
}

TEST_CASE("missing data: exclude renormalises, zero counts 0, both incomplete") {
  std::vector<RollupItem> kids{{0.8, 1}, {nan_value, 1}, {0.4, 2}};
  Diagnostics d;
  auto ex = rollup(kids, RollupMethod::weighted_mean, MissingPolicy::exclude, &d);
  CHECK(ex.value == Approx((0.8 + 0.8) / 3));
  CHECK(ex.incomplete);
  CHECK(ex.missing == 1);
  CHECK(d.at(0).code == "incomplete");
  auto zero = rollup(kids, RollupMethod::weighted_mean, MissingPolicy::zero);
  CHECK(zero.value == Approx((0.8 + 0 + 0.8) / 4));
  CHECK(zero.incomplete);
  // N/A children are always left out
  kids[1] = {0.0, 1, nan_value, true};
  auto na = rollup(kids, RollupMethod::weighted_mean, MissingPolicy::zero);
  CHECK(na.value == Approx((0.8 + 0.8) / 3));
  CHECK(na.incomplete);
  // nothing usable: NaN and a diagnostic
  d.clear();
  auto none = rollup({{nan_value, 1}}, RollupMethod::weighted_mean, MissingPolicy::exclude, &d);
  CHECK(std::isnan(none.value));
  CHECK_FALSE(d.empty());
  // bad weights are reported and skipped
  d.clear();
  auto bad = rollup({{0.5, -1}, {1.0, 1}}, RollupMethod::weighted_mean, MissingPolicy::exclude, &d);
  CHECK(bad.value == 1.0);
  CHECK(bad.incomplete);
  CHECK(d.at(0).code == "bad-weight");
}

TEST_CASE("mixed directions roll up as progress, not as raw values") {
  // an objective with "traffic 100 -> 200 (now 150)" and "churn 10% -> 5% (now 7.5%)":
  // both are half way; a tracker that averaged raw deltas would get this wrong.
  Target up;
  up.kind = TargetKind::increase;
  up.baseline = 100;
  up.target = 200;
  Target down;
  down.kind = TargetKind::decrease;
  down.baseline = 10;
  down.target = 5;
  std::vector<RollupItem> kids{{attainment(progress(up, 150))}, {attainment(progress(down, 7.5))}};
  CHECK(rollup(kids, RollupMethod::weighted_mean).value == Approx(0.5));
}

TEST_CASE("dated weight ranges") {
  std::vector<DatedWeight> ranges{{Date(2025, 1, 1), Date(2025, 3, 31), 2.0},
                                  {Date(2025, 4, 1), std::nullopt, 3.0}};
  CHECK(weight_at(1.0, ranges, Date(2024, 12, 31)) == 1.0);
  CHECK(weight_at(1.0, ranges, Date(2025, 1, 1)) == 2.0);
  CHECK(weight_at(1.0, ranges, Date(2025, 3, 31)) == 2.0);
  CHECK(weight_at(1.0, ranges, Date(2025, 4, 1)) == 3.0);
  CHECK(weight_at(1.0, ranges, Date(2030, 1, 1)) == 3.0);
}

TEST_CASE("property: permuting children or scaling weights never changes a roll-up") {
  std::mt19937_64 rng(11);
  std::uniform_real_distribution<double> U(0, 1.5), W(0.01, 10), S(0.001, 1000);
  std::uniform_int_distribution<int> N(1, 12);
  for (int rep = 0; rep < 2000; ++rep) {
    std::vector<RollupItem> kids(static_cast<std::size_t>(N(rng)));
    for (auto& k : kids) {
      k.value = U(rng) < 0.1 ? nan_value : U(rng);
      k.weight = W(rng);
      k.magnitude = W(rng) * 1000;
    }
    for (auto m : {RollupMethod::weighted_mean, RollupMethod::min, RollupMethod::max,
                   RollupMethod::geometric_mean, RollupMethod::by_magnitude}) {
      for (auto pol : {MissingPolicy::exclude, MissingPolicy::zero}) {
        const auto base = rollup(kids, m, pol);
        auto shuffled = kids;
        std::shuffle(shuffled.begin(), shuffled.end(), rng);
        auto scaled = kids;
        const double s = S(rng);
        for (auto& k : scaled) {
          k.weight *= s;
          k.magnitude *= s;
        }
        for (const auto& other : {rollup(shuffled, m, pol), rollup(scaled, m, pol)}) {
          if (std::isnan(base.value)) {
            CHECK(std::isnan(other.value));
          } else {
            CHECK(other.value == Approx(base.value).epsilon(1e-12).margin(1e-15));
          }
          CHECK(other.incomplete == base.incomplete);
        }
      }
    }
  }
}

TEST_CASE("property: NaN children never vanish without a diagnostic") {
  std::mt19937_64 rng(5);
  std::uniform_real_distribution<double> U(0, 1);
  for (int rep = 0; rep < 2000; ++rep) {
    std::vector<RollupItem> kids(5);
    bool any_nan = false;
    for (auto& k : kids) {
      k.value = U(rng) < 0.3 ? nan_value : U(rng);
      any_nan |= std::isnan(k.value);
    }
    Diagnostics d;
    const auto r = rollup(kids, RollupMethod::weighted_mean, MissingPolicy::exclude, &d);
    if (any_nan) {
      CHECK(r.incomplete);
      CHECK_FALSE(d.empty());
    }
  }
}
