#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

#include <okrkit/model/validate.hpp>

using namespace okrkit;

namespace {
Model small() {
  Model m;
  m.people.push_back({"p", "Pat", ""});
  m.objectives.push_back(Objective{});
  m.objectives[0].id = "o";
  m.objectives[0].owner = "p";
  KeyResult k;
  k.id = "k";
  k.objective = "o";
  k.target.baseline = 10;
  k.target.target = 20;
  m.key_results.push_back(k);
  return m;
}
std::vector<std::string> codes(const Model& m) {
  std::vector<std::string> out;
  for (auto& d : validate(m)) out.push_back(d.code + "@" + d.where.node + "." + d.where.field);
  return out;
}
}  // namespace

TEST_CASE("a sound model has no findings") { CHECK(validate(small()).empty()); }

TEST_CASE("weights that are NaN, infinite, zero or negative are errors") {
  Model m = small();
  m.key_results[0].weight = std::numeric_limits<double>::quiet_NaN();
  m.objectives[0].weight = -1;
  m.key_results[0].weights.push_back({std::nullopt, std::nullopt, std::numeric_limits<double>::infinity()});
  CHECK(codes(m) == std::vector<std::string>{"bad-weight@o.weight", "bad-weight@k.weight",
                                             "bad-weight@k.weights[0].weight"});
  CHECK_THROWS_AS(check(m), ValidationError);
}

TEST_CASE("baseline equal to target is a warning, not an error") {
  Model m = small();
  m.key_results[0].target.target = 10;
  auto ds = validate(m);
  REQUIRE(ds.size() == 1);
  CHECK(ds[0].severity == Severity::warning);
  CHECK(ds[0].message == "target equals baseline (10): progress can only be 0 or 1");
  CHECK_NOTHROW(check(m));
}

TEST_CASE("targets need the fields of their kind") {
  Model m = small();
  m.key_results[0].target = Target{};
  m.key_results[0].target.kind = TargetKind::range;
  m.key_results[0].target.lo = 30;
  m.key_results[0].target.hi = 20;
  CHECK(codes(m) == std::vector<std::string>{"bad-range@k.hi"});
  m.key_results[0].target = Target{};
  m.key_results[0].target.kind = TargetKind::milestone;
  CHECK(codes(m) == std::vector<std::string>{"missing-field@k.milestones"});
  m.key_results[0].target = Target{};
  m.key_results[0].target.relative = RelativeTarget{RelativeTarget::Op::percent, 40};
  CHECK(codes(m) == std::vector<std::string>{"missing-field@k.baseline", "missing-field@k.baseline"});
}

TEST_CASE("cascades, CSF links and unit trees are checked") {
  Model m = small();
  m.key_results[0].cascade_from = {"k"};
  m.csfs.push_back(Csf{"c", "C", "", "", "", {{"kpi-x", 0.0}}});
  m.units = {{"u1", "U1", "u2", ""}, {"u2", "U2", "u1", ""}};
  CHECK(codes(m) == std::vector<std::string>{
                        "cycle@u1.parent", "cycle@u2.parent",
                        "cycle@k.cascade_from[0]", "dangling-reference@c.measured_by[0].kpi",
                        "bad-weight@c.measured_by[0].weight"});
}
