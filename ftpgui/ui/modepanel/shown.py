"""What a picture's frame shows: its step's exchange and the step kinds so far, and its narration (moved out of
``picture``, which paints them, to keep it small)."""

from __future__ import annotations

from typing import List, Optional, Set, Tuple

from . import controldial as cd
from . import narration as nr
from . import scene as sc


def kinds_so_far(conn: sc.ConnectionScene, step: sc.Step) -> Set[str]:
    """The step kinds of ``step``'s exchange up to and including ``step``."""
    kinds = {step.kind}
    ex = step.exchange
    if ex is None:
        return kinds
    serial = step.serial - 1
    while serial >= conn.first_serial:
        s = conn.step(serial)
        if s is None or s.exchange is not ex:
            break
        kinds.add(s.kind)
        serial -= 1
    return kinds


def current_exchange(conn: sc.ConnectionScene, step: sc.Step) -> Optional[sc.Exchange]:
    """The exchange to draw at ``step``: its own, or for a control step the latest one before it."""
    if step.exchange is not None:
        return step.exchange
    if step.kind == sc.FALLBACK:
        prev = conn.step(step.serial - 1)
        return prev.exchange if prev is not None else None
    return None


def shown(frame) -> Tuple[Optional[sc.ConnectionScene], Optional[sc.Step], Optional[sc.Exchange], Set[str]]:
    """(connection, step, exchange, kinds so far) the picture of ``frame`` draws: a fallback keeps the failed
    attempt in view; a what-if works on the last real exchange."""
    conn = frame.conn
    step = conn.step(frame.serial) if conn is not None else None
    if conn is None or step is None:
        return conn, step, None, set()
    ex = current_exchange(conn, step)
    kinds = kinds_so_far(conn, step)
    if step.kind == sc.FALLBACK and ex is not None:  # keep the failed attempt in view during the switch
        prev = conn.step(step.serial - 1)
        kinds = kinds_so_far(conn, prev) if prev is not None else kinds
    if frame.walls.any and ex is None:  # what-if works on the last real exchange
        exchanges = conn.exchanges()
        ex = exchanges[-1] if exchanges else None
        kinds = {sc.REQUEST, sc.REPLY, sc.TRANSFER, sc.DIAL}
    return conn, step, ex, kinds


def frame_text(frame) -> str:
    """The narration the picture of ``frame`` ends with ("" when it shows none)."""
    conn, step, ex, _kinds = shown(frame)
    if conn is None or step is None or (conn.client is None and step.dial is None):
        return ""
    if step.dial is not None:
        return cd.narrate(step)
    if frame.walls.any and ex is not None:
        return nr.whatif(ex, frame.walls, conn.server[1] if conn.server else 21)
    return nr.narrate(conn, step)


def frame_words(frame) -> Tuple[str, Tuple[str, ...]]:
    """(narration, decoded lines): the words under the boxes in the picture of ``frame`` (at most 5 decoded
    lines, as ``datalane`` draws them): how tall its canvas must be (``readable.fitted``, note 444)."""
    text = frame_text(frame)
    _conn, step, ex, kinds = shown(frame)
    if not text or ex is None or step is None or step.dial is not None:
        return text, ()
    lines: List[str] = nr.decode(ex, kinds)[:5]
    return text, tuple(lines)
