// Tests of okrkit/forecast/ets_types.hpp: model codes, parameter conversions, bounds.
#include <catch2/catch.hpp>

#include <okrkit/forecast/ets_types.hpp>

using namespace okrkit;

TEST_CASE("every R model code round-trips") {
  for (const char* c :
       {"ANN", "AAN", "AAdN", "ANA", "AAA", "AAdA", "ANM", "AAM",  "AAdM", "MNN",  "MAN", "MAdN",
        "MNA", "MAA", "MAdA", "MNM", "MAM", "MAdM", "MMN", "MMdN", "MMM",  "MMdM", "AMN", "MMdA"}) {
    auto s = EtsSpec::parse(c, 12);
    CHECK(s.code() == c);
    CHECK(s.period == (s.seasonal() ? 12 : 1));
  }
  CHECK_THROWS_AS(EtsSpec::parse("AMdd"), DomainError);
  CHECK_THROWS_AS(EtsSpec::parse("AmN"), DomainError);
  CHECK_THROWS_AS(EtsSpec::parse("ANNN"), DomainError);
  CHECK_THROWS_AS(EtsSpec::parse(""), DomainError);
  CHECK(EtsSpec::parse("AAdN").damped());
  CHECK_FALSE(EtsSpec::parse("AAN").damped());
  // Multiplicative trends (R's allow.multiplicative.trend models).
  CHECK(EtsSpec::parse("MMdN").damped());
  CHECK(EtsSpec::parse("MMdN").mult_trend());
  CHECK(EtsSpec::parse("MMM", 4).trend == TrendType::multiplicative);
  CHECK_FALSE(EtsSpec::parse("MMN").damped());
  CHECK_FALSE(EtsSpec::parse("MAdN").mult_trend());
}

TEST_CASE("Holt's beta* is beta / alpha") {
  EtsParams p;
  p.alpha = 0.8;
  p.beta = 0.16;  // fpp holt(alpha = 0.8, beta = 0.2) in ETS form
  CHECK(p.beta_star() == Approx(0.2));
}

TEST_CASE("default bounds are R's and statsmodels'") {
  auto r = ParamBounds::r_ets();
  CHECK(r.alpha_lo == 1e-4);
  CHECK(r.alpha_hi == 0.9999);
  CHECK(r.phi_lo == 0.8);
  CHECK(r.phi_hi == 0.98);
  auto s = ParamBounds::statsmodels();
  CHECK(s.alpha_lo == 0.0);
  CHECK(s.phi_hi == 0.995);
}
