// Tests of bulk.hpp: bulk results must equal the per-node path bit for bit.
#include <catch2/catch.hpp>

#include <okrkit/scoring/bulk.hpp>
#include <okrkit/scoring/bulk_eigen.hpp>

#include <cmath>
#include <cstring>
#include <random>

using namespace okrkit;

namespace {
bool same(double a, double b) { return (std::isnan(a) && std::isnan(b)) || a == b; }

struct Rows {
  std::vector<std::uint8_t> kind;
  std::vector<double> b, t, v, cap, lim, lo, hi, tol;
  explicit Rows(std::size_t n, bool only_linear, std::uint64_t seed) {
    std::mt19937_64 rng(seed);
    std::uniform_real_distribution<double> U(-100, 100), C(0.5, 2);
    std::uniform_int_distribution<int> K(0, only_linear ? 1 : 6);
    std::bernoulli_distribution rare(0.02);
    for (std::size_t i = 0; i < n; ++i) {
      kind.push_back(static_cast<std::uint8_t>(K(rng)));
      b.push_back(rare(rng) ? nan_value : U(rng));
      t.push_back(rare(rng) ? b.back() : U(rng));  // some b == t rows
      v.push_back(rare(rng) ? nan_value : U(rng));
      cap.push_back(rare(rng) ? std::numeric_limits<double>::infinity() : C(rng));
      lim.push_back(rare(rng) ? U(rng) : nan_value);
      const double a = U(rng), z = U(rng);
      lo.push_back(std::min(a, z));
      hi.push_back(std::max(a, z));
      tol.push_back(rare(rng) ? 3.0 : nan_value);
    }
  }
  BulkColumns columns(bool general) const {
    BulkColumns c;
    c.size = v.size();
    c.kind = kind.data();
    c.baseline = b.data();
    c.target = t.data();
    c.value = v.data();
    c.cap = cap.data();
    if (general) {
      c.limit = lim.data();
      c.lo = lo.data();
      c.hi = hi.data();
      c.tolerance = tol.data();
    }
    return c;
  }
  // The per-node path: a Target per row, scored by progress() / attainment().
  std::pair<double, double> per_node(std::size_t i, bool general) const {
    Target tg;
    tg.kind = static_cast<TargetKind>(kind[i]);
    if (!std::isnan(b[i])) tg.baseline = b[i];
    if (!std::isnan(t[i])) tg.target = t[i];  // bulk NaN = not given
    tg.cap = cap[i];
    if (general) {
      if (!std::isnan(lim[i])) tg.floor = lim[i];
      tg.lo = lo[i];
      tg.hi = hi[i];
      if (!std::isnan(tol[i])) tg.tolerance = tol[i];
    }
    const double p = progress(tg, v[i]);
    return {p, attainment(tg, p)};
  }
};
}  // namespace

TEST_CASE("bulk increase/decrease rows equal the per-node path (fast loop)") {
  const Rows r(20000, true, 1);
  std::vector<double> p(r.v.size()), a(r.v.size());
  const auto s = score_bulk(r.columns(false), {p.data(), a.data(), nullptr});
  std::size_t nan = 0;
  for (std::size_t i = 0; i < p.size(); ++i) {
    if (std::isnan(r.b[i])) continue;  // per-node: an unset baseline means 0 for increase
    const auto [pp, aa] = r.per_node(i, false);
    INFO("row " << i);
    REQUIRE(same(p[i], pp));
    REQUIRE(same(a[i], aa));
  }
  for (double x : p) nan += std::isnan(x);
  CHECK(s.nan_progress == nan);
  CHECK(s.rows == p.size());
}

TEST_CASE("bulk rows of every kind equal the per-node path (general loop)") {
  const Rows r(20000, false, 2);
  std::vector<double> p(r.v.size()), a(r.v.size());
  score_bulk(r.columns(true), {p.data(), a.data(), nullptr});
  std::size_t compared = 0;
  for (std::size_t i = 0; i < p.size(); ++i) {
    const auto k = static_cast<TargetKind>(r.kind[i]);
    if (std::isnan(r.b[i]) && (k == TargetKind::increase || k == TargetKind::decrease)) continue;
    const auto [pp, aa] = r.per_node(i, true);
    INFO("row " << i << " kind " << int(r.kind[i]));
    REQUIRE(same(p[i], pp));
    REQUIRE(same(a[i], aa));
    ++compared;
  }
  CHECK(compared > 19000);
}

TEST_CASE("bulk with threads gives the same bits as one thread") {
  const Rows r(300000, true, 3);
  std::vector<double> p1(r.v.size()), a1(r.v.size()), p4(r.v.size()), a4(r.v.size());
  const auto s1 = score_bulk(r.columns(false), {p1.data(), a1.data(), nullptr}, 1);
  const auto s4 = score_bulk(r.columns(false), {p4.data(), a4.data(), nullptr}, 4);
  CHECK(std::memcmp(p1.data(), p4.data(), p1.size() * sizeof(double)) == 0);
  CHECK(std::memcmp(a1.data(), a4.data(), a1.size() * sizeof(double)) == 0);
  CHECK(s1.nan_progress == s4.nan_progress);
  CHECK(s4.rows == r.v.size());
}

TEST_CASE("bulk: acceptance rows, scalar cap, performance, bad kinds, Eigen") {
  // decrease 100 -> 60, v 50 -> 1.25 / 1.0; increase 15 -> 45, v 16 -> 1/30
  std::vector<std::uint8_t> k{1, 0, 9};
  std::vector<double> b{100, 15, 0}, t{60, 45, 1}, v{50, 16, 1}, mn{0, 0, 0}, mx{100, 100, 100};
  std::vector<double> p(3), a(3), perf(3);
  BulkColumns c;
  c.size = 3;
  c.kind = k.data();
  c.baseline = b.data();
  c.target = t.data();
  c.value = v.data();
  c.cap_value = 1.2;
  c.scale_min = mn.data();
  c.scale_max = mx.data();
  const auto s = score_bulk(c, {p.data(), a.data(), perf.data()});
  CHECK(p[0] == Approx(1.25));
  CHECK(a[0] == Approx(1.2));
  CHECK(p[1] == Approx(1.0 / 30));
  CHECK(perf[1] == Approx(0.16));
  CHECK(std::isnan(p[2]));
  CHECK(s.bad_kind == 1);
  CHECK(s.nan_progress == 1);

  Eigen::Array<std::uint8_t, Eigen::Dynamic, 1> ek(2);
  ek << 1, 0;
  Eigen::ArrayXd eb(2), et(2), ev(2), ec(2), ep(2), ea(2);
  eb << 100, 0;
  et << 60, 6;
  ev << 50, 3;
  ec << std::numeric_limits<double>::infinity(), 1;
  score_bulk(ek, eb, et, ev, ec, ep, ea);
  CHECK(ep[0] == Approx(1.25));
  CHECK(ea[0] == Approx(1.25));  // uncapped
  CHECK(ep[1] == Approx(0.5));   // three of six features
  Eigen::ArrayXd short_out(1);
  CHECK_THROWS_AS(score_bulk(ek, eb, et, ev, ec, short_out, ea), DomainError);
  BulkColumns empty;
  empty.size = 2;
  CHECK_THROWS_AS(score_bulk(empty, {p.data(), a.data(), nullptr}), DomainError);
}
