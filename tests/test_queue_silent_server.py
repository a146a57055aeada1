"""The window's queue stops trying files on a server that has stopped answering (design notes 184, 197).

Design note 183 made the command line's connections stop after their second file in a row met a server that said
nothing within the timeout; the window's queue kept its own rules: every file waited the whole timeout, then each
of its three retries did too (a 1,000-file queue at the default 30 s: hours). Now a transfer connection whose
second file in a row met silence closes; once every connection has, the items that wait fail at once in the
command line's words, in the Failed tab, and they wait again once one of the server's jobs goes through. While
another connection still moves bytes, the items go on there (note 197).

The server is pyftpdlib, answering the window's browsing and each connection's login, and holding back every reply
to RETR and sending no file's data (``SilentFiles``) — as a server stopped or hung once it had listed the folder —
from the moment the files are queued, or for two files only. Counted in the RETR commands it received.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from test_queue_cancel_silent import downloading, use_timeout
from test_tree_silent_server import SilentFiles, SlowFiles

from ftpgui.ftp import SessionOptions
from ftpgui.settings import Preferences
from ftpgui.transfers.items import DONE, FAILED
from ftpgui.transfers.model import COL_STATE
from ftpgui.transfers.queue import TransferQueue
from ftpgui.transfers.worker import Endpoint
from ftpgui.ui.queue_view import GROUPS

from ftpserver import PASSWORD, USER
from guihelpers import WAIT

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
    names = [f"f{i:02}.txt" for i in range(FILES)]
    files = {name: name.encode() * 10 for name in names}
    with downloading(qtbot, make_server, tmp_path, files, kind, dtp_mixin=Hushed, no_reply=held) as (w, srv, target):
        queue = w.queue
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

        # the server answers again: the person retries one of them, and once it is fetched the others wait again
        # and are fetched too (design note 197: left failed, "Not tried" would be false; the code before left them)
        hushed["on"], held["RETR"] = False, 0
        table = w.queue_view.tables["failed"]
        table.clearSelection()
        table.selectRow(0)
        qtbot.mouseClick(w.queue_view.findChild(QPushButton, "queue-button-retry"), Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: all(i.state == DONE for i in items), timeout=WAIT)
        for name, data in files.items():
            assert (target / name).read_bytes() == data


def test_a_connection_that_met_silence_twice_closes_and_the_others_carry_on(qtbot, make_server, tmp_path, monkeypatch):
    """Design note 197 (found in review): two files the server never answers, queued one behind the other on the
    first connection, while the second moves a larger file's bytes. The first stops trying files; the queue goes on
    on the other, and the two files are tried again there. The code before failed 31 of the 33 items: 29 said
    "Not tried: the server has stopped answering" while big.bin finished on the other connection."""
    use_timeout(tmp_path, monkeypatch, 1)
    slow = {"RETR /slow1.bin": 10**6, "RETR /slow2.bin": 10**6}  # (neither answered nor sent, ever)
    sizes = {"slow1.bin": 1000, "big.bin": 2_500_000, "slow2.bin": 1000}
    sizes.update({f"f{i:02}.txt": 10_000 for i in range(30)})
    files = {name: name.encode()[:1] * size for name, size in sizes.items()}
    server = {"dtp_mixin": SlowFiles, "no_reply": slow}
    with downloading(qtbot, make_server, tmp_path, files, "thread", **server) as (w, srv, target):
        queue = w.queue
        queue.retry_delays = (0.05,)  # each file tried once more
        # big.bin takes at least 3 s on the second connection: longer than the first's two files wait (2 s)
        queue.limit.set_rate(800_000)
        # in this order the first connection takes slow1 and, behind it, slow2; the second big.bin
        w.request_download([(f"/{n}", False, size) for n, size in sizes.items()], str(target))
        items = queue.model.items()
        qtbot.waitUntil(lambda: all(i.state in (DONE, FAILED) for i in items), timeout=60_000)
        failed = {i.remote: i.error for i in items if i.state == FAILED}
        assert sorted(failed) == ["/slow1.bin", "/slow2.bin"], failed
        assert all(words.startswith(SILENCE) for words in failed.values()), failed
        retrs = [c for c in srv.record.commands if c.startswith("RETR /slow")]
        assert sorted(retrs) == sorted(list(slow) * 2)  # each tried again after its connection had closed
        for name, data in files.items():
            assert name.startswith("slow") or (target / name).read_bytes() == data


@pytest.mark.parametrize("connections", [1, Preferences().transfer_connections])
@pytest.mark.parametrize("kind", ["process", "thread"])
def test_a_lone_file_on_a_silent_server_is_tried_twice(qtbot, make_server, tmp_path, kind, connections):
    """Design note 214: one file, one connection, a server that never answers its RETR. The connection met the
    silence twice in a row — the rule's count (notes 183, 184) — and, the only one the queue may have, ends the
    file in the silence's words. It was tried four times (each a whole timeout): its later tries were never
    counted (note 197), so the rule could not end it and only its retries ran out. Design note 231: with the
    default two connections it was still tried four times, two on each; a file's second try in a row that met
    the silence is its last, on whichever connection it ran."""
    srv = make_server("127.0.0.1", dtp_mixin=SilentFiles, no_reply={"RETR": 10**6})
    with open(srv.path("lone.bin"), "wb") as f:
        f.write(b"x" * 1000)
    target = tmp_path / "down"
    target.mkdir()
    queue = TransferQueue()
    queue.retry_delays = (0.05, 0.05, 0.05)  # (the code before: four tries, soon one after another)
    queue.transfer_processes = kind == "process"
    try:
        queue.set_site(Endpoint(srv.host, srv.port, USER, PASSWORD), SessionOptions(timeout=1), connections)
        queue.download([("/lone.bin", False, 1000)], str(target))
        (item,) = queue.model.items()
        qtbot.waitUntil(lambda: item.state == FAILED, timeout=WAIT)
        assert item.error.startswith(SILENCE), item.error
        assert [c for c in srv.record.commands if c.startswith("RETR ")] == ["RETR /lone.bin"] * 2
        assert queue.is_idle()
        if connections == 1:  # (the only connection met the silence twice in a row: it closed)
            assert not queue.connections()
    finally:
        queue.shutdown()
    assert not list(target.iterdir())  # (nothing under its name, no temporary file left either)
