// okrkit score MODEL --as-of DATE [--data CSV|URI] [--format table|json|csv|markdown] [-o FILE]
// [--to URI]
//                   [--threads N] [--no-forecast] [--forecast-status] [--progress | --no-progress]
// Trend and forecast columns are on by default (--no-forecast turns them off);
// --forecast-status makes a key result's status the forecast-based one. A
// progress bar goes to stderr when it is a terminal and the model is large
// (--progress / --no-progress force it on / off).
#include <cmath>
#include <cstdio>
#include <iostream>
#include <memory>

#include <okrkit/io/model_io.hpp>
#include <okrkit/io/scorecard_io.hpp>
#include <okrkit/scoring/scorecard.hpp>

#include "commands.hpp"
#include "progress_bar.hpp"

namespace okrkit::cli {

namespace {
/// Key results + KPIs from which `automatic` mode shows the bar (a terminal
/// is needed too, and the bar waits half a second so quick runs stay quiet).
constexpr std::size_t large_work = 100;

struct ScoreOptions {
  std::string model;
  DataOptions data;
  std::string as_of;
  std::string format = "table";
  std::string output;
  std::string to;
  unsigned threads = 1;
  bool strict = false;
  bool no_forecast = false, forecast_status = false, progress = false, no_progress = false;
};

/// The table's closing line(s): the score of each cycle (docs/lifecycle.md
/// "Cycle score"), the cycle containing the as-of date marked "current".
std::string cycle_summary(const Scorecard& sc) {
  std::string out;
  for (const auto& c : sc.cycles) {
    char score[32] = "none";
    if (!std::isnan(c.score)) std::snprintf(score, sizeof score, "%.2f", c.score);
    out += "cycle " + c.id + " (" + to_string(c.state) +
           (c.id == sc.current_cycle() ? ", current" : "") + "): score " + score + " - " +
           c.reason + "\n";
  }
  return out.empty() ? out : "\n" + out;
}

int run_score(const ScoreOptions& o) {
  const Date as_of = as_of_date(o.as_of, o.data);
  if (o.progress && o.no_progress)
    throw UsageError("--progress and --no-progress exclude each other");
  EvaluateOptions options;
  options.outlook = !o.no_forecast;
  options.forecast_based_status = options.outlook && o.forecast_status;
  options.threads = o.threads;
  const ProgressMode mode = o.progress      ? ProgressMode::on
                            : o.no_progress ? ProgressMode::off
                                            : ProgressMode::automatic;

  Model model = load_model(o.model);
  SeriesStore data = load_data(o.data);
  const std::size_t work = model.key_results.size() + model.kpis.size();
  const bool show = mode == ProgressMode::on ||
                    (mode == ProgressMode::automatic && work >= large_work && stderr_is_terminal());
  ProgressBar bar("score", show,
                  std::chrono::milliseconds(mode == ProgressMode::automatic ? 500 : 0));
  if (show)
    options.on_progress = [&bar](std::size_t done, std::size_t total) { bar.update(done, total); };
  Scorecard sc = evaluate(model, data, as_of, options);
  bar.finish();

  std::string out = o.format == "json"       ? to_json(sc)
                    : o.format == "csv"      ? to_csv(sc)
                    : o.format == "markdown" ? to_markdown(sc)
                                             : format_table(sc);
  if (o.format == "table") out += cycle_summary(sc);
  write_output(o.output, out);
  if (!o.to.empty()) std::cerr << write_db_scores(o.to, sc) << "\n";
  return report_scorecard_problems(
      "score", sc, o.strict, "all of them: under the table, or \"diagnostics\" in json and csv");
}
}  // namespace

Command add_score(CLI::App& app) {
  auto o = std::make_shared<ScoreOptions>();
  CLI::App* sub = app.add_subcommand("score", "Compute the scorecard of a model at a date.");
  sub->add_option("MODEL", o->model, "Model file (JSON; docs/model-format.md).")
      ->required()
      ->type_name("FILE");
  add_data_options(*sub, o->data, false);
  add_as_of_option(*sub, o->as_of, true, "Score as of this day (YYYY-MM-DD).");
  sub->add_option("--format", o->format,
                  "Output format: table (aligned text), json, csv (full precision, one row a node) "
                  "or markdown. Default: table.")
      ->type_name("FORMAT")
      ->check(CLI::IsMember({"table", "json", "csv", "markdown"}));
  add_output_option(*sub, o->output);
  add_strict_option(*sub, o->strict);
  sub->add_option(
         "--to", o->to,
         "Also write the scorecard to a database: sqlite:PATH?table=NAME[&scorecard=NAME] or "
         "postgresql://USER@HOST:PORT/DB?table=NAME[&scorecard=NAME], one "
         "row per node, upserted on (scorecard, as_of, node, kind) in one transaction "
         "(docs/data-sources.md). Default: none.")
      ->type_name("URI")
      ->check(CLI::Validator(
          [](std::string& v) -> std::string {
            return is_sqlite_uri(v) || is_postgres_uri(v)
                       ? std::string()
                       : "'" + v + "' is not a sqlite:PATH?table=NAME target";
          },
          "", "uri"));
  sub->add_option("--threads", o->threads,
                  "Threads for scoring; 0 = one per core. Results do not depend on it. Default: 1.")
      ->type_name("N");
  sub->add_flag("--no-forecast", o->no_forecast,
                "Leave out the trend and forecast columns (faster). Default: they are computed.");
  sub->add_flag("--forecast-status", o->forecast_status,
                "A key result's status from its forecast (projected progress at the due date) "
                "where one exists. Default: status from the progress expected at --as-of.");
  sub->add_flag("--progress", o->progress,
                "Always draw a progress bar on stderr. Default: only when stderr is a "
                "terminal and the model has 100 or more key results and KPIs.");
  sub->add_flag("--no-progress", o->no_progress, "Never draw the progress bar.");
  return {sub, [o] { return run_score(*o); }};
}

}  // namespace okrkit::cli
