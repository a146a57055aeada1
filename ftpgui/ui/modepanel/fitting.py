"""The mode panel in the dock's height: the picture takes the height its rows leave (design note 432).

The picture (and the ladder, in the tab beside it) is as tall as its width asks (``ModeView.heightForWidth``)
when the dock's scroll area has the room; when it has not, it is drawn smaller (it scales to the height it
gets), never below its own minimum, so that the rows under it — the timeline, What if, Diagnose and the
practice row — are in view without scrolling. Found by QA in Chinese at 1366×768: the practice row was below
the fold, since each row with Chinese words is 3–4 px taller (Qt draws them in Noto Sans CJK, whose line is
18 px, under the 14 px of the interface's DejaVu Sans) and the window's own rows above the dock were taller too.

The room is measured when the scroll area's height or the words' language or font change — not when a row
grows later (the what-if table opens, a diagnosis says what it found): those open into the room below and the
panel scrolls, as before, so nothing above them moves.
"""

from __future__ import annotations

from typing import List, Tuple

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QLayout, QLayoutItem, QScrollArea, QWidget


def _item_height(item: QLayoutItem, width: int) -> int:
    return item.heightForWidth(width) if item.hasHeightForWidth() else item.sizeHint().height()


def _first_row_height(bar: QWidget, width: int) -> int:
    """A bar's first row (its buttons), without what it opens below them (a table, a diagnosis's findings)."""
    column = bar.layout()
    if column is None or column.count() == 0:
        return bar.sizeHint().height()
    margins = column.contentsMargins()
    inner = width - margins.left() - margins.right()
    return margins.top() + margins.bottom() + _item_height(column.itemAt(0), inner)


def rows_around(layout: QLayout, width: int, picture: QWidget, bars: List[QWidget]) -> Tuple[int, List[int]]:
    """At ``width``: the height from the panel's top to its picture (``picture``: the tabs), and each row's
    below it, with the spacing above it (``bars``: counted by their first row)."""
    margins = layout.contentsMargins()
    inner = width - margins.left() - margins.right()
    above, below, seen = margins.top(), [], False
    for i in range(layout.count()):
        item = layout.itemAt(i)
        widget = item.widget()
        if item.spacerItem() is not None or (widget is not None and widget.isHidden()):
            continue  # (the stretch under the last row takes no spacing)
        if widget is picture:
            seen = True
            continue
        height = _first_row_height(widget, inner) if widget in bars else _item_height(item, inner)
        if seen:
            below.append(layout.spacing() + height)
        else:
            above += height + layout.spacing()
    return above, below


class PictureFit(QObject):
    """Keeps ``picture`` (the panel's tabs) no taller than what ``area``'s viewport leaves it under ``panel``'s
    other rows, and no shorter than its own minimum."""

    def __init__(self, panel: QWidget, area: QScrollArea, picture: QWidget, bars: List[QWidget]) -> None:
        super().__init__(panel)
        self.panel, self.area, self.picture, self.bars = panel, area, picture, bars
        self._timer = QTimer(self, singleShot=True, interval=0)  # after every widget has its new words
        self._timer.timeout.connect(self.fit)
        area.viewport().installEventFilter(self)  # (the panel calls ``soon`` on its language or font changing)
        self.fit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.fit()
        return False

    def soon(self) -> None:
        """Fit again once every row has its new words (a language change) or its new font."""
        self._timer.start()

    def room(self) -> int:
        """The height the picture (its tab bar included) is given: what the viewport leaves under the rows above
        it once every row below it has its height — or, when that is less than the picture's minimum (a small
        screen), what it leaves once the first rows have theirs, as many as leave the picture its minimum: the
        viewport's edge then falls between two rows, the rest scrolled to, none cut across."""
        viewport = self.area.viewport()
        layout = self.panel.layout()
        width = max(viewport.width(), self.panel.minimumSizeHint().width())
        above, below = rows_around(layout, width, self.picture, self.bars)
        least = self.picture.minimumSizeHint().height()
        for shown in range(len(below), -1, -1):
            room = viewport.height() - above - sum(below[:shown])
            if shown == len(below):
                room -= layout.contentsMargins().bottom()
            if room >= least:
                return room
        return least

    def fit(self) -> None:
        height = self.room()
        if height != self.picture.maximumHeight():
            self.picture.setMaximumHeight(height)
