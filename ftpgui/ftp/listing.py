"""Directory listings: MLSD facts (RFC 3659) and the LIST formats servers really send."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Dict, List, Optional

from .errors import ProtocolError
from .replies import parse_mdtm

ENTRY_TYPES = ("file", "dir", "link", "other")


class ListingError(ProtocolError):
    """A listing line could not be read."""


@dataclass(frozen=True)
class Entry:
    """One directory entry, whatever format the server listed it in."""

    name: str
    type: str  # file | dir | link | other
    size: Optional[int] = None
    modified: Optional[datetime] = None  # aware (UTC) when the server said so, else naive server-local
    permissions: Optional[str] = None
    owner: Optional[str] = None
    group: Optional[str] = None
    target: Optional[str] = None
    facts: Dict[str, str] = field(default_factory=dict, compare=False, repr=False)

    def to_json(self) -> dict:
        """The ``ls --json`` object of DESIGN.md."""
        modified = None
        if self.modified is not None:
            m = self.modified if self.modified.tzinfo else self.modified.replace(tzinfo=timezone.utc)
            modified = m.astimezone(timezone.utc).isoformat().replace("+00:00", "Z")
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


# --- MLSD ---------------------------------------------------------------------------------------
def parse_mlsd_line(line: str) -> Optional[Entry]:
    """``fact=value;fact=value; name`` → Entry (None for cdir/pdir). The name is all after the first space."""
    facts_part, sep, name = line.partition(" ")
    if not sep or not name:
        raise ListingError(f"Not an MLSD line: {line[:80]!r}")
    facts: Dict[str, str] = {}
    for fact in facts_part.split(";"):
        if not fact:
            continue
        key, eq, value = fact.partition("=")
        if not eq:
            raise ListingError(f"Not an MLSD fact: {fact[:40]!r}")
        facts[key.lower()] = value
    ftype = facts.get("type", "").lower()
    if ftype in ("cdir", "pdir") or name in (".", ".."):
        return None
    if ftype == "dir":
        etype = "dir"
    elif ftype == "file":
        etype = "file"
    elif ftype.startswith("os.unix=slink") or ftype.startswith("os.unix=symlink"):
        etype = "link"
    else:
        etype = "other" if ftype else "file"
    size = None
    raw_size = facts.get("size") or facts.get("sizd")
    if raw_size and raw_size.isdigit():
        size = int(raw_size)
    modified = None
    if "modify" in facts:
        try:
            modified = parse_mdtm(facts["modify"])
        except ProtocolError:
            modified = None
    perms = facts.get("unix.mode") or facts.get("perm")
    target = None
    if etype == "link" and ":" in ftype:
        target = ftype.split(":", 1)[1] or None
    return Entry(
        name=name,
        type=etype,
        size=size if etype != "dir" else None,
        modified=modified,
        permissions=perms,
        owner=facts.get("unix.owner") or facts.get("unix.uid"),
        group=facts.get("unix.group") or facts.get("unix.gid"),
        target=target,
        facts=facts,
    )


def parse_mlsd(text: str) -> List[Entry]:
    entries = []
    for line in text.splitlines():
        if not line.strip():
            continue
        entry = parse_mlsd_line(line)
        if entry is not None:
            entries.append(entry)
    return entries


# --- LIST ---------------------------------------------------------------------------------------
_MONTHS = {
    m: i
    for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), start=1)
}
_UNIX_RE = re.compile(
    r"^(?P<perm>[\-bcdlpsDw?][rwxsStTlL\-?]{9})[+@.]?\s+"
    r"(?P<links>\d+\s+)?"
    r"(?P<owner>\S+)\s+"
    r"(?:(?P<group>\S+)\s+)?"
    r"(?:(?P<major>\d+),\s*(?P<minor>\d+)|(?P<size>\d+))\s+"
    r"(?P<month>[A-Za-z]{3})\s+(?P<day>\d{1,2})\s+"
    r"(?P<timeyear>\d{1,2}:\d{2}|\d{4})\s"
    r"(?P<name>.*)$"
)
_DOS_RE = re.compile(
    r"^(?P<date>\d{2}-\d{2}-\d{2,4})\s+(?P<time>\d{1,2}:\d{2}(?:[AaPp][Mm])?)\s+"
    r"(?:(?P<dir><DIR>)|(?P<size>\d+))\s+(?P<name>.+)$"
)


def _resolve_year(month: int, day: int, hour: int, minute: int, now: datetime) -> datetime:
    """ "Year omitted" (``ls -l`` within six months) is the most recent such date not in the future."""
    candidate = datetime(now.year, month, day, hour, minute) if not (month == 2 and day == 29) else None
    year = now.year
    while candidate is None or candidate > now + timedelta(days=1):
        year -= 1
        try:
            candidate = datetime(year, month, day, hour, minute)
        except ValueError:
            candidate = None
    return candidate


def parse_unix_line(line: str, now: Optional[datetime] = None) -> Optional[Entry]:
    m = _UNIX_RE.match(line)
    if not m:
        return None
    perm = m.group("perm")
    kind = perm[0]
    etype = {"-": "file", "d": "dir", "l": "link"}.get(kind, "other")
    name = m.group("name")
    target = None
    if etype == "link" and " -> " in name:
        name, target = name.split(" -> ", 1)
    month = _MONTHS.get(m.group("month").lower())
    if month is None:
        return None
    day = int(m.group("day"))
    ty = m.group("timeyear")
    try:
        if ":" in ty:
            hour, minute = (int(x) for x in ty.split(":"))
            modified = _resolve_year(month, day, hour, minute, now or datetime.now())
        else:
            modified = datetime(int(ty), month, day)
    except ValueError:
        modified = None
    size = int(m.group("size")) if m.group("size") else None
    owner, group = m.group("owner"), m.group("group")
    if m.group("links") is None and group is not None and m.group("size") is None and m.group("major") is None:
        group = None
    return Entry(
        name=name,
        type=etype,
        size=size if etype != "dir" else None,
        modified=modified,
        permissions=perm,
        owner=owner,
        group=group,
        target=target,
    )


def parse_dos_line(line: str) -> Optional[Entry]:
    m = _DOS_RE.match(line)
    if not m:
        return None
    mo, d, y = (int(x) for x in m.group("date").split("-"))
    if y < 100:
        y += 2000 if y < 70 else 1900
    t = m.group("time")
    pm = t[-2:].lower() == "pm"
    if t[-2:].lower() in ("am", "pm"):
        t = t[:-2]
    hour, minute = (int(x) for x in t.split(":"))
    if pm and hour < 12:
        hour += 12
    elif not pm and m.group("time")[-2:].lower() == "am" and hour == 12:
        hour = 0
    try:
        modified: Optional[datetime] = datetime(y, mo, d, hour, minute)
    except ValueError:
        modified = None
    is_dir = m.group("dir") is not None
    return Entry(
        name=m.group("name"),
        type="dir" if is_dir else "file",
        size=None if is_dir else int(m.group("size")),
        modified=modified,
    )


def parse_listing(text: str, now: Optional[datetime] = None) -> List[Entry]:
    """A LIST reply in Unix ``ls -l`` or DOS/IIS format; other lines are taken as bare names."""
    entries: List[Entry] = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("total "):
            continue
        entry = parse_unix_line(line, now) or parse_dos_line(line)
        if entry is None:
            entry = Entry(name=line.strip(), type="file")
        if entry.name in (".", ".."):
            continue
        entries.append(entry)
    return entries
