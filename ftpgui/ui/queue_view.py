"""The transfer queue's panel: Queued / Failed / Finished tabs, the actions on items, and the speed limit."""

from __future__ import annotations

from typing import Callable, Dict, List, Optional

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QMimeData, QPoint, Qt, QTimer
from PySide6.QtGui import QAction, QDragEnterEvent, QDragMoveEvent, QDropEvent, QKeySequence, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QSpinBox,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ..settings import MAX_SPEED_LIMIT_KIB
from ..transfers.items import ExistsQuestion
from ..transfers.model import COL_LOCAL, COL_REMOTE, ItemIdRole
from ..transfers.queue import QueueTotals, TransferQueue
from .exists_dialog import ExistsDialog, ask_exists, server_words
from .message_bar import ElidedLabel
from .queue_columns import QueueColumns
from .queue_delegates import PathDelegate
from .queue_footer import footer_text, with_rate
from .queue_paint import RowPainter

GROUPS = ("queued", "failed", "cancelled", "finished")
TITLES = {
    "queued": QT_TRANSLATE_NOOP("QueueView", "Queued"),
    "failed": QT_TRANSLATE_NOOP("QueueView", "Failed"),
    "cancelled": QT_TRANSLATE_NOOP("QueueView", "Cancelled"),
    "finished": QT_TRANSLATE_NOOP("QueueView", "Finished"),
}


JUDGED = 500  # selected items looked at to enable the actions
translate = QCoreApplication.translate  # lupdate reads the literal translate("QueueView", …) calls


def tr(text: str) -> str:
    """``text``, marked with ``QT_TRANSLATE_NOOP("QueueView", …)`` where it is defined, in the person's language."""
    return translate("QueueView", text)


class QueueTable(QTableView):
    """A tab's table, its rows drawn in one call (``queue_paint.RowPainter``: not cell by cell through
    delegates). While it draws, transfer connections that are threads start no next job
    (``TransferQueue.holding``), so the drawing does not wait for their threads to hand over Python's lock."""

    def __init__(self, queue: TransferQueue, drops: QueueView):
        super().__init__()
        self._queue = queue
        self._drops = drops
        self._rows = RowPainter(self)
        self.setTabKeyNavigation(False)  # Tab leaves the table (a table's own Tab went cell to cell, never out)
        self.setAcceptDrops(True)  # the panes' entries, queued (``QueueView.drop_plan``)
        self.viewport().setAcceptDrops(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DropOnly)
        self.setDropIndicatorShown(False)  # (added at the queue's end, not between rows)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        self.dragMoveEvent(event)

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        """Accepted (a copy: the pointer says so) only when the drop would queue something."""
        if self._drops.plan(event.mimeData()) is None:
            event.ignore()
            return
        event.setDropAction(Qt.DropAction.CopyAction)
        event.accept()

    def dropEvent(self, event: QDropEvent) -> None:
        plan = self._drops.plan(event.mimeData())
        if plan is None:
            event.ignore()
            return
        event.setDropAction(Qt.DropAction.CopyAction)  # (the files dragged stay where they are)
        event.accept()
        self._drops.dropped(plan)

    def paintEvent(self, event: QPaintEvent) -> None:
        with self._queue.holding():
            painter = QPainter(self.viewport())
            try:
                self._rows.paint(painter, event.rect())
            finally:
                painter.end()


class QueueView(QWidget):
    """Shows a ``TransferQueue`` and lets a person pause, resume, cancel, retry, reorder and remove items."""

    def __init__(self, queue: TransferQueue, parent: Optional[QWidget] = None, ask: bool = True):
        """``ask``: answer the queue's target-exists questions with ``exists_dialog``."""
        super().__init__(parent)
        self.queue = queue
        # entries dropped on the queue: the window says what they would add (None: refused), as FileZilla's queue
        # takes the panes' drops into the queue without starting them
        self.drop_plan: Optional[Callable[[QMimeData], Optional[Callable[[], None]]]] = None
        self.tabs = QTabWidget(self)
        self.tables: Dict[str, QTableView] = {}
        self.columns: Dict[str, QueueColumns] = {}  # each tab's column widths (fitted until the person sets one)
        self._paths = PathDelegate(self)
        for group in GROUPS:
            table = QueueTable(queue, self)
            table.setObjectName(f"queue-{group}")
            table.setModel(queue.views[group])
            table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
            table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
            table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
            table.customContextMenuRequested.connect(self._menu)
            rows = table.verticalHeader()
            rows.hide()
            # one line per item, however long its paths (shortened keeping the name, whole in the tooltip)
            rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
            rows.setDefaultSectionSize(table.fontMetrics().height() + 8)
            # at least its titles and a row: the panel's least height is then its buttons and status line whole
            # with a row of the list (a scroll area's ~70 px made it taller than the first layout gave the queue at
            # 1024×640 in Chinese, and its buttons were cut in half: note 415)
            table.setMinimumHeight(
                table.horizontalHeader().sizeHint().height() + rows.defaultSectionSize() + 2 * table.frameWidth()
            )
            table.setWordWrap(False)
            table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
            # a title wider than its column: "Remote…" (Qt's headers elide nothing: a centred title was cut on
            # both sides, "emote fil" at 1024×640, note 414)
            table.horizontalHeader().setTextElideMode(Qt.TextElideMode.ElideRight)
            for column in (COL_LOCAL, COL_REMOTE):
                table.setItemDelegateForColumn(column, self._paths)
            self.columns[group] = QueueColumns(table, group)
            self.tables[group] = table
            self.tabs.addTab(table, tr(TITLES[group]))
            view = queue.views[group]
            for sig in (view.rowsInserted, view.rowsRemoved, view.modelReset, view.layoutChanged):
                sig.connect(self._titles_soon)
            table.selectionModel().selectionChanged.connect(self._selection_changed)

        self.actions: Dict[str, QAction] = {}
        buttons = QHBoxLayout()
        for name, label, slot in (
            ("pause", QT_TRANSLATE_NOOP("QueueView", "Pause"), lambda ids: queue.pause(ids)),
            ("resume", QT_TRANSLATE_NOOP("QueueView", "Resume"), lambda ids: queue.resume(ids)),
            ("cancel", QT_TRANSLATE_NOOP("QueueView", "Cancel"), lambda ids: queue.cancel(ids)),
            ("retry", QT_TRANSLATE_NOOP("QueueView", "Retry"), lambda ids: queue.retry(ids)),
            ("up", QT_TRANSLATE_NOOP("QueueView", "Move up"), lambda ids: queue.move(ids, -1)),
            ("down", QT_TRANSLATE_NOOP("QueueView", "Move down"), lambda ids: queue.move(ids, 1)),
            ("remove", QT_TRANSLATE_NOOP("QueueView", "Remove"), lambda ids: queue.remove(ids)),
        ):
            action = QAction(tr(label), self)
            action.setObjectName(f"queue-{name}")
            action.triggered.connect(lambda _=False, fn=slot: self._run(fn))
            self.actions[name] = action
            button = QPushButton(action.text())
            button.setObjectName(f"queue-button-{name}")
            button.clicked.connect(action.trigger)
            action.enabledChanged.connect(lambda on, b=button: self._enable(b, on))
            buttons.addWidget(button)
        # Delete in a table: Remove, for the items selected there (the window's Delete is the panes')
        remove = self.actions["remove"]
        remove.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        remove.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.tabs.addAction(remove)
        buttons.addStretch(1)
        # the speed limit shares the status line: the buttons' row then fits a narrow window
        status_row = QHBoxLayout()
        status_row.addWidget(QLabel(translate("QueueView", "Speed limit:")))
        self.limit = QSpinBox()
        self.limit.setObjectName("queue-speed-limit")
        self.limit.setRange(0, MAX_SPEED_LIMIT_KIB)
        self.limit.setSuffix(" KiB/s")  # a unit: the same in every language
        self.limit.setSpecialValueText(translate("QueueView", "No limit"))
        self.limit.setValue(queue.limit.rate // 1024)
        self.limit.valueChanged.connect(lambda kib: queue.set_speed_limit(kib * 1024))
        status_row.addWidget(self.limit)
        # the footer takes the room the speed limit leaves, never more (the panel then needed a scroll bar at
        # 1366×768 beside the mode panel); where it is cut, "…" and its whole text in the tooltip (note 379)
        self.status = ElidedLabel()
        status_row.insertWidget(0, self.status, 1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        layout.addLayout(buttons)
        layout.addLayout(status_row)
        self._title_timer = QTimer(self)
        self._title_timer.setSingleShot(True)
        self._title_timer.setInterval(100)
        self._title_timer.timeout.connect(self._update_titles)
        self._totals: Optional[QueueTotals] = None  # the last shown
        queue.totalsChanged.connect(self._show_totals)
        queue.model.ratesShown.connect(self._rates_shown)
        if ask:
            queue.askExists.connect(self._ask)
            queue.existsWithdrawn.connect(self._withdrawn)
        self.tabs.currentChanged.connect(self._selection_changed)
        self._show_totals(queue.totals())  # a queue loaded from disk: its counts from the start

    def plan(self, mime: QMimeData) -> Optional[Callable[[], None]]:
        """What dropping ``mime`` on the queue would do (``drop_plan``, the window's), or None: refused."""
        return None if self.drop_plan is None else self.drop_plan(mime)

    def dropped(self, plan: Callable[[], None]) -> None:
        """A drop is queued: the Queued tab shows where it went."""
        plan()
        self.tabs.setCurrentIndex(GROUPS.index("queued"))

    def selected_ids(self) -> List[str]:
        """The ids of the items selected in the tab on show."""
        table = self.tables[GROUPS[self.tabs.currentIndex()]]
        rows = table.selectionModel().selectedRows(0)
        return [index.data(ItemIdRole) for index in sorted(rows, key=lambda i: i.row())]

    def _run(self, fn) -> None:
        ids = self.selected_ids()
        if ids:
            fn(ids)
        self.update_actions()

    def _selection_changed(self, *_args) -> None:
        self.update_actions()

    def _enable(self, button: QPushButton, on: bool) -> None:
        """A button greyed out while it has the focus (Cancel, clicked) hands it to the table on show, not to the
        next widget in the chain: that was the Speed limit box, its text selected, and the next key typed
        changed the limit (design note 331)."""
        if not on and button.hasFocus():
            self.tables[GROUPS[self.tabs.currentIndex()]].setFocus(Qt.FocusReason.OtherFocusReason)
        button.setEnabled(on)

    def update_actions(self) -> None:
        """Enable the actions that would do something to the selected items (none when nothing is selected:
        Pause on a finished file, or Retry on a queued one, did nothing at all). A large selection is judged
        by its first ``JUDGED`` items (each look is per item, and this runs with the totals, ten times a
        second while transfers run)."""
        table = self.tables[GROUPS[self.tabs.currentIndex()]]
        ids: List[str] = []
        for span in table.selectionModel().selection():  # (the first JUDGED rows, not a list of them all)
            for row in range(span.top(), min(span.bottom() + 1, span.top() + JUDGED - len(ids))):
                ids.append(table.model().index(row, 0).data(ItemIdRole))
            if len(ids) >= JUDGED:
                break
        can = self.queue.applicable(ids)
        for name, action in self.actions.items():
            action.setEnabled(name in can)

    def _menu(self, pos: QPoint) -> None:
        table = self.sender()
        self.update_actions()
        menu = QMenu(self)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        for action in self.actions.values():
            menu.addAction(action)
        group = GROUPS[self.tabs.currentIndex()]
        if group != "queued":  # (FileZilla's "Remove all" of its lists of transfers done or failed)
            menu.addSeparator()
            remove_all = menu.addAction(translate("QueueView", "Remove All"))
            remove_all.setObjectName("queue-remove-all")
            remove_all.setEnabled(self.queue.views[group].rowCount() > 0)
            remove_all.triggered.connect(lambda: self.remove_all(group))
        menu.popup(table.viewport().mapToGlobal(pos))

    def remove_all(self, group: str) -> None:
        """Remove every item of the ``group`` tab (finished, failed or cancelled: nothing running)."""
        if group == "queued":
            return
        view = self.queue.views[group]
        self.queue.remove([view.index(row, 0).data(ItemIdRole) for row in range(view.rowCount())])
        self.update_actions()

    def _ask(self, question: ExistsQuestion) -> None:
        item = self.queue.model.item(question.item_id)
        server = server_words(self.queue.servers.get(item.server) if item is not None else None)
        ask_exists(question, self, self.queue.exists_default, server)

    def _withdrawn(self, question: ExistsQuestion) -> None:
        """The queue took ``question`` back: its dialog closes (it outlived its item's cancel, note 472)."""
        for dialog in self.findChildren(ExistsDialog):
            if dialog.question is question and dialog.isVisible():
                dialog.withdraw()

    def _titles_soon(self) -> None:
        if not self._title_timer.isActive():
            self._title_timer.start()

    def _update_titles(self) -> None:
        for i, group in enumerate(GROUPS):
            count = self.queue.views[group].rowCount()
            self.tabs.setTabText(
                i, translate("QueueView", "{title} ({count})").format(title=tr(TITLES[group]), count=count)
            )

    def _show_totals(self, totals: QueueTotals) -> None:
        # the views filter on the model's changes, which it sends coalesced: let them catch up first, so the
        # tab counts and "N files waiting" describe the same moment
        self.queue.model.flush()
        self._update_titles()
        self.update_actions()  # (the selected items' states move on: a paused one resumed, a queued one done)
        self._totals = totals
        self.status.setText(footer_text(totals))

    def _rates_shown(self, rate: float) -> None:
        """The rows show new rates: the footer's total with them, at the same moment (design note 379)."""
        if self._totals is None:
            return
        self._totals = with_rate(self._totals, rate)
        self.status.setText(footer_text(self._totals))
