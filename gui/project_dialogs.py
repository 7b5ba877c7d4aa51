"""The project controller's messages and questions: status line, warnings, file
dialogs, the unsaved-changes question and the sentences for a ``ProjectError``.

A mixin of :class:`gui.project.ProjectController`; its texts are translated in the
controller's context ("ProjectController"). Tests replace the ``ask_*`` methods.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QStandardPaths, Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from engine import project
from engine.project import ProjectError
from gui.text import tr_fmt

__all__ = ["DialogsMixin"]


class DialogsMixin:
    """Messages and questions of the project controller (``window``, ``path`` are its)."""

    def _status(self, text: str, *args: str) -> None:
        text = tr_fmt(text, *args)
        self.last_message = text
        self.window.statusBar().showMessage(text, 10_000)

    def _warn(self, title: str, text: str) -> None:
        """A non-blocking warning box (start-up and tests never hang on it)."""
        self.last_message = text
        self.window.statusBar().showMessage(text.split("\n")[0], 10_000)
        first, _, rest = text.partition("\n")
        box = QMessageBox(
            QMessageBox.Icon.Warning, title, first, QMessageBox.StandardButton.Ok, self.window
        )
        box.setInformativeText(rest)
        box.setObjectName("projectMessage")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.setWindowModality(Qt.WindowModality.WindowModal)
        box.open()

    def _file_filter(self) -> str:
        return QCoreApplication.translate(
            "ProjectController",
            "Zerokara Lab projects (*.zkl.json);;JSON files (*.json);;All files (*)",
        )

    def _start_folder(self) -> str:
        if self.path is not None:
            return str(self.path.parent)
        return QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)

    def ask_open_path(self) -> str:
        name, _ = QFileDialog.getOpenFileName(
            self.window,
            QCoreApplication.translate("ProjectController", "Open project"),
            self._start_folder(),
            self._file_filter(),
        )
        return name

    def ask_save_path(self) -> str:
        suggested = self.path.name if self.path is not None else "project" + project.FILE_SUFFIX
        name, _ = QFileDialog.getSaveFileName(
            self.window,
            QCoreApplication.translate("ProjectController", "Save project as"),
            str(Path(self._start_folder()) / suggested),
            self._file_filter(),
        )
        return name

    def ask_export_path(self, title: str, suggested: str, file_filter: str) -> str:
        name, _ = QFileDialog.getSaveFileName(
            self.window, title, str(Path(self._start_folder()) / suggested), file_filter
        )
        return name

    def ask_unsaved(self) -> QMessageBox.StandardButton:
        """Save, Discard or Cancel for unsaved changes."""
        buttons = QMessageBox.StandardButton
        box = QMessageBox(
            QMessageBox.Icon.Question,
            QCoreApplication.translate("ProjectController", "Unsaved changes"),
            tr_fmt(
                QCoreApplication.translate("ProjectController", "Save the changes to %1 first?"),
                self.path.name
                if self.path
                else QCoreApplication.translate("ProjectController", "Untitled"),
            ),
            buttons.Save | buttons.Discard | buttons.Cancel,
            self.window,
        )
        box.setInformativeText(
            QCoreApplication.translate(
                "ProjectController", "If you don't save, your changes to the project are lost."
            )
        )
        box.setDefaultButton(buttons.Save)
        return QMessageBox.StandardButton(box.exec())

    def error_text(self, error: ProjectError, saving: bool = False) -> str:
        """A translated sentence for a ProjectError reason (``saving``: while writing)."""
        texts = {
            "not_found": QCoreApplication.translate(
                "ProjectController", "The file does not exist."
            ),
            "unreadable": QCoreApplication.translate(
                "ProjectController", "The file could not be read."
            ),
            "too_large": QCoreApplication.translate(
                "ProjectController", "The file is too large to be a Zerokara Lab project."
            )
            if not saving
            else QCoreApplication.translate(
                "ProjectController",
                "The project would be too large to open again: use a smaller network "
                "(the largest the app builds fit).",
            ),
            "empty": QCoreApplication.translate("ProjectController", "The file is empty."),
            "not_utf8": QCoreApplication.translate(
                "ProjectController", "The file is not UTF-8 text: it may be damaged or cut short."
            ),
            "truncated": QCoreApplication.translate(
                "ProjectController",
                "The file ends too early: it was probably cut short while being saved or copied.",
            ),
            "not_json": QCoreApplication.translate(
                "ProjectController", "The file is not valid JSON."
            ),
            "non_finite": QCoreApplication.translate(
                "ProjectController",
                "The file contains a number JSON does not allow (NaN or infinity).",
            )
            if not saving
            else QCoreApplication.translate(
                "ProjectController",
                "The current work holds a number a project file cannot store (NaN or infinity).",
            ),
            "too_deep": QCoreApplication.translate(
                "ProjectController", "The file is nested too deeply to be a project."
            ),
            "huge_number": QCoreApplication.translate(
                "ProjectController", "The file contains a number that is far too large."
            ),
            "not_project": QCoreApplication.translate(
                "ProjectController", "This is not a Zerokara Lab project file."
            ),
            "newer_version": QCoreApplication.translate(
                "ProjectController",
                "The project was saved by a newer version of Zerokara Lab. "
                "Update the app to open it.",
            ),
            "bad_version": QCoreApplication.translate(
                "ProjectController", "The project's schema_version is missing or wrong."
            ),
            "bad_shape": QCoreApplication.translate(
                "ProjectController", "The project file does not have the expected layout."
            ),
            "not_serializable": QCoreApplication.translate(
                "ProjectController", "Part of the current work cannot be written to a project file."
            ),
            "write_failed": QCoreApplication.translate(
                "ProjectController", "The file could not be written."
            ),
        }
        text = texts.get(
            error.reason,
            QCoreApplication.translate("ProjectController", "The file cannot be used."),
        )
        if error.detail:
            text += "\n" + tr_fmt(
                QCoreApplication.translate("ProjectController", "Details: %1"), error.detail
            )
        return text
