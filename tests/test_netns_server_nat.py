"""A server behind NAT with no public address configured (issue 21 item 1, its third case): vsftpd listens on
a private address in the server namespace, which forwards 192.0.2.1 to it one to one (DNAT in, SNAT out), as a
router in front of a server does. EPSV works (it names no address); PASV names the private address, which
ftpgui survives (it dials the address it reached) and reports, with the fix; the fix, applied, ends it."""

from __future__ import annotations

import os
import shutil

import pytest
from test_netns import SERVER_IP, WORKS, Lab, NetnsPair, _verdict
from test_netns_expert import diagnose, fix, snippet

from conftest import need
from daemons import start_vsftpd, vsftpd_usable

PRIVATE_SERVER_IP = "10.0.0.1"


@pytest.fixture
def natted(tmp_path_factory):
    """``natted(extra)``: vsftpd on 10.0.0.1 behind a one-to-one NAT for 192.0.2.1 (restarted on each call)."""
    need(os.geteuid() == 0, "network namespaces need root")
    need(shutil.which("iptables") is not None, "iptables (Debian package iptables) is not installed")
    need(vsftpd_usable(), "vsftpd is not installed (apt-get install vsftpd) or the tests are not root")
    pair = NetnsPair()
    daemons = []
    try:
        pair.create()
        pair.run(pair.server, ["ip", "addr", "add", f"{PRIVATE_SERVER_IP}/32", "dev", "lo"])
        dnat = ["-t", "nat", "-A", "PREROUTING", "-d", SERVER_IP, "-p", "tcp", "-j", "DNAT"]
        snat = ["-t", "nat", "-A", "POSTROUTING", "-s", PRIVATE_SERVER_IP, "-j", "SNAT"]
        pair.iptables(pair.server, [*dnat, "--to-destination", PRIVATE_SERVER_IP], [*snat, "--to-source", SERVER_IP])

        def start(extra: str = "") -> Lab:
            for daemon in daemons:
                daemon.stop()
            base = tmp_path_factory.mktemp("netns-vsftpd-natted")
            daemons.append(start_vsftpd(base, PRIVATE_SERVER_IP, extra, netns=pair.server))
            return Lab(pair, daemons[-1])  # reached at 192.0.2.1, the NAT's public address

        yield start
    finally:
        for daemon in daemons:
            daemon.stop()
        pair.remove()


def test_a_server_behind_nat_with_no_address_set_is_reported_and_the_fix_works(natted):
    lab_ = natted()
    doc = diagnose(lab_)
    assert _verdict(doc, "passive") == WORKS and doc["modes"]["passive"]["command"] == "EPSV"
    pasv = doc["probes"]["PASV"]
    assert pasv["ok"] and pasv["advertised"][0] == PRIVATE_SERVER_IP and pasv["dialled"][0] == SERVER_IP
    assert [(f["code"], f["advertised"][0], f["reached"]) for f in doc["findings"]] == [
        ("pasv-address", PRIVATE_SERVER_IP, SERVER_IP)
    ]
    assert doc["findings"][0]["explanation"].startswith(
        f"PASV advertises {PRIVATE_SERVER_IP}, not the address you reached ({SERVER_IP})"
    )
    assert _verdict(doc, "active") == WORKS  # (the NAT's SNAT: the server's connection back leaves as 192.0.2.1)
    nat = fix(doc, "nat-address")
    assert snippet(nat, "vsftpd") == f"pasv_address={SERVER_IP}"
    lab_ = natted(snippet(nat, "vsftpd"))  # the generated line, applied
    doc = diagnose(lab_)
    assert doc["findings"] == [] and doc["probes"]["PASV"]["advertised"][0] == SERVER_IP
    assert doc["fixes"] == []
