// okrkit — simple and exponential moving averages, with pandas' conventions.
// Series are Values views (include/okrkit/core/values.hpp: a std::vector, an
// Eigen vector or (pointer, size)); the code is in src/trend/moving_average.cpp.
#pragma once

#include <cstddef>
#include <vector>

#include <okrkit/core/error.hpp>  // DomainError: what the functions throw
#include <okrkit/core/values.hpp>

namespace okrkit {

/// Trailing simple moving average, as pandas `rolling(window, min_periods).mean()`:
/// out[i] is the mean of the non-missing values among y[i−window+1..i], or NaN
/// when fewer than min_periods of them are present (min_periods = 0 means
/// `window`, pandas' default). DomainError if window is 0, min_periods > window,
/// or y is empty or all missing.
std::vector<double> sma(Values y, std::size_t window, std::size_t min_periods = 0);

/// Exponential moving average with smoothing factor alpha in (0, 1], as pandas
/// `ewm(alpha=alpha, adjust=False, ignore_na=False).mean()`:
///   s[0] = y[0];  s[t] = (1 − α)·s[t−1] + α·y[t].
/// Missing values: the output repeats the last average; after a gap of g
/// missing periods the old average's weight has decayed to (1 − α)^(g+1), so
/// s[t] = (w·s + α·y[t]) / (w + α) with w = (1 − α)^(g+1) (pandas' rule). Leading
/// NaNs give NaN until the first value. DomainError if alpha is outside (0, 1] or
/// y is empty or all missing.
std::vector<double> ema(Values y, double alpha);

/// EMA with the smoothing given as a span (pandas `ewm(span=...)`): α = 2/(span + 1).
/// DomainError if span < 1.
std::vector<double> ema_span(Values y, double span);

/// The same on (pointer, size).
std::vector<double> sma(const double* y, std::size_t n, std::size_t window,
                        std::size_t min_periods = 0);
std::vector<double> ema(const double* y, std::size_t n, double alpha);
std::vector<double> ema_span(const double* y, std::size_t n, double span);

}  // namespace okrkit
