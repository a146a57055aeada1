"""Drag and drop on the real panes (a real X server: Xvfb), with drops built from QMimeData.

local → remote uploads; remote → local downloads; files from a file manager (text/uri-list) upload, into
the folder under the cursor; a drag inside the remote pane onto a folder moves (RNFR/RNTO); drops from
outside are copies, never moves.
"""

from __future__ import annotations

import os

import pytest
from PySide6.QtCore import QEvent, QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragMoveEvent, QDropEvent

from ftpgui.ui.remote_model import MIME_REMOTE

from guihelpers import WAIT, close_window, filled_server, names, open_window, quick_connect, wait_listing

pytestmark = [pytest.mark.gui, pytest.mark.xvfb_only]
MOVE_OR_COPY = Qt.DropAction.CopyAction | Qt.DropAction.MoveAction


@pytest.fixture
def srv(make_server):
    return filled_server(make_server)


@pytest.fixture
def window(qtbot, tmp_path, monkeypatch, make_server, srv):
    monkeypatch.setenv("FTPGUI_CONFIG_DIR", str(tmp_path / "config"))
    w = open_window(qtbot)
    quick_connect(qtbot, w, srv)
    wait_listing(qtbot, w, "/")
    local = tmp_path / "local"
    (local / "folder").mkdir(parents=True)
    (local / "one.txt").write_bytes(b"1")
    (local / "two.txt").write_bytes(b"22")
    w.local.set_path(str(local))
    qtbot.waitUntil(lambda: w.local.list_proxy.rowCount(w.local.view.rootIndex()) == 3, timeout=WAIT)
    w.requests = []
    w.transferRequested.connect(lambda *args: w.requests.append(args))
    yield w
    close_window(qtbot, w)


def drop(view, mime: QMimeData, pos: QPoint, proposed=Qt.DropAction.MoveAction):
    """Deliver drag-move then drop at ``pos`` (viewport coordinates), as a drag from elsewhere would."""
    move = QDragMoveEvent(pos, MOVE_OR_COPY, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    move.setDropAction(proposed)
    view.dragMoveEvent(move)
    ev = QDropEvent(
        QPointF(pos), MOVE_OR_COPY, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QEvent.Type.Drop
    )
    ev.setDropAction(proposed)
    view.dropEvent(ev)
    return move, ev


def row_point(view, model, row: int) -> QPoint:
    return view.visualRect(model.index(row, 0)).center()


def empty_point(view) -> QPoint:
    return QPoint(10, view.viewport().height() - 5)


def answer_move(qtbot, w) -> None:
    """Answer Move to the question a drag's move asks first."""
    from PySide6.QtWidgets import QMessageBox

    qtbot.waitUntil(lambda: isinstance(w.prompt, QMessageBox) and w.prompt.isVisible(), timeout=WAIT)
    assert w.prompt.yes_button.text() == "Move"
    w.prompt.yes_button.click()


def uri_list(*paths) -> QMimeData:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    return mime


def test_files_from_a_file_manager_upload_into_the_folder_shown_as_a_copy(window, tmp_path):
    files = [tmp_path / "local" / "one.txt", tmp_path / "local" / "folder"]
    move, ev = drop(window.remote.view, uri_list(*files), empty_point(window.remote.view))
    assert move.isAccepted() and move.dropAction() == Qt.DropAction.CopyAction
    assert ev.isAccepted() and ev.dropAction() == Qt.DropAction.CopyAction  # never a move from outside
    assert window.requests == [("upload", [str(f) for f in files], "/")]


def test_files_dropped_on_a_remote_folder_go_into_it(window, tmp_path):
    view, model = window.remote.view, window.remote.model
    drop(view, uri_list(tmp_path / "local" / "two.txt"), row_point(view, model, model.row_of("sub")))
    assert window.requests == [("upload", [str(tmp_path / "local" / "two.txt")], "/sub")]


def test_local_pane_to_remote_pane_uploads(window, tmp_path):
    local = window.local
    index = local.list_proxy.mapFromSource(local.model.index(str(tmp_path / "local" / "one.txt")))
    mime = local.list_proxy.mimeData([index])
    assert mime.hasUrls()
    drop(window.remote.view, mime, empty_point(window.remote.view), Qt.DropAction.CopyAction)
    assert window.requests == [("upload", [str(tmp_path / "local" / "one.txt")], "/")]


def test_remote_pane_to_local_pane_downloads(window, tmp_path):
    model = window.remote.model
    mime = model.mimeData([model.index(model.row_of("b.bin"), 0), model.index(model.row_of("sub"), 0)])
    assert mime.hasFormat(MIME_REMOTE)
    _move, ev = drop(window.local.view, mime, empty_point(window.local.view))
    assert ev.dropAction() == Qt.DropAction.CopyAction  # a download never removes the remote files
    assert window.requests == [
        (
            "download",
            [("/sub", True, None, b"/sub", "sub"), ("/b.bin", False, 5000, b"/b.bin", "b.bin")],
            str(tmp_path / "local"),
        )
    ]
    # onto a local folder: into that folder
    local = window.local
    folder = local.list_proxy.mapFromSource(local.model.index(str(tmp_path / "local" / "folder")))
    drop(window.local.view, mime, window.local.view.visualRect(folder).center())
    assert window.requests[-1][2] == str(tmp_path / "local" / "folder")
    # entries of another session (another window, another server): its paths would be fetched from this
    # server, queued as this server's downloads — refused
    foreign = QMimeData()
    foreign.setData(MIME_REMOTE, b'{"connection": "bob@elsewhere:21#9", "entries": [{"path": "/x", "is_dir": false}]}')
    _move, ev = drop(window.local.view, foreign, empty_point(window.local.view))
    assert not ev.isAccepted() and len(window.requests) == 2


def test_a_drag_inside_the_remote_pane_onto_a_folder_moves(qtbot, window, srv):
    view, model = window.remote.view, window.remote.model
    mime = model.mimeData([model.index(model.row_of("a.txt"), 0)])
    move, ev = drop(view, mime, row_point(view, model, model.row_of("sub")))
    assert move.dropAction() == Qt.DropAction.MoveAction and ev.isAccepted()
    answer_move(qtbot, window)  # (asked first: tests/test_drag_move_question.py)
    qtbot.waitUntil(lambda: names(window) == ["sub", "b.bin"], timeout=WAIT)
    assert os.path.exists(srv.path("sub", "a.txt")) and not os.path.exists(srv.path("a.txt"))
    assert "RNFR /a.txt" in srv.record.commands and "RNTO /sub/a.txt" in srv.record.commands
    assert window.requests == []  # a move, not a transfer


def test_remote_drops_that_mean_nothing_are_refused(qtbot, window, srv):
    view, model = window.remote.view, window.remote.model
    sub = row_point(view, model, model.row_of("sub"))
    # a folder onto itself
    _move, ev = drop(view, model.mimeData([model.index(model.row_of("sub"), 0)]), sub)
    assert not ev.isAccepted()
    # entries of another session (another window, another server)
    foreign = QMimeData()
    foreign.setData(MIME_REMOTE, b'{"connection": "bob@elsewhere:21#9", "entries": [{"path": "/x", "is_dir": false}]}')
    _move, ev = drop(view, foreign, sub)
    assert not ev.isAccepted()
    # our own entries dropped beside the folders (the folder they are already in)
    _move, ev = drop(view, model.mimeData([model.index(model.row_of("a.txt"), 0)]), empty_point(view))
    assert not ev.isAccepted()
    qtbot.wait(200)
    assert "RNFR" not in srv.record.verbs() and window.requests == []
    assert window.prompt is None  # nothing asked either
