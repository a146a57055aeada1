"""Active mode's events in the order things happen (found by a learner's QA, design note 322).

The client listens before it names the port: its plan came after the 200 to EPRT, so the ladder read
"EPRT → 200 → listens on port N". pyftpdlib connects as soon as it gets PORT/EPRT and answers 200 only once
connected; the client accepted only after RETR, so the panel drew the server's connection after the transfer
command ("it will connect to the client's port", then "the bytes are coming", still with no data connection).
vsftpd and proftpd answer 200 at once and connect only after RETR. Now the events, the steps, the ladder and the words
follow what each server did."""

from __future__ import annotations

import pytest

from ftpgui.ftp import (
    CommandSent,
    DataChannelPlanned,
    DataConnected,
    FtpSession,
    ReplyReceived,
    SessionOptions,
)
from ftpgui.ui.modepanel import ladder as ld
from ftpgui.ui.modepanel import narration as nr
from ftpgui.ui.modepanel import scene as sc
from ftpgui.ui.modepanel import whatif as wi

from conftest import need
from daemons import start_proftpd, start_vsftpd, unpacked, vsftpd_usable
from ftpserver import PASSWORD, USER

DATA = b"x" * 100_000


def _download(host: str, port: int, user: str, password: str, remote: str, local) -> list:
    events: list = []
    with FtpSession(SessionOptions(mode="active", timeout=10), events.append) as s:
        s.open(host, port, user, password)
        s.download(remote, str(local))
    assert local.read_bytes() == DATA
    return events


def _order(events: list) -> list:
    """The data connection's events, by name: plan, the PORT/EPRT line, its reply, connected, the transfer."""
    said = []
    for e in events:
        if isinstance(e, DataChannelPlanned):
            said.append("planned")
        elif isinstance(e, CommandSent) and e.text[:4] in ("EPRT", "PORT", "RETR"):
            said.append(e.text[:4])
        elif isinstance(e, ReplyReceived) and said and said[-1] in ("EPRT", "PORT"):
            said.append(str(e.code))
        elif isinstance(e, DataConnected):
            said.append("connected")
    return said


@pytest.fixture
def vsftpd(tmp_path_factory):
    need(vsftpd_usable(), "vsftpd is not installed (apt-get install vsftpd) or the tests are not root")
    d = start_vsftpd(tmp_path_factory.mktemp("vsftpd"))
    d.put_file("f.bin", DATA)
    yield d
    d.stop()


@pytest.fixture
def proftpd(tmp_path_factory):
    binary, why = unpacked("proftpd")
    need(binary is not None, why)
    d = start_proftpd(tmp_path_factory.mktemp("proftpd"))
    d.put_file("f.bin", DATA)
    yield d
    d.stop()


@pytest.fixture
def pyftpdlib_events(server, tmp_path) -> list:
    with open(server.path("f.bin"), "wb") as f:
        f.write(DATA)
    return _download(server.host, server.port, USER, PASSWORD, "/f.bin", tmp_path / "f.bin")


@pytest.fixture
def vsftpd_events(vsftpd, tmp_path) -> list:
    remote = f"{vsftpd.remote_dir}/f.bin"
    return _download(vsftpd.host, vsftpd.port, vsftpd.user, vsftpd.password, remote, tmp_path / "f.bin")


@pytest.fixture
def proftpd_events(proftpd, tmp_path) -> list:
    remote = f"{proftpd.remote_dir}/f.bin"
    return _download(proftpd.host, proftpd.port, proftpd.user, proftpd.password, remote, tmp_path / "f.bin")


def test_pyftpdlib_connects_on_eprt_and_the_events_say_so(pyftpdlib_events):
    assert _order(pyftpdlib_events) == ["planned", "EPRT", "200", "connected", "RETR"]


@pytest.mark.parametrize("daemon", ["vsftpd", "proftpd"])
def test_the_daemon_connects_after_retr_and_the_events_say_so(request, daemon):
    order = _order(request.getfixturevalue(f"{daemon}_events"))
    assert order[:3] == ["planned", order[1], "200"] and order[1] in ("EPRT", "PORT")
    assert order[3:] == ["RETR", "connected"]


def _scene(events: list) -> sc.ConnectionScene:
    scene = sc.Scene()
    for e in events:
        conn, _, _ = scene.feed(e)
    return conn


def _data_steps(conn: sc.ConnectionScene) -> list:
    return [s.kind for s in conn.steps if s.exchange is not None and s.exchange.mode == "active"]


def _ladder(conn: sc.ConnectionScene) -> list:
    labels = [r.label for r in ld.build_rows(conn, set(), wi.Firewalls(), interactive=False)]
    first = next(i for i, label in enumerate(labels) if label.startswith("listens on port"))
    return labels[first:]


def test_the_panel_draws_pyftpdlibs_connection_before_retr(qapp, pyftpdlib_events):
    conn = _scene(pyftpdlib_events)
    assert _data_steps(conn) == [sc.REQUEST, sc.REPLY, sc.DIAL, sc.TRANSFER, sc.CLOSED]
    rows = _ladder(conn)
    assert rows[1].startswith("EPRT ") and rows[2].startswith("200 ")
    assert rows[3] == "TCP connection (data)" and rows[4].startswith("RETR ")
    reply = next(s for s in conn.steps if s.kind == sc.REPLY)
    words = nr.narrate(conn, reply)
    assert "connected to the client's port as soon as it got EPRT, before the transfer command" in words
    assert "will connect" not in words


@pytest.mark.parametrize("daemon", ["vsftpd", "proftpd"])
def test_the_panel_draws_the_daemons_connection_after_retr(qapp, request, daemon):
    conn = _scene(request.getfixturevalue(f"{daemon}_events"))
    assert _data_steps(conn) == [sc.REQUEST, sc.REPLY, sc.TRANSFER, sc.DIAL, sc.CLOSED]
    rows = _ladder(conn)
    assert rows[1][:5] in ("EPRT ", "PORT ") and rows[2].startswith("200 ")
    assert rows[3].startswith("RETR ") and "TCP connection (data)" in rows[4:]
    reply = next(s for s in conn.steps if s.kind == sc.REPLY)
    words = nr.narrate(conn, reply)
    assert "only after the transfer command" in words and "as soon as" in words  # (others do)


def test_a_stranger_waiting_at_the_reply_is_turned_away_and_the_servers_own_connection_used():
    """The early accept (after the 200) checks the peer as ``accept`` does (``foreign-address``): a connection
    from 127.0.0.2 already waiting is closed unread; the server's own, after LIST, carries the listing."""
    from scripted import Conversation, FakeTree, ScriptedServer, unix_listing

    strangers: list = []

    def on_command(line: str) -> None:
        if line.startswith(("EPRT ", "PORT ")):
            strangers.append(Conversation.dial(None, line.split(" ", 1)[1], "127.0.0.2"))  # (before the 200)

    tree = FakeTree({"/": unix_listing(("a.txt", "file", 1))}.get, on_command=on_command)
    events: list = []
    with ScriptedServer(tree) as srv:
        with FtpSession(SessionOptions(mode="active", timeout=10), events.append) as s:
            s.open("127.0.0.1", srv.port, "u", "p")
            assert [e.name for e in s.listdir("/")] == ["a.txt"]
    (stranger,) = strangers
    stranger.settimeout(5)
    assert stranger.recv(1) == b""  # closed by the client, nothing sent
    stranger.close()
    (conn,) = [e for e in events if isinstance(e, DataConnected)]
    assert conn.remote[0] == "127.0.0.1"
    assert _order(events)[-1] == "connected"  # after LIST: the stranger was not taken for the server
