"""The app icon: PNGs rendered from the SVG are up to date, and the .ico/.icns packers write valid files."""

from __future__ import annotations

import importlib.util
import struct
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def icons():
    spec = importlib.util.spec_from_file_location("render_icons", ROOT / "packaging" / "render_icons.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_committed_pngs_match_the_svg(icons, qapp):
    assert icons.check() == 0
    for size in icons.SIZES:
        image = QImage(str(icons.png_name(size)))
        assert (image.width(), image.height()) == (size, size)
        assert image.hasAlphaChannel() and image.pixelColor(0, 0).alpha() == 0  # rounded corners: transparent
        assert image.pixelColor(size // 2, size // 10).alpha() == 255


def test_check_notices_an_edited_svg(icons, qapp, tmp_path, monkeypatch, capsys):
    edited = tmp_path / "ftpgui.svg"
    edited.write_text(icons.SVG.read_text(encoding="utf-8").replace("#ffb020", "#ff0000"), encoding="utf-8")
    monkeypatch.setattr(icons, "SVG", edited)
    monkeypatch.setattr(icons, "render", lambda sizes, svg=edited, _r=icons.render: _r(sizes, svg))
    assert icons.check() == 1
    assert "differs from the SVG" in capsys.readouterr().err


def test_ico_holds_every_size_as_png(icons, qapp, tmp_path):
    out = tmp_path / "ftpgui.ico"
    assert icons.main(["--ico", str(out)]) == 0
    data = out.read_bytes()
    reserved, kind, count = struct.unpack_from("<HHH", data)
    assert (reserved, kind, count) == (0, 1, len(icons.ICO_SIZES))
    for i, size in enumerate(icons.ICO_SIZES):
        w, h, _, _, planes, bpp, length, offset = struct.unpack_from("<BBBBHHII", data, 6 + 16 * i)
        assert (w or 256, h or 256, planes, bpp) == (size, size, 1, 32)
        image = QImage.fromData(data[offset : offset + length], "PNG")
        assert (image.width(), image.height()) == (size, size)


def test_icns_elements_are_pngs_of_the_right_size(icons, qapp, tmp_path):
    out = tmp_path / "ftpgui.icns"
    assert icons.main(["--icns", str(out)]) == 0
    data = out.read_bytes()
    assert data[:4] == b"icns" and struct.unpack_from(">I", data, 4)[0] == len(data)
    pos, seen = 8, {}
    while pos < len(data):
        kind, length = data[pos : pos + 4], struct.unpack_from(">I", data, pos + 4)[0]
        image = QImage.fromData(data[pos + 8 : pos + length], "PNG")
        seen[kind] = image.width()
        pos += length
    assert pos == len(data)
    assert seen == {kind: size for kind, size in icons.ICNS_TYPES}
