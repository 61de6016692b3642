// Benchmark: the distribution functions of src/detail/distributions.cpp
// (Boost.Math, no double promotion, no exceptions) against Boost.Math with its
// default policy (double promoted to long double inside) and, for the normal
// CDF, Boost's cdf against the std::erfc formula the library keeps. Per call,
// best of 5, over the arguments the trend and forecast code passes (p-values
// of t statistics with 3-1000 df, 95 % quantiles, normal quantiles over
// (0, 1) and both tails). docs/performance.md records a run and why each
// choice was made. Ends with ratio=<default-policy time / library time> for
// the Student t quantile (the one that runs once per series in
// linear_trend_rows).
//   bench_distributions
#include <okrkit/detail/distributions.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <random>
#include <vector>

#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/students_t.hpp>

namespace {

namespace bm = boost::math;
namespace bmp = boost::math::policies;
using Promoting =
    bmp::policy<bmp::domain_error<bmp::ignore_error>, bmp::overflow_error<bmp::ignore_error>,
                bmp::evaluation_error<bmp::ignore_error>>;

volatile double sink;

template <class Args, class F>
double ns_per_call(const Args& args, F f) {
  double best = 1e300;
  for (int r = 0; r < 5; ++r) {
    double s = 0;
    const auto t0 = std::chrono::steady_clock::now();
    for (const auto& a : args) s += f(a);
    const auto t1 = std::chrono::steady_clock::now();
    sink = s;
    best = std::min(best, std::chrono::duration<double, std::nano>(t1 - t0).count());
  }
  return best / double(args.size());
}

}  // namespace

int main() {
  std::mt19937_64 g(2024);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  std::vector<double> ps;  // normal quantile: uniform over (0, 1) and log-uniform tails
  for (int i = 0; i < 20000; ++i) ps.push_back(u(g));
  for (int i = 0; i < 10000; ++i) ps.push_back(std::pow(10.0, -1.0 - 299.0 * u(g)));
  for (int i = 0; i < 10000; ++i) ps.push_back(1.0 - std::pow(10.0, -1.0 - 15.0 * u(g)));
  std::vector<double> xs;  // normal CDF arguments
  for (int i = 0; i < 20000; ++i) xs.push_back(-38.0 + 47.0 * u(g));
  struct TArg {
    double t, df;
  };
  std::vector<TArg> ts, qs;  // t statistics and quantile levels, df 3..1000
  const double dfs[] = {3, 4, 5, 8, 10, 22, 34, 58, 100, 1000};
  for (int i = 0; i < 2000; ++i)
    for (double df : dfs) {
      ts.push_back({(u(g) - 0.5) * 20.0, df});
      if (i < 200) qs.push_back({0.95 + 0.049 * u(g), df});
    }

  const double nq_lib =
      ns_per_call(ps, [](double p) { return okrkit::detail::normal_quantile(p); });
  const double nq_def = ns_per_call(
      ps, [](double p) { return bm::quantile(bm::normal_distribution<double, Promoting>(), p); });
  const double nc_lib = ns_per_call(xs, [](double x) { return okrkit::detail::normal_cdf(x); });
  const double nc_boost = ns_per_call(xs, [](double x) {
    return bm::cdf(bm::normal_distribution<double, bmp::policy<bmp::promote_double<false>>>(), x);
  });
  const double tp_lib = ns_per_call(
      ts, [](const TArg& a) { return okrkit::detail::student_t_two_sided_p(a.t, a.df); });
  const double tp_def = ns_per_call(ts, [](const TArg& a) {
    return 2 * bm::cdf(bm::complement(bm::students_t_distribution<double, Promoting>(a.df),
                                      std::fabs(a.t)));
  });
  const double tq_lib =
      ns_per_call(qs, [](const TArg& a) { return okrkit::detail::student_t_quantile(a.t, a.df); });
  const double tq_def = ns_per_call(qs, [](const TArg& a) {
    return bm::quantile(bm::students_t_distribution<double, Promoting>(a.df), a.t);
  });

  std::printf("normal quantile      library %7.1f ns   Boost default policy %7.1f ns\n", nq_lib,
              nq_def);
  std::printf("normal CDF           library %7.1f ns   Boost cdf (no promotion) %7.1f ns\n", nc_lib,
              nc_boost);
  std::printf("t two-sided p-value  library %7.1f ns   Boost default policy %7.1f ns\n", tp_lib,
              tp_def);
  std::printf("t quantile           library %7.1f ns   Boost default policy %7.1f ns\n", tq_lib,
              tq_def);
  std::printf("ratio=%.3f\n", tq_def / tq_lib);
}
