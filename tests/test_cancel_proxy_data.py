"""A cancel ends a data connection's wait for a proxy's answer (design note 221).

Design note 168 made a cancel cut the control connection's handshake with a proxy; a data connection through the
proxy (SOCKS5 or HTTP CONNECT in passive mode, SOCKS5 BIND in active mode) still opened its own socket to the
proxy, out of the cancel's reach: a proxy that answered nothing held the transfer for the session's whole timeout
whatever the person pressed. The proxy here is real (``proxies.SilentProxy`` with ``relay``): on 127.0.0.1, it
relays the control connection to a real pyftpdlib server and leaves the data connection's request unanswered, as
a proxy that cannot reach the data port does. The sessions' timeout is 60 s, beyond the tests' wait (``WAIT``,
20 s): on the old code the transfer is still waiting when the test gives up. ``ftpgui-cli``'s Ctrl+C ends the same
wait (design note 245).
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading

import pytest
from test_cli_words_exit import ctrl_c
from test_queue_cancel_silent import cancel_when
from test_queue_cancel_wait import click
from test_queue_upload_restart import log_in, shown

from ftpgui import settings
from ftpgui.ftp import Cancelled, ControlConnected, DataConnected, FtpSession, SessionOptions
from ftpgui.ftp.proxy import Proxy
from ftpgui.transfers.items import ACTIVE, CANCELLED, QUEUED

from ftpserver import PASSWORD, USER
from guihelpers import WAIT, fill_server, quick_connect, save_queued_upload
from proxies import SilentProxy

TIMEOUT = 60  # s: the sessions' timeout, longer than WAIT


@pytest.mark.parametrize(("kind", "mode"), [("socks5", "passive"), ("http", "passive"), ("socks5", "active")])
def test_a_cancel_ends_a_data_connections_wait_for_a_silent_proxy(make_server, tmp_path, kind, mode):
    """The engine, cancelled from another thread while the proxy says nothing to the data connection's request:
    the download ends at once, ``Cancelled`` in the proxy's words, the proxy sees the hang-up, nothing is left
    under the file's name — and the session goes on (its next command reconnects through the proxy). Before: the
    download waited the whole timeout."""
    srv = make_server("127.0.0.1")
    fill_server(srv)
    local = tmp_path / "b.bin"
    events: list = []
    with SilentProxy(kind, relay=srv.port) as silent:
        options = SessionOptions(mode=mode, timeout=TIMEOUT, proxy=Proxy(kind, "127.0.0.1", silent.port))
        with FtpSession(options, events.append) as session:
            session.open("127.0.0.1", srv.port, USER, PASSWORD)
            ended = threading.Event()
            raised: list = []

            def download() -> None:
                try:
                    session.download("/b.bin", str(local))
                except BaseException as exc:
                    raised.append(exc)
                ended.set()

            threading.Thread(target=download, daemon=True).start()
            cancel_when(session, silent.heard.is_set).join()
            assert ended.wait(WAIT / 1000)  # (before: still waiting for the proxy, 60 s in all)
            assert [type(e) for e in raised] == [Cancelled]
            assert str(raised[0]) == f"Cancelled while waiting for the proxy 127.0.0.1:{silent.port}."
            assert silent.ended.wait(WAIT / 1000)  # the client hung up on the proxy
            assert not local.exists() and not [e for e in events if isinstance(e, DataConnected)]
            # what the proxy was left to answer: the data connection's request (a CONNECT to the data port, a BIND)
            sent = bytes(silent.received)
            if kind == "http":
                assert sent.startswith(b"CONNECT 127.0.0.1:") and f":{srv.port} ".encode() not in sent
            else:
                assert sent[:2] == (b"\x05\x01" if mode == "passive" else b"\x05\x02")
            assert session.size("/b.bin") == 5000  # the next command reconnects, through the proxy
            assert len([e for e in events if isinstance(e, ControlConnected)]) == 2


@pytest.mark.parametrize("kind", ["process", "thread"])
def test_the_queues_cancel_ends_a_data_connection_through_a_silent_proxy(
    qtbot, make_server, tmp_path, monkeypatch, kind
):
    """An upload left in the queue at exit goes, after the restart, through the proxy it was queued through: the
    control connection reaches the server, the data connection's request is never answered. The queue's Cancel
    ends it cancelled, in the proxy's words, and the server holds no file under its name (before: active until the
    timeout, then failed as the proxy's silence)."""
    srv = make_server("127.0.0.1")
    config = tmp_path / "config"
    monkeypatch.setenv("FTPGUI_CONFIG_DIR", str(config))
    source = tmp_path / "up.bin"
    source.write_bytes(b"x" * 1000)
    with SilentProxy("socks5", relay=srv.port) as proxy:
        settings.save(settings.Preferences(timeout=TIMEOUT, proxy=proxy.url()))
        save_queued_upload(config, srv, str(source), "/up.bin", proxy=proxy.url())
        with shown(qtbot) as w:
            w.queue.transfer_processes = kind == "process"
            log_in(qtbot, w)
            item = w.queue.model.items()[0]
            qtbot.waitUntil(proxy.heard.is_set, timeout=WAIT)  # logged in; the data connection waits for the proxy
            click(qtbot, w, "queued", "cancel")
            qtbot.waitUntil(lambda: item.state not in (ACTIVE, QUEUED), timeout=WAIT)
            assert item.state == CANCELLED, (item.state, item.error)
            assert f"waiting for the proxy 127.0.0.1:{proxy.port}" in item.error
            qtbot.waitUntil(proxy.ended.is_set, timeout=WAIT)  # the transfer connection hung up on the proxy
            assert bytes(proxy.received)[:2] == b"\x05\x01"  # (a CONNECT: the control connection's was relayed)
            assert not os.path.exists(srv.path("up.bin"))


def test_disconnect_in_the_window_ends_a_listing_through_a_silent_proxy(qtbot, make_server, tmp_path, monkeypatch):
    """The preferences' proxy (HTTP), a server typed into the quick-connect bar: the login goes through, the
    folder's listing waits for the proxy to connect its data connection. Disconnect ends it at once — the
    browsing connection's thread ends and the proxy sees the hang-up (before: the thread waited 60 s on)."""
    srv = make_server("127.0.0.1")
    monkeypatch.setenv("FTPGUI_CONFIG_DIR", str(tmp_path / "config"))
    with SilentProxy("http", relay=srv.port) as proxy:
        settings.save(settings.Preferences(timeout=TIMEOUT, proxy=proxy.url()))
        with shown(qtbot) as w:
            quick_connect(qtbot, w, srv)
            qtbot.waitUntil(proxy.heard.is_set, timeout=WAIT)  # the listing's CONNECT, never answered
            conn = w.remote_browser.connection
            w.act_disconnect.trigger()
            assert w.state_label.text() == "Not connected"
            qtbot.waitUntil(lambda: not conn.running, timeout=WAIT)
            qtbot.waitUntil(proxy.ended.is_set, timeout=WAIT)
            assert bytes(proxy.received).startswith(b"CONNECT 127.0.0.1:")


@pytest.mark.parametrize(
    ("kind", "mode", "tree"),
    [
        ("socks5", "passive", False),
        ("http", "passive", False),
        ("socks5", "active", False),
        ("socks5", "passive", True),
    ],
    ids=["socks5-passive", "http-passive", "socks5-active", "socks5-tree-parallel"],
)
def test_ctrl_c_ends_the_clis_wait_for_a_silent_proxy(make_server, tmp_path, kind, mode, tree):
    """``ftpgui-cli get`` through a proxy that relays the control connection and never answers the data
    connection's request (with ``get -r --parallel 2``, a file's: the folder's listing is relayed, the file waits
    in a transfer process): Ctrl+C — SIGINT to the terminal's whole process group — ends it with "interrupted",
    no traceback, nothing under the file's name, the proxy hung up on and no ``multiprocessing`` folder left in
    its temporary folder (design notes 221, 245)."""
    srv = make_server("127.0.0.1")
    fill_server(srv)
    dest = tmp_path / "down"
    dest.mkdir()
    temp = tmp_path / "temp"
    temp.mkdir()
    with SilentProxy(kind, relay=srv.port, also=1 if tree else 0) as silent:
        url = f"ftp://{USER}@127.0.0.1:{srv.port}/" + ("sub" if tree else "b.bin")
        argv = ["get", *(["-r", "--parallel", "2"] if tree else []), url, str(dest), "--proxy", silent.url()]
        env = dict(os.environ, FTPGUI_PASSWORD=PASSWORD, TMPDIR=str(temp))
        proc = subprocess.Popen(
            [sys.executable, "-m", "ftpgui.cli", *argv, "--mode", mode, "--tls", "off", "--timeout", str(TIMEOUT)],
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,
        )
        # logged in, the data connection waiting for the proxy; (a 60 s timeout: no end by its silence)
        out, err = ctrl_c(proc, lambda: silent.heard.wait(WAIT / 1000), timeout=WAIT / 1000)
        assert proc.returncode == 130, err  # 128 + SIGINT, as curl and wget (design note 318)
        assert err.strip() == "ftpgui-cli: interrupted" and out == "", err
        assert silent.ended.wait(WAIT / 1000)  # the client hung up on the proxy
    assert [p.name for p in dest.rglob("*") if p.is_file() and not p.name.endswith(".ftpgui-part")] == []
    if tree:  # (the folder's listing went through the proxy: the file's data connection waited, in a process)
        assert any(c.startswith(("MLSD", "LIST")) for c in srv.record.commands), srv.record.commands
    assert list(temp.iterdir()) == []
