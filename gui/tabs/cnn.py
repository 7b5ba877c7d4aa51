"""The CNN tab (book ch. 7): three pages on one model (``gui.models.cnn.CnnModel``).

* *im2col*: the explorer (:mod:`gui.tabs.cnn_explorer`) with N, C, H, W, FH, FW, S, P, FN;
* *By hand*: a digit (bundled or drawn) under an editable 3×3 or 5×5 filter, then pooled
  (:mod:`gui.tabs.cnn_hand`);
* *Training*: SimpleConvNet trained in the worker with its filters and feature maps
  (:mod:`gui.tabs.cnn_train`).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFrame, QGridLayout, QScrollArea, QTabWidget, QVBoxLayout, QWidget

from gui.models.cnn import CnnModel
from gui.tabs.base import LabTab
from gui.tabs.cnn_explorer import Im2colExplorer
from gui.tabs.cnn_export import export_script
from gui.tabs.cnn_hand import HandPage
from gui.tabs.cnn_train import TrainPage

__all__ = ["CnnTab", "EXPLORER_KEYS"]

EXPLORER_KEYS = (
    "ex_n",
    "ex_c",
    "ex_h",
    "ex_w",
    "ex_fh",
    "ex_fw",
    "ex_stride",
    "ex_pad",
    "ex_fn",
    "ex_seed",
)


class CnnTab(LabTab):
    """Convolutional networks: im2col seen, filters by hand, SimpleConvNet trained."""

    lesson_key = "cnn"
    object_name = "cnnTab"

    def __init__(self, model: CnnModel | None = None, parent: QWidget | None = None) -> None:
        model = model if model is not None else CnnModel()
        super().__init__(parent, model)
        self.model: CnnModel = model
        # everything in a scroll area: the tab never forces a minimum window width (at
        # 1280×800 it fits without scroll bars)
        scroll = QScrollArea(self.content)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        inner = QWidget()
        scroll.setWidget(inner)
        outer = QVBoxLayout(self.content)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        self.pages = QTabWidget(inner)
        self.pages.setObjectName("cnnPages")
        layout = QVBoxLayout(inner)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pages)
        # page 1: the im2col explorer
        self.explorer_page = QWidget()
        self.explorer_binder = self.bind(EXPLORER_KEYS)
        fields = QGridLayout()
        for k, key in enumerate(EXPLORER_KEYS):
            row, col = divmod(k, 5)
            fields.addWidget(self.explorer_binder.label(key), row, 2 * col)
            self.explorer_binder.widget(key).setMaximumWidth(60)
            fields.addWidget(self.explorer_binder.widget(key), row, 2 * col + 1)
        self.explorer = Im2colExplorer(self.explorer_page)
        page_layout = QVBoxLayout(self.explorer_page)
        page_layout.addLayout(fields)
        page_layout.addWidget(self.explorer, 1)
        self.pages.addTab(self.explorer_page, "")
        # page 2: convolution by hand; page 3: training
        self.hand_page = HandPage(self)
        self.pages.addTab(self.hand_page, "")
        self.train_page = TrainPage(self)
        self.pages.addTab(self.train_page, "")
        layout.insertWidget(0, self.train_page.run_bar)
        self.hand_page.canvas.stroke_finished.connect(self.train_page.on_drawing)
        self._unsubscribe = model.subscribe(self._on_model_changed)
        self.destroyed.connect(lambda *_: self._unsubscribe())
        self.explorer.set_exploration(model.exploration())
        self.finish_setup()

    def title(self) -> str:
        return QCoreApplication.translate("CnnTab", "CNN")

    def retranslate_ui(self) -> None:
        self.pages.setTabText(0, self.tr("im2col explorer"))
        self.pages.setTabText(1, self.tr("Convolution by hand"))
        self.pages.setTabText(2, self.tr("Training SimpleConvNet"))
        self.explorer.retranslate_ui()
        self.hand_page.retranslate_ui()
        self.train_page.retranslate_ui()

    def _on_model_changed(self, keys: frozenset[str]) -> None:
        if "*" in keys or keys & set(EXPLORER_KEYS):
            self.explorer.set_exploration(self.model.exploration())
        self.hand_page.on_model_changed(keys)
        self.train_page.on_model_changed(keys)

    # -- the window's hooks ------------------------------------------------------------
    def smoke_test(self) -> None:
        self.explorer.select_output(0, 0, 1, 1)
        if self.explorer.exploration is None:
            raise RuntimeError("the explorer shows nothing")
        self.hand_page.refresh()

    def export_code(self) -> str:
        return export_script(self.model)

    def plot_widgets(self) -> dict[str, QWidget]:
        return {
            self.tr("im2col explorer"): self.explorer,
            self.tr("Filters"): self.train_page.filter_view,
            self.tr("Feature maps"): self.train_page.maps,
            self.tr("Loss"): self.train_page.loss_plot,
        }

    def shutdown(self) -> None:
        super().shutdown()
