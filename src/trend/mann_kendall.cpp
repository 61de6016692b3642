// okrkit — Mann–Kendall trend tests (include/okrkit/trend/mann_kendall.hpp).
#include <okrkit/trend/mann_kendall.hpp>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <numeric>
#include <string>
#include <vector>

#include <okrkit/detail/distributions.hpp>
#include <okrkit/trend/theil_sen.hpp>

#include "trend/trend_common.hpp"

namespace okrkit {

namespace detail {
namespace {

/// S = Σ_{i<j} sign(y_j − y_i). O(n²), exact.
double mk_score(const std::vector<double>& y) noexcept {
  long long s = 0;
  const std::size_t n = y.size();
  for (std::size_t i = 0; i + 1 < n; ++i)
    for (std::size_t j = i + 1; j < n; ++j) s += (y[j] > y[i]) - (y[j] < y[i]);
  return static_cast<double>(s);
}

/// Var(S) = [n(n−1)(2n+5) − Σ t(t−1)(2t+5)] / 18 over groups of ties t.
double mk_variance(const std::vector<double>& y) {
  const double n = static_cast<double>(y.size());
  return (n * (n - 1.0) * (2.0 * n + 5.0) - tie_term(y)) / 18.0;
}

double mk_z(double s, double var_s) noexcept {
  if (s > 0) return (s - 1.0) / std::sqrt(var_s);
  if (s < 0) return (s + 1.0) / std::sqrt(var_s);
  return 0.0;
}

void mk_decide(MannKendall& r, double alpha) {
  r.alpha = alpha;
  r.z = mk_z(r.s, r.var_s);
  r.p = 2.0 * normal_sf(std::fabs(r.z));
  r.significant = std::fabs(r.z) > normal_quantile(1.0 - alpha / 2.0);
  r.trend = !r.significant ? TrendDirection::none
            : r.z < 0      ? TrendDirection::decreasing
                           : TrendDirection::increasing;
}

void check_alpha(const char* fn, double alpha) {
  if (!(alpha > 0.0 && alpha < 1.0))
    throw DomainError(std::string(fn) + ": alpha must be in (0, 1)");
}

/// Non-missing values in order; throws on too few.
std::vector<double> mk_values(const char* fn, const double* y, std::size_t n,
                              std::size_t& dropped) {
  Compacted c = compact(fn, nullptr, y, n);
  if (c.y.size() < 3) throw_too_short(fn, c.y.size(), 3, "non-missing values");
  dropped = c.dropped;
  return std::move(c.y);
}

/// Autocorrelation at lags 0..nlags as pyMannKendall's __acf: biased
/// autocovariance (divided by n) over the autocovariance at lag 0. A series
/// without variation has no measurable autocorrelation: all lags > 0 are 0
/// (pyMannKendall would produce NaN there).
std::vector<double> acf(const std::vector<double>& x, std::size_t nlags) {
  const std::size_t n = x.size();
  const double m = accurate_mean(x.data(), n);
  std::vector<double> d(n);
  for (std::size_t i = 0; i < n; ++i) d[i] = x[i] - m;
  std::vector<double> r(nlags + 1, 0.0);
  double c0 = 0.0;
  for (std::size_t i = 0; i < n; ++i) c0 += d[i] * d[i];
  r[0] = 1.0;
  if (c0 == 0.0) return r;
  for (std::size_t k = 1; k <= nlags; ++k) {
    double c = 0.0;
    for (std::size_t i = 0; i + k < n; ++i) c += d[i] * d[i + k];
    r[k] = c / c0;
  }
  return r;
}

/// Average ranks (1-based, ties share their mean rank), as scipy.stats.rankdata.
std::vector<double> average_ranks(const std::vector<double>& x) {
  const std::size_t n = x.size();
  std::vector<std::size_t> idx(n);
  std::iota(idx.begin(), idx.end(), std::size_t{0});
  std::stable_sort(idx.begin(), idx.end(),
                   [&](std::size_t a, std::size_t b) { return x[a] < x[b]; });
  std::vector<double> r(n);
  for (std::size_t i = 0; i < n;) {
    std::size_t j = i;
    while (j < n && x[idx[j]] == x[idx[i]]) ++j;
    const double rank = 0.5 * static_cast<double>(i + 1 + j);  // mean of i+1..j
    for (std::size_t k = i; k < j; ++k) r[idx[k]] = rank;
    i = j;
  }
  return r;
}

MannKendall mk_basic(const char* fn, const double* y, std::size_t n, std::vector<double>& v) {
  MannKendall r;
  v = mk_values(fn, y, n, r.dropped);
  r.n = v.size();
  const double nn = static_cast<double>(r.n);
  r.s = mk_score(v);
  r.var_s = mk_variance(v);
  r.tau = r.s / (0.5 * nn * (nn - 1.0));
  const SenSlope sen = sens_slope(y, n);
  r.slope = sen.slope;
  r.intercept = sen.intercept;
  return r;
}

/// Lag limit as pyMannKendall: none (0) means every lag 1..n−1.
std::size_t mk_lag(const char* fn, std::size_t lag, std::size_t n) {
  if (lag == 0) return n - 1;
  if (lag > n - 1)
    throw DomainError(std::string(fn) + ": lag " + std::to_string(lag) +
                      " exceeds n - 1 (n=" + std::to_string(n) + ")");
  return lag;
}

/// What the modified tests (Hamed–Rao, Yue–Wang) start from: the plain test,
/// the series detrended by Sen's slope (y_k − slope·k, k = 1..n over the
/// non-missing values) and the number of lags to use.
struct MkModifiedStart {
  MannKendall test;
  std::vector<double> detrended;
  std::size_t lags = 0;
};

MkModifiedStart mk_modified_start(const char* fn, const double* y, std::size_t n, double alpha,
                                  std::size_t lag) {
  check_alpha(fn, alpha);
  std::vector<double> v;
  MkModifiedStart s{mk_basic(fn, y, n, v), {}, 0};
  s.lags = mk_lag(fn, lag, v.size());
  s.detrended.resize(v.size());
  for (std::size_t k = 0; k < v.size(); ++k)
    s.detrended[k] = v[k] - static_cast<double>(k + 1) * s.test.slope;
  return s;
}

}  // namespace
}  // namespace detail

MannKendall mann_kendall(const double* y, std::size_t n, double alpha) {
  detail::check_alpha("mann_kendall", alpha);
  std::vector<double> v;
  MannKendall r = detail::mk_basic("mann_kendall", y, n, v);
  detail::mk_decide(r, alpha);
  return r;
}

MannKendall seasonal_mann_kendall(const double* y, std::size_t n, std::size_t period,
                                  double alpha) {
  constexpr const char* fn = "seasonal_mann_kendall";
  detail::check_alpha(fn, alpha);
  if (period == 0) throw DomainError("seasonal_mann_kendall: period must be at least 1");
  detail::compact(fn, nullptr, y, n);  // rejects all-missing / infinite input
  MannKendall r;
  double pairs = 0.0;
  for (std::size_t s = 0; s < period; ++s) {
    std::vector<double> season;
    for (std::size_t i = s; i < n; i += period)
      if (!std::isnan(y[i]))
        season.push_back(y[i]);
      else
        ++r.dropped;
    const double m = static_cast<double>(season.size());
    r.n += season.size();
    if (season.size() < 2) continue;
    r.s += detail::mk_score(season);
    r.var_s += detail::mk_variance(season);
    pairs += 0.5 * m * (m - 1.0);
  }
  if (pairs == 0.0)
    throw DomainError("seasonal_mann_kendall: no season has two non-missing values (n=" +
                      std::to_string(n) + ", period=" + std::to_string(period) + ")");
  r.tau = r.s / pairs;
  const SenSlope sen = seasonal_sens_slope(y, n, period);
  r.slope = sen.slope;
  r.intercept = sen.intercept;
  detail::mk_decide(r, alpha);
  return r;
}

MannKendall correlated_seasonal_mann_kendall(const double* y, std::size_t n, std::size_t period,
                                             double alpha) {
  constexpr const char* fn = "correlated_seasonal_mann_kendall";
  detail::check_alpha(fn, alpha);
  if (period == 0) throw DomainError(std::string(fn) + ": period must be at least 1");
  detail::compact(fn, nullptr, y, n);  // rejects all-missing / infinite input
  // Complete cycles, season-major: col[g][j] is season g of the j-th kept cycle.
  std::vector<std::vector<double>> col(period);
  for (std::size_t c = 0; (c + 1) * period <= n; ++c) {
    const double* row = y + c * period;
    if (std::any_of(row, row + period, [](double v) { return std::isnan(v); })) continue;
    for (std::size_t g = 0; g < period; ++g) col[g].push_back(row[g]);
  }
  const std::size_t m = col[0].size();
  if (m < 2)
    throw DomainError(std::string(fn) +
                      ": needs at least 2 complete cycles without missing "
                      "values, got " +
                      std::to_string(m) + " (n=" + std::to_string(n) +
                      ", period=" + std::to_string(period) + ")");
  MannKendall r;
  r.n = m * period;
  r.dropped = n - r.n;
  const double mm = static_cast<double>(m);
  // Mid-ranks R_j of each season and the signs of its pairwise differences.
  std::vector<std::vector<double>> rank(period, std::vector<double>(m));
  std::vector<std::vector<signed char>> sgn(period, std::vector<signed char>(m * m));
  for (std::size_t g = 0; g < period; ++g) {
    const std::vector<double>& a = col[g];
    for (std::size_t j = 0; j < m; ++j) {
      long long s = 0;
      for (std::size_t i = 0; i < m; ++i) {
        const int d = (a[j] > a[i]) - (a[j] < a[i]);
        sgn[g][i * m + j] = static_cast<signed char>(d);  // sign(a_j − a_i)
        s += d;
      }
      rank[g][j] = 0.5 * (mm + 1.0 + static_cast<double>(s));
    }
    r.s += detail::mk_score(a);
  }
  for (std::size_t g = 0; g < period; ++g) {
    for (std::size_t h = 0; h <= g; ++h) {
      long long k = 0;
      for (std::size_t i = 0; i + 1 < m; ++i)
        for (std::size_t j = i + 1; j < m; ++j)
          k += static_cast<long long>(sgn[g][i * m + j]) * sgn[h][i * m + j];
      double rr = 0.0;
      for (std::size_t j = 0; j < m; ++j) rr += rank[g][j] * rank[h][j];
      const double gamma = (static_cast<double>(k) + 4.0 * rr - mm * (mm + 1.0) * (mm + 1.0)) / 3.0;
      r.var_s += g == h ? gamma : 2.0 * gamma;
    }
  }
  if (!(r.var_s > 0.0))
    throw DomainError(std::string(fn) + ": Var(S) is 0 (every season is constant over the " +
                      std::to_string(m) + " complete cycles); the test is undefined");
  r.tau = r.s / (static_cast<double>(period) * 0.5 * mm * (mm - 1.0));
  const SenSlope sen = seasonal_sens_slope(y, n, period);
  r.slope = sen.slope;
  r.intercept = sen.intercept;
  r.alpha = alpha;
  r.z = r.s / std::sqrt(r.var_s);
  r.p = 2.0 * detail::normal_sf(std::fabs(r.z));
  r.significant = std::fabs(r.z) > detail::normal_quantile(1.0 - alpha / 2.0);
  r.trend = !r.significant ? TrendDirection::none
            : r.z < 0      ? TrendDirection::decreasing
                           : TrendDirection::increasing;
  return r;
}

MannKendall hamed_rao(const double* y, std::size_t n, double alpha, std::size_t lag) {
  detail::MkModifiedStart s = detail::mk_modified_start("hamed_rao", y, n, alpha, lag);
  MannKendall& r = s.test;
  const std::size_t L = s.lags;
  const std::vector<double> rho = detail::acf(detail::average_ranks(s.detrended), L);
  const double mm = static_cast<double>(r.n);
  const double bound = detail::normal_quantile(1.0 - alpha / 2.0) / std::sqrt(mm);
  double sni = 0.0;
  for (std::size_t i = 1; i <= L; ++i) {
    if (rho[i] <= bound && rho[i] >= -bound) continue;  // not significant
    const double a = mm - static_cast<double>(i);
    sni += a * (a - 1.0) * (a - 2.0) * rho[i];
  }
  r.var_s *= 1.0 + (2.0 / (mm * (mm - 1.0) * (mm - 2.0))) * sni;
  detail::mk_decide(r, alpha);
  return r;
}

MannKendall yue_wang(const double* y, std::size_t n, double alpha, std::size_t lag) {
  detail::MkModifiedStart s = detail::mk_modified_start("yue_wang", y, n, alpha, lag);
  MannKendall& r = s.test;
  const std::size_t L = s.lags;
  const std::vector<double> rho = detail::acf(s.detrended, L);
  const double mm = static_cast<double>(r.n);
  double sni = 0.0;
  for (std::size_t i = 1; i <= L; ++i) sni += (1.0 - static_cast<double>(i) / mm) * rho[i];
  r.var_s *= 1.0 + 2.0 * sni;
  detail::mk_decide(r, alpha);
  return r;
}

MannKendall mann_kendall(Values y, double alpha) { return mann_kendall(y.data(), y.size(), alpha); }
MannKendall seasonal_mann_kendall(Values y, std::size_t period, double alpha) {
  return seasonal_mann_kendall(y.data(), y.size(), period, alpha);
}
MannKendall correlated_seasonal_mann_kendall(Values y, std::size_t period, double alpha) {
  return correlated_seasonal_mann_kendall(y.data(), y.size(), period, alpha);
}
MannKendall hamed_rao(Values y, double alpha, std::size_t lag) {
  return hamed_rao(y.data(), y.size(), alpha, lag);
}
MannKendall yue_wang(Values y, double alpha, std::size_t lag) {
  return yue_wang(y.data(), y.size(), alpha, lag);
}

}  // namespace okrkit
