"""Keys in the file lists do what they do in every file manager (Home/End/PgUp/PgDn, type to jump)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QScrollArea

from guihelpers import WAIT, close_window, filled_server, names, open_window, quick_connect, wait_listing
from memkeyring import memory_keyring  # noqa: F401 (fixture: never the real keychain)

pytestmark = pytest.mark.gui


@pytest.fixture
def connected(qtbot, tmp_path, monkeypatch, make_server):
    monkeypatch.setenv("FTPGUI_CONFIG_DIR", str(tmp_path / "config"))
    srv = filled_server(make_server)
    for i in range(60):  # enough rows for PgDn to mean something
        with open(srv.path(f"n{i:02}.txt"), "wb") as f:
            f.write(b"n")
    w = open_window(qtbot)
    quick_connect(qtbot, w, srv)
    wait_listing(qtbot, w, "/")
    yield w
    close_window(qtbot, w)


def current_name(w) -> str:
    return w.remote.model.entries()[w.remote.view.currentIndex().row()].name


def test_home_end_move_the_current_item_and_ctrl_d_downloads_it(qtbot, connected, tmp_path):
    w = connected
    view = w.remote.view
    w.set_active_side("remote")
    view.setFocus()
    listed = names(w)
    # A person clicked a cell in the Size column first: Home/End must still move between rows, not columns.
    view.setCurrentIndex(w.remote.model.index(1, 1))
    scroll = view.horizontalScrollBar().value()
    qtbot.keyClick(view, Qt.Key.Key_End)
    assert current_name(w) == listed[-1]
    assert [e.name for e in w.remote.selected_entries()] == [listed[-1]]
    assert view.horizontalScrollBar().value() == scroll
    requests = []
    w.transferRequested.connect(lambda *args: requests.append(args))
    w.act_download.trigger()
    assert [item[0] for item in requests[-1][1]] == ["/" + listed[-1]]
    qtbot.keyClick(view, Qt.Key.Key_Home)
    assert current_name(w) == listed[0]
    qtbot.keyClick(view, Qt.Key.Key_PageDown)
    assert view.currentIndex().row() > 1
    qtbot.keyClick(view, Qt.Key.Key_PageUp)
    assert view.currentIndex().row() == 0


def test_typing_a_names_first_letters_jumps_to_it(qtbot, connected):
    w = connected
    view = w.remote.view
    view.setFocus()
    view.setCurrentIndex(w.remote.model.index(0, 2))  # a cell outside the Name column
    qtbot.keyClicks(view, "b.")
    assert current_name(w) == "b.bin"
    assert [e.name for e in w.remote.selected_entries()] == ["b.bin"]


def test_local_list_keys(qtbot, connected, tmp_path):
    w = connected
    local = tmp_path / "local"
    local.mkdir()
    for name in ("alpha.txt", "beta.txt", "gamma.txt", "zeta.txt"):
        (local / name).write_bytes(b"x")
    w.local.set_path(str(local))
    qtbot.waitUntil(lambda: w.local.list_proxy.rowCount(w.local.view.rootIndex()) == 4, timeout=WAIT)
    view = w.local.view
    w.set_active_side("local")
    view.setFocus()
    w.local.select(["beta.txt"])

    def current() -> str:
        return view.currentIndex().siblingAtColumn(0).data()

    qtbot.keyClick(view, Qt.Key.Key_End)
    assert current() == "zeta.txt"
    qtbot.keyClick(view, Qt.Key.Key_Home)
    assert current() == "alpha.txt"
    qtbot.keyClicks(view, "ga")
    assert current() == "gamma.txt"


def tab_from(qtbot, w, widget) -> object:
    """Focus ``widget`` and press Tab, as a person using only the keyboard does: the widget then focused."""
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow, timeout=WAIT)
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus, timeout=WAIT)
    qtbot.keyClick(widget, Qt.Key.Key_Tab)
    return QApplication.focusWidget()


def test_tab_leaves_the_remote_list_and_the_queue_and_keeps_the_selection(qtbot, connected, tmp_path):
    """The remote list and the queue's tables are tables: Tab went from cell to cell and on to the next row
    (moving the selection a Delete would then act on), and never out of the list — Ctrl+Tab, a table's way
    out, is Next Tab here. Tab now goes on to the next widget, as from the local list."""
    w = connected
    view = w.remote.view
    w.remote.select(["a.txt"])
    for _ in range(6):  # (more than the four columns: the old Tab reached the next row)
        after = tab_from(qtbot, w, view)
        assert after is not view
        assert [e.name for e in w.remote.selected_entries()] == ["a.txt"]
    w.request_download([("/a.txt", False, 10, None), ("/b.bin", False, 5000, None)], str(tmp_path), start=False)
    table = w.queue_view.tables["queued"]
    qtbot.waitUntil(lambda: table.model().rowCount() == 2, timeout=WAIT)
    table.selectRow(0)
    for _ in range(3):
        assert tab_from(qtbot, w, table) is not table
        assert [i.row() for i in table.selectionModel().selectedRows()] == [0]


def test_tab_goes_from_each_list_to_the_filter_box_under_it(qtbot, connected):
    """The quick-filter boxes, made after the panes, came in the Tab order right after Connect, before
    anything in the panes; each now follows its own list, then its Filters… button."""
    w = connected
    tab = w.tabs[0]
    for view, bar in ((w.local.view, tab.local_filter_bar), (w.remote.view, tab.remote_filter_bar)):
        assert tab_from(qtbot, w, view) is bar.edit
        assert tab_from(qtbot, w, bar.edit) is bar.filters_button
    assert tab_from(qtbot, w, w.quick.connect_button) not in (tab.local_filter_bar.edit, tab.remote_filter_bar.edit)


def test_tab_never_lands_on_a_scroll_area_that_only_holds_other_widgets(qtbot, connected):
    """The scroll areas around the queue and the mode panel (and the diagnosis' How to fix) took a Tab stop of
    their own: Tab landed on them, nameless, with nothing shown as focused, before reaching what they hold.
    Walked through Qt's focus chain (hidden widgets too: they take their stop when shown), then with Tab."""
    w = connected
    start = w.quick.host
    stops, widget = [], start.nextInFocusChain()
    while widget is not start:
        policy = widget.focusPolicy()
        if policy & Qt.FocusPolicy.TabFocus == Qt.FocusPolicy.TabFocus and widget.isEnabled():
            stops.append(widget)
        widget = widget.nextInFocusChain()
    assert w.remote.view in stops and w.queue_view.tables["queued"] in stops  # (the walk went round)
    containers = [s for s in stops if isinstance(s, QScrollArea) and not s.accessibleName()]
    assert containers == []
    # a person's Tab from the last button of the panes goes into the queue, to its tabs
    last = w.tabs[0].remote_filter_bar.filters_button
    assert not w.welcome.isVisible()  # (connected: else its buttons come next)
    assert tab_from(qtbot, w, last) is w.queue_view.tabs.tabBar()
