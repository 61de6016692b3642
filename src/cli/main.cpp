// okrkit command-line tool: `okrkit <command> [options]`, `okrkit <command> --help`.
//
// Results go to stdout (or -o FILE, written atomically); messages to stderr.
// Exit status: 0 ok, 1 problems found (input that does not load), 2 usage
// error; lint: 3 warnings, 4 errors. docs/cli.md is generated from the help
// text below (scripts/cli_docs.py).
#include <algorithm>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include <okrkit/okrkit.hpp>
#include <okrkit/io/atomic_file.hpp>
#include <okrkit/io/diagnostics_text.hpp>
#include <okrkit/io/measurements_io.hpp>

#include "commands.hpp"

namespace okrkit::cli {

namespace {

const char* exit_status_text =
    "Exit status: 0 ok; 1 problems found (input that does not load, or --strict with\n"
    "error diagnostics); 2 usage error; lint: 3 warnings, 4 errors.\n"
    "Run 'okrkit <command> --help' for the options of a command.";

// CLI11's help with descriptions wrapped to 80 columns (CLI11 2.1 prints
// them on one line).
class WrappingFormatter : public CLI::Formatter {
 public:
  static constexpr std::size_t total_width = 80;

  std::string make_option_desc(const CLI::Option* opt) const override {
    return wrap(CLI::Formatter::make_option_desc(opt), total_width - get_column_width());
  }
  std::string make_subcommand(const CLI::App* sub) const override {
    std::stringstream out;
    CLI::detail::format_help(out, sub->get_display_name(),
                             wrap(sub->get_description(), total_width - get_column_width()),
                             get_column_width());
    return out.str();
  }
  std::string make_description(const CLI::App* app) const override {
    const std::string d = app->get_description();
    return d.empty() ? d : wrap(d, total_width) + "\n";
  }

  /// Greedy word wrap at `width` columns (a longer word gets a line of its own).
  static std::string wrap(const std::string& text, std::size_t width) {
    std::string out, line;
    std::istringstream words(text);
    for (std::string w; words >> w;) {
      if (!line.empty() && line.size() + 1 + w.size() > width) {
        out += line + "\n";
        line.clear();
      }
      line += (line.empty() ? "" : " ") + w;
    }
    return out + line;
  }
};

// The subcommand a parse error belongs to (the deepest one parsed), for the hint.
std::string command_path(const CLI::App& app) {
  std::string path = app.get_name();
  for (const CLI::App* sub : app.get_subcommands()) return path + " " + sub->get_name();
  return path;
}

int usage_error(const CLI::App& app, const std::string& message) {
  const std::string where = command_path(app);
  std::cerr << where << ": " << message << "\nRun '" << where << " --help' for the options.\n";
  return exit_usage;
}

std::size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diag = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diag = up;
    }
  }
  return row[b.size()];
}

// Arguments a command did not expect, as one message ("" when none). Checked
// before missing required options, so a misspelt --as_of is reported as such
// and not as a missing --as-of.
std::string unexpected_arguments(const CLI::App& sub) {
  std::string msg;
  bool after_unknown = false;  // "--as_of 2025-05-31": the value is not reported again
  for (const std::string& arg : sub.remaining()) {
    if (arg.size() < 2 || arg[0] != '-') {
      if (!after_unknown)
        msg += (msg.empty() ? "" : "; ") + std::string("unexpected argument '") + arg + "'";
      after_unknown = false;
      continue;
    }
    after_unknown = arg.find('=') == std::string::npos;
    if (!msg.empty()) msg += "; ";
    const std::string name = arg.substr(0, arg.find('='));
    msg += "unknown option '" + name + "'";
    std::string best;
    std::size_t best_d = 3;  // suggest only close names
    for (const CLI::Option* o : sub.get_options())
      for (const std::string& l : o->get_lnames()) {
        const std::size_t d = edit_distance(name, "--" + l);
        if (d < best_d) best_d = d, best = "--" + l;
      }
    if (!best.empty()) msg += " (did you mean " + best + "?)";
  }
  return msg;
}

}  // namespace

void add_data_options(CLI::App& app, DataOptions& opts, bool required) {
  auto* o =
      app.add_option(
             "--data", opts.data,
             "Measurements CSV (series,date,value[,numerator,denominator]; docs/model-format.md), "
             "or a SQLite table or query: sqlite:PATH?table=NAME, sqlite:PATH?query=SQL, "
             "or a PostgreSQL one: postgresql://USER@HOST:PORT/DB?table=NAME (or ?query=SQL) "
             "(docs/data-sources.md)." +
                 std::string(required ? "" : " Default: none (check-ins and overrides only)."))
          ->type_name("CSV|URI");
  if (required) o->required();
  app.add_option(
         "--calendar", opts.calendar,
         "Calendar of the dates in --data and of --as-of: gregorian, or jalali (Solar Hijri, "
         "1404-03-10 = 2025-05-31). A Gregorian year outside 1700..2300 is an error. "
         "Default: gregorian.")
      ->type_name("NAME")
      ->check(CLI::IsMember({"gregorian", "jalali"}));
  app.add_option("--date-format", opts.date_format,
                 "Date cells of --data: iso (YYYY-MM-DD), or excel (also Excel serial day numbers, "
                 "1900 system: 45808 = 2025-05-31). Default: iso (a number is an error).")
      ->type_name("NAME")
      ->check(CLI::IsMember({"iso", "excel"}));
  app.add_option(
         "--duplicates", opts.duplicates,
         "Two rows of --data with the same series and date: error (list both rows), or "
         "last / first (that row wins), sum, mean (missing values skipped); the policy used "
         "is reported on stderr. Default: error.")
      ->type_name("NAME")
      ->check(CLI::IsMember({"error", "last", "first", "sum", "mean"}));
}

MeasurementsOptions DataOptions::reader() const {
  MeasurementsOptions o;
  o.calendar = *detail::enum_from_string<DateCalendar>(calendar);
  o.date_format = *detail::enum_from_string<DateFormat>(date_format);
  o.duplicates = *detail::enum_from_string<DuplicatePolicy>(duplicates);
  return o;
}

SeriesStore load_data(const DataOptions& opts) {
  if (opts.given()) {
    SeriesStore s = is_sqlite_uri(opts.data) || is_postgres_uri(opts.data)
                        ? load_db_data(opts.data, opts.reader())
                        : load_measurements(opts.data, opts.reader());
    print_diagnostics(s.notes());  // provenance: how duplicates were combined
    return s;
  }
  SeriesStore none;
  none.finalize();
  return none;
}

void add_output_option(CLI::App& app, std::string& path) {
  app.add_option("-o,--output", path,
                 "Write the result to FILE (atomically: all or nothing) instead of stdout; "
                 "'-' = stdout. Default: stdout.")
      ->type_name("FILE");
}

void write_output(const std::string& path, const std::string& text) {
  if (!path.empty() && path != "-")
    write_file_atomically(path, text);
  else
    std::cout << text << std::flush;
}

CLI::Validator date_validator() {
  return CLI::Validator(
      [](std::string& text) -> std::string {
        // The shape and a day that exists in either calendar; the calendar
        // (--calendar) and the year window are checked by as_of_date().
        try {
          parse_date(text);
          return {};
        } catch (const ParseError& e) {
          try {
            parse_jalali_date(text);
            return {};
          } catch (const ParseError&) {
            return e.what();
          }
        }
      },
      "", "date");
}

CLI::Option* add_as_of_option(CLI::App& app, std::string& text, bool required,
                              const std::string& help) {
  auto* o = app.add_option("--as-of", text, help)->type_name("DATE")->check(date_validator());
  if (required) o->required();
  return o;
}

Date as_of_date(const std::string& text, const DataOptions& opts) {
  try {
    return parse_date(text, opts.reader().calendar, "--as-of");
  } catch (const ParseError& e) {
    throw UsageError(e.what());
  }
}

void add_strict_option(CLI::App& app, bool& strict) {
  app.add_flag("--strict", strict,
               "Exit 1 when the scorecard has an error diagnostic (a formula that does not "
               "parse, a series that is missing, ...), after writing the output. Default: "
               "errors are reported on stderr and the exit status stays 0.");
}

int report_scorecard_problems(const std::string& command, const Scorecard& sc, bool strict,
                              const std::string& see_all) {
  constexpr std::size_t max_shown = 10;
  const auto all = scorecard_diagnostics(sc);
  std::vector<Diagnostic> problems;  // warnings and errors; info stays in the outputs
  for (const auto& d : all)
    if (d.severity != Severity::info) problems.push_back(d);
  if (problems.empty()) return exit_ok;
  const DiagnosticCounts c = count_diagnostics(problems);
  std::cerr << "okrkit " << command << ": the scorecard has " << format_counts(c) << " (" << see_all
            << "):\n"
            << format_diagnostics(problems, max_shown);
  if (strict && c.errors > 0) {
    std::cerr << "okrkit " << command << ": --strict: exit 1 because of " << c.errors
              << (c.errors == 1 ? " error\n" : " errors\n");
    return exit_problems;
  }
  return exit_ok;
}

void print_diagnostics(const std::vector<Diagnostic>& ds) {
  for (const auto& d : ds)
    std::cerr << to_string(d.severity) << ": " << d.to_string() << " [" << d.code << "]\n";
}

int run(int argc, char** argv) {
  CLI::App app("okrkit: OKR and KPI scorecards from a model file and measurements.", "okrkit");
  app.footer(exit_status_text);
  app.require_subcommand(1);
  auto formatter = std::make_shared<WrappingFormatter>();
  formatter->column_width(30);
  app.formatter(formatter);  // before the subcommands: they share it
  app.set_version_flag("--version", std::string("okrkit ") + okrkit::version,
                       "Print the okrkit version and exit.");

  std::vector<Command> commands{add_validate(app), add_score(app),  add_lint(app),
                                add_appraise(app), add_report(app), add_review(app)};
  CLI::App* version = app.add_subcommand("version", "Print the okrkit version.");
  // `okrkit help [COMMAND]`: the same text as --help (kept from the first CLI).
  CLI::App* help = app.add_subcommand("help", "Print the help of okrkit or of COMMAND.")->group("");
  std::string help_of;
  help->add_option("COMMAND", help_of, "A command.");
  for (auto& c : commands) {
    c.app->footer(exit_status_text);
    c.app->allow_extras();  // reported by unexpected_arguments(), before missing options
  }

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);  // help of the command given, on stdout, exit 0
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    if (argc < 2) {  // bare `okrkit`: the overview, as a usage error
      std::cerr << app.help();
      return exit_usage;
    }
    std::string msg = e.what();
    if (app.get_subcommands().empty() && argv[1][0] != '-') {  // `okrkit scroe ...`
      const std::string given = argv[1];
      msg = "unknown command '" + given + "'";
      for (const CLI::App* sub : app.get_subcommands({}))
        if (!sub->get_group().empty() && edit_distance(given, sub->get_name()) <= 2)
          msg += " (did you mean " + sub->get_name() + "?)";
    }
    for (auto& c : commands)
      if (auto u = unexpected_arguments(*c.app); !u.empty()) msg = u;
    return usage_error(app, msg);
  }
  for (auto& c : commands)
    if (auto u = unexpected_arguments(*c.app); !u.empty()) return usage_error(app, u);

  try {
    if (version->parsed()) {
      std::cout << "okrkit " << okrkit::version << "\n";
      return exit_ok;
    }
    if (help->parsed()) {
      if (help_of.empty()) {  // the formatter directly: app.help() would show `help`'s own
        std::cout << app.get_formatter()->make_help(&app, "okrkit", CLI::AppFormatMode::Normal);
        return exit_ok;
      }
      for (auto& c : commands)
        if (c.app->get_name() == help_of) {
          std::cout << c.app->help("okrkit");
          return exit_ok;
        }
      throw UsageError("unknown command '" + help_of + "'");
    }
    for (auto& c : commands)
      if (c.app->parsed()) return c.run();
    throw UsageError("no command given");
  } catch (const UsageError& e) {
    return usage_error(app, e.what());
  } catch (const ValidationError& e) {
    print_diagnostics(e.problems());
    std::cerr << "okrkit: " << e.problems().size()
              << (e.problems().size() == 1 ? " problem" : " problems") << " found\n";
    return exit_problems;
  } catch (const Error& e) {
    std::cerr << "error: " << e.what() << "\n";
    return exit_problems;
  }
}

}  // namespace okrkit::cli

int main(int argc, char** argv) { return okrkit::cli::run(argc, argv); }
