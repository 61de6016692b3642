// okrkit (internal) — JSON parsing that remembers the line of every key, and a
// reader that turns JSON values into typed fields while collecting every
// problem (wrong type, unknown field, bad date) instead of stopping at the first.
#pragma once

#include <nlohmann/json.hpp>

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "okrkit/time/date.hpp"
#include "okrkit/core/error.hpp"

namespace okrkit::detail {

/// A parsed JSON document and the 1-based line of each JSON pointer
/// ("/objectives/0/title"): the line of the key, or of an array element's start.
struct LocatedJson {
  nlohmann::json root;
  std::map<std::string, std::size_t> lines;
};

/// Parse JSON text; a syntax error (or invalid UTF-8) is a ParseError naming
/// file, line and column.
LocatedJson parse_located_json(std::string_view text, const std::string& file);

}  // namespace okrkit::detail
