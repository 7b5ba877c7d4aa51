"""The Training tab's data: the set its settings describe (cached), MNIST from the
learner's files, and what the tab shows of the data before any run (points or digits)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import QCoreApplication, QObject, Slot
from PySide6.QtWidgets import QFileDialog

from engine import datasets as D
from engine import training as T
from gui.file_reading import ReadCancelledError, read_with_progress
from gui.plotting import pg
from gui.tabs.training_views import CLASS_COLORS
from gui.text import tr_fmt

if TYPE_CHECKING:
    from gui.tabs.training import TrainingTab

__all__ = ["TrainingData"]


class TrainingData(QObject):
    """The data of ``tab``: ``current()`` builds (and caches) what the model describes;
    ``load_mnist`` reads the learner's files; ``show`` / ``update_info`` draw it."""

    def __init__(self, tab: TrainingTab) -> None:
        super().__init__(tab)
        self.tab, self.ui, self.model = tab, tab.ui, tab.model
        #: MNIST loaded from the learner's files (None before), and a short name for it.
        self.mnist: D.Dataset | None = None
        self.mnist_name = ""
        self._cache: tuple[tuple, D.Dataset] | None = None

    def current(self) -> D.Dataset | None:
        """The data set the settings describe (built on demand, cached), or None."""
        key = self.model.data_key(id(self.mnist))
        if self._cache is not None and self._cache[0] == key:
            return self._cache[1]
        data = self.mnist if key[0] == "mnist" else self.model.make_data()
        if data is None:
            return None
        self._cache = (key, data)
        return data

    def show(self) -> None:
        """Show the data: points on the region map (2-D) or the first test images."""
        ui, data = self.ui, self.current()
        if data is None:
            ui.train_scatter.clear()
            ui.test_scatter.clear()
            ui.region_image.clear()
            ui.digit_grid.set_images(np.zeros((0, 1)), np.zeros(0), (1, 1))
            ui.confusion.set_data(None)
        elif data.is_2d:
            ui.view_stack.setCurrentWidget(ui.region_plot)
            brushes = [pg.mkBrush(*CLASS_COLORS[c % 10]) for c in range(10)]
            ui.train_scatter.setData(
                pos=data.x_train, brush=[brushes[c % 10] for c in data.t_train]
            )
            ui.test_scatter.setData(pos=data.x_test, brush=[brushes[c % 10] for c in data.t_test])
            x0, x1, y0, y1 = T.region_bounds(data)
            ui.region_plot.setRange(xRange=(x0, x1), yRange=(y0, y1), padding=0)
        else:
            ui.view_stack.setCurrentWidget(ui.digit_page)
            ui.confusion.set_data(data)
            shape = data.image_shape or (1, data.n_features)
            count = self.tab.painter.preview_count
            ui.digit_grid.set_images(data.x_test[:count], data.t_test[:count], shape)
        self.update_info()

    def update_info(self) -> None:
        """The line under the data settings: sizes, or what to do first."""
        key = self.model["dataset"]
        if key == "mnist" and self.mnist is None:
            self.ui.data_info.setText(
                QCoreApplication.translate(
                    "TrainingTab", "Open your MNIST files to use this data set."
                )
            )
            return
        data = self.current()
        if data is None:
            error = self.model.data_error
            if error:
                error = tr_fmt(
                    QCoreApplication.translate("TrainingTab", "This data set cannot be used: %1"),
                    error,
                )
            self.ui.data_info.setText(error)
            return
        text = tr_fmt(
            QCoreApplication.translate(
                "TrainingTab", "%1 training and %2 test samples, %3 features, %4 classes"
            ),
            f"{len(data.t_train):,}",
            f"{len(data.t_test):,}",
            data.n_features,
            data.n_classes,
        )
        self.ui.data_info.setText(f"{self.mnist_name}: {text}" if key == "mnist" else text)

    @Slot()
    def ask_mnist_files(self) -> None:
        """Open MNIST files…: ask for the files, then load them."""
        paths, _ = QFileDialog.getOpenFileNames(
            self.tab,
            QCoreApplication.translate(
                "TrainingTab", "Open MNIST: four IDX files, one .npz or mnist.pkl"
            ),
            "",
            QCoreApplication.translate(
                "TrainingTab", "MNIST files (*ubyte* *.gz *.idx *.npz *.pkl);;All files (*)"
            ),
        )
        if paths:
            self.load_mnist(paths)

    def load_mnist(self, paths: list[str], select: bool = True) -> bool:
        """Load MNIST from ``paths`` (and choose it as the data set if ``select``); on a
        bad file say why and keep the current data."""
        title = QCoreApplication.translate("TrainingTab", "Reading the MNIST files…")
        try:
            data = read_with_progress(self.tab, title, lambda: D.load_mnist_steps(paths))
        except ReadCancelledError:
            self.tab.set_error(
                QCoreApplication.translate(
                    "TrainingTab", "Reading cancelled; the current data set is kept."
                )
            )
            return False
        except (D.DatasetError, MemoryError) as exc:
            reason = (
                QCoreApplication.translate("TrainingTab", "not enough memory to hold it")
                if isinstance(exc, MemoryError)
                else str(exc)
            )
            self.tab.set_error(
                tr_fmt(
                    QCoreApplication.translate("TrainingTab", "The file was refused: %1"), reason
                )
            )
            return False
        self.mnist = data
        name = ", ".join(sorted({p.split("/")[-1] for p in map(str, paths)}))
        self.mnist_name = name if len(name) <= 60 else name[:57] + "…"
        self.tab.status_error = ""
        self.model.set_mnist_files([str(p) for p in paths])  # the tab shows the new data
        if select:
            self.model.set("dataset", "mnist")
        self.tab.painter.update_status()
        return True
