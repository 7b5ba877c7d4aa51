"""Named surfaces (value + analytic gradient) and the safe expression parser."""

import contextlib
import math
import time

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine.gradient import numerical_gradient
from engine.surfaces import (
    MAX_LENGTH,
    SURFACES,
    ExpressionError,
    custom_surface,
    parse_expression,
)


def test_named_surfaces_exist():
    assert list(SURFACES) == [
        "sphere",
        "elongated",
        "rosenbrock",
        "himmelblau",
        "beale",
        "saddle",
    ]


@pytest.mark.parametrize("key", list(SURFACES))
def test_analytic_gradient_matches_numerical(key):
    surface = SURFACES[key]
    rng = np.random.default_rng(0)
    xmin, xmax, ymin, ymax = surface.view
    for _ in range(20):
        p = np.array([rng.uniform(xmin, xmax), rng.uniform(ymin, ymax)]) * 0.5
        num = numerical_gradient(surface, p.copy())
        np.testing.assert_allclose(surface.gradient(p), num, rtol=1e-5, atol=1e-4)


@pytest.mark.parametrize("key", list(SURFACES))
def test_minima_are_minima_and_grid_evaluation(key):
    surface = SURFACES[key]
    for m in surface.minima:
        assert np.linalg.norm(surface.gradient(np.array(m))) < 1e-4
    xs, ys = np.meshgrid(np.linspace(-1, 1, 5), np.linspace(-2, 2, 4))
    z = surface.f(xs, ys)
    assert z.shape == (4, 5)
    assert z[0, 0] == surface.value(np.array([xs[0, 0], ys[0, 0]]))


def test_known_values():
    assert SURFACES["sphere"].value(np.array([3.0, 4.0])) == 25.0
    assert SURFACES["elongated"].value(np.array([-7.0, 2.0])) == pytest.approx(49 / 20 + 4)
    assert SURFACES["rosenbrock"].value(np.array([1.0, 1.0])) == 0.0
    assert SURFACES["himmelblau"].value(np.array([3.0, 2.0])) == 0.0
    assert SURFACES["beale"].value(np.array([3.0, 0.5])) == 0.0
    assert SURFACES["saddle"].value(np.array([1.0, 2.0])) == -3.0
    assert SURFACES["sphere"].gradient(np.array([3.0, 4.0])).tolist() == [6.0, 8.0]


def test_parse_expression_values_and_aliases():
    f = parse_expression("x0**2 + x1**2")
    assert f(3.0, 4.0) == 25.0
    g = parse_expression("sin(x) * exp(-y) + sqrt(abs(x)) - log(e) + tanh(0) + cos(pi) / 2")
    x, y = 0.3, -1.2
    expected = math.sin(x) * math.exp(-y) + math.sqrt(abs(x)) - 1 + 0 + math.cos(math.pi) / 2
    assert g(x, y) == pytest.approx(expected)
    grid = parse_expression("x - y")(np.array([[1.0, 2.0]]), np.array([[0.5, 0.5]]))
    assert grid.tolist() == [[0.5, 1.5]]
    assert parse_expression("3")(np.zeros((2, 3)), np.zeros((2, 3))).shape == (2, 3)
    assert parse_expression("2 × x − y ÷ 2")(1.0, 4.0) == 0.0
    assert parse_expression("tan(x)")(0.0, 0.0) == 0.0


def test_undefined_points_give_nan_not_exceptions():
    f = parse_expression("log(x) + 1/y")
    assert math.isnan(f(-1.0, 1.0))
    assert math.isinf(f(1.0, 0.0))


@pytest.mark.parametrize(
    ("text", "reason", "column"),
    [
        ("x.__class__", "attribute", 1),
        ("__import__('os').system('ls')", "attribute", 1),
        ("open('f')", "call", 1),
        ("foo(x)", "call", 1),
        ("z + 1", "name", 1),
        ("x + __builtins__", "name", 5),
        ("lambda: 1", "construct", 1),
        ("[x for x in y]", "construct", 1),
        ("x[0]", "construct", 1),
        ("'abc'", "constant", 1),
        ("x + True", "constant", 5),
        ("1j * x", "constant", 1),
        ("x if y else 1", "construct", 1),
        ("x < y", "construct", 1),
        ("x ^ 2", "operator", 3),
        ("x + y // 2", "operator", 7),
        ("x % 2", "operator", 3),
        ("not x", "operator", 1),
        ("sin(x, y)", "arguments", 1),
        ("sin(x=1)", "arguments", 1),
        ("sin + 1", "not_value", 1),
        ("9**9**9", "overflow", 1),
        ("10.0**400 * x", "overflow", 1),
        ("x + log(-1)", "undefined", 5),
        ("x +", "syntax", 4),
        ("(x", "syntax", 1),
        ("import os", "syntax", 1),
        ("", "empty", 0),
        ("   ", "empty", 0),
        ("x" + "+x" * 200, "too_long", 0),
        ("-" * 60 + "x", "too_deep", 42),
    ],
)
def test_refused_with_reason_and_column(text, reason, column):
    with pytest.raises(ExpressionError) as info:
        parse_expression(text)
    assert info.value.reason == reason
    assert info.value.column == column
    assert isinstance(info.value, ValueError)


def test_huge_integer_power_does_not_hang():
    start = time.perf_counter()
    for text in ("9**9**9**9", "(10**10)**(10**10)", "2**2**2**2**2**2**2"):
        with pytest.raises(ExpressionError):
            parse_expression(text)
    assert time.perf_counter() - start < 2.0


def test_custom_surface_has_no_analytic_gradient():
    s = custom_surface("x**2 + 3*y**2")
    assert not s.has_gradient
    assert s.value(np.array([1.0, 1.0])) == 4.0
    with pytest.raises(ValueError):
        s.gradient(np.array([1.0, 1.0]))
    np.testing.assert_allclose(numerical_gradient(s, np.array([1.0, 1.0])), [2, 6], rtol=1e-6)
    with pytest.raises(ExpressionError):
        custom_surface("x.y")


ALPHABET = "xy01e9.+-*/()**sinlogexpqrtabpi _,[]'\"lambda:@%^!~<>=\\\n"


@settings(max_examples=400, deadline=500)
@given(st.text(alphabet=ALPHABET, max_size=80))
def test_fuzz_only_value_errors(text):
    try:
        f = parse_expression(text)
    except ValueError:
        return
    with np.errstate(all="ignore"):
        f(0.5, -1.5)
        f(np.linspace(-2, 2, 3), np.ones(3))


@settings(max_examples=200, deadline=500)
@given(st.text(max_size=MAX_LENGTH + 20))
def test_fuzz_arbitrary_unicode(text):
    with contextlib.suppress(ValueError):
        parse_expression(text)


@settings(max_examples=200, deadline=500)
@given(
    st.recursive(
        st.sampled_from(["x", "y", "x0", "x1", "2", "0.5", "9", "pi", "e", "1e300"]),
        lambda inner: st.one_of(
            st.tuples(inner, st.sampled_from(["+", "-", "*", "/", "**"]), inner).map(
                lambda t: f"({t[0]} {t[1]} {t[2]})"
            ),
            st.tuples(st.sampled_from(["sin", "exp", "log", "sqrt", "-"]), inner).map(
                lambda t: f"{t[0]}({t[1]})"
            ),
        ),
        max_leaves=12,
    )
)
def test_fuzz_well_formed_expressions_evaluate(text):
    try:
        f = parse_expression(text)
    except ExpressionError as exc:
        assert exc.reason in {"overflow", "undefined", "too_long", "too_deep"}
        return
    value = f(0.7, -0.3)
    assert isinstance(float(value), float)


def test_no_syntax_warning_reaches_stderr(recwarn):
    import pytest

    from engine.surfaces import parse_expression

    with pytest.raises(ValueError):
        parse_expression("1if x else y")  # Python warns "invalid decimal literal" here
    assert not [w for w in recwarn if issubclass(w.category, SyntaxWarning)]


def test_odd_text_warns_nothing():
    """Text such as "\\d" (an invalid escape) or "2x" is refused without a warning on stderr."""
    import warnings

    for text in ('"\\d"', "2x", "'\\q' + x"):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            with pytest.raises(ExpressionError):
                parse_expression(text)
        assert [str(w.message) for w in caught] == []
