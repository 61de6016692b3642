// okrkit (internal) — line-tracking JSON parsing on top of nlohmann::json's SAX
// interface. nlohmann's DOM keeps no positions, so we read through an iterator
// that records how far the lexer has consumed; at each SAX event that position
// is just past the token, which gives the token's line.
#include "io/json_reader.hpp"

#include <algorithm>
#include <iterator>

namespace okrkit::detail {

namespace {

using json = nlohmann::json;

// Forward iterator over the text that publishes the furthest position read.
struct CountingIterator {
  using iterator_category = std::forward_iterator_tag;
  using value_type = char;
  using difference_type = std::ptrdiff_t;
  using pointer = const char*;
  using reference = const char&;

  const char* p = nullptr;
  const char** high_water = nullptr;

  reference operator*() const { return *p; }
  CountingIterator& operator++() {
    ++p;
    if (p > *high_water) *high_water = p;
    return *this;
  }
  CountingIterator operator++(int) {
    auto old = *this;
    ++*this;
    return old;
  }
  friend bool operator==(const CountingIterator& a, const CountingIterator& b) {
    return a.p == b.p;
  }
  friend bool operator!=(const CountingIterator& a, const CountingIterator& b) {
    return a.p != b.p;
  }
};

class LineIndex {
 public:
  explicit LineIndex(std::string_view text) {
    for (std::size_t i = 0; i < text.size(); ++i)
      if (text[i] == '\n') newlines_.push_back(i);
  }
  /// 1-based line of byte offset `pos`.
  std::size_t line_of(std::size_t pos) const {
    return static_cast<std::size_t>(std::lower_bound(newlines_.begin(), newlines_.end(), pos) -
                                    newlines_.begin()) +
           1;
  }
  /// 1-based column of byte offset `pos`.
  std::size_t column_of(std::size_t pos) const {
    auto it = std::lower_bound(newlines_.begin(), newlines_.end(), pos);
    std::size_t line_start = it == newlines_.begin() ? 0 : *std::prev(it) + 1;
    return pos - line_start + 1;
  }

 private:
  std::vector<std::size_t> newlines_;
};

// Builds the DOM and the pointer -> line table.
class Builder : public nlohmann::json_sax<json> {
 public:
  static constexpr std::size_t max_nesting = 64;
  Builder(LocatedJson& out, const char* begin, const char** high_water, const LineIndex& lines,
          std::string file)
      : out_(out), begin_(begin), high_water_(high_water), lines_(lines), file_(std::move(file)) {}

  bool null() override { return value(nullptr); }
  bool boolean(bool v) override { return value(v); }
  bool number_integer(number_integer_t v) override { return value(v); }
  bool number_unsigned(number_unsigned_t v) override { return value(v); }
  bool number_float(number_float_t v, const string_t&) override { return value(v); }
  bool string(string_t& v) override { return value(std::move(v)); }
  bool binary(binary_t&) override { return value(nullptr); }

  bool start_object(std::size_t) override { return open(json::object()); }
  bool end_object() override { return close(); }
  bool start_array(std::size_t) override { return open(json::array()); }
  bool end_array() override { return close(); }

  bool key(string_t& k) override {
    if (stack_.back().node->contains(k)) {
      duplicate_key_ = k;
      duplicate_line_ = current_line();
      return false;
    }
    key_ = k;
    out_.lines[path() + "/" + escape(k)] = current_line();
    return true;
  }

  bool parse_error(std::size_t position, const std::string&,
                   const nlohmann::detail::exception& ex) override {
    // nlohmann's byte position is one past the offending character.
    std::size_t pos = position > 0 ? position - 1 : 0;
    std::string what = ex.what();
    // Keep the lexer's explanation ("syntax error while parsing object - ...").
    if (auto i = what.find("syntax error"); i != std::string::npos)
      what = what.substr(i);
    else if (auto j = what.find("] "); j != std::string::npos)
      what = what.substr(j + 2);
    throw ParseError("column " + std::to_string(lines_.column_of(pos)) + ": " + what,
                     Location{file_, lines_.line_of(pos), "", ""});
  }

  const std::string& duplicate_key() const { return duplicate_key_; }
  std::size_t duplicate_line() const { return duplicate_line_; }

 private:
  struct Frame {
    json* node;
    std::string pointer;
    std::size_t next_index = 0;
  };

  static std::string escape(const std::string& k) {
    std::string s;
    for (char c : k) {
      if (c == '~')
        s += "~0";
      else if (c == '/')
        s += "~1";
      else
        s += c;
    }
    return s;
  }
  std::size_t current_line() const {
    return lines_.line_of(static_cast<std::size_t>(*high_water_ - begin_ - 1));
  }
  std::string path() const { return stack_.empty() ? "" : stack_.back().pointer; }

  // Place a value into the current container; returns where it went.
  json* place(json v, std::string* pointer_out) {
    if (stack_.empty()) {
      out_.root = std::move(v);
      *pointer_out = "";
      return &out_.root;
    }
    Frame& f = stack_.back();
    if (f.node->is_array()) {
      f.node->push_back(std::move(v));
      *pointer_out = f.pointer + "/" + std::to_string(f.next_index++);
      out_.lines.emplace(*pointer_out, current_line());
      return &f.node->back();
    }
    json& slot = (*f.node)[key_];
    slot = std::move(v);
    *pointer_out = f.pointer + "/" + escape(key_);
    return &slot;
  }
  bool value(json v) {
    std::string p;
    place(std::move(v), &p);
    return true;
  }
  bool open(json v) {
    // A model nests a handful of levels; a hostile "[[[[..." must not make
    // every frame copy an ever longer JSON pointer (quadratic memory).
    if (stack_.size() >= max_nesting)
      throw ParseError("column " +
                           std::to_string(lines_.column_of(
                               static_cast<std::size_t>(*high_water_ - begin_ - 1))) +
                           ": nesting deeper than " + std::to_string(max_nesting) + " levels",
                       Location{file_, current_line(), "", ""});
    std::string p;
    json* where = place(std::move(v), &p);
    stack_.push_back(Frame{where, p});
    return true;
  }
  bool close() {
    stack_.pop_back();
    return true;
  }

  LocatedJson& out_;
  const char* begin_;
  const char** high_water_;
  const LineIndex& lines_;
  std::string file_;
  std::vector<Frame> stack_;
  std::string key_;
  std::string duplicate_key_;
  std::size_t duplicate_line_ = 0;
};

}  // namespace

LocatedJson parse_located_json(std::string_view text, const std::string& file) {
  LocatedJson out;
  LineIndex lines(text);
  if (text.empty())
    throw ParseError("empty file: expected a JSON object", Location{file, 1, "", ""});
  const char* begin = text.data();
  const char* high_water = begin;
  Builder builder(out, begin, &high_water, lines, file);
  CountingIterator first{begin, &high_water}, last{begin + text.size(), &high_water};
  bool ok = json::sax_parse(first, last, &builder);
  if (!ok && !builder.duplicate_key().empty())
    throw ParseError("duplicate key '" + builder.duplicate_key() + "'",
                     Location{file, builder.duplicate_line(), "", ""});
  if (!ok) throw ParseError("malformed JSON", Location{file, 0, "", ""});
  return out;
}

}  // namespace okrkit::detail
