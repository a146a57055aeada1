"""The Mode box and its note are about the browsing connection (or, with nothing connected, the next one); a
connection shown in the picker whose mode is not the box's has its own mode said beside the picker (design
note 368; QA: after Disconnect, "被动（默认）" beside the box while the picker still showed the connection that
had used active; "Transfer 4" in active beside "Passive (the default)").

The real window, a real pyftpdlib server on loopback, the panel docked 360 px wide, English and Chinese."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from test_mode_choice_window import config, listed, pick_while_connected, shown  # noqa: F401 (config: a fixture)
from test_modepanel_fit import SCREENS, language  # noqa: F401 (language: a fixture)

from guihelpers import WAIT, close_window, fill_server, quick_connect
from memkeyring import memory_keyring  # noqa: F401 (fixture)

pytestmark = pytest.mark.gui
WORDS = {
    "en": ("This connection: active", "(next connection: the default)", "Passive"),
    "zh_CN": ("此连接：主动", "（下一个连接：默认）", "被动"),
}


def newest_mode(panel) -> str:
    conn = panel.connection
    exchanges = conn.exchanges() if conn is not None else []
    return exchanges[-1].mode if exchanges else ""


def test_the_panel_says_the_mode_of_the_connection_it_shows(qtbot, config, make_server, language):  # noqa: F811
    this_active, next_default, passive = WORDS[language]
    srv = make_server("127.0.0.1")
    fill_server(srv)
    window = shown(qtbot)
    panel = window.mode_panel
    window.mode_dock.show()
    window.resizeDocks([window.mode_dock], [360], Qt.Orientation.Horizontal)
    try:
        quick_connect(qtbot, window, srv)
        listed(qtbot, window)
        qtbot.waitUntil(lambda: newest_mode(panel) == "passive", timeout=WAIT)
        assert not panel.shown_mode.isVisible()  # the browsing connection, in the box's mode: nothing more

        pick_while_connected(qtbot, window, "active")  # the browsing connection again, in active mode
        qtbot.waitUntil(lambda: panel.connection.open and newest_mode(panel) == "active", timeout=WAIT)
        assert panel.mode() == "active" and not panel.shown_mode.isVisible()

        window.disconnect_server()  # the box: the next connection's mode; the picker: the closed one, active
        qtbot.waitUntil(lambda: not panel.connection.open, timeout=WAIT)
        assert panel.mode() == "active"  # (the bar names the server still: its Connect uses the mode kept for it)
        window.quick.port.setText("1")  # another server named in the bar: the default
        assert panel.mode() == "passive" and panel.mode_box.currentText() == passive
        assert panel.mode_note.text() == next_default
        qtbot.waitUntil(panel.shown_mode.isVisible, timeout=WAIT)
        assert panel.shown_mode.text() == this_active
        label = panel.shown_mode
        assert label.width() >= label.sizeHint().width(), "the words cut"
        right = label.mapTo(panel, label.rect().topRight()).x()
        assert right <= panel.width(), "beyond the dock's edge"
        SCREENS.mkdir(parents=True, exist_ok=True)
        assert window.mode_dock.grab().save(str(SCREENS / f"modepanel-shown-mode-360-{language}.png"))

        # picked again with nothing connected: the box's note says the next connection; the picker's stays
        panel.mode_box.setCurrentIndex(panel.mode_box.findData("auto"))
        assert panel.shown_mode.isVisible() and panel.shown_mode.text() == this_active
    finally:
        close_window(qtbot, window)


def test_a_transfer_in_another_mode_has_its_mode_said(qtbot, config, make_server, tmp_path, language):  # noqa: F811
    """QA: "Transfer 4 — u@127.0.0.1:30403" in the picker, the picture "Active — data connection #1", the box
    "Passive (the default)". A download made in active mode, the browsing connection back in passive: the
    picker pinned to the transfer says its own mode; on the browsing connection nothing more."""
    this_active = WORDS[language][0]
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
        qtbot.waitUntil(lambda: panel.connection.open and newest_mode(panel) == "passive", timeout=WAIT)
        assert panel.mode() == "passive" and not panel.shown_mode.isVisible()

        transfer = next(cid for cid in panel.scene.connections if panel.connections.role(cid).kind == "transfer")
        panel.select_connection(transfer)
        qtbot.waitUntil(lambda: newest_mode(panel) == "active", timeout=WAIT)
        qtbot.waitUntil(panel.shown_mode.isVisible, timeout=WAIT)
        assert panel.shown_mode.text() == this_active
        SCREENS.mkdir(parents=True, exist_ok=True)
        assert window.mode_dock.grab().save(str(SCREENS / f"modepanel-shown-transfer-360-{language}.png"))
    finally:
        close_window(qtbot, window)
