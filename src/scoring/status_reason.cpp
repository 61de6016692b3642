// okrkit — reason texts of statuses (status_reason.hpp, docs/scoring.md "Reasons").
#include "okrkit/scoring/status_reason.hpp"

#include <cmath>
#include <cstdio>
#include <string>
#include "okrkit/detail/format_number.hpp"

namespace okrkit {
namespace {

// Progress-like numbers: two decimals ("0.47"), as the table's percentages.
std::string f2(double x) { return detail::format_fixed(x, 2); }

// Measured values: six significant digits ("61000", "0.0815").
std::string g6(double x) { return detail::format_general(x); }

// "the expectation 0.67" / "the aspirational expectation 0.47 (0.70 x plan 0.67)"
std::string expectation(double planned, double success) {
  const double ex = success * planned;
  if (success == 1.0) return "the expectation " + f2(ex);
  return "the aspirational expectation " + f2(ex) + " (" + f2(success) + " x plan " + f2(planned) +
         ")";
}

std::string level(double success) {
  return success == 1.0 ? "the target" : "the aspirational success level " + f2(success);
}

}  // namespace

std::string pace_reason(Status s, double p, double planned, const StatusRule& rule, bool past_due,
                        double success) {
  if (std::isnan(p)) return "no data";
  if (s == Status::done && p >= 1.0) return "done: progress " + f2(p) + " reached the target";
  if (past_due)
    return "past due: progress " + f2(p) + (s == Status::done ? " reached " : " below ") +
           level(success);
  if (std::isnan(planned)) {
    if (rule.kind != StatusRuleKind::gap) return "no expected progress (no start / due date)";
    return "no expected progress: absolute signal, progress " + f2(p) +
           (s == Status::on_track    ? " at or above " + f2(rule.absolute_green) + " (green)"
            : s == Status::off_track ? " below " + f2(rule.absolute_red) + " (red)"
                                     : " between " + f2(rule.absolute_red) + " and " +
                                           f2(rule.absolute_green) + " (amber)");
  }
  const double ex = success * planned;
  if (rule.kind == StatusRuleKind::ratio) {
    if (!(ex > 0)) return "nothing expected yet: " + expectation(planned, success);
    const std::string pace = "pace " + f2(p / ex) + " of " + expectation(planned, success);
    switch (s) {
      case Status::on_track:
        return pace + ": on track from " + f2(rule.on_track_ratio);
      case Status::behind:
        return pace + ": behind from " + f2(rule.behind_ratio) + ", on track from " +
               f2(rule.on_track_ratio);
      default:
        return pace + ": below " + f2(rule.behind_ratio);
    }
  }
  if (rule.kind == StatusRuleKind::gap) {
    // "progress 0.35 is 25 points behind the expectation 0.60: amber above 10, red above 25"
    const double g = points_behind(p, ex);
    std::string r = "progress " + f2(p) + " is " +
                    (g > 0 ? g6(g) + " points behind " : "not behind ") +
                    expectation(planned, success) + ": ";
    r += s == Status::off_track ? "red above " + g6(rule.pace_red_gap) + " points"
         : s == Status::at_risk ? "amber above " + g6(rule.pace_amber_gap) + ", red above " +
                                      g6(rule.pace_red_gap) + " points"
                                : "green up to " + g6(rule.pace_amber_gap) + " points";
    return r;
  }
  const std::string prog = "progress " + f2(p);
  if (s == Status::on_track)
    return p >= ex ? prog + " at or above " + expectation(planned, success)
                   : prog + " within " + f2(rule.tol) + " of " + expectation(planned, success);
  return prog + " is " + f2(ex - p) + " below " + expectation(planned, success) +
         (s == Status::at_risk ? " (tolerance " + f2(rule.tol) + ")"
                               : " (more than 2 x tolerance " + f2(rule.tol) + ")");
}

std::string forecast_reason(Status s, double projected_p, double success) {
  if (std::isnan(projected_p)) return "no forecast";
  return "forecast: projected progress " + f2(projected_p) + " at the due date against " +
         level(success) + " (" + to_string(s) + ")";
}

std::string kpi_health_reason(Health h, double v, const KpiDefaults* defaults, double achievement) {
  if (std::isnan(v)) return "no data";
  if (h == Health::none) return "value " + g6(v) + ": no thresholds and no target";
  if (defaults)
    return "value " + g6(v) + ": health " + to_string(h) +
           " by the default thresholds (achievement " + f2(achievement) + "; green from " +
           f2(defaults->green) + ", yellow from " + f2(defaults->yellow) + ")";
  return "value " + g6(v) + ": health " + to_string(h) + " by the thresholds";
}

std::string band_reason(Health h, double score, const BandLimits& bands) {
  if (std::isnan(score) || h == Health::none) return "no data";
  return "score " + f2(score) + ": " + to_string(h) + " band (yellow from " + f2(bands.yellow) +
         ", green from " + f2(bands.green) + ")";
}

std::string weakest_child_reason(Status s) {
  return s == Status::no_data ? "no child has data" : "weakest child status (" + to_string(s) + ")";
}

}  // namespace okrkit
