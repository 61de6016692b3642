// okrkit — fitting and forecasting many series at once, in parallel threads.
//
// Each series is fitted by exactly the single-series call (fit_ets / auto_ets)
// on its own thread-local buffers, so results are identical to a loop of
// single calls whatever the thread count. Series are handed out one at a time
// to whichever thread is free (detail/parallel.hpp), which balances short and
// long fits. A failing series (too short, negative data with a multiplicative
// model, ...) does not stop the batch: its error message is kept and its fit
// is empty.
#pragma once

#include <Eigen/Dense>
#include <algorithm>
#include <cstddef>
#include <exception>
#include <optional>
#include <string>
#include <vector>

#include "okrkit/detail/parallel.hpp"
#include "okrkit/forecast/ets.hpp"
#include "okrkit/forecast/forecast.hpp"

namespace okrkit {

/// A view of one series: size values at data (NaN = missing).
struct SeriesRef {
  const double* data = nullptr;
  std::size_t size = 0;
};

/// Row i of a row-major matrix as a series, without its leading and trailing
/// missing values (NaN padding of unequal lengths).
inline std::vector<SeriesRef> rows_of(
    const Eigen::Ref<const Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>>&
        y) {
  std::vector<SeriesRef> out(std::size_t(y.rows()));
  for (Eigen::Index i = 0; i < y.rows(); ++i) {
    const double* p = y.data() + i * y.outerStride();
    std::size_t a = 0, b = std::size_t(y.cols());
    while (a < b && std::isnan(p[a])) ++a;
    while (b > a && std::isnan(p[b - 1])) --b;
    out[std::size_t(i)] = {p + a, b - a};
  }
  return out;
}

/// Ragged series: series i is values[offsets[i] .. offsets[i+1]) (offsets has
/// n_series + 1 entries, non-decreasing), used as is.
inline std::vector<SeriesRef> ragged(const double* values, const std::size_t* offsets,
                                     std::size_t n_series) {
  std::vector<SeriesRef> out(n_series);
  for (std::size_t i = 0; i < n_series; ++i) {
    if (offsets[i + 1] < offsets[i]) throw DomainError("ragged: offsets must be non-decreasing");
    out[i] = {values + offsets[i], offsets[i + 1] - offsets[i]};
  }
  return out;
}

/// Per-series results of a batch: fits[i] empty when errors[i] is set.
struct BatchFit {
  std::vector<std::optional<EtsFit>> fits;
  std::vector<std::string> errors;  ///< "" for series that fitted
};

/// What a batch fits: one model for all series, or auto_ets per series.
struct BatchModel {
  std::optional<EtsSpec> spec;  ///< nullopt = automatic choice (auto_opt)
  EtsOptions fit;               ///< options of fit_ets
  AutoEtsOptions auto_opt;      ///< options of auto_ets
};

/// Fits every series (see BatchModel) on `threads` threads.
inline BatchFit fit_batch(const std::vector<SeriesRef>& series, const BatchModel& model,
                          unsigned threads = 0) {
  BatchFit r;
  r.fits.resize(series.size());
  r.errors.resize(series.size());
  detail::parallel_for_dynamic(series.size(), threads, 1, [&](std::size_t b, std::size_t e) {
    for (std::size_t i = b; i < e; ++i) {
      try {
        std::vector<double> y(series[i].data, series[i].data + series[i].size);
        r.fits[i] = model.spec ? fit_ets(y, *model.spec, model.fit) : auto_ets(y, model.auto_opt);
      } catch (const std::exception& ex) {
        r.errors[i] = ex.what();
      }
    }
  });
  return r;
}

/// Forecast matrices of a batch: rows = series, columns = h; NaN rows for failed fits.
struct BatchForecast {
  Eigen::MatrixXd mean;
  std::vector<Eigen::MatrixXd> lower, upper;  ///< one matrix per level
};

/// Forecasts every fitted series h steps ahead (threads as in fit_batch).
inline BatchForecast forecast_batch(const BatchFit& fits, int h, const ForecastOptions& o = {},
                                    unsigned threads = 0) {
  const Eigen::Index n = Eigen::Index(fits.fits.size());
  const double nan = std::numeric_limits<double>::quiet_NaN();
  BatchForecast r;
  r.mean = Eigen::MatrixXd::Constant(n, h, nan);
  r.lower.assign(o.levels.size(), r.mean);
  r.upper.assign(o.levels.size(), r.mean);
  detail::check_levels(o.levels);
  detail::parallel_for_dynamic(fits.fits.size(), threads, 1, [&](std::size_t b, std::size_t e) {
    for (std::size_t i = b; i < e; ++i) {
      if (!fits.fits[i]) continue;
      auto fc = forecast(*fits.fits[i], h, o);
      for (int j = 0; j < h; ++j) {
        r.mean(Eigen::Index(i), j) = fc.mean[std::size_t(j)];
        for (std::size_t l = 0; l < o.levels.size(); ++l) {
          r.lower[l](Eigen::Index(i), j) = fc.lower[l][std::size_t(j)];
          r.upper[l](Eigen::Index(i), j) = fc.upper[l][std::size_t(j)];
        }
      }
    }
  });
  return r;
}

}  // namespace okrkit
