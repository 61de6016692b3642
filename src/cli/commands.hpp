// okrkit CLI (internal) — shared option groups and one setup function per command.
//
// Parsing is CLI11 (https://github.com/CLIUtils/CLI11): every command is a
// subcommand whose options carry their help text, so `okrkit <command> --help`
// and docs/cli.md (scripts/cli_docs.py) come from one place.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include <okrkit/core/error.hpp>
#include <okrkit/io/measurements_io.hpp>
#include <okrkit/scoring/scorecard.hpp>
#include <okrkit/series/series.hpp>
#include <okrkit/time/date.hpp>

namespace okrkit::cli {

/// A command-line mistake found after parsing (a combination CLI11 cannot
/// check): exit status 2, like CLI11's own errors.
struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// Exit statuses shared by every command (docs/cli.md).
enum Exit : int { exit_ok = 0, exit_problems = 1, exit_usage = 2 };

/// The options of every command that reads measurements. New data-loading
/// options (a calendar, a date format, a duplicates policy) go here and in
/// add_data_options() / load_data(), so every command gets them at once.
struct DataOptions {
  std::string data;  ///< measurements CSV, sqlite:PATH?... or postgresql://...; empty = none given
  std::string calendar = "gregorian";  ///< dates of --data and --as-of: gregorian | jalali
  std::string date_format = "iso";     ///< iso | excel (serial day numbers also read)
  std::string duplicates =
      "error";  ///< same series and date twice: error | last | first | sum | mean
  bool given() const { return !data.empty(); }
  /// The reader options (names checked while parsing).
  MeasurementsOptions reader() const;
};

/// Add --data (required or optional) and the other measurement options to `app`.
void add_data_options(CLI::App& app, DataOptions& opts, bool required);
/// Load the measurements as the options say (a finalized, empty store when
/// --data was not given).
SeriesStore load_data(const DataOptions& opts);

/// A "sqlite:PATH?key=value&..." argument (src/cli/db_uri.cpp): the
/// database path and the parameters (%XX decoded; query= takes the rest).
struct SqliteUri {
  std::string path;
  std::map<std::string, std::string> params;
};
bool is_sqlite_uri(const std::string& arg);
/// Parse `arg`; a parameter not in `allowed` is a UsageError naming it.
SqliteUri parse_sqlite_uri(const std::string& arg, const std::vector<std::string>& allowed);
/// --data sqlite:PATH?table=T (or ?query=SQL; &series=&date=&value=&numerator=&denominator= map
/// columns), read with the reader options (--calendar, --date-format, --duplicates).
SeriesStore load_sqlite_data(const std::string& arg, const MeasurementsOptions& options);
/// score --to sqlite:PATH?table=T[&scorecard=NAME]: one transaction; returns the summary line.
std::string write_sqlite_scores(const std::string& arg, const Scorecard& sc);
/// postgresql://user@host:port/db?table=T|query=SQL (or postgres://); the
/// other URI parameters (sslmode=...) go to libpq. Shown with the password masked.
bool is_postgres_uri(const std::string& arg);
SeriesStore load_postgres_data(const std::string& arg, const MeasurementsOptions& options);
/// score --to postgresql://...?table=T[&scorecard=NAME].
std::string write_postgres_scores(const std::string& arg, const Scorecard& sc);
/// Either database, by the argument's scheme.
SeriesStore load_db_data(const std::string& arg, const MeasurementsOptions& options);
std::string write_db_scores(const std::string& arg, const Scorecard& sc);

/// The -o / --output option: write the result to a file instead of stdout.
void add_output_option(CLI::App& app, std::string& path);
/// Write to `path` atomically, or to stdout when empty or "-".
void write_output(const std::string& path, const std::string& text);

/// --as-of: checked as YYYY-MM-DD while parsing, so a bad date names the option.
CLI::Option* add_as_of_option(CLI::App& app, std::string& text, bool required,
                              const std::string& help);
/// The date of a value add_as_of_option() accepted, in the --calendar of
/// `opts` (years outside 1700..2300 are a usage error that names --calendar
/// jalali when the text is a Solar Hijri date).
Date as_of_date(const std::string& text, const DataOptions& opts);

/// Validator of a date option (YYYY-MM-DD).
CLI::Validator date_validator();

/// --strict: a scorecard with error-severity diagnostics exits 1.
void add_strict_option(CLI::App& app, bool& strict);
/// Show the scorecard's problems where the user looks: when it has warnings or
/// errors, their counts and the first ten (node, field, code, message) on
/// stderr, prefixed by `command`; `see_all` says where the full list is.
/// Returns exit_problems when `strict` and some diagnostic is an error, else exit_ok.
int report_scorecard_problems(const std::string& command, const Scorecard& sc, bool strict,
                              const std::string& see_all);

/// Print every diagnostic on stderr, one a line ("severity: where: message [code]").
void print_diagnostics(const std::vector<Diagnostic>& ds);

/// A registered subcommand and what runs it after a successful parse.
struct Command {
  CLI::App* app = nullptr;
  std::function<int()> run;
};

Command add_validate(CLI::App& app);
Command add_score(CLI::App& app);
Command add_lint(CLI::App& app);
Command add_appraise(CLI::App& app);
Command add_report(CLI::App& app);
Command add_review(CLI::App& app);

}  // namespace okrkit::cli
