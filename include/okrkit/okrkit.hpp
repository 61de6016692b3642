// okrkit — umbrella header: everything public.
#pragma once

#include "okrkit/version.hpp"
#include "okrkit/error.hpp"
#include "okrkit/date.hpp"
// model and its I/O
#include "okrkit/target.hpp"
#include "okrkit/model.hpp"
#include "okrkit/validate.hpp"
#include "okrkit/atomic_file.hpp"
#include "okrkit/model_io.hpp"
// measurements, periods, aggregation, formulas
#include "okrkit/series.hpp"
#include "okrkit/measurements_io.hpp"
#include "okrkit/calendar.hpp"
#include "okrkit/period.hpp"
#include "okrkit/aggregate.hpp"
#include "okrkit/expr.hpp"
#include "okrkit/kpi_formulas.hpp"
// scoring
#include "okrkit/progress.hpp"
#include "okrkit/grade.hpp"
#include "okrkit/status.hpp"
#include "okrkit/rollup.hpp"
#include "okrkit/bulk.hpp"
#include "okrkit/scorecard.hpp"
#include "okrkit/scorecard_io.hpp"
// trend and forecast
#include "okrkit/trend.hpp"
#include "okrkit/trend_rows.hpp"
#include "okrkit/forecast.hpp"
#include "okrkit/forecast_batch.hpp"
// lint and appraisal
#include "okrkit/lint.hpp"
#include "okrkit/appraisal.hpp"
