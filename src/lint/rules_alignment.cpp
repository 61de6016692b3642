// okrkit — lint rules R008-R013 (docs/lint.md): alignment between cycles,
// alignment depth, objectives outside the company's org tree, the recovery
// objective of red KPIs, and open objectives aligned to closed parents.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>
#include <unordered_map>

#include "lint/rules.hpp"
#include "okrkit/scoring/status.hpp"
#include "okrkit/detail/format_number.hpp"

namespace okrkit::lint_detail {

namespace {

std::string fmt(double v) { return detail::format_general(v); }

std::string q(const char* kind, const std::string& id) {
  return std::string(kind) + " '" + id + "'";
}

class Alignment {
 public:
  explicit Alignment(const RuleContext& c) : c_(c), m_(c.model) {
    for (const auto& x : m_.cycles) cycles_[x.id] = &x;
    for (const auto& x : m_.objectives) objectives_[x.id] = &x;
    for (const auto& x : m_.units) units_[x.id] = &x;
  }

  void run() {
    R008();
    R009();
    R010();
    R011();
    R012();
    R013();
  }

 private:
  const Cycle* cycle_of(const Objective& o) const {
    auto it = cycles_.find(o.cycle);
    return it == cycles_.end() ? nullptr : it->second;
  }
  const Objective* objective(const std::string& id) const {
    auto it = objectives_.find(id);
    return it == objectives_.end() ? nullptr : it->second;
  }

  // Parent in another cycle that overlaps the child's but does not cover it
  // (a yearly parent over a quarterly child is nested and fine; cycles that do
  // not overlap at all are R005).
  void R008() {
    for (const auto& o : m_.objectives) {
      auto c = cycle_of(o);
      if (!c) continue;
      for (const auto& a : o.aligns_to) {
        auto p = objective(a.parent);
        auto pc = p ? cycle_of(*p) : nullptr;
        if (!pc || pc == c) continue;
        const bool overlap = !(pc->end < c->start || pc->start > c->end);
        const bool nested = pc->start <= c->start && c->end <= pc->end;
        if (overlap && !nested)
          c_.add("R008", o.id, "aligns_to",
                 q("objective", o.id) + " (cycle '" + c->id + "', " + format_date(c->start) +
                     " to " + format_date(c->end) + ") aligns to '" + a.parent + "' in cycle '" +
                     pc->id + "' (" + format_date(pc->start) + " to " + format_date(pc->end) +
                     "), which does not cover it");
      }
    }
  }

  // Objectives in the longest chain from o up to a top objective, o included.
  // Alignment loops are X010; a node met again on the current path counts once.
  std::size_t depth(const std::string& id, std::set<std::string>& path) {
    if (auto it = depth_.find(id); it != depth_.end()) return it->second;
    auto o = objective(id);
    if (!o || path.count(id)) return 0;
    path.insert(id);
    std::size_t best = 0;
    for (const auto& a : o->aligns_to) best = std::max(best, depth(a.parent, path));
    path.erase(id);
    return depth_[id] = best + 1;
  }
  void R009() {
    const std::size_t limit = c_.options.max_alignment_depth;
    for (const auto& o : m_.objectives) {
      std::set<std::string> path;
      const std::size_t d = depth(o.id, path);
      if (d > limit)
        c_.add("R009", o.id, "aligns_to",
               q("objective", o.id) + " is " + std::to_string(d) +
                   " objectives deep in its alignment chain (limit " + std::to_string(limit) +
                   "): align it to a higher objective");
    }
  }

  // The top unit of `unit` (following parents), or "" for an unknown unit.
  std::string root_of(const std::string& unit) const {
    std::string cur = unit;
    for (std::size_t steps = 0; steps <= units_.size(); ++steps) {
      auto it = units_.find(cur);
      if (it == units_.end()) return "";
      if (it->second->parent.empty()) return cur;
      cur = it->second->parent;
    }
    return "";  // a unit loop; validate() reports it
  }
  // The company root: the only root unit, else the only root of kind
  // "company"; "" when that is ambiguous (then only objectives without a
  // unit are reported).
  std::string company_root() const {
    std::vector<std::string> roots, companies;
    for (const auto& u : m_.units)
      if (u.parent.empty()) {
        roots.push_back(u.id);
        if (u.kind == "company") companies.push_back(u.id);
      }
    if (roots.size() == 1) return roots.front();
    if (companies.size() == 1) return companies.front();
    return "";
  }
  void R010() {
    if (m_.units.empty()) return;  // a model without an org tree
    const std::string company = company_root();
    for (const auto& o : m_.objectives) {
      if (o.unit.empty()) {
        c_.add("R010", o.id, "unit",
               q("objective", o.id) + " belongs to no unit: give it a unit of the org tree");
        continue;
      }
      const std::string root = root_of(o.unit);
      if (!company.empty() && !root.empty() && root != company)
        c_.add("R010", o.id, "unit",
               q("objective", o.id) + " belongs to unit '" + o.unit + "' under '" + root +
                   "', outside the company tree of '" + company + "'");
    }
  }

  // The KPI's current value for R011: the hand-entered value, else the
  // outlook's current value (the scorecard's value with `okrkit lint --data`),
  // else its latest measurement on or before as-of when the KPI aggregates
  // with `last` (other aggregations need the scorecard; then R011 is silent).
  std::optional<double> kpi_value(const Kpi& k) const {
    if (k.value_override) return k.value_override;
    if (c_.input.outlook)
      if (auto ol = c_.input.outlook(k.id); ol && ol->current) return ol->current;
    if (!c_.input.data || k.series.empty() || k.aggregation != Aggregation::last) return {};
    auto v = c_.input.data->view(k.series);
    std::optional<double> last;
    const DayNumber lim = c_.as_of ? to_day_number(*c_.as_of) : 0;
    for (std::size_t i = 0; i < v.size; ++i)
      if ((!c_.as_of || v.days[i] <= lim) && !std::isnan(v.values[i])) last = v.values[i];
    return last;
  }
  void R011() {
    for (const auto& k : m_.kpis) {
      if (!k.recovery.empty()) continue;
      auto v = kpi_value(k);
      if (!v) continue;
      if (kpi_health(k.target, k.thresholds, *v) == Health::red)
        c_.add("R011", k.id, "recovery",
               q("KPI", k.id) + " is red (value " + fmt(*v) +
                   ") and names no recovery objective: set \"recovery\" to the objective that "
                   "brings it back");
    }
  }

  void R012() {
    if (!c_.as_of) return;
    for (const auto& k : m_.kpis) {
      if (k.recovery.empty()) continue;
      auto o = objective(k.recovery);
      auto c = o ? cycle_of(*o) : nullptr;
      if (!c) continue;  // validate() reports the dangling link
      if (*c_.as_of < c->start || *c_.as_of > c->end)
        c_.add("R012", k.id, "recovery",
               q("KPI", k.id) + " names recovery objective '" + o->id + "' of cycle '" + c->id +
                   "' (" + format_date(c->start) + " to " + format_date(c->end) +
                   "), which does not include " + format_date(*c_.as_of));
    }
  }

  // An objective that is still open (state active, its cycle not closed)
  // aligned to a parent that is closed: the parent's state is achieved,
  // missed or abandoned, or the parent's cycle is closed. The parent's score
  // is frozen (docs/lifecycle.md), so the child's work no longer moves it.
  // The model's states decide, whatever the as-of date.
  void R013() {
    for (const auto& o : m_.objectives) {
      if (is_closed(o.state)) continue;
      auto c = cycle_of(o);
      if (c && c->state == CycleState::closed) continue;  // the whole cycle is closed
      for (const auto& a : o.aligns_to) {
        auto p = objective(a.parent);
        if (!p) continue;  // validate() reports the dangling link
        std::string why;
        if (is_closed(p->state)) {
          why = "which was " + to_string(p->state);
          if (p->close.closed_on) why += " on " + format_date(*p->close.closed_on);
        } else if (auto pc = cycle_of(*p); pc && pc->state == CycleState::closed) {
          why = "whose cycle '" + pc->id + "' is closed";
        } else {
          continue;
        }
        c_.add("R013", o.id, "aligns_to",
               q("objective", o.id) + " is open but aligns to '" + p->id + "', " + why +
                   ": its score is frozen, so align the objective to an open one");
      }
    }
  }

  const RuleContext& c_;
  const Model& m_;
  std::unordered_map<std::string, const Cycle*> cycles_;
  std::unordered_map<std::string, const Objective*> objectives_;
  std::unordered_map<std::string, const OrgUnit*> units_;
  std::unordered_map<std::string, std::size_t> depth_;
};

}  // namespace

void alignment_rules(const RuleContext& ctx) { Alignment(ctx).run(); }

}  // namespace okrkit::lint_detail
