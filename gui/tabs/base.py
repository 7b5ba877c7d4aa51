"""What every tab shares: a content area beside a collapsible lesson panel, language
changes, owned workers that are joined on shutdown, and the hooks the main window calls.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QEvent, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QSplitter, QWidget

from engine import project
from gui import registry
from gui.binder import SettingsBinder
from gui.i18n import tab_title
from gui.lesson import LessonPanel
from gui.models.base import TabModel
from gui.worker import WorkerController

__all__ = ["LabTab"]


class LabTab(QWidget):
    """Base class of the four tabs.

    Subclasses set ``lesson_key`` and ``object_name``, build their widgets into
    ``self.content`` in ``__init__`` and put every visible string in ``retranslate_ui``
    (called once at the end of ``__init__`` by ``finish_setup`` and on every language
    change). Long computations go through ``self.make_controller()``.

    A tab with a model (``registry.TabSpec.model``) is built as ``View(model, parent)``
    and passes the model to ``super().__init__(parent, model)``: ``state``, ``set_state``
    and ``revision`` then come from the model. A tab without one keeps its own state
    (``state``/``set_state`` overridden) and its revision is found by comparing states.
    """

    lesson_key = ""
    object_name = ""

    #: Emitted with an ``engine.network.Network`` and a short description to show it on
    #: the Network tab (the main window connects it).
    send_network = Signal(object, str)

    def __init__(self, parent: QWidget | None = None, model: TabModel | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(self.object_name)
        #: The tab's Qt-free model (None while the tab keeps its state in its widgets).
        self.model = model
        #: The binders of the model's settings (``bind``); tests walk them.
        self.binders: list[SettingsBinder] = []
        self._seen_state = ""
        self._seen_revision = 0
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
        """The tab's label in the tab bar (translated): its registry spec's title, found by
        ``object_name``."""
        for spec in registry.TABS:
            if spec.object_name == self.object_name:
                return tab_title(spec)
        return self.object_name

    def retranslate_ui(self) -> None:
        """Set every visible string with ``self.tr``; called on language changes."""

    def smoke_test(self) -> None:
        """Exercise the tab briefly (``--smoke-test``); raise on failure."""

    def state(self) -> dict[str, Any]:
        """The tab's state for a project file (plain JSON types)."""
        return self.model.state() if self.model is not None else {}

    def set_state(self, state: dict[str, Any]) -> None:
        """Restore a state made by ``state``; raise ``ValueError`` (``SettingError`` naming
        the field) if it is unusable, changing nothing."""
        if self.model is not None:
            self.model.set_state(state)

    def revision(self) -> int:
        """A number that changes whenever ``state()`` may have changed: the model's
        revision. A tab without a model is compared by its serialized state (cheap for the
        small states of such tabs; tabs holding big arrays override this)."""
        if self.model is not None:
            return self.model.revision
        try:
            text = json.dumps(project.plain(self.state()), sort_keys=True, default=repr)
        except Exception:  # a tab bug: count it as a change rather than hide it
            text = repr(object())
        if text != self._seen_state:
            self._seen_state = text
            self._seen_revision += 1
        return self._seen_revision

    def bind(self, keys: Iterable[str] | None = None) -> SettingsBinder:
        """Fields for the model's settings (all, or ``keys``), kept in step with it;
        ``retranslate_ui`` of this class re-labels them, the run state enables them."""
        assert self.model is not None, "bind() needs a tab with a model"
        binder = SettingsBinder(self.model, self, keys)
        self.binders.append(binder)
        return binder

    def setting_widget(self, key: str) -> QWidget:
        """The field of setting ``key`` (KeyError if no binder shows it)."""
        for binder in self.binders:
            if key in binder.settings:
                return binder.widget(key)
        raise KeyError(key)

    # -- cross-tab traffic (registry.TabSpec.receives / provides) ----------------------
    def connect_sources(self, source: Callable[[str], Callable[[], Any] | None]) -> None:
        """Called once by the window: ``source(what)`` gives a callable returning what
        another tab provides (e.g. ``"network"``), or None."""

    def provide(self, what: str) -> Any:
        """What this tab provides to others (see its registry spec's ``provides``)."""
        raise KeyError(what)

    def receive(self, what: str, value: object, description: str) -> bool:
        """Take ``value`` sent by another tab (its spec's ``receives``); True if shown."""
        return False

    def export_code(self) -> str:
        """A standalone NumPy-only Python script reproducing what the tab shows."""
        return ""

    def has_code(self) -> bool:
        """Whether ``export_code`` is implemented: cheap, unlike ``export_code`` itself
        (the Network tab inlines every weight: ~9 s for 784-1000×5), so menus ask this."""
        return type(self).export_code is not LabTab.export_code

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
            for binder in self.binders:
                binder.retranslate()
            self.retranslate_ui()
            self.lesson.reload()
        super().changeEvent(event)
