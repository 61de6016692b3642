// Tests for include/okrkit/forecast/model_hierarchy.hpp: the summing matrix a
// model implies (cascade_from, sum_of), checked entry by entry by hand.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include <okrkit/core/error.hpp>
#include <okrkit/forecast/model_hierarchy.hpp>

using namespace okrkit;

namespace {
KeyResult kr(std::string id, std::vector<std::string> from = {}) {
  KeyResult k;
  k.id = std::move(id);
  k.cascade_from = std::move(from);
  return k;
}
Kpi kpi(std::string id, std::vector<std::string> sum_of = {}) {
  Kpi k;
  k.id = std::move(id);
  k.sum_of = std::move(sum_of);
  return k;
}
std::string message_of(const Model& m) {
  try {
    (void)hierarchy_from_model(m);
  } catch (const ValidationError& e) {
    REQUIRE(e.problems().size() == 1);
    return e.problems()[0].message + " @" + e.problems()[0].where.node + "." +
           e.problems()[0].where.field;
  }
  return "no error";
}
}  // namespace

TEST_CASE("hierarchy from the model: cascaded KRs and KPIs with sum_of") {
  Model m;
  m.key_results = {kr("k-top", {"k-a", "k-b"}), kr("k-a"), kr("k-b"), kr("k-alone")};
  m.kpis = {kpi("total", {"east", "west"}), kpi("east"), kpi("west"), kpi("other")};
  const Hierarchy h = hierarchy_from_model(m);
  // Nodes that take part only; aggregates breadth first from the roots (in
  // model order: k-top, total), then the bottom series likewise.
  REQUIRE(h.nodes == std::vector<std::string>{"k-top", "total", "k-a", "k-b", "east", "west"});
  REQUIRE(h.n_bottom == 4);
  const Eigen::MatrixXd S(h.S);
  Eigen::MatrixXd want(6, 4);
  want << 1, 1, 0, 0,  //
      0, 0, 1, 1,      //
      1, 0, 0, 0,      //
      0, 1, 0, 0,      //
      0, 0, 1, 0,      //
      0, 0, 0, 1;
  CHECK(S == want);
  CHECK(h.parent == std::vector<std::ptrdiff_t>{-1, -1, 0, 0, 1, 1});
}

TEST_CASE("hierarchy from the model: three levels of cascade") {
  Model m;
  m.key_results = {kr("top", {"mid", "c"}), kr("mid", {"a", "b"}), kr("a"), kr("b"), kr("c")};
  const Hierarchy h = hierarchy_from_model(m);
  REQUIRE(h.nodes == std::vector<std::string>{"top", "mid", "c", "a", "b"});
  // bottom series c, a, b: top = a + b + c, mid = a + b
  const Eigen::MatrixXd S(h.S);
  Eigen::MatrixXd want(5, 3);
  want << 1, 1, 1,  //
      0, 1, 1,      //
      1, 0, 0,      //
      0, 1, 0,      //
      0, 0, 1;
  CHECK(S == want);
}

TEST_CASE("hierarchy from the model: a KPI in two sums gives a grouped structure") {
  Model m;
  m.kpis = {kpi("total", {"east", "west"}), kpi("coast", {"west"}), kpi("east"), kpi("west")};
  const Hierarchy h = hierarchy_from_model(m);
  REQUIRE(h.nodes == std::vector<std::string>{"coast", "total", "east", "west"});
  CHECK(h.parent.empty());
  const Eigen::MatrixXd S(h.S);
  Eigen::MatrixXd want(4, 2);
  want << 0, 1,  //
      1, 1,      //
      1, 0,      //
      0, 1;
  CHECK(S == want);
}

TEST_CASE("hierarchy from the model: no sums, an empty hierarchy") {
  Model m;
  m.kpis = {kpi("a"), kpi("b")};
  CHECK(hierarchy_from_model(m).size() == 0);
}

TEST_CASE("hierarchy from the model: bad sums name the node and field") {
  Model m;
  m.kpis = {kpi("total", {"east", "wst"}), kpi("east")};
  CHECK(message_of(m) == "unknown KPI 'wst' @total.sum_of[1]");
  m.kpis = {kpi("total", {"total"})};
  CHECK(message_of(m) == "KPI sums itself @total.sum_of[0]");
  m.kpis = {kpi("a", {"b"}), kpi("b", {"a"})};
  CHECK(message_of(m) == "cycle in the sums: a -> b -> a @b.sum_of");
  m.kpis = {kpi("a", {"b", "b"}), kpi("b")};
  CHECK(message_of(m) == "'b' is listed twice; it would count twice @a.sum_of[1]");
  m.kpis = {kpi("a", {"b", "c"}), kpi("b", {"c"}), kpi("c")};
  CHECK(message_of(m) == "'c' is reached twice below 'a'; it would count twice @a.sum_of");
  m.kpis = {kpi("a", {"k"})};
  m.key_results = {kr("k")};
  CHECK(message_of(m) == "'k' is a key result, not a KPI @a.sum_of[0]");
}
