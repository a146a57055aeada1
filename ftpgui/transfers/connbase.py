"""The GUI thread's side of a transfer connection, whether its session runs on a thread (``worker.Connection``) or
in a process (``procconn.ProcessConnection``): the signals it gives, job ids, and the delivery of a drained batch
of events and results in the order they happened (a record among them goes out in its place).
"""

from __future__ import annotations

import itertools
import time
from typing import Callable, List, Optional, Set

from PySide6.QtCore import QCoreApplication, QEventLoop, QMetaMethod, QObject, Signal

from ..ftp import Event
from .wire import Endpoint, JobEnded, Recorded, coalesce


class ConnectionBase(QObject):
    """The GUI thread's side of a transfer connection, whether its session runs on a thread (``Connection``)
    or in a process (``procconn.ProcessConnection``): its signals, and the delivery of a drained batch."""

    eventsArrived = Signal(list)  # [Event, ...] — batched, about 10 times a second
    jobDone = Signal(int, object)  # job id, result
    jobFailed = Signal(int, object)  # job id, exception
    busyChanged = Signal(bool)
    closed = Signal()
    recorded = Signal(int, bytes, bool)  # connection id, the pickled record of its events, final (request_record)
    recordLost = Signal(int)  # connection id: what ran it ended without its final record

    _ids = itertools.count(1)  # job ids, one sequence for every connection

    def __init__(self, endpoint: Endpoint, name: str, parent: Optional[QObject]):
        super().__init__(parent)
        self.endpoint = endpoint
        self.name = name
        # deliver(entries): when set, a drained batch goes to it whole — the events (each run coalesced) and
        # a JobEnded per finished job, in order — instead of eventsArrived / jobDone / jobFailed (eventsArrived
        # is still emitted, per run, when something is connected to it)
        self.deliver: Optional[Callable[[List[object]], None]] = None
        self._pending: Set[int] = set()
        self._closing = False
        self._close_id: Optional[int] = None
        self._events_signal = QMetaMethod.fromSignal(self.eventsArrived)
        self._final_recorded = False

    @property
    def keeps_record(self) -> bool:
        """Whether a record of its events is kept where they are made (made with a ``recorder``)."""
        return False

    def request_record(self) -> bool:
        """Ask for that record (it comes as ``recorded``, between the events before and after it); False when
        none will come."""
        return False

    @property
    def busy(self) -> bool:
        return bool(self._pending)

    def cancel(self, job_id: Optional[int] = None) -> None:
        raise NotImplementedError

    def _close_job(self) -> Optional[int]:
        """Begin to close: cancel what is queued; the close job's id (None when closing already)."""
        if self._closing:
            return None
        self.cancel()
        self._closing = True
        job_id = next(self._ids)
        self._pending.add(job_id)
        self._close_id = job_id
        return job_id

    def _ended(self) -> None:
        """The close job has ended: stop what runs the session."""

    def _deliver(self, entries: List[object]) -> None:
        for i, entry in enumerate(entries):  # a record goes out between the events before and after it
            if entry.__class__ is Recorded:
                if i:
                    self._deliver(entries[:i])
                self._final_recorded = self._final_recorded or entry.final
                self.recorded.emit(self.connection_id, entry.data, entry.final)
                if i + 1 < len(entries):
                    self._deliver(entries[i + 1 :])
                return
        hook = self.deliver
        listened = hook is None or self.isSignalConnected(self._events_signal)
        batch: List[object] = []
        run: List[object] = []
        closed = False
        for entry in entries:
            if entry.__class__ is not JobEnded:
                run.append(entry)
                continue
            if run:
                self._events(coalesce(run), batch, listened)  # type: ignore[arg-type]
                run = []
            ended: JobEnded = entry  # type: ignore[assignment]
            self._pending.discard(ended.job_id)
            if ended.job_id == self._close_id:
                closed = True
            elif hook is not None:
                batch.append(ended)
            else:
                if not self._pending:
                    self.busyChanged.emit(False)
                (self.jobDone if ended.ok else self.jobFailed).emit(ended.job_id, ended.value)
        if run:
            self._events(coalesce(run), batch, listened)  # type: ignore[arg-type]
        if hook is not None and batch:
            hook(batch)
            if not self._pending and not closed:
                self.busyChanged.emit(False)
        if closed:
            self._ended()
            self.closed.emit()

    def _events(self, run: List[Event], batch: List[object], listened: bool) -> None:
        if listened:
            self.eventsArrived.emit(run)
        if self.deliver is not None:
            batch.extend(run)


def wait_ended(closing: Callable[[], list], seconds: float = 5.0, grace: float = 1.0) -> None:
    """At exit, after the connections were told to close: let them say QUIT and their threads or processes end
    (their results come back on this thread meanwhile). ``closing()`` lists those not ended yet. Those still
    busy after ``grace`` seconds — a server that never answers holds a thread for its whole timeout, and Qt
    aborts the process when a running thread's object goes — are hung up on. Whatever holds transfer
    connections calls this before the application's end (the main window; a headless queue too: without it,
    a thread connection still saying QUIT was destroyed running, and Qt aborted the process)."""
    start = time.monotonic()
    hung_up = False
    while closing() and time.monotonic() < start + seconds:
        if not hung_up and time.monotonic() > start + grace:
            hung_up = True
            for conn in closing():
                conn.hang_up()
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
