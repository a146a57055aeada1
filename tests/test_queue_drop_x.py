"""Dropping onto the transfer queue, through the X server's own drag and drop (XDND) driven by xdotool, as in
tests/test_drag_drop_x.py: FileZilla's queue takes the panes' entries — remote ones are queued for download
into the local pane's folder, local ones for upload into the remote folder shown — without starting them, as
Add to Queue does; the pointer says the drop is a copy; anything else is refused.
"""

from __future__ import annotations

import os

import pytest
from PySide6.QtCore import QPoint
from test_drag_drop_x import arrived, local, local_row, remote_row, srv, window  # noqa: F401 (fixtures)

from ftpgui.transfers.items import PAUSED

from guihelpers import WAIT
from xdrag import drag, drag_from_another_program, global_point, window_manager  # noqa: F401 (a fixture)

pytestmark = [pytest.mark.gui, pytest.mark.xvfb_only, pytest.mark.usefixtures("window_manager")]


def on_queue(w):
    """A point in the queue's Queued list, below its rows."""
    table = w.queue_view.tables["queued"]
    return global_point(table.viewport(), QPoint(40, table.viewport().height() // 2))


def queued(w) -> list:
    return sorted((i.direction, i.remote, i.local, i.state) for i in w.queue.model.items())


def test_a_remote_file_and_folder_dropped_on_the_queue_are_queued_for_download(qtbot, window, srv, local):  # noqa: F811
    window.queue_view.tabs.setCurrentIndex(3)  # the Finished tab shown: the drop brings the Queued one
    drag(qtbot, remote_row(window, "b.bin"), on_queue(window))
    qtbot.waitUntil(lambda: len(window.queue.model.items()) == 1, timeout=WAIT)
    assert queued(window) == [("download", "/b.bin", str(local / "b.bin"), PAUSED)]  # into the local folder
    assert window.queue_view.tabs.currentIndex() == 0
    drag(qtbot, remote_row(window, "sub"), on_queue(window))
    qtbot.waitUntil(lambda: len(window.queue.model.items()) == 2, timeout=WAIT)
    assert ("download", "/sub", str(local / "sub"), PAUSED) in queued(window)
    qtbot.wait(300)
    assert not (local / "b.bin").exists() and not (local / "sub").exists()  # queued, not started
    window.queue.resume([i.id for i in window.queue.model.items()])
    qtbot.waitUntil(lambda: (local / "sub" / "inner.txt").exists() and (local / "b.bin").exists(), timeout=WAIT)
    with open(srv.path("b.bin"), "rb") as f:
        assert (local / "b.bin").read_bytes() == f.read()


def test_a_local_file_dropped_on_the_queue_is_queued_for_upload_to_the_folder_shown(qtbot, window, srv, local):  # noqa: F811
    drag(qtbot, local_row(window, local / "one.txt"), on_queue(window))
    qtbot.waitUntil(lambda: len(window.queue.model.items()) == 1, timeout=WAIT)
    assert queued(window) == [("upload", "/one.txt", str(local / "one.txt"), PAUSED)]
    qtbot.wait(300)
    assert not os.path.exists(srv.path("one.txt"))  # queued, not started
    window.queue.resume([i.id for i in window.queue.model.items()])
    qtbot.waitUntil(lambda: arrived(srv.path("one.txt"), (local / "one.txt").read_bytes()), timeout=WAIT)


def test_files_from_another_program_are_accepted_as_a_copy_and_text_refused(qtbot, window, srv, tmp_path):  # noqa: F811
    outside = tmp_path / "outside.dat"
    outside.write_bytes(os.urandom(1234))
    assert drag_from_another_program(qtbot, on_queue(window), "--text", "just some words") == "IgnoreAction"  # refused
    qtbot.wait(300)
    assert window.queue.model.items() == []
    assert drag_from_another_program(qtbot, on_queue(window), str(outside)) == "CopyAction"  # the pointer said "copy"
    qtbot.waitUntil(lambda: len(window.queue.model.items()) == 1, timeout=WAIT)
    assert queued(window) == [("upload", "/outside.dat", str(outside), PAUSED)]
