"""The queue's Progress cell showed "|9 %" in Chinese (found by QA, design note 485): the column, fitted to its
narrow title "进度", was hardly wider than "100 %", so the bar's filling reached the text at 19 % and its edge ran
through the "1". The words are now beside the bar, in the room of "100 %", and the column is fitted to both: at
its default width, in English and Chinese, left to right and mirrored, no glyph of "NN %" is under the filling
and each is drawn whole. The real queue view, its cells painted (grabbed to an image)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF, QRect, Qt
from PySide6.QtGui import QImage, QPainter, QPalette, QStaticText
from test_modepanel_fit import language  # noqa: F401 (fixture)
from test_queue_paint import cell, near, picture

from ftpgui.transfers.model import COL_PROGRESS
from ftpgui.transfers.queue import TransferQueue
from ftpgui.ui.queue_view import QueueView

pytestmark = pytest.mark.gui
PERCENTS = (19, 1, 45, 100, 0)


def span(image, rect: QRect, color) -> tuple:
    """(left, top, right, bottom) of the pixels near ``color`` inside ``rect``, or None."""
    found = [
        (x, y)
        for x in range(rect.left(), rect.right() + 1)
        for y in range(rect.top(), rect.bottom() + 1)
        if near(image.pixelColor(x, y), color)
    ]
    if not found:
        return None
    xs, ys = [x for x, _ in found], [y for _, y in found]
    return min(xs), min(ys), max(xs), max(ys)


def dark_width(image, rect, base) -> int:
    """How wide the ink darker than ``base`` is inside ``rect`` (the whole image: None)."""
    rect = rect or image.rect()
    xs = [
        x
        for x in range(rect.left(), rect.right() + 1)
        for y in range(rect.top(), rect.bottom() + 1)
        if image.pixelColor(x, y).lightness() <= base.lightness() - 60
    ]
    return max(xs) - min(xs) + 1 if xs else 0


def alone(table, words: str) -> QImage:
    """``words`` drawn alone in the table's font and colours: what whole looks like."""
    palette = table.palette()
    image = QImage(200, 40, QImage.Format.Format_ARGB32)
    image.fill(palette.color(QPalette.ColorRole.Base))
    painter = QPainter(image)
    painter.setFont(table.font())
    painter.setPen(palette.color(QPalette.ColorRole.Text))
    painter.drawStaticText(QPointF(10, 10), QStaticText(words))
    painter.end()
    return image


@pytest.mark.parametrize("direction", [Qt.LayoutDirection.LeftToRight, Qt.LayoutDirection.RightToLeft])
def test_the_percentage_is_whole_beside_the_bar_at_the_default_width(qtbot, tmp_path, language, direction):  # noqa: F811
    q = TransferQueue(str(tmp_path / "queue.json"))
    view = QueueView(q, ask=False)
    qtbot.addWidget(view)
    view.resize(900, 300)
    view.setLayoutDirection(direction)
    view.show()
    qtbot.waitExposed(view)
    q.download([(f"/f{n}.bin", False, 1000) for n in range(len(PERCENTS))], str(tmp_path), start=False)
    table = view.tables["queued"]
    qtbot.waitUntil(lambda: table.model().rowCount() == len(PERCENTS))
    for item, done in zip(q.model.items(), PERCENTS, strict=True):
        item.done = done * 10
        q.model.touch(item.id)
    q.model.flush()
    table.setFocus()
    table.clearSelection()
    # the column at its default width: fitted by the view to its rows (as a person first sees it)
    qtbot.waitUntil(lambda: table.horizontalHeader().sectionSize(COL_PROGRESS) > 0)
    qtbot.wait(400)  # (the columns are fitted a moment after the rows change: ``FIT_AFTER_MS``)
    image = picture(table)
    palette = table.palette()
    filling = palette.color(QPalette.ColorRole.Highlight)
    metrics = table.fontMetrics()
    mirrored = direction == Qt.LayoutDirection.RightToLeft
    base = palette.color(QPalette.ColorRole.Base)
    for row, done in enumerate(PERCENTS):
        box = cell(table, row, COL_PROGRESS)
        words = f"{done} %"
        fill = span(image, box, filling)
        assert (fill is None) == (done < 10), words  # (1 % of a short bar: not a pixel)
        if fill is not None:
            # nothing drawn over the filling: no glyph's edge runs through it ("|9 %")
            left, top, right, bottom = fill
            assert all(
                near(image.pixelColor(x, y), filling) for x in range(left, right + 1) for y in range(top + 1, bottom)
            ), (words, language, "a glyph under the filling")
    for row, done in enumerate(PERCENTS):
        box, words = cell(table, row, COL_PROGRESS), f"{done} %"
        fill = span(image, box, filling)
        # where the painter puts the bar and the words: apart, the words in their room whole
        bar, room = table._rows.progress_rects(box, mirrored)  # (the cell: its grid line not in it)
        assert bar is not None and not bar.intersects(room), (bar, room)
        assert (room.right() < bar.left()) if mirrored else (room.left() > bar.right())
        assert metrics.horizontalAdvance(words) <= room.width(), (words, room)
        if fill is not None:
            assert bar.contains(QRect(fill[0], fill[1], fill[2] - fill[0] + 1, fill[3] - fill[1] + 1))
        # and painted whole there: its ink as wide as the words drawn alone (a glyph cut off: 3 px less or more)
        painted, whole = dark_width(image, room, base), dark_width(alone(table, words), None, base)
        assert abs(painted - whole) <= 1, (words, language, painted, whole)  # (a pixel of anti-aliasing)
    q.shutdown()
