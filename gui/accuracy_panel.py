"""Accuracy of the current network over a whole test set, in batches (book §3.6.2–3.6.3).

:class:`AccuracyPanel` (button objectName ``accuracyButton``) runs
``engine.evaluation.accuracy_steps`` — §3.6.3's ``for i in range(0, len(x), batch_size)``
loop — through the one worker pattern, with a progress bar, then shows the accuracy, the
confusion matrix and the misclassified images; a click on an image asks for it as the
input (``image_requested(source_key, index)``), a click on a cell lists its images.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import numpy as np
from PySide6.QtCore import QEvent, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from engine import datasets as D
from engine.evaluation import AccuracyProgress, AccuracyResult, accuracy_steps
from engine.network import Network
from gui.binder import SettingsBinder
from gui.confusion_view import ConfusionMatrixView, ThumbnailList
from gui.image_panel import class_label
from gui.image_sources import ImageSource, available_sources, load_source
from gui.models.images import ImagePagesModel
from gui.text import tr_fmt
from gui.worker import WorkerController

__all__ = ["AccuracyPanel"]


class AccuracyPanel(QWidget):
    """Run the network over a test set; show accuracy, confusion, misclassified images."""

    image_requested = Signal(str, int)

    def __init__(
        self,
        network: Callable[[], Network],
        names: Callable[[str], str] | None = None,
        controller: WorkerController | None = None,
        parent: QWidget | None = None,
        model: ImagePagesModel | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("accuracyPanel")
        self._network = network
        self._class_name = names
        self.n_pixels = 784
        self.result: AccuracyResult | None = None
        self.source: ImageSource | None = None
        self._run_source: ImageSource | None = None
        self._started = 0.0
        self._seconds = 0.0
        self._batch = 100
        #: pass the tab's (``LabTab.make_controller``) so closing the window stops the run
        self.controller = controller if controller is not None else WorkerController(self)
        self.controller.records.connect(self._on_records)
        self.controller.finished.connect(self._on_finished)
        self.controller.failed.connect(self._on_failed)

        self.source_combo = QComboBox()
        self.source_combo.setObjectName("accuracySourceCombo")
        # long names must not widen the window: the combo shrinks, its list does not
        self.source_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.source_combo.setMinimumContentsLength(8)
        #: the declared settings (``accuracy_batch``), fields made by the binder
        self.model = model if model is not None else ImagePagesModel()
        self.binder = SettingsBinder(self.model, self, ["accuracy_batch"])
        self.batch_field = self.binder.widget("accuracy_batch")
        self.batch_label = self.binder.label("accuracy_batch")
        self.button = QPushButton()
        self.button.setObjectName("accuracyButton")
        self.button.clicked.connect(self.toggle)
        self.progress = QProgressBar()
        self.progress.setObjectName("accuracyProgress")
        self.result_label = QLabel()
        self.result_label.setObjectName("accuracyResult")
        self.result_label.setWordWrap(True)
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.confusion = ConfusionMatrixView()
        self.confusion.setObjectName("accuracyConfusion")
        self.confusion.cell_clicked.connect(self._on_cell)
        self.list_title = QLabel()
        self.list_title.setWordWrap(True)
        self.wrong_list = ThumbnailList()
        self.wrong_list.setObjectName("misclassifiedList")
        self.wrong_list.image_clicked.connect(self._on_image)
        self.source_label = QLabel()

        self.batch_field.setMaximumWidth(70)
        top = QHBoxLayout()
        top.addWidget(self.source_label)
        top.addWidget(self.source_combo, 1)
        top.addWidget(self.batch_label)
        top.addWidget(self.batch_field)
        top.addWidget(self.button)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.list_title)
        right_layout.addWidget(self.wrong_list, 1)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.confusion)
        split.addWidget(right)
        split.setSizes([300, 300])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.progress)
        layout.addWidget(self.result_label)
        layout.addWidget(split, 1)
        self.retranslate_ui()
        self.set_input_size(784)

    # -- language ------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def source_name(self, key: str) -> str:
        return {
            "mnist-5k": self.tr("MNIST, bundled test part (1,000)"),
            "mnist": self.tr("MNIST test set (10,000, downloaded)"),
            "fashion": self.tr("Fashion-MNIST test set (10,000)"),
            "digits": self.tr("8×8 digits, bundled test part"),
        }.get(key, key)

    def retranslate_ui(self) -> None:
        self.source_label.setText(self.tr("Test set"))
        self.binder.retranslate()
        for i in range(self.source_combo.count()):
            self.source_combo.setItemText(i, self.source_name(self.source_combo.itemData(i)))
        self.confusion.row_title = self.tr("true class")
        self.confusion.column_title = self.tr("network's answer")
        self.confusion.update()
        self._update_button()
        self._show_result()

    def _update_button(self) -> None:
        running = self.controller.is_active()
        self.button.setText(self.tr("Stop") if running else self.tr("Accuracy over the test set"))
        self.button.setToolTip(
            self.tr("Run the network on every test image in batches and count the right answers")
        )

    # -- configuration -------------------------------------------------------------------
    def set_input_size(self, n_pixels: int, force: bool = False) -> None:
        keys = available_sources(n_pixels)
        listed = [self.source_combo.itemData(i) for i in range(self.source_combo.count())]
        if not force and n_pixels == self.n_pixels and keys == listed:
            return
        self.stop()
        self.n_pixels = n_pixels
        current = self.source_combo.currentData()
        self.source_combo.clear()
        for key in keys:
            self.source_combo.addItem(self.source_name(key), key)
        self.source_combo.setCurrentIndex(max(self.source_combo.findData(current), 0))
        self.clear_result()

    def clear_result(self) -> None:
        self.result = None
        self.progress.setValue(0)
        self.confusion.set_matrix(None)
        self.wrong_list.clear()
        self._show_result()

    def select_source(self, key: str) -> bool:
        index = self.source_combo.findData(key)
        if index >= 0:
            self.source_combo.setCurrentIndex(index)
        return index >= 0

    # -- running -------------------------------------------------------------------------
    @Slot()
    def toggle(self) -> None:
        if self.controller.is_active():
            self.stop()
        else:
            self.start()

    def start(self) -> bool:
        """Start the run; False (and a message) if there is nothing to run on."""
        key = self.source_combo.currentData()
        if key is None:
            self.result_label.setText(
                tr_fmt(self.tr("No test set with %1 pixels."), str(self.n_pixels))
            )
            return False
        try:
            source = load_source(str(key))
        except (D.DatasetError, OSError) as exc:
            self.result_label.setText(
                tr_fmt(self.tr("This image set cannot be read: %1"), str(exc))
            )
            return False
        net = self._network().copy()
        if net.sizes[0] != source.n_pixels:
            self.result_label.setText(
                tr_fmt(
                    self.tr("The network takes %1 inputs; these images have %2 pixels."),
                    str(net.sizes[0]),
                    str(source.n_pixels),
                )
            )
            return False
        self._batch = int(self.model["accuracy_batch"])
        self._run_source = source
        x = source.images.reshape(len(source), -1)
        t = source.labels
        n_classes = max(net.sizes[-1], 10)
        batch = self._batch
        self.clear_result()
        self.progress.setRange(0, len(t))
        self._started = time.perf_counter()
        self.controller.start(lambda: accuracy_steps(net.predict, x, t, batch, n_classes))
        self._update_button()
        self.result_label.setText(self.tr("Running…"))
        return True

    def stop(self) -> None:
        if self.controller.is_active():
            self.controller.stop()
        self._update_button()

    def shutdown(self) -> None:
        self.controller.stop()

    @Slot(object)
    def _on_records(self, records: list[Any]) -> None:
        for record in records:
            if isinstance(record, AccuracyProgress):
                self.progress.setValue(record.done)
            elif isinstance(record, AccuracyResult):
                self._seconds = time.perf_counter() - self._started
                self.result = record
                self.source = self._run_source
        if self.result is not None:
            self.progress.setValue(self.result.total)
            self._show_result()

    @Slot(bool)
    def _on_finished(self, completed: bool) -> None:
        self._update_button()
        if not completed and self.result is None:
            self.result_label.setText(self.tr("Stopped."))

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        self.result_label.setText(tr_fmt(self.tr("The run failed: %1"), message))

    # -- results -------------------------------------------------------------------------
    def names(self) -> list[str]:
        src = self.source
        names = src.class_names if src is not None else D.MNIST_CLASSES
        return [class_label(names, k, self._class_name) for k in range(len(names))]

    def _show_result(self) -> None:
        r = self.result
        if r is None or self.source is None:
            if not self.controller.is_active():
                self.result_label.setText(
                    self.tr(
                        "§3.6.3: the whole test set, batch by batch. The book's "
                        "sample_weight.pkl scores 0.9352 on MNIST's 10,000 test images."
                    )
                )
            self.list_title.setText("")
            return
        batches = -(-r.total // self._batch)
        self.result_label.setText(
            tr_fmt(
                self.tr("Accuracy: %1 (%2 of %3 right) · %4 batches of %5 · %6 ms"),
                f"{r.accuracy:.4f}",
                f"{r.correct:,}",
                f"{r.total:,}",
                str(batches),
                str(self._batch),
                f"{1000 * self._seconds:.0f}",
            )
        )
        names = self.names()
        self.confusion.set_matrix(r.confusion, names)
        self._list(
            r.wrong,
            tr_fmt(
                self.tr("Misclassified: %1 images (click one to make it the input)"),
                f"{len(r.wrong):,}",
            ),
        )

    def _list(self, indices: np.ndarray, title: str) -> None:
        assert self.result is not None and self.source is not None
        names = self.names()
        src = self.source
        captions = [
            f"{names[int(src.labels[i])][:8]}→{names[int(self.result.predicted[i])][:8]}"
            for i in indices[:300]
        ]
        self.wrong_list.set_images(src.images[indices[:300]], indices, captions)
        self.list_title.setText(title)

    @Slot(int, int)
    def _on_cell(self, i: int, j: int) -> None:
        r = self.result
        if r is None or self.source is None:
            return
        hits = np.flatnonzero((self.source.labels == i) & (r.predicted == j))
        names = self.names()
        self._list(
            hits,
            tr_fmt(
                self.tr("True %1, answered %2: %3 images (click one to make it the input)"),
                names[i],
                names[j],
                f"{len(hits):,}",
            ),
        )

    @Slot(int)
    def _on_image(self, index: int) -> None:
        if self.source is not None:
            self.image_requested.emit(self.source.key, index)
