"""A server's long text in the questions asked before anything is sent (design note 211, found by QA against a
hostile server): a certificate whose subject holds 10 KB with no space, a refusal of AUTH TLS 8,000 characters
long. A label breaks its lines only at spaces: the certificate question was 95,000 pixels wide and the plain-FTP
question 8,400, their buttons off the screen. Such text is said cut, free to break, and the questions fit."""

from __future__ import annotations

import datetime

import pytest
from PySide6.QtWidgets import QAbstractButton, QLabel

from ftpgui.ftp.errors import UntrustedCertificate
from ftpgui.ftp.safetext import shown
from ftpgui.practicetls import self_signed
from ftpgui.ui.dialogs import SERVER_SHOWN, CertificateDialog, PlainFtpDialog

from guihelpers import WAIT, type_in
from scripted import FakeTree, ScriptedServer, unix_listing

pytestmark = pytest.mark.gui
ZERO_WIDTH_SPACE = "\u200b"


def long_subject_certificate(folder) -> str:
    """A self-signed certificate for 127.0.0.1 whose organization is 10,000 letters with no space (a common
    name may hold at most 64)."""
    now = datetime.datetime.now(datetime.timezone.utc)
    pem, _ = self_signed("c" * 64, now - datetime.timedelta(days=1), now + datetime.timedelta(days=3), "O" * 10_000)
    path = folder / "long-subject.pem"
    path.write_bytes(pem)
    return str(path)


def question(qtbot, window, kind):
    qtbot.waitUntil(lambda: isinstance(window.prompt, kind) and window.prompt.isVisible(), timeout=WAIT)
    return window.prompt


def assert_reachable(dialog) -> None:
    """Every button of ``dialog`` is on the screen, and the dialog no taller than it."""
    screen = dialog.screen().availableGeometry()
    for button in dialog.findChildren(QAbstractButton):
        assert screen.contains(button.mapToGlobal(button.rect().center())), button.text()
    assert dialog.height() <= screen.height()


def test_a_certificate_with_a_10_kb_subject_is_asked_about_in_a_dialog_that_fits(qtbot, window, make_server, tmp_path):
    srv = make_server(tls_cert=long_subject_certificate(tmp_path))
    type_in(window, srv.host, str(srv.port))
    dialog = question(qtbot, window, CertificateDialog)
    info = dialog.info
    assert len(info.subject) > 10_000
    said = [label.text() for label in dialog.findChildren(QLabel)]
    subject = shown(info.subject)[:SERVER_SHOWN] + "…"
    assert [text.replace(ZERO_WIDTH_SPACE, "") for text in said].count(subject) == 2  # the subject and the issuer
    # no wider than the question about an ordinary certificate (its fingerprint is its widest line)
    facts = {key: getattr(info, key) for key in ("host", "port", "not_before", "not_after", "fingerprint", "reason")}
    ordinary = CertificateDialog(UntrustedCertificate(subject="CN=ftp.example.com", issuer="CN=Example CA", **facts))
    assert dialog.width() <= ordinary.sizeHint().width()
    assert_reachable(dialog)
    ordinary.deleteLater()
    dialog.cancel_button.click()


def test_an_8000_character_refusal_of_tls_is_said_in_a_dialog_that_fits(qtbot, window):
    """The plain-FTP question quotes the server's refusal of AUTH TLS; "Connect without encryption" then logs in."""
    refusal = "534 " + "R" * 8000
    tree = FakeTree(
        {"/": unix_listing(("f", "file", 1))}.get,
        features=("EPSV", "AUTH TLS"),
        answer=lambda line: [refusal] if line.startswith("AUTH") else None,
    )
    with ScriptedServer(tree, connections=3, concurrent=True) as srv:
        type_in(window, "127.0.0.1", str(srv.port), "u", "p")
        dialog = question(qtbot, window, PlainFtpDialog)
        screen = dialog.screen().availableGeometry()
        assert dialog.width() <= screen.width()
        assert_reachable(dialog)
        assert "R" * 100 in dialog.reason.text().replace(ZERO_WIDTH_SPACE, "")
        assert dialog.reason.text().endswith("…")
        dialog.connect_button.click()
        qtbot.waitUntil(lambda: window.remote.path == "/", timeout=WAIT)
        window.act_disconnect.trigger()
        qtbot.waitUntil(lambda: not window.remote_browser.closing, timeout=WAIT)
