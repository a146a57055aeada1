"""``TransferQueue``: files and folders to move, spread over a site's transfer connections.

The queue lives on the GUI thread and owns the items (``QueueModel``). Each transfer connection
(``worker.Connection``, one engine session on its own QThread) runs one item at a time as a job
(``jobs.run_item``); results, failures and coalesced progress come back as signals. Folders are listed by
the same connections as they come up, their entries inserted where the folder was. The queue is saved
(atomically, off the GUI thread) whenever it changes shape, so it survives the app being killed.

An item is in at most one job at a time: it is handed out again only after its job's result has come back,
or when its connection's thread confirms the job never started (``Connection.withdraw``). So no two
connections write the same file, and "the target exists" is never asked about the queue's own file.
"""

from __future__ import annotations

import collections
import dataclasses
import functools
import os
from dataclasses import dataclass
from typing import Deque, Dict, List, Optional, Tuple

from PySide6.QtCore import QObject, QTimer, Signal

from .. import paths
from ..explain import describe_error
from ..ftp import (
    Cancelled,
    ConnectError,
    ConnectionLost,
    DataConnectionError,
    Event,
    ReplyError,
    SessionOptions,
    TransferFailed,
    TransferProgress,
    UnsafePath,
)
from ..ftp.localpath import safe_name
from ..ftp.mirror import remote_join
from .items import (
    ACTIVE,
    ASK,
    CANCELLED,
    CHOICES,
    DONE,
    DOWNLOAD,
    FAILED,
    GROUP_FINISHED,
    GROUP_QUEUED,
    MAX_CONNECTIONS,
    PAUSED,
    QUEUED,
    RETRYING,
    SKIPPED,
    UPLOAD,
    WAITING,
    ExistsQuestion,
    ItemFailed,
    ItemStarted,
    Outcome,
    TransferItem,
)
from .jobs import JobContext, run_item
from .model import GroupFilter, QueueModel
from .runner import run_blocking
from .throttle import SpeedLimit
from .worker import Connection, Endpoint

PIPELINE = 2  # jobs a connection holds at once (the second only behind short files)
SHORT_FILE = 4 << 20
STORE_VERSION = 1
SAVE_DELAY_MS = 250
RATE_WINDOW = 3.0  # seconds of progress the shown rate is averaged over

__all__ = ["QueueModel", "QueueTotals", "TransferQueue"]


@dataclass(frozen=True)
class QueueTotals:
    """For the status bar: files waiting or moving, bytes still to move (known sizes), and the total rate."""

    queued: int
    bytes_left: int
    rate: float
    active: int


def too_many_connections(exc: BaseException) -> bool:
    """The server turned a connection away because it has too many: 421 at the greeting or login, or a 425
    that says so when a data connection would be one too many (pyftpdlib)."""
    code = getattr(exc, "code", None)
    if isinstance(exc, (ConnectionLost, ReplyError)) and code == 421:
        return True
    return isinstance(exc, (ReplyError, DataConnectionError)) and code == 425 and "too many" in str(exc).lower()


def retryable(exc: BaseException) -> bool:
    """A dropped or unreachable connection is worth trying again; a refusal or a local error is not."""
    if isinstance(exc, (ConnectionLost, ConnectError, DataConnectionError, TransferFailed)):
        return True
    if isinstance(exc, ReplyError):
        return exc.temporary and exc.code != 452  # 452: the server's disk is full
    return isinstance(exc, (TimeoutError, ConnectionError))


@dataclass
class _Job:
    """An item handed to a connection."""

    item_id: str
    start_done: int  # the item's bytes when handed over: did this try make progress?
    short: bool  # a small file: worth queueing another item behind it on the same connection
    stop_reason: Optional[str] = None  # pause | cancel | remove


class _Slot:
    """A transfer connection and the jobs it has (the first runs; the next waits right behind it)."""

    def __init__(self, conn: Connection):
        self.conn = conn
        self.jobs: Dict[int, _Job] = {}  # in the order the connection runs them
        self.running: Optional[str] = None  # the item whose events arrive now (from ItemStarted; it lags)
        self.open = True

    def ready(self) -> bool:
        """Takes another job now: idle, or only short files ahead (their successor starts without waiting
        for the GUI thread's round trip)."""
        if not self.jobs:
            return True
        return len(self.jobs) < PIPELINE and all(j.short for j in self.jobs.values())


class TransferQueue(QObject):
    """The transfer queue of the app: see the module docstring."""

    itemFinished = Signal(str, str)  # direction ("download"|"upload"), remote path — the remote pane refreshes
    eventsArrived = Signal(list)  # engine events of the transfer connections (message log, mode panel)
    askExists = Signal(object)  # ExistsQuestion; the GUI answers with question.answer(choice, apply_to_all)
    totalsChanged = Signal(object)  # QueueTotals
    idle = Signal()  # nothing left to do (every item finished, failed, paused or waiting for an answer)

    def __init__(self, store_path: Optional[str] = None, parent: Optional[QObject] = None):
        super().__init__(parent)
        self.model = QueueModel(self)
        self.views = {g: GroupFilter(self.model, g, self) for g in ("queued", "failed", "cancelled", "finished")}
        self.limit = SpeedLimit()
        self.exists_default = ASK  # CONTRACT: the main window sets it from Preferences.exists_default
        self.retry_delays: Tuple[float, ...] = (2.0, 8.0, 30.0)  # backoff between the 3 tries
        self.time_offset_minutes = 0
        self.windows_names: Optional[bool] = None  # apply Windows' name rules (default: on Windows)
        self.skipped: List[Tuple[str, str]] = []  # (path, reason): what folder listings left out
        self._store_path = store_path
        self._endpoint: Optional[Endpoint] = None
        self._options: Optional[SessionOptions] = None
        self._cap = 2  # lowered when the server says it has too many connections
        self._slots: List[_Slot] = []
        self._assigned: Dict[str, _Slot] = {}  # item id → the connection that has its job
        self._closing: List[Connection] = []
        self._questions: Deque[ExistsQuestion] = collections.deque()
        self._asked: Optional[ExistsQuestion] = None
        self._apply_all: Dict[str, str] = {}
        self._samples: Dict[str, Deque[Tuple[float, int]]] = {}
        self._timers: Dict[str, QTimer] = {}
        self._saving = False
        self._save_again = False
        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(SAVE_DELAY_MS)
        self._save_timer.timeout.connect(self._save_now)
        self._totals_timer = QTimer(self)
        self._totals_timer.setSingleShot(True)
        self._totals_timer.setInterval(200)
        self._totals_timer.timeout.connect(self._emit_totals)
        self._was_idle = True
        self._hint: Tuple[int, int] = (-1, 0)  # (model version, the row _dispatch scans from): see _dispatch
        self.load_error: Optional[str] = None  # why a saved queue could not be read (it is kept aside)
        if store_path:
            try:
                self._load(store_path)
            except (ValueError, TypeError, KeyError, AttributeError) as exc:
                aside = store_path + ".unreadable"
                try:
                    os.replace(store_path, aside)
                except OSError:
                    aside = store_path
                self.load_error = f"The saved queue could not be read ({exc}); it was kept as {aside}."

    # --- the site ------------------------------------------------------------------------------
    def set_site(
        self,
        endpoint: Endpoint,
        options: SessionOptions,
        connections: int = 2,
        *,
        time_offset_minutes: Optional[int] = None,
    ) -> None:
        """Use this server for the transfers (closing connections to another one) and start the queue.

        ``options`` go to every transfer connection as they are (TLS, trust, encoding, and the site's
        ``server_time_offset``, with which the engine already turns LIST times into UTC). MLSD and MDTM
        times are UTC too, so ``time_offset_minutes`` is only for a server whose clock is wrong: it is added
        to every server time the queue compares or copies. Do not pass the site's LIST offset here again.
        """
        if not 1 <= connections <= MAX_CONNECTIONS:
            raise ValueError(f"transfer connections must be 1–{MAX_CONNECTIONS}, not {connections}")
        if self._endpoint is not None and (endpoint != self._endpoint or options != self._options):
            for slot in list(self._slots):
                self._drop(slot)
        self._endpoint = endpoint
        self._options = options
        self._cap = connections
        self.time_offset_minutes = time_offset_minutes or 0
        self._dispatch()

    def connections(self) -> List[Connection]:
        """The transfer connections now open, for the mode panel's picker."""
        return [s.conn for s in self._slots]

    @property
    def connection_cap(self) -> int:
        """How many transfer connections the queue uses now (lower after the server's 421)."""
        return self._cap

    def set_speed_limit(self, bytes_per_second: int) -> None:
        """A limit for all transfer connections together; 0 lifts it."""
        self.limit.set_rate(bytes_per_second)

    # --- adding --------------------------------------------------------------------------------
    def download(self, items: List[tuple], local_dir: str, *, start: bool = True) -> None:
        """Queue (remote path, is folder, size[, the path's bytes]) entries into ``local_dir``; a folder comes
        with its contents. The bytes (a listed entry's ``wire_name`` joined to its folder's) are what the
        server is sent, so a name in a codec other than the session's typing codec is found again.
        ``start=False`` adds them paused ("Add to queue"): they wait for ``resume``."""
        new = []
        for remote, is_dir, size, *raw in items:
            name = remote.rstrip("/").rsplit("/", 1)[-1]
            item = TransferItem(DOWNLOAD, local=os.path.join(local_dir, name), remote=remote, is_dir=is_dir, size=size)
            if raw and raw[0] is not None:
                item.remote_bytes = bytes(raw[0]).hex()
            try:
                # only the name here (no disk on this thread); the job checks the path stays inside local_dir
                item.local = os.path.join(local_dir, safe_name(name, windows=self.windows_names))
            except UnsafePath as exc:
                item.state, item.error = FAILED, describe_error(exc)
            new.append(item)
        self._add(new, start)

    def upload(self, local_paths: List[str], remote_dir: str, *, start: bool = True) -> None:
        """Queue local files and folders into ``remote_dir``; a folder comes with its contents.
        ``start=False`` adds them paused."""
        new = []
        for path in local_paths:
            name = os.path.basename(path.rstrip(os.sep))
            new.append(TransferItem(UPLOAD, local=path, remote=remote_join(remote_dir, name), is_dir=None))
        self._add(new, start)

    def _add(self, items: List[TransferItem], start: bool = True) -> None:
        if not start:
            for item in items:
                if item.state == QUEUED:
                    item.state = PAUSED
        self.model.append(items)
        self._changed()

    # --- what a person can do to items ----------------------------------------------------------
    def pause(self, ids: List[str]) -> None:
        for item in self._items(ids):
            if item.id in self._assigned:
                self._stop(item, "pause")
            elif item.state in (QUEUED, RETRYING, WAITING):
                self._set_state(item, PAUSED)
        self._changed()

    def resume(self, ids: List[str]) -> None:
        for item in self._items(ids):
            if item.state == PAUSED:
                self._set_state(item, QUEUED)
        self._changed()

    def cancel(self, ids: List[str]) -> None:
        for item in self._items(ids):
            if item.id in self._assigned:
                self._stop(item, "cancel")
            elif item.state in (QUEUED, RETRYING, WAITING, PAUSED):
                self._set_state(item, CANCELLED)
        self._changed()

    def retry(self, ids: List[str]) -> None:
        for item in self._items(ids):
            if item.state in (FAILED, CANCELLED):
                item.attempts = 0
                item.error = ""
                self._set_state(item, QUEUED)
        self._changed()

    def remove(self, ids: List[str]) -> None:
        gone = []
        for item in self._items(ids):
            if item.id in self._assigned:
                self._stop(item, "remove")  # removed once its job has stopped
            else:
                gone.append(item.id)
            self._forget(item.id)
        self.model.remove(gone)
        self._changed()

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

    # --- running -------------------------------------------------------------------------------
    def _dispatch(self) -> None:
        """Start queued items, in row order, while connections can take them.

        The scan starts at the first row that may still need a connection (``_hint``): rows above it are
        finished, running or otherwise not waiting, and a job's end does not change that. Anything that
        can (an item queued again or retrying, rows inserted, removed or moved) starts the next scan at the
        top. Without it each finished file rescanned the whole queue (quadratic in its length)."""
        if self._endpoint is None:
            return
        model = self.model
        if self._hint[0] != model.version:
            self._hint = (model.version, 0)
        waiting: Optional[int] = None  # the first row still waiting for a connection, or retrying
        for row, item in model.rows_from(self._hint[1]):
            if item.state == RETRYING:
                waiting = row if waiting is None else waiting
                continue
            if item.state != QUEUED or item.id in self._assigned:
                continue
            slot = self._pick_slot()
            if slot is None:
                waiting = row if waiting is None else waiting
                break
            self._start(slot, item)
        self._hint = (model.version, model.rowCount() if waiting is None else waiting)
        self._check_idle()

    def _pick_slot(self) -> Optional[_Slot]:
        """An idle connection, else a new one (up to the cap), else one that can take a second job."""
        for slot in self._slots:
            if not slot.jobs:
                return slot
        if len(self._slots) < self._cap:
            return self._open_slot()
        ready = [s for s in self._slots if s.ready()]
        return min(ready, key=lambda s: len(s.jobs)) if ready else None

    def _open_slot(self) -> _Slot:
        assert self._endpoint is not None
        n = len(self._slots) + len(self._closing) + 1
        conn = Connection(self._endpoint, self._options, name=f"transfer-{n}", limit=self.limit)
        slot = _Slot(conn)
        conn.jobDone.connect(functools.partial(self._on_done, slot))
        conn.jobFailed.connect(functools.partial(self._on_failed, slot))
        conn.eventsArrived.connect(functools.partial(self._on_events, slot))
        self._slots.append(slot)
        return slot

    def _start(self, slot: _Slot, item: TransferItem) -> None:
        """Hand ``item`` to ``slot``'s connection; it shows as active once its job really starts."""
        ctx = JobContext(slot.conn.stopping, self.time_offset_minutes, self.windows_names)
        snapshot = dataclasses.replace(item)
        short = not item.is_dir and item.size is not None and item.size <= SHORT_FILE
        item.error = ""
        job_id = slot.conn.submit(lambda session: run_item(session, snapshot, ctx))
        slot.jobs[job_id] = _Job(item.id, item.done, short)
        self._assigned[item.id] = slot
        self.model.touch(item.id)

    def _release(self, slot: _Slot, job_id: int) -> Tuple[Optional[_Job], Optional[TransferItem]]:
        """The job has ended: (the job, its item — None when it was removed meanwhile)."""
        job = slot.jobs.pop(job_id, None)
        if job is None:
            return None, None
        if self._assigned.get(job.item_id) is slot:
            del self._assigned[job.item_id]
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

    def _on_done(self, slot: _Slot, job_id: int, outcome: object) -> None:
        job, item = self._release(slot, job_id)
        if job is None:
            return
        if item is not None and isinstance(outcome, Outcome):
            self._apply(item, outcome)
        self._changed()

    def _apply(self, item: TransferItem, out: Outcome) -> None:
        if out.kind == "exists":
            item.local, item.remote = out.local, out.remote
            if out.size is not None:
                item.size = out.size
            self._exists(item, out)
        elif out.kind == "expanded":
            for path, why in out.skipped:
                self.skipped.append((path, why))
            row = self.model.row_of(item.id)
            self.model.remove([item.id])
            self.model.insert(row, out.children)
        else:
            item.local, item.remote = out.local, out.remote
            if out.size is not None:
                item.size = out.size
            item.done = item.size or out.bytes
            item.error = out.note
            self._set_state(item, DONE if out.kind == "done" else SKIPPED)
            if out.kind == "done":
                self.itemFinished.emit(item.direction, item.remote)

    def _on_failed(self, slot: _Slot, job_id: int, exc: object) -> None:
        job, item = self._release(slot, job_id)
        if job is None:
            return
        reason = job.stop_reason
        cause = exc.cause if isinstance(exc, ItemFailed) else exc
        if item is None:
            self._changed()
            return
        if item.done > job.start_done:
            item.attempts = 0  # this try moved bytes: the next one resumes from there with all tries again
        if isinstance(exc, ItemFailed):
            item.local, item.remote = exc.local, exc.remote
            item.server_size = exc.server_size
            if item.direction == UPLOAD and (exc.server_size or exc.wrote):
                item.started = True
        if item.done > 0 and not item.is_dir:
            item.started = True
        if not slot.open:
            self._set_state(item, QUEUED)  # its connection was closed under it (shutdown, another site)
        elif reason == "pause" and isinstance(cause, Cancelled):
            self._set_state(item, PAUSED)
        elif reason == "cancel" and isinstance(cause, Cancelled):
            item.error = describe_error(cause)
            self._set_state(item, CANCELLED)
        elif too_many_connections(cause) and len(self._slots) > 1:
            # the server has enough connections: carry on with fewer, and do not count this as a try
            self._cap = max(1, len(self._slots) - 1)
            self._drop(slot)
            self._set_state(item, QUEUED)
        elif retryable(cause) and item.attempts < len(self.retry_delays):
            delay = self.retry_delays[item.attempts]
            item.attempts += 1
            item.error = describe_error(cause)
            self._set_state(item, RETRYING)
            self._retry_later(item.id, delay)
        else:
            item.error = describe_error(cause)
            self._set_state(item, FAILED)
        self._changed()

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

    def _drop(self, slot: _Slot) -> None:
        """Close a transfer connection. Its jobs that have not started return to the queue now; one that
        has started stays with it until it has ended, and its result counts (so that an item is never in
        two jobs at once: no two connections write the same file, and the queue never finds its own file as
        "the target exists"). Which job has started is the connection thread's word: ``slot.running``
        comes from events still on their way, and a prefetched job may already be running unseen."""
        for job_id in list(slot.jobs):
            if slot.conn.withdraw(job_id):
                job, item = self._release(slot, job_id)
                if item is not None and job is not None and job.stop_reason in ("pause", "cancel"):
                    self._set_state(item, PAUSED if job.stop_reason == "pause" else CANCELLED)  # as asked
        slot.open = False
        self._slots.remove(slot)
        conn = slot.conn
        self._closing.append(conn)
        conn.closed.connect(functools.partial(self._closed, conn))
        conn.close()

    def _closed(self, conn: Connection) -> None:
        # dropped after this signal has returned; Python owns the connection (no Qt parent: a parent would
        # delete it under the feet of the events its thread has still queued)
        QTimer.singleShot(0, functools.partial(self._forget_connection, conn))

    def _forget_connection(self, conn: Connection) -> None:
        if conn in self._closing:
            self._closing.remove(conn)

    def _set_state(self, item: TransferItem, state: str) -> None:
        item.state = state
        if state in (QUEUED, RETRYING):
            self._hint = (-1, 0)  # it may be above where the next scan would start
        self.model.touch(item.id)

    # --- progress and events ---------------------------------------------------------------------
    def _on_events(self, slot: _Slot, events: List[Event]) -> None:
        passed: List[Event] = []
        for ev in events:
            if isinstance(ev, ItemStarted):
                slot.running = ev.item_id
                item = self.model.item(ev.item_id)
                if item is not None and self._assigned.get(item.id) is slot:
                    self._samples.pop(item.id, None)
                    self._set_state(item, ACTIVE)
                continue
            if isinstance(ev, TransferProgress) and slot.running is not None:
                item = self.model.item(slot.running)
                if item is not None and self._assigned.get(item.id) is slot:
                    self._progress(item, ev)
            passed.append(ev)
        if passed:
            self.eventsArrived.emit(passed)

    def _progress(self, item: TransferItem, ev: TransferProgress) -> None:
        item.done = ev.done
        if ev.total is not None:
            item.size = ev.total
        if not item.started and not item.is_dir:
            item.started = True
            self._save_soon()
        now = ev.at
        samples = self._samples.setdefault(item.id, collections.deque())
        samples.append((now, ev.done))
        while len(samples) > 2 and now - samples[0][0] > RATE_WINDOW:
            samples.popleft()
        t0, d0 = samples[0]
        if now > t0 and ev.done >= d0:
            self.model.set_rate(item.id, (ev.done - d0) / (now - t0))
        else:
            self.model.touch(item.id)
        if not self._totals_timer.isActive():
            self._totals_timer.start()

    # --- the target exists ------------------------------------------------------------------------
    def _exists(self, item: TransferItem, out: Outcome) -> None:
        assert out.existing is not None
        default = self.exists_default if self.exists_default in CHOICES else None
        preset = self._apply_all.get(item.direction) or default
        if preset is not None:
            item.choice = preset
            self._set_state(item, QUEUED)
            return
        self._set_state(item, WAITING)
        source = item.remote if item.direction == DOWNLOAD else item.local
        self._questions.append(ExistsQuestion(item.id, item.direction, source, out.existing, self._answered))
        self._ask_next()

    def _ask_next(self) -> None:
        if self._asked is not None and self._asked.answered is None:
            return
        self._asked = None
        while self._questions:
            q = self._questions.popleft()
            item = self.model.item(q.item_id)
            if item is None or item.state != WAITING:
                continue
            preset = self._apply_all.get(q.direction)
            if preset is not None:
                item.choice = preset
                self._set_state(item, QUEUED)
                continue
            self._asked = q
            self.askExists.emit(q)
            return

    def pending_question(self) -> Optional[ExistsQuestion]:
        """The question the GUI is being asked now, if any."""
        return self._asked if self._asked is not None and self._asked.answered is None else None

    def _answered(self, question: ExistsQuestion, choice: str, apply_to_all: bool) -> None:
        if apply_to_all:
            self._apply_all[question.direction] = choice
        item = self.model.item(question.item_id)
        if item is not None and item.state == WAITING:
            item.choice = choice
            self._set_state(item, QUEUED)
        if self._asked is question:
            self._asked = None
        self._ask_next()
        self._changed()

    # --- bookkeeping -------------------------------------------------------------------------------
    def _changed(self) -> None:
        self._save_soon()
        self._dispatch()
        if not self._totals_timer.isActive():
            self._totals_timer.start()

    def _check_idle(self) -> None:
        start = self._hint[1] if self._hint[0] == self.model.version else 0  # (nothing waits above the hint)
        busy = bool(self._assigned) or any(i.state in (QUEUED, RETRYING) for _, i in self.model.rows_from(start))
        if not busy and not self._was_idle:
            self._emit_totals()
            self.idle.emit()
        self._was_idle = not busy

    def is_idle(self) -> bool:
        return self._was_idle

    def totals(self) -> QueueTotals:
        queued = active = left = 0
        rate = 0.0
        for item in self.model.items():
            if item.group != GROUP_QUEUED:
                continue
            if item.state == ACTIVE:
                active += 1
                rate += self.model.rate(item.id) or 0.0
            if not item.is_dir:
                queued += 1
                if item.size is not None:
                    left += max(0, item.size - item.done)
        return QueueTotals(queued, left, rate, active)

    def _emit_totals(self) -> None:
        self.totalsChanged.emit(self.totals())

    # --- saving and restoring ----------------------------------------------------------------------
    def snapshot(self) -> dict:
        ep = self._endpoint
        return {
            "version": STORE_VERSION,
            "site": None if ep is None else {"host": ep.host, "port": ep.port, "user": ep.user},
            "items": [i.to_json() for i in self.model.items()],
        }

    def _save_soon(self) -> None:
        if self._store_path and not self._save_timer.isActive():
            self._save_timer.start()

    def _save_now(self) -> None:
        if not self._store_path:
            return
        if self._saving:
            self._save_again = True
            return
        self._saving = True
        self._save_again = False
        run_blocking(
            paths.atomic_write_json,
            self._store_path,
            self.snapshot(),
            on_done=lambda _: self._saved(),
            on_error=lambda exc: self._saved(exc),
        )

    def _saved(self, exc: Optional[BaseException] = None) -> None:
        self._saving = False
        self.save_error = exc
        if self._save_again:
            self._save_soon()

    def _load(self, path: str) -> None:
        """Restore a saved queue (small: read at start-up). Items that were moving continue from where they were."""
        data = paths.read_json(path, None)
        if not data:
            return
        if data.get("version") != STORE_VERSION:
            raise ValueError(f"{path}: queue file version {data.get('version')!r} is not {STORE_VERSION}")
        items = []
        for raw in data.get("items", []):
            item = TransferItem.from_json(raw)
            if item.state in (ACTIVE, RETRYING, WAITING):
                item.state = QUEUED  # a question left open is asked again when the item comes up
            items.append(item)
        self.model.append(items)
        self._was_idle = not any(i.state == QUEUED for i in items)

    def save_now_blocking(self) -> None:
        """Write the queue now, on this thread — only at exit, when nothing else must go on."""
        if self._store_path:
            paths.atomic_write_json(self._store_path, self.snapshot())

    def shutdown(self) -> None:
        """At exit: stop the transfers (they stay queued, to continue next time), save, close the connections."""
        for slot in list(self._slots):
            self._drop(slot)
        for item in self.model.items():
            if item.state == ACTIVE:
                item.state = QUEUED  # continued next time
        for timer in self._timers.values():
            timer.stop()
        self._save_timer.stop()
        self.save_now_blocking()
        self._endpoint = None  # a job that ends from here on goes back to QUEUED without a new connection
        for conn in list(self._closing):
            conn.wait(3000)
