"""The Network tab's image pages (book §3.6): glue between its document and the panels.

When the input layer is an image size (784 = 28×28, 64 = 8×8) the tab shows two more
pages: *Image* (:class:`gui.image_panel.ImageInputPanel`: pick or draw the input, see
the answer as bars) and *Accuracy* (:class:`gui.accuracy_panel.AccuracyPanel`: the whole
test set in batches, confusion matrix, misclassified images). The tab creates one
:class:`NetworkImagePages` and calls ``retranslate`` from its own ``retranslate_ui``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import QObject, Slot

from gui.accuracy_panel import AccuracyPanel
from gui.image_panel import IMAGE_SIZES, ImageInputPanel
from gui.image_sources import load_source
from gui.tabs.network_doc import DocumentError

if TYPE_CHECKING:
    from gui.tabs.network import NetworkTab

__all__ = ["NetworkImagePages"]


class NetworkImagePages(QObject):
    """Adds the Image and Accuracy pages to ``tab.left_tabs`` and keeps them in step."""

    def __init__(self, tab: NetworkTab) -> None:
        super().__init__(tab)
        self.tab = tab
        self.doc = tab.doc
        self.panel = ImageInputPanel()
        self.accuracy = AccuracyPanel(
            tab.current_network, self.panel.class_name, tab.make_controller()
        )
        self._feeding = False
        self.image_index = tab.left_tabs.addTab(self.panel, "")
        self.accuracy_index = tab.left_tabs.addTab(self.accuracy, "")
        self.panel.input_ready.connect(self._on_input_ready)
        self.accuracy.image_requested.connect(self._on_image_requested)
        self.doc.structure_changed.connect(self._on_structure_changed)
        self.doc.values_changed.connect(self._show_output)
        self.doc.input_changed.connect(self._show_output)
        self._shown_for: int | None = None
        self._on_structure_changed()

    def retranslate(self) -> None:
        self.tab.left_tabs.setTabText(self.image_index, self.tr("Image"))
        self.tab.left_tabs.setTabText(self.accuracy_index, self.tr("Accuracy (§3.6.3)"))

    @property
    def active(self) -> bool:
        return self.doc.sizes[0] in IMAGE_SIZES

    @Slot()
    def _on_structure_changed(self) -> None:
        n = self.doc.sizes[0]
        active = n in IMAGE_SIZES
        tabs = self.tab.left_tabs
        tabs.setTabVisible(self.image_index, active)
        tabs.setTabVisible(self.accuracy_index, active)
        if not active:
            self._shown_for = None
            self.accuracy.stop()
            return
        self.panel.set_input_size(n)
        self.accuracy.set_input_size(n)
        self.accuracy.clear_result()  # another network: the last result is not its own
        if self._shown_for != n:  # a new image network: show it an image at once
            self._shown_for = n
            tabs.setCurrentIndex(self.image_index)
            if not np.any(self.doc.x):
                self._on_input_ready(self.panel.vector)
        self._show_output()

    @Slot(object)
    def _on_input_ready(self, vector: np.ndarray) -> None:
        if not self.active or len(vector) != self.doc.sizes[0]:
            return
        try:
            self.doc.set_input_vector(vector)
        except DocumentError as exc:
            self.tab._on_rejected(str(exc))

    @Slot()
    def _show_output(self) -> None:
        if self.active:
            self.panel.show_output(self.doc.trace().y)

    @Slot(str, int)
    def _on_image_requested(self, key: str, index: int) -> None:
        self.panel.select_source(key)
        self.panel.show_image(index, load_source(key))
        self.tab.left_tabs.setCurrentIndex(self.image_index)
