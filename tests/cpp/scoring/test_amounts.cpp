// Tests for amounts.hpp: completed / remaining / total of each target kind,
// hand-worked from the definitions in docs/scoring.md "Amounts".
#include <catch2/catch.hpp>

#include <cmath>

#include <okrkit/scoring/amounts.hpp>

using namespace okrkit;

namespace {
Target tgt(TargetKind k, std::optional<double> b, std::optional<double> t) {
  Target x;
  x.kind = k;
  x.baseline = b;
  x.target = t;
  return x;
}
}  // namespace

TEST_CASE("increase: 100 -> 120 at 112 is 12 done of 20, 8 to go") {
  auto a = amounts(tgt(TargetKind::increase, 100, 120), 112);
  CHECK(a.total == 20);
  CHECK(a.completed == 12);
  CHECK(a.remaining == 8);
  // Exceeded: 130 is 30 done, nothing left.
  a = amounts(tgt(TargetKind::increase, 100, 120), 130);
  CHECK(a.completed == 30);
  CHECK(a.remaining == 0);
  // The wrong way: 95 is -5 done, 25 to go.
  a = amounts(tgt(TargetKind::increase, 100, 120), 95);
  CHECK(a.completed == -5);
  CHECK(a.remaining == 25);
}

TEST_CASE("decrease: 4 h -> 3 h at 3.5 h is 0.5 h cut of 1 h") {
  auto a = amounts(tgt(TargetKind::decrease, 4, 3), 3.5);
  CHECK(a.total == 1);
  CHECK(a.completed == 0.5);
  CHECK(a.remaining == 0.5);
}

TEST_CASE("relative targets resolve first: 200 +10% = 220, at 205 is 5 of 20") {
  Target t = tgt(TargetKind::increase, 200, std::nullopt);
  t.relative = parse_relative_target("+10%");
  auto a = amounts(t, 205);
  CHECK(a.total == Approx(20));
  CHECK(a.completed == Approx(5));
  CHECK(a.remaining == Approx(15));
}

TEST_CASE("at_least counts from the baseline, else from zero") {
  auto a = amounts(tgt(TargetKind::at_least, 70, 80), 76);
  CHECK(a.total == 10);
  CHECK(a.completed == 6);
  CHECK(a.remaining == 4);
  a = amounts(tgt(TargetKind::at_least, std::nullopt, 24), 13);  // 13 of 24 articles
  CHECK(a.total == 24);
  CHECK(a.completed == 13);
  CHECK(a.remaining == 11);
}

TEST_CASE("at_most: remaining always; completed and total only from a baseline") {
  auto a = amounts(tgt(TargetKind::at_most, std::nullopt, 3), 3.8);
  CHECK(a.remaining == Approx(0.8));
  CHECK(std::isnan(a.completed));
  CHECK(std::isnan(a.total));
  a = amounts(tgt(TargetKind::at_most, 5, 3), 2.5);  // under the limit: done, 2.5 cut of 2
  CHECK(a.total == 2);
  CHECK(a.completed == 2.5);
  CHECK(a.remaining == 0);
}

TEST_CASE("milestones count: 2 of 3 done, 1 left, whatever the value") {
  Target t = tgt(TargetKind::milestone, std::nullopt, std::nullopt);
  t.milestones = {{"a", 1.0, true}, {"b", 3.0, false}, {"c", 1.0, true}};
  auto a = amounts(t, std::nan(""));
  CHECK(a.total == 3);
  CHECK(a.completed == 2);
  CHECK(a.remaining == 1);
}

TEST_CASE("range and baseline kinds have no amounts; a missing value keeps the total") {
  Target r = tgt(TargetKind::range, std::nullopt, std::nullopt);
  r.lo = 1;
  r.hi = 2;
  auto a = amounts(r, 1.5);
  CHECK(std::isnan(a.total));
  CHECK(std::isnan(a.completed));
  CHECK(std::isnan(a.remaining));
  a = amounts(tgt(TargetKind::baseline, std::nullopt, std::nullopt), 3);
  CHECK(std::isnan(a.total));
  a = amounts(tgt(TargetKind::increase, 100, 120), std::nan(""));
  CHECK(a.total == 20);
  CHECK(std::isnan(a.completed));
  CHECK(std::isnan(a.remaining));
}
