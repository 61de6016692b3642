// Regression tests for bugs found by fuzzing and the reliability work
// (issue 7, docs/reliability.md). Each case names how it was found.
#include <catch2/catch.hpp>

#include <okrkit/io/measurements_io.hpp>
#include <okrkit/io/model_io.hpp>
#include <okrkit/model/target.hpp>

#include <string>

using namespace okrkit;

TEST_CASE("relative targets with small amounts format without an exponent") {
  // fuzz_relative_target: "+0.00001" formatted as "+1e-05", which the parser
  // (no exponents) rejected, so a saved model did not load back.
  for (const char* t : {"+0.00001", "-0.0000000000000000000000000001%", "x0.000123",
                        "+123456789012345678901234567890"}) {
    INFO(t);
    const RelativeTarget r = parse_relative_target(t);
    const RelativeTarget back = parse_relative_target(format_relative_target(r));
    CHECK(back.op == r.op);
    CHECK(back.amount == r.amount);
  }
  CHECK(format_relative_target(parse_relative_target("+0.00001")) == "+0.00001");
}

TEST_CASE("deeply nested JSON is refused early, not parsed in quadratic memory") {
  // Review of the SAX builder: every open array copied its parent's JSON
  // pointer, so "[[[[..." of 1 MB needed ~1e12 bytes.
  const std::string deep =
      "{\"name\": " + std::string(500000, '[') + std::string(500000, ']') + "}";
  CHECK_THROWS_WITH(parse_model(deep, "deep.json"),
                    "deep.json:1: column 73: nesting deeper than 64 levels");
}

TEST_CASE("a huge CSV cell is quoted cut short in the message") {
  // Bad-inputs catalogue: a 100 MB line was echoed whole into the error.
  const std::string csv = "series,date,value\ns,2025-01-31," + std::string(1000000, '9') + "x\n";
  CHECK_THROWS_WITH(
      parse_measurements(csv, "big.csv"),
      "1 problem\n  big.csv:2: node 's': field 'value': "
      "'9999999999999999999999999999999999999999...' (1000001 bytes) is not a finite number");
}
