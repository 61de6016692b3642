// okrkit — SQLite source and sink (the optional okrkit::sqlite component;
// docs/data-sources.md). Measurements are read from a table or a query with a
// column mapping, optionally only the rows after a watermark the caller keeps;
// scorecards are written to a documented table, one transaction per
// evaluation, so a crash mid-write leaves the previous evaluation in place.
//
// A separate library (CMake option OKRKIT_WITH_SQLITE, target okrkit::sqlite,
// find_package(okrkit COMPONENTS sqlite)) so a host that does not use SQLite
// does not link libsqlite3.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "okrkit/io/measurements_io.hpp"
#include "okrkit/scoring/scorecard.hpp"
#include "okrkit/series/series.hpp"
#include "okrkit/time/date.hpp"

namespace okrkit::sqlite {

/// Which columns of the rows hold what. The ratio columns: an empty name means
/// "the column named numerator / denominator when the rows have one" (as the
/// CSV reader); "-" means "none".
struct ColumnMap {
  std::string series = "series";
  std::string date = "date";
  std::string value = "value";
  std::string numerator;
  std::string denominator;
};

/// Where the measurements are and which of them to read.
struct Source {
  /// A table or view (exactly one of `table` and `query`).
  std::string table;
  /// A SELECT whose result has the mapped columns.
  std::string query;
  ColumnMap columns;

  /// Incremental mode by date: only rows whose date is after this day.
  /// Rows that arrive later for an earlier day are not seen: use the id mode
  /// for tables that receive back-dated rows.
  std::optional<Date> after_date;
  /// Incremental mode by id: only rows whose `id_column` is greater than this.
  std::optional<std::int64_t> after_id;
  /// The increasing integer column of the id mode ("rowid" works for tables,
  /// not for views or queries, which must name a column of their result).
  std::string id_column = "rowid";

  /// Calendar, date format and duplicate policy, exactly as the CSV reader
  /// applies them (include/okrkit/io/measurements_io.hpp): duplicates are
  /// resolved within one read; rows are named by rowid for tables.
  MeasurementsOptions options;
};

/// What a read returns: the measurements and the watermarks to keep for the
/// next incremental read (unchanged when no row was read).
struct ReadResult {
  SeriesStore store;
  std::size_t rows = 0;                 ///< rows read by this call
  std::optional<Date> last_date;        ///< latest date read (or source.after_date)
  std::optional<std::int64_t> last_id;  ///< greatest id read (or source.after_id); id mode only
};

/// Read measurements from the SQLite database at `path` (opened read-only).
/// Dates must be text 'YYYY-MM-DD' in source.options.calendar (a time after
/// the date is dropped, as in the CSV reader; numbers are Excel serial dates
/// with date_format excel, else errors); numbers INTEGER or REAL (or text that is a number); NULL
/// values are missing values. Every unusable row is reported at once
/// (ValidationError naming the database, row, series and column); a missing
/// file, table or column is an IoError / ParseError.
ReadResult read_measurements(const std::string& path, const Source& source);

/// As above, appending the rows to `into` (finalized again), for incremental
/// reads into the store the caller keeps.
ReadResult read_measurements(const std::string& path, const Source& source, SeriesStore& into);

/// Where and how a scorecard is written.
struct Sink {
  std::string table = "scores";
  /// The scorecard's name (one table can hold several scorecards).
  std::string scorecard = "default";
  /// Called after each row is written with the count so far (progress bars;
  /// the crash test uses it to kill a writer mid-transaction).
  std::function<void(std::size_t)> on_row;
};

/// The write-back columns after the key (scorecard, as_of, node, kind) and
/// `evaluation`: the columns of to_csv() without `id` (which is `node`) and
/// `kind` (part of the key: a unit may share its id with another node).
std::vector<std::string> score_columns();

/// Write `sc` to the SQLite database at `path` (created when absent): the
/// table is created when absent (and gains columns a newer okrkit added), each
/// node's row is upserted on (scorecard, as_of, node, kind), rows of nodes no longer
/// in the scorecard for that (scorecard, as_of) are deleted, all in one
/// transaction. Returns the evaluation number written (1, 2, ... per table).
std::int64_t write_scorecard(const std::string& path, const Scorecard& sc, const Sink& sink);

}  // namespace okrkit::sqlite
