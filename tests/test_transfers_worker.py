"""The off-GUI-thread utility and the per-connection worker, against a real pyftpdlib server."""

from __future__ import annotations

import os
import threading

import pytest
from PySide6.QtCore import QThread

from ftpgui.ftp import (
    Cancelled,
    CommandSent,
    ControlConnected,
    ControlConnecting,
    LoginError,
    SessionOptions,
    TransferProgress,
)
from ftpgui.transfers import worker
from ftpgui.transfers.runner import run_blocking
from ftpgui.transfers.worker import Connection, Endpoint, JobEnded, coalesce

from ftpserver import PASSWORD, USER

pytestmark = pytest.mark.usefixtures("qapp")


def test_run_blocking_returns_on_the_calling_thread(qtbot):
    gui = threading.get_ident()
    seen = {}

    def work(a, b):
        seen["thread"] = threading.get_ident()
        return a + b

    call = run_blocking(work, 2, 3)
    with qtbot.waitSignal(call.done) as blocker:
        pass
    assert blocker.args == [5]
    assert seen["thread"] != gui
    assert call.finished and call.result == 5


def test_run_blocking_delivers_the_exception(qtbot):
    delivered = []

    def boom():
        raise OSError(28, "No space left on device")

    call = run_blocking(boom, on_error=lambda exc: delivered.append((threading.get_ident(), exc)))
    qtbot.waitUntil(lambda: call.finished)
    assert isinstance(call.error, OSError) and call.error.errno == 28
    assert delivered and delivered[0][0] == threading.get_ident()


def test_a_call_whose_object_is_gone_ends_quietly(qtbot, capfd):
    """At exit the app may go while a blocking call is still running: its result then has no one to go to, and
    is dropped without the traceback PySide printed ("Signal source has been deleted"; found by hand)."""
    import shiboken6
    from PySide6.QtCore import QThreadPool

    from ftpgui.transfers import runner

    gate = threading.Event()
    call = run_blocking(gate.wait, 5)
    shiboken6.delete(call)  # (what the app's end does to it)
    gate.set()
    assert QThreadPool.globalInstance().waitForDone(5000)
    assert "Signal source has been deleted" not in capfd.readouterr().err
    assert call not in runner._alive


@pytest.mark.parametrize("how", ["lambda", "method", "partial"])
def test_an_answer_for_a_deleted_object_is_dropped(qtbot, how):
    """A dialog or window deleted while its blocking work ran (a keyring read, a save): the answer, which would
    use the deleted object ("Internal C++ object already deleted", raised in the event loop), is dropped — by a
    lambda over ``self``, a bound method, or a partial of one (design note 230)."""
    import functools

    import shiboken6
    from PySide6.QtCore import QObject, QThreadPool, QTimer

    class Asker(QObject):
        def __init__(self):
            super().__init__()
            self.timer = QTimer(self)
            self.answers = []

        def answer(self, value, *_):
            self.timer.setInterval(10)  # (a child of the deleted object: raised on the code before)
            self.answers.append(value)

        def ask(self, gate):
            on_done = {
                "lambda": lambda value: self.answer(value),
                "method": self.answer,
                "partial": functools.partial(self.answer),
            }[how]
            return run_blocking(gate.wait, 5, on_done=on_done)

    gate = threading.Event()
    kept, gone = Asker(), Asker()
    kept.ask(gate)
    call = gone.ask(gate)
    shiboken6.delete(gone)  # (a window's deleteLater done)
    gate.set()
    assert QThreadPool.globalInstance().waitForDone(5000)
    qtbot.waitUntil(lambda: call.finished, timeout=5000)
    qtbot.waitUntil(lambda: kept.answers == [True], timeout=5000)  # (the living one still hears its answer)


def test_endpoint_never_shows_the_password():
    ep = Endpoint("127.0.0.1", 2121, USER, PASSWORD)
    assert PASSWORD not in repr(ep) and PASSWORD not in str(ep)
    assert str(Endpoint("::1", 21)) == "anonymous@[::1]:21"


def test_coalesce_keeps_only_the_newest_progress_per_connection():
    a = [TransferProgress(1, done=n, total=10) for n in range(1, 6)]
    b = TransferProgress(2, done=7, total=9)
    cmd = CommandSent(1, text="NOOP")
    out = coalesce([a[0], cmd, a[1], b, a[2]])
    assert out == [cmd, b, a[2]]
    assert coalesce([cmd]) == [cmd]


@pytest.fixture
def conn(request, qtbot, make_server):
    marker = request.node.get_closest_marker("server")
    srv = make_server("127.0.0.1", **(marker.kwargs if marker else {}))
    c = Connection(Endpoint(srv.host, srv.port, USER, PASSWORD), SessionOptions(timeout=10), name="test")
    c.server = srv  # type: ignore[attr-defined]
    yield c
    with qtbot.waitSignal(c.closed, timeout=15000):
        c.close()
    assert c.wait(5000)


def test_jobs_run_in_order_on_the_connection_thread(qtbot, conn):
    with open(conn.server.path("a.txt"), "wb") as f:
        f.write(b"hello")
    threads, events = [], []
    conn.eventsArrived.connect(events.extend)
    results = {}
    conn.jobDone.connect(lambda job, res: results.__setitem__(job, res))

    def where(session):
        threads.append(QThread.currentThread().objectName())
        return session.pwd()

    first = conn.submit(where)
    second = conn.submit(lambda s: [e.name for e in s.listdir("/")])
    qtbot.waitUntil(lambda: second in results, timeout=15000)
    assert list(results) == [first, second]
    assert results[first] == "/" and results[second] == ["a.txt"]
    assert threads == ["ftpgui-test"]
    assert isinstance(events[0], ControlConnecting) and isinstance(events[1], ControlConnected)
    # the events name the server the test started, as seen from the client's real socket
    assert events[0].remote == events[1].remote == ("127.0.0.1", conn.server.port)
    assert (events[1].remote, events[1].local) == conn.server.record.control[0]
    assert not conn.busy


def test_a_failure_comes_back_as_a_value(qtbot, make_server):
    srv = make_server("127.0.0.1")
    c = Connection(Endpoint(srv.host, srv.port, USER, "wrong"), SessionOptions(timeout=10))
    with qtbot.waitSignal(c.jobFailed, timeout=15000) as blocker:
        c.submit(lambda s: s.pwd())
    assert isinstance(blocker.args[1], LoginError)
    assert "wrong" not in str(blocker.args[1])
    with qtbot.waitSignal(c.closed, timeout=15000):
        c.close()
    c.wait()


@pytest.mark.server(throttle=512 * 1024)
def test_progress_crosses_threads_in_batches_and_cancel_stops_a_transfer(qtbot, conn, tmp_path):
    # a throttled server makes the download last long enough to see progress and cancel it
    slow = conn.server
    with open(slow.path("big.bin"), "wb") as f:
        f.write(os.urandom(4 << 20))
    batches = []
    conn.eventsArrived.connect(batches.append)
    failed = []
    conn.jobFailed.connect(lambda job, exc: failed.append(exc))
    target = tmp_path / "big.bin"
    conn.submit(lambda s: s.download("/big.bin", str(target)))
    queued = conn.submit(lambda s: s.pwd())
    qtbot.waitUntil(lambda: any(isinstance(e, TransferProgress) for b in batches for e in b), timeout=15000)
    conn.cancel()
    qtbot.waitUntil(lambda: len(failed) == 2, timeout=15000)
    assert isinstance(failed[0], Cancelled)
    assert isinstance(failed[1], Cancelled) and queued
    assert not target.exists()  # nothing under the final name
    for batch in batches:
        assert sum(isinstance(e, TransferProgress) for e in batch) <= 1


@pytest.mark.server(throttle=1 << 20)
def test_cancelling_one_job_leaves_the_others_alone(qtbot, conn, tmp_path):
    with open(conn.server.path("a.bin"), "wb") as f:
        f.write(os.urandom(3 << 20))
    batches = []
    conn.eventsArrived.connect(batches.append)
    done, failed = {}, {}
    conn.jobDone.connect(lambda job, res: done.__setitem__(job, res))
    conn.jobFailed.connect(lambda job, exc: failed.__setitem__(job, exc))
    first = conn.submit(lambda s: s.download("/a.bin", str(tmp_path / "a1")))
    waiting = conn.submit(lambda s: s.pwd())
    third = conn.submit(lambda s: s.download("/a.bin", str(tmp_path / "a2")))
    qtbot.waitUntil(lambda: any(isinstance(e, TransferProgress) for b in batches for e in b), timeout=15000)
    conn.cancel(waiting)  # queued: skipped, the running download goes on
    qtbot.waitUntil(lambda: first in done, timeout=60000)
    assert isinstance(failed[waiting], Cancelled)
    assert (tmp_path / "a1").stat().st_size == 3 << 20
    qtbot.waitUntil(lambda: (tmp_path / "a2.ftpgui-part").exists(), timeout=15000)
    conn.cancel(third)  # running: its transfer stops
    qtbot.waitUntil(lambda: third in failed, timeout=60000)
    assert isinstance(failed[third], Cancelled) and not (tmp_path / "a2").exists()


def test_after_a_lost_connection_the_next_job_runs_in_the_same_folder(qtbot, conn):
    os.mkdir(conn.server.path("sub"))
    with open(conn.server.path("sub", "inner.txt"), "wb") as f:
        f.write(b"x")
    results = {}
    conn.jobDone.connect(lambda job, res: results.__setitem__(job, res))

    def drop(session):
        session._ctrl.sock.close()  # the network drops the control connection between two jobs
        session._ctrl.sock = None

    conn.submit(lambda s: s.cwd("/sub"))
    conn.submit(drop)
    last = conn.submit(lambda s: (s.pwd(), [e.name for e in s.listdir()]))
    qtbot.waitUntil(lambda: last in results, timeout=15000)
    assert results[last] == ("/sub", ["inner.txt"])  # a relative name still means what it meant


def test_many_short_jobs_come_back_in_batches_in_order(qtbot, conn):
    """A connection told to report only when few jobs are left (as the queue's are) delivers its results a
    batch at a time to one callback: each job's events before its result, every result once, in order, and
    far fewer wake-ups of the GUI thread than jobs."""
    batches = []
    conn.deliver = batches.append
    conn.report_below = 2
    marks = []

    def job(n):
        def run(session):
            session.emit(("mark", n))  # an event of this job, in the connection's stream
            marks.append(n)
            return n

        return run

    ids = [conn.submit(job(n)) for n in range(40)]
    qtbot.waitUntil(lambda: sum(isinstance(e, JobEnded) for b in batches for e in b) == 40, timeout=30000)
    flat = [e for b in batches for e in b]
    ended = [e for e in flat if isinstance(e, JobEnded)]
    assert [e.job_id for e in ended] == ids and [e.value for e in ended] == list(range(40))
    assert all(e.ok for e in ended)
    events = [e for e in flat if isinstance(e, tuple)]
    assert events == [("mark", n) for n in range(40)]
    for n, e in enumerate(ended):  # its own mark comes before it
        assert flat.index(("mark", n)) < flat.index(e)
    assert len(batches) < 40  # not a wake-up per job
    assert not conn.busy


def test_the_next_job_waits_while_the_gate_is_closed(qtbot, make_server, monkeypatch):
    """While the GUI thread draws (the gate clear), a connection starts no next job; it does once the gate
    opens. (``GATE_WAIT_S``, the longest it waits, is made long here, so that only the gate lets it go.)"""
    monkeypatch.setattr(worker, "GATE_WAIT_S", 600.0)
    srv = make_server("127.0.0.1")
    gate = threading.Event()
    c = Connection(Endpoint(srv.host, srv.port, USER, PASSWORD), SessionOptions(timeout=10), gate=gate)
    started = threading.Event()
    done = []
    c.jobDone.connect(lambda job, res: done.append(res))
    c.submit(lambda s: started.set() or "ran")
    assert not started.wait(0.3)  # (a wrong start would be seen; a slow machine cannot make this fail)
    gate.set()
    qtbot.waitUntil(lambda: done == ["ran"], timeout=15000)
    with qtbot.waitSignal(c.closed, timeout=15000):
        c.close()
    c.wait()


def test_only_the_events_a_test_keeps_cross_threads(qtbot, conn):
    """``keep_events``: events the connection's user does not read stay on the connection's thread."""
    batches = []
    conn.eventsArrived.connect(batches.append)
    done = []
    conn.jobDone.connect(lambda job, res: done.append(res))
    conn.submit(lambda s: s.pwd())  # logs in: all its events cross
    qtbot.waitUntil(lambda: len(done) == 1, timeout=15000)
    assert any(isinstance(e, CommandSent) for b in batches for e in b)
    batches.clear()
    conn.keep_events = lambda ev: isinstance(ev, tuple)
    conn.submit(lambda s: (s.emit(("mine", 1)), s.pwd())[1])  # a PWD's command and reply: not kept
    qtbot.waitUntil(lambda: len(done) == 2, timeout=15000)
    assert [e for b in batches for e in b] == [("mine", 1)]


def test_a_closed_connections_worker_is_deleted_on_the_gui_thread(qtbot, make_server):
    """Deleted on its own thread, the Python worker held Qt's signal-slot mutex while it waited for the GIL;
    the GUI thread, holding the GIL in a connect(), waited for that mutex: CI hung in test_bookmarks."""
    srv = make_server("127.0.0.1")
    conn = Connection(Endpoint(srv.host, srv.port, USER, PASSWORD))
    job = conn.submit(lambda s: s.pwd())
    with qtbot.waitSignal(conn.jobDone, timeout=30_000) as done:
        pass
    assert done.args[0] == job
    gui = QThread.currentThread()
    where = []
    conn._worker.destroyed.connect(lambda: where.append(QThread.currentThread() is gui))
    with qtbot.waitSignal(conn.closed, timeout=30_000):
        conn.close()
    assert conn.wait(30_000)
    qtbot.waitUntil(lambda: bool(where), timeout=30_000)
    assert where == [True]
