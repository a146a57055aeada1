"""The narration under the picture, readable at any scale: never under ``MIN_TEXT_PX`` on the screen.

The picture is a logical canvas scaled to the view (``canvas.canvas_transform``). In a 360 px dock it is drawn at
about 0.65, and the narration, stepped down to 10 logical px to fit under the boxes, came out at 6–7 px: a
Chinese sentence could not be read (found by QA, design note 444). Now the narration's font is never smaller
than ``MIN_TEXT_PX`` on the screen: at a small scale its logical size grows and it wraps to more lines; a frame
whose narration then needs more room is drawn on a taller canvas, a little smaller (``fitted``). The view's own
height follows its width only (``ModeView.heightForWidth`` keeps ``canvas.NARRATION_ROOM`` for the narration
where it is drawn small), so the rows under it never move from one step to the next. Only a narration longer
than all that holds steps down further (``fallback_fonts``), so that nothing is cut.
"""

from __future__ import annotations

import functools
from typing import Tuple

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QFont, QFontMetricsF

from .canvas import (
    BOTTOM_GAP,
    DECODED_LINE,
    DECODED_TOP,
    HEIGHT,
    NARRATION_GAP,
    Geometry,
    _font,
    _fonts,
    canvas_size,
    geometry_for,
)
from .wrapping import wrapped

MIN_TEXT_PX = 9.0  # screen px: the least a narration's letters are drawn at (the app's small font is about this)
_FLAGS = int(Qt.AlignmentFlag.AlignLeft) | int(Qt.TextFlag.TextWordWrap)


def least_px(scale: float) -> int:
    """The narration's smallest logical px size at ``scale``: 10 (the canvas's smallest), or more where that
    would come out under ``MIN_TEXT_PX`` on the screen."""
    return max(10, int(-(-MIN_TEXT_PX // max(scale, 0.05))))  # (rounded up)


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


def canvas_height(text: str, decoded: Tuple[str, ...], base: QFont, g: Geometry, scale: float) -> float:
    """The logical canvas's height (``g``: wide or compact) that holds a narration ``text`` under the ``decoded``
    lines in the narration's smallest readable font at ``scale`` (``picture._Painter.footer`` puts it
    ``NARRATION_GAP`` under the decoded lines, which start at ``DECODED_TOP``, and ``BOTTOM_GAP`` from the bottom);
    at least ``HEIGHT``."""
    wrap = g.width - 2 * g.client_x
    rows = sum(len(wrapped(line, _fonts(base).mono, wrap)) for line in decoded)
    needed = DECODED_TOP + rows * DECODED_LINE + NARRATION_GAP + text_height(footer_fonts(base, scale)[-1], wrap, text)
    needed += BOTTOM_GAP
    return max(HEIGHT, needed)


def fitted(rect: QRectF, text: str, decoded: Tuple[str, ...], base: QFont) -> float:
    """The canvas's height for painting a frame whose narration is ``text`` (under ``decoded`` lines) into
    ``rect``: ``canvas.canvas_size``'s where the narration fits there readably (the picture as large as the
    view allows); else taller, at the largest scale at which ``rect`` holds it (a long narration's step shows
    the rest of the picture a little smaller; the view's own height never changes with the words); else, when
    no scale does, ``rect``'s whole height at ``canvas_size``'s scale (the narration then steps smaller)."""
    g = geometry_for(rect.width())
    usual, scale = canvas_size(rect)
    if not text or canvas_height(text, decoded, base, g, scale) <= usual + 0.5:
        return usual

    def fits(s: float) -> bool:
        return s * canvas_height(text, decoded, base, g, s) <= rect.height()

    low, high = scale * 0.6, scale  # (no smaller than 0.6 of it: the rest of the picture stays legible)
    if not fits(low):
        return max(usual, rect.height() / scale)
    for _ in range(10):
        middle = (low + high) / 2
        low, high = (middle, high) if fits(middle) else (low, middle)
    return max(usual, canvas_height(text, decoded, base, g, low))
