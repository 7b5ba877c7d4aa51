"""The Techniques tab (ch. 6, 学習のテクニック): what makes learning work.

Five pages over one Qt-free model (:class:`gui.models.techniques.TechniquesModel`): the
initial-weight lab (§6.2), the Batch Normalization comparison (§6.3.2), the overfitting
lab (§6.4), the hyperparameter search board (§6.5) and the MNIST comparisons of
optimizers and initial weights (§6.1.8, §6.2.4). Long work runs only in the worker
(``gui/worker.py``), one controller per page, each with progress, time left and Cancel.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractItemModel, Slot
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from gui.models.techniques import PAGES, TechniquesModel
from gui.tabs.base import LabTab
from gui.tabs.techniques_export import export_script
from gui.tabs.techniques_init import InitLabPage
from gui.tabs.techniques_search import SearchBoard
from gui.tabs.techniques_series import BnPage, ComparePage, OverfitPage

__all__ = ["TechniquesTab"]


class TechniquesTab(LabTab):
    """objectName ``techniquesTab``; pages in ``pages`` (a QTabWidget) keyed by ``PAGES``."""

    lesson_key = "techniques"
    object_name = "techniquesTab"

    def __init__(self, model: TechniquesModel, parent: QWidget | None = None) -> None:
        super().__init__(parent, model)
        self.pages = QTabWidget(self.content)
        self.pages.setObjectName("techniquesPages")
        self.init_lab = InitLabPage(self)
        self.bn_page = BnPage(self)
        self.overfit_page = OverfitPage(self)
        self.search_board = SearchBoard(self)
        self.compare_page = ComparePage(self)
        self.page_widgets: dict[str, QWidget] = {
            "init": self.init_lab,
            "bn": self.bn_page,
            "overfit": self.overfit_page,
            "search": self.search_board,
            "compare": self.compare_page,
        }
        for key in PAGES:
            self.pages.addTab(self.page_widgets[key], "")
        layout = QVBoxLayout(self.content)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pages)
        self.pages.setCurrentIndex(PAGES.index(model.page))
        self.pages.currentChanged.connect(self._on_page_changed)
        unsubscribe = model.subscribe(self._on_model_changed)
        self.destroyed.connect(lambda *_: unsubscribe())
        self.finish_setup()

    # -- pages ----------------------------------------------------------------------------
    def show_page(self, key: str) -> QWidget:
        """Bring page ``key`` to the front and return it."""
        self.pages.setCurrentIndex(PAGES.index(key))
        return self.page_widgets[key]

    @Slot(int)
    def _on_page_changed(self, index: int) -> None:
        if 0 <= index < len(PAGES):
            self.model.set_page(PAGES[index])
            self.lesson.scrollToAnchor(PAGES[index])

    def _on_model_changed(self, keys: frozenset[str]) -> None:
        if "page" in keys or "*" in keys:
            index = PAGES.index(self.model.page)
            if self.pages.currentIndex() != index:
                self.pages.setCurrentIndex(index)

    def any_running(self) -> bool:
        """True while any page's worker runs."""
        return any(c.is_active() for c in self._controllers)

    # -- hooks ----------------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        titles = {
            "init": self.tr("Initial weights §6.2"),
            "bn": self.tr("Batch Norm §6.3"),
            "overfit": self.tr("Overfitting §6.4"),
            "search": self.tr("Hyperparameters §6.5"),
            "compare": self.tr("Comparisons §6.1–6.2"),
        }
        for i, key in enumerate(PAGES):
            self.pages.setTabText(i, titles[key])
        for page in self.page_widgets.values():
            page.retranslate()

    def smoke_test(self) -> None:
        self.model.set("init_activation", "relu")
        self.model.set("init_scale", "he")
        if len(self.init_lab.rows()) != 5:
            raise RuntimeError("the initial-weight lab drew no layers")

    def export_code(self) -> str:
        return export_script(self.model.page, self.model)

    def plot_widgets(self) -> dict[str, QWidget]:
        return {
            self.tr("Activation histograms"): self.init_lab.plots,
            self.tr("Batch Normalization"): self.bn_page.grid,
            self.tr("Overfitting"): self.overfit_page.plot,
            self.tr("Search scatter"): self.search_board.scatter_plot,
            self.tr("Best trials"): self.search_board.curves_plot,
            self.tr("Comparison losses"): self.compare_page.plot,
        }

    def table_models(self) -> dict[str, QAbstractItemModel]:
        return {
            self.tr("Trials"): self.search_board.table_model,
            self.tr("Layer statistics"): self.init_lab.table.model(),
        }

    def state(self) -> dict[str, Any]:
        return super().state()
