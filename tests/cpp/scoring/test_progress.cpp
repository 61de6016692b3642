// Tests of progress.hpp. Expected values are hand-worked (formula written out
// beside each check) or the acceptance examples of issue 3, which come from
// the published OKR / KPI tool documentation quoted there.
#include <catch2/catch.hpp>

#include <okrkit/scoring/progress.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>
#include <vector>

using namespace okrkit;

namespace {
Target make(TargetKind k, std::optional<double> b, std::optional<double> t) {
  Target tg;
  tg.kind = k;
  tg.baseline = b;
  tg.target = t;
  return tg;
}
bool has_code(const Diagnostics& d, const std::string& code) {
  for (const auto& x : d)
    if (x.code == code) return true;
  return false;
}
}  // namespace

TEST_CASE("acceptance: decrease 100 -> 60 bugs, actual 50: progress 1.25, attainment 1.0") {
  // (50 - 100) / (60 - 100) = -50 / -40 = 1.25
  Target tg = make(TargetKind::decrease, 100, 60);
  Diagnostics d;
  double p = progress(tg, 50, &d);
  CHECK(p == Approx(1.25));
  CHECK(d.empty());
  CHECK(attainment(tg, p) == Approx(1.0));
  tg.cap = std::numeric_limits<double>::infinity();  // uncapped
  CHECK(attainment(tg, p) == Approx(1.25));
  tg.cap = 1.2;  // overachievement cap
  CHECK(attainment(tg, p) == Approx(1.2));
  // The same figures written as an increase kind whose target lies below the baseline.
  CHECK(progress(make(TargetKind::increase, 100, 60), 50) == Approx(1.25));
}

TEST_CASE("acceptance: baseline 15, target 45, value 16: progress 3.33%, performance 16%") {
  Target tg = make(TargetKind::increase, 15, 45);
  tg.scale_min = 0;
  tg.scale_max = 100;
  CHECK(progress(tg, 16) == Approx(1.0 / 30.0));  // (16 - 15) / (45 - 15)
  CHECK(100 * progress(tg, 16) == Approx(3.33).margin(0.005));
  CHECK(performance(tg, 16) == Approx(0.16));  // (16 - 0) / (100 - 0)
}

TEST_CASE("acceptance: launch six features, three launched -> 0.5") {
  // as a count target ...
  CHECK(progress(make(TargetKind::milestone, std::nullopt, 6), 3) == Approx(0.5));
  CHECK(progress(make(TargetKind::increase, 0, 6), 3) == Approx(0.5));
  // ... and as six listed milestones, three done
  Target tg = make(TargetKind::milestone, std::nullopt, std::nullopt);
  for (int i = 0; i < 6; ++i) tg.milestones.push_back({"feature " + std::to_string(i), 1.0, i < 3});
  CHECK(progress(tg, nan_value) == Approx(0.5));
}

TEST_CASE("milestones: weighted fraction, single milestone is 0 or 1") {
  Target tg = make(TargetKind::milestone, std::nullopt, std::nullopt);
  tg.milestones = {{"design", 1, true}, {"build", 2, false}, {"ship", 1, true}};
  CHECK(progress(tg, nan_value) == Approx(0.5));  // (1 + 1) / 4
  tg.milestones = {{"launch line", 1, false}};
  CHECK(progress(tg, nan_value) == 0.0);
  tg.milestones[0].done = true;
  CHECK(progress(tg, nan_value) == 1.0);
  Diagnostics d;
  tg.milestones = {{"x", 0, true}};
  CHECK(std::isnan(progress(tg, 1, &d)));
  CHECK(has_code(d, "no-milestones"));
}

TEST_CASE("relative targets: +40%, x1.5, -5 points") {
  Target tg = make(TargetKind::increase, 50000, std::nullopt);
  tg.relative = parse_relative_target("+40%");  // t = 70000
  CHECK(progress(tg, 60000) == Approx(0.5));    // 10000 / 20000
  tg.baseline = 200;
  tg.relative = parse_relative_target("x1.5");  // t = 300
  CHECK(progress(tg, 250) == Approx(0.5));
  tg = make(TargetKind::decrease, 15, std::nullopt);
  tg.relative = parse_relative_target("-5");  // t = 10
  CHECK(progress(tg, 12) == Approx(0.6));     // (12 - 15) / (10 - 15)
  Diagnostics d;
  tg.baseline.reset();
  CHECK(std::isnan(progress(tg, 12, &d)));
  CHECK(has_code(d, "no-baseline"));
}

TEST_CASE("b == t: met in the kind's direction is 1, else 0, no division") {
  CHECK(progress(make(TargetKind::increase, 10, 10), 10) == 1.0);
  CHECK(progress(make(TargetKind::increase, 10, 10), 11) == 1.0);
  CHECK(progress(make(TargetKind::increase, 10, 10), 9) == 0.0);
  CHECK(progress(make(TargetKind::decrease, 10, 10), 9) == 1.0);
  CHECK(progress(make(TargetKind::decrease, 10, 10), 10) == 1.0);
  CHECK(progress(make(TargetKind::decrease, 10, 10), 11) == 0.0);
  CHECK(std::isnan(progress(make(TargetKind::increase, 10, 10), nan_value)));
}

TEST_CASE("increase and decrease: progress can leave [0, 1], attainment cannot") {
  // attrition from 15% to 10%: value 12.5 is half way; 16 is worse than the start
  Target tg = make(TargetKind::decrease, 15, 10);
  CHECK(progress(tg, 12.5) == Approx(0.5));
  CHECK(progress(tg, 16) == Approx(-0.2));
  CHECK(attainment(tg, progress(tg, 16)) == 0.0);
  // increase without a baseline starts from 0: followers to 250k, now 100k
  CHECK(progress(make(TargetKind::increase, std::nullopt, 250000), 100000) == Approx(0.4));
  Diagnostics d;
  CHECK(std::isnan(progress(make(TargetKind::decrease, std::nullopt, 10), 12, &d)));
  CHECK(has_code(d, "no-baseline"));
}

TEST_CASE("at_least: 1 when met, linear from the floor") {
  // first-contact resolution >= 85%, floor (red limit) 70%
  Target tg = make(TargetKind::at_least, std::nullopt, 85);
  tg.floor = 70;
  CHECK(progress(tg, 90) == 1.0);
  CHECK(progress(tg, 85) == 1.0);
  CHECK(progress(tg, 80) == Approx(10.0 / 15.0));  // (80 - 70) / (85 - 70)
  CHECK(progress(tg, 60) == 0.0);
  // default floor: the baseline ...
  tg.floor.reset();
  tg.baseline = 75;
  CHECK(progress(tg, 80) == Approx(0.5));  // (80 - 75) / (85 - 75)
  // ... else 0
  tg.baseline.reset();
  CHECK(progress(tg, 42.5) == Approx(0.5));  // 42.5 / 85
}

TEST_CASE("at_most: 1 when met, linear up to the ceiling") {
  // avg response time <= 2 h, ceiling 4 h
  Target tg = make(TargetKind::at_most, std::nullopt, 2);
  tg.floor = 4;  // the ceiling of an at_most target
  CHECK(progress(tg, 1.5) == 1.0);
  CHECK(progress(tg, 2) == 1.0);
  CHECK(progress(tg, 3) == Approx(0.5));  // (4 - 3) / (4 - 2)
  CHECK(progress(tg, 5) == 0.0);
  tg.floor.reset();  // default ceiling 2t = 4 without a baseline
  CHECK(progress(tg, 3) == Approx(0.5));
  tg.baseline = 6;                         // ... the baseline when above t
  CHECK(progress(tg, 5) == Approx(0.25));  // (6 - 5) / (6 - 2)
  // zero defects: no default ceiling, a step
  CHECK(progress(make(TargetKind::at_most, std::nullopt, 0), 1) == 0.0);
  CHECK(progress(make(TargetKind::at_most, std::nullopt, 0), 0) == 1.0);
}

TEST_CASE("range: 1 inside with edges, fall-off over the band width or tolerance") {
  Target tg = make(TargetKind::range, std::nullopt, std::nullopt);
  tg.lo = 20;
  tg.hi = 30;  // inventory days within [20, 30]
  CHECK(progress(tg, 20) == 1.0);
  CHECK(progress(tg, 30) == 1.0);
  CHECK(progress(tg, 25) == 1.0);
  CHECK(progress(tg, 15) == Approx(0.5));  // 1 - 5 / 10
  CHECK(progress(tg, 33) == Approx(0.7));  // 1 - 3 / 10
  CHECK(progress(tg, 45) == 0.0);
  tg.tolerance = 5;
  CHECK(progress(tg, 33) == Approx(0.4));  // 1 - 3 / 5
  tg.tolerance.reset();
  tg.lo = tg.hi = 7;  // zero-width band: 0 outside
  CHECK(progress(tg, 7) == 1.0);
  CHECK(progress(tg, 7.01) == 0.0);
  Diagnostics d;
  tg.lo = 9;
  CHECK(std::isnan(progress(tg, 8, &d)));
  CHECK(has_code(d, "bad-range"));
}

TEST_CASE("establish a baseline: done once a value is measured") {
  Target tg = make(TargetKind::baseline, std::nullopt, std::nullopt);
  CHECK(progress(tg, 123.4) == 1.0);
  Diagnostics d;
  CHECK(std::isnan(progress(tg, nan_value, &d)));
  CHECK(has_code(d, "baseline-not-established"));
}

TEST_CASE("KPI ratio method: v/t or t/v clamped to [0, 2]") {
  Target tg = make(TargetKind::at_least, std::nullopt, 80);
  tg.method = ProgressMethod::ratio;
  CHECK(progress(tg, 60) == Approx(0.75));  // 60 / 80
  CHECK(progress(tg, 200) == 2.0);          // 2.5 clamped
  CHECK(progress(tg, -5) == 0.0);
  tg.kind = TargetKind::at_most;  // lower is better: t / v
  CHECK(progress(tg, 100) == Approx(0.8));
  CHECK(progress(tg, 0) == 2.0);
  Diagnostics d;
  tg.target = 0;
  CHECK(std::isnan(progress(tg, 5, &d)));
  CHECK(has_code(d, "ratio-target-not-positive"));
  d.clear();
  tg.target = -3;
  CHECK(std::isnan(progress(tg, 5, &d)));
  CHECK(has_code(d, "ratio-target-not-positive"));
}

TEST_CASE("performance: min-max scale, absent scale is not applicable") {
  Target tg = make(TargetKind::decrease, 15, 10);
  Diagnostics d;
  CHECK(std::isnan(performance(tg, 12, &d)));
  CHECK(d.empty());
  tg.scale_min = 20;  // lower is better: 20 is worst, 0 best
  tg.scale_max = 0;
  CHECK(performance(tg, 5) == Approx(0.75));
  tg.scale_max = 20;
  CHECK(std::isnan(performance(tg, 5, &d)));
  CHECK(has_code(d, "empty-scale"));
}

TEST_CASE("attainment: cap, overachievement cap, uncapped") {
  CHECK(attainment(0.5) == 0.5);
  CHECK(attainment(-0.3) == 0.0);
  CHECK(attainment(1.7) == 1.0);
  CHECK(attainment(1.7, 1.2) == 1.2);
  CHECK(attainment(1.7, std::numeric_limits<double>::infinity()) == 1.7);
  CHECK(std::isnan(attainment(nan_value)));
}

TEST_CASE("property: progress is monotonic in value in the kind's direction") {
  std::mt19937_64 rng(42);
  std::uniform_real_distribution<double> U(-1000, 1000);
  for (int i = 0; i < 5000; ++i) {
    double b = U(rng), t = U(rng), v1 = U(rng), v2 = U(rng);
    if (v1 > v2) std::swap(v1, v2);
    for (auto k :
         {TargetKind::increase, TargetKind::decrease, TargetKind::at_least, TargetKind::at_most}) {
      Target tg = make(k, b, t);
      if (k == TargetKind::decrease && t > b) std::swap(*tg.baseline, *tg.target);
      const double p1 = progress(tg, v1), p2 = progress(tg, v2);
      INFO("kind " << detail::enum_to_string(k) << " b " << b << " t " << t << " v " << v1 << " "
                   << v2);
      REQUIRE_FALSE(std::isnan(p1));
      if (tg.higher_is_better())
        CHECK(p1 <= p2);
      else
        CHECK(p1 >= p2);
    }
  }
}

TEST_CASE("property: attainment stays in [0, cap]") {
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<double> U(-1000, 1000), C(0, 3);
  for (int i = 0; i < 5000; ++i) {
    Target tg = make(static_cast<TargetKind>(i % 5), U(rng), U(rng));
    tg.lo = -100;
    tg.hi = 100;
    tg.cap = C(rng);
    const double a = attainment(tg, progress(tg, U(rng)));
    REQUIRE_FALSE(std::isnan(a));
    CHECK(a >= 0.0);
    CHECK(a <= tg.cap);
  }
}

TEST_CASE("property: a NaN input never yields a number without a diagnostic") {
  std::mt19937_64 rng(3);
  std::uniform_real_distribution<double> U(-100, 100);
  std::bernoulli_distribution half(0.5);
  auto maybe_nan = [&](double x) { return half(rng) ? nan_value : x; };
  for (int i = 0; i < 5000; ++i) {
    Target tg = make(static_cast<TargetKind>(i % 7), maybe_nan(U(rng)), maybe_nan(U(rng)));
    tg.lo = maybe_nan(-10);
    tg.hi = maybe_nan(10);
    if (half(rng)) tg.method = ProgressMethod::ratio;
    const double v = maybe_nan(U(rng));
    const bool any_nan = std::isnan(v) || std::isnan(*tg.baseline) || std::isnan(*tg.target) ||
                         std::isnan(*tg.lo) || std::isnan(*tg.hi);
    Diagnostics d;
    const double p = progress(tg, v, &d);
    INFO("kind " << detail::enum_to_string(tg.kind) << " p " << p);
    if (any_nan) CHECK(std::isnan(p));
    if (std::isnan(p)) CHECK_FALSE(d.empty());
  }
}

// --- numbers at the edges (issue 15) ----------------------------------------

TEST_CASE("spans wider than the double range are halved, never a silent 0") {
  // b = -1e308, t = 1e308: t - b = 2e308 overflows to inf, so the plain
  // formula gave (61000 + 1e308) / inf = 0. Halved first:
  // (30500 + 5e307) / (5e307 + 5e307) = 5e307 / 1e308 = 0.5 (30500 is far
  // below one ulp of 5e307; halving and doubling are exact).
  Diagnostics d;
  CHECK(progress(make(TargetKind::increase, -1e308, 1e308), 61000, &d) == 0.5);
  CHECK(d.empty());
  // decrease 1e308 -> -1e308 at -1e308: (-5e307 - 5e307) / (-5e307 - 5e307) = 1
  CHECK(progress(make(TargetKind::decrease, 1e308, -1e308), -1e308) == 1.0);
  // beyond the target: (0.85e308 + 0.5e308) / 1e308 = 1.35
  CHECK(progress(make(TargetKind::increase, -1e308, 1e308), 1.7e308) == Approx(1.35));
  // the SSE path of the bulk kernel and the scalar kernel agree
  CHECK(progress_linear_signed(-1e308, 1e308, 61000, 1.0) == 0.5);
  // at_least, floor -1e308, target 1e308, value 0: (0 + 1e308) / 2e308 = 0.5
  Target al = make(TargetKind::at_least, std::nullopt, 1e308);
  al.floor = -1e308;
  CHECK(progress(al, 0) == 0.5);
  // at_most 1e308 with the default ceiling 2t = 2e308 (overflows):
  // (2e308 - 1.5e308) / (2e308 - 1e308) = 0.5e308 / 1e308 = 0.5
  CHECK(progress(make(TargetKind::at_most, std::nullopt, 1e308), 1.5e308) == 0.5);
  // at_most -1.5e308 with ceiling 1.5e308 at 0: (1.5e308 - 0) / 3e308 = 0.5
  Target am = make(TargetKind::at_most, std::nullopt, -1.5e308);
  am.floor = 1.5e308;
  CHECK(progress(am, 0) == 0.5);
  // range [-1e308, 1e308], default tolerance 2e308, value 1.5e308:
  // 1 - (1.5e308 - 1e308) / 2e308 = 1 - 0.25 = 0.75
  Target rg = make(TargetKind::range, std::nullopt, std::nullopt);
  rg.lo = -1e308;
  rg.hi = 1e308;
  CHECK(progress(rg, 1.5e308) == 0.75);
  // range with tolerance 1.6e308, value -1.8e308, lo 1e308:
  // distance 2.8e308 / 1.6e308 = 1.75 -> 1 - 1.75 < 0 -> 0 (really beyond)
  rg.lo = 1e308;
  rg.hi = 1.2e308;
  rg.tolerance = 1.6e308;
  CHECK(progress(rg, -1.5e308) == 0.0);
  // ... and within the tolerance: lo 1e308, v -0.2e308: distance 1.2e308 /
  // 1.6e308 = 0.75 -> 0.25 (the distance itself does not overflow here)
  CHECK(progress(rg, -0.2e308) == Approx(0.25));
  // performance on the scale [-1e308, 1e308] at 0: (0 + 1e308) / 2e308 = 0.5
  Target pf = make(TargetKind::increase, 0, 1);
  pf.scale_min = -1e308;
  pf.scale_max = 1e308;
  CHECK(performance(pf, 0) == 0.5);
}

TEST_CASE("subnormal spans are exact") {
  const double m = std::numeric_limits<double>::denorm_min();  // 4.9e-324
  // (m - 0) / (m - 0) = 1; (0 - 0) / m = 0; (2m - m) / (3m - m) = 1 / 2
  CHECK(progress(make(TargetKind::increase, 0, m), m) == 1.0);
  CHECK(progress(make(TargetKind::increase, 0, m), 0) == 0.0);
  CHECK(progress(make(TargetKind::increase, m, 3 * m), 2 * m) == 0.5);
  // decrease 3m -> m at 2m: (2m - 3m) / (m - 3m) = -1 / -2 = 0.5
  CHECK(progress(make(TargetKind::decrease, 3 * m, m), 2 * m) == 0.5);
}

TEST_CASE("ratio method, lower is better: v <= 0 scores the best, with an info") {
  // t = 100: t / v at 200 is 0.5, at 100 is 1, at 50 is 2 (the cap); v <= 0
  // is below every positive value, so it scores the cap too (was 0 for v < 0)
  for (auto k : {TargetKind::at_most, TargetKind::decrease}) {
    Target tg = make(k, k == TargetKind::decrease ? std::optional<double>(150) : std::nullopt, 100);
    tg.method = ProgressMethod::ratio;
    CHECK(progress(tg, 200) == 0.5);
    CHECK(progress(tg, 100) == 1.0);
    CHECK(progress(tg, 50) == 2.0);
    Diagnostics d;
    CHECK(progress(tg, 0, &d) == 2.0);
    CHECK(has_code(d, "ratio-nonpositive-value"));
    CHECK(d.front().severity == Severity::info);
    d.clear();
    CHECK(progress(tg, -0.001, &d) == 2.0);
    CHECK(has_code(d, "ratio-nonpositive-value"));
    CHECK(progress(tg, -1e308) == 2.0);
    CHECK(progress(tg, std::numeric_limits<double>::denorm_min()) ==
          2.0);  // t / 4.9e-324 = inf -> 2
  }
}

namespace {
// A random double of any magnitude from 1e-320 (subnormal) to 1.7e308, either sign.
double extreme(std::mt19937_64& rng) {
  std::uniform_real_distribution<double> e(-320, 308.2);
  std::bernoulli_distribution neg(0.5);
  const double x = std::pow(10.0, e(rng));
  return neg(rng) ? -x : x;
}
}  // namespace

TEST_CASE("property: ratio method is monotone over a grid of the whole real line") {
  // generated grid: negatives, zero, subnormals, huge values; t > 0 random
  std::mt19937_64 rng(15);
  std::vector<double> grid = {-std::numeric_limits<double>::max(),
                              -1e308,
                              -1e3,
                              -1,
                              -1e-300,
                              -std::numeric_limits<double>::denorm_min(),
                              -0.0,
                              0.0,
                              std::numeric_limits<double>::denorm_min(),
                              1e-300,
                              1,
                              1e3,
                              1e308,
                              std::numeric_limits<double>::max()};
  for (int i = 0; i < 2000; ++i) grid.push_back(extreme(rng));
  std::sort(grid.begin(), grid.end());
  for (int j = 0; j < 50; ++j) {
    const double t = std::fabs(extreme(rng));
    for (auto k :
         {TargetKind::at_least, TargetKind::increase, TargetKind::at_most, TargetKind::decrease}) {
      Target tg = make(k,
                       k == TargetKind::decrease ? std::optional<double>(2 * std::min(t, 1e307))
                                                 : std::optional<double>(0),
                       t);
      tg.method = ProgressMethod::ratio;
      double prev = progress(tg, grid.front());
      for (double v : grid) {
        const double p = progress(tg, v);
        INFO("kind " << detail::enum_to_string(k) << " t " << t << " v " << v << " p " << p);
        REQUIRE_FALSE(std::isnan(p));
        CHECK(p >= 0.0);
        CHECK(p <= 2.0);
        if (tg.higher_is_better())
          CHECK(p >= prev);
        else
          CHECK(p <= prev);
        prev = p;
      }
    }
  }
}

TEST_CASE("property: extreme magnitudes stay monotone, finite and in [0, cap]") {
  std::mt19937_64 rng(1308);
  for (int i = 0; i < 20000; ++i) {
    double b = extreme(rng), t = extreme(rng), v1 = extreme(rng), v2 = extreme(rng);
    if (v1 > v2) std::swap(v1, v2);
    for (auto k : {TargetKind::increase, TargetKind::decrease, TargetKind::at_least,
                   TargetKind::at_most, TargetKind::range}) {
      Target tg = make(k, b, t);
      if (k == TargetKind::decrease && t > b) std::swap(*tg.baseline, *tg.target);
      if (k == TargetKind::range) {
        tg.lo = std::min(b, t);
        tg.hi = std::max(b, t);
      }
      Diagnostics d1, d2;
      const double p1 = progress(tg, v1, &d1), p2 = progress(tg, v2, &d2);
      INFO("kind " << detail::enum_to_string(k) << " b " << b << " t " << t << " v " << v1 << " "
                   << v2 << " p " << p1 << " " << p2);
      REQUIRE_FALSE(std::isnan(p1));
      REQUIRE_FALSE(std::isnan(p2));
      // the only diagnostic: a quotient beyond the double range (a huge value
      // over a tiny span), which is real, not an artefact of the arithmetic
      for (const auto* dp : {&d1, &d2})
        for (const auto& x : *dp) CHECK(x.code == "progress-overflow");
      CHECK(std::isinf(p1) == has_code(d1, "progress-overflow"));
      CHECK(std::isinf(p2) == has_code(d2, "progress-overflow"));
      const double a1 = attainment(tg, p1);
      CHECK(a1 >= 0.0);
      CHECK(a1 <= 1.0);
      if (k == TargetKind::range) continue;  // not monotone: peaks inside the band
      if (tg.higher_is_better())
        CHECK(p1 <= p2);
      else
        CHECK(p1 >= p2);
    }
  }
}
