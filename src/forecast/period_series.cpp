// okrkit — series on a period axis (include/okrkit/forecast/period_series.hpp).
#include <okrkit/forecast/period_series.hpp>

#include <algorithm>
#include <cmath>
#include <limits>

#include <Eigen/Eigenvalues>

namespace okrkit {

Eigen::MatrixXd common_periods(const std::vector<const PeriodSeries*>& series) {
  const auto n = static_cast<Eigen::Index>(series.size());
  if (series.empty()) return Eigen::MatrixXd(0, 0);
  std::int64_t lo = std::numeric_limits<std::int64_t>::min();
  std::int64_t hi = std::numeric_limits<std::int64_t>::max();
  for (const PeriodSeries* s : series) {
    if (s->empty() || s->kind != series[0]->kind) return Eigen::MatrixXd(n, 0);
    lo = std::max<std::int64_t>(lo, s->first);
    hi = std::min<std::int64_t>(
        hi, static_cast<std::int64_t>(s->first) + static_cast<std::int64_t>(s->values.size()));
  }
  std::vector<std::int64_t> keep;
  for (std::int64_t p = lo; p < hi; ++p) {
    bool all = true;
    for (const PeriodSeries* s : series)
      all = all && !std::isnan(s->values[static_cast<std::size_t>(p - s->first)]);
    if (all) keep.push_back(p);
  }
  Eigen::MatrixXd out(n, static_cast<Eigen::Index>(keep.size()));
  for (Eigen::Index i = 0; i < n; ++i)
    for (std::size_t c = 0; c < keep.size(); ++c)
      out(i, static_cast<Eigen::Index>(c)) =
          series[static_cast<std::size_t>(i)]->values[static_cast<std::size_t>(
              keep[c] - series[static_cast<std::size_t>(i)]->first)];
  return out;
}

namespace {

double pair_correlation(const PeriodSeries& a, const PeriodSeries& b, std::size_t min_overlap) {
  if (a.empty() || b.empty() || a.kind != b.kind) return 0.0;
  const std::int64_t lo = std::max(a.first, b.first);
  const std::int64_t hi =
      std::min(static_cast<std::int64_t>(a.first) + static_cast<std::int64_t>(a.values.size()),
               static_cast<std::int64_t>(b.first) + static_cast<std::int64_t>(b.values.size()));
  std::vector<double> x, y;
  for (std::int64_t p = lo; p < hi; ++p) {
    const double u = a.values[static_cast<std::size_t>(p - a.first)];
    const double v = b.values[static_cast<std::size_t>(p - b.first)];
    if (std::isnan(u) || std::isnan(v)) continue;
    x.push_back(u);
    y.push_back(v);
  }
  if (x.size() < std::max<std::size_t>(min_overlap, 2)) return 0.0;
  const double k = static_cast<double>(x.size());
  double mx = 0, my = 0;
  for (std::size_t t = 0; t < x.size(); ++t) {
    mx += x[t];
    my += y[t];
  }
  mx /= k;
  my /= k;
  double sxy = 0, sxx = 0, syy = 0;
  for (std::size_t t = 0; t < x.size(); ++t) {
    sxy += (x[t] - mx) * (y[t] - my);
    sxx += (x[t] - mx) * (x[t] - mx);
    syy += (y[t] - my) * (y[t] - my);
  }
  if (!(sxx > 0) || !(syy > 0)) return 0.0;
  return std::clamp(sxy / std::sqrt(sxx * syy), -1.0, 1.0);
}

}  // namespace

Eigen::MatrixXd correlation_factor(const std::vector<const PeriodSeries*>& series,
                                   std::size_t min_overlap, double* lambda) {
  const auto n = static_cast<Eigen::Index>(series.size());
  Eigen::MatrixXd R = Eigen::MatrixXd::Identity(n, n);
  for (Eigen::Index i = 0; i < n; ++i)
    for (Eigen::Index j = 0; j < i; ++j)
      R(i, j) = R(j, i) = pair_correlation(*series[static_cast<std::size_t>(i)],
                                           *series[static_cast<std::size_t>(j)], min_overlap);
  if (R.isIdentity(0.0)) {  // no correlation: independent draws, exactly as without a family
    if (lambda != nullptr) *lambda = 0.0;
    return R;
  }
  for (int step = 0; step <= 20; ++step) {
    const double lam = 0.05 * step;
    Eigen::MatrixXd Rl = (1.0 - lam) * R;
    Rl.diagonal().setOnes();
    const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> es(Rl);
    if (es.info() != Eigen::Success) continue;
    const Eigen::VectorXd ev = es.eigenvalues();
    if (!ev.allFinite() || ev.minCoeff() < -1e-10) continue;
    if (lambda != nullptr) *lambda = lam;
    return es.eigenvectors() * ev.cwiseMax(0.0).cwiseSqrt().asDiagonal();
  }
  if (lambda != nullptr) *lambda = 1.0;
  return Eigen::MatrixXd::Identity(n, n);
}

}  // namespace okrkit
