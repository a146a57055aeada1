"""The window's queue stops trying files on a server that has stopped answering (design note 184).

Design note 183 made the command line's connections stop after their second file in a row met a server that said
nothing within the timeout; the window's queue kept its own rules: every file waited the whole timeout, then each
of its three retries did too (a 1,000-file queue at the default 30 s: hours). Now a transfer connection whose
second file in a row met silence ends its server's queue: the items that wait fail at once in the command line's
words, in the Failed tab, and Retry takes them once the server answers again.

The server is pyftpdlib, answering the window's browsing and each connection's login, and from the moment the
files are queued holding back every reply to RETR and sending no file's data (``SilentFiles``) — as a server
stopped or hung once it had listed the folder. Counted in the RETR commands it received, not in seconds.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from test_queue_cancel_silent import use_timeout
from test_queue_upload_restart import shown
from test_tree_silent_server import SilentFiles

from ftpgui.transfers.items import DONE, FAILED
from ftpgui.transfers.model import COL_STATE
from ftpgui.ui.queue_view import GROUPS

from guihelpers import WAIT, quick_connect, wait_listing

FILES = 10
NOT_TRIED = "Not tried: the server has stopped answering"
SILENCE = "The server did not answer within 1 second"


def failed_tab(qtbot, w):
    """The queue panel's Failed tab shown, its rows all selected: its table's model."""
    view = w.queue_view
    view.tabs.setCurrentIndex(GROUPS.index("failed"))
    table = view.tables["failed"]
    qtbot.waitUntil(lambda: table.model().rowCount() == FILES, timeout=WAIT)
    table.selectAll()
    return table.model()


@pytest.mark.parametrize("kind", ["process", "thread"])
def test_a_queue_stops_trying_files_once_the_server_is_silent_and_retry_takes_them_later(
    qtbot, make_server, tmp_path, monkeypatch, kind
):
    """``kind``: the queue's transfer connections as processes (Linux) or threads (macOS, Windows)."""
    use_timeout(tmp_path, monkeypatch, 1)
    hushed = {"on": True}

    class Hushed(SilentFiles):
        def send(self, data) -> int:
            return SilentFiles.send(self, data) if hushed["on"] else super(SilentFiles, self).send(data)

    held: dict = {}
    srv = make_server("127.0.0.1", dtp_mixin=Hushed, no_reply=held)
    names = [f"f{i:02}.txt" for i in range(FILES)]
    for name in names:
        with open(srv.path(name), "wb") as f:
            f.write(name.encode() * 10)
    target = tmp_path / "down"
    target.mkdir()
    with shown(qtbot) as w:
        quick_connect(qtbot, w, srv)
        wait_listing(qtbot, w, "/")
        queue = w.queue
        queue.transfer_processes = kind == "process"
        queue.retry_delays = (0.05, 0.05, 0.05)  # (the code before: each file's four tries, soon one after another)
        held["RETR"] = 10**6  # from now on the server never answers RETR (the browsing connection has listed)
        w.request_download([(f"/{n}", False, len(n) * 10) for n in names], str(target))
        items = queue.model.items()
        qtbot.waitUntil(lambda: all(i.state == FAILED for i in items), timeout=4 * FILES * 1000 + WAIT)
        retrs = [c[len("RETR /") :] for c in srv.record.commands if c.startswith("RETR ")]
        # each of the two connections: its two files that met silence, and one it had taken up before the window
        # heard (the code before: every file four times, 40)
        assert len(retrs) <= 3 * queue.connection_cap, retrs
        untried = [i for i in items if i.remote[1:] not in retrs]
        assert len(untried) >= FILES - 3 * queue.connection_cap
        assert all(i.error.startswith(NOT_TRIED) for i in untried), [i.error for i in untried]
        assert any(i.error.startswith(SILENCE) for i in items), [i.error for i in items]
        model = failed_tab(qtbot, w)  # shown as the person reads them
        shown_words = [model.index(row, COL_STATE).data(Qt.ItemDataRole.ToolTipRole) for row in range(FILES)]
        assert sorted(shown_words) == sorted(i.error for i in items)

        hushed["on"], held["RETR"] = False, 0  # the server answers again: the person retries them all
        qtbot.mouseClick(w.queue_view.findChild(QPushButton, "queue-button-retry"), Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: all(i.state == DONE for i in items), timeout=WAIT)
    for name in names:
        assert (target / name).read_bytes() == name.encode() * 10
