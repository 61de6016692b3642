// okrkit — evaluate_history(): the scorecard at many as-of dates (a quarter's
// weekly check-ins, month ends) for burn-up plots and reviews.
//
// Why not N calls of evaluate(): most of an evaluation does not depend on the
// as-of date (the rows, every id reference resolved, formulas compiled, the
// alignment levels). HistoryEvaluator does that once and then re-scores the
// same rows at each date; only the date-dependent work runs again (values as
// of the date, expected progress, statuses, roll-ups). Every scorecard is
// identical, field for field and bit for bit, to evaluate() at that date
// (tests/cpp/scoring/test_history.cpp checks it on random organisations).
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "okrkit/model/model.hpp"
#include "okrkit/scoring/scorecard.hpp"
#include "okrkit/series/series.hpp"
#include "okrkit/time/date.hpp"

namespace okrkit {

/// Scores one model and store at successive as-of dates, reusing everything
/// that does not depend on the date. The model, store and options are read
/// at every call: keep them alive and unchanged. One instance is not meant
/// for several threads at once (use one per thread).
class HistoryEvaluator {
 public:
  HistoryEvaluator(const Model& model, const SeriesStore& series,
                   const EvaluateOptions& options = {});
  ~HistoryEvaluator();
  HistoryEvaluator(HistoryEvaluator&&) noexcept;
  HistoryEvaluator& operator=(HistoryEvaluator&&) noexcept;
  HistoryEvaluator(const HistoryEvaluator&) = delete;
  HistoryEvaluator& operator=(const HistoryEvaluator&) = delete;

  /// The scorecard at `as_of` (dates in any order), equal to
  /// evaluate(model, series, as_of, options). The reference is valid until
  /// the next call: copy it to keep it. Throws DomainError for an
  /// unfinalized store or a date that is not a date.
  const Scorecard& at(Date as_of);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// Calls `each(scorecard)` at every date of `dates`, in the given order; the
/// scorecard passed is valid during the call only. The cheap form for many
/// dates on a large model (nothing is kept).
void evaluate_history(const Model& model, const SeriesStore& series, const std::vector<Date>& dates,
                      const EvaluateOptions& options,
                      const std::function<void(const Scorecard&)>& each);

/// The scorecards at `dates`, in the given order.
std::vector<Scorecard> evaluate_history(const Model& model, const SeriesStore& series,
                                        const std::vector<Date>& dates,
                                        const EvaluateOptions& options = {});

/// How history_dates() steps through a cycle.
enum class HistoryStep {
  weekly,   ///< the cycle start, then every 7 days, and the cycle end
  monthly,  ///< the cycle start, the first day of every later month, and the cycle end
};

/// "weekly" / "monthly"; nullopt for anything else.
std::optional<HistoryStep> parse_history_step(std::string_view text);

/// As-of dates across a cycle: from its start to its end (both included),
/// weekly or monthly (HistoryStep). `cycle` names the cycle (its id or period
/// label); empty = the model's only cycle. Throws DomainError when the
/// cycle is unknown, when the model has several cycles and none is named, or
/// when the cycle's dates are unknown (no start / end and no period label).
std::vector<Date> history_dates(const Model& model, HistoryStep step, std::string_view cycle = {});

}  // namespace okrkit
