// Concurrency (docs/reliability.md: "the core is pure and thread-safe"): a
// const Model + SeriesStore scored by evaluate() from 8 threads at once gives
// results identical, bit for bit, to a single-threaded run; so do bulk
// scoring, batch forecasting and one shared Expression. Built and run under
// ThreadSanitizer by `./scripts/test --tsan`, which turns any data race into a
// failure; in the plain and ASan builds it checks the results only.
#include <catch2/catch.hpp>

#include <okrkit/scoring/bulk.hpp>
#include <okrkit/formulas/expr.hpp>
#include <okrkit/forecast/forecast_batch.hpp>
#include <okrkit/io/measurements_io.hpp>
#include <okrkit/io/model_io.hpp>
#include <okrkit/scoring/scorecard.hpp>

#include <cmath>
#include <cstring>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include "generated_org.hpp"

using namespace okrkit;

namespace {

constexpr int kThreads = 8;

// Equal as bits (so NaN == NaN and -0 != +0): "identical", not "close".
bool same_bits(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }

// Every field of two scorecards, in order; returns the first difference.
std::string first_difference(const Scorecard& a, const Scorecard& b) {
  if (a.nodes.size() != b.nodes.size()) return "node count";
  if (!(a.diagnostics == b.diagnostics)) return "model diagnostics";
  for (std::size_t i = 0; i < a.nodes.size(); ++i) {
    const NodeScore& x = a.nodes[i];
    const NodeScore& y = b.nodes[i];
    const double xs[] = {x.value,       x.baseline,   x.target, x.progress,
                         x.performance, x.attainment, x.grade,  x.expected};
    const double ys[] = {y.value,       y.baseline,   y.target, y.progress,
                         y.performance, y.attainment, y.grade,  y.expected};
    for (std::size_t k = 0; k < sizeof xs / sizeof xs[0]; ++k)
      if (!same_bits(xs[k], ys[k])) return x.id + ": number " + std::to_string(k);
    if (x.id != y.id || x.kind != y.kind || x.parent != y.parent || x.unit != y.unit ||
        x.band != y.band || x.rating != y.rating || x.rule_label != y.rule_label ||
        x.status != y.status || x.health != y.health || x.confidence != y.confidence ||
        x.value_date != y.value_date || x.value_source != y.value_source ||
        x.score_source != y.score_source || x.incomplete != y.incomplete ||
        !(x.diagnostics == y.diagnostics))
      return x.id + ": labels or diagnostics";
  }
  return "";
}

// Runs `fn(t)` on kThreads threads started together, each writing its own slot.
template <class R>
std::vector<R> on_threads(const std::function<R(int)>& fn) {
  std::vector<R> out(kThreads);
  std::vector<std::thread> pool;
  for (int t = 0; t < kThreads; ++t) pool.emplace_back([&, t] { out[std::size_t(t)] = fn(t); });
  for (auto& th : pool) th.join();
  return out;
}

void check_evaluate_concurrently(const Model& m, const SeriesStore& s, Date as_of) {
  const Scorecard reference = evaluate(m, s, as_of);
  REQUIRE(!reference.nodes.empty());
  // Half the threads also split their own evaluate() over 2 worker threads.
  const auto results = on_threads<Scorecard>([&](int t) {
    EvaluateOptions o;
    o.threads = t % 2 ? 2u : 1u;
    return evaluate(m, s, as_of, o);
  });
  for (const auto& r : results) CHECK(first_difference(reference, r) == "");
}

}  // namespace

TEST_CASE("the bundled example scored from 8 threads equals a single-threaded run") {
  const Model m = load_model(std::string(OKRKIT_EXAMPLES_DIR) + "/acme.json");
  const SeriesStore s =
      load_measurements(std::string(OKRKIT_EXAMPLES_DIR) + "/acme-measurements.csv");
  check_evaluate_concurrently(m, s, Date(2025, 5, 16));
  check_evaluate_concurrently(m, s, Date(2025, 6, 30));
}

TEST_CASE("a generated organisation scored from 8 threads equals a single-threaded run") {
  // 300 units = 6,000 scored nodes, 3 levels of alignment, NaN gaps in the data.
  testing::OrgShape shape;
  shape.units = 300;
  shape.points = 6;
  shape.nan_share = 0.1;
  shape.poison = true;
  const auto g = testing::generate_org(shape);
  check_evaluate_concurrently(g.model, g.series, Date(2025, 6, 30));
}

TEST_CASE("bulk scoring from 8 threads equals a single-threaded run") {
  const std::size_t n = 20000;
  std::vector<std::uint8_t> kind(n);
  std::vector<double> b(n), t(n), v(n);
  for (std::size_t i = 0; i < n; ++i) {
    kind[i] = std::uint8_t(i % 2);  // increase / decrease codes
    b[i] = double(i % 17);
    t[i] = i % 2 ? b[i] - 5 : b[i] + 10;
    v[i] = i % 97 == 0 ? std::nan("") : b[i] + double(i % 13) - 3;
  }
  kind[0] = kind_code(TargetKind::increase);
  kind[1] = kind_code(TargetKind::decrease);
  BulkColumns c;
  c.size = n;
  c.kind = kind.data();
  c.baseline = b.data();
  c.target = t.data();
  c.value = v.data();
  std::vector<double> p1(n), a1(n);
  const BulkSummary s1 = score_bulk(c, {p1.data(), a1.data(), nullptr}, 1);
  // Each thread scores the shared input, itself split over 2 threads.
  const auto outs = on_threads<std::vector<double>>([&](int) {
    std::vector<double> p(n), a(n);
    const BulkSummary s = score_bulk(c, {p.data(), a.data(), nullptr}, 2);
    if (s.nan_progress != s1.nan_progress) return std::vector<double>{};
    p.insert(p.end(), a.begin(), a.end());
    return p;
  });
  std::vector<double> want = p1;
  want.insert(want.end(), a1.begin(), a1.end());
  for (const auto& o : outs) {
    REQUIRE(o.size() == want.size());
    CHECK(std::memcmp(o.data(), want.data(), want.size() * sizeof(double)) == 0);
  }
}

TEST_CASE("batch forecasting from 8 threads equals a single-threaded run") {
  const int rows = 12, cols = 24;
  Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> y(rows, cols);
  for (int i = 0; i < rows; ++i)
    for (int j = 0; j < cols; ++j)
      y(i, j) = 100 + 3 * i + 0.5 * j + 4 * std::sin(2 * M_PI * j / 4.0) + std::cos(7.0 * i * j);
  const auto series = rows_of(y);
  BatchModel bm;
  bm.spec = EtsSpec::parse("AAN");
  const BatchFit ref = fit_batch(series, bm, 1);
  ForecastOptions fo;
  fo.levels = {80.0, 95.0};
  const BatchForecast ref_fc = forecast_batch(ref, 6, fo, 1);
  const auto results = on_threads<Eigen::MatrixXd>([&](int) {
    const BatchFit f = fit_batch(series, bm, 2);
    const BatchForecast fc = forecast_batch(f, 6, fo, 2);
    Eigen::MatrixXd all(rows, 18);
    all << fc.mean, fc.lower[1], fc.upper[1];
    return all;
  });
  Eigen::MatrixXd want(rows, 18);
  want << ref_fc.mean, ref_fc.lower[1], ref_fc.upper[1];
  for (const auto& r : results) CHECK(r == want);
}

TEST_CASE("one Expression evaluated from 8 threads equals a single-threaded run") {
  const Expression e("if(spend > 0, revenue / spend, 0) + sqrt(abs(revenue - spend)) / 0");
  const std::size_t n = 5000;
  std::vector<std::vector<double>> cols(2, std::vector<double>(n));
  for (std::size_t i = 0; i < n; ++i) {
    cols[0][i] = double(i % 31) - 3;          // revenue
    cols[1][i] = i % 7 ? double(i % 11) : 0;  // spend
  }
  REQUIRE(e.names() == std::vector<std::string>{"spend", "revenue"});
  std::swap(cols[0], cols[1]);
  const ExprResult ref = e.evaluate(cols);
  const auto results = on_threads<ExprResult>([&](int) { return e.evaluate(cols); });
  for (const auto& r : results) {
    REQUIRE(r.values.size() == ref.values.size());
    CHECK(std::memcmp(r.values.data(), ref.values.data(), n * sizeof(double)) == 0);
    CHECK(r.missing_rows == ref.missing_rows);
    CHECK(r.issues.size() == ref.issues.size());
  }
}
