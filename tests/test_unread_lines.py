"""Listing lines no format reads are said, never dropped without a word (found by QA): ``get -r`` left out a
file listed with a size past 2⁶⁴ or below zero, said nothing and exited 0; the queue's folder download did the
same, and the window's remote pane showed the folder without it. Now each such line is a failure in the
report of ``get -r`` (exit 1), a failed item of the queue that names it, and a note in the window's log; lines
that name nothing (ls's "total 12", VMS's and MVS's headings, blank lines) are not among them."""

from __future__ import annotations

import os

import pytest
from test_queue_local_attacks import queue, to_fake  # noqa: F401 (the fixture)

from ftpgui.ftp.listing import parse_list, parse_mlsd
from ftpgui.transfers.items import DONE, FAILED
from ftpgui.transfers.model import COL_STATE
from ftpgui.transfers.queue import TransferQueue

from guihelpers import WAIT, answer_plain_ftp, type_in, wait_listing
from scripted import FakeTree, ScriptedServer, unix_listing
from test_cli import run, run_subprocess

HUGE = b"-rw-r--r-- 1 u g 100000000000000000000 Jan 01 2024 huge"
NEGATIVE = b"-rw-r--r-- 1 u g -5 Jan 01 2024 negative"
# LIST of /top: a file that reads, the two that do not, and what names nothing
TOP_LIST = b"total 12\r\n" + unix_listing(("ok.txt", "file", 2)) + HUGE + b"\r\n\r\n" + NEGATIVE + b"\r\n"
BROKEN_MLSD = b"type=file;size=5;modify=20240101000000;no-name-here"
TOP_MLSD = b"type=cdir; /top\r\ntype=file;size=2;modify=20240101000000; ok.txt\r\n" + BROKEN_MLSD + b"\r\n\r\n"
MLST = ("EPSV", "SIZE", "MLST type*;size*;modify*;")
LONG = 120_000  # ms: a safety net, not a performance limit


def top_tree(mlsd: bool = False, root: bytes = b"") -> FakeTree:
    listings = {"/top": TOP_MLSD if mlsd else TOP_LIST, "/": root or unix_listing(("top", "dir", 0))}
    return FakeTree(
        listings.get,
        lambda path: b"ok" if path == "/top/ok.txt" else None,
        features=MLST if mlsd else ("EPSV", "SIZE"),
    )


# --- the parser: which lines are unreadable --------------------------------------------------------------


def test_lines_that_name_nothing_are_not_unreadable():
    vms = (
        b"Directory DISK$USER:[ANON.PUB]\r\n\r\n"
        b"FILE.TXT;1            1/3      24-APR-2003 08:16:15  [FTP_CLIENT,SCOT]  (RWED,RWED,RE,)\r\n\r\n"
        b"Total of 1 file, 1/3 blocks.\r\n"
    )
    mvs = (
        b"Volume Unit    Referred Ext Used Recfm Lrecl BlkSz Dsorg Dsname\r\n"
        b"WYOSPT 3420   2003/03/18  2  190  FB      80 27920  PS  MDXFILE\r\n"
    )
    for data, names in ((TOP_LIST, ["ok.txt"]), (vms, ["FILE.TXT;1"]), (mvs, ["MDXFILE"])):
        unparsed: list = []
        assert [e.name for e in parse_list(data, unparsed=unparsed)] == names
        assert unparsed == ([HUGE, NEGATIVE] if data is TOP_LIST else [])
    # an empty VMS folder is empty (its heading and its total were taken for two files' names)
    assert list(parse_list(b"Directory DISK$USER:[ANON.EMPTY]\r\n\r\nTotal of 0 files.\r\n")) == []


def test_an_mlsd_line_that_cannot_be_read_is_reported():
    unparsed: list = []
    assert [e.name for e in parse_mlsd(TOP_MLSD, unparsed=unparsed)] == ["ok.txt"]
    assert unparsed == [BROKEN_MLSD]


# --- ftpgui-cli -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("mlsd", [False, True], ids=["LIST", "MLSD"])
def test_get_r_reports_each_unreadable_line_and_fails(tmp_path, mlsd):
    dest = tmp_path / "dest"
    with ScriptedServer(top_tree(mlsd), connections=4, concurrent=True) as srv:
        code, _, err = run("get", "-r", f"ftp://u:p@127.0.0.1:{srv.port}/top", str(dest))
    assert code == 1, err
    failed = [line for line in err.splitlines() if line.startswith("ftpgui-cli: failed ")]
    lines = [BROKEN_MLSD] if mlsd else [HUGE, NEGATIVE]
    assert failed == [
        "ftpgui-cli: failed /top: a line of its listing could not be read; what it names is not copied: "
        f"“{line.decode()}”"
        for line in lines
    ], err
    assert f"ftpgui-cli: {len(lines)} item(s) failed; 1 file(s) downloaded" in err
    assert os.listdir(dest) == ["ok.txt"]


def test_get_r_through_the_console_escapes_the_line_and_exits_1(tmp_path):
    hostile = b"-rw-r--r-- 1 u g -1 Jan 01 2024 \x1b]0;pwned\x07evil"
    tree = FakeTree(
        {"/top": unix_listing(("ok.txt", "file", 2)) + hostile + b"\r\n"}.get,
        lambda path: b"ok" if path == "/top/ok.txt" else None,
    )
    with ScriptedServer(tree, connections=4, concurrent=True) as srv:
        proc = run_subprocess("get", "-r", f"ftp://u:p@127.0.0.1:{srv.port}/top", str(tmp_path / "dest"))
    err = proc.stderr.decode()
    assert proc.returncode == 1, err
    assert "failed /top: a line of its listing could not be read" in err
    assert "\\x1b]0;pwned\\x07evil" in err and "\x1b" not in err


def test_ls_says_which_lines_it_could_not_read(tmp_path):
    with ScriptedServer(top_tree(), connections=2, concurrent=True) as srv:
        code, out, err = run("ls", f"ftp://u:p@127.0.0.1:{srv.port}/top")
    assert code == 0, err
    assert "ok.txt" in out and "huge" not in out
    said = [line for line in err.splitlines() if "could not be read" in line]
    assert said == [
        f"ftpgui-cli: a line of the listing could not be read; what it names is not listed: “{line.decode()}”"
        for line in (HUGE, NEGATIVE)
    ]


# --- the window's queue ----------------------------------------------------------------------------------


def test_a_queued_folder_download_fails_an_item_for_each_unreadable_line(qtbot, queue, tmp_path):  # noqa: F811
    dest = tmp_path / "dest"
    dest.mkdir()
    with ScriptedServer(top_tree(), connections=4, concurrent=True) as srv:
        to_fake(queue, srv)
        queue.download([("/top", True, None)], str(dest))
        qtbot.waitUntil(queue.is_idle, timeout=LONG)
        queue.shutdown()
    items = queue.model.items()
    assert [i.state for i in items if i.remote == "/top/ok.txt"] == [DONE]
    failed = [i for i in items if i.state == FAILED]
    assert [queue.model.cell_text(i, COL_STATE) for i in failed] == [
        f"Failed: a line of this folder's listing could not be read; what it names is not copied: “{line.decode()}”"
        for line in (HUGE, NEGATIVE)
    ]
    assert all(i.remote == "/top" for i in failed)
    assert "retry" not in queue.applicable([i.id for i in failed])  # (it names no file: nothing to try again)
    # saved and read again, it is the same report
    again = TransferQueue(str(tmp_path / "config" / "queue.json"))
    try:
        kept = [i for i in again.model.items() if i.state == FAILED]
        assert [again.model.cell_text(i, COL_STATE) for i in kept] == [
            queue.model.cell_text(i, COL_STATE) for i in failed
        ]
        assert "retry" not in again.applicable([i.id for i in kept])
    finally:
        again.shutdown()


@pytest.mark.gui
def test_in_the_window_the_log_says_so_and_a_downloaded_folder_fails_them(qtbot, window, tmp_path):
    """The path a person takes: quick connect; the remote pane lists / (one line unreadable: the log says so);
    the folder top selected, Download; the queue's Failed tab has its two lines."""
    dest = tmp_path / "dest"
    dest.mkdir()
    root = unix_listing(("top", "dir", 0)) + NEGATIVE + b"\r\n"
    with ScriptedServer(top_tree(root=root), connections=6, concurrent=True) as srv:
        window.local.set_path(str(dest))
        type_in(window, "127.0.0.1", str(srv.port), "u", "p")
        answer_plain_ftp(qtbot, window)
        wait_listing(qtbot, window, "/")
        said = "1 line(s) of the listing of / could not be read; what they name is not shown: “" + NEGATIVE.decode()
        qtbot.waitUntil(lambda: said in window.log.toPlainText(), timeout=WAIT)
        window.set_active_side("remote")
        window.remote.select(["top"])
        window.act_download.trigger()
        qtbot.waitUntil(lambda: window.queue.model.items() and window.queue.is_idle(), timeout=LONG)
        items = window.queue.model.items()
        assert sorted(i.state for i in items) == [DONE, FAILED, FAILED]
        assert (dest / "top" / "ok.txt").read_bytes() == b"ok"
        window.act_disconnect.trigger()  # (the server's threads end with their connections)
        qtbot.waitUntil(lambda: not window.remote_browser.closing, timeout=WAIT)
        window.queue.shutdown()
