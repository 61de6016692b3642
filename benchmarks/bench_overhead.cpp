// Benchmark helper of benchmarks/bench_overhead.py (issue 6): the C++ side of
// "bulk scoring from Python vs the same work in C++". Reads the rows that the
// Python script wrote (raw file: uint64 n, then kind[n] as uint8, then
// baseline, target, value, cap as n float64 each), times okrkit::score_bulk
// over them with the same options as okrkit.scoring.score_bulk (per-row kind
// and cap, preallocated outputs reused between repetitions), and prints
//   seconds=<best of reps> rows=<n> threads=<t> nan_progress=<k>
// With --out FILE it also writes progress then attainment (n float64 each)
// once, so the Python script can check that both sides give the same numbers.
//   bench_overhead ROWS_FILE [threads = 1] [reps = 7] [--out FILE]
#include <okrkit/scoring/bulk.hpp>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <string>

#include <sys/mman.h>

namespace {

/// n values in memory laid out as numpy lays out a large array: 2 MiB aligned
/// and, on Linux, advised to use transparent huge pages (numpy madvises
/// MADV_HUGEPAGE for arrays of 4 MiB and more). With plain std::vector the
/// C++ side would pay more TLB misses than Python and the comparison would
/// measure the allocator, not the call overhead.
template <class T>
class Buffer {
 public:
  explicit Buffer(std::size_t n) : n_(n) {
    const std::size_t align = std::size_t(2) << 20;
    bytes_ = std::max(align, (n * sizeof(T) + align - 1) / align * align);
    data_ = static_cast<T*>(std::aligned_alloc(align, bytes_));
    if (!data_) std::abort();
#ifdef MADV_HUGEPAGE
    ::madvise(data_, bytes_, MADV_HUGEPAGE);
#endif
    std::memset(data_, 0, bytes_);  // fault the pages in before timing
  }
  ~Buffer() { std::free(data_); }
  Buffer(const Buffer&) = delete;
  Buffer& operator=(const Buffer&) = delete;
  T* data() noexcept { return data_; }
  std::size_t size() const noexcept { return n_; }

 private:
  std::size_t n_, bytes_;
  T* data_;
};

template <class T>
void read_exactly(std::FILE* f, Buffer<T>& v, const char* what) {
  if (std::fread(v.data(), sizeof(T), v.size(), f) != v.size()) {
    std::fprintf(stderr, "bench_overhead: short read of %s\n", what);
    std::exit(2);
  }
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> pos;
  std::string out_path;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--out" && i + 1 < argc)
      out_path = argv[++i];
    else
      pos.push_back(a);
  }
  if (pos.empty()) {
    std::fprintf(stderr, "usage: bench_overhead ROWS_FILE [threads=1] [reps=7] [--out FILE]\n");
    return 2;
  }
  const unsigned threads = pos.size() > 1 ? static_cast<unsigned>(std::stoul(pos[1])) : 1;
  const int reps = pos.size() > 2 ? std::stoi(pos[2]) : 7;

  std::FILE* f = std::fopen(pos[0].c_str(), "rb");
  if (!f) {
    std::fprintf(stderr, "bench_overhead: cannot open %s\n", pos[0].c_str());
    return 2;
  }
  std::uint64_t n64 = 0;
  if (std::fread(&n64, sizeof n64, 1, f) != 1) return 2;
  const auto n = static_cast<std::size_t>(n64);
  Buffer<std::uint8_t> kind(n);
  Buffer<double> baseline(n), target(n), value(n), cap(n);
  read_exactly(f, kind, "kind");
  read_exactly(f, baseline, "baseline");
  read_exactly(f, target, "target");
  read_exactly(f, value, "value");
  read_exactly(f, cap, "cap");
  std::fclose(f);

  okrkit::BulkColumns c;
  c.size = n;
  c.kind = kind.data();
  c.baseline = baseline.data();
  c.target = target.data();
  c.value = value.data();
  c.cap = cap.data();
  Buffer<double> progress(n), attainment(n);
  const okrkit::BulkOutput o{progress.data(), attainment.data(), nullptr};

  okrkit::BulkSummary s;
  double best = std::numeric_limits<double>::infinity();
  for (int r = 0; r < reps; ++r) {
    const auto t0 = std::chrono::steady_clock::now();
    s = okrkit::score_bulk(c, o, threads);
    const auto t1 = std::chrono::steady_clock::now();
    best = std::min(best, std::chrono::duration<double>(t1 - t0).count());
  }
  if (!out_path.empty()) {
    std::FILE* w = std::fopen(out_path.c_str(), "wb");
    if (!w || std::fwrite(progress.data(), sizeof(double), n, w) != n ||
        std::fwrite(attainment.data(), sizeof(double), n, w) != n) {
      std::fprintf(stderr, "bench_overhead: cannot write %s\n", out_path.c_str());
      return 2;
    }
    std::fclose(w);
  }
  std::printf("seconds=%.6f rows=%zu threads=%u nan_progress=%zu\n", best, n, threads,
              s.nan_progress);
  return 0;
}
