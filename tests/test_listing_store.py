"""``Listing``, the compact form of a parsed listing: every entry read back is the entry stored, field by field,
and a large listing takes less memory than three times its bytes (issue 18 item 15, issue 22 item 3)."""

from __future__ import annotations

import os
import pickle
import sys
import tracemalloc
from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ftpgui.ftp.listing import Entry, parse_list, parse_mlsd
from ftpgui.ftp.listing_store import Listing
from ftpgui.ftp.names import UTF8

from ftpserver import PASSWORD, USER

sys.path.insert(0, __file__.rsplit("/", 1)[0] + "/benchmarks")
from bench_listing_memory import list_listing, mlsd_listing

UTC = timezone.utc
ZONES = [UTC, timezone(timedelta(hours=-5)), timezone(timedelta(minutes=330))]


def _full(e: Entry) -> tuple:
    """Every field, and the time's offset too (equality of aware times ignores the zone)."""
    return (*e, None if e.modified is None else e.modified.utcoffset())


@st.composite
def entries(draw, zone):
    raw = draw(st.binary(min_size=1, max_size=12))
    kind = draw(st.sampled_from(["file", "dir", "link", "other"]))
    size = draw(st.one_of(st.none(), st.integers(0, 10**25)))
    modified = draw(
        st.one_of(
            st.none(),
            st.datetimes(datetime(1, 1, 2), datetime(9999, 12, 30), timezones=st.just(zone)),
            st.datetimes(timezones=st.just(UTC)),
        )
    )
    who = draw(st.sampled_from([(None, None, None), ("-rw-r--r--", "ftp", "ftp"), ("0644", "1000", None)]))
    target = draw(st.one_of(st.none(), st.text(max_size=5)))
    facts = draw(st.sampled_from([b"", b"type=file;size=1;", b"major=1;minor=3;"]))
    return Entry(UTF8.decode(raw), kind, size, modified, *who, target, facts, raw)


@settings(deadline=None, max_examples=60)
@given(st.data(), st.sampled_from(ZONES))
def test_every_entry_reads_back_as_stored(data, zone):
    stored = data.draw(st.lists(entries(zone), max_size=30))
    listing = Listing(UTF8.decode, zone, 0)
    for e in stored:
        listing.add_entry(e)
    listing.seal()
    assert [_full(e) for e in listing] == [_full(e) for e in stored]
    assert [_full(listing[i]) for i in range(len(stored))] == [_full(e) for e in stored]
    assert listing == stored and len(listing) == len(stored)
    if stored:
        assert _full(listing[-1]) == _full(stored[-1]) and listing[1:3] == stored[1:3]


def test_a_parsed_listing_is_a_sequence_like_the_list_it_replaces():
    data = (
        b"drwxr-xr-x 2 ftp ftp 4096 Nov 24 10:00 docs\r\n"
        b"-rw-r--r-- 1 ftp ftp 12 Nov 24 10:00 b.txt\r\n"
        b"lrwxrwxrwx 1 ftp ftp 5 Nov 24 10:00 a -> b.txt\r\n"
        b"+i1.2,m825718503,r,s280,up755\teplf.txt\r\n"  # a rare format, in UTC: kept as it was made
    )
    listing = parse_list(data, now=datetime(2026, 11, 25, tzinfo=UTC), tz=ZONES[1])
    assert isinstance(listing, Listing) and len(listing) == 4
    assert [(e.name, e.type, e.size, e.target) for e in listing] == [
        ("docs", "dir", None, None),
        ("b.txt", "file", 12, None),
        ("a", "link", 5, "b.txt"),
        ("eplf.txt", "file", 280, None),
    ]
    assert listing[0].modified == datetime(2026, 11, 24, 10, tzinfo=ZONES[1]) and listing[0].modified.tzinfo == ZONES[1]
    assert listing[-1].modified.tzinfo == UTC
    with pytest.raises(IndexError):
        listing[4]
    listing.sort(key=lambda e: e.name)
    assert [e.name for e in listing] == ["a", "b.txt", "docs", "eplf.txt"] and listing[0].name == "a"
    assert pickle.loads(pickle.dumps(listing)) == list(listing)


def _peak(parse, data) -> int:
    tracemalloc.start()
    try:
        buf = bytearray(data)  # as the session receives it
        tracemalloc.reset_peak()
        base = tracemalloc.get_traced_memory()[0]
        entries = parse(buf)
        peak = tracemalloc.get_traced_memory()[1] - base
    finally:
        tracemalloc.stop()
    assert len(entries) == 50_000
    return peak + len(buf)  # the received bytes are part of the engine's peak


@pytest.mark.parametrize("kind", ["LIST", "MLSD"])
def test_a_large_listing_takes_less_than_three_times_its_bytes(kind):
    """Python's own allocations while 50,000 lines are parsed, counting the received bytes: under 3× them
    (one Entry object per line took about 8×)."""
    data = list_listing(50_000) if kind == "LIST" else mlsd_listing(50_000)
    parse = (lambda b: parse_list(b, now=datetime(2026, 11, 25, tzinfo=UTC))) if kind == "LIST" else parse_mlsd
    ratio = _peak(parse, data) / len(data)
    print(f"\n{kind}: {len(data):,} bytes, peak {ratio:.2f}x")
    assert ratio < 3


def test_the_remote_pane_gets_the_compact_listing_with_its_columns_made_on_the_connections_thread(make_server):
    """``list_folder`` runs on the connection's thread: it hands the window the engine's compact ``Listing``
    (each entry made when read) with what the pane reads of every entry — names, their sort keys, which are
    folders — made there, so the window's thread neither makes nor keeps every entry of a large folder."""
    from ftpgui.ftp import FtpSession, SessionOptions
    from ftpgui.ui.remote_browser import list_folder
    from ftpgui.ui.remote_model import ListedFolder

    srv = make_server()
    with open(srv.path("a.txt"), "wb") as f:
        f.write(b"x")
    os.mkdir(srv.path("Docs"))
    s = FtpSession(SessionOptions(timeout=10))
    s.open("127.0.0.1", srv.port, USER, PASSWORD)
    try:
        canonical, folder = list_folder(s, "/")
    finally:
        s.close()
    assert canonical == "/" and isinstance(folder, ListedFolder) and isinstance(folder.entries, Listing)
    order = sorted(range(2), key=folder.names.__getitem__)
    assert [folder.names[i] for i in order] == ["Docs", "a.txt"]
    assert [folder.keys[i] for i in order] == ["docs", "a.txt"] and [folder.dirs[i] for i in order] == [1, 0]
    assert folder.dir_names() == ["Docs"] and sorted(e.name for e in folder) == ["Docs", "a.txt"]


def test_a_size_past_64_bits_is_kept_exactly_in_both_fast_loops():
    big = 99999999999999999999  # 20 digits: what the patterns let through, more than an int64 holds
    for entries in (
        parse_list(b"-rw-r--r-- 1 a b %d Nov 24 10:00 big\r\n-rw-r--r-- 1 a b 9 Nov 24 10:00 small\r\n" % big),
        parse_mlsd(b"type=file;size=%d; big\r\ntype=file;size=9; small\r\n" % big),
    ):
        assert [(e.name, e.size) for e in entries] == [("big", big), ("small", 9)]
