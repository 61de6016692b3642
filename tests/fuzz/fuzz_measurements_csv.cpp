// libFuzzer target: the CSV measurement loader. Any input either parses or
// throws an okrkit::Error; what parses dumps to CSV that parses back (with the
// default options: the dump is Gregorian ISO without duplicates) to the same
// store. A first byte 0x01..0x14 picks the reader options (calendar, date
// format, duplicate policy) and is not part of the CSV text; any other input
// is read with the defaults (so plain CSV seeds stay valid).
#include <okrkit/io/measurements_io.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  okrkit::MeasurementsOptions opt;
  if (size > 0 && data[0] >= 0x01 && data[0] <= 0x14) {
    const unsigned b = data[0] - 1u;
    opt.calendar = (b & 1) ? okrkit::DateCalendar::jalali : okrkit::DateCalendar::gregorian;
    opt.date_format = (b & 2) ? okrkit::DateFormat::excel : okrkit::DateFormat::iso;
    opt.duplicates = static_cast<okrkit::DuplicatePolicy>(b >> 2);  // 0..4
    ++data;
    --size;
  }
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  okrkit::SeriesStore s;
  try {
    s = okrkit::parse_measurements(text, "fuzz.csv", opt);
  } catch (const okrkit::Error&) {
    return 0;
  }
  const std::string once = okrkit::dump_measurements(s);
  const std::string twice = okrkit::dump_measurements(okrkit::parse_measurements(once, "dump.csv"));
  if (once != twice) std::abort();
  return 0;
}
