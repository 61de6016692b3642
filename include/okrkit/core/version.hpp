// okrkit — version of the headers in use.
#pragma once

#define OKRKIT_VERSION_MAJOR 0
#define OKRKIT_VERSION_MINOR 1
#define OKRKIT_VERSION_PATCH 0
#define OKRKIT_VERSION_STRING "0.1.0"

namespace okrkit {
/// The library version, "major.minor.patch".
inline constexpr const char* version = OKRKIT_VERSION_STRING;
}  // namespace okrkit
