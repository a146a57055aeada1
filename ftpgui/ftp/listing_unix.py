"""LIST in Unix ``ls -l`` form and its many variants."""

from __future__ import annotations

import re
from typing import Optional, Tuple

from .listing_base import _MONTHS, Decode, Entry, _Clock, _entry, _link

# --- LIST: Unix ---------------------------------------------------------------------------------
_UNIX_RE = re.compile(
    rb"([-bcdlpsDn?])([-rwxsStTlL?]{9})[+@.]?[ \t]+"  # type and permission bits (ACL/xattr marker)
    rb"(\S+(?:[ \t]+\S+)*?)[ \t]+"  # links, owner, group (any may be missing), token by token
    rb"(?:(\d{1,10}),[ \t]*(\d{1,10})|(\d{1,20}))[ \t]+"  # size, or "major, minor" for a device
    rb"(?:([A-Za-z]{3})[ \t]+(\d{1,2})[ \t]+(?:(\d{1,2}):(\d\d)|(\d{4}))"  # Mon DD HH:MM | Mon DD YYYY
    rb"|(\d{4})-(\d\d)-(\d\d)[ \t]+(\d\d):(\d\d)(?::(\d\d)(?:\.\d+)?(?:[ \t]+[-+]\d{4})?)?)"  # long/full-iso
    rb" (.+)",
    re.DOTALL,
)


def _unix(m: re.Match, clock: _Clock, decode: Decode) -> Optional[Entry]:
    (kind, bits, who, major, minor, size, mon, day, hh, mm, year, iy, imo, iday, ihh, imm, iss, raw) = m.groups()
    if mon is not None:
        month = _MONTHS.get(mon.lower())
        if month is None:  # a month in a language we do not know: the entry without its time
            modified = None
        elif hh is not None:
            modified = clock.recent(month, int(day), int(hh), int(mm))
        else:
            modified = clock.make(int(year), month, int(day))
    else:
        modified = clock.make(int(iy), int(imo), int(iday), int(ihh), int(imm), int(iss or 0))
    etype = "file" if kind == b"-" else "dir" if kind == b"d" else "link" if kind == b"l" else "other"
    raw, target = _link(raw, decode) if etype == "link" else (raw, None)
    fields = who.split()
    owner = group = None
    if fields[0].isdigit() and len(fields) > 1:  # a link count first
        fields = fields[1:]
    owner = decode(fields[0])
    if len(fields) > 1:
        group = decode(b" ".join(fields[1:]))
    facts = b""
    if major is not None:
        facts = b"major=" + major + b";minor=" + minor + b";"
    return _entry(
        decode(raw),
        etype,
        int(size) if size is not None and etype != "dir" else None,
        modified,
        (kind + bits).decode("latin-1"),
        owner,
        group,
        target,
        raw,
        facts,
    )


# --- LIST: all formats --------------------------------------------------------------------------
# The common case, read in one pass over the whole reply: ``ls -l`` exactly as GNU ls, vsftpd, ProFTPD and
# Pure-FTPd print it (link count, owner, group, size, "Mon DD HH:MM" or "Mon DD  YYYY"). Every other line
# falls through to the last alternative and is read by the general parsers.
_LS_FAST = re.compile(
    rb"^(?:([-dl][-rwxsStT]{9})[+@.]? +\d{1,10} +(\S+) +(\S+) +(\d{1,20}) +"
    rb"([A-Z][a-z][a-z] [ \d]\d (?: \d\d\d\d|\d\d:\d\d)) ([^\r\n]+)\r?$|([^\n]*)$)",
    re.M,
)
_KINDS = {45: "file", 100: "dir", 108: "link"}  # "-", "d", "l"


_MONTH3 = {m.capitalize(): i for m, i in _MONTHS.items()}
_TWO_DIGITS = {b"%02d" % i: i for i in range(100)} | {b" %d" % i: i for i in range(10)}  # faster than int()


_HOURS_MINUTES = {b"%02d:%02d" % (h, m): (h, m) for h in range(24) for m in range(60)}


class _MonthDays(dict):
    """``Mon DD`` → (month, day, the year of a time listed on that day, or None on the clock's limit day, where
    the time decides); None for a month we do not know."""

    def __init__(self, clock: _Clock):
        super().__init__()
        self.limit = clock.limit[:2]
        self.year = clock.year

    def __missing__(self, raw: bytes) -> Optional[Tuple[int, int, int]]:
        month = _MONTH3.get(raw[:3]) or _MONTHS.get(raw[:3].lower())
        value = None
        if month is not None:
            day = _TWO_DIGITS[raw[4:6]]
            md = (month, day)
            value = (month, day, self.year if md < self.limit else self.year - 1 if md > self.limit else None)
        self[raw] = value
        return value
