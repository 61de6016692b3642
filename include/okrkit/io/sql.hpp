// okrkit — what the SQL components share (okrkit::sqlite in
// include/okrkit/io/sqlite.hpp, okrkit::postgres in
// include/okrkit/io/postgres.hpp; docs/data-sources.md): a measurements
// source and its column mapping, the result of a (possibly incremental) read, where a
// scorecard is written, and the write-back columns. One definition, so the
// databases read the same mappings and write the same documented schema.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "okrkit/io/measurements_io.hpp"
#include "okrkit/series/series.hpp"
#include "okrkit/time/date.hpp"

namespace okrkit::sql {

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
  /// A table or view (exactly one of `table` and `query`); PostgreSQL also
  /// takes a schema-qualified name ("erp.kpi_values").
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
  /// The increasing integer column of the id mode. Empty: the database's
  /// default, SQLite's "rowid" (tables only, not views or queries) and
  /// PostgreSQL's "id" (which has no rowid: a bigserial or identity column).
  std::string id_column;
  /// Calendar, date format and duplicate policy, exactly as the CSV reader
  /// applies them (include/okrkit/io/measurements_io.hpp): duplicates are
  /// resolved within one read, rows named by rowid (SQLite tables), by the id
  /// column (id mode) or by their position in the result. PostgreSQL date and
  /// timestamp columns are Gregorian by their type; the calendar applies to text.
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

/// Where and how a scorecard is written.
struct Sink {
  std::string table = "scores";
  /// The scorecard's name (one table can hold several scorecards).
  std::string scorecard = "default";
  /// Called after each row is written with the count so far (progress bars;
  /// the crash tests use it to kill a writer mid-transaction).
  std::function<void(std::size_t)> on_row;
};

/// The write-back columns after the key (scorecard, as_of, node, kind) and
/// `evaluation`: the columns of to_csv() without `id` (which is `node`) and
/// `kind` (part of the key: a unit may share its id with another node).
std::vector<std::string> score_columns();

/// A connection string or URI with its password replaced by "***"
/// (`postgresql://user:secret@host` and `password=secret`), for messages and logs:
/// connection strings are never shown with a password.
std::string mask_password(const std::string& conninfo);

}  // namespace okrkit::sql
