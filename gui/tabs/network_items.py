"""The items drawn on the Network tab's canvas. Each holds indices into the document
(a layer and a neuron, or where a weight lives), never the weights themselves."""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPainterPath, QPainterPathStroker, QPen
from PySide6.QtWidgets import (
    QGraphicsEllipseItem,
    QGraphicsItem,
    QGraphicsLineItem,
    QGraphicsPathItem,
    QGraphicsRectItem,
    QGraphicsSimpleTextItem,
)

from gui.text import tr_fmt
from gui.widgets import format_number

__all__ = [
    "MAX_SHOWN",
    "HEAD",
    "TAIL",
    "DY",
    "RADIUS",
    "activation_label",
    "shown_indices",
    "short_number",
    "ValueRef",
    "NeuronItem",
    "BiasItem",
    "EdgeItem",
    "BundleItem",
    "ButtonItem",
    "HeaderItem",
]

#: Layers with more neurons than this are drawn collapsed.
MAX_SHOWN = 10
HEAD, TAIL = 5, 3
DY, RADIUS = 66.0, 23.0
_R = RADIUS

_POS = QColor(31, 100, 200)
_NEG = QColor(214, 39, 40)
_ZERO = QColor(175, 175, 175)


def activation_label(name: str) -> str:
    """The activation's name as a learner reads it (translated)."""
    labels = {
        "step": QCoreApplication.translate("Activation", "step"),
        "sigmoid": QCoreApplication.translate("Activation", "sigmoid"),
        "relu": QCoreApplication.translate("Activation", "ReLU"),
        "tanh": QCoreApplication.translate("Activation", "tanh"),
        "identity": QCoreApplication.translate("Activation", "identity"),
        "softmax": QCoreApplication.translate("Activation", "softmax"),
    }
    return labels.get(name, name)


def shown_indices(n: int) -> list[int | None]:
    """Neuron indices drawn for a layer of ``n``; ``None`` marks the ellipsis slot."""
    if n <= MAX_SHOWN:
        return list(range(n))
    return [*range(HEAD), None, *range(n - TAIL, n)]


def short_number(value: float) -> str:
    if not math.isfinite(value):
        return str(value)
    return format_number(value, 4)


@dataclass(frozen=True)
class ValueRef:
    """Where a value lives: W{layer+1}[i, j] (kind "W") or b{layer+1}[j] (kind "b")."""

    kind: str
    layer: int
    index: tuple

    def name(self) -> str:
        if self.kind == "W":
            return f"W{self.layer + 1}[{self.index[0]}, {self.index[1]}]"
        return f"b{self.layer + 1}[{self.index[0]}]"


class NeuronItem(QGraphicsEllipseItem):
    """One neuron: neuron layer ``layer``, index ``index``; shows its value inside."""

    def __init__(self, layer: int, index: int, center: QPointF) -> None:
        super().__init__(-_R, -_R, 2 * _R, 2 * _R)
        self.layer, self.index = layer, index
        self.setPos(center)
        self.setZValue(10)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable, True)
        self.setAcceptHoverEvents(True)
        self.setPen(QPen(QColor(60, 60, 60), 1.5))
        self.value_text = QGraphicsSimpleTextItem(self)
        font = QFont()
        font.setPointSizeF(8.5)
        self.value_text.setFont(font)
        self.sum_text = QGraphicsSimpleTextItem(self)
        small = QFont()
        small.setPointSizeF(7.5)
        self.sum_text.setFont(small)
        self.sum_text.setBrush(QBrush(QColor(90, 90, 90)))

    def set_texts(self, inside: str, below: str) -> None:
        self.value_text.setText(inside)
        r = self.value_text.boundingRect()
        self.value_text.setPos(-r.width() / 2, -r.height() / 2)
        self.sum_text.setText(below)
        r = self.sum_text.boundingRect()
        self.sum_text.setPos(-r.width() / 2, _R + 1)

    def paint(self, painter: QPainter, option, widget=None) -> None:
        selected = self.isSelected()
        painter.setPen(QPen(QColor(255, 140, 0), 3) if selected else QPen(QColor(60, 60, 60), 1.5))
        painter.setBrush(self.brush())
        painter.drawEllipse(self.rect())


class BiasItem(QGraphicsEllipseItem):
    """The constant-1 node of neuron layer ``layer`` (the book draws it grey, labelled 1)."""

    def __init__(self, layer: int, center: QPointF) -> None:
        r = _R * 0.7
        super().__init__(-r, -r, 2 * r, 2 * r)
        self.layer = layer
        self.setPos(center)
        self.setZValue(10)
        self.setBrush(QBrush(QColor(225, 225, 225)))
        self.setPen(QPen(QColor(120, 120, 120), 1))
        text = QGraphicsSimpleTextItem("1", self)
        rect = text.boundingRect()
        text.setPos(-rect.width() / 2, -rect.height() / 2)


class EdgeItem(QGraphicsLineItem):
    """An edge for W{layer+1}[i, j] (kind "W") or b{layer+1}[j] (kind "b", from the bias).

    Coloured by sign, as wide as |value| relative to the largest weight shown; clicking
    it opens the in-place editor; hovering shows the value.
    """

    def __init__(self, kind: str, layer: int, index: tuple, p1: QPointF, p2: QPointF) -> None:
        super().__init__(p1.x(), p1.y(), p2.x(), p2.y())
        self.kind, self.layer, self.index = kind, layer, index
        self.setZValue(2)
        self.setAcceptHoverEvents(True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self._hover = False

    def name(self) -> str:
        return ValueRef(self.kind, self.layer, self.index).name()

    def set_value(self, value: float, scale: float) -> None:
        if value == 0 or not math.isfinite(value):
            colour, width = _ZERO, 0.8
        else:
            colour = _POS if value > 0 else _NEG
            width = 0.8 + 5.2 * min(abs(value) / scale, 1.0)
        if self._hover:
            colour = colour.darker(150)
            width += 1.5
        pen = QPen(colour, width)
        if value == 0:
            pen.setStyle(Qt.PenStyle.DashLine)
        self.setPen(pen)
        self.value = value
        template = getattr(self, "tooltip_template", None) or QCoreApplication.translate(
            "TopologyView", "%1 = %2 (click to edit)"
        )  # the Backward page shows gradients with its own template
        self.setToolTip(tr_fmt(template, self.name(), repr(value)))

    def shape(self) -> QPainterPath:
        path = QPainterPath()
        line = self.line()
        path.moveTo(line.p1())
        path.lineTo(line.p2())
        stroker = QPainterPathStroker()
        stroker.setWidth(max(7.0, self.pen().widthF() + 2))
        return stroker.createStroke(path)

    def boundingRect(self) -> QRectF:
        # asked for every edge on every repaint: from the line and the stroke's width, not
        # by building the stroke (the square caps reach at most width/√2 beyond the line)
        half = max(7.0, self.pen().widthF() + 2) * 0.75
        line = self.line()
        return QRectF(line.p1(), line.p2()).normalized().adjusted(-half, -half, half, half)

    def hoverEnterEvent(self, event) -> None:
        self._hover = True
        self.set_value(self.value, self._scale())
        super().hoverEnterEvent(event)

    def hoverLeaveEvent(self, event) -> None:
        self._hover = False
        self.set_value(self.value, self._scale())
        super().hoverLeaveEvent(event)

    def _scale(self) -> float:
        view = self.scene().views()[0] if self.scene() and self.scene().views() else None
        return getattr(view, "weight_scale", 1.0)


class BundleItem(QGraphicsPathItem):
    """The weights of a collapsed layer that are not drawn one by one."""

    def __init__(self, layer: int, rect_from: QRectF, rect_to: QRectF, hidden: int) -> None:
        path = QPainterPath()
        path.moveTo(rect_from.topRight())
        path.lineTo(rect_to.topLeft())
        path.lineTo(rect_to.bottomLeft())
        path.lineTo(rect_from.bottomRight())
        path.closeSubpath()
        super().__init__(path)
        self.layer, self.hidden = layer, hidden
        self.setZValue(0)
        self.setBrush(QBrush(QColor(120, 120, 160, 40)))
        self.setPen(QPen(Qt.PenStyle.NoPen))
        self.setCursor(Qt.CursorShape.PointingHandCursor)


class ButtonItem(QGraphicsRectItem):
    """A small round "+" button on the canvas: add a neuron (``action`` "neuron", at
    neuron layer ``target``) or insert a layer (``action`` "layer", at position ``target``)."""

    def __init__(self, action: str, target: int, center: QPointF) -> None:
        super().__init__(-11, -11, 22, 22)
        self.action, self.target = action, target
        self.setPos(center)
        self.setZValue(12)
        self.setBrush(QBrush(QColor(240, 248, 240)))
        self.setPen(QPen(QColor(60, 140, 60), 1.2))
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setAcceptHoverEvents(True)
        text = QGraphicsSimpleTextItem("+", self)
        font = QFont()
        font.setPointSizeF(12)
        font.setBold(True)
        text.setFont(font)
        text.setBrush(QBrush(QColor(40, 120, 40)))
        rect = text.boundingRect()
        text.setPos(-rect.width() / 2, -rect.height() / 2)


class HeaderItem(QGraphicsSimpleTextItem):
    """The label above a column: the layer's name, size and activation."""

    def __init__(self, layer: int) -> None:
        super().__init__()
        self.layer = layer
        self.setZValue(11)
        font = QFont()
        font.setBold(True)
        self.setFont(font)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
