// okrkit — the standard normal distribution and a reproducible normal
// generator (internal).
#pragma once

#include <cmath>
#include <cstdint>
#include <random>

namespace okrkit::detail {

/// Φ(x), the standard normal CDF.
inline double norm_cdf(double x) noexcept { return 0.5 * std::erfc(-x / std::sqrt(2.0)); }

/// Φ⁻¹(p) for p in (0, 1): Acklam's rational approximation polished by one
/// Halley step on erfc (relative error ~1e-15). ±inf at 0 / 1, NaN outside.
inline double norm_quantile(double p) noexcept {
  if (!(p >= 0 && p <= 1)) return std::nan("");
  if (p == 0) return -INFINITY;
  if (p == 1) return INFINITY;
  static const double a[] = {-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
                             1.383577518672690e+02,  -3.066479806614716e+01, 2.506628277459239e+00};
  static const double b[] = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
                             6.680131188771972e+01,  -1.328068155288572e+01};
  static const double c[] = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
                             -2.549732539343734e+00, 4.374664141464968e+00,  2.938163982698783e+00};
  static const double d[] = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
                             3.754408661907416e+00};
  double x;
  if (p < 0.02425) {
    double q = std::sqrt(-2 * std::log(p));
    x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
        ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  } else if (p <= 1 - 0.02425) {
    double q = p - 0.5, r = q * q;
    x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q /
        (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
  } else {
    double q = std::sqrt(-2 * std::log1p(-p));
    x = -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
        ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  // Halley refinement.
  double e = 0.5 * std::erfc(-x / std::sqrt(2.0)) - p;
  double u = e * std::sqrt(2 * M_PI) * std::exp(x * x / 2);
  return x - u / (1 + x * u / 2);
}

/// Standard normal draws from std::mt19937_64 by Box–Muller on 53-bit
/// uniforms: the same seed gives the same numbers on every platform (unlike
/// std::normal_distribution, whose algorithm is up to the library).
class NormalStream {
 public:
  explicit NormalStream(std::uint64_t seed) : eng_(seed) {}
  double operator()() {
    if (have_) {
      have_ = false;
      return next_;
    }
    double u1 = uniform(), u2 = uniform();
    double r = std::sqrt(-2.0 * std::log(u1));
    next_ = r * std::sin(2 * M_PI * u2);
    have_ = true;
    return r * std::cos(2 * M_PI * u2);
  }

 private:
  double uniform() { return (double(eng_() >> 11) + 0.5) * 0x1.0p-53; }  // (0, 1)
  std::mt19937_64 eng_;
  double next_ = 0;
  bool have_ = false;
};

}  // namespace okrkit::detail
