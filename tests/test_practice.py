"""The practice server: 127.0.0.1 only, a sample folder, a generated login, and its two simulated firewalls
producing the real failures (stage and cause from the engine's own events)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from ftpgui.ftp import DataConnectionError, DataFailed, FtpSession, ModeFallback, SessionOptions
from ftpgui.practice import HOST, PracticeServer
from ftpgui.ui.modepanel import scene as sc


@pytest.fixture
def practice():
    srv = PracticeServer()
    srv.start()
    yield srv
    srv.stop()


def session(srv, mode, events, timeout=10):
    s = FtpSession(SessionOptions(mode=mode, timeout=timeout), events.append)
    s.open(srv.host, srv.port, srv.user, srv.password)
    return s


def test_listens_on_loopback_only_with_a_generated_login(practice):
    assert practice.host == HOST == "127.0.0.1"
    assert practice._server.socket.getsockname() == ("127.0.0.1", practice.port)
    assert len(practice.password) >= 12
    other = PracticeServer()
    try:
        other.start()
        assert other.password != practice.password and other.port != practice.port
    finally:
        other.stop()
    assert not os.path.exists(other.root)  # its sample folder is removed when it stops


@pytest.mark.parametrize("mode", ["passive", "active"])
def test_real_exchanges_in_both_modes(practice, mode, tmp_path):
    events = []
    with session(practice, mode, events) as s:
        names = {e.name for e in s.listdir()}
        assert {"README.txt", "pictures", "notes", "one-megabyte.bin", "uploads"} <= names
        s.download("one-megabyte.bin", str(tmp_path / "x.bin"))
        local = tmp_path / "up.txt"
        local.write_text("hello", "utf-8")
        s.upload(str(local), "uploads/up.txt")
    assert (tmp_path / "x.bin").stat().st_size == 1 << 20
    assert Path(practice.root, "uploads", "up.txt").read_text("utf-8") == "hello"
    data_hosts = {e.target[0] for e in events if type(e).__name__ == "DataChannelPlanned"}
    assert data_hosts == {"127.0.0.1"}  # its data ports are on loopback too


def test_simulated_server_firewall_times_out_passive(practice):
    practice.server_firewall = True
    events = []
    with session(practice, "passive", events, timeout=1.5) as s:
        with pytest.raises(DataConnectionError) as info:
            s.list_raw()
        assert (info.value.stage, info.value.cause) == ("connect", "server-firewall")
        (failed,) = [e for e in events if isinstance(e, DataFailed)]
        assert "timed out" in failed.detail
        practice.server_firewall = False
        assert s.list_raw()  # the session is still usable
    scene = sc.Scene()
    for e in events:
        scene.feed(e)
    (conn,) = scene.connections.values()
    blocked = conn.exchanges()[0]
    assert blocked.failure[:2] == ("connect", "server-firewall") and blocked.local is None


def test_simulated_client_firewall_refuses_active_with_425(practice):
    practice.client_firewall = True
    events = []
    with session(practice, "active", events) as s:
        with pytest.raises(DataConnectionError) as info:
            s.list_raw()
        assert (info.value.stage, info.value.cause, info.value.code) == ("accept", "client-firewall", 425)
    assert any(isinstance(e, DataFailed) and e.stage == "accept" for e in events)


def test_auto_falls_back_to_active_behind_the_simulated_server_firewall(practice):
    practice.server_firewall = True
    events = []
    with session(practice, "auto", events, timeout=1.5) as s:
        assert s.list_raw()
        assert s.mode == "active"
    (fb,) = [e for e in events if isinstance(e, ModeFallback)]
    assert (fb.from_mode, fb.to_mode, fb.cause) == ("passive", "active", "server-firewall")
