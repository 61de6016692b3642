// okrkit — trend statistics over many rows (include/okrkit/trend/trend_rows.hpp).
#include <okrkit/trend/trend_rows.hpp>

#include <algorithm>
#include <cstddef>
#include <limits>
#include <string>
#include <vector>

#include <okrkit/core/error.hpp>
#include <okrkit/detail/parallel.hpp>

namespace okrkit {

namespace detail {
namespace {

template <class Result, class One>
RowResults<Result> bulk(std::size_t rows, unsigned threads, const Result& failed, One one) {
  RowResults<Result> out;
  out.rows.assign(rows, failed);
  out.errors.assign(rows, std::string());
  // Rows differ in cost (missing values, lengths): threads take chunks in
  // turn, at least 8 per thread so that a few long rows still spread out.
  const std::size_t chunk =
      std::clamp<std::size_t>(rows / (8 * std::size_t{thread_count(threads)}), 1, 64);
  parallel_for_dynamic(rows, threads, chunk, [&](std::size_t b, std::size_t e) {
    for (std::size_t i = b; i < e; ++i) {
      try {
        out.rows[i] = one(i);
      } catch (const DomainError& ex) {
        out.errors[i] = ex.what();
      }
    }
  });
  return out;
}

LinearFit nan_fit() noexcept {
  constexpr double nan = std::numeric_limits<double>::quiet_NaN();
  LinearFit f;
  f.slope = f.intercept = f.r_squared = f.slope_se = f.intercept_se = f.residual_sd =
      f.residual_ss = f.t_value = f.p_value = f.confidence = f.slope_low = f.slope_high =
          f.intercept_low = f.intercept_high = nan;
  return f;
}

MannKendall nan_mk() noexcept {
  constexpr double nan = std::numeric_limits<double>::quiet_NaN();
  MannKendall r;
  r.s = r.var_s = r.z = r.p = r.tau = r.alpha = r.slope = r.intercept = nan;
  return r;
}

}  // namespace
}  // namespace detail

RowResults<LinearFit> linear_trend_rows(const double* y, std::size_t rows, std::size_t cols,
                                        double confidence, unsigned threads) {
  return detail::bulk(rows, threads, detail::nan_fit(),
                      [&](std::size_t i) { return linear_trend(y + i * cols, cols, confidence); });
}

RowResults<MannKendall> mann_kendall_rows(const double* y, std::size_t rows, std::size_t cols,
                                          double alpha, unsigned threads) {
  return detail::bulk(rows, threads, detail::nan_mk(),
                      [&](std::size_t i) { return mann_kendall(y + i * cols, cols, alpha); });
}

}  // namespace okrkit
