"""The Network canvas's in-place value editor (objectName ``valueEditor``): a line edit
over the view, opened on an edge or any W/b entry; Enter applies the number to the
document, Esc or leaving it cancels, a refused number is reported through the view's
``rejected`` signal (the old value kept)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import QGraphicsView, QLineEdit

from gui.tabs.network_items import EdgeItem, ValueRef
from gui.text import tr_fmt
from gui.widgets import InputError, parse_number

__all__ = ["ValueEditor"]


class ValueEditor(QLineEdit):
    """Owned by a ``TopologyView``; edits one ``ValueRef`` of its document at a time."""

    def __init__(self, view: QGraphicsView) -> None:
        super().__init__(view.viewport())
        self.view = view
        self.setObjectName("valueEditor")
        self.hide()
        self.setFixedWidth(150)
        self.returnPressed.connect(self._on_return)
        self.editing: ValueRef | None = None

    def start(self, edge: EdgeItem | ValueRef, at=None) -> None:
        """Open on an edge's value, or on any W/b entry, at view position ``at``."""
        view = self.view
        if at is None:
            if isinstance(edge, EdgeItem):
                line = edge.line()
                at = view.mapFromScene((line.p1() + line.p2()) / 2)
            else:
                at = view.viewport().rect().center()
        ref = ValueRef(edge.kind, edge.layer, edge.index)
        self.editing = ref
        self.setText(repr(float(view.doc.array(ref.kind, ref.layer)[ref.index])))
        self.setToolTip(
            tr_fmt(
                QCoreApplication.translate(
                    "TopologyView", "%1: type a number, Enter to apply, Esc to cancel"
                ),
                ref.name(),
            )
        )
        x = min(max(0, at.x() - 20), max(0, view.viewport().width() - self.width()))
        y = min(max(0, at.y() - 12), max(0, view.viewport().height() - self.height()))
        self.move(x, y)
        self.show()
        self.raise_()
        self.setFocus()
        self.selectAll()

    def cancel(self) -> None:
        self.editing = None
        self.hide()

    def _on_return(self) -> None:
        ref = self.editing
        if ref is None:
            return
        try:
            value = parse_number(self.text(), -1e6, 1e6)
        except InputError as exc:
            self.cancel()
            self.view.rejected.emit(str(exc))
            self.view.setFocus()
            return
        self.cancel()
        self.view.setFocus()
        self.view.doc.set_value(ref.kind, ref.layer, ref.index, float(value))

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if event.key() == Qt.Key.Key_Escape:
            self.cancel()
            self.view.setFocus()
            return
        super().keyPressEvent(event)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusOut and self.editing is not None:
            self.cancel()
        return super().event(event)
