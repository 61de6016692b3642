// libFuzzer target: relative-target strings ("+40%", "-5", "x1.5"). What
// parses formats back to text that parses to the same target.
#include <okrkit/model/target.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  okrkit::RelativeTarget r;
  try {
    r = okrkit::parse_relative_target(text);
  } catch (const okrkit::Error&) {
    return 0;
  }
  // Outside the try: the formatted text of a parsed target must parse.
  const okrkit::RelativeTarget back =
      okrkit::parse_relative_target(okrkit::format_relative_target(r));
  if (back.op != r.op || back.amount != r.amount) std::abort();
  (void)r.resolve(100.0);
  return 0;
}
