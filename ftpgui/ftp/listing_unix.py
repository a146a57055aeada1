"""LIST in Unix ``ls -l`` form and its many variants."""

from __future__ import annotations

import re
from typing import Dict, List, Optional, Tuple

from .listing_base import (
    _MONTHS,
    Decode,
    Entry,
    _Clock,
    _entry,
    _lines,
    _link,
    _year2,
    clock_time,
    month_of,
    number,
)

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


def link_counts(data: bytes) -> Dict[bytes, int]:
    """The link count of each Unix ``ls -l`` line of a LIST reply — its second column, how many names (hard
    links) the entry has — by the name the line ends in (a link's without `` -> target``), as the server sent
    it. Lines with no count are left out. The count is the first of the fields before the size when more
    follow it, as the parser reads it: a line without a count but with a numeric owner and group
    (``-rw-r--r-- 1000 1000 5 …``) reads as a count of 1000."""
    counts = {}
    for line in _lines(data):
        m = _UNIX_RE.match(line)
        if m is None:
            continue
        who, raw = m.group(3).split(), m.groups()[-1]
        count = number(who[0], 10) if len(who) > 1 else None
        if count is not None:
            counts[_link(raw, _no_target)[0] if line[:1] == b"l" else raw] = count
    return counts


def _no_target(_raw: bytes) -> str:
    return ""


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


# --- the variants, read token by token ----------------------------------------------------------
# What FileZilla's test table and servers in the field send besides ``ls -l`` proper: NetWare's
# ``d [RWCEAFMS]``, longer permission fields (Connect:Enterprise), sizes such as ``33.5k`` or run into the
# group (``longgroup123456``), dates in a dozen orders and languages (``26. Juli, 20:10``, ``2004.07.15``,
# ``3 29 03:26``, ``Oct 08, 2002 09:47``, ``4月 18日 2003年``), or none at all.
_TOKEN = re.compile(rb"[^ \t]+")
_PERMS = re.compile(rb"[-bcdlpsDn?][-A-Za-z?]{9,12}[+@.]?")
_NETWARE = re.compile(rb"\[[-A-Z]{8}\]")
_SCALED = re.compile(rb"(\d{1,15})(?:\.(\d{1,3}))?([kKmMgGtT])[bB]?")
_RUN_IN = re.compile(rb"[A-Za-z][\w.-]*?[A-Za-z_.-](\d{1,20})")  # a group name with the size run into it
_DATEISH = re.compile(rb"\d[-/.#_]\d|\d:\d\d")
_SCALE = {b"k": 1 << 10, b"m": 1 << 20, b"g": 1 << 30, b"t": 1 << 40}


def _size(token: bytes) -> Tuple[Optional[int], bool]:
    """(size, whether it was run into a name before it) of a size field, or (None, False)."""
    size = number(token)
    if size is not None:
        return size, False
    m = _SCALED.fullmatch(token)
    if m is not None:
        whole, frac, unit = m.groups()
        frac = frac or b""
        return (int(whole + frac) * _SCALE[unit.lower()]) // 10 ** len(frac), False
    m = _RUN_IN.fullmatch(token)
    if m is not None:
        return int(m.group(1)), True
    return None, False


def _ymd(clock: _Clock, year: int, month: int, day: int, hms: Optional[Tuple[int, int, int]]):
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return clock.make(_year2(year), month, day, *(hms or ()))


def _recent_or_year(clock: _Clock, month: int, day: int, token: bytes):
    """A date without a year and then ``HH:MM`` (the most recent such day) or a year; (datetime, 1) or None."""
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    hms = clock_time(token)
    if hms is not None:
        return clock.recent(month, day, hms[0], hms[1]), 1
    year = number(token, 4)
    if year is not None and len(token) == 4:
        return clock.make(year, month, day), 1
    return None


def _lead(token: bytes) -> Tuple[Optional[int], bool]:
    """(the number a token starts with, whether non-ASCII text follows it: ``4月``, ``2005년``)."""
    end = 0
    while end < len(token) and 48 <= token[end] <= 57:
        end += 1
    if end == 0 or end > 4 or (end < len(token) and token[end] < 0x80):
        return None, False
    return int(token[:end]), end < len(token)


def _date_at(toks: List[bytes], i: int, clock: _Clock):
    """The date that starts at token ``i``: (datetime or None, tokens it takes) or None when there is none."""
    t = toks[i : i + 4] + [b""] * (4 - len(toks[i : i + 4]))
    month = month_of(t[0])
    if month is not None:  # Mon DD HH:MM | Mon DD YYYY | Mon DD, YYYY HH:MM
        day = number(t[1].rstrip(b","), 2)
        if day is None:
            return None
        if t[1].endswith(b",") and number(t[2], 4) is not None and clock_time(t[3]) is not None:
            return _ymd(clock, int(t[2]), month, day, clock_time(t[3])), 4
        found = _recent_or_year(clock, month, day, t[2])
        return (found[0], 3) if found else None
    day = number(t[0].rstrip(b"."), 2)
    month = month_of(t[1])
    if day is not None and month is not None:  # DD[.] Mon[.,] HH:MM|YYYY
        found = _recent_or_year(clock, month, day, t[2])
        return (found[0], 3) if found else None
    if day is not None and len(t[0]) <= 2 and number(t[1], 2) is not None:  # M D HH:MM|YYYY
        found = _recent_or_year(clock, day, int(t[1]), t[2])
        return (found[0], 3) if found else None
    for sep in (b"-", b"/", b"."):  # one token: YYYY-MM-DD, DD-MM-YYYY, MM-DD-YY, DD-Mon-YY, MM-DD …
        parts = t[0].split(sep)
        if len(parts) == 2 and all(number(p, 2) is not None for p in parts):  # MM-DD HH:MM|YYYY
            found = _recent_or_year(clock, int(parts[0]), int(parts[1]), t[1])
            return (found[0], 2) if found else None
        if len(parts) != 3:
            continue
        hms = clock_time(t[1])
        taken = 2 if hms else 1
        a, c = number(parts[0], 4), number(parts[2], 4)
        b = number(parts[1], 2)
        if a is None or c is None:
            return None
        if b is None:
            mon = month_of(parts[1])
            return (_ymd(clock, c, mon, a, hms), taken) if mon and len(parts[0]) <= 2 else None
        if len(parts[0]) == 4:
            return _ymd(clock, a, b, c, hms), taken
        return (_ymd(clock, c, b, a, hms) if a > 12 else _ymd(clock, c, a, b, hms)), taken
    # Chinese, Japanese, Korean: numbers followed by the words for year, month and day
    (n0, s0), (n1, s1), (n2, s2) = _lead(t[0]), _lead(t[1]), _lead(t[2])
    if n0 is None or n1 is None or not (s0 or s1 or s2):
        return None
    if n0 > 31 and n2 is not None:  # YYYY M D
        return _ymd(clock, n0, n1, n2, None), 3
    if n2 is not None and n2 > 31:  # M D YYYY
        return _ymd(clock, n2, n0, n1, None), 3
    found = _recent_or_year(clock, n0, n1, t[2])  # M D HH:MM
    return (found[0], 3) if found else None


def unix_tokens(line: bytes, clock: _Clock, decode: Decode) -> Optional[Entry]:
    """A Unix-like line that the ``ls -l`` pattern did not read; None if it is not one."""
    spans = [m.span() for m in _TOKEN.finditer(line)]
    toks = [line[a:b] for a, b in spans]
    if len(toks) < 3:
        return None
    if _PERMS.fullmatch(toks[0]):
        perm, k = toks[0], 1
    elif toks[0] in (b"d", b"-") and _NETWARE.fullmatch(toks[1]):
        perm, k = toks[0] + b" " + toks[1], 2
    else:
        return None
    for i in range(k + 1, min(len(toks) - 1, k + 8)):  # the size at i - 1, the date from i, then the name
        size, run_in = _size(toks[i - 1])
        if size is None or (run_in and i - 1 == k):
            continue
        found = _date_at(toks, i, clock)
        if found is None or found[0] is None or i + found[1] >= len(toks):
            continue
        who = toks[k : i - 1] + ([_RUN_IN.fullmatch(toks[i - 1]).group()[: -len(str(size))]] if run_in else [])
        return _unix_entry(perm, who, size, found[0], line[spans[i + found[1]][0] :], decode)
    # no date at all: permissions, links, owner, group, size, name (unless a date we cannot read is there)
    if (
        len(toks) > k + 4
        and number(toks[k]) is not None
        and number(toks[k + 3]) is not None
        and not _DATEISH.search(line, spans[k + 4][0])
    ):
        return _unix_entry(perm, toks[k : k + 3], int(toks[k + 3]), None, line[spans[k + 4][0] :], decode)
    return None


def _unix_entry(perm: bytes, who: List[bytes], size: int, modified, raw: bytes, decode: Decode) -> Entry:
    kind = perm[:1]
    etype = "file" if kind == b"-" else "dir" if kind == b"d" else "link" if kind == b"l" else "other"
    raw, target = _link(raw, decode) if etype == "link" else (raw, None)
    if who and number(who[0]) is not None:  # a link count first
        who = who[1:]
    owner = decode(who[0]) if who else None
    group = decode(b" ".join(who[1:])) if len(who) > 1 else None
    perms = perm.decode("latin-1")
    return _entry(decode(raw), etype, None if etype == "dir" else size, modified, perms, owner, group, target, raw)
