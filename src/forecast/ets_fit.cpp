// okrkit — fit_ets_impl (ets_fit.hpp): one model fitted in stages.
//
// EtsFitter holds what the stages share (the series, the parameter map, the
// base state, scratch buffers and the warm start of the inner solve); each
// stage and each objective is one member function:
//   map_parameters()  fixed parameters checked, free ones counted
//   set_base_state()  known / simple initial state, seasonals normalised
//   prepare_search()  scales and the screening surrogate's base state
//   search()          grid, then Nelder–Mead over the smoothing parameters
//   final_state()     the initial state at the chosen parameters
// The objectives: theta_obj (smoothing parameters alone, the states profiled
// out), fixed_state_obj, residuals_of / inner_lm (Levenberg–Marquardt over
// the states of the nonlinear models).
#include "ets_fit.hpp"

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace okrkit::detail {
namespace {

constexpr double inf = std::numeric_limits<double>::infinity();

class EtsFitter {
 public:
  EtsFitter(const double* y, std::size_t n, const EtsSpec& spec, const EtsOptions& opt,
            const FitEffort& eff)
      : y_(y), n_(n), spec_(spec), opt_(opt), eff_(eff) {}

  EtsFit run() {
    check_series(y_, n_, "fit_ets");
    check_spec(spec_);
    sum_ = summarize(y_, n_);
    const bool mult = spec_.error == ErrorType::multiplicative ||
                      spec_.season == SeasonType::multiplicative || spec_.mult_trend();
    if (mult && !(sum_.min > 0))
      throw DomainError("ets " + spec_.code() + ": multiplicative components need positive data");
    map_parameters();
    set_base_state();
    if (sum_.constant && n_est_ > 0)
      return constant_fit(y_, n_, spec_, pm_, sum_.min, opt_.criterion, opt_.init, n_est_);
    normalise_base_seasonals();
    prepare_search();
    const std::vector<double> u = search();
    const EtsParams par = pm_(u.data());
    const EtsState x0 = est_states_ ? final_state(par) : base_;
    return finish_fit(y_, n_, spec_, par, x0, opt_.criterion, opt_.init, n_est_, k_sigma_, evals_,
                      {});
  }

 private:
  // --- stages -------------------------------------------------------------
  /// The parameter map (bounds, parameterisation, fixed values checked) and
  /// the counts of free parameters and states.
  void map_parameters() {
    pm_.bd = opt_.bounds
                 ? *opt_.bounds
                 : (opt_.criterion == Criterion::max_likelihood ? ParamBounds::r_ets()
                                                                : ParamBounds::statsmodels());
    pm_.holt = opt_.parameterization == Parameterization::holt;
    pm_.has_b = spec_.has_trend();
    pm_.has_g = spec_.seasonal();
    pm_.has_p = spec_.damped();
    pm_.fa = opt_.alpha;
    pm_.fb = pm_.has_b ? opt_.beta : std::nullopt;
    pm_.fg = pm_.has_g ? opt_.gamma : std::nullopt;
    pm_.fp = pm_.has_p ? opt_.phi : std::nullopt;
    auto in01 = [&](const std::optional<double>& v, const char* name) {
      if (v && !(*v >= 0 && *v <= 1))
        throw DomainError("ets " + spec_.code() + ": fixed " + name + " must be in [0, 1]");
    };
    in01(pm_.fa, "alpha");
    in01(pm_.fb, "beta");
    in01(pm_.fg, "gamma");
    if (pm_.fp && !(*pm_.fp > 0 && *pm_.fp <= 1))
      throw DomainError("ets " + spec_.code() + ": fixed phi must be in (0, 1]");
    pm_.k = (pm_.fa ? 0 : 1) + (pm_.has_b && !pm_.fb ? 1 : 0) + (pm_.has_g && !pm_.fg ? 1 : 0) +
            (pm_.has_p && !pm_.fp ? 1 : 0);
    est_states_ = opt_.init == InitMethod::estimated;
    const int n_states = est_states_ ? n_free_states(spec_) : 0;
    n_est_ = pm_.k + n_states;
    k_sigma_ = n_est_ > 0 ? n_smoothing(spec_) + n_states : 0;
    if (n_est_ > 0 && sum_.n_obs <= static_cast<std::size_t>(n_smoothing(spec_)) +
                                        static_cast<std::size_t>(n_states))
      throw DomainError("ets " + spec_.code() + ": too few observations (" +
                        std::to_string(sum_.n_obs) + ") for " +
                        std::to_string(n_smoothing(spec_) + n_states) +
                        " parameters and initial states");
  }

  /// The base state: the given one (init known) or the simple heuristic.
  void set_base_state() {
    if (opt_.init == InitMethod::known) {
      if (!opt_.initial) throw DomainError("ets " + spec_.code() + ": init 'known' needs a state");
      base_ = *opt_.initial;
      if (!spec_.has_trend()) base_.trend = 0.0;
      check_state(spec_, base_);
    } else {
      base_ = simple_state(y_, n_, spec_, opt_.init == InitMethod::simple);
    }
  }

  /// Normalise the base seasonals (sum 0 / mean 1): the reduced coordinates keep it.
  void normalise_base_seasonals() {
    if (!est_states_ || !spec_.seasonal()) return;
    double s = 0;
    for (double v : base_.season) s += v;
    const double mm = double(spec_.period);
    if (spec_.season == SeasonType::additive) {
      for (double& v : base_.season) v -= s / mm;
      base_.level += s / mm;
    } else {
      for (double& v : base_.season) v *= mm / s;
      base_.level *= s / mm;
      if (!spec_.mult_trend()) base_.trend *= s / mm;  // a growth ratio is scale-free
    }
  }

  /// Model flags, scratch buffers, the scales of the state offsets, the warm
  /// start given by the caller and the screening surrogate's base state.
  void prepare_search() {
    m_ = std::size_t(spec_.seasonal() ? spec_.period : 1);
    // States enter the forecasts linearly (no multiplicative seasonality or trend).
    lin_state_ = spec_.season != SeasonType::multiplicative && !spec_.mult_trend();
    linear_ = lin_state_ &&
              (spec_.error == ErrorType::additive || opt_.criterion == Criterion::least_squares);
    ml_ = opt_.criterion == Criterion::max_likelihood;
    buf_.assign(m_, 0.0);
    p_red_ = 1 + (spec_.has_trend() ? 1 : 0) + (spec_.seasonal() ? spec_.period - 1 : 0);
    fit_buf_.assign(n_, 0.0);
    state_scale_.assign(static_cast<std::size_t>(p_red_), 1.0);
    {
      const double sl = sum_.sd > 0 ? sum_.sd : std::max(1e-8, std::abs(sum_.mean) * 1e-3);
      int i = 0;
      state_scale_[std::size_t(i++)] = sl;
      if (spec_.has_trend())
        state_scale_[std::size_t(i++)] =
            spec_.mult_trend() ? 0.01 : sl / std::max<double>(1.0, double(m_));
      for (; i < p_red_; ++i)
        state_scale_[std::size_t(i)] = spec_.season == SeasonType::multiplicative ? 0.1 : sl;
    }
    // warm-started during the search; the final polish runs longer
    inner_max_it_ = eff_.start ? 2 : 4;
    // Warm start of the inner problem: the states of the best parameters so
    // far. (Multiplicative errors with a linear state: the ML correction to
    // the least-squares states instead.)
    warm_.assign(static_cast<std::size_t>(p_red_), 0.0);
    if (eff_.start_state && est_states_ && !lin_state_ &&
        eff_.start_state->season.size() == (spec_.seasonal() ? m_ : 0)) {
      warm_[0] = eff_.start_state->level - base_.level;
      std::size_t i = 1;
      if (spec_.has_trend()) warm_[i++] = eff_.start_state->trend - base_.trend;
      for (std::size_t j = 1; j < m_; ++j)
        warm_[i++] = eff_.start_state->season[j] - base_.season[j];
      have_warm_ = true;
    }
    // Screening surrogate of multiplicative seasonality: the additive-seasonal
    // base state (seasonals summing to 0); additive_to_ratio() maps its reduced
    // coordinates to the multiplicative model's (seasonal ratios 1 + s/l).
    if (eff_.screen && est_states_ && spec_.season == SeasonType::multiplicative &&
        !spec_.mult_trend()) {
      EtsSpec as = spec_;
      as.season = SeasonType::additive;
      add_base_ = simple_state(y_, n_, as, false);
      double sa = 0;
      for (double v : add_base_.season) sa += v;
      for (double& v : add_base_.season) v -= sa / double(m_);
      add_base_.level += sa / double(m_);
    }
  }

  /// The smoothing parameters in the unit box: Nelder–Mead from the caller's
  /// start (refinement), else from the best points of a coarse grid.
  std::vector<double> search() {
    NmOptions nmo;
    nmo.max_evals = opt_.max_evals;
    std::vector<double> u(std::size_t(pm_.k), 0.5);
    if (pm_.k == 0) return u;
    const bool cheap = linear_ || !est_states_;
    auto f = [this](const std::vector<double>& x) { return theta_obj(x); };
    const std::vector<double> lo(std::size_t(pm_.k), 0.0), hi(std::size_t(pm_.k), 1.0);
    if (eff_.start) {
      // Refinement of an earlier answer: Nelder–Mead from there, smaller simplex.
      u = pm_.to_unit(*eff_.start);
      if (!cheap) nmo.ftol = 1e-9;
      nmo.step = 0.05;
      restart_nelder_mead(f, u, lo, hi, nmo, cheap ? 3 : 1, &evals_);
      return u;
    }
    // Coarse grid, then Nelder–Mead from the best grid points (four for the
    // cheap linear objective).
    const auto grid = start_grid(pm_.k);
    std::vector<std::pair<double, std::size_t>> scored;
    for (std::size_t i = 0; i < grid.size(); ++i) {
      scored.emplace_back(theta_obj(grid[i]), i);
      ++evals_;
    }
    std::sort(scored.begin(), scored.end());
    // Nowhere admissible (a multiplicative model whose forecasts turn
    // non-positive for every trial): Nelder–Mead cannot move on a flat +inf.
    if (!std::isfinite(scored.front().first))
      throw DomainError("ets " + spec_.code() +
                        ": non-positive or non-finite forecast in a multiplicative model");
    double best = inf;
    if (!cheap) nmo.ftol = 1e-9;
    if (eff_.screen) {
      nmo.ftol = 1e-6;
      nmo.xtol = 1e-3;
    }
    const std::size_t starts = eff_.screen ? 1 : cheap ? 4 : 1;
    const int restarts = eff_.screen ? 0 : cheap ? 3 : 1;
    for (std::size_t s = 0; s < std::min<std::size_t>(starts, scored.size()); ++s) {
      std::vector<double> x = grid[scored[s].second];
      const double v = restart_nelder_mead(f, x, lo, hi, nmo, restarts, &evals_);
      if (v < best) {
        best = v;
        u = x;
      }
    }
    return u;
  }

  /// The initial state at the final parameters: exact least squares for the
  /// linear models, else the best evaluation's states polished once more.
  EtsState final_state(const EtsParams& par) {
    std::vector<double> delta(std::size_t(p_red_), 0.0);
    const double* base_season = spec_.seasonal() ? base_.season.data() : nullptr;
    EtsKernel k = make_kernel(spec_, par);
    if (linear_) {
      concentrated_sse(k, y_, n_, base_.level, base_.trend, base_season, ws_, delta.data());
    } else {
      inner_max_it_ = 50;
      if (lin_state_ && ml_) {
        concentrated_sse(k, y_, n_, base_.level, base_.trend, base_season, ws_, delta.data());
        std::vector<double> d2 = delta;
        const double f1 = mult_error_states(ws_, p_red_, delta.data());
        if (have_warm_) {
          for (std::size_t j = 0; j < d2.size(); ++j) d2[j] += warm_[j];
          if (mult_error_states(ws_, p_red_, d2.data()) < f1) delta = d2;
        }
        // (Levenberg–Marquardt with the exact Jacobian: no finite-difference polish.)
      } else {
        if (have_warm_)
          delta = warm_;
        else if (lin_state_)
          concentrated_sse(k, y_, n_, base_.level, base_.trend, base_season, ws_, delta.data());
        inner_lm(par, delta);
      }
    }
    EtsState x0 = base_;
    k = make_kernel(spec_, par);
    std::vector<double> sb = base_.season;
    if (!spec_.seasonal()) sb.assign(1, 0.0);
    apply_reduced(k, delta.data(), x0.level, x0.trend,
                  spec_.seasonal() ? x0.season.data() : sb.data());
    if (spec_.season == SeasonType::multiplicative) {
      double s = 0;
      for (std::size_t j = 1; j < m_; ++j) s += x0.season[j];
      x0.season[0] = double(m_) - s;
    }
    return x0;
  }

  // --- objectives ---------------------------------------------------------
  /// The state base + reduced offset `d` in (l, b, buf_); false when a
  /// multiplicative model's level or a seasonal ratio is not positive.
  bool offset_state(const EtsKernel& k, const double* d, double& l, double& b) {
    l = base_.level;
    b = base_.trend;
    if (spec_.seasonal()) std::copy(base_.season.begin(), base_.season.end(), buf_.begin());
    apply_reduced(k, d, l, b, buf_.data());
    if (k.season != 2) return true;
    // Multiplicative seasonals are normalised to mean 1 instead of sum 0.
    double s = 0;
    for (std::size_t j = 1; j < m_; ++j) s += buf_[j];
    buf_[0] = double(m_) - s;
    if (l <= 0) return false;
    for (double v : buf_)
      if (v <= 0) return false;
    return true;
  }

  /// Objective with the state fixed at the base state (init simple / known).
  double fixed_state_obj(const EtsParams& par) {
    const EtsKernel k = make_kernel(spec_, par);
    double l = base_.level, b = base_.trend;  // ets_pass advances them
    if (spec_.seasonal()) std::copy(base_.season.begin(), base_.season.end(), buf_.begin());
    const EtsPass p = ets_pass(k, y_, n_, l, b, buf_.data(), nullptr);
    if (!p.valid) return inf;
    return ml_ ? r_lik(k, p) : p.sse;
  }

  /// Residual vector of the nonlinear models for parameters `par` and
  /// reduced state offset d: r_t = y_t − ŷ_t (least squares) or e_t·G with
  /// e_t the relative error and G the geometric mean of ŷ (maximum
  /// likelihood: Σr² = Σe²·Π|ŷ|^(2/n), so n·log Σr² is R's n·log Σe² +
  /// 2Σlog|ŷ|).
  bool residuals_of(const EtsParams& par, const double* d, std::vector<double>& r) {
    const EtsKernel k = make_kernel(spec_, par);
    double l = 0, b = 0;
    if (!offset_state(k, d, l, b)) return false;
    const EtsPass ps = ets_pass(k, y_, n_, l, b, buf_.data(), fit_buf_.data());
    if (!ps.valid) return false;
    r.clear();
    double g = 0;
    if (ml_ && k.mult_error) g = std::exp(ps.sum_log_abs_yhat / double(ps.n_obs));
    for (std::size_t t = 0; t < n_; ++t) {
      if (std::isnan(y_[t])) continue;
      const double res = y_[t] - fit_buf_[t];
      r.push_back(ml_ && k.mult_error ? res / fit_buf_[t] * g : res);
    }
    return true;
  }

  double obj_of_r(const std::vector<double>& r) const {
    double ss = 0;
    for (double v : r) ss += v * v;
    return ml_ ? double(r.size()) * std::log(ss) : ss;
  }

  /// Levenberg–Marquardt over the reduced initial states for fixed
  /// parameters, from d (updated); forward-difference Jacobian. Returns the
  /// objective.
  double inner_lm(const EtsParams& par, std::vector<double>& d) {
    if (!residuals_of(par, d.data(), r0_)) return inf;
    double f0 = obj_of_r(r0_);
    const Eigen::Index nr = Eigen::Index(r0_.size());
    double lambda = 1e-3;
    std::vector<double> dt(d.size());
    for (int it = 0; it < inner_max_it_; ++it) {
      jac_.resize(nr, p_red_);
      bool ok = true;
      for (int j = 0; j < p_red_ && ok; ++j) {
        dt = d;
        const double hstep =
            1e-7 * std::max(std::abs(d[std::size_t(j)]), state_scale_[std::size_t(j)]);
        dt[std::size_t(j)] += hstep;
        if (!residuals_of(par, dt.data(), r1_) || Eigen::Index(r1_.size()) != nr) {
          ok = false;
          break;
        }
        for (Eigen::Index t = 0; t < nr; ++t)
          jac_(t, j) = (r1_[std::size_t(t)] - r0_[std::size_t(t)]) / hstep;
      }
      ++evals_;
      if (!ok) break;
      Eigen::Map<const Eigen::VectorXd> rv(r0_.data(), nr);
      const Eigen::MatrixXd jtj = jac_.transpose() * jac_;
      const Eigen::VectorXd jtr = jac_.transpose() * rv;
      bool improved = false;
      for (int tries = 0; tries < 8; ++tries) {
        Eigen::MatrixXd a = jtj;
        a.diagonal().array() += lambda * (jtj.diagonal().array() + 1e-12);
        const Eigen::VectorXd step = a.ldlt().solve(-jtr);
        // Converged: the Gauss–Newton model promises no relative decrease of
        // Σr² above 1e-10.
        if (tries == 0 && -(2.0 * jtr.dot(step) + step.dot(jtj * step)) <= 1e-10 * rv.squaredNorm())
          break;
        for (int j = 0; j < p_red_; ++j) dt[std::size_t(j)] = d[std::size_t(j)] + step[j];
        if (residuals_of(par, dt.data(), r1_)) {
          const double f1 = obj_of_r(r1_);
          if (f1 < f0) {
            improved = f0 - f1 > 1e-12 * std::abs(f0);
            d = dt;
            r0_.swap(r1_);
            f0 = f1;
            lambda = std::max(lambda / 4.0, 1e-12);
            break;
          }
        }
        lambda *= 8.0;
      }
      if (!improved) break;
    }
    return f0;
  }

  /// Screening of multiplicative seasonality: the additive model's reduced
  /// state `d` turned into the multiplicative model's (ratios 1 + s/l).
  bool additive_to_ratio(std::vector<double>& d) {
    double l = add_base_.level, b = add_base_.trend;
    add_buf_ = add_base_.season;
    EtsKernel ka;
    ka.trend = spec_.has_trend();
    ka.season = 1;
    ka.m = int(m_);
    apply_reduced(ka, d.data(), l, b, add_buf_.data());
    if (!(l > 0)) return false;
    d[0] = l - base_.level;
    std::size_t i = 1;
    if (spec_.has_trend()) d[i++] = b - base_.trend;
    for (std::size_t j = 1; j < m_; ++j) {
      const double r = 1.0 + add_buf_[j] / l;
      if (!(r > 0)) return false;
      d[i++] = r - base_.season[j];
    }
    return 1.0 + add_buf_[0] / l > 0;
  }

  /// Inner solve from `trial_`, keeping the best states as the next warm start.
  double solve_and_keep(const EtsParams& par) {
    const double f = inner_lm(par, trial_);
    if (f < warm_f_) {
      warm_f_ = f;
      warm_ = trial_;
      have_warm_ = true;
    }
    return f;
  }

  /// The least-squares state offsets of kernel `k` from base state `x` into
  /// trial_ (zeroed first); the SSE, or infinity.
  double ls_states(const EtsKernel& k, const EtsState& x, const double* season) {
    trial_.assign(std::size_t(p_red_), 0.0);
    return concentrated_sse(k, y_, n_, x.level, x.trend, season, ws_, trial_.data());
  }

  /// Objective of the smoothing parameters alone (u in the unit box).
  double theta_obj(const std::vector<double>& u) {
    const EtsParams par = pm_(u.data());
    const double* base_season = spec_.seasonal() ? base_.season.data() : nullptr;
    if (linear_ && est_states_) {
      const EtsKernel k = make_kernel(spec_, par);
      return concentrated_sse(k, y_, n_, base_.level, base_.trend, base_season, ws_);
    }
    if (est_states_ && lin_state_ && ml_) return mult_error_obj(par, base_season);
    if (est_states_ && eff_.screen && !spec_.mult_trend()) {
      // Multiplicative seasonality, screening: the least-squares states of the
      // additive-seasonal model at the same parameters, seasonals turned into
      // ratios 1 + s/l (mean 1), then one Levenberg–Marquardt step.
      EtsKernel ka = make_kernel(spec_, par);
      ka.season = 1;
      ka.mult_error = false;
      if (!std::isfinite(ls_states(ka, add_base_, add_base_.season.data()))) return inf;
      if (!additive_to_ratio(trial_)) return inf;
      inner_max_it_ = 1;
      return solve_and_keep(par);
    }
    if (est_states_) {
      if (!have_warm_ && lin_state_)
        ls_states(make_kernel(spec_, par), base_, base_season);
      else
        trial_ = warm_;
      return solve_and_keep(par);
    }
    return fixed_state_obj(par);
  }

  /// Multiplicative errors, linear state: exact affine forecasts in the
  /// states. Started from the least-squares states plus the ML correction of
  /// the best parameters so far (the correction varies slowly with the
  /// parameters, so Levenberg–Marquardt needs few steps from there).
  double mult_error_obj(const EtsParams& par, const double* base_season) {
    if (!std::isfinite(ls_states(make_kernel(spec_, par), base_, base_season))) return inf;
    if (eff_.screen) return mult_error_states(ws_, p_red_, trial_.data(), eff_.screen_its);
    ls_delta_ = trial_;
    double f = inf;
    if (have_warm_) {
      for (std::size_t j = 0; j < trial_.size(); ++j) trial_[j] += warm_[j];
      f = mult_error_states(ws_, p_red_, trial_.data());
    }
    if (!std::isfinite(f)) {
      trial_ = ls_delta_;
      f = mult_error_states(ws_, p_red_, trial_.data());
    }
    if (f < warm_f_) {
      warm_f_ = f;
      for (std::size_t j = 0; j < trial_.size(); ++j) warm_[j] = trial_[j] - ls_delta_[j];
      have_warm_ = true;
    }
    return f;
  }

  // --- inputs -------------------------------------------------------------
  const double* y_;
  std::size_t n_;
  const EtsSpec& spec_;
  const EtsOptions& opt_;
  const FitEffort& eff_;
  // --- set by map_parameters() / set_base_state() --------------------------
  SeriesSummary sum_{};
  ParamMap pm_;
  bool est_states_ = false;
  int n_est_ = 0, k_sigma_ = 0;
  EtsState base_;
  // --- set by prepare_search() ---------------------------------------------
  std::size_t m_ = 1;  ///< season length (1 without a season)
  bool lin_state_ = false, linear_ = false, ml_ = false;
  int p_red_ = 1;  ///< reduced state coordinates
  std::vector<double> state_scale_;
  int inner_max_it_ = 4;
  EtsState add_base_;  ///< screening surrogate of multiplicative seasonality
  // --- scratch and the search's running state ------------------------------
  int evals_ = 0;
  std::vector<double> buf_, fit_buf_, add_buf_;
  LinearLsWork ws_;
  std::vector<double> r0_, r1_;
  Eigen::MatrixXd jac_;
  std::vector<double> warm_, trial_, ls_delta_;
  double warm_f_ = inf;
  bool have_warm_ = false;
};

}  // namespace

EtsFit fit_ets_impl(const double* y, std::size_t n, const EtsSpec& spec, const EtsOptions& opt,
                    const FitEffort& eff) {
  return EtsFitter(y, n, spec, opt, eff).run();
}

}  // namespace okrkit::detail
