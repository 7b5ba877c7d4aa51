"""The Network tab (placeholder until its issue lands)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from gui.tabs.base import LabTab

__all__ = ["NetworkTab"]


class NetworkTab(LabTab):
    """Network: A network you draw (book ch. 3): layers and neurons on a canvas, editable weight matrices kept in sync, and the forward pass shown live at every neuron. Coming in the next release."""

    lesson_key = "network"
    object_name = "networkTab"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.placeholder = QLabel(self.content)
        self.placeholder.setWordWrap(True)
        layout = QVBoxLayout(self.content)
        layout.addWidget(self.placeholder)
        self.finish_setup()

    def title(self) -> str:
        return self.tr("Network")

    def retranslate_ui(self) -> None:
        self.placeholder.setText(
            self.tr(
                "A network you draw (book ch. 3): layers and neurons on a canvas, editable weight matrices kept in sync, and the forward pass shown live at every neuron. Coming in the next release."
            )
        )
