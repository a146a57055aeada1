"""Active mode: a connection to our listener from another address than the server's is turned away (port
theft), and said so (found by QA). It said "The server did not connect to 127.0.0.1 port N within 30 s …
likely a firewall on this computer", and ``diagnose`` reported "fails at accept (client-firewall)": the client
knew a stranger had connected, and no firewall had stopped anything. Now the failure names the stranger, its
cause is ``foreign-address`` (a data connection from another address than the control connection's), the
words say no firewall stopped it, and the wait ends when the server answers the transfer command.

On loopback 127.0.0.2 plays the stranger: the scripted server dials back from it."""

from __future__ import annotations

import json

import pytest
from test_modepanel_truth import both, panel, play, step_of  # noqa: F401 (fixtures)

from ftpgui.ftp import DataConnectionError, DataFailed, FtpSession, SessionOptions
from ftpgui.ui.modepanel import narration as nr
from ftpgui.ui.modepanel import scene as sc

from scripted import FakeTree, ScriptedServer, unix_listing
from test_cli import run

LISTING = unix_listing(("a.txt", "file", 1))
REFUSED = "came from 127.0.0.2, not from the server (127.0.0.1): refused."


def stranger_tree() -> FakeTree:
    """A server that lists ``/`` and connects back, in active mode, from 127.0.0.2."""
    return FakeTree({"/": LISTING}.get, dial_from="127.0.0.2")


def test_the_failure_names_the_stranger_and_the_session_goes_on():
    events: list = []
    with ScriptedServer(stranger_tree()) as srv:
        with FtpSession(SessionOptions(mode="active"), events.append) as s:
            s.open("127.0.0.1", srv.port, "u", "p")
            with pytest.raises(DataConnectionError) as info:
                s.list_raw()
            assert (info.value.stage, info.value.cause) == ("accept", "foreign-address")
            assert str(info.value).startswith("A connection to port ") and REFUSED in str(info.value)
            # the server's answer to LIST was read (its own connection failed): the control connection is in step
            assert s.connected
            s.noop()
    failed = [e for e in events if isinstance(e, DataFailed)]
    assert [(e.stage, e.cause) for e in failed] == [("accept", "foreign-address")]


def test_ls_in_active_mode_says_so_in_one_line():
    with ScriptedServer(stranger_tree(), connections=2) as srv:
        code, out, err = run("ls", f"ftp://u:p@127.0.0.1:{srv.port}/", "--mode", "active")
    assert code == 1 and out == ""
    (line,) = [x for x in err.splitlines() if x.startswith("ftpgui-cli: ") and "warning" not in x]
    assert REFUSED in line and "No firewall stopped it" in line and "Use passive mode." in line
    assert "did not connect" not in line and "firewall on this computer" not in line


def test_diagnose_does_not_blame_the_client_firewall():
    with ScriptedServer(stranger_tree(), connections=8) as srv:
        url = f"ftp://u:p@127.0.0.1:{srv.port}/"
        code, out, err = run("diagnose", url)
        assert code == 0, err  # (passive works)
        assert "active   fails at accept (foreign-address)" in out
        assert "client-firewall" not in out and "firewall on this computer" not in out
        assert "another computer taking the transfer" in out and "Passive mode works with this server: use it." in out
        code, out, err = run("diagnose", url, "--json")
    doc = json.loads(out)
    for found in (doc["modes"]["active"], doc["probes"]["EPRT"]):
        assert (found["stage"], found["cause"], found["timed_out"]) == ("accept", "foreign-address", False)
        assert REFUSED in found["detail"]


def test_the_mode_panel_tells_it_in_english_and_chinese(qtbot, panel, both):  # noqa: F811
    with ScriptedServer(stranger_tree()) as srv:
        conn, raised = play(qtbot, panel, "127.0.0.1", srv.port, "active", lambda s: s.list_raw(), timeout=30)
    assert (raised.stage, raised.cause) == ("accept", "foreign-address")
    failed = step_of(conn, sc.FAILED)
    en, zh = both(lambda: nr.narrate(conn, failed))
    assert "the connection to the port we opened came from another address than the server's" in en
    assert "firewall on this computer" not in en and "stateful firewall" not in en
    assert "连接来自服务器以外的地址" in zh and "。 " not in zh
    assert nr.failed_because("foreign-address") == "failed: the data connection came from another address"
