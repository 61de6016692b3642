"""Performance appraisal: KPI and OKR scores combined with calibrated,
multi-rater rubric ratings, mapped to rating bands (``docs/appraisal.md``)."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import _core

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "Appraisal",
    "AppraisalOptions",
    "Band",
    "Criterion",
    "PersonScores",
    "Rating",
    "Rubric",
    "appraise",
    "default_bands",
    "default_rubric",
    "load_person_scores",
    "load_ratings",
    "person_scores",
    "ratings_from_frame",
    "scores_from_frame",
]

AppraisalOptions = _core.AppraisalOptions
Band = _core.AppraisalBand
Criterion = _core.RubricCriterion
PersonScores = _core.PersonScores
Rating = _core.Rating
Rubric = _core.Rubric
default_bands = _core.default_bands
default_rubric = _core.default_rubric
load_person_scores = _core.load_person_scores
load_ratings = _core.load_ratings

_RATING_COLUMNS = ["person", "cycle", "rater", "role", "criterion", "rating"]


def ratings_from_frame(df: pd.DataFrame, *, rubric: Any = None) -> list[Any]:
    """Ratings from a DataFrame with columns person, cycle, rater, role,
    criterion, rating (and optional comment). Checked row by row exactly like
    the ratings CSV; problems raise ``okrkit.ValidationError`` naming the row
    (the header is row 1, the first data row is row 2)."""
    missing = [c for c in _RATING_COLUMNS if c not in df.columns]
    if missing:
        raise ValueError(f"ratings frame lacks columns: {', '.join(missing)}")
    cols = _RATING_COLUMNS + (["comment"] if "comment" in df.columns else [])
    text = df[cols].to_csv(index=False, lineterminator="\n")
    rb = rubric if rubric is not None else _core.default_rubric()
    return list(_core.parse_ratings(text, "<DataFrame>", rb))


def scores_from_frame(df: pd.DataFrame) -> list[Any]:
    """Person scores from a DataFrame with columns person, kpi_score, okr_score
    (NaN = missing)."""
    out = []
    for d in df.to_dict("records"):
        kpi = d.get("kpi_score")
        okr = d.get("okr_score")
        out.append(
            _core.PersonScores(
                person=str(d["person"]),
                kpi=None if kpi is None or math.isnan(kpi) else float(kpi),
                okr=None if okr is None or math.isnan(okr) else float(okr),
            )
        )
    return out


def _core_scorecard(scorecard: Any) -> Any:
    """The C++ scorecard behind an ``okrkit.Scorecard`` (or itself)."""
    if isinstance(scorecard, _core.Scorecard):
        return scorecard
    inner = getattr(scorecard, "_core", None)
    if isinstance(inner, _core.Scorecard):
        return inner
    raise TypeError("scorecard must be an okrkit.Scorecard")


def _records(items: Any, columns: list[str]) -> pd.DataFrame:
    """DataFrame of C++ result rows, one column per attribute of the same name."""
    import pandas as pd

    return pd.DataFrame(
        [tuple(getattr(item, c) for c in columns) for item in items], columns=columns
    )


def _cycle_at(model: Any, day: dt.date) -> str | None:
    """The first listed cycle of ``model`` containing ``day`` (as the CLI picks it)."""
    for c in model.cycles:
        if c.start <= day <= c.end:
            return str(c.id)
    return None


def _scorecard_scores(
    model: Any, scorecard: Any, data: Any, as_of: dt.date | str | None, cycle: str | None
) -> list[Any]:
    if model is None:
        raise ValueError("scores from a scorecard or data need the model")
    if scorecard is None:
        if as_of is None:
            raise ValueError("scores from data need as_of")
        if not isinstance(data, _core.SeriesStore):
            from .measurements import from_frame

            data = from_frame(data)
        from .dates import as_of_date

        core = _core.evaluate(model, data, as_of_date(as_of))
    else:
        core = _core_scorecard(scorecard)
    if cycle is None:
        cycle = _cycle_at(model, core.as_of)
    return list(_core.person_scores(model, core, cycle))


def person_scores(
    model: Any,
    scorecard: Any = None,
    *,
    data: Any = None,
    as_of: dt.date | str | None = None,
    cycle: str | None = None,
) -> pd.DataFrame:
    """KPI and OKR score per person (node owner) from a scorecard.

    KPI score = weight-weighted mean attainment of the KPIs the person owns;
    OKR score = weight-weighted mean score of the objectives the person owns
    whose cycle overlaps ``cycle`` (a person who owns none: of the key results
    they own there). Both on 0..1; see ``docs/appraisal.md``.

    Parameters
    ----------
    model
        The ``okrkit.Model`` that was (or is to be) scored.
    scorecard
        An ``okrkit.Scorecard``; or pass ``data`` and ``as_of`` to score here.
    data
        Measurements (``okrkit.SeriesStore`` or a long DataFrame).
    as_of
        The scoring date (with ``data``).
    cycle
        Cycle id the objectives must overlap; default: the first model cycle
        containing the scorecard's date (every cycle when none does).

    Returns
    -------
    pandas.DataFrame
        Columns person, kpi_score, okr_score (NaN = none), kpi_from,
        okr_from (the node ids behind each number).
    """
    import pandas as pd

    rows = _scorecard_scores(model, scorecard, data, as_of, cycle)
    return pd.DataFrame(
        [
            (
                p.person,
                math.nan if p.kpi is None else p.kpi,
                math.nan if p.okr is None else p.okr,
                list(p.kpi_from),
                list(p.okr_from),
            )
            for p in rows
        ],
        columns=["person", "kpi_score", "okr_score", "kpi_from", "okr_from"],
    )


@dataclass(frozen=True)
class Appraisal:
    """The result of :func:`appraise`, with pandas views.

    Attributes
    ----------
    result
        The ``okrkit.AppraisalResult`` from the C++ core.
    """

    result: Any

    def __repr__(self) -> str:
        return f"<Appraisal {len(self.result.rows)} people>"

    @property
    def diagnostics(self) -> list[dict[str, Any]]:
        """Warnings about the input (``unknown="warn"``): severity, code,
        message, file, line, node, field."""
        return list(self.result.diagnostics)

    def __arrow_c_stream__(self, requested_schema: object | None = None) -> object:
        """The Arrow PyCapsule stream protocol (the columns of :meth:`to_frame`,
        lists as ``list<string>``, exported by the C++ core without pandas):
        ``pyarrow.table(a)``, ``polars.DataFrame(a)``,
        ``duckdb.sql("select * from a")``. ``requested_schema`` is ignored."""
        capsule: object = _core.appraisal_arrow_stream(self.result)
        return capsule

    def to_frame(self) -> pd.DataFrame:
        """One row per person and cycle with every component and the raters behind it."""
        import pandas as pd

        rows = []
        for r in self.result.rows:
            rec: dict[str, Any] = {
                "cycle": r.cycle,
                "person": r.person,
                "name": r.name,
                "unit": r.unit,
                "kpi_score": r.kpi_score,
                "okr_score": r.okr_score,
                "kpi_from": list(r.kpi_from),
                "okr_from": list(r.okr_from),
            }
            raters: list[str] = []
            trimmed: list[str] = []
            for role in r.roles:
                rec[role.role] = role.score
                rec[f"{role.role}_raters"] = len(role.raters)
                rec[f"{role.role}_counted"] = role.counted
                raters += [f"{x} ({role.role})" for x in role.raters]
                trimmed += role.trimmed
            rec.update(
                competency=r.competency,
                competency_score=r.competency_score,
                final_score=r.final_score,
                band=r.band,
                raters=raters,
                trimmed=trimmed,
                notes=list(r.notes),
            )
            rows.append(rec)
        return pd.DataFrame(rows)

    @property
    def table(self) -> pd.DataFrame:
        """Same as :meth:`to_frame`."""
        return self.to_frame()

    @property
    def criteria(self) -> pd.DataFrame:
        """Mean raw and calibrated rating per person, criterion and role."""
        return _records(
            self.result.criteria,
            ["cycle", "person", "criterion", "role", "raw", "calibrated", "raters"],
        )

    @property
    def raters(self) -> pd.DataFrame:
        """Each rater's mean, SD, people rated and calibration treatment."""
        return _records(
            self.result.raters, ["cycle", "rater", "ratings", "people", "mean", "sd", "treatment"]
        )

    @property
    def distribution(self) -> pd.DataFrame:
        """Actual vs target share per cycle, unit ("*" = everybody) and band."""
        return _records(
            self.result.distribution,
            ["cycle", "unit", "band", "count", "people", "actual", "target", "gap"],
        )

    def to_json(self) -> str:
        """The JSON the CLI writes."""
        return str(_core.format_appraisal_json(self.result))

    def to_csv(self) -> str:
        """The CSV the CLI writes."""
        return str(_core.format_appraisal_csv(self.result))

    def _repr_html_(self) -> str:
        frame: Any = self.to_frame()  # pandas-stubs does not declare _repr_html_
        return str(frame._repr_html_())


def appraise(
    ratings: Any,
    scores: Any = None,
    model: Any = None,
    *,
    scorecard: Any = None,
    data: Any = None,
    as_of: dt.date | str | None = None,
    cycle: str | None = None,
    calibration: str = "none",
    trim: float = 0.0,
    min_raters: Mapping[str, int] | None = None,
    include_self: bool = False,
    role_weights: Mapping[str, float] | None = None,
    weights: Sequence[float] = (0.6, 0.2, 0.2),
    bands: Mapping[str, float] | None = None,
    target_distribution: Mapping[str, float] | None = None,
    rubric: Any = None,
    min_people_for_calibration: int = 2,
    calibration_centre: float | None = None,
    calibration_spread: float = 1.0,
    unknown: str = "error",
) -> Appraisal:
    """Combine KPI / OKR scores and rubric ratings per person and cycle.

    Parameters
    ----------
    ratings
        A DataFrame (person, cycle, rater, role, criterion, rating[, comment]),
        a path to such a CSV, or a list of ``okrkit.Rating``.
    scores
        KPI / OKR scores on 0..1: a DataFrame (person, kpi_score, okr_score),
        a mapping ``{person: (kpi, okr)}``, or a list of ``okrkit.PersonScores``.
        With ``scorecard`` or ``data`` these override the computed scores,
        person by person and cell by cell (a missing cell keeps the computed one).
    model
        An ``okrkit.Model``: gives names and units (for the distribution report)
        and the owners behind the computed scores.
    scorecard
        An ``okrkit.Scorecard`` of ``model``: KPI and OKR scores per person are
        computed from it (:func:`person_scores`).
    data, as_of
        Measurements and the scoring date: ``model`` is scored here and the
        scores computed as with ``scorecard``.
    cycle
        Cycle id for the computed OKR scores; default: the first model cycle
        containing the scorecard's date.
    calibration
        ``"none"``, ``"mean_centre"`` or ``"z_score"`` (per rater, per cycle).
    trim
        Fraction of raters trimmed from each end of a role, in [0, 0.5).
    min_raters
        Minimum distinct raters for a role to count, e.g. ``{"peer": 2}``.
    include_self
        Count the self-rating (with ``role_weights["self"]``); it is always reported.
    role_weights
        Weights of self / manager / peer / report (defaults 0 / 0.5 / 0.3 / 0.2).
    weights
        Component weights (KPI, OKR, competencies).
    bands
        ``{band name: minimum final score}``; default five bands.
    target_distribution
        ``{band name: share}`` summing to 1; reported beside the actual shares,
        never enforced.
    rubric
        An ``okrkit.Rubric``; default :func:`okrkit.default_rubric`.
    min_people_for_calibration, calibration_centre, calibration_spread
        See ``docs/appraisal.md``.
    unknown
        ``"error"`` (default): ratings or scores of a person who is not in
        ``model`` (not a person, not an owner) and ratings on a criterion the
        rubric does not define raise ValueError naming file:line and the
        person / criterion; ``"warn"`` keeps them and lists warnings in
        ``Appraisal.diagnostics``. Bands that are NaN, overlap or leave a gap
        always raise ValueError.

    Returns
    -------
    Appraisal
    """
    rb = rubric if rubric is not None else _core.default_rubric()
    if isinstance(ratings, (str, Path)):
        rs = list(_core.load_ratings(str(ratings), rb))
    elif hasattr(ratings, "columns"):
        rs = ratings_from_frame(ratings, rubric=rb)
    else:
        rs = list(ratings)
    if scores is None:
        sc: list[Any] = []
    elif hasattr(scores, "columns"):
        sc = scores_from_frame(scores)
    elif isinstance(scores, Mapping):
        sc = [_core.PersonScores(person=p, kpi=v[0], okr=v[1]) for p, v in scores.items()]
    else:
        sc = list(scores)
    if scorecard is not None or data is not None:
        computed = _scorecard_scores(model, scorecard, data, as_of, cycle)
        sc = list(_core.merge_person_scores(computed, sc))
    o = _core.AppraisalOptions()
    o.calibration = calibration
    o.trim = trim
    o.include_self = include_self
    if min_raters is not None:
        o.min_raters = dict(min_raters)
    if role_weights is not None:
        rw = dict(o.role_weights)
        rw.update(role_weights)
        o.role_weights = rw
    if len(weights) != 3:
        raise ValueError("weights must be (kpi, okr, competency)")
    o.kpi_weight, o.okr_weight, o.competency_weight = (float(w) for w in weights)
    if bands is not None:
        o.bands = [_core.AppraisalBand(name, float(lo)) for name, lo in bands.items()]
    if target_distribution is not None:
        o.target_distribution = dict(target_distribution)
    o.min_people_for_calibration = min_people_for_calibration
    o.calibration_centre = calibration_centre
    o.calibration_spread = calibration_spread
    o.unknown = unknown
    return Appraisal(_core.appraise(rs, sc, model, rb, o))
