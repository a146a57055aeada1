"""The words of the queue's totals: the queue panel's footer and the status bar's, the same words in both ("2
transferring, 10 queued, 1 folder not yet counted, at least 12.0 MiB left, 1.5 MiB/s"; "12 queued, 1.0 GiB left").

A folder not listed yet is said as a folder, never counted as a file, and a server's link queued on its own as a
link until its job finds a file or a folder there (design note 402): its files and bytes come when it is
walked, and until then the bytes left are a least (as FileZilla's "Queue: >12 MiB"). Files moving now are
"transferring", not "queued". The rate is the total of the rows' rates as they show them
(``QueueModel.total_rate``): one transfer, the same figure as its row (design note 379).
"""

from __future__ import annotations

import dataclasses
from types import SimpleNamespace
from typing import Any, List

from PySide6.QtCore import QCoreApplication

from ..transfers.cellwords import human_size

translate = QCoreApplication.translate  # lupdate reads the literal translate("QueueView", …) calls


def _counted(n: int, one: str, many: str) -> str:
    """``one`` or ``many`` (each its own sentence: languages say "1 file" and "2 files" differently)."""
    return (one if n == 1 else many).format(n=n)


def rate_text(rate: float) -> str:
    """A rate as the Rate column says it (the column adds "/s" to ``human_size`` of it, unrounded)."""
    return translate("QueueView", "{rate}/s").format(rate=human_size(rate))


def _tail(totals: Any, parts: List[str]) -> str:
    """``parts``, then the folders not yet counted, the bytes left and the rate, joined."""
    folders = getattr(totals, "folders", 0)
    if folders:
        parts.append(
            _counted(
                folders,
                translate("QueueView", "1 folder not yet counted"),
                translate("QueueView", "{n} folders not yet counted"),
            )
        )
    links = getattr(totals, "links", 0)  # (a server's link queued alone: a file or a folder, not known yet)
    if links:
        parts.append(
            _counted(
                links,
                translate("QueueView", "1 link not yet followed"),
                translate("QueueView", "{n} links not yet followed"),
            )
        )
    left = human_size(getattr(totals, "bytes_left", 0))
    if folders or links or getattr(totals, "unsized", 0):  # (a folder's files, a link's, a file's size: not known)
        if getattr(totals, "bytes_left", 0):
            parts.append(translate("QueueView", "at least {left} left").format(left=left))
    else:
        parts.append(translate("QueueView", "{left} left").format(left=left))
    rate = getattr(totals, "rate", 0.0)
    if rate:
        parts.append(rate_text(rate))
    return translate("QueueView", ", ").join(parts)


def footer_text(totals: Any) -> str:
    """The queue panel's footer for ``totals`` (``QueueTotals``): the status bar's words (``status_text``), so the
    footer, the status bar and the Quit question say the same moment alike — "2 transferring, 1 queued, …" (the
    footer said "2 transferring, 1 waiting" and "3 files waiting": design note 437); "0 queued, 0 B left" when
    the Queued tab is empty."""
    return status_text(totals) or _tail(totals, [translate("QueueView", "{n} queued").format(n=0)])


def status_text(totals: Any) -> str:
    """The status bar's words for ``totals``: empty when the Queued tab has neither files nor folders. Files
    moving now are "transferring", as the footer says them; "queued" counts the files waiting (it counted the
    moving ones too: design note 394)."""
    files, folders = getattr(totals, "queued", 0), getattr(totals, "folders", 0)
    if not files and not folders and not getattr(totals, "links", 0):
        return ""
    active = min(getattr(totals, "active", 0), files)
    parts = []
    if active:
        parts.append(
            _counted(active, translate("QueueView", "1 transferring"), translate("QueueView", "{n} transferring"))
        )
    if files > active:
        parts.append(translate("QueueView", "{n} queued").format(n=files - active))
    return _tail(totals, parts)


def with_rate(totals: Any, rate: float) -> Any:
    """``totals`` with the total rate ``rate`` (the rows' rates shown at an update between two totals)."""
    if dataclasses.is_dataclass(totals) and not isinstance(totals, type):
        return dataclasses.replace(totals, rate=rate)
    return SimpleNamespace(**{**vars(totals), "rate": rate})
