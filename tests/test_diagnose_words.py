"""What ``ftpgui-cli diagnose`` (and ``--fix``) says is true (a QA round, design note 177): the command lines
it suggests run as written, the firewall rules are for the server's address family, an EPSV reply is never
said to name an address, a blocked active mode is not pinned on this computer, "ftpgui copes" only where it
did, and ``diagnose`` has no ``--mode`` it would ignore. Each through the CLI with its default options,
against pyftpdlib on loopback (IPv4 and, where there is one, IPv6 ::1)."""

from __future__ import annotations

import json
import re
import shlex
from typing import Optional

from ftpgui.ftp.events import DataChannelPlanned
from ftpgui.ui.modepanel.export import transcript_line

from ftpserver import PASSWORD, USER
from test_cli import run

LOGIN = {"FTPGUI_PASSWORD": PASSWORD}  # the suggested lines name the user; the password comes as it would


def _url(server, user: str = USER) -> str:
    host = f"[{server.host}]" if ":" in server.host else server.host
    return f"ftp://{user}@{host}:{server.port}/"


def _fixes(server, *options: str) -> list:
    code, out, err = run("diagnose", _url(server), "--fix", "--json", "--timeout", "5", *options, env=LOGIN)
    assert code in (0, 1), err
    return json.loads(out)["fixes"]


def _cli_lines(fixes: list) -> list:
    return [line for f in fixes for s in f["snippets"] for line in s["text"].splitlines() if "ftpgui-cli" in line]


def _blocked_active(make_server, host: str, reply: str, replies: Optional[dict] = None):
    """Active mode turned away (EPRT and PORT answered ``reply``); ``replies`` is read as commands come: a
    test empties it to "fix" the server."""
    replies = {} if replies is None else replies
    replies.update({"EPRT": reply, "PORT": reply})
    return make_server(host, replies=replies)


# --- 1: every ftpgui-cli line a fix prints runs as written ---------------------------------------------------
def test_each_suggested_ftpgui_cli_line_runs_as_written(make_server, host):
    """client-firewall and client-nat suggest ``ftpgui-cli`` lines; with the placeholder (PUBLIC_IP) given a
    loopback value and the server's fault cleared, each runs: argparse takes it, and it lists in active mode
    (the old lines put the options before the command: "invalid choice: '50000-50100'")."""
    cases = {
        "client-firewall": "425 Can't open data connection.",
        "client-nat": "500 Illegal PORT command.",
    }
    for cause, reply in cases.items():
        fault: dict = {}
        server = _blocked_active(make_server, host, reply, fault)
        fixes = _fixes(server)
        assert cause in [f["cause"] for f in fixes]
        lines = _cli_lines(fixes)
        assert lines, fixes
        fault.clear()  # the server's side of the fix; the suggested line is this side's
        for line in lines:
            words = shlex.split(line.replace("PUBLIC_IP", host))
            assert words[0] == "ftpgui-cli"
            code, _, err = run(*words[1:], env=LOGIN)
            assert code == 0, f"{line!r}: {err}"
            assert "usage" not in err.lower() and "invalid choice" not in err


# --- 2: IPv6 gets ip6tables ------------------------------------------------------------------------------------
def test_firewall_rules_are_for_the_servers_address_family(make_server, host):
    """Rules for a blocked passive mode (the server's) and a blocked active mode (this computer's and the
    server's way out): ip6tables for an IPv6 server, iptables for IPv4 — an iptables rule changes nothing for
    IPv6."""
    epsv_to_closed_port = {"EPSV": "229 Entering Extended Passive Mode (|||1|)", "PASV": "502 No."}
    servers = [make_server(host, replies=epsv_to_closed_port), _blocked_active(make_server, host, "425 No.")]
    tool = "ip6tables" if ":" in host else "iptables"
    other = "iptables" if tool == "ip6tables" else "ip6tables"
    for server in servers:
        _, out, _ = run("diagnose", _url(server), "--fix", "--timeout", "5", env=LOGIN)
        rules = [line.strip() for line in out.splitlines() if re.match(r"\s+ip6?tables ", line)]
        assert rules and all(rule.startswith(f"{tool} ") for rule in rules), out
        assert not any(rule.startswith(f"{other} ") for rule in rules)


# --- 3: the minor ones ------------------------------------------------------------------------------------------
def test_an_epsv_reply_is_said_to_name_a_port_on_the_control_connections_address(make_server, host):
    """EPSV names only a port (RFC 2428): the diagnosis, ``-v``'s exchange and the window's transcript say so,
    never "advertised HOST:PORT"."""
    server = make_server(host)
    code, out, err = run("-v", "diagnose", _url(server), "--timeout", "5", env=LOGIN)
    assert code == 0, err
    passive = out.split("passive", 1)[1].split("active", 1)[0]
    assert "EPSV" in passive and "advertised" not in passive, out
    assert re.search(r"reply named port \d+ \(on the control connection's address\)", passive)
    epsv = [line for line in err.splitlines() if "data EPSV" in line]
    assert epsv and not any("advertised" in line for line in epsv), err
    assert all("on the control connection's address" in line for line in epsv)
    pasv = [line for line in err.splitlines() if "data PASV" in line]
    assert all("advertised" in line for line in pasv) and (pasv or ":" in host)  # (PASV names one; no PASV on IPv6)
    event = DataChannelPlanned(
        1, mode="passive", command="EPSV", argument="(|||5129|)", advertised=(host, 5129), target=(host, 5129)
    )
    line = transcript_line(event)
    assert "advertised" not in line and "port 5129 on the control connection's address" in line


def test_a_blocked_active_mode_is_not_pinned_on_this_computer(make_server):
    """Nothing arrived: this computer's firewall kept it out, or the server's kept it in — both are said, with
    the server's outgoing rule too (QA blocked the server's egress and was told "On this computer: …")."""
    server = _blocked_active(make_server, "127.0.0.1", "425 Can't open data connection.")
    code, out, err = run("diagnose", _url(server), "--fix", "--timeout", "5", env=LOGIN)
    assert code == 0, err
    assert "On this computer: let the server connect in" not in out
    assert "On this computer or on the server" in out and "cannot tell which" in out
    assert "iptables -I OUTPUT -p tcp --dport 50000:50100" in out
    (fix,) = _fixes(server)
    assert fix["where"] == "either"


def test_pasv_address_says_ftpgui_copes_only_when_its_passive_worked(make_server):
    """PASV naming another address, and ftpgui's own PASV (to the address it reached) failing too: the note
    must not say "ftpgui copes"."""
    server = make_server(refuse=("EPSV",), replies={"PASV": "227 Entering Passive Mode (10,1,2,3,0,1)."})
    code, out, err = run("diagnose", _url(server), "--timeout", "5", env=LOGIN)
    assert code == 0, err  # (active mode works)
    note = next(line for line in out.splitlines() if line.startswith("Note:"))
    assert "PASV advertises 10.1.2.3" in note
    assert "copes" not in note and "failed too" in note
    _, out, _ = run("diagnose", _url(server), "--json", "--timeout", "5", env=LOGIN)
    (finding,) = json.loads(out)["findings"]
    assert finding["coped"] is False and "copes" not in finding["explanation"]


def test_diagnose_has_no_mode_option_it_would_ignore(make_server):
    """``diagnose --mode active`` was accepted and ignored (both modes are always tried): now a usage error;
    ``ls --mode`` stays."""
    server = make_server()
    code, out, err = run("diagnose", _url(server), "--mode", "active", "--timeout", "5", env=LOGIN)
    assert code == 2 and "--mode" in err and out == ""
    code, out, err = run("ls", _url(server), "--mode", "active", "--timeout", "5", env=LOGIN)
    assert code == 0, err
