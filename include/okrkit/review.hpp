// okrkit — umbrella header of the review concern: review() and its writers.
#pragma once

#include <okrkit/review/review.hpp>
#include <okrkit/review/review_io.hpp>
