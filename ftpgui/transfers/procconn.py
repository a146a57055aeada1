"""A transfer connection whose session runs in a process of its own (Linux), driven from the GUI thread.

The same contract as ``worker.Connection`` — ``submit``, ``cancel``, ``withdraw``, ``close``, batches to
``deliver`` — but the session lives in a child process (``childproc``), so the transfer connections no
longer share the GUI process's interpreter lock: with four of them as threads, the GUI thread waited for
the lock at every call into Python, and the queue took 1.4–1.8× the time of ``ftpgui-cli``, which already
ran its connections as processes (design note 79).

The children are forked from ``multiprocessing``'s fork server — a clean process with no Qt and no other
thread, which has already imported the engine, and they do not run the app's main script again
(``_leave_main_out``), so they load no Qt either — never from the GUI process itself, whose other threads
could hold a lock for ever in a forked copy. Starting one happens off the GUI thread (the first start waits
for the fork server); jobs sent meanwhile wait in the pipe. Jobs must be picklable (``jobs.ItemJob``).
What a child says arrives through a ``QSocketNotifier`` on the pipe: no thread here waits for it.

With a ``recorder`` (the mode panel's scene), the child keeps a record of every event of its connection;
``request_record()`` asks for it, and it arrives as ``recorded`` between the events before and after it
(and once more, ``final``, when the connection closes). A child that ends without its final record
(killed) says so (``recordLost``), and the child started after it keeps none.

Used where ``serving.processes_usable()`` says so; elsewhere (macOS, Windows, a frozen bundle,
``FTPGUI_TRANSFER_THREADS=1``) the queue's connections are threads, as before.
"""

from __future__ import annotations

import dataclasses
import os
import pickle
import struct
import threading
import time
from typing import Any, Optional

from PySide6.QtCore import QObject, QSocketNotifier, QTimer

from ..ftp import LOADED_LATER, ConnectionLost, SessionOptions, events
from ..ftp.errors import QT_TRANSLATE_NOOP, unexpected, worded
from . import childproc
from .connbase import ConnectionBase
from .throttle import SpeedLimit
from .wire import Endpoint, JobEnded, Readable, loads

_context: Any = None
_starting = threading.Lock()  # one process start at a time (the fork server takes them in turn anyway)
_making = threading.Lock()  # (``context``)
GONE = QT_TRANSLATE_NOOP("engine", "The transfer process ended before its work was done.")
NOT_STARTED = QT_TRANSLATE_NOOP("engine", "The transfer process could not start: {reason}")
UNREADABLE = QT_TRANSLATE_NOOP(
    "engine",
    "The transfer process could not read what ftpgui sent it ({reason}) and ended. If ftpgui was updated while it "
    "ran, restart it.",
)


NICENESS = 10  # how much lower the transfer processes' CPU priority is than the app's (FTPGUI_TRANSFER_NICE)


def niceness() -> int:
    """How much lower a transfer process's CPU priority is than the app's: ``NICENESS``, or
    ``FTPGUI_TRANSFER_NICE`` (0–19; 0 keeps the app's).

    On a machine whose cores the transfers keep busy — many small files, two cores — the window's thread
    waited its turn behind them: a repaint of the queue (9 ms of CPU) came 25–40 ms late, and the 10 ms probe
    of ``bench_queue.py`` saw a stall p99 of 29 ms; with the transfer processes at niceness 5, 20 ms; at 10,
    16 ms, the transfers as quick (design note 84). A transfer waits on the network far more than on the CPU,
    so it loses nothing while the machine has a core to spare; when it has none, the person's clicks come
    first."""
    value = os.environ.get("FTPGUI_TRANSFER_NICE", "").strip()
    try:
        return max(0, min(19, int(value))) if value else NICENESS
    except ValueError:
        return NICENESS


def context() -> Any:
    """``multiprocessing``'s fork-server context, its server preloading the engine (imported on first use:
    ``multiprocessing`` loads ``subprocess``, which a warm start must not)."""
    global _context
    with _making:  # (the GUI thread and the warm-up thread may both ask first)
        if _context is None:
            import multiprocessing

            ctx = multiprocessing.get_context("forkserver")
            # (and what the engine loads on first use: the GUI process loads it only when it needs it itself)
            # (``forkserver_end``: the server removes its socket's folder as it ends, after an app killed too)
            preload = ["ftpgui.transfers.childproc", "ftpgui.transfers.jobs", "ftpgui.transfers.forkserver_end"]
            ctx.set_forkserver_preload([*preload, *LOADED_LATER])
            _leave_main_out()  # (once: here, with the context made once)
            _context = ctx
    return _context


def remove_temp_folder() -> None:
    """Before the app ends by ``os._exit`` (``app.main``'s last resort): remove the folder ``multiprocessing``
    made for the fork server's socket (``pymp-*`` in the system's temporary folder), which it removes only at
    an ordinary exit (design note 244)."""
    if _context is None:  # (no fork server was asked for: none made)
        return
    import shutil
    from multiprocessing import util

    shutil.rmtree(util.get_temp_dir(), ignore_errors=True)


PROCESS_PREFIX = "ftpgui-"  # the names of the processes started here (``_leave_main_out``)


def _leave_main_out() -> None:
    """Start the transfer processes without running the app's main script again.

    ``multiprocessing`` has every child it starts import the parent's ``__main__`` (as ``__mp_main__``) before
    it runs its target, unless that is a package's ``__main__``. The app's ``ftpgui`` launcher is a script
    importing ``ftpgui.app``: each transfer process loaded PySide6, the windows and shiboken — whose
    replacement of ``__import__`` then slowed every import statement run in a job — 0.1 s of CPU or more a
    process before its first file, against 0.013 s without. A child's target and arguments live in
    importable modules (``childproc``, ``jobs``), so the children started here need nothing of ``__main__``."""
    from multiprocessing import spawn

    prepared = spawn.get_preparation_data

    def get_preparation_data(name: str) -> dict:
        data = prepared(name)
        if name.startswith(PROCESS_PREFIX):
            data.pop("init_main_from_path", None)
            data.pop("init_main_from_name", None)
        return data

    spawn.get_preparation_data = get_preparation_data


class ProcessConnection(ConnectionBase):
    """An engine session in a child process. Create, use and close it on the GUI thread."""

    copies_jobs = True  # a job is pickled when submitted: the caller need not copy what it holds

    def __init__(
        self,
        endpoint: Endpoint,
        options: Optional[SessionOptions] = None,
        name: str = "connection",
        parent: Optional[QObject] = None,
        limit: Optional[SpeedLimit] = None,
        gate: Optional[threading.Event] = None,  # (for threads only: a process does not share the GIL)
        recorder: Any = None,
    ):
        super().__init__(endpoint, name, parent)
        self._recorder = recorder  # picklable: recorder(connection_id) is made in the child
        self._options = options or SessionOptions()
        self._limit = limit
        self._keep: Any = None
        self._learnt = False  # learn_fallback was called: a child started again is told too
        self._report_below: Optional[int] = None
        self._out: list = []  # framed messages for the child, written at the end of this turn of the event loop
        self._items: list = []  # this turn's queue items (each pickled when handed out), to go as one message
        self._writing = False
        self.connection_id = next(events.connection_ids)  # the engine's numbering: no other session has it
        self._conn: Any = None
        self._process: Any = None
        self._spawn()

    # --- the child ---------------------------------------------------------------------------------------
    def _spawn(self) -> None:
        ctx = context()
        self._control = ctx.Array("q", childproc.CONTROL_SIZE)
        self._ring = 0
        mine, theirs = ctx.Pipe(duplex=True)
        bucket = self._limit.share(ctx) if self._limit is not None else None
        options = dataclasses.replace(  # (callbacks stay here: the child asks for their answers)
            self._options, **{n: childproc.AskApp(n) for n in childproc.CALLBACKS if _is_callback(self._options, n)}
        )
        process = ctx.Process(
            target=childproc.run_child,
            args=(
                theirs,
                self.connection_id,
                self.endpoint,
                options,
                self._control,
                bucket,
                self._report_below,
                self._recorder,
                niceness(),
            ),
            name=f"{PROCESS_PREFIX}{self.name}",
            daemon=True,
        )
        self._conn, self._process = mine, process
        self._readable_now = Readable(mine)
        self._notifier = QSocketNotifier(mine.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._readable)
        if self._keep is not None:
            self._send(("keep", self._keep))
        if self._learnt:
            self._send(("fallback",))
        self._start_failed: list = []
        self._ended_why: Optional[ConnectionLost] = None  # what the child said before it ended, if anything
        threading.Thread(
            target=_start, args=(process, theirs, self._start_failed), name="ftpgui-spawn", daemon=True
        ).start()

    def _send(self, msg: tuple, now: bool = False) -> None:
        """Pickle ``msg`` now (a job is a snapshot of its item) and write it with the others of this turn of the
        event loop: one write, one wake-up of the child, for the run of jobs a dispatch hands out."""
        self._post(pickle.dumps(msg, pickle.HIGHEST_PROTOCOL))
        if now:
            self._write()

    def _post(self, data: bytes) -> None:
        if self._items:  # (the items handed out before it go before it)
            self._post_items()
        self._out.append(struct.pack("!i", len(data)) + data)  # (multiprocessing.Connection's framing)
        self._write_soon()

    def _write_soon(self) -> None:
        if not self._writing:
            self._writing = True
            QTimer.singleShot(0, self, self._write)

    def _post_items(self) -> None:
        """The items handed out since the last message, as one: ``("items", n)`` and the n items' own pickles
        after it (``childproc._Child._read``) — one message the child reads, not one for each file (each had
        cost it a look at the pipe, two reads and a turn of its listening thread: the job thread's lock)."""
        items, self._items = self._items, []
        data = pickle.dumps(("items", len(items)), pickle.HIGHEST_PROTOCOL) + b"".join(items)
        self._out.append(struct.pack("!i", len(data)) + data)

    def _write(self) -> None:
        self._writing = False
        if self._items:
            self._post_items()
        out, self._out = self._out, []
        if not out or self._conn is None:
            return
        view = memoryview(b"".join(out))
        fd = self._conn.fileno()
        try:
            while view:
                view = view[os.write(fd, view) :]
        except OSError:
            pass  # the child has ended: the notifier reports it

    def _readable(self) -> None:
        entries = []
        gone = False
        try:
            while self._readable_now.ready():
                msg = loads(self._conn.recv_bytes())
                if msg[0] == "batch":
                    entries.extend(msg[1])
                elif msg[0] == "ask":
                    self._answer(msg[1], msg[2], msg[3])
                elif msg[0] == "unreadable":  # (the child ends next: its jobs fail with this reason)
                    self._ended_why = worded(ConnectionLost, UNREADABLE, reason=msg[1])
        except (EOFError, OSError):
            gone = True
        except Exception:  # a message this side cannot read: the child is ended, its jobs fail in words
            self._process.kill()
            gone = True
        if entries:
            self._deliver(entries)  # (a record among them is emitted in its place: ConnectionBase._deliver)
        if gone:
            self._gone()

    def _answer(self, number: int, name: str, args: tuple) -> None:
        """A callback of the options, asked by the child (``childproc.AskApp``)."""
        if name not in childproc.CALLBACKS:
            return
        try:
            value = getattr(self._options, name)(*args)
        except Exception:
            value = False  # (as a thread's session would have failed: not trusted, not allowed)
        self._send(("answer", number, value), now=True)  # (the child waits for it)

    def _gone(self) -> None:
        """The child's end of the pipe closed: it has ended (or never started)."""
        self._notifier.setEnabled(False)
        self._notifier.deleteLater()
        conn, process = self._conn, self._process
        self._conn = None
        if self._recorder is not None:  # a new child would keep a record that starts at its own start
            self._recorder = None
            if not self._final_recorded:
                self.recordLost.emit(self.connection_id)
        self._out, self._items = [], []
        conn.close()
        threading.Thread(target=_reap, args=(process,), name="ftpgui-reap", daemon=True).start()
        lost = sorted(self._pending)
        if not lost:
            return
        failed = self._start_failed
        why = self._ended_why
        if why is None:
            why = worded(ConnectionLost, NOT_STARTED, reason=failed[0]) if failed else worded(ConnectionLost, GONE)
        closing = self._close_id
        self._deliver([JobEnded(i, i == closing, None if i == closing else why) for i in lost])

    @property
    def keeps_record(self) -> bool:
        """Whether the child keeps a record of its events (made with a ``recorder``)."""
        return self._recorder is not None

    def request_record(self) -> bool:
        """Ask the child for its record (it comes as ``recorded``); False when none will come (no recorder,
        or the child has ended)."""
        if self._recorder is None or self._conn is None:
            return False
        self._send(("record",), now=True)  # (closing too: the child's listening thread answers meanwhile)
        return True

    @property
    def pid(self) -> Optional[int]:
        """The child's process id (None before it has started)."""
        return self._process.pid if self._process is not None else None

    # --- the contract of worker.Connection -----------------------------------------------------------------
    @property
    def stopping(self) -> None:
        """None: a job's cancel flag is the child's own (``ItemJob.bind``)."""
        return None

    @property
    def report_below(self) -> Optional[int]:
        return self._report_below

    @report_below.setter
    def report_below(self, jobs: Optional[int]) -> None:
        self._report_below = jobs
        if self._conn is not None:
            self._send(("report_below", jobs))

    @property
    def keep_events(self) -> Any:
        return self._keep

    @keep_events.setter
    def keep_events(self, test: Any) -> None:
        self._keep = test  # (a module-level function: it crosses by name)
        if self._conn is not None:
            self._send(("keep", test))

    def watch_idle(self) -> None:
        """(The child looks by itself whether the server closed its idle connection: ``childproc``.)"""

    def learn_fallback(self) -> None:
        """Another connection to this server fell back to active mode: so does this one's session (auto mode)."""
        self._learnt = True
        if self._conn is not None:
            self._send(("fallback",))

    def submit(self, fn: Any) -> int:
        """Queue ``fn(session)`` in the child (``fn`` picklable, from an importable module: the child does not run
        the app's main script, ``_leave_main_out``); returns the job id its result will carry."""
        if self._closing:
            raise RuntimeError(f"the {self.name} connection is closed")
        if self._conn is None:  # the last child ended (killed, crashed): a new one takes the work
            self._spawn()
        job_id = next(self._ids)
        was_busy = self.busy
        self._pending.add(job_id)
        wire = getattr(fn, "wire", None)  # (a queue item's job crosses as plain values: ItemJob.wire)
        try:
            if wire is not None:  # (pickled now: a job is a snapshot of its item)
                self._items.append(pickle.dumps(("item", job_id, wire()), pickle.HIGHEST_PROTOCOL))
                self._write_soon()
            else:
                self._send(("job", job_id, fn))
        except Exception as exc:  # a job that cannot cross fails in words, as one that raised would
            failed = JobEnded(job_id, False, unexpected(exc))
            QTimer.singleShot(0, self, lambda: self._deliver([failed]))
        if not was_busy:
            self.busyChanged.emit(True)
        return job_id

    def _withdrawn(self, job_id: int) -> None:
        """Under the control lock: ``job_id`` is skipped when the child reaches it."""
        self._control[childproc.RING_START + self._ring % childproc.RING] = job_id
        self._ring += 1

    def cancel(self, job_id: Optional[int] = None) -> None:
        """Cancel one job (queued, or running: its transfer stops), or (``None``) the running one and all queued."""
        if self._conn is None:
            return
        control = self._control
        with control.get_lock():
            if job_id is None:
                for pending in sorted(self._pending):
                    if pending > control[childproc.REACHED] and pending != self._close_id:
                        self._withdrawn(pending)
                running = bool(control[childproc.CURRENT])
            else:
                if job_id > control[childproc.REACHED]:
                    self._withdrawn(job_id)
                running = control[childproc.CURRENT] == job_id
        if running:
            self._send(("cancel", job_id, max(self._pending, default=0)))

    def withdraw(self, job_id: int) -> bool:
        """Take back a job that has not started: True when it never will (its failure with ``Cancelled``
        still comes). Decided on the child's own record, in the shared array, under its lock."""
        if self._conn is None:
            return False  # (its failure has come, or comes now)
        control = self._control
        with control.get_lock():
            if job_id <= control[childproc.REACHED]:
                return False
            self._withdrawn(job_id)
            return True

    def close(self) -> None:
        """Cancel what is queued, say QUIT, and let the child end — without waiting here."""
        job_id = self._close_job()
        if job_id is None:
            return
        if self._conn is None:  # no child: closed already
            self._deliver([JobEnded(job_id, True, None)])
            return
        self._send(("close", job_id), now=True)  # (at exit, wait() follows with no event loop)

    def hang_up(self) -> None:
        """At application exit, after ``close()``: the child ends its connection under a QUIT (or anything else)
        that waits on a stalled server (``FtpSession.hang_up``), so that it ends now."""
        if self._conn is not None:
            self._send(("hang_up",), now=True)

    def wait(self, ms: int = 5000) -> bool:
        """At application exit only: wait for the child to end after ``close()``, reading (and dropping) what
        it still says meanwhile — with no event loop to read the pipe, a child writing more than the pipe
        holds (its final record, after many files: the mode panel's scene) would wait for a reader until
        this gave up (design note 85)."""
        process = self._process
        if process is None:
            return True
        from multiprocessing.connection import wait as ready

        deadline = time.monotonic() + ms / 1000
        try:
            sentinel = process.sentinel
        except (AssertionError, ValueError):  # never started, or already reaped
            return True
        conn = self._conn
        while process.exitcode is None:
            left = deadline - time.monotonic()
            if left <= 0:
                return False
            for what in ready([sentinel] if conn is None else [sentinel, conn], left):
                if what is conn:
                    try:
                        conn.recv_bytes()  # (dropped: the app is ending)
                    except (EOFError, OSError):
                        conn = None  # the child's end has closed: it is ending
            process.join(0)
        return True


_warmed = False  # (``warm``) the warm-up has been started


def warm() -> None:
    """Start the fork server now, on a thread of its own, once: called when a server is set for the queue (a
    person connects, then looks at the listing), so the first transfer does not wait the 0.08–0.11 s its
    start takes (the server imports the engine for the children to share). Called on the GUI thread."""
    global _warmed
    if not _warmed:
        _warmed = True
        threading.Thread(target=_warm, name="ftpgui-warm", daemon=True).start()


def _warm() -> None:
    from multiprocessing import forkserver

    try:
        with _starting:  # (a transfer's start meanwhile waits for it, and then finds the server running)
            context()
            forkserver.ensure_running()
    except Exception:  # the first transfer's own start tries again, and says what failed
        pass


def _is_callback(options: SessionOptions, name: str) -> bool:
    value = getattr(options, name)
    return callable(value) and not isinstance(value, (set, frozenset, list, tuple))


def _start(process: Any, theirs: Any, failed: list) -> None:
    """On a thread of its own: start the child (the first start waits for the fork server)."""
    try:
        with _starting:
            process.start()
    except Exception as exc:  # the pipe closes below: the connection sees it as ended, its jobs fail in words
        failed.append(exc)
    finally:
        theirs.close()


def _reap(process: Any) -> None:
    try:
        process.join(30)
    except (AssertionError, ValueError):
        pass
