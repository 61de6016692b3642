// Tests of scorecard.hpp / evaluate(). The example company below is worked by
// hand in the comments (every expected number is derived there, not printed
// by the code). Cycle Q2 2025 runs 2025-04-01 .. 2025-06-30 (90 days from
// start to end), so on the as-of date 2025-05-16 (day 45) a linear plan
// expects 45 / 90 = 0.5.
#include <catch2/catch.hpp>

#include <okrkit/io/measurements_io.hpp>
#include <okrkit/scoring/scorecard.hpp>

#include <cmath>
#include <cstring>
#include <thread>

#include "generated_org.hpp"

using namespace okrkit;

namespace {

const Date kAsOf(2025, 5, 16);

Target tgt(TargetKind k, std::optional<double> b, std::optional<double> t) {
  Target x;
  x.kind = k;
  x.baseline = b;
  x.target = t;
  return x;
}

KeyResult kr(std::string id, std::string obj, Target t, double w = 1.0) {
  KeyResult k;
  k.id = std::move(id);
  k.objective = std::move(obj);
  k.target = std::move(t);
  k.weight = w;
  return k;
}

Objective objective(std::string id, std::string unit,
                    ObjectiveType type = ObjectiveType::committed) {
  Objective o;
  o.id = std::move(id);
  o.unit = std::move(unit);
  o.cycle = "2025-Q2";
  o.type = type;
  return o;
}

// The example company (see the file comment for dates):
//  O1 acme, committed, financial: KR1 revenue 100 -> 200 (w 2), measured 150 on
//     05-15 (a later 170 on 05-20 is after as_of) -> p 0.5; KR2 churn 10 -> 5,
//     check-ins 8 (05-01, conf .6) and 7.5 (05-10, conf .7) -> p 0.5;
//     KR3 team sales total 0 -> 3 cascaded from KR4 whose value is 4 -> p 4/3,
//     a 1 (done); O2 aligned with weight 1 (score 0.5).
//     O1 = (2*.5 + .5 + 1 + .5) / 5 = 0.6, expected 0.5 -> on track.
//  O2 sales, aspirational: KR4 deals 0 -> 8, value entered by hand 4 -> 0.5.
//     expected 0.7 * 0.5 = 0.35 -> on track.
//  O3 support, committed, customer, min roll-up: KR5 response time <= 2 h,
//     measured 3 h, default ceiling 4 h -> (4 - 3) / (4 - 2) = 0.5; KR6 help
//     centre: 1 of 4 milestones -> 0.25; KR7 no data (left out, incomplete).
//     O3 = min(0.5, 0.25) = 0.25 < 0.5 - 2 * 0.1 -> off track.
//  K1 fcr >= 85, floor 75, measured 80 -> 0.5; thresholds 85 / 75 -> yellow.
//  K2 nps >= 50 by the ratio method, measured 40 -> 0.8; green = target -> red.
//  C1 great support: K1 w 1, K2 w 3 -> (0.5 + 2.4) / 4 = 0.725 -> green.
//  Units (perspectives financial 0.6, customer 0.4):
//   acme: O1 only -> 0.6; sales: O2 only (no perspective) -> 0.5;
//   support: customer {O3 .25, K1 .5} -> 0.375, financial {K2 .8} ->
//   (0.6 * 0.8 + 0.4 * 0.375) / 1.0 = 0.63, incomplete (O3 is).
struct Example {
  Model m;
  SeriesStore s;
  Example() {
    m.name = "example";
    m.cycles.push_back({"2025-Q2", "2025-Q2", Date(2025, 4, 1), Date(2025, 6, 30)});
    m.units = {{"acme", "Acme", "", "company"},
               {"sales", "Sales", "acme", "team"},
               {"support", "Support", "acme", "team"}};
    m.perspectives = {{"financial", "Financial", 0.6}, {"customer", "Customer", 0.4}};
    auto o1 = objective("O1", "acme");
    o1.perspective = "financial";
    auto o2 = objective("O2", "sales", ObjectiveType::aspirational);
    o2.aligns_to.push_back({"O1", 1.0});
    auto o3 = objective("O3", "support");
    o3.perspective = "customer";
    o3.rollup = RollupMethod::min;
    m.objectives = {o1, o2, o3};

    auto k1 = kr("KR1", "O1", tgt(TargetKind::increase, 100, 200), 2.0);
    k1.series = "revenue";
    auto k2 = kr("KR2", "O1", tgt(TargetKind::decrease, 10, 5));
    k2.checkins = {{Date(2025, 5, 1), 8.0, 0.6, "slow"},
                   {Date(2025, 5, 10), 7.5, 0.7, "better"},
                   {Date(2025, 5, 20), 6.0, 0.9, "future"}};
    auto k3 = kr("KR3", "O1", tgt(TargetKind::increase, 0, 3));
    k3.cascade_from = {"KR4"};
    auto k4 = kr("KR4", "O2", tgt(TargetKind::increase, 0, 8));
    k4.value_override = 4.0;
    auto k5 = kr("KR5", "O3", tgt(TargetKind::at_most, std::nullopt, 2));
    k5.series = "resp";
    auto k6 = kr("KR6", "O3", tgt(TargetKind::milestone, std::nullopt, std::nullopt));
    k6.target.milestones = {{"a", 1, true}, {"b", 1, false}, {"c", 1, false}, {"d", 1, false}};
    auto k7 = kr("KR7", "O3", tgt(TargetKind::increase, 0, 10));
    k7.series = "nothing";
    m.key_results = {k1, k2, k3, k4, k5, k6, k7};

    Kpi f;
    f.id = "K1";
    f.unit = "support";
    f.perspective = "customer";
    f.target = tgt(TargetKind::at_least, std::nullopt, 85);
    f.target.floor = 75;
    f.thresholds = {85.0, 75.0};
    f.series = "fcr";
    Kpi n;
    n.id = "K2";
    n.unit = "support";
    n.perspective = "financial";
    n.target = tgt(TargetKind::at_least, std::nullopt, 50);
    n.target.method = ProgressMethod::ratio;
    n.series = "nps";
    m.kpis = {f, n};
    Csf c;
    c.id = "C1";
    c.unit = "support";
    c.measured_by = {{"K1", 1.0}, {"K2", 3.0}};
    m.csfs = {c};

    s.add("revenue", Date(2025, 4, 30), 130);
    s.add("revenue", Date(2025, 5, 20), 170);
    s.add("revenue", Date(2025, 5, 15), 150);
    s.add("revenue", Date(2025, 5, 16), SeriesStore::missing);  // a gap on as_of: skipped
    s.add("resp", Date(2025, 5, 1), 3.0);
    s.add("fcr", Date(2025, 5, 2), 80);
    s.add("nps", Date(2025, 5, 3), 40);
    s.finalize();
  }
};

}  // namespace

TEST_CASE("acceptance: the example company scored at its as-of date") {
  Example ex;
  const Scorecard sc = evaluate(ex.m, ex.s, kAsOf);
  REQUIRE(sc.nodes.size() == 7 + 2 + 3 + 1 + 3);
  auto at = [&](const char* id) -> const NodeScore& {
    const NodeScore* n = sc.find(id);
    REQUIRE(n);
    return *n;
  };
  const auto& kr1 = at("KR1");
  CHECK(kr1.value == 150);
  CHECK(kr1.value_source == Provenance::measured);
  CHECK(kr1.value_date == Date(2025, 5, 15));
  CHECK(kr1.progress == Approx(0.5));
  CHECK(kr1.expected == Approx(0.5));
  CHECK(kr1.status == Status::on_track);
  CHECK(kr1.score_source == Provenance::computed);
  const auto& kr2 = at("KR2");
  CHECK(kr2.value == 7.5);
  CHECK(kr2.value_source == Provenance::checked_in);
  CHECK(kr2.confidence == 0.7);
  CHECK(kr2.progress == Approx(0.5));
  const auto& kr3 = at("KR3");
  CHECK(kr3.value == 4);
  CHECK(kr3.value_source == Provenance::computed);
  CHECK(kr3.progress == Approx(4.0 / 3.0));
  CHECK(kr3.attainment == 1.0);
  CHECK(kr3.status == Status::done);
  CHECK(at("KR4").value_source == Provenance::overridden);
  CHECK(at("KR5").progress == Approx(0.5));
  CHECK(at("KR6").progress == Approx(0.25));
  const auto& kr7 = at("KR7");
  CHECK(std::isnan(kr7.attainment));
  CHECK(kr7.status == Status::no_data);
  REQUIRE_FALSE(kr7.diagnostics.empty());
  CHECK(kr7.diagnostics[0].code == "missing-value");
  CHECK(kr7.diagnostics[0].where.node == "KR7");

  const auto& o1 = at("O1");
  CHECK(o1.attainment == Approx(0.6));
  CHECK(o1.score_source == Provenance::rolled_up);
  CHECK(o1.expected == Approx(0.5));
  CHECK(o1.status == Status::on_track);
  CHECK(o1.band == Band::yellow);
  CHECK_FALSE(o1.incomplete);
  const auto& o2 = at("O2");
  CHECK(o2.attainment == Approx(0.5));
  CHECK(o2.parent == "O1");
  CHECK(o2.status == Status::on_track);
  const auto& o3 = at("O3");
  CHECK(o3.attainment == Approx(0.25));
  CHECK(o3.incomplete);
  CHECK(o3.status == Status::off_track);
  CHECK(o3.band == Band::red);

  const auto& k1 = at("K1");
  CHECK(k1.progress == Approx(0.5));
  CHECK(k1.health == Health::yellow);
  CHECK(at("K2").progress == Approx(0.8));
  // K2 has a target (50) and no thresholds: the default thresholds apply
  // (docs/lifecycle.md: achievement >= 0.9 green, >= 0.7 yellow); 40 / 50 = 0.8.
  CHECK(at("K2").health == Health::yellow);
  const auto& c1 = at("C1");
  CHECK(c1.attainment == Approx(0.725));
  CHECK(c1.health == Health::green);

  CHECK(at("acme").attainment == Approx(0.6));
  CHECK(at("sales").attainment == Approx(0.5));
  const auto& sup = at("support");
  CHECK(sup.attainment == Approx(0.63));
  CHECK(sup.incomplete);
  CHECK(sup.parent == "acme");

  // a NaN score is never without a diagnostic
  for (const auto& n : sc.nodes)
    if (std::isnan(n.attainment)) CHECK_FALSE(n.diagnostics.empty());
}

TEST_CASE("acceptance: cascaded KR 0 -> 3 whose child contributes 4 -> 133.3%") {
  Model m;
  m.cycles.push_back({"2025-Q2", "", Date(2025, 4, 1), Date(2025, 6, 30)});
  m.objectives = {objective("parent", "co"), objective("child", "team")};
  auto p = kr("company sales", "parent", tgt(TargetKind::increase, 0, 3));
  p.cascade_from = {"team sales"};
  auto c = kr("team sales", "child", tgt(TargetKind::increase, 0, 5));
  c.series = "team";
  m.key_results = {p, c};  // the parent comes first: order must not matter
  SeriesStore s;
  s.add("team", Date(2025, 5, 1), 4);
  s.finalize();
  const Scorecard sc = evaluate(m, s, kAsOf);
  CHECK(sc.find("company sales")->value == 4);
  CHECK(100 * sc.find("company sales")->progress == Approx(133.3).margin(0.05));
  CHECK(sc.find("company sales")->value_source == Provenance::computed);
}

TEST_CASE("status options: ratio rule, forecast status, weakest child, overrides") {
  Example ex;
  EvaluateOptions opt;
  opt.status_rule = {StatusRuleKind::ratio, 0.1, 0.7, 0.4};
  opt.projected_progress["KR1"] = 0.3;
  opt.grade_scale = GradeScale::percent;
  opt.rating = RatingScale::one_to_five();
  ex.m.objectives[2].weakest_child_status = true;
  ex.m.objectives[0].score_override = 0.9;
  ex.m.key_results[1].score_override = 0.1;
  const Scorecard sc = evaluate(ex.m, ex.s, kAsOf, opt);
  CHECK(sc.find("KR1")->status == Status::at_risk);  // forecast at due 0.3: 0.3 / 1 < 0.4
  CHECK(sc.find("KR2")->attainment == 0.1);
  CHECK(sc.find("KR2")->score_source == Provenance::overridden);
  CHECK(sc.find("KR2")->status == Status::at_risk);  // 0.1 / 0.5 = 0.2 < 0.4
  CHECK(sc.find("O1")->attainment == 0.9);
  CHECK(sc.find("O1")->score_source == Provenance::overridden);
  CHECK(sc.find("O1")->grade == Approx(90));
  CHECK(sc.find("O1")->rating == "5 outstanding");
  // O3's children: KR5 (0.5 / 0.5 -> on track), KR6 (0.25 / 0.5 = 0.5 -> behind), KR7 no data
  CHECK(sc.find("KR6")->status == Status::behind);
  CHECK(sc.find("O3")->status == Status::behind);
}

TEST_CASE("roll-up methods and dated weights inside evaluate") {
  Example ex;
  ex.m.objectives[0].rollup = RollupMethod::by_magnitude;
  // O1 children: KR1 |200| a .5, KR2 |5| a .5, KR3 |3| a 1, O2 (no magnitude: skipped)
  Scorecard sc = evaluate(ex.m, ex.s, kAsOf);
  CHECK(sc.find("O1")->attainment == Approx((200 * 0.5 + 5 * 0.5 + 3 * 1.0) / 208));
  CHECK(sc.find("O1")->incomplete);
  ex.m.objectives[0].rollup = RollupMethod::weighted_mean;
  ex.m.key_results[0].weights = {{Date(2025, 5, 1), std::nullopt, 7.0}};  // KR1 weighs 7 from May
  sc = evaluate(ex.m, ex.s, kAsOf);
  CHECK(sc.find("O1")->attainment == Approx((7 * 0.5 + 0.5 + 1 + 0.5) / 10));
  sc = evaluate(ex.m, ex.s, Date(2025, 4, 30));  // April: KR1 weight 2, value 130 -> 0.3
  // KR2 check-in not yet made (NaN, left out), KR3 from KR4 (override 4) -> 1, O2 .5
  CHECK(sc.find("O1")->attainment == Approx((2 * 0.3 + 1 + 0.5) / 4));
  CHECK(sc.find("O1")->incomplete);
  ex.m.objectives[0].missing = MissingPolicy::zero;
  sc = evaluate(ex.m, ex.s, Date(2025, 4, 30));
  CHECK(sc.find("O1")->attainment == Approx((2 * 0.3 + 0 + 1 + 0.5) / 5));
}

TEST_CASE("past due and not done is off track; alignment cycles are reported") {
  Example ex;
  Scorecard sc = evaluate(ex.m, ex.s, Date(2025, 7, 5));
  CHECK(sc.find("KR1")->status == Status::off_track);  // 170 -> 0.7, past due
  CHECK(sc.find("KR3")->status == Status::done);
  ex.m.objectives[0].aligns_to.push_back({"O2", 1.0});  // O1 <-> O2
  sc = evaluate(ex.m, ex.s, kAsOf);
  CHECK(std::isnan(sc.find("O1")->attainment));
  CHECK(sc.find("O1")->diagnostics.at(0).code == "alignment-cycle");
  CHECK_FALSE(sc.diagnostics.empty());
  CHECK(sc.find("O3")->attainment == Approx(0.25));  // the rest is still scored
}

TEST_CASE("cascade cycles and dangling children are diagnostics, not crashes") {
  Example ex;
  ex.m.key_results[3].value_override.reset();
  ex.m.key_results[3].cascade_from = {"KR3", "ghost"};  // KR3 <- KR4 <- KR3
  const Scorecard sc = evaluate(ex.m, ex.s, kAsOf);
  bool cycle = false, dangling = false;
  for (const auto* id : {"KR3", "KR4"})
    for (const auto& d : sc.find(id)->diagnostics) {
      cycle |= d.code == "cascade-cycle";
      dangling |= d.code == "dangling-id";
    }
  CHECK(cycle);
  CHECK(dangling);
  CHECK(std::isnan(sc.find("KR3")->value));
}

TEST_CASE("evaluate is pure: many threads on one const model give the same scorecard") {
  const Example ex;
  const Scorecard ref = evaluate(ex.m, ex.s, kAsOf);
  std::vector<Scorecard> out(4);
  std::vector<std::thread> th;
  for (std::size_t i = 0; i < out.size(); ++i)
    th.emplace_back([&, i] { out[i] = evaluate(ex.m, ex.s, kAsOf); });
  for (auto& t : th) t.join();
  for (const auto& sc : out) {
    REQUIRE(sc.nodes.size() == ref.nodes.size());
    for (std::size_t i = 0; i < sc.nodes.size(); ++i) {
      const double a = sc.nodes[i].attainment, b = ref.nodes[i].attainment;
      CHECK(((std::isnan(a) && std::isnan(b)) || a == b));
      CHECK(sc.find(sc.nodes[i].id) == &sc.nodes[i]);
    }
  }
}

TEST_CASE("current_value: override, cascade, series, check-in, nothing") {
  SeriesStore s;
  s.add("x", Date(2025, 1, 10), 5);
  s.add("x", Date(2025, 1, 20), SeriesStore::missing);
  s.finalize();
  KeyResult k;
  k.id = "k";
  k.series = "x";
  k.checkins = {{Date(2025, 1, 15), 9.0, std::nullopt, ""}};
  auto none = [](std::string_view) { return CurrentValue{}; };
  auto cv = current_value(s, value_sources(k), Date(2025, 1, 25), none);
  CHECK(cv.value == 5);  // the series wins over check-ins; the NaN on 01-20 is skipped
  CHECK(cv.source == Provenance::measured);
  cv = current_value(s, value_sources(k), Date(2025, 1, 5), none);
  CHECK(std::isnan(cv.value));
  k.series.clear();
  cv = current_value(s, value_sources(k), Date(2025, 1, 25), none);
  CHECK(cv.value == 9);
  CHECK(cv.source == Provenance::checked_in);
  k.value_override = 1.5;
  CHECK(current_value(s, value_sources(k), Date(2025, 1, 25), none).value == 1.5);
  Diagnostics d;
  k.value_override.reset();
  k.checkins.clear();
  cv = current_value(s, value_sources(k), Date(2025, 1, 25), none, &d);
  CHECK(std::isnan(cv.value));
  CHECK(d.at(0).code == "missing-value");
}

// ---------------------------------------------------------------------------
// The bundled example, examples/acme.json + examples/acme-measurements.csv,
// transcribed here field by field (this branch has no JSON loader; the test
// data must not depend on files a clone may lack) and scored at 2025-05-31,
// the as-of date of the README. Hand-worked numbers: cycle 2025-04-01 ..
// 2025-06-30 (90 days), day 60 -> e = 2/3.
//  o-marketing (aspirational, success 0.7 -> expects 0.467; on track at >= 0.367):
//   traffic 50000 -> +40% = 70000, v 61000: 11000/20000 = 0.55
//   articles 0 -> 24, v 13: 13/24 = 0.5417
//   conversion 0.08 -> 0.12, v 0.10: 0.02/0.04 = 0.5
//   followers 180000 -> 250000, v 209000: 29000/70000 = 0.4143
//   mean (0.55 + 13/24 + 0.5 + 29/70) / 4 = 0.50149 -> on track
//  o-support (committed, on track >= 0.567, at risk >= 0.467):
//   response 3.5 h -> 2 h, v 2.6: -0.9/-1.5 = 0.6 (on track); FCR 78 -> 85, v 81.5:
//   3.5/7 = 0.5 (at risk); mean 0.55 -> at risk
//  o-hr (committed): eSat 70 -> 85, v 76: 0.4 (off track); attrition 15 -> 10,
//   v 13: 0.4 (off track); development >= 3 from floor 0, no series, check-in
//   1.9 on 05-31 (confidence 0.7): 0.6333 (on track); mean 1.4333/3 = 0.47778 -> at risk
//  o-company (aspirational): (2 * 0.50149 + 0.55 + 0.47778) / 4 = 0.50769 -> on track
//  KPIs (latest value; at_least floor 0, at_most ceiling 2t by default):
//   organic 61000/70000 = 0.8714 yellow (>= 60000); articles 13/24 red (no yellow);
//   conversion 0.1/0.12 = 0.8333 yellow (>= 0.10); followers 209/250 = 0.836 red;
//   response (4 - 2.6)/(4 - 2) = 0.7 yellow (<= 3); FCR 81.5/85 = 0.9588 yellow;
//   CSAT 91 >= 90: 1 green; eSat 76/85 = 0.8941 yellow; attrition (20 - 13)/10 = 0.7 yellow
//  CSF first-line: (2 * 0.7 + 0.9588 + 1) / 4 = 0.83971 -> green
//  Units (financial .3, customer .4, internal .15, learning .15):
//   acme: customer {o-company} = 0.50769
//   marketing: customer {o-mkt, organic, conversion, followers} = 0.76056,
//     internal {articles} = 0.54167 -> (.4 * .76056 + .15 * .54167) / .55 = 0.70086
//   support: customer {response .7, CSAT 1} = .85, internal {o-support .55, FCR .95882}
//     = .75441 -> (.4 * .85 + .15 * .75441) / .55 = 0.82393
//   hr: learning {o-hr, eSat, attrition} = (0.47778 + 0.89412 + 0.7) / 3 = 0.69063
namespace {
struct Acme {
  Model m;
  SeriesStore s;
  Acme() {
    m.cycles.push_back({"q2-2025", "2025-Q2", Date(2025, 4, 1), Date(2025, 6, 30)});
    m.units = {{"acme", "Acme Trading", "", "company"},
               {"marketing", "Marketing", "acme", "department"},
               {"support", "پشتیبانی مشتریان", "acme", "department"},
               {"hr", "人力资源部", "acme", "department"}};
    m.perspectives = {{"financial", "Financial", 0.3},
                      {"customer", "Customer", 0.4},
                      {"internal", "Internal process", 0.15},
                      {"learning", "Learning & growth", 0.15}};
    auto obj = [](const char* id, const char* unit, ObjectiveType type, const char* persp,
                  std::vector<Alignment> al) {
      Objective o;
      o.id = id;
      o.unit = unit;
      o.cycle = "q2-2025";
      o.type = type;
      o.perspective = persp;
      o.aligns_to = std::move(al);
      return o;
    };
    const auto asp = ObjectiveType::aspirational, com = ObjectiveType::committed;
    m.objectives = {obj("o-company", "acme", asp, "customer", {}),
                    obj("o-marketing", "marketing", asp, "customer", {{"o-company", 2}}),
                    obj("o-support", "support", com, "internal", {{"o-company", 1}}),
                    obj("o-hr", "hr", com, "learning", {{"o-company", 1}})};
    auto key = [](const char* id, const char* o, TargetKind k, std::optional<double> b,
                  std::optional<double> t, const char* series) {
      KeyResult r = kr(id, o, tgt(k, b, t));
      r.series = series;
      return r;
    };
    const auto inc = TargetKind::increase, dec = TargetKind::decrease;
    KeyResult traffic =
        key("kr-traffic", "o-marketing", inc, 50000, std::nullopt, "organic_sessions");
    traffic.target.relative = parse_relative_target("+40%");
    KeyResult dev = key("kr-development", "o-hr", TargetKind::at_least, std::nullopt, 3,
                        "dev_programmes_per_employee");
    dev.target.floor = 0;
    dev.checkins = {{Date(2025, 4, 30), 1.2, 0.6, "Leadership track started"},
                    {Date(2025, 5, 31), 1.9, 0.7, "Data literacy course full"}};
    m.key_results = {
        traffic,
        key("kr-articles", "o-marketing", inc, 0, 24, "seo_articles_cumulative"),
        key("kr-conversion", "o-marketing", inc, 0.08, 0.12, "visitor_lead_conversion"),
        key("kr-followers", "o-marketing", inc, 180000, 250000, "social_followers"),
        key("kr-response", "o-support", dec, 3.5, 2, "avg_response_hours"),
        key("kr-fcr", "o-support", inc, 78, 85, "fcr_rate"),
        key("kr-esat", "o-hr", inc, 70, 85, "esat_index"),
        key("kr-attrition", "o-hr", dec, 15, 10, "attrition_rate"),
        dev};
    auto kpi = [](const char* id, const char* unit, TargetKind k, double t,
                  std::optional<double> green, std::optional<double> yellow, const char* series,
                  const char* persp) {
      Kpi x;
      x.id = id;
      x.unit = unit;
      x.target = tgt(k, std::nullopt, t);
      x.thresholds = {green, yellow};
      x.series = series;
      x.perspective = persp;
      return x;
    };
    const auto al = TargetKind::at_least, am = TargetKind::at_most;
    const auto none = std::nullopt;
    m.kpis = {
        kpi("kpi-organic-sessions", "marketing", al, 70000, 70000.0, 60000.0, "organic_sessions",
            "customer"),
        kpi("kpi-articles", "marketing", al, 24, none, none, "seo_articles_cumulative", "internal"),
        kpi("kpi-conversion", "marketing", al, 0.12, 0.12, 0.1, "visitor_lead_conversion",
            "customer"),
        kpi("kpi-followers", "marketing", al, 250000, none, none, "social_followers", "customer"),
        kpi("kpi-response-time", "support", am, 2, 2.0, 3.0, "avg_response_hours", "customer"),
        kpi("kpi-fcr", "support", al, 85, 85.0, 80.0, "fcr_rate", "internal"),
        kpi("kpi-support-csat", "support", al, 90, 90.0, 85.0, "support_csat", "customer"),
        kpi("kpi-esat", "hr", al, 85, 85.0, 75.0, "esat_index", "learning"),
        kpi("kpi-attrition", "hr", am, 10, 10.0, 13.0, "attrition_rate", "learning")};
    Csf c;
    c.id = "csf-first-line";
    c.unit = "support";
    c.objective = "o-support";
    c.measured_by = {{"kpi-response-time", 2}, {"kpi-fcr", 1}, {"kpi-support-csat", 1}};
    m.csfs = {c};
    // examples/acme-measurements.csv (value column)
    const char* months[] = {"2025-01-31", "2025-02-28", "2025-03-31", "2025-04-30", "2025-05-31"};
    auto five = [&](const char* series, std::initializer_list<double> v) {
      std::size_t i = 0;
      for (double x : v) s.add(series, parse_date(months[i++]), x);
    };
    five("organic_sessions", {48200, 49100, 50000, 56500, 61000});
    five("social_followers", {171000, 176000, 180000, 196000, 209000});
    five("avg_response_hours", {3.8, 3.6, 3.5, 2.9, 2.6});
    five("fcr_rate", {76, 77, 78, 80, 81.5});
    five("support_csat", {86, 87, 88, 90, 91});
    five("attrition_rate", {15.4, 15.2, 15, 13.8, 13});
    five("visitor_lead_conversion", {0.076763, 0.07943, 0.08, 0.09, 0.1});
    s.add("seo_articles_cumulative", Date(2025, 3, 31), 0);
    s.add("seo_articles_cumulative", Date(2025, 4, 30), 7);
    s.add("seo_articles_cumulative", Date(2025, 5, 31), 13);
    s.add("esat_index", Date(2025, 3, 31), 70);
    s.add("esat_index", Date(2025, 5, 31), 76);
    s.finalize();
  }
};
}  // namespace

TEST_CASE("acceptance: the bundled acme example at 2025-05-31, worked by hand") {
  const Acme acme;
  const Scorecard sc = evaluate(acme.m, acme.s, Date(2025, 5, 31));
  auto row = [&](const char* id) -> const NodeScore& {
    const NodeScore* n = sc.find(id);
    REQUIRE(n);
    return *n;
  };
  auto prog = [&](const char* id) { return row(id).progress; };
  CHECK(row("kr-traffic").target == Approx(70000));
  CHECK(prog("kr-traffic") == Approx(0.55));
  CHECK(prog("kr-articles") == Approx(13.0 / 24));
  CHECK(prog("kr-conversion") == Approx(0.5));
  CHECK(prog("kr-followers") == Approx(29.0 / 70));
  CHECK(prog("kr-response") == Approx(0.6));
  CHECK(prog("kr-fcr") == Approx(0.5));
  CHECK(prog("kr-esat") == Approx(0.4));
  CHECK(prog("kr-attrition") == Approx(0.4));
  CHECK(prog("kr-development") == Approx(1.9 / 3));
  CHECK(row("kr-development").value_source == Provenance::checked_in);
  CHECK(row("kr-development").confidence == 0.7);
  // day 60 of 90: the plan expects 2/3; kr-traffic's objective is aspirational,
  // so the status is judged against 0.7 x 2/3 = 0.467, the `expected` shown.
  CHECK(row("kr-traffic").planned == Approx(2.0 / 3));
  CHECK(row("kr-traffic").expected == Approx(0.7 * 2.0 / 3));
  CHECK(row("kr-traffic").title.empty());  // the model built here has no titles
  // 0.55 >= 0.467: on track at or above the expectation
  CHECK(row("kr-traffic").reason ==
        "progress 0.55 at or above the aspirational expectation 0.47 (0.70 x plan 0.67)");
  CHECK(row("kr-fcr").expected == Approx(2.0 / 3));  // committed: the plan itself
  // 0.5 is 0.1667 below 0.667: within 2 x 0.1 -> at risk
  CHECK(row("kr-fcr").reason ==
        "progress 0.50 is 0.17 below the expectation 0.67 (tolerance 0.10)");
  CHECK(row("kr-esat").reason ==
        "progress 0.40 is 0.27 below the expectation 0.67 (more than 2 x tolerance 0.10)");
  CHECK(row("kr-traffic").status == Status::on_track);
  CHECK(row("kr-response").status == Status::on_track);
  CHECK(row("kr-fcr").status == Status::at_risk);
  CHECK(row("kr-esat").status == Status::off_track);
  CHECK(row("kr-development").status == Status::on_track);

  const double mkt = (0.55 + 13.0 / 24 + 0.5 + 29.0 / 70) / 4;
  CHECK(row("o-marketing").attainment == Approx(mkt));
  CHECK(mkt == Approx(0.50149).margin(1e-5));
  CHECK(row("o-marketing").status == Status::on_track);
  CHECK(row("o-support").attainment == Approx(0.55));
  CHECK(row("o-support").status == Status::at_risk);
  const double hr = (0.4 + 0.4 + 1.9 / 3) / 3;
  CHECK(row("o-hr").attainment == Approx(hr));
  CHECK(row("o-hr").status == Status::at_risk);
  const double company = (2 * mkt + 0.55 + hr) / 4;
  CHECK(row("o-company").attainment == Approx(company));
  CHECK(company == Approx(0.50769).margin(1e-5));
  // the weighted mean of the children's plans (all 2/3), scaled by 0.7 once
  CHECK(row("o-company").planned == Approx(2.0 / 3));
  CHECK(row("o-company").expected == Approx(0.7 * 2.0 / 3));
  CHECK(row("o-support").expected == Approx(2.0 / 3));
  CHECK(row("o-company").status == Status::on_track);

  CHECK(prog("kpi-organic-sessions") == Approx(61000.0 / 70000));
  CHECK(row("kpi-organic-sessions").health == Health::yellow);
  CHECK(row("kpi-articles").health == Health::red);
  CHECK(prog("kpi-conversion") == Approx(0.1 / 0.12));
  CHECK(row("kpi-conversion").health == Health::yellow);
  CHECK(prog("kpi-followers") == Approx(0.836));
  CHECK(prog("kpi-response-time") == Approx(0.7));
  CHECK(row("kpi-response-time").health == Health::yellow);
  CHECK(prog("kpi-fcr") == Approx(81.5 / 85));
  CHECK(row("kpi-support-csat").health == Health::green);
  CHECK(prog("kpi-esat") == Approx(76.0 / 85));
  CHECK(prog("kpi-attrition") == Approx(0.7));
  CHECK(row("kpi-attrition").health == Health::yellow);

  CHECK(row("csf-first-line").attainment == Approx((2 * 0.7 + 81.5 / 85 + 1) / 4));
  CHECK(row("csf-first-line").health == Health::green);

  CHECK(row("acme").attainment == Approx(company));
  const double mkt_customer = (mkt + 61000.0 / 70000 + 0.1 / 0.12 + 0.836) / 4;
  CHECK(row("marketing").attainment == Approx((0.4 * mkt_customer + 0.15 * 13.0 / 24) / 0.55));
  CHECK(row("marketing").attainment == Approx(0.70086).margin(1e-5));
  const double sup_internal = (0.55 + 81.5 / 85) / 2;
  CHECK(row("support").attainment == Approx((0.4 * 0.85 + 0.15 * sup_internal) / 0.55));
  CHECK(row("support").attainment == Approx(0.82393).margin(1e-5));
  CHECK(row("hr").attainment == Approx((hr + 76.0 / 85 + 0.7) / 3));
  CHECK(row("hr").attainment == Approx(0.69063).margin(1e-5));
  CHECK(sc.diagnostics.empty());
}

#include <atomic>
#include <mutex>

TEST_CASE("on_progress: growing counts of key results + KPIs, last call done == total") {
  // 500 generated units: 10 KRs + 4 KPIs each = 7000 scored leaves (see
  // generated_org.hpp), enough for evaluate() to split the key results over
  // 2 threads (blocks of 4096); objectives, CSFs and units roll up afterwards.
  testing::OrgShape shape;
  shape.units = 500;
  const auto g = testing::generate_org(shape);
  const std::size_t leaves = g.model.key_results.size() + g.model.kpis.size();
  REQUIRE(leaves == 7000);
  for (unsigned threads : {1u, 4u}) {
    EvaluateOptions o;
    o.threads = threads;
    std::mutex m;
    std::vector<std::pair<std::size_t, std::size_t>> calls;
    std::atomic<int> inside{0};
    std::atomic<bool> overlap{false};
    o.on_progress = [&](std::size_t done, std::size_t total) {
      if (inside.fetch_add(1) != 0) overlap = true;  // calls must never overlap
      {
        std::lock_guard<std::mutex> lock(m);
        calls.emplace_back(done, total);
      }
      inside.fetch_sub(1);
    };
    const Scorecard with = evaluate(g.model, g.series, Date(2025, 6, 30), o);
    CHECK_FALSE(overlap);
    REQUIRE_FALSE(calls.empty());
    CHECK(calls.back() == std::make_pair(leaves, leaves));
    for (std::size_t i = 0; i < calls.size(); ++i) {
      CHECK(calls[i].second == leaves);
      if (i) CHECK(calls[i].first > calls[i - 1].first);
    }
    // reporting does not change the scores
    EvaluateOptions plain;
    plain.threads = threads;
    const Scorecard without = evaluate(g.model, g.series, Date(2025, 6, 30), plain);
    REQUIRE(with.nodes.size() == without.nodes.size());
    for (std::size_t i = 0; i < with.nodes.size(); ++i) {
      const double a = with.nodes[i].attainment, b = without.nodes[i].attainment;
      const bool same = std::isnan(a) ? std::isnan(b) : a == b;
      CHECK(same);
    }
  }
}

// A KPI graded over periods (Kpi::grade_over) aggregates its measurements to
// the periods of its frequency first. Worked by hand: FCR >= 85, floor 75
// (progress (v - 75) / 10 below 85, clamped at 0), monthly, mean aggregation,
// cycle Q2 2025 (04-01 .. 06-30), as of 2025-06-10. Measurements: 03-25 60
// (before the cycle), 04-08 88, 04-22 92, 05-06 78, 05-20 82, 06-03 83,
// 06-17 99 (after as_of). Months: April mean 90 -> 1, May mean 80 -> 0.5,
// June (to 06-10) 83 -> 0.8.
//   latest  = June = 0.8
//   average = (1 + 0.5 + 0.8) / 3 = 0.76667
//   worst   = May = 0.5
// (Grading the raw measurements instead would give the average of 1, 1, 0.3,
// 0.7, 0.8 = 0.76 and worst 0.3: the periods matter.)
namespace {
struct FcrKpi {
  Model m;
  SeriesStore s;
  explicit FcrKpi(GradeOver how, bool with_may = true) {
    m.cycles.push_back({"2025-Q2", "2025-Q2", Date(2025, 4, 1), Date(2025, 6, 30)});
    Kpi k;
    k.id = "fcr";
    k.series = "fcr";
    k.frequency = Frequency::monthly;
    k.aggregation = Aggregation::mean;
    k.grade_over = how;
    k.target.kind = TargetKind::at_least;
    k.target.target = 85;
    k.target.floor = 75;
    m.kpis.push_back(k);
    s.add("fcr", Date(2025, 3, 25), 60);
    s.add("fcr", Date(2025, 4, 8), 88);
    s.add("fcr", Date(2025, 4, 22), 92);
    if (with_may) {
      s.add("fcr", Date(2025, 5, 6), 78);
      s.add("fcr", Date(2025, 5, 20), 82);
    }
    s.add("fcr", Date(2025, 6, 3), 83);
    s.add("fcr", Date(2025, 6, 17), 99);
    s.finalize();
  }
  NodeScore at(Date as_of) const { return *evaluate(m, s, as_of).find("fcr"); }
};
bool has_code(const NodeScore& n, const std::string& code) {
  for (const auto& d : n.diagnostics)
    if (d.code == code) return true;
  return false;
}
}  // namespace

TEST_CASE("grade_over aggregates the measurements to the KPI's periods: latest, average, worst") {
  const Date as_of(2025, 6, 10);
  const NodeScore latest = FcrKpi(GradeOver::latest).at(as_of);
  CHECK(latest.value == 83);
  CHECK(latest.attainment == Approx(0.8));
  const NodeScore avg = FcrKpi(GradeOver::average).at(as_of);
  CHECK(avg.progress == Approx((1.0 + 0.5 + 0.8) / 3));
  CHECK(avg.attainment == Approx(0.766667).epsilon(1e-5));
  CHECK_FALSE(avg.incomplete);
  CHECK(avg.value == 83);  // the value column stays the current (June) value
  const NodeScore worst = FcrKpi(GradeOver::worst).at(as_of);
  CHECK(worst.attainment == Approx(0.5));
  CHECK(worst.score_source == Provenance::computed);

  // The helper itself: April, May, June (to as_of) means.
  const FcrKpi ex(GradeOver::average);
  const auto months = period_values(up_to(ex.s.view("fcr"), as_of), PeriodType(PeriodKind::month),
                                    Aggregation::mean, Date(2025, 4, 1), as_of);
  REQUIRE(months.size() == 3);
  CHECK(months[0] == Approx(90));
  CHECK(months[1] == Approx(80));
  CHECK(months[2] == Approx(83));
}

TEST_CASE("grade_over: a month without data is skipped and reported; the running month waits") {
  // No May data: April 1, May gap, June 0.8 -> average (1 + 0.8) / 2 = 0.9,
  // worst 0.8, incomplete.
  const Date as_of(2025, 6, 10);
  const NodeScore avg = FcrKpi(GradeOver::average, false).at(as_of);
  CHECK(avg.attainment == Approx(0.9));
  CHECK(avg.incomplete);
  CHECK(has_code(avg, "incomplete"));
  CHECK(FcrKpi(GradeOver::worst, false).at(as_of).attainment == Approx(0.8));
  // As of 06-02 June has no data yet: it is left out, not a gap. April 1, May
  // 0.5 -> average 0.75, worst 0.5, complete.
  const NodeScore early = FcrKpi(GradeOver::average).at(Date(2025, 6, 2));
  CHECK(early.attainment == Approx(0.75));
  CHECK_FALSE(early.incomplete);
  CHECK(FcrKpi(GradeOver::worst).at(Date(2025, 6, 2)).attainment == Approx(0.5));
  // No cycle holds 2025-07-10: every period from the first measurement on.
  // March 60 -> 0 (below the floor), April 1, May 0.5, June (83 + 99) / 2 =
  // 91 -> 1, July no data yet: average 2.5 / 4 = 0.625, worst 0.
  CHECK(FcrKpi(GradeOver::average).at(Date(2025, 7, 10)).attainment == Approx(0.625));
  CHECK(FcrKpi(GradeOver::worst).at(Date(2025, 7, 10)).attainment == Approx(0.0));
}

TEST_CASE("evaluate on several threads gives the single-threaded scorecard, bit for bit") {
  // 3,000 units = 60,000 scored nodes: enough that the reference resolution,
  // key results, KPIs and the first objective level really split (a thread
  // takes at least 4,096 items).
  testing::OrgShape shape;
  shape.units = 3000;
  shape.points = 6;
  shape.nan_share = 0.1;
  shape.poison = true;
  const auto g = testing::generate_org(shape);
  const Date as_of(2025, 6, 20);
  EvaluateOptions one;
  one.threads = 1;
  const Scorecard ref = evaluate(g.model, g.series, as_of, one);
  auto same = [](double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; };
  for (unsigned t : {2u, 3u}) {
    EvaluateOptions o;
    o.threads = t;
    const Scorecard sc = evaluate(g.model, g.series, as_of, o);
    REQUIRE(sc.nodes.size() == ref.nodes.size());
    CHECK(sc.diagnostics == ref.diagnostics);
    std::size_t differ = 0;
    for (std::size_t i = 0; i < sc.nodes.size(); ++i) {
      const NodeScore& x = sc.nodes[i];
      const NodeScore& y = ref.nodes[i];
      const bool eq = same(x.value, y.value) && same(x.progress, y.progress) &&
                      same(x.performance, y.performance) && same(x.attainment, y.attainment) &&
                      same(x.grade, y.grade) && same(x.expected, y.expected) && x.id == y.id &&
                      x.kind == y.kind && x.parent == y.parent && x.unit == y.unit &&
                      x.band == y.band && x.status == y.status && x.health == y.health &&
                      x.value_source == y.value_source && x.score_source == y.score_source &&
                      x.incomplete == y.incomplete && x.diagnostics == y.diagnostics;
      const bool same_row = sc.find(x.id) - sc.nodes.data() == ref.find(y.id) - ref.nodes.data();
      differ += eq && same_row ? 0 : 1;
    }
    CHECK(differ == 0);
  }
}

// --- numbers at the edges (issue 15) ----------------------------------------

namespace {
bool has(const std::vector<Diagnostic>& ds, const std::string& code) {
  for (const auto& d : ds)
    if (d.code == code) return true;
  return false;
}
}  // namespace

TEST_CASE("milestone KRs without a value raise no missing-value warning") {
  // KR6: 1 of 4 milestones done -> 0.25; it has no series and no check-in,
  // which is right for a milestone KR (the milestones decide)
  Example ex;
  const Scorecard sc = evaluate(ex.m, ex.s, kAsOf);
  const NodeScore* k6 = sc.find("KR6");
  REQUIRE(k6);
  CHECK(k6->progress == 0.25);
  CHECK_FALSE(has(k6->diagnostics, "missing-value"));
  // a KR with a series and no data still says so (KR7)
  CHECK(has(sc.find("KR7")->diagnostics, "missing-value"));
}

TEST_CASE("an invalid in-memory model: each invalid node is an error diagnostic") {
  Example ex;
  ex.m.key_results[0].weight = -1;  // KR1, as Python `kr.weight = -1` does
  const Scorecard sc = evaluate(ex.m, ex.s, kAsOf);
  const NodeScore* k1 = sc.find("KR1");
  REQUIRE(k1);
  bool found = false;
  for (const auto& d : k1->diagnostics)
    if (d.code == "bad-weight") {
      found = true;
      CHECK(d.severity == Severity::error);
      CHECK(d.where.node == "KR1");
      CHECK(d.where.field == "weight");
      CHECK(d.message == "weight must be > 0 (got -1)");
    }
  CHECK(found);
  CHECK(has(sc.diagnostics, "bad-weight"));
  // a valid model gets none of these (the example is valid)
  Example ok;
  const Scorecard clean = evaluate(ok.m, ok.s, kAsOf);
  for (const auto& d : clean.diagnostics) CHECK(d.severity != Severity::error);
  // the check can be switched off by a caller that has just validated
  EvaluateOptions o;
  o.validate_model = false;
  CHECK_FALSE(has(evaluate(ex.m, ex.s, kAsOf, o).find("KR1")->diagnostics, "bad-weight"));
}

TEST_CASE("ratio KPI: a value column that disagrees with numerator / denominator is named") {
  // May 2025: rows (value, numerator, denominator) = (55, 11, 20) and
  // (0.5, 5, 10). The first value is a percent, its ratio 11 / 20 = 0.55:
  // |55 - 0.55| > 1 % of 55. The second agrees (5 / 10 = 0.5).
  // The KPI's value is the ratio of sums: (11 + 5) / (20 + 10) = 16 / 30 = 0.5333.
  Model m;
  m.cycles.push_back({"2025-Q2", "2025-Q2", Date(2025, 4, 1), Date(2025, 6, 30)});
  m.units = {{"u", "U", "", "team"}};
  Kpi k;
  k.id = "conv";
  k.unit = "u";
  k.series = "conv";
  k.frequency = Frequency::monthly;
  k.aggregation = Aggregation::ratio;
  k.target.kind = TargetKind::at_least;
  k.target.target = 0.6;
  m.kpis = {k};
  const SeriesStore s = parse_measurements(
      "series,date,value,numerator,denominator\n"
      "conv,2025-05-02,55,11,20\n"
      "conv,2025-05-09,0.5,5,10\n",
      "m.csv");
  const Scorecard sc = evaluate(m, s, kAsOf);
  const NodeScore* n = sc.find("conv");
  REQUIRE(n);
  CHECK(n->value == Approx(16.0 / 30.0));
  const Diagnostic* d = nullptr;
  for (const auto& x : n->diagnostics)
    if (x.code == "ratio-value-mismatch") d = &x;
  REQUIRE(d);
  CHECK(d->severity == Severity::warning);
  CHECK(d->where.file == "m.csv");
  CHECK(d->where.line == 2);
  CHECK(d->where.node == "conv");
  CHECK(d->message ==
        "series 'conv' on 2025-05-02: value 55 disagrees with numerator / denominator 11 / 20 = "
        "0.55; the ratio aggregation uses sum(numerator) / sum(denominator), the value column is "
        "ignored: fix the value column or the numerator / denominator");
}

TEST_CASE("pace on track, forecast far off: a warning, and status_from = forecast decides") {
  // Year cycle 2025, increase 0 -> 100, monthly values falling 100, 95, ..., 65
  // (Jan..Aug). At 2025-08-31: p = 65 / 100 = 0.65; expected = linear plan
  // (Aug 31 - Jan 1) / (Dec 31 - Jan 1) = 242 / 364 = 0.6648 ("0.66");
  // tolerance rule: 0.65 >= 0.6648 - 0.1 -> on_track.
  // The trend is -5 a month: the forecast for December is far below 100, so
  // P(target) is near 0, below the 0.2 threshold -> pace-forecast-disagree.
  Model m;
  m.cycles.push_back({"y", "2025", Date(2025, 1, 1), Date(2025, 12, 31)});
  m.units.push_back({"u", "U", "", ""});
  Objective ob;
  ob.id = "o";
  ob.unit = "u";
  ob.cycle = "y";
  m.objectives = {ob};
  KeyResult k;
  k.id = "kr-fading";
  k.objective = "o";
  k.series = "fading";
  k.target.kind = TargetKind::increase;
  k.target.baseline = 0;
  k.target.target = 100;
  m.key_results = {k};
  SeriesStore s;
  for (int i = 0; i < 8; ++i)
    s.add("fading", to_day_number(Date(2025, i + 1, 1).end_of_month()), 100.0 - 5.0 * i);
  s.finalize();
  EvaluateOptions o;
  o.outlook = true;
  const Scorecard sc = evaluate(m, s, Date(2025, 8, 31), o);
  const NodeScore* n = sc.find("kr-fading");
  REQUIRE(n);
  CHECK(n->progress == Approx(0.65));
  CHECK(n->expected == Approx(242.0 / 364.0));
  CHECK(n->status == Status::on_track);
  REQUIRE(n->probability < 0.2);
  const Diagnostic* d = nullptr;
  for (const auto& x : n->diagnostics)
    if (x.code == "pace-forecast-disagree") d = &x;
  REQUIRE(d);
  CHECK(d->severity == Severity::warning);
  CHECK(d->message.rfind("pace says on_track (progress 0.65 vs expected 0.66) but the forecast "
                         "gives P(target) ",
                         0) == 0);
  CHECK(d->message.find("(below 20%)") != std::string::npos);
  // the forecast decides
  o.status_from = StatusSource::forecast;
  const Scorecard f = evaluate(m, s, Date(2025, 8, 31), o);
  CHECK(f.find("kr-fading")->status == Status::off_track);
  CHECK(f.find("kr-fading")->status == f.find("kr-fading")->forecast_status);
  // without the outlook there is no forecast and nothing to disagree with
  o.outlook = false;
  CHECK_FALSE(has(evaluate(m, s, Date(2025, 8, 31), o).find("kr-fading")->diagnostics,
                  "pace-forecast-disagree"));
}

TEST_CASE("a KPI whose health and forecast disagree gets the same warning") {
  // Cycle 2025 (the KPI's horizon is its end, December), monthly KPIs scored
  // at 2025-08-31 with eight month-end values Jan..Aug.
  // "kpi-fading": at_least 80, green limit 60; values 100, 95, ..., 65.
  //   Latest 65 >= 60 -> green -> on_track. The values fall exactly 5 a month,
  //   so the December forecast is 65 - 4 * 5 = 45 < 80: P(target) near 0,
  //   below the 0.2 threshold -> warning.
  // "kpi-rising": at_least 100, green limit 100; values 10, 20, ..., 80.
  //   Latest 80 < 100 -> red -> off_track; December forecast 80 + 4 * 10 = 120
  //   >= 100: P(target) near 1, above 0.8 -> warning.
  Model m;
  m.cycles.push_back({"y", "2025", Date(2025, 1, 1), Date(2025, 12, 31)});
  m.units.push_back({"u", "U", "", ""});
  Kpi fading;
  fading.id = "kpi-fading";
  fading.unit = "u";
  fading.series = "fading";
  fading.target.kind = TargetKind::at_least;
  fading.target.target = 80;
  fading.thresholds.green = 60;
  Kpi rising = fading;
  rising.id = "kpi-rising";
  rising.series = "rising";
  rising.target.target = 100;
  rising.thresholds.green = 100;  // explicit: without thresholds the defaults make 80 yellow
  m.kpis = {fading, rising};
  SeriesStore s;
  for (int i = 0; i < 8; ++i) {
    const DayNumber day = to_day_number(Date(2025, i + 1, 1).end_of_month());
    s.add("fading", day, 100.0 - 5.0 * i);
    s.add("rising", day, 10.0 * (i + 1));
  }
  s.finalize();
  EvaluateOptions o;
  o.outlook = true;
  const Scorecard sc = evaluate(m, s, Date(2025, 8, 31), o);
  auto warning = [](const NodeScore& n) -> const Diagnostic* {
    for (const auto& x : n.diagnostics)
      if (x.code == "pace-forecast-disagree") return &x;
    return nullptr;
  };
  const NodeScore* f = sc.find("kpi-fading");
  REQUIRE(f);
  CHECK(f->value == 65);
  CHECK(f->status == Status::on_track);
  CHECK(f->projected_value == Approx(45).margin(1e-6));
  REQUIRE(f->probability < 0.2);
  const Diagnostic* d = warning(*f);
  REQUIRE(d);
  CHECK(d->severity == Severity::warning);
  CHECK(d->message.rfind("health says on_track (value 65.00) but the forecast gives P(target) ",
                         0) == 0);
  CHECK(d->message.find("(below 20%); the status follows the KPI's health thresholds") !=
        std::string::npos);
  CHECK(f->reason.find("forecast disagrees: P(target) ") != std::string::npos);
  const NodeScore* r = sc.find("kpi-rising");
  REQUIRE(r);
  CHECK(r->status == Status::off_track);
  CHECK(r->projected_value == Approx(120).margin(1e-6));
  REQUIRE(r->probability > 0.8);
  d = warning(*r);
  REQUIRE(d);
  CHECK(d->message.rfind("health says off_track (value 80.00) but the forecast gives P(target) ",
                         0) == 0);
  CHECK(d->message.find("(above 80%)") != std::string::npos);
  // without the outlook: no forecast, no warning
  o.outlook = false;
  CHECK(warning(*evaluate(m, s, Date(2025, 8, 31), o).find("kpi-fading")) == nullptr);
}

TEST_CASE("the duplicates policy's note reaches the scorecard's diagnostics") {
  // Two rows for 2025-05-01 (lines 2 and 3), duplicates=sum: one value 30.
  MeasurementsOptions mo;
  mo.duplicates = DuplicatePolicy::sum;
  const SeriesStore s =
      parse_measurements("series,date,value\nrev,2025-05-01,10\nrev,2025-05-01,20\n", "m.csv", mo);
  Model m;
  const Scorecard sc = evaluate(m, s, Date(2025, 5, 31));
  REQUIRE(sc.diagnostics.size() == 1);
  CHECK(sc.diagnostics[0].severity == Severity::info);
  CHECK(sc.diagnostics[0].code == "duplicates-resolved");
  CHECK(sc.diagnostics[0].where.file == "m.csv");
  CHECK(sc.diagnostics[0].where.node == "rev");
  CHECK(sc.diagnostics[0].message ==
        "1 date with more than one row (1 extra row) combined by duplicates=sum; first: "
        "2025-05-01 (rows 2 and 3)");
}
