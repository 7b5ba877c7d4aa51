"""Desktop integration: the menu entry validates, installs into a user's data folders with
this installation's launcher, registers *.zkl.json, and uninstalls cleanly; the icons exist."""

import shlex
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import resources
from gui import desktop

ROOT = Path(__file__).resolve().parent.parent
VALIDATE = shutil.which("desktop-file-validate")
needs_validator = pytest.mark.skipif(
    VALIDATE is None, reason="desktop-file-validate missing (apt-get install desktop-file-utils)"
)


def validate(path: Path) -> None:
    proc = subprocess.run([VALIDATE, str(path)], capture_output=True, text=True)
    assert proc.returncode == 0 and "error" not in proc.stdout, proc.stdout + proc.stderr


def entry_values(text: str) -> dict[str, str]:
    return dict(line.split("=", 1) for line in text.splitlines() if "=" in line)


@pytest.fixture
def home(tmp_path) -> dict[str, str]:
    """An environment whose HOME is an empty temp folder (no XDG_* overrides)."""
    home = tmp_path / "home dir"  # a space, to exercise Exec quoting
    home.mkdir()
    return {"HOME": str(home), "PATH": "/usr/bin:/bin"}


@needs_validator
def test_bundled_desktop_file_validates():
    validate(resources.path("desktop", "zerokara-lab.desktop"))


def test_mime_type_globs_project_files():
    root = ET.parse(resources.path("desktop", "zerokara-lab-mime.xml")).getroot()
    ns = {"m": "http://www.freedesktop.org/standards/shared-mime-info"}
    mime = root.find("m:mime-type", ns)
    assert mime.get("type") == desktop.MIME_TYPE
    assert [g.get("pattern") for g in mime.findall("m:glob", ns)] == ["*.zkl.json"]
    values = entry_values(resources.path("desktop", "zerokara-lab.desktop").read_text())
    assert values["MimeType"] == desktop.MIME_TYPE + ";"
    assert values["Exec"].endswith(" %f") and values["Icon"] == "zerokara-lab"


@pytest.mark.parametrize(
    "arg, expected",
    [
        ("/opt/zl/bin/zerokara-lab", "/opt/zl/bin/zerokara-lab"),
        ("/home/a b/zerokara-lab", '"/home/a b/zerokara-lab"'),
        ("/x/100%/zl", "/x/100%%/zl"),
        ('/x/"q"$/zl', '"/x/\\\\"q\\\\"\\\\$/zl"'),
    ],
)
def test_exec_quoting_follows_the_spec(arg, expected):
    assert desktop.exec_quote(arg) == expected


def test_launcher_is_an_absolute_existing_command():
    command = desktop.launcher_command()
    assert all(Path(part).is_absolute() for part in command)
    assert Path(command[0]).exists()


def test_install_writes_entry_icons_and_mime_type(home):
    launcher = Path(home["HOME"]) / "venv" / "bin" / "zerokara-lab"
    report = desktop.install([str(launcher)], env=home)
    share = Path(home["HOME"]) / ".local" / "share"
    entry = share / "applications" / "zerokara-lab.desktop"
    assert entry in report.files
    values = entry_values(entry.read_text(encoding="utf-8"))
    assert values["Exec"] == f'"{launcher}" %f'
    assert values["TryExec"] == str(launcher)
    for size in desktop.ICON_SIZES:
        png = share / "icons" / "hicolor" / f"{size}x{size}" / "apps" / "zerokara-lab.png"
        assert png.read_bytes() == resources.path("icons", f"zerokara-lab-{size}.png").read_bytes()
    assert (share / "icons" / "hicolor" / "scalable" / "apps" / "zerokara-lab.svg").exists()
    assert (share / "mime" / "packages" / "zerokara-lab.xml").exists()
    mimeapps = Path(home["HOME"]) / ".config" / "mimeapps.list"
    assert f"{desktop.MIME_TYPE}=zerokara-lab.desktop" in mimeapps.read_text().splitlines()
    assert mimeapps in report.edited
    if shutil.which("update-mime-database"):
        # the user's MIME database now maps *.zkl.json to the project type
        globs = (share / "mime" / "globs2").read_text()
        assert f"{desktop.MIME_TYPE}:*.zkl.json" in globs
    else:
        assert any("update-mime-database" in note for note in report.notes)
    if VALIDATE:
        validate(entry)


def test_install_twice_then_uninstall_leaves_other_defaults(home):
    config = Path(home["HOME"]) / ".config"
    config.mkdir()
    (config / "mimeapps.list").write_text(
        "[Default Applications]\ntext/plain=gedit.desktop\n\n[Added Associations]\n"
        "image/png=eog.desktop;\n"
    )
    desktop.install(["/opt/zl/zerokara-lab"], env=home)
    desktop.install(["/opt/zl/zerokara-lab"], env=home)
    lines = (config / "mimeapps.list").read_text().splitlines()
    assert lines.count(f"{desktop.MIME_TYPE}=zerokara-lab.desktop") == 1
    assert lines.index(f"{desktop.MIME_TYPE}=zerokara-lab.desktop") < lines.index(
        "[Added Associations]"
    )
    report = desktop.uninstall(env=home)
    share = Path(home["HOME"]) / ".local" / "share"
    assert not (share / "applications" / "zerokara-lab.desktop").exists()
    assert not list(share.glob("icons/hicolor/*/apps/zerokara-lab.*"))
    assert not (share / "mime" / "packages" / "zerokara-lab.xml").exists()
    assert report.files
    text = (config / "mimeapps.list").read_text()
    assert desktop.MIME_TYPE not in text
    assert "text/plain=gedit.desktop" in text and "image/png=eog.desktop;" in text


def test_command_line_install_uses_xdg_data_home(tmp_path):
    env = {
        "HOME": str(tmp_path / "home"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_CONFIG_HOME": str(tmp_path / "cfg"),
        "PATH": "/usr/bin:/bin",
        "QT_QPA_PLATFORM": "offscreen",
    }
    proc = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--install-desktop"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    entry = tmp_path / "data" / "applications" / "zerokara-lab.desktop"
    assert str(entry) in proc.stdout
    exec_value = entry_values(entry.read_text())["Exec"]
    assert exec_value.endswith(" %f") and desktop.launcher_command()[0] in exec_value
    proc = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--uninstall-desktop"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert not entry.exists()


def test_icons_exist_in_every_size_and_are_not_blank(qapp):
    from PySide6.QtGui import QImage
    from PySide6.QtSvg import QSvgRenderer

    assert QSvgRenderer(str(resources.path("icons", "zerokara-lab.svg"))).isValid()
    for size in desktop.ICON_SIZES:
        image = QImage(str(resources.path("icons", f"zerokara-lab-{size}.png")))
        assert (image.width(), image.height()) == (size, size)
        colours = {image.pixel(x, y) for x in range(size) for y in range(size)}
        assert len(colours) > 4


def test_window_icon_is_set(qapp):
    from gui.app import configure_application

    configure_application(qapp)
    icon = qapp.windowIcon()
    assert not icon.isNull()
    assert icon.pixmap(16, 16).width() == 16 and icon.pixmap(256, 256).width() == 256
    assert qapp.desktopFileName() == "zerokara-lab"


def test_double_click_runs_the_entry_exec_line_with_the_project(home, tmp_path):
    """What the file manager does on a double-click: the installed entry's Exec, %f = file."""
    desktop.install(env=home)  # this installation's real launcher
    entry = Path(home["HOME"]) / ".local" / "share" / "applications" / "zerokara-lab.desktop"
    exec_value = entry_values(entry.read_text())["Exec"].replace("\\\\", "\\")
    project = tmp_path / "my net.zkl.json"
    try:  # a real, empty project once engine.project exists
        from engine import project as project_io

        project_io.save(project, project_io.new_document())
    except ImportError:
        project.write_text('{"schema_version": 1, "tabs": {}}')
    argv = [project.as_posix() if part == "%f" else part for part in shlex.split(exec_value)]
    assert argv.count(project.as_posix()) == 1
    env = dict(home, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path / "cfg"))
    proc = subprocess.run(
        [*argv, "--smoke-test"], env=env, capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "smoke test passed" in proc.stdout
