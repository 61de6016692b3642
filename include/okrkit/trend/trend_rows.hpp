// okrkit — trend statistics over many series at once: every row of a
// row-major matrix (series × time), split across threads. A row whose
// statistic is undefined (too few values, all missing) does not stop the
// batch: its result is all-NaN and its error message is kept. The code is in
// src/trend/trend_rows.cpp.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include <okrkit/trend/mann_kendall.hpp>
#include <okrkit/trend/linear_trend.hpp>

namespace okrkit {

/// Per-row results of a bulk call.
template <class Result>
struct RowResults {
  std::vector<Result> rows;         ///< one per input row; all-NaN where errors[i] is set
  std::vector<std::string> errors;  ///< "" or the DomainError message of that row
};

/// linear_trend of every row of a row-major rows × cols matrix (positions as
/// times), on `threads` threads (0 = all cores).
RowResults<LinearFit> linear_trend_rows(const double* y, std::size_t rows, std::size_t cols,
                                        double confidence = 0.95, unsigned threads = 0);

/// mann_kendall (original test) of every row of a row-major rows × cols matrix.
RowResults<MannKendall> mann_kendall_rows(const double* y, std::size_t rows, std::size_t cols,
                                          double alpha = 0.05, unsigned threads = 0);

}  // namespace okrkit
