# ruff: noqa: F811 (the fixtures imported below are parameters of the tests)
"""Server tabs found wanting by a person's QA round (design notes 302-304): the first tab closed, later
connections still log in (the first-run welcome box lived in it); the mode panel's "Follow: Browsing" follows
the browsing connection of the tab shown, not another tab's; an upload into a background tab's folder shows
there as it ended, not as the 0 B file it was while it came. Two real pyftpdlib servers, the real window."""

from __future__ import annotations

import os

import pytest
from PySide6.QtCore import Qt
from test_server_tabs import both, browsing, names, press, two, window  # noqa: F401 (fixtures)

from ftpgui.transfers.items import DONE
from ftpgui.ui.modepanel import connections as cl

from guihelpers import WAIT, quick_connect

pytestmark = pytest.mark.gui


def test_after_the_first_tab_is_closed_a_new_connection_still_logs_in(qtbot, both, two):
    """Closing the first tab took the welcome box with it (it was put in the first tab's remote pane): every
    later login stopped at ``self.welcome.hide()`` — "Logging in…" for good, the remote pane empty."""
    w, _tab_a, tab_b = both
    a, _b = two
    w.close_tab(0)
    assert w.tabs == [tab_b] and w.current_tab is tab_b
    qtbot.wait(0)  # (the closed tab's widgets are deleted now)
    press(qtbot, w, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    tab_c = w.current_tab
    assert tab_c is not tab_b
    quick_connect(qtbot, w, a)
    qtbot.waitUntil(lambda: browsing(tab_c, a), timeout=WAIT)
    assert names(tab_c) == ["slow", "sub", "a.txt", "b.bin", "same.txt"]
    assert w.state_label.text() == f"Connected to 127.0.0.1:{a.port}"
    assert not w.welcome.isVisible()  # (the window's, in the tab shown: still there to hide)
    w._welcome_if_no_sites()  # (the site manager's OK, after the first tab was closed: no error)


def test_a_failure_after_login_is_said_not_left_logging_in(qtbot, window, two, monkeypatch):
    """What the window does once logged in failing (a bug, as the deleted welcome box was) ends the connect
    in words — "Not connected", the error in the log — instead of "Logging in…" for good."""
    w = window
    a, _b = two

    def broken(*_args):
        raise RuntimeError("Internal C++ object (QFrame) already deleted.")

    monkeypatch.setattr(w.queue_logins, "server", broken)
    with qtbot.capture_exceptions() as caught:  # (on stderr as ever)
        quick_connect(qtbot, w, a)
        qtbot.waitUntil(lambda: w.state_label.text() == "Not connected", timeout=WAIT)
    assert [type(exc) for _t, exc, _tb in caught] == [RuntimeError]
    said = [text for kind, text, *_ in w.log.lines if kind == "error"]
    assert said and "an internal error: RuntimeError: Internal C++ object (QFrame) already deleted." in said[-1]
    assert not w.remote_browser.connected and not w.connecting


def test_the_welcome_box_moves_to_the_tab_shown(qtbot, window):
    """No saved sites: the welcome box is above the remote list of the tab shown — a new tab's too — and
    closing the tab it was in leaves it to the next."""
    w = window
    assert w.welcome.isVisibleTo(w) and w.tabs[0].remote.isAncestorOf(w.welcome)
    press(qtbot, w, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    second = w.current_tab
    assert second.remote.isAncestorOf(w.welcome) and w.welcome.isVisibleTo(w)
    w.close_tab(1)
    assert w.tabs[0].remote.isAncestorOf(w.welcome)
    press(qtbot, w, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    w.close_tab(0)
    qtbot.wait(0)
    assert w.current_tab.remote.isAncestorOf(w.welcome) and w.welcome.isVisibleTo(w)


def test_follow_browsing_shows_the_browsing_connection_of_the_tab_shown(qtbot, both, two):
    """Tabs A and B; a listing in B, the person switches to A and picks Follow: Browsing — the panel showed
    B's connection (the newest browsing activity), and jumped to B's each time B listed."""
    w, tab_a, tab_b = both
    panel = w.mode_panel
    a, _b = two
    a.gate.release.set()
    w.navigate("/", refresh=True)  # F5 in B
    qtbot.waitUntil(lambda: browsing(tab_b, two[1]), timeout=WAIT)
    w.next_tab()  # to A
    assert w.current_tab is tab_a
    panel.set_follow(cl.PINNED)
    panel.set_follow(cl.FOLLOW_BROWSING)
    a_id, b_id = tab_a.remote_browser.connection.connection_id, tab_b.remote_browser.connection.connection_id
    assert panel.connection.connection_id == a_id
    with w.acting(tab_b):  # B lists again, in the background
        w.navigate("/sub", refresh=True)
    qtbot.waitUntil(lambda: tab_b.remote.path == "/sub" and not tab_b.remote_browser.connection.busy, timeout=WAIT)
    qtbot.waitUntil(lambda: panel.connections.active_at(b_id) is not None, timeout=WAIT)
    assert panel.connection.connection_id == a_id
    w.next_tab()  # to B: the panel follows the tab (as it did)
    assert panel.connection.connection_id == b_id
    w.navigate("/", refresh=True)
    qtbot.waitUntil(lambda: browsing(tab_b, two[1]), timeout=WAIT)
    assert panel.connection.connection_id == b_id


def test_an_upload_into_a_background_tabs_folder_shows_its_size_there(qtbot, both, two, tmp_path):
    """The queue uploads into tab B's folder while tab A is shown: B's list shows the file as it ended, not
    the part the server listed while it came (B listed meanwhile)."""
    w, tab_a, tab_b = both
    _a, b = two
    (tmp_path / "new.bin").write_bytes(b"n" * 48_000)  # (server B takes 16 KiB a second: B lists while it comes)
    with w.acting(tab_b):
        w.request_upload([str(tmp_path / "new.bin")], "/")
    w.next_tab()  # to A
    assert w.current_tab is tab_a
    qtbot.waitUntil(lambda: os.path.exists(b.path("new.bin")), timeout=WAIT)
    with w.acting(tab_b):
        w.navigate("/", refresh=True)
    qtbot.waitUntil(lambda: "new.bin" in names(tab_b), timeout=WAIT)
    item = w.queue.model.items()[-1]
    qtbot.waitUntil(lambda: item.state == DONE, timeout=WAIT)
    assert os.path.getsize(b.path("new.bin")) == 48_000
    qtbot.waitUntil(
        lambda: any(e.name == "new.bin" and e.size == 48_000 for e in tab_b.remote.model.entries()), timeout=WAIT
    )
    assert w.current_tab is tab_a
