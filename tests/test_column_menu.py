"""The file lists' columns menu (design note 434): a right click on a list's column titles lists its columns, each
ticked while shown, the name's greyed out (always shown); unticking one hides it in that side's list of every tab —
a new tab's too — and the next window keeps it hidden (the layout file) until it is ticked again. The lists still
fitted to their folders stay so: a right click on the titles is no width set by hand. The real window and lists,
connected to pyftpdlib through the quick-connect bar."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import QMenu

from guihelpers import WAIT, close_window, open_window, quick_connect, wait_listing

pytestmark = pytest.mark.gui


def right_click_titles(qtbot, header, untick: str = "", tick: str = "") -> dict:
    """A right click on ``header``: its menu's columns as {title: (ticked, enabled)}; ``untick``/``tick``: the
    column clicked in it (the menu then closes, as a click on one of its items closes it)."""
    seen: dict = {}

    def in_menu() -> None:
        menu = header.findChild(QMenu)
        seen.update({a.text(): (a.isChecked(), a.isEnabled()) for a in menu.actions()})
        for act in menu.actions():
            if act.text() in (untick, tick) and act.text():
                act.trigger()
        menu.close()

    QTimer.singleShot(0, in_menu)
    at = QPoint(10, header.height() // 2)  # (on the name's title, as a person's right click is anywhere there)
    qtbot.mousePress(header.viewport(), Qt.MouseButton.RightButton, pos=at)
    header.customContextMenuRequested.emit(at)  # (what Qt makes of the press on X11; QTest's press alone makes none)
    qtbot.mouseRelease(header.viewport(), Qt.MouseButton.RightButton, pos=at)
    qtbot.waitUntil(lambda: bool(seen), timeout=WAIT)
    return seen


def shown_titles(header) -> list:
    model = header.model()
    return [model.headerData(c, header.orientation()) for c in range(header.count()) if not header.isSectionHidden(c)]


def test_a_column_unticked_is_hidden_in_every_tab_and_in_the_next_window(qtbot, config, make_server, tmp_path):
    srv = make_server()
    (tmp_path / "local").mkdir()
    (tmp_path / "local" / "a.txt").write_bytes(b"a")
    w = open_window(qtbot)
    try:
        w.local.set_path(str(tmp_path / "local"))
        quick_connect(qtbot, w, srv)
        wait_listing(qtbot, w, "/")
        remote = w.remote.view.horizontalHeader()
        local = w.local.view.header()
        qtbot.waitUntil(lambda: local.count() > 2, timeout=WAIT)
        menu = right_click_titles(qtbot, remote)
        assert menu["Name"] == (True, False), menu  # (always shown)
        assert menu["Owner/Group"] == (True, True) and menu["Permissions"] == (True, True), menu
        right_click_titles(qtbot, remote, untick="Owner/Group")
        assert "Owner/Group" not in shown_titles(remote) and "Permissions" in shown_titles(remote)
        assert right_click_titles(qtbot, remote)["Owner/Group"] == (False, True)
        assert w.current_tab.fitters["remote"].active  # (still fitted to each folder: no width set by hand)
        right_click_titles(qtbot, local, untick="Type")
        assert "Type" not in shown_titles(local) and "Name" in shown_titles(local)
        w.new_tab()
        qtbot.waitUntil(lambda: w.local.view.header().count() > 2, timeout=WAIT)
        assert "Owner/Group" not in shown_titles(w.remote.view.horizontalHeader())
        assert "Type" not in shown_titles(w.local.view.header())
    finally:
        close_window(qtbot, w)
    w = open_window(qtbot)  # the next run's window: the same config folder
    try:
        remote = w.remote.view.horizontalHeader()
        assert "Owner/Group" not in shown_titles(remote) and "Permissions" in shown_titles(remote)
        qtbot.waitUntil(lambda: w.local.view.header().count() > 2, timeout=WAIT)
        assert "Type" not in shown_titles(w.local.view.header())
        right_click_titles(qtbot, remote, tick="Owner/Group")
        assert "Owner/Group" in shown_titles(remote)
    finally:
        close_window(qtbot, w)
    w = open_window(qtbot)
    try:
        assert "Owner/Group" in shown_titles(w.remote.view.horizontalHeader())
    finally:
        close_window(qtbot, w)
