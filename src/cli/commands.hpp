// okrkit CLI (internal) — shared option groups and one setup function per command.
//
// Parsing is CLI11 (https://github.com/CLIUtils/CLI11): every command is a
// subcommand whose options carry their help text, so `okrkit <command> --help`
// and docs/cli.md (scripts/cli_docs.py) come from one place.
#pragma once

#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include <okrkit/core/error.hpp>
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
  std::string data;  ///< measurements CSV; empty = none given
  bool given() const { return !data.empty(); }
};

/// Add --data (required or optional) and the other measurement options to `app`.
void add_data_options(CLI::App& app, DataOptions& opts, bool required);
/// Load the measurements as the options say (a finalized, empty store when
/// --data was not given).
SeriesStore load_data(const DataOptions& opts);

/// The -o / --output option: write the result to a file instead of stdout.
void add_output_option(CLI::App& app, std::string& path);
/// Write to `path` atomically, or to stdout when empty or "-".
void write_output(const std::string& path, const std::string& text);

/// --as-of: checked as YYYY-MM-DD while parsing, so a bad date names the option.
CLI::Option* add_as_of_option(CLI::App& app, std::string& text, bool required, const std::string& help);
/// The date of a value add_as_of_option() accepted.
Date as_of_date(const std::string& text);

/// Validator of a date option (YYYY-MM-DD).
CLI::Validator date_validator();

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

}  // namespace okrkit::cli
