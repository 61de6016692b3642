// The bundled example (examples/acme.json + acme-measurements.csv) scored at
// 2025-05-31, checked against numbers worked out by hand; plus the period,
// derived-KPI, Jalali-cycle and forecast wiring of evaluate() on small models.
#include <catch2/catch.hpp>

#include <cmath>
#include <string>

#include "okrkit/io/measurements_io.hpp"
#include "okrkit/io/model_io.hpp"
#include "okrkit/scoring/scorecard.hpp"
#include "okrkit/model/validate.hpp"

using namespace okrkit;
using Catch::Detail::Approx;

namespace {

Scorecard example_at(Date as_of, bool outlook = false) {
  static const Model m = load_model(std::string(OKRKIT_EXAMPLES_DIR) + "/acme.json");
  static const SeriesStore data =
      load_measurements(std::string(OKRKIT_EXAMPLES_DIR) + "/acme-measurements.csv");
  EvaluateOptions o;
  o.outlook = outlook;
  return evaluate(m, data, as_of, o);
}

bool has_code(const NodeScore& n, const std::string& code) {
  for (const auto& d : n.diagnostics)
    if (d.code == code) return true;
  return false;
}

}  // namespace

TEST_CASE("the bundled example at 2025-05-31: hand-worked values") {
  const Scorecard sc = example_at(Date(2025, 5, 31));

  // kr-traffic: increase, b = 50000, t = +40% = 70000, v = 61000 (May)
  //   p = (61000 - 50000) / (70000 - 50000) = 0.55
  const NodeScore* traffic = sc.find("kr-traffic");
  REQUIRE(traffic);
  CHECK(traffic->value == 61000);
  CHECK(traffic->target == 70000);
  CHECK(traffic->progress == Approx(0.55));
  // Cycle q2-2025 (2025-04-01..06-30): e = (May 31 - Apr 1) / (Jun 30 - Apr 1) = 60 / 90
  CHECK(traffic->planned == Approx(60.0 / 90.0));
  // o-marketing is aspirational: the status is judged against 0.7 x 60/90
  CHECK(traffic->expected == Approx(0.7 * 60.0 / 90.0));
  CHECK(traffic->title == "Grow monthly organic traffic by 40%");
  CHECK(traffic->reason ==
        "progress 0.55 at or above the aspirational expectation 0.47 (0.70 x plan 0.67)");

  // kr-response: decrease 3.5 h -> 2 h, v = 2.6: p = (2.6 - 3.5) / (2 - 3.5) = 0.6
  const NodeScore* response = sc.find("kr-response");
  REQUIRE(response);
  CHECK(response->progress == Approx(0.6));
  // Its objective o-support runs in the Jalali cycle "1404-Q1" (label only):
  // 1 Farvardin 1404 = 2025-03-21 .. 31 Khordad 1404 = 2025-06-21 (93 days).
  //   e = (May 31 - Mar 21) / (Jun 21 - Mar 21) = 71 / 92 = 0.771739...
  CHECK(response->expected == Approx(71.0 / 92.0));
  const NodeScore* fcr = sc.find("kr-fcr");
  REQUIRE(fcr);
  // kr-fcr: increase 78 -> 85, v = 81.5: p = 3.5 / 7 = 0.5; same Jalali expectation
  CHECK(fcr->progress == Approx(0.5));
  CHECK(fcr->expected == Approx(71.0 / 92.0));

  // kpi-conversion: ratio of sums over May: 6100 / 61000 = 0.1
  const NodeScore* conv = sc.find("kpi-conversion");
  REQUIRE(conv);
  CHECK(conv->value == Approx(0.1));

  // kpi-support-csat is derived: support_csat_satisfied / support_csat_responses * 100
  // in May: 364 / 400 * 100 = 91; at_least 90 -> progress 1, health green (>= 90)
  const NodeScore* csat = sc.find("kpi-support-csat");
  REQUIRE(csat);
  CHECK(csat->value == Approx(91.0));
  CHECK(csat->value_source == Provenance::computed);
  CHECK(csat->health == Health::green);
  CHECK(csat->diagnostics.empty());

  // kr-development: no measurements, the latest check-in (2025-05-31) 1.9;
  // at_least 3 from floor 0: p = 1.9 / 3
  const NodeScore* dev = sc.find("kr-development");
  REQUIRE(dev);
  CHECK(dev->value == Approx(1.9));
  CHECK(dev->progress == Approx(1.9 / 3.0));
  // Computed: 0.633 >= 2/3 - 0.1 = 0.567, on track; but Li reported caution
  // on 2025-05-31, 0 days before as-of (window 14 days): the report decides
  // the health (docs/lifecycle.md "Health", step 3 before step 4).
  CHECK(dev->status == Status::on_track);
  CHECK(dev->health == Health::caution);
  CHECK(dev->health_reason == "reported caution on 2025-05-31 (check-in window 14 days)");
  CHECK(dev->confidence == Approx(0.7));
  // On 2025-05-20 the latest report is 2025-04-30's on_track, 20 days old:
  // outside the window, so health is the computed status again.
  const Scorecard earlier = example_at(Date(2025, 5, 20));
  const NodeScore* dev20 = earlier.find("kr-development");
  REQUIRE(dev20);
  CHECK(dev20->health_reason.rfind(
            "computed (the status reported on 2025-04-30 is older than 14 days): ", 0) == 0);

  // Without the outlook option no forecast fields are filled.
  CHECK(traffic->history_periods == 0);
  CHECK(std::isnan(traffic->probability));
}

TEST_CASE("KPI values: the as-of period's aggregate, else a stale earlier period") {
  // One as-of date inside June with no June data: the May value with a
  // "stale-value" diagnostic naming 2025-05.
  const Scorecard sc = example_at(Date(2025, 6, 15));
  const NodeScore* conv = sc.find("kpi-conversion");
  REQUIRE(conv);
  CHECK(conv->value == Approx(0.1));
  CHECK(has_code(*conv, "stale-value"));
  bool names_may = false;
  for (const auto& d : conv->diagnostics)
    names_may |= d.message.find("2025-05") != std::string::npos;
  CHECK(names_may);

  // Small model: sum / mean / ratio per month, cycle-to-date sum for a KR.
  Model m;
  m.cycles.push_back({"c", "2025-Q2", Date(2025, 4, 1), Date(2025, 6, 30)});
  m.units.push_back({"u", "U", "", ""});
  m.objectives.push_back({});
  m.objectives[0].id = "o";
  m.objectives[0].unit = "u";
  m.objectives[0].cycle = "c";
  KeyResult kr;
  kr.id = "kr-sum";
  kr.objective = "o";
  kr.target.kind = TargetKind::increase;
  kr.target.baseline = 0;
  kr.target.target = 50;
  kr.series = "deals";
  kr.aggregation = Aggregation::sum;
  m.key_results.push_back(kr);
  auto kpi = [&](const char* id, Aggregation how) {
    Kpi k;
    k.id = id;
    k.unit = "u";
    k.series = "deals";
    k.aggregation = how;
    k.target.kind = TargetKind::at_least;
    k.target.target = 10;
    m.kpis.push_back(k);
  };
  kpi("k-sum", Aggregation::sum);
  kpi("k-mean", Aggregation::mean);
  kpi("k-ratio", Aggregation::ratio);
  SeriesStore s;
  auto add = [&](Date d, double v, double num, double den) {
    s.add("deals", to_day_number(d), v, num, den);
  };
  add(Date(2025, 3, 20), 3, 1, 10);  // before the cycle
  add(Date(2025, 4, 10), 7, 2, 10);
  add(Date(2025, 5, 3), 10, 3, 20);
  add(Date(2025, 5, 20), 5, 1, 20);
  add(Date(2025, 6, 2), 100, 1, 1);  // after the as-of date: never used
  s.finalize();
  const Scorecard r = evaluate(m, s, Date(2025, 5, 31));
  // May: sum 10 + 5 = 15; mean 7.5; ratio (3 + 1) / (20 + 20) = 0.1
  CHECK(r.find("k-sum")->value == 15);
  CHECK(r.find("k-mean")->value == 7.5);
  CHECK(r.find("k-ratio")->value == Approx(0.1));
  // KR: cycle-to-date sum from 2025-04-01: 7 + 10 + 5 = 22 -> p = 22 / 50
  CHECK(r.find("kr-sum")->value == 22);
  CHECK(r.find("kr-sum")->progress == Approx(0.44));
}

TEST_CASE("derived KPIs: per-period formula, division by zero and unknown names") {
  Model m;
  m.sources.file = "m.json";
  m.sources.lines[{"k-bad", "formula"}] = 12;
  m.units.push_back({"u", "U", "", ""});
  auto kpi = [&](const char* id, const char* formula) {
    Kpi k;
    k.id = id;
    k.unit = "u";
    k.formula = formula;
    k.target.kind = TargetKind::at_least;
    k.target.target = 1;
    m.kpis.push_back(k);
  };
  kpi("k-cpl", "spend / leads");
  kpi("k-bad", "spend / nosuch");
  kpi("k-parse", "spend / * leads");
  SeriesStore s;
  s.add("spend", to_day_number(Date(2025, 4, 5)), 300);
  s.add("spend", to_day_number(Date(2025, 4, 25)), 100);  // April spend 400 (sum)
  s.add("leads", to_day_number(Date(2025, 4, 30)), 80);
  s.add("spend", to_day_number(Date(2025, 5, 31)), 500);
  s.add("leads", to_day_number(Date(2025, 5, 31)), 0);
  s.finalize();
  for (auto& k : m.kpis) k.aggregation = Aggregation::sum;

  // April: (300 + 100) / 80 = 5
  Scorecard a = evaluate(m, s, Date(2025, 4, 30));
  CHECK(a.find("k-cpl")->value == Approx(5.0));
  // May: 500 / 0 -> missing value with a division-by-zero diagnostic
  Scorecard b = evaluate(m, s, Date(2025, 5, 31));
  const NodeScore* cpl = b.find("k-cpl");
  CHECK(std::isnan(cpl->value));
  CHECK(has_code(*cpl, "division-by-zero"));
  // Unknown name: an error naming file, line and field.
  const NodeScore* bad = b.find("k-bad");
  REQUIRE(has_code(*bad, "unknown-name"));
  for (const auto& d : bad->diagnostics)
    if (d.code == "unknown-name") {
      CHECK(d.severity == Severity::error);
      CHECK(d.where.file == "m.json");
      CHECK(d.where.line == 12);
      CHECK(d.where.field == "formula");
      CHECK(d.message.find("nosuch") != std::string::npos);
    }
  CHECK(has_code(*b.find("k-parse"), "formula-error"));
}

TEST_CASE("cycles from period labels: Jalali and fiscal, bad labels, mismatches") {
  Cycle c{"c", "1404-Q1", Date(), Date()};
  Model m;
  m.cycles.push_back(c);
  m.cycles.push_back({"f", "FY2026-Q1", Date(), Date()});
  m.cycles.push_back({"x", "2025-Q9", Date(), Date()});
  m.cycles.push_back({"w", "2025-Q2", Date(2025, 4, 1), Date(2025, 6, 29)});
  auto ds = validate(m);
  int bad = 0, mismatch = 0;
  for (const auto& d : ds) {
    if (d.code == "bad-period") {
      ++bad;
      CHECK(d.where.node == "x");
      CHECK(d.where.field == "period");
      CHECK(d.severity == Severity::error);
    }
    if (d.code == "period-mismatch") {
      ++mismatch;
      CHECK(d.where.node == "w");
      CHECK(d.severity == Severity::warning);
    }
  }
  CHECK(bad == 1);
  CHECK(mismatch == 1);

  // Loading a label-only cycle derives the dates and writes them back out as given.
  const std::string json = R"({"okrkit": 1, "cycles": [ { "id": "c", "period": "1404-Q1" } ]})";
  Model l = parse_model(json);
  REQUIRE(l.cycles.size() == 1);
  CHECK(l.cycles[0].start == Date(2025, 3, 21));
  CHECK(l.cycles[0].end == Date(2025, 6, 21));
  CHECK(dump_model(l).find("start") == std::string::npos);
}

TEST_CASE("outlook: trend and forecast only with enough history; probability sanity") {
  Model m;
  m.cycles.push_back({"y", "2025", Date(2025, 1, 1), Date(2025, 12, 31)});
  m.units.push_back({"u", "U", "", ""});
  m.objectives.push_back({});
  m.objectives[0].id = "o";
  m.objectives[0].unit = "u";
  m.objectives[0].cycle = "y";
  auto kr = [&](const char* id, const char* series) {
    KeyResult k;
    k.id = id;
    k.objective = "o";
    k.series = series;
    k.target.kind = TargetKind::increase;
    k.target.baseline = 0;
    k.target.target = 100;
    m.key_results.push_back(k);
  };
  kr("kr-rising", "rising");
  kr("kr-flat", "flat");
  kr("kr-short", "short");
  SeriesStore s;
  // Monthly, Jan..Aug. "rising" gains ~10 a month: about 120 by December.
  const double rising[] = {10, 21, 29, 41, 50, 59, 71, 80};
  const double flat[] = {10, 11, 10, 9, 10, 11, 10, 10};
  for (int i = 0; i < 8; ++i) {
    const Date d = Date(2025, i + 1, 1).end_of_month();
    s.add("rising", to_day_number(d), rising[i]);
    s.add("flat", to_day_number(d), flat[i]);
    if (i >= 5) s.add("short", to_day_number(d), 10.0 * i);  // 3 months only
  }
  s.finalize();
  EvaluateOptions o;
  o.outlook = true;
  const Scorecard sc = evaluate(m, s, Date(2025, 8, 31), o);
  const NodeScore* up = sc.find("kr-rising");
  REQUIRE(up);
  CHECK(up->history_periods == 8);
  CHECK(up->period_kind == "month");
  CHECK(up->trend == "increasing");
  CHECK(up->trend_slope == Approx(10).epsilon(0.05));
  CHECK(up->forecast_model == "AAN");  // Holt below 10 periods
  CHECK(up->probability > 0.9);
  CHECK(up->projected_value > 100);
  // run-rate: (100 - 80) / 4 remaining months = 5
  CHECK(up->run_rate == Approx(5.0));
  REQUIRE(up->target_date);
  CHECK(*up->target_date <= Date(2025, 12, 31));
  CHECK(up->forecast_status == Status::on_track);

  const NodeScore* fl = sc.find("kr-flat");
  REQUIRE(fl);
  CHECK(fl->probability < 0.1);
  CHECK(fl->trend == "none");
  CHECK(fl->forecast_status == Status::off_track);

  const NodeScore* sh = sc.find("kr-short");
  REQUIRE(sh);
  CHECK(sh->history_periods == 0);
  CHECK(std::isnan(sh->probability));
  CHECK(sh->forecast_model.empty());

  // Forecast-based status replaces the progress status where a forecast exists.
  o.forecast_based_status = true;
  const Scorecard f = evaluate(m, s, Date(2025, 8, 31), o);
  CHECK(f.find("kr-flat")->status == Status::off_track);
  CHECK(f.find("kr-rising")->status == Status::on_track);
}

TEST_CASE("the bundled example with the outlook: KRs with 5 months of data get a forecast") {
  const Scorecard sc = example_at(Date(2025, 5, 31), true);
  const NodeScore* traffic = sc.find("kr-traffic");
  REQUIRE(traffic);
  CHECK(traffic->history_periods == 5);  // Jan..May 2025
  CHECK(traffic->trend == "increasing");
  // run-rate to 70000 by June from 61000 in May: (70000 - 61000) / 1
  CHECK(traffic->run_rate == Approx(9000));
  CHECK(traffic->probability >= 0.0);
  CHECK(traffic->probability <= 1.0);
  // esat_index has 2 measurements: no outlook
  CHECK(sc.find("kr-esat")->history_periods == 0);
  // the derived KPI has 5 months of results
  CHECK(sc.find("kpi-support-csat")->history_periods == 5);
}
