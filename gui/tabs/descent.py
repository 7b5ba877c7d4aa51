"""The Descent tab (placeholder until its issue lands)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from gui.tabs.base import LabTab

__all__ = ["DescentTab"]


class DescentTab(LabTab):
    """Descent: Gradient descent (book ch. 4.3-4.4, 6.1): live trajectories on 2-D functions, numerical gradients, learning rates and the book's optimizers racing each other. Coming in the next release."""

    lesson_key = "descent"
    object_name = "descentTab"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.placeholder = QLabel(self.content)
        self.placeholder.setWordWrap(True)
        layout = QVBoxLayout(self.content)
        layout.addWidget(self.placeholder)
        self.finish_setup()

    def title(self) -> str:
        return self.tr("Descent")

    def retranslate_ui(self) -> None:
        self.placeholder.setText(
            self.tr(
                "Gradient descent (book ch. 4.3-4.4, 6.1): live trajectories on 2-D functions, numerical gradients, learning rates and the book's optimizers racing each other. Coming in the next release."
            )
        )
