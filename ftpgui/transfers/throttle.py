"""The optional global speed limit: one token bucket shared by every transfer connection.

The bucket is charged on the connection's own thread, by the engine's data path before each read or write
(``FtpSession.pace``, ``datamove.Pace``), which then moves no more than a tenth of a second's worth: sleeping
there holds back the socket reads and writes themselves, so TCP's flow control slows the peer too, and the
GUI thread never waits. Charged before the bytes move, every second keeps to the limit, the first one too —
as lftp (``BytesAllowed``) and FileZilla (``fz::rate_limiter``) cap each read and write by what the bucket
allows. Charged from the progress reports after the bytes had moved (256 KiB, a whole 1 MiB read, and half
a second saved up), the first second let through twice the limit (design note 284).
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable, Optional

if TYPE_CHECKING:
    from ..ftp.events import Event


BURST_SECONDS = 0.1  # at most this much unused rate is saved up (a transfer starting after a pause may use it)
STEP_SECONDS = 0.1  # a limited transfer moves at most this much of the rate at a time…
MIN_STEP = 4096  # …but never less than this (a page: smaller reads cost more than they save)
HELD_SAID = 0.25  # seconds: a hold at least this long is told to the queue (its State says so)


@dataclass(frozen=True)
class SpeedHeld:
    """A marker the speed limit puts in a connection's event stream as it holds the transfer back for
    ``seconds``: its State says so until the connection's next event. ``rate``: the bytes a second the transfer
    has moved, counted from its start to the end of this hold. The queue removes it before passing events on."""

    connection_id: int
    seconds: float
    rate: float


class SpeedLimit:
    """A token bucket in bytes per second; 0 means unlimited. Thread-safe.

    ``share(context)`` moves the bucket into shared memory, so that transfer processes (``childproc``)
    charge the same bucket through ``SpeedLimit.attached(handle)``; ``set_rate`` here reaches them at once.
    (``time.monotonic`` is one clock for every process of the machine.)"""

    def __init__(self, rate: int = 0, clock: Callable[[], float] = time.monotonic):
        self._lock: Any = threading.Lock()
        self._clock = clock
        self._v: Any = [0.0, 0.0, clock()]  # rate, tokens, stamp
        self._shared: Any = None
        self.set_rate(rate)

    @classmethod
    def attached(cls, handle: Any) -> SpeedLimit:
        """The bucket another process shared (``share``'s handle)."""
        limit = cls()
        limit._shared = handle
        limit._v = handle.get_obj()  # (read without the lock: the rate is one double; changes take the lock)
        limit._lock = handle.get_lock()
        return limit

    def share(self, context: Any) -> Any:
        """The handle a transfer process attaches to (made once, in ``context``'s shared memory)."""
        if self._shared is None:
            with self._lock:
                shared = context.Array("d", list(self._v))
                self._shared, self._v, self._lock = shared, shared.get_obj(), shared.get_lock()
        return self._shared

    @property
    def rate(self) -> int:
        return int(self._v[0])

    def set_rate(self, rate: int) -> None:
        if rate < 0:
            raise ValueError("a speed limit cannot be negative")
        with self._lock:
            self._v[0] = int(rate)
            self._v[1] = 0.0
            self._v[2] = self._clock()

    def step(self, want: int) -> int:
        """How much of ``want`` bytes a transfer may move at a time now: all of it with no limit, else a
        ``STEP_SECONDS`` share of the rate (at least ``MIN_STEP``)."""
        rate = self._v[0]
        return want if not rate else min(want, max(MIN_STEP, int(rate * STEP_SECONDS)))

    def refund(self, n: int) -> None:
        """Give back ``n`` bytes taken but not moved (a read that found fewer, or none)."""
        if not self._v[0]:  # no limit: nothing to give back (its lock, shared between processes, not taken)
            return
        with self._lock:
            v = self._v
            if v[0]:
                v[1] = min(v[0] * BURST_SECONDS, v[1] + n)

    def reserve(self, n: int) -> float:
        """Take ``n`` bytes from the bucket; returns how long the caller must wait before moving on."""
        with self._lock:
            v = self._v
            rate = v[0]
            if not rate:
                return 0.0
            now = self._clock()
            tokens = min(rate * BURST_SECONDS, v[1] + (now - v[2]) * rate) - n
            v[1], v[2] = tokens, now
            return -tokens / rate if tokens < 0 else 0.0

    def consume(
        self,
        n: int,
        stop: Optional[threading.Event] = None,
        held: Optional[Callable[[float], None]] = None,
        woken: Optional[Callable[[], bool]] = None,
    ) -> None:
        """Wait until ``n`` more bytes are allowed (returns early when ``stop`` is set, ``woken`` says so — a
        cancel, looked at every tenth of a second — or the limit is lifted); ``held`` is told the wait first, when
        there is one."""
        delay = self.reserve(n)
        if delay > 0 and held is not None:
            held(delay)
        deadline = time.monotonic() + delay
        while delay > 0 and self._v[0]:
            if stop is not None:
                if stop.wait(min(delay, 0.1)):
                    return
            else:
                time.sleep(min(delay, 0.1))
            if woken is not None and woken():
                return
            delay = deadline - time.monotonic()


class MeteredSink:
    """An engine listener that queues each event, and the session's ``pace``: the speed limit, charged before
    each move of the data path (``allow``), the queue told of a long hold (``SpeedHeld``) with the rate the
    transfer has had, counted from its progress events."""

    def __init__(self, deliver: Callable[[Event], None], limit: SpeedLimit, stop: threading.Event):
        self._deliver = deliver
        self._limit = limit
        self._stop = stop
        self._last: Optional[int] = None
        self._began: Optional[float] = None  # when the current transfer's count began
        self._counted = 0  # and the bytes it has moved since
        self._connection = 0  # the connection's id, as its events say
        from ..ftp.events import DataClosed, DataConnected, TransferProgress  # (made where the engine runs)

        self._bounds = (DataClosed, DataConnected)
        self._progress = TransferProgress

    def allow(self, want: int, waker: Any = None) -> int:
        """Wait until the limit allows a move, and say how many of ``want`` bytes it may be (``datamove.Pace``);
        returns early when the connection stops, the transfer is cancelled (``waker`` fires) or the limit is
        lifted."""
        limit = self._limit
        if not limit._v[0]:  # no limit (``step`` and ``rate`` say so too: one look, once for each move)
            return want
        n = limit.step(want)
        limit.consume(n, self._stop, self._held, None if waker is None else lambda: waker.fired)
        return n

    def unused(self, n: int) -> None:
        if n > 0:
            self._limit.refund(n)

    def __call__(self, event: Event) -> None:
        self._deliver(event)
        self._connection = event.connection_id
        if isinstance(event, self._bounds):
            # a transfer ended (or began): the next count is a new transfer's, which may start at a REST
            # offset. (A transfer process whose events nobody else reads makes each data connection's end, not
            # its start: the start's addresses cost two system calls a file.)
            self._last = None
            self._began, self._counted = event.at, 0
        elif isinstance(event, self._progress):
            last = self._last
            moved = event.done - last if last is not None and event.done >= last else min(event.done, 1 << 20)
            self._last = event.done
            self._counted += max(moved, 0)

    def _held(self, delay: float) -> None:
        """Tell the queue the transfer is held back ``delay`` seconds (a long enough hold), with its rate."""
        if delay >= HELD_SAID:
            now = time.monotonic()
            began = now if self._began is None else self._began
            rate = self._counted / max(now + delay - began, delay)
            self._deliver(SpeedHeld(self._connection, delay, rate))  # type: ignore[arg-type]
