"""The book's computational graphs as presets, and graphs of typed expressions (ch. 5).

``PRESETS`` maps a key to a function building a fresh :class:`engine.compgraph.Graph`:

* ``apples`` — §5.1 / Fig. 5-16: 100 yen × 2 apples × tax 1.1 = 220; backward 1.1,
  200 (tax), 2.2 (apple price), 110 (apple count).
* ``apples_oranges`` — Fig. 5-17: (100 × 2 + 150 × 3) × 1.1 = 715; ∂/∂apple 2.2,
  ∂/∂apple count 110, ∂/∂orange 3.3, ∂/∂orange count 165, ∂/∂tax 650.
* ``sigmoid_expanded`` — Fig. 5-19: ×(−1), exp, +1, 1/x; the derivative y(1 − y) at x.
* ``sigmoid`` — Fig. 5-20: the same folded into one sigmoid node.
* ``relu`` — §5.5.1 on the book's x = [[1.0, −0.5], [−2.0, 3.0]].
* ``affine`` — Fig. 5-25/5-27 with a batch of two: X·W (a dot node) + B, shapes on the
  edges; from ∂L/∂Y = [[1, 2, 3], [4, 5, 6]] (the book's dY of §5.6.2) dX = dY·Wᵀ,
  dW = Xᵀ·dY, dB = Σ dY = [5, 7, 9].
* ``softmax_loss`` — Fig. 5-29 / Appendix A: Softmax then Cross Entropy Error on the
  book's a = [0.3, 2.9, 4.0] (§3.5.1) and t = [0, 0, 1]; −t/y between them, y − t before.

``from_expression(text)`` builds the graph of f(x, y, …) typed by a learner from the
syntax tree the app's one safe parser checked (``engine.surfaces.parse_tree``).
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable, Mapping

import numpy as np

from engine import functions as F
from engine.compgraph import OPS, Graph, GraphError
from engine.surfaces import CONSTANTS, FUNCTIONS, parse_tree

__all__ = ["PRESETS", "from_expression", "EXPRESSION_FUNCTIONS", "MAX_VARIABLES"]

#: The functions a graph expression may call: the parser's, plus sigmoid and relu (§5.5).
EXPRESSION_FUNCTIONS = {**FUNCTIONS, "sigmoid": F.sigmoid, "relu": F.relu}
#: The most variables an expression may have.
MAX_VARIABLES = 8
#: A variable is one letter, optionally with up to two digits, as the book writes them
#: (x, y, z, w, x0, x1, …): "abc", "nan" or "inf" are refused, not taken as variables.
_NAME = re.compile(r"[A-Za-z][0-9]{0,2}\Z")


def apples() -> Graph:
    """Fig. 5-16: the price of 2 apples at 100 yen with a 10 % tax (→ 220)."""
    g = Graph("apples")
    mul = g.apply("mul", g.input("apple", 100.0), g.input("apple_num", 2.0))
    g.apply("mul", mul, g.input("tax", 1.1))
    return g


def apples_oranges() -> Graph:
    """Fig. 5-17: 2 apples at 100 yen and 3 oranges at 150 yen, tax 1.1 (→ 715)."""
    g = Graph("apples_oranges")
    a = g.apply("mul", g.input("apple", 100.0), g.input("apple_num", 2.0))
    o = g.apply("mul", g.input("orange", 150.0), g.input("orange_num", 3.0))
    total = g.apply("add", a, o)
    g.apply("mul", total, g.input("tax", 1.1))
    return g


def sigmoid_expanded() -> Graph:
    """Fig. 5-19: y = 1 / (1 + exp(−x)) as ×(−1), exp, +1 and 1/x nodes."""
    g = Graph("sigmoid_expanded")
    neg = g.apply("mul", g.input("x", 1.0), g.const(-1.0))
    e = g.apply("exp", neg)
    s = g.apply("add", e, g.const(1.0))
    g.apply("inv", s)
    return g


def sigmoid() -> Graph:
    """Fig. 5-20: the sigmoid as one node; its derivative is y(1 − y)."""
    g = Graph("sigmoid")
    g.apply("sigmoid", g.input("x", 1.0))
    return g


def relu() -> Graph:
    """§5.5.1: ReLU passes the derivative where x > 0 and stops it elsewhere."""
    g = Graph("relu")
    g.apply("relu", g.input("x", [[1.0, -0.5], [-2.0, 3.0]]))
    return g


def affine() -> Graph:
    """Fig. 5-25, 5-27: Y = X·W + B for a batch of two, with the book's dY."""
    g = Graph("affine")
    xw = g.apply(
        "dot",
        g.input("X", [[1.0, 2.0], [3.0, 4.0]]),
        g.input("W", [[0.1, 0.3, 0.5], [0.2, 0.4, 0.6]]),
    )
    g.apply("add", xw, g.input("B", [1.0, 2.0, 3.0]))
    g.set_dout([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
    return g


def softmax_loss() -> Graph:
    """Fig. 5-29: Softmax → Cross Entropy Error; the derivative reaching a is y − t."""
    g = Graph("softmax_loss")
    y = g.apply("softmax", g.input("a", [0.3, 2.9, 4.0]))
    g.apply("cross_entropy", y, g.input("t", [0.0, 0.0, 1.0], needs_grad=False))
    return g


PRESETS: dict[str, Callable[[], Graph]] = {
    "apples": apples,
    "apples_oranges": apples_oranges,
    "sigmoid_expanded": sigmoid_expanded,
    "sigmoid": sigmoid,
    "relu": relu,
    "affine": affine,
    "softmax_loss": softmax_loss,
}

_BINARY = {ast.Add: "add", ast.Sub: "sub", ast.Mult: "mul", ast.Div: "div", ast.Pow: "pow"}


def from_expression(text: str, values: Mapping[str, float] | None = None) -> Graph:
    """The graph of an expression f(x, y, …), one node per operation (§5.1–5.3).

    The text is checked by ``engine.surfaces.parse_tree`` (the app's safe parser; its
    ``ExpressionError`` propagates) with ``sigmoid`` and ``relu`` as extra functions.
    Every other name is a variable: an input node, one per name however often it is
    used (a branch whose derivatives add up, §5.2). Variables take ``values[name]``,
    else 1, 2, 3, … in order of first use. Constant parts become one constant node.
    ``GraphError("name", …)`` for a variable name that is not one letter with at most two
    digits,
    ``GraphError("too_many", …)`` beyond ``MAX_VARIABLES`` variables.
    """
    source, tree, names = parse_tree(text, EXPRESSION_FUNCTIONS)
    for name in names:
        if not _NAME.match(name):
            raise GraphError("name", name)
    if len(names) > MAX_VARIABLES:
        raise GraphError("too_many", str(MAX_VARIABLES))
    values = dict(values or {})
    g = Graph(source)

    def variable(name: str) -> int:
        if name not in g.inputs:
            default = float(len(g.inputs) + 1)
            g.input(name, values.get(name, default))
        return g.inputs[name]

    def fold(op: str, *inputs: int) -> int:
        """Apply ``op``; if every input is a constant, one constant node instead."""
        if all(g.nodes[i].op == "const" for i in inputs):
            with np.errstate(all="ignore"):
                value = OPS[op].forward(*(g.nodes[i].value for i in inputs))
            for i in sorted(inputs, reverse=True):
                if i == len(g.nodes) - 1:
                    g.nodes.pop()
            return g.const(value)
        return g.apply(op, *inputs)

    def build(node: ast.expr) -> int:
        if isinstance(node, ast.Constant):
            return g.const(float(node.value))
        if isinstance(node, ast.Name):
            if node.id in CONSTANTS:
                return g.const(CONSTANTS[node.id])
            return variable(node.id)
        if isinstance(node, ast.UnaryOp):
            inner = build(node.operand)
            return inner if isinstance(node.op, ast.UAdd) else fold("neg", inner)
        if isinstance(node, ast.BinOp):
            left = build(node.left)
            right = build(node.right)
            return fold(_BINARY[type(node.op)], left, right)
        if isinstance(node, ast.Call):
            assert isinstance(node.func, ast.Name)
            return fold(node.func.id, build(node.args[0]))
        raise GraphError("unknown_op", type(node).__name__)  # parse_tree refused it already

    root = build(tree)
    if g.nodes[root].is_leaf:
        # a lone variable or constant: an identity node so the graph has an operation
        g.apply("mul", root, g.const(1.0))
    else:
        g.output = root
    g.evaluate()
    return g
