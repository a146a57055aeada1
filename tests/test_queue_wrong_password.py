"""A wrong password typed in the queue's prompt (design note 351; found by QA). With no keyring, a restarted
queue with a download and an upload for one server asked for its password; the one typed was wrong. Both
transfer connections tried it at once (two failed logins in the same second, where docs/queue.md says a
password not known to work is tried by one connection), the download failed ("Login failed … 530") and stayed
so after the right password, and the prompt came back without saying the password was refused. Now one
connection tries it, the others wait for its verdict; the prompt comes back saying the server's words; no item
fails, and the right password then moves both. In the real window, against pyftpdlib."""

from __future__ import annotations

import keyring
import pytest
from keyring.backends import fail
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel

from ftpgui import paths
from ftpgui.transfers.items import DONE, DOWNLOAD, FAILED, UPLOAD, TransferItem
from ftpgui.transfers.servers import Server
from ftpgui.ui.dialogs import PasswordDialog

from ftpserver import PASSWORD, USER
from guihelpers import WAIT, close_window, open_window
from memkeyring import memory_keyring  # noqa: F401 (fixture: the real keychain is never touched)

pytestmark = [pytest.mark.gui, pytest.mark.timeout(180)]
WRONG = "not-the-password"


def save_queue(config, srv, local_dir) -> None:
    """``queue.json`` as ftpgui leaves it when it quits with a download and an upload to ``srv`` still queued."""
    server = Server(srv.host, srv.port, USER)
    items = [
        TransferItem(DOWNLOAD, str(local_dir / "down.bin"), "/down.bin", server=server.key, batch="b1"),
        TransferItem(UPLOAD, str(local_dir / "up.bin"), "/up.bin", server=server.key, batch="b2"),
    ]
    paths.atomic_write_json(
        str(config / "queue.json"),
        {"version": 2, "servers": {server.key: server.to_json()}, "items": [i.to_json() for i in items]},
    )


def tries(srv, password: str) -> int:
    with srv.record.lock:
        return sum(1 for c in srv.record.commands if c == f"PASS {password}")


def said(dialog: PasswordDialog) -> str:
    return " ".join(label.text() for label in dialog.findChildren(QLabel))


def type_password(qtbot, dialog: PasswordDialog, password: str) -> None:
    qtbot.waitExposed(dialog)
    dialog.field.setFocus()
    dialog.field.insert(password)  # (as typed: QTest's key clicks take ASCII only, and the password has an ä)
    QTest.keyClick(dialog.field, Qt.Key.Key_Return)


def test_a_wrong_password_in_the_queues_prompt_is_tried_once_said_and_fails_nothing(
    qtbot,
    config,
    make_server,
    tmp_path,
    memory_keyring,  # noqa: F811
):
    keyring.set_keyring(fail.Keyring())  # no keyring at all (the fixture puts its own back)
    srv = make_server()
    down = b"d" * 5000
    (tmp_path / "srv0" / "down.bin").write_bytes(down)
    local = tmp_path / "local"
    local.mkdir()
    (local / "up.bin").write_bytes(b"u" * 7000)
    save_queue(config, srv, local)
    w = open_window(qtbot)
    try:
        logins = w.queue_logins
        qtbot.waitUntil(lambda: isinstance(logins.prompt, PasswordDialog), timeout=WAIT)
        first = logins.prompt
        assert "Login failed" not in said(first)  # (nothing was refused yet)
        type_password(qtbot, first, WRONG)
        # the prompt comes back, saying the server refused it, in the server's words
        qtbot.waitUntil(lambda: isinstance(logins.prompt, PasswordDialog) and logins.prompt is not first, timeout=WAIT)
        again = logins.prompt
        words = said(again)
        assert "Login failed: the server did not accept the user name or password. (530 " in words, words
        assert "Transfers in the queue are waiting for" in words
        assert tries(srv, WRONG) == 1, srv.record.commands  # one connection tried it; the other waited
        states = {i.remote: (i.state, i.error) for i in w.queue.model.items()}
        assert all(state != FAILED for state, _ in states.values()), states  # nobody failed for a typo
        type_password(qtbot, again, PASSWORD)
        qtbot.waitUntil(lambda: all(i.state == DONE for i in w.queue.model.items()), timeout=WAIT)
        assert tries(srv, WRONG) == 1 and logins.prompt is None
    finally:
        close_window(qtbot, w)
    assert (local / "down.bin").read_bytes() == down
    assert (tmp_path / "srv0" / "up.bin").read_bytes() == b"u" * 7000
