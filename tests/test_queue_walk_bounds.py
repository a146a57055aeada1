"""The queue's own folder walk, stopped by its bounds, fails what it did not list — in the Failed tab, in words —
as ``ftpgui-cli`` does (commit c2abbb9): a folder deeper than ``MAX_DEPTH`` levels, both ways, and a download's
listing past the walk's bound on entries. Before, a deep folder was a "skipped" line nobody was shown."""

from __future__ import annotations

import os
from pathlib import Path

from ftpgui.ftp.localpath import MAX_DEPTH
from ftpgui.transfers.items import DONE, FAILED
from ftpgui.transfers.walk import TOO_DEEP, TOO_MANY_ENTRIES

from guihelpers import WAIT, close_window, open_window, quick_connect, wait_listing

LONG = 120000  # ms: a safety net on a loaded machine, not a performance limit


def deep_tree(root: Path) -> Path:
    """``root``/d/d/… ``MAX_DEPTH + 1`` folders down (the last one level too deep for a walk from ``root``), a
    file in the deepest folder a walk lists, and one in the folder below it."""
    level = root
    for _ in range(MAX_DEPTH):
        level = level / "d"
    (level / "d").mkdir(parents=True)
    (level / "f.txt").write_bytes(b"the deepest file listed")
    (level / "d" / "bottom.txt").write_bytes(b"never listed")
    return level


def connected(qtbot, w, srv) -> None:
    quick_connect(qtbot, w, srv)
    wait_listing(qtbot, w, "/")


def walked(w) -> bool:
    """The queue is idle with every folder listed or failed."""
    return w.queue.is_idle() and not any(i.is_dir and i.state != FAILED for i in w.queue.model.items())


def failed_rows(w) -> list:
    view = w.queue.views["failed"]
    return [view.data(view.index(row, 0)) for row in range(view.rowCount())]


def check_failed_deep(w, path: str) -> None:
    (failed,) = [i for i in w.queue.model.items() if i.state == FAILED]
    assert failed.is_dir and failed.error == TOO_DEEP and failed.depth == MAX_DEPTH + 1
    assert path in (failed.local, failed.remote)
    assert len(failed_rows(w)) == 1  # in the Failed tab, for the person to see
    assert "retry" not in w.queue.applicable([failed.id])  # (it would fail again: the walk's bound is fixed)
    assert all(i.state == DONE for i in w.queue.model.items() if i is not failed)


def test_a_folder_too_deep_in_a_download_fails_and_the_queue_is_read_again(qtbot, make_server, tmp_path, monkeypatch):
    """Also: a file in the deepest folder listed is one level deeper than a folder may be; a saved queue
    holding one could not be read at the next start ("The saved queue could not be read")."""
    monkeypatch.setenv("FTPGUI_CONFIG_DIR", str(tmp_path / "config"))
    srv = make_server("127.0.0.1")
    deepest = deep_tree(Path(srv.path("deep")))
    target = tmp_path / "down"
    target.mkdir()
    w = open_window(qtbot)
    try:
        connected(qtbot, w, srv)
        w.request_download([("/deep", True, None)], str(target))
        qtbot.waitUntil(lambda: walked(w), timeout=LONG)
        too_deep = "/" + str((deepest / "d").relative_to(srv.root))
        check_failed_deep(w, too_deep)
    finally:
        close_window(qtbot, w)
    here = target / deepest.relative_to(srv.root)
    assert (here / "f.txt").read_bytes() == b"the deepest file listed"
    assert not (here / "d").exists()

    w = open_window(qtbot)  # the next start reads the queue it saved
    try:
        assert w.queue.load_error is None
        check_failed_deep(w, too_deep)
    finally:
        close_window(qtbot, w)


def test_a_folder_too_deep_in_an_upload_fails(qtbot, window, make_server, tmp_path):
    srv = make_server("127.0.0.1")
    deepest = deep_tree(tmp_path / "deep")
    connected(qtbot, window, srv)
    window.request_upload([str(tmp_path / "deep")], "/")
    qtbot.waitUntil(lambda: walked(window), timeout=LONG)
    check_failed_deep(window, str(deepest / "d"))
    there = Path(srv.path(str(deepest.relative_to(tmp_path))))
    assert (there / "f.txt").read_bytes() == b"the deepest file listed"
    assert not (there / "d").exists()


def test_a_download_listing_past_the_walks_bound_on_entries_fails_its_folder(qtbot, window, make_server, tmp_path):
    srv = make_server("127.0.0.1")
    for name, count in (("wide", 10), ("small", 2)):
        os.mkdir(srv.path(name))
        for i in range(count):
            Path(srv.path(name, f"f{i}.txt")).write_bytes(b"x")
    target = tmp_path / "down"
    target.mkdir()
    window.queue.walk.max_entries = 5  # (10**6 in ftpgui: the bound, made small)
    connected(qtbot, window, srv)
    window.request_download([("/wide", True, None), ("/small", True, None)], str(target))
    qtbot.waitUntil(lambda: walked(window), timeout=WAIT)
    (failed,) = [i for i in window.queue.model.items() if i.state == FAILED]
    assert failed.remote == "/wide" and failed.is_dir and failed.error == TOO_MANY_ENTRIES
    assert len(failed_rows(window)) == 1
    assert sorted(os.listdir(target / "small")) == ["f0.txt", "f1.txt"]
    assert not (target / "wide").exists() or not os.listdir(target / "wide")  # none of it listed
