"""What crosses between a connection's owner (the GUI thread) and the thread or process that runs it.

No Qt here: a transfer process (``childproc``) imports this and the engine, nothing of the GUI. ``Endpoint``
says where a connection goes; a connection's outbox holds its session's events and a ``JobEnded`` per
finished job, in the order they happened (and a ``Recorded`` when asked), and ``coalesce``
keeps only the newest progress of each run.

For a process, ``dumps``/``loads`` carry these over a pipe. Python's own pickling rebuilds an exception by
calling its class with ``args`` — which fails for the engine's errors (``ReplyError(command, code, text)``
has one message in ``args``) and for ``ItemFailed``; here every exception is rebuilt from its class, its
``args`` and its attributes instead, without calling ``__init__`` (``OSError`` keeps Python's way, which
keeps its file name).
"""

from __future__ import annotations

import io
import pickle
import select
import threading
from dataclasses import dataclass
from typing import Any, Callable, List, Optional, Tuple

from ..ftp import Event, FtpError, ModeFallback, TransferProgress
from .endpoint import Endpoint  # (where a connection goes; importable from here as before)
from .items import ItemStarted, PartNoted
from .throttle import SpeedHeld


class Readable:
    """Whether a pipe end (a ``multiprocessing`` connection) has a message to read: ``ready(timeout)`` in
    seconds, None to wait. One ``select.poll`` kept for the pipe's life, where ``Connection.poll`` builds a
    selector for each call (13 µs against 1 on this project's machines; a transfer process looks once a
    file or more, and the app's window thread once for each message it reads)."""

    def __init__(self, conn: Any) -> None:
        self._poll = select.poll()
        self._poll.register(conn.fileno(), select.POLLIN)

    def ready(self, timeout: Optional[float] = 0.0) -> bool:
        return bool(self._poll.poll(None if timeout is None else timeout * 1000))


@dataclass(frozen=True)
class JobEnded:
    """A job's result, in a connection's outbox among its events: ``value`` is the result, or the exception
    when not ``ok``."""

    job_id: int
    ok: bool
    value: Any


@dataclass(frozen=True)
class Recorded:
    """A transfer connection's record of its events (``Recorder``: the mode panel's scene of it), pickled, in
    its outbox among the events: it holds every event before it and none after. ``final``: the
    connection has closed, no event follows."""

    data: bytes
    final: bool = False


class Recorder:
    """What runs a connection (a thread's worker, a process's child) keeps of its session's events: a record
    made by ``recorder(connection_id)`` (``.feed(event)``, picklable), fed every event with what is put out
    for the app in the same step, under ``lock``. A record that fails is dropped, never the job."""

    def __init__(self, recorder: Any, connection_id: int):
        self.record = recorder(connection_id) if recorder is not None else None
        self.broken = False
        self.lock = threading.Lock()

    @property
    def kept(self) -> bool:
        return self.record is not None or self.broken

    def feed(self, event: Any, put: Optional[Callable[[Any], None]]) -> None:
        with self.lock:
            try:
                self.record.feed(event)
            except Exception:  # the app is told the record is gone (an empty one)
                self.record, self.broken = None, True
            if put is not None:
                put(event)

    def pickled(self) -> bytes:
        """The record, pickled (call with ``lock`` held); empty when it could not be kept."""
        try:
            return pickle.dumps(self.record, pickle.HIGHEST_PROTOCOL) if self.record is not None else b""
        except Exception:
            return b""


def needed(event: object) -> bool:
    """The events the queue itself reads (``progress.py``): a connection's test while nothing else listens.
    (Here, in a module without Qt: a transfer process imports the module of the test it is sent.) Its
    ``kinds`` name those classes: a transfer process keeping no record then has its session make no other."""
    return event.__class__ in (ItemStarted, PartNoted, ModeFallback, SpeedHeld) or isinstance(event, TransferProgress)


# (not the speed limit's ``SpeedHeld``: no session makes it)
needed.kinds = (ItemStarted, PartNoted, TransferProgress, ModeFallback)  # type: ignore[attr-defined]


def keep_event(event: Any, keep: Any, rec: Recorder, put: Callable[[Any], None]) -> None:
    """Put ``event`` out for the app unless ``keep`` (a filter, or None) refuses it; and feed ``rec``'s record."""
    kept = keep is None or keep(event)
    if rec.record is not None:
        rec.feed(event, put if kept else None)
    elif kept:
        put(event)


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


def run_job(session: Any, endpoint: Endpoint, fn: Callable[[Any], Any], login: bool = True) -> Tuple[bool, Any]:
    """Run ``fn(session)`` — logged in first when the session is not (a lost one comes back into its folder),
    unless ``login`` is False — as (True, its result) or (False, what it raised).

    A control connection the server closed while it sat idle (its "421 Timeout" and its end wait unread) is
    noticed first (``keep_alive``: one ``select``, no command unless the server said something): the job's
    first command then logs in again, instead of failing on the dead connection and costing the item a try
    and the queue's wait before the next."""
    login = login and getattr(fn, "logs_in", True)  # (``jobs.Meet`` logs in nowhere)
    try:
        if login and not session.logged_in:
            session.open(endpoint.host, endpoint.port, endpoint.user, endpoint.password)
        elif login:
            session.keep_alive(False)  # (False at once when the connection is known gone)
        return True, fn(session)
    except BaseException as exc:
        return False, exc


# --- over a pipe --------------------------------------------------------------------------------------
def _exception(cls: type, args: tuple, state: dict, cause: Any = None) -> BaseException:
    exc = cls.__new__(cls, *args)
    exc.args = args
    if state:
        exc.__dict__.update(state)
    exc.__cause__ = cause  # (what explains it in words may be there: the OSError of a full disk)
    return exc


class _Pickler(pickle.Pickler):
    def reducer_override(self, obj: Any) -> Any:
        if isinstance(obj, BaseException) and not isinstance(obj, OSError):  # (OSError's own keeps its filename)
            return _exception, (type(obj), obj.args, dict(getattr(obj, "__dict__", {})), obj.__cause__)
        return NotImplemented


def dumps(obj: Any) -> bytes:
    buf = io.BytesIO()
    _Pickler(buf, pickle.HIGHEST_PROTOCOL).dump(obj)
    return buf.getvalue()


def dumps_batch(batch: List[Any]) -> bytes:
    """``("batch", batch)`` pickled: by ``dumps`` when a job in it failed (its exception keeps what explains
    it), else by ``pickle`` itself — events and results carry no exception, and ``dumps``'s hook costs a
    Python call for every object pickled."""
    if any(e.__class__ is JobEnded and not e.ok for e in batch):
        return dumps(("batch", batch))
    return pickle.dumps(("batch", batch), pickle.HIGHEST_PROTOCOL)


loads = pickle.loads


def crossable(entry: Any) -> Any:
    """``entry`` if it can be pickled; else what stands for it (a failure in words), or None to drop it.

    An event that holds something unpicklable is dropped (its connection's picture misses a step); a job's
    failure always arrives, as its message."""
    try:
        dumps(entry)
        return entry
    except Exception:
        pass
    if isinstance(entry, JobEnded):
        if entry.ok:
            return JobEnded(entry.job_id, False, FtpError("The transfer process could not report its result."))
        from .items import ItemFailed  # (a job's own failure: keep where it happened)

        value = entry.value
        if isinstance(value, ItemFailed):
            return JobEnded(
                entry.job_id, False, ItemFailed(FtpError(str(value)), local=value.local, remote=value.remote)
            )
        return JobEnded(entry.job_id, False, FtpError(str(value)))
    return None
