"""Score many scorecards with PySpark (an optional dependency).

Recipe: the same as :mod:`okrkit.dask` on a Spark DataFrame:
``df.groupBy(by).applyInPandas(...)`` hands each entity's measurements to
:func:`okrkit.bulk.score_frame` as a pandas frame on an executor. The output
schema is fixed (:func:`schema`), numbers are doubles, dates are dates,
categorical columns become strings.

Example
-------
>>> out = okrkit.spark.score_groups(model, sdf, "2025-06-30", by="store")  # doctest: +SKIP
>>> out.toPandas()                                                          # doctest: +SKIP
"""

from __future__ import annotations

import datetime as _dt
from typing import Any, Union

import pandas as pd

from .bulk import score_frame
from .scoring import FIELDS

__all__ = ["COLUMNS", "schema", "score_groups", "to_spark_types"]

DateLike = Union[_dt.date, str]

# Spark SQL type of each field kind of okrkit.scoring.FIELDS.
_SPARK_TYPES: dict[str, str] = {
    "text": "string",
    "category": "string",
    "number": "double",
    "date": "date",
    "flag": "boolean",
    "count": "bigint",
    "diagnostics": "string",
}

#: Output columns after the entity column, with their Spark SQL types:
#: ``as_of``, then every scorecard field (:data:`okrkit.scoring.FIELDS`).
COLUMNS: tuple[tuple[str, str], ...] = (("as_of", "date"),) + tuple(
    (f.name, _SPARK_TYPES[f.kind]) for f in FIELDS
)


def schema(by: str, by_type: str = "string") -> str:
    """The DDL schema string of :func:`score_groups`' output."""
    return ", ".join([f"`{by}` {by_type}"] + [f"`{n}` {t}" for n, t in COLUMNS])


def to_spark_types(df: pd.DataFrame, by: str) -> pd.DataFrame:
    """A :func:`okrkit.bulk.score_frame` result reduced to :data:`COLUMNS`
    with Spark-friendly dtypes (strings for categories, dates for datetimes)."""
    out = pd.DataFrame({by: df[by]})
    for name, t in COLUMNS:
        col = df[name]
        if t == "string":
            out[name] = col.astype(object).where(col.notna(), None)
        elif t == "date":
            out[name] = pd.to_datetime(col).dt.date.where(col.notna(), None)
        elif t == "boolean":
            out[name] = col.astype(bool)
        elif t == "bigint":
            out[name] = col.astype("int64")
        else:
            out[name] = col.astype(float)
    return out


def score_groups(
    model: Any,
    measurements: Any,
    as_of: DateLike,
    *,
    by: str,
    by_type: str = "string",
    **options: Any,
) -> Any:
    """Score ``model`` once per value of column ``by`` of a Spark DataFrame.

    Parameters
    ----------
    model : okrkit.Model
        Pickled (versioned state) to the executors.
    measurements : pyspark.sql.DataFrame
        Columns ``by``, series, date, value [, numerator, denominator].
    as_of : date-like
    by : str
    by_type : str
        Spark SQL type of ``by`` in the output schema.
    **options
        Passed to :func:`okrkit.evaluate`.

    Returns
    -------
    pyspark.sql.DataFrame
        Lazy; columns ``by`` and :data:`COLUMNS`.
    """

    def run(part: pd.DataFrame) -> pd.DataFrame:
        key = part[by].iloc[0]
        df = score_frame(model, part.drop(columns=[by]), as_of, **options)
        df.insert(0, by, key)
        return to_spark_types(df, by)

    return measurements.groupBy(by).applyInPandas(run, schema=schema(by, by_type))
