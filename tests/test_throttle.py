"""The speed limit's token bucket and the listener that charges it, with a clock the test moves."""

from __future__ import annotations

import threading

import pytest

from ftpgui.ftp import CommandSent, DataClosed, DataConnected, TransferProgress
from ftpgui.ftp.datawait import Waker
from ftpgui.transfers.throttle import MIN_STEP, MeteredSink, SpeedHeld, SpeedLimit


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
    clock.now += 10  # idle: saves up at most a tenth of a second's worth (design note 284)
    assert limit.reserve(100) == 0.0
    assert limit.reserve(1000) == pytest.approx(1.0)
    limit.refund(600)  # bytes taken and not moved: given back
    assert limit.reserve(400) == pytest.approx(0.8)
    # a limited transfer moves a tenth of a second's worth at a time, never less than a page
    assert SpeedLimit(10 << 20).step(1 << 20) == 1 << 20  # (10 MiB/s: a whole read)
    assert SpeedLimit(200 << 10).step(1 << 20) == 20 << 10
    assert SpeedLimit(1000).step(1 << 20) == MIN_STEP and SpeedLimit(1000).step(100) == 100
    assert SpeedLimit(0).step(1 << 20) == 1 << 20
    limit.set_rate(0)
    assert limit.reserve(10**9) == 0.0
    with pytest.raises(ValueError):
        limit.set_rate(-1)


def test_the_sink_charges_before_each_move_and_passes_every_event_on():
    """The data path asks the sink before each move (``allow``): charged then, before the bytes move (design
    note 284); the progress events only count the transfer's bytes, for the rate a long hold is said with."""
    charged, delivered, given_back = [], [], []

    class Recorder(SpeedLimit):
        def consume(self, n, stop=None, held=None, woken=None):
            charged.append(n)
            held(0.1)  # too short to be said
            held(2.0)

        def refund(self, n):
            given_back.append(n)

    sink = MeteredSink(delivered.append, Recorder(200 << 10), threading.Event())
    events = [
        CommandSent(1, text="RETR x"),
        DataConnected(1, local=("127.0.0.1", 1), remote=("127.0.0.1", 2), dialer="client"),
        TransferProgress(1, done=5000 + 262144, total=None),  # resumed at 5000: the first report
        TransferProgress(1, done=5000 + 2 * 262144, total=None),
        TransferProgress(1, done=5000 + 2 * 262144 + 10, total=None),
    ]
    for ev in events:
        sink(ev)
    assert delivered == events and charged == []  # the progress reports charge nothing
    assert sink.allow(1 << 20) == 20 << 10 and charged == [20 << 10]  # a tenth of a second's worth, charged
    (said,) = delivered[len(events) :]
    assert isinstance(said, SpeedHeld) and said.connection_id == 1 and said.seconds == 2.0
    # the rate said: the first report after a (re)connect counts from 0, capped at one block (the REST offset is
    # unknown here); then the bytes between reports
    assert said.rate > 0
    assert sink._counted == 5000 + 2 * 262144 + 10
    sink.unused(0)
    sink.unused(300)
    assert given_back == [300]
    # a transfer's end starts the next one's count afresh, as its start does: a transfer process whose events
    # nobody else reads makes only the end (its start's addresses cost two system calls a file)
    for ev in (DataClosed(1, bytes=2 * 262144 + 10, seconds=0.1), TransferProgress(1, done=4096, total=4096)):
        sink(ev)
    assert sink._counted == 4096


def test_a_cancel_ends_the_wait():
    limit = SpeedLimit(1)
    stop = threading.Event()
    stop.set()
    limit.consume(10**6, stop)  # would be eleven days; returns at once
    # a transfer cancelled while the limit holds it back: the data path's wait ends within a tenth of a second
    waker = Waker()
    try:
        waker.fire()
        assert MeteredSink(lambda ev: None, SpeedLimit(1), threading.Event()).allow(1 << 20, waker) == MIN_STEP
    finally:
        waker.close()
