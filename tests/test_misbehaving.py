"""Replies the engine must survive: multi-line traps, 421 at any moment, missing or late 1xx, failures
after the data, oversized and garbled replies, silence. Each test checks the exception class, that the
message names the fault, and the session's state afterwards."""

from __future__ import annotations

import pytest

from ftpgui.ftp import (
    ConnectionLost,
    ControlClosed,
    DataConnectionError,
    FtpSession,
    ProtocolError,
    SessionOptions,
    TransferFailed,
)

from scripted import ScriptedServer, epsv_reply, serve_data

PAYLOAD = bytes(range(256)) * 4000


def session(server, events=None, timeout=10.0, mode="passive") -> FtpSession:
    s = FtpSession(SessionOptions(timeout=timeout, mode=mode), events.append if events is not None else None)
    s.open("127.0.0.1", server.port, "u", "p")
    return s


def retr_script(before_data, after_data=("226 done",), payload=PAYLOAD):
    """EPSV, RETR answered with ``before_data`` lines, the payload, then ``after_data`` lines, then NOOP."""

    def script(c):
        c.login()
        c.expect("SIZE")
        c.reply("550 no SIZE here")
        c.expect("EPSV")
        lst = c.passive()
        c.reply(epsv_reply(lst))
        c.expect("RETR")
        if before_data:
            c.reply(*before_data)
        serve_data(lst, payload)
        if after_data:
            c.reply(*after_data)
        c.expect("NOOP")
        c.reply("200 still here")

    return script


def test_multiline_reply_with_code_lookalikes():
    def script(c):
        c.reply("220-Welcome", "220-220 is not the end", " 220 nor is this", "220 End of greeting")
        c.expect("USER")
        c.reply("230-Hi", "   230 indented is text", "230 logged in")
        c.expect("FEAT")
        c.reply("500 no FEAT")
        c.expect("TYPE")
        c.reply("200 ok")
        c.expect("NOOP")
        c.reply("200 ok")

    with ScriptedServer(script) as srv:
        s = FtpSession(SessionOptions(timeout=10))
        welcome = s.connect("127.0.0.1", srv.port)
        assert "End of greeting" in welcome and welcome.count("\n") == 3
        s.login("u", "p")
        assert s.features == {}
        s.noop()
        s.close()


def test_421_at_any_moment_closes_cleanly():
    def script(c):
        c.login()
        c.expect("NOOP")
        c.reply("421 Too many users, closing control connection")

    events = []
    with ScriptedServer(script) as srv:
        s = session(srv, events)
        with pytest.raises(ConnectionLost, match="closing the connection") as info:
            s.noop()
        assert info.value.code == 421
        assert not s.connected
        assert [e.reason for e in events if isinstance(e, ControlClosed)] == ["421"]
        s.close()


def test_missing_1xx_final_reply_first(tmp_path):
    with ScriptedServer(retr_script(["226 sent it all already"], after_data=())) as srv:
        s = session(srv)
        s.download("/f", str(tmp_path / "f"))
        s.noop()
        s.close()
    assert (tmp_path / "f").read_bytes() == PAYLOAD


def test_2xx_before_150(tmp_path):
    with ScriptedServer(retr_script(["200 fine", "150 opening"])) as srv:
        s = session(srv)
        s.download("/f", str(tmp_path / "f"))
        s.noop()
        s.close()
    assert (tmp_path / "f").read_bytes() == PAYLOAD


@pytest.mark.parametrize("final", ["426 Connection closed; transfer aborted", "451 Local error in processing"])
def test_failure_after_all_the_data_is_a_failure(tmp_path, final):
    with ScriptedServer(retr_script(["150 opening"], after_data=(final,))) as srv:
        s = session(srv)
        with pytest.raises(TransferFailed, match=final[:3]) as info:
            s.download("/f", str(tmp_path / "f"))
        assert info.value.code == int(final[:3])
        assert not (tmp_path / "f").exists()  # never under the final name
        assert (tmp_path / "f.part").read_bytes() == PAYLOAD
        s.noop()  # the session is still usable
        s.close()


def _after_login(reply_bytes: bytes):
    def script(c):
        c.login()
        c.expect("NOOP")
        c.send_raw(reply_bytes)
        try:
            c.command()
        except EOFError:
            pass

    return script


@pytest.mark.parametrize(
    ("raw", "fault"),
    [
        (b"200 " + b"x" * 100_000 + b"\r\n", "longer than"),
        (b"200-start\r\n" + b" line\r\n" * 200_000 + b"200 end\r\n", "too long"),
        (b"200 ok\0hidden\r\n", "NUL"),
        (b"HTTP/1.1 400 Bad Request\r\n\r\n", "not FTP"),
        (b"999 what\r\n", "invalid code"),
    ],
    ids=["endless-line", "200000-lines", "nul", "http", "bad-code"],
)
def test_broken_replies_are_protocol_errors(raw, fault):
    with ScriptedServer(_after_login(raw)) as srv:
        s = session(srv)
        with pytest.raises(ProtocolError, match=fault):
            s.noop()
        s.close()


def test_http_on_the_control_port():
    def script(c):
        c.send_raw(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html>")

    with ScriptedServer(script) as srv:
        s = FtpSession(SessionOptions(timeout=10))
        with pytest.raises(ProtocolError, match="not FTP"):
            s.connect("127.0.0.1", srv.port)
        assert not s.connected
        s.close()


def test_silence_after_pasv_times_out():
    def script(c):
        c.login()
        c.expect("EPSV")
        c.command()  # never answer: the client gives up and closes

    with ScriptedServer(script) as srv:
        s = session(srv, timeout=1.0)
        with pytest.raises(ConnectionLost, match="did not answer within 1 seconds"):
            s.list_raw()
        assert not s.connected
        s.close()


def test_active_mode_where_the_server_never_connects_back():
    def script(c):
        c.login()
        c.expect("EPRT")
        c.reply("200 EPRT ok")
        c.expect("LIST")
        c.reply("150 here it comes (it does not)")
        c.command()

    events = []
    with ScriptedServer(script) as srv:
        s = session(srv, events, timeout=1.0, mode="active")
        with pytest.raises(DataConnectionError, match="did not connect") as info:
            s.list_raw()
        assert (info.value.stage, info.value.cause) == ("accept", "client-firewall")
        s.close()


def test_active_mode_answered_425_after_the_command():
    def script(c):
        c.login()
        c.expect("EPRT")
        c.reply("200 EPRT ok")
        c.expect("LIST")
        c.reply("425 Failed to establish connection.")
        c.expect("NOOP")
        c.reply("200 ok")

    with ScriptedServer(script) as srv:
        s = session(srv, mode="active")
        with pytest.raises(DataConnectionError, match="425") as info:
            s.list_raw()
        assert (info.value.stage, info.value.cause) == ("accept", "client-firewall")
        s.noop()
        s.close()


def test_active_mode_turns_away_a_stranger():
    """Only the server's address may connect to our listener (no port theft); here the 'server'
    connects from 127.0.0.2, not from the control connection's peer 127.0.0.1."""
    import socket

    def script(c):
        c.login()
        arg = c.expect("EPRT").split(" ", 1)[1]
        c.reply("200 EPRT ok")
        c.expect("LIST")
        parts = arg.split(arg[0])
        thief = socket.socket()
        thief.bind(("127.0.0.2", 0))
        thief.settimeout(5)
        thief.connect((parts[2], int(parts[3])))
        c.reply("150 go")
        try:
            c.command()
        finally:
            thief.close()

    with ScriptedServer(script) as srv:
        s = session(srv, timeout=1.0, mode="active")
        with pytest.raises(DataConnectionError, match="did not connect"):
            s.list_raw()
        s.close()


def test_malformed_229_falls_back_to_pasv():
    def script(c):
        c.login()
        c.expect("EPSV")
        c.reply("229 Entering Extended Passive Mode (|||70000|)")
        c.expect("PASV")
        lst = c.passive()
        port = lst.getsockname()[1]
        c.reply(f"227 Entering Passive Mode (127,0,0,1,{port >> 8},{port & 255})")
        c.expect("LIST")
        c.reply("150 ok")
        serve_data(lst, b"-rw-r--r-- 1 a b 5 Jan 01 2020 x\r\n")
        c.reply("226 ok")

    with ScriptedServer(script) as srv:
        s = session(srv)
        assert s.list_raw().startswith(b"-rw")
        s.close()


def test_227_with_numbers_over_255():
    def script(c):
        c.login()
        c.expect("EPSV")
        c.reply("500 what")
        c.expect("PASV")
        c.reply("227 Entering Passive Mode (127,0,0,1,300,1)")
        c.expect("NOOP")
        c.reply("200 ok")

    with ScriptedServer(script) as srv:
        s = session(srv)
        with pytest.raises(DataConnectionError, match="over 255") as info:
            s.list_raw()
        assert info.value.stage == "command"
        s.noop()
        s.close()


def test_late_1xx_after_more_data_than_the_socket_buffers_hold(tmp_path):
    """The server writes all the data before its 150: waiting for the 150 first would deadlock."""
    big = bytes(range(256)) * (32 * 1024)  # 8 MiB
    with ScriptedServer(retr_script(None, after_data=("150 late, sorry", "226 done"), payload=big)) as srv:
        s = session(srv)
        s.download("/f", str(tmp_path / "f"))
        s.noop()
        s.close()
    assert (tmp_path / "f").read_bytes() == big


def test_active_server_that_neither_connects_nor_replies_is_an_accept_failure():
    # vsftpd, proftpd and pure-ftpd connect *before* they send the 1xx, and answer 425 only when their
    # own connect timeout (a minute) ends: a dropped connection must read as an accept failure after our
    # timeout, not as a silent control connection; the session then starts afresh
    def script(c):
        if len(srv.conversations) == 1:
            c.login()
            c.expect("EPRT")
            c.reply("200 EPRT command successful")
            c.expect("LIST")
            c.command()  # nothing more until the client gives up and closes the connection
        else:
            c.login()
            c.expect("NOOP")
            c.reply("200 fresh connection")

    events = []
    with ScriptedServer(script, connections=2) as srv:
        s = session(srv, events, timeout=1.0, mode="active")
        with pytest.raises(DataConnectionError, match=r"did not connect to 127\.0\.0\.1 port") as info:
            s.list_raw()
        assert (info.value.stage, info.value.cause) == ("accept", "client-firewall")
        assert [e.reason for e in events if isinstance(e, ControlClosed)] == ["error"]
        s.noop()  # on a new control connection
        s.close()
    assert len(srv.conversations) == 2
