// okrkit — the one way okrkit runs a loop on several threads (internal).
//
// Every parallel loop of the library (bulk scoring, expressions, trend and
// forecast batches, evaluate) goes through here, so they share the same rules:
//  * `threads` = 0 means the hardware threads; 1 runs inline, starts nothing;
//  * the range [0, n) is cut into contiguous blocks, and the calling thread
//    works on a block too (n blocks need n − 1 new threads);
//  * an exception thrown by a block does not escape its thread: every thread
//    is joined, then the first exception thrown is rethrown on the caller;
//  * which thread runs which block never changes a result: each index is
//    computed by the same code whatever the thread count.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace okrkit::detail {

/// The thread count to use for a `threads` option: the hardware threads when
/// 0 (at least 1, as hardware_concurrency() may report 0).
inline unsigned thread_count(unsigned threads) noexcept {
  return threads ? threads : std::max(1u, std::thread::hardware_concurrency());
}

/// [0, n) cut into `count` contiguous blocks of `per` items (the last one
/// shorter). Block boundaries are multiples of the `align` given to split().
struct Blocks {
  std::size_t n = 0;
  std::size_t count = 1;
  std::size_t per = 0;
  std::size_t begin(std::size_t i) const noexcept { return std::min(n, i * per); }
  std::size_t end(std::size_t i) const noexcept {
    return i + 1 >= count ? n : std::min(n, (i + 1) * per);
  }
};

/// One block per thread, each of at least `min_per_block` items (fewer threads
/// for short ranges: starting a thread costs tens of microseconds), with block
/// boundaries at multiples of `align` (e.g. so every block holds whole SIMD chunks).
inline Blocks split(std::size_t n, unsigned threads, std::size_t min_per_block = 1,
                    std::size_t align = 1) {
  min_per_block = std::max<std::size_t>(min_per_block, 1);
  align = std::max<std::size_t>(align, 1);
  Blocks b;
  b.n = n;
  const std::size_t want =
      std::max<std::size_t>(1, std::min<std::size_t>(thread_count(threads), n / min_per_block));
  b.per = (n + want - 1) / want;
  b.per = std::max<std::size_t>(align, (b.per + align - 1) / align * align);
  b.count = n == 0 ? 1 : (n + b.per - 1) / b.per;  // alignment may leave fewer blocks
  return b;
}

/// Runs worker(t) for t in [0, workers): t = 0 on the calling thread, the others
/// on new threads. Joins them all, then rethrows the first exception thrown.
template <class Worker>
void run_workers(std::size_t workers, Worker&& worker) {
  if (workers <= 1) {
    worker(std::size_t{0});
    return;
  }
  std::exception_ptr first;
  std::mutex first_mutex;
  auto guarded = [&](std::size_t t) noexcept {
    try {
      worker(t);
    } catch (...) {
      const std::lock_guard<std::mutex> lock(first_mutex);
      if (!first) first = std::current_exception();
    }
  };
  std::vector<std::thread> pool;
  pool.reserve(workers - 1);
  try {
    for (std::size_t t = 1; t < workers; ++t) pool.emplace_back(guarded, t);
  } catch (...) {  // could not start a thread: finish what was started, then report
    for (auto& th : pool) th.join();
    throw;
  }
  guarded(0);
  for (auto& th : pool) th.join();
  if (first) std::rethrow_exception(first);
}

/// body(block, begin, end) once per block of `b`, in parallel (one thread per
/// block). For loops that keep a partial result per block and merge them in
/// block order afterwards.
template <class Body>
void parallel_blocks(const Blocks& b, Body&& body) {
  run_workers(b.count, [&](std::size_t i) { body(i, b.begin(i), b.end(i)); });
}

/// body(begin, end) over [0, n) in one contiguous block per thread (see split()).
template <class Body>
void parallel_for(std::size_t n, unsigned threads, Body&& body, std::size_t min_per_block = 1) {
  if (n == 0) return;
  parallel_blocks(split(n, threads, min_per_block),
                  [&](std::size_t, std::size_t begin, std::size_t end) { body(begin, end); });
}

/// body(begin, end) over [0, n) in contiguous chunks of `chunk` items that the
/// threads take in turn, for loops whose items differ in cost (series of
/// different lengths, model choice per series): a thread that finishes early
/// takes the next chunk instead of waiting.
template <class Body>
void parallel_for_dynamic(std::size_t n, unsigned threads, std::size_t chunk, Body&& body) {
  if (n == 0) return;
  chunk = std::max<std::size_t>(chunk, 1);
  const std::size_t chunks = (n + chunk - 1) / chunk;
  const std::size_t workers = std::min<std::size_t>(thread_count(threads), chunks);
  std::atomic<std::size_t> next{0};
  std::atomic<bool> failed{false};
  run_workers(workers, [&](std::size_t) {
    for (std::size_t c = next++; c < chunks && !failed.load(std::memory_order_relaxed);
         c = next++) {
      try {
        body(c * chunk, std::min(n, (c + 1) * chunk));
      } catch (...) {
        failed.store(true, std::memory_order_relaxed);  // the others stop at their next chunk
        throw;
      }
    }
  });
}

}  // namespace okrkit::detail
