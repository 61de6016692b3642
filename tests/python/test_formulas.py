"""okrkit.formulas: expressions against numpy, exact errors, KPI calculators.

Reference semantics in numpy (what the expression language promises):
x / 0 is NaN (numpy gives inf), a comparison with a NaN operand is NaN (numpy
gives False), round() is half away from zero (numpy rounds half to even), and
a final ±inf becomes NaN. Everything else is plain IEEE arithmetic, so results
must be bit-identical to the numpy expression.
"""

from __future__ import annotations

import pickle
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Callable

import numpy as np
import okrkit
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from okrkit import formulas as f

Arr = np.ndarray


# ---- numpy reference -----------------------------------------------------------


def r_div(a: Arr, b: Arr) -> Arr:
    with np.errstate(all="ignore"):
        return np.where(b == 0, np.nan, a / b)


def r_cmp(op: Callable[[Arr, Arr], Arr]) -> Callable[[Arr, Arr], Arr]:
    def g(a: Arr, b: Arr) -> Arr:
        with np.errstate(all="ignore"):
            return np.where(np.isnan(a) | np.isnan(b), np.nan, op(a, b).astype(float))

    return g


def r_round(a: Arr) -> Arr:
    # Half away from zero, exactly: x - trunc(x) is exact in binary floating point.
    with np.errstate(all="ignore"):
        t = np.trunc(a)
        return np.where(np.abs(a - t) >= 0.5, t + np.sign(a), t)


def r_round_digits(a: Arr, d: int) -> Arr:
    with np.errstate(all="ignore"):
        p = 10.0**d
        return np.where(np.abs(a) < 2.0**52, r_round(a * p) / p, a)


def r_sqrt(a: Arr) -> Arr:
    with np.errstate(all="ignore"):
        return np.where(a < 0, np.nan, np.sqrt(np.abs(a)))


def r_if(c: Arr, a: Arr, b: Arr) -> Arr:
    return np.where(np.isnan(c), np.nan, np.where(c != 0, a, b))


def finish(x: Arr) -> Arr:
    x = np.array(x, dtype=float)
    x[~np.isfinite(x)] = np.nan
    return x


def arith(op: Callable[[Arr, Arr], Arr]) -> Callable[[Arr, Arr], Arr]:
    def g(a: Arr, b: Arr) -> Arr:
        with np.errstate(all="ignore"):
            return op(a, b)

    return g


BINARY: list[tuple[str, Callable[[Arr, Arr], Arr]]] = [
    ("+", arith(np.add)),
    ("-", arith(np.subtract)),
    ("*", arith(np.multiply)),
    ("/", r_div),
    ("<", r_cmp(np.less)),
    ("<=", r_cmp(np.less_equal)),
    (">", r_cmp(np.greater)),
    (">=", r_cmp(np.greater_equal)),
    ("==", r_cmp(np.equal)),
    ("!=", r_cmp(np.not_equal)),
]

Node = tuple[str, Callable[[dict[str, Arr]], Arr]]


def leaves() -> st.SearchStrategy[Node]:
    var = st.sampled_from(["a", "b", "c"]).map(lambda n: (n, lambda env, n=n: env[n]))
    num = st.one_of(
        st.floats(-1e6, 1e6, allow_nan=False, allow_infinity=False),
        st.sampled_from([0.0, 1.0, 2.0, 0.5, 100.0]),
    ).map(lambda x: (f"({x!r})", lambda env, x=x: np.full_like(env["a"], x)))
    return st.one_of(var, var, num)


def extend(children: st.SearchStrategy[Node]) -> st.SearchStrategy[Node]:
    def binary(t: Any) -> Node:
        (sym, fn), (lt, lf), (rt, rf) = t
        return f"({lt} {sym} {rt})", lambda env: fn(lf(env), rf(env))

    def unary(t: Any) -> Node:
        kind, (xt, xf) = t
        if kind == "neg":
            return f"(-{xt})", lambda env: -xf(env)
        if kind == "abs":
            return f"abs({xt})", lambda env: np.abs(xf(env))
        if kind == "sqrt":
            return f"sqrt({xt})", lambda env: r_sqrt(xf(env))
        if kind == "round":
            return f"round({xt})", lambda env: r_round(xf(env))
        d = int(kind[-1])
        return f"round({xt}, {d})", lambda env: r_round_digits(xf(env), d)

    def nary(t: Any) -> Node:
        kind, parts = t
        texts = ", ".join(p[0] for p in parts)
        fns = [p[1] for p in parts]
        if kind == "if":
            return f"if({texts})", lambda env: r_if(*(g(env) for g in fns))
        np_fn = np.minimum if kind == "min" else np.maximum

        def run(env: dict[str, Arr]) -> Arr:
            out = fns[0](env)
            for g in fns[1:]:
                out = np_fn(out, g(env))
            return out

        return f"{kind}({texts})", run

    return st.one_of(
        st.tuples(st.sampled_from(BINARY), children, children).map(binary),
        st.tuples(
            st.sampled_from(["neg", "abs", "sqrt", "round", "round0", "round2"]), children
        ).map(unary),
        st.tuples(st.just("if"), st.lists(children, min_size=3, max_size=3)).map(nary),
        st.tuples(st.sampled_from(["min", "max"]), st.lists(children, min_size=2, max_size=4)).map(
            nary
        ),
    )


expressions = st.recursive(leaves(), extend, max_leaves=12)
values = st.one_of(
    st.floats(-1e4, 1e4, allow_nan=False, allow_infinity=False),
    st.sampled_from([0.0, -0.0, 1.0, -1.0, 0.5, -2.5, np.nan]),
)


@settings(max_examples=200, deadline=None)
@given(
    expr=expressions,
    data=hnp.arrays(np.float64, st.tuples(st.integers(1, 40), st.just(3)), elements=values),
)
def test_expression_matches_numpy(expr: Node, data: Arr) -> None:
    text, ref = expr
    env = {"a": data[:, 0].copy(), "b": data[:, 1].copy(), "c": data[:, 2].copy()}
    want = finish(ref(env))
    e = f.Expression(text)
    res = e.evaluate_with_issues(**env, max_issues=1000)
    np.testing.assert_array_equal(res.values, want, err_msg=text)
    missing = np.flatnonzero(np.isnan(want))
    assert res.missing_rows == len(missing)
    assert [i.index for i in res.issues] == list(missing)


def test_large_random_columns_match_numpy() -> None:
    # 100 003 rows: many evaluation blocks and a partial last one.
    rng = np.random.default_rng(7)
    n = 100_003
    promoters = rng.integers(0, 50, n).astype(float)
    detractors = rng.integers(0, 50, n).astype(float)
    responses = promoters + detractors + rng.integers(0, 3, n)  # 0 in ~1 row of 7500
    e = f.Expression("(promoters - detractors) / responses * 100")
    got = e.evaluate(promoters=promoters, detractors=detractors, responses=responses)
    want = finish(r_div(promoters - detractors, responses) * 100)
    np.testing.assert_array_equal(got, want)
    res = e.evaluate_with_issues(
        promoters=promoters, detractors=detractors, responses=responses, max_issues=5
    )
    zero_rows = np.flatnonzero(responses == 0)
    assert res.missing_rows == len(zero_rows) > 5
    assert [i.index for i in res.issues] == list(zero_rows[:5])
    assert {i.code for i in res.issues} == {"division-by-zero"}

    g = f.Expression("if(responses > 0, min(promoters / responses, 1) * 100, 0)")
    got = g.evaluate(promoters=promoters, responses=responses)
    with np.errstate(all="ignore"):
        want = np.where(responses > 0, np.minimum(promoters / responses, 1) * 100, 0)
    np.testing.assert_array_equal(got, want)
    # The division by zero sits in the branch not taken: no issue.
    assert g.evaluate_with_issues(promoters=promoters, responses=responses).issues == []


# ---- API ---------------------------------------------------------------------------


def test_names_text_repr_pickle() -> None:
    e = f.Expression("web.sessions_2 / `paid-leads` + web.sessions_2")
    assert e.names == ["web.sessions_2", "paid-leads"]
    assert e.text == "web.sessions_2 / `paid-leads` + web.sessions_2"
    assert repr(e) == "Expression('web.sessions_2 / `paid-leads` + web.sessions_2')"
    e2 = pickle.loads(pickle.dumps(e))
    assert e2 == e and e2.names == e.names
    assert f.Expression.max_length == 4096
    assert f.Expression.max_depth == 100


def test_dataframe_in_series_out() -> None:
    df = pd.DataFrame(
        {"leads": [5.0, 3.0, 8.0], "sessions": [100, 0, 200], "other": ["x", "y", "z"]},
        index=pd.period_range("2025-01", periods=3, freq="M"),
    )
    e = f.Expression("leads / sessions * 100")
    out = e.evaluate(df)
    assert isinstance(out, pd.Series)
    assert out.name == "leads / sessions * 100"
    assert list(out.index) == list(df.index)
    np.testing.assert_array_equal(out.to_numpy(), [5.0, np.nan, 4.0])
    # Keyword columns override the frame's; scalars broadcast.
    np.testing.assert_array_equal(e.evaluate(df, sessions=10).to_numpy(), [50.0, 30.0, 80.0])
    # Nullable pandas columns: pd.NA is a missing input.
    s = pd.Series([1, None, 3], dtype="Int64")
    res = f.Expression("x + 1").evaluate_with_issues(x=s)
    np.testing.assert_array_equal(res.values, [2.0, np.nan, 4.0])
    assert res.issues == [f.Issue("missing-input", 1, 1, "index 1: column 1: 'x' is missing (NaN)")]


def test_call_and_constant_expression() -> None:
    e = f.Expression("2 * 3 + 1")
    assert e.names == []
    np.testing.assert_array_equal(e(), [7.0])
    np.testing.assert_array_equal(e(pd.DataFrame({"a": [1, 2]})).to_numpy(), [7.0, 7.0])


def test_division_by_zero_issue() -> None:
    e = f.Expression("if(sessions >= 0, leads / sessions, 0)")
    res = e.evaluate_with_issues(leads=[5, 3], sessions=[10, 0])
    np.testing.assert_array_equal(res.values, [0.5, np.nan])
    assert res.missing_rows == 1
    assert res.issues == [
        f.Issue("division-by-zero", 1, 25, "index 1: column 25: division by zero")
    ]


def test_parse_errors_are_exact() -> None:
    with pytest.raises(okrkit.ParseError) as err:
        f.Expression("a + * b")
    assert str(err.value) == (
        "expression 'a + * b': column 5: expected a number, name or '('\n  a + * b\n      ^"
    )
    with pytest.raises(okrkit.ParseError) as err:
        f.Expression("round(x, y)")
    assert str(err.value) == (
        "expression 'round(x, y)': column 10: round() digits must be a whole number from "
        "-15 to 15\n  round(x, y)\n           ^"
    )
    assert issubclass(okrkit.ParseError, ValueError)


def test_deep_nesting_and_length_limits() -> None:
    with pytest.raises(okrkit.ParseError) as err:
        f.Expression("(" * 100_000)
    assert str(err.value) == (
        "expression '((((((((((((((((((((...': column 4097: longer than the limit of 4096 "
        "characters"
    )
    with pytest.raises(okrkit.ParseError, match=r"column 101: nested deeper than 100 levels"):
        f.Expression("(" * 101 + "x" + ")" * 101)
    assert f.Expression("(" * 100 + "x" + ")" * 100).names == ["x"]


def test_unknown_names_are_reported_with_columns() -> None:
    e = f.Expression("leads / sesions + cost")
    with pytest.raises(okrkit.ValidationError) as err:
        e.evaluate(leads=[1.0], sessions=[2.0])
    problems = err.value.problems  # type: ignore[attr-defined]
    assert [p["message"] for p in problems] == [
        "expression 'leads / sesions + cost': column 9: unknown name 'sesions'",
        "expression 'leads / sesions + cost': column 19: unknown name 'cost'",
    ]
    assert {p["code"] for p in problems} == {"unknown-name"}


def test_bad_shapes() -> None:
    e = f.Expression("a + b")
    with pytest.raises(ValueError):
        e.evaluate(a=[1.0, 2.0], b=[1.0, 2.0, 3.0])
    with pytest.raises(okrkit.DomainError, match="expected a 1-d array"):
        e.evaluate(a=np.ones((2, 2)), b=1.0)


def test_concurrent_evaluation() -> None:
    # The GIL is released during evaluation; one Expression from many threads.
    e = f.Expression("a * 2 + b")
    a = np.arange(200_000, dtype=float)
    b = np.ones_like(a)
    with ThreadPoolExecutor(4) as pool:
        outs = list(pool.map(lambda _: e.evaluate(a=a, b=b), range(8)))
    for out in outs:
        np.testing.assert_array_equal(out, a * 2 + b)


# ---- calculators -------------------------------------------------------------------


def test_nps_worked_example() -> None:
    # 60 promoters (9-10), 25 passives (7-8), 15 detractors (0-6) of 100:
    # 60 % - 15 % = 45.
    scores = [9] * 30 + [10] * 30 + [7] * 13 + [8] * 12 + [i % 7 for i in range(15)]
    assert f.nps(scores) == pytest.approx(45.0)
    assert f.nps(np.array(scores, dtype=float)) == pytest.approx(45.0)
    assert f.nps_from_counts(60, 25, 15) == pytest.approx(45.0)
    issues: list[f.Issue] = []
    assert np.isnan(f.nps([10, 11], issues=issues))
    assert issues == [
        f.Issue(
            "invalid-input", 0, None, "nps: score at index 1 is not a whole number from 0 to 10"
        )
    ]


def test_csat_worked_example() -> None:
    # 200 answers on 1-5, 150 of them 4 or 5: 150 / 200 = 75 %.
    scores = [5] * 90 + [4] * 60 + [1, 2, 3] * 16 + [1, 2]
    assert len(scores) == 200
    assert f.csat(scores) == pytest.approx(75.0)
    assert f.csat_from_counts(150, 200) == pytest.approx(75.0)
    # 1-10 scale, satisfied at 8+: 3 of 5 = 60 %.
    assert f.csat([1, 5, 8, 9, 10], scale_max=10, satisfied_min=8) == pytest.approx(60.0)


@pytest.mark.parametrize(
    ("fn", "args", "want"),
    [
        (f.conversion_rate, (50, 2000), 2.5),  # 50 / 2000 * 100
        (f.ctr, (120, 8000), 1.5),  # 120 / 8000 * 100
        (f.cac, (50_000, 125), 400.0),  # 50000 / 125
        (f.cpa, (3_000, 60), 50.0),  # 3000 / 60
        (f.roas, (20_000, 5_000), 4.0),  # 20000 / 5000
        (f.clv, (80, 4, 3), 960.0),  # 80 * 4 * 3
        (f.clv_from_margin, (50, 80, 2.5), 1600.0),  # 50 * 0.80 / 0.025
        (f.churn_rate, (1000, 1070, 150), 8.0),  # (1000 + 150 - 1070) / 1000 * 100
        (f.retention_rate, (1000, 1070, 150), 92.0),  # (1070 - 150) / 1000 * 100
        (f.average_order_value, (45_000, 900), 50.0),  # 45000 / 900
        (f.budget_execution_rate, (450_000, 500_000), 90.0),  # 450k / 500k * 100
        (f.cost_overrun_rate, (115_000, 100_000), 15.0),  # (115k - 100k) / 100k * 100
        (f.current_ratio, (300_000, 150_000), 2.0),  # 300k / 150k
        (f.debt_to_asset_ratio, (400_000, 1_000_000), 0.4),  # 400k / 1M
        (f.on_time_delivery_rate, (470, 500), 94.0),  # 470 / 500 * 100
        (f.first_contact_resolution_rate, (340, 400), 85.0),  # 340 / 400 * 100
    ],
)
def test_calculator_worked_examples(
    fn: Callable[..., Any], args: tuple[float, ...], want: float
) -> None:
    got = fn(*args)
    assert isinstance(got, float)
    assert got == pytest.approx(want)


def test_calculators_broadcast_and_keep_series_index() -> None:
    conv = pd.Series([10.0, 0.0, 30.0], index=["jan", "feb", "mar"])
    visits = pd.Series([100.0, 0.0, 600.0], index=["jan", "feb", "mar"])
    issues: list[f.Issue] = []
    out = f.conversion_rate(conv, visits, issues=issues)
    assert isinstance(out, pd.Series)
    assert list(out.index) == ["jan", "feb", "mar"]
    np.testing.assert_array_equal(out.to_numpy(), [10.0, np.nan, 5.0])
    assert issues == [f.Issue("zero-denominator", 1, None, "conversion_rate: visitors is zero")]
    # Arrays broadcast against scalars, like numpy.
    np.testing.assert_allclose(f.ctr(np.array([1.0, 2.0]), 10), [10.0, 20.0])
    np.testing.assert_allclose(f.churn_rate([1000, 200], [1070, 200], 150)[0], 8.0)


def test_calculators_never_raise_on_bad_data() -> None:
    issues: list[f.Issue] = []
    assert np.isnan(f.cac(-1, 10, issues=issues))
    assert np.isnan(f.roas(np.nan, 10, issues=issues))
    assert np.isnan(f.churn_rate(1000, 1200, 150, issues=issues))
    assert [i.code for i in issues] == ["invalid-input", "missing-input", "invalid-input"]


def test_calculators_have_named_inputs_and_docs() -> None:
    import inspect

    sig = inspect.signature(f.churn_rate)
    assert list(sig.parameters) == ["customers_start", "customers_end", "new_customers", "issues"]
    assert sig.parameters["issues"].kind is inspect.Parameter.KEYWORD_ONLY
    assert f.churn_rate.__name__ == "churn_rate" and f.churn_rate.__module__ == "okrkit.formulas"
    assert (f.churn_rate.__doc__ or "").startswith("Churn rate = (start + new − end) / start")
    # keywords, positions or a mix: (1000 + 150 - 1070) / 1000 * 100 = 8
    assert f.churn_rate(customers_start=1000, customers_end=1070, new_customers=150) == 8.0
    assert f.churn_rate(1000, 1070, new_customers=150) == 8.0
    with pytest.raises(TypeError):
        f.churn_rate(1000, 1070)
    with pytest.raises(TypeError):
        f.churn_rate(1000, 1070, 150, 7)
    with pytest.raises(TypeError):
        f.conversion_rate(50, visits=2000)
    issues: list[f.Issue] = []
    assert np.isnan(f.ctr(1, 0, issues=issues)) and issues[0].code == "zero-denominator"
