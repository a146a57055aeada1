"""How the queue's cells are drawn: the Progress column as a bar with its percent, paths on one line.

A path too long for its column is elided in the middle (the folder's start and the file's name stay), and
its tooltip shows it whole.
"""

from __future__ import annotations

from typing import Optional

from PySide6.QtCore import QEvent, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionProgressBar,
    QStyleOptionViewItem,
    QTableView,
    QToolTip,
    QWidget,
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
    ProgressRole,
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


class ProgressDelegate(QStyledItemDelegate):
    """A progress bar with "NN %" for items of known size; the text (bytes so far, or nothing) otherwise."""

    def paint(self, painter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        # the queue's models are Python: asked directly, not through Qt (each call from Qt into Python waits
        # for the transfer threads to hand over the GIL)
        model = index.model()
        percent = model.data(index, ProgressRole)
        if not isinstance(percent, int) or percent < 0:
            super().paint(painter, option, index)
            return
        # the row's background and selection first (the model gives no colours of its own), then the bar
        # inside the cell's margins
        widget: Optional[QWidget] = option.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, option, painter, widget)
        bar = QStyleOptionProgressBar()
        bar.rect = option.rect.adjusted(2, 2, -2, -2)
        bar.state = option.state | QStyle.StateFlag.State_Horizontal
        bar.direction = option.direction
        bar.fontMetrics = option.fontMetrics
        bar.palette = option.palette
        bar.minimum, bar.maximum, bar.progress = 0, 100, percent
        bar.text = model.data(index, Qt.ItemDataRole.DisplayRole) or f"{percent} %"
        bar.textVisible = True
        bar.textAlignment = Qt.AlignmentFlag.AlignCenter
        style.drawControl(QStyle.ControlElement.CE_ProgressBar, bar, painter, widget)


class PathDelegate(QStyledItemDelegate):
    """The tooltip is the whole path (or the item's error, when it has one). One line, elided in the middle,
    comes from the table (``setTextElideMode``, ``setWordWrap(False)``): no Python call per painted cell."""

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
