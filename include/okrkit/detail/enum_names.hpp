// okrkit detail — one table of names per enum, for parsing and printing.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>
#include <string>
#include <utility>

namespace okrkit::detail {

/// Specialise with `static constexpr std::array<std::pair<E, std::string_view>, N> names`.
template <class E>
struct enum_names;

template <class E>
constexpr std::string_view enum_to_string(E e) noexcept {
  for (const auto& [v, n] : enum_names<E>::names)
    if (v == e) return n;
  return "?";
}

template <class E>
constexpr std::optional<E> enum_from_string(std::string_view s) noexcept {
  for (const auto& [v, n] : enum_names<E>::names)
    if (n == s) return v;
  return std::nullopt;
}

/// "a, b, c": the accepted spellings, for error messages.
template <class E>
std::string enum_choices() {
  std::string s;
  for (const auto& [v, n] : enum_names<E>::names) {
    (void)v;
    if (!s.empty()) s += ", ";
    s += n;
  }
  return s;
}

}  // namespace okrkit::detail
