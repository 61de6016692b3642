// okrkit benchmarks — the set-up the organisation benchmarks share
// (bench_hierarchy.cpp, bench_history.cpp, bench_incremental.cpp): the
// generated 1,000,000-node organisation (tests/cpp/generated_org.hpp), a
// wall-clock timer and the load average line, so that their figures are
// measured on the same organisation and printed the same way.
#pragma once

#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>

#include "../tests/cpp/generated_org.hpp"

namespace okrkit::bench {

/// The organisation of the scale benchmarks: `units` units in a 10-ary tree,
/// per unit 20 objectives, 50 key results, 20 KPIs and 10 CSFs (100 scored
/// nodes: 10,000 units = 1,000,000 nodes), 3 measurements per series 15 days
/// apart (2025-05-31, 06-15, 06-30: an as-of date of 06-20 cuts the last one).
inline testing::OrgShape million_node_shape(int units = 10000) {
  testing::OrgShape shape;
  shape.units = units;
  shape.points = 3;
  shape.spacing_days = 15;
  shape.objectives = 20;
  shape.key_results = 50;
  shape.kpis = 20;
  shape.csfs = 10;
  return shape;
}

/// Seconds of wall-clock time since `t0`.
inline double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

/// Prints the machine's load average (Linux; nothing elsewhere): a figure
/// measured on a busy machine says so beside it.
inline void print_load_average() {
  std::ifstream load("/proc/loadavg");
  std::string l1, l5, l15;
  if (load >> l1 >> l5 >> l15)
    std::printf("load average (1, 5, 15 min): %s %s %s\n", l1.c_str(), l5.c_str(), l15.c_str());
}

}  // namespace okrkit::bench
