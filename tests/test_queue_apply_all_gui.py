"""“Apply to all” in the question "the target exists" reaches the files queued together with the one asked
about — one request (a drop, a Download or Upload of a selection, a folder's entries) on one server — and
never a later request's files or another server's (found by QA: Overwrite to all for an upload to server A
silently overwrote server B's file in another tab; Skip to all on one download skipped a later one). Two real
pyftpdlib servers in two tabs of the real window, the real question answered with its buttons."""

from __future__ import annotations

import os

import pytest
from PySide6.QtCore import Qt

from ftpgui.transfers.items import DONE, SKIPPED, WAITING
from ftpgui.ui.exists_dialog import ExistsDialog
from ftpgui.ui.main_window import MainWindow

from guihelpers import close_window, open_window, quick_connect, wait_listing

pytestmark = pytest.mark.gui
LONG = 120_000  # ms: a safety net, not a performance limit


@pytest.fixture
def window(qtbot, config, make_server):  # (make_server first: the servers outlive the window)
    w = open_window(qtbot)
    asked = []  # every question the queue put to the window
    w.queue.askExists.connect(asked.append)
    w.asked = asked
    yield w
    close_window(qtbot, w)


def put(srv, name: str, data: bytes) -> None:
    with open(srv.path(*name.split("/")), "wb") as f:
        f.write(data)


def read(srv, name: str) -> bytes:
    with open(srv.path(name), "rb") as f:
        return f.read()


def shown_question(w: MainWindow):
    dialogs = [d for d in w.queue_view.findChildren(ExistsDialog) if d.isVisible()]
    return dialogs[0] if dialogs else None


def answer(qtbot, w: MainWindow, choice: str, to_all: bool = False) -> str:
    """Answer the question on screen with its buttons, like a person; what it asked about (its source)."""
    qtbot.waitUntil(lambda: shown_question(w) is not None, timeout=LONG)
    dialog = shown_question(w)
    source = dialog.question.source
    dialog.buttons[choice].click()
    dialog.apply_all.setChecked(to_all)
    qtbot.mouseClick(dialog.box.button(dialog.box.StandardButton.Ok), Qt.MouseButton.LeftButton)
    return source


def settled(w: MainWindow, count: int) -> bool:
    """The queue holds ``count`` items and has done all it can: each ended, or waits for an answer."""
    items = w.queue.model.items()
    return len(items) == count and w.queue.is_idle()


def connect(qtbot, w: MainWindow, srv) -> None:
    quick_connect(qtbot, w, srv)
    wait_listing(qtbot, w, "/")


def test_overwrite_to_all_on_server_a_never_reaches_server_b_in_another_tab(qtbot, window, make_server, tmp_path):
    w = window
    a, b = make_server("127.0.0.1"), make_server("127.0.0.1")
    local = tmp_path / "local"
    local.mkdir()
    for name in ("x.txt", "y.txt"):
        (local / name).write_bytes(b"the new " + name.encode())
        put(a, name, b"A's old file")
    put(b, "x.txt", b"B's own file, not to be lost")
    connect(qtbot, w, a)
    w.request_upload([str(local / "x.txt"), str(local / "y.txt")], "/")
    answer(qtbot, w, "overwrite", to_all=True)
    qtbot.waitUntil(lambda: [i.state for i in w.queue.model.items()] == [DONE, DONE], timeout=LONG)
    assert len(w.asked) == 1  # one answer for both files of the upload
    assert read(a, "x.txt") == b"the new x.txt" and read(a, "y.txt") == b"the new y.txt"
    qtbot.waitUntil(w.queue.is_idle, timeout=LONG)

    w.new_tab()  # server B in a tab of its own: the same file name
    connect(qtbot, w, b)
    w.request_upload([str(local / "x.txt")], "/")
    qtbot.waitUntil(lambda: len(w.asked) == 2 or settled(w, 3), timeout=LONG)
    assert len(w.asked) == 2 and read(b, "x.txt") == b"B's own file, not to be lost"  # asked, not overwritten
    assert answer(qtbot, w, "skip") == str(local / "x.txt")
    qtbot.waitUntil(lambda: w.queue.model.items()[-1].state == SKIPPED, timeout=LONG)
    assert read(b, "x.txt") == b"B's own file, not to be lost"
    assert [r for r in b.record.commands if r.startswith(("STOR", "APPE"))] == []


def test_skip_to_all_reaches_only_the_download_it_was_given_for(qtbot, window, make_server, tmp_path):
    """A second download queued while the first one's question is open, a third once the queue is idle, and a
    folder: "Skip, apply to all" about the first download's file skips that download's other file and nothing
    of the second or third download; a folder's entries share one answer."""
    w = window
    srv = make_server("127.0.0.1")
    local = tmp_path / "local"
    local.mkdir()
    os.mkdir(srv.path("dir"))
    (local / "dir").mkdir()
    for name in ("one.txt", "two.txt", "three.txt", "four.txt", "dir/p.txt", "dir/q.txt"):
        put(srv, name, b"the server's " + name.encode())
        (local / name).write_bytes(b"keep")
    connect(qtbot, w, srv)
    w.request_download([("/one.txt", False, None, None), ("/two.txt", False, None, None)], str(local))
    qtbot.waitUntil(lambda: shown_question(w) is not None, timeout=LONG)
    w.request_download([("/three.txt", False, None, None)], str(local))  # another request, asked after it
    qtbot.waitUntil(lambda: w.queue.model.items()[-1].state == WAITING, timeout=LONG)
    assert answer(qtbot, w, "skip", to_all=True) in ("/one.txt", "/two.txt")
    qtbot.waitUntil(lambda: len(w.asked) == 2 or settled(w, 3), timeout=LONG)
    assert [q.source for q in w.asked][1:] == ["/three.txt"]  # the second download is asked about
    assert answer(qtbot, w, "overwrite") == "/three.txt"
    qtbot.waitUntil(lambda: settled(w, 3), timeout=LONG)
    assert [i.state for i in w.queue.model.items()] == [SKIPPED, SKIPPED, DONE]
    assert (local / "one.txt").read_bytes() == (local / "two.txt").read_bytes() == b"keep"
    assert (local / "three.txt").read_bytes() == b"the server's three.txt"

    w.request_download([("/four.txt", False, None, None)], str(local))  # later: asked again
    qtbot.waitUntil(lambda: len(w.asked) == 3 or settled(w, 4), timeout=LONG)
    assert len(w.asked) == 3 and (local / "four.txt").read_bytes() == b"keep"
    assert answer(qtbot, w, "overwrite") == "/four.txt"
    qtbot.waitUntil(lambda: settled(w, 4), timeout=LONG)
    assert (local / "four.txt").read_bytes() == b"the server's four.txt"

    w.request_download([("/dir", True, None, None)], str(local))  # a folder: one answer for its entries
    answer(qtbot, w, "skip", to_all=True)
    qtbot.waitUntil(lambda: settled(w, 6), timeout=LONG)
    assert [i.state for i in w.queue.model.items()][-2:] == [SKIPPED, SKIPPED]
    assert len(w.asked) == 4
    assert (local / "dir" / "p.txt").read_bytes() == (local / "dir" / "q.txt").read_bytes() == b"keep"
