"""Bookmarks (issue 20 item 3): global ones in bookmarks.json, a site's with the site in sites.json; added with
Ctrl+B for the two folders shown, kept across a reload, listed in the Bookmarks menu (the current site's
too), renamed and deleted in Manage Bookmarks…, and choosing one moves both panes (and pairs them)."""

from __future__ import annotations

import json
import os

import pytest

from ftpgui.sites.bookmarks import Bookmark, GlobalBookmarks, bookmarks_from_json
from ftpgui.sites.store import Site, SiteStore
from ftpgui.ui.bookmarks_menu import GLOBAL, SITE, AddBookmarkDialog, ManageBookmarksDialog
from ftpgui.ui.main_window import MainWindow

from ftpserver import PASSWORD, USER
from guihelpers import WAIT, close_window, open_window, quick_connect, wait_listing
from memkeyring import memory_keyring  # noqa: F401 (fixture: never the real keychain)

pytestmark = pytest.mark.gui


@pytest.fixture
def sides(tmp_path, make_server):
    srv = make_server("127.0.0.1")
    local = tmp_path / "local"
    for base in (srv.path(), str(local)):
        os.makedirs(os.path.join(base, "proj", "src"))
    return srv, local


def add_bookmark(qtbot, w: MainWindow, name: str, everyone: bool, sync: bool = False) -> None:
    """Ctrl+B, like a person: the dialog holds the folders shown; a name, for whom, OK."""
    w.bookmarks.act_add.trigger()
    dialog = w.prompt
    assert isinstance(dialog, AddBookmarkDialog) and dialog.isVisible()
    assert dialog.local_dir.text() == w.local.path and dialog.remote_dir.text() == w.remote.path
    dialog.name.setText(name)
    (dialog.for_all if everyone else dialog.for_site).setChecked(True)
    dialog.sync.setChecked(sync)
    dialog.ok_button.click()
    assert not dialog.isVisible()


def choose(w: MainWindow, scope: str, name: str) -> None:
    """The Bookmarks menu's entry, triggered."""
    w.bookmarks.rebuild()
    [act] = [a for a in w.bookmarks.menu.actions() if a.data() == (scope, name)]
    act.trigger()


def test_a_global_bookmark_is_kept_and_takes_both_panes_there(qtbot, config, sides):
    srv, local = sides
    w = open_window(qtbot)
    try:
        quick_connect(qtbot, w, srv)
        wait_listing(qtbot, w, "/")
        w.local.set_path(str(local / "proj"))
        w.navigate("/proj")
        wait_listing(qtbot, w, "/proj")
        add_bookmark(qtbot, w, "Project", everyone=True, sync=True)
        assert "Bookmark Project added." in w.log.toPlainText()

        # kept: a fresh store read from the file has it
        saved = json.loads((config / "bookmarks.json").read_text())
        assert saved["version"] == 1
        again = GlobalBookmarks(str(config / "bookmarks.json"))
        again.load()
        assert again.items == [Bookmark("Project", str(local / "proj"), "/proj", sync=True)]

        # elsewhere, then the bookmark: both panes back, browsing synchronized
        w.local.set_path(str(local))
        w.navigate("/")
        wait_listing(qtbot, w, "/")
        assert w.bookmarks.entries() == [(GLOBAL, "Project")]
        choose(w, GLOBAL, "Project")
        wait_listing(qtbot, w, "/proj")
        assert w.local.path == str(local / "proj") and w.sync_browsing.enabled
        w.local.set_path(str(local / "proj" / "src"))  # and paired there
        wait_listing(qtbot, w, "/proj/src")
    finally:
        close_window(qtbot, w)

    # a new window (a new start of ftpgui) lists it too
    w = open_window(qtbot)
    try:
        assert w.bookmarks.entries() == [(GLOBAL, "Project")]
    finally:
        close_window(qtbot, w)


def test_a_bookmark_pairs_only_folders_the_panes_reached(qtbot, config, sides, monkeypatch):
    """A bookmark whose folder could not be opened paired it all the same: every move after it was followed to
    a counterpart of nothing ("/gone/src could not be opened", with a Create It that could only fail). A local
    folder typed as ~/… (the local pane takes it so) was said not to exist."""
    srv, local = sides
    monkeypatch.setenv("HOME", str(local))
    w = open_window(qtbot)
    try:
        quick_connect(qtbot, w, srv)
        wait_listing(qtbot, w, "/")
        w.local.set_path(str(local))
        w.bookmarks.go(Bookmark("Gone", str(local / "proj"), "/gone", sync=True))
        qtbot.waitUntil(lambda: "remote folder /gone could not be opened" in w.log.toPlainText(), timeout=WAIT)
        assert not w.sync_browsing.enabled and w.remote.path == "/"
        w.bookmarks.go(Bookmark("Gone here", str(local / "gone"), "/proj", sync=True))
        wait_listing(qtbot, w, "/proj")
        assert not w.sync_browsing.enabled and "local folder" in w.log.toPlainText()
        w.local.set_path(str(local))
        w.navigate("/")
        wait_listing(qtbot, w, "/")
        w.bookmarks.go(Bookmark("Typed", "~/proj", "/proj/", sync=True))  # (as typed in the dialog)
        wait_listing(qtbot, w, "/proj")
        assert w.sync_browsing.enabled and w.sync_browsing.remote_root == "/proj"  # the folder the pane shows
        assert w.local.path == str(local / "proj") and "~/proj does not exist" not in w.log.toPlainText()
        w.local.set_path(str(local / "proj" / "src"))
        wait_listing(qtbot, w, "/proj/src")
    finally:
        close_window(qtbot, w)


@pytest.mark.usefixtures("memory_keyring")
def test_a_sites_bookmark_is_saved_with_the_site_and_listed_only_for_it(qtbot, config, sides):
    srv, local = sides
    store = SiteStore(str(config / "sites.json"))
    site = Site(id="b" * 32, name="Work", protocol="ftp-plain", host=srv.host, port=srv.port, user=USER)
    store.add(site)
    store.save()
    w = MainWindow(store)
    w.show()
    try:
        w.connect_site(site, PASSWORD)
        qtbot.waitUntil(lambda: w.remote.path == "/" and not w.browser.busy, timeout=WAIT)
        w.local.set_path(str(local / "proj"))
        w.navigate("/proj/src")
        wait_listing(qtbot, w, "/proj/src")
        add_bookmark(qtbot, w, "Sources", everyone=False)
        add_bookmark(qtbot, w, "Sources", everyone=False)  # the same name again: made unique
        assert w.bookmarks.entries() == [(SITE, "Sources"), (SITE, "Sources (2)")]
        header = [a.text() for a in w.bookmarks.menu.actions() if not a.isEnabled()]
        assert header == ["Work"]  # the site's bookmarks under its name

        # saved with the site: a fresh store read from sites.json has them
        again = SiteStore(str(config / "sites.json"))
        again.load()
        assert [b.name for b in again.get(site.id).bookmarks] == ["Sources", "Sources (2)"]
        assert again.get(site.id).bookmarks[0] == Bookmark("Sources", str(local / "proj"), "/proj/src")
        assert not (config / "bookmarks.json").exists()  # not a global one

        # choosing it: both panes there
        w.local.set_path(str(local))
        w.navigate("/")
        wait_listing(qtbot, w, "/")
        choose(w, SITE, "Sources")
        wait_listing(qtbot, w, "/proj/src")
        assert w.local.path == str(local / "proj") and not w.sync_browsing.enabled

        # Manage Bookmarks…: rename one, delete the other; both kept in sites.json
        w.bookmarks.act_manage.trigger()
        dialog = w.prompt
        assert isinstance(dialog, ManageBookmarksDialog)
        dialog.find(SITE, "Sources").setText("Code")  # what editing the name in place does
        dialog.list.setCurrentItem(dialog.find(SITE, "Sources (2)"))
        dialog.delete_button.click()
        again.load()
        assert [b.name for b in again.get(site.id).bookmarks] == ["Code"]
        assert w.bookmarks.entries() == [(SITE, "Code")]
        dialog.accept()

        # quick connect to the same server: not the site, so not its bookmarks
        w.disconnect_server()
        quick_connect(qtbot, w, srv)
        wait_listing(qtbot, w, "/")
        assert w.bookmarks.entries() == []
    finally:
        close_window(qtbot, w)


def test_the_dialog_says_what_is_missing(qtbot, config):
    w = open_window(qtbot)
    try:
        w.bookmarks.act_add.trigger()
        dialog = w.prompt
        assert not dialog.for_site.isEnabled() and dialog.for_all.isChecked()  # no site: for every site only
        dialog.name.setText("  ")
        dialog.ok_button.click()
        assert dialog.isVisible() and dialog.problem.text() == "The bookmark needs a name."
        dialog.name.setText("Both")
        dialog.sync.setChecked(True)
        dialog.remote_dir.setText("")
        dialog.ok_button.click()
        assert dialog.isVisible() and "needs both a local and a remote folder" in dialog.problem.text()
        dialog.reject()
        assert not (config / "bookmarks.json").exists()
    finally:
        close_window(qtbot, w)


def test_a_damaged_bookmarks_file_is_said_and_kept(qtbot, config):
    config.mkdir()
    damaged = config / "bookmarks.json"
    damaged.write_text('{"version": 1, "bookmarks": [{"name": 3}]}')
    w = open_window(qtbot)
    try:
        assert w.bookmarks.entries() == []
        assert "bookmark field 'name' must be text" in w.log.toPlainText()
        w.bookmarks.book.put(GLOBAL, [Bookmark("New", "/tmp")])  # refused: the file is kept as it is
        assert damaged.read_text() == '{"version": 1, "bookmarks": [{"name": 3}]}'
    finally:
        close_window(qtbot, w)


def test_bookmark_json_is_checked():
    assert bookmarks_from_json([{"name": "a", "sync": True}]) == [Bookmark("a", sync=True)]
    for bad, words in (
        ({"name": "a", "sync": "yes"}, "must be true or false"),
        ({"name": ""}, "needs a name"),
        ("a", "JSON object"),
    ):
        with pytest.raises(ValueError, match=words):
            bookmarks_from_json([bad])
    with pytest.raises(ValueError, match=r"site field|bookmark"):
        Site.from_json({"name": "x", "bookmarks": {"not": "a list"}})


def test_menu_text_keeps_an_ampersand(qtbot, config):
    w = open_window(qtbot)
    try:
        w.bookmarks.book.put(GLOBAL, [Bookmark("R&D", "/tmp")])
        w.bookmarks.rebuild()
        [act] = [a for a in w.bookmarks.menu.actions() if a.data() == (GLOBAL, "R&D")]
        assert act.text() == "R&&D"  # a menu shows && as one &, not as an Alt+D marker
    finally:
        close_window(qtbot, w)


def test_the_new_shortcuts_are_free(qtbot, config):
    """Ctrl+B, Ctrl+Y, Ctrl+Shift+O: each once in the window (FileZilla's Ctrl+O for compare is Open here)."""
    from collections import Counter

    from PySide6.QtCore import Qt
    from PySide6.QtGui import QAction

    w = open_window(qtbot)
    try:
        # a key may serve two actions when each works only in its own widget (Delete: the panes' and the queue's)
        widewide = (Qt.ShortcutContext.WindowShortcut, Qt.ShortcutContext.ApplicationShortcut)
        keys = Counter(
            (a.shortcut().toString(), "window" if a.shortcutContext() in widewide else id(a.associatedObjects()[-1]))
            for a in w.findChildren(QAction)
            if not a.shortcut().isEmpty()
        )
        assert [k for k, n in keys.items() if n > 1] == []
        by_key = Counter(key for key, _where in keys)
        shared = {key for key, n in by_key.items() if n > 1}
        assert not {key for key, where in keys if key in shared and where == "window"}  # (one of them window-wide)
        assert w.bookmarks.act_add.shortcut().toString() == "Ctrl+B"
        assert w.sync_browsing.action.shortcut().toString() == "Ctrl+Y"
        assert w.comparison.action.shortcut().toString() == "Ctrl+Shift+O"
    finally:
        close_window(qtbot, w)
