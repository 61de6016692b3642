// okrkit — umbrella header: everything public, one umbrella per concern folder.
// Each folder's umbrella (e.g. <okrkit/scoring.hpp>) or a single header in it
// costs less to compile; docs/architecture.md lists what each folder holds.
//
// No Eigen is parsed here. The few APIs with Eigen types in their signatures
// live in opt-in headers that this one does not include (fmt's way, as
// <fmt/ranges.h>); include them where you use them:
//   <okrkit/scoring/bulk_eigen.hpp>        score_bulk on Eigen arrays
//   <okrkit/forecast/forecast_batch.hpp>   fit_many / forecast_many
//   <okrkit/forecast/simulate_paths.hpp>   simulated forecast paths
//   <okrkit/forecast/reconcile.hpp>        hierarchical reconciliation
//   <okrkit/forecast/model_hierarchy.hpp>  the hierarchy a model implies
//   <okrkit/forecast/period_series.hpp>    period series, their correlation
// docs/performance.md ("Compile cost of the headers") says why.
#pragma once

#include <okrkit/core.hpp>
#include <okrkit/time.hpp>
#include <okrkit/model.hpp>
#include <okrkit/series.hpp>
#include <okrkit/formulas.hpp>
#include <okrkit/scoring.hpp>
#include <okrkit/trend.hpp>
#include <okrkit/forecast.hpp>
#include <okrkit/io.hpp>
#include <okrkit/lint.hpp>
#include <okrkit/appraisal.hpp>
#include <okrkit/review.hpp>
