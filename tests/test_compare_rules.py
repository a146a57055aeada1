"""The directory comparison's rules, as a table: size, time with the site's offset, LIST's minute precision,
LIST's date-only form for old files, MLSD's seconds (issue 20 item 2)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from ftpgui.ui.compare import (
    BY_SIZE,
    BY_TIME,
    DAY,
    DIFFERENT,
    MINUTE,
    NEWER,
    ONLY_HERE,
    SECOND,
    Side,
    compare_folders,
    compare_pair,
    compare_times,
    listing_precision,
    side,
)

UTC = timezone.utc
PLUS2 = timezone(timedelta(hours=2))  # a site whose LIST times are two hours ahead of UTC
MINUS5 = timezone(timedelta(hours=-5))


def local(size=10, t=datetime(2026, 11, 20, 12, 34, 56, 700000, tzinfo=UTC)):
    """A local file: its time to the second (the file system's)."""
    return side(False, size, t, SECOND)


def remote(size=10, t=None, precision=SECOND):
    return side(False, size, t, precision)


FOLDER = Side(True)
T = datetime(2026, 11, 20, 12, 34, 56, 700000, tzinfo=UTC)

# (why, here, there, by, expected (mark here, mark there))
TABLE = [
    ("same name only here", local(), None, BY_TIME, (ONLY_HERE, None)),
    ("same name only there", None, remote(t=T), BY_TIME, (None, ONLY_HERE)),
    ("a folder only here", FOLDER, None, BY_SIZE, (ONLY_HERE, None)),
    ("two folders: never marked", FOLDER, FOLDER, BY_TIME, (None, None)),
    ("a folder here, a file there", FOLDER, remote(t=T), BY_TIME, (DIFFERENT, DIFFERENT)),
    # by size
    ("by size: equal sizes, times ignored", local(), remote(t=T - timedelta(days=3)), BY_SIZE, (None, None)),
    ("by size: sizes differ", local(size=10), remote(size=11, t=T), BY_SIZE, (DIFFERENT, DIFFERENT)),
    ("by size: a size unknown", local(), remote(size=None, t=T), BY_SIZE, (None, None)),
    # by time, MLSD (UTC, seconds)
    ("MLSD: same second (fraction ignored)", local(), remote(t=T.replace(microsecond=0)), BY_TIME, (None, None)),
    ("MLSD: one second later here", local(), remote(t=T - timedelta(seconds=1)), BY_TIME, (NEWER, None)),
    ("MLSD: one second later there", local(), remote(t=T + timedelta(seconds=1)), BY_TIME, (None, NEWER)),
    ("same time, sizes differ", local(size=1), remote(size=2, t=T), BY_TIME, (DIFFERENT, DIFFERENT)),
    ("newer wins over size", local(size=1), remote(size=2, t=T + timedelta(hours=1)), BY_TIME, (None, NEWER)),
    ("time unknown: size decides", local(size=1), remote(size=2, t=None), BY_TIME, (DIFFERENT, DIFFERENT)),
    # LIST: minutes at best, in the site's zone
    (
        "LIST: equal to the minute is equal",
        local(),
        remote(t=datetime(2026, 11, 20, 14, 34, tzinfo=PLUS2), precision=MINUTE),
        BY_TIME,
        (None, None),
    ),
    (
        "LIST: the next minute is newer",
        local(),
        remote(t=datetime(2026, 11, 20, 14, 35, tzinfo=PLUS2), precision=MINUTE),
        BY_TIME,
        (None, NEWER),
    ),
    (
        "LIST: the minute before is older",
        local(),
        remote(t=datetime(2026, 11, 20, 14, 33, tzinfo=PLUS2), precision=MINUTE),
        BY_TIME,
        (NEWER, None),
    ),
    (
        "LIST without the site's offset would be 2 hours newer",
        local(),
        remote(t=datetime(2026, 11, 20, 14, 34, tzinfo=UTC), precision=MINUTE),
        BY_TIME,
        (None, NEWER),
    ),
    # LIST, old files: only the date, the server's day
    (
        "LIST date only: any time of that day is equal",
        local(t=datetime(2024, 1, 5, 23, 50, tzinfo=UTC)),
        remote(t=datetime(2024, 1, 5, tzinfo=UTC), precision=DAY),
        BY_TIME,
        (None, None),
    ),
    (
        "LIST date only: the day after is newer",
        local(t=datetime(2024, 1, 6, 0, 10, tzinfo=UTC)),
        remote(t=datetime(2024, 1, 5, tzinfo=UTC), precision=DAY),
        BY_TIME,
        (NEWER, None),
    ),
    (
        "LIST date only: the day is the server's (05:00 UTC is still 4 January at UTC-5)",
        local(t=datetime(2024, 1, 5, 3, 0, tzinfo=UTC)),
        remote(t=datetime(2024, 1, 4, tzinfo=MINUS5), precision=DAY),
        BY_TIME,
        (None, None),
    ),
    (
        "LIST date only: the day before is older",
        local(t=datetime(2024, 1, 4, 12, 0, tzinfo=UTC)),
        remote(t=datetime(2024, 1, 5, tzinfo=UTC), precision=DAY),
        BY_TIME,
        (None, NEWER),
    ),
]


@pytest.mark.parametrize("why, here, there, by, expected", TABLE, ids=[row[0] for row in TABLE])
def test_rules(why, here, there, by, expected):
    assert compare_pair(here, there, by) == expected
    # and the same seen from the other side
    assert compare_pair(there, here, by) == expected[::-1]


NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)

PRECISION = [
    ("MLSD: seconds", datetime(2026, 11, 20, 0, 0, tzinfo=UTC), True, SECOND),
    ("LIST, recent: minutes", datetime(2026, 11, 20, 14, 34, tzinfo=PLUS2), False, MINUTE),
    ("LIST, recent midnight: still minutes", datetime(2026, 11, 20, 0, 0, tzinfo=PLUS2), False, MINUTE),
    ("LIST, old with a time (DOS): minutes", datetime(2024, 1, 5, 9, 15, tzinfo=UTC), False, MINUTE),
    ("LIST, old at midnight (`Jan 5 2024`): the day", datetime(2024, 1, 5, tzinfo=PLUS2), False, DAY),
    ("no time", None, False, SECOND),
]


@pytest.mark.parametrize("why, modified, mlsd, expected", PRECISION, ids=[row[0] for row in PRECISION])
def test_listing_precision(why, modified, mlsd, expected):
    assert listing_precision(modified, mlsd, NOW) == expected


def test_unknown_times_do_not_compare():
    assert compare_times(local(), remote(t=None)) is None


def test_whole_folders():
    here = {"same": local(), "only-local": local(), "dir": FOLDER, "grown": local(size=99)}
    there = {"same": remote(t=T), "only-remote": remote(t=T), "dir": FOLDER, "grown": remote(size=1, t=T)}
    marks_here, marks_there = compare_folders(here, there, BY_SIZE)
    assert marks_here == {"only-local": ONLY_HERE, "grown": DIFFERENT}
    assert marks_there == {"only-remote": ONLY_HERE, "grown": DIFFERENT}
