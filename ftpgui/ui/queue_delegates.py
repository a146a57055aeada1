"""The queue's cells apart from their drawing (``queue_paint.py`` draws them) and their widths
(``queue_columns.py``): a path's tooltip shows it whole (the cell shortens it keeping its name).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolTip,
)


class PathDelegate(QStyledItemDelegate):
    """The tooltip is the whole path (or the item's error, when it has one); the cell shows it on one line,
    shortened keeping its name (``queue_paint.RowPainter``, ``queue_elide``)."""

    def helpEvent(self, event, view: QAbstractItemView, option: QStyleOptionViewItem, index: QModelIndex) -> bool:
        if event is None or event.type() != QEvent.Type.ToolTip or not index.isValid():
            return super().helpEvent(event, view, option, index)
        tip = path_tooltip(index)
        if not tip:
            return super().helpEvent(event, view, option, index)
        QToolTip.showText(event.globalPos(), tip, view)
        return True


def path_tooltip(index: QModelIndex) -> str:
    """What the tooltip of a path cell says: the item's error if it has one, else the whole path."""
    return str(index.data(Qt.ItemDataRole.ToolTipRole) or index.data(Qt.ItemDataRole.DisplayRole) or "")
