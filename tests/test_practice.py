"""The practice server: loopback only, real listings and downloads in both modes, and its two simulations."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time

import pytest

from ftpgui.ftp import SessionOptions
from ftpgui.ftp.diagnose import diagnose
from ftpgui.ftp.errors import DataConnectionError, ReplyError
from ftpgui.ftp.events import DataChannelPlanned, DataConnected, DataFailed, ModeFallback
from ftpgui.ftp.session import FtpSession
from ftpgui.practice import REFUSE_425, PracticeServer, PracticeServerError

TIMEOUT = 1.5
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


@pytest.fixture
def practice():
    srv = PracticeServer()
    srv.start()
    yield srv
    srv.stop()


def _session(practice, mode: str, events=None) -> FtpSession:
    s = FtpSession(SessionOptions(mode=mode, timeout=TIMEOUT), (events.append if events is not None else None))
    s.open(practice.host, practice.port, practice.user, practice.password)
    return s


def _listening_sockets_of_this_process():
    """(address, port) of every TCP socket of this process in LISTEN state, read from /proc."""
    inodes = set()
    for fd in os.listdir("/proc/self/fd"):
        try:
            target = os.readlink(f"/proc/self/fd/{fd}")
        except OSError:
            continue
        if target.startswith("socket:["):
            inodes.add(target[8:-1])
    found = []
    for table, family in (("/proc/self/net/tcp", socket.AF_INET), ("/proc/self/net/tcp6", socket.AF_INET6)):
        try:
            with open(table) as f:
                lines = f.read().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            local, state, inode = fields[1], fields[3], fields[9]
            if state != "0A" or inode not in inodes:  # 0A = LISTEN
                continue
            hexaddr, hexport = local.split(":")
            raw = bytes.fromhex(hexaddr)
            if family == socket.AF_INET:
                host = socket.inet_ntop(family, raw[::-1])
            else:
                host = socket.inet_ntop(family, b"".join(raw[i : i + 4][::-1] for i in range(0, 16, 4)))
            found.append((host, int(hexport, 16)))
    return found


def test_refuses_a_non_loopback_bind_address():
    for host in ("0.0.0.0", "", "192.0.2.1", "::", "localhost"):
        with pytest.raises(PracticeServerError, match=r"only listens on 127\.0\.0\.1"):
            PracticeServer(host)


def test_listens_on_loopback_only(practice):
    assert practice.url == f"ftp://{practice.user}@127.0.0.1:{practice.port}/"
    assert practice.password not in practice.url and practice.password not in repr(practice)
    ours = [addr for addr in _listening_sockets_of_this_process() if addr[1] == practice.port]
    assert ours == [("127.0.0.1", practice.port)]
    # another loopback address reaches a socket bound to 0.0.0.0, but not one bound to 127.0.0.1
    probe = socket.socket()
    probe.settimeout(TIMEOUT)
    with pytest.raises(ConnectionRefusedError):
        probe.connect(("127.0.0.2", practice.port))
    probe.close()


def test_every_listening_socket_during_a_passive_transfer_is_on_loopback(practice):
    before = set(_listening_sockets_of_this_process())
    events = []
    with _session(practice, "passive", events) as s:
        s.listdir("/")
    planned = [e for e in events if isinstance(e, DataChannelPlanned)]
    assert planned and planned[0].advertised[0] == "127.0.0.1"
    # and while the server holds a passive port open (between PASV and the transfer)
    with _session(practice, "passive") as s:
        s.command("PASV", ok="227")
        during = set(_listening_sockets_of_this_process()) - before
        assert during, "the server opened no passive listener"
        assert all(host == "127.0.0.1" for host, _ in during)


def test_sample_folder_and_credentials(practice):
    assert practice.user.startswith("learner-") and len(practice.password) >= 16
    assert PracticeServer().password != practice.password
    root = practice.root
    assert os.path.isfile(os.path.join(root, "你好.txt")) and os.path.isdir(os.path.join(root, "docs"))
    with FtpSession(SessionOptions(timeout=10)) as s, pytest.raises(ReplyError, match="530"):
        s.open(practice.host, practice.port, practice.user, "wrong")  # pyftpdlib answers after 3 s


@pytest.mark.parametrize("mode", ["passive", "active"])
def test_lists_and_downloads_in_both_modes(practice, mode, tmp_path):
    events = []
    with _session(practice, mode, events) as s:
        names = {e.name: e for e in s.listdir("/")}
        assert {"README.txt", "hello.txt", "你好.txt", "docs", "uploads"} <= set(names)
        assert names["docs"].type == "dir"
        assert {e.name for e in s.listdir("/docs")} == {"active-and-passive.txt", "numbers.csv"}
        for remote in ("/你好.txt", "/docs/numbers.csv"):
            local = tmp_path / remote.rsplit("/", 1)[1]
            s.download(remote, str(local))
            with open(os.path.join(practice.root, *remote.strip("/").split("/")), "rb") as f:
                assert local.read_bytes() == f.read()
    dialers = {e.dialer for e in events if isinstance(e, DataConnected)}
    assert dialers == {"client" if mode == "passive" else "server"}


def test_stop_removes_the_folder_and_closes_the_port():
    srv = PracticeServer()
    srv.start()
    root, port = srv.root, srv.port
    with pytest.raises(PracticeServerError, match="already running"):
        srv.start()
    srv.stop()
    assert not os.path.exists(root) and not srv.running
    probe = socket.socket()
    with pytest.raises(ConnectionRefusedError):
        probe.connect(("127.0.0.1", port))
    probe.close()
    srv.stop()  # twice is fine
    with pytest.raises(PracticeServerError, match="not running"):
        srv.url  # noqa: B018


def test_server_firewall_makes_the_passive_connect_time_out(practice):
    practice.simulate_server_firewall = True
    events = []
    with _session(practice, "passive", events) as s:
        started = time.monotonic()
        with pytest.raises(DataConnectionError) as info:
            s.listdir("/")
        waited = time.monotonic() - started
        assert (info.value.stage, info.value.cause) == ("connect", "server-firewall")
        assert "timed out" in str(info.value)  # a timeout, not a refusal
        assert waited >= TIMEOUT * 0.9
        planned = [e for e in events if isinstance(e, DataChannelPlanned)][-1]
        failed = [e for e in events if isinstance(e, DataFailed)][-1]
        assert planned.target[0] == "127.0.0.1" and (failed.stage, failed.cause) == ("connect", "server-firewall")
        # switched off while running: the same session lists again
        practice.simulate_server_firewall = False
        assert "hello.txt" in {e.name for e in s.listdir("/")}


def test_client_firewall_answers_425_to_port_and_eprt(practice):
    practice.simulate_client_firewall = True
    with _session(practice, "active") as s:
        for command in ("EPRT |1|127.0.0.1|9|", "PORT 127,0,0,1,0,9"):
            with pytest.raises(ReplyError) as refused:
                s.command(command)
            assert f"{refused.value.code} {refused.value.text}" == REFUSE_425
        with pytest.raises(DataConnectionError) as info:
            s.listdir("/")
        assert (info.value.stage, info.value.cause) == ("accept", "client-firewall")
        practice.simulate_client_firewall = False
        assert "hello.txt" in {e.name for e in s.listdir("/")}


def test_diagnose_with_no_simulation(practice):
    d = diagnose(practice.host, practice.port, practice.user, practice.password, SessionOptions(timeout=TIMEOUT))
    assert d.passive.ok and d.active.ok and d.recommended == "passive"


def test_diagnose_server_firewall(practice):
    practice.simulate_server_firewall = True
    d = diagnose(practice.host, practice.port, practice.user, practice.password, SessionOptions(timeout=TIMEOUT))
    assert (d.passive.ok, d.passive.stage, d.passive.cause) == (False, "connect", "server-firewall")
    assert d.passive.command == "EPSV" and d.passive.reply.startswith("229")
    assert d.active.ok and d.active.data["dialer"] == "server"
    assert d.recommended == "active"


def test_diagnose_client_firewall(practice):
    practice.simulate_client_firewall = True
    d = diagnose(practice.host, practice.port, practice.user, practice.password, SessionOptions(timeout=TIMEOUT))
    assert d.passive.ok and d.passive.data["dialer"] == "client"
    assert (d.active.ok, d.active.stage, d.active.cause) == (False, "accept", "client-firewall")
    assert d.active.reply == REFUSE_425
    assert d.recommended == "passive"


def test_diagnose_both_firewalls(practice):
    practice.simulate_server_firewall = practice.simulate_client_firewall = True
    d = diagnose(practice.host, practice.port, practice.user, practice.password, SessionOptions(timeout=TIMEOUT))
    assert (d.passive.cause, d.active.cause, d.recommended) == ("server-firewall", "client-firewall", None)


def test_auto_mode_falls_back_to_active(practice, tmp_path):
    practice.simulate_server_firewall = True
    events = []
    with _session(practice, "auto", events) as s:
        assert "hello.txt" in {e.name for e in s.listdir("/")}
        s.download("/hello.txt", str(tmp_path / "hello.txt"))
    assert (tmp_path / "hello.txt").read_bytes() == b"Hello, FTP!\n"
    kinds = [type(e).__name__ for e in events if isinstance(e, (DataFailed, ModeFallback, DataConnected))]
    assert kinds[:3] == ["DataFailed", "ModeFallback", "DataConnected"]
    fallback = next(e for e in events if isinstance(e, ModeFallback))
    assert (fallback.from_mode, fallback.to_mode, fallback.cause) == ("passive", "active", "server-firewall")
    assert [e.dialer for e in events if isinstance(e, DataConnected)] == ["server", "server"]


def test_stopped_at_exit_without_an_explicit_stop(tmp_path):
    code = "from ftpgui.practice import PracticeServer\ns = PracticeServer()\ns.start()\nprint(s.root, flush=True)\n"
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [ROOT, os.environ.get("PYTHONPATH")])))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60)
    assert out.returncode == 0, out.stderr
    root = out.stdout.strip()
    assert os.path.isdir(os.path.dirname(root)) and not os.path.exists(root)
