// Tests for zones.hpp and the zone / zone_score / amounts columns of the
// scorecard; hand-worked from docs/scoring.md "Zones" and "Amounts".
#include <catch2/catch.hpp>

#include <cmath>

#include <okrkit/io/measurements_io.hpp>
#include <okrkit/io/model_io.hpp>
#include <okrkit/model/validate.hpp>
#include <okrkit/scoring/scorecard.hpp>
#include <okrkit/scoring/zones.hpp>

using namespace okrkit;

TEST_CASE("zone_of: the highest level met in the KR's direction") {
  Zones z;
  z.commit = 50;
  z.target = 80;
  z.stretch = 100;
  CHECK(zone_of(z, true, 85).zone == "target");
  CHECK(zone_of(z, true, 85).score == 0.7);
  CHECK(zone_of(z, true, 100).zone == "stretch");
  CHECK(zone_of(z, true, 100).score == 1.0);
  CHECK(zone_of(z, true, 50).zone == "commit");
  CHECK(zone_of(z, true, 50).score == 0.3);
  CHECK(zone_of(z, true, 40).zone == "below");
  CHECK(zone_of(z, true, 40).score == 0.0);
  CHECK(zone_of(z, true, std::nan("")).zone.empty());
  CHECK(std::isnan(zone_of(z, true, std::nan("")).score));
  // Lower is better: 10 / 8 / 6; 7 meets target (<= 8), not stretch.
  Zones c;
  c.commit = 10;
  c.target = 8;
  c.stretch = 6;
  CHECK(zone_of(c, false, 7).zone == "target");
  CHECK(zone_of(c, false, 11).zone == "below");
  // Unset levels are skipped; configured scores are used.
  Zones t;
  t.target = 80;
  t.target_score = 0.6;
  CHECK(zone_of(t, true, 90).zone == "target");
  CHECK(zone_of(t, true, 90).score == 0.6);
}

namespace {
const char* zones_model = R"({
  "okrkit": 1,
  "cycles": [ { "id": "q1", "start": "2025-01-01", "end": "2025-03-31" } ],
  "objectives": [ { "id": "o", "title": "Grow the shop steadily", "cycle": "q1" } ],
  "key_results": [
    { "id": "kr-up", "objective": "o", "kind": "increase", "baseline": 100, "target": 120,
      "series": "rev", "zones": { "commit": 105, "target": 110, "stretch": 120 } },
    { "id": "kr-down", "objective": "o", "kind": "decrease", "baseline": 4, "target": 3,
      "series": "resp", "zones": { "commit": 3.8, "target": 3.4, "stretch": 3, "target_score": 0.6 } }
  ]
})";
}  // namespace

TEST_CASE("the scorecard carries zone, zone_score and the amounts of each key result") {
  Model m = parse_model(zones_model, "z.json");
  SeriesStore s =
      parse_measurements("series,date,value\nrev,2025-02-28,112\nresp,2025-02-28,3.5\n", "z.csv");
  Scorecard sc = evaluate(m, s, Date(2025, 3, 1));
  const NodeScore* up = sc.find("kr-up");
  REQUIRE(up);
  CHECK(up->zone == "target");  // 112 >= 110, < 120
  CHECK(up->zone_score == 0.7);
  CHECK(up->total == 20);  // 100 -> 120
  CHECK(up->completed == 12);
  CHECK(up->remaining == 8);
  const NodeScore* down = sc.find("kr-down");
  REQUIRE(down);
  CHECK(down->zone == "commit");  // 3.5 <= 3.8 but > 3.4
  CHECK(down->zone_score == 0.3);
  CHECK(down->total == Approx(1.0));  // 4 -> 3
  CHECK(down->completed == Approx(0.5));
  CHECK(down->remaining == Approx(0.5));
  const NodeScore* o = sc.find("o");
  REQUIRE(o);
  CHECK(o->zone.empty());
  CHECK(std::isnan(o->zone_score));
  CHECK(std::isnan(o->total));
}

TEST_CASE("zones round-trip through the model format and are validated") {
  Model m = parse_model(zones_model, "z.json");
  REQUIRE(m.key_results[1].zones);
  CHECK(m.key_results[1].zones->target_score == 0.6);
  CHECK(m.key_results[1].zones->stretch_score == 1.0);
  Model back = parse_model(dump_model(m));
  CHECK(dump_model(back) == dump_model(m));
  CHECK(back.key_results[0].zones->commit == 105);
  CHECK(validate(m).empty());
  // Out of order for a higher-is-better KR, a score above 1, scores decreasing.
  m.key_results[0].zones->target = 104;
  m.key_results[0].zones->stretch_score = 1.5;
  auto ds = validate(m);
  std::vector<std::string> msgs;
  for (const auto& d : ds)
    if (d.code == "bad-zones") msgs.push_back(d.where.field + ": " + d.message);
  CHECK(msgs == std::vector<std::string>{
                    "zones.target: target level 104 comes before commit level 105 (higher is "
                    "better)",
                    "zones.stretch_score: a zone score must be in [0, 1]"});
  m.key_results[0].zones = Zones{};
  ds = validate(m);
  REQUIRE(ds.size() == 1);
  CHECK(ds[0].message == "zones need at least one of commit, target, stretch");
  // Unknown fields inside zones are rejected by the loader.
  std::string bad = zones_model;
  bad.replace(bad.find("\"stretch\": 120"), 14, "\"strech\": 120");
  CHECK_THROWS_AS(parse_model(bad, "z.json"), ValidationError);
}
