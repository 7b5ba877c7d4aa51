"""The frozen app: packaging/zerokara-lab.spec builds a one-folder app with PyInstaller that
starts, passes its smoke test and carries every resource (translations, icons, lessons, data).

Slow (about 20–60 s of build on two cores); CI runs it with the rest of the suite.
"""

import importlib.util
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from gui import registry

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "packaging" / "zerokara-lab.spec"

pytestmark = pytest.mark.slow


def _resource_files(folder: Path) -> set[str]:
    """Data files under a resources folder, as the spec selects them."""
    return {
        str(path.relative_to(folder))
        for path in folder.rglob("*")
        if path.is_file()
        and "__pycache__" not in path.parts
        and not path.name.endswith((".py", ".pyc", ".ts"))
    }


@pytest.fixture(scope="module")
def frozen_app(tmp_path_factory) -> Path:
    if importlib.util.find_spec("PyInstaller") is None:
        if os.environ.get("CI"):
            pytest.fail("PyInstaller is missing in CI: pip install -e '.[freeze]'")
        pytest.skip("PyInstaller not installed (pip install -e '.[freeze]')")
    build = tmp_path_factory.mktemp("freeze")
    started = time.monotonic()
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--log-level=WARN",
            "--distpath",
            str(build / "dist"),
            "--workpath",
            str(build / "work"),
            str(SPEC),
        ],
        cwd=build,
        capture_output=True,
        text=True,
        timeout=1200,
    )
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-5000:]
    folder = build / "dist" / "zerokara-lab"
    size = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())
    print(f"\nfrozen build: {time.monotonic() - started:.0f} s, {size / 2**20:.0f} MiB")
    return folder


def test_frozen_app_carries_every_resource(frozen_app):
    bundled = frozen_app / "_internal" / "resources"
    assert _resource_files(ROOT / "resources") <= _resource_files(bundled)
    assert (bundled / "translations" / "zerokara_ja.qm").is_file()
    assert (bundled / "icons" / "zerokara-lab-256.png").is_file()


def test_frozen_app_passes_smoke_test(frozen_app, tmp_path):
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(tmp_path),
        "XDG_CONFIG_HOME": str(tmp_path / "cfg"),
        "QT_QPA_PLATFORM": "offscreen",
    }
    shots = tmp_path / "shots"
    proc = subprocess.run(
        [
            str(frozen_app / "zerokara-lab"),
            "--smoke-test",
            "--lang",
            "ja",
            "--screenshot",
            str(shots),
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    output = proc.stdout + proc.stderr
    assert proc.returncode == 0, output
    assert "smoke test passed" in proc.stdout, output
    assert "Traceback" not in output and "QThread: Destroyed" not in output
    assert sorted(p.name for p in shots.glob("*.png")) == sorted(
        f"{key}.png" for key in registry.tab_keys()
    )


def test_frozen_app_installs_its_own_desktop_entry(frozen_app, tmp_path):
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "QT_QPA_PLATFORM": "offscreen"}
    proc = subprocess.run(
        [str(frozen_app / "zerokara-lab"), "--install-desktop"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    entry = tmp_path / ".local" / "share" / "applications" / "zerokara-lab.desktop"
    exec_line = next(line for line in entry.read_text().splitlines() if line.startswith("Exec="))
    assert exec_line == f"Exec={(frozen_app / 'zerokara-lab').resolve()} %f"


def test_frozen_app_on_a_real_x_display(frozen_app, tmp_path):
    """The bundled xcb platform plugin and its libraries work: smoke test under Xvfb."""
    xvfb_run = shutil.which("xvfb-run")
    if xvfb_run is None:
        if os.environ.get("CI"):
            pytest.fail("xvfb-run is missing in CI (apt-get install xvfb xauth)")
        pytest.skip("xvfb-run not installed")
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "QT_QPA_PLATFORM": "xcb"}
    proc = subprocess.run(
        [xvfb_run, "-a", "-s", "-screen 0 1600x1000x24", str(frozen_app / "zerokara-lab")]
        + ["--smoke-test"],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0 and "smoke test passed" in proc.stdout, proc.stdout + proc.stderr
