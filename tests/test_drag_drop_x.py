"""Drag and drop through the X server's own protocol (XDND), with a window manager, driven by xdotool.

Unlike tests/test_drag_drop.py, nothing here builds a drag event: xdotool presses, moves and releases the
X pointer, Qt's ``QDrag.exec`` runs the drag, and the file must arrive byte-identical on the server or on
disk. The last test drags from another X client, a separate process offering ``text/uri-list``.
"""

from __future__ import annotations

import os

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtGui import QGuiApplication

from guihelpers import WAIT, close_window, filled_server, open_window, quick_connect, wait_listing
from xdrag import drag, drag_from_another_program, global_point, window_manager  # noqa: F401 (a fixture)

pytestmark = [pytest.mark.gui, pytest.mark.xvfb_only, pytest.mark.usefixtures("window_manager")]


@pytest.fixture
def srv(make_server):
    srv = filled_server(make_server)
    with open(srv.path("b.bin"), "wb") as f:
        f.write(os.urandom(300_000))
    return srv


@pytest.fixture
def local(tmp_path):
    folder = tmp_path / "local"
    (folder / "folder" / "deeper").mkdir(parents=True)
    (folder / "one.txt").write_bytes(os.urandom(250_000))
    (folder / "folder" / "f.bin").write_bytes(os.urandom(70_000))
    (folder / "folder" / "deeper" / "g.txt").write_bytes(b"g" * 1234)
    return folder


@pytest.fixture
def window(qtbot, tmp_path, monkeypatch, srv, local):
    monkeypatch.setenv("FTPGUI_CONFIG_DIR", str(tmp_path / "config"))
    w = open_window(qtbot)
    w.mode_dock.hide()  # the panes get the small test screen
    w.setGeometry(QGuiApplication.primaryScreen().availableGeometry().adjusted(0, 30, 0, 0))
    quick_connect(qtbot, w, srv)
    wait_listing(qtbot, w, "/")
    w.local.set_path(str(local))
    qtbot.waitUntil(lambda: w.local.list_proxy.rowCount(w.local.view.rootIndex()) == 2, timeout=WAIT)
    w.activateWindow()
    qtbot.wait(500)  # the window manager has placed and framed the window: global coordinates are final
    yield w
    close_window(qtbot, w)


def local_row(window, path) -> QPoint:
    pane = window.local
    index = pane.list_proxy.mapFromSource(pane.model.index(str(path)))
    pane.view.scrollTo(index)  # as a person scrolls to it first (the lists are short in a small window)
    return global_point(pane.view.viewport(), pane.view.visualRect(index).center())


def remote_row(window, name: str) -> QPoint:
    view, model = window.remote.view, window.remote.model
    index = model.index(model.row_of(name), 0)
    view.scrollTo(index)  # as a person scrolls to it first (the lists are short in a small window)
    return global_point(view.viewport(), view.visualRect(index).center())


def below_rows(view):
    """A point in the list under its last row: the folder shown, not a folder in it."""
    return global_point(view.viewport(), QPoint(20, view.viewport().height() - 8))


def arrived(path, expected: bytes) -> bool:
    try:
        with open(path, "rb") as f:
            return f.read() == expected
    except OSError:
        return False


def test_a_local_file_dragged_onto_the_remote_list_uploads(qtbot, window, srv, local):
    drag(qtbot, local_row(window, local / "one.txt"), below_rows(window.remote.view))
    qtbot.waitUntil(lambda: arrived(srv.path("one.txt"), (local / "one.txt").read_bytes()), timeout=WAIT)


def test_a_remote_file_dragged_onto_the_local_list_downloads(qtbot, window, srv, local):
    drag(qtbot, remote_row(window, "b.bin"), below_rows(window.local.view))
    with open(srv.path("b.bin"), "rb") as f:
        expected = f.read()
    qtbot.waitUntil(lambda: arrived(local / "b.bin", expected), timeout=WAIT)
    assert arrived(srv.path("b.bin"), expected)  # a copy: the remote file stays


def test_a_local_folder_dropped_on_a_remote_folder_goes_into_it(qtbot, window, srv, local):
    drag(qtbot, local_row(window, local / "folder"), remote_row(window, "sub"))
    qtbot.waitUntil(
        lambda: (
            arrived(srv.path("sub", "folder", "deeper", "g.txt"), b"g" * 1234)
            and arrived(srv.path("sub", "folder", "f.bin"), (local / "folder" / "f.bin").read_bytes())
        ),
        timeout=WAIT,
    )
    assert not os.path.exists(srv.path("folder"))  # into the folder under the pointer, not the one shown


def test_files_dragged_from_another_program_upload(qtbot, window, srv, tmp_path):
    outside = tmp_path / "outside.dat"
    outside.write_bytes(os.urandom(123_456))
    assert drag_from_another_program(qtbot, below_rows(window.remote.view), str(outside)) == "CopyAction"  # not a move
    qtbot.waitUntil(lambda: arrived(srv.path("outside.dat"), outside.read_bytes()), timeout=WAIT)
