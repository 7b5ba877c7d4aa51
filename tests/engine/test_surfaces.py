"""Named surfaces (value + analytic gradient) and the safe expression parser."""

import contextlib
import math
import subprocess
import sys
from pathlib import Path

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


#: Each named surface written out again in plain Python floats, independent of the
#: expression parser the engine evaluates them with.
REFERENCE = {
    "sphere": lambda x, y: x * x + y * y,
    "elongated": lambda x, y: x * x / 20 + y * y,
    "rosenbrock": lambda x, y: (1 - x) ** 2 + 100 * (y - x * x) ** 2,
    "himmelblau": lambda x, y: (x * x + y - 11) ** 2 + (x + y * y - 7) ** 2,
    "beale": lambda x, y: (
        (1.5 - x + x * y) ** 2 + (2.25 - x + x * y**2) ** 2 + (2.625 - x + x * y**3) ** 2
    ),
    "saddle": lambda x, y: x * x - y * y,
}


def test_reference_covers_every_surface():
    assert set(REFERENCE) == set(SURFACES)


@pytest.mark.parametrize("key", list(SURFACES))
def test_minima_are_minima_and_grid_evaluation(key):
    surface = SURFACES[key]
    for m in surface.minima:
        assert np.linalg.norm(surface.gradient(np.array(m))) < 1e-4
    # a grid that is not symmetric in x and y: a swapped or transposed evaluation shows
    xs, ys = np.meshgrid(np.linspace(-1, 1.5, 5), np.linspace(-2, 0.7, 4))
    z = surface.f(xs, ys)
    assert z.shape == (4, 5)
    expected = [
        [REFERENCE[key](float(x), float(y)) for x, y in zip(rx, ry)] for rx, ry in zip(xs, ys)
    ]
    np.testing.assert_allclose(z, expected, rtol=1e-12, atol=1e-12)
    # one point through value(p), p = (x, y)
    assert surface.value(np.array([1.5, -2.0])) == pytest.approx(REFERENCE[key](1.5, -2.0))


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
    """Refused without computing the number: in a subprocess, so a parser that tried
    (9**9**9 has 370 million digits; (10**10)**(10**10) cannot be held in memory) fails
    by its timeout instead of hanging the suite. Refusing takes milliseconds; the 120 s
    is far above any load, far below what computing those numbers would take."""
    code = (
        "from engine.surfaces import ExpressionError, parse_expression\n"
        "for text in ('9**9**9**9', '(10**10)**(10**10)', '2**2**2**2**2**2**2'):\n"
        "    try:\n"
        "        parse_expression(text)\n"
        "    except ExpressionError as exc:\n"
        "        print(text, exc.reason)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=Path(__file__).resolve().parents[2],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == [
        "9**9**9**9",
        "overflow",
        "(10**10)**(10**10)",
        "overflow",
        "2**2**2**2**2**2**2",
        "overflow",
    ]


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


def _leaf(text):
    """A leaf of a generated expression: its text and a direct evaluator of it."""
    if text in ("x", "x0"):
        return text, (lambda x, y: x)
    if text in ("y", "x1"):
        return text, (lambda x, y: y)
    number = np.float64({"pi": math.pi, "e": math.e}.get(text) or float(text))
    return text, (lambda x, y: number)


_NUMPY_BINARY = {
    "+": np.add,
    "-": np.subtract,
    "*": np.multiply,
    "/": np.divide,
    "**": np.power,
}
_NUMPY_UNARY = {"sin": np.sin, "exp": np.exp, "log": np.log, "sqrt": np.sqrt, "-": np.negative}


def _binary(parts):
    (ta, fa), op, (tb, fb) = parts
    fn = _NUMPY_BINARY[op]
    return f"({ta} {op} {tb})", (lambda x, y: fn(fa(x, y), fb(x, y)))


def _unary(parts):
    name, (t, f) = parts
    fn = _NUMPY_UNARY[name]
    text = f"(-({t}))" if name == "-" else f"{name}({t})"  # -a ** b would be -(a ** b)
    return text, (lambda x, y: fn(f(x, y)))


def _constant_part_fails(text):
    """Whether some constant sub-expression of ``text`` is not a finite float64 (the parser
    refuses those), found by walking Python's own parse tree and evaluating with NumPy."""
    import ast

    def walk(node):
        """(value or None if it depends on x/y, whether a constant part failed)."""
        if isinstance(node, ast.Constant):
            return np.float64(node.value), False
        if isinstance(node, ast.Name):
            if node.id in ("pi", "e"):
                return np.float64(getattr(math, node.id)), False
            return None, False
        if isinstance(node, ast.UnaryOp):
            children, fn = [node.operand], np.negative
        elif isinstance(node, ast.Call):
            children, fn = node.args, _NUMPY_UNARY[node.func.id]
        else:
            symbol = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/", ast.Pow: "**"}
            children, fn = [node.left, node.right], _NUMPY_BINARY[symbol[type(node.op)]]
        results = [walk(child) for child in children]
        if any(failed for _, failed in results):
            return None, True
        values = [value for value, _ in results]
        if any(v is None for v in values):
            return None, False
        with np.errstate(all="ignore"):
            value = fn(*values)
        return value, not np.isfinite(value)

    return walk(ast.parse(text, mode="eval").body)[1]


@settings(max_examples=200, deadline=500)
@given(
    st.recursive(
        st.sampled_from(["x", "y", "x0", "x1", "2", "0.5", "9", "pi", "e", "1e300"]).map(_leaf),
        lambda inner: st.one_of(
            st.tuples(inner, st.sampled_from(list(_NUMPY_BINARY)), inner).map(_binary),
            st.tuples(st.sampled_from(list(_NUMPY_UNARY)), inner).map(_unary),
        ),
        max_leaves=12,
    )
)
def test_fuzz_well_formed_expressions_evaluate(generated):
    """Each generated expression gives, at (0.7, -0.3), exactly the float64 value the same
    operations give when applied directly with NumPy; it is refused only when a constant
    part of it overflows or is undefined (or the text is too long)."""
    text, direct = generated
    try:
        f = parse_expression(text)
    except ExpressionError as exc:
        if len(text) > MAX_LENGTH:
            assert exc.reason == "too_long"
        else:
            assert exc.reason in {"overflow", "undefined"}, (text, exc)
            assert _constant_part_fails(text), (text, exc)
        return
    assert len(text) <= MAX_LENGTH and not _constant_part_fails(text), text
    with np.errstate(all="ignore"):
        expected = direct(np.float64(0.7), np.float64(-0.3))
    value = f(0.7, -0.3)
    assert np.array_equal(value, expected, equal_nan=True), (text, value, expected)
    # on an array the values are the same, element-wise
    grid = f(np.array([0.7, 0.7]), np.array([-0.3, -0.3]))
    assert np.array_equal(grid, [expected, expected], equal_nan=True), text


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
