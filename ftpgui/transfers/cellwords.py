"""The words the queue's cells say (``QueueModel``): the states' names and an active transfer's moments, an
item's reason said in the person's language, and sizes, durations and times as people read them.

Split from ``model.py`` (which re-exports them), no change of words; translated in the "QueueModel" context.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Dict, Iterable, List, Optional, Tuple

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from ..ftp.errors import BROKE_WITH_REPLY, SERVER_FAILED
from ..ftp.safetext import dated, shown, shown_lines
from ..words import Words
from .items import (
    ACTIVE,
    CANCELLED,
    DONE,
    FAILED,
    GROUP_OF,
    GROUP_QUEUED,
    PAUSED,
    QUEUED,
    RETRYING,
    SKIPPED,
    WAITING,
    TransferItem,
)

SAID_MAX = 4096  # reasons said and kept (``reason``; emptied whole when full)

translate = QCoreApplication.translate  # lupdate reads the literal translate("QueueModel", …) calls


def tr(text: str) -> str:
    """``text``, marked with ``QT_TRANSLATE_NOOP("QueueModel", …)`` where it is defined, in the person's language."""
    return translate("QueueModel", text)


def reason(item: TransferItem) -> str:
    """Why ``item`` is as it is, for the person: its failure's words said in the person's language (``said``),
    else its ``error`` — a note of the queue's (a skip from jobs.py, a template here: translated) or the text of
    an older queue, as it is."""
    text = said(item)
    if text is None:
        text = tr(item.error)
        if item.listing_line:  # (the line comes with the words that say it: UNREAD_LINE)
            text = text.format(line=item.listing_line)
    return shown_lines(text)  # (a server's reply in it: its ESC, CR or bidi mark as an escape)


def why(item: TransferItem) -> str:
    """``reason`` as the State column says it, short: a transfer the server ended with its own reply — a quota
    or a full disk (552, 452, 451), proftpd's MaxStoreFileSize — by that reply, its words the why; the sentence
    around it ("The data connection broke: Connection reset by peer (server: 552 …)", which a narrow column
    cut before the reply) stays in the tooltip."""
    kept = item.error_words
    if kept and len(kept) == 3 and kept[1] in (SERVER_FAILED, BROKE_WITH_REPLY) and said(item) is not None:
        values = kept[2]  # (said: ftpgui's words, and this item's failure now)
        reply = values.get("reply") if kept[1] == BROKE_WITH_REPLY else f"{values.get('code')} {values.get('text')}"
        if isinstance(reply, str) and reply[:1] in ("4", "5"):
            return shown(reply)
    return reason(item)


_SAID: Dict[int, Tuple[list, str, Optional[str]]] = {}  # id(error_words) → (them, error, said): said once


def said(item: TransferItem) -> Optional[str]:
    """``item``'s failure as its words say it in the person's language (``outcomes.keep_error``), or None:
    it has none, or they are not ftpgui's (``Words.from_json``), or its ``error`` says something else now (a
    reason replaced since: never said stale)."""
    kept = item.error_words
    if not kept:
        return None
    known = _SAID.get(id(kept))  # (read back and said once: each repaint asks again)
    if known is None or known[0] is not kept or known[1] != item.error:
        words = Words.from_json(kept)
        text = words.text() if words is not None and words.english() == item.error else None
        if len(_SAID) >= SAID_MAX:
            _SAID.clear()
        known = _SAID[id(kept)] = (kept, item.error, text)
    return known[2]


STATE_NAMES = {
    QUEUED: QT_TRANSLATE_NOOP("QueueModel", "Queued"),
    ACTIVE: QT_TRANSLATE_NOOP("QueueModel", "Active"),
    WAITING: QT_TRANSLATE_NOOP("QueueModel", "Waiting"),
    RETRYING: QT_TRANSLATE_NOOP("QueueModel", "Retrying"),
    PAUSED: QT_TRANSLATE_NOOP("QueueModel", "Paused"),
    FAILED: QT_TRANSLATE_NOOP("QueueModel", "Failed"),
    CANCELLED: QT_TRANSLATE_NOOP("QueueModel", "Cancelled"),
    DONE: QT_TRANSLATE_NOOP("QueueModel", "Done"),
    SKIPPED: QT_TRANSLATE_NOOP("QueueModel", "Skipped"),
}
# an active item's moments the State column names (short: the column's width at 1366×768 — "Waiting for the
# server's reply" read "Waiting fo…er's reply", design note 278), and the sentence its tooltip says them in
HELD, FINISHING = "held", "finishing"
MOMENTS = {
    HELD: (  # ftpgui waits, not the server: ``throttle``
        QT_TRANSLATE_NOOP("QueueModel", "Speed limited"),
        QT_TRANSLATE_NOOP("QueueModel", "ftpgui holds this transfer back to keep to the speed limit."),
    ),
    FINISHING: (  # every byte delivered (an upload: acknowledged): the server's word that it has the file is next
        QT_TRANSLATE_NOOP("QueueModel", "Awaiting reply"),
        QT_TRANSLATE_NOOP("QueueModel", "Every byte has been transferred; waiting for the server's reply."),
    ),
}


def state_words(group: str) -> List[str]:
    """The words the State column of the ``group`` tab says alone, in the person's language: its states' names,
    and in the queued tab the moments of a transfer (its column keeps room for each: ``queue_columns``)."""
    words = [tr(name) for state, name in STATE_NAMES.items() if GROUP_OF.get(state) == group]
    return words + [tr(short) for short, _ in MOMENTS.values()] if group == GROUP_QUEUED else words


def human_size(n: Optional[float]) -> str:
    if n is None:
        return ""
    value = float(n)
    for unit in ("B", "KiB", "MiB", "GiB", "TiB"):
        if value < 1024 or unit == "TiB":
            return f"{int(value)} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    return ""


def shown_value(n: float) -> float:
    """The bytes ``human_size(n)`` stands for: "1.0 KiB" for 1075.2 stands for 1024, "500 B" for 500.9 for 500."""
    value, scale = float(n), 1
    for unit in ("B", "KiB", "MiB", "GiB", "TiB"):
        if value < 1024 or unit == "TiB":
            return float(int(value) if unit == "B" else float(f"{value:.1f}")) * scale
        value /= 1024
        scale *= 1024
    return 0.0


def total_rate(rates: Iterable[float]) -> float:
    """The rates of the rows added up as the rows say them (design note 379): one row's own rate, so the total
    reads as that row does; several, the sum of the figures the rows show ("1.0 KiB/s" twice is "2.0 KiB/s",
    not the "2.1" of their 1.04 each) — a total never contradicts the rows it adds up."""
    rates = [r for r in rates if r]
    if len(rates) == 1:
        return rates[0]
    return sum(shown_value(r) for r in rates)


def local_time(stamp: float, fmt: str) -> str:
    """``stamp`` (POSIX seconds) as this computer's local time in ``fmt``. A server's time that is no local time
    here — its 9999-12-31 23:59 UTC is year 10000 east of Greenwich, its 0001-01-01 year 0 west of it — is said
    in UTC, and so marked."""
    try:
        return dated(datetime.fromtimestamp(stamp), fmt)
    except (OverflowError, OSError, ValueError):
        pass
    try:
        return dated(datetime.fromtimestamp(stamp, timezone.utc), fmt) + " UTC"
    except (OverflowError, OSError, ValueError):
        return "?"


def human_duration(seconds: Optional[float]) -> str:
    if seconds is None:
        return ""
    s = int(seconds + 0.5)
    h, rem = divmod(s, 3600)
    m, s = divmod(rem, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"
