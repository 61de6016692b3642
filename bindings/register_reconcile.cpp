// okrkit._core — hierarchical reconciliation (include/okrkit/forecast/reconcile.hpp).
// Conversions only: frames are handled in python/okrkit/_reconcile.py.
#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include <Eigen/Core>
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <okrkit/forecast/model_hierarchy.hpp>
#include <okrkit/forecast/reconcile.hpp>

#include "arrays.hpp"
#include "register.hpp"

namespace py = pybind11;

namespace okrkit::python {
namespace {

using RowMat = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

Eigen::MatrixXd as_matrix(const Array& a, const char* name) {
  if (a.ndim() != 2)
    throw py::value_error(std::string("reconcile: ") + name + " must be 2-dimensional");
  return Eigen::Map<const RowMat>(a.data(), a.shape(0), a.shape(1));
}

py::array_t<double> to_numpy(const Eigen::MatrixXd& x) {
  py::array_t<double> out({x.rows(), x.cols()});
  Eigen::Map<RowMat>(out.mutable_data(), x.rows(), x.cols()) = x;
  return out;
}

}  // namespace

void register_reconcile(py::module_& m) {
  py::class_<Hierarchy>(m, "Hierarchy", "An aggregation structure with its summing matrix S.")
      .def_readonly("nodes", &Hierarchy::nodes, "Row labels of S: aggregates, then bottom series.")
      .def_readonly("n_bottom", &Hierarchy::n_bottom, "Number of bottom series (last rows).")
      .def_readonly("parent", &Hierarchy::parent,
                    "Parent row of each node (-1: root); empty if not a tree.")
      .def(
          "s_triplets",
          [](const Hierarchy& h) {
            std::vector<double> r, c;
            for (Eigen::Index j = 0; j < h.S.outerSize(); ++j)
              for (Eigen::SparseMatrix<double>::InnerIterator it(h.S, j); it; ++it) {
                r.push_back(static_cast<double>(it.row()));
                c.push_back(static_cast<double>(it.col()));
              }
            return py::make_tuple(to_array(std::move(r)), to_array(std::move(c)));
          },
          "Row and column indices of the ones in S.");

  m.def(
      "hierarchy_from_parents",
      [](const std::vector<std::string>& nodes, const std::vector<std::string>& parents) {
        if (nodes.size() != parents.size())
          throw py::value_error("hierarchy_from_parents: nodes and parents differ in length");
        std::vector<HierarchyEdge> e(nodes.size());
        for (std::size_t i = 0; i < nodes.size(); ++i) e[i] = {nodes[i], parents[i]};
        return hierarchy_from_parents(e);
      },
      py::arg("nodes"), py::arg("parents"),
      "Tree from (node, parent) pairs; an empty parent marks a root.");

  m.def("hierarchy_from_model", &hierarchy_from_model, py::arg("model"),
        "The hierarchy the model implies: cascaded key results and KPIs with sum_of.");

  m.def(
      "hierarchy_from_summing_matrix",
      [](const std::vector<std::ptrdiff_t>& rows, const std::vector<std::ptrdiff_t>& cols,
         std::ptrdiff_t n_rows, std::ptrdiff_t n_cols, std::vector<std::string> nodes) {
        if (rows.size() != cols.size())
          throw py::value_error("hierarchy_from_summing_matrix: rows and cols differ in length");
        std::vector<Eigen::Triplet<double>> t;
        t.reserve(rows.size());
        for (std::size_t i = 0; i < rows.size(); ++i) {
          if (rows[i] < 0 || rows[i] >= n_rows || cols[i] < 0 || cols[i] >= n_cols)
            throw py::value_error("hierarchy_from_summing_matrix: index out of range");
          t.emplace_back(rows[i], cols[i], 1.0);
        }
        Eigen::SparseMatrix<double> S(n_rows, n_cols);
        S.setFromTriplets(t.begin(), t.end());
        return hierarchy_from_summing_matrix(S, std::move(nodes));
      },
      py::arg("rows"), py::arg("cols"), py::arg("n_rows"), py::arg("n_cols"), py::arg("nodes"),
      "Hierarchy from the positions of the ones in a summing matrix.");

  m.def(
      "reconcile",
      [](const Hierarchy& h, const Array& base, const Array& residuals, const Array& history,
         const std::string& method, bool nonnegative, double shrink_ridge, const Array& sigma,
         std::size_t middle_level, const std::string& top_down) {
        ReconcileOptions o;
        o.method = parse_reconcile_method(method);
        o.nonnegative = nonnegative;
        o.shrink_ridge = shrink_ridge;
        o.middle_level = middle_level;
        o.middle_top_down = parse_reconcile_method(top_down);
        const Eigen::MatrixXd b = as_matrix(base, "base");
        const Eigen::MatrixXd r = as_matrix(residuals, "residuals");
        const Eigen::MatrixXd y = as_matrix(history, "history");
        const Eigen::MatrixXd sd = as_matrix(sigma, "sigma");
        ReconcileResult out;
        {
          py::gil_scoped_release release;
          out = reconcile(h, b, r, y, o, sd);
        }
        py::dict d;
        d["mean"] = to_numpy(out.mean);
        d["shrinkage"] = out.shrinkage;
        d["clipped"] = out.clipped;
        d["notes"] = out.notes;
        d["sd"] = out.sd.cols() > 0 ? py::object(to_numpy(out.sd)) : py::none();
        return d;
      },
      py::arg("hierarchy"), py::arg("base"), py::arg("residuals"), py::arg("history"),
      py::arg("method"), py::arg("nonnegative"), py::arg("shrink_ridge"), py::arg("sigma"),
      py::arg("middle_level") = 1, py::arg("top_down") = "forecast_proportions",
      "Reconciled forecasts (nodes x horizons) as hierarchicalforecast computes them; with "
      "sigma (base standard deviations; 0 columns for none) also their standard deviations "
      "under normality.");

  m.def(
      "reconcile_bootstrap",
      [](const Hierarchy& h, const Array& base, const Array& residuals, const Array& history,
         const std::string& method, double shrink_ridge, std::size_t middle_level,
         const std::string& top_down, std::size_t samples, std::uint64_t seed,
         const std::vector<double>& levels, const std::vector<std::size_t>& starts) {
        ReconcileOptions o;
        o.method = parse_reconcile_method(method);
        o.shrink_ridge = shrink_ridge;
        o.middle_level = middle_level;
        o.middle_top_down = parse_reconcile_method(top_down);
        BootstrapOptions bo;
        bo.samples = samples;
        bo.seed = seed;
        bo.levels = levels;
        bo.starts = starts;
        const Eigen::MatrixXd b = as_matrix(base, "base");
        const Eigen::MatrixXd r = as_matrix(residuals, "residuals");
        const Eigen::MatrixXd y = as_matrix(history, "history");
        BootstrapResult out;
        {
          py::gil_scoped_release release;
          out = reconcile_bootstrap(h, b, r, y, o, bo);
        }
        py::list lo, hi;
        for (std::size_t l = 0; l < out.levels.size(); ++l) {
          lo.append(to_numpy(out.lo[l]));
          hi.append(to_numpy(out.hi[l]));
        }
        py::dict d;
        d["mean"] = to_numpy(out.mean);
        d["lo"] = lo;
        d["hi"] = hi;
        d["starts"] = out.starts;
        d["shrinkage"] = out.shrinkage;
        d["notes"] = out.notes;
        return d;
      },
      py::arg("hierarchy"), py::arg("base"), py::arg("residuals"), py::arg("history"),
      py::arg("method"), py::arg("shrink_ridge"), py::arg("middle_level"), py::arg("top_down"),
      py::arg("samples"), py::arg("seed"), py::arg("levels"), py::arg("starts"),
      "Reconciled forecasts with bootstrap intervals (hierarchicalforecast's "
      "intervals_method='bootstrap'): lo/hi per level, and the block starts used.");
}

}  // namespace okrkit::python
