"""The Gates tab (placeholder until its issue lands)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from gui.tabs.base import LabTab

__all__ = ["GatesTab"]


class GatesTab(LabTab):
    """Gates: Perceptron gates (book ch. 2): a truth-table editor for AND, OR, NAND, XOR and more, with weights, bias, the decision line, learning, and why XOR needs two layers. Coming in the next release."""

    lesson_key = "gates"
    object_name = "gatesTab"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.placeholder = QLabel(self.content)
        self.placeholder.setWordWrap(True)
        layout = QVBoxLayout(self.content)
        layout.addWidget(self.placeholder)
        self.finish_setup()

    def title(self) -> str:
        return self.tr("Gates")

    def retranslate_ui(self) -> None:
        self.placeholder.setText(
            self.tr(
                "Perceptron gates (book ch. 2): a truth-table editor for AND, OR, NAND, XOR and more, with weights, bias, the decision line, learning, and why XOR needs two layers. Coming in the next release."
            )
        )
