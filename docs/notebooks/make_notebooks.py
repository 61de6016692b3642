"""Write the docs notebooks (unexecuted) from the cell sources below.

Run ``python docs/notebooks/make_notebooks.py [NAME ...]`` after editing (names
limit it to those notebooks, e.g. ``lint appraisal``); the tests
(tests/python/test_notebooks.py) execute every notebook with nbclient, and
the documentation build (docs/conf.py, myst-nb) executes them again and shows
their outputs. Do not switch matplotlib to Agg in a notebook: the kernel's
inline backend already draws headless, and with Agg the figures would never
reach the page (tests/python/test_docs_build.py counts them).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

HERE = Path(__file__).resolve().parent


def nb(cells: list[tuple[str, str]], requires: tuple[str, ...] = ()) -> Any:
    out = new_notebook(
        cells=[new_markdown_cell(s) if k == "md" else new_code_cell(s) for k, s in cells]
    )
    for i, c in enumerate(out.cells):
        c.id = f"cell-{i:02d}"  # stable ids: regenerating does not churn the files
    out.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    if requires:
        out.metadata["okrkit"] = {"requires": list(requires)}
    return out


def _open(scenario: str) -> str:
    """Cell source: find examples/scenarios/<scenario> from the notebook's folder."""
    return (
        "root = Path.cwd()\n"
        "while not (root / 'examples' / 'scenarios').exists():\n"
        "    root = root.parent\n"
        f"here = root / 'examples' / 'scenarios' / {scenario!r}\n"
    )


QUICKSTART = [
    (
        "md",
        "# okrkit quick start\n\n"
        "Load a model and its measurements, score them, plot the scorecard and ask "
        "whether a key result will make it — in a few cells. The data are the Q2 2025 "
        "of Brightwave Foods' marketing department: five channel teams (content & SEO, "
        "paid search, social, lifecycle e-mail, events), 42 people, weekly sessions, "
        "leads and spend per channel since January. They were generated once by "
        "`examples/generate_scenarios.py` (seeded) and are committed under "
        "`examples/scenarios/marketing/`; the review of this quarter is the "
        "[marketing scenario](scenario-marketing.ipynb). The concepts are in the "
        "[user guide](../guide.md).",
    ),
    (
        "code",
        "from pathlib import Path\n\nimport pandas as pd\n\nimport okrkit\nfrom okrkit import plot\n\n"
        + _open("marketing")
        + "model = okrkit.load_model(str(here / 'model.json'))\n"
        "data = okrkit.load_measurements(str(here / 'measurements.csv'))\n"
        "model",
    ),
    (
        "md",
        "The model renders as its OKR tree: one department objective, five channel "
        "objectives aligned to it, their key results and the KPIs. The measurements are "
        "dated values per series; as a long DataFrame:",
    ),
    (
        "code",
        "long = okrkit.measurements_to_frame(data)\n"
        "print(f'{len(long)} measurements of {long.series.nunique()} series, '\n"
        "      f'{long.date.min():%Y-%m-%d} to {long.date.max():%Y-%m-%d}')\n"
        "long[long.series == 'leads_social'].tail(4)",
    ),
    (
        "md",
        "## Score\n\nScore the model on Friday 13 June 2025, eleven of thirteen weeks "
        "into the quarter. The scorecard renders as a table, coloured by status:",
    ),
    ("code", "sc = okrkit.evaluate(model, data, '2025-06-13')\nsc"),
    (
        "md",
        "It is also a pandas DataFrame, one row per node (categorical statuses, "
        "datetime64 dates). `expected` is where linear progress would be today (81% of "
        "the way); `attainment` is where the key result is:",
    ),
    (
        "code",
        "df = sc.to_frame()\n"
        "krs = df[df.kind == 'key_result']\n"
        "assert set(df.status.cat.categories) >= {'on_track', 'off_track'}\n"
        "krs[['value', 'target', 'attainment', 'expected', 'status']]",
    ),
    (
        "md",
        "## Plot\n\nEach key result's score coloured by status, with the expected progress "
        "as a black tick: social leads are at risk and organic sessions off track; the "
        "other channels are close to plan or ahead.",
    ),
    (
        "code",
        "ax = plot.okr_progress(sc, kind='key_result', title='Brightwave marketing · key results at 13 June')",
    ),
    (
        "md",
        "A KPI's measurements against its target: the visit-to-lead conversion, week by "
        "week, against 2.8%.",
    ),
    (
        "code",
        "conversion = plot.series_from_store(data, 'conversion')\n"
        "ax = plot.kpi_series(conversion, target=0.028, title='Visit-to-lead conversion')",
    ),
    (
        "md",
        "## Forecast\n\nOrganic sessions should grow from 12 500 to 16 000 a week by the "
        "end of June. Fit Holt's linear trend (exponential smoothing, `AAN`) to the "
        "weekly sessions and ask for the probability of reaching 16 000 in the last "
        "Friday of the quarter, two weeks ahead:",
    ),
    (
        "code",
        "from okrkit import forecast as fc\n\n"
        "sessions = plot.series_from_store(data, 'sessions_content')\n"
        "res = fc.fit(sessions.to_numpy(), model='AAN')\n"
        "table = res.forecast(2, level=(80, 95))\n"
        "table.index = pd.date_range(sessions.index[-1], periods=3, freq='W-FRI')[1:]\n"
        "p = res.probability_of_reaching(16000.0, h=2, direction='higher')\n"
        "print(f'P(sessions >= 16 000 on 27 June) = {p:.2f}')\n"
        "ax = plot.forecast(sessions.loc['2025-03-01':], table, target=16000.0,\n"
        "                   title=f'Organic sessions a week: P(16 000) = {p:.0%}')",
    ),
    (
        "md",
        "The scorecard does this itself when asked for its outlook: `projected_value` at "
        "the key result's due date (30 June, not 27 June) and `probability` of reaching "
        "the target, from its own fit of the series. Its number differs from the one "
        "above; both say that 16 000 is out of reach this quarter.",
    ),
    (
        "code",
        "out = okrkit.evaluate(model, data, '2025-06-13', outlook=True).to_frame()\n"
        "out.loc[['kr-organic'], ['value', 'target', 'projected_value', 'probability']].round(3)",
    ),
    (
        "md",
        "## Next\n\n- [Bulk scorecards](bulk-scorecards.ipynb): one model, many teams.\n"
        "- [Lint](lint.ipynb): what a review should hear about the goals themselves.\n"
        "- [Appraisal](appraisal.ipynb): KPI and OKR scores with calibrated ratings.\n"
        "- The [scenarios](index.md): eight reviews of the combined KPI + OKR practice.",
    ),
]

BULK = [
    (
        "md",
        "# Bulk scorecards\n\n"
        "Huachen Technology (华辰科技) has 120 sales reps in four regions, and every rep "
        "has the same Q2 goals: 190 万元 of revenue, 4 new customers and a win rate of at "
        "least 28%. That is one model *template* (`rep-template.json`) scored once per rep "
        "from one long table of weekly rep results (`reps.csv`). Both were generated by "
        "`examples/generate_scenarios.py` (seeded) under `examples/scenarios/sales/`; the "
        "regional review is the [sales scenario](scenario-sales.ipynb). "
        "`okrkit.bulk.score_groups` runs in one process; `okrkit.dask.score_groups` and "
        "`okrkit.spark.score_groups` return the same rows from a cluster.",
    ),
    (
        "code",
        "from pathlib import Path\n\nimport matplotlib.pyplot as plt\nimport numpy as np\n"
        "import pandas as pd\n\nimport okrkit\nfrom okrkit import bulk, plot\n\n"
        + _open("sales")
        + "template = okrkit.load_model(str(here / 'rep-template.json'))\n"
        "reps = pd.read_csv(here / 'reps.csv', parse_dates=['week'])\n"
        "plot.setup()  # okrkit's style and CJK fonts for the figures drawn here\nprint(reps.rep.nunique(), 'reps,', reps.week.nunique(), 'weeks')\nreps.head()",
    ),
    (
        "md",
        "`score_groups` reads the long measurement format — `series`, `date`, `value`, and "
        "`numerator` / `denominator` for a ratio — plus the column that names the group. "
        "The win rate is won deals over closed deals, summed over the quarter (a ratio "
        "of sums, not a mean of weekly rates):",
    ),
    (
        "code",
        "closed = reps.won + reps.lost\n"
        "long = pd.concat([\n"
        "    reps.assign(series='revenue', value=reps.revenue),\n"
        "    reps.assign(series='new_customers', value=reps.new_customers),\n"
        "    reps.assign(series='win_rate', numerator=reps.won, denominator=closed,\n"
        "                value=(reps.won / closed).fillna(0.0)),\n"
        "], ignore_index=True)\n"
        "long = long.rename(columns={'week': 'date'})[\n"
        "    ['rep', 'series', 'date', 'value', 'numerator', 'denominator']]\n"
        "out = bulk.score_groups(template, long, '2025-06-13', by='rep', progress=False)\n"
        "print(out.shape)\nout[out.rep == 'east-001'][['id', 'kind', 'value', 'target', 'attainment', "
        "'status']]",
    ),
    (
        "md",
        "One scorecard per rep, one row per node. Add the region and compare: the revenue "
        "key result per rep, with the expected progress at 13 June (81%) as a line.",
    ),
    (
        "code",
        "region = reps.groupby('rep').region.first()\n"
        "names = {'east': '华东区', 'south': '华南区', 'north': '华北区', 'west': '西部区'}\n"
        "rev = out[out.id == 'kr-revenue'].set_index('rep')\n"
        "rev['region'] = region\n"
        "fig, ax = plt.subplots(figsize=(7, 3.4), layout='constrained')\n"
        "for i, r in enumerate(names):\n"
        "    g = rev[rev.region == r]\n"
        "    jitter = np.linspace(-0.25, 0.25, len(g))\n"
        "    ax.scatter(g.attainment, np.full(len(g), i) + jitter, s=14, color=plot.PALETTE[i])\n"
        "ax.axvline(rev.expected.iloc[0], color='black', lw=1, ls=':', label='expected at 13 June')\n"
        "ax.set_yticks(range(len(names)), list(names.values()))\n"
        "ax.set_xlabel('revenue attainment per rep (1 = 190 万元)')\n"
        "ax.set_title('每位销售代表的季度营收完成率')\nleg = ax.legend(loc='lower right', fontsize='small')",
    ),
    (
        "md",
        "The objective's status per rep, counted by region. The west has the largest "
        "off-track share (14 of 22 reps). Two of its best reps left in May: the last "
        "week they reported is early May, and their scorecards are what a quarter cut "
        "short looks like:",
    ),
    (
        "code",
        "obj = out[out.id == 'o-rep'].set_index('rep').assign(region=region)\n"
        "counts = pd.crosstab(obj.region.map(names), obj.status.astype(str))\n"
        "order = [s for s in ['done', 'on_track', 'at_risk', 'behind', 'off_track'] if s in counts]\n"
        "counts = counts[order]\n"
        "ax = (counts.div(counts.sum(axis=1), axis=0)\n"
        "      .plot.barh(stacked=True, figsize=(7, 3), color=[plot.STATUS_COLOURS[s] for s in order]))\n"
        ""
        "ax.set_xlabel('share of reps'); ax.set_ylabel('')\n"
        "ax.legend(ncols=len(order), loc='lower center', bbox_to_anchor=(0.5, 1.0), fontsize='small')\n"
        "ax.figure.set_layout_engine('constrained')\ncounts",
    ),
    (
        "code",
        "last = reps.groupby('rep').week.max()  # the last week a rep reported\n"
        "gone = last[last < '2025-06-13'].index\n"
        "out[out.rep.isin(gone) & (out.kind != 'objective')][['rep', 'id', 'value', 'attainment', 'status']]",
    ),
    (
        "md",
        "## Many dates for one model\n\n`bulk.evaluate_many` scores one model at many "
        "dates: the history of the company scorecard, Friday by Friday through Q2. Each "
        "regional objective's attainment against the expected (linear) path:",
    ),
    (
        "code",
        "model = okrkit.load_model(str(here / 'model.json'))\n"
        "data = okrkit.load_measurements(str(here / 'measurements.csv'))\n"
        "fridays = pd.date_range('2025-04-04', '2025-06-13', freq='W-FRI')\n"
        "hist = bulk.evaluate_many(model, data, list(fridays.date), progress=False)\n"
        "wide = hist[hist.kind == 'objective'].pivot(index='as_of', columns='id', values='attainment')\n"
        "expected = hist[hist.id == 'o-company'].set_index('as_of').expected\n"
        "ax = wide[[f'o-{r}' for r in names]].rename(columns=lambda c: names[c[2:]]).plot(\n"
        "    figsize=(7, 3.4), marker='.')\n"
        "expected.plot(ax=ax, color='black', ls=':', label='expected')\n"
        "ax.set_ylabel('attainment'); ax.set_xlabel(''); leg = ax.legend(fontsize='small')\n"
        "ax.set_title('各区域目标完成率（按周）')\nax.figure.set_layout_engine('constrained')",
    ),
    (
        "md",
        "## Arrays: millions of targets at once\n\n`okrkit.score_bulk` scores numpy arrays "
        "without copies and with the GIL released. Every rep-week of the half year against "
        "a weekly share of the quarterly target (190 / 13 万元):",
    ),
    (
        "code",
        "v = reps.revenue.to_numpy()\n"
        "t = np.full(len(v), 190 / 13)\n"
        "r = okrkit.score_bulk(kind='increase', baseline=np.zeros(len(v)), target=t, value=v)\n"
        "assert np.allclose(r.progress, v / t)  # increase from 0: progress = value / target\n"
        "print(f'{len(v)} rep-weeks; {np.mean(r.progress >= 1):.0%} at or above the weekly share')",
    ),
]

LINT = [
    (
        "md",
        "# SMART lint\n\n"
        "A scorecard says where the goals stand; lint says what is wrong with the goals "
        "themselves — not Specific, Measurable, Achievable, Relevant or Time-bound, badly "
        "structured, or contradicted by their own data (the rules: [lint](../lint.md)). "
        "The data: Harbour Works' Line 3 launch, six workstreams and 46 people, weekly "
        "since April, launch on 29 August (`examples/scenarios/project/`, generated by "
        "`examples/generate_scenarios.py`, seeded). Before the steering committee on "
        "Friday 18 July, the project office lints the model and the data. The review "
        "itself is the [project scenario](scenario-project.ipynb).",
    ),
    (
        "code",
        "from pathlib import Path\n\nimport pandas as pd\n\nimport okrkit\nfrom okrkit import plot\n"
        "from okrkit.lint import lint, rules\n\n"
        + _open("project")
        + "model = okrkit.load_model(str(here / 'model.json'))\n"
        "data = okrkit.load_measurements(str(here / 'measurements.csv'))\n"
        "as_of = '2025-07-18'\n"
        "catalogue = rules()\n"
        "print(len(catalogue), 'rules')\ncatalogue.head(8)",
    ),
    (
        "md",
        "Lint the model with its measurements as of 18 July. With data, the model is also "
        "scored with the forecast on, so the *achievable* rules can ask the data: `A001` "
        "fires where the probability of reaching a target by its due date is below 0.5 "
        "(committed objectives) or 0.2 (aspirational ones).",
    ),
    (
        "code",
        "report = lint(model, data, as_of=as_of)\n"
        "found = report.to_frame()\n"
        "found[['rule', 'severity', 'node', 'message']]",
    ),
    (
        "md",
        "Sixteen findings in six rules. Counted by rule, coloured by severity:",
    ),
    (
        "code",
        "import matplotlib.pyplot as plt\n\n"
        "plot.setup()\n"
        "counts = pd.crosstab(found.rule, found.severity.astype(str))\n"
        "colours = {'error': plot.STATUS_COLOURS['off_track'], 'warning': plot.STATUS_COLOURS['at_risk'],\n"
        "           'info': plot.PALETTE[0]}\n"
        "ax = counts.plot.barh(stacked=True, figsize=(6, 3), color=[colours[c] for c in counts.columns])\n"
        "names = catalogue.set_index('id').name\n"
        "ax.set_yticklabels([f'{r}  {names[r]}' for r in counts.index])\n"
        "ax.set_xlabel('findings'); ax.set_ylabel('')\n"
        "ax.set_title('Line 3 launch: lint findings at 18 July')\n"
        "ax.figure.set_layout_engine('constrained')",
    ),
    (
        "md",
        "## Achievable: the defects key result\n\n`A001` and `A003` both name "
        "`kr-defects`: open defects should fall from 40 to 10 by the launch, a 75% move "
        "in a committed objective, and the forecast gives it almost no chance. The "
        "probabilities come from the scorecard's outlook; here they are beside the "
        "projected values:",
    ),
    (
        "code",
        "sc = okrkit.evaluate(model, data, as_of, outlook=True)\n"
        "flagged = sorted(set(found.node[found.rule == 'A001']))\n"
        "sc.to_frame().loc[flagged, ['value', 'target', 'projected_value', 'probability', 'status']]",
    ),
    (
        "md",
        "The burn-up shows why: the open defects against the linear plan from 40 to 10, "
        "with an exponential-smoothing forecast to the launch.",
    ),
    (
        "code",
        "from okrkit import forecast as fc\n\n"
        "kr = next(k for k in model.key_results if k.id == 'kr-defects')\n"
        "defects = plot.series_from_store(data, kr.series).loc[:as_of]\n"
        "weeks = pd.date_range(defects.index[-1], '2025-08-29', freq='W-FRI')[1:]\n"
        "table = fc.fit(defects.to_numpy(), model='AAN').forecast(len(weeks), level=(80, 95))\n"
        "table.index = weeks\n"
        "ax = plot.kr_burnup(defects, target=kr.target.absolute_target, baseline=kr.target.baseline,\n"
        "                    start='2025-04-01', due='2025-08-29', forecast=table,\n"
        "                    title=kr.title, unit='open defects')",
    ),
    (
        "md",
        "## Deciding what to keep\n\nNot every finding is a defect of the plan. Switch a "
        "rule off for one node, in the model itself (`lint_disable`, which the model file "
        "can carry), or for the whole run (`disable=`), and lint from a scorecard you "
        "already have (`outlook=sc`) instead of scoring again. Here the project office "
        "accepts that yield has no unit (it is a share) and that the civil-works objective "
        "has one key result (its scope is done). Reading the scorecard's outlook, `A002` "
        "(a target that needs more than three times the trend) compares with the "
        "scorecard's trend instead of a least-squares line through the series, and now "
        "speaks about the defects too:",
    ),
    (
        "code",
        "model.lint_disable = {'kr-yield': ['S004'], 'o-civil': ['X001']}\n"
        "kept = lint(model, as_of=as_of, outlook=sc).to_frame()\n"
        "print(len(found), '->', len(kept), 'findings')\n"
        "kept[['rule', 'severity', 'node']].value_counts().sort_index()",
    ),
    (
        "md",
        "For CI or a code-review tool, the report is also SARIF (and JSON, and text):",
    ),
    ("code", "print(report.to_sarif()[:400])"),
]

APPRAISAL = [
    (
        "md",
        "# Appraisal\n\n"
        "Combine each person's KPI and OKR scores from the scorecard with calibrated "
        "multi-rater rubric ratings (the method: [appraisal](../appraisal.md)). The data: "
        "Northwind Logistics, four departments and 60 people, one KPI per person measured "
        "weekly, and the Q2 ratings — self, manager and two or three peers on five "
        "criteria (`examples/scenarios/people/`, generated by "
        "`examples/generate_scenarios.py`, seeded). This notebook walks through the API; "
        "the calibration meeting's story is the [people scenario](scenario-people.ipynb).",
    ),
    (
        "code",
        "from pathlib import Path\n\nimport matplotlib.pyplot as plt\nimport pandas as pd\n\n"
        "import okrkit\nfrom okrkit import plot\nfrom okrkit.appraisal import appraise, person_scores\n\n"
        + _open("people")
        + "model = okrkit.load_model(str(here / 'model.json'))\n"
        "data = okrkit.load_measurements(str(here / 'measurements.csv'))\n"
        "ratings = pd.read_csv(here / 'ratings.csv')\n"
        "as_of = '2025-06-30'\n"
        "print(len(ratings), 'ratings of', ratings.person.nunique(), 'people by',\n"
        "      ratings.rater.nunique(), 'raters')\nratings.head()",
    ),
    (
        "md",
        "## KPI and OKR scores\n\nPer person (node owner) from the scorecard at the end "
        "of Q2: the weighted mean attainment of the KPIs they own, and of the objectives "
        "they own in a cycle overlapping Q2. `kpi_from` / `okr_from` name the nodes behind "
        "each number; staff own no objective, so their OKR score is empty.",
    ),
    (
        "code",
        "scores = person_scores(model, data=data, as_of=as_of)\n"
        "scores[scores.person.isin(['p-ops-head', 'ops-01', 'sales-01'])]",
    ),
    (
        "md",
        "## Raw and calibrated\n\nThe appraisal: KPI, OKR and competency (the rubric "
        "ratings, weighted by role) combined 60 / 20 / 20 into a final score. Then the "
        "same with each rater calibrated against their own ratings (z-score): a "
        "lenient rater's 4 and a severe rater's 3 can mean the same.",
    ),
    (
        "code",
        "raw = appraise(ratings, model=model, data=data, as_of=as_of)\n"
        "cal = appraise(ratings, model=model, data=data, as_of=as_of, calibration='z_score')\n"
        "cols = ['person', 'unit', 'kpi_score', 'okr_score', 'manager', 'peer', 'competency',\n"
        "        'final_score']\n"
        "raw.to_frame()[cols].head()",
    ),
    (
        "md",
        "`raters` shows every rater's mean, spread and treatment. The managers of Sales "
        "and Finance stand out; the dumbbell chart shows each manager's leniency (mean "
        "rating minus the scale's midpoint 3) before calibration and after:",
    ),
    (
        "code",
        "heads = cal.raters[cal.raters.rater.str.endswith('-head')]\n"
        "print(heads[['rater', 'mean', 'sd', 'treatment']].to_string(index=False))\n"
        "ax = plot.calibration(heads, title='Managers: leniency before and after calibration')",
    ),
    (
        "md",
        "What calibration does to the final scores, department by department:",
    ),
    (
        "code",
        "units = {u.id: u.name for u in model.units}\n"
        "both = pd.DataFrame({'raw': raw.to_frame().set_index('person').final_score,\n"
        "                     'calibrated': cal.to_frame().set_index('person').final_score,\n"
        "                     'unit': raw.to_frame().set_index('person').unit.map(units)})\n"
        "means = both.groupby('unit')[['raw', 'calibrated']].mean()\n"
        "ax = means.plot.bar(figsize=(6, 3), rot=0, color=[plot.PALETTE[5], plot.PALETTE[0]],\n"
        "                    ylim=(0.6, 1.0))\n"
        "ax.set_ylabel('mean final score'); ax.set_xlabel('')\n"
        "ax.set_title('Final score by department, raw and calibrated')\n"
        "ax.figure.set_layout_engine('constrained')\n"
        "means.round(3)",
    ),
    (
        "md",
        "## Hand-entered scores\n\nA score entered by hand overrides the computed one, "
        "person by person and cell by cell. Suppose `tech-03` moved from Sales to "
        "Technology in May; HR enters the KPI score the two managers agreed on, and the OKR cell stays "
        "computed:",
    ),
    (
        "code",
        "agreed = pd.DataFrame({'person': ['tech-03'], 'kpi_score': [0.9]})\n"
        "over = appraise(ratings, agreed, model, data=data, as_of=as_of, calibration='z_score')\n"
        "pd.concat({'computed': cal.to_frame().set_index('person').loc[['tech-03'], cols[2:]],\n"
        "           'hand-entered': over.to_frame().set_index('person').loc[['tech-03'], cols[2:]]})",
    ),
    (
        "md",
        "## Bands and the distribution\n\nBands cut the final score; the distribution "
        "report compares the actual share of each band with a target distribution. It is "
        "a report for the calibration meeting: okrkit never moves anybody between bands.",
    ),
    (
        "code",
        "a = appraise(ratings, model=model, data=data, as_of=as_of, calibration='z_score',\n"
        "             bands={'top': 0.9, 'solid': 0.75, 'developing': 0.0},\n"
        "             target_distribution={'top': 0.2, 'solid': 0.6, 'developing': 0.2})\n"
        "d = a.distribution[a.distribution.unit == '*'].set_index('band')\n"
        "ax = d[['actual', 'target']].plot.bar(figsize=(5, 3), rot=0,\n"
        "                                                   color=[plot.PALETTE[0], plot.PALETTE[6]])\n"
        "ax.set_ylabel('share of people'); ax.set_title('Bands: actual and target shares')\n"
        "ax.figure.set_layout_engine('constrained')\nd",
    ),
]


def _load(scenario: str, as_of: str) -> str:
    """Cell source: find examples/scenarios/<scenario>, load model + data, score."""
    return (
        "from pathlib import Path\nimport numpy as np\nimport pandas as pd\n"
        "import okrkit\nfrom okrkit import plot\n\n"
        "root = Path.cwd()\n"
        "while not (root / 'examples' / 'scenarios').exists():\n"
        "    root = root.parent\n"
        f"here = root / 'examples' / 'scenarios' / {scenario!r}\n"
        "model = okrkit.load_model(str(here / 'model.json'))\n"
        "data = okrkit.load_measurements(str(here / 'measurements.csv'))\n"
        f"as_of = {as_of!r}\n"
        "sc = okrkit.evaluate(model, data, as_of, outlook=True)\n"
        "print(model.name, '|', len(model.people), 'people,', len(model.units), 'units,',\n"
        "      len(okrkit.measurements_to_frame(data)), 'measurements')"
    )


_DATA_NOTE = (
    "The data were generated once by `examples/generate_scenarios.py` (seeded; "
    "the script's docstring describes the organisation) and are committed under "
    "`examples/scenarios/`."
)

SALES_REVIEW = [
    (
        "md",
        "# Sales: a mid-quarter review at 华辰科技\n\n"
        "Huachen Technology (华辰科技) sells through four regions — 华东 (east), 华南 "
        "(south), 华北 (north) and 西部 (west) — with 120 reps. It is Friday 13 June 2025, "
        "eleven weeks into Q2, and the sales VP reviews the quarter: where do we stand, "
        "which region is at risk and why, will we make the number, and what do we do now? "
        + _DATA_NOTE,
    ),
    ("code", _load("sales", "2025-06-13")),
    (
        "md",
        "## Where we stand\n\nThe objective tree: the company objective with the four "
        "regional objectives aligned to it (weighted by their revenue targets), and the "
        "key results under each, coloured by status.",
    ),
    ("code", "ax = plot.objective_tree(sc, title='华辰科技 · 第二季度目标（截至 6 月 13 日）')"),
    (
        "code",
        "frame = sc.to_frame()\n"
        "krs = frame[frame.kind == 'key_result']\n"
        "krs[['value', 'target', 'attainment', 'expected', 'status', 'probability']]",
    ),
    (
        "md",
        "Eleven of thirteen weeks are gone, so linear progress expects 81% of every "
        "target. The west region is the one behind: both its revenue and its new "
        "customers are at about 65%.\n\n## What is at risk, and why\n\nThe rep-level data "
        "(`reps.csv`) shows what happened: the west's weekly revenue dropped in May.",
    ),
    (
        "code",
        "reps = pd.read_csv(here / 'reps.csv', parse_dates=['week'])\n"
        "weekly = reps.pivot_table(index='week', columns='region', values='revenue', "
        "aggfunc='sum')\n"
        "active = reps[reps.revenue > 0].groupby(['region', reps.week.dt.month]).rep.nunique()"
        ".unstack()\n"
        "active  # reps with revenue, per month: two western reps stopped selling in May",
    ),
    (
        "code",
        "before = weekly.loc['2025-04-01':'2025-05-08'].mean()\n"
        "after = weekly.loc['2025-05-09':].mean()\n"
        "pd.DataFrame({'weekly revenue before 9 May': before, 'after': after, "
        "'change': after / before - 1}).round(2)",
    ),
    (
        "md",
        "Is the drop a real change or bad luck? An XmR chart of the west's weekly revenue "
        "separates the signal from the usual week-to-week noise: a point beyond the "
        "limits, or eight points in a row below the centre line, is a change in the process.",
    ),
    ("code", "ax = plot.control_chart(weekly['west'], title='西部区 每周营收', unit='万元')"),
    (
        "code",
        "from okrkit import trend\n\n"
        "x = trend.xmr(weekly['west'])\n"
        "print(f'centre {x.centre:.0f} 万元 a week, limits {x.lower:.0f} to {x.upper:.0f}; '\n"
        "      f'{len(x.beyond_limits)} points beyond the limits, {len(x.one_side_run)} in a run')",
    ),
    (
        "md",
        "Not yet a signal: weekly revenue is noisy, and five lower weeks are not a run of "
        "eight. The control chart says *not proven*; the rep data says *why* — two reps "
        "gone — and the burn-up says *how much it costs*. A review needs all three.",
    ),
    (
        "md",
        "## Will we make the number?\n\nThe burn-up of the west's revenue key result: "
        "the actual cumulative revenue, the expected (linear) path to the target and an "
        "exponential-smoothing forecast of the remaining weeks, with its 80% and 95% "
        "intervals. `probability` in the table above is the chance the forecast gives "
        "to reaching the target by the end of the quarter.",
    ),
    (
        "code",
        "from okrkit import forecast as fc\n\n"
        "west = plot.series_from_store(data, 'revenue_west')\n"
        "q2 = west.loc['2025-04-01':]\n"
        "res = fc.fit(west.to_numpy(), model='ANN')\n"
        "h = 2  # weeks left: 20 and 27 June\n"
        "table = res.forecast(h, level=(80, 95))\n"
        "cum = table.copy()\n"
        "for col in cum.columns:  # a cumulative fan: the sum of the weekly forecasts\n"
        "    cum[col] = q2.sum() + table['mean'].cumsum() - table['mean'] + table[col]\n"
        "cum.index = pd.date_range(q2.index[-1], periods=h + 1, freq='W-FRI')[1:]\n"
        "target = next(k for k in model.key_results if k.id == 'kr-west-revenue').target"
        ".absolute_target\n"
        "ax = plot.kr_burnup(q2.cumsum(), target=target, baseline=0.0, start='2025-04-01',\n"
        "                    due='2025-06-30', forecast=cum,\n"
        "                    title='西部区 第二季度营收 (万元)', unit='累计营收（万元）')",
    ),
    (
        "code",
        "gap = target - q2.sum()\n"
        "print(f'west: {q2.sum():,.0f} 万元 of {target:,.0f}; needs {gap:,.0f} in 2 weeks '\n"
        "      f'= {gap / 2:,.0f} per week against {after[\"west\"]:,.0f} per week since 9 May')",
    ),
    (
        "md",
        "## Win rates: a KPI to watch\n\nThe regional win-rate KPIs (won / closed deals, "
        "a ratio of sums per month) against the 28% target:",
    ),
    (
        "code",
        "kpis = frame[frame.kind == 'kpi']\n"
        "ax = plot.okr_progress(sc, kind='kpi', title='赢单率 KPI（目标 28%）')",
    ),
    (
        "md",
        "## What to do\n\n`okrkit.lint` checks the model and the data for problems a "
        "review should hear about (rules in `docs/lint.md`):",
    ),
    (
        "code",
        "from okrkit import lint\n\n"
        "report = lint.lint(model, data=data, as_of=as_of)\n"
        "report.to_frame()[['rule', 'severity', 'node', 'message']].head(10)",
    ),
    (
        "md",
        "The review's conclusions: the company number is on track only because the north "
        "over-delivers; the west needs about twice its current weekly run rate to make "
        "its target, which the forecast gives little chance — re-plan the west's target "
        "or move accounts, and replace the two reps who left.",
    ),
]

SERVICE_REVIEW = [
    (
        "md",
        "# Service: spring review at آسان‌پرداخت\n\n"
        "Asan Pardakht's customer service runs three contact centres — Tehran, Mashhad "
        "and Shiraz — with 100 agents. The cycle is spring 1404 (21 March to 21 June "
        "2025, Solar Hijri quarter `1404-Q1`); the review is on 10 June. Titles and units "
        "are in Persian: the tables lay them out right to left, the plots shape and order "
        "them with the Noto fonts. " + _DATA_NOTE,
    ),
    ("code", _load("service", "2025-06-10")),
    ("md", "## Where we stand"),
    ("code", "ax = plot.objective_tree(sc, title='اهداف پشتیبانی — ۲۰ خرداد ۱۴۰۴')"),
    (
        "code",
        "frame = sc.to_frame()\n"
        "frame[frame.kind == 'key_result'][['value', 'target', 'attainment', 'expected', "
        "'status']]",
    ),
    (
        "md",
        "Tehran is on track. The backlog key results of Mashhad and Shiraz are off track: "
        "their queues grew instead of shrinking, and Shiraz's customer satisfaction fell. "
        "\n\n## Why: a change in Shiraz\n\nThe daily first-response time of each centre, "
        "as an XmR chart. Shiraz moved to a new ticketing system on 5 May (15 Ordibehesht): "
        "from then on the points run above the centre line and cross the upper limit — a "
        "shift in the process, not noise.",
    ),
    (
        "code",
        "frt = plot.series_from_store(data, 'first_response_shiraz')\n"
        "ax = plot.control_chart(frt.loc['2025-03-21':], title='زمان اولین پاسخ — مرکز شیراز',\n"
        "                        unit='دقیقه')",
    ),
    (
        "code",
        "from okrkit import trend\n\n"
        "x = trend.xmr(frt.loc['2025-03-21':])\n"
        "flag = x.points(frt.loc['2025-03-21':])\n"
        "first = flag[flag.beyond_limits | flag.one_side_run].index.min()\n"
        "print(f'centre {x.centre:.1f} min, limits {x.lower:.1f}..{x.upper:.1f}; '\n"
        "      f'first signal on {first:%Y-%m-%d}')",
    ),
    (
        "md",
        "Mashhad's problem is different: its response times are stable, but it closes "
        "slightly fewer tickets than arrive every day, so the queue grows steadily.",
    ),
    (
        "code",
        "backlog = pd.DataFrame({c: plot.series_from_store(data, f'backlog_{c}')\n"
        "                        for c in ['tehran', 'mashhad', 'shiraz']})\n"
        "weekly = backlog.resample('W').last()\n"
        "ax = weekly.plot(figsize=(7, 3.5), title='Open tickets at the end of each week')\n"
        "ax.set_ylabel('تیکت')\nax.figure.set_layout_engine('constrained')",
    ),
    (
        "md",
        "## Will the backlog key result make it?\n\nThe company backlog key result "
        "(decrease from 1,900 to 500 open tickets by 21 June), with the plan, the "
        "expected path and a forecast of the next 11 days:",
    ),
    (
        "code",
        "from okrkit import forecast as fc\n\n"
        "total = plot.series_from_store(data, 'backlog_total')\n"
        "res = fc.fit(total.loc['2025-03-21':].to_numpy(), model='AAN')\n"
        "table = res.forecast(11, level=(80, 95))\n"
        "table.index = pd.date_range(total.index[-1], periods=12, freq='D')[1:]\n"
        "p = res.probability_of_reaching(500.0, h=11, direction='lower')\n"
        "ax = plot.kr_burnup(total.loc['2025-03-21':], target=500.0, baseline=1900.0,\n"
        "                    start='2025-03-21', due='2025-06-21', forecast=table,\n"
        "                    title=f'تیکت‌های باز — P(target) = {p:.0%}', unit='تیکت')",
    ),
    ("md", "## What to do\n\nLint findings for the review:"),
    (
        "code",
        "from okrkit import lint\n\n"
        "report = lint.lint(model, data=data, as_of=as_of)\n"
        "report.to_frame()[['rule', 'severity', 'node', 'message']].head(10)",
    ),
    (
        "md",
        "Conclusions: roll back or fix the Shiraz ticketing workflow (the control chart "
        "dates the change to the switch-over); add capacity in Mashhad, where the backlog "
        "grows by itself; the company backlog target of 500 is out of reach this cycle — "
        "say so now rather than on 21 June.",
    ),
]

PEOPLE_REVIEW = [
    (
        "md",
        "# People: the Q2 appraisal at Northwind Logistics\n\n"
        "Northwind Logistics has four departments (Operations, Sales, Finance, Technology) "
        "and 60 people. Each person owns one KPI, measured weekly; at the end of Q2 each "
        "is rated on five rubric criteria by themselves, their manager and two or three "
        "peers. The appraisal combines the KPI and OKR scores with the ratings "
        "(`docs/appraisal.md`). " + _DATA_NOTE,
    ),
    (
        "code",
        _load("people", "2025-06-30") + "\n"
        "ratings = pd.read_csv(here / 'ratings.csv')\n"
        "ratings.groupby('role').rater.nunique()",
    ),
    (
        "md",
        "## Where we stand: the KPIs\n\nEach person's KPI attainment for the quarter, by "
        "department (100% = at or above their target):",
    ),
    (
        "code",
        "frame = sc.to_frame()\n"
        "kpis = frame[frame.kind == 'kpi']\n"
        "units = {u.id: u.name for u in model.units}\n"
        "by_unit = kpis.groupby('unit').attainment.describe()[['count', 'mean', 'min', 'max']]\n"
        "by_unit.index = [units[u] for u in by_unit.index]\nby_unit",
    ),
    (
        "code",
        "import matplotlib.pyplot as plt\n\n"
        "fig, ax = plt.subplots(figsize=(7, 3.2), layout='constrained')\n"
        "for i, (u, g) in enumerate(kpis.groupby('unit')):\n"
        "    ax.scatter(g.attainment, np.full(len(g), i) + np.linspace(-0.2, 0.2, len(g)),\n"
        "               s=14, color=plot.PALETTE[i])\n"
        "ax.set_yticks(range(kpis.unit.nunique()), [units[u] for u in sorted(kpis.unit.unique())])\n"
        "ax.set_xlabel('KPI attainment, Q2'); ax.set_title('One point per person')",
    ),
    (
        "md",
        "## The raters: who is lenient, who is severe?\n\nEvery rater's mean rating. "
        "Two managers stand out: Sales' manager rates about a point above everybody "
        "else, Finance's nearly a point below. Without calibration, a Sales employee "
        "would beat an equally good Finance employee on ratings alone.",
    ),
    (
        "code",
        "from okrkit.appraisal import appraise, person_scores\n\n"
        "raw = appraise(ratings, model=model, data=data, as_of=as_of)\n"
        "cal = appraise(ratings, model=model, data=data, as_of=as_of, calibration='z_score')\n"
        "cal.raters.sort_values('mean').iloc[[0, 1, -2, -1]]",
    ),
    (
        "code",
        "# the managers, and the five most lenient and five most severe peers\n"
        "r = cal.raters.assign(lean=cal.raters['mean'] - 3)\n"
        "heads = r.rater.str.endswith('-head')\n"
        "shown = pd.concat([r[heads], r[~heads].nlargest(5, 'lean'), r[~heads].nsmallest(5, 'lean')])\n"
        "ax = plot.calibration(shown, title='Rater leniency before and after z-score calibration')",
    ),
    (
        "md",
        "## The calibrated appraisal\n\nFinal score = 60% KPI + 20% OKR + 20% competency "
        "(the default weights). Calibration moves the Sales and Finance people the most:",
    ),
    (
        "code",
        "compare = pd.DataFrame({\n"
        "    'unit': raw.to_frame().set_index('person').unit,\n"
        "    'raw': raw.to_frame().set_index('person').final_score,\n"
        "    'calibrated': cal.to_frame().set_index('person').final_score})\n"
        "compare.groupby('unit')[['raw', 'calibrated']].mean().rename(index=units).round(3)",
    ),
    (
        "code",
        "fig, ax = plt.subplots(figsize=(5, 5), layout='constrained')\n"
        "for i, (u, g) in enumerate(compare.dropna().groupby('unit')):\n"
        "    ax.scatter(g.raw, g.calibrated, s=16, color=plot.PALETTE[i], label=units[u])\n"
        "lo, hi = compare[['raw', 'calibrated']].min().min(), compare[['raw', 'calibrated']].max().max()\n"
        "ax.plot([lo, hi], [lo, hi], color='#6e7781', lw=0.8)\n"
        "ax.set_xlabel('final score, raw ratings'); ax.set_ylabel('final score, calibrated')\n"
        "ax.legend(fontsize='small'); ax.set_title('Who moves with calibration')",
    ),
    (
        "md",
        "## The distribution\n\nActual band shares against a target distribution — a "
        "report for the calibration meeting; okrkit never moves anybody between bands.",
    ),
    (
        "code",
        "a = appraise(ratings, model=model, data=data, as_of=as_of, calibration='z_score',\n"
        "             bands={'top': 0.9, 'solid': 0.75, 'developing': 0.0},\n"
        "             target_distribution={'top': 0.2, 'solid': 0.6, 'developing': 0.2})\n"
        "d = a.distribution\nd[d.unit == '*']",
    ),
    (
        "md",
        "Conclusions: calibrate (z-score) before the meeting — the Sales manager's "
        "leniency and the Finance manager's severity otherwise decide a quarter of the "
        "ratings; the top band is over-full against the target distribution, which is a "
        "question for the meeting, not for the tool.",
    ),
]


def _weekly_frame(pattern: str) -> str:
    """Cell source: the weekly values of the series matching ``pattern`` as columns."""
    return (
        "long = okrkit.measurements_to_frame(data)\n"
        f"wide = long[long.series.str.match({pattern!r})].pivot(index='date', columns='series', "
        "values='value')\n"
    )


MARKETING_REVIEW = [
    (
        "md",
        "# Marketing: a mid-quarter review at Brightwave Foods\n\n"
        "Brightwave Foods sells meal kits online. Its marketing department has five "
        "channel teams — content & SEO, paid search, social, lifecycle e-mail and events — "
        "with about forty people, and one objective for Q2 2025: fill the sales pipeline "
        "with qualified leads. It is Friday 13 June, eleven of thirteen weeks into the "
        "quarter; the CMO asks which channels deliver, which do not, and at what cost. "
        + _DATA_NOTE,
    ),
    ("code", _load("marketing", "2025-06-13")),
    (
        "md",
        "## Where we stand\n\nThe department objective with the five channel objectives "
        "aligned to it (weighted by their lead targets), and each key result coloured by "
        "its status:",
    ),
    ("code", "ax = plot.objective_tree(sc, title='Brightwave marketing · Q2 at 13 June')"),
    (
        "code",
        "frame = sc.to_frame()\n"
        "krs = frame[frame.kind == 'key_result']\n"
        "krs[['value', 'target', 'attainment', 'expected', 'status']]",
    ),
    (
        "md",
        "Eleven of thirteen weeks are gone, so linear progress expects about 81% of every lead target. Content, paid search, lifecycle and events are close to that; social is not — its leads are near two thirds of the way. Organic sessions grow week after week, but far too slowly for the 16 000 target: that key result is off track.\n\n## What changed in social\n\nThe weekly leads per channel since March, with the week the paid-social budget was halved (9 May) marked:",
    ),
    (
        "code",
        _weekly_frame("^leads_(?!total)")
        + "ax = wide.loc['2025-03-01':].plot(title='Leads per week and channel')\n"
        "ax.axvline(pd.Timestamp('2025-05-09'), color='grey', ls=':')\n"
        "ax.set_ylabel('leads')",
    ),
    (
        "code",
        "before = wide.loc['2025-04-01':'2025-05-08'].mean()\n"
        "after = wide.loc['2025-05-09':].mean()\n"
        "pd.DataFrame({'leads a week before 9 May': before, 'after': after,\n"
        "              'change': after / before - 1}).round(2)",
    ),
    (
        "md",
        "## Will social make its number?\n\nThe burn-up of the social key result: the "
        "cumulative leads since 1 April against the linear path to the target.",
    ),
    (
        "code",
        "social = plot.series_from_store(data, 'leads_social').loc['2025-04-01':]\n"
        "kr = next(k for k in model.key_results if k.id == 'kr-social-leads')\n"
        "ax = plot.kr_burnup(social.cumsum(), target=kr.target.absolute_target, baseline=0.0,\n"
        "                    start='2025-04-01', due='2025-06-30', title=kr.title, unit='leads')",
    ),
    (
        "md",
        "## What a lead costs\n\nThe department's cost per lead (spend / leads, a ratio of "
        "sums) week by week against the 40 EUR target, and the monthly KPI per channel:",
    ),
    (
        "code",
        "cpl = plot.series_from_store(data, 'cpl')\n"
        "ax = plot.kpi_series(cpl.loc['2025-03-01':], target=40.0, title='Cost per lead (EUR)')",
    ),
    ("code", "ax = plot.okr_progress(sc, kind='kpi', title='KPIs at 13 June')"),
    (
        "md",
        "The review's conclusions: the department number is on track, carried by content and paid search; social lost half its leads with half its budget — the cut saved money but not cost per lead, which stayed where it was. Either restore the budget or move the social target to the channels that convert. The department's cost per lead sits just above its 40 EUR target (yellow), and paid search, social and events are the expensive channels.",
    ),
]

FINANCE_REVIEW = [
    (
        "md",
        "# Finanzen: Quartalsrückblick bei Keller & Voss\n\n"
        "Keller & Voss Industrie GmbH, a German machine builder, steers its spending "
        "through eight cost centres (Kostenstellen), each with a weekly budget, and its "
        "liquidity through days sales outstanding (DSO), cash and the current ratio. The "
        "finance team reviews Q2 on Friday 20 June. Titles are in German. " + _DATA_NOTE,
    ),
    ("code", _load("finance", "2025-06-20")),
    (
        "md",
        "## Budgets\n\nEach cost centre's budget execution (actual spend / budget, a ratio "
        "of sums per month) is a *range* KPI: green inside 95–105 %, yellow within five "
        "points outside it. The heat map shows the mean score per cost centre and "
        "perspective:",
    ),
    ("code", "ax = plot.heatmap(sc, title='Keller & Voss · Q2 (Stand 20. Juni)')"),
    (
        "code",
        "frame = sc.to_frame()\nframe[frame.kind == 'kpi'][['value', 'health', 'status']]",
    ),
    (
        "md",
        "Most cost centres spend within a few points of their budget, week by week. IT is the exception: its cloud migration has run over since April, and in June it spends about 15% more than planned — red. Is it a trend or noise? The XmR chart of IT's weekly budget execution since January: points above the upper limit and a long run above the centre line are a change in the process.",
    ),
    (
        "code",
        "it = plot.series_from_store(data, 'exec_it')\n"
        "ax = plot.control_chart(it, title='IT: Budgetausschöpfung je Woche', unit='Anteil')",
    ),
    (
        "code",
        "from okrkit import trend\n\n"
        "x = trend.xmr(it)\n"
        "flag = x.points(it)\n"
        "first = flag[flag.beyond_limits | flag.one_side_run].index.min()\n"
        "print(f'centre {x.centre:.3f}, limits {x.lower:.3f}..{x.upper:.3f}; first signal '\n"
        "      f'{first:%Y-%m-%d}')",
    ),
    (
        "md",
        "## Liquidity\n\nDSO must come down from 50 to 42 days by the end of June. The "
        "weekly values against the linear plan:",
    ),
    (
        "code",
        "dso = plot.series_from_store(data, 'dso_days')\n"
        "ax = plot.kpi_series(dso, target=42.0, baseline=50.0, start='2025-04-01',\n"
        "                     due='2025-06-30', title='Forderungslaufzeit (DSO, Tage)')",
    ),
    (
        "code",
        "frame.loc[['kr-dso', 'kr-cash', 'kr-it-budget'],\n"
        "          ['value', 'target', 'attainment', 'expected', 'status', 'probability']]",
    ),
    (
        "md",
        "The review's conclusions: liquidity is fine — cash is already above its target, the current ratio is just below 1.5 (yellow) — but receivables are not: DSO falls, yet too slowly for 42 days by the end of June, so collections need more than the current routine. IT needs a re-forecast of the migration budget (or savings elsewhere) before the overrun reaches the year.",
    ),
]

PROJECT_REVIEW = [
    (
        "md",
        "# Project: the Line 3 launch at Harbour Works\n\n"
        "Harbour Works builds a new production line. Six workstreams — civil works, "
        "equipment, automation, commissioning, quality and training — with about forty "
        "people, must finish their scope for a launch on 29 August 2025. Progress is "
        "tracked weekly: tasks done per workstream (cumulative), first-pass yield of the "
        "trial batches, open defects and the share of work packages delivered on time. "
        "The steering committee meets on Friday 18 July. " + _DATA_NOTE,
    ),
    ("code", _load("project", "2025-07-18")),
    ("md", "## Where we stand"),
    ("code", "ax = plot.objective_tree(sc, title='Line 3 launch · 18 July')"),
    (
        "code",
        "frame = sc.to_frame()\n"
        "frame[frame.kind == 'key_result'][['value', 'target', 'attainment', 'expected', "
        "'status']]",
    ),
    (
        "md",
        "The project is 72% through its time (108 of 150 days). Civil works and equipment are done; quality, training and commissioning are about where they should be. Automation is behind, the defect backlog falls too slowly, and the gate milestones are at 3 of 8 weighted points — the software acceptance test (FAT) waits on automation.\n\n## Why automation is behind\n\nThe PLC vendor delivered late, and from mid-May the automation workstream has closed fewer than half as many tasks a week. The burn-up against the linear plan:",
    ),
    (
        "code",
        "auto = plot.series_from_store(data, 'tasks_automation')\n"
        "ax = plot.kr_burnup(auto, target=180.0, baseline=0.0, start='2025-04-01',\n"
        "                    due='2025-08-29', title='Automation & software: tasks done',\n"
        "                    unit='tasks')",
    ),
    (
        "code",
        _weekly_frame("^tasks_") + "rate = wide.diff().loc['2025-04-15':]\n"
        "pd.DataFrame({'tasks a week to 16 May': rate.loc[:'2025-05-16'].mean(),\n"
        "              'since': rate.loc['2025-05-23':].mean()}).round(1)",
    ),
    (
        "md",
        "## Delivery discipline\n\nWork packages on time (a ratio of sums per week) against "
        "the 90 % target:",
    ),
    (
        "code",
        "ontime = plot.series_from_store(data, 'on_time')\n"
        "ax = plot.kpi_series(ontime, target=0.9, title='Work packages on time')",
    ),
    (
        "md",
        "The steering committee's conclusions: the launch date holds only if automation gets back to its spring pace — add the vendor's engineers on site or cut scope for the first batch; and on-time delivery of work packages has slipped to around 75% since May, well below the 90% target, so the weekly planning needs attention too.",
    ),
]

PRODUCT_REVIEW = [
    (
        "md",
        "# Product: Q3 at Lumo\n\n"
        "Lumo is a consumer app built by six squads (growth, onboarding, core experience, "
        "platform, mobile and data; about fifty people). The Q3 objectives: make Lumo a "
        "weekly habit, help new users find value in their first week, and keep the app "
        "fast and stable. Release 5.0 shipped on 25 July with a faster renderer. The "
        "review is on Friday 12 September, with weekly data since January. " + _DATA_NOTE,
    ),
    ("code", _load("product", "2025-09-12")),
    ("md", "## Where we stand"),
    ("code", "ax = plot.objective_tree(sc, title='Lumo · Q3 at 12 September')"),
    (
        "code",
        "frame = sc.to_frame()\n"
        "frame[frame.kind.isin(['key_result', 'kpi'])][['value', 'target', 'attainment', "
        "'expected', 'status', 'probability']]",
    ),
    (
        "md",
        "Seventy-three of ninety-one days of Q3 are gone (80%). Load time is on track: release 5.0 took a quarter of a second off the p95. Weekly actives and day-30 retention count as on track for an aspirational objective (70% of the plan is success); activation, a committed result, is behind. The KPI table shows a healthy crash-free rate *now* — the control chart shows it was not for four weeks after the release:",
    ),
    (
        "code",
        "crash = plot.series_from_store(data, 'crash_free')\n"
        "ax = plot.control_chart(crash.loc['2025-04-01':], title='Crash-free sessions per week')",
    ),
    (
        "md",
        "## Will weekly actives reach 20 000?\n\nHolt's linear trend fitted to the weekly "
        "actives, to the end of September, with 80 % and 95 % intervals:",
    ),
    (
        "code",
        "from okrkit import forecast as fc\n\n"
        "wau = plot.series_from_store(data, 'wau')\n"
        "res = fc.fit(wau.to_numpy(), model='AAN')\n"
        "o = res.target_outlook(20000.0, 2, 'higher')\n"
        "table = res.forecast(2, level=(80, 95))\n"
        "table.index = pd.date_range(wau.index[-1], periods=3, freq='W-FRI')[1:]\n"
        "ax = plot.forecast(wau.loc['2025-05-01':], table, target=20000.0,\n"
        "                   title=f\"Weekly actives: P(20 000 by 26 Sep) = {o['probability']:.0%}\")",
    ),
    (
        "md",
        "The review's conclusions: keep the faster renderer; the crash regression of August is fixed (the chart is back inside its limits), but it should have been caught before release — add a crash-rate gate to the rollout. Weekly actives grow by about 1% a week, not fast enough for 20 000 by the end of September: the forecast gives it little chance, so the growth and onboarding squads should say what would change that, or the target should be reset for Q4.",
    ),
]

STRATEGY_REVIEW = [
    (
        "md",
        "# Estrategia: the balanced scorecard of Grupo Alameda\n\n"
        "Grupo Alameda, a Spanish retailer, runs five store regions (Norte, Centro, "
        "Levante, Sur and the online shop) and two group functions (logistics and people) "
        "with about sixty managers. Its 2025 strategy map has four balanced-scorecard "
        "perspectives — financial, customers, internal processes, learning & growth — "
        "with KPIs per region (weekly sales, monthly NPS and orders on time in full) and "
        "two critical success factors measured by them. The half-year review is on "
        "Friday 27 June. Titles are in Spanish. " + _DATA_NOTE,
    ),
    ("code", _load("strategy", "2025-06-27")),
    (
        "md",
        "## Perspectives\n\nMean score of the objectives and KPIs of each unit in each "
        "perspective:",
    ),
    ("code", "ax = plot.heatmap(sc, title='Grupo Alameda · 1S 2025')"),
    (
        "md",
        "The financial and customer perspectives are strong in most regions; Tiendas Sur is weakest everywhere, and the learning & growth perspective (training hours, certification) lags group-wide.\n\n## Critical success factors\n\nEach CSF is scored from the KPIs that measure it: *reliable delivery* from the regions' OTIF (orders on time in full), *customer experience* from their NPS.",
    ),
    (
        "code",
        "ax = plot.okr_progress(sc, kind='csf', title='Factores críticos de éxito')",
    ),
    (
        "code",
        "frame = sc.to_frame()\n"
        "kpis = frame[frame.kind == 'kpi']\n"
        "kpis[kpis.index.str.endswith('-otif')][['value', 'target', 'health']]",
    ),
    (
        "code",
        "sur = plot.series_from_store(data, 'otif_sur')\n"
        "ax = plot.kpi_series(sur, target=0.95, title='Tiendas Sur: pedidos a tiempo y completos')",
    ),
    ("md", "## The strategy map\n\nObjectives aligned bottom-up, with their key results:"),
    ("code", "ax = plot.objective_tree(sc, title='Mapa estratégico')"),
    (
        "md",
        "The review's conclusions: repeat customers and lead time reached their half-year targets, the operating margin (about 9.1% of 9.5%) did not; and reliable delivery depends on Tiendas Sur, whose new warehouse keeps its OTIF around 92% while the others are at or near 95%; and the certification programme reaches about two thirds of its target, the objective furthest behind.",
    ),
]


def main(names: list[str] | None = None) -> None:
    """Write every notebook, or only ``names`` (e.g. ``lint appraisal``)."""
    books = {
        "quickstart": nb(QUICKSTART, requires=("okrkit.forecast",)),
        "bulk-scorecards": nb(BULK),
        "lint": nb(LINT),
        "appraisal": nb(APPRAISAL),
    }
    books.update(
        {
            "scenario-sales": nb(SALES_REVIEW),
            "scenario-service": nb(SERVICE_REVIEW),
            "scenario-people": nb(PEOPLE_REVIEW),
            "scenario-marketing": nb(MARKETING_REVIEW),
            "scenario-finance": nb(FINANCE_REVIEW),
            "scenario-project": nb(PROJECT_REVIEW),
            "scenario-product": nb(PRODUCT_REVIEW),
            "scenario-strategy": nb(STRATEGY_REVIEW),
        }
    )
    for name, book in books.items():
        if names and name not in names:
            continue
        nbformat.validate(book)
        nbformat.write(book, HERE / f"{name}.ipynb")


if __name__ == "__main__":
    import sys

    main(sys.argv[1:] or None)
