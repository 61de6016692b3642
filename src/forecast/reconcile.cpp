// okrkit — hierarchical forecast reconciliation (include/okrkit/forecast/reconcile.hpp).
//
// MinT is computed in its projection form (Wickramasuriya et al. 2019, eq. 9):
// with U' = [I_a, −S_a] the a × n constraint matrix (a aggregates, S_a the
// aggregate rows of S), every coherent y has U'y = 0 and
//   ỹ = ŷ − W·U·(U'·W·U)⁻¹·U'·ŷ,
// which equals S·(S'W⁻¹S)⁻¹S'W⁻¹·ŷ but needs only an a × a solve and no
// factorisation of the n × n W — the form hierarchicalforecast uses too.
// For a diagonal W everything stays sparse apart from the a × a system.
#include <okrkit/forecast/reconcile.hpp>

#include <algorithm>
#include <cmath>
#include <deque>
#include <numeric>
#include <random>
#include <limits>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include <Eigen/Cholesky>
#include <Eigen/Dense>
#include <Eigen/SparseCore>

#include <okrkit/core/error.hpp>
#include <okrkit/detail/format_number.hpp>

namespace okrkit {

namespace {

using SpMat = Eigen::SparseMatrix<double>;
using Eigen::Index;
using Eigen::MatrixXd;
using Eigen::VectorXd;

std::string quoted(const std::string& s) { return "'" + s + "'"; }

/// A structure that cannot be used as written: one diagnostic, code "hierarchy".
[[noreturn]] void bad_structure(const std::string& message) {
  throw ValidationError({Diagnostic{Severity::error, "hierarchy", message, Location{}}});
}

/// Parents from a tree-shaped S: for every bottom column the rows above it,
/// ordered by how many bottom series they cover (ties: earlier row first), form
/// a chain root → … → bottom. Empty if some node gets two different parents.
std::vector<std::ptrdiff_t> parents_from_s(const SpMat& S) {
  const Index n = S.rows();
  VectorXd cover = S * VectorXd::Ones(S.cols());
  std::vector<std::ptrdiff_t> parent(static_cast<std::size_t>(n), -2);  // -2: not yet seen
  std::vector<Index> chain;
  for (Index j = 0; j < S.cols(); ++j) {
    chain.clear();
    for (SpMat::InnerIterator it(S, j); it; ++it) chain.push_back(it.row());
    std::sort(chain.begin(), chain.end(),
              [&](Index x, Index y) { return cover(x) != cover(y) ? cover(x) > cover(y) : x < y; });
    for (std::size_t k = 0; k < chain.size(); ++k) {
      const std::ptrdiff_t p = k == 0 ? -1 : static_cast<std::ptrdiff_t>(chain[k - 1]);
      auto& slot = parent[static_cast<std::size_t>(chain[k])];
      if (slot == -2)
        slot = p;
      else if (slot != p)
        return {};
    }
  }
  return parent;
}

/// Nodes in breadth-first order from the roots (parents before children).
std::vector<std::size_t> top_down_order(const std::vector<std::ptrdiff_t>& parent) {
  const std::size_t n = parent.size();
  std::vector<std::vector<std::size_t>> children(n);
  std::deque<std::size_t> queue;
  for (std::size_t i = 0; i < n; ++i) {
    if (parent[i] < 0)
      queue.push_back(i);
    else
      children[static_cast<std::size_t>(parent[i])].push_back(i);
  }
  std::vector<std::size_t> order;
  order.reserve(n);
  while (!queue.empty()) {
    const std::size_t i = queue.front();
    queue.pop_front();
    order.push_back(i);
    for (std::size_t c : children[i]) queue.push_back(c);
  }
  return order;
}

void check_finite(const Hierarchy& h, const Eigen::Ref<const MatrixXd>& m, const char* what) {
  for (Index c = 0; c < m.cols(); ++c)
    for (Index r = 0; r < m.rows(); ++r)
      if (!std::isfinite(m(r, c)))
        throw DomainError(std::string("reconcile: ") + what + " of node " +
                          quoted(h.nodes[static_cast<std::size_t>(r)]) + " at column " +
                          std::to_string(c) + " is not finite; " + what +
                          " values must be numbers (fill or drop the column)");
}

void need(const Hierarchy& h, const Eigen::Ref<const MatrixXd>& m, const char* what,
          ReconcileMethod method, Index min_cols) {
  if (m.cols() < min_cols)
    throw DomainError(std::string("reconcile: method '") + to_string(method) + "' needs " + what +
                      " with at least " + std::to_string(min_cols) + " columns, got " +
                      std::to_string(m.cols()));
  if (static_cast<std::size_t>(m.rows()) != h.size())
    throw DomainError(std::string("reconcile: ") + what + " has " + std::to_string(m.rows()) +
                      " rows but the hierarchy has " + std::to_string(h.size()) + " nodes");
}

std::size_t single_root(const Hierarchy& h, ReconcileMethod method) {
  if (h.parent.empty())
    throw DomainError(std::string("reconcile: method '") + to_string(method) +
                      "' needs a strict hierarchy (every node one parent); this structure is "
                      "grouped. Use bottom_up or a MinT method");
  std::size_t root = h.size(), roots = 0;
  for (std::size_t i = 0; i < h.size(); ++i)
    if (h.parent[i] < 0) {
      ++roots;
      root = i;
    }
  if (roots != 1)
    throw DomainError(std::string("reconcile: method '") + to_string(method) +
                      "' needs a single top node, the hierarchy has " + std::to_string(roots) +
                      " roots");
  return root;
}

/// Bottom forecasts from the historical proportions (hierarchicalforecast's
/// TopDown average_proportions / proportion_averages; NaN history skipped).
/// `top_of[j]` is the row whose forecast bottom series j takes its share of:
/// the root for top-down, the node of the middle level above it for middle-out.
MatrixXd top_down_history(const Hierarchy& h, const Eigen::Ref<const MatrixXd>& base,
                          const Eigen::Ref<const MatrixXd>& history, bool average_proportions,
                          std::vector<std::string>& notes, VectorXd& prop,
                          const std::vector<Index>& top_of) {
  const Index a = static_cast<Index>(h.n_aggregate()), nb = static_cast<Index>(h.n_bottom);
  const Index T = history.cols();
  prop.resize(nb);
  std::size_t skipped = 0;
  // mean of each top's history (proportion_averages), computed once per top
  std::unordered_map<Index, std::pair<double, Index>> top_mean;
  for (Index j = 0; j < nb; ++j) {
    const Index root_row = top_of[static_cast<std::size_t>(j)];
    const std::size_t root = static_cast<std::size_t>(root_row);
    const auto top = history.row(root_row);
    auto [tm, fresh] = top_mean.try_emplace(root_row, 0.0, 0);
    if (fresh)
      for (Index t = 0; t < T; ++t)
        if (!std::isnan(top(t))) {
          tm->second.first += top(t);
          ++tm->second.second;
        }
    const double top_sum = tm->second.first;
    const Index top_n = tm->second.second;
    if (!average_proportions && (top_n == 0 || top_sum == 0.0))
      throw DomainError("reconcile: history of the top node " + quoted(h.nodes[root]) +
                        " averages 0 (or has no value); proportion_averages is undefined");
    const auto y = history.row(a + j);
    double sum = 0.0;
    Index cnt = 0;
    for (Index t = 0; t < T; ++t) {
      if (average_proportions) {
        if (std::isnan(y(t)) || std::isnan(top(t))) {
          ++skipped;
          continue;
        }
        if (top(t) == 0.0)
          throw DomainError("reconcile: history of the top node " + quoted(h.nodes[root]) +
                            " is 0 at column " + std::to_string(t) +
                            ", so the proportion y/y_top is undefined; use "
                            "proportion_averages or drop the column");
        sum += y(t) / top(t);
      } else {
        if (std::isnan(y(t))) {
          ++skipped;
          continue;
        }
        sum += y(t);
      }
      ++cnt;
    }
    if (cnt == 0)
      throw DomainError("reconcile: history of node " +
                        quoted(h.nodes[static_cast<std::size_t>(a + j)]) +
                        " has no value to estimate its proportion from");
    prop(j) = sum / static_cast<double>(cnt);
    if (!average_proportions) prop(j) /= top_sum / static_cast<double>(top_n);
  }
  if (skipped > 0)
    notes.push_back("top-down: " + std::to_string(skipped) +
                    " missing history values skipped when averaging the proportions");
  MatrixXd bottom(nb, base.cols());
  for (Index j = 0; j < nb; ++j)
    bottom.row(j) = prop(j) * base.row(top_of[static_cast<std::size_t>(j)]);
  return bottom;
}

/// hierarchicalforecast's TopDown forecast_proportions: from each root down,
/// a parent's reconciled forecast is split in the proportions of its
/// children's base forecasts (equally if they sum to less than 1e-8 in size).
/// `anchor` (middle-out): the nodes that keep their base forecast and are split
/// from; empty = the roots.
MatrixXd top_down_forecast(const Hierarchy& h, const Eigen::Ref<const MatrixXd>& base,
                           const std::vector<char>& anchor = {}) {
  if (h.parent.empty())
    throw DomainError(
        "reconcile: method 'forecast_proportions' needs a strict hierarchy "
        "(every node one parent); this structure is grouped");
  const std::size_t n = h.size();
  std::vector<std::vector<std::size_t>> children(n);
  for (std::size_t i = 0; i < n; ++i)
    if (h.parent[i] >= 0) children[static_cast<std::size_t>(h.parent[i])].push_back(i);
  const std::vector<std::size_t> order = top_down_order(h.parent);
  std::vector<char> split(n, 0);  // at or below an anchor: split among its children
  MatrixXd rec(static_cast<Index>(n), base.cols());
  for (std::size_t i : order) {
    const bool start = anchor.empty() ? h.parent[i] < 0 : anchor[i] != 0;
    split[i] = start || (h.parent[i] >= 0 && split[static_cast<std::size_t>(h.parent[i])]);
    if (start) rec.row(static_cast<Index>(i)) = base.row(static_cast<Index>(i));
  }
  for (Index c = 0; c < base.cols(); ++c)
    for (std::size_t p : order) {
      const auto& ch = children[p];
      if (ch.empty() || !split[p]) continue;
      double sum = 0.0;
      for (std::size_t k : ch) sum += base(static_cast<Index>(k), c);
      const double parent_value = rec(static_cast<Index>(p), c);
      for (std::size_t k : ch)
        rec(static_cast<Index>(k), c) = std::fabs(sum) < 1e-8
                                            ? parent_value / static_cast<double>(ch.size())
                                            : base(static_cast<Index>(k), c) * parent_value / sum;
    }
  return rec.bottomRows(static_cast<Index>(h.n_bottom));
}

/// Middle-out's anchors: the nodes at depth `level` (0 = roots), and leaves
/// above that depth; `top_of[j]` receives the anchor above bottom series j.
std::vector<char> middle_anchors(const Hierarchy& h, std::size_t level,
                                 std::vector<Index>& top_of) {
  if (h.parent.empty())
    throw DomainError(
        "reconcile: method 'middle_out' needs a strict hierarchy (every node one parent); "
        "this structure is grouped. Use bottom_up or a MinT method");
  const std::size_t n = h.size();
  std::vector<std::size_t> depth(n, 0);
  std::vector<char> has_child(n, 0), anchor(n, 0);
  for (std::size_t i : top_down_order(h.parent))
    if (h.parent[i] >= 0) {
      depth[i] = depth[static_cast<std::size_t>(h.parent[i])] + 1;
      has_child[static_cast<std::size_t>(h.parent[i])] = 1;
    }
  std::size_t at_level = 0, deepest = 0;
  for (std::size_t i = 0; i < n; ++i) {
    deepest = std::max(deepest, depth[i]);
    at_level += depth[i] == level;
    anchor[i] = depth[i] == level || (depth[i] < level && !has_child[i]);
  }
  if (at_level == 0)
    throw DomainError("reconcile: middle_out level " + std::to_string(level) +
                      " has no node; the deepest level of this hierarchy is " +
                      std::to_string(deepest) + " (0 = the top)");
  const std::size_t a = h.n_aggregate();
  top_of.assign(h.n_bottom, 0);
  for (std::size_t j = 0; j < h.n_bottom; ++j) {
    std::size_t r = a + j;
    while (!anchor[r]) r = static_cast<std::size_t>(h.parent[r]);
    top_of[j] = static_cast<Index>(r);
  }
  return anchor;
}

/// Standard deviations when every bottom series j is a fixed share prop(j)
/// of its top's forecast (top-down and middle-out from historical
/// proportions) and the tops are independent (W = I, as hierarchicalforecast):
/// var_i = Σ_tops (Σ_{j below i and that top} prop_j)² σ_top².
MatrixXd proportional_sd(const Hierarchy& h, const VectorXd& prop, const std::vector<Index>& top_of,
                         const Eigen::Ref<const MatrixXd>& sigma) {
  const Index n = static_cast<Index>(h.size()), H = sigma.cols();
  const Eigen::SparseMatrix<double, Eigen::RowMajor> Sr = h.S;
  MatrixXd out(n, H);
  std::vector<double> acc(static_cast<std::size_t>(n), 0.0);
  std::vector<char> seen(static_cast<std::size_t>(n), 0);
  std::vector<Index> touched;
  for (Index i = 0; i < n; ++i) {
    touched.clear();
    for (Eigen::SparseMatrix<double, Eigen::RowMajor>::InnerIterator it(Sr, i); it; ++it) {
      const auto t = static_cast<std::size_t>(top_of[static_cast<std::size_t>(it.col())]);
      if (!seen[t]) {
        seen[t] = 1;
        touched.push_back(static_cast<Index>(t));
      }
      acc[t] += prop(it.col());
    }
    for (Index c = 0; c < H; ++c) {
      double v = 0.0;
      for (Index t : touched) {
        const double s = acc[static_cast<std::size_t>(t)] * sigma(t, c);
        v += s * s;
      }
      out(i, c) = std::sqrt(v);
    }
    for (Index t : touched) {
      acc[static_cast<std::size_t>(t)] = 0.0;
      seen[static_cast<std::size_t>(t)] = 0;
    }
  }
  return out;
}

/// MinT with a diagonal W (vector w over all nodes).
/// K (m × a, b̃ = ŷ_b − K·U'ŷ) is stored in *K when asked for (intervals).
MatrixXd mint_diagonal(const Hierarchy& h, const Eigen::Ref<const MatrixXd>& base,
                       const VectorXd& w, MatrixXd* K = nullptr) {
  const Index a = static_cast<Index>(h.n_aggregate()), nb = static_cast<Index>(h.n_bottom);
  MatrixXd bottom = base.bottomRows(nb);
  if (a == 0) return bottom;
  const SpMat Sa = h.S.topRows(a);
  const VectorXd wb = w.tail(nb);
  // M = W_a + S_a·W_b·S_a'  (a × a)
  const SpMat SaWb = Sa * wb.asDiagonal();
  MatrixXd M = MatrixXd(SpMat(SaWb * Sa.transpose()));
  M.diagonal() += w.head(a);
  const MatrixXd Uy = base.topRows(a) - Sa * bottom;  // U'ŷ
  Eigen::LDLT<MatrixXd> ldlt(M);
  if (ldlt.info() != Eigen::Success || !(ldlt.rcond() > 1e-14))
    throw DomainError("reconcile: the MinT system is singular (weights zero?); use another method");
  bottom.noalias() += SaWb.transpose() * ldlt.solve(Uy);
  if (K != nullptr)
    *K = -(ldlt.solve(MatrixXd(SaWb))).transpose();  // (WU)_b·M⁻¹, (WU)_b = −W_b·S_a'
  return bottom;
}

/// MinT with a dense W (n × n).
MatrixXd mint_dense(const Hierarchy& h, const Eigen::Ref<const MatrixXd>& base, const MatrixXd& W,
                    ReconcileMethod method, MatrixXd* K = nullptr) {
  const Index a = static_cast<Index>(h.n_aggregate()), nb = static_cast<Index>(h.n_bottom);
  MatrixXd bottom = base.bottomRows(nb);
  if (a == 0) return bottom;
  const SpMat Sa = h.S.topRows(a);
  const SpMat SaT = Sa.transpose();
  // WU = W[:, :a] − W[:, a:]·S_a'  (n × a);  M = U'WU = WU[:a] − S_a·WU[a:]
  MatrixXd WU = W.leftCols(a);
  WU.noalias() -= W.rightCols(nb) * SaT;
  MatrixXd M = WU.topRows(a);
  M.noalias() -= Sa * WU.bottomRows(nb);
  const MatrixXd Uy = base.topRows(a) - Sa * bottom;
  Eigen::PartialPivLU<MatrixXd> lu(M);
  if (!(lu.rcond() > 1e-14))
    throw DomainError(std::string("reconcile: the MinT system of '") + to_string(method) +
                      "' is singular (ill-conditioned covariance: fewer residual columns than "
                      "series?); use mint_shrink, raise its ridge, or a WLS method");
  bottom.noalias() -= WU.bottomRows(nb) * lu.solve(Uy);
  if (K != nullptr) *K = WU.bottomRows(nb) * lu.inverse();  // a × a only
  return bottom;
}

MatrixXd sample_covariance(const Eigen::Ref<const MatrixXd>& r) {
  const Index T = r.cols();
  MatrixXd X = r.colwise() - r.rowwise().mean();
  MatrixXd C = MatrixXd::Zero(r.rows(), r.rows());
  C.selfadjointView<Eigen::Lower>().rankUpdate(X, 1.0 / static_cast<double>(T - 1));
  C.triangularView<Eigen::StrictlyUpper>() = C.transpose();
  return C;
}

/// W = diag(d) + c·X·X' (X: n × T centred residuals, or none): every W the
/// methods use, kept in this form so the interval variances cost O(n²T), not n³.
struct WForm {
  VectorXd d;
  MatrixXd X;
  double c = 0.0;
};

/// Standard deviations of the reconciled forecasts under normality, as
/// hierarchicalforecast's Normality sampler: base covariance at horizon c
/// Σ_c = D_c·R·D_c with D_c = diag(sigma[:, c]) and R the correlation of W;
/// reconciled covariance F·Σ_c·F' with F = S·P. For b̃ = ŷ_b − K·U'ŷ and
/// L = S·K, F = [−L | S + L·S_a] in (aggregate, bottom) columns; its rows are
/// formed in blocks so F is never held whole.
MatrixXd reconciled_sd(const Hierarchy& h, const MatrixXd& K, const WForm& w,
                       const Eigen::Ref<const MatrixXd>& sigma) {
  const Index n = static_cast<Index>(h.size()), a = static_cast<Index>(h.n_aggregate());
  const Index nb = static_cast<Index>(h.n_bottom), H = sigma.cols();
  const Eigen::SparseMatrix<double, Eigen::RowMajor> Sr = h.S;
  const SpMat Sa = h.S.topRows(a);
  const MatrixXd L = K.cols() == 0 ? MatrixXd::Zero(n, a) : MatrixXd(h.S * K);
  VectorXd wdiag = w.d;
  if (w.X.cols() > 0) wdiag += w.c * w.X.rowwise().squaredNorm();
  const VectorXd inv_sd = wdiag.array().rsqrt().matrix();
  MatrixXd out(n, H);
  constexpr Index block = 256;
  MatrixXd F;
  for (Index r0 = 0; r0 < n; r0 += block) {
    const Index rows = std::min(block, n - r0);
    F.resize(rows, n);
    F.leftCols(a) = -L.middleRows(r0, rows);
    F.rightCols(nb) = MatrixXd(Sr.middleRows(r0, rows));
    if (a > 0) F.rightCols(nb).noalias() += L.middleRows(r0, rows) * Sa;
    for (Index c = 0; c < H; ++c) {
      const VectorXd g = sigma.col(c).cwiseProduct(inv_sd);
      const MatrixXd Fg = F * g.asDiagonal();
      VectorXd var = Fg.array().square().matrix() * w.d;
      if (w.X.cols() > 0) var += w.c * (Fg * w.X).rowwise().squaredNorm();
      out.block(r0, c, rows, 1) = var.cwiseMax(0.0).cwiseSqrt();
    }
  }
  return out;
}

}  // namespace

const char* to_string(ReconcileMethod m) noexcept {
  switch (m) {
    case ReconcileMethod::bottom_up:
      return "bottom_up";
    case ReconcileMethod::top_down_average_proportions:
      return "average_proportions";
    case ReconcileMethod::top_down_proportion_averages:
      return "proportion_averages";
    case ReconcileMethod::top_down_forecast_proportions:
      return "forecast_proportions";
    case ReconcileMethod::ols:
      return "ols";
    case ReconcileMethod::wls_struct:
      return "wls_struct";
    case ReconcileMethod::wls_var:
      return "wls_var";
    case ReconcileMethod::mint_cov:
      return "mint_cov";
    case ReconcileMethod::mint_shrink:
      return "mint_shrink";
    case ReconcileMethod::middle_out:
      return "middle_out";
  }
  return "bottom_up";
}

ReconcileMethod parse_reconcile_method(const std::string& name) {
  for (ReconcileMethod m :
       {ReconcileMethod::bottom_up, ReconcileMethod::top_down_average_proportions,
        ReconcileMethod::top_down_proportion_averages,
        ReconcileMethod::top_down_forecast_proportions, ReconcileMethod::ols,
        ReconcileMethod::wls_struct, ReconcileMethod::wls_var, ReconcileMethod::mint_cov,
        ReconcileMethod::mint_shrink, ReconcileMethod::middle_out})
    if (name == to_string(m)) return m;
  throw DomainError("reconcile: unknown method " + quoted(name) +
                    "; use bottom_up, average_proportions, proportion_averages, "
                    "forecast_proportions, ols, wls_struct, wls_var, mint_cov, mint_shrink or "
                    "middle_out");
}

Hierarchy hierarchy_from_parents(const std::vector<HierarchyEdge>& edges) {
  const std::size_t n = edges.size();
  std::unordered_map<std::string, std::size_t> index;
  index.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    if (edges[i].node.empty())
      bad_structure("hierarchy: row " + std::to_string(i + 1) + " has an empty node name");
    if (!index.emplace(edges[i].node, i).second)
      bad_structure("hierarchy: node " + quoted(edges[i].node) + " appears twice (row " +
                    std::to_string(i + 1) + "); each node needs exactly one row");
  }
  std::vector<std::ptrdiff_t> parent(n, -1);
  std::vector<std::size_t> n_children(n, 0);
  for (std::size_t i = 0; i < n; ++i) {
    if (edges[i].parent.empty()) continue;
    const auto it = index.find(edges[i].parent);
    if (it == index.end())
      bad_structure("hierarchy: node " + quoted(edges[i].node) + " (row " + std::to_string(i + 1) +
                    ") has parent " + quoted(edges[i].parent) +
                    ", which is not a node; add a row for it or leave the parent empty "
                    "for a top node");
    parent[i] = static_cast<std::ptrdiff_t>(it->second);
    ++n_children[it->second];
  }
  const std::vector<std::size_t> order = top_down_order(parent);
  if (order.size() != n) {
    std::vector<bool> seen(n, false);
    for (std::size_t i : order) seen[i] = true;
    for (std::size_t i = 0; i < n; ++i)
      if (!seen[i])
        bad_structure("hierarchy: node " + quoted(edges[i].node) +
                      " is its own ancestor (a cycle through its parents); a hierarchy "
                      "must be a tree");
  }
  // Rows: aggregates in breadth-first order, then leaves in breadth-first order.
  std::vector<std::size_t> rows;
  rows.reserve(n);
  for (std::size_t i : order)
    if (n_children[i] > 0) rows.push_back(i);
  const std::size_t a = rows.size();
  for (std::size_t i : order)
    if (n_children[i] == 0) rows.push_back(i);
  std::vector<std::size_t> row_of(n);
  for (std::size_t r = 0; r < n; ++r) row_of[rows[r]] = r;

  Hierarchy h;
  h.n_bottom = n - a;
  h.nodes.reserve(n);
  h.parent.resize(n);
  for (std::size_t r = 0; r < n; ++r) {
    const std::size_t i = rows[r];
    h.nodes.push_back(edges[i].node);
    h.parent[r] = parent[i] < 0
                      ? -1
                      : static_cast<std::ptrdiff_t>(row_of[static_cast<std::size_t>(parent[i])]);
  }
  std::vector<Eigen::Triplet<double>> trips;
  for (std::size_t j = 0; j < h.n_bottom; ++j)
    for (std::ptrdiff_t r = static_cast<std::ptrdiff_t>(a + j); r >= 0;
         r = h.parent[static_cast<std::size_t>(r)])
      trips.emplace_back(static_cast<Index>(r), static_cast<Index>(j), 1.0);
  h.S.resize(static_cast<Index>(n), static_cast<Index>(h.n_bottom));
  h.S.setFromTriplets(trips.begin(), trips.end());
  h.S.makeCompressed();
  return h;
}

Hierarchy hierarchy_from_summing_matrix(const Eigen::SparseMatrix<double>& S,
                                        std::vector<std::string> nodes) {
  const Index n = S.rows(), nb = S.cols();
  if (static_cast<Index>(nodes.size()) != n)
    bad_structure("summing matrix: " + std::to_string(n) + " rows but " +
                  std::to_string(nodes.size()) + " node names");
  if (nb == 0 || nb > n)
    bad_structure("summing matrix: needs 1 to " + std::to_string(n) + " bottom columns, got " +
                  std::to_string(nb));
  {
    std::unordered_map<std::string, Index> seen;
    for (Index r = 0; r < n; ++r)
      if (!seen.emplace(nodes[static_cast<std::size_t>(r)], r).second)
        bad_structure("summing matrix: node " + quoted(nodes[static_cast<std::size_t>(r)]) +
                      " names two rows");
  }
  const Index a = n - nb;
  Hierarchy h;
  h.S = S;
  h.S.prune(0.0);
  h.S.makeCompressed();
  std::vector<Index> row_count(static_cast<std::size_t>(n), 0);
  for (Index j = 0; j < nb; ++j)
    for (SpMat::InnerIterator it(h.S, j); it; ++it) {
      if (it.value() != 1.0)
        bad_structure("summing matrix: row " + quoted(nodes[static_cast<std::size_t>(it.row())]) +
                      " column " + std::to_string(j) + " is " + std::to_string(it.value()) +
                      "; entries must be 0 or 1");
      if (it.row() >= a && it.row() - a != j)
        bad_structure("summing matrix: the last " + std::to_string(nb) +
                      " rows must be the identity (bottom series), row " +
                      quoted(nodes[static_cast<std::size_t>(it.row())]) + " is not");
      ++row_count[static_cast<std::size_t>(it.row())];
    }
  for (Index r = 0; r < n; ++r)
    if (row_count[static_cast<std::size_t>(r)] == 0)
      bad_structure("summing matrix: row " + quoted(nodes[static_cast<std::size_t>(r)]) +
                    " sums no bottom series");
  h.nodes = std::move(nodes);
  h.n_bottom = static_cast<std::size_t>(nb);
  h.parent = parents_from_s(h.S);
  return h;
}

Eigen::MatrixXd shrunk_covariance(const Eigen::Ref<const Eigen::MatrixXd>& residuals, double ridge,
                                  double* shrinkage) {
  const Index n = residuals.rows(), T = residuals.cols();
  if (T < 2) throw DomainError("shrunk_covariance: needs at least 2 residual columns");
  constexpr double eps = 2e-8;
  const double Td = static_cast<double>(T);
  MatrixXd X = residuals.colwise() - residuals.rowwise().mean();
  // s_i = 1/(σ_i + eps), σ_i the population standard deviation.
  const VectorXd s = ((X.rowwise().squaredNorm() / Td).array().sqrt() + eps).inverse().matrix();
  MatrixXd W = MatrixXd::Zero(n, n);
  W.selfadjointView<Eigen::Lower>().rankUpdate(X);  // lower triangle: Σ_k x_ik x_jk
  // Off-diagonal sums of the standardised products w_ijk = s_i s_j x_ik x_jk:
  //   Σ_{i<j} Σ_k w_ijk² from column sums of q_ik = (s_i x_ik)²  (no n × n product),
  //   Σ_{i<j} w̄_ij² with w̄_ij = s_i s_j C_ij / T.
  const MatrixXd Q = (s.asDiagonal() * X).array().square().matrix();
  const double all_sq = Q.colwise().sum().squaredNorm();
  const double diag_sq = Q.squaredNorm();
  const double sum_wsq = 0.5 * (all_sq - diag_sq);
  double sum_mean_sq = 0.0;
  for (Index j = 0; j < n; ++j)
    for (Index i = j + 1; i < n; ++i) {
      const double m = s(i) * s(j) * W(i, j) / Td;
      sum_mean_sq += m * m;
    }
  const double sum_var = sum_wsq - Td * sum_mean_sq;  // Σ_{i<j} Σ_k (w_ijk − w̄_ij)²
  const double lambda = std::clamp(sum_var / (Td * (Td - 1.0)) / (sum_mean_sq + eps), 0.0, 1.0);
  const double keep = 1.0 - lambda;
  const double f = 1.0 / (Td - 1.0);
  for (Index j = 0; j < n; ++j) {
    W(j, j) = std::max(W(j, j) * f, ridge);
    for (Index i = j + 1; i < n; ++i) {
      W(i, j) *= f * keep;
      W(j, i) = W(i, j);
    }
  }
  if (shrinkage != nullptr) *shrinkage = keep;
  return W;
}

ReconcileResult reconcile(const Hierarchy& h, const Eigen::Ref<const Eigen::MatrixXd>& base,
                          const Eigen::Ref<const Eigen::MatrixXd>& residuals,
                          const Eigen::Ref<const Eigen::MatrixXd>& history,
                          const ReconcileOptions& options) {
  return reconcile(h, base, residuals, history, options, Eigen::MatrixXd(base.rows(), 0));
}

ReconcileResult reconcile(const Hierarchy& h, const Eigen::Ref<const Eigen::MatrixXd>& base,
                          const Eigen::Ref<const Eigen::MatrixXd>& residuals,
                          const Eigen::Ref<const Eigen::MatrixXd>& history,
                          const ReconcileOptions& options,
                          const Eigen::Ref<const Eigen::MatrixXd>& sigma) {
  const ReconcileMethod m = options.method;
  const bool intervals = sigma.cols() > 0;
  if (intervals) {
    if (sigma.rows() != base.rows() || sigma.cols() != base.cols())
      throw DomainError("reconcile: sigma is " + std::to_string(sigma.rows()) + " x " +
                        std::to_string(sigma.cols()) + " but the base forecasts are " +
                        std::to_string(base.rows()) + " x " + std::to_string(base.cols()));
    check_finite(h, sigma, "sigma");
    for (Index c = 0; c < sigma.cols(); ++c)
      for (Index r = 0; r < sigma.rows(); ++r)
        if (sigma(r, c) < 0.0)
          throw DomainError("reconcile: sigma of node " +
                            quoted(h.nodes[static_cast<std::size_t>(r)]) + " at column " +
                            std::to_string(c) + " is negative");
    if (m == ReconcileMethod::top_down_forecast_proportions ||
        (m == ReconcileMethod::middle_out &&
         options.middle_top_down == ReconcileMethod::top_down_forecast_proportions))
      throw DomainError(
          "reconcile: normal intervals are not defined for forecast_proportions "
          "(the split depends on the forecasts themselves); use another method");
    if (options.nonnegative)
      throw DomainError(
          "reconcile: normal intervals and nonnegative cannot be combined "
          "(clipping makes the reconciliation non-linear)");
  }
  MatrixXd K;
  WForm wf;
  MatrixXd* Kp = intervals ? &K : nullptr;
  VectorXd prop;              // top-down proportions
  std::vector<Index> top_of;  // the node each bottom series is a proportion of
  if (static_cast<std::size_t>(base.rows()) != h.size())
    throw DomainError("reconcile: base forecasts have " + std::to_string(base.rows()) +
                      " rows but the hierarchy has " + std::to_string(h.size()) + " nodes");
  check_finite(h, base, "base forecast");
  const Index n = static_cast<Index>(h.size());
  ReconcileResult out;
  MatrixXd bottom;
  switch (m) {
    case ReconcileMethod::bottom_up:
      bottom = base.bottomRows(static_cast<Index>(h.n_bottom));
      wf.d = VectorXd::Ones(n);
      break;
    case ReconcileMethod::top_down_average_proportions:
    case ReconcileMethod::top_down_proportion_averages:
      need(h, history, "history", m, 1);
      top_of.assign(h.n_bottom, static_cast<Index>(single_root(h, m)));
      bottom =
          top_down_history(h, base, history, m == ReconcileMethod::top_down_average_proportions,
                           out.notes, prop, top_of);
      break;
    case ReconcileMethod::top_down_forecast_proportions:
      bottom = top_down_forecast(h, base);
      break;
    case ReconcileMethod::middle_out: {
      const ReconcileMethod td = options.middle_top_down;
      const std::vector<char> anchor = middle_anchors(h, options.middle_level, top_of);
      if (td == ReconcileMethod::top_down_forecast_proportions) {
        bottom = top_down_forecast(h, base, anchor);
      } else if (td == ReconcileMethod::top_down_average_proportions ||
                 td == ReconcileMethod::top_down_proportion_averages) {
        need(h, history, "history", td, 1);
        bottom =
            top_down_history(h, base, history, td == ReconcileMethod::top_down_average_proportions,
                             out.notes, prop, top_of);
      } else {
        throw DomainError(std::string("reconcile: middle_out splits the levels below the "
                                      "middle top-down; its top_down method must be "
                                      "forecast_proportions, average_proportions or "
                                      "proportion_averages, not '") +
                          to_string(td) + "'");
      }
      break;
    }
    case ReconcileMethod::ols:
      wf.d = VectorXd::Ones(n);
      bottom = mint_diagonal(h, base, wf.d, Kp);
      break;
    case ReconcileMethod::wls_struct:
      wf.d = h.S * VectorXd::Ones(static_cast<Index>(h.n_bottom));
      bottom = mint_diagonal(h, base, wf.d, Kp);
      break;
    case ReconcileMethod::wls_var: {
      need(h, residuals, "residuals", m, 1);
      check_finite(h, residuals, "residual");
      VectorXd w = residuals.rowwise().squaredNorm() / static_cast<double>(residuals.cols());
      w.array() += 2e-8;
      bottom = mint_diagonal(h, base, w, Kp);
      wf.d = w;
      break;
    }
    case ReconcileMethod::mint_cov:
    case ReconcileMethod::mint_shrink: {
      need(h, residuals, "residuals", m, 2);
      check_finite(h, residuals, "residual");
      const MatrixXd W = m == ReconcileMethod::mint_cov
                             ? sample_covariance(residuals)
                             : shrunk_covariance(residuals, options.shrink_ridge, &out.shrinkage);
      bottom = mint_dense(h, base, W, m, Kp);
      if (intervals) {
        // W = diag(d) + c·X·X': the sample covariance is X·X'/(T − 1); the
        // shrunk one keeps 1 − λ of it off the diagonal and W_ii on it.
        const double T1 = static_cast<double>(residuals.cols() - 1);
        wf.X = residuals.colwise() - residuals.rowwise().mean();
        wf.c = (m == ReconcileMethod::mint_cov ? 1.0 : out.shrinkage) / T1;
        wf.d = W.diagonal() - wf.c * wf.X.rowwise().squaredNorm();
      }
      break;
    }
  }
  if (options.nonnegative) {
    for (Index c = 0; c < bottom.cols(); ++c)
      for (Index r = 0; r < bottom.rows(); ++r)
        if (bottom(r, c) < 0.0) {
          bottom(r, c) = 0.0;
          ++out.clipped;
        }
    if (out.clipped > 0)
      out.notes.push_back("nonnegative: " + std::to_string(out.clipped) +
                          " negative bottom forecasts set to 0 and summed up again");
  }
  out.mean = h.S * bottom;
  if (intervals) {
    if (prop.size() > 0) {
      // P = p·e_top' per top, W = I (top-down and middle-out from history).
      out.sd = proportional_sd(h, prop, top_of, sigma);
    } else {
      out.sd = reconciled_sd(h, K, wf, sigma);
    }
  }
  return out;
}

namespace {

/// A uniform integer in [0, range) from a 64-bit generator, by rejection, so
/// the draw is the same on every platform (std::uniform_int_distribution is not).
std::size_t uniform_below(std::mt19937_64& g, std::size_t range) {
  const std::uint64_t r = static_cast<std::uint64_t>(range);
  const std::uint64_t limit =
      std::numeric_limits<std::uint64_t>::max() - std::numeric_limits<std::uint64_t>::max() % r;
  std::uint64_t x = g();
  while (x >= limit) x = g();
  return static_cast<std::size_t>(x % r);
}

/// Type-7 sample quantile of sorted x (numpy's default "linear").
double quantile7(const std::vector<double>& x, double q) {
  const double pos = q * static_cast<double>(x.size() - 1);
  const auto lo = static_cast<std::size_t>(std::floor(pos));
  if (lo + 1 >= x.size()) return x.back();
  const double f = pos - static_cast<double>(lo);
  const double d = x[lo + 1] - x[lo];
  return f >= 0.5 ? x[lo + 1] - d * (1.0 - f) : x[lo] + d * f;  // numpy's _lerp
}

}  // namespace

BootstrapResult reconcile_bootstrap(const Hierarchy& h,
                                    const Eigen::Ref<const Eigen::MatrixXd>& base,
                                    const Eigen::Ref<const Eigen::MatrixXd>& residuals,
                                    const Eigen::Ref<const Eigen::MatrixXd>& history,
                                    const ReconcileOptions& options,
                                    const BootstrapOptions& bootstrap) {
  if (options.nonnegative)
    throw DomainError(
        "reconcile: bootstrap intervals and nonnegative cannot be combined (as in "
        "hierarchicalforecast); reconcile without nonnegative");
  if (static_cast<std::size_t>(base.rows()) != h.size() ||
      static_cast<std::size_t>(residuals.rows()) != h.size())
    throw DomainError(
        "reconcile: bootstrap needs base forecasts and residuals with one row per "
        "node (" +
        std::to_string(h.size()) + "), got " + std::to_string(base.rows()) + " and " +
        std::to_string(residuals.rows()));
  check_finite(h, residuals, "residual");
  const Index H = base.cols(), T = residuals.cols(), n = base.rows();
  if (H == 0) throw DomainError("reconcile: bootstrap needs at least one horizon");
  if (T <= H)
    throw DomainError("reconcile: bootstrap needs more residual columns (" + std::to_string(T) +
                      ") than horizons (" + std::to_string(H) +
                      "): every sample path adds a block of h consecutive residuals");
  for (double lv : bootstrap.levels)
    if (!(lv > 0.0 && lv < 100.0))
      throw DomainError("reconcile: bootstrap level " + detail::format_general(lv) +
                        " must be in (0, 100)");
  const std::size_t range = static_cast<std::size_t>(T - H);
  BootstrapResult out;
  out.levels = bootstrap.levels;
  if (!bootstrap.starts.empty()) {
    for (std::size_t s = 0; s < bootstrap.starts.size(); ++s)
      if (bootstrap.starts[s] >= range)
        throw DomainError("reconcile: bootstrap start " + std::to_string(bootstrap.starts[s]) +
                          " (sample " + std::to_string(s) +
                          ") must be below T - h = " + std::to_string(range));
    out.starts = bootstrap.starts;
  } else {
    if (bootstrap.samples == 0) throw DomainError("reconcile: bootstrap needs samples >= 1");
    std::mt19937_64 g(bootstrap.seed);
    out.starts.resize(bootstrap.samples);
    for (auto& s : out.starts) s = uniform_below(g, range);
  }
  const std::size_t B = out.starts.size();
  // One reconciliation of [base | path 1 | … | path B]: every method works
  // column by column, so W (and its factorisation) is computed once.
  MatrixXd wide(n, H * static_cast<Index>(B + 1));
  wide.leftCols(H) = base;
  for (std::size_t s = 0; s < B; ++s)
    wide.middleCols(H * static_cast<Index>(s + 1), H) =
        base + residuals.middleCols(static_cast<Index>(out.starts[s]), H);
  ReconcileResult rr = reconcile(h, wide, residuals, history, options);
  out.mean = rr.mean.leftCols(H);
  out.shrinkage = rr.shrinkage;
  out.notes = std::move(rr.notes);
  const std::size_t L = out.levels.size();
  out.lo.assign(L, MatrixXd(n, H));
  out.hi.assign(L, MatrixXd(n, H));
  std::vector<double> x(B);
  for (Index c = 0; c < H; ++c)
    for (Index r = 0; r < n; ++r) {
      for (std::size_t s = 0; s < B; ++s) x[s] = rr.mean(r, H * static_cast<Index>(s + 1) + c);
      std::sort(x.begin(), x.end());
      for (std::size_t l = 0; l < L; ++l) {
        const double lv = out.levels[l];
        const double q_lo = (100.0 - lv) / 200.0;  // hierarchicalforecast's expressions
        out.lo[l](r, c) = quantile7(x, q_lo);
        out.hi[l](r, c) = quantile7(x, q_lo + lv / 100.0);
      }
    }
  return out;
}

}  // namespace okrkit
