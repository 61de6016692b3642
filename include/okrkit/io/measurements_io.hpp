// okrkit — measurements from CSV: columns series, date, value and optional
// numerator, denominator (any order, header required, UTF-8, optional BOM).
#pragma once

#include <string>
#include <string_view>

#include "okrkit/series/series.hpp"

namespace okrkit {

/// Parse CSV text into a finalized SeriesStore. An empty value cell is a missing
/// value (NaN, kept); anything else that is not a number is a ParseError naming
/// the file, row, series and column. All problems are reported at once.
SeriesStore parse_measurements(std::string_view csv, const std::string& file = "");

/// Read and parse a measurements file (see parse_measurements).
SeriesStore load_measurements(const std::string& path);

/// The measurements as CSV text with the columns above (ratio columns only
/// when present); parse_measurements() reads it back unchanged.
std::string dump_measurements(const SeriesStore& store);

}  // namespace okrkit
