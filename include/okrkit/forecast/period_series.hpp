// okrkit — series on a period axis (in-sample residuals or actuals of the
// forecasts the scorecard's outlook fits), their alignment on common periods
// and their correlation. The outlook reconciles with residual-based MinT
// methods over the aligned residuals, and P(objective succeeds) draws the key
// results of one series family with the correlation of their residuals
// (docs/forecast.md).
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include <Eigen/Core>

namespace okrkit {

/// values[k] belongs to period index first + k of period kind `kind` (a
/// PeriodKind as int; −1 = no series). NaN marks a period without a value.
struct PeriodSeries {
  int kind = -1;
  std::int32_t first = 0;
  std::vector<double> values;
  bool empty() const noexcept { return values.empty() || kind < 0; }
};

/// Series × the periods where every series has a value (oldest first). Zero
/// columns when a series is empty or the kinds differ.
Eigen::MatrixXd common_periods(const std::vector<const PeriodSeries*>& series);

/// A factor F with F·F' = R, R the correlation matrix of the series: each
/// pair's Pearson correlation over the periods both have (0 when fewer than
/// `min_overlap`, a kind differs or a series is constant), so unrelated or
/// short histories stay independent. A pairwise R need not be positive
/// semi-definite; it is then shrunk towards the identity, R ← (1 − λ)R + λI
/// with λ the smallest multiple of 0.05 that makes it so (*lambda receives λ).
/// F = V·√Λ from R's eigendecomposition (Λ clipped at 0), so a correlation
/// of 1 (the same series twice) is kept exactly.
Eigen::MatrixXd correlation_factor(const std::vector<const PeriodSeries*>& series,
                                   std::size_t min_overlap, double* lambda = nullptr);

}  // namespace okrkit
