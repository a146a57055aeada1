"""A server that cannot connect back to the client's active-mode port and says so with 421, hanging up (pyftpdlib
when its connection times out: a firewall at the client dropping it) — the data connection's failure at the
client's wall, as vsftpd's 425 is, in the diagnosis (note 440) and in plain active mode (note 441)."""

from __future__ import annotations

import json

from ftpgui.ftp import DataConnectionError, FtpSession, SessionOptions
from ftpgui.ftp.diagnose import diagnose
from ftpgui.ftp.events import ControlClosed, DataFailed, ReplyReceived

from ftpserver import PASSWORD, USER
from test_cli import run


def test_diagnosis_survives_the_server_hanging_up_after_port(make_server):
    server = make_server(unreachable_client=True)
    d = diagnose(server.host, server.port, USER, PASSWORD, SessionOptions(timeout=10))
    assert d.passive.ok and d.recommended == "passive"
    assert (d.active.ok, d.active.stage, d.active.cause) == (False, "accept", "client-firewall")
    assert d.active.reply.startswith("421 ")
    assert all(d.probes[c].ok for c in ("EPSV", "PASV"))  # the probes after EPRT's went on, each connected anew
    assert (d.probes["PORT"].stage, d.probes["PORT"].cause) == ("accept", "client-firewall")


def test_a_probe_whose_connection_the_server_ends_fails_that_mode_only(make_server):
    # a 421 after EPRT about something else than the data channel: the server closing for its own reasons
    server = make_server(replies={"EPRT": "421 Service not available, closing control connection."})
    d = diagnose(server.host, server.port, USER, PASSWORD, SessionOptions(timeout=10))
    assert d.passive.ok and d.recommended == "passive"
    eprt = d.probes["EPRT"]
    assert (eprt.ok, eprt.stage, eprt.cause) == (False, "transfer", "other")
    assert "closing the connection" in eprt.detail and eprt.reply.startswith("421 ")
    assert d.probes["PORT"].ok  # the next probe on a connection of its own


def test_cli_diagnose_prints_the_report(make_server):
    server = make_server(unreachable_client=True)
    code, out, err = run("diagnose", server.url)
    assert code == 0, err
    assert "closing the connection" not in out + err
    assert "Recommended: passive" in out
    code, out, err = run("diagnose", "--fix", server.url)
    assert code == 0, err
    assert "Recommended: passive" in out and "closing the connection" not in out + err
    code, out, err = run("diagnose", server.url, "--json")
    assert code == 0, err
    doc = json.loads(out)
    a = doc["modes"]["active"]
    assert (a["ok"], a["stage"], a["cause"]) == (False, "accept", "client-firewall")
    assert doc["modes"]["passive"]["ok"] and doc["recommended"] == "passive"


def _active_session(server, events, timeout=10.0):
    session = FtpSession(SessionOptions(mode="active", timeout=timeout), events.append)
    session.open(server.host, server.port, USER, PASSWORD)
    return session


def test_active_mode_fails_at_the_clients_wall_without_retrying(make_server):
    server = make_server(unreachable_client=True)
    events = []
    session = _active_session(server, events)
    try:
        try:
            session.list_raw("/")
        except DataConnectionError as exc:
            failure = exc
        else:
            raise AssertionError("the listing went through")
    finally:
        session.close()
    assert (failure.mode, failure.stage, failure.cause, failure.code) == ("active", "accept", "client-firewall", 421)
    assert "connect to" in str(failure) and "closing the connection" not in str(failure)
    failed = [e for e in events if isinstance(e, DataFailed)]
    assert [(e.stage, e.cause, e.how) for e in failed] == [("accept", "client-firewall", "timeout")]
    # the failure told before the control connection's close (the mode panel stops the data connection at the wall)
    closed = [i for i, e in enumerate(events) if isinstance(e, ControlClosed)]
    assert closed and events.index(failed[0]) < closed[0]
    assert [e.code for e in events if isinstance(e, ReplyReceived)].count(421) == 1
    assert sum(1 for c in server.record.commands if c.startswith(("EPRT", "PORT"))) == 1  # no retry of EPRT


def test_a_silent_server_after_eprt_is_the_accept_failure(make_server):
    # the server's connection to us is still trying when our wait ends: no reply, no connection at our port
    server = make_server(replies={"EPRT": "421 Active data channel timed out."}, no_reply={"EPRT": 1})
    events = []
    session = _active_session(server, events, timeout=2)
    try:
        try:
            session.list_raw("/")
        except DataConnectionError as exc:
            failure = exc
        else:
            raise AssertionError("the listing went through")
    finally:
        session.close()
    assert (failure.stage, failure.cause) == ("accept", "client-firewall")
    assert "did not answer" not in str(failure)
    assert [(e.stage, e.how) for e in events if isinstance(e, DataFailed)] == [("accept", "timeout")]
