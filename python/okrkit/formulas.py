"""Derived-KPI expressions and the standard KPI calculators.

:class:`Expression` parses a formula such as
``"(promoters - detractors) / responses * 100"`` once and evaluates it over
whole columns (numpy arrays, pandas Series or a DataFrame) in compiled code.
The calculators (:func:`nps`, :func:`conversion_rate`, ...) take scalars,
numpy arrays or pandas Series and broadcast like numpy.

Missing results are NaN, never an exception and never ``inf``; the reason is
an :class:`Issue` (code, row index, expression column, message). See
``docs/formulas.md`` for the grammar, the formulas and worked examples.
"""

from __future__ import annotations

import inspect
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Callable, NamedTuple, Union

import numpy as np
import numpy.typing as npt
import pandas as pd

from . import _core

__all__ = [
    "Expression",
    "ExpressionResult",
    "Issue",
    "average_order_value",
    "budget_execution_rate",
    "cac",
    "churn_rate",
    "clv",
    "clv_from_margin",
    "conversion_rate",
    "cost_overrun_rate",
    "cpa",
    "csat",
    "csat_from_counts",
    "ctr",
    "current_ratio",
    "debt_to_asset_ratio",
    "first_contact_resolution_rate",
    "nps",
    "nps_from_counts",
    "on_time_delivery_rate",
    "retention_rate",
    "roas",
]

ArrayLike = Union[float, int, Sequence[float], npt.NDArray[Any], "pd.Series[Any]"]
Values = Union[float, npt.NDArray[np.float64], "pd.Series[Any]"]


@dataclass(frozen=True)
class Issue:
    """Why one result is missing (NaN).

    Attributes
    ----------
    code : str
        ``"division-by-zero"``, ``"sqrt-of-negative"``, ``"missing-input"``,
        ``"infinite-input"``, ``"overflow"``, ``"not-a-number"`` (expressions);
        ``"zero-denominator"``, ``"missing-input"``, ``"invalid-input"``
        (calculators).
    index : int
        0-based position of the row (period) in the inputs.
    column : int or None
        1-based column of the expression text that caused it; None for calculators.
    message : str
        Human-readable text, e.g. ``"index 3: column 5: division by zero"``.
    """

    code: str
    index: int
    column: int | None
    message: str

    @classmethod
    def _from_core(cls, d: Mapping[str, Any]) -> Issue:
        return cls(code=d["code"], index=d["index"], column=d["column"], message=d["message"])


class ExpressionResult(NamedTuple):
    """Values of an evaluation and the issues behind its missing rows."""

    values: npt.NDArray[np.float64] | pd.Series[Any]
    issues: list[Issue]
    """The first ``max_issues`` missing rows, in row order."""
    missing_rows: int
    """All rows whose value is NaN (may exceed ``len(issues)``)."""


def _column(x: Any) -> npt.NDArray[np.float64]:
    if isinstance(x, pd.Series):
        return x.to_numpy(dtype=np.float64, na_value=np.nan)
    return np.asarray(x, dtype=np.float64)


class Expression:
    """A derived-KPI formula, parsed once, evaluated over whole columns.

    Parameters
    ----------
    text : str
        The formula: numbers, series names (``[A-Za-z_][A-Za-z0-9_.]*`` or any
        text in backticks), ``+ - * /``, unary minus, parentheses, comparisons
        ``< <= > >= == !=`` (1 or 0), and ``min``, ``max``, ``abs``, ``sqrt``,
        ``round(x[, digits])``, ``if(cond, a, b)``.

    Raises
    ------
    okrkit.ParseError
        With the 1-based column and a caret line, e.g.
        ``expression 'a + * b': column 5: expected a number, name or '('``.

    Examples
    --------
    >>> e = Expression("(promoters - detractors) / responses * 100")
    >>> e.names
    ['promoters', 'detractors', 'responses']
    >>> e.evaluate(promoters=[60, 5], detractors=[15, 5], responses=[100, 0])
    array([45., nan])
    """

    #: Longest accepted text in bytes.
    max_length: int = int(_core.Expression.max_length)
    #: Deepest nesting of parentheses, calls and unary signs.
    max_depth: int = int(_core.Expression.max_depth)

    def __init__(self, text: str) -> None:
        self._core = _core.Expression(text)

    @property
    def text(self) -> str:
        """The formula as given."""
        return str(self._core.text)

    @property
    def names(self) -> list[str]:
        """Distinct series names used, in order of first use."""
        return list(self._core.names)

    def __repr__(self) -> str:
        return f"Expression({self.text!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Expression) and other.text == self.text

    def __hash__(self) -> int:
        return hash(self.text)

    def __reduce__(self) -> tuple[Any, tuple[str]]:
        return (Expression, (self.text,))

    def evaluate(
        self,
        data: pd.DataFrame | Mapping[str, ArrayLike] | None = None,
        /,
        *,
        max_issues: int = 100,
        threads: int = 0,
        **columns: ArrayLike,
    ) -> npt.NDArray[np.float64] | pd.Series[Any]:
        """Evaluate over columns; returns one value per row.

        Parameters
        ----------
        data : DataFrame or mapping, optional
            Columns by name. Keyword arguments are added to (and override) it.
        max_issues : int
            How many missing rows to explain (see :meth:`evaluate_with_issues`).
        threads : int
            Columns of 2**18 rows and more are split over this many threads
            (0: one per hardware thread; 1: no extra threads). The GIL is released.
        **columns : array_like
            Columns by name: scalars, sequences, numpy arrays, pandas Series;
            broadcast to one length like numpy.

        Returns
        -------
        numpy.ndarray or pandas.Series
            A Series (with the DataFrame's index, named after the formula) when
            ``data`` is a DataFrame, else a float64 array. Missing rows are NaN.

        Raises
        ------
        okrkit.ValidationError
            A name the formula uses is not among the columns (``.problems``
            lists each with its column in the text).
        """
        return self.evaluate_with_issues(
            data, max_issues=max_issues, threads=threads, **columns
        ).values

    __call__ = evaluate

    def evaluate_with_issues(
        self,
        data: pd.DataFrame | Mapping[str, ArrayLike] | None = None,
        /,
        *,
        max_issues: int = 100,
        threads: int = 0,
        **columns: ArrayLike,
    ) -> ExpressionResult:
        """Like :meth:`evaluate`, also returning why rows are missing.

        Returns
        -------
        ExpressionResult
            ``(values, issues, missing_rows)``: ``issues`` explains the first
            ``max_issues`` NaN rows (code, index, column, message); a division
            by zero in an ``if()`` branch that is not taken is not an issue.
        """
        available: dict[str, Any] = {}
        index = None
        if isinstance(data, pd.DataFrame):
            index = data.index
            available.update({str(k): data[k] for k in data.columns})
        elif data is not None:
            available.update(data)
        available.update(columns)
        order = list(available)
        self._core.bind(order)  # ValidationError naming each unknown name and its column
        arrays = [_column(available[name]) for name in self.names]
        if arrays:
            # Scalars broadcast against the columns (all scalars: one row).
            arrays = [np.ascontiguousarray(a) for a in np.broadcast_arrays(*arrays)]
            if arrays[0].ndim == 0:
                arrays = [a.reshape(1) for a in arrays]
        if index is not None:
            rows = len(index)
        elif arrays:
            rows = arrays[0].shape[0]
        else:  # a constant: as long as the columns given, else one row
            shapes = [np.shape(_column(v)) for v in available.values()]
            rows = int(np.prod(np.broadcast_shapes(*shapes))) if shapes else 1
            rows = max(rows, 1) if not shapes else rows
        values, issues, missing = self._core.evaluate(arrays, rows, max_issues, threads)
        out: npt.NDArray[np.float64] | pd.Series[Any] = values
        if index is not None:
            out = pd.Series(values, index=index, name=self.text)
        return ExpressionResult(out, [Issue._from_core(d) for d in issues], int(missing))


# ---- calculators -------------------------------------------------------------


def _elementwise(
    core: Callable[[list[npt.NDArray[np.float64]]], tuple[Any, list[Any]]],
    args: Sequence[ArrayLike],
    issues: list[Issue] | None,
) -> Values:
    index = next((a.index for a in args if isinstance(a, pd.Series)), None)
    arrays = np.broadcast_arrays(*[_column(a) for a in args])
    shape = arrays[0].shape
    flat = [np.ascontiguousarray(a).reshape(-1) for a in arrays]
    values, found = core(flat)
    if issues is not None:
        issues.extend(Issue._from_core(d) for d in found)
    if shape == ():
        return float(values[0])
    out = values.reshape(shape)
    if index is not None and out.ndim == 1 and len(index) == len(out):
        return pd.Series(out, index=index)
    result: npt.NDArray[np.float64] = out
    return result


def _survey(result: tuple[float, list[Any]], issues: list[Issue] | None) -> float:
    value, found = result
    if issues is not None:
        issues.extend(Issue._from_core(d) for d in found)
    return float(value)


def nps(scores: ArrayLike, *, issues: list[Issue] | None = None) -> float:
    """Net Promoter Score from 0–10 answers: % promoters (9–10) − % detractors (0–6).

    Parameters
    ----------
    scores : array_like
        Whole numbers 0..10; NaN answers are skipped (an info issue says how many).
    issues : list, optional
        Receives an :class:`Issue` per problem (result NaN on any but skipped NaNs).

    Returns
    -------
    float
        In [-100, 100]. 60 promoters, 25 passives, 15 detractors → 60 − 15 = 45.
    """
    s = np.ascontiguousarray(_column(scores)).reshape(-1)
    return _survey(_core.kpi_nps(s), issues)


def csat(
    scores: ArrayLike,
    *,
    scale_max: int = 5,
    satisfied_min: int = 4,
    issues: list[Issue] | None = None,
) -> float:
    """Customer satisfaction: percent of answers >= ``satisfied_min`` on 1..``scale_max``.

    With the default 1–5 scale, answers 4 and 5 count as satisfied: 150 of 200 → 75.
    NaN answers are skipped.
    """
    s = np.ascontiguousarray(_column(scores)).reshape(-1)
    return _survey(_core.kpi_csat(s, scale_max, satisfied_min), issues)


def _calculator(name: str, params: str, doc: str) -> Callable[..., Values]:
    """An elementwise calculator over ``_core.kpi_<name>``.

    ``params`` names its inputs (space-separated, positional or keyword); every
    calculator also takes the keyword-only ``issues`` list. The inputs are
    scalars, numpy arrays or pandas Series broadcast like numpy: a scalar
    result for scalar inputs, a Series (with its index) when an input is one.
    """
    core = getattr(_core, f"kpi_{name}")
    names = params.split()
    sig = inspect.Signature(
        [
            inspect.Parameter(p, inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation="ArrayLike")
            for p in names
        ]
        + [
            inspect.Parameter(
                "issues",
                inspect.Parameter.KEYWORD_ONLY,
                default=None,
                annotation="Optional[list[Issue]]",
            )
        ],
        return_annotation="Values",
    )

    def calc(*args: ArrayLike, **kwargs: Any) -> Values:
        bound = sig.bind(*args, **kwargs)  # TypeError for a missing or unknown input
        issues: list[Issue] | None = bound.arguments.get("issues")
        return _elementwise(core, [bound.arguments[p] for p in names], issues)

    calc.__name__ = calc.__qualname__ = name
    calc.__doc__ = doc
    calc.__module__ = __name__
    # inspect.signature / help() show the inputs; setattr as mypy knows no __signature__
    setattr(calc, "__signature__", sig)  # noqa: B010
    return calc


# One line per calculator: core function, inputs, docstring (formula and a
# worked example; percent results are 0..100).
nps_from_counts = _calculator(
    "nps_from_counts",
    "promoters passives detractors",
    """NPS from counts: (promoters − detractors) / (all responses) × 100. 60/25/15 → 45.""",
)
csat_from_counts = _calculator(
    "csat_from_counts",
    "satisfied responses",
    """CSAT from counts: satisfied / responses × 100 (percent). 150 of 200 → 75.""",
)
conversion_rate = _calculator(
    "conversion_rate",
    "conversions visitors",
    """Conversion rate = conversions / visitors × 100 (percent). 50 of 2000 → 2.5.""",
)
ctr = _calculator(
    "ctr",
    "clicks impressions",
    """Click-through rate = clicks / impressions × 100 (percent). 120 of 8000 → 1.5.""",
)
cac = _calculator(
    "cac",
    "acquisition_cost new_customers",
    """Customer acquisition cost = sales and marketing cost / new customers. 50000/125 → 400.""",
)
cpa = _calculator(
    "cpa",
    "cost acquisitions",
    """Cost per acquisition = campaign cost / acquisitions. 3000 / 60 → 50.""",
)
roas = _calculator(
    "roas",
    "ad_revenue ad_spend",
    """Return on ad spend = ad revenue / ad spend (a ratio). 20000 / 5000 → 4.""",
)
clv = _calculator(
    "clv",
    "average_order_value purchase_frequency customer_lifespan",
    """Customer lifetime value = average order value × purchase frequency × lifespan.

    Frequency is orders per customer per period, lifespan in the same periods.
    80 × 4 per year × 3 years → 960 (revenue, no margin applied).
    """,
)
clv_from_margin = _calculator(
    "clv_from_margin",
    "arpu gross_margin churn_rate",
    """Customer lifetime value = ARPU × gross margin / churn rate.

    ARPU and churn over the same period; ``gross_margin`` and ``churn_rate`` in
    percent. ARPU 50 a month, margin 80 %, churn 2.5 % a month → 1600.
    """,
)
churn_rate = _calculator(
    "churn_rate",
    "customers_start customers_end new_customers",
    """Churn rate = (start + new − end) / start × 100 (percent). 1000, 1070, 150 new → 8.""",
)
retention_rate = _calculator(
    "retention_rate",
    "customers_start customers_end new_customers",
    """Retention rate = (end − new) / start × 100 (percent). 1000, 1070, 150 new → 92.""",
)
average_order_value = _calculator(
    "average_order_value",
    "revenue orders",
    """Average order value = revenue / orders. 45000 / 900 → 50.""",
)
budget_execution_rate = _calculator(
    "budget_execution_rate",
    "actual_spend budget",
    """Budget execution rate = actual spend / budget × 100 (percent). 450k of 500k → 90.""",
)
cost_overrun_rate = _calculator(
    "cost_overrun_rate",
    "actual_cost budgeted_cost",
    """Cost overrun rate = (actual − budget) / budget × 100 (percent). 115k vs 100k → 15.""",
)
current_ratio = _calculator(
    "current_ratio",
    "current_assets current_liabilities",
    """Current ratio = current assets / current liabilities. 300k / 150k → 2.""",
)
debt_to_asset_ratio = _calculator(
    "debt_to_asset_ratio",
    "total_debt total_assets",
    """Debt-to-asset ratio = total debt / total assets. 400k / 1M → 0.4.""",
)
on_time_delivery_rate = _calculator(
    "on_time_delivery_rate",
    "on_time deliveries",
    """On-time delivery rate = on-time deliveries / deliveries × 100 (percent). 470 of 500 → 94.""",
)
first_contact_resolution_rate = _calculator(
    "first_contact_resolution_rate",
    "resolved_first_contact contacts",
    """First-contact resolution rate = resolved on first contact / contacts × 100. 340/400 → 85.""",
)
