// Tests of scorecard_io.hpp: JSON, CSV and table output of a small scorecard.
#include <catch2/catch.hpp>

#include <okrkit/io/scorecard_io.hpp>

#include <nlohmann/json.hpp>

using namespace okrkit;

namespace {
Scorecard small() {
  Model m;
  m.cycles.push_back({"q", "", Date(2025, 4, 1), Date(2025, 6, 30)});
  Objective o;
  o.id = "O, \"1\"";  // a comma and quotes must survive CSV
  o.unit = "تیم";     // right-to-left text round-trips untouched
  o.cycle = "q";
  m.objectives = {o};
  KeyResult k;
  k.id = "گسترش";
  k.objective = o.id;
  k.target.kind = TargetKind::increase;
  k.target.baseline = 0;
  k.target.target = 4;
  k.series = "s";
  KeyResult e = k;
  e.id = "empty";
  e.series = "none";
  m.key_results = {k, e};
  SeriesStore s;
  s.add("s", Date(2025, 5, 1), 1);
  s.finalize();
  return evaluate(m, s, Date(2025, 5, 16));
}
}  // namespace

TEST_CASE("to_json: every field, NaN as null, UTF-8 untouched") {
  const auto j = nlohmann::json::parse(to_json(small()));
  CHECK(j["as_of"] == "2025-05-16");
  REQUIRE(j["nodes"].size() == 3);
  const auto& k = j["nodes"][0];
  CHECK(k["id"] == "گسترش");
  CHECK(k["kind"] == "key_result");
  CHECK(k["value"] == 1.0);
  CHECK(k["progress"] == 0.25);
  CHECK(k["value_source"] == "measured");
  CHECK(k["value_date"] == "2025-05-01");
  CHECK(k["band"] == "red");
  CHECK(k["confidence"].is_null());
  const auto& e = j["nodes"][1];
  CHECK(e["value"].is_null());
  CHECK(e["status"] == "no_data");
  CHECK(e["diagnostics"][0]["code"] == "missing-value");
  CHECK(e["diagnostics"][0]["node"] == "empty");
  const auto& o = j["nodes"][2];
  CHECK(o["unit"] == "تیم");
  CHECK(o["score_source"] == "rolled_up");
  CHECK(o["incomplete"] == true);
  CHECK(o["attainment"] == 0.25);
}

TEST_CASE("to_csv: header, quoting, empty cells for NaN") {
  const std::string csv = to_csv(small());
  CHECK(csv.rfind("id,kind,parent,unit,value,baseline,target,progress,", 0) == 0);
  CHECK(csv.find("گسترش,key_result,\"O, \"\"1\"\"\",تیم,1,0,4,0.25,,0.25,0.25,red,") !=
        std::string::npos);
  CHECK(csv.find("empty,key_result,\"O, \"\"1\"\"\",تیم,,0,4,,") != std::string::npos);
  CHECK(csv.find("warning missing-value: ") != std::string::npos);
  std::size_t lines = 0;
  for (char c : csv) lines += c == '\n';
  CHECK(lines == 4);
}

TEST_CASE("format_table: aligned columns and flags") {
  const std::string t = format_table(small());
  CHECK(t.find("scorecard as of 2025-05-16") == 0);
  CHECK(t.find("25.0%") != std::string::npos);
  CHECK(t.find("rolled_up  *!") != std::string::npos);  // incomplete objective with a diagnostic
  // every row ends with its reason: day 45 of 90 expects 0.5; 0.25 is 0.25
  // below that committed expectation: more than 2 x 0.1 -> off track
  CHECK(t.find("  reason\n") != std::string::npos);
  CHECK(
      t.find("progress 0.25 is 0.25 below the expectation 0.50 (more than 2 x tolerance 0.10)\n") !=
      std::string::npos);
  CHECK(t.find("no data\n") != std::string::npos);  // the KR without a value
}

TEST_CASE("to_markdown: a GFM table, one row per node, pipes escaped") {
  Scorecard sc = small();
  sc.nodes[0].id = "a|b";
  const std::string md = to_markdown(sc);
  CHECK(md.rfind("**Scorecard as of 2025-05-16**\n\n| kind | id |", 0) == 0);
  CHECK(md.find("|---|---|--:|") != std::string::npos);
  std::size_t rows = 0;
  for (std::size_t p = md.find("\n| "); p != std::string::npos; p = md.find("\n| ", p + 1)) ++rows;
  CHECK(rows == 1 + sc.nodes.size());  // header + nodes
  CHECK(md.find("a\\|b") != std::string::npos);
  CHECK(md.find("| flags | reason |") != std::string::npos);
  CHECK(md.find("| no data |") != std::string::npos);
  CHECK(md.find("| " + sc.nodes[1].id + " |") != std::string::npos);  // UTF-8 ids untouched
}
