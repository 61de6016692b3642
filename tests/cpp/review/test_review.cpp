// Tests of review() and its writers (include/okrkit/review/review.hpp,
// review_io.hpp). Every expected number is worked by hand in the comments.
//
// Cycle q2 runs 2025-04-01 .. 2025-06-30 (90 days from start to end). The
// window is 2025-04-15 .. 2025-05-16: a linear plan expects 14 / 90 = 0.1556
// at the start and 45 / 90 = 0.5 at the end. Key results go 0 -> 100, so
// progress = value / 100. Tolerance rule (tol 0.1): on_track when
// p >= e - 0.1, at_risk when p >= e - 0.2, else off_track.
#include <catch2/catch.hpp>

#include <okrkit/review.hpp>
#include <okrkit/io/report_html.hpp>

#include <algorithm>
#include <cmath>
#include <string>

using namespace okrkit;

namespace {

const Date kFrom(2025, 4, 15), kTo(2025, 5, 16);

Target increase(double b, double t) {
  Target x;
  x.kind = TargetKind::increase;
  x.baseline = b;
  x.target = t;
  return x;
}

CheckIn checkin(Date d, double v) {
  CheckIn c;
  c.date = d;
  c.value = v;
  return c;
}

KeyResult kr(const std::string& id, const std::string& obj = "o") {
  KeyResult k;
  k.id = id;
  k.objective = obj;
  k.title = "KR " + id;
  k.target = increase(0, 100);
  return k;
}

// Objective "o" with four key results and one KPI:
//  k1: check-ins 04-10 = 20, 05-10 = 60        -> 0.2 then 0.6 (mover up +0.4)
//  k2: series s2 04-01 = 50, 04-14 = 50         -> 0.5 both; nothing in the window: stale
//  k3: check-ins 04-01 = 40, 05-01 = 10         -> 0.4 (on_track: 0.4 >= 0.0556) then
//      0.1 (0.1 < 0.5 - 0.2: off_track); mover down -0.3
//  k4: check-in 04-01 = 30; achieved on 05-01 with final score 1 (note
//      "shipped early")                         -> 0.3 then 1.0 (mover up +0.7), closed
//  kp (KPI, monthly, target 100 increase, default thresholds green >= 0.9,
//      yellow >= 0.7): April 95 -> green (0.95); May 50 -> red (0.5): a red-KPI
//      risk, a health change green -> red and a mover down -0.45.
// Objective o (weighted mean of k1..k4): (0.2+0.5+0.4+0.3)/4 = 0.35 at the
// start, (0.6+0.5+0.1+1.0)/4 = 0.55 at the end (mover up +0.2); the cycle
// score is o's: 0.35 -> 0.55.
struct Fixture {
  Model m;
  SeriesStore s;
  Fixture() {
    m.name = "Acme";
    m.units.push_back({"acme", "Acme", "", "company"});
    Cycle c;
    c.id = "q2";
    c.start = Date(2025, 4, 1);
    c.end = Date(2025, 6, 30);
    m.cycles.push_back(c);
    Objective o;
    o.id = "o";
    o.title = "Grow";
    o.unit = "acme";
    o.cycle = "q2";
    m.objectives.push_back(o);
    KeyResult k1 = kr("k1");
    k1.checkins = {checkin(Date(2025, 4, 10), 20), checkin(Date(2025, 5, 10), 60)};
    KeyResult k2 = kr("k2");
    k2.series = "s2";
    KeyResult k3 = kr("k3");
    k3.checkins = {checkin(Date(2025, 4, 1), 40), checkin(Date(2025, 5, 1), 10)};
    KeyResult k4 = kr("k4");
    k4.checkins = {checkin(Date(2025, 4, 1), 30)};
    k4.state = NodeState::achieved;
    k4.close.closed_on = Date(2025, 5, 1);
    k4.close.final_score = 1.0;
    k4.close.note = "shipped early";
    m.key_results = {k1, k2, k3, k4};
    Kpi kp;
    kp.id = "kp";
    kp.name = "Uptime";
    kp.unit = "acme";
    kp.series = "kps";
    kp.target = increase(0, 100);
    m.kpis.push_back(kp);
    s.add("s2", Date(2025, 4, 1), 50);
    s.add("s2", Date(2025, 4, 14), 50);
    s.add("kps", Date(2025, 4, 10), 95);
    s.add("kps", Date(2025, 5, 10), 50);
    s.finalize();
  }
};

}  // namespace

TEST_CASE("review: changes, movers, risks, stale, closed and cycle score, worked by hand") {
  Fixture f;
  const Review r = review(f.m, f.s, kFrom, kTo);
  CHECK(r.cycle == "q2");
  CHECK(r.before.as_of == kFrom);
  CHECK(r.after.as_of == kTo);

  // Cycle score 0.35 -> 0.55.
  REQUIRE(r.cycles.size() == 1);
  CHECK(r.cycles[0].before == Approx(0.35));
  CHECK(r.cycles[0].after == Approx(0.55));
  CHECK(r.cycles[0].delta == Approx(0.20));

  // Movers up: k4 +0.7, k1 +0.4, o +0.2; down: kp -0.45, k3 -0.3.
  REQUIRE(r.movers_up.size() == 3);
  CHECK(r.movers_up[0].node == "k4");
  CHECK(r.movers_up[0].delta == Approx(0.7));
  CHECK(r.movers_up[1].node == "k1");
  CHECK(r.movers_up[1].before == Approx(0.2));
  CHECK(r.movers_up[1].after == Approx(0.6));
  CHECK(r.movers_up[2].node == "o");
  CHECK(r.movers_up[2].delta == Approx(0.2));
  REQUIRE(r.movers_down.size() == 2);
  CHECK(r.movers_down[0].node == "kp");
  CHECK(r.movers_down[0].delta == Approx(-0.45));
  CHECK(r.movers_down[1].node == "k3");
  CHECK(r.movers_down[1].delta == Approx(-0.3));

  // top = 1 keeps the largest each way.
  ReviewOptions one;
  one.top = 1;
  const Review r1 = review(f.m, f.s, kFrom, kTo, one);
  REQUIRE(r1.movers_up.size() == 1);
  CHECK(r1.movers_up[0].node == "k4");
  REQUIRE(r1.movers_down.size() == 1);
  CHECK(r1.movers_down[0].node == "kp");

  // Status changes: k3 on_track -> off_track, k4 on_track -> done (closed at
  // its success level 1); health: kp green -> red.
  auto change = [&](const std::string& node, const std::string& field) -> const ReviewChange* {
    for (const auto& c : r.changes)
      if (c.node == node && c.field == field) return &c;
    return nullptr;
  };
  const ReviewChange* c3 = change("k3", "status");
  REQUIRE(c3);
  CHECK(c3->before == "on_track");
  CHECK(c3->after == "off_track");
  const ReviewChange* c4 = change("k4", "status");
  REQUIRE(c4);
  CHECK(c4->before == "on_track");
  CHECK(c4->after == "done");
  CHECK(change("k1", "status") == nullptr);  // on_track both times (0.2 >= 0.0556, 0.6 >= 0.4)
  CHECK(change("k2", "status") == nullptr);  // 0.5 on_track both times
  const ReviewChange* cp = change("kp", "health");
  REQUIRE(cp);
  CHECK(cp->before == "green");
  CHECK(cp->after == "red");

  // Risks: the KPI turned red (no outlook, so no P(target) risks).
  REQUIRE(r.risks.size() == 1);
  CHECK(r.risks[0].node == "kp");
  CHECK(r.risks[0].risk == "red_kpi");
  CHECK(r.risks[0].before == "green");
  CHECK(r.risks[0].after == "red");

  // Stale: k2 only (k1, k3 checked in; k4 closed in the window).
  REQUIRE(r.stale.size() == 1);
  CHECK(r.stale[0].node == "k2");
  CHECK(r.stale[0].objective == "o");
  REQUIRE(r.stale[0].last_update);
  CHECK(*r.stale[0].last_update == Date(2025, 4, 14));
  CHECK(r.stale[0].reason ==
        "no check-in and no measurement of series 's2' from 2025-04-15 to 2025-05-16; last "
        "update 2025-04-14");

  // Closed: k4 achieved on 05-01, final score 1.
  REQUIRE(r.closed.size() == 1);
  CHECK(r.closed[0].node == "k4");
  CHECK(r.closed[0].state == NodeState::achieved);
  CHECK(r.closed[0].closed_on == Date(2025, 5, 1));
  CHECK(r.closed[0].final_score == 1.0);
  CHECK(r.closed[0].note == "shipped early");

  // Burn-up of o at 04-15, 04-22, 04-29, 05-06, 05-13 and 05-16:
  // 0.35 until k3 falls and k4 closes on 05-01: 05-06 (0.2+0.5+0.1+1)/4 = 0.45;
  // k1's 05-10 check-in: 05-13 and 05-16 (0.6+0.5+0.1+1)/4 = 0.55.
  REQUIRE(r.burnups.size() == 1);
  const ReviewBurnup& b = r.burnups[0];
  CHECK(b.objective == "o");
  CHECK(b.due == Date(2025, 6, 30));
  REQUIRE(b.dates.size() == 6);
  CHECK(b.dates[1] == Date(2025, 4, 22));
  CHECK(b.dates[5] == kTo);
  const double want[] = {0.35, 0.35, 0.35, 0.45, 0.55, 0.55};
  for (std::size_t i = 0; i < 6; ++i) CHECK(b.actual[i] == Approx(want[i]));
  // Expected at the start: every KR expects 14 / 90 (k4 still open on 04-15).
  CHECK(b.expected[0] == Approx(14.0 / 90.0));
  CHECK(std::isnan(b.forecast));  // no outlook
}

TEST_CASE("review: a P(target) that falls below the threshold is a new risk") {
  // k has monthly history before the cycle, rising steadily 60, 70, 80, 90
  // (Jan..Apr) towards its target 100: P(target by 06-30) is high on 04-15.
  // In May it collapses to 10: on 05-16 P(target) is low.
  Fixture f;
  Model m = f.m;
  KeyResult k = kr("kf");
  k.series = "sf";
  m.key_results = {k};
  m.kpis.clear();
  SeriesStore s;
  const double before[] = {60, 70, 80, 90};
  for (int i = 0; i < 4; ++i)
    s.add("sf", Date(2025, static_cast<unsigned short>(i + 1), 10), before[i]);
  s.add("sf", Date(2025, 5, 10), 10);
  s.finalize();
  ReviewOptions o;
  o.evaluate.outlook = true;
  const Review r = review(m, s, kFrom, kTo, o);
  const NodeScore* a = r.before.find("kf");
  const NodeScore* z = r.after.find("kf");
  REQUIRE(a);
  REQUIRE(z);
  INFO("P before " << a->probability << ", after " << z->probability);
  REQUIRE(a->probability >= 0.5);
  REQUIRE(z->probability < 0.5);
  REQUIRE(r.risks.size() == 1);
  CHECK(r.risks[0].node == "kf");
  CHECK(r.risks[0].risk == "probability");
  CHECK(r.risks[0].probability_before == a->probability);
  CHECK(r.risks[0].probability_after == z->probability);
  // The burn-up's fan: one key result, so centre, low and high are all its
  // projected progress at the due date (clamped to 0..1), drawn to 06-30.
  REQUIRE(r.burnups.size() == 1);
  const double proj = std::min(std::max(z->projected_progress, 0.0), 1.0);
  REQUIRE(std::isfinite(proj));
  CHECK(r.burnups[0].forecast == proj);
  CHECK(r.burnups[0].forecast_low == proj);
  CHECK(r.burnups[0].forecast_high == proj);
  CHECK(review_html(r).find("class=\"fan\"") != std::string::npos);
  // A threshold below both probabilities sees no fall through it.
  o.risk_threshold = z->probability / 2;
  CHECK(review(m, s, kFrom, kTo, o).risks.empty());
}

TEST_CASE("review: bad windows and options are errors that name the option") {
  Fixture f;
  CHECK_THROWS_WITH(review(f.m, f.s, kTo, kFrom),
                    "review: --from 2025-05-16 is after --to 2025-04-15; give a --from on or "
                    "before --to");
  CHECK_THROWS_WITH(review(f.m, f.s, Date(2025, 3, 1), kTo),
                    "review: no cycle of the model contains the window 2025-03-01 to 2025-05-16 "
                    "(--from, --to); give dates inside one cycle (q2 2025-04-01 to 2025-06-30) "
                    "or name one with --cycle");
  ReviewOptions named;
  named.cycle = "q3";
  CHECK_THROWS_WITH(review(f.m, f.s, kFrom, kTo, named),
                    "review: no cycle 'q3' (--cycle) in the model; give one of: q2");
  named.cycle = "q2";
  CHECK_THROWS_WITH(review(f.m, f.s, kFrom, Date(2025, 7, 2), named),
                    "review: the window 2025-04-15 to 2025-07-02 (--from, --to) is not inside "
                    "cycle 'q2' (2025-04-01 to 2025-06-30); give dates inside it");
  ReviewOptions bad;
  bad.risk_threshold = 1.5;
  CHECK_THROWS_WITH(review(f.m, f.s, kFrom, kTo, bad),
                    "review: --risk-threshold 1.5 is not a probability; give a number from 0 to 1");
  CHECK_THROWS_AS(review(f.m, f.s, kTo, kFrom), DomainError);
}

TEST_CASE("review writers: table, markdown, JSON and HTML") {
  Fixture f;
  f.m.objectives[0].title = "<script>alert(1)</script> & Co";
  const Review r = review(f.m, f.s, kFrom, kTo);
  const std::string table = format_review_table(r);
  CHECK(table.find("review of cycle q2, 2025-04-15 to 2025-05-16") == 0);
  CHECK(table.find("cycle q2: score 0.35 -> 0.55 (+0.20)") != std::string::npos);
  CHECK(table.find("Stale key results (1):") != std::string::npos);
  CHECK(table.find("+70.0%") != std::string::npos);  // k4's move

  const std::string md = review_to_markdown(r);
  CHECK(md.find("### Biggest movers down") != std::string::npos);
  CHECK(md.find("| kp | kpi | 95.0% | 50.0% | -45.0% |") != std::string::npos);

  const std::string js = review_to_json(r);
  CHECK(js.find("\"direction\": \"up\"") != std::string::npos);
  CHECK(js.find("\"last_update\": \"2025-04-14\"") != std::string::npos);

  const std::string html = review_html(r);
  CHECK(html.find("<script>") == std::string::npos);
  CHECK(html.find("&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co") != std::string::npos);
  std::size_t svgs = 0;
  for (std::size_t at = html.find("class=\"burnup\""); at != std::string::npos;
       at = html.find("class=\"burnup\"", at + 1))
    ++svgs;
  CHECK(svgs == 1);  // one objective
  CHECK(html.find("class=\"target\"") != std::string::npos);
  CHECK(html.find("http") == html.find("http://www.w3.org/2000/svg"));  // no external resource
}

TEST_CASE("review: an item abandoned in the window is closed, not stale") {
  // k2 (stale in the fixture) abandoned on 05-02 with a note: listed under
  // closed with the score it had (0.5, computed at closing: docs/lifecycle.md),
  // no longer stale, and left out of o's roll-up from 05-02 on (abandoned =
  // exclude): o = (0.6 + 0.1 + 1.0) / 3 = 0.5667 at the end, 0.35 at the start.
  Fixture f;
  KeyResult& k2 = f.m.key_results[1];
  k2.state = NodeState::abandoned;
  k2.close.closed_on = Date(2025, 5, 2);
  k2.close.note = "partner paused";
  const Review r = review(f.m, f.s, kFrom, kTo);
  REQUIRE(r.closed.size() == 2);  // model order: k2, then k4
  CHECK(r.closed[1].node == "k4");
  CHECK(r.closed[0].node == "k2");
  CHECK(r.closed[0].state == NodeState::abandoned);
  CHECK(r.closed[0].final_score == Approx(0.5));
  CHECK(r.closed[0].note == "partner paused");
  CHECK(r.stale.empty());
  REQUIRE(r.cycles.size() == 1);
  CHECK(r.cycles[0].before == Approx(0.35));
  CHECK(r.cycles[0].after == Approx(1.7 / 3));
}
