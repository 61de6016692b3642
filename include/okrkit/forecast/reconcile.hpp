// okrkit — hierarchical forecast reconciliation. An organisation's numbers add
// up (regions sum to the company, a unit's KPI totals its teams'), but
// forecasts made one series at a time do not. Reconciliation turns base
// forecasts of every node into coherent ones, y = S·b, by bottom-up, top-down
// or MinT (Wickramasuriya, Athanasopoulos & Hyndman 2019), computed as Python's
// hierarchicalforecast does so the numbers compare one to one (docs/forecast.md).
//
// Declarations only: the Eigen work lives in src/forecast/reconcile.cpp.
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include <Eigen/Core>
#include <Eigen/SparseCore>

namespace okrkit {

/// An aggregation structure. Rows of S are all nodes: the aggregates first,
/// then the n_bottom bottom series (the last n_bottom rows of S are the
/// identity), so that y = S·b for the bottom values b. This is the layout
/// hierarchicalforecast uses.
struct Hierarchy {
  std::vector<std::string> nodes;  ///< row labels of S
  std::size_t n_bottom = 0;        ///< the last n_bottom nodes are the bottom series
  Eigen::SparseMatrix<double> S;   ///< nodes × n_bottom, entries 0/1
  /// Parent row of each node (−1 for a root), when the structure is a tree
  /// (every node has one parent); empty for grouped structures, where top-down
  /// methods are not defined.
  std::vector<std::ptrdiff_t> parent;

  std::size_t size() const noexcept { return nodes.size(); }
  std::size_t n_aggregate() const noexcept { return nodes.size() - n_bottom; }
};

/// One (node, parent) pair; an empty parent marks a root.
struct HierarchyEdge {
  std::string node;
  std::string parent;
};

/// Builds the tree from (node, parent) pairs, as an organisation's units are
/// given. Nodes without children are the bottom series. Aggregates are ordered
/// parents before children (breadth first from the roots, siblings in input
/// order), bottom nodes likewise. ValidationError naming the node for a
/// duplicate node, an unknown parent, a node that is its own ancestor (cycle)
/// or an empty node name.
Hierarchy hierarchy_from_parents(const std::vector<HierarchyEdge>& edges);

/// Wraps a user-given summing matrix (nodes × bottom, 0/1, last n_bottom rows
/// the identity, as hierarchicalforecast expects). The parents are derived
/// when the structure is a tree. ValidationError naming the row otherwise.
Hierarchy hierarchy_from_summing_matrix(const Eigen::SparseMatrix<double>& S,
                                        std::vector<std::string> nodes);

/// Reconciliation methods, named as hierarchicalforecast's.
enum class ReconcileMethod {
  bottom_up,                      ///< b = base bottom forecasts
  top_down_average_proportions,   ///< b_j = mean_t(y_j,t / y_top,t) · ŷ_top (history)
  top_down_proportion_averages,   ///< b_j = mean_t(y_j,t) / mean_t(y_top,t) · ŷ_top (history)
  top_down_forecast_proportions,  ///< each parent split by its children's base forecasts
  ols,                            ///< MinT with W = I
  wls_struct,                     ///< MinT with W = diag(S·1) (number of bottom series below)
  wls_var,                        ///< MinT with W = diag(Σ_t e²/T) + 2e-8 (residuals)
  mint_cov,                       ///< MinT with the sample covariance of the residuals
  mint_shrink,                    ///< MinT with the Schäfer–Strimmer shrunk covariance
  /// The nodes of one level keep their base forecasts; the levels above are
  /// their sums, the levels below are split from them top-down
  /// (hierarchicalforecast's MiddleOut; ReconcileOptions::middle_level).
  middle_out,
};

/// hierarchicalforecast's name: "bottom_up", "average_proportions",
/// "proportion_averages", "forecast_proportions", "ols", "wls_struct",
/// "wls_var", "mint_cov", "mint_shrink", "middle_out".
const char* to_string(ReconcileMethod m) noexcept;
/// Inverse of to_string; DomainError listing the names for anything else.
ReconcileMethod parse_reconcile_method(const std::string& name);

struct ReconcileOptions {
  ReconcileMethod method = ReconcileMethod::bottom_up;
  /// After reconciling, set negative bottom values to 0 and sum up again
  /// (coherent and non-negative; simpler than hierarchicalforecast's
  /// quadratic programme, see docs/forecast.md). `clipped` counts them.
  bool nonnegative = false;
  /// mint_shrink: lower bound of the covariance diagonal (hierarchicalforecast's
  /// mint_shr_ridge).
  double shrink_ridge = 2e-8;
  /// middle_out: the level whose base forecasts are kept, by depth (0 = the
  /// top node, 1 = its children, ...). A leaf above that depth keeps its own
  /// base forecast too (it is its own middle).
  std::size_t middle_level = 1;
  /// middle_out: how the levels below the middle are split, one of the three
  /// top-down methods (hierarchicalforecast's top_down_method).
  ReconcileMethod middle_top_down = ReconcileMethod::top_down_forecast_proportions;
};

struct ReconcileResult {
  Eigen::MatrixXd mean;  ///< reconciled forecasts, nodes × horizons; mean = S·bottom
  /// mint_shrink: the factor 1 − λ applied to the off-diagonal covariances
  /// (λ the Schäfer–Strimmer intensity); NaN for other methods.
  double shrinkage = std::numeric_limits<double>::quiet_NaN();
  /// Standard deviations of the reconciled forecasts under normality (nodes ×
  /// horizons), when base standard deviations were given; empty otherwise.
  Eigen::MatrixXd sd;
  std::size_t clipped = 0;         ///< bottom values set to 0 by `nonnegative`
  std::vector<std::string> notes;  ///< what was done that the caller should know
};

/// Reconciles `base` (nodes × horizons, rows in the hierarchy's node order).
/// `residuals` (nodes × T, in-sample actual − fitted) is needed by wls_var,
/// mint_cov and mint_shrink; `history` (nodes × T actuals) by the
/// average_proportions and proportion_averages top-down methods; pass 0
/// columns otherwise. DomainError naming the node and column for a
/// non-finite base value or residual, a missing input the method needs, a
/// top node with zero history, or a singular MinT system.
ReconcileResult reconcile(const Hierarchy& h, const Eigen::Ref<const Eigen::MatrixXd>& base,
                          const Eigen::Ref<const Eigen::MatrixXd>& residuals,
                          const Eigen::Ref<const Eigen::MatrixXd>& history,
                          const ReconcileOptions& options);

/// The same with reconciled standard deviations under normality, as
/// hierarchicalforecast's Normality sampler: `sigma` (nodes × horizons) are the
/// base forecasts' standard deviations; the base covariance at horizon c is
/// D_c·R·D_c with R the correlation matrix of the method's W (the identity for
/// bottom-up, top-down and OLS), and the reconciled one is S·P·D_c·R·D_c·P'·S'.
/// Not for forecast_proportions or with nonnegative (DomainError).
ReconcileResult reconcile(const Hierarchy& h, const Eigen::Ref<const Eigen::MatrixXd>& base,
                          const Eigen::Ref<const Eigen::MatrixXd>& residuals,
                          const Eigen::Ref<const Eigen::MatrixXd>& history,
                          const ReconcileOptions& options,
                          const Eigen::Ref<const Eigen::MatrixXd>& sigma);

/// Bootstrap prediction intervals (hierarchicalforecast's
/// intervals_method="bootstrap"; Panagiotelis et al. 2023): each sample path
/// is the base forecasts plus a block of `h` consecutive in-sample residual
/// columns starting at a random column, reconciled by the method; the
/// intervals are sample quantiles (type 7, numpy's default).
struct BootstrapOptions {
  std::size_t samples = 1000;  ///< sample paths
  std::uint64_t seed = 0;      ///< of the block starts (std::mt19937_64, unbiased draws)
  std::vector<double> levels{80.0, 95.0};  ///< interval levels in percent, each in (0, 100)
  /// Block starts given instead of drawn (one per sample, each in [0, T − h)),
  /// e.g. hierarchicalforecast's own draw, to compare sample for sample.
  std::vector<std::size_t> starts;
};

struct BootstrapResult {
  Eigen::MatrixXd mean;             ///< reconciled base forecasts (nodes × horizons)
  std::vector<double> levels;       ///< as given
  std::vector<Eigen::MatrixXd> lo;  ///< per level: quantile (100 − level)/200
  std::vector<Eigen::MatrixXd> hi;  ///< per level: that + level/100
  std::vector<std::size_t> starts;  ///< the block start of every sample path
  double shrinkage = std::numeric_limits<double>::quiet_NaN();  ///< as ReconcileResult
  std::vector<std::string> notes;
};

/// Reconciled bootstrap intervals. `residuals` (nodes × T, actual − fitted)
/// supply the blocks and need T > horizons; the starts are drawn from
/// [0, T − h) as hierarchicalforecast draws them (its last possible block,
/// starting at T − h, is never used). Every method, including
/// forecast_proportions (each path reconciled on its own); not with
/// nonnegative. Deterministic for a seed. DomainError for bad sizes, levels or starts.
BootstrapResult reconcile_bootstrap(const Hierarchy& h,
                                    const Eigen::Ref<const Eigen::MatrixXd>& base,
                                    const Eigen::Ref<const Eigen::MatrixXd>& residuals,
                                    const Eigen::Ref<const Eigen::MatrixXd>& history,
                                    const ReconcileOptions& options,
                                    const BootstrapOptions& bootstrap);

/// Schäfer–Strimmer shrinkage of the residual covariance towards its diagonal,
/// as hierarchicalforecast's mint_shrink (residuals: series × T, T ≥ 2):
/// W = sample covariance (divisor T − 1) with off-diagonal entries times
/// 1 − λ, λ = clamp(Σ_{i<j} Var(r_ij) / Σ_{i<j} r_ij², 0, 1), the diagonal at
/// least `ridge`. `shrinkage` receives 1 − λ when not null.
Eigen::MatrixXd shrunk_covariance(const Eigen::Ref<const Eigen::MatrixXd>& residuals, double ridge,
                                  double* shrinkage = nullptr);

}  // namespace okrkit
