"""The Gates tab's sentences that depend on its model: the plot note, the separability
verdict, the learning status, the two-layer solution. Translated in the tab's context
("GatesTab"), so they are re-made on every edit and language change.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
from PySide6.QtCore import QCoreApplication

from engine.perceptron import Perceptron, separating_weights, table_inputs
from gui.models.gates import PRESET_SETTING, Core, GatesModel, preset_table
from gui.tabs.gates_table import format_sum
from gui.text import tr_fmt

__all__ = [
    "plot_note",
    "separability",
    "status_text",
    "two_layer_html",
    "hidden_note",
    "gate_name",
    "network_description",
    "step_name",
]


def plot_note(model: GatesModel) -> str:
    if model.n_inputs == 2:
        return QCoreApplication.translate(
            "GatesTab",
            "The line w1·x1 + w2·x2 + b = 0; the shaded side is y = 1. Drag the line "
            "to move it, drag an end to turn it.",
        )
    return tr_fmt(
        QCoreApplication.translate(
            "GatesTab",
            "3 inputs: the boundary is the plane w1·x1 + w2·x2 + w3·x3 + b = 0. The "
            "plot shows the slice x3 = %1, where the plane is the line "
            "w1·x1 + w2·x2 + (b + w3·%1) = 0; the other 4 rows are in the other slice.",
        ),
        model["slice"],
    )


def separability(model: GatesModel) -> tuple[str, bool]:
    """The verdict on the table and whether it is separable."""
    if model.separable:
        p = separating_weights(model.inputs(), model.targets())
        example = ""
        if p is not None:
            example = tr_fmt(
                QCoreApplication.translate("GatesTab", " (for example w = (%1), b = %2)"),
                ", ".join(format_sum(v) for v in p.w),
                format_sum(p.b),
            )
        text = QCoreApplication.translate(
            "GatesTab", "✓ Linearly separable: one perceptron can produce this table%1."
        )
        return tr_fmt(text, example), True
    what = (
        QCoreApplication.translate("GatesTab", "line")
        if model.n_inputs == 2
        else QCoreApplication.translate("GatesTab", "plane")
    )
    text = QCoreApplication.translate(
        "GatesTab",
        "✗ Not linearly separable: no single %1 puts every 1 on one side and every "
        "0 on the other, so no w and b make one perceptron produce this table "
        "(checked exactly, not by trying to learn). Two layers can: see the "
        "two-layer solution.",
    )
    return tr_fmt(text, what), False


def status_text(kind: str, values: dict[str, Any]) -> str:
    """A learning status (kept as kind and values by the tab, to re-translate it)."""
    v = {k: str(x) for k, x in values.items()}
    if kind == "nonsep_start":
        return tr_fmt(
            QCoreApplication.translate(
                "GatesTab",
                "This table is not linearly separable: the rule will run for %1 epochs "
                "and never get every row right. Watch it go round in circles.",
            ),
            v["epochs"],
        )
    if kind == "learning":
        return QCoreApplication.translate("GatesTab", "Learning…")
    if kind == "epoch":
        return tr_fmt(
            QCoreApplication.translate("GatesTab", "Epoch %1 of at most %2: %3 row(s) wrong"),
            v["epoch"],
            v["max_epochs"],
            v["errors"],
        )
    if kind == "failed":
        return tr_fmt(QCoreApplication.translate("GatesTab", "Learning failed: %1"), v["message"])
    if kind == "learned":
        return tr_fmt(
            QCoreApplication.translate(
                "GatesTab", "Learned in %1 epoch(s): every row is right with w = (%2), b = %3."
            ),
            v["epoch"],
            v["w"],
            v["b"],
        )
    if kind == "nonsep_end":
        return tr_fmt(
            QCoreApplication.translate(
                "GatesTab",
                "After %1 epochs %2 row(s) are still wrong, and always will be: this "
                "table is not linearly separable. No single line (plane) w·x + b = 0 "
                "puts the 1s on one side and the 0s on the other. Two layers do it: "
                "see the two-layer solution.",
            ),
            v["epoch"],
            v["errors"],
        )
    if kind == "stopped":
        return tr_fmt(
            QCoreApplication.translate("GatesTab", "Stopped at epoch %1: %2 row(s) wrong."),
            v["epoch"],
            v["errors"],
        )
    if kind == "not_learned":
        return tr_fmt(
            QCoreApplication.translate(
                "GatesTab",
                "Not learned within %1 epochs (%2 row(s) wrong), although the table is "
                "linearly separable: allow more epochs or change the learning rate.",
            ),
            v["epoch"],
            v["errors"],
        )
    return QCoreApplication.translate(
        "GatesTab", "Press Learn (L) to let the perceptron rule find w and b."
    )


def gate_name(p: Perceptron) -> str:
    """AND, OR, NAND or NOR when ``p`` computes that gate of its inputs, else ""."""
    if p.n_inputs == 1:
        return ""
    x = table_inputs(p.n_inputs)
    y = tuple(int(v) for v in p(x))
    for key in ("and", "or", "nand", "nor"):
        if tuple(preset_table(key, p.n_inputs)) == y:
            return key.upper()
    return ""


def two_layer_html(model: GatesModel) -> str:
    """The two-layer solution's units and where each row lands (rich text), or ""."""
    net = model.two_layer()
    if net is None:
        return ""
    lines = [
        QCoreApplication.translate(
            "GatesTab", "<b>Hidden layer</b> (each unit is a perceptron on x):"
        )
    ]
    for i, h in enumerate(net.hidden):
        name = gate_name(h)
        name = f" = {name}(x)" if name else ""
        w = ", ".join(format_sum(v) for v in h.w)
        lines.append(f"&nbsp;&nbsp;s{i + 1}{name}: w = ({w}), b = {format_sum(h.b)}")
    name = gate_name(net.output)
    k = len(net.hidden)
    args = ", ".join(f"s{i + 1}" for i in range(k))
    name = f" = {name}({args})" if name else ""
    w = ", ".join(format_sum(v) for v in net.output.w)
    lines.append(QCoreApplication.translate("GatesTab", "<b>Output</b> (a perceptron on s):"))
    lines.append(f"&nbsp;&nbsp;y{name}: w = ({w}), b = {format_sum(net.output.b)}")
    x = model.inputs()
    s = net.hidden_outputs(x)
    y = np.asarray(net(x))
    rows = "".join(
        f"<tr><td>{''.join(map(str, xi))}</td><td>{''.join(map(str, si))}</td><td>{yi}</td></tr>"
        for xi, si, yi in zip(x, s, y, strict=True)
    )
    head = QCoreApplication.translate("GatesTab", "<tr><th>x</th><th>s</th><th>y</th></tr>")
    lines.append(f"<table cellspacing='0' cellpadding='2'>{head}{rows}</table>")
    return "<br>".join(lines[:-1]) + lines[-1]


def hidden_note(model: GatesModel) -> str:
    net = model.two_layer()
    k = len(net.hidden) if net is not None else 0
    if k == 2:
        return QCoreApplication.translate(
            "GatesTab",
            "Hidden space (s1, s2): the rows land on corners where one line, the "
            "output unit's, separates them.",
        )
    return tr_fmt(
        QCoreApplication.translate(
            "GatesTab",
            "%1 hidden units (no fewer can do this table): the hidden space has %1 "
            "dimensions and is not drawn; the column s shows where each row lands.",
        ),
        k,
    )


def network_description(model: GatesModel, preset_text: str) -> str:
    """What the Network tab says about a two-layer perceptron sent from here."""
    net = model.two_layer()
    assert net is not None
    names = [gate_name(h) or f"s{i + 1}" for i, h in enumerate(net.hidden)]
    out = gate_name(net.output) or "y"
    return tr_fmt(
        QCoreApplication.translate(
            "GatesTab", "%1 as a two-layer perceptron from the Gates tab: hidden %2, output %3"
        ),
        preset_text,
        ", ".join(names),
        out,
    )


def step_name(before: Core, after: Core, preset_text: Callable[[int], str]) -> str:
    """An undo step's name, from what it changed; ``preset_text(i)`` names preset ``i``."""
    if before.n != after.n:
        return tr_fmt(QCoreApplication.translate("GatesTab", "%1 inputs"), after.n)
    if after.preset != before.preset and after.preset != "custom":
        index = PRESET_SETTING.keys.index(after.preset)
        return tr_fmt(QCoreApplication.translate("GatesTab", "Choose %1"), preset_text(index))
    if after.targets != before.targets:
        rows = [
            i for i, (a, b) in enumerate(zip(before.targets, after.targets, strict=True)) if a != b
        ]
        return tr_fmt(QCoreApplication.translate("GatesTab", "Set target of row %1"), rows[0] + 1)
    names = ["w1", "w2", "w3"]
    changed = [names[i] for i, (a, b) in enumerate(zip(before.w, after.w, strict=True)) if a != b]
    if before.b != after.b:
        changed.append("b")
    if len(changed) == 1:
        value = after.b if changed[0] == "b" else after.w[names.index(changed[0])]
        text = QCoreApplication.translate("GatesTab", "Set %1 = %2")
        return tr_fmt(text, changed[0], format_sum(value))
    if after.preset == "custom" and before.preset != "custom":
        return QCoreApplication.translate("GatesTab", "Custom table")
    return QCoreApplication.translate("GatesTab", "Drag the line")
