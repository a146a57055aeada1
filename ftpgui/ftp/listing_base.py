"""What every listing parser shares: ``Entry``, the server's clock, month names, bounded numbers.

(The parsers are split by format: ``listing_mlsd``, ``listing_unix``, ``listing_dos``, ``listing_other``;
``listing`` dispatches and is the public module.)
"""

from __future__ import annotations

import gc
import re
from collections import namedtuple
from datetime import datetime, timedelta, timezone, tzinfo
from functools import wraps
from itertools import chain
from typing import Callable, Dict, List, Optional, Tuple

from .errors import ProtocolError
from .safetext import LINE_SHOWN

ENTRY_TYPES = ("file", "dir", "link", "other")
Decode = Callable[[bytes], str]
_UTC = timezone.utc


def utc_offset(minutes: int) -> tzinfo:
    """The fixed zone of a server whose LIST times are ``minutes`` ahead of UTC (negative: behind)."""
    if not -24 * 60 < minutes < 24 * 60:
        raise ValueError(f"a server time offset must be within ±24 hours, not {minutes} minutes")
    return _UTC if minutes == 0 else timezone(timedelta(minutes=minutes))


# The longest line of a listing that is read (bytes, its CR LF not counted); a longer one is no entry but an
# unreadable line (``CutLine``). The longest real line is ``ls -l`` of a path given whole that is a symbolic
# link: 4,096 bytes of path (PATH_MAX), " -> ", 4,096 of target, and the columns (owners and groups of up to
# 256 bytes each): under 9 KiB, about 35 KiB where a server writes every byte of the names as a ``\ooo``
# escape; MLSD's facts of real servers take a few hundred bytes. 64 KiB is above all of them with room to
# spare, and no less than the 32 KiB the parsers read at a time (``_rows``): only the line a chunk's search for
# its end crosses can be longer, so an ordinary listing pays one subtraction a chunk for the check.
_MAX_LINE = 65536
_GRACE = timedelta(days=1)


class ListingError(ProtocolError):
    """A listing could not be read."""


class ApproximateSize(int):
    """A listed size that is no byte count of the file: VMS's blocks of 512 bytes, z/VM's record length times
    records, an MVS member's records. It reads as the number it is; a download neither holds a file to it nor
    stops writing at it, and asks SIZE instead (``FileTransferMixin``: fewer bytes than an exact listed size are
    incomplete, more are refused)."""

    __slots__ = ()

    def __repr__(self) -> str:
        return int.__repr__(self)


_FIELDS = ("name", "type", "size", "modified", "permissions", "owner", "group", "target", "raw_facts", "raw_name")
_COMPARED = 8  # raw_facts and raw_name are how the server wrote it, not what the entry is


class Entry(namedtuple("_EntryFields", _FIELDS, defaults=(None,) * 6 + (b"", None))):
    """One directory entry, whatever format the server listed it in.

    An immutable named tuple rather than a frozen dataclass: a listing makes one per line, and a tuple is
    built in one C call (a frozen dataclass sets ten attributes through ``object.__setattr__``). Equality,
    hashing and ``repr`` are the entry's own (name … target), as before; ordering is not defined."""

    __slots__ = ()
    name: str
    type: str  # file | dir | link | other
    size: Optional[int]
    modified: Optional[datetime]  # aware: UTC (MLSD) or the site's LIST offset
    permissions: Optional[str]
    owner: Optional[str]
    group: Optional[str]
    target: Optional[str]
    raw_facts: bytes  # MLSD's ``fact=value;…`` as sent
    raw_name: Optional[bytes]  # the name as the server sent it

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Entry):
            return self[:_COMPARED] == other[:_COMPARED]
        return NotImplemented

    def __ne__(self, other: object) -> bool:
        if isinstance(other, Entry):
            return self[:_COMPARED] != other[:_COMPARED]
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self[:_COMPARED])

    def __lt__(self, other: object) -> bool:
        return NotImplemented

    __le__ = __gt__ = __ge__ = __lt__

    def __repr__(self) -> str:
        return "Entry(" + ", ".join(f"{k}={v!r}" for k, v in zip(_FIELDS[:_COMPARED], self, strict=False)) + ")"

    @property
    def wire_name(self) -> bytes:
        """The bytes to send back to the server for this entry."""
        return self.raw_name if self.raw_name is not None else self.name.encode("utf-8", "surrogateescape")

    @property
    def exact_time(self) -> Optional[float]:
        """A file's modification time as POSIX seconds where the listing gives it exactly (MLSD's: to the second
        at least), for a download to note as its server file's (design notes 198, 203); None for LIST's (to the
        minute at best), a folder's or a link's (its own time, not its file's), or none given."""
        if self.type != "file" or not self.raw_facts or self.modified is None:
            return None
        return self.modified.timestamp()

    @property
    def facts(self) -> Dict[str, str]:
        """MLSD facts (keys in lower case), or ``major``/``minor`` of a device in a LIST."""
        out: Dict[str, str] = {}
        for fact in self.raw_facts.split(b";"):
            key, eq, value = fact.partition(b"=")
            if eq and key:
                out[key.decode("latin-1").lower()] = value.decode("utf-8", "surrogateescape")
        return out

    def to_json(self) -> dict:
        """The ``ls --json`` object of DESIGN.md."""
        modified = None
        if self.modified is not None:
            m = self.modified if self.modified.tzinfo else self.modified.replace(tzinfo=_UTC)
            modified = m.astimezone(_UTC).isoformat().replace("+00:00", "Z")
        return {
            "name": self.name,
            "type": self.type,
            "size": self.size,
            "modified": modified,
            "permissions": self.permissions,
            "owner": self.owner,
            "group": self.group,
            "target": self.target,
        }


_tnew = tuple.__new__


def _entry(name, type_, size, modified, permissions, owner, group, target, raw, facts=b"") -> Entry:
    """An Entry from positional values, without the keyword handling of ``Entry(...)``."""
    return _tnew(Entry, (name, type_, size, modified, permissions, owner, group, target, facts, raw))


def _lines(data: bytes) -> List[bytes]:
    """Lines split at LF (CR LF or LF); a trailing CR is dropped, nothing else (names may end in spaces). A line
    longer than ``_MAX_LINE`` is left out, and never copied."""
    lines, find, at, size = [], data.find, 0, len(data)
    while at <= size:
        stop = find(b"\n", at)
        if stop < 0:
            stop = size
        if stop - at <= _MAX_LINE + 1:
            line = data[at:stop]
            if line.endswith(b"\r"):
                line = line[:-1]
            if len(line) <= _MAX_LINE:
                lines.append(line)
        at = stop + 1
    return lines


class _Cache(dict):
    """Decoded owners, groups, permission strings: a listing repeats a handful of them thousands of times."""

    def __init__(self, decode: Decode):
        super().__init__()
        self.decode = decode

    def __missing__(self, raw: bytes) -> Optional[str]:
        value = self.decode(raw) if raw else None
        self[raw] = value
        return value


_CHUNK = 32768
assert _CHUNK <= _MAX_LINE  # (a line wholly inside a chunk's first _CHUNK bytes is never too long)
CUT_KEPT = LINE_SHOWN * 4 + 1  # bytes of a line too long to read that are kept: more than a report shows


class CutLine(bytes):
    """The first ``CUT_KEPT`` bytes of a listing line longer than ``_MAX_LINE``: the parsers read it as no
    entry and hand it on as unreadable (``unparsed``), where it is shown cut (``safetext.shown_line``). The
    line itself is never copied: a 5 MB name made a 5 MB entry, then a 5 MB string to show (found by QA)."""

    __slots__ = ()


def _rows(pattern: re.Pattern, data: bytes):
    """``pattern.findall(data)`` (a multi-line pattern that matches whole lines, its last group the line of
    no format it knows), 32 KiB of lines at a time. A line longer than ``_MAX_LINE`` is one row of empty
    groups and, last, its ``CutLine``: the pattern never reads it (it would copy it, and more than once).

    A listing's rows are read while they are still in the CPU's cache, rather than all 100,000 made first
    and then read back from memory: a sixth less time for a large listing."""
    empty = (b"",) * (pattern.groups - 1)

    def chunks():
        findall, find, end, size = pattern.findall, data.find, 0, len(data)
        while end < size:
            start = end
            stop = find(b"\n", start + _CHUNK)  # the end of the line this crosses (its LF), or none: the rest
            if stop < 0:
                stop = size
            end = stop + 1
            if stop - start > _MAX_LINE:  # the line crossed may be too long (the ones before it are not)
                first = data.rfind(b"\n", start, start + _CHUNK) + 1 or start  # (where that line starts)
                if stop - first - (data[stop - 1] == 13) > _MAX_LINE:  # (its CR not counted)
                    yield findall(data, start, first)
                    yield ((*empty, CutLine(data[first : first + CUT_KEPT])),)
                    continue
            yield findall(data, start, end)

    return chain.from_iterable(chunks())


def _without_gc(parse: Callable) -> Callable:
    """Entries hold no reference cycles: the cyclic collector would only walk the growing list again and
    again while a large listing is read (15 % of the time)."""

    @wraps(parse)
    def run(*args, **kwargs):
        was_enabled = gc.isenabled()
        gc.disable()
        try:
            return parse(*args, **kwargs)
        finally:
            if was_enabled:
                gc.enable()

    return run


# --- LIST: dates --------------------------------------------------------------------------------
_MONTHS = {
    m: i
    for i, m in enumerate(
        (b"jan", b"feb", b"mar", b"apr", b"may", b"jun", b"jul", b"aug", b"sep", b"oct", b"nov", b"dec"), start=1
    )
}
_MONTHS.update({b"mrz": 3, b"mai": 5, b"okt": 10, b"dez": 12})  # German ls (LANG=de_DE)
# a line in one of the formats above that still could not be read: never taken for a bare name
_LOOKS_LISTED = re.compile(rb"[-dlcbpsDn?][-rwxsStTlL?]{9}[+@.]?[ \t]|\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}[ \t]|\+\S*\t")


class _Clock:
    """``now`` in the server's local time, and the rule for dates listed without a year."""

    def __init__(self, now: Optional[datetime], tz: tzinfo):
        if now is None:
            now = datetime.now(_UTC)
        elif now.tzinfo is None:
            now = now.replace(tzinfo=_UTC)
        self.tz = tz
        limit = now.astimezone(tz) + _GRACE
        self.year = limit.year
        self.limit = (limit.month, limit.day, limit.hour, limit.minute)

    def recent(self, month: int, day: int, hour: int, minute: int) -> Optional[datetime]:
        """The most recent (month, day, time) not after now (plus the grace), in the server's zone."""
        year = self.year if (month, day, hour, minute) <= self.limit else self.year - 1
        return self.make(year, month, day, hour, minute, leap_back=True)

    def make(
        self, year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0, leap_back=False
    ) -> Optional[datetime]:
        extra = hour == 24 and minute == 0 and second == 0  # "24:00" is midnight at the end of the day
        if extra:
            hour = 0
        for _ in range(8 if leap_back else 1):  # 29 Feb without a year: the latest leap year
            try:
                dt = datetime(year, month, day, hour, minute, second, tzinfo=self.tz)
            except ValueError:
                year -= 1
                continue
            try:
                return dt + timedelta(days=1) if extra else dt
            except OverflowError:
                return None
        return None


def _year2(y: int) -> int:
    return y + (2000 if y < 70 else 1900) if y < 100 else y


_ARROW = b" -> "


def _link(raw: bytes, decode: Decode) -> Tuple[bytes, Optional[str]]:
    """``name -> target`` → (name, target); the first arrow separates them."""
    cut = raw.find(_ARROW)
    if cut > 0:
        return raw[:cut], decode(raw[cut + 4 :])
    return raw, None


# --- numbers and month names of any format ------------------------------------------------------
def number(token: bytes, digits: int = 20) -> Optional[int]:
    """A number a server wrote: ASCII digits only (``bytes.isdigit`` knows no others), at most ``digits`` of
    them (``int`` of thousands of digits raises, and no size or date needs more); None otherwise."""
    if 0 < len(token) <= digits and token.isdigit():
        return int(token)
    return None


# Month names as servers in many languages write them (lower case; a trailing "." or "," is dropped first):
# English, German, French, Italian, Spanish, Dutch, Portuguese, Hungarian, in UTF-8 and Latin-1.
_MONTH_NAMES = (
    "jan january janv janvier jän jänner gen gennaio ene enero januari janeiro",
    "feb february febr februar fév févr fevr février fev fevereiro febbraio febrero februari",
    "mar march mär märz mrz mars marzo mrt maart março marc márc március",
    "apr april avr avril abr abril aprile ápr április",
    "may mai maj máj május mag maggio mayo mei maio",
    "jun june juni juin giu giugno junio junho jún június",
    "jul july juli juil juillet jui lug luglio julio julho júl július",
    "aug august août aout ago agosto augustus augusztus",
    "sep sept september septembre set settembre septiembre setembro szept szeptember",
    "oct october okt oktober octobre ott ottobre octubre out outubro október",
    "nov november novembre noviembre novembro",
    "dec december dez dezember déc décembre dic dicembre diciembre dezembro",
)
MONTH_WORDS: Dict[bytes, int] = {}
for _i, _words in enumerate(_MONTH_NAMES, start=1):
    for _w in _words.split():
        for _codec in ("utf-8", "latin-1"):
            MONTH_WORDS[_w.encode(_codec)] = _i
            MONTH_WORDS[_w.upper().encode(_codec)] = _i  # (bytes.lower knows only ASCII)


def month_of(token: bytes) -> Optional[int]:
    """The month a word names (``Okt.``, ``Juli,``, ``szept``, ``JUN``), or None."""
    word = token.rstrip(b".,")
    return MONTH_WORDS.get(word.lower()) or MONTH_WORDS.get(word)


def clock_time(token: bytes) -> Optional[Tuple[int, int, int]]:
    """``H:MM`` or ``HH:MM[:SS[.ff]]`` → (hour, minute, second); hour 24 only as ``24:00`` (midnight)."""
    parts = token.split(b":")
    if not 2 <= len(parts) <= 3 or len(parts[0]) > 2 or len(parts[1]) != 2:
        return None
    if len(parts) == 3:
        parts[2] = parts[2].split(b".", 1)[0]
        if len(parts[2]) != 2:
            return None
    values = [number(p, 2) for p in parts]
    if None in values:
        return None
    h, m, s = values[0], values[1], values[2] if len(values) == 3 else 0
    if h > 24 or m > 59 or s > 60 or (h == 24 and (m or s)):
        return None
    return h, m, s
