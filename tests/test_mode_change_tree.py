"""A mode picked while connected reconnects in the same folder; the remote folder tree keeps what it showed
(found by QA: with / holding pub and tree, after Mode → Active in /pub the tree showed only "/ → pub" until a
refresh, design note 387). The real window on pyftpdlib; the Mode box picked as a person picks it."""

from __future__ import annotations

import os

import pytest
from PySide6.QtCore import QModelIndex

from ftpgui.ftp.options import MODES

from guihelpers import WAIT, close_window, open_window, quick_connect, wait_listing

pytestmark = pytest.mark.gui


def tree_children(window, path: str) -> list:
    """The names the remote tree shows under ``path`` (its placeholders aside)."""
    tree = window.remote.tree
    model = tree.view.model()
    index = tree._items[path].index() if path in tree._items else QModelIndex()
    if not index.isValid():
        return []
    texts = [model.index(r, 0, index).data() for r in range(model.rowCount(index))]
    return [t for t in texts if t and t in {"pub", "tree", "inner"}]


@pytest.mark.parametrize("mode", ["active", "passive"])
def test_a_mode_picked_while_connected_keeps_the_folder_tree(qtbot, make_server, mode):
    srv = make_server("127.0.0.1")
    for folder in ("pub", "tree", os.path.join("tree", "inner")):
        os.mkdir(srv.path(folder))
    with open(srv.path("pub", "file20.bin"), "wb") as f:
        f.write(b"x" * 2000)
    window = open_window(qtbot)
    try:
        first = "passive" if mode == "active" else "active"
        window.mode_panel.mode_box.setCurrentIndex(MODES.index(first))  # (nothing connected: the next one's)
        quick_connect(qtbot, window, srv)
        wait_listing(qtbot, window, "/")
        window.navigate("/tree")  # (listed: its node keeps a child)
        wait_listing(qtbot, window, "/tree")
        window.navigate("/pub")
        wait_listing(qtbot, window, "/pub")
        assert tree_children(window, "/") == ["pub", "tree"]
        assert tree_children(window, "/tree") == ["inner"]
        browser = window.remote_browser
        before, sent = browser.connection, len(srv.record.verbs())
        window.mode_panel.mode_box.setCurrentIndex(MODES.index(mode))  # the browsing connection reconnects
        qtbot.waitUntil(lambda: browser.connection is not before and window.logged_in, timeout=WAIT)
        wait_listing(qtbot, window, "/pub")
        qtbot.waitUntil(lambda: window.remote.model.rowCount() == 1, timeout=WAIT)
        assert browser.options.mode == mode
        # /pub was listed again, in the new mode (the listings kept are only those of the other folders)
        data = {"active": {"EPRT", "PORT"}, "passive": {"EPSV", "PASV"}}[mode]
        assert data & set(srv.record.verbs()[sent:]), srv.record.verbs()[sent:]
        assert tree_children(window, "/") == ["pub", "tree"]  # ("tree" was gone: only "/ → pub")
        assert tree_children(window, "/tree") == ["inner"]
        assert window.remote.path == "/pub"
        # Up shows / with both folders, as before the reconnect
        window.navigate("/")
        wait_listing(qtbot, window, "/")
        assert sorted(e.name for e in window.remote.model.entries()) == ["pub", "tree"]
    finally:
        close_window(qtbot, window)
