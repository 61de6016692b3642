// okrkit — review(): what changed in an OKR cycle between two dates (two
// check-ins, or the quarter's start and end): status and health changes, the
// biggest movers, new risks, stale key results, items closed in the window,
// the cycle score then and now, and a burn-up per objective
// (docs/history-review.md "Review").
//
// Why a concern of its own: a review reads a whole window of the history
// (evaluate_history(), scoring/history.hpp) and compares scorecards; nothing
// in scoring/ needs it, and its writers (review_io.hpp) are layouts of these
// records only.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "okrkit/model/model.hpp"
#include "okrkit/scoring/scorecard.hpp"
#include "okrkit/series/series.hpp"
#include "okrkit/time/date.hpp"

namespace okrkit {

/// Options of review().
struct ReviewOptions {
  /// How the scorecards are computed. P(target) risks need the outlook
  /// (`evaluate.outlook = true`; `okrkit review` turns it on).
  EvaluateOptions evaluate;
  /// The cycle reviewed (id or period label); "" = the one cycle containing
  /// both dates of the window.
  std::string cycle;
  /// Movers listed each way (up and down).
  std::size_t top = 5;
  /// A key result or KPI whose P(target) was at or above this at the start
  /// and is below it at the end is a new risk.
  double risk_threshold = 0.5;
};

/// A status or health that differs between the start and the end.
struct ReviewChange {
  std::string node, title;
  NodeKind kind = NodeKind::key_result;
  std::string field;          ///< "status" or "health"
  std::string before, after;  ///< the names ("on_track", "red", ...)
  std::string reason;         ///< why it is `after` now (reason / health_reason at the end)
};

/// A score (attainment) that moved between the start and the end.
struct ReviewMover {
  std::string node, title;
  NodeKind kind = NodeKind::key_result;
  double before = nan_value, after = nan_value;
  double delta = nan_value;  ///< after - before
};

/// A new risk at the end of the window.
struct ReviewRisk {
  std::string node, title;
  NodeKind kind = NodeKind::key_result;
  /// "probability": P(target) fell from >= the threshold to below it;
  /// "red_kpi": a KPI's health became red.
  std::string risk;
  std::string before, after;  ///< the probabilities ("62%") or healths ("yellow", "red")
  double probability_before = nan_value, probability_after = nan_value;
  std::string reason;
};

/// An open key result without a check-in or measurement in the window.
struct ReviewStale {
  std::string node, title;
  std::string objective;
  std::optional<Date> last_update;  ///< latest check-in or measurement before the window, if any
  std::string reason;
};

/// An objective or key result closed (achieved, missed, abandoned) in the window.
struct ReviewClosed {
  std::string node, title;
  NodeKind kind = NodeKind::key_result;
  NodeState state = NodeState::achieved;
  Date closed_on;
  double final_score = nan_value;  ///< the frozen score (the scorecard's at the end)
  std::string note;
};

/// A cycle's score at the start and at the end.
struct ReviewCycle {
  std::string id;
  double before = nan_value, after = nan_value, delta = nan_value;
  std::string reason_before, reason_after;
};

/// One objective's burn-up: its score at weekly dates of the window, the
/// expected score at those dates, and (with the outlook) where its key
/// results' forecasts point at the cycle's end.
struct ReviewBurnup {
  std::string objective, title;
  std::vector<Date> dates;
  std::vector<double> actual;    ///< attainment at each date (NaN: not scored)
  std::vector<double> expected;  ///< expected progress at each date (NaN: none)
  /// The forecast fan from the window's end to `due` (cycle end): the
  /// weighted mean of the key results' projected progress at their due
  /// dates and the lowest / highest of them (the spread of the key results'
  /// projections, not a prediction interval); NaN without the outlook.
  Date due;
  double forecast = nan_value, forecast_low = nan_value, forecast_high = nan_value;
};

/// The result of review().
struct Review {
  Date from, to;
  std::string cycle;  ///< id of the cycle reviewed
  std::string model_name;
  std::size_t top = 5;
  double risk_threshold = 0.5;
  Scorecard before, after;  ///< the scorecards at `from` and `to`
  std::vector<ReviewChange> changes;
  std::vector<ReviewMover> movers_up;    ///< largest rise first, at most `top`
  std::vector<ReviewMover> movers_down;  ///< largest fall first, at most `top`
  std::vector<ReviewRisk> risks;
  std::vector<ReviewStale> stale;
  std::vector<ReviewClosed> closed;   ///< objectives, then key results, model order
  std::vector<ReviewCycle> cycles;    ///< the cycle reviewed
  std::vector<ReviewBurnup> burnups;  ///< one per objective of the cycle, model order
};

/// Review `model` over [from, to] (both included). The nodes reviewed are
/// the objectives of the cycle, their key results and the KPIs. The
/// scorecards come from one HistoryEvaluator at weekly dates from `from`
/// (and `to`), so the burn-ups cost little more than the two ends.
/// Throws DomainError naming the option for from > to, an unknown cycle, a
/// window not inside one cycle, a threshold outside [0, 1].
Review review(const Model& model, const SeriesStore& series, Date from, Date to,
              const ReviewOptions& options = {});

}  // namespace okrkit
