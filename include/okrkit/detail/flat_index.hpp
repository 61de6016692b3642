// okrkit detail — an open-addressing hash index of row numbers by string key,
// used by Scorecard to find a node by id.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string_view>
#include <vector>

namespace okrkit {

namespace detail {
/// Open-addressing hash index of row numbers by string key (linear probing,
/// power-of-two table at most half full). No allocation per key: building and
/// probing a million ids is several times cheaper than std::unordered_map.
/// Keys are read through a callback, so the index holds only row numbers and
/// stays valid when its owner is copied or moved. The first row of a key wins.
class FlatIndex {
 public:
  static constexpr std::uint32_t empty = 0xFFFFFFFFu;

  template <class Key>
  void build(std::size_t n, Key&& key) {
    std::size_t cap = 16;
    while (cap < 2 * n) cap <<= 1;
    slots_.assign(cap, empty_slot);
    mask_ = cap - 1;
    // Hash a batch first and prefetch its slots: in a table larger than the
    // caches the misses of a batch then overlap instead of queueing.
    std::size_t hv[batch];
    for (std::size_t b = 0; b < n; b += batch) {
      const std::size_t m = std::min(batch, n - b);
      for (std::size_t j = 0; j < m; ++j) {
        hv[j] = std::hash<std::string_view>{}(key(b + j));
        prefetch(hv[j]);
      }
      for (std::size_t j = 0; j < m; ++j) insert(b + j, hv[j], key);
    }
  }
  /// Row of `k`, or `empty`. The slot keeps 32 bits of the hash beside the row,
  /// so a probe touches a row's key only when those bits match.
  template <class Key>
  std::uint32_t find(std::string_view k, Key&& key) const {
    if (slots_.empty()) return empty;
    return probe(k, std::hash<std::string_view>{}(k), key);
  }
  /// out[i] = find(keys(i), key) for i < n, with the batched prefetching of build().
  template <class Keys, class Key>
  void find_many(std::size_t n, Keys&& keys, std::uint32_t* out, Key&& key) const {
    if (slots_.empty()) {
      std::fill(out, out + n, empty);
      return;
    }
    std::size_t hv[batch];
    for (std::size_t b = 0; b < n; b += batch) {
      const std::size_t m = std::min(batch, n - b);
      for (std::size_t j = 0; j < m; ++j) {
        hv[j] = std::hash<std::string_view>{}(keys(b + j));
        prefetch(hv[j]);
      }
      for (std::size_t j = 0; j < m; ++j) out[b + j] = probe(keys(b + j), hv[j], key);
    }
  }

 private:
  static constexpr std::uint64_t empty_slot = ~std::uint64_t{0};  // row 0xFFFFFFFF is never used
  static constexpr std::size_t batch = 16;

  void prefetch(std::size_t hv) const noexcept {
#if defined(__GNUC__) || defined(__clang__)
    __builtin_prefetch(slots_.data() + (hv & mask_));
#else
    (void)hv;
#endif
  }
  template <class Key>
  void insert(std::size_t i, std::size_t hv, Key& key) {
    const std::string_view k = key(i);
    const std::uint64_t tag = hv >> 32;
    std::size_t h = hv & mask_;
    for (; slots_[h] != empty_slot; h = (h + 1) & mask_)
      if ((slots_[h] >> 32) == tag && key(slots_[h] & 0xFFFFFFFFu) == k) return;  // first wins
    slots_[h] = (tag << 32) | i;
  }
  template <class Key>
  std::uint32_t probe(std::string_view k, std::size_t hv, Key& key) const {
    const std::uint64_t tag = hv >> 32;
    for (std::size_t h = hv & mask_; slots_[h] != empty_slot; h = (h + 1) & mask_) {
      const auto row = static_cast<std::uint32_t>(slots_[h] & 0xFFFFFFFFu);
      if ((slots_[h] >> 32) == tag && key(row) == k) return row;
    }
    return empty;
  }

  std::vector<std::uint64_t> slots_;
  std::size_t mask_ = 0;
};
}  // namespace detail

}  // namespace okrkit
