// okrkit — trend statistics over many series at once: every row of a
// row-major matrix (series × time), split across threads. A row whose
// statistic is undefined (too few values, all missing) does not stop the
// batch: its result is all-NaN and its error message is kept.
#pragma once

#include <algorithm>
#include <cstddef>
#include <exception>
#include <limits>
#include <string>
#include <thread>
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

namespace detail {

/// Runs fn(i) for i in [0, rows) on up to `threads` threads (0 = hardware).
/// fn must not throw (bulk callers catch per row).
template <class Fn>
void parallel_rows(std::size_t rows, unsigned threads, Fn fn) {
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  const std::size_t workers = std::min<std::size_t>(threads, rows);
  if (workers <= 1) {
    for (std::size_t i = 0; i < rows; ++i) fn(i);
    return;
  }
  std::vector<std::thread> pool;
  pool.reserve(workers);
  for (std::size_t w = 0; w < workers; ++w)
    pool.emplace_back([&, w] {
      for (std::size_t i = w; i < rows; i += workers) fn(i);  // interleaved: rows differ in cost
    });
  for (auto& t : pool) t.join();
}

template <class Result, class One>
RowResults<Result> bulk(std::size_t rows, unsigned threads, const Result& failed, One one) {
  RowResults<Result> out;
  out.rows.assign(rows, failed);
  out.errors.assign(rows, std::string());
  parallel_rows(rows, threads, [&](std::size_t i) {
    try {
      out.rows[i] = one(i);
    } catch (const DomainError& e) {
      out.errors[i] = e.what();
    }
  });
  return out;
}

inline LinearFit nan_fit() noexcept {
  constexpr double nan = std::numeric_limits<double>::quiet_NaN();
  LinearFit f;
  f.slope = f.intercept = f.r_squared = f.slope_se = f.intercept_se = f.residual_sd =
      f.residual_ss = f.t_value = f.p_value = f.confidence = f.slope_low = f.slope_high =
          f.intercept_low = f.intercept_high = nan;
  return f;
}

inline MannKendall nan_mk() noexcept {
  constexpr double nan = std::numeric_limits<double>::quiet_NaN();
  MannKendall r;
  r.s = r.var_s = r.z = r.p = r.tau = r.alpha = r.slope = r.intercept = nan;
  return r;
}

}  // namespace detail

/// linear_trend of every row of a row-major rows × cols matrix (positions as
/// times), on `threads` threads (0 = all cores).
inline RowResults<LinearFit> linear_trend_rows(const double* y, std::size_t rows,
                                               std::size_t cols, double confidence = 0.95,
                                               unsigned threads = 0) {
  return detail::bulk(rows, threads, detail::nan_fit(), [&](std::size_t i) {
    return linear_trend(y + i * cols, cols, confidence);
  });
}

/// mann_kendall (original test) of every row of a row-major rows × cols matrix.
inline RowResults<MannKendall> mann_kendall_rows(const double* y, std::size_t rows,
                                                 std::size_t cols, double alpha = 0.05,
                                                 unsigned threads = 0) {
  return detail::bulk(rows, threads, detail::nan_mk(), [&](std::size_t i) {
    return mann_kendall(y + i * cols, cols, alpha);
  });
}

}  // namespace okrkit
