"""What a rename or move would replace (``renaming.in_the_way``), read from real listings: the bytes the server
listed; on a server that folds case (its greeting, a DOS-style listing), the name ignoring case too — but not
the entry being renamed, nor on a server that lists two names one case apart."""

from __future__ import annotations

from datetime import datetime, timezone

from ftpgui.ftp.listing import parse_list, parse_mlsd
from ftpgui.ftp.names import NameCodec
from ftpgui.ftp.renaming import in_the_way

NOW = datetime(2026, 12, 6, tzinfo=timezone.utc)
UNIX = (
    b"-rw-r--r--    1 ftp      ftp            10 Dec 01 10:00 a.txt\r\n"
    b"-rw-r--r--    1 ftp      ftp          5000 Dec 01 10:00 b.bin\r\n"
    b"drwxr-xr-x    2 ftp      ftp          4096 Dec 01 10:00 sub\r\n"
)
DOS = b"12-01-26  10:00AM                   10 a.txt\r\n12-01-26  10:00AM                 5000 b.bin\r\n"
DOS += b"12-01-26  10:00AM       <DIR>          sub\r\n"
MLSD = b"type=file;size=10;modify=20261201100000; a.txt\r\ntype=file;size=5000;modify=20261201100000; b.bin\r\n"
IIS = "Microsoft FTP Service"


def names(found) -> list:
    return [None if e is None else e.name for e in found]


def test_a_name_listed_with_the_same_bytes_is_in_the_way():
    for entries in (parse_list(UNIX, now=NOW), parse_mlsd(MLSD), parse_list(DOS, now=NOW)):
        assert names(in_the_way(entries, [("b.bin", b"b.bin"), ("c.txt", b"c.txt")])) == ["b.bin", None]
    (sub,) = in_the_way(parse_list(UNIX, now=NOW), [("sub", b"sub")])
    assert sub.type == "dir"


def test_case_counts_only_where_the_server_folds_it():
    wanted = [("B.BIN", b"B.BIN")]
    assert names(in_the_way(parse_list(UNIX, now=NOW), wanted)) == [None]  # a Unix daemon: another name
    assert names(in_the_way(parse_mlsd(MLSD), wanted, "220 vsftpd 3.0.3")) == [None]
    assert names(in_the_way(parse_list(UNIX, now=NOW), wanted, IIS)) == ["b.bin"]  # IIS in Unix style
    assert names(in_the_way(parse_mlsd(MLSD), wanted, "FileZilla Server 1.8.0")) == ["b.bin"]
    assert names(in_the_way(parse_list(DOS, now=NOW), wanted)) == ["b.bin"]  # listed DOS-style, greeting hidden
    # the same bytes first, whatever the case of others
    both = parse_mlsd(MLSD + b"type=file;size=1;modify=20261201100000; B.BIN\r\n")
    assert [e.size for e in in_the_way(both, [("B.BIN", b"B.BIN")], IIS)] == [1]


def test_a_folder_listing_two_names_one_case_apart_keeps_them_apart():
    kept = parse_list(UNIX + b"-rw-r--r--    1 ftp      ftp             1 Dec 01 10:00 B.bin\r\n", now=NOW)
    assert names(in_the_way(kept, [("B.BIN", b"B.BIN")], IIS)) == [None]


def test_the_entry_renamed_is_in_no_names_way():
    """``a.txt`` renamed ``A.TXT`` on a server that folds case is a plain rename; onto ``B.BIN`` it is not."""
    dos = parse_list(DOS, now=NOW)
    assert names(in_the_way(dos, [("A.TXT", b"A.TXT")], renamed=b"a.txt")) == [None]
    assert names(in_the_way(dos, [("B.BIN", b"B.BIN")], renamed=b"a.txt")) == ["b.bin"]


def test_names_that_read_the_same_are_told_apart_by_their_bytes():
    """A legacy server lists 日本.txt in UTF-8 and in GBK: only the one with the bytes RNTO sends is in the way."""
    codec = NameCodec(("utf-8", "gbk"), ("gbk", "utf-8"))
    utf8, gbk = "日本.txt".encode(), "日本.txt".encode("gbk")
    listing = parse_list(
        b"".join(b"-rw-r--r-- 1 ftp ftp %d Dec 01 10:00 %s\r\n" % (i, n) for i, n in enumerate((utf8, gbk))),
        decode=codec.decode,
        now=NOW,
    )
    assert [e.name for e in listing] == ["日本.txt", "日本.txt"]
    assert [e.size for e in in_the_way(listing, [("日本.txt", gbk)])] == [1]
    assert [e.size for e in in_the_way(listing, [("日本.txt", utf8)])] == [0]
    assert names(in_the_way(listing, [("中国.txt", "中国.txt".encode("gbk"))])) == [None]


def test_a_greeting_is_read_only_so_far():
    hostile = "x" * 10_000 + "Microsoft FTP Service"
    assert names(in_the_way(parse_mlsd(MLSD), [("B.BIN", b"B.BIN")], hostile)) == [None]
