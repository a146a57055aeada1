"""``FlowLayout``: widgets in a row that wraps into more rows when the dock is narrow.

Like ``QHBoxLayout`` for the calls the panel makes (``addWidget(w, stretch)``, ``addSpacing``), but an item
that does not fit starts a new row, a stretched item takes what is left of its row, and an item wider than
the whole row is narrowed to it (a word-wrapping label then wraps, through its height-for-width). So the
layout's minimum width is its widest *minimum*, never the sum of its items.
"""

from __future__ import annotations

from typing import List, Optional, Tuple

from PySide6.QtCore import QMargins, QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QLayout, QLayoutItem, QSizePolicy, QSpacerItem, QStyle, QWidget, QWidgetItem


class FlowLayout(QLayout):
    """Left-to-right rows that wrap; see the module's docstring."""

    def __init__(self, parent: Optional[QWidget] = None, spacing: int = -1) -> None:
        super().__init__(parent)
        self._items: List[QLayoutItem] = []
        self._stretch: List[int] = []
        self._with_next: List[bool] = []  # a label: it starts a row rather than end one without its field
        self._alone: List[bool] = []  # wrapped onto a row of its own, it keeps that row (``addWidget``)
        self._spacing = spacing
        self.setContentsMargins(QMargins(0, 0, 0, 0))

    # --- building -----------------------------------------------------------------------------------
    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)
        self._stretch.append(0)
        self._with_next.append(False)
        self._alone.append(False)

    def addWidget(self, widget: QWidget, stretch: int = 0, with_next: bool = False, alone: bool = False) -> None:
        """Add ``widget``; with ``stretch`` it widens to the end of its row; ``with_next`` (a label) keeps it on
        the row of the item after it (at a 360 px dock "Follow:" had ended a row and its box begun the next);
        ``alone``: where it does not fit on the row of the item before it, it has a row to itself — a line that
        belongs with what is before it, not with what follows (a narrower language put the next control beside
        it: design note 485)."""
        self.addChildWidget(widget)
        self._items.append(QWidgetItem(widget))
        self._stretch.append(stretch)
        self._with_next.append(with_next)
        self._alone.append(alone)
        self.invalidate()

    def addSpacing(self, size: int) -> None:
        """Room between two items (dropped at the start of a row)."""
        self.addItem(QSpacerItem(size, 0, QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Minimum))

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> Optional[QLayoutItem]:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> Optional[QLayoutItem]:
        if 0 <= index < len(self._items):
            self._stretch.pop(index)
            self._with_next.pop(index)
            self._alone.pop(index)
            return self._items.pop(index)
        return None

    # --- geometry -----------------------------------------------------------------------------------
    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._place(QRect(0, 0, width, 0), apply=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._place(rect, apply=True)

    def sizeHint(self) -> QSize:
        """All on one row."""
        w = h = 0
        gap = self._gap()
        for item in self._visible():
            hint = item.sizeHint()
            w += hint.width() + (gap if w else 0)
            h = max(h, hint.height())
        m = self.contentsMargins()
        return QSize(w + m.left() + m.right(), h + m.top() + m.bottom())

    def minimumSize(self) -> QSize:
        """The widest item's minimum: everything else can go onto another row."""
        size = QSize()
        for item in self._visible():
            size = size.expandedTo(item.minimumSize())
        m = self.contentsMargins()
        return size + QSize(m.left() + m.right(), m.top() + m.bottom())

    def _gap(self) -> int:
        if self._spacing >= 0:
            return self._spacing
        parent = self.parentWidget()
        if parent is None:
            return 6
        return max(4, parent.style().pixelMetric(QStyle.PixelMetric.PM_LayoutHorizontalSpacing))

    @staticmethod
    def _width(item: QLayoutItem, width: int) -> int:
        """The width ``item`` takes on a row ``width`` px wide, before the row's stretch."""
        w = min(item.sizeHint().width(), width)
        return max(w, min(item.minimumSize().width(), width))

    @staticmethod
    def _shows(item: QLayoutItem) -> bool:
        return not item.isEmpty() or isinstance(item, QSpacerItem)

    def _visible(self) -> List[QLayoutItem]:
        return [i for i in self._items if self._shows(i)]

    def _place(self, rect: QRect, apply: bool) -> int:
        """Lay the items out in ``rect`` (moving them only with ``apply``); returns the height used."""
        m = self.contentsMargins()
        area = rect.adjusted(m.left(), m.top(), -m.right(), -m.bottom())
        width = max(1, area.width())
        gap = self._gap()
        rows: List[List[Tuple[QLayoutItem, int, int]]] = [[]]  # (item, width, stretch)
        used = 0
        every = zip(self._items, self._stretch, self._with_next, self._alone, strict=True)
        shown = [(i, s, n, a) for i, s, n, a in every if self._shows(i)]
        widths = [self._width(i, width) for i, _, _, _ in shown]
        full = False  # the row is one ``alone`` item's: the next item starts another
        for at, (item, stretch, with_next, alone) in enumerate(shown):
            spacer = isinstance(item, QSpacerItem)
            w = widths[at]
            need = w + (gap + widths[at + 1] if with_next and at + 1 < len(shown) else 0)
            if rows[-1] and (full or used + gap + need > width):
                rows.append([])
                used = 0
            if spacer and not rows[-1]:
                continue  # no spacing at the start of a row
            full = alone and not rows[-1] and at > 0  # (wrapped: the row is its own)
            used += (gap if rows[-1] else 0) + w
            rows[-1].append((item, w, stretch))
        y = area.y()
        for row in rows:
            while row and isinstance(row[-1][0], QSpacerItem):
                row.pop()
            if not row:
                continue
            spare = width - sum(w for _, w, _ in row) - gap * (len(row) - 1)
            stretches = sum(s for _, _, s in row)
            widths = [w + (spare * s // stretches if stretches and spare > 0 else 0) for _, w, s in row]
            heights = [
                i.heightForWidth(w) if i.hasHeightForWidth() else i.sizeHint().height()
                for (i, _, _), w in zip(row, widths, strict=True)
            ]
            line = max(heights)
            x = area.x()
            for (item, _, _), w, h in zip(row, widths, heights, strict=True):
                if apply:
                    top = y + (line - h) // 2  # centred on the row, as QHBoxLayout does
                    item.setGeometry(QRect(QPoint(x, top), QSize(w, h)))
                x += w + gap
            y += line + gap
        return max(0, y - gap - area.y()) + m.top() + m.bottom()
