// okrkit — umbrella header for forecast/: exponential smoothing (ETS): model types, fitting,
// automatic choice, forecasts and target questions. Include a single header from
// include/okrkit/forecast/ to pay for less.
//
// Opt-in headers (fmt's way, as <fmt/ranges.h>): the APIs whose signatures carry Eigen types are
// not included here nor by <okrkit/okrkit.hpp>, so that including okrkit does not parse Eigen.
// Include them where you use them:
//   <okrkit/forecast/forecast_batch.hpp>   fit_many / forecast_many: many series on threads
//   <okrkit/forecast/simulate_paths.hpp>   the simulated sample paths of a forecast
//   <okrkit/forecast/reconcile.hpp>        hierarchical reconciliation (bottom-up, MinT, ...)
//   <okrkit/forecast/model_hierarchy.hpp>  the hierarchy a model's sums imply
//   <okrkit/forecast/period_series.hpp>    series on a period axis, their correlation
#pragma once

#include <okrkit/forecast/ets_types.hpp>
#include <okrkit/forecast/ets.hpp>
#include <okrkit/forecast/forecast.hpp>
