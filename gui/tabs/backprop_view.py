"""The Backprop tab's drawing: a computational graph as the book draws it (Figs. 5-16 … 5-29).

Operation nodes are circles with their symbol; inputs and constants are names at the
left end of their edges. Above each edge its forward value, below it (in red) the
derivative flowing back, each shown once the ``Stepper`` has revealed it. Matrices carry
their shape. The node the last step concerned is highlighted; clicking a node selects it
(``node_clicked``). Items are rebuilt when the graph changes and refreshed in place.
"""

from __future__ import annotations

import math

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QMouseEvent,
    QPainter,
    QPen,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QGraphicsEllipseItem,
    QGraphicsItem,
    QGraphicsLineItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
    QGraphicsView,
    QWidget,
)

from engine.compgraph import Edge, Graph, Stepper
from gui.models.backprop_layout import graph_layout

__all__ = ["GraphView", "format_value", "BACKWARD_COLOR"]

#: The colour of derivatives (the book prints the backward pass in red).
BACKWARD_COLOR = QColor("#c62828")
FORWARD_COLOR = QColor("#1a1a1a")
CURRENT_FILL = QColor("#fff3b0")
NODE_FILL = QColor("#ffffff")
RADIUS = 24.0
COLUMN = 210.0
ROW = 120.0
#: Matrices up to this many numbers are printed on their edge; larger ones show their shape.
MAX_PRINTED = 12


def format_value(value: np.ndarray | None, digits: int = 6) -> str:
    """A value as the book prints it: 2.2, 110, 3.3 (not 3.3000000000000003); arrays with
    their shape and, when small, their numbers row by row."""
    if value is None:
        return ""
    a = np.asarray(value, dtype=np.float64)
    if a.ndim == 0:
        return _number(float(a), digits)
    shape = "×".join(str(n) for n in a.shape)
    if a.size > MAX_PRINTED:
        return f"({shape})"
    rows = a.reshape(1, -1) if a.ndim == 1 else a.reshape(a.shape[0], -1)
    lines = ["  ".join(_number(float(v), 4) for v in row) for row in rows]
    return f"({shape})\n" + "\n".join(lines)


def _number(v: float, digits: int) -> str:
    if math.isnan(v):
        return "NaN"
    if math.isinf(v):
        return "∞" if v > 0 else "−∞"
    text = f"{v:.{digits}g}"
    if text == "-0":
        text = "0"
    return text.replace("-", "−")


class _NodeItem(QGraphicsEllipseItem):
    """An operation node: a circle with the operation's symbol."""

    def __init__(self, index: int, symbol: str, font: QFont) -> None:
        super().__init__(-RADIUS, -RADIUS, 2 * RADIUS, 2 * RADIUS)
        self.index = index
        self.setPen(QPen(FORWARD_COLOR, 1.6))
        self.setBrush(QBrush(NODE_FILL))
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setZValue(2)
        self.text = QGraphicsSimpleTextItem(symbol, self)
        f = QFont(font)
        if len(symbol) > 3:
            f.setPointSizeF(font.pointSizeF() * 0.75)
        else:
            f.setPointSizeF(font.pointSizeF() * 1.3)
        self.text.setFont(f)
        r = self.text.boundingRect()
        if r.width() > 2 * RADIUS - 4:  # a long name (Softmax-with-Loss): a wider oval
            w = r.width() / 2 + 8
            self.setRect(-w, -RADIUS, 2 * w, 2 * RADIUS)
        self.text.setPos(-r.width() / 2, -r.height() / 2)

    def half_width(self) -> float:
        return self.rect().width() / 2


class GraphView(QGraphicsView):
    """Draws a ``Graph`` with what its ``Stepper`` reveals (objectName ``graphView``)."""

    node_clicked = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("graphView")
        self.setScene(QGraphicsScene(self))
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setBackgroundBrush(QBrush(QColor("#fafafa")))
        self.graph: Graph | None = None
        self.stepper: Stepper | None = None
        self.names: dict[str, str] = {}
        self.nodes: dict[int, _NodeItem] = {}
        self.leaf_labels: dict[int, QGraphicsSimpleTextItem] = {}
        #: per edge: (line, value text above, derivative text below)
        self.edge_items: dict[
            Edge,
            tuple[QGraphicsLineItem, QGraphicsSimpleTextItem, QGraphicsSimpleTextItem],
        ] = {}
        self.output_label: QGraphicsSimpleTextItem | None = None
        self.output_name = "L"

    # -- building ----------------------------------------------------------------------
    def set_graph(
        self, graph: Graph, stepper: Stepper, names: dict[str, str] | None = None
    ) -> None:
        """Draw ``graph`` anew; ``names`` maps input names to what to show (translations)."""
        self.graph, self.stepper = graph, stepper
        self.names = dict(names or {})
        self._rebuild()

    def _rebuild(self) -> None:
        scene = self.scene()
        scene.clear()
        self.nodes, self.leaf_labels, self.edge_items = {}, {}, {}
        graph = self.graph
        if graph is None:
            return
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 1.2)
        positions = graph_layout(graph)
        column, row_height = self._spacing(graph, font)
        points: dict[int, QPointF] = {}
        for index, (col, row) in positions.items():
            points[index] = QPointF(col * column, row * row_height)
        for node in graph.nodes:
            p = points[node.index]
            if node.is_leaf:
                if node.op == "input":
                    text = self.names.get(node.name, node.name)
                else:
                    text = format_value(node.value).splitlines()[-1]
                label = QGraphicsSimpleTextItem(text)
                f = QFont(font)
                f.setBold(node.op == "input")
                label.setFont(f)
                r = label.boundingRect()
                label.setPos(p.x() - r.width() - 4, p.y() - r.height() / 2)
                label.setData(0, node.index)
                scene.addItem(label)
                self.leaf_labels[node.index] = label
            else:
                item = _NodeItem(node.index, node.symbol, font)
                item.setPos(p)
                scene.addItem(item)
                self.nodes[node.index] = item
        for edge in graph.edges:
            start = points[edge.source]
            if edge.source in self.nodes:
                start = start + QPointF(self.nodes[edge.source].half_width(), 0)
            if edge.target is None:
                end = start + QPointF(column * 0.75, 0)
            else:
                target = self.nodes[edge.target]
                n_in = len(graph.nodes[edge.target].inputs)
                offset = (edge.slot - (n_in - 1) / 2) * (RADIUS * 0.9) if n_in > 1 else 0.0
                centre = points[edge.target]
                dy = offset
                dx = -math.sqrt(max(target.half_width() ** 2 - dy * dy, 1.0))
                if target.half_width() > RADIUS:
                    dx = -target.half_width()
                end = centre + QPointF(dx, dy)
            line = QGraphicsLineItem(start.x(), start.y(), end.x(), end.y())
            line.setPen(QPen(FORWARD_COLOR, 1.4))
            line.setZValue(1)
            scene.addItem(line)
            above, below = QGraphicsSimpleTextItem(), QGraphicsSimpleTextItem()
            above.setBrush(QBrush(FORWARD_COLOR))
            below.setBrush(QBrush(BACKWARD_COLOR))
            bold = QFont(font)
            bold.setBold(True)
            below.setFont(bold)
            above.setFont(font)
            for t in (above, below):
                t.setZValue(3)
                scene.addItem(t)
            self.edge_items[edge] = (line, above, below)
            if edge.target is None:
                self.output_label = QGraphicsSimpleTextItem(self.output_name)
                f = QFont(font)
                f.setBold(True)
                self.output_label.setFont(f)
                r = self.output_label.boundingRect()
                self.output_label.setPos(end.x() + 6, end.y() - r.height() / 2)
                scene.addItem(self.output_label)
        self.refresh()

    # -- refreshing --------------------------------------------------------------------
    def refresh(self) -> None:
        """Re-read every value, derivative and the highlight (the graph's structure kept)."""
        graph, stepper = self.graph, self.stepper
        if graph is None or stepper is None:
            return
        for index, item in self.nodes.items():
            current = index == stepper.current
            item.setBrush(QBrush(CURRENT_FILL if current else NODE_FILL))
            item.setPen(QPen(FORWARD_COLOR, 2.6 if current else 1.6))
        taken: list[QRectF] = [label.sceneBoundingRect() for label in self.leaf_labels.values()]
        for edge, (line, above, below) in self.edge_items.items():
            value = graph.edge_value(edge) if stepper.value_shown(edge.source) else None
            grad = graph.edge_grad(edge) if stepper.grad_shown(edge) else None
            above.setText(format_value(value))
            below.setText(format_value(grad))
            tip = []
            if value is not None:
                tip.append(f"{np.array2string(np.asarray(value), precision=17)}")
            if grad is not None:
                tip.append(f"∂: {np.array2string(np.asarray(grad), precision=17)}")
            line.setToolTip("\n".join(tip))
            self._place(line, above, below, taken)
        self._fit()

    @staticmethod
    def _spacing(graph: Graph, font: QFont) -> tuple[float, float]:
        """Column width and row height that fit the widest and tallest edge texts."""
        probe = QGraphicsSimpleTextItem()
        probe.setFont(font)
        width, height = 0.0, 0.0
        for edge in graph.edges:
            texts = [
                format_value(graph.edge_value(edge)),
                format_value(graph.edge_grad(edge)),
            ]
            heights = []
            for text in texts:
                probe.setText(text)
                r = probe.boundingRect()
                width = max(width, r.width())
                heights.append(r.height())
            height = max(height, sum(heights))
        return max(COLUMN, width + 2.5 * RADIUS + 40), max(ROW, 1.5 * height + 24)

    def _place(
        self,
        line: QGraphicsLineItem,
        above: QGraphicsSimpleTextItem,
        below: QGraphicsSimpleTextItem,
        taken: list[QRectF],
    ) -> None:
        """Put the value above and the derivative below the edge, at the first point
        along it (middle first) where they overlap no text or node placed already."""
        seg = line.line()
        ra, rb = above.boundingRect(), below.boundingRect()
        nodes = [item.sceneBoundingRect() for item in self.nodes.values()]
        choice = None
        for t in (0.5, 0.4, 0.6, 0.3, 0.7, 0.22, 0.78):
            p = seg.pointAt(t)
            a = QRectF(p.x() - ra.width() / 2, p.y() - ra.height() - 3, ra.width(), ra.height())
            b = QRectF(p.x() - rb.width() / 2, p.y() + 3, rb.width(), rb.height())
            boxes = [r for r in (a, b) if r.width() > 0]
            if choice is None:
                choice = (a, b)
            if not any(r.intersects(o) for r in boxes for o in taken + nodes):
                choice = (a, b)
                break
        a, b = choice
        above.setPos(a.topLeft())
        below.setPos(b.topLeft())
        taken.extend(r for r in (a, b) if r.width() > 0)

    def _fit(self) -> None:
        scene = self.scene()
        rect = scene.itemsBoundingRect().adjusted(-20, -20, 20, 20)
        scene.setSceneRect(rect)
        self.fit()

    def fit(self) -> None:
        """Show the whole graph, never larger than 1.3× (text stays crisp)."""
        rect = self.scene().sceneRect()
        if rect.isEmpty():
            return
        self.resetTransform()
        view = self.viewport().rect()
        scale = min(view.width() / rect.width(), view.height() / rect.height(), 1.3)
        self.scale(scale, scale)
        self.centerOn(rect.center())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        item = self.itemAt(event.position().toPoint())
        while item is not None and not isinstance(item, _NodeItem):
            item = item.parentItem()
        if isinstance(item, _NodeItem):
            self.node_clicked.emit(item.index)
        super().mousePressEvent(event)

    # -- for tests and export --------------------------------------------------------------
    def texts(self, edge: Edge) -> tuple[str, str]:
        """(value above, derivative below) as drawn on ``edge``."""
        _, above, below = self.edge_items[edge]
        return above.text(), below.text()

    def text_positions(self, edge: Edge) -> tuple[QRectF, QRectF, float]:
        """Scene rectangles of the two texts and the edge's midpoint height."""
        line, above, below = self.edge_items[edge]
        return (
            above.sceneBoundingRect(),
            below.sceneBoundingRect(),
            line.line().pointAt(0.5).y(),
        )

    def node_item(self, index: int) -> QGraphicsItem:
        return self.nodes[index]
