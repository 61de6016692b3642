// okrkit — write a file atomically (temporary file + rename).
#pragma once

#include <string>
#include <string_view>

namespace okrkit {

/// Write `content` to `path` through a temporary file in the same directory
/// that is flushed and renamed over `path`: readers see the old file or the new
/// one, never a partial one. Throws IoError naming the path on failure.
/// A path that exists and is not a regular file (/dev/null, /dev/stdout, a
/// FIFO) is written in place: renaming over it would replace the device with
/// a file. A symbolic link is followed: its target is replaced, the link stays.
void write_file_atomically(const std::string& path, std::string_view content);

/// The whole content of a file; IoError naming the path if it cannot be read.
std::string read_file(const std::string& path);

}  // namespace okrkit
