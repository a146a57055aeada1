"""A password remembered for the run is the account's, whichever way it is connected to (design note 430; found
by QA).

No keyring answered. The queue asked for the password of the saved site "Work server" (alice on 127.0.0.1:P, its
items restored from the last run) and the person typed it, "Remember until the app closes" ticked. Then the quick
connect bar's Recent ▸ alice@127.0.0.1:P ▸ Connect asked for it again — in a prompt that said
"Password for alice@127.0.0.1:" (no port) and offered no Remember box — while the Site Manager's Connect did not
ask. Now every way (Recent, a quick connect typed by hand, the Site Manager, the queue) reads a password
remembered for that user@host:port, and only for it: another port or another user is asked, nothing sent before.
The quick connect's prompt names user@host:port and offers the same box, in English and in Chinese. Passwords
never reach the log or a file. The real window, the real menus, pyftpdlib."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QCheckBox, QLabel
from test_password_for_the_run import (
    connect_from_site_manager,
    never_in_config_files,
    no_keyring,  # noqa: F401 (fixture)
    open_window,
    passes,
    queue_asks,
    saved_site_with_queued_upload,
    type_and_enter,
)

from ftpgui import settings
from ftpgui.transfers.items import DONE
from ftpgui.ui.dialogs import PasswordDialog
from ftpgui.ui.main_window import MainWindow
from ftpgui.ui.site_passwords import PasswordPrompt

from ftpserver import PASSWORD, USER
from guihelpers import WAIT, close_window, connect_in_this_tab, wait_listing
from memkeyring import memory_keyring  # noqa: F401 (fixture: the keyring in use put back after the test)

pytestmark = [pytest.mark.gui, pytest.mark.timeout(180)]
WRONG = "wr0ng-typed-pässword"


@pytest.fixture
def srv(make_server):
    return make_server("127.0.0.1")


def store_for(config, srv, tmp_path, *recent):
    """The QA's start: "Work server" saved, an upload to it queued, the recent servers ``(port, user)`` in the
    quick connect bar's drop-down (plain FTP for quick connects: no question about TLS on the way)."""
    store = saved_site_with_queued_upload(config, srv, tmp_path)
    site = store.get("s1")
    site.name = "Work server"
    for port, user in recent:
        store.remember_recent("127.0.0.1", port, user)
    store.save()
    settings.save(settings.Preferences(log_to_file=True, quick_connect_tls="off"), str(config / "settings.json"))
    return store


def remembered_in_the_queues_prompt(qtbot, w: MainWindow) -> None:
    dialog = queue_asks(qtbot, w)
    assert dialog.remember is not None and dialog.remember.isChecked()  # (no keyring: ticked to begin with)
    type_and_enter(dialog.field, PASSWORD)
    qtbot.waitUntil(lambda: [i.state for i in w.queue.model.items()] == [DONE], timeout=WAIT)


def recent(w: MainWindow, label: str) -> None:
    """Recent ▸ ``label`` ▸ Connect, as a person does."""
    actions = {a.text(): a for a in w.quick.recent_menu.actions()}
    actions[label].trigger()
    w.quick.connect_button.click()


def typed(w: MainWindow, port: int, user: str) -> None:
    """Host, port and user typed by hand into the quick connect bar (no password), then Connect."""
    w.quick.clear_connection()
    for field, text in ((w.quick.host, "127.0.0.1"), (w.quick.port, str(port)), (w.quick.user, user)):
        field.setText(text)
        field.setModified(True)
    w.quick.connect_button.click()


def browsing(qtbot, w: MainWindow, port: int) -> None:
    """Logged in to ``port``'s login folder with no question asked on the way."""
    qtbot.waitUntil(
        lambda: (
            isinstance(w.prompt, (PasswordDialog, PasswordPrompt))
            or (w.logged_in and w.remote_browser.endpoint.port == port and w.remote.path == "/")
        ),
        timeout=WAIT,
    )
    assert not isinstance(w.prompt, (PasswordDialog, PasswordPrompt)), "asked again for a remembered password"
    wait_listing(qtbot, w, "/")


def asked(qtbot, w: MainWindow) -> PasswordDialog:
    qtbot.waitUntil(lambda: isinstance(w.prompt, PasswordDialog) and w.prompt.isVisible(), timeout=WAIT)
    return w.prompt


def words(dialog) -> str:
    return " ".join(label.text() for label in dialog.findChildren(QLabel))


@pytest.mark.usefixtures("no_keyring")
def test_remembered_in_the_queues_prompt_recent_and_a_typed_quick_connect_do_not_ask(
    qtbot, config, srv, make_server, tmp_path
):
    other = make_server("127.0.0.1")  # another port on the same host, the same user and password
    store = store_for(config, srv, tmp_path, (other.port, USER), (srv.port, USER))
    w = open_window(qtbot, store)
    connect_in_this_tab(w)  # (one tab, connected again and again: not asked where, note 439)
    try:
        remembered_in_the_queues_prompt(qtbot, w)
        recent(w, f"{USER}@127.0.0.1:{srv.port}")
        browsing(qtbot, w, srv.port)
        assert passes(srv) == [f"PASS {PASSWORD}"] * 2  # (the queue's, the window's)

        typed(w, srv.port, USER)  # the same account typed by hand: not asked either
        browsing(qtbot, w, srv.port)
        connect_from_site_manager(qtbot, w)  # nor the Site Manager's Connect (note 378)
        browsing(qtbot, w, srv.port)
        assert passes(srv) == [f"PASS {PASSWORD}"] * 4

        recent(w, f"{USER}@127.0.0.1:{other.port}")  # another port: asked, nothing sent to it
        asked(qtbot, w).reject()
        typed(w, srv.port, "bob")  # another user on the same server: asked
        prompt = asked(qtbot, w)
        assert f"bob@127.0.0.1:{srv.port}" in words(prompt)
        prompt.reject()
        qtbot.wait(200)
        assert passes(other) == [] and passes(srv) == [f"PASS {PASSWORD}"] * 4
        assert PASSWORD not in w.log.toPlainText()
    finally:
        close_window(qtbot, w)
    never_in_config_files(config, PASSWORD)


@pytest.fixture(params=["en", "zh_CN"])
def language(request):
    if request.param == "zh_CN":
        request.getfixturevalue("chinese")
    return request.param


PROMPT = {"en": "Password for {who}:", "zh_CN": "{who} 的密码："}
REMEMBER = {"en": "Remember until the app closes", "zh_CN": "记住直到程序关闭"}


@pytest.mark.usefixtures("no_keyring")
def test_the_quick_connects_prompt_names_host_and_port_and_remembers_for_the_account(
    qtbot, config, srv, tmp_path, language
):
    """Recent, with nothing remembered: the prompt says user@host:port and offers the box (not ticked: the person
    chooses); ticked, the queue (its question cancelled before) and the Site Manager's Connect do not ask."""
    store = store_for(config, srv, tmp_path, (srv.port, USER))
    w = open_window(qtbot, store)
    try:
        queue_asks(qtbot, w).reject()  # the queue's question: Cancel (its upload paused)
        recent(w, f"{USER}@127.0.0.1:{srv.port}")
        qtbot.waitUntil(lambda: isinstance(w.prompt, PasswordDialog) and w.prompt.isVisible(), timeout=WAIT)
        prompt = w.prompt
        assert PROMPT[language].format(who=f"{USER}@127.0.0.1:{srv.port}") in words(prompt)
        boxes = [(b.text(), b.isChecked()) for b in prompt.findChildren(QCheckBox)]
        assert boxes == [(REMEMBER[language], False)]
        prompt.remember.setChecked(True)
        type_and_enter(prompt.field, PASSWORD)
        browsing(qtbot, w, srv.port)
        w.queue.resume([i.id for i in w.queue.model.items()])  # the queue reads it too
        qtbot.waitUntil(lambda: [i.state for i in w.queue.model.items()] == [DONE], timeout=WAIT)
        assert w.queue_logins.prompt is None
        w.disconnect_server()
        connect_from_site_manager(qtbot, w)
        browsing(qtbot, w, srv.port)
        assert passes(srv) == [f"PASS {PASSWORD}"] * 3  # (the window's twice, the queue's once)
        assert PASSWORD not in w.log.toPlainText()
    finally:
        close_window(qtbot, w)
    never_in_config_files(config, PASSWORD)


@pytest.mark.usefixtures("no_keyring")
def test_a_remembered_password_the_server_refuses_is_forgotten_and_asked_again(qtbot, config, srv, tmp_path):
    """Typed wrong in the quick connect's prompt, remembered: the server's refusal is said in the prompt asked again,
    and the wrong one is never tried again (nor by the queue)."""
    store = store_for(config, srv, tmp_path, (srv.port, USER))
    w = open_window(qtbot, store)
    try:
        queue_asks(qtbot, w).reject()
        recent(w, f"{USER}@127.0.0.1:{srv.port}")
        prompt = asked(qtbot, w)
        prompt.remember.setChecked(True)
        type_and_enter(prompt.field, WRONG)
        qtbot.waitUntil(lambda: isinstance(w.prompt, PasswordDialog) and w.prompt is not prompt, timeout=WAIT)
        again = w.prompt
        assert "530" in words(again) and not again.remember.isChecked()
        type_and_enter(again.field, PASSWORD)  # not remembered this time
        browsing(qtbot, w, srv.port)
        assert w.password_store().remembered(None, ("127.0.0.1", srv.port, USER)) is None
        w.queue.resume([i.id for i in w.queue.model.items()])  # the queue asks: nothing remembered
        queue_asks(qtbot, w).reject()
        assert passes(srv) == [f"PASS {WRONG}", f"PASS {PASSWORD}"]
    finally:
        close_window(qtbot, w)
    never_in_config_files(config, PASSWORD, WRONG)
