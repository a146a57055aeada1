"""Close Tab while uploads run (found by QA, design note 471): the question names the uploads that a cancel cuts
off *now* — it named those under way when it opened, which finished while it was up, and never those the cancel
did cut — and once the cancel has taken effect the log and the status bar say which files it left incomplete on
the server, at the bytes the server has. A real throttled pyftpdlib server, the real window, the tab's × and the
question's button clicked like a person."""

from __future__ import annotations

import os
import posixpath
import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QStyle, QTabBar
from test_server_tabs import LONG, both, connect_tab, press, two, window  # noqa: F401 (fixtures)

from ftpgui.transfers.items import ACTIVE, CANCELLED, DONE, UPLOAD, TransferItem
from ftpgui.ui.close_tab_question import cut_words

from ftpserver import USER
from guihelpers import fill_server

pytestmark = pytest.mark.gui


def named(box) -> list:
    """The files the question says a cancel leaves incomplete (none: it says no such thing)."""
    found = re.search(r"left incomplete on the server: (.*)\.$", box.text().replace("\u200b", ""), re.M)
    return found.group(1).split(", ") if found else []


def under_way(w) -> list:
    return [posixpath.basename(i.remote) for i in w.queue.model.items() if i.state == ACTIVE]


def test_close_tab_names_the_uploads_cut_off_now_and_says_what_the_cancel_left(qtbot, both, two, tmp_path):  # noqa: F811
    """Server B reads at 16 KiB/s: a 40,000-byte file is sent into the socket's buffers at once, and the cancel
    comes while the client waits for the server's reply — its size there is not known."""
    w, tab_a, _tab_b = both
    close_and_cancel(qtbot, w, tab_a, two[1], tmp_path, 40_000)


def test_close_tab_with_the_queues_speed_limit_says_the_bytes_the_server_kept(
    qtbot,
    window,  # noqa: F811
    two,  # noqa: F811
    make_server,
    tmp_path,
):
    """As QA did it: the queue's speed limit (100 KiB/s), 300,000-byte files, a server that reads at once — the
    cancel cuts each upload off mid-file, and the server's size of it is read."""
    a, _b = two
    c = make_server("127.0.0.1")
    fill_server(c)
    connect_tab(qtbot, window, a)
    press(qtbot, window, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    connect_tab(qtbot, window, c)
    window.queue_view.limit.setValue(100)  # KiB/s
    said = close_and_cancel(qtbot, window, window.tabs[0], c, tmp_path, 300_000)
    assert "left incomplete on the server: " in said and "may be incomplete" not in said


def close_and_cancel(qtbot, w, tab_a, b, tmp_path, size: int) -> str:
    """Ten uploads to ``b`` from the second tab; its × clicked while the first two run; "Cancel the transfers"
    clicked once those have finished under the question and the next ones run: what the log said then."""
    paths = []
    for n in range(10, 20):
        path = tmp_path / f"f{n}.bin"
        path.write_bytes(os.urandom(size))
        paths.append(str(path))
    w.request_upload(paths, "/")
    items = {posixpath.basename(i.remote): i for i in w.queue.model.items()}
    qtbot.waitUntil(lambda: len(under_way(w)) == 2, timeout=LONG)
    first = under_way(w)
    side = w.tab_bar.style().styleHint(QStyle.StyleHint.SH_TabBar_CloseButtonPosition, None, w.tab_bar)
    w.tab_bar.tabButton(1, QTabBar.ButtonPosition(side)).click()  # tab B's ×
    box = w.prompt
    assert box is not None and box.isVisible()
    assert named(box) == first
    # the uploads go on under the question: those it named finish, the next ones are under way
    qtbot.waitUntil(
        lambda: (
            all(items[name].state == DONE for name in first)
            and any(i.state == ACTIVE and i.done > 0 for i in items.values())
        ),
        timeout=LONG,
    )
    # it names the files being cut off now (the code before: still those that have finished)
    qtbot.waitUntil(lambda: named(box) == under_way(w) and named(box) != [], timeout=LONG)
    assert not set(named(box)) & set(first)
    box.cancel_button.click()
    assert w.tabs == [tab_a]
    server = f"{USER}@127.0.0.1:{b.port}"
    qtbot.waitUntil(lambda: any(f"Transfers of {server} cancelled." in t for _k, t in w.log.lines), timeout=LONG)
    (said,) = [t for _k, t in w.log.lines if f"Transfers of {server} cancelled." in t]
    assert w.statusBar().currentMessage() == said
    # what the server has: each file the cancel cut off is said, at its size there where the server said it
    on_server = {name: os.path.getsize(b.path(name)) for name in os.listdir(b.path()) if name.startswith("f1")}
    cut = sorted(name for name, there in on_server.items() if there < size)
    assert cut, "the cancel cut no upload off: nothing to say"
    known = re.search(r"left incomplete on the server: (.*?)\.( |$)", said)
    maybe = re.search(r"may be incomplete there \((?:their|its) size on the server was not read\): (.*?)\.$", said)
    sizes = dict(re.findall(rf"(f\d+\.bin) \(([\d,]+) of {size:,} bytes\)", known.group(1))) if known else {}
    unread = maybe.group(1).split(", ") if maybe else []
    assert set(cut) <= set(sizes) | set(unread)
    assert all(on_server[name] == int(kept.replace(",", "")) for name, kept in sizes.items())
    assert all(items[name].state == CANCELLED and items[name].done >= on_server[name] for name in unread)
    assert not (set(sizes) | set(unread)) & {name for name, item in items.items() if item.state == DONE}
    return said


def _cut(name: str, server_size, done: int = 10) -> TransferItem:
    return TransferItem(
        direction=UPLOAD,
        local=f"/tmp/{name}",
        remote=f"/{name}",
        size=100,
        state=CANCELLED,
        done=done,
        started=True,
        server_size=server_size,
    )


def test_one_file_cut_off_is_said_in_the_singular(qapp):
    """A cancel that cut one upload off said "these files are left incomplete" of it (found by a helper)."""
    one = cut_words("alice@127.0.0.1:21", [_cut("a.bin", 40)])
    assert "Cut off in its upload, this file is left incomplete on the server: a.bin (40 of 100 bytes)." in one
    both_cut = cut_words("alice@127.0.0.1:21", [_cut("a.bin", 40), _cut("b.bin", 50)])
    assert (
        "these files are left incomplete on the server: a.bin (40 of 100 bytes), b.bin (50 of 100 bytes)." in both_cut
    )
    unread = cut_words("alice@127.0.0.1:21", [_cut("c.bin", None)])
    assert "this file may be incomplete there (its size on the server was not read): c.bin." in unread


def test_one_file_cut_off_in_chinese(chinese):
    said = cut_words("alice@127.0.0.1:21", [_cut("a.bin", 40)])
    assert "此文件在上传中途被中断，以不完整的状态留在服务器上：a.bin" in said
