// okrkit — umbrella header for lint/: SMART lint rules over a model and its data, and their output
// formats. Include a single header from include/okrkit/lint/ to pay for less.
#pragma once

#include <okrkit/lint/lint.hpp>
