// Tests of status_reason.hpp: each status rule's reason text, with the numbers
// worked out by hand beside each case (docs/scoring.md "Reasons").
#include <catch2/catch.hpp>

#include <okrkit/scoring/status_reason.hpp>

#include <cmath>
#include <limits>

using namespace okrkit;

namespace {
const double nan_ = std::numeric_limits<double>::quiet_NaN();

// The reason of whatever status_of() decides, as evaluate() pairs them.
std::string pace(double p, double e, const StatusRule& r = {}, bool past_due = false,
                 double success = 1.0) {
  return pace_reason(status_of(p, e, r, past_due, success), p, e, r, past_due, success);
}
}  // namespace

TEST_CASE("pace_reason: tolerance rule, committed and aspirational") {
  // e = 2/3, p = 0.55: 0.55 >= 0.667 - 0.1 = 0.567? no; >= 0.467: at risk, 0.12 below
  CHECK(pace(0.55, 2.0 / 3) == "progress 0.55 is 0.12 below the expectation 0.67 (tolerance 0.10)");
  // p = 0.60 >= 0.567: on track, within the tolerance
  CHECK(pace(0.60, 2.0 / 3) == "progress 0.60 within 0.10 of the expectation 0.67");
  // p = 0.40 < 0.467: off track, 0.27 below
  CHECK(pace(0.40, 2.0 / 3) ==
        "progress 0.40 is 0.27 below the expectation 0.67 (more than 2 x tolerance 0.10)");
  // aspirational: 0.7 x 2/3 = 0.467; p = 0.414 (29/70) >= 0.367: on track
  CHECK(pace(29.0 / 70, 2.0 / 3, {}, false, 0.7) ==
        "progress 0.41 within 0.10 of the aspirational expectation 0.47 (0.70 x plan 0.67)");
  CHECK(pace(0.55, 2.0 / 3, {}, false, 0.7) ==
        "progress 0.55 at or above the aspirational expectation 0.47 (0.70 x plan 0.67)");
}

TEST_CASE("pace_reason: ratio rule") {
  StatusRule r;
  r.kind = StatusRuleKind::ratio;
  // e = 0.4, p = 0.14: r = 0.35 < 0.4 -> at risk
  CHECK(pace(0.14, 0.4, r) == "pace 0.35 of the expectation 0.40: below 0.40");
  // p = 0.2: r = 0.5 -> behind
  CHECK(pace(0.2, 0.4, r) ==
        "pace 0.50 of the expectation 0.40: behind from 0.40, on track from 0.70");
  // p = 0.3: r = 0.75 -> on track
  CHECK(pace(0.3, 0.4, r) == "pace 0.75 of the expectation 0.40: on track from 0.70");
  CHECK(pace(0.0, 0.0, r) == "nothing expected yet: the expectation 0.00");
}

TEST_CASE("pace_reason: done, past due, no data, no dates") {
  CHECK(pace(1.05, 0.5) == "done: progress 1.05 reached the target");
  CHECK(pace(0.75, 1.0, {}, true, 0.7) ==
        "past due: progress 0.75 reached the aspirational success level 0.70");
  CHECK(pace(0.5, 1.0, {}, true) == "past due: progress 0.50 below the target");
  CHECK(pace(nan_, 0.5) == "no data");
  CHECK(pace(0.5, nan_) == "no expected progress (no start / due date)");
}

TEST_CASE("other reasons: forecast, KPI health, bands, weakest child") {
  // projected 0.95 >= 1 - 0.1: on track
  CHECK(forecast_reason(forecast_status(0.95), 0.95, 1.0) ==
        "forecast: projected progress 0.95 at the due date against the target (on_track)");
  CHECK(forecast_reason(Status::no_data, nan_, 1.0) == "no forecast");
  CHECK(kpi_health_reason(Health::yellow, 2.6) == "value 2.6: health yellow by the thresholds");
  CHECK(kpi_health_reason(Health::none, nan_) == "no data");
  CHECK(kpi_health_reason(Health::none, 5) == "value 5: no thresholds and no target");
  CHECK(band_reason(Health::green, 0.84, {}) ==
        "score 0.84: green band (yellow from 0.40, green from 0.70)");
  CHECK(band_reason(Health::none, nan_, {}) == "no data");
  CHECK(weakest_child_reason(Status::at_risk) == "weakest child status (at_risk)");
  CHECK(weakest_child_reason(Status::no_data) == "no child has data");
}
