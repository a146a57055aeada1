"""The prompts: an untrusted certificate, no TLS where TLS was wanted, permissions."""

from __future__ import annotations

from datetime import datetime, timezone
from types import SimpleNamespace

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QLineEdit, QMessageBox

from ftpgui.sites.passwords import PasswordUnavailable
from ftpgui.ui.dialogs import CertificateDialog, PasswordDialog, ask
from ftpgui.ui.permissions import PermissionsDialog, mode_from_permissions
from ftpgui.ui.proxy_password import asked_for, unread

from guihelpers import squeezed

pytestmark = pytest.mark.gui

FP = ":".join(["AB"] * 32)


def certificate():
    # the fields the engine's untrusted-certificate error carries (see CONTRACT.md, FTPS branch)
    return SimpleNamespace(
        host="127.0.0.1",
        port=2121,
        subject="CN=<b>ftp.example</b>",
        issuer="CN=Example CA",
        not_before=datetime(2026, 1, 1, tzinfo=timezone.utc),
        not_after=datetime(2027, 1, 1, tzinfo=timezone.utc),
        fingerprint=FP,
        reason="self-signed certificate",
    )


def label_texts(dialog):
    return [w.text() for w in dialog.findChildren(QLabel)]


@pytest.mark.parametrize("choice", ["once", "always", "cancel"])
def test_certificate_dialog_shows_the_facts_and_reports_the_choice(qtbot, choice):
    dialog = CertificateDialog(certificate())
    qtbot.addWidget(dialog)
    texts = label_texts(dialog)
    assert "CN=<b>ftp.example</b>" in texts  # shown literally: plain text, not markup
    assert "CN=Example CA" in texts and "self-signed certificate" in texts
    assert "\n".join([":".join(["AB"] * 16)] * 2) in texts  # the fingerprint, in halves (design note 242)
    assert "2026-01-01 00:00 UTC to 2027-01-01 00:00 UTC" in texts
    assert any("127.0.0.1 port 2121" in t for t in texts)
    dialog.open()
    button = {"once": dialog.once_button, "always": dialog.always_button, "cancel": dialog.cancel_button}[choice]
    with qtbot.waitSignal(dialog.decided) as blocker:
        button.click()
    assert blocker.args == [choice] and dialog.choice == choice
    assert not dialog.isVisible()


def test_closing_the_certificate_dialog_is_cancel(qtbot):
    dialog = CertificateDialog(certificate())
    qtbot.addWidget(dialog)
    dialog.open()
    with qtbot.waitSignal(dialog.decided) as blocker:
        dialog.reject()
    assert blocker.args == ["cancel"]


@pytest.mark.parametrize("agree", [True, False])
def test_plain_text_question(qtbot, agree):
    answers = []
    parent = QLabel()
    qtbot.addWidget(parent)
    box = ask(parent, "No encryption", "Continue in plain text?", "Continue in plain text", lambda: answers.append(1))
    assert box.isVisible() and box.defaultButton() is box.button(QMessageBox.StandardButton.Cancel)
    (box.yes_button if agree else box.button(QMessageBox.StandardButton.Cancel)).click()
    assert answers == ([1] if agree else [])


@pytest.mark.parametrize(
    ("text", "mode"),
    [
        ("-rwxr-xr-x", 0o755),
        ("rw-r--r--", 0o644),
        ("drwx------", 0o700),
        ("0644", 0o644),
        ("755", 0o755),
        ("0o755", 0o755),  # (pyftpdlib's unix.mode)
        ("elradfmwMT", None),  # (RFC 3659's perm: what the login may do)
        ("-rwsr-x---", 0o4750),  # setuid, setgid, sticky kept (design note 363)
        ("-rwSr--r--", 0o4644),
        ("drwxrwsr-x", 0o2775),
        ("-rw-r-Sr--", 0o2644),
        ("-rw-r-lr--", 0o2644),  # (Solaris: "mandatory locking", setgid without execute)
        ("drwxrwxrwt", 0o1777),
        ("drwxr-xr-T", 0o1754),
        ("4755", 0o4755),
        ("adfrw", None),
        (None, None),
    ],
)
def test_mode_from_permissions(text, mode):
    assert mode_from_permissions(text) == mode


def test_permissions_dialog_keeps_boxes_and_number_in_step(qtbot):
    dialog = PermissionsDialog("a.txt", [0o4640])
    qtbot.addWidget(dialog)
    assert dialog.octal.text() == "4640" and dialog.mode() == 0o4640
    dialog.boxes[8].setChecked(True)  # others execute
    assert dialog.mode() == 0o4641 and dialog.octal.text() == "4641"
    dialog.octal.setText("600")
    dialog.octal.textEdited.emit("600")
    assert dialog.mode() == 0o600


@pytest.mark.parametrize("language", ["en", "zh_CN"])
@pytest.mark.parametrize("asked", ["quick connect", "for the queue", "the keyring unread"])
def test_the_password_prompt_at_its_least_size_shows_its_text_whole(qtbot, request, language, asked):
    """Shrunk as far as it goes, the prompt kept a wrapped label one line high and its words were cut (its
    minimum was the layout's: the longest word wide, a line a label high). Now its text fits (note 206)."""
    if language != "en":
        request.getfixturevalue("chinese")
    note = ""
    if asked == "for the queue":  # (the queue's own words, as ``queue_logins`` puts them)
        note = QCoreApplication.translate(
            "QueueLogins",
            "It offers no TLS: as when these transfers were queued, the password will travel unencrypted.",
        )
    if asked == "the keyring unread":  # (a proxy's, the queue's words before its own: note 233)
        proxy = SimpleNamespace(user="alice", shown="proxy.example.com:1080")
        note = "\n".join((unread(asked_for(proxy), PasswordUnavailable("locked", detail="read")), note_for_queue()))
    elif asked == "for the queue":
        note = " ".join((note_for_queue(), note))
    dialog = PasswordDialog("alice@ftp.example.com", note=note)
    qtbot.addWidget(dialog)
    assert language == "en" or "的密码" in dialog.findChildren(QLabel)[-1].text()  # (said in the language chosen)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.resize(1, 1)
    QApplication.processEvents()
    assert dialog.size() == dialog.minimumSize()
    fields = [w for kind in (QLabel, QLineEdit, QAbstractButton) for w in dialog.findChildren(kind) if w.isVisible()]
    assert len(fields) == (5 if note else 4)  # (the labels, the field, OK and Cancel)
    assert squeezed(dialog, fields) == []


def note_for_queue() -> str:
    return QCoreApplication.translate("QueueLogins", "Transfers in the queue are waiting for {server}.").format(
        server="ftp.example.com"
    )
