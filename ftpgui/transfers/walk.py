"""Bounds on the folders the queue lists in one go: a server whose folders never end (or lead back into
each other) cannot make the queue list folders for hours.

The queue's folder items are listed one by one on its connections; this tally, kept on the GUI thread, sees
each listed folder's subfolders before they join the queue. It starts afresh whenever the queue is idle.
"""

from __future__ import annotations

from typing import List, Set

from ..explain import QT_TRANSLATE_NOOP
from ..ftp.localpath import MAX_FOLDERS
from .items import DOWNLOAD, FAILED, Outcome, TransferItem

TOO_MANY_FOLDERS = QT_TRANSLATE_NOOP("QueueModel", "too many folders in one transfer; not listed")
SEEN_BEFORE = "the same folder as one met before (MLSD unique); not followed"


class WalkBounds:
    """The folders listed since the queue was last idle, and the MLSD ``unique`` facts met."""

    def __init__(self, max_folders: int = MAX_FOLDERS) -> None:
        self.max_folders = max_folders
        self.folders = 0
        self._uniques: Set[str] = set()

    def reset(self) -> None:
        self.folders = 0
        self._uniques.clear()

    def admit(self, out: Outcome) -> List[TransferItem]:
        """``out``'s children as they may join the queue: a folder met before is left out (and reported in
        ``out.skipped``); past ``max_folders`` a folder joins as failed, unlisted."""
        kept = []
        for child in out.children:
            if child.is_dir and child.direction == DOWNLOAD:
                unique = out.uniques.get(child.remote)
                if unique and unique in self._uniques:
                    out.skipped.append((child.remote, SEEN_BEFORE))
                    continue
                if self.folders >= self.max_folders:
                    child.state, child.error = FAILED, TOO_MANY_FOLDERS
                else:
                    self.folders += 1
                    if unique:
                        self._uniques.add(unique)
            kept.append(child)
        return kept
