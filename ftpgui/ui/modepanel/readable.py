"""The words under the picture (the decoded numbers and the narration), readable at any scale: never under
``canvas.MIN_TEXT_PX`` on the screen.

The picture is a logical canvas scaled to the view (``canvas.canvas_transform``). In a 360 px dock it is drawn at
about 0.65, and the narration, stepped down to 10 logical px to fit under the boxes, came out at 6–7 px: a
Chinese sentence could not be read (found by QA, design note 444). Now the narration's font is never smaller
than ``MIN_TEXT_PX`` on the screen: at a small scale its logical size grows and it wraps to more lines. A frame
whose words then need more room is drawn on a taller canvas: at the same scale where the view has the room
(``ModeView.heightForWidth`` keeps ``canvas.NARRATION_ROOM`` for them where it is drawn small), else with the
boxes above the words a little smaller (down to ``PICTURE_FLOOR`` of the usual scale) while the words keep the
usual scale and the view's whole width (``footer_transform``): before, the whole canvas was drawn smaller, the
words in a narrower column, and a long English narration left no room for the decoded lines (note 447). The
view's own height follows its width only, so the rows under it never move from one step to the next. Only words
longer than all that holds give up decoded rows, from the last, then step the narration down
(``fallback_fonts``), so that nothing is cut.
"""

from __future__ import annotations

import functools
from typing import Tuple

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QTransform

from .canvas import (
    BOTTOM_GAP,
    DECODED_LINE,
    DECODED_TOP,
    HEIGHT,
    LABEL_SCALE,
    NARRATION_GAP,
    Geometry,
    _font,
    _fonts,
    canvas_size,
    canvas_transform,
    geometry_for,
    least_px,
)
from .wrapping import wrapped

_FLAGS = int(Qt.AlignmentFlag.AlignLeft) | int(Qt.TextFlag.TextWordWrap)
PICTURE_FLOOR = 0.85  # the least share of the usual scale the boxes are drawn at to leave the words room (note 447)
# — and not below ``LABEL_SCALE`` where the usual one is above it, so the labels stay readable (note 448); but
# where a decoded line would be left out there, as far down as ``PICTURE_LEAST`` of the usual scale (note 444's)
PICTURE_LEAST = 0.6


@functools.lru_cache(maxsize=64)
def _footer_fonts(base_key: str, base: QFont, least: int) -> Tuple[Tuple[QFont, ...], Tuple[QFont, ...]]:
    f = _fonts(base)
    sizes = sorted({max(least, x.pixelSize()) for x in (f.label, *f.footer)}, reverse=True)
    return tuple(_font(base, px) for px in sizes), tuple(_font(base, px) for px in range(sizes[-1] - 1, 9, -1))


def footer_fonts(base: QFont, scale: float) -> Tuple[QFont, ...]:
    """The narration's fonts at ``scale``, largest first: 13, 12, 11 and 10 logical px, each raised to
    ``least_px``."""
    return _footer_fonts(base.key(), base, least_px(scale))[0]


def fallback_fonts(base: QFont, scale: float) -> Tuple[QFont, ...]:
    """Smaller ones, down to 10 logical px, for a narration longer than its room holds in ``footer_fonts``
    even with the decoded numbers' rows given up: smaller, never cut."""
    return _footer_fonts(base.key(), base, least_px(scale))[1]


@functools.lru_cache(maxsize=256)
def _text_height(font_key: str, font: QFont, width: float, text: str) -> float:
    return QFontMetricsF(font).boundingRect(QRectF(0, 0, width, 10_000), _FLAGS, text).height()


def text_height(font: QFont, width: float, text: str) -> float:
    """The height ``text`` takes in ``font``, wrapped to ``width``."""
    return _text_height(font.key(), font, width, text)


def decoded_font(base: QFont, scale: float) -> QFont:
    """The decoded numbers' font at ``scale``: the picture's mono, none under ``MIN_TEXT_PX`` on the screen."""
    return _fonts(base, least_px(scale)).mono


def decoded_line(base: QFont, scale: float) -> float:
    """A decoded row's height at ``scale`` (logical px): ``DECODED_LINE``, or the raised font's line."""
    font = decoded_font(base, scale)
    return max(DECODED_LINE, _fonts(base, least_px(scale)).metrics[id(font)].height())


def words_height(text: str, decoded: Tuple[str, ...], base: QFont, g: Geometry, scale: float) -> float:
    """The height, from ``DECODED_TOP`` to the canvas's bottom, that the ``decoded`` lines and the narration
    ``text`` under them take at ``scale`` (``g``: wide or compact), the narration in its smallest readable font
    (``picture._Painter.words_under`` puts it ``NARRATION_GAP`` under the decoded lines, ``BOTTOM_GAP`` from the
    bottom)."""
    wrap = g.width - 2 * g.client_x
    font = decoded_font(base, scale)
    rows = sum(len(wrapped(line, font, wrap)) for line in decoded)
    narration = text_height(footer_fonts(base, scale)[-1], wrap, text)
    return rows * decoded_line(base, scale) + NARRATION_GAP + narration + BOTTOM_GAP


def canvas_height(text: str, decoded: Tuple[str, ...], base: QFont, g: Geometry, scale: float) -> float:
    """The logical canvas's height that holds a narration ``text`` under the ``decoded`` lines at ``scale``, as
    ``words_height`` measures them; at least ``HEIGHT``."""
    return max(HEIGHT, DECODED_TOP + words_height(text, decoded, base, g, scale))


def fitted(rect: QRectF, text: str, decoded: Tuple[str, ...], base: QFont) -> float:
    """The canvas's height for painting a frame whose narration is ``text`` (under ``decoded`` lines) into
    ``rect``: ``canvas.canvas_size``'s where the words fit there readably; else taller at the same scale, where
    ``rect`` has the room; else taller still, so that the boxes above the words are drawn smaller and the words,
    drawn at the usual scale (``footer_transform``), get what that leaves: the boxes at least ``PICTURE_FLOOR`` of
    the scale and ``LABEL_SCALE`` (their labels readable) — unless a decoded line would be left out there, then
    down to ``PICTURE_LEAST`` of it. (The view's own height never changes with the words.)"""
    g = geometry_for(rect.width())
    usual, scale = canvas_size(rect)
    if not text:
        return usual
    words = words_height(text, decoded, base, g, scale)
    if DECODED_TOP + words <= usual + 0.5:
        return usual
    if (DECODED_TOP + words) * scale <= rect.height() + 0.5:
        return DECODED_TOP + words
    needed = (rect.height() - words * scale) / DECODED_TOP  # (the boxes' scale that leaves the words their room)
    readable = max(PICTURE_FLOOR * scale, min(scale, LABEL_SCALE))
    picture = needed if needed >= readable else max(PICTURE_LEAST * scale, needed)
    return max(usual, rect.height() / min(picture, scale))


def footer_transform(rect: QRectF, height: float) -> Tuple[QTransform, float]:
    """(the transform the words under the boxes are painted with, their room's bottom in it) for a canvas
    ``height`` tall (``fitted``) in ``rect``: the usual scale (``canvas_size``'s) and the canvas's usual width
    across the view, from where the picture's own transform puts ``DECODED_TOP`` down to the canvas's bottom —
    the picture's transform itself wherever the boxes are drawn at the usual scale (note 447)."""
    g = geometry_for(rect.width())
    _usual, scale = canvas_size(rect)
    picture = canvas_transform(rect, height)
    top = picture.map(QPointF(0, DECODED_TOP)).y()
    bottom = picture.map(QPointF(0, height)).y()
    t = QTransform()
    t.translate(rect.x() + (rect.width() - g.width * scale) / 2, top - DECODED_TOP * scale)
    t.scale(scale, scale)
    return t, DECODED_TOP + (bottom - top) / scale
