"""The GUI's diagnosis in the lab (issue 21, "Done when"): the mode panel's *Diagnose this server* names the
right cause in each real set-up of ``test_netns.py`` / ``test_netns_expert.py``, in its lines, its findings
and its *How to fix*.

The panel runs the diagnosis on its own worker thread as always; that thread first joins the client's
network namespace (``setns``, which on Linux moves only the calling thread), so every packet of the diagnosis
goes through the lab's real veth pair and firewalls, as if the whole GUI ran in the client namespace.
"""

from __future__ import annotations

import ctypes
import os

import pytest
from test_modepanel import panel  # noqa: F401  (a fixture)
from test_netns import (  # noqa: F401  (lab is a fixture)
    SERVER_IP,
    lab,
    server_admits_only_control,
    server_ftp_helper,
)
from test_netns_expert import _second_address_for_data, _tls_lines, lab_certs  # noqa: F401

import ftpgui.ftp.diagnose as diagnose_module
from ftpgui.ftp import SessionOptions

pytestmark = pytest.mark.gui
CLONE_NEWNET = 0x40000000
TIMEOUT = 3.0


def _join(ns: str) -> None:
    """Move the calling thread into network namespace ``ns`` (made by ``ip netns add``)."""
    libc = ctypes.CDLL(None, use_errno=True)
    fd = os.open(f"/run/netns/{ns}", os.O_RDONLY)
    try:
        if libc.setns(fd, CLONE_NEWNET) != 0:
            err = ctypes.get_errno()
            raise OSError(err, os.strerror(err))
    finally:
        os.close(fd)


def diagnose_from_client(qtbot, panel, monkeypatch, lab_, **options):  # noqa: F811
    """Click *Diagnose this server* for the lab's daemon, the panel's worker thread in the client namespace."""
    real = diagnose_module.diagnose

    def in_client_namespace(*args, **kwargs):
        _join(lab_.pair.client)
        return real(*args, **kwargs)

    monkeypatch.setattr(diagnose_module, "diagnose", in_client_namespace)
    d = lab_.daemon
    panel.set_diagnose_target(SERVER_IP, d.port, d.user, d.password, SessionOptions(timeout=TIMEOUT, **options))
    with qtbot.waitSignal(panel.diagnosis.finished, timeout=120000) as done:
        panel.diagnosis.button.click()
    found = done.args[0]
    assert found is not None, panel.diagnosis.summary.text()
    bar = panel.diagnosis
    return found, bar.lines["passive"].text(), bar.lines["active"].text(), [f.cause for f in bar.fixes.fixes]


@pytest.mark.parametrize(
    ("server", "setting"), [("vsftpd", "pasv_address=192.0.2.99"), ("proftpd", "MasqueradeAddress 192.0.2.99")]
)
def test_a_wrong_pasv_address_is_shown_with_its_fix(qtbot, panel, monkeypatch, lab, server, setting):  # noqa: F811
    found, passive, _, fixes = diagnose_from_client(qtbot, panel, monkeypatch, lab(server, setting))
    assert found.passive.ok and [f.code for f in found.findings] == ["pasv-address"]
    assert panel.diagnosis.findings.isVisible()
    assert panel.diagnosis.findings.text().startswith(
        f"PASV advertises 192.0.2.99, not the address you reached ({SERVER_IP}); clients that use PASV"
    )
    assert passive.startswith("Passive: works.") and fixes == ["nat-address"]


def test_vsftpds_illegal_port_is_client_nat(qtbot, panel, monkeypatch, lab):  # noqa: F811
    found, _, active, fixes = diagnose_from_client(
        qtbot, panel, monkeypatch, lab(), active_external_address="192.0.2.77"
    )
    assert (found.active.stage, found.active.cause) == ("command", "client-nat")
    assert "fails at the “command” stage (the client is behind NAT)" in active
    assert "Our PORT/EPRT named 192.0.2.77" in active and "Passive mode works with this server: use it." in active
    assert "client-nat" in fixes


def test_a_data_connection_from_another_address_is_foreign_address(qtbot, panel, monkeypatch, lab):  # noqa: F811
    lab_ = lab()
    _second_address_for_data(lab_)
    found, passive, _, fixes = diagnose_from_client(qtbot, panel, monkeypatch, lab_)
    assert (found.passive.stage, found.passive.cause) == ("connect", "foreign-address")
    assert "(the data connection came from another address)" in passive and "firewall" not in passive.lower()
    assert "foreign-address" in fixes


def test_a_server_firewall_is_hedged(qtbot, panel, monkeypatch, lab):  # noqa: F811
    lab_ = lab()
    server_admits_only_control(lab_.pair)
    found, passive, active, fixes = diagnose_from_client(qtbot, panel, monkeypatch, lab_)
    assert (found.passive.stage, found.passive.cause) == ("connect", "server-firewall")
    assert "(likely a firewall at the server)" in passive
    assert "most likely a firewall, or a routing problem" in passive
    assert active.startswith("Active: works.") and fixes == ["server-firewall"]


def test_tls_behind_an_ftp_helper_is_tls_helper(qtbot, panel, monkeypatch, lab, lab_certs):  # noqa: F811
    pem, _ = lab_certs
    lab_ = lab("vsftpd", _tls_lines(pem))
    server_admits_only_control(lab_.pair)
    server_ftp_helper(lab_.pair)
    ca = os.path.join(os.path.dirname(pem), "ca.pem")
    found, passive, _, fixes = diagnose_from_client(qtbot, panel, monkeypatch, lab_, tls="require", ca_file=ca)
    assert (found.passive.stage, found.passive.cause) == ("connect", "tls-helper") and found.plain_passive.ok
    assert "(a firewall's FTP helper cannot see through TLS)" in passive
    assert "under TLS it can't read them — open a fixed passive port range instead" in passive
    assert fixes == ["tls-helper"]
    step = panel.current_step()  # the picture: the TLS attempt stopped, named as the diagnosis names it
    assert step.exchange.failure[:2] == ("connect", "tls-helper")
