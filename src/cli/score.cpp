// okrkit score MODEL --data CSV --as-of DATE [--format table|json|csv] [-o FILE]
#include <iostream>

#include <okrkit/okrkit.hpp>

#include "commands.hpp"

namespace okrkit::cli {

int cmd_score(int argc, char** argv) {
  Args a = parse_args(argc, argv, 2, {"--data", "--as-of", "--format", "-o"});
  if (a.positional.size() != 1) throw UsageError("score takes exactly one MODEL file");
  throw UsageError("score is not available yet in this build");
}

}  // namespace okrkit::cli
