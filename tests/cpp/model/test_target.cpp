#include <catch2/catch.hpp>

#include <okrkit/model/target.hpp>

using namespace okrkit;

TEST_CASE("relative targets resolve against the baseline") {
  CHECK(parse_relative_target("+40%").resolve(50000) == Approx(70000));
  CHECK(parse_relative_target("-10%").resolve(15) == Approx(13.5));
  CHECK(parse_relative_target("x1.5").resolve(200) == Approx(300));
  CHECK(parse_relative_target("-5").resolve(15) == Approx(10));
  CHECK(parse_relative_target("+2.5").resolve(1) == Approx(3.5));
}

TEST_CASE("relative targets round-trip through text") {
  for (const char* t : {"+40%", "-10%", "x1.5", "-5", "+0.1", "x2"})
    CHECK(format_relative_target(parse_relative_target(t)) == t);
}

TEST_CASE("bad relative targets say why") {
  CHECK_THROWS_WITH(parse_relative_target("40%"),
                    Catch::Contains("must start with '+', '-' or 'x'"));
  CHECK_THROWS_WITH(parse_relative_target("+%"), Catch::Contains("has no valid number"));
  CHECK_THROWS_WITH(parse_relative_target("x"), Catch::Contains("has no valid number"));
  CHECK_THROWS_WITH(parse_relative_target("+1.2.3"), Catch::Contains("has no valid number"));
  CHECK_THROWS_AS(parse_relative_target(""), ParseError);
}

TEST_CASE("direction of a target") {
  Target t;
  t.kind = TargetKind::increase;
  t.baseline = 100;
  t.target = 60;
  CHECK_FALSE(t.higher_is_better());
  t.kind = TargetKind::at_least;
  CHECK(t.higher_is_better());
}
