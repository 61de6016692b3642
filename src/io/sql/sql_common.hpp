// okrkit (internal) — the logic the SQL components (src/io/sqlite/,
// src/io/postgres/) share, compiled into the core library so each component
// keeps only its database's API calls: the column mapping checked against a
// source's columns, cell text read as the CSV reader reads it, the collection
// of row problems (all reported at once, the caller's store untouched on
// failure), and the write-back layout derived from the scorecard CSV and the
// NodeScore field table (include/okrkit/scoring/node_score_fields.hpp).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "okrkit/core/error.hpp"
#include "okrkit/io/measurements_io.hpp"
#include "okrkit/io/sql.hpp"
#include "okrkit/scoring/scorecard.hpp"

namespace okrkit::sql::detail {

std::string trim(std::string_view s);

/// An SQL identifier in double quotes ("my ""odd"" name"); both databases.
std::string quote_id(const std::string& id);

/// The mapped columns, checked against the columns the source has. Empty
/// numerator / denominator: none. A missing column is a ParseError naming it
/// and listing the source's columns; `where` names the source.
struct Columns {
  std::string series, date, value, numerator, denominator;
};
Columns resolve_columns(const ColumnMap& m, const std::vector<std::string>& names,
                        const std::string& where);
/// The incremental id column, checked the same way.
void require_column(const std::string& col, const char* role, const std::vector<std::string>& names,
                    const std::string& where);

/// A number cell given as text: "" / NA / NaN / nan / null are missing;
/// otherwise a finite number (a leading '+' allowed). `shown` is the cell as
/// messages quote it.
bool number_text(std::string_view text, double& out, std::string& shown);

/// A date cell given as text: 'YYYY-MM-DD' in `cal` with the readers' year
/// window (okrkit::detail::read_input_date), a time after it dropped (as in
/// the CSV reader); with DateFormat::excel a number is an Excel serial date.
/// Returns the problem, or nothing when `out` was set.
std::optional<std::string> date_text(std::string_view text, DateCalendar cal, DateFormat format,
                                     Date& out);
/// A date cell stored as a number: an Excel serial date with DateFormat::excel,
/// else nothing is returned and the caller reports the number (its message
/// ends with excel_advice).
std::optional<std::string> serial_date(double serial, Date& out);
/// The end of the message for a number in the date column.
extern const char* const excel_advice;

/// Rows of one read: problems collected (the first 100 reported, then a count)
/// and good rows kept until the end, so a failed read leaves the caller's
/// store as it was. Duplicates (same series and date within the read) follow
/// options.duplicates with the CSV reader's messages and notes
/// (okrkit::detail::store_from_rows), rows named by their number and `plural`
/// ("rowids", "id values", "rows").
class RowCollector {
 public:
  RowCollector(std::string where, ReadResult& result, bool id_mode,
               const MeasurementsOptions& options, std::string plural);
  /// Start the next row; `name` (" (rowid 7)") is appended to its messages and
  /// `number` names it in duplicate messages (0: its position in the read).
  void next_row(std::string name = {}, std::size_t number = 0);
  void problem(const std::string& series, const std::string& field, const std::string& msg);
  void add(std::string series, Date date, double value, double numerator, double denominator,
           std::int64_t id = 0);
  /// Throw every problem as one ValidationError, or append the rows to `into`
  /// (finalized, with the notes on how duplicates were combined) and set
  /// result.rows.
  void finish(SeriesStore& into);
  const MeasurementsOptions& options() const { return options_; }

 private:
  std::string where_;
  ReadResult& result_;
  bool id_mode_;
  MeasurementsOptions options_;
  std::string plural_;
  std::size_t row_ = 0;
  std::size_t number_ = 0;
  std::string name_;
  std::size_t more_ = 0;
  std::vector<Diagnostic> problems_;
  std::vector<std::string> ids_;
  std::unordered_map<std::string, std::uint32_t> id_index_;
  std::vector<okrkit::detail::ReaderRow> rows_;
};

/// A read into a new store: `read(store)` fills it; the store moves into the result.
template <class Read>
ReadResult into_new_store(Read&& read) {
  SeriesStore store;
  ReadResult r = read(store);
  r.store = std::move(store);
  return r;
}

/// The SQL type class of a write-back column, from the NodeScore field table:
/// numbers real, counts integer, flags 0/1 integers, the rest text.
enum class ColType { text, real, integer, flag };
ColType column_type(const std::string& name);

/// The scorecard as the write-back rows: the CSV header and records of
/// to_csv() (src/io/scorecard_io.cpp), with the positions of the key cells.
struct ScoreRows {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> records;  ///< without the header
  std::size_t id_pos = 0, kind_pos = 0;
  std::vector<std::size_t> data_pos;  ///< header positions of the non-key columns
};
ScoreRows score_rows(const Scorecard& sc);

/// The key columns of the write-back table.
extern const char* const key_columns[4];

/// Check that an existing table with the columns `have` is an okrkit scores
/// table (IoError naming `where` otherwise) and return the data columns it
/// lacks (added by a newer okrkit), to be added with ALTER TABLE.
std::vector<std::string> missing_score_columns(const std::set<std::string>& have,
                                               const ScoreRows& rows, const std::string& table,
                                               const std::string& where);

}  // namespace okrkit::sql::detail
