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
    # one control connection per probe (EPSV, PASV, EPRT, PORT; on IPv6 only EPSV and EPRT), one LIST each
    probes = ["EPSV", "EPRT"] if ":" in server.host else ["EPSV", "PASV", "EPRT", "PORT"]
    assert list(d.probes) == probes and all(p.ok for p in d.probes.values())
    assert [p.command.split(" ")[0] for p in d.probes.values()] == probes
    assert len(server.record.control) == len(probes) and len(server.record.data) == len(probes)
    server_end, client_end = server.record.data[probes.index("EPRT")]
    assert tuple(d.active.data["local"]) == client_end and tuple(d.active.data["remote"]) == server_end
    assert d.findings == []


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
    assert set(doc) == {"server", "control", "modes", "probes", "findings", "recommended"}
    assert list(doc["probes"]) == ["EPSV", "PASV", "EPRT", "PORT"]
    assert [doc["probes"][c]["ok"] for c in doc["probes"]] == [False, False, True, True]
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


def test_each_command_is_probed_and_the_summary_follows_the_fallback(make_server):
    d = _diagnose(make_server(refuse=("EPSV", "EPRT")))
    assert {c: (p.ok, p.stage) for c, p in d.probes.items()} == {
        "EPSV": (False, "command"),
        "PASV": (True, None),
        "EPRT": (False, "command"),
        "PORT": (True, None),
    }
    # ftpgui falls back from a refused EPSV to PASV and from a refused EPRT to PORT: so do the summaries
    assert d.passive.ok and d.passive.command == "PASV" and d.passive.probe is None
    assert d.active.ok and d.active.command.startswith("PORT ")


def test_epsv_working_does_not_hide_a_wrong_pasv_address(make_server):
    server = make_server()
    server.handler.masquerade_address = "192.0.2.99"  # advertised in 227 only; never dialled (we dial the peer)
    d = _diagnose(server)
    assert d.passive.ok and d.passive.command == "EPSV" and d.passive.cause is None
    assert d.probes["PASV"].ok and d.probes["PASV"].advertised[0] == "192.0.2.99"
    assert [(f.code, f.advertised[0], f.reached) for f in d.findings] == [("pasv-address", "192.0.2.99", "127.0.0.1")]
    code, out, err = run("diagnose", server.url, "--timeout", "5")
    assert code == 0, err
    assert (
        "PASV advertises 192.0.2.99, not the address you reached (127.0.0.1); clients that use PASV and trust its "
        "address will time out." in out.replace("\n", " ")
    )
    code, out, err = run("diagnose", server.url, "--json", "--timeout", "5")
    finding = json.loads(out)["findings"][0]
    assert finding["code"] == "pasv-address" and finding["advertised"][0] == "192.0.2.99"
    assert finding["reached"] == "127.0.0.1" and finding["explanation"].startswith("PASV advertises 192.0.2.99")
