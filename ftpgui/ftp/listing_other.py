"""LIST from the other systems: EPLF, VMS, IBM (AS/400, MVS, z/VM), HP NonStop, OS-9, Nortel routers."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Optional

from .listing_base import _MONTHS, _UTC, Decode, Entry, _Clock, _entry, _year2


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
