"""Found by QA (design note 398): the Queued tab kept Rate and Time left ~160 px wide while empty (note 361
kept them so, for a first rate that read "9…s"); at 1366×768 with the mode panel's dock at 360 px, the paths
were squeezed beside empty columns. Now they are as narrow as their titles while nothing moves, as wide as
their texts from the first update a row moves in — every rate drawn whole — and they keep that room from one
file to the next (no column moves at the rows' ten updates a second), narrowing once nothing has moved for a
while. The real window on pyftpdlib, the queue's speed limit on, English and Chinese."""

from __future__ import annotations

import dataclasses
import itertools
import os

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QStyle
from test_queue_servers_gui import browse, resume_all

from ftpgui.transfers.model import COL_LOCAL, COL_RATE, COL_REMOTE, COL_TIME_LEFT
from ftpgui.ui.queue_columns import HOLD_MS

from ftpserver import PASSWORD, USER
from guihelpers import WAIT, close_window, open_window, probe_dir

pytestmark = pytest.mark.gui
KIB = 1024
FILES = 2
SIZE = 256 * KIB  # four seconds each at the speed limit: rates shown, one file after another


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_empty_rate_and_time_left_give_the_paths_their_room_and_grow_once_when_a_row_moves(
    qtbot, request, config, make_server, tmp_path, language
):
    if language == "zh_CN":
        request.getfixturevalue("chinese")
    srv = make_server("127.0.0.1")
    for i in range(FILES):
        with open(srv.path(f"report-{i}.pdf"), "wb") as f:
            f.write(os.urandom(SIZE))
    local = tmp_path / "local"
    local.mkdir()
    w = open_window(qtbot)
    try:
        w.resize(1366, 768)
        w.resizeDocks([w.mode_dock], [360], Qt.Orientation.Horizontal)
        w.prefs = dataclasses.replace(w.prefs, transfer_connections=1)  # one file after another
        browse(qtbot, w, srv, USER, PASSWORD)
        w.queue_view.limit.setValue(64)  # KiB/s: each file moves for seconds, its rate measured (note 379)
        w.queue_view.tabs.setCurrentIndex(0)
        table = w.queue_view.tables["queued"]
        header, metrics = table.horizontalHeader(), table.fontMetrics()
        margin = table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, table) + 1
        w.request_download([(f"/report-{i}.pdf", False, SIZE) for i in range(FILES)], str(local), start=False)
        qtbot.waitUntil(lambda: table.model().rowCount() == FILES, timeout=WAIT)
        titles = [header.sectionSizeHint(c) for c in (COL_RATE, COL_TIME_LEFT)]

        def widths() -> list:
            return [header.sectionSize(c) for c in (COL_RATE, COL_TIME_LEFT)]

        qtbot.waitUntil(lambda: widths() == titles, timeout=WAIT)  # nothing moves: as narrow as their titles
        paths = sum(header.sectionSize(c) for c in (COL_LOCAL, COL_REMOTE))
        table.grab().save(os.path.join(probe_dir(), f"queue-nothing-moves-{language}.png"))

        seen, cut, rates = [], [], []  # the columns' widths at each update; a text drawn cut; the rates shown

        def look() -> None:
            seen.append(tuple(widths()))
            model = table.model()
            for row in range(model.rowCount()):
                for column in (COL_RATE, COL_TIME_LEFT):
                    text = model.index(row, column).data()
                    if text and column == COL_RATE:
                        rates.append(text)
                        if len(rates) == 1:
                            table.grab().save(os.path.join(probe_dir(), f"queue-a-row-moves-{language}.png"))
                    if text and metrics.horizontalAdvance(text) > header.sectionSize(column) - 1 - 2 * margin:
                        cut.append((column, text, header.sectionSize(column)))

        poll = QTimer(interval=20)  # (at every moment, between the rows' updates too)
        poll.timeout.connect(look)
        poll.start()
        resume_all(w)
        qtbot.waitUntil(lambda: len(os.listdir(local)) == FILES and table.model().rowCount() == 0, timeout=WAIT)
        poll.stop()
        assert rates and cut == []  # every rate and time left whole, from the first one
        wide = [s for s in seen if s != tuple(titles)]
        assert wide and len(set(wide)) == 1, set(seen)  # grown once, kept from one file to the next
        assert sum(a != b for a, b in itertools.pairwise(seen)) <= 2, seen  # (narrowed at most once, at the end)
        assert all(a >= b for a, b in zip(wide[0], titles, strict=True))
        qtbot.waitUntil(lambda: widths() == titles, timeout=HOLD_MS + WAIT)  # nothing moves any more: narrow
        grown = sum(a - b for a, b in zip(wide[0], titles, strict=True))
        assert sum(header.sectionSize(c) for c in (COL_LOCAL, COL_REMOTE)) == paths  # the paths have it back
        assert grown >= 50  # (what the paths had lent while the rows moved: the Rate's sample beside its title)
    finally:
        close_window(qtbot, w)
