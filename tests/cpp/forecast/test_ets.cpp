// Tests of okrkit/forecast/ets.hpp against R fpp / forecast::ets (figures in
// tests/data/forecast/, see SOURCE.md) and the livestock damped Holt of
// statsmodels' test_holtwinters.py::test_holt_damp_r.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include <okrkit/forecast/ets.hpp>

#include "forecast_reference.hpp"

using namespace okrkit;

TEST_CASE("ets spec codes parse and print") {
  CHECK(EtsSpec::parse("AAdN").code() == "AAdN");
  CHECK(EtsSpec::parse("MAM", 12).period == 12);
  CHECK(EtsSpec::parse("ANN", 12).period == 1);
  CHECK_THROWS_AS(EtsSpec::parse("AAA", 1), DomainError);
  CHECK_THROWS_AS(EtsSpec::parse("XNN"), DomainError);
  CHECK_THROWS_AS(EtsSpec::parse("AMx"), DomainError);
  CHECK(EtsSpec::parse("MMdM", 4).code() == "MMdM");
}

TEST_CASE("multiplicative trend: hand-worked MMN recursion (R etscalc)") {
  // α = 0.5, β = 0.1, l0 = 10, b0 = 1.1, y = (12, 12.5):
  //  t=1: ŷ = 10·1.1 = 11; l = 11 + 0.5·(12 − 11) = 11.5;
  //       b = 1.1 + (0.1/0.5)·(11.5/10 − 1.1) = 1.11
  //  t=2: ŷ = 11.5·1.11 = 12.765; l = 12.765 + 0.5·(12.5 − 12.765) = 12.6325;
  //       b = 1.11 + 0.2·(12.6325/11.5 − 1.11) = 1.107695652173913…
  //  forecasts l·b^h.
  EtsParams p;
  p.alpha = 0.5;
  p.beta = 0.1;
  EtsState x;
  x.level = 10;
  x.trend = 1.1;
  auto f = ets_filter({12, 12.5}, EtsSpec::parse("MMN"), p, x);
  CHECK(f.fitted[0] == Approx(11.0).epsilon(1e-14));
  CHECK(f.fitted[1] == Approx(12.765).epsilon(1e-14));
  CHECK(f.last.level == Approx(12.6325).epsilon(1e-14));
  const double b2 = 1.11 + 0.2 * (12.6325 / 11.5 - 1.11);
  CHECK(f.last.trend == Approx(b2).epsilon(1e-14));
  // R's loglik: −0.5·(n·log Σe² + 2·Σlog ŷ), e = (y − ŷ)/ŷ.
  const double e1 = 1.0 / 11.0, e2 = (12.5 - 12.765) / 12.765;
  CHECK(f.loglik_r == Approx(-0.5 * (2 * std::log(e1 * e1 + e2 * e2) + 2 * std::log(11.0 * 12.765)))
                          .epsilon(1e-12));
  // Damped (MMdN, φ = 0.9): ŷ_1 = l0·b0^0.9.
  p.phi = 0.9;
  auto g = ets_filter({12, 12.5}, EtsSpec::parse("MMdN"), p, x);
  CHECK(g.fitted[0] == Approx(10 * std::pow(1.1, 0.9)).epsilon(1e-14));
  // The trend is a growth ratio: b0 <= 0 is rejected, as is negative data.
  x.trend = 0.0;
  CHECK_THROWS_WITH(ets_filter({12, 12.5}, EtsSpec::parse("MMN"), p, x),
                    Catch::Contains("growth ratio"));
  CHECK_THROWS_WITH(fit_ets(std::vector<double>{1, -2, 3, 4, 5, 6, 7}, EtsSpec::parse("MMN")),
                    Catch::Contains("positive data"));
}

TEST_CASE("multiplicative trend: ML fit on ausair as good as statsmodels ETSModel") {
  // tests/data/forecast/mult_trend_statsmodels.json (gen_mult_trend_reference.py):
  // ETSModel(error="mul", trend="mul").fit() on air15, llf = -31.38314894769817
  // (statsmodels' log-likelihood, = EtsFit::loglik); bounds containing ETSModel's.
  auto y = ref::datasets().at("air15");
  EtsOptions o;
  o.bounds = ParamBounds{1e-4, 0.9999, 1e-8, 0.9999, 1e-8, 0.9999, 0.8, 0.98};
  auto f = fit_ets(y, EtsSpec::parse("MMN"), o);
  CHECK(f.loglik >= -31.38314894769817 - 1e-6 * 31.38314894769817);
  CHECK(f.params.beta <= f.params.alpha);
  CHECK(f.initial.trend > 0);
}

TEST_CASE("fixed-parameter recursions reproduce R's fitted values, SSE and sigma2") {
  auto pred = ref::read_table("fpp1_r_predict.csv");
  for (const auto& c : ref::kFitCases) {
    INFO(c.fit);
    auto f = ref::run_fixed(c);
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
  auto f = ref::livestock_damped_holt();
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

TEST_CASE("maximum-likelihood fits reach R's likelihood or better") {
  // R ets fits (ML, estimated initial states, default bounds).
  struct Fit {
    const char* fit;
    const char* data;
    const char* model;
    int m;
  };
  const Fit fits[] = {{"oil_fpp3", "oil12", "ANN", 1},    {"oil_ets", "oil12", "ANN", 1},
                      {"air_ets", "air15", "AAdN", 1},    {"aust_ets1", "aust24", "AAA", 4},
                      {"aust_ets2", "aust24", "AAdA", 4}, {"aust_ets3", "aust24", "ANA", 4}};
  for (const auto& c : fits) {
    INFO(c.fit);
    auto y = ref::datasets().at(c.data);
    auto p = ref::params(c.fit);
    auto f = fit_ets(y, EtsSpec::parse(c.model, c.m));
    CHECK(f.loglik_r >= p["llf"] - 1e-7 * std::abs(p["llf"]));
    // R's bounds and β ≤ α, γ ≤ 1 − α hold.
    CHECK(f.params.alpha >= 1e-4);
    CHECK(f.params.alpha <= 0.9999);
    if (f.spec.has_trend()) CHECK(f.params.beta <= f.params.alpha);
    if (f.spec.seasonal()) CHECK(f.params.gamma <= 1 - f.params.alpha + 1e-15);
    if (f.spec.damped()) CHECK(f.params.phi <= 0.98);
    // Where R's optimum is interior and well identified the parameters agree.
    if (std::string(c.fit) == "oil_ets") {
      CHECK(f.params.alpha == Approx(p["alpha"]).epsilon(1e-3));
      CHECK(f.initial.level == Approx(p["l0"]).epsilon(1e-4));
      CHECK(f.sigma2 == Approx(p["sigma2"]).epsilon(1e-6));
    }
  }
}

TEST_CASE("air_fpp2: fixed alpha and beta, estimated phi and states, match R") {
  auto y = ref::datasets().at("air15");
  EtsOptions o;
  o.alpha = 0.8;
  o.beta = 0.2;
  auto f = fit_ets(y, EtsSpec::parse("AAdN"), o);
  CHECK(f.loglik_r >= -27.8577207385546 - 1e-7);
  CHECK(f.params.phi == Approx(0.850219271948577).epsilon(1e-4));
  CHECK(f.initial.level == Approx(13.9648223911759).epsilon(1e-4));
  CHECK(f.n_params == 4);  // φ, l0, b0, σ
}

TEST_CASE("livestock: damped Holt with phi fixed at 0.98 reaches R's MSE or better") {
  auto y = ref::datasets().at("livestock31");
  EtsOptions o;
  o.phi = 0.98;
  auto f = fit_ets(y, EtsSpec::parse("AAdN"), o);
  CHECK(f.mse <= 195.4397924865488 * (1 + 1e-9));
  CHECK(f.params.phi == 0.98);
}

TEST_CASE("least squares with simple initial states (statsmodels initialization_method='simple')") {
  // oil_fpp1 with α fixed: l0 = y1, SSE from R (fpp1 ses, initial = "simple").
  auto y = ref::datasets().at("oil12");
  EtsOptions o;
  o.criterion = Criterion::least_squares;
  o.init = InitMethod::simple;
  o.alpha = 0.2;
  auto f = fit_ets(y, EtsSpec::parse("ANN"), o);
  CHECK(f.sse == Approx(12391.7471752299).epsilon(1e-10));
  CHECK(f.initial.level == y[0]);
  // Holt's β* parameterisation (air_fpp1: α = 0.8, β* = 0.2).
  auto air = ref::datasets().at("air15");
  o.parameterization = Parameterization::holt;
  o.alpha = 0.8;
  o.beta = 0.2;
  auto g = fit_ets(air, EtsSpec::parse("AAN"), o);
  CHECK(g.sse == Approx(72.7894551374757).epsilon(1e-10));
  CHECK(g.params.beta == Approx(0.16));
  CHECK(g.params.beta_star() == Approx(0.2));
  // Fitted α: SSE no worse than at R's fixed α.
  o = EtsOptions{};
  o.criterion = Criterion::least_squares;
  o.init = InitMethod::simple;
  auto h = fit_ets(y, EtsSpec::parse("ANN"), o);
  CHECK(h.sse <= 8098.55488019406);
}

TEST_CASE("auto_ets chooses by AICc among valid models") {
  auto y = ref::datasets().at("aust24");
  AutoEtsOptions o;
  o.period = 4;
  auto f = auto_ets(y, o);
  CHECK(f.spec.seasonal());
  // auto_ets screens every candidate cheaply and refines only the leaders:
  // on this series its choice is as good as the best thorough single-model
  // fit of every candidate (to the optimiser's tolerance).
  for (const auto& sp : auto_candidates(y.size(), true, o)) {
    auto g = fit_ets(y, sp);
    CHECK(f.aicc <= g.aicc + 1e-6 * std::abs(g.aicc));
  }
  // Refining nothing (margin 0 refines only the screening's leader) cannot
  // beat refining everything; both are valid fits of a candidate.
  AutoEtsOptions o0 = o, oall = o;
  o0.refine_margin = 0.0;
  oall.refine_margin = std::numeric_limits<double>::infinity();
  auto f0 = auto_ets(y, o0);
  auto fall = auto_ets(y, oall);
  CHECK(fall.aicc <= f0.aicc + 1e-9);
  CHECK(fall.aicc <= f.aicc + 1e-9);
  // The candidates are those of R's ets() and statsforecast's AutoETS by
  // default (restrict = TRUE, no multiplicative trend): 15 for positive
  // seasonal data, A-error models never with multiplicative seasonality.
  std::vector<std::string> codes;
  for (const auto& sp : auto_candidates(y.size(), true, o)) codes.push_back(sp.code());
  CHECK(codes == std::vector<std::string>{"ANN", "ANA", "AAN", "AAA", "AAdN", "AAdA", "MNN", "MNA",
                                          "MNM", "MAN", "MAA", "MAM", "MAdN", "MAdA", "MAdM"});
  // allow_multiplicative_trend (R's allow.multiplicative.trend = TRUE) adds
  // R's restricted multiplicative-trend models after the others.
  AutoEtsOptions om = o;
  om.allow_multiplicative_trend = true;
  std::vector<std::string> mcodes;
  for (const auto& sp : auto_candidates(y.size(), true, om)) mcodes.push_back(sp.code());
  auto expect = codes;
  for (const char* c : {"MMN", "MMM", "MMdN", "MMdM"}) expect.push_back(c);
  CHECK(mcodes == expect);
  CHECK(auto_candidates(y.size(), false, om).size() == auto_candidates(y.size(), false, o).size());
  // Non-positive data: no multiplicative candidates.
  auto c = auto_candidates(24, false, o);
  for (const auto& sp : c) {
    CHECK(sp.error == ErrorType::additive);
    CHECK(sp.season != SeasonType::multiplicative);
  }
  // Too short for seasonal models (n < 2m).
  for (const auto& sp : auto_candidates(7, true, o)) CHECK(!sp.seasonal());
  std::vector<double> tiny{1, 2};
  CHECK_THROWS_AS(auto_ets(tiny), DomainError);
  std::vector<double> flat(10, 3.0);
  auto cf = auto_ets(flat);
  CHECK(cf.spec.code() == "ANN");
  CHECK(cf.sigma2 == 0.0);
}
