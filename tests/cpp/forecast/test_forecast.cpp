// Tests of okrkit/forecast/forecast.hpp: point forecasts and 95% intervals against R
// fpp / forecast::ets (tests/data/forecast/, see SOURCE.md; air_fpp1's and
// aust_ets3's intervals are known defects of the reference and not tested),
// the livestock damped Holt forecasts (statsmodels test_holt_damp_r), and the
// target questions against Monte-Carlo simulation and hand-worked values.
#include <catch2/catch.hpp>

#include <okrkit/forecast/forecast.hpp>
#include <okrkit/forecast/simulate_paths.hpp>
#include <okrkit/detail/distributions.hpp>

#include "forecast_reference.hpp"

using namespace okrkit;

namespace {

// The fixed R fit with σ² = SSE/(n − k) as R ets reports it.
EtsFit run_fixed_ets_sigma(const ref::FitCase& c) {
  auto f = ref::run_fixed(c);
  if (c.k_sigma) f.sigma2 = f.sse / (double(f.n_obs) - c.k_sigma);
  return f;
}

}  // namespace

TEST_CASE("point forecasts and 95% intervals reproduce R") {
  auto pred = ref::read_table("fpp1_r_predict.csv");
  for (const auto& c : ref::kFitCases) {
    INFO(c.fit);
    auto f = run_fixed_ets_sigma(c);
    const auto& mean = pred.cols.at(std::string(c.fit) + "_mean");
    const auto& lo = pred.cols.at(std::string(c.fit) + "_lower");
    const auto& hi = pred.cols.at(std::string(c.fit) + "_upper");
    const int h = int(mean.size() - f.n);
    ForecastOptions o;
    o.levels = {95.0};
    auto fc = forecast(f, h, o);
    CHECK_FALSE(fc.simulated);
    for (int j = 0; j < h; ++j) {
      const std::size_t r = f.n + std::size_t(j);
      CHECK(ref::close(fc.mean[std::size_t(j)], mean[r], 1e-9));
      if (c.test_intervals && !std::isnan(lo[r])) {
        CHECK(ref::close(fc.lower[0][std::size_t(j)], lo[r], 1e-8));
        CHECK(ref::close(fc.upper[0][std::size_t(j)], hi[r], 1e-8));
      }
    }
  }
}

TEST_CASE("livestock damped Holt forecasts match R") {
  auto f = ref::livestock_damped_holt();
  const double expected[] = {417.7982003051233, 421.3426082635598, 424.8161280628277,
                             428.2201774661102, 431.5561458813270, 434.8253949282395,
                             438.0292589942138, 441.1690457788685, 444.2460368278302,
                             447.2614880558126};
  auto p = point_forecast(f, 10);
  for (int j = 0; j < 10; ++j) CHECK(p[std::size_t(j)] == Approx(expected[j]).epsilon(1e-8));
}

TEST_CASE("forecast intervals use the library's normal quantile and CDF") {
  // scipy.stats.norm.ppf / norm.cdf; the full table is in
  // tests/cpp/detail/test_distributions.cpp.
  CHECK(detail::normal_quantile(0.975) == Approx(1.959963984540054).epsilon(1e-15));
  CHECK(detail::normal_quantile(0.9) == Approx(1.2815515655446004).epsilon(1e-15));
  CHECK(detail::normal_quantile(1e-10) == Approx(-6.361340902404056).epsilon(1e-15));
  CHECK(detail::normal_cdf(1.959963984540054) == Approx(0.975).epsilon(1e-15));
}

TEST_CASE("probability of reaching the target agrees with Monte Carlo") {
  auto y = ref::datasets().at("air15");
  auto f = fit_ets(y, EtsSpec::parse("AAdN"));
  const int h = 5;
  const double mu = point_forecast(f, h).back();
  const int n = 200000;
  Eigen::MatrixXd sims = simulate_paths(f, h, n, 7);
  for (double target : {mu - 5.0, mu, mu + 2.0, mu + 8.0}) {
    for (auto d : {Direction::higher_is_better, Direction::lower_is_better}) {
      double p = probability_of_reaching(f, target, h, d);
      int hits = 0;
      for (int i = 0; i < n; ++i) hits += meets(sims(i, h - 1), target, d) ? 1 : 0;
      double mc = double(hits) / n;
      CHECK(std::abs(p - mc) < 4.5 * std::sqrt(std::max(p * (1 - p), 1e-6) / n) + 1e-4);
    }
  }
  // Simulated intervals of a linear model approach the analytic ones.
  ForecastOptions so;
  so.method = IntervalMethod::simulation;
  so.n_paths = 40000;
  so.levels = {95.0};
  auto fs = forecast(f, h, so);
  auto fa = forecast(f, h, ForecastOptions{{95.0}});
  CHECK(fs.simulated);
  for (int j = 0; j < h; ++j) {
    double w = fa.upper[0][std::size_t(j)] - fa.mean[std::size_t(j)];
    CHECK(std::abs(fs.upper[0][std::size_t(j)] - fa.upper[0][std::size_t(j)]) < 0.03 * w);
    CHECK(std::abs(fs.lower[0][std::size_t(j)] - fa.lower[0][std::size_t(j)]) < 0.03 * w);
  }
}

TEST_CASE("probability for a multiplicative model is simulated and reproducible") {
  auto y = ref::datasets().at("aust24");
  auto f = fit_ets(y, EtsSpec::parse("MAM", 4));
  const int h = 6;
  ForecastOptions o;
  o.n_paths = 20000;
  o.seed = 11;
  const double target = point_forecast(f, h).back() * 1.03;
  double p1 = probability_of_reaching(f, target, h, Direction::higher_is_better, o);
  double p2 = probability_of_reaching(f, target, h, Direction::higher_is_better, o);
  CHECK(p1 == p2);  // same seed, same answer
  // An independent simulation of the same model (another seed).
  Eigen::MatrixXd sims = simulate_paths(f, h, 100000, 12345);
  int hits = 0;
  for (int i = 0; i < sims.rows(); ++i) hits += sims(i, h - 1) >= target ? 1 : 0;
  double mc = double(hits) / double(sims.rows());
  CHECK(std::abs(p1 - mc) < 4.5 * std::sqrt(p1 * (1 - p1) * (1.0 / 20000 + 1.0 / 100000)));
  auto fc = forecast(f, h, o);
  CHECK(fc.simulated);
  CHECK(fc.lower[1][0] < fc.mean[0]);
  CHECK(fc.upper[1][0] > fc.mean[0]);
  CHECK_THROWS_AS(forecast(f, h, ForecastOptions{{95.0}, IntervalMethod::analytic}), DomainError);
}

TEST_CASE("run-rate and time to target, worked by hand") {
  // SES with α = 0.5 from l0 = 10 on y = 10, 12:
  // l1 = 10 + 0.5·(10 − 10) = 10; l2 = 10 + 0.5·(12 − 10) = 11: flat forecast 11.
  EtsParams ses;
  ses.alpha = 0.5;
  EtsState x0;
  x0.level = 10;
  auto f = ets_filter({10.0, 12.0}, EtsSpec::parse("ANN"), ses, x0);
  CHECK(point_forecast(f, 3) == std::vector<double>{11.0, 11.0, 11.0});
  CHECK(required_run_rate(f, 20.0, 4) == Approx(2.0));  // (20 − 12)/4
  CHECK(periods_to_target(f, 11.0, Direction::higher_is_better, 5) == std::optional<int>(0));
  CHECK(!periods_to_target(f, 15.0, Direction::higher_is_better, 5).has_value());
  CHECK(periods_to_target(f, 12.0, Direction::higher_is_better, 5) == std::optional<int>(0));
  CHECK(periods_to_target(f, 11.2, Direction::lower_is_better, 5) == std::optional<int>(1));
  // Holt: l = 10, b = 2 after the data: forecasts 12, 14, 16, ... reach 15 at h = 3.
  EtsParams holt;
  holt.alpha = 0.5;
  holt.beta = 0.1;
  EtsState h0;
  h0.level = 8;
  h0.trend = 2;
  auto g = ets_filter({10.0}, EtsSpec::parse("AAN"), holt, h0);  // exact fit: no update
  CHECK(point_forecast(g, 3) == std::vector<double>{12.0, 14.0, 16.0});
  CHECK(periods_to_target(g, 15.0, Direction::higher_is_better, 10) == std::optional<int>(3));
  // Zero variance: probability is 0 or 1.
  CHECK(probability_of_reaching(g, 15.9, 3, Direction::higher_is_better) == 1.0);
  CHECK(probability_of_reaching(g, 16.1, 3, Direction::higher_is_better) == 0.0);
  auto t = target_outlook(g, 15.0, 3, Direction::higher_is_better);
  CHECK(t.projected == 16.0);
  CHECK(t.run_rate == Approx(5.0 / 3));
  CHECK(t.forecast_rate == Approx(2.0));
  CHECK(t.periods_to_target == std::optional<int>(3));
}
