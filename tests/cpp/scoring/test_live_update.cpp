// Live scorecards: SeriesStore::append() on a finalized store and
// Scorecard::update() (include/okrkit/scoring/scorecard.hpp). The reference
// for every update is a full evaluate() of the updated model and data: the
// rows must be identical (every field, every diagnostic).
#include <catch2/catch.hpp>

#include <okrkit/io/scorecard_io.hpp>
#include <okrkit/scoring/scorecard.hpp>

#include <cmath>
#include <cstdint>
#include <random>
#include <string>

#include "../generated_org.hpp"

using namespace okrkit;

namespace {

// The first row whose JSON differs, for a readable failure.
std::string first_difference(const Scorecard& a, const Scorecard& b) {
  if (a.nodes.size() != b.nodes.size()) return "row counts differ";
  for (std::size_t i = 0; i < a.nodes.size(); ++i) {
    Scorecard x, y;
    x.as_of = y.as_of = a.as_of;
    x.nodes = {a.nodes[i]};
    y.nodes = {b.nodes[i]};
    const std::string jx = to_json(x), jy = to_json(y);
    if (jx != jy) return "row " + a.nodes[i].id + ":\n" + jx + "\nvs full evaluate():\n" + jy;
  }
  // the rows agree: the difference is in the card's own fields
  const std::string ja = to_json(a), jb = to_json(b);
  std::size_t at = 0;
  while (at < ja.size() && at < jb.size() && ja[at] == jb[at]) ++at;
  const std::size_t from = at < 200 ? 0 : at - 200;
  return "card:\n" + ja.substr(from, 400) + "\nvs full evaluate():\n" + jb.substr(from, 400);
}

void check_same_as_full(const Model& m, const SeriesStore& s, const Scorecard& card,
                        const EvaluateOptions& opt) {
  const Scorecard full = evaluate(m, s, card.as_of, opt);
  const bool same = to_json(card) == to_json(full);
  if (!same) FAIL_CHECK(first_difference(card, full));
  // and against a store whose appended rows were merged into its columns
  SeriesStore merged = s;
  merged.finalize();
  CHECK(to_json(evaluate(m, merged, card.as_of, opt)) == to_json(full));
}

void random_changes(bool outlook, std::uint32_t seed,
                    OutlookReconcile reconcile = OutlookReconcile::none, int steps = 60) {
  testing::OrgShape shape;
  shape.units = 23;
  shape.points = 12;
  shape.spacing_days = 12;  // ~4.5 months of history: outlook has periods
  auto g = testing::generate_org(shape);
  EvaluateOptions opt;
  opt.outlook = outlook;
  opt.outlook_min_periods = 3;
  opt.reconcile = reconcile;
  // with the outlook, an as-of before the due period (June 2025) so that
  // key results have forecasts at the due date and objectives a p_success
  const Date as_of = outlook ? Date(2025, 5, 20) : Date(2025, 6, 30);
  Scorecard card = evaluate(g.model, g.series, as_of, opt);
  REQUIRE(card.live());
  if (outlook) {
    // p_success (drawn over every forecast, outlook_draws = 2000 by default)
    // is part of what update() must reproduce: some objectives have one.
    std::size_t with_p = 0;
    for (const auto& n : card.nodes) with_p += !std::isnan(n.p_success);
    REQUIRE(with_p > 0);
  }
  std::mt19937 rng(seed);
  auto pick = [&](std::size_t n) {
    return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng);
  };
  const auto& ids = g.series.series_ids();
  for (int step = 0; step < steps; ++step) {
    ScorecardChanges ch;
    const std::size_t what = pick(20);
    const int nrows = 1 + static_cast<int>(pick(3));
    for (int r = 0; r < nrows; ++r) {
      MeasurementChange mc;
      mc.series = ids[pick(ids.size())];
      // dates before and after as_of, some on days the series already has
      mc.date = Date(2025, 1, 1) + boost::gregorian::days(static_cast<long>(pick(220)));
      mc.value = std::uniform_real_distribution<double>(-5, 80)(rng);
      if (pick(15) == 0) mc.value = std::nan("");
      ch.measurements.push_back(mc);
    }
    ch.duplicates = what % 3 == 0   ? DuplicatePolicy::sum
                    : what % 3 == 1 ? DuplicatePolicy::first
                                    : DuplicatePolicy::last;
    if (what == 7) {
      CheckInChange c;
      c.key_result = g.model.key_results[pick(g.model.key_results.size())].id;
      c.checkin = {Date(2025, 6, 1) + boost::gregorian::days(static_cast<long>(pick(40))),
                   std::uniform_real_distribution<double>(0, 30)(rng), 0.5, ""};
      ch.checkins.push_back(c);
    }
    if (what == 11) {  // a series nobody reads yet: a full evaluation
      ch.measurements.push_back({"new" + std::to_string(step), as_of, 1.0});
    }
    const UpdateResult r = card.update(g.model, g.series, ch);
    // a reconciled outlook joins every forecast: update() evaluates in full
    CHECK((r.full == (what == 11 || (outlook && reconcile != OutlookReconcile::none))));
    CHECK(r.rescored <= card.nodes.size());
    check_same_as_full(g.model, g.series, card, opt);
  }
}

}  // namespace

TEST_CASE("update() equals a full evaluate() over random change sequences (outlook off)") {
  for (std::uint32_t seed : {1u, 2u, 3u}) random_changes(false, seed);
}

TEST_CASE("update() equals a full evaluate() over random change sequences (outlook on)") {
  random_changes(true, 7u);
}

TEST_CASE("update() equals a full evaluate() with a reconciled outlook (full re-evaluation)") {
  random_changes(true, 8u, OutlookReconcile::wls_struct, 12);
}

TEST_CASE("update() re-scores only what the change reaches") {
  auto g = testing::generate_org({});  // 100 units, 2000 scored nodes + 100 units
  Scorecard card = evaluate(g.model, g.series, Date(2025, 6, 30));
  // u55k0 (objective u55o0, unit u55): the KR, its objective u55o0, the
  // ancestors u5o0 and u0o0 (objective 0 aligns to the parent unit's
  // objective 0) and the units u55, u5, u0 of those objectives: 7 rows.
  ScorecardChanges ch;
  ch.measurements.push_back({"u55k0", Date(2025, 6, 30), 99.0});
  ch.duplicates = DuplicatePolicy::last;
  const UpdateResult r = card.update(g.model, g.series, ch);
  CHECK_FALSE(r.full);
  CHECK(r.rescored == 7);
  CHECK(card.find("u55k0")->value == 99.0);
  // a KPI: the KPI, the CSFs measured by it (u3c0 uses p0 and p1) and its unit
  ch.measurements = {{"u3p1", Date(2025, 7, 1), 12.0}};
  ch.duplicates = DuplicatePolicy::error;
  CHECK(card.update(g.model, g.series, ch).rescored == 3);
  check_same_as_full(g.model, g.series, card, {});
}

TEST_CASE("update() refuses what it cannot apply, before changing anything") {
  auto g = testing::generate_org({});
  Scorecard card = evaluate(g.model, g.series, Date(2025, 6, 30));
  const std::size_t rows = g.series.size();
  ScorecardChanges ch;
  ch.measurements.push_back({"u1k0", Date(2025, 7, 3), 1.0});
  ch.measurements.push_back({"u1k0", Date(2025, 6, 30), 1.0});  // the series has that day
  try {
    card.update(g.model, g.series, ch);
    FAIL("no error");
  } catch (const DomainError& e) {
    CHECK(std::string(e.what()) ==
          "Scorecard::update: series 'u1k0' already has a row for 2025-06-30: remove one, or "
          "choose how to combine them with duplicates=last|first|sum");
  }
  CHECK(g.series.size() == rows);  // the first, valid row was not applied either
  ch.measurements.resize(1);
  ch.checkins.push_back({"nope", {Date(2025, 6, 1), 1.0, std::nullopt, ""}});
  CHECK_THROWS_AS(card.update(g.model, g.series, ch), DomainError);
  CHECK(g.series.size() == rows);
  ch.checkins.clear();
  ch.duplicates = DuplicatePolicy::mean;
  CHECK_THROWS_AS(card.update(g.model, g.series, ch), DomainError);
  Scorecard copy = card;  // a snapshot: not live
  CHECK_FALSE(copy.live());
  ch.duplicates = DuplicatePolicy::error;
  CHECK_THROWS_AS(copy.update(g.model, g.series, ch), DomainError);
  SeriesStore other = g.series;
  CHECK_THROWS_AS(card.update(g.model, other, ch), DomainError);
}

TEST_CASE("SeriesStore::append keeps a finalized store sorted; finalize() merges") {
  SeriesStore s;
  s.add("a", Date(2025, 1, 10), 1.0);
  s.add("b", Date(2025, 1, 5), 2.0);
  s.add("a", Date(2025, 1, 1), 3.0);
  s.finalize();
  const AppendResult r = s.append("a", Date(2025, 1, 5), 4.0);
  CHECK(r.series == 0);
  CHECK_FALSE(r.new_series);
  CHECK(s.finalized());
  CHECK(s.size() == 4);
  SeriesView v = s.view("a");
  REQUIRE(v.size == 3);
  CHECK(v.values[0] == 3.0);  // 01-01
  CHECK(v.values[1] == 4.0);  // 01-05, appended
  CHECK(v.values[2] == 1.0);  // 01-10
  CHECK(s.has_pending_appends());
  CHECK_THROWS_AS(s.value_column(), DomainError);
  // duplicates: sum adds (missing skipped), first keeps, last replaces; each noted
  s.append("a", Date(2025, 1, 5), 6.0, SeriesStore::missing, SeriesStore::missing,
           DuplicatePolicy::sum);
  CHECK(s.view("a").values[1] == 10.0);
  CHECK_FALSE(s.append("a", Date(2025, 1, 5), 0.0, SeriesStore::missing, SeriesStore::missing,
                       DuplicatePolicy::first)
                  .changed);
  s.append("a", Date(2025, 1, 5), 7.0, SeriesStore::missing, SeriesStore::missing,
           DuplicatePolicy::last);
  CHECK(s.view("a").values[1] == 7.0);
  CHECK(s.notes().size() == 3);
  CHECK(s.notes()[0].code == "duplicates-resolved");
  CHECK(s.notes()[0].message ==
        "series 'a' already has a row for 2025-01-05: the appended row was combined by "
        "duplicates=sum");
  CHECK_THROWS_AS(s.append("a", Date(2025, 1, 5), 1.0), DomainError);
  CHECK(s.append("c", Date(2025, 2, 1), 5.0).new_series);
  s.finalize();
  CHECK_FALSE(s.has_pending_appends());
  const std::vector<double> values{3.0, 7.0, 1.0, 2.0, 5.0};  // a, then b, then c
  CHECK(s.value_column() == values);
  CHECK(s.view("c").values[0] == 5.0);
  SeriesStore open;
  open.add("x", Date(2025, 1, 1), 1.0);  // not finalized
  CHECK_THROWS_AS(open.append("x", Date(2025, 1, 2), 1.0), DomainError);
}
