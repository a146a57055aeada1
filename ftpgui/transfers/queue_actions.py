"""What a person can do to the transfer queue's items — pause, resume, cancel, retry, remove, move, clear —
each acting on the items its test passes (``applicable`` asks the same tests for the queue panel's buttons).
A part of ``TransferQueue`` (``queue``), kept apart as FileZilla keeps one file per operation."""

from __future__ import annotations

import collections
from typing import List, Set

from ..ftp.localpath import MAX_DEPTH, refused_name
from ..ftp.replies import unsendable
from .items import (
    CANCELLED,
    DOWNLOAD,
    FAILED,
    GROUP_FINISHED,
    GROUP_QUEUED,
    PAUSED,
    QUEUED,
    RETRYING,
    WAITING,
    TransferItem,
)
from .saved import NO_SERVER


class QueueActions:
    """The person's actions on items (mixed into ``TransferQueue``, whose state they use: ``model``,
    ``_assigned``, ``_timers``, ``_questions``, ``_folders``, ``_set_state``, ``_changed``, ``_ask_again``,
    ``_clear_part``)."""

    # (each action acts on the items its test passes; ``applicable`` asks the same tests for the panel)
    def _can_pause(self, item: TransferItem) -> bool:
        return item.id in self._assigned or item.state in (QUEUED, RETRYING, WAITING)

    def _can_cancel(self, item: TransferItem) -> bool:
        return self._can_pause(item) or item.state == PAUSED

    @staticmethod
    def _can_resume(item: TransferItem) -> bool:
        return item.state == PAUSED and item.error != NO_SERVER  # (an item with no server runs nowhere)

    @staticmethod
    def _can_retry(item: TransferItem) -> bool:
        # (not a folder deeper than MAX_DEPTH levels: it fails as often as it is listed, and its entries, one
        # level deeper still, could not be saved; nor the report of a listing's line that could not be read, nor a
        # name no FTP command can carry, nor a download's name no local file may have: each would fail again as it
        # did — or, the last, be written under that name)
        too_deep = item.is_dir and item.depth > MAX_DEPTH
        return (
            item.state in (FAILED, CANCELLED)
            and item.error != NO_SERVER
            and not too_deep
            and not item.listing_line
            and not item.refused
            and unsendable(item.remote) is None
            and not (item.direction == DOWNLOAD and refused_name(item.remote.rstrip("/").rsplit("/", 1)[-1]))
        )

    def pause(self, ids: List[str]) -> None:
        for item in filter(self._can_pause, self._items(ids)):
            if item.id in self._assigned:
                self._stop(item, "pause")
            else:
                self._set_state(item, PAUSED)
        self._changed()

    def resume(self, ids: List[str]) -> None:
        for item in filter(self._can_resume, self._items(ids)):
            self._ask_again(item)
            self._set_state(item, QUEUED)
        self._changed()

    def cancel(self, ids: List[str]) -> None:
        for item in filter(self._can_cancel, self._items(ids)):
            if item.id in self._assigned:
                self._stop(item, "cancel")
            else:
                self._set_state(item, CANCELLED)
        self._changed()

    def retry(self, ids: List[str]) -> None:
        for item in filter(self._can_retry, self._items(ids)):
            item.attempts = 0
            item.error, item.error_words = "", None
            self._remake.add(item.id)  # (its folders below the chosen one, if deleted, are made again)
            self._ask_again(item)
            self._set_state(item, QUEUED)
        self._changed()

    def remove(self, ids: List[str]) -> None:
        gone = []
        for item in self._items(ids):
            if item.id in self._assigned:
                self._stop(item, "remove")  # removed once its job has stopped, its temporary file then
            else:
                gone.append(item.id)
                self._clear_part(item, item.local, ran=False)
            self._forget(item.id)
        self.model.remove(gone)
        self._changed()

    def applicable(self, ids: List[str]) -> Set[str]:
        """Which of pause, resume, cancel, retry, up, down and remove would do something to these items (what
        the methods above act on): the queue panel enables those only."""
        tests = (
            ("pause", self._can_pause),
            ("resume", self._can_resume),
            ("cancel", self._can_cancel),
            ("retry", self._can_retry),
            ("up", self._can_move),
            ("down", self._can_move),
        )
        can: Set[str] = set()
        for item in self._items(ids):
            can.add("remove")
            can.update(name for name, test in tests if test(item))
        return can

    @staticmethod
    def _can_move(item: TransferItem) -> bool:
        return item.group == GROUP_QUEUED

    def move(self, ids: List[str], delta: int) -> None:
        """Move items up (negative) or down in the order they will be taken."""
        order = sorted(ids, key=self.model.row_of, reverse=delta > 0)
        for item_id in order:
            self.model.move(item_id, delta)
        self._changed()

    def clear_finished(self) -> None:
        self.model.remove([i.id for i in self.model.items() if i.group == GROUP_FINISHED])
        self._changed()

    def _items(self, ids: List[str]) -> List[TransferItem]:
        return [it for it in (self.model.item(i) for i in ids) if it is not None]

    def _stop(self, item: TransferItem, reason: str) -> None:
        slot = self._assigned[item.id]
        for job_id, job in slot.jobs.items():
            if job.item_id == item.id:
                job.stop_reason = reason
                slot.conn.cancel(job_id)

    def _forget(self, item_id: str) -> None:
        timer = self._timers.pop(item_id, None)
        if timer is not None:
            timer.stop()
        self._questions = collections.deque(q for q in self._questions if q.item_id != item_id)
        self._folders.discard(item_id)  # (a hinted upload removed before it started)
        self._folder_uploads.discard(item_id)
        self._link_kinds.pop(item_id, None)
        self._remake.discard(item_id)
