"""The queue's State cells say their state whole at the default 1366×768 window, in English and in Chinese
(design note 278). Found by QA: an upload whose bytes were all sent read "Waiting fo…er's reply", a held one
"Held by t…eed limit" — the whole text only in the tooltip. The real main window, its queue's tabs holding an
item in each state there is; each State cell's text measured against its column as the row painter draws it."""

from __future__ import annotations

import os

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QStyle

from ftpgui.transfers.items import (
    ACTIVE,
    CANCELLED,
    DONE,
    DOWNLOAD,
    FAILED,
    PAUSED,
    QUEUED,
    RETRYING,
    SKIPPED,
    UPLOAD,
    WAITING,
    TransferItem,
)
from ftpgui.transfers.model import COL_RATE, COL_STATE, COL_TIME_LEFT, state_words
from ftpgui.ui.main_window import MainWindow
from ftpgui.ui.queue_view import GROUPS
from ftpgui.ui.window_fit import FRAME

from guihelpers import WAIT, close_window, probe_dir

pytestmark = [pytest.mark.gui, pytest.mark.timeout(120)]
SIZE = 18_015_881  # an upload the server kept part of: "17.2 MiB"


@pytest.fixture
def window(qtbot, config):
    """The main window as it first opens on a 1366×768 screen (``window_fit.fit_to_screen``: the screen less the
    window manager's frame), sized before it is shown: the mode panel's dock takes its first width from it."""
    w = MainWindow()
    w.setGeometry(QRect(0, 0, 1366, 768).marginsRemoved(FRAME))
    w.show()
    qtbot.waitExposed(w)
    yield w
    for item in w.queue.model.items():  # (rows of this test's own: nothing to stop, nothing asked at Quit)
        item.state = DONE
    close_window(qtbot, w)


def item(state: str, direction: str = DOWNLOAD, **fields) -> TransferItem:
    return TransferItem(
        direction, "/home/someone/Documents/report.pdf", "/pub/docs/report.pdf", size=4_200_000, state=state, **fields
    )


def states() -> dict:
    """An item in each state each tab shows (a state's words, no failure's reason: those elide in the middle,
    whole in the tooltip — design note 162)."""
    finishing = item(ACTIVE, UPLOAD, done=4_200_000)  # every byte sent: the server's reply is next
    held = item(ACTIVE, done=4_200_000)  # the speed limit holds it back
    return {
        "rows": [
            item(QUEUED),
            item(ACTIVE, done=1_000_000),
            finishing,
            held,
            item(WAITING),
            item(RETRYING),
            item(PAUSED),
            item(FAILED),
            item(FAILED, UPLOAD, server_size=SIZE),  # "Incomplete: the server has 17.2 MiB"
            item(CANCELLED),
            item(CANCELLED, UPLOAD, server_size=SIZE, error="Cancelled after 17.2 MiB."),
            item(DONE, done=4_200_000),
            item(SKIPPED),
        ],
        "held": held,
    }


def shown_states(qtbot, w, language: str) -> list:
    """(tab, State text, its width, the room its cell gives text) of every row, each tab on show in turn; the
    tabs grabbed to build/screens."""
    queue = w.queue
    made = states()
    queue.model.append(made["rows"])
    queue.model.set_held(made["held"].id, True)
    queue.model.flush()
    found = []
    for group in GROUPS:
        w.queue_view.tabs.setCurrentIndex(GROUPS.index(group))
        table = w.queue_view.tables[group]
        fitter = w.queue_view.columns[group]
        qtbot.waitUntil(lambda t=table: t.isVisible() and t.viewport().width() > 0, timeout=WAIT)
        fitter.fit()  # (as the fitter's timer does 250 ms after the rows change)
        header, metrics, model = table.horizontalHeader(), table.fontMetrics(), table.model()
        margin = table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, table) + 1
        inner = header.sectionSize(COL_STATE) - 1 - 2 * margin  # (queue_paint: the grid line, a margin each side)
        for row in range(model.rowCount()):
            text = model.index(row, COL_STATE).data()
            found.append((group, text, metrics.horizontalAdvance(text), inner))
        w.queue_view.grab().save(os.path.join(probe_dir(), f"queue-states-{group}-{language}.png"))
    assert sum(1 for _ in found) == len(made["rows"])
    return found


def check(found: list) -> None:
    clipped = [(group, text, advance, inner) for group, text, advance, inner in found if advance > inner]
    assert not clipped, clipped


def test_every_state_reads_whole_at_the_default_window(qtbot, window):
    found = shown_states(qtbot, window, "en")
    texts = {text for _, text, _, _ in found}
    assert {"Queued", "Active", "Paused", "Incomplete: the server has 17.2 MiB"} <= texts, texts
    check(found)
    # the short words' sentence is the tooltip's
    tips = {window.queue.model.index(row, COL_STATE).data(Qt.ItemDataRole.ToolTipRole) for row in (2, 3)}
    assert tips == {
        "Every byte has been transferred; waiting for the server's reply.",
        "ftpgui holds this transfer back to keep to the speed limit.",
    }


def test_every_state_reads_whole_at_the_default_window_in_chinese(qtbot, chinese, window):
    found = shown_states(qtbot, window, "zh_CN")
    texts = {text for _, text, _, _ in found}
    assert {"排队中", "传输中", "已暂停"} <= texts, texts
    check(found)


def test_the_queued_tab_keeps_room_for_the_words_its_rows_come_to(qtbot, window):
    """A tab of rows that say "Queued" and "Active" has the room for "Awaiting reply", which each transfer says at
    its end, before a row says it (it read "Wai…ply" until the next fit, and every column then moved)."""
    window.queue.model.append([item(QUEUED), item(ACTIVE, done=1_000_000)])
    window.queue.model.flush()
    table = window.queue_view.tables["queued"]
    window.queue_view.columns["queued"].fit()
    margin = table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, table) + 1
    inner = table.horizontalHeader().sectionSize(COL_STATE) - 1 - 2 * margin
    words = state_words("queued")
    assert "Awaiting reply" in words and "Speed limited" in words, words
    assert max(table.fontMetrics().horizontalAdvance(word) for word in words) <= inner


def test_a_rate_reads_whole_as_soon_as_its_row_moves(qtbot, window):
    """The Queued tab keeps Rate and Time left their room while nothing moves (design note 361): a transfer's
    first rate read "9…s" beside a very wide Local file until the next fit, 250 ms later, moved every column."""
    long = "/home/someone/Documents/projects/2026/customers/a-very-long-folder-name/deeper/still/notes-mine.txt"
    row = TransferItem(DOWNLOAD, long, "/notes-mine.txt", size=40_000_000, state=QUEUED)
    window.queue.model.append([row])
    window.queue.model.flush()
    table, fitter = window.queue_view.tables["queued"], window.queue_view.columns["queued"]
    qtbot.waitUntil(lambda: table.isVisible() and table.viewport().width() > 0, timeout=WAIT)
    fitter.fit()  # (the fit of the queued row, as its timer does)
    row.state, row.done = ACTIVE, 100_000
    window.queue.model.set_rate(row.id, 9.8 * 1024)
    window.queue.model.touch(row.id)
    window.queue.model.flush()  # the row moves: drawn now, before any fit
    header, metrics = table.horizontalHeader(), table.fontMetrics()
    margin = table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, table) + 1
    for column in (COL_RATE, COL_TIME_LEFT):
        text = table.model().index(0, column).data()
        assert text and metrics.horizontalAdvance(text) <= header.sectionSize(column) - 1 - 2 * margin, (column, text)
    table.grab().save(os.path.join(probe_dir(), "queue-first-rate.png"))
