// okrkit — umbrella header for trend/: trend statistics: linear trend, change, moving averages,
// Theil-Sen, Mann-Kendall, XmR charts, many rows at once. Include a single header from
// include/okrkit/trend/ to pay for less.
#pragma once

#include <okrkit/trend/linear_trend.hpp>
#include <okrkit/trend/change.hpp>
#include <okrkit/trend/moving_average.hpp>
#include <okrkit/trend/theil_sen.hpp>
#include <okrkit/trend/mann_kendall.hpp>
#include <okrkit/trend/control_chart.hpp>
#include <okrkit/trend/trend_rows.hpp>
