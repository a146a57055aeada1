"""The queue's cells apart from their drawing (``queue_paint.py`` draws them): a path's tooltip shows it whole
(the cell elides it in the middle), and the narrow columns' widths.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QToolTip,
)

from ..transfers.model import (
    COL_DIRECTION,
    COL_LOCAL,
    COL_PROGRESS,
    COL_RATE,
    COL_REMOTE,
    COL_SERVER,
    COL_SIZE,
    COL_STATE,
    COL_TIME_LEFT,
)

# what the narrow columns show at their widest (sizes, rates, times): their width before any row exists
# (the Server column: enough for a part of the address to show, elided in the middle — "f…7" had said nothing; the
# whole address is its tooltip)
SAMPLES = {
    COL_DIRECTION: "Download",
    COL_SIZE: "1023.9 MiB",
    COL_PROGRESS: "100 %",
    COL_RATE: "1023.9 KiB/s",
    COL_TIME_LEFT: "00:00:00",
    COL_STATE: "Cancelled",
    COL_SERVER: "example.com",
}


class PathDelegate(QStyledItemDelegate):
    """The tooltip is the whole path (or the item's error, when it has one); the cell shows it on one line,
    elided in the middle (``queue_paint.RowPainter``)."""

    def helpEvent(self, event, view: QAbstractItemView, option: QStyleOptionViewItem, index: QModelIndex) -> bool:
        if event is None or event.type() != QEvent.Type.ToolTip or not index.isValid():
            return super().helpEvent(event, view, option, index)
        tip = path_tooltip(index)
        if not tip:
            return super().helpEvent(event, view, option, index)
        QToolTip.showText(event.globalPos(), tip, view)
        return True


def fit_queue_columns(table: QTableView) -> None:
    """The columns other than the two paths as wide as their title or their widest usual content; the
    paths share the rest (they stretch)."""
    header = table.horizontalHeader()
    metrics = table.fontMetrics()
    for column in range(header.count()):
        if column in (COL_LOCAL, COL_REMOTE):
            continue
        sample = SAMPLES.get(column, "")
        header.resizeSection(column, max(header.sectionSizeHint(column), metrics.horizontalAdvance(sample) + 16))


def path_tooltip(index: QModelIndex) -> str:
    """What the tooltip of a path cell says: the item's error if it has one, else the whole path."""
    return str(index.data(Qt.ItemDataRole.ToolTipRole) or index.data(Qt.ItemDataRole.DisplayRole) or "")
