"""The autosaved session of the project controller (a mixin of ``ProjectController``):
autosave every minute (only when a revision, the current tab or the file changed) and on
close, and restore the last session at start; a corrupt one is set aside as ``.corrupt``.

Texts are translated in the controller's context ("ProjectController").
"""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path
from typing import Any

import numpy as np
from PySide6.QtCore import QCoreApplication, QStandardPaths

from engine import project
from engine.project import ProjectError

__all__ = [
    "SessionMixin",
    "autosave_path",
    "autosave_interval",
    "canonical",
    "AUTOSAVE_MS",
    "AUTOSAVE_ENV",
]

AUTOSAVE_MS = 60_000
# Environment variable that shortens the autosave interval (milliseconds, ≥ 50); meant
# for tests that kill the app and check what it restores. Ignored when unset or invalid.
AUTOSAVE_ENV = "ZEROKARA_AUTOSAVE_MS"


def autosave_interval() -> int:
    """The autosave period in ms: ``AUTOSAVE_MS`` unless ``ZEROKARA_AUTOSAVE_MS`` is set."""
    text = os.environ.get(AUTOSAVE_ENV, "").strip()
    try:
        value = int(text)
    except ValueError:
        return AUTOSAVE_MS
    return value if 50 <= value <= 24 * 3600 * 1000 else AUTOSAVE_MS


def autosave_path() -> Path:
    """Where the session is autosaved (the platform's application-data folder)."""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(folder) / f"autosave{project.FILE_SUFFIX}"


def canonical(tabs: dict[str, Any]) -> str:
    """A comparable text of the tabs' states (never fails, even on odd values)."""
    return json.dumps(project.plain(tabs), sort_keys=True, default=repr)


def _snapshot(value: Any) -> Any:
    """A copy of a tabs' state whose arrays the GUI thread can go on editing."""
    if isinstance(value, np.ndarray):
        return value.copy()
    if isinstance(value, dict):
        return {k: _snapshot(v) for k, v in value.items()}
    if type(value) in (list, tuple):
        return type(value)(_snapshot(v) for v in value)
    return value


def _write_session(target: Path, tabs: dict[str, Any], current: str, path: Path | None) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    doc = project.new_document(tabs, current_tab=current)
    doc["session"] = {"path": str(path) if path is not None else ""}
    project.save(target, doc)


class SessionMixin:
    """Autosave and restore for the project controller (which provides ``revisions``,
    ``collect_tabs``, ``current_key``, ``apply``, ``path``, ``error_text``, ``_status``,
    ``_mark_clean``, ``check_modified``, ``update_title`` and the session attributes)."""

    # -- the autosaved session ---------------------------------------------------------------
    def enable_session(self, restore: bool = True) -> None:
        """Autosave every minute and on close; restore the last session first if asked."""
        self.session_enabled = True
        if restore and self.restore_action.isChecked():
            self.restore_session()
        self.autosave_timer.start()

    def autosave(self, tabs: dict[str, Any] | None = None, force: bool = False) -> bool:
        """Write the session (atomic) to the application-data folder; never raises.

        The timer's autosaves skip the work when no revision moved since the last one
        (``force`` or explicit ``tabs`` write anyway). This one runs on the GUI thread
        (closing, tests); the timer's go through :meth:`autosave_in_background`."""
        if not self.session_enabled:
            return False
        self.wait_for_background_save()  # the last write must be this one
        revisions = {**self.revisions(), "": self.current_key(), " path": str(self.path)}
        if tabs is None and not force and revisions == self._autosaved_revisions:
            return True  # no tab, the current tab or the file changed since the last autosave
        try:
            _write_session(
                autosave_path(),
                self.collect_tabs() if tabs is None else tabs,
                self.current_key(),
                self.path,
            )
        except (OSError, ProjectError) as exc:
            self._autosave_failed(str(exc))
            return False
        self._autosaved_revisions = revisions if tabs is None else None
        return True

    def autosave_in_background(self) -> bool:
        """The timer's autosave: the tabs' states are snapshot on the GUI thread (arrays
        copied, ~15 ms for 784-1000×5), then packed, validated and written in a worker
        thread (~0.6 s for that net, which used to stall the window). False if skipped."""
        if not self.session_enabled or self._save_worker().is_active():
            return False
        revisions = {**self.revisions(), "": self.current_key(), " path": str(self.path)}
        if revisions == self._autosaved_revisions:
            return False
        tabs = _snapshot(self.collect_tabs())
        current, path = self.current_key(), self.path

        def steps():
            try:
                _write_session(autosave_path(), tabs, current, path)
            except (OSError, ProjectError) as exc:
                yield ("failed", str(exc))
                return
            yield ("saved", revisions)

        return self._save_worker().start(steps)

    def wait_for_background_save(self, timeout_ms: int = 60_000) -> None:
        """Wait until a background autosave has been written (closing, a forced save)."""
        worker = getattr(self, "_session_worker", None)
        if worker is not None and worker.is_active():
            worker.wait_stopped(timeout_ms)

    def _save_worker(self):
        worker = getattr(self, "_session_worker", None)
        if worker is None:
            from gui.worker import WorkerController

            worker = self._session_worker = WorkerController(self, emit_hz=5.0)
            worker.records.connect(self._on_background_saved)
        return worker

    def _on_background_saved(self, records: list) -> None:
        for kind, value in records:
            if kind == "saved":
                self._autosaved_revisions = value
            else:
                self._autosaved_revisions = None
                self._autosave_failed(value)

    def _autosave_failed(self, reason: str) -> None:
        self._status(QCoreApplication.translate("ProjectController", "Autosave failed: %1"), reason)

    def restore_session(self) -> bool:
        """Bring back the autosaved session; a corrupt one is set aside as ``.corrupt``."""
        source = autosave_path()
        if not source.exists():
            return False
        try:
            doc = project.load(source)
            session = doc.get("session", {})
            if not isinstance(session, dict) or not isinstance(session.get("path", ""), str):
                raise ProjectError("bad_shape", "session")
        except ProjectError as exc:
            corrupt = source.with_name(source.name + ".corrupt")
            with contextlib.suppress(OSError):
                os.replace(source, corrupt)
            self._status(
                QCoreApplication.translate(
                    "ProjectController",
                    "The last session could not be restored (%1); it was set aside as %2.",
                ),
                self.error_text(exc).split("\n")[0],
                corrupt.name,
            )
            return False
        problems = self.apply(doc)
        saved_path = session.get("path") or ""
        reference = self._defaults
        self.path = None
        if saved_path:
            try:
                reference = project.load(saved_path)["tabs"]
                self.path = Path(saved_path)
            except ProjectError:
                reference = self._defaults
        if canonical(doc["tabs"]) == canonical(reference):
            self._mark_clean()  # the session was the saved file (or the defaults) unchanged
        else:
            self._clean_tabs = reference
            self._clean_revisions = {}  # differs from every tab's revision: modified
            self.check_modified()
            self.update_title()
        if problems:
            self._status("; ".join(problems))
        else:
            self._status(
                QCoreApplication.translate("ProjectController", "Restored your last session.")
            )
        return True
