// okrkit — grade scales: Google 0-1 bands, percent, the 0-10 goal/red-flag
// scale, rating bands, ordered evaluation rules, and threshold kinds graded
// over several periods (latest / average / worst). docs/scoring.md "Grades".
#pragma once

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "okrkit/model/model.hpp"
#include "okrkit/scoring/progress.hpp"

namespace okrkit {

/// Traffic-light band of a 0-1 score.
enum class Band { red, yellow, green };

/// Band limits: red < yellow <= yellow band < green <= green band.
struct BandLimits {
  double yellow = 0.4;  ///< lowest yellow score
  double green = 0.7;   ///< lowest green score
};

/// Google-style band of a 0-1 score: red < 0.4 <= yellow < 0.7 <= green.
/// nullopt for NaN.
inline std::optional<Band> google_band(double score, BandLimits lim = {}) noexcept {
  if (std::isnan(score)) return std::nullopt;
  if (score >= lim.green) return Band::green;
  if (score >= lim.yellow) return Band::yellow;
  return Band::red;
}

/// A 0-1 score as a percentage (0.5 -> 50). NaN stays NaN.
inline double to_percent(double score) noexcept { return 100.0 * score; }

/// The 0-10 goal / red-flag scale: linear in v, 10/3 (3.33) at the red flag,
/// 20/3 (6.67) at the goal, so 0 at RF - (G - RF) and 10 at G + (G - RF);
/// clamped to [0, 10]. goal < red_flag means lower is better (the same formula
/// runs the other way). goal == red_flag or a NaN input: NaN and a diagnostic.
inline double goal_red_flag_score(double v, double goal, double red_flag,
                                  Diagnostics* out = nullptr) {
  if (std::isnan(v) || std::isnan(goal) || std::isnan(red_flag)) {
    detail::report(out, Severity::warning, "missing-value", "goal/red-flag score of a NaN");
    return nan_value;
  }
  if (goal == red_flag) {
    detail::report(out, Severity::error, "empty-scale", "goal equals red flag");
    return nan_value;
  }
  const double s = 10.0 / 3.0 + (10.0 / 3.0) * (v - red_flag) / (goal - red_flag);
  return std::clamp(s, 0.0, 10.0);
}

/// One rating band: scores >= min (and below the next band's min) get `rating`.
struct RatingBand {
  double min = 0.0;
  double rating = 0.0;
  std::string label;
};

/// Configurable rating bands, e.g. 1-5 over attainment. Bands in any order.
struct RatingScale {
  std::vector<RatingBand> bands;

  /// The usual 1-5 scale over a 0-1 score: [0, .2) 1, [.2, .4) 2, [.4, .6) 3,
  /// [.6, .8) 4, [.8, inf) 5.
  static RatingScale one_to_five() {
    return RatingScale{{{-std::numeric_limits<double>::infinity(), 1, "1 unsatisfactory"},
                        {0.2, 2, "2 needs improvement"},
                        {0.4, 3, "3 meets expectations"},
                        {0.6, 4, "4 exceeds expectations"},
                        {0.8, 5, "5 outstanding"}}};
  }
  /// The band of `score`: the one with the highest min <= score; nullopt for
  /// NaN or a score below every band.
  std::optional<RatingBand> rate(double score) const {
    if (std::isnan(score)) return std::nullopt;
    const RatingBand* best = nullptr;
    for (const auto& b : bands)
      if (score >= b.min && (!best || b.min > best->min)) best = &b;
    if (!best) return std::nullopt;
    return *best;
  }
};

/// Comparison of an evaluation rule.
enum class Comparison { ge, gt, le, lt, always };

/// "label if v <op> factor * t + offset": e.g. {ge, 0.9, 0, "caution"}.
struct EvaluationRule {
  Comparison op = Comparison::ge;
  double factor = 1.0;
  double offset = 0.0;
  std::string label;

  /// Does value v with target t satisfy the rule? NaN never does (except `always`).
  bool matches(double v, double t) const noexcept {
    const double lim = factor * t + offset;
    switch (op) {
      case Comparison::ge:
        return v >= lim;
      case Comparison::gt:
        return v > lim;
      case Comparison::le:
        return v <= lim;
      case Comparison::lt:
        return v < lim;
      case Comparison::always:
        return true;
    }
    return false;
  }
};

/// Ordered evaluation rules: the label of the first rule that matches, or
/// nullopt. A NaN value or target gives nullopt and a diagnostic (a catch-all
/// `always` rule does not turn missing data into a grade).
inline std::optional<std::string> evaluate_rules(const std::vector<EvaluationRule>& rules, double v,
                                                 double t, Diagnostics* out = nullptr) {
  if (std::isnan(v) || std::isnan(t)) {
    detail::report(out, Severity::warning, "missing-value", "evaluation rules on a NaN");
    return std::nullopt;
  }
  for (const auto& r : rules)
    if (r.matches(v, t)) return r.label;
  return std::nullopt;
}

/// A threshold kind graded over several periods.
struct PeriodGrade {
  double progress = nan_value;  ///< the grade: progress of the chosen period(s)
  double value = nan_value;     ///< the value behind it (mean value for `average`)
  std::size_t periods = 0;      ///< periods with data
  bool incomplete = false;      ///< some periods had no data (NaN) and were skipped
};

/// Grade a target over per-period values (oldest first): `latest` grades the
/// last period with data; `average` the mean of the per-period progress (so a
/// range KPI too high one month and too low the next does not average out to
/// perfect); `worst` the period with the lowest progress. NaN periods are
/// skipped and reported; no data at all gives NaN and a diagnostic.
inline PeriodGrade grade_over_periods(const Target& tg, const std::vector<double>& values,
                                      GradeOver how, Diagnostics* out = nullptr) {
  PeriodGrade g;
  double sum_p = 0, sum_v = 0;
  for (double v : values) {
    if (std::isnan(v)) {
      g.incomplete = true;
      continue;
    }
    const double p = progress(tg, v, out);
    if (std::isnan(p)) return g;  // unscorable target: already reported
    ++g.periods;
    sum_p += p;
    sum_v += v;
    if (how == GradeOver::latest || (how == GradeOver::worst && !(g.progress <= p))) {
      g.progress = p;
      g.value = v;
    }
  }
  if (g.periods == 0) {
    detail::report(out, Severity::warning, "missing-value", "no period has a value");
    return g;
  }
  if (how == GradeOver::average) {
    g.progress = sum_p / static_cast<double>(g.periods);
    g.value = sum_v / static_cast<double>(g.periods);
  }
  if (g.incomplete)
    detail::report(out, Severity::info, "incomplete", "periods without data were skipped");
  return g;
}

namespace detail {
template <>
struct enum_names<Band> {
  static constexpr std::array<std::pair<Band, std::string_view>, 3> names{
      {{Band::red, "red"}, {Band::yellow, "yellow"}, {Band::green, "green"}}};
};
template <>
struct enum_names<Comparison> {
  static constexpr std::array<std::pair<Comparison, std::string_view>, 5> names{
      {{Comparison::ge, ">="},
       {Comparison::gt, ">"},
       {Comparison::le, "<="},
       {Comparison::lt, "<"},
       {Comparison::always, "always"}}};
};
}  // namespace detail

}  // namespace okrkit
