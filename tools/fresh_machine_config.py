"""The host's apt and pip settings, as tools/fresh_machine_check.sh carries them into a chroot.

    python3 tools/fresh_machine_config.py apt-sources SUITE   deb822 sources for Debian SUITE
    python3 tools/fresh_machine_config.py mirror SUITE        the Debian mirror for debootstrap
    python3 tools/fresh_machine_config.py pip                 pip's files and folders

``apt-sources`` keeps the host's Debian entries (its own release's suite, -updates and
-security, same URIs, components and keyring) with the suite renamed, and leaves out other
vendors' repositories; a host that is not Debian gets deb.debian.org. ``pip`` prints one line
per thing to carry in: ``copy HOST_PATH CHROOT_PATH`` for pip's configuration files and the
files they name (constraints, CA bundle), ``bind DIR`` for local wheel folders and indexes
(bound read-only at the same path), found in ``pip config list -v`` and the PIP_* environment.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

DEFAULT_MIRROR = "http://deb.debian.org/debian"
DEFAULT_SECURITY = "http://deb.debian.org/debian-security"
KEYRING = "/usr/share/keyrings/debian-archive-keyring.gpg"
# Folders never bound into the chroot, whatever pip's settings say.
NEVER_BIND = {
    "/",
    "/bin",
    "/boot",
    "/dev",
    "/etc",
    "/home",
    "/lib",
    "/lib64",
    "/opt",
    "/proc",
    "/root",
    "/run",
    "/sbin",
    "/srv",
    "/sys",
    "/tmp",
    "/usr",
    "/var",
}


def host_codename(os_release: str = "/etc/os-release") -> str | None:
    """VERSION_CODENAME of a Debian host, None on other systems."""
    try:
        text = Path(os_release).read_text()
    except OSError:
        return None
    fields = dict(re.findall(r'^(\w+)="?([^"\n]*)"?$', text, re.M))
    if fields.get("ID") != "debian":
        return None
    return fields.get("VERSION_CODENAME") or None


def read_sources(etc_apt: Path) -> list[dict[str, str]]:
    """Every enabled entry of sources.list, sources.list.d/*.list and *.sources, as deb822
    fields (keys lower-case)."""
    entries: list[dict[str, str]] = []
    one_line = [etc_apt / "sources.list", *sorted((etc_apt / "sources.list.d").glob("*.list"))]
    for path in one_line:
        if not path.is_file():
            continue
        for line in path.read_text().splitlines():
            line = line.split("#", 1)[0].strip()
            match = re.match(r"^(deb|deb-src)\s+(?:\[([^\]]*)\]\s+)?(\S+)\s+(\S+)\s*(.*)$", line)
            if not match:
                continue
            kind, options, uri, suite, components = match.groups()
            entry = {"types": kind, "uris": uri, "suites": suite, "components": components}
            for option in (options or "").split():
                key, _, value = option.partition("=")
                if key == "signed-by":
                    entry["signed-by"] = value
            entries.append(entry)
    for path in sorted((etc_apt / "sources.list.d").glob("*.sources")):
        for block in re.split(r"\n\s*\n", path.read_text()):
            fields: dict[str, str] = {}
            key = None
            for line in block.splitlines():
                if line.startswith("#") or not line.strip():
                    continue
                if line[0] in " \t" and key:  # a continuation line (e.g. an inline key)
                    fields[key] += "\n" + line
                    continue
                key, _, value = line.partition(":")
                key = key.strip().lower()
                fields[key] = value.strip()
            if fields.get("types") and fields.get("enabled", "yes").lower() != "no":
                entries.append(fields)
    return entries


def debian_sources(
    suite: str, etc_apt: Path = Path("/etc/apt"), codename: str | None = None
) -> list[dict[str, str]]:
    """The host's Debian entries for its own release, renamed to ``suite``."""
    codename = codename if codename is not None else host_codename()
    out = []
    if codename:
        for entry in read_sources(etc_apt):
            suites = entry.get("suites", "").split()
            mine = [s for s in suites if s == codename or s.startswith(codename + "-")]
            if not mine or "deb" not in entry["types"].split():
                continue
            renamed = [suite + s[len(codename) :] for s in mine]
            new = {
                "types": "deb",
                "uris": entry["uris"],
                "suites": " ".join(renamed),
                "components": entry.get("components", "main"),
            }
            if "signed-by" in entry and "\n" not in entry["signed-by"]:
                new["signed-by"] = entry["signed-by"]
            out.append(new)
    if not out:
        out = [
            {
                "types": "deb",
                "uris": DEFAULT_MIRROR,
                "suites": f"{suite} {suite}-updates",
                "components": "main",
                "signed-by": KEYRING,
            },
            {
                "types": "deb",
                "uris": DEFAULT_SECURITY,
                "suites": f"{suite}-security",
                "components": "main",
                "signed-by": KEYRING,
            },
        ]
    return out


def format_sources(entries: list[dict[str, str]]) -> str:
    names = {
        "types": "Types",
        "uris": "URIs",
        "suites": "Suites",
        "components": "Components",
        "signed-by": "Signed-By",
    }
    blocks = []
    for entry in entries:
        blocks.append("".join(f"{names[k]}: {entry[k]}\n" for k in names if k in entry))
    return "\n".join(blocks)


def mirror(suite: str, etc_apt: Path = Path("/etc/apt"), codename: str | None = None) -> str:
    """The URI of the entry carrying ``suite`` itself (not -updates or -security)."""
    for entry in debian_sources(suite, etc_apt, codename):
        if suite in entry["suites"].split():
            return entry["uris"].split()[0]
    return DEFAULT_MIRROR


def pip_config(python: str = sys.executable) -> tuple[list[str], dict[str, str]]:
    """pip's candidate configuration files (global and user) and its settings, from
    ``pip config list -v``; the usual places when pip cannot say."""
    home = os.path.expanduser("~")
    files = [
        "/etc/xdg/pip/pip.conf",
        "/etc/pip.conf",
        f"{home}/.pip/pip.conf",
        f"{home}/.config/pip/pip.conf",
    ]
    values: dict[str, str] = {}
    try:
        out = subprocess.run(
            [python, "-m", "pip", "config", "list", "-v"],
            capture_output=True,
            text=True,
            timeout=60,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        out = ""
    loading = re.findall(r"^For variant '(global|user|env)', will try loading '([^']+)'", out, re.M)
    if loading:
        files = [path for _, path in loading]
    for key, value in re.findall(r"^(\S+?)='(.*)'$", out, re.M):
        values[key] = value
    if os.environ.get("PIP_CONFIG_FILE"):
        files.append(os.environ["PIP_CONFIG_FILE"])
    return files, values


def pip_plan(files: list[str], values: dict[str, str], environ: dict[str, str]) -> list[str]:
    """``copy SRC DEST`` and ``bind DIR`` lines for pip's files, settings and PIP_* variables."""
    home = os.path.expanduser("~")
    plan: list[str] = []

    def add(line: str) -> None:
        if line not in plan:
            plan.append(line)

    def inside(path: str) -> str:  # the chroot runs as root
        if path == home or path.startswith(home + "/"):
            return "/root" + path[len(home) :]
        return path

    for path in files:
        if os.path.isfile(path):
            add(f"copy {path} {inside(path)}")
    settings = list(values.values()) + [v for k, v in environ.items() if k.startswith("PIP_")]
    for value in settings:
        for token in value.split():
            token = token.strip("'\"")
            if token.startswith("file://"):
                token = token[len("file://") :]
            if not token.startswith("/"):
                continue
            path = os.path.normpath(token)
            if os.path.isfile(path):
                add(f"copy {path} {inside(path)}")
            elif os.path.isdir(path):
                if os.path.basename(path) == "simple":  # an index: its links go to ../files
                    path = os.path.dirname(path)
                if path not in NEVER_BIND and not path.startswith(home):
                    add(f"bind {path}")
    return plan


def main(argv: list[str]) -> int:
    if len(argv) == 2 and argv[0] == "apt-sources":
        print(format_sources(debian_sources(argv[1])), end="")
    elif len(argv) == 2 and argv[0] == "mirror":
        print(mirror(argv[1]))
    elif len(argv) == 1 and argv[0] == "pip":
        files, values = pip_config()
        print("\n".join(pip_plan(files, values, dict(os.environ))))
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
