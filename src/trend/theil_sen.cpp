// okrkit — robust slopes (include/okrkit/trend/theil_sen.hpp).
#include <okrkit/trend/theil_sen.hpp>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <string>
#include <vector>

#include <okrkit/detail/distributions.hpp>

#include "trend/trend_common.hpp"

namespace okrkit {

namespace detail {
namespace {
TheilSen theil_sen_compacted(const Compacted& c, double confidence, InterceptMethod method) {
  constexpr const char* fn = "theil_sen";
  const std::size_t n = c.y.size();
  if (n < 2) throw_too_short(fn, n, 2, "non-missing values");
  if (!(confidence > 0.0 && confidence < 1.0))
    throw DomainError("theil_sen: confidence must be in (0, 1)");
  std::vector<double> slopes;
  slopes.reserve(n * (n - 1) / 2);
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = 0; j < n; ++j)
      if (c.t[j] > c.t[i]) slopes.push_back((c.y[j] - c.y[i]) / (c.t[j] - c.t[i]));
  if (slopes.empty()) throw DomainError("theil_sen: all x values are equal");
  std::sort(slopes.begin(), slopes.end());
  TheilSen r;
  r.n = n;
  r.dropped = c.dropped;
  r.confidence = confidence;
  const std::size_t N = slopes.size();
  r.slope = N % 2 ? slopes[N / 2] : (slopes[N / 2 - 1] + slopes[N / 2]) / 2.0;
  if (method == InterceptMethod::joint) {
    std::vector<double> d(n);
    for (std::size_t i = 0; i < n; ++i) d[i] = c.y[i] - r.slope * c.t[i];
    r.intercept = median_inplace(d);
  } else {
    r.intercept = median_of(c.y) - r.slope * median_of(c.t);
  }
  // Sen (1968) eq. 2.6, indices as scipy: round half to even (np.round), clipped.
  const double a = confidence > 0.5 ? 1.0 - confidence : confidence;
  const double z = normal_quantile(a / 2.0);
  const double nn = static_cast<double>(n);
  const double sigsq = (nn * (nn - 1.0) * (2.0 * nn + 5.0) - tie_term(c.t) - tie_term(c.y)) / 18.0;
  const double sigma = std::sqrt(sigsq);
  const double Nd = static_cast<double>(N);
  const double ru = std::nearbyint((Nd - z * sigma) / 2.0);
  const double rl = std::nearbyint((Nd + z * sigma) / 2.0) - 1.0;
  if (std::isnan(ru) || std::isnan(rl)) {
    r.slope_low = r.slope_high = std::numeric_limits<double>::quiet_NaN();
  } else {
    const double iu = std::min(ru, Nd - 1.0), il = std::max(rl, 0.0);
    r.slope_low = slopes[static_cast<std::size_t>(il)];
    r.slope_high = slopes[static_cast<std::size_t>(iu)];
  }
  return r;
}

void count_valid(const char* fn, const double* y, std::size_t n, std::size_t& valid,
                 std::vector<double>& yv, std::vector<double>& tv) {
  valid = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (std::isnan(y[i])) continue;
    if (std::isinf(y[i]))
      throw DomainError(std::string(fn) + ": infinite value at index " + std::to_string(i));
    ++valid;
    yv.push_back(y[i]);
    tv.push_back(static_cast<double>(i));
  }
  if (valid == 0 && n > 0)
    throw DomainError(std::string(fn) + ": all " + std::to_string(n) + " values are missing");
}
}  // namespace
}  // namespace detail

TheilSen theil_sen(const double* x, const double* y, std::size_t n, double confidence,
                   InterceptMethod method) {
  return detail::theil_sen_compacted(detail::compact("theil_sen", x, y, n), confidence, method);
}
TheilSen theil_sen(const double* y, std::size_t n, double confidence, InterceptMethod method) {
  return detail::theil_sen_compacted(detail::compact("theil_sen", nullptr, y, n), confidence,
                                     method);
}

SenSlope sens_slope(const double* y, std::size_t n) {
  std::size_t valid = 0;
  std::vector<double> yv, tv;
  detail::count_valid("sens_slope", y, n, valid, yv, tv);
  if (valid < 2) detail::throw_too_short("sens_slope", valid, 2, "non-missing values");
  std::vector<double> d;
  d.reserve(valid * (valid - 1) / 2);
  for (std::size_t a = 0; a < valid; ++a)
    for (std::size_t b = a + 1; b < valid; ++b) d.push_back((yv[b] - yv[a]) / (tv[b] - tv[a]));
  SenSlope r;
  r.n = valid;
  r.dropped = n - valid;
  r.slope = detail::median_inplace(d);
  r.intercept = detail::median_inplace(yv) - detail::median_inplace(tv) * r.slope;
  return r;
}

SenSlope seasonal_sens_slope(const double* y, std::size_t n, std::size_t period) {
  if (period == 0) throw DomainError("seasonal_sens_slope: period must be at least 1");
  std::size_t valid = 0;
  std::vector<double> yv, tv;
  detail::count_valid("seasonal_sens_slope", y, n, valid, yv, tv);
  std::vector<double> d;
  for (std::size_t s = 0; s < period; ++s)
    for (std::size_t i = s; i < n; i += period) {
      if (std::isnan(y[i])) continue;
      for (std::size_t j = i + period; j < n; j += period)
        // j - i is a multiple of period: the division is exact (seasons apart)
        // NOLINTNEXTLINE(bugprone-integer-division)
        if (!std::isnan(y[j])) d.push_back((y[j] - y[i]) / static_cast<double>((j - i) / period));
    }
  if (d.empty())
    throw DomainError("seasonal_sens_slope: no season has two non-missing values (n=" +
                      std::to_string(n) + ", period=" + std::to_string(period) + ")");
  SenSlope r;
  r.n = valid;
  r.dropped = n - valid;
  r.slope = detail::median_inplace(d);
  r.intercept = detail::median_inplace(yv) -
                detail::median_inplace(tv) / static_cast<double>(period) * r.slope;
  return r;
}

TheilSen theil_sen(Values x, Values y, double confidence, InterceptMethod method) {
  if (x.size() != y.size()) throw DomainError("theil_sen: x and y differ in length");
  return theil_sen(x.data(), y.data(), y.size(), confidence, method);
}
TheilSen theil_sen(Values y, double confidence, InterceptMethod method) {
  return theil_sen(y.data(), y.size(), confidence, method);
}
SenSlope sens_slope(Values y) { return sens_slope(y.data(), y.size()); }
SenSlope seasonal_sens_slope(Values y, std::size_t period) {
  return seasonal_sens_slope(y.data(), y.size(), period);
}

}  // namespace okrkit
