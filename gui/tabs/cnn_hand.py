"""Convolution by hand (book §7.2–7.3): a bundled test digit or a drawing, an editable 3×3
or 5×5 filter with presets, its feature map live, then 2×2 max or average pooling."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import (
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from engine.conv_lab import filter_image, pool_map
from engine.images import resize_area
from gui.binder import show_refusal
from gui.i18n import setting_error_text
from gui.image_widgets import DigitCanvas
from gui.models.settings import QT_TRANSLATE_NOOP, FloatSetting, SettingError
from gui.tabs.cnn_views import ImageGrid
from gui.text import tr_fmt

if TYPE_CHECKING:
    from gui.tabs.cnn import CnnTab

__all__ = ["HandPage", "HAND_KEYS", "KERNEL_VALUE"]

HAND_KEYS = ("hand_source", "hand_index", "hand_size", "hand_preset", "hand_pool")

#: How a typed filter entry is read (the one validator of a kernel cell).
KERNEL_VALUE = FloatSetting(
    key="kernel",
    default=0.0,
    minimum=-100.0,
    maximum=100.0,
    label=QT_TRANSLATE_NOOP("CnnTab", "Filter value"),
    context="CnnTab",
)


def _cell_text(v: float) -> str:
    return f"{v:.4g}"


class KernelTableModel(QAbstractTableModel):
    """The hand-made filter as an editable table over ``CnnModel.kernel``: ``setData``
    is the one place an entry is validated (:data:`KERNEL_VALUE`); a refusal returns False,
    keeps the old value and emits ``rejected`` with the translated reason."""

    rejected = Signal(str)

    def __init__(self, model, parent=None) -> None:
        super().__init__(parent)
        self.cnn = model

    def reset(self) -> None:
        self.beginResetModel()
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802, B008 - Qt
        return 0 if parent.isValid() else len(self.cnn.kernel)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802, B008 - Qt
        return 0 if parent.isValid() else len(self.cnn.kernel)

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return super().flags(index) | Qt.ItemFlag.ItemIsEditable

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ):
        if not index.isValid():
            return None
        value = self.cnn.kernel[index.row()][index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return _cell_text(value)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def setData(  # noqa: N802 - Qt
        self,
        index: QModelIndex | QPersistentModelIndex,
        value,
        role: int = Qt.ItemDataRole.EditRole,
    ) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        try:
            number = KERNEL_VALUE.parse(str(value))
        except SettingError as exc:
            self.rejected.emit(setting_error_text(exc))
            return False
        self.cnn.set_kernel_value(index.row(), index.column(), number)
        self.dataChanged.emit(index, index)
        return True


class HandPage(QWidget):
    """The page's widgets; ``refresh()`` recomputes the maps from the model."""

    def __init__(self, tab: CnnTab) -> None:
        super().__init__()
        self.tab = tab
        self.model = tab.model
        self._test_images: np.ndarray | None = None
        self.binder = tab.bind(HAND_KEYS)
        form = QFormLayout()
        self.binder.add_rows(form)
        self.canvas = DigitCanvas(parent=self)
        self.canvas.setMinimumSize(150, 150)
        self.canvas.setMaximumSize(220, 220)
        self.clear_button = QPushButton(self)
        self.clear_button.setObjectName("cnnClearDrawing")
        self.kernel_model = KernelTableModel(self.model, self)
        self.kernel_table = QTableView(self)
        self.kernel_table.setModel(self.kernel_model)
        self.kernel_table.setObjectName("cnnKernelTable")
        self.kernel_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.kernel_table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.kernel_table.setMaximumSize(260, 200)
        self.image_view = ImageGrid(self, columns=1)
        self.map_view = ImageGrid(self, columns=1)
        self.pool_view = ImageGrid(self, columns=1)
        for view, name in (
            (self.image_view, "cnnHandImage"),
            (self.map_view, "cnnFeatureMap"),
            (self.pool_view, "cnnPooledMap"),
        ):
            view.setObjectName(name)
        self.titles = [QLabel(self) for _ in range(3)]
        for title in self.titles:  # a long title wraps: the three images stay one size
            title.setWordWrap(True)
            title.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom)
        self.kernel_label = QLabel(self)
        self.canvas_label = QLabel(self)
        self.info = QLabel(self)
        self.info.setObjectName("cnnHandInfo")
        self.info.setWordWrap(True)
        left = QVBoxLayout()
        left.addLayout(form)
        left.addWidget(self.kernel_label)
        left.addWidget(self.kernel_table)
        left.addWidget(self.canvas_label)
        left.addWidget(self.canvas)
        left.addWidget(self.clear_button)
        left.addStretch(1)
        maps = QGridLayout()
        for k, (title, view) in enumerate(
            zip(self.titles, (self.image_view, self.map_view, self.pool_view), strict=True)
        ):
            maps.addWidget(title, 0, k)
            maps.addWidget(view, 1, k)
            maps.setColumnStretch(k, 1)
        maps.setRowStretch(1, 1)
        maps.addWidget(self.info, 2, 0, 1, 3)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 0)
        layout.addLayout(maps, 1)
        self._redraw = QTimer(self)
        self._redraw.setSingleShot(True)
        self._redraw.setInterval(30)
        self._redraw.timeout.connect(self.refresh)
        self.canvas.changed.connect(self._on_drawing)
        self.clear_button.clicked.connect(self._on_clear)
        self.kernel_model.rejected.connect(self._on_kernel_rejected)
        self.refresh()

    def retranslate_ui(self) -> None:
        self.titles[0].setText("<b>" + self.tr("Image (28×28)") + "</b>")
        self.titles[1].setText("<b>" + self.tr("Feature map (same padding, stride 1)") + "</b>")
        self.titles[2].setText("<b>" + self.tr("After 2×2 pooling, stride 2") + "</b>")
        self.kernel_label.setText(self.tr("Filter weights (click a cell to edit):"))
        self.canvas_label.setText(self.tr("Draw a digit (used when Image is “My drawing”):"))
        self.clear_button.setText(self.tr("Clear drawing"))
        self.refresh()

    # -- the image ---------------------------------------------------------------------
    def test_images(self) -> np.ndarray:
        """The bundled MNIST test images (1,000 × 28 × 28), loaded once."""
        if self._test_images is None:
            from engine.mnist import bundled_mnist

            self._test_images = bundled_mnist().x_test.reshape(-1, 28, 28)
        return self._test_images

    def current_image(self) -> np.ndarray:
        if self.model["hand_source"] == "drawing":
            return resize_area(self.canvas.drawing(), 28, 28)
        images = self.test_images()
        return images[self.model["hand_index"] % len(images)]

    # -- the filter table --------------------------------------------------------------
    def _on_kernel_rejected(self, message: str) -> None:
        self.info.setText(message)
        show_refusal(self.kernel_table, message)

    # -- updates -----------------------------------------------------------------------
    def on_model_changed(self, keys: frozenset[str]) -> None:
        if "*" in keys or "kernel" in keys or "hand_size" in keys or "hand_preset" in keys:
            self.kernel_model.reset()
        if "*" in keys or keys & set(HAND_KEYS) or "kernel" in keys:
            self._redraw.start()

    def _on_drawing(self) -> None:
        if self.model["hand_source"] == "drawing":
            self._redraw.start()

    def _on_clear(self) -> None:
        self.canvas.clear()
        self._redraw.start()

    def refresh(self) -> None:
        image = np.asarray(self.current_image(), dtype=np.float64)
        kernel = np.asarray(self.model.kernel, dtype=np.float64)
        fmap = filter_image(image, kernel)
        pooled = pool_map(fmap, 2, self.model["hand_pool"])
        self.feature_map, self.pooled = fmap, pooled
        self.image_view.set_images([image])
        self.map_view.set_images([fmap])
        self.pool_view.set_images([pooled])
        self.info.setText(
            tr_fmt(
                self.tr(
                    "Feature map %1×%2, values from %3 to %4 (black = lowest, white = highest); "
                    "pooled %5×%6."
                ),
                fmap.shape[0],
                fmap.shape[1],
                f"{fmap.min():.3g}",
                f"{fmap.max():.3g}",
                pooled.shape[0],
                pooled.shape[1],
            )
        )
