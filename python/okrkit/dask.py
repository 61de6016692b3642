"""Score many scorecards on a Dask cluster (an optional dependency).

Recipe: measurements of many entities (stores, teams, customers) that share
one model template sit in a Dask DataFrame with an entity column ``by``;
:func:`score_groups` runs :func:`okrkit.bulk.score_frame` once per entity with
``groupby(by).apply`` — each task scores one entity's scorecard in C++ with
the GIL released, and the model travels to the workers by pickle (versioned).
The result equals :func:`okrkit.bulk.score_groups` on the whole frame.

Example
-------
>>> import dask.dataframe as dd                                # doctest: +SKIP
>>> ddf = dd.from_pandas(df, npartitions=8)                    # doctest: +SKIP
>>> out = okrkit.dask.score_groups(model, ddf, "2025-06-30", by="store").compute()
"""

from __future__ import annotations

import datetime as _dt
from typing import Any, Union

import pandas as pd

from .bulk import score_frame

__all__ = ["meta", "score_groups"]

DateLike = Union[_dt.date, str]


def _require() -> Any:
    try:
        import dask.dataframe as dd
    except ImportError as e:  # pragma: no cover - exercised only without dask
        raise ImportError(
            "okrkit.dask needs dask: pip install 'dask[dataframe,distributed]'"
        ) from e
    return dd


def meta(
    model: Any, as_of: DateLike, by: str, by_dtype: Any = object, **options: Any
) -> pd.DataFrame:
    """The empty frame (columns and dtypes) that :func:`score_groups` returns."""
    empty = pd.DataFrame(
        {
            "series": pd.Series([], dtype=object),
            "date": pd.Series([], dtype="datetime64[ns]"),
            "value": pd.Series([], dtype=float),
        }
    )
    m = score_frame(model, empty, as_of, **options).iloc[0:0]
    m.insert(0, by, pd.Series([], dtype=by_dtype))
    return m


def _score_group(
    part: pd.DataFrame, model: Any, as_of: DateLike, by: str, options: dict[str, Any]
) -> pd.DataFrame:
    # pandas >= 3 leaves the group column out of the group: the key is its name.
    key = part.name
    df = score_frame(model, part.drop(columns=[by], errors="ignore"), as_of, **options)
    df.insert(0, by, key)
    return df


def score_groups(model: Any, measurements: Any, as_of: DateLike, *, by: str, **options: Any) -> Any:
    """Score ``model`` once per value of column ``by`` of a Dask DataFrame.

    Parameters
    ----------
    model : okrkit.Model
    measurements : dask.dataframe.DataFrame
        Long measurements (``by``, series, date, value [, numerator, denominator]).
    as_of : date-like
    by : str
        The entity column.
    **options
        Passed to :func:`okrkit.evaluate`.

    Returns
    -------
    dask.dataframe.DataFrame
        Lazy; ``.compute()`` gives the rows of :func:`okrkit.bulk.score_groups`
        (sort by ``[by, "id"]`` to compare: Dask does not keep group order).
    """
    _require()
    m = meta(model, as_of, by, measurements.dtypes[by], **options)
    return (
        measurements.groupby(by)
        .apply(_score_group, model, as_of, by, options, meta=m)
        .reset_index(drop=True)
    )
