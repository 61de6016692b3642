// Benchmark: memory at scale (issue 7). Generated organisations (the shape of
// tests/cpp/generated_org.hpp: 20 scored nodes and 11 measured series per unit) at
// three sizes, each in a fresh child process: build the model and the series
// store (as a loader would), score and roll up with evaluate(), and report
// the child's peak RSS (getrusage ru_maxrss) minus an empty child's, per
// measurement and per node. Growth is linear when bytes/measurement stays
// flat; the last line is ratio=<bytes/measurement at the smallest size /
// bytes/measurement at the largest> (about 1 = linear).
//   bench_scale [points per series = 100] [units...]   (default 500 5000 50000:
//   10k, 100k, 1M nodes; 0.55M, 5.5M, 55M measurements)
#include <okrkit/scoring/scorecard.hpp>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../tests/cpp/generated_org.hpp"

using namespace okrkit;

namespace {

struct Result {
  long peak_kib = 0;
  double seconds_build = 0, seconds_score = 0;
  std::size_t nodes = 0, measurements = 0, rows = 0;
};

// Runs one size in a child process and returns its figures through a pipe.
Result run_child(int units, int points) {
  int fd[2];
  if (::pipe(fd) != 0) std::abort();
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::close(fd[0]);
    Result r;
    if (units > 0) {
      testing::OrgShape shape;
      shape.units = units;
      shape.points = points;
      const auto t0 = std::chrono::steady_clock::now();
      const auto g = testing::generate_org(shape);
      const auto t1 = std::chrono::steady_clock::now();
      EvaluateOptions o;
      o.threads = 0;
      const Scorecard sc = evaluate(g.model, g.series, Date(2025, 5, 16), o);
      const auto t2 = std::chrono::steady_clock::now();
      r.seconds_build = std::chrono::duration<double>(t1 - t0).count();
      r.seconds_score = std::chrono::duration<double>(t2 - t1).count();
      r.nodes = g.model.objectives.size() + g.model.key_results.size() + g.model.kpis.size() +
                g.model.csfs.size();
      r.measurements = g.series.size();
      r.rows = sc.nodes.size();
    }
    rusage u{};
    ::getrusage(RUSAGE_SELF, &u);
    r.peak_kib = u.ru_maxrss;
    if (::write(fd[1], &r, sizeof r) != sizeof r) std::_Exit(1);
    std::_Exit(0);
  }
  ::close(fd[1]);
  Result r;
  if (::read(fd[0], &r, sizeof r) != sizeof r) {
    std::fprintf(stderr, "child for %d units failed\n", units);
    std::exit(1);
  }
  ::close(fd[0]);
  int status = 0;
  ::waitpid(pid, &status, 0);
  return r;
}

}  // namespace

int main(int argc, char** argv) {
  const int points = argc > 1 ? std::atoi(argv[1]) : 100;
  std::vector<int> sizes;
  for (int i = 2; i < argc; ++i) sizes.push_back(std::atoi(argv[i]));
  if (sizes.empty()) sizes = {500, 5000, 50000};
  const Result empty = run_child(0, points);
  std::printf("empty process peak RSS: %.1f MiB (subtracted below)\n", empty.peak_kib / 1024.0);
  double first = 0, last = 0;
  for (int units : sizes) {
    const Result r = run_child(units, points);
    const double bytes = double(r.peak_kib - empty.peak_kib) * 1024.0;
    const double per_m = bytes / double(r.measurements);
    const double per_n = bytes / double(r.nodes);
    std::printf(
        "units=%d nodes=%zu measurements=%zu rows=%zu: build %.2f s, evaluate %.2f s, "
        "peak RSS %.1f MiB, %.1f bytes/measurement, %.0f bytes/node\n",
        units, r.nodes, r.measurements, r.rows, r.seconds_build, r.seconds_score,
        r.peak_kib / 1024.0, per_m, per_n);
    if (first == 0) first = per_m;
    last = per_m;
  }
  std::printf("ratio=%.3f\n", first / last);
  return 0;
}
