"""A saved site's password typed once in a run, with no keyring to keep it (design note 378; found by QA).

No keyring answered (keyring's ``fail`` stand-in), and a saved site keeps no password. The transfer queue asked
for it (its items restored from the last run) and the person typed it — then Site ▸ Site Manager ▸ Connect to
that same site asked for it again. The other way round, the queue's question stayed open asking for the password
the person had just typed at the Site Manager's Connect. Now both prompts remember a password the keyring cannot
keep until ftpgui closes ("Remember until the app closes", ticked), for that site's account only, and every
way of connecting reads it there; it is forgotten when the server refuses it (asked again, in the server's
words), when the site's host, port or user changes, and when the site is deleted. Never written to a file: the
config folder, its log file included, never holds it. The real window, the real Site Manager, pyftpdlib."""

from __future__ import annotations

import os
from pathlib import Path

import keyring
import pytest
from keyring.backends import fail
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel

from ftpgui import paths, settings
from ftpgui.sites.store import Site, SiteStore
from ftpgui.transfers.items import DONE, TransferItem
from ftpgui.transfers.servers import Server
from ftpgui.ui.dialogs import PasswordDialog
from ftpgui.ui.main_window import MainWindow
from ftpgui.ui.site_manager import SiteManagerDialog
from ftpgui.ui.site_passwords import PasswordPrompt

from ftpserver import PASSWORD, USER
from guihelpers import WAIT, close_window, wait_listing
from memkeyring import memory_keyring  # noqa: F401 (fixture: the keyring in use put back after the test)

pytestmark = [pytest.mark.gui, pytest.mark.timeout(180)]
REFUSED = "Login failed: the server did not accept the user name or password. (530 "
NEW_PASSWORD = "n3w-pässword-for-the-run"


@pytest.fixture
def no_keyring(memory_keyring):  # noqa: F811 (it puts the keyring set before back)
    keyring.set_keyring(fail.Keyring())  # what keyring falls back to when no Secret Service or KWallet answers


@pytest.fixture
def srv(make_server):
    return make_server("127.0.0.1")


def saved_site_with_queued_upload(config, srv, tmp_path, logon: str = "normal") -> SiteStore:
    """The sites file with "Work" (plain FTP to ``srv``, Normal logon, no password kept), the message log written
    to a file, and ``queue.json`` as ftpgui leaves it with an upload to Work still queued."""
    store = SiteStore(str(config / "sites.json"))
    store.add(Site(id="s1", name="Work", protocol="ftp-plain", host=srv.host, port=srv.port, user=USER, logon=logon))
    store.save()
    settings.save(settings.Preferences(log_to_file=True), str(config / "settings.json"))
    local = tmp_path / "report.txt"
    local.write_bytes(b"for Work")
    server = Server(srv.host, srv.port, USER, tls="off", site_id="s1", name="Work")
    item = TransferItem("upload", str(local), "/report.txt", is_dir=None, server=server.key)
    doc = {"version": 2, "servers": {server.key: server.to_json()}, "items": [item.to_json()]}
    paths.atomic_write_json(str(config / "queue.json"), doc)
    return store


def open_window(qtbot, store: SiteStore) -> MainWindow:
    w = MainWindow(store)
    w.show()
    qtbot.waitExposed(w)
    return w


def said(dialog) -> str:
    return " ".join(label.text() for label in dialog.findChildren(QLabel))


def queue_asks(qtbot, w: MainWindow) -> PasswordDialog:
    qtbot.waitUntil(lambda: isinstance(w.queue_logins.prompt, PasswordDialog), timeout=WAIT)
    dialog = w.queue_logins.prompt
    qtbot.waitExposed(dialog)
    return dialog


def type_and_enter(field, password: str) -> None:
    field.setFocus()
    field.insert(password)  # (as typed: QTest's key clicks take ASCII only, and the password has an ä)
    QTest.keyClick(field, Qt.Key.Key_Return)


def site_manager(qtbot, w: MainWindow) -> SiteManagerDialog:
    """Site ▸ Site Manager…, "Work" selected, once its keyring calls have answered."""
    w.act_site_manager.trigger()
    dialog = w.prompt
    assert isinstance(dialog, SiteManagerDialog)
    qtbot.waitUntil(lambda: dialog.isVisible() and all(c.finished for c in dialog.calls), timeout=WAIT)
    dialog.select("site", "s1")
    return dialog


def connect_from_site_manager(qtbot, w: MainWindow) -> None:
    dialog = site_manager(qtbot, w)
    with qtbot.waitSignal(dialog.accepted, timeout=WAIT):
        qtbot.mouseClick(dialog.connect_button, Qt.MouseButton.LeftButton)


def connected_or_asked(qtbot, w: MainWindow, srv) -> None:
    """Wait until the window browses ``srv``'s login folder, or asks for the password."""
    qtbot.waitUntil(
        lambda: (
            isinstance(w.prompt, PasswordPrompt)
            or (w.logged_in and w.remote_browser.endpoint.port == srv.port and w.remote.path == "/")
        ),
        timeout=WAIT,
    )


def passes(srv) -> list:
    with srv.record.lock:
        return [c for c in srv.record.commands if c.startswith("PASS ")]


def never_in_config_files(config: Path, *secrets: str) -> None:
    """No file in the config folder (the sites, the queue, the settings, the log file) holds a password."""
    files = [Path(top) / name for top, _dirs, names in os.walk(config) for name in names]
    assert any(f.parent.name == "logs" for f in files), files  # (the log file was written, and looked at)
    for f in files:
        data = f.read_bytes()
        for secret in secrets:
            assert secret.encode() not in data, f"{secret!r} in {f}"


@pytest.mark.usefixtures("no_keyring")
def test_typed_in_the_queues_prompt_the_site_managers_connect_does_not_ask_again(qtbot, config, srv, tmp_path):
    store = saved_site_with_queued_upload(config, srv, tmp_path)
    w = open_window(qtbot, store)
    try:
        dialog = queue_asks(qtbot, w)
        box = getattr(dialog, "remember", None)
        remembers = (box.text(), box.isChecked()) if box is not None else None
        type_and_enter(dialog.field, PASSWORD)
        qtbot.waitUntil(lambda: [i.state for i in w.queue.model.items()] == [DONE], timeout=WAIT)

        connect_from_site_manager(qtbot, w)
        connected_or_asked(qtbot, w, srv)
        assert not isinstance(w.prompt, PasswordPrompt), "asked again for the password typed in the queue"
        assert remembers == ("Remember until the app closes", True)  # (no keyring: kept for the run, said)
        wait_listing(qtbot, w, "/")
        assert "report.txt" in [e.name for e in w.remote.model.entries()]
        assert passes(srv) == [f"PASS {PASSWORD}"] * 2  # (the queue's, the window's)
        w.disconnect_server()
        connect_from_site_manager(qtbot, w)  # and again: still not asked
        connected_or_asked(qtbot, w, srv)
        assert not isinstance(w.prompt, PasswordPrompt)
        assert PASSWORD not in w.log.toPlainText()
    finally:
        close_window(qtbot, w)
    never_in_config_files(config, PASSWORD)


@pytest.mark.usefixtures("no_keyring")
def test_a_site_that_asks_each_time_is_remembered_only_when_the_person_ticks_it(qtbot, config, srv, tmp_path):
    """Logon "Ask for password": the queue's box is there, not ticked; ticked, the Site Manager's Connect reads it."""
    store = saved_site_with_queued_upload(config, srv, tmp_path, logon="ask")
    w = open_window(qtbot, store)
    try:
        dialog = queue_asks(qtbot, w)
        box = getattr(dialog, "remember", None)
        assert box is not None and not box.isChecked()
        box.setChecked(True)
        type_and_enter(dialog.field, PASSWORD)
        qtbot.waitUntil(lambda: [i.state for i in w.queue.model.items()] == [DONE], timeout=WAIT)
        connect_from_site_manager(qtbot, w)
        connected_or_asked(qtbot, w, srv)
        assert not isinstance(w.prompt, PasswordPrompt)
        assert passes(srv) == [f"PASS {PASSWORD}"] * 2
    finally:
        close_window(qtbot, w)
    never_in_config_files(config, PASSWORD)


@pytest.mark.usefixtures("no_keyring")
def test_typed_at_the_site_managers_connect_the_queue_does_not_ask_again(qtbot, config, srv, tmp_path):
    """The person opens the Site Manager at start, the queue asks meanwhile for its restored upload; the person
    goes on with the Site Manager's Connect and types the password in the window's prompt: the queue's question,
    still open, went on asking for it."""
    store = saved_site_with_queued_upload(config, srv, tmp_path)
    w = open_window(qtbot, store)
    try:
        dialog = site_manager(qtbot, w)
        queue_asks(qtbot, w)  # left unanswered
        with qtbot.waitSignal(dialog.accepted, timeout=WAIT):
            qtbot.mouseClick(dialog.connect_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: isinstance(w.prompt, PasswordPrompt), timeout=WAIT)
        prompt = w.prompt
        qtbot.waitExposed(prompt)
        remembers = prompt.remember.isChecked()
        assert not prompt.save.isVisible()
        type_and_enter(prompt.password, PASSWORD)
        wait_listing(qtbot, w, "/")
        qtbot.waitUntil(lambda: [i.state for i in w.queue.model.items()] == [DONE], timeout=WAIT)
        qtbot.waitUntil(lambda: w.queue_logins.prompt is None, timeout=WAIT)  # not asked again
        assert remembers  # (no keyring: "Remember until the app closes" ticked at first)
        assert Path(srv.path("report.txt")).read_bytes() == b"for Work"
        w.disconnect_server()
        connect_from_site_manager(qtbot, w)  # the Site Manager's next Connect: not asked either
        connected_or_asked(qtbot, w, srv)
        assert not isinstance(w.prompt, PasswordPrompt)
        assert passes(srv) == [f"PASS {PASSWORD}"] * 3  # (the window's, the queue's, the window's again)
    finally:
        close_window(qtbot, w)
    never_in_config_files(config, PASSWORD)


@pytest.mark.usefixtures("no_keyring")
def test_a_remembered_password_the_server_refuses_is_forgotten_and_asked_in_its_words(qtbot, config, srv, tmp_path):
    store = saved_site_with_queued_upload(config, srv, tmp_path)
    w = open_window(qtbot, store)
    try:
        type_and_enter(queue_asks(qtbot, w).field, PASSWORD)
        qtbot.waitUntil(lambda: [i.state for i in w.queue.model.items()] == [DONE], timeout=WAIT)
        authorizer = srv.handler.authorizer  # the account's password changed on the server meanwhile
        authorizer.remove_user(USER)
        authorizer.add_user(USER, NEW_PASSWORD, srv.root, perm="elradfmwMT")

        connect_from_site_manager(qtbot, w)  # the remembered one is tried, refused: asked, in the server's words
        qtbot.waitUntil(lambda: isinstance(w.prompt, PasswordPrompt), timeout=WAIT)
        prompt = w.prompt
        assert passes(srv) == [f"PASS {PASSWORD}"] * 2
        assert REFUSED in said(prompt), said(prompt)
        assert w.password_store().remembered("s1") is None  # forgotten
        type_and_enter(prompt.password, NEW_PASSWORD)
        wait_listing(qtbot, w, "/")
        assert w.password_store().remembered("s1") == NEW_PASSWORD  # (the box was ticked: the new one kept)
        w.disconnect_server()
        connect_from_site_manager(qtbot, w)
        connected_or_asked(qtbot, w, srv)
        assert not isinstance(w.prompt, PasswordPrompt)
        assert passes(srv)[2:] == [f"PASS {NEW_PASSWORD}"] * 2  # (never the refused one again)
    finally:
        close_window(qtbot, w)
    never_in_config_files(config, PASSWORD, NEW_PASSWORD)


@pytest.mark.usefixtures("no_keyring")
def test_a_password_the_queue_is_refused_is_not_tried_by_the_site_managers_connect(qtbot, config, srv, tmp_path):
    """Typed wrong in the queue's prompt (and so remembered): the server refuses it there; the queue asks again
    and the person cancels. The Site Manager's Connect then asks — it does not send the refused one."""
    store = saved_site_with_queued_upload(config, srv, tmp_path)
    w = open_window(qtbot, store)
    try:
        first = queue_asks(qtbot, w)
        type_and_enter(first.field, "typed-wrong")
        asked_again = lambda: isinstance(w.queue_logins.prompt, PasswordDialog) and w.queue_logins.prompt is not first  # noqa: E731
        qtbot.waitUntil(asked_again, timeout=WAIT)
        again = w.queue_logins.prompt
        assert REFUSED in said(again), said(again)
        assert w.password_store().remembered("s1") is None
        again.reject()
        connect_from_site_manager(qtbot, w)
        connected_or_asked(qtbot, w, srv)
        assert isinstance(w.prompt, PasswordPrompt)
        assert passes(srv) == ["PASS typed-wrong"]
    finally:
        close_window(qtbot, w)
    never_in_config_files(config, "typed-wrong")


@pytest.mark.usefixtures("no_keyring")
def test_a_remembered_password_is_forgotten_when_the_sites_server_or_user_changes(
    qtbot, config, srv, make_server, tmp_path
):
    """Typed in the queue's prompt for Work; the person points Work at another server (its port) and connects:
    asked — the password typed for the first server is not sent to the second. Deleting the site forgets it."""
    other = make_server("127.0.0.1")  # (the same account on it: a password sent there would open it)
    store = saved_site_with_queued_upload(config, srv, tmp_path)
    w = open_window(qtbot, store)
    try:
        type_and_enter(queue_asks(qtbot, w).field, PASSWORD)
        qtbot.waitUntil(lambda: [i.state for i in w.queue.model.items()] == [DONE], timeout=WAIT)
        connect_from_site_manager(qtbot, w)
        connected_or_asked(qtbot, w, srv)
        assert not isinstance(w.prompt, PasswordPrompt)  # (remembered: the same site, the same account)
        wait_listing(qtbot, w, "/")
        w.disconnect_server()

        dialog = site_manager(qtbot, w)
        dialog.port.selectAll()
        qtbot.keyClicks(dialog.port, str(other.port))
        with qtbot.waitSignal(dialog.accepted, timeout=WAIT):
            qtbot.mouseClick(dialog.connect_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: isinstance(w.prompt, PasswordPrompt), timeout=WAIT)
        assert passes(other) == []  # asked first: nothing sent to the other server
        w.prompt.reject()
        assert w.password_store().remembered("s1") is None

        # typed for the other server now, then the site deleted: forgotten with it
        w.password_store().remember_for_session("s1", PASSWORD, (other.host, other.port, USER))
        dialog = site_manager(qtbot, w)
        qtbot.mouseClick(dialog.delete_button, Qt.MouseButton.LeftButton)
        dialog.prompt.yes_button.click()
        with qtbot.waitSignal(dialog.accepted, timeout=WAIT):
            qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: w.password_store().remembered("s1") is None, timeout=WAIT)
    finally:
        close_window(qtbot, w)
    never_in_config_files(config, PASSWORD)
