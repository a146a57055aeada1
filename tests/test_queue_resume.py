"""A large download through the queue while the server kills its connections at several points."""

from __future__ import annotations

import hashlib
import os
import socket
import struct

import pytest

from ftpgui.ftp import DataClosed, SessionOptions
from ftpgui.transfers.items import DONE
from ftpgui.transfers.queue import TransferQueue
from ftpgui.transfers.worker import Endpoint

from ftpserver import PASSWORD, USER

pytestmark = pytest.mark.usefixtures("qapp")
SIZE = 200 << 20
LONG = 600_000  # ms: a safety net on a loaded machine, not a performance limit


def killer(points, final_path, seen):
    """A data-connection mixin: when the server has sent ``points[i][0]`` bytes in all, it resets the data
    connection (or, for ``"control"``, closes the whole session), noting whether ``final_path`` exists."""
    state = {"sent": 0, "points": list(points)}

    class Killing:
        def use_sendfile(self):
            return False

        def send(self, data):
            pts = state["points"]
            if self.receive or not pts:
                n = super().send(data)
                state["sent"] += n
                return n
            at, what = pts[0]
            room = at - state["sent"]
            n = super().send(data[: max(room, 0)]) if room > 0 else 0
            state["sent"] += n
            if state["sent"] >= at:
                pts.pop(0)
                seen.append(os.path.exists(final_path))
                self.socket.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                if what == "control":
                    self.cmd_channel.close()
                else:
                    self._resp = ("426 Connection killed by the test.", lambda *a, **k: None)
                    self.close()
            return n

    return Killing, state


def digest(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def test_a_200_mib_download_survives_killed_connections(qtbot, make_server, tmp_path, monkeypatch):
    monkeypatch.setenv("FTPGUI_CONFIG_DIR", str(tmp_path / "config"))
    local = tmp_path / "down"
    local.mkdir()
    final = local / "big.bin"
    seen: list = []
    points = [(31 << 20, "data"), (97 << 20, "control"), (150 << 20, "data"), (181 << 20, "control")]
    mixin, state = killer(points, str(final), seen)
    srv = make_server("127.0.0.1", dtp_mixin=mixin)
    block = os.urandom(1 << 20)
    with open(srv.path("big.bin"), "wb") as f:
        for i in range(SIZE >> 20):
            f.write(block[i:] + block[:i])
    q = TransferQueue(str(tmp_path / "config" / "queue.json"))
    q.retry_delays = (0.1, 0.2, 0.4)
    received = []
    q.eventsArrived.connect(lambda evs: received.extend(e.bytes for e in evs if isinstance(e, DataClosed)))
    q.set_site(Endpoint(srv.host, srv.port, USER, PASSWORD), SessionOptions(timeout=20), 1)
    q.download([("/big.bin", False, SIZE)], str(local))
    qtbot.waitUntil(q.is_idle, timeout=LONG)
    item = q.model.items()[0]
    assert item.state == DONE, item.error
    q.shutdown()
    assert not state["points"]  # every kill happened
    assert seen == [False] * len(points)  # nothing under the final name before completion
    assert digest(final) == digest(srv.path("big.bin"))
    assert not os.path.exists(str(final) + ".ftpgui-part")
    rests = [c for c in srv.record.commands if c.startswith("REST ")]
    assert len(rests) == len(points) and all(int(c.split()[1]) > 0 for c in rests)
    assert sum(received) < 1.1 * SIZE
    assert state["sent"] < 1.1 * SIZE
    assert os.path.getmtime(final) == pytest.approx(os.path.getmtime(srv.path("big.bin")), abs=1)


@pytest.mark.parametrize(
    "left, age, resumed",
    [
        ("start", +60, True),  # a cancelled try's first bytes, written after the server's file: continued
        ("start", -60, False),  # the server's file changed after them: fetched again, no mix of versions
        ("longer", +60, False),  # longer than the file: not a start of it
    ],
)
def test_a_download_queued_again_continues_what_an_earlier_try_left(qtbot, make_server, tmp_path, left, age, resumed):
    """Found by hand: a big download cancelled at 70 %, then double-clicked again, started from the first byte
    and truncated the 13 MB its earlier try had left in the temporary file. A new item for a file whose
    temporary file is there continues it — as FileZilla offers to — when that is safe to do."""
    srv = make_server("127.0.0.1")
    data = os.urandom(3 << 20)
    with open(srv.path("big.bin"), "wb") as f:
        f.write(data)
    server_time = os.stat(srv.path("big.bin")).st_mtime
    local = tmp_path / "local"
    local.mkdir()
    part = local / "big.bin.ftpgui-part"
    part.write_bytes(data[: 1 << 20] if left == "start" else data + b"more")
    os.utime(part, (server_time + age, server_time + age))
    q = TransferQueue()
    try:
        q.set_site(Endpoint(srv.host, srv.port, USER, PASSWORD), SessionOptions(timeout=20), 2)
        q.download([("/big.bin", False, len(data))], str(local))  # (as the window's double-click does)
        qtbot.waitUntil(q.is_idle, timeout=LONG)
        assert [i.state for i in q.model.items()] == [DONE]
    finally:
        q.shutdown()
    assert (local / "big.bin").read_bytes() == data and not part.exists()
    assert ("REST 1048576" in srv.record.commands) == resumed, srv.record.commands


def test_a_long_name_queued_again_continues_its_temporary_file(qtbot, make_server, tmp_path):
    """A name of 250 bytes: its temporary name is shortened to fit (NAME.ftpgui-part would not), and the
    queue finds it again to continue it (found by QA against a hostile server)."""
    from ftpgui.ftp.localpath import part_name

    name = "L" * 250
    srv = make_server("127.0.0.1")
    data = os.urandom(3 << 20)
    with open(srv.path(name), "wb") as f:
        f.write(data)
    server_time = os.stat(srv.path(name)).st_mtime
    local = tmp_path / "local"
    local.mkdir()
    part = local / os.path.basename(part_name(str(local / name)))
    part.write_bytes(data[: 1 << 20])
    os.utime(part, (server_time + 60, server_time + 60))
    q = TransferQueue()
    try:
        q.set_site(Endpoint(srv.host, srv.port, USER, PASSWORD), SessionOptions(timeout=20), 2)
        q.download([("/" + name, False, len(data))], str(local))
        qtbot.waitUntil(q.is_idle, timeout=LONG)
        assert [i.state for i in q.model.items()] == [DONE], [i.error for i in q.model.items()]
    finally:
        q.shutdown()
    assert (local / name).read_bytes() == data and os.listdir(local) == [name]
    assert "REST 1048576" in srv.record.commands


@pytest.mark.parametrize("changed", [True, False])
def test_a_started_download_continued_after_a_restart_checks_the_servers_file(qtbot, make_server, tmp_path, changed):
    """Found by QA: a download stopped by quitting, the server's file replaced meanwhile, the app started
    again: the item (started) continued with REST - the old file's head and the new one's tail, "done". Now
    a server file newer than the temporary file's last byte is fetched again whole; an unchanged one is
    continued."""
    srv = make_server("127.0.0.1", throttle=512 * 1024)
    old, new = os.urandom(3 << 20), os.urandom(3 << 20)
    with open(srv.path("f.bin"), "wb") as f:
        f.write(old)
    os.utime(srv.path("f.bin"), (1_000_000_000, 1_000_000_000))  # (2001: older than anything written now)
    local = tmp_path / "local"
    local.mkdir()
    store = str(tmp_path / "queue.json")
    endpoint, options = Endpoint(srv.host, srv.port, USER, PASSWORD), SessionOptions(timeout=20)
    q = TransferQueue(store)
    try:
        q.set_site(endpoint, options, 1)
        q.download([("/f.bin", False, None)], str(local))
        part = local / "f.bin.ftpgui-part"
        qtbot.waitUntil(lambda: part.exists() and part.stat().st_size > 1 << 20, timeout=LONG)
        qtbot.waitUntil(lambda: q.model.items()[0].started, timeout=LONG)
    finally:
        q.shutdown()  # as the window's Quit does: the item stays started, its temporary file kept
    if changed:
        with open(srv.path("f.bin"), "wb") as f:
            f.write(new)  # (its time: now, after the temporary file's last byte)
        os.utime(srv.path("f.bin"), (part.stat().st_mtime + 60,) * 2)
    srv.handler.dtp_handler.read_limit = srv.handler.dtp_handler.write_limit = 0
    before = len(srv.record.commands)
    q = TransferQueue(store)
    try:
        q.set_site(endpoint, options, 1)
        qtbot.waitUntil(q.is_idle, timeout=LONG)
        assert [i.state for i in q.model.items()] == [DONE], [i.error for i in q.model.items()]
    finally:
        q.shutdown()
    assert (local / "f.bin").read_bytes() == (new if changed else old)
    rest = any(c.startswith("REST ") for c in srv.record.commands[before:])
    assert rest == (not changed), srv.record.commands[before:]
