"""Progress of the transfer connections: each item's bytes and rate, and the totals for the status bar.

Mixed into :class:`~ftpgui.transfers.queue.TransferQueue` (its ``totalsChanged`` signal lives there). A
connection's events arrive in batches (``outcomes.py`` hands them here one by one); an ``ItemStarted`` marker
says which item the events after it belong to (see ``items.ItemStarted``) and is not passed on.
"""

from __future__ import annotations

import collections
import functools
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Deque, Dict, Set, Tuple

from ..ftp.causes import LEARNT
from ..ratewindow import RATE_WINDOW, windowed_rate
from .items import ACTIVE, DOWNLOAD, GROUP_QUEUED, ItemStarted, PartNoted, TransferItem
from .throttle import SpeedHeld

if TYPE_CHECKING:
    from ..ftp.events import TransferProgress
    from .pool import Slot

# the row's rate (and the status bar's total): ``ratewindow.windowed_rate`` over ``RATE_WINDOW``, as the mode
# panel's and the CLI's, said only once a whole window is measured. It was over 1 to 3 s from the first report,
# and said from 1 s: one transfer read 363.4 KiB/s in the queue and 255.5 in the panel (design note 369).
TOTALS_INTERVAL_MS = 200  # the status bar's totals, at most this often
FILE, FOLDER, LINK = "file", "folder", "link"  # what an item is known to be (``Progress.kind``)


@functools.cache
def _event_kinds() -> Tuple[type, type]:
    """(ModeFallback, TransferProgress), imported once: an import statement run for each event cost the GUI thread
    a call into PySide's ``__import__`` hook each time."""
    from ..ftp.events import ModeFallback, TransferProgress

    return ModeFallback, TransferProgress


@dataclass(frozen=True)
class QueueTotals:
    """For the queue's footer and the status bar: the Queued tab's files (waiting or moving) and folders not yet
    listed, the bytes still to move of the files of known size, and the total rate."""

    queued: int  # files (never a folder: design note 379)
    bytes_left: int
    rate: float  # the rows' rates as they show them, added up (``QueueModel.total_rate``)
    active: int  # of the files, those moving now
    # folders whose contents are not listed yet (a download's, an upload's subfolder, a local folder queued
    # for upload): neither their files nor their bytes are counted yet
    folders: int = 0
    unsized: int = 0  # of the files, those whose size is not known yet (not in ``bytes_left``: it is a least)
    # a server's links chosen on their own whose job has not yet found what they lead to: a file or a folder (they
    # were counted as files: design note 402)
    links: int = 0


class Progress:
    """Progress and totals for ``TransferQueue`` (a mixin; it uses the queue's ``_set_state``, ``_save_soon``,
    ``_logged_in``, ``_open_ahead`` and ``_fell_back``)."""

    model: Any
    totalsChanged: Any
    _assigned: Dict[str, Slot]
    _pools: Dict[str, Any]
    _samples: Dict[str, Deque[Tuple[float, int]]]
    _held: Dict[int, str]  # the item each connection's speed limit holds back, by the connection's id
    _totals_timer: Any
    _folder_uploads: Set[str]  # uploads of a path the local pane listed, or the disk said, is a folder (``queue``)
    _link_kinds: Dict[str, bool]  # a server's link downloaded on its own: whether its job found a folder (``queue``)

    def _take_event(self, slot: Slot, ev: object) -> bool:
        """Note what ``ev`` (from ``slot``'s connection) says about its item; True when it is passed on
        (every engine event; not the ``ItemStarted`` and ``PartNoted`` markers)."""
        ModeFallback, TransferProgress = _event_kinds()  # (not with the first window: design note 229)
        held = self._held.pop(id(slot), None)  # (any event after the hold: it is over)
        if held is not None:
            self.model.set_held(held, False)
        if ev.__class__ is SpeedHeld:
            item = self.model.item(slot.running) if slot.running is not None else None
            if item is not None and self._assigned.get(item.id) is slot:
                self._held[id(slot)] = item.id
                self.model.set_held(item.id, True)
                self.model.set_rate(item.id, ev.rate)  # type: ignore[attr-defined]
            return False
        if ev.__class__ is ItemStarted:
            slot.running = ev.item_id  # type: ignore[attr-defined]
            self._logged_in(slot)
            item = self.model.item(slot.running)
            if item is not None and self._assigned.get(item.id) is slot:
                self._samples.pop(item.id, None)
                if item.is_dir is None and item.direction == DOWNLOAD:  # (a link: its job found what it leads to)
                    self._link_kinds[item.id] = bool(ev.folder)  # type: ignore[attr-defined]
                self._set_state(item, ACTIVE)
                if ev.folder and slot.key in self._pools:  # type: ignore[attr-defined]
                    self._open_ahead(self._pools[slot.key])  # (a folder's contents come next: log in now)
            return False
        if ev.__class__ is PartNoted:  # (kept for the item's next try, and saved: the app may be killed)
            item = self.model.item(ev.item_id)  # type: ignore[attr-defined]
            if item is not None:
                item.part_left = ev.left  # type: ignore[attr-defined]
                self._save_soon(promptly=True)  # (a kill before the save: the next start from the first byte)
            return False
        if ev.__class__ is ModeFallback and ev.cause != LEARNT:  # type: ignore[attr-defined]
            self._fell_back(slot)
        if isinstance(ev, TransferProgress) and slot.running is not None:
            item = self.model.item(slot.running)
            if item is not None and self._assigned.get(item.id) is slot:
                self._progress(item, ev)  # type: ignore[arg-type]
        return True

    def _progress(self, item: TransferItem, ev: TransferProgress) -> None:
        item.done = ev.done
        if ev.total is not None:
            item.size = ev.total
        if not item.started and not item.is_dir:
            item.started = True
            self._save_soon()
        samples = self._samples.setdefault(item.id, collections.deque())
        measured = windowed_rate(samples, ev.at, ev.done, RATE_WINDOW)
        if measured is not None and measured[1]:
            self.model.set_rate(item.id, measured[1])
        else:
            self.model.touch(item.id)
        if not self._totals_timer.isActive():
            self._totals_timer.start()

    def kind(self, item: TransferItem) -> str:
        """What ``item`` is known to be: ``FILE``, ``FOLDER`` — a download's or an upload's subfolder not listed yet
        (it would have made way for its entries), a local folder queued for upload, known from the local pane's
        listing or the disk (``TransferQueue.upload``): it counted as a file of unknown size until its walk (design
        note 379) — or ``LINK``: a server's link downloaded on its own, until its job finds a folder or a file there
        (``jobs.download_link``; it counted as a file, a link to a folder too, until it was walked: note 402)."""
        if item.is_dir is not None:
            return FOLDER if item.is_dir else FILE
        if item.direction == DOWNLOAD:
            known = self._link_kinds.get(item.id)
            return LINK if known is None else FOLDER if known else FILE
        return FOLDER if item.id in self._folder_uploads else FILE

    def is_file(self, item: TransferItem) -> bool:
        return self.kind(item) == FILE

    def totals(self) -> QueueTotals:
        queued = active = left = folders = unsized = links = 0
        for _row, item in self.model.rows_from(0):
            if item.group != GROUP_QUEUED:
                continue
            kind = FILE if item.is_dir is False else self.kind(item)  # (most are files: the plain test first)
            if kind != FILE:
                folders += kind == FOLDER
                links += kind == LINK
                continue
            queued += 1
            if item.state == ACTIVE:
                active += 1
            if item.size is None:
                unsized += 1
            else:
                left += max(0, item.size - item.done)
        return QueueTotals(queued, left, self.model.total_rate(), active, folders, unsized, links)

    def _emit_totals(self) -> None:
        """The totals' timer: the totals now — or, when rows or rates wait for the model's update, just after
        it, so that the footer's and the status bar's rate is the one the rows show from then on (design note
        379). (Flushing the model here instead repainted the rows between its own 10 Hz updates.)"""
        wait = self.model.pending_ms()
        if wait >= 0:
            self._totals_timer.start(wait + 1)
            return
        self._send_totals()

    def _send_totals(self) -> None:
        """The totals now (at idle: the model's rows and tabs brought up to date first, then the totals)."""
        self.model.flush()
        # no more often than the rows update: the view brings its tabs up to date with the totals
        self._totals_timer.setInterval(max(TOTALS_INTERVAL_MS, self.model.update_interval))
        self.totalsChanged.emit(self.totals())
