"""The Mode box's note names the server it is about (design note 429). QA: two server tabs, tab A on server A,
tab B on server B; Active picked in tab A's Mode box, a passive download in tab B, then back to tab A: the panel
said "Mode: Active (picked for this server)" right above "Connection: Transfer 5 — anonymous@127.0.0.1:PB …
This connection: passive" — "this server" read as B, the server in the picker, while the box is about tab A's
(the panel follows the latest activity, B's download).

The real window, two real pyftpdlib servers on loopback, two tabs, the panel docked 360 px wide, English and
Chinese."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from test_mode_choice_window import config, listed, pick_while_connected, shown  # noqa: F401 (config: a fixture)
from test_mode_note_shown import newest_mode
from test_modepanel_fit import SCREENS, language  # noqa: F401 (language: a fixture)

from ftpserver import PASSWORD, USER
from guihelpers import WAIT, answer_plain_ftp, close_window, fill_server, quick_connect, type_in
from memkeyring import memory_keyring  # noqa: F401 (fixture)

pytestmark = pytest.mark.gui
BIG = 400_000  # bytes: at 16 KiB/s the download from B is still running while the test looks at tab A
WORDS = {
    "en": ("(picked for {server})", "This connection: passive", "(next connection: picked for {server})"),
    "zh_CN": ("（为 {server} 选择）", "此连接：被动", "（下一个连接：为 {server} 选择）"),
}


def inside(panel, widget) -> bool:
    """``widget`` whole (its words not cut) and within the panel's width (the dock's)."""
    right = widget.mapTo(panel, widget.rect().topRight()).x()
    words = widget.fontMetrics().horizontalAdvance(widget.text())
    return right <= panel.width() and words <= widget.contentsRect().width()


def test_the_mode_note_names_the_tabs_server_beside_another_servers_transfer(
    qtbot,
    config,  # noqa: F811
    make_server,
    tmp_path,
    language,  # noqa: F811
):
    picked, this_passive, _ = WORDS[language]
    a = make_server("127.0.0.1")
    b = make_server("127.0.0.1", throttle=16 * 1024)
    for srv in (a, b):
        fill_server(srv)
    with open(b.path("big.bin"), "wb") as f:
        f.write(b"B" * BIG)
    window = shown(qtbot)
    panel = window.mode_panel
    window.mode_dock.show()
    window.resizeDocks([window.mode_dock], [360], Qt.Orientation.Horizontal)
    try:
        tab_a = window.current_tab
        quick_connect(qtbot, window, a)
        listed(qtbot, window)
        pick_while_connected(qtbot, window, "active")  # tab A: Active, kept for server A
        qtbot.waitUntil(lambda: panel.connection.open and newest_mode(panel) == "active", timeout=WAIT)
        note_a = picked.format(server=f"{USER}@127.0.0.1:{a.port}")

        tab_b = window.new_tab()  # tab B on server B, the default mode (passive)
        quick_connect(qtbot, window, b)
        qtbot.waitUntil(lambda: "big.bin" in [e.name for e in tab_b.remote.model.entries()], timeout=WAIT)
        assert panel.mode() == "passive"
        tab_b.local.set_path(str(tmp_path))
        window.set_active_side("remote")
        tab_b.remote.select(["big.bin"])
        window.download_selected()

        def transfer_of_b_shown() -> bool:
            conn = panel.connection
            role = panel.connections.role(conn.connection_id) if conn is not None else None
            return role is not None and role.kind == "transfer" and role.port == b.port and conn.open

        qtbot.waitUntil(lambda: transfer_of_b_shown() and newest_mode(panel) == "passive", timeout=WAIT)

        # back to tab A: the panel shows its browsing connection, then B's download again as its bytes move
        # (Follow: Latest activity); the box stays about tab A's connection
        window.next_tab()
        assert window.current_tab is tab_a
        qtbot.waitUntil(transfer_of_b_shown, timeout=WAIT)
        assert panel.mode() == "active"
        qtbot.waitUntil(panel.shown_mode.isVisible, timeout=WAIT)
        assert panel.shown_mode.text() == this_passive
        # the note names server A — never "this server" beside a connection to server B
        assert panel.mode_note.isVisible() and panel.mode_note.text() == note_a
        assert str(b.port) not in panel.mode_note.text()
        assert str(b.port) in panel.connection_box.currentText()
        for widget in (panel.mode_note, panel.shown_mode):
            assert inside(panel, widget), f"{widget.text()!r} cut or beyond the dock's edge"
        SCREENS.mkdir(parents=True, exist_ok=True)
        assert window.mode_dock.grab().save(str(SCREENS / f"modepanel-mode-note-tabs-360-{language}.png"))

        window.next_tab()  # tab B: its own mode, the default, nothing picked for server B
        assert window.current_tab is tab_b and panel.mode() == "passive"
        assert str(a.port) not in panel.mode_note.text()
    finally:
        close_window(qtbot, window)


LONG_USER = "deploy-bot-for-the-customer-website-redesign-project"


def test_a_long_server_name_in_the_note_is_cut_its_user_first_its_port_whole(
    qtbot,
    config,  # noqa: F811
    make_server,
    language,  # noqa: F811
):
    """The note names the server as the picker does, "user@host:port"; in a 360 px dock a long user name is cut
    (the picker cuts it first too) or left out, the address and port stay whole, the whole note is in the
    tooltip."""
    picked, _, picked_next = WORDS[language]
    srv = make_server("127.0.0.1")
    fill_server(srv)
    srv.handler.authorizer.add_user(LONG_USER, PASSWORD, srv.root, perm="elr")
    window = shown(qtbot)
    panel = window.mode_panel
    window.mode_dock.show()
    window.resizeDocks([window.mode_dock], [360], Qt.Orientation.Horizontal)
    note = panel.mode_note
    try:
        type_in(window, srv.host, str(srv.port), LONG_USER, PASSWORD)
        answer_plain_ftp(qtbot, window)
        listed(qtbot, window)
        pick_while_connected(qtbot, window, "active")
        whole = picked.format(server=f"{LONG_USER}@127.0.0.1:{srv.port}")
        assert note.note == whole and note.toolTip().startswith(whole + "\n")
        qtbot.waitUntil(lambda: note.text() != whole, timeout=WAIT)  # (laid out in the dock: cut)
        assert f"…@127.0.0.1:{srv.port}" in note.text() and note.text().startswith(picked.split("{")[0])
        assert inside(panel, note), f"{note.text()!r} cut or beyond the dock's edge"

        window.disconnect_server()  # the bar names the server still: its next connection's mode, named so
        whole = picked_next.format(server=f"{LONG_USER}@127.0.0.1:{srv.port}")
        qtbot.waitUntil(lambda: note.note == whole, timeout=WAIT)
        qtbot.waitUntil(lambda: note.text() != whole, timeout=WAIT)
        assert f"127.0.0.1:{srv.port}" in note.text()  # (the user cut, or gone: the tooltip has it whole)
        assert inside(panel, note), f"{note.text()!r} cut or beyond the dock's edge"
        SCREENS.mkdir(parents=True, exist_ok=True)
        assert window.mode_dock.grab().save(str(SCREENS / f"modepanel-mode-note-long-360-{language}.png"))
    finally:
        close_window(qtbot, window)
