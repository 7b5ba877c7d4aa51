"""Show code…: a tab's standalone NumPy script in a dialog, with Copy and Save .py."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, Slot
from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from gui import export
from gui.text import tr_fmt

__all__ = ["CodeDialog"]


class CodeDialog(QDialog):
    """Show code…: a tab's standalone NumPy script, with Copy and Save .py."""

    def __init__(self, code: str, suggested_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("codeDialog")
        self.suggested_name = suggested_name
        self.resize(760, 600)
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.editor = QPlainTextEdit(self)
        self.editor.setObjectName("codeView")
        self.editor.setReadOnly(True)
        self.editor.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.editor.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.editor.setPlainText(code)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.copy_button = QPushButton(self)
        self.copy_button.setObjectName("copyCodeButton")
        self.save_button = QPushButton(self)
        self.save_button.setObjectName("saveCodeButton")
        self.buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.rejected.connect(self.reject)
        self.copy_button.clicked.connect(self._on_copy)
        self.save_button.clicked.connect(self._on_save)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.editor)
        layout.addWidget(self.buttons)
        self.saved_path: Path | None = None
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Code for this tab"))
        self.intro.setText(
            tr_fmt(
                self.tr(
                    "A standalone Python script that uses only NumPy and reproduces what the "
                    "tab shows. Run it with: python %1"
                ),
                self.suggested_name,
            )
        )
        self.copy_button.setText(self.tr("&Copy"))
        self.copy_button.setToolTip(self.tr("Copy the whole script to the clipboard"))
        self.save_button.setText(self.tr("&Save .py…"))
        self.save_button.setToolTip(self.tr("Save the script as a Python file"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def code(self) -> str:
        return self.editor.toPlainText()

    @Slot()
    def _on_copy(self) -> None:
        QGuiApplication.clipboard().setText(self.code())
        self.copy_button.setText(self.tr("Copied"))

    def ask_path(self) -> str:
        """The file to save the script to ('' if cancelled); tests replace this."""
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save script"), self.suggested_name, self.tr("Python files (*.py)")
        )
        return name

    @Slot()
    def _on_save(self) -> None:
        name = self.ask_path()
        if not name:
            return
        path = Path(name)
        if path.suffix != ".py":
            path = path.with_name(path.name + ".py")
        try:
            export._replace_from_temp(path, lambda t: Path(t).write_text(self.code(), "utf-8"))
        except OSError as exc:
            QMessageBox.warning(
                self,
                self.tr("Save script"),
                tr_fmt(self.tr("Could not save %1: %2"), path.name, str(exc)),
            )
            return
        self.saved_path = path
        self.save_button.setText(self.tr("Saved"))
