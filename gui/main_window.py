"""The main window: the registry's tabs, menus, status bar, remembered geometry."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QByteArray, QEvent, QObject, QSettings, QTimer, Slot
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QMainWindow, QMessageBox, QTabWidget, QWidget

from gui import __version__, registry
from gui.closing import CloseWaiter
from gui.i18n import LANGUAGES, LanguageManager, tab_title
from gui.models.base import TabModel
from gui.project import ProjectController
from gui.tabs.base import LabTab
from gui.text import tr_fmt

__all__ = ["MainWindow"]


class MainWindow(QMainWindow):
    """Zerokara Lab's window. Built with no arguments inside an existing QApplication.

    ``defer_hidden_tabs=True`` (``gui.app.main``) builds only the tab that will be shown
    before the window first paints, and the others right after that first paint (or as
    soon as ``tab(key)`` asks for one); ``when_ready(callback)`` runs ``callback`` once
    every tab and the project controller exist. Without it everything is built at once.
    """

    def __init__(self, parent: QWidget | None = None, defer_hidden_tabs: bool = False) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("tabs")
        self.tabs.setDocumentMode(True)
        self.setCentralWidget(self.tabs)
        self._tabs: dict[str, LabTab] = {}
        self._holders: dict[str, QWidget] = {}  # stand-ins for tabs not built yet
        self._ready: list = []
        #: Each tab's Qt-free model (None for a tab that keeps its state in its widgets),
        #: made before any view: the project controller reads them without building views.
        self.models: dict[str, TabModel | None] = {
            key: registry.make_model(key) for key in registry.tab_keys()
        }
        self.project: ProjectController | None = None
        self._closer = CloseWaiter(self)
        self._close_confirmed = False
        first = self._saved_tab_index() if defer_hidden_tabs else -1
        for i, spec in enumerate(registry.TABS):
            key = spec.key
            if defer_hidden_tabs and i != first:
                holder = QWidget(self.tabs)
                self._holders[key] = holder
                self.tabs.addTab(holder, tab_title(spec))
            else:
                self.tabs.addTab(self._make_tab(key), "")
        if not self._holders:
            self._create_project()
        self._build_actions()
        self._build_menus()
        self.statusBar().setObjectName("statusBar")
        self.retranslate_ui()
        self._restore_settings()
        if self._holders:
            # build the rest once the shown tab has painted (the event loop is running then)
            self.tabs.currentWidget().installEventFilter(self)
            QTimer.singleShot(1000, self.finish_building)  # in case nothing paints (minimised)

    def _make_tab(self, key: str) -> LabTab:
        cls, model = registry.view_class(key), self.models[key]
        tab = cls(model, self.tabs) if model is not None else cls(self.tabs)
        self._tabs[key] = tab
        tab.send_network.connect(self._on_send_network)
        tab.connect_sources(self.source)
        return tab

    def _create_project(self) -> None:
        self.project = ProjectController(self)

    @staticmethod
    def _saved_tab_index() -> int:
        index = QSettings().value("window/tab", 0, type=int)
        return index if 0 <= index < len(registry.TABS) else 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self._holders:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self._build_next)
        return super().eventFilter(watched, event)

    @Slot()
    def _build_next(self) -> None:
        """Build one hidden tab per turn of the event loop, then finish: the window takes
        clicks and repaints between them (all at once blocked it for ~300 ms)."""
        if self._holders:
            self.tab(next(iter(self._holders)))
            QTimer.singleShot(0, self._build_next)
        else:
            self.finish_building()

    def finish_building(self) -> None:
        """Build every tab not built yet and the project controller; run ``when_ready``."""
        for key in list(self._holders):
            self.tab(key)
        if self.project is None:
            self._create_project()
            self.project.populate_file_menu(self.file_menu, self.quit_action)
            self._add_download_action()
            self.retranslate_ui()
        ready, self._ready = self._ready, []
        for callback in ready:
            callback()

    def when_ready(self, callback) -> None:
        """Run ``callback`` now if every tab is built, else right after they are."""
        if self.project is not None and not self._holders:
            callback()
        else:
            self._ready.append(callback)

    # -- access ------------------------------------------------------------------------
    def tab(self, key: str) -> LabTab:
        """The tab with this registry key (built now if it was not yet)."""
        holder = self._holders.pop(key, None)
        if holder is not None:  # built on first use
            index = self.tabs.indexOf(holder)
            current = self.tabs.currentIndex()
            blocked = self.tabs.blockSignals(True)
            tab = self._make_tab(key)
            self.tabs.removeTab(index)
            self.tabs.insertTab(index, tab, tab_title(registry.spec(key)))
            self.tabs.setCurrentIndex(current)
            self.tabs.blockSignals(blocked)
            holder.deleteLater()
            if hasattr(self, "lesson_action"):
                tab.set_lesson_visible(self.lesson_action.isChecked())
        return self._tabs[key]

    def show_tab(self, key: str) -> LabTab:
        tab = self.tab(key)
        self.tabs.setCurrentWidget(tab)
        return tab

    def is_built(self, key: str) -> bool:
        """Whether the view of tab ``key`` exists yet."""
        return key in self._tabs

    def current_key(self) -> str:
        """The registry key of the tab shown."""
        current = self.tabs.currentWidget()
        for key, tab in self._tabs.items():
            if tab is current:
                return key
        for key, holder in self._holders.items():
            if holder is current:
                return key
        return registry.TABS[0].key

    # -- cross-tab traffic (through the registry's receives/provides) ----------------------
    def source(self, what: str) -> Callable[[], Any] | None:
        """A callable giving what a tab ``provides`` (e.g. ``"network"``: the Network tab's
        network), building that tab when first called; None if no tab provides it."""
        for spec in registry.TABS:
            if what in spec.provides:
                return lambda key=spec.key: self.tab(key).provide(what)
        return None

    def send(self, what: str, value: object, description: str) -> bool:
        """Give ``value`` to the tab that ``receives`` ``what`` and show that tab."""
        for spec in registry.TABS:
            if what in spec.receives and self.tab(spec.key).receive(what, value, description):
                self.show_tab(spec.key)
                return True
        return False

    # -- menus -------------------------------------------------------------------------
    def _build_actions(self) -> None:
        self.quit_action = QAction(self)
        self.download_action = QAction(self)  # File ▸ Download MNIST… (the Training tab's)
        self.download_action.setObjectName("downloadMnistAction")
        self.download_action.triggered.connect(self._on_download_mnist)
        self.quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        self.quit_action.triggered.connect(self.close)
        self.lesson_action = QAction(self)
        self.lesson_action.setCheckable(True)
        self.lesson_action.setChecked(True)
        self.lesson_action.setShortcut(QKeySequence("Ctrl+L"))
        self.lesson_action.toggled.connect(self._on_lesson_toggled)
        self.tab_actions: list[QAction] = []
        for spec in registry.TABS:
            key = spec.key
            action = QAction(self)
            if spec.shortcut:
                action.setShortcut(QKeySequence(spec.shortcut))
            action.triggered.connect(self._on_tab_action)
            action.setData(key)
            self.tab_actions.append(action)
        self.language_group = QActionGroup(self)
        self.language_group.setExclusive(True)
        self.language_actions: dict[str, QAction] = {}
        for code, name in LANGUAGES.items():
            action = QAction(name, self)
            action.setCheckable(True)
            action.setData(code)
            self.language_group.addAction(action)
            self.language_actions[code] = action
        self.language_group.triggered.connect(self._on_language_action)
        self.about_action = QAction(self)
        self.about_action.triggered.connect(self._on_about)
        self.about_qt_action = QAction(self)
        self.about_qt_action.triggered.connect(QApplication.aboutQt)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu("")
        if self.project is not None:  # else once the hidden tabs are built
            self.project.populate_file_menu(self.file_menu, self.quit_action)
            self._add_download_action()
        self.view_menu = bar.addMenu("")
        for action in self.tab_actions:
            self.view_menu.addAction(action)
        self.view_menu.addSeparator()
        self.view_menu.addAction(self.lesson_action)
        self.language_menu = self.view_menu.addMenu("")
        for action in self.language_actions.values():
            self.language_menu.addAction(action)
        self.help_menu = bar.addMenu("")
        self.help_menu.addAction(self.about_action)
        self.help_menu.addAction(self.about_qt_action)

    def retranslate_ui(self) -> None:
        if self.project is not None:
            self.project.retranslate_ui()  # also the title: project name, [*] when modified
        else:
            self.setWindowTitle("Zerokara Lab")
        self.file_menu.setTitle(self.tr("&File"))
        self.view_menu.setTitle(self.tr("&View"))
        self.help_menu.setTitle(self.tr("&Help"))
        self.language_menu.setTitle(self.tr("&Language"))
        self.quit_action.setText(self.tr("&Quit"))
        self.lesson_action.setText(self.tr("Show &lesson panels"))
        self.about_action.setText(self.tr("&About Zerokara Lab"))
        self.download_action.setText(self.tr("Download &MNIST…"))
        self.download_action.setStatusTip(
            self.tr("Fetch the full MNIST of §3.6 (about 12 MB) into your data folder, once")
        )
        self.about_qt_action.setText(self.tr("About &Qt"))
        for i, spec in enumerate(registry.TABS):
            title = tab_title(spec)
            self.tabs.setTabText(i, title)
            self.tab_actions[i].setText(tr_fmt(self.tr("Go to %1"), title))
        current = LanguageManager.instance().current
        if current in self.language_actions:
            self.language_actions[current].setChecked(True)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def _add_download_action(self) -> None:
        before = self.project.restore_action
        self.file_menu.insertAction(before, self.download_action)
        self.file_menu.insertSeparator(before)

    @Slot()
    def _on_download_mnist(self) -> None:
        self.show_tab("training")
        self.tab("training").mnist_extra.open_download_dialog()

    # -- slots -------------------------------------------------------------------------
    @Slot()
    def _on_tab_action(self) -> None:
        action = self.sender()
        if isinstance(action, QAction):
            self.show_tab(action.data())

    @Slot(object, str)
    def _on_send_network(self, network: object, description: str) -> None:
        """Show a network built or learned on another tab on the tab that receives one."""
        self.send("network", network, description)

    @Slot(bool)
    def _on_lesson_toggled(self, visible: bool) -> None:
        for tab in self._tabs.values():
            tab.set_lesson_visible(visible)

    @Slot(QAction)
    def _on_language_action(self, action: QAction) -> None:
        self.set_language(action.data())

    def set_language(self, code: str) -> None:
        """Switch every visible string to ``code`` ("en" or "ja") without a restart."""
        if LanguageManager.instance().set_language(code):
            self.retranslate_ui()

    @Slot()
    def _on_about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About Zerokara Lab"),
            tr_fmt(
                self.tr(
                    "<h3>Zerokara Lab %1</h3><p>Learn neural networks hands-on, chapter by "
                    "chapter, the way 「ゼロから作るDeep Learning」 (Deep Learning from Scratch) "
                    "teaches them.</p><p>Engine: pure NumPy. Interface: PySide6 and pyqtgraph.</p>"
                ),
                __version__,
            ),
        )

    # -- settings and closing ----------------------------------------------------------
    def _restore_settings(self) -> None:
        settings = QSettings()
        geometry = settings.value("window/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 800)
        index = settings.value("window/tab", 0, type=int)
        if 0 <= index < self.tabs.count():
            self.tabs.setCurrentIndex(index)
        self.lesson_action.setChecked(settings.value("window/lessons", True, type=bool))

    def _save_settings(self) -> None:
        settings = QSettings()
        settings.setValue("window/geometry", self.saveGeometry())
        settings.setValue("window/tab", self.tabs.currentIndex())
        settings.setValue("window/lessons", self.lesson_action.isChecked())

    def built_tabs(self) -> list[LabTab]:
        """The tabs built so far."""
        return list(self._tabs.values())

    def shutdown(self, timeout_ms: int = 1000) -> bool:
        """Ask every worker of every tab to stop; True if no thread is left."""
        return self._closer.stop_all(timeout_ms)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.project is None:
            self.finish_building()
        if not self._closer.waiting and not self._close_confirmed:
            if not self.project.confirm_close():
                event.ignore()
                return
            self._close_confirmed = True
        if not self._closer.stop_all():
            # a worker is inside a long step: never drop its thread; close when it ends
            event.ignore()
            self._closer.wait_then_close()
            return
        self._close_confirmed = False
        self.project.on_close()
        self._save_settings()
        event.accept()
        super().closeEvent(event)
