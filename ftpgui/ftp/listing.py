"""Directory listings: MLSD facts (RFC 3659) and the LIST formats servers really send, read from bytes.

LIST formats: Unix ``ls -l`` (and its variants: symlinks, device files, missing group, numeric owners,
long-iso and localized dates, NetWare, no date), DOS/IIS, EPLF, VMS, OS/2, AS/400, MVS, z/VM, HP NonStop,
OS-9, VShell, VxWorks, Nortel wfFtp, MLSD's form, and bare names — FileZilla's test table in
``tests/data``. This module dispatches; the formats are read in ``listing_unix``, ``listing_dos``,
``listing_other`` and ``listing_mlsd``, and a parsed listing is a ``Listing`` (``listing_store``: compact,
each ``Entry`` made when read). Names are decoded with the session's ``NameCodec`` and keep their raw bytes
(``Entry.raw_name``) so they can be sent back exactly.

Times: MLSD ``modify`` is UTC. LIST times are the server's local time, read in the ``tz`` given (a per-site
offset, UTC by default); a date without a year is the most recent such date not in the future (one day's
grace for clocks and time zones), relative to ``now``.
"""

from __future__ import annotations

import re
from datetime import datetime, tzinfo
from typing import Dict, List, Optional, Sequence, Tuple

from .errors import QT_TRANSLATE_NOOP
from .listing_base import (
    _LOOKS_LISTED,
    _UTC,
    ENTRY_TYPES,
    ApproximateSize,
    CutLine,
    Decode,
    Entry,
    ListingError,
    _Clock,
    _entry,
    _lines,
    _rows,
    _without_gc,
    utc_offset,
)
from .listing_mlsd import parse_mlsd, parse_mlsd_line
from .listing_store import NO_TIME, Listing, time_code
from .listing_unix import _HOURS_MINUTES, _LS_FAST, _TWO_DIGITS, _UNIX_RE, _MonthDays, _unix, link_counts, unix_tokens
from .names import UTF8

# the messages of ``listing_mlsd`` (marked here, where the translation sources look)
NOT_MLSD_LINE = QT_TRANSLATE_NOOP("engine", "Not an MLSD line: {line}")
NOT_MLSD_FACT = QT_TRANSLATE_NOOP("engine", "Not an MLSD fact: {fact}")
MLSD_UNREADABLE = QT_TRANSLATE_NOOP("engine", "The server's MLSD listing could not be read: {reason}")


@_without_gc
def parse_list(
    data: bytes,
    *,
    now: Optional[datetime] = None,
    tz: tzinfo = _UTC,
    decode: Decode = UTF8.decode,
    unparsed: Optional[List[bytes]] = None,
) -> Sequence[Entry]:
    """A LIST reply (bytes or a bytearray) in any of the formats above. When no line has a known format the
    reply is a list of bare names (``name/`` is a folder); otherwise lines that fit no format are skipped
    (and appended to ``unparsed`` when given: what they name, if anything, is not in the listing; a line that
    names nothing - ls's "total 12", VMS's and MVS's headings - is not one of them). ``.`` and ``..`` are
    dropped. Never raises on any input.
    Returns a ``Listing`` (or, for bare names, a list)."""
    clock = _Clock(now, tz)
    entries = Listing(decode, clock.tz, len(data))
    add = entries.add
    blob, ends, kinds, sizes, times, whos = entries.columns()
    skipped: List[bytes] = []
    who: Dict[Tuple[bytes, bytes, bytes], Tuple[int, int]] = {}  # a handful, repeated: (kind, who index)
    month_days = _MonthDays(clock)
    hours_minutes = _HOURS_MINUTES.get
    this_year, limit = clock.year, clock.limit[2:]
    day_micros = _DayMicros(clock.tz)
    pending: Optional[bytes] = None  # a VMS name whose details are on the next line
    for perm, owner, group, size, date, raw, other in _rows(_LS_FAST, data):
        if raw:
            if pending is not None:
                skipped.append(pending)
                pending = None
            if raw == b"." or raw == b"..":
                continue
            try:
                kind, w = who[perm, owner, group]
            except KeyError:
                kind, w = who[perm, owner, group] = (
                    _KIND_CODES[perm[0]],
                    entries.who_index(perm.decode("latin-1"), decode(owner), decode(group)),
                )
            # the date, with the month, day and time looked up rather than computed
            md = month_days[date[:6]]
            hm = hours_minutes(date[7:12])
            if hm is not None and md is not None:
                month, day, year = md
                if year is None:  # the limit's own day
                    year = this_year if hm <= limit else this_year - 1
                try:
                    stamp = day_micros[year, month, day] + _MINUTE_MICROS[hm]
                except ValueError:  # 29 February of another year (or a zone whose offset changes)
                    stamp = time_code(clock.recent(month, day, *hm))
            elif md is None:  # a month we do not know
                stamp = NO_TIME
            elif date[9] == 58:  # "HH:MM" that is no time of day ("24:00", the end of the day, or nonsense)
                stamp = time_code(clock.recent(md[0], md[1], _TWO_DIGITS[date[7:9]], _TWO_DIGITS[date[10:12]]))
            else:  # "Mon DD  YYYY"
                stamp = time_code(clock.make(int(date[8:12]), md[0], md[1]))
            if kind == 2:  # a link: "name -> target"
                cut = raw.find(b" -> ")
                if cut > 0:
                    add(raw[:cut], kind, int(size), stamp, w, raw[cut + 4 :])
                else:
                    add(raw, kind, int(size), stamp, w)
                continue
            size_value = None if kind == 1 else int(size)
            try:  # ``add``, inline (the size first: past 2⁶³ it raises, and ``add`` keeps it aside)
                sizes(-1 if size_value is None else size_value)
            except OverflowError:
                add(raw, kind, size_value, stamp, w)
                continue
            blob += raw
            name_end = len(blob)
            ends((name_end, name_end, name_end))
            kinds(kind)
            times(stamp)
            whos(w)
            continue
        if other.__class__ is CutLine:  # too long to be any line a server lists: unreadable, never read
            if pending is not None:
                skipped.append(pending)
                pending = None
            skipped.append(other)
            continue
        line = other[:-1] if other.endswith(b"\r") else other
        if pending is not None:
            joined = pending + b" " + line.strip()
            pending = None
            entry = _rare().vms(joined, clock, decode)
            if entry is not None:
                _keep(entries, entry)
                continue
            skipped.append(joined.split(b" ", 1)[0])
        if not line or line.isspace():
            continue
        entry = _any_line(line, clock, decode)
        if entry is None and b";" in line and _rare().vms_name.fullmatch(line.strip()):
            pending = line.strip()
            continue
        if entry is not None:
            _keep(entries, entry)
        elif _NO_ENTRY.fullmatch(line) is None:
            skipped.append(line)
    if pending is not None:
        skipped.append(pending)
    if not entries and skipped and not any(_LOOKS_LISTED.match(line) for line in skipped):
        if unparsed is not None:  # (a line too long is no name either: still unreadable)
            unparsed.extend(line for line in skipped if line.__class__ is CutLine)
        return _bare_names([line for line in skipped if line.__class__ is not CutLine], decode)
    if unparsed is not None:
        unparsed.extend(skipped)
    return entries.seal()


# Lines servers write around their entries that name none (not unreadable: not reported in ``unparsed``): ls's
# "total 12", VMS's "Directory DISK$USER:[PUB]" and "Total of 3 files, 12/48 blocks.", the column headings of
# MVS's data sets and of a partitioned data set's members (source and load modules)
_NO_ENTRY = re.compile(
    rb"total\s+\d+\s*"
    rb"|Directory [^\s\[\]]*\[[^\s\[\]]*\]\s*"
    rb"|(?:Grand )?[Tt]otal of \d+ (?:files?|director(?:y|ies))\b[^\r\n]*"
    rb"|Volume +Unit +Referred +Ext +Used +Recfm +Lrecl +BlkSz +Dsorg +Dsname\s*"
    rb"| *Name +(?:VV\.MM +Created +Changed|Size +TTR +Alias-of)[^\r\n]*"
)
_KIND_CODES = {45: 0, 100: 1, 108: 2}  # "-", "d", "l" (KIND_CODE)
_MINUTE_MICROS = {hm: (hm[0] * 60 + hm[1]) * 60_000_000 for hm in _HOURS_MINUTES.values()}


class _DayMicros(dict):
    """(year, month, day) → microseconds from 1970 to that day's start in the server's zone; ValueError
    for no such day, or when the zone's offset is not the same all day (the time is then made in full)."""

    def __init__(self, zone: tzinfo):
        super().__init__()
        self.zone = zone
        self.fixed = zone.utcoffset(None) is not None  # a fixed offset (not a zone with summer time)

    def __missing__(self, ymd: Tuple[int, int, int]) -> int:
        if not self.fixed:
            raise ValueError("offset not fixed")
        value = self[ymd] = time_code(datetime(*ymd, tzinfo=self.zone))
        return value


def _any_line(line: bytes, clock: _Clock, decode: Decode) -> Optional[Entry]:
    """One line in whichever format fits it, or None."""
    first = line[:1]
    entry = None
    if first in b"-dlcbpsDn?":
        m = _UNIX_RE.match(line)
        entry = _unix(m, clock, decode) if m is not None else unix_tokens(line, clock, decode)
    elif first == b"+":
        entry = _rare().eplf(line, clock, decode)
    elif first.isdigit():
        rare = _rare()
        m = rare.dos_re.match(line)
        if m is not None:
            entry = rare.dos(m, clock, decode)
    if entry is None and _MLSD_LIKE.match(line) and b"type=" in line[: line.find(b" ")].lower():
        try:  # a server that answers LIST in MLSD's form
            entry = parse_mlsd_line(line, decode)
        except ListingError:
            entry = None
        if entry is None:  # cdir, pdir: nothing to list, but not a name either
            return _SKIP
    if entry is None and b";" in line:
        entry = _rare().vms(line, clock, decode)
    if entry is None and _NO_ENTRY.fullmatch(line) is None:  # ("total 12" of ``ls``: no format, none loaded)
        for parse in _rare().tried:
            entry = parse(line, clock, decode)
            if entry is not None:
                break
    return entry


# MLSD's form: ``fact=value;…`` then a space or a tab and the name (old drafts: no ";" after the last fact)
_MLSD_LIKE = re.compile(rb"(?:[A-Za-z][\w.-]*=[^; \t\r\n]*;)*[A-Za-z][\w.-]*=[^; \t\r\n]*;?[ \t]")


class _Rare:
    """The formats of few servers — DOS/IIS, EPLF, VMS and the strict patterns tried on lines the common ones
    did not read — loaded at the first line that may be one of them: a Unix or MLSD listing (and the CLI's
    start-up) does without their modules and their 20 regular expressions (design note 287)."""

    def __init__(self) -> None:
        from . import listing_dos as d
        from . import listing_other as o

        self.dos_re, self.dos, self.eplf, self.vms, self.vms_name = d._DOS_RE, d._dos, o._eplf, o._vms, o._VMS_NAME
        # each a strict pattern: tried only on lines the common ones did not read
        self.tried = (d.os2, d.vshell, d.vxworks, o.numeric_unix, o.os9, o.as400, o.wfftp, o.nonstop, o.zvm)
        self.tried += (o.mvs_member, o.mvs_dataset)


_loaded: List[_Rare] = []


def _rare() -> _Rare:
    if not _loaded:
        _loaded.append(_Rare())
    return _loaded[0]


_SKIP = _entry("", "other", None, None, None, None, None, None, b"")  # read, and nothing to list


def _keep(entries: Listing, entry: Entry) -> None:
    if entry.raw_name not in (b".", b"..", b""):
        entries.add_entry(entry)


def _bare_names(lines: List[bytes], decode: Decode) -> List[Entry]:
    """Name-only output (NLST, or a LIST that gives nothing else): ``name/`` is a folder, and of a path
    (some servers answer NLST with ``dir/name``) only the last component is kept."""
    entries = []
    for raw in lines:
        etype = "file"
        if raw.endswith(b"/") and len(raw) > 1:
            raw, etype = raw.rstrip(b"/"), "dir"
        raw = raw.rsplit(b"/", 1)[-1]
        if raw in (b".", b"..", b""):
            continue
        entries.append(_entry(decode(raw), etype, None, None, None, None, None, None, raw))
    return entries


def parse_nlst(data: bytes, decode: Decode = UTF8.decode) -> List[Entry]:
    """NLST output: one name per line."""
    return _bare_names([ln for ln in _lines(data) if ln and not ln.isspace()], decode)


__all__: Tuple[str, ...] = (
    "ENTRY_TYPES",
    "ApproximateSize",
    "Entry",
    "Listing",
    "ListingError",
    "link_counts",
    "parse_list",
    "parse_mlsd",
    "parse_mlsd_line",
    "parse_nlst",
    "utc_offset",
)
