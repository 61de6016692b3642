// okrkit (private) — the one place UTF-8 bytes are read. Validation (readers
// reject ill-formed names), code-point counts (columns of error carets, table
// widths, title lengths) and cuts at character boundaries all use these, so a
// name is one character wide in a message, a table and a report alike.
// Well-formed means RFC 3629 / Unicode 15 Table 3-7: no overlong forms, no
// surrogates (U+D800..U+DFFF), nothing above U+10FFFF.
#pragma once

#include <cstddef>
#include <string_view>

namespace okrkit::detail {

/// A continuation byte (10xxxxxx): never the first byte of a character.
constexpr bool utf8_continuation(unsigned char c) noexcept { return (c & 0xC0) == 0x80; }

/// Length of the well-formed UTF-8 character starting at byte `i` of `s`
/// (1..4), or 0 if the bytes there are not one (stray continuation byte,
/// overlong form, surrogate, code point above U+10FFFF, truncated sequence).
/// When `cp` is given it receives the code point.
constexpr std::size_t utf8_char_length(std::string_view s, std::size_t i,
                                       char32_t* cp = nullptr) noexcept {
  if (i >= s.size()) return 0;
  const auto b0 = static_cast<unsigned char>(s[i]);
  std::size_t n = 0;
  char32_t v = 0;
  // The second byte's range depends on the first (Table 3-7): it is what
  // excludes overlongs (E0, F0), surrogates (ED) and > U+10FFFF (F4).
  unsigned char lo = 0x80, hi = 0xBF;
  if (b0 < 0x80) {
    if (cp) *cp = b0;
    return 1;
  } else if (b0 >= 0xC2 && b0 <= 0xDF) {
    n = 2, v = b0 & 0x1Fu;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    n = 3, v = b0 & 0x0Fu;
    if (b0 == 0xE0) lo = 0xA0;
    if (b0 == 0xED) hi = 0x9F;
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    n = 4, v = b0 & 0x07u;
    if (b0 == 0xF0) lo = 0x90;
    if (b0 == 0xF4) hi = 0x8F;
  } else {
    return 0;  // 80..BF (continuation), C0/C1 (overlong), F5..FF (never used)
  }
  if (s.size() - i < n) return 0;
  for (std::size_t k = 1; k < n; ++k) {
    const auto b = static_cast<unsigned char>(s[i + k]);
    if (k == 1 ? (b < lo || b > hi) : !utf8_continuation(b)) return 0;
    v = (v << 6) | (b & 0x3Fu);
  }
  if (cp) *cp = v;
  return n;
}

/// Is `s` well-formed UTF-8 as a whole?
constexpr bool valid_utf8(std::string_view s) noexcept {
  std::size_t i = 0;
  while (i < s.size()) {
    const std::size_t n = utf8_char_length(s, i);
    if (n == 0) return false;
    i += n;
  }
  return true;
}

/// Characters in `s`: bytes that are not continuation bytes (for well-formed
/// text, its code points; an ill-formed byte counts as one).
constexpr std::size_t utf8_count(std::string_view s) noexcept {
  std::size_t n = 0;
  for (char c : s) n += !utf8_continuation(static_cast<unsigned char>(c));
  return n;
}

/// End of the character that starts at byte `i`: past `i` and the
/// continuation bytes that follow it (never past `s.size()`).
constexpr std::size_t utf8_char_end(std::string_view s, std::size_t i) noexcept {
  std::size_t j = i + 1;
  while (j < s.size() && utf8_continuation(static_cast<unsigned char>(s[j]))) ++j;
  return j < s.size() ? j : s.size();
}

/// The largest character boundary at or before byte `n` (for cutting `s` to
/// at most `n` bytes without splitting a character).
constexpr std::size_t utf8_floor(std::string_view s, std::size_t n) noexcept {
  if (n >= s.size()) return s.size();
  while (n > 0 && utf8_continuation(static_cast<unsigned char>(s[n]))) --n;
  return n;
}

/// Byte offset where character number `count` (0-based) starts: the length of
/// the first `count` characters, or `s.size()` if `s` has no more than that.
constexpr std::size_t utf8_offset(std::string_view s, std::size_t count) noexcept {
  std::size_t seen = 0;
  for (std::size_t b = 0; b < s.size(); ++b)
    if (!utf8_continuation(static_cast<unsigned char>(s[b])) && seen++ == count) return b;
  return s.size();
}

}  // namespace okrkit::detail
