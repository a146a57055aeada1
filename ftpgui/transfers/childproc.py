"""A transfer connection's session in a process of its own: jobs in, events and results out (no Qt here).

The GUI process starts this (``procconn.ProcessConnection``, forked from a clean fork server) and speaks to
it over one pipe. The main thread runs the jobs in order, as ``worker._Worker`` does on a QThread; a
listening thread reads the pipe meanwhile (jobs, a cancel, the event filter, the close) and sends the
outbox every tenth of a second while a job runs. A finished job's result goes at once when few jobs are
left behind it (``report_below``), else with the next send — one pipe message for a run of small files.

What must be decided on this side's own record — whether a job has started (``withdraw``) — sits in a small
shared array under its lock: the newest job taken up, the one running, and a ring of job ids withdrawn or
cancelled before they started.

With a ``recorder`` (the mode panel's scene of a connection), every event is also fed to a record kept
here, where the events are made: the GUI thread then need not apply the events of a connection it does not
show. Asked (``record``), and when the connection closes, the record crosses pickled (``wire.Recorded``) in
the outbox's order — it holds every event sent before it and none after.
"""

from __future__ import annotations

import collections
import contextlib
import io
import os
import pickle
import signal
import threading
import time
from typing import Any, Callable, Deque, Dict, List, Optional, Tuple

from ..ftp import Cancelled, DataClosed, SessionOptions, TransferProgress
from .jobs import ItemJob
from .throttle import MeteredSink, SpeedLimit
from .wire import (
    Endpoint,
    JobEnded,
    Readable,
    Recorded,
    Recorder,
    coalesce,
    crossable,
    dumps,
    dumps_batch,
    keep_event,
    needed,
    run_job,
)

REACHED, CURRENT, RING_START = 0, 1, 2  # the shared array: newest job taken up, job running (0: none), ring
RING = 64  # withdrawn ids kept (a connection holds at most a dozen jobs ahead)
CONTROL_SIZE = RING_START + RING
SEND_INTERVAL_S = 0.1  # events cross about ten times a second
IDLE_LOOK_S = 1.0  # an idle connection looks this often whether the server has said something (a 421, its close)
ORPHAN_GRACE_S = 10.0  # the app is gone: this long to say QUIT, then the process ends regardless


class Close:
    """The close job: QUIT, then the process ends."""


CLOSE = Close()
CALLBACKS = ("trust", "allow_plain")  # SessionOptions fields that may be callbacks into the app
_child: Optional[_Child] = None  # this process's (a callback asks through it)


class AskApp:
    """Stands, in a transfer process, for a callback of the app's ``SessionOptions`` (``CALLBACKS``): the
    certificates trusted before, the servers allowed plain FTP before. A call asks the app over the pipe and
    waits for its answer (the app looks it up on its GUI thread, as quick as a thread's call would be)."""

    def __init__(self, name: str):
        self.name = name

    def __call__(self, *args: Any) -> Any:
        child = _child
        return child.ask(self.name, args) if child is not None else False


def in_ring(control: Any, job_id: int) -> bool:
    """(``control``: the shared array, or its raw ``get_obj()`` under the array's lock)"""
    return job_id in control[RING_START:CONTROL_SIZE]


def run_child(
    conn: Any,
    connection_id: int,
    endpoint: Endpoint,
    options: SessionOptions,
    control: Any,
    bucket: Any,
    report_below: Optional[int],
    recorder: Optional[Callable[[int], Any]] = None,
    niceness: int = 0,
) -> None:
    """The process's body (``multiprocessing``'s target). ``recorder(connection_id)`` makes the record of its
    events that is kept here (``.feed(event)``; picklable); ``niceness``: how much lower than the fork
    server's this process's CPU priority is (``procconn.niceness``)."""
    global _child
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the app's: it closes its connections itself
    if niceness:
        with contextlib.suppress(OSError):
            os.nice(niceness)
    _child = _Child(conn, connection_id, endpoint, options, control, bucket, report_below, recorder)
    _child.run()


class _Child:
    def __init__(self, conn, connection_id, endpoint, options, control, bucket, report_below, recorder=None):
        self.conn = conn
        self.readable = Readable(conn)
        self.endpoint = endpoint
        self.control = control
        self.lock = control.get_lock()
        self.raw = control.get_obj()  # (read and written only under ``lock``: no second lock per access)
        self.report_below: Optional[int] = report_below
        self.keep: Optional[Callable[[object], bool]] = None
        self.only_needed = False  # the keep test is ``wire.needed`` and no record is kept (``_narrow``)
        self.stopping = threading.Event()
        self.inbox: Deque[Tuple[int, Any]] = collections.deque()
        self.ready = threading.Condition()  # guards inbox
        self.outbox: Deque[object] = collections.deque()
        self.sending = threading.Lock()
        self.running = False
        self.last_send = 0.0
        self.answers: Dict[int, Any] = {}  # an asked callback's answer, by its number (see AskApp)
        self.answered = threading.Condition()
        self.asked = 0
        self.rec = Recorder(recorder, connection_id)  # (a record is taken with no event half applied or sent)
        limit = SpeedLimit.attached(bucket) if bucket is not None else None
        sink = self._keep if limit is None else MeteredSink(self._keep, limit, self.stopping)
        self.sink = sink
        from ..ftp.session import FtpSession  # (the fork server has it loaded: procconn's preload)

        self.session = FtpSession(options, sink)
        self.session.id = connection_id
        if limit is not None:
            self.session.pace = sink  # type: ignore[assignment] (charged before each move: throttle)

    def _keep(self, event: object) -> None:
        if self.only_needed:  # (see _narrow: every event the session makes now is one the queue reads, but this)
            if event.__class__ is not DataClosed:
                self.outbox.append(event)
            return
        keep_event(event, self.keep, self.rec, self.outbox.append)

    # --- the main thread: the jobs -------------------------------------------------------------------
    def run(self) -> None:
        threading.Thread(target=self._listen, name="ftpgui-pipe", daemon=True).start()
        while True:
            with self.ready:
                while not self.inbox:
                    # idle and connected: look now and then whether the server has closed the connection
                    if not self.ready.wait(IDLE_LOOK_S if self.session.connected else None) and not self.inbox:
                        break
                job = self.inbox.popleft() if self.inbox else None
            if job is None:
                self._look_idle()
                continue
            job_id, fn = job
            if fn is CLOSE:
                self._close(job_id)
                return
            self._run(job_id, fn)

    def _run(self, job_id: int, fn: Any) -> None:
        raw = self.raw
        with self.lock:
            raw[REACHED] = job_id
            skipped = in_ring(raw, job_id)
            if not skipped:
                if self.stopping.is_set():
                    self.stopping.clear()
                self.session.clear_cancel()  # a cancel meant for an earlier job
                raw[CURRENT] = job_id
        if skipped:
            self._report(JobEnded(job_id, False, Cancelled("Cancelled before it started.")), False)
            return
        self.running = True
        bind = getattr(fn, "bind", None)
        if bind is not None:
            fn = bind(self.stopping)  # the job's cancel flag is this process's
        ok, value = run_job(self.session, self.endpoint, fn)
        if not self.inbox:  # nothing more queued here: do not hold a local folder open meanwhile
            self.session.release_folders()
        with self.lock:
            raw[CURRENT] = 0
        self.running = False
        self._report(JobEnded(job_id, ok, value), not ok)

    def _look_idle(self) -> None:
        """The connection sits idle between jobs: when the server has said something unasked — vsftpd's "421
        Timeout." before it closes an idle connection, or just its close — read it now (``keep_alive``: one
        ``select``, a NOOP only then), so that the connection ends here and the app hears it (the mode panel
        shows it closed), instead of sitting half-closed (CLOSE-WAIT) until the next job finds it gone."""
        try:
            self.session.keep_alive(False)
        except Exception:  # (a cancel or a close meant for it: the next job or the close says what happened)
            pass
        if self.outbox:
            self._send()

    def _report(self, ended: JobEnded, urgent: bool) -> None:
        self.outbox.append(ended)
        below = self.report_below
        if urgent or below is None or len(self.inbox) <= below:
            self._send()

    def _close(self, job_id: int) -> None:
        failure: Optional[BaseException] = None
        self.session.clear_cancel()  # the close's own cancel, meant for the job it followed: QUIT goes out
        try:
            if self.session.connected:
                self.session.quit()
        except Exception as exc:
            failure = exc
        finally:
            self.session.close()
        if self.rec.kept:
            self._send(record=True, final=True)  # the record as it ends: the app keeps it for the closed one
        self.outbox.append(JobEnded(job_id, failure is None, failure))
        self._send()

    def ask(self, name: str, args: tuple) -> Any:
        """Call the app's callback ``name`` with ``args`` (on this process's job thread) and wait for it."""
        with self.answered:
            self.asked += 1
            number = self.asked
        with self.sending:
            self.conn.send_bytes(dumps(("ask", number, name, args)))
        with self.answered:
            while number not in self.answers:
                self.answered.wait()
            return self.answers.pop(number)

    # --- the listening thread ------------------------------------------------------------------------------
    def _listen(self) -> None:
        while True:
            busy = self.running or bool(self.inbox) or bool(self.outbox)
            try:
                if not self.readable.ready(SEND_INTERVAL_S if busy else None):
                    self._send()
                    continue
                data = self.conn.recv_bytes()
            except (EOFError, OSError):  # the app is gone: stop, say QUIT, end
                self._orphaned()
                return
            try:
                self._read(data)
            except Exception as exc:  # (see _unreadable)
                self._unreadable(exc)
                return
            if self.outbox and time.monotonic() - self.last_send >= SEND_INTERVAL_S:
                self._send()

    def _unreadable(self, exc: Exception) -> None:
        """A message this process cannot read or act on — another version of ftpgui on disk than the app that
        started it (updated while it ran: a job names a class this one lacks), or a bug. Left unread, a job
        would never start nor end and the queue wait for it for ever: the app is told why, and the process
        ends at once (its running transfer stops where it is, a download's temporary file kept to resume);
        the app fails this connection's jobs with the reason, and a new process takes the next ones."""
        self._cancel_all()
        try:
            with self.sending:
                self.conn.send_bytes(dumps(("unreadable", f"{type(exc).__name__}: {exc}"[:300])))
        except Exception:
            pass
        os._exit(3)

    def _read(self, data: bytes) -> None:
        """A message from the app: a run of queue items (``("items", n)`` and their n pickles after it:
        ``procconn.ProcessConnection._post_items``), queued here in one step, or any other message."""
        stream = io.BytesIO(data)
        msg = pickle.load(stream)
        if msg[0] != "items":
            self._message(msg)
            return
        jobs = [pickle.load(stream) for _ in range(msg[1])]
        stop = self.stopping
        with self.ready:
            self.inbox.extend((job[1], ItemJob.from_wire(job[2], stop)) for job in jobs)
            self.ready.notify()

    def _message(self, msg: tuple) -> None:
        kind = msg[0]
        if kind == "job" or kind == "item":
            job = msg[2] if kind == "job" else ItemJob.from_wire(msg[2], self.stopping)
            with self.ready:
                self.inbox.append((msg[1], job))
                self.ready.notify()
        elif kind == "cancel":  # ("cancel", job id or None, the newest job id it may reach)
            job_id, newest = msg[1], msg[2]
            with self.lock:
                current = self.control[CURRENT]
                if current and (current == job_id or (job_id is None and current <= newest)):
                    self.stopping.set()
                    self.session.cancel()  # under the lock: never lands on the job that starts next
        elif kind == "answer":
            with self.answered:
                self.answers[msg[1]] = msg[2]
                self.answered.notify_all()
        elif kind == "keep":
            self.keep = msg[1]
            self._narrow()
        elif kind == "record":  # the app shows this connection now: its record, then every event
            if self.rec.kept:
                self._send(record=True)
        elif kind == "fallback":  # another connection to this server fell back to active mode (auto mode)
            self.session.learn_fallback()
        elif kind == "report_below":
            self.report_below = msg[1]
        elif kind == "hang_up":  # (the app is ending: its close, QUIT included, waits on a stalled server)
            self.session.hang_up()
        elif kind == "close":
            self._cancel_all()
            with self.ready:
                self.inbox.append((msg[1], CLOSE))
                self.ready.notify()

    def _narrow(self) -> None:
        """The session makes only the events that cross or are kept: with a keep test that names its kinds
        (``wire.needed``) and no record kept here, those (and each data connection's end, where the speed
        limit's meter ends a transfer's count); otherwise every event."""
        kinds = getattr(self.keep, "kinds", None)
        if kinds is not None and self.rec.record is None:
            kinds = (*kinds, DataClosed)
        else:
            kinds = None
        # the queue's own test with only its kinds made: each event but the data connection's end (made for the
        # speed limit's meter) is one it reads — put out without asking ``needed`` (three events a small file)
        self.only_needed = kinds is not None and self.keep is needed
        self.session.set_listener(self.sink, kinds)

    def _cancel_all(self) -> None:
        with self.lock:
            if self.control[CURRENT]:
                self.stopping.set()
                self.session.cancel()

    def _orphaned(self) -> None:
        self._cancel_all()
        with self.ready:
            self.inbox.clear()
            self.inbox.append((0, CLOSE))
            self.ready.notify()
        time.sleep(ORPHAN_GRACE_S)
        os._exit(1)

    def _send(self, record: bool = False, final: bool = False) -> None:
        """Send the outbox (``record``: and the record after it, taken with nothing else in between)."""
        with self.sending:
            entries: List[object] = []
            outbox = self.outbox
            recorded: Optional[Recorded] = None
            # with the record, the outbox is drained and the record taken in one step: what comes after goes
            # with the next send
            with self.rec.lock if record else contextlib.nullcontext():
                while outbox:
                    entries.append(outbox.popleft())
                if record:
                    recorded = Recorded(self.rec.pickled(), final)  # (empty: the app treats it as lost)
            self.last_send = time.monotonic()
            if not entries and recorded is None:
                return
            batch = _coalesced(entries, quiet=self.keep is needed)
            if recorded is not None:
                batch.append(recorded)
            try:
                data = dumps_batch(batch)
            except Exception:  # something in it cannot cross: send what can, and every result
                data = dumps(("batch", [e for e in map(crossable, batch) if e is not None]))
            try:
                self.conn.send_bytes(data)
            except OSError:
                pass  # the app is gone (the listening thread ends the process)


def _coalesced(entries: List[object], quiet: bool = False) -> List[object]:
    """Each run of events between two results keeps only its newest progress per connection. ``quiet``
    (nobody but the queue reads the events: ``wire.needed``): a run that ends in its job's success keeps no
    progress at all — the result says what the progress would (the item's bytes; it is done), and a small
    file's job is over before the events would cross."""
    out: List[object] = []
    run: List[object] = []
    for entry in entries:
        if entry.__class__ is JobEnded:
            if run:
                if quiet and entry.ok:  # type: ignore[attr-defined]
                    out.extend(ev for ev in run if not isinstance(ev, TransferProgress))
                else:
                    out.extend(coalesce(run))  # type: ignore[arg-type]
                run = []
            out.append(entry)
        else:
            run.append(entry)
    if run:
        out.extend(coalesce(run))  # type: ignore[arg-type]
    return out
