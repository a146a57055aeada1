"""The picture's canvas: its logical size and layout (wide or compact), colours and fonts; the text wrapping
is ``wrapping``'s (its names importable from here too).

Shared by the picture (``picture``), its data lane (``datalane``), the stills and the ladder; and by the view
before any connection's events, which paints only the words that it waits for them (``paint_waiting``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Dict, Tuple

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPalette, QTransform

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


def __getattr__(name: str) -> Any:
    if name in ("wrapped", "line_spans"):  # (as before text wrapping had a module of its own)
        from . import wrapping

        return getattr(wrapping, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


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


# the footer under the boxes (``picture.footer``): the decoded lines from DECODED_TOP, the narration NARRATION_GAP
# under them, and BOTTOM_GAP under it to the canvas's edge — one set of numbers for painting and for fitting
DECODED_TOP = BOX_BOTTOM + 8
NARRATION_GAP = 6
BOTTOM_GAP = 4
# the canvas but the narration's room: the boxes, two rows of decoded numbers, the gaps (``picture.footer``)
ABOVE_NARRATION = DECODED_TOP + 2 * DECODED_LINE + NARRATION_GAP + BOTTOM_GAP
NARRATION_ROOM = 124.0  # screen px kept for the narration where the canvas is drawn small: 9 lines at 9 px (CJK)
READABLE_SCALE = 0.9  # at this scale and above, the narration's 10 logical px are 9 on the screen


def canvas_size(rect: QRectF) -> Tuple[float, float]:
    """(the logical canvas's usual height, its scale) in ``rect``: ``HEIGHT``, at the scale the width or the
    height allows. A frame whose narration needs more room at a readable size is drawn on a taller canvas
    (``readable.fitted``); ``NARRATION_ROOM`` is what the view adds for it where it is drawn small
    (``ModeView.heightForWidth``: its height follows its width only, never a step's words — note 444)."""
    return HEIGHT, min(rect.width() / geometry_for(rect.width()).width, rect.height() / HEIGHT)


def canvas_transform(rect: QRectF, height: float = 0.0) -> QTransform:
    """From the logical canvas (wide or compact, by ``rect``'s width; ``height`` tall — by default as
    ``canvas_size`` says, or as a frame's narration needs: ``readable.fitted``) to ``rect``: uniform scale,
    centred."""
    width = geometry_for(rect.width()).width
    height = height or canvas_size(rect)[0]
    scale = min(rect.width() / width, rect.height() / height)
    t = QTransform()
    t.translate(rect.x() + (rect.width() - width * scale) / 2, rect.y() + (rect.height() - height * scale) / 2)
    t.scale(scale, scale)
    return t


def bytes_band(width: float, base_font: QFont, scale: float = 1.0) -> QRectF:
    """The part of the canvas the bytes-moving overlay paints in (the data lane and its label), for a view
    ``width`` px wide: down to the label's second line's foot in the label's font (``datalane.bytes_moving``
    draws it from ``DATA_Y + 22``, at most two lines). A fixed 62 px ended inside a Chinese second line: the
    early rate's line ("迄今平均 …") stayed painted below the band once the label took one line (note 367).
    ``scale``: the picture's, whose labels are raised to stay readable (``least_px``, note 448)."""
    g = geometry_for(width)
    fonts = _fonts(base_font, label_px(scale))
    lines = 2 * fonts.metrics[id(fonts.label)].height()
    return QRectF(g.lane_l, DATA_Y - 16, g.lane_r - g.lane_l, 16 + 22 + lines + 4)


MIN_TEXT_PX = 9.0  # screen px: the least the picture's letters are drawn at (the app's small font is about this)
TEXT_PX_SLACK = 0.05  # (a font's size is whole logical px: 14 px at a 360 px dock's 0.642 are 8.99 on the screen)


def least_px(scale: float) -> int:
    """The picture's smallest logical px size at ``scale``: 10 (the canvas's smallest), or more where that would
    come out under ``MIN_TEXT_PX`` on the screen (notes 444 and 448)."""
    return max(10, int(-(-(MIN_TEXT_PX - TEXT_PX_SLACK) // max(scale, 0.05))))  # (rounded up)


LABEL_MAX_PX = 15  # logical px: the most a label is raised to (13 and 12 px were about 8 px in a 360 px dock)
LABEL_SCALE = (MIN_TEXT_PX - TEXT_PX_SLACK) / LABEL_MAX_PX  # at this scale and above, no label is under MIN_TEXT_PX


def label_px(scale: float) -> int:
    """The picture's labels' least logical px size at ``scale``: ``least_px``, up to ``LABEL_MAX_PX`` — the boxes
    and lanes hold no larger words. A 360 px dock draws the picture at about 0.64: 14 px, 9 on the screen; a
    dock too short for the picture's height draws it smaller, its labels then under 9 px (note 448)."""
    return min(least_px(scale), LABEL_MAX_PX)


class _Fonts:
    """The picture's fonts and their metrics, made once per base font and least size: each of its usual sizes
    (13, 12, 15 logical px) raised to ``least`` where the picture is drawn so small that it would be under
    ``MIN_TEXT_PX`` on the screen — in a 360 px dock the labels came out at about 8 px (note 448); the smaller
    steps a label that does not fit takes are as they were."""

    def __init__(self, base: QFont, least: int = 10) -> None:
        def font(px: float, **kw) -> QFont:
            return _font(base, max(px, least), **kw)

        self.label = font(13)
        self.small = font(12)
        self.title = font(15, bold=True)
        self.mono = font(12, mono=True)
        self.mono_bold = font(13, mono=True, bold=True)
        # a label that must be drawn whole shrinks a step or two, then takes more lines: the steps are not raised
        # (a long IPv6 address in a box, a wall's words in a lane too cramped for them raised) — note 448
        self.footer = tuple(_font(base, px) for px in (12, 11, 10))
        self.monos = (self.mono, _font(base, 11, mono=True), _font(base, 10, mono=True))
        self.labels = (self.label, *self.footer)
        # the steps of those a label can take and still be read on the screen (a wall's words: note 489)
        self.readable = tuple(f for f in self.footer if f.pixelSize() >= least) or (self.small,)
        # and the pill's: a long reply is shortened, never drawn under ``MIN_TEXT_PX`` (it was at 6.4: note 492)
        self.readable_monos = tuple(f for f in self.monos if f.pixelSize() >= least) or (self.mono,)
        every = (self.label, self.small, self.title, self.mono_bold, *self.footer, *self.monos)
        self.metrics = {id(f): QFontMetricsF(f) for f in every}


_FONTS: Dict[Tuple[str, int], _Fonts] = {}


def _fonts(base: QFont, least: int = 10) -> _Fonts:
    """The picture's fonts for ``base``, none under ``least`` logical px (``least_px`` of the picture's scale)."""
    key = (base.key(), least)
    fonts = _FONTS.get(key)
    if fonts is None:
        if len(_FONTS) > 16:
            _FONTS.clear()
        fonts = _FONTS[key] = _Fonts(base, least)
    return fonts


def begin(
    painter: QPainter, rect: QRectF, palette: QPalette, fill: bool = True, height: float = 0.0
) -> Tuple[Colours, Geometry]:
    """Start painting the canvas (``height`` tall: ``canvas_transform``) into ``rect``: the painter saved (restore
    it after), antialiased, the background filled (with ``fill``), and the canvas's transform set; returns the
    colours and the canvas's geometry."""
    c = Colours.for_palette(palette)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    if fill:
        painter.fillRect(rect, c.background)
    painter.setTransform(canvas_transform(rect, height), True)
    return c, geometry_for(rect.width())


def paint_waiting(painter: QPainter, rect: QRectF, palette: QPalette, base_font: QFont, words: str) -> None:
    """What ``picture.paint_picture`` paints of a frame with no connection: the background, and ``words`` (the
    picture's "waiting" label) at the canvas's top left, as its painter's ``text`` draws them. The view paints
    this until a connection's first event, without the picture's machinery, which loads with that event."""
    c, g = begin(painter, rect, palette)
    painter.setFont(_fonts(base_font, label_px(painter.worldTransform().m11())).label)
    painter.setPen(c.muted)
    flags = int(Qt.AlignmentFlag.AlignLeft) | int(Qt.TextFlag.TextWordWrap)
    painter.drawText(QRectF(20, 20, g.width - 40, 60), flags, words)
    painter.restore()
