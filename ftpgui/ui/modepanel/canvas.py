"""The picture's canvas: its logical size and layout (wide or compact), colours, fonts and text wrapping.

Shared by the picture (``picture``), its data lane (``datalane``), the stills and the ladder.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Dict, List, Tuple

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPalette, QTextLayout, QTextOption, QTransform

from ..theme import blend

WIDTH, HEIGHT = 760.0, 470.0  # the logical canvas
CLIENT_X, SERVER_X, BOX_W = 16.0, 594.0, 150.0
BOX_TOP, BOX_BOTTOM = 44.0, 300.0
CONTROL_Y, DATA_Y = 118.0, 228.0
LANE_L, LANE_R = CLIENT_X + BOX_W, SERVER_X
BADGE_GAP = 30.0
WALL_INSET = 112.0
COMPACT_BELOW = 600.0  # px: a view narrower than this gets the compact canvas (boxes and lanes closer)


@dataclass(frozen=True)
class Geometry:
    """The canvas's horizontal layout; everything vertical is the same in both."""

    width: float
    client_x: float
    server_x: float
    box_w: float
    wall_inset: float

    @property
    def lane_l(self) -> float:
        return self.client_x + self.box_w

    @property
    def lane_r(self) -> float:
        return self.server_x


WIDE = Geometry(WIDTH, CLIENT_X, SERVER_X, BOX_W, WALL_INSET)
# a narrow dock: scaled 0.67 at 360 px instead of 0.45, so the words stay readable
COMPACT = Geometry(520.0, 8.0, 408.0, 104.0, 84.0)


def proxy_rect(g: Geometry) -> QRectF:
    """Where the proxy stands: a narrow box in the middle of the lanes, as tall as the hosts' boxes."""
    width = 112.0 if g is COMPACT else 124.0
    middle = (g.lane_l + g.lane_r) / 2
    return QRectF(middle - width / 2, BOX_TOP, width, BOX_BOTTOM - BOX_TOP)


def geometry_for(width: float) -> Geometry:
    """The canvas for a view ``width`` px wide (exports are always the wide one)."""
    return COMPACT if width < COMPACT_BELOW else WIDE


FIREWALL_SIDE = {
    "server-firewall": "server",
    "client-firewall": "client",
    "client-nat": "client",
    "tls-helper": "server",  # the server's firewall, whose FTP helper could not read the encrypted reply
}  # where an imagined firewall stands, from a box's edge  # half a port badge and a little air


DECODED_LINE = 18.0  # logical px per line of the decoded numbers under the boxes
DECODED_ALIGN = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


_WRAPPED: Dict[tuple, tuple] = {}


def line_spans(text: str, font: QFont, width: float, most: int = 0) -> List[Tuple[int, int]]:
    """Where ``text``'s lines start and how long they are, each no wider than ``width`` in ``font``: broken at
    spaces, or anywhere in a longer word; with ``most``, only the first ``most`` lines are laid out."""
    layout = QTextLayout(text, font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)  # words; a long token anywhere
    layout.setTextOption(option)
    layout.beginLayout()
    spans = []
    while not most or len(spans) < most:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        spans.append((line.textStart(), line.textLength()))
    layout.endLayout()
    return spans


def _wrapped(text: str, font: QFont, width: float) -> tuple:
    pieces = [text[start : start + length].rstrip() for start, length in line_spans(text, font, width)]
    return tuple(p for p in pieces if p) or ("",)


def wrapped(text: str, font: QFont, width: float, address: bool = False) -> tuple:
    """``text`` broken into lines no wider than ``width`` in ``font``: at spaces, or anywhere in a long word;
    ``address``: an address, broken after its ':', '.' and '@' first ("2001:db8:1234:" / "5678:9abc:")."""
    key = (text, font.key(), width, address)
    pieces = _WRAPPED.get(key)
    if pieces is None:
        if len(_WRAPPED) > 256:
            _WRAPPED.clear()
        if address:
            pieces = _with_brackets(tuple(p.replace(_BREAK, "") for p in _wrapped(_breakable(text), font, width)))
        else:
            pieces = _wrapped(text, font, width)
        _WRAPPED[key] = pieces
    return pieces


_BREAK = "\u200b"  # a zero-width space: a place a line may break, drawn as nothing
_ADDRESS_BREAKS = str.maketrans({c: c + _BREAK for c in ":.@"})
_TIME = re.compile(r"\b\d{1,2}:\d{2}:\d{2}\b")  # a closed connection's "19:12:25": never broken
_CLOSING, _OPENING = ")]）】」』，。、", "([（【「『"


def _breakable(text: str) -> str:
    """``text`` with a break allowed after an address's ':', '.' and '@', but not inside a time (a closed
    connection's name broke as "(closed 19:" / "12:25)" - QA)."""
    out, at = [], 0
    for m in _TIME.finditer(text):
        out += [text[at : m.start()].translate(_ADDRESS_BREAKS), m.group()]
        at = m.end()
    return "".join(out) + text[at:].translate(_ADDRESS_BREAKS)


def _with_brackets(pieces: tuple) -> tuple:
    """No line starts with a closing bracket (nor ends with an opening one): the word before it goes down with it
    (a Chinese name left "）" alone on its last line - QA)."""
    lines = list(pieces)
    for i in range(1, len(lines)):
        before = lines[i - 1]
        if len(before) < 2:
            continue
        if before[-1] in _OPENING:
            cut = len(before) - 1
        elif lines[i][0] in _CLOSING:
            space = before.rfind(" ")
            cut = space + 1 if space > 0 else len(before) - 1  # (a CJK run: its last character goes down)
        else:
            continue
        lines[i - 1], lines[i] = before[:cut].rstrip(), before[cut:] + lines[i]
    return tuple(line for line in lines if line)


@dataclass(frozen=True)
class Colours:
    """Colours for a palette: readable on light and dark backgrounds alike."""

    background: QColor
    text: QColor
    muted: QColor
    box: QColor
    control: QColor
    client: QColor
    server: QColor
    failure: QColor

    @staticmethod
    def for_palette(palette: QPalette) -> Colours:
        bg = palette.color(QPalette.ColorRole.Base)
        text = palette.color(QPalette.ColorRole.Text)
        dark = bg.lightnessF() < 0.5
        muted = blend(text, bg, 0.7)  # opaque colours: blending translucent fills costs paint time
        box = blend(text, bg, 0.14 if dark else 0.08)
        if dark:
            return Colours(
                bg, text, muted, box, QColor("#8ab4f8"), QColor("#81c995"), QColor("#fdd663"), QColor("#f28b82")
            )
        return Colours(bg, text, muted, box, QColor("#1a56b0"), QColor("#13723a"), QColor("#a04b00"), QColor("#b3261e"))


def _font(base: QFont, px: float, *, mono: bool = False, bold: bool = False) -> QFont:
    f = QFont(base)
    if mono:
        f.setFamilies(["DejaVu Sans Mono", "Menlo", "Consolas", "monospace", *base.families()])
        f.setStyleHint(QFont.StyleHint.Monospace)
    f.setPixelSize(round(px))
    f.setBold(bold)
    return f


def canvas_transform(rect: QRectF) -> QTransform:
    """From the logical canvas (wide or compact, by ``rect``'s width) to ``rect``: uniform scale, centred."""
    width = geometry_for(rect.width()).width
    scale = min(rect.width() / width, rect.height() / HEIGHT)
    t = QTransform()
    t.translate(rect.x() + (rect.width() - width * scale) / 2, rect.y() + (rect.height() - HEIGHT * scale) / 2)
    t.scale(scale, scale)
    return t


def bytes_band(width: float) -> QRectF:
    """The part of the canvas the bytes-moving overlay paints in (the data lane and its label), for a view
    ``width`` px wide."""
    g = geometry_for(width)
    return QRectF(g.lane_l, DATA_Y - 16, g.lane_r - g.lane_l, 62)


class _Fonts:
    """The picture's fonts and their metrics, made once per base font."""

    def __init__(self, base: QFont) -> None:
        self.label = _font(base, 13)
        self.small = _font(base, 12)
        self.title = _font(base, 15, bold=True)
        self.mono = _font(base, 12, mono=True)
        self.mono_bold = _font(base, 13, mono=True, bold=True)
        self.footer = tuple(_font(base, px) for px in (12, 11, 10))  # a long narration shrinks to fit
        # an address or a label that must be drawn whole shrinks a step or two, then takes more lines
        self.monos = (self.mono, _font(base, 11, mono=True), _font(base, 10, mono=True))
        self.labels = (self.label, *self.footer)
        every = (self.label, self.small, self.title, self.mono_bold, *self.footer, *self.monos)
        self.metrics = {id(f): QFontMetricsF(f) for f in every}


_FONTS: Dict[str, _Fonts] = {}


def _fonts(base: QFont) -> _Fonts:
    key = base.key()
    fonts = _FONTS.get(key)
    if fonts is None:
        if len(_FONTS) > 8:
            _FONTS.clear()
        fonts = _FONTS[key] = _Fonts(base)
    return fonts
