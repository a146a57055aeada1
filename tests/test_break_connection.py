"""A Connect while the current tab is connected asks first (found by QA, design note 439): the Site Manager's
Connect and the quick-connect bar's dropped the tab's connection and reused the tab without a word. Now, as in
FileZilla ("Break current connection?"): connect in a new tab (the first stays connected), in this tab (its
connection ends), or not at all; "Don't ask again" keeps the answer in the preferences.

The real window and Site Manager, real pyftpdlib servers, the question's buttons clicked; English and Chinese."""

from __future__ import annotations

import dataclasses
import json
import os
import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox

from ftpgui import paths, settings
from ftpgui.sites.passwords import SERVICE
from ftpgui.sites.store import Site, SiteStore
from ftpgui.ui.main_window import MainWindow
from ftpgui.ui.site_manager import SiteManagerDialog

from ftpserver import PASSWORD, USER
from guihelpers import WAIT, answer_plain_ftp, close_window, filled_server, probe_dir, type_in
from memkeyring import memory_keyring  # noqa: F401 (fixture)

pytestmark = pytest.mark.gui

WORDS = {
    "en": {"title": "Break current connection?", "connected": "This tab is connected to {server}."},
    "zh_CN": {"title": "断开当前连接？", "connected": "此标签页已连接到 {server}。"},
}


@pytest.fixture(params=["en", "zh_CN"])
def language(request):
    if request.param == "zh_CN":
        request.getfixturevalue("chinese")
    return request.param


@pytest.fixture
def store(tmp_path, monkeypatch, memory_keyring):  # noqa: F811
    monkeypatch.setenv("FTPGUI_CONFIG_DIR", str(tmp_path / "config"))
    s = SiteStore()
    s.load()
    return s


@pytest.fixture
def window(qtbot, store, memory_keyring, make_server):  # noqa: F811
    """A window at 1366×768 whose Site Manager holds "Alpha" and "Beta", two pyftpdlib servers (plain FTP)."""
    servers = {}
    for sid, name in (("a", "Alpha"), ("b", "Beta")):
        srv = servers[sid] = filled_server(make_server)
        store.add(Site(id=sid, name=name, protocol="ftp-plain", host=srv.host, port=srv.port, user=USER))
        memory_keyring.entries[(SERVICE, sid)] = PASSWORD
    w = MainWindow(store)
    w.show()
    qtbot.waitExposed(w)
    w.resize(1366, 768)
    w.servers = servers
    yield w
    close_window(qtbot, w)


def browsing(tab, srv) -> bool:
    rb = tab.remote_browser
    return rb.connected and rb.endpoint.port == srv.port and not rb.connection.busy


def site_connect(qtbot, w: MainWindow, sid: str) -> None:
    """Site ▸ Site Manager…, the site selected, Connect clicked."""
    w.act_site_manager.trigger()
    dialog = w.prompt
    assert isinstance(dialog, SiteManagerDialog)
    qtbot.waitUntil(lambda: dialog.isVisible() and all(c.finished for c in dialog.calls), timeout=WAIT)
    dialog.select("site", sid)
    qtbot.mouseClick(dialog.connect_button, Qt.MouseButton.LeftButton)


def question(qtbot, w: MainWindow) -> QMessageBox:
    qtbot.waitUntil(
        lambda: isinstance(w.prompt, QMessageBox) and hasattr(w.prompt, "new_button") and w.prompt.isVisible(),
        timeout=WAIT,
    )
    return w.prompt


def alt_letters(box: QMessageBox) -> list:
    texts = [b.text() for b in box.buttons()] + [box.checkBox().text()]
    letters = [m.group(1).lower() for t in texts for m in [re.search(r"&(\w)", t)] if m]
    assert len(letters) == len(texts), texts  # every button and the box: an Alt letter
    return letters


def shoot(w: MainWindow, box: QMessageBox, name: str) -> None:
    """The question as a person sees it: the whole screen on a real X server, else the box and the window."""
    folder = probe_dir()
    if QGuiApplication.platformName() == "xcb":
        QGuiApplication.primaryScreen().grabWindow(0).save(os.path.join(folder, f"{name}-screen.png"))
    box.grab().save(os.path.join(folder, f"{name}-box.png"))
    w.grab().save(os.path.join(folder, f"{name}-window.png"))


def saved_choice() -> str:
    with open(os.path.join(paths.config_dir(), settings.FILE_NAME), encoding="utf-8") as f:
        return json.load(f).get("connect_while_connected", "")


def test_the_site_managers_connect_asks_before_breaking_the_tabs_connection(qtbot, language, window):
    w, a, b = window, window.servers["a"], window.servers["b"]
    site_connect(qtbot, w, "a")
    first = w.current_tab
    qtbot.waitUntil(lambda: browsing(first, a), timeout=WAIT)
    connection = first.remote_browser.connection

    # Beta while Alpha is connected: asked (the tab was reused, Alpha's connection dropped, nothing asked)
    site_connect(qtbot, w, "b")
    box = question(qtbot, w)
    words = WORDS[language]
    assert box.windowTitle() == words["title"]
    assert words["connected"].format(server="Alpha") in box.text() and "Beta" in box.text(), box.text()
    letters = alt_letters(box)
    assert len(set(letters)) == len(letters), letters
    assert box.defaultButton() is box.new_button
    shoot(w, box, f"break-connection-{language}")
    qtbot.mouseClick(box.new_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(w.tabs) == 2 and browsing(w.tabs[1], b), timeout=WAIT)
    assert w.current_tab is w.tabs[1]
    assert first.remote_browser.connection is connection and browsing(first, a)  # Alpha untouched
    assert [w.tab_bar.tabText(i) for i in range(2)] == ["Alpha", "Beta"]

    # Alpha again, from the Beta tab: "in this tab", and not asked again
    site_connect(qtbot, w, "a")
    box = question(qtbot, w)
    box.checkBox().setChecked(True)
    qtbot.mouseClick(box.this_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: browsing(w.tabs[1], a), timeout=WAIT)
    assert len(w.tabs) == 2 and w.current_tab is w.tabs[1]
    assert w.prefs.connect_while_connected == "this_tab" and saved_choice() == "this_tab"
    site_connect(qtbot, w, "b")  # kept: Beta in this tab at once, no question
    qtbot.waitUntil(lambda: browsing(w.tabs[1], b), timeout=WAIT)
    assert len(w.tabs) == 2 and not isinstance(w.prompt, QMessageBox)
    assert browsing(first, a)


def test_the_quick_connect_bars_connect_asks_and_cancel_keeps_the_connection(qtbot, language, window):
    w, a, b = window, window.servers["a"], window.servers["b"]
    tab = w.current_tab
    type_in(w, a.host, str(a.port))
    answer_plain_ftp(qtbot, w)
    qtbot.waitUntil(lambda: browsing(tab, a), timeout=WAIT)
    connection = tab.remote_browser.connection

    type_in(w, b.host, str(b.port))  # (the fields as a recent server fills them, then Connect)
    box = question(qtbot, w)
    target = f"{USER}@{b.host}:{b.port}"
    assert target in box.text() and f"{USER}@{a.host}:{a.port}" in box.text(), box.text()
    qtbot.mouseClick(box.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: w.prompt is None, timeout=WAIT)
    assert len(w.tabs) == 1 and tab.remote_browser.connection is connection and browsing(tab, a)
    assert w.prefs.connect_while_connected == "ask"

    type_in(w, b.host, str(b.port))
    box = question(qtbot, w)
    box.checkBox().setChecked(True)
    qtbot.mouseClick(box.new_button, Qt.MouseButton.LeftButton)
    answer_plain_ftp(qtbot, w)
    qtbot.waitUntil(lambda: len(w.tabs) == 2 and browsing(w.tabs[1], b), timeout=WAIT)
    assert browsing(tab, a) and tab.remote_browser.connection is connection
    assert saved_choice() == "new_tab"
    type_in(w, a.host, str(a.port))  # kept: a third tab, no question
    answer_plain_ftp(qtbot, w)
    qtbot.waitUntil(lambda: len(w.tabs) == 3 and browsing(w.tabs[2], a), timeout=WAIT)


def asks_and_passes_on_to_a_new_tab(qtbot, w: MainWindow, sid: str) -> None:
    """The current tab is busy (``ServerTab.busy``): the Site Manager's Connect to ``sid`` asks where (cancelled
    here), and an address another start passes on (``open_address``) opens in a new tab — this tab untouched."""
    tab = w.current_tab
    connection, tabs = tab.remote_browser.connection, len(w.tabs)
    assert tab.busy()
    site_connect(qtbot, w, sid)
    box = question(qtbot, w)
    qtbot.mouseClick(box.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: w.prompt is None, timeout=WAIT)
    assert len(w.tabs) == tabs and tab.remote_browser.connection is connection
    srv = w.servers[sid]
    w.open_address(f"ftp://{USER}:{PASSWORD}@{srv.host}:{srv.port}/")
    answer_plain_ftp(qtbot, w)  # (an address's ftp://: TLS if available, which pyftpdlib has not)
    qtbot.waitUntil(lambda: len(w.tabs) == tabs + 1 and browsing(w.tabs[-1], srv), timeout=WAIT)
    assert tab.remote_browser.connection is connection


def test_a_lost_session_and_a_connect_under_way_are_busy_for_both_ways_in(qtbot, window):
    """Design note 461: whether the tab is busy was decided twice — an address passed on by another start
    (``open_address``) also counted what Disconnect is offered for, a Connect (``connect_where``) did not. One
    predicate now (``ServerTab.busy``). Both ways in agree on a session the server lost (it comes back with the
    next action: Disconnect is offered) and on a connect still waiting for the server's greeting."""
    import socket

    from ftpgui.transfers.worker import Endpoint

    w, a = window, window.servers["a"]
    site_connect(qtbot, w, "a")
    first = w.current_tab
    qtbot.waitUntil(lambda: browsing(first, a), timeout=WAIT)
    a.stop()  # the server goes away: the keep-alive finds it lost
    qtbot.waitUntil(lambda: w.state_label.text() == "Connection lost", timeout=WAIT)
    assert first.can_disconnect and w.act_disconnect.isEnabled()
    asks_and_passes_on_to_a_new_tab(qtbot, w, "b")

    with socket.socket() as silent:  # listens, never accepts: the connect waits for a greeting that never comes
        silent.bind(("127.0.0.1", 0))
        silent.listen(1)
        w.tab_bar.setCurrentIndex(0)
        options = dataclasses.replace(w.session_defaults(), tls="off", timeout=60.0)
        w.connect_to(Endpoint("127.0.0.1", silent.getsockname()[1], USER, PASSWORD), options, "Silent")
        assert first.connecting
        asks_and_passes_on_to_a_new_tab(qtbot, w, "b")
        w.tab_bar.setCurrentIndex(0)
        w.disconnect_server()
        assert not first.busy()
