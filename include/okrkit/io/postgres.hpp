// okrkit — PostgreSQL source and sink (the optional okrkit::postgres
// component; docs/data-sources.md). The same design as the SQLite component
// (include/okrkit/io/sqlite.hpp): measurements from a table or a query with a
// column mapping, optionally only the rows after a watermark the caller keeps;
// scorecards written to the same documented table, one transaction per
// evaluation, upserted with INSERT ... ON CONFLICT, so a crash mid-write
// leaves the previous evaluation in place.
//
// A separate library (CMake option OKRKIT_WITH_POSTGRES, target
// okrkit::postgres, find_package(okrkit COMPONENTS postgres)) so a host that
// does not use PostgreSQL does not link libpq.
//
// `conninfo` is anything libpq's PQconnectdb takes: a URI
// (postgresql://user@host:5432/db?sslmode=require) or "host=... dbname=...".
// Messages name the connection with its password masked.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "okrkit/io/sql.hpp"
#include "okrkit/scoring/scorecard.hpp"
#include "okrkit/series/series.hpp"
#include "okrkit/time/date.hpp"

namespace okrkit::postgres {

using sql::ColumnMap;
using sql::ReadResult;
using sql::score_columns;
using sql::Sink;
using sql::Source;

/// Read measurements through the connection `conninfo` (a read-only
/// transaction). Dates: date or timestamp columns, or text 'YYYY-MM-DD' in
/// source.options.calendar (a time after the date is dropped, as in the CSV
/// reader; numbers are Excel serial dates with date_format excel); numbers: integer,
/// real, double precision or numeric columns (or text that is a number); NULL
/// values are missing values. Every unusable row is reported at once
/// (ValidationError naming the source, row, series and column); a failed
/// connection or a missing table or column is an IoError / ParseError.
ReadResult read_measurements(const std::string& conninfo, const Source& source);

/// As above, appending the rows to `into` (finalized again), for incremental
/// reads into the store the caller keeps.
ReadResult read_measurements(const std::string& conninfo, const Source& source, SeriesStore& into);

/// Write `sc` through `conninfo`: the table (sink.table, optionally
/// schema-qualified) is created when absent (and gains columns a newer okrkit
/// added), each node's row is upserted on (scorecard, as_of, node, kind) with
/// INSERT ... ON CONFLICT, rows of nodes no longer in the scorecard for that
/// (scorecard, as_of) are deleted, all in one transaction; concurrent writers
/// of one table take turns (a transaction-level advisory lock). Returns the
/// evaluation number written (1, 2, ... per table).
std::int64_t write_scorecard(const std::string& conninfo, const Scorecard& sc, const Sink& sink);

}  // namespace okrkit::postgres
