"""Proxies (issue 20 item 8): SOCKS5 and HTTP CONNECT, against real proxies on loopback with real servers
behind them. The proxies go out from 127.0.0.3 (tests/proxies.py), which ftpgui never uses: a server that saw
every control and data connection come from there was reached through the proxy."""

from __future__ import annotations

import random

import pytest

from ftpgui.ftp import (
    ConnectError,
    ControlConnected,
    DataChannelPlanned,
    DataConnected,
    DataConnectionError,
    DataFailed,
    FtpSession,
    SessionOptions,
)
from ftpgui.ftp.proxy import Proxy, ProxyError, ProxyUrlError, parse_proxy
from ftpgui.ui.modepanel.export import transcript_line

from conftest import need
from daemons import free_port_range, start_vsftpd, vsftpd_usable
from ftpserver import PASSWORD, USER
from proxies import DANTED, MICROSOCKS, OUTGOING, TINYPROXY, have, start_dante, start_microsocks, start_tinyproxy

DATA = random.Random(8).randbytes(300_000)


@pytest.fixture
def proxies(tmp_path_factory):
    """Start proxies (stopped after the test); missing binaries fail in CI and skip locally."""
    started = []

    def start(kind: str, **kwargs):
        binary = {"microsocks": MICROSOCKS, "dante": DANTED, "tinyproxy": TINYPROXY}[kind]
        need(have(binary), f"{binary} is not installed (apt-get install microsocks dante-server tinyproxy)")
        if kind == "microsocks":
            p = start_microsocks(**kwargs)
        elif kind == "dante":
            p = start_dante(tmp_path_factory.mktemp("dante"))
        else:
            p = start_tinyproxy(tmp_path_factory.mktemp("tinyproxy"), **kwargs)
        started.append(p)
        return p

    yield start
    for p in started:
        p.stop()


def everyday(session: FtpSession, tmp_path, folder: str = "") -> None:
    """list, put and get the same bytes back."""
    (tmp_path / "up.bin").write_bytes(DATA)
    session.upload(str(tmp_path / "up.bin"), f"{folder}/up.bin")
    assert "up.bin" in [e.name for e in session.listdir(folder or "/")]
    session.download(f"{folder}/up.bin", str(tmp_path / "down.bin"))
    assert (tmp_path / "down.bin").read_bytes() == DATA


def assert_through(events, proxy_port: int, mode: str) -> None:
    """Every connection event names the proxy as its hop."""
    hops = [e.proxy for e in events if isinstance(e, (ControlConnected, DataChannelPlanned, DataConnected))]
    assert hops and all(h is not None and h.address == ("127.0.0.1", proxy_port) for h in hops)
    connected = [e for e in events if isinstance(e, DataConnected)]
    assert len(connected) == 3 and {e.dialer for e in connected} == {"client" if mode == "passive" else "server"}


def assert_vsftpd_saw_only_the_proxy(log: str) -> None:
    """Every command vsftpd logged came from the proxy's address (the fixture's own probe sends none)."""
    assert f'FTP command: Client "{OUTGOING}", "USER anonymous"' in log
    assert 'FTP command: Client "127.0.0.1"' not in log


def test_socks5_passive_list_get_put(proxies, make_server, tmp_path):
    socks = proxies("microsocks")
    srv = make_server("127.0.0.1")
    events = []
    options = SessionOptions(mode="passive", timeout=10, proxy=parse_proxy(socks.url()))
    with FtpSession(options, events.append) as s:
        s.open("127.0.0.1", srv.port, USER, PASSWORD)
        everyday(s, tmp_path)
    assert_through(events, socks.port, "passive")
    # the server saw the proxy's address for the control connection and all three data connections
    assert {client[0] for _, client in srv.record.control} == {OUTGOING}
    assert len(srv.record.data) == 3 and {client[0] for _, client in srv.record.data} == {OUTGOING}
    up = next(e for e in events if isinstance(e, ControlConnected))
    assert up.remote == ("127.0.0.1", srv.port)  # the server, as the proxy was asked for it
    # the mode panel's exported transcript says it of each data connection too (it named the proxy for the
    # control connection alone)
    lines = [transcript_line(e) for e in events if isinstance(e, (DataChannelPlanned, DataConnected))]
    assert len(lines) == 6 and all(line.endswith(f", through the proxy 127.0.0.1:{socks.port}") for line in lines)


def test_socks5_resolves_names_at_the_proxy(proxies, make_server, tmp_path):
    """A host name goes to the proxy as a name (SOCKS5 domain address): the proxy resolves it."""
    socks = proxies("microsocks")
    srv = make_server("127.0.0.1")
    events = []
    with FtpSession(SessionOptions(timeout=10, proxy=parse_proxy(socks.url())), events.append) as s:
        s.open("localhost", srv.port, USER, PASSWORD)
        assert s.listdir("/") == []
    up = next(e for e in events if isinstance(e, ControlConnected))
    assert up.remote == ("localhost", srv.port)
    assert {client[0] for _, client in srv.record.control} == {OUTGOING}


def test_socks5_user_and_password(proxies, make_server, tmp_path):
    socks = proxies("microsocks", user="carol", password="pr0xy-secret")
    srv = make_server("127.0.0.1")
    events = []
    options = SessionOptions(timeout=10, proxy=parse_proxy(socks.url("carol"), "pr0xy-secret"))
    with FtpSession(options, events.append) as s:
        s.open("127.0.0.1", srv.port, USER, PASSWORD)
        everyday(s, tmp_path)
    assert_through(events, socks.port, "passive")
    assert all("pr0xy-secret" not in repr(e) for e in events)
    assert "pr0xy-secret" not in repr(options)


def test_socks5_wrong_password_is_said_in_words(proxies, make_server):
    socks = proxies("microsocks", user="carol", password="pr0xy-secret")
    srv = make_server("127.0.0.1")
    events = []
    options = SessionOptions(timeout=10, proxy=parse_proxy(socks.url("carol"), "not-the-secret"))
    with FtpSession(options, events.append) as s, pytest.raises(ProxyError) as caught:
        s.open("127.0.0.1", srv.port, USER, PASSWORD)
    assert str(caught.value) == f"The proxy 127.0.0.1:{socks.port} refused the user name or password."
    assert isinstance(caught.value, ConnectError)  # the GUI's connect failure path shows it as it is
    assert "not-the-secret" not in repr(events) and srv.record.control == []
    # no password at all for a proxy that needs one
    with FtpSession(SessionOptions(timeout=10, proxy=parse_proxy(socks.url()))) as s:
        with pytest.raises(ProxyError, match="accepts none of the ways ftpgui offered to log in"):
            s.open("127.0.0.1", srv.port)


def test_unreachable_proxy(make_server):
    srv = make_server("127.0.0.1")
    from daemons import free_port

    port = free_port()
    with FtpSession(SessionOptions(timeout=5, proxy=Proxy("socks5", "127.0.0.1", port))) as s:
        with pytest.raises(ProxyError, match=f"Could not connect to the proxy 127.0.0.1:{port}: Connection refused"):
            s.open("127.0.0.1", srv.port)


def test_socks5_active_through_bind(proxies, make_server, tmp_path):
    """dante supports BIND: the server connects to the proxy, which hands the connection to ftpgui."""
    socks = proxies("dante")
    srv = make_server("127.0.0.1")
    events = []
    with FtpSession(SessionOptions(mode="active", timeout=10, proxy=parse_proxy(socks.url())), events.append) as s:
        s.open("127.0.0.1", srv.port, USER, PASSWORD)
        everyday(s, tmp_path)
    assert_through(events, socks.port, "active")
    planned = [e for e in events if isinstance(e, DataChannelPlanned)]
    # PORT names the proxy's listening address (on its outgoing side), never ftpgui's own
    assert {e.advertised[0] for e in planned} == {OUTGOING} and {e.command for e in planned} == {"PORT"}
    # the server dialled the proxy for each transfer: its data connections' far ends are the proxy's ports
    assert [client for _, client in srv.record.data] == [e.advertised for e in planned]
    assert {client[0] for _, client in srv.record.control} == {OUTGOING}
    # DataConnected names the server's end as the proxy's second BIND reply reported it
    assert {e.remote for e in events if isinstance(e, DataConnected)} == {server for server, _ in srv.record.data}


def test_socks5_active_through_bind_with_vsftpd(proxies, tmp_path_factory, tmp_path):
    need(vsftpd_usable(), "vsftpd is not installed (apt-get install vsftpd) or the tests are not root")
    socks = proxies("dante")
    daemon = start_vsftpd(tmp_path_factory.mktemp("vsftpd"))
    try:
        events = []
        with FtpSession(SessionOptions(mode="active", timeout=10, proxy=parse_proxy(socks.url())), events.append) as s:
            s.open(daemon.host, daemon.port, daemon.user, daemon.password)
            everyday(s, tmp_path, daemon.remote_dir)
        assert_through(events, socks.port, "active")
        assert_vsftpd_saw_only_the_proxy(daemon.log.read_text())
    finally:
        daemon.stop()


def test_socks5_without_bind_refuses_active_in_words(proxies, make_server):
    """microsocks has no BIND: active mode stops with the reason, before any PORT reaches the server."""
    socks = proxies("microsocks")
    srv = make_server("127.0.0.1")
    events = []
    with FtpSession(SessionOptions(mode="active", timeout=10, proxy=parse_proxy(socks.url())), events.append) as s:
        s.open("127.0.0.1", srv.port, USER, PASSWORD)
        with pytest.raises(DataConnectionError) as caught:
            s.listdir("/")
    assert str(caught.value) == (
        f"Active mode cannot work through the SOCKS5 proxy 127.0.0.1:{socks.port}: it refused to listen for the "
        "server's connection (SOCKS BIND: command not supported). Use passive mode with this proxy."
    )
    assert [e for e in events if isinstance(e, DataFailed)][-1].detail == str(caught.value)
    assert not {"PORT", "EPRT", "LIST", "MLSD"} & set(srv.record.verbs())


def test_http_connect_passive_with_vsftpd(proxies, tmp_path_factory, tmp_path):
    """tinyproxy allows CONNECT only to the ports of its ConnectPort rules: the FTP port and the passive range."""
    need(vsftpd_usable(), "vsftpd is not installed (apt-get install vsftpd) or the tests are not root")
    lo, hi = free_port_range()
    daemon = start_vsftpd(tmp_path_factory.mktemp("vsftpd"), extra=f"pasv_min_port={lo}\npasv_max_port={hi}")
    try:
        http = proxies("tinyproxy", connect_ports=[daemon.port, *range(lo, hi + 1)])
        events = []
        with FtpSession(SessionOptions(mode="passive", timeout=10, proxy=parse_proxy(http.url())), events.append) as s:
            s.open(daemon.host, daemon.port, daemon.user, daemon.password)
            everyday(s, tmp_path, daemon.remote_dir)
        assert_through(events, http.port, "passive")
        assert_vsftpd_saw_only_the_proxy(daemon.log.read_text())
        assert f"127.0.0.1:{daemon.port}" in http.log_text() or http.log is None or not http.log.exists()
    finally:
        daemon.stop()


def test_http_connect_refuses_active_in_words(proxies, make_server):
    srv = make_server("127.0.0.1")
    http = proxies("tinyproxy", connect_ports=[srv.port])
    events = []
    with FtpSession(SessionOptions(mode="active", timeout=10, proxy=parse_proxy(http.url())), events.append) as s:
        s.open("127.0.0.1", srv.port, USER, PASSWORD)
        assert {client[0] for _, client in srv.record.control} == {OUTGOING}
        with pytest.raises(DataConnectionError) as caught:
            s.listdir("/")
    assert str(caught.value) == (
        f"Active mode cannot work through the HTTP proxy 127.0.0.1:{http.port}: an HTTP proxy only connects "
        "outward (CONNECT) and cannot accept the server's connection back to ftpgui. "
        "Use passive mode with this proxy."
    )
    assert not {"PORT", "EPRT", "LIST", "MLSD"} & set(srv.record.verbs())


def test_http_proxy_refusing_a_port_is_said(proxies, make_server):
    """tinyproxy's ConnectPort rules leave out the server's passive port: the proxy's own answer is shown."""
    srv = make_server("127.0.0.1")
    http = proxies("tinyproxy", connect_ports=[srv.port])
    with FtpSession(SessionOptions(mode="passive", timeout=10, proxy=parse_proxy(http.url()))) as s:
        s.open("127.0.0.1", srv.port, USER, PASSWORD)
        refused = r"The proxy 127\.0\.0\.1:\d+ could not connect to 127\.0\.0\.1 port \d+: 403"
        with pytest.raises(DataConnectionError, match=refused):
            s.listdir("/")


@pytest.mark.parametrize(
    "text, expected",
    [
        ("socks5://127.0.0.1:1080", Proxy("socks5", "127.0.0.1", 1080)),
        ("socks5h://bob@proxy.example:9050", Proxy("socks5", "proxy.example", 9050, "bob")),
        ("http://[::1]:3128", Proxy("http", "::1", 3128)),
        ("http://proxy.example", Proxy("http", "proxy.example", 8080)),
        ("SOCKS5://proxy.example", Proxy("socks5", "proxy.example", 1080)),
    ],
)
def test_parse_proxy(text, expected):
    assert parse_proxy(text) == expected


@pytest.mark.parametrize(
    "text, words",
    [
        ("127.0.0.1:1080", "Write the proxy as socks5://host:port or http://host:port"),
        ("socks4://h:1", "Unknown proxy type “socks4”"),
        ("socks5://bob:hunter2@h:1", "Leave the proxy password out of the address"),
        ("socks5://h:99999", "The proxy port must be between 1 and 65535"),
        ("http://:8080", "The proxy needs a host name or address."),
        ("http://h:8080/path", "A proxy address has no path"),
    ],
)
def test_parse_proxy_refuses_in_words(text, words):
    with pytest.raises(ProxyUrlError) as caught:
        parse_proxy(text)
    assert words in str(caught.value) and "hunter2" not in str(caught.value)


def test_password_stays_out_of_repr_and_url():
    p = parse_proxy("socks5://bob@h:1", "hunter2")
    assert p.password == "hunter2" and "hunter2" not in repr(p) and "hunter2" not in p.url()
    assert p.url() == "socks5://bob@h:1"


def test_cli_proxy_with_password_from_the_environment(proxies, make_server, tmp_path):
    from test_cli import run

    socks = proxies("microsocks", user="carol", password="pr0xy-secret")
    srv = make_server("127.0.0.1")
    (tmp_path / "up.bin").write_bytes(DATA)
    env = {"FTPGUI_PROXY_PASSWORD": "pr0xy-secret"}
    proxy = ["--proxy", socks.url("carol")]
    code, _, err = run("put", str(tmp_path / "up.bin"), srv.url + "/up.bin", *proxy, env=env)
    assert code == 0, err
    code, out, err = run("ls", srv.url + "/", *proxy, env=env)
    assert code == 0 and "up.bin" in out, err
    assert {client[0] for _, client in srv.record.control} == {OUTGOING}
    assert len(srv.record.data) == 2 and {client[0] for _, client in srv.record.data} == {OUTGOING}
    # a wrong proxy password: one line in words, exit 1, the password nowhere
    code, out, err = run("ls", srv.url + "/", *proxy, env={"FTPGUI_PROXY_PASSWORD": "wrong-pw"})
    assert code == 1 and out == "" and "wrong-pw" not in err
    assert f"The proxy 127.0.0.1:{socks.port} refused the user name or password." in err


def test_cli_proxy_usage_errors():
    from test_cli import run

    code, _, err = run("ls", "ftp://127.0.0.1/", "--proxy", "socks5://bob:hunter2@127.0.0.1:1080")
    assert code == 2 and "--proxy: Leave the proxy password out of the address" in err and "hunter2" not in err
    code, _, err = run("ls", "ftp://127.0.0.1/", "--proxy", "ftp://127.0.0.1:1080")
    assert code == 2 and "Unknown proxy type “ftp”" in err


@pytest.mark.parametrize("mode", ["passive", "active"])
def test_explicit_tls_through_a_socks5_proxy(proxies, make_server, certs, tmp_path, mode):
    """TLS runs end to end through the proxy: the certificate checked is the server's, data connections too."""
    from ftpgui.ftp import TlsEstablished

    socks = proxies("dante")
    srv = make_server("127.0.0.1", tls_cert=certs.good)
    events = []
    options = SessionOptions(
        mode=mode, timeout=10, tls="require", ca_file=certs.ca_file, proxy=parse_proxy(socks.url())
    )
    with FtpSession(options, events.append) as s:
        s.open("127.0.0.1", srv.port, USER, PASSWORD)
        everyday(s, tmp_path)
    assert_through(events, socks.port, mode)
    assert [e.channel for e in events if isinstance(e, TlsEstablished)] == ["control", "data", "data", "data"]
    assert {client[0] for _, client in srv.record.control} == {OUTGOING}
