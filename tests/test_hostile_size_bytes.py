"""Hostile servers' sizes and the bytes said to have moved (design notes 285, 291, 292; found by a QA round
against small scripted servers).

A SIZE reply with no byte count in it (``213 -1294967296``, an old 32-bit server's for a file over 2 GiB;
``213 File status: size unknown``; more than a file can hold) failed a download of a file that was fine: it is
a size unknown now, in ``ftpgui-cli get`` and in the window's queue. A burst of bytes and then a stall showed
"0 %" and "← 0 B" all through the stall; a server that sent more than it announced was said to have sent 0
bytes, though the part file held all it announced.
"""

from __future__ import annotations

import socket
import threading

import pytest

from ftpgui.ftp import DataClosed, FtpSession, SessionOptions, TransferProgress
from ftpgui.ftp.errors import SizeExceeded
from ftpgui.transfers.items import DONE
from ftpgui.ui.modepanel import ModePanel
from ftpgui.ui.modepanel import motion as mo
from ftpgui.ui.modepanel import scene as sc

from guihelpers import WAIT, answer_plain_ftp, type_in, wait_listing
from scripted import FakeTree, ScriptedServer, epsv_reply, unix_listing
from test_cli import run

DATA = bytes(range(256)) * 40 + b"0123456789" * 24  # 10,480 bytes
MLSD = ("EPSV", "SIZE", "MLST type*;size*;modify*;")


def answering_size(reply: str):
    """A FakeTree ``answer`` hook: SIZE answered ``reply``, everything else as the tree answers it."""
    return lambda line: (reply,) if line.upper().startswith("SIZE") else None


def of(events, kind):
    return [e for e in events if isinstance(e, kind)]


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


# --- 2a. a burst, then a stall: the bytes so far are reported during the stall (note 291) --------------


def stalling(first: int, shown: threading.Event):
    """Sends ``first`` bytes of DATA, then nothing until the client has reported them (``shown``; at most 10 s),
    then the rest."""

    def script(c):
        c.sock.setsockopt(socket.SOL_SOCKET, socket.SO_OOBINLINE, 1)
        c.login()
        c.expect("SIZE")
        c.reply(f"213 {len(DATA)}")
        c.expect("EPSV")
        listener = c.passive()
        c.reply(epsv_reply(listener))
        c.expect("RETR")
        c.reply("150 here it comes")
        conn, _ = listener.accept()
        listener.close()
        with conn:
            conn.sendall(DATA[:first])
            shown.wait(10)
            conn.sendall(DATA[first:])
        c.reply("226 done")
        c.expect("QUIT")
        c.reply("221 bye")

    return script


@pytest.mark.timeout(60)
def test_bytes_that_came_before_a_stall_are_reported_during_it(qtbot, tmp_path):
    """Before: nothing was reported until the stall ended (the first report, of all 10,480 bytes, came with the
    rest); the panel said "← 0 B" and the queue "0 %" through a stall of 17 s."""
    shown = threading.Event()
    events: list = []
    during: list = []  # the events as they were when the bytes before the stall were reported

    def listener(event):
        events.append(event)
        if isinstance(event, TransferProgress) and event.done == 5000 and not shown.is_set():
            during.extend(events)
            shown.set()

    with ScriptedServer(stalling(5000, shown)) as srv:
        with FtpSession(SessionOptions(timeout=30), listener) as s:
            s.open("127.0.0.1", srv.port, "u", "p")
            got = s.download("/file.txt", str(tmp_path / "file.txt"))
    assert got == len(DATA) and (tmp_path / "file.txt").read_bytes() == DATA
    assert during, [e.done for e in of(events, TransferProgress)]
    assert of(during, TransferProgress)[-1].done == 5000
    assert of(events, TransferProgress)[-1].done == len(DATA)
    # the panel, fed the events as they were during the stall, says the bytes so far
    panel = ModePanel()
    qtbot.addWidget(panel)
    panel.add_events(during)
    ex = panel.connection.current
    assert ex.done == 5000 and mo.bytes_label(ex) == "← 4.9 KiB of 10.2 KiB"


# --- 2b. more than announced: the bytes written are the bytes said (note 292) --------------------------


def too_much(announced: int, sent: bytes) -> FakeTree:
    return FakeTree(
        {"/": unix_listing(("file.bin", "file", announced))}.get,
        content={"/file.bin": sent}.get,
        size=lambda path: announced,
    )


@pytest.mark.timeout(60)
@pytest.mark.parametrize(("announced", "extra"), [(10_000, 5_000), (2 << 20, 1 << 20)], ids=["read", "splice"])
def test_more_than_announced_is_said_after_the_bytes_written(qtbot, tmp_path, announced, extra):
    """The listing and SIZE say ``announced``; the server sends ``extra`` more. Before: DataClosed said 0 bytes
    (the block that crossed the limit was written, not counted), and the panel "stopped RETR (ABOR) after 0
    bytes"; the part file held all ``announced``. Small (read through Python) and large (spliced)."""
    sent = bytes(range(256)) * ((announced + extra) // 256)
    events: list = []
    with ScriptedServer(too_much(announced, sent), connections=1) as srv:
        with FtpSession(SessionOptions(timeout=10), events.append) as s:
            s.open("127.0.0.1", srv.port, "u", "p")
            with pytest.raises(SizeExceeded):
                s.download("/file.bin", str(tmp_path / "file.bin"), size=announced)
    part = tmp_path / "file.bin.ftpgui-part"
    assert part.stat().st_size == announced
    (closed,) = of(events, DataClosed)
    assert closed.bytes == announced
    assert of(events, TransferProgress)[-1].done == announced
    said = said_at_close(qtbot, events, "RETR")
    assert f"The client stopped RETR (ABOR) after {announced:,} bytes in " in said, said
    assert f"not for a cancel: The server sent more than the {announced} bytes it announced" in said, said


def said_at_close(qtbot, events, verb: str) -> str:
    """What a mode panel fed ``events`` says at the close of the one ``verb`` transfer's data connection."""
    panel = ModePanel()
    qtbot.addWidget(panel)
    panel.add_events(events)
    conn = panel.connection
    (ex,) = [e for e in conn.exchanges() if e.transfer_verb == verb]
    (step,) = [step for step in conn.steps if step.exchange is ex and step.kind == sc.CLOSED]
    panel.go_to(step.serial)
    return panel.narration()


@pytest.mark.timeout(60)
def test_cli_v_says_the_bytes_written_when_more_came_than_announced(tmp_path):
    """Before: "data closed after 0 bytes", the part file holding 10,000."""
    sent = DATA + DATA[:4520]  # 15,000 bytes
    with ScriptedServer(too_much(10_000, sent), connections=2, concurrent=True) as srv:
        url = f"ftp://u:p@127.0.0.1:{srv.port}/file.bin"
        code, _, err = run("-v", "--timeout", "10", "get", url, str(tmp_path / "dl"))
    assert code == 1
    assert "data closed after 10000 bytes" in err, err
    assert "more than the 10000 bytes it announced" in err.splitlines()[-1]
    assert (tmp_path / "dl.ftpgui-part").stat().st_size == 10_000
