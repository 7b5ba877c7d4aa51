"""The Training tab's real MNIST (book §3.6, §4.5): data sets, download, confusion matrix.

:class:`TrainingMnist` adds to a :class:`~gui.tabs.training.TrainingTab`:

* the bundled real MNIST (5,000 digits), Fashion-MNIST when installed and the full MNIST
  once downloaded to the data-set list (``datasetCombo``);
* *Download MNIST…* (``downloadMnistButton``, also in the File menu), the dialog of
  :mod:`gui.download_dialog`;
* the test set's confusion matrix (``confusionMatrix``) beside the test digits, updated
  every epoch; a click on a cell lists its images;
* the book's ``train_neuralnet.py`` (§4.5, §5.7) as a preset (``bookPresetButton``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import QObject, Qt, Slot
from PySide6.QtWidgets import QLabel, QPushButton, QSplitter, QVBoxLayout, QWidget

from engine import datasets as D
from engine.evaluation import confusion_matrix
from gui.confusion_view import ConfusionMatrixView, ThumbnailList
from gui.download_dialog import DownloadDialog
from gui.image_panel import class_label, translated_class_name
from gui.text import tr_fmt

if TYPE_CHECKING:
    from gui.tabs.training import TrainingTab

__all__ = ["TrainingMnist", "MNIST_KEYS", "BOOK_PRESET"]

#: Data-set keys this module adds (after ``digits``): bundled, installed, downloaded.
MNIST_KEYS = ("mnist-5k", "fashion", "mnist-full")

#: The book's ch05/train_neuralnet.py (§5.7.4; ch04's of §4.5 is the same with sigmoid):
#: TwoLayerNet 784-50-10 (ReLU, weights N(0, 0.01²)), batch 100, lr 0.1, 10,000
#: iterations, SGD, accuracy on the whole training and test sets every epoch.
BOOK_PRESET = {
    "hidden": [50],
    "activation": "relu",
    "init": "std",
    "init_std": 0.01,
    "gradient": "backprop",
    "optimizer": "SGD",
    "lr": 0.1,
    "batch_size": 100,
    "length": 10000,
    "unit": "iterations",
}


class TrainingMnist(QObject):
    """The MNIST additions of the Training tab (see the module docstring)."""

    def __init__(self, tab: TrainingTab) -> None:
        super().__init__(tab)
        self.tab = tab
        self._cache: dict[str, D.Dataset] = {}
        self._test: D.Dataset | None = None
        self._predicted: np.ndarray | None = None
        self.error = ""

        combo = tab.dataset_combo
        combo.blockSignals(True)
        combo.insertItem(combo.findData("digits") + 1, "mnist-5k", "mnist-5k")
        self.refresh_datasets()
        combo.blockSignals(False)

        self.download_button = QPushButton()
        self.download_button.setObjectName("downloadMnistButton")
        self.download_button.clicked.connect(self.open_download_dialog)
        tab.data_box.layout().insertRow(tab.data_box.layout().rowCount() - 1, self.download_button)
        self.preset_button = QPushButton()
        self.preset_button.setObjectName("bookPresetButton")
        self.preset_button.clicked.connect(self.load_book_preset)
        tab.learn_box.layout().addRow(self.preset_button)

        # the test digits and, beside them, the confusion matrix of the test set
        stack = tab.view_stack
        stack.removeWidget(tab.digit_grid)
        self.confusion = ConfusionMatrixView()
        self.confusion.setObjectName("confusionMatrix")
        self.confusion.cell_clicked.connect(self._on_cell)
        self.cell_title = QLabel()
        self.cell_title.setWordWrap(True)
        self.cell_list = ThumbnailList(icon=28)
        self.cell_list.setObjectName("confusionCellList")
        right = QWidget()
        column = QVBoxLayout(right)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.confusion, 3)
        column.addWidget(self.cell_title)
        column.addWidget(self.cell_list, 2)
        self.image_page = QSplitter(Qt.Orientation.Horizontal)
        self.image_page.setObjectName("imagePage")
        self.image_page.addWidget(tab.digit_grid)
        self.image_page.addWidget(right)
        tab.digit_grid.show()  # the stack hid it when it was taken out
        self.image_page.setSizes([300, 300])
        stack.addWidget(self.image_page)
        self.dialog: DownloadDialog | None = None

    # -- text ----------------------------------------------------------------------------
    def dataset_name(self, key: str) -> str:
        return {
            "mnist-5k": self.tr("MNIST 5,000 (bundled)"),
            "fashion": self.tr("Fashion-MNIST (installed)"),
            "mnist-full": self.tr("MNIST, 70,000 digits (downloaded)"),
        }.get(key, key)

    def retranslate(self) -> None:
        combo = self.tab.dataset_combo
        for i in range(combo.count()):
            if combo.itemData(i) in MNIST_KEYS:
                combo.setItemText(i, self.dataset_name(combo.itemData(i)))
        self.download_button.setText(self.tr("Download MNIST…"))
        self.download_button.setToolTip(
            self.tr("Fetch the full MNIST (about 12 MB) into your data folder, once")
        )
        self.preset_button.setText(self.tr("Book's train_neuralnet.py (§4.5, §5.7)"))
        self.preset_button.setToolTip(
            self.tr(
                "784-50-10 with ReLU (ch05; ch04's version uses sigmoid), batch 100, learning "
                "rate 0.1, 10,000 iterations, SGD by backpropagation; accuracy on the whole "
                "sets every epoch"
            )
        )
        self.confusion.row_title = self.tr("true class")
        self.confusion.column_title = self.tr("answer")
        self.confusion.setToolTip(
            self.tr(
                "Test set after the last epoch: row = true class, column = the answer. "
                "Click a cell to list its images."
            )
        )
        self.confusion.update()
        self._update_cell_title()

    # -- data sets -------------------------------------------------------------------------
    def refresh_datasets(self) -> None:
        """Offer Fashion-MNIST and the full MNIST if they are on this machine."""
        combo = self.tab.dataset_combo
        present = {
            "fashion": D.fashion_mnist_files() is not None,
            "mnist-full": D.find_mnist_files() is not None,
        }
        anchor = combo.findData("mnist-5k")
        for key in ("fashion", "mnist-full"):
            index = combo.findData(key)
            if present[key] and index < 0:
                anchor += 1
                combo.insertItem(anchor, self.dataset_name(key), key)
            elif present[key]:
                anchor = index
            elif index >= 0:
                combo.removeItem(index)
        for i in range(combo.count()):
            if combo.itemData(i) in MNIST_KEYS:
                combo.setItemText(i, self.dataset_name(combo.itemData(i)))

    def load(self, key: str) -> D.Dataset | None:
        """The data set ``key`` (loaded once), or None with ``error`` saying why."""
        self.error = ""
        if key in self._cache:
            return self._cache[key]
        try:
            if key == "mnist-5k":
                data = D.bundled_mnist()
            elif key == "fashion":
                data = D.load_fashion_mnist()
            else:
                data = D.find_mnist()
                if data is None:
                    raise D.DatasetError(self.tr("the full MNIST has not been downloaded"))
        except (D.DatasetError, OSError) as exc:
            self.error = tr_fmt(self.tr("The data set cannot be read: %1"), str(exc))
            return None
        self._cache[key] = data
        return data

    def export_paths(self, key: str) -> list[str] | None:
        """The files an exported script reads for ``key``."""
        if key == "mnist-5k":
            return [str(D.BUNDLED_MNIST_PATH)]
        files = D.fashion_mnist_files() if key == "fashion" else D.find_mnist_files()
        if key in MNIST_KEYS and files is not None:
            return [str(p) for p in files.values()]
        return None

    # -- download ---------------------------------------------------------------------------
    @Slot()
    def open_download_dialog(self) -> DownloadDialog:
        if self.dialog is None:
            self.dialog = DownloadDialog(self.tab)
            self.dialog.downloaded.connect(self._on_downloaded)
        self.dialog.show()
        self.dialog.raise_()
        return self.dialog

    @Slot(object)
    def _on_downloaded(self, paths: object) -> None:
        self._cache.pop("mnist-full", None)
        from gui.image_sources import load_source

        load_source.cache_clear()
        self.refresh_datasets()
        index = self.tab.dataset_combo.findData("mnist-full")
        if index >= 0 and not self.tab.controller.is_active():
            self.tab.dataset_combo.setCurrentIndex(index)

    def shutdown(self) -> None:
        if self.dialog is not None:
            self.dialog.cancel()

    # -- the book's preset ------------------------------------------------------------------
    @Slot()
    def load_book_preset(self) -> None:
        """§4.5's train_neuralnet.py on the full MNIST if downloaded, else the bundled one."""
        combo = self.tab.dataset_combo
        key = "mnist-full" if combo.findData("mnist-full") >= 0 else "mnist-5k"
        self.tab.set_state({**BOOK_PRESET, "dataset": key})

    # -- confusion matrix -----------------------------------------------------------------
    def class_names(self) -> list[str]:
        data = self._test
        names = data.class_names if data is not None and data.class_names else D.MNIST_CLASSES
        n = data.n_classes if data is not None else 10
        return [class_label(names, k, translated_class_name) for k in range(n)]

    def show_data(self, data: D.Dataset | None) -> None:
        """The data set shown: images get the confusion matrix (empty until an epoch)."""
        if data is not self._test:
            self._test = data
            self.set_predictions(None)

    def set_predictions(self, predicted: np.ndarray | None) -> None:
        """Every test image's predicted class after an epoch (None: clear)."""
        self._predicted = None if predicted is None else np.asarray(predicted, dtype=np.int64)
        data = self._test
        if predicted is None or data is None or len(predicted) != len(data.t_test):
            self.confusion.set_matrix(None)
            self.cell_list.clear()
        else:
            n = max(data.n_classes, int(self._predicted.max()) + 1)
            matrix = confusion_matrix(data.t_test, self._predicted, n)
            self.confusion.set_matrix(matrix, self.class_names())
            if self.confusion.selected is not None:
                self._on_cell(*self.confusion.selected)
        self._update_cell_title()

    def _update_cell_title(self) -> None:
        if self.confusion.selected is None or self._predicted is None:
            self.cell_title.setText(self.tr("Click a cell to see its images."))

    @Slot(int, int)
    def _on_cell(self, i: int, j: int) -> None:
        data, predicted = self._test, self._predicted
        if data is None or predicted is None or data.image_shape is None:
            return
        hits = np.flatnonzero((data.t_test == i) & (predicted == j))
        names = self.class_names()
        h, w = data.image_shape
        images = data.x_test[hits[:300]].reshape(-1, h, w)
        self.cell_list.set_images(images, hits, [f"#{k}" for k in hits[:300]])
        self.cell_title.setText(
            tr_fmt(
                self.tr("True %1, answered %2: %3 test images"),
                names[i],
                names[j],
                f"{len(hits):,}",
            )
        )
