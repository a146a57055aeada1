"""One item is never in two jobs at once, and the queue never asks "the target exists" about its own file.

A connection takes the next small file while it finishes the current one. When the current one fails with
the server's "too many connections", the queue closes that connection — and its second job may already be
running on the connection's thread although no event has told the GUI thread so yet. These tests make that
moment happen exactly (a real pyftpdlib server refusing one data connection, the GUI thread held between a
job's last events and its result until the server has seen the next job finish) instead of hoping for it.
"""

from __future__ import annotations

import os
import threading

import pytest

from ftpgui.ftp import ReplyReceived, SessionOptions
from ftpgui.transfers import worker
from ftpgui.transfers.items import DONE, PAUSED, SKIPPED
from ftpgui.transfers.pool import TINY_PIPELINE, Job, Slot
from ftpgui.transfers.queue import SHORT_FILE, TransferQueue
from ftpgui.transfers.worker import Endpoint

from ftpserver import PASSWORD, USER

pytestmark = pytest.mark.usefixtures("qapp")
LONG = 300_000  # ms: a safety net for a stuck test on a loaded machine, not a performance limit
TOO_MANY = "421 Too many connections. Service temporarily unavailable."  # pyftpdlib's words at its max_cons


@pytest.fixture
def queue(qtbot):
    q = TransferQueue()  # not saved: a store is another test's matter
    yield q
    q.shutdown()


@pytest.mark.parametrize("processes", [True, False], ids=["process", "thread"])
def test_a_dropped_connection_keeps_the_next_job_it_has_already_started(
    qtbot, queue, make_server, tmp_path, monkeypatch, processes
):
    """The order of the race, made exact: (1) the first connection's job for a.bin ends with the server's 421
    "too many connections" (it closes the session); (2) the GUI thread drains that connection's events;
    (3) only then does the connection's thread take up c.bin (queued behind a.bin): it logs in again and
    writes c.bin whole; (4) the GUI thread handles a.bin's failure and drops the connection, not knowing
    that c.bin's job has started. Before the fix the queue handed c.bin to the other connection as well,
    which found c.bin there and asked whether to replace it."""
    # events cross threads only with a job's result (no 10 Hz pump), so that (2) is the moment a.bin's
    # failure arrives, and c.bin's start cannot slip into it
    # (a transfer process sends its events ten times a second: the batch that holds the 421 is the moment)
    monkeypatch.setattr(worker, "PUMP_INTERVAL_MS", 3_600_000)
    queue.transfer_processes = processes
    srv = make_server("127.0.0.1")
    data = {name: os.urandom(1000 + i) + name.encode() for i, name in enumerate(("a.bin", "b.bin", "c.bin"))}
    for name, content in data.items():
        with open(srv.path(name), "wb") as f:
            f.write(content)
    refused = threading.Event()  # (1): a.bin's session was closed with 421
    drained = threading.Event()  # (2): the GUI thread has a.bin's last events, not yet its failure
    c_complete = threading.Event()  # (3): c.bin's job renamed c.bin.part to c.bin (it asks MDTM only after)
    accepted = []

    class Handler(srv.handler):
        def handle(self):
            accepted.append(self)
            if refused.is_set():  # the first connection logging in again, for c.bin: greeted only after (2)
                drained.wait(LONG / 1000)
            super().handle()

        def pre_process_command(self, line, cmd, arg):
            if cmd == "RETR" and arg == "/a.bin" and not refused.is_set():
                with srv.record.lock:
                    srv.record.commands.append(line)
                refused.set()
                self.respond(TOO_MANY)
                self.close_when_done()
                return
            if cmd == "MDTM" and arg == "/c.bin":
                c_complete.set()
            return super().pre_process_command(line, cmd, arg)

    srv.server.handler = Handler
    asked = []
    queue.askExists.connect(asked.append)
    # someone reads the queue's events (as the log does): else, after the first batch, only the events the
    # queue reads cross (``outcomes.needed``) and the 421 this test waits for stays in the transfer process
    # (it crossed only while unpickling that test in a process was slow: it imported Qt)
    queue.eventsArrived.connect(lambda events: None)
    local = tmp_path / "local"
    local.mkdir()
    queue.set_site(Endpoint(srv.host, srv.port, USER, PASSWORD), SessionOptions(timeout=20, mode="passive"), 2)
    queue.download([(f"/{name}", False, len(content)) for name, content in data.items()], str(local))
    first, second = queue.connections()  # a.bin with c.bin behind it on the first, b.bin on the second
    held = []

    def hold(events):
        # the first batch of the first connection: a.bin's events, drained just before its failure is handled
        if held or not any(isinstance(ev, ReplyReceived) and ev.code == 421 for ev in events):
            return
        held.append(events)
        assert refused.is_set()
        drained.set()
        assert c_complete.wait(LONG / 1000)  # its thread has written c.bin, unseen by this thread

    first.eventsArrived.connect(hold)
    qtbot.waitUntil(lambda: bool(held), timeout=LONG)
    qtbot.waitUntil(queue.is_idle, timeout=LONG)

    states = [(i.local, i.state, i.error) for i in queue.model.items()]
    assert [i.state for i in queue.model.items()] == [DONE] * 3, states
    assert asked == []  # c.bin is the queue's own file: never "the target exists"
    assert len(accepted) == 3  # nothing was tried again beyond the first connection's new login
    assert queue.connection_cap == 1 and queue.connections() == [second]
    for name, content in data.items():
        assert (local / name).read_bytes() == content
    assert not list(local.glob("*.ftpgui-part"))
    assert srv.record.commands.count("RETR /c.bin") == 1  # c.bin was never handed to a second connection


def one_connection(queue, srv):
    queue.set_site(Endpoint(srv.host, srv.port, USER, PASSWORD), SessionOptions(timeout=20, mode="passive"), 1)


@pytest.mark.parametrize("direction", ["download", "upload"])
def test_a_connection_lost_after_the_file_is_complete_does_not_fail_the_item(
    qtbot, queue, make_server, tmp_path, direction
):
    """The session ends while the job sets the file's time (MDTM / MFMT, after the transfer): the item is
    done. Before the fix it failed and was tried again: the download moved a second time (or, had no progress
    crossed before the failure, found the queue's own file as "the target exists")."""
    srv = make_server("127.0.0.1")
    verb = "MDTM" if direction == "download" else "MFMT"
    cut = []

    class Handler(srv.handler):
        def pre_process_command(self, line, cmd, arg):
            if cmd == verb and not cut:
                cut.append(line)
                self.close()  # no reply: the connection is simply gone
                return
            return super().pre_process_command(line, cmd, arg)

    srv.server.handler = Handler
    content = os.urandom(5000)
    local = tmp_path / "local"
    local.mkdir()
    asked = []
    queue.askExists.connect(asked.append)
    one_connection(queue, srv)
    if direction == "download":
        with open(srv.path("x.bin"), "wb") as f:
            f.write(content)
        queue.download([("/x.bin", False, None)], str(local))
    else:
        (local / "x.bin").write_bytes(content)
        queue.upload([str(local / "x.bin")], "/")
    qtbot.waitUntil(queue.is_idle, timeout=LONG)

    item = queue.model.items()[0]
    assert cut and item.state == DONE and asked == [], (item.state, item.error)
    with open(srv.path("x.bin"), "rb") as f:
        assert f.read() == content == (local / "x.bin").read_bytes()
    assert srv.record.verbs().count("RETR" if direction == "download" else "STOR") == 1  # moved once


def test_an_upload_whose_session_ends_at_stor_is_tried_again_not_asked_about(qtbot, queue, make_server, tmp_path):
    """The server creates the file for STOR and then the session is gone, before a byte or a reply crosses:
    the job can neither move bytes nor ask the size. The empty file on the server is the queue's own work;
    the retry continues it without asking whether to replace it (before the fix it asked)."""
    srv = make_server("127.0.0.1")
    cut = []

    class Handler(srv.handler):
        def pre_process_command(self, line, cmd, arg):
            result = super().pre_process_command(line, cmd, arg)  # STOR: pyftpdlib opens the file here
            if cmd == "STOR" and not cut:
                cut.append(os.path.exists(srv.path("up.bin")))
                self.close()
            return result

    srv.server.handler = Handler
    content = os.urandom(100_000)
    local = tmp_path / "up.bin"
    local.write_bytes(content)
    asked = []
    queue.askExists.connect(asked.append)
    one_connection(queue, srv)
    queue.upload([str(local)], "/")
    qtbot.waitUntil(queue.is_idle, timeout=LONG)

    item = queue.model.items()[0]
    assert cut == [True] and item.state == DONE and asked == [], (item.state, item.error)
    with open(srv.path("up.bin"), "rb") as f:
        assert f.read() == content
    assert srv.record.verbs().count("STOR") + srv.record.verbs().count("APPE") == 2  # the cut one, then one more


def test_a_paused_item_waiting_behind_another_stays_paused_when_its_connection_closes(
    qtbot, queue, make_server, tmp_path
):
    """y.bin waits on the connection behind x.bin and is paused there; then the queue moves to another server
    (its connections close). y.bin never started, so it comes back at once — paused, as the person asked,
    not queued again for the new server."""
    first = make_server("127.0.0.1", throttle=256 * 1024)
    other = make_server("127.0.0.1")
    content = {"x.bin": os.urandom(3 << 20), "y.bin": os.urandom(2000)}
    for srv in (first, other):
        for name, data in content.items():
            with open(srv.path(name), "wb") as f:
                f.write(data)
    local = tmp_path / "local"
    local.mkdir()
    one_connection(queue, first)
    queue.download([(f"/{name}", False, len(data)) for name, data in content.items()], str(local))
    x, y = queue.model.items()
    qtbot.waitUntil(lambda: x.done > 0, timeout=LONG)  # x.bin is moving; y.bin waits behind it
    queue.pause([y.id])
    one_connection(queue, other)
    qtbot.waitUntil(queue.is_idle, timeout=LONG)

    assert (x.state, y.state) == (DONE, PAUSED), (x.error, y.error)
    assert (local / "x.bin").read_bytes() == content["x.bin"] and not (local / "y.bin").exists()
    assert "RETR /y.bin" not in first.record.commands + other.record.commands
    queue.resume([y.id])
    qtbot.waitUntil(lambda: y.state == DONE, timeout=LONG)
    assert (local / "y.bin").read_bytes() == content["y.bin"]


def test_how_many_jobs_a_connection_holds_depends_on_their_size():
    """Behind tiny files a connection holds up to TINY_PIPELINE jobs (each over in milliseconds, their ends
    reported a batch at a time); behind short ones two; behind a big file or a folder, none."""
    slot = Slot(None, "server")  # type: ignore[arg-type]
    for n in range(TINY_PIPELINE):
        assert slot.ready()
        slot.jobs[n] = Job(f"t{n}", 0, short=True, tiny=True)
    assert not slot.ready()
    slot.jobs = {1: Job("s", 0, short=True), 2: Job("t", 0, short=True, tiny=True)}
    assert not slot.ready()  # a short file among them: two at most
    slot.jobs = {1: Job("s", 0, short=True)}
    assert slot.ready()
    slot.jobs = {1: Job("big", 0, short=False)}
    assert not slot.ready()


def test_events_nobody_shows_stay_on_the_connections_thread(qtbot, queue, make_server, tmp_path):
    """With nothing listening to the queue's events (no log, no mode panel), its connections pass on only
    what the queue reads itself; once something listens, every event crosses again."""
    srv = make_server("127.0.0.1")
    for name in ("a", "b", "c", "d"):
        with open(srv.path(f"{name}.bin"), "wb") as f:
            f.write(name.encode() * 3000)
    local = tmp_path / "local"
    local.mkdir()
    one_connection(queue, srv)
    queue.download([("/a.bin", False, 3000), ("/b.bin", False, 3000)], str(local))
    qtbot.waitUntil(queue.is_idle, timeout=LONG)
    (conn,) = queue.connections()
    reply = ReplyReceived(conn.connection_id, code=226, lines=("226 ok",))
    assert conn.keep_events is not None and not conn.keep_events(reply)
    seen = []
    queue.eventsArrived.connect(seen.extend)
    queue.download([("/c.bin", False, 3000)], str(local))
    qtbot.waitUntil(queue.is_idle, timeout=LONG)
    queue.download([("/d.bin", False, 3000)], str(local))  # (the batch after the listener came: all of it)
    qtbot.waitUntil(queue.is_idle, timeout=LONG)
    assert conn.keep_events is None
    assert any(isinstance(e, ReplyReceived) and e.code == 226 for e in seen)
    assert [i.state for i in queue.model.items()] == [DONE] * 4


@pytest.mark.parametrize("direction", ["download", "upload"])
def test_the_same_file_queued_twice_is_written_by_one_job_at_a_time(qtbot, queue, make_server, tmp_path, direction):
    """Found by hand: a file double-clicked twice made two items with one target, and with two connections
    both ran at once into the same temporary file. The second unlinked the first's and made its own; the
    first, done, renamed that one — the second's, half written — to the file's name, where the second went on
    writing (and where a cancel or a failure would have left it half written), and the second then failed.
    Now the second waits for the first, then finds the file there and asks."""
    srv = make_server("127.0.0.1", throttle=2 << 20)  # each copy takes a few seconds
    data = os.urandom(SHORT_FILE + 1)  # (not short: the second item goes to a second connection, not behind)
    local = tmp_path / "local"
    local.mkdir()
    if direction == "download":
        with open(srv.path("big.bin"), "wb") as f:
            f.write(data)
    else:
        (local / "big.bin").write_bytes(data)
    verb = "RETR" if direction == "download" else "STOR"
    active, most = [0], [0]

    class Handler(srv.handler):
        def pre_process_command(self, line, cmd, arg):
            if cmd == verb and arg.endswith("big.bin"):
                active[0] += 1
                most[0] = max(most[0], active[0])
            return super().pre_process_command(line, cmd, arg)

        def on_file_sent(self, file):
            if file.endswith("big.bin"):
                active[0] -= 1

        def on_file_received(self, file):
            if file.endswith("big.bin"):
                active[0] -= 1
            super().on_file_received(file)

    srv.server.handler = Handler
    asked = []
    queue.askExists.connect(asked.append)
    with open(srv.path("first.txt"), "wb") as f:
        f.write(b"first")
    queue.set_site(Endpoint(srv.host, srv.port, USER, PASSWORD), SessionOptions(timeout=20), 2)
    queue.download([("/first.txt", False, 5)], str(local))  # (the login proven: a second connection may open)
    qtbot.waitUntil(queue.is_idle, timeout=LONG)
    queue.remove([i.id for i in queue.model.items()])
    for _ in range(2):  # two clicks
        if direction == "download":
            queue.download([("/big.bin", False, len(data))], str(local))
        else:
            queue.upload([str(local / "big.bin")], "/")
    qtbot.waitUntil(lambda: bool(asked) or queue.is_idle(), timeout=LONG)
    assert most[0] == 1, most  # never two at once
    first, second = queue.model.items()
    assert first.state == DONE and asked[0].item_id == second.id
    asked[0].answer("skip")
    qtbot.waitUntil(queue.is_idle, timeout=LONG)
    assert queue.model.item(second.id).state == SKIPPED
    with open(srv.path("big.bin"), "rb") as f:
        assert f.read() == data
    assert (local / "big.bin").read_bytes() == data and sorted(os.listdir(local)) == ["big.bin", "first.txt"]
