// okrkit — umbrella header for formulas/: the derived-KPI expression language and the standard KPI
// calculators. Include a single header from include/okrkit/formulas/ to pay for less.
#pragma once

#include <okrkit/formulas/expr.hpp>
#include <okrkit/formulas/kpi_formulas.hpp>
