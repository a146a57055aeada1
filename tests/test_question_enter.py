"""Enter and Escape cancel a question whose other answers trust a certificate or send the account in plain
text (QA: Enter in "Certificate changed … This can be an attack" trusted the new certificate, the focus being
on "Trust once"; the same in "Unknown certificate" and in "Insecure FTP connection"; design note 315). The real
window and dialogs (pytest-qt), pyftpdlib with TLS and without; the key sent to the widget with the focus."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from ftpgui.sites.trust import TrustStore
from ftpgui.ui.dialogs import CertificateDialog, PlainFtpDialog

from ftpserver import PASSWORD
from guihelpers import WAIT, type_in

pytestmark = pytest.mark.gui

BEFORE = ":".join(["AB"] * 32)  # a certificate trusted before for the server's address


def question(qtbot, window, kind):
    qtbot.waitUntil(lambda: isinstance(window.prompt, kind) and window.prompt.isVisible(), timeout=WAIT)
    return window.prompt


def press(qtbot, dialog, key=Qt.Key.Key_Return) -> None:
    """The key, as the keyboard sends it: to the widget with the focus (the dialog's own if none has it)."""
    focused = QApplication.focusWidget()
    QTest.keyClick(focused if focused is not None and focused.window() is dialog else dialog, key)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT)


def enter_in(qtbot, window, kind, focus: str):
    """The question (a ``kind``) answered with Return, the focus as shown ("") or on its button ``focus``."""
    dialog = question(qtbot, window, kind)
    if focus:
        getattr(dialog, focus).setFocus()
    press(qtbot, dialog)
    qtbot.waitUntil(lambda: window.state_label.text() == "Not connected", timeout=WAIT)
    return dialog


def account_sent(srv) -> list:
    return [v for v in srv.record.verbs() if v in ("USER", "PASS")]


def trusted(config) -> dict:
    path = config / "trusted-certificates.json"
    return json.loads(path.read_text())["trusted"] if path.exists() else {}


@pytest.mark.parametrize("changed", [False, True], ids=["unknown", "changed"])
def test_enter_in_a_certificate_question_cancels(qtbot, window, make_server, certs, config, changed):
    srv = make_server(tls_cert=certs.self_signed)
    key = f"127.0.0.1:{srv.port}"
    if changed:
        TrustStore(config / "trusted-certificates.json").add("127.0.0.1", srv.port, BEFORE)
    before = trusted(config)
    for focus in ("", "once_button", "always_button"):  # (Tab to a trusting button, then Enter: no)
        type_in(window, f"ftpes://127.0.0.1:{srv.port}", password=PASSWORD)
        dialog = enter_in(qtbot, window, CertificateDialog, focus)
        assert dialog.changed is changed and dialog.choice == "cancel", focus
        assert not account_sent(srv) and trusted(config) == before, focus
    # Escape cancels too, and a click on Trust once still trusts (the key's answer is the safe one, not the only)
    type_in(window, f"ftpes://127.0.0.1:{srv.port}", password=PASSWORD)
    press(qtbot, question(qtbot, window, CertificateDialog), Qt.Key.Key_Escape)
    assert not account_sent(srv) and trusted(config).get(key) == before.get(key)
    type_in(window, f"ftpes://127.0.0.1:{srv.port}", password=PASSWORD)
    question(qtbot, window, CertificateDialog).once_button.click()
    qtbot.waitUntil(lambda: "PASS" in srv.record.verbs(), timeout=WAIT)


def test_enter_in_the_plain_ftp_question_sends_nothing(qtbot, window, make_server):
    """ "Connect without encryption" would send the user name and password in plain text: not on Enter."""
    srv = make_server()
    for focus in ("", "connect_button", "always"):
        type_in(window, srv.host, str(srv.port))
        assert enter_in(qtbot, window, PlainFtpDialog, focus).choice == "cancel", focus
        assert not account_sent(srv), focus
