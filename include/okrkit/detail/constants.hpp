// okrkit — mathematical constants (internal). M_PI is not standard C++ (it
// needs _USE_MATH_DEFINES on MSVC and is absent under strict -std=c++17 on
// some libraries); C++20's std::numbers is not available in C++17.
#pragma once

namespace okrkit::detail {

/// π rounded to double: the same value as M_PI where M_PI exists.
inline constexpr double pi = 3.14159265358979323846;

}  // namespace okrkit::detail
