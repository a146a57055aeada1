"""Diagnose like an expert (issue 21 items 2–4): the causes real daemons' replies name, plain against TLS
behind a firewall's FTP helper, and each generated fix applied to the broken lab until ``diagnose`` says
the mode works. Same lab as ``test_netns.py``: a real vsftpd in one namespace, ``ftpgui-cli`` in another.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import List, Optional

import pytest
from test_netns import (  # noqa: F401  (lab is a fixture)
    CLIENT_IP,
    SERVER_IP,
    TIMEOUT,
    WORKS,
    Lab,
    _verdict,
    client_drops_incoming,
    lab,
    server_admits_only_control,
    server_ftp_helper,
)

from daemons import start_vsftpd, vsftpd_tls

SECOND_CLIENT_IP = "192.0.2.3"


@pytest.fixture
def expert(lab, tmp_path_factory):  # noqa: F811
    """The ``lab`` fixture, plus restarting its vsftpd with more settings (the daemons are stopped after)."""
    started = []

    def restart(lab_: Lab, extra: str) -> None:
        lab_.daemon.stop()
        base = tmp_path_factory.mktemp("netns-vsftpd-fixed")
        lab_.daemon = start_vsftpd(base, SERVER_IP, extra, netns=lab_.pair.server)
        started.append(lab_.daemon)

    try:
        yield lab, restart
    finally:
        for daemon in started:
            daemon.stop()


def diagnose(lab_: Lab, *options: str, env: Optional[dict] = None) -> dict:
    """``ftpgui-cli diagnose --json --fix`` in the client namespace (``env`` added to its environment)."""
    argv = [sys.executable, "-m", "ftpgui.cli", "--timeout", TIMEOUT, "diagnose", lab_.url, "--json", "--fix"]
    argv += list(options)
    if env:
        argv = ["env", *(f"{k}={v}" for k, v in env.items()), *argv]
    run = lab_.pair.run(lab_.pair.client, argv, check=False)
    assert run.returncode in (0, 1), run.stderr
    return json.loads(run.stdout)


def fix(doc: dict, cause: str) -> dict:
    found = [f for f in doc["fixes"] if f["cause"] == cause]
    assert len(found) == 1, doc["fixes"]
    return found[0]


def snippet(fix_: dict, kind: str) -> str:
    return next(s["text"] for s in fix_["snippets"] if s["kind"] == kind)


def apply_iptables(lab_: Lab, ns: str, text: str) -> List[str]:
    """Run each ``iptables …`` line of a generated snippet, as written, inside namespace ``ns``."""
    rules = [line.split()[1:] for line in text.splitlines() if line.startswith("iptables ")]
    assert rules, text
    lab_.pair.iptables(ns, *rules)
    return [" ".join(r) for r in rules]


# --- item 2: causes read from the replies real daemons give ---------------------------------------------
def test_illegal_port_from_vsftpd_is_client_nat(lab):  # noqa: F811
    """vsftpd (port_promiscuous=NO, its default) refuses a PORT naming another address than the control
    connection's: what a client behind NAT without an FTP helper (or with a wrong external address) meets."""
    doc = diagnose(lab(), "--active-address", "192.0.2.77")
    active = doc["modes"]["active"]
    assert _verdict(doc, "active") == (False, "command", "client-nat")
    assert active["reply"].startswith("500 Illegal")
    assert active["nat"] == {"advertised": "192.0.2.77", "control_local": CLIENT_IP}
    assert "192.0.2.77" in active["explanation"] and CLIENT_IP in active["explanation"]
    assert "behind NAT" in active["explanation"]
    assert _verdict(doc, "passive") == WORKS and doc["recommended"] == "passive"
    nat = fix(doc, "client-nat")
    assert nat["where"] == "client" and "--active-address PUBLIC_IP" in snippet(nat, "ftpgui")


def _second_address_for_data(lab_: Lab) -> None:
    """The client gets a second address on its veth, and every connection it opens to the server other than
    the control connection leaves from it (SNAT): a multi-homed client or NAT with address pooling."""
    pair = lab_.pair
    pair.run(pair.client, ["ip", "addr", "add", f"{SECOND_CLIENT_IP}/24", "dev", pair._veth[1]])
    snat = ["-t", "nat", "-A", "POSTROUTING", "-p", "tcp", "-d", SERVER_IP, "!", "--dport", "21"]
    pair.iptables(pair.client, [*snat, "-j", "SNAT", "--to-source", SECOND_CLIENT_IP])


def test_passive_data_from_another_address_is_foreign_address_and_the_fix_works(expert):
    make, restart = expert
    lab_ = make()
    _second_address_for_data(lab_)
    doc = diagnose(lab_)
    passive = doc["modes"]["passive"]
    assert _verdict(doc, "passive") == (False, "connect", "foreign-address")
    assert "Bad IP" in passive["detail"] and passive["data"] is not None  # the server accepted, then rejected
    assert "firewall" not in passive["explanation"].lower()
    assert _verdict(doc, "active") == WORKS
    # the generated vsftpd line, applied: the server accepts the data connection from the other address
    restart(lab_, snippet(fix(doc, "foreign-address"), "vsftpd"))
    doc = diagnose(lab_)
    assert _verdict(doc, "passive") == WORKS


def test_a_timeout_is_hedged_and_the_generated_passive_range_fix_works(expert):
    """Server firewall admitting only 21: passive times out ("most likely a firewall, or a routing
    problem"); the generated vsftpd range and iptables rule, applied, make passive work."""
    make, restart = expert
    lab_ = make()
    server_admits_only_control(lab_.pair)
    doc = diagnose(lab_)
    passive = doc["modes"]["passive"]
    assert _verdict(doc, "passive") == (False, "connect", "server-firewall") and passive["timed_out"]
    assert "most likely a firewall, or a routing problem" in passive["explanation"]
    ranged = fix(doc, "server-firewall")
    assert ranged["where"] == "server"
    assert {"vsftpd", "proftpd", "pure-ftpd", "filezilla", "iis", "iptables", "nftables"} <= {
        s["kind"] for s in ranged["snippets"]
    }
    assert "PassivePorts 50000 50100" in snippet(ranged, "proftpd")
    assert snippet(ranged, "pure-ftpd") == "-p 50000:50100"
    apply_iptables(lab_, lab_.pair.server, snippet(ranged, "iptables"))
    restart(lab_, snippet(ranged, "vsftpd"))
    doc = diagnose(lab_)
    assert _verdict(doc, "passive") == WORKS
    assert 50000 <= doc["modes"]["passive"]["data"]["remote"][1] <= 50100


def test_the_generated_ftp_helper_rules_work_for_plain_ftp(lab):  # noqa: F811
    lab_ = lab()
    server_admits_only_control(lab_.pair)
    doc = diagnose(lab_)
    applied = apply_iptables(lab_, lab_.pair.server, snippet(fix(doc, "server-firewall"), "iptables-helper"))
    assert any("--helper ftp" in rule for rule in applied)
    doc = diagnose(lab_)
    assert _verdict(doc, "passive") == WORKS


def test_client_firewall_fix_names_the_range_and_the_generated_rule_works(lab):  # noqa: F811
    lab_ = lab()
    client_drops_incoming(lab_.pair)
    doc = diagnose(lab_)
    assert _verdict(doc, "active") == (False, "accept", "client-firewall") and doc["modes"]["active"]["timed_out"]
    assert "most likely a firewall, or a routing problem" in doc["modes"]["active"]["explanation"]
    own = fix(doc, "client-firewall")
    assert own["where"] == "either" and "firewalld" in {s["kind"] for s in own["snippets"]}  # (Linux here)
    apply_iptables(lab_, lab_.pair.client, snippet(own, "iptables"))
    words = snippet(own, "ftpgui").split()
    ftpgui_options = words[words.index("--active-port-range") :][:2]
    assert ftpgui_options == ["--active-port-range", "50000-50100"]
    doc = diagnose(lab_, *ftpgui_options)
    assert _verdict(doc, "active") == WORKS
    assert 50000 <= doc["modes"]["active"]["data"]["local"][1] <= 50100


def test_the_generated_pasv_address_fix_works(expert):
    make, restart = expert
    lab_ = make("vsftpd", "pasv_address=192.0.2.99")
    doc = diagnose(lab_)
    assert [f["code"] for f in doc["findings"]] == ["pasv-address"]
    nat = fix(doc, "nat-address")
    assert snippet(nat, "vsftpd") == f"pasv_address={SERVER_IP}"
    assert snippet(nat, "proftpd") == f"MasqueradeAddress {SERVER_IP}"
    assert snippet(nat, "pure-ftpd") == f"-P {SERVER_IP}"
    restart(lab_, "pasv_address=192.0.2.99\n" + snippet(nat, "vsftpd"))  # the later line wins
    doc = diagnose(lab_)
    assert doc["findings"] == [] and doc["probes"]["PASV"]["advertised"][0] == SERVER_IP
    assert doc["fixes"] == []


# --- item 3: TLS and the firewall's FTP helper ---------------------------------------------------------
def _tls_lines(pem: str) -> str:
    """vsftpd offering TLS (anonymous users may use it, and may also stay in clear)."""
    return "\n".join(
        [
            "ssl_enable=YES",
            f"rsa_cert_file={pem}",
            f"rsa_private_key_file={pem}",
            "allow_anon_ssl=YES",
            "force_anon_logins_ssl=NO",
            "force_anon_data_ssl=NO",
            "require_ssl_reuse=YES",
            "ssl_ciphers=HIGH",
        ]
    )


@pytest.fixture
def lab_certs(tmp_path):
    trustme = pytest.importorskip("trustme")
    ca = trustme.CA()
    pem = tmp_path / "server.pem"
    ca.issue_cert(SERVER_IP).private_key_and_cert_chain_pem.write_to_path(str(pem))
    ca.cert_pem.write_to_path(str(tmp_path / "ca.pem"))
    os.chmod(tmp_path, 0o755)
    env = {"SSL_CERT_FILE": str(tmp_path / "ca.pem"), "XDG_CONFIG_HOME": str(tmp_path / "config")}
    return str(pem), env


def test_tls_behind_an_ftp_helper_is_tls_helper_and_the_generated_range_fixes_it(expert, lab_certs):
    make, restart = expert
    pem, env = lab_certs
    lab_ = make("vsftpd", _tls_lines(pem))
    server_admits_only_control(lab_.pair)
    server_ftp_helper(lab_.pair)
    doc = diagnose(lab_, "--tls", "require", env=env)
    assert _verdict(doc, "passive") == (False, "connect", "tls-helper")
    assert doc["plain_passive"]["ok"]  # the same LIST in clear went through the helper
    assert (
        "under TLS it can't read them — open a fixed passive port range instead"
        in (doc["modes"]["passive"]["explanation"])
    )
    assert all(doc["probes"][c]["cause"] == "tls-helper" for c in ("EPSV", "PASV"))
    helper = fix(doc, "tls-helper")
    assert not any(s["kind"].endswith("-helper") for s in helper["snippets"])  # a helper can't help under TLS
    apply_iptables(lab_, lab_.pair.server, snippet(helper, "iptables"))
    restart(lab_, _tls_lines(pem) + "\n" + snippet(helper, "vsftpd"))
    doc = diagnose(lab_, "--tls", "require", env=env)
    assert _verdict(doc, "passive") == WORKS and "plain_passive" not in doc


def test_tls_passive_blocked_everywhere_is_not_blamed_on_the_helper(lab, lab_certs):  # noqa: F811
    pem, env = lab_certs
    lab_ = lab("vsftpd", _tls_lines(pem))
    server_admits_only_control(lab_.pair)  # no helper: plain passive is stopped too
    doc = diagnose(lab_, "--tls", "require", env=env)
    assert _verdict(doc, "passive") == (False, "connect", "server-firewall")
    assert doc["plain_passive"]["ok"] is False


def test_readme_example(expert):
    """The text output of a diagnosis with its fix (for the README): server firewall admitting only 21."""
    make, _ = expert
    lab_ = make()
    server_admits_only_control(lab_.pair)
    argv = [sys.executable, "-m", "ftpgui.cli", "--timeout", TIMEOUT, "diagnose", lab_.url, "--fix", "--tls", "off"]
    run = lab_.pair.run(lab_.pair.client, argv, check=False)
    assert run.returncode == 0, run.stderr
    assert "How to fix (server-firewall):" in run.stdout and "pasv_min_port=50000" in run.stdout
    Path(os.environ.get("FTPGUI_README_EXAMPLE", os.devnull)).write_text(run.stdout)


def test_a_server_requiring_tls_is_not_compared_in_clear(lab, lab_certs):  # noqa: F811
    """vsftpd refusing a login without TLS: the comparison cannot be made, the diagnosis still completes."""
    pem, env = lab_certs
    lab_ = lab("vsftpd", vsftpd_tls(Path(pem)))
    server_admits_only_control(lab_.pair)
    server_ftp_helper(lab_.pair)
    doc = diagnose(lab_, "--tls", "require", env=env)
    assert _verdict(doc, "passive") == (False, "connect", "server-firewall") and "plain_passive" not in doc
    assert _verdict(doc, "active") == WORKS


@pytest.mark.parametrize(("mode", "setting"), [("active", "port_enable=NO"), ("passive", "pasv_enable=NO")])
def test_the_generated_enable_line_works(expert, mode, setting):
    make, restart = expert
    lab_ = make("vsftpd", setting)
    doc = diagnose(lab_)
    assert _verdict(doc, mode) == (False, "command", "server-refused")
    line = snippet(fix(doc, "server-refused"), "vsftpd")
    assert line == setting.replace("NO", "YES")
    restart(lab_, f"{setting}\n{line}")  # the later line wins
    assert _verdict(diagnose(lab_), mode) == WORKS
