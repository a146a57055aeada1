"""LIST from DOS-style servers (IIS, and others whose lines start with a date or a size)."""

from __future__ import annotations

import re
from typing import Optional

from .listing_base import _MONTHS, Decode, Entry, _Clock, _entry, _year2

# --- LIST: DOS / IIS ----------------------------------------------------------------------------
_DOS_RE = re.compile(
    rb"(?:(\d{1,2})-(\d{1,2})-(\d{2}|\d{4})|(\d{4})-(\d\d)-(\d\d))[ \t]+"  # MM-DD-YY(YY) or YYYY-MM-DD
    rb"(\d{1,2}):(\d\d)[ \t]*([AaPp][Mm])?[ \t]+"  # hh:mm with AM/PM, or 24 h
    rb"(?:<DIR>(?: {10}| +)|(\d[\d,]{0,25}) )(.+)",  # <DIR> or the size (with separators), then the name
    re.DOTALL,
)


def _dos(m: re.Match, clock: _Clock, decode: Decode) -> Optional[Entry]:
    mo, d, y, iy, imo, iday, hh, mm, ampm, size, raw = m.groups()
    if mo is not None:
        month, day, year = int(mo), int(d), _year2(int(y))
        if month > 12 >= day:  # a server in DD-MM-YY
            month, day = day, month
    else:
        year, month, day = int(iy), int(imo), int(iday)
    hour = int(hh)
    if ampm is not None:
        if hour > 12:
            return None
        hour = hour % 12 + (12 if ampm in (b"PM", b"pm", b"Pm", b"pM") else 0)
    is_dir = size is None
    return _entry(
        decode(raw),
        "dir" if is_dir else "file",
        None if is_dir else int(size.replace(b",", b"")),
        clock.make(year, month, day, hour, int(mm)),
        None,
        None,
        None,
        None,
        raw,
    )


# --- lines that start with a size ---------------------------------------------------------------
_OS2_RE = re.compile(  # OS/2: size, attributes (A, DIR, …), MM-DD-YY (or a year past 99: 103 is 2003), hh:mm
    rb"[ \t]*(\d{1,20})[ \t]+((?:[A-Z]{1,3}[ \t]+){0,3})(\d\d)-(\d\d)-(\d{2,3})[ \t]+(\d\d):(\d\d)[ \t]+(.+)",
    re.DOTALL,
)
_VSHELL_RE = re.compile(  # VShell (old): size, "Apr 04, 2000 21:06", the name ("name/" is a folder)
    rb"(\d{1,20})[ \t]+([A-Za-z]{3})[ \t]+(\d{1,2}),[ \t]+(\d{4})[ \t]+(\d{1,2}):(\d\d)[ \t]+(.+)", re.DOTALL
)
_VXWORKS_RE = re.compile(  # VxWorks (Nortel routers): size, "Feb-28-1998  05:23:30", the name, maybe <DIR>
    rb"(\d{1,20})[ \t]+([A-Za-z]{3})-(\d{1,2})-(\d{4})[ \t]+(\d\d):(\d\d):(\d\d)[ \t]+(.+)", re.DOTALL
)  # (" <DIR>" is cut off in code: a lazy name before an optional group backtracks quadratically on blanks)


def os2(line: bytes, clock: _Clock, decode: Decode) -> Optional[Entry]:
    """An OS/2 line (``36611  A  04-23-103  10:57  name``), or None."""
    m = _OS2_RE.fullmatch(line)
    if m is None:
        return None
    size, attrs, mo, d, y, hh, mm, raw = m.groups()
    year = int(y) + 1900 if len(y) == 3 else _year2(int(y))
    is_dir = b"DIR" in attrs.split()
    modified = _valid(clock, year, int(mo), int(d), int(hh), int(mm))
    return _entry(decode(raw), "dir" if is_dir else "file", None if is_dir else int(size), modified, *_NONE4, raw)


def vshell(line: bytes, clock: _Clock, decode: Decode) -> Optional[Entry]:
    """An old VShell line (``206876  Apr 04, 2000 21:06 name``), or None."""
    m = _VSHELL_RE.fullmatch(line)
    month = _MONTHS.get(m.group(2).lower()) if m else None
    if month is None:
        return None
    size, _, d, y, hh, mm, raw = m.groups()
    is_dir = raw.endswith(b"/") and len(raw) > 1
    raw = raw[:-1] if is_dir else raw
    modified = _valid(clock, int(y), month, int(d), int(hh), int(mm))
    return _entry(decode(raw), "dir" if is_dir else "file", None if is_dir else int(size), modified, *_NONE4, raw)


def vxworks(line: bytes, clock: _Clock, decode: Decode) -> Optional[Entry]:
    """A VxWorks line (``2048  Feb-28-1998  05:23:30  name <DIR>``), or None."""
    m = _VXWORKS_RE.fullmatch(line)
    month = _MONTHS.get(m.group(2).lower()) if m else None
    if month is None:
        return None
    size, _, d, y, hh, mm, ss, raw = m.groups()
    is_dir = raw.endswith(b"<DIR>") and raw[:-5].rstrip(b" \t") != raw[:-5]
    if is_dir:
        raw = raw[:-5].rstrip(b" \t")
    modified = _valid(clock, int(y), month, int(d), int(hh), int(mm), int(ss))
    return _entry(decode(raw), "dir" if is_dir else "file", None if is_dir else int(size), modified, *_NONE4, raw)


_NONE4 = (None, None, None, None)  # permissions, owner, group, target


def _valid(clock: _Clock, year: int, month: int, day: int, hour: int, minute: int, second: int = 0):
    """The time, or None when the numbers are no time (a month 13, a minute 61)."""
    if not (1 <= month <= 12 and 1 <= day <= 31 and hour <= 24 and minute <= 59 and second <= 60):
        return None
    return clock.make(year, month, day, hour, minute, min(second, 59))
