# ruff: noqa: F811 (the fixtures imported below are parameters of the tests)
"""The features built for one server work in every server tab: the quick filter and the filter strips, the
comparison, synchronized browsing, bookmarks, View/Edit, search, the connection's "logged in", the column
fitter and a site's proxy — each in the tab it was used in, never moving or colouring another tab's panes.
Two real pyftpdlib servers (A in the first tab, B in a second one opened with Ctrl+T), the real window."""

from __future__ import annotations

import dataclasses
import os
import shlex
import sys

import pytest
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication, QMessageBox
from test_proxy import proxies  # noqa: F401 (fixture)
from test_remote_edit import EDITOR
from test_server_tabs import both, browsing, names, press, two, window  # noqa: F401 (fixtures)

from ftpgui import filters
from ftpgui.filters import Filters, Rule
from ftpgui.sites.bookmarks import Bookmark
from ftpgui.sites.passwords import PasswordStore
from ftpgui.sites.store import Site, SiteStore
from ftpgui.transfers.items import DONE
from ftpgui.ui.bookmarks_menu import GLOBAL
from ftpgui.ui.compare import BY_SIZE, DIFFERENT, ONLY_HERE
from ftpgui.ui.main_window import MainWindow
from ftpgui.ui.proxy_fields import password_key

from ftpserver import PASSWORD, USER
from guihelpers import WAIT, quick_connect
from memkeyring import memory_keyring  # noqa: F401 (fixture: never the real keychain)
from proxies import OUTGOING

pytestmark = pytest.mark.gui


def settle(qtbot) -> None:
    """Let every queued signal of the moment run (a pane that would follow has had its chance)."""
    qtbot.wait(0)
    QApplication.processEvents()


def to_tab(qtbot, w: MainWindow, tab) -> None:
    w.tab_bar.setCurrentIndex(w.tabs.index(tab))
    assert w.current_tab is tab


def marks(view) -> dict:
    """The comparison's marks painted on a list (none when the list has no marking delegate)."""
    return getattr(view.itemDelegate(), "marks", {})


# --- filters --------------------------------------------------------------------------------------------
def test_a_second_tab_has_its_own_filter_strips_and_quick_filter(qtbot, both, tmp_path):
    w, tab_a, tab_b = both
    for tab in (tab_a, tab_b):
        assert tab.local_filter_bar.isVisibleTo(tab.local) and tab.remote_filter_bar.isVisibleTo(tab.remote)
    assert tab_b.remote_filter_bar is not tab_a.remote_filter_bar
    assert w.filtering.remote_bar is tab_b.remote_filter_bar  # the current tab's
    # Ctrl+F in the remote pane of tab B: B's box; typing filters B's list only, and B's strip says so
    w.set_active_side("remote")
    press(qtbot, w, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    box = QApplication.focusWidget()
    assert box is tab_b.remote_filter_bar.edit and tab_b.remote.isAncestorOf(box) and box.isVisible()
    qtbot.keyClicks(box, "only")
    qtbot.waitUntil(lambda: tab_b.remote.model.rowCount() == 1, timeout=WAIT)
    assert [tab_b.remote.model.entry(0).name] == ["only-b.txt"]
    assert tab_b.remote_filter_bar.notice.text() == "4 hidden by the quick filter"
    assert tab_b.remote.isAncestorOf(tab_b.remote_filter_bar)
    assert tab_a.remote.model.rowCount() == 5 and not tab_a.remote_filter_bar.notice.isVisibleTo(tab_a.remote)
    # back in tab A: its own box, empty; filtering A leaves B's list as it was
    press(qtbot, w, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert w.current_tab is tab_a and w.filtering.remote_bar.text() == ""
    w.filtering.remote_bar.set_text("slow")
    assert tab_a.remote.model.rowCount() == 1 and tab_b.remote.model.rowCount() == 1
    assert tab_b.remote.model.entry(0).name == "only-b.txt"


# --- compare ----------------------------------------------------------------------------------------------
def test_compare_in_a_second_tab_colours_that_tabs_panes(qtbot, both, two, tmp_path):
    w, tab_a, tab_b = both
    here = tmp_path / "here"
    here.mkdir()
    (here / "same.txt").write_bytes(b"L" * 7)  # server B's has 100 bytes
    (here / "local-only.txt").write_bytes(b"x")
    w.local.set_path(str(here))
    w.comparison.set_by(BY_SIZE)
    w.comparison.action.trigger()  # View ▸ Compare Folders, in tab B
    assert w.comparison.enabled and w.comparison.legend.isVisibleTo(w)
    qtbot.waitUntil(lambda: bool(marks(tab_b.remote.view)), timeout=WAIT)
    assert marks(tab_b.remote.view)["only-b.txt"] == ONLY_HERE
    assert marks(tab_b.remote.view)["same.txt"] == DIFFERENT
    qtbot.waitUntil(lambda: marks(tab_b.local.view).get("local-only.txt") == ONLY_HERE, timeout=WAIT)
    assert tab_b.status_box.isAncestorOf(w.comparison.legend)
    # tab A is not compared: no marks, no legend, and the View menu's Compare is off there
    assert marks(tab_a.remote.view) == {} and marks(tab_a.local.view) == {}
    to_tab(qtbot, w, tab_a)
    assert not w.comparison.action.isChecked() and not w.comparison.legend.isVisibleTo(w)
    tab_a.remote.navigateRequested.emit("/sub", False)  # a listing in tab A does not compare it either
    qtbot.waitUntil(lambda: browsing(tab_a, two[0], "/sub"), timeout=WAIT)
    settle(qtbot)
    assert marks(tab_a.remote.view) == {}
    to_tab(qtbot, w, tab_b)
    assert w.comparison.action.isChecked() and w.comparison.legend.isVisibleTo(w)


# --- synchronized browsing -----------------------------------------------------------------------------
def test_synchronized_browsing_pairs_the_panes_of_its_own_tab(qtbot, both, tmp_path):
    w, tab_a, tab_b = both
    a_port = tab_a.remote_browser.endpoint.port
    b_port = tab_b.remote_browser.endpoint.port
    local_a, local_b = tmp_path / "la", tmp_path / "lb"
    for folder in (local_a, local_b):
        (folder / "sub").mkdir(parents=True)
    tab_a.local.set_path(str(local_a))
    tab_b.local.set_path(str(local_b))
    # paired in tab A (its panes: la and /)
    to_tab(qtbot, w, tab_a)
    w.sync_browsing.action.trigger()
    assert w.sync_browsing.enabled
    # tab B is not paired: its Synchronized Browsing is off, and its moves move nothing else
    to_tab(qtbot, w, tab_b)
    assert not w.sync_browsing.action.isChecked() and not w.sync_browsing.enabled
    tab_b.remote.navigateRequested.emit("/sub", False)
    qtbot.waitUntil(lambda: tab_b.remote.path == "/sub" and not tab_b.remote_browser.connection.busy, timeout=WAIT)
    settle(qtbot)
    assert tab_b.local.path == str(local_b)
    assert tab_a.local.path == str(local_a) and tab_a.remote.path == "/"
    # paired in tab B now (lb and /sub); going up in B's remote pane takes B's local pane up, not A's
    w.sync_browsing.action.trigger()
    assert w.sync_browsing.enabled and (w.sync_browsing.local_root, w.sync_browsing.remote_root) == (
        str(local_b),
        "/sub",
    )
    tab_b.remote.navigateRequested.emit("/", False)
    qtbot.waitUntil(lambda: tab_b.local.path == str(tmp_path), timeout=WAIT)
    assert tab_a.local.path == str(local_a) and tab_a.remote.path == "/"
    # tab A's pair still works in tab A, while B is shown: A's local pane into "sub" takes A's remote pane there
    with w.acting(tab_a):
        w.local.set_path(str(local_a / "sub"))
    qtbot.waitUntil(lambda: tab_a.remote.path == "/sub", timeout=WAIT)
    assert tab_b.remote.path == "/" and tab_b.local.path == str(tmp_path)
    assert (tab_a.remote_browser.endpoint.port, tab_b.remote_browser.endpoint.port) == (a_port, b_port)
    to_tab(qtbot, w, tab_a)
    assert w.sync_browsing.action.isChecked()


# --- bookmarks --------------------------------------------------------------------------------------------
def test_a_bookmark_opens_in_the_current_tab(qtbot, both, tmp_path):
    w, tab_a, tab_b = both
    folder = tmp_path / "marked"
    folder.mkdir()
    start_a = tab_a.local.path
    assert w.bookmarks.book.put(GLOBAL, [Bookmark("Sub", str(folder), "/sub", sync=True, compare=True)])
    w.bookmarks.rebuild()
    (act,) = [a for a in w.bookmarks.menu.actions() if a.data() == (GLOBAL, "Sub")]
    act.trigger()  # tab B is shown
    qtbot.waitUntil(lambda: tab_b.remote.path == "/sub", timeout=WAIT)
    assert tab_b.local.path == str(folder)
    assert w.sync_browsing.enabled and w.comparison.enabled and w.sync_browsing.action.isChecked()
    assert tab_a.remote.path == "/" and tab_a.local.path == start_a
    to_tab(qtbot, w, tab_a)  # tab A: neither paired nor compared
    assert not w.sync_browsing.enabled and not w.comparison.enabled
    assert not w.sync_browsing.action.isChecked() and not w.comparison.action.isChecked()


# --- View / Edit --------------------------------------------------------------------------------------------
def test_edit_in_a_second_tab_uploads_to_that_tabs_server(qtbot, both, two, tmp_path):
    w, tab_a, tab_b = both
    a, b = two
    script = tmp_path / "editor.py"
    script.write_text(EDITOR)
    log = tmp_path / "editor.log"
    command = f"{shlex.quote(sys.executable)} {shlex.quote(str(script))} {shlex.quote(str(log))}"
    w.apply_preferences(dataclasses.replace(w.prefs, editor_command=command, upload_edited_without_asking=False))
    assert {w.remote_edit.act_view, w.remote_edit.act_edit} <= set(tab_b.remote.view.actions())  # context menu
    w.set_active_side("remote")
    w.remote.select(["same.txt"])
    w.remote_edit.act_edit.trigger()  # in tab B: server B's same.txt, on B's browsing connection
    qtbot.waitUntil(lambda: isinstance(w.prompt, QMessageBox) and "was saved" in w.prompt.text(), timeout=WAIT)
    box = w.prompt
    assert box.text() == f"same.txt was saved. Upload it to {USER}@{b.host}:{b.port} as\n/same.txt?"  # B's, named
    (edited,) = w.remote_edit.edited.values()
    to_tab(qtbot, w, tab_a)  # the person looks at tab A, then answers Upload
    box.yes_button.click()
    qtbot.waitUntil(lambda: not edited.busy and not edited.changed, timeout=WAIT)
    with open(b.path("same.txt"), "rb") as f:
        assert f.read() == b"B" * 100 + b"edited line\n"
    with open(a.path("same.txt"), "rb") as f:
        assert f.read() == b"A" * 100
    assert f"Uploaded /same.txt to {USER}@{b.host}:{b.port}." in tab_b.log.toPlainText()
    assert "Uploaded" not in tab_a.log.toPlainText()
    assert "STOR" not in a.record.verbs()
    w.remote_edit.cleanup()  # (the window closes without asking about the file still open)


# --- the transfer filter ----------------------------------------------------------------------------------
def test_folder_transfers_skip_what_the_filters_of_their_own_tabs_site_hide(qtbot, config, two, tmp_path):
    """Tab A browses a site with a filter switched on for it, tab B server B by quick connect: a folder queued
    in tab A and started while tab B is shown still leaves out what A's site's filters hide; B's does not."""
    a, b = two
    for srv in (a, b):
        with open(srv.path("sub", "big.bin"), "wb") as f:
            f.write(b"x" * 10)
    filters.save(Filters([Rule("binaries", pattern="*.bin", applies_to="files")], [], True))
    store = SiteStore(str(config / "sites.json"))
    site = Site(id="d" * 32, name="Filtered", protocol="ftp-plain", host=a.host, port=a.port, user=USER)
    site.filters = "binaries"
    store.add(site)
    store.save()
    down_a, down_b = tmp_path / "down-a", tmp_path / "down-b"
    down_a.mkdir()
    down_b.mkdir()
    w = MainWindow(store)
    w.show()
    qtbot.waitExposed(w)
    try:
        tab_a = w.current_tab
        w.connect_site(site, PASSWORD)
        qtbot.waitUntil(lambda: browsing(tab_a, a), timeout=WAIT)
        w.request_download([("/sub", True, None)], str(down_a), start=False)  # added paused in tab A
        tab_b = w.new_tab()
        quick_connect(qtbot, w, b)
        qtbot.waitUntil(lambda: browsing(tab_b, b), timeout=WAIT)
        w.request_download([("/sub", True, None)], str(down_b))
        w.queue.resume([item.id for item in w.queue.model.items()])  # tab A's starts while tab B is shown
        qtbot.waitUntil(
            lambda: len(w.queue.model.items()) >= 2 and all(i.state == DONE for i in w.queue.model.items()),
            timeout=WAIT,
        )
        assert sorted(os.listdir(down_a / "sub")) == ["inner.txt"]
        assert sorted(os.listdir(down_b / "sub")) == ["big.bin", "inner.txt"]
    finally:
        w.close()
        qtbot.waitUntil(lambda: not any(t.remote_browser.closing for t in w.tabs), timeout=WAIT)
        w.deleteLater()


# --- search ------------------------------------------------------------------------------------------------
def test_search_uses_the_login_of_the_tab_it_was_opened_in(qtbot, both, two):
    w, tab_a, tab_b = both
    a, b = two
    w.filtering.act_search.trigger()  # tab B
    search_b = w.filtering.search
    assert search_b.isVisible()
    search_b.form.pattern.setText("*.txt")
    to_tab(qtbot, w, tab_a)  # the person looks at tab A before pressing Search in B's dialog
    search_b.search_button.click()
    qtbot.waitUntil(lambda: not search_b.running, timeout=WAIT)
    found = sorted(search_b.results.topLevelItem(r).text(0) for r in range(search_b.results.topLevelItemCount()))
    assert found == ["a.txt", "inner.txt", "only-b.txt", "same.txt"]  # server B's
    assert search_b.conn.endpoint.port == b.port
    assert f"127.0.0.1:{b.port}" in tab_b.log.toPlainText()  # the search's exchanges: in B's log
    # tab A's search is another dialog, on server A
    w.filtering.act_search.trigger()
    search_a = w.filtering.search
    assert search_a is not search_b and search_a.isVisible()
    search_a.form.pattern.setText("*.txt")
    search_a.search_button.click()
    qtbot.waitUntil(lambda: not search_a.running, timeout=WAIT)
    found = sorted(search_a.results.topLevelItem(r).text(0) for r in range(search_a.results.topLevelItemCount()))
    assert found == ["a.txt", "inner.txt", "one.txt", "same.txt", "two.txt"]
    assert search_a.conn.endpoint.port == a.port
    # closing tab B closes its search
    w.close_tab(w.tabs.index(tab_b))
    assert not search_b.isVisible() and w.filtering.search is search_a


# --- logged in, the column fitter ---------------------------------------------------------------------------
def test_logged_in_is_each_tabs_own(qtbot, window, two):
    w = window
    a, b = two
    quick_connect(qtbot, w, a)
    qtbot.waitUntil(lambda: browsing(w.current_tab, a), timeout=WAIT)
    tab_a = w.current_tab
    assert w.logged_in and tab_a.conn_watch.logged_in()
    tab_b = w.new_tab()
    assert not w.logged_in and not tab_b.conn_watch.logged_in()  # a new tab has not logged in
    assert tab_a.conn_watch.logged_in()
    quick_connect(qtbot, w, b)
    qtbot.waitUntil(lambda: browsing(tab_b, b), timeout=WAIT)
    assert tab_b.logged_in
    w.disconnect_server()  # tab B's
    assert not tab_b.logged_in and not tab_b.conn_watch.logged_in()
    assert tab_a.logged_in and tab_a.conn_watch.logged_in()


def drag_column(view, section: int, width: int) -> None:
    """A person's resize of a column: the mouse down on the header, the width changed, the mouse up."""
    header = view.horizontalHeader()
    target = header.viewport()
    at = QPointF(header.sectionViewportPosition(section) + header.sectionSize(section) - 1, 5)
    left = Qt.MouseButton.LeftButton
    press_event = QMouseEvent(QEvent.Type.MouseButtonPress, at, target.mapToGlobal(at), left, left, Qt.NoModifier)
    QApplication.sendEvent(target, press_event)
    header.resizeSection(section, width)
    QApplication.sendEvent(
        target,
        QMouseEvent(
            QEvent.Type.MouseButtonRelease,
            at,
            target.mapToGlobal(at),
            Qt.MouseButton.LeftButton,
            Qt.MouseButton.NoButton,
            Qt.NoModifier,
        ),
    )


def test_each_tab_fits_its_own_columns_until_resized_there(qtbot, both):
    _w, tab_a, tab_b = both
    header_a, header_b = tab_a.remote.view.horizontalHeader(), tab_b.remote.view.horizontalHeader()
    # tab B's columns are fitted to each folder it lists (a width set by the program, not a person, gives way)
    header_b.resizeSection(0, 40)
    tab_b.remote.navigateRequested.emit("/sub", False)
    qtbot.waitUntil(lambda: tab_b.remote.path == "/sub" and header_b.sectionSize(0) > 40, timeout=WAIT)
    for tab in (tab_a, tab_b):
        assert tab.fitters["remote"].view is tab.remote.view and tab.fitters["remote"].active
        assert tab.fitters["local"].view is tab.local.view and tab.fitters["local"].active
    # the person sets a width in tab B: kept there from now on; tab A still fits its own
    drag_column(tab_b.remote.view, 0, 40)
    assert not tab_b.fitters["remote"].active and tab_a.fitters["remote"].active
    tab_b.remote.navigateRequested.emit("/", False)
    qtbot.waitUntil(lambda: tab_b.remote.path == "/" and not tab_b.remote_browser.connection.busy, timeout=WAIT)
    settle(qtbot)
    assert header_b.sectionSize(0) == 40
    header_a.resizeSection(0, 40)
    tab_a.remote.navigateRequested.emit("/sub", False)
    qtbot.waitUntil(lambda: tab_a.remote.path == "/sub" and header_a.sectionSize(0) > 40, timeout=WAIT)


# --- proxy ------------------------------------------------------------------------------------------------
def test_a_sites_proxy_connects_the_tab_it_was_opened_in(
    qtbot, config, two, proxies, memory_keyring, tmp_path, monkeypatch
):
    """The proxy's password is read from the keyring off the GUI thread; a tab opened meanwhile is not the one
    that connects: the site's tab does, through the proxy, and the other tab's server is reached directly."""
    a, b = two
    socks = proxies("microsocks", user="carol", password="pr0xy-secret")
    store = SiteStore(str(config / "sites.json"))
    site = Site(id="c" * 32, name="Behind a proxy", protocol="ftp-plain", host=a.host, port=a.port, user=USER)
    site.proxy = socks.url("carol")
    store.add(site)
    PasswordStore().set(password_key(site.id), "pr0xy-secret")
    w = MainWindow(store)
    w.resize(1366, 768)
    w.show()
    qtbot.waitExposed(w)
    try:
        tab_a = w.current_tab
        w.connect_site(site, PASSWORD)
        tab_b = w.new_tab()  # Ctrl+T before the keyring has answered
        qtbot.waitUntil(lambda: browsing(tab_a, a), timeout=WAIT)
        assert tab_a.remote_browser.options.proxy is not None and tab_a._site_name == "Behind a proxy"
        assert not tab_b.remote_browser.connected and w.current_tab is tab_b
        assert {client[0] for _, client in a.record.control} == {OUTGOING}  # through the proxy
        quick_connect(qtbot, w, b)
        qtbot.waitUntil(lambda: browsing(tab_b, b), timeout=WAIT)
        assert tab_b.remote_browser.options.proxy is None
        assert OUTGOING not in {client[0] for _, client in b.record.control}  # tab B: direct
    finally:
        w.close()
        qtbot.waitUntil(lambda: not any(t.remote_browser.closing for t in w.tabs), timeout=WAIT)
        w.deleteLater()
