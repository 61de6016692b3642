// okrkit — review() (include/okrkit/review/review.hpp): the scorecards of a
// window from one HistoryEvaluator, compared row by row.
#include "okrkit/review/review.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <set>
#include <string>
#include <unordered_map>
#include <utility>

#include "okrkit/core/error.hpp"
#include "okrkit/detail/format_number.hpp"
#include "okrkit/scoring/history.hpp"
#include "okrkit/time/period.hpp"

namespace okrkit {
namespace {

struct CycleSpan {
  const Cycle* cycle = nullptr;
  Date start, end;  // special when unknown
};

// The cycle's dates: as written, else from its period label (as history_dates()).
CycleSpan span_of(const Cycle& c) {
  CycleSpan s{&c, c.start, c.end};
  if ((s.start.is_special() || s.end.is_special()) && !c.period.empty()) {
    try {
      const Period p = parse_period(c.period);
      if (s.start.is_special()) s.start = p.start();
      if (s.end.is_special()) s.end = p.end();
    } catch (const Error&) {
      // no usable dates: the caller says so
    }
  }
  return s;
}

bool usable(const CycleSpan& s) {
  return !s.start.is_special() && !s.end.is_special() && !(s.end < s.start);
}

std::string range(Date a, Date b) { return format_date(a) + " to " + format_date(b); }

CycleSpan pick_cycle(const Model& model, Date from, Date to, const std::string& name) {
  if (model.cycles.empty())
    throw DomainError(
        "review: the model has no cycle; add the cycle to review to the model "
        "(docs/lifecycle.md)");
  if (!name.empty()) {
    for (const auto& c : model.cycles) {
      if (c.id != name && (c.period.empty() || c.period != name)) continue;
      const CycleSpan s = span_of(c);
      if (!usable(s))
        throw DomainError("review: cycle '" + c.id +
                          "' (--cycle) has no usable start and end dates; give it start and "
                          "end dates in the model");
      if (from < s.start || s.end < to)
        throw DomainError("review: the window " + range(from, to) +
                          " (--from, --to) is not inside cycle '" + c.id + "' (" +
                          range(s.start, s.end) + "); give dates inside it");
      return s;
    }
    std::string ids;
    for (const auto& c : model.cycles) ids += (ids.empty() ? "" : ", ") + c.id;
    throw DomainError("review: no cycle '" + name +
                      "' (--cycle) in the model; give one of: " + ids);
  }
  std::vector<CycleSpan> inside;
  std::string known;
  for (const auto& c : model.cycles) {
    const CycleSpan s = span_of(c);
    if (!usable(s)) continue;
    known += (known.empty() ? "" : ", ") + c.id + " " + range(s.start, s.end);
    if (!(from < s.start) && !(s.end < to)) inside.push_back(s);
  }
  if (inside.size() == 1) return inside.front();
  if (inside.empty())
    throw DomainError("review: no cycle of the model contains the window " + range(from, to) +
                      " (--from, --to); give dates inside one cycle (" +
                      (known.empty() ? std::string("none has usable dates") : known) +
                      ") or name one with --cycle");
  throw DomainError("review: cycles '" + inside[0].cycle->id + "' and '" + inside[1].cycle->id +
                    "' both contain the window " + range(from, to) +
                    "; name the one to review with --cycle");
}

std::string prob_text(double p) { return detail::format_probability(p); }

}  // namespace

Review review(const Model& model, const SeriesStore& series, Date from, Date to,
              const ReviewOptions& options) {
  if (from.is_special() || to.is_special())
    throw DomainError("review: --from and --to must both be dates (YYYY-MM-DD)");
  if (to < from)
    throw DomainError("review: --from " + format_date(from) + " is after --to " + format_date(to) +
                      "; give a --from on or before --to");
  if (!(options.risk_threshold >= 0.0 && options.risk_threshold <= 1.0))
    throw DomainError("review: --risk-threshold " + detail::format_general(options.risk_threshold) +
                      " is not a probability; give a number from 0 to 1");
  const CycleSpan cyc = pick_cycle(model, from, to, options.cycle);

  Review r;
  r.from = from;
  r.to = to;
  r.cycle = cyc.cycle->id;
  r.model_name = model.name;
  r.top = options.top;
  r.risk_threshold = options.risk_threshold;

  // Weekly dates of the window (from, from + 7, ..., and to): the burn-ups'
  // x axis; the first and last scorecards are the review's two ends.
  std::vector<Date> dates;
  for (Date d = from; d < to; d += boost::gregorian::days(7)) dates.push_back(d);
  dates.push_back(to);

  // What is reviewed: the cycle's objectives (an objective without a cycle
  // belongs to the model's only cycle), their key results, every KPI.
  std::set<std::string> objectives, krs;
  for (const auto& o : model.objectives)
    if (o.cycle == r.cycle || (o.cycle.empty() && model.cycles.size() == 1))
      objectives.insert(o.id);
  for (const auto& k : model.key_results)
    if (objectives.count(k.objective)) krs.insert(k.id);
  auto in_scope = [&](const NodeScore& n) {
    switch (n.kind) {
      case NodeKind::objective:
        return objectives.count(n.id) > 0;
      case NodeKind::key_result:
        return krs.count(n.id) > 0;
      case NodeKind::kpi:
        return true;
      default:
        return false;
    }
  };

  std::vector<const Objective*> burn_objs;
  for (const auto& o : model.objectives)
    if (objectives.count(o.id)) burn_objs.push_back(&o);
  r.burnups.resize(burn_objs.size());
  for (std::size_t i = 0; i < burn_objs.size(); ++i) {
    r.burnups[i].objective = burn_objs[i]->id;
    r.burnups[i].title = burn_objs[i]->title;
    r.burnups[i].due = cyc.end;
  }

  HistoryEvaluator history(model, series, options.evaluate);
  for (std::size_t di = 0; di < dates.size(); ++di) {
    const Scorecard& sc = history.at(dates[di]);
    if (di == 0) r.before = sc;
    if (di + 1 == dates.size()) r.after = sc;
    for (auto& b : r.burnups) {
      const NodeScore* n = sc.find(b.objective);
      b.dates.push_back(dates[di]);
      b.actual.push_back(n ? n->attainment : nan_value);
      b.expected.push_back(n ? n->expected : nan_value);
    }
  }
  r.before.reindex();
  r.after.reindex();
  const Scorecard& a = r.before;
  const Scorecard& z = r.after;

  // Status and health changes; movers; risks.
  std::vector<ReviewMover> moved;
  for (const auto& n : z.nodes) {
    if (!in_scope(n)) continue;
    const NodeScore* p = a.find(n.id);
    if (!p) continue;
    if (p->status != n.status)
      r.changes.push_back(
          {n.id, n.title, n.kind, "status", to_string(p->status), to_string(n.status), n.reason});
    if (p->health != n.health)
      r.changes.push_back({n.id, n.title, n.kind, "health", to_string(p->health),
                           to_string(n.health), n.health_reason});
    if (std::isfinite(p->attainment) && std::isfinite(n.attainment) &&
        p->attainment != n.attainment)
      moved.push_back(
          {n.id, n.title, n.kind, p->attainment, n.attainment, n.attainment - p->attainment});
    if ((n.kind == NodeKind::key_result || n.kind == NodeKind::kpi) &&
        p->probability >= options.risk_threshold && n.probability < options.risk_threshold)
      r.risks.push_back({n.id, n.title, n.kind, "probability", prob_text(p->probability),
                         prob_text(n.probability), p->probability, n.probability,
                         "P(target) fell below " + prob_text(options.risk_threshold) +
                             (n.reason.empty() ? std::string() : "; " + n.reason)});
    if (n.kind == NodeKind::kpi && n.health == Health::red && p->health != Health::red)
      r.risks.push_back({n.id, n.title, n.kind, "red_kpi", to_string(p->health),
                         to_string(n.health), p->probability, n.probability, n.reason});
  }
  {
    std::vector<ReviewMover> up, down;
    for (const auto& m : moved) (m.delta > 0 ? up : down).push_back(m);
    std::stable_sort(up.begin(), up.end(),
                     [](const ReviewMover& x, const ReviewMover& y) { return x.delta > y.delta; });
    std::stable_sort(down.begin(), down.end(),
                     [](const ReviewMover& x, const ReviewMover& y) { return x.delta < y.delta; });
    if (up.size() > options.top) up.resize(options.top);
    if (down.size() > options.top) down.resize(options.top);
    r.movers_up = std::move(up);
    r.movers_down = std::move(down);
  }

  // Closed in the window.
  auto closed_in = [&](NodeState s, const CloseOut& c) {
    return is_closed(s) && c.closed_on && !(*c.closed_on < from) && !(to < *c.closed_on);
  };
  auto final_score = [&](const std::string& id, const CloseOut& c) {
    if (c.final_score) return *c.final_score;
    const NodeScore* n = z.find(id);
    return n ? n->attainment : nan_value;
  };
  for (const auto& o : model.objectives)
    if (objectives.count(o.id) && closed_in(o.state, o.close))
      r.closed.push_back({o.id, o.title, NodeKind::objective, o.state, *o.close.closed_on,
                          final_score(o.id, o.close), o.close.note});
  for (const auto& k : model.key_results)
    if (krs.count(k.id) && closed_in(k.state, k.close))
      r.closed.push_back({k.id, k.title, NodeKind::key_result, k.state, *k.close.closed_on,
                          final_score(k.id, k.close), k.close.note});

  // Stale key results: open during the window, nothing new in it.
  std::unordered_map<std::string, const KeyResult*> kr_by_id;
  for (const auto& k : model.key_results) kr_by_id[k.id] = &k;
  std::unordered_map<std::string, const Objective*> obj_by_id;
  for (const auto& o : model.objectives) obj_by_id[o.id] = &o;
  const DayNumber d0 = to_day_number(from), d1 = to_day_number(to);
  // fresh: an update in [from, to]; last: the latest update before `from`.
  std::function<void(const KeyResult&, bool&, std::optional<Date>&, std::set<std::string>&)>
      updates = [&](const KeyResult& k, bool& fresh, std::optional<Date>& last,
                    std::set<std::string>& seen) {
        if (!seen.insert(k.id).second) return;
        for (const auto& c : k.checkins) {
          if (!(c.date < from) && !(to < c.date)) fresh = true;
          if (c.date < from && (!last || *last < c.date)) last = c.date;
        }
        if (!k.series.empty()) {
          // Days are sorted: the window's rows start at lower_bound(from).
          const SeriesView v = series.view(std::string_view(k.series));
          const std::size_t b =
              static_cast<std::size_t>(std::lower_bound(v.days, v.days + v.size, d0) - v.days);
          for (std::size_t i = b; i < v.size && v.days[i] <= d1 && !fresh; ++i)
            fresh = !std::isnan(v.values[i]);
          for (std::size_t i = b; i > 0; --i)
            if (!std::isnan(v.values[i - 1])) {
              if (!last || *last < v.date(i - 1)) last = v.date(i - 1);
              break;
            }
        }
        for (const auto& child : k.cascade_from)
          if (auto it = kr_by_id.find(child); it != kr_by_id.end())
            updates(*it->second, fresh, last, seen);
      };
  auto open_in_window = [&](NodeState s, const CloseOut& c) {
    return !is_closed(s) || (c.closed_on && to < *c.closed_on);
  };
  for (const auto& k : model.key_results) {
    if (!krs.count(k.id) || !open_in_window(k.state, k.close)) continue;
    if (k.start && to < *k.start) continue;  // not started yet
    const Objective* o = obj_by_id[k.objective];
    if (o && !open_in_window(o->state, o->close)) continue;
    bool fresh = false;
    std::optional<Date> last;
    std::set<std::string> seen;
    updates(k, fresh, last, seen);
    if (fresh) continue;
    std::string what = "no check-in";
    if (!k.series.empty()) what += " and no measurement of series '" + k.series + "'";
    if (!k.cascade_from.empty()) what += " (nor in the key results it sums)";
    what += " from " + range(from, to);
    what += last ? "; last update " + format_date(*last) : std::string("; never updated");
    r.stale.push_back({k.id, k.title, k.objective, last, what});
  }

  // The cycle score then and now.
  {
    ReviewCycle c;
    c.id = r.cycle;
    if (const CycleScore* p = a.cycle_score(r.cycle)) {
      c.before = p->score;
      c.reason_before = p->reason;
    }
    if (const CycleScore* n = z.cycle_score(r.cycle)) {
      c.after = n->score;
      c.reason_after = n->reason;
    }
    c.delta = c.after - c.before;
    r.cycles.push_back(std::move(c));
  }

  // Forecast fans: the objective's open key results' projections at the end.
  for (auto& b : r.burnups) {
    double sw = 0, swx = 0, lo = nan_value, hi = nan_value;
    for (const auto& k : model.key_results) {
      if (k.objective != b.objective || k.state == NodeState::abandoned) continue;
      const NodeScore* n = z.find(k.id);
      if (!n || !std::isfinite(n->projected_progress)) continue;
      const double x = std::min(std::max(n->projected_progress, 0.0), 1.0);
      sw += k.weight;
      swx += k.weight * x;
      lo = std::isnan(lo) ? x : std::min(lo, x);
      hi = std::isnan(hi) ? x : std::max(hi, x);
    }
    if (sw > 0) {
      b.forecast = swx / sw;
      b.forecast_low = lo;
      b.forecast_high = hi;
    }
  }
  return r;
}

}  // namespace okrkit
