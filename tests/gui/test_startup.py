"""Start-up builds the shown tab first and the hidden ones right after the first paint."""

from PySide6.QtCore import QCoreApplication, QEvent, QSettings
from PySide6.QtWidgets import QTabWidget

from gui.main_window import MainWindow
from gui.registry import tab_keys


def dispose(win):
    """Close and really delete the window (a closed one would still get LanguageChange)."""
    win.finish_building()
    win.project.confirm_unsaved = False  # never a modal box (on xcb nobody answers it)
    win.close()
    win.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def test_deferred_window_builds_hidden_tabs_after_the_first_paint(qtbot):
    QSettings().setValue("window/tab", 3)  # the Training tab was open last time
    win = MainWindow(defer_hidden_tabs=True)
    tabs = win.findChild(QTabWidget, "tabs")
    # before the first paint: only the Training tab exists, the tab bar is complete
    assert tabs.currentWidget().objectName() == "trainingTab"
    assert [tabs.widget(i).objectName() for i in range(3)] == ["", "", ""]
    assert [tabs.tabText(i) for i in range(4)] == ["Gates", "Network", "Descent", "Training"]
    assert win.project is None
    ready = []
    win.when_ready(lambda: ready.append(win.project is not None))
    win.show()
    qtbot.waitUntil(lambda: ready == [True], timeout=5000)
    assert [tabs.widget(i).objectName() for i in range(4)] == [
        "gatesTab",
        "networkTab",
        "descentTab",
        "trainingTab",
    ]
    assert tabs.currentWidget().objectName() == "trainingTab"  # still where the user was
    assert [a.text() for a in win.file_menu.actions() if a.text()]  # the project's menu
    assert win.windowTitle() == "Untitled[*] — Zerokara Lab"
    win.when_ready(lambda: ready.append("now"))  # once ready, a callback runs at once
    assert ready == [True, "now"]
    dispose(win)


def test_asking_for_a_hidden_tab_builds_it_at_once(qtbot):
    QSettings().setValue("window/tab", 0)
    win = MainWindow(defer_hidden_tabs=True)
    tab = win.tab("network")  # before any paint
    assert tab.objectName() == "networkTab"
    assert win.tabs.indexOf(tab) == tab_keys().index("network")
    assert win.tabs.currentWidget().objectName() == "gatesTab"
    win.show_tab("network")
    assert win.tabs.currentWidget() is tab
    win.finish_building()
    assert win.project is not None
    dispose(win)


def test_language_switch_before_the_hidden_tabs_exist(qtbot):
    win = MainWindow(defer_hidden_tabs=True)
    win.set_language("ja")
    tabs = win.findChild(QTabWidget, "tabs")
    titles = [tabs.tabText(i) for i in range(4)]
    assert "Gates" not in titles  # translated although not built
    win.finish_building()
    assert [tabs.tabText(i) for i in range(4)] == titles
    win.set_language("en")
    dispose(win)


_FIRST_PAINT_IMPORTS = r"""
import sys
from PySide6.QtWidgets import QApplication
from gui.app import configure_application
from gui.main_window import MainWindow

app = QApplication([])
configure_application(app)
window = MainWindow(defer_hidden_tabs=True)
print(" ".join(sorted(m for m in sys.modules if m.startswith(("gui.tabs.", "pyqtgraph")))))
window.finish_building()
print(" ".join(sorted(m for m in sys.modules if m.startswith(("gui.tabs.", "pyqtgraph")))))
"""


def test_only_the_shown_tabs_code_is_imported_before_the_first_paint(tmp_path):
    """A fresh start imports the Gates tab's modules only; the rest come with their tabs.

    pyqtgraph too (~half of a bare start-up): the Gates plot is plain Qt, and the other tabs
    bring pyqtgraph, configured by gui.plotting, when they are built after the first paint.
    """
    import subprocess
    import sys
    from pathlib import Path

    from tests.tools.sandbox import sandbox_env

    root = Path(__file__).resolve().parents[2]
    out = subprocess.run(
        [sys.executable, "-c", _FIRST_PAINT_IMPORTS],
        env=sandbox_env(tmp_path),
        cwd=root,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    ).stdout.splitlines()
    before, after = (set(line.split()) for line in out[-2:])
    assert "gui.tabs.gates" in before
    assert not {"gui.tabs.network", "gui.tabs.descent", "gui.tabs.training"} & before
    assert {"gui.tabs.network", "gui.tabs.descent", "gui.tabs.training"} <= after
    assert not any(m.startswith("pyqtgraph") for m in before), before
    assert "pyqtgraph" in after
