// The whole public API in one translation unit, as a host product includes
// it: internal macros must not leak out of the headers (each is #undef'd
// after use), and the library's pi is the double nearest to π.
// tests/python/test_public_headers.py checks the header text (M_PI, macro
// names) without a compiler.
#include <catch2/catch.hpp>

#include <cstdint>

#include <okrkit/okrkit.hpp>
// The opt-in headers okrkit.hpp leaves out (docs/performance.md).
#include <okrkit/scoring/bulk_eigen.hpp>
#include <okrkit/forecast/forecast_batch.hpp>
#include <okrkit/forecast/simulate_paths.hpp>
#include <okrkit/forecast/reconcile.hpp>
#include <okrkit/forecast/model_hierarchy.hpp>
#include <okrkit/forecast/period_series.hpp>
#include <okrkit/detail/constants.hpp>

#ifdef OKRKIT_HAS_BIT_CAST
#error "OKRKIT_HAS_BIT_CAST leaks from okrkit/scoring/progress.hpp"
#endif
#ifdef OKRKIT_KPI_RATIO
#error "OKRKIT_KPI_RATIO leaks from okrkit/formulas/kpi_formulas.hpp"
#endif

TEST_CASE("public headers leave no internal macro behind") {
  // The checks above are compile-time; this case records that the file built.
  CHECK(OKRKIT_VERSION_MAJOR >= 0);
}

TEST_CASE("detail::pi is the double nearest to pi") {
  // π = 3.14159265358979323846...; the nearest double is
  // 3.141592653589793115997963... = 0x1.921fb54442d18p+1.
  CHECK(okrkit::detail::pi == 0x1.921fb54442d18p+1);
}

TEST_CASE("bit_cast round-trips doubles with or without the builtin") {
  const double x = -2.5;
  const auto bits = okrkit::detail::bit_cast<std::uint64_t>(x);
  CHECK(bits == 0xC004000000000000ull);  // sign 1, exponent 1024, mantissa 0.25
  CHECK(okrkit::detail::bit_cast<double>(bits) == x);
}
