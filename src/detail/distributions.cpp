// okrkit — distribution functions (include/okrkit/detail/distributions.hpp),
// computed by Boost.Math.
//
// Policy: no exceptions (errors return NaN or ±inf, as the header promises),
// and no promotion of double to long double inside Boost. Measured on the
// machine of docs/performance.md (Boost 1.74, g++ -O2, per call): promoting
// makes the two-sided t p-value 6x slower (7.0 µs against 1.0 µs) and the t
// quantile 4.5x slower (13.6 µs against 3.0 µs), and both run once per series
// in linear_trend_rows. Without promotion the worst relative error against
// mpmath (50 digits) over the ranges the tests cover is 3.9e-16 for the
// normal quantile (p in [1e-300, 1 - 1e-16]), 6e-14 for the t CDF / p-value
// in the far tail (t = -29, df = 1000; the condition number of the CDF there
// is ~800) and 3e-14 for the t quantile (df = 4, p = 0.47, near the median
// where t is close to 0), all within the tests' tolerances.
#include "okrkit/detail/distributions.hpp"

#include <cmath>
#include <limits>

#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/students_t.hpp>
#include <boost/math/policies/policy.hpp>

namespace okrkit::detail {
namespace {

namespace bmp = boost::math::policies;
using Policy =
    bmp::policy<bmp::domain_error<bmp::ignore_error>, bmp::pole_error<bmp::ignore_error>,
                bmp::overflow_error<bmp::ignore_error>, bmp::underflow_error<bmp::ignore_error>,
                bmp::denorm_error<bmp::ignore_error>, bmp::evaluation_error<bmp::ignore_error>,
                bmp::rounding_error<bmp::ignore_error>,
                bmp::indeterminate_result_error<bmp::ignore_error>, bmp::promote_float<false>,
                bmp::promote_double<false>>;
using Normal = boost::math::normal_distribution<double, Policy>;
using StudentT = boost::math::students_t_distribution<double, Policy>;

constexpr double nan = std::numeric_limits<double>::quiet_NaN();
constexpr double sqrt1_2 = 0.70710678118654752440;  // 1/√2
constexpr double inf = std::numeric_limits<double>::infinity();

bool valid_df(double df) noexcept { return df > 0.0; }  // false for NaN

}  // namespace

// The normal CDF stays on std::erfc: boost::math::cdf(normal) is the same
// formula (erfc(-x/√2)/2) with Boost's erfc, equally accurate (worst relative
// error against mpmath for |x| <= 5: 3.2e-15 both, set by the rounding of
// x/√2) but twice as slow (97 ns against 49 ns per call, measured as above).
// x · (1/√2) rather than x / √2: equally accurate (mean relative error
// 2.6e-14 over [-37, 8.5] either way); this is the form the trend p-values
// always used, so they stay bit for bit as they were.
double normal_cdf(double x) noexcept { return 0.5 * std::erfc(-x * sqrt1_2); }

double normal_sf(double x) noexcept { return 0.5 * std::erfc(x * sqrt1_2); }

double normal_quantile(double p) noexcept {
  if (!(p >= 0.0 && p <= 1.0)) return nan;
  if (p == 0.0) return -inf;
  if (p == 1.0) return inf;
  return boost::math::quantile(Normal(), p);
}

double student_t_cdf(double t, double df) noexcept {
  if (std::isnan(t) || !valid_df(df)) return nan;
  if (std::isinf(t)) return t > 0 ? 1.0 : 0.0;
  return boost::math::cdf(StudentT(df), t);
}

double student_t_two_sided_p(double t, double df) noexcept {
  if (std::isnan(t) || !valid_df(df)) return nan;
  if (std::isinf(t)) return 0.0;
  const double p = 2.0 * boost::math::cdf(boost::math::complement(StudentT(df), std::fabs(t)));
  return p > 1.0 ? 1.0 : p;
}

double student_t_quantile(double p, double df) noexcept {
  if (!(p >= 0.0 && p <= 1.0) || !valid_df(df)) return nan;
  if (p == 0.0) return -inf;
  if (p == 1.0) return inf;
  if (p == 0.5) return 0.0;
  return boost::math::quantile(StudentT(df), p);
}

}  // namespace okrkit::detail
