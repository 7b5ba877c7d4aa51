"""The geometry of the Gates plot: the view box, the decision line clipped to it, the
half-plane where y = 1, tick marks, and the mapping between plot and pixel coordinates.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QPointF, QRectF

__all__ = [
    "LOW",
    "HIGH",
    "TOP",
    "Frame",
    "clip_half_plane",
    "line_in_box",
    "tick_text",
    "ticks",
    "distance_to_segment",
]

LOW, HIGH = -0.5, 1.5
#: the top of the view: room above the top row for the points' labels
TOP = HIGH + 0.15
_BOX = [(LOW, LOW), (HIGH, LOW), (HIGH, HIGH), (LOW, HIGH)]


def clip_half_plane(w: np.ndarray, b: float, box=_BOX) -> list[tuple[float, float]]:
    """The part of the polygon ``box`` where w·p + b > 0 (Sutherland–Hodgman, one edge)."""
    out: list[tuple[float, float]] = []
    pts = list(box)
    for i, p in enumerate(pts):
        q = pts[(i + 1) % len(pts)]
        sp = w[0] * p[0] + w[1] * p[1] + b
        sq = w[0] * q[0] + w[1] * q[1] + b
        if sp > 0:
            out.append(p)
        if (sp > 0) != (sq > 0) and sp != sq:
            r = sp / (sp - sq)
            out.append((p[0] + r * (q[0] - p[0]), p[1] + r * (q[1] - p[1])))
    return out


def line_in_box(w: np.ndarray, b: float, low: float = LOW, high: float = HIGH):
    """The two ends of the line w·p + b = 0 inside the square [low, high]², or None."""
    if abs(w[0]) < 1e-12 and abs(w[1]) < 1e-12:
        return None
    ends: list[tuple[float, float]] = []
    if abs(w[1]) > 1e-12:
        for x in (low, high):
            y = -(w[0] * x + b) / w[1]
            if low - 1e-9 <= y <= high + 1e-9:
                ends.append((x, y))
    if abs(w[0]) > 1e-12:
        for y in (low, high):
            x = -(w[1] * y + b) / w[0]
            if low - 1e-9 <= x <= high + 1e-9:
                ends.append((x, y))
    unique: list[tuple[float, float]] = []
    for p in ends:
        if all(abs(p[0] - q[0]) + abs(p[1] - q[1]) > 1e-9 for q in unique):
            unique.append(p)
    if len(unique) < 2:
        return None
    # the two farthest apart
    best = max(
        ((p, q) for i, p in enumerate(unique) for q in unique[i + 1 :]),
        key=lambda pq: (pq[0][0] - pq[1][0]) ** 2 + (pq[0][1] - pq[1][1]) ** 2,
    )
    return best


def tick_text(value: float) -> str:
    """A tick's label: 0, 0.5, 1.0, −0.5 (with a real minus sign)."""
    if abs(value) < 1e-9:
        return "0"
    return ("−" if value < 0 else "") + f"{abs(value):.1f}"


def ticks(low: float, high: float, pixels: float, spacing: float) -> list[tuple[float, str]]:
    """Labelled ticks on [low, high] every 0.5, or every 1 when neighbours would be closer
    than ``spacing`` pixels, or every 0.1 when there is room for ample space between them."""
    per_unit = pixels / (high - low)
    step = 1.0
    if 0.1 * per_unit >= 1.4 * spacing:
        step = 0.1
    elif 0.5 * per_unit >= spacing:
        step = 0.5
    first = math.ceil(low / step - 1e-9)
    last = math.floor(high / step + 1e-9)
    return [(k * step, tick_text(k * step)) for k in range(first, last + 1)]


@dataclass(frozen=True)
class Frame:
    """Where things go for one widget size: the data area and the labelled ticks."""

    area: QRectF  # the plot area in widget pixels: x in [LOW, HIGH], y in [LOW, TOP]
    x_ticks: list[tuple[float, str]]
    y_ticks: list[tuple[float, str]]
    y_label_width: float

    def to_pixel(self, x: float, y: float) -> QPointF:
        a = self.area
        return QPointF(
            a.left() + (x - LOW) / (HIGH - LOW) * a.width(),
            a.bottom() - (y - LOW) / (TOP - LOW) * a.height(),
        )

    def to_plot(self, p: QPointF) -> tuple[float, float]:
        a = self.area
        return (
            LOW + (p.x() - a.left()) / a.width() * (HIGH - LOW),
            LOW + (a.bottom() - p.y()) / a.height() * (TOP - LOW),
        )


def distance_to_segment(p: QPointF, a: QPointF, b: QPointF) -> float:
    d = b - a
    length2 = d.x() ** 2 + d.y() ** 2
    t = 0.0 if length2 == 0 else ((p - a).x() * d.x() + (p - a).y() * d.y()) / length2
    t = max(0.0, min(1.0, t))
    q = a + d * t
    return math.hypot(p.x() - q.x(), p.y() - q.y())
