// libFuzzer target: the expression language. Parse any text; when it parses,
// evaluate it over columns holding the awkward values (0, negatives, NaN, inf,
// huge and tiny numbers): every row is a finite number or NaN with an issue,
// never an inf, a crash or a sanitizer report.
#include <okrkit/formulas/expr.hpp>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <limits>
#include <string_view>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    const okrkit::Expression e(text, okrkit::Location("fuzz.json", 1, "k1", "formula"));
    static const double kValues[] = {0.0,
                                     -1.0,
                                     1.0,
                                     2.5,
                                     -0.0,
                                     1e308,
                                     -1e308,
                                     1e-308,
                                     std::numeric_limits<double>::quiet_NaN(),
                                     std::numeric_limits<double>::infinity(),
                                     3.0,
                                     7.0};
    constexpr std::size_t rows = sizeof kValues / sizeof kValues[0];
    std::vector<std::vector<double>> cols(e.names().size(), std::vector<double>(rows));
    for (std::size_t c = 0; c < cols.size(); ++c)
      for (std::size_t r = 0; r < rows; ++r) cols[c][r] = kValues[(r + 5 * c) % rows];
    const okrkit::ExprResult res = e.evaluate(cols);
    std::size_t missing = 0;
    for (double v : res.values) {
      if (std::isinf(v)) std::abort();  // an inf must become NaN + an issue
      missing += std::isnan(v);
    }
    if (missing != res.missing_rows) std::abort();
    if (res.issues.size() != missing) std::abort();  // fewer than max_issues rows
    (void)res.diagnostics(text);
  } catch (const okrkit::Error&) {
  }
  return 0;
}
