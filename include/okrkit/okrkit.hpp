// okrkit — umbrella header: everything public, one umbrella per concern folder.
// Each folder's umbrella (e.g. <okrkit/scoring.hpp>) or a single header in it
// costs less to compile; docs/architecture.md lists what each folder holds.
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
