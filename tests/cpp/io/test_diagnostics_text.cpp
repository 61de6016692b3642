// Tests of diagnostics_text.hpp (the scorecard's problems as text) and of the
// private include/okrkit/detail/format_number.hpp (numbers as text).
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <string>

#include <okrkit/io/diagnostics_text.hpp>

#include "okrkit/detail/format_number.hpp"

using namespace okrkit;

TEST_CASE("format_probability: percentages with a precision that fits their size") {
  using detail::format_probability;
  CHECK(format_probability(std::numeric_limits<double>::quiet_NaN()) == "-");
  CHECK(format_probability(0.0) == "0%");
  CHECK(format_probability(1.0) == "100%");
  CHECK(format_probability(6.71514e-05) == "<0.01%");  // 0.0067 %: below the shown resolution
  CHECK(format_probability(0.0002299) == "0.02%");
  CHECK(format_probability(0.0043) == "0.43%");
  CHECK(format_probability(0.043016) == "4.3%");
  CHECK(format_probability(0.125263) == "12.5%");
  CHECK(format_probability(0.2) == "20.0%");
  CHECK(format_probability(0.9995) == "99.95%");
  CHECK(format_probability(0.99999) == ">99.99%");
}

namespace {
Diagnostic diag(Severity s, std::string code, std::string msg, Location at = {}) {
  Diagnostic d;
  d.severity = s;
  d.code = std::move(code);
  d.message = std::move(msg);
  d.where = std::move(at);
  return d;
}
}  // namespace

TEST_CASE("scorecard_diagnostics: model-level first, then per node with the node filled in") {
  Scorecard sc;
  sc.diagnostics.push_back(diag(Severity::error, "cycle", "alignment cycle o1 -> o2 -> o1"));
  NodeScore a, b;
  a.id = "kr-a";
  a.diagnostics.push_back(diag(Severity::warning, "gap", "no value in May"));
  b.id = "kpi-b";
  b.diagnostics.push_back(
      diag(Severity::info, "incomplete", "1 of 2 inputs", Location{"", 0, "other", "x"}));
  sc.nodes = {a, b};
  const auto ds = scorecard_diagnostics(sc);
  REQUIRE(ds.size() == 3);
  CHECK(ds[0].code == "cycle");
  CHECK(ds[0].where.node.empty());
  CHECK(ds[1].where.node == "kr-a");
  CHECK(ds[2].where.node == "other");  // a node id already given is kept
  const auto c = count_diagnostics(ds);
  CHECK(c.errors == 1);
  CHECK(c.warnings == 1);
  CHECK(c.infos == 1);
  CHECK(format_counts(c) == "1 error, 1 warning, 1 info");
  CHECK(format_counts(count_diagnostics({})) == "none");
}

TEST_CASE("format_diagnostics: aligned columns, place prefix not repeated, caret lines kept, cut") {
  const Location at{"m.json", 268, "kpi-x", "formula"};
  const std::vector<Diagnostic> ds = {
      diag(Severity::error, "formula-error",
           "m.json:268: node 'kpi-x': field 'formula': expression 'a +* 1': column 4: expected a "
           "number\n"
           "  a +* 1\n"
           "     ^",
           at),
      diag(Severity::warning, "missing-value", "derived KPI has no usable formula",
           Location{"", 0, "kpi-x"}),
      diag(Severity::info, "incomplete", "some members have missing data",
           Location{"", 0, "unit-1"}),
  };
  const std::string t = format_diagnostics(ds);
  CHECK(t ==
        "  error    kpi-x.formula  formula-error  m.json:268: expression 'a +* 1': column 4: "
        "expected a number\n"
        "                                           a +* 1\n"
        "                                              ^\n"
        "  warning  kpi-x          missing-value  derived KPI has no usable formula\n"
        "  info     unit-1         incomplete     some members have missing data\n");
  CHECK(format_diagnostics(ds, 1, "") ==
        "error    kpi-x.formula  formula-error  m.json:268: expression 'a +* 1': column 4: "
        "expected a number\n"
        "                                         a +* 1\n"
        "                                            ^\n"
        "... and 2 more\n");
}

TEST_CASE("the number formatters: shortest round trip, %g, fixed, percent") {
  using namespace okrkit::detail;
  CHECK(format_shortest(0.1) == "0.1");
  CHECK(format_shortest(61000) == "61000");
  CHECK(format_shortest(1e308) == "1e+308");
  CHECK(format_shortest(-std::numeric_limits<double>::infinity()) == "-inf");
  CHECK(std::stod(format_shortest(0.1 + 0.2)) == 0.1 + 0.2);  // "0.30000000000000004"
  CHECK(format_general(61000) == "61000");
  CHECK(format_general(0.0815) == "0.0815");
  CHECK(format_general(1234567) == "1.23457e+06");
  CHECK(format_general(3.51234, 3) == "3.51");
  CHECK(format_fixed(0.4666, 2) == "0.47");
  CHECK(format_fixed(1e308, 0).size() == 309);  // no truncation of huge values
  CHECK(format_percent(0.125, 1) == "12.5%");
  CHECK(format_percent(0.5, 0) == "50%");
}
