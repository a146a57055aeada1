"""LIST from DOS-style servers (IIS, and others whose lines start with a date or a size)."""

from __future__ import annotations

import re
from typing import Optional

from .listing_base import Decode, Entry, _Clock, _entry, _year2

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
