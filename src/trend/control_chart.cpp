// okrkit — XmR chart (include/okrkit/trend/control_chart.hpp).
#include <okrkit/trend/control_chart.hpp>

#include <cmath>
#include <cstddef>

#include "trend/trend_common.hpp"

namespace okrkit {

XmR xmr(const double* y, std::size_t n, std::size_t run_length, std::size_t trend_length) {
  if (run_length < 2 || trend_length < 2) throw DomainError("xmr: run lengths must be at least 2");
  detail::Compacted c = detail::compact("xmr", nullptr, y, n);
  const std::size_t m = c.y.size();
  if (m < 2) detail::throw_too_short("xmr", m, 2, "non-missing values");
  XmR r;
  r.n = m;
  r.dropped = c.dropped;
  r.centre = detail::accurate_mean(c.y.data(), m);
  detail::CompensatedSum mr;
  for (std::size_t k = 1; k < m; ++k) mr.add(std::fabs(c.y[k] - c.y[k - 1]));
  r.mean_moving_range = mr.value() / static_cast<double>(m - 1);
  r.upper = r.centre + 2.66 * r.mean_moving_range;
  r.lower = r.centre - 2.66 * r.mean_moving_range;
  r.range_upper = 3.268 * r.mean_moving_range;
  auto pos = [&](std::size_t k) { return static_cast<std::size_t>(c.t[k]); };
  for (std::size_t k = 0; k < m; ++k)
    if (c.y[k] > r.upper || c.y[k] < r.lower) r.beyond_limits.push_back(pos(k));
  // Runs: scan maximal runs, flag all members of those long enough.
  auto flag_runs = [&](auto key, std::size_t need, std::size_t first,
                       std::vector<std::size_t>& out) {
    // key(k) in {-1, 0, +1}; a run is a maximal stretch of equal non-zero keys.
    std::size_t k = first;
    while (k < m) {
      const int s = key(k);
      std::size_t j = k + 1;
      while (j < m && s != 0 && key(j) == s) ++j;
      if (s != 0 && j - k >= need) {
        // For the trend rule key(k) describes the step into point k, so the
        // run of points starts one earlier.
        for (std::size_t q = (first == 1 ? k - 1 : k); q < j; ++q)
          if (out.empty() || out.back() != pos(q)) out.push_back(pos(q));  // shared turning point
      }
      k = j;
    }
  };
  flag_runs([&](std::size_t k) { return (c.y[k] > r.centre) - (c.y[k] < r.centre); }, run_length, 0,
            r.one_side_run);
  // trend_length points make trend_length − 1 steps in one direction.
  flag_runs([&](std::size_t k) { return (c.y[k] > c.y[k - 1]) - (c.y[k] < c.y[k - 1]); },
            trend_length - 1, 1, r.trend_run);
  return r;
}

XmR xmr(Values y, std::size_t run_length, std::size_t trend_length) {
  return xmr(y.data(), y.size(), run_length, trend_length);
}

}  // namespace okrkit
