"""tools/fresh_machine_config.py: what the fresh-machine check carries from the host into its
Debian chroots (apt's mirror entries with the suite renamed, pip's files and folders), on
made-up /etc/apt trees and pip settings; and the check script's own guards (no chroot here)."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SPEC = importlib.util.spec_from_file_location(
    "fresh_machine_config", ROOT / "tools" / "fresh_machine_config.py"
)
config = importlib.util.module_from_spec(SPEC)
SPEC.loader.exec_module(config)

DEB822 = """\
Types: deb
# http://snapshot.debian.org/archive/debian/20250520T000000Z
URIs: http://mirror.example/debian
Suites: bookworm bookworm-updates
Components: main contrib
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb
URIs: http://mirror.example/debian-security
Suites: bookworm-security
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb
URIs: http://mirror.example/debian
Suites: bookworm-backports
Components: main
Enabled: no
"""

VENDOR = """\
Types: deb
URIs: https://deb.nodesource.com/node_20.x
Suites: nodistro
Components: main
"""


def etc_apt(tmp: Path, sources_list: str = "", **parts: str) -> Path:
    (tmp / "sources.list.d").mkdir(parents=True)
    (tmp / "sources.list").write_text(sources_list)
    for name, text in parts.items():
        (tmp / "sources.list.d" / name.replace("_", ".")).write_text(text)
    return tmp


def test_deb822_entries_renamed_to_the_target_suite(tmp_path):
    apt = etc_apt(tmp_path, debian_sources=DEB822, nodesource_sources=VENDOR)
    entries = config.debian_sources("trixie", apt, codename="bookworm")
    assert [e["suites"] for e in entries] == ["trixie trixie-updates", "trixie-security"]
    assert [e["uris"] for e in entries] == [
        "http://mirror.example/debian",
        "http://mirror.example/debian-security",
    ]
    assert entries[0]["components"] == "main contrib"
    assert all(e["signed-by"] == config.KEYRING for e in entries)
    text = config.format_sources(entries)
    assert "nodesource" not in text and "backports" not in text and "bookworm" not in text
    assert config.mirror("trixie", apt, codename="bookworm") == "http://mirror.example/debian"


def test_one_line_sources_are_read_too(tmp_path):
    apt = etc_apt(
        tmp_path,
        "deb [arch=amd64 signed-by=/k.gpg] http://m.example/debian bookworm main\n"
        "# deb http://old.example/debian bookworm main\n"
        "deb http://m.example/debian-security bookworm-security main non-free-firmware\n"
        "deb-src http://m.example/debian bookworm main\n"
        "deb https://packages.cloud.google.com/apt cloud-sdk-bookworm main\n",
    )
    entries = config.debian_sources("bookworm", apt, codename="bookworm")
    assert [(e["uris"], e["suites"]) for e in entries] == [
        ("http://m.example/debian", "bookworm"),
        ("http://m.example/debian-security", "bookworm-security"),
    ]
    assert entries[0]["signed-by"] == "/k.gpg"
    assert entries[1]["components"] == "main non-free-firmware"


def test_a_host_that_is_not_debian_gets_deb_debian_org(tmp_path):
    apt = etc_apt(tmp_path, "deb http://archive.ubuntu.com/ubuntu noble main\n")
    entries = config.debian_sources("trixie", apt, codename=None)
    assert entries[0]["uris"] == config.DEFAULT_MIRROR
    assert entries[0]["suites"] == "trixie trixie-updates"
    assert entries[1]["suites"] == "trixie-security"
    assert config.mirror("trixie", apt, codename=None) == config.DEFAULT_MIRROR


def test_os_release_codename(tmp_path):
    path = tmp_path / "os-release"
    path.write_text(
        'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nID=debian\nVERSION_CODENAME=bookworm\n'
    )
    assert config.host_codename(str(path)) == "bookworm"
    path.write_text("ID=ubuntu\nVERSION_CODENAME=noble\n")
    assert config.host_codename(str(path)) is None


def test_pip_files_folders_and_environment(tmp_path, monkeypatch):
    home = tmp_path / "home"
    (home / ".config/pip").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    user_conf = home / ".config/pip/pip.conf"
    user_conf.write_text("[global]\n")
    global_conf = tmp_path / "etc-pip.conf"
    global_conf.write_text("[global]\n")
    constraints = tmp_path / "constraints.txt"
    constraints.write_text("torch<=2.14.1\n")
    cert = tmp_path / "ca.crt"
    cert.write_text("-----BEGIN CERTIFICATE-----\n")
    wheels = tmp_path / "wheels"
    index = tmp_path / "pypi" / "simple"
    more = tmp_path / "pypi-more" / "simple"
    for folder in (wheels, index, more):
        folder.mkdir(parents=True)
    values = {
        "global.constraint": str(constraints),
        "global.extra-index-url": f"file://{index} file://{more}/ https://pypi.example/simple",
        "global.find-links": str(wheels),
        "global.timeout": "180",
        "global.src": "/etc",  # a system folder is never bound
    }
    environ = {"PIP_CERT": str(cert), "PIP_FIND_LINKS": str(wheels), "HOME_NOT_PIP": "/opt"}
    plan = config.pip_plan(
        [str(global_conf), str(user_conf), str(tmp_path / "missing.conf")], values, environ
    )
    assert plan == [
        f"copy {global_conf} {global_conf}",
        f"copy {user_conf} /root/.config/pip/pip.conf",
        f"copy {constraints} {constraints}",
        f"bind {tmp_path / 'pypi'}",
        f"bind {tmp_path / 'pypi-more'}",
        f"bind {wheels}",
        f"copy {cert} {cert}",
    ]


def test_pip_config_read_from_this_pip():
    files, values = config.pip_config()
    assert any(f.endswith("pip.conf") for f in files)
    for key in values:
        assert "." in key  # "global.index-url", ":env:.cert"


CHECK = ROOT / "tools" / "fresh_machine_check.sh"


@pytest.mark.skipif(shutil.which("bash") is None, reason="bash script")
def test_the_check_script_parses_and_refuses_unknown_releases():
    assert subprocess.run(["bash", "-n", str(CHECK)]).returncode == 0
    out = subprocess.run(["bash", str(CHECK), "bullseye"], capture_output=True, text=True)
    assert out.returncode == 2 and "unknown argument: bullseye" in out.stderr
    usage = subprocess.run(["bash", str(CHECK), "--help"], capture_output=True, text=True)
    assert "debootstrap --variant=minbase" in usage.stdout
    assert os.access(CHECK, os.X_OK)


def test_the_check_copies_tracked_files_only_and_unmounts_on_exit():
    text = CHECK.read_text()
    assert "git ls-files -z" in text
    assert "trap cleanup EXIT" in text
    # Nothing is deleted while something is still mounted below it.
    assert "refusing to remove" in text and "/proc/self/mountinfo" in text
