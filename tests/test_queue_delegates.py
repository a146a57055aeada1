"""The queue's rows as drawn (issue 19 item 1): one line each, long paths elided in the middle with the whole
path in the tooltip, and the Progress column a bar with its percent."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QToolTip

from ftpgui.transfers.model import COL_LOCAL, COL_PROGRESS
from ftpgui.transfers.queue import TransferQueue
from ftpgui.ui.queue_view import QueueView

pytestmark = pytest.mark.gui
DEEP = "/a/rather/deep/folder/on/the/server/with/many/levels/below/it/holiday-photo-001-full-resolution.jpg"


@pytest.fixture
def view(qtbot, tmp_path):
    q = TransferQueue(str(tmp_path / "queue.json"))
    v = QueueView(q)
    qtbot.addWidget(v)
    v.resize(700, 300)
    v.show()
    qtbot.waitExposed(v)
    q.download(
        [(DEEP, False, 1000), ("/b.bin", False, 200)], str(tmp_path / "a-local-folder-with-a-long-name"), start=False
    )
    table = v.tables["queued"]
    qtbot.waitUntil(lambda: table.model().rowCount() == 2)
    yield v, q
    q.shutdown()


def test_rows_are_one_line_and_a_long_path_shows_whole_in_its_tooltip(qtbot, view):
    v, _q = view
    table = v.tables["queued"]
    assert table.rowHeight(0) < 2 * table.fontMetrics().height()  # one line, however long the path
    local = table.model().index(0, COL_LOCAL)
    assert table.fontMetrics().horizontalAdvance(local.data()) > table.columnWidth(COL_LOCAL)  # it must elide
    rect = table.visualRect(local)
    event = QHelpEvent(QEvent.Type.ToolTip, rect.center(), table.viewport().mapToGlobal(rect.center()))
    table.viewportEvent(event)
    qtbot.waitUntil(QToolTip.isVisible)
    assert QToolTip.text() == local.data()
    QToolTip.hideText()


def test_progress_is_a_bar_with_the_percent(qtbot, view):
    v, q = view
    table = v.tables["queued"]
    item = q.model.items()[1]
    item.done = 100  # half of its 200 bytes, as a running transfer reports it
    q.model.touch(item.id)
    q.model.flush()
    table.viewport().update()
    qtbot.wait(50)
    index = table.model().index(1, COL_PROGRESS)
    assert index.data() == "50 %"
    # (the column fitted to its rows a moment after they came: room for the bar beside the words, note 485)
    qtbot.waitUntil(lambda: table._rows.progress_rects(table.visualRect(index), False)[0] is not None)
    cell = table.visualRect(index)
    image = table.viewport().grab(cell).toImage()
    # the filled half and the empty half of the bar differ; a plain text cell is blank there
    bar, _words = table._rows.progress_rects(cell.translated(-cell.x(), -cell.y()), False)  # (note 485: beside)
    y = 4
    left, right = (
        image.pixelColor(bar.left() + bar.width() // 5, y),
        image.pixelColor(bar.right() - bar.width() // 5, y),
    )
    assert left != right, (left.name(), right.name())
