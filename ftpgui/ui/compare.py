"""Directory comparison rules: which names of a local and a remote folder to mark, and why. No Qt here.

Each side of a name is a :class:`Side` (folder or file, size, modification time and how precise that time
is). The rules, per name:

* on one side only: that side is marked :data:`ONLY_HERE`;
* a folder on one side and a file on the other: both :data:`DIFFERENT`;
* two folders: nothing;
* by size: two files of different sizes are both :data:`DIFFERENT`;
* by time: the later file is :data:`NEWER`; equal times (to the coarser precision of the two) with
  different sizes are both :data:`DIFFERENT`; a time missing on either side falls back to the size.

Times are compared at the coarser precision of the two sides: MLSD gives seconds, LIST gives minutes at
best (``12:34`` is equal to any second of 12:34) and only a date for files older than about six months
(``Jan 5 2024``: equal to any time of that day, in the server's zone). The site's time offset is already
in a LIST entry's time zone (the engine reads LIST times in it), so the day is the server's day.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Dict, NamedTuple, Optional, Tuple

ONLY_HERE = "only_here"
NEWER = "newer"
DIFFERENT = "different"
STATUSES = (ONLY_HERE, NEWER, DIFFERENT)

SECOND, MINUTE, DAY = "second", "minute", "day"
_STEP = {SECOND: 1, MINUTE: 60, DAY: 86400}  # seconds per unit of each precision
BY_SIZE, BY_TIME = "size", "time"
# `ls -l` shows the year instead of the time for files older than six months (or in the future); a month's
# grace for servers that count differently
OLD_LISTING = timedelta(days=150)


class Side(NamedTuple):
    """One side of a name: a folder or a file, its size, and when it was modified (POSIX seconds) with the
    precision its listing gave and the UTC offset of the listing's zone (a LIST date is that zone's day).
    A tuple of numbers: a folder of 100,000 entries makes 100,000 of them, compared by arithmetic."""

    is_dir: bool
    size: Optional[int] = None
    stamp: Optional[float] = None
    precision: str = SECOND
    offset: float = 0.0  # seconds the listing's zone is ahead of UTC


def side(is_dir: bool, size: Optional[int], modified: Optional[datetime], precision: str = SECOND) -> Side:
    """A :class:`Side` from an aware time (a naive one is taken as UTC)."""
    if modified is None:
        return Side(is_dir, size, None, precision)
    modified = _aware(modified)
    offset = modified.utcoffset()
    return Side(is_dir, size, modified.timestamp(), precision, offset.total_seconds() if offset else 0.0)


def listing_precision(modified: Optional[datetime], mlsd: bool, now: Optional[datetime] = None) -> str:
    """How precise a remote entry's time is: seconds from MLSD; from LIST minutes, or only the day for a
    time of exactly midnight (in the server's zone) on a file older than about five months — the form
    ``Jan 5 2024`` that ``ls -l`` uses for old files, which the parser reads as 00:00."""
    if mlsd or modified is None:
        return SECOND
    now = now or datetime.now(timezone.utc)
    if modified.tzinfo is None:
        modified = modified.replace(tzinfo=timezone.utc)
    midnight = (modified.hour, modified.minute, modified.second, modified.microsecond) == (0, 0, 0, 0)
    if midnight and abs(now - modified) > OLD_LISTING:
        return DAY
    return MINUTE


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo is not None else value.replace(tzinfo=timezone.utc)


def compare_times(a: Side, b: Side) -> Optional[int]:
    """1 when ``a`` is newer, -1 when ``b`` is, 0 when equal at the coarser precision of the two; None when
    either time is unknown. Days are the days of the coarser side's zone (the server's, for LIST); minutes
    are the same in every zone (offsets are whole minutes)."""
    if a.stamp is None or b.stamp is None:
        return None
    step_a, step_b = _STEP.get(a.precision, 1), _STEP.get(b.precision, 1)
    if step_a >= step_b:
        step, shift = step_a, a.offset
    else:
        step, shift = step_b, b.offset
    if step != 86400:
        shift = 0.0
    x, y = (a.stamp + shift) // step, (b.stamp + shift) // step
    return (x > y) - (x < y)


def is_newer(stamp: float, than: float) -> bool:
    """True when the time ``stamp`` is later than ``than`` in whole seconds (POSIX seconds both): the rule of
    :func:`compare_times` for two times of seconds, as "Overwrite if the source is newer" asks it of a local
    file's time (with its fraction) and the server's (MDTM's, MLSD's: whole seconds) — 06:58:46.985 is not
    newer than 06:58:46 (design note 306)."""
    return compare_times(Side(False, stamp=stamp), Side(False, stamp=than)) == 1


def compare_pair(here: Optional[Side], there: Optional[Side], by: str = BY_TIME) -> Tuple[Optional[str], Optional[str]]:
    """The marks of one name on this side and on the other (None: no mark)."""
    if here is None and there is None:
        return None, None
    if there is None:
        return ONLY_HERE, None
    if here is None:
        return None, ONLY_HERE
    if here.is_dir != there.is_dir:
        return DIFFERENT, DIFFERENT
    if here.is_dir:
        return None, None
    sizes_differ = here.size is not None and there.size is not None and here.size != there.size
    if by == BY_TIME:
        order = compare_times(here, there)
        if order == 1:
            return NEWER, None
        if order == -1:
            return None, NEWER
    return (DIFFERENT, DIFFERENT) if sizes_differ else (None, None)


def compare_folders(
    local: Dict[str, Side], remote: Dict[str, Side], by: str = BY_TIME
) -> Tuple[Dict[str, str], Dict[str, str]]:
    """The marks of every name of two folders: ``({local name: status}, {remote name: status})``; names
    without a mark are left out."""
    marks_local: Dict[str, str] = {}
    marks_remote: Dict[str, str] = {}
    get = remote.get
    for name, here in local.items():
        there = get(name)
        if there is None:
            marks_local[name] = ONLY_HERE
            continue
        a, b = compare_pair(here, there, by)
        if a is not None:
            marks_local[name] = a
        if b is not None:
            marks_remote[name] = b
    for name in remote.keys() - local.keys():
        marks_remote[name] = ONLY_HERE
    return marks_local, marks_remote
