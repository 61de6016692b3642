// Shared loader of the R fpp/ets reference tables in tests/data/forecast/
// (source: statsmodels' tsa/statespace/tests/results, see SOURCE.md there).
#pragma once

#include <cmath>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include <okrkit/ets.hpp>

namespace ref {

inline std::vector<std::string> split_csv(const std::string& line) {
  std::vector<std::string> out;
  std::string cur;
  bool q = false;
  for (char c : line) {
    if (c == '"') q = !q;
    else if (c == ',' && !q) {
      out.push_back(cur);
      cur.clear();
    } else if (c != '\r') cur += c;
  }
  out.push_back(cur);
  return out;
}

inline double num(const std::string& s) {
  if (s == "NA" || s.empty()) return std::nan("");
  return std::stod(s);
}

/// Column name -> values (header row gives names; first column is the row label).
struct Table {
  std::vector<std::string> rows;
  std::map<std::string, std::vector<double>> cols;
};

inline Table read_table(const std::string& name) {
  std::ifstream in(std::string(OKRKIT_TEST_DATA) + "/forecast/" + name);
  if (!in) throw std::runtime_error("cannot open " + name);
  std::string line;
  std::getline(in, line);
  auto head = split_csv(line);
  Table t;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    auto f = split_csv(line);
    t.rows.push_back(f[0]);
    for (std::size_t i = 1; i < head.size(); ++i) t.cols[head[i]].push_back(num(f[i]));
  }
  return t;
}

/// dataset name -> values.
inline std::map<std::string, std::vector<double>> datasets() {
  std::ifstream in(std::string(OKRKIT_TEST_DATA) + "/forecast/datasets.csv");
  std::string line;
  std::getline(in, line);
  std::map<std::string, std::vector<double>> d;
  while (std::getline(in, line)) {
    auto f = split_csv(line);
    if (f.size() == 3) d[f[0]].push_back(std::stod(f[2]));
  }
  return d;
}

/// One R parameter column: name -> value.
inline std::map<std::string, double> params(const std::string& fit) {
  auto t = read_table("fpp1_r_params.csv");
  std::map<std::string, double> p;
  for (std::size_t i = 0; i < t.rows.size(); ++i) p[t.rows[i]] = t.cols.at(fit)[i];
  return p;
}

/// R's seasonal initial states (s0_0.. newest first, last = −Σ others) in
/// okrkit's time order.
inline std::vector<double> season_time_order(const std::map<std::string, double>& p, int m) {
  std::vector<double> r;
  double sum = 0;
  for (int j = 0; j < m - 1; ++j) {
    r.push_back(p.at("s0_" + std::to_string(j)));
    sum += r.back();
  }
  r.push_back(-sum);
  return std::vector<double>(r.rbegin(), r.rend());
}

inline bool close(double a, double b, double rel) {
  return std::abs(a - b) <= rel * std::max(1.0, std::abs(b));
}

}  // namespace ref
