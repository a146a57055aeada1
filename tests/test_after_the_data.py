"""What a transfer's outcome is, read through ``ftpgui-cli`` with no options (and the queue) against hostile
servers: the replies after the data (RFC 959's ``110`` restart markers, a second 1xx, a 3xx, 1xx without
end) before the final one; a download shorter than its listing when no SIZE is answered; a resumed
download whose server ignored REST; and the empty temporary file of a download that failed before any byte
(design note 156)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from test_queue_local_attacks import queue, to_fake  # noqa: F401 (``queue``: a fixture)

from ftpgui.ftp.localpath import part_name
from ftpgui.ftp.resumecheck import rest_for
from ftpgui.transfers.items import DONE, FAILED
from ftpgui.transfers.queue import TransferQueue

from scripted import FakeTree, ScriptedServer, unix_listing
from test_cli import run, run_subprocess

LONG = 120_000  # ms: a safety net for the queue, not a performance limit
FIVE = b"01234"
TEN = b"0123456789"


def url(srv: ScriptedServer, path: str = "/") -> str:
    return f"ftp://u:p@127.0.0.1:{srv.port}{path}"


def after(**replies):
    """``after_data`` for FakeTree: the replies after a transfer's data, by verb (226 for the others)."""
    return lambda verb, path: replies.get(verb, ("226 done",))


def files_in(folder: Path) -> dict:
    return {p.name: p.read_bytes() for p in folder.iterdir()}


# --- 1: the final reply comes after any 1xx -------------------------------------------------------------

MARK_426 = ("110 MARK 5 = 5", "426 Connection closed; transfer aborted")


@pytest.mark.parametrize(
    ("replies", "failure"),
    [
        (MARK_426, "426 Connection closed"),
        (("150 and again", "110 MARK 5 = 5", "451 Local error in processing"), "451 Local error"),
        (("110 MARK 5 = 5", "350 what now?"), "350 what now?"),
        (("110 MARK 5 = 5",) * 10_000 + ("226 done at last",), "preliminary"),  # 1xx without end, in effect
    ],
    ids=["mark-426", "1xx-1xx-451", "mark-350", "1xx-forever"],
)
def test_get_reads_past_1xx_to_the_final_reply(tmp_path, replies, failure):
    """Found by QA: the ``110`` after the data was taken for the final reply: exit 0, a file of 5 bytes under
    its name, and the 426 read as the answer to the next command."""
    tree = FakeTree(content=lambda path: FIVE, after_data=after(RETR=replies))
    dest = tmp_path / "dest"
    with ScriptedServer(tree, connections=2) as srv:
        code, _, err = run("get", url(srv, "/f.bin"), str(dest) + "/")
    assert code == 1, err
    assert failure in err
    assert not (dest / "f.bin").exists()
    assert files_in(dest) in ({part_name("f.bin"): FIVE}, {})  # kept for a resume (a 4xx), never as f.bin


def test_get_with_1xx_markers_then_226_succeeds(tmp_path):
    tree = FakeTree(content=lambda path: FIVE, after_data=after(RETR=("110 MARK 2 = 2", "110 MARK 5 = 5", "226 ok")))
    dest = tmp_path / "dest"
    with ScriptedServer(tree) as srv:
        proc = run_subprocess("get", url(srv, "/f.bin"), str(dest) + "/")
    assert proc.returncode == 0, proc.stderr
    assert files_in(dest) == {"f.bin": FIVE}


def test_get_r_stays_in_step_after_a_marker(tmp_path):
    """A tree's next commands read the final replies of the ones before (stale replies): the failed file
    fails, the others arrive whole."""
    files = {"/a.bin": FIVE, "/b.bin": TEN, "/c.bin": b"c" * 7}
    tree = FakeTree(
        listing=lambda path: unix_listing(*((name[1:], "file", len(data)) for name, data in files.items())),
        content=files.get,
        after_data=lambda verb, path: MARK_426 if path == "/a.bin" else ("226 done",),
    )
    dest = tmp_path / "dest"
    with ScriptedServer(tree, connections=3, concurrent=True) as srv:
        proc = run_subprocess("get", "-r", url(srv), str(dest))
    assert proc.returncode == 1, proc.stderr
    assert b"failed /a.bin" in proc.stderr and b"426" in proc.stderr
    assert files_in(dest) == {part_name("a.bin"): FIVE, "b.bin": TEN, "c.bin": b"c" * 7}


def test_ls_with_a_marker_then_426_fails(tmp_path):
    listing = unix_listing(("one", "file", 1), ("two", "file", 2))
    tree = FakeTree(listing=lambda path: listing[:30], after_data=after(LIST=MARK_426))
    with ScriptedServer(tree) as srv:
        code, out, err = run("ls", url(srv))
    assert code == 1 and "426" in err, (out, err)


def test_put_with_a_marker_then_452_fails(tmp_path):
    src = tmp_path / "up.bin"
    src.write_bytes(TEN)
    tree = FakeTree(after_data=after(STOR=("110 MARK 10 = 10", "452 Insufficient storage space")))
    with ScriptedServer(tree) as srv:
        code, _, err = run("put", str(src), url(srv))
    assert code == 1 and "452 Insufficient storage" in err, err
    assert tree.stored == {"/up.bin": TEN}


def queued(qtbot, q: TransferQueue, srv: ScriptedServer, dest: Path, remote: str, size):
    """The one item's end, ``remote`` queued for download into ``dest`` (tried again as the queue does)."""
    to_fake(q, srv)
    q.download([(remote, False, size)], str(dest))
    qtbot.waitUntil(q.is_idle, timeout=LONG)
    (item,) = q.model.items()
    q.shutdown()  # (its connections close now: the server's end waits for them, else for the queue's idle timeout)
    return item


def test_a_queued_download_with_a_marker_then_426_fails(qtbot, queue, tmp_path):  # noqa: F811
    tree = FakeTree(content=lambda path: FIVE, after_data=after(RETR=MARK_426))
    dest = tmp_path / "dest"
    dest.mkdir()
    queue.retry_delays = ()  # (a retry would find all 5 bytes there, as SIZE says, and take them)
    with ScriptedServer(tree, connections=4, concurrent=True) as srv:
        item = queued(qtbot, queue, srv, dest, "/f.bin", 5)
    assert item.state == FAILED and "426" in item.error
    assert files_in(dest) == {part_name("f.bin"): FIVE}


# --- 2: a listing's size stands when SIZE gives no answer -----------------------------------------------


class Shorted:
    """A file the server sends short (5 of its 10 bytes, then 226) until ``whole`` is set."""

    def __init__(self) -> None:
        self.whole = False

    def __call__(self, path: str):
        if path != "/f.bin":
            return None
        return TEN if self.whole else FIVE


@pytest.mark.parametrize("features", [("EPSV",), ("EPSV", "SIZE")], ids=["no-SIZE-502", "SIZE-550"])
def test_get_r_shorter_than_listed_without_size_is_incomplete_then_resumed(tmp_path, features):
    """Found by QA: listed at 10 bytes, 5 sent, SIZE not answered (502, or 550): taken as complete."""
    content = Shorted()
    tree = FakeTree(
        listing=lambda path: unix_listing(("f.bin", "file", 10)),
        content=content,
        size=lambda path: None,
        features=features,
    )
    dest = tmp_path / "dest"
    with ScriptedServer(tree, connections=6, concurrent=True) as srv:
        first = run_subprocess("get", "-r", url(srv), str(dest))
        assert first.returncode == 1, first.stderr
        assert b"failed /f.bin: The download is incomplete: 5 of 10 bytes." in first.stderr
        assert files_in(dest) == {part_name("f.bin"): FIVE}
        content.whole = True
        code, _, err = run("get", "-r", url(srv), str(dest), "--resume")
    assert code == 0, err
    assert files_in(dest) == {"f.bin": TEN}
    # the 5 bytes kept are continued: asked from the first byte (all shorter than the resume's overlap), compared
    assert "RETR /f.bin" in tree.seen and not [c for c in tree.seen if c.startswith("REST")]  # (note 428)


def test_vms_listed_sizes_are_blocks_and_not_checked_without_size(tmp_path):
    """VMS lists sizes in 512-byte blocks: a file of 700 bytes listed as 2 blocks (1,024 bytes) is complete
    at 700 when SIZE gives no answer — the listing's size there is a bound, not the file's."""
    data = os.urandom(700)
    tree = FakeTree(
        listing=lambda path: b"F.BIN;1               2/3      1-JAN-2024 12:00:00  [GRP,OWNER]  (RWED,RWED,RE,)\r\n",
        content=lambda path: data if path == "/F.BIN;1" else None,
        size=lambda path: None,
        features=("EPSV",),
    )
    dest = tmp_path / "dest"
    with ScriptedServer(tree, connections=3, concurrent=True) as srv:
        code, _, err = run("get", "-r", url(srv), str(dest))
    assert code == 0, err
    assert list(files_in(dest).values()) == [data]


def test_a_queued_download_shorter_than_listed_without_size_fails(qtbot, queue, tmp_path):  # noqa: F811
    tree = FakeTree(content=Shorted(), size=lambda path: None, features=("EPSV",))
    dest = tmp_path / "dest"
    dest.mkdir()
    with ScriptedServer(tree, connections=4, concurrent=True) as srv:
        item = queued(qtbot, queue, srv, dest, "/f.bin", 10)  # (as the window's double-click: the listed size)
    assert item.state == FAILED and "incomplete" in item.error
    assert files_in(dest) == {part_name("f.bin"): FIVE}


# --- 3: a server that answers REST with 350 and sends from the first byte -------------------------------


def test_get_resume_from_a_server_ignoring_rest_is_never_a_mix(tmp_path):
    """Found by QA: the part file became 0123401234, the error blamed the size, and the next --resume
    renamed it to f.bin. Now an overflow after REST starts again from the first byte, as a refused REST."""
    tree = FakeTree(content=lambda path: TEN, rest=False)
    dest = tmp_path / "dest"
    dest.mkdir()
    (dest / part_name("f.bin")).write_bytes(FIVE)
    with ScriptedServer(tree, connections=2) as srv:
        code, _, err = run("get", url(srv, "/f.bin"), str(dest) + "/", "--resume")
        assert code == 0, err
        assert files_in(dest) == {"f.bin": TEN}
        code, _, err = run("get", url(srv, "/f.bin"), str(dest) + "/", "--resume")
    assert code == 0, err
    assert files_in(dest) == {"f.bin": TEN}
    retrs = [c for c in tree.seen if c.startswith(("REST", "RETR"))]
    assert retrs[:1] == ["RETR /f.bin"], retrs  # (5 bytes: asked from the first byte, compared - note 428)


def test_get_resume_of_a_part_longer_than_the_overlap_from_a_server_ignoring_rest_is_fetched_whole(tmp_path):
    """A part longer than the resume's overlap (``resumecheck``): REST 64 KiB before its end, and the server sends
    from the first byte all the same - the bytes it sends are the part's start, not the overlap's: the file is
    fetched whole, as after a refused REST, not refused as no part of the server's (note 428)."""
    data = os.urandom(200_000)
    tree = FakeTree(content=lambda path: data, rest=False)
    dest = tmp_path / "dest"
    dest.mkdir()
    (dest / part_name("f.bin")).write_bytes(data[:100_000])
    with ScriptedServer(tree, connections=2) as srv:
        code, _, err = run("get", url(srv, "/f.bin"), str(dest) + "/", "--resume")
    assert code == 0, err
    assert files_in(dest) == {"f.bin": data}
    retrs = [c for c in tree.seen if c.startswith(("REST", "RETR"))]
    assert retrs == [f"REST {rest_for(100_000)}", "RETR /f.bin", "RETR /f.bin"], retrs


def test_a_server_ignoring_rest_twice_leaves_no_part_that_passes(tmp_path):
    """The restart from the first byte overflows too (the server sends more than SIZE says): the download
    fails, and its temporary file is no mix of two streams for a later --resume to rename."""
    tree = FakeTree(content=lambda path: TEN + b"garbage", size=lambda path: 10, rest=False)
    dest = tmp_path / "dest"
    dest.mkdir()
    (dest / part_name("f.bin")).write_bytes(FIVE)
    with ScriptedServer(tree, connections=4) as srv:
        code, _, err = run("get", url(srv, "/f.bin"), str(dest) + "/", "--resume")
        assert code == 1 and "more than the 10 bytes" in err, err
        assert files_in(dest) in ({part_name("f.bin"): TEN}, {})  # the stream's first bytes, or nothing
    assert not (dest / "f.bin").exists()


def test_a_queued_resume_from_a_server_ignoring_rest_is_never_a_mix(qtbot, queue, tmp_path):  # noqa: F811
    tree = FakeTree(
        content=lambda path: TEN,
        rest=False,
        mdtm=lambda path: "20000101000000",
        features=("EPSV", "SIZE", "MDTM", "REST STREAM"),
    )
    dest = tmp_path / "dest"
    dest.mkdir()
    (dest / part_name("f.bin")).write_bytes(FIVE)  # an earlier try's, written after the server's file
    with ScriptedServer(tree, connections=4, concurrent=True) as srv:
        item = queued(qtbot, queue, srv, dest, "/f.bin", 10)
    assert item.state == DONE, item.error
    assert files_in(dest) == {"f.bin": TEN}
    # a temporary file no item of the queue noted (design note 203: which server file it holds the start of is
    # not known) is never continued: fetched from the first byte, REST never asked
    assert not [c for c in tree.seen if c.startswith("REST")]


# --- low: a download that fails before any byte leaves no empty temporary file --------------------------


def _refused_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]  # (closed: a connection to it is refused)


@pytest.mark.parametrize(
    ("answer", "failure"),
    [
        (lambda port: {"EPSV": (f"229 Entering Extended Passive Mode (|||{port}|)",)}, "failed"),
        (lambda port: {"RETR": ("425 Can't open data connection.",)}, "425"),
        (lambda port: {"RETR": ("150 Opening BINARY mode data connection", "425 No data connection")}, "425"),
    ],
    ids=["connect-refused", "retr-425", "150-then-425"],
)
@pytest.mark.parametrize("left", [None, b"", FIVE], ids=["nothing-there", "empty-there", "part-there"])
def test_a_download_failing_before_any_byte_leaves_no_empty_part(tmp_path, answer, failure, left):
    replies = answer(_refused_port())
    tree = FakeTree(content=lambda path: TEN, answer=lambda line: replies.get(line.split(" ", 1)[0]))
    dest = tmp_path / "dest"
    dest.mkdir()
    if left is not None:
        (dest / part_name("f.bin")).write_bytes(left)
    with ScriptedServer(tree, connections=2) as srv:
        code, _, err = run("get", url(srv, "/f.bin"), str(dest) + "/", *(["--resume"] if left else []))
    assert code == 1 and failure in err, err
    # an empty file this attempt made goes; one that was there (resumed, or replaced) is as before
    assert files_in(dest) == ({} if not left else {part_name("f.bin"): left})
