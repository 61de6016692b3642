// okrkit — umbrella header for series/: measurements in a columnar store and their aggregation to
// periods. Include a single header from include/okrkit/series/ to pay for less.
#pragma once

#include <okrkit/series/series.hpp>
#include <okrkit/series/aggregate.hpp>
