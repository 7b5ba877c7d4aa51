"""What every tab shares: a content area beside a collapsible lesson panel, language
changes, owned workers that are joined on shutdown, and the hooks the main window calls.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractItemModel, QEvent, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QSplitter, QWidget

from gui.lesson import LessonPanel
from gui.worker import WorkerController

__all__ = ["LabTab"]


class LabTab(QWidget):
    """Base class of the four tabs.

    Subclasses set ``lesson_key`` and ``object_name``, build their widgets into
    ``self.content`` in ``__init__`` and put every visible string in ``retranslate_ui``
    (called once at the end of ``__init__`` by ``finish_setup`` and on every language
    change). Long computations go through ``self.make_controller()``.
    """

    lesson_key = ""
    object_name = ""

    #: Emitted with an ``engine.network.Network`` and a short description to show it on
    #: the Network tab (the main window connects it).
    send_network = Signal(object, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(self.object_name)
        self._controllers: list[WorkerController] = []
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.content = QWidget(self.splitter)
        self.lesson = LessonPanel(self.lesson_key, self.splitter)
        self.splitter.addWidget(self.content)
        self.splitter.addWidget(self.lesson)
        self.splitter.setStretchFactor(0, 4)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setCollapsible(0, False)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.splitter)

    def finish_setup(self) -> None:
        """Call at the end of a subclass ``__init__``: labels everything once."""
        self.retranslate_ui()

    # -- hooks -----------------------------------------------------------------------
    def title(self) -> str:
        """The tab's label in the tab bar (translated)."""
        raise NotImplementedError

    def retranslate_ui(self) -> None:
        """Set every visible string with ``self.tr``; called on language changes."""

    def smoke_test(self) -> None:
        """Exercise the tab briefly (``--smoke-test``); raise on failure."""

    def state(self) -> dict[str, Any]:
        """The tab's state for a project file (plain JSON types)."""
        return {}

    def set_state(self, state: dict[str, Any]) -> None:
        """Restore a state made by ``state``; raise ``ValueError`` if it is unusable."""

    def export_code(self) -> str:
        """A standalone NumPy-only Python script reproducing what the tab shows."""
        return ""

    def plot_widgets(self) -> dict[str, QWidget]:
        """The tab's plots (pyqtgraph widgets or graphics views), for File ▸ Export.

        Keys are the names the menu shows (translated, e.g. ``self.tr("Loss")``).
        """
        return {}

    def table_models(self) -> dict[str, QAbstractItemModel]:
        """The tab's tables, for File ▸ Export as CSV; keys are translated display names."""
        return {}

    # -- workers ---------------------------------------------------------------------
    def make_controller(self, emit_hz: float = 30.0) -> WorkerController:
        """A worker controller owned by this tab and stopped by ``shutdown``."""
        controller = WorkerController(self, emit_hz)
        self._controllers.append(controller)
        return controller

    def shutdown(self, timeout_ms: int = 1000) -> bool:
        """Ask every worker of this tab to stop and wait up to ``timeout_ms`` for each
        (window closing). True if no thread is left; False if one is still ``"stopping"``
        (it is kept, never dropped: the window waits for ``workers_active()`` to end)."""
        stopped = True
        for controller in self._controllers:
            stopped = controller.stop(timeout_ms) and stopped
        return stopped

    def workers(self) -> list[WorkerController]:
        """The worker controllers this tab owns."""
        return list(self._controllers)

    def workers_active(self) -> bool:
        """True while any worker thread of this tab has not ended."""
        return any(controller.is_active() for controller in self._controllers)

    def set_lesson_visible(self, visible: bool) -> None:
        self.lesson.setVisible(visible)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
            self.lesson.reload()
        super().changeEvent(event)
