// okrkit — model validation: every problem at once, each with its place.
#pragma once

#include <vector>

#include "okrkit/core/error.hpp"
#include "okrkit/model/model.hpp"

namespace okrkit {

/// All problems of a model: duplicate ids, dangling references, alignment
/// cycles, weights <= 0 or NaN, baseline == target where meaningless, due
/// before start, ... Errors and warnings, in node order. Never throws.
std::vector<Diagnostic> validate(const Model& model);

/// Throw ValidationError if validate() finds any error-severity problem.
void check(const Model& model);

}  // namespace okrkit
