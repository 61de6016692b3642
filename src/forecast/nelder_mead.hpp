// okrkit — a small box-constrained Nelder–Mead minimiser (internal).
//
// Used by the exponential-smoothing fits. Points outside the box are projected
// onto it (clamped) before every evaluation, which keeps the method robust
// when the optimum sits on a bound (β at its lower bound is common). Callers
// restart it from its own answer (see restart_nelder_mead): a restart rebuilds
// a simplex that collapsed against a bound, the classic weakness of the method.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <numeric>
#include <vector>

namespace okrkit::detail {

/// Stopping rules for nelder_mead.
struct NmOptions {
  int max_evals = 2000;  ///< objective evaluations per run
  double ftol = 1e-10;   ///< relative spread of simplex values at convergence
  double xtol = 1e-7;    ///< simplex diameter (box units) at convergence
  double step = 0.1;     ///< initial simplex edge, as a fraction of each box side
};

/// Minimise f over the box [lo, hi] from x (updated in place); returns f(x).
/// f must accept a const std::vector<double>& and may return +inf for
/// infeasible points. The number of evaluations used is added to *evals.
template <class F>
double nelder_mead(F&& f, std::vector<double>& x, const std::vector<double>& lo,
                   const std::vector<double>& hi, const NmOptions& opt, int* evals = nullptr) {
  const std::size_t k = x.size();
  auto clamp = [&](std::vector<double>& p) {
    for (std::size_t i = 0; i < k; ++i) p[i] = std::min(hi[i], std::max(lo[i], p[i]));
  };
  int used = 0;
  auto eval = [&](std::vector<double>& p) {
    clamp(p);
    ++used;
    double v = f(p);
    return std::isnan(v) ? std::numeric_limits<double>::infinity() : v;
  };
  if (k == 0) {
    double v = eval(x);
    if (evals) *evals += used;
    return v;
  }
  std::vector<std::vector<double>> pts(k + 1, x);
  std::vector<double> fv(k + 1);
  clamp(pts[0]);
  fv[0] = eval(pts[0]);
  for (std::size_t i = 0; i < k; ++i) {
    double span = hi[i] - lo[i];
    double d = opt.step * (std::isfinite(span) ? span : 1.0);
    if (d == 0.0) d = 1e-4;
    auto& p = pts[i + 1];
    // Step inwards when a step outwards would leave the box.
    p[i] = (p[i] + d <= hi[i]) ? p[i] + d : p[i] - d;
    fv[i + 1] = eval(p);
  }
  std::vector<std::size_t> ord(k + 1);
  std::vector<double> c(k), xr(k), xe(k), xc(k);
  while (used < opt.max_evals) {
    std::iota(ord.begin(), ord.end(), std::size_t{0});
    std::sort(ord.begin(), ord.end(), [&](std::size_t a, std::size_t b) { return fv[a] < fv[b]; });
    const std::size_t best = ord[0], worst = ord[k], second = ord[k - 1];
    // Convergence: values and points both tight.
    double fb = fv[best], fw = fv[worst];
    double diam = 0.0;
    for (std::size_t j = 1; j <= k; ++j)
      for (std::size_t i = 0; i < k; ++i) {
        double span = hi[i] - lo[i];
        double sc = std::isfinite(span) && span > 0 ? span : 1.0;
        diam = std::max(diam, std::abs(pts[ord[j]][i] - pts[best][i]) / sc);
      }
    if (std::isfinite(fw) && std::abs(fw - fb) <= opt.ftol * (std::abs(fb) + 1e-300) &&
        diam <= opt.xtol)
      break;
    if (std::isfinite(fw) && std::abs(fw - fb) <= 1e-15 * (std::abs(fb) + 1e-300) && diam <= 1e-6)
      break;
    std::fill(c.begin(), c.end(), 0.0);
    for (std::size_t j = 0; j < k; ++j)
      for (std::size_t i = 0; i < k; ++i) c[i] += pts[ord[j]][i] / double(k);
    for (std::size_t i = 0; i < k; ++i) xr[i] = c[i] + (c[i] - pts[worst][i]);
    double fr = eval(xr);
    if (fr < fv[best]) {
      for (std::size_t i = 0; i < k; ++i) xe[i] = c[i] + 2.0 * (c[i] - pts[worst][i]);
      double fe = eval(xe);
      if (fe < fr) {
        pts[worst] = xe;
        fv[worst] = fe;
      } else {
        pts[worst] = xr;
        fv[worst] = fr;
      }
      continue;
    }
    if (fr < fv[second]) {
      pts[worst] = xr;
      fv[worst] = fr;
      continue;
    }
    // Contraction: outside if the reflection helped a little, else inside.
    bool outside = fr < fv[worst];
    for (std::size_t i = 0; i < k; ++i)
      xc[i] = outside ? c[i] + 0.5 * (xr[i] - c[i]) : c[i] + 0.5 * (pts[worst][i] - c[i]);
    double fc = eval(xc);
    if (fc < (outside ? fr : fv[worst])) {
      pts[worst] = xc;
      fv[worst] = fc;
      continue;
    }
    // Shrink towards the best point.
    for (std::size_t j = 1; j <= k; ++j) {
      auto& p = pts[ord[j]];
      for (std::size_t i = 0; i < k; ++i) p[i] = pts[best][i] + 0.5 * (p[i] - pts[best][i]);
      fv[ord[j]] = eval(p);
    }
  }
  std::size_t b = static_cast<std::size_t>(std::min_element(fv.begin(), fv.end()) - fv.begin());
  x = pts[b];
  if (evals) *evals += used;
  return fv[b];
}

/// Nelder–Mead restarted from its own answer until a restart stops improving
/// (at most max_restarts times), each restart with a smaller simplex.
template <class F>
double restart_nelder_mead(F&& f, std::vector<double>& x, const std::vector<double>& lo,
                           const std::vector<double>& hi, NmOptions opt, int max_restarts = 3,
                           int* evals = nullptr) {
  double best = nelder_mead(f, x, lo, hi, opt, evals);
  for (int r = 0; r < max_restarts; ++r) {
    opt.step = std::max(opt.step * 0.5, 1e-3);
    std::vector<double> y = x;
    double v = nelder_mead(f, y, lo, hi, opt, evals);
    bool better = v < best - 1e-13 * std::abs(best);
    if (v <= best) {
      best = v;
      x = y;
    }
    if (!better) break;
  }
  return best;
}

}  // namespace okrkit::detail
