// Shared by the trend tests: read the two-column CSVs in tests/data (an empty
// cell is a missing value, NaN).
#pragma once

#include <cmath>
#include <fstream>
#include <limits>
#include <sstream>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

inline std::pair<std::vector<double>, std::vector<double>> read_two_columns(
    const std::string& name) {
  std::ifstream in(std::string(OKRKIT_TEST_DATA) + "/" + name);
  if (!in) throw std::runtime_error("cannot open test data " + name);
  std::vector<double> a, b;
  std::string line;
  std::getline(in, line);  // header
  auto cell = [](const std::string& s) {
    return s.empty() ? std::numeric_limits<double>::quiet_NaN() : std::stod(s);
  };
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    const auto comma = line.find(',');
    a.push_back(cell(line.substr(0, comma)));
    b.push_back(cell(line.substr(comma + 1)));
  }
  return {a, b};
}

inline bool rel_close(double got, double want, double rel) {
  return std::fabs(got - want) <= rel * std::fabs(want);
}
