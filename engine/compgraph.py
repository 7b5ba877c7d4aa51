"""Computational graphs, forwards and backwards, node by node (book §5.1–5.6, Appendix A).

A :class:`Graph` is a list of nodes in topological order. Leaves are inputs (named,
editable, with a gradient) or constants (the −1 and 1 of the sigmoid graph, numbers in
a typed expression: no gradient shown). Every other node applies one operation of
``OPS`` to its inputs. Each input of a node is an :class:`Edge`; so is the graph's output
(``target`` None). As in the book's figures, an edge carries two numbers: the forward
value above it (the value of its source node) and the derivative below it (∂L/∂ that
value through this edge: the consumer's dout times the local derivative). A node used
twice (a branch) has an edge per use, and its gradient is their sum.

``Graph.evaluate()`` computes every value and every derivative at once; a
:class:`Stepper` then reveals them node by node (*Step forward*, *Step backward*), so
editing an input recomputes the graph without losing the place. Each operation has a
rule key (its name in ``OPS``) which the GUI turns into a sentence ("× node: each input
gets dout times the other input"); ``local_derivatives`` gives the numbers of element-wise
operations' rules, and ``check_node`` / ``check_inputs`` compare the derivatives with
central differences.

Values are float64 NumPy arrays (0-d for the shopping examples' scalars, vectors and
matrices for Affine and Softmax-with-Loss, whose edges carry shapes).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import ArrayLike, NDArray

from engine import functions as F
from engine.gradient import numerical_gradient

__all__ = [
    "GraphError",
    "Op",
    "OPS",
    "Node",
    "Edge",
    "Graph",
    "Stepper",
    "Check",
    "local_derivatives",
    "check_node",
    "check_inputs",
]

Array = NDArray[np.float64]


class GraphError(ValueError):
    """A graph that cannot be built or evaluated.

    ``reason`` is a short code (``"shape"``, ``"name"``, ``"too_many"``, ``"arity"``,
    ``"unknown_op"``, ``"not_finite"``) and ``detail`` names the node or input; the GUI
    writes the sentence.
    """

    def __init__(self, reason: str, detail: str = "") -> None:
        self.reason = reason
        self.detail = detail
        super().__init__(f"{reason.replace('_', ' ')}: {detail}".rstrip(": "))


def _unbroadcast(grad: Array, shape: tuple[int, ...]) -> Array:
    """Sum ``grad`` over the axes that broadcasting added or stretched to reach its shape."""
    g = grad
    while g.ndim > len(shape):
        g = g.sum(axis=0)
    for axis, n in enumerate(shape):
        if n == 1 and g.shape[axis] != 1:
            g = g.sum(axis=axis, keepdims=True)
    return g.reshape(shape)


def _rows(a: Array) -> int:
    return 1 if a.ndim < 2 else a.shape[0]


def _softmax_backward(dout: Array, y: Array) -> Array:
    return y * (dout - np.sum(dout * y, axis=-1, keepdims=True))


def _cross_entropy(y: Array, t: Array) -> Array:
    """−Σ t log y, the mean over rows of a batch (Appendix A: no δ inside the log)."""
    return np.asarray(-np.sum(t * np.log(y)) / _rows(y))


def _dot_backward(dout: Array, x: Array, w: Array) -> tuple[Array, Array]:
    dx = dout @ w.T
    dw = np.outer(x, dout) if x.ndim == 1 else x.T @ dout
    return dx, dw


Forward = Callable[..., Array]
Backward = Callable[..., tuple[Array | None, ...]]
Local = Callable[..., tuple[Array, ...]]


@dataclass(frozen=True)
class Op:
    """One operation: its arity, forward, backward and (element-wise ops) local derivatives.

    ``backward(dout, out, *inputs)`` returns ∂L/∂input for each input; ``local(out,
    *inputs)`` the element-wise ∂out/∂input (``None`` for the matrix operations, whose
    rule is a matrix product). ``symbol`` is the label drawn in the node.
    """

    name: str
    arity: int
    symbol: str
    forward: Forward
    backward: Backward
    local: Local | None = None


def _elementwise(name: str, symbol: str, f: Forward, d: Callable[[Array, Array], Array]) -> Op:
    """A one-input element-wise op from f and its derivative d(out, x)."""
    return Op(
        name,
        1,
        symbol,
        f,
        lambda dout, out, x: (dout * d(out, x),),
        lambda out, x: (d(out, x),),
    )


def _binary(name: str, symbol: str, f: Forward, da: Local) -> Op:
    """A two-input element-wise op (broadcasting) from f and its local derivatives da."""

    def backward(dout: Array, out: Array, a: Array, b: Array) -> tuple[Array, Array]:
        la, lb = da(out, a, b)
        return _unbroadcast(dout * la, a.shape), _unbroadcast(dout * lb, b.shape)

    return Op(name, 2, symbol, f, backward, da)


def _ones(out: Array) -> Array:
    return np.ones_like(out)


OPS: dict[str, Op] = {
    op.name: op
    for op in (
        _binary("mul", "×", np.multiply, lambda out, a, b: (b + 0 * a, a + 0 * b)),
        _binary("add", "+", np.add, lambda out, a, b: (_ones(out), _ones(out))),
        _binary("sub", "−", np.subtract, lambda out, a, b: (_ones(out), -_ones(out))),
        _binary("div", "÷", np.divide, lambda out, a, b: (1 / b + 0 * a, -a / (b * b))),
        _binary("pow", "**", np.power, lambda out, a, b: (b * a ** (b - 1), out * np.log(a))),
        _elementwise("neg", "−x", np.negative, lambda out, x: -np.ones_like(x)),
        _elementwise("inv", "1/x", np.reciprocal, lambda out, x: -(out * out)),
        _elementwise("exp", "exp", np.exp, lambda out, x: out),
        _elementwise("log", "log", np.log, lambda out, x: 1 / x),
        _elementwise("sin", "sin", np.sin, lambda out, x: np.cos(x)),
        _elementwise("cos", "cos", np.cos, lambda out, x: -np.sin(x)),
        _elementwise("tan", "tan", np.tan, lambda out, x: 1 + out * out),
        _elementwise("sqrt", "√", np.sqrt, lambda out, x: 0.5 / out),
        _elementwise("abs", "|x|", np.abs, lambda out, x: np.sign(x)),
        _elementwise("tanh", "tanh", np.tanh, lambda out, x: 1 - out * out),
        _elementwise("sigmoid", "sigmoid", F.sigmoid, lambda out, x: out * (1 - out)),
        _elementwise("relu", "ReLU", F.relu, lambda out, x: (x > 0).astype(np.float64)),
        Op(
            "dot",
            2,
            "dot",
            lambda x, w: np.asarray(x @ w),
            lambda dout, out, x, w: _dot_backward(dout, x, w),
        ),
        Op(
            "affine",
            3,
            "Affine",
            lambda x, w, b: np.asarray(x @ w + b),
            lambda dout, out, x, w, b: (
                *_dot_backward(dout, x, w),
                _unbroadcast(dout, b.shape),
            ),
        ),
        Op(
            "softmax",
            1,
            "Softmax",
            F.softmax,
            lambda dout, out, a: (_softmax_backward(dout, out),),
        ),
        Op(
            "cross_entropy",
            2,
            "Cross Entropy Error",
            _cross_entropy,
            lambda dout, out, y, t: (dout * -t / y / _rows(y), None),
        ),
        Op(
            "softmax_loss",
            2,
            "Softmax-with-Loss",
            lambda a, t: _cross_entropy(F.softmax(a), t),
            lambda dout, out, a, t: (dout * (F.softmax(a) - t) / _rows(a), None),
        ),
    )
}


@dataclass
class Node:
    """One node: a leaf (``op`` ``"input"`` or ``"const"``) or an operation of ``OPS``.

    After ``Graph.evaluate``: ``value`` is its output, ``grad`` ∂L/∂output (summed over
    its uses; ``None`` for constants and for inputs that need none, like a target t) and
    ``input_grads[i]`` the derivative it sends back along its i-th input edge.
    """

    index: int
    op: str
    inputs: tuple[int, ...] = ()
    name: str = ""
    value: Array | None = None
    grad: Array | None = None
    input_grads: list[Array | None] = field(default_factory=list)
    needs_grad: bool = True

    @property
    def is_leaf(self) -> bool:
        """True for an input or a constant."""
        return self.op in ("input", "const")

    @property
    def symbol(self) -> str:
        """What the node shows: an operation's symbol, a leaf's name or value."""
        if self.op in OPS:
            return OPS[self.op].symbol
        if self.name:
            return self.name
        return f"{float(self.value):g}" if self.value is not None else "?"


@dataclass(frozen=True)
class Edge:
    """The ``slot``-th input of node ``target`` comes from node ``source``.

    ``target`` None is the graph's output edge (its derivative is the seed dout).
    """

    source: int
    target: int | None
    slot: int = 0


def _as_array(value: ArrayLike) -> Array:
    a = np.array(value, dtype=np.float64)
    return a


class Graph:
    """A computational graph (book §5.1): nodes in topological order, one output.

    Build it with ``input``, ``const`` and ``apply`` (each returns the node's index),
    then ``evaluate``. ``dout`` is the seed of the backward pass at the output (1 for a
    scalar output; for Affine the ∂L/∂Y one starts from, editable like an input).
    """

    def __init__(self, title: str = "") -> None:
        self.title = title
        self.nodes: list[Node] = []
        self.output: int | None = None
        self.dout: Array | None = None

    # -- building ----------------------------------------------------------------
    def input(self, name: str, value: ArrayLike, needs_grad: bool = True) -> int:
        """A named input (a leaf the learner may edit); ``needs_grad`` False for labels t."""
        if any(n.op == "input" and n.name == name for n in self.nodes):
            raise GraphError("name", name)
        self.nodes.append(
            Node(len(self.nodes), "input", (), name, _as_array(value), needs_grad=needs_grad)
        )
        return len(self.nodes) - 1

    def const(self, value: ArrayLike) -> int:
        """A constant leaf (no gradient is shown for it)."""
        self.nodes.append(
            Node(len(self.nodes), "const", (), "", _as_array(value), needs_grad=False)
        )
        return len(self.nodes) - 1

    def apply(self, op: str, *inputs: int) -> int:
        """A node applying ``OPS[op]`` to earlier nodes; the newest node becomes the output."""
        if op not in OPS:
            raise GraphError("unknown_op", op)
        if len(inputs) != OPS[op].arity:
            raise GraphError("arity", op)
        if any(not 0 <= i < len(self.nodes) for i in inputs):
            raise GraphError("arity", op)
        self.nodes.append(Node(len(self.nodes), op, tuple(inputs)))
        self.output = len(self.nodes) - 1
        return self.output

    # -- structure ---------------------------------------------------------------
    @property
    def inputs(self) -> dict[str, int]:
        """Input name → node index, in the order they were added."""
        return {n.name: n.index for n in self.nodes if n.op == "input"}

    @property
    def operations(self) -> list[int]:
        """The operation nodes in forward order."""
        return [n.index for n in self.nodes if not n.is_leaf]

    @property
    def edges(self) -> list[Edge]:
        """Every edge: each node's inputs, then the output edge."""
        out = [
            Edge(src, node.index, slot)
            for node in self.nodes
            for slot, src in enumerate(node.inputs)
        ]
        if self.output is not None:
            out.append(Edge(self.output, None))
        return out

    def edge_value(self, edge: Edge) -> Array | None:
        """The forward value above ``edge``."""
        return self.nodes[edge.source].value

    def edge_grad(self, edge: Edge) -> Array | None:
        """The derivative below ``edge`` (None where none flows: constants, labels)."""
        if edge.target is None:
            return self.dout
        node = self.nodes[edge.target]
        if not node.input_grads:
            return None
        return node.input_grads[edge.slot]

    # -- values ------------------------------------------------------------------
    def input_value(self, name: str) -> Array:
        """The current value of input ``name``."""
        index = self.inputs.get(name)
        if index is None:
            raise GraphError("name", name)
        return self.nodes[index].value

    def set_value(self, name: str, value: ArrayLike) -> None:
        """Change input ``name`` (the shape may change; ``evaluate`` says if it fits)."""
        index = self.inputs.get(name)
        if index is None:
            raise GraphError("name", name)
        a = _as_array(value)
        if not np.all(np.isfinite(a)):
            raise GraphError("not_finite", name)
        self.nodes[index].value = a

    def set_dout(self, value: ArrayLike | None) -> None:
        """The seed ∂L/∂(output); None: ones of the output's shape."""
        self.dout = None if value is None else _as_array(value)
        self._dout_given = value is not None

    def evaluate(self) -> None:
        """Forward pass (every value), then backward pass (every derivative).

        ``GraphError("shape", node symbol)`` if the inputs' shapes do not fit an
        operation; values may be inf or NaN where a function is undefined (log of a
        negative number): they are shown, not refused.
        """
        if self.output is None:
            raise GraphError("arity", "empty graph")
        with np.errstate(all="ignore"):
            for node in self.nodes:
                if node.is_leaf:
                    continue
                args = [self.nodes[i].value for i in node.inputs]
                try:
                    node.value = np.asarray(OPS[node.op].forward(*args), dtype=np.float64)
                except ValueError:
                    raise GraphError("shape", OPS[node.op].symbol) from None
            out = self.nodes[self.output].value
            if not getattr(self, "_dout_given", False) or self.dout is None:
                self.dout = np.ones_like(out)
            elif self.dout.shape != out.shape:
                raise GraphError("shape", "dout")
            self._backward()

    def _backward(self) -> None:
        needs = self._needs_grad()
        for node in self.nodes:
            node.grad = None
            node.input_grads = []
        self.nodes[self.output].grad = self.dout.copy()
        for index in reversed(self.operations):
            node = self.nodes[index]
            if node.grad is None or not needs[index]:
                node.input_grads = [None] * len(node.inputs)
                continue
            args = [self.nodes[i].value for i in node.inputs]
            grads = OPS[node.op].backward(node.grad, node.value, *args)
            node.input_grads = [
                np.asarray(g, dtype=np.float64) if g is not None and needs[i] else None
                for g, i in zip(grads, node.inputs, strict=True)
            ]
            for g, i in zip(node.input_grads, node.inputs, strict=True):
                if g is None:
                    continue
                src = self.nodes[i]
                src.grad = g.copy() if src.grad is None else src.grad + g

    def _needs_grad(self) -> list[bool]:
        """Which nodes lead back to an input that needs a gradient."""
        needs = [False] * len(self.nodes)
        for node in self.nodes:
            if node.is_leaf:
                needs[node.index] = node.op == "input" and node.needs_grad
            else:
                needs[node.index] = any(needs[i] for i in node.inputs)
        return needs

    def output_value(self) -> Array | None:
        """The output node's value."""
        return None if self.output is None else self.nodes[self.output].value

    def function(self, name: str) -> Callable[[Array], float]:
        """Σ dout · output as a function of input ``name`` (for numerical derivatives)."""
        index = self.inputs[name]

        def f(value: Array) -> float:
            saved = self.nodes[index].value
            self.nodes[index].value = value
            try:
                return self._forward_only()
            finally:
                self.nodes[index].value = saved

        return f

    def _forward_only(self) -> float:
        values: dict[int, Array] = {}
        with np.errstate(all="ignore"):
            for node in self.nodes:
                if node.is_leaf:
                    values[node.index] = node.value
                else:
                    values[node.index] = np.asarray(
                        OPS[node.op].forward(*(values[i] for i in node.inputs))
                    )
        return float(np.sum(self.dout * values[self.output]))


class Stepper:
    """What of an evaluated graph is revealed: node by node forwards, then backwards.

    ``forward_count`` operation nodes have shown their value, ``backward_count`` have
    sent their derivatives back. ``current`` is the node the last step concerned (its
    local rule is the one to show) and ``phase`` ``"forward"`` or ``"backward"``.
    """

    def __init__(self, graph: Graph) -> None:
        self.graph = graph
        self.forward_count = 0
        self.backward_count = 0
        self.current: int | None = None
        self.phase = "forward"

    @property
    def total(self) -> int:
        """The number of operation nodes."""
        return len(self.graph.operations)

    @property
    def forward_done(self) -> bool:
        """Every value shown."""
        return self.forward_count >= self.total

    @property
    def backward_done(self) -> bool:
        """Every derivative shown."""
        return self.backward_count >= self.total

    def can_step_forward(self) -> bool:
        """A value is still hidden."""
        return not self.forward_done

    def can_step_backward(self) -> bool:
        """The forward pass is complete and a derivative is still hidden."""
        return self.forward_done and not self.backward_done

    def step_forward(self) -> int | None:
        """Reveal the next node's value; returns its index (None when all are shown)."""
        if self.forward_done:
            return None
        self.current = self.graph.operations[self.forward_count]
        self.forward_count += 1
        self.phase = "forward"
        return self.current

    def step_backward(self) -> int | None:
        """Reveal the derivatives the next node (from the output back) sends to its inputs."""
        if not self.can_step_backward():
            return None
        order = self.graph.operations[::-1]
        self.current = order[self.backward_count]
        self.backward_count += 1
        self.phase = "backward"
        return self.current

    def run_all(self) -> None:
        """Reveal everything (the current node becomes the first input-side node)."""
        while self.step_forward() is not None:
            pass
        while self.step_backward() is not None:
            pass

    def reset(self) -> None:
        """Hide every value and derivative again."""
        self.forward_count = self.backward_count = 0
        self.current = None
        self.phase = "forward"

    def value_shown(self, node: int) -> bool:
        """Whether node ``node``'s value (the edges leaving it) is revealed."""
        n = self.graph.nodes[node]
        if n.is_leaf:
            return True
        return node in self.graph.operations[: self.forward_count]

    def grad_shown(self, edge: Edge) -> bool:
        """Whether the derivative below ``edge`` is revealed."""
        if edge.target is None:
            return self.forward_done
        return edge.target in self.graph.operations[::-1][: self.backward_count]


def local_derivatives(graph: Graph, node: int) -> tuple[Array, ...] | None:
    """∂out/∂input for each input of an element-wise node (None for matrix operations)."""
    n = graph.nodes[node]
    op = OPS.get(n.op)
    if op is None or op.local is None:
        return None
    args = [graph.nodes[i].value for i in n.inputs]
    with np.errstate(all="ignore"):
        return tuple(np.asarray(d, dtype=np.float64) for d in op.local(n.value, *args))


@dataclass(frozen=True)
class Check:
    """A derivative by backprop beside the same derivative by central differences."""

    label: str
    backprop: Array
    numerical: Array

    @property
    def error(self) -> float:
        """The largest |backprop − numerical| relative to max(1, |backprop|)."""
        scale = max(1.0, float(np.max(np.abs(self.backprop))) if self.backprop.size else 1.0)
        return float(np.max(np.abs(self.backprop - self.numerical))) / scale

    def agrees(self, tol: float = 1e-6) -> bool:
        """True when ``error`` ≤ ``tol`` (and neither is NaN)."""
        return bool(np.isfinite(self.error) and self.error <= tol)


def check_node(graph: Graph, node: int, h: float = 1e-5) -> list[Check]:
    """Each derivative the node sends back, against central differences of its own operation.

    For input i it compares ``input_grads[i]`` with the numerical gradient of
    Σ grad · op(…, inputᵢ, …) in inputᵢ: the node's local rule times its dout, checked
    without the rest of the graph (book §5.4's local computation).
    """
    n = graph.nodes[node]
    op = OPS[n.op]
    args = [graph.nodes[i].value.copy() for i in n.inputs]
    out: list[Check] = []
    for slot, analytic in enumerate(n.input_grads):
        if analytic is None:
            continue

        def f(_x: Array, slot: int = slot) -> float:
            with np.errstate(all="ignore"):
                return float(np.sum(n.grad * op.forward(*args)))

        numeric = numerical_gradient(f, args[slot], h)
        out.append(Check(f"{op.symbol}[{slot}]", analytic, numeric))
    return out


def check_inputs(graph: Graph, h: float = 1e-5) -> list[Check]:
    """∂(Σ dout·output)/∂input for every input needing one: backprop against central differences.

    The chain-rule product the backward pass computed (the sum over every path, §5.2)
    against the derivative of the whole graph's output computed numerically.
    """
    out = []
    for name, index in graph.inputs.items():
        node = graph.nodes[index]
        if not node.needs_grad:
            continue
        analytic = node.grad if node.grad is not None else np.zeros_like(node.value)
        numeric = numerical_gradient(graph.function(name), node.value.copy(), h)
        out.append(Check(name, analytic, numeric))
    return out


def leaves(graph: Graph) -> Sequence[Node]:
    """The leaf nodes (inputs and constants)."""
    return [n for n in graph.nodes if n.is_leaf]
