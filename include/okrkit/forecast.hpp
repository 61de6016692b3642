// okrkit — umbrella header for forecast/: exponential smoothing (ETS): model types, fitting,
// automatic choice, forecasts and target questions, batches; hierarchical reconciliation. Include a
// single header from include/okrkit/forecast/ to pay for less.
#pragma once

#include <okrkit/forecast/ets_types.hpp>
#include <okrkit/forecast/ets.hpp>
#include <okrkit/forecast/forecast.hpp>
#include <okrkit/forecast/forecast_batch.hpp>
#include <okrkit/forecast/reconcile.hpp>
#include <okrkit/forecast/model_hierarchy.hpp>
