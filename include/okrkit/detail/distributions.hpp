// okrkit — the few distribution functions the trend and forecast statistics
// need (internal): standard normal CDF / quantile and Student t CDF / quantile.
//
// Declarations only: the definitions call Boost.Math and are compiled into the
// library (src/detail/distributions.cpp), so a file that includes okrkit does
// not parse Boost.Math. There is one normal quantile in the library, this one.
// Accuracy (tests/cpp/detail/test_distributions.cpp, against scipy): normal
// quantile within 1e-15 relative over (0, 1) tails included, Student t within
// 1e-12. Every function is thread-safe (no global state such as lgamma's
// signgam), never throws, and returns NaN for arguments outside its domain.
#pragma once

namespace okrkit::detail {

/// Standard normal CDF Φ(x); keeps its relative accuracy in the lower tail.
double normal_cdf(double x) noexcept;

/// Upper tail 1 − Φ(x) without cancellation.
double normal_sf(double x) noexcept;

/// Standard normal quantile Φ⁻¹(p); −inf at 0, +inf at 1, NaN outside [0, 1].
double normal_quantile(double p) noexcept;

/// Student t CDF P(T ≤ t) with df > 0 degrees of freedom (df need not be an
/// integer); the tail it returns keeps its relative accuracy.
double student_t_cdf(double t, double df) noexcept;

/// Two-sided p-value P(|T| ≥ |t|), without forming 1 − cdf.
double student_t_two_sided_p(double t, double df) noexcept;

/// Student t quantile: the t with P(T ≤ t) = p; ±inf at 1 / 0.
double student_t_quantile(double p, double df) noexcept;

}  // namespace okrkit::detail
