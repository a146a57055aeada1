"""A server's text in the window's dialogs, as the panes and the log show it (design note 175): a certificate's
subject and issuer, a name to delete, rename or change the permissions of, with an ESC, a bidi override
(U+202E), a CR or a line break in it, shown as visible escapes (``\\x1b``, ``\\u202e``, ``\\x0d``, ``\\x0a``) — not
obeyed (a fake line "FAKE: trusted", "gpj.exe" reversed, boxes). Only what is shown is escaped: what is sent to
the server is the real name (found by QA). A name with a CR, which no command can carry, is refused in words
before anything is asked (design note 186)."""

from __future__ import annotations

import os
import stat

import pytest
from PySide6.QtWidgets import QInputDialog, QLabel, QMessageBox

from ftpgui.ftp.safetext import UNSAFE, shown
from ftpgui.ui.dialogs import CertificateDialog
from ftpgui.ui.permissions import PermissionsDialog

from certs import Certs
from guihelpers import WAIT, names, opened, quick_connect, type_in, wait_listing

BIDI = "gpj\u202eexe.txt"  # shown raw: "gpjtxt.exe"
CR = "x\ry.txt"  # shown raw: a line broken in two
ESC = "\x1b]0;PWNED\x07evil-title.txt"  # shown raw: boxes (on a terminal: a window title)
HOSTILE = (BIDI, CR, ESC)


def unsafe_in(texts) -> list:
    """The texts that hold a control, bidi or line-breaking character (a line break of our own allowed)."""
    return [t for t in texts if any(UNSAFE.search(line) for line in t.split("\n"))]


def certificate_question(qtbot, window, make_server, certs) -> tuple:
    """Quick connect to a TLS server with ``certs.hostile``: (its dialog, its subject as RFC 4514 writes it)."""
    from cryptography import x509

    srv = make_server(tls_cert=certs.hostile)
    subject = x509.load_der_x509_certificate(Certs.der(certs.hostile)).subject.rfc4514_string()
    type_in(window, srv.host, str(srv.port))  # "FTP over TLS if available": the server offers it
    qtbot.waitUntil(lambda: isinstance(window.prompt, CertificateDialog) and window.prompt.isVisible(), timeout=WAIT)
    assert "\nFAKE: trusted" in subject and "Org\rX" in subject
    return window.prompt, subject


def test_the_certificate_dialog_shows_a_hostile_subject_escaped(qtbot, window, make_server, certs):
    """The subject and issuer hold ESC, U+202E, a line break and a CR: the dialog says them as the CLI does,
    each on its one line."""
    dialog, subject = certificate_question(qtbot, window, make_server, certs)
    texts = [label.text().replace("\u200b", "") for label in dialog.findChildren(QLabel)]  # (where lines may break)
    assert unsafe_in(texts) == []
    assert texts.count(shown(subject)) == 2, texts  # the subject and the issuer
    assert "O=Org\\x0dX," in shown(subject)
    assert "\\x1b[31mRED\\x1b[0m e\\u202egpj.exe\\x0aFAKE: trusted" in shown(subject)
    assert not any(line.strip() == "FAKE: trusted" for t in texts for line in t.split("\n"))
    dialog.cancel_button.click()


def test_the_log_and_the_status_bar_say_a_hostile_subject_on_one_line(qtbot, window, make_server, certs):
    """The error the log and the status bar say before the question: the CN's line break was a line of the
    log's ("FAKE: trusted, issuer …"), the status bar held ESC and U+202E raw."""
    dialog, _subject = certificate_question(qtbot, window, make_server, certs)
    log = window.log.toPlainText()
    assert "e\\u202egpj.exe\\x0aFAKE: trusted" in log
    assert not any(line.strip().startswith("FAKE: trusted") for line in log.split("\n"))
    status = window.statusBar().currentMessage()
    assert "is not trusted" in status and unsafe_in([status]) == []
    dialog.cancel_button.click()


@pytest.fixture
def hostile_names(qtbot, window, make_server):
    """A pyftpdlib server whose folder holds files named with U+202E, a CR and an ESC, listed in the window."""
    srv = make_server("127.0.0.1")
    for name in HOSTILE:
        with open(srv.path(name), "wb") as f:
            f.write(b"x")
        os.chmod(srv.path(name), 0o600)
    quick_connect(qtbot, window, srv)
    wait_listing(qtbot, window, "/")
    assert sorted(names(window)) == sorted(HOSTILE)
    return srv


def refused(qtbot, w, srv, action) -> None:
    """A name with a CR cannot be sent (a CR ends an FTP command): the action says so before it asks anything
    (in the log and the status bar, escaped; design note 186); the file is as it was."""
    w.set_active_side("remote")
    qtbot.waitUntil(lambda: (w.remote.select([CR]), [e.name for e in w.remote.selected_entries()])[1] == [CR])
    action.trigger()
    assert w.prompt is None
    status = w.statusBar().currentMessage()
    assert unsafe_in([status]) == [] and f"the name {shown(CR)} holds the control character CR" in status
    assert os.path.exists(srv.path(CR))


SENT = (BIDI, ESC)  # (a name with a CR is asked nothing: ``refused``)
SENT_IDS = ["bidi", "esc"]


def test_a_name_with_a_cr_is_refused_before_any_question(qtbot, window, hostile_names):
    for action in (window.act_delete, window.act_rename, window.act_permissions):
        refused(qtbot, window, hostile_names, action)


@pytest.mark.parametrize("name", SENT, ids=SENT_IDS)
def test_delete_asks_with_the_name_escaped_and_deletes_the_real_file(qtbot, window, hostile_names, name):
    box = opened(qtbot, window, name, window.act_delete, QMessageBox)
    assert unsafe_in([box.text()]) == []
    assert box.text() == f"Delete the file “{shown(name)}” from the server?"
    box.yes_button.click()
    qtbot.waitUntil(lambda: name not in names(window), timeout=WAIT)
    assert not os.path.exists(hostile_names.path(name))
    assert sorted(names(window)) == sorted(n for n in HOSTILE if n != name)


@pytest.mark.parametrize("name", SENT, ids=SENT_IDS)
def test_rename_shows_the_name_escaped_and_renames_the_real_file(qtbot, window, hostile_names, name):
    """The question and the field say the name escaped; typed over (the extension changed), the name keeps
    its real characters on the server."""
    dialog = opened(qtbot, window, name, window.act_rename, QInputDialog)
    assert unsafe_in([dialog.labelText(), dialog.textValue()]) == []
    assert dialog.labelText() == f"New name for {shown(name)}:" and dialog.textValue() == shown(name)
    new = name.replace(".txt", ".md")
    dialog.setTextValue(shown(name).replace(".txt", ".md"))
    dialog.accept()
    qtbot.waitUntil(lambda: new in names(window), timeout=WAIT)
    assert os.path.exists(hostile_names.path(new)) and not os.path.exists(hostile_names.path(name))


def test_rename_left_as_shown_renames_nothing(qtbot, window, hostile_names):
    """The field holds the escaped name: OK on it as it was is the name unchanged (no RNFR), not a rename to
    the escapes' text."""
    dialog = opened(qtbot, window, BIDI, window.act_rename, QInputDialog)
    sent = len(hostile_names.record.commands)
    dialog.accept()  # the field as it was shown: the escaped name
    qtbot.waitUntil(lambda: window.prompt is None, timeout=WAIT)
    qtbot.waitUntil(lambda: not window.remote_browser.connection.busy, timeout=WAIT)
    assert "RNFR" not in [c.split(" ", 1)[0] for c in hostile_names.record.commands[sent:]]
    assert os.path.exists(hostile_names.path(BIDI))


@pytest.mark.parametrize("name", SENT, ids=SENT_IDS)
def test_permissions_say_the_name_escaped_and_change_the_real_file(qtbot, window, hostile_names, name):
    dialog = opened(qtbot, window, name, window.act_permissions, PermissionsDialog)
    texts = [label.text() for label in dialog.findChildren(QLabel)]
    assert unsafe_in(texts) == [] and f"Permissions of {shown(name)}" in texts
    dialog.set_mode(0o640)
    dialog.accept()
    qtbot.waitUntil(lambda: stat.S_IMODE(os.stat(hostile_names.path(name)).st_mode) == 0o640, timeout=WAIT)


def test_a_bookmark_of_a_hostile_folder_shows_it_escaped_and_keeps_the_real_path(qtbot, window, make_server):
    """Add Bookmark holds the remote folder shown (a bidi override in its name) as the path bar shows it; OK
    keeps the real path: its tooltip says it escaped, and choosing it opens the folder."""
    from ftpgui.ui.bookmarks_menu import GLOBAL, AddBookmarkDialog, describe

    srv = make_server("127.0.0.1")
    folder = "/" + BIDI.replace(".txt", "")
    os.mkdir(srv.path(folder[1:]))
    quick_connect(qtbot, window, srv)
    wait_listing(qtbot, window, "/")
    window.navigate(folder)
    wait_listing(qtbot, window, folder)
    window.bookmarks.act_add.trigger()
    dialog = window.prompt
    assert isinstance(dialog, AddBookmarkDialog) and dialog.remote_dir.text() == shown(folder) == "/gpj\\u202eexe"
    dialog.name.setText("odd")
    dialog.for_all.setChecked(True)
    dialog.ok_button.click()
    [b] = window.bookmarks.book.items(GLOBAL)
    assert b.remote_dir == folder and unsafe_in([describe(b)]) == [] and "Remote: /gpj\\u202eexe" in describe(b)
    window.navigate("/")
    wait_listing(qtbot, window, "/")
    window.bookmarks.rebuild()
    [act] = [a for a in window.bookmarks.menu.actions() if a.data() == (GLOBAL, "odd")]
    act.trigger()
    wait_listing(qtbot, window, folder)
