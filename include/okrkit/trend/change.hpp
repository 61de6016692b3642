// okrkit — change between periods: period-over-period, year-over-year, CAGR.
// Series are Values views (include/okrkit/core/values.hpp: a std::vector, an
// Eigen vector or (pointer, size)); the code is in src/trend/change.cpp.
#pragma once

#include <cstddef>
#include <vector>

#include <okrkit/core/error.hpp>  // DomainError: what the functions throw
#include <okrkit/core/values.hpp>

namespace okrkit {

/// Change of each value against the value `lag` periods earlier.
struct PeriodChange {
  std::vector<double> absolute;  ///< y[i] − y[i−lag]; NaN for i < lag or a missing end
  std::vector<double> relative;  ///< (y[i] − y[i−lag]) / y[i−lag], as pandas pct_change
                                 ///< (fill_method=None): ±inf from a zero base, sign
                                 ///< follows the base (a negative base flips it)
  std::size_t lag{};             ///< periods between the compared values
  std::size_t missing{};         ///< entries whose change is NaN because an end is NaN
};

/// Period-over-period change y[i] vs y[i−lag] (lag = 1: month over month for
/// monthly data). Missing values are not filled: a change touching a NaN is NaN.
/// DomainError if lag is 0, n <= lag or every value is missing.
PeriodChange period_change(Values y, std::size_t lag = 1);

/// Year-over-year change: period_change with lag = periods per year (12 for
/// monthly, 4 for quarterly, 52 for weekly data).
PeriodChange year_over_year(Values y, std::size_t periods_per_year = 12);

/// Compound annual growth rate (last/first)^(1/years) − 1.
/// DomainError unless first > 0, last >= 0 and years > 0 (growth from or to a
/// negative level has no compound rate); last = 0 gives −1.
double cagr(double first, double last, double years);

/// CAGR of a series between its first and last non-missing values, the
/// elapsed time being (index_last − index_first) / periods_per_year years.
/// DomainError if fewer than 2 non-missing values.
double cagr(Values y, double periods_per_year);

/// The same on (pointer, size).
PeriodChange period_change(const double* y, std::size_t n, std::size_t lag = 1);
PeriodChange year_over_year(const double* y, std::size_t n, std::size_t periods_per_year = 12);
double cagr(const double* y, std::size_t n, double periods_per_year);

}  // namespace okrkit
