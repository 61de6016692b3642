"""Scoring: progress, attainment, statuses and roll-ups (docs/scoring.md).

Three ways in:

* :func:`progress` / :func:`score_target` score one target;
* :func:`score_bulk` scores millions of targets held in numpy arrays in one call
  (no copies of float64 C-contiguous inputs, the GIL released, optional threads),
  with exactly the per-target formulas;
* :func:`evaluate` scores a whole model at an as-of date and returns a
  :class:`Scorecard`, whose :meth:`Scorecard.to_frame` is a pandas DataFrame.
"""

from __future__ import annotations

import datetime as _dt
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NamedTuple, Union

import numpy as np

from . import _core
from ._pickling import checked_state, versioned_state

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "KINDS",
    "STATUSES",
    "DIAGNOSTIC_COLUMNS",
    "FIELDS",
    "BulkScores",
    "NodeField",
    "Scorecard",
    "ScorecardError",
    "TargetScore",
    "attainment",
    "evaluate",
    "expected_progress",
    "goal_red_flag_score",
    "google_band",
    "progress",
    "score_bulk",
    "score_target",
    "status",
]

#: Target kinds; a kind's position is its code in :func:`score_bulk`.
KINDS: tuple[str, ...] = (
    "increase",
    "decrease",
    "at_least",
    "at_most",
    "range",
    "milestone",
    "baseline",
)
#: Statuses from best to worst, then ``no_data``.
STATUSES: tuple[str, ...] = (
    "done",
    "on_track",
    "behind",
    "at_risk",
    "off_track",
    "no_data",
)

DateLike = Union[_dt.date, str]
ArrayLike = Any


class NodeField(NamedTuple):
    """One column of a scorecard row, from the C++ field table
    (include/okrkit/scoring/node_score_fields.hpp).

    ``kind`` is one of ``text``, ``category``, ``number``, ``date``, ``flag``,
    ``count``, ``diagnostics``; ``nullable`` fields may have no value (None /
    NaN); ``categories`` are the names of a category (best to worst when
    ``ordered``); ``empty_is_none`` text fields use "" for "not computed"."""

    name: str
    kind: str
    nullable: bool
    categories: tuple[str, ...]
    ordered: bool
    empty_is_none: bool


#: The columns of a scorecard row in order: :meth:`Scorecard.to_frame` (with
#: ``id`` as the index), :meth:`Scorecard.to_csv`, :meth:`Scorecard.node`, the
#: pickle state and :data:`okrkit.spark.COLUMNS` all follow this list.
FIELDS: tuple[NodeField, ...] = tuple(
    NodeField(name, kind, bool(nullable), tuple(cats), bool(ordered), bool(empty))
    for name, kind, nullable, cats, ordered, empty in _core.node_score_fields()
)

#: Columns of :attr:`Scorecard.diagnostics`.
DIAGNOSTIC_COLUMNS: tuple[str, ...] = (
    "severity",
    "code",
    "node",
    "field",
    "file",
    "line",
    "message",
)


@dataclass(frozen=True)
class TargetScore:
    """Scores of one target: ``progress`` (baseline -> target scale, uncapped),
    ``performance`` (min-max scale, NaN without one), ``attainment``
    (``clamp(progress, 0, cap)``), the absolute ``target`` and the
    ``diagnostics`` (dicts with severity, code, message) explaining any NaN."""

    progress: float
    performance: float
    attainment: float
    target: float
    diagnostics: list[dict[str, str]] = field(default_factory=list)


def score_target(
    *,
    kind: str,
    value: float = math.nan,
    baseline: float | None = None,
    target: float | None = None,
    relative: str | None = None,
    floor: float | None = None,
    lo: float | None = None,
    hi: float | None = None,
    tolerance: float | None = None,
    method: str = "linear",
    scale_min: float | None = None,
    scale_max: float | None = None,
    cap: float = 1.0,
    milestones: Iterable[tuple[str, float, bool]] = (),
) -> TargetScore:
    """Score one target.

    Parameters
    ----------
    kind : str
        One of :data:`KINDS`.
    value : float
        The current value (NaN = none; listed milestones do not need one).
    baseline, target : float, optional
        ``b`` and ``t``. A missing baseline means 0 for ``increase``.
    relative : str, optional
        A target relative to the baseline: ``"+40%"``, ``"x1.5"``, ``"-5"``.
    floor : float, optional
        Red limit of ``at_least`` / ceiling of ``at_most``.
    lo, hi, tolerance : float, optional
        The ``range`` band and its fall-off distance (default: band width).
    method : {"linear", "ratio"}
        ``ratio``: v/t (or t/v when lower is better) clamped to [0, 2].
    scale_min, scale_max : float, optional
        Min-max scale of ``performance``.
    cap : float
        Attainment cap; ``math.inf`` for uncapped.
    milestones : iterable of (title, weight, done)
        Milestones of a ``milestone`` target.

    Returns
    -------
    TargetScore

    Examples
    --------
    >>> score_target(kind="decrease", baseline=100, target=60, value=50).progress
    1.25
    """
    r = _core.score_target(
        kind,
        float(value),
        baseline=baseline,
        target=target,
        relative=relative,
        floor=floor,
        lo=lo,
        hi=hi,
        tolerance=tolerance,
        method=method,
        scale_min=scale_min,
        scale_max=scale_max,
        cap=float(cap),
        milestones=[(str(t), float(w), bool(d)) for t, w, d in milestones],
    )
    return TargetScore(
        progress=r["progress"],
        performance=r["performance"],
        attainment=r["attainment"],
        target=r["target"],
        diagnostics=list(r["diagnostics"]),
    )


def progress(*, kind: str, value: float = math.nan, **target: Any) -> float:
    """Progress of ``value`` towards a target (see :func:`score_target` for the
    keyword arguments). NaN when it cannot be scored.

    Examples
    --------
    >>> progress(kind="increase", baseline=15, target=45, value=16)  # doctest: +ELLIPSIS
    0.0333...
    """
    return score_target(kind=kind, value=value, **target).progress


def attainment(progress: float, cap: float = 1.0) -> float:
    """``clamp(progress, 0, cap)``; ``cap=math.inf`` is uncapped."""
    return float(_core.attainment(float(progress), float(cap)))


def goal_red_flag_score(value: float, *, goal: float, red_flag: float) -> float:
    """The 0-10 goal / red-flag score: 3.33 at the red flag, 6.67 at the goal,
    linear, clamped to [0, 10]; ``goal < red_flag`` means lower is better."""
    return float(_core.goal_red_flag_score(float(value), float(goal), float(red_flag)))


def google_band(score: float, *, yellow: float = 0.4, green: float = 0.7) -> str | None:
    """``"red"`` < 0.4 <= ``"yellow"`` < 0.7 <= ``"green"``; None for NaN."""
    b: str | None = _core.google_band(float(score), yellow, green)
    return b


def expected_progress(
    *,
    start: DateLike,
    due: DateLike,
    as_of: DateLike,
    curve: str = "linear",
    points: Sequence[tuple[DateLike, float]] = (),
) -> float:
    """Expected progress at ``as_of`` under a plan curve (``linear``,
    ``front_loaded``, ``back_loaded``, ``s_curve``, ``phased`` with ``points``)."""
    return float(_core.expected_progress(start, due, as_of, curve, list(points)))


def status(
    *,
    progress: float,
    expected: float,
    rule: str = "tolerance",
    tol: float = 0.1,
    on_track_ratio: float = 0.7,
    behind_ratio: float = 0.4,
    past_due: bool = False,
    success: float = 1.0,
) -> str:
    """Status (one of :data:`STATUSES`) of progress against expected progress
    by the ``tolerance`` or ``ratio`` rule; ``success=0.7`` for aspirational."""
    s: str = _core.status(
        float(progress),
        float(expected),
        rule,
        tol,
        on_track_ratio,
        behind_ratio,
        past_due,
        success,
    )
    return s


class BulkScores(NamedTuple):
    """Result of :func:`score_bulk`: float64 arrays and a summary dict with
    ``rows``, ``nan_progress`` (rows that could not be scored: missing input or
    an unscorable target) and ``bad_kind``."""

    progress: np.ndarray
    attainment: np.ndarray
    performance: np.ndarray | None
    summary: dict[str, int]


def _f64(x: ArrayLike, n: int, name: str) -> np.ndarray:
    a = np.asarray(x, dtype=np.float64)
    if a.ndim == 0:
        return np.full(n, float(a))
    if a.shape != (n,):
        raise ValueError(f"score_bulk: '{name}' has shape {a.shape}, expected ({n},)")
    return np.ascontiguousarray(a)


def _kind_codes(kind: ArrayLike, n: int) -> tuple[np.ndarray | None, int]:
    if isinstance(kind, str):
        if kind not in KINDS:
            raise ValueError(f"unknown target kind {kind!r} (choose from {', '.join(KINDS)})")
        return None, KINDS.index(kind)
    if hasattr(kind, "cat"):  # pandas Series of category dtype
        kind = kind.astype(object).to_numpy()
    a = np.asarray(kind)
    if a.shape != (n,):
        raise ValueError(f"score_bulk: 'kind' has shape {a.shape}, expected ({n},)")
    if a.dtype.kind in "iu":
        if a.size and ((a.dtype.kind == "i" and a.min() < 0) or a.max() >= len(KINDS)):
            raise ValueError("score_bulk: kind codes must be in 0..6 (see okrkit.scoring.KINDS)")
        return np.ascontiguousarray(a, dtype=np.uint8), 0
    names, inverse = np.unique(a.astype(str), return_inverse=True)
    bad = [x for x in names if x not in KINDS]
    if bad:
        raise ValueError(f"unknown target kind {bad[0]!r} (choose from {', '.join(KINDS)})")
    lut = np.array([KINDS.index(x) for x in names], dtype=np.uint8)
    return lut[inverse], 0


def score_bulk(
    *,
    kind: ArrayLike = "increase",
    baseline: ArrayLike = 0.0,
    target: ArrayLike,
    value: ArrayLike,
    cap: ArrayLike = 1.0,
    floor: ArrayLike | None = None,
    lo: ArrayLike | None = None,
    hi: ArrayLike | None = None,
    tolerance: ArrayLike | None = None,
    scale_min: ArrayLike | None = None,
    scale_max: ArrayLike | None = None,
    threads: int = 1,
    out: tuple[np.ndarray, np.ndarray] | None = None,
) -> BulkScores:
    """Progress and attainment of many targets at once.

    Every row is scored by the same formulas as :func:`score_target`. float64
    C-contiguous arrays are read in place; the loop runs without the GIL.

    Parameters
    ----------
    kind : str, array of str, pandas categorical or int codes
        One kind for all rows, or one per row (codes index :data:`KINDS`).
    baseline, target, value : array_like
        Columns of equal length (a scalar is broadcast); NaN is missing data:
        a NaN baseline of an ``increase`` row gives NaN. The default baseline
        0 means "from zero", as for :func:`score_target`; ``decrease`` rows
        need their baselines.
    cap : float or array_like
        Attainment cap per row or for all; ``np.inf`` for uncapped.
    floor, lo, hi, tolerance : array_like, optional
        ``at_least`` floor / ``at_most`` ceiling (NaN = default), ``range`` band
        and fall-off.
    scale_min, scale_max : array_like, optional
        Min-max scale; when given, ``performance`` is returned too.
    threads : int
        Worker threads (0 = all cores).
    out : (ndarray, ndarray), optional
        Preallocated float64 C-contiguous arrays for progress and attainment
        (reusing them avoids page faults on fresh memory in repeated calls).

    Returns
    -------
    BulkScores

    Examples
    --------
    >>> r = score_bulk(kind=["decrease", "increase"], baseline=[100, 15],
    ...                target=[60, 45], value=[50, 16])
    >>> r.progress.round(4).tolist(), r.attainment.round(4).tolist()
    ([1.25, 0.0333], [1.0, 0.0333])
    """
    v = np.asarray(value, dtype=np.float64)
    if v.ndim != 1:
        raise ValueError(f"score_bulk: 'value' must be 1-D, got shape {v.shape}")
    n = v.shape[0]
    codes, default = _kind_codes(kind, n)
    cap_a = np.asarray(cap, dtype=np.float64)
    opt = {
        name: (None if x is None else _f64(x, n, name))
        for name, x in (
            ("floor", floor),
            ("lo", lo),
            ("hi", hi),
            ("tolerance", tolerance),
            ("scale_min", scale_min),
            ("scale_max", scale_max),
        )
    }
    p, a, perf, summary = _core.score_bulk(
        codes,
        default,
        _f64(baseline, n, "baseline"),
        _f64(target, n, "target"),
        np.ascontiguousarray(v),
        None if cap_a.ndim == 0 else _f64(cap_a, n, "cap"),
        float(cap_a) if cap_a.ndim == 0 else 1.0,
        opt["floor"],
        opt["lo"],
        opt["hi"],
        opt["tolerance"],
        opt["scale_min"],
        opt["scale_max"],
        int(threads),
        None if out is None else out[0],
        None if out is None else out[1],
    )
    return BulkScores(p, a, perf, dict(summary))


class UpdateResult(NamedTuple):
    """What :meth:`Scorecard.update` did."""

    #: Rows scored again.
    rescored: int
    #: True when the whole scorecard was evaluated again (a series new to the
    #: store, the first numerator / denominator, a model failing validation,
    #: or a reconciled outlook).
    full: bool


def _measurement_rows(
    measurements: Any,
) -> tuple[list[str], list[Any], list[float], list[float], list[float]]:
    """series, dates, values, numerators, denominators of a frame or rows."""
    from .dates import as_of_date  # NaT / None / tz-aware: clear errors, never a cast

    series: list[str] = []
    dates: list[Any] = []
    values: list[float] = []
    nums: list[float] = []
    dens: list[float] = []
    if measurements is None:
        return series, dates, values, nums, dens
    if hasattr(measurements, "columns") and hasattr(measurements, "to_dict"):
        cols = list(measurements.columns)
        missing = [c for c in ("series", "date", "value") if c not in cols]
        if missing:
            raise ValueError(
                f"Scorecard.update: the measurements frame has no column(s) {missing}; "
                "expected series, date, value (numerator, denominator optional)"
            )
        rows: Iterable[Any] = measurements.to_dict("records")
    else:
        rows = measurements
    ratio = False
    for i, r in enumerate(rows):
        if isinstance(r, Mapping):
            s, d, v = r["series"], r["date"], r.get("value", math.nan)
            n, q = r.get("numerator", math.nan), r.get("denominator", math.nan)
        else:
            t = tuple(r)
            if len(t) not in (3, 5):
                raise ValueError(
                    f"Scorecard.update: measurement row {i} has {len(t)} items; expected "
                    "(series, date, value) or (series, date, value, numerator, denominator)"
                )
            s, d, v = t[0], t[1], t[2]
            n, q = (t[3], t[4]) if len(t) == 5 else (math.nan, math.nan)
        series.append(str(s))
        dates.append(as_of_date(d))
        values.append(math.nan if v is None else float(v))
        nums.append(math.nan if n is None else float(n))
        dens.append(math.nan if q is None else float(q))
        ratio |= not (math.isnan(nums[-1]) and math.isnan(dens[-1]))
    if not ratio:
        nums, dens = [], []
    return series, dates, values, nums, dens


class Scorecard:
    """The result of :func:`evaluate`: one row per key result, KPI, objective,
    CSF and unit. Use :meth:`node` for one row, :meth:`to_frame` for a pandas
    DataFrame, :meth:`to_arrow` for a pyarrow Table (and the Arrow stream
    protocol: ``polars.DataFrame(card)``), :meth:`to_json` / :meth:`to_csv` / :meth:`format_table` for text."""

    #: Version of the pickle state written by :meth:`__getstate__`.
    _STATE_VERSION = 1

    def __init__(self, core: _core.Scorecard, model: _core.Model | None = None) -> None:
        self._core = core
        #: The model that was scored (gives names to the HTML view), or None.
        self.model = model
        self._series: _core.SeriesStore | None = None

    @property
    def live(self) -> bool:
        """True when :meth:`update` works: the scorecard :func:`evaluate`
        returned (not a copy or an unpickled one)."""
        return bool(self._core.live) and getattr(self, "_series", None) is not None

    def update(
        self,
        measurements: Any = None,
        *,
        checkins: Iterable[tuple[str, DateLike, float | None, float | None]] = (),
        duplicates: str = "error",
    ) -> UpdateResult:
        """Append new data and re-score only the rows it reaches (live scorecards).

        Parameters
        ----------
        measurements
            A DataFrame with columns ``series``, ``date``, ``value`` (and
            optionally ``numerator``, ``denominator``), or rows
            ``(series, date, value[, numerator, denominator])`` / dicts.
            They are appended to the series store the scorecard was evaluated
            from.
        checkins
            ``(key_result, date, value, confidence)`` rows, appended to the
            key results of the model.
        duplicates
            A measurement for a date its series already has: ``"error"`` (the
            default), ``"last"``, ``"first"`` or ``"sum"``, as the readers.

        Notes
        -----
        The rows afterwards are exactly those :func:`evaluate` gives on the
        updated data (docs/data-sources.md, "Live scorecards"). Raises
        ``okrkit.DomainError`` for a copy of a scorecard, a duplicate date
        under ``duplicates="error"`` or an unknown key result, before
        changing anything.
        """
        store = getattr(self, "_series", None)
        if store is None or self.model is None:
            raise _core.DomainError(
                "Scorecard.update: this scorecard is a copy (or was unpickled); only the "
                "scorecard okrkit.evaluate() returned can be updated"
            )
        from .dates import as_of_date

        series, dates, values, nums, dens = _measurement_rows(measurements)
        ck: list[tuple[Any, ...]] = [tuple(c) for c in checkins]
        rescored, full = self._core.update(
            self.model,
            store,
            series,
            dates,
            values,
            nums,
            dens,
            [str(c[0]) for c in ck],
            [as_of_date(c[1]) for c in ck],
            [None if c[2] is None else float(c[2]) for c in ck],
            [None if len(c) < 4 or c[3] is None else float(c[3]) for c in ck],
            duplicates,
        )
        return UpdateResult(int(rescored), bool(full))

    def __getstate__(self) -> dict[str, Any]:
        # Versioned so scorecards pickled by an older okrkit stay readable; the
        # C++ scorecard and model pickle themselves (also versioned).
        return versioned_state(self._STATE_VERSION, core=self._core, model=self.model)

    def __setstate__(self, state: dict[str, Any]) -> None:
        state = checked_state(state, "Scorecard", self._STATE_VERSION)
        self._core = state["core"]
        self.model = state["model"]

    def _repr_html_(self) -> str:
        from .display import scorecard_html

        return scorecard_html(self, self.model)

    @property
    def as_of(self) -> _dt.date:
        """The as-of date."""
        d: _dt.date = self._core.as_of
        return d

    @property
    def cycles(self) -> pd.DataFrame:
        """One row per cycle of the model (docs/lifecycle.md, "Cycle score"):
        ``id``, ``state``, ``score`` (NaN when nothing is scored),
        ``objectives`` (those that count), ``scored``, ``reason`` and
        ``p_success`` (with the outlook: P(the cycle score reaches the success
        level), NaN without a forecast; docs/forecast.md)."""
        import pandas as pd

        rows = self._core.cycles
        cols = ["id", "state", "score", "objectives", "scored", "reason", "p_success"]
        frame = pd.DataFrame(rows, columns=cols)
        frame["score"] = frame["score"].astype("float64")
        frame["p_success"] = frame["p_success"].astype("float64")
        return frame

    @property
    def cycle_score(self) -> float | None:
        """Score of the cycle containing the as-of date (the weighted mean of
        its objectives' scores), or None when no cycle contains it or nothing
        in it is scored; :attr:`cycles` has the reason."""
        current = self._core.current_cycle
        for c in self._core.cycles:
            if c["id"] == current:
                score: float | None = c["score"]
                return score
        return None

    @property
    def diagnostics(self) -> pd.DataFrame:
        """Every problem found while scoring, one row each: the model-level
        ones (alignment cycles, dangling ids) first, then each node's, in row
        order (a problem reported both ways appears once). Columns
        :data:`DIAGNOSTIC_COLUMNS`: ``severity`` (error / warning / info),
        ``code``, ``node``, ``field``, ``file``, ``line`` (0 = unknown) and
        ``message``. Nodes of a model edited into an invalid state
        (``validate()`` errors, e.g. a weight set to -1) are reported here
        as errors."""
        import pandas as pd

        cols = self._core.diagnostic_columns()
        df = pd.DataFrame({c: cols[c] for c in DIAGNOSTIC_COLUMNS})
        df["line"] = df["line"].astype("int64")
        return df.drop_duplicates(ignore_index=True)

    @property
    def errors(self) -> pd.DataFrame:
        """The error-severity rows of :attr:`diagnostics`."""
        d = self.diagnostics
        return d[d["severity"] == "error"].reset_index(drop=True)

    def __len__(self) -> int:
        return len(self._core)

    def __repr__(self) -> str:
        return f"<okrkit.Scorecard as_of={self.as_of.isoformat()} nodes={len(self)}>"

    def node(self, id: str) -> dict[str, Any]:
        """The row of node ``id`` as a dict (KeyError if absent)."""
        row: dict[str, Any] | None = self._core.node(id)
        if row is None:
            raise KeyError(id)
        return row

    def __getitem__(self, id: str) -> dict[str, Any]:
        return self.node(id)

    def to_frame(self) -> pd.DataFrame:
        """The scorecard as a pandas DataFrame indexed by node id, one column
        per entry of :data:`FIELDS` (the C++ field table): float64 numbers
        (NaN = none), categoricals for ``kind`` / ``status`` and
        ``forecast_status`` (ordered best to worst) / ``health`` / ``band`` /
        sources, datetime64 dates, int64 counts, bool ``incomplete``, None for
        outlook text that was not computed and a ``diagnostics`` text column."""
        import pandas as pd

        df = pd.DataFrame(self._core.columns())
        for f in FIELDS:
            col = df[f.name]
            if f.kind == "category":
                if f.nullable:
                    col = col.where(col != "", None)
                df[f.name] = pd.Categorical(col, categories=list(f.categories), ordered=f.ordered)
            elif f.kind == "text" and f.empty_is_none:
                df[f.name] = col.where(col != "", None)
            elif f.kind == "date":
                df[f.name] = pd.to_datetime(col)
            elif f.kind == "count":
                df[f.name] = col.astype("int64")
        return df.set_index("id")

    def to_arrow(self) -> Any:
        """The scorecard as a pyarrow Table, read through
        :meth:`__arrow_c_stream__` (the C++ export, no pandas): ``id`` first,
        then every field in :data:`FIELDS` order; categoricals as
        ``dictionary<string>``, dates as ``date32``, NaN numbers as null."""
        try:
            import pyarrow as pa  # type: ignore[import-untyped,unused-ignore]
        except ImportError as e:  # pragma: no cover - pyarrow is a test dependency
            raise ImportError("Scorecard.to_arrow needs pyarrow: pip install pyarrow") from e
        return pa.table(self)

    def __arrow_c_stream__(self, requested_schema: object | None = None) -> object:
        """The Arrow PyCapsule stream protocol, exported by the C++ core
        (include/okrkit/io/arrow_stream.hpp) without pandas or pyarrow: one
        row per node, one column per entry of :data:`FIELDS` (categoricals as
        dictionaries, dates as ``date32``, NaN as null). ``pyarrow.table(card)``,
        ``polars.DataFrame(card)`` and ``duckdb.sql("select * from card")`` read
        it. ``requested_schema`` is not supported and ignored, as the protocol
        allows."""
        capsule: object = _core.scorecard_arrow_stream(self._core)
        return capsule

    def to_json(self) -> str:
        """JSON text (the CLI's ``okrkit score --format json``)."""
        s: str = self._core.to_json()
        return s

    def to_csv(self) -> str:
        """CSV text, one row per node."""
        s: str = self._core.to_csv()
        return s

    def format_table(self) -> str:
        """A fixed-width text table."""
        s: str = self._core.format_table()
        return s


class ScorecardError(_core.ValidationError):
    """Raised by :func:`evaluate` with ``strict=True`` when the scorecard has
    error-severity diagnostics; ``problems`` lists them (dicts with severity,
    code, message, file, line, node, field) and ``scorecard`` is the result."""

    problems: list[dict[str, Any]]
    scorecard: Scorecard


def _raise_errors(sc: Scorecard) -> None:
    errors = sc.errors
    if errors.empty:
        return
    problems: list[dict[str, Any]] = [
        {str(k): (int(v) if k == "line" else str(v)) for k, v in row.items()}
        for row in errors.to_dict("records")
    ]

    def where(p: dict[str, Any]) -> str:
        parts = [str(p["file"]) + (f":{p['line']}" if p["line"] else "")] if p["file"] else []
        if p["node"]:
            parts.append(f"node '{p['node']}'")
        if p["field"]:
            parts.append(f"field '{p['field']}'")
        return ": ".join(parts + [f"{p['code']}: {p['message']}"])

    n = len(problems)
    msg = f"{n} error{'s' if n != 1 else ''} in the scorecard (strict=True)" + "".join(
        "\n  " + where(p) for p in problems
    )
    exc = ScorecardError(msg)
    exc.problems = problems
    exc.scorecard = sc
    raise exc


#: Parameters of :func:`evaluate` that are not scoring options.
_NOT_OPTIONS = ("model", "series", "as_of", "on_progress", "strict")


def _evaluate_options(kw: Mapping[str, Any]) -> _core.EvaluateOptions:
    """The C++ options of :func:`evaluate`'s keywords ``kw`` (every option
    present; :func:`evaluate_history` fills in evaluate's defaults)."""
    opt = _core.EvaluateOptions()
    opt.status_rule = kw["status_rule"]
    opt.tol = kw["tol"]
    opt.on_track_ratio = kw["on_track_ratio"]
    opt.behind_ratio = kw["behind_ratio"]
    opt.aspirational_success = kw["aspirational_success"]
    opt.grade_scale = kw["grade_scale"]
    yellow, green = kw["bands"]
    opt.bands = (float(yellow), float(green))
    if kw["rating"] is not None:
        opt.rating = [(float(lo), float(r), str(label)) for lo, r, label in kw["rating"]]
    opt.rules = [(str(op), float(f), float(off), str(label)) for op, f, off, label in kw["rules"]]
    opt.outlook = bool(kw["outlook"])
    opt.outlook_min_periods = int(kw["outlook_min_periods"])
    opt.forecast_based_status = bool(kw["forecast_based_status"])
    opt.threads = int(kw["threads"])
    opt.status_from = kw["status_from"]
    opt.disagree_on_track_below = float(kw["disagree_on_track_below"])
    opt.disagree_off_track_above = float(kw["disagree_off_track_above"])
    opt.reconcile = kw["reconcile"]
    opt.outlook_draws = int(kw["outlook_draws"])
    opt.seed = int(kw["seed"])
    opt.success_threshold = (
        None if kw["success_threshold"] is None else float(kw["success_threshold"])
    )
    opt.pace_amber_gap = float(kw["pace_amber_gap"])
    opt.pace_red_gap = float(kw["pace_red_gap"])
    opt.absolute_green = float(kw["absolute_green"])
    opt.absolute_red = float(kw["absolute_red"])
    opt.abandoned = kw["abandoned"]
    opt.grace_days = int(kw["grace_days"])
    opt.checkin_window_days = int(kw["checkin_window_days"])
    k_yellow, k_green = kw["kpi_default_thresholds"]
    opt.kpi_default_thresholds = (float(k_yellow), float(k_green))
    if kw["projected_progress"]:
        opt.projected_progress = {str(k): float(v) for k, v in kw["projected_progress"].items()}
    return opt


def evaluate(
    model: _core.Model,
    series: _core.SeriesStore,
    as_of: DateLike,
    *,
    status_rule: str = "tolerance",
    tol: float = 0.1,
    on_track_ratio: float = 0.7,
    behind_ratio: float = 0.4,
    aspirational_success: float = 0.7,
    grade_scale: str = "unit",
    bands: tuple[float, float] = (0.4, 0.7),
    rating: Sequence[tuple[float, float, str]] | None = None,
    rules: Sequence[tuple[str, float, float, str]] = (),
    projected_progress: Mapping[str, float] | None = None,
    outlook: bool = False,
    outlook_min_periods: int = 4,
    forecast_based_status: bool = False,
    threads: int = 1,
    on_progress: Callable[[int, int], object] | None = None,
    strict: bool = False,
    status_from: str = "pace",
    disagree_on_track_below: float = 0.2,
    disagree_off_track_above: float = 0.8,
    reconcile: str = "none",
    outlook_draws: int = 2000,
    seed: int = 42,
    success_threshold: float | None = None,
    pace_amber_gap: float = 10.0,
    pace_red_gap: float = 25.0,
    absolute_green: float = 0.75,
    absolute_red: float = 0.5,
    abandoned: str = "exclude",
    grace_days: int = 3,
    checkin_window_days: int = 14,
    kpi_default_thresholds: tuple[float, float] = (0.7, 0.9),
) -> Scorecard:
    """Score every node of ``model`` with measurements ``series`` at ``as_of``.

    Parameters
    ----------
    model : okrkit.Model
    series : okrkit.SeriesStore (finalized)
    as_of : datetime.date or "YYYY-MM-DD"
    status_rule : {"tolerance", "ratio", "gap"}
        ``gap``: the pace signal of docs/lifecycle.md (amber above
        ``pace_amber_gap`` points behind, red above ``pace_red_gap``; the
        absolute signal ``absolute_green`` / ``absolute_red`` without an
        expected progress).
    tol : float
        Tolerance of the tolerance rule.
    on_track_ratio, behind_ratio : float
        Thresholds of the ratio rule (p / e).
    aspirational_success : float
        Success level of aspirational objectives.
    grade_scale : {"unit", "percent"}
    bands : (yellow, green)
        Lowest yellow and lowest green 0-1 score of the ``band`` column.
    rating : sequence of (min, rating, label), optional
        Rating bands over the score; every scored node gets the ``rating``
        label of the band with the highest ``min`` <= its score.
    rules : sequence of (op, factor, offset, label)
        Evaluation rules for key results and KPIs: the first one for which
        ``value <op> factor * target + offset`` holds (op one of ``>=``,
        ``>``, ``<=``, ``<``, ``always``) gives the ``rule_label`` column.
    projected_progress : mapping of KR id to projected progress at the due date
        Forecast-based status for those key results.
    outlook : bool
        Trend (OLS slope, Mann-Kendall) and forecast columns (projected value
        and progress at the due date, probability of reaching the target,
        run-rate, target date, forecast status) for every key result and KPI
        with at least ``outlook_min_periods`` periods of history.
    outlook_min_periods : int
        Periods with data needed for the outlook (default 4).
    forecast_based_status : bool
        With ``outlook``: a key result's status is the forecast-based one
        (the same as ``status_from="forecast"``).
    threads : int
        Worker threads (0 = all cores); results do not depend on it.
    on_progress : callable(done, total), optional
        Called as key results and KPIs are scored (from a worker thread, never
        two at once); an exception it raises stops reporting and is raised
        when evaluate() returns.
    strict : bool
        Raise :class:`ScorecardError` (a :class:`okrkit.ValidationError`)
        listing every error-severity diagnostic instead of returning a
        scorecard that has some.
    status_from : {"pace", "forecast"}
        With ``outlook``: what decides a key result's status, the pace
        (progress against the expected progress, the default) or the
        forecast status.
    disagree_on_track_below, disagree_off_track_above : float
        With ``outlook``: a row whose pace status is on_track while
        P(target) is below the first, or off_track while P(target) is above
        the second, gets a warning diagnostic ``pace-forecast-disagree``
        (docs/scoring.md).
    reconcile : str
        With ``outlook``: reconcile the projections at the due date over the
        hierarchy the model implies (cascaded key results, KPIs with
        ``sum_of``; :func:`okrkit.forecast.hierarchy_from_model`), so that a
        parent's projection is the sum of its children's (docs/forecast.md):
        ``none``, ``bottom_up``, ``ols``, ``wls_struct``, the top-down
        ``average_proportions``, ``proportion_averages``,
        ``forecast_proportions``, or from the forecasts' in-sample residuals
        ``wls_var``, ``mint_cov``, ``mint_shrink``.
    outlook_draws : int
        With ``outlook``: Monte Carlo draws for the ``p_success`` column of
        objectives and units, P(the rolled-up score at the due date reaches
        the success level); 0 turns it off.
    seed : int
        Seed of those draws; the result never depends on ``threads``.
    success_threshold : float, optional
        The level ``p_success`` asks about; default the objective's success
        level (``aspirational_success`` or 1 for committed), the green band
        for units.
    pace_amber_gap, pace_red_gap, absolute_green, absolute_red : float
        Limits of the ``gap`` status rule (docs/lifecycle.md).
    abandoned : {"exclude", "zero"}
        Abandoned objectives and key results in roll-ups: left out or counted as 0.
    grace_days : int
        Days past the due date before an open node's health is ``outdated``.
    checkin_window_days : int
        Days a check-in's reported status decides the health.
    kpi_default_thresholds : (yellow, green)
        Lowest achievement for yellow and green of KPIs with a target and no thresholds.

    Invalid nodes (``validate()`` errors, e.g. a weight set to -1 in
    memory) are reported as error diagnostics on their rows and in
    ``Scorecard.diagnostics``.

    Returns
    -------
    Scorecard
    """
    opt = _evaluate_options(locals())
    from .dates import as_of_date  # NaT / None / tz-aware: clear errors, never a cast

    sc = Scorecard(_core.evaluate(model, series, as_of_date(as_of), opt, on_progress), model)
    sc._series = series  # for update(): the very store the scorecard was scored from
    if strict:
        _raise_errors(sc)
    return sc


class _HistoryArrow:
    """evaluate_history(..., arrow=True): the scorecards at each date, readable
    through the Arrow PyCapsule stream protocol (exported by the C++ core on
    every call, so it can be read more than once)."""

    def __init__(self, cards: list[_core.Scorecard]) -> None:
        self._cards = cards

    def __arrow_c_stream__(self, requested_schema: object | None = None) -> object:
        capsule: object = _core.history_arrow_stream(self._cards)
        return capsule

    def __len__(self) -> int:
        return sum(len(c) for c in self._cards)

    def __repr__(self) -> str:
        return f"<okrkit history: {len(self._cards)} dates, {len(self)} rows (Arrow stream)>"


def evaluate_history(
    model: _core.Model,
    series: _core.SeriesStore,
    dates: str | Sequence[DateLike],
    *,
    cycle: str | None = None,
    arrow: bool = False,
    **options: Any,
) -> Any:
    """The scorecard at each of ``dates`` as one long DataFrame (one row per
    date and node), for burn-up plots and reviews (docs/history-review.md).

    Parameters
    ----------
    model, series : as for :func:`evaluate`
    dates : sequence of dates, or "weekly" / "monthly"
        The as-of dates (any order; kept as given), or a step through the
        cycle: its start, every 7 days (weekly) or the first day of every
        later month (monthly), and its end.
    cycle : str, optional
        With "weekly" / "monthly": the cycle's id or period label; needed
        when the model has several cycles.
    arrow : bool
        Return an object with ``__arrow_c_stream__`` (exported by the C++
        core, no pandas) instead of a DataFrame: ``polars.DataFrame(h)``,
        ``pyarrow.table(h)`` or ``duckdb.sql("select * from h")`` read it.
        Its columns: ``as_of`` (date32), then the scorecard's (``id`` first).
    **options
        The scoring options of :func:`evaluate` (``status_rule``, ``tol``,
        ``outlook``, ...); a misspelt one is a TypeError.

    The model is resolved once and the rows re-scored at each date, with the
    same numbers as :func:`evaluate` at each date.

    Returns
    -------
    pandas.DataFrame
        Columns ``as_of`` (datetime64) then every column of
        :meth:`Scorecard.to_frame` with ``id`` as a column; rows by date (in
        the order given), then in scorecard order.
    """
    import inspect

    import pandas as pd

    from .dates import as_of_date

    bad = set(options) & set(_NOT_OPTIONS)
    if bad:
        raise TypeError(f"evaluate_history: {sorted(bad)} are not scoring options")
    bound = inspect.signature(evaluate).bind(model, series, None, **options)
    bound.apply_defaults()
    opt = _evaluate_options(bound.arguments)
    if isinstance(dates, str):
        ds = list(_core.history_dates(model, dates, cycle or ""))
    else:
        if cycle is not None:
            raise TypeError("evaluate_history: cycle= goes with dates='weekly' or 'monthly'")
        ds = [as_of_date(d) for d in dates]
    cards = _core.evaluate_history(model, series, ds, opt)
    if arrow:
        return _HistoryArrow(cards)
    frames = []
    for d, core in zip(ds, cards, strict=True):
        df = Scorecard(core, model).to_frame().reset_index()
        df.insert(0, "as_of", pd.Timestamp(d))
        frames.append(df)
    if not frames:
        return pd.DataFrame(columns=["as_of"] + [f.name for f in FIELDS])
    out = pd.concat(frames, ignore_index=True)
    for f in FIELDS:  # concat keeps a categorical only when every frame agrees: they do
        if f.kind == "category" and out[f.name].dtype != frames[0][f.name].dtype:
            out[f.name] = out[f.name].astype(frames[0][f.name].dtype)
    return out
