"""The Network tab's image input (book §3.6): pick a test image or draw one, see the answer.

:class:`ImageInputPanel` is self-contained: it knows the input size (784 = 28×28 or
64 = 8×8), offers the image sets present (:mod:`gui.image_sources`), a drawing canvas
with MNIST's preprocessing (``engine.images.preprocess_steps``: crop to the ink, fit in
20×20, centre of mass at the centre), shows the network's input as an image and the
output as probability bars. It emits ``input_ready(vector)``; the tab feeds the vector
to its network and hands the output back with :meth:`show_output`.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import NDArray
from PySide6.QtCore import QCoreApplication, QEvent, Signal, Slot
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from engine import datasets as D
from engine.images import preprocess_steps
from gui.image_sources import ImageSource, available_sources, load_source
from gui.image_widgets import DigitCanvas, ImageView, ProbabilityBars
from gui.text import tr_fmt
from gui.widgets import CheckedDoubleSpinBox
from gui.worker import RedrawThrottle

__all__ = ["ImageInputPanel", "IMAGE_SIZES", "class_label", "translated_class_name"]

#: Input sizes shown as images, and their (height, width).
IMAGE_SIZES = {784: (28, 28), 64: (8, 8)}


def translated_class_name(name: str) -> str:
    """A Fashion-MNIST class name in the current language (digits stay as they are)."""
    names = {
        "T-shirt/top": QCoreApplication.translate("ClassNames", "T-shirt/top"),
        "Trouser": QCoreApplication.translate("ClassNames", "Trouser"),
        "Pullover": QCoreApplication.translate("ClassNames", "Pullover"),
        "Dress": QCoreApplication.translate("ClassNames", "Dress"),
        "Coat": QCoreApplication.translate("ClassNames", "Coat"),
        "Sandal": QCoreApplication.translate("ClassNames", "Sandal"),
        "Shirt": QCoreApplication.translate("ClassNames", "Shirt"),
        "Sneaker": QCoreApplication.translate("ClassNames", "Sneaker"),
        "Bag": QCoreApplication.translate("ClassNames", "Bag"),
        "Ankle boot": QCoreApplication.translate("ClassNames", "Ankle boot"),
    }
    return names.get(name, name)


def class_label(names: tuple[str, ...] | list[str] | None, k: int, translate=None) -> str:
    """``"7"`` for a digit, ``"7 Sneaker"`` for a named class (translated if asked)."""
    if names is None or k >= len(names) or names[k] == str(k):
        return str(k)
    name = translate(names[k]) if translate is not None else names[k]
    return f"{k} {name}"


class ImageInputPanel(QWidget):
    """Pick or draw the input image of a 784- or 64-input network; see its answer."""

    #: the input vector (float64, ``n_pixels`` values in 0–1) to give the network
    input_ready = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("imageInputPanel")
        self.n_pixels = 784
        self.source: ImageSource | None = None
        self.index = 0
        self.mode = "dataset"  # or "drawing"
        self.vector: NDArray[np.float64] = np.zeros(784)
        self._rng = np.random.default_rng()
        self._error = ""

        self.source_label = QLabel()
        self.source_combo = QComboBox()
        self.source_combo.setObjectName("imageSourceCombo")
        self.source_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.source_combo.setMinimumContentsLength(8)
        self.prev_button = QPushButton()
        self.prev_button.setObjectName("previousImageButton")
        self.next_button = QPushButton()
        self.next_button.setObjectName("nextImageButton")
        self.random_button = QPushButton()
        self.random_button.setObjectName("randomImageButton")
        self.index_spin = CheckedDoubleSpinBox(integer=True)
        self.index_spin.setObjectName("imageIndexSpin")
        self.label_label = QLabel()
        self.label_label.setObjectName("imageLabel")

        self.canvas = DigitCanvas()
        self.pen_button = QToolButton()
        self.eraser_button = QToolButton()
        self.clear_button = QToolButton()
        self.clear_button.setObjectName("clearCanvasButton")
        self.tools = QButtonGroup(self)
        for button in (self.pen_button, self.eraser_button):
            button.setCheckable(True)
            self.tools.addButton(button)
        self.pen_button.setChecked(True)
        self.canvas_title = QLabel()
        self.processed_title = QLabel()
        self.processed_view = ImageView(minimum=84)
        self.processed_view.setObjectName("processedImage")
        self.bars = ProbabilityBars()
        self.prediction_label = QLabel()
        self.prediction_label.setObjectName("predictionLabel")
        bold = self.prediction_label.font()
        bold.setBold(True)
        bold.setPointSizeF(bold.pointSizeF() * 1.2)
        self.prediction_label.setFont(bold)
        self.message_label = QLabel()
        self.message_label.setWordWrap(True)
        self.message_label.setStyleSheet("color: #b22;")

        source_row = QHBoxLayout()
        source_row.addWidget(self.source_label)
        source_row.addWidget(self.source_combo, 1)
        picker = QHBoxLayout()
        picker.addWidget(self.prev_button)
        picker.addWidget(self.next_button)
        picker.addWidget(self.random_button)
        picker.addWidget(self.index_spin)
        picker.addWidget(self.label_label, 1)
        tools = QVBoxLayout()
        tools.addWidget(self.pen_button)
        tools.addWidget(self.eraser_button)
        tools.addWidget(self.clear_button)
        tools.addStretch(1)
        grid = QGridLayout()
        grid.addWidget(self.canvas_title, 0, 0, 1, 2)
        grid.addWidget(self.canvas, 1, 0)
        grid.addLayout(tools, 1, 1)
        middle = QVBoxLayout()
        middle.addWidget(self.processed_title)
        middle.addWidget(self.processed_view)
        middle.addStretch(1)
        grid.addLayout(middle, 0, 2, 2, 1)
        right = QVBoxLayout()
        right.addWidget(self.prediction_label)
        right.addWidget(self.bars, 1)
        grid.addLayout(right, 0, 3, 2, 1)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(2, 1)
        grid.setColumnStretch(3, 3)
        grid.setRowStretch(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(source_row)
        layout.addLayout(picker)
        layout.addLayout(grid, 1)
        layout.addWidget(self.message_label)

        self._throttle = RedrawThrottle(self._process_drawing, 20.0, self)
        self.source_combo.currentIndexChanged.connect(self._on_source_changed)
        self.prev_button.clicked.connect(self.previous_image)
        self.next_button.clicked.connect(self.next_image)
        self.random_button.clicked.connect(self.random_image)
        self.index_spin.valueChanged.connect(self._on_index_spin)
        self.pen_button.clicked.connect(lambda: self.canvas.set_tool("pen"))
        self.eraser_button.clicked.connect(lambda: self.canvas.set_tool("eraser"))
        self.clear_button.clicked.connect(self.clear_drawing)
        self.canvas.changed.connect(self._on_canvas_changed)
        self.canvas.stroke_finished.connect(self._throttle.flush)
        self.retranslate_ui()
        self.set_input_size(784)

    # -- language ------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def source_name(self, key: str) -> str:
        return {
            "mnist-5k": self.tr("MNIST, bundled (1,000 test digits)"),
            "mnist": self.tr("MNIST, downloaded (10,000 test digits)"),
            "fashion": self.tr("Fashion-MNIST (10,000 test images)"),
            "digits": self.tr("8×8 digits, bundled"),
        }.get(key, key)

    @staticmethod
    def class_name(name: str) -> str:
        return translated_class_name(name)

    def retranslate_ui(self) -> None:
        self.source_label.setText(self.tr("Image from"))
        for i in range(self.source_combo.count()):
            self.source_combo.setItemText(i, self.source_name(self.source_combo.itemData(i)))
        self.prev_button.setText(self.tr("◀ Previous"))
        self.next_button.setText(self.tr("Next ▶"))
        self.random_button.setText(self.tr("Random"))
        self.index_spin.setToolTip(self.tr("Number of the test image"))
        self.pen_button.setText(self.tr("Pen"))
        self.eraser_button.setText(self.tr("Eraser"))
        self.clear_button.setText(self.tr("Clear"))
        self.canvas.setToolTip(
            self.tr(
                "Draw a digit with the left mouse button (right button: clear). It is then "
                "prepared as MNIST's digits were: cropped to the ink, scaled to fit 20×20, "
                "its centre of mass moved to the centre of 28×28."
            )
        )
        self.canvas_title.setText(self.tr("Draw here, or pick an image"))
        if self.bars.values.size:  # class names in the new language
            self.bars.set_values(self.bars.values, self.class_names())
        self._update_labels()

    # -- configuration -------------------------------------------------------------------
    def set_input_size(self, n_pixels: int, force: bool = False) -> None:
        """Offer the image sets with ``n_pixels`` pixels (784 or 64)."""
        if n_pixels not in IMAGE_SIZES:
            raise ValueError(f"{n_pixels} inputs are not an image size")
        keys = available_sources(n_pixels)
        listed = [self.source_combo.itemData(i) for i in range(self.source_combo.count())]
        if not force and n_pixels == self.n_pixels and keys == listed:
            return
        self.n_pixels = n_pixels
        current = self.source_combo.currentData()
        self.source_combo.blockSignals(True)
        self.source_combo.clear()
        for key in keys:
            self.source_combo.addItem(self.source_name(key), key)
        self.source_combo.setCurrentIndex(max(self.source_combo.findData(current), 0))
        self.source_combo.blockSignals(False)
        self.vector = np.zeros(n_pixels)
        self._on_source_changed()

    def refresh_sources(self) -> None:
        """Look again for downloaded or installed sets (after a download)."""
        load_source.cache_clear()
        self.set_input_size(self.n_pixels, force=True)

    def select_source(self, key: str) -> bool:
        index = self.source_combo.findData(key)
        if index < 0:
            return False
        self.source_combo.setCurrentIndex(index)
        return True

    # -- picking -------------------------------------------------------------------------
    @Slot()
    def _on_source_changed(self, *_: Any) -> None:
        key = self.source_combo.currentData()
        self.source = None
        self._error = ""
        if key is not None:
            try:
                self.source = load_source(str(key))
            except (D.DatasetError, OSError) as exc:
                self._error = tr_fmt(self.tr("This image set cannot be read: %1"), str(exc))
        n = len(self.source) if self.source is not None else 0
        self.index_spin.blockSignals(True)
        self.index_spin.setRange(0, max(n - 1, 0))
        self.index_spin.blockSignals(False)
        for w in (self.prev_button, self.next_button, self.random_button, self.index_spin):
            w.setEnabled(n > 0)
        if self.mode == "dataset" and n > 0:
            self.show_image(min(self.index, n - 1))
        else:
            self._update_labels()

    @Slot(float)
    def _on_index_spin(self, value: float) -> None:
        self.show_image(int(round(value)))

    def previous_image(self) -> None:
        if self.source is not None:
            self.show_image((self.index - 1) % len(self.source))

    def next_image(self) -> None:
        if self.source is not None:
            self.show_image((self.index + 1) % len(self.source))

    def random_image(self) -> None:
        if self.source is not None:
            self.show_image(int(self._rng.integers(len(self.source))))

    def show_image(self, index: int, source: ImageSource | None = None) -> None:
        """Make test image ``index`` (of ``source``, default the chosen set) the input."""
        if source is not None and source is not self.source:
            self.select_source(source.key)
        if self.source is None:
            return
        self.index = int(index) % len(self.source)
        self.mode = "dataset"
        image = self.source.images[self.index]
        self.index_spin.blockSignals(True)
        self.index_spin.setValue(self.index)
        self.index_spin.blockSignals(False)
        self.canvas.blockSignals(True)
        self.canvas.set_drawing(image)
        self.canvas.blockSignals(False)
        self._set_vector(image.reshape(-1))

    # -- drawing -------------------------------------------------------------------------
    @Slot()
    def _on_canvas_changed(self) -> None:
        self.mode = "drawing"
        self._throttle.request()

    def clear_drawing(self) -> None:
        self.canvas.clear()
        self._throttle.flush()

    def _process_drawing(self) -> None:
        if self.mode != "drawing":
            return
        h, w = IMAGE_SIZES[self.n_pixels]
        if h == 28:
            steps = preprocess_steps(self.canvas.drawing())
        else:  # the 8×8 digits fill their whole frame
            steps = preprocess_steps(self.canvas.drawing(), box=8, side=8)
        self._set_vector(steps.result.reshape(-1))

    def _set_vector(self, vector: NDArray) -> None:
        self.vector = np.asarray(vector, dtype=np.float64).reshape(-1)
        h, w = IMAGE_SIZES[self.n_pixels]
        self.processed_view.set_image(self.vector.reshape(h, w), 1.0)
        self._update_labels()
        self.input_ready.emit(self.vector.copy())

    # -- output --------------------------------------------------------------------------
    def class_names(self) -> tuple[str, ...]:
        names = self.source.class_names if self.source is not None else D.MNIST_CLASSES
        return tuple(class_label(names, k, self.class_name) for k in range(len(names)))

    def show_output(self, y: NDArray | None) -> None:
        """Show the network's output (probabilities if the output is softmax)."""
        if y is None:
            self.bars.set_values(np.zeros(0))
        else:
            self.bars.set_values(np.asarray(y).reshape(-1), self.class_names())
        self._update_labels()

    def predicted(self) -> int | None:
        return self.bars.predicted()

    def _update_labels(self) -> None:
        self.message_label.setText(self._error)
        names = self.source.class_names if self.source is not None else None
        if self.mode == "dataset" and self.source is not None:
            label = int(self.source.labels[self.index])
            self.label_label.setText(
                tr_fmt(self.tr("Label: %1"), class_label(names, label, self.class_name))
            )
            self.processed_title.setText(self.tr("Network input"))
            self.processed_view.caption = tr_fmt(self.tr("test image %1"), str(self.index))
            self.processed_view.setToolTip(self.tr("The test image exactly as the network gets it"))
        else:
            self.label_label.setText(self.tr("Label: (your drawing)"))
            self.processed_title.setText(self.tr("Network input"))
            self.processed_view.caption = self.tr("preprocessed")
            self.processed_view.setToolTip(
                self.tr("Your drawing cropped to the ink, fitted in 20×20, centre of mass centred")
                if self.n_pixels == 784
                else self.tr("Your drawing cropped to the ink and fitted in 8×8")
            )
        k = self.predicted()
        values = self.bars.values
        if k is None:
            self.prediction_label.setText("")
            return
        text = tr_fmt(
            self.tr("Answer: %1 (%2 %)"),
            class_label(names, k, self.class_name),
            f"{100 * values[k]:.1f}",
        )
        if self.mode == "dataset" and self.source is not None:
            right = k == int(self.source.labels[self.index])
            text += "  " + (self.tr("✓ right") if right else self.tr("✗ wrong"))
        self.prediction_label.setText(text)
