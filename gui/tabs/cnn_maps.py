"""The feature maps of one image at each layer of SimpleConvNet (book §7.6), with the
prediction: the image, Conv1's 30 maps, the pooled maps after ReLU, the 100 hidden
neurons and the class probabilities."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from PySide6.QtWidgets import QGridLayout, QLabel, QWidget

from gui.tabs.cnn_views import Bars, ImageGrid

__all__ = ["FeatureMapsView"]


class FeatureMapsView(QWidget):
    """``show_maps(image, outputs, class_names)`` with ``outputs`` from
    ``SimpleConvNet.layer_outputs`` for one image; objectName ``featureMaps``.
    ``prediction`` is the predicted class (None before anything is shown)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("featureMaps")
        self.prediction: int | None = None
        self.image_view = ImageGrid(self, columns=1)
        self.conv_view = ImageGrid(self, columns=10)
        self.pool_view = ImageGrid(self, columns=10)
        self.hidden_view = ImageGrid(self, columns=1)
        self.bars = Bars(self)
        self.titles = [QLabel(self) for _ in range(5)]
        self.verdict = QLabel(self)
        self.verdict.setObjectName("cnnPrediction")
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        views = (self.image_view, self.conv_view, self.pool_view, self.hidden_view, self.bars)
        for k, (title, view) in enumerate(zip(self.titles, views, strict=True)):
            layout.addWidget(title, 0, k)
            layout.addWidget(view, 1, k)
        layout.addWidget(self.verdict, 2, 0, 1, 5)
        for k, stretch in enumerate((2, 5, 5, 2, 3)):
            layout.setColumnStretch(k, stretch)
        layout.setRowStretch(1, 1)

    def set_titles(self, titles: Sequence[str], placeholder: str) -> None:
        """The five column titles (translated by the tab) and the empty-view text."""
        for label, text in zip(self.titles, titles, strict=True):
            label.setText(f"<b>{text}</b>")
        self.conv_view.placeholder = placeholder

    def clear(self) -> None:
        self.prediction = None
        for view in (self.image_view, self.conv_view, self.pool_view, self.hidden_view):
            view.clear()
        self.bars.set_values(np.zeros(0), [])
        self.verdict.setText("")

    def show_maps(
        self,
        image: np.ndarray,
        outputs: dict[str, np.ndarray],
        class_names: Sequence[str],
        verdict: str = "",
    ) -> None:
        self.image_view.set_images([np.asarray(image)])
        self.conv_view.set_images(list(outputs["Conv1"][0]))
        self.pool_view.set_images(list(outputs["Pool1"][0]), shared_range=True)
        hidden = np.asarray(outputs["Relu2"][0])
        side = int(np.ceil(np.sqrt(hidden.size)))
        grid = np.zeros(side * side)
        grid[: hidden.size] = hidden
        self.hidden_view.set_images([grid.reshape(side, side)])
        probs = np.asarray(outputs["Softmax"][0])
        self.prediction = int(np.argmax(probs))
        self.bars.set_values(probs, class_names)
        self.verdict.setText(verdict)
