// okrkit command-line tool.
//
//   okrkit validate MODEL [--data CSV]
//   okrkit score MODEL --data CSV --as-of DATE [--format table|json|csv|markdown] [-o FILE]
//   okrkit lint MODEL [--data CSV] [--as-of DATE] [--format table|json|sarif] [-o FILE]
//   okrkit appraise MODEL --ratings CSV --as-of DATE [--data CSV] [--scores CSV] [--format table|json|csv]
//   okrkit report MODEL --data CSV --as-of DATE [-o FILE]
//
// Exit status: 0 success, 1 problems found (invalid input), 2 usage error.
// Results go to stdout (or -o FILE, written atomically); messages to stderr.
#include <cstdio>
#include <cstring>
#include <iostream>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <okrkit/okrkit.hpp>

#include "commands.hpp"

namespace okrkit::cli {

namespace {

const char* usage_text =
    "usage: okrkit <command> [options]\n"
    "\n"
    "commands:\n"
    "  validate MODEL [--data CSV]        check a model (and measurements); list every problem\n"
    "  score MODEL --data CSV --as-of DATE [--format table|json|csv|markdown] [-o FILE]\n"
    "        [--no-forecast] [--forecast-status] [--progress | --no-progress]\n"
    "                                     compute the scorecard at a date\n"
    "  lint MODEL [--data CSV] [--as-of DATE] [--format table|json|sarif] [--disable IDS] [-o FILE]\n"
    "                                     SMART lint; exit 0 clean/info, 3 warnings, 4 errors\n"
    "  appraise MODEL --ratings CSV --as-of DATE [--data CSV] [--scores CSV] [--format table|json|csv]\n"
    "           [--calibration none|mean|z] [--trim F] [--include-self] [--min-raters ROLE=N,..]\n"
    "           [--role-weights ROLE=W,..] [--weights KPI,OKR,COMP] [--bands NAME=MIN,..]\n"
    "           [--target-distribution BAND=SHARE,..] [-o FILE]\n"
    "                                     combine KPI / OKR scores and rubric ratings\n"
    "  report MODEL --data CSV --as-of DATE [-o FILE]\n"
    "                                     one-file HTML report of the scorecard\n"
    "  version                            print the okrkit version\n"
    "\n"
    "every command that reads --data (and --as-of) also takes:\n"
    "  --calendar gregorian|jalali        calendar of dates in the data and --as-of (default gregorian)\n"
    "  --date-format iso|excel            date cells as YYYY-MM-DD, or also Excel serial days (default iso)\n"
    "  --duplicates error|last|first|sum|mean\n"
    "                                     two rows with the same series and date (default error)\n"
    "\n"
    "exit status: 0 ok, 1 problems found, 2 usage error\n";

}  // namespace

Args parse_args(int argc, char** argv, int first, const std::vector<std::string>& flags_with_value,
                const std::vector<std::string>& flags) {
  Args a;
  for (int i = first; i < argc; ++i) {
    std::string s = argv[i];
    if (s.size() > 1 && s[0] == '-') {
      bool takes_value = false;
      for (const auto& f : flags_with_value) takes_value |= (f == s);
      bool known = takes_value;
      for (const auto& f : flags) known |= (f == s);
      if (!known) throw UsageError("unknown option '" + s + "'");
      if (takes_value) {
        if (i + 1 >= argc) throw UsageError("option '" + s + "' needs a value");
        a.options[s] = argv[++i];
      } else {
        a.options[s] = "";
      }
    } else {
      a.positional.push_back(s);
    }
  }
  return a;
}

std::optional<std::string> Args::get(const std::string& flag) const {
  auto it = options.find(flag);
  if (it == options.end()) return std::nullopt;
  return it->second;
}

void print_diagnostics(const std::vector<Diagnostic>& ds) {
  for (const auto& d : ds)
    std::cerr << to_string(d.severity) << ": " << d.to_string() << " [" << d.code << "]\n";
}

void write_output(const std::optional<std::string>& path, const std::string& text) {
  if (path && *path != "-") write_file_atomically(*path, text);
  else std::cout << text << std::flush;
}

int run(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << usage_text;
    return 2;
  }
  std::string cmd = argv[1];
  try {
    if (cmd == "validate") return cmd_validate(argc, argv);
    if (cmd == "score") return cmd_score(argc, argv);
    if (cmd == "lint") return cmd_lint(argc, argv);
    if (cmd == "appraise") return cmd_appraise(argc, argv);
    if (cmd == "report") return cmd_report(argc, argv);
    if (cmd == "version" || cmd == "--version") {
      std::cout << "okrkit " << okrkit::version << "\n";
      return 0;
    }
    if (cmd == "help" || cmd == "--help" || cmd == "-h") {
      std::cout << usage_text;
      return 0;
    }
    throw UsageError("unknown command '" + cmd + "'");
  } catch (const UsageError& e) {
    std::cerr << "okrkit: " << e.what() << "\n\n" << usage_text;
    return 2;
  } catch (const ValidationError& e) {
    print_diagnostics(e.problems());
    std::cerr << "okrkit: " << e.problems().size()
              << (e.problems().size() == 1 ? " problem" : " problems") << " found\n";
    return 1;
  } catch (const Error& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 1;
  }
}

}  // namespace okrkit::cli

int main(int argc, char** argv) { return okrkit::cli::run(argc, argv); }
