"""SMART lint: check a model for goals that are not Specific, Measurable,
Achievable, Relevant and Time-bound, and for structural problems.

Every rule has a stable id (``S001`` ... ``X013``); see ``docs/lint.md``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from . import _core
from .dates import as_of_date

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["LintOptions", "LintReport", "LintRule", "NodeOutlook", "lint", "rules"]

NodeOutlook = _core.NodeOutlook
LintOptions = _core.LintOptions
LintRule = _core.LintRule

_COLUMNS = ["rule", "name", "severity", "node", "field", "file", "line", "message"]


def rules() -> pd.DataFrame:
    """Every lint rule as a DataFrame (id, name, severity, summary), in id order."""
    import pandas as pd

    return pd.DataFrame(
        [(r.id, r.name, r.severity, r.summary) for r in _core.lint_rules()],
        columns=["id", "name", "severity", "summary"],
    )


@dataclass(frozen=True)
class LintReport:
    """The findings of one lint run.

    Attributes
    ----------
    findings
        ``okrkit.Diagnostic`` values; ``code`` is the rule id.
    """

    findings: list[Any]

    def __len__(self) -> int:
        return len(self.findings)

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self.findings)

    def __repr__(self) -> str:
        return f"<LintReport {len(self.findings)} findings, exit status {self.exit_status}>"

    @property
    def exit_status(self) -> int:
        """0 for no findings or info only, 3 for warnings, 4 for errors (as the CLI)."""
        return int(_core.lint_exit_status(self.findings))

    @property
    def rule_ids(self) -> list[str]:
        """The rule id of every finding, in order."""
        return [d.code for d in self.findings]

    def to_frame(self) -> pd.DataFrame:
        """One row per finding: rule, name, severity, node, field, file, line, message."""
        import pandas as pd

        names = {r.id: r.name for r in _core.lint_rules()}
        rows = [
            (
                d.code,
                names.get(d.code, ""),
                d.severity,
                d.where.node,
                d.where.field,
                d.where.file,
                d.where.line,
                d.message,
            )
            for d in self.findings
        ]
        return pd.DataFrame(rows, columns=_COLUMNS)

    def __arrow_c_stream__(self, requested_schema: object | None = None) -> object:
        """The Arrow PyCapsule stream protocol (the columns of :meth:`to_frame`,
        exported by the C++ core without pandas): ``pyarrow.table(report)``,
        ``polars.DataFrame(report)``, ``duckdb.sql("select * from report")``.
        ``requested_schema`` is ignored."""
        capsule: object = _core.lint_arrow_stream(list(self.findings))
        return capsule

    def to_table(self) -> str:
        """The aligned text table the CLI prints."""
        return str(_core.format_lint_table(self.findings))

    def to_json(self) -> str:
        """JSON: findings and a summary."""
        return str(_core.format_lint_json(self.findings))

    def to_sarif(self) -> str:
        """SARIF 2.1.0 JSON for code-scanning tools."""
        return str(_core.format_lint_sarif(self.findings))

    def _repr_html_(self) -> str:
        frame: Any = self.to_frame()  # pandas-stubs does not declare _repr_html_
        return str(frame._repr_html_())


def _outlook(value: Any) -> Any:
    if isinstance(value, _core.NodeOutlook):
        return value
    return _core.NodeOutlook(**dict(value))


def lint(
    model: Any,
    data: Any = None,
    *,
    as_of: dt.date | str | None = None,
    outlook: Mapping[str, Any] | Any | None = None,
    forecast: bool = True,
    series_trend: bool = True,
    disable: Iterable[str] = (),
    **thresholds: Any,
) -> LintReport:
    """Lint a model.

    Parameters
    ----------
    model
        An ``okrkit.Model``.
    data
        Measurements: an ``okrkit.SeriesStore`` or a long DataFrame
        (series, date, value); enables the data rules (M004, A004, T004) and,
        with ``forecast``, the forecast behind A001.
    as_of
        The date the data rules look from; default: the latest measurement.
    outlook
        What the achievable rules A001 / A002 read. Either an
        ``okrkit.Scorecard`` evaluated with ``outlook=True`` (its probability,
        trend and value per key result / KPI), or a mapping of node id
        (key result or KPI) to ``okrkit.NodeOutlook`` or a dict with
        ``probability``, ``trend_per_day``, ``current``, ``current_date``.
        When omitted and ``data`` is given, the model is scored at ``as_of``
        with the outlook on and its forecast probability feeds A001, while the
        least-squares trend of each series feeds A002 (``docs/lint.md``).
    forecast
        Set False to skip the scorecard forecast (A001 then stays silent
        unless ``outlook`` gives probabilities).
    series_trend
        With ``forecast=False``: set False to skip the least-squares trend too.
    disable
        Rule ids to switch off (on top of the model's own ``lint_disable``).
    **thresholds
        Any ``okrkit.LintOptions`` field, e.g. ``max_key_results=4``.

    Returns
    -------
    LintReport
    """
    if data is not None and not isinstance(data, _core.SeriesStore):
        from .measurements import from_frame

        data = from_frame(data)
    options = _core.LintOptions()
    options.disable = list(disable)
    for key, value in thresholds.items():
        if not hasattr(options, key):
            raise TypeError(f"lint() got an unexpected keyword argument '{key}'")
        setattr(options, key, value)
    table: dict[str, Any] | None = None
    scorecard: Any = None
    if outlook is None:
        pass
    elif isinstance(outlook, _core.Scorecard):
        scorecard = outlook
    elif isinstance(inner := getattr(outlook, "_core", None), _core.Scorecard):
        scorecard = inner  # an okrkit.Scorecard
    elif isinstance(outlook, Mapping):
        table = {str(k): _outlook(v) for k, v in outlook.items()}
    else:
        raise TypeError("outlook must be an okrkit.Scorecard or a mapping of node id to outlook")
    found = _core.lint(
        model,
        data,
        as_of=None if as_of is None else as_of_date(as_of),
        outlook=table,
        scorecard=scorecard,
        forecast=forecast,
        series_trend=series_trend,
        options=options,
    )
    return LintReport(list(found))
