"""``diagnose``: each mode on its own connection, the cause derived from where it failed."""

from __future__ import annotations

import json
import socket

from ftpgui.ftp import SessionOptions
from ftpgui.ftp.diagnose import diagnose

from ftpserver import PASSWORD, USER
from test_cli import run


def _diagnose(server):
    return diagnose(server.host, server.port, USER, PASSWORD, SessionOptions(timeout=5))


def test_both_modes_work(server):
    d = _diagnose(server)
    assert d.passive.ok and d.active.ok
    assert d.recommended == "passive"
    assert d.passive.command == "EPSV" and d.passive.reply.startswith("229")
    assert d.active.command.startswith("EPRT ") and d.active.reply.startswith("200")
    assert d.passive.data["dialer"] == "client" and d.active.data["dialer"] == "server"
    assert d.control["remote"] == (server.host, server.port)
    # two separate control connections, each with exactly one data connection
    assert len(server.record.control) == 2 and len(server.record.data) == 2
    server_end, client_end = server.record.data[1]
    assert tuple(d.active.data["local"]) == client_end and tuple(d.active.data["remote"]) == server_end


def test_server_refuses_passive(make_server):
    d = _diagnose(make_server(refuse=("EPSV", "PASV")))
    assert (d.passive.ok, d.passive.stage, d.passive.cause) == (False, "command", "server-refused")
    assert d.passive.command == "PASV" and d.passive.reply.startswith("502")
    assert d.active.ok and d.recommended == "active"


def test_server_refuses_active(make_server):
    d = _diagnose(make_server(refuse=("EPRT", "PORT")))
    assert (d.active.ok, d.active.stage, d.active.cause) == (False, "command", "server-refused")
    assert d.recommended == "passive"


def test_server_cannot_connect_back(make_server):
    d = _diagnose(make_server(refuse=("EPRT",), replies={"PORT": "425 Can't connect to specified address."}))
    assert (d.active.ok, d.active.stage, d.active.cause) == (False, "accept", "client-firewall")


def test_passive_port_unreachable(make_server):
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    server = make_server(refuse=("EPSV",), replies={"PASV": f"227 Passive ({'127,0,0,1'},{port >> 8},{port & 255})"})
    d = _diagnose(server)
    assert (d.passive.ok, d.passive.stage, d.passive.cause) == (False, "connect", "server-firewall")
    assert d.passive.dialled == ("127.0.0.1", port)
    assert d.active.ok and d.recommended == "active"


def test_neither_mode(make_server):
    d = _diagnose(make_server(refuse=("EPSV", "PASV", "EPRT", "PORT")))
    assert not d.passive.ok and not d.active.ok and d.recommended is None


def test_wrong_passive_address_is_reported(make_server):
    server = make_server(refuse=("EPSV",))
    server.handler.masquerade_address = "192.0.2.99"
    d = _diagnose(server)
    assert d.passive.ok and d.passive.cause == "nat-address"
    assert d.passive.advertised[0] == "192.0.2.99" and d.passive.dialled[0] == "127.0.0.1"


def test_cli_json(make_server):
    server = make_server(refuse=("EPSV", "PASV"))
    code, out, err = run("diagnose", server.url, "--json", "--timeout", "5")
    assert code == 0, err
    doc = json.loads(out)
    assert set(doc) == {"server", "control", "modes", "recommended"}
    assert doc["recommended"] == "active"
    p = doc["modes"]["passive"]
    assert (p["ok"], p["stage"], p["cause"]) == (False, "command", "server-refused")
    assert "refused passive mode" in p["explanation"]
    a = doc["modes"]["active"]
    assert a["ok"] and a["data"]["dialer"] == "server" and "Active mode works" in a["explanation"]
    assert {"ok", "command", "reply", "advertised", "data", "stage", "cause", "explanation"} <= set(a)


def test_cli_text_and_exit_status(make_server):
    server = make_server(refuse=("EPSV", "PASV", "EPRT", "PORT"))
    code, out, err = run("diagnose", server.url, "--tls", "off")  # (under auto, a plain-FTP warning first)
    assert code == 1
    assert "Recommended: neither mode works" in out
    assert err == "ftpgui-cli: neither passive nor active mode works with this server\n"


def test_cli_text_names_who_dialled(server):
    code, out, _ = run("diagnose", server.url)
    assert code == 0
    assert "Control connection: " in out and "Recommended: passive" in out
    assert "we dialled the server" in out and "the server dialled us" in out
