"""The certificate question for an ordinary certificate is a sensible width (design note 242, found by QA): it
was 837 pixels wide, its SHA-256 fingerprint — 95 characters with no space, in a fixed font — its widest line."""

from __future__ import annotations

import os

import pytest
from PySide6.QtWidgets import QAbstractButton, QLabel

from ftpgui.sites.trust import TrustStore
from ftpgui.ui.dialogs import CertificateDialog

from guihelpers import WAIT, probe_dir, type_in

pytestmark = pytest.mark.gui
WIDEST = 640  # pixels: half of a 1366-pixel screen, less a margin — room beside it for the window's panes


@pytest.fixture(params=["en", "zh_CN"])
def language(request):
    if request.param == "zh_CN":
        request.getfixturevalue("chinese")
    return request.param


def question(qtbot, window, srv) -> CertificateDialog:
    """Quick connect to ``srv`` over TLS: the certificate question, once shown."""
    type_in(window, f"ftpes://127.0.0.1:{srv.port}/", password="")
    qtbot.waitUntil(lambda: isinstance(window.prompt, CertificateDialog) and window.prompt.isVisible(), timeout=WAIT)
    return window.prompt


def assert_sensible(dialog, name: str) -> None:
    """No wider than ``WIDEST``, every button on the screen, no label's text wider than the label."""
    dialog.grab().save(os.path.join(probe_dir(), f"{name}.png"))
    assert dialog.width() <= WIDEST
    screen = dialog.screen().availableGeometry()
    for button in dialog.findChildren(QAbstractButton):
        if button.isVisible():
            assert screen.contains(button.mapToGlobal(button.rect().center())), button.text()
    for label in dialog.findChildren(QLabel):
        if label.isVisible() and label.text():
            assert label.minimumSizeHint().width() <= label.width(), label.text()
            assert label.heightForWidth(label.width()) <= label.height() or not label.wordWrap(), label.text()


def test_the_question_about_an_ordinary_certificate_is_a_sensible_width(qtbot, language, window, make_server, certs):
    """A self-signed certificate for 127.0.0.1, as the tests' servers have: the question is no wider than
    ``WIDEST``, nothing in it clipped, the fingerprint said whole."""
    dialog = question(qtbot, window, make_server(tls_cert=certs.self_signed))
    assert_sensible(dialog, f"certificate-{language}")
    assert dialog.fingerprint.text().replace("\n", ":") == dialog.info.fingerprint
    dialog.cancel_button.click()


def test_the_question_about_a_changed_certificate_is_a_sensible_width(qtbot, language, window, make_server, certs):
    """The server's certificate is not the one trusted before: the question says both fingerprints, and its
    warning; as sensible a width."""
    srv = make_server(tls_cert=certs.self_signed)
    old = ":".join(["AB"] * 32)
    TrustStore().add(srv.host, srv.port, old)  # (in this test's config folder)
    dialog = question(qtbot, window, srv)
    assert dialog.changed
    assert_sensible(dialog, f"certificate-changed-{language}")
    dialog.cancel_button.click()
