"""Hostile servers' sizes and the bytes said to have moved (design notes 285, 291, 292; found by a QA round
against small scripted servers).

A SIZE reply with no byte count in it (``213 -1294967296``, an old 32-bit server's for a file over 2 GiB;
``213 File status: size unknown``; more than a file can hold) failed a download of a file that was fine: it is
a size unknown now, in ``ftpgui-cli get`` and in the window's queue. A burst of bytes and then a stall showed
"0 %" and "← 0 B" all through the stall; a server that sent more than it announced was said to have sent 0
bytes, though the part file held all it announced.
"""

from __future__ import annotations

import pytest

from ftpgui.ftp import FtpSession, SessionOptions
from ftpgui.transfers.items import DONE

from guihelpers import WAIT, answer_plain_ftp, type_in, wait_listing
from scripted import FakeTree, ScriptedServer, unix_listing
from test_cli import run

DATA = bytes(range(256)) * 40 + b"0123456789" * 24  # 10,480 bytes
MLSD = ("EPSV", "SIZE", "MLST type*;size*;modify*;")


def answering_size(reply: str):
    """A FakeTree ``answer`` hook: SIZE answered ``reply``, everything else as the tree answers it."""
    return lambda line: (reply,) if line.upper().startswith("SIZE") else None


# --- 1. a SIZE reply that is no byte count: a size unknown (note 285) -----------------------------------


@pytest.mark.timeout(60)
@pytest.mark.parametrize(
    "reply",
    ["213 -1294967296", "213 File status: size unknown", "213 ²", f"213 {10**30}", "213 " + "9" * 5000],
    ids=["negative-32-bit", "words", "superscript", "10^30", "5000-digits"],
)
def test_cli_get_downloads_through_a_size_reply_that_is_no_byte_count(tmp_path, reply):
    """Before: "The server's SIZE reply is not a number: '-1294967296'", exit 1, nothing downloaded."""
    tree = FakeTree(
        {"/": unix_listing(("file.txt", "file", len(DATA)))}.get,
        content={"/file.txt": DATA}.get,
        answer=answering_size(reply),
    )
    with ScriptedServer(tree, connections=2, concurrent=True) as srv:
        code, _, err = run("--timeout", "10", "get", f"ftp://u:p@127.0.0.1:{srv.port}/file.txt", str(tmp_path / "dl"))
    assert code == 0, err
    assert (tmp_path / "dl").read_bytes() == DATA
    assert not list(tmp_path.glob("*.ftpgui-part"))


def test_a_resume_is_not_trusted_on_a_size_unknown(tmp_path):
    """A file under its final name is no start of the server's file anything can tell when SIZE gives no byte
    count: ``--resume`` refuses it and leaves it as it was (design note 171's rule, with SIZE unreadable)."""
    (tmp_path / "dl").write_bytes(b"other bytes")
    tree = FakeTree(
        {"/": unix_listing(("file.txt", "file", len(DATA)))}.get,
        content={"/file.txt": DATA}.get,
        answer=answering_size("213 -5"),
    )
    with ScriptedServer(tree, connections=2, concurrent=True) as srv:
        url = f"ftp://u:p@127.0.0.1:{srv.port}/file.txt"
        code, _, err = run("--timeout", "10", "get", url, str(tmp_path / "dl"), "--resume")
    assert code == 1 and "SIZE" not in err, err
    assert (tmp_path / "dl").read_bytes() == b"other bytes"


def test_the_engine_still_says_a_size_reply_that_is_no_byte_count():
    """``size`` itself (what an upload's "is it there" goes by) still refuses it, in words true of 10^30 too."""
    tree = FakeTree(answer=answering_size(f"213 {10**30}"))
    with ScriptedServer(tree) as srv:
        with FtpSession(SessionOptions(timeout=10)) as s:
            s.open("127.0.0.1", srv.port, "u", "p")
            assert s.known_size("/f") is None
            with pytest.raises(Exception, match="SIZE reply is no byte count: '1000000000000000000000000000000'"):
                s.size("/f")


@pytest.mark.gui
@pytest.mark.timeout(120)
def test_the_queue_downloads_files_whose_sizes_are_no_byte_counts(qtbot, window, tmp_path):
    """MLSD size facts -5, 10^30 and 20 nines (past 2⁶³), SIZE answering the same: each file downloads (before:
    "Failed: The server's SIZE reply is not a number: '-5'")."""
    sizes = {"minus.txt": "-5", "huge.txt": str(10**30), "nines.txt": "9" * 20}
    lines = (f"type=file;size={size};modify=20240101000000; {name}\r\n" for name, size in sizes.items())
    listing = "".join(lines).encode()
    contents = {f"/{name}": name.encode() * 300 for name in sizes}
    tree = FakeTree(
        {"/": listing}.get,
        content=contents.get,
        features=MLSD,
        answer=lambda line: (f"213 {sizes[line.split('/')[-1]]}",) if line.upper().startswith("SIZE") else None,
    )
    local = tmp_path / "local"
    local.mkdir()
    with ScriptedServer(tree, connections=6, concurrent=True) as srv:
        type_in(window, "127.0.0.1", str(srv.port), "u", "p")
        answer_plain_ftp(qtbot, window)
        wait_listing(qtbot, window, "/")
        window.local.set_path(str(local))
        window.set_active_side("remote")
        window.remote.select(list(sizes))
        window.act_download.trigger()
        states = lambda: [i.state for i in window.queue.model.items()]  # noqa: E731
        qtbot.waitUntil(lambda: len(states()) == 3 and all(s in (DONE, "failed") for s in states()), timeout=WAIT)
        errors = [i.error for i in window.queue.model.items()]
        assert states() == [DONE] * 3, errors
        window.act_disconnect.trigger()
        qtbot.waitUntil(lambda: not window.remote_browser.closing, timeout=WAIT)
    for name in sizes:
        assert (local / name).read_bytes() == contents[f"/{name}"]
