// Tests for include/okrkit/detail/parallel.hpp: how ranges are cut, that every
// index is visited once, that the caller's thread takes part, and that an
// exception thrown on any thread reaches the caller after all have joined.
#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <mutex>
#include <set>
#include <stdexcept>
#include <thread>
#include <utility>
#include <vector>

#include <okrkit/detail/parallel.hpp>

using namespace okrkit::detail;

TEST_CASE("thread_count: 0 means the hardware threads, at least one") {
  CHECK(thread_count(0) >= 1u);
  CHECK(thread_count(1) == 1u);
  CHECK(thread_count(7) == 7u);
}

TEST_CASE("split cuts [0, n) into contiguous, aligned blocks") {
  // 10 items on 3 threads: ceil(10 / 3) = 4 per block -> [0,4) [4,8) [8,10)
  Blocks b = split(10, 3);
  REQUIRE(b.count == 3);
  CHECK(std::make_pair(b.begin(0), b.end(0)) == std::make_pair(std::size_t{0}, std::size_t{4}));
  CHECK(std::make_pair(b.begin(1), b.end(1)) == std::make_pair(std::size_t{4}, std::size_t{8}));
  CHECK(std::make_pair(b.begin(2), b.end(2)) == std::make_pair(std::size_t{8}, std::size_t{10}));
  // at least min_per_block items per block: 10 / 4 = 2 blocks of 5
  b = split(10, 8, 4);
  CHECK(b.count == 2);
  CHECK(b.end(0) == 5);
  // alignment 8: 20 items on 3 threads -> per = 7 rounded up to 8 -> 3 blocks
  b = split(20, 3, 1, 8);
  CHECK(b.count == 3);
  CHECK(b.end(0) == 8);
  CHECK(b.end(1) == 16);
  CHECK(b.end(2) == 20);
  // alignment larger than the share: fewer blocks, none empty
  b = split(100, 3, 1, 64);
  CHECK(b.count == 2);
  CHECK(b.end(0) == 64);
  CHECK(b.end(1) == 100);
  // short ranges stay on one thread
  CHECK(split(3, 8, 4).count == 1);
  CHECK(split(0, 8).count == 1);
}

TEST_CASE("parallel_for and parallel_for_dynamic visit every index once") {
  for (unsigned threads : {1u, 2u, 3u, 8u}) {
    for (std::size_t n : {0u, 1u, 5u, 1000u}) {
      std::vector<std::atomic<int>> hits(n);
      parallel_for(n, threads, [&](std::size_t b, std::size_t e) {
        for (std::size_t i = b; i < e; ++i) ++hits[i];
      });
      // Catch2 assertions are not thread-safe: workers only record, the
      // main thread checks.
      std::vector<std::atomic<int>> hits_dyn(n);
      std::atomic<std::size_t> widest_chunk{0};
      parallel_for_dynamic(n, threads, 7, [&](std::size_t b, std::size_t e) {
        std::size_t seen = widest_chunk.load();
        while (e - b > seen && !widest_chunk.compare_exchange_weak(seen, e - b)) {
        }
        for (std::size_t i = b; i < e; ++i) ++hits_dyn[i];
      });
      CHECK(widest_chunk.load() <= 7);
      for (std::size_t i = 0; i < n; ++i) {
        INFO("threads " << threads << ", n " << n << ", i " << i);
        CHECK(hits[i] == 1);
        CHECK(hits_dyn[i] == 1);
      }
    }
  }
}

TEST_CASE("the calling thread runs the first block; the others run on new threads") {
  std::mutex m;
  std::set<std::thread::id> ids;
  std::thread::id first_block;
  parallel_blocks(split(4, 4), [&](std::size_t i, std::size_t, std::size_t) {
    const std::lock_guard<std::mutex> lock(m);
    ids.insert(std::this_thread::get_id());
    if (i == 0) first_block = std::this_thread::get_id();
  });
  CHECK(first_block == std::this_thread::get_id());
  CHECK(ids.size() == 4);
  // one thread: inline, nothing started
  ids.clear();
  parallel_for(100, 1, [&](std::size_t, std::size_t) { ids.insert(std::this_thread::get_id()); });
  CHECK(ids == std::set<std::thread::id>{std::this_thread::get_id()});
}

TEST_CASE("an exception on a worker is rethrown on the caller after every block finished") {
  std::atomic<int> finished{0};
  auto body = [&](std::size_t i, std::size_t, std::size_t) {
    if (i == 2) throw std::runtime_error("block 2 failed");
    std::this_thread::sleep_for(std::chrono::milliseconds(20));  // still running when 2 throws
    ++finished;
  };
  CHECK_THROWS_WITH(parallel_blocks(split(4, 4), body), "block 2 failed");
  CHECK(finished == 3);  // joined: the other blocks completed before the rethrow
  // on the caller's own block too, and with the dynamic schedule
  CHECK_THROWS_AS(parallel_for(8, 2,
                               [](std::size_t b, std::size_t) {
                                 if (b == 0) throw std::invalid_argument("first block");
                               }),
                  std::invalid_argument);
  CHECK_THROWS_WITH(parallel_for_dynamic(50, 3, 1,
                                         [](std::size_t b, std::size_t) {
                                           if (b == 17) throw std::runtime_error("item 17");
                                         }),
                    "item 17");
}
