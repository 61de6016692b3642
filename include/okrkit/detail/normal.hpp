// okrkit — a reproducible standard normal generator (internal). The normal
// CDF and quantile are in okrkit/detail/distributions.hpp.
#pragma once

#include <cmath>
#include <cstdint>
#include <random>

#include "okrkit/detail/constants.hpp"

namespace okrkit::detail {

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
    next_ = r * std::sin(2 * pi * u2);
    have_ = true;
    return r * std::cos(2 * pi * u2);
  }

 private:
  double uniform() { return (double(eng_() >> 11) + 0.5) * 0x1.0p-53; }  // (0, 1)
  std::mt19937_64 eng_;
  double next_ = 0;
  bool have_ = false;
};

}  // namespace okrkit::detail
