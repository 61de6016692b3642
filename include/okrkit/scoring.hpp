// okrkit — umbrella header for scoring/: scoring: one target (progress, attainment), grades,
// statuses, roll-ups, bulk arrays and evaluate() -> Scorecard. Include a single header from
// include/okrkit/scoring/ to pay for less. No Eigen here: the Eigen front end of bulk scoring is
// the opt-in <okrkit/scoring/bulk_eigen.hpp>.
#pragma once

#include <okrkit/scoring/progress.hpp>
#include <okrkit/scoring/amounts.hpp>
#include <okrkit/scoring/zones.hpp>
#include <okrkit/scoring/kr_methods.hpp>
#include <okrkit/scoring/grade.hpp>
#include <okrkit/scoring/status.hpp>
#include <okrkit/scoring/status_reason.hpp>
#include <okrkit/scoring/rollup.hpp>
#include <okrkit/scoring/bulk.hpp>
#include <okrkit/scoring/node_score.hpp>
#include <okrkit/scoring/node_score_fields.hpp>
#include <okrkit/scoring/scorecard.hpp>
#include <okrkit/scoring/history.hpp>
