"""``AnywhereLabel``: a plain-text label that wraps at spaces, and anywhere in a word wider than it has room for.

QLabel's word wrap breaks lines at spaces (and after a '/'), never inside a word: a word wider than the window —
a folder named by a checksum, a URL — made the label, and its window, as wide as that word, off the screen and
cut (design note 206). This one says it on as many lines as it takes, its ``text()`` the text as set.
"""

from __future__ import annotations

from typing import Optional, Tuple

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QLabel, QWidget

from .modepanel.canvas import wrapped

LEAST_CHARS = 10  # the least width, in average characters, asked of the layout for a long word


class AnywhereLabel(QLabel):
    """A plain-text, word-wrapped label whose long words wrap anywhere (see the module)."""

    def __init__(self, parent: Optional[QWidget] = None):
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)  # (its height for its width, in the layout)

    def lines(self, width: int) -> Tuple[str, ...]:
        """The text's lines at ``width`` pixels of room (a line break in it kept)."""
        font = self.font()
        return tuple(line for part in self.text().split("\n") for line in wrapped(part, font, max(1, width)))

    def _room(self, width: int) -> int:
        margins = self.contentsMargins()
        return width - margins.left() - margins.right() - 2 * self.margin()

    def heightForWidth(self, width: int) -> int:
        if not self.text():
            return super().heightForWidth(width)
        margins = self.contentsMargins()
        extra = margins.top() + margins.bottom() + 2 * self.margin()
        return len(self.lines(self._room(width))) * self.fontMetrics().lineSpacing() + extra

    def minimumSizeHint(self) -> QSize:
        least = super().minimumSizeHint()  # (its longest word wide: no wider than a few characters now)
        return QSize(min(least.width(), LEAST_CHARS * self.fontMetrics().averageCharWidth()), least.height())

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        width = min(hint.width(), 80 * self.fontMetrics().averageCharWidth())  # (QLabel's own measure: 80)
        return QSize(width, self.heightForWidth(width))

    def paintEvent(self, event: QPaintEvent) -> None:
        room = self.contentsRect().adjusted(self.margin(), self.margin(), -self.margin(), -self.margin())
        lines = self.lines(room.width())
        step = self.fontMetrics().lineSpacing()
        top = room.top() + max(0, (room.height() - len(lines) * step) // 2)  # (centred, as QLabel's own)
        painter = QPainter(self)
        painter.setPen(self.palette().color(self.foregroundRole()))
        flags = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextSingleLine)
        for n, line in enumerate(lines):
            painter.drawText(QRect(room.left(), top + n * step, room.width(), step), flags, line)
