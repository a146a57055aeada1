"""Several servers at once (issue 20 item 5): server tabs in the main window, each with its own browsing
connection, panes and log, one shared queue and mode panel. Two real pyftpdlib servers, the real window,
its keys and its questions answered like a person would."""

from __future__ import annotations

import os
import shutil
import threading

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QStyle, QTabBar

from ftpgui.transfers import model as queue_model
from ftpgui.transfers.items import ACTIVE, CANCELLED, DONE
from ftpgui.transfers.worker import Endpoint
from ftpgui.ui.main_window import MainWindow

from ftpserver import PASSWORD, USER
from guihelpers import WAIT, answer_plain_ftp, fill_server, open_window, quick_connect

pytestmark = pytest.mark.gui
LONG = 120_000  # ms: a safety net, not a performance limit


class Gate:
    """Holds a server's listings (LIST, MLSD, NLST) while armed, until released: a slow listing whose end
    the test decides, not a clock."""

    def __init__(self) -> None:
        self.armed = False
        self.asked = threading.Event()
        self.release = threading.Event()

    def install(self, srv) -> None:
        gate = self
        for verb in ("ftp_LIST", "ftp_MLSD", "ftp_NLST"):
            original = getattr(srv.handler, verb)

            def held(handler, path, _original=original):
                if gate.armed:
                    gate.asked.set()
                    gate.release.wait(60)  # the server's own thread waits; the other server is not held
                return _original(handler, path)

            setattr(srv.handler, verb, held)


@pytest.fixture
def two(make_server):
    """Server A (with a folder "slow" whose listing a Gate can hold) and server B, both with the same
    file name holding different bytes."""
    a = make_server("127.0.0.1")
    b = make_server("127.0.0.1", throttle=16 * 1024)
    for srv, tag in ((a, b"A"), (b, b"B")):
        fill_server(srv)
        with open(srv.path("same.txt"), "wb") as f:
            f.write(tag * 100)
    os.mkdir(a.path("slow"))
    for name in ("one.txt", "two.txt"):
        with open(a.path("slow", name), "wb") as f:
            f.write(b"s")
    with open(b.path("only-b.txt"), "wb") as f:
        f.write(b"b")
    gate = Gate()
    gate.install(a)
    a.gate = gate
    yield a, b
    gate.release.set()


@pytest.fixture
def window(qtbot, config, two):  # the servers outlive the window
    w = open_window(qtbot)
    yield w
    w.close()
    qtbot.waitUntil(lambda: not any(t.remote_browser.closing for t in w.tabs), timeout=WAIT)
    w.deleteLater()


def press(qtbot, w: MainWindow, key, modifiers) -> None:
    """A key pressed in the window, like a person: the shortcuts need the window active."""
    w.activateWindow()
    if QGuiApplication.platformName() == "offscreen":  # (the suite's platform; see test_main_window)
        qtbot.waitUntil(w.isActiveWindow, timeout=WAIT)  # a question was the active window a moment ago
    qtbot.keyClick(QApplication.focusWidget() or w, key, modifiers)


def names(tab) -> list:
    return [e.name for e in tab.remote.model.entries()]


def browsing(tab, srv, path: str = "/") -> bool:
    rb = tab.remote_browser
    return rb.connected and rb.endpoint.port == srv.port and tab.remote.path == path and not rb.connection.busy


def connect_tab(qtbot, w: MainWindow, srv) -> None:
    """Connect the current tab with the quick-connect bar, like a person; wait for the login folder."""
    tab = w.current_tab
    quick_connect(qtbot, w, srv)
    qtbot.waitUntil(lambda: browsing(tab, srv), timeout=WAIT)


@pytest.fixture
def both(qtbot, window, two):
    """Tab A browses server A, tab B (opened with Ctrl+T) server B; B is shown."""
    a, b = two
    connect_tab(qtbot, window, a)
    press(qtbot, window, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    assert len(window.tabs) == 2
    connect_tab(qtbot, window, b)
    return window, window.tabs[0], window.tabs[1]


def test_two_tabs_browse_two_servers(qtbot, both, two):
    w, tab_a, tab_b = both
    a, b = two
    assert w.current_tab is tab_b
    assert names(tab_a) == ["slow", "sub", "a.txt", "b.bin", "same.txt"]
    assert names(tab_b) == ["sub", "a.txt", "b.bin", "only-b.txt", "same.txt"]
    # each tab has its own log; the window's title, the quick-connect bar and the status bar follow the tab
    assert f"127.0.0.1:{b.port}" in tab_b.log.toPlainText()
    assert f"127.0.0.1:{b.port}" not in tab_a.log.toPlainText()
    assert w.windowTitle() == f"ftpgui — {USER}@127.0.0.1:{b.port}"
    assert w.tab_bar.isVisible() and w.tab_bar.count() == 2
    # one host on two ports: each tab says its port (both said "alice@127.0.0.1" - found by QA)
    assert w.tab_bar.tabText(0) == f"{USER}@127.0.0.1:{a.port}" and w.tab_bar.tabText(1) == f"{USER}@127.0.0.1:{b.port}"
    assert w.tab_bar.tabToolTip(0).startswith(f"{USER}@127.0.0.1:{a.port}\n")
    assert w.tab_bar.tabToolTip(1).startswith(f"{USER}@127.0.0.1:{b.port}\n")
    assert w.quick.port.text() == str(b.port)
    assert w.state_label is tab_b.state_label and tab_b.state_label.isVisibleTo(w)
    assert f":{b.port}" in w.state_label.text() and not tab_a.status_box.isVisibleTo(w)
    press(qtbot, w, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)  # to tab A
    assert w.current_tab is tab_a
    assert w.quick.port.text() == str(a.port)
    assert f":{a.port}" in w.state_label.text() and tab_a.status_box.isVisibleTo(w)
    assert w.remote is tab_a.remote and w.log is tab_a.log
    assert w.act_disconnect.isEnabled()
    # the mode panel's connection list names both browsing connections
    box = w.mode_panel.connection_box
    listed = [box.itemText(i) for i in range(box.count())]
    assert f"Browsing — {USER}@127.0.0.1:{a.port}" in listed
    assert f"Browsing — {USER}@127.0.0.1:{b.port}" in listed
    assert box.currentText() == f"Browsing — {USER}@127.0.0.1:{a.port}"  # the panel shows the tab's connection
    # a tab is disconnected on its own: the other goes on browsing
    w.disconnect_server()
    assert not tab_a.remote_browser.connected and tab_b.remote_browser.connected
    assert w.tab_bar.tabText(0) == "Not connected" and w.windowTitle() == "ftpgui"
    assert not w.act_disconnect.isEnabled()
    w.next_tab()
    assert w.act_disconnect.isEnabled() and w.windowTitle() == f"ftpgui — {USER}@127.0.0.1:{b.port}"


def test_a_slow_listing_lands_in_its_own_tab_not_the_one_shown(qtbot, both, two):
    """The trap: the listing of tab A arrives while tab B is shown. It goes to A's pane; B's is untouched."""
    w, tab_a, tab_b = both
    a, _b = two
    w.next_tab()  # tab A
    assert w.current_tab is tab_a
    a.gate.armed = True
    w.remote.navigateRequested.emit("/slow", False)  # as a double-click on "slow" asks
    assert a.gate.asked.wait(30)  # the server holds the listing
    press(qtbot, w, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)  # the person moves to tab B
    assert w.current_tab is tab_b
    before = list(tab_b.remote.model.entries())
    a.gate.release.set()
    qtbot.waitUntil(lambda: browsing(tab_a, a, "/slow"), timeout=WAIT)
    assert names(tab_a) == ["one.txt", "two.txt"]
    assert w.current_tab is tab_b and tab_b.remote.path == "/"
    assert list(tab_b.remote.model.entries()) == before
    assert names(tab_b) == ["sub", "a.txt", "b.bin", "only-b.txt", "same.txt"]
    assert tab_b.remote.path_bar.currentText() == "/"
    assert "/slow" in tab_a.remote.path_bar.currentText()
    assert "MLSD" in tab_a.log.toPlainText() or "LIST" in tab_a.log.toPlainText()
    assert "/slow" not in tab_b.log.toPlainText()


def test_a_download_from_tab_a_comes_from_server_a(qtbot, both, two, tmp_path):
    w, tab_a, tab_b = both
    a, b = two
    down_a, down_b = tmp_path / "down-a", tmp_path / "down-b"
    down_a.mkdir()
    down_b.mkdir()
    # B connected last; the person goes back to A and downloads its same.txt with Ctrl+D
    w.next_tab()
    tab_a.local.set_path(str(down_a))
    w.set_active_side("remote")
    tab_a.remote.select(["same.txt"])
    press(qtbot, w, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    # while A is shown, a download from tab B's selection (acting for B: what its own callbacks do)
    tab_b.local.set_path(str(down_b))
    tab_b.remote.select(["same.txt"])
    with w.acting(tab_b):
        w.download_selected()
    assert w.current_tab is tab_a
    qtbot.waitUntil(lambda: len(w.queue.model.items()) == 2, timeout=WAIT)
    qtbot.waitUntil(lambda: all(i.state == DONE for i in w.queue.model.items()), timeout=LONG)
    assert (down_a / "same.txt").read_bytes() == b"A" * 100
    assert (down_b / "same.txt").read_bytes() == b"B" * 100
    first, second = w.queue.model.items()
    assert w.queue.servers[first.server].label() == f"{USER}@127.0.0.1:{a.port}"
    assert w.queue.servers[second.server].label() == f"{USER}@127.0.0.1:{b.port}"
    column = [w.queue.model.index(row, queue_model.COL_SERVER).data() for row in range(2)]
    assert column == [f"{USER}@127.0.0.1:{a.port}", f"{USER}@127.0.0.1:{b.port}"]  # the queue's Server column
    # each transfer's exchange is in the log of the tab browsing its server (browsing never sends RETR)
    assert "RETR" in tab_a.log.toPlainText() and "RETR" in tab_b.log.toPlainText()


@pytest.mark.parametrize("answer", ["stay", "cancel", "keep"])
def test_closing_a_tab_with_a_transfer_running_asks(qtbot, both, two, tmp_path, answer):
    w, tab_a, tab_b = both
    _a, b = two
    with open(b.path("big.bin"), "wb") as f:
        f.write(os.urandom(1 << 20))  # 64 s at the server's 16 KiB/s: running while the question is asked
    w.navigate("/", refresh=True)
    qtbot.waitUntil(lambda: "big.bin" in names(tab_b) and not tab_b.remote_browser.connection.busy, timeout=WAIT)
    tab_b.local.set_path(str(tmp_path))
    w.set_active_side("remote")
    tab_b.remote.select(["big.bin"])
    w.download_selected()
    item = w.queue.model.items()[0]
    qtbot.waitUntil(lambda: item.state == ACTIVE and item.done > 0, timeout=LONG)
    press(qtbot, w, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)
    box = w.prompt
    assert box is not None and box.isVisible()
    assert "(1)" in box.text() and f"Transfers of {USER}@127.0.0.1:{b.port} are" in box.text()  # which one
    assert len(w.tabs) == 2  # nothing closed before the answer
    {"stay": box.stay_button, "cancel": box.cancel_button, "keep": box.keep_button}[answer].click()
    if answer == "stay":
        assert len(w.tabs) == 2 and w.current_tab is tab_b
        assert item.state == ACTIVE
        w.queue.cancel([item.id])
        qtbot.waitUntil(lambda: item.state == CANCELLED, timeout=LONG)
        return
    assert w.tabs == [tab_a] and w.current_tab is tab_a
    assert not w.tab_bar.isVisible()  # one server: no tab bar
    if answer == "cancel":
        qtbot.waitUntil(lambda: item.state == CANCELLED, timeout=LONG)
        assert not (tmp_path / "big.bin").exists()
    else:
        assert item.state == ACTIVE
        b.handler.dtp_handler.write_limit = 0  # let it finish now
        qtbot.waitUntil(lambda: item.state == DONE, timeout=LONG)
        with open(b.path("big.bin"), "rb") as f:
            assert (tmp_path / "big.bin").read_bytes() == f.read()


def test_ctrl_t_and_ctrl_w(qtbot, window, tmp_path):
    w = window
    assert len(w.tabs) == 1 and not w.tab_bar.isVisible()
    assert not w.act_close_tab.isEnabled()  # the last tab is never closed
    w.local.set_path(str(tmp_path))
    press(qtbot, w, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    assert len(w.tabs) == 2 and w.current_tab is w.tabs[1]
    new = w.tabs[1]
    assert new.local.path == str(tmp_path)  # the local pane in the current folder
    assert not new.remote_browser.connected and w.tab_bar.tabText(1) == "Not connected"
    assert w.tab_bar.isVisible() and w.act_close_tab.isEnabled()
    assert w.windowTitle() == "ftpgui" and w.quick.host.text() == ""
    press(qtbot, w, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert w.current_tab is w.tabs[0]
    press(qtbot, w, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert w.current_tab is w.tabs[1]
    for widget in (w.log, w.quick.host, w.remote.view, w.local.view, w.remote.path_bar.lineEdit()):
        widget.setFocus()  # wherever the focus is, Ctrl+Tab moves to the other tab
        before = w.current_tab
        press(qtbot, w, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
        assert w.current_tab is not before, widget
    press(qtbot, w, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    assert len(w.tabs) == 3
    third = w.tabs[2]
    side = w.tab_bar.style().styleHint(QStyle.StyleHint.SH_TabBar_CloseButtonPosition, None, w.tab_bar)
    w.tab_bar.tabButton(1, QTabBar.ButtonPosition(side)).click()  # the × of the second tab
    assert w.tabs[1:] == [third] and w.current_tab is third
    press(qtbot, w, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)  # nothing running: closes at once
    assert len(w.tabs) == 1 and w.prompt is None and not w.tab_bar.isVisible()
    press(qtbot, w, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)
    assert len(w.tabs) == 1


def test_a_background_tabs_error_goes_to_its_log_and_says_its_tab(qtbot, both, two):
    w, tab_a, tab_b = both
    a, _b = two
    w.next_tab()  # tab A
    a.gate.armed = True
    w.navigate("/slow", refresh=True)
    assert a.gate.asked.wait(30)
    w.next_tab()  # tab B is shown when the listing fails
    shutil.rmtree(a.path("slow"))
    a.gate.release.set()
    qtbot.waitUntil(lambda: bool(tab_a.log.lines) and tab_a.log.lines[-1][0] == "error", timeout=WAIT)
    assert w.current_tab is tab_b
    assert not [line for line in tab_b.log.lines if line[0] == "error"]
    assert w.statusBar().currentMessage().startswith(f"{USER}@127.0.0.1:{a.port}: ")  # (which tab: its port)
    assert names(tab_b) == ["sub", "a.txt", "b.bin", "only-b.txt", "same.txt"]


def test_a_question_from_a_background_tab_brings_its_tab_forward(qtbot, window, two):
    """Tab A connects while tab B is shown: the plain-FTP question is about A, so A comes to the front and
    the answer connects A, not B."""
    w = window
    a, _b = two
    tab_a = w.current_tab
    press(qtbot, w, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    tab_b = w.current_tab
    with w.acting(tab_a):
        w._quick_connect(Endpoint(a.host, a.port, USER, PASSWORD), "")
    assert w.current_tab is tab_b
    answer_plain_ftp(qtbot, w)  # asked by tab A's connection, answered like a person
    assert w.current_tab is tab_a
    qtbot.waitUntil(lambda: browsing(tab_a, a), timeout=WAIT)
    assert not tab_b.remote_browser.connected and tab_b.remote.path == ""
    assert w.tab_bar.tabText(0) == f"{USER}@127.0.0.1:{a.port}" and w.tab_bar.tabText(1) == "Not connected"


def test_a_background_tab_that_lost_its_server_says_so_in_its_own_status(qtbot, both, two):
    w, tab_a, tab_b = both
    a, b = two
    a.gate.release.set()
    a.stop()  # server A goes away while tab B is shown
    qtbot.waitUntil(lambda: tab_a.state_label.text() == "Connection lost", timeout=WAIT)
    assert tab_a.conn_status.reconnect_button.isVisibleTo(tab_a.status_box)
    assert "Connection lost" in w.tab_bar.tabToolTip(0)
    assert w.current_tab is tab_b and w.state_label is tab_b.state_label
    assert w.state_label.text() == f"Connected to 127.0.0.1:{b.port}"
    assert not tab_b.conn_status.reconnect_button.isVisibleTo(tab_b.status_box)
    assert w.act_disconnect.isEnabled()
    w.next_tab()
    assert w.state_label.text() == "Connection lost" and tab_a.conn_status.reconnect_button.isVisibleTo(w)
