// Tests for kr_methods.hpp and the scoring methods of key results in
// evaluate(): time in band, progress from the tracking KPIs, ordinal zones.
// Every number is worked by hand in the comments (docs/lifecycle.md
// "Scoring methods").
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>

#include <okrkit/io/atomic_file.hpp>
#include <okrkit/io/measurements_io.hpp>
#include <okrkit/io/model_io.hpp>
#include <okrkit/model/validate.hpp>
#include <okrkit/scoring/history.hpp>
#include <okrkit/scoring/kr_methods.hpp>
#include <okrkit/scoring/scorecard.hpp>

using namespace okrkit;

namespace {
Target band(double lo, double hi) {
  Target t;
  t.kind = TargetKind::range;
  t.lo = lo;
  t.hi = hi;
  return t;
}
Target at_least(double x) {
  Target t;
  t.kind = TargetKind::at_least;
  t.target = x;
  return t;
}
const Date q2_start(2025, 4, 1), q2_end(2025, 6, 30);
}  // namespace

TEST_CASE("in_band: edges included, NaN never inside") {
  CHECK(in_band(band(4, 6), 4));
  CHECK(in_band(band(4, 6), 6));
  CHECK_FALSE(in_band(band(4, 6), 6.01));
  CHECK(in_band(at_least(95), 95));
  CHECK_FALSE(in_band(at_least(95), 94.9));
  Target at_most = at_least(5);
  at_most.kind = TargetKind::at_most;
  CHECK(in_band(at_most, 5));
  CHECK_FALSE(in_band(at_most, 5.5));
  CHECK_FALSE(in_band(band(4, 6), std::nan("")));
  CHECK(band_text(band(4, 6)) == "inside [4, 6]");
  CHECK(band_text(at_least(95)) == "at or above 95");
}

TEST_CASE("time_in_band: hand-worked shares of the elapsed cycle") {
  const Target t = band(4, 6);
  SECTION("readings hold until the next one") {
    // Apr 1: 5 (in), Apr 11: 8 (out), Apr 21: 5 (in); as of Apr 30 the
    // window is Apr 1..30 = 30 days, inside Apr 1-10 and Apr 21-30 = 20.
    const std::vector<Reading> r{
        {Date(2025, 4, 1), 5}, {Date(2025, 4, 11), 8}, {Date(2025, 4, 21), 5}};
    const MethodScore m = time_in_band(t, r, q2_start, q2_end, Date(2025, 4, 30));
    CHECK(m.progress == Approx(20.0 / 30.0));
    CHECK(m.detail ==
          "time in band: 20 of 30 days inside [4, 6] (2025-04-01 to 2025-04-30) = 0.67");
  }
  SECTION("time before the first reading is left out") {
    // first reading Apr 11 (out), Apr 21 (in): window Apr 11..30 = 20 days, 10 inside
    const std::vector<Reading> r{{Date(2025, 4, 11), 8}, {Date(2025, 4, 21), 5}};
    CHECK(time_in_band(t, r, q2_start, q2_end, Date(2025, 4, 30)).progress == Approx(0.5));
  }
  SECTION("a reading before the cycle holds into it") {
    // Mar 20: 5 holds Apr 1-15, Apr 16: 7 (out): 15 of 30 days
    const std::vector<Reading> r{{Date(2025, 3, 20), 5}, {Date(2025, 4, 16), 7}};
    CHECK(time_in_band(t, r, q2_start, q2_end, Date(2025, 4, 30)).progress == Approx(0.5));
  }
  SECTION("after the cycle end the window stops at the end") {
    // Apr 1: 8 (out), Jun 21: 5 (in), as of Jul 15: Apr 1..Jun 30 = 30 + 31 +
    // 30 = 91 days, inside Jun 21-30 = 10
    const std::vector<Reading> r{{Date(2025, 4, 1), 8}, {Date(2025, 6, 21), 5}};
    CHECK(time_in_band(t, r, q2_start, q2_end, Date(2025, 7, 15)).progress == Approx(10.0 / 91.0));
  }
  SECTION("days after a missing reading are unknown, not out of band") {
    // Apr 1: 5, Apr 11: NaN, Apr 21: 5: 20 known days, all inside; 10 left out
    const std::vector<Reading> r{
        {Date(2025, 4, 1), 5}, {Date(2025, 4, 11), std::nan("")}, {Date(2025, 4, 21), 5}};
    const MethodScore m = time_in_band(t, r, q2_start, q2_end, Date(2025, 4, 30));
    CHECK(m.progress == 1.0);
    CHECK(m.detail ==
          "time in band: 20 of 20 days inside [4, 6] (2025-04-01 to 2025-04-30) = "
          "1.00; 10 days after missing readings left out");
  }
  SECTION("two readings of one day: the later holds") {
    const std::vector<Reading> r{{Date(2025, 4, 1), 8}, {Date(2025, 4, 1), 5}};
    CHECK(time_in_band(t, r, q2_start, q2_end, Date(2025, 4, 10)).progress == 1.0);
  }
  SECTION("at_least: edge counts inside") {
    // Apr 1: 96 (in), Apr 6: 94 (out), as of Apr 10: 5 of 10 days
    const std::vector<Reading> r{{Date(2025, 4, 1), 96}, {Date(2025, 4, 6), 94}};
    CHECK(time_in_band(at_least(95), r, q2_start, q2_end, Date(2025, 4, 10)).progress ==
          Approx(0.5));
  }
  SECTION("the as-of day counts: one reading on the as-of day is one day") {
    const std::vector<Reading> r{{Date(2025, 4, 30), 5}};
    const MethodScore m = time_in_band(t, r, q2_start, q2_end, Date(2025, 4, 30));
    CHECK(m.progress == 1.0);
    CHECK(m.detail == "time in band: 1 of 1 day inside [4, 6] (2025-04-30 to 2025-04-30) = 1.00");
  }
  SECTION("no progress before the start or without a reading") {
    const std::vector<Reading> r{{Date(2025, 5, 2), 5}};
    const MethodScore before = time_in_band(t, r, q2_start, q2_end, Date(2025, 3, 30));
    CHECK(std::isnan(before.progress));
    CHECK(before.detail == "time in band: no progress yet, the key result starts on 2025-04-01");
    const MethodScore none = time_in_band(t, r, q2_start, q2_end, Date(2025, 5, 1));
    CHECK(std::isnan(none.progress));
    CHECK(none.detail == "time in band: no progress, no reading on or before 2025-05-01");
    CHECK(std::isnan(time_in_band(t, {}, q2_start, q2_end, Date(2025, 5, 1)).progress));
  }
}

TEST_CASE("reported_zone: the latest reported zone and its score") {
  std::vector<CheckIn> cs(3);
  cs[0].date = Date(2025, 4, 10);
  cs[0].zone = ZoneLevel::commit;
  cs[1].date = Date(2025, 5, 8);
  cs[1].zone = ZoneLevel::target;
  cs[2].date = Date(2025, 5, 20);
  cs[2].value = 3;  // no zone: not read
  CHECK(std::isnan(reported_zone(cs, std::nullopt, Date(2025, 4, 9)).progress));
  CHECK(reported_zone(cs, std::nullopt, Date(2025, 4, 9)).detail ==
        "ordinal: no progress, no check-in reports a zone on or before 2025-04-09");
  const MethodScore may1 = reported_zone(cs, std::nullopt, Date(2025, 5, 1));
  CHECK(may1.zone == "commit");
  CHECK(may1.progress == 0.3);
  const MethodScore may25 = reported_zone(cs, std::nullopt, Date(2025, 5, 25));
  CHECK(may25.zone == "target");
  CHECK(may25.progress == 0.7);
  CHECK(may25.detail == "ordinal: zone target reported on 2025-05-08 scores 0.70");
  Zones z;
  z.target_score = 0.6;
  CHECK(reported_zone(cs, z, Date(2025, 5, 25)).progress == 0.6);
  cs[1].zone = ZoneLevel::below;
  CHECK(reported_zone(cs, z, Date(2025, 5, 25)).progress == 0.0);
}

TEST_CASE("from_kpis: one KPI, a weighted mean, and none when one is missing") {
  CHECK(from_kpis({{"kpi-a", 0.8, 1.0, ""}}).progress == 0.8);
  // (0.8 * 1 + 0.5 * 3) / 4 = 2.3 / 4 = 0.575
  const MethodScore two = from_kpis({{"kpi-a", 0.8, 1.0, ""}, {"kpi-b", 0.5, 3.0, ""}});
  CHECK(two.progress == Approx(0.575));
  CHECK(two.detail ==
        "tracked_by: weighted mean of the KPIs' achievements 'kpi-a' 0.80 (weight "
        "1), 'kpi-b' 0.50 (weight 3) = 0.57");
  const MethodScore gap =
      from_kpis({{"kpi-a", 0.8, 1.0, ""}, {"kpi-b", std::nan(""), 1.0, "no value"}});
  CHECK(std::isnan(gap.progress));
  CHECK(gap.detail == "tracked_by: no progress, KPI 'kpi-b' has none (no value)");
}

namespace {
// examples/kr-methods.json and its measurements: the worked example of
// docs/lifecycle.md "Scoring methods".
const std::string methods_model = read_file(std::string(OKRKIT_EXAMPLES_DIR) + "/kr-methods.json");
const std::string methods_data =
    read_file(std::string(OKRKIT_EXAMPLES_DIR) + "/kr-methods-measurements.csv");
}  // namespace

TEST_CASE("evaluate(): each key result scored by its method, the method shown") {
  const Model m = parse_model(methods_model, "methods.json");
  CHECK(validate(m).empty());
  const SeriesStore s = parse_measurements(methods_data, "methods.csv");
  const Scorecard sc = evaluate(m, s, Date(2025, 4, 30));
  const NodeScore* up = sc.find("kr-uptime");
  REQUIRE(up);
  // 99.9 (in) Apr 1-10, 99.1 (out) Apr 11-20, 99.7 (in) Apr 21-30: 20 of 30
  CHECK(up->scoring == "time_in_band");
  CHECK(up->progress == Approx(20.0 / 30.0));
  CHECK(up->attainment == Approx(20.0 / 30.0));
  CHECK(up->value == 99.7);
  CHECK(up->planned == 1.0);  // in the band the whole time is the plan
  CHECK(up->scoring_detail ==
        "time in band: 20 of 30 days at or above 99.5 (2025-04-01 to 2025-04-30) = 0.67");
  CHECK(up->status == Status::off_track);  // 33 points below 1, more than 2 x 10
  const NodeScore* nps = sc.find("kr-nps");
  REQUIRE(nps);
  // KPI: (45 - 30) / (50 - 30) = 0.75
  CHECK(nps->scoring == "tracked_by");
  CHECK(nps->progress == Approx(0.75));
  CHECK(nps->attainment == Approx(0.75));
  CHECK(nps->scoring_detail == "tracked_by: achievement of KPI 'kpi-nps' 0.75");
  CHECK(nps->diagnostics.empty());
  const NodeScore* two = sc.find("kr-two");
  REQUIRE(two);
  // (0.75 * 1 + 0.5 * 3) / 4 = 0.5625
  CHECK(two->progress == Approx(0.5625));
  const NodeScore* dark = sc.find("kr-dark");
  REQUIRE(dark);
  CHECK(std::isnan(dark->progress));
  CHECK(dark->scoring_detail ==
        "tracked_by: no progress, KPI 'kpi-dark' has none (no value on or before 2025-04-30)");
  REQUIRE(dark->diagnostics.size() == 1);
  CHECK(dark->diagnostics[0].code == "no-progress");
  CHECK(dark->diagnostics[0].where.field == "scoring");
  const NodeScore* launch = sc.find("kr-launch");
  REQUIRE(launch);
  CHECK(launch->scoring == "ordinal");
  CHECK(launch->zone == "target");
  CHECK(launch->zone_score == 0.6);
  CHECK(launch->progress == 0.6);
  const NodeScore* o = sc.find("o");
  REQUIRE(o);
  // mean of 20/30, 0.75, 0.5625, 0.6 (kr-dark has no score: left out)
  CHECK(o->attainment == Approx((20.0 / 30.0 + 0.75 + 0.5625 + 0.6) / 4.0));
  // the value-scored default shows "value"
  CHECK(sc.find("kpi-nps")->scoring.empty());
}

TEST_CASE("evaluate_history() gives the methods' numbers of evaluate() at each date") {
  const Model m = parse_model(methods_model, "methods.json");
  const SeriesStore s = parse_measurements(methods_data, "methods.csv");
  const std::vector<Date> dates{Date(2025, 4, 5), Date(2025, 4, 12), Date(2025, 4, 30),
                                Date(2025, 3, 1), Date(2025, 7, 10)};
  const auto hist = evaluate_history(m, s, dates);
  REQUIRE(hist.size() == dates.size());
  for (std::size_t k = 0; k < dates.size(); ++k) {
    const Scorecard one = evaluate(m, s, dates[k]);
    for (const char* id : {"kr-uptime", "kr-nps", "kr-two", "kr-launch", "o"}) {
      INFO(id << " at " << format_date(dates[k]));
      const NodeScore* a = hist[k].find(id);
      const NodeScore* b = one.find(id);
      REQUIRE(a);
      REQUIRE(b);
      CHECK((a->progress == b->progress || (std::isnan(a->progress) && std::isnan(b->progress))));
      CHECK(a->scoring_detail == b->scoring_detail);
    }
  }
  // Apr 12: Apr 1-10 in, Apr 11-12 out: 10 of 12
  CHECK(hist[1].find("kr-uptime")->progress == Approx(10.0 / 12.0));
  // Jul 10: the window ends Jun 30: Apr 1-10 and Apr 21-Jun 30 inside = 10 + 71 of 91
  CHECK(hist[4].find("kr-uptime")->progress == Approx(81.0 / 91.0));
}

TEST_CASE("a closed time-in-band key result is scored at its closing day") {
  Model m = parse_model(methods_model, "methods.json");
  m.key_results[0].state = NodeState::achieved;
  m.key_results[0].close.closed_on = Date(2025, 4, 12);
  const SeriesStore s = parse_measurements(methods_data, "methods.csv");
  const Scorecard sc = evaluate(m, s, Date(2025, 5, 31));
  // at Apr 12: 10 of 12 days
  CHECK(sc.find("kr-uptime")->attainment == Approx(10.0 / 12.0));
}

TEST_CASE("update() re-evaluates in full when a key result follows its KPIs") {
  Model m = parse_model(methods_model, "methods.json");
  SeriesStore s = parse_measurements(methods_data, "methods.csv");
  Scorecard sc = evaluate(m, s, Date(2025, 4, 30));
  ScorecardChanges ch;
  ch.measurements.push_back({"nps", Date(2025, 4, 20), 40.0});
  const UpdateResult r = sc.update(m, s, ch);
  CHECK(r.full);
  // KPI now 40: (40 - 30) / 20 = 0.5
  CHECK(sc.find("kr-nps")->progress == Approx(0.5));
}

TEST_CASE("scoring and check-in zones round-trip through the model format") {
  const Model m = parse_model(methods_model, "methods.json");
  CHECK(m.key_results[0].scoring == KrScoring::time_in_band);
  CHECK(m.key_results[1].scoring == KrScoring::tracked_by);
  REQUIRE(m.key_results[4].checkins.size() == 2);
  CHECK(m.key_results[4].checkins[1].zone == ZoneLevel::target);
  const std::string once = dump_model(m);
  CHECK(once.find("\"scoring\": \"ordinal\"") != std::string::npos);
  CHECK(once.find("\"zone\": \"commit\"") != std::string::npos);
  CHECK(dump_model(parse_model(once, "again.json")) == once);
  // the default is left out
  Model x = m;
  x.key_results[0].scoring = KrScoring::value;
  x.key_results[0].target.kind = TargetKind::at_least;
  CHECK(dump_model(x).find("time_in_band") == std::string::npos);
}

TEST_CASE("validate(): what each scoring method needs") {
  auto codes = [](const Model& m) {
    std::vector<std::string> out;
    for (const auto& d : validate(m))
      if (d.severity == Severity::error) out.push_back(d.code + " " + d.where.field);
    return out;
  };
  Model m = parse_model(methods_model, "methods.json");
  // KRs scored by KPIs or reported zones need no target of their own, and
  // an ordinal KR's zones need no levels
  CHECK(codes(m).empty());
  Model a = m;
  a.key_results[0].value_override = 99.0;
  CHECK(codes(a) == std::vector<std::string>{"conflict value_override"});
  Model b = m;
  b.key_results[0].cascade_from = {"kr-nps"};
  CHECK(codes(b) == std::vector<std::string>{"conflict cascade_from"});
  Model c = m;
  c.key_results[4].scoring = KrScoring::value;  // now its zones need a level and it a target
  const auto cc = codes(c);
  CHECK(std::find(cc.begin(), cc.end(), "conflict checkins[0].zone") != cc.end());
  CHECK(std::find(cc.begin(), cc.end(), "bad-zones zones") != cc.end());
  Model d = m;
  d.key_results[1].tracked_by.clear();
  CHECK(codes(d) == std::vector<std::string>{"missing-field tracked_by"});
}

TEST_CASE("a closed tracked_by key result takes its KPIs' achievement at the closing day") {
  Model m = parse_model(methods_model, "methods.json");
  m.key_results[1].state = NodeState::achieved;
  m.key_results[1].close.closed_on = Date(2025, 4, 20);
  // nps 45 on Apr 15, 50 on May 10: at the closing day (45 - 30) / 20 = 0.75,
  // at the as-of date the KPI row itself is (50 - 30) / 20 = 1
  const SeriesStore s = parse_measurements(methods_data + "nps,2025-05-10,50\n", "methods.csv");
  const Scorecard sc = evaluate(m, s, Date(2025, 5, 31));
  CHECK(sc.find("kpi-nps")->attainment == 1.0);
  CHECK(sc.find("kr-nps")->attainment == Approx(0.75));
  CHECK(sc.find("kr-nps")->scoring_detail == "tracked_by: achievement of KPI 'kpi-nps' 0.75");
  // closed before the first reading: no progress, said why
  m.key_results[1].close.closed_on = Date(2025, 4, 10);
  const Scorecard early = evaluate(m, s, Date(2025, 5, 31));
  CHECK(std::isnan(early.find("kr-nps")->attainment));
  CHECK(early.find("kr-nps")->scoring_detail ==
        "tracked_by: no progress, KPI 'kpi-nps' has none (no value on or before 2025-04-10)");
  // and evaluate_history() agrees at both dates
  const auto hist = evaluate_history(m, s, {Date(2025, 4, 12), Date(2025, 5, 31)});
  CHECK(hist[1].find("kr-nps")->scoring_detail == early.find("kr-nps")->scoring_detail);
}

TEST_CASE("a model built in code with a method's input missing gets the error on the row") {
  Model m = parse_model(methods_model, "methods.json");
  m.key_results[0].target.kind = TargetKind::increase;  // time in band without a band
  m.key_results[1].checkins.push_back(CheckIn{});       // a zone on a tracked_by KR
  m.key_results[1].checkins.back().date = Date(2025, 4, 2);
  m.key_results[1].checkins.back().zone = ZoneLevel::stretch;
  const SeriesStore s = parse_measurements(methods_data, "methods.csv");
  const Scorecard sc = evaluate(m, s, Date(2025, 4, 30));
  const NodeScore* up = sc.find("kr-uptime");
  CHECK(std::isnan(up->progress));
  CHECK(up->scoring_detail ==
        "time in band: no progress, the target has no band: inside the band (kind 'increase' has "
        "none)");
  auto has = [](const NodeScore* n, const char* code) {
    return std::any_of(n->diagnostics.begin(), n->diagnostics.end(),
                       [&](const Diagnostic& d) { return d.code == code; });
  };
  CHECK(has(up, "bad-scoring"));
  CHECK(has(sc.find("kr-nps"), "conflict"));
}
