// okrkit — Mann–Kendall trend tests, computed as pyMannKendall 1.4 does so the
// numbers can be compared one to one: the original test (Mann 1945, Kendall
// 1975), the seasonal test (Hirsch & Slack 1984), its correlated form with the
// covariance between seasons, and the variance corrections
// for autocorrelated data of Hamed & Rao (1998) and Yue & Wang (2004).
//
// Missing values (NaN) are dropped before S is computed; Sen's slope keeps the
// original positions. Conventions: tie-corrected Var(S), continuity-corrected
// Z = (S ∓ 1)/√Var(S), two-sided normal p, tau-a = S / (n(n−1)/2).
//
// Series are Values views (include/okrkit/core/values.hpp: a std::vector, an
// Eigen vector or (pointer, size)); the code is in src/trend/mann_kendall.cpp.
#pragma once

#include <cstddef>

#include <okrkit/core/error.hpp>  // DomainError: what the functions throw
#include <okrkit/core/values.hpp>
#include <okrkit/trend/theil_sen.hpp>

namespace okrkit {

/// Direction decided by a test at its significance level.
enum class TrendDirection { decreasing = -1, none = 0, increasing = 1 };

inline const char* to_string(TrendDirection d) noexcept {
  switch (d) {
    case TrendDirection::decreasing:
      return "decreasing";
    case TrendDirection::increasing:
      return "increasing";
    case TrendDirection::none:
      return "no trend";
  }
  return "no trend";
}

/// Result of a Mann–Kendall test (field names follow pyMannKendall).
struct MannKendall {
  double s{};          ///< Mann–Kendall score Σ sign(y_j − y_i), i < j
  double var_s{};      ///< Var(S), tie-corrected (and autocorrelation-corrected for
                       ///< the modified tests)
  double z{};          ///< (S − 1)/√Var(S) for S > 0, (S + 1)/√Var(S) for S < 0, 0 for S = 0
  double p{};          ///< two-sided p-value 2·(1 − Φ(|Z|)), computed without cancellation
  double tau{};        ///< Kendall's tau-a, S / (n(n−1)/2) (summed over seasons if seasonal)
  bool significant{};  ///< |Z| > Φ⁻¹(1 − alpha/2)
  TrendDirection trend{TrendDirection::none};  ///< sign of Z when significant
  double alpha{};                              ///< significance level used
  double slope{};         ///< Sen's slope (seasonal Sen's slope for the seasonal test)
  double intercept{};     ///< its Conover intercept
  std::size_t n{};        ///< non-missing values used
  std::size_t dropped{};  ///< missing values dropped
};

/// Original Mann–Kendall test (pyMannKendall.original_test). DomainError if
/// fewer than 3 non-missing values or alpha outside (0, 1).
MannKendall mann_kendall(Values y, double alpha = 0.05);

/// Seasonal Mann–Kendall test (Hirsch & Slack 1984; pyMannKendall.seasonal_test):
/// S, Var(S) and the pair counts are summed over the `period` seasons, each
/// season's missing values dropped separately. Slope/intercept are the seasonal
/// Sen's slope (per cycle). DomainError if period is 0 or no season has two
/// non-missing values.
MannKendall seasonal_mann_kendall(Values y, std::size_t period = 12, double alpha = 0.05);

/// Correlated seasonal Mann–Kendall test (Hirsch & Slack 1984, covariance
/// between seasons; pyMannKendall.correlated_seasonal_test, which reproduces R
/// trend::csmk.test). The series is cut into cycles of `period` values (one
/// row per cycle, one column per season). Only complete cycles are used: a
/// cycle with a missing value, and an incomplete last cycle, are left out
/// whole (they are counted in `dropped`, which here means "values not used").
/// With m cycles, K(a,b) = Σ_{i<j} sign((a_j − a_i)(b_j − b_i)) and
/// R_j(a) = (m + 1 + Σ_i sign(a_j − a_i))/2 (mid-ranks),
///   Γ_gh = [K(x_g, x_h) + 4 Σ_j R_j(x_g) R_j(x_h) − m(m+1)²] / 3,
///   S = Σ_g S_g,  Var(S) = Σ_g Σ_h Γ_gh,  Z = S/√Var(S) (no continuity
/// correction, as pyMannKendall), tau = S / (period · m(m−1)/2).
/// Slope/intercept are the seasonal Sen's slope over every non-missing value
/// (as pyMannKendall). DomainError if period is 0, fewer than 2 complete
/// cycles remain, or Var(S) is 0 (every season constant).
MannKendall correlated_seasonal_mann_kendall(Values y, std::size_t period = 12,
                                             double alpha = 0.05);

/// Modified Mann–Kendall test of Hamed & Rao (1998), as
/// pyMannKendall.hamed_rao_modification_test: Var(S) is multiplied by
///   n/n* = 1 + 2/(n(n−1)(n−2)) · Σ_{i=1..lag} (n−i)(n−i−1)(n−i−2)·ρ_i
/// where ρ_i is the autocorrelation of the ranks of the series detrended by
/// Sen's slope (y_k − slope·k, k = 1..n over the non-missing values), counted
/// only where it is significant: |ρ_i| > Φ⁻¹(1 − alpha/2)/√n. lag = 0 uses
/// every lag (n − 1); Hamed & Rao also suggest 3.
MannKendall hamed_rao(Values y, double alpha = 0.05, std::size_t lag = 0);

/// Modified Mann–Kendall test of Yue & Wang (2004), as
/// pyMannKendall.yue_wang_modification_test: Var(S) is multiplied by
///   n/n* = 1 + 2·Σ_{i=1..lag} (1 − i/n)·ρ_i
/// with ρ_i the autocorrelation of the Sen-detrended series (not its ranks),
/// all lags counted. lag = 0 uses every lag (n − 1); Yue & Wang suggest 1.
MannKendall yue_wang(Values y, double alpha = 0.05, std::size_t lag = 0);

/// The same on (pointer, size).
MannKendall mann_kendall(const double* y, std::size_t n, double alpha = 0.05);
MannKendall seasonal_mann_kendall(const double* y, std::size_t n, std::size_t period = 12,
                                  double alpha = 0.05);
MannKendall correlated_seasonal_mann_kendall(const double* y, std::size_t n,
                                             std::size_t period = 12, double alpha = 0.05);
MannKendall hamed_rao(const double* y, std::size_t n, double alpha = 0.05, std::size_t lag = 0);
MannKendall yue_wang(const double* y, std::size_t n, double alpha = 0.05, std::size_t lag = 0);

}  // namespace okrkit
