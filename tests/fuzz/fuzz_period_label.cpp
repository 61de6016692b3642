// libFuzzer target: period labels and Solar Hijri dates. A label that parses
// formats back to a label that parses to the same period; anything else is
// an okrkit::Error. The first byte picks the fiscal start month.
#include <okrkit/time/period.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  okrkit::CalendarSettings cal;
  cal.fiscal_start_month = 1 + data[0] % 12;
  const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  try {
    const okrkit::Period p = okrkit::parse_period(text, cal);
    const okrkit::Period q = okrkit::parse_period(p.label(), cal);
    if (!(p == q)) std::abort();
    (void)p.start();
    (void)p.end();
    (void)p.next().label();
    (void)p.previous().label();
  } catch (const okrkit::Error&) {
  }
  try {
    (void)okrkit::parse_jalali_date(text);
  } catch (const okrkit::Error&) {
  }
  return 0;
}
