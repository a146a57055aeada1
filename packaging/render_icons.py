#!/usr/bin/env python3
"""Render the app icon (resources/icons/ftpgui.svg) to PNGs, and pack them as .ico (Windows) or .icns (macOS).

    python packaging/render_icons.py                 # resources/icons/png/ftpgui-SIZE.png, every size
    python packaging/render_icons.py --ico OUT.ico   # 16–256, PNG-compressed entries (Vista and later)
    python packaging/render_icons.py --icns OUT.icns # 16–1024 with the @2x variants
    python packaging/render_icons.py --check         # exit 1 if the PNGs are missing or out of date

Rendering uses Qt's own SVG renderer (QtSvg in PySide6-Essentials) on the offscreen platform, so it needs
no display and no other tool.
"""

from __future__ import annotations

import argparse
import os
import struct
import sys
from pathlib import Path
from typing import Dict, Iterable

ROOT = Path(__file__).resolve().parent.parent
SVG = ROOT / "resources" / "icons" / "ftpgui.svg"
PNG_DIR = ROOT / "resources" / "icons" / "png"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
# ICNS element types holding PNG data, by pixel size (the @2x types reuse the larger renderings)
ICNS_TYPES = (
    (b"icp4", 16),
    (b"icp5", 32),
    (b"icp6", 64),
    (b"ic07", 128),
    (b"ic08", 256),
    (b"ic09", 512),
    (b"ic10", 1024),
    (b"ic11", 32),
    (b"ic12", 64),
    (b"ic13", 256),
    (b"ic14", 512),
)


def png_name(size: int) -> Path:
    return PNG_DIR / f"ftpgui-{size}.png"


def render(sizes: Iterable[int], svg: Path = SVG) -> Dict[int, bytes]:
    """PNG bytes of the icon at each size, rendered by QSvgRenderer with antialiasing."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"render_icons: {svg} is not a valid SVG")
    out = {}
    for size in sizes:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        renderer.render(painter)
        painter.end()
        data = QByteArray()
        buf = QBuffer(data)
        buf.open(QIODevice.OpenModeFlag.WriteOnly)
        image.save(buf, "PNG")
        buf.close()
        out[size] = bytes(data.data())
    return out


def ico_bytes(pngs: Dict[int, bytes]) -> bytes:
    """A Windows .ico holding PNG-compressed images (a size of 256 is written as 0, as the format wants)."""
    sizes = sorted(pngs)
    header = struct.pack("<HHH", 0, 1, len(sizes))
    offset = 6 + 16 * len(sizes)
    entries, blobs = [], []
    for size in sizes:
        blob = pngs[size]
        dim = 0 if size >= 256 else size
        entries.append(struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(blob), offset))
        blobs.append(blob)
        offset += len(blob)
    return header + b"".join(entries) + b"".join(blobs)


def icns_bytes(pngs: Dict[int, bytes]) -> bytes:
    """A macOS .icns whose elements are PNGs (the format of macOS 10.7 and later)."""
    body = b"".join(kind + struct.pack(">I", 8 + len(pngs[size])) + pngs[size] for kind, size in ICNS_TYPES)
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def write_atomically(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def check() -> int:
    """0 when every committed PNG exists and matches a fresh rendering pixel for pixel (±2 per channel)."""
    from PySide6.QtGui import QImage

    fresh = render(SIZES)
    stale = []
    for size, data in fresh.items():
        path = png_name(size)
        on_disk = QImage(str(path))
        if on_disk.isNull() or (on_disk.width(), on_disk.height()) != (size, size):
            stale.append(f"{path.name}: missing or not {size}×{size}")
            continue
        a = _argb_bytes(on_disk)
        b = _argb_bytes(QImage.fromData(data))
        worst = max(abs(x - y) for x, y in zip(a, b, strict=True))
        if worst > 2:
            stale.append(f"{path.name}: differs from the SVG by up to {worst}/255 in a channel")
    for line in stale:
        print(f"render_icons: {line}; run python packaging/render_icons.py", file=sys.stderr)
    return 1 if stale else 0


def _argb_bytes(image) -> bytes:
    from PySide6.QtGui import QImage

    image = image.convertToFormat(QImage.Format.Format_ARGB32)
    return bytes(image.constBits())[: image.sizeInBytes()]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--ico", type=Path, help="write a Windows .ico here")
    group.add_argument("--icns", type=Path, help="write a macOS .icns here")
    group.add_argument("--check", action="store_true", help="fail if the PNGs are missing or out of date")
    args = parser.parse_args(argv)
    if args.check:
        return check()
    if args.ico:
        write_atomically(args.ico, ico_bytes(render(ICO_SIZES)))
        print(f"wrote {args.ico}")
    elif args.icns:
        write_atomically(args.icns, icns_bytes(render({size for _, size in ICNS_TYPES})))
        print(f"wrote {args.icns}")
    else:
        for size, data in render(SIZES).items():
            write_atomically(png_name(size), data)
            print(f"wrote {png_name(size).relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
