"""Python's cyclic garbage collector, run only in the GUI thread.

CPython runs its cyclic collector in whichever thread happens to allocate when a
threshold is crossed. When that is a worker thread, it can free Qt wrappers (plot items,
widgets) there, and Qt crashes deleting GUI objects outside the GUI thread — seen here
as a rare segfault in ``QGraphicsScene::itemsBoundingRect`` during live plotting.
pyqtgraph's ``GarbageCollector`` is the known remedy; this is the same idea as a child
object of the application, so it exists once and ends with it.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Slot

__all__ = ["GuiThreadCollector"]


class GuiThreadCollector(QObject):
    """Disables automatic collection and collects on a GUI-thread timer instead."""

    def __init__(self, app: QCoreApplication, interval_ms: int = 500) -> None:
        super().__init__(app)
        self.setObjectName("guiThreadCollector")
        self._threshold = gc.get_threshold()
        gc.disable()
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.collect)
        self._timer.start()
        app.aboutToQuit.connect(self._on_about_to_quit)

    @classmethod
    def install(cls, app: QCoreApplication) -> GuiThreadCollector:
        """The application's collector, created on first call; a later call makes sure
        it is running again (``quit()`` does not end a QApplication that is reused)."""
        found = app.findChild(GuiThreadCollector, "guiThreadCollector")
        if found is None:
            return cls(app)
        gc.disable()
        if not found._timer.isActive():
            found._timer.start()
        return found

    @Slot()
    def collect(self) -> None:
        """Collect the generations whose thresholds were crossed, as CPython would."""
        counts = gc.get_count()
        for generation in (2, 1, 0):
            if counts[generation] > self._threshold[generation]:
                gc.collect(generation)
                break

    @Slot()
    def _on_about_to_quit(self) -> None:
        # collect what is left while the worker threads are joined; automatic collection
        # stays off: the same QApplication may run again (tests do), workers with it
        gc.collect()
