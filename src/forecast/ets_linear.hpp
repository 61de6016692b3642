// okrkit — exact least-squares initial states for the linear ETS models (internal).
//
// For additive errors and no multiplicative seasonality the one-step forecasts
// are affine in the initial state x0 once (α, β, γ, φ) are fixed:
//   ŷ_t(x0) = ŷ_t(x_h) + Σ_k δ_k ŷ_t(e_k),  x0 = x_h + Σ_k δ_k e_k
// (the recursion is linear; a missing y_t propagates the state with a zero
// innovation, which is linear too). So min over x0 of the SSE is an ordinary
// least-squares problem, solved here exactly for every trial (α, β, γ, φ): the
// optimiser only searches the ≤ 4 smoothing parameters. R's ets and statsmodels
// search the initial states jointly with Nelder–Mead / L-BFGS-B; the concentrated
// problem reaches their optimum or a better one.
//
// The reduced state coordinates are [l0, b0 (trend), s_1 .. s_{m-1} (season)]
// with s_0 = −Σ s_j: the additive seasonal is identified only up to a shift
// against the level, the same normalisation R's ets uses.
#pragma once

#include <Eigen/Dense>
#include <cstddef>
#include <vector>

#include "ets_core.hpp"

namespace okrkit::detail {

/// Reusable buffers of the concentrated solve (one per thread).
struct LinearLsWork {
  std::vector<double> l, b, s, row, sc, yh;
  Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> x;
  Eigen::VectorXd z, yobs;
  Eigen::Index rows = 0;  ///< observed rows of x / z / yobs after the last solve
  Eigen::MatrixXd a;
  Eigen::VectorXd r, delta;
  Eigen::LDLT<Eigen::MatrixXd> ldlt;
};

/// Number of reduced state coordinates of a kernel's model.
inline int reduced_state_size(const EtsKernel& k) noexcept {
  return 1 + (k.trend ? 1 : 0) + (k.season != 0 ? k.m - 1 : 0);
}

/// Full state (l, b, buf[m]) from a base state plus reduced coordinates δ.
inline void apply_reduced(const EtsKernel& k, const double* delta, double& l, double& b,
                          double* buf) noexcept {
  int i = 0;
  l += delta[i++];
  if (k.trend) b += delta[i++];
  if (k.season != 0) {
    double sum = 0;
    for (int j = 1; j < k.m; ++j) {
      buf[j] += delta[i];
      sum += delta[i++];
    }
    buf[0] -= sum;
  }
}

/// The channel loop of concentrated_sse for additive errors and additive (or
/// no) seasonality: every update is driven by the one-step error d = y − ŷ.
template <bool Trend, bool Season>
Eigen::Index linear_pass(const EtsKernel& k, const double* y, std::size_t n, int c, int p,
                         LinearLsWork& w) {
  const std::size_t m = std::size_t(k.m);
  const double a = k.alpha, be = k.beta, g = k.gamma, phi = k.damped ? k.phi : 1.0;
  double* L = w.l.data();
  double* B = w.b.data();
  double* YH = w.yh.data();
  Eigen::Index rows = 0;
  for (std::size_t t = 0; t < n; ++t) {
    const double yt = y[t];
    const bool miss = std::isnan(yt);
    double* S = w.sc.data() + (t % m) * std::size_t(c);
    for (int ch = 0; ch < c; ++ch) {
      const double phib = Trend ? phi * B[ch] : 0.0;
      const double q = L[ch] + phib;
      const double so = Season ? S[ch] : 0.0;
      const double yhat = q + so;
      YH[ch] = yhat;
      const double obs = ch == 0 ? yt : 0.0;
      const double d = miss ? 0.0 : obs - yhat;
      L[ch] = q + a * d;
      if (Trend) B[ch] = phib + be * d;
      if (Season) S[ch] = so + g * d;
    }
    if (miss) continue;
    double* row = w.x.data() + rows * p;
    for (int ch = 1; ch < c; ++ch) row[ch - 1] = YH[ch];
    w.yobs[rows] = yt;
    w.z[rows++] = yt - YH[0];
  }
  return rows;
}

/// min over δ of the SSE from base state (l0, b0, s0[m]); writes δ (reduced
/// coordinates) into delta_out when non-null. Returns +inf when degenerate.
inline double concentrated_sse(const EtsKernel& k, const double* y, std::size_t n, double l0,
                               double b0, const double* s0, LinearLsWork& w,
                               double* delta_out = nullptr) {
  const int p = reduced_state_size(k);
  const int c = p + 1;  // channel 0 = data from the base state; 1..p = unit responses
  const std::size_t m = std::size_t(k.m);
  w.l.assign(std::size_t(c), 0.0);
  w.b.assign(std::size_t(c), 0.0);
  w.s.assign(std::size_t(c) * m, 0.0);
  w.row.assign(std::size_t(c), 0.0);
  w.l[0] = l0;
  w.b[0] = b0;
  if (k.season != 0)
    for (std::size_t j = 0; j < m; ++j) w.s[j] = s0[j];
  // Unit responses in reduced coordinates.
  {
    int i = 1;
    w.l[std::size_t(i++)] = 1.0;
    if (k.trend) w.b[std::size_t(i++)] = 1.0;
    if (k.season != 0)
      for (std::size_t j = 1; j < m; ++j, ++i) {
        w.s[std::size_t(i) * m + j] = 1.0;
        w.s[std::size_t(i) * m + 0] = -1.0;
      }
  }
  w.x.resize(Eigen::Index(n), p);
  w.z.resize(Eigen::Index(n));
  w.yobs.resize(Eigen::Index(n));
  // Channel-major state (SoA) so the loop over channels vectorises.
  w.sc.assign(m * std::size_t(c), 0.0);
  for (int ch = 0; ch < c; ++ch)
    for (std::size_t j = 0; j < m; ++j)
      w.sc[j * std::size_t(c) + std::size_t(ch)] = w.s[std::size_t(ch) * m + j];
  w.yh.assign(std::size_t(c), 0.0);
  Eigen::Index rows = 0;
  if (k.trend && k.season == 1)
    rows = linear_pass<true, true>(k, y, n, c, p, w);
  else if (k.trend)
    rows = linear_pass<true, false>(k, y, n, c, p, w);
  else if (k.season == 1)
    rows = linear_pass<false, true>(k, y, n, c, p, w);
  else
    rows = linear_pass<false, false>(k, y, n, c, p, w);
  w.rows = rows;
  auto X = w.x.topRows(rows);
  auto Z = w.z.head(rows);
  const double zz = Z.squaredNorm();
  if (!std::isfinite(zz)) return std::numeric_limits<double>::infinity();
  w.a.setZero(p, p);
  w.a.selfadjointView<Eigen::Lower>().rankUpdate(X.transpose());
  w.r.noalias() = X.transpose() * Z;
  w.a.triangularView<Eigen::StrictlyUpper>() = w.a.transpose();
  const double ridge = 1e-13 * std::max(1.0, w.a.diagonal().maxCoeff());
  w.a.diagonal().array() += ridge;
  w.ldlt.compute(w.a);
  w.delta = w.ldlt.solve(w.r);
  if (!w.delta.allFinite()) return std::numeric_limits<double>::infinity();
  double sse = zz - w.r.dot(w.delta);
  if (delta_out)
    for (int i = 0; i < p; ++i) delta_out[i] = w.delta[i];
  return sse > 0 ? sse : 0.0;
}

/// Maximum likelihood of a multiplicative-error model with a linear state
/// (MNN, MAN, MAdN, MNA, MAA, MAdA) over the reduced initial states, for the
/// parameters of the last concentrated_sse call (whose rows X and ŷ are
/// reused: ŷ(δ) = ŷ_base + Xδ exactly). Minimises n·log Σ r_t², r_t = e_t·G,
/// e_t = y_t/ŷ_t − 1, G = geometric mean of ŷ (= R's n·log Σe² + 2Σlog ŷ) by
/// Levenberg–Marquardt with the analytic Jacobian, from delta (updated).
inline double mult_error_states(LinearLsWork& w, int p, double* delta, int max_it = 60) {
  const Eigen::Index rows = w.rows;
  const double inf = std::numeric_limits<double>::infinity();
  if (rows == 0) return inf;
  auto X = w.x.topRows(rows);
  const Eigen::VectorXd y = w.yobs.head(rows);
  const Eigen::VectorXd yh0 = y - w.z.head(rows);
  Eigen::Map<Eigen::VectorXd> d(delta, p);
  Eigen::VectorXd yh(rows), r(rows), r1(rows), yh1(rows);
  auto eval = [&](const Eigen::VectorXd& dd, Eigen::VectorXd& yhat, Eigen::VectorXd& res) {
    yhat.noalias() = yh0 + X * dd;
    if (!(yhat.array() > 0).all()) return inf;
    const double g = std::exp(yhat.array().log().mean());
    res = (y.array() / yhat.array() - 1.0) * g;
    return double(rows) * std::log(res.squaredNorm());
  };
  Eigen::VectorXd dv = d;
  double f = eval(dv, yh, r);
  if (!std::isfinite(f)) return f;
  double lambda = 1e-3;
  Eigen::MatrixXd jac(rows, p), jtj(p, p), a(p, p);
  Eigen::VectorXd jtr(p), step(p), v(p), dn(p);
  for (int it = 0; it < max_it; ++it) {
    const double g = std::exp(yh.array().log().mean());
    v = (X.array().colwise() / yh.array()).colwise().mean().transpose();
    jac = (X.array().colwise() * (-g * y.array() / yh.array().square())).matrix();
    jac.noalias() += r * v.transpose();
    jtj.noalias() = jac.transpose() * jac;
    jtr.noalias() = jac.transpose() * r;
    bool improved = false, moved = false;
    for (int tries = 0; tries < 10; ++tries) {
      a = jtj;
      a.diagonal().array() += lambda * (jtj.diagonal().array() + 1e-12);
      step = a.ldlt().solve(-jtr);
      // Converged when even the Gauss–Newton model promises no relative
      // decrease of Σr² above 1e-10 (saves the failing λ increases).
      if (tries == 0 && -(2.0 * jtr.dot(step) + step.dot(jtj * step)) <= 1e-10 * r.squaredNorm())
        break;
      dn = dv + step;
      double f1 = eval(dn, yh1, r1);
      if (f1 < f) {
        improved = f - f1 > 1e-12 * std::abs(f);
        moved = true;
        dv = dn;
        yh.swap(yh1);
        r.swap(r1);
        f = f1;
        lambda = std::max(lambda / 4.0, 1e-12);
        break;
      }
      lambda *= 8.0;
    }
    if (!moved || !improved) break;
  }
  d = dv;
  return f;
}

}  // namespace okrkit::detail
