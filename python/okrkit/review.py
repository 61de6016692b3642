"""The review of a cycle between two dates (docs/history-review.md, "Review").

:func:`review` wraps the C++ ``okrkit::review()``: the scorecards at ``start``
and ``end`` (and weekly between them, for the burn-ups) from one history
evaluator, compared row by row. The DataFrames are built from the C++ JSON
writer, so every interface reports the same records.
"""

from __future__ import annotations

import datetime as dt
import inspect
import json
import re
from functools import cached_property
from typing import TYPE_CHECKING, Any

from . import _core
from .scoring import _NOT_OPTIONS, Scorecard, _evaluate_options, evaluate

if TYPE_CHECKING:
    import pandas as pd

    from .scoring import DateLike

__all__ = ["Review", "review"]

#: Columns of each frame (also when it is empty), in the order of the JSON.
_COLUMNS: dict[str, list[str]] = {
    "changes": ["node", "kind", "title", "field", "before", "after", "reason"],
    "movers": ["node", "kind", "title", "direction", "before", "after", "delta"],
    "risks": [
        "node",
        "kind",
        "title",
        "risk",
        "before",
        "after",
        "probability_before",
        "probability_after",
        "reason",
    ],
    "stale": ["node", "title", "objective", "last_update", "reason"],
    "closed": ["node", "kind", "title", "state", "closed_on", "final_score", "note"],
    "cycles": ["cycle", "before", "after", "delta", "reason_before", "reason_after"],
}
_DATES = {"stale": ["last_update"], "closed": ["closed_on"]}
_NUMBERS = {
    "movers": ["before", "after", "delta"],
    "risks": ["probability_before", "probability_after"],
    "closed": ["final_score"],
    "cycles": ["before", "after", "delta"],
}

#: The C++ messages name the CLI options; Python users pass keywords.
_OPTION_NAMES = [
    ("--from", "start"),
    ("--to", "end"),
    ("--cycle", "cycle="),
    ("--risk-threshold", "risk_threshold"),
]


class Review:
    """What changed in a cycle between two dates: the result of :func:`review`.

    The frames (:attr:`changes`, :attr:`movers`, :attr:`risks`,
    :attr:`stale`, :attr:`closed`, :attr:`cycles`, :attr:`burnups`) are
    pandas DataFrames; :attr:`before` and :attr:`after` are the scorecards
    at the two ends; :meth:`to_html` is the standalone report with a burn-up
    per objective."""

    def __init__(self, core: _core.Review, model: _core.Model | None = None) -> None:
        self._core = core
        self._model = model

    @property
    def start(self) -> dt.date:
        """First day of the window."""
        return self._core.start

    @property
    def end(self) -> dt.date:
        """Last day of the window."""
        return self._core.end

    @property
    def cycle(self) -> str:
        """Id of the cycle reviewed."""
        return self._core.cycle

    @property
    def before(self) -> Scorecard:
        """The scorecard at :attr:`start`."""
        return Scorecard(self._core.before, self._model)

    @property
    def after(self) -> Scorecard:
        """The scorecard at :attr:`end`."""
        return Scorecard(self._core.after, self._model)

    @cached_property
    def _data(self) -> dict[str, Any]:
        data: dict[str, Any] = json.loads(self._core.to_json())
        return data

    def _frame(self, name: str) -> pd.DataFrame:
        import pandas as pd

        df = pd.DataFrame(self._data[name], columns=_COLUMNS[name])
        for col in _DATES.get(name, []):
            df[col] = pd.to_datetime(df[col])
        for col in _NUMBERS.get(name, []):
            df[col] = df[col].astype("float64")
        return df

    @property
    def changes(self) -> pd.DataFrame:
        """Status and health changes: node, kind, title, field ("status" /
        "health"), before, after, reason (why it is ``after`` now)."""
        return self._frame("changes")

    @property
    def movers(self) -> pd.DataFrame:
        """The biggest score moves: the top ``top`` up (largest first), then
        the top ``top`` down; ``delta`` = after - before (0-1 scores)."""
        return self._frame("movers")

    @property
    def risks(self) -> pd.DataFrame:
        """New risks: ``risk`` "probability" (P(target) fell below the
        threshold) or "red_kpi" (a KPI turned red)."""
        return self._frame("risks")

    @property
    def stale(self) -> pd.DataFrame:
        """Open key results without a check-in or measurement in the window;
        ``last_update`` is the latest before it (NaT: never)."""
        return self._frame("stale")

    @property
    def closed(self) -> pd.DataFrame:
        """Objectives and key results closed (achieved, missed, abandoned) in the window."""
        return self._frame("closed")

    @property
    def cycles(self) -> pd.DataFrame:
        """The cycle score at the start and at the end."""
        return self._frame("cycles")

    @property
    def burnups(self) -> pd.DataFrame:
        """One row per objective and weekly date: objective, title, date,
        actual (score), expected."""
        import pandas as pd

        rows = [
            {
                "objective": b["objective"],
                "title": b["title"],
                "date": p["date"],
                "actual": p["actual"],
                "expected": p["expected"],
            }
            for b in self._data["burnups"]
            for p in b["points"]
        ]
        df = pd.DataFrame(rows, columns=["objective", "title", "date", "actual", "expected"])
        df["date"] = pd.to_datetime(df["date"])
        for col in ("actual", "expected"):
            df[col] = df[col].astype("float64")
        return df

    def to_json(self) -> str:
        """The review as JSON (C++ ``review_to_json()``)."""
        return self._core.to_json()

    def to_html(self) -> str:
        """The standalone HTML report: no external resources, no scripts."""
        return self._core.to_html()

    def to_markdown(self) -> str:
        """The review as Markdown tables."""
        return self._core.to_markdown()

    def format_table(self) -> str:
        """The review as aligned text (what ``okrkit review`` prints)."""
        return self._core.format_table()

    def _repr_html_(self) -> str:
        # The page's style and body, without the document wrapper, for notebooks.
        page = self.to_html()
        style = page[page.index("<style>") : page.rindex("</style>") + len("</style>")]
        body = page[page.index("<body>") + len("<body>") : page.index("</body>")]
        return f'<div class="okrkit-review">{style}{body}</div>'

    def __str__(self) -> str:
        return self.format_table()

    def __repr__(self) -> str:
        d = self._data
        up = sum(1 for m in d["movers"] if m["direction"] == "up")
        return (
            f"<okrkit Review of cycle {self.cycle} {self.start}..{self.end}: "
            f"{len(d['changes'])} changes, {up} movers up, {len(d['movers']) - up} down, "
            f"{len(d['risks'])} risks, {len(d['stale'])} stale, {len(d['closed'])} closed>"
        )


def _python_names(message: str) -> str:
    for option, keyword in _OPTION_NAMES:
        message = re.sub(re.escape(option) + r"(?![\w-])", keyword, message)
    return message


def review(
    model: _core.Model,
    data: _core.SeriesStore,
    *,
    start: DateLike,
    end: DateLike,
    cycle: str | None = None,
    top: int = 5,
    risk_threshold: float = 0.5,
    outlook: bool = True,
    **options: Any,
) -> Review:
    """What changed in a cycle between ``start`` and ``end`` (both included).

    Parameters
    ----------
    model, data : okrkit.Model and a finalized okrkit.SeriesStore
    start, end : datetime.date or "YYYY-MM-DD"
        The window, e.g. the last two check-ins or the quarter.
    cycle : str, optional
        The cycle (id or period label); default the one cycle containing
        both dates.
    top : int
        Movers listed each way (up and down).
    risk_threshold : float
        A key result or KPI whose P(target) falls from at or above this to
        below it is a new risk.
    outlook : bool
        Forecasts (P(target) risks and the burn-ups' forecast fans); on by
        default, as in ``okrkit review``.
    **options
        The other scoring options of :func:`okrkit.evaluate`; a misspelt one is
        a TypeError.

    Raises
    ------
    okrkit.DomainError
        ``start`` after ``end``, an unknown ``cycle``, a window not inside
        one cycle, a threshold outside [0, 1]; the message names the keyword.
    """
    from .dates import as_of_date

    bad = set(options) & set(_NOT_OPTIONS)
    if bad:
        raise TypeError(f"review: {sorted(bad)} are not scoring options")
    if isinstance(top, bool) or not isinstance(top, int) or top < 0:
        raise TypeError(f"review: top= must be a whole number >= 0, not {top!r}")
    bound = inspect.signature(evaluate).bind(model, data, None, outlook=outlook, **options)
    bound.apply_defaults()
    opt = _evaluate_options(bound.arguments)
    s = as_of_date(start, what="start")
    e = as_of_date(end, what="end")
    try:
        core = _core.review(model, data, s, e, opt, cycle or "", top, float(risk_threshold))
    except _core.DomainError as exc:
        raise type(exc)(_python_names(str(exc))) from None
    return Review(core, model)
