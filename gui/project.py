"""Projects in the window: File ▸ New/Open/Save/Save As/Open Recent, Export, Show code,
the modified marker, the unsaved-changes prompt and the autosaved session.

The controller only talks to the tabs of ``gui.registry`` through their hooks
(``state``/``set_state``, ``revision``, ``export_code``, ``plot_widgets``,
``table_models``), so it works with any tab. It learns what changed from revisions: every
tab model bumps its revision on each change and notifies the controller, which compares the
revisions with those of the last save (the window's "modified" marker) a moment later.
Tabs are serialized only to save, autosave (and only if a revision moved since the last
autosave) or compare a restored session, never on a timer.
"""

from __future__ import annotations

import copy
import os
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject, QSettings, QTimer, Slot
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QMainWindow,
    QMenu,
    QMessageBox,
)

from engine import project
from engine.project import ProjectError
from gui import registry
from gui.code_dialog import CodeDialog
from gui.file_reading import ReadCancelledError, read_with_progress
from gui.i18n import error_text
from gui.project_dialogs import DialogsMixin
from gui.project_menus import FileMenusMixin
from gui.project_session import (
    AUTOSAVE_ENV,
    AUTOSAVE_MS,
    SessionMixin,
    autosave_interval,
    autosave_path,
)
from gui.text import tr_fmt

__all__ = [
    "ProjectController",
    "CodeDialog",
    "autosave_path",
    "autosave_interval",
    "AUTOSAVE_ENV",
    "AUTOSAVE_MS",
]

RESTORE_KEY = "project/restore_session"
#: How long after a change (a model's notification, or input on a tab without a model) the
#: modified marker is brought up to date: edits in a burst cost one check.
CHECK_DELAY_MS = 150


#: Input after which a tab without a model may hold a new state.
_INPUT_EVENTS = frozenset(
    {
        QEvent.Type.MouseButtonRelease,
        QEvent.Type.KeyRelease,
        QEvent.Type.Wheel,
        QEvent.Type.Drop,
    }
)


class ProjectController(FileMenusMixin, DialogsMixin, SessionMixin, QObject):
    """Owns the current project file, its actions and the autosaved session."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.setObjectName("projectController")
        self.window = window
        self.path: Path | None = None
        #: Ask before discarding unsaved changes (off where nobody can answer).
        self.confirm_unsaved = QGuiApplication.platformName() not in ("offscreen", "minimal")
        #: Autosave on close/timer (``enable_session``); off in tests and smoke runs.
        self.session_enabled = False
        self.last_message = ""
        self.code_dialog: CodeDialog | None = None
        self._discarded = False
        self._defaults = copy.deepcopy(self.collect_tabs())
        self._clean_tabs = self._defaults
        self._clean_revisions = self.revisions()
        #: The revisions (with the current tab and file) the last autosave wrote.
        self._autosaved_revisions: dict[str, object] | None = None
        self._build_actions()
        #: One check of the modified marker shortly after changes (single shot, restarted).
        self.check_timer = QTimer(self)
        self.check_timer.setSingleShot(True)
        self.check_timer.setInterval(CHECK_DELAY_MS)
        self.check_timer.timeout.connect(self._on_check_timer)
        for model in window.models.values():
            if model is not None:
                model.subscribe(self._on_model_changed)
        self._watch_input = any(model is None for model in window.models.values())
        if self._watch_input:  # tabs without a model: look after the learner's input
            QGuiApplication.instance().installEventFilter(self)
        self.autosave_timer = QTimer(self)
        self.autosave_timer.setInterval(autosave_interval())
        self.autosave_timer.timeout.connect(self.autosave_in_background)
        window.tabs.currentChanged.connect(self._on_tab_changed)
        window.setAcceptDrops(True)  # drop a .zkl.json on the window to open it
        window.installEventFilter(self)

    # -- drag and drop -----------------------------------------------------------------------
    @staticmethod
    def _dropped_project(event) -> str:
        mime = event.mimeData()
        if mime is None or not mime.hasUrls():
            return ""
        for url in mime.urls():
            if url.isLocalFile() and url.toLocalFile().lower().endswith(".json"):
                return url.toLocalFile()
        return ""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in _INPUT_EVENTS and self._watch_input:
            self.check_timer.start()  # a tab without a model may have changed
        # the filter can still see events while this object is being torn down
        if watched is getattr(self, "window", None) and kind in (
            QEvent.Type.DragEnter,
            QEvent.Type.Drop,
        ):
            name = self._dropped_project(event)
            if name:
                event.acceptProposedAction()
                if kind == QEvent.Type.Drop:
                    QTimer.singleShot(0, lambda: self.open_path(name))  # after the drop ends
                return True
        return super().eventFilter(watched, event)

    # -- tabs ------------------------------------------------------------------------------
    def _tab_items(self):
        return [(key, self.window.tab(key)) for key in registry.tab_keys()]

    def current_key(self) -> str:
        return self.window.current_key()

    def revisions(self) -> dict[str, int]:
        """Each tab's revision (its model's, or its own count for a tab without a model)."""
        return {key: tab.revision() for key, tab in self._tab_items()}

    def collect_tabs(self) -> dict[str, Any]:
        """Every tab's ``state()`` (a tab whose hook fails is left out, with a message)."""
        tabs = {}
        for key, tab in self._tab_items():
            try:
                state = tab.state()
            except Exception as exc:  # a tab bug must not lose the other tabs
                self._status(
                    self.tr("%1: could not read its state (%2)"), tab.title(), error_text(exc)
                )
                continue
            tabs[key] = state if isinstance(state, dict) else {}
        return tabs

    def document(self) -> dict:
        """The current work as a validated project document (may raise ProjectError)."""
        return project.new_document(self.collect_tabs(), current_tab=self.current_key())

    def apply(self, doc: dict) -> list[str]:
        """Give each tab its state; returns the messages of tabs that refused theirs."""
        problems = []
        for key, tab in self._tab_items():  # tabs this app does not have are ignored
            state = doc["tabs"].get(key)
            if state is None:
                continue
            tab.shutdown()
            try:
                tab.set_state(copy.deepcopy(state))  # tabs may keep or change what they get
            except Exception as exc:  # ValueError by contract; anything else is a tab bug
                problems.append(
                    tr_fmt(
                        self.tr("%1 tab: %2 (it keeps its current settings)"),
                        tab.title(),
                        error_text(exc),
                    )
                )
        current = doc.get("current_tab")
        if current in registry.tab_keys():
            self.window.show_tab(current)
        return problems

    # -- modified state and title -----------------------------------------------------------
    def is_modified(self) -> bool:
        """Whether any tab changed since the project was opened, saved or made new."""
        return self.revisions() != self._clean_revisions

    @Slot()
    def check_modified(self) -> bool:
        modified = self.is_modified()
        if modified != self.window.isWindowModified():
            self.window.setWindowModified(modified)
        return modified

    @Slot()
    def _on_check_timer(self) -> None:
        self.check_modified()
        self._update_show_code()  # a tab may gain code to show after a change

    def _on_model_changed(self, keys: frozenset[str]) -> None:
        if keys != {"run_state"}:
            self.check_timer.start()

    def _mark_clean(self, tabs: dict[str, Any] | None = None) -> None:
        """The current work is what ``tabs`` (default: the tabs now) holds on disk."""
        self._clean_tabs = copy.deepcopy(self.collect_tabs() if tabs is None else tabs)
        self._clean_revisions = self.revisions()
        self.check_modified()
        self.update_title()

    def update_title(self) -> None:
        name = self.path.name if self.path is not None else self.tr("Untitled")
        self.window.setWindowTitle(f"{name}[*] — Zerokara Lab")
        self.window.setWindowFilePath(str(self.path) if self.path is not None else "")

    # -- actions and menus -----------------------------------------------------------------
    def _action(self, slot, shortcut=None, name: str = "") -> QAction:
        action = QAction(self.window)
        if shortcut is not None:
            action.setShortcut(shortcut)
        if name:
            action.setObjectName(name)
        action.triggered.connect(slot)
        return action

    def _build_actions(self) -> None:
        keys = QKeySequence.StandardKey
        self.new_action = self._action(self.new_project, keys.New, "newAction")
        self.open_action = self._action(self.open_project, keys.Open, "openAction")
        self.save_action = self._action(self.save, keys.Save, "saveAction")
        self.save_as_action = self._action(
            self.save_as, QKeySequence("Ctrl+Shift+S"), "saveAsAction"
        )
        self.show_code_action = self._action(
            self.show_code, QKeySequence("Ctrl+E"), "showCodeAction"
        )
        self.restore_action = QAction(self.window)
        self.restore_action.setObjectName("restoreSessionAction")
        self.restore_action.setCheckable(True)
        self.restore_action.setChecked(QSettings().value(RESTORE_KEY, True, type=bool))
        self.restore_action.toggled.connect(self._on_restore_toggled)
        self.recent_menu = QMenu(self.window)
        self.recent_menu.setObjectName("recentMenu")
        self.recent_menu.setToolTipsVisible(True)
        self.recent_menu.aboutToShow.connect(self.rebuild_recent_menu)
        self.export_menu = QMenu(self.window)
        self.export_menu.setObjectName("exportMenu")
        self.export_menu.aboutToShow.connect(self.rebuild_export_menu)

    def populate_file_menu(self, menu: QMenu, quit_action: QAction) -> None:
        """Fill File with the project actions (the window adds Quit through here)."""
        menu.setToolTipsVisible(True)
        menu.addAction(self.new_action)
        menu.addAction(self.open_action)
        menu.addMenu(self.recent_menu)
        menu.addSeparator()
        menu.addAction(self.save_action)
        menu.addAction(self.save_as_action)
        menu.addSeparator()
        menu.addMenu(self.export_menu)
        menu.addAction(self.show_code_action)
        menu.addSeparator()
        menu.addAction(self.restore_action)
        menu.addSeparator()
        menu.addAction(quit_action)
        menu.aboutToShow.connect(self._update_show_code)

    def retranslate_ui(self) -> None:
        self.new_action.setText(self.tr("&New"))
        self.new_action.setStatusTip(self.tr("Start a new project with every tab at its defaults"))
        self.open_action.setText(self.tr("&Open…"))
        self.open_action.setStatusTip(self.tr("Open a Zerokara Lab project (.zkl.json)"))
        self.save_action.setText(self.tr("&Save"))
        self.save_action.setStatusTip(self.tr("Save every tab's settings to the project file"))
        self.save_as_action.setText(self.tr("Save &As…"))
        self.save_as_action.setStatusTip(self.tr("Save the project under a new name"))
        self.recent_menu.setTitle(self.tr("Open &Recent"))
        self.export_menu.setTitle(self.tr("&Export"))
        self.show_code_action.setText(self.tr("Show &code…"))
        self.restore_action.setText(self.tr("Restore last session at start"))
        self.restore_action.setStatusTip(
            self.tr("Reopen the work you left, as it was, when Zerokara Lab starts")
        )
        self._update_show_code()
        self.update_title()

    @Slot(bool)
    def _on_restore_toggled(self, on: bool) -> None:
        QSettings().setValue(RESTORE_KEY, on)

    @Slot(int)
    def _on_tab_changed(self, index: int) -> None:
        self._update_show_code()

    # -- New / Open / Save ------------------------------------------------------------------
    def maybe_save(self) -> bool:
        """True when it is fine to replace the current work (saved, discarded or clean)."""
        if not self.check_modified() or not self.confirm_unsaved:
            return True
        answer = self.ask_unsaved()
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    @Slot()
    def new_project(self) -> bool:
        if not self.maybe_save():
            return False
        problems = self.apply(project.new_document(self._defaults))
        self.path = None
        self._mark_clean()
        self._status(self.tr("New project"))
        if problems:
            self._warn(self.tr("New project"), "\n".join(problems))
        return True

    @Slot()
    def open_project(self) -> bool:
        if not self.maybe_save():
            return False
        name = self.ask_open_path()
        return bool(name) and self.open_path(name, ask=False)

    def open_path(self, name: str | os.PathLike, ask: bool = True) -> bool:
        """Open a project file; on any problem say why and keep the current work."""
        if ask and not self.maybe_save():
            return False
        path = Path(name).expanduser().absolute()
        title = tr_fmt(self.tr("Opening %1…"), path.name)
        try:
            doc = read_with_progress(self.window, title, lambda: project.load_steps(path))
        except ReadCancelledError:
            self._status(self.tr("Opening cancelled; your current work is unchanged."))
            return False
        except MemoryError:
            self._warn(
                self.tr("Could not open the project"),
                tr_fmt(self.tr("Not enough memory to open %1."), path.name)
                + "\n"
                + self.tr("Your current work is unchanged."),
            )
            return False
        except ProjectError as exc:
            if exc.reason == "not_found":
                self._forget_recent(path)
            self._warn(
                self.tr("Could not open the project"),
                tr_fmt(self.tr("Could not open %1."), path.name)
                + "\n"
                + self.error_text(exc)
                + "\n"
                + self.tr("Your current work is unchanged."),
            )
            return False
        problems = self.apply(doc)
        self.path = path
        self._mark_clean()
        self.add_recent(path)
        if problems:
            self._warn(
                self.tr("Part of the project could not be loaded"),
                tr_fmt(self.tr("%1 was opened, but:"), path.name) + "\n" + "\n".join(problems),
            )
        else:
            self._status(self.tr("Opened %1"), path.name)
        return True

    @Slot()
    def save(self) -> bool:
        if self.path is None:
            return self.save_as()
        return self.save_to(self.path)

    @Slot()
    def save_as(self) -> bool:
        name = self.ask_save_path()
        if not name:
            return False
        path = Path(name)
        if not path.name.endswith(".json"):
            path = path.with_name(path.name + project.FILE_SUFFIX)
        return self.save_to(path)

    def save_to(self, path: Path) -> bool:
        path = Path(path).expanduser().absolute()
        tabs = self.collect_tabs()
        try:
            project.save(path, project.new_document(tabs, current_tab=self.current_key()))
        except ProjectError as exc:
            self._warn(
                self.tr("Could not save the project"),
                tr_fmt(self.tr("Could not save %1."), path.name)
                + "\n"
                + self.error_text(exc, saving=True)
                + "\n"
                + self.tr("Any earlier version of the file is unchanged."),
            )
            self.check_modified()
            return False
        self.path = path
        self._mark_clean(tabs)
        self.add_recent(path)
        self._status(self.tr("Saved %1"), path.name)
        return True

    def confirm_close(self) -> bool:
        """Closing: ask about unsaved changes (Cancel keeps the window open)."""
        self._discarded = False
        if not self.confirm_unsaved or not self.check_modified():
            return True
        answer = self.ask_unsaved()
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        self._discarded = answer == QMessageBox.StandardButton.Discard
        return self._discarded

    def on_close(self) -> None:
        """The window is closing: stop timers and autosave the session (after Discard, the
        session is the project as last saved, so discarded changes do not come back)."""
        self.check_timer.stop()
        self.autosave_timer.stop()
        if self._watch_input:
            QGuiApplication.instance().removeEventFilter(self)
            self._watch_input = False
        self.autosave(self._clean_tabs if self._discarded else None, force=True)
