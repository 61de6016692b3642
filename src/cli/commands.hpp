// okrkit CLI (internal) — argument parsing and one function per command.
#pragma once

#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <okrkit/core/error.hpp>

namespace okrkit::cli {

/// A command-line mistake: exit status 2.
struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct Args {
  std::vector<std::string> positional;
  std::map<std::string, std::string> options;
  std::optional<std::string> get(const std::string& flag) const;
};

/// Parse argv[first..]; flags_with_value take the next argument.
Args parse_args(int argc, char** argv, int first, const std::vector<std::string>& flags_with_value,
                const std::vector<std::string>& flags = {});

void print_diagnostics(const std::vector<Diagnostic>& ds);
/// Write to `path` atomically, or to stdout when unset or "-".
void write_output(const std::optional<std::string>& path, const std::string& text);

int cmd_validate(int argc, char** argv);
int cmd_score(int argc, char** argv);
int cmd_lint(int argc, char** argv);
int cmd_appraise(int argc, char** argv);
int cmd_report(int argc, char** argv);

}  // namespace okrkit::cli
