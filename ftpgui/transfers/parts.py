"""What a download taken off the queue leaves behind: its temporary file (``NAME.ftpgui-part``), removed.

Remove on an active download stopped its job and left the file it wrote, silently (a 1 MiB
``slow1.bin.ftpgui-part``, found by QA); so did Remove on a paused or failed one that had begun. The person
asked for the item to go, and the temporary file is the queue's own: it goes too, once the item's job has
ended (its file closed) — by its name in its folder opened from the chosen one without following a link, and
only when it is a regular file. One exception is kept, and said: a download that continued a smaller file the
person had at its name ("Resume") holds that file's bytes under the temporary name (design note 162).
"""

from __future__ import annotations

import os
import stat
from typing import Callable, Iterable, List, Optional, Tuple

from PySide6.QtCore import QT_TRANSLATE_NOOP

from ..ftp import FtpError
from ..ftp.localfs import Folder
from ..ftp.localpath import part_name
from .items import DOWNLOAD, RESUME, TransferItem
from .jobcontext import chosen_folder

REMOVED = QT_TRANSLATE_NOOP("QueueModel", "Removed {path}: the unfinished download of a file taken off the queue.")
KEPT = QT_TRANSLATE_NOOP(
    "QueueModel",
    "Kept {path}, the unfinished download of a file taken off the queue: it continued the file that was at {target} "
    "before (Resume), and holds that file's bytes.",
)
NOT_REMOVED = QT_TRANSLATE_NOOP(
    "QueueModel", "Could not remove {path}, the unfinished download of a file taken off the queue: {reason}"
)


def left_behind(item: TransferItem, target: str, ran: bool) -> Optional[Tuple[str, str, bool]]:
    """(the chosen folder, the download's target, whether to remove its temporary file rather than keep it) for
    a removed ``item`` whose temporary file may be there, or None. ``target``: its job's target (a "Rename"
    gives another name than the item's); ``ran``: a job of it was running (it may have made the file even
    before its first byte came). A download that never began made none: a file of that name is not its own."""
    if item.direction != DOWNLOAD or item.is_dir or not (ran or item.started or item.done):
        return None
    return chosen_folder(item) or os.path.dirname(target), target, item.choice != RESUME


def take_records(
    new: List[TransferItem], items: Iterable[TransferItem], target: Callable[[TransferItem], object]
) -> None:
    """New downloads take the record of the temporary file (``TransferItem.part_left``) an item of the queue
    (``items``) with their ``target`` left — a cancelled or failed one: a file queued again continues it as that
    item's Retry would (design note 101's, under note 203's rule; with no record, from the first byte). Only an
    item of the same server's same file: the record says which file by its size and time alone, and another
    file of that size and time (another folder's, another server's) is other bytes (design note 215)."""
    wanting = [i for i in new if i.direction == DOWNLOAD and not i.is_dir and i.part_left is None]
    if not wanting:
        return

    def whose(item: TransferItem) -> object:
        return target(item), item.server, item.wire_remote

    records = {whose(i): i.part_left for i in items if i.part_left is not None}
    for item in wanting:
        item.part_left = records.get(whose(item))


def clear_part(root: str, target: str, remove: bool) -> Optional[str]:
    """The path of ``target``'s temporary file if a regular file is there (removed with ``remove``), else None.
    Runs off the window's thread (``runner.run_blocking``): a file system may take its time."""
    folder_path, name = os.path.split(target)
    part = part_name(name)
    try:
        folder = Folder.open(root, folder_path)
    except (OSError, FtpError):
        return None  # (its folder is gone, or is no folder now, or a link: nothing of the download's is there)
    with folder:
        there = folder.lstat(part)
        if there is None or not stat.S_ISREG(there.st_mode):
            return None
        if remove:
            folder.unlink(part)
        return folder.join(part)
