"""The Gates tab's "export as code": a standalone NumPy script printing the truth table of
the perceptron the tab shows, and of its two-layer solution when there is one.
"""

from __future__ import annotations

from engine.perceptron import TwoLayerPerceptron, table_inputs
from gui.models.gates import Core

__all__ = ["export_script"]


def export_script(core: Core, two_layer: TwoLayerPerceptron | None) -> str:
    """A standalone NumPy script: the perceptron (w, b) and its truth table, plus the
    two-layer perceptron when there is one; each prints one line per row."""
    x = table_inputs(core.n).tolist()
    lines = [
        '"""Zerokara Lab, Gates tab: a perceptron y = 1 if w·x + b > 0 else 0 (book §2.3)',
        "with the weights and the truth table the tab shows. Needs only NumPy.",
        '"""',
        "",
        "import numpy as np",
        "",
        f"w = np.array({[float(v) for v in core.w]!r})",
        f"b = {float(core.b)!r}",
        f"inputs = np.array({x!r})",
        f"targets = np.array({list(core.targets)!r})",
        "",
        "",
        "def perceptron(x):",
        '    """1 if w·x + b > 0 else 0."""',
        "    return 1 if np.sum(w * x) + b > 0 else 0",
        "",
        "",
        'print("x | t | w.x+b | y | ok")',
        "for x, t in zip(inputs, targets):",
        "    y = perceptron(x)",
        "    s = float(np.sum(w * x) + b)",
        '    cells = ["".join(str(v) for v in x), str(t), repr(s), str(y)]',
        '    print(" | ".join(cells + ["ok" if y == t else "WRONG"]))',
    ]
    net = two_layer
    if net is not None:
        network = net.to_network()
        lines += [
            "",
            "# The table is not linearly separable; a two-layer perceptron that produces it:",
            f"W1 = np.array({network.weights[0].tolist()!r})",
            f"b1 = np.array({network.biases[0].tolist()!r})",
            f"W2 = np.array({network.weights[1].tolist()!r})",
            f"b2 = np.array({network.biases[1].tolist()!r})",
            "",
            "",
            "def two_layer(x):",
            '    """Hidden perceptrons s = step(x·W1 + b1), then y = step(s·W2 + b2)."""',
            "    s = (np.dot(x, W1) + b1 > 0).astype(int)",
            "    return int((np.dot(s, W2) + b2 > 0)[0])",
            "",
            "",
            'print("two-layer: x | s | y | ok")',
            "for x, t in zip(inputs, targets):",
            "    s = (np.dot(x, W1) + b1 > 0).astype(int)",
            "    y = two_layer(x)",
            '    cells = ["".join(str(v) for v in x), "".join(str(v) for v in s), str(y)]',
            '    print(" | ".join(cells + ["ok" if y == t else "WRONG"]))',
        ]
    return "\n".join(lines) + "\n"
