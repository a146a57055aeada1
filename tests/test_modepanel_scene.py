"""The mode panel's scene model: events in, exact addresses, ports, steps and decoded numbers out.

The NAT case, PASV/PORT and the fallback are real runs against the scripted server; the address
arithmetic of PORT and the port-20 case use documentation addresses (192.0.2.0/24) in hand-made events,
since no test may send traffic to them.
"""

from __future__ import annotations

import socket
import time

import pytest
from scenecheck import transcript_text

from ftpgui.ftp import (
    CommandSent,
    ControlConnected,
    DataChannelPlanned,
    DataClosed,
    DataConnected,
    DataFailed,
    FtpSession,
    ModeFallback,
    ReplyReceived,
    SessionOptions,
    TransferProgress,
)
from ftpgui.ui.modepanel import scene as sc

from scripted import Conversation, ScriptedServer, epsv_reply, serve_data


def run(script, mode="passive", features=("EPSV", "SIZE"), action=lambda s: s.list_raw()):
    """Run ``action`` on a session against a scripted server; returns (events, scene of that session)."""
    events = []
    with ScriptedServer(script) as srv:
        s = FtpSession(SessionOptions(mode=mode, timeout=5), events.append)
        try:
            s.connect("127.0.0.1", srv.port)
            s.login("u", "secret-word")
            action(s)
        finally:
            s.close()
    scene = sc.Scene()
    for e in events:
        scene.feed(e)
    (conn,) = scene.connections.values()
    return events, conn


def kinds(conn):
    return [s.kind for s in conn.steps]


nat_port = {}


def nat_script(c: Conversation):
    """PASV after a refused EPSV; the 227 names a private address (a server behind NAT)."""
    c.login(features=("SIZE",))
    c.expect("EPSV")
    c.reply("500 EPSV not understood")
    c.expect("PASV")
    lst = c.passive()
    port = nat_port["port"] = lst.getsockname()[1]
    c.reply(f"227 Entering Passive Mode (10,0,0,5,{port >> 8},{port & 255})")
    c.expect("LIST")
    c.reply("150 here it comes")
    serve_data(lst, b"-rw-r--r-- 1 u g 5 Jan 1 2020 a\r\n")
    c.reply("226 done")


def test_passive_pasv_with_a_nat_address_shows_advertised_and_dialled():
    """A 227 naming a private address: the scene shows that address and the control peer actually dialled."""
    events, conn = run(nat_script)
    port = nat_port["port"]
    (ex,) = conn.exchanges()
    assert conn.client == next(e.local for e in events if isinstance(e, ControlConnected))
    assert conn.server[0] == "127.0.0.1"
    assert ex.mode == "passive" and ex.command == "PASV"
    assert ex.refused == [("EPSV", 500, "500 EPSV not understood")]
    assert ex.advertised == ("10.0.0.5", port)
    assert ex.target == ("127.0.0.1", port)
    assert ex.server_listens == ("127.0.0.1", port)
    assert ex.client_listens is None
    assert ex.nat
    assert ex.dialer == "client" and ex.remote == ("127.0.0.1", port)
    connected = next(e for e in events if isinstance(e, DataConnected))
    assert ex.local == connected.local
    assert ex.transfer_line == "LIST" and ex.final_code == 226 and ex.bytes == 33
    assert kinds(conn) == [
        *(sc.CONTROL, sc.REQUEST, sc.REPLY, sc.REQUEST, sc.REPLY, sc.DIAL, sc.TRANSFER, sc.CLOSED, sc.CONTROL_CLOSED)
    ]
    assert "secret-word" not in transcript_text(conn)
    assert "> PASS ****\n" in transcript_text(conn)


def test_active_port_when_eprt_is_refused_shows_the_servers_real_source_port():
    seen = {}

    def script(c: Conversation):
        c.login(features=("SIZE",))
        cmd = c.expect("EPRT")
        c.reply("500 EPRT not understood")
        cmd = c.expect("PORT")
        nums = [int(x) for x in cmd.split(" ", 1)[1].split(",")]
        c.reply("200 PORT ok")
        c.expect("RETR")
        c.reply("150 sending")
        data = socket.create_connection((".".join(map(str, nums[:4])), nums[4] * 256 + nums[5]), timeout=5)
        seen["server_end"] = data.getsockname()
        seen["client_end"] = data.getpeername()
        data.sendall(b"hello")
        data.close()
        c.reply("226 done")

    events, conn = run(script, mode="active", action=lambda s: s.retrieve("f", lambda b: None))
    (ex,) = conn.exchanges()
    sent = next(e.text for e in events if isinstance(e, CommandSent) and e.text.startswith("PORT "))
    assert ex.mode == "active" and ex.command == "PORT" and ex.command_line == sent
    assert ex.refused == [("EPRT", 500, "500 EPRT not understood")]
    assert ex.client_listens == seen["client_end"]
    assert ex.advertised == seen["client_end"]
    assert ex.dialer == "server"
    assert ex.remote == seen["server_end"]  # the real source port the server dialled from
    assert ex.local == seen["client_end"]
    assert not ex.nat
    assert ex.bytes == 5
    # active mode: the transfer command goes before the server dials
    assert kinds(conn)[-5:] == [sc.REPLY, sc.TRANSFER, sc.DIAL, sc.CLOSED, sc.CONTROL_CLOSED]


def fallback_script(c: Conversation):
    """EPSV names a port nobody listens on; EPRT then works: the auto-mode fallback, for real."""
    c.login()
    c.expect("EPSV")
    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))
    dead_port = closed.getsockname()[1]
    closed.close()  # nothing listens there: the client's connect is refused
    c.reply(f"229 Entering Extended Passive Mode (|||{dead_port}|)")
    arg = c.expect("EPRT").split(" ", 1)[1]
    c.reply("200 ok")
    c.expect("LIST")
    c.reply("150 go")
    d = c.dial(arg)
    d.sendall(b"x\r\n")
    d.close()
    c.reply("226 done")


def test_auto_fallback_shows_the_failed_passive_attempt_then_active():
    events, conn = run(fallback_script, mode="auto")
    first, second = conn.exchanges()
    assert first.mode == "passive" and first.failure is not None
    stage, cause, _ = first.failure
    assert (stage, cause) == ("connect", "server-firewall")
    assert first.local is None and first.transfer_line == ""
    assert second.mode == "active" and second.command == "EPRT" and second.dialer == "server"
    fb = next(e for e in events if isinstance(e, ModeFallback))
    assert kinds(conn) == [
        sc.CONTROL,
        sc.REQUEST,
        sc.REPLY,
        sc.FAILED,
        sc.FALLBACK,
        sc.REQUEST,
        sc.REPLY,
        sc.TRANSFER,
        sc.DIAL,
        sc.CLOSED,
        sc.CONTROL_CLOSED,
    ]
    step = next(s for s in conn.steps if s.kind == sc.FALLBACK)
    assert step.fallback == (fb.from_mode, fb.to_mode, fb.cause) == ("passive", "active", "server-firewall")


def test_a_fast_run_is_folded_into_its_newest_data_connection():
    def script(c: Conversation):
        c.login()
        for _ in range(30):
            c.expect("EPSV")
            lst = c.passive()
            c.reply(epsv_reply(lst))
            c.expect("RETR")
            c.reply("150 go")
            serve_data(lst, b"abc")
            c.reply("226 done")
        c.expect("EPSV")
        lst = c.passive()
        c.reply(epsv_reply(lst))
        c.expect("LIST")
        c.reply("150 go")
        serve_data(lst, b"")
        c.reply("226 done")

    def action(s):
        for _ in range(30):
            s.retrieve("f", lambda b: None)
        s.list_raw()

    events, conn = run(script, action=action)
    newest, listing = conn.exchanges()
    # the newest of the run stands for it, with its own ports (issue 16, item 2), and counts the 29 before it
    assert newest.number == 30 and newest.more == 29 and newest.first_number == 1
    last_connected = [e for e in events if isinstance(e, DataConnected)][-2]
    assert (newest.local, newest.remote) == (last_connected.local, last_connected.remote)
    assert newest.bytes == 3 and newest.final_code == 226
    assert listing.number == 31 and listing.transfer_verb == "LIST" and listing.more == 0
    assert len(conn.steps) == 1 + 5 + 5 + 1  # control up, two exchanges (the run is one), control closed
    assert conn.data_connections == 31
    assert [s.serial for s in conn.steps] == list(range(1, 13))


def _doc_events(cid=7):
    """PORT 192,0,2,2,195,80 (= port 50000) and a server dialling from port 20: documentation addresses."""
    return [
        ControlConnected(cid, local=("192.0.2.2", 49152), remote=("192.0.2.1", 21)),
        CommandSent(cid, text="USER anonymous"),
        ReplyReceived(cid, code=230, lines=("230 ok",)),
        CommandSent(cid, text="PORT 192,0,2,2,195,80"),
        ReplyReceived(cid, code=200, lines=("200 PORT command successful",)),
        DataChannelPlanned(
            cid,
            mode="active",
            command="PORT",
            argument="192,0,2,2,195,80",
            advertised=("192.0.2.2", 50000),
            target=("192.0.2.2", 50000),
        ),
        CommandSent(cid, text="STOR up.bin"),
        ReplyReceived(cid, code=150, lines=("150 ok",)),
        DataConnected(cid, local=("192.0.2.2", 50000), remote=("192.0.2.1", 20), dialer="server"),
        DataClosed(cid, bytes=2048, seconds=0.5),
        ReplyReceived(cid, code=226, lines=("226 ok",)),
    ]


def test_port_numbers_and_a_port_20_source_from_events():
    scene = sc.Scene()
    for e in _doc_events():
        scene.feed(e)
    conn = scene.connections[7]
    (ex,) = conn.exchanges()
    assert (conn.client, conn.server) == (("192.0.2.2", 49152), ("192.0.2.1", 21))
    assert ex.client_listens == ("192.0.2.2", 50000)
    assert ex.remote == ("192.0.2.1", 20) and ex.upload and ex.final_code == 226


def test_a_failed_connect_without_a_planned_event_still_ends_the_exchange():
    scene = sc.Scene()
    cid = 3
    for e in [
        ControlConnected(cid, local=("127.0.0.1", 40000), remote=("127.0.0.1", 2121)),
        CommandSent(cid, text="EPSV"),
        ReplyReceived(cid, code=502, lines=("502 no",)),
        DataFailed(cid, stage="command", cause="server-refused", detail="refused"),
    ]:
        scene.feed(e)
    conn = scene.connections[cid]
    (ex,) = conn.exchanges()
    assert ex.failure == ("command", "server-refused", "refused") and not ex.planned
    assert conn._current is None


def test_history_is_bounded_and_old_closed_connections_are_forgotten():
    scene = sc.Scene()
    for cid in range(1, sc.CONNECTIONS_KEPT + 6):
        scene.feed(ControlConnected(cid, local=("127.0.0.1", 40000 + cid), remote=("127.0.0.1", 21)))
    assert len(scene.connections) == sc.CONNECTIONS_KEPT
    assert max(scene.connections) == sc.CONNECTIONS_KEPT + 5
    conn = sc.ConnectionScene(1)
    for i in range(sc.STEPS_KEPT * 2):
        conn.feed(ControlConnected(1, local=("127.0.0.1", 1000 + i), remote=("127.0.0.1", 21)))
    assert len(conn.steps) == sc.STEPS_KEPT
    assert conn.first_serial == sc.STEPS_KEPT + 1 and conn.step(1) is None
    assert conn.step(conn.last_serial).serial == conn.last_serial


@pytest.mark.parametrize("verb", ["PASS", "ACCT"])
def test_transcript_masks_secrets_even_when_an_event_did_not(verb):
    conn = sc.ConnectionScene(1)
    conn.feed(CommandSent(1, text=f"{verb} hunter2"))
    assert transcript_text(conn) == f"> {verb} ****\n"


def test_runs_broken_by_another_kind_count_only_their_own_earlier_connections():
    """Three downloads, a listing, two downloads (as in a tree download): each run is shown by its newest
    and counts only the ones before it in that run (issue 16, item 2: "… and 208 more" at #1514)."""

    def script(c: Conversation):
        c.login()
        for verb in ("RETR", "RETR", "RETR", "LIST", "RETR", "RETR"):
            c.expect("EPSV")
            lst = c.passive()
            c.reply(epsv_reply(lst))
            c.expect(verb)
            c.reply("150 go")
            serve_data(lst, b"abc")
            c.reply("226 done")

    def action(s):
        for _ in range(3):
            s.retrieve("f", lambda b: None)
        s.list_raw()
        for _ in range(2):
            s.retrieve("f", lambda b: None)

    events, conn = run(script, action=action)
    first_run, listing, second_run = conn.exchanges()
    assert (first_run.number, first_run.more, first_run.first_number) == (3, 2, 1)
    assert (listing.number, listing.more) == (4, 0)
    assert (second_run.number, second_run.more, second_run.first_number) == (6, 1, 5)
    connected = [e for e in events if isinstance(e, DataConnected)]
    assert (second_run.local, second_run.remote) == (connected[-1].local, connected[-1].remote)
    assert [s.serial for s in conn.steps] == list(range(1, len(conn.steps) + 1))  # no gap, no repeat
    from ftpgui.ui.modepanel import narration as nr

    assert nr.summary(first_run) == "The 2 data connections before it (#1–#2) went the same way."
    assert nr.summary(second_run) == "The data connection before it (#5) went the same way."


def trickle_script(c: Conversation):
    """A slow download: 24 blocks of 1,000 bytes, one every 50 ms (far below 256 KiB in all)."""
    c.login()
    c.expect("EPSV")
    lst = c.passive()
    c.reply(epsv_reply(lst))
    c.expect("RETR")
    c.reply("150 trickling")
    data, _ = lst.accept()
    for _ in range(24):
        data.sendall(b"x" * 1000)
        time.sleep(0.05)
    data.close()
    lst.close()
    c.reply("226 done")


def test_a_slow_transfer_reports_progress_about_ten_times_a_second():
    """Progress comes every 256 KiB *or* every tenth of a second, so the rate and the picture keep moving."""
    events, conn = run(trickle_script, action=lambda s: s.retrieve("f", lambda b: None))
    progress = [e for e in events if isinstance(e, TransferProgress)]
    assert len(progress) >= 6, [e.done for e in progress]  # 1.2 s of trickle: about 12, never just one
    assert [e.done for e in progress] == sorted(e.done for e in progress) and progress[-1].done == 24000
    (ex,) = conn.exchanges()
    assert ex.bytes == 24000 and not ex.samples  # the rate's samples go once the data connection closed
