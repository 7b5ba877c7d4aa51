"""The Training tab's time estimate, measured off the GUI thread (issue 14, item 4).

The estimate beside the gradient choice used to be rebuilt on the GUI thread after every
edit: two networks built and six forward passes of a full batch, 1.49 s per
learning-rate edit at 784-1000×5 with batch 1000. Here it is cached per network shape
and batch size (``engine.estimate.estimate_key``), and a missing one is measured on a
slice in a worker (``engine.estimate.measure_iteration`` through the one worker
pattern) after the edits have paused for ``DEBOUNCE_MS``; ``ready`` tells the tab.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from PySide6.QtCore import QObject, QTimer, Signal, Slot

from engine.estimate import IterationEstimate, estimate_key, measure_iteration

__all__ = ["EstimateService", "DEBOUNCE_MS"]

#: Edits this close together make one measurement.
DEBOUNCE_MS = 250


class _MeasureFactory:
    def __init__(self, sizes: list[int], activations: list[str], batch: int, x) -> None:
        self.args = (sizes, activations, batch, x)

    def __call__(self):
        return measure_iteration(*self.args)


class EstimateService(QObject):
    """Cached per-iteration estimates; ``request`` a missing one, ``ready`` when measured."""

    ready = Signal()

    def __init__(self, tab) -> None:
        super().__init__(tab)
        self.controller = tab.make_controller()
        self.controller.records.connect(self._on_records)
        self.controller.finished.connect(self._on_finished)
        self._cache: dict[tuple, tuple[float, float]] = {}
        self._pending: tuple | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self._measure)

    def lookup(
        self, sizes: Sequence[int], activations: Sequence[str], batch: int, x: np.ndarray
    ) -> tuple[float, float] | None:
        """(backprop, numerical) seconds per iteration if known; else None, and a
        measurement of this shape is scheduled (the latest asked for wins)."""
        key = estimate_key(sizes, activations, batch)
        if key in self._cache:
            return self._cache[key]
        self._pending = (list(key[0]), list(key[1]), key[2], x)
        self._timer.start()  # restarted by every edit: measured once they pause
        return None

    def cancel(self) -> None:
        """Forget a scheduled measurement (the window is closing)."""
        self._timer.stop()
        self._pending = None

    def is_measuring(self) -> bool:
        return self._pending is not None or self.controller.is_active()

    @Slot()
    def _measure(self) -> None:
        if self._pending is None:
            return
        if self.controller.is_active():  # one at a time: try again when it is done
            return
        tab = self.parent()
        if tab is None or not tab.isVisible():  # measured once the tab is shown
            self._timer.start()
            return
        sizes, activations, batch, x = self._pending
        self._pending = None
        if estimate_key(sizes, activations, batch) in self._cache:
            self.ready.emit()
            return
        self.controller.start(_MeasureFactory(sizes, activations, batch, x))

    @Slot(object)
    def _on_records(self, batch: list) -> None:
        for record in batch:
            if isinstance(record, IterationEstimate):
                self._cache[record.key] = (record.backprop, record.numerical)
        self.ready.emit()

    @Slot(bool)
    def _on_finished(self, completed: bool) -> None:
        if self._pending is not None:
            self._timer.start()
