// okrkit — the few distribution functions the trend statistics need.
//
// Standard normal CDF / quantile and Student-t CDF / quantile, written out here
// so the core depends on nothing beyond the standard library. Accuracy goals
// (checked against scipy in tests/cpp/detail/test_distributions.cpp): normal functions
// to a few ulps, Student t to ~1e-13 relative, tails included.
#pragma once

#include <cmath>
#include <limits>

namespace okrkit::detail {

inline constexpr double sqrt1_2 = 0.70710678118654752440;  // 1/sqrt(2)
inline constexpr double ln_sqrt_2pi = 0.91893853320467274178;

/// log Γ(x), safe to call from several threads at once. std::lgamma stores
/// the sign of Γ(x) in the global `signgam` (POSIX), a data race when threads
/// compute p-values together (found by ThreadSanitizer in linear_trend_rows);
/// the reentrant lgamma_r of glibc and the BSDs/macOS does not.
inline double lgamma_threadsafe(double x) noexcept {
#if defined(__GLIBC__) || defined(__APPLE__) || defined(__FreeBSD__)
  int sign = 0;
  return ::lgamma_r(x, &sign);
#else
  return std::lgamma(x);  // MSVC's lgamma has no signgam
#endif
}

/// Standard normal density.
inline double normal_pdf(double x) noexcept {
  return std::exp(-0.5 * x * x - ln_sqrt_2pi);
}

/// Standard normal CDF Φ(x), via erfc so both tails keep their relative accuracy.
inline double normal_cdf(double x) noexcept { return 0.5 * std::erfc(-x * sqrt1_2); }

/// Upper tail 1 − Φ(x) without cancellation.
inline double normal_sf(double x) noexcept { return 0.5 * std::erfc(x * sqrt1_2); }

/// Wichura (1988) AS 241 PPND16, ~1e-16 relative, for p in (0, 0.5].
inline double normal_quantile_lower(double p) noexcept {
  const double q = p - 0.5;
  if (std::fabs(q) <= 0.425) {
    const double r = 0.180625 - q * q;
    return q *
           (((((((2.5090809287301226727e3 * r + 3.3430575583588128105e4) * r +
                 6.7265770927008700853e4) * r + 4.5921953931549871457e4) * r +
               1.3731693765509461125e4) * r + 1.9715909503065514427e3) * r +
             1.3314166789178437745e2) * r + 3.3871328727963666080e0) /
           (((((((5.2264952788528545610e3 * r + 2.8729085735721942674e4) * r +
                 3.9307895800092710610e4) * r + 2.1213794301586595867e4) * r +
               5.3941960214247511077e3) * r + 6.8718700749205790830e2) * r +
             4.2313330701600911252e1) * r + 1.0);
  }
  double r = std::sqrt(-std::log(p));
  double v;
  if (r <= 5.0) {
    r -= 1.6;
    v = (((((((7.74545014278341407640e-4 * r + 2.27238449892691845833e-2) * r +
              2.41780725177450611770e-1) * r + 1.27045825245236838258e0) * r +
            3.64784832476320460504e0) * r + 5.76949722146069140550e0) * r +
          4.63033784615654529590e0) * r + 1.42343711074968357734e0) /
        (((((((1.05075007164441684324e-9 * r + 5.47593808499534494600e-4) * r +
              1.51986665636164571966e-2) * r + 1.48103976427480074590e-1) * r +
            6.89767334985100004550e-1) * r + 1.67638483018380384940e0) * r +
          2.05319162663775882187e0) * r + 1.0);
  } else {
    r -= 5.0;
    v = (((((((2.01033439929228813265e-7 * r + 2.71155556874348757815e-5) * r +
              1.24266094738807843860e-3) * r + 2.65321895265761230930e-2) * r +
            2.96560571828504891230e-1) * r + 1.78482653991729133580e0) * r +
          5.46378491116411436990e0) * r + 6.65790464350110377720e0) /
        (((((((2.04426310338993978564e-15 * r + 1.42151175831644588870e-7) * r +
              1.84631831751005468180e-5) * r + 7.86869131145613259100e-4) * r +
            1.48753612908506148525e-2) * r + 1.36929880922735805310e-1) * r +
          5.99832206555887937690e-1) * r + 1.0);
  }
  return -v;
}

/// Standard normal quantile Φ⁻¹(p); ±inf at 0 / 1, NaN outside [0, 1].
/// AS 241 followed by one Newton step on the lower tail (where 1 − p is exact).
inline double normal_quantile(double p) noexcept {
  if (!(p >= 0.0 && p <= 1.0)) return std::numeric_limits<double>::quiet_NaN();
  if (p == 0.0) return -std::numeric_limits<double>::infinity();
  if (p == 1.0) return std::numeric_limits<double>::infinity();
  if (p > 0.5) return -normal_quantile(1.0 - p);  // 1 - p is exact for p >= 0.5
  double x = normal_quantile_lower(p);
  const double d = normal_pdf(x);
  if (d > 0.0) x -= (normal_cdf(x) - p) / d;
  return x;
}

/// log B(a, b), accurate also when one argument is large and the other small
/// (Student t with many degrees of freedom), where lgamma differences cancel.
inline double log_beta(double a, double b) noexcept {
  const double big = a > b ? a : b, small = a > b ? b : a;
  if (big < 20.0) return lgamma_threadsafe(a) + lgamma_threadsafe(b) - lgamma_threadsafe(a + b);
  // lgamma(big + small) - lgamma(big) by Stirling's series, written so that no
  // large terms cancel: (big - 1/2)·log1p(small/big) + small·log(big + small) - small.
  auto corr = [](double z) {  // Stirling correction terms of lgamma(z), z >= 20
    const double z2 = 1.0 / (z * z);
    return (1.0 / 12.0 - z2 * (1.0 / 360.0 - z2 * (1.0 / 1260.0 - z2 * (1.0 / 1680.0)))) / z;
  };
  const double diff = (big - 0.5) * std::log1p(small / big) + small * std::log(big + small) -
                      small + corr(big + small) - corr(big);
  return lgamma_threadsafe(small) - diff;
}

/// Regularized incomplete beta I_x(a, b), given both x and y = 1 − x (so callers
/// can pass whichever they computed without cancellation). Continued fraction
/// (Lentz's method, as in Numerical Recipes §6.4) on the side where it converges.
inline double incomplete_beta(double a, double b, double x, double y) noexcept {
  if (!(x >= 0.0 && y >= 0.0)) return std::numeric_limits<double>::quiet_NaN();
  if (x == 0.0) return 0.0;
  if (y == 0.0) return 1.0;
  auto cf = [](double a_, double b_, double x_) {
    constexpr double tiny = 1e-300, eps = 1e-16;
    const double qab = a_ + b_, qap = a_ + 1.0, qam = a_ - 1.0;
    double c = 1.0, d = 1.0 - qab * x_ / qap;
    if (std::fabs(d) < tiny) d = tiny;
    d = 1.0 / d;
    double h = d;
    for (int m = 1; m <= 100000; ++m) {
      const double m2 = 2.0 * m;
      double aa = m * (b_ - m) * x_ / ((qam + m2) * (a_ + m2));
      d = 1.0 + aa * d;
      if (std::fabs(d) < tiny) d = tiny;
      c = 1.0 + aa / c;
      if (std::fabs(c) < tiny) c = tiny;
      d = 1.0 / d;
      h *= d * c;
      aa = -(a_ + m) * (qab + m) * x_ / ((a_ + m2) * (qap + m2));
      d = 1.0 + aa * d;
      if (std::fabs(d) < tiny) d = tiny;
      c = 1.0 + aa / c;
      if (std::fabs(c) < tiny) c = tiny;
      d = 1.0 / d;
      const double del = d * c;
      h *= del;
      if (std::fabs(del - 1.0) < eps) break;
    }
    return h;
  };
  // log x via log1p(-y) when x is near 1: with a large (many degrees of
  // freedom) a·log(x) would otherwise carry a·eps of absolute error.
  const double lx = x > 0.5 ? std::log1p(-y) : std::log(x);
  const double ly = y > 0.5 ? std::log1p(-x) : std::log(y);
  const double front = std::exp(a * lx + b * ly - log_beta(a, b));
  if (x < (a + 1.0) / (a + b + 2.0)) return front * cf(a, b, x) / a;
  return 1.0 - front * cf(b, a, y) / b;
}

/// Student t density with df degrees of freedom.
inline double student_t_pdf(double t, double df) noexcept {
  return std::exp(-log_beta(0.5 * df, 0.5) - 0.5 * std::log(df) -
                  0.5 * (df + 1.0) * std::log1p(t * t / df));
}

/// Student t CDF P(T <= t); the returned tail keeps its relative accuracy.
inline double student_t_cdf(double t, double df) noexcept {
  if (std::isnan(t) || !(df > 0.0)) return std::numeric_limits<double>::quiet_NaN();
  if (std::isinf(t)) return t > 0 ? 1.0 : 0.0;
  const double t2 = t * t;
  // P(|T| > |t|) = I_{df/(df+t²)}(df/2, 1/2)
  const double x = df / (df + t2), y = t2 / (df + t2);
  const double tail = 0.5 * incomplete_beta(0.5 * df, 0.5, x, y);
  return t > 0 ? 1.0 - tail : tail;
}

/// Two-sided p-value P(|T| >= |t|) without cancellation.
inline double student_t_two_sided_p(double t, double df) noexcept {
  if (std::isnan(t) || !(df > 0.0)) return std::numeric_limits<double>::quiet_NaN();
  if (std::isinf(t)) return 0.0;
  const double t2 = t * t;
  const double p = incomplete_beta(0.5 * df, 0.5, df / (df + t2), t2 / (df + t2));
  return p > 1.0 ? 1.0 : p;
}

/// Student t quantile: the t with P(T <= t) = p. Newton's method on log P
/// (well-conditioned in the tail), started from a Cornish–Fisher expansion and
/// kept inside a bracket; closed forms for df = 1 and 2.
inline double student_t_quantile(double p, double df) noexcept {
  constexpr double nan = std::numeric_limits<double>::quiet_NaN();
  if (!(p >= 0.0 && p <= 1.0) || !(df > 0.0)) return nan;
  if (p == 0.0) return -std::numeric_limits<double>::infinity();
  if (p == 1.0) return std::numeric_limits<double>::infinity();
  if (p == 0.5) return 0.0;
  if (p > 0.5) return -student_t_quantile(1.0 - p, df);  // exact reflection
  constexpr double pi = 3.14159265358979323846;
  if (df == 1.0) return -1.0 / std::tan(pi * p);  // Cauchy: tan(pi (p - 1/2))
  if (df == 2.0) return (2.0 * p - 1.0) / std::sqrt(2.0 * p * (1.0 - p));
  if (df > 1e7) return normal_quantile(p);
  // Lower tail: t < 0. Bracket [lo, hi] with cdf(lo) < p < cdf(hi) = 0.5.
  const double z = normal_quantile(p);
  const double z2 = z * z;
  double t = z + z * (z2 + 1.0) / (4.0 * df) +
             z * ((5.0 * z2 + 16.0) * z2 + 3.0) / (96.0 * df * df);
  double hi = 0.0, lo = -std::numeric_limits<double>::infinity();
  const double logp = std::log(p);
  for (int it = 0; it < 200; ++it) {
    const double c = student_t_cdf(t, df);
    if (c > p) hi = t; else lo = t;
    if (c == p) return t;
    const double step = (std::log(c) - logp) * c / student_t_pdf(t, df);
    double next = t - step;
    if (!(next < hi && next > lo)) {  // outside the bracket: bisect, or expand
      next = std::isinf(lo) ? 2.0 * (t < -1.0 ? t : -1.0) : 0.5 * (lo + hi);
    }
    if (std::fabs(next - t) <= 1e-15 * std::fabs(t)) return next;
    t = next;
  }
  return t;
}

}  // namespace okrkit::detail
