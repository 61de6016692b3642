// okrkit — model validation: every problem at once, each with its place.
#pragma once

#include <vector>

#include "okrkit/core/error.hpp"
#include "okrkit/model/model.hpp"
#include "okrkit/series/series.hpp"

namespace okrkit {

/// All problems of a model: duplicate ids, dangling references, alignment
/// cycles, weights <= 0 or NaN, baseline == target where meaningless, due
/// before start, derived-KPI formulas that do not parse ("formula-error"), ...
/// Errors and warnings, in node order. Never throws.
std::vector<Diagnostic> validate(const Model& model);

/// validate(model) plus the model against its data: every series a key
/// result, KPI or formula names must be in `data` ("unknown-series", naming
/// node and field, with "did you mean 'x'?" from the data's series ids when
/// one is close; an info when check-ins or an override give the value). A
/// misspelt series would otherwise only show as no data.
std::vector<Diagnostic> validate(const Model& model, const SeriesStore& data);

/// Throw ValidationError if validate() finds any error-severity problem.
void check(const Model& model);

}  // namespace okrkit
