"""Two-variable functions to descend on, and a safe parser for ones a learner types.

The named surfaces are those the book and the study notes use (x0² + x1² of §4.4,
x²/20 + y² of §6.1.2) and classic test functions (Rosenbrock, Himmelblau, Beale, a
saddle). Each is written as an expression in the same small language that
``parse_expression`` accepts, with its analytic gradient written the same way, so a
surface can be shown as text, exported as code and evaluated on a NumPy grid alike.

``parse_expression`` never calls ``eval``: it parses the text with ``ast`` and turns
each node of a whitelisted kind into a small Python closure; anything else is refused
with an :class:`ExpressionError` (a ``ValueError``) that names the problem and its column.
"""

from __future__ import annotations

import ast
import math
import operator
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

__all__ = [
    "ExpressionError",
    "Expression",
    "parse_expression",
    "parse_tree",
    "Surface",
    "SURFACES",
    "custom_surface",
    "FUNCTIONS",
    "CONSTANTS",
    "MAX_LENGTH",
    "MAX_DEPTH",
]

#: Longest expression text accepted.
MAX_LENGTH = 300
#: Deepest nesting of operations accepted.
MAX_DEPTH = 40

#: The functions an expression may call (each takes one argument).
FUNCTIONS: dict[str, Callable[[Any], Any]] = {
    "sin": np.sin,
    "cos": np.cos,
    "tan": np.tan,
    "exp": np.exp,
    "log": np.log,
    "sqrt": np.sqrt,
    "abs": np.abs,
    "tanh": np.tanh,
}
#: Named constants.
CONSTANTS = {"pi": math.pi, "e": math.e}
#: Variable names: x and y, with the book's x0 and x1 as aliases.
VARIABLES = {"x": 0, "x0": 0, "y": 1, "x1": 1}

_BINARY = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: operator.truediv,
    ast.Pow: operator.pow,
}
_UNARY = {ast.USub: operator.neg, ast.UAdd: operator.pos}
_OPERATOR_SYMBOLS = {
    ast.FloorDiv: "//",
    ast.Mod: "%",
    ast.MatMult: "@",
    ast.BitAnd: "&",
    ast.BitOr: "|",
    ast.BitXor: "^",
    ast.LShift: "<<",
    ast.RShift: ">>",
    ast.Invert: "~",
    ast.Not: "not",
}


class ExpressionError(ValueError):
    """An expression that cannot be used.

    ``reason`` is a short code (``"empty"``, ``"too_long"``, ``"syntax"``, ``"name"``,
    ``"call"``, ``"not_value"``, ``"arguments"``, ``"attribute"``, ``"operator"``,
    ``"constant"``, ``"construct"``, ``"too_deep"``, ``"overflow"``, ``"undefined"``),
    ``column`` the 1-based column of the problem (0 when it concerns the whole text)
    and ``detail`` the offending name, operator or construct. ``str()`` is an English
    sentence; the GUI translates from ``reason`` and ``detail``.
    """

    def __init__(self, reason: str, column: int = 0, detail: str = "", message: str = "") -> None:
        self.reason = reason
        self.column = column
        self.detail = detail
        text = message or f"{reason.replace('_', ' ')}: {detail}".rstrip(": ")
        if column:
            text += f" (column {column})"
        super().__init__(text)


Evaluator = Callable[[Any, Any], Any]


def _column(text: str, node: ast.AST) -> int:
    """The 1-based character column of ``node`` (ast counts UTF-8 bytes)."""
    offset = getattr(node, "col_offset", 0) or 0
    return len(text.encode("utf-8")[:offset].decode("utf-8", errors="ignore")) + 1


def _construct_name(node: ast.AST) -> str:
    names = {
        ast.Attribute: "attribute access",
        ast.Subscript: "subscript",
        ast.Lambda: "lambda",
        ast.ListComp: "comprehension",
        ast.SetComp: "comprehension",
        ast.DictComp: "comprehension",
        ast.GeneratorExp: "comprehension",
        ast.Compare: "comparison",
        ast.BoolOp: "and/or",
        ast.IfExp: "if/else",
        ast.List: "list",
        ast.Tuple: "tuple",
        ast.Dict: "dict",
        ast.Set: "set",
        ast.JoinedStr: "string",
        ast.Starred: "starred",
        ast.NamedExpr: ":=",
        ast.Await: "await",
        ast.Yield: "yield",
        ast.YieldFrom: "yield",
        ast.Slice: "slice",
    }
    return names.get(type(node), type(node).__name__)


class _Compiler:
    """Turns a whitelisted ``ast`` tree into nested closures; refuses anything else."""

    def __init__(
        self,
        text: str,
        functions: dict[str, Callable[[Any], Any]] | None = None,
        free_names: bool = False,
    ) -> None:
        self.text = text
        self.uses: set[str] = set()
        self.functions = FUNCTIONS if functions is None else functions
        # free_names: any other name is a variable (``parse_tree``), not only x and y
        self.free_names = free_names

    def fail(self, reason: str, node: ast.AST, detail: str = "") -> ExpressionError:
        return ExpressionError(reason, _column(self.text, node), detail)

    def compile(self, node: ast.AST, depth: int = 0) -> tuple[Evaluator, float | None]:
        """Return (evaluator, constant value or None if it depends on x or y)."""
        if depth > MAX_DEPTH:
            raise self.fail("too_deep", node, str(MAX_DEPTH))
        if isinstance(node, ast.Constant):
            value = node.value
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise self.fail("constant", node, type(value).__name__)
            try:
                number = float(value)
            except OverflowError:
                raise self.fail("overflow", node, "number") from None
            if not math.isfinite(number):
                raise self.fail("overflow", node, "number")
            return self._constant(number)
        if isinstance(node, ast.Name):
            if self.free_names and node.id not in CONSTANTS and node.id not in self.functions:
                self.uses.add(node.id)  # a variable of the graph (no value here)
                return (lambda x, y: math.nan), None
            if node.id in VARIABLES:
                index = VARIABLES[node.id]
                self.uses.add("xy"[index])
                return ((lambda x, y: x) if index == 0 else (lambda x, y: y)), None
            if node.id in CONSTANTS:
                return self._constant(CONSTANTS[node.id])
            if node.id in self.functions:
                raise self.fail("not_value", node, node.id)
            raise self.fail("name", node, node.id)
        if isinstance(node, ast.UnaryOp):
            op = _UNARY.get(type(node.op))
            if op is None:
                raise self.fail("operator", node, _OPERATOR_SYMBOLS.get(type(node.op), "?"))
            inner, const = self.compile(node.operand, depth + 1)
            if const is not None:
                return self._fold(node, op, const)
            return (lambda x, y: op(inner(x, y))), None
        if isinstance(node, ast.BinOp):
            op = _BINARY.get(type(node.op))
            if op is None:
                symbol = _OPERATOR_SYMBOLS.get(type(node.op), "?")
                raise ExpressionError("operator", self._operator_column(node, symbol), symbol)
            left, left_const = self.compile(node.left, depth + 1)
            right, right_const = self.compile(node.right, depth + 1)
            if left_const is not None and right_const is not None:
                return self._fold(node, op, left_const, right_const)
            return (lambda x, y: op(left(x, y), right(x, y))), None
        if isinstance(node, ast.Call):
            if isinstance(node.func, ast.Attribute):
                raise self.fail("attribute", node.func, node.func.attr)
            if not isinstance(node.func, ast.Name):
                raise self.fail("call", node, _construct_name(node.func))
            name = node.func.id
            if name not in self.functions:
                raise self.fail("call", node.func, name)
            if node.keywords or len(node.args) != 1 or isinstance(node.args[0], ast.Starred):
                raise self.fail("arguments", node, name)
            fn = self.functions[name]
            inner, const = self.compile(node.args[0], depth + 1)
            if const is not None:
                return self._fold(node, fn, const)
            return (lambda x, y: fn(inner(x, y))), None
        if isinstance(node, ast.Attribute):
            raise self.fail("attribute", node, node.attr)
        raise self.fail("construct", node, _construct_name(node))

    def _operator_column(self, node: ast.BinOp, symbol: str) -> int:
        """The column of the operator between the two operands of ``node``."""
        raw = self.text.encode("utf-8")
        start = getattr(node.left, "end_col_offset", None) or 0
        stop = getattr(node.right, "col_offset", None) or len(raw)
        found = raw.find(symbol.encode(), start, stop)
        offset = found if found >= 0 else start
        return len(raw[:offset].decode("utf-8", errors="ignore")) + 1

    @staticmethod
    def _constant(value: float) -> tuple[Evaluator, float]:
        number = np.float64(value)
        return (lambda x, y: number), float(value)

    def _fold(self, node: ast.AST, fn: Callable[..., Any], *args: float) -> tuple[Evaluator, float]:
        """Evaluate a constant sub-expression now, in float64 (so ``9**9**9`` cannot hang)."""
        with np.errstate(all="ignore"):
            value = float(fn(*(np.float64(a) for a in args)))
        if math.isnan(value) and not any(math.isnan(a) for a in args):
            # e.g. log(-1), sqrt(-1) in a constant part: certainly a mistake
            raise self.fail("undefined", node, "nan")
        if math.isinf(value):
            raise self.fail("overflow", node, "inf")
        return self._constant(value)


@dataclass(frozen=True, eq=False)
class Expression:
    """A parsed expression f(x, y): callable on floats or NumPy arrays (element-wise).

    ``text`` is the text as typed; ``uses`` the variables it depends on. Floating-point
    warnings are silenced: a point where f is undefined gives NaN, not an exception.
    """

    text: str
    uses: frozenset[str]
    _evaluate: Evaluator = field(repr=False)

    def __call__(self, x: ArrayLike, y: ArrayLike) -> Any:
        x = np.asarray(x, dtype=np.float64)
        y = np.asarray(y, dtype=np.float64)
        if not x.ndim:
            x = x[()]
        if not y.ndim:
            y = y[()]
        with np.errstate(all="ignore"):
            result = self._evaluate(x, y)
            if np.ndim(x) or np.ndim(y):
                shape = np.broadcast_shapes(np.shape(x), np.shape(y))
                return np.broadcast_to(np.asarray(result, dtype=np.float64), shape).copy()
            return np.float64(result)


def parse_expression(text: str) -> Expression:
    """Parse a function of x and y typed by a learner, safely (design.md §5).

    Accepted: the names ``x``, ``y`` (and ``x0``, ``x1`` for them), ``pi``, ``e``,
    numbers, ``+ - * / **``, unary minus, parentheses and the one-argument functions
    ``sin cos tan exp log sqrt abs tanh``. Everything else (attribute access, other
    names or calls, subscripts, strings, lambdas, comprehensions, comparisons, …) is
    refused with an :class:`ExpressionError` naming the problem and its column, as are
    texts longer than ``MAX_LENGTH``, nesting deeper than ``MAX_DEPTH`` and constant
    parts that overflow (``9**9**9``).
    """
    source, tree = _parse_source(text)
    compiler = _Compiler(source)
    try:
        evaluate, _ = compiler.compile(tree.body)
    except RecursionError:
        raise ExpressionError("too_deep", 0, str(MAX_DEPTH)) from None
    return Expression(source, frozenset(compiler.uses), evaluate)


def parse_tree(
    text: str, functions: dict[str, Callable[[Any], Any]] | None = None
) -> tuple[str, ast.expr, frozenset[str]]:
    """The checked syntax tree of an expression in any variables (for ``engine.compgraph``).

    The same language and the same refusals as ``parse_expression`` (the same
    whitelist does the checking), except that every name which is not a constant or a
    function is a variable, and ``functions`` (default ``FUNCTIONS``) may add
    one-argument functions. Returns (the normalised text, the tree's body, the variable
    names used). Constant parts are *not* folded in the tree.
    """
    source, tree = _parse_source(text)
    compiler = _Compiler(source, functions, free_names=True)
    try:
        compiler.compile(tree.body)
    except RecursionError:
        raise ExpressionError("too_deep", 0, str(MAX_DEPTH)) from None
    return source, tree.body, frozenset(compiler.uses)


def _parse_source(text: str) -> tuple[str, ast.Expression]:
    """The normalised text and its ``ast`` tree; ``ExpressionError`` on a syntax error."""
    if not isinstance(text, str):
        raise ExpressionError("construct", 0, type(text).__name__)
    source = text.strip()
    if not source:
        raise ExpressionError("empty")
    if len(source) > MAX_LENGTH:
        raise ExpressionError("too_long", 0, str(MAX_LENGTH))
    source = source.replace("−", "-").replace("×", "*").replace("÷", "/")
    source = source.replace("\n", " ").replace("\r", " ").replace("\t", " ")
    try:
        with warnings.catch_warnings():
            # "2x" would print "invalid decimal literal" to stderr before failing, and a
            # string like "\d" an invalid-escape warning (a DeprecationWarning on Python
            # 3.11): the learner gets the SyntaxError's position, or the refusal, instead
            warnings.simplefilter("ignore", SyntaxWarning)
            warnings.simplefilter("ignore", DeprecationWarning)
            tree = ast.parse(source, mode="eval")
    except SyntaxError as exc:
        column = exc.offset or len(source) + 1
        if exc.lineno and exc.lineno > 1:
            column = 0
        raise ExpressionError("syntax", column, exc.msg or "") from None
    except (ValueError, RecursionError, MemoryError) as exc:
        raise ExpressionError("syntax", 0, type(exc).__name__) from None
    return source, tree


@dataclass(frozen=True, eq=False)
class Surface:
    """A function of two variables to descend on, with its plotting window and a start.

    ``text`` is f in the expression language, ``grad_text`` its two partial derivatives
    (``None`` for a typed function: only the numerical gradient is available), ``view``
    ``(xmin, xmax, ymin, ymax)``, ``start`` a default start point and ``minima`` the
    known minimisers. ``value(p)`` / ``surface(p)`` take a point array of shape (2,), so
    ``engine.gradient.numerical_gradient(surface, p)`` works as in the book.
    """

    key: str
    text: str
    grad_text: tuple[str, str] | None
    view: tuple[float, float, float, float]
    start: tuple[float, float]
    minima: tuple[tuple[float, float], ...] = ()
    book: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "_f", parse_expression(self.text))
        if self.grad_text is not None:
            grads = tuple(parse_expression(t) for t in self.grad_text)
            object.__setattr__(self, "_grad", grads)
        else:
            object.__setattr__(self, "_grad", None)

    @property
    def has_gradient(self) -> bool:
        """True if an analytic gradient is known."""
        return self._grad is not None

    def f(self, x: ArrayLike, y: ArrayLike) -> Any:
        """f(x, y) on floats or arrays (element-wise)."""
        return self._f(x, y)

    def value(self, p: NDArray) -> float:
        """f at the point ``p`` (shape (2,))."""
        return float(self._f(p[0], p[1]))

    __call__ = value

    def gradient(self, p: NDArray) -> NDArray[np.floating]:
        """The analytic gradient at ``p``; ``ValueError`` if the surface has none."""
        if self._grad is None:
            raise ValueError(f"surface {self.key!r} has no analytic gradient")
        gx, gy = self._grad
        return np.array([gx(p[0], p[1]), gy(p[0], p[1])], dtype=np.float64)

    def grad_xy(self, x: ArrayLike, y: ArrayLike) -> tuple[Any, Any]:
        """The analytic gradient on arrays: (∂f/∂x, ∂f/∂y)."""
        if self._grad is None:
            raise ValueError(f"surface {self.key!r} has no analytic gradient")
        gx, gy = self._grad
        return gx(x, y), gy(x, y)


def custom_surface(
    text: str,
    view: tuple[float, float, float, float] = (-5.0, 5.0, -5.0, 5.0),
    start: tuple[float, float] = (-3.0, 4.0),
) -> Surface:
    """A surface from a typed expression (numerical gradient only); ``ExpressionError``."""
    expression = parse_expression(text)
    return Surface("custom", expression.text, None, view, start)


#: The named surfaces, by key.
SURFACES: dict[str, Surface] = {
    s.key: s
    for s in (
        Surface(
            "sphere",
            "x0**2 + x1**2",
            ("2*x0", "2*x1"),
            (-5.0, 5.0, -5.0, 5.0),
            (3.0, 4.0),
            ((0.0, 0.0),),
            "§4.4",
        ),
        Surface(
            "elongated",
            "x**2/20 + y**2",
            ("x/10", "2*y"),
            (-10.0, 10.0, -5.0, 5.0),
            (-7.0, 2.0),
            ((0.0, 0.0),),
            "§6.1.2",
        ),
        Surface(
            "rosenbrock",
            "(1 - x)**2 + 100*(y - x**2)**2",
            ("-2*(1 - x) - 400*x*(y - x**2)", "200*(y - x**2)"),
            (-2.0, 2.0, -1.0, 3.0),
            (-1.5, 2.0),
            ((1.0, 1.0),),
        ),
        Surface(
            "himmelblau",
            "(x**2 + y - 11)**2 + (x + y**2 - 7)**2",
            ("4*x*(x**2 + y - 11) + 2*(x + y**2 - 7)", "2*(x**2 + y - 11) + 4*y*(x + y**2 - 7)"),
            (-5.0, 5.0, -5.0, 5.0),
            (0.0, 0.0),
            ((3.0, 2.0), (-2.805118, 3.131312), (-3.779310, -3.283186), (3.584428, -1.848126)),
        ),
        Surface(
            "beale",
            "(1.5 - x + x*y)**2 + (2.25 - x + x*y**2)**2 + (2.625 - x + x*y**3)**2",
            (
                "2*(1.5 - x + x*y)*(y - 1) + 2*(2.25 - x + x*y**2)*(y**2 - 1)"
                " + 2*(2.625 - x + x*y**3)*(y**3 - 1)",
                "2*(1.5 - x + x*y)*x + 2*(2.25 - x + x*y**2)*2*x*y"
                " + 2*(2.625 - x + x*y**3)*3*x*y**2",
            ),
            (-4.5, 4.5, -4.5, 4.5),
            (1.0, 1.4),
            ((3.0, 0.5),),
        ),
        Surface(
            "saddle",
            "x**2 - y**2",
            ("2*x", "-2*y"),
            (-3.0, 3.0, -3.0, 3.0),
            (-2.5, 0.01),
            (),
        ),
    )
}
