// okrkit — write a file atomically (temporary file + rename).
#pragma once

#include <string>
#include <string_view>

namespace okrkit {

/// Write `content` to `path` through a temporary file in the same directory
/// that is flushed and renamed over `path`: readers see the old file or the new
/// one, never a partial one. Throws IoError naming the path on failure.
void write_file_atomically(const std::string& path, std::string_view content);

/// The whole content of a file; IoError naming the path if it cannot be read.
std::string read_file(const std::string& path);

}  // namespace okrkit
