// okrkit — appraisal KPI / OKR scores per person from a scorecard
// (docs/appraisal.md "Scores from the scorecard").
#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <unordered_map>

#include "okrkit/appraisal/appraisal.hpp"
#include "okrkit/scoring/scorecard.hpp"

namespace okrkit {

namespace {

// Weighted mean of attainments: Σ w a / Σ w over the nodes with a number.
struct Mean {
  double sw = 0, swa = 0;
  std::vector<std::string> ids;
  void add(const Scorecard& sc, const std::string& id, double w) {
    const NodeScore* n = sc.find(id);
    if (!n || std::isnan(n->attainment) || !std::isfinite(w) || w <= 0) return;
    sw += w;
    swa += w * n->attainment;
    ids.push_back(id);
  }
  std::optional<double> value() const {
    if (sw > 0) return swa / sw;
    return std::nullopt;
  }
};

}  // namespace

std::vector<PersonScores> person_scores(const Model& model, const Scorecard& scorecard,
                                        const Cycle* cycle) {
  std::unordered_map<std::string, const Cycle*> cycles;
  for (const auto& c : model.cycles) cycles[c.id] = &c;
  // An objective counts when its cycle overlaps the appraisal cycle (a Jalali
  // quarter overlapping a Gregorian one is "in" it); unknown cycles do not.
  auto in_cycle = [&](const Objective& o) {
    if (!cycle) return true;
    if (o.cycle == cycle->id) return true;
    auto it = cycles.find(o.cycle);
    return it != cycles.end() && it->second->start <= cycle->end && cycle->start <= it->second->end;
  };

  std::vector<std::string> order;  // people first, then other owners as they appear
  std::set<std::string> known;
  std::map<std::string, Mean> kpis, objectives, key_results;  // person -> weighted mean
  auto seen = [&](const std::string& p) {
    if (!p.empty() && known.insert(p).second) order.push_back(p);
  };
  for (const auto& p : model.people) seen(p.id);
  std::unordered_map<std::string, const Objective*> objective_of;
  for (const auto& o : model.objectives) {
    objective_of[o.id] = &o;
    if (o.owner.empty() || !in_cycle(o)) continue;
    seen(o.owner);
    objectives[o.owner].add(scorecard, o.id, o.weight);
  }
  for (const auto& k : model.key_results) {
    auto it = objective_of.find(k.objective);
    if (k.owner.empty() || it == objective_of.end() || !in_cycle(*it->second)) continue;
    seen(k.owner);
    key_results[k.owner].add(scorecard, k.id, k.weight);
  }
  for (const auto& k : model.kpis) {
    if (k.owner.empty()) continue;
    seen(k.owner);
    kpis[k.owner].add(scorecard, k.id, k.weight);
  }

  std::vector<PersonScores> out;
  for (const auto& p : order) {
    PersonScores s;
    s.person = p;
    const Mean& km = kpis[p];
    s.kpi = km.value();
    if (s.kpi) s.kpi_from = km.ids;
    const Mean& om = objectives[p].value() ? objectives[p] : key_results[p];
    s.okr = om.value();
    if (s.okr) s.okr_from = om.ids;
    if (s.kpi || s.okr) out.push_back(std::move(s));
  }
  return out;
}

std::vector<PersonScores> merge_person_scores(std::vector<PersonScores> base,
                                              const std::vector<PersonScores>& overrides) {
  for (const auto& o : overrides) {
    auto it = std::find_if(base.begin(), base.end(),
                           [&](const PersonScores& b) { return b.person == o.person; });
    if (it == base.end()) {
      base.push_back(o);
      continue;
    }
    if (o.kpi) it->kpi = o.kpi, it->kpi_from = o.kpi_from;
    if (o.okr) it->okr = o.okr, it->okr_from = o.okr_from;
  }
  return base;
}

}  // namespace okrkit
