"""Which item of the queue holds a download's temporary file (``NAME.ftpgui-part``): one writer per part.

A download paused (or cancelled, or failed) part way keeps its temporary file for its Resume or Retry. Another
item with the same local target — the same name queued from another server, or the same file queued twice — was
handed out as soon as the first's job had ended: it made its temporary file afresh, so the first's bytes went,
and the second's file took the name; the first's Resume then found "its" file complete by its size and said it
Done, the other server's bytes stamped with its server's time (found by QA, design note 462). Now the part is
the first's while it holds it (``holds_part``): a later item for that target waits, said in its State, until
the holder is finished — then it finds the file and asks, as the queue's "one writer per file" says — or is
removed (its part with it), cancelled, or failed for good. A file queued again that took the holder's record
of its part (``parts.take_records``: the same server's same file) continues it instead, and holds it from then
on.

An item that waits for a paused holder is no work the queue can do by itself: the queue is idle with it
(``waits_for_writer``, design note 478). Here too: what the files being downloaded still need on the disk
(``downloads_under_way``, for a download's free-space check).

The map is kept lazily: an item becomes a holder when its job is handed out, when a try of it ends with its
part kept, and when a saved queue is read; an entry whose item has gone, finished or holds nothing any more is
dropped when it is next looked at. No disk here: the queue's (the window's) thread.
"""

from __future__ import annotations

import os
from typing import Any, Callable, Dict, Hashable, Iterable, Optional, Set, Tuple

from PySide6.QtCore import QT_TRANSLATE_NOOP

from .items import ACTIVE, DOWNLOAD, GROUP_QUEUED, QUEUED, TransferItem

# the State of a download that waits for the item holding its target's temporary file (``QueueModel``'s words)
PART_HELD = QT_TRANSLATE_NOOP(
    "QueueModel",
    "waiting for another item of the queue, which holds this file's unfinished download; it goes on once that one "
    "is finished or removed",
)


def holds_part(item: TransferItem) -> bool:
    """Whether ``item`` is a download whose temporary file is its own to continue: it has begun (bytes came, or
    its try noted the file) and is in the Queued tab — queued, running, asked about, to be tried again, or
    paused. One cancelled or failed holds none: the person stopped it, or its tries are over; a later item may
    write the name (then its Retry finds that file, and asks: design note 463)."""
    return (
        item.direction == DOWNLOAD
        and not item.is_dir
        and (item.started or item.part_left is not None)
        and item.group == GROUP_QUEUED
    )


def download_target(local: str) -> Tuple[str, str]:
    """A download's target as ``TransferQueue._target`` names it: its local path, case folded (``Big.bin`` is
    ``big.bin`` on Windows and macOS)."""
    return ("", os.path.normpath(local).casefold())


class PartOwners:
    """Target (``TransferQueue._target``) → the id of the item that holds its temporary file. The queue's
    ``find`` (an item by id), ``running`` (whether an item's job is out) and ``target_of`` (``_target``)."""

    def __init__(
        self,
        find: Callable[[str], Optional[TransferItem]],
        running: Callable[[str], bool],
        target_of: Callable[[TransferItem], Hashable],
    ) -> None:
        self._find, self._running, self._target_of = find, running, target_of
        self._of: Dict[Hashable, str] = {}
        self._at: Dict[str, Hashable] = {}  # the other way round
        # the targets whose temporary file a removed item's ``clear_part`` is removing (off this thread): no other
        # item makes one there meanwhile — the removal would take the new file
        self.clearing: Set[Hashable] = set()

    def __bool__(self) -> bool:
        return bool(self._of) or bool(self.clearing)

    def hold(self, item: TransferItem, target: Hashable) -> None:
        """``item`` writes ``target``'s temporary file from now on (its job is handed out)."""
        self.release(item.id)
        self._of[target], self._at[item.id] = item.id, target

    def release(self, item_id: str) -> None:
        """``item_id``'s job has ended (or it is gone): it holds nothing until ``kept`` says it does."""
        target = self._at.pop(item_id, None)
        if target is not None and self._of.get(target) == item_id:
            del self._of[target]

    def kept(self, item: TransferItem, target: Hashable) -> None:
        """A try of ``item`` ended: it holds ``target``'s temporary file if it kept one."""
        if holds_part(item):
            self.hold(item, target)
        else:
            self.release(item.id)

    def load(self, items: Iterable[TransferItem]) -> None:
        """A saved queue's holders (the first in the queue's order, where two hold one target)."""
        for item in items:
            if holds_part(item):
                place = self._target_of(item)
                if place not in self._of:
                    self._of[place], self._at[item.id] = item.id, place

    def owner(self, item: TransferItem, target: Hashable) -> Optional[TransferItem]:
        """The other item that holds ``target``'s temporary file, or None. An entry whose item is gone, finished,
        holds no part any more or writes another target now is dropped."""
        owner_id = self._of.get(target)
        if owner_id is None or owner_id == item.id:
            return None
        owner = self._find(owner_id)
        if owner is None or not (self._running(owner_id) or holds_part(owner)) or self._target_of(owner) != target:
            self.release(owner_id)
            return None
        return owner

    def holder(self, item: TransferItem, target: Hashable) -> Optional[TransferItem]:
        """The other item that holds ``target``'s temporary file, for which ``item`` must wait before it is handed
        out, or None: the ``owner``, unless ``item`` took its record of the part (the same server's same file
        queued again) and it is not running — ``item`` then continues that very file and takes it over as it is
        handed out (``hold``). Only for handing out: the owner still holds the part until then (a removed item's
        part it holds is not removed, ``Outcomes._clear_part``)."""
        owner = self.owner(item, target)
        if owner is not None and item.part_left is not None and item.part_left == owner.part_left:
            if not self._running(owner.id):
                return None  # (``take_records``: it continues that very file; ``hold`` makes it the holder)
        return owner


# what an item waits for before it may be handed out (``waits_for_writer``)
WRITER = "writer"  # another item's job writing its target, or a removed item's temporary file being removed
HOLDER = "holder"  # a download not running that holds its temporary file: for as long as the person leaves it so


def waits_for_writer(queue: Any, item: TransferItem) -> Optional[str]:
    """What ``item`` waits for before ``queue`` (``TransferQueue``) may hand it out, or None: ``WRITER`` — another
    item's job writes its target now (the same file queued twice, or the running holder of its temporary file),
    or a removed item's temporary file is being removed (``PartOwners.clearing``): it goes on as that ends;
    ``HOLDER`` — a download that is not running holds its temporary file (paused, asked about, waiting for a
    connection or a retry): it goes on once that one is finished, removed, cancelled or failed for good, and
    until then it is no work the queue can do by itself (``_check_idle``, ``_dispatch``'s servers with work:
    design note 478). Its State says it waits for that holder (``PART_HELD``) while one is there, and no longer
    once it is gone — the item may still wait for a connection, or for a removal (design note 479)."""
    target = queue._target(item)
    if target in queue._writing:
        return WRITER  # (its State as it was: the holder resumed writes it now, or it never waited for one)
    owners: PartOwners = queue._owners
    held = item.direction == DOWNLOAD and bool(owners._of) and owners.holder(item, target) is not None
    if held != (item.error == PART_HELD):
        item.error, item.error_words = (PART_HELD if held else ""), None
        queue.model.touch(item.id)
    if target in owners.clearing:
        return WRITER
    return HOLDER if held else None


def downloads_under_way(queue: Any) -> Tuple[Tuple[str, int], ...]:
    """(file, bytes still to write) of the files ``queue`` (``TransferQueue``) is downloading now, of known size: a
    download handed out checks its free space against what these still need on its file system
    (``JobContext.others``). The transfer processes are separate: only here is every one of them known. Only
    those still going: one paused, cancelled or removed keeps its connection until its job has stopped, and
    counted for bytes it will not write (design note 466)."""
    out = []
    for item_id, slot in queue._assigned.items():
        item = queue.model.item(item_id)
        if item is None or item.state not in (QUEUED, ACTIVE) or item.direction != DOWNLOAD or item.is_dir:
            continue
        if type(item.size) is int and not any(j.item_id == item_id and j.stop_reason for j in slot.jobs.values()):
            out.append((item.local, max(0, item.size - item.done)))  # (not a listing's blocks)
    return tuple(out)
