"""FileZilla 3's directory-listing parser test table, read by ftpgui's LIST parser.

The table (``tests/data/filezilla_dirparser.json``) is FileZilla's data — each raw line and the entry
FileZilla expects — taken once from its ``tests/dirparsertest.cpp`` by ``tests/make_filezilla_listing_table.py``.
Each line is parsed alone, as a whole LIST reply (FileZilla's ``testIndividual``), with no server type.
An entry agrees when ftpgui gives FileZilla's name, type (file, dir or link) and size, and the link target
where FileZilla gives one. ``DIFFERENT`` lists, with the reason, the entries where ftpgui deliberately
reads the line otherwise; the score test fails when any other entry differs (a regression) and when an
entry listed there starts to agree (the list is then out of date).
"""

from __future__ import annotations

import json
import os
from datetime import datetime, timezone
from typing import Dict, List, Optional

import pytest

from ftpgui.ftp.listing import Entry, parse_list

_PATH = os.path.join(os.path.dirname(__file__), "data", "filezilla_dirparser.json")
with open(_PATH, encoding="ascii") as _f:
    TABLE: List[dict] = json.load(_f)["entries"]
NOW = datetime(2026, 11, 25, 12, 0, tzinfo=timezone.utc)
TARGET = 0.95

# name (FileZilla's, the entry's id) -> why ftpgui reads the line otherwise, on purpose
_MVS_SIZE = (
    "an MVS data set's line gives tracks used, not bytes: ftpgui reports the size as unknown (None), where "
    "FileZilla puts a made-up 100 bytes (which a progress bar or a 'same size' check would then trust)"
)
DIFFERENT: Dict[str, str] = {"60-MVS.FILE": _MVS_SIZE, "79-MVS.FILE": _MVS_SIZE, "80-MVS.FILE": _MVS_SIZE}


def _read(entry: dict) -> List[Entry]:
    """ftpgui's entries for one line of the table, sent as a whole LIST reply ending in CR LF."""
    return parse_list(entry["line"].encode("latin-1") + b"\r\n", now=NOW)


def differences(entry: dict, *, folder_sizes: bool = False, times: bool = True) -> List[str]:
    """What ftpgui gives otherwise than FileZilla for this line (empty: it agrees).

    A folder's size is not compared unless ``folder_sizes``: ftpgui reports no size for a folder (the
    number ``ls -l`` prints for one is the size of the directory file, not of its contents, and the panes,
    the queue and ``ls --json`` show a folder without a size), where FileZilla keeps the number. The time is
    compared to the precision FileZilla gives (a date alone: the day), unless not ``times``."""
    got = _read(entry)
    if len(got) != 1:
        return [f"{len(got)} entries: {got!r}"]
    e = got[0]
    out = []
    if e.name != entry["name"]:
        out.append(f"name {e.name!r} != {entry['name']!r}")
    if e.type != entry["type"]:
        out.append(f"type {e.type!r} != {entry['type']!r}")
    if (entry["type"] != "dir" or folder_sizes) and e.size != entry["size"]:
        out.append(f"size {e.size!r} != {entry['size']!r}")
    if entry["target"] is not None and e.target != entry["target"]:
        out.append(f"target {e.target!r} != {entry['target']!r}")
    expected = _expected_time(entry)
    got = _time(e)
    if times and (got[: len(expected)] if got and expected else got) != expected:
        out.append(f"time {got} != {expected}")
    return out


def _expected_time(entry: dict) -> Optional[tuple]:
    """FileZilla's time for the line, as far as it gives one: (y, m, d[, h, min[, s]])."""
    when = entry["time"]
    if when is None:
        return None
    year = when[0]
    if isinstance(year, str):  # calcYear(M, D): this year, or last year if that day is still ahead
        month, day = (int(x) for x in year[len("calcYear(") : -1].split(","))
        year = NOW.year - 1 if month * 31 + day > NOW.month * 31 + NOW.day + 1 else NOW.year
    return (year, *when[1:])


def _time(e: Entry) -> Optional[tuple]:
    """ftpgui's time as (y, m, d, h, min, s), in the server's time (which FileZilla's table calls UTC)."""
    if e.modified is None:
        return None
    m = e.modified.astimezone(timezone.utc)
    return (m.year, m.month, m.day, m.hour, m.minute, m.second)


@pytest.mark.parametrize("entry", TABLE, ids=[e["name"] for e in TABLE])
def test_each_line_as_filezilla_reads_it(entry):
    diff = differences(entry)
    if entry["name"] in DIFFERENT:
        assert diff, f"now agrees with FileZilla: take it out of DIFFERENT ({DIFFERENT[entry['name']]})"
    else:
        assert not diff, f"{entry['line']!r}: " + "; ".join(diff)


def test_the_score_and_the_list_of_deliberate_differences():
    differing = {e["name"]: differences(e) for e in TABLE}
    differing = {k: v for k, v in differing.items() if v}
    strict = sum(1 for e in TABLE if not differences(e, folder_sizes=True))
    score = 1 - len(differing) / len(TABLE)
    print(
        f"\nFileZilla's listing table: {len(TABLE) - len(differing)} of {len(TABLE)} entries as FileZilla "
        f"({score:.1%}); with folder sizes compared too: {strict} of {len(TABLE)} ({strict / len(TABLE):.1%})"
    )
    for name, diff in differing.items():
        print(f"  {name!r}: {'; '.join(diff)}")
    assert set(differing) == set(DIFFERENT)
    assert score >= TARGET


def test_permissions_as_filezilla_reads_them():
    """Beyond the score: the permission field of every line (``drwxr-xr-x``, ``d [R----F--]``, VMS's
    ``RWED,RWED,RE,``, OS-9's ``d-ewrewr``, NonStop's ``"oooo"``) is the text FileZilla takes."""
    for entry in TABLE:
        (e,) = _read(entry)
        assert e.permissions == entry["permissions"], entry["name"]


def test_the_whole_table_as_one_listing_gives_the_same_entries():
    """FileZilla's ``testAll``: all lines in one reply give each line's entry, in order — except the MVS
    member listed by name alone, which among listed lines is not taken for a name (it is reported unparsed)."""
    data = b"".join(e["line"].encode("latin-1") + b"\r\n" for e in TABLE)
    unparsed: List[bytes] = []
    together = parse_list(data, now=NOW, unparsed=unparsed)
    alone = [entry for e in TABLE for entry in _read(e) if e["name"] != "65-MVS-PDS-MEMBER"]
    assert list(together) == alone and len(alone) == len(TABLE) - 1
    assert unparsed == [b"65-MVS-PDS-MEMBER"]


def test_whitespace_anywhere_in_any_line_never_raises():
    """FileZilla's ``testSpecial``: every line with whitespace inserted at every position gives entries (or
    none), never an exception."""
    for entry in TABLE:
        line = entry["line"].encode("latin-1")
        for pos in range(len(line) + 1):
            for ws in (b"\r", b"\n", b" ", b"\t", b"\0", b"\r\n \t"):
                for e in parse_list(line[:pos] + ws + line[pos:] + b"\r\n", now=NOW):
                    assert isinstance(e.name, str) and e.type in ("file", "dir", "link", "other")


@pytest.mark.parametrize("blanks", [b" ", b"\t", b" " * 6000])
def test_a_vxworks_folder_marker_after_any_blanks(blanks):
    """``<DIR>`` is cut off the name in code, not by a lazy pattern (which backtracked over every blank:
    tens of milliseconds a line for a server that pads with thousands)."""
    (e,) = parse_list(b"2048    Feb-28-1998  05:23:30   my dir" + blanks + b"<DIR>\r\n", now=NOW)
    assert (e.name, e.type, e.size) == ("my dir", "dir", None)
    (e,) = parse_list(b"2048    Feb-28-1998  05:23:30   file<DIR>\r\n", now=NOW)
    assert (e.name, e.type, e.size) == ("file<DIR>", "file", 2048)
