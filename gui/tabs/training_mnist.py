"""The Training tab's real MNIST (book §3.6, §4.5, §5.7): data sets, download, preset.

:class:`TrainingMnist` keeps in step with a :class:`~gui.tabs.training.TrainingTab`:

* the real image sets in the data-set list (``datasetCombo``): the bundled MNIST subset
  always, Fashion-MNIST when installed, the full MNIST once downloaded (absent ones are
  hidden in the list; ``TrainingModel.REAL_DATASETS`` declares them);
* *Download MNIST…* (``downloadMnistButton``, also in the File menu): the dialog of
  :mod:`gui.download_dialog`; once it has finished, the full MNIST is offered and chosen;
* the book's ``train_neuralnet.py`` as a preset (``bookPresetButton``);
* the test set's confusion matrix (``ui.confusion``, ``confusionMatrix``) fed from the
  run log after every epoch (the tab's painter calls :meth:`show_predictions`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Slot

from engine import datasets as D
from gui.download_dialog import DownloadDialog
from gui.image_sources import clear_caches, real_dataset_present
from gui.models.training import REAL_DATASETS

if TYPE_CHECKING:
    import numpy as np

    from gui.tabs.training import TrainingTab

__all__ = ["TrainingMnist", "BOOK_PRESET"]

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
    "use_network": False,
}


class TrainingMnist(QObject):
    """The real-MNIST parts of the Training tab (see the module docstring)."""

    def __init__(self, tab: TrainingTab) -> None:
        super().__init__(tab)
        self.tab, self.ui = tab, tab.ui
        self.dialog: DownloadDialog | None = None
        self.ui.download_button.clicked.connect(self.open_download_dialog)
        self.ui.preset_button.clicked.connect(self.load_book_preset)
        self.refresh_datasets()

    def retranslate(self) -> None:
        self.ui.download_button.setText(
            QCoreApplication.translate("TrainingTab", "Download MNIST…")
        )
        self.ui.download_button.setToolTip(
            QCoreApplication.translate(
                "TrainingTab", "Fetch the full MNIST (about 12 MB) into your data folder, once"
            )
        )
        self.ui.preset_button.setText(
            QCoreApplication.translate("TrainingTab", "Book's train_neuralnet.py")
        )
        self.ui.preset_button.setToolTip(
            QCoreApplication.translate(
                "TrainingTab",
                "784-50-10 with ReLU (ch05; ch04's version uses sigmoid), batch 100, learning "
                "rate 0.1, 10,000 iterations, SGD by backpropagation; accuracy on the whole "
                "sets every epoch",
            )
        )

    # -- the data-set list ----------------------------------------------------------------
    def refresh_datasets(self) -> None:
        """Show Fashion-MNIST and the full MNIST in the list only if they are here."""
        combo = self.tab.binder.widget("dataset")
        view = combo.view()
        for key in REAL_DATASETS:
            row = combo.findData(key)
            if row >= 0:
                view.setRowHidden(row, not real_dataset_present(key))

    def export_paths(self) -> list[str] | None:
        """The files an exported script reads for the chosen real set (None: not one)."""
        key = self.tab.model["dataset"]
        if key == "mnist-5k":
            return [str(D.BUNDLED_MNIST_PATH)]
        if key in REAL_DATASETS:
            files = D.fashion_mnist_files() if key == "fashion-mnist" else D.find_mnist_files()
            return [str(p) for p in files.values()] if files is not None else None
        return None

    # -- download ----------------------------------------------------------------------------
    @Slot()
    def open_download_dialog(self) -> DownloadDialog:
        if self.dialog is None:
            self.dialog = DownloadDialog(self.tab)
            self.dialog.downloaded.connect(self.on_downloaded)
        self.dialog.show()
        self.dialog.raise_()
        return self.dialog

    @Slot(object)
    def on_downloaded(self, paths: object = None) -> None:
        """The full MNIST is in place: offer it, and choose it unless a run is going."""
        clear_caches()
        self.refresh_datasets()
        if not self.tab.controller.is_active() and real_dataset_present("mnist-full"):
            self.tab.model.set("dataset", "mnist-full")

    def shutdown(self) -> None:
        if self.dialog is not None:
            self.dialog.cancel()

    # -- the book's preset --------------------------------------------------------------------
    @Slot()
    def load_book_preset(self) -> None:
        """§5.7.4's train_neuralnet.py on the full MNIST if downloaded, else the bundled one."""
        key = "mnist-full" if real_dataset_present("mnist-full") else "mnist-5k"
        self.tab.set_state({**BOOK_PRESET, "dataset": key})

    # -- the confusion matrix ---------------------------------------------------------------
    def show_data(self, data: D.Dataset | None) -> None:
        self.ui.confusion.set_data(data)

    def show_predictions(self, predicted: np.ndarray | None) -> None:
        self.ui.confusion.set_predictions(predicted)
