"""Pieces the Techniques tab's pages share: the run bar (Run, Cancel, progress, time
left) over a worker controller, the bundled MNIST, run colours."""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

from engine.datasets import Dataset
from gui.text import tr_fmt
from gui.worker import WorkerController

__all__ = ["RunBar", "mnist", "RUN_COLORS", "format_seconds"]

#: Colours of the kept runs, in order (colour-blind-safe Okabe–Ito, then greys).
RUN_COLORS = (
    "#0072B2",
    "#D55E00",
    "#009E73",
    "#CC79A7",
    "#E69F00",
    "#56B4E9",
    "#000000",
    "#999999",
)


@lru_cache(maxsize=1)
def mnist() -> Dataset:
    """The bundled real MNIST subset (4,000 training, 1,000 test images), read once."""
    from engine.mnist import bundled_mnist

    return bundled_mnist()


def format_seconds(seconds: float) -> str:
    """ "42 s", "3 min 05 s", "1 h 02 min"."""
    s = int(round(max(seconds, 0.0)))
    if s < 60:
        return f"{s} s"
    if s < 3600:
        return f"{s // 60} min {s % 60:02d} s"
    return f"{s // 3600} h {(s % 3600) // 60:02d} min"


class RunBar(QWidget):
    """Run and Cancel buttons, a progress bar and a "time left" label for one controller.

    The page connects ``run_requested`` to a method that builds the engine generator and
    calls ``controller.start``; the bar follows the controller's state by itself.
    """

    run_requested = Signal()

    def __init__(self, controller: WorkerController, name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.controller = controller
        self.run_button = QPushButton(self)
        self.run_button.setObjectName(f"{name}RunButton")
        self.cancel_button = QPushButton(self)
        self.cancel_button.setObjectName(f"{name}CancelButton")
        self.progress = QProgressBar(self)
        self.progress.setObjectName(f"{name}Progress")
        self.progress.setRange(0, 1000)
        self.progress.setValue(0)
        self.status = QLabel(self)
        self.status.setObjectName(f"{name}Status")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.run_button)
        layout.addWidget(self.cancel_button)
        layout.addWidget(self.progress, 1)
        layout.addWidget(self.status, 2)
        self.run_button.clicked.connect(self._on_run)
        self.cancel_button.clicked.connect(self._on_cancel)
        controller.state_changed.connect(self._on_state)
        self._seconds_left: float | None = None
        self._fraction = 0.0
        self._message = ""
        self._on_state(controller.state)
        self.retranslate()

    def retranslate(self) -> None:
        self.run_button.setText(self.tr("Run"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.cancel_button.setToolTip(self.tr("Stop the runs; finished ones stay on the plot"))
        self._show_status()

    def _on_run(self) -> None:
        self.run_requested.emit()

    def _on_cancel(self) -> None:
        self.controller.stop()
        self.set_message(self.tr("Cancelled."))

    def _on_state(self, state: str) -> None:
        running = state != "idle"
        self.run_button.setEnabled(not running)
        self.cancel_button.setEnabled(running)

    def set_progress(self, fraction: float, seconds_left: float | None) -> None:
        self._fraction = min(max(fraction, 0.0), 1.0)
        self._seconds_left = seconds_left
        self._message = ""
        self.progress.setValue(int(round(1000 * self._fraction)))
        self._show_status()

    def set_message(self, message: str) -> None:
        self._message = message
        self._show_status()

    def _show_status(self) -> None:
        if self._message:
            self.status.setText(self._message)
        elif self._seconds_left is not None and self.controller.state != "idle":
            self.status.setText(
                tr_fmt(
                    self.tr("%1 % done, about %2 left"),
                    f"{100 * self._fraction:.0f}",
                    format_seconds(self._seconds_left),
                )
            )
        else:
            self.status.setText("")
