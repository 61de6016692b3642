// okrkit — the Arrow C stream importer and exporter (include/okrkit/io/arrow_stream.hpp).
#include "okrkit/io/arrow_stream.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <deque>
#include <limits>
#include <memory>
#include <optional>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "okrkit/appraisal/appraisal.hpp"
#include "okrkit/detail/unoptional.hpp"
#include "okrkit/lint/lint.hpp"
#include "okrkit/scoring/node_score_fields.hpp"
#include "okrkit/scoring/scorecard.hpp"
#include "okrkit/time/date.hpp"
#include "okrkit/time/date_input.hpp"
#include "sql/sql_common.hpp"

namespace okrkit {

namespace {

// ---- owning wrappers for what a producer hands over --------------------------------------

struct SchemaHolder {
  ArrowSchema s{};
  SchemaHolder() { s.release = nullptr; }
  SchemaHolder(const SchemaHolder&) = delete;
  SchemaHolder& operator=(const SchemaHolder&) = delete;
  ~SchemaHolder() {
    if (s.release) s.release(&s);
  }
};
struct ArrayHolder {
  ArrowArray a{};
  ArrayHolder() { a.release = nullptr; }
  ArrayHolder(const ArrayHolder&) = delete;
  ArrayHolder& operator=(const ArrayHolder&) = delete;
  ~ArrayHolder() { reset(); }
  void reset() {
    if (a.release) a.release(&a);
    a.release = nullptr;
  }
};
struct StreamHolder {
  ArrowArrayStream* s;
  explicit StreamHolder(ArrowArrayStream* p) : s(p) {}
  StreamHolder(const StreamHolder&) = delete;
  StreamHolder& operator=(const StreamHolder&) = delete;
  ~StreamHolder() {
    if (s && s->release) s->release(s);
  }
};

std::string stream_error(ArrowArrayStream* s, int code, const char* what) {
  const char* msg = s->get_last_error ? s->get_last_error(s) : nullptr;
  return std::string("Arrow stream: ") + what + " failed (error " + std::to_string(code) +
         (msg ? std::string("): ") + msg : std::string(")"));
}

std::string_view fmt(const ArrowSchema& s) { return s.format ? s.format : ""; }

std::string integer_name(char c) {
  switch (c) {
    case 'c':
      return "int8";
    case 'C':
      return "uint8";
    case 's':
      return "int16";
    case 'S':
      return "uint16";
    case 'i':
      return "int32";
    case 'I':
      return "uint32";
    case 'l':
      return "int64";
    case 'L':
      return "uint64";
    default:
      return "";
  }
}

bool is_integer(std::string_view f) { return f.size() == 1 && !integer_name(f[0]).empty(); }
bool is_text(std::string_view f) { return f == "u" || f == "U" || f == "vu"; }

}  // namespace

std::string arrow_type_name(const ArrowSchema& schema) {
  const std::string_view f = fmt(schema);
  if (schema.dictionary)
    return "dictionary<values=" + arrow_type_name(*schema.dictionary) +
           ", indices=" + integer_name(f.empty() ? ' ' : f[0]) +
           ((schema.flags & ARROW_FLAG_DICTIONARY_ORDERED) ? ", ordered=1>" : ">");
  if (f.size() == 1) {
    if (auto n = integer_name(f[0]); !n.empty()) return n;
    switch (f[0]) {
      case 'n':
        return "null";
      case 'b':
        return "bool";
      case 'e':
        return "halffloat";
      case 'f':
        return "float";
      case 'g':
        return "double";
      case 'u':
        return "string";
      case 'U':
        return "large_string";
      case 'z':
        return "binary";
      case 'Z':
        return "large_binary";
      default:
        break;
    }
  }
  if (f == "vu") return "string_view";
  if (f == "vz") return "binary_view";
  if (f == "tdD") return "date32[day]";
  if (f == "tdm") return "date64[ms]";
  if (f.size() >= 4 && f.substr(0, 2) == "ts" && f[3] == ':') {
    const char* unit = f[2] == 's' ? "s" : f[2] == 'm' ? "ms" : f[2] == 'u' ? "us" : "ns";
    const auto tz = f.substr(4);
    return std::string("timestamp[") + unit + (tz.empty() ? "" : ", tz=" + std::string(tz)) + "]";
  }
  if (f.size() > 2 && f.substr(0, 2) == "d:") {
    // d:P,S or d:P,S,W
    std::string body(f.substr(2));
    std::string width = "128";
    const auto c1 = body.find(',');
    const auto c2 = c1 == std::string::npos ? std::string::npos : body.find(',', c1 + 1);
    if (c2 != std::string::npos) {
      width = body.substr(c2 + 1);
      body = body.substr(0, c2);
    }
    if (c1 != std::string::npos) body.replace(c1, 1, ", ");
    return "decimal" + width + "(" + body + ")";
  }
  if (f == "+s") return "struct";
  if (f == "+l") return "list";
  if (f == "+L") return "large_list";
  return "Arrow format '" + std::string(f) + "'";
}

namespace {

// ---- the importer ---------------------------------------------------------------------

DomainError type_error(const std::string& name, const char* role, const ArrowSchema& s,
                       const char* expected) {
  return DomainError("measurements column '" + name + "' (" + role + ") has Arrow type " +
                     arrow_type_name(s) + "; expected " + expected);
}

DomainError row_error(std::size_t row, const std::string& name, const std::string& msg) {
  return DomainError("row " + std::to_string(row) + ": field '" + name + "': " + msg);
}

bool bit(const void* bits, std::int64_t i) {
  return (static_cast<const std::uint8_t*>(bits)[i >> 3] >> (i & 7)) & 1;
}

/// Is element i (already offset) of `a` null?
bool is_null(const ArrowArray& a, std::int64_t i) {
  if (a.null_count == 0 || a.n_buffers < 1 || a.buffers[0] == nullptr) return false;
  return !bit(a.buffers[0], i);
}

/// Text element i (already offset) of a utf8 / large_utf8 / utf8_view array.
std::string_view text_at(const ArrowArray& a, std::string_view f, std::int64_t i) {
  if (f == "u") {
    const auto* off = static_cast<const std::int32_t*>(a.buffers[1]);
    const auto* data = static_cast<const char*>(a.buffers[2]);
    return {data + off[i], static_cast<std::size_t>(off[i + 1] - off[i])};
  }
  if (f == "U") {
    const auto* off = static_cast<const std::int64_t*>(a.buffers[1]);
    const auto* data = static_cast<const char*>(a.buffers[2]);
    return {data + off[i], static_cast<std::size_t>(off[i + 1] - off[i])};
  }
  // utf8_view: 16-byte views; <= 12 bytes inline, else (prefix, buffer, offset)
  const auto* view = static_cast<const std::uint8_t*>(a.buffers[1]) + 16 * i;
  std::int32_t len = 0;
  std::memcpy(&len, view, 4);
  if (len <= 12) return {reinterpret_cast<const char*>(view + 4), static_cast<std::size_t>(len)};
  std::int32_t buf = 0, off = 0;
  std::memcpy(&buf, view + 8, 4);
  std::memcpy(&off, view + 12, 4);
  if (buf < 0 || 2 + static_cast<std::int64_t>(buf) >= a.n_buffers - 1)
    throw DomainError("Arrow stream: a string view points to a missing data buffer");
  const auto* data = static_cast<const char*>(a.buffers[2 + buf]);
  return {data + off, static_cast<std::size_t>(len)};
}

std::int64_t integer_at(const ArrowArray& a, char f, std::int64_t i) {
  const void* p = a.buffers[1];
  switch (f) {
    case 'c':
      return static_cast<const std::int8_t*>(p)[i];
    case 'C':
      return static_cast<const std::uint8_t*>(p)[i];
    case 's':
      return static_cast<const std::int16_t*>(p)[i];
    case 'S':
      return static_cast<const std::uint16_t*>(p)[i];
    case 'i':
      return static_cast<const std::int32_t*>(p)[i];
    case 'I':
      return static_cast<const std::uint32_t*>(p)[i];
    case 'l':
      return static_cast<const std::int64_t*>(p)[i];
    default: {
      const auto v = static_cast<const std::uint64_t*>(p)[i];
      if (v > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
        return std::numeric_limits<std::int64_t>::max();
      return static_cast<std::int64_t>(v);
    }
  }
}

/// Check the buffers an array of `schema`'s type must have (a producer bug or
/// a hostile stream must not make us read through a null pointer).
void check_layout(const ArrowSchema& s, const ArrowArray& a, const std::string& name) {
  const std::string_view f = fmt(s);
  std::int64_t need = 2;
  if (f == "u" || f == "U") need = 3;
  if (f == "n") need = 0;
  if (f == "vu") need = 3;  // views, variadic sizes (>= 0 data buffers)
  if (a.length < 0 || a.offset < 0 || a.n_buffers < need || (need > 0 && a.buffers == nullptr))
    throw DomainError("Arrow stream: column '" + name + "' (" + arrow_type_name(s) +
                      ") has a malformed array (length " + std::to_string(a.length) + ", " +
                      std::to_string(a.n_buffers) + " buffers)");
  for (std::int64_t b = 1; b < need && f != "vu"; ++b)
    if (a.buffers[b] == nullptr && a.length > 0)
      throw DomainError("Arrow stream: column '" + name + "' (" + arrow_type_name(s) +
                        ") has a null data buffer");
  if (f == "vu" && a.length > 0 && a.buffers[1] == nullptr)
    throw DomainError("Arrow stream: column '" + name + "' has a null view buffer");
  if (a.null_count != 0 && f != "n" && a.buffers[0] == nullptr && a.null_count > 0)
    throw DomainError("Arrow stream: column '" + name +
                      "' counts nulls but has no validity bitmap");
  if (s.dictionary && a.dictionary == nullptr)
    throw DomainError("Arrow stream: dictionary column '" + name + "' has no dictionary");
  if (s.dictionary) check_layout(*s.dictionary, *a.dictionary, name);
}

enum class NumKind { f64, f32, integer, decimal, null };

struct NumColumn {
  int index = -1;
  std::string name;
  const char* role = "";
  NumKind kind = NumKind::f64;
  char int_format = 'l';
  int scale = 0;
  double scale_div = 1.0;
};

NumColumn number_column(const ArrowSchema& s, int index, const std::string& name,
                        const char* role) {
  NumColumn c;
  c.index = index;
  c.name = name;
  c.role = role;
  const auto f = fmt(s);
  if (s.dictionary) throw type_error(name, role, s, "a number (float, integer or decimal)");
  if (f == "g") {
    c.kind = NumKind::f64;
  } else if (f == "f") {
    c.kind = NumKind::f32;
  } else if (is_integer(f)) {
    c.kind = NumKind::integer;
    c.int_format = f[0];
  } else if (f == "n") {
    c.kind = NumKind::null;
  } else if (f.size() > 2 && f.substr(0, 2) == "d:") {
    const std::string body(f.substr(2));
    int p = 0, sc = 0, w = 128;
    const int got = std::sscanf(body.c_str(), "%d,%d,%d", &p, &sc, &w);
    if (got < 2 || w != 128)
      throw type_error(name, role, s, "a number (float, integer or decimal128)");
    c.kind = NumKind::decimal;
    c.scale = sc;
    c.scale_div = std::pow(10.0, sc);
  } else {
    throw type_error(name, role, s, "a number (float, integer or decimal)");
  }
  return c;
}

double number_at(const NumColumn& c, const ArrowArray& a, std::int64_t i, std::size_t row) {
  if (c.kind == NumKind::null || is_null(a, i)) return SeriesStore::missing;
  switch (c.kind) {
    case NumKind::f64:
      return static_cast<const double*>(a.buffers[1])[i];
    case NumKind::f32:
      return static_cast<double>(static_cast<const float*>(a.buffers[1])[i]);
    case NumKind::integer: {
      if (c.int_format == 'L') {
        const auto u = static_cast<const std::uint64_t*>(a.buffers[1])[i];
        if (u > (std::uint64_t{1} << 53))
          throw row_error(row, c.name,
                          std::to_string(u) + " cannot be held exactly by a float64 number");
        return static_cast<double>(u);
      }
      const auto v = integer_at(a, c.int_format, i);
      constexpr std::int64_t limit = std::int64_t{1} << 53;
      if (v > limit || v < -limit)
        throw row_error(row, c.name,
                        std::to_string(v) + " cannot be held exactly by a float64 number");
      return static_cast<double>(v);
    }
    case NumKind::decimal: {
      // little-endian two's complement 128-bit integer
      const auto* w = static_cast<const std::uint64_t*>(a.buffers[1]) + 2 * i;
      // hi * 2^64 + lo with hi signed: exact to a double's precision
      const auto hi = static_cast<std::int64_t>(w[1]);
      const long double v =
          static_cast<long double>(hi) * 18446744073709551616.0L + static_cast<long double>(w[0]);
      return static_cast<double>(v / static_cast<long double>(c.scale_div));
    }
    default:
      return SeriesStore::missing;
  }
}

enum class DateKind { date32, date64, timestamp, text };

struct DateColumn {
  int index = -1;
  std::string name;
  DateKind kind = DateKind::date32;
  std::int64_t per_day = 1;
  std::string text_format;
};

DateColumn date_column(const ArrowSchema& s, int index, const std::string& name) {
  DateColumn c;
  c.index = index;
  c.name = name;
  const auto f = fmt(s);
  const char* expected = "date32, date64, a timezone-naive timestamp or text";
  if (s.dictionary) throw type_error(name, "date", s, expected);
  if (f == "tdD") {
    c.kind = DateKind::date32;
  } else if (f == "tdm") {
    c.kind = DateKind::date64;
    c.per_day = 86400000;
  } else if (f.size() >= 4 && f.substr(0, 2) == "ts" && f[3] == ':') {
    if (f.size() > 4)
      throw DomainError(
          "measurements column '" + name + "' (date) has Arrow type " + arrow_type_name(s) +
          ": the dates are timezone-aware; okrkit reads calendar days, so convert them to local "
          "dates first (pyarrow: pc.local_timestamp(col); polars: .dt.replace_time_zone(None); "
          "DuckDB: CAST(ts AT TIME ZONE 'Europe/Berlin' AS DATE))");
    c.kind = DateKind::timestamp;
    switch (f[2]) {
      case 's':
        c.per_day = 86400;
        break;
      case 'm':
        c.per_day = 86400000;
        break;
      case 'u':
        c.per_day = 86400000000LL;
        break;
      case 'n':
        c.per_day = 86400000000000LL;
        break;
      default:
        throw type_error(name, "date", s, expected);
    }
  } else if (is_text(f)) {
    c.kind = DateKind::text;
    c.text_format = std::string(f);
  } else {
    throw type_error(name, "date", s, expected);
  }
  return c;
}

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  std::int64_t q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
  return q;
}

struct SeriesColumn {
  int index = -1;
  std::string name;
  std::string format;     // value format (dictionary: the dictionary's)
  char index_format = 0;  // dictionary index type, 0: not a dictionary
};

SeriesColumn series_column(const ArrowSchema& s, int index, const std::string& name) {
  SeriesColumn c;
  c.index = index;
  c.name = name;
  const char* expected = "text (string, dictionary<string>) or integer ids";
  const ArrowSchema& values = s.dictionary ? *s.dictionary : s;
  const auto vf = fmt(values);
  if (!(is_text(vf) || is_integer(vf)) || values.dictionary)
    throw type_error(name, "series", s, expected);
  if (s.dictionary) {
    const auto f = fmt(s);
    if (!is_integer(f)) throw type_error(name, "series", s, expected);
    c.index_format = f[0];
  }
  c.format = std::string(vf);
  return c;
}

std::string_view trim_view(std::string_view s) {
  const auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return {};
  const auto e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

/// Series ids of the whole read: stable storage (a deque) and an index of views into it.
class SeriesIds {
 public:
  std::uint32_t code(std::string_view id) {
    auto it = index_.find(id);
    if (it != index_.end()) return it->second;
    ids_.emplace_back(id);
    const auto c = static_cast<std::uint32_t>(list_.size());
    list_.push_back(ids_.back());
    index_.emplace(std::string_view(ids_.back()), c);
    return c;
  }
  const std::vector<std::string>& list() const { return list_; }

 private:
  std::deque<std::string> ids_;
  std::vector<std::string> list_;
  std::unordered_map<std::string_view, std::uint32_t> index_;
};

/// The store of the imported rows. Series are numbered by first appearance
/// (as SeriesStore::add numbers them), so a stable counting sort by series
/// and a sort of each series by day give the store order without comparing
/// ids; when no series has two rows for one day the columns become the store
/// as they are (SeriesStore::from_sorted). Otherwise the rows go through the
/// readers' duplicate rules (detail::store_from_rows), messages and notes
/// included, exactly as measurements_from_columns.
SeriesStore build_arrow_store(const std::vector<std::string>& ids,
                              const std::vector<std::uint32_t>& codes,
                              const std::vector<DayNumber>& days, const std::vector<double>& values,
                              const std::vector<double>& nums, const std::vector<double>& dens,
                              DuplicatePolicy duplicates) {
  const std::size_t n = codes.size();
  std::vector<std::size_t> start(ids.size() + 1, 0);
  for (auto c : codes) ++start[c + 1];
  for (std::size_t s = 0; s < ids.size(); ++s) start[s + 1] += start[s];
  std::vector<std::size_t> order(n);
  {
    std::vector<std::size_t> next(start.begin(), start.end() - 1);
    for (std::size_t i = 0; i < n; ++i) order[next[codes[i]]++] = i;
  }
  bool duplicate = false;
  for (std::size_t s = 0; s < ids.size() && !duplicate; ++s) {
    const auto b = order.begin() + static_cast<std::ptrdiff_t>(start[s]);
    const auto e = order.begin() + static_cast<std::ptrdiff_t>(start[s + 1]);
    auto by_day = [&](std::size_t x, std::size_t y) { return days[x] < days[y]; };
    if (!std::is_sorted(b, e, by_day)) std::stable_sort(b, e, by_day);
    for (auto it = b; it != e && it + 1 != e; ++it)
      if (days[*it] == days[*(it + 1)]) {
        duplicate = true;
        break;
      }
  }
  if (duplicate) {
    std::vector<detail::ReaderRow> rows;
    rows.reserve(n);
    for (std::size_t i = 0; i < n; ++i)
      rows.push_back({codes[i], days[i], values[i], nums.empty() ? SeriesStore::missing : nums[i],
                      dens.empty() ? SeriesStore::missing : dens[i], i});
    std::vector<Diagnostic> problems;
    SeriesStore store =
        detail::store_from_rows(ids, rows, duplicates, {"", "frame rows", false}, problems);
    if (!problems.empty()) throw ValidationError(std::move(problems));
    store.finalize();
    return store;
  }
  std::vector<std::uint32_t> s_out(n);
  std::vector<DayNumber> d_out(n);
  std::vector<double> v_out(n), n_out(nums.empty() ? 0 : n), e_out(dens.empty() ? 0 : n);
  for (std::size_t k = 0; k < n; ++k) {
    const std::size_t i = order[k];
    s_out[k] = codes[i];
    d_out[k] = days[i];
    v_out[k] = values[i];
    if (!nums.empty()) n_out[k] = nums[i];
    if (!dens.empty()) e_out[k] = dens[i];
  }
  return SeriesStore::from_sorted(ids, std::move(s_out), std::move(d_out), std::move(v_out),
                                  std::move(n_out), std::move(e_out));
}

}  // namespace

SeriesStore measurements_from_arrow_stream(ArrowArrayStream* stream, const ArrowColumns& columns,
                                           const MeasurementsOptions& options) {
  if (stream == nullptr || stream->release == nullptr)
    throw DomainError("Arrow stream: the stream is null or already released");
  StreamHolder owner(stream);
  SchemaHolder schema;
  if (int rc = stream->get_schema(stream, &schema.s); rc != 0)
    throw DomainError(stream_error(stream, rc, "get_schema"));
  const ArrowSchema& top = schema.s;
  if (fmt(top) != "+s")
    throw DomainError("Arrow stream: measurements must be a table (a struct of columns), not " +
                      arrow_type_name(top));
  std::vector<std::string> names;
  for (std::int64_t k = 0; k < top.n_children; ++k)
    names.emplace_back(top.children[k] && top.children[k]->name ? top.children[k]->name : "");
  auto find = [&](const std::string& col) -> int {
    for (std::size_t k = 0; k < names.size(); ++k)
      if (names[k] == col) return static_cast<int>(k);
    return -1;
  };
  auto require = [&](const std::string& col) {
    const int k = find(col);
    if (k < 0) {
      std::string list;
      for (const auto& n : names) list += (list.empty() ? "" : ", ") + n;
      throw DomainError("measurements table has no column '" + col + "' (columns: " + list + ")");
    }
    return k;
  };
  const int si = require(columns.series), di = require(columns.date), vi = require(columns.value);
  // Types first: a wrong type is reported before any row is read.
  const DateColumn dates = date_column(*top.children[di], di, columns.date);
  const SeriesColumn series = series_column(*top.children[si], si, columns.series);
  std::vector<NumColumn> nums{number_column(*top.children[vi], vi, columns.value, "value")};
  const int ni = columns.numerator.empty() ? -1 : find(columns.numerator);
  const int dni = columns.denominator.empty() ? -1 : find(columns.denominator);
  if (ni >= 0) nums.push_back(number_column(*top.children[ni], ni, columns.numerator, "numerator"));
  if (dni >= 0)
    nums.push_back(number_column(*top.children[dni], dni, columns.denominator, "denominator"));

  const DayNumber min_day = to_day_number(Date(static_cast<unsigned short>(min_input_year), 1, 1));
  const DayNumber max_day =
      to_day_number(Date(static_cast<unsigned short>(max_input_year), 12, 31));

  SeriesIds ids;
  // The rows in stream order, column by column (row i is "row i" in messages).
  std::vector<std::uint32_t> all_codes;
  std::vector<DayNumber> all_days;
  std::vector<double> all_values, all_nums, all_dens;
  std::size_t row = 0;
  for (;;) {
    ArrayHolder batch;
    if (int rc = stream->get_next(stream, &batch.a); rc != 0)
      throw DomainError(stream_error(stream, rc, "get_next"));
    if (batch.a.release == nullptr) break;  // end of stream
    const ArrowArray& b = batch.a;
    if (b.n_children != top.n_children || b.length < 0 || b.offset < 0 ||
        (b.n_children > 0 && b.children == nullptr))
      throw DomainError("Arrow stream: a record batch does not match the stream's schema");
    for (int k : {si, di, vi, ni, dni})
      if (k >= 0) {
        const ArrowArray* c = b.children[k];
        if (c == nullptr || c->length < b.offset + b.length)
          throw DomainError("Arrow stream: column '" + names[k] + "' is shorter than its batch");
        check_layout(*top.children[k], *c, names[k]);
      }
    const std::int64_t n = b.length;

    // series codes of this batch
    std::vector<std::uint32_t> codes(static_cast<std::size_t>(n));
    {
      const ArrowArray& a = *b.children[si];
      const std::int64_t base = b.offset + a.offset;
      // Rows of one series often come together: the previous row's id is
      // compared before the hash lookup.
      std::string_view last_text;
      std::uint32_t last_code = 0;
      bool have_last = false;
      auto id_code = [&](std::string_view text, std::size_t r) -> std::uint32_t {
        if (have_last && text == last_text) return last_code;
        const auto t = trim_view(text);
        if (t.empty()) throw row_error(r, columns.series, "series id is empty");
        last_code = ids.code(t);
        last_text = text;
        have_last = true;
        return last_code;
      };
      if (series.index_format) {
        const ArrowArray& dict = *a.dictionary;
        std::vector<std::int64_t> map(static_cast<std::size_t>(dict.length), -1);
        for (std::int64_t i = 0; i < n; ++i) {
          const std::size_t r = row + static_cast<std::size_t>(i);
          if (is_null(a, base + i)) throw row_error(r, columns.series, "missing series id");
          const std::int64_t k = integer_at(a, series.index_format, base + i);
          if (k < 0 || k >= dict.length)
            throw DomainError("Arrow stream: row " + std::to_string(r) + ": dictionary index " +
                              std::to_string(k) + " of column '" + columns.series +
                              "' is outside its dictionary");
          auto& m = map[static_cast<std::size_t>(k)];
          if (m < 0) {
            if (is_null(dict, dict.offset + k))
              throw row_error(r, columns.series, "missing series id");
            if (is_text(series.format))
              m = id_code(text_at(dict, series.format, dict.offset + k), r);
            else
              m = ids.code(std::to_string(integer_at(dict, series.format[0], dict.offset + k)));
          }
          codes[static_cast<std::size_t>(i)] = static_cast<std::uint32_t>(m);
        }
      } else if (is_text(series.format)) {
        for (std::int64_t i = 0; i < n; ++i) {
          const std::size_t r = row + static_cast<std::size_t>(i);
          if (is_null(a, base + i)) throw row_error(r, columns.series, "missing series id");
          codes[static_cast<std::size_t>(i)] = id_code(text_at(a, series.format, base + i), r);
        }
      } else {
        for (std::int64_t i = 0; i < n; ++i) {
          const std::size_t r = row + static_cast<std::size_t>(i);
          if (is_null(a, base + i)) throw row_error(r, columns.series, "missing series id");
          codes[static_cast<std::size_t>(i)] =
              ids.code(std::to_string(integer_at(a, series.format[0], base + i)));
        }
      }
    }

    const ArrowArray& da = *b.children[di];
    const std::int64_t dbase = b.offset + da.offset;
    std::vector<const ArrowArray*> na;
    std::vector<std::int64_t> nbase;
    for (const auto& c : nums) {
      na.push_back(b.children[c.index]);
      nbase.push_back(b.offset + b.children[c.index]->offset);
    }
    for (std::int64_t i = 0; i < n; ++i) {
      const std::size_t r = row + static_cast<std::size_t>(i);
      if (is_null(da, dbase + i)) throw row_error(r, columns.date, "missing date");
      std::int64_t day = 0;
      switch (dates.kind) {
        case DateKind::date32:
          day = static_cast<const std::int32_t*>(da.buffers[1])[dbase + i];
          break;
        case DateKind::date64:
        case DateKind::timestamp:
          day =
              floor_div(static_cast<const std::int64_t*>(da.buffers[1])[dbase + i], dates.per_day);
          break;
        case DateKind::text: {
          Date d{};
          const auto text = text_at(da, dates.text_format, dbase + i);
          if (auto problem = sql::detail::date_text(text, options.calendar, options.date_format, d))
            throw row_error(r, columns.date, *problem);
          day = to_day_number(d);
          break;
        }
      }
      if (day < min_day || day > max_day) {
        std::string shown;
        if (day >= -200000 && day <= 2900000)  // inside boost's years 1400..9999
          shown = format_date(from_day_number(static_cast<DayNumber>(day)));
        else
          shown = "day " + std::to_string(day);
        throw row_error(r, columns.date,
                        "date " + shown + " is outside the Gregorian years " +
                            std::to_string(min_input_year) + ".." + std::to_string(max_input_year));
      }
      all_days.push_back(static_cast<DayNumber>(day));
    }
    all_codes.insert(all_codes.end(), codes.begin(), codes.end());
    // Numbers column by column: a float64 column without nulls is one copy
    // of the Arrow buffer into the store's builder.
    for (std::size_t k = 0; k < nums.size(); ++k) {
      std::vector<double>& out = k == 0 ? all_values : (ni >= 0 && k == 1) ? all_nums : all_dens;
      const ArrowArray& a = *na[k];
      if (nums[k].kind == NumKind::f64 && a.null_count == 0) {
        const double* p = static_cast<const double*>(a.buffers[1]) + nbase[k];
        out.insert(out.end(), p, p + n);
      } else {
        for (std::int64_t i = 0; i < n; ++i)
          out.push_back(number_at(nums[k], a, nbase[k] + i, row + static_cast<std::size_t>(i)));
      }
    }
    row += static_cast<std::size_t>(n);
  }

  SeriesStore store = build_arrow_store(ids.list(), all_codes, all_days, all_values, all_nums,
                                        all_dens, options.duplicates);
  // Say which columns were converted to float64 (nothing is converted silently).
  for (const auto& c : nums) {
    if (c.kind == NumKind::f64 || c.kind == NumKind::null) continue;
    store.add_note({Severity::info, "arrow-converted",
                    "measurements column '" + c.name + "' (" + c.role + ") has Arrow type " +
                        arrow_type_name(*top.children[c.index]) +
                        "; its numbers were converted to float64",
                    Location{"", 0, "", c.name}});
  }
  return store;
}

// ---- the exporter -----------------------------------------------------------------------

namespace {

/// Everything one exported array owns: its buffers, the pointer arrays, its
/// children and dictionary. Freed by the array's release callback.
struct ArrayData {
  std::vector<std::vector<std::uint8_t>> storage;
  std::vector<const void*> buffers;
  std::vector<ArrowArray*> children;
  std::vector<std::unique_ptr<ArrowArray>> owned_children;
  std::unique_ptr<ArrowArray> dictionary;
};

void release_array(ArrowArray* a) {
  if (a == nullptr || a->release == nullptr) return;
  auto* d = static_cast<ArrayData*>(a->private_data);
  for (auto& c : d->owned_children)
    if (c->release) c->release(c.get());
  if (d->dictionary && d->dictionary->release) d->dictionary->release(d->dictionary.get());
  delete d;
  a->release = nullptr;
}

struct SchemaData {
  std::string format, name;
  std::vector<ArrowSchema*> children;
  std::vector<std::unique_ptr<ArrowSchema>> owned_children;
  std::unique_ptr<ArrowSchema> dictionary;
};

void release_schema(ArrowSchema* s) {
  if (s == nullptr || s->release == nullptr) return;
  auto* d = static_cast<SchemaData*>(s->private_data);
  for (auto& c : d->owned_children)
    if (c->release) c->release(c.get());
  if (d->dictionary && d->dictionary->release) d->dictionary->release(d->dictionary.get());
  delete d;
  s->release = nullptr;
}

void make_schema(ArrowSchema* out, std::string format, std::string name, std::int64_t flags) {
  auto* d = new SchemaData;
  d->format = std::move(format);
  d->name = std::move(name);
  out->format = d->format.c_str();
  out->name = d->name.c_str();
  out->metadata = nullptr;
  out->flags = flags;
  out->n_children = 0;
  out->children = nullptr;
  out->dictionary = nullptr;
  out->release = release_schema;
  out->private_data = d;
}

ArrowSchema* add_child(ArrowSchema* parent) {
  auto* d = static_cast<SchemaData*>(parent->private_data);
  d->owned_children.push_back(std::make_unique<ArrowSchema>());
  d->children.push_back(d->owned_children.back().get());
  parent->children = d->children.data();
  parent->n_children = static_cast<std::int64_t>(d->children.size());
  return d->children.back();
}

void column_schema(ArrowSchema* out, const arrow::Column& c) {
  const std::int64_t nullable = ARROW_FLAG_NULLABLE;
  switch (c.type) {
    case arrow::ColumnType::text:
      make_schema(out, "u", c.name, nullable);
      break;
    case arrow::ColumnType::number:
      make_schema(out, "g", c.name, nullable);
      break;
    case arrow::ColumnType::integer:
      make_schema(out, "l", c.name, nullable);
      break;
    case arrow::ColumnType::flag:
      make_schema(out, "b", c.name, nullable);
      break;
    case arrow::ColumnType::date:
      make_schema(out, "tdD", c.name, nullable);
      break;
    case arrow::ColumnType::category: {
      make_schema(out, "i", c.name, nullable | (c.ordered ? ARROW_FLAG_DICTIONARY_ORDERED : 0));
      auto* d = static_cast<SchemaData*>(out->private_data);
      d->dictionary = std::make_unique<ArrowSchema>();
      make_schema(d->dictionary.get(), "u", "", 0);
      out->dictionary = d->dictionary.get();
      break;
    }
    case arrow::ColumnType::text_list: {
      make_schema(out, "+l", c.name, nullable);
      make_schema(add_child(out), "u", "item", nullable);
      break;
    }
  }
}

ArrayData* new_array(ArrowArray* out, std::int64_t length, std::int64_t null_count) {
  auto* d = new ArrayData;
  out->length = length;
  out->null_count = null_count;
  out->offset = 0;
  out->n_buffers = 0;
  out->n_children = 0;
  out->buffers = nullptr;
  out->children = nullptr;
  out->dictionary = nullptr;
  out->release = release_array;
  out->private_data = d;
  return d;
}

template <class T>
void add_buffer(ArrowArray* a, ArrayData* d, const T* data, std::size_t count) {
  d->storage.emplace_back(reinterpret_cast<const std::uint8_t*>(data),
                          reinterpret_cast<const std::uint8_t*>(data) + count * sizeof(T));
  // Pointers are collected after all buffers exist (vectors may move).
  (void)a;
}

void finish_buffers(ArrowArray* a, ArrayData* d, bool with_validity) {
  d->buffers.clear();
  if (!with_validity) d->buffers.push_back(nullptr);
  // An empty data buffer is still a valid pointer (consumers may read it).
  static const std::int64_t zero[2] = {0, 0};
  for (std::size_t k = 0; k < d->storage.size(); ++k) {
    auto& s = d->storage[k];
    d->buffers.push_back(!s.empty()                  ? static_cast<const void*>(s.data())
                         : (k == 0 && with_validity) ? nullptr
                                                     : static_cast<const void*>(zero));
  }
  a->buffers = d->buffers.data();
  a->n_buffers = static_cast<std::int64_t>(d->buffers.size());
}

/// Validity bitmap from `valid` (empty: none); returns the null count.
std::int64_t validity(const std::vector<std::uint8_t>& valid, std::vector<std::uint8_t>& bits) {
  std::int64_t nulls = 0;
  bits.assign((valid.size() + 7) / 8, 0);
  for (std::size_t i = 0; i < valid.size(); ++i) {
    if (valid[i])
      bits[i >> 3] = static_cast<std::uint8_t>(bits[i >> 3] | (1u << (i & 7)));
    else
      ++nulls;
  }
  return nulls;
}

void text_array(ArrowArray* out, const std::vector<std::string>& text,
                const std::vector<std::uint8_t>& valid) {
  std::vector<std::uint8_t> bits;
  const std::int64_t nulls = validity(valid, bits);
  auto* d = new_array(out, static_cast<std::int64_t>(text.size()), nulls);
  std::vector<std::int32_t> offsets(text.size() + 1, 0);
  std::size_t total = 0;
  for (const auto& s : text) total += s.size();
  if (total > static_cast<std::size_t>(std::numeric_limits<std::int32_t>::max())) {
    release_array(out);
    throw DomainError("Arrow export: a text column holds more than 2 GiB");
  }
  std::vector<char> chars;
  chars.reserve(total);
  for (std::size_t i = 0; i < text.size(); ++i) {
    chars.insert(chars.end(), text[i].begin(), text[i].end());
    offsets[i + 1] = static_cast<std::int32_t>(chars.size());
  }
  d->storage.push_back(nulls ? bits : std::vector<std::uint8_t>{});
  add_buffer(out, d, offsets.data(), offsets.size());
  add_buffer(out, d, chars.data(), chars.size());
  finish_buffers(out, d, true);
}

void column_array(ArrowArray* out, const arrow::Column& c, std::size_t rows) {
  std::vector<std::uint8_t> bits;
  std::vector<std::uint8_t> valid = c.valid;
  if (c.type == arrow::ColumnType::number) {
    // NaN is "no value": exported as null, as pyarrow does from pandas.
    if (valid.empty()) valid.assign(rows, 1);
    for (std::size_t i = 0; i < rows; ++i)
      if (std::isnan(c.numbers[i])) valid[i] = 0;
  }
  const std::int64_t nulls = validity(valid, bits);
  const auto len = static_cast<std::int64_t>(rows);
  switch (c.type) {
    case arrow::ColumnType::text:
      text_array(out, c.text, valid);
      return;
    case arrow::ColumnType::number: {
      auto* d = new_array(out, len, nulls);
      d->storage.push_back(nulls ? bits : std::vector<std::uint8_t>{});
      add_buffer(out, d, c.numbers.data(), rows);
      finish_buffers(out, d, true);
      return;
    }
    case arrow::ColumnType::integer: {
      auto* d = new_array(out, len, nulls);
      d->storage.push_back(nulls ? bits : std::vector<std::uint8_t>{});
      add_buffer(out, d, c.integers.data(), rows);
      finish_buffers(out, d, true);
      return;
    }
    case arrow::ColumnType::date: {
      auto* d = new_array(out, len, nulls);
      std::vector<std::int32_t> days(rows);
      for (std::size_t i = 0; i < rows; ++i) days[i] = static_cast<std::int32_t>(c.integers[i]);
      d->storage.push_back(nulls ? bits : std::vector<std::uint8_t>{});
      add_buffer(out, d, days.data(), rows);
      finish_buffers(out, d, true);
      return;
    }
    case arrow::ColumnType::flag: {
      auto* d = new_array(out, len, nulls);
      std::vector<std::uint8_t> packed((rows + 7) / 8, 0);
      for (std::size_t i = 0; i < rows; ++i)
        if (c.integers[i])
          packed[i >> 3] = static_cast<std::uint8_t>(packed[i >> 3] | (1u << (i & 7)));
      d->storage.push_back(nulls ? bits : std::vector<std::uint8_t>{});
      d->storage.push_back(std::move(packed));
      finish_buffers(out, d, true);
      return;
    }
    case arrow::ColumnType::category: {
      auto* d = new_array(out, len, nulls);
      std::vector<std::int32_t> idx(rows);
      for (std::size_t i = 0; i < rows; ++i) idx[i] = static_cast<std::int32_t>(c.integers[i]);
      d->storage.push_back(nulls ? bits : std::vector<std::uint8_t>{});
      add_buffer(out, d, idx.data(), rows);
      finish_buffers(out, d, true);
      d->dictionary = std::make_unique<ArrowArray>();
      text_array(d->dictionary.get(), c.categories, {});
      out->dictionary = d->dictionary.get();
      return;
    }
    case arrow::ColumnType::text_list: {
      auto* d = new_array(out, len, nulls);
      std::vector<std::int32_t> offsets(rows + 1, 0);
      std::vector<std::string> items;
      for (std::size_t i = 0; i < rows; ++i) {
        items.insert(items.end(), c.lists[i].begin(), c.lists[i].end());
        offsets[i + 1] = static_cast<std::int32_t>(items.size());
      }
      d->storage.push_back(nulls ? bits : std::vector<std::uint8_t>{});
      add_buffer(out, d, offsets.data(), offsets.size());
      finish_buffers(out, d, true);
      d->owned_children.push_back(std::make_unique<ArrowArray>());
      text_array(d->owned_children.back().get(), items, {});
      d->children.push_back(d->owned_children.back().get());
      out->children = d->children.data();
      out->n_children = 1;
      return;
    }
  }
}

struct StreamData {
  arrow::Table table;
  bool sent = false;
  std::string error;
};

int stream_get_schema(ArrowArrayStream* s, ArrowSchema* out) {
  auto* d = static_cast<StreamData*>(s->private_data);
  try {
    make_schema(out, "+s", "", 0);
    for (const auto& c : d->table.columns) column_schema(add_child(out), c);
    return 0;
  } catch (const std::exception& e) {
    d->error = e.what();
    return 12;  // ENOMEM
  }
}

int stream_get_next(ArrowArrayStream* s, ArrowArray* out) {
  auto* d = static_cast<StreamData*>(s->private_data);
  if (d->sent) {
    out->release = nullptr;  // end of stream
    return 0;
  }
  try {
    auto* a = new_array(out, static_cast<std::int64_t>(d->table.rows), 0);
    a->buffers.push_back(nullptr);  // a struct's validity: none
    out->buffers = a->buffers.data();
    out->n_buffers = 1;
    for (const auto& c : d->table.columns) {
      a->owned_children.push_back(std::make_unique<ArrowArray>());
      a->owned_children.back()->release = nullptr;
      column_array(a->owned_children.back().get(), c, d->table.rows);
      a->children.push_back(a->owned_children.back().get());
    }
    out->children = a->children.data();
    out->n_children = static_cast<std::int64_t>(a->children.size());
    d->sent = true;
    return 0;
  } catch (const std::exception& e) {
    if (out->release) out->release(out);
    d->error = e.what();
    return 12;
  }
}

const char* stream_last_error(ArrowArrayStream* s) {
  auto* d = static_cast<StreamData*>(s->private_data);
  return d->error.empty() ? nullptr : d->error.c_str();
}

void stream_release(ArrowArrayStream* s) {
  if (s == nullptr || s->release == nullptr) return;
  delete static_cast<StreamData*>(s->private_data);
  s->release = nullptr;
}

std::size_t column_length(const arrow::Column& c) {
  switch (c.type) {
    case arrow::ColumnType::text:
      return c.text.size();
    case arrow::ColumnType::number:
      return c.numbers.size();
    case arrow::ColumnType::text_list:
      return c.lists.size();
    default:
      return c.integers.size();
  }
}

}  // namespace

void arrow::export_table(Table table, ArrowArrayStream* out) {
  for (const auto& c : table.columns) {
    if (column_length(c) != table.rows || (!c.valid.empty() && c.valid.size() != table.rows))
      throw DomainError("Arrow export: column '" + c.name + "' has " +
                        std::to_string(column_length(c)) + " rows; the table has " +
                        std::to_string(table.rows));
    if (c.type == ColumnType::category)
      for (auto k : c.integers)
        if (k < 0 || static_cast<std::size_t>(k) >= c.categories.size())
          throw DomainError("Arrow export: column '" + c.name + "' has a category index " +
                            std::to_string(k) + " outside its " +
                            std::to_string(c.categories.size()) + " categories");
  }
  auto* d = new StreamData{std::move(table), false, {}};
  out->get_schema = stream_get_schema;
  out->get_next = stream_get_next;
  out->get_last_error = stream_last_error;
  out->release = stream_release;
  out->private_data = d;
}

namespace {

arrow::Column make_column(std::string name, arrow::ColumnType type, std::size_t rows) {
  arrow::Column c;
  c.name = std::move(name);
  c.type = type;
  switch (type) {
    case arrow::ColumnType::text:
      c.text.reserve(rows);
      break;
    case arrow::ColumnType::number:
      c.numbers.reserve(rows);
      break;
    case arrow::ColumnType::text_list:
      c.lists.reserve(rows);
      break;
    default:
      c.integers.reserve(rows);
      break;
  }
  return c;
}

}  // namespace

arrow::Table arrow::history_table(const std::vector<Scorecard>& history) {
  Table t;
  Column as_of = make_column("as_of", ColumnType::date, 0);
  for (const Scorecard& sc : history) {
    Table one = scorecard_table(sc);
    if (t.columns.empty()) {
      for (auto& c : one.columns) {
        Column empty = make_column(c.name, c.type, 0);
        empty.categories = c.categories;
        empty.ordered = c.ordered;
        t.columns.push_back(std::move(empty));
      }
    }
    for (std::size_t j = 0; j < one.columns.size(); ++j) {
      Column& to = t.columns[j];
      Column& from = one.columns[j];
      // validity: "empty = no nulls" on either side becomes explicit 1s
      if (!from.valid.empty() || !to.valid.empty()) {
        to.valid.resize(t.rows, 1);
        if (from.valid.empty()) from.valid.assign(one.rows, 1);
        to.valid.insert(to.valid.end(), from.valid.begin(), from.valid.end());
      }
      auto append = [](auto& a, auto& b) {
        a.insert(a.end(), std::make_move_iterator(b.begin()), std::make_move_iterator(b.end()));
      };
      append(to.text, from.text);
      append(to.numbers, from.numbers);
      append(to.integers, from.integers);
      append(to.lists, from.lists);
    }
    as_of.integers.insert(as_of.integers.end(), one.rows, to_day_number(sc.as_of));
    t.rows += one.rows;
  }
  if (t.columns.empty()) t.columns = scorecard_table(Scorecard{}).columns;
  t.columns.insert(t.columns.begin(), std::move(as_of));
  return t;
}

arrow::Table arrow::scorecard_table(const Scorecard& sc) {
  Table t;
  t.rows = sc.nodes.size();
  const std::size_t n = t.rows;
  for_each_field([&](const auto& f) {
    using F = std::decay_t<decltype(f)>;
    const std::string name(f.name);
    if constexpr (F::kind == FieldKind::text) {
      Column c = make_column(name, ColumnType::text, n);
      for (const auto& node : sc.nodes) {
        const auto& v = node.*(f.member);
        if constexpr (F::nullable) {
          c.text.push_back(v ? *v : std::string());
          c.valid.push_back(v ? 1 : 0);
        } else {
          c.text.push_back(v);
          c.valid.push_back(f.has(empty_is_none) && v.empty() ? 0 : 1);
        }
      }
      t.columns.push_back(std::move(c));
    } else if constexpr (F::kind == FieldKind::category) {
      using E = detail::unoptional_t<typename F::member_type>;
      Column c = make_column(name, ColumnType::category, n);
      c.ordered = f.has(ordered);
      for (const auto& [v, nm] : detail::enum_names<E>::names) {
        (void)v;
        c.categories.emplace_back(nm);
      }
      auto index_of = [&](E e) {
        std::int64_t k = 0;
        for (const auto& [v, nm] : detail::enum_names<E>::names) {
          (void)nm;
          if (v == e) return k;
          ++k;
        }
        return std::int64_t{0};
      };
      for (const auto& node : sc.nodes) {
        const auto& v = node.*(f.member);
        if constexpr (F::nullable) {
          c.integers.push_back(v ? index_of(*v) : 0);
          c.valid.push_back(v ? 1 : 0);
        } else {
          c.integers.push_back(index_of(v));
        }
      }
      t.columns.push_back(std::move(c));
    } else if constexpr (F::kind == FieldKind::number) {
      Column c = make_column(name, ColumnType::number, n);
      for (const auto& node : sc.nodes) {
        const auto& v = node.*(f.member);
        if constexpr (F::nullable)
          c.numbers.push_back(v ? *v : std::numeric_limits<double>::quiet_NaN());
        else
          c.numbers.push_back(v);
      }
      t.columns.push_back(std::move(c));
    } else if constexpr (F::kind == FieldKind::date) {
      Column c = make_column(name, ColumnType::date, n);
      c.valid.reserve(n);
      for (const auto& node : sc.nodes) {
        const auto& v = node.*(f.member);
        c.integers.push_back(v ? to_day_number(*v) : 0);
        c.valid.push_back(v ? 1 : 0);
      }
      t.columns.push_back(std::move(c));
    } else if constexpr (F::kind == FieldKind::flag) {
      Column c = make_column(name, ColumnType::flag, n);
      for (const auto& node : sc.nodes) {
        const auto& v = node.*(f.member);
        if constexpr (F::nullable) {
          c.integers.push_back(v && *v ? 1 : 0);
          c.valid.push_back(v ? 1 : 0);
        } else {
          c.integers.push_back(v ? 1 : 0);
        }
      }
      t.columns.push_back(std::move(c));
    } else if constexpr (F::kind == FieldKind::count) {
      Column c = make_column(name, ColumnType::integer, n);
      for (const auto& node : sc.nodes) {
        const auto& v = node.*(f.member);
        if constexpr (F::nullable) {
          c.integers.push_back(v ? static_cast<std::int64_t>(*v) : 0);
          c.valid.push_back(v ? 1 : 0);
        } else {
          c.integers.push_back(static_cast<std::int64_t>(v));
        }
      }
      t.columns.push_back(std::move(c));
    } else {  // diagnostics: "code: message | ..." as Python's Scorecard.to_frame()
      Column c = make_column(name, ColumnType::text, n);
      for (const auto& node : sc.nodes) {
        std::string s;
        for (const auto& d : node.*(f.member)) {
          if (!s.empty()) s += " | ";
          s += d.code + ": " + d.message;
        }
        c.text.push_back(std::move(s));
      }
      t.columns.push_back(std::move(c));
    }
  });
  // No null in a column: no validity bitmap.
  for (auto& c : t.columns)
    if (std::find(c.valid.begin(), c.valid.end(), std::uint8_t{0}) == c.valid.end())
      c.valid.clear();
  return t;
}

arrow::Table arrow::lint_table(const std::vector<Diagnostic>& findings) {
  Table t;
  t.rows = findings.size();
  Column rule = make_column("rule", ColumnType::text, t.rows);
  Column name = make_column("name", ColumnType::text, t.rows);
  Column severity = make_column("severity", ColumnType::category, t.rows);
  severity.categories = {"info", "warning", "error"};
  Column node = make_column("node", ColumnType::text, t.rows);
  Column field = make_column("field", ColumnType::text, t.rows);
  Column file = make_column("file", ColumnType::text, t.rows);
  Column line = make_column("line", ColumnType::integer, t.rows);
  Column message = make_column("message", ColumnType::text, t.rows);
  for (const auto& d : findings) {
    rule.text.push_back(d.code);
    const LintRule* r = find_lint_rule(d.code);
    name.text.push_back(r ? r->name : std::string());
    severity.integers.push_back(static_cast<std::int64_t>(d.severity));
    node.text.push_back(d.where.node);
    field.text.push_back(d.where.field);
    file.text.push_back(d.where.file);
    line.integers.push_back(static_cast<std::int64_t>(d.where.line));
    message.text.push_back(d.message);
  }
  for (auto* c : {&rule, &name, &severity, &node, &field, &file, &line, &message})
    t.columns.push_back(std::move(*c));
  return t;
}

arrow::Table arrow::appraisal_table(const AppraisalResult& result) {
  Table t;
  const std::size_t n = result.rows.size();
  t.rows = n;
  auto text = [&](const char* nm, auto get) {
    Column c = make_column(nm, ColumnType::text, n);
    for (const auto& r : result.rows) c.text.push_back(get(r));
    t.columns.push_back(std::move(c));
  };
  auto number = [&](const std::string& nm, auto get) {
    Column c = make_column(nm, ColumnType::number, n);
    for (const auto& r : result.rows) c.numbers.push_back(get(r));
    t.columns.push_back(std::move(c));
  };
  auto list = [&](const char* nm, auto get) {
    Column c = make_column(nm, ColumnType::text_list, n);
    for (const auto& r : result.rows) c.lists.push_back(get(r));
    t.columns.push_back(std::move(c));
  };
  text("cycle", [](const AppraisalRow& r) { return r.cycle; });
  text("person", [](const AppraisalRow& r) { return r.person; });
  text("name", [](const AppraisalRow& r) { return r.name; });
  text("unit", [](const AppraisalRow& r) { return r.unit; });
  number("kpi_score", [](const AppraisalRow& r) { return r.kpi_score; });
  number("okr_score", [](const AppraisalRow& r) { return r.okr_score; });
  list("kpi_from", [](const AppraisalRow& r) { return r.kpi_from; });
  list("okr_from", [](const AppraisalRow& r) { return r.okr_from; });
  for (std::size_t k = 0; k < 4; ++k) {
    const std::string role = to_string(static_cast<RaterRole>(k));
    number(role, [k](const AppraisalRow& r) { return r.roles[k].score; });
    Column raters = make_column(role + "_raters", ColumnType::integer, n);
    Column counted = make_column(role + "_counted", ColumnType::flag, n);
    for (const auto& r : result.rows) {
      raters.integers.push_back(static_cast<std::int64_t>(r.roles[k].raters.size()));
      counted.integers.push_back(r.roles[k].counted ? 1 : 0);
    }
    t.columns.push_back(std::move(raters));
    t.columns.push_back(std::move(counted));
  }
  number("competency", [](const AppraisalRow& r) { return r.competency; });
  number("competency_score", [](const AppraisalRow& r) { return r.competency_score; });
  number("final_score", [](const AppraisalRow& r) { return r.final_score; });
  text("band", [](const AppraisalRow& r) { return r.band; });
  list("raters", [](const AppraisalRow& r) {
    std::vector<std::string> out;
    for (const auto& role : r.roles)
      for (const auto& x : role.raters) out.push_back(x + " (" + to_string(role.role) + ")");
    return out;
  });
  list("trimmed", [](const AppraisalRow& r) {
    std::vector<std::string> out;
    for (const auto& role : r.roles)
      out.insert(out.end(), role.trimmed.begin(), role.trimmed.end());
    return out;
  });
  list("notes", [](const AppraisalRow& r) { return r.notes; });
  return t;
}

void export_scorecard(const Scorecard& scorecard, ArrowArrayStream* out) {
  arrow::export_table(arrow::scorecard_table(scorecard), out);
}

void export_history(const std::vector<Scorecard>& history, ArrowArrayStream* out) {
  arrow::export_table(arrow::history_table(history), out);
}
void export_lint_findings(const std::vector<Diagnostic>& findings, ArrowArrayStream* out) {
  arrow::export_table(arrow::lint_table(findings), out);
}
void export_appraisal(const AppraisalResult& result, ArrowArrayStream* out) {
  arrow::export_table(arrow::appraisal_table(result), out);
}

}  // namespace okrkit
