"""The Training tab (placeholder until its issue lands)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from gui.tabs.base import LabTab

__all__ = ["TrainingTab"]


class TrainingTab(LabTab):
    """Training: Mini-batch training (book ch. 4.5, 5, 6): a small network learning in a worker thread with live loss and accuracy, on bundled or your own data. Coming in the next release."""

    lesson_key = "training"
    object_name = "trainingTab"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.placeholder = QLabel(self.content)
        self.placeholder.setWordWrap(True)
        layout = QVBoxLayout(self.content)
        layout.addWidget(self.placeholder)
        self.finish_setup()

    def title(self) -> str:
        return self.tr("Training")

    def retranslate_ui(self) -> None:
        self.placeholder.setText(
            self.tr(
                "Mini-batch training (book ch. 4.5, 5, 6): a small network learning in a worker thread with live loss and accuracy, on bundled or your own data. Coming in the next release."
            )
        )
