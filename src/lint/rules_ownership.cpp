// okrkit — lint rules X014-X017 (docs/lint.md): objectives measured only by
// aligned children, key results without their own owner, objectives whose
// key results all belong to someone else, and owners with too many key results.
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include "lint/rules.hpp"

namespace okrkit::lint_detail {

namespace {

std::string q(const char* kind, const std::string& id) {
  return std::string(kind) + " '" + id + "'";
}

class Ownership {
 public:
  explicit Ownership(const RuleContext& c) : c_(c), m_(c.model) {
    for (const auto& x : m_.objectives) objectives_[x.id] = &x;
    for (const auto& k : m_.key_results) krs_of_[k.objective].push_back(&k);
    for (const auto& x : m_.objectives)
      for (const auto& a : x.aligns_to) has_children_[a.parent] = true;
  }

  void run() {
    X014();
    X015();
    X016();
    X017();
  }

 private:
  // Objectives with aligned children but no key results of their own (with
  // neither, X011 reports them).
  void X014() {
    for (const auto& o : m_.objectives)
      if (krs_of_[o.id].empty() && has_children_[o.id])
        c_.add("X014", o.id, "key_results",
               q("objective", o.id) +
                   " has no key results of its own, only aligned children: add the key "
                   "results that show it is reached");
  }
  void X015() {
    for (const auto& k : m_.key_results) {
      auto it = objectives_.find(k.objective);
      // Without an owned objective X004 reports the key result already.
      if (k.owner.empty() && it != objectives_.end() && !it->second->owner.empty())
        c_.add("X015", k.id, "owner",
               q("key result", k.id) + " names no owner of its own (it falls to '" +
                   it->second->owner + "', the objective's owner)");
    }
  }
  void X016() {
    for (const auto& o : m_.objectives) {
      const auto& krs = krs_of_[o.id];
      if (o.owner.empty() || krs.empty()) continue;
      const std::string& first = krs.front()->owner;
      bool all = !first.empty() && first != o.owner;
      for (const auto* k : krs) all = all && k->owner == first;
      if (all)
        c_.add("X016", o.id, "owner",
               q("objective", o.id) + " is owned by '" + o.owner + "' but all its " +
                   std::to_string(krs.size()) + " key result(s) are owned by '" + first +
                   "': make '" + first + "' the owner or share the key results");
    }
  }
  void X017() {
    const std::size_t limit = c_.options.max_key_results_per_owner;
    std::map<std::pair<std::string, std::string>, std::vector<std::string>> per;
    std::vector<std::pair<std::string, std::string>> order;
    for (const auto& k : m_.key_results) {
      auto it = objectives_.find(k.objective);
      if (it == objectives_.end()) continue;
      const std::string& owner = k.owner.empty() ? it->second->owner : k.owner;
      if (owner.empty()) continue;
      auto key = std::make_pair(owner, it->second->cycle);
      if (!per.count(key)) order.push_back(key);
      per[key].push_back(k.id);
    }
    for (const auto& key : order) {
      const auto& ids = per[key];
      if (ids.size() > limit)
        c_.add("X017", ids[limit], "owner",
               q("key result", ids[limit]) + ": owner '" + key.first + "' has " +
                   std::to_string(ids.size()) + " key results in cycle '" + key.second + "' (> " +
                   std::to_string(limit) + ")");
    }
  }

  const RuleContext& c_;
  const Model& m_;
  std::unordered_map<std::string, const Objective*> objectives_;
  std::unordered_map<std::string, std::vector<const KeyResult*>> krs_of_;
  std::unordered_map<std::string, bool> has_children_;
};

}  // namespace

void ownership_rules(const RuleContext& ctx) { Ownership(ctx).run(); }

}  // namespace okrkit::lint_detail
