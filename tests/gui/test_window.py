"""The window as a user meets it: tabs, menus, language switch, geometry, clean close."""

import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QTabWidget

from gui import registry
from gui.i18n import tab_title
from gui.main_window import MainWindow
from gui.registry import tab_keys

ROOT = Path(__file__).resolve().parents[2]


def test_window_has_four_tabs(window):
    assert window.objectName() == "mainWindow"
    assert window.windowTitle() == "Untitled[*] — Zerokara Lab"  # project name, [*] modified
    tabs = window.findChild(QTabWidget, "tabs")
    # every tab of the registry, in its order, with its title and objectName
    assert [tabs.tabText(i) for i in range(tabs.count())] == [
        tab_title(spec) for spec in registry.TABS
    ]
    assert [tabs.tabText(i) for i in range(4)] == ["Gates", "Network", "Descent", "Training"]
    assert [tabs.widget(i).objectName() for i in range(tabs.count())] == [
        spec.object_name for spec in registry.TABS
    ]
    assert [
        m.title().replace("&", "") for m in (window.file_menu, window.view_menu, window.help_menu)
    ] == ["File", "View", "Help"]


def test_tab_shortcuts(window, qtbot):
    window.tab_actions[2].trigger()
    assert window.tabs.currentWidget().objectName() == "descentTab"


def test_geometry_and_tab_restored(qtbot):
    first = MainWindow()
    qtbot.addWidget(first)
    first.show()
    qtbot.waitExposed(first)
    first.resize(700, 500)  # the offscreen screen is 800 × 600
    first.show_tab("training")
    first.close()
    assert QSettings().value("window/tab", type=int) == 3
    second = MainWindow()
    qtbot.addWidget(second)
    assert second.size().width() == 700 and second.size().height() == 500
    assert second.tabs.currentWidget().objectName() == "trainingTab"
    second.close()


def test_language_switch_without_restart(window):
    window.set_language("ja")
    assert window.file_menu.title().replace("&", "") != "File"
    assert window.tabs.tabText(0) != "Gates"
    window.set_language("en")
    assert window.tabs.tabText(0) == "Gates"


def test_lesson_toggle_hides_every_panel(window):
    window.lesson_action.setChecked(False)
    assert all(not window.tab(k).lesson.isVisible() for k in tab_keys())
    window.lesson_action.setChecked(True)
    assert window.tab("gates").lesson.isVisibleTo(window)


def run_main(tmp_path, *args: str) -> subprocess.CompletedProcess:
    """``main.py args`` in a bare environment (as a desktop launcher gives it), offscreen,
    with its home in ``tmp_path``; fails unless it exits 0."""
    env = {
        "QT_QPA_PLATFORM": "offscreen",
        "HOME": str(tmp_path),
        "XDG_CONFIG_HOME": str(tmp_path / "cfg"),
        "PATH": "/usr/bin:/bin",
    }
    proc = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    return proc


def test_main_py_smoke_test_subprocess(tmp_path):
    proc = run_main(tmp_path, "--smoke-test", "--lang", "ja")
    assert "smoke test passed" in proc.stdout
    assert "QThread" not in proc.stderr


def test_screenshots_not_blank(tmp_path):
    out = tmp_path / "shots"
    run_main(tmp_path, "--screenshot", str(out))
    from PySide6.QtGui import QImage

    for key in tab_keys():
        image = QImage(str(out / f"{key}.png"))
        assert image.width() >= 800 and image.height() >= 500
        colours = {
            image.pixel(x, y)
            for x in range(0, image.width(), 7)
            for y in range(0, image.height(), 7)
        }
        assert len(colours) > 20, f"{key}.png looks blank"
