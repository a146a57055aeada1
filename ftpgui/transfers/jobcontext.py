"""What every queue job shares: its context (the site's clock offset, the cancel flag, the rules it runs
under) and small helpers — the folder the person chose for an item, the times worth keeping (MDTM's:
``FtpSession.mdtm_or_none``). ``jobs`` runs an item; ``downloadjob`` and ``uploadjob`` hold each direction's work."""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, Optional, Tuple

from ..ftp import Cancelled
from .items import DOWNLOAD, TransferItem

FILTERED = "left out by a filter"  # (Outcome.skipped's reason for what "filter for transfers" hid)


@dataclass(frozen=True)
class JobContext:
    """What a job needs beside the item: the site's clock offset and the cancel flag of its connection."""

    stop: Optional[threading.Event]  # (None until a transfer process binds its own: ItemJob.bind)
    offset_minutes: int = 0
    windows: Optional[bool] = None  # apply Windows' name rules (default: on Windows)
    follow_links: bool = False  # a folder upload sends links to files inside the folder (never out of it)
    ascii: bool = False  # the file goes in TYPE A, line ends converted (decided when the item starts)
    # "filter for transfers": a folder transfer leaves out what these filters hide (ftpgui.filters.FilterSet)
    skip: Optional[Any] = None
    writing: str = ""  # where an upload notes that it begins to write its target (``writing.note``); "": nowhere
    # a download's folder that starts a walk of the queue's (chosen, or tried again on its own once the queue was
    # idle): its own MLSD ``unique`` is asked, so that a link back to it is met before (``WalkBounds.starts``)
    walk_start: bool = False
    # a Retry the person asked for: a download's folders below the chosen one, made by the download itself and
    # since deleted, are made again (``downloadjob.remake_folders``); never the chosen folder itself
    remake: bool = False
    # a download: (file, bytes still to write) of the queue's other downloads under way as it was handed out,
    # each in a transfer process of its own — those on its file system that can still be written count against
    # its free space (``filetransfer._check_space``)
    others: Tuple[Tuple[str, int], ...] = ()


def chosen_folder(item: TransferItem) -> Optional[str]:
    """The folder the person chose for ``item`` (a download's target folder, a folder upload's source), from
    which its local path is opened one folder at a time; None for a single file they chose to upload."""
    levels = item.depth + 1 if item.direction == DOWNLOAD else item.depth
    path = item.local
    for _ in range(levels):
        path = os.path.dirname(path)
    return path if levels else None


def listed_time(entry: Any) -> Optional[float]:
    """A listed entry's time, where it is worth keeping for the downloaded file: MLSD's (exact), or LIST's
    with a time of day (to the minute). LIST's date-only form (a file older than about six months) reads as
    midnight, hours off: None, and the download asks MDTM instead (as it does for a file with no listing)."""
    when = entry.modified
    if when is None or when.tzinfo is None:
        return None
    if not entry.raw_facts and (when.hour, when.minute, when.second) == (0, 0, 0):
        return None
    return server_time(when)


def check_stop(ctx: JobContext) -> None:
    if ctx.stop.is_set():
        raise Cancelled("Cancelled before the transfer started.")


def server_time(dt: Optional[datetime]) -> Optional[float]:
    """A listing's or MDTM's time as POSIX seconds (a time without a zone is taken as UTC)."""
    if dt is None:
        return None
    return (dt if dt.tzinfo else dt.replace(tzinfo=timezone.utc)).timestamp()
