"""Closing the window without ever dropping a running worker thread (issue 14).

``MainWindow.closeEvent`` asks every tab to stop its workers. A worker in the middle of a
long step (an evaluation slice, one layer of a big batch) may need a moment: the window
then ignores that close, greys out its tabs, says "Stopping…" in the status bar and
closes again, for real, when the last thread has ended (``finished`` of each
controller), so no ``QThread`` is destroyed while it runs and the session is autosaved
after the workers are done.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Slot

__all__ = ["CloseWaiter"]

#: How long ``closeEvent`` waits for each worker before the window greys out and waits.
FIRST_WAIT_MS = 300
#: How often the hidden window checks whether the threads have ended (besides the
#: controllers' ``finished`` signals).
POLL_MS = 100


class CloseWaiter(QObject):
    """Owned by the main window: stops every tab's workers and retries the close."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.waiting = False
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self._check)

    def active(self) -> bool:
        """True while any tab's worker thread has not ended."""
        return any(tab.workers_active() for tab in self.window.built_tabs())

    def stop_all(self, timeout_ms: int = FIRST_WAIT_MS) -> bool:
        """Ask every worker to stop; True if none is left."""
        stopped = True
        for tab in self.window.built_tabs():
            stopped = tab.shutdown(timeout_ms) and stopped
        return stopped and not self.active()

    def wait_then_close(self) -> None:
        """Grey the window out and close it again once every worker thread has ended (it
        stays visible: closing a hidden window would not end the application)."""
        if self.waiting:
            return
        self.waiting = True
        self.window.statusBar().showMessage(
            self.tr("Stopping… the window closes as soon as the run has stopped.")
        )
        for tab in self.window.built_tabs():
            for controller in tab.workers():
                controller.finished.connect(self._check)
        self.window.centralWidget().setEnabled(False)
        self._timer.start()

    @Slot()
    def _check(self, *_: object) -> None:
        if not self.waiting or self.active():
            return
        self._timer.stop()
        self.waiting = False
        QTimer.singleShot(0, self.window.close)


def join_workers(window, timeout_ms: int = 120_000) -> bool:
    """After the event loop has ended (``app.exec()`` returned for any reason): ask every
    worker to stop and wait for its thread, so none is destroyed while it runs."""
    closer = CloseWaiter(window)
    closer.stop_all(0)
    for tab in window.built_tabs():
        for controller in tab.workers():
            controller.wait_stopped(timeout_ms)
    return not closer.active()
