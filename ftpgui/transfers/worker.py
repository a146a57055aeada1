"""One engine session on its own QThread, driven from the GUI thread.

A :class:`Connection` lives on the GUI thread. It owns a ``QThread`` and a worker ``QObject`` moved to that
thread; the worker owns the :class:`~ftpgui.ftp.FtpSession` (created, used and closed only there). Work is
submitted as a callable taking the session (``conn.submit(lambda s: s.listdir("/pub"))``) and runs in order;
its result comes back as ``jobDone(job_id, result)`` or ``jobFailed(job_id, exception)``.

Nothing crosses threads one by one. Submitted jobs wait in an inbox that the connection's thread empties
in a loop (one wake-up for a run of jobs). The session's events and the jobs' results go, in the order
they happened, into one outbox; the GUI thread drains it when told that a result waits, and a 10 Hz timer
drains it while jobs are pending, keeping only the newest ``TransferProgress`` of each run of events. So a
job's events are always delivered before its result. Each wake-up costs both threads a hand-over of
Python's GIL, so a connection that runs many short jobs (the transfer queue's) can be told to report
results only when few jobs are left to run (``report_below``) and deliver them to one callback per batch
(``deliver``) instead of a signal each; and the GUI thread can hold back the start of the next job while
it draws (``gate``).

With a ``recorder`` (the mode panel's scene of a connection), the connection's thread also feeds every event to
a record of it; asked (``request_record``), and when the connection closes, the record goes into the outbox
among the events — it holds every event before it and none after — and arrives as ``recorded`` (the same as a
transfer process's: ``procconn``).
"""

from __future__ import annotations

import collections
import threading
import weakref
from typing import TYPE_CHECKING, Any, Callable, Deque, List, Optional, Set, Tuple

from PySide6.QtCore import QCoreApplication, QObject, QThread, QTimer, Signal, Slot

from ..ftp import Cancelled, SessionOptions
from .connbase import ConnectionBase
from .throttle import MeteredSink, SpeedLimit
from .wire import Endpoint, JobEnded, Recorded, Recorder, coalesce, keep_event, run_job  # noqa: F401 (coalesce)

if TYPE_CHECKING:
    from ..ftp.session import FtpSession

IDLE_LOOK_MS = 1000  # a watched idle connection looks this often whether the server has closed it (watch_idle)
PUMP_INTERVAL_MS = 100  # events and progress cross threads about 10 times a second
GATE_WAIT_S = 0.015  # the longest a connection's next job waits for the GUI thread to finish drawing (a repaint
# takes about 5 ms of CPU; on a loaded machine longer, and the transfers go on meanwhile)


class _Worker(QObject):
    """Lives on the connection's thread; the only code that touches the session."""

    told = Signal()  # results wait in the outbox (emitted on this thread, queued to the GUI thread)

    def __init__(
        self,
        endpoint: Endpoint,
        options: SessionOptions,
        outbox: Deque[object],
        stopping: threading.Event,
        limit: Optional[SpeedLimit],
        recorder: Any = None,
    ):
        super().__init__()
        self.endpoint = endpoint
        self.outbox = outbox  # events and results for the GUI thread, in the order they happened
        self.keep: Optional[Callable[[object], bool]] = None  # see Connection.keep_events
        sink = self._keep if limit is None else MeteredSink(self._keep, limit, stopping)
        from ..ftp.session import FtpSession  # (the engine's connections, TLS and listings: loaded here)

        self.session = FtpSession(options, sink)
        if limit is not None:
            self.session.pace = sink  # type: ignore[assignment] (charged before each move: throttle)
        self.rec = Recorder(recorder, self.session.id)  # (a record is taken with no event half applied or put out)
        self.inbox: Deque[Tuple[int, Callable[[FtpSession], Any]]] = collections.deque()
        self.skip: Set[int] = set()
        self.lock = threading.Lock()  # guards inbox, skip, current, reached and the two flags below
        self.stopping = stopping
        self.current: Optional[int] = None  # the job running now
        self.reached = 0  # the newest job the thread has taken up (started or skipped); ids grow in run order
        self.draining = False  # the thread has been woken to empty the inbox and has not found it empty yet
        self.waiting = False  # the GUI thread has been told results wait and has not drained the outbox since
        self.report_below: Optional[int] = None  # see Connection.report_below
        self.gate: Optional[threading.Event] = None  # see Connection.__init__

    def _keep(self, event: object) -> None:
        keep_event(event, self.keep, self.rec, self.outbox.append)

    @Slot()
    def look_idle(self) -> None:
        """Between jobs: read what the server said unasked (a 421 before it closes an idle connection, its
        close), so the connection ends now and the app hears it (``keep_alive``: one ``select``, a NOOP only
        then) — as a transfer process's idle connection does (``childproc._Child._look_idle``)."""
        with self.lock:
            if self.inbox or self.current is not None or self.draining:
                return
        try:
            self.session.keep_alive(False)
        except Exception:  # (a cancel or a close meant for it: the next job or the close says what happened)
            pass
        with self.lock:
            if not self.outbox or self.waiting:
                return
            self.waiting = True
        self.told.emit()

    def take_record(self, final: bool) -> None:
        """Put the record in the outbox, after every event it holds (either thread may call this)."""
        with self.rec.lock:
            self.outbox.append(Recorded(self.rec.pickled(), final))  # (empty: the app treats it as lost)

    @Slot()
    def drain(self) -> None:
        """Run the inbox's jobs in order until it is empty (one wake-up for a run of jobs)."""
        while True:
            gate = self.gate
            if gate is not None and not gate.is_set():
                gate.wait(GATE_WAIT_S)  # the GUI thread draws: the next job waits, not the GUI for the GIL
            with self.lock:
                if not self.inbox:
                    self.draining = False
                    return
                job_id, fn = self.inbox.popleft()
            self.run(job_id, fn)
            if fn is _close:
                return

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
            self._report(JobEnded(job_id, False, Cancelled("Cancelled before it started.")), False)
            return
        ok, value = run_job(self.session, self.endpoint, fn, login=fn is not _close)
        if not self.inbox:  # nothing more queued here: do not hold a local folder open meanwhile
            self.session.release_folders()
        with self.lock:
            self.current = None
        if fn is _close and self.rec.kept:
            self.take_record(final=True)  # the record as it ends: the app keeps it for the closed one
        self._report(JobEnded(job_id, ok, value), not ok or fn is _close)
        if fn is _close:
            # this object is deleted on the GUI thread, not here: a Python QObject destroyed on this thread
            # holds Qt's signal-slot mutex while it waits for the GIL, and the GUI thread, holding the GIL,
            # can be waiting for that mutex in a connect() (a deadlock seen in CI)
            thread = self.thread()
            app = QCoreApplication.instance()
            if app is not None:
                self.moveToThread(app.thread())
            thread.quit()  # from here, so that wait() at exit returns without the GUI's event loop

    def _report(self, ended: JobEnded, urgent: bool) -> None:
        """Put a result in the outbox; tell the GUI thread unless it has been told already, or (with
        ``report_below``) more jobs than that are still to run here and nothing is urgent."""
        with self.lock:
            self.outbox.append(ended)
            if self.waiting:
                return
            below = self.report_below
            if below is not None and not urgent and len(self.inbox) > below:
                return  # the GUI thread's timer collects it, or the next report
            self.waiting = True
        self.told.emit()


def _close(session: FtpSession) -> None:
    try:
        if session.connected:
            session.quit()
    finally:
        session.close()


_connections: weakref.WeakSet[Connection] = weakref.WeakSet()  # every thread connection (``still_running``)
# the closed ones whose thread has not ended yet: kept here, so that whoever dropped one (a queue gone with its
# window) never has its QThread destroyed while it runs — Qt aborts the process then (``Connection.close``)
_ending: Set[Connection] = set()


def still_running() -> List[Connection]:
    """At exit: the connections whose thread has not ended (one stuck in a connect that will not return)."""
    return [c for c in list(_connections) if c.running]


class Connection(ConnectionBase):
    """An engine session on its own thread. Create, use and close it on the GUI thread."""

    copies_jobs = False  # a job runs as it is: the caller copies what may change meanwhile

    _wake = Signal()  # to the worker: jobs wait in the inbox
    _look = Signal()  # to the worker: look whether the server has closed the idle connection (watch_idle)

    def __init__(
        self,
        endpoint: Endpoint,
        options: Optional[SessionOptions] = None,
        name: str = "connection",
        parent: Optional[QObject] = None,
        limit: Optional[SpeedLimit] = None,
        gate: Optional[threading.Event] = None,
        recorder: Any = None,
    ):
        """``limit``: a speed limit shared with other connections, charged on this connection's thread.
        ``recorder``: ``recorder(connection_id)`` is a record of the session's events that its thread keeps
        (the mode panel's scene; ``request_record``).
        ``gate``: while it is clear, the connection's thread starts no next job (for up to ``GATE_WAIT_S``):
        the GUI thread clears it while it draws, so that its every call into Python does not wait for
        transfer threads to hand over the GIL (a job already running goes on)."""
        super().__init__(endpoint, name, parent)
        self._queue: Deque[object] = collections.deque()
        self._thread = QThread()
        self._thread.setObjectName(f"ftpgui-{name}")
        _connections.add(self)
        self._worker = _Worker(endpoint, options or SessionOptions(), self._queue, threading.Event(), limit, recorder)
        self._worker.gate = gate
        self.connection_id = self._worker.session.id
        self._worker.moveToThread(self._thread)
        self._wake.connect(self._worker.drain)
        self._look.connect(self._worker.look_idle)
        self._idle_timer: Optional[QTimer] = None
        self._worker.told.connect(self._told)
        self._thread.finished.connect(self._worker.deleteLater)
        self._thread.finished.connect(self._thread_ended)  # (queued: this object lives on the GUI thread)
        self._pump = QTimer(self)
        self._pump.setInterval(PUMP_INTERVAL_MS)
        self._pump.timeout.connect(self.flush)
        self._thread.start()

    # --- the GUI thread's side ----------------------------------------------------------------------
    @property
    def session(self) -> FtpSession:
        """For reading settled state (features, options) — never call its methods from this thread."""
        return self._worker.session

    @property
    def stopping(self) -> threading.Event:
        """Set by ``cancel()`` until the next job starts: a job checks it between its own steps."""
        return self._worker.stopping

    @property
    def report_below(self) -> Optional[int]:
        """None (the default): every result is reported at once. A number: a job's result is reported at once
        only when at most that many jobs are left to run on this connection (or it failed); others wait for
        the next report or the 10 Hz timer. For many short jobs queued ahead: fewer wake-ups."""
        return self._worker.report_below

    @report_below.setter
    def report_below(self, jobs: Optional[int]) -> None:
        self._worker.report_below = jobs

    @property
    def keep_events(self) -> Optional[Callable[[object], bool]]:
        """None (the default): every event of the session crosses to this thread. A test: only the events it
        accepts do (it runs on the connection's thread) — for a user that reads few of them while nothing
        shows the others (the transfer queue with no log or mode panel listening)."""
        return self._worker.keep

    @keep_events.setter
    def keep_events(self, test: Optional[Callable[[object], bool]]) -> None:
        self._worker.keep = test

    @property
    def keeps_record(self) -> bool:
        return self._worker.rec.kept

    def request_record(self) -> bool:
        """Take the thread's record now (on this thread, with the thread's events held back meanwhile); it is
        delivered with the events, in their order, at the next flush."""
        if not self.keeps_record:
            return False
        self._worker.take_record(final=False)
        QTimer.singleShot(0, self, self.flush)
        return True

    def watch_idle(self) -> None:
        """From now on, while no job runs, look now and then whether the server has closed the connection (the
        queue's connections; the browsing one has its own watch, ``connection_state.ConnectionWatch``)."""
        if self._idle_timer is None:
            self._idle_timer = QTimer(self)
            self._idle_timer.setInterval(IDLE_LOOK_MS)
            self._idle_timer.timeout.connect(self._look_if_idle)
            self._idle_timer.start()

    @Slot()
    def _look_if_idle(self) -> None:
        if self._closing:
            self._idle_timer.stop()
        elif not self.busy and self._worker.session.connected:
            self._look.emit()

    def learn_fallback(self) -> None:
        """Another connection to this server fell back to active mode: so does this one's session (auto mode)."""
        self._worker.session.learn_fallback()  # (one flag, read by the connection's thread at its next transfer)

    def submit(self, fn: Callable[[FtpSession], Any]) -> int:
        """Queue ``fn(session)`` on the connection's thread; returns the job id its result will carry."""
        if self._closing:
            raise RuntimeError(f"the {self.name} connection is closed")
        job_id = next(self._ids)
        was_busy = self.busy
        self._pending.add(job_id)
        self._post(job_id, fn)
        if not self._pump.isActive():
            self._pump.start()
        if not was_busy:
            self.busyChanged.emit(True)
        return job_id

    def _post(self, job_id: int, fn: Callable[[FtpSession], Any]) -> None:
        worker = self._worker
        with worker.lock:
            worker.inbox.append((job_id, fn))
            if worker.draining:
                return  # the thread is at its loop: it finds this one
            worker.draining = True
        self._wake.emit()

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

    def close(self, end: bool = False) -> None:
        """Cancel what is queued, say QUIT, and stop the thread — without waiting here. The connection is kept
        (``_ending``) until its thread has ended, whoever holds it meanwhile. ``end``: the person ends it
        (Disconnect): a close under a transfer's abort is said as the person's (``FtpSession.ending``)."""
        if end and not self._closing:
            self._worker.session.ending = True
        job_id = self._close_job()
        if job_id is None:
            return
        if self._thread.isRunning():
            _ending.add(self)
        self._post(job_id, _close)
        if not self._pump.isActive():
            self._pump.start()

    def wait(self, ms: int = 5000) -> bool:
        """At application exit only: wait for the thread to end after ``close()``."""
        return self._thread.wait(ms)

    def hang_up(self) -> None:
        """At application exit, after ``close()``: end the connection under a job that waits on a stalled
        server, so that the thread ends now (``FtpSession.hang_up``, safe from this thread)."""
        self._worker.session.hang_up()

    @property
    def running(self) -> bool:
        return self._thread.isRunning()

    @Slot()
    def _thread_ended(self) -> None:
        _ending.discard(self)

    @Slot()
    def _told(self) -> None:
        self.flush()

    @Slot()
    def flush(self) -> None:
        """Deliver the events and results queued so far (the timer calls this, and a reported result)."""
        worker = self._worker
        with worker.lock:
            worker.waiting = False  # from here a new result is reported again
        queue = self._queue
        entries: List[object] = []
        while queue:
            entries.append(queue.popleft())
        if entries:
            self._deliver(entries)
        if not self._pending and self._pump.isActive():
            self._pump.stop()

    def _ended(self) -> None:
        self._thread.quit()
