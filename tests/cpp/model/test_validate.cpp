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
  m.key_results[0].weights.push_back(
      {std::nullopt, std::nullopt, std::numeric_limits<double>::infinity()});
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
  CHECK(codes(m) ==
        std::vector<std::string>{"missing-field@k.baseline", "missing-field@k.baseline"});
}

TEST_CASE("cascades, CSF links and unit trees are checked") {
  Model m = small();
  m.key_results[0].cascade_from = {"k"};
  m.csfs.push_back(Csf{"c", "C", "", "", "", {{"kpi-x", 0.0}}});
  m.units = {{"u1", "U1", "u2", ""}, {"u2", "U2", "u1", ""}};
  CHECK(codes(m) == std::vector<std::string>{"cycle@u1.parent", "cycle@u2.parent",
                                             "cycle@k.cascade_from[0]",
                                             "dangling-reference@c.measured_by[0].kpi",
                                             "bad-weight@c.measured_by[0].weight"});
}

// ---- formulas compile; series exist in the data (issue 15) -------------------

TEST_CASE("a derived-KPI formula that does not parse is an error on node and field 'formula'") {
  Model m = small();
  Kpi k;
  k.id = "kpi";
  k.formula = "support_csat_satisfied +* 100";
  k.target.kind = TargetKind::at_least;
  k.target.target = 90;
  m.kpis.push_back(k);
  const auto ds = validate(m);
  REQUIRE(ds.size() == 1);
  CHECK(ds[0].severity == Severity::error);
  CHECK(ds[0].code == "formula-error");
  CHECK(ds[0].where.node == "kpi");
  CHECK(ds[0].where.field == "formula");
  // '+' is column 24, the unexpected '*' column 25.
  CHECK(ds[0].message.rfind(
            "expression 'support_csat_satisfied +* 100': column 25: expected a number, name or '('",
            0) == 0);
}

TEST_CASE("validate(model, data): every series the model names exists, with a suggestion") {
  Model m = small();
  m.key_results[0].series = "revenu";
  Kpi k;
  k.id = "kpi";
  k.formula = "leads / sesions * 100";
  k.target.kind = TargetKind::at_least;
  k.target.target = 2;
  m.kpis.push_back(k);
  Kpi far;
  far.id = "kpi2";
  far.series = "zzz";
  far.target.kind = TargetKind::at_least;
  far.target.target = 1;
  m.kpis.push_back(far);
  SeriesStore data;
  for (const char* s : {"revenue", "leads", "sessions"}) data.add(s, Date(2025, 4, 30), 1);
  data.finalize();
  CHECK(validate(m).empty());  // without data nothing can be said
  const auto ds = validate(m, data);
  std::vector<std::string> got;
  for (const auto& d : ds)
    got.push_back(std::string(to_string(d.severity)) + " " + d.code + " " + d.to_string());
  CHECK(got ==
        std::vector<std::string>{
            "error unknown-series node 'k': field 'series': series 'revenu' is not in the data; "
            "did you mean 'revenue'?",
            "error unknown-series node 'kpi': field 'formula': formula 'leads / sesions * 100': "
            "series 'sesions' is not in the data; did you mean 'sessions'?",
            "error unknown-series node 'kpi2': field 'series': series 'zzz' is not in the data"});
  // A key result that has check-ins gets its value from them: an info.
  m.key_results[0].checkins.push_back({});
  CHECK(validate(m, data)[0].severity == Severity::info);
  CHECK(validate(m, data)[0].message ==
        "series 'revenu' is not in the data; did you mean 'revenue'? (the value comes from its "
        "check-ins)");
}
