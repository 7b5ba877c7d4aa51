"""Languages: Qt translators for our strings and Qt's own, switchable at run time.

The language comes from ``--lang``, else from QSettings ("language"), else from the
system locale (Japanese if it is Japanese, English otherwise). Switching installs new
translators; Qt then sends every widget a ``LanguageChange`` event and each tab
re-labels itself (``LabTab.retranslate_ui``), so no restart is needed.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QObject, QSettings, QTranslator
from PySide6.QtGui import QFontDatabase

import resources
from gui.models.settings import CONTEXT, QT_TRANSLATE_NOOP, SettingError
from gui.registry import TabSpec
from gui.text import tr_fmt

__all__ = [
    "LANGUAGES",
    "LanguageManager",
    "system_language",
    "japanese_font_families",
    "setting_error_text",
    "error_text",
    "tab_title",
]

#: How a refusal joins the field's name and the reason.
QT_TRANSLATE_NOOP("Settings", "%1: %2")

#: Language codes and their names as shown in the View menu (each in its own language).
LANGUAGES = {"en": "English", "ja": "日本語"}


def system_language() -> str:
    """``"ja"`` when the system locale is Japanese, else ``"en"``."""
    return "ja" if QLocale.system().language() == QLocale.Language.Japanese else "en"


def japanese_font_families() -> list[str]:
    """Installed font families that can write Japanese (empty if none: text shows boxes)."""
    return QFontDatabase.families(QFontDatabase.WritingSystem.Japanese)


class LanguageManager(QObject):
    """Owns the installed translators; one per application (a child of it)."""

    def __init__(self, app: QCoreApplication) -> None:
        super().__init__(app)
        self.setObjectName("languageManager")
        self._translators: list[QTranslator] = []
        self.current = "en"

    @classmethod
    def instance(cls) -> LanguageManager:
        """The application's manager, created on first use."""
        app = QCoreApplication.instance()
        assert app is not None, "a QApplication must exist"
        found = app.findChild(LanguageManager, "languageManager")
        return found if found is not None else cls(app)

    @staticmethod
    def saved_language() -> str:
        value = QSettings().value("language", "", type=str)
        return value if value in LANGUAGES else system_language()

    def set_language(self, code: str, save: bool = True) -> bool:
        """Install the translators for ``code``; returns False for an unknown code."""
        if code not in LANGUAGES:
            return False
        app = QCoreApplication.instance()
        for translator in self._translators:
            app.removeTranslator(translator)
        self._translators = []
        if code != "en":
            ours = QTranslator(self)
            if ours.load(str(resources.path("translations", f"zerokara_{code}.qm"))):
                self._translators.append(ours)
            qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
            qtbase = QTranslator(self)
            if qtbase.load(QLocale(code), "qtbase", "_", qt_dir):
                self._translators.append(qtbase)
            for translator in self._translators:
                app.installTranslator(translator)
        self.current = code
        QLocale.setDefault(
            QLocale(QLocale.Language.Japanese if code == "ja" else QLocale.Language.English)
        )
        if save:
            QSettings().setValue("language", code)
        return True


def setting_error_text(error: SettingError) -> str:
    """The translated sentence of a refused setting: "Learning rate: Enter a number …"."""
    reason = tr_fmt(QCoreApplication.translate(CONTEXT, error.reason), *error.args)
    if not error.label:
        return reason
    label = QCoreApplication.translate(error.context, error.label)
    return tr_fmt(QCoreApplication.translate(CONTEXT, "%1: %2"), label, reason)


def error_text(error: BaseException) -> str:
    """What to show for a refused edit or state: the translated text of a SettingError,
    else the exception's own (already translated) message, else its type's name."""
    if isinstance(error, SettingError):
        return setting_error_text(error)
    return str(error) or type(error).__name__


def tab_title(spec: TabSpec) -> str:
    """A tab's title as the tab bar shows it (translated in the tab's context)."""
    return QCoreApplication.translate(spec.context, spec.title)
