#include <catch2/catch.hpp>

#include <cstdio>
#include <fstream>

#include <okrkit/io/atomic_file.hpp>
#include <okrkit/io/model_io.hpp>
#include <okrkit/model/validate.hpp>

using namespace okrkit;

namespace {
const std::string acme = std::string(OKRKIT_EXAMPLES_DIR) + "/acme.json";

// The problems a model text produces, as "line: node: field: message" strings.
std::vector<Diagnostic> problems_of(const std::string& json) {
  try {
    parse_model(json, "m.json");
  } catch (const ValidationError& e) {
    return e.problems();
  }
  return {};
}
}  // namespace

TEST_CASE("the bundled example loads with its structure and UTF-8 names") {
  Model m = load_model(acme);
  CHECK(m.objectives.size() == 4);
  CHECK(m.key_results.size() == 9);
  CHECK(m.kpis.size() == 9);
  REQUIRE(m.csfs.size() == 1);
  CHECK(m.units[2].name ==
        "\u067e\u0634\u062a\u06cc\u0628\u0627\u0646\u06cc "
        "\u0645\u0634\u062a\u0631\u06cc\u0627\u0646");         // پشتیبانی مشتریان
  CHECK(m.units[3].name == "\u4eba\u529b\u8d44\u6e90\u90e8");  // 人力资源部
  const KeyResult& traffic = m.key_results[0];
  CHECK(traffic.target.relative.has_value());
  CHECK(*traffic.target.absolute_target() == Approx(70000.0));  // 50000 * 1.4
  CHECK(m.objectives[1].aligns_to[0].parent == "o-company");
  CHECK(m.objectives[1].aligns_to[0].weight == 2.0);
  CHECK(m.objectives[1].type == ObjectiveType::aspirational);
  CHECK(m.csfs[0].measured_by[0].weight == 2.0);
  CHECK(m.csfs[0].measured_by[1].kpi == "kpi-fcr");
  CHECK(m.key_results[8].checkins.size() == 2);
  CHECK(*m.key_results[8].checkins[1].confidence == 0.7);
  CHECK(m.kpis[4].thresholds.yellow == 3.0);
  CHECK(m.cycles[0].end == Date(2025, 6, 30));
  // Lines are remembered for validation messages.
  CHECK(m.sources.locate("kr-traffic", "target").line > 0);
}

TEST_CASE("load -> save -> load round-trips exactly, including RTL and CJK text") {
  Model m = load_model(acme);
  std::string once = dump_model(m);
  Model again = parse_model(once, "again.json");
  CHECK(dump_model(again) == once);
  CHECK(once.find("\u0631\u0636\u0627 \u06a9\u0631\u06cc\u0645\u06cc") !=
        std::string::npos);                                       // رضا کریمی unescaped
  CHECK(once.find("\"target\": \"+40%\"") != std::string::npos);  // relative target kept as written
  // Arabic and every optional field survive too.
  Model x;
  x.name = "\u0645\u0624\u0633\u0633\u0629";  // مؤسسة
  Objective o;
  o.id = "o";
  o.title = "\u0632\u064a\u0627\u062f\u0629 \u0627\u0644\u0645\u0628\u064a\u0639\u0627\u062a";
  x.objectives.push_back(o);
  KeyResult k;
  k.id = "k";
  k.objective = "o";
  k.target.kind = TargetKind::range;
  k.target.lo = 20;
  k.target.hi = 30;
  k.target.cap = std::numeric_limits<double>::infinity();
  k.plan.curve = PlanCurve::phased;
  k.plan.points = {{Date(2025, 4, 30), 0.2}, {Date(2025, 6, 30), 1.0}};
  k.weights = {{Date(2025, 4, 1), std::nullopt, 2.0}};
  x.key_results.push_back(k);
  std::string text = dump_model(x);
  Model y = parse_model(text);
  CHECK(dump_model(y) == text);
  CHECK(std::isinf(y.key_results[0].target.cap));
  CHECK(y.objectives[0].title == o.title);
}

TEST_CASE("save_model writes atomically and replaces the old file") {
  std::string path = "test_model_io_save.json";
  write_file_atomically(path, "old");
  Model m = load_model(acme);
  save_model(m, path);
  CHECK(read_file(path) == dump_model(m));
  std::remove(path.c_str());
  CHECK_THROWS_AS(save_model(m, "/nonexistent-dir/x.json"), IoError);
}

TEST_CASE("malformed JSON is a ParseError naming file, line and column") {
  std::string text = "{\n  \"objectives\": [\n    {\"id\": \"o1\",, }\n  ]\n}\n";
  try {
    parse_model(text, "bad.json");
    FAIL("no error");
  } catch (const ParseError& e) {
    CHECK(e.where().file == "bad.json");
    CHECK(e.where().line == 3);
    CHECK_THAT(e.what(), Catch::StartsWith("bad.json:3: column 17: syntax error"));
  }
  CHECK_THROWS_WITH(parse_model("", "e.json"), "e.json:1: empty file: expected a JSON object");
  CHECK_THROWS_WITH(parse_model("{\"name\": \"a\", \"name\": \"b\"}", "d.json"),
                    "d.json:1: duplicate key 'name'");
}

TEST_CASE("every problem is reported at once with line, node and field") {
  std::string text = R"({
  "objectives": [
    { "id": "o1", "title": "One" },
    { "id": "o1", "title": "Dup", "weight": 0 },
    { "id": "o2", "aligns_to": ["o3"] },
    { "id": "o3", "aligns_to": ["o2"], "owner": "nobody" }
  ],
  "key_results": [
    { "id": "k1", "objective": "o9", "kind": "increase", "baseline": 5, "target": 10,
      "start": "2025-06-01", "due": "2025-05-01" }
  ]
})";
  auto ps = problems_of(text);
  std::vector<std::string> got;
  for (auto& p : ps) got.push_back(p.to_string());
  CHECK(got ==
        std::vector<std::string>{
            "m.json:4: node 'o1': field 'id': duplicate id (already used by an objective)",
            "m.json:4: node 'o1': field 'weight': weight must be > 0 (got 0)",
            "m.json:6: node 'o3': field 'owner': unknown person 'nobody'",
            "m.json:9: node 'k1': field 'objective': unknown objective 'o9'",
            "m.json:10: node 'k1': field 'due': due date 2025-05-01 is before start 2025-06-01",
            // reported where the loop closes
            "m.json:6: node 'o3': field 'aligns_to': alignment cycle: o2 -> o3 -> o2",
        });
}

TEST_CASE("wrong types, unknown fields, unknown kinds and bad dates are collected") {
  std::string text = R"({
  "cycles": [ { "id": "c", "start": "2025-02-30", "end": "2025-06-30" } ],
  "key_results": [
    { "id": "k", "objective": "o", "kind": "grow", "baseline": "five", "trget": 3 }
  ],
  "objectives": [ { "id": "o", "weight": "heavy" } ]
})";
  auto ps = problems_of(text);
  REQUIRE(ps.size() == 5);
  CHECK(ps[0].to_string() == "m.json:2: node 'c': field 'start': date '2025-02-30' does not exist");
  CHECK(ps[1].to_string() == "m.json:6: node 'o': field 'weight': expected a number, got a string");
  CHECK(ps[2].to_string() ==
        "m.json:4: node 'k': field 'kind': unknown value 'grow' (expected one of: increase, "
        "decrease, at_least, at_most, range, milestone, baseline)");
  CHECK(ps[3].to_string() ==
        "m.json:4: node 'k': field 'baseline': expected a number, got a string");
  CHECK(ps[4].to_string() == "m.json:4: node 'k': field 'trget': unknown field 'trget'");
  CHECK(ps[4].code == "unknown-field");
}

TEST_CASE("model dates outside the years 1700..2300 are errors naming the Solar Hijri day") {
  // 1404-01-01 SH is Nowruz 1404 = 2025-03-21 and 1404-03-10 SH = 2025-05-31
  // (docs/calendars.md); 2400 is neither a plausible Gregorian nor a Solar
  // Hijri year of the window (2400 SH is 3021 CE).
  std::string text = R"({
  "cycles": [ { "id": "c", "start": "1404-01-01", "end": "2025-06-30" } ],
  "objectives": [ { "id": "o", "cycle": "c" } ],
  "key_results": [
    { "id": "k", "objective": "o", "kind": "increase", "baseline": 0, "target": 1,
      "due": "2400-01-01",
      "checkins": [ { "date": "1404-03-10", "confidence": 0.5 } ] }
  ]
})";
  auto ps = problems_of(text);
  REQUIRE(ps.size() == 3);
  CHECK(ps[0].code == "date-out-of-range");
  CHECK(ps[0].to_string() ==
        "m.json:2: node 'c': field 'start': date '1404-01-01' has year 1404, outside the "
        "Gregorian years 1700..2300; it is a valid Solar Hijri date (2025-03-21): model dates "
        "are Gregorian, write that day instead");
  CHECK(ps[1].to_string() ==
        "m.json:6: node 'k': field 'due': date '2400-01-01' has year 2400, outside the "
        "Gregorian years 1700..2300");
  CHECK(ps[2].where.node == "k");
  CHECK(ps[2].message ==
        "date '1404-03-10' has year 1404, outside the Gregorian years 1700..2300; it is a "
        "valid Solar Hijri date (2025-05-31): model dates are Gregorian, write that day instead");
}

TEST_CASE("a newer format version is refused") {
  auto ps = problems_of(R"({"okrkit": 2})");
  REQUIRE(ps.size() == 1);
  CHECK(ps[0].code == "unsupported-version");
}

TEST_CASE("format versions are quoted as written, never cast (fuzz crash 9954a0d6)") {
  // 17777777777777777777 does not fit a long long: casting it was UB.
  auto huge = problems_of(R"({"okrkit": 17777777777777777777})");
  REQUIRE(huge.size() == 1);
  CHECK(huge[0].code == "unsupported-version");
  CHECK(huge[0].message ==
        "format version 17777777777777777777 is newer than this okrkit reads (1)");
  for (const char* v : {"0.5", "1.5", "0", "-3", "-1e300"}) {
    auto ps = problems_of(std::string(R"({"okrkit": )") + v + "}");
    REQUIRE(ps.size() == 1);
    CHECK(ps[0].code == "bad-version");
    CHECK(ps[0].message.find("whole number >= 1") != std::string::npos);
  }
  CHECK(problems_of(R"({"okrkit": 1.0})").empty());
}
