// okrkit — the standard KPI calculators.
//
// One free function per common KPI, each with its formula in the comment and
// a worked example in docs/formulas.md. Conventions, the same for every one:
//
// - Units: functions named *_rate (and nps, csat) return PERCENT (45.0 means
//   45 %); *_ratio and roas return a plain ratio (2.0 means 2:1); cac, cpa,
//   clv, average_order_value return an amount in the money unit of their
//   inputs. Rate inputs (gross margin, churn in clv_from_margin) are percent too.
// - Inputs are counts, amounts of money or percentages: each must be finite
//   and >= 0.
// - No exceptions for bad data: a result that is undefined (zero denominator,
//   NaN or negative input, inconsistent counts) is NaN, and when `diags` is
//   given one Diagnostic (severity warning) says why: "zero-denominator",
//   "missing-input" (a NaN), "invalid-input" (negative, infinite, outside the
//   scale, more satisfied than responses, ...). A NaN never comes back without
//   a diagnostic, and a number never comes back with one (except the
//   "missing-input" info that nps()/csat() give when they skip NaN responses).
#pragma once

#include <cmath>
#include <cstddef>
#include <initializer_list>
#include <limits>
#include <string>
#include <vector>

#include "okrkit/core/error.hpp"

namespace okrkit {

/// Where the calculators report why a result is NaN (may be null: no report).
using Diagnostics = std::vector<Diagnostic>;

namespace detail {

inline double kpi_fail(Diagnostics* d, const char* code, std::string message) {
  if (d) d->push_back({Severity::warning, code, std::move(message), {}});
  return std::numeric_limits<double>::quiet_NaN();
}

struct KpiArg {
  const char* name;
  double value;
};

// True when every argument is finite and >= 0; otherwise reports the first bad one.
inline bool kpi_args_ok(const char* fn, std::initializer_list<KpiArg> args, Diagnostics* d) {
  for (const auto& a : args) {
    if (std::isnan(a.value)) {
      kpi_fail(d, "missing-input", std::string(fn) + ": " + a.name + " is missing (NaN)");
      return false;
    }
    if (!std::isfinite(a.value) || a.value < 0) {
      kpi_fail(d, "invalid-input", std::string(fn) + ": " + a.name + " must be finite and >= 0");
      return false;
    }
  }
  return true;
}

// num / den * scale, NaN + "zero-denominator" when den == 0.
inline double kpi_div(const char* fn, double num, double den, const char* den_name, double scale,
                      Diagnostics* d) {
  if (den == 0)
    return kpi_fail(d, "zero-denominator", std::string(fn) + ": " + den_name + " is zero");
  return num / den * scale;
}

inline double kpi_part_of(const char* fn, double part, const char* part_name, double whole,
                          const char* whole_name, Diagnostics* d) {
  if (!kpi_args_ok(fn, {{part_name, part}, {whole_name, whole}}, d))
    return std::numeric_limits<double>::quiet_NaN();
  if (part > whole)
    return kpi_fail(d, "invalid-input",
                    std::string(fn) + ": " + part_name + " exceeds " + whole_name);
  return kpi_div(fn, part, whole, whole_name, 100.0, d);
}

// Checks 0-10 / 1-5 style survey answers; NaN answers are skipped (reported once).
template <class Count>
inline bool kpi_scores(const char* fn, const double* scores, std::size_t n, double lo, double hi,
                       Diagnostics* d, Count&& count) {
  std::size_t skipped = 0;
  for (std::size_t i = 0; i < n; ++i) {
    double s = scores[i];
    if (std::isnan(s)) {
      ++skipped;
      continue;
    }
    if (!(s >= lo && s <= hi) || s != std::floor(s)) {
      kpi_fail(d, "invalid-input",
               std::string(fn) + ": score at index " + std::to_string(i) +
                   " is not a whole number from " + std::to_string(static_cast<int>(lo)) + " to " +
                   std::to_string(static_cast<int>(hi)));
      return false;
    }
    count(s);
  }
  if (skipped && d)
    d->push_back(
        {Severity::info,
         "missing-input",
         std::string(fn) + ": " + std::to_string(skipped) + " missing (NaN) responses skipped",
         {}});
  return true;
}

}  // namespace detail

/// Net Promoter Score from counts: (promoters − detractors) / (promoters +
/// passives + detractors) × 100, in [−100, 100]. 60 / 25 / 15 → 45.
inline double nps_from_counts(double promoters, double passives, double detractors,
                              Diagnostics* diags = nullptr) {
  if (!detail::kpi_args_ok(
          "nps", {{"promoters", promoters}, {"passives", passives}, {"detractors", detractors}},
          diags))
    return std::numeric_limits<double>::quiet_NaN();
  return detail::kpi_div("nps", promoters - detractors, promoters + passives + detractors,
                         "the number of responses", 100.0, diags);
}

/// Net Promoter Score from 0–10 answers ("how likely are you to recommend
/// us?"): promoters answer 9–10, passives 7–8, detractors 0–6; NPS = %
/// promoters − % detractors. NaN answers are skipped (info "missing-input");
/// a score that is not a whole number 0–10 makes the result NaN.
inline double nps(const double* scores, std::size_t n, Diagnostics* diags = nullptr) {
  double p = 0, pa = 0, de = 0;
  if (!detail::kpi_scores("nps", scores, n, 0, 10, diags, [&](double s) {
        (s >= 9 ? p : s >= 7 ? pa : de) += 1;
      }))
    return std::numeric_limits<double>::quiet_NaN();
  if (p + pa + de == 0) return detail::kpi_fail(diags, "zero-denominator", "nps: no responses");
  return (p - de) / (p + pa + de) * 100.0;
}
inline double nps(const std::vector<double>& scores, Diagnostics* diags = nullptr) {
  return nps(scores.data(), scores.size(), diags);
}

/// Customer satisfaction from counts: satisfied / responses × 100 (percent).
/// 150 satisfied of 200 → 75.
inline double csat_from_counts(double satisfied, double responses, Diagnostics* diags = nullptr) {
  return detail::kpi_part_of("csat", satisfied, "satisfied", responses, "responses", diags);
}

/// Customer satisfaction from answers on a 1..scale_max scale (default 1–5):
/// the percent of answers >= satisfied_min (default 4, i.e. 4 and 5).
/// NaN answers are skipped (info "missing-input").
inline double csat(const double* scores, std::size_t n, int scale_max = 5, int satisfied_min = 4,
                   Diagnostics* diags = nullptr) {
  if (scale_max < 2 || satisfied_min < 1 || satisfied_min > scale_max)
    return detail::kpi_fail(
        diags, "invalid-input",
        "csat: satisfied_min must be within the scale 1.." + std::to_string(scale_max));
  double sat = 0, all = 0;
  if (!detail::kpi_scores("csat", scores, n, 1, scale_max, diags, [&](double s) {
        all += 1;
        if (s >= satisfied_min) sat += 1;
      }))
    return std::numeric_limits<double>::quiet_NaN();
  if (all == 0) return detail::kpi_fail(diags, "zero-denominator", "csat: no responses");
  return sat / all * 100.0;
}
inline double csat(const std::vector<double>& scores, int scale_max = 5, int satisfied_min = 4,
                   Diagnostics* diags = nullptr) {
  return csat(scores.data(), scores.size(), scale_max, satisfied_min, diags);
}

#define OKRKIT_KPI_RATIO(fn, a, b, scale)                   \
  if (!detail::kpi_args_ok(#fn, {{#a, a}, {#b, b}}, diags)) \
    return std::numeric_limits<double>::quiet_NaN();        \
  return detail::kpi_div(#fn, a, b, #b, scale, diags)

/// Conversion rate = conversions / visitors × 100 (percent). 50 of 2000 → 2.5.
/// (Over a period use sums: Σconversions / Σvisitors, never a mean of daily rates.)
inline double conversion_rate(double conversions, double visitors, Diagnostics* diags = nullptr) {
  OKRKIT_KPI_RATIO(conversion_rate, conversions, visitors, 100.0);
}

/// Click-through rate = clicks / impressions × 100 (percent). 120 of 8000 → 1.5.
inline double ctr(double clicks, double impressions, Diagnostics* diags = nullptr) {
  OKRKIT_KPI_RATIO(ctr, clicks, impressions, 100.0);
}

/// Customer acquisition cost = sales and marketing cost / new customers.
/// 50000 / 125 → 400.
inline double cac(double acquisition_cost, double new_customers, Diagnostics* diags = nullptr) {
  OKRKIT_KPI_RATIO(cac, acquisition_cost, new_customers, 1.0);
}

/// Cost per acquisition (action) = campaign cost / acquisitions. 3000 / 60 → 50.
inline double cpa(double cost, double acquisitions, Diagnostics* diags = nullptr) {
  OKRKIT_KPI_RATIO(cpa, cost, acquisitions, 1.0);
}

/// Return on ad spend = revenue from ads / ad spend (a ratio). 20000 / 5000 → 4.
inline double roas(double ad_revenue, double ad_spend, Diagnostics* diags = nullptr) {
  OKRKIT_KPI_RATIO(roas, ad_revenue, ad_spend, 1.0);
}

/// Average order value = revenue / orders. 45000 / 900 → 50.
inline double average_order_value(double revenue, double orders, Diagnostics* diags = nullptr) {
  OKRKIT_KPI_RATIO(average_order_value, revenue, orders, 1.0);
}

/// Budget execution rate = actual spend / budget × 100 (percent). 450000 of 500000 → 90.
inline double budget_execution_rate(double actual_spend, double budget,
                                    Diagnostics* diags = nullptr) {
  OKRKIT_KPI_RATIO(budget_execution_rate, actual_spend, budget, 100.0);
}

/// Current ratio = current assets / current liabilities. 300000 / 150000 → 2.
inline double current_ratio(double current_assets, double current_liabilities,
                            Diagnostics* diags = nullptr) {
  OKRKIT_KPI_RATIO(current_ratio, current_assets, current_liabilities, 1.0);
}

/// Debt-to-asset ratio = total debt / total assets (pass total liabilities as
/// total_debt for the broader definition). 400000 / 1000000 → 0.4.
inline double debt_to_asset_ratio(double total_debt, double total_assets,
                                  Diagnostics* diags = nullptr) {
  OKRKIT_KPI_RATIO(debt_to_asset_ratio, total_debt, total_assets, 1.0);
}

#undef OKRKIT_KPI_RATIO

/// Cost overrun rate = (actual cost − budgeted cost) / budgeted cost × 100
/// (percent; negative when under budget). 115000 vs 100000 → 15.
inline double cost_overrun_rate(double actual_cost, double budgeted_cost,
                                Diagnostics* diags = nullptr) {
  if (!detail::kpi_args_ok("cost_overrun_rate",
                           {{"actual_cost", actual_cost}, {"budgeted_cost", budgeted_cost}}, diags))
    return std::numeric_limits<double>::quiet_NaN();
  return detail::kpi_div("cost_overrun_rate", actual_cost - budgeted_cost, budgeted_cost,
                         "budgeted_cost", 100.0, diags);
}

/// On-time delivery rate = deliveries on time / all deliveries × 100 (percent).
/// 470 of 500 → 94.
inline double on_time_delivery_rate(double on_time, double deliveries,
                                    Diagnostics* diags = nullptr) {
  return detail::kpi_part_of("on_time_delivery_rate", on_time, "on_time", deliveries, "deliveries",
                             diags);
}

/// First-contact resolution rate = issues resolved on the first contact /
/// all issues (contacts) × 100 (percent). 340 of 400 → 85.
inline double first_contact_resolution_rate(double resolved_first_contact, double contacts,
                                            Diagnostics* diags = nullptr) {
  return detail::kpi_part_of("first_contact_resolution_rate", resolved_first_contact,
                             "resolved_first_contact", contacts, "contacts", diags);
}

/// Customer churn rate over a period = customers lost / customers at the start
/// × 100 (percent), customers lost = start + new − end. Start 1000, 150 new,
/// 1070 at the end → 80 lost → 8. Can exceed 100 when new customers also left;
/// end > start + new is inconsistent ("invalid-input").
inline double churn_rate(double customers_start, double customers_end, double new_customers,
                         Diagnostics* diags = nullptr) {
  const char* fn = "churn_rate";
  if (!detail::kpi_args_ok(fn,
                           {{"customers_start", customers_start},
                            {"customers_end", customers_end},
                            {"new_customers", new_customers}},
                           diags))
    return std::numeric_limits<double>::quiet_NaN();
  double lost = customers_start + new_customers - customers_end;
  if (lost < 0)
    return detail::kpi_fail(diags, "invalid-input",
                            "churn_rate: customers_end exceeds customers_start + new_customers");
  return detail::kpi_div(fn, lost, customers_start, "customers_start", 100.0, diags);
}

/// Customer retention rate = (customers at the end − new customers) /
/// customers at the start × 100 (percent) = 100 − churn_rate. Start 1000, 150
/// new, 1070 at the end → 920 kept → 92.
inline double retention_rate(double customers_start, double customers_end, double new_customers,
                             Diagnostics* diags = nullptr) {
  const char* fn = "retention_rate";
  if (!detail::kpi_args_ok(fn,
                           {{"customers_start", customers_start},
                            {"customers_end", customers_end},
                            {"new_customers", new_customers}},
                           diags))
    return std::numeric_limits<double>::quiet_NaN();
  if (customers_end > customers_start + new_customers)
    return detail::kpi_fail(diags, "invalid-input",
                            "retention_rate: customers_end exceeds customers_start + "
                            "new_customers");
  return detail::kpi_div(fn, customers_end - new_customers, customers_start, "customers_start",
                         100.0, diags);
}

/// Customer lifetime value, purchase form: average order value × purchase
/// frequency (orders per customer per period) × customer lifespan (periods).
/// 80 × 4 per year × 3 years → 960. Revenue-based: no margin applied.
inline double clv(double average_order_value, double purchase_frequency, double customer_lifespan,
                  Diagnostics* diags = nullptr) {
  if (!detail::kpi_args_ok("clv",
                           {{"average_order_value", average_order_value},
                            {"purchase_frequency", purchase_frequency},
                            {"customer_lifespan", customer_lifespan}},
                           diags))
    return std::numeric_limits<double>::quiet_NaN();
  return average_order_value * purchase_frequency * customer_lifespan;
}

/// Customer lifetime value, margin form: ARPU × gross margin / churn rate,
/// with ARPU and churn over the same period (monthly ARPU, monthly churn);
/// gross_margin and churn_rate in percent. 1/churn is the expected lifetime in
/// periods. ARPU 50, margin 80 %, churn 2.5 % per month → 50 × 0.8 / 0.025 = 1600.
inline double clv_from_margin(double arpu, double gross_margin, double churn_rate,
                              Diagnostics* diags = nullptr) {
  if (!detail::kpi_args_ok(
          "clv_from_margin",
          {{"arpu", arpu}, {"gross_margin", gross_margin}, {"churn_rate", churn_rate}}, diags))
    return std::numeric_limits<double>::quiet_NaN();
  return detail::kpi_div("clv_from_margin", arpu * gross_margin, churn_rate, "churn_rate", 1.0,
                         diags);
}

}  // namespace okrkit
