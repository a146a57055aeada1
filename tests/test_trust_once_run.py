""" "Trust once" lasts until the app closes, and both certificate questions say what their buttons do (design note
405, found by QA: the first-time question did not explain "Trust once" / "Always trust", and a certificate trusted
once was asked about again after Disconnect and Connect in the same run — FileZilla keeps it for the session).

Real TLS servers (pyftpdlib's TLS handler, certificates of a test CA the client does not trust), the real window
from the bar and its Disconnect action; nothing trusted once is ever written to trusted-certificates.json."""

from __future__ import annotations

import pytest
from test_certificate_width import assert_sensible, question
from test_tls import sha256
from test_trust_replaced import connect, listed, trusted_file

from ftpgui.sites.trust import RunTrust, TrustStore

from guihelpers import WAIT, close_window, open_window

pytestmark = pytest.mark.gui


def disconnect(qtbot, window) -> None:
    window.act_disconnect.trigger()
    qtbot.waitUntil(lambda: not window.remote.path and not window.remote_browser.closing, timeout=WAIT)


def test_trust_once_lasts_until_the_app_closes_and_is_never_saved(qtbot, window, make_server, certs, tmp_path):
    config = tmp_path / "config"
    srv = make_server(tls_cert=certs.good)
    fingerprint = sha256(certs.good)
    dialog = connect(qtbot, window, srv.port)
    assert dialog is not None and dialog.windowTitle() == "Unknown certificate"
    assert dialog.buttons_said.text() == (
        "“Trust once”: trusted until ftpgui closes, not saved. “Always trust”: saved, not asked again."
    )
    dialog.once_button.click()
    listed(qtbot, window)
    assert not (config / "trusted-certificates.json").exists()

    disconnect(qtbot, window)
    assert connect(qtbot, window, srv.port) is None  # no question: listed (the old code asked again)
    listed(qtbot, window)
    disconnect(qtbot, window)
    assert not (config / "trusted-certificates.json").exists() and trusted_file(config) == {}
    assert not TrustStore().is_trusted(srv.host, srv.port, fingerprint)
    assert window.run_trust().is_trusted(srv.host, srv.port, fingerprint)
    assert not RunTrust().is_trusted(srv.host, srv.port, fingerprint)  # another run's: empty

    again = open_window(qtbot)  # a new app (its own window, as each run has): asked again
    try:
        dialog = connect(qtbot, again, srv.port)
        assert dialog is not None and dialog.windowTitle() == "Unknown certificate"
        dialog.cancel_button.click()
    finally:
        close_window(qtbot, again)


def test_always_trust_forgets_the_one_trusted_once(qtbot, window, make_server, certs, tmp_path):
    """The server's certificate changed after one was trusted once: asked as a change (it names the one trusted
    once), and "Always trust" replaces it in memory too — the old one is asked about again."""
    first = make_server(tls_cert=certs.good)
    port, a, b = first.port, sha256(certs.good), sha256(certs.other)
    connect(qtbot, window, port).once_button.click()
    listed(qtbot, window)
    disconnect(qtbot, window)
    first.stop()
    second = make_server(port=port, tls_cert=certs.other)
    dialog = connect(qtbot, window, port)
    assert dialog is not None and dialog.windowTitle() == "Certificate changed"
    assert dialog.buttons_said.text() == "“Trust once”: the new one is trusted until ftpgui closes, and not saved."
    dialog.always_button.click()
    listed(qtbot, window)
    assert trusted_file(tmp_path / "config") == {f"127.0.0.1:{port}": [b]}
    assert not window.run_trust().is_trusted("127.0.0.1", port, a)
    disconnect(qtbot, window)
    second.stop()
    make_server(port=port, tls_cert=certs.good)
    dialog = connect(qtbot, window, port)
    assert dialog is not None and dialog.windowTitle() == "Certificate changed"
    dialog.cancel_button.click()


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_both_questions_say_their_buttons_and_fit_at_1366x768(qtbot, request, language, window, make_server, certs):
    if language == "zh_CN":
        request.getfixturevalue("chinese")
    srv = make_server(tls_cert=certs.self_signed)
    for changed in (False, True):
        if changed:
            TrustStore().add(srv.host, srv.port, ":".join(["AB"] * 32))
        dialog = question(qtbot, window, srv)
        assert dialog.changed == changed and dialog.buttons_said.isVisible()
        assert ("仅本次信任" if language == "zh_CN" else "Trust once") in dialog.buttons_said.text()
        assert_sensible(dialog, f"certificate-buttons-{'changed-' if changed else ''}{language}")
        assert dialog.height() <= 768 - 80  # (a taskbar and the title bar)
        dialog.cancel_button.click()
        qtbot.waitUntil(lambda: window.prompt is None or not window.prompt.isVisible(), timeout=WAIT)
