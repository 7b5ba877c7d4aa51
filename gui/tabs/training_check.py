"""The Training tab's gradient check (book §5.7.3), run in its own worker.

``GradientCheck(tab)`` compares the numerical gradient with backprop on 3 training samples
for the current weights (the run's, or fresh ones) and fills the tab's check table.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import QCoreApplication, QObject, Slot

from engine import training as T
from engine.network import Network
from gui.text import tr_fmt

if TYPE_CHECKING:
    from gui.tabs.training import TrainingTab

__all__ = ["GradientCheck", "MAX_CHECK_SECONDS"]

#: A gradient check estimated slower than this is refused (stop must stay prompt).
MAX_CHECK_SECONDS = 4.0


class GradientCheck(QObject):
    """Runs the check for ``tab`` in a worker the tab owns (``controller``)."""

    def __init__(self, tab: TrainingTab) -> None:
        super().__init__(tab)
        self.tab, self.ui = tab, tab.ui
        self.controller = tab.make_controller()
        self.controller.records.connect(self._on_records)
        self.controller.failed.connect(self._on_failed)
        self.controller.finished.connect(self._on_finished)

    def start(self) -> bool:
        """Check the gradient of the run's network (or a fresh one); False if refused."""
        tab = self.tab
        if tab.controller.state == "running" or self.controller.is_active():
            return False
        data = tab.run_data if tab.net is not None else tab.current_data()
        if data is None:
            tab.set_error(QCoreApplication.translate("TrainingTab", "Open your MNIST files first."))
            return False
        if tab.net is not None:
            net = tab.net.copy()
        else:
            try:
                net = tab.make_network(tab.make_config(), data)
            except ValueError as exc:
                tab.set_error(str(exc))
                return False
        x, t = data.x_train[:3], data.t_train[:3]
        per = T.seconds_per_iteration(net, x, "numerical")
        if per > MAX_CHECK_SECONDS:
            tab.set_error(
                tr_fmt(
                    QCoreApplication.translate(
                        "TrainingTab",
                        "The gradient check would take about %1 s; use a smaller network.",
                    ),
                    f"{per:.0f}",
                )
            )
            return False
        self.ui.check_title.setText(
            QCoreApplication.translate("TrainingTab", "Gradient check: computing…")
        )
        self.controller.start(_CheckFactory(net, x, t))
        tab.painter.update_buttons()
        return True

    def clear(self) -> None:
        self.controller.stop()
        self.ui.check_model.set_rows([])
        self.ui.check_heatmap.set_differences({})

    @Slot(object)
    def _on_records(self, batch: list) -> None:
        for record in batch:
            if isinstance(record, T.GradientCheckRecord):
                self.ui.check_model.set_rows(record.rows)
                self.ui.check_heatmap.set_differences(record.differences)
                self.ui.check_title.setText(
                    tr_fmt(
                        QCoreApplication.translate(
                            "TrainingTab", "Gradient check on %1 samples: |numerical − backprop|"
                        ),
                        record.batch_size,
                    )
                )

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        self.tab.set_error(
            tr_fmt(QCoreApplication.translate("TrainingTab", "Gradient check failed: %1"), message)
        )

    @Slot(bool)
    def _on_finished(self, completed: bool) -> None:
        if not completed and not self.ui.check_model.rows():
            self.ui.check_title.setText(
                QCoreApplication.translate("TrainingTab", "Gradient check: |numerical − backprop|")
            )
        self.tab.painter.update_buttons()


class _CheckFactory:
    """The check's generator, made in the worker thread."""

    def __init__(self, net: Network, x: np.ndarray, t: np.ndarray) -> None:
        self.net, self.x, self.t = net, x, t

    def __call__(self):
        return T.gradient_check_run(self.net, self.x, self.t)
