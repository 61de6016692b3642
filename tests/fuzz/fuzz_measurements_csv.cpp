// libFuzzer target: the CSV measurement loader. Any input either parses or
// throws an okrkit::Error; what parses dumps to CSV that parses back to the
// same store.
#include <okrkit/io/measurements_io.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  okrkit::SeriesStore s;
  try {
    s = okrkit::parse_measurements(text, "fuzz.csv");
  } catch (const okrkit::Error&) {
    return 0;
  }
  const std::string once = okrkit::dump_measurements(s);
  const std::string twice = okrkit::dump_measurements(okrkit::parse_measurements(once, "dump.csv"));
  if (once != twice) std::abort();
  return 0;
}
