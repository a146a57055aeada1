"""Starting a drag from a file list: the picture of what is dragged sits below and right of the pointer.

Qt's own drag draws the selected rows under the pointer, which hides the row a drop would land on. Here the
picture (the first item's icon and name, "+N" for more) starts one row below the pointer, a little to its
right, so the folder under the pointer stays readable.
"""

from __future__ import annotations

from typing import List

from PySide6.QtCore import QModelIndex, QPoint, QRect, Qt
from PySide6.QtGui import QColor, QDrag, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QAbstractItemView, QTableView

GAP_X = 16  # px right of the pointer


def row_height(view: QAbstractItemView) -> int:
    """The height of a row in ``view`` (what the picture must clear below the pointer)."""
    if isinstance(view, QTableView):
        return view.verticalHeader().defaultSectionSize()
    index = view.model().index(0, 0, view.rootIndex()) if view.model() is not None else QModelIndex()
    height = view.visualRect(index).height() if index.isValid() else 0
    return max(height, view.fontMetrics().height() + 4)


def hotspot(view: QAbstractItemView) -> QPoint:
    """Where the pointer is on the picture: negative, so the picture starts below and right of the pointer."""
    return QPoint(-GAP_X, -(row_height(view) + 2))


def picture(view: QAbstractItemView, indexes: List[QModelIndex]) -> QPixmap:
    """The first item's icon and name, and "+N" when more are dragged, on the view's base colour."""
    first = indexes[0]
    text = str(first.data(Qt.ItemDataRole.DisplayRole) or "")
    if len(indexes) > 1:
        text += f"  +{len(indexes) - 1}"
    metrics = view.fontMetrics()
    icon = first.data(Qt.ItemDataRole.DecorationRole)
    side = metrics.height()
    width = min(side + 6 + metrics.horizontalAdvance(text) + 8, 360)
    ratio = view.devicePixelRatioF()
    pixmap = QPixmap(int(width * ratio), int((side + 6) * ratio))
    pixmap.setDevicePixelRatio(ratio)
    base = QColor(view.palette().base().color())
    base.setAlpha(220)
    pixmap.fill(base)
    painter = QPainter(pixmap)
    if isinstance(icon, QIcon):
        icon.paint(painter, QRect(3, 3, side, side))
    painter.setPen(view.palette().text().color())
    painter.drawText(QRect(side + 6, 0, width - side - 8, side + 6), Qt.AlignmentFlag.AlignVCenter, text)
    painter.end()
    return pixmap


def start_drag(view: QAbstractItemView, supported: Qt.DropAction) -> None:
    """What ``QAbstractItemView.startDrag`` does for the selected rows, with the picture beside the pointer."""
    model = view.model()
    rows = [i for i in view.selectionModel().selectedRows(0) if model.flags(i) & Qt.ItemFlag.ItemIsDragEnabled]
    if not rows:
        return
    mime = model.mimeData(rows)
    if mime is None:
        return
    drag = QDrag(view)
    drag.setMimeData(mime)
    drag.setPixmap(picture(view, rows))
    drag.setHotSpot(hotspot(view))
    drag.exec(supported, view.defaultDropAction())
