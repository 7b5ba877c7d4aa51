"""Reading a learner's file in a worker thread, with progress and Cancel (issue 14).

``read_with_progress(parent, title, factory)`` runs an engine reading generator
(``datasets.load_mnist_steps``, ``project.load_steps``: they yield
:class:`~engine.reading.ReadProgress` and return what they read) through the one worker
pattern, and waits for it in a local event loop, so its callers keep their simple
"read, then use" shape. Meanwhile the window keeps painting; a progress dialog
(objectName ``readProgressDialog``: percent, MB, time left, Cancel) appears when the
reading takes more than ``SHOW_AFTER_MS``. Until it ends, the user's clicks and keys
elsewhere are held back (nothing can change under the read), and closing the window
cancels the read first.

A failure is returned as the exception the reader raised (a ``MemoryError`` too), never
raised into Qt; ``ReadCancelledError`` when the user cancelled.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Generator
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop, QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget

from engine.reading import ReadProgress
from gui.text import tr_fmt
from gui.worker import WorkerController

__all__ = ["ReadCancelledError", "read_with_progress", "SHOW_AFTER_MS"]

#: The progress dialog appears only for a read longer than this.
SHOW_AFTER_MS = 400
_INPUT = {
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseButtonRelease,
    QEvent.Type.MouseButtonDblClick,
    QEvent.Type.KeyPress,
    QEvent.Type.KeyRelease,
    QEvent.Type.Wheel,
    QEvent.Type.Shortcut,
    QEvent.Type.ShortcutOverride,
}


class ReadCancelledError(Exception):
    """The user cancelled the read."""


class _Result:
    def __init__(self, value: Any = None, error: BaseException | None = None) -> None:
        self.value, self.error = value, error


def _wrapped(factory: Callable[[], Generator[ReadProgress, None, Any]]):
    """In the worker: the reader's progress, then one ``_Result`` (value or exception)."""
    try:
        value = yield from factory()
    except Exception as exc:  # noqa: BLE001 - handed to the GUI thread as a message
        yield _Result(error=exc)
        return
    yield _Result(value)


class _Guard(QObject):
    """Holds back input outside the progress dialog; a window close cancels the read."""

    def __init__(
        self, dialog: QProgressDialog, window: QWidget | None, cancel: Callable[[], None]
    ) -> None:
        super().__init__()
        self.dialog, self.window, self.cancel = dialog, window, cancel

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        kind = event.type()
        if kind == QEvent.Type.Close and self.window is not None and obj is self.window:
            self.cancel()
            event.ignore()
            return True
        if kind in _INPUT and obj.isWidgetType():
            widget = obj
            while widget is not None and widget is not self.dialog:
                widget = widget.parentWidget()
            return widget is None
        return False


def read_with_progress(
    parent: QWidget | None,
    title: str,
    factory: Callable[[], Generator[ReadProgress, None, Any]],
) -> Any:
    """Run ``factory()`` in a worker thread and return its value; raise what it raised
    (after the worker thread has ended) or :class:`ReadCancelledError`."""
    controller = WorkerController(parent, emit_hz=10.0)
    dialog = QProgressDialog(parent)
    dialog.setObjectName("readProgressDialog")
    dialog.setWindowTitle(title)
    dialog.setLabelText(title)
    dialog.setRange(0, 1000)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(24 * 3600 * 1000)  # shown by the timer below
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.setMinimumWidth(380)
    outcome: dict[str, Any] = {}
    began = time.perf_counter()
    loop = QEventLoop()

    def cancel() -> None:
        outcome.setdefault("cancelled", True)
        controller.stop(0)

    def on_records(records: list[Any]) -> None:
        for record in records:
            if isinstance(record, _Result):
                outcome["result"] = record
            elif isinstance(record, ReadProgress) and record.total > 0:
                share = min(1.0, record.done / record.total)
                dialog.setValue(int(1000 * share))
                text = tr_fmt(
                    QCoreApplication.translate("FileReading", "%1\n%2 of %3 MB"),
                    title,
                    f"{record.done / 1e6:.1f}",
                    f"{record.total / 1e6:.1f}",
                )
                spent = time.perf_counter() - began
                if 0.02 < share < 1 and spent > 0.5:
                    text += "\n" + tr_fmt(
                        QCoreApplication.translate("FileReading", "About %1 s left"),
                        f"{spent * (1 - share) / share:.0f}",
                    )
                dialog.setLabelText(text)

    def on_failed(message: str) -> None:
        outcome.setdefault("result", _Result(error=RuntimeError(message.splitlines()[-1])))

    controller.records.connect(on_records)
    controller.failed.connect(on_failed)
    controller.finished.connect(loop.quit)
    show_timer = QTimer()
    show_timer.setSingleShot(True)
    show_timer.timeout.connect(dialog.show)
    show_timer.start(SHOW_AFTER_MS)
    dialog.canceled.connect(cancel)
    guard = _Guard(dialog, parent.window() if parent is not None else None, cancel)
    app = QApplication.instance()
    app.installEventFilter(guard)
    QApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)
    try:
        controller.start(lambda: _wrapped(factory))
        if controller.is_active():
            loop.exec()
    finally:
        show_timer.stop()
        QApplication.restoreOverrideCursor()
        app.removeEventFilter(guard)
        dialog.reset()
        dialog.hide()
        dialog.deleteLater()
        controller.deleteLater()
    result = outcome.get("result")
    if outcome.get("cancelled") or result is None:
        raise ReadCancelledError()
    if result.error is not None:
        raise result.error
    return result.value
