"""zerokara.sh's set-up decisions on a fresh or half-set-up Debian (issue #15), without
installing anything: apt-get, dpkg-query, sudo and python3 are fakes on PATH that record
what they are asked to do.

The fake ``python3`` behaves like Debian's: ``-m venv DIR`` makes the venv's directories and
``bin/python``, and then, while its venv package is not installed, stops with Debian's
"ensurepip is not available" message, leaving the half-made venv behind (no pip in it).
The fake ``bin/python`` of a venv answers ``-m pip`` only when the venv got a pip, and
records ``pip install``, ``pytest`` and ``main.py`` runs. The fake apt-get marks packages as
installed for the fake dpkg-query. (Issue #15 steps 1-3 each fail with zerokara.sh of 07c0310.)
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "zerokara.sh"

pytestmark = pytest.mark.skipif(
    sys.platform == "win32" or shutil.which("bash") is None, reason="zerokara.sh is bash"
)

DPKG_QUERY = r"""#!/bin/bash
# dpkg-query -W -f='${db:Status-Abbrev} ${Package} ${Provides}\n': every package it knows
echo "dpkg-query $*" >> "$FAKE/queries"
while read -r line; do [ -z "$line" ] || echo "ii  $line"; done < "$FAKE/installed"
while read -r line; do [ -z "$line" ] || echo "rc  $line"; done < "$FAKE/removed"
"""

APT_GET = r"""#!/bin/bash
echo "apt-get $* [DEBIAN_FRONTEND=${DEBIAN_FRONTEND:-}]" >> "$FAKE/log"
if [ "$1" = install ]; then
  [ ! -e "$FAKE/apt-fails" ] || { echo "E: Unable to fetch some archives" >&2; exit 100; }
  for p in "$@"; do case $p in -*|install) ;; *) echo "$p" >> "$FAKE/installed";; esac; done
fi
"""

SUDO = r"""#!/bin/bash
echo "sudo $1" >> "$FAKE/log"
exec "$@"
"""

ID_NOT_ROOT = r"""#!/bin/bash
[ "$1" = -u ] && { echo 1000; exit 0; }
exec /usr/bin/id "$@"
"""

# A Python as the venv sees it. @ID@: "X.Y PREFIX"; @VENV_DEB@: the Debian package without
# which ``-m venv`` cannot install pip ("" for a Python that has ensurepip of its own).
PYTHON = r"""#!/bin/bash
ID="@ID@"
VENV_DEB="@VENV_DEB@"
if [ "$1" = -c ]; then echo "$ID"; exit 0; fi
if [ "$1" = -m ] && [ "$2" = venv ]; then
  dir=${@: -1}
  echo "venv $dir [$ID]" >> "$FAKE/log"
  mkdir -p "$dir/bin" "$dir/lib"
  printf 'home = %s/bin\nversion = %s\n' "${ID#* }" "${ID%% *}" > "$dir/pyvenv.cfg"
  sed "s|@VENV@|$dir|" "$FAKE/venv-python" > "$dir/bin/python"
  chmod +x "$dir/bin/python"
  if [ -n "$VENV_DEB" ] && ! grep -qx "$VENV_DEB" "$FAKE/installed" 2>/dev/null; then
    echo "The virtual environment was not created successfully because ensurepip is not"
    echo "available.  On Debian/Ubuntu systems, you need to install the python3-venv"
    echo "package using the following command."
    exit 1
  fi
  touch "$dir/lib/pip"
  exit 0
fi
echo "unexpected: python $*" >&2
exit 99
"""

VENV_PYTHON = r"""#!/bin/bash
ID="@ID@"
VENV="@VENV@"
if [ "$1" = -c ]; then echo "$ID"; exit 0; fi
if [ "$1" = -m ] && [ "$2" = pip ]; then
  [ -e "$VENV/lib/pip" ] || { echo "$VENV/bin/python: No module named pip" >&2; exit 1; }
  [ "$3" = --version ] && { echo "pip 23.0.1 from $VENV/lib/pip"; exit 0; }
  shift 2
  echo "pip $*" >> "$FAKE/log"
  [ ! -e "$FAKE/pip-fails" ] || { echo "ERROR: Could not find a version" >&2; exit 1; }
  exit 0
fi
if [ "$1" = -m ] && [ "$2" = pytest ]; then shift 2; echo "pytest $*" >> "$FAKE/log"; exit 0; fi
if [ "$1" = main.py ]; then shift; echo "main.py $*" >> "$FAKE/log"; exit 0; fi
echo "unexpected: venv python $*" >&2
exit 99
"""


def read_array(name: str) -> list[str]:
    """The words of a bash array assignment NAME=(...) in zerokara.sh."""
    match = re.search(rf"^{name}=\((.*?)\)", SCRIPT.read_text(), re.S | re.M)
    assert match, name
    return match.group(1).split()


APP_DEBS = read_array("APP_DEBS")


def default_python_version() -> str | None:
    """X.Y of Debian's default python3, if this machine has one."""
    if not Path("/usr/bin/python3").exists():
        return None
    out = subprocess.run(
        ["/usr/bin/python3", "-c", "import sys; print('%d.%d' % sys.version_info[:2])"],
        capture_output=True,
        text=True,
    )
    return out.stdout.strip() or None


def machine_venv_debs() -> str:
    """The venv package a Machine() without a version needs."""
    version = default_python_version()
    return "python3-venv" if version else "python3.11-venv"


class Machine:
    """A checkout of zerokara.sh on a pretend Debian machine, in tmp_path."""

    def __init__(self, tmp: Path, version: str | None = None, installed=()):
        self.root = tmp
        self.project = tmp / "zerokara-lab"
        self.project.mkdir(parents=True)
        shutil.copy(SCRIPT, self.project / "zerokara.sh")
        shutil.copy(ROOT / "pyproject.toml", self.project / "pyproject.toml")
        self.fake = tmp / "fake"
        self.fake.mkdir()
        self.bin = tmp / "bin"
        self.bin.mkdir()
        self.version = version or default_python_version() or "3.11"
        self.write("dpkg-query", DPKG_QUERY)
        self.write("apt-get", APT_GET)
        self.write("sudo", SUDO)
        self.python("python3", f"{self.version} /usr", self.venv_deb())
        (self.fake / "installed").write_text("".join(f"{p}\n" for p in installed))
        (self.fake / "removed").write_text("")
        self.venv = self.project / ".venv"

    def venv_deb(self) -> str:
        """What Debian calls the venv package of a /usr Python of this version."""
        return (
            "python3-venv"
            if self.version == default_python_version()
            else (f"python{self.version}-venv")
        )

    def write(self, name: str, text: str) -> Path:
        path = self.bin / name
        path.write_text(text)
        path.chmod(0o755)
        return path

    def python(self, name: str, ident: str, venv_deb: str = "") -> Path:
        """A fake Python reporting ``ident`` ("X.Y PREFIX"), and the venv python it makes."""
        (self.fake / "venv-python").write_text(VENV_PYTHON.replace("@ID@", ident))
        return self.write(name, PYTHON.replace("@ID@", ident).replace("@VENV_DEB@", venv_deb))

    def make_venv(self, python: str = "python3") -> int:
        """Run a fake Python's ``-m venv .venv`` by hand (as a user or an older script did)."""
        return subprocess.run(
            [str(self.bin / python), "-m", "venv", str(self.venv)],
            env=self.env(),
            capture_output=True,
        ).returncode

    def env(self, **extra: str) -> dict[str, str]:
        env = {
            "PATH": f"{self.bin}:/usr/bin:/bin",
            "HOME": str(self.root),
            "FAKE": str(self.fake),
            "LANG": "C.UTF-8",
        }
        env.update(extra)
        return env

    def run(self, *args: str, **extra: str) -> subprocess.CompletedProcess:
        (self.fake / "log").write_text("")
        return subprocess.run(
            ["bash", str(self.project / "zerokara.sh"), *args],
            env=self.env(**extra),
            capture_output=True,
            text=True,
            timeout=60,
        )

    def log(self) -> list[str]:
        return (self.fake / "log").read_text().splitlines()

    def apt_installs(self) -> list[str]:
        """The packages of every ``apt-get install`` in the last run."""
        names = []
        for line in self.log():
            if line.startswith("apt-get install"):
                words = line.split("[")[0].split()[2:]
                names += [w for w in words if not w.startswith("-")]
        return names

    def venv_runs(self) -> list[str]:
        return [line for line in self.log() if line.startswith("venv ")]

    def pip_installs(self) -> list[str]:
        return [line for line in self.log() if line.startswith("pip install")]


def explain(result: subprocess.CompletedProcess) -> str:
    return f"exit {result.returncode}\nstdout:\n{result.stdout}\nstderr:\n{result.stderr}"


def test_fresh_debian_gets_the_venv_package_before_the_venv(tmp_path):
    """Issue #15 step 1: Debian's python3 without python3-venv has no ensurepip."""
    machine = Machine(tmp_path)
    result = machine.run("test", "-q")
    assert result.returncode == 0, explain(result)
    installs = machine.apt_installs()
    assert machine.venv_deb() in installs
    assert set(APP_DEBS) <= set(installs)
    log = machine.log()
    first_venv = next(i for i, line in enumerate(log) if line.startswith("venv "))
    last_apt = max(i for i, line in enumerate(log) if line.startswith("apt-get install"))
    assert last_apt < first_venv, log
    assert len(machine.venv_runs()) == 1, log
    assert machine.pip_installs()[-1] == "pip install -q -e .[test]", log
    assert log[-1] == "pytest -q", log


def test_another_python_version_names_its_own_venv_package(tmp_path):
    machine = Machine(tmp_path, version="3.99")
    result = machine.run("run", "--lang", "ja")
    assert result.returncode == 0, explain(result)
    assert "python3.99-venv" in machine.apt_installs()
    assert "python3-venv" not in machine.apt_installs()
    assert machine.log()[-1] == "main.py --lang ja"


def test_a_python_with_its_own_ensurepip_needs_no_venv_package(tmp_path):
    """pyenv's or /usr/local's Python: only Debian's own Python splits ensurepip off."""
    machine = Machine(tmp_path, installed=APP_DEBS)
    machine.python("python3", "3.11 /root/.pyenv/versions/3.11.7")
    result = machine.run("run")
    assert result.returncode == 0, explain(result)
    assert machine.apt_installs() == []
    assert len(machine.venv_runs()) == 1


def test_a_usable_venv_needs_no_venv_package(tmp_path):
    machine = Machine(tmp_path, installed=[*APP_DEBS, "python3-venv", "python3.99-venv"])
    assert machine.make_venv() == 0
    (machine.fake / "installed").write_text("".join(f"{p}\n" for p in APP_DEBS))
    result = machine.run("run")
    assert result.returncode == 0, explain(result)
    assert machine.apt_installs() == []
    assert machine.venv_runs() == []


@pytest.mark.parametrize("how", ["half-made by a failed venv", "pip removed later"])
def test_a_venv_without_pip_is_made_anew(tmp_path, how):
    """Issue #15 step 2: the half-made .venv of the first try was reused ("No module named pip")."""
    machine = Machine(tmp_path, installed=APP_DEBS)
    if how == "half-made by a failed venv":
        assert machine.make_venv() == 1  # Debian's python3 before python3-venv
        assert (machine.venv / "bin/python").exists()
    else:
        assert machine.run("run").returncode == 0
        (machine.venv / "lib/pip").unlink()
    (machine.fake / "installed").write_text("".join(f"{p}\n" for p in [*APP_DEBS, "binutils"]))
    result = machine.run("run")
    assert result.returncode == 0, explain(result)
    assert len(machine.venv_runs()) == 1, machine.log()
    assert machine.pip_installs()[-1] == "pip install -q -e .", machine.log()
    assert "no working pip" in result.stderr
    assert (machine.venv / "lib/pip").exists()


def test_a_venv_of_another_python_is_made_anew(tmp_path):
    machine = Machine(tmp_path, installed=[*APP_DEBS, "python3-venv", "python3.99-venv"])
    machine.python("python3.9", "3.9 /opt/python3.9")
    assert machine.make_venv("python3.9") == 0
    machine.python("python3", f"{machine.version} /usr", machine.venv_deb())
    result = machine.run("run")
    assert result.returncode == 0, explain(result)
    assert machine.venv_runs() == [f"venv .venv [{machine.version} /usr]"], machine.log()
    assert "made by another Python (3.9 /opt/python3.9" in result.stderr
    assert (
        f"home = /usr/bin\nversion = {machine.version}\n"
        == (machine.venv / "pyvenv.cfg").read_text()
    )


def test_a_package_counts_as_installed_when_another_provides_it(tmp_path):
    """Debian 13 renamed libglib2.0-0 to libglib2.0-0t64, which provides the old name."""
    others = [p for p in APP_DEBS if p != "libglib2.0-0"]
    machine = Machine(tmp_path)
    (machine.fake / "installed").write_text(
        "".join(f"{p}\n" for p in [*others, machine_venv_debs()])
        + "libglib2.0-0t64 libglib2.0-0 (= 2.84.4-3~deb13u1), libglib2.0-0-dummy\n"
    )
    result = machine.run("run")
    assert result.returncode == 0, explain(result)
    assert machine.apt_installs() == []
    # A package removed with its configuration kept ("rc") is not installed.
    (machine.fake / "removed").write_text("fonts-ipafont-gothic\n")
    (machine.fake / "installed").write_text(
        "".join(f"{p}\n" for p in others if p != "fonts-ipafont-gothic")
        + "libglib2.0-0t64 libglib2.0-0 (= 2.84.4-3~deb13u1)\n"
    )
    result = machine.run("run")
    assert result.returncode == 0, explain(result)
    assert machine.apt_installs() == ["fonts-ipafont-gothic"]


def test_the_test_run_installs_binutils_and_fashion_mnist(tmp_path):
    """Issue #15 step 3: PyInstaller's frozen build needs objdump (binutils)."""
    machine = Machine(tmp_path, installed=[*APP_DEBS, "python3-venv", machine_venv_debs()])
    result = machine.run("test")
    assert result.returncode == 0, explain(result)
    installs = machine.apt_installs()
    for deb in (
        "binutils",
        "dataset-fashion-mnist",
        "libgssapi-krb5-2",
        "xvfb",
        "xauth",
        "desktop-file-utils",
    ):
        assert deb in installs
    # Debian's Python keeps the shared library PyInstaller bundles in a package of its own.
    assert f"libpython{machine.version}" in installs
    assert not set(APP_DEBS) & set(installs)


def test_a_python_of_its_own_needs_no_libpython_package(tmp_path):
    machine = Machine(tmp_path, installed=APP_DEBS)
    machine.python("python3", "3.11 /root/.pyenv/versions/3.11.7")
    result = machine.run("test")
    assert result.returncode == 0, explain(result)
    assert sorted(machine.apt_installs()) == sorted(read_array("TEST_DEBS"))


def test_running_the_app_installs_no_test_packages(tmp_path):
    machine = Machine(tmp_path)
    result = machine.run("run")
    assert result.returncode == 0, explain(result)
    installs = machine.apt_installs()
    assert set(APP_DEBS) <= set(installs)
    assert "binutils" not in installs and "xvfb" not in installs


def test_a_failed_pip_install_leaves_no_stamp(tmp_path):
    machine = Machine(tmp_path, installed=[*APP_DEBS, "python3-venv", machine_venv_debs()])
    (machine.fake / "pip-fails").touch()
    result = machine.run("test")
    assert result.returncode != 0
    assert "pip could not install" in result.stderr or "could not upgrade pip" in result.stderr
    assert not list(machine.venv.glob(".zerokara-*"))
    (machine.fake / "pip-fails").unlink()
    (machine.fake / "installed").write_text(
        "".join(f"{p}\n" for p in [*APP_DEBS, *read_array("TEST_DEBS")])
    )
    result = machine.run("test")
    assert result.returncode == 0, explain(result)
    assert machine.pip_installs()[-1] == "pip install -q -e .[test]"
    # Installed once: the next run trusts the stamp, until pyproject.toml changes.
    assert machine.run("test").returncode == 0
    assert machine.pip_installs() == []
    with open(machine.project / "pyproject.toml", "a") as f:
        f.write("\n# a new dependency\n")
    assert machine.run("test").returncode == 0
    assert machine.pip_installs()[-1] == "pip install -q -e .[test]"


def test_run_after_test_installs_nothing_more(tmp_path):
    machine = Machine(tmp_path)
    assert machine.run("test").returncode == 0
    result = machine.run("run")
    assert result.returncode == 0, explain(result)
    assert machine.pip_installs() == [] and machine.apt_installs() == []
    assert "(.[test], which includes .) is installed" in result.stderr
    # ...but test after run does install the test extra.
    other = Machine(tmp_path / "other")
    assert other.run("run").returncode == 0
    assert other.run("test").returncode == 0
    assert other.pip_installs()[-1] == "pip install -q -e .[test]"


def test_a_failed_apt_get_stops_before_the_venv(tmp_path):
    machine = Machine(tmp_path)
    (machine.fake / "apt-fails").touch()
    result = machine.run("test")
    assert result.returncode != 0
    assert "apt-get could not install" in result.stderr
    assert machine.venv_runs() == []
    assert not machine.venv.exists()


def test_a_failed_venv_leaves_nothing_behind(tmp_path):
    """A Debian Python whose venv package apt-get installed but which still has no ensurepip."""
    machine = Machine(tmp_path, installed=APP_DEBS)
    machine.python("python3", f"{machine.version} /usr", "python3-venv-that-never-comes")
    result = machine.run("run")
    assert result.returncode != 0
    assert "venv failed" in result.stderr
    assert not machine.venv.exists()


def test_a_folder_that_is_no_venv_is_not_deleted(tmp_path):
    machine = Machine(tmp_path, installed=[*APP_DEBS, machine_venv_debs()])
    machine.venv.mkdir()
    (machine.venv / "notes.txt").write_text("mine")
    result = machine.run("run")
    assert result.returncode != 0
    assert "not a virtual environment" in result.stderr
    assert (machine.venv / "notes.txt").read_text() == "mine"


def test_each_step_says_what_it_is_doing(tmp_path):
    machine = Machine(tmp_path)
    result = machine.run("test", "-x")
    assert result.returncode == 0, explain(result)
    said = [line for line in result.stderr.splitlines() if line.startswith("zerokara.sh: ")]
    for needle in (
        "Installing Debian packages: ",
        "The venv .venv is made anew: there is none yet",
        f"Creating the virtual environment .venv with python3 ({machine.version})",
        "Upgrading pip in .venv",
        "Installing Zerokara Lab (.[test]) and its Python packages into .venv",
        "Running the tests: python -m pytest -x",
    ):
        assert any(needle in line for line in said), (needle, said)
    again = machine.run("test")
    said = [line for line in again.stderr.splitlines() if line.startswith("zerokara.sh: ")]
    assert any("Debian packages: the " in line and " needed are installed" in line for line in said)
    assert any("is usable" in line for line in said)
    assert any("Zerokara Lab (.[test]) is installed in .venv" in line for line in said)


def test_not_root_installs_with_sudo_and_keeps_the_noninteractive_frontend(tmp_path):
    machine = Machine(tmp_path)
    machine.write("id", ID_NOT_ROOT)
    result = machine.run("run")
    assert result.returncode == 0, explain(result)
    log = machine.log()
    assert "sudo apt-get" in log and "sudo env" in log, log
    install = next(line for line in log if line.startswith("apt-get install"))
    assert install.endswith("[DEBIAN_FRONTEND=noninteractive]")


def test_an_old_python_is_refused(tmp_path):
    machine = Machine(tmp_path, version="3.9", installed=APP_DEBS)
    result = machine.run("run")
    assert result.returncode != 0
    assert "needs Python 3.10 or newer; python3 is 3.9" in result.stderr
    assert machine.log() == []


def test_the_script_runs_from_any_folder(tmp_path):
    machine = Machine(tmp_path)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = subprocess.run(
        ["bash", str(machine.project / "zerokara.sh"), "run"],
        cwd=elsewhere,
        env=machine.env(),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, explain(result)
    assert machine.venv.is_dir() and not (elsewhere / ".venv").exists()


def test_no_real_package_manager_is_reachable_from_the_fakes(tmp_path):
    """Guard for this file: the fakes shadow the real tools on PATH."""
    machine = Machine(tmp_path)
    for tool in ("apt-get", "dpkg-query", "sudo", "python3"):
        found = shutil.which(tool, path=machine.env()["PATH"])
        assert found == str(machine.bin / tool)
    assert os.access(machine.bin / "apt-get", os.X_OK)


def test_the_readme_names_every_package_the_script_installs():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    setting_up = readme.split("## Setting up\n", 1)[1].split("\n## ", 1)[0]
    for deb in [
        *APP_DEBS,
        *read_array("TEST_DEBS"),
        "python3-venv",
        "python3.X-venv",
        "libpython3.X",
    ]:
        assert f"`{deb}" in setting_up or f" {deb}" in setting_up, deb
    assert "not tested here" in setting_up
    for command in ("python3 -m venv .venv", "pip install .", "zerokara-lab"):
        assert command in setting_up


def test_pyside6_6_12_is_excluded_on_every_python():
    """6.12.0 aborts on 3.11 and breaks pyqtgraph's LabelItem on 3.13 (Debian 13)."""
    pyproject = (ROOT / "pyproject.toml").read_text()
    pins = re.findall(r'"PySide6-Essentials([^;"]*)(?:; ([^"]*))?"', pyproject)
    assert pins and all("<6.12" in spec for spec, _ in pins), pins
