"""The GUI's transfer queue against local attackers and lying servers (issue 18 items 2, 6-9; issue 17 item 6).

The queue shares the engine with the CLI but has its own paths (folder items expanded one by one, its own
upload walk, a retry policy), so each protection is tried through it too.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from test_local_attacks import MiB, files_under, truncate_when

from ftpgui.ftp import SessionOptions
from ftpgui.ftp.localpath import part_name
from ftpgui.transfers.items import DONE, FAILED, SKIPPED
from ftpgui.transfers.queue import TransferQueue
from ftpgui.transfers.worker import Endpoint

from ftpserver import PASSWORD, USER
from scripted import FakeTree, ScriptedServer, unix_listing

pytestmark = pytest.mark.usefixtures("qapp")
LONG = 120_000  # ms: a safety net, not a performance limit


@pytest.fixture
def queue(qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("FTPGUI_CONFIG_DIR", str(tmp_path / "config"))
    q = TransferQueue(str(tmp_path / "config" / "queue.json"))
    q.retry_delays = (0.05, 0.1, 0.2)
    yield q
    q.shutdown()


def to_fake(q: TransferQueue, srv: ScriptedServer) -> None:
    q.set_site(Endpoint("127.0.0.1", srv.port, "u", "p"), SessionOptions(timeout=20), 1)


def to_server(q: TransferQueue, srv, connections: int = 1) -> None:
    q.set_site(Endpoint(srv.host, srv.port, USER, PASSWORD), SessionOptions(timeout=20), connections)


def by_remote(q: TransferQueue) -> dict:
    return {i.remote: i for i in q.model.items()}


def test_a_folder_swapped_for_a_link_during_a_queued_folder_download(qtbot, queue, tmp_path):
    dest, outside = tmp_path / "dest", tmp_path / "outside"
    dest.mkdir()
    outside.mkdir()

    def listing(path):
        if path == "/top":
            return unix_listing(("sub", "dir", 0))
        if path == "/top/sub":  # the queue made dest/top/sub when it expanded it; swapped while LIST waits
            os.rename(dest / "top" / "sub", tmp_path / "moved-away")
            os.symlink(outside, dest / "top" / "sub")
            return unix_listing(("f", "file", 5))
        return None

    tree = FakeTree(listing, lambda path: b"evil!" if path == "/top/sub/f" else None)
    with ScriptedServer(tree, connections=4, concurrent=True) as srv:
        to_fake(queue, srv)
        queue.download([("/top", True, None)], str(dest))
        qtbot.waitUntil(queue.is_idle, timeout=LONG)
        queue.shutdown()
    assert files_under(outside) == []
    item = by_remote(queue)["/top/sub/f"]
    assert item.state == FAILED and "Unsafe name" in item.error


def test_a_queued_short_download_fails_incomplete_and_stays_temporary(qtbot, queue, tmp_path):
    """Issue 17 item 6: fewer bytes than SIZE said, then 226."""
    tree = FakeTree(content=lambda path: b"z" * 500 if path == "/f" else None, size=lambda path: 1000)
    dest = tmp_path / "dest"
    dest.mkdir()
    with ScriptedServer(tree, connections=4, concurrent=True) as srv:
        to_fake(queue, srv)
        queue.download([("/f", False, None)], str(dest))
        qtbot.waitUntil(queue.is_idle, timeout=LONG)
        queue.shutdown()
    (item,) = queue.model.items()
    assert item.state == FAILED and "incomplete" in item.error
    assert not (dest / "f").exists()
    assert (dest / part_name("f")).read_bytes() == b"z" * 500


def test_a_queued_download_past_its_size_stops_there(qtbot, queue, tmp_path):
    tree = FakeTree(content=lambda path: b"y" * (3 * MiB) if path == "/f" else None, size=lambda path: 10)
    dest = tmp_path / "dest"
    dest.mkdir()
    with ScriptedServer(tree, connections=4, concurrent=True) as srv:
        to_fake(queue, srv)
        queue.download([("/f", False, None)], str(dest))
        qtbot.waitUntil(queue.is_idle, timeout=LONG)
        queue.shutdown()
    (item,) = queue.model.items()
    assert (dest / part_name("f")).stat().st_size <= 10 and not (dest / "f").exists()
    assert item.state == FAILED and "more than the 10 bytes" in item.error


def test_a_queued_download_larger_than_the_free_space_fails_first(qtbot, queue, make_server, tiny_disk):
    srv = make_server("127.0.0.1")
    Path(srv.path("big.bin")).write_bytes(os.urandom(3 * MiB))
    to_server(queue, srv)
    queue.download([("/big.bin", False, None)], str(tiny_disk))
    qtbot.waitUntil(queue.is_idle, timeout=LONG)
    (item,) = queue.model.items()
    assert item.state == FAILED and item.error.startswith("Not enough space")
    assert files_under(tiny_disk) == []


def test_a_queued_folder_with_x_and_x_part_arrives_intact(qtbot, queue, make_server, tmp_path):
    srv = make_server("127.0.0.1")
    os.mkdir(srv.path("d"))
    x, x_part = os.urandom(100_000), os.urandom(30_000)
    Path(srv.path("d", "x")).write_bytes(x)
    Path(srv.path("d", "x.part")).write_bytes(x_part)
    to_server(queue, srv, connections=2)
    queue.download([("/d", True, None)], str(tmp_path))
    qtbot.waitUntil(queue.is_idle, timeout=LONG)
    assert {i.remote: i.state for i in queue.model.items()} == {"/d/x": DONE, "/d/x.part": DONE}
    assert (tmp_path / "d" / "x").read_bytes() == x and (tmp_path / "d" / "x.part").read_bytes() == x_part


@pytest.mark.parametrize("follow", [False, True], ids=["default", "follow-links"])
def test_a_queued_folder_upload_stays_inside_the_folder(qtbot, queue, make_server, tmp_path, follow):
    srv = make_server("127.0.0.1")
    secret = tmp_path / "id_ed25519"
    secret.write_bytes(b"PRIVATE KEY")
    src = tmp_path / "src"
    src.mkdir()
    (src / "real.txt").write_bytes(b"real")
    os.symlink(secret, src / "notes.txt")
    os.symlink(src / "real.txt", src / "alias.txt")
    queue.follow_links = follow
    to_server(queue, srv)
    queue.upload([str(src)], "/")
    qtbot.waitUntil(queue.is_idle, timeout=LONG)
    up = Path(srv.path("src"))
    assert files_under(up) == (["alias.txt", "real.txt"] if follow else ["real.txt"])
    # each link not followed a skipped item that says why (left out without a word before: design note 201)
    skipped = {i.local: i.error for i in queue.model.items() if i.state == SKIPPED}
    off = "a symbolic link; not followed (the preferences can upload links to files inside the folder)"
    out = "a symbolic link leading out of the folder; not followed"
    assert skipped[str(src / "notes.txt")] == (out if follow else off)
    assert (str(src / "alias.txt") in skipped) != follow
    assert all(i.state == DONE for i in queue.model.items() if i.local not in skipped) and queue.skipped == []


def test_a_queued_upload_whose_source_is_truncated_fails(qtbot, queue, make_server, tmp_path):
    srv = make_server("127.0.0.1", throttle=4 * MiB)
    src = tmp_path / "big.bin"
    with open(src, "wb") as f:
        f.truncate(64 * MiB)
    watcher = truncate_when(Path(srv.path("big.bin")), src, MiB, MiB)
    to_server(queue, srv)
    queue.upload([str(src)], "/")
    qtbot.waitUntil(queue.is_idle, timeout=LONG)
    watcher.join()
    (item,) = queue.model.items()
    assert item.state == FAILED and "changed while it was being uploaded" in item.error
    assert not item.started  # a retry asks about the server's file rather than continuing a mix of two files


def test_a_queued_walk_of_an_endless_tree_stops_at_its_bound(qtbot, queue, tmp_path):
    """Issue 18 item 12 in the queue: every folder lists two subfolders; a bound of 20 folders stops it."""
    from test_local_attacks import _endless

    tree, listed = _endless(lambda path: path)
    queue.walk.max_folders = 20
    with ScriptedServer(tree, connections=4, concurrent=True) as srv:
        to_fake(queue, srv)
        queue.download([("/top", True, None)], str(tmp_path))
        qtbot.waitUntil(queue.is_idle, timeout=LONG)
        queue.shutdown()
    assert len(listed) <= 21
    failed = [i for i in queue.model.items() if i.state == FAILED]
    assert failed and all(i.is_dir and i.error == "too many folders in one transfer; not listed" for i in failed)
    assert queue.walk.folders == 0  # idle: the next transfer starts afresh


def test_a_queued_walk_does_not_enter_a_folder_it_has_seen(qtbot, queue, tmp_path):
    from test_local_attacks import _endless

    tree, listed = _endless(lambda path: "the-one-folder")
    with ScriptedServer(tree, connections=4, concurrent=True) as srv:
        to_fake(queue, srv)
        queue.download([("/top", True, None)], str(tmp_path))
        qtbot.waitUntil(queue.is_idle, timeout=LONG)
        queue.shutdown()
    assert listed in (["/top", "/top/a"], ["/top", "/top/b"])
    # /top's b (or a), and both of the one listed: each a skipped item that says so (they were left out silently)
    met = [i for i in queue.model.items() if i.state == SKIPPED]
    assert len(met) == 3 and {i.error for i in met} == {"the same folder as one met before (MLSD unique); not followed"}
    assert queue.skipped == []


def test_the_queue_refuses_names_with_c1_or_bidi_controls(qtbot, queue, make_server, tmp_path):
    """As names with C0 controls: a folder's such entries failed items, each named escaped with the reason (they
    were left out without a word in the window: design note 195), such a file queued itself failed (found by QA
    against a hostile server: "\\u202egpj.exe" was written as named, shown as "exe.jpg"); none offers Retry
    (a Retry of the file queued itself wrote it under that name)."""
    from ftpgui.transfers.model import COL_STATE

    srv = make_server("127.0.0.1")
    os.mkdir(srv.path("t"))
    names = ["\u202egpj.exe", "c1\x9b31m.txt", "bell\x07"]
    for name in [*names, "good.txt"]:
        Path(srv.path("t", name)).write_bytes(b"x")
    dest = tmp_path / "dest"
    dest.mkdir()
    to_server(queue, srv)
    queue.download([("/t", True, None), ("/t/\u202egpj.exe", False, 1)], str(dest))
    qtbot.waitUntil(queue.is_idle, timeout=LONG)
    assert files_under(dest) == ["t", "t/good.txt"]
    items = {(i.remote, i.depth): i for i in queue.model.items()}
    assert items.pop(("/t/good.txt", 1)).state == DONE
    assert sorted(items) == sorted([("/t/" + n, 1) for n in names] + [("/t/\u202egpj.exe", 0)])
    for item in items.values():
        assert item.state == FAILED and "control character" in item.error and item.attempts == 0
        assert "retry" not in queue.applicable([item.id])
    assert queue.model.cell_text(items[("/t/c1\x9b31m.txt", 1)], COL_STATE) == (
        "Failed: Unsafe name 'c1\\x9b31m.txt': the name contains a control character"
    )
    assert queue.model.cell_text(items[("/t/\u202egpj.exe", 1)], COL_STATE) == (
        "Failed: Unsafe name '\\u202egpj.exe': the name contains a control character"
    )
    assert queue.skipped == []


@pytest.mark.parametrize("dir_fd", [True, False], ids=["dir_fd", "windows-way"])
def test_a_file_where_a_downloaded_folder_goes_is_said_as_a_file(
    qtbot, queue, make_server, tmp_path, monkeypatch, dir_fd
):
    """Found by QA: the remote folder ``sub`` downloaded into a folder holding a FILE ``sub`` failed with "Unsafe
    name 'sub': a folder on the way is a symbolic link or not a folder (it may have been swapped)" — words
    for an attack, about a plain file. It says what is in the way; a link there is still refused as one."""
    from ftpgui.ftp import localfs
    from ftpgui.transfers.model import COL_STATE

    monkeypatch.setattr(localfs, "USE_DIR_FD", localfs.USE_DIR_FD and dir_fd)
    srv = make_server("127.0.0.1")
    for name in ("sub", "linked"):
        os.mkdir(srv.path(name))
        Path(srv.path(name, "inner.txt")).write_bytes(b"inside")
    dest = tmp_path / "dest"
    dest.mkdir()
    (dest / "sub").write_bytes(b"a file of mine")
    (tmp_path / "elsewhere").mkdir()
    os.symlink(tmp_path / "elsewhere", dest / "linked")
    to_server(queue, srv)
    queue.download([("/sub", True, None), ("/linked", True, None)], str(dest))
    qtbot.waitUntil(queue.is_idle, timeout=LONG)
    items = by_remote(queue)
    sub = items["/sub"]
    assert sub.state == FAILED
    assert sub.error == "'sub' is a file here, not a folder, so the folder cannot be made."
    assert queue.model.cell_text(sub, COL_STATE).startswith("Failed: 'sub' is a file here, not a folder")
    assert (dest / "sub").read_bytes() == b"a file of mine"
    linked = items["/linked"]
    assert linked.state == FAILED and "is a file" not in linked.error
    assert linked.error.startswith(f"'linked' in {dest} is a symbolic link to a place outside that folder")
    assert files_under(tmp_path / "elsewhere") == []
