// okrkit — umbrella header for model/: the model (units, people, cycles, objectives, KRs, KPIs,
// CSFs), targets and validation. Include a single header from include/okrkit/model/ to pay for
// less.
#pragma once

#include <okrkit/model/vocabulary.hpp>
#include <okrkit/model/target.hpp>
#include <okrkit/model/model.hpp>
#include <okrkit/model/validate.hpp>
