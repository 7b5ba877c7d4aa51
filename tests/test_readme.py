"""The README keeps its promises: the two commands on top, a screenshot of every tab that
exists and is not blank, a guide in English and Japanese, troubleshooting, benchmarks, and
a command line that matches the program's."""

import re
from pathlib import Path

import pytest

from gui.app import build_parser, parse_args
from gui.registry import tab_keys

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def section(title: str) -> str:
    match = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", README, re.S | re.M)
    assert match, f"README has no '## {title}' section"
    return match.group(1)


def test_the_two_commands_open_the_readme():
    first_block = README.split("```sh\n", 1)[1].split("```", 1)[0].splitlines()
    assert [line.split("#")[0].strip() for line in first_block] == [
        "./zerokara.sh run",
        "./zerokara.sh test",
    ]


@pytest.mark.parametrize("folder", ["docs/screenshots", "docs/screenshots/ja"])
def test_a_screenshot_of_every_tab(qapp, folder):
    from PySide6.QtGui import QImage

    for key in tab_keys():
        path = ROOT / folder / f"{key}.png"
        if folder == "docs/screenshots":
            assert f"({folder}/{key}.png)" in README, f"README does not show {key}.png"
        image = QImage(str(path))
        assert not image.isNull(), f"{path} missing or unreadable"
        assert image.width() >= 800 and image.height() >= 500
        small = image.scaled(64, 40)
        assert len({small.pixel(x, y) for x in range(64) for y in range(40)}) > 8, path


def test_user_guide_in_english_and_japanese():
    english, japanese = section("User guide"), section("使い方")
    for tab in ("Gates", "Network", "Descent", "Training"):
        assert f"**{tab}**" in english
    for tab in ("ゲート", "ネットワーク", "勾配降下", "学習"):
        assert f"**{tab}**" in japanese


def test_troubleshooting_covers_the_known_problems():
    text = section("Troubleshooting")
    for needle in (
        "xcb-cursor0",
        "QT_DEBUG_PLUGINS=1",
        "fonts-ipafont-gothic",
        "Wayland",
        "QT_QPA_PLATFORM=xcb",
        "6.12",
    ):
        assert needle in text, needle
    pyproject = (ROOT / "pyproject.toml").read_text()
    assert "PySide6-Essentials>=6.8,<6.12; python_version < '3.12'" in pyproject


def test_benchmarks_and_desktop_sections():
    assert "bench/run_all.py" in section("Benchmarks")
    desktop = section("Launching from the desktop")
    assert "--install-desktop" in desktop and "*.zkl.json" in desktop
    assert "packaging/zerokara-lab.spec" in section(
        "A frozen app (no Python needed on the target machine)"
    )


def test_documented_command_line_matches_the_program():
    """Every option of the real argument parser is documented, and nothing else; the
    documented choices and argument names are the parser's."""
    usage = section("Command line")
    parser = build_parser()
    options = {o: a for a in parser._actions for o in a.option_strings if o.startswith("--")}
    del options["--help"]  # argparse's own
    documented = set(re.findall(r"--[a-z][a-z-]+", usage))
    assert documented == set(options)
    assert f"--lang {'|'.join(options['--lang'].choices)}" in usage
    assert f"--screenshot {options['--screenshot'].metavar}" in usage
    positionals = [a.dest for a in parser._actions if not a.option_strings]
    assert positionals == ["project"] and "[PROJECT.zkl.json]" in usage
    args = parse_args(["--lang", "ja", "--smoke-test", "--screenshot", "d", "p.zkl.json"])
    assert args.project == Path("p.zkl.json") and args.lang == "ja"
