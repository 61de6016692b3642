// okrkit — umbrella header for appraisal/: performance appraisal: ratings, calibration, KPI and OKR
// scores per person. Include a single header from include/okrkit/appraisal/ to pay for less.
#pragma once

#include <okrkit/appraisal/appraisal.hpp>
