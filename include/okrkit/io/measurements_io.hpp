// okrkit — measurements from CSV: columns series, date, value and optional
// numerator, denominator (any order, header required, UTF-8, optional BOM).
//
// Nothing is guessed: dates are Gregorian ISO text unless the options say
// otherwise (a Jalali-looking or Excel-serial date is an error that names the
// option to use), and two rows with the same series and date are an error
// unless a duplicate policy is chosen.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "okrkit/detail/enum_names.hpp"
#include "okrkit/series/series.hpp"
#include "okrkit/time/date_input.hpp"

namespace okrkit {

/// How date cells are written: ISO text "YYYY-MM-DD", or Excel serial day
/// numbers (1900 date system as Excel counts it: 1 = 1900-01-01, and 60 is
/// Excel's non-existent 1900-02-29, an error; from 61 = 1900-03-01 on the
/// count is exact). In excel mode ISO text cells are still read.
enum class DateFormat { iso, excel };

// DuplicatePolicy (what two rows with the same series and date do) is
// declared in okrkit/series/series.hpp: SeriesStore::append() applies it too.

/// Options of the measurement readers (CSV, data frames and SQLite).
struct MeasurementsOptions {
  DateCalendar calendar = DateCalendar::gregorian;
  DateFormat date_format = DateFormat::iso;
  DuplicatePolicy duplicates = DuplicatePolicy::error;
};

namespace detail {
template <>
struct enum_names<DateFormat> {
  static constexpr std::array<std::pair<DateFormat, std::string_view>, 2> names{
      {{DateFormat::iso, "iso"}, {DateFormat::excel, "excel"}}};
};
}  // namespace detail

namespace detail {
/// One measurement as a reader read it, before duplicates are resolved.
struct ReaderRow {
  std::uint32_t series;  ///< index into the reader's list of series ids
  DayNumber day;
  double value, num, den;
  std::size_t row;  ///< the number that names the row in messages (line, frame row, rowid)
};
/// How a reader names its rows in duplicate messages: the source (file or
/// database), the plural word ("rows", "frame rows", "rowids") and whether the
/// row number is a line of the source (then it goes into the Location).
struct RowNames {
  std::string source;
  std::string plural;
  bool row_is_line = false;
};
/// The rows (in input order) as a store, not yet finalized, with duplicates
/// resolved by `policy` exactly as parse_measurements does (errors appended to
/// `problems`, "duplicates-resolved" notes on the store). Shared by the CSV,
/// frame and SQLite readers so the three agree.
SeriesStore store_from_rows(const std::vector<std::string>& ids, std::vector<ReaderRow>& rows,
                            DuplicatePolicy policy, const RowNames& names,
                            std::vector<Diagnostic>& problems);
}  // namespace detail

/// Day number (days since 1970-01-01) of an Excel serial date (1900 system);
/// a fraction (time of day) is dropped. "" and `out` set, or why not.
std::string excel_serial_day(double serial, DayNumber& out);

/// Parse CSV text into a finalized SeriesStore. An empty value cell is a missing
/// value (NaN, kept); anything else that is not a number is a ParseError naming
/// the file, row, series and column. All problems are reported at once. When a
/// duplicate policy other than `error` combined rows, the store's notes() hold
/// one info diagnostic ("duplicates-resolved") per series saying how.
SeriesStore parse_measurements(std::string_view csv, const std::string& file = "",
                               const MeasurementsOptions& = {});

/// Read and parse a measurements file (see parse_measurements).
SeriesStore load_measurements(const std::string& path, const MeasurementsOptions& = {});

/// Measurements given as columns (data frames): series codes into `categories`,
/// day numbers, values and optional ratio columns (null = absent), all `n`
/// long. Rows are named "row i" (0-based) in messages. Same duplicate rules
/// and notes as parse_measurements.
SeriesStore measurements_from_columns(std::size_t n, const std::int64_t* codes,
                                      const std::vector<std::string>& categories,
                                      const std::int32_t* days, const double* values,
                                      const double* numerators, const double* denominators,
                                      DuplicatePolicy duplicates = DuplicatePolicy::error);

/// The measurements as CSV text with the columns above (ratio columns only
/// when present); parse_measurements() reads it back unchanged. Series ids are
/// written with the spreadsheet-safe rule of every okrkit CSV writer (see
/// docs/model-format.md, "CSV outputs"): an id starting with = + - @ tab or
/// CR gets a leading apostrophe.
std::string dump_measurements(const SeriesStore& store);

}  // namespace okrkit
