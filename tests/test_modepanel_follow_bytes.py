"""The mode panel stays with what is happening (design note 179), in the real main window against pyftpdlib:
the narration says the bytes are coming while they come; Follow: Latest activity shows a listing while it
happens and then comes back to the download still moving bytes; a transfer connection the server closed while
it sat idle (its 421) is shown closed; in auto mode the queue's connections inherit the fallback to active mode
that another connection to the same server learnt, and the panel says so."""

from __future__ import annotations

import os
from dataclasses import replace

import pytest
from PySide6.QtWidgets import QApplication

from ftpgui import i18n
from ftpgui.ftp import (
    CommandSent,
    ControlConnected,
    DataChannelPlanned,
    DataClosed,
    DataConnected,
    ReplyReceived,
    TransferProgress,
)
from ftpgui.ftp.causes import LEARNT
from ftpgui.transfers.worker import Endpoint
from ftpgui.ui.modepanel import ModePanel
from ftpgui.ui.modepanel import connections as cl
from ftpgui.ui.modepanel import scene as sc

from ftpserver import PASSWORD, USER
from guihelpers import WAIT, close_window, fill_server, open_window, quick_connect, wait_listing
from memkeyring import memory_keyring  # noqa: F401 (fixture: never the real keychain)

pytestmark = pytest.mark.gui

BIG = 1_200_000  # bytes: at THROTTLE, a download of several seconds, while the person browses
THROTTLE = 100_000  # bytes a second


def shown(w):
    return w.mode_panel.connection


def transfers(w) -> set:
    return {c.connection_id for c in w.queue.connections()}


def on_transfer(w) -> bool:
    conn = shown(w)
    return conn is not None and conn.connection_id in transfers(w)


def on_browsing(w) -> bool:
    conn = shown(w)
    return conn is not None and conn.connection_id == w.browser.connection_id


def moving(w) -> bool:
    """The connection shown is the download, its bytes coming (and not all of them yet)."""
    conn = shown(w)
    ex = conn.current if conn is not None else None
    return on_transfer(w) and ex is not None and ex.done is not None and ex.bytes is None and ex.done < BIG


def test_the_panel_stays_with_a_download_that_moves_bytes(qtbot, window, make_server, tmp_path, monkeypatch):
    monkeypatch.setattr(cl, "DWELL", 1.0)  # (a shorter dwell: the download need not last long)
    w, panel = window, window.mode_panel
    srv = make_server("127.0.0.1", throttle=THROTTLE)
    fill_server(srv)
    with open(srv.path("big.bin"), "wb") as f:
        f.write(b"x" * BIG)
    quick_connect(qtbot, w, srv)
    wait_listing(qtbot, w, "/")
    assert panel.follow() == cl.LATEST
    (tmp_path / "dl").mkdir()
    w.local.set_path(str(tmp_path / "dl"))
    w.set_active_side("remote")
    w.remote.select(["big.bin"])
    w.act_download.trigger()
    qtbot.waitUntil(lambda: moving(w), timeout=WAIT)
    # a moment later (past the dwell the download's start holds the panel for) the person browses into a
    # folder: the listing is shown while it happens…
    qtbot.wait(int(cl.DWELL * 1000) + 300)
    w.navigate("/sub", refresh=True)
    qtbot.waitUntil(lambda: on_browsing(w), timeout=WAIT)
    wait_listing(qtbot, w, "/sub")
    # …and then the panel comes back to the download, still moving bytes, not sitting on the idle browsing
    # connection for the rest of it
    qtbot.waitUntil(lambda: on_transfer(w), timeout=WAIT)
    assert moving(w) and panel.connection_box.currentText() == f"Transfer 1 — {USER}@127.0.0.1:{srv.port}"
    # the words follow the bytes: they are coming now, not "will come" (the picture counts them meanwhile)
    qtbot.waitUntil(lambda: "are coming over the data connection now" in panel.narration(), timeout=WAIT)
    assert "will come" not in panel.narration()
    # Follow: Browsing keeps the browsing connection whatever moves
    panel.set_follow(cl.FOLLOW_BROWSING)
    assert on_browsing(w)
    transfer = next(iter(transfers(w)))
    before = panel.connections.moving_at(transfer)
    qtbot.waitUntil(lambda: panel.connections.moving_at(transfer) != before, timeout=WAIT)
    assert on_browsing(w)


@pytest.mark.parametrize("threads", [False, True], ids=["processes", "threads"])
def test_a_transfer_connection_the_server_closed_while_idle_is_shown_closed(
    qtbot, config, make_server, tmp_path, monkeypatch, threads
):
    if threads:  # (the queue's connections as threads, as on macOS and Windows)
        monkeypatch.setenv("FTPGUI_TRANSFER_THREADS", "1")
    w = open_window(qtbot)
    try:
        _idle_closed(qtbot, w, make_server, tmp_path)
    finally:
        close_window(qtbot, w)


def _idle_closed(qtbot, w, make_server, tmp_path):
    panel = w.mode_panel
    assert w.queue.transfer_processes != (os.environ.get("FTPGUI_TRANSFER_THREADS") == "1")
    srv = make_server("127.0.0.1", idle_timeout=1.5)  # pyftpdlib: "421 Control connection timed out." and closes
    fill_server(srv)
    quick_connect(qtbot, w, srv)
    wait_listing(qtbot, w, "/")
    w.local.set_path(str(tmp_path))
    w.set_active_side("remote")
    w.remote.select(["b.bin"])
    w.act_download.trigger()
    qtbot.waitUntil(lambda: (tmp_path / "b.bin").exists() and (tmp_path / "b.bin").stat().st_size == 5000)
    qtbot.waitUntil(lambda: bool(transfers(w)), timeout=WAIT)
    transfer = next(iter(transfers(w)))
    qtbot.waitUntil(lambda: transfer in panel.scene.connections, timeout=WAIT)
    name = f"Transfer 1 — {USER}@127.0.0.1:{srv.port}"

    def closed() -> bool:
        box = panel.connection_box
        return any(box.itemText(i).startswith(f"{name} (closed") for i in range(box.count()))

    # the idle transfer connection reads the server's 421 and its close: it is listed closed, as the browsing
    # connection is after its own 421 (not "Transfer 1" live, half-closed, until some next job)
    qtbot.waitUntil(closed, timeout=WAIT)
    box = panel.connection_box
    assert name not in [box.itemText(i) for i in range(box.count())]
    # shown, it ends in the control connection's close, and says why
    panel.select_connection(transfer)
    qtbot.waitUntil(lambda: shown(w) is not None and shown(w).steps[-1].kind == sc.CONTROL_CLOSED, timeout=WAIT)
    assert "421" in panel.narration() or "closed" in panel.narration()
    # the next download logs in again and goes through
    (tmp_path / "again").mkdir()
    w.local.set_path(str(tmp_path / "again"))
    w.set_active_side("remote")
    w.remote.select(["a.txt"])
    w.act_download.trigger()
    qtbot.waitUntil(lambda: (tmp_path / "again" / "a.txt").exists(), timeout=WAIT)


def test_auto_mode_fallback_is_inherited_by_the_queues_connections(qtbot, window, make_server, tmp_path):
    w, panel = window, window.mode_panel
    srv = make_server("127.0.0.1", refuse=("EPSV", "PASV"))  # passive mode fails here: active mode works
    fill_server(srv)
    with open(srv.path("c.bin"), "wb") as f:
        f.write(b"c" * 7000)
    # a site in auto mode (connected as a saved site is)
    w.connect_to(Endpoint(srv.host, srv.port, USER, PASSWORD), replace(w.session_defaults(), tls="off", mode="auto"))
    wait_listing(qtbot, w, "/")
    browsing = panel.scene.connections[w.browser.connection_id]
    qtbot.waitUntil(lambda: any(s.kind == sc.FALLBACK for s in browsing.steps), timeout=WAIT)
    passive_tries = srv.record.verbs().count("EPSV") + srv.record.verbs().count("PASV")
    # two files at once: the queue's two connections
    w.local.set_path(str(tmp_path))
    w.set_active_side("remote")
    w.remote.select(["b.bin", "c.bin"])
    w.act_download.trigger()
    qtbot.waitUntil(lambda: (tmp_path / "b.bin").exists() and (tmp_path / "c.bin").exists(), timeout=WAIT)
    qtbot.waitUntil(lambda: (tmp_path / "c.bin").stat().st_size == 7000, timeout=WAIT)
    # the browsing connection learnt that passive mode fails here: no transfer connection tries it again
    assert srv.record.verbs().count("EPSV") + srv.record.verbs().count("PASV") == passive_tries
    # and the panel says what happened on the transfer connection: active from its first transfer, and why
    panel.set_follow(cl.FOLLOW_TRANSFERS)
    qtbot.waitUntil(lambda: on_transfer(w) and bool(shown(w).exchanges()), timeout=WAIT)
    conn = shown(w)
    steps = [s for s in conn.steps if s.kind == sc.FALLBACK]
    assert steps and steps[0].fallback[2] == LEARNT
    assert all(ex.mode == "active" for ex in conn.exchanges())
    panel.go_to(steps[0].serial)
    assert "already failed on another connection to this server" in panel.narration()


# --- the rule and the words, on recorded event sequences (no window) ------------------------------------------
def _up(cid, at=0.0):
    return ControlConnected(cid, local=("127.0.0.1", 40000 + cid), remote=("127.0.0.1", 21), at=at)


def _passive(cid, at, n, command):
    """The ``n``-th data connection on ``cid``, passive (EPSV: the server's port 50000 + ``n``, the client's
    41000 + ``n``), set up at ``at`` and ``command`` sent on it."""
    port = 50000 + n
    return [
        CommandSent(cid, text="EPSV", at=at),
        DataChannelPlanned(
            cid,
            mode="passive",
            command="EPSV",
            argument=f"(|||{port}|)",
            advertised=("127.0.0.1", port),
            target=("127.0.0.1", port),
            at=at,
        ),
        DataConnected(cid, local=("127.0.0.1", 41000 + n), remote=("127.0.0.1", port), dialer="client", at=at),
        CommandSent(cid, text=command, at=at),
    ]


def _download(cid, at):
    """A download's data connection on ``cid`` set up at ``at``, its RETR sent, its bytes starting."""
    return _passive(cid, at, 0, "RETR /big.bin")


def _listing(cid, at):
    return [
        *_passive(cid, at, 1, "LIST"),
        DataClosed(cid, bytes=63, seconds=0.01, at=at + 0.01),
        ReplyReceived(cid, code=226, lines=("226 Transfer complete.",), at=at + 0.02),
    ]


def _bytes(cid, done, at):
    return TransferProgress(cid, done=done, total=24_000_000, at=at)


def test_latest_activity_comes_back_to_the_connection_moving_bytes(qtbot, tmp_path, monkeypatch):
    """A listing on the browsing connection is shown while it happens; once it has been quiet for the dwell, the
    transfer still moving bytes is shown again — in one batch of events or one at a time."""
    monkeypatch.setenv("FTPGUI_CACHE_DIR", str(tmp_path / "cache"))
    for batched in (True, False):
        panel = ModePanel()
        qtbot.addWidget(panel)
        feed = panel.add_events if batched else (lambda events, p=panel: [p.add_event(e) for e in events])
        feed([_up(1), _up(2)])
        panel.connections.set_role(1, cl.BROWSING)
        panel.connections.set_role(2, cl.TRANSFER)
        feed([*_download(2, 1.0), _bytes(2, 1000, 1.1)])
        assert panel.connection.connection_id == 2
        feed([_bytes(2, 500_000, 3.0), *_listing(1, 3.1)])  # the person browses 2 s into the download
        assert panel.connection.connection_id == 1  # the listing, while it happens
        feed([_bytes(2, 600_000, 3.1 + cl.DWELL / 2)])
        assert panel.connection.connection_id == 1  # (no flicker: the listing stays a moment)
        feed([_bytes(2, 900_000, 3.2 + cl.DWELL)])
        assert panel.connection.connection_id == 2  # back to the bytes moving, not the idle browsing connection
        # Follow: Browsing stays on the browsing connection whatever moves; Pinned on the one pinned
        panel.set_follow(cl.FOLLOW_BROWSING)
        assert panel.connection.connection_id == 1
        feed([_bytes(2, 1_000_000, 10.0)])
        assert panel.connection.connection_id == 1
        panel.select_connection(1)
        feed([_bytes(2, 1_100_000, 20.0)])
        assert panel.connection.connection_id == 1


def test_the_words_say_the_bytes_are_coming_while_they_come(qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("FTPGUI_CACHE_DIR", str(tmp_path / "cache"))
    panel = ModePanel()
    qtbot.addWidget(panel)
    panel.add_events([_up(1), *_download(1, 1.0)])
    qtbot.waitUntil(lambda: "RETR /big.bin" in panel.narration())
    assert "will come over the data connection" in panel.narration()  # sent, no byte yet: what is to come
    panel.add_events([_bytes(1, 5_500_000, 2.0)])
    qtbot.waitUntil(lambda: "are coming over the data connection now" in panel.narration())
    assert "226" in panel.narration()  # (what will end it)
    panel.add_events([DataClosed(1, bytes=24_000_000, seconds=5.0, at=6.0)])
    panel.add_events([ReplyReceived(1, code=226, lines=("226 Transfer complete.",), at=6.1)])
    qtbot.waitUntil(lambda: "24,000,000 bytes in 5" in panel.narration())
    # in Chinese too
    translator = i18n.install(QApplication.instance(), "zh_CN")
    try:
        panel.add_events([*_download(1, 7.0), _bytes(1, 100, 7.1)])
        qtbot.waitUntil(lambda: "RETR /big.bin" in panel.narration() and "现在" in panel.narration())
    finally:
        i18n.uninstall(QApplication.instance(), translator)


def test_a_transfer_connections_fallback_is_inherited_by_the_next_one(qtbot, window, make_server, tmp_path):
    """The browsing connection listed in passive mode; then the server's passive mode fails (as a firewall put up
    meanwhile): the queue's first connection falls back, and the one the queue opens next starts in active."""
    w = window
    replies: dict = {}
    srv = make_server("127.0.0.1", replies=replies)
    fill_server(srv)
    for name in ("c.bin", "d.bin"):
        with open(srv.path(name), "wb") as f:
            f.write(b"c" * 7000)
    w.connect_to(Endpoint(srv.host, srv.port, USER, PASSWORD), replace(w.session_defaults(), tls="off", mode="auto"))
    wait_listing(qtbot, w, "/")
    replies.update({"EPSV": "502 EPSV disabled for this test.", "PASV": "502 PASV disabled for this test."})
    w.local.set_path(str(tmp_path))
    w.set_active_side("remote")
    w.remote.select(["b.bin"])
    w.act_download.trigger()
    qtbot.waitUntil(lambda: (tmp_path / "b.bin").exists() and (tmp_path / "b.bin").stat().st_size == 5000)
    # the fallback's event reaches the queue with its batch (a tenth of a second): a connection opened before that
    # still tries passive once (design note 179's limit), so the next files are sent for after it
    qtbot.waitUntil(lambda: any(pool.passive_failed for pool in w.queue._pools.values()))
    passive_tries = srv.record.verbs().count("EPSV") + srv.record.verbs().count("PASV")
    first = set(transfers(w))
    w.remote.select(["c.bin", "d.bin"])  # two at once: the queue opens its second connection
    w.act_download.trigger()
    qtbot.waitUntil(
        lambda: all((tmp_path / n).exists() and (tmp_path / n).stat().st_size == 7000 for n in ("c.bin", "d.bin"))
    )
    assert transfers(w) - first, "the queue opened no second connection"
    assert srv.record.verbs().count("EPSV") + srv.record.verbs().count("PASV") == passive_tries
