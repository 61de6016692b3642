// okrkit — the aggregation structure a model implies: a cascaded key result
// is the sum of the key results in its `cascade_from`, a KPI with `sum_of` is
// the sum of those KPIs (docs/model-format.md). The scorecard reconciles its
// outlook over it (EvaluateOptions::reconcile) and draws P(objective succeeds)
// from it; docs/forecast.md has a worked example.
#pragma once

#include "okrkit/forecast/reconcile.hpp"
#include "okrkit/model/model.hpp"

namespace okrkit {

/// The hierarchy of every key result and KPI that takes part in a sum (as a
/// parent or a child); nodes that take part in none are left out. Node names
/// are the model ids. Where every node has at most one parent the result is
/// hierarchy_from_parents() of the (child, parent) pairs (parents known);
/// where a child sums into several parents (a grouped structure) S is built
/// directly, aggregates parents first, bottom series in model order, and
/// `parent` is empty. An empty model gives an empty hierarchy.
/// ValidationError (code "hierarchy", naming the node and field) for an
/// unknown child id, a child of the wrong kind, a node summing itself, a cycle
/// or a bottom series reached twice below one parent (it would count twice).
Hierarchy hierarchy_from_model(const Model& model);

}  // namespace okrkit
