"""Render the application icon (ui/icons/infra-context-explorer.svg) as PNGs of the sizes
desktops ask for, into a hicolor icon theme folder:

    python packaging/icons.py OUT   ->  OUT/hicolor/{16x16,...,512x512}/apps/*.png, scalable/

Qt's own SVG renderer draws them, so the PNGs are the SVG, at each size.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

NAME = "infra-context-explorer"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
SVG = Path(__file__).resolve().parent.parent / "ui" / "icons" / f"{NAME}.svg"


def render(out: Path) -> list[Path]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    app = QGuiApplication.instance() or QGuiApplication([])
    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        raise SystemExit(f"{SVG}: not an SVG Qt can draw")
    written = []
    for size in SIZES:
        folder = out / "hicolor" / f"{size}x{size}" / "apps"
        folder.mkdir(parents=True, exist_ok=True)
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        path = folder / f"{NAME}.png"
        if not image.save(str(path)):
            raise SystemExit(f"cannot write {path}")
        written.append(path)
    scalable = out / "hicolor" / "scalable" / "apps"
    scalable.mkdir(parents=True, exist_ok=True)
    shutil.copy(SVG, scalable / f"{NAME}.svg")
    del app
    return written


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit("usage: python packaging/icons.py OUT")
    for path in render(Path(sys.argv[1])):
        print(path)
