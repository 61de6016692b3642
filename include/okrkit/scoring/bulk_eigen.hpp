// okrkit — the Eigen front end of bulk scoring (include/okrkit/scoring/bulk.hpp):
// Eigen arrays in, the same kernels. Opt-in, like fmt's <fmt/ranges.h>: neither
// <okrkit/scoring.hpp> nor <okrkit/okrkit.hpp> includes it, because Eigen/Core
// is most of what including okrkit would otherwise cost a host's compile
// (docs/performance.md, "Compile cost of the headers"). Include it where you
// call score_bulk with Eigen arrays.
#pragma once

#include <cstddef>
#include <cstdint>

#include <Eigen/Core>

#include "okrkit/core/error.hpp"
#include "okrkit/scoring/bulk.hpp"

namespace okrkit {

/// Eigen front end: kind codes, b, t, v, per-row cap -> progress, attainment.
inline BulkSummary score_bulk(
    const Eigen::Ref<const Eigen::Array<std::uint8_t, Eigen::Dynamic, 1>>& kind,
    const Eigen::Ref<const Eigen::ArrayXd>& baseline,
    const Eigen::Ref<const Eigen::ArrayXd>& target, const Eigen::Ref<const Eigen::ArrayXd>& value,
    const Eigen::Ref<const Eigen::ArrayXd>& cap, Eigen::Ref<Eigen::ArrayXd> progress,
    Eigen::Ref<Eigen::ArrayXd> attainment, unsigned threads = 1) {
  const Eigen::Index n = value.size();
  if (kind.size() != n || baseline.size() != n || target.size() != n || cap.size() != n ||
      progress.size() != n || attainment.size() != n)
    throw DomainError("bulk scoring: all arrays must have the same length");
  BulkColumns c;
  c.size = static_cast<std::size_t>(n);
  c.kind = kind.data();
  c.baseline = baseline.data();
  c.target = target.data();
  c.value = value.data();
  c.cap = cap.data();
  return score_bulk(c, BulkOutput{progress.data(), attainment.data(), nullptr}, threads);
}

}  // namespace okrkit
