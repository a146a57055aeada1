"""A tree's transfer connections as forked processes: the same contract as ``mirror._Pool``, no shared GIL.

A thread per connection waits at every reply and hands one GIL over to the next thread: with four
connections that doubled the client's CPU per file and made ``--parallel 4`` no faster than one
connection (``tests/benchmarks/bench_tree.py`` measures both in one run). Here each connection is a
process forked from the one that lists, taking jobs — ``(method, args, kwargs)`` of ``FtpSession`` — over
a pipe of its own and answering with results; the listing process keeps the counts, the failures and
the order of events as before. Both ways a message is a list: a listed folder's jobs are shared among the
children, each child's share (as many as it has room for) in one message, and a child says what it did a
few files at a time (each message costs a pickle, a write, a wake-up and a read on each side: per file,
they had cost this process more than its listing).

Used only where ``fork`` is safe — Linux, and no other thread in the process (a forked child has only the
forking thread; a lock another thread held would stay held for ever) — and only when the caller asks
(``ftpgui-cli``). Otherwise, and when every process is refused a connection (421), the thread pool does
the work, with its retries. A process whose connection went quiet (``Silence``) ends and hands back the jobs
it had not started: the others take them, and only once none is left are the rest failed "Not tried".
"""

from __future__ import annotations

import functools
import itertools
import os
import select
import signal
import sys
import threading
import time
from collections import deque
from typing import TYPE_CHECKING, Any, Callable, Deque, Dict, List, Optional, Tuple

from .errors import QT_TRANSLATE_NOOP, ConnectionLost, FtpError, ReplyError, retryable, unexpected, worded
from .events import DataClosed, Event, ResumeUnchecked, TlsNotUsed, TransferProgress

if TYPE_CHECKING:  # multiprocessing loads subprocess: only a pool that forks pays for it (start-up test)
    from multiprocessing.connection import Connection

Job = Tuple[str, tuple, Dict[str, Any]]  # an FtpSession method's name, its arguments
IN_FLIGHT = 32  # jobs handed to one process ahead of its results (the listing goes on meanwhile)
SAY_EVERY = 8  # a child tells its results when this many files are done…
SAY_WITHIN = 0.1  # …or, at the end of a file, when the oldest untold is this many seconds old, and whenever
# it has no job left to start (a forwarded progress count goes at once, with what is untold before it)
PUMP_WITHIN = 0.005  # seconds between looks at the children while submits come (``submit``)
# events a child passes on as they come (progress: ten a second), or those its session's listener reads
# (``ftpgui-cli -v``: the exchange too)
FORWARDED = (TlsNotUsed, ResumeUnchecked, DataClosed)
_ID_SPAN = 1_000_000  # each child numbers its sessions from (its index + 1) × this: ids no two processes share
GONE_QUIET = QT_TRANSLATE_NOOP(
    "engine",
    "Not tried: the server has stopped answering (the files before this one each waited for it in vain).",
)
FILE_RETRY_DELAYS = (1.0, 3.0)  # a file whose connection dropped is tried again after these waits (FileZilla: 2)


def run_job(session, job) -> int:
    """Do one job on ``session``: a callable ``job(session)``, or a ``(method, args, kwargs)`` spec."""
    if callable(job):
        return job(session)
    method, args, kwargs = job
    return getattr(session, method)(*args, **kwargs)


def silent(exc: BaseException) -> bool:
    """``exc`` ended a file with the server silent: it said nothing within the timeout (``ConnectionLost.silent``)."""
    return isinstance(exc, ConnectionLost) and exc.silent


class Silence:
    """The rule of a server gone silent, for one connection: its second file in a row that ended with the server
    silent (stopped, hung — ``silent``) makes it ``quiet``, and it tries no more files — each would wait the whole
    timeout in vain (a 1,000-file tree, hours). Two, not one, so that one slow reply does not end a tree; a file
    that went through, or failed any other way (the server answered), starts the count again. A tree's
    connection keeps it in its ``Retries``, the window's queue one per transfer connection (``pool.Slot``). A
    quiet connection closes and leaves the files to the others (a server may hang on some files only); the
    files fail "Not tried" (``not_tried``) only once every connection is quiet or gone (design notes 197, 202)."""

    def __init__(self) -> None:
        self.reset()

    def reset(self) -> None:
        """A file went through, or a new connection comes."""
        self.in_a_row = 0  # its last files that ended with the server silent

    def failed(self, exc: BaseException) -> None:
        """A file ended on this connection with ``exc``."""
        self.in_a_row = self.in_a_row + 1 if silent(exc) else 0

    @property
    def quiet(self) -> bool:
        return self.in_a_row >= 2


class Retries(Silence):
    """One transfer connection's jobs, each file tried again when the try failed in a way worth trying again
    (``errors.retryable``: the connection dropped, the transfer broke, a 4xx) — after ``delays[0]``, then
    ``delays[1]``…, on the same session, which connects and logs in again before its next command when its
    connection is gone; a download continuing what its failed try wrote (``tried``). ``said(message)`` hears
    each failure that is tried again.

    A connection whose last file failed every try tries the next failing file once, until a file goes
    through: a server gone for good costs each later file one try, not one plus every wait. And once it is
    ``quiet`` (``Silence``: its second file in a row ended with the server silent) it fails each job at once in
    words (``not_tried``): a pool gives it jobs then only when no other connection is left to try them."""

    def __init__(self, delays: Tuple[float, ...] = FILE_RETRY_DELAYS, sleep: Callable[[float], None] = time.sleep):
        self.delays = delays
        self.sleep = sleep
        super().__init__()

    def reset(self) -> None:
        """A file went through, or a new connection comes: its files get their tries."""
        super().reset()
        self.stuck = False  # its last file failed every try

    def failed(self, exc: BaseException) -> None:
        """A file ended on this connection with ``exc``: it is not tried again here."""
        super().failed(exc)
        self.stuck = self.stuck or retryable(exc)  # (every try failed as the first did)

    def run(self, session, job, said: Callable[[str], None]) -> int:
        if self.quiet:
            raise not_tried()
        tries = 0
        job = tried(job, retry=False)
        while True:
            try:
                done = run_job(session, job)
            except (FtpError, OSError) as exc:
                if self.stuck or tries >= len(self.delays) or not retryable(exc):
                    self.failed(exc)
                    raise
                said(str(exc))
                self.sleep(self.delays[tries])
                tries += 1
                job = tried(job, retry=True)
                continue
            self.reset()
            return done


def tried(job, retry: bool):
    """``job`` as ``Retries`` runs it: a download notes the server's time of its file before its RETR, for a next
    try (``FtpSession.download``'s ``may_retry``); once more after its try failed (``retry``), it continues what
    that try wrote where that is safe — it had deleted it and started again from the first byte."""
    if callable(job) or job[0] != "download":
        return job
    method, args, kwargs = job
    return method, args, {**kwargs, "may_retry": True, "retry": retry}


def not_tried() -> ConnectionLost:
    """Why a file was not tried: each connection's last two files met a server that said nothing (``Retries``, and
    no other connection of the tree was left; in the window's queue: ``pool.ServerPool.quiet``)."""
    return worded(ConnectionLost, GONE_QUIET)


def usable(parallel: int) -> bool:
    """Whether this process may fork its transfer connections (one, too: the listing then shares no GIL)."""
    return parallel >= 1 and sys.platform.startswith("linux") and hasattr(os, "fork") and threading.active_count() == 1


class _Worker:
    def __init__(self, pid: int, conn: Connection):
        self.pid = pid
        self.conn = conn
        self.fd = conn.fileno()
        self.jobs: Dict[int, Tuple[str, Job]] = {}  # seq → (label, job) sent and not answered
        self.alive = True
        self.quiet = False  # it ended because its connection met a silent server twice in a row


class ProcessPool:
    """``parallel`` forked processes, each with its own session (made by ``make_session`` in the child).

    ``submit`` and ``finish`` as ``mirror._Pool`` (``submitted`` hands the children what they have room for
    of the jobs submitted: the mirror calls it before it lists the next folder). ``listener`` receives, in
    this process, the events a child forwards (those its session's listener reads, else ``FORWARDED``, and
    ``TransferProgress`` at most ten times a second per child), under connection ids in the child's own
    range. ``fallback(make_session, result)`` makes the thread pool that takes the jobs no process could
    (every one refused with 421, or ended) — unless one ended quiet (``Silence``): the server then stopped
    answering, and the jobs left fail "Not tried"."""

    def __init__(
        self,
        make_session: Callable[[], Any],
        parallel: int,
        result,
        fallback: Callable[[], Any],
        listener: Optional[Callable[[Event], None]] = None,
    ):
        self._result = result
        self._fallback_factory = fallback
        self._fallback = None
        self._listener = listener
        self._pending: Deque[Tuple[str, Job]] = deque()
        self._seq = 0
        self._workers: List[_Worker] = []
        self._by_fd: Dict[int, _Worker] = {}
        self._poll = select.poll()  # (one for the pool's life: a fresh selector a call cost more than the read)
        self._pump_by = 0.0  # (``submit``) the time by which the next look at the children is due
        from multiprocessing.connection import Pipe

        for k in range(parallel):
            mine, theirs = Pipe(duplex=True)
            pid = os.fork()
            if pid == 0:  # the child: never returns
                mine.close()
                for w in self._workers:
                    w.conn.close()
                _child(k, theirs, make_session)
            theirs.close()
            worker = _Worker(pid, mine)
            self._workers.append(worker)
            self._by_fd[worker.fd] = worker
            self._poll.register(worker.fd, select.POLLIN)

    # --- the contract of mirror._Pool ---------------------------------------------------------------
    def submit(self, label: str, job: Job) -> None:
        self._pending.append((label, job))
        # once the walk is ahead of the children, what they said is read (and their room filled) a batch of
        # submits or PUMP_WITHIN seconds apart: a look at every submit had cost the listing process a poll per
        # file, and a look only every batch left them idle while slow submits came (an upload makes each
        # folder on the server between its files)
        if len(self._pending) % (IN_FLIGHT * len(self._workers)) == 0 or time.monotonic() >= self._pump_by:
            self.submitted()

    def submitted(self) -> None:
        """Hand the children what was submitted (and read what they said meanwhile)."""
        self._pump(0)

    def finish(self) -> None:
        try:
            while self._pending or any(w.jobs for w in self._workers):
                if not any(w.alive for w in self._workers):
                    if any(w.quiet for w in self._workers):
                        self._fail_not_tried()
                    else:
                        self._hand_to_threads()
                    break
                self._pump(None)
        except BaseException:  # an interrupt here: the children stop now (their files stay temporary)
            self._end_children(signal.SIGTERM)
            raise
        self._end_children()
        if self._fallback is not None:
            self._fallback.finish()

    # --- this side --------------------------------------------------------------------------------------
    def _pump(self, timeout: Optional[float]) -> None:
        """Read what the children said (waiting up to ``timeout`` seconds), then hand them jobs."""
        self._pump_by = time.monotonic() + PUMP_WITHIN
        if any(w.jobs for w in self._workers if w.alive):
            for fd, _ in self._poll.poll(None if timeout is None else int(timeout * 1000)):
                worker = self._by_fd[fd]
                if worker.alive:
                    self._read(worker)
        self._dispatch()

    def _dispatch(self) -> None:
        """The pending jobs, shared among the children with room, each child's share in one message."""
        while self._pending:
            ready = sorted((w for w in self._workers if w.alive and len(w.jobs) < IN_FLIGHT), key=lambda w: len(w.jobs))
            if not ready:
                return
            share = -(-len(self._pending) // len(ready))  # (rounded up)
            for worker in ready:
                taken = [
                    self._pending.popleft() for _ in range(min(share, IN_FLIGHT - len(worker.jobs), len(self._pending)))
                ]
                if not taken:
                    break
                first = self._seq + 1
                self._seq += len(taken)
                try:
                    worker.conn.send([(first + i, job) for i, (_, job) in enumerate(taken)])
                except BaseException as exc:  # (an interrupt, or a job that cannot cross) none of them went
                    self._pending.extendleft(reversed(taken))
                    if not isinstance(exc, OSError):
                        raise
                    self._read_what_is_left(worker)  # it ended; what it said last still counts
                    self._ended(worker, None)  # and what it held goes to the others
                    continue
                for i, item in enumerate(taken):
                    worker.jobs[first + i] = item

    def _read(self, worker: _Worker) -> None:
        try:
            said = worker.conn.recv()
        except (EOFError, OSError):
            self._ended(worker, "The transfer process ended before the file was done.")
            return
        # the counts first, then the listener: a listener that raises (or an interrupt) loses events, never a
        # result, which ``finish`` would wait for for ever
        events = []
        for msg in said:
            if msg[0] == "event":
                events.append(msg[1])
            else:
                self._message(worker, msg)
        if self._listener is not None:
            for event in events:
                self._listener(event)

    def _read_what_is_left(self, worker: _Worker) -> None:
        """What an ended child said before it ended and was not read yet."""
        try:
            while worker.alive and worker.conn.poll():
                self._read(worker)
        except (EOFError, OSError):
            pass

    def _message(self, worker: _Worker, msg: tuple) -> None:
        kind = msg[0]
        if kind == "done":
            worker.jobs.pop(msg[1], None)
            self._result.files += 1
            self._result.bytes += msg[2]
        elif kind == "connected":
            self._result.connections += 1
        elif kind == "retried":
            self._result.retried.append((worker.jobs.get(msg[1], ("?",))[0], msg[2]))
        elif kind == "failed":
            label, job = worker.jobs.pop(msg[1], ("?", None))
            self._result.fail(label, msg[2], job, *msg[3:])  # (an upload cut off: what it had sent, note 401)
        elif kind == "refused":  # 421 at its connection: it has ended; what it held goes to the others
            self._ended(worker, None)
        elif kind == "quiet":  # its connection met a silent server twice in a row: it has ended, as above
            worker.quiet = True
            self._ended(worker, None)

    def _ended(self, worker: _Worker, why: Optional[str]) -> None:
        """``worker`` is gone: its jobs fail with ``why``, or (None) go back to the others."""
        if not worker.alive:
            return
        worker.alive = False
        held = sorted(worker.jobs.items())
        worker.jobs.clear()
        if why is None:
            self._pending.extendleft(item for _, item in reversed(held))
        else:
            for _, (label, job) in held:
                self._result.fail(label, why, job)
        self._poll.unregister(worker.fd)
        worker.conn.close()

    def _fail_not_tried(self) -> None:
        """Every process has ended, one at least quiet: what is left fails at once, in words."""
        why = str(not_tried())
        for label, job in self._pending:
            self._result.fail(label, why, job)
        self._pending.clear()

    def _hand_to_threads(self) -> None:
        """No process could connect: the thread pool, with its waits and retries, takes what is left."""
        self._fallback = self._fallback_factory()
        while self._pending:
            self._fallback.submit(*self._pending.popleft())

    def _end_children(self, sig: Optional[int] = None) -> None:
        for w in self._workers:
            if sig is not None:
                try:
                    os.kill(w.pid, sig)
                except ProcessLookupError:
                    pass
            elif w.alive:
                try:
                    w.conn.send(None)
                except OSError:
                    pass
        deadline = time.monotonic() + 10.0
        for w in self._workers:
            while True:
                try:
                    done, _ = os.waitpid(w.pid, os.WNOHANG)
                except ChildProcessError:
                    break
                if done:
                    break
                if time.monotonic() > deadline:  # (a child stuck in a transfer after an interrupt)
                    os.kill(w.pid, signal.SIGKILL)
                    os.waitpid(w.pid, 0)
                    break
                time.sleep(0.005)
            if w.alive:
                w.conn.close()
                w.alive = False


def _child(index: int, conn: Connection, make_session: Callable[[], Any]) -> None:
    """A transfer process: jobs in, results out, until told to stop; ends with ``os._exit``."""
    from . import events

    # its sessions' ids (its events' connection ids) in a range no other child uses: nothing to rewrite here
    events.connection_ids = itertools.count((index + 1) * _ID_SPAN + 1)
    status = 0
    session = None
    lock = threading.Lock()  # (a session may emit from another thread)
    last_progress = [0.0]
    held: List[Optional[Event]] = [None]  # the newest progress not passed on yet
    out: List[tuple] = []  # what it has not said yet
    since = [0.0]  # when the oldest of it was added
    untold = 0  # files done since it last told

    def say(*msg) -> None:
        with lock:
            if not out:
                since[0] = time.monotonic()
            out.append(msg)

    def tell() -> None:
        with lock:
            if out:
                conn.send(out[:])
                out.clear()

    def forward(event: Event) -> None:
        if isinstance(event, TransferProgress):
            now = time.monotonic()
            if now - last_progress[0] < 0.1:
                held[0] = event
                return
            last_progress[0] = now
            held[0] = None
            say("event", event)
            tell()  # (a long transfer: heard while it runs)
            return
        if held[0] is not None:  # a transfer's last count goes before its close (the total stays exact)
            say("event", held[0])
            held[0] = None
        say("event", event)

    jobs: Deque[Tuple[int, Job]] = deque()
    retries = Retries()
    try:
        while True:
            if not jobs:
                if out and not conn.poll():  # nothing left to start: say what was done before waiting
                    tell()  # (not while jobs wait in the pipe: told one at a time, they come back one at a time)
                msg = conn.recv()
                if msg is None:
                    break
                jobs.extend(msg)
                continue
            seq, job = jobs.popleft()
            untold += 1
            try:
                if session is None:
                    try:
                        session = make_session()
                    except (ConnectionLost, ReplyError) as exc:
                        if exc.code == 421:
                            say("refused", seq)
                            break
                        raise
                    # (what neither this forwards nor the session's own listener reads is not even made)
                    kinds = session.kinds
                    session.set_listener(forward, (*FORWARDED, TransferProgress) if kinds is None else kinds)
                    say("connected")
                session.upload_cut = None  # (``threadpool.fresh``: this job's, if it is cut off)
                say("done", seq, retries.run(session, job, functools.partial(say, "retried", seq)))
            except (FtpError, OSError) as exc:  # one file's failure: the others go on
                cut = session.upload_cut if session is not None and job[0] == "upload" else None
                say("failed", seq, str(exc), cut)
                if retries.quiet:  # the jobs it has not started go to the others (``Silence``)
                    say("quiet")
                    break
            except Exception as exc:  # as the thread pool: the file fails in words, the session is replaced
                say("failed", seq, str(unexpected(exc)))
                if session is not None:
                    _close(session)
                    session = None
                    retries.reset()  # (a new connection comes: its files get their tries)
            if untold >= SAY_EVERY or time.monotonic() - since[0] >= SAY_WITHIN:
                tell()
                untold = 0
        tell()  # (after a refusal or its quiet: the files done before it, then why it ended)
    except BaseException:  # an interrupt (Ctrl-C reaches the whole process group), or this side gone
        status = 1
        try:
            tell()  # the files done before it count (a file cut off stays temporary)
        except BaseException:
            pass
    finally:
        if session is not None:
            _close(session)
        try:
            conn.close()
        except OSError:
            pass
        os._exit(status)


def _close(session) -> None:
    try:
        session.quit(wait=False)
    except Exception:
        pass
    session.close()
