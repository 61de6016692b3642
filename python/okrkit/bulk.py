"""Bulk scorecards: one model scored at many dates, or for many entities.

These are the single-process reference paths; :mod:`okrkit.dask` and
:mod:`okrkit.spark` run :func:`score_frame` on partitions and must give the
same rows.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable
from typing import Any, Union

import pandas as pd

from .measurements import from_frame
from .progressbar import track
from .scoring import evaluate

__all__ = ["evaluate_many", "score_frame", "score_groups"]

DateLike = Union[_dt.date, str]


def _frame(sc: Any) -> pd.DataFrame:
    df: pd.DataFrame = sc.to_frame().reset_index()
    df.insert(0, "as_of", pd.Timestamp(sc.as_of))
    return df


def evaluate_many(
    model: Any,
    series: Any,
    as_of: Iterable[DateLike],
    *,
    progress: bool | None = None,
    **options: Any,
) -> pd.DataFrame:
    """Score ``model`` at every date of ``as_of``; one long DataFrame.

    Parameters
    ----------
    model : okrkit.Model
    series : okrkit.SeriesStore (finalized)
    as_of : iterable of date-like
        E.g. ``pd.date_range("2025-04-30", "2025-06-30", freq="ME").date``.
    progress : bool, optional
        Progress bar (default: only when interactive, see :mod:`okrkit.progressbar`).
    **options
        Passed to :func:`okrkit.evaluate` (``tol``, ``status_rule``, ...).

    Returns
    -------
    pandas.DataFrame
        The columns of :meth:`Scorecard.to_frame` plus ``as_of`` (datetime64)
        and ``id``, one row per node and date.
    """
    dates = list(as_of)
    frames = [
        _frame(evaluate(model, series, d, **options))
        for d in track(dates, desc="scoring", progress=progress)
    ]
    if not frames:
        return _frame(evaluate(model, series, _dt.date(1970, 1, 1), **options)).iloc[0:0]
    return pd.concat(frames, ignore_index=True)


def score_frame(
    model: Any,
    measurements: pd.DataFrame,
    as_of: DateLike,
    **options: Any,
) -> pd.DataFrame:
    """Score ``model`` on a long measurements DataFrame (series, date, value
    [, numerator, denominator]) at ``as_of``; the scorecard as a flat frame
    (``as_of``, ``id`` and the :meth:`Scorecard.to_frame` columns)."""
    store = from_frame(measurements)
    return _frame(evaluate(model, store, as_of, **options))


def score_groups(
    model: Any,
    measurements: pd.DataFrame,
    as_of: DateLike,
    *,
    by: str,
    progress: bool | None = None,
    **options: Any,
) -> pd.DataFrame:
    """Score the same model once per value of column ``by`` (a store, team or
    customer that shares the model template): one scorecard per group.

    Returns
    -------
    pandas.DataFrame
        Column ``by`` first, then the :func:`score_frame` columns; groups in
        sorted order.
    """
    out = []
    groups = measurements.groupby(by, sort=True, observed=True)
    for key, part in track(groups, total=groups.ngroups, desc="scoring", progress=progress):
        df = score_frame(model, part.drop(columns=[by]), as_of, **options)
        df.insert(0, by, key)
        out.append(df)
    return pd.concat(out, ignore_index=True)
