#include <catch2/catch.hpp>

#include <okrkit/core/error.hpp>

using namespace okrkit;

TEST_CASE("location text names file, line, node and field") {
  CHECK(to_string(Location{"model.json", 12, "kr1", "target"}) ==
        "model.json:12: node 'kr1': field 'target'");
  CHECK(to_string(Location{"", 3, "", ""}) == "line 3");
  CHECK(to_string(Location{"m.csv", 0, "", "value"}) == "m.csv: field 'value'");
  CHECK(to_string(Location{}).empty());
}

TEST_CASE("errors derive from one base and carry their place") {
  try {
    throw ParseError("bad number", Location{"a.csv", 4, "traffic", "value"});
  } catch (const Error& e) {
    CHECK(std::string(e.what()) == "a.csv:4: node 'traffic': field 'value': bad number");
    CHECK(e.where().line == 4);
  }
}

TEST_CASE("a validation error lists every problem") {
  std::vector<Diagnostic> ps{
      {Severity::error, "duplicate-id", "duplicate id", {"m.json", 2, "o1", "id"}},
      {Severity::error, "dangling", "unknown objective 'x'", {"m.json", 9, "kr1", "objective"}}};
  ValidationError e(ps);
  CHECK(e.problems().size() == 2);
  CHECK(std::string(e.what()) ==
        "2 problems\n  m.json:2: node 'o1': field 'id': duplicate id\n"
        "  m.json:9: node 'kr1': field 'objective': unknown objective 'x'");
}
