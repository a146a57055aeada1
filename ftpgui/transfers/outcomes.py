"""What comes back from the transfer connections: each job's result or failure, and the next step for its item.

Mixed into :class:`~ftpgui.transfers.queue.TransferQueue`. A connection delivers a batch at a time
(``worker.Connection.deliver``): its events and its jobs' ends, in order. A finished file is marked done, a
listed folder makes way for its entries, "the target exists" becomes a question (``questions.py``), and a
failure is retried with backoff, paused, cancelled or shown, by its cause. The queue's ``_changed`` (save,
dispatch, totals) runs once per batch, not once per file. (What only connections bring — ``wire``, ``pool``,
``procpool`` — is imported where it is read: the first window's queue has none.)
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any, Dict, List, Optional, Set, Tuple

from PySide6.QtCore import QTimer

from .. import ftp
from ..explain import describe_error
from ..ftp import Cancelled, LoginError, UntrustedCertificate
from ..ftp.errors import ResumeThroughLink, SourceChanged, retryable
from ..ftp.localpath import part_name
from .items import (
    CANCELLED,
    DONE,
    DOWNLOAD,
    FAILED,
    OVERWRITE,
    PAUSED,
    QUEUED,
    RETRYING,
    SKIPPED,
    UPLOAD,
    ItemFailed,
    Outcome,
    TransferItem,
    keep_error,
)
from .owners import download_target
from .runner import run_blocking
from .saved import said
from .serving import too_many_connections
from .walk import TOO_MANY_ENTRIES, WalkBounds

if TYPE_CHECKING:
    from ..ftp.events import Event
    from .pool import Job, ServerPool, Slot


@functools.cache
def _wire_names() -> tuple:
    """(JobEnded, needed), imported once, with the first batch (no connection's modules with the first window)."""
    from .wire import JobEnded, needed

    return JobEnded, needed


class Outcomes:
    """Results of the queue's jobs, for ``TransferQueue`` (a mixin: see the module docstring).

    It relies on the queue's ``_changed``, ``_set_state``, ``_exists``, ``_drop``, ``_doubt``, ``_waiting``,
    ``_take_event`` and on the state the queue keeps (below)."""

    model: Any
    walk: WalkBounds
    skipped: List[Tuple[str, str]]
    retry_delays: Tuple[float, ...]
    itemFinished: Any
    itemsFinished: Any
    isSignalConnected: Any
    _one_finished: Any  # QMetaMethod of itemFinished
    _events_passed: Any  # QMetaMethod of eventsArrived
    _finished: List[Tuple[str, str]]  # (direction, remote path) of the files done, folders uploaded, uploads
    # stopped with a part on the server, in this batch
    eventsArrived: Any
    noted: Any
    _assigned: Dict[str, Slot]
    _folder_uploads: Set[str]
    _link_kinds: Dict[str, bool]
    _writes: Dict[str, Tuple[str, str]]
    _writing: Set[Tuple[str, str]]
    _owners: Any  # owners.PartOwners
    _pools: Dict[str, ServerPool]
    _unasked: Set[str]
    _samples: Dict[str, Any]
    _timers: Dict[str, QTimer]
    _shut_down: bool
    _hint: Tuple[int, int]
    _batching: bool
    _batch_changed: bool

    def _on_batch(self, slot: Slot, entries: List[object]) -> None:
        """A connection's events and ended jobs, in the order they happened (``Connection.deliver``)."""
        if self._shut_down:
            return  # saved as it was at shutdown: its items run again next time; the window is going
        JobEnded, needed = _wire_names()
        passed: List[Event] = []
        finished = self._finished = []
        self._batching = True  # _changed once for the batch (when a job ended), not once per file
        try:
            for entry in entries:
                if entry.__class__ is JobEnded:
                    ended: JobEnded = entry  # type: ignore[assignment]
                    if ended.ok:
                        self._on_done(slot, ended.job_id, ended.value)
                    else:
                        self._on_failed(slot, ended.job_id, ended.value)
                elif self._take_event(slot, entry):
                    passed.append(entry)  # type: ignore[arg-type]
        finally:
            self._batching = False
        if slot.retiring and slot.open and not slot.jobs:
            self._drop(slot)  # its server's login or way changed while it ran a job (``_retire``): that job has ended
        if self._batch_changed:
            self._changed()
        # one signal a batch, and none nobody listens to: an emit lets the transfer threads take the GIL, and
        # waiting to get it back cost the GUI thread 0.2 ms a file
        if finished:
            self.itemsFinished.emit(finished)
            if self.isSignalConnected(self._one_finished):
                for direction, remote in finished:
                    self.itemFinished.emit(direction, remote)
        if self.isSignalConnected(self._events_passed):
            slot.conn.keep_events = None  # (someone listens again: every event crosses)
            if passed:
                self.eventsArrived.emit(passed)
        elif slot.conn.keep_events is None:
            slot.conn.keep_events = needed  # nobody shows them: from now on only what the queue reads crosses

    def _release(self, slot: Slot, job_id: int) -> Tuple[Optional[Job], Optional[TransferItem]]:
        """The job has ended: (the job, its item — None when it was removed meanwhile)."""
        job = slot.jobs.pop(job_id, None)
        if job is None:
            return None, None
        if self._assigned.get(job.item_id) is slot:
            del self._assigned[job.item_id]
            self._owners.release(job.item_id)  # (a try that kept its temporary file holds it again: ``kept``)
            target = self._writes.pop(job.item_id, None)
            if target is not None:
                self._writing.discard(target)
        if slot.running == job.item_id:
            slot.running = None
        item = self.model.item(job.item_id)
        if item is not None and item.state == QUEUED:
            self._hint = (-1, 0)  # its job never started: it waits for a connection again
        if item is not None:
            self._samples.pop(item.id, None)
            self.model.set_rate(item.id, None)
            if job.stop_reason == "remove":
                self.model.remove([item.id])
                item = None
        return job, item

    def _on_done(self, slot: Slot, job_id: int, outcome: object) -> None:
        if self._shut_down:
            return  # saved as it was at shutdown: this item runs again next time
        job, item = self._release(slot, job_id)
        if job is None:
            return
        pool = self._pools[slot.key]
        if slot.open and not slot.retiring:  # (a dropped or retiring connection's login may have been replaced)
            pool.proven = True  # a transfer connection logged in with the pool's login
        self._server_answers(slot, pool)
        if item is not None:
            pool.hung.discard(item.id)
        if item is not None and isinstance(outcome, Outcome):
            self._apply(item, outcome)
        self._changed()

    def _apply(self, item: TransferItem, out: Outcome) -> None:
        if out.kind == "exists":
            item.local, item.remote = out.local, out.remote
            if item.direction == DOWNLOAD and item.started:  # its part gone, another's file at its name (note 463):
                item.started, item.part_left, item.done = False, None, 0  # asked as a file that never began
            if out.size is not None:
                item.size = out.size
            self._exists(item, out)
        elif out.kind == "expanded":
            children = self.walk.admit(out, item.server)
            if children is None:  # past the walk's bound on entries: the folder fails, unlisted
                item.error = TOO_MANY_ENTRIES
                self._set_state(item, FAILED)
                return
            for path, why in out.skipped:
                self.skipped.append((path, why))
            for child in out.children:
                child.server = item.server  # a folder's contents belong to the folder's server
                child.batch = item.batch  # and to the request it was queued by
            row = self.model.row_of(item.id)
            self._folder_uploads.discard(item.id)  # (its entries take its place: counted from now on)
            self._link_kinds.pop(item.id, None)
            with self.model.deferred():  # in the tabs at the next update: no repaint for each folder listed
                self.model.remove([item.id])
                self.model.insert(row, children)
            if item.direction == UPLOAD:  # the folder is on the server now: the pane showing its parent relists
                self._finished.append((UPLOAD, item.remote))
        else:
            item.local, item.remote = out.local, out.remote
            if out.size is not None:
                item.size = out.size
            if out.kind == "done":
                item.done = item.size or out.bytes
                item.part_left = None  # (its temporary file is its file now)
            item.error = out.note
            self._set_state(item, DONE if out.kind == "done" else SKIPPED)
            if out.kind == "done":
                self._finished.append((item.direction, item.remote))

    def _on_failed(self, slot: Slot, job_id: int, exc: object) -> None:
        if self._shut_down:
            return
        from ..ftp.procpool import silent  # (here, not at the top: not loaded before the first transfer)

        ending = slot.jobs.get(job_id)
        removed = self.model.item(ending.item_id) if ending is not None and ending.stop_reason == "remove" else None
        job, item = self._release(slot, job_id)
        if job is None:
            return
        reason = job.stop_reason
        cause = exc.cause if isinstance(exc, ItemFailed) else exc
        if item is None:
            if removed is not None:  # taken off the queue while it ran: its job has ended, its file is closed
                self._clear_part(removed, exc.local if isinstance(exc, ItemFailed) else removed.local, ran=True)
            self._changed()
            return
        if item.done > job.start_done:
            item.attempts = 0  # this try moved bytes: the next one resumes from there with all tries again
        if isinstance(exc, ItemFailed):
            item.local, item.remote = exc.local, exc.remote
            if exc.from_zero and item.done <= job.start_done:
                # it may have ended before its STOR went out: the server's file can be the one it was to
                # replace (found in review: a Cancel before STOR made it "started", and Retry appended to the
                # old file, or found it done when the sizes matched) — its retry replaces it from the first
                # byte, never skips it as "not older" (a Newer whose STOR made the file now)
                item.server_size, item.choice = None, OVERWRITE
            else:
                item.server_size = exc.server_size
                if item.direction == UPLOAD and (exc.server_size or exc.wrote):
                    item.started = True
        if item.done > 0 and not item.is_dir:
            item.started = True
        if isinstance(cause, SourceChanged):
            item.started = False  # the server's bytes are no start of the file as it is now: never continued
        if isinstance(cause, ftp.NotAStart):  # (the server's file is another: never continued; Retry asks again)
            item.started, item.server_size, item.choice = False, None, None
        if isinstance(cause, ResumeThroughLink):
            item.choice = None  # (Resume onto a link: its Retry asks again — Overwrite replaces the link, note 372)
        if reason in ("pause", "cancel"):
            # as the person asked, whatever ended the job meanwhile (a failure that came before the cancel took
            # effect was retried, or queued again): the failure's words stay with the item
            if reason == "cancel" or not isinstance(cause, Cancelled):
                keep_error(item, cause)
            self._set_state(item, PAUSED if reason == "pause" else CANCELLED)
        elif isinstance(cause, UntrustedCertificate) or slot.doubted:
            # not trusted by this login's options (trusted "once" in the last run, or changed since): the item
            # waits while the person is asked (``certificates.py``), not counted as a try
            self._doubt(slot, item, cause)
        elif not slot.open:  # its connection was closed under it (shutdown, a new login), or for its server's silence
            pool = self._pools[slot.key]
            if pool.quiet:
                # (with every other: "Not tried", or this try's own words when it too met the server's silence —
                # not when the close ended it: "Cancelled before the transfer started", "Transport endpoint…")
                self._give_up(pool, item, cause if silent(cause) else None)
            else:
                self._set_state(item, QUEUED)
        elif isinstance(cause, LoginError):
            # the password is wrong for this server: forgotten, with the connections that hold it (this one too: a
            # job behind would try it again), and asked again, the prompt saying the server's words. The item
            # waits for the right one, no try counted: a password mistyped in the prompt failed it (design note
            # 351). An anonymous login has no other to wait for: it fails, in words.
            pool = self._pools[slot.key]
            if pool.endpoint == slot.conn.endpoint:
                pool.forget_login(cause)
                self._unasked.add(pool.server.key)
                for other in list(pool.slots):
                    self._drop(other)
            if pool.server.anonymous:
                keep_error(item, cause)
                self._set_state(item, FAILED)
            else:
                self._set_state(item, QUEUED)
        elif too_many_connections(cause) and len(self._pools[slot.key].slots) > 1:
            # the server has enough connections: carry on with fewer, and do not count this as a try
            pool = self._pools[slot.key]
            pool.cap = max(1, len(pool.slots) - 1)
            self._drop(slot)
            self._set_state(item, QUEUED)
        else:
            keep_error(item, cause)
            pool = self._pools[slot.key]
            slot.silence.tried(cause, item.id, again=item.attempts > 0)  # (a file's later tries: only in a row)
            if slot.silence.quiet:  # its second file in a row met a silent server: it tries no more, and closes
                pool.hushed += 1
                self._drop(slot)
            hung = pool.hung_again(item.id, cause, again=item.attempts > 0)  # (its second silent try in a row)
            again = retryable(cause) and item.attempts < len(self.retry_delays)
            if again and pool.quiet:  # (hung or not: it waits again once one of the server's jobs goes through)
                self._give_up(pool, item, cause)
            elif again and not hung:  # (on whichever connection is free: another, while this one is closed)
                delay = self.retry_delays[item.attempts]
                item.attempts += 1
                self._set_state(item, RETRYING)
                self._retry_later(item.id, delay)
            else:
                self._set_state(item, FAILED)
            if pool.quiet:
                self._stop_trying(pool)
        if item.direction == DOWNLOAD and not item.is_dir:
            self._owners.kept(item, self._target(item))  # (its temporary file, kept: no other item writes it)
        if item.direction == UPLOAD and item.started and item.state in (PAUSED, CANCELLED, FAILED):
            # the server keeps what came of it (145 MB of 300): the pane showing its folder relists, as after a
            # finished one (design note 308)
            self._finished.append((UPLOAD, item.remote))
        self._changed()

    def _stop_trying(self, pool: ServerPool) -> None:
        """Each of ``pool``'s connections met a server that said nothing within the timeout, its second file in a
        row (``procpool.Silence``), and each has closed (``ServerPool.quiet``): its server's items that wait fail
        now in words — each would wait the whole timeout in vain, and its retries too (a 1,000-file queue,
        hours). They wait again once one of its jobs goes through (a job still running on a closed connection,
        or one a person tried again: ``_server_answers``)."""
        for item in self._waiting(pool.server.key):
            self._give_up(pool, item)
        for item_id in pool.hung:  # (failed for their own silence, twice, before every connection went quiet)
            item = self.model.item(item_id)
            if item is not None and item.state == FAILED:
                pool.untried.add(item_id)

    def _give_up(self, pool: ServerPool, item: TransferItem, cause: Optional[BaseException] = None) -> None:
        """``item`` fails: every connection to its server has gone quiet (``ServerPool.quiet``). In the words of
        ``cause``, its own try's end; one waiting to be tried again keeps its last failure's; any other was not
        tried. It waits again once one of its server's jobs goes through (``_server_answers``)."""
        if cause is not None:
            keep_error(item, cause)
        elif not (item.attempts and item.error):
            from ..ftp.procpool import not_tried

            keep_error(item, not_tried())
        self._set_state(item, FAILED)
        pool.untried.add(item.id)

    def _server_answers(self, slot: Slot, pool: ServerPool) -> None:
        """A job of ``slot``'s went through: the server answers. The connection's files count again, the
        connections closed for its silence may open again, and the items failed because every connection had
        gone quiet wait again — left failed, their words would be false."""
        slot.silence.reset()
        pool.hushed = 0
        if not pool.untried:  # (as nearly always: no import statement run for every file on the GUI thread)
            return
        from ..ftp.procpool import GONE_QUIET

        for item_id in pool.untried:
            pool.hung.discard(item_id)  # (the server answers: a file's count of silent tries starts again)
            item = self.model.item(item_id)
            if item is not None and item.state == FAILED:
                if item.error == GONE_QUIET:
                    item.error, item.error_words = "", None
                self._set_state(item, QUEUED)
        pool.untried.clear()

    def _clear_part(self, item: TransferItem, target: str, ran: bool) -> None:
        """The temporary file of a download taken off the queue (``parts.py``): removed, or kept; said in the
        log either way. ``ran``: its job was running."""
        from .parts import KEPT, NOT_REMOVED, REMOVED, clear_part, left_behind

        left = left_behind(item, target, ran)
        if left is None:
            return
        root, target, remove = left
        place = download_target(target)
        # another item holds it now — the same file queued again took it over (note 462): also when it is not
        # running (its try ended before it wrote), which ``holder``, for handing out, takes as nobody's (note 479)
        if self._owners.owner(item, place) is not None:
            return
        self._owners.clearing.add(place)  # (no other item makes its temporary file there meanwhile)

        def done(path: Optional[str]) -> None:
            self._cleared(place)
            if path is not None:
                self.noted.emit("status", said(REMOVED, path=path) if remove else said(KEPT, path=path, target=target))

        def failed(exc: BaseException) -> None:
            self._cleared(place)
            self.noted.emit("error", said(NOT_REMOVED, path=part_name(target), reason=describe_error(exc)))

        run_blocking(clear_part, root, target, remove, on_done=done, on_error=failed)

    def _cleared(self, place: Tuple[str, str]) -> None:
        self._owners.clearing.discard(place)
        if not self._shut_down:
            self._changed()  # (an item waiting for the name goes on)

    def _retry_later(self, item_id: str, delay: float) -> None:
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.timeout.connect(functools.partial(self._retry_now, item_id))
        self._timers[item_id] = timer
        timer.start(int(delay * 1000))

    def _retry_now(self, item_id: str) -> None:
        timer = self._timers.pop(item_id, None)
        if timer is not None:
            timer.deleteLater()
        item = self.model.item(item_id)
        if item is not None and item.state == RETRYING:
            self._set_state(item, QUEUED)
            self._changed()
