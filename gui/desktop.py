"""Desktop integration for the current user: menu entry, icons and the project MIME type.

``zerokara-lab --install-desktop`` (or ``python -m gui.desktop install``) writes

* ``$XDG_DATA_HOME/applications/zerokara-lab.desktop`` whose ``Exec`` is the absolute path
  of this installation's ``zerokara-lab`` launcher (the venv's script, or the frozen app),
* the icon into ``$XDG_DATA_HOME/icons/hicolor/<size>/apps`` (PNG sizes and the SVG),
* the ``application/x-zerokara-project`` type (``*.zkl.json``) into
  ``$XDG_DATA_HOME/mime/packages``, refreshed with ``update-mime-database`` when present,
* Zerokara Lab as that type's default application in ``$XDG_CONFIG_HOME/mimeapps.list``,

so that the app appears in the desktop's menu and a double-click on a project opens it.
``--uninstall-desktop`` removes exactly those files and the default-application line.
No Qt here: it runs before (and without) a QApplication.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import resources

__all__ = [
    "APP_ID",
    "DESKTOP_FILE",
    "ICON_SIZES",
    "MIME_TYPE",
    "InstallReport",
    "desktop_entry",
    "exec_quote",
    "install",
    "launcher_command",
    "main",
    "uninstall",
]

APP_ID = "zerokara-lab"
DESKTOP_FILE = f"{APP_ID}.desktop"
MIME_TYPE = "application/x-zerokara-project"
MIME_FILE = f"{APP_ID}.xml"
ICON_SIZES = (16, 32, 48, 64, 128, 256)
_DEFAULTS_GROUP = "[Default Applications]"


@dataclass
class InstallReport:
    """What an install or uninstall did: files written/removed and notes for the user."""

    files: list[Path] = field(default_factory=list)
    edited: list[Path] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def text(self, verb: str) -> str:
        lines = [f"{verb} {path}" for path in self.files]
        lines += [f"updated {path}" for path in self.edited]
        return "\n".join(lines + self.notes)


def _data_home(env: dict[str, str]) -> Path:
    value = env.get("XDG_DATA_HOME", "")
    if value and os.path.isabs(value):
        return Path(value)
    return Path(env.get("HOME") or Path.home()) / ".local" / "share"


def _config_home(env: dict[str, str]) -> Path:
    value = env.get("XDG_CONFIG_HOME", "")
    if value and os.path.isabs(value):
        return Path(value)
    return Path(env.get("HOME") or Path.home()) / ".config"


def launcher_command() -> list[str]:
    """The absolute command that starts this installation of Zerokara Lab.

    A frozen (PyInstaller) app is its own executable; an installed package has a
    ``zerokara-lab`` script beside its interpreter (the venv's ``bin``); a plain source
    checkout falls back to ``python main.py``.
    """
    if getattr(sys, "frozen", False):
        return [str(Path(sys.executable).resolve())]
    bindir = Path(sys.executable).parent
    script = bindir / APP_ID
    if script.is_file() and os.access(script, os.X_OK):
        return [str(script.absolute())]
    main_py = resources.ROOT.parent / "main.py"
    return [str(Path(sys.executable).absolute()), str(main_py)]


def exec_quote(arg: str) -> str:
    """One argument as the Desktop Entry spec wants it in ``Exec`` (quoting, then escaping).

    Arguments with reserved characters are double-quoted with ``"`, ``$``, `` ` `` and ``\\``
    backslash-escaped; ``%`` is doubled; then the value's own backslashes are escaped
    (the spec's string-type escaping applies to the whole value).
    """
    arg = arg.replace("%", "%%")
    reserved = set(" \t\n\"'\\><~|&;$*?#()`")
    if any(c in reserved for c in arg):
        inner = "".join("\\" + c if c in '"`$\\' else c for c in arg)
        arg = f'"{inner}"'
    return arg.replace("\\", "\\\\")


def desktop_entry(command: Sequence[str]) -> str:
    """The bundled ``.desktop`` template with ``Exec``/``TryExec`` set to ``command``."""
    template = resources.path("desktop", DESKTOP_FILE).read_text(encoding="utf-8")
    exec_line = " ".join(exec_quote(a) for a in command) + " %f"
    lines = []
    for line in template.splitlines():
        if line.startswith("Exec="):
            line = "Exec=" + exec_line
        elif line.startswith("TryExec="):
            line = "TryExec=" + command[0].replace("\\", "\\\\")
        lines.append(line)
    return "\n".join(lines) + "\n"


def _icon_targets(data_home: Path) -> list[tuple[Path, Path]]:
    hicolor = data_home / "icons" / "hicolor"
    pairs = [
        (resources.path("icons", f"{APP_ID}-{size}.png"), hicolor / f"{size}x{size}" / "apps")
        for size in ICON_SIZES
    ]
    pairs.append((resources.path("icons", f"{APP_ID}.svg"), hicolor / "scalable" / "apps"))
    return [
        (source, folder / f"{APP_ID}{source.suffix}")
        for source, folder in pairs  # e.g. .../48x48/apps/zerokara-lab.png
    ]


def _run(tool: str, *args: str, report: InstallReport) -> bool:
    """Run an optional desktop tool; True if it ran and succeeded."""
    exe = shutil.which(tool)
    if exe is None:
        return False
    try:
        proc = subprocess.run([exe, *args], capture_output=True, text=True, timeout=60, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        report.notes.append(f"{tool} failed: {exc}")
        return False
    if proc.returncode != 0:
        report.notes.append(f"{tool} failed: {proc.stderr.strip() or proc.returncode}")
        return False
    return True


def _refresh(data_home: Path, report: InstallReport) -> None:
    mime_dir = data_home / "mime"
    if (mime_dir / "packages").is_dir():
        if shutil.which("update-mime-database") is None:
            report.notes.append(
                f"update-mime-database not found: the project type was copied to "
                f"{mime_dir}/packages; install shared-mime-info (or log out and in) so the "
                "desktop picks it up."
            )
        else:
            _run("update-mime-database", str(mime_dir), report=report)
    apps = data_home / "applications"
    if apps.is_dir():
        _run("update-desktop-database", "-q", str(apps), report=report)
    hicolor = data_home / "icons" / "hicolor"
    if hicolor.is_dir():
        _run("gtk-update-icon-cache", "-q", "-t", "-f", str(hicolor), report=report)


def _set_default(config_home: Path, enable: bool) -> Path | None:
    """Add (or remove) ``MIME_TYPE=zerokara-lab.desktop`` in mimeapps.list's defaults."""
    path = config_home / "mimeapps.list"
    lines = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
    if not enable and not path.exists():
        return None
    out: list[str] = []
    in_defaults = False
    placed = False
    for line in lines:
        stripped = line.strip()
        if stripped.startswith("["):
            if in_defaults and enable and not placed:
                out.append(f"{MIME_TYPE}={DESKTOP_FILE}")
                placed = True
            in_defaults = stripped == _DEFAULTS_GROUP
        elif in_defaults and stripped.split("=", 1)[0].strip() == MIME_TYPE:
            continue  # replaced below (or removed)
        out.append(line)
    if enable and not placed:
        if not in_defaults:
            if out and out[-1].strip():
                out.append("")
            out.append(_DEFAULTS_GROUP)
        out.append(f"{MIME_TYPE}={DESKTOP_FILE}")
    if out == lines:
        return None
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text("\n".join(out) + "\n", encoding="utf-8")
    os.replace(tmp, path)
    return path


def install(
    command: Sequence[str] | None = None, env: dict[str, str] | None = None
) -> InstallReport:
    """Install the menu entry, icons and MIME type for the current user."""
    env = dict(os.environ if env is None else env)
    command = list(command or launcher_command())
    data_home = _data_home(env)
    report = InstallReport()

    desktop = data_home / "applications" / DESKTOP_FILE
    desktop.parent.mkdir(parents=True, exist_ok=True)
    desktop.write_text(desktop_entry(command), encoding="utf-8")
    report.files.append(desktop)

    for source, target in _icon_targets(data_home):
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
        report.files.append(target)

    mime = data_home / "mime" / "packages" / MIME_FILE
    mime.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(resources.path("desktop", f"{APP_ID}-mime.xml"), mime)
    report.files.append(mime)

    defaults = _set_default(_config_home(env), enable=True)
    if defaults is not None:
        report.edited.append(defaults)
    _refresh(data_home, report)
    report.notes.append(f"Zerokara Lab starts with: {' '.join(command)}")
    return report


def uninstall(env: dict[str, str] | None = None) -> InstallReport:
    """Remove what ``install`` wrote (other applications' files are left alone)."""
    env = dict(os.environ if env is None else env)
    data_home = _data_home(env)
    report = InstallReport()
    targets = [data_home / "applications" / DESKTOP_FILE]
    targets += [target for _source, target in _icon_targets(data_home)]
    targets.append(data_home / "mime" / "packages" / MIME_FILE)
    for target in targets:
        if target.exists():
            target.unlink()
            report.files.append(target)
    defaults = _set_default(_config_home(env), enable=False)
    if defaults is not None:
        report.edited.append(defaults)
    _refresh(data_home, report)
    return report


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m gui.desktop install|uninstall [--exec PATH]``."""
    parser = argparse.ArgumentParser(prog="python -m gui.desktop", description=__doc__)
    parser.add_argument("action", choices=["install", "uninstall"])
    parser.add_argument(
        "--exec", dest="command", metavar="PATH", help="launcher to put in the menu entry"
    )
    args = parser.parse_args(list(sys.argv[1:] if argv is None else argv))
    try:
        if args.action == "install":
            command = [str(Path(args.command).absolute())] if args.command else None
            print(install(command).text("installed"))
        else:
            print(uninstall().text("removed") or "nothing to remove")
    except OSError as exc:
        print(f"zerokara-lab: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
