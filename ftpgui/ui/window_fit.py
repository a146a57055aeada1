"""The main window's first layout, before a person has arranged it (no saved layout yet).

The window fills the screen's available area (less room for the window manager's frame); the queue gets
room for :data:`QUEUE_ROWS` rows with its buttons, the log a few lines, the panes the rest; the file lists'
columns are sized to what each folder listed shows, until a person sets a column's width by hand.
"""

from __future__ import annotations

from typing import Any, Callable, Optional

from PySide6.QtCore import QEvent, QMargins, QObject, QSize, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QSplitter, QStyle, QTableView, QWidget

QUEUE_ROWS = 5
LOG_LINES = 5
# the window manager's frame is known only once the window is shown: keep this much room for it
FRAME = QMargins(6, 34, 6, 6)


# the mode-panel dock (note 408): the panel is laid out to work at DOCK_MIN px; at DOCK_MAX its picture's compact
# canvas (520 px) is drawn at full scale, with the dock's margins and scroll bar
DOCK_MIN = 360
DOCK_MAX = 560
PANE_MIN = 320  # what each file pane keeps, at least, beside a dock widened by hand or restored


def first_dock_width(window_width: int) -> int:
    """The dock's width the first time it is shown: a third of the window (each file pane as wide), at least
    ``DOCK_MIN`` and at most ``DOCK_MAX`` — and never more than 2/5 of a small window (the queue below the
    panes keeps its row of buttons: 1024 px → 360, 1366 → 455, 1920 → 560)."""
    return min(max(window_width // 3, DOCK_MIN), window_width * 2 // 5, DOCK_MAX)


def most_dock_width(window_width: int) -> int:
    """The widest the dock is let be when shown or restored: the file panes keep ``PANE_MIN`` each (a width
    saved on a bigger screen is narrowed on a smaller one)."""
    return max(first_dock_width(window_width), window_width - 2 * PANE_MIN)


def fit_to_screen(window: QWidget) -> None:
    """``window`` (not yet shown) over its screen's available area, its frame included."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        return
    window.setGeometry(screen.availableGeometry().marginsRemoved(FRAME))


def screen_room(window: QWidget) -> Optional[QSize]:
    """The size of ``window``'s screen's available area (None: no screen)."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry().size() if screen is not None else None


def from_a_bigger_screen(saved: Any, window: QWidget) -> bool:
    """A layout saved (``saved``: its screen's ``screen_room``) on a screen wider or taller than ``window``'s:
    its geometry is not restored — Qt shrank such a window to half the screen's width (682 px at 1024×640) — and
    the window fills the screen as at a first run (note 408)."""
    room = screen_room(window)
    return (
        isinstance(saved, QSize)
        and room is not None
        and (saved.width() > room.width() or saved.height() > room.height())
    )


def queue_height(queue_view: Any, rows: int = QUEUE_ROWS) -> int:
    """The height the queue panel needs to show ``rows`` rows, its tabs, buttons and status line."""
    table: QTableView = next(iter(queue_view.tables.values()))
    frame = 2 * table.frameWidth()
    header = table.horizontalHeader().sizeHint().height()
    tabs = queue_view.tabs.tabBar().sizeHint().height()
    table_height = frame + header + rows * table.verticalHeader().defaultSectionSize()
    layout = queue_view.layout()
    below = sum(
        layout.itemAt(i).sizeHint().height() + layout.spacing() for i in range(1, layout.count())
    )  # the rows of buttons and the status line
    return tabs + table_height + below + 8  # the tab widget's own frame


def split_main(
    splitter: QSplitter, log: QWidget, queue_view: Any, *pane_splitters: QSplitter, panes_need: int = 0
) -> None:
    """Log, panes, queue: the queue its rows, the log a few lines (more on a tall screen), the panes the rest;
    in each pane the file list twice the folder tree's height. Where that leaves the panes less than they need
    (``panes_need``, or their least height: the first-run welcome box's words wrapped in a narrow pane), the log
    gives lines, down to its least height, then the queue rows, down to its panel's least height — its buttons
    and status line whole (at 1024×640 in Chinese Qt took the room from the queue's area and cut its buttons in
    half: note 415)."""
    total = sum(splitter.sizes()) or splitter.height()
    queue = queue_height(queue_view)
    lines = getattr(log, "height_for", None)  # (the message log: its rows and its sideways scroll bar)
    log_height = max(lines(LOG_LINES) if lines else log.fontMetrics().lineSpacing() * LOG_LINES + 12, total // 7)
    panes = max(total - queue - log_height, panes_need, splitter.widget(1).minimumSizeHint().height())
    over = log_height + panes + queue - total
    if over > 0:  # the log gives its lines first, down to its least height (3 lines), then the queue its rows
        log_height -= max(min(over, log_height - log.minimumSizeHint().height()), 0)
        queue = max(total - log_height - panes, queue_view.minimumSizeHint().height())
    splitter.setSizes([max(total - panes - queue, 0), panes, queue])
    for pane in pane_splitters:
        height = sum(pane.sizes())
        pane.setSizes([height // 3, height - height // 3])


# the share of the view a fitted name column may take when the columns do not all fit: a name up to half the view
# is shown whole (a person reads names first); a longer one is elided and the columns after it stay on screen
# (the last ones, in a pane too narrow for them all, are scrolled to, as with short names)
NAME_SHARE = 1 / 2
SIZE_SAMPLE = "1023.9 KiB"  # the widest size a file list writes (below 1 GiB; sizes are written to 4 digits)


def header_of(view: QAbstractItemView) -> QHeaderView:
    """A list's column titles: the remote list is a table, the local one a tree view."""
    return view.horizontalHeader() if isinstance(view, QTableView) else view.header()


def fit_columns(view: QAbstractItemView, first_column: int = 0, size_column: int = 1) -> None:
    """Every column as wide as its content (and its title); the name column also takes the room left over, or,
    the columns too wide for the view, gives the others theirs — never below its content or ``NAME_SHARE`` of
    the view, whichever is less (design notes 298, 313). The
    size column is never narrower than :data:`SIZE_SAMPLE`: a file growing in the folder shown (a download's
    temporary file) would otherwise outgrow the width its first size gave it and show "839.9 …"."""
    header = header_of(view)
    count = header.count()
    if not count:
        return
    for column in range(count):
        if not header.isSectionHidden(column):
            view.resizeColumnToContents(column)
    if 0 <= size_column < count and not header.isSectionHidden(size_column):
        # (the cell's margins and its padding: what resizeColumnToContents adds to the text's width)
        wanted = (
            view.fontMetrics().horizontalAdvance(SIZE_SAMPLE)
            + 2 * view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin)
            + 8
        )
        if header.sectionSize(size_column) < wanted:
            header.resizeSection(size_column, wanted)
    room = view.viewport().width()
    left = room - header.length()
    name = header.sectionSize(first_column)
    if left > 0:
        header.resizeSection(first_column, name + left)
    elif left < 0 and name > room * NAME_SHARE:
        # a name too long for the view (one of 10,000 characters pushed every other column off screen, found by
        # QA): the name column gives the others their room, keeping NAME_SHARE of the view; its long names are
        # elided, as FileZilla's are. Not less: at a quarter, every name over 127 px was cut at the default window
        header.resizeSection(first_column, max(name + left, int(room * NAME_SHARE)))


class ColumnFitter(QObject):
    """Fits ``view``'s columns to each folder listed until the person drags a column's divider (a subclass
    fits its own way: ``fit``; the queue's tabs, ``queue_columns``)."""

    def __init__(self, view: QAbstractItemView, has_rows: Callable[[], bool], signals: tuple) -> None:
        super().__init__(view)
        self.view, self.has_rows, self.signals = view, has_rows, signals
        self.header = header_of(view)
        self.pressed = False  # a mouse button is down on the header: a resize now is the person's
        self.active = True  # still fitting (False once the person set a width by hand)
        self.header.viewport().installEventFilter(self)
        self.header.sectionResized.connect(self.resized)
        for signal in signals:
            signal.connect(self.fit)
        self.fit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick):
            # (the left button: a right click opens the columns' menu, whose hiding is no width set by hand)
            self.pressed = event.button() == Qt.MouseButton.LeftButton
        elif event.type() == QEvent.Type.MouseButtonRelease:
            self.pressed = False
        return False

    def fit(self, *_args: Any) -> None:
        if self.has_rows():
            fit_columns(self.view)

    def resized(self, *_args: Any) -> None:
        if self.pressed:
            self.stop()

    def stop(self) -> None:
        """The person's own widths from now on (dragged, or restored as they left them): no more fitting."""
        if not self.active:
            return
        self.active = False
        self.header.sectionResized.disconnect(self.resized)
        self.header.viewport().removeEventFilter(self)
        for signal in self.signals:
            signal.disconnect(self.fit)


def fit_columns_until_resized(view: QAbstractItemView, has_rows: Callable[[], bool], *signals: Any) -> QObject:
    """:func:`fit_columns` now if there are rows to show, and again each time one of ``signals`` fires with rows
    (each folder listed), until the person resizes a column by hand: from then on their widths stay."""
    return ColumnFitter(view, has_rows, signals)


class EvenSplit(QObject):
    """The local and remote panes (``splitter``'s two sides) kept equally wide on a fresh profile — as the window
    is first laid out, and as a window manager then fits it to the screen — until the person moves the divider
    (design note 412). Left to Qt, the first split followed the panes' size hints, and a window grown after it
    gave the remote side most of the room (302 px local, 591 remote in Chinese at 1366×768)."""

    def __init__(self, splitter: QSplitter) -> None:
        super().__init__(splitter)
        self.splitter = splitter
        splitter.installEventFilter(self)
        splitter.splitterMoved.connect(self.stop)  # (emitted for the person's drags only, not ``setSizes``)
        self.even()

    def even(self) -> None:
        width = sum(self.splitter.sizes()) or self.splitter.width()
        self.splitter.setSizes([width // 2, width - width // 2])

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            QTimer.singleShot(0, self, self.even)  # once the splitter has laid out its new width
        return False

    def stop(self, *_args: Any) -> None:
        self.splitter.removeEventFilter(self)
        self.splitter.splitterMoved.disconnect(self.stop)
