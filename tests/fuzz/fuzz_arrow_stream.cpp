// libFuzzer target: the Arrow C stream importer (measurements_from_arrow_stream).
// The fuzz bytes choose the column types (every type the importer reads and
// some it refuses), the row count, the cell bytes, the validity bitmaps and
// the batch split; the buffers are well-formed Arrow (the C interface carries
// no buffer sizes, so a producer's layout is trusted), the contents are not.
// Any okrkit::Error is a correct answer; a crash, a sanitizer report or
// another exception is a bug.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include <okrkit/io/arrow_stream.hpp>

#include "../cpp/arrow_test_stream.hpp"

using namespace okrkit;
using namespace okrkit::testing;

namespace {

struct Bytes {
  const std::uint8_t* p;
  std::size_t n, i = 0;
  std::uint8_t next() { return i < n ? p[i++] : 0; }
  template <class T>
  T value() {
    T v{};
    auto* out = reinterpret_cast<std::uint8_t*>(&v);
    for (std::size_t k = 0; k < sizeof(T); ++k) out[k] = next();
    return v;
  }
};

std::vector<int> validity(Bytes& b, std::size_t rows) {
  if ((b.next() & 3) != 0) return {};
  std::vector<int> v(rows);
  for (auto& x : v) x = (b.next() & 7) != 0;
  return v;
}

std::vector<std::string> strings(Bytes& b, std::size_t rows) {
  std::vector<std::string> out(rows);
  for (auto& s : out) {
    const std::size_t len = b.next() % 20;
    for (std::size_t k = 0; k < len; ++k) s += static_cast<char>(b.next());
  }
  return out;
}

RawColumn series_column(Bytes& b, std::size_t rows) {
  switch (b.next() % 5) {
    case 0:
      return text("series", strings(b, rows), validity(b, rows));
    case 1:
      return text("series", strings(b, rows), validity(b, rows), true);
    case 2:
      return text_view("series", strings(b, rows));
    case 3: {
      const std::size_t dict = 1 + b.next() % 8;
      std::vector<std::int32_t> idx(rows);
      for (auto& k : idx) k = static_cast<std::int32_t>(b.next() % (dict + 1));  // may overflow
      return dictionary("series", idx, text("", strings(b, dict)), validity(b, rows));
    }
    default: {
      std::vector<std::int64_t> v(rows);
      for (auto& x : v) x = b.value<std::int64_t>();
      return fixed("series", "l", v, validity(b, rows));
    }
  }
}

RawColumn date_column(Bytes& b, std::size_t rows) {
  const int kind = b.next() % 7;
  if (kind == 0) {
    std::vector<std::int32_t> v(rows);
    for (auto& x : v) x = b.value<std::int32_t>() % 200000;
    return fixed("date", "tdD", v, validity(b, rows));
  }
  if (kind == 5) return text("date", strings(b, rows), validity(b, rows));
  if (kind == 6) {
    std::vector<double> v(rows);
    for (auto& x : v) x = b.value<double>();
    return fixed("date", "g", v);  // refused: a number is not a date
  }
  static const char* formats[] = {"tdm", "tss:", "tsm:", "tsu:", "tsn:UTC"};
  std::vector<std::int64_t> v(rows);
  for (auto& x : v) x = b.value<std::int64_t>();
  return fixed("date", formats[(kind - 1 + (b.next() % 2)) % 5], v, validity(b, rows));
}

RawColumn number_column(Bytes& b, const char* name, std::size_t rows) {
  switch (b.next() % 7) {
    case 0: {
      std::vector<double> v(rows);
      for (auto& x : v) x = b.value<double>();
      return fixed(name, "g", v, validity(b, rows));
    }
    case 1: {
      std::vector<float> v(rows);
      for (auto& x : v) x = b.value<float>();
      return fixed(name, "f", v, validity(b, rows));
    }
    case 2: {
      std::vector<std::int32_t> v(rows);
      for (auto& x : v) x = b.value<std::int32_t>();
      return fixed(name, "i", v, validity(b, rows));
    }
    case 3: {
      std::vector<std::uint64_t> v(rows);
      for (auto& x : v) x = b.value<std::uint64_t>();
      return fixed(name, "L", v, validity(b, rows));
    }
    case 4: {
      std::vector<std::int64_t> v(2 * rows);
      for (auto& x : v) x = b.value<std::int64_t>();
      RawColumn c = fixed(name, "d:38,4", v);  // two 64-bit words per decimal128
      c.length = static_cast<std::int64_t>(rows);
      auto valid = validity(b, rows);
      if (!valid.empty()) c.buffers[0] = bitmap(valid, c.null_count);
      return c;
    }
    case 5: {
      RawColumn c;
      c.name = name;
      c.format = "n";
      c.length = static_cast<std::int64_t>(rows);
      c.null_count = c.length;
      return c;
    }
    default:
      return text(name, strings(b, rows));  // refused: text is not a number
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  Bytes b{data, size};
  const std::size_t batches = 1 + b.next() % 3;
  const bool ratio = (b.next() & 1) != 0;
  std::vector<std::vector<RawColumn>> all;
  // The first batch fixes the column types; later batches repeat the choice bytes.
  const std::size_t types_at = b.i;
  for (std::size_t k = 0; k < batches; ++k) {
    const std::size_t rows = b.next() % 40;
    Bytes t{data, size, types_at};  // same type choices in every batch
    std::vector<RawColumn> cols;
    cols.push_back(series_column(t, rows));
    cols.push_back(date_column(t, rows));
    cols.push_back(number_column(t, "value", rows));
    if (ratio) {
      cols.push_back(number_column(t, "numerator", rows));
      cols.push_back(number_column(t, "denominator", rows));
    }
    b.i = t.i;
    all.push_back(std::move(cols));
  }
  // Batches must agree on types: keep only those whose formats match the first.
  std::vector<std::vector<RawColumn>> same;
  for (auto& cols : all) {
    bool ok = cols.size() == all.front().size();
    for (std::size_t c = 0; ok && c < cols.size(); ++c)
      ok = cols[c].format == all.front()[c].format &&
           (cols[c].dictionary != nullptr) == (all.front()[c].dictionary != nullptr);
    if (ok) same.push_back(std::move(cols));
  }
  ArrowArrayStream stream;
  make_stream(&stream, std::move(same));
  MeasurementsOptions opt;
  opt.duplicates = static_cast<DuplicatePolicy>(b.next() % 5);
  opt.date_format = (b.next() & 1) ? DateFormat::excel : DateFormat::iso;
  try {
    SeriesStore s = measurements_from_arrow_stream(&stream, {}, opt);
    (void)s.size();
  } catch (const okrkit::Error&) {
  }
  return 0;
}
