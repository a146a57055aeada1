"""A URL typed in the quick-connect bar wins over what the last connection left in the fields, and the Password
field goes only to the account it was typed for (QA: the old User and Port fields sent the URL's password to
the last server, as the last user; design note 314). Two pyftpdlib servers: A, connected first as ``ftpgui``,
and B, which the URLs name."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from shiboken6 import isValid

from ftpgui import settings
from ftpgui.sites.store import SiteStore
from ftpgui.ui.dialogs import PasswordDialog
from ftpgui.ui.main_window import MainWindow

from guihelpers import WAIT, close_window, wait_listing

pytestmark = pytest.mark.gui

A_USER, A_PASSWORD = "ftpgui", "a-only-secret"
B_USER, B_PASSWORD = "user", "pass"


@pytest.fixture
def servers(make_server):
    a, b = make_server(), make_server()
    a.handler.authorizer.add_user(A_USER, A_PASSWORD, a.root, perm="elradfmwMT")
    b.handler.authorizer.add_user(B_USER, B_PASSWORD, b.root, perm="elradfmwMT")
    return a, b


@pytest.fixture
def window(qtbot, config, servers):  # (servers outlive the window)
    settings.save(settings.Preferences(quick_connect_tls="off"))  # no plain-FTP question on the way
    w = MainWindow(SiteStore())
    w.show()
    qtbot.waitExposed(w)
    yield w
    if isValid(w) and w.isVisible():
        close_window(qtbot, w)


def press_enter_in_host(qtbot, window, text: str) -> None:
    """Like a person: select the host field's text, type over it, press Enter."""
    host = window.quick.host
    host.setFocus()
    host.selectAll()
    QTest.keyClicks(host, text)
    QTest.keyClick(host, Qt.Key.Key_Return)


def connected_to_a_then_disconnected(qtbot, window, a) -> None:
    """Connect to A as ftpgui with its password typed, then Disconnect: the fields stay filled."""
    bar = window.quick
    for field, text in ((bar.port, str(a.port)), (bar.user, A_USER), (bar.password, A_PASSWORD)):
        field.setFocus()
        QTest.keyClicks(field, text)
    press_enter_in_host(qtbot, window, a.host)
    wait_listing(qtbot, window, "/")
    window.act_disconnect.trigger()
    qtbot.waitUntil(lambda: "Not connected" in window.state_label.text(), timeout=WAIT)
    assert (bar.port.text(), bar.user.text(), bar.password.text()) == (str(a.port), A_USER, A_PASSWORD)
    qtbot.waitUntil(lambda: "QUIT" in a.record.verbs(), timeout=WAIT)
    a.record.commands.clear()


def passwords(srv) -> list:
    return [c for c in srv.record.commands if c.split(" ", 1)[0] in ("USER", "PASS")]


def test_a_url_with_user_password_and_port_goes_to_its_server_as_its_user(qtbot, window, servers):
    a, b = servers
    connected_to_a_then_disconnected(qtbot, window, a)
    press_enter_in_host(qtbot, window, f"ftp://{B_USER}:{B_PASSWORD}@127.0.0.1:{b.port}")
    wait_listing(qtbot, window, "/")
    assert passwords(b) == [f"USER {B_USER}", f"PASS {B_PASSWORD}"]
    assert a.record.commands == []  # (it got USER ftpgui, PASS pass before)
    bar = window.quick
    assert (bar.port.text(), bar.user.text()) == (str(b.port), B_USER)  # the fields show what is used


def test_a_url_with_another_user_never_gets_the_old_password(qtbot, window, servers):
    a, b = servers
    connected_to_a_then_disconnected(qtbot, window, a)
    press_enter_in_host(qtbot, window, f"ftp://{B_USER}@127.0.0.1:{b.port}")
    qtbot.waitUntil(lambda: isinstance(window.prompt, PasswordDialog) and window.prompt.isVisible(), timeout=WAIT)
    assert window.quick.password.text() == ""  # (A's password is not shown beside B's user either)
    window.prompt.reject()
    assert a.record.commands == [] and not passwords(b)


def test_a_url_without_user_is_anonymous_not_the_old_user(qtbot, window, servers):
    """It asked for "ftpgui@127.0.0.1"'s password (the old User field) and would have sent it to B."""
    a, b = servers
    connected_to_a_then_disconnected(qtbot, window, a)
    press_enter_in_host(qtbot, window, f"ftp://127.0.0.1:{b.port}")
    wait_listing(qtbot, window, "/")
    assert window.prompt is None
    assert passwords(b)[0] == "USER anonymous" and A_PASSWORD not in " ".join(b.record.commands)
    assert a.record.commands == []


def test_a_url_without_port_uses_its_schemes_port_not_the_old_one(qtbot, window, servers):
    a, b = servers
    connected_to_a_then_disconnected(qtbot, window, a)
    press_enter_in_host(qtbot, window, f"ftp://{B_USER}:{B_PASSWORD}@127.0.0.1")
    dialled = lambda: window.remote_browser.endpoint  # noqa: E731 (A's until the new connect starts)
    qtbot.waitUntil(lambda: dialled() is not None and dialled().port != a.port, timeout=WAIT)
    assert dialled().port == 21 and window.quick.port.text() == "21"
    window.act_disconnect.trigger()
    qtbot.waitUntil(lambda: "Not connected" in window.state_label.text(), timeout=WAIT)
    assert a.record.commands == [] and b.record.commands == []


def test_a_port_typed_for_this_connect_fills_what_the_url_leaves_out(qtbot, window, servers):
    a, b = servers
    connected_to_a_then_disconnected(qtbot, window, a)
    port = window.quick.port
    port.setFocus()
    port.selectAll()
    QTest.keyClicks(port, str(b.port))
    press_enter_in_host(qtbot, window, f"ftp://{B_USER}:{B_PASSWORD}@127.0.0.1")
    wait_listing(qtbot, window, "/")
    assert passwords(b) == [f"USER {B_USER}", f"PASS {B_PASSWORD}"] and a.record.commands == []


def test_the_old_password_goes_to_its_own_account_and_server_only(qtbot, window, servers):
    """The same fields again (Enter in the host field) are the same account: its password goes. A URL naming A's
    user on B's port is another server: asked, A's password not sent nor shown; typed again, it goes to A."""
    a, b = servers
    connected_to_a_then_disconnected(qtbot, window, a)
    bar = window.quick
    QTest.keyClick(bar.host, Qt.Key.Key_Return)
    wait_listing(qtbot, window, "/")
    assert passwords(a) == [f"USER {A_USER}", f"PASS {A_PASSWORD}"]
    window.act_disconnect.trigger()
    qtbot.waitUntil(lambda: "Not connected" in window.state_label.text() and "QUIT" in a.record.verbs(), timeout=WAIT)
    a.record.commands.clear()
    press_enter_in_host(qtbot, window, f"ftp://{A_USER}@127.0.0.1:{b.port}")
    qtbot.waitUntil(lambda: isinstance(window.prompt, PasswordDialog) and window.prompt.isVisible(), timeout=WAIT)
    window.prompt.reject()
    assert not passwords(b) and a.record.commands == [] and bar.password.text() == ""
    bar.password.setFocus()
    QTest.keyClicks(bar.password, A_PASSWORD)  # typed for this connect, beside the user the URL names
    press_enter_in_host(qtbot, window, f"ftp://{A_USER}@127.0.0.1:{a.port}")
    wait_listing(qtbot, window, "/")
    assert passwords(a) == [f"USER {A_USER}", f"PASS {A_PASSWORD}"] and not passwords(b)


def test_a_password_typed_beside_another_user_is_not_sent_as_the_urls_user(qtbot, window, servers):
    """The User field says ftpgui, the URL user: which the password is for is unclear, so it is asked."""
    a, b = servers
    bar = window.quick
    for field, text in ((bar.user, A_USER), (bar.password, B_PASSWORD)):
        field.setFocus()
        QTest.keyClicks(field, text)
    press_enter_in_host(qtbot, window, f"ftp://{B_USER}@127.0.0.1:{b.port}")
    qtbot.waitUntil(lambda: isinstance(window.prompt, PasswordDialog) and window.prompt.isVisible(), timeout=WAIT)
    window.prompt.reject()
    assert not passwords(b) and a.record.commands == []
