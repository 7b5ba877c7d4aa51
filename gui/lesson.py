"""The lesson side panel: what to try, the formula, the book section, questions.

Texts are HTML files ``resources/lessons/<key>.<lang>.html`` written in the project's own
words, one per tab and language.
"""

from __future__ import annotations

from PySide6.QtWidgets import QTextBrowser, QWidget

import resources
from gui.i18n import LanguageManager

__all__ = ["LessonPanel"]


class LessonPanel(QTextBrowser):
    """Shows the lesson for ``key`` in the current language (falls back to English)."""

    def __init__(self, key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self.setObjectName(f"{key}Lesson")
        self.setOpenExternalLinks(True)
        self.setMinimumWidth(220)
        self.reload()

    def reload(self) -> None:
        lang = LanguageManager.instance().current
        for code in (lang, "en"):
            file = resources.path("lessons", f"{self.key}.{code}.html")
            if file.exists():
                self.setHtml(file.read_text(encoding="utf-8"))
                return
        self.setPlainText("")
