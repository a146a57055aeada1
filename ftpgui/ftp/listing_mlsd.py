"""MLSD listings (RFC 3659): ``fact=value;…; name`` lines, read in one pass per order of facts."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Callable, Dict, List, Optional, Tuple

from .errors import ProtocolError, worded
from .listing_base import _UTC, CutLine, Decode, Entry, ListingError, _Cache, _entry, _rows, _without_gc
from .listing_store import NO_TIME, Listing, time_code
from .names import UTF8
from .replies import parse_mdtm


def _error(template: str, **fields) -> ListingError:
    """A ListingError in words; the templates are marked for translation in ``listing`` (the module the
    translation sources name), looked up when needed: ``listing`` imports this module."""
    from . import listing

    return worded(ListingError, getattr(listing, template), **fields)


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
_MLSD_CODES = {b"file": 0, b"dir": 1, b"File": 0, b"Dir": 1}  # (KIND_CODE)
_SLINK = (b"os.unix=slink", b"os.unix=symlink")


_PYTHON_OCTAL = re.compile(r"0o([0-7]{1,4})")


def _mode_text(perm: Optional[str]) -> Optional[str]:
    """The permissions as shown: pyftpdlib's ``unix.mode``, Python's ``0o644``, as other servers write it
    (proftpd: ``0644``; design note 364); anything else as it is."""
    m = _PYTHON_OCTAL.fullmatch(perm) if perm else None
    return f"{int(m.group(1), 8):04o}" if m else perm


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
        _mode_text(cache[perm]),
        cache[owner],
        cache[group],
        target,
        raw,
        facts,
    )


class _DayMicros(dict):
    """``YYYYMMDD`` → microseconds from 1970 to that day's start (UTC); ValueError for no such day."""

    def __missing__(self, raw: bytes) -> int:
        value = self[raw] = time_code(datetime(int(raw[:4]), int(raw[4:6]), int(raw[6:8]), tzinfo=_UTC))
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
def run(rows, decode, cache, who, out, unparsed):
    plain, days, add, add_entry = _MLSD_CODES.get, _DayMicros(), out.add, out.add_entry
    blob, ends, kinds, sizes, times, whos = out.columns()
    good = 0
    bad = None
    for {columns} in rows:
        if raw:
            good += 1
            kind = plain({ftype})
            if kind is not None and raw != b"." and raw != b"..":  # the common line: a plain file or folder
                {modified}
                key = ({perm}, {owner}, {group})
                try:
                    w = who[key]
                except KeyError:
                    w = who[key] = out.who_index(_mode_text(cache[key[0]]), cache[key[1]], cache[key[2]])
                size_value = {file_size}
                try:  # ``add``, inline
                    sizes(-1 if size_value is None else size_value)
                except OverflowError:
                    add(raw, kind, size_value, stamp, w, None, facts)
                    continue
                blob += raw
                name_end = len(blob)
                blob += facts
                ends((name_end, name_end, len(blob)))
                kinds(kind)
                times(stamp)
                whos(w)
                continue
            entry = _mlsd_entry({ftype}, {size}, {modify}, {perm}, {owner}, {group}, facts, raw, decode, cache)
        else:
            if other.__class__ is CutLine:  # too long to be any line a server lists: unreadable, never read
                if unparsed is not None:
                    unparsed.append(other)
                continue
            line = other[:-1] if other.endswith(b"\\r") else other
            if not line.strip():
                continue
            try:
                entry = parse_mlsd_line(line, decode, cache)
            except ListingError as exc:
                bad = bad or exc
                if unparsed is not None:
                    unparsed.append(line)
                continue
            good += 1
        if entry is not None:
            add_entry(entry)
    return good, bad
"""
_MLSD_MODIFIED = """stamp = NO_TIME
                if mday:
                    try:  # (the pattern let through only digits: ``HHMMSS``, or with a fraction)
                        if len(mtime) != 6:
                            raise ValueError(mtime)
                        hour, rest = divmod(int(mtime), 10000)
                        minute, second = divmod(rest, 100)
                        if hour > 23 or minute > 59 or second > 59:
                            raise ValueError(mtime)
                        stamp = days[mday] + ((hour * 60 + minute) * 60 + second) * 1000000
                    except ValueError:  # a fraction, a leap second, no such day: MDTM's rules
                        stamp = time_code(_mlsd_time(mday + mtime))"""


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
        file_size="int(size) if size and kind == 0 else None" if "size" in columns else "None",
        modify="mday + mtime" if "mday" in columns else 'b""',
        modified=_MLSD_MODIFIED if "mday" in columns else "stamp = NO_TIME",
        perm=first("mode", "perm"),
        owner=first("oname", "owner", "uid"),
        group=first("gname", "group", "gid"),
    )
    namespace = {  # what the generated loop uses
        **{name: globals()[name] for name in ("_MLSD_CODES", "_DayMicros", "_mlsd_time", "_mlsd_entry", "_mode_text")},
        **{"parse_mlsd_line": parse_mlsd_line, "ListingError": ListingError, "NO_TIME": NO_TIME, "CutLine": CutLine},
        "time_code": time_code,
    }
    exec(compile(source, f"<MLSD loop for {keys!r}>", "exec"), namespace)
    if len(_templates) > 64:
        _templates.clear()
    found = _templates[keys] = (re.compile(pattern, re.M), namespace["run"])
    return found


def _fact_order(data: bytes) -> Optional[Tuple[bytes, ...]]:
    """The facts of the first lines merged into one order (a folder's line lacks ``size``, a file's ``sizd``)."""
    order: List[bytes] = []
    for line in bytes(data[:16384]).split(b"\n")[:64]:  # (bytes: a bytearray's keys are unhashable)
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
        raise _error("NOT_MLSD_LINE", line=repr(line[:80]))
    facts: Dict[bytes, bytes] = {}
    for fact in line[:cut].split(b";"):
        if not fact:
            continue
        key, eq, value = fact.partition(b"=")
        if not eq or not key:
            raise _error("NOT_MLSD_FACT", fact=repr(fact[:40]))
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
def parse_mlsd(data: bytes, decode: Decode = UTF8.decode, unparsed: Optional[List[bytes]] = None) -> Listing:
    """An MLSD listing (``data``: bytes or a bytearray). Unreadable lines are skipped (and appended to
    ``unparsed`` when given); ListingError only if no line at all is MLSD."""
    entries = Listing(decode, _UTC, len(data))
    # no common order of facts (the first lines are not MLSD): the empty order sends every line with facts
    # to ``parse_mlsd_line``
    pattern, run = _mlsd_template(_fact_order(data) or ())
    good, bad = run(_rows(pattern, data), decode, _Cache(decode), {}, entries, unparsed)
    if bad is not None and not good:
        raise _error("MLSD_UNREADABLE", reason=bad)
    return entries.seal()
