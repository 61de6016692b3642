// okrkit lint MODEL [--data CSV] [--as-of DATE] [--format table|json|sarif] [--disable IDS] [-o
// FILE]
//
// With --data, A001 / A002 read the scorecard's forecast (scorecard_outlook()).
// Exit status from the highest severity found: 0 none or info, 3 warning,
// 4 error (1 = the model or data does not load, 2 = usage), see docs/lint.md.
#include <algorithm>
#include <iostream>
#include <memory>

#include <okrkit/io/model_io.hpp>
#include <okrkit/lint/lint.hpp>

#include "commands.hpp"

namespace okrkit::cli {

namespace {
struct LintCliOptions {
  std::string model;
  DataOptions data;
  std::string as_of;
  std::string format = "table";
  std::vector<std::string> disable;
  std::string output;
  bool strict = false;
};

int run_lint(const LintCliOptions& o) {
  Model m = load_model(o.model);
  std::optional<SeriesStore> data;
  if (o.data.given()) data = load_data(o.data);
  std::optional<Date> as_of;
  if (!o.as_of.empty()) as_of = as_of_date(o.as_of, o.data);
  LintOptions opt;
  for (const auto& item : o.disable) {  // "S002,X005" or "S002 X005"
    std::string cur;
    for (char c : item + ",") {
      if (c == ',' || c == ' ') {
        if (!cur.empty()) opt.disable.push_back(cur);
        cur.clear();
      } else {
        cur += c;
      }
    }
  }
  LintInput in{&m, data ? &*data : nullptr, as_of, {}};
  // The scorecard's forecast feeds A001 (probability) and the measurements'
  // trend A002; as-of defaults to the latest measurement, as in lint().
  // (as scorecard_outlook(model, data, as_of) does, with the scorecard kept
  // here so its problems are shown too).
  std::optional<Scorecard> sc;
  if (data && data->size() > 0) {
    Date at = as_of ? *as_of
                    : from_day_number(
                          *std::max_element(data->day_column().begin(), data->day_column().end()));
    EvaluateOptions eo;
    eo.outlook = true;
    sc = evaluate(m, *data, at, eo);
    OutlookProvider from_scorecard = scorecard_outlook(*sc);
    OutlookProvider trend = series_outlook(m, *data, at);
    in.outlook = [from_scorecard, trend](const std::string& node) -> std::optional<NodeOutlook> {
      auto o = from_scorecard(node);
      auto t = trend(node);
      if (!o) return t;
      if (t && t->trend_per_day) {
        o->trend_per_day = t->trend_per_day;
        o->current = t->current;
        o->current_date = t->current_date;
      }
      return o;
    };
  }
  auto findings = lint(in, opt);
  std::string out = o.format == "json"    ? format_lint_json(findings)
                    : o.format == "sarif" ? format_lint_sarif(findings)
                                          : format_lint_table(findings);
  write_output(o.output, out);
  const int problems = sc ? report_scorecard_problems("lint", *sc, o.strict,
                                                      "all of them: okrkit score --format json")
                          : exit_ok;
  return std::max(lint_exit_status(findings), problems);
}
}  // namespace

Command add_lint(CLI::App& app) {
  auto o = std::make_shared<LintCliOptions>();
  CLI::App* sub = app.add_subcommand(
      "lint",
      "SMART lint of a model (and its measurements; docs/lint.md). Exit 0 when clean or "
      "info only, 3 with warnings, 4 with errors. With --data the scorecard at --as-of "
      "feeds the forecast rules, and its problems are shown on stderr (with --strict, its "
      "errors make the exit status at least 1).");
  sub->add_option("MODEL", o->model, "Model file (JSON; docs/model-format.md).")
      ->required()
      ->type_name("FILE");
  add_data_options(*sub, o->data, false);
  add_as_of_option(*sub, o->as_of, false,
                   "Check as of this day (YYYY-MM-DD). Default: the latest measurement; without "
                   "--data, rules that need a date are skipped.");
  sub->add_option("--format", o->format,
                  "Output format: table, json or sarif (SARIF 2.1.0). Default: table.")
      ->type_name("FORMAT")
      ->check(CLI::IsMember({"table", "json", "sarif"}));
  sub->add_option("--disable", o->disable,
                  "Rule ids to skip, comma-separated (e.g. S002,X005); may repeat. Default: none.")
      ->type_name("IDS");
  add_output_option(*sub, o->output);
  add_strict_option(*sub, o->strict);
  return {sub, [o] { return run_lint(*o); }};
}

}  // namespace okrkit::cli
