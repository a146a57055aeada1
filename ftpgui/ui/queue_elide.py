"""How the queue's cells shorten what does not fit their column (``queue_paint.RowPainter`` draws them; the whole
text is the cell's tooltip, ``queue_delegates.PathDelegate``).

A path loses its folders before its name: the columns are narrow beside the mode panel at 1366×768, and the
middle elision Qt does read "/tmp/…0.bin" and "/pub/…0.bin" on every row of file20.bin, file30.bin and file50.bin
(found by QA, design note 385). Now the name stays whole and the nearest folders that fit whole go before it
("…/local/file20.bin", "…/file20.bin"); a name too long for the column keeps its start and its end with its
extension ("quarterly-r…ion.pdf"). A server's ``user@host:port`` loses its user before its address
("anony…30501" said neither); any other text (a site's name, a state's reason) is elided in the middle, as the
table says.
"""

from __future__ import annotations

import os
import re
from typing import List

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics

ELLIPSIS = "…"
_ADDRESS = re.compile(r"^.*@(?P<address>[^@]+:\d+)$")  # a server shown as user@host:port (no site's name)
_MIDDLE = Qt.TextElideMode.ElideMiddle
LOCAL_SEPARATORS = "/" + (os.sep if os.sep != "/" else "")  # (a local path on Windows: either)


def elide_path(metrics: QFontMetrics, path: str, width: int, separators: str = "/", common: int = 0) -> str:
    """``path`` as it fits ``width`` pixels: whole, else its name whole after as many of its nearest folders as
    fit whole ("…/local/file20.bin", "…/file20.bin"), else its name alone shortened (``elide_name``, ``common``
    its start shared with the rows around it). A folder's trailing separator is part of its name.
    ``separators``: what divides the path's parts (a server's: "/")."""
    if metrics.horizontalAdvance(path) <= width:
        return path
    core = path.rstrip(separators)
    cut = max(core.rfind(sep) for sep in separators)
    if cut <= 0:  # (no folder, or the root's: nothing to take away before the name)
        return elide_name(metrics, path, width, common)
    shown = path[cut:]  # ("/file20.bin": the separator before the name kept)
    if metrics.horizontalAdvance(ELLIPSIS + shown) > width:
        return elide_name(metrics, path[cut + 1 :], width, common)
    while cut > 0:  # the next folder up, while it fits whole
        before = max(core.rfind(sep, 0, cut) for sep in separators)
        if before < 0 or metrics.horizontalAdvance(ELLIPSIS + path[before:]) > width:
            break
        cut, shown = before, path[before:]
    return ELLIPSIS + shown


def elide_name(metrics: QFontMetrics, name: str, width: int, common: int = 0) -> str:
    """A file's name as it fits ``width``: its start, "…", the last few characters before its extension and the
    extension ("quarterly-r…ion.pdf"; Qt's middle elision kept as much of the end as of the start, "quart…n.pdf").
    ``common``: how many first characters the name shares with the rows shown around it; when where it differs
    from them would fall in the part cut out, the shared start goes instead ("…000-full-…ion.jpg": every row of
    holiday-photo-000-full-resolution.jpg, -001-… read "holiday-p…ion.jpg" beside the mode panel, note 385)."""
    if metrics.horizontalAdvance(name) <= width:
        return name
    shown = _shortened(metrics, name, width)
    at = shown.find(ELLIPSIS)
    differs = common  # (past the shared start: the number it begins, whole — "holiday-photo-0…" cut "000")
    while differs < len(name) and name[differs].isdigit():
        differs += 1
    if common >= 3 and 0 <= at < max(differs, common + 1) and common < len(name) - (len(shown) - at - 1):
        rest, room = name[common:], width - metrics.horizontalAdvance(ELLIPSIS)
        return ELLIPSIS + (rest if metrics.horizontalAdvance(rest) <= room else _shortened(metrics, rest, room))
    return shown


def _shortened(metrics: QFontMetrics, name: str, width: int) -> str:
    stem, ext = os.path.splitext(name)
    tail = name[-(len(ext) + 3) :] if 0 < len(ext) <= 8 and len(stem) > 6 else ""
    room = width - metrics.horizontalAdvance(ELLIPSIS + tail)
    if not tail or room < metrics.horizontalAdvance(name[:3]):
        return metrics.elidedText(name, _MIDDLE, width)
    head = metrics.elidedText(
        name[: len(name) - len(tail)], Qt.TextElideMode.ElideRight, room + metrics.horizontalAdvance(ELLIPSIS)
    )
    return head + tail  # (head ends with Qt's "…")


def elide_local(metrics: QFontMetrics, path: str, width: int, common: int = 0) -> str:
    """A local path as it fits ``width`` (``elide_path`` with this system's separators)."""
    return elide_path(metrics, path, width, LOCAL_SEPARATORS, common)


def shared_start(paths: List[str], separators: str = "/") -> int:
    """How many first characters the names at the end of ``paths`` share (0 unless they differ somewhere)."""
    names = {_name(p, separators) for p in paths}
    if len(names) < 2:
        return 0
    low, high = min(names), max(names)  # (the shortest start all share is that of the first and last in order)
    n = 0
    while n < min(len(low), len(high)) and low[n] == high[n]:
        n += 1
    while n and low[n - 1].isdigit():  # (a number is shown whole: "…007-…", "…010-…", not "…7-…", "…10-…")
        n -= 1
    return n


def _name(path: str, separators: str) -> str:
    core = path.rstrip(separators)
    return core[max(core.rfind(sep) for sep in separators) + 1 :]


def elide_server(metrics: QFontMetrics, text: str, width: int) -> str:
    """A server's label as it fits ``width``: ``user@host:port`` without its user when it does not fit whole, the
    address elided in the middle when even that does not; a site's name elided in the middle."""
    if metrics.horizontalAdvance(text) <= width:
        return text
    found = _ADDRESS.match(text)
    if found:
        text = found.group("address")
    return metrics.elidedText(text, _MIDDLE, width)
