"""The narration under the picture, readable at any scale: never under ``MIN_TEXT_PX`` on the screen.

The picture is a logical canvas scaled to the view (``canvas.canvas_transform``). In a 360 px dock it is drawn at
about 0.65, and the narration, stepped down to 10 logical px to fit under the boxes, came out at 6–7 px: a
Chinese sentence could not be read (found by QA, design note 444). Now the narration's font is never smaller
than ``MIN_TEXT_PX`` on the screen: at a small scale its logical size grows, it wraps to more lines, and the
canvas keeps it the room (``canvas.canvas_size``: ``NARRATION_ROOM`` screen px, the view as much taller). Only a
narration longer than that room holds even with the decoded numbers' rows given up steps down further, so
that nothing is cut.
"""

from __future__ import annotations

import functools
from typing import Tuple

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QFont, QFontMetricsF

from .canvas import _font, _fonts

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
