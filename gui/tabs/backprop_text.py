"""The Backprop tab's sentences: each node's local rule, the inputs' names, the numbers of
the current step. Translated in context ``BackpropTab``."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QCoreApplication

from engine.compgraph import OPS, Graph, local_derivatives
from gui.tabs.backprop_view import format_value
from gui.text import tr_fmt

__all__ = ["rule_text", "input_name", "output_name", "step_text", "input_error_text"]


def rule_text(op: str) -> str:
    """The local rule of an operation, in one sentence (§5.3–5.6)."""
    rules = {
        "mul": QCoreApplication.translate(
            "BackpropTab", "× node: each input gets dout times the other input"
        ),
        "add": QCoreApplication.translate(
            "BackpropTab", "+ node: dout passes on unchanged to every input"
        ),
        "sub": QCoreApplication.translate(
            "BackpropTab", "− node (a − b): a gets dout, b gets −dout"
        ),
        "div": QCoreApplication.translate(
            "BackpropTab", "÷ node (a / b): a gets dout / b, b gets −dout · a / b²"
        ),
        "pow": QCoreApplication.translate(
            "BackpropTab",
            "** node (aᵇ): a gets dout · b · aᵇ⁻¹, b gets dout · aᵇ · log a",
        ),
        "neg": QCoreApplication.translate("BackpropTab", "−x node: the input gets −dout"),
        "inv": QCoreApplication.translate(
            "BackpropTab", "1/x node (y = 1/x): the input gets −dout · y²"
        ),
        "exp": QCoreApplication.translate(
            "BackpropTab", "exp node (y = exp x): the input gets dout · y"
        ),
        "log": QCoreApplication.translate(
            "BackpropTab", "log node (y = log x): the input gets dout / x"
        ),
        "sin": QCoreApplication.translate("BackpropTab", "sin node: the input gets dout · cos x"),
        "cos": QCoreApplication.translate("BackpropTab", "cos node: the input gets −dout · sin x"),
        "tan": QCoreApplication.translate(
            "BackpropTab", "tan node (y = tan x): the input gets dout · (1 + y²)"
        ),
        "sqrt": QCoreApplication.translate(
            "BackpropTab", "√ node (y = √x): the input gets dout / (2y)"
        ),
        "abs": QCoreApplication.translate("BackpropTab", "|x| node: the input gets dout · sign(x)"),
        "tanh": QCoreApplication.translate(
            "BackpropTab", "tanh node (y = tanh x): the input gets dout · (1 − y²)"
        ),
        "sigmoid": QCoreApplication.translate(
            "BackpropTab",
            "sigmoid node: the input gets dout · y(1 − y), from the output y alone",
        ),
        "relu": QCoreApplication.translate(
            "BackpropTab",
            "ReLU node: dout passes where x > 0 and stops (0) where x ≤ 0",
        ),
        "dot": QCoreApplication.translate(
            "BackpropTab", "dot node (X·W): X gets dout·Wᵀ, W gets Xᵀ·dout"
        ),
        "affine": QCoreApplication.translate(
            "BackpropTab",
            "Affine node (X·W + B): X gets dout·Wᵀ, W gets Xᵀ·dout, B gets dout summed "
            "over the batch",
        ),
        "softmax": QCoreApplication.translate(
            "BackpropTab", "Softmax node: the input gets y ⊙ (dout − Σ dout·y)"
        ),
        "cross_entropy": QCoreApplication.translate(
            "BackpropTab",
            "Cross Entropy Error node (L = −Σ t log y): y gets −dout · t / y; the label t "
            "gets nothing",
        ),
        "softmax_loss": QCoreApplication.translate(
            "BackpropTab", "Softmax-with-Loss node: the input gets dout · (y − t)"
        ),
    }
    return rules.get(op, op)


def input_name(name: str) -> str:
    """What an input of the book's graphs is called (a typed variable keeps its name)."""
    names = {
        "apple": QCoreApplication.translate("BackpropTab", "apple"),
        "apple_num": QCoreApplication.translate("BackpropTab", "apple count"),
        "orange": QCoreApplication.translate("BackpropTab", "orange"),
        "orange_num": QCoreApplication.translate("BackpropTab", "orange count"),
        "tax": QCoreApplication.translate("BackpropTab", "tax"),
        "dout": QCoreApplication.translate("BackpropTab", "∂L/∂Y (dout)"),
    }
    return names.get(name, name)


def output_name(preset: str) -> str:
    """The label at the right end of the output edge."""
    if preset in ("apples", "apples_oranges"):
        return QCoreApplication.translate("BackpropTab", "price")
    if preset == "affine":
        return "Y"
    if preset == "softmax_loss":
        return "L"
    if preset == "expression":
        return "f"
    return "y"


def _names(graph: Graph, node: int) -> list[str]:
    out = []
    for i in graph.nodes[node].inputs:
        src = graph.nodes[i]
        out.append(input_name(src.name) if src.op == "input" else format_value(src.value))
    return out


def _scalar(a: np.ndarray | None) -> bool:
    return a is not None and np.asarray(a).ndim == 0


def step_text(graph: Graph, node: int, phase: str) -> str:
    """The numbers of one node's step, e.g. "backward: apple gets 1.1 × 2 = 2.2"."""
    n = graph.nodes[node]
    if phase == "forward":
        args = ", ".join(format_value(graph.nodes[i].value).replace("\n", " ") for i in n.inputs)
        return tr_fmt(
            QCoreApplication.translate("BackpropTab", "forward: %1(%2) = %3"),
            OPS[n.op].symbol,
            args,
            format_value(n.value).replace("\n", " "),
        )
    parts = []
    local = local_derivatives(graph, node)
    names = _names(graph, node)
    for slot, grad in enumerate(n.input_grads):
        if grad is None:
            continue
        if local is not None and _scalar(n.grad) and _scalar(grad):
            parts.append(
                tr_fmt(
                    QCoreApplication.translate("BackpropTab", "%1 gets %2 × %3 = %4"),
                    names[slot],
                    format_value(n.grad),
                    format_value(local[slot]),
                    format_value(grad),
                )
            )
        else:
            parts.append(
                tr_fmt(
                    QCoreApplication.translate("BackpropTab", "%1 gets %2"),
                    names[slot],
                    format_value(grad).replace("\n", " "),
                )
            )
    return tr_fmt(
        QCoreApplication.translate("BackpropTab", "backward: %1"),
        "; ".join(parts) or "—",
    )


def input_error_text(error) -> str:
    """The sentence for an ``InputError`` (gui.models.backprop)."""
    name = input_name(error.name)
    if error.reason == "not_finite":
        return tr_fmt(
            QCoreApplication.translate(
                "BackpropTab", "%1: the value must be finite (not NaN or infinity)."
            ),
            name,
        )
    if error.reason == "shape":
        return tr_fmt(
            QCoreApplication.translate(
                "BackpropTab", "%1: enter a value of shape %2, e.g. [[1, 2], [3, 4]]."
            ),
            name,
            error.detail,
        )
    return tr_fmt(
        QCoreApplication.translate(
            "BackpropTab",
            "%1: “%2” is not a number or a list of numbers like [[1, 2], [3, 4]].",
        ),
        name,
        error.detail,
    )


def expression_error_text(error: Exception) -> str:
    """The sentence for an expression the parser (``ExpressionError``) or the graph builder
    (``GraphError``) refused."""
    reason = getattr(error, "reason", "")
    detail = getattr(error, "detail", "")
    column = getattr(error, "column", 0)
    if reason == "name" and not column:
        return tr_fmt(
            QCoreApplication.translate(
                "BackpropTab",
                "“%1” is not a variable: use one letter, optionally with digits (x, y, z, x1).",
            ),
            detail,
        )
    if reason == "too_many":
        return tr_fmt(QCoreApplication.translate("BackpropTab", "At most %1 variables."), detail)
    if reason == "empty":
        return QCoreApplication.translate("BackpropTab", "Type an expression, e.g. x*y + exp(-x).")
    if reason == "too_long":
        return QCoreApplication.translate("BackpropTab", "The expression is too long.")
    if reason == "syntax":
        return tr_fmt(
            QCoreApplication.translate(
                "BackpropTab", "Syntax error at column %1: check the brackets and operators."
            ),
            column,
        )
    if reason in ("call", "not_value", "arguments"):
        return tr_fmt(
            QCoreApplication.translate(
                "BackpropTab",
                "“%1” cannot be used here: the functions are exp, log, sin, cos, tan, sqrt, "
                "abs, tanh, sigmoid and relu, each with one argument.",
            ),
            detail,
        )
    if reason in ("overflow", "undefined"):
        return tr_fmt(
            QCoreApplication.translate(
                "BackpropTab", "A constant part is undefined or too large (column %1)."
            ),
            column,
        )
    return tr_fmt(
        QCoreApplication.translate(
            "BackpropTab", "“%1” is not allowed in an expression (column %2)."
        ),
        detail,
        column,
    )
