// okrkit — umbrella header for core/: the vocabulary every other header uses: errors and
// diagnostics, the version, forward declarations. Include a single header from include/okrkit/core/
// to pay for less.
#pragma once

#include <okrkit/core/version.hpp>
#include <okrkit/core/error.hpp>
#include <okrkit/core/fwd.hpp>
#include <okrkit/core/values.hpp>
