// The aggregation structure of a model (include/okrkit/forecast/model_hierarchy.hpp).
#include <okrkit/forecast/model_hierarchy.hpp>

#include <algorithm>
#include <string>
#include <unordered_map>
#include <vector>

#include <okrkit/core/error.hpp>

namespace okrkit {

namespace {

[[noreturn]] void bad(const Model& m, const std::string& node, const std::string& field,
                      const std::string& message) {
  throw ValidationError(
      {Diagnostic{Severity::error, "hierarchy", message, m.sources.locate(node, field)}});
}

}  // namespace

Hierarchy hierarchy_from_model(const Model& model) {
  // Nodes in model order: key results, then KPIs; kind 0 = KR, 1 = KPI.
  std::unordered_map<std::string, std::pair<int, std::size_t>> where;
  for (std::size_t i = 0; i < model.key_results.size(); ++i)
    where.emplace(model.key_results[i].id, std::make_pair(0, i));
  for (std::size_t i = 0; i < model.kpis.size(); ++i)
    where.emplace(model.kpis[i].id, std::make_pair(1, i));
  // children of every aggregate, by node name; the insertion order of `order`
  // is the model order of the nodes taking part.
  std::unordered_map<std::string, std::vector<std::string>> kids;
  std::unordered_map<std::string, std::size_t> parents_of;
  std::vector<std::string> order;
  std::unordered_map<std::string, std::size_t> rank;  // model position of each node
  for (std::size_t i = 0; i < model.key_results.size(); ++i)
    rank.emplace(model.key_results[i].id, i);
  for (std::size_t i = 0; i < model.kpis.size(); ++i)
    rank.emplace(model.kpis[i].id, model.key_results.size() + i);
  auto add = [&](const std::string& parent, const std::vector<std::string>& children, int kind,
                 const char* field) {
    if (children.empty()) return;
    for (std::size_t c = 0; c < children.size(); ++c) {
      const std::string& child = children[c];
      const std::string f = std::string(field) + "[" + std::to_string(c) + "]";
      const auto it = where.find(child);
      const char* want = kind == 0 ? "key result" : "KPI";
      if (it == where.end())
        bad(model, parent, f, std::string("unknown ") + want + " '" + child + "'");
      if (it->second.first != kind)
        bad(model, parent, f,
            "'" + child + "' is a " + (kind == 0 ? "KPI" : "key result") + ", not a " + want);
      if (child == parent)
        bad(model, parent, f,
            std::string(kind == 0 ? "key result cascades from" : "KPI sums") + " itself");
      auto& list = kids[parent];
      if (std::find(list.begin(), list.end(), child) != list.end())
        bad(model, parent, f, "'" + child + "' is listed twice; it would count twice");
      list.push_back(child);
      ++parents_of[child];
    }
  };
  for (const auto& k : model.key_results) add(k.id, k.cascade_from, 0, "cascade_from");
  for (const auto& k : model.kpis) add(k.id, k.sum_of, 1, "sum_of");
  if (kids.empty()) return hierarchy_from_parents({});
  for (const auto& [id, r] : rank)
    if (kids.count(id) || parents_of.count(id)) order.push_back(id);
  std::sort(order.begin(), order.end(),
            [&](const std::string& a, const std::string& b) { return rank[a] < rank[b]; });

  // Depth-first from every aggregate: the bottom series below it (cycle and
  // double-count checks on the way). colour: 0 new, 1 on the stack, 2 done.
  std::unordered_map<std::string, int> colour;
  std::unordered_map<std::string, std::vector<std::string>> below;  // aggregate -> bottoms
  std::vector<std::string> topo;                                    // children before parents
  std::vector<std::string> path;
  auto visit = [&](auto&& self, const std::string& n) -> void {
    colour[n] = 1;
    path.push_back(n);
    auto it = kids.find(n);
    std::vector<std::string> bottoms;
    for (const auto& c : it->second) {
      if (colour[c] == 1) {
        std::string loop;
        bool on = false;
        for (const auto& p : path) {
          on |= p == c;
          if (on) loop += p + " -> ";
        }
        bad(model, n, where[n].first == 0 ? "cascade_from" : "sum_of",
            "cycle in the sums: " + loop + c);
      }
      if (!kids.count(c)) {
        bottoms.push_back(c);
        continue;
      }
      if (colour[c] == 0) self(self, c);
      const auto& sub = below[c];
      bottoms.insert(bottoms.end(), sub.begin(), sub.end());
    }
    std::vector<std::string> sorted = bottoms;
    std::sort(sorted.begin(), sorted.end());
    const auto dup = std::adjacent_find(sorted.begin(), sorted.end());
    if (dup != sorted.end())
      bad(model, n, where[n].first == 0 ? "cascade_from" : "sum_of",
          "'" + *dup + "' is reached twice below '" + n + "'; it would count twice");
    below[n] = std::move(bottoms);
    colour[n] = 2;
    path.pop_back();
    topo.push_back(n);
  };
  for (const auto& n : order)
    if (kids.count(n) && colour[n] == 0) visit(visit, n);

  const bool tree = std::all_of(parents_of.begin(), parents_of.end(),
                                [](const auto& p) { return p.second == 1; });
  if (tree) {
    std::unordered_map<std::string, std::string> parent;
    for (const auto& [p, cs] : kids)
      for (const auto& c : cs) parent[c] = p;
    std::vector<HierarchyEdge> edges;
    edges.reserve(order.size());
    for (const auto& n : order) {
      auto it = parent.find(n);
      edges.push_back({n, it == parent.end() ? std::string() : it->second});
    }
    return hierarchy_from_parents(edges);
  }
  // Grouped: aggregates parents first (reverse of children-first), bottoms in model order.
  std::vector<std::string> nodes(topo.rbegin(), topo.rend());
  std::vector<std::string> bottoms;
  for (const auto& n : order)
    if (!kids.count(n)) bottoms.push_back(n);
  std::unordered_map<std::string, Eigen::Index> col;
  for (std::size_t j = 0; j < bottoms.size(); ++j) col[bottoms[j]] = static_cast<Eigen::Index>(j);
  std::vector<Eigen::Triplet<double>> t;
  for (std::size_t r = 0; r < nodes.size(); ++r)
    for (const auto& b : below[nodes[r]]) t.emplace_back(static_cast<Eigen::Index>(r), col[b], 1.0);
  const std::size_t a = nodes.size();
  for (std::size_t j = 0; j < bottoms.size(); ++j)
    t.emplace_back(static_cast<Eigen::Index>(a + j), static_cast<Eigen::Index>(j), 1.0);
  Eigen::SparseMatrix<double> S(static_cast<Eigen::Index>(a + bottoms.size()),
                                static_cast<Eigen::Index>(bottoms.size()));
  S.setFromTriplets(t.begin(), t.end());
  nodes.insert(nodes.end(), bottoms.begin(), bottoms.end());
  Hierarchy h = hierarchy_from_summing_matrix(S, std::move(nodes));
  h.parent.clear();  // a child with two parents: not a tree
  return h;
}

}  // namespace okrkit
