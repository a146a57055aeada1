"""The speed limit's token bucket and the listener that charges it, with a clock the test moves."""

from __future__ import annotations

import threading

import pytest

from ftpgui.ftp import CommandSent, DataClosed, DataConnected, TransferProgress
from ftpgui.transfers.throttle import MeteredSink, SpeedLimit


class Clock:
    def __init__(self):
        self.now = 100.0

    def __call__(self):
        return self.now


def test_the_bucket_makes_callers_wait_for_what_exceeds_the_rate():
    clock = Clock()
    limit = SpeedLimit(1000, clock=clock)
    assert limit.reserve(500) == pytest.approx(0.5)  # an empty bucket at start: 500 bytes cost 0.5 s
    clock.now += 0.5
    assert limit.reserve(500) == pytest.approx(0.5)  # the earlier debt was paid by the wait
    clock.now += 10  # idle: saves up at most half a second's worth
    assert limit.reserve(500) == 0.0
    assert limit.reserve(1000) == pytest.approx(1.0)
    limit.set_rate(0)
    assert limit.reserve(10**9) == 0.0
    with pytest.raises(ValueError):
        limit.set_rate(-1)


def test_the_sink_charges_the_bytes_between_progress_reports_and_passes_every_event_on():
    charged, delivered = [], []

    class Recorder(SpeedLimit):
        def consume(self, n, stop=None, held=None):
            charged.append(n)

    sink = MeteredSink(delivered.append, Recorder(1), threading.Event())
    events = [
        CommandSent(1, text="RETR x"),
        DataConnected(1, local=("127.0.0.1", 1), remote=("127.0.0.1", 2), dialer="client"),
        TransferProgress(1, done=5000 + 262144, total=None),  # resumed at 5000: the first report
        TransferProgress(1, done=5000 + 2 * 262144, total=None),
        TransferProgress(1, done=5000 + 2 * 262144 + 10, total=None),
    ]
    for ev in events:
        sink(ev)
    assert delivered == events
    # the first report after a (re)connect counts from 0, capped at one block (the REST offset is unknown here)
    assert charged == [5000 + 262144, 262144, 10]
    # a transfer's end starts the next one's count afresh, as its start does: a transfer process whose events
    # nobody else reads makes only the end (its start's addresses cost two system calls a file)
    for ev in (
        DataClosed(1, bytes=2 * 262144 + 10, seconds=0.1),
        TransferProgress(1, done=4096, total=4096),
        DataClosed(1, bytes=4096, seconds=0.01),
        TransferProgress(1, done=300, total=300),
    ):
        sink(ev)
    assert charged == [5000 + 262144, 262144, 10, 4096, 300]


def test_a_cancel_ends_the_wait():
    limit = SpeedLimit(1)
    stop = threading.Event()
    stop.set()
    limit.consume(10**6, stop)  # would be eleven days; returns at once
