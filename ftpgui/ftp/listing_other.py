"""LIST from the other systems: EPLF, VMS, IBM (AS/400, MVS, z/VM), HP NonStop, OS-9, Nortel routers."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Optional

from .listing_base import _UTC, ApproximateSize, Decode, Entry, _Clock, _entry, _link, _year2, month_of


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
_VMS_OWNER = re.compile(rb"[A-Z][A-Z0-9_$]{0,31}")
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
            blocks = int(s.group(1)) * 512 if s.group(1) else int(s.group(2)) * _UNITS[s.group(3).upper()]
            size = ApproximateSize(blocks)
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
        elif owner is None and _VMS_OWNER.fullmatch(tok):  # an owner without brackets (``PRONAS``)
            owner = decode(tok)
        else:
            return None
    if date is None:
        return None
    month = month_of(date.group(2))  # (French servers: ``15-JUI-2002``)
    if month is None:
        return None
    modified = clock.make(_year2(int(date.group(3))), month, int(date.group(1)), hour, minute, second)
    raw = tokens[0]
    stem = raw[: raw.rfind(b";")]
    etype = "file"
    if stem[-4:].upper() == b".DIR":
        etype, raw, size = "dir", stem[:-4], None
    return _entry(decode(raw), etype, size, modified, perms, owner, group, None, raw)


# --- lines that start with a name or an owner ---------------------------------------------------
_NUMERIC_RE = re.compile(  # "0100644  500  101  12345  123456789  name": octal mode, owner, group, size, time_t
    rb"(0?[0-7]{6})[ \t]+(\S+)[ \t]+(\S+)[ \t]+(\d{1,20})[ \t]+(\d{1,11})[ \t]+(.+)", re.DOTALL
)
_OS9_RE = re.compile(  # Microware OS-9: owner, YY/MM/DD, hhmm, attributes, sector, size, name
    rb"(\d{1,5}\.\d{1,5})[ \t]+(\d\d)/(\d\d)/(\d\d)[ \t]+\d{4}[ \t]+([-dsewr]{8})[ \t]+"
    rb"\d{1,20}[ \t]+(\d{1,20})[ \t]+(.+)",
    re.DOTALL,
)
_AS400_RE = re.compile(  # IBM AS/400: owner, size, date, time, *TYPE, name ("name/" is a folder)
    rb"(\S+)[ \t]+(\d{1,20})[ \t]+(\d\d)([/.])(\d\d)\4(\d\d(?:\d\d)?)[ \t]+(\d\d):(\d\d):(\d\d)[ \t]+"
    rb"\*([A-Z]{2,8})[ \t]+(.+)",
    re.DOTALL,
)
_WFFTP_RE = re.compile(  # Nortel wfFtp: name, size, MM/DD/YY, day of the week, time
    rb"(\S+)[ \t]+(\d{1,20})[ \t]+(\d\d)/(\d\d)/(\d\d)[ \t]+[A-Za-z]{3,4}\.?[ \t]+(\d\d):(\d\d):(\d\d)"
)
_NONSTOP_RE = re.compile(  # HP NonStop (Tandem): name, code, size, D-Mon-YY, time, owner "g, u", "rwep"
    rb"(\S+)[ \t]+\d{1,10}[ \t]+(\d{1,20})[ \t]+(\d{1,2})-([A-Za-z]{3})-(\d\d)[ \t]+(\d\d):(\d\d):(\d\d)"
    rb"[ \t]+(\d{1,5},[ \t]*\d{1,5})[ \t]+(\"[^\"]*\")"
)
_ZVM_RE = re.compile(  # IBM z/VM: name, type, format, record length, records, blocks, date, time, owner
    rb"(\S+)[ \t]+(\S+)[ \t]+[FV][ \t]+(\d{1,10})[ \t]+(\d{1,10})[ \t]+\d{1,10}[ \t]+"
    rb"(\d{4})-(\d\d)-(\d\d)[ \t]+(\d\d):(\d\d):(\d\d)[ \t]+(\S+)"
)
_PDS_RE = re.compile(  # MVS partitioned data set member: name, VV.MM, created, changed, time, size, init, mod, id
    rb"(\S+)[ \t]+\d\d\.\d\d[ \t]+\d{4}/\d\d/\d\d[ \t]+(\d{4})/(\d\d)/(\d\d)[ \t]+(\d\d):(\d\d)(?::\d\d)?"
    rb"[ \t]+(\d{1,20})[ \t]+\d{1,20}[ \t]+\d{1,20}[ \t]+\S+"
)
_LOAD_RE = re.compile(
    rb"(\S+)[ \t]+([0-9A-F]{6})[ \t]+[0-9A-F]{6}[ \t]+[0-9A-F]{2}[ \t]+[A-Z]{2}(?:[ \t].*)?"
)  # load module
_MIGRATED_RE = re.compile(rb"Migrated[ \t]+(\S+)")  # an MVS data set moved to tape: its name only
_VOLUME = re.compile(rb"[A-Z0-9#@$]{1,6}")
_MVS_DATE = re.compile(rb"(\d{4})/(\d\d)/(\d\d)")
_MODES = {0o040000: "dir", 0o120000: "link", 0o100000: "file"}


def numeric_unix(line: bytes, clock: _Clock, decode: Decode) -> Optional[Entry]:
    """A Unix line in numbers (octal mode, owner, group, size, time_t), or None."""
    m = _NUMERIC_RE.fullmatch(line)
    if m is None:
        return None
    mode, owner, group, size, stamp, raw = m.groups()
    etype = _MODES.get(int(mode, 8) & 0o170000, "other")
    raw, target = _link(raw, decode) if etype == "link" else (raw, None)
    modified = _epoch(int(stamp))
    size_of = None if etype == "dir" else int(size)
    return _entry(decode(raw), etype, size_of, modified, mode.decode(), decode(owner), decode(group), target, raw)


def os9(line: bytes, clock: _Clock, decode: Decode) -> Optional[Entry]:
    """A Microware OS-9 line, or None."""
    m = _OS9_RE.fullmatch(line)
    if m is None:
        return None
    owner, yy, mo, dd, perms, size, raw = m.groups()
    etype = "dir" if perms[:1] == b"d" else "file"
    modified = _day(clock, _year2(int(yy)), int(mo), int(dd))
    size_of = None if etype == "dir" else int(size)
    return _entry(decode(raw), etype, size_of, modified, perms.decode(), decode(owner), None, None, raw)


def as400(line: bytes, clock: _Clock, decode: Decode) -> Optional[Entry]:
    """An IBM AS/400 line (``QSYS  77824 02/23/00 15:09:55 *DIR name/``), or None."""
    m = _AS400_RE.fullmatch(line)
    if m is None:
        return None
    owner, size, a, sep, b, y, hh, mm, ss, kind, raw = m.groups()
    first, second = int(a), int(b)
    day, month = (first, second) if sep == b"." or first > 12 else (second, first)  # DD.MM.YY, DD/MM, MM/DD
    is_dir = kind in (b"DIR", b"LIB") or (raw.endswith(b"/") and len(raw) > 1)
    raw = raw.rstrip(b"/") or raw
    modified = _day(clock, _year2(int(y)), month, day, int(hh), int(mm), int(ss))
    size_of = None if is_dir else int(size)
    return _entry(decode(raw), "dir" if is_dir else "file", size_of, modified, None, decode(owner), None, None, raw)


def wfftp(line: bytes, clock: _Clock, decode: Decode) -> Optional[Entry]:
    """A Nortel wfFtp line (``name  1014196  06/03/04  Thur.  10:20:03``), or None."""
    m = _WFFTP_RE.fullmatch(line)
    if m is None:
        return None
    raw, size, mo, dd, yy, hh, mm, ss = m.groups()
    modified = _day(clock, _year2(int(yy)), int(mo), int(dd), int(hh), int(mm), int(ss))
    return _entry(decode(raw), "file", int(size), modified, None, None, None, None, raw)


def nonstop(line: bytes, clock: _Clock, decode: Decode) -> Optional[Entry]:
    """An HP NonStop (Tandem) line, or None."""
    m = _NONSTOP_RE.fullmatch(line)
    month = month_of(m.group(4)) if m else None
    if month is None:
        return None
    raw, size, dd, _, yy, hh, mm, ss, owner, perms = m.groups()
    modified = _day(clock, _year2(int(yy)), month, int(dd), int(hh), int(mm), int(ss))
    return _entry(decode(raw), "file", int(size), modified, perms.decode("latin-1"), decode(owner), None, None, raw)


def zvm(line: bytes, clock: _Clock, decode: Decode) -> Optional[Entry]:
    """An IBM z/VM line (name, type, format, record length, records …): the size is length × records."""
    m = _ZVM_RE.fullmatch(line)
    if m is None:
        return None
    name, ftype, lrecl, records, y, mo, dd, hh, mm, ss, owner = m.groups()
    raw = name + b"." + ftype
    modified = _day(clock, int(y), int(mo), int(dd), int(hh), int(mm), int(ss))
    size = ApproximateSize(int(lrecl) * int(records))  # (variable-length records: at most this)
    return _entry(decode(raw), "file", size, modified, None, decode(owner), None, None, raw)


def mvs_member(line: bytes, clock: _Clock, decode: Decode) -> Optional[Entry]:
    """A member of a partitioned data set (a folder of MVS): with statistics, or a load module (hex size)."""
    m = _PDS_RE.fullmatch(line)
    if m is not None:
        raw, y, mo, dd, hh, mm, size = m.groups()
        modified = _day(clock, int(y), int(mo), int(dd), int(hh), int(mm))
        records = ApproximateSize(int(size))  # (a count of records, not of bytes)
        return _entry(decode(raw), "file", records, modified, None, None, None, None, raw)
    m = _LOAD_RE.fullmatch(line)
    if m is not None:
        size = ApproximateSize(int(m.group(2), 16))  # (the module's size in storage)
        return _entry(decode(m.group(1)), "file", size, None, None, None, None, None, m.group(1))
    m = _MIGRATED_RE.fullmatch(line)
    if m is not None:
        return _entry(decode(m.group(1)), "file", None, None, None, None, None, None, m.group(1))
    return None


def mvs_dataset(line: bytes, clock: _Clock, decode: Decode) -> Optional[Entry]:
    """``Volume Unit Referred Ext Used Recfm Lrecl BlkSz Dsorg Dsname`` (PO and PO-E are folders), a tape's or
    a VSAM data set's line with fewer fields. The size stays unknown: the line gives tracks, not bytes."""
    toks = line.split()
    if len(toks) < 3 or not _VOLUME.fullmatch(toks[0]):
        return None
    unit, raw = toks[1], toks[-1]
    if not (len(unit) == 4 and unit.isdigit()) and unit.lower() != b"tape":
        return None
    modified, etype = None, "file"
    if (len(toks) == 3 and unit.lower() == b"tape") or (len(toks) == 4 and toks[2] == b"VSAM"):
        pass
    elif 9 <= len(toks) <= 10 and (toks[2] == b"**NONE**" or _MVS_DATE.fullmatch(toks[2])):
        if toks[2] != b"**NONE**":
            y, mo, dd = (int(x) for x in _MVS_DATE.fullmatch(toks[2]).groups())
            modified = _day(clock, y, mo, dd)
        etype = "dir" if toks[-2] in (b"PO", b"PO-E") else "file"
    else:
        return None
    return _entry(decode(raw), etype, None, modified, None, None, None, None, raw)


def _day(clock: _Clock, year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0):
    """The time, or None when the numbers are no time."""
    if not (1 <= month <= 12 and 1 <= day <= 31 and hour <= 24 and minute <= 59 and second <= 60):
        return None
    return clock.make(year, month, day, hour, minute, min(second, 59))


def _epoch(stamp: int) -> Optional[datetime]:
    try:
        return datetime.fromtimestamp(stamp, _UTC)
    except (OverflowError, OSError, ValueError):
        return None
