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

#include <okrkit/forecast/ets.hpp>

namespace ref {

inline std::vector<std::string> split_csv(const std::string& line) {
  std::vector<std::string> out;
  std::string cur;
  bool q = false;
  for (char c : line) {
    if (c == '"')
      q = !q;
    else if (c == ',' && !q) {
      out.push_back(cur);
      cur.clear();
    } else if (c != '\r')
      cur += c;
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

/// One R fit of the reference (fpp1_r_params.csv column `fit`) on a dataset.
struct FitCase {
  const char* fit;
  const char* data;
  const char* model;
  int m;
  int k_sigma;  ///< σ² denominator n − k (README note 5); 0 = SSE/n
  bool
      test_intervals;  ///< false: the reference's intervals are known defects (air_fpp1, aust_ets3)
};

/// The R fits with their fixed parameters and initial states (air_fpp2 with
/// the corrected values of the reference's note 8).
inline const FitCase kFitCases[] = {
    {"oil_fpp1", "oil12", "ANN", 1, 0, true},    {"oil_fpp2", "oil12", "ANN", 1, 0, true},
    {"oil_fpp3", "oil12", "ANN", 1, 2, true},    {"oil_ets", "oil12", "ANN", 1, 2, true},
    {"air_fpp1", "air15", "AAN", 1, 0, false},   {"air_fpp2", "air15", "AAdN", 1, 5, true},
    {"air_ets", "air15", "AAdN", 1, 5, true},    {"aust_fpp1", "aust24", "AAA", 4, 8, true},
    {"aust_ets1", "aust24", "AAA", 4, 8, true},  {"aust_ets2", "aust24", "AAdA", 4, 9, true},
    {"aust_ets3", "aust24", "ANA", 4, 6, false},
};

/// Runs an R fit's fixed parameters and initial state through ets_filter.
inline okrkit::EtsFit run_fixed(const FitCase& c) {
  using namespace okrkit;
  auto d = datasets().at(c.data);
  auto p = params(c.fit);
  auto spec = EtsSpec::parse(c.model, c.m);
  EtsParams par;
  par.alpha = p["alpha"];
  if (spec.has_trend()) par.beta = std::isnan(p["beta"]) ? p["alpha"] * p["beta_star"] : p["beta"];
  if (spec.seasonal()) par.gamma = p["gamma"];
  if (spec.damped()) par.phi = p["phi"];
  EtsState x0;
  x0.level = p["l0"];
  if (spec.has_trend()) x0.trend = p["b0"];
  if (spec.seasonal()) x0.season = season_time_order(p, c.m);
  return ets_filter(d, spec, par, x0);
}

/// The livestock damped Holt of statsmodels' test_holtwinters.py::
/// test_holt_damp_r: R ets(AAN, damped, phi = 0.98) parameters and states.
inline okrkit::EtsFit livestock_damped_holt() {
  using namespace okrkit;
  EtsParams par;
  par.alpha = 0.97402626;
  par.beta = 0.00010006;
  par.phi = 0.98;
  EtsState x0;
  x0.level = 252.59039965;
  x0.trend = 6.90265918;
  return ets_filter(datasets().at("livestock31"), EtsSpec::parse("AAdN"), par, x0);
}

}  // namespace ref
