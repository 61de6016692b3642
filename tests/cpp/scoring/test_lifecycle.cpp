// Tests of the OKR cycle (docs/lifecycle.md): states and close-out, health
// precedence, the two-gap pace signal, KPI default thresholds and the cycle
// score. Every expected number is worked by hand in the comments.
//
// Cycle Q2 2025 runs 2025-04-01 .. 2025-06-30: 90 days from start to end, so
// on the as-of date 2025-05-16 (day 45) a linear plan expects 45 / 90 = 0.5.
#include <catch2/catch.hpp>

#include <okrkit/io/model_io.hpp>
#include <okrkit/model/validate.hpp>
#include <okrkit/scoring/scorecard.hpp>
#include <okrkit/scoring/status.hpp>

#include <cmath>
#include <string>

using namespace okrkit;

namespace {

const Date kAsOf(2025, 5, 16);

bool has_code(const std::vector<Diagnostic>& ds, const std::string& code) {
  for (const auto& d : ds)
    if (d.code == code) return true;
  return false;
}

Target increase(double b, double t) {
  Target x;
  x.kind = TargetKind::increase;
  x.baseline = b;
  x.target = t;
  return x;
}

CheckIn checkin(Date d, std::optional<double> v, std::optional<CheckInStatus> s = std::nullopt) {
  CheckIn c;
  c.date = d;
  c.value = v;
  c.status = s;
  return c;
}

// One unit, one cycle, objective "o" with key results added by the tests:
// KR values are 0 -> 100 targets, so progress = value / 100.
struct Fixture {
  Model m;
  SeriesStore s;
  Fixture() {
    m.units.push_back({"acme", "Acme", "", "company"});
    Cycle c;
    c.id = "q2";
    c.start = Date(2025, 4, 1);
    c.end = Date(2025, 6, 30);
    m.cycles.push_back(c);
    add_objective("o");
    s.finalize();
  }
  Objective& add_objective(const std::string& id, double w = 1.0) {
    Objective o;
    o.id = id;
    o.unit = "acme";
    o.cycle = "q2";
    o.weight = w;
    m.objectives.push_back(o);
    return m.objectives.back();
  }
  KeyResult& add_kr(const std::string& id, double value, const std::string& obj = "o") {
    KeyResult k;
    k.id = id;
    k.objective = obj;
    k.target = increase(0, 100);
    k.checkins.push_back(checkin(Date(2025, 5, 1), value));
    m.key_results.push_back(k);
    return m.key_results.back();
  }
  Scorecard run(EvaluateOptions o = {}, Date at = kAsOf) { return evaluate(m, s, at, o); }
};

EvaluateOptions gap_rule() {
  EvaluateOptions o;
  o.status_rule.kind = StatusRuleKind::gap;
  return o;
}

}  // namespace

TEST_CASE("gap rule: amber above 10 points behind, red above 25, independent limits") {
  StatusRule r;
  r.kind = StatusRuleKind::gap;
  // expected 0.5: 25 points behind (p 0.25) is amber, 26 (p 0.24) red
  CHECK(status_of(0.25, 0.5, r) == Status::at_risk);
  CHECK(status_of(0.24, 0.5, r) == Status::off_track);
  // 10 points behind is still green, 11 amber
  CHECK(status_of(0.40, 0.5, r) == Status::on_track);
  CHECK(status_of(0.39, 0.5, r) == Status::at_risk);
  // 0.60 - 0.35 = 25 points (0.24999999999999994 in binary): amber, not red
  CHECK(status_of(0.35, 0.60, r) == Status::at_risk);
  // ahead of plan: green
  CHECK(status_of(0.9, 0.5, r) == Status::on_track);
  // the old tolerance rule (tol 0.1, red beyond 2 x tol = 20 points) says red
  // for the same 25 points: it stays available and is still the default
  CHECK(status_of(0.25, 0.5, StatusRule{}) == Status::off_track);
  CHECK(StatusRule{}.kind == StatusRuleKind::tolerance);
  // independent limits: amber above 5, red above 8 (not 2 x 5 = 10)
  r.pace_amber_gap = 5;
  r.pace_red_gap = 8;
  CHECK(status_of(0.43, 0.5, r) == Status::at_risk);    // 7 points
  CHECK(status_of(0.41, 0.5, r) == Status::off_track);  // 9 points
}

TEST_CASE("gap rule: absolute signal when expected progress is unknown") {
  StatusRule r;
  r.kind = StatusRuleKind::gap;
  CHECK(status_of(0.75, nan_value, r) == Status::on_track);  // green from 75 %
  CHECK(status_of(0.74, nan_value, r) == Status::at_risk);
  CHECK(status_of(0.50, nan_value, r) == Status::at_risk);
  CHECK(status_of(0.49, nan_value, r) == Status::off_track);  // red below 50 %
  // the other rules keep no_data
  CHECK(status_of(0.9, nan_value, StatusRule{}) == Status::no_data);
}

TEST_CASE("gap rule in evaluate(): status and reason") {
  Fixture f;
  f.add_kr("kr25", 25);  // p 0.25, expected 0.5: 25 points behind
  f.add_kr("kr24", 24);  // 26 points behind
  const Scorecard sc = f.run(gap_rule());
  const NodeScore* a = sc.find("kr25");
  REQUIRE(a);
  CHECK(a->expected == Approx(0.5));
  CHECK(a->status == Status::at_risk);
  CHECK(a->reason ==
        "progress 0.25 is 25 points behind the expectation 0.50: amber above 10, red above 25 "
        "points");
  CHECK(sc.find("kr24")->status == Status::off_track);
  CHECK(sc.find("kr24")->reason ==
        "progress 0.24 is 26 points behind the expectation 0.50: red above 25 points");
}

TEST_CASE("health: reported check-in status within the window, else the computed status") {
  Fixture f;
  // value 50 (on track by the numbers) but the owner reported caution 6 days ago
  f.add_kr("recent", 50)
      .checkins.push_back(checkin(Date(2025, 5, 10), std::nullopt, CheckInStatus::caution));
  // a report 26 days old (window 14): the computed status decides
  f.add_kr("stale", 50)
      .checkins.push_back(checkin(Date(2025, 4, 20), std::nullopt, CheckInStatus::off_track));
  const Scorecard sc = f.run();
  const NodeScore* r = sc.find("recent");
  CHECK(r->status == Status::on_track);  // the computed status stays beside the health
  CHECK(r->health == Health::caution);
  CHECK(r->health_reason == "reported caution on 2025-05-10 (check-in window 14 days)");
  const NodeScore* s = sc.find("stale");
  CHECK(s->health == Health::on_track);
  CHECK(s->health_reason ==
        "computed (the status reported on 2025-04-20 is older than 14 days): " + s->reason);
  // a 30-day window takes the old report
  EvaluateOptions o;
  o.checkin_window_days = 30;
  CHECK(f.run(o).find("stale")->health == Health::off_track);
}

TEST_CASE("health: outdated past the grace period, pending without data") {
  Fixture f;
  f.add_kr("due12", 50).due = Date(2025, 5, 12);  // 4 days past due on 05-16 > 3
  f.add_kr("due13", 50).due = Date(2025, 5, 13);  // 3 days: inside the grace period
  // an objective without a cycle, its KR without dates and data: pending
  Objective& loose = f.add_objective("loose");
  loose.cycle = "";
  KeyResult k;
  k.id = "nodata";
  k.objective = "loose";
  k.target = increase(0, 100);
  f.m.key_results.push_back(k);
  const Scorecard sc = f.run();
  CHECK(sc.find("due12")->health == Health::outdated);
  CHECK(sc.find("due12")->health_reason ==
        "outdated: due 2025-05-12, 4 days ago (grace period 3 days) and not closed: close it as "
        "achieved, missed or abandoned");
  // past due without reaching the target: status off_track, and the health
  // follows it while the grace period lasts
  CHECK(sc.find("due13")->status == Status::off_track);
  CHECK(sc.find("due13")->health == Health::off_track);
  CHECK(sc.find("nodata")->health == Health::pending);
  CHECK(sc.find("nodata")->health_reason == "pending: no due date and no data");
  // grace_days = 5: due12 is back to its computed status
  EvaluateOptions o;
  o.grace_days = 5;
  CHECK(f.run(o).find("due12")->health == Health::off_track);
}

TEST_CASE("closed key results keep their final score regardless of later data") {
  Fixture f;
  KeyResult& a = f.add_kr("won", 40);
  a.checkins.push_back(checkin(Date(2025, 5, 10), 10));  // after the closing: ignored
  a.state = NodeState::achieved;
  a.close.closed_on = Date(2025, 5, 5);
  a.close.final_score = 0.9;
  // closed without final_score: scored at closed_on 05-05 from the check-in
  // of 05-01 (40 -> 0.4), not from the later 90 of 05-10
  KeyResult& b = f.add_kr("lost", 40);
  b.checkins.push_back(checkin(Date(2025, 5, 10), 90));
  b.state = NodeState::missed;
  b.close.closed_on = Date(2025, 5, 5);
  const Scorecard sc = f.run();
  const NodeScore* w = sc.find("won");
  CHECK(w->attainment == 0.9);
  CHECK(w->score_source == Provenance::overridden);
  CHECK(w->health == Health::achieved);
  CHECK(w->health_reason == "achieved on 2025-05-05: closed, final score 0.90");
  CHECK(w->reason ==
        "achieved on 2025-05-05: final score 0.90 frozen at closing (below the "
        "success level 1.00)");
  const NodeScore* l = sc.find("lost");
  CHECK(l->value == 40);
  CHECK(l->attainment == Approx(0.4));
  CHECK(l->health == Health::missed);
  CHECK(l->status == Status::off_track);
  CHECK(has_code(l->diagnostics, "final-score-computed"));
  // the objective: (0.9 + 0.4) / 2 = 0.65
  CHECK(sc.find("o")->attainment == Approx(0.65));
  // before the closing day the KR was still open: value 40 on 05-01 -> 0.4,
  // expected at 04-30 (day 29 of 90) 0.3222, on track
  const Scorecard before = f.run({}, Date(2025, 4, 30));
  CHECK(std::isnan(before.find("won")->attainment));  // no check-in yet on 04-30
  CHECK(before.find("won")->health == Health::pending);
}

TEST_CASE("abandoned key results are left out of roll-ups by default, or count as zero") {
  Fixture f;
  f.add_kr("keep", 50);  // 0.5
  KeyResult& g = f.add_kr("gone", 90);
  g.state = NodeState::abandoned;
  g.close.closed_on = Date(2025, 5, 2);
  g.close.note = "market closed";
  const Scorecard ex = f.run();
  CHECK(ex.find("o")->attainment == Approx(0.5));  // only "keep"
  CHECK(has_code(ex.find("o")->diagnostics, "abandoned-excluded"));
  CHECK(ex.find("gone")->health == Health::abandoned);
  CHECK(ex.find("gone")->attainment == Approx(0.9));  // its own (computed) score stays shown
  EvaluateOptions z;
  z.abandoned = AbandonedPolicy::zero;
  const Scorecard zs = f.run(z);
  CHECK(zs.find("o")->attainment == Approx(0.25));  // (0.5 + 0) / 2
  CHECK(has_code(zs.find("o")->diagnostics, "abandoned-zero"));
}

TEST_CASE("cycle score: weighted mean of the cycle's objectives, null with a reason") {
  Fixture f;
  f.add_kr("a", 50);           // o = 0.5, weight 1
  f.add_objective("o2", 3.0);  // o2 = 0.8, weight 3
  f.add_kr("b", 80, "o2");
  Cycle empty;
  empty.id = "q3";
  empty.start = Date(2025, 7, 1);
  empty.end = Date(2025, 9, 30);
  f.m.cycles.push_back(empty);
  const Scorecard sc = f.run();
  REQUIRE(sc.cycles.size() == 2);
  const CycleScore* q2 = sc.cycle_score();  // the cycle containing 2025-05-16
  REQUIRE(q2);
  CHECK(q2->id == "q2");
  CHECK(q2->score == Approx((1 * 0.5 + 3 * 0.8) / 4));  // 0.725
  CHECK(q2->reason == "weighted mean of 2 of 2 objectives' scores");
  const CycleScore* q3 = sc.cycle_score("q3");
  REQUIRE(q3);
  CHECK(std::isnan(q3->score));
  CHECK(q3->reason == "not scored: the cycle has no objectives");
  CHECK(sc.cycle_score("nope") == nullptr);
}

TEST_CASE("KPI default thresholds: achievement >= 90 % green, >= 70 % yellow") {
  Fixture f;
  auto kpi = [&](const std::string& id, double v) -> Kpi& {
    Kpi k;
    k.id = id;
    k.target = increase(0, 100);
    k.value_override = v;
    f.m.kpis.push_back(k);
    return f.m.kpis.back();
  };
  kpi("k92", 92);
  kpi("k80", 80);
  kpi("k60", 60);
  kpi("own", 92).thresholds.green = 100;  // own thresholds: 92 < 100 and no yellow -> red
  const Scorecard sc = f.run();
  CHECK(sc.find("k92")->health == Health::green);
  CHECK(sc.find("k92")->reason ==
        "value 92: health green by the default thresholds (achievement 0.92; green from 0.90, "
        "yellow from 0.70)");
  CHECK(sc.find("k80")->health == Health::yellow);
  CHECK(sc.find("k60")->health == Health::red);
  CHECK(sc.find("own")->health == Health::red);
  CHECK(sc.find("own")->reason == "value 92: health red by the thresholds");
}

TEST_CASE("range KPI: separate yellow limits below and above the band") {
  Target t;
  t.kind = TargetKind::range;
  t.lo = 10;
  t.hi = 20;
  Thresholds th;
  th.yellow_below = 2;
  th.yellow_above = 5;
  CHECK(kpi_health(t, th, 15) == Health::green);
  CHECK(kpi_health(t, th, 9) == Health::yellow);   // 1 below
  CHECK(kpi_health(t, th, 7) == Health::red);      // 3 below > 2
  CHECK(kpi_health(t, th, 24) == Health::yellow);  // 4 above <= 5
  CHECK(kpi_health(t, th, 26) == Health::red);     // 6 above
  th.yellow_below.reset();
  th.yellow = 4;  // the shared limit where a side has none
  CHECK(kpi_health(t, th, 7) == Health::yellow);
}

TEST_CASE("validate(): close-out fields must fit the state") {
  Fixture f;
  KeyResult& a = f.add_kr("a", 10);
  a.state = NodeState::achieved;  // no closed_on
  KeyResult& b = f.add_kr("b", 10);
  b.state = NodeState::missed;
  b.close.closed_on = Date(2025, 5, 1);
  b.close.final_score = 1.5;
  KeyResult& c = f.add_kr("c", 10);
  c.close.closed_on = Date(2025, 5, 1);  // active
  const auto ds = validate(f.m);
  auto find = [&](const std::string& node, const std::string& code) -> const Diagnostic* {
    for (const auto& d : ds)
      if (d.where.node == node && d.code == code) return &d;
    return nullptr;
  };
  REQUIRE(find("a", "missing-field"));
  CHECK(find("a", "missing-field")->message ==
        "state 'achieved' needs closed_on (the closing date, YYYY-MM-DD); set it or set state "
        "'active'");
  REQUIRE(find("b", "bad-final-score"));
  CHECK(find("b", "bad-final-score")->message == "final_score must be a score in [0, 1] (got 1.5)");
  REQUIRE(find("c", "bad-close-out"));
}

// examples/lifecycle.json, worked in docs/lifecycle.md "Worked example".
TEST_CASE("the lifecycle example: closed quarter, reported caution, abandoned KR") {
  const Model m = load_model(std::string(OKRKIT_EXAMPLES_DIR) + "/lifecycle.json");
  SeriesStore s;
  s.finalize();
  const Date at(2025, 5, 16);
  const Scorecard sc = evaluate(m, s, at);
  CHECK(sc.find("o-q1")->attainment == 0.8);
  CHECK(sc.find("o-q1")->health == Health::achieved);
  CHECK(sc.cycle_score("q1-2025")->score == 0.8);
  CHECK(sc.cycle_score("q1-2025")->state == CycleState::closed);
  const NodeScore* rev = sc.find("kr-revenue");
  CHECK(rev->progress == Approx(0.25));     // (125 - 100) / 100
  CHECK(rev->expected == Approx(0.5));      // day 45 of 90
  CHECK(rev->status == Status::off_track);  // tolerance rule: 25 > 2 x 10 points
  CHECK(rev->health == Health::caution);
  CHECK(sc.find("kr-partners")->attainment == Approx(0.1));
  CHECK(sc.find("o-q2")->attainment == Approx(0.25));
  CHECK(sc.cycle_score()->id == "q2-2025");
  CHECK(sc.cycle_score()->score == Approx(0.25));
  EvaluateOptions o;
  o.status_rule.kind = StatusRuleKind::gap;
  o.abandoned = AbandonedPolicy::zero;
  const Scorecard g = evaluate(m, s, at, o);
  CHECK(g.find("kr-revenue")->status == Status::at_risk);  // 25 points: amber
  CHECK(g.find("o-q2")->attainment == Approx(0.125));      // (0.25 + 0) / 2
}

TEST_CASE("model JSON round-trips the lifecycle fields") {
  const Model m = load_model(std::string(OKRKIT_EXAMPLES_DIR) + "/lifecycle.json");
  const std::string once = dump_model(m);
  const Model again = parse_model(once, "again.json");
  CHECK(dump_model(again) == once);
  CHECK(again.cycles[0].state == CycleState::closed);
  const KeyResult& p = again.key_results[2];
  CHECK(p.state == NodeState::abandoned);
  CHECK(p.close.closed_on == Date(2025, 5, 2));
  CHECK(!p.close.final_score);
  CHECK(p.close.note == "partner programme paused");
  CHECK(again.key_results[1].checkins[1].status == CheckInStatus::caution);
  CHECK(again.objectives[0].close.final_score == 0.8);
  Model k;
  Kpi x;
  x.id = "band";
  x.target.kind = TargetKind::range;
  x.target.lo = 1;
  x.target.hi = 2;
  x.thresholds.yellow_below = 0.5;
  x.thresholds.yellow_above = 0.25;
  k.kpis.push_back(x);
  const Model k2 = parse_model(dump_model(k), "k.json");
  CHECK(k2.kpis[0].thresholds.yellow_below == 0.5);
  CHECK(k2.kpis[0].thresholds.yellow_above == 0.25);
}

TEST_CASE("a unit's score covers the cycles of the as-of date, never two quarters mixed") {
  // acme has q1 (01-01 .. 03-31) with objective "old" (KR z = 100 from
  // 03-01: score 1.0) and q2 with objective "o" (KR a = 40 from 05-01: 0.4).
  Fixture f;
  f.add_kr("a", 40);
  Cycle q1;
  q1.id = "q1";
  q1.start = Date(2025, 1, 1);
  q1.end = Date(2025, 3, 31);
  f.m.cycles.push_back(q1);
  f.add_objective("old").cycle = "q1";
  KeyResult& z = f.add_kr("z", 100, "old");
  z.checkins.front().date = Date(2025, 3, 1);
  auto unit_at = [&](Date d) { return *f.run({}, d).find("acme"); };
  auto diag = [](const NodeScore& n) {
    for (const auto& d : n.diagnostics)
      if (d.code == "other-cycles") return d.message;
    return std::string();
  };
  // In q2: only "o" counts (0.4), "old" is left out and the unit says so.
  const NodeScore in_q2 = unit_at(kAsOf);
  CHECK(in_q2.attainment == Approx(0.4));
  CHECK(diag(in_q2) ==
        "1 objective of other cycles left out: the unit's score covers the cycle q2 (the "
        "cycles of the as-of date; score at a date inside another cycle to see its objectives)");
  // In q1: only "old" counts (1.0); q2's objective is still to come.
  const NodeScore in_q1 = unit_at(Date(2025, 3, 20));
  CHECK(in_q1.attainment == Approx(1.0));
  CHECK(diag(in_q1).rfind("1 objective of other cycles left out: the unit's score covers the "
                          "cycle q1 ",
                          0) == 0);
  // After q2 ended, with no later cycle: the cycle that ended last, q2 (0.4).
  const NodeScore after = unit_at(Date(2025, 7, 10));
  CHECK(after.attainment == Approx(0.4));
  CHECK(diag(after).find("covers the cycle q2 ") != std::string::npos);
  // The objectives' own rows are scored as always.
  const Scorecard sc = f.run();
  CHECK(sc.find("old")->attainment == Approx(1.0));
}
