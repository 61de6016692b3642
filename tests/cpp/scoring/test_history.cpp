// Tests of scoring/history.hpp: evaluate_history() must give, at every date,
// the scorecard evaluate() gives at that date, field for field and bit for
// bit (property test over generated organisations and random date sets), and
// history_dates() the documented grid (hand-listed below).
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string>
#include <type_traits>
#include <vector>

#include "../generated_org.hpp"
#include "okrkit/io/measurements_io.hpp"
#include "okrkit/io/model_io.hpp"
#include "okrkit/scoring/history.hpp"
#include "okrkit/scoring/node_score_fields.hpp"

using namespace okrkit;

namespace {

template <class T>
bool same(const T& a, const T& b) {
  if constexpr (std::is_same_v<T, double>) {
    return std::memcmp(&a, &b, sizeof a) == 0;
  } else if constexpr (std::is_same_v<T, std::optional<double>>) {
    return a.has_value() == b.has_value() && (!a || same(*a, *b));
  } else if constexpr (std::is_same_v<T, std::vector<Diagnostic>>) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
      if (a[i].severity != b[i].severity || a[i].code != b[i].code ||
          a[i].message != b[i].message || a[i].where.file != b[i].where.file ||
          a[i].where.line != b[i].where.line || a[i].where.node != b[i].where.node ||
          a[i].where.field != b[i].where.field)
        return false;
    return true;
  } else {
    return a == b;
  }
}

/// "" when equal; else the first row id and field that differ.
std::string difference(const Scorecard& a, const Scorecard& b) {
  if (a.as_of != b.as_of) return "as_of";
  if (a.nodes.size() != b.nodes.size()) return "row count";
  if (!same(a.diagnostics, b.diagnostics)) return "scorecard diagnostics";
  if (a.current_cycle() != b.current_cycle()) return "current cycle";
  if (a.cycles.size() != b.cycles.size()) return "cycle count";
  for (std::size_t i = 0; i < a.cycles.size(); ++i) {
    const CycleScore &x = a.cycles[i], &y = b.cycles[i];
    if (x.id != y.id || x.state != y.state || !same(x.score, y.score) ||
        x.objectives != y.objectives || x.scored != y.scored || x.reason != y.reason ||
        !same(x.p_success, y.p_success))
      return "cycle " + x.id;
  }
  for (std::size_t i = 0; i < a.nodes.size(); ++i) {
    std::string diff;
    for_each_field([&](const auto& f) {
      if (diff.empty() && !same(a.nodes[i].*(f.member), b.nodes[i].*(f.member)))
        diff = a.nodes[i].id + "." + std::string(f.name);
    });
    if (!diff.empty()) return diff;
    if (b.find(a.nodes[i].id) != a.find(a.nodes[i].id) - a.nodes.data() + b.nodes.data())
      return a.nodes[i].id + ": find()";
  }
  return "";
}

}  // namespace

TEST_CASE("property: history equals evaluate() at every date, bit for bit") {
  std::uint64_t rng = 0x2545F4914F6CDD1Dull;
  auto next = [&rng](std::uint64_t n) {
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng % n;
  };
  for (int trial = 0; trial < 24; ++trial) {
    testing::OrgShape shape;
    shape.units = 1 + static_cast<int>(next(12));
    shape.points = 1 + static_cast<int>(next(14));
    shape.spacing_days = 1 + static_cast<int>(next(20));
    shape.nan_share = next(3) == 0 ? 0.2 : 0.0;
    shape.poison = next(4) == 0;
    shape.objectives = 1 + static_cast<int>(next(5));
    shape.key_results = 1 + static_cast<int>(next(12));
    shape.kpis = static_cast<int>(next(5));
    shape.csfs = shape.kpis ? static_cast<int>(next(3)) : 0;
    auto g = testing::generate_org(shape);
    // some closed and abandoned nodes (docs/lifecycle.md): frozen scores,
    // scores at the closing day, roll-ups without them or with them as 0
    if (next(2) == 0 && !g.model.objectives.empty()) {
      Objective& ob = g.model.objectives[next(g.model.objectives.size())];
      ob.state = NodeState::abandoned;
      ob.close.closed_on = Date(2025, 4, 1);
      ob.close.note = "dropped";
    }
    if (next(2) == 0 && !g.model.key_results.empty()) {
      KeyResult& kr = g.model.key_results[next(g.model.key_results.size())];
      kr.state = next(2) ? NodeState::achieved : NodeState::missed;
      kr.close.closed_on = Date(2025, 5, 1) + boost::gregorian::days(static_cast<long>(next(60)));
      if (next(2)) kr.close.final_score = 0.5;
    }
    EvaluateOptions o;
    o.outlook = next(3) == 0;
    if (o.outlook && next(2)) o.reconcile = OutlookReconcile::ols;
    if (next(2)) o.abandoned = AbandonedPolicy::zero;
    o.threads = next(2) == 0 ? 1 : 2;
    if (next(2)) o.status_from = StatusSource::forecast;
    // 1-9 dates from before the cycle to after it, any order, repeats allowed
    std::vector<Date> dates;
    const std::size_t n = 1 + next(9);
    for (std::size_t k = 0; k < n; ++k)
      dates.push_back(Date(2025, 3, 1) + boost::gregorian::days(static_cast<long>(next(170))));
    if (n > 2) dates.push_back(dates.front());
    // scoring methods (docs/lifecycle.md "Scoring methods"): time in band on
    // a series or check-ins, progress from KPIs, zones reported by check-ins
    for (KeyResult& kr : g.model.key_results) {
      if (next(3) != 0 || kr.value_override || !kr.cascade_from.empty()) continue;
      switch (next(3)) {
        case 0:
          kr.scoring = KrScoring::time_in_band;
          if (next(3) == 0 && kr.target.baseline && kr.target.target) {
            kr.target.kind = TargetKind::range;
            kr.target.lo = std::min(*kr.target.baseline, *kr.target.target);
            kr.target.hi = std::max(*kr.target.baseline, *kr.target.target);
          } else {
            kr.target.kind = next(2) ? TargetKind::at_least : TargetKind::at_most;
          }
          break;
        case 1:
          if (g.model.kpis.empty()) break;
          kr.scoring = KrScoring::tracked_by;
          kr.tracked_by = {g.model.kpis[next(g.model.kpis.size())].id};
          if (next(2)) kr.tracked_by.push_back(g.model.kpis[next(g.model.kpis.size())].id);
          break;
        default:
          kr.scoring = KrScoring::ordinal;
          kr.checkins.push_back(
              {Date(2025, 4, 10), std::nullopt, std::nullopt, "", std::nullopt, ZoneLevel::commit});
          kr.checkins.push_back({Date(2025, 5, 20), std::nullopt, std::nullopt, "", std::nullopt,
                                 next(2) ? ZoneLevel::stretch : ZoneLevel::below});
          break;
      }
    }
    INFO("trial " << trial << ": " << shape.units << " units, " << dates.size() << " dates");
    const auto hist = evaluate_history(g.model, g.series, dates, o);
    REQUIRE(hist.size() == dates.size());
    for (std::size_t k = 0; k < dates.size(); ++k) {
      INFO("as of " << format_date(dates[k]));
      CHECK(difference(hist[k], evaluate(g.model, g.series, dates[k], o)) == "");
    }
  }
}

TEST_CASE("history of the bundled example equals evaluate(), with the outlook on") {
  const Model m = load_model(std::string(OKRKIT_EXAMPLES_DIR) + "/acme.json");
  const SeriesStore data =
      load_measurements(std::string(OKRKIT_EXAMPLES_DIR) + "/acme-measurements.csv");
  EvaluateOptions o;
  o.outlook = true;
  std::vector<Date> dates;
  for (int d = 0; d < 200; d += 23) dates.push_back(Date(2025, 1, 1) + boost::gregorian::days(d));
  HistoryEvaluator h(m, data, o);
  for (const Date& d : dates) {
    INFO("as of " << format_date(d));
    CHECK(difference(h.at(d), evaluate(m, data, d, o)) == "");
  }
}

TEST_CASE("the callback form sees every date in the given order") {
  testing::OrgShape shape;
  shape.units = 3;
  const auto g = testing::generate_org(shape);
  const std::vector<Date> dates{Date(2025, 6, 1), Date(2025, 4, 1), Date(2025, 6, 1)};
  std::vector<Date> seen;
  evaluate_history(g.model, g.series, dates, {}, [&](const Scorecard& sc) {
    seen.push_back(sc.as_of);
    CHECK(sc.nodes.size() == 3u * testing::nodes_per_unit + 3u);
  });
  CHECK(seen == dates);
  CHECK_THROWS_AS(evaluate_history(g.model, g.series, {Date()}), DomainError);
}

TEST_CASE("history_dates: weekly and monthly grids across the cycle") {
  Model m;
  m.cycles.push_back({"q", "2025-Q2", Date(2025, 4, 1), Date(2025, 6, 30)});
  // weekly: 04-01 + 7k up to 06-24 (k = 0..12), then the end 06-30: 14 dates
  const auto w = history_dates(m, HistoryStep::weekly);
  REQUIRE(w.size() == 14u);
  CHECK(w[1] == Date(2025, 4, 8));
  CHECK(w[12] == Date(2025, 6, 24));
  CHECK(w[13] == Date(2025, 6, 30));
  // monthly: the start, 05-01, 06-01 and the end
  CHECK(history_dates(m, HistoryStep::monthly, "q") ==
        std::vector<Date>{Date(2025, 4, 1), Date(2025, 5, 1), Date(2025, 6, 1), Date(2025, 6, 30)});
  // a cycle from its period label only, named by the label
  m.cycles.push_back({"h", "2025-Q4", Date(), Date()});
  CHECK(history_dates(m, HistoryStep::monthly, "2025-Q4") ==
        std::vector<Date>{Date(2025, 10, 1), Date(2025, 11, 1), Date(2025, 12, 1),
                          Date(2025, 12, 31)});
  CHECK_THROWS_WITH(history_dates(m, HistoryStep::weekly),
                    "history dates: the model has 2 cycles; name one (its id or period label)");
  CHECK_THROWS_WITH(history_dates(m, HistoryStep::weekly, "x"),
                    "history dates: no cycle 'x' in the model");
  CHECK(parse_history_step("weekly") == HistoryStep::weekly);
  CHECK_FALSE(parse_history_step("daily"));
}
