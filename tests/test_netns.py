"""Real firewalls: a real daemon in one network namespace, the client in another, joined by a veth pair.

Addresses come from 192.0.2.0/24 (TEST-NET-1), the namespaces have no route out, every iptables rule is
made inside them, and both namespaces are removed afterwards (also when a test fails). The client is
``ftpgui-cli diagnose --json`` (or the engine in ``netns_client.py``) run through ``ip netns exec``, so
what it reports comes from real dropped packets, not from a server told to refuse.
"""

from __future__ import annotations

import json
import os
import random
import secrets
import shutil
import subprocess
import sys
from pathlib import Path
from typing import List

import pytest

from conftest import need
from daemons import Daemon, start_proftpd, start_vsftpd, unpacked, vsftpd_usable

SERVER_IP, CLIENT_IP = "192.0.2.1", "192.0.2.2"
TIMEOUT = "3"  # seconds: a dropped SYN costs this long, so keep it short
REPO = Path(__file__).resolve().parent.parent


class NetnsPair:
    """Two network namespaces (server, client) joined by a veth pair; no other interface, no route out."""

    def __init__(self) -> None:
        tag = f"{os.getpid()}-{secrets.token_hex(3)}"
        self.server = f"ftpgui-s-{tag}"
        self.client = f"ftpgui-c-{tag}"
        veth = secrets.token_hex(4)  # interface names are at most 15 characters
        self._veth = (f"fs{veth}", f"fc{veth}")
        self.created: List[str] = []

    def create(self) -> None:
        for ns in (self.server, self.client):
            _ip("netns", "add", ns)
            self.created.append(ns)
        s_if, c_if = self._veth
        _ip("link", "add", s_if, "netns", self.server, "type", "veth", "peer", "name", c_if, "netns", self.client)
        for ns, ifname, addr in ((self.server, s_if, SERVER_IP), (self.client, c_if, CLIENT_IP)):
            _ip("-n", ns, "addr", "add", f"{addr}/24", "dev", ifname)
            _ip("-n", ns, "link", "set", ifname, "up")
            _ip("-n", ns, "link", "set", "lo", "up")

    def remove(self) -> None:
        for ns in reversed(self.created):
            subprocess.run(["ip", "netns", "del", ns], capture_output=True, timeout=60)
        self.created.clear()

    def routes(self, ns: str) -> str:
        return _ip("-n", ns, "route", "show").stdout

    def iptables(self, ns: str, *rules: List[str]) -> None:
        """Firewall rules inside namespace ``ns`` only."""
        for rule in rules:
            run = self.run(ns, ["iptables", "-w", *rule], check=False)
            need(run.returncode == 0, f"iptables {' '.join(rule)} failed in a namespace: {run.stderr.strip()}")

    def run(self, ns: str, argv: List[str], check: bool = True, timeout: float = 120) -> subprocess.CompletedProcess:
        env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(REPO), str(REPO / "tests")]))
        return subprocess.run(
            ["ip", "netns", "exec", ns, *argv], capture_output=True, text=True, check=check, timeout=timeout, env=env
        )


def _ip(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["ip", *args], capture_output=True, text=True, check=True, timeout=60)


# --- the firewalls ------------------------------------------------------------------------------------
ACCEPT_LOOPBACK = ["-A", "INPUT", "-i", "lo", "-j", "ACCEPT"]
ACCEPT_REPLIES = ["-A", "INPUT", "-m", "conntrack", "--ctstate", "ESTABLISHED,RELATED", "-j", "ACCEPT"]
DROP_THE_REST = ["-P", "INPUT", "DROP"]


def server_admits_only_control(pair: NetnsPair) -> None:
    """The server's firewall: port 21 and the replies to its own connections, nothing else."""
    control = ["-A", "INPUT", "-p", "tcp", "--dport", "21", "-j", "ACCEPT"]
    pair.iptables(pair.server, ACCEPT_LOOPBACK, ACCEPT_REPLIES, control, DROP_THE_REST)


def server_ftp_helper(pair: NetnsPair) -> None:
    """The FTP conntrack helper reads PASV/EPSV replies on port 21 and makes their data port RELATED."""
    helper = ["-t", "raw", "-A", "PREROUTING", "-p", "tcp", "--dport", "21", "-j", "CT", "--helper", "ftp"]
    pair.iptables(pair.server, helper)


def client_drops_incoming(pair: NetnsPair) -> None:
    """The client's firewall: only the replies to connections it made itself come in."""
    pair.iptables(pair.client, ACCEPT_LOOPBACK, ACCEPT_REPLIES, DROP_THE_REST)


# --- fixtures -----------------------------------------------------------------------------------------
class Lab:
    """A namespace pair with a daemon in the server namespace."""

    def __init__(self, pair: NetnsPair, daemon: Daemon):
        self.pair = pair
        self.daemon = daemon

    @property
    def url(self) -> str:
        return f"ftp://{SERVER_IP}:{self.daemon.port}{self.daemon.remote_dir}/"

    def diagnose(self, *options: str) -> dict:
        argv = [sys.executable, "-m", "ftpgui.cli", "--timeout", TIMEOUT, "diagnose", self.url, "--json", *options]
        run = self.pair.run(self.pair.client, argv, check=False)
        assert run.returncode in (0, 1), run.stderr
        doc = json.loads(run.stdout)
        assert run.returncode == (0 if doc["recommended"] else 1)
        return doc

    def transfer(self, mode: str, local_dir: Path) -> dict:
        """Download a file in ``mode`` and upload it back, with the engine running in the client namespace."""
        argv = [sys.executable, str(REPO / "tests" / "netns_client.py"), SERVER_IP, str(self.daemon.port)]
        argv += [self.daemon.user, mode, TIMEOUT, f"{self.daemon.remote_dir}/file.bin", str(local_dir)]
        run = self.pair.run(self.pair.client, argv, check=False)
        assert run.stdout, run.stderr
        return json.loads(run.stdout)


@pytest.fixture
def lab(tmp_path_factory):
    """``lab(server, extra)``: a fresh namespace pair with vsftpd (or proftpd) listening on 192.0.2.1:21."""
    need(os.geteuid() == 0, "network namespaces need root")
    need(shutil.which("ip") is not None, "ip (Debian package iproute2) is not installed")
    need(shutil.which("iptables") is not None, "iptables (Debian package iptables) is not installed")
    pairs: List[NetnsPair] = []
    daemons: List[Daemon] = []

    def make(server: str = "vsftpd", extra: str = "") -> Lab:
        pair = NetnsPair()
        pairs.append(pair)
        try:
            pair.create()
        except subprocess.CalledProcessError as exc:
            need(False, f"{' '.join(exc.cmd)} failed: {exc.stderr.strip()}")
        base = tmp_path_factory.mktemp(f"netns-{server}")
        if server == "vsftpd":
            need(vsftpd_usable(), "vsftpd is not installed (apt-get install vsftpd) or the tests are not root")
            daemon = start_vsftpd(base, SERVER_IP, extra, netns=pair.server)
        else:
            binary, why = unpacked("proftpd")
            need(binary is not None, why)
            daemon = start_proftpd(base, SERVER_IP, extra, netns=pair.server)
        daemons.append(daemon)
        return Lab(pair, daemon)

    try:
        yield make
    finally:
        for daemon in daemons:
            daemon.stop()
        for pair in pairs:
            pair.remove()


def _verdict(doc: dict, mode: str) -> tuple:
    m = doc["modes"][mode]
    return m["ok"], m["stage"], m["cause"]


WORKS = (True, None, None)


# --- the cases ----------------------------------------------------------------------------------------
def test_namespaces_are_isolated_and_removed(lab):
    lab_ = lab()
    pair = lab_.pair
    for ns in (pair.server, pair.client):
        routes = pair.routes(ns)
        assert "default" not in routes and routes.strip().startswith("192.0.2.0/24")  # no route out
    out = pair.run(pair.client, ["ip", "-o", "addr", "show"]).stdout
    assert f"inet {CLIENT_IP}/24" in out and "127.0.0.1/8" in out and out.count(" inet ") == 2
    listed = _ip("netns", "list").stdout
    assert pair.server in listed and pair.client in listed


def test_no_firewall_both_modes_work(lab):
    doc = lab().diagnose()
    assert _verdict(doc, "passive") == WORKS and _verdict(doc, "active") == WORKS
    assert doc["recommended"] == "passive"
    assert doc["control"]["local"][0] == CLIENT_IP and doc["control"]["remote"] == [SERVER_IP, 21]
    passive, active = doc["modes"]["passive"], doc["modes"]["active"]
    assert passive["data"]["dialer"] == "client" and passive["data"]["remote"][0] == SERVER_IP
    assert active["data"]["dialer"] == "server" and active["data"]["local"][0] == CLIENT_IP
    assert active["command"].startswith("EPRT |1|192.0.2.2|")


def test_server_firewall_breaks_passive_only(lab):
    lab_ = lab()
    server_admits_only_control(lab_.pair)
    doc = lab_.diagnose()
    assert _verdict(doc, "passive") == (False, "connect", "server-firewall")
    assert _verdict(doc, "active") == WORKS
    assert doc["recommended"] == "active"
    assert doc["modes"]["passive"]["dialled"][0] == SERVER_IP
    assert "timed out" in doc["modes"]["passive"]["detail"]  # dropped, not refused


def test_client_firewall_breaks_active_only(lab):
    lab_ = lab()
    client_drops_incoming(lab_.pair)
    doc = lab_.diagnose()
    assert _verdict(doc, "passive") == WORKS
    assert _verdict(doc, "active") == (False, "accept", "client-firewall")
    assert doc["recommended"] == "passive"


def test_a_private_address_advertised_to_a_public_server_is_client_nat(lab):
    """Behind a home router the client's own address is private (10.x) and the server, across the internet,
    cannot reach it: active mode fails although no firewall is in the way. The namespaces' 192.0.2.0/24 is
    not private, so the client advertising 10.0.0.2 (as a NATed client does) is the real situation; vsftpd
    is told to accept a PORT naming another address (port_promiscuous), as servers behind NAT do."""
    doc = lab("vsftpd", "port_promiscuous=YES").diagnose("--active-address", "10.0.0.2")
    assert _verdict(doc, "passive") == WORKS
    assert _verdict(doc, "active") == (False, "accept", "client-nat")
    assert doc["modes"]["active"]["advertised"] is None  # (advertised is reported for passive only)
    assert "10,0,0,2" in doc["modes"]["active"]["command"] or "|10.0.0.2|" in doc["modes"]["active"]["command"]
    assert "private address" in doc["modes"]["active"]["explanation"]
    assert doc["recommended"] == "passive"


def test_vsftpd_refusing_a_port_that_names_another_address_is_client_nat(lab):
    """The same client without port_promiscuous (vsftpd's default): vsftpd answers "500 Illegal PORT
    command." because PORT names 10.0.0.2, not the address the control connection comes from — the signature
    of a client behind NAT with no FTP helper, which ftpgui says instead of "the server disables active mode"
    (issue 16, item 6). diagnose reads the reply: client-nat, with both addresses (issue 21, item 2); a live
    session's engine calls it client-nat too, in the same words (without the addresses)."""
    doc = lab("vsftpd").diagnose("--active-address", "10.0.0.2")
    assert _verdict(doc, "passive") == WORKS
    assert _verdict(doc, "active") == (False, "command", "client-nat")
    assert "Illegal" in doc["modes"]["active"]["reply"]
    explanation = doc["modes"]["active"]["explanation"]
    assert "behind NAT with no FTP helper rewriting PORT" in explanation and "named 10.0.0.2" in explanation
    assert "disable" not in explanation
    assert explanation.endswith("Passive mode works with this server: use it.")


def test_both_firewalls_break_both_modes(lab):
    lab_ = lab()
    server_admits_only_control(lab_.pair)
    client_drops_incoming(lab_.pair)
    doc = lab_.diagnose()
    assert _verdict(doc, "passive") == (False, "connect", "server-firewall")
    assert _verdict(doc, "active") == (False, "accept", "client-firewall")
    assert doc["recommended"] is None


def test_server_firewall_with_the_ftp_conntrack_helper_lets_both_through(lab):
    lab_ = lab()
    server_admits_only_control(lab_.pair)
    server_ftp_helper(lab_.pair)
    doc = lab_.diagnose()
    assert _verdict(doc, "passive") == WORKS and _verdict(doc, "active") == WORKS
    assert doc["recommended"] == "passive"
    # the same firewall without the helper really does block passive mode (see above); here the
    # helper's expectation is what let the data connection in
    rules = lab_.pair.run(lab_.pair.server, ["iptables", "-t", "raw", "-S"]).stdout
    assert "--helper ftp" in rules


def test_wrong_passive_address_is_dialled_at_the_control_peer(lab):
    # proftpd, because it can refuse EPSV (whose reply carries no address) and so must answer PASV
    lab_ = lab("proftpd", "MasqueradeAddress 192.0.2.99\n<Limit EPSV>\n  DenyAll\n</Limit>")
    doc = lab_.diagnose()
    passive = doc["modes"]["passive"]
    assert _verdict(doc, "passive") == (True, None, "nat-address")
    assert passive["command"] == "PASV" and passive["reply"].startswith("227")
    assert passive["advertised"][0] == "192.0.2.99" and passive["dialled"][0] == SERVER_IP
    assert _verdict(doc, "active") == WORKS
    assert doc["recommended"] == "passive"


@pytest.mark.parametrize(
    ("server", "setting"),
    [("vsftpd", "pasv_address=192.0.2.99"), ("proftpd", "MasqueradeAddress 192.0.2.99")],
)
def test_a_wrong_pasv_address_is_reported_even_when_epsv_works(lab, server, setting):
    doc = lab(server, setting).diagnose()
    assert _verdict(doc, "passive") == WORKS and doc["modes"]["passive"]["command"] == "EPSV"
    pasv = doc["probes"]["PASV"]
    assert pasv["ok"] and pasv["advertised"][0] == "192.0.2.99" and pasv["dialled"][0] == SERVER_IP
    assert [(f["code"], f["advertised"][0], f["reached"]) for f in doc["findings"]] == [
        ("pasv-address", "192.0.2.99", SERVER_IP)
    ]
    assert doc["findings"][0]["explanation"].startswith(
        f"PASV advertises 192.0.2.99, not the address you reached ({SERVER_IP}); clients that use PASV and trust "
        "its address will time out"
    )
    assert all(doc["probes"][c]["ok"] for c in ("EPSV", "EPRT", "PORT"))


def test_server_refusing_port_is_server_refused(lab):
    doc = lab("vsftpd", "port_enable=NO").diagnose()
    assert _verdict(doc, "passive") == WORKS
    assert _verdict(doc, "active") == (False, "command", "server-refused")
    assert doc["modes"]["active"]["reply"][:1] == "5"
    assert doc["recommended"] == "passive"


# --- auto mode ----------------------------------------------------------------------------------------
def _put(lab_: Lab) -> bytes:
    data = random.Random(11).randbytes(300_000)
    lab_.daemon.put_file("file.bin", data)
    return data


def _types(result: dict, name: str) -> List[dict]:
    return [e for e in result["events"] if e["type"] == name]


def _auto_round_trip(lab_: Lab, firewall, tmp_path: Path) -> dict:
    """Behind ``firewall``, an auto-mode download and upload must both complete byte-identically."""
    data = _put(lab_)
    firewall(lab_.pair)
    result = lab_.transfer("auto", tmp_path)
    assert result["ok"], result["error"]
    assert (tmp_path / "downloaded.bin").read_bytes() == data
    assert (lab_.daemon.writable / "file.bin.back").read_bytes() == data
    return result


def test_auto_falls_back_to_active_behind_a_server_firewall(lab, tmp_path):
    result = _auto_round_trip(lab(), server_admits_only_control, tmp_path)
    fallbacks = _types(result, "ModeFallback")
    assert [(f["from_mode"], f["to_mode"], f["cause"]) for f in fallbacks] == [("passive", "active", "server-firewall")]
    failed = _types(result, "DataFailed")
    assert [(f["stage"], f["cause"]) for f in failed] == [("connect", "server-firewall")]
    # after the fallback both data connections (download, upload) were dialled by the server
    assert [e["dialer"] for e in _types(result, "DataConnected")] == ["server", "server"]


def test_auto_behind_a_client_firewall_stays_passive(lab, tmp_path):
    result = _auto_round_trip(lab(), client_drops_incoming, tmp_path)
    # auto begins with passive, which this firewall lets through: nothing to fall back from
    assert _types(result, "ModeFallback") == [] and _types(result, "DataFailed") == []
    assert [e["dialer"] for e in _types(result, "DataConnected")] == ["client", "client"]


def test_active_mode_alone_fails_behind_a_client_firewall(lab, tmp_path):
    lab_ = lab()
    _put(lab_)
    client_drops_incoming(lab_.pair)
    result = lab_.transfer("active", tmp_path)
    assert not result["ok"] and result["error"].startswith("DataConnectionError")
    assert [(f["stage"], f["cause"]) for f in _types(result, "DataFailed")] == [("accept", "client-firewall")]
    assert not (tmp_path / "downloaded.bin").exists()


@pytest.mark.parametrize(
    "rule, cause",
    [
        (["-j", "DROP"], "timeout"),  # dropped: the connect waits for its timeout
        (["-j", "REJECT", "--reject-with", "tcp-reset"], "refused"),
        (["-j", "REJECT", "--reject-with", "icmp-host-unreachable"], "unreachable"),
    ],
    ids=["drop", "reset", "unreachable"],
)
def test_a_firewall_at_the_control_port_ends_the_connect_attempt(lab, tmp_path, rule, cause):
    """The control connection's attempt is reported before the connect (``ControlConnecting``) and its end
    from the real packets (``ControlConnectFailed``): dropped, refused or unreachable."""
    lab_ = lab()
    port = str(lab_.daemon.port)
    lab_.pair.iptables(lab_.pair.server, ["-A", "INPUT", "-p", "tcp", "--dport", port, *rule])
    result = lab_.transfer("passive", tmp_path)
    assert not result["ok"] and result["error"].startswith("ConnectError")
    assert [e["type"] for e in result["events"]] == ["ControlConnecting", "ControlConnectFailed"]
    dialled, failed = result["events"]
    assert dialled["remote"] == [SERVER_IP, lab_.daemon.port] and dialled["timeout"] == float(TIMEOUT)
    assert failed["remote"] == dialled["remote"] and failed["cause"] == cause
    if cause == "timeout":
        assert failed["at"] - dialled["at"] >= float(TIMEOUT) - 0.1 and "timed out after 3 s" in result["error"]
