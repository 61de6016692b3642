// okrkit/detail/utf8.hpp against byte sequences worked by hand from the
// Unicode Standard, Table 3-7 (well-formed UTF-8 byte sequences):
//   U+0000..U+007F     00..7F
//   U+0080..U+07FF     C2..DF 80..BF
//   U+0800..U+0FFF     E0     A0..BF 80..BF
//   U+1000..U+CFFF     E1..EC 80..BF 80..BF
//   U+D000..U+D7FF     ED     80..9F 80..BF
//   U+E000..U+FFFF     EE..EF 80..BF 80..BF
//   U+10000..U+3FFFF   F0     90..BF 80..BF 80..BF
//   U+40000..U+FFFFF   F1..F3 80..BF 80..BF 80..BF
//   U+100000..U+10FFFF F4     80..8F 80..BF 80..BF
#include <okrkit/detail/utf8.hpp>

#include <catch2/catch.hpp>

#include <initializer_list>
#include <string>

using namespace okrkit::detail;

namespace {
std::string bytes(std::initializer_list<unsigned char> b) {
  return std::string(b.begin(), b.end());
}

char32_t decode(const std::string& s, std::size_t expect_len) {
  char32_t cp = 0xFFFFFFFF;
  REQUIRE(utf8_char_length(s, 0, &cp) == expect_len);
  return cp;
}
}  // namespace

TEST_CASE("utf8: well-formed sequences decode to the hand-computed code point") {
  CHECK(decode("A", 1) == U'A');
  CHECK(decode(bytes({0x7F}), 1) == 0x7F);
  // U+00E9 é = 110_00011 10_101001 -> C3 A9
  CHECK(decode(bytes({0xC3, 0xA9}), 2) == 0xE9);
  CHECK(decode(bytes({0xC2, 0x80}), 2) == 0x80);   // smallest 2-byte
  CHECK(decode(bytes({0xDF, 0xBF}), 2) == 0x7FF);  // largest 2-byte
  CHECK(decode(bytes({0xE0, 0xA0, 0x80}), 3) == 0x800);
  // U+20AC € = 1110_0010 10_000010 10_101100 -> E2 82 AC
  CHECK(decode(bytes({0xE2, 0x82, 0xAC}), 3) == 0x20AC);
  CHECK(decode(bytes({0xED, 0x9F, 0xBF}), 3) == 0xD7FF);  // just below the surrogates
  CHECK(decode(bytes({0xEE, 0x80, 0x80}), 3) == 0xE000);  // just above them
  CHECK(decode(bytes({0xEF, 0xBF, 0xBF}), 3) == 0xFFFF);
  CHECK(decode(bytes({0xF0, 0x90, 0x80, 0x80}), 4) == 0x10000);
  // U+1F600 😀 = 11110_000 10_011111 10_011000 10_000000 -> F0 9F 98 80
  CHECK(decode(bytes({0xF0, 0x9F, 0x98, 0x80}), 4) == 0x1F600);
  CHECK(decode(bytes({0xF4, 0x8F, 0xBF, 0xBF}), 4) == 0x10FFFF);  // the last code point
  // Persian "سود" (U+0633 U+0648 U+062F): D8 B3 D9 88 D8 AF
  const std::string persian = bytes({0xD8, 0xB3, 0xD9, 0x88, 0xD8, 0xAF});
  CHECK(valid_utf8(persian));
  CHECK(utf8_count(persian) == 3);
  CHECK(valid_utf8(""));
}

TEST_CASE("utf8: overlong forms are rejected") {
  CHECK(utf8_char_length(bytes({0xC0, 0xAF}), 0) == 0);              // '/' in 2 bytes
  CHECK(utf8_char_length(bytes({0xC1, 0xBF}), 0) == 0);              // U+007F in 2 bytes
  CHECK(utf8_char_length(bytes({0xE0, 0x80, 0xAF}), 0) == 0);        // '/' in 3 bytes
  CHECK(utf8_char_length(bytes({0xE0, 0x9F, 0xBF}), 0) == 0);        // U+07FF in 3 bytes
  CHECK(utf8_char_length(bytes({0xF0, 0x80, 0x80, 0xAF}), 0) == 0);  // '/' in 4 bytes
  CHECK(utf8_char_length(bytes({0xF0, 0x8F, 0xBF, 0xBF}), 0) == 0);  // U+FFFF in 4 bytes
  CHECK_FALSE(valid_utf8(bytes({'a', 0xC0, 0x80, 'b'})));            // "modified UTF-8" NUL
}

TEST_CASE("utf8: surrogates U+D800..U+DFFF are rejected") {
  CHECK(utf8_char_length(bytes({0xED, 0xA0, 0x80}), 0) == 0);  // U+D800
  CHECK(utf8_char_length(bytes({0xED, 0xBF, 0xBF}), 0) == 0);  // U+DFFF
  // CESU-8 pair for U+1F600 (D83D DE00)
  CHECK_FALSE(valid_utf8(bytes({0xED, 0xA0, 0xBD, 0xED, 0xB8, 0x80})));
}

TEST_CASE("utf8: code points above U+10FFFF and unused lead bytes are rejected") {
  CHECK(utf8_char_length(bytes({0xF4, 0x90, 0x80, 0x80}), 0) == 0);  // U+110000
  CHECK(utf8_char_length(bytes({0xF5, 0x80, 0x80, 0x80}), 0) == 0);
  CHECK(utf8_char_length(bytes({0xF7, 0xBF, 0xBF, 0xBF}), 0) == 0);        // U+1FFFFF
  CHECK(utf8_char_length(bytes({0xF8, 0x88, 0x80, 0x80, 0x80}), 0) == 0);  // old 5-byte form
  CHECK(utf8_char_length(bytes({0xFE}), 0) == 0);
  CHECK(utf8_char_length(bytes({0xFF}), 0) == 0);
}

TEST_CASE("utf8: truncated sequences and stray continuation bytes are rejected") {
  CHECK(utf8_char_length(bytes({0xC3}), 0) == 0);
  CHECK(utf8_char_length(bytes({0xE2, 0x82}), 0) == 0);
  CHECK(utf8_char_length(bytes({0xF0, 0x9F, 0x98}), 0) == 0);
  CHECK(utf8_char_length(bytes({0xE2, 0x82, 'A'}), 0) == 0);  // ASCII where a continuation belongs
  CHECK(utf8_char_length(bytes({0x80}), 0) == 0);
  CHECK(utf8_char_length(bytes({0xBF}), 0) == 0);
  CHECK_FALSE(valid_utf8(bytes({'o', 'k', 0xE2, 0x82})));  // cut at the end of a cell
  CHECK(utf8_char_length("a", 1) == 0);                    // past the end
}

TEST_CASE("utf8: counting and cutting at character boundaries") {
  // "é€😀x": C3 A9 | E2 82 AC | F0 9F 98 80 | 78  (4 characters, 10 bytes)
  const std::string s = bytes({0xC3, 0xA9, 0xE2, 0x82, 0xAC, 0xF0, 0x9F, 0x98, 0x80, 'x'});
  CHECK(valid_utf8(s));
  CHECK(utf8_count(s) == 4);
  CHECK(utf8_char_end(s, 0) == 2);
  CHECK(utf8_char_end(s, 2) == 5);
  CHECK(utf8_char_end(s, 5) == 9);
  CHECK(utf8_char_end(s, 9) == 10);
  // Cutting to n bytes backs up to the start of the character n falls in.
  CHECK(utf8_floor(s, 1) == 0);
  CHECK(utf8_floor(s, 2) == 2);
  CHECK(utf8_floor(s, 4) == 2);
  CHECK(utf8_floor(s, 8) == 5);
  CHECK(utf8_floor(s, 9) == 9);
  CHECK(utf8_floor(s, 99) == 10);
  // Offset of character k (0-based).
  CHECK(utf8_offset(s, 0) == 0);
  CHECK(utf8_offset(s, 1) == 2);
  CHECK(utf8_offset(s, 2) == 5);
  CHECK(utf8_offset(s, 3) == 9);
  CHECK(utf8_offset(s, 4) == 10);  // no fifth character: the whole string
  CHECK(utf8_offset(s, 40) == 10);
}

TEST_CASE("utf8: the helpers are usable at compile time") {
  static_assert(valid_utf8("\xE2\x82\xAC"));
  static_assert(!valid_utf8("\xED\xA0\x80"));
  static_assert(utf8_count("\xC3\xA9t\xC3\xA9") == 3);
  SUCCEED();
}
