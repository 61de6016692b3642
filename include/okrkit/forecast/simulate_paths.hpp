// okrkit — simulated sample paths of an ETS forecast, as an Eigen matrix.
// Opt-in, like fmt's <fmt/ranges.h>: neither <okrkit/forecast.hpp> nor
// <okrkit/okrkit.hpp> includes it, because its Eigen return type would make
// every includer parse Eigen/Core (docs/performance.md, "Compile cost of the
// headers"). forecast() and the target questions (forecast.hpp) simulate for
// you; include this only to get the paths themselves.
#pragma once

#include <cstdint>

#include <Eigen/Core>

#include "okrkit/forecast/ets_types.hpp"

namespace okrkit {

/// n_paths simulated future paths of length h (row = path), from the end of the
/// fit with N(0, σ²) innovations; reproducible for a given seed.
Eigen::MatrixXd simulate_paths(const EtsFit& f, int h, int n_paths, std::uint64_t seed);

}  // namespace okrkit
