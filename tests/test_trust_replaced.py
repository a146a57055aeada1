"""Trusting a server's new certificate replaces the one trusted before (design note 173). Found by QA: with A
trusted for a server that then showed B, "Certificate changed … Always trust" kept both A and B in
trusted-certificates.json, so when the server went back to A (the attacker's certificate, or the old key that
leaked) nothing was asked; ``ftpgui-cli --trust-fingerprint`` did the same. Now B replaces A for that host and
port — in the file, and in the store a running session holds (it reads the file again) — unless the person
names both at once (``--trust-fingerprint A --trust-fingerprint B``: a pool of machines behind one address).
Preferences → Security lists the certificates trusted, and Forget makes a server's certificate asked about again.

Real TLS servers: pyftpdlib's TLS handler with certificates of a test CA the client does not trust (so each is
an unverifiable certificate, as a self-signed one is), started again on the same port with the other one."""

from __future__ import annotations

import json

import pytest
from PySide6.QtWidgets import QApplication, QLabel
from test_tls import sha256

from ftpgui.sites.trust import TrustStore
from ftpgui.ui.dialogs import CertificateDialog
from ftpgui.ui.main_window import MainWindow
from ftpgui.ui.preferences_dialog import PreferencesDialog

from guihelpers import WAIT, type_in
from test_cli import run


def trusted_file(folder) -> dict:
    path = folder / "trusted-certificates.json"
    return json.loads(path.read_text())["trusted"] if path.exists() else {}


def test_trusting_a_new_certificate_replaces_the_old_one_unless_named_together(tmp_path):
    a, b, c = (":".join([x] * 32) for x in ("AA", "BB", "CC"))
    path = tmp_path / "trusted.json"
    store, other = TrustStore(path), TrustStore(path)
    store.trust("ftp.example.org", 21, a)
    assert other.is_trusted("ftp.example.org", 21, a)  # (the other store has read the file now)
    store.trust("FTP.example.org", 21, b.replace(":", "").lower())
    assert not other.is_trusted("ftp.example.org", 21, a)  # read again: A is no longer trusted anywhere
    assert other.is_trusted("ftp.example.org", 21, b)
    store.trust("ftp.example.org", 21, a, keep=[b, c])  # a pool named together: both kept
    assert other.fingerprints("ftp.example.org", 21) == [a, b]
    store.add("ftp.example.org", 2121, c)
    assert store.entries() == [("ftp.example.org:21", a), ("ftp.example.org:21", b), ("ftp.example.org:2121", c)]
    other.forget("ftp.example.org:21", a)
    assert store.entries() == [("ftp.example.org:21", b), ("ftp.example.org:2121", c)]
    assert json.loads(path.read_text())["trusted"] == {"ftp.example.org:21": [b], "ftp.example.org:2121": [c]}


# --- ftpgui-cli ---------------------------------------------------------------------------------------------
def test_cli_trust_fingerprint_replaces_the_one_trusted_before(make_server, certs, tmp_path):
    first = make_server(tls_cert=certs.good)
    port, a, b = first.port, sha256(certs.good), sha256(certs.other)
    env = {"XDG_CONFIG_HOME": str(tmp_path / "config"), "HOME": str(tmp_path / "home")}
    folder = tmp_path / "config" / "ftpgui"
    url = first.url.replace("ftp://", "ftpes://") + "/"
    assert run("ls", url, "--trust-fingerprint", a, env=env)[0] == 0
    assert trusted_file(folder) == {f"127.0.0.1:{port}": [a]}
    first.stop()
    second = make_server(port=port, tls_cert=certs.other)  # the server now shows B
    code, _, changed = run("ls", url, env=env)
    assert code == 1 and "CHANGED" in changed
    assert run("ls", url, "--trust-fingerprint", b, env=env)[0] == 0
    assert trusted_file(folder) == {f"127.0.0.1:{port}": [b]}  # (the old code kept [a, b])
    assert run("ls", url, env=env)[0] == 0  # B remembered
    second.stop()
    make_server(port=port, tls_cert=certs.good)  # and back to A: asked about again
    code, _, err = run("ls", url, env=env)
    assert code == 1 and f"CHANGED - {b} was trusted" in err  # (the old code: 0, nothing asked)
    # a pool of two machines, each with its own certificate: named together, both are kept
    assert run("ls", url, "--trust-fingerprint", a, "--trust-fingerprint", b, env=env)[0] == 0
    assert trusted_file(folder) == {f"127.0.0.1:{port}": [a, b]}
    assert changed.rstrip().endswith(f"run again with --trust-fingerprint {b} (it replaces the one trusted before)")


def test_cli_servers_are_apart(make_server, certs, tmp_path):
    """Replacing is per host and port: another port's certificate stays trusted."""
    one, two = make_server(tls_cert=certs.good), make_server(tls_cert=certs.other)
    env = {"XDG_CONFIG_HOME": str(tmp_path / "config"), "HOME": str(tmp_path / "home")}
    for srv, pem in ((one, certs.good), (two, certs.other)):
        url = srv.url.replace("ftp://", "ftpes://") + "/"
        assert run("ls", url, "--trust-fingerprint", sha256(pem), env=env)[0] == 0
    assert trusted_file(tmp_path / "config" / "ftpgui") == {
        f"127.0.0.1:{one.port}": [sha256(certs.good)],
        f"127.0.0.1:{two.port}": [sha256(certs.other)],
    }


# --- the window (conftest's, its config folder tmp_path/config) ---------------------------------------------
def connect(qtbot, window: MainWindow, port: int):
    """ftpes:// to 127.0.0.1:``port`` from the bar; the certificate question when one comes (else None, listed)."""
    if window.remote_browser.connection is not None and window.remote.path:
        window.disconnect_server()
        qtbot.waitUntil(lambda: not window.remote.path, timeout=WAIT)
    type_in(window, "ftpes://127.0.0.1", str(port))
    asked = lambda: isinstance(window.prompt, CertificateDialog) and window.prompt.isVisible()  # noqa: E731
    qtbot.waitUntil(lambda: asked() or window.remote.path == "/", timeout=WAIT)
    return window.prompt if asked() else None


def listed(qtbot, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: window.remote.path == "/" and not window.remote_browser.connection.busy, timeout=WAIT)


@pytest.mark.gui
def test_always_trusting_a_changed_certificate_forgets_the_old_one(qtbot, window, make_server, certs, tmp_path):
    config = tmp_path / "config"
    first = make_server(tls_cert=certs.good)
    port, a, b = first.port, sha256(certs.good), sha256(certs.other)
    dialog = connect(qtbot, window, port)
    assert dialog is not None and dialog.windowTitle() == "Unknown certificate"
    dialog.always_button.click()
    listed(qtbot, window)
    assert trusted_file(config) == {f"127.0.0.1:{port}": [a]}

    first.stop()
    second = make_server(port=port, tls_cert=certs.other)  # the server shows B now
    dialog = connect(qtbot, window, port)
    assert dialog is not None and dialog.windowTitle() == "Certificate changed"
    said_all = " ".join(label.text().replace("\n", ":") for label in dialog.findChildren(QLabel))
    assert a in said_all  # "Trusted before: A" (on two lines)
    said = getattr(dialog, "replaces", None) and dialog.replaces.text()
    dialog.always_button.click()
    listed(qtbot, window)
    assert trusted_file(config) == {f"127.0.0.1:{port}": [b]}  # (the old code kept both)
    trust = window.remote_browser.options.trust  # what this session's reconnections and transfers go by
    assert trust("127.0.0.1", port, b) and not trust("127.0.0.1", port, a)
    assert said == (
        f"“Always trust” replaces the certificate trusted before: the old one will no longer be accepted for "
        f"127.0.0.1 port {port}."
    )

    window.disconnect_server()
    second.stop()
    make_server(port=port, tls_cert=certs.good)  # back to A: asked again, as a change
    dialog = connect(qtbot, window, port)
    assert dialog is not None and dialog.windowTitle() == "Certificate changed"  # (the old code: listed, nothing asked)
    dialog.cancel_button.click()
    assert trusted_file(config) == {f"127.0.0.1:{port}": [b]}


@pytest.mark.gui
def test_preferences_list_the_trusted_certificates_and_forget_one(qtbot, window, make_server, certs, tmp_path):
    config = tmp_path / "config"
    srv = make_server(tls_cert=certs.good)
    fp = sha256(certs.good)
    TrustStore(config / "trusted-certificates.json").add("ftp.example.org", 21, ":".join(["AB"] * 32))
    connect(qtbot, window, srv.port).always_button.click()
    listed(qtbot, window)
    window.act_preferences.trigger()
    prefs = window.prompt
    assert isinstance(prefs, PreferencesDialog)
    prefs.pages.setCurrentIndex(prefs.pages.count() - 1)
    assert prefs.pages.tabText(prefs.pages.currentIndex()) == "Security"
    rows = [
        (prefs.trusted_list.topLevelItem(i).text(0), prefs.trusted_list.topLevelItem(i).text(1))
        for i in range(prefs.trusted_list.topLevelItemCount())
    ]
    assert rows == [("127.0.0.1:" + str(srv.port), fp), ("ftp.example.org:21", ":".join(["AB"] * 32))]
    assert not prefs.forget_trusted.isEnabled()
    prefs.trusted_list.setCurrentItem(prefs.trusted_list.topLevelItem(0))
    prefs.forget_trusted.click()
    assert prefs.trusted_list.topLevelItemCount() == 1 and f"127.0.0.1:{srv.port}" in trusted_file(config)
    prefs.buttons.accepted.emit()  # OK: forgotten now
    qtbot.waitUntil(lambda: not prefs.isVisible(), timeout=WAIT)
    assert trusted_file(config) == {"ftp.example.org:21": [":".join(["AB"] * 32)]}
    dialog = connect(qtbot, window, srv.port)  # asked about again, as a first certificate
    assert dialog is not None and dialog.windowTitle() == "Unknown certificate"
    dialog.cancel_button.click()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT)
    assert QApplication.activeModalWidget() is None
