"""The queue's transfer connection as a process of its own (``procconn``), against a real FTP server.

Each test drives ``ProcessConnection`` from the GUI thread as the queue does, and checks what the thread
version (``worker.Connection``) guarantees: jobs run in order with their events before their results, a
cancel stops the running transfer, ``withdraw`` is judged on the child's own record, a dead child fails its
jobs in words and a new one takes the next, the app's callbacks answer the child, and the speed limit is
one bucket for every process.
"""

from __future__ import annotations

import json
import os
import pickle
import signal
import subprocess
import sys

import pytest
from scenecheck import same_scene

from ftpgui.ftp import Cancelled, ConnectionLost, SessionOptions, TlsUnavailable, TransferProgress
from ftpgui.transfers import procconn
from ftpgui.transfers.items import DOWNLOAD, UPLOAD, ItemFailed, Outcome, TransferItem
from ftpgui.transfers.jobs import ItemJob, JobContext
from ftpgui.transfers.throttle import SpeedLimit
from ftpgui.transfers.wire import Endpoint, JobEnded, crossable, dumps, loads
from ftpgui.ui.modepanel.scene import ConnectionScene

from ftpserver import PASSWORD, USER

pytestmark = [
    pytest.mark.usefixtures("qapp"),
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="transfer processes are Linux's"),
]
LONG = 120_000  # ms: a safety net for a stuck test on a loaded machine, not a performance limit


def where(session):
    """A job: which process runs it, and the session's number there."""
    return os.getpid(), session.id


def names(session):
    return sorted(e.name for e in session.listdir("/"))


def heard(session):
    """A job: the event classes its session makes (None: every one)."""
    kinds = session.kinds
    return None if kinds is None else sorted(k.__name__ for k in kinds)


def priority(session):
    """A job: the niceness of the process that runs it."""
    return os.getpriority(os.PRIO_PROCESS, 0)


class Results:
    def __init__(self, conn):
        self.done, self.failed, self.events = {}, {}, []
        conn.jobDone.connect(self.done.__setitem__)
        conn.jobFailed.connect(self.failed.__setitem__)
        conn.eventsArrived.connect(self.events.extend)

    def ended(self, *job_ids) -> bool:
        return all(j in self.done or j in self.failed for j in job_ids)


@pytest.fixture
def connect(qtbot):
    made = []

    def make(srv, options=None, limit=None, recorder=None):
        conn = procconn.ProcessConnection(
            Endpoint(srv.host, srv.port, USER, PASSWORD),
            options or SessionOptions(timeout=20),
            limit=limit,
            recorder=recorder,
        )
        made.append(conn)
        return conn, Results(conn)

    yield make
    for conn in made:
        conn.close()
    for conn in made:
        qtbot.waitUntil(lambda: conn.wait(0), timeout=LONG)  # noqa: B023 (each in turn)


def download(srv, name, dest, size):
    item = TransferItem(DOWNLOAD, local=str(dest / name), remote=f"/{name}", size=size)
    return ItemJob(item, JobContext(None))  # (the child gives it its own cancel flag)


def test_the_session_runs_in_another_process_and_its_events_come_first(qtbot, make_server, connect):
    srv = make_server("127.0.0.1")
    with open(srv.path("a.txt"), "wb") as f:
        f.write(b"a")
    conn, seen = connect(srv)
    first, second = conn.submit(where), conn.submit(names)
    qtbot.waitUntil(lambda: seen.ended(first, second), timeout=LONG)
    pid, sid = seen.done[first]
    assert pid != os.getpid() and sid == conn.connection_id  # the engine's own numbering, not the child's
    assert seen.done[second] == ["a.txt"]
    assert seen.events and {e.connection_id for e in seen.events} == {conn.connection_id}
    assert any(getattr(e, "text", "") == "LIST" or "MLSD" in getattr(e, "text", "") for e in seen.events)


@pytest.mark.parametrize(
    ("setting", "lower"), [(None, procconn.NICENESS), ("0", 0), ("3", 3), ("x", procconn.NICENESS)]
)
def test_a_transfer_process_runs_below_the_apps_priority(qtbot, make_server, connect, monkeypatch, setting, lower):
    """The window's thread comes first when the transfers keep every core busy (``procconn.niceness``);
    ``FTPGUI_TRANSFER_NICE`` sets how much lower (0: as the app), a value that is no number the default."""
    if setting is None:
        monkeypatch.delenv("FTPGUI_TRANSFER_NICE", raising=False)
    else:
        monkeypatch.setenv("FTPGUI_TRANSFER_NICE", setting)
    conn, seen = connect(make_server("127.0.0.1"))
    job = conn.submit(priority)
    qtbot.waitUntil(lambda: seen.ended(job), timeout=LONG)
    assert seen.done[job] == min(19, os.getpriority(os.PRIO_PROCESS, 0) + lower)


def test_a_download_job_crosses_and_a_failure_keeps_its_words_and_cause(qtbot, make_server, connect, tmp_path):
    srv = make_server("127.0.0.1")
    with open(srv.path("f.bin"), "wb") as f:
        f.write(b"x" * 5000)
    conn, seen = connect(srv)
    ok = conn.submit(download(srv, "f.bin", tmp_path, 5000))
    missing = conn.submit(download(srv, "nothing.bin", tmp_path, None))
    # (as plain values: ItemJob.wire; the two of this turn of the event loop, to cross as one message)
    sent = [pickle.loads(data)[0] for data in conn._items]
    assert sent == ["item", "item"]
    qtbot.waitUntil(lambda: seen.ended(ok, missing), timeout=LONG)
    outcome = seen.done[ok]
    assert isinstance(outcome, Outcome) and outcome.kind == "done" and outcome.bytes == 5000 and outcome.size == 5000
    assert (tmp_path / "f.bin").read_bytes() == b"x" * 5000
    failure = seen.failed[missing]
    assert isinstance(failure, ItemFailed) and failure.cause.code == 550 and failure.remote == "/nothing.bin"
    assert not (tmp_path / "nothing.bin").exists()


def test_a_job_the_process_cannot_read_fails_in_words_and_the_next_job_runs(qtbot, make_server, connect):
    """A job naming what the transfer process lacks — ftpgui updated on disk while the app runs: a process
    started since loads the new modules — had killed the child's listening thread in silence, and the job
    (and the queue behind it) waited for ever. The process now says why and ends; the job fails with the
    reason in words, and the connection's next job runs in a new process."""
    from ftpgui.transfers import items

    srv = make_server("127.0.0.1")
    conn, seen = connect(srv)
    first = conn.submit(where)
    qtbot.waitUntil(lambda: seen.ended(first), timeout=LONG)
    data = pickle.dumps(("job", 99, items.item_from_values), pickle.HIGHEST_PROTOCOL)
    data = data.replace(b"item_from_values", b"gone_from_values")  # (the same length: still a valid pickle)
    conn._pending.add(99)
    conn._post(data)  # as a job from another version of the app would arrive
    qtbot.waitUntil(lambda: seen.ended(99), timeout=LONG)
    failure = seen.failed[99]
    assert isinstance(failure, ConnectionLost)
    assert "could not read what ftpgui sent it (AttributeError" in str(failure) and "restart it" in str(failure)
    again = conn.submit(where)
    qtbot.waitUntil(lambda: seen.ended(again), timeout=LONG)
    assert seen.done[again][0] != seen.done[first][0]  # another process


def test_cancel_stops_the_running_transfer_and_withdraw_reads_the_childs_record(qtbot, make_server, connect, tmp_path):
    srv = make_server("127.0.0.1", throttle=64 << 10)  # 64 KiB/s: the file takes about 30 s
    with open(srv.path("big.bin"), "wb") as f:
        f.write(os.urandom(2 << 20))
    with open(srv.path("small.bin"), "wb") as f:
        f.write(b"s")
    conn, seen = connect(srv)
    big = conn.submit(download(srv, "big.bin", tmp_path, 2 << 20))
    small = conn.submit(download(srv, "small.bin", tmp_path, 1))
    qtbot.waitUntil(lambda: any(isinstance(e, TransferProgress) for e in seen.events), timeout=LONG)
    assert conn.withdraw(small) is True  # not started: it never will be
    assert conn.withdraw(big) is False  # running: it goes on until it ends
    conn.cancel(big)
    qtbot.waitUntil(lambda: seen.ended(big, small), timeout=LONG)
    assert isinstance(seen.failed[big], ItemFailed) and isinstance(seen.failed[big].cause, Cancelled)
    assert isinstance(seen.failed[small], Cancelled)
    assert not (tmp_path / "big.bin").exists() and not (tmp_path / "small.bin").exists()
    again = conn.submit(download(srv, "small.bin", tmp_path, 1))  # the session goes on after a cancel
    qtbot.waitUntil(lambda: seen.ended(again), timeout=LONG)
    assert seen.done[again].kind == "done" and (tmp_path / "small.bin").read_bytes() == b"s"


def test_a_killed_child_fails_its_jobs_in_words_and_a_new_one_takes_the_next(qtbot, make_server, connect):
    srv = make_server("127.0.0.1")
    conn, seen = connect(srv)
    first = conn.submit(where)
    qtbot.waitUntil(lambda: seen.ended(first), timeout=LONG)
    pid = seen.done[first][0]
    stuck = conn.submit(names)
    os.kill(pid, signal.SIGKILL)
    qtbot.waitUntil(lambda: seen.ended(stuck), timeout=LONG)
    if stuck in seen.failed:  # (it may have finished before the signal)
        assert isinstance(seen.failed[stuck], ConnectionLost) and str(seen.failed[stuck]) == procconn.GONE
    again = conn.submit(where)
    qtbot.waitUntil(lambda: seen.ended(again), timeout=LONG)
    assert seen.done[again][0] not in (pid, os.getpid())


@pytest.mark.parametrize("answer", [True, False])
def test_the_apps_callbacks_answer_the_child(qtbot, make_server, connect, answer):
    """``allow_plain`` (TLS if available, and the server has none) is the app's: the child asks it."""
    srv = make_server("127.0.0.1")
    asked = []

    def allow_plain(host, port, reason):
        asked.append((host, port))
        return answer

    conn, seen = connect(srv, SessionOptions(timeout=20, tls="auto", allow_plain=allow_plain))
    job = conn.submit(where)
    qtbot.waitUntil(lambda: seen.ended(job), timeout=LONG)
    assert asked == [(srv.host, srv.port)]
    if answer:
        assert job in seen.done
    else:
        assert isinstance(seen.failed[job], TlsUnavailable)


def test_the_speed_limit_is_one_bucket_for_every_process(qtbot, make_server, connect, tmp_path):
    srv = make_server("127.0.0.1")
    with open(srv.path("f.bin"), "wb") as f:
        f.write(os.urandom(1 << 20))
    limit = SpeedLimit(1000)  # bytes a second: the child waits after its first progress
    conn, seen = connect(srv, limit=limit)
    job = conn.submit(download(srv, "f.bin", tmp_path, 1 << 20))
    qtbot.waitUntil(lambda: any(isinstance(e, TransferProgress) for e in seen.events), timeout=LONG)
    qtbot.waitUntil(lambda: limit.reserve(0) > 1.0, timeout=LONG)  # the child charged this process's bucket
    assert job not in seen.done
    limit.set_rate(0)  # lifted here: the child goes on at once
    qtbot.waitUntil(lambda: seen.ended(job), timeout=LONG)
    assert seen.done[job].kind == "done" and (tmp_path / "f.bin").stat().st_size == 1 << 20


class BigRecord:
    """A record bigger than a pipe holds (as the mode panel's scene of a connection becomes after many files)."""

    def __init__(self, connection_id):
        self.data = os.urandom(4 << 20)

    def feed(self, event):
        pass


def test_a_child_with_a_big_final_record_ends_at_exit_without_an_event_loop(qtbot, make_server, connect):
    """At exit the queue closes its connections and waits for them with no event loop running: a child whose
    final record does not fit in the pipe must still end (it had waited for a reader until the wait gave up:
    3 s a connection when the app's window closed)."""
    conn, seen = connect(make_server("127.0.0.1"), recorder=BigRecord)
    job = conn.submit(where)
    qtbot.waitUntil(lambda: seen.ended(job), timeout=LONG)
    conn.close()
    assert conn.wait(LONG)
    assert conn._process.exitcode == 0


def test_closing_says_quit_and_the_child_ends(qtbot, make_server):
    srv = make_server("127.0.0.1")
    conn = procconn.ProcessConnection(Endpoint(srv.host, srv.port, USER, PASSWORD), SessionOptions(timeout=20))
    seen = Results(conn)
    job = conn.submit(where)
    qtbot.waitUntil(lambda: seen.ended(job), timeout=LONG)
    with qtbot.waitSignal(conn.closed, timeout=LONG):
        conn.close()
    qtbot.waitUntil(lambda: conn.wait(0), timeout=LONG)
    qtbot.waitUntil(lambda: "QUIT" in srv.record.commands, timeout=LONG)
    with pytest.raises(RuntimeError):
        conn.submit(where)


# --- what crosses the pipe ----------------------------------------------------------------------------
def test_engine_errors_cross_whole():
    from ftpgui.ftp.errors import DataConnectionError, ReplyError

    cause = OSError(28, "No space left on device", "/x/f.part")
    failure = ItemFailed(ReplyError("RETR f", 550, "No such file"), local="/x/f", remote="/f", server_size=3)
    failure.cause.__cause__ = cause
    back = loads(dumps(JobEnded(7, False, failure))).value
    assert isinstance(back, ItemFailed) and (back.local, back.remote, back.server_size) == ("/x/f", "/f", 3)
    assert back.cause.code == 550 and str(back.cause) == str(failure.cause)
    assert back.cause.__cause__.filename == "/x/f.part" and back.cause.__cause__.errno == 28
    data = loads(dumps(DataConnectionError("no", mode="passive", stage="connect", cause="timeout", code=425)))
    assert (data.mode, data.stage, data.code) == ("passive", "connect", 425)


def test_a_batch_keeps_a_failed_jobs_exception_whole():
    """A batch goes by ``pickle`` itself unless a job in it failed (``dumps_batch``): then the failure keeps
    what explains it, as ``dumps`` makes it."""
    from ftpgui.ftp.errors import ReplyError
    from ftpgui.transfers.wire import dumps_batch

    failure = ItemFailed(ReplyError("RETR f", 550, "No such file"), local="/x/f", remote="/f", server_size=3)
    failure.cause.__cause__ = OSError(28, "No space left on device", "/x/f.part")
    ok = JobEnded(6, True, None)
    kind, batch = loads(dumps_batch([ok, TransferProgress(1, done=5, total=9), JobEnded(7, False, failure)]))
    back = batch[2].value
    assert kind == "batch" and batch[0] == ok and batch[1].done == 5
    assert isinstance(back, ItemFailed) and (back.local, back.server_size) == ("/x/f", 3)
    assert back.cause.code == 550 and back.cause.__cause__.filename == "/x/f.part"
    assert loads(dumps_batch([ok])) == ("batch", [ok])


def test_what_cannot_cross_becomes_words_not_a_lost_result():
    import threading

    failure = ItemFailed(ValueError("odd"), local="/l", remote="/r")
    failure.cause.lock = threading.Lock()  # (unpicklable)
    back = crossable(JobEnded(1, False, failure))
    assert isinstance(back.value, ItemFailed) and back.value.local == "/l" and "odd" in str(back.value)
    loads(dumps(back))
    assert crossable(TransferProgress(1, done=threading.Lock(), total=None)) is None  # an event: dropped


def test_a_job_that_cannot_cross_fails_in_words(qtbot, make_server, connect):
    srv = make_server("127.0.0.1")
    conn, seen = connect(srv)
    job = conn.submit(lambda session: session.id)  # (a closure: no process can take it)
    qtbot.waitUntil(lambda: seen.ended(job), timeout=LONG)
    assert "pickle" in str(seen.failed[job])
    after = conn.submit(where)  # the connection goes on
    qtbot.waitUntil(lambda: seen.ended(after), timeout=LONG)
    assert after in seen.done


def test_a_job_crosses_with_every_field_of_its_item_and_context_but_its_cancel_flag():
    import threading

    item = TransferItem(UPLOAD, "/l/a.txt", "/r/a.txt", is_dir=False, size=7, mtime=1.5, choice="resume")
    item.started, item.depth, item.remote_bytes, item.server, item.attempts = True, 3, "2f72", "k", 2
    ctx = JobContext(threading.Event(), offset_minutes=-90, windows=True, follow_links=True, ascii=True)
    back = pickle.loads(pickle.dumps(ItemJob(item, ctx), pickle.HIGHEST_PROTOCOL))
    assert back.item == item and back.item.id == item.id and back.item is not item
    assert back.ctx == JobContext(None, offset_minutes=-90, windows=True, follow_links=True, ascii=True)


def test_a_queue_items_job_crosses_as_plain_values_and_comes_back_whole():
    """What ``submit`` writes for a queue item's job names no class (each name a pickle holds costs an import
    look-up on both sides, PySide's Python-level one in the app); the child rebuilds it bound to its own
    cancel flag, every field of the item and the context kept."""
    import pickletools
    import threading

    item = TransferItem(UPLOAD, "/l/a.txt", "/r/a.txt", is_dir=False, size=7, mtime=1.5, choice="resume")
    item.started, item.depth, item.remote_bytes, item.server, item.attempts = True, 3, "2f72", "k", 2
    ctx = JobContext(threading.Event(), offset_minutes=-90, windows=True, follow_links=True, ascii=True)
    data = pickle.dumps(("item", 9, ItemJob(item, ctx).wire()), pickle.HIGHEST_PROTOCOL)
    assert not [op for op, _arg, _pos in pickletools.genops(data) if "GLOBAL" in op.name or "REDUCE" in op.name]
    stop = threading.Event()
    back = ItemJob.from_wire(pickle.loads(data)[2], stop)
    assert back.item == item and back.item.id == item.id and back.item is not item
    assert back.ctx == JobContext(stop, offset_minutes=-90, windows=True, follow_links=True, ascii=True)
    assert back.bind(stop) is back  # (already bound: the child's job thread makes no second one)


def test_with_nobody_reading_a_jobs_progress_does_not_cross_behind_its_success():
    """Only the queue reads (``wire.needed``): a job that ended well sends no progress before its end (the
    result says it); one that failed, or one still running, does — the queue resumes from those bytes."""
    from ftpgui.transfers.childproc import _coalesced
    from ftpgui.transfers.items import ItemStarted

    def run(job_id, ok):
        p1, p2 = TransferProgress(1, done=10, total=20), TransferProgress(1, done=20, total=20)
        return [ItemStarted(1, f"i{job_id}"), p1, p2, JobEnded(job_id, ok, None)]

    running = [ItemStarted(1, "i3"), TransferProgress(1, done=5, total=9)]
    entries = run(1, True) + run(2, False) + running
    quiet = _coalesced(entries, quiet=True)
    assert quiet == [entries[0], entries[3], entries[4], entries[6], entries[7], *running]
    assert _coalesced(entries) == [entries[0], entries[2], entries[3], entries[4], entries[6], entries[7], *running]


def test_a_filtered_folder_jobs_filters_cross_to_the_process():
    from ftpgui.filters import FilterSet, Rule

    rules = FilterSet([Rule(name="logs", pattern="*.log")])
    back = loads(dumps(ItemJob(TransferItem(DOWNLOAD, "/l", "/r", is_dir=True), JobContext(None, skip=rules))))
    assert back.ctx.skip.hides("a.log", False) and not back.ctx.skip.hides("a.txt", False)


def test_a_kept_record_holds_every_event_before_it_and_none_after(qtbot, make_server, connect, tmp_path):
    """With a recorder (the mode panel's scene), the child keeps a record of its connection's events. Asked for
    while jobs run, it arrives between the events before and after it: fed the ones after it, it is the scene
    fed every event here, and the record the child leaves when it closes (``final``)."""
    srv = make_server("127.0.0.1")
    for i in range(5):
        with open(srv.path(f"f{i}.bin"), "wb") as f:
            f.write(b"x" * 3000)
    conn, seen = connect(srv, recorder=ConnectionScene)
    assert conn.keeps_record
    records = []  # (how many events had arrived, the record, final)
    conn.recorded.connect(lambda cid, data, final: records.append((len(seen.events), cid, data, final)))
    first = [conn.submit(names) for _ in range(10)]
    qtbot.waitUntil(lambda: seen.ended(*first), timeout=LONG)
    later = [conn.submit(download(srv, f"f{i}.bin", tmp_path, 3000)) for i in range(5)]
    later += [conn.submit(names) for _ in range(10)]
    assert conn.request_record()  # while those run
    qtbot.waitUntil(lambda: seen.ended(*later) and bool(records), timeout=LONG)
    at, cid, data, final = records[0]
    assert cid == conn.connection_id and not final
    kept = pickle.loads(data)
    assert isinstance(kept, ConnectionScene) and 10 <= kept.data_connections <= 25
    for event in seen.events[at:]:
        kept.feed(event)
    whole, fed = ConnectionScene(conn.connection_id), len(seen.events)
    for event in seen.events:
        whole.feed(event)
    assert whole.data_connections == 25  # every listing and download had its data connection
    same_scene(kept, whole)
    conn.close()
    assert conn.request_record()  # while it closes too (its listening thread answers)
    qtbot.waitUntil(lambda: any(r[3] for r in records), timeout=LONG)
    final = next(r for r in records if r[3])  # the record as the connection ended
    last = pickle.loads(final[2])
    assert final[0] == len(seen.events)  # nothing came after it
    for event in seen.events[fed:]:  # QUIT, 221, the close
        whole.feed(event)
    assert not last.open and last.steps[-1].kind == "control-closed"
    same_scene(last, whole)
    qtbot.waitUntil(lambda: conn.pid is None or conn.wait(0), timeout=LONG)
    qtbot.waitUntil(lambda: conn.request_record() is False, timeout=LONG)  # ended: its final record was the last


def test_a_connection_without_a_recorder_keeps_no_record(qtbot, make_server, connect):
    srv = make_server("127.0.0.1")
    conn, seen = connect(srv)
    job = conn.submit(names)
    qtbot.waitUntil(lambda: seen.ended(job), timeout=LONG)
    assert not conn.keeps_record and conn.request_record() is False


@pytest.mark.parametrize("recorder", [False, True])
def test_a_process_whose_events_nobody_reads_has_its_session_make_only_the_needed_ones(
    qtbot, make_server, connect, recorder
):
    """The queue's keep test (``needed``) names its kinds: a process keeping no record has its session make only
    those (and a data connection's end, where the speed limit's meter ends a count); anyone listening again,
    or a record kept (the mode panel's scene), and it makes every event again."""
    from ftpgui.transfers.wire import needed

    conn, seen = connect(make_server("127.0.0.1"), recorder=ConnectionScene if recorder else None)
    conn.keep_events = needed
    narrowed = conn.submit(heard)
    qtbot.waitUntil(lambda: seen.ended(narrowed), timeout=LONG)  # (the child reads ahead of its jobs)
    conn.keep_events = None
    widened = conn.submit(heard)
    qtbot.waitUntil(lambda: seen.ended(widened), timeout=LONG)
    # (ModeFallback: the queue reads it too — the server's other connections inherit the fallback, note 179;
    # PartNoted: what a download's try left, kept with its item, note 203)
    kinds = ["DataClosed", "ItemStarted", "ModeFallback", "PartNoted", "TransferProgress"]
    expected = None if recorder else kinds
    assert seen.done[narrowed] == expected
    assert seen.done[widened] is None


LAUNCHER = """
import json, sys
sys.path.insert(0, sys.argv[1])
from ftpgui.app import main  # as the ftpgui launcher does: PySide6 and the windows are loaded here
from PySide6.QtCore import QCoreApplication, QTimer
from ftpgui.ftp import SessionOptions
from ftpgui.transfers import procconn
from ftpgui.transfers.wire import Endpoint
import childprobe

app = QCoreApplication([])
from ftpgui.transfers.wire import needed  # the keep test the queue sends (by this name)
from ftpgui.ui.modepanel import record_of

# as the queue sends them: its keep test, and the mode panel's recorder (the scene of a connection)
conn = procconn.ProcessConnection(Endpoint(sys.argv[2], int(sys.argv[3]), sys.argv[4], sys.argv[5]),
                                  SessionOptions(timeout=20), recorder=record_of)
conn.keep_events = needed
out = {}
conn.jobDone.connect(lambda job, value: (out.update(loaded=value), app.quit()))
conn.jobFailed.connect(lambda job, exc: (out.update(error=str(exc)), app.quit()))
conn.submit(childprobe.gui_loaded)
QTimer.singleShot(100_000, app.quit)
app.exec()
conn.close()
print(json.dumps(out))
"""


def test_a_transfer_process_does_not_run_the_apps_launcher_again(make_server, tmp_path):
    # multiprocessing has each child import the parent's __main__ script: the app's launcher imports
    # ftpgui.app, so every transfer process loaded PySide6, the windows and shiboken's import hook (0.1 s of
    # CPU a process, and every import statement in a job slower). Under pytest (python -m pytest: a
    # package's __main__, which multiprocessing leaves alone) this cannot show: a script of its own does.
    # What the queue sends a process (its keep test, the mode panel's recorder) must not load Qt either.
    srv = make_server("127.0.0.1")
    script = tmp_path / "launcher.py"
    script.write_text(LAUNCHER)
    tests = os.path.dirname(os.path.abspath(__file__))
    env = dict(os.environ, PYTHONPATH=os.path.dirname(tests), QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(
        [sys.executable, str(script), tests, srv.host, str(srv.port), USER, PASSWORD],
        env=env, capture_output=True, text=True, timeout=LONG / 1000,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout.strip().splitlines()[-1])
    assert out == {"loaded": []}, out


WARMING = """
import json, os, sys, time
from PySide6.QtCore import QCoreApplication
from ftpgui.ftp import SessionOptions
from ftpgui.transfers.queue import TransferQueue
from ftpgui.transfers.wire import Endpoint

def fork_server_running():
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{pid}/stat") as fh:
                ppid = int(fh.read().rsplit(")", 1)[1].split()[1])
            with open(f"/proc/{pid}/cmdline", "rb") as fh:
                cmdline = fh.read()
        except OSError:
            continue
        if ppid == os.getpid() and b"from multiprocessing.forkserver import main" in cmdline:
            return True
    return False

app = QCoreApplication([])
queue = TransferQueue(sys.argv[1])
out = {"before": fork_server_running(), "processes": queue.transfer_processes}
queue.set_site(Endpoint("127.0.0.1", int(sys.argv[2]), "u", "p"), SessionOptions(timeout=5), 2)
deadline = time.monotonic() + 30
while not fork_server_running() and time.monotonic() < deadline:
    app.processEvents()
    time.sleep(0.01)
out["after"] = fork_server_running()
out["connections"] = len(queue.connections())
queue.shutdown()
print(json.dumps(out))
"""


def test_setting_a_server_starts_the_fork_server_before_any_transfer(make_server, tmp_path):
    # The first transfer process waited 0.08–0.11 s for the fork server to start (and import the engine); a
    # person connects and looks at the listing first, so the server is started then, off the GUI thread.
    srv = make_server("127.0.0.1")
    env = dict(os.environ, PYTHONPATH=os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    env.update(QT_QPA_PLATFORM="offscreen", FTPGUI_CONFIG_DIR=str(tmp_path / "config"))
    env.pop("FTPGUI_TRANSFER_THREADS", None)
    done = subprocess.run(
        [sys.executable, "-c", WARMING, str(tmp_path / "queue.json"), str(srv.port)],
        env=env, capture_output=True, text=True, timeout=LONG / 1000,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout.strip().splitlines()[-1])
    assert out == {"before": False, "processes": True, "after": True, "connections": 0}, out
