// okrkit — measurements in and scorecards out through the Arrow C stream
// interface, without linking Arrow C++. Any Arrow producer (pyarrow, polars,
// DuckDB, ADBC drivers, nanoarrow, Arrow C++ itself) hands over an
// ArrowArrayStream; okrkit reads its buffers directly. The other way, a
// scorecard, lint findings or an appraisal become an ArrowArrayStream that any
// Arrow consumer reads (docs/data-sources.md, "Arrow from C++").
//
// The structs below are the ABI of the Arrow C data and C stream interfaces,
// declared exactly as the Arrow specification does and under its guard macros,
// so this header can be included next to arrow/c/abi.h or nanoarrow.h.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "okrkit/core/error.hpp"
#include "okrkit/io/measurements_io.hpp"
#include "okrkit/series/series.hpp"

#ifdef __cplusplus
extern "C" {
#endif

// The macro names are the Arrow specification's, so the guards work beside
// arrow/c/abi.h or nanoarrow.h. NOLINTBEGIN(readability-identifier-naming)
#ifndef ARROW_C_DATA_INTERFACE
#define ARROW_C_DATA_INTERFACE

#define ARROW_FLAG_DICTIONARY_ORDERED 1
#define ARROW_FLAG_NULLABLE 2
#define ARROW_FLAG_MAP_KEYS_SORTED 4

struct ArrowSchema {
  // Array type description
  const char* format;
  const char* name;
  const char* metadata;
  int64_t flags;
  int64_t n_children;
  struct ArrowSchema** children;
  struct ArrowSchema* dictionary;

  // Release callback
  void (*release)(struct ArrowSchema*);
  // Opaque producer-specific data
  void* private_data;
};

struct ArrowArray {
  // Array data description
  int64_t length;
  int64_t null_count;
  int64_t offset;
  int64_t n_buffers;
  int64_t n_children;
  const void** buffers;
  struct ArrowArray** children;
  struct ArrowArray* dictionary;

  // Release callback
  void (*release)(struct ArrowArray*);
  // Opaque producer-specific data
  void* private_data;
};

#endif  // ARROW_C_DATA_INTERFACE
// NOLINTEND(readability-identifier-naming)

#ifndef ARROW_C_STREAM_INTERFACE
// NOLINTNEXTLINE(readability-identifier-naming): the specification's name
#define ARROW_C_STREAM_INTERFACE

struct ArrowArrayStream {
  // Callback to get the stream type
  // (will be the same for all arrays in the stream).
  //
  // Return value: 0 if successful, an `errno`-compatible error code otherwise.
  //
  // If successful, the ArrowSchema must be released independently from the stream.
  int (*get_schema)(struct ArrowArrayStream*, struct ArrowSchema* out);

  // Callback to get the next array
  // (if no error and the array is released, the stream has ended)
  //
  // Return value: 0 if successful, an `errno`-compatible error code otherwise.
  //
  // If successful, the ArrowArray must be released independently from the stream.
  int (*get_next)(struct ArrowArrayStream*, struct ArrowArray* out);

  // Callback to get optional detailed error information.
  // This must only be called if the last stream operation failed
  // with a non-0 return code.
  //
  // Return value: pointer to a null-terminated character array describing
  // the last error, or NULL if no description is available.
  //
  // The returned pointer is only valid until the next operation on this stream
  // (including release).
  const char* (*get_last_error)(struct ArrowArrayStream*);

  // Release callback: release the stream's own resources.
  // Note that arrays returned by `get_next` must be individually released.
  void (*release)(struct ArrowArrayStream*);

  // Opaque producer-specific data
  void* private_data;
};

#endif  // ARROW_C_STREAM_INTERFACE

#ifdef __cplusplus
}
#endif

namespace okrkit {

struct Scorecard;
struct AppraisalResult;

/// Which columns of an Arrow stream hold what. Numerator and denominator are
/// read when the stream has columns of those names (as the CSV reader reads
/// them when present); "" means none.
struct ArrowColumns {
  std::string series = "series";
  std::string date = "date";
  std::string value = "value";
  std::string numerator = "numerator";
  std::string denominator = "denominator";
};

/// Measurements from an Arrow stream of record batches (a struct schema).
///
/// Column types:
/// - series: utf8, large_utf8, utf8_view, a dictionary of those (polars
///   Categorical, pyarrow dictionary_encode) or integers (read as their
///   decimal text). Ids are trimmed as the CSV reader trims cells; a null or
///   blank id is an error naming the row.
/// - date: date32, date64, timestamp of any unit without a time zone (the
///   day is kept, floor: 1969-12-31T23:00 is 1969-12-31), or text read by the
///   CSV reader's rules (`options.calendar`, `options.date_format`). A
///   timestamp with a time zone is refused: which day 23:30 UTC falls on
///   depends on the zone. A null date is an error naming the row.
/// - value, numerator, denominator: float64 (read in place), float32, integer
///   and decimal128 columns (converted, with an info note on the store; an
///   integer beyond 2^53 that a double cannot hold is an error naming the
///   row), or the null type. A null cell is a missing value, exactly as an
///   empty CSV cell (kept, NaN): no number is made up for it.
/// Any other type is a DomainError naming the column and its Arrow type.
/// Rows are "row i" (0-based over the whole stream) in messages; duplicates
/// follow `options.duplicates` with the messages of measurements_from_columns.
/// The stream is read to its end and released; the store is finalized.
SeriesStore measurements_from_arrow_stream(ArrowArrayStream* stream,
                                           const ArrowColumns& columns = {},
                                           const MeasurementsOptions& options = {});

/// The Arrow type of a schema as pyarrow prints it ("double", "string",
/// "timestamp[us, tz=UTC]", "dictionary<values=string, indices=int32>"): used
/// in messages.
std::string arrow_type_name(const ArrowSchema& schema);

namespace arrow {

/// The types an exported column can have; each maps to one Arrow type.
enum class ColumnType {
  text,       ///< utf8
  category,   ///< dictionary<int32, utf8> (ordered when Column::ordered)
  number,     ///< float64 (NaN is exported as null)
  integer,    ///< int64
  flag,       ///< bool
  date,       ///< date32 (a day number)
  text_list,  ///< list<utf8>
};

/// One named, typed column of a Table. Fill the vector of its type, one entry
/// per row: `text` for text, `integers` for integer, flag (0/1), date (day
/// numbers) and category (index into `categories`), `numbers` for number,
/// `lists` for text_list. `valid` empty: no nulls; else 0 marks a null row.
struct Column {
  std::string name;
  ColumnType type = ColumnType::text;
  std::vector<std::string> categories;  ///< category: the dictionary
  bool ordered = false;                 ///< category: the dictionary order is meaningful
  std::vector<std::string> text;
  std::vector<double> numbers;
  std::vector<std::int64_t> integers;
  std::vector<std::vector<std::string>> lists;
  std::vector<std::uint8_t> valid;
};

/// A table of named typed columns: what every exporter builds, so any result
/// (a scorecard, lint findings, an appraisal, a history) becomes an Arrow
/// stream through the one export_table().
struct Table {
  std::size_t rows = 0;
  std::vector<Column> columns;
};

/// Move `table` into `out` as a stream of one record batch (a struct array);
/// the consumer releases it. Throws DomainError when a column's length is not
/// `rows` or its text passes 2 GiB.
void export_table(Table table, ArrowArrayStream* out);

/// A scorecard as a table: one row per node, one column per entry of the
/// NodeScore field table (include/okrkit/scoring/node_score_fields.hpp), in
/// its order: text as utf8 (null for "not computed" where the field says
/// empty_is_none), categories as ordered or unordered dictionaries of their
/// names, numbers as float64 (NaN and absent optional values are null),
/// dates as date32, flags as bool, counts as int64 and diagnostics as the
/// text "code: message | ..." (as Python's Scorecard.to_frame()).
Table scorecard_table(const Scorecard& scorecard);

/// Scorecards at several dates (evaluate_history(), scoring/history.hpp) as
/// one long table: an `as_of` date32 column, then scorecard_table()'s
/// columns; one row per date and node, dates in the order given.
Table history_table(const std::vector<Scorecard>& history);

/// Lint findings: rule, name, severity (dictionary info/warning/error),
/// node, field, file, line (int64), message; the columns of okrkit.lint's
/// LintReport.to_frame().
Table lint_table(const std::vector<Diagnostic>& findings);

/// Appraisal rows (one per person and cycle), the columns of Python's
/// Appraisal.to_frame(): cycle, person, name, unit, kpi_score, okr_score,
/// kpi_from, okr_from (list<utf8>), then per role (self, manager, peer,
/// report) ROLE, ROLE_raters, ROLE_counted, then competency,
/// competency_score, final_score, band, raters, trimmed, notes.
Table appraisal_table(const AppraisalResult& result);

}  // namespace arrow

/// export_table() of scorecard_table(), lint_table(), appraisal_table().
void export_scorecard(const Scorecard& scorecard, ArrowArrayStream* out);
void export_history(const std::vector<Scorecard>& history, ArrowArrayStream* out);
void export_lint_findings(const std::vector<Diagnostic>& findings, ArrowArrayStream* out);
void export_appraisal(const AppraisalResult& result, ArrowArrayStream* out);

}  // namespace okrkit
