// Tests for include/okrkit/formulas/kpi_formulas.hpp: each calculator against a worked
// example whose arithmetic is written out, plus the NaN + diagnostic path.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <vector>

#include <okrkit/formulas/kpi_formulas.hpp>

using namespace okrkit;

namespace {
const double nan_v = std::numeric_limits<double>::quiet_NaN();

// 100 answers: 60 promoters (9, 10), 25 passives (7, 8), 15 detractors (0-6).
std::vector<double> nps_answers() {
  std::vector<double> s;
  for (int i = 0; i < 30; ++i) s.push_back(9);
  for (int i = 0; i < 30; ++i) s.push_back(10);
  for (int i = 0; i < 13; ++i) s.push_back(7);
  for (int i = 0; i < 12; ++i) s.push_back(8);
  for (int i = 0; i < 15; ++i) s.push_back(i % 7);  // 0..6
  return s;
}
}  // namespace

TEST_CASE("nps") {
  // 60 promoters, 25 passives, 15 detractors of 100:
  // 60/100 - 15/100 = 60 % - 15 % = 45.
  CHECK(nps(nps_answers()) == Approx(45.0));
  CHECK(nps_from_counts(60, 25, 15) == Approx(45.0));
  // All detractors: 0 % - 100 % = -100.
  CHECK(nps(std::vector<double>{0, 3, 6}) == Approx(-100.0));
  // NaN answers are skipped and reported as info: 2 promoters, 1 detractor of 3
  // answers -> (2 - 1) / 3 * 100 = 33.33...
  Diagnostics d;
  CHECK(nps(std::vector<double>{10, nan_v, 9, 2}, &d) == Approx(100.0 / 3.0));
  REQUIRE(d.size() == 1);
  CHECK(d[0].severity == Severity::info);
  CHECK(d[0].message == "nps: 1 missing (NaN) responses skipped");
  // Out-of-scale and fractional answers make the result missing.
  d.clear();
  CHECK(std::isnan(nps(std::vector<double>{10, 11}, &d)));
  REQUIRE(d.size() == 1);
  CHECK(d[0].code == "invalid-input");
  CHECK(d[0].message == "nps: score at index 1 is not a whole number from 0 to 10");
  CHECK(std::isnan(nps(std::vector<double>{9.5})));
  d.clear();
  CHECK(std::isnan(nps(std::vector<double>{}, &d)));
  CHECK(d.at(0).code == "zero-denominator");
  CHECK(d.at(0).message == "nps: no responses");
  d.clear();
  CHECK(std::isnan(nps_from_counts(0, 0, 0, &d)));
  CHECK(d.at(0).message == "nps: the number of responses is zero");
}

TEST_CASE("csat") {
  // 200 answers on 1-5: 150 are 4 or 5 -> 150 / 200 = 75 %.
  std::vector<double> s;
  for (int i = 0; i < 90; ++i) s.push_back(5);
  for (int i = 0; i < 60; ++i) s.push_back(4);
  for (int i = 0; i < 50; ++i) s.push_back(1 + i % 3);  // 1, 2, 3
  CHECK(csat(s) == Approx(75.0));
  CHECK(csat_from_counts(150, 200) == Approx(75.0));
  // 1-10 scale, satisfied at 8+: {8, 9, 10} of {1, 5, 8, 9, 10} = 3 / 5 = 60 %.
  CHECK(csat(std::vector<double>{1, 5, 8, 9, 10}, 10, 8) == Approx(60.0));
  Diagnostics d;
  CHECK(std::isnan(csat(std::vector<double>{0, 5}, 5, 4, &d)));  // 0 is off a 1-5 scale
  CHECK(d.at(0).message == "csat: score at index 0 is not a whole number from 1 to 5");
  d.clear();
  CHECK(std::isnan(csat_from_counts(201, 200, &d)));
  CHECK(d.at(0).code == "invalid-input");
  CHECK(d.at(0).message == "csat: satisfied exceeds responses");
}

TEST_CASE("ratios and rates") {
  // conversion rate: 50 conversions / 2000 visitors * 100 = 2.5 %
  CHECK(conversion_rate(50, 2000) == Approx(2.5));
  // CTR: 120 clicks / 8000 impressions * 100 = 1.5 %
  CHECK(ctr(120, 8000) == Approx(1.5));
  // CAC: 50,000 cost / 125 new customers = 400
  CHECK(cac(50000, 125) == Approx(400.0));
  // CPA: 3,000 cost / 60 acquisitions = 50
  CHECK(cpa(3000, 60) == Approx(50.0));
  // ROAS: 20,000 revenue / 5,000 ad spend = 4 (4:1)
  CHECK(roas(20000, 5000) == Approx(4.0));
  // AOV: 45,000 revenue / 900 orders = 50
  CHECK(average_order_value(45000, 900) == Approx(50.0));
  // budget execution: 450,000 spent / 500,000 budget * 100 = 90 %
  CHECK(budget_execution_rate(450000, 500000) == Approx(90.0));
  // cost overrun: (115,000 - 100,000) / 100,000 * 100 = 15 %; under budget is negative:
  // (90,000 - 100,000) / 100,000 * 100 = -10 %
  CHECK(cost_overrun_rate(115000, 100000) == Approx(15.0));
  CHECK(cost_overrun_rate(90000, 100000) == Approx(-10.0));
  // current ratio: 300,000 / 150,000 = 2
  CHECK(current_ratio(300000, 150000) == Approx(2.0));
  // debt to assets: 400,000 / 1,000,000 = 0.4
  CHECK(debt_to_asset_ratio(400000, 1000000) == Approx(0.4));
  // on-time delivery: 470 / 500 * 100 = 94 %
  CHECK(on_time_delivery_rate(470, 500) == Approx(94.0));
  // first-contact resolution: 340 / 400 * 100 = 85 %
  CHECK(first_contact_resolution_rate(340, 400) == Approx(85.0));
}

TEST_CASE("churn, retention and lifetime value") {
  // start 1000, 150 new, 1070 at the end: lost = 1000 + 150 - 1070 = 80,
  // churn = 80 / 1000 * 100 = 8 %; retention = (1070 - 150) / 1000 * 100 = 92 %.
  CHECK(churn_rate(1000, 1070, 150) == Approx(8.0));
  CHECK(retention_rate(1000, 1070, 150) == Approx(92.0));
  Diagnostics d;
  CHECK(std::isnan(churn_rate(1000, 1200, 150, &d)));  // 1200 > 1000 + 150
  CHECK(d.at(0).message == "churn_rate: customers_end exceeds customers_start + new_customers");
  // CLV: 80 per order * 4 orders a year * 3 years = 960.
  CHECK(clv(80, 4, 3) == Approx(960.0));
  // CLV margin form: ARPU 50 a month * 80 % margin / 2.5 % monthly churn
  // = 50 * 0.8 / 0.025 = 1600.
  CHECK(clv_from_margin(50, 80, 2.5) == Approx(1600.0));
  d.clear();
  CHECK(std::isnan(clv_from_margin(50, 80, 0, &d)));
  CHECK(d.at(0).message == "clv_from_margin: churn_rate is zero");
}

TEST_CASE("zero denominators and bad inputs give NaN with one diagnostic, never a throw") {
  Diagnostics d;
  CHECK(std::isnan(conversion_rate(5, 0, &d)));
  REQUIRE(d.size() == 1);
  CHECK(d[0].severity == Severity::warning);
  CHECK(d[0].code == "zero-denominator");
  CHECK(d[0].message == "conversion_rate: visitors is zero");
  d.clear();
  CHECK(std::isnan(ctr(nan_v, 10, &d)));
  CHECK(d.at(0).code == "missing-input");
  CHECK(d.at(0).message == "ctr: clicks is missing (NaN)");
  d.clear();
  CHECK(std::isnan(cac(-1, 10, &d)));
  CHECK(d.at(0).code == "invalid-input");
  CHECK(d.at(0).message == "cac: acquisition_cost must be finite and >= 0");
  d.clear();
  CHECK(std::isnan(roas(std::numeric_limits<double>::infinity(), 10, &d)));
  CHECK(d.at(0).code == "invalid-input");
  d.clear();
  CHECK(std::isnan(churn_rate(0, 0, 0, &d)));
  CHECK(d.at(0).message == "churn_rate: customers_start is zero");
  // Without a sink: still NaN, still no throw.
  CHECK(std::isnan(budget_execution_rate(1, 0)));
  CHECK(std::isnan(cost_overrun_rate(1, 0)));
  CHECK(std::isnan(current_ratio(1, 0)));
  CHECK(std::isnan(debt_to_asset_ratio(1, 0)));
  CHECK(std::isnan(on_time_delivery_rate(0, 0)));
  CHECK(std::isnan(first_contact_resolution_rate(0, 0)));
  CHECK(std::isnan(average_order_value(0, 0)));
  CHECK(std::isnan(cpa(1, 0)));
  CHECK(std::isnan(retention_rate(0, 0, 0)));
  // A good result comes with no diagnostic.
  d.clear();
  CHECK(ctr(1, 10, &d) == Approx(10.0));
  CHECK(d.empty());
}
