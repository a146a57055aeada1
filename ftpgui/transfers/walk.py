"""Bounds on the folders the queue lists in one go: a server whose folders never end (or lead back into
each other) cannot make the queue list folders for hours.

The queue's folder items are listed one by one on its connections; this tally, kept on the GUI thread, sees
each listed folder's entries before they join the queue. It starts afresh whenever the queue is idle. What
a bound stops is a failure the person sees in the Failed tab — a folder deeper than ``MAX_DEPTH`` levels, past
``MAX_FOLDERS`` folders, a download's listing past ``MAX_ENTRIES`` entries — never a silent skip: the transfer
is not complete (as ``ftpgui-cli``, which exits 1 for them). Only a folder met before (its MLSD ``unique``) is
left out, as a loop: a skipped item that says so (as ``get -r``'s "skipped" line; it was left out without a word).
"""

from __future__ import annotations

from typing import List, Optional, Set, Tuple

from ..explain import QT_TRANSLATE_NOOP
from ..ftp.localpath import MAX_DEPTH, MAX_ENTRIES, MAX_FOLDERS, MET_BEFORE
from .items import DOWNLOAD, FAILED, QUEUED, SKIPPED, Outcome, TransferItem

TOO_MANY_FOLDERS = QT_TRANSLATE_NOOP("QueueModel", "too many folders in one transfer; not listed")
TOO_DEEP = QT_TRANSLATE_NOOP("QueueModel", "too many folder levels in one transfer; not listed")
TOO_MANY_ENTRIES = QT_TRANSLATE_NOOP("QueueModel", "too many entries in one transfer; not listed")


class WalkBounds:
    """The folders and entries listed since the queue was last idle, and the MLSD ``unique`` facts met."""

    def __init__(
        self, max_folders: int = MAX_FOLDERS, max_entries: int = MAX_ENTRIES, max_depth: int = MAX_DEPTH
    ) -> None:
        self.max_folders = max_folders
        self.max_entries = max_entries  # (a download's: the server's tree; a local one is the person's own)
        self.max_depth = max_depth
        self.folders = 0
        self.entries = 0
        self._uniques: Set[str] = set()
        self._walked: Set[Tuple[str, str]] = set()  # (server, remote path) of the folders a listing admitted

    def reset(self) -> None:
        self.folders = 0
        self.entries = 0
        self._uniques.clear()
        self._walked.clear()

    def starts(self, item: TransferItem) -> bool:
        """Whether the download folder ``item`` starts a walk: chosen, or one from deeper down tried again on its
        own after the queue was idle — no listing of this walk admitted it, so its ``unique`` is not among those
        met, and a link back to it would be followed once (design note 238)."""
        return item.depth == 0 or (item.server, item.remote) not in self._walked

    def admit(self, out: Outcome, server: str = "") -> Optional[List[TransferItem]]:
        """``out``'s children as they may join the queue: a folder met before (the listed folder's own ``unique``,
        where ``out`` has it, counts as met) joins as skipped, unlisted; one deeper than ``max_depth`` levels, or
        a download's past ``max_folders``, joins as failed, unlisted. None:
        the listing would pass ``max_entries`` — the folder itself fails, none of it joins (its Retry lists it
        whole, once the queue has been idle)."""
        children = out.children
        if children and children[0].direction == DOWNLOAD:
            listed = len(children) + len(out.skipped)
            if self.entries + listed > self.max_entries:
                return None
            self.entries += listed
        own = out.uniques.get(out.remote)  # (the folder a download started at: ``expand_remote``)
        if own:
            self._uniques.add(own)
        for child in children:
            if not child.is_dir or child.state != QUEUED:  # (one that failed or was skipped as listed is not walked)
                continue
            if child.depth > self.max_depth:
                child.state, child.error = FAILED, TOO_DEEP
            elif child.direction == DOWNLOAD:
                unique = out.uniques.get(child.remote)
                if unique and unique in self._uniques:
                    child.state, child.error = SKIPPED, MET_BEFORE
                elif self.folders >= self.max_folders:
                    child.state, child.error = FAILED, TOO_MANY_FOLDERS
                else:
                    self.folders += 1
                    self._walked.add((server, child.remote))
                    if unique:
                        self._uniques.add(unique)
        return children
