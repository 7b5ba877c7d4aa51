"""Unexpected errors: shown, logged, survived (issue 14, item 5).

Without a ``sys.excepthook`` an exception raised in a slot (a ``MemoryError`` reading a huge
file, a bug) only reached stderr, which a learner who double-clicked the icon never sees.
``install(window)`` sets:

* ``sys.excepthook``: the traceback is appended to ``errors.log`` in the application's data
  folder (``log_path()``), one line goes to the status bar and a non-modal dialog
  (objectName ``errorDialog``) says what happened and where the details are. The event
  loop goes on: Qt drops the failed slot, the app keeps running. While a dialog is open,
  further errors only reach the status bar and the log (a failing paint would otherwise
  open one box per frame).
* ``threading.excepthook``: an exception in another thread is logged (widgets may only be
  touched from the GUI thread; the worker pattern reports its own failures).
* a Qt message handler: Qt's warnings and criticals are logged too, and still printed on
  stderr as Qt would.
"""

from __future__ import annotations

import contextlib
import datetime
import sys
import threading
import traceback
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QMessageLogContext,
    QObject,
    QStandardPaths,
    QTimer,
    QtMsgType,
    qInstallMessageHandler,
)
from PySide6.QtWidgets import QMainWindow, QMessageBox

from gui.text import tr_fmt

__all__ = ["ErrorReporter", "install", "log_path"]

#: The log keeps at most this many bytes; older entries are dropped on the next start.
MAX_LOG_BYTES = 1_000_000
#: Qt messages that are not problems of the app (the offscreen and some Wayland platform
#: plugins print this for every top-level window): not logged.
_QT_NOISE = ("does not support propagateSizeHints",)
_QT_LEVELS = {
    QtMsgType.QtDebugMsg: "debug",
    QtMsgType.QtInfoMsg: "info",
    QtMsgType.QtWarningMsg: "warning",
    QtMsgType.QtCriticalMsg: "critical",
    QtMsgType.QtFatalMsg: "fatal",
}


def log_path() -> Path:
    """Where unexpected errors are logged: ``errors.log`` in the app's data folder."""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(folder) / "errors.log"


#: False for ``--smoke-test`` and ``--screenshot`` runs, which write no files.
_LOGGING = {"on": True}


def _append(text: str) -> None:
    """Append ``text`` to the log, never raising (a full disk must not hide the error)."""
    if not _LOGGING["on"]:
        return
    path = log_path()
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.exists() and path.stat().st_size > MAX_LOG_BYTES:
            path.write_text(
                path.read_text(encoding="utf-8", errors="replace")[-MAX_LOG_BYTES // 2 :]
            )
        with open(path, "a", encoding="utf-8") as log:
            log.write(f"--- {datetime.datetime.now().isoformat(timespec='seconds')}\n{text}\n")


class ErrorReporter(QObject):
    """Owned by the main window; ``install`` makes one and hooks it in."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.setObjectName("errorReporter")
        self.window = window
        self.dialog: QMessageBox | None = None
        self.count = 0
        self._previous_hook = sys.excepthook
        self._previous_thread_hook = threading.excepthook

    # -- hooks ---------------------------------------------------------------------------
    def excepthook(self, kind, value, tb) -> None:
        detail = "".join(traceback.format_exception(kind, value, tb))
        _append(detail)
        with contextlib.suppress(Exception):  # developers and --smoke-test still see it
            sys.__stderr__.write(detail)
        if threading.current_thread() is not threading.main_thread():
            return
        with contextlib.suppress(Exception):  # reporting must never raise into Qt
            self.show(kind, value)

    def thread_excepthook(self, args) -> None:
        _append(
            "in thread "
            + str(getattr(args.thread, "name", "?"))
            + "\n"
            + "".join(traceback.format_exception(args.exc_type, args.exc_value, args.exc_traceback))
        )

    def qt_message(self, kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
        serious = kind in (QtMsgType.QtWarningMsg, QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg)
        if serious and not any(noise in message for noise in _QT_NOISE):
            _append(f"Qt {_QT_LEVELS.get(kind, 'message')}: {message}")
        with contextlib.suppress(Exception):
            sys.__stderr__.write(message + "\n")
            sys.__stderr__.flush()

    # -- showing -------------------------------------------------------------------------
    def text_for(self, kind, value) -> str:
        """The one-line sentence shown for an exception."""
        if isinstance(value, MemoryError):
            return QCoreApplication.translate(
                "ErrorReporter",
                "Not enough memory for that. Your work is kept; try something smaller.",
            )
        what = f"{kind.__name__}: {value}" if str(value) else kind.__name__
        return tr_fmt(
            QCoreApplication.translate(
                "ErrorReporter", "Something went wrong (%1). Your work is kept."
            ),
            what[:200],
        )

    def show(self, kind, value) -> None:
        self.count += 1
        text = self.text_for(kind, value)
        self.window.statusBar().showMessage("⚠ " + text, 15_000)
        if self.dialog is not None and self.dialog.isVisible():
            return
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            QCoreApplication.translate("ErrorReporter", "Unexpected error"),
            text,
            QMessageBox.StandardButton.Ok,
            self.window,
        )
        box.setObjectName("errorDialog")
        box.setInformativeText(
            tr_fmt(
                QCoreApplication.translate(
                    "ErrorReporter", "The details were written to %1. The app keeps running."
                ),
                log_path(),
            )
        )
        box.setModal(False)
        self.dialog = box
        # opened from the event loop: the failed slot's caller may be half-way through
        QTimer.singleShot(0, box.open)


def install(window: QMainWindow, log: bool = True) -> ErrorReporter:
    """Report unexpected exceptions and Qt warnings for ``window`` (``gui.app.main``);
    ``log=False``: shown and printed but not written to ``errors.log``."""
    _LOGGING["on"] = log
    reporter = ErrorReporter(window)
    sys.excepthook = reporter.excepthook
    threading.excepthook = reporter.thread_excepthook
    qInstallMessageHandler(reporter.qt_message)
    return reporter
