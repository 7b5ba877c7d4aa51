"""The Network tab's canvas: layers as columns of neurons, bias nodes, weighted edges.

Items hold indices into the document (never the weights themselves) and read the
values when they are refreshed. Layers wider than ``MAX_SHOWN`` are drawn collapsed:
their first and last neurons, an ellipsis with a count, and one bundle item for the
edges not drawn, so a 784-50-100-10 network needs a few hundred items, not 45 000.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QContextMenuEvent,
    QFont,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPen,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
    QGraphicsView,
    QWidget,
)

from gui.tabs.network_doc import NetworkDocument
from gui.tabs.network_editor import ValueEditor
from gui.tabs.network_items import (
    DY,
    HEAD,
    MAX_SHOWN,
    RADIUS,
    TAIL,
    BiasItem,
    BundleItem,
    ButtonItem,
    EdgeItem,
    HeaderItem,
    NeuronItem,
    ValueRef,
    activation_label,
    short_number,
    shown_indices,
)
from gui.text import tr_fmt

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
        self.editor = ValueEditor(self)
        doc.structure_changed.connect(self.rebuild)
        doc.values_changed.connect(self.refresh)
        doc.input_changed.connect(self.refresh_neurons)
        self.rebuild()

    # -- building ----------------------------------------------------------------------
    def _column_positions(self, layer: int) -> list[tuple[int | None, QPointF]]:
        slots = shown_indices(self.doc.sizes[layer])
        top = -(len(slots) - 1) / 2 * DY
        return [(idx, QPointF(layer * self.dx, top + k * DY)) for k, idx in enumerate(slots)]

    def _column_spacing(self) -> float:
        """Columns spread to use the canvas's width (between 170 and 300 scene units)."""
        sizes = self.doc.sizes
        slots = max(len(shown_indices(n)) for n in sizes)
        height = (slots - 1) * DY + DY * (3.6 if self.show_bias else 2.8)
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
                        tr_fmt(
                            QCoreApplication.translate("TopologyView", "%1 more"),
                            str(sizes[layer] - HEAD - TAIL),
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
            button = ButtonItem("neuron", layer, QPointF(layer * self.dx, bottom + DY * 0.85))
            button.setToolTip(
                QCoreApplication.translate("TopologyView", "Add a neuron to this layer")
            )
            scene.addItem(button)
            self.add_neuron_buttons[layer] = button
            if self.show_bias and layer < len(sizes) - 1:
                bias = BiasItem(layer, QPointF(layer * self.dx + self.dx * 0.3, top - DY * 0.95))
                bias.setToolTip(
                    tr_fmt(
                        QCoreApplication.translate(
                            "TopologyView", "Bias node: a constant 1 whose weights are b%1"
                        ),
                        str(layer + 1),
                    )
                )
                scene.addItem(bias)
                self.biases[layer] = bias
        for layer in range(1, len(sizes)):
            y = top - DY * (1.75 if self.show_bias else 1.0)
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
        legend.setPos(-RADIUS, bottom + DY * 1.25)
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
                edge = EdgeItem("b", k, (j,), self._rim(b, p2, RADIUS * 0.7), self._rim(p2, b))
                scene.addItem(edge)
                self.edges[("b", k, (j,))] = edge
        n_in, n_out = self.doc.sizes[k], self.doc.sizes[k + 1]
        hidden = n_in * n_out - len([1 for i, _ in source if i is not None]) * len(
            [1 for j, _ in target if j is not None]
        )
        if hidden > 0:
            ys_s = [p.y() for _, p in source]
            ys_t = [p.y() for _, p in target]
            rect_from = QRectF(k * self.dx - RADIUS, min(ys_s), 2 * RADIUS, max(ys_s) - min(ys_s))
            rect_to = QRectF(
                (k + 1) * self.dx - RADIUS, min(ys_t), 2 * RADIUS, max(ys_t) - min(ys_t)
            )
            bundle = BundleItem(k, rect_from, rect_to, hidden)
            scene.addItem(bundle)
            self.bundles[k] = bundle

    @staticmethod
    def _rim(a: QPointF, b: QPointF, radius: float = RADIUS) -> QPointF:
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
                title = tr_fmt(QCoreApplication.translate("TopologyView", "Layer %1"), str(layer))
            count = (
                QCoreApplication.translate("TopologyView", "1 neuron")
                if sizes[layer] == 1
                else tr_fmt(
                    QCoreApplication.translate("TopologyView", "%1 neurons"), str(sizes[layer])
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
            y = top - DY * (1.3 if self.show_bias else 0.6) - rect.height()
            header.setPos(layer * self.dx - rect.width() / 2, y)
            if self.bundles.get(layer):
                n_in, n_out = sizes[layer], sizes[layer + 1]
                bundle = self.bundles[layer]
                bundle.setToolTip(
                    tr_fmt(
                        QCoreApplication.translate(
                            "TopologyView",
                            "W%1: %2 × %3 = %4 weights, %5 of them not drawn. "
                            "Click to edit them in the W%1 table.",
                        ),
                        str(layer + 1),
                        str(n_in),
                        str(n_out),
                        f"{n_in * n_out:,}",
                        f"{bundle.hidden:,}",
                    )
                )

    def retranslate(self) -> None:
        self.rebuild()

    # -- refreshing --------------------------------------------------------------------
    def refresh(self) -> None:
        """Re-read every drawn weight and neuron value (a NaN ``weight_scale`` before the
        call restyles every edge: the Backward page does so when it gives the canvas back)."""
        values = [
            (edge, float(self.doc.array(edge.kind, edge.layer)[edge.index]))
            for edge in self.edges.values()
        ]
        finite = [abs(v) for _, v in values if math.isfinite(v)]
        scale = max(finite, default=1.0) or 1.0
        same_scale = scale == self.weight_scale
        self.weight_scale = scale
        for edge, value in values:
            # an edit changes one weight: with the scale kept, only changed edges restyle
            if not (same_scale and getattr(edge, "value", None) == value):
                edge.set_value(value, scale)
        self.refresh_neurons()

    def refresh_neurons(self) -> None:
        trace = self.doc.trace()
        last = len(self.doc.sizes) - 1
        for (layer, idx), item in self.neurons.items():
            if layer == 0:
                value = float(trace.x[idx])
                item.set_texts(short_number(value), f"x{idx + 1}")
                item.setBrush(QBrush(QColor(235, 242, 252)))
                item.setToolTip(f"x{idx + 1} = {value!r}")
                continue
            a = float(trace.a[layer - 1][idx])
            z = float((trace.y if layer == last else trace.z[layer - 1])[idx])
            name = "y" if layer == last else "z"
            item.set_texts(short_number(z), f"a={short_number(a)}")
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
        if self.editor.editing is None and abs(self._column_spacing() - self.dx) > 0.1 * self.dx:
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
            self.start_edit(ref, self.mapFromScene(item.scenePos() + QPointF(0, RADIUS)))
            event.accept()
            return
        super().mouseDoubleClickEvent(event)

    def start_edit(self, edge: EdgeItem | ValueRef, at=None) -> None:
        """Open the in-place editor on an edge's value, or on any W/b entry (``ValueRef``),
        at view position ``at``."""
        self.editor.start(edge, at)

    def cancel_edit(self) -> None:
        self.editor.cancel()

    def scene_item_count(self) -> int:
        return len(self.scene().items())
