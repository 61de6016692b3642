// okrkit — linear trend (include/okrkit/trend/linear_trend.hpp).
#include <okrkit/trend/linear_trend.hpp>

#include <cmath>
#include <cstddef>
#include <limits>
#include <string>

#include <okrkit/detail/distributions.hpp>

#include "trend/trend_common.hpp"

namespace okrkit {

namespace detail {
namespace {
LinearFit ols_compacted(const char* fn, const Compacted& c, double confidence) {
  const std::size_t n = c.y.size();
  if (n < 3) throw_too_short(fn, n, 3, "non-missing values");
  if (!(confidence > 0.0 && confidence < 1.0))
    throw DomainError(std::string(fn) + ": confidence must be in (0, 1)");
  // Centre first, then sum products of the centred values with compensation:
  // values near 1e9 that vary in the 6th digit keep all their information.
  const double tm = accurate_mean(c.t.data(), n), ym = accurate_mean(c.y.data(), n);
  CompensatedSum sxx, sxy, syy;
  for (std::size_t i = 0; i < n; ++i) {
    const double dt = c.t[i] - tm, dy = c.y[i] - ym;
    sxx.add(dt * dt);
    sxy.add(dt * dy);
    syy.add(dy * dy);
  }
  const double Sxx = sxx.value(), Sxy = sxy.value(), Syy = syy.value();
  if (!(Sxx > 0.0)) throw DomainError(std::string(fn) + ": all times are equal");
  LinearFit f;
  f.n = n;
  f.dropped = c.dropped;
  f.confidence = confidence;
  f.slope = Sxy / Sxx;
  f.intercept = ym - f.slope * tm;
  // SSE from the residuals themselves, not Syy − slope·Sxy (which cancels
  // catastrophically when R² is close to 1, as in NIST's Norris data).
  CompensatedSum sse;
  for (std::size_t i = 0; i < n; ++i) {
    const double e = (c.y[i] - ym) - f.slope * (c.t[i] - tm);
    sse.add(e * e);
  }
  f.residual_ss = sse.value();
  // Convention (as scikit-learn's r2_score): a perfect fit has R² = 1, also
  // when there is no variation to explain (constant series).
  f.r_squared = f.residual_ss == 0.0 ? 1.0 : (Syy > 0.0 ? 1.0 - f.residual_ss / Syy : 0.0);
  const double df = static_cast<double>(n) - 2.0;
  f.residual_sd = std::sqrt(f.residual_ss / df);
  f.slope_se = f.residual_sd / std::sqrt(Sxx);
  f.intercept_se = f.residual_sd * std::sqrt(1.0 / static_cast<double>(n) + tm * tm / Sxx);
  if (f.slope_se > 0.0) {
    f.t_value = f.slope / f.slope_se;
    f.p_value = student_t_two_sided_p(f.t_value, df);
  } else if (f.slope == 0.0) {
    f.t_value = 0.0;  // a flat, exact line: no evidence of a slope
    f.p_value = 1.0;
  } else {
    f.t_value = std::copysign(std::numeric_limits<double>::infinity(), f.slope);
    f.p_value = 0.0;
  }
  const double q = student_t_quantile(0.5 + 0.5 * confidence, df);
  f.slope_low = f.slope - q * f.slope_se;
  f.slope_high = f.slope + q * f.slope_se;
  f.intercept_low = f.intercept - q * f.intercept_se;
  f.intercept_high = f.intercept + q * f.intercept_se;
  return f;
}
}  // namespace
}  // namespace detail

LinearFit linear_trend(const double* y, std::size_t n, double confidence) {
  return detail::ols_compacted("linear_trend", detail::compact("linear_trend", nullptr, y, n),
                               confidence);
}

LinearFit linear_trend(const double* t, const double* y, std::size_t n, double confidence) {
  return detail::ols_compacted("linear_trend", detail::compact("linear_trend", t, y, n),
                               confidence);
}

LinearFit linear_trend(Values y, double confidence) {
  return linear_trend(y.data(), y.size(), confidence);
}

LinearFit linear_trend(Values t, Values y, double confidence) {
  if (t.size() != y.size()) throw DomainError("linear_trend: t and y differ in length");
  return linear_trend(t.data(), y.data(), y.size(), confidence);
}

}  // namespace okrkit
