"""Directory listings: MLSD facts (RFC 3659) and the LIST formats servers really send, read from bytes.

LIST formats: Unix ``ls -l`` (and its variants: symlinks, device files, missing group, numeric owners,
long-iso dates), DOS/IIS, EPLF, VMS, and bare names. Names are decoded one by one with the session's
``NameCodec`` and keep their raw bytes (``Entry.raw_name``) so they can be sent back exactly.

Times: MLSD ``modify`` is UTC. LIST times are the server's local time, read in the ``tz`` given (a per-site
offset, UTC by default); a date without a year is the most recent such date not in the future (one day's
grace for clocks and time zones), relative to ``now``.
"""

from __future__ import annotations

import gc
import re
from collections import namedtuple
from datetime import datetime, timedelta, timezone, tzinfo
from functools import wraps
from itertools import chain
from typing import Callable, Dict, List, Optional, Tuple

from .errors import QT_TRANSLATE_NOOP, ProtocolError, worded
from .names import UTF8
from .replies import parse_mdtm

ENTRY_TYPES = ("file", "dir", "link", "other")
Decode = Callable[[bytes], str]
_UTC = timezone.utc
_MAX_LINE = 8192
_GRACE = timedelta(days=1)


class ListingError(ProtocolError):
    """A listing could not be read."""


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
    """Lines split at LF (CR LF or LF); a trailing CR is dropped, nothing else (names may end in spaces)."""
    lines = data.split(b"\n")
    return [ln[:-1] if ln.endswith(b"\r") else ln for ln in lines]


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


def _rows(pattern: re.Pattern, data: bytes):
    """``pattern.findall(data)`` (a multi-line pattern that matches whole lines), 32 KiB of lines at a time.

    A listing's rows are read while they are still in the CPU's cache, rather than all 100,000 made first
    and then read back from memory: a sixth less time for a large listing."""

    def chunks():
        findall, end, size = pattern.findall, 0, len(data)
        while end < size:
            start, end = end, data.find(b"\n", end + _CHUNK) + 1
            if end == 0:  # no newline after this point: the rest
                end = size
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


# --- MLSD ---------------------------------------------------------------------------------------
_fromiso = datetime.fromisoformat


def _mlsd_time(value: bytes) -> Optional[datetime]:
    """``YYYYMMDDHHMMSS[.fff]``, UTC; None when it is not a valid time."""
    n = len(value)
    if n < 14 or not value[:14].isdigit() or (n > 14 and (value[14] != 46 or n == 15 or not value[15:].isdigit())):
        return None
    text = value.decode("ascii")
    try:  # Python 3.11+ reads the basic ISO format in C
        return _fromiso(text[:8] + "T" + text[8:] + "+00:00")
    except ValueError:
        pass
    try:  # a leap second, more than 6 digits of fraction, or no valid time: MDTM's rules
        return parse_mdtm(text[:24])  # (MDTM reads at most 9 digits of fraction; only 6 count)
    except ProtocolError:
        return None


_MLSD_TYPES = {b"file": "file", b"dir": "dir", b"cdir": None, b"pdir": None, b"": "file"}
_MLSD_PLAIN = {b"file": "file", b"dir": "dir", b"File": "file", b"Dir": "dir"}
_SLINK = (b"os.unix=slink", b"os.unix=symlink")


def _mlsd_entry(ftype, size, modify, perm, owner, group, facts, raw, decode, cache) -> Optional[Entry]:
    kind = ftype.lower()
    etype = _MLSD_TYPES.get(kind, "other")
    if etype is None or raw == b"." or raw == b"..":
        return None
    target = None
    if etype == "other" and kind.startswith(_SLINK):
        etype = "link"
        cut = ftype.find(b":")
        if cut > 0 and cut + 1 < len(ftype):
            target = decode(ftype[cut + 1 :])
    if etype == "dir" or not size:
        size = None
    elif size.isdigit() and len(size) <= 20:
        size = int(size)
    else:
        size = None
    return _entry(
        decode(raw),
        etype,
        size,
        _mlsd_time(modify) if modify else None,
        cache[perm],
        cache[owner],
        cache[group],
        target,
        raw,
        facts,
    )


class _Days(dict):
    """``YYYYMMDD`` → ``"YYYYMMDDT"``: the date part of an ISO time, decoded once per day listed."""

    def __missing__(self, raw: bytes) -> str:
        value = self[raw] = raw.decode("ascii") + "T"
        return value


_WANTED = {  # fact (lower case) → the name of its column in a template's loop
    b"type": "ftype",
    b"size": "size",
    b"modify": "mday",  # and "mtime": the date and the time of day, two groups
    b"unix.mode": "mode",
    b"perm": "perm",
    b"unix.ownername": "oname",
    b"unix.owner": "owner",
    b"unix.uid": "uid",
    b"unix.groupname": "gname",
    b"unix.group": "group",
    b"unix.gid": "gid",
}
# a size or a time of another shape sends the line to the general parser, so the fast loop need not check
# (``modify`` in two groups, the day and the time, so the time is read without slicing and joining bytes)
_VALUE_SHAPES = {b"size": rb"(\d{1,20})", b"modify": rb"(\d{8})(\d{6}(?:\.\d{1,9})?)"}
_WS = rb" \t\n\r\f\v"  # what ``\s`` means in a bytes pattern, written out: ``re`` matches a plain set faster
_templates: Dict[Tuple[bytes, ...], Tuple[re.Pattern, Callable]] = {}

# The loop over one listing's rows, written for one order of facts (``_mlsd_template`` fills in the columns):
# each row is unpacked straight into the columns its pattern has, and a fact the order lacks is a constant,
# so no line pays for rearranging its groups or for the facts its server does not send.
_MLSD_LOOP = """
def run(rows, decode, cache, who, append):
    plain, fromiso, tnew, entry_type, days = _MLSD_PLAIN.get, _fromiso, _tnew, Entry, _Days()
    good = 0
    bad = None
    for {columns} in rows:
        if raw:
            good += 1
            etype = plain({ftype})
            if etype and raw != b"." and raw != b"..":  # the common line: a plain file or folder
                {modified}
                key = ({perm}, {owner}, {group})
                try:
                    perms, owner_text, group_text = who[key]
                except KeyError:
                    perms, owner_text, group_text = who[key] = (cache[key[0]], cache[key[1]], cache[key[2]])
                append(
                    tnew(
                        entry_type,
                        (
                            decode(raw),
                            etype,
                            {file_size},
                            modified,
                            perms,
                            owner_text,
                            group_text,
                            None,
                            facts,
                            raw,
                        ),
                    )
                )
                continue
            entry = _mlsd_entry({ftype}, {size}, {modify}, {perm}, {owner}, {group}, facts, raw, decode, cache)
        else:
            line = other[:-1] if other.endswith(b"\\r") else other
            if not line.strip():
                continue
            try:
                entry = parse_mlsd_line(line, decode, cache)
            except ListingError as exc:
                bad = bad or exc
                continue
            good += 1
        if entry is not None:
            append(entry)
    return good, bad
"""
_MLSD_MODIFIED = """modified = None
                if mday:
                    try:
                        modified = fromiso(days[mday] + mtime.decode() + "+00:00")
                    except ValueError:
                        modified = _mlsd_time(mday + mtime)"""


def _mlsd_template(keys: Tuple[bytes, ...]) -> Tuple[re.Pattern, Callable]:
    """A regular expression for lines whose facts come in this order (each one optional), read in one pass,
    and the loop that turns its rows into entries.

    Servers write the same facts in the same order on every line, so the first line's order fits nearly
    all of them; a line that does not fit is read by ``parse_mlsd_line``."""
    found = _templates.get(keys)
    if found is not None:
        return found
    parts = []
    columns = ["facts"]  # group 1 is the whole facts part
    for key in keys:
        column = _WANTED.get(key.lower())
        if column is not None:
            columns.extend(("mday", "mtime") if column == "mday" else (column,))
            value = _VALUE_SHAPES.get(key.lower(), rb"([^;" + _WS + rb"]*+)")
            parts.append(rb"(?:" + re.escape(key) + rb"=" + value + rb";|)")
        else:  # (an empty alternative and possessive values: faster in ``re`` than ``(…)?`` and ``*``)
            parts.append(rb"(?:" + re.escape(key) + rb"=[^;" + _WS + rb"]*+;|)")
    pattern = rb"^(?:(" + b"".join(parts) + rb")[ \t]([^\r\n]+)\r?$()|([^\n]*)$)"
    columns += ["raw", "_", "other"]

    def first(*names: str) -> str:  # the first non-empty of the facts this order has, as an expression
        present = [n for n in names if n in columns]
        return "(" + " or ".join(present) + ")" if present else 'b""'

    source = _MLSD_LOOP.format(
        columns=", ".join(columns),
        ftype=first("ftype"),
        size=first("size"),
        file_size='int(size) if size and etype == "file" else None' if "size" in columns else "None",
        modify="mday + mtime" if "mday" in columns else 'b""',
        modified=_MLSD_MODIFIED if "mday" in columns else "modified = None",
        perm=first("mode", "perm"),
        owner=first("oname", "owner", "uid"),
        group=first("gname", "group", "gid"),
    )
    namespace = {
        name: globals()[name]
        for name in (
            *("_MLSD_PLAIN", "_fromiso", "_tnew", "Entry", "_Days"),
            *("_mlsd_time", "_mlsd_entry", "parse_mlsd_line", "ListingError"),
        )
    }
    exec(compile(source, f"<MLSD loop for {keys!r}>", "exec"), namespace)
    if len(_templates) > 64:
        _templates.clear()
    found = _templates[keys] = (re.compile(pattern, re.M), namespace["run"])
    return found


def _fact_order(data: bytes) -> Optional[Tuple[bytes, ...]]:
    """The facts of the first lines merged into one order (a folder's line lacks ``size``, a file's ``sizd``)."""
    order: List[bytes] = []
    for line in data[:16384].split(b"\n")[:64]:
        cut = line.find(b" ")
        if cut <= 0:
            continue
        keys = [f.partition(b"=")[0] for f in line[:cut].split(b";") if f]
        if not all(keys) or len({k.lower() for k in keys}) != len(keys):
            continue
        at = 0
        for key in keys:
            if key in order:
                at = order.index(key) + 1
            else:
                order.insert(at, key)
                at += 1
    if not order or len({k.lower() for k in order}) != len(order):
        return None
    return tuple(order)


def parse_mlsd_line(line: bytes, decode: Decode = UTF8.decode, cache: Optional[_Cache] = None) -> Optional[Entry]:
    """``fact=value;…; name`` → Entry, or None for cdir/pdir, ``.`` and ``..``. The name is everything after
    the first space (or tab, which a few servers put there); ListingError for a line that is not MLSD."""
    sp = line.find(b" ")
    tab = line.find(b"\t", 0, sp if sp >= 0 else len(line))
    cut = tab if tab >= 0 else sp
    if cut < 0 or cut == len(line) - 1:
        raise worded(ListingError, QT_TRANSLATE_NOOP("engine", "Not an MLSD line: {line}"), line=repr(line[:80]))
    facts: Dict[bytes, bytes] = {}
    for fact in line[:cut].split(b";"):
        if not fact:
            continue
        key, eq, value = fact.partition(b"=")
        if not eq or not key:
            raise worded(ListingError, QT_TRANSLATE_NOOP("engine", "Not an MLSD fact: {fact}"), fact=repr(fact[:40]))
        facts[key.lower()] = value
    get = facts.get
    return _mlsd_entry(
        get(b"type", b""),
        get(b"size", b""),
        get(b"modify", b""),
        get(b"unix.mode") or get(b"perm", b""),
        get(b"unix.ownername") or get(b"unix.owner") or get(b"unix.uid", b""),
        get(b"unix.groupname") or get(b"unix.group") or get(b"unix.gid", b""),
        line[:cut],
        line[cut + 1 :],
        decode,
        _Cache(decode) if cache is None else cache,  # (a listing's loop passes its own: owners repeat)
    )


@_without_gc
def parse_mlsd(data: bytes, decode: Decode = UTF8.decode) -> List[Entry]:
    """An MLSD listing. Unreadable lines are skipped; ListingError only if no line at all is MLSD."""
    entries: List[Entry] = []
    # no common order of facts (the first lines are not MLSD): the empty order sends every line with facts
    # to ``parse_mlsd_line``
    pattern, run = _mlsd_template(_fact_order(data) or ())
    good, bad = run(_rows(pattern, data), decode, _Cache(decode), {}, entries.append)
    if bad is not None and not good:
        raise worded(
            ListingError,
            QT_TRANSLATE_NOOP("engine", "The server's MLSD listing could not be read: {reason}"),
            reason=bad,
        )
    return entries


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
_ARROW = b" -> "


def _link(raw: bytes, decode: Decode) -> Tuple[bytes, Optional[str]]:
    """``name -> target`` → (name, target); the first arrow separates them."""
    cut = raw.find(_ARROW)
    if cut > 0:
        return raw[:cut], decode(raw[cut + 4 :])
    return raw, None


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


# --- LIST: EPLF (http://cr.yp.to/ftp/list/eplf.html) ------------------------------------------------
def _eplf(line: bytes, clock: _Clock, decode: Decode) -> Optional[Entry]:
    facts, tab, raw = line[1:].partition(b"\t")
    if not tab or not raw:
        return None
    etype, size, modified, perms = "other", None, None, None
    for fact in facts.split(b","):
        if fact == b"/":
            etype = "dir"
        elif fact == b"r":
            etype = "file" if etype == "other" else etype
        elif fact[:1] == b"s" and fact[1:].isdigit() and len(fact) <= 21:
            size = int(fact[1:])
        elif fact[:1] == b"m" and fact[1:].isdigit() and len(fact) <= 21:
            try:
                modified = datetime.fromtimestamp(int(fact[1:]), _UTC)
            except (OverflowError, OSError, ValueError):
                modified = None
        elif fact[:2] == b"up":
            perms = fact[2:].decode("latin-1")
    return _entry(decode(raw), etype, size if etype != "dir" else None, modified, perms, None, None, None, raw)


# --- LIST: VMS ----------------------------------------------------------------------------------
_VMS_NAME = re.compile(rb"[^ \t;]+;\d+")
_VMS_SIZE = re.compile(rb"(\d{1,18})(?:/\d{1,18})?|(\d{1,15})(KB|MB|GB)", re.IGNORECASE)
_VMS_DATE = re.compile(rb"(\d{1,2})-([A-Za-z]{3})-(\d{2}|\d{4})")
_VMS_TIME = re.compile(rb"(\d{1,2}):(\d\d)(?::(\d\d)(?:\.\d+)?)?")
_UNITS = {b"KB": 1 << 10, b"MB": 1 << 20, b"GB": 1 << 30}


def _vms(line: bytes, clock: _Clock, decode: Decode) -> Optional[Entry]:
    """``NAME.EXT;1  size[/alloc]  DD-MON-YYYY [hh:mm[:ss]]  [grp,own]  (RWED,RWED,RE,)`` (size in blocks)."""
    tokens = line.split()
    if len(tokens) < 2 or not _VMS_NAME.fullmatch(tokens[0]):
        return None
    size = date = perms = owner = group = None
    hour = minute = second = 0
    for tok in tokens[1:]:
        if date is None and (d := _VMS_DATE.fullmatch(tok)):
            date = d
        elif size is None and (s := _VMS_SIZE.fullmatch(tok)):
            size = int(s.group(1)) * 512 if s.group(1) else int(s.group(2)) * _UNITS[s.group(3).upper()]
        elif (t := _VMS_TIME.fullmatch(tok)) is not None:
            hour, minute, second = int(t.group(1)), int(t.group(2)), int(t.group(3) or 0)
        elif tok[:1] == b"[" and tok[-1:] == b"]":
            parts = tok[1:-1].split(b",", 1)
            if len(parts) == 2:
                group, owner = decode(parts[0]), decode(parts[1])
            else:
                owner = decode(parts[0])
        elif tok[:1] == b"(" and tok[-1:] == b")":
            perms = tok[1:-1].decode("latin-1")
        else:
            return None
    if date is None:
        return None
    month = _MONTHS.get(date.group(2).lower())
    if month is None:
        return None
    modified = clock.make(_year2(int(date.group(3))), month, int(date.group(1)), hour, minute, second)
    raw = tokens[0]
    stem = raw[: raw.rfind(b";")]
    etype = "file"
    if stem[-4:].upper() == b".DIR":
        etype, raw, size = "dir", stem[:-4], None
    return _entry(decode(raw), etype, size, modified, perms, owner, group, None, raw)


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


@_without_gc
def parse_list(
    data: bytes,
    *,
    now: Optional[datetime] = None,
    tz: tzinfo = _UTC,
    decode: Decode = UTF8.decode,
    unparsed: Optional[List[bytes]] = None,
) -> List[Entry]:
    """A LIST reply in any of the formats above. When no line has a known format the reply is a list of
    bare names (``name/`` is a folder); otherwise lines that fit no format are skipped (and appended to
    ``unparsed`` when given). ``.`` and ``..`` are dropped. Never raises on any input."""
    clock = _Clock(now, tz)
    entries: List[Entry] = []
    append = entries.append
    skipped: List[bytes] = []
    who: Dict[Tuple[bytes, bytes, bytes], Tuple[str, str, str, str]] = {}  # a handful, repeated
    month_days = _MonthDays(clock)
    hours_minutes = _HOURS_MINUTES.get
    tz, this_year, limit = clock.tz, clock.year, clock.limit[2:]
    pending: Optional[bytes] = None  # a VMS name whose details are on the next line
    tnew = _tnew
    for perm, owner, group, size, date, raw, other in _rows(_LS_FAST, data):
        if raw:
            if pending is not None:
                skipped.append(pending)
                pending = None
            if raw == b"." or raw == b"..":
                continue
            try:
                etype, perms, owner_text, group_text = who[perm, owner, group]
            except KeyError:
                etype, perms, owner_text, group_text = who[perm, owner, group] = (
                    _KINDS[perm[0]],
                    perm.decode("latin-1"),
                    decode(owner),
                    decode(group),
                )
            # the date, with the month, day and time looked up rather than computed
            md = month_days[date[:6]]
            hm = hours_minutes(date[7:12])
            if hm is not None and md is not None:
                month, day, year = md
                hour, minute = hm
                if year is None:  # the limit's own day
                    year = this_year if hm <= limit else this_year - 1
                try:
                    modified = datetime(year, month, day, hour, minute, 0, 0, tz)
                except ValueError:  # 29 February of another year
                    modified = clock.recent(month, day, hour, minute)
            elif md is None:  # a month we do not know
                modified = None
            elif date[9] == 58:  # "HH:MM" that is no time of day ("24:00", the end of the day, or nonsense)
                modified = clock.recent(md[0], md[1], _TWO_DIGITS[date[7:9]], _TWO_DIGITS[date[10:12]])
            else:  # "Mon DD  YYYY"
                modified = clock.make(int(date[8:12]), md[0], md[1])
            target = None
            if etype == "link":
                raw, target = _link(raw, decode)
            append(
                tnew(
                    Entry,  # _entry, inline
                    (
                        decode(raw),
                        etype,
                        None if etype == "dir" else int(size),
                        modified,
                        perms,
                        owner_text,
                        group_text,
                        target,
                        b"",
                        raw,
                    ),
                )
            )
            continue
        line = other[:-1] if other.endswith(b"\r") else other
        if pending is not None:
            joined = pending + b" " + line.strip()
            pending = None
            entry = _vms(joined, clock, decode)
            if entry is not None:
                _keep(entries, entry)
                continue
            skipped.append(joined.split(b" ", 1)[0])
        if not line or line.isspace():
            continue
        if len(line) > _MAX_LINE:  # no name is this long; not worth a regular expression's time
            skipped.append(line)
            continue
        entry = _any_line(line, clock, decode)
        if entry is None and b";" in line and _VMS_NAME.fullmatch(line.strip()):
            pending = line.strip()
            continue
        if entry is not None:
            _keep(entries, entry)
        elif not (line.startswith(b"total ") and line[6:].strip().isdigit()):
            skipped.append(line)
    if pending is not None:
        skipped.append(pending)
    if not entries and skipped and not any(_LOOKS_LISTED.match(line) for line in skipped):
        return _bare_names(skipped, decode)
    if unparsed is not None:
        unparsed.extend(skipped)
    return entries


def _any_line(line: bytes, clock: _Clock, decode: Decode) -> Optional[Entry]:
    """One line in whichever format fits it, or None."""
    first = line[:1]
    entry = None
    if first in b"-dlcbpsDn?":
        m = _UNIX_RE.match(line)
        if m is not None:
            entry = _unix(m, clock, decode)
    elif first == b"+":
        entry = _eplf(line, clock, decode)
    elif first.isdigit():
        m = _DOS_RE.match(line)
        if m is not None:
            entry = _dos(m, clock, decode)
    if entry is None and b";" in line:
        entry = _vms(line, clock, decode)
    return entry


def _keep(entries: List[Entry], entry: Entry) -> None:
    if entry.raw_name not in (b".", b"..", b""):
        entries.append(entry)


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


def utc_offset(minutes: int) -> tzinfo:
    """The fixed zone of a server whose LIST times are ``minutes`` ahead of UTC (negative: behind)."""
    if not -24 * 60 < minutes < 24 * 60:
        raise ValueError(f"a server time offset must be within ±24 hours, not {minutes} minutes")
    return _UTC if minutes == 0 else timezone(timedelta(minutes=minutes))


__all__: Tuple[str, ...] = (
    "ENTRY_TYPES",
    "Entry",
    "ListingError",
    "parse_list",
    "parse_mlsd",
    "parse_mlsd_line",
    "parse_nlst",
    "utc_offset",
)
