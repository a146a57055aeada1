"""How a queue tab's table draws its rows: every visible cell in one Python call, its texts laid out once.

Qt's table draws cell by cell, each through its delegate: for every cell a call from C++ into Python
(``multiData``, ~7 roles), and the style laying the text out again (shaping and eliding it) at every repaint.
With 9 columns and 14 rows shown that took ~18 ms a repaint of the queue on this project's 2-core test
machine — and while small files stream, the queue repaints a few times a second, each one stalling the
GUI thread past the 20 ms it may (issue 22 item 2; Qt's own cells with no Python at all took 7.5 ms). Here
the table's ``paintEvent`` asks the queue's items directly, and each text is laid out once (a
``QStaticText``, shortened to its column's width — a path keeps its name, a server its address
(``queue_elide``), any other text elided as the table's ``textElideMode`` says, in the middle, set by
``QueueView``) and drawn again from that layout until the text or the width changes: the same picture in
~3.3 ms, 7 ms when every path in it is new, as while small files stream through
(``tests/benchmarks/bench_queue.py`` measures the stalls; ``test_queue_paint.py`` keeps the picture).

What it draws is what the table with its delegates drew: the grid, the selected rows in the palette's
highlight, the keyboard focus frame on the current cell, one line per cell with its alignment (right for
the numbers), the Progress column as a bar with "NN %" beside it, mirrored in a right-to-left layout. Tooltips,
selection, the keyboard and the header stay the table's own (``PathDelegate`` still answers the tooltips).
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Tuple

from PySide6.QtCore import QModelIndex, QPointF, QRect, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPalette, QStaticText
from PySide6.QtWidgets import QStyle, QStyleOptionFocusRect, QStyleOptionViewItem, QTableView

from ..transfers.model import COL_LOCAL, COL_PROGRESS, COL_REMOTE, COL_SERVER, RIGHT_ALIGNED
from .queue_elide import LOCAL_SEPARATORS, elide_local, elide_path, elide_server, shared_start
from .theme import blend

CACHE_MAX = 1024  # laid-out texts kept (a screenful of 14 rows needs ~130, of 50 ~450; emptied whole when full)
_RTL = Qt.LayoutDirection.RightToLeft
_PLAIN = Qt.TextFormat.PlainText
_TEXT, _HIGHLIGHTED_TEXT = QPalette.ColorRole.Text, QPalette.ColorRole.HighlightedText
_HIGHLIGHT, _BASE = QPalette.ColorRole.Highlight, QPalette.ColorRole.Base
# the Progress cell: the bar and "NN %" side by side, the words in the room of the widest (design note 485)
PERCENT_SAMPLE = "100 %"
BAR_GAP = 4  # px between the bar and its words
BAR_SHORTEST = 16  # px: a bar shorter than this is left out (a column narrowed by hand), the words kept whole
BAR_FITTED = 28  # px: the bar's length where the column is fitted to its rows (``queue_columns``)
# how a column's text is shortened (``queue_elide``): a path keeps its name, a server its address (note 385)
ELIDERS = {COL_LOCAL: elide_local, COL_REMOTE: elide_path, COL_SERVER: elide_server}


class RowPainter:
    """Draws one queue table's visible rows (``QueueTable.paintEvent``)."""

    def __init__(self, table: QTableView):
        self.table = table
        self._texts: Dict[Tuple[str, int, int], Tuple[QStaticText, int, int]] = {}
        self._laid_for: Optional[Tuple[QFont, Qt.TextElideMode]] = None  # the font and elide mode of the layouts

    def text(self, text: str, width: int, column: int = -1, common: int = 0) -> Tuple[QStaticText, int, int]:
        """``text`` laid out for a cell of ``column`` ``width`` pixels wide (when it is wider: a path or a server
        shortened as ``ELIDERS`` says, any other text elided as the table says), its width and its height as laid
        out (a line in another script's font, such as Chinese, can be taller: it is centred by its own height, as
        the table's delegate centred it)."""
        key = (text, width, column if column in ELIDERS else -1, common)
        laid = self._texts.get(key)
        if laid is None:
            table = self.table
            shown = self.shown(text, width, column, common)
            static = QStaticText(shown)
            static.setTextFormat(_PLAIN)
            static.prepare(font=table.font())
            size = static.size()
            if len(self._texts) >= CACHE_MAX:
                self._texts.clear()
            laid = self._texts[key] = (static, round(size.width()), round(size.height()))
        return laid

    def shown(self, text: str, width: int, column: int = -1, common: int = 0) -> str:
        """What a cell of ``column`` ``width`` pixels wide shows of ``text`` (whole if it fits); ``common``: the
        first characters its file name shares with the rows shown (``shared_starts``)."""
        metrics = self.table.fontMetrics()
        elide = ELIDERS.get(column)
        if elide is None:
            return metrics.elidedText(text, self.table.textElideMode(), width)
        return elide(metrics, text, width, common=common) if common else elide(metrics, text, width)

    def shared_starts(self, items: Any, cell_text: Any) -> Dict[int, int]:
        """For the path columns: how many first characters the file names of the rows in the viewport share
        (the same for a whole or a partial repaint), so that a name's shortening keeps where it differs."""
        table, rows = self.table, self.table.verticalHeader()
        first = max(0, rows.logicalIndexAt(0))
        last = rows.logicalIndexAt(table.viewport().height())
        last = len(items) - 1 if last < 0 else min(last, len(items) - 1)
        shown = items[first : last + 1]
        out = {}
        for column, separators in ((COL_LOCAL, LOCAL_SEPARATORS), (COL_REMOTE, "/")):
            out[column] = shared_start([cell_text(item, column) for item in shown], separators) if len(shown) > 1 else 0
        return out

    def paint(self, painter: QPainter, area: QRect) -> None:
        """Draw the cells that meet ``area`` (viewport coordinates)."""
        table = self.table
        model: Any = table.model()
        items = getattr(model, "items", None)
        if not items:
            return
        laid_for = (table.font(), table.textElideMode())
        if laid_for != self._laid_for:  # another font or elide mode: every layout is stale
            self._texts.clear()
            self._laid_for = laid_for
        rows = table.verticalHeader()
        first = rows.logicalIndexAt(area.top())
        last = rows.logicalIndexAt(area.bottom())
        first = 0 if first < 0 else first
        last = len(items) - 1 if last < 0 else min(last, len(items) - 1)
        columns = self._columns(area)
        if first > last or not columns:
            return
        style = table.style()
        palette = table.palette()
        group = QPalette.ColorGroup.Active if table.isActiveWindow() else QPalette.ColorGroup.Inactive
        if not table.isEnabled():
            group = QPalette.ColorGroup.Disabled
        colors = (
            palette.color(group, _TEXT),
            palette.color(group, _HIGHLIGHTED_TEXT),
        )
        highlight = palette.brush(group, _HIGHLIGHT)
        grid = 1 if table.showGrid() else 0
        margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, table) + 1
        rtl = table.layoutDirection() == _RTL
        selection = table.selectionModel()
        source = model.source
        cell_text, percent = source.cell_text, source.percent
        texts = self._texts
        starts = self.shared_starts(items, cell_text)
        base = palette.color(group, _BASE)
        bar_colors = (
            blend(colors[0], base, 0.4),  # the frame (Mid is all but invisible on the dark theme)
            base,
            palette.color(group, _HIGHLIGHT),
        )
        left_x = min(x for _, x, _ in columns)
        right_x = max(x + w for _, x, w in columns)
        for row in range(first, last + 1):
            y = rows.sectionViewportPosition(row)
            height = rows.sectionSize(row) - grid
            item = items[row]
            selected = selection is not None and selection.isRowSelected(row, QModelIndex())
            if selected:
                painter.fillRect(left_x, y, right_x - left_x, height + grid, highlight)
            pen = colors[selected]
            painter.setPen(pen)
            for column, x, width in columns:
                inner = width - grid - 2 * margin
                if column == COL_PROGRESS:
                    done = percent(item)
                    if done >= 0:
                        self._bar(painter, QRect(x, y, width - grid, height), done, bar_colors, rtl, pen)
                        painter.setPen(pen)
                        continue
                text = cell_text(item, column)
                if not text or inner <= 0:
                    continue
                common = starts.get(column, 0)
                laid = texts.get((text, inner, column if column in ELIDERS else -1, common))
                static, advance, tall = self.text(text, inner, column, common) if laid is None else laid
                right = (column in RIGHT_ALIGNED) != rtl
                at = x + width - grid - margin - advance if right else x + margin
                painter.drawStaticText(QPointF(at, y + (height - tall) / 2), static)
        if grid:
            self._grid(painter, columns, first, last, left_x, right_x)
        self._focus(painter, first, last)

    def _columns(self, area: QRect) -> List[Tuple[int, int, int]]:
        """(column, x, width) of the columns shown that meet ``area``, left to right."""
        header = self.table.horizontalHeader()
        out = []
        for visual in range(header.count()):
            column = header.logicalIndex(visual)
            if header.isSectionHidden(column):
                continue
            x, width = header.sectionViewportPosition(column), header.sectionSize(column)
            if width > 0 and x < area.right() + 1 and x + width > area.left():
                out.append((column, x, width))
        out.sort(key=lambda c: c[1])
        return out

    def _bar(
        self, painter: QPainter, cell: QRect, done: int, colors: Tuple[QColor, ...], rtl: bool, pen: QColor
    ) -> None:
        """The Progress cell: a framed bar filled to ``done`` percent, and "NN %" beside it at the cell's end (its
        start right to left), in the room "100 %" takes: the text is never under the filling's edge (design note
        485). ``colors``: the frame, the empty part, the filling; ``pen``: the row's text colour. Where the column
        is too narrow for both, the text alone."""
        bar, words = self.progress_rects(cell, rtl)
        if words.width() < 4 or words.height() < 4:
            return
        static, advance, tall = self.text(f"{done} %", words.width())  # (elided to fit: a column narrowed by hand)
        if bar is not None:
            frame, empty, filling = colors
            painter.setPen(frame)
            painter.setBrush(empty)
            painter.drawRect(bar.adjusted(0, 0, -1, -1))
            inside = bar.adjusted(1, 1, -1, -1)
            filled = inside.width() * done // 100
            if filled:
                left = inside.right() + 1 - filled if rtl else inside.left()
                painter.fillRect(QRect(left, inside.top(), filled, inside.height()), filling)
        x = words.left() if rtl else words.right() + 1 - advance  # (a number: at the cell's end, as the others)
        painter.setPen(pen)
        painter.drawStaticText(QPointF(x, words.top() + (words.height() - tall) / 2), static)

    def progress_rects(self, cell: QRect, rtl: bool) -> Tuple[Optional[QRect], QRect]:
        """Where a Progress cell's bar (None: no room for one) and its words go: left to right the bar first and
        the words at the end, in the room "100 %" takes; mirrored right to left."""
        inner = cell.adjusted(2, 2, -2, -2)
        room = self.table.fontMetrics().horizontalAdvance(PERCENT_SAMPLE) + 2  # (a fraction over: it would elide)
        length = inner.width() - room - BAR_GAP
        if length < BAR_SHORTEST:
            return None, inner
        bar = QRect(inner.right() + 1 - length if rtl else inner.left(), inner.top(), length, inner.height())
        return bar, QRect(inner.left() if rtl else inner.right() + 1 - room, inner.top(), room, inner.height())

    def _grid(self, painter: QPainter, columns, first: int, last: int, left_x: int, right_x: int) -> None:
        """The grid's lines, as the table draws them: at each cell's right and bottom edge."""
        table = self.table
        option = QStyleOptionViewItem()
        option.initFrom(table)
        color = QColor.fromRgba(
            table.style().styleHint(QStyle.StyleHint.SH_Table_GridLineColor, option, table) & 0xFFFFFFFF
        )
        painter.setPen(color)
        rows = table.verticalHeader()
        top = rows.sectionViewportPosition(first)
        bottom = rows.sectionViewportPosition(last) + rows.sectionSize(last) - 1
        for row in range(first, last + 1):
            y = rows.sectionViewportPosition(row) + rows.sectionSize(row) - 1
            painter.drawLine(left_x, y, right_x - 1, y)
        for _, x, width in columns:
            painter.drawLine(x + width - 1, top, x + width - 1, bottom)

    def _focus(self, painter: QPainter, first: int, last: int) -> None:
        """The focus frame on the current cell, when the table has the keyboard's focus."""
        table = self.table
        current = table.currentIndex()
        if not table.hasFocus() or not current.isValid() or not first <= current.row() <= last:
            return
        option = QStyleOptionFocusRect()
        option.initFrom(table)
        option.rect = table.visualRect(current)
        option.state |= QStyle.StateFlag.State_KeyboardFocusChange | QStyle.StateFlag.State_HasFocus
        option.backgroundColor = table.palette().color(_BASE)
        table.style().drawPrimitive(QStyle.PrimitiveElement.PE_FrameFocusRect, option, painter, table)
