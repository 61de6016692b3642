// Tests for appraisal.hpp: hand-worked calibration, trimming, self-rating,
// minimum raters, component weights, bands and the distribution report;
// property tests (a constant added to one rater, permuted raters); the CSV readers;
// KPI / OKR scores per person from a scorecard (hand-worked; the bundled example).
#include <catch2/catch.hpp>

#include <algorithm>
#include <limits>
#include <random>

#include <okrkit/appraisal/appraisal.hpp>
#include <okrkit/io/measurements_io.hpp>
#include <okrkit/io/model_io.hpp>
#include <okrkit/scoring/scorecard.hpp>

using namespace okrkit;

namespace {

Rubric one_criterion() {
  Rubric r;
  r.criteria = {{"c", "Craft", {"1", "2", "3", "4", "5"}, 1.0}};
  return r;
}

Rating rate(const std::string& person, const std::string& rater, RaterRole role, double v,
            const std::string& criterion = "c") {
  Rating r;
  r.person = person;
  r.cycle = "q1";
  r.rater = rater;
  r.role = role;
  r.criterion = criterion;
  r.rating = v;
  return r;
}

// Competency-only options: the final score is the normalised competency.
AppraisalOptions competency_only() {
  AppraisalOptions o;
  o.kpi_weight = o.okr_weight = 0;
  o.competency_weight = 1;
  return o;
}

const AppraisalRow& row(const AppraisalResult& r, const std::string& person) {
  for (const auto& x : r.rows)
    if (x.person == person) return x;
  throw std::logic_error("no row " + person);
}

// The lenient / strict example of docs/appraisal.md:
//   lenient rater L (manager of A and C): A 5, C 4   (mean 4.5, sd 0.5)
//   strict rater S  (manager of B and D): B 3, D 2   (mean 2.5, sd 0.5)
std::vector<Rating> lenient_strict() {
  return {rate("A", "L", RaterRole::manager, 5), rate("C", "L", RaterRole::manager, 4),
          rate("B", "S", RaterRole::manager, 3), rate("D", "S", RaterRole::manager, 2)};
}

}  // namespace

TEST_CASE("raw ratings favour people rated by the lenient rater") {
  auto r = appraise(lenient_strict(), {}, nullptr, one_criterion(), competency_only());
  CHECK(row(r, "C").competency == 4.0);
  CHECK(row(r, "B").competency == 3.0);
  CHECK(row(r, "C").final_score == Approx(0.75));  // (4 - 1) / 4
  CHECK(row(r, "C").final_score > row(r, "B").final_score);
}

TEST_CASE("mean-centring reverses C (lenient rater) and B (strict rater)") {
  auto o = competency_only();
  o.calibration = Calibration::mean_centre;
  auto r = appraise(lenient_strict(), {}, nullptr, one_criterion(), o);
  // centre 3: A = 3 + (5 - 4.5) = 3.5, C = 3 + (4 - 4.5) = 2.5, B = 3 + (3 - 2.5) = 3.5, D = 2.5
  CHECK(row(r, "A").competency == Approx(3.5));
  CHECK(row(r, "C").competency == Approx(2.5));
  CHECK(row(r, "B").competency == Approx(3.5));
  CHECK(row(r, "D").competency == Approx(2.5));
  CHECK(row(r, "B").final_score > row(r, "C").final_score);
  for (const auto& s : r.raters) CHECK(s.treatment == "mean_centre");
}

TEST_CASE("z-score calibration: centre + spread * (r - mean) / sd") {
  auto o = competency_only();
  o.calibration = Calibration::z_score;
  auto r = appraise(lenient_strict(), {}, nullptr, one_criterion(), o);
  // sd of {5, 4} is 0.5 (population): A = 3 + 0.5 / 0.5 = 4, C = 2; same for B = 4, D = 2.
  CHECK(row(r, "A").competency == Approx(4.0));
  CHECK(row(r, "C").competency == Approx(2.0));
  CHECK(row(r, "B").competency == Approx(4.0));
  CHECK(row(r, "D").competency == Approx(2.0));
  o.calibration_spread = 0.5;
  r = appraise(lenient_strict(), {}, nullptr, one_criterion(), o);
  CHECK(row(r, "A").competency == Approx(3.5));
}

TEST_CASE("calibration edge cases: one person rated, zero variance") {
  auto o = competency_only();
  o.calibration = Calibration::z_score;
  std::vector<Rating> rs = {rate("A", "solo", RaterRole::manager, 5),  // rated one person: kept raw
                            rate("B", "flat", RaterRole::manager, 4),
                            rate("C", "flat", RaterRole::manager, 4)};
  auto r = appraise(rs, {}, nullptr, one_criterion(), o);
  CHECK(row(r, "A").competency == 5.0);
  CHECK(row(r, "B").competency == 3.0);  // zero variance: everybody at the centre
  CHECK(row(r, "C").competency == 3.0);
  std::map<std::string, std::string> t;
  for (const auto& s : r.raters) t[s.rater] = s.treatment;
  CHECK(t["solo"] == "raw: rated 1 person");
  CHECK(t["flat"] == "centre: zero variance");
  o.calibration = Calibration::mean_centre;  // mean-centring a flat rater also gives the centre
  r = appraise(rs, {}, nullptr, one_criterion(), o);
  CHECK(row(r, "B").competency == 3.0);
}

TEST_CASE("trimmed mean drops one outlier rater at each end") {
  // Five peers rate P: 4, 4, 4, 4 and an outlier 1. trim 0.2 -> floor(0.2 * 5) = 1 dropped per end:
  // sorted 1, 4, 4, 4, 4 -> mean of 4, 4, 4 = 4 (untrimmed: 17 / 5 = 3.4).
  std::vector<Rating> rs;
  for (auto [id, v] :
       {std::pair{"p1", 4.0}, {"p2", 4.0}, {"p3", 4.0}, {"p4", 4.0}, {"grudge", 1.0}})
    rs.push_back(rate("P", id, RaterRole::peer, v));
  auto o = competency_only();
  auto r = appraise(rs, {}, nullptr, one_criterion(), o);
  CHECK(row(r, "P").roles[2].score == Approx(3.4));
  o.trim = 0.2;
  r = appraise(rs, {}, nullptr, one_criterion(), o);
  const RoleScore& peer = row(r, "P").roles[static_cast<int>(RaterRole::peer)];
  CHECK(peer.score == Approx(4.0));
  REQUIRE(peer.trimmed.size() == 2);
  CHECK(std::count(peer.trimmed.begin(), peer.trimmed.end(), "grudge") == 1);
  CHECK(peer.raters.size() == 5);
  CHECK_THROWS_AS(appraise(rs, {}, nullptr, one_criterion(),
                           [] {
                             auto x = competency_only();
                             x.trim = 0.5;
                             return x;
                           }()),
                  DomainError);
}

TEST_CASE("self-rating is reported separately and excluded unless asked for") {
  std::vector<Rating> rs = {rate("A", "A", RaterRole::self, 5),
                            rate("A", "M", RaterRole::manager, 3)};
  auto o = competency_only();
  auto r = appraise(rs, {}, nullptr, one_criterion(), o);
  CHECK(row(r, "A").self_score == 5.0);
  CHECK(row(r, "A").competency == 3.0);
  CHECK_FALSE(row(r, "A").roles[0].counted);
  o.include_self = true;
  o.role_weights[RaterRole::self] = 0.5;  // self 0.5, manager 0.5 -> (5 + 3) / 2
  r = appraise(rs, {}, nullptr, one_criterion(), o);
  CHECK(row(r, "A").competency == Approx(4.0));
}

TEST_CASE("role weights and minimum raters per role") {
  std::vector<Rating> rs = {rate("A", "M", RaterRole::manager, 4),
                            rate("A", "P1", RaterRole::peer, 2),
                            rate("A", "R1", RaterRole::report, 5)};
  auto o = competency_only();
  auto r = appraise(rs, {}, nullptr, one_criterion(), o);
  // 0.5 * 4 + 0.3 * 2 + 0.2 * 5 = 3.6
  CHECK(row(r, "A").competency == Approx(3.6));
  o.min_raters[RaterRole::peer] = 2;  // one peer is not enough: (0.5 * 4 + 0.2 * 5) / 0.7 = 4.2857
  r = appraise(rs, {}, nullptr, one_criterion(), o);
  CHECK(row(r, "A").competency == Approx(3.0 / 0.7));
  CHECK_FALSE(row(r, "A").roles[2].counted);
  REQUIRE(row(r, "A").notes.size() == 1);
  CHECK(row(r, "A").notes[0] == "peer: 1 rater(s) < minimum 2, not counted");
}

TEST_CASE("criterion weights average a rater's ratings of a person") {
  Rubric rb;
  rb.criteria = {{"a", "A", {}, 3.0}, {"b", "B", {}, 1.0}};
  std::vector<Rating> rs = {rate("X", "M", RaterRole::manager, 5, "a"),
                            rate("X", "M", RaterRole::manager, 1, "b")};
  auto r = appraise(rs, {}, nullptr, rb, competency_only());
  CHECK(row(r, "X").competency == Approx(4.0));  // (3 * 5 + 1 * 1) / 4
  REQUIRE(r.criteria.size() == 2);
  CHECK(r.criteria[0].criterion == "a");
  CHECK(r.criteria[0].raw == 5.0);
}

TEST_CASE("component weights, missing components and bands") {
  std::vector<Rating> rs = {
      rate("A", "M", RaterRole::manager, 4)};  // competency (4 - 1) / 4 = 0.75
  AppraisalOptions o;                          // 60 / 20 / 20
  auto r = appraise(rs, {{"A", 0.8, 0.5}}, nullptr, one_criterion(), o);
  // 0.6 * 0.8 + 0.2 * 0.5 + 0.2 * 0.75 = 0.73
  CHECK(row(r, "A").final_score == Approx(0.73));
  CHECK(row(r, "A").band == "meets");
  r = appraise(rs, {{"A", 0.8, std::nullopt}}, nullptr, one_criterion(), o);
  // OKR missing: (0.6 * 0.8 + 0.2 * 0.75) / 0.8 = 0.7875
  CHECK(row(r, "A").final_score == Approx(0.7875));
  CHECK(row(r, "A").band == "exceeds");
  CHECK(row(r, "A").notes == std::vector<std::string>{"okr score missing: weights renormalised"});
}

TEST_CASE("distribution report: actual vs target shares per unit, bands never forced") {
  Model m;
  for (int i = 0; i < 10; ++i)
    m.people.push_back({"p" + std::to_string(i), "", i < 5 ? "east" : "west"});
  std::vector<PersonScores> sc;
  // finals (KPI only): 0.95, 0.9 | 0.85, 0.7, 0.6, 0.6, 0.55, 0.5, 0.5 | 0.2
  double finals[] = {0.95, 0.9, 0.85, 0.7, 0.6, 0.6, 0.55, 0.5, 0.5, 0.2};
  for (int i = 0; i < 10; ++i) sc.push_back({"p" + std::to_string(i), finals[i], std::nullopt});
  AppraisalOptions o;
  o.okr_weight = o.competency_weight = 0;
  o.bands = {{"top", 0.88}, {"middle", 0.4}, {"low", 0.0}};
  o.target_distribution = {{"top", 0.2}, {"middle", 0.7}, {"low", 0.1}};
  auto r = appraise({}, sc, &m, Rubric{}, o);
  std::map<std::pair<std::string, std::string>, DistributionRow> d;
  for (const auto& x : r.distribution) d[{x.unit, x.band}] = x;
  CHECK(d[{"*", "top"}].count == 2);
  CHECK(d[{"*", "middle"}].count == 7);
  CHECK(d[{"*", "low"}].count == 1);
  CHECK(d[{"*", "top"}].gap == Approx(0.0));
  // east: p0..p4 -> top 2, middle 3, low 0 -> 40% / 60% / 0% vs 20 / 70 / 10
  CHECK(d[{"east", "top"}].actual == Approx(0.4));
  CHECK(d[{"east", "top"}].gap == Approx(0.2));
  CHECK(d[{"east", "middle"}].gap == Approx(-0.1));
  CHECK(d[{"west", "low"}].actual == Approx(0.2));
  CHECK(d[{"west", "low"}].gap == Approx(0.1));
  CHECK(row(r, "p1").band == "top");  // unchanged by the target
  o.target_distribution = {{"top", 0.5}};
  CHECK_THROWS_AS(appraise({}, sc, &m, Rubric{}, o), DomainError);
}

TEST_CASE("invalid ratings are domain errors") {
  auto rb = one_criterion();
  CHECK_THROWS_AS(appraise({rate("A", "M", RaterRole::manager, 6)}, {}, nullptr, rb), DomainError);
  CHECK_THROWS_AS(appraise({rate("A", "M", RaterRole::manager, 3, "zz")}, {}, nullptr, rb),
                  DomainError);
  CHECK_THROWS_AS(
      appraise({rate("A", "M", RaterRole::manager, 3), rate("A", "M", RaterRole::manager, 4)}, {},
               nullptr, rb),
      DomainError);
}

namespace {
// A random rating set: 4 raters (each rates 3..6 of 8 people), 3 criteria, ratings in 2..4
// so that +-1 keeps them on the 1..5 scale.
std::vector<Rating> random_ratings(std::mt19937& g) {
  std::vector<Rating> rs;
  std::uniform_int_distribution<int> v(2, 4);
  const char* roles_of[] = {"manager", "peer", "peer", "report"};
  for (int j = 0; j < 4; ++j) {
    std::vector<int> ppl = {0, 1, 2, 3, 4, 5, 6, 7};
    std::shuffle(ppl.begin(), ppl.end(), g);
    int n = 3 + static_cast<int>(g() % 4);
    for (int k = 0; k < n; ++k)
      for (const char* c : {"ownership", "collaboration", "growth"})
        rs.push_back(rate("p" + std::to_string(ppl[static_cast<std::size_t>(k)]),
                          "r" + std::to_string(j), *parse_rater_role(roles_of[j]), v(g), c));
  }
  return rs;
}
}  // namespace

TEST_CASE("property: a constant added to one rater leaves calibrated results unchanged") {
  std::mt19937 g(12345);
  for (int trial = 0; trial < 50; ++trial) {
    auto rs = random_ratings(g);
    for (auto cal : {Calibration::mean_centre, Calibration::z_score}) {
      AppraisalOptions o;
      o.calibration = cal;
      o.trim = 0.25;
      auto before = appraise(rs, {}, nullptr, default_rubric(), o);
      auto shifted = rs;
      double c = (trial % 2) ? 1.0 : -1.0;
      for (auto& r : shifted)
        if (r.rater == "r1") r.rating += c;
      auto after = appraise(shifted, {}, nullptr, default_rubric(), o);
      REQUIRE(before.rows.size() == after.rows.size());
      for (std::size_t i = 0; i < before.rows.size(); ++i) {
        const auto &a = before.rows[i], &b = after.rows[i];
        if (std::isnan(a.competency)) {
          CHECK(std::isnan(b.competency));
          continue;
        }
        CHECK(b.competency == Approx(a.competency).margin(1e-12));
        CHECK(b.final_score == Approx(a.final_score).margin(1e-12));
      }
    }
  }
}

TEST_CASE("property: permuting ratings (rater order) changes nothing") {
  std::mt19937 g(777);
  for (int trial = 0; trial < 50; ++trial) {
    auto rs = random_ratings(g);
    AppraisalOptions o;
    o.calibration = static_cast<Calibration>(trial % 3);
    o.trim = 0.25;
    auto before = appraise(rs, {}, nullptr, default_rubric(), o);
    std::shuffle(rs.begin(), rs.end(), g);
    auto after = appraise(rs, {}, nullptr, default_rubric(), o);
    for (std::size_t i = 0; i < before.rows.size(); ++i) {
      CHECK(after.rows[i].person == before.rows[i].person);
      if (!std::isnan(before.rows[i].final_score))
        CHECK(after.rows[i].final_score == Approx(before.rows[i].final_score).margin(1e-12));
      for (std::size_t k = 0; k < 4; ++k)
        CHECK(after.rows[i].roles[k].raters == before.rows[i].roles[k].raters);
    }
  }
}

TEST_CASE("ratings CSV: columns in any order, comments, row-level errors") {
  auto rs = parse_ratings(
      "rating,person,cycle,rater,role,criterion,comment\n"
      "4,p1,q1,m1,manager,ownership,\"Owns the \"\"hard\"\" cases\"\n"
      "3,p1,q1,p1,self,growth,\n",
      "r.csv");
  REQUIRE(rs.size() == 2);
  CHECK(rs[0].comment == "Owns the \"hard\" cases");
  CHECK(rs[1].role == RaterRole::self);
  CHECK(rs[1].row == 3);
  try {
    parse_ratings(
        "person,cycle,rater,role,criterion,rating\n"
        "p1,q1,m1,boss,ownership,4\n"     // row 2: bad role
        "p1,q1,m1,manager,ownership,6\n"  // row 3: off the scale
        "p1,q1,m1,manager,charisma,3\n"   // row 4: unknown criterion
        "p1,q1,m1,manager,growth,x\n"     // row 5: not a number
        "p1,q1,m1,manager,growth,3\n"
        "p1,q1,m1,manager,growth,2\n"  // row 7: duplicate
        "p1,q1,m2,self,growth,2\n",    // row 8: self rating by someone else
        "r.csv");
    FAIL("expected ValidationError");
  } catch (const ValidationError& e) {
    std::vector<std::pair<std::size_t, std::string>> got;
    for (const auto& p : e.problems()) got.push_back({p.where.line, p.where.field});
    std::vector<std::pair<std::size_t, std::string>> want = {{2, "role"},      {3, "rating"},
                                                             {4, "criterion"}, {5, "rating"},
                                                             {7, "criterion"}, {8, "rater"}};
    CHECK(got == want);
    CHECK(e.problems()[0].where.file == "r.csv");
  }
  // Blank lines are skipped; a ragged row is reported with its row and field
  // counts, and the rows around it are still checked.
  try {
    parse_ratings(
        "person,cycle,rater,role,criterion,rating\n"
        "\n"                            // row 2: blank, skipped
        "p1,q1,m1,manager,ownership\n"  // row 3: 5 fields
        "p1,q1,m1,manager,growth,9\n",  // row 4: off the scale
        "r.csv");
    FAIL("expected ValidationError");
  } catch (const ValidationError& e) {
    REQUIRE(e.problems().size() == 2);
    CHECK(e.problems()[0].where.line == 3);
    CHECK(e.problems()[0].message == "row has 5 fields, header has 6");
    CHECK(e.problems()[1].where.line == 4);
    CHECK(e.problems()[1].where.field == "rating");
  }
  CHECK_THROWS_AS(parse_ratings("person,cycle,rater,role,rating\n"),
                  ParseError);  // no criterion column
  CHECK_THROWS_AS(parse_ratings(""), ParseError);
}

TEST_CASE("scores CSV and writers") {
  auto sc = parse_person_scores("person,kpi_score,okr_score\np1,0.8,\np2,0.5,0.7\n");
  REQUIRE(sc.size() == 2);
  CHECK(*sc[0].kpi == 0.8);
  CHECK_FALSE(sc[0].okr);
  CHECK_THROWS_AS(parse_person_scores("person,kpi_score\np1,abc\n"), ValidationError);
  try {
    parse_person_scores("person,kpi_score,okr_score\np1,0.8,0.5,extra\n\np2,0.5,0.7\n", "s.csv");
    FAIL("expected ValidationError");
  } catch (const ValidationError& e) {
    REQUIRE(e.problems().size() == 1);
    CHECK(e.problems()[0].where.file == "s.csv");
    CHECK(e.problems()[0].where.line == 2);
    CHECK(e.problems()[0].message == "row has 4 fields, header has 3");
  }
  std::vector<Rating> rs = {rate("p1", "m", RaterRole::manager, 4, "ownership")};
  auto r = appraise(rs, sc, nullptr);
  auto csv = format_appraisal_csv(r);
  CHECK(csv.rfind("cycle,person,name,unit,kpi_score", 0) == 0);
  CHECK(csv.find("m(manager)") != std::string::npos);
  CHECK(format_appraisal_json(r).find("\"treatment\": \"raw\"") != std::string::npos);
  CHECK(format_appraisal_table(r).find("p2") != std::string::npos);
}

namespace {
// Owners and attainments chosen so every score is worked out by hand below.
const char* owners_json = R"({
  "okrkit": 1,
  "people": [ { "id": "a" }, { "id": "b" }, { "id": "c" }, { "id": "d" } ],
  "cycles": [ { "id": "q1", "start": "2025-01-01", "end": "2025-03-31" },
              { "id": "j1", "start": "2025-03-21", "end": "2025-06-21" },
              { "id": "q3", "start": "2025-07-01", "end": "2025-09-30" } ],
  "objectives": [
    { "id": "o1", "title": "One", "owner": "a", "cycle": "q1", "weight": 2 },
    { "id": "o2", "title": "Two", "owner": "a", "cycle": "j1", "score_override": 0.2 },
    { "id": "o3", "title": "Three", "owner": "a", "cycle": "q3", "score_override": 0.9 }
  ],
  "key_results": [
    { "id": "kr1", "objective": "o1", "title": "K1", "owner": "c", "kind": "increase",
      "baseline": 0, "target": 100, "value_override": 50 },
    { "id": "kr2", "objective": "o1", "title": "K2", "owner": "c", "kind": "increase",
      "baseline": 0, "target": 10, "value_override": 10, "weight": 3 }
  ],
  "kpis": [
    { "id": "k1", "owner": "b", "frequency": "monthly", "kind": "at_least", "target": 80, "value_override": 60 },
    { "id": "k2", "owner": "b", "frequency": "monthly", "kind": "at_most", "target": 2, "value_override": 3,
      "weight": 3 },
    { "id": "k3", "owner": "b", "frequency": "monthly", "kind": "at_least", "target": 5 }
  ]
})";
}  // namespace

TEST_CASE("person_scores: weighted means of owned KPIs and objectives, by hand") {
  Model m = parse_model(owners_json, "owners.json");
  // Built in code: the JSON loader insists on known people, a host product may not.
  Kpi k4 = m.kpis[0];
  k4.id = "k4";
  k4.owner = "x";
  k4.target.target = 50;
  k4.value_override = 100;
  m.kpis.push_back(k4);
  SeriesStore none;
  none.finalize();
  const Scorecard sc = evaluate(m, none, Date(2025, 3, 31));
  // Attainments (docs/scoring.md):
  //   kr1 = (50 - 0) / (100 - 0) = 0.5; kr2 = 10 / 10 = 1 (weight 3)
  //   o1 = (1 * 0.5 + 3 * 1) / 4 = 0.875; o2 = 0.2 and o3 = 0.9 (score overrides)
  //   k1: at_least 80, no baseline, floor 0: 60 / 80 = 0.75
  //   k2: at_most 2, default ceiling 2t = 4: (4 - 3) / (4 - 2) = 0.5 (weight 3)
  //   k3: no value -> left out; k4: 100 >= 50 -> 1
  // Appraisal cycle q1: o1 (q1) and o2 (j1 overlaps q1 from 21 March) count, o3 (q3) does not.
  //   a: okr = (2 * 0.875 + 1 * 0.2) / 3 = 1.95 / 3 = 0.65; owns no KPI
  //   b: kpi = (1 * 0.75 + 3 * 0.5) / 4 = 2.25 / 4 = 0.5625; owns no objective or KR
  //   c: owns no objective -> okr over owned KRs = (1 * 0.5 + 3 * 1) / 4 = 0.875
  //   d: owns nothing -> no row; x: owner outside people, after them: kpi = 1
  const Cycle* q1 = &m.cycles[0];
  auto ps = person_scores(m, sc, q1);
  REQUIRE(ps.size() == 4);
  CHECK(ps[0].person == "a");
  CHECK_FALSE(ps[0].kpi);
  CHECK(*ps[0].okr == Approx(0.65));
  CHECK(ps[0].okr_from == std::vector<std::string>{"o1", "o2"});
  CHECK(ps[1].person == "b");
  CHECK(*ps[1].kpi == Approx(0.5625));
  CHECK(ps[1].kpi_from == std::vector<std::string>{"k1", "k2"});
  CHECK_FALSE(ps[1].okr);
  CHECK(ps[2].person == "c");
  CHECK(*ps[2].okr == Approx(0.875));
  CHECK(ps[2].okr_from == std::vector<std::string>{"kr1", "kr2"});
  CHECK(ps[3].person == "x");
  CHECK(*ps[3].kpi == Approx(1.0));
  // Every cycle: a's okr adds o3: (2 * 0.875 + 0.2 + 0.9) / 4 = 2.85 / 4 = 0.7125.
  CHECK(*person_scores(m, sc, nullptr)[0].okr == Approx(0.7125));

  // Into appraise() (no ratings, weights 0.6 / 0.2 / 0.2 renormalised over present parts):
  // b final = 0.5625 (KPI only); the row names the KPIs behind the number.
  auto res = appraise({}, ps, &m);
  auto row = std::find_if(res.rows.begin(), res.rows.end(),
                          [](const AppraisalRow& r) { return r.person == "b"; });
  REQUIRE(row != res.rows.end());
  CHECK(row->final_score == Approx(0.5625));
  CHECK(row->kpi_from == std::vector<std::string>{"k1", "k2"});

  // Overrides win cell by cell; unknown people are added.
  auto merged = merge_person_scores(ps, {{"b", std::nullopt, 0.4}, {"z", 0.3, std::nullopt}});
  CHECK(*merged[1].kpi == Approx(0.5625));
  CHECK(*merged[1].okr == 0.4);
  CHECK(merged.back().person == "z");
}

TEST_CASE("person_scores on the bundled example: p-reza at the end of Q2") {
  const Model m = load_model(std::string(OKRKIT_EXAMPLES_DIR) + "/acme.json");
  const SeriesStore data =
      load_measurements(std::string(OKRKIT_EXAMPLES_DIR) + "/acme-measurements.csv");
  const Scorecard sc = evaluate(m, data, Date(2025, 6, 30));
  auto ps = person_scores(m, sc, &m.cycles[0]);  // q2-2025
  auto reza = std::find_if(ps.begin(), ps.end(),
                           [](const PersonScores& p) { return p.person == "p-reza"; });
  REQUIRE(reza != ps.end());
  // Data ends 31 May, so June's monthly KPIs take May's values:
  //   kpi-response-time at_most 2, 2.6 h, ceiling 4: (4 - 2.6) / 2 = 0.7
  //   kpi-fcr at_least 85, 81.5 %, floor 0: 81.5 / 85 = 0.958824
  //   kpi-support-csat at_least 90: 364 / 400 * 100 = 91 -> 1
  //   kpi = (0.7 + 0.958824 + 1) / 3 = 0.886275
  // o-support (Jalali 1404-Q1, 21 March to 21 June, overlaps Q2) rolls up
  //   kr-response decrease 3.5 -> 2 at 2.6: 0.9 / 1.5 = 0.6 and kr-fcr 78 -> 85 at 81.5: 3.5 / 7 =
  //   0.5 okr = 0.55
  CHECK(*reza->kpi == Approx((0.7 + 81.5 / 85 + 1) / 3));
  CHECK(*reza->okr == Approx(0.55));
  // p-ceo owns no KPI: only an OKR score.
  CHECK(ps[0].person == "p-ceo");
  CHECK_FALSE(ps[0].kpi);
}

// --- numbers at the edges (issue 15): appraisal input is checked -------------

TEST_CASE("appraise: ratings and scores of persons not in the model are errors naming file:line") {
  const Model m = parse_model(owners_json, "owners.json");  // people a, b, c, d
  Rating known = rate("a", "m", RaterRole::manager, 4);
  Rating stranger = rate("zz", "m", RaterRole::manager, 3);
  stranger.file = "ratings.csv";
  stranger.row = 3;
  PersonScores ghost;
  ghost.person = "ghost";
  ghost.kpi = 0.5;
  ghost.file = "scores.csv";
  ghost.row = 2;
  CHECK_THROWS_WITH(
      appraise({known, stranger}, {ghost}, &m, one_criterion(), competency_only()),
      "2 problems (appraise with unknown=warn to keep such rows)\n"
      "  ratings.csv:3: node 'zz': field 'person': rating by 'm' of person 'zz', who is not in "
      "the model (not a person, not an owner)\n"
      "  scores.csv:2: node 'ghost': field 'person': scores of person 'ghost', who is not in the "
      "model (not a person, not an owner)");
  // unknown = warn: the same findings as warnings, the rows are still scored
  AppraisalOptions o = competency_only();
  o.unknown = UnknownPolicy::warn;
  auto r = appraise({known, stranger}, {ghost}, &m, one_criterion(), o);
  REQUIRE(r.diagnostics.size() == 2);
  CHECK(r.diagnostics[0].severity == Severity::warning);
  CHECK(r.diagnostics[0].code == "unknown-person");
  CHECK(r.diagnostics[0].where.line == 3);
  CHECK(r.diagnostics[1].where.file == "scores.csv");
  // zz: one manager rating 3 on 1..5 -> (3 - 1) / (5 - 1) = 0.5
  CHECK(row(r, "zz").final_score == Approx(0.5));
  // without a model there is nothing to check against
  CHECK_NOTHROW(appraise({stranger}, {}, nullptr, one_criterion(), competency_only()));
}

TEST_CASE("appraise: a rating on a criterion the rubric does not define is an error") {
  Rating r = rate("A", "L", RaterRole::manager, 4, "charisma");
  r.file = "ratings.csv";
  r.row = 5;
  CHECK_THROWS_WITH(appraise({r}, {}, nullptr, one_criterion(), competency_only()),
                    "1 problem (appraise with unknown=warn to keep such rows)\n"
                    "  ratings.csv:5: node 'A': field 'criterion': rating of 'A' by 'L': unknown "
                    "criterion 'charisma' (the rubric defines 1 criteria)");
  AppraisalOptions o = competency_only();
  o.unknown = UnknownPolicy::warn;
  auto res = appraise({r}, {}, nullptr, one_criterion(), o);
  REQUIRE(res.diagnostics.size() == 1);
  CHECK(res.diagnostics[0].code == "unknown-criterion");
  CHECK(row(res, "A").final_score == Approx(0.75));  // (4 - 1) / (5 - 1), weight 1
}

TEST_CASE("check_bands: NaN, overlapping or gapped bands are errors") {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  CHECK_NOTHROW(check_bands(default_bands()));
  CHECK_THROWS_WITH(check_bands({{"bottom", nan}}),
                    "appraisal band 'bottom': minimum nan is not a finite number");
  CHECK_THROWS_WITH(check_bands({{"top", 0.5}, {"also", 0.5}, {"low", 0}}),
                    "appraisal bands 'top' and 'also' overlap: both start at 0.5");
  CHECK_THROWS_WITH(
      check_bands({{"top", 0.8}, {"mid", 0.4}}),
      "appraisal bands leave a gap: final scores from 0 to 0.4 have no band (give the "
      "lowest band 'mid' a minimum of 0)");
  CHECK_THROWS_WITH(check_bands({{"a", 0.5}, {"a", 0}}), "appraisal band 'a' is defined twice");
  CHECK_THROWS_AS(check_bands({}), DomainError);
  AppraisalOptions o = competency_only();
  o.bands = {{"bottom", nan}};
  CHECK_THROWS_AS(appraise(lenient_strict(), {}, nullptr, one_criterion(), o), DomainError);
}
