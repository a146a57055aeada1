"""Filename filters in the window, against a real pyftpdlib server: both panes hide what the filters hide and
say how many; the quick filter box; Ctrl+F and Esc; the Filters dialog; the filter for folder transfers."""

from __future__ import annotations

import json
import os

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QKeySequence

from ftpgui import filters
from ftpgui.filters import Filters, Rule
from ftpgui.transfers.items import DONE
from ftpgui.ui.filters_dialog import FiltersDialog
from ftpgui.ui.main_window import MainWindow

from guihelpers import WAIT, close_window, names, open_window, quick_connect, wait_listing
from memkeyring import memory_keyring  # noqa: F401 (fixture: never the real keychain)

pytestmark = pytest.mark.gui


@pytest.fixture
def srv(make_server):
    srv = make_server("127.0.0.1")
    for name, size in (("keep.txt", 10), ("junk.tmp", 3), ("more.tmp", 4), ("big.iso", 5000)):
        with open(srv.path(name), "wb") as f:
            f.write(b"x" * size)
    os.makedirs(srv.path("tree", "sub"))
    for parts in (("tree", "a.txt"), ("tree", "skip.tmp"), ("tree", "sub", "b.txt"), ("tree", "sub", "c.tmp")):
        with open(srv.path(*parts), "wb") as f:
            f.write(b"data")
    return srv


@pytest.fixture
def local(tmp_path):
    folder = tmp_path / "local"
    folder.mkdir()
    for name in ("here.txt", "old.tmp", "new.tmp"):
        (folder / name).write_bytes(b"l")
    return folder


def open_connected(qtbot, srv, local):
    w = open_window(qtbot)
    w.local.set_path(str(local))
    quick_connect(qtbot, w, srv)
    wait_listing(qtbot, w, "/")
    return w


def local_names(w) -> list:
    proxy, root = w.local.list_proxy, w.local.view.rootIndex()
    return sorted(proxy.index(r, 0, root).data() for r in range(proxy.rowCount(root)))


def test_filters_hide_rows_in_both_panes_and_say_how_many(qtbot, config, srv, local):
    filters.save(Filters([Rule("temporary", pattern="*.tmp"), Rule("big", larger_than=1000)], ["temporary"]))
    w = open_connected(qtbot, srv, local)
    try:
        f = w.filtering
        assert sorted(names(w)) == ["big.iso", "keep.txt", "tree"]
        assert f.remote_bar.notice.isVisible() and f.remote_bar.notice.text() == "2 hidden by filters"
        qtbot.waitUntil(lambda: local_names(w) == ["here.txt"], timeout=WAIT)
        qtbot.waitUntil(lambda: f.local_bar.notice.text() == "2 hidden by filters", timeout=WAIT)
        assert "temporary" in f.remote_bar.notice.toolTip()
        # nothing hidden: nothing said
        filters.save(Filters([Rule("temporary", pattern="*.tmp")], []))
        f.filters = filters.load()
        f.apply()
        assert sorted(names(w)) == ["big.iso", "junk.tmp", "keep.txt", "more.tmp", "tree"]
        assert not f.remote_bar.notice.isVisible()
        qtbot.waitUntil(lambda: len(local_names(w)) == 3, timeout=WAIT)
        assert not f.local_bar.notice.isVisible()
    finally:
        close_window(qtbot, w)


def test_the_filters_dialog_defines_saves_and_refuses_a_bad_regex(qtbot, config, srv, local):
    w = open_connected(qtbot, srv, local)
    try:
        w.filtering.act_filters.trigger()
        dialog = w.prompt
        assert isinstance(dialog, FiltersDialog)
        dialog.new_button.click()
        dialog.form.name.setText("no temp")
        dialog.form.pattern.setText("(a+)+")
        dialog.form.regex.setChecked(True)
        dialog.on_all.setChecked(True)
        dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
        assert dialog.isVisible() and dialog.error.isVisible()
        assert "could take forever" in dialog.error.text()
        dialog.form.pattern.setText(r"\.tmp$")
        dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
        qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT)
        saved = json.loads((config / "filters.json").read_text())
        assert saved["global_on"] == ["no temp"] and saved["rules"][0]["pattern"] == r"\.tmp$"
        assert sorted(names(w)) == ["big.iso", "keep.txt", "tree"]
        assert w.filtering.remote_bar.notice.text() == "2 hidden by filters"
    finally:
        close_window(qtbot, w)


def activate(qtbot, w) -> None:
    w.activateWindow()
    if QGuiApplication.platformName() == "offscreen":
        qtbot.waitUntil(w.isActiveWindow)  # the plain-FTP question was the active window a moment ago


def ctrl_f(qtbot, w, view) -> None:
    before = w.filtering.dialog
    qtbot.keyClick(view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    if QGuiApplication.platformName() != "offscreen" and not w.focusWidget().inherits("QLineEdit"):
        w.filtering.act_quick.trigger()  # Xvfb has no window manager to activate the window
    assert w.filtering.dialog is before


def test_quick_filter_ctrl_f_and_escape(qtbot, config, srv, local):
    w = open_connected(qtbot, srv, local)
    try:
        f = w.filtering
        assert f.act_quick.shortcut() == QKeySequence("Ctrl+F")
        activate(qtbot, w)
        w.set_active_side("remote")
        ctrl_f(qtbot, w, w.remote.view)
        assert f.remote_bar.edit is w.focusWidget()
        qtbot.keyClicks(f.remote_bar.edit, "TMP")
        qtbot.waitUntil(lambda: sorted(names(w)) == ["junk.tmp", "more.tmp"], timeout=WAIT)
        assert f.remote_bar.notice.text() == "3 hidden by the quick filter"
        f.remote_bar.set_text("*.iso")
        assert names(w) == ["big.iso"]
        qtbot.keyClick(f.remote_bar.edit, Qt.Key.Key_Escape)
        assert f.remote_bar.text() == "" and len(names(w)) == 5 and not f.remote_bar.notice.isVisible()
        qtbot.keyClick(f.remote_bar.edit, Qt.Key.Key_Escape)  # a second Esc: back to the list
        assert w.focusWidget() is w.remote.view
        # the local pane: its own box
        w.set_active_side("local")
        ctrl_f(qtbot, w, w.local.view)
        assert f.local_bar.edit is w.focusWidget()
        f.local_bar.set_text("here")
        qtbot.waitUntil(lambda: local_names(w) == ["here.txt"], timeout=WAIT)
        qtbot.waitUntil(lambda: f.local_bar.notice.text() == "2 hidden by the quick filter", timeout=WAIT)
        assert len(names(w)) == 5  # the remote pane keeps its own
        # a new folder keeps the box: the parent folder is filtered too, and the way back still works
        w.local.up()
        w.local.set_path(str(local))
        qtbot.waitUntil(lambda: local_names(w) == ["here.txt"], timeout=WAIT)
    finally:
        close_window(qtbot, w)


@pytest.mark.parametrize("for_transfers", [True, False], ids=["filtered", "unfiltered"])
def test_the_transfer_filter_skips_files_in_a_folder_download(qtbot, config, srv, tmp_path, for_transfers):
    filters.save(Filters([Rule("temporary", pattern="*.tmp", applies_to="files")], ["temporary"], for_transfers))
    target = tmp_path / "down"
    target.mkdir()
    w = open_connected(qtbot, srv, target)
    try:
        w.request_download([("/tree", True, None)], str(target))
        qtbot.waitUntil(
            lambda: w.queue.model.items() and all(i.state == DONE for i in w.queue.model.items()), timeout=WAIT
        )
        got = sorted(os.path.relpath(os.path.join(d, n), target) for d, _s, fs in os.walk(target) for n in fs)
        if for_transfers:
            assert got == ["tree/a.txt", "tree/sub/b.txt"]
            qtbot.waitUntil(
                lambda: "Filters left 2 entries out of the folder transfers." in w.log.toPlainText(), timeout=WAIT
            )
        else:
            assert got == ["tree/a.txt", "tree/skip.tmp", "tree/sub/b.txt", "tree/sub/c.tmp"]
    finally:
        close_window(qtbot, w)


def test_a_filter_switched_on_for_a_site_applies_to_that_site_only(qtbot, config, srv, local):
    from ftpgui.sites.store import Site, SiteStore

    from ftpserver import PASSWORD, USER

    filters.save(Filters([Rule("temporary", pattern="*.tmp")]))
    store = SiteStore(str(config / "sites.json"))
    site = Site(id="b" * 32, name="Work", protocol="ftp-plain", host=srv.host, port=srv.port, user=USER)
    store.add(site)
    store.save()
    w = MainWindow(store)
    w.show()
    try:
        w.connect_site(site, PASSWORD)
        wait_listing(qtbot, w, "/")
        assert "junk.tmp" in names(w)  # defined, not switched on
        w.filtering.act_filters.trigger()
        dialog = w.prompt
        assert dialog.on_site.isEnabled() and "Work" in dialog.on_site.text()
        assert not dialog.on_all.isChecked() and not dialog.on_site.isChecked()
        dialog.on_site.setChecked(True)
        dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
        assert sorted(names(w)) == ["big.iso", "keep.txt", "tree"]
        assert json.loads((config / "sites.json").read_text())["sites"][0]["filters"] == "temporary"
        assert json.loads((config / "filters.json").read_text())["global_on"] == []
        # the same server by quick connect: not the site, so not its filters
        quick_connect(qtbot, w, srv)
        qtbot.waitUntil(lambda: "junk.tmp" in names(w), timeout=WAIT)
        assert not w.filtering.remote_bar.notice.isVisible()
        # the site again: its filters again
        reread = SiteStore(str(config / "sites.json"))
        reread.load()
        w.connect_site(reread.get("b" * 32), PASSWORD)
        qtbot.waitUntil(lambda: sorted(names(w)) == ["big.iso", "keep.txt", "tree"], timeout=WAIT)
        assert w.filtering.remote_bar.notice.text() == "2 hidden by filters"
    finally:
        close_window(qtbot, w)


def test_the_transfer_filter_skips_files_in_a_folder_upload(qtbot, config, srv, tmp_path):
    filters.save(Filters([Rule("temporary", pattern="*.tmp"), Rule("old", before="2001-01-01")], ["temporary"], True))
    folder = tmp_path / "up"
    (folder / "inner").mkdir(parents=True)
    for name in ("send.txt", "leave.tmp", "inner/also.txt", "inner/too.tmp", "inner/ancient.txt"):
        (folder / name).write_bytes(b"u")
    os.utime(folder / "inner" / "ancient.txt", (946_684_800 - 86_400, 946_684_800 - 86_400))  # 1999-12-31
    w = open_connected(qtbot, srv, tmp_path)
    try:
        w.filtering.filters.global_on.append("old")  # switched on here, as the dialog would
        w.filtering.apply()
        w.request_upload([str(folder)], "/")
        qtbot.waitUntil(
            lambda: w.queue.model.items() and all(i.state == DONE for i in w.queue.model.items()), timeout=WAIT
        )
        up = srv.path("up")
        got = sorted(os.path.relpath(os.path.join(d, n), up) for d, _s, fs in os.walk(up) for n in fs)
        assert got == ["inner/also.txt", "send.txt"]
    finally:
        close_window(qtbot, w)
