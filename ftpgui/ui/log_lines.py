"""The message log's lines: a bounded model of them and the view that paints the visible ones.

The log was a ``QPlainTextEdit`` bounded at ``MAX_LINES`` blocks. A tree of small files logs about seven
lines a file on its transfer connections, and past the bound every new line made the document remove its
oldest block: about 15 µs a line in Qt's text document, whatever the batching, and with the edits' layout
the log took 0.23 s of the window thread's 0.58 s for 2,000 files (``bench_queue.py``'s window side). Here
the lines are a Python list behind a one-column table with fixed-height rows: adding a batch is one insert
(and one removal of the oldest rows, past the bound), and painting asks only the rows on screen.
"""

from __future__ import annotations

from typing import Dict, List, Optional, Tuple

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QMenu, QTableView, QWidget

MAX_LINES = 5000  # the oldest lines go first; a day-long session stays small
_DISPLAY = Qt.ItemDataRole.DisplayRole
_FOREGROUND = Qt.ItemDataRole.ForegroundRole
_FONT = Qt.ItemDataRole.FontRole
_TOOLTIP = Qt.ItemDataRole.ToolTipRole


class LogLines(QAbstractTableModel):
    """The lines shown, oldest first: (kind, text as said, the line as shown with its time and label)."""

    def __init__(self, parent: Optional[QObject] = None):
        super().__init__(parent)
        self.rows: List[Tuple[str, str, str]] = []
        self.max_lines = MAX_LINES
        self.colours: Dict[str, QColor] = {}
        self.bold: Optional[QFont] = None  # the font of an error line (None: as the others)

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 1

    def data(self, index: QModelIndex, role: int = _DISPLAY):
        if role == _DISPLAY:
            return self.rows[index.row()][2]
        if role == _FOREGROUND:
            return self.colours.get(self.rows[index.row()][0])
        if role == _FONT and self.bold is not None and self.rows[index.row()][0] == "error":
            return self.bold
        return None

    def append(self, rows: List[Tuple[str, str, str]]) -> int:
        """Add ``rows`` at the end, the oldest going past ``max_lines``; returns how many old rows went."""
        if not rows:
            return 0
        limit = max(1, self.max_lines)
        rows = rows[-limit:]
        gone = max(0, len(self.rows) + len(rows) - limit)
        if gone:
            self.beginRemoveRows(QModelIndex(), 0, gone - 1)
            del self.rows[:gone]
            self.endRemoveRows()
        first = len(self.rows)
        self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
        self.rows.extend(rows)
        self.endInsertRows()
        return gone

    def clear(self) -> None:
        self.beginResetModel()
        self.rows = []
        self.endResetModel()

    def recolour(self, colours: Dict[str, QColor], bold: QFont) -> None:
        self.colours, self.bold = colours, bold
        if self.rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, 0), [_FOREGROUND, _FONT])

    def text(self, rows: Optional[List[int]] = None) -> str:
        """The lines as shown (``rows``: those rows only), one a line."""
        if rows is None:
            return "\n".join(r[2] for r in self.rows)
        return "\n".join(self.rows[i][2] for i in rows)


class LineView(QTableView):
    """Read-only lines in one column of fixed-height rows, as wide as the widest line (no wrapping: the view
    scrolls sideways); rows are selected whole and copied as text (Ctrl+C, the context menu)."""

    def __init__(self, parent: Optional[QWidget] = None):
        super().__init__(parent)
        self.lines_model = LogLines(self)
        self.setModel(self.lines_model)
        self.setShowGrid(False)
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerItem)  # (whatever the style's own: the
        # scroll bar counts rows, which keeping the place read when old rows go relies on)
        self.setTabKeyNavigation(False)
        self.setCornerButtonEnabled(False)
        self.horizontalHeader().hide()
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows = self.verticalHeader()
        rows.hide()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setMinimumSectionSize(1)
        self._widest = 0  # pixels of the widest line shown
        self._follow = True  # the view shows the newest line and keeps doing so (until scrolled away from it)
        self._updating = False
        self.verticalScrollBar().valueChanged.connect(self._scrolled)
        self._fit_rows()

    # --- size ------------------------------------------------------------------------------------------
    def _fit_rows(self) -> None:
        """Rows as tall as a line of the log's font needs — or of the app's, whose fallback glyphs (Chinese)
        a line may use — with a little room."""
        height = max(QFontMetrics(self.font()).height(), QFontMetrics(QGuiApplication.font()).height())
        self.verticalHeader().setDefaultSectionSize(height + 2)

    def _measure(self, rows: List[Tuple[str, str, str]]) -> None:
        """Widen the column for the widest of ``rows``: of the plain ASCII lines the longest; of the others the
        longest and the one of most UTF-8 bytes (a Chinese character takes three bytes and two columns, an
        accented letter two and one); measured in the bold of an error line, so never narrower than the line."""
        longest, other, heaviest, weight = "", "", "", -1
        for _, _, line in rows:
            if line.isascii():
                if len(line) > len(longest):
                    longest = line
                continue
            if len(line) > len(other):
                other = line
            size = len(line.encode("utf-8", "surrogatepass"))
            if size > weight:
                heaviest, weight = line, size
        metrics = QFontMetrics(self.lines_model.bold or self.font())
        measured = (metrics.horizontalAdvance(line) for line in {longest, other, heaviest} if line)
        widest = max(self._widest, *measured, 0)
        if widest != self._widest:
            self._widest = widest
            self._fit_column()

    def _remeasure(self) -> None:
        """After a change of font: every line measured again."""
        self._widest = 0
        self._fit_rows()
        self._measure(self.lines_model.rows)
        self._fit_column()

    def _fit_column(self) -> None:
        self.setColumnWidth(0, max(self._widest + 12, self.viewport().width()))

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit_column()
        if self._follow:
            self.scrollToBottom()

    # --- adding ----------------------------------------------------------------------------------------
    def _add_rows(self, rows: List[Tuple[str, str, str]]) -> None:
        bar = self.verticalScrollBar()
        before = bar.value()
        self._updating = True  # (the scroll bar moves with the rows: that is not the person scrolling)
        try:
            gone = self.lines_model.append(rows)
            self._measure(rows)
        finally:
            self._updating = False
        if self._follow:
            self.scrollToBottom()
        elif gone:
            bar.setValue(max(0, before - gone))  # the lines being read stay in view

    def _scrolled(self, value: int) -> None:
        """Scrolled by the person (or to a new line at the end): it follows the end while it is at it."""
        if not self._updating:
            self._follow = value >= self.verticalScrollBar().maximum()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._follow:  # (lines added while hidden were placed for the size it had then)
            self.scrollToBottom()

    def height_for(self, lines: int) -> int:
        """The height that shows ``lines`` rows, with the frame and the sideways scroll bar."""
        bar = self.horizontalScrollBar().sizeHint().height()
        return self.verticalHeader().defaultSectionSize() * lines + 2 * self.frameWidth() + bar

    # --- copying ---------------------------------------------------------------------------------------
    def selected_text(self) -> str:
        rows = sorted({index.row() for index in self.selectionModel().selectedIndexes()})
        return self.lines_model.text(rows)

    def copy(self) -> None:
        """The selected lines to the clipboard, one a line."""
        text = self.selected_text()
        if text:
            QGuiApplication.clipboard().setText(text)

    def keyPressEvent(self, event) -> None:
        if event.matches(QKeySequence.StandardKey.Copy):
            self.copy()
            event.accept()
            return
        key = event.key()
        if key in (Qt.Key.Key_Left, Qt.Key.Key_Right) and not event.modifiers():  # (one column: sideways is a scroll)
            bar = self.horizontalScrollBar()
            step = self.fontMetrics().averageCharWidth() * 4
            bar.setValue(bar.value() + (step if key == Qt.Key.Key_Right else -step))
            event.accept()
            return
        super().keyPressEvent(event)

    def contextMenuEvent(self, event) -> None:
        menu = QMenu(self)
        copy = menu.addAction(self.tr("&Copy"), self.copy)
        copy.setShortcut(QKeySequence.StandardKey.Copy)
        copy.setEnabled(self.selectionModel().hasSelection())
        select = menu.addAction(self.tr("Select &All"), self.selectAll)
        select.setShortcut(QKeySequence.StandardKey.SelectAll)
        select.setEnabled(bool(self.lines_model.rows))
        menu.addSeparator()
        clear = menu.addAction(self.tr("C&lear All"), self.clear_all)  # (as FileZilla's message log)
        clear.setEnabled(bool(self.lines_model.rows))
        menu.exec(event.globalPos())

    def clear_all(self) -> None:
        """Empty the view (the log file, if one is kept, keeps every line)."""
        self.lines_model.clear()
        self._widest = 0
        self._follow = True
        self._fit_column()
