// Tests of okrkit/forecast/forecast_batch.hpp: batch results are identical to the
// single-series calls for any thread count; failures stay per series.
#include <catch2/catch.hpp>

#include <okrkit/forecast/forecast_batch.hpp>

#include <random>

using namespace okrkit;

namespace {
Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> make_panel(int rows,
                                                                                  int cols) {
  std::mt19937_64 g(3);
  std::normal_distribution<double> n(0, 1);
  Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> y(rows, cols);
  for (int i = 0; i < rows; ++i)
    for (int t = 0; t < cols; ++t)
      y(i, t) = 50 + i + 0.3 * t + 5 * std::sin(2 * M_PI * t / 4.0) + 2 * n(g);
  return y;
}
}  // namespace

TEST_CASE("batch fit equals the single-series fit, for 1 and 3 threads") {
  auto y = make_panel(7, 24);
  y(2, 23) = std::nan("");  // trailing padding is trimmed
  y(2, 22) = std::nan("");
  y(4, 0) = -1e3;  // still fine for additive models
  BatchModel bm;
  bm.spec = EtsSpec::parse("AAA", 4);
  auto series = rows_of(y);
  CHECK(series[2].size == 22);
  auto one = fit_batch(series, bm, 1);
  auto three = fit_batch(series, bm, 3);
  for (std::size_t i = 0; i < series.size(); ++i) {
    REQUIRE(one.fits[i]);
    REQUIRE(three.fits[i]);
    std::vector<double> yi(series[i].data, series[i].data + series[i].size);
    auto single = fit_ets(yi, *bm.spec);
    CHECK(one.fits[i]->sse == single.sse);
    CHECK(three.fits[i]->sse == single.sse);
    CHECK(three.fits[i]->params.alpha == single.params.alpha);
    CHECK(three.fits[i]->fitted == single.fitted);
  }
  ForecastOptions o;
  o.levels = {95.0};
  auto fc = forecast_batch(three, 5, o, 2);
  auto single = forecast(*three.fits[3], 5, o);
  for (int j = 0; j < 5; ++j) {
    CHECK(fc.mean(3, j) == single.mean[std::size_t(j)]);
    CHECK(fc.upper[0](3, j) == single.upper[0][std::size_t(j)]);
  }
}

TEST_CASE("batch auto choice and per-series errors") {
  auto y = make_panel(4, 16);
  std::vector<double> values;
  std::vector<std::size_t> offsets{0};
  for (int i = 0; i < 4; ++i) {
    int len = i == 1 ? 2 : 16;  // series 1 is too short
    for (int t = 0; t < len; ++t) values.push_back(y(i, t));
    offsets.push_back(values.size());
  }
  BatchModel bm;
  bm.auto_opt.period = 4;
  auto r = fit_batch(ragged(values.data(), offsets.data(), 4), bm, 2);
  CHECK(!r.fits[1]);
  CHECK(r.errors[1].find("too few") != std::string::npos);
  for (int i : {0, 2, 3}) {
    REQUIRE(r.fits[std::size_t(i)]);
    std::vector<double> yi(values.begin() + long(offsets[std::size_t(i)]),
                           values.begin() + long(offsets[std::size_t(i) + 1]));
    auto single = auto_ets(yi, bm.auto_opt);
    CHECK(r.fits[std::size_t(i)]->spec == single.spec);
    CHECK(r.fits[std::size_t(i)]->aicc == single.aicc);
  }
  auto fc = forecast_batch(r, 3);
  CHECK(std::isnan(fc.mean(1, 0)));
  CHECK(!std::isnan(fc.mean(0, 0)));
}
