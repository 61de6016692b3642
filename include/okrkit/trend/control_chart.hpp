// okrkit — XmR (individuals and moving range) process behaviour chart with the
// common run rules (Wheeler, "Understanding Variation", 1993; Nelson 1984).
// The series is a Values view (include/okrkit/core/values.hpp: a std::vector,
// an Eigen vector or (pointer, size)); the code is in src/trend/control_chart.cpp.
#pragma once

#include <cstddef>
#include <vector>

#include <okrkit/core/error.hpp>  // DomainError: what the functions throw
#include <okrkit/core/values.hpp>

namespace okrkit {

/// XmR chart of a series and the points each run rule flags.
/// Indices are positions in the input (missing values keep their places).
struct XmR {
  double centre{};                         ///< mean of the non-missing values (X̄)
  double mean_moving_range{};              ///< MR̄: mean of |x_k − x_{k−1}| over consecutive
                                           ///< non-missing values
  double upper{};                          ///< upper natural process limit X̄ + 2.66·MR̄
  double lower{};                          ///< lower natural process limit X̄ − 2.66·MR̄
  double range_upper{};                    ///< upper range limit of the mR chart, 3.268·MR̄
  std::vector<std::size_t> beyond_limits;  ///< points above `upper` or below `lower`
  std::vector<std::size_t> one_side_run;   ///< points in a run of >= run_length
                                           ///< values strictly on one side of X̄
  std::vector<std::size_t> trend_run;      ///< points in a run of >= trend_length
                                           ///< values strictly rising or falling
  std::size_t n{};                         ///< non-missing values used
  std::size_t dropped{};                   ///< missing values skipped
};

/// Computes the XmR chart. 2.66 = 3/d2 with d2 = 1.128 for ranges of two;
/// 3.268 = D4 for n = 2. Runs: every point of a qualifying run is flagged (so
/// a chart can colour the whole run); a value equal to X̄ or to its
/// predecessor breaks a run. Missing values are skipped: the values around a
/// gap count as consecutive. DomainError if fewer than 2 non-missing values or
/// run lengths below 2.
XmR xmr(Values y, std::size_t run_length = 8, std::size_t trend_length = 6);

/// The same on (pointer, size).
XmR xmr(const double* y, std::size_t n, std::size_t run_length = 8, std::size_t trend_length = 6);

}  // namespace okrkit
