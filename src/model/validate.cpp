// okrkit — model validation. Every check appends a Diagnostic located through
// the model's SourceMap, so loaded models name file and line.
#include "okrkit/model/validate.hpp"

#include "okrkit/formulas/expr.hpp"
#include "okrkit/time/period.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string_view>
#include <functional>
#include <map>
#include <set>
#include <unordered_map>
#include "okrkit/detail/format_number.hpp"

namespace okrkit {

namespace {
std::string fmt_num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}
}  // namespace

namespace {

class Checker {
 public:
  explicit Checker(const Model& m) : m_(m) {}

  std::vector<Diagnostic> run() {
    collect_ids();
    check_units();
    check_people();
    check_cycles();
    for (const auto& p : m_.perspectives) weight(p.id, "weight", p.weight);
    check_objectives();
    check_key_results();
    check_kpis();
    check_csfs();
    check_alignment_cycles();
    check_cascade_cycles();
    check_sum_of_cycles();
    return std::move(out_);
  }

 private:
  void add(Severity s, const std::string& code, const std::string& node, const std::string& field,
           const std::string& message) {
    out_.push_back({s, code, message, m_.sources.locate(node, field)});
  }
  void error(const std::string& code, const std::string& node, const std::string& field,
             const std::string& message) {
    add(Severity::error, code, node, field, message);
  }

  void collect_ids() {
    auto note = [&](const std::string& id, const char* kind) {
      if (id.empty()) {
        error("missing-id", id, "id", std::string("a ") + kind + " has no id");
        return;
      }
      auto [it, fresh] = kinds_.emplace(id, kind);
      if (!fresh)
        error("duplicate-id", id, "id",
              std::string("duplicate id (already used by ") + with_article(it->second) + ")");
    };
    for (const auto& x : m_.units) note(x.id, "unit");
    for (const auto& x : m_.people) note(x.id, "person");
    for (const auto& x : m_.cycles) note(x.id, "cycle");
    for (const auto& x : m_.perspectives) note(x.id, "perspective");
    for (const auto& x : m_.objectives) note(x.id, "objective");
    for (const auto& x : m_.key_results) note(x.id, "key result");
    for (const auto& x : m_.kpis) note(x.id, "KPI");
    for (const auto& x : m_.csfs) note(x.id, "CSF");
  }

  // A reference to `id` of kind `kind` from node.field; empty = not set.
  void ref(const std::string& node, const std::string& field, const std::string& id,
           const char* kind, bool required = false) {
    if (id.empty()) {
      if (required)
        error("missing-field", node, field, std::string("a ") + kind + " id is required");
      return;
    }
    auto it = kinds_.find(id);
    if (it == kinds_.end())
      error("dangling-reference", node, field, std::string("unknown ") + kind + " '" + id + "'");
    else if (it->second != std::string(kind))
      error("dangling-reference", node, field,
            "'" + id + "' is a " + it->second + ", not a " + kind);
  }

  void weight(const std::string& node, const std::string& field, double w) {
    if (std::isnan(w))
      error("bad-weight", node, field, "weight is NaN");
    else if (!std::isfinite(w))
      error("bad-weight", node, field, "weight is infinite");
    else if (w <= 0)
      error("bad-weight", node, field, "weight must be > 0 (got " + num(w) + ")");
  }

  void finite(const std::string& node, const std::string& field, const std::optional<double>& v) {
    if (v && !std::isfinite(*v))
      error("not-finite", node, field,
            std::string("value is ") + (std::isnan(*v) ? "NaN" : "infinite"));
  }

  static std::string with_article(const std::string& kind) {
    bool vowel = !kind.empty() && std::string("aeiouAEIOU").find(kind[0]) != std::string::npos;
    return (vowel ? "an " : "a ") + kind;
  }

  static std::string num(double v) { return detail::format_general(v); }

  void check_units() {
    for (const auto& u : m_.units) ref(u.id, "parent", u.parent, "unit");
    // parent cycles in the org tree
    std::unordered_map<std::string, std::string> parent;
    for (const auto& u : m_.units) parent[u.id] = u.parent;
    for (const auto& u : m_.units) {
      std::string cur = u.parent;
      std::size_t steps = 0;
      while (!cur.empty() && steps++ <= m_.units.size()) {
        if (cur == u.id) {
          error("cycle", u.id, "parent", "unit is its own ancestor");
          break;
        }
        auto it = parent.find(cur);
        cur = it == parent.end() ? "" : it->second;
      }
    }
  }
  void check_people() {
    for (const auto& p : m_.people) ref(p.id, "unit", p.unit, "unit");
  }
  void check_cycles() {
    for (const auto& c : m_.cycles) {
      // A period label must parse; dates given beside it must agree with it.
      if (!c.period.empty()) {
        try {
          const Period p = parse_period(c.period);
          if (!c.dates_from_period && !c.start.is_special() && !c.end.is_special() &&
              (p.start() != c.start || p.end() != c.end))
            add(Severity::warning, "period-mismatch", c.id, "period",
                "cycle dates " + format_date(c.start) + ".." + format_date(c.end) +
                    " differ from period " + c.period + " (" + format_date(p.start()) + ".." +
                    format_date(p.end()) + ")");
        } catch (const Error& x) {
          error("bad-period", c.id, "period",
                std::string("cycle period label does not parse: ") + x.what());
        }
      } else if (c.start.is_special() || c.end.is_special()) {
        error("missing-field", c.id, c.start.is_special() ? "start" : "end",
              "cycle has no dates and no period label");
      }
    }
    for (const auto& c : m_.cycles)
      if (!c.start.is_special() && !c.end.is_special() && c.end < c.start)
        error("bad-dates", c.id, "end",
              "cycle ends (" + format_date(c.end) + ") before it starts (" + format_date(c.start) +
                  ")");
  }

  void check_objectives() {
    for (const auto& o : m_.objectives) {
      ref(o.id, "owner", o.owner, "person");
      ref(o.id, "unit", o.unit, "unit");
      ref(o.id, "cycle", o.cycle, "cycle");
      ref(o.id, "perspective", o.perspective, "perspective");
      weight(o.id, "weight", o.weight);
      for (std::size_t i = 0; i < o.aligns_to.size(); ++i) {
        auto f = "aligns_to[" + std::to_string(i) + "]";
        ref(o.id, f + ".objective", o.aligns_to[i].parent, "objective", true);
        weight(o.id, f + ".weight", o.aligns_to[i].weight);
        if (o.aligns_to[i].parent == o.id) error("cycle", o.id, f, "objective aligns to itself");
      }
      finite(o.id, "score_override", o.score_override);
      close_out(o.id, o.state, o.close);
    }
  }

  void check_target(const std::string& id, const Target& t) {
    finite(id, "baseline", t.baseline);
    finite(id, "target", t.target);
    finite(id, "lo", t.lo);
    finite(id, "hi", t.hi);
    finite(id, "floor", t.floor);
    finite(id, "min", t.scale_min);
    finite(id, "max", t.scale_max);
    if (std::isnan(t.cap) || t.cap <= 0)
      error("bad-cap", id, "cap", "cap must be > 0 (or \"none\" for uncapped)");
    if (t.tolerance && !(*t.tolerance >= 0))
      error("bad-tolerance", id, "tolerance", "tolerance must be >= 0");
    if (t.scale_min && t.scale_max && !(*t.scale_min < *t.scale_max))
      error("bad-scale", id, "max", "performance scale needs min < max");
    if (t.relative && !t.baseline)
      error("missing-field", id, "baseline", "a relative target needs a baseline");
    auto tgt = t.absolute_target();
    switch (t.kind) {
      case TargetKind::increase:
      case TargetKind::decrease:
        if (t.method == ProgressMethod::ratio) {
          if (!tgt) error("missing-field", id, "target", "target is required");
          break;
        }
        if (!t.baseline)
          error("missing-field", id, "baseline",
                "baseline is required for kind '" + to_string(t.kind) + "'");
        if (!tgt && !t.relative) error("missing-field", id, "target", "target is required");
        if (t.baseline && tgt && std::isfinite(*tgt) && *tgt == *t.baseline)
          add(Severity::warning, "target-equals-baseline", id, "target",
              "target equals baseline (" + num(*tgt) + "): progress can only be 0 or 1");
        else if (t.baseline && tgt && t.kind == TargetKind::increase && *tgt < *t.baseline)
          add(Severity::warning, "direction-mismatch", id, "kind",
              "kind 'increase' but target is below baseline (scored as a decrease)");
        else if (t.baseline && tgt && t.kind == TargetKind::decrease && *tgt > *t.baseline)
          add(Severity::warning, "direction-mismatch", id, "kind",
              "kind 'decrease' but target is above baseline (scored as an increase)");
        break;
      case TargetKind::at_least:
      case TargetKind::at_most:
        if (!tgt) error("missing-field", id, "target", "target is required");
        break;
      case TargetKind::range:
        if (!t.lo) error("missing-field", id, "lo", "range needs lo");
        if (!t.hi) error("missing-field", id, "hi", "range needs hi");
        if (t.lo && t.hi && *t.lo > *t.hi) error("bad-range", id, "hi", "range has lo > hi");
        break;
      case TargetKind::milestone:
        if (t.milestones.empty())
          error("missing-field", id, "milestones", "milestone target needs at least one milestone");
        for (std::size_t i = 0; i < t.milestones.size(); ++i)
          weight(id, "milestones[" + std::to_string(i) + "].weight", t.milestones[i].weight);
        break;
      case TargetKind::baseline:
        break;
    }
  }

  void check_key_results() {
    for (const auto& k : m_.key_results) {
      ref(k.id, "objective", k.objective, "objective", true);
      ref(k.id, "owner", k.owner, "person");
      // A KR scored by its KPIs or by reported zones needs no target of its
      // own; one it does give is still checked.
      if ((k.scoring != KrScoring::tracked_by && k.scoring != KrScoring::ordinal) ||
          gives_target(k.target))
        check_target(k.id, k.target);
      check_scoring(k);
      weight(k.id, "weight", k.weight);
      for (std::size_t i = 0; i < k.weights.size(); ++i) {
        auto f = "weights[" + std::to_string(i) + "]";
        weight(k.id, f + ".weight", k.weights[i].weight);
        if (k.weights[i].from && k.weights[i].to && *k.weights[i].to < *k.weights[i].from)
          error("bad-dates", k.id, f + ".to", "weight range ends before it starts");
      }
      if (k.start && k.due && *k.due < *k.start)
        error("bad-dates", k.id, "due",
              "due date " + format_date(*k.due) + " is before start " + format_date(*k.start));
      for (std::size_t i = 0; i < k.tracked_by.size(); ++i)
        ref(k.id, "tracked_by[" + std::to_string(i) + "]", k.tracked_by[i], "KPI", true);
      for (std::size_t i = 0; i < k.cascade_from.size(); ++i) {
        ref(k.id, "cascade_from[" + std::to_string(i) + "]", k.cascade_from[i], "key result", true);
        if (k.cascade_from[i] == k.id)
          error("cycle", k.id, "cascade_from[" + std::to_string(i) + "]",
                "key result cascades from itself");
      }
      for (std::size_t i = 0; i < k.plan.points.size(); ++i) {
        auto f = "plan.points[" + std::to_string(i) + "]";
        double fr = k.plan.points[i].fraction;
        if (!(fr >= 0 && fr <= 1))
          error("bad-plan", k.id, f + ".fraction", "plan fraction must be in [0, 1]");
        if (i > 0 && !(k.plan.points[i - 1].date < k.plan.points[i].date))
          error("bad-plan", k.id, f + ".date", "plan points must be in increasing date order");
      }
      if (k.plan.curve == PlanCurve::phased && k.plan.points.empty())
        error("bad-plan", k.id, "plan.points", "a phased plan needs plan points");
      for (std::size_t i = 0; i < k.checkins.size(); ++i) {
        auto f = "checkins[" + std::to_string(i) + "]";
        const auto& c = k.checkins[i];
        finite(k.id, f + ".value", c.value);
        if (c.confidence && !(*c.confidence >= 0 && *c.confidence <= 1))
          error("bad-confidence", k.id, f + ".confidence", "confidence must be in [0, 1]");
      }
      finite(k.id, "value_override", k.value_override);
      finite(k.id, "score_override", k.score_override);
      if (k.zones) check_zones(k);
      close_out(k.id, k.state, k.close);
    }
  }

  // A closed state (achieved / missed / abandoned) needs its closing date; a
  // final score is a 0..1 score; an active node has neither (they would be
  // ignored without a word). docs/lifecycle.md "States and close-out".
  void close_out(const std::string& id, NodeState state, const CloseOut& c) {
    if (is_closed(state)) {
      if (!c.closed_on)
        error("missing-field", id, "closed_on",
              "state '" + to_string(state) +
                  "' needs closed_on (the closing date, YYYY-MM-DD); set it or set state "
                  "'active'");
    } else {
      if (c.closed_on)
        error("bad-close-out", id, "closed_on",
              "closed_on is only for a closed state (achieved, missed, abandoned); the node is "
              "active");
      if (c.final_score)
        error("bad-close-out", id, "final_score",
              "final_score is only for a closed state (achieved, missed, abandoned); the node is "
              "active");
    }
    if (c.final_score && !(*c.final_score >= 0 && *c.final_score <= 1))
      error("bad-final-score", id, "final_score",
            "final_score must be a score in [0, 1] (got " + num(*c.final_score) + ")");
  }

  static bool gives_target(const Target& t) {
    return t.baseline || t.target || t.relative || t.lo || t.hi || t.floor ||
           !t.milestones.empty() || t.kind != TargetKind::increase;
  }

  // The scoring method's inputs are there (docs/lifecycle.md "Scoring
  // methods"); a reported zone is only read by an ordinal KR.
  void check_scoring(const KeyResult& k) {
    const std::string method = to_string(k.scoring);
    if (k.scoring == KrScoring::tracked_by && k.tracked_by.empty())
      error("missing-field", k.id, "tracked_by",
            "scoring 'tracked_by' needs the ids of the KPIs the key result is tracked by");
    if (k.scoring == KrScoring::time_in_band) {
      const TargetKind kind = k.target.kind;
      if (kind != TargetKind::range && kind != TargetKind::at_least && kind != TargetKind::at_most)
        error(
            "bad-scoring", k.id, "scoring",
            "scoring 'time_in_band' needs a band: kind range, at_least or at_most (the kind is '" +
                to_string(kind) + "')");
      if (k.value_override || !k.cascade_from.empty())
        error("conflict", k.id, k.value_override ? "value_override" : "cascade_from",
              std::string("scoring 'time_in_band' reads the dated readings of the series or the "
                          "check-ins; ") +
                  (k.value_override ? "value_override" : "cascade_from") +
                  " gives none: remove it or choose another scoring");
    }
    for (std::size_t i = 0; i < k.checkins.size(); ++i)
      if (k.checkins[i].zone && k.scoring != KrScoring::ordinal)
        error("conflict", k.id, "checkins[" + std::to_string(i) + "].zone",
              "a reported zone is read only by scoring 'ordinal' (this key result's scoring is '" +
                  method + "'): set \"scoring\": \"ordinal\" or remove the zone");
  }

  // Levels finite, at least one, in the KR's direction (commit before target
  // before stretch); scores in [0, 1] and not decreasing.
  void check_zones(const KeyResult& k) {
    const Zones& z = *k.zones;
    finite(k.id, "zones.commit", z.commit);
    finite(k.id, "zones.target", z.target);
    finite(k.id, "zones.stretch", z.stretch);
    if (!z.commit && !z.target && !z.stretch && k.scoring != KrScoring::ordinal)
      error("bad-zones", k.id, "zones", "zones need at least one of commit, target, stretch");
    const bool hib = k.target.higher_is_better();
    const std::pair<const char*, std::optional<double>> levels[] = {
        {"commit", z.commit}, {"target", z.target}, {"stretch", z.stretch}};
    const char* prev_name = nullptr;
    std::optional<double> prev;
    for (const auto& [name, v] : levels) {
      if (!v || !std::isfinite(*v)) continue;
      if (prev && (hib ? *v < *prev : *v > *prev))
        error("bad-zones", k.id, std::string("zones.") + name,
              std::string(name) + " level " + fmt_num(*v) + " comes before " + prev_name +
                  " level " + fmt_num(*prev) +
                  (hib ? " (higher is better)" : " (lower is better)"));
      prev = v;
      prev_name = name;
    }
    const std::pair<const char*, double> scores[] = {{"commit_score", z.commit_score},
                                                     {"target_score", z.target_score},
                                                     {"stretch_score", z.stretch_score}};
    for (const auto& [name, v] : scores)
      if (!(v >= 0.0 && v <= 1.0))
        error("bad-zones", k.id, std::string("zones.") + name, "a zone score must be in [0, 1]");
    if (!(z.commit_score <= z.target_score && z.target_score <= z.stretch_score))
      error("bad-zones", k.id, "zones",
            "zone scores must not decrease from commit to target to stretch");
  }

  void check_kpis() {
    for (const auto& k : m_.kpis) {
      ref(k.id, "owner", k.owner, "person");
      ref(k.id, "unit", k.unit, "unit");
      ref(k.id, "perspective", k.perspective, "perspective");
      ref(k.id, "recovery", k.recovery, "objective");
      check_target(k.id, k.target);
      weight(k.id, "weight", k.weight);
      finite(k.id, "thresholds.green", k.thresholds.green);
      finite(k.id, "thresholds.yellow", k.thresholds.yellow);
      for (const auto& [f, v] : {std::pair<const char*, const std::optional<double>&>{
                                     "thresholds.yellow_below", k.thresholds.yellow_below},
                                 {"thresholds.yellow_above", k.thresholds.yellow_above}}) {
        if (!v) continue;
        if (k.target.kind != TargetKind::range)
          error("bad-thresholds", k.id, f,
                "yellow_below / yellow_above are the two sides of a range KPI; this KPI's target "
                "is '" +
                    to_string(k.target.kind) + "': use thresholds.yellow");
        else if (!(*v >= 0) || !std::isfinite(*v))
          error("bad-thresholds", k.id, f, "a yellow distance must be finite and >= 0");
      }
      if (!k.series.empty() && !k.formula.empty())
        error("conflict", k.id, "formula", "a KPI has either a series or a formula, not both");
      if (!k.formula.empty()) {
        try {
          (void)Expression(k.formula);
        } catch (const Error& e) {
          error("formula-error", k.id, "formula", e.what());
        }
      }
      for (std::size_t i = 0; i < k.sum_of.size(); ++i) {
        ref(k.id, "sum_of[" + std::to_string(i) + "]", k.sum_of[i], "KPI", true);
        if (k.sum_of[i] == k.id)
          error("cycle", k.id, "sum_of[" + std::to_string(i) + "]", "KPI sums itself");
      }
      finite(k.id, "value_override", k.value_override);
    }
  }

  void check_csfs() {
    for (const auto& c : m_.csfs) {
      ref(c.id, "owner", c.owner, "person");
      ref(c.id, "unit", c.unit, "unit");
      ref(c.id, "objective", c.objective, "objective");
      for (std::size_t i = 0; i < c.measured_by.size(); ++i) {
        auto f = "measured_by[" + std::to_string(i) + "]";
        ref(c.id, f + ".kpi", c.measured_by[i].kpi, "KPI", true);
        weight(c.id, f + ".weight", c.measured_by[i].weight);
      }
    }
  }

  // Report each cycle of a directed graph once (iterative DFS, colours).
  void report_cycles(const std::vector<std::string>& nodes,
                     const std::function<std::vector<std::string>(const std::string&)>& next,
                     const char* field, const char* what) {
    std::unordered_map<std::string, int> colour;  // 0 new, 1 on stack, 2 done
    for (const auto& start : nodes) {
      if (colour[start] != 0) continue;
      std::vector<std::pair<std::string, std::size_t>> stack{{start, 0}};
      std::vector<std::string> path{start};
      colour[start] = 1;
      while (!stack.empty()) {
        auto& [node, i] = stack.back();
        auto succ = next(node);
        if (i < succ.size()) {
          std::string s = succ[i++];
          if (!kinds_.count(s)) continue;
          int c = colour[s];
          if (c == 1) {
            std::string loop;
            bool on = false;
            for (const auto& p : path) {
              if (p == s) on = true;
              if (on) loop += p + " -> ";
            }
            error("cycle", node, field, std::string(what) + " cycle: " + loop + s);
          } else if (c == 0) {
            colour[s] = 1;
            stack.emplace_back(s, 0);
            path.push_back(s);
          }
        } else {
          colour[node] = 2;
          stack.pop_back();
          path.pop_back();
        }
      }
    }
  }

  void check_alignment_cycles() {
    std::unordered_map<std::string, std::vector<std::string>> parents;
    std::vector<std::string> ids;
    for (const auto& o : m_.objectives) {
      ids.push_back(o.id);
      for (const auto& a : o.aligns_to)
        if (a.parent != o.id) parents[o.id].push_back(a.parent);
    }
    report_cycles(
        ids, [&](const std::string& id) { return parents[id]; }, "aligns_to", "alignment");
  }
  void check_cascade_cycles() {
    std::unordered_map<std::string, std::vector<std::string>> kids;
    std::vector<std::string> ids;
    for (const auto& k : m_.key_results) {
      ids.push_back(k.id);
      for (const auto& c : k.cascade_from)
        if (c != k.id) kids[k.id].push_back(c);
    }
    report_cycles(
        ids, [&](const std::string& id) { return kids[id]; }, "cascade_from", "cascade");
  }

  void check_sum_of_cycles() {
    std::unordered_map<std::string, std::vector<std::string>> kids;
    std::vector<std::string> ids;
    for (const auto& k : m_.kpis) {
      ids.push_back(k.id);
      for (const auto& c : k.sum_of)
        if (c != k.id) kids[k.id].push_back(c);
    }
    report_cycles(
        ids, [&](const std::string& id) { return kids[id]; }, "sum_of", "sum_of");
  }

  const Model& m_;
  std::unordered_map<std::string, const char*> kinds_;
  std::vector<Diagnostic> out_;
};

}  // namespace

std::vector<Diagnostic> validate(const Model& model) { return Checker(model).run(); }

namespace {

// Levenshtein distance, capped work: ids are short.
std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j)
      cur[j] =
          std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

// "; did you mean 'x'?" for the closest id within a third of the name's
// length (at least 2 edits), else "".
std::string did_you_mean(const std::string& name, const std::vector<std::string>& ids) {
  const std::size_t limit = std::max<std::size_t>(2, name.size() / 3);
  std::size_t best = limit + 1;
  const std::string* pick = nullptr;
  for (const auto& id : ids) {
    if (id.size() > name.size() + limit || name.size() > id.size() + limit) continue;
    const std::size_t d = edit_distance(name, id);
    if (d < best) {
      best = d;
      pick = &id;
    }
  }
  return pick ? "; did you mean '" + *pick + "'?" : "";
}

}  // namespace

std::vector<Diagnostic> validate(const Model& model, const SeriesStore& data) {
  std::vector<Diagnostic> out = validate(model);
  // `fallback`: where the node's value comes from without the series (check-ins,
  // an override); then a missing series is an info (by design), else an error.
  auto missing = [&](const std::string& node, const std::string& field, const std::string& series,
                     const std::string& prefix, const char* fallback) {
    if (series.empty() || data.contains(series)) return;
    std::string msg = prefix + "series '" + series + "' is not in the data" +
                      did_you_mean(series, data.series_ids());
    if (fallback) msg += std::string(" (the value comes from its ") + fallback + ")";
    out.push_back({fallback ? Severity::info : Severity::error, "unknown-series", std::move(msg),
                   model.sources.locate(node, field)});
  };
  for (const auto& k : model.key_results)
    missing(k.id, "series", k.series, "",
            k.score_override      ? "score_override"
            : k.value_override    ? "value_override"
            : !k.checkins.empty() ? "check-ins"
                                  : nullptr);
  for (const auto& k : model.kpis) {
    const char* fallback = k.value_override ? "value_override" : nullptr;
    missing(k.id, "series", k.series, "", fallback);
    if (k.formula.empty()) continue;
    try {
      const Expression e(k.formula);
      for (const auto& nm : e.names())
        missing(k.id, "formula", nm, "formula '" + k.formula + "': ", fallback);
    } catch (const Error&) {
      // reported by validate(model) as formula-error
    }
  }
  return out;
}

void check(const Model& model) {
  std::vector<Diagnostic> errors;
  for (auto& d : validate(model))
    if (d.severity == Severity::error) errors.push_back(std::move(d));
  if (!errors.empty()) throw ValidationError(std::move(errors));
}

}  // namespace okrkit
