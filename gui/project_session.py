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
        (``force`` or explicit ``tabs`` write anyway)."""
        if not self.session_enabled:
            return False
        revisions = {**self.revisions(), "": self.current_key(), " path": str(self.path)}
        if tabs is None and not force and revisions == self._autosaved_revisions:
            return True  # no tab, the current tab or the file changed since the last autosave
        target = autosave_path()
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            doc = project.new_document(
                self.collect_tabs() if tabs is None else tabs, current_tab=self.current_key()
            )
            doc["session"] = {"path": str(self.path) if self.path is not None else ""}
            project.save(target, doc)
        except (OSError, ProjectError) as exc:
            self._status(
                QCoreApplication.translate("ProjectController", "Autosave failed: %1"), str(exc)
            )
            return False
        self._autosaved_revisions = revisions if tabs is None else None
        return True

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
