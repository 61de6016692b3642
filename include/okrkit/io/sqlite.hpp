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

#include "okrkit/io/sql.hpp"
#include "okrkit/scoring/scorecard.hpp"
#include "okrkit/series/series.hpp"
#include "okrkit/time/date.hpp"

namespace okrkit::sqlite {

// The source, column mapping, read result, sink and write-back columns are
// the SQL components' shared ones (include/okrkit/io/sql.hpp).
using sql::ColumnMap;
using sql::ReadResult;
using sql::score_columns;
using sql::Sink;
using sql::Source;

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

/// Write `sc` to the SQLite database at `path` (created when absent): the
/// table is created when absent (and gains columns a newer okrkit added), each
/// node's row is upserted on (scorecard, as_of, node, kind), rows of nodes no longer
/// in the scorecard for that (scorecard, as_of) are deleted, all in one
/// transaction. Returns the evaluation number written (1, 2, ... per table).
std::int64_t write_scorecard(const std::string& path, const Scorecard& sc, const Sink& sink);

}  // namespace okrkit::sqlite
