"""Render resources/icons/zerokara-lab.svg to the PNG sizes desktops and PyInstaller use.

    python tools/make_icons.py          # writes resources/icons/zerokara-lab-<size>.png
    python tools/make_icons.py --check  # exits 1 if a committed PNG is missing or stale

The PNGs are committed (hatchling ships them; desktops without SVG support use them).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ICONS = ROOT / "resources" / "icons"
SVG = ICONS / "zerokara-lab.svg"
SIZES = (16, 32, 48, 64, 128, 256)


def png_path(size: int) -> Path:
    return ICONS / f"zerokara-lab-{size}.png"


def render(size: int):
    """The SVG drawn into a transparent ``size``×``size`` QImage."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        raise SystemExit(f"cannot read {SVG}")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    return image


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only check the committed PNGs")
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication, QImage

    _app = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])
    stale = []
    for size in SIZES:
        image = render(size)
        target = png_path(size)
        if args.check:
            old = QImage(str(target))
            if old.isNull() or old.convertToFormat(image.format()) != image:
                stale.append(target.name)
        elif not image.save(str(target)):
            raise SystemExit(f"could not write {target}")
        else:
            print(target.relative_to(ROOT))
    if stale:
        print("stale or missing, run tools/make_icons.py:", ", ".join(stale), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
