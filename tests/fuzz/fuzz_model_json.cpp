// libFuzzer target: the JSON model loader. Any input either parses into a
// model or throws an okrkit::Error; a parsed model dumps to JSON that parses
// back to the same text (save/reload is lossless). Anything else — another
// exception type, a crash, a sanitizer report — is a bug.
#include <okrkit/io/model_io.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  okrkit::Model m;
  try {
    m = okrkit::parse_model(text, "fuzz.json");
  } catch (const okrkit::Error&) {
    return 0;
  }
  const std::string once = okrkit::dump_model(m);
  const std::string twice = okrkit::dump_model(okrkit::parse_model(once, "dump.json"));
  if (once != twice) std::abort();  // save + reload must be identical
  return 0;
}
