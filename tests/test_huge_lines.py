"""A listing line longer than any a server lists is an unreadable line, never an entry (design note 172, found by
QA): one LIST line naming a 5 MB file made a 5 MB entry; ``ftpgui-cli ls`` held about five times the line in
memory and wrote the name out whole, and the window's remote pane blocked its thread for seconds fitting its
columns to it. Now the parsers keep only the start of such a line (``listing_base.CutLine``: the line itself is
never copied) and report it as notes 158 and 165 report a line no format reads; and the pane measures no more of
a name than a name can hold (``safetext.NAME_SHOWN``). Counts and sizes here, no clock."""

from __future__ import annotations

import tracemalloc

import pytest
from PySide6.QtCore import Qt

from ftpgui.ftp.listing import link_counts, parse_list, parse_mlsd, parse_nlst
from ftpgui.ftp.listing_base import _MAX_LINE
from ftpgui.ftp.safetext import LINE_SHOWN, NAME_SHOWN, PATH_SHOWN
from ftpgui.ui.remote_model import COL_NAME, COLUMN_COUNT

from guihelpers import WAIT, answer_plain_ftp, type_in, wait_listing
from scripted import FakeTree, ScriptedServer
from test_cli import run

BIG = 5 << 20  # the name QA listed: 5 MB
LS = b"-rw-r--r-- 1 ftp ftp 10 Jan 01 12:00 "  # ls -l as GNU ls writes it (the parser's fast pattern)
FACTS = b"type=file;size=10;modify=20240101120000; "
MLST = ("EPSV", "SIZE", "MLST type*;size*;modify*;")
NORMAL = ["a.txt", "b.txt", "c.txt", "d.txt"]


def around(lines: bytes, mlsd: bool = False) -> bytes:
    """``lines`` between two normal entries and before two more (``NORMAL``)."""
    if mlsd:
        a, b, c, d = (FACTS + n.encode() + b"\r\n" for n in NORMAL)
    else:
        a, b, c, d = (LS + n.encode() + b"\r\n" for n in NORMAL)
    return a + b + lines + c + d


def shown_start(line: bytes) -> str:
    """How a report shows a line too long to read: its start, then "…" (``safetext.shown_line``)."""
    return line[:LINE_SHOWN].decode() + "…"


# --- the parsers --------------------------------------------------------------------------------------------
KINDS = {  # a 5 MB line of each kind, between normal lines; how each parser is called
    "ls": (LS + b"A" * BIG + b"\r\n", False),
    "ls, another date": (b"-rw-r--r-- 1 u g 10 Jan 01 2024 " + b"A" * BIG + b"\r\n", False),
    "no format": (b"weird " + b"A" * BIG + b"\r\n", False),
    "MLSD": (FACTS + b"A" * BIG + b"\r\n", True),
}


@pytest.mark.parametrize("kind", list(KINDS))
def test_a_line_longer_than_any_listed_is_unreadable_and_never_copied(kind):
    huge, mlsd = KINDS[kind]
    data = bytearray(around(huge, mlsd))  # (as the session receives it)
    unparsed: list = []
    tracemalloc.start()
    try:
        entries = (parse_mlsd if mlsd else parse_list)(data, unparsed=unparsed)
        names = [e.name for e in entries]
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert names == NORMAL
    assert len(unparsed) == 1 and len(unparsed[0]) < 1024  # its start, as a report shows it
    assert huge.startswith(unparsed[0])
    assert peak < 1 << 20, peak  # not one copy of the line (the code before: two, 10 MB)


def test_a_listing_of_one_huge_name_is_no_bare_name():
    """A reply of no known format is a list of bare names (NLST's form); a huge line is none of them."""
    huge = b"A" * BIG
    unparsed: list = []
    assert [e.name for e in parse_list(b"one\r\n" + huge + b"\r\ntwo\r\n", unparsed=unparsed)] == ["one", "two"]
    assert len(unparsed) == 1 and huge.startswith(unparsed[0]) and len(unparsed[0]) < 1024
    assert [e.name for e in parse_nlst(b"one\r\n" + huge + b"\r\ntwo\r\n")] == ["one", "two"]
    assert link_counts(LS + huge + b"\r\n" + LS + b"x\r\n") == {b"x": 1}


def test_the_longest_line_a_server_lists_is_still_read():
    """The cap is above the longest real line: ``ls -l`` of a path given whole that is a link, PATH_MAX bytes
    of path and of target; in a format the fast pattern leaves to the general parsers (one space before the
    year), which turned away every line past 8 KiB before. A line of exactly ``_MAX_LINE`` bytes is read; one
    byte more is not."""
    path, target = "/" + "p" * 4095, "/" + "t" * 4095
    link = f"lrwxrwxrwx 1 someone somegroup 4096 Jan 01 2024 {path} -> {target}".encode()
    entries = list(parse_list(link + b"\r\n"))
    assert [(e.name, e.type, e.target) for e in entries] == [(path, "link", target)]
    fill = _MAX_LINE - len(LS)
    for extra, read in ((0, True), (1, False)):
        unparsed: list = []
        names = [e.name for e in parse_list(around(LS + b"B" * (fill + extra) + b"\r\n"), unparsed=unparsed)]
        assert len(names) == (5 if read else 4) and set(NORMAL) <= set(names)
        assert len(unparsed) == (0 if read else 1)


# --- ftpgui-cli ls ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("mlsd", [False, True], ids=["LIST", "MLSD"])
def test_ls_lists_the_rest_and_says_the_huge_line_cut(mlsd):
    huge = (FACTS if mlsd else LS) + b"A" * BIG
    tree = FakeTree({"/": around(huge + b"\r\n", mlsd)}.get, features=MLST if mlsd else ("EPSV", "SIZE"))
    with ScriptedServer(tree, connections=2, concurrent=True) as srv:
        tracemalloc.start()
        try:
            code, out, err = run("ls", f"ftp://u:p@127.0.0.1:{srv.port}/")
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
    assert code == 0, err[:500]
    assert [line.split()[-1] for line in out.splitlines()] == NORMAL and len(out) < 1000
    said = [line for line in err.splitlines() if "could not be read" in line]
    assert said == [
        "ftpgui-cli: a line of the listing could not be read; what it names is not listed: “" + shown_start(huge) + "”"
    ]
    # the listing as received (once, and the room it grew into), and not the copies the code before made
    # (four times the line: the row, the entry's name, the text written out, the output)
    assert peak < 2 * len(huge), peak


# --- the window ---------------------------------------------------------------------------------------------


def texts_shown(model, role=Qt.ItemDataRole.DisplayRole) -> list:
    """Every cell's text (or tooltip) as the pane shows it."""
    rows, columns = range(model.rowCount()), range(COLUMN_COUNT)
    return [model.data(model.index(row, col), role) or "" for row in rows for col in columns]


def connect_to(qtbot, window, srv) -> None:
    type_in(window, "127.0.0.1", str(srv.port), "u", "p")
    answer_plain_ftp(qtbot, window)
    wait_listing(qtbot, window, "/")


@pytest.mark.gui
def test_the_pane_shows_the_rest_and_the_log_says_the_huge_line(qtbot, window):
    """Quick connect to a server whose / lists a 5 MB name among four: the pane has the four, the log says the
    line (cut), and nothing the pane holds or shows is longer than a line can be."""
    huge = LS + b"A" * BIG
    with ScriptedServer(FakeTree({"/": around(huge + b"\r\n")}.get), connections=2, concurrent=True) as srv:
        connect_to(qtbot, window, srv)
        said = "1 line(s) of the listing of / could not be read; what they name is not shown: “" + shown_start(huge)
        qtbot.waitUntil(lambda: said in window.log.toPlainText(), timeout=WAIT)
        model = window.remote.model
        assert sorted(model.entry(row).name for row in range(model.rowCount())) == NORMAL
        assert max(len(name) for name in model._all.names) <= _MAX_LINE
        assert max(len(text) for text in texts_shown(model)) <= NAME_SHOWN + 1
        assert max(len(text) for text in texts_shown(model, Qt.ItemDataRole.ToolTipRole)) <= PATH_SHOWN + 1
        assert len(window.log.toPlainText()) < 10_000
        window.act_disconnect.trigger()
        qtbot.waitUntil(lambda: not window.remote_browser.closing, timeout=WAIT)


@pytest.mark.gui
def test_long_names_the_pane_reads_are_measured_and_shown_cut(qtbot, window):
    """Names within the cap but longer than any file system's (20,000 characters: a folder, files, a link with a
    long target): all listed, each shown as its first ``NAME_SHOWN`` characters and "…", the name column fitted
    to that (it was fitted to all 20,000: 140,000 pixels, measured at each listing), the folder tree the same."""
    long = "L" * 20_000
    listing = b"drwxr-xr-x 1 ftp ftp 0 Jan 01 12:00 d" + long.encode() + b"\r\n"
    listing += b"".join(LS + f"{i}{long}".encode() + b"\r\n" for i in range(20))
    listing += f"lrwxrwxrwx 1 ftp ftp 5 Jan 01 12:00 link -> /{long}\r\n".encode()
    with ScriptedServer(FakeTree({"/": listing}.get), connections=2, concurrent=True) as srv:
        connect_to(qtbot, window, srv)
        model = window.remote.model
        assert model.rowCount() == 22
        shown = texts_shown(model)
        assert max(len(text) for text in shown) <= NAME_SHOWN + 1
        assert "d" + long[: NAME_SHOWN - 1] + "…" in shown
        assert f"link → /{long[: PATH_SHOWN - 1]}…" in texts_shown(model, Qt.ItemDataRole.ToolTipRole)
        view = window.remote.view
        assert view.horizontalHeader().sectionSize(COL_NAME) < view.fontMetrics().horizontalAdvance("L" * 400)
        tree = window.remote.tree
        folder = tree.model.item(0).child(0)  # (/'s one subfolder)
        assert folder.text() == "d" + long[: NAME_SHOWN - 1] + "…"
        window.act_disconnect.trigger()
        qtbot.waitUntil(lambda: not window.remote_browser.closing, timeout=WAIT)
