import csv
import sys
import warnings

import numpy as np
import pymannkendall as pmk

warnings.simplefilter("ignore")
rng = np.random.default_rng(19)
cases = []
# 1: monthly, trend + seasonality + AR noise, 8 cycles
t = np.arange(96)
y = 50 + 0.05 * t + 5 * np.sin(2 * np.pi * t / 12) + np.round(rng.normal(0, 2, 96), 2)
cases.append(("monthly_trend", np.round(y, 2), 12))
# 2: quarterly with ties (integers), 10 cycles plus an incomplete cycle of 2
y = rng.integers(0, 6, 42).astype(float) + np.repeat(np.arange(11), 4)[:42] * 0.5
cases.append(("quarterly_ties_partial", np.round(y, 1), 4))
# 3: quarterly with missing values (cycles with NaN dropped), decreasing
y = 100 - 0.8 * np.arange(48) + np.round(rng.normal(0, 4, 48), 1)
y[[5, 17, 18, 40]] = np.nan
cases.append(("quarterly_missing_decreasing", np.round(y, 1), 4))
# 4: weekly-ish period 7, no trend, 6 cycles
y = np.round(rng.normal(10, 1, 42), 2)
cases.append(("period7_no_trend", y, 7))
# 5: pyMannKendall's own 360-value series (7 missing) with period 12
a = []
with open("tests/data/mk_arbitrary_360.csv") as f:
    r = csv.reader(f)
    next(r)
    for row in r:
        a.append(float(row[1]) if row[1] else np.nan)
cases.append(("arbitrary_360", np.array(a), 12))


def fmt(v):
    return "NaN" if np.isnan(v) else repr(float(v))


out = []
for name, y, p in cases:
    res = pmk.correlated_seasonal_test(y, period=p)
    out.append((name, y, p, res))
    print(name, res)
with open(sys.argv[1], "w") as f:
    f.write("""// Reference values for the correlated seasonal Mann-Kendall test, computed once
// with pymannkendall 1.4.3 correlated_seasonal_test(y, period) (which reproduces
// R trend::csmk.test) by tests/data/gen_csmk_reference.py; the series are
// carried here so the C++ test needs no Python.
#pragma once

#include <limits>
#include <vector>

struct CsmkCase {
  const char* name;
  std::size_t period;
  std::vector<double> y;
  double s, var_s, z, p, tau, slope, intercept;
  const char* trend;
};

inline std::vector<CsmkCase> csmk_cases() {
  const double NaN = std::numeric_limits<double>::quiet_NaN();
  (void)NaN;
  return {
""")
    for name, y, p, r in out:
        if name == "arbitrary_360":
            ys = "{}"  # read from tests/data/mk_arbitrary_360.csv by the test
        else:
            ys = "{" + ", ".join(fmt(v) for v in y) + "}"
        f.write(
            f'    {{"{name}", {p}, {ys},\n     {float(r.s)!r}, {float(r.var_s)!r}, {float(r.z)!r}, {float(r.p)!r}, {float(r.Tau)!r}, {float(r.slope)!r}, {float(r.intercept)!r}, "{r.trend}"}},\n'
        )
    f.write("  };\n}\n")
