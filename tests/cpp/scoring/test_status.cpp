// Tests of status.hpp: expected-progress curves, status rules, health.
// Expected values are worked by hand beside each check.
#include <catch2/catch.hpp>

#include <okrkit/scoring/status.hpp>

#include <cmath>

using namespace okrkit;
using boost::gregorian::days;

TEST_CASE("expected progress: linear over the days from start to due") {
  Date s(2025, 4, 1), d(2025, 6, 30);  // 90 days apart
  CHECK(expected_progress(s, d, s) == 0.0);
  CHECK(expected_progress(s, d, s + days(45)) == Approx(0.5));
  CHECK(expected_progress(s, d, d) == 1.0);
  CHECK(expected_progress(s, d, d + days(10)) == 1.0);
  CHECK(expected_progress(s, d, s - days(10)) == 0.0);
  CHECK(expected_progress(s, s, s) == 1.0);
  CHECK(expected_progress(s, s, s - days(1)) == 0.0);
  Diagnostics diag;
  CHECK(std::isnan(expected_progress(d, s, s, {}, &diag)));
  CHECK(diag.at(0).code == "due-before-start");
}

TEST_CASE("expected progress: front-loaded, back-loaded, S-curve") {
  CHECK(plan_fraction(0.5, PlanCurve::front_loaded) == Approx(0.75));  // 1 - 0.5^2
  CHECK(plan_fraction(0.5, PlanCurve::back_loaded) == Approx(0.25));   // 0.5^2
  CHECK(plan_fraction(0.5, PlanCurve::s_curve) == Approx(0.5));        // 3/4 - 2/8
  CHECK(plan_fraction(0.25, PlanCurve::s_curve) == Approx(0.15625));   // 3/16 - 2/64
  for (auto c :
       {PlanCurve::linear, PlanCurve::front_loaded, PlanCurve::back_loaded, PlanCurve::s_curve}) {
    CHECK(plan_fraction(0, c) == 0.0);
    CHECK(plan_fraction(1, c) == 1.0);
    for (double x = 0; x < 1; x += 0.05) CHECK(plan_fraction(x, c) <= plan_fraction(x + 0.05, c));
  }
  Date s(2025, 1, 1);
  Plan p{PlanCurve::back_loaded, {}};
  CHECK(expected_progress(s, s + days(100), s + days(40), p) == Approx(0.16));
}

TEST_CASE("expected progress: phased plan points, piecewise linear") {
  // monthly targets inside Q2 2025: 20% by Apr 30, 50% by May 31, 100% by Jun 30
  Date s(2025, 4, 1), d(2025, 6, 30);
  Plan p{PlanCurve::phased, {{Date(2025, 4, 30), 0.2}, {Date(2025, 5, 31), 0.5}}};
  CHECK(expected_progress(s, d, s, p) == 0.0);
  CHECK(expected_progress(s, d, Date(2025, 4, 30), p) == Approx(0.2));
  CHECK(expected_progress(s, d, Date(2025, 4, 15), p) == Approx(0.2 * 14 / 29));
  CHECK(expected_progress(s, d, Date(2025, 5, 31), p) == Approx(0.5));
  CHECK(expected_progress(s, d, Date(2025, 6, 15), p) == Approx(0.5 + 0.5 * 15 / 30));
  CHECK(expected_progress(s, d, d, p) == 1.0);
  CHECK(expected_progress(s, d, d + days(5), p) == 1.0);
}

TEST_CASE("acceptance: day 40 of 100, 15% progress -> ratio 0.375 -> at risk (0.4 / 0.7)") {
  Date s(2025, 1, 1);
  const double e = expected_progress(s, s + days(100), s + days(40));
  CHECK(e == Approx(0.4));
  CHECK(0.15 / e == Approx(0.375));
  StatusRule ratio{StatusRuleKind::ratio, 0.1, 0.7, 0.4};
  CHECK(status_of(0.15, e, ratio) == Status::at_risk);
  CHECK(status_of(0.20, e, ratio) == Status::behind);    // 0.5
  CHECK(status_of(0.30, e, ratio) == Status::on_track);  // 0.75
  // the tolerance rule on the same numbers: 0.15 < 0.4 - 2 * 0.1
  CHECK(status_of(0.15, e) == Status::off_track);
}

TEST_CASE("tolerance rule: done, on track, at risk, off track; past due") {
  CHECK(status_of(1.0, 0.5) == Status::done);
  CHECK(status_of(0.45, 0.5) == Status::on_track);  // >= 0.4
  CHECK(status_of(0.40, 0.5) == Status::on_track);
  CHECK(status_of(0.35, 0.5) == Status::at_risk);  // >= 0.3
  CHECK(status_of(0.25, 0.5) == Status::off_track);
  StatusRule wide{StatusRuleKind::tolerance, 0.2};
  CHECK(status_of(0.25, 0.5, wide) == Status::at_risk);
  CHECK(status_of(0.9, 1.0, {}, true) == Status::off_track);  // past due, not done
  CHECK(status_of(1.1, 1.0, {}, true) == Status::done);
  CHECK(status_of(nan_value, 0.5) == Status::no_data);
}

TEST_CASE("committed vs aspirational expectations") {
  const double asp = success_level(ObjectiveType::aspirational);
  CHECK(asp == 0.7);
  CHECK(success_level(ObjectiveType::committed) == 1.0);
  // mid-cycle e = 0.5: committed expects 0.5, aspirational 0.35
  CHECK(status_of(0.3, 0.5) == Status::at_risk);
  CHECK(status_of(0.3, 0.5, {}, false, asp) == Status::on_track);  // 0.3 >= 0.35 - 0.1
  // after the due date, 0.7 is success for an aspirational KR
  CHECK(status_of(0.72, 1.0, {}, true, asp) == Status::done);
  CHECK(status_of(0.72, 1.0, {}, true) == Status::off_track);
}

TEST_CASE("forecast-based status and weakest child") {
  CHECK(forecast_status(1.05) == Status::on_track);
  CHECK(forecast_status(0.95) == Status::on_track);
  CHECK(forecast_status(0.85) == Status::at_risk);
  CHECK(forecast_status(0.6) == Status::off_track);
  CHECK(forecast_status(nan_value) == Status::no_data);
  CHECK(weakest({Status::on_track, Status::at_risk, Status::done}) == Status::at_risk);
  CHECK(weakest({Status::no_data, Status::done}) == Status::done);
  CHECK(weakest({Status::no_data}) == Status::no_data);
  CHECK(weakest({}) == Status::no_data);
}

TEST_CASE("KPI health from thresholds") {
  // response time <= 2 h green, <= 3 h yellow, else red
  Target rt;
  rt.kind = TargetKind::at_most;
  rt.target = 2;
  Thresholds th{2.0, 3.0};
  CHECK(kpi_health(rt, th, 1.5) == Health::green);
  CHECK(kpi_health(rt, th, 2.0) == Health::green);
  CHECK(kpi_health(rt, th, 2.5) == Health::yellow);
  CHECK(kpi_health(rt, th, 3.5) == Health::red);
  // first-contact resolution >= 85 green, >= 75 yellow
  Target fcr;
  fcr.kind = TargetKind::at_least;
  fcr.target = 85;
  CHECK(kpi_health(fcr, {std::nullopt, 75.0}, 86) == Health::green);  // green = target
  CHECK(kpi_health(fcr, {std::nullopt, 75.0}, 80) == Health::yellow);
  CHECK(kpi_health(fcr, {std::nullopt, 75.0}, 70) == Health::red);
  CHECK(kpi_health(fcr, {}, 80) == Health::red);  // no yellow band
  Target band;
  band.kind = TargetKind::range;
  band.lo = 20;
  band.hi = 30;
  CHECK(kpi_health(band, {std::nullopt, 5.0}, 25) == Health::green);
  CHECK(kpi_health(band, {std::nullopt, 5.0}, 34) == Health::yellow);
  CHECK(kpi_health(band, {std::nullopt, 5.0}, 36) == Health::red);
  Diagnostics d;
  CHECK(kpi_health(rt, th, nan_value, &d) == Health::none);
  CHECK_FALSE(d.empty());
}
