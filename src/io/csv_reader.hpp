// okrkit (internal) — the one CSV record reader used by every CSV input
// (measurements, ratings, scores): RFC 4180 quoting, LF or CRLF, optional
// UTF-8 BOM, and the 1-based row number of each record (header = row 1; a
// quoted field spanning lines counts from its record's first line).
#pragma once

#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "okrkit/core/error.hpp"
#include "okrkit/detail/utf8.hpp"

namespace okrkit::detail {

class CsvReader {
 public:
  CsvReader(std::string_view text, std::string file) : s_(text), file_(std::move(file)) {
    if (s_.size() >= 3 && std::memcmp(s_.data(), "\xEF\xBB\xBF", 3) == 0) s_.remove_prefix(3);
  }
  /// Row number of the record last read.
  std::size_t row() const { return row_; }

  /// Reads the next record into `out`; false at end of input. An unterminated
  /// quote is a ParseError naming file and row.
  bool next(std::vector<std::string>& out) {
    out.clear();
    if (pos_ >= s_.size()) return false;
    row_ = line_;
    std::string field;
    bool quoted = false, was_quoted = false;
    while (pos_ < s_.size()) {
      char c = s_[pos_++];
      if (quoted) {
        if (c == '"') {
          if (pos_ < s_.size() && s_[pos_] == '"') {
            field += '"';
            ++pos_;
          } else {
            quoted = false;
          }
        } else {
          if (c == '\n') ++line_;
          field += c;
        }
        continue;
      }
      if (c == '"' && field.empty() && !was_quoted) {
        quoted = was_quoted = true;
      } else if (c == ',') {
        out.push_back(std::move(field));
        field.clear();
        was_quoted = false;
      } else if (c == '\n' || c == '\r') {
        if (c == '\r' && pos_ < s_.size() && s_[pos_] == '\n') ++pos_;
        ++line_;
        out.push_back(std::move(field));
        return true;
      } else {
        field += c;
      }
    }
    if (quoted) throw ParseError("unterminated quoted field", Location{file_, row_, "", ""});
    out.push_back(std::move(field));
    return true;
  }

 private:
  std::string_view s_;
  std::string file_;
  std::size_t pos_ = 0, line_ = 1, row_ = 1;
};

/// `s` without leading and trailing spaces and tabs.
inline std::string trim_cell(const std::string& s) {
  auto b = s.find_first_not_of(" \t");
  auto e = s.find_last_not_of(" \t");
  return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
}

/// A record that is one empty (or blank) field: a blank line.
inline bool blank_record(const std::vector<std::string>& rec) {
  return rec.size() == 1 && trim_cell(rec[0]).empty();
}

}  // namespace okrkit::detail
