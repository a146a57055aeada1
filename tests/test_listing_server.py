"""Listings as a server sends them, through ``FtpSession.listdir``: which command is used, LIST lines in
MLSD's form, and numbers no parser can take (Unicode digits, thousands of digits) — never a traceback.

The server is the scripted one (``tests/scripted.py``): a real FTP conversation on 127.0.0.1.
"""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ftpgui.ftp import FtpSession, SessionOptions
from ftpgui.ftp.listing import ListingError, parse_list, parse_mlsd

from scripted import ScriptedServer, epsv_reply, serve_data

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=timezone.utc)


def listing_server(features, command, data):
    """A server whose FEAT says ``features`` and which answers ``command`` (and only it) with ``data``."""

    def script(c):
        c.login(features=("EPSV", *features))
        c.expect("EPSV")
        lst = c.passive()
        c.reply(epsv_reply(lst))
        c.expect(command)
        c.reply("150 here it comes")
        serve_data(lst, data)
        c.reply("226 done")

    return ScriptedServer(script)


def listdir(srv, **kw):
    s = FtpSession(SessionOptions(timeout=10))
    s.open("127.0.0.1", srv.port, "u", "p")
    try:
        return s.listdir(**kw)
    finally:
        s.close()


MLSD_DATA = (
    b"type=cdir;modify=20260101000000; .\r\n"
    b"Type=file;mOdIfY=20081105165215;Size=1234; mixed case facts\r\n"
    b"type=file;perm=;size=7; empty perm\r\n"
    b"type=file;size=3;\tafter a tab\r\n"
    b"type=dir;modify=20260101000000; a; b; c\r\n"
)
MLSD_EXPECTED = [
    ("mixed case facts", "file", 1234),
    ("empty perm", "file", 7),
    ("after a tab", "file", 3),
    ("a; b; c", "dir", None),
]


def test_a_server_that_lists_mlsd_but_not_mlst_in_feat_is_asked_mlsd():
    """RFC 3659 names the feature MLST, but some servers list only ``MLSD``: MLSD is used all the same."""
    with listing_server(("MLSD",), "MLSD", MLSD_DATA) as srv:
        entries = listdir(srv)
    assert [(e.name, e.type, e.size) for e in entries] == MLSD_EXPECTED
    assert entries[0].modified == datetime(2008, 11, 5, 16, 52, 15, tzinfo=timezone.utc)


def test_a_list_answered_in_mlsd_form_is_read_as_mlsd():
    with listing_server((), "LIST", MLSD_DATA) as srv:
        entries = listdir(srv)
    assert [(e.name, e.type, e.size) for e in entries] == MLSD_EXPECTED


# --- numbers no parser can take ------------------------------------------------------------------
SUPERSCRIPT = "²³¹".encode()  # str.isdigit() says True; int() refuses
ARABIC = "١٢٣".encode()  # int() reads these: a server's bytes must not be read so
HUGE = b"9" * 5000  # int() of more than 4,300 digits raises


def _hostile_lines(n: bytes):
    """Each place a listing carries a number, filled with ``n``."""
    return [
        b"-rw-r--r--    1 ftp      ftp      " + n + b" Nov 24 10:00 size.txt",
        b"-rw-r--r--    1 ftp      ftp      5 Nov " + n + b" 10:00 day.txt",
        b"-rw-r--r--    1 ftp      ftp      5 Nov 24 " + n + b":00 hour.txt",
        b"-rw-r--r--    1 ftp      ftp      5 Nov 24 " + n + b" year.txt",
        b"-rw-r--r--    1 ftp      ftp      5 " + n + b"-11-24 10:00 isodate.txt",
        b"-rw-r--r--    1 ftp      ftp      " + n + b"k Nov 24 10:00 scaled.txt",
        b"-rw-r--r--    1 ftp      ftp      grp" + n + b" Nov 24 10:00 runin.txt",
        b"crw-r--r--    1 ftp      ftp      " + n + b", " + n + b" Nov 24 10:00 device",
        b"11-24-26  10:00AM                " + n + b" dos.txt",
        b"11-24-26  10:00AM                " + n + b",000 dos2.txt",
        b"+i1.2,m" + n + b",r,s" + n + b",\teplf.txt",
        b"NAME.TXT;1   " + n + b"/" + n + b"   24-NOV-2026 10:00:00 [G,O] (RWED,RWED,RE,)",
        b" " + n + b"      A    04-23-103  10:57  os2.txt",
        b"0100644   500  101   " + n + b"    " + n + b"       numeric.txt",
        b"QSYS            " + n + b" 02/23/00 15:09:55 *FILE as400.txt",
        b"70-ZVMFILE  TRACE   V        " + n + b"      " + n + b"        2 2005-10-04 15:28:42 060191",
        b"WYOSPT 3420   2003/05/21  1  200  FB      80  8053  PS  MVS.FILE",
        b"66-MEMBER 01.01 2004/06/22 2004/06/22 16:32   " + n + b"   128    0 BOBY12",
    ]


def _mlsd_lines(n: bytes):
    return [
        b"type=file;size=" + n + b"; size.txt",
        b"type=file;modify=" + n + b"; modify.txt",
        b"type=file;modify=2026" + n + b"; modify2.txt",
        b"type=file;UNIX.mode=" + n + b";UNIX.uid=" + n + b"; owner.txt",
    ]


def _sane(entries):
    for e in entries:
        assert e.size is None or (isinstance(e.size, int) and 0 <= e.size < 10**24)
        assert e.modified is None or 1 <= e.modified.year <= 9999


@pytest.mark.parametrize(
    "n",
    [SUPERSCRIPT, ARABIC, HUGE, b"0" * 30, b"18446744073709551616"],
    ids=["superscript", "arabic-indic", "5000-digits", "30-zeros", "2**64"],
)
def test_numbers_no_parser_can_take_give_a_skipped_line_or_a_sane_entry(n):
    for line in _hostile_lines(n):
        _sane(parse_list(line + b"\r\n", now=NOW))
    _sane(parse_list(b"\r\n".join(_hostile_lines(n)) + b"\r\n", now=NOW))
    for line in _mlsd_lines(n):
        _sane(parse_mlsd(line + b"\r\n"))
        _sane(parse_list(line + b"\r\n", now=NOW))  # (MLSD's form in answer to LIST)


def test_a_listing_of_hostile_numbers_from_a_server_is_listed_without_them():
    """Through a real conversation: every line with an unreadable number is skipped or read sanely, and
    the good line among them is read."""
    data = b"\r\n".join([*_hostile_lines(HUGE), *_hostile_lines(SUPERSCRIPT), b"-rw-r--r-- 1 a b 7 Nov 24 10:00 ok"])
    with listing_server((), "LIST", data + b"\r\n") as srv:
        entries = listdir(srv)
    _sane(entries)
    assert ("ok", 7) in [(e.name, e.size) for e in entries]
    mlsd = b"\r\n".join([*_mlsd_lines(HUGE), *_mlsd_lines(SUPERSCRIPT), b"type=file;size=7; ok"]) + b"\r\n"
    with listing_server(("MLST type*;size*;",), "MLSD", mlsd) as srv:
        entries = listdir(srv)
    _sane(entries)
    assert ("ok", 7) in [(e.name, e.size) for e in entries]


_DIGITS = st.sampled_from([SUPERSCRIPT, ARABIC, "߁߂".encode(), "໑".encode(), b"9" * 4400, b"1" * 21, b"0"])


@settings(deadline=None, max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(_hostile_lines(b"\0N\0") + _mlsd_lines(b"\0N\0")), st.lists(_DIGITS, min_size=1, max_size=3))
def test_any_mix_of_foreign_and_endless_digits_anywhere(template, numbers):
    pieces = template.split(b"\0N\0")
    line = pieces[0] + b"".join(numbers[i % len(numbers)] + p for i, p in enumerate(pieces[1:]))
    _sane(parse_list(line + b"\r\n", now=NOW))
    try:
        _sane(parse_mlsd(line + b"\r\n"))
    except ListingError:  # (its own error, in words: no line of it is MLSD; anything else fails the test)
        pass
