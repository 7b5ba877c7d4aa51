"""The Network tab's canvas: layers as columns of neurons, bias nodes, weighted edges.

Items hold indices into the document (never the weights themselves) and read the
values when they are refreshed. Layers wider than ``MAX_SHOWN`` are drawn collapsed:
their first and last neurons, an ellipsis with a count, and one bundle item for the
edges not drawn, so a 784-50-100-10 network needs a few hundred items, not 45 000.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QContextMenuEvent,
    QFont,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPainterPathStroker,
    QPen,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QGraphicsEllipseItem,
    QGraphicsItem,
    QGraphicsLineItem,
    QGraphicsPathItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
    QGraphicsView,
    QLineEdit,
    QWidget,
)

from gui.tabs.network_doc import NetworkDocument
from gui.widgets import format_number

__all__ = [
    "TopologyView",
    "NeuronItem",
    "EdgeItem",
    "BiasItem",
    "ButtonItem",
    "BundleItem",
    "MAX_SHOWN",
    "activation_label",
    "ValueRef",
]

#: Layers with more neurons than this are drawn collapsed.
MAX_SHOWN = 10
_HEAD, _TAIL = 5, 3
_DY, _R = 66.0, 23.0

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
    return [*range(_HEAD), None, *range(n - _TAIL, n)]


def _short(value: float) -> str:
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
        self.setToolTip(
            QCoreApplication.translate("TopologyView", "%1 = %2 (click to edit)")
            .replace("%1", self.name())
            .replace("%2", repr(value))
        )

    def shape(self) -> QPainterPath:
        path = QPainterPath()
        line = self.line()
        path.moveTo(line.p1())
        path.lineTo(line.p2())
        stroker = QPainterPathStroker()
        stroker.setWidth(max(7.0, self.pen().widthF() + 2))
        return stroker.createStroke(path)

    def boundingRect(self) -> QRectF:
        return self.shape().boundingRect()

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


class TopologyView(QGraphicsView):
    """The canvas (objectName ``topologyView``) mirroring a ``NetworkDocument``."""

    add_neuron_requested = Signal(int)
    add_layer_requested = Signal(int)
    delete_requested = Signal()
    context_requested = Signal(object, object)  # (item under the mouse or None, global QPoint)
    bundle_clicked = Signal(int)
    header_clicked = Signal(int)
    scene_rebuilt = Signal()
    rejected = Signal(str)

    def __init__(self, doc: NetworkDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("topologyView")
        self.doc = doc
        self.setScene(QGraphicsScene(self))
        self.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        self.setDragMode(QGraphicsView.DragMode.RubberBandDrag)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.BoundingRectViewportUpdate)
        self.setBackgroundBrush(QBrush(QColor(252, 252, 250)))
        self.setMinimumHeight(120)
        self.show_bias = True
        self.dx = 190.0
        self.weight_scale = 1.0
        self.neurons: dict[tuple[int, int], NeuronItem] = {}
        self.edges: dict[tuple, EdgeItem] = {}
        self.biases: dict[int, BiasItem] = {}
        self.headers: dict[int, HeaderItem] = {}
        self.bundles: dict[int, BundleItem] = {}
        self.add_neuron_buttons: dict[int, ButtonItem] = {}
        self.add_layer_buttons: dict[int, ButtonItem] = {}
        self.ellipses: dict[int, QGraphicsSimpleTextItem] = {}
        self.editor = QLineEdit(self.viewport())
        self.editor.setObjectName("valueEditor")
        self.editor.hide()
        self.editor.setFixedWidth(150)
        self.editor.returnPressed.connect(self._on_editor_return)
        self.editor.installEventFilter(self)
        self._editing: ValueRef | None = None
        doc.structure_changed.connect(self.rebuild)
        doc.values_changed.connect(self.refresh)
        doc.input_changed.connect(self.refresh_neurons)
        self.rebuild()

    # -- building ----------------------------------------------------------------------
    def _column_positions(self, layer: int) -> list[tuple[int | None, QPointF]]:
        slots = shown_indices(self.doc.sizes[layer])
        top = -(len(slots) - 1) / 2 * _DY
        return [(idx, QPointF(layer * self.dx, top + k * _DY)) for k, idx in enumerate(slots)]

    def _column_spacing(self) -> float:
        """Columns spread to use the canvas's width (between 170 and 300 scene units)."""
        sizes = self.doc.sizes
        slots = max(len(shown_indices(n)) for n in sizes)
        height = (slots - 1) * _DY + _DY * (3.6 if self.show_bias else 2.8)
        width, view_height = self.viewport().width(), self.viewport().height()
        if width < 50 or view_height < 50:
            return 190.0
        aspect = width / view_height
        return max(170.0, min(300.0, (aspect * height - 160) / max(1, len(sizes) - 1)))

    def rebuild(self) -> None:
        """Recreate every item (after a change of structure)."""
        self.cancel_edit()
        scene = self.scene()
        scene.clear()
        for store in (
            self.neurons,
            self.edges,
            self.biases,
            self.headers,
            self.bundles,
            self.add_neuron_buttons,
            self.add_layer_buttons,
            self.ellipses,
        ):
            store.clear()
        sizes = self.doc.sizes
        self.dx = self._column_spacing()
        columns = [self._column_positions(layer) for layer in range(len(sizes))]
        top = min(p.y() for col in columns for _, p in col)
        bottom = max(p.y() for col in columns for _, p in col)
        for layer, column in enumerate(columns):
            for idx, pos in column:
                if idx is None:
                    text = QGraphicsSimpleTextItem("⋮")
                    font = QFont()
                    font.setPointSizeF(16)
                    text.setFont(font)
                    rect = text.boundingRect()
                    text.setPos(pos.x() - rect.width() / 2, pos.y() - rect.height() / 2)
                    scene.addItem(text)
                    self.ellipses[layer] = text
                    count = QGraphicsSimpleTextItem(
                        QCoreApplication.translate("TopologyView", "%1 more").replace(
                            "%1", str(sizes[layer] - _HEAD - _TAIL)
                        )
                    )
                    rect = count.boundingRect()
                    count.setPos(pos.x() + 10, pos.y() - rect.height() / 2)
                    count.setBrush(QBrush(QColor(90, 90, 90)))
                    scene.addItem(count)
                    continue
                item = NeuronItem(layer, idx, pos)
                scene.addItem(item)
                self.neurons[(layer, idx)] = item
            header = HeaderItem(layer)
            scene.addItem(header)
            self.headers[layer] = header
            button = ButtonItem("neuron", layer, QPointF(layer * self.dx, bottom + _DY * 0.85))
            button.setToolTip(
                QCoreApplication.translate("TopologyView", "Add a neuron to this layer")
            )
            scene.addItem(button)
            self.add_neuron_buttons[layer] = button
            if self.show_bias and layer < len(sizes) - 1:
                bias = BiasItem(layer, QPointF(layer * self.dx + self.dx * 0.3, top - _DY * 0.95))
                bias.setToolTip(
                    QCoreApplication.translate(
                        "TopologyView", "Bias node: a constant 1 whose weights are b%1"
                    ).replace("%1", str(layer + 1))
                )
                scene.addItem(bias)
                self.biases[layer] = bias
        for layer in range(1, len(sizes)):
            y = top - _DY * (1.75 if self.show_bias else 1.0)
            button = ButtonItem("layer", layer, QPointF((layer - 0.5) * self.dx, y))
            button.setBrush(QBrush(QColor(238, 244, 255)))
            button.setPen(QPen(QColor(60, 90, 170), 1.2))
            button.setToolTip(QCoreApplication.translate("TopologyView", "Insert a layer here"))
            scene.addItem(button)
            self.add_layer_buttons[layer] = button
        for k in range(len(sizes) - 1):
            self._build_edges(k, columns[k], columns[k + 1])
        self._retitle_headers(top)
        legend = QGraphicsSimpleTextItem(
            QCoreApplication.translate(
                "TopologyView",
                "Inside a neuron: its output z (y at the output); below: its weighted sum a.",
            )
        )
        small = QFont()
        small.setPointSizeF(8)
        legend.setFont(small)
        legend.setBrush(QBrush(QColor(110, 110, 110)))
        legend.setPos(-_R, bottom + _DY * 1.25)
        scene.addItem(legend)
        self.refresh()
        margin = 30
        self.setSceneRect(scene.itemsBoundingRect().adjusted(-margin, -margin, margin, margin))
        self.fit()
        self.scene_rebuilt.emit()

    def mark_header(self, layer: int | None) -> None:
        """Highlight the header of the layer the toolbar acts on (``None``: none)."""
        for key, header in self.headers.items():
            colour = QColor(230, 120, 0) if key == layer else QColor(0, 0, 0)
            header.setBrush(QBrush(colour))

    def _build_edges(self, k: int, source: list, target: list) -> None:
        scene = self.scene()
        for i, p1 in source:
            if i is None:
                continue
            for j, p2 in target:
                if j is None:
                    continue
                edge = EdgeItem("W", k, (i, j), self._rim(p1, p2), self._rim(p2, p1))
                scene.addItem(edge)
                self.edges[("W", k, (i, j))] = edge
        if k in self.biases:
            b = self.biases[k].pos()
            for j, p2 in target:
                if j is None:
                    continue
                edge = EdgeItem("b", k, (j,), self._rim(b, p2, _R * 0.7), self._rim(p2, b))
                scene.addItem(edge)
                self.edges[("b", k, (j,))] = edge
        n_in, n_out = self.doc.sizes[k], self.doc.sizes[k + 1]
        hidden = n_in * n_out - len([1 for i, _ in source if i is not None]) * len(
            [1 for j, _ in target if j is not None]
        )
        if hidden > 0:
            ys_s = [p.y() for _, p in source]
            ys_t = [p.y() for _, p in target]
            rect_from = QRectF(k * self.dx - _R, min(ys_s), 2 * _R, max(ys_s) - min(ys_s))
            rect_to = QRectF((k + 1) * self.dx - _R, min(ys_t), 2 * _R, max(ys_t) - min(ys_t))
            bundle = BundleItem(k, rect_from, rect_to, hidden)
            scene.addItem(bundle)
            self.bundles[k] = bundle

    @staticmethod
    def _rim(a: QPointF, b: QPointF, radius: float = _R) -> QPointF:
        d = b - a
        length = math.hypot(d.x(), d.y()) or 1.0
        return a + d * (radius / length)

    def _retitle_headers(self, top: float | None = None) -> None:
        sizes, acts = self.doc.sizes, self.doc.network.activations
        last = len(sizes) - 1
        if top is None:
            top = min((n.pos().y() for n in self.neurons.values()), default=0.0)
        for layer, header in self.headers.items():
            if layer == 0:
                title = QCoreApplication.translate("TopologyView", "Input layer")
            elif layer == last:
                title = QCoreApplication.translate("TopologyView", "Output layer")
            else:
                title = QCoreApplication.translate("TopologyView", "Layer %1").replace(
                    "%1", str(layer)
                )
            count = (
                QCoreApplication.translate("TopologyView", "1 neuron")
                if sizes[layer] == 1
                else QCoreApplication.translate("TopologyView", "%1 neurons").replace(
                    "%1", str(sizes[layer])
                )
            )
            lines = [title, count]
            if layer > 0:
                lines.append(activation_label(acts[layer - 1]))
            header.setText("\n".join(lines))
            header.setToolTip(
                QCoreApplication.translate(
                    "TopologyView", "Right-click for the layer's activation and more"
                )
            )
            rect = header.boundingRect()
            y = top - _DY * (1.3 if self.show_bias else 0.6) - rect.height()
            header.setPos(layer * self.dx - rect.width() / 2, y)
            if self.bundles.get(layer):
                n_in, n_out = sizes[layer], sizes[layer + 1]
                bundle = self.bundles[layer]
                bundle.setToolTip(
                    QCoreApplication.translate(
                        "TopologyView",
                        "W%1: %2 × %3 = %4 weights, %5 of them not drawn. "
                        "Click to edit them in the W%1 table.",
                    )
                    .replace("%1", str(layer + 1))
                    .replace("%2", str(n_in))
                    .replace("%3", str(n_out))
                    .replace("%4", f"{n_in * n_out:,}")
                    .replace("%5", f"{bundle.hidden:,}")
                )

    def retranslate(self) -> None:
        self.rebuild()

    # -- refreshing --------------------------------------------------------------------
    def refresh(self) -> None:
        """Re-read every drawn weight and neuron value."""
        values = [
            (edge, float(self.doc.array(edge.kind, edge.layer)[edge.index]))
            for edge in self.edges.values()
        ]
        finite = [abs(v) for _, v in values if math.isfinite(v)]
        self.weight_scale = max(finite, default=1.0) or 1.0
        for edge, value in values:
            edge.set_value(value, self.weight_scale)
        self.refresh_neurons()

    def refresh_neurons(self) -> None:
        trace = self.doc.trace()
        last = len(self.doc.sizes) - 1
        for (layer, idx), item in self.neurons.items():
            if layer == 0:
                value = float(trace.x[idx])
                item.set_texts(_short(value), f"x{idx + 1}")
                item.setBrush(QBrush(QColor(235, 242, 252)))
                item.setToolTip(f"x{idx + 1} = {value!r}")
                continue
            a = float(trace.a[layer - 1][idx])
            z = float((trace.y if layer == last else trace.z[layer - 1])[idx])
            name = "y" if layer == last else "z"
            item.set_texts(_short(z), f"a={_short(a)}")
            shade = 0.0 if not math.isfinite(z) else max(0.0, min(1.0, abs(z)))
            item.setBrush(QBrush(QColor(255, int(255 - 60 * shade), int(255 - 120 * shade))))
            item.setToolTip(
                f"a{layer}[{idx}] = {a!r}\n{name}{'' if name == 'y' else layer}[{idx}] = {z!r}"
            )

    # -- view --------------------------------------------------------------------------
    def fit(self) -> None:
        rect = self.sceneRect()
        if rect.isEmpty():
            return
        self.resetTransform()
        sx = self.viewport().width() / rect.width()
        sy = self.viewport().height() / rect.height()
        scale = min(sx, sy, 1.5)
        if scale > 0:
            self.scale(scale, scale)
        self.centerOn(rect.center())

    def wheelEvent(self, event: QWheelEvent) -> None:
        """Ctrl + wheel zooms around the mouse; the plain wheel scrolls."""
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            factor = 1.15 if event.angleDelta().y() > 0 else 1 / 1.15
            self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
            self.scale(factor, factor)
            event.accept()
            return
        super().wheelEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._editing is None and abs(self._column_spacing() - self.dx) > 0.1 * self.dx:
            self.rebuild()
        else:
            self.fit()

    # -- editing -----------------------------------------------------------------------
    def item_at(self, pos) -> QGraphicsItem | None:
        for item in self.items(pos):
            while item.parentItem() is not None:
                item = item.parentItem()
            if isinstance(
                item, (NeuronItem, EdgeItem, ButtonItem, BundleItem, HeaderItem, BiasItem)
            ):
                return item
        return None

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            item = self.item_at(event.position().toPoint())
            if isinstance(item, EdgeItem):
                self.start_edit(item, event.position().toPoint())
                event.accept()
                return
            if isinstance(item, ButtonItem):
                if item.action == "neuron":
                    self.add_neuron_requested.emit(item.target)
                else:
                    self.add_layer_requested.emit(item.target)
                event.accept()
                return
            if isinstance(item, BundleItem):
                self.bundle_clicked.emit(item.layer)
                event.accept()
                return
            if isinstance(item, HeaderItem):
                self.header_clicked.emit(item.layer)
        self.cancel_edit()
        super().mousePressEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        item = self.item_at(event.pos())
        if isinstance(item, NeuronItem) and not item.isSelected():
            self.scene().clearSelection()
            item.setSelected(True)
        self.context_requested.emit(item, event.globalPos())
        event.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.delete_requested.emit()
            event.accept()
            return
        super().keyPressEvent(event)

    def selected_neurons(self) -> list[NeuronItem]:
        return [i for i in self.scene().selectedItems() if isinstance(i, NeuronItem)]

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        item = self.item_at(event.position().toPoint())
        if isinstance(item, NeuronItem) and item.layer > 0:
            ref = ValueRef("b", item.layer - 1, (item.index,))
            self.start_edit(ref, self.mapFromScene(item.scenePos() + QPointF(0, _R)))
            event.accept()
            return
        super().mouseDoubleClickEvent(event)

    def start_edit(self, edge: EdgeItem | ValueRef, at=None) -> None:
        """Open the in-place editor on an edge's value, or on any W/b entry (``ValueRef``),
        at view position ``at``."""
        if at is None:
            if isinstance(edge, EdgeItem):
                line = edge.line()
                at = self.mapFromScene((line.p1() + line.p2()) / 2)
            else:
                at = self.viewport().rect().center()
        edge = ValueRef(edge.kind, edge.layer, edge.index)
        self._editing = edge
        value = float(self.doc.array(edge.kind, edge.layer)[edge.index])
        self.editor.setText(repr(value))
        self.editor.setToolTip(
            QCoreApplication.translate(
                "TopologyView", "%1: type a number, Enter to apply, Esc to cancel"
            ).replace("%1", edge.name())
        )
        x = min(max(0, at.x() - 20), max(0, self.viewport().width() - self.editor.width()))
        y = min(max(0, at.y() - 12), max(0, self.viewport().height() - self.editor.height()))
        self.editor.move(x, y)
        self.editor.show()
        self.editor.raise_()
        self.editor.setFocus()
        self.editor.selectAll()

    def cancel_edit(self) -> None:
        self._editing = None
        self.editor.hide()

    def _on_editor_return(self) -> None:
        from gui.widgets import InputError, parse_number

        edge = self._editing
        if edge is None:
            return
        kind, layer, index = edge.kind, edge.layer, edge.index
        try:
            value = parse_number(self.editor.text(), -1e6, 1e6)
        except InputError as exc:
            self.cancel_edit()
            self.rejected.emit(str(exc))
            self.setFocus()
            return
        self.cancel_edit()
        self.setFocus()
        self.doc.set_value(kind, layer, index, float(value))

    def eventFilter(self, obj, event) -> bool:
        if obj is self.editor:
            if event.type() == event.Type.KeyPress and event.key() == Qt.Key.Key_Escape:
                self.cancel_edit()
                self.setFocus()
                return True
            if event.type() == event.Type.FocusOut and self._editing is not None:
                self.cancel_edit()
        return super().eventFilter(obj, event)

    def scene_item_count(self) -> int:
        return len(self.scene().items())
