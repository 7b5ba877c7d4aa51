"""Text the Network tab shows or writes: shapes as NumPy prints them, vectors at full
precision, the forward-pass trace, and the standalone NumPy script of File ▸ Export."""

from __future__ import annotations

import numpy as np

from engine.network import Network, Trace

__all__ = ["shape_text", "format_vector", "trace_lines", "export_script", "FULL_VECTOR"]

#: Vectors longer than this are shown abridged in the trace panel.
FULL_VECTOR = 12


def shape_text(shape: tuple[int, ...]) -> str:
    """A shape the way NumPy and the book print it: ``(3,)``, ``(2,3)``."""
    if len(shape) == 1:
        return f"({shape[0]},)"
    return "(" + ",".join(str(s) for s in shape) + ")"


def format_vector(values: np.ndarray) -> str:
    """Every value at full (repr) precision, abridged in the middle for long vectors."""
    flat = [float(v) for v in np.asarray(values).reshape(-1)]
    if len(flat) <= FULL_VECTOR:
        return "[" + ", ".join(repr(v) for v in flat) + "]"
    head = ", ".join(repr(v) for v in flat[:4])
    tail = ", ".join(repr(v) for v in flat[-2:])
    return f"[{head}, …, {tail}]"


def trace_lines(net: Network, trace: Trace) -> list[str]:
    """The trace panel's lines: x, then a1, z1, …, y, each with its shape as the book
    writes it ((2,)·(2,3) → (3,)) and its values at full precision."""
    lines = [f"x   {shape_text(trace.x.shape)}", f"    {format_vector(trace.x)}"]
    prev, prev_shape = "x", trace.x.shape
    last = net.n_layers
    for k in range(1, last + 1):
        w = net.weights[k - 1]
        a = trace.a[k - 1]
        lines.append(
            f"a{k} = {prev}·W{k} + b{k}   "
            f"{shape_text(prev_shape)}·{shape_text(w.shape)} → {shape_text(a.shape)}"
        )
        lines.append(f"    {format_vector(a)}")
        out = trace.y if k == last else trace.z[k - 1]
        name = "y" if k == last else f"z{k}"
        lines.append(f"{name} = {net.activations[k - 1]}(a{k})   {shape_text(out.shape)}")
        lines.append(f"    {format_vector(out)}")
        prev, prev_shape = name, out.shape
    return lines


def export_script(net: Network, x: np.ndarray) -> str:
    """A standalone NumPy script with the weights inlined that prints a1, z1, …, y."""
    lines = [
        '"""The forward pass of the network on Zerokara Lab\'s Network tab (book §3.4.3).',
        "",
        f"Layers {net.sizes}, activations {net.activations}.",
        '"""',
        "",
        "import numpy as np",
        "",
        "",
    ]
    used = set(net.activations)
    defs = {
        "step": "def step(a):\n    return (a > 0).astype(np.float64)\n",
        "sigmoid": (
            "def sigmoid(a):\n"
            "    out = np.empty_like(a)\n"
            "    pos = a >= 0\n"
            "    out[pos] = 1.0 / (1.0 + np.exp(-a[pos]))\n"
            "    e = np.exp(a[~pos])\n"
            "    out[~pos] = e / (1.0 + e)\n"
            "    return out\n"
        ),
        "relu": "def relu(a):\n    return np.maximum(0, a)\n",
        "tanh": "def tanh(a):\n    return np.tanh(a)\n",
        "identity": "def identity(a):\n    return a.copy()\n",
        "softmax": (
            "def softmax(a):\n"
            "    e = np.exp(a - np.max(a, axis=-1, keepdims=True))\n"
            "    return e / np.sum(e, axis=-1, keepdims=True)\n"
        ),
    }
    for name in ("step", "sigmoid", "relu", "tanh", "identity", "softmax"):
        if name in used:
            lines += [defs[name], ""]
    lines += [
        "",
        "def show(name, v):",
        '    print(name, "=", [float(t) for t in v])',
        "",
        "",
    ]
    for k, (w, b) in enumerate(zip(net.weights, net.biases, strict=True), start=1):
        lines.append(f"W{k} = np.array({w.tolist()!r})")
        lines.append(f"b{k} = np.array({b.tolist()!r})")
    lines.append(f"x = np.array({x.tolist()!r})")
    lines.append("")
    prev = "x"
    last = net.n_layers
    for k in range(1, last + 1):
        act = net.activations[k - 1]
        out = "y" if k == last else f"z{k}"
        lines.append(f"a{k} = {prev} @ W{k} + b{k}")
        lines.append(f"{out} = {act}(a{k})")
        lines.append(f'show("a{k}", a{k})')
        lines.append(f'show("{out}", {out})')
        prev = out
    lines.append("")
    return "\n".join(lines)
