// Tests of grade.hpp: hand-worked values and the issue-3 acceptance examples.
#include <catch2/catch.hpp>

#include <okrkit/scoring/grade.hpp>

#include <cmath>

using namespace okrkit;

TEST_CASE("Google bands: red < 0.4 <= yellow < 0.7 <= green") {
  CHECK(google_band(0.0) == Band::red);
  CHECK(google_band(0.39) == Band::red);
  CHECK(google_band(0.4) == Band::yellow);
  CHECK(google_band(0.69) == Band::yellow);
  CHECK(google_band(0.7) == Band::green);
  CHECK(google_band(1.0) == Band::green);
  CHECK_FALSE(google_band(nan_value).has_value());
  CHECK(to_percent(0.615) == Approx(61.5));
}

TEST_CASE("acceptance: 0-10 goal/red-flag scale, goal 700, red flag 500") {
  // 10 (v - 300) / 600: 0 at 300, 3.33 at 500, 6.67 at 700, 10 at 900
  CHECK(goal_red_flag_score(300, 700, 500) == Approx(0.0).margin(1e-12));
  CHECK(goal_red_flag_score(500, 700, 500) == Approx(10.0 / 3.0));
  CHECK(goal_red_flag_score(500, 700, 500) == Approx(3.33).margin(0.005));
  CHECK(goal_red_flag_score(700, 700, 500) == Approx(20.0 / 3.0));
  CHECK(goal_red_flag_score(700, 700, 500) == Approx(6.67).margin(0.005));
  CHECK(goal_red_flag_score(900, 700, 500) == Approx(10.0));
  CHECK(goal_red_flag_score(600, 700, 500) == Approx(5.0));  // 10 * 300 / 600
  for (double v = 300; v <= 900; v += 37.5)
    CHECK(goal_red_flag_score(v, 700, 500) == Approx(10.0 * (v - 300) / 600).margin(1e-12));
  CHECK(goal_red_flag_score(200, 700, 500) == 0.0);    // clamped
  CHECK(goal_red_flag_score(1200, 700, 500) == 10.0);  // clamped
}

TEST_CASE("acceptance: goal < red flag means lower is better") {
  // response time: goal 2 h, red flag 4 h -> 0 at 6 h, 10 at 0 h
  CHECK(goal_red_flag_score(2, 2, 4) == Approx(20.0 / 3.0));
  CHECK(goal_red_flag_score(4, 2, 4) == Approx(10.0 / 3.0));
  CHECK(goal_red_flag_score(6, 2, 4) == Approx(0.0).margin(1e-12));
  CHECK(goal_red_flag_score(0, 2, 4) == Approx(10.0));
  CHECK(goal_red_flag_score(1, 2, 4) > goal_red_flag_score(3, 2, 4));
  Diagnostics d;
  CHECK(std::isnan(goal_red_flag_score(1, 2, 2, &d)));
  CHECK(d.at(0).code == "empty-scale");
}

TEST_CASE("rating bands 1-5") {
  auto s = RatingScale::one_to_five();
  CHECK(s.rate(0.0)->rating == 1);
  CHECK(s.rate(0.19)->rating == 1);
  CHECK(s.rate(0.2)->rating == 2);
  CHECK(s.rate(0.55)->rating == 3);
  CHECK(s.rate(0.79)->rating == 4);
  CHECK(s.rate(1.1)->rating == 5);
  CHECK_FALSE(s.rate(nan_value).has_value());
  RatingScale custom{{{90, 3, "A"}, {0, 1, "C"}, {70, 2, "B"}}};  // any order
  CHECK(custom.rate(75)->label == "B");
  CHECK(custom.rate(95)->label == "A");
  CHECK_FALSE(custom.rate(-1).has_value());
}

TEST_CASE("acceptance: evaluation rules, first match wins") {
  // "above target if v >= t; caution if v >= 0.9 t; else below plan", t = 100
  std::vector<EvaluationRule> rules{{Comparison::ge, 1.0, 0.0, "above target"},
                                    {Comparison::ge, 0.9, 0.0, "caution"},
                                    {Comparison::always, 0, 0, "below plan"}};
  CHECK(evaluate_rules(rules, 100, 100) == "above target");
  CHECK(evaluate_rules(rules, 95, 100) == "caution");
  CHECK(evaluate_rules(rules, 80, 100) == "below plan");
  CHECK(evaluate_rules(rules, 90, 100) == "caution");  // edge included
  // order matters: the catch-all first wins everything
  std::vector<EvaluationRule> reversed{rules[2], rules[0], rules[1]};
  CHECK(evaluate_rules(reversed, 100, 100) == "below plan");
  Diagnostics d;
  CHECK_FALSE(evaluate_rules(rules, nan_value, 100, &d).has_value());
  CHECK_FALSE(d.empty());
}

TEST_CASE("threshold kinds graded over periods: latest, average, worst") {
  Target tg;
  tg.kind = TargetKind::at_least;
  tg.target = 85;
  tg.floor = 75;  // progress (v - 75) / 10 below 85
  const std::vector<double> months{90, 80, nan_value, 83};
  Diagnostics d;
  auto latest = grade_over_periods(tg, months, GradeOver::latest, &d);
  CHECK(latest.progress == Approx(0.8));  // (83 - 75) / 10
  CHECK(latest.value == 83);
  CHECK(latest.incomplete);
  auto avg = grade_over_periods(tg, months, GradeOver::average);
  CHECK(avg.progress == Approx((1.0 + 0.5 + 0.8) / 3));
  CHECK(avg.value == Approx((90.0 + 80 + 83) / 3));
  auto worst = grade_over_periods(tg, months, GradeOver::worst);
  CHECK(worst.progress == Approx(0.5));
  CHECK(worst.value == 80);
  CHECK(worst.periods == 3);
  // a range KPI too high one month and too low the next is not perfect on average
  Target r;
  r.kind = TargetKind::range;
  r.lo = 20;
  r.hi = 30;
  CHECK(grade_over_periods(r, {35, 15}, GradeOver::average).progress == Approx(0.5));
  d.clear();
  auto none = grade_over_periods(tg, {nan_value}, GradeOver::worst, &d);
  CHECK(std::isnan(none.progress));
  CHECK_FALSE(d.empty());
}
