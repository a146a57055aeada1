"""A save of the queue begun before Quit never lands after Quit's own and puts the older queue back.

Found in review: the queue saves itself off the GUI thread a moment after each change, and Quit saves once more
on the GUI thread. Quit waited for a save under way for 2 s at most, then wrote; the save under way, still
encoding its (older) snapshot, wrote after it, and the next start restored a queue the person had changed.
Here the save under way is held where it encodes its snapshot (``saved.encode``, on the saving thread) until
the window has quit: its snapshot still holds an item the person removed before Quit."""

from __future__ import annotations

import json
import threading

from PySide6.QtCore import QThreadPool
from test_queue_cancel_wait import click
from test_queue_upload_restart import LONG

from ftpgui.transfers import saved

from guihelpers import close_window, open_window, quick_connect, wait_listing


def test_a_save_under_way_at_quit_never_puts_back_the_queue_quit_saved(qtbot, make_server, tmp_path, monkeypatch):
    config = tmp_path / "config"
    monkeypatch.setenv("FTPGUI_CONFIG_DIR", str(config))
    srv = make_server("127.0.0.1")
    sources = []
    for name in ("a.bin", "b.bin"):
        sources.append(str(tmp_path / name))
        (tmp_path / name).write_bytes(b"x" * 1000)
    entered, release = threading.Event(), threading.Event()
    encode = saved.encode

    def held(state):
        """The first save off the GUI thread waits here, its snapshot taken, until the window has quit."""
        if threading.current_thread() is not threading.main_thread() and not entered.is_set():
            entered.set()
            release.wait(LONG / 1000)  # (a safety net: the test releases it)
        return encode(state)

    monkeypatch.setattr(saved, "encode", held)
    w = open_window(qtbot)
    quick_connect(qtbot, w, srv)
    wait_listing(qtbot, w, "/")
    w.request_upload(sources, "/", start=False)
    queue = w.queue
    assert len(queue.model.items()) == 2
    qtbot.waitUntil(entered.is_set, timeout=LONG)  # the save of both items, held
    click(qtbot, w, "queued", "remove")
    (kept,) = queue.model.items()
    w.close()  # File ▸ Quit: the last save, of the one item left
    assert not w.isVisible()
    assert [i["id"] for i in json.loads((config / "queue.json").read_text())["items"]] == [kept.id]

    release.set()
    assert QThreadPool.globalInstance().waitForDone(LONG)  # the held save ends, as at the app's end: no events
    assert [i["id"] for i in json.loads((config / "queue.json").read_text())["items"]] == [kept.id]
    qtbot.waitUntil(lambda: not queue.saving, timeout=LONG)  # (and nothing saves after Quit's save either)
    assert [i["id"] for i in json.loads((config / "queue.json").read_text())["items"]] == [kept.id]
    qtbot.waitUntil(lambda: not w.remote_browser.closing, timeout=LONG)
    w.deleteLater()

    again = open_window(qtbot)  # the next start restores what Quit saved
    try:
        assert [i.id for i in again.queue.model.items()] == [kept.id]
    finally:
        close_window(qtbot, again)


def test_a_save_that_ends_after_its_window_is_gone_does_nothing(qtbot, make_server, tmp_path, monkeypatch):
    """The window (and its queue) deleted while a save is under way off the GUI thread: when the write ends its
    answer is dropped with the queue — it ran on the queue's deleted timer ("Internal C++ object already
    deleted", raised in the event loop; seen once on two workers)."""
    config = tmp_path / "config"
    monkeypatch.setenv("FTPGUI_CONFIG_DIR", str(config))
    srv = make_server("127.0.0.1")
    (tmp_path / "a.bin").write_bytes(b"x" * 1000)
    entered, release = threading.Event(), threading.Event()
    encode = saved.encode

    def held(state):
        if threading.current_thread() is not threading.main_thread() and not entered.is_set():
            entered.set()
            release.wait(LONG / 1000)
        return encode(state)

    monkeypatch.setattr(saved, "encode", held)
    w = open_window(qtbot)
    quick_connect(qtbot, w, srv)
    wait_listing(qtbot, w, "/")
    w.request_upload([str(tmp_path / "a.bin")], "/", start=False)
    qtbot.waitUntil(entered.is_set, timeout=LONG)
    w.close()
    qtbot.waitUntil(lambda: not w.remote_browser.closing, timeout=LONG)
    saver = w.queue._saver
    destroyed = []
    saver.destroyed.connect(lambda: destroyed.append(True))
    w.deleteLater()
    qtbot.waitUntil(lambda: bool(destroyed), timeout=LONG)
    release.set()
    assert QThreadPool.globalInstance().waitForDone(LONG)
    qtbot.wait(50)  # the write's answer is delivered now, if anything still takes it
