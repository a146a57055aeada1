"""LIST and MLSD parsing: one table of real lines from many server products, the time rules, the name
encodings, and fuzzing (any bytes give entries or ListingError, nothing else).

Where the lines come from: vsftpd 3.0.3, ProFTPD 1.3.8, Pure-FTPd 1.0.50 and BusyBox 1.35 ``ls -l`` (what
BusyBox ftpd on a NAS or router sends) were captured on this machine from the real programs, serving one
folder (a file owned by uid 1000, a name with two inner spaces, one with two leading spaces, a symlink, a
character device, an old file). IIS, FileZilla Server, Serv-U, VMS (MultiNet/TCPware), publicfile (EPLF)
and Synology lines are in the formats those servers document and other clients' test suites record.
"""

from __future__ import annotations

import pickle
from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ftpgui.ftp import listing_base
from ftpgui.ftp.errors import UnsafeArgument
from ftpgui.ftp.listing import Entry, ListingError, parse_list, parse_mlsd, parse_nlst, utc_offset
from ftpgui.ftp.names import NameCodec, parse_encoding

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=timezone.utc)
_ = None  # "not given" in the table

# (server, command, line, (name, type, size, modified, permissions, owner, group, target)); None: dropped
TABLE = [
    # --- vsftpd 3.0.3 (captured): numeric owners, link count width 4 ---------------------------------------
    (
        "vsftpd",
        "LIST",
        "-rw-r--r--    1 0        0               2 Nov 25 17:36   leading.txt",
        ("  leading.txt", "file", 2, "2026-11-25T17:36:00Z", "-rw-r--r--", "0", "0", _),
    ),
    (
        "vsftpd",
        "LIST",
        "lrwxrwxrwx    1 0        0              10 Nov 25 17:36 link to readme -> readme.txt",
        ("link to readme", "link", 10, "2026-11-25T17:36:00Z", "lrwxrwxrwx", "0", "0", "readme.txt"),
    ),
    (
        "vsftpd",
        "LIST",
        "crw-r--r--    1 0        0               0 Nov 25 17:36 null",
        ("null", "other", 0, "2026-11-25T17:36:00Z", "crw-r--r--", "0", "0", _),
    ),
    (
        "vsftpd",
        "LIST",
        "-rw-r--r--    1 0        0              99 Jan 01  2010 old.tar.gz",
        ("old.tar.gz", "file", 99, "2010-01-01T00:00:00Z", "-rw-r--r--", "0", "0", _),
    ),
    (
        "vsftpd",
        "LIST",
        "-rw-r--r--    1 1000     1000         1234 Nov 25 17:36 readme.txt",
        ("readme.txt", "file", 1234, "2026-11-25T17:36:00Z", "-rw-r--r--", "1000", "1000", _),
    ),
    (
        "vsftpd",
        "LIST",
        "drwxr-xr-x    2 0        0            4096 Nov 25 17:36 sub dir",
        ("sub dir", "dir", _, "2026-11-25T17:36:00Z", "drwxr-xr-x", "0", "0", _),
    ),
    (
        "vsftpd",
        "LIST",
        "-rw-r--r--    1 0        0               1 Nov 25 17:36 two  spaces.txt",
        ("two  spaces.txt", "file", 1, "2026-11-25T17:36:00Z", "-rw-r--r--", "0", "0", _),
    ),
    (
        "vsftpd",
        "LIST",
        "-rw-r--r--    1 0        0               1 Nov 25 17:36 .hidden",
        (".hidden", "file", 1, "2026-11-25T17:36:00Z", "-rw-r--r--", "0", "0", _),
    ),
    ("vsftpd", "LIST", "drwxr-xr-x    3 102      105          4096 Nov 25 17:36 .", None),
    ("vsftpd", "LIST", "drwxr-xr-x    3 0        0            4096 Nov 25 17:36 ..", None),
    # a date six months back is written with its year; one day ahead is still "this year" (clock grace)
    (
        "vsftpd",
        "LIST",
        "-rw-r--r--    1 0        0               5 Nov 26 09:00 tomorrow.txt",
        ("tomorrow.txt", "file", 5, "2026-11-26T09:00:00Z", "-rw-r--r--", "0", "0", _),
    ),
    (
        "vsftpd",
        "LIST",
        "-rw-r--r--    1 0        0               5 Dec 24 18:00 last-christmas.txt",
        ("last-christmas.txt", "file", 5, "2025-12-24T18:00:00Z", "-rw-r--r--", "0", "0", _),
    ),
    # --- ProFTPD 1.3.8 (captured): owner names, link count width 3; MLSD with UNIX.ownername ---------------
    (
        "ProFTPD",
        "LIST",
        "-rw-r--r--   1 root     root            2 Nov 25 17:36   leading.txt",
        ("  leading.txt", "file", 2, "2026-11-25T17:36:00Z", "-rw-r--r--", "root", "root", _),
    ),
    (
        "ProFTPD",
        "LIST",
        "lrwxrwxrwx   1 root     root           10 Nov 25 17:36 link to readme -> readme.txt",
        ("link to readme", "link", 10, "2026-11-25T17:36:00Z", "lrwxrwxrwx", "root", "root", "readme.txt"),
    ),
    (
        "ProFTPD",
        "LIST",
        "-rw-r--r--   1 root     root           99 Jan  1  2010 old.tar.gz",
        ("old.tar.gz", "file", 99, "2010-01-01T00:00:00Z", "-rw-r--r--", "root", "root", _),
    ),
    (
        "ProFTPD",
        "LIST",
        "drwxr-xr-x   2 root     root         4096 Nov 25 17:36 sub dir",
        ("sub dir", "dir", _, "2026-11-25T17:36:00Z", "drwxr-xr-x", "root", "root", _),
    ),
    (
        "ProFTPD",
        "MLSD",
        "modify=20261125173630;perm=adfr;size=1234;type=file;unique=FE00U22786B;UNIX.group=1000;"
        "UNIX.groupname=nogroup;UNIX.mode=0644;UNIX.owner=1000;UNIX.ownername=ftp; readme.txt",
        ("readme.txt", "file", 1234, "2026-11-25T17:36:30Z", "0644", "ftp", "nogroup", _),
    ),
    (
        "ProFTPD",
        "MLSD",
        "modify=20261125173630;perm=fle;type=dir;unique=FE00U22786A;UNIX.group=0;"
        "UNIX.groupname=nogroup;UNIX.mode=0755;UNIX.owner=0;UNIX.ownername=ftp; sub dir",
        ("sub dir", "dir", _, "2026-11-25T17:36:30Z", "0755", "ftp", "nogroup", _),
    ),
    (
        "ProFTPD",
        "MLSD",
        "modify=20261125173630;perm=adfr;size=2;type=file;unique=FE00U22786D;UNIX.group=0;"
        "UNIX.groupname=nogroup;UNIX.mode=0644;UNIX.owner=0;UNIX.ownername=ftp;   leading.txt",
        ("  leading.txt", "file", 2, "2026-11-25T17:36:30Z", "0644", "ftp", "nogroup", _),
    ),
    (
        "ProFTPD",
        "MLSD",
        "modify=20261125173630;perm=adfr;size=10;type=OS.unix=symlink;unique=FE00U22786B;"
        "UNIX.group=0;UNIX.groupname=nogroup;UNIX.mode=0777;UNIX.owner=0;UNIX.ownername=ftp; link to readme",
        ("link to readme", "link", 10, "2026-11-25T17:36:30Z", "0777", "ftp", "nogroup", _),
    ),
    (
        "ProFTPD",
        "MLSD",
        "modify=20261125173630;perm=fle;type=cdir;unique=FE00U227868;UNIX.group=0;"
        "UNIX.groupname=nogroup;UNIX.mode=0755;UNIX.owner=0;UNIX.ownername=ftp; .",
        None,
    ),
    (
        "ProFTPD",
        "MLSD",
        "modify=20261125173630;perm=fle;type=pdir;unique=FE00U227868;UNIX.group=0;"
        "UNIX.groupname=nogroup;UNIX.mode=0755;UNIX.owner=0;UNIX.ownername=ftp; ..",
        None,
    ),
    (
        "ProFTPD",
        "MLSD",
        "modify=20100101120000;perm=adfr;size=99;type=file;unique=FE00U227871;UNIX.group=0;"
        "UNIX.groupname=nogroup;UNIX.mode=0644;UNIX.owner=0;UNIX.ownername=ftp; old.tar.gz",
        ("old.tar.gz", "file", 99, "2010-01-01T12:00:00Z", "0644", "ftp", "nogroup", _),
    ),
    # --- Pure-FTPd 1.0.50 (captured): wide columns; MLSD with sizd, slink:target, unknown -----------------
    (
        "Pure-FTPd",
        "LIST",
        "-rw-r--r--    1 0          0                   2 Nov 25 17:36   leading.txt",
        ("  leading.txt", "file", 2, "2026-11-25T17:36:00Z", "-rw-r--r--", "0", "0", _),
    ),
    (
        "Pure-FTPd",
        "LIST",
        "lrwxrwxrwx    1 0          0                  10 Nov 25 17:36 link to readme -> readme.txt",
        ("link to readme", "link", 10, "2026-11-25T17:36:00Z", "lrwxrwxrwx", "0", "0", "readme.txt"),
    ),
    (
        "Pure-FTPd",
        "LIST",
        "-rw-r--r--    1 1000       1000             1234 Nov 25 17:36 readme.txt",
        ("readme.txt", "file", 1234, "2026-11-25T17:36:00Z", "-rw-r--r--", "1000", "1000", _),
    ),
    ("Pure-FTPd", "LIST", "drwxr-xr-x    3 0          105              4096 Nov 25 17:36 ..", None),
    (
        "Pure-FTPd",
        "MLSD",
        "type=file;size=1234;modify=20261125173638;UNIX.mode=0644;unique=fe00g162033; readme.txt",
        ("readme.txt", "file", 1234, "2026-11-25T17:36:38Z", "0644", _, _, _),
    ),
    (
        "Pure-FTPd",
        "MLSD",
        "type=dir;sizd=4096;modify=20261125173638;UNIX.mode=0755;unique=fe00g162031; sub dir",
        ("sub dir", "dir", _, "2026-11-25T17:36:38Z", "0755", _, _, _),
    ),
    (
        "Pure-FTPd",
        "MLSD",
        "type=OS.unix=slink:readme.txt;size=10;modify=20261125173638;UNIX.mode=0777;unique=fe00g162037; link to readme",
        ("link to readme", "link", 10, "2026-11-25T17:36:38Z", "0777", _, _, "readme.txt"),
    ),
    (
        "Pure-FTPd",
        "MLSD",
        "type=unknown;size=0;modify=20261125173638;UNIX.mode=0644;unique=fe00g162038; null",
        ("null", "other", 0, "2026-11-25T17:36:38Z", "0644", _, _, _),
    ),
    ("Pure-FTPd", "MLSD", "type=cdir;sizd=4096;modify=20261125173638;UNIX.mode=0755;unique=fe00g16202f; .", None),
    # --- BusyBox 1.35 ls -l (captured; BusyBox ftpd on QNAP/OpenWrt-style NAS boxes) -----------------------
    (
        "BusyBox (NAS)",
        "LIST",
        "crw-r--r--    1 root     root        1,   3 Nov 25 17:36 null",
        ("null", "other", _, "2026-11-25T17:36:00Z", "crw-r--r--", "root", "root", _),
    ),
    (
        "BusyBox (NAS)",
        "LIST",
        "-rw-r--r--    1 cloudsdk cloudsdk      1234 Nov 25 17:36 readme.txt",
        ("readme.txt", "file", 1234, "2026-11-25T17:36:00Z", "-rw-r--r--", "cloudsdk", "cloudsdk", _),
    ),
    (
        "BusyBox (NAS)",
        "LIST",
        "-rw-r--r--    1 root     root            99 Jan  1  2010 old.tar.gz",
        ("old.tar.gz", "file", 99, "2010-01-01T00:00:00Z", "-rw-r--r--", "root", "root", _),
    ),
    (
        "BusyBox (NAS)",
        "LIST",
        "brw-rw----    1 root     disk        8,   0 Nov 25 17:36 sda",
        ("sda", "other", _, "2026-11-25T17:36:00Z", "brw-rw----", "root", "disk", _),
    ),
    # --- Synology DSM ftpd: ls -l with the group missing, and GNU ls long-iso (a non-C locale) ---------------
    (
        "Synology",
        "LIST",
        "drwxrwxrwx   1 admin    users           0 Nov 25 17:36 photo",
        ("photo", "dir", _, "2026-11-25T17:36:00Z", "drwxrwxrwx", "admin", "users", _),
    ),
    (
        "Synology",
        "LIST",
        "dr-xr-xr-x   2 root                  512 Apr  8  1994 no group dir",
        ("no group dir", "dir", _, "1994-04-08T00:00:00Z", "dr-xr-xr-x", "root", _, _),
    ),
    (
        "GNU ls long-iso",
        "LIST",
        "crw-r--r-- 1 root     root     1, 3 2026-11-25 17:36 null",
        ("null", "other", _, "2026-11-25T17:36:00Z", "crw-r--r--", "root", "root", _),
    ),
    (
        "GNU ls long-iso",
        "LIST",
        "-rw-r--r-- 1 root     root       99 2010-01-01 12:00 old.tar.gz",
        ("old.tar.gz", "file", 99, "2010-01-01T12:00:00Z", "-rw-r--r--", "root", "root", _),
    ),
    (
        "GNU ls ACL",
        "LIST",
        "-rw-rwxr--+ 1 alice    staff      42 Nov 25 08:01 shared.doc",
        ("shared.doc", "file", 42, "2026-11-25T08:01:00Z", "-rw-rwxr--", "alice", "staff", _),
    ),
    (
        "macOS ftpd",
        "LIST",
        "-rw-r--r--@  1 alice  staff  6148 Nov 20 09:15 .DS_Store",
        (".DS_Store", "file", 6148, "2026-11-20T09:15:00Z", "-rw-r--r--", "alice", "staff", _),
    ),
    # --- Microsoft IIS: DOS style (MM-DD-YY hh:mmAM), its Unix style, and MLSD with milliseconds -----------
    (
        "IIS",
        "LIST",
        "11-25-26  05:36PM       <DIR>          sub dir",
        ("sub dir", "dir", _, "2026-11-25T17:36:00Z", _, _, _, _),
    ),
    (
        "IIS",
        "LIST",
        "11-25-26  05:36PM                 1234 readme.txt",
        ("readme.txt", "file", 1234, "2026-11-25T17:36:00Z", _, _, _, _),
    ),
    (
        "IIS",
        "LIST",
        "01-01-10  12:00PM                   99 old.tar.gz",
        ("old.tar.gz", "file", 99, "2010-01-01T12:00:00Z", _, _, _, _),
    ),
    (
        "IIS",
        "LIST",
        "04-27-00  12:09AM       <DIR>          midnight dir",
        ("midnight dir", "dir", _, "2000-04-27T00:09:00Z", _, _, _, _),
    ),
    (
        "IIS",
        "LIST",
        "11-25-26  05:36PM                    2   leading.txt",
        ("  leading.txt", "file", 2, "2026-11-25T17:36:00Z", _, _, _, _),
    ),
    (
        "IIS",
        "LIST",
        "11-25-2026  05:36PM       <DIR>          four digit year",
        ("four digit year", "dir", _, "2026-11-25T17:36:00Z", _, _, _, _),
    ),
    (
        "IIS",
        "LIST",
        "-rwxrwxrwx   1 owner    group            1234 Nov 25 17:36 readme.txt",
        ("readme.txt", "file", 1234, "2026-11-25T17:36:00Z", "-rwxrwxrwx", "owner", "group", _),
    ),
    (
        "IIS",
        "LIST",
        "drwxrwxrwx   1 owner    group               0 Nov 25  2019 aspnet_client",
        ("aspnet_client", "dir", _, "2019-11-25T00:00:00Z", "drwxrwxrwx", "owner", "group", _),
    ),
    (
        "IIS",
        "MLSD",
        "type=file;modify=20261125173630.643;size=1234; readme.txt",
        ("readme.txt", "file", 1234, "2026-11-25T17:36:30.643000Z", _, _, _, _),
    ),
    (
        "IIS",
        "MLSD",
        "type=dir;modify=20100407182547.113; aspnet_client",
        ("aspnet_client", "dir", _, "2010-04-07T18:25:47.113000Z", _, _, _, _),
    ),
    (
        "Windows (24 h)",
        "LIST",
        "2002-09-02  19:06                9,730 thousands.txt",
        ("thousands.txt", "file", 9730, "2002-09-02T19:06:00Z", _, _, _, _),
    ),
    # --- FileZilla Server 0.9 / 1.x ----------------------------------------------------------------------
    (
        "FileZilla Server",
        "LIST",
        "-rw-r--r-- 1 ftp ftp           1234 Nov 25 17:36 readme.txt",
        ("readme.txt", "file", 1234, "2026-11-25T17:36:00Z", "-rw-r--r--", "ftp", "ftp", _),
    ),
    (
        "FileZilla Server",
        "LIST",
        "drwxr-xr-x 1 ftp ftp              0 Jan 05  2021 Backups 2020",
        ("Backups 2020", "dir", _, "2021-01-05T00:00:00Z", "drwxr-xr-x", "ftp", "ftp", _),
    ),
    (
        "FileZilla Server",
        "MLSD",
        "type=file;modify=20261125173630;size=1234; readme.txt",
        ("readme.txt", "file", 1234, "2026-11-25T17:36:30Z", _, _, _, _),
    ),
    (
        "FileZilla Server",
        "MLSD",
        "type=dir;modify=20261125173630; sub dir",
        ("sub dir", "dir", _, "2026-11-25T17:36:30Z", _, _, _, _),
    ),
    (
        "FileZilla Server",
        "MLSD",
        "type=file;size=1234;modify=20261125173630;perm=adfrw; a;b=c d.txt",
        ("a;b=c d.txt", "file", 1234, "2026-11-25T17:36:30Z", "adfrw", _, _, _),
    ),
    # --- Serv-U ------------------------------------------------------------------------------------------
    (
        "Serv-U",
        "LIST",
        "-rw-rw-rw-   1 user     group        1234 Nov 25 17:36 readme.txt",
        ("readme.txt", "file", 1234, "2026-11-25T17:36:00Z", "-rw-rw-rw-", "user", "group", _),
    ),
    (
        "Serv-U",
        "LIST",
        "drw-rw-rw-   1 user     group           0 Mar 14  2018 Archive",
        ("Archive", "dir", _, "2018-03-14T00:00:00Z", "drw-rw-rw-", "user", "group", _),
    ),
    (
        "Serv-U",
        "MLSD",
        "type=file;size=1234;modify=20261125173630;perm=rwfd; readme.txt",
        ("readme.txt", "file", 1234, "2026-11-25T17:36:30Z", "rwfd", _, _, _),
    ),
    ("Serv-U", "MLSD", "type=pdir;modify=20261125173630;perm=el; ..", None),
    (
        "Serv-U",
        "MLSD",
        "Type=File;Size=17;Modify=20261125173630; Mixed Case Facts.txt",
        ("Mixed Case Facts.txt", "file", 17, "2026-11-25T17:36:30Z", _, _, _, _),
    ),
    # --- VMS (MultiNet, TCPware): NAME.EXT;version  blocks  date  [group,owner]  (protection) --------------
    (
        "VMS",
        "LIST",
        "CII-MANUAL.TEX;1  213/216  29-JAN-1996 03:33:12  [ANONYMOU,ANONYMOUS]   (RWED,RWED,,)",
        ("CII-MANUAL.TEX;1", "file", 213 * 512, "1996-01-29T03:33:12Z", "RWED,RWED,,", "ANONYMOUS", "ANONYMOU", _),
    ),
    (
        "VMS",
        "LIST",
        "DOC.DIR;1           1/3       25-NOV-2026 17:36  [SYSTEM]  (RWE,RWE,RE,RE)",
        ("DOC", "dir", _, "2026-11-25T17:36:00Z", "RWE,RWE,RE,RE", "SYSTEM", _, _),
    ),
    (
        "VMS",
        "LIST",
        "LOGIN.COM;12          2   2-JUL-2003 10:30:13.64",
        ("LOGIN.COM;12", "file", 1024, "2003-07-02T10:30:13Z", _, _, _, _),
    ),
    (
        "VMS",
        "LIST",
        "NOTIME.TXT;1    2/8    7-JAN-2000    [IV2_XXX]   (RWED,RWED,RE,)",
        ("NOTIME.TXT;1", "file", 1024, "2000-01-07T00:00:00Z", "RWED,RWED,RE,", "IV2_XXX", _, _),
    ),
    (
        "VMS",
        "LIST",
        "BACKUP.ZIP;3 2KB 23-SEP-2005 14:57:07.27",
        ("BACKUP.ZIP;3", "file", 2048, "2005-09-23T14:57:07Z", _, _, _, _),
    ),
    # --- EPLF (publicfile) -------------------------------------------------------------------------------
    (
        "publicfile (EPLF)",
        "LIST",
        "+i8388621.48594,m825718503,r,s280,up755\tRFCEPLF",
        ("RFCEPLF", "file", 280, "1996-03-01T22:15:03Z", "755", _, _, _),
    ),
    (
        "publicfile (EPLF)",
        "LIST",
        "+i8388621.50690,m824255907,/,\tdev tools",
        ("dev tools", "dir", _, "1996-02-13T23:58:27Z", _, _, _, _),
    ),
]


def _flat():
    for server, command, line, expected in TABLE:
        yield pytest.param(command, line, expected, id=f"{server}: {line[-40:]}")


def test_the_table_covers_enough_servers():
    servers = {row[0].split(" (")[0] for row in TABLE}
    assert len(TABLE) >= 60
    wanted = {"vsftpd", "ProFTPD", "Pure-FTPd", "IIS", "FileZilla Server", "Serv-U", "VMS", "BusyBox", "Synology"}
    assert wanted <= servers, wanted - servers


@pytest.mark.parametrize("command, line, expected", list(_flat()))
def test_real_lines(command, line, expected):
    data = (line + "\r\n").encode("utf-8")
    entries = parse_mlsd(data) if command == "MLSD" else parse_list(data, now=NOW)
    if expected is None:
        assert entries == []
        return
    assert len(entries) == 1, entries
    e = entries[0]
    name, etype, size, modified, perms, owner, group, target = expected
    got = e.to_json()
    assert (got["name"], got["type"], got["size"]) == (name, etype, size)
    assert got["modified"] == modified
    assert (got["permissions"], got["owner"], got["group"], got["target"]) == (perms, owner, group, target)
    assert e.raw_name == name.encode("utf-8")  # what is sent back to the server


def test_a_whole_listing_keeps_order_and_mixes_fast_and_slow_lines():
    lines = [row[2] for row in TABLE if row[0] in ("vsftpd", "BusyBox (NAS)") and row[3] is not None]
    data = ("total 24\r\n" + "\r\n".join(lines) + "\r\n").encode()
    names = [e.name for e in parse_list(data, now=NOW)]
    assert names == [row[3][0] for row in TABLE if row[0] in ("vsftpd", "BusyBox (NAS)") and row[3] is not None]


def test_a_whole_mlsd_listing_with_facts_in_varying_order():
    rows = [row for row in TABLE if row[1] == "MLSD"]
    data = ("\r\n".join(r[2] for r in rows) + "\r\n").encode()
    assert [e.name for e in parse_mlsd(data)] == [r[3][0] for r in rows if r[3] is not None]


def test_device_numbers_kept_as_facts():
    (e,) = parse_list(b"crw-r--r--    1 root     root        1,   3 Nov 25 17:36 null\r\n", now=NOW)
    assert (e.size, e.facts) == (None, {"major": "1", "minor": "3"})


def test_mlsd_facts_and_the_name_after_the_first_space():
    (e,) = parse_mlsd(b"Type=file;Size=5;X.Custom=AbC; name;with=odd chars \r\n")
    assert e.name == "name;with=odd chars "  # everything after the first space, trailing space too
    assert e.facts["type"] == "file" and e.facts["x.custom"] == "AbC" and e.size == 5


def test_vms_details_on_a_second_line():
    data = b"40-VMS-MULTILINE.TXT;1\r\n170774/170775     24-APR-2003 08:16:15  [FTP_CLIENT,SCOT]  (RWED,RWED,RE,)\r\n"
    (e,) = parse_list(data, now=NOW)
    assert (e.name, e.size, e.owner, e.group) == ("40-VMS-MULTILINE.TXT;1", 170774 * 512, "SCOT", "FTP_CLIENT")


def test_name_only_output_is_a_list_of_names():
    entries = parse_list(b"readme.txt\r\nsub dir/\r\n  leading\r\n.\r\n..\r\n", now=NOW)
    assert [(e.name, e.type, e.size, e.modified) for e in entries] == [
        ("readme.txt", "file", None, None),
        ("sub dir", "dir", None, None),
        ("  leading", "file", None, None),
    ]
    assert [e.name for e in parse_nlst(b"/pub/a.txt\r\n/pub/b c\r\n")] == ["a.txt", "b c"]


def test_unreadable_lines_among_known_ones_are_reported_not_invented():
    unparsed: list = []
    data = b"-rw-r--r--    1 0        0               5 Nov 25 17:36 ok.txt\r\nls: cannot open directory x\r\n"
    entries = parse_list(data, now=NOW, unparsed=unparsed)
    assert [e.name for e in entries] == ["ok.txt"]
    assert unparsed == [b"ls: cannot open directory x"]


def test_a_listing_line_that_cannot_be_read_is_not_taken_for_a_name():
    unparsed: list = []
    data = b"-rw-r--r--    1 0        0               5 2026#11#25 10:00 odd date.txt\r\n"
    assert parse_list(data, now=NOW, unparsed=unparsed) == [] and unparsed == [data[:-2]]
    # (a date with slashes is read now, as FileZilla reads it)
    (e,) = parse_list(b"-rw-r--r--    1 0        0               5 2026/11/25 odd date.txt\r\n", now=NOW)
    assert (e.name, e.size, e.to_json()["modified"]) == ("odd date.txt", 5, "2026-11-25T00:00:00Z")
    # a month name in a language we do not know: the entry, without its time
    for line in (b"-rw-r--r--    1 0   0    5 Xyz 25 17:36 odd.txt", b"-rw-r--r-- 1 0 0 5 Xyz 5 17:36 odd.txt"):
        (e,) = parse_list(line + b"\r\n", now=NOW)
        assert (e.name, e.size, e.modified) == ("odd.txt", 5, None)
    (e,) = parse_list(b"-rw-r--r--   1 root     root         5 Okt 25  2019 german.txt\r\n", now=NOW)
    assert (e.name, e.to_json()["modified"]) == ("german.txt", "2019-10-25T00:00:00Z")


def test_mlsd_that_is_not_mlsd_is_a_listing_error():
    with pytest.raises(ListingError, match="MLSD"):
        parse_mlsd(b"this is not a listing\r\n")
    # one bad line among good ones is skipped, not fatal
    assert [e.name for e in parse_mlsd(b"garbage\r\ntype=file;size=1; ok\r\n")] == ["ok"]


# --- times ------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "now, listed, expected",
    [
        (datetime(2026, 11, 25, 12, 0, tzinfo=timezone.utc), b"Nov 25 11:00", datetime(2026, 11, 25, 11, 0)),
        (datetime(2026, 11, 25, 12, 0, tzinfo=timezone.utc), b"Nov 27 11:00", datetime(2025, 11, 27, 11, 0)),
        (datetime(2026, 1, 2, 0, 30, tzinfo=timezone.utc), b"Dec 31 23:59", datetime(2025, 12, 31, 23, 59)),
        (datetime(2026, 12, 31, 23, 0, tzinfo=timezone.utc), b"Jan 01 10:00", datetime(2027, 1, 1, 10, 0)),
        (datetime(2026, 3, 1, 0, 0, tzinfo=timezone.utc), b"Feb 29 10:00", datetime(2024, 2, 29, 10, 0)),
        (datetime(2028, 3, 1, 0, 0, tzinfo=timezone.utc), b"Feb 29 10:00", datetime(2028, 2, 29, 10, 0)),
    ],
)
def test_year_omitted_is_the_most_recent_such_date_not_in_the_future(now, listed, expected):
    line = b"-rw-r--r--    1 0        0               5 " + listed + b" f\r\n"
    (e,) = parse_list(line, now=now)
    assert e.modified == expected.replace(tzinfo=timezone.utc)


def test_list_times_use_the_sites_offset_and_mlsd_is_utc():
    line = b"-rw-r--r--    1 0        0               5 Nov 25 17:36 f\r\n"
    (e,) = parse_list(line, now=NOW, tz=utc_offset(8 * 60))  # a server in UTC+8
    assert e.to_json()["modified"] == "2026-11-25T09:36:00Z"
    (e,) = parse_list(b"11-25-26  05:36PM                 1234 f\r\n", now=NOW, tz=utc_offset(-300))
    assert e.to_json()["modified"] == "2026-11-25T22:36:00Z"
    (m,) = parse_mlsd(b"type=file;modify=20261125173630.5; f\r\n")
    assert m.modified == datetime(2026, 11, 25, 17, 36, 30, 500000, tzinfo=timezone.utc)
    # "year omitted" is judged in the server's zone: 00:30 on the 26th there is still in the past
    (e,) = parse_list(b"-rw-r--r-- 1 0 0 5 Nov 26 00:30 f\r\n", now=NOW, tz=utc_offset(14 * 60))
    assert e.modified.astimezone(timezone.utc) == datetime(2026, 11, 25, 10, 30, tzinfo=timezone.utc)
    with pytest.raises(ValueError, match="24 hours"):
        utc_offset(24 * 60)


# --- encodings --------------------------------------------------------------------------------------
GBK_NAME = "中文目录".encode("gbk")
NO_CODEC = b"\xff\xfe\x80 raw.bin"


def test_auto_decodes_utf8_then_the_fallback_then_escapes():
    codec = NameCodec.for_session(parse_encoding("auto:gbk"), server_utf8=False)
    assert codec.decode("日本.txt".encode()) == "日本.txt"
    assert codec.decode(GBK_NAME) == "中文目录"
    shown = codec.decode(NO_CODEC)
    assert shown == "\udcff\udcfe\udc80 raw.bin"
    for raw in ("日本.txt".encode(), GBK_NAME, NO_CODEC):
        assert codec.encode(codec.decode(raw)) == raw  # what was listed goes back byte for byte
    # typed names go out in the server's legacy codec when it can write them, else UTF-8
    assert codec.encode("新文件") == "新文件".encode("gbk")
    assert codec.encode("emoji 🙂") == "emoji 🙂".encode()
    assert codec.decode_path(b"/" + GBK_NAME + b"/sub") == "/中文目录/sub"
    # the limit of "UTF-8 first": a short GBK name can be valid UTF-8 too (目录 is "Ŀ¼"); it still goes
    # back as its own bytes, and --encoding gbk shows it right
    assert codec.decode("目录".encode("gbk")) == "Ŀ¼" and codec.encode("Ŀ¼") == "目录".encode("gbk")


def test_auto_is_utf8_when_the_server_says_so_and_fixed_codecs_are_fixed():
    assert NameCodec.for_session(parse_encoding("auto"), server_utf8=True).decode(GBK_NAME) == (
        GBK_NAME.decode("utf-8", "surrogateescape")
    )
    # a server listing UTF8 may still list its disk's GBK names: auto:gbk reads them (design note 265); a typed
    # name goes out in UTF-8, as the server asks
    mixed = NameCodec.for_session(parse_encoding("auto:gbk"), server_utf8=True)
    assert mixed.decode(GBK_NAME) == GBK_NAME.decode("gbk") and mixed.encode(GBK_NAME.decode("gbk")) == GBK_NAME
    assert mixed.decode("café".encode()) == "café" and mixed.encode("新.txt") == "新.txt".encode()
    big5 = NameCodec.for_session(parse_encoding("big5"), server_utf8=True)
    assert big5.decode("資料".encode("big5")) == "資料" and big5.encode("資料") == "資料".encode("big5")
    sjis = NameCodec.for_session(parse_encoding("Shift_JIS"), server_utf8=False)
    assert sjis.decode("ファイル".encode("shift_jis")) == "ファイル"
    with pytest.raises(UnsafeArgument, match="cannot be written"):
        NameCodec.for_session(parse_encoding("latin-1"), server_utf8=False).encode("中")
    for bad in ("klingon", "auto:klingon", "utf-16"):
        with pytest.raises(ValueError, match="encoding"):
            parse_encoding(bad)
    assert parse_encoding("EUC-KR").codec == "euc_kr" and parse_encoding("latin-1").codec == "iso8859-1"


def test_listing_names_are_decoded_one_by_one_and_keep_their_bytes():
    codec = NameCodec.for_session(parse_encoding("auto:gbk"), server_utf8=False)
    data = b"".join(
        b"-rw-r--r--    1 0        0               5 Nov 25 17:36 " + raw + b"\r\n"
        for raw in ("日本.txt".encode(), GBK_NAME, NO_CODEC)
    )
    entries = parse_list(data, now=NOW, decode=codec.decode)
    assert [e.name for e in entries] == ["日本.txt", "中文目录", "\udcff\udcfe\udc80 raw.bin"]
    assert [e.wire_name for e in entries] == ["日本.txt".encode(), GBK_NAME, NO_CODEC]


# --- fuzzing ----------------------------------------------------------------------------------------
_LINE_PARTS = st.sampled_from(
    [row[2].encode() for row in TABLE]
    + [
        b"\r\n",
        b"\n",
        b" ",
        b"\t",
        b";",
        b"=",
        b" -> ",
        b"<DIR>",
        b"total 5",
        b"\xff\xfe",
        b"+i1,m99999999999999999999",
    ]
)
_NOISY = st.lists(st.one_of(_LINE_PARTS, st.binary(max_size=40)), max_size=30).map(b"".join)
_CODECS = [NameCodec.for_session(parse_encoding(s), server_utf8=False) for s in ("utf-8", "auto:gbk", "big5")]


@settings(deadline=None, max_examples=400)
@given(_NOISY, st.sampled_from(_CODECS), st.integers(-23 * 60, 23 * 60))
def test_list_parser_on_any_bytes_returns_entries(data, codec, offset):
    entries = parse_list(data, now=NOW, tz=utc_offset(offset), decode=codec.decode)
    for e in entries:
        assert isinstance(e, Entry) and e.type in ("file", "dir", "link", "other")
        assert e.name and e.raw_name not in (b".", b"..")
        assert codec.encode(e.name) == e.wire_name or "/" in e.name
        e.to_json()


@settings(deadline=None, max_examples=400)
@given(_NOISY, st.sampled_from(_CODECS))
def test_mlsd_parser_on_any_bytes_returns_entries_or_its_own_error(data, codec):
    try:
        entries = parse_mlsd(data, codec.decode)
    except ListingError:
        return
    for e in entries:
        assert isinstance(e, Entry) and e.type in ("file", "dir", "link", "other")
        e.to_json()
        assert isinstance(e.facts, dict)


@settings(deadline=None, max_examples=300)
@given(st.binary(min_size=1, max_size=30).filter(lambda b: b"/" not in b), st.sampled_from(_CODECS))
def test_every_name_round_trips_to_its_bytes(raw, codec):
    assert codec.encode(codec.decode(raw)) == raw


def test_times_in_the_table_are_aware():
    for e in parse_list(("\r\n".join(r[2] for r in TABLE if r[1] == "LIST") + "\r\n").encode(), now=NOW):
        assert e.modified is None or e.modified.utcoffset() == timedelta(0)


# --- the Entry record, and listings read a chunk of lines at a time ----------------------------------------
def test_entries_compare_by_what_they_are_not_how_the_server_wrote_them():
    a = Entry("f", "file", 3, raw_facts=b"type=file;size=3;", raw_name=b"f")
    b = Entry("f", "file", 3)
    assert a == b and hash(a) == hash(b) and not (a != b)
    assert a != Entry("f", "file", 4) and a != ("f", "file", 3, None, None, None, None, None, b"", None)
    assert {a, b} == {a}
    assert repr(b) == (
        "Entry(name='f', type='file', size=3, modified=None, permissions=None, owner=None, group=None, target=None)"
    )
    with pytest.raises(TypeError):
        _ = a < b  # no order: sort by a key (name, size, time), as the panes do
    with pytest.raises(AttributeError):
        a.name = "g"  # type: ignore[misc]
    (e,) = parse_mlsd(b"type=file;size=3;UNIX.owner=ftp; f\r\n")
    assert pickle.loads(pickle.dumps(e)) == e and pickle.loads(pickle.dumps(e)).raw_facts == e.raw_facts
    assert e.facts == {"type": "file", "size": "3", "unix.owner": "ftp"} and e.owner == "ftp"


_MLSD_LINES = [row[2] for row in TABLE if row[1] == "MLSD"]
_LIST_LINES = [row[2] for row in TABLE if row[1] == "LIST" and "VMS" not in row[0]]  # (VMS: two-line entries)


@settings(deadline=None, max_examples=150)
@given(
    st.lists(st.sampled_from([*_MLSD_LINES, "", "garbage", " x"]), min_size=1, max_size=60),
    st.lists(st.sampled_from([*_LIST_LINES, "", "total 12", "garbage"]), min_size=1, max_size=60),
    st.sampled_from([b"\r\n", b"\n"]),
    st.booleans(),
    st.integers(1, 400),
)
def test_a_listing_read_in_small_chunks_is_read_the_same(mlsd_lines, list_lines, eol, last_eol, chunk):
    """Chunk boundaries anywhere (a few bytes to a few lines) change nothing, with or without a last EOL."""

    def joined(lines):
        return eol.join(line.encode() for line in lines) + (eol if last_eol else b"")

    def full(entries):
        return [(e, e.raw_facts, e.raw_name) for e in entries]

    mlsd, lst = joined(mlsd_lines), joined(list_lines)
    expect_mlsd, expect_list = full(_mlsd_or_error(mlsd)), full(parse_list(lst, now=NOW))
    saved = listing_base._CHUNK
    listing_base._CHUNK = chunk
    try:
        assert full(_mlsd_or_error(mlsd)) == expect_mlsd
        assert full(parse_list(lst, now=NOW)) == expect_list
    finally:
        listing_base._CHUNK = saved
    # MLSD lines stand alone: the same as each line read on its own (a LIST line does not: alone, an unreadable
    # line is a bare name)
    assert expect_mlsd == [x for line in mlsd.split(b"\n") for x in full(_mlsd_or_error(line))]


def _mlsd_or_error(data):
    try:
        return parse_mlsd(data)
    except ListingError:
        return []


def test_a_large_listing_spans_many_chunks():
    lines = [f"type=file;size={i};modify=20261125{i % 24:02d}0000; file {i}" for i in range(20_000)]
    entries = parse_mlsd(("\r\n".join(lines) + "\r\n").encode())
    assert [e.size for e in entries] == list(range(20_000))
    assert entries[-1].name == "file 19999" and entries[-1].modified == datetime(2026, 11, 25, 7, tzinfo=timezone.utc)
    lines = [f"-rw-r--r--    1 ftp      ftp      {i:12d} Nov 24 10:00 file {i}" for i in range(20_000)]
    entries = parse_list(("\n".join(lines)).encode(), now=NOW)
    assert [e.size for e in entries] == list(range(20_000)) and entries[-1].name == "file 19999"
