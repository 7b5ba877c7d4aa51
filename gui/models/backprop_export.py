"""The Backprop tab's code export (no Qt): a standalone NumPy script that builds the shown
graph's forward pass line by line, then its backward pass node by node from the output,
and prints the output and every input's derivative — the numbers the tab shows."""

from __future__ import annotations

import numpy as np

from engine.compgraph import Graph

__all__ = ["export_script"]

#: forward expression and one backward expression per input; a, b, c the inputs, y the
#: output, d the derivative arriving at the output (None: no derivative for that input).
_TEMPLATES: dict[str, tuple[str, tuple[str | None, ...]]] = {
    "mul": ("a * b", ("d * b", "d * a")),
    "add": ("a + b", ("d", "d")),
    "sub": ("a - b", ("d", "-d")),
    "div": ("a / b", ("d / b", "-d * a / b**2")),
    "pow": ("a ** b", ("d * b * a ** (b - 1)", "d * y * np.log(a)")),
    "neg": ("-a", ("-d",)),
    "inv": ("1 / a", ("-d * y**2",)),
    "exp": ("np.exp(a)", ("d * y",)),
    "log": ("np.log(a)", ("d / a",)),
    "sin": ("np.sin(a)", ("d * np.cos(a)",)),
    "cos": ("np.cos(a)", ("-d * np.sin(a)",)),
    "tan": ("np.tan(a)", ("d * (1 + y**2)",)),
    "sqrt": ("np.sqrt(a)", ("d / (2 * y)",)),
    "abs": ("np.abs(a)", ("d * np.sign(a)",)),
    "tanh": ("np.tanh(a)", ("d * (1 - y**2)",)),
    "sigmoid": ("1 / (1 + np.exp(-a))", ("d * y * (1 - y)",)),
    "relu": ("np.maximum(0, a)", ("d * (a > 0)",)),
    "dot": ("a @ b", ("d @ b.T", "np.outer(a, d) if a.ndim == 1 else a.T @ d")),
    "affine": (
        "a @ b + c",
        ("d @ b.T", "np.outer(a, d) if a.ndim == 1 else a.T @ d", "d"),
    ),
    "softmax": ("softmax(a)", ("y * (d - np.sum(d * y, axis=-1, keepdims=True))",)),
    "cross_entropy": (
        "-np.sum(b * np.log(a)) / rows(a)",
        ("-d * b / a / rows(a)", None),
    ),
    "softmax_loss": (
        "-np.sum(b * np.log(softmax(a))) / rows(a)",
        ("d * (softmax(a) - b) / rows(a)", None),
    ),
}

_HELPERS = '''
def softmax(a):
    e = np.exp(a - np.max(a, axis=-1, keepdims=True))
    return e / np.sum(e, axis=-1, keepdims=True)


def rows(a):
    return 1 if a.ndim < 2 else a.shape[0]


def unbroadcast(g, shape):
    """Sum g over the axes broadcasting added or stretched (a bias added to every row)."""
    while g.ndim > len(shape):
        g = g.sum(axis=0)
    for axis, n in enumerate(shape):
        if n == 1 and g.shape[axis] != 1:
            g = g.sum(axis=axis, keepdims=True)
    return g.reshape(shape)
'''


def _literal(value: np.ndarray) -> str:
    a = np.asarray(value, dtype=np.float64)
    return f"np.array({a.tolist()!r})"


def _substitute(template: str, names: dict[str, str]) -> str:
    out = []
    i = 0
    while i < len(template):
        ch = template[i]
        prev = template[i - 1] if i else " "
        nxt = template[i + 1] if i + 1 < len(template) else " "
        if (
            ch in names
            and not (prev.isalnum() or prev in "._")
            and not (nxt.isalnum() or nxt == "_")
        ):
            out.append(names[ch])
        else:
            out.append(ch)
        i += 1
    return "".join(out)


def export_script(graph: Graph, title: str = "") -> str:
    """A NumPy-only script reproducing ``graph``'s values and derivatives (§5.1–5.6)."""
    nodes = graph.nodes
    var = {}
    lines = [
        f"# Zerokara Lab — Backprop (ch. 5): {title or graph.title}",
        "# The computational graph forwards, then backwards node by node (the chain rule).",
        "import numpy as np",
        _HELPERS,
        "# inputs",
    ]
    for node in nodes:
        if node.op == "input":
            var[node.index] = f"in_{node.name}"
            lines.append(f"{var[node.index]} = {_literal(node.value)}")
        elif node.op == "const":
            var[node.index] = f"c{node.index}"
            lines.append(f"{var[node.index]} = {_literal(node.value)}")
    lines.append("\n# forward: one line per node")
    for index in graph.operations:
        node = nodes[index]
        var[index] = f"v{index}"
        names = dict(zip("abc", (var[i] for i in node.inputs), strict=False))
        lines.append(f"{var[index]} = {_substitute(_TEMPLATES[node.op][0], names)}  # {node.op}")
    out = var[graph.output]
    lines.append(f'print("output:", {out})')
    lines.append("\n# backward: from the output to the inputs; a branch adds up its derivatives")
    lines.append(f"grad = {{{graph.output}: {_literal(graph.dout)}}}")
    lines.append("# the derivative arriving at node i is grad[i]")
    for index in reversed(graph.operations):
        node = nodes[index]
        names = dict(zip("abc", (var[i] for i in node.inputs), strict=False))
        names["y"] = var[index]
        names["d"] = f"grad[{index}]"
        lines.append(f"if {index} in grad:  # {node.op}")
        for slot, (src, template) in enumerate(
            zip(node.inputs, _TEMPLATES[node.op][1], strict=True)
        ):
            if template is None or node.input_grads and node.input_grads[slot] is None:
                continue
            expr = _substitute(template, names)
            shape = f"{var[src]}.shape"
            lines.append(f"    g = unbroadcast(np.asarray({expr}, dtype=float), {shape})")
            lines.append(f"    grad[{src}] = grad[{src}] + g if {src} in grad else g")
    lines.append("")
    for node in nodes:
        if node.op == "input" and node.needs_grad:
            lines.append(f'print("dL/d{node.name}:", grad.get({node.index}))')
    return "\n".join(lines) + "\n"
