// okrkit — umbrella header: everything public.
#pragma once

#include "okrkit/version.hpp"
#include "okrkit/error.hpp"
#include "okrkit/date.hpp"
#include "okrkit/target.hpp"
#include "okrkit/model.hpp"
#include "okrkit/series.hpp"
#include "okrkit/atomic_file.hpp"
#include "okrkit/model_io.hpp"
#include "okrkit/measurements_io.hpp"
#include "okrkit/validate.hpp"
#include "okrkit/lint.hpp"
#include "okrkit/appraisal.hpp"
