"""The File menu's lists that depend on the moment: Open Recent, Export ▸ (the current
tab's plots and tables) and Show code…, as a mixin of ``ProjectController``.

Texts are translated in the controller's context ("ProjectController").
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings, Qt
from PySide6.QtGui import QAction

from gui import export
from gui.code_dialog import CodeDialog
from gui.text import tr_fmt

__all__ = ["FileMenusMixin", "RECENT_KEY", "MAX_RECENT"]

RECENT_KEY = "project/recent"
MAX_RECENT = 8


class FileMenusMixin:
    """Open Recent, Export and Show code of the project controller (which provides
    ``window``, ``recent_menu``, ``export_menu``, ``show_code_action``, ``code_dialog``,
    ``current_key``, ``open_path``, ``ask_export_path``, ``_status`` and ``_warn``)."""

    # -- recent files -----------------------------------------------------------------------
    def recent_files(self) -> list[str]:
        value = QSettings().value(RECENT_KEY, [])
        if isinstance(value, str):
            value = [value] if value else []
        return [str(v) for v in (value or []) if v][:MAX_RECENT]

    def _set_recent(self, files: list[str]) -> None:
        QSettings().setValue(RECENT_KEY, files[:MAX_RECENT])

    def add_recent(self, path: Path) -> None:
        text = str(path)
        self._set_recent([text] + [f for f in self.recent_files() if f != text])

    def _forget_recent(self, path: Path) -> None:
        files = self.recent_files()
        if str(path) in files:
            self._set_recent([f for f in files if f != str(path)])

    def rebuild_recent_menu(self) -> None:
        """Fill Open Recent, dropping (and mentioning) files that no longer exist."""
        files = self.recent_files()
        present = [f for f in files if Path(f).is_file()]
        if len(present) != len(files):
            self._set_recent(present)
            self._status(
                QCoreApplication.translate(
                    "ProjectController", "Removed %1 missing file(s) from Open Recent."
                ),
                str(len(files) - len(present)),
            )
        self.recent_menu.clear()
        for i, name in enumerate(present, start=1):
            action = self.recent_menu.addAction(f"&{i} {Path(name).name}")
            action.setData(name)
            action.setToolTip(name)
            action.setStatusTip(name)
            action.triggered.connect(self._on_recent)
        if not present:
            empty = self.recent_menu.addAction(
                QCoreApplication.translate("ProjectController", "No recent projects")
            )
            empty.setEnabled(False)
        else:
            self.recent_menu.addSeparator()
            clear = self.recent_menu.addAction(
                QCoreApplication.translate("ProjectController", "Clear list")
            )
            clear.triggered.connect(self._on_clear_recent)

    def _on_recent(self) -> None:
        action = self.sender()
        if isinstance(action, QAction) and action.data():
            self.open_path(action.data())

    def _on_clear_recent(self) -> None:
        self._set_recent([])

    # -- export and code --------------------------------------------------------------------
    def _safe_hook(self, name: str) -> dict:
        tab = self.window.tabs.currentWidget()
        try:
            value = getattr(tab, name)()
        except Exception as exc:
            self._status(
                QCoreApplication.translate(
                    "ProjectController", "Could not list what to export: %1"
                ),
                str(exc),
            )
            return {}
        return dict(value or {})

    def rebuild_export_menu(self) -> None:
        """Export ▸ the current tab's plots (PNG, SVG, data CSV) and tables (CSV)."""
        self.export_menu.clear()
        for name, widget in self._safe_hook("plot_widgets").items():
            for fmt, text in (
                ("png", QCoreApplication.translate("ProjectController", "%1 as PNG image…")),
                ("svg", QCoreApplication.translate("ProjectController", "%1 as SVG drawing…")),
                ("csv", QCoreApplication.translate("ProjectController", "%1 data as CSV…")),
            ):
                action = self.export_menu.addAction(tr_fmt(text, name))
                action.setData(("plot", name, fmt))
                action.triggered.connect(self._on_export_action)
                if fmt == "csv" and not export.has_plot_data(widget):
                    action.setEnabled(False)
        tables = self._safe_hook("table_models")
        if tables and not self.export_menu.isEmpty():
            self.export_menu.addSeparator()
        for name in tables:
            action = self.export_menu.addAction(
                tr_fmt(QCoreApplication.translate("ProjectController", "%1 as CSV…"), name)
            )
            action.setData(("table", name, "csv"))
            action.triggered.connect(self._on_export_action)
        if self.export_menu.isEmpty():
            self.export_menu.addAction(
                QCoreApplication.translate("ProjectController", "Nothing to export on this tab")
            ).setEnabled(False)

    def _on_export_action(self) -> None:
        action = self.sender()
        if isinstance(action, QAction) and action.data():
            kind, name, fmt = action.data()
            self.export(kind, name, fmt)

    def export(self, kind: str, name: str, fmt: str, path: str | None = None) -> Path | None:
        """Export the current tab's plot or table ``name`` as ``fmt``; returns the file."""
        key = self.current_key()
        source = self._safe_hook("plot_widgets" if kind == "plot" else "table_models").get(name)
        if source is None:
            return None
        filters = {
            "png": QCoreApplication.translate("ProjectController", "PNG images (*.png)"),
            "svg": QCoreApplication.translate("ProjectController", "SVG drawings (*.svg)"),
            "csv": QCoreApplication.translate("ProjectController", "CSV files (*.csv)"),
        }
        safe = "".join(c if c.isalnum() else "-" for c in str(name)).strip("-") or "export"
        if path is None:
            path = self.ask_export_path(
                QCoreApplication.translate("ProjectController", "Export"),
                f"{key}-{safe}.{fmt}",
                filters[fmt],
            )
            if not path:
                return None
        target = Path(path)
        if target.suffix.lower() != f".{fmt}":
            target = target.with_name(target.name + f".{fmt}")
        try:
            if kind == "table":
                export.export_table_csv(source, target)
            elif fmt == "csv":
                export.export_plot_csv(source, target)
            else:
                export.export_plot(source, target, fmt)
        except Exception as exc:  # OSError, bad widgets, pyqtgraph exporter errors: say so
            self._warn(
                QCoreApplication.translate("ProjectController", "Export failed"),
                tr_fmt(
                    QCoreApplication.translate("ProjectController", "Could not export %1: %2"),
                    target.name,
                    str(exc),
                ),
            )
            return None
        self._status(QCoreApplication.translate("ProjectController", "Exported %1"), str(target))
        return target

    def show_code(self) -> CodeDialog | None:
        code = self._current_code()
        if not code:
            self._update_show_code()
            return None
        if self.code_dialog is not None:
            self.code_dialog.close()
        self.code_dialog = CodeDialog(code, f"zerokara_{self.current_key()}.py", self.window)
        self.code_dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.code_dialog.destroyed.connect(self._on_code_dialog_gone)
        self.code_dialog.show()
        return self.code_dialog

    def _on_code_dialog_gone(self) -> None:
        self.code_dialog = None

    def _update_show_code(self) -> None:
        """Enable Show code for a tab that has code; the code is made only when shown
        (never on the GUI thread's periodic checks: it can take seconds for a big net)."""
        tab = self.window.tabs.currentWidget()
        code = tab is not None and hasattr(tab, "has_code") and tab.has_code()
        self.show_code_action.setEnabled(bool(code))
        tip = (
            QCoreApplication.translate(
                "ProjectController", "Show a standalone NumPy script that reproduces this tab"
            )
            if code
            else QCoreApplication.translate("ProjectController", "This tab cannot export code yet")
        )
        self.show_code_action.setToolTip(tip)
        self.show_code_action.setStatusTip(tip)

    def _current_code(self) -> str:
        tab = self.window.tabs.currentWidget()
        try:
            code = tab.export_code() if tab is not None else ""
        except Exception as exc:
            self._status(
                QCoreApplication.translate("ProjectController", "Could not make the code: %1"),
                str(exc),
            )
            return ""
        return code if isinstance(code, str) else ""
