// okrkit — umbrella header for time/: dates, calendars (Gregorian, ISO week, fiscal, retail 4-4-5,
// Solar Hijri) and periods. Include a single header from include/okrkit/time/ to pay for less.
#pragma once

#include <okrkit/time/date.hpp>
#include <okrkit/time/date_input.hpp>
#include <okrkit/time/calendar.hpp>
#include <okrkit/time/period.hpp>
