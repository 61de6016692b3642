// okrkit — evaluate_history() and the as-of dates of a cycle (history.hpp).
// HistoryEvaluator itself is defined in src/scoring/scorecard.cpp, beside
// the Evaluator it reuses.
#include "okrkit/scoring/history.hpp"

#include <string>
#include <utility>

#include "okrkit/core/error.hpp"
#include "okrkit/time/period.hpp"

namespace okrkit {

void evaluate_history(const Model& model, const SeriesStore& series, const std::vector<Date>& dates,
                      const EvaluateOptions& options,
                      const std::function<void(const Scorecard&)>& each) {
  for (const Date& d : dates)
    if (d.is_special()) throw DomainError("evaluate_history: an as-of date is not a date");
  if (dates.empty()) return;
  HistoryEvaluator h(model, series, options);
  for (const Date& d : dates) each(h.at(d));
}

std::vector<Scorecard> evaluate_history(const Model& model, const SeriesStore& series,
                                        const std::vector<Date>& dates,
                                        const EvaluateOptions& options) {
  std::vector<Scorecard> out;
  out.reserve(dates.size());
  evaluate_history(model, series, dates, options, [&](const Scorecard& sc) { out.push_back(sc); });
  return out;
}

std::optional<HistoryStep> parse_history_step(std::string_view text) {
  if (text == "weekly") return HistoryStep::weekly;
  if (text == "monthly") return HistoryStep::monthly;
  return std::nullopt;
}

std::vector<Date> history_dates(const Model& model, HistoryStep step, std::string_view cycle) {
  const Cycle* c = nullptr;
  if (cycle.empty()) {
    if (model.cycles.size() != 1)
      throw DomainError(model.cycles.empty()
                            ? "history dates: the model has no cycle; give the as-of dates instead"
                            : "history dates: the model has " +
                                  std::to_string(model.cycles.size()) +
                                  " cycles; name one (its id or period label)");
    c = &model.cycles.front();
  } else {
    for (const auto& x : model.cycles)
      if (x.id == cycle || (!x.period.empty() && x.period == cycle)) {
        c = &x;
        break;
      }
    if (!c) throw DomainError("history dates: no cycle '" + std::string(cycle) + "' in the model");
  }
  Date start = c->start, end = c->end;
  if ((start.is_special() || end.is_special()) && !c->period.empty()) {
    try {
      const Period p = parse_period(c->period);
      if (start.is_special()) start = p.start();
      if (end.is_special()) end = p.end();
    } catch (const Error&) {
      // reported below as unknown dates
    }
  }
  if (start.is_special() || end.is_special() || end < start)
    throw DomainError("history dates: cycle '" + c->id +
                      "' has no usable start and end dates; give the as-of dates instead");
  std::vector<Date> out;
  if (step == HistoryStep::weekly) {
    for (Date d = start; d <= end; d += boost::gregorian::days(7)) out.push_back(d);
  } else {
    out.push_back(start);
    Date d(start.year(), start.month(), 1);
    for (;;) {
      d = d.month() == 12 ? Date(static_cast<unsigned short>(d.year() + 1), 1, 1)
                          : Date(d.year(), static_cast<unsigned short>(d.month() + 1), 1);
      if (d > end) break;
      out.push_back(d);
    }
  }
  if (out.back() != end) out.push_back(end);
  return out;
}

}  // namespace okrkit
