// okrkit._core — expression language and KPI calculators.
// Conversions only: shapes are checked with the GIL held, loops run without it.
#include <okrkit/formulas/expr.hpp>
#include <okrkit/formulas/kpi_formulas.hpp>

#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include <array>
#include <string>
#include <utility>
#include <vector>

#include "register.hpp"

namespace py = pybind11;

namespace okrkit::python {

namespace {

using Array = py::array_t<double, py::array::c_style | py::array::forcecast>;

std::size_t length_of(const Array& a, std::size_t position, const char* what) {
  if (a.ndim() != 1)
    throw DomainError(std::string(what) + " " + std::to_string(position) +
                      ": expected a 1-d array, got " + std::to_string(a.ndim()) + " dimensions");
  return static_cast<std::size_t>(a.shape(0));
}

py::dict issue_dict(const std::string& code, std::size_t index, py::object column,
                    const std::string& message) {
  py::dict d;
  d["code"] = code;
  d["index"] = index;
  d["column"] = std::move(column);
  d["message"] = message;
  return d;
}

// Runs f(a[i], b[i], ...) over equally long 1-d arrays (broadcast in Python),
// returning (values, [issue dicts]).
template <std::size_t N, class F, std::size_t... I>
py::tuple elementwise(F f, const std::vector<Array>& args, std::index_sequence<I...>) {
  if (args.size() != N)
    throw DomainError("expected " + std::to_string(N) + " arrays, got " +
                      std::to_string(args.size()));
  std::size_t n = length_of(args[0], 1, "argument");
  for (std::size_t k = 1; k < N; ++k)
    if (length_of(args[k], k + 1, "argument") != n)
      throw DomainError("argument " + std::to_string(k + 1) + " has " +
                        std::to_string(args[k].shape(0)) + " elements, expected " +
                        std::to_string(n));
  std::array<const double*, N> p{args[I].data()...};
  Array out(static_cast<py::ssize_t>(n));
  double* o = out.mutable_data();
  std::vector<std::pair<std::size_t, Diagnostic>> found;
  {
    py::gil_scoped_release release;
    Diagnostics d;
    for (std::size_t i = 0; i < n; ++i) {
      o[i] = f(p[I][i]..., &d);
      if (!d.empty()) {
        for (auto& x : d) found.emplace_back(i, std::move(x));
        d.clear();
      }
    }
  }
  py::list issues;
  for (const auto& [i, d] : found) issues.append(issue_dict(d.code, i, py::none(), d.message));
  return py::make_tuple(std::move(out), std::move(issues));
}

template <std::size_t N, class F>
void def_elementwise(py::module_& m, const char* name, F f, const char* doc) {
  m.def(
      name,
      [f](const std::vector<Array>& args) {
        return elementwise<N>(f, args, std::make_index_sequence<N>{});
      },
      py::arg("args"), doc);
}

py::tuple survey(const Array& scores, double (*f)(const double*, std::size_t, Diagnostics*)) {
  std::size_t n = length_of(scores, 1, "argument");
  Diagnostics d;
  double v;
  {
    py::gil_scoped_release release;
    v = f(scores.data(), n, &d);
  }
  py::list issues;
  for (const auto& x : d) issues.append(issue_dict(x.code, 0, py::none(), x.message));
  return py::make_tuple(v, std::move(issues));
}

}  // namespace

void register_expr(py::module_& m) {
  py::class_<Expression>(m, "Expression",
                         "A parsed derived-KPI expression (use okrkit.formulas.Expression)")
      .def(py::init<std::string_view>(), py::arg("text"))
      .def_property_readonly("text", &Expression::text)
      .def_property_readonly("names", &Expression::names)
      .def("name_column", &Expression::name_column, py::arg("i"))
      .def("bind", &Expression::bind, py::arg("available"))
      .def_property_readonly_static("max_length", [](py::object) { return Expression::max_length; })
      .def_property_readonly_static("max_depth", [](py::object) { return Expression::max_depth; })
      .def(
          "evaluate",
          // columns in names() order, each 1-d of `rows` elements.
          [](const Expression& e, const std::vector<Array>& columns, std::size_t rows,
             std::size_t max_issues, unsigned threads) {
            if (columns.size() != e.names().size())
              throw DomainError("expression '" + e.text() + "': expected " +
                                std::to_string(e.names().size()) + " columns, got " +
                                std::to_string(columns.size()));
            std::vector<const double*> ptrs;
            for (std::size_t i = 0; i < columns.size(); ++i) {
              std::size_t n = length_of(columns[i], i + 1, "column");
              if (n != rows)
                throw DomainError("expression '" + e.text() + "': column '" + e.names()[i] +
                                  "' has " + std::to_string(n) + " rows, expected " +
                                  std::to_string(rows));
              ptrs.push_back(columns[i].data());
            }
            Array out(static_cast<py::ssize_t>(rows));
            double* o = out.mutable_data();
            std::vector<ExprIssue> issues;
            std::size_t missing;
            {
              py::gil_scoped_release release;
              missing = e.evaluate(ptrs.data(), rows, o, &issues, max_issues, threads);
            }
            py::list li;
            for (const auto& is : issues)
              li.append(issue_dict(is.code, is.index, py::int_(is.column), is.message));
            return py::make_tuple(std::move(out), std::move(li), missing);
          },
          py::arg("columns"), py::arg("rows"), py::arg("max_issues"), py::arg("threads") = 0);

  m.def(
      "kpi_nps",
      [](const Array& s) {
        return survey(s,
                      [](const double* p, std::size_t n, Diagnostics* d) { return nps(p, n, d); });
      },
      py::arg("scores"));
  m.def(
      "kpi_csat",
      [](const Array& s, int scale_max, int satisfied_min) {
        std::size_t n = length_of(s, 1, "argument");
        Diagnostics d;
        double v;
        {
          py::gil_scoped_release release;
          v = csat(s.data(), n, scale_max, satisfied_min, &d);
        }
        py::list issues;
        for (const auto& x : d) issues.append(issue_dict(x.code, 0, py::none(), x.message));
        return py::make_tuple(v, std::move(issues));
      },
      py::arg("scores"), py::arg("scale_max"), py::arg("satisfied_min"));

  using D = Diagnostics*;
  def_elementwise<3>(
      m, "kpi_nps_from_counts",
      [](double a, double b, double c, D d) { return nps_from_counts(a, b, c, d); },
      "nps_from_counts");
  def_elementwise<2>(
      m, "kpi_csat_from_counts", [](double a, double b, D d) { return csat_from_counts(a, b, d); },
      "csat_from_counts");
  def_elementwise<2>(
      m, "kpi_conversion_rate", [](double a, double b, D d) { return conversion_rate(a, b, d); },
      "conversion_rate");
  def_elementwise<2>(
      m, "kpi_ctr", [](double a, double b, D d) { return ctr(a, b, d); }, "ctr");
  def_elementwise<2>(
      m, "kpi_cac", [](double a, double b, D d) { return cac(a, b, d); }, "cac");
  def_elementwise<2>(
      m, "kpi_cpa", [](double a, double b, D d) { return cpa(a, b, d); }, "cpa");
  def_elementwise<2>(
      m, "kpi_roas", [](double a, double b, D d) { return roas(a, b, d); }, "roas");
  def_elementwise<3>(
      m, "kpi_clv", [](double a, double b, double c, D d) { return clv(a, b, c, d); }, "clv");
  def_elementwise<3>(
      m, "kpi_clv_from_margin",
      [](double a, double b, double c, D d) { return clv_from_margin(a, b, c, d); },
      "clv_from_margin");
  def_elementwise<3>(
      m, "kpi_churn_rate", [](double a, double b, double c, D d) { return churn_rate(a, b, c, d); },
      "churn_rate");
  def_elementwise<3>(
      m, "kpi_retention_rate",
      [](double a, double b, double c, D d) { return retention_rate(a, b, c, d); },
      "retention_rate");
  def_elementwise<2>(
      m, "kpi_average_order_value",
      [](double a, double b, D d) { return average_order_value(a, b, d); }, "average_order_value");
  def_elementwise<2>(
      m, "kpi_budget_execution_rate",
      [](double a, double b, D d) { return budget_execution_rate(a, b, d); },
      "budget_execution_rate");
  def_elementwise<2>(
      m, "kpi_cost_overrun_rate",
      [](double a, double b, D d) { return cost_overrun_rate(a, b, d); }, "cost_overrun_rate");
  def_elementwise<2>(
      m, "kpi_current_ratio", [](double a, double b, D d) { return current_ratio(a, b, d); },
      "current_ratio");
  def_elementwise<2>(
      m, "kpi_debt_to_asset_ratio",
      [](double a, double b, D d) { return debt_to_asset_ratio(a, b, d); }, "debt_to_asset_ratio");
  def_elementwise<2>(
      m, "kpi_on_time_delivery_rate",
      [](double a, double b, D d) { return on_time_delivery_rate(a, b, d); },
      "on_time_delivery_rate");
  def_elementwise<2>(
      m, "kpi_first_contact_resolution_rate",
      [](double a, double b, D d) { return first_contact_resolution_rate(a, b, d); },
      "first_contact_resolution_rate");
}

}  // namespace okrkit::python
