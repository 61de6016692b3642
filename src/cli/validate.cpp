// okrkit validate MODEL [--data CSV]: load the model (and measurements) and
// list every problem; "ok" and the counts on stdout, problems on stderr.
#include <algorithm>
#include <iostream>
#include <memory>

#include <okrkit/okrkit.hpp>

#include "commands.hpp"

namespace okrkit::cli {

namespace {
struct ValidateOptions {
  std::string model;
  DataOptions data;
};

int run_validate(const ValidateOptions& o) {
  Model m = load_model(o.model);  // throws ValidationError with every error
  std::vector<Diagnostic> findings;
  std::size_t series = 0, rows = 0;
  if (o.data.given()) {
    SeriesStore s = load_data(o.data);
    series = s.series_count();
    rows = s.size();
    findings = validate(m, s);  // also: every series the model names is in the data
  } else {
    findings = validate(m);  // warnings remain
  }
  std::vector<Diagnostic> errors;
  for (const auto& d : findings)
    if (d.severity == Severity::error) errors.push_back(d);
  if (!errors.empty()) throw ValidationError(std::move(errors));
  print_diagnostics(findings);
  std::cout << o.model << ": ok: " << m.objectives.size() << " objectives, " << m.key_results.size()
            << " key results, " << m.kpis.size() << " KPIs, " << m.csfs.size() << " CSFs";
  if (o.data.given()) std::cout << "; " << rows << " measurements in " << series << " series";
  const auto warnings = std::count_if(findings.begin(), findings.end(), [](const Diagnostic& d) {
    return d.severity == Severity::warning;
  });
  if (warnings > 0) std::cout << "; " << warnings << " warnings";
  std::cout << "\n";
  return exit_ok;
}
}  // namespace

Command add_validate(CLI::App& app) {
  auto o = std::make_shared<ValidateOptions>();
  CLI::App* sub = app.add_subcommand(
      "validate",
      "Check a model (and measurements): every error and warning on stderr, \"ok\" with the "
      "counts on stdout. Every derived-KPI formula is compiled; with --data, every series a key "
      "result, KPI or formula names must be in the data (\"did you mean\" when one is close). "
      "Exit 1 when the model or the measurements do not load or do not fit.");
  sub->add_option("MODEL", o->model, "Model file (JSON; docs/model-format.md).")
      ->required()
      ->type_name("FILE");
  add_data_options(*sub, o->data, false);
  return {sub, [o] { return run_validate(*o); }};
}

}  // namespace okrkit::cli
