"""GUI fixtures: sandboxed QSettings, English by default, and no QThread left running."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, QThread

from gui.app import configure_application
from gui.i18n import LanguageManager

_started: list[QThread] = []
_original_start = QThread.start


def _recording_start(self, *args, **kwargs):
    _started.append(self)
    return _original_start(self, *args, **kwargs)


QThread.start = _recording_start


@pytest.fixture(autouse=True)
def _sandbox(qapp, tmp_path, monkeypatch):
    """Each test gets its own empty settings and data folders and the English UI."""
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "cfg"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    # QStandardPaths (autosaves, AppDataLocation) follows XDG_DATA_HOME, then HOME
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    configure_application(qapp)
    LanguageManager.instance().set_language("en", save=False)
    yield
    LanguageManager.instance().set_language("en", save=False)


@pytest.fixture(autouse=True)
def _no_thread_left(qapp):
    """Fail any test that leaves a QThread running (napari-style)."""
    _started.clear()
    yield
    running = []
    for thread in list(_started):
        try:
            alive = thread.isRunning()
        except RuntimeError:  # C++ object already deleted: it was joined and freed
            continue
        if alive and not thread.wait(2000):
            running.append(thread.objectName() or repr(thread))
    _started.clear()
    assert not running, f"test left QThread(s) running: {running}"


@pytest.fixture
def window(qtbot):
    """The real main window, shown, closed (workers joined) after the test."""
    from gui.main_window import MainWindow

    win = MainWindow()
    # no modal "unsaved changes?" box on a real (xcb) screen: nobody is there to answer
    win.project.confirm_unsaved = False
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.close()
