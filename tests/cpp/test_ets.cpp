// Tests of okrkit/ets.hpp against R fpp / forecast::ets (figures in
// tests/data/forecast/, see SOURCE.md) and the livestock damped Holt of
// statsmodels' test_holtwinters.py::test_holt_damp_r.
#include <catch2/catch.hpp>

#include <okrkit/ets.hpp>

#include "forecast_reference.hpp"

using namespace okrkit;

namespace {

struct Case {
  const char* fit;
  const char* data;
  const char* model;
  int m;
  int k_sigma;  // σ² denominator n − k (README note 5); 0 = SSE/n
};

// The R fits with their fixed parameters and initial states (air_fpp2 with the
// corrected values of the reference's note 8).
EtsFit run_fixed(const Case& c) {
  auto d = ref::datasets().at(c.data);
  auto p = ref::params(c.fit);
  auto spec = EtsSpec::parse(c.model, c.m);
  EtsParams par;
  par.alpha = p["alpha"];
  if (spec.has_trend()) par.beta = std::isnan(p["beta"]) ? p["alpha"] * p["beta_star"] : p["beta"];
  if (spec.seasonal()) par.gamma = p["gamma"];
  if (spec.damped()) par.phi = p["phi"];
  EtsState x0;
  x0.level = p["l0"];
  if (spec.has_trend()) x0.trend = p["b0"];
  if (spec.seasonal()) x0.season = ref::season_time_order(p, c.m);
  return ets_filter(d, spec, par, x0);
}

const Case kCases[] = {
    {"oil_fpp1", "oil12", "ANN", 1, 0},   {"oil_fpp2", "oil12", "ANN", 1, 0},
    {"oil_fpp3", "oil12", "ANN", 1, 2},   {"oil_ets", "oil12", "ANN", 1, 2},
    {"air_fpp1", "air15", "AAN", 1, 0},   {"air_fpp2", "air15", "AAdN", 1, 5},
    {"air_ets", "air15", "AAdN", 1, 5},   {"aust_fpp1", "aust24", "AAA", 4, 8},
    {"aust_ets1", "aust24", "AAA", 4, 8}, {"aust_ets2", "aust24", "AAdA", 4, 9},
    {"aust_ets3", "aust24", "ANA", 4, 6},
};

}  // namespace

TEST_CASE("ets spec codes parse and print") {
  CHECK(EtsSpec::parse("AAdN").code() == "AAdN");
  CHECK(EtsSpec::parse("MAM", 12).period == 12);
  CHECK(EtsSpec::parse("ANN", 12).period == 1);
  CHECK_THROWS_AS(EtsSpec::parse("AAA", 1), DomainError);
  CHECK_THROWS_AS(EtsSpec::parse("XNN"), DomainError);
  CHECK_THROWS_AS(EtsSpec::parse("AMN"), DomainError);
}

TEST_CASE("fixed-parameter recursions reproduce R's fitted values, SSE and sigma2") {
  auto pred = ref::read_table("fpp1_r_predict.csv");
  for (const auto& c : kCases) {
    INFO(c.fit);
    auto f = run_fixed(c);
    auto p = ref::params(c.fit);
    const auto& mean = pred.cols.at(std::string(c.fit) + "_mean");
    for (std::size_t t = 0; t < f.n; ++t) CHECK(ref::close(f.fitted[t], mean[t], 1e-9));
    const double n = double(f.n_obs);
    if (!std::isnan(p["sse"])) CHECK(ref::close(f.sse, p["sse"], 1e-9));
    if (!std::isnan(p["mse"])) CHECK(ref::close(f.mse, p["mse"], 1e-8));
    // σ²: SSE/n for the fpp1 fixed fits (ets_filter), SSE/(n − k) for ets.
    double s2 = c.k_sigma == 0 ? f.sigma2 : f.sse / (n - c.k_sigma);
    CHECK(ref::close(s2, p["sigma2"], 1e-8));
    if (!std::isnan(p["llf"])) {
      // R's loglik = −0.5·n·log(SSE) for additive errors (README note 4).
      CHECK(ref::close(f.loglik_r, p["llf"], 1e-9));
      CHECK(ref::close(f.loglik, p["llf"] - 0.5 * n * (std::log(2 * M_PI / n) + 1), 1e-9));
    }
  }
}

TEST_CASE("livestock damped Holt matches R ets(AAN, damped, phi = 0.98)") {
  // statsmodels test_holtwinters.py::test_holt_damp_r (R ets values).
  auto y = ref::datasets().at("livestock31");
  EtsParams par;
  par.alpha = 0.97402626;
  par.beta = 0.00010006;
  par.phi = 0.98;
  EtsState x0;
  x0.level = 252.59039965;
  x0.trend = 6.90265918;
  auto f = ets_filter(y, EtsSpec::parse("AAdN"), par, x0);
  CHECK(f.mse == Approx(195.4397924865488).epsilon(1e-8));
}

TEST_CASE("degenerate input is rejected or handled with a diagnostic") {
  EtsSpec ann = EtsSpec::parse("ANN");
  std::vector<double> empty;
  CHECK_THROWS_AS(fit_ets(empty, ann), DomainError);
  std::vector<double> nans(10, std::nan(""));
  CHECK_THROWS_AS(fit_ets(nans, ann), DomainError);
  std::vector<double> inf{1, 2, std::numeric_limits<double>::infinity(), 3};
  CHECK_THROWS_AS(fit_ets(inf, ann), DomainError);
  std::vector<double> two{1, 2};
  CHECK_THROWS_AS(fit_ets(two, ann), DomainError);
  std::vector<double> neg{1, -2, 3, 4, 5, 6, 7, 8};
  CHECK_THROWS_AS(fit_ets(neg, EtsSpec::parse("MNN")), DomainError);
  std::vector<double> flat(12, 5.0);
  auto f = fit_ets(flat, EtsSpec::parse("AAN"));
  CHECK(f.sse == 0.0);
  CHECK(f.sigma2 == 0.0);
  CHECK(f.params.alpha == 1e-4);
  REQUIRE(!f.diagnostics.empty());
  CHECK(f.diagnostics[0].code == "constant-series");
  for (double v : f.fitted) CHECK(v == 5.0);
}
