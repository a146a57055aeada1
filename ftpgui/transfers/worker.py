"""One engine session on its own QThread, driven from the GUI thread.

A :class:`Connection` lives on the GUI thread. It owns a ``QThread`` and a worker ``QObject`` moved to that
thread; the worker owns the :class:`~ftpgui.ftp.FtpSession` (created, used and closed only there). Work is
submitted as a callable taking the session (``conn.submit(lambda s: s.listdir("/pub"))``) and runs in order;
its result comes back as ``jobDone(job_id, result)`` or ``jobFailed(job_id, exception)``.

The session's events are not sent across threads one by one: the engine's listener appends them to a
queue, and a 10 Hz timer on the GUI thread drains it into one ``eventsArrived(list)`` signal, keeping only
the newest ``TransferProgress`` of each batch. A job's events are always delivered before its result.
"""

from __future__ import annotations

import collections
import itertools
import threading
from dataclasses import dataclass, field
from typing import Any, Callable, Deque, List, Optional, Set

from PySide6.QtCore import QObject, QThread, QTimer, Signal, Slot

from ..ftp import Cancelled, Event, FtpSession, SessionOptions, TransferProgress
from ..ftp.control import format_address
from .throttle import MeteredSink, SpeedLimit

PUMP_INTERVAL_MS = 100  # events and progress cross threads about 10 times a second


@dataclass(frozen=True)
class Endpoint:
    """Where a connection goes and who it logs in as. The password never appears in its repr."""

    host: str
    port: int = 21
    user: str = "anonymous"
    password: str = field(default="", repr=False)

    def __str__(self) -> str:
        return f"{self.user}@{format_address((self.host, self.port))}"


def coalesce(events: List[Event]) -> List[Event]:
    """Drop every ``TransferProgress`` but the newest of each connection; keep all other events in order."""
    last = {}
    for i, ev in enumerate(events):
        if isinstance(ev, TransferProgress):
            last[ev.connection_id] = i
    if not last:
        return events
    keep = set(last.values())
    return [ev for i, ev in enumerate(events) if i in keep or not isinstance(ev, TransferProgress)]


class _Worker(QObject):
    """Lives on the connection's thread; the only code that touches the session."""

    done = Signal(int, object)
    failed = Signal(int, object)

    def __init__(
        self, endpoint: Endpoint, options: SessionOptions, sink: Callable[[Event], None], stopping: threading.Event
    ):
        super().__init__()
        self.endpoint = endpoint
        self.session = FtpSession(options, sink)
        self.skip: Set[int] = set()
        self.lock = threading.Lock()
        self.stopping = stopping
        self.current: Optional[int] = None  # the job running now
        self.reached = 0  # the newest job the thread has taken up (started or skipped); ids grow in run order
        self.submitted = 0  # the newest job submitted (set on the GUI thread)

    @Slot(int, object)
    def run(self, job_id: int, fn: Callable[[FtpSession], Any]) -> None:
        with self.lock:
            self.reached = job_id
            skipped = job_id in self.skip
            self.skip.discard(job_id)
            if not skipped:
                self.stopping.clear()
                self.session.clear_cancel()  # a cancel meant for an earlier job
                self.current = job_id
        if skipped:
            self.failed.emit(job_id, Cancelled("Cancelled before it started."))
            return
        failure: Optional[BaseException] = None
        result: Any = None
        try:
            if not self.session.logged_in and fn is not _close:  # (a lost one reconnects into its folder)
                ep = self.endpoint
                self.session.open(ep.host, ep.port, ep.user, ep.password)
            result = fn(self.session)
        except BaseException as exc:
            failure = exc
        if job_id >= self.submitted:  # nothing more queued here: do not hold a local folder open meanwhile
            self.session.release_folders()
        with self.lock:
            self.current = None
        if failure is not None:
            self.failed.emit(job_id, failure)
        else:
            self.done.emit(job_id, result)
        if fn is _close:
            self.thread().quit()  # from here, so that wait() at exit returns without the GUI's event loop


def _close(session: FtpSession) -> None:
    try:
        if session.connected:
            session.quit()
    finally:
        session.close()


class Connection(QObject):
    """An engine session on its own thread. Create, use and close it on the GUI thread."""

    eventsArrived = Signal(list)  # [Event, ...] — batched, about 10 times a second
    jobDone = Signal(int, object)  # job id, result
    jobFailed = Signal(int, object)  # job id, exception
    busyChanged = Signal(bool)
    closed = Signal()

    _submit = Signal(int, object)
    _ids = itertools.count(1)

    def __init__(
        self,
        endpoint: Endpoint,
        options: Optional[SessionOptions] = None,
        name: str = "connection",
        parent: Optional[QObject] = None,
        limit: Optional[SpeedLimit] = None,
    ):
        """``limit``: a speed limit shared with other connections, charged on this connection's thread."""
        super().__init__(parent)
        self.endpoint = endpoint
        self.name = name
        self._queue: Deque[Event] = collections.deque()
        self._pending: Set[int] = set()
        self._closing = False
        self._close_id: Optional[int] = None
        self._thread = QThread()
        self._thread.setObjectName(f"ftpgui-{name}")
        stopping = threading.Event()
        sink = self._queue.append if limit is None else MeteredSink(self._queue.append, limit, stopping)
        self._worker = _Worker(endpoint, options or SessionOptions(), sink, stopping)
        self.connection_id = self._worker.session.id
        self._worker.moveToThread(self._thread)
        self._submit.connect(self._worker.run)
        self._worker.done.connect(self._on_done)
        self._worker.failed.connect(self._on_failed)
        self._thread.finished.connect(self._worker.deleteLater)
        self._pump = QTimer(self)
        self._pump.setInterval(PUMP_INTERVAL_MS)
        self._pump.timeout.connect(self.flush)
        self._thread.start()

    # --- the GUI thread's side ----------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        return bool(self._pending)

    @property
    def session(self) -> FtpSession:
        """For reading settled state (features, options) — never call its methods from this thread."""
        return self._worker.session

    @property
    def stopping(self) -> threading.Event:
        """Set by ``cancel()`` until the next job starts: a job checks it between its own steps."""
        return self._worker.stopping

    def submit(self, fn: Callable[[FtpSession], Any]) -> int:
        """Queue ``fn(session)`` on the connection's thread; returns the job id its result will carry."""
        if self._closing:
            raise RuntimeError(f"the {self.name} connection is closed")
        job_id = next(self._ids)
        was_busy = self.busy
        self._pending.add(job_id)
        self._worker.submitted = job_id
        self._submit.emit(job_id, fn)
        if not self._pump.isActive():
            self._pump.start()
        if not was_busy:
            self.busyChanged.emit(True)
        return job_id

    def cancel(self, job_id: Optional[int] = None) -> None:
        """Cancel one job (queued, or running: its transfer stops), or (``None``) the running one and all queued."""
        worker = self._worker
        with worker.lock:
            if job_id is None:
                worker.skip.update(self._pending)
                running = True
            else:
                worker.skip.add(job_id)
                running = worker.current == job_id
            if running:
                worker.stopping.set()
                worker.session.cancel()  # under the lock: never lands on the job that starts next

    def withdraw(self, job_id: int) -> bool:
        """Take back a job that has not started: True when it never will (its ``jobFailed`` with ``Cancelled``
        still comes). False when the thread has already taken it up: it runs (or ran) and its own result comes.

        Decided on the connection's thread's own record, not on events still on their way to this thread.
        """
        worker = self._worker
        with worker.lock:
            if job_id <= worker.reached:
                return False
            worker.skip.add(job_id)
            return True

    def close(self) -> None:
        """Cancel what is queued, say QUIT, and stop the thread — without waiting here."""
        if self._closing:
            return
        self.cancel()
        self._closing = True
        job_id = next(self._ids)
        self._pending.add(job_id)
        self._close_id = job_id
        self._submit.emit(job_id, _close)

    def wait(self, ms: int = 5000) -> bool:
        """At application exit only: wait for the thread to end after ``close()``."""
        return self._thread.wait(ms)

    @Slot()
    def flush(self) -> None:
        """Deliver the events queued so far (the timer calls this; results call it first)."""
        batch: List[Event] = []
        queue = self._queue
        while queue:
            batch.append(queue.popleft())
        if batch:
            self.eventsArrived.emit(coalesce(batch))
        if not self._pending and self._pump.isActive():
            self._pump.stop()

    def _finish(self, job_id: int) -> None:
        self._pending.discard(job_id)
        self.flush()
        if job_id == self._close_id:
            self._thread.quit()
            self.closed.emit()
        elif not self._pending:
            self.busyChanged.emit(False)

    @Slot(int, object)
    def _on_done(self, job_id: int, result: object) -> None:
        self._finish(job_id)
        if job_id != self._close_id:
            self.jobDone.emit(job_id, result)

    @Slot(int, object)
    def _on_failed(self, job_id: int, exc: object) -> None:
        self._finish(job_id)
        if job_id != self._close_id:
            self.jobFailed.emit(job_id, exc)
