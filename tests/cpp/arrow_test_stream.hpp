// A minimal Arrow C stream producer for the tests and the fuzz target: columns
// given by their Arrow format string and raw buffers, so every type the
// importer reads (including those okrkit never exports) can be produced
// without Arrow C++. Shared by tests/cpp/io/test_arrow_stream.cpp and
// tests/fuzz/fuzz_arrow_stream.cpp.
#pragma once

#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include <okrkit/io/arrow_stream.hpp>

namespace okrkit::testing {

struct RawColumn {
  std::string name, format;
  std::int64_t length = 0, null_count = 0, offset = 0;
  std::vector<std::vector<std::uint8_t>> buffers;  ///< [0] = validity (empty: none)
  std::shared_ptr<RawColumn> dictionary;
  std::int64_t flags = 0;
};

template <class T>
std::vector<std::uint8_t> bytes(const std::vector<T>& v) {
  std::vector<std::uint8_t> out(v.size() * sizeof(T));
  if (!v.empty()) std::memcpy(out.data(), v.data(), out.size());
  return out;
}

/// Validity bitmap from 0/1 flags; `nulls` gets the count of zeros.
inline std::vector<std::uint8_t> bitmap(const std::vector<int>& valid, std::int64_t& nulls) {
  std::vector<std::uint8_t> out((valid.size() + 7) / 8, 0);
  nulls = 0;
  for (std::size_t i = 0; i < valid.size(); ++i) {
    if (valid[i])
      out[i / 8] = static_cast<std::uint8_t>(out[i / 8] | (1u << (i % 8)));
    else
      ++nulls;
  }
  return out;
}

template <class T>
RawColumn fixed(std::string name, std::string format, const std::vector<T>& values,
                const std::vector<int>& valid = {}) {
  RawColumn c;
  c.name = std::move(name);
  c.format = std::move(format);
  c.length = static_cast<std::int64_t>(values.size());
  c.buffers.push_back(valid.empty() ? std::vector<std::uint8_t>{} : bitmap(valid, c.null_count));
  c.buffers.push_back(bytes(values));
  return c;
}

/// utf8 ("u") or large_utf8 ("U") text.
inline RawColumn text(std::string name, const std::vector<std::string>& values,
                      const std::vector<int>& valid = {}, bool large = false) {
  RawColumn c;
  c.name = std::move(name);
  c.format = large ? "U" : "u";
  c.length = static_cast<std::int64_t>(values.size());
  c.buffers.push_back(valid.empty() ? std::vector<std::uint8_t>{} : bitmap(valid, c.null_count));
  std::string data;
  std::vector<std::int32_t> off32{0};
  std::vector<std::int64_t> off64{0};
  for (const auto& v : values) {
    data += v;
    off32.push_back(static_cast<std::int32_t>(data.size()));
    off64.push_back(static_cast<std::int64_t>(data.size()));
  }
  c.buffers.push_back(large ? bytes(off64) : bytes(off32));
  c.buffers.push_back(std::vector<std::uint8_t>(data.begin(), data.end()));
  return c;
}

/// utf8_view ("vu"): short strings inline, long ones in one data buffer.
inline RawColumn text_view(std::string name, const std::vector<std::string>& values) {
  RawColumn c;
  c.name = std::move(name);
  c.format = "vu";
  c.length = static_cast<std::int64_t>(values.size());
  c.buffers.push_back({});
  std::vector<std::uint8_t> views(16 * values.size(), 0);
  std::string data;
  for (std::size_t i = 0; i < values.size(); ++i) {
    const auto len = static_cast<std::int32_t>(values[i].size());
    std::uint8_t* v = views.data() + 16 * i;
    std::memcpy(v, &len, 4);
    if (len <= 12) {
      std::memcpy(v + 4, values[i].data(), values[i].size());
    } else {
      std::memcpy(v + 4, values[i].data(), 4);
      const std::int32_t buf = 0, off = static_cast<std::int32_t>(data.size());
      std::memcpy(v + 8, &buf, 4);
      std::memcpy(v + 12, &off, 4);
      data += values[i];
    }
  }
  c.buffers.push_back(std::move(views));
  c.buffers.push_back(std::vector<std::uint8_t>(data.begin(), data.end()));
  c.buffers.push_back(bytes(std::vector<std::int64_t>{static_cast<std::int64_t>(data.size())}));
  return c;
}

/// Dictionary-encoded: int32 indices into `dict`.
inline RawColumn dictionary(std::string name, const std::vector<std::int32_t>& indices,
                            RawColumn dict, const std::vector<int>& valid = {}) {
  RawColumn c = fixed(std::move(name), "i", indices, valid);
  c.dictionary = std::make_shared<RawColumn>(std::move(dict));
  return c;
}

namespace detail_stream {

struct ArrayOwner {
  std::vector<std::vector<std::uint8_t>> storage;
  std::vector<const void*> ptrs;
  std::vector<ArrowArray*> children;
  std::vector<std::unique_ptr<ArrowArray>> kids;
  std::unique_ptr<ArrowArray> dict;
};
inline void release_array(ArrowArray* a) {
  auto* o = static_cast<ArrayOwner*>(a->private_data);
  for (auto& k : o->kids)
    if (k->release) k->release(k.get());
  if (o->dict && o->dict->release) o->dict->release(o->dict.get());
  delete o;
  a->release = nullptr;
}
inline void fill_array(ArrowArray* a, const RawColumn& c) {
  auto* o = new ArrayOwner;
  o->storage = c.buffers;
  for (std::size_t k = 0; k < o->storage.size(); ++k)
    o->ptrs.push_back(o->storage[k].empty() && k == 0 ? nullptr : o->storage[k].data());
  a->length = c.length;
  a->null_count = c.null_count;
  a->offset = c.offset;
  a->n_buffers = static_cast<std::int64_t>(o->ptrs.size());
  a->buffers = o->ptrs.data();
  a->n_children = 0;
  a->children = nullptr;
  a->dictionary = nullptr;
  if (c.dictionary) {
    o->dict = std::make_unique<ArrowArray>();
    fill_array(o->dict.get(), *c.dictionary);
    a->dictionary = o->dict.get();
  }
  a->release = release_array;
  a->private_data = o;
}

struct SchemaOwner {
  std::string format, name;
  std::vector<ArrowSchema*> children;
  std::vector<std::unique_ptr<ArrowSchema>> kids;
  std::unique_ptr<ArrowSchema> dict;
};
inline void release_schema(ArrowSchema* s) {
  auto* o = static_cast<SchemaOwner*>(s->private_data);
  for (auto& k : o->kids)
    if (k->release) k->release(k.get());
  if (o->dict && o->dict->release) o->dict->release(o->dict.get());
  delete o;
  s->release = nullptr;
}
inline void fill_schema(ArrowSchema* s, const std::string& format, const std::string& name,
                        std::int64_t flags) {
  auto* o = new SchemaOwner{format, name, {}, {}, {}};
  s->format = o->format.c_str();
  s->name = o->name.c_str();
  s->metadata = nullptr;
  s->flags = flags;
  s->n_children = 0;
  s->children = nullptr;
  s->dictionary = nullptr;
  s->release = release_schema;
  s->private_data = o;
}
inline void column_schema(ArrowSchema* s, const RawColumn& c) {
  fill_schema(s, c.format, c.name, c.flags | ARROW_FLAG_NULLABLE);
  if (c.dictionary) {
    auto* o = static_cast<SchemaOwner*>(s->private_data);
    o->dict = std::make_unique<ArrowSchema>();
    column_schema(o->dict.get(), *c.dictionary);
    s->dictionary = o->dict.get();
  }
}

struct StreamState {
  std::vector<std::vector<RawColumn>> batches;  ///< each batch: the columns
  std::size_t next = 0;
};
inline int get_schema(ArrowArrayStream* st, ArrowSchema* out) {
  auto* s = static_cast<StreamState*>(st->private_data);
  fill_schema(out, "+s", "", 0);
  auto* o = static_cast<SchemaOwner*>(out->private_data);
  for (const auto& c : s->batches.front()) {
    o->kids.push_back(std::make_unique<ArrowSchema>());
    column_schema(o->kids.back().get(), c);
    o->children.push_back(o->kids.back().get());
  }
  out->children = o->children.data();
  out->n_children = static_cast<std::int64_t>(o->children.size());
  return 0;
}
inline int get_next(ArrowArrayStream* st, ArrowArray* out) {
  auto* s = static_cast<StreamState*>(st->private_data);
  if (s->next == s->batches.size()) {
    out->release = nullptr;
    return 0;
  }
  const auto& cols = s->batches[s->next++];
  RawColumn top;
  top.length = cols.empty() ? 0 : cols.front().length - cols.front().offset;
  top.buffers.push_back({});
  fill_array(out, top);
  auto* o = static_cast<ArrayOwner*>(out->private_data);
  for (const auto& c : cols) {
    o->kids.push_back(std::make_unique<ArrowArray>());
    fill_array(o->kids.back().get(), c);
    o->children.push_back(o->kids.back().get());
  }
  out->children = o->children.data();
  out->n_children = static_cast<std::int64_t>(o->children.size());
  return 0;
}
inline const char* last_error(ArrowArrayStream*) { return nullptr; }
inline void release_stream(ArrowArrayStream* st) {
  delete static_cast<StreamState*>(st->private_data);
  st->release = nullptr;
}

}  // namespace detail_stream

/// A stream of record batches (each a list of columns with the same names and
/// types; the batch length is the first column's length minus its offset).
inline void make_stream(ArrowArrayStream* out, std::vector<std::vector<RawColumn>> batches) {
  out->get_schema = detail_stream::get_schema;
  out->get_next = detail_stream::get_next;
  out->get_last_error = detail_stream::last_error;
  out->release = detail_stream::release_stream;
  out->private_data = new detail_stream::StreamState{std::move(batches), 0};
}

}  // namespace okrkit::testing
