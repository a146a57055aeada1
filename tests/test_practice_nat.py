"""The practice server's *Simulate NAT* (issue 21 item 7): EPSV refused, PASV naming a private address; ftpgui
connects to the address it reached, and the diagnosis reports the address with its fix."""

from __future__ import annotations

import pytest

from ftpgui.fixes import fixes_for
from ftpgui.ftp import FtpSession, SessionOptions
from ftpgui.ftp.diagnose import diagnose
from ftpgui.ftp.events import DataChannelPlanned
from ftpgui.practice import NAT_ADDRESS, PracticeServer


@pytest.fixture
def nat_server():
    with PracticeServer() as srv:
        srv.simulate_nat = True
        yield srv


def test_a_listing_goes_to_the_address_reached_not_the_one_advertised(nat_server):
    events = []
    with FtpSession(SessionOptions(timeout=5), events.append) as s:
        s.open(nat_server.host, nat_server.port, nat_server.user, nat_server.password)
        assert "README.txt" in {e.name for e in s.listdir()}
    (planned,) = [e for e in events if isinstance(e, DataChannelPlanned)]
    assert planned.command == "PASV" and planned.advertised[0] == NAT_ADDRESS
    assert planned.target[0] == "127.0.0.1"


def test_the_diagnosis_reports_the_nat_address_and_its_fix(nat_server):
    srv = nat_server
    d = diagnose(srv.host, srv.port, srv.user, srv.password, SessionOptions(timeout=5))
    assert d.passive.ok and d.passive.command == "PASV" and d.passive.cause == "nat-address"
    assert not d.probes["EPSV"].ok and d.probes["EPSV"].stage == "command"
    assert [(f.code, f.advertised[0], f.reached) for f in d.findings] == [("pasv-address", NAT_ADDRESS, "127.0.0.1")]
    (fix,) = fixes_for(d)
    assert fix.cause == "nat-address" and {s.kind: s.text for s in fix.snippets}["vsftpd"] == "pasv_address=127.0.0.1"


def test_switching_it_off_restores_epsv(nat_server):
    nat_server.simulate_nat = False
    d = diagnose(nat_server.host, nat_server.port, nat_server.user, nat_server.password, SessionOptions(timeout=5))
    assert d.passive.ok and d.passive.command == "EPSV" and d.findings == []


@pytest.mark.gui
def test_the_practice_bar_switches_it(qtbot):
    from ftpgui.ui.modepanel.practicebar import PracticeBar

    bar = PracticeBar()
    qtbot.addWidget(bar)
    assert bar.nat.text() == "Simulate NAT" and not bar.nat.isEnabled()
    assert bar.nat.toolTip().startswith("Simulation:")
    with qtbot.waitSignal(bar.started, timeout=20000):
        bar.button.click()
    try:
        assert bar.nat.isEnabled() and not bar.server.simulate_nat
        bar.nat.setChecked(True)
        assert bar.server.simulate_nat
    finally:
        with qtbot.waitSignal(bar.stopped, timeout=20000):
            bar.button.click()
