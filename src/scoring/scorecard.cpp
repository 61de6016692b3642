// okrkit — evaluate(): the whole model at one as-of date (scorecard.hpp).
#include "okrkit/scoring/scorecard.hpp"
#include "okrkit/scoring/history.hpp"
#include "okrkit/scoring/amounts.hpp"
#include "okrkit/scoring/zones.hpp"
#include "okrkit/scoring/node_score_fields.hpp"
#include "okrkit/scoring/kr_methods.hpp"
#include "okrkit/scoring/status_reason.hpp"
#include "okrkit/detail/format_number.hpp"

#include "okrkit/detail/parallel.hpp"

#include "okrkit/forecast/ets.hpp"
#include "okrkit/formulas/expr.hpp"
#include "okrkit/forecast/forecast.hpp"
#include "okrkit/forecast/model_hierarchy.hpp"
#include "okrkit/forecast/period_series.hpp"
#include "okrkit/detail/distributions.hpp"
#include "okrkit/detail/constants.hpp"
#include "okrkit/model/validate.hpp"
#include "okrkit/trend/mann_kendall.hpp"
#include "okrkit/trend/linear_trend.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <exception>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <type_traits>
#include <unordered_map>
#include <utility>
#include <vector>

namespace okrkit {
namespace {

using Index = std::unordered_map<std::string_view, std::uint32_t>;
constexpr std::uint32_t npos = static_cast<std::uint32_t>(-1);

template <class T>
Index index_of(const std::vector<T>& v) {
  Index ix;
  ix.reserve(v.size());
  for (std::size_t i = 0; i < v.size(); ++i) ix.emplace(v[i].id, static_cast<std::uint32_t>(i));
  return ix;
}

std::uint32_t lookup(const Index& ix, std::string_view id) {
  auto it = ix.find(id);
  return it == ix.end() ? npos : it->second;
}

Health health_of(std::optional<Band> b) {
  if (!b) return Health::none;
  switch (*b) {
    case Band::green:
      return Health::green;
    case Band::yellow:
      return Health::yellow;
    case Band::red:
      return Health::red;
  }
  return Health::none;
}

Status status_of_health(Health h) {
  switch (h) {
    case Health::green:
      return Status::on_track;
    case Health::yellow:
      return Status::at_risk;
    case Health::red:
      return Status::off_track;
    default:
      return Status::no_data;
  }
}

// Two decimals, as the reasons write scores.
std::string fixed2(double x) { return detail::format_fixed(x, 2); }

Health health_of_status(Status s) {
  switch (s) {
    case Status::done:
      return Health::done;
    case Status::on_track:
      return Health::on_track;
    case Status::behind:
      return Health::behind;
    case Status::at_risk:
      return Health::at_risk;
    case Status::off_track:
      return Health::off_track;
    case Status::no_data:
      return Health::pending;
  }
  return Health::pending;
}

Health health_of_state(NodeState s) {
  switch (s) {
    case NodeState::achieved:
      return Health::achieved;
    case NodeState::missed:
      return Health::missed;
    case NodeState::abandoned:
      return Health::abandoned;
    case NodeState::active:
      break;
  }
  return Health::pending;
}

Health health_of_report(CheckInStatus s) {
  switch (s) {
    case CheckInStatus::on_track:
      return Health::on_track;
    case CheckInStatus::caution:
      return Health::caution;
    case CheckInStatus::off_track:
      return Health::off_track;
  }
  return Health::pending;
}

/// A measure's history: values of consecutive periods (NaN = no data, never
/// filled), from the first period with data to the last one.
struct History {
  std::optional<Period> first;
  std::vector<double> y;
  std::size_t observed() const {
    std::size_t k = 0;
    for (double v : y) k += std::isnan(v) ? 0 : 1;
    return k;
  }
  Period last() const { return *first + static_cast<std::int32_t>(y.size()) - 1; }
};

/// Per-period aggregates of `view` (already cut at the as-of date) as a History.
History history_of(const SeriesView& view, const PeriodType& type, Aggregation how) {
  History h;
  if (view.size == 0) return h;
  if (how == Aggregation::ratio && (!view.numerators || !view.denominators)) return h;
  AggregateOptions ao;
  ao.report_gaps = false;
  const AggregateResult r = aggregate(view, type, how, ao);
  std::optional<std::int32_t> lo, hi;
  for (const auto& pv : r.values)
    if (!std::isnan(pv.value)) {
      if (!lo) lo = pv.period.index();
      hi = pv.period.index();
    }
  if (!lo) return h;
  h.first = type.at(*lo);
  h.y.assign(static_cast<std::size_t>(*hi - *lo) + 1, nan_value);
  for (const auto& pv : r.values)
    if (pv.period.index() >= *lo && pv.period.index() <= *hi)
      h.y[static_cast<std::size_t>(pv.period.index() - *lo)] = pv.value;
  return h;
}

/// `n` equal to NodeScore{}, its strings and vectors emptied rather than
/// freed (evaluate_history() scores the same rows at every date).
void clear_row(NodeScore& n) {
  static const NodeScore fresh{};
  for_each_field([&](const auto& f) {
    auto& v = n.*(f.member);
    using M = std::decay_t<decltype(v)>;
    if constexpr (std::is_same_v<M, std::string> || std::is_same_v<M, std::vector<Diagnostic>>)
      v.clear();
    else
      v = fresh.*(f.member);
  });
}

/// Cycle c has both dates (given or derived from its period label).
bool dated(const Cycle& c) { return !c.start.is_special() && !c.end.is_special(); }

/// Cycle c has dates and `d` lies in them (both ends included).
bool contains(const Cycle& c, Date d) { return dated(c) && c.start <= d && d <= c.end; }

/// A quick scan for node-local values validate() rejects and the scoring
/// loops would otherwise use or skip without a word: weights that are not
/// finite and > 0, non-finite target fields, values and thresholds, a cap not
/// > 0, a negative tolerance, confidences outside [0, 1], plan fractions
/// outside [0, 1]. A few comparisons per node, so evaluate() can afford it on
/// every call; only when it finds something does the full validate() run
/// (references are reported by evaluate() itself as dangling-id).
bool looks_invalid(const Model& m) {
  auto bad_w = [](double w) { return !(w > 0) || !std::isfinite(w); };
  auto bad_v = [](const std::optional<double>& v) { return v && !std::isfinite(*v); };
  auto bad_t = [&](const Target& t) {
    return bad_v(t.baseline) || bad_v(t.target) || bad_v(t.lo) || bad_v(t.hi) || bad_v(t.floor) ||
           bad_v(t.scale_min) || bad_v(t.scale_max) || !(t.cap > 0) ||
           (t.tolerance && !(*t.tolerance >= 0)) ||
           std::any_of(t.milestones.begin(), t.milestones.end(), [](const Milestone& x) {
             return !(x.weight >= 0) || !std::isfinite(x.weight);
           });
  };
  for (const auto& p : m.perspectives)
    if (bad_w(p.weight)) return true;
  for (const auto& o : m.objectives) {
    if (bad_w(o.weight) || bad_v(o.score_override)) return true;
    for (const auto& a : o.aligns_to)
      if (bad_w(a.weight)) return true;
  }
  for (const auto& k : m.key_results) {
    if (bad_w(k.weight) || bad_t(k.target) || bad_v(k.value_override) || bad_v(k.score_override))
      return true;
    for (const auto& w : k.weights)
      if (bad_w(w.weight)) return true;
    for (const auto& c : k.checkins)
      if (bad_v(c.value) || (c.confidence && !(*c.confidence >= 0 && *c.confidence <= 1)))
        return true;
    for (const auto& pt : k.plan.points)
      if (!(pt.fraction >= 0 && pt.fraction <= 1)) return true;
    // scoring methods without their inputs (docs/lifecycle.md "Scoring methods")
    if (k.scoring == KrScoring::tracked_by && k.tracked_by.empty()) return true;
    if (k.scoring == KrScoring::time_in_band &&
        ((k.target.kind != TargetKind::range && k.target.kind != TargetKind::at_least &&
          k.target.kind != TargetKind::at_most) ||
         k.value_override || !k.cascade_from.empty()))
      return true;
    if (k.scoring != KrScoring::ordinal)
      for (const auto& c : k.checkins)
        if (c.zone) return true;
  }
  for (const auto& k : m.kpis)
    if (bad_w(k.weight) || bad_t(k.target) || bad_v(k.value_override) ||
        bad_v(k.thresholds.green) || bad_v(k.thresholds.yellow))
      return true;
  for (const auto& c : m.csfs)
    for (const auto& l : c.measured_by)
      if (bad_w(l.weight)) return true;
  return false;
}

/// Cycle dates from the period label where start / end are not given.
void derive_cycle_dates(Cycle& c) {
  if (!(c.start.is_special() || c.end.is_special()) || c.period.empty()) return;
  try {
    const Period p = parse_period(c.period);
    if (c.start.is_special()) c.start = p.start();
    if (c.end.is_special()) c.end = p.end();
  } catch (const Error&) {
    // validate() reports a label that does not parse
  }
}

class Evaluator {
 public:
  Evaluator(const Model& m, const SeriesStore& s, Date as_of, const EvaluateOptions& o)
      : m_(m), s_(s), as_of_(as_of), o_(o) {}

  Scorecard run() {
    prepare();
    score_all();
    return std::move(sc_);
  }

  /// What does not depend on the as-of date, done once: the rows allocated,
  /// every id reference resolved, the formulas compiled. evaluate_history()
  /// then calls score_all() at each date (scoring/history.hpp).
  void prepare() {
    if (!s_.finalized()) throw DomainError("series store: call finalize() before evaluate()");
    const std::size_t nkr = m_.key_results.size(), nkpi = m_.kpis.size(),
                      nobj = m_.objectives.size(), ncsf = m_.csfs.size(), nunit = m_.units.size();
    kr0_ = 0;
    kpi0_ = kr0_ + nkr;
    obj0_ = kpi0_ + nkpi;
    csf0_ = obj0_ + nobj;
    unit0_ = csf0_ + ncsf;
    threads_ = detail::thread_count(o_.threads);
    // The rows (~0.5 kB each, a third of the time at a million nodes) are
    // allocated on a helper thread while the references are resolved, which
    // needs only the model.
    std::thread alloc;
    std::exception_ptr alloc_error;
    if (threads_ > 1 && unit0_ + nunit >= 2 * block)
      alloc = std::thread([this, &alloc_error, n = unit0_ + nunit] {
        try {
          sc_.nodes.resize(n);
        } catch (...) {
          alloc_error = std::current_exception();
        }
      });
    else
      sc_.nodes.resize(unit0_ + nunit);
    try {
      resolve();
    } catch (...) {
      if (alloc.joinable()) alloc.join();
      throw;
    }
    if (alloc.joinable()) alloc.join();
    if (alloc_error) std::rethrow_exception(alloc_error);
    compile_formulas();
  }

  /// Every row scored at as_of_ (after prepare()). A second call, at another
  /// date, starts from fresh rows and per-date state: the result equals a
  /// new evaluate() at that date (tests/cpp/scoring/test_history.cpp).
  void score_all() {
    const std::size_t nkr = m_.key_results.size(), nkpi = m_.kpis.size(), ncsf = m_.csfs.size();
    if (scored_) {
      // Emptied in place: the strings keep their buffers, so scoring the
      // next date writes ids, titles and reasons without allocating.
      parallel_blocks(sc_.nodes.size(), [&](std::size_t b, std::size_t e) {
        for (std::size_t r = b; r < e; ++r) clear_row(sc_.nodes[r]);
      });
      sc_.diagnostics.clear();
      sc_.set_current_cycle({});
      hier_ok_ = false;
      progress_done_.store(0, std::memory_order_relaxed);
      progress_reported_ = 0;
    }
    scored_ = true;
    sc_.as_of = as_of_;
    // How the reader combined duplicate rows (duplicates=last|first|sum|mean)
    // travels with the scores it shaped, not only with the store.
    for (const Diagnostic& note : s_.notes()) sc_.diagnostics.push_back(note);
    current_cycle_ = cycle_at(as_of_);
    kr_values_.assign(nkr, CurrentValue{});
    kr_state_.assign(nkr, 0);
    fc_mean_.assign(obj0_, nan_value);
    fc_sd_.assign(obj0_, nan_value);
    fc_res_.assign(obj0_, PeriodSeries{});
    fc_hist_.assign(obj0_, PeriodSeries{});
    // Key results without cascades and KPIs only write their own rows: they
    // run in parallel blocks. Cascaded key results follow, in dependency order.
    progress_total_ = nkr + nkpi;
    parallel_for(nkr, [&](std::size_t i) {
      if (m_.key_results[i].cascade_from.empty() && !after_kpis(i)) {
        score_kr(static_cast<std::uint32_t>(i));
        tick();
      }
    });
    for (std::size_t i = 0; i < nkr; ++i)
      if (!m_.key_results[i].cascade_from.empty() && !after_kpis(i)) {
        score_kr(static_cast<std::uint32_t>(i));
        tick();
      }
    parallel_for(nkpi, [&](std::size_t i) {
      score_kpi(static_cast<std::uint32_t>(i));
      tick();
    });
    // Key results scored by their KPIs' achievement read the KPI rows.
    for (std::size_t i = 0; i < nkr; ++i)
      if (after_kpis(i)) {
        score_kr(static_cast<std::uint32_t>(i));
        tick();
      }
    if (o_.on_progress) o_.on_progress(progress_total_, progress_total_);
    if (o_.outlook && o_.reconcile != OutlookReconcile::none) reconcile_outlook();
    score_objectives();
    score_cycles();
    parallel_blocks(ncsf, [&](std::size_t b, std::size_t e) {
      Scratch x;
      for (std::size_t i = b; i < e; ++i) score_csf(i, x);
    });
    score_units();
    if (o_.outlook && o_.outlook_draws > 0) success_probabilities();
    if (!checked_model_) {  // the model does not change between dates
      invalid_ = o_.validate_model && looks_invalid(m_);
      checked_model_ = true;
    }
    if (invalid_) report_invalid();
  }

  /// evaluate_history(): the next score_all()'s date, the rows' scorecard and
  /// a copy of the id index (the scorecard keeps it from date to date).
  void set_as_of(Date d) noexcept { as_of_ = d; }
  Scorecard& scorecard() noexcept { return sc_; }
  const detail::FlatIndex& index() const noexcept { return node_ix_; }

  const Model* model() const noexcept { return &m_; }
  const SeriesStore* store() const noexcept { return &s_; }
  Date as_of() const noexcept { return as_of_; }
  const EvaluateOptions& options() const noexcept { return o_; }
  bool invalid() const noexcept { return invalid_; }

  /// Score again the rows reached by a change of the series `series` and
  /// the check-ins of key results `krs` (Scorecard::update()); the rows
  /// live in `nodes` (the scorecard's, swapped in for the duration).
  std::size_t rescore(std::vector<NodeScore>& nodes, detail::FlatIndex& index,
                      std::vector<CycleScore>& cycles, const std::vector<std::size_t>& series,
                      const std::vector<std::uint32_t>& krs) {
    // the scorecard's rows, cycle scores and id index (handed over by run())
    // swapped in
    sc_.nodes.swap(nodes);
    sc_.cycles.swap(cycles);
    std::swap(node_ix_, index);
    struct Back {
      Evaluator& ev;
      std::vector<NodeScore>& nodes;
      std::vector<CycleScore>& cycles;
      detail::FlatIndex& index;
      ~Back() {
        ev.sc_.nodes.swap(nodes);
        ev.sc_.cycles.swap(cycles);
        std::swap(ev.node_ix_, index);
      }
    } back{*this, nodes, cycles, index};
    build_reverse();
    const std::size_t nkr = m_.key_results.size(), nkpi = m_.kpis.size(),
                      nobj = m_.objectives.size(), nunit = m_.units.size();
    std::vector<std::uint32_t> dirty_kr(krs), dirty_kpi;
    for (std::size_t sn : series) {
      if (sn + 1 >= series_at_.size()) continue;
      for (std::uint32_t j = series_at_[sn]; j < series_at_[sn + 1]; ++j) {
        const std::uint32_t r = series_rows_[j];
        if (r < nkr)
          dirty_kr.push_back(r);
        else
          dirty_kpi.push_back(r - static_cast<std::uint32_t>(nkr));
      }
    }
    std::size_t count = 0;
    auto unique = [](std::vector<std::uint32_t>& v) {
      std::sort(v.begin(), v.end());
      v.erase(std::unique(v.begin(), v.end()), v.end());
    };
    unique(dirty_kr);
    unique(dirty_kpi);
    std::vector<std::uint32_t> objs, units;
    // Key results in cascades: the changed ones and every key result above
    // them (cascade_from, transitively), scored as run() does: the leaves,
    // then the cascaded ones in model order, so diagnostics (cycles) land on
    // the same rows.
    std::vector<std::uint32_t> up;
    for (std::uint32_t k : dirty_kr) {
      if (!in_cascade_[k]) {
        reset_row(kr0_ + k);
        kr_state_[k] = 0;
        score_kr(k);
        ++count;
        if (kr_obj_[k] != npos) objs.push_back(kr_obj_[k]);
        continue;
      }
      up.push_back(k);
    }
    for (std::size_t q = 0; q < up.size(); ++q)
      for (std::uint32_t j = cascade_parent_at_[up[q]]; j < cascade_parent_at_[up[q] + 1]; ++j)
        if (std::find(up.begin(), up.end(), cascade_parent_[j]) == up.end())
          up.push_back(cascade_parent_[j]);
    unique(up);
    for (std::uint32_t k : up) {
      reset_row(kr0_ + k);
      kr_state_[k] = 0;
    }
    for (int pass = 0; pass < 2; ++pass)
      for (std::uint32_t k : up)
        if (m_.key_results[k].cascade_from.empty() == (pass == 0)) {
          score_kr(k);
          ++count;
          if (kr_obj_[k] != npos) objs.push_back(kr_obj_[k]);
        }
    std::vector<std::uint32_t> csfs;
    for (std::uint32_t k : dirty_kpi) {
      reset_row(kpi0_ + k);
      score_kpi(k);
      ++count;
      if (kpi_unit_[k] != npos) units.push_back(kpi_unit_[k]);
      for (std::uint32_t j = kpi_csf_at_[k]; j < kpi_csf_at_[k + 1]; ++j)
        csfs.push_back(kpi_csf_[j]);
    }
    // objectives and their ancestors, children before parents (by level)
    std::vector<char> seen(objs.empty() ? 0 : nobj, 0);
    for (std::size_t q = 0; q < objs.size(); ++q) {
      const std::uint32_t o = objs[q];
      if (seen[o]) continue;
      seen[o] = 1;
      for (std::uint32_t a = align0_[o]; a < align0_[o + 1]; ++a)
        if (align_parent_[a] != npos && !seen[align_parent_[a]]) objs.push_back(align_parent_[a]);
    }
    unique(objs);
    std::stable_sort(objs.begin(), objs.end(), [&](std::uint32_t a, std::uint32_t b) {
      return obj_level_[a] < obj_level_[b];
    });
    Scratch x;
    for (std::uint32_t o : objs) {
      if (obj_level_[o] == npos) continue;  // part of an alignment cycle: never scored
      sc_.nodes[obj0_ + o] = NodeScore{};
      score_objective(o, x);
      ++count;
      if (obj_unit_[o] != npos) units.push_back(obj_unit_[o]);
    }
    // cycle scores: the weighted mean over every objective of the cycle
    if (!objs.empty()) {
      for (std::uint32_t o : objs) obj_att_[o] = sc_.nodes[obj0_ + o].attainment;
      score_cycles(/*refresh=*/false);
    }
    unique(csfs);
    for (std::uint32_t c : csfs) {
      sc_.nodes[csf0_ + c] = NodeScore{};
      score_csf(c, x);
      ++count;
    }
    unique(units);
    std::vector<RollupItem> group, top;
    for (std::uint32_t u : units) {
      if (u >= nunit) continue;
      for (std::uint32_t j = unit_at_[u]; j < unit_at_[u + 1]; ++j) {
        if (members_[j].gone) continue;  // counts 0 whatever its row says
        const NodeScore& c = sc_.nodes[members_[j].row];
        members_[j].score = c.attainment;
        members_[j].incomplete = c.incomplete;
      }
      sc_.nodes[unit0_ + u] = NodeScore{};
      score_unit(u, group, top);
      ++count;
    }
    // P(success) draws every forecast of the model together: run them again
    // over all objectives and units, as run() does (update() re-evaluates
    // in full when the outlook is reconciled, so hier_ is not involved).
    if (o_.outlook && o_.outlook_draws > 0) {
      for (std::size_t r = obj0_; r < csf0_; ++r) sc_.nodes[r].p_success = nan_value;
      for (std::size_t r = unit0_; r < unit0_ + nunit; ++r) sc_.nodes[r].p_success = nan_value;
      success_probabilities();
    }
    (void)nkpi;
    return count;
  }

  /// A key result's or KPI's row emptied before it is scored again, its
  /// forecast at the due date too (outlook() writes it only when it fits one).
  void reset_row(std::size_t r) {
    sc_.nodes[r] = NodeScore{};
    fc_mean_[r] = nan_value;
    fc_sd_[r] = nan_value;
    fc_res_[r] = PeriodSeries{};
    fc_hist_[r] = PeriodSeries{};
  }

  /// The id index, keyed like the scorecard's rows (handed to the result).
  detail::FlatIndex take_index() { return std::move(node_ix_); }

 private:
  static constexpr std::size_t block = 4096;  ///< fewest rows worth a thread

  /// Every id reference of the model resolved once to a position (model
  /// order), so the scoring loops neither hash nor compare strings: node ids,
  /// objective cycles, KR -> objective, KR / KPI -> series, alignments ->
  /// parent objective, CSF -> KPIs, objective / KPI -> unit, perspectives.
  void resolve() {
    const std::size_t nkr = m_.key_results.size(), nkpi = m_.kpis.size(),
                      nobj = m_.objectives.size(), ncsf = m_.csfs.size();
    // One id index for everything, built from the model's strings (the rows
    // are not written yet) and kept in the result for Scorecard::find().
    node_ix_.build(unit0_ + m_.units.size(), [this](std::size_t j) { return model_id(j); });
    cycles_ = m_.cycles;
    for (auto& c : cycles_) derive_cycle_dates(c);
    cycle_ix_ = index_of(cycles_);
    const auto& names = s_.series_ids();
    series_ix_.build(names.size(), [&](std::size_t j) { return std::string_view(names[j]); });
    units_ix_.build(m_.units.size(),
                    [this](std::size_t j) { return std::string_view(m_.units[j].id); });
    // Batched look-ups (FlatIndex::find_many) in parallel blocks.
    const auto node_key = [this](std::size_t j) { return model_id(j); };
    const auto series_key = [&names](std::size_t j) { return std::string_view(names[j]); };
    const auto unit_key = [this](std::size_t j) { return std::string_view(m_.units[j].id); };
    auto series_of = [&](std::size_t n, auto&& id, std::size_t* out) {
      std::vector<std::uint32_t> tmp(n);
      series_ix_.find_many(n, id, tmp.data(), series_key);
      for (std::size_t j = 0; j < n; ++j)
        out[j] = id(j).empty() || tmp[j] == detail::FlatIndex::empty ? static_cast<std::size_t>(-1)
                                                                     : tmp[j];
    };
    kr_obj_.resize(nkr);
    kr_series_.resize(nkr);
    parallel_blocks(nkr, [&](std::size_t b, std::size_t e) {
      const KeyResult* kr = m_.key_results.data() + b;
      node_ix_.find_many(
          e - b, [&](std::size_t j) { return std::string_view(kr[j].objective); },
          kr_obj_.data() + b, node_key);
      for (std::size_t i = b; i < e; ++i) kr_obj_[i] = in_range(kr_obj_[i], obj0_, csf0_);
      series_of(
          e - b, [&](std::size_t j) { return std::string_view(kr[j].series); },
          kr_series_.data() + b);
    });
    kpi_series_.resize(nkpi);
    kpi_unit_.resize(nkpi);
    parallel_blocks(nkpi, [&](std::size_t b, std::size_t e) {
      const Kpi* k = m_.kpis.data() + b;
      series_of(
          e - b, [&](std::size_t j) { return std::string_view(k[j].series); },
          kpi_series_.data() + b);
      units_ix_.find_many(
          e - b, [&](std::size_t j) { return std::string_view(k[j].unit); }, kpi_unit_.data() + b,
          unit_key);
    });
    // alignments and CSF links: flat arrays beside the model's lists
    align0_.assign(nobj + 1, 0);
    for (std::size_t o = 0; o < nobj; ++o)
      align0_[o + 1] = align0_[o] + static_cast<std::uint32_t>(m_.objectives[o].aligns_to.size());
    align_parent_.resize(align0_[nobj]);
    obj_unit_.resize(nobj);
    obj_cycle_.assign(nobj, nullptr);
    parallel_blocks(nobj, [&](std::size_t b, std::size_t e) {
      const Objective* ob = m_.objectives.data();
      for (std::size_t o = b; o < e; ++o) {
        const std::uint32_t c = lookup(cycle_ix_, ob[o].cycle);
        if (c != npos) obj_cycle_[o] = &cycles_[c];
        const auto& al = ob[o].aligns_to;
        for (std::size_t a = 0; a < al.size(); ++a)
          align_parent_[align0_[o] + a] = find_in(al[a].parent, obj0_, csf0_);
      }
      units_ix_.find_many(
          e - b, [&](std::size_t j) { return std::string_view(ob[b + j].unit); },
          obj_unit_.data() + b, unit_key);
    });
    link0_.assign(ncsf + 1, 0);
    for (std::size_t c = 0; c < ncsf; ++c)
      link0_[c + 1] = link0_[c] + static_cast<std::uint32_t>(m_.csfs[c].measured_by.size());
    link_kpi_.resize(link0_[ncsf]);
    parallel_for(ncsf, [&](std::size_t c) {
      const auto& mb = m_.csfs[c].measured_by;
      for (std::size_t l = 0; l < mb.size(); ++l)
        link_kpi_[link0_[c] + l] = find_in(mb[l].kpi, kpi0_, obj0_);
    });
  }

  static std::uint32_t in_range(std::uint32_t i, std::size_t b, std::size_t e) noexcept {
    return i != detail::FlatIndex::empty && i >= b && i < e ? static_cast<std::uint32_t>(i - b)
                                                            : npos;
  }

  /// The model's id of row j (rows: key results, KPIs, objectives, CSFs, units).
  std::string_view model_id(std::size_t j) const {
    if (j < kpi0_) return m_.key_results[j - kr0_].id;
    if (j < obj0_) return m_.kpis[j - kpi0_].id;
    if (j < csf0_) return m_.objectives[j - obj0_].id;
    if (j < unit0_) return m_.csfs[j - csf0_].id;
    return m_.units[j - unit0_].id;
  }
  /// validate()'s errors as error diagnostics: on the row of the node each
  /// names (unless that row already has the code for the field) and once in
  /// the scorecard's list. Nothing invalid is scored without saying so.
  void report_invalid() {
    for (Diagnostic& dg : validate(m_)) {
      if (dg.severity != Severity::error) continue;
      if (!dg.where.node.empty()) {
        const std::uint32_t j =
            node_ix_.find(dg.where.node, [this](std::size_t r) { return model_id(r); });
        if (j != detail::FlatIndex::empty) {
          auto& row = sc_.nodes[j].diagnostics;
          const bool dup = std::any_of(row.begin(), row.end(), [&](const Diagnostic& x) {
            return x.code == dg.code && x.where.field == dg.where.field;
          });
          if (!dup) row.push_back(dg);
        }
      }
      const bool dup =
          std::any_of(sc_.diagnostics.begin(), sc_.diagnostics.end(), [&](const Diagnostic& x) {
            return x.code == dg.code && x.where.node == dg.where.node &&
                   x.where.field == dg.where.field;
          });
      if (!dup) sc_.diagnostics.push_back(std::move(dg));
    }
  }

  // --- helpers -------------------------------------------------------------
  /// One key result or KPI scored: report progress (options.on_progress)
  /// unless another thread is reporting right now; the final report is run()'s.
  void tick() {
    if (!o_.on_progress) return;
    progress_done_.fetch_add(1, std::memory_order_relaxed);
    std::unique_lock<std::mutex> lock(progress_mutex_, std::try_to_lock);
    if (!lock.owns_lock()) return;
    // read under the lock so the reported counts only grow
    const std::size_t done = progress_done_.load(std::memory_order_relaxed);
    if (done >= progress_total_ || done <= progress_reported_) return;
    progress_reported_ = done;
    o_.on_progress(done, progress_total_);
  }
  /// Scratch vectors of one thread's roll-ups.
  struct Scratch {
    std::vector<RollupItem> items, expected;
    std::vector<Status> statuses;
  };
  /// f(b, e) over [0, n) split into one block per thread (at most one thread
  /// per `block` items); single-threaded with threads = 1. An exception in a
  /// block is rethrown on the calling thread after the join.
  template <class F>
  void parallel_blocks(std::size_t n, F&& f) const {
    detail::parallel_for(n, threads_, f, block);
  }
  template <class F>
  void parallel_for(std::size_t n, F&& f) const {
    parallel_blocks(n, [&](std::size_t b, std::size_t e) {
      for (std::size_t i = b; i < e; ++i) f(i);
    });
  }
  void finish_grade(NodeScore& n) const {
    const double a = n.attainment;
    n.grade = o_.grade_scale == GradeScale::percent ? to_percent(a) : a;
    n.band = google_band(a, o_.bands);
    if (o_.rating)
      if (auto r = o_.rating->rate(a)) n.rating = r->label;
  }
  /// Name the node in its diagnostics and keep one per code.
  static void finish_diagnostics(NodeScore& n, Diagnostics&& d) {
    for (auto& x : d) {
      bool dup = false;
      for (const auto& y : n.diagnostics) dup |= y.code == x.code;
      if (dup) continue;
      if (x.where.node.empty()) x.where.node = n.id;
      n.diagnostics.push_back(std::move(x));
    }
  }
  /// Position of node `id` among the rows [b, e) (e.g. the objectives), or npos.
  std::uint32_t find_in(std::string_view id, std::size_t b, std::size_t e) const {
    return in_range(node_ix_.find(id, [this](std::size_t j) { return model_id(j); }), b, e);
  }
  void fill_measure(NodeScore& n, const Target& tg, const CurrentValue& cv, Diagnostics& d) const {
    n.value = cv.value;
    n.value_source = cv.source;
    n.value_date = cv.date;
    n.confidence = cv.confidence;
    n.incomplete = cv.incomplete;
    n.baseline = tg.baseline ? *tg.baseline : nan_value;
    if (auto t = tg.absolute_target()) n.target = *t;
    n.progress = progress(tg, cv.value, &d);
    n.performance = performance(tg, cv.value, &d);
    n.attainment = attainment(tg, n.progress);
    if (!std::isnan(n.attainment)) n.score_source = Provenance::computed;
    if (!o_.rules.empty() && !std::isnan(n.value)) {
      const double t = tg.kind == TargetKind::range && tg.lo ? *tg.lo : n.target;
      if (auto lab = evaluate_rules(o_.rules, n.value, t, &d)) n.rule_label = *lab;
    }
  }

  // --- the cycle: states, close-out, health (docs/lifecycle.md) -----------------
  /// A node in a closed state counts as closed from its closed_on on (before
  /// that day it was still open: history before the closing is unchanged).
  /// A closed state without closed_on (validate() reports it) is closed throughout.
  bool closed_at(NodeState s, const CloseOut& c) const {
    return is_closed(s) && (!c.closed_on || as_of_ >= *c.closed_on);
  }
  bool abandoned_at(NodeState s, const CloseOut& c) const {
    return s == NodeState::abandoned && closed_at(s, c);
  }
  /// The day a closed node's score is taken: closed_on (never after as_of).
  Date closing_day(const CloseOut& c) const {
    return c.closed_on && *c.closed_on < as_of_ ? *c.closed_on : as_of_;
  }
  /// Key result i's current value at `at` (a closing day before as_of).
  CurrentValue value_at(std::uint32_t i, Date at, Diagnostics* d, int depth = 0) const {
    const KeyResult& kr = m_.key_results[i];
    ValueSources vs = value_sources(kr);
    vs.series_number = kr_series_[i];
    if (!vs.span_start && kr_obj_[i] != npos && obj_cycle_[kr_obj_[i]])
      vs.span_start = obj_cycle_[kr_obj_[i]]->start;
    auto child = [&](std::string_view id) -> CurrentValue {
      const std::uint32_t c = find_in(id, kr0_, kpi0_);
      if (c == npos || depth > 64) return {};  // kr_value() reports dangling ids and cycles
      return value_at(c, at, nullptr, depth + 1);
    };
    return current_value(s_, vs, at, child, d);
  }
  /// Key result k's score at `at`: frozen if it was closed by then, else
  /// from its value at `at` (score_override wins).
  double kr_score_at(std::uint32_t k, Date at) const {
    const KeyResult& kr = m_.key_results[k];
    if (is_closed(kr.state) && (!kr.close.closed_on || at >= *kr.close.closed_on))
      return sc_.nodes[kr0_ + k].attainment;
    if (kr.score_override) return *kr.score_override;
    if (kr.scoring != KrScoring::value) return method_score(k, at).progress;
    return attainment(kr.target, progress(kr.target, value_at(k, at, nullptr).value));
  }
  /// The lifecycle health of an objective or key result (docs/lifecycle.md
  /// "Health"): closed -> its state; past due beyond the grace period ->
  /// outdated; the latest reported check-in status within the window; the
  /// computed status; pending without data.
  void set_health(NodeScore& n, NodeState state, const CloseOut& c, std::optional<Date> due,
                  const std::vector<CheckIn>* checkins) const {
    if (closed_at(state, c)) {
      n.health = health_of_state(state);
      n.health_reason = to_string(state) +
                        (c.closed_on ? " on " + format_date(*c.closed_on) : std::string()) +
                        ": closed, final score " +
                        (std::isnan(n.attainment) ? std::string("none") : fixed2(n.attainment));
      return;
    }
    const DayNumber today = to_day_number(as_of_);
    if (due && today - to_day_number(*due) > o_.grace_days) {
      n.health = Health::outdated;
      n.health_reason = "outdated: due " + format_date(*due) + ", " +
                        std::to_string(today - to_day_number(*due)) + " days ago (grace period " +
                        std::to_string(o_.grace_days) +
                        " days) and not closed: close it as achieved, missed or abandoned";
      return;
    }
    const CheckIn* latest = nullptr;
    if (checkins)
      for (const auto& ci : *checkins)
        if (ci.status && ci.date <= as_of_ && (!latest || ci.date >= latest->date)) latest = &ci;
    const bool recent = latest && today - to_day_number(latest->date) <= o_.checkin_window_days;
    if (recent) {
      n.health = health_of_report(*latest->status);
      n.health_reason = "reported " + to_string(*latest->status) + " on " +
                        format_date(latest->date) + " (check-in window " +
                        std::to_string(o_.checkin_window_days) + " days)";
      return;
    }
    const std::string stale = latest ? " (the status reported on " + format_date(latest->date) +
                                           " is older than " +
                                           std::to_string(o_.checkin_window_days) + " days)"
                                     : std::string();
    if (n.status != Status::no_data) {
      n.health = health_of_status(n.status);
      n.health_reason = "computed" + stale + ": " + n.reason;
      return;
    }
    n.health = Health::pending;
    n.health_reason = due ? "pending: no data yet (due " + format_date(*due) + ")" + stale
                          : "pending: no due date and no data" + stale;
  }

  // --- key results -----------------------------------------------------------
  const CurrentValue& kr_value(std::uint32_t i) {
    if (kr_state_[i] == 2) return kr_values_[i];
    const KeyResult& kr = m_.key_results[i];
    NodeScore& n = sc_.nodes[kr0_ + i];
    n.id = kr.id;
    if (kr_state_[i] == 1) {
      n.diagnostics.push_back({Severity::error,
                               "cascade-cycle",
                               "key result cascades from itself",
                               {"", 0, kr.id, "cascade_from"}});
      return kr_values_[i];  // NaN
    }
    kr_state_[i] = 1;
    Diagnostics d;
    auto child = [&](std::string_view id) -> CurrentValue {
      const std::uint32_t c = find_in(id, kr0_, kpi0_);
      if (c == npos) {
        d.push_back({Severity::error,
                     "dangling-id",
                     "cascade child '" + std::string(id) + "' is not a key result",
                     {"", 0, kr.id, "cascade_from"}});
        return {};
      }
      return kr_value(c);
    };
    ValueSources vs = value_sources(kr);
    vs.series_number = kr_series_[i];
    if (!vs.span_start && kr_obj_[i] != npos && obj_cycle_[kr_obj_[i]])
      vs.span_start = obj_cycle_[kr_obj_[i]]->start;
    CurrentValue cv = current_value(s_, vs, as_of_, child, &d);
    // Milestones listed on the target decide progress on their own: a KR
    // without a value is not missing anything.
    if ((kr.target.kind == TargetKind::milestone && !kr.target.milestones.empty()) ||
        kr.scoring == KrScoring::tracked_by || kr.scoring == KrScoring::ordinal)
      d.erase(std::remove_if(d.begin(), d.end(),
                             [](const Diagnostic& x) { return x.code == "missing-value"; }),
              d.end());
    kr_values_[i] = cv;
    kr_state_[i] = 2;
    pending_diags_kr(i, std::move(d));
    return kr_values_[i];
  }
  void pending_diags_kr(std::uint32_t i, Diagnostics&& d) {
    finish_diagnostics(sc_.nodes[kr0_ + i], std::move(d));
  }

  void score_kr(std::uint32_t i) {
    const KeyResult& kr = m_.key_results[i];
    NodeScore& n = sc_.nodes[kr0_ + i];  // n.id: written by kr_value()
    n.kind = NodeKind::key_result;
    n.parent = kr.objective;
    n.title = kr.title;
    const bool closed = closed_at(kr.state, kr.close);
    const Date at = closed ? closing_day(kr.close) : as_of_;  // a closed KR: its closing day
    Diagnostics d;
    const CurrentValue cv = at == as_of_ ? kr_value(i) : (kr_value(i), value_at(i, at, &d));
    if (kr.scoring == KrScoring::tracked_by || kr.scoring == KrScoring::ordinal) {
      Diagnostics unused;  // the KR's own target does not score it
      fill_measure(n, kr.target, cv, unused);
    } else {
      fill_measure(n, kr.target, cv, d);
    }
    n.scoring = to_string(kr.scoring);
    if (kr.scoring != KrScoring::value) apply_method(i, n, at, d);
    const Amounts am = amounts(kr.target, n.value);
    n.completed = am.completed;
    n.remaining = am.remaining;
    n.total = am.total;
    if (kr.zones && kr.scoring != KrScoring::ordinal) {
      ZoneResult z = zone_of(*kr.zones, kr.target.higher_is_better(), n.value);
      n.zone = std::move(z.zone);
      n.zone_score = z.score;
    }
    const std::uint32_t oi = kr_obj_[i];
    const Objective* obj = oi == npos ? nullptr : &m_.objectives[oi];
    if (obj)
      n.unit = obj->unit;
    else
      d.push_back({Severity::error,
                   "dangling-id",
                   "objective '" + kr.objective + "' not found",
                   {"", 0, kr.id, "objective"}});
    if (kr.score_override) {
      n.attainment = *kr.score_override;
      n.score_source = Provenance::overridden;
    }
    if (closed) freeze(n, kr.close, at, d);
    finish_grade(n);
    // expected progress and status
    const auto [start, due] = kr_dates(i);
    const double success =
        success_level(obj ? obj->type : ObjectiveType::committed, o_.aspirational_success);
    if (start && due) {
      // `planned` is the plan; `expected` the expectation status_of() judges
      // against (success x plan), shown as is in every output.
      n.planned = expected_progress(*start, *due, at, kr.plan, &d);
      // time in band is a share of the time so far: the plan is the whole of it
      if (kr.scoring == KrScoring::time_in_band) n.planned = 1.0;
      n.expected = success * n.planned;
    } else if (!closed) {
      d.push_back({Severity::warning, "no-dates", "no start / due date and no cycle", {}});
    }
    if (closed) {
      // The status of a closed KR: its final score against the success level.
      n.status = status_of(n.attainment, n.planned, o_.status_rule, true, success);
      n.reason = closed_reason(kr.state, kr.close, n.attainment, success);
      set_health(n, kr.state, kr.close, due, &kr.checkins);
      finish_diagnostics(n, std::move(d));
      return;
    }
    if (o_.outlook && !kr.score_override && kr.cascade_from.empty() && !kr.value_override &&
        kr.scoring == KrScoring::value)
      kr_outlook(i, n, due, success, d);
    const double p = kr.score_override ? *kr.score_override : n.progress;
    const auto proj = o_.projected_progress.empty() ? o_.projected_progress.end()
                                                    : o_.projected_progress.find(kr.id);
    const bool past_due = due && as_of_ > *due;
    const Status pace = status_of(p, n.planned, o_.status_rule, past_due, success);
    const bool by_forecast = o_.forecast_based_status || o_.status_from == StatusSource::forecast;
    if (proj != o_.projected_progress.end()) {
      n.status = forecast_status(proj->second, o_.status_rule, success);
      n.reason = forecast_reason(n.status, proj->second, success);
    } else if (by_forecast && !std::isnan(n.projected_progress) && !past_due && !(p >= 1.0)) {
      n.status = n.forecast_status;
      n.reason = forecast_reason(n.status, n.projected_progress, success);
    } else {
      n.status = pace;
      n.reason = pace_reason(n.status, p, n.planned, o_.status_rule, past_due, success);
    }
    if (o_.outlook && !std::isnan(n.probability)) pace_forecast_check(n, pace, by_forecast, d);
    set_health(n, kr.state, kr.close, due, &kr.checkins);
    finish_diagnostics(n, std::move(d));
  }

  /// The first cycle containing `d` (model order), or nullptr.
  const Cycle* cycle_at(Date d) const {
    for (const auto& c : cycles_)
      if (contains(c, d)) return &c;
    return nullptr;
  }
  /// Key result k's start and due date: its own, else its objective's cycle's.
  std::pair<std::optional<Date>, std::optional<Date>> kr_dates(std::uint32_t k) const {
    const KeyResult& kr = m_.key_results[k];
    const Cycle* cyc = kr_obj_[k] == npos ? nullptr : obj_cycle_[kr_obj_[k]];
    std::optional<Date> start = kr.start, due = kr.due;
    if (!start && cyc) start = cyc->start;
    if (!due && cyc) due = cyc->end;
    return {start, due};
  }

  // --- scoring methods other than by value (scoring/kr_methods.hpp) ---------
  /// Key result i is scored after the KPIs (its progress is their achievement).
  bool after_kpis(std::size_t i) const {
    return m_.key_results[i].scoring == KrScoring::tracked_by;
  }
  /// Key result k's progress by its scoring method at `at` (as_of or a
  /// closing day). tracked_by reads the KPI rows, which hold as_of only.
  MethodScore method_score(std::uint32_t k, Date at) const {
    const KeyResult& kr = m_.key_results[k];
    switch (kr.scoring) {
      case KrScoring::tracked_by: {
        std::vector<KpiAchievement> ks;
        for (const auto& id : kr.tracked_by) {
          KpiAchievement a;
          a.id = id;
          const std::uint32_t c = find_in(id, kpi0_, obj0_);
          if (c == npos) {
            a.why_none = "not a KPI of the model";
          } else {
            a.weight = m_.kpis[c].weight;
            // at as_of the KPI's row; at an earlier closing day its score then
            const NodeScore& row = sc_.nodes[kpi0_ + c];
            const KpiAt k =
                at == as_of_ ? KpiAt{row.value, row.progress, row.attainment, ""} : kpi_at(c, at);
            a.achievement = k.attainment;
            a.why_none = !k.why_none.empty()      ? k.why_none
                         : std::isnan(k.value)    ? "no value on or before " + format_date(at)
                         : std::isnan(k.progress) ? "no target to score its value against"
                                                  : "its value gives no achievement";
          }
          ks.push_back(std::move(a));
        }
        return from_kpis(ks);
      }
      case KrScoring::time_in_band: {
        const auto [start, due] = kr_dates(k);
        if (!start || !due) {
          MethodScore ms;
          ms.detail =
              "time in band: no progress, the key result has no start / due date and no "
              "cycle";
          return ms;
        }
        std::vector<Reading> rs;
        if (!kr.series.empty() && kr_series_[k] != static_cast<std::size_t>(-1)) {
          const SeriesView v = s_.view(kr_series_[k]);
          for (std::size_t j = 0; j < v.size; ++j) rs.push_back({v.date(j), v.values[j]});
        } else {
          for (const auto& c : kr.checkins)
            if (c.value) rs.push_back({c.date, *c.value});
          std::stable_sort(rs.begin(), rs.end(),
                           [](const Reading& a, const Reading& b) { return a.date < b.date; });
        }
        return time_in_band(kr.target, rs, *start, *due, at);
      }
      case KrScoring::ordinal:
        return reported_zone(kr.checkins, kr.zones, at);
      case KrScoring::value:
        break;
    }
    return {};
  }
  /// A KPI's value, progress and attainment at `at` before as_of (a closing
  /// day), computed as score_kpi() does at as_of; a derived KPI is scored at
  /// the as-of date only (why_none says so).
  struct KpiAt {
    double value = nan_value, progress = nan_value, attainment = nan_value;
    std::string why_none;
  };
  KpiAt kpi_at(std::uint32_t i, Date at) const {
    const Kpi& k = m_.kpis[i];
    KpiAt out;
    if (!k.value_override && !k.formula.empty()) {
      out.why_none = "a derived KPI is scored at the as-of date only, not at the closing day " +
                     format_date(at) + ": set final_score";
      return out;
    }
    ValueSources vs = value_sources(k);
    vs.series_number = kpi_series_[i];
    auto no_child = [](std::string_view) { return CurrentValue{}; };
    out.value = current_value(s_, vs, at, no_child, nullptr).value;
    out.progress = progress(k.target, out.value);
    out.attainment = attainment(k.target, out.progress);
    if (k.grade_over != GradeOver::latest && !k.value_override && !k.series.empty() &&
        kpi_series_[i] != static_cast<std::size_t>(-1)) {
      const Cycle* cyc = cycle_at(at);
      const PeriodType type(period_kind_of(k.frequency));
      const std::vector<double> vals =
          period_values(up_to(s_.view(kpi_series_[i]), at), type, k.aggregation,
                        cyc ? std::optional<Date>(cyc->start) : std::nullopt, at);
      const PeriodGrade g = grade_over_periods(k.target, vals, k.grade_over, nullptr);
      out.progress = g.progress;
      out.attainment = attainment(k.target, g.progress);
    }
    return out;
  }
  /// Progress, attainment and the method's detail of a key result not scored
  /// by value; no progress is a warning naming why.
  void apply_method(std::uint32_t i, NodeScore& n, Date at, Diagnostics& d) const {
    const KeyResult& kr = m_.key_results[i];
    MethodScore ms = method_score(i, at);
    n.progress = ms.progress;
    n.attainment = ms.progress;
    n.performance = nan_value;
    n.score_source = std::isnan(ms.progress) ? Provenance::none : Provenance::computed;
    if (kr.scoring == KrScoring::ordinal && !ms.zone.empty()) {
      n.zone = ms.zone;
      n.zone_score = ms.progress;
    }
    if (std::isnan(ms.progress))
      d.push_back({Severity::warning, "no-progress", ms.detail, {"", 0, kr.id, "scoring"}});
    n.scoring_detail = std::move(ms.detail);
  }

  /// A closed node's score: final_score when given (frozen at closing), else
  /// the score computed at its closing day, said in an info diagnostic.
  void freeze(NodeScore& n, const CloseOut& c, Date at, Diagnostics& d) const {
    if (c.final_score) {
      n.attainment = *c.final_score;
      n.score_source = Provenance::overridden;
      return;
    }
    d.push_back(
        {Severity::info,
         "final-score-computed",
         "closed without final_score: the score " +
             (std::isnan(n.attainment) ? std::string("(none: no data)") : fixed2(n.attainment)) +
             " is computed at " + format_date(at) +
             "; set final_score to freeze the score given at closing",
         {}});
  }
  static std::string closed_reason(NodeState s, const CloseOut& c, double score, double success) {
    std::string r = to_string(s) +
                    (c.closed_on ? " on " + format_date(*c.closed_on) : std::string()) +
                    ": final score " + (std::isnan(score) ? std::string("none") : fixed2(score)) +
                    (c.final_score ? " frozen at closing" : " computed at closing");
    if (s == NodeState::abandoned) return r + "; left out of roll-ups unless abandoned=zero";
    return r + (std::isnan(score)  ? std::string()
                : score >= success ? " (reached the success level " + fixed2(success) + ")"
                                   : " (below the success level " + fixed2(success) + ")");
  }

  /// The pace status (progress against expected) and the forecast's
  /// P(target) contradict each other: say so on the row, with both numbers.
  /// A KPI (kpi = true) is judged by its health thresholds, not a pace: the
  /// same check compares its health status with P(target) at the cycle end.
  void pace_forecast_check(NodeScore& n, Status pace, bool by_forecast, Diagnostics& d,
                           bool kpi = false) const {
    const bool low = pace == Status::on_track && n.probability < o_.disagree_on_track_below;
    const bool high = pace == Status::off_track && n.probability > o_.disagree_off_track_above;
    if (!low && !high) return;
    const auto fixed = detail::format_fixed;
    std::string msg =
        (kpi ? "health says " + to_string(pace) + " (value " + fixed(n.value, 2) + ")"
             : "pace says " + to_string(pace) + " (progress " + fixed(n.progress, 2) +
                   " vs expected " + fixed(n.expected, 2) + ")") +
        " but the forecast gives P(target) " + detail::format_probability(n.probability) + " (" +
        (low ? "below " : "above ") +
        fixed(100.0 * (low ? o_.disagree_on_track_below : o_.disagree_off_track_above), 0) + "%); ";
    msg += kpi ? "the status follows the KPI's health thresholds"
           : by_forecast
               ? "the status follows the forecast (status_from=forecast)"
               : "the status follows the pace; status_from=forecast makes the forecast decide";
    // The row's reason says it too, so a table reader sees the contradiction.
    n.reason += (n.reason.empty() ? "" : "; ") + std::string("forecast disagrees: P(target) ") +
                detail::format_probability(n.probability);
    d.push_back({Severity::warning, "pace-forecast-disagree", std::move(msg), {}});
  }

  // --- KPIs -------------------------------------------------------------------
  void score_kpi(std::uint32_t i) {
    const Kpi& k = m_.kpis[i];
    NodeScore& n = sc_.nodes[kpi0_ + i];
    n.id = k.id;
    n.kind = NodeKind::kpi;
    n.unit = k.unit;
    n.title = k.name;
    Diagnostics d;
    auto no_child = [](std::string_view) { return CurrentValue{}; };
    History hist;
    const PeriodType type(period_kind_of(k.frequency));
    CurrentValue cv;
    if (!k.value_override && !k.formula.empty()) {
      cv = derived_value(i, type, d, hist);
    } else {
      ValueSources vs = value_sources(k);
      vs.series_number = kpi_series_[i];
      cv = current_value(s_, vs, as_of_, no_child, &d);
      if (o_.outlook && !k.value_override && !k.series.empty())
        if (auto sn = kpi_series_[i]; sn != static_cast<std::size_t>(-1))
          hist = history_of(up_to(s_.view(sn), as_of_), type, k.aggregation);
    }
    fill_measure(n, k.target, cv, d);
    if (o_.outlook && !k.value_override) {
      // A KPI's horizon: the end of the current cycle, else the as-of period's end.
      const Date due = current_cycle_ ? current_cycle_->end : type.of(as_of_).end();
      outlook(n, k.target, hist, type, due, 1.0, d);
    }
    if (k.grade_over != GradeOver::latest && !k.value_override && !k.series.empty()) {
      // Grade over the periods of the KPI's frequency in the cycle containing
      // as_of (all periods up to as_of without one): latest / average / worst
      // of the per-period aggregates (docs/scoring.md, "over several periods").
      const auto sn = kpi_series_[i];
      if (sn != static_cast<std::size_t>(-1)) {
        const std::vector<double> vals = period_values(
            up_to(s_.view(sn), as_of_), type, k.aggregation,
            current_cycle_ ? std::optional<Date>(current_cycle_->start) : std::nullopt, as_of_);
        const PeriodGrade g = grade_over_periods(k.target, vals, k.grade_over, &d);
        n.progress = g.progress;
        n.attainment = attainment(k.target, g.progress);
        n.incomplete |= g.incomplete;
        n.score_source = std::isnan(n.attainment) ? Provenance::none : Provenance::computed;
      }
    }
    finish_grade(n);
    bool defaulted = false;
    n.health = kpi_health(k.target, k.thresholds, n.value, &d, &o_.kpi_defaults, &defaulted);
    n.status = status_of_health(n.health);
    n.reason = kpi_health_reason(n.health, n.value, defaulted ? &o_.kpi_defaults : nullptr,
                                 progress(k.target, n.value));
    if (o_.outlook && !std::isnan(n.probability))
      pace_forecast_check(n, n.status, false, d, /*kpi=*/true);
    n.health_reason = n.reason;
    finish_diagnostics(n, std::move(d));
  }

  // --- derived KPIs ------------------------------------------------------------
  /// Parse every KPI formula once; unknown series names and parse errors become
  /// error diagnostics on the KPI (file / line / field "formula").
  void compile_formulas() {
    const std::size_t nkpi = m_.kpis.size();
    exprs_.assign(nkpi, nullptr);
    expr_inputs_.assign(nkpi, {});
    expr_diags_.assign(nkpi, {});
    for (std::size_t i = 0; i < nkpi; ++i) {
      const Kpi& k = m_.kpis[i];
      if (k.formula.empty()) continue;
      const Location at = m_.sources.locate(k.id, "formula");
      try {
        auto e = std::make_shared<Expression>(k.formula, at);
        const auto& names = s_.series_ids();
        bool ok = true;
        for (std::size_t j = 0; j < e->names().size(); ++j) {
          const std::string& nm = e->names()[j];
          const std::uint32_t sn =
              series_ix_.find(nm, [&](std::size_t r) { return std::string_view(names[r]); });
          if (sn == detail::FlatIndex::empty) {
            expr_diags_[i].push_back({Severity::error, "unknown-name",
                                      "formula '" + k.formula + "': column " +
                                          std::to_string(e->name_column(j)) + ": unknown series '" +
                                          nm + "'",
                                      at});
            ok = false;
          } else {
            expr_inputs_[i].push_back(sn);
          }
        }
        if (ok) exprs_[i] = std::move(e);
      } catch (const Error& e) {
        expr_diags_[i].push_back({Severity::error, "formula-error", e.what(), at});
      }
    }
  }

  /// A derived KPI's value: the formula evaluated per period (the KPI's
  /// frequency) over its inputs aggregated with the KPI's aggregation (ratio:
  /// sums); the as-of period's result, else the latest earlier period with
  /// input data ("stale-value"). Fills `hist` with every period's result.
  CurrentValue derived_value(std::uint32_t i, const PeriodType& type, Diagnostics& d,
                             History& hist) const {
    const Kpi& k = m_.kpis[i];
    CurrentValue cv;
    for (const auto& x : expr_diags_[i]) d.push_back(x);
    const Expression* e = exprs_[i].get();
    if (!e) {
      d.push_back({Severity::warning, "missing-value", "derived KPI has no usable formula", {}});
      return cv;
    }
    const Aggregation how = k.aggregation == Aggregation::ratio ? Aggregation::sum : k.aggregation;
    std::vector<History> in;
    std::optional<std::int32_t> lo;
    std::int32_t hi = 0;
    for (std::uint32_t sn : expr_inputs_[i]) {
      in.push_back(history_of(up_to(s_.view(sn), as_of_), type, how));
      if (in.back().first && (!lo || in.back().first->index() < *lo)) lo = in.back().first->index();
    }
    if (!lo) {
      d.push_back({Severity::warning,
                   "missing-value",
                   "no input of the formula has data on or before the as-of date",
                   {}});
      return cv;
    }
    hi = *lo;
    for (const auto& h : in)
      if (h.first) hi = std::max(hi, h.last().index());
    const std::size_t rows = static_cast<std::size_t>(hi - *lo) + 1;
    std::vector<std::vector<double>> cols(in.size(), std::vector<double>(rows, nan_value));
    std::vector<char> has(rows, 0);
    for (std::size_t c = 0; c < in.size(); ++c) {
      if (!in[c].first) continue;
      const std::size_t off = static_cast<std::size_t>(in[c].first->index() - *lo);
      for (std::size_t r = 0; r < in[c].y.size(); ++r) {
        cols[c][off + r] = in[c].y[r];
        has[off + r] |= !std::isnan(in[c].y[r]);
      }
    }
    std::vector<const double*> ptrs;
    ptrs.reserve(cols.size());
    for (const auto& c : cols) ptrs.push_back(c.data());
    std::vector<double> out(rows, nan_value);
    std::vector<ExprIssue> issues;
    e->evaluate(ptrs.data(), rows, out.data(), &issues, rows, 1);
    std::size_t r = rows;
    while (r > 0 && !has[r - 1]) --r;
    const std::size_t row = r - 1;  // has[] is set somewhere: lo came from data
    const Period p = type.at(*lo + static_cast<std::int32_t>(row));
    cv.value = out[row];
    cv.date = std::min(p.end(), as_of_);
    cv.source = Provenance::computed;
    const Period now = type.of(as_of_);
    if (p != now)
      d.push_back({Severity::info,
                   "stale-value",
                   "no data for " + now.label() + " yet: value is from " + p.label(),
                   {}});
    for (const auto& is : issues)
      if (is.index == row)
        d.push_back({Severity::warning, is.code,
                     "formula '" + k.formula + "' in " + p.label() + ": column " +
                         std::to_string(is.column) + ": " + is.message,
                     m_.sources.locate(k.id, "formula")});
    if (std::isnan(cv.value) && issues.empty())
      d.push_back({Severity::warning, "missing-value", "formula result is missing", {}});
    hist.first = type.at(*lo);
    hist.y.assign(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(r));
    return cv;
  }

  // --- trend and forecast ---------------------------------------------------------
  void kr_outlook(std::uint32_t i, NodeScore& n, std::optional<Date> due, double success,
                  Diagnostics& d) const {
    const KeyResult& kr = m_.key_results[i];
    if (kr.series.empty() || !due) return;
    if (kr.aggregation == Aggregation::sum || kr.aggregation == Aggregation::count) {
      d.push_back({Severity::info,
                   "no-forecast",
                   "no forecast for a cycle-to-date sum / count key result",
                   {}});
      return;
    }
    const auto sn = kr_series_[i];
    if (sn == static_cast<std::size_t>(-1)) return;
    // Periods: the frequency of the first tracking KPI, else months.
    Frequency f = Frequency::monthly;
    for (const auto& id : kr.tracked_by) {
      const std::uint32_t c = find_in(id, kpi0_, obj0_);
      if (c != npos) {
        f = m_.kpis[c].frequency;
        break;
      }
    }
    const PeriodType type(period_kind_of(f));
    outlook(n, kr.target, history_of(up_to(s_.view(sn), as_of_), type, kr.aggregation), type, *due,
            success, d);
  }

  /// Trend (OLS slope, Mann–Kendall) and forecast to `due` from a history of
  /// at least outlook_min_periods observed periods: auto ETS by AICc (no
  /// multiplicative models) from 10 observed periods, else Holt's linear
  /// method fitted by least squares with simple initial states.
  void outlook(NodeScore& n, const Target& tg, const History& h, const PeriodType& type, Date due,
               double success, Diagnostics& d) const {
    const std::size_t obs = h.observed();
    if (!h.first || obs < std::max<std::size_t>(o_.outlook_min_periods, 3)) return;
    n.history_periods = obs;
    n.period_kind = to_string(type.kind());
    try {
      n.trend_slope = linear_trend(h.y).slope;
      const MannKendall mk = mann_kendall(h.y);
      n.trend = mk.trend == TrendDirection::increasing   ? "increasing"
                : mk.trend == TrendDirection::decreasing ? "decreasing"
                                                         : "none";
      n.trend_p = mk.p;
    } catch (const Error& e) {
      d.push_back({Severity::info, "no-trend", e.what(), {}});
    }
    const auto t = tg.absolute_target();
    if (!t || tg.kind == TargetKind::range || tg.kind == TargetKind::milestone) return;
    const Period last = h.last();
    const std::int32_t steps = type.of(due).index() - last.index();
    if (steps < 1) {
      d.push_back({Severity::info,
                   "no-forecast",
                   "the due period " + type.of(due).label() + " already has data",
                   {}});
      return;
    }
    try {
      EtsFit fit;
      if (obs >= 10) {
        AutoEtsOptions ao;
        ao.allow_multiplicative = false;
        fit = auto_ets(h.y, ao);
      } else {
        EtsOptions eo;
        eo.criterion = Criterion::least_squares;
        eo.init = InitMethod::simple;
        eo.parameterization = Parameterization::holt;
        fit = fit_ets(h.y, EtsSpec{ErrorType::additive, TrendType::additive, SeasonType::none, 1},
                      eo);
      }
      const Direction dir =
          tg.higher_is_better() ? Direction::higher_is_better : Direction::lower_is_better;
      ForecastOptions fo;
      fo.levels = {95.0};
      const TargetOutlook to = target_outlook(fit, *t, steps, dir, fo, std::max(4 * steps, 24));
      n.forecast_model = fit.spec.code();
      n.projected_value = to.projected;
      n.projected_progress = progress(tg, to.projected);
      n.probability = to.probability;
      n.run_rate = to.run_rate;
      if (to.periods_to_target) {
        if (*to.periods_to_target == 0)
          n.target_date = n.value_date;
        else
          n.target_date = (last + *to.periods_to_target).end();
      }
      n.forecast_status = forecast_status(n.projected_progress, o_.status_rule, success);
      // The forecast distribution at the due date (normal: the outlook fits
      // additive models only) for reconciliation and p_success.
      const auto row = static_cast<std::size_t>(&n - sc_.nodes.data());
      fc_mean_[row] = to.projected;
      fc_sd_[row] = std::sqrt(std::max(0.0, forecast_variance(fit, steps).back()));
      // In-sample residuals and actuals on the period axis: residual-based
      // reconciliation and the correlation of p_success's series families.
      if (fit.residuals.size() == h.y.size()) {
        fc_res_[row] = {static_cast<int>(type.kind()),
                        last.index() + 1 - static_cast<std::int32_t>(h.y.size()), fit.residuals};
        fc_hist_[row] = {fc_res_[row].kind, fc_res_[row].first, h.y};
      }
    } catch (const Error& e) {
      d.push_back({Severity::info, "no-forecast", e.what(), {}});
    }
  }

  // --- objectives -------------------------------------------------------------
  /// Objectives in levels of the alignment hierarchy (children first): an
  /// objective's level is one more than its highest aligned child's. The
  /// objectives of one level depend only on lower levels, so each level runs
  /// in parallel blocks.
  void score_objectives() {
    const std::size_t nobj = m_.objectives.size(), nkr = m_.key_results.size();
    // key results and aligned children of each objective, as flat lists in
    // model order (kr0: offsets into krs; kid0: into kids)
    std::vector<std::uint32_t> kr_at(nobj + 1, 0), kid_at(nobj + 1, 0), pending(nobj, 0);
    for (std::size_t k = 0; k < nkr; ++k)
      if (kr_obj_[k] != npos) ++kr_at[kr_obj_[k] + 1];
    for (std::size_t c = 0; c < nobj; ++c)
      for (std::uint32_t a = align0_[c]; a < align0_[c + 1]; ++a) {
        const std::uint32_t p = align_parent_[a];
        if (p == npos) {
          sc_.diagnostics.push_back({Severity::error,
                                     "dangling-id",
                                     "aligned parent '" +
                                         m_.objectives[c].aligns_to[a - align0_[c]].parent +
                                         "' not found",
                                     {"", 0, m_.objectives[c].id, "aligns_to"}});
          continue;
        }
        ++kid_at[p + 1];
        ++pending[p];
      }
    for (std::size_t o = 0; o < nobj; ++o) {
      kr_at[o + 1] += kr_at[o];
      kid_at[o + 1] += kid_at[o];
    }
    krs_.resize(kr_at[nobj]);
    kids_.resize(kid_at[nobj]);
    {
      std::vector<std::uint32_t> fill(kr_at.begin(), kr_at.end() - 1);
      for (std::size_t k = 0; k < nkr; ++k)
        if (kr_obj_[k] != npos) krs_[fill[kr_obj_[k]]++] = static_cast<std::uint32_t>(k);
      fill.assign(kid_at.begin(), kid_at.end() - 1);
      for (std::size_t c = 0; c < nobj; ++c)
        for (std::uint32_t a = align0_[c]; a < align0_[c + 1]; ++a)
          if (align_parent_[a] != npos)
            kids_[fill[align_parent_[a]]++] = {static_cast<std::uint32_t>(c),
                                               m_.objectives[c].aligns_to[a - align0_[c]].weight};
    }
    kr_at_ = std::move(kr_at);
    kid_at_ = std::move(kid_at);
    // Kahn: an objective is ready once all objectives aligned to it are.
    std::vector<std::uint32_t> queue, level(nobj, 0);
    queue.reserve(nobj);
    for (std::size_t o = 0; o < nobj; ++o)
      if (pending[o] == 0) queue.push_back(static_cast<std::uint32_t>(o));
    std::uint32_t levels = 0;
    for (std::size_t q = 0; q < queue.size(); ++q) {
      const std::uint32_t o = queue[q];
      levels = std::max(levels, level[o] + 1);
      for (std::uint32_t a = align0_[o]; a < align0_[o + 1]; ++a) {
        const std::uint32_t p = align_parent_[a];
        if (p == npos) continue;
        level[p] = std::max(level[p], level[o] + 1);
        if (--pending[p] == 0) queue.push_back(p);
      }
    }
    // the queue ordered by level (stable), then one parallel pass per level
    std::vector<std::uint32_t> at(levels + 1, 0), order(queue.size());
    for (std::uint32_t o : queue) ++at[level[o] + 1];
    for (std::uint32_t l = 0; l < levels; ++l) at[l + 1] += at[l];
    {
      std::vector<std::uint32_t> fill(at.begin(), at.end() - 1);
      for (std::uint32_t o : queue) order[fill[level[o]]++] = o;
    }
    obj_order_ = order;             // children before parents, for p_success's draws
    obj_level_ = std::move(level);  // Scorecard::update(): children before parents
    for (std::uint32_t l = 0; l < levels; ++l)
      parallel_blocks(at[l + 1] - at[l], [&](std::size_t b, std::size_t e) {
        Scratch x;
        for (std::size_t i = at[l] + b; i < at[l] + e; ++i) score_objective(order[i], x);
      });
    if (queue.size() < nobj)
      for (std::size_t o = 0; o < nobj; ++o)
        if (pending[o] != 0) {
          obj_level_[o] = npos;
          NodeScore& n = sc_.nodes[obj0_ + o];
          n.id = m_.objectives[o].id;
          n.kind = NodeKind::objective;
          n.unit = m_.objectives[o].unit;
          n.title = m_.objectives[o].title;
          n.reason = "not scored: part of an alignment cycle";
          Diagnostic dg{Severity::error,
                        "alignment-cycle",
                        "objective is part of an alignment cycle: not scored",
                        {"", 0, n.id, "aligns_to"}};
          n.diagnostics.push_back(dg);
          sc_.diagnostics.push_back(dg);
        }
  }

  /// The items of objective o's roll-up (x.items): its key results (weight,
  /// dated weights read at `at`, |target| for by_magnitude) and aligned
  /// children (contribution weights) with the scores kr_score(k) /
  /// obj_score(c). Abandoned children are left out (AbandonedPolicy::exclude)
  /// or count 0 (zero; with zero_abandoned false they keep kr_score's value,
  /// which the plan uses: docs/lifecycle.md). The scorecard and p_success's
  /// draws both roll up through here.
  template <class KrScore, class ObjScore>
  void objective_items(std::uint32_t o, Date at, KrScore&& kr_score, ObjScore&& obj_score,
                       Scratch& x, bool zero_abandoned = true) const {
    const bool zero = o_.abandoned == AbandonedPolicy::zero;
    x.items.clear();
    for (std::uint32_t j = kr_at_[o]; j < kr_at_[o + 1]; ++j) {
      const std::uint32_t k = krs_[j];
      const KeyResult& kr = m_.key_results[k];
      const bool gone = abandoned_at(kr.state, kr.close);
      if (gone && !zero) continue;
      const auto t = kr.target.absolute_target();
      x.items.push_back({gone && zero_abandoned ? 0.0 : kr_score(k),
                         weight_at(kr.weight, kr.weights, at), t ? *t : nan_value, false});
    }
    for (std::uint32_t j = kid_at_[o]; j < kid_at_[o + 1]; ++j) {
      const auto& [k, w] = kids_[j];
      const bool gone = abandoned_at(m_.objectives[k].state, m_.objectives[k].close);
      if (gone && !zero) continue;
      x.items.push_back({gone && zero_abandoned ? 0.0 : obj_score(k), w, nan_value, false});
    }
  }

  void score_objective(std::uint32_t o, Scratch& x) {
    const Objective& obj = m_.objectives[o];
    NodeScore& n = sc_.nodes[obj0_ + o];
    n.id = obj.id;
    n.kind = NodeKind::objective;
    n.unit = obj.unit;
    n.title = obj.title;
    if (!obj.aligns_to.empty()) n.parent = obj.aligns_to.front().parent;
    Diagnostics d;
    x.expected.clear();
    x.statuses.clear();
    bool child_incomplete = false;
    const bool closed = closed_at(obj.state, obj.close);
    const Date at = closed ? closing_day(obj.close) : as_of_;
    // A closed objective without final_score: its children's scores at the closing day.
    const bool rescore = closed && !obj.close.final_score && at < as_of_;
    const bool zero = o_.abandoned == AbandonedPolicy::zero;
    // the plans: the same items with the children's planned progress (the
    // objective applies its own success level)
    objective_items(
        o, at, [&](std::uint32_t k) { return sc_.nodes[kr0_ + k].planned; },
        [&](std::uint32_t k) { return sc_.nodes[obj0_ + k].planned; }, x,
        /*zero_abandoned=*/false);
    x.expected.swap(x.items);
    objective_items(
        o, at,
        [&](std::uint32_t k) {
          return rescore ? kr_score_at(k, at) : sc_.nodes[kr0_ + k].attainment;
        },
        [&](std::uint32_t k) { return sc_.nodes[obj0_ + k].attainment; }, x);
    std::string abandoned;  // ids of abandoned children (left out or counted as 0)
    std::size_t n_abandoned = 0;
    auto note_abandoned = [&](const std::string& id) {
      if (n_abandoned++ < 3) abandoned += (abandoned.empty() ? "'" : ", '") + id + "'";
    };
    for (std::uint32_t j = kr_at_[o]; j < kr_at_[o + 1]; ++j) {
      const KeyResult& kr = m_.key_results[krs_[j]];
      const NodeScore& c = sc_.nodes[kr0_ + krs_[j]];
      if (abandoned_at(kr.state, kr.close)) {
        note_abandoned(kr.id);
        if (!zero) continue;
      }
      x.statuses.push_back(c.status);
      child_incomplete |= c.incomplete && !std::isnan(c.attainment);
    }
    for (std::uint32_t j = kid_at_[o]; j < kid_at_[o + 1]; ++j) {
      const Objective& kid = m_.objectives[kids_[j].first];
      const NodeScore& c = sc_.nodes[obj0_ + kids_[j].first];
      if (abandoned_at(kid.state, kid.close)) {
        note_abandoned(kid.id);
        if (!zero) continue;
      }
      x.statuses.push_back(c.status);
      child_incomplete |= c.incomplete && !std::isnan(c.attainment);
    }
    if (n_abandoned > 0)
      d.push_back({Severity::info,
                   zero ? "abandoned-zero" : "abandoned-excluded",
                   std::to_string(n_abandoned) + " abandoned child" +
                       (n_abandoned == 1 ? " " : "ren ") + abandoned +
                       (n_abandoned > 3 ? ", ..." : "") +
                       (zero ? (n_abandoned == 1 ? ": counted as 0 in the roll-up (abandoned=zero)"
                                                 : ": counted as 0 in the roll-up (abandoned=zero)")
                             : ": left out of the roll-up (abandoned=zero counts them as 0)"),
                   {}});
    if (rescore)
      d.push_back({Severity::info,
                   "rescored-at-closing",
                   "closed on " + format_date(at) +
                       ": key results are scored at that day (aligned child objectives at the "
                       "as-of date)",
                   {}});
    const RollupResult r = rollup(x.items, obj.rollup, obj.missing, &d);
    n.progress = n.attainment = r.value;
    n.score_source = std::isnan(r.value) ? Provenance::none : Provenance::rolled_up;
    n.incomplete = r.incomplete || child_incomplete;
    // Expected progress: the same weights over the children's expectations;
    // the cycle's linear plan when no child has one.
    const RollupMethod em = obj.rollup == RollupMethod::by_magnitude ? RollupMethod::by_magnitude
                                                                     : RollupMethod::weighted_mean;
    n.planned = rollup(x.expected, em, MissingPolicy::exclude).value;
    const Cycle* cyc = obj_cycle_[o];
    if (std::isnan(n.planned) && cyc) n.planned = expected_progress(cyc->start, cyc->end, at);
    const double success = success_level(obj.type, o_.aspirational_success);
    n.expected = success * n.planned;
    if (obj.score_override) {
      n.attainment = n.progress = *obj.score_override;
      n.score_source = Provenance::overridden;
    }
    if (closed) {
      freeze(n, obj.close, at, d);
      n.progress = n.attainment;
      finish_grade(n);
      n.status = status_of(n.attainment, n.planned, o_.status_rule, true, success);
      n.reason = closed_reason(obj.state, obj.close, n.attainment, success);
      set_health(n, obj.state, obj.close, cyc ? std::optional<Date>(cyc->end) : std::nullopt,
                 nullptr);
      finish_diagnostics(n, std::move(d));
      return;
    }
    finish_grade(n);
    if (obj.weakest_child_status) {
      n.status = weakest(x.statuses);
      n.reason = weakest_child_reason(n.status);
    } else {
      const bool past_due = cyc && as_of_ > cyc->end;
      n.status = status_of(n.attainment, n.planned, o_.status_rule, past_due, success);
      n.reason = pace_reason(n.status, n.attainment, n.planned, o_.status_rule, past_due, success);
    }
    set_health(n, obj.state, obj.close, cyc ? std::optional<Date>(cyc->end) : std::nullopt,
               nullptr);
    finish_diagnostics(n, std::move(d));
  }

  // --- cycles ------------------------------------------------------------------
  /// Cycle score: the weighted mean (objective weights) of the scores of the
  /// cycle's objectives, abandoned ones left out (abandoned=exclude) or
  /// counted as 0; NaN with a reason when none is scored (docs/lifecycle.md).
  /// With `refresh` (evaluate(), each date of a history) the compact
  /// per-objective inputs are read from the model and the rows; update()
  /// passes false after copying the attainments of the objectives it
  /// re-scored into obj_att_, so a live update reads a few flat arrays
  /// instead of every objective's row (bench_incremental).
  void score_cycles(bool refresh = true) {
    const std::size_t nc = cycles_.size(), nobj = m_.objectives.size();
    if (refresh) {
      cyc_of_.assign(nobj, npos);
      cyc_w_.assign(nobj, 0.0);
      cyc_gone_.assign(nobj, 0);
      obj_att_.assign(nobj, nan_value);
      for (std::size_t o = 0; o < nobj; ++o) {
        obj_att_[o] = sc_.nodes[obj0_ + o].attainment;
        const Cycle* c = obj_cycle_[o];
        if (!c) continue;
        const Objective& ob = m_.objectives[o];
        cyc_of_[o] = static_cast<std::uint32_t>(c - cycles_.data());
        cyc_w_[o] = ob.weight;
        cyc_gone_[o] = abandoned_at(ob.state, ob.close) ? 1 : 0;
      }
    }
    sc_.cycles.assign(nc, CycleScore{});  // again on update() / another date
    std::vector<double> sum(nc, 0.0), wsum(nc, 0.0);
    std::vector<std::size_t> total(nc, 0), gone(nc, 0);
    const bool zero = o_.abandoned == AbandonedPolicy::zero;
    for (std::size_t o = 0; o < nobj; ++o) {
      const std::uint32_t ci = cyc_of_[o];
      if (ci == npos) continue;
      double a = obj_att_[o];
      if (cyc_gone_[o] != 0) {
        ++gone[ci];
        if (!zero) continue;
        a = 0.0;
      }
      ++total[ci];
      if (std::isnan(a)) continue;
      ++sc_.cycles[ci].scored;
      sum[ci] += cyc_w_[o] * a;
      wsum[ci] += cyc_w_[o];
    }
    for (std::size_t ci = 0; ci < nc; ++ci) {
      CycleScore& cs = sc_.cycles[ci];
      cs.id = cycles_[ci].id;
      cs.state = cycles_[ci].state;
      cs.objectives = total[ci];
      const std::string ab = gone[ci] == 0 ? std::string()
                                           : "; " + std::to_string(gone[ci]) + " abandoned " +
                                                 (zero ? "counted as 0" : "left out");
      if (total[ci] == 0) {
        cs.reason = gone[ci] ? "not scored: every objective of the cycle is abandoned" + ab
                             : "not scored: the cycle has no objectives";
      } else if (cs.scored == 0) {
        cs.reason =
            "not scored: none of its " + std::to_string(total[ci]) + " objectives has a score" + ab;
      } else if (!(wsum[ci] > 0)) {
        cs.reason = "not scored: the scored objectives' weights sum to 0";
      } else {
        cs.score = sum[ci] / wsum[ci];
        cs.reason = "weighted mean of " + std::to_string(cs.scored) + " of " +
                    std::to_string(total[ci]) + " objectives' scores" + ab;
      }
    }
    if (current_cycle_) sc_.set_current_cycle(current_cycle_->id);
  }

  // --- CSFs and units -------------------------------------------------------
  void score_csf(std::size_t i, Scratch& x) {
    const Csf& c = m_.csfs[i];
    NodeScore& n = sc_.nodes[csf0_ + i];
    n.id = c.id;
    n.kind = NodeKind::csf;
    n.unit = c.unit;
    n.parent = c.objective;
    n.title = c.name;
    Diagnostics d;
    x.items.clear();
    bool child_incomplete = false;
    for (std::size_t l = 0; l < c.measured_by.size(); ++l) {
      const std::uint32_t k = link_kpi_[link0_[i] + l];
      if (k == npos) {
        d.push_back({Severity::error,
                     "dangling-id",
                     "KPI '" + c.measured_by[l].kpi + "' not found",
                     {"", 0, c.id, "measured_by"}});
        x.items.push_back({nan_value, c.measured_by[l].weight, nan_value, true});
        continue;
      }
      const NodeScore& kn = sc_.nodes[kpi0_ + k];
      x.items.push_back({kn.attainment, c.measured_by[l].weight, nan_value, false});
      child_incomplete |= kn.incomplete && !std::isnan(kn.attainment);
    }
    const RollupResult r = rollup(x.items, RollupMethod::weighted_mean, MissingPolicy::exclude, &d);
    n.progress = n.attainment = r.value;
    n.score_source = std::isnan(r.value) ? Provenance::none : Provenance::rolled_up;
    n.incomplete = r.incomplete || child_incomplete;
    finish_grade(n);
    n.health = health_of(n.band);
    n.status = status_of_health(n.health);
    n.reason = band_reason(n.health, n.attainment, o_.bands);
    n.health_reason = n.reason;
    finish_diagnostics(n, std::move(d));
  }

  /// Unit scorecards: the unit's objectives and KPIs grouped by perspective
  /// (groups in the order of the perspective ids, members in model order:
  /// objectives, then KPIs), a weighted mean per group, then the
  /// perspective-weighted mean of the groups.
  void score_units() {
    const std::size_t nunit = m_.units.size(), nobj = m_.objectives.size(), nkpi = m_.kpis.size();
    if (nunit == 0) return;
    // Perspective ids of the members, interned: a rank in string order and a weight.
    std::vector<std::string_view> pids;
    std::unordered_map<std::string_view, std::uint32_t> pmap;  // once there are many
    auto intern = [&](std::string_view p) -> std::uint32_t {
      if (pmap.empty()) {
        for (std::size_t i = 0; i < pids.size(); ++i)
          if (pids[i] == p) return static_cast<std::uint32_t>(i);
        pids.push_back(p);
        if (pids.size() > 16)
          for (std::size_t i = 0; i < pids.size(); ++i)
            pmap.emplace(pids[i], static_cast<std::uint32_t>(i));
        return static_cast<std::uint32_t>(pids.size() - 1);
      }
      const auto [it, added] = pmap.emplace(p, static_cast<std::uint32_t>(pids.size()));
      if (added) pids.push_back(p);
      return it->second;
    };
    std::vector<std::uint32_t>& at = unit_at_;
    at.assign(nunit + 1, 0);
    // Abandoned objectives are left out (abandoned=exclude) or count 0 (zero).
    const bool zero = o_.abandoned == AbandonedPolicy::zero;
    // A unit's score covers the cycles of as_of (unit_cycles()): objectives
    // of other cycles (last quarter's, next quarter's) are left out, and the
    // unit says how many, so two quarters are never mixed in one number.
    unit_cycles();
    auto other_cycle = [&](std::size_t o) {
      const Cycle* c = obj_cycle_[o];
      return c && dated(*c) && std::find(scope_.begin(), scope_.end(), c) == scope_.end();
    };
    other_cycles_.assign(nunit, 0);
    for (std::size_t o = 0; o < nobj; ++o)
      if (obj_unit_[o] != npos && other_cycle(o)) ++other_cycles_[obj_unit_[o]];
    auto skip = [&](std::size_t o) {
      return other_cycle(o) ||
             (!zero && abandoned_at(m_.objectives[o].state, m_.objectives[o].close));
    };
    for (std::size_t o = 0; o < nobj; ++o)
      if (obj_unit_[o] != npos && !skip(o)) ++at[obj_unit_[o] + 1];
    for (std::size_t k = 0; k < nkpi; ++k)
      if (kpi_unit_[k] != npos) ++at[kpi_unit_[k] + 1];
    for (std::size_t u = 0; u < nunit; ++u) at[u + 1] += at[u];
    std::vector<Member>& members = members_;
    members.resize(at[nunit]);
    {
      std::vector<std::uint32_t> fill(at.begin(), at.end() - 1);
      for (std::size_t o = 0; o < nobj; ++o)
        if (const std::uint32_t u = obj_unit_[o]; u != npos && !skip(o)) {
          const NodeScore& c = sc_.nodes[obj0_ + o];
          const Objective& ob = m_.objectives[o];
          const bool gone = abandoned_at(ob.state, ob.close);  // with abandoned=zero
          members[fill[u]++] = {intern(ob.perspective),
                                gone ? 0.0 : c.attainment,
                                ob.weight,
                                !gone && c.incomplete,
                                static_cast<std::uint32_t>(obj0_ + o),
                                gone};
        }
      for (std::size_t k = 0; k < nkpi; ++k)
        if (const std::uint32_t u = kpi_unit_[k]; u != npos) {
          const NodeScore& c = sc_.nodes[kpi0_ + k];
          members[fill[u]++] = {
              intern(m_.kpis[k].perspective),        c.attainment, m_.kpis[k].weight, c.incomplete,
              static_cast<std::uint32_t>(kpi0_ + k), false};
        }
    }
    std::vector<std::uint32_t> by_name(pids.size()), rank(pids.size());
    for (std::size_t i = 0; i < pids.size(); ++i) by_name[i] = static_cast<std::uint32_t>(i);
    std::sort(by_name.begin(), by_name.end(),
              [&](std::uint32_t a, std::uint32_t b) { return pids[a] < pids[b]; });
    std::vector<double>& pweight = pweight_;
    pweight.assign(pids.size(), 1.0);
    for (std::size_t r = 0; r < by_name.size(); ++r)
      rank[by_name[r]] = static_cast<std::uint32_t>(r);
    for (std::size_t i = 0; i < pids.size(); ++i) {
      // the first perspective of that id gives the weight; unknown ids weigh 1
      for (const auto& p : m_.perspectives)
        if (p.id == pids[i]) {
          pweight[rank[i]] = p.weight;
          break;
        }
    }
    for (auto& mb : members) mb.perspective = rank[mb.perspective];
    parallel_blocks(nunit, [&](std::size_t ub, std::size_t ue) {
      std::vector<RollupItem> group, top;
      for (std::size_t u = ub; u < ue; ++u) score_unit(u, group, top);
    });
  }

  /// The cycles a unit's score covers at as_of (docs/scoring.md "Units and
  /// cycles"): every cycle containing as_of; when none does, the cycles that
  /// ended last before as_of (a quarter scored after its end); when every
  /// cycle is still to come, all of them. Cycles without dates always count.
  void unit_cycles() {
    scope_.clear();
    Date last;
    for (const auto& c : cycles_) {
      if (!dated(c)) continue;
      if (contains(c, as_of_)) scope_.push_back(&c);
      if (c.end < as_of_ && (last.is_special() || last < c.end)) last = c.end;
    }
    if (!scope_.empty()) return;
    for (const auto& c : cycles_)
      if (dated(c) && (last.is_special() || c.end == last)) scope_.push_back(&c);
  }

  /// One unit's row from its members (score_units() gathered them; update()
  /// refreshes their scores from the rows first), rolled up by unit_rollup()
  /// as p_success's draws are.
  void score_unit(std::size_t u, std::vector<RollupItem>& group, std::vector<RollupItem>& top) {
    NodeScore& n = sc_.nodes[unit0_ + u];
    n.id = m_.units[u].id;
    n.kind = NodeKind::unit;
    n.unit = m_.units[u].id;
    n.title = m_.units[u].name;
    n.parent = m_.units[u].parent;
    Diagnostics d;
    Member* const mb = members_.data() + unit_at_[u];
    Member* const me = members_.data() + unit_at_[u + 1];
    std::stable_sort(
        mb, me, [](const Member& a, const Member& b) { return a.perspective < b.perspective; });
    bool incomplete = false;
    if (const std::uint32_t other = other_cycles_.empty() ? 0 : other_cycles_[u]) {
      std::string in;
      for (const Cycle* c : scope_) in += (in.empty() ? "" : ", ") + c->id;
      d.push_back({Severity::info,
                   "other-cycles",
                   std::to_string(other) + (other == 1 ? " objective" : " objectives") +
                       " of other cycles left out: the unit's score covers the cycle" +
                       (scope_.size() == 1 ? " " : "s ") + in +
                       " (the cycles of the as-of date; score at a date inside another cycle "
                       "to see its objectives)",
                   {}});
    }
    if (mb == me) {
      d.push_back({Severity::info, "no-data", "unit has no objectives or KPIs", {}});
    } else {
      const RollupResult r = unit_rollup(
          u, [](const Member& m) { return m.score; }, group, top, &incomplete, &d);
      n.progress = n.attainment = r.value;
      n.incomplete = r.incomplete || incomplete;
      n.score_source = std::isnan(r.value) ? Provenance::none : Provenance::rolled_up;
      if (n.incomplete && !r.incomplete)
        d.push_back({Severity::info, "incomplete", "some members have missing data", {}});
    }
    finish_grade(n);
    n.health = health_of(n.band);
    n.status = status_of_health(n.health);
    n.reason = band_reason(n.health, n.attainment, o_.bands);
    n.health_reason = n.reason;
    finish_diagnostics(n, std::move(d));
  }

  /// The reverse links update() follows, built on its first call (evaluate()
  /// does not pay for them): series -> rows of the key results and KPIs that
  /// read it (formula inputs included), KPI -> CSFs, key results in cascades.
  void build_reverse() {
    if (reverse_built_) return;
    const std::size_t nkr = m_.key_results.size(), nkpi = m_.kpis.size(), ncsf = m_.csfs.size();
    const std::size_t ns = s_.series_count();
    std::vector<std::pair<std::uint32_t, std::uint32_t>> pairs;  // (series, kr or nkr + kpi)
    for (std::size_t k = 0; k < nkr; ++k)
      if (kr_series_[k] != static_cast<std::size_t>(-1))
        pairs.emplace_back(static_cast<std::uint32_t>(kr_series_[k]),
                           static_cast<std::uint32_t>(k));
    for (std::size_t k = 0; k < nkpi; ++k) {
      const auto r = static_cast<std::uint32_t>(nkr + k);
      if (kpi_series_[k] != static_cast<std::size_t>(-1))
        pairs.emplace_back(static_cast<std::uint32_t>(kpi_series_[k]), r);
      for (std::uint32_t sn : expr_inputs_[k]) pairs.emplace_back(sn, r);
    }
    series_at_.assign(ns + 1, 0);
    for (const auto& pr : pairs) ++series_at_[pr.first + 1];
    for (std::size_t i = 0; i < ns; ++i) series_at_[i + 1] += series_at_[i];
    series_rows_.resize(pairs.size());
    {
      std::vector<std::uint32_t> fill(series_at_.begin(), series_at_.end() - 1);
      for (const auto& pr : pairs) series_rows_[fill[pr.first]++] = pr.second;
    }
    kpi_csf_at_.assign(nkpi + 1, 0);
    for (std::size_t c = 0; c < ncsf; ++c)
      for (std::uint32_t l = link0_[c]; l < link0_[c + 1]; ++l)
        if (link_kpi_[l] != npos) ++kpi_csf_at_[link_kpi_[l] + 1];
    for (std::size_t k = 0; k < nkpi; ++k) kpi_csf_at_[k + 1] += kpi_csf_at_[k];
    kpi_csf_.resize(kpi_csf_at_[nkpi]);
    {
      std::vector<std::uint32_t> fill(kpi_csf_at_.begin(), kpi_csf_at_.end() - 1);
      for (std::size_t c = 0; c < ncsf; ++c)
        for (std::uint32_t l = link0_[c]; l < link0_[c + 1]; ++l)
          if (link_kpi_[l] != npos) kpi_csf_[fill[link_kpi_[l]]++] = static_cast<std::uint32_t>(c);
    }
    in_cascade_.assign(nkr, 0);
    std::vector<std::pair<std::uint32_t, std::uint32_t>> links;  // (child, parent)
    for (std::size_t k = 0; k < nkr; ++k) {
      const auto& cf = m_.key_results[k].cascade_from;
      if (cf.empty()) continue;
      in_cascade_[k] = 1;
      for (const auto& id : cf) {
        const std::uint32_t c = find_in(id, kr0_, kpi0_);
        if (c == npos) continue;
        in_cascade_[c] = 1;
        links.emplace_back(c, static_cast<std::uint32_t>(k));
      }
    }
    cascade_parent_at_.assign(nkr + 1, 0);
    for (const auto& l : links) ++cascade_parent_at_[l.first + 1];
    for (std::size_t k = 0; k < nkr; ++k) cascade_parent_at_[k + 1] += cascade_parent_at_[k];
    cascade_parent_.resize(links.size());
    {
      std::vector<std::uint32_t> fill(cascade_parent_at_.begin(), cascade_parent_at_.end() - 1);
      for (const auto& l : links) cascade_parent_[fill[l.first]++] = l.second;
    }
    reverse_built_ = true;
  }

  // --- reconciled outlook and P(objective succeeds) ---------------------------
  /// The success level of key result k (its objective's type).
  double kr_success(std::size_t k) const {
    const std::uint32_t oi = kr_obj_[k];
    return success_level(oi == npos ? ObjectiveType::committed : m_.objectives[oi].type,
                         o_.aspirational_success);
  }
  const Target& target_of_row(std::size_t r) const {
    return r < kpi0_ ? m_.key_results[r - kr0_].target : m_.kpis[r - kpi0_].target;
  }

  /// Replace the projections at the due date of the nodes of the model's
  /// hierarchy by reconciled ones (EvaluateOptions::reconcile, docs/forecast.md).
  /// Every bottom series needs its own forecast; an aggregate without one
  /// (a cascaded key result has no series) takes the sum of its bottom series'
  /// forecasts as its base, with their variances added.
  void reconcile_outlook() {
    try {
      hier_ = hierarchy_from_model(m_);
    } catch (const ValidationError& e) {
      for (const auto& p : e.problems()) sc_.diagnostics.push_back(p);
      return;
    }
    const std::size_t N = hier_.size();
    if (N == 0) return;
    hier_rows_.resize(N);
    for (std::size_t i = 0; i < N; ++i) hier_rows_[i] = find_in(hier_.nodes[i], kr0_, obj0_);
    hier_node_ok_.assign(N, 0);
    // Each tree (a cascade, a sum_of tree) is reconciled on its own: its
    // nodes' histories are aligned on their own common periods, and a tree
    // that cannot be reconciled does not stop the others. A grouped structure
    // (a KPI in two sums) is one piece.
    std::vector<std::size_t> root_of(N, 0);
    if (!hier_.parent.empty())
      for (std::size_t i = 0; i < N; ++i) {
        std::size_t r = i;
        while (hier_.parent[r] >= 0) r = static_cast<std::size_t>(hier_.parent[r]);
        root_of[i] = r;
      }
    std::vector<std::size_t> roots;
    for (std::size_t i = 0; i < N; ++i)
      if (std::find(roots.begin(), roots.end(), root_of[i]) == roots.end())
        roots.push_back(root_of[i]);
    for (std::size_t root : roots) {
      std::vector<std::size_t> part;
      for (std::size_t i = 0; i < N; ++i)
        if (root_of[i] == root) part.push_back(i);
      reconcile_tree(part);
    }
    hier_ok_ = std::any_of(hier_node_ok_.begin(), hier_node_ok_.end(), [](char c) { return c; });
  }

  /// reconcile_outlook() for the nodes `part` of hier_ (one tree, or all of a
  /// grouped structure): every bottom series needs its own forecast; an
  /// aggregate without one (a cascaded key result has no series) takes the
  /// sum of its bottom series' forecasts as its base, with their variances
  /// added, and the sums of their residuals and actuals.
  void reconcile_tree(const std::vector<std::size_t>& part) {
    using Eigen::Index;
    const char* method =
        detail::enum_names<OutlookReconcile>::names[static_cast<std::size_t>(o_.reconcile)]
            .second.data();
    const ReconcileMethod rm = parse_reconcile_method(method);
    Hierarchy sub;
    std::vector<std::size_t> g;  // sub node -> hier_ node
    if (hier_.parent.empty()) {
      sub = hier_;
      g = part;
    } else {
      std::vector<HierarchyEdge> edges;
      edges.reserve(part.size());
      for (std::size_t i : part)
        edges.push_back(
            {hier_.nodes[i], hier_.parent[i] < 0
                                 ? std::string()
                                 : hier_.nodes[static_cast<std::size_t>(hier_.parent[i])]});
      sub = hierarchy_from_parents(edges);
      std::unordered_map<std::string, std::size_t> at;
      for (std::size_t i : part) at.emplace(hier_.nodes[i], i);
      for (const auto& name : sub.nodes) g.push_back(at.at(name));
    }
    const std::size_t N = sub.size(), nb = sub.n_bottom, na = N - nb;
    const std::string top = sub.nodes[0];
    auto row = [&](std::size_t i) { return hier_rows_[g[i]]; };
    std::vector<std::string> missing;
    for (std::size_t j = 0; j < nb; ++j)
      if (std::isnan(fc_mean_[row(na + j)]) || std::isnan(fc_sd_[row(na + j)]))
        missing.push_back(sub.nodes[na + j]);
    auto skip = [&](const std::string& why) {
      sc_.diagnostics.push_back({Severity::warning,
                                 "no-reconcile",
                                 "outlook not reconciled (" + std::string(method) + ") for '" +
                                     top + "' and the nodes below it: " + why +
                                     "; every node keeps its own forecast",
                                 {"", 0, top, "reconcile"}});
    };
    if (!missing.empty()) {
      skip("'" + missing[0] + "'" +
           (missing.size() > 1
                ? " and " + std::to_string(missing.size() - 1) + " more bottom series have"
                : std::string(" (a bottom series) has")) +
           " no forecast at the due date");
      return;
    }
    Eigen::VectorXd bm(static_cast<Index>(nb)), bv(static_cast<Index>(nb));
    for (std::size_t j = 0; j < nb; ++j) {
      bm(static_cast<Index>(j)) = fc_mean_[row(na + j)];
      bv(static_cast<Index>(j)) = fc_sd_[row(na + j)] * fc_sd_[row(na + j)];
    }
    const Eigen::VectorXd sm = sub.S * bm, sv = sub.S * bv;
    Eigen::MatrixXd base(static_cast<Index>(N), 1), sigma(static_cast<Index>(N), 1);
    std::vector<char> own(N);
    for (std::size_t i = 0; i < N; ++i) {
      const auto r = row(i);
      const auto ii = static_cast<Index>(i);
      own[i] = !std::isnan(fc_mean_[r]) && !std::isnan(fc_sd_[r]) && !fc_res_[r].empty();
      base(ii, 0) = own[i] ? fc_mean_[r] : sm(ii);
      sigma(ii, 0) = own[i] ? fc_sd_[r] : std::sqrt(sv(ii));
    }
    // Residuals (wls_var, mint_*) or actuals (historical top-down
    // proportions) over the periods every series of the tree has.
    auto aligned = [&](const std::vector<PeriodSeries>& from) {
      std::vector<const PeriodSeries*> ps;
      std::vector<Index> pos(N, -1);
      for (std::size_t i = 0; i < N; ++i)
        if (own[i] || i >= na) {
          pos[i] = static_cast<Index>(ps.size());
          ps.push_back(&from[row(i)]);
        }
      const Eigen::MatrixXd M = common_periods(ps);
      Eigen::MatrixXd Mb(static_cast<Index>(nb), M.cols());
      for (std::size_t j = 0; j < nb; ++j) Mb.row(static_cast<Index>(j)) = M.row(pos[na + j]);
      Eigen::MatrixXd out = sub.S * Mb;
      for (std::size_t i = 0; i < na; ++i)
        if (pos[i] >= 0) out.row(static_cast<Index>(i)) = M.row(pos[i]);
      return out;
    };
    const bool by_res = rm == ReconcileMethod::wls_var || rm == ReconcileMethod::mint_cov ||
                        rm == ReconcileMethod::mint_shrink;
    const bool by_hist = rm == ReconcileMethod::top_down_average_proportions ||
                         rm == ReconcileMethod::top_down_proportion_averages;
    const Eigen::MatrixXd res =
        by_res ? aligned(fc_res_) : Eigen::MatrixXd(static_cast<Index>(N), 0);
    const Eigen::MatrixXd hist =
        by_hist ? aligned(fc_hist_) : Eigen::MatrixXd(static_cast<Index>(N), 0);
    if ((by_res || by_hist) && (by_res ? res : hist).cols() == 0) {
      skip("its series have no period in common (or differ in period kind)");
      return;
    }
    ReconcileOptions ro;
    ro.method = rm;
    ReconcileResult rr;
    try {
      if (rm == ReconcileMethod::top_down_forecast_proportions) {
        // The split depends on the forecasts; its sd holds the proportions
        // fixed at their forecast values: sd_i = |ỹ_i / ỹ_top|·σ_top.
        rr = reconcile(sub, base, res, hist, ro);
        rr.sd.resize(static_cast<Index>(N), 1);
        const std::size_t r0 =
            std::find(sub.parent.begin(), sub.parent.end(), -1) - sub.parent.begin();
        const double t = rr.mean(static_cast<Index>(r0), 0);
        for (Index i = 0; i < static_cast<Index>(N); ++i)
          rr.sd(i, 0) = t != 0.0 ? std::fabs(rr.mean(i, 0) / t) * sigma(static_cast<Index>(r0), 0)
                                 : sigma(i, 0);
      } else {
        rr = reconcile(sub, base, res, hist, ro, sigma);
      }
    } catch (const Error& e) {
      skip(e.what());
      return;
    }
    const bool by_forecast = o_.forecast_based_status || o_.status_from == StatusSource::forecast;
    for (std::size_t i = 0; i < N; ++i) {
      const auto r = row(i);
      const auto ii = static_cast<Index>(i);
      NodeScore& n = sc_.nodes[r];
      const Target& tg = target_of_row(r);
      const double mean = rr.mean(ii, 0), sd = rr.sd(ii, 0);
      fc_mean_[r] = mean;
      fc_sd_[r] = sd;
      const bool is_kr = r < kpi0_;
      const double success = is_kr ? kr_success(r - kr0_) : 1.0;
      n.projected_value = mean;
      n.projected_progress = progress(tg, mean);
      const auto t = tg.absolute_target();
      if (t && tg.kind != TargetKind::range && tg.kind != TargetKind::milestone) {
        const double z = sd > 0 ? (*t - mean) / sd : nan_value;
        n.probability =
            sd > 0 ? (tg.higher_is_better() ? detail::normal_cdf(-z) : detail::normal_cdf(z))
                   : ((tg.higher_is_better() ? mean >= *t : mean <= *t) ? 1.0 : 0.0);
      }
      n.forecast_status = forecast_status(n.projected_progress, o_.status_rule, success);
      if (is_kr && by_forecast && !m_.key_results[r - kr0_].score_override &&
          !std::isnan(n.projected_progress) && !(n.progress >= 1.0)) {
        n.status = n.forecast_status;
        n.reason = forecast_reason(n.status, n.projected_progress, success);
      }
      n.diagnostics.push_back({Severity::info,
                               "reconciled",
                               "projection reconciled (" + std::string(method) + "): base " +
                                   detail::format_general(base(ii, 0)) + " -> " +
                                   detail::format_general(mean),
                               {"", 0, n.id, ""}});
      hier_node_ok_[g[i]] = 1;
    }
  }

  /// A standard normal draw for (seed, row, draw): counter-based (splitmix64
  /// of the three, Box–Muller), so a draw depends on nothing else — not on
  /// the thread count or the order the draws run in.
  static double normal_draw(std::uint64_t seed, std::uint64_t row, std::uint64_t draw) noexcept {
    auto mix = [](std::uint64_t x) {
      x += 0x9e3779b97f4a7c15ULL;
      x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
      x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
      return x ^ (x >> 31);
    };
    const std::uint64_t h = mix(mix(mix(seed) ^ row) ^ draw);
    const std::uint64_t h2 = mix(h);
    const double u1 = (static_cast<double>(h >> 11) + 1.0) * 0x1.0p-53;  // (0, 1]
    const double u2 = static_cast<double>(h2 >> 11) * 0x1.0p-53;         // [0, 1)
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * detail::pi * u2);
  }

  /// Key results and KPIs drawn together in p_success, with F·F' the
  /// correlation of their residuals (period_series.hpp).
  struct Family {
    std::vector<std::uint32_t> rows;
    Eigen::MatrixXd factor;
  };

  /// The series families whose draws are correlated (docs/forecast.md): rows
  /// joined when they read the same measurement series (a KR's or KPI's
  /// `series`, or an input of a KPI's formula), when one is in the other's
  /// `cascade_from` or `sum_of`, and transitively. Of each family, the rows
  /// drawn directly (a forecast, not a reconciled sum) with a correlation
  /// other than the identity between them; the others stay independent.
  std::vector<Family> correlated_families(
      const std::vector<std::uint8_t>& random,
      const std::vector<std::vector<std::uint32_t>>& sum_rows) const {
    const std::size_t nrow = obj0_, nkr = m_.key_results.size(), nkpi = m_.kpis.size();
    std::vector<std::uint32_t> up(nrow);
    for (std::size_t r = 0; r < nrow; ++r) up[r] = static_cast<std::uint32_t>(r);
    auto find = [&](std::uint32_t r) {
      while (up[r] != r) r = up[r] = up[up[r]];
      return r;
    };
    auto unite = [&](std::uint32_t a, std::uint32_t b) {
      a = find(a);
      b = find(b);
      if (a != b) up[std::max(a, b)] = std::min(a, b);
    };
    std::unordered_map<std::string_view, std::uint32_t> by_series;
    auto reads = [&](std::string_view id, std::size_t r) {
      if (id.empty()) return;
      const auto [it, fresh] = by_series.emplace(id, static_cast<std::uint32_t>(r));
      if (!fresh) unite(it->second, static_cast<std::uint32_t>(r));
    };
    for (std::size_t k = 0; k < nkr; ++k) {
      const KeyResult& kr = m_.key_results[k];
      reads(kr.series, kr0_ + k);
      for (const auto& id : kr.cascade_from) {
        const std::uint32_t c = find_in(id, kr0_, kpi0_);
        if (c != npos) unite(c, static_cast<std::uint32_t>(kr0_ + k));
      }
    }
    for (std::size_t i = 0; i < nkpi; ++i) {
      const Kpi& k = m_.kpis[i];
      reads(k.series, kpi0_ + i);
      if (i < exprs_.size() && exprs_[i])
        for (const auto& name : exprs_[i]->names()) reads(name, kpi0_ + i);
      for (const auto& id : k.sum_of) {
        const std::uint32_t c = find_in(id, kpi0_, obj0_);
        if (c != npos) unite(c, static_cast<std::uint32_t>(kpi0_ + i));
      }
    }
    std::unordered_map<std::uint32_t, std::vector<std::uint32_t>> members;
    std::vector<std::uint32_t> order;
    for (std::size_t r = 0; r < nrow; ++r)
      if (random[r] && sum_rows[r].empty()) {
        const std::uint32_t f = find(static_cast<std::uint32_t>(r));
        auto& v = members[f];
        if (v.empty()) order.push_back(f);
        v.push_back(static_cast<std::uint32_t>(r));
      }
    std::vector<Family> out;
    for (std::uint32_t f : order) {
      auto& rows = members[f];
      if (rows.size() < 2) continue;
      std::vector<const PeriodSeries*> ps;
      for (std::uint32_t r : rows) ps.push_back(&fc_res_[r]);
      Eigen::MatrixXd F = correlation_factor(ps, kFamilyMinOverlap);
      if (F.isIdentity(0.0)) continue;
      out.push_back({std::move(rows), std::move(F)});
    }
    return out;
  }
  /// Fewest common periods from which a family's residual correlation is estimated.
  static constexpr std::size_t kFamilyMinOverlap = 6;

  /// P(objective succeeds) and P(unit succeeds): o_.outlook_draws draws of
  /// every forecast KR / KPI value at its due date (normal, the forecast's
  /// mean and sd; reconciled nodes: the bottom series drawn, the aggregates
  /// their sums), each rolled up through objective_items() / unit_rollup() as
  /// the scorecard does; nodes without a forecast keep their current score.
  void success_probabilities() {
    const std::size_t nkr = m_.key_results.size(), nobj = m_.objectives.size(),
                      nunit = m_.units.size(), nrow = obj0_;
    std::vector<std::uint8_t> random(nrow, 0);
    for (std::size_t r = 0; r < nrow; ++r) {
      // fixed: overridden, closed (the score is frozen) or graded over periods
      const bool fixed = r < kpi0_ ? m_.key_results[r].score_override.has_value() ||
                                         closed_at(m_.key_results[r].state, m_.key_results[r].close)
                                   : m_.kpis[r - kpi0_].grade_over != GradeOver::latest;
      random[r] = !fixed && std::isfinite(fc_mean_[r]) && std::isfinite(fc_sd_[r]);
    }
    // hierarchy: a reconciled aggregate is the sum of its bottom series' draws
    std::vector<std::vector<std::uint32_t>> sum_rows(nrow);  // aggregate row -> bottom rows
    if (hier_ok_) {
      const std::size_t na = hier_.n_aggregate();
      for (Eigen::Index j = 0; j < hier_.S.outerSize(); ++j)
        for (Eigen::SparseMatrix<double>::InnerIterator it(hier_.S, j); it; ++it)
          if (static_cast<std::size_t>(it.row()) < na &&
              hier_node_ok_[static_cast<std::size_t>(it.row())])
            sum_rows[hier_rows_[static_cast<std::size_t>(it.row())]].push_back(
                hier_rows_[na + static_cast<std::size_t>(j)]);
    }
    const std::vector<Family> families = correlated_families(random, sum_rows);
    std::vector<std::uint8_t> in_family(nrow, 0);
    for (const Family& f : families)
      for (std::uint32_t r : f.rows) in_family[r] = 1;
    std::vector<std::uint8_t> obj_random(nobj, 0), unit_random(nunit, 0);
    for (std::uint32_t o : obj_order_) {
      bool any = false;
      for (std::uint32_t j = kr_at_[o]; j < kr_at_[o + 1]; ++j) any |= random[kr0_ + krs_[j]] != 0;
      for (std::uint32_t j = kid_at_[o]; j < kid_at_[o + 1]; ++j)
        any |= obj_random[kids_[j].first] != 0;
      obj_random[o] = any && !m_.objectives[o].score_override &&
                      !closed_at(m_.objectives[o].state, m_.objectives[o].close);
    }
    for (std::size_t u = 0; u < nunit; ++u)
      for (std::uint32_t mbi = unit_at_[u]; mbi < unit_at_[u + 1]; ++mbi) {
        const std::uint32_t row = members_[mbi].row;
        unit_random[u] |= row >= obj0_ ? obj_random[row - obj0_] : random[row];
      }
    if (std::none_of(obj_random.begin(), obj_random.end(), [](auto v) { return v != 0; }) &&
        std::none_of(unit_random.begin(), unit_random.end(), [](auto v) { return v != 0; }))
      return;
    // Cycles: the cycle score of every draw, formed as score_cycles() does
    // (objective weights; abandoned objectives left out or counted 0).
    const std::size_t ncyc = cycles_.size();
    const bool zero = o_.abandoned == AbandonedPolicy::zero;
    std::vector<std::uint32_t> obj_cyc(nobj, npos);  // npos: no cycle, or left out
    std::vector<std::uint8_t> cyc_random(ncyc, 0);
    for (std::size_t o = 0; o < nobj; ++o) {
      const Cycle* c = obj_cycle_[o];
      if (!c) continue;
      if (!zero && abandoned_at(m_.objectives[o].state, m_.objectives[o].close)) continue;
      obj_cyc[o] = static_cast<std::uint32_t>(c - cycles_.data());
      cyc_random[obj_cyc[o]] |= obj_random[o];
    }
    const double cyc_level = o_.success_threshold ? *o_.success_threshold : o_.aspirational_success;
    std::vector<std::uint64_t> cyc_hits(ncyc, 0);
    std::vector<double> obj_level(nobj), unit_level(nunit);
    for (std::size_t o = 0; o < nobj; ++o)
      obj_level[o] = o_.success_threshold
                         ? *o_.success_threshold
                         : success_level(m_.objectives[o].type, o_.aspirational_success);
    for (std::size_t u = 0; u < nunit; ++u)
      unit_level[u] = o_.success_threshold ? *o_.success_threshold : o_.bands.green;
    std::vector<std::uint64_t> obj_hits(nobj, 0), unit_hits(nunit, 0);
    std::mutex merge;
    const std::size_t draws = o_.outlook_draws;
    parallel_blocks(draws, [&](std::size_t b, std::size_t e) {
      std::vector<double> value(nrow), score(nrow), obj_score(nobj, nan_value);
      std::vector<std::uint64_t> oh(nobj, 0), uh(nunit, 0), ch(ncyc, 0);
      std::vector<double> csum(ncyc), cw(ncyc);
      std::vector<RollupItem> group, top;
      std::vector<double> eps;
      Scratch x;
      for (std::size_t dr = b; dr < e; ++dr) {
        for (std::size_t r = 0; r < nrow; ++r)
          if (random[r] && sum_rows[r].empty() && !in_family[r])
            value[r] = fc_mean_[r] + fc_sd_[r] * normal_draw(o_.seed, r, dr);
        // a correlated family: z = F·ε, F·F' its residual correlation
        for (const Family& f : families) {
          const std::size_t k = f.rows.size();
          eps.resize(k);
          for (std::size_t i = 0; i < k; ++i) eps[i] = normal_draw(o_.seed, f.rows[i], dr);
          for (std::size_t i = 0; i < k; ++i) {
            double z = 0;
            for (std::size_t j = 0; j < k; ++j)
              z += f.factor(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)) * eps[j];
            value[f.rows[i]] = fc_mean_[f.rows[i]] + fc_sd_[f.rows[i]] * z;
          }
        }
        for (std::size_t r = 0; r < nrow; ++r) {
          if (!random[r]) {
            score[r] = sc_.nodes[r].attainment;
            continue;
          }
          if (!sum_rows[r].empty()) {
            double v = 0;
            for (std::uint32_t c : sum_rows[r]) v += value[c];
            value[r] = v;
          }
          const Target& tg = target_of_row(r);
          score[r] = attainment(tg, progress(tg, value[r]));
        }
        for (std::uint32_t o : obj_order_) {
          if (!obj_random[o]) {
            obj_score[o] = sc_.nodes[obj0_ + o].attainment;
            continue;
          }
          objective_items(
              o, as_of_, [&](std::uint32_t k) { return score[kr0_ + k]; },
              [&](std::uint32_t k) { return obj_score[k]; }, x);
          obj_score[o] = rollup(x.items, m_.objectives[o].rollup, m_.objectives[o].missing).value;
          oh[o] += obj_score[o] >= obj_level[o];
        }
        for (std::size_t u = 0; u < nunit; ++u) {
          if (!unit_random[u]) continue;
          const double v = unit_rollup(
                               u,
                               [&](const Member& m) {
                                 return m.row >= obj0_ ? obj_score[m.row - obj0_] : score[m.row];
                               },
                               group, top, nullptr, nullptr)
                               .value;
          uh[u] += v >= unit_level[u];
        }
        if (ncyc > 0) {
          std::fill(csum.begin(), csum.end(), 0.0);
          std::fill(cw.begin(), cw.end(), 0.0);
          for (std::size_t o = 0; o < nobj; ++o) {
            const std::uint32_t ci = obj_cyc[o];
            if (ci == npos || !cyc_random[ci]) continue;
            const bool gone = abandoned_at(m_.objectives[o].state, m_.objectives[o].close);
            const double a = gone ? 0.0 : obj_score[o];
            if (std::isnan(a)) continue;
            csum[ci] += m_.objectives[o].weight * a;
            cw[ci] += m_.objectives[o].weight;
          }
          for (std::size_t ci = 0; ci < ncyc; ++ci)
            if (cyc_random[ci] && cw[ci] > 0) ch[ci] += csum[ci] / cw[ci] >= cyc_level;
        }
      }
      std::lock_guard<std::mutex> lock(merge);  // integer sums: the order does not matter
      for (std::size_t o = 0; o < nobj; ++o) obj_hits[o] += oh[o];
      for (std::size_t u = 0; u < nunit; ++u) unit_hits[u] += uh[u];
      for (std::size_t ci = 0; ci < ncyc; ++ci) cyc_hits[ci] += ch[ci];
    });
    for (std::size_t ci = 0; ci < ncyc && ci < sc_.cycles.size(); ++ci)
      if (cyc_random[ci])
        sc_.cycles[ci].p_success = static_cast<double>(cyc_hits[ci]) / static_cast<double>(draws);
    for (std::size_t o = 0; o < nobj; ++o)
      if (obj_random[o])
        sc_.nodes[obj0_ + o].p_success =
            static_cast<double>(obj_hits[o]) / static_cast<double>(draws);
    for (std::size_t u = 0; u < nunit; ++u)
      if (unit_random[u])
        sc_.nodes[unit0_ + u].p_success =
            static_cast<double>(unit_hits[u]) / static_cast<double>(draws);
    (void)nkr;
  }

  /// Unit u's scorecard from its members (sorted by perspective by
  /// score_units()) with the scores score(member): a weighted mean per
  /// perspective, then the perspective-weighted mean. The scorecard and
  /// p_success's draws both roll up through here.
  template <class Score>
  RollupResult unit_rollup(std::size_t u, Score&& score, std::vector<RollupItem>& group,
                           std::vector<RollupItem>& top, bool* incomplete, Diagnostics* d) const {
    const Member* const mb = members_.data() + unit_at_[u];
    const Member* const me = members_.data() + unit_at_[u + 1];
    top.clear();
    for (const Member* b = mb; b < me;) {
      const Member* e = b;
      group.clear();
      while (e < me && e->perspective == b->perspective) {
        const double v = e->gone ? 0.0 : score(*e);
        group.push_back({v, e->weight, nan_value, false});
        if (incomplete) *incomplete |= e->incomplete && !std::isnan(v);
        ++e;
      }
      const RollupResult g = rollup(group, RollupMethod::weighted_mean, MissingPolicy::exclude);
      if (incomplete) *incomplete |= g.incomplete;
      top.push_back({g.value, pweight_[b->perspective], nan_value, false});
      b = e;
    }
    return rollup(top, RollupMethod::weighted_mean, MissingPolicy::exclude, d);
  }

  const Model& m_;
  const SeriesStore& s_;
  Date as_of_;
  EvaluateOptions o_;  // a copy: the evaluator lives on for Scorecard::update()
  Scorecard sc_;
  unsigned threads_ = 1;
  std::size_t kr0_ = 0, kpi0_ = 0, obj0_ = 0, csf0_ = 0, unit0_ = 0;
  Index cycle_ix_;
  std::vector<Cycle> cycles_;  // the model's cycles, dates derived from labels where not given
  std::vector<std::shared_ptr<const Expression>> exprs_;  // KPI -> parsed formula (or null)
  std::vector<std::vector<std::uint32_t>> expr_inputs_;   // KPI -> series numbers of names()
  std::vector<Diagnostics> expr_diags_;                   // KPI -> formula problems
  detail::FlatIndex node_ix_;                             // every row's id (keys: model_id())
  detail::FlatIndex series_ix_;                           // series ids of the store
  detail::FlatIndex units_ix_;           // unit ids (a unit may share an id with another node)
  std::vector<const Cycle*> obj_cycle_;  // objective -> its cycle (nullptr if unknown)
  std::vector<std::uint32_t> kr_obj_;    // key result -> objective position (npos if unknown)
  std::vector<std::size_t> kr_series_, kpi_series_;   // -> series number (SIZE_MAX if none)
  std::vector<std::uint32_t> obj_unit_, kpi_unit_;    // -> unit position (npos if unknown)
  std::vector<std::uint32_t> align0_, align_parent_;  // objective o's aligns_to[a] -> parent
                                                      // align_parent_[align0_[o] + a] (or npos)
  std::vector<std::uint32_t> link0_,
      link_kpi_;  // CSF c's measured_by[l] -> KPI link_kpi_[link0_[c] + l]
  std::vector<std::uint32_t> kr_at_, krs_;  // objective o's KRs: krs_[kr_at_[o] .. kr_at_[o + 1])
  std::vector<std::uint32_t> kid_at_;       // objective o's aligned children: kids_[kid_at_[o] ..]
  std::vector<std::pair<std::uint32_t, double>> kids_;  // (child objective, contribution weight)
  const Cycle* current_cycle_ = nullptr;
  struct Member {               // a unit scorecard's member (objective or KPI)
    std::uint32_t perspective;  // interned, then its rank
    double score, weight;
    bool incomplete;
    std::uint32_t row;  // the member's scorecard row
    bool gone;          // an abandoned objective counted as 0 (abandoned=zero)
  };
  std::vector<Member> members_;      // units' members, unit u's at [unit_at_[u], unit_at_[u+1])
  std::vector<const Cycle*> scope_;  // the cycles a unit's score covers (unit_cycles())
  std::vector<std::uint32_t> other_cycles_;  // per unit: objectives of other cycles left out
  std::vector<std::uint32_t> unit_at_;       // (sorted by perspective rank in score_units())
  std::vector<double> pweight_;              // perspective rank -> weight
  std::vector<std::uint32_t> obj_order_;     // objectives, children before parents
  // KR / KPI row -> forecast at the due date (NaN: none); written by the
  // const outlook(), each row by the one thread scoring it
  mutable std::vector<double> fc_mean_, fc_sd_;
  mutable std::vector<PeriodSeries> fc_res_, fc_hist_;  // in-sample residuals / actuals of the fits
  Hierarchy hier_;                                      // the model's hierarchy, once reconciled
  std::vector<std::uint32_t> hier_rows_;                // its node i -> scorecard row
  bool hier_ok_ = false;
  std::vector<char> hier_node_ok_;  // its node i was reconciled
  bool invalid_ = false;            // validate() found errors (run())
  bool scored_ = false;             // score_all() ran: the next call resets the rows first
  bool checked_model_ = false;      // invalid_ computed (once: it depends on the model only)
  // score_cycles()'s flat inputs per objective: cycle (npos: none), weight,
  // abandoned as of as_of_, attainment (kept current by update())
  std::vector<std::uint32_t> cyc_of_;
  std::vector<double> cyc_w_;
  std::vector<std::uint8_t> cyc_gone_;
  std::vector<double> obj_att_;
  std::vector<std::uint32_t> obj_level_;  // objective -> level (npos: alignment cycle)
  bool reverse_built_ = false;            // build_reverse() ran
  std::vector<std::uint32_t> series_at_, series_rows_;             // series -> KR / nkr + KPI rows
  std::vector<std::uint32_t> kpi_csf_at_, kpi_csf_;                // KPI -> CSFs
  std::vector<std::uint32_t> cascade_parent_at_, cascade_parent_;  // KR -> KRs cascading from it
  std::vector<std::uint8_t> in_cascade_;  // key result cascades or is cascaded
  std::vector<CurrentValue> kr_values_;
  std::vector<std::uint8_t> kr_state_;  // 0 todo, 1 in progress, 2 done
  std::size_t progress_total_ = 0;
  std::atomic<std::size_t> progress_done_{0};
  std::size_t progress_reported_ = 0;  // guarded by progress_mutex_
  std::mutex progress_mutex_;
};

}  // namespace

namespace detail {
/// The evaluator of a live scorecard, kept for Scorecard::update().
class LiveEvaluator : public Evaluator {
 public:
  using Evaluator::Evaluator;
};
}  // namespace detail

Scorecard evaluate(const Model& model, const SeriesStore& series, Date as_of,
                   const EvaluateOptions& options) {
  auto ev = std::make_shared<detail::LiveEvaluator>(model, series, as_of, options);
  Scorecard sc = ev->run();
  sc.index_ = ev->take_index();  // keyed by the same ids as the rows
  sc.live_.state = std::move(ev);
  return sc;
}

UpdateResult Scorecard::update(Model& model, SeriesStore& store, const ScorecardChanges& changes) {
  detail::LiveEvaluator* ev = live_.state.get();
  if (!ev)
    throw DomainError(
        "Scorecard::update: this scorecard is a copy (or was not made by evaluate()); only the "
        "scorecard evaluate() returned can be updated");
  if (ev->model() != &model || ev->store() != &store)
    throw DomainError(
        "Scorecard::update: pass the model and the series store this scorecard was evaluated "
        "from");
  // Check everything before changing anything.
  std::vector<std::uint32_t> krs;
  for (const auto& c : changes.checkins) {
    std::uint32_t k = static_cast<std::uint32_t>(-1);
    for (std::size_t i = 0; i < model.key_results.size(); ++i)
      if (model.key_results[i].id == c.key_result) {
        k = static_cast<std::uint32_t>(i);
        break;
      }
    if (k == static_cast<std::uint32_t>(-1))
      throw DomainError("Scorecard::update: check-in for '" + c.key_result +
                        "', which is not a key result of the model");
    krs.push_back(k);
  }
  if (changes.duplicates == DuplicatePolicy::error) {
    for (std::size_t i = 0; i < changes.measurements.size(); ++i) {
      const auto& m = changes.measurements[i];
      const DayNumber day = to_day_number(m.date);
      bool dup = false;
      if (auto s = store.find(m.series)) {
        const SeriesView v = store.view(*s);
        dup = std::binary_search(v.days, v.days + v.size, day);
      }
      for (std::size_t j = 0; j < i && !dup; ++j)
        dup = changes.measurements[j].series == m.series && changes.measurements[j].date == m.date;
      if (dup)
        throw DomainError("Scorecard::update: series '" + m.series + "' already has a row for " +
                          format_date(m.date) +
                          ": remove one, or choose how to combine them with duplicates="
                          "last|first|sum");
    }
  }
  if (changes.duplicates == DuplicatePolicy::mean)
    throw DomainError(
        "Scorecard::update: duplicates=mean cannot combine an appended row (the store keeps no "
        "count of the rows behind a value); use last, first or sum");
  const bool had_ratio = store.has_ratio_columns();
  const std::size_t notes_before = store.notes().size();
  bool full = false;
  std::vector<std::size_t> series;
  for (const auto& m : changes.measurements) {
    const AppendResult r =
        store.append(m.series, m.date, m.value, m.numerator, m.denominator, changes.duplicates);
    full |= r.new_series;
    if (r.changed) series.push_back(r.series);
  }
  for (std::size_t i = 0; i < changes.checkins.size(); ++i)
    model.key_results[krs[i]].checkins.push_back(changes.checkins[i].checkin);
  full |= store.has_ratio_columns() != had_ratio || ev->invalid();
  // A reconciled outlook rewrites every node of the hierarchy from all the
  // forecasts together (reconcile_outlook()): evaluate again in full.
  full |= ev->options().outlook && ev->options().reconcile != OutlookReconcile::none;
  // A key result scored by its KPIs' achievement depends on their series,
  // which the incremental path does not trace: evaluate again in full.
  full |= std::any_of(model.key_results.begin(), model.key_results.end(),
                      [](const KeyResult& k) { return k.scoring == KrScoring::tracked_by; });
  if (!full && !changes.checkins.empty() && ev->options().validate_model)
    full = looks_invalid(model);
  UpdateResult out;
  if (full) {
    EvaluateOptions opt = ev->options();
    opt.on_progress = nullptr;  // the caller's callback may be long gone
    *this = evaluate(model, store, ev->as_of(), opt);
    out.full = true;
    out.rescored = nodes.size();
    return out;
  }
  std::sort(series.begin(), series.end());
  series.erase(std::unique(series.begin(), series.end()), series.end());
  out.rescored = ev->rescore(nodes, index_, cycles, series, krs);
  // evaluate() puts the store's notes (duplicates-resolved) first among the
  // card's diagnostics: the appends' notes join the earlier ones there.
  const auto& notes = store.notes();
  if (notes.size() > notes_before && diagnostics.size() >= notes_before)
    diagnostics.insert(diagnostics.begin() + static_cast<std::ptrdiff_t>(notes_before),
                       notes.begin() + static_cast<std::ptrdiff_t>(notes_before), notes.end());
  return out;
}

// HistoryEvaluator (scoring/history.hpp) keeps one Evaluator: prepare() once,
// score_all() per date on the same rows.
struct HistoryEvaluator::Impl {
  Impl(const Model& m, const SeriesStore& s, const EvaluateOptions& o)
      : options(o), ev(m, s, Date(), options) {}
  EvaluateOptions options;
  Evaluator ev;
  bool prepared = false;
};

HistoryEvaluator::HistoryEvaluator(const Model& model, const SeriesStore& series,
                                   const EvaluateOptions& options)
    : impl_(std::make_unique<Impl>(model, series, options)) {}
HistoryEvaluator::~HistoryEvaluator() = default;
HistoryEvaluator::HistoryEvaluator(HistoryEvaluator&&) noexcept = default;
HistoryEvaluator& HistoryEvaluator::operator=(HistoryEvaluator&&) noexcept = default;

const Scorecard& HistoryEvaluator::at(Date as_of) {
  if (as_of.is_special()) throw DomainError("evaluate_history: an as-of date is not a date");
  Evaluator& ev = impl_->ev;
  ev.set_as_of(as_of);
  if (!impl_->prepared) {
    ev.prepare();
    ev.scorecard().index_ = ev.index();  // rows keep their ids from date to date
    impl_->prepared = true;
  }
  ev.score_all();
  return ev.scorecard();
}

}  // namespace okrkit
