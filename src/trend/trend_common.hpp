// okrkit — internals shared by the trend sources (src/trend/*.cpp): argument checks, missing-value
// compaction, compensated sums and exact medians.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <string>
#include <vector>

#include <okrkit/core/error.hpp>

namespace okrkit::detail {

/// "fn: need at least k values, got n" as a DomainError.
[[noreturn]] inline void throw_too_short(const char* fn, std::size_t n, std::size_t k,
                                         const char* what = "values") {
  std::string w = what;
  if (k == 1 && !w.empty() && w.back() == 's') w.pop_back();  // "1 value"
  throw DomainError(std::string(fn) + ": need at least " + std::to_string(k) + " " + w +
                    ", got n=" + std::to_string(n));
}

/// Throws unless y[0..n) has at least `k` entries in total.
inline void require_length(const char* fn, std::size_t n, std::size_t k) {
  if (n < k) throw_too_short(fn, n, k);
}

/// Throws unless y[0..n) is non-empty and holds at least one non-missing value.
inline void require_some_value(const char* fn, const double* y, std::size_t n) {
  if (n == 0) throw_too_short(fn, 0, 1);
  for (std::size_t i = 0; i < n; ++i)
    if (!std::isnan(y[i])) return;
  throw DomainError(std::string(fn) + ": all " + std::to_string(n) + " values are missing");
}

/// Neumaier's compensated sum: exact to the last bit for sums that cancel.
class CompensatedSum {
 public:
  void add(double v) noexcept {
    const double t = sum_ + v;
    comp_ += std::fabs(sum_) >= std::fabs(v) ? (sum_ - t) + v : (v - t) + sum_;
    sum_ = t;
  }
  double value() const noexcept { return sum_ + comp_; }

 private:
  double sum_{0.0}, comp_{0.0};
};

/// The non-missing values of a series with their original positions.
struct Compacted {
  std::vector<double> t;  ///< original positions (0-based) or given x values
  std::vector<double> y;  ///< values, NaN removed
  std::size_t dropped{};  ///< how many entries were NaN
};

/// Drops NaN entries of y (and the pairs where x is NaN, when x is given).
/// Infinite values are rejected: they are not "missing" and would poison sums.
inline Compacted compact(const char* fn, const double* x, const double* y, std::size_t n) {
  Compacted c;
  c.t.reserve(n);
  c.y.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    const double xi = x ? x[i] : static_cast<double>(i);
    if (std::isnan(y[i]) || std::isnan(xi)) {
      ++c.dropped;
      continue;
    }
    if (std::isinf(y[i]) || std::isinf(xi))
      throw DomainError(std::string(fn) + ": infinite value at index " + std::to_string(i));
    c.t.push_back(xi);
    c.y.push_back(y[i]);
  }
  if (c.y.empty() && n > 0)
    throw DomainError(std::string(fn) + ": all " + std::to_string(n) + " values are missing");
  return c;
}

/// Mean with a second, correcting pass: exact to rounding even for values
/// around 1e9 that differ only in the last digits.
inline double accurate_mean(const double* v, std::size_t n) noexcept {
  CompensatedSum s;
  for (std::size_t i = 0; i < n; ++i) s.add(v[i]);
  const double m = s.value() / static_cast<double>(n);
  CompensatedSum r;
  for (std::size_t i = 0; i < n; ++i) r.add(v[i] - m);
  return m + r.value() / static_cast<double>(n);
}

/// Median as numpy computes it (mean of the two middle values for even n).
/// Reorders v.
inline double median_inplace(std::vector<double>& v) {
  const std::size_t n = v.size();
  const auto mid = v.begin() + static_cast<std::ptrdiff_t>(n / 2);
  std::nth_element(v.begin(), mid, v.end());
  if (n % 2 == 1) return *mid;
  const double hi = *mid;
  const double lo = *std::max_element(v.begin(), mid);
  return (lo + hi) / 2.0;
}

inline double median_of(std::vector<double> v) { return median_inplace(v); }

/// Σ k(k−1)(2k+5) over the groups of equal values (the tie term of Var(S)).
inline double tie_term(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  double sum = 0.0;
  for (std::size_t i = 0; i < v.size();) {
    std::size_t j = i;
    while (j < v.size() && v[j] == v[i]) ++j;
    const double k = static_cast<double>(j - i);
    sum += k * (k - 1.0) * (2.0 * k + 5.0);
    i = j;
  }
  return sum;
}

}  // namespace okrkit::detail
