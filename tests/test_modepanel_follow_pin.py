"""The mode panel follows the connections a person makes (QA, design notes 381–383), in the real main window
against real pyftpdlib servers on loopback:

- a pin, and a diagnosis that showed its attempt meanwhile, do not keep the panel on a closed connection to a
  server the window left: a quick connect to another server takes the panel to its browsing connection, and
  Follow is back to what it was before the pin; while the pin holds, the pinned connection's next listing
  brings the panel back from the diagnosis' attempt;
- Follow: Latest activity does not stay on a transfer connection that closed when another connection opened a
  data connection after it (a mode change during a download: the browsing connection's active listing);
- the line "This connection: …" coming and going moves nothing below it (a 360 px dock, English and Chinese).
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication
from test_mode_choice_window import (  # noqa: F401 (config: a fixture)
    config,
    connect_site,
    listed,
    pick_while_connected,
    save_lab,
    shown,
)
from test_modepanel_fit import SCREENS, language  # noqa: F401 (language: a fixture)

from ftpgui.ui.modepanel import connections as cl

from ftpserver import USER
from guihelpers import WAIT, close_window, fill_server, quick_connect, wait_listing
from memkeyring import memory_keyring  # noqa: F401 (fixture)

pytestmark = pytest.mark.gui

BIG = 1_000_000  # bytes: at THROTTLE, a download of ten seconds
THROTTLE = 100_000  # bytes a second


def shown_id(panel):
    conn = panel.connection
    return conn.connection_id if conn is not None else None


def on_browsing(window) -> bool:
    browser = window.browser
    return browser is not None and shown_id(window.mode_panel) == browser.connection_id


def pinned_then_diagnosed(qtbot, window) -> int:
    """Follow: This connection (pinned) on the browsing connection, then Diagnose this server (the panel's
    button): the attempt is shown, the pin is still the person's. Returns the pinned connection's id."""
    panel = window.mode_panel
    browsing = window.browser.connection_id
    assert panel.connection_box.currentData() == browsing
    panel.follow_box.setCurrentIndex(cl.FOLLOWS.index(cl.PINNED))  # picked like a person: the one shown pinned
    diagnosis = panel.diagnosis
    qtbot.waitUntil(diagnosis.button.isEnabled, timeout=WAIT)
    with qtbot.waitSignal(diagnosis.finished, timeout=60000):
        qtbot.mouseClick(diagnosis.button, Qt.MouseButton.LeftButton)
    assert panel.connections.role(shown_id(panel)).kind == cl.DIAGNOSIS  # the attempt is shown…
    assert panel.follow() == cl.PINNED  # …and Follow says the pin
    return browsing


def test_after_a_diagnosis_the_pinned_connection_takes_the_panel_back(qtbot, config, make_server):  # noqa: F811
    """The diagnosis shows its attempt; the pin stays on the connection the person pinned, whose next listing
    brings the panel back to it (it used to move the pin to the diagnosis' closed connection)."""
    srv = make_server("127.0.0.1")
    fill_server(srv)
    window = shown(qtbot)
    panel = window.mode_panel
    try:
        quick_connect(qtbot, window, srv)
        listed(qtbot, window)
        browsing = pinned_then_diagnosed(qtbot, window)
        window.navigate("/sub", refresh=True)  # the pinned connection lists: the panel is back on it
        wait_listing(qtbot, window, "/sub")
        qtbot.waitUntil(lambda: on_browsing(window), timeout=WAIT)
        assert window.browser.connection_id == browsing and panel.follow() == cl.PINNED
    finally:
        close_window(qtbot, window)


@pytest.mark.parametrize("how", ["quick connect", "site"])
def test_a_connect_to_another_server_ends_a_pin_left_on_a_diagnosis(
    qtbot,
    config,  # noqa: F811
    make_server,
    memory_keyring,  # noqa: F811
    how,
):
    """QA: the picker pinned to "Browsing", Diagnose (its attempt shown, the pin on it), Disconnect, a quick
    connect to server B: the title said B, the panel still drew the closed diagnosis connection to A. The same
    through a saved site (Site Manager's Connect)."""
    first, second = make_server("127.0.0.1"), make_server("127.0.0.1")
    for srv in (first, second):
        fill_server(srv)
    if how == "site":
        save_lab(second, memory_keyring)
    window = shown(qtbot)
    panel = window.mode_panel
    try:
        quick_connect(qtbot, window, first)
        listed(qtbot, window)
        pinned_then_diagnosed(qtbot, window)
        window.disconnect_server()
        if how == "site":
            connect_site(qtbot, window, "lab")
        else:
            quick_connect(qtbot, window, second)
        listed(qtbot, window)
        assert window.remote_browser.endpoint.port == second.port
        qtbot.waitUntil(lambda: on_browsing(window), timeout=WAIT)
        assert panel.connection_box.currentText() == f"Browsing — {USER}@127.0.0.1:{second.port}"
        assert panel.follow() == cl.LATEST and panel.follow_box.currentText() == "Latest activity"
    finally:
        close_window(qtbot, window)


def test_latest_activity_leaves_a_closed_transfer_for_the_newer_listing(
    qtbot,
    config,  # noqa: F811
    make_server,
    tmp_path,
    monkeypatch,
):
    """QA: Mode switched to active during a download; the panel (Latest activity) stayed on the finished,
    closed Transfer 1 ("This connection: passive" beside "Mode: active"); the browsing connection's active
    listing was shown only when picked by hand."""
    monkeypatch.setattr(cl, "DWELL", 0.5)  # (a shorter dwell: the download's bytes take the panel back sooner)
    srv = make_server("127.0.0.1", throttle=THROTTLE)
    fill_server(srv)
    with open(srv.path("big.bin"), "wb") as f:
        f.write(b"x" * BIG)
    window = shown(qtbot)
    panel = window.mode_panel
    try:
        quick_connect(qtbot, window, srv)
        wait_listing(qtbot, window, "/")
        assert panel.follow() == cl.LATEST
        window.local.set_path(str(tmp_path))
        window.set_active_side("remote")
        window.remote.select(["big.bin"])
        window.download_selected()
        qtbot.waitUntil(lambda: bool(window.queue.connections()), timeout=WAIT)
        transfer = window.queue.connections()[0].connection_id
        qtbot.waitUntil(lambda: shown_id(panel) == transfer, timeout=WAIT)

        panel.mode_box.setCurrentIndex(panel.mode_box.findData("active"))  # picked like a person: it reconnects
        qtbot.waitUntil(lambda: window.remote_browser.options.mode == "active", timeout=WAIT)
        wait_listing(qtbot, window, "/")  # (the browsing connection again, listing in active mode)
        browsing = window.browser.connection_id
        qtbot.waitUntil(lambda: (panel.connections.active_at(browsing) or 0) > panel.connections.active_at(transfer))
        # the reconnect was shown; the bytes still moving bring the panel back to the download (note 179)
        qtbot.waitUntil(lambda: shown_id(panel) == transfer, timeout=WAIT)
        qtbot.waitUntil(lambda: (tmp_path / "big.bin").exists() and window.queue.is_idle(), timeout=WAIT)
        qtbot.waitUntil(lambda: not panel.scene.connections[transfer].open, timeout=WAIT)
        # the download's connection closed: the newer activity is shown, the browsing connection's active listing
        qtbot.waitUntil(lambda: on_browsing(window), timeout=WAIT)
        assert panel.follow() == cl.LATEST
        exchanges = panel.connection.exchanges()
        assert exchanges and exchanges[-1].mode == "active"
        assert not panel.shown_mode.isVisible()  # (the box's mode: nothing more said)
    finally:
        close_window(qtbot, window)


def test_the_line_about_the_connection_shown_moves_nothing_below_it(qtbot, config, make_server, tmp_path, language):  # noqa: F811
    """QA: moving to a transfer connection, "This connection: active" appeared, pushed Follow to a row of its own
    and the picture dropped ~28 px; back on the browsing connection it jumped up again."""
    srv = make_server("127.0.0.1")
    fill_server(srv)
    window = shown(qtbot)
    panel = window.mode_panel
    window.mode_dock.show()
    window.resizeDocks([window.mode_dock], [360], Qt.Orientation.Horizontal)
    try:
        quick_connect(qtbot, window, srv)
        listed(qtbot, window)
        pick_while_connected(qtbot, window, "active")  # (kept for the server: the queue's connection uses it)
        window.local.set_path(str(tmp_path))
        window.set_active_side("remote")
        window.remote.select(["a.txt"])
        window.download_selected()
        qtbot.waitUntil(lambda: (tmp_path / "a.txt").exists() and window.queue.is_idle(), timeout=WAIT)
        pick_while_connected(qtbot, window, "passive")
        qtbot.waitUntil(lambda: on_browsing(window) and panel.connection.open, timeout=WAIT)

        def where():
            QApplication.processEvents()  # (the rows are placed on the next pass)
            return tuple(w.mapTo(panel, QPoint(0, 0)) for w in (panel.tabs, panel.follow_box, panel.follow_label))

        qtbot.waitUntil(lambda: not panel.shown_mode.isVisible(), timeout=WAIT)
        before = where()
        SCREENS.mkdir(parents=True, exist_ok=True)
        assert window.mode_dock.grab().save(str(SCREENS / f"modepanel-line-hidden-360-{language}.png"))
        transfer = next(c for c in panel.scene.connections if panel.connections.role(c).kind == cl.TRANSFER)
        panel.select_connection(transfer)
        qtbot.waitUntil(panel.shown_mode.isVisible, timeout=WAIT)
        assert where() == before, "the line moved the rows below it"
        label = panel.shown_mode
        assert label.width() >= label.sizeHint().width(), "the words cut"
        assert label.mapTo(panel, label.rect().topRight()).x() <= panel.width(), "beyond the dock's edge"
        assert window.mode_dock.grab().save(str(SCREENS / f"modepanel-line-shown-360-{language}.png"))
        panel.select_connection(window.browser.connection_id)
        qtbot.waitUntil(lambda: not panel.shown_mode.isVisible(), timeout=WAIT)
        assert where() == before
    finally:
        close_window(qtbot, window)


def test_under_a_pin_the_follow_box_says_a_diagnosis_is_shown(qtbot, config, make_server, language):  # noqa: F811
    """QA: a diagnosis' attempt shown under a pin, and Follow still said "This connection (pinned)" — the pin is
    the person's, not on the attempt (note 381). It says the diagnosis is shown, whole, in its room at a 360 px
    dock (English and Chinese), and "This connection (pinned)" again once the pinned connection is back."""
    srv = make_server("127.0.0.1")
    fill_server(srv)
    window = shown(qtbot)
    panel = window.mode_panel
    window.mode_dock.show()
    window.resizeDocks([window.mode_dock], [360], Qt.Orientation.Horizontal)
    box = panel.follow_box
    try:
        quick_connect(qtbot, window, srv)
        listed(qtbot, window)
        pinned_words = cl.follow_name(cl.PINNED)
        width, place = box.width(), box.mapTo(panel, QPoint(0, 0))
        browsing = pinned_then_diagnosed(qtbot, window)
        QApplication.processEvents()
        said = box.currentText()
        assert said != pinned_words, "Follow says the pinned connection is shown: a diagnosis' attempt is"
        assert said == cl.follow_name(cl.PINNED, cl.DIAGNOSIS), said
        assert panel.connections.pinned == browsing  # (the pin is the person's still)
        # whole in its room, and nothing moved
        assert box.fontMetrics().horizontalAdvance(said) < box.width() - 20, (said, box.width())
        assert box.width() == width and box.mapTo(panel, QPoint(0, 0)) == place
        assert box.mapTo(window.mode_dock, QPoint(box.width(), 0)).x() <= window.mode_dock.width()
        SCREENS.mkdir(parents=True, exist_ok=True)
        assert window.mode_dock.grab().save(str(SCREENS / f"modepanel-pinned-diagnosis-360-{language}.png"))
        window.navigate("/sub", refresh=True)  # the pinned connection lists: the panel is back on it
        wait_listing(qtbot, window, "/sub")
        qtbot.waitUntil(lambda: on_browsing(window), timeout=WAIT)
        assert box.currentText() == pinned_words and panel.follow() == cl.PINNED
    finally:
        close_window(qtbot, window)
