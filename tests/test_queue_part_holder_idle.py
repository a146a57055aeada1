"""A download waiting for a paused holder of its temporary file (design note 462) through the real queue and
pyftpdlib (design notes 478, 479): the queue is idle meanwhile — the holder may stay paused for hours — and the
waiting item still goes on once the holder finishes or is removed; removing a paused item keeps the part the
same file queued again holds now; the waiting item's State stops saying it waits for a holder once the holder is
gone."""

from __future__ import annotations

import os

import pytest
from test_queue_part_owner import LONG, SIZE, login, new_queue, paused_part_way, two_servers, unthrottled

from ftpgui.ftp import SessionOptions
from ftpgui.ftp.resumecheck import rest_for
from ftpgui.transfers.cellwords import reason
from ftpgui.transfers.items import DONE, QUEUED, RENAME, RETRYING
from ftpgui.transfers.worker import Endpoint

from ftpserver import PASSWORD, USER

pytestmark = pytest.mark.usefixtures("qapp")
WAITING_WORDS = "waiting for another item of the queue"
SLOW = 5_000_000  # (more than a short file, ``queue.SHORT_FILE``: no other job is queued behind it on its connection)


@pytest.mark.parametrize("then", ["resume", "remove"])
def test_a_download_waiting_for_a_paused_holder_leaves_the_queue_idle_and_goes_on_later(
    qtbot, make_server, tmp_path, then
):
    """A's same.bin paused part way holds its temporary file; B's same.bin (another server) waits for it, queued
    with B's other.bin, which downloads. Once other.bin is done the queue is idle — it said idle, and
    ``is_idle`` — and B's server, no longer browsed, has its connection closed (``_close_idle``); it was busy for
    as long as A stayed paused. Then A resumed finishes and B asks ("Rename": both files), or A removed lets B
    land whole, asked nothing."""
    a_srv, b_srv, a, b, dn = two_servers(make_server, tmp_path)
    with open(b_srv.path("other.bin"), "wb") as f:
        f.write(b"other" * 200)
    asked: list = []
    q = new_queue(str(tmp_path / "config" / "queue.json"), asked, (RENAME, False))
    idles: list = []
    q.idle.connect(lambda: idles.append(True))
    try:
        first, part = paused_part_way(qtbot, q, a_srv, a, dn)
        login(q, b_srv)
        q.download([("/same.bin", False, SIZE), ("/other.bin", False, 1000)], str(dn))
        second, other = q.model.items()[1:]
        assert not q.is_idle()  # (other.bin is handed out)
        idles.clear()
        qtbot.waitUntil(lambda: q.is_idle() and other.state == DONE, timeout=LONG)
        assert idles == [True]
        assert second.state == QUEUED and second.done == 0
        assert WAITING_WORDS in reason(second)
        assert (dn / "same.bin.ftpgui-part").read_bytes() == part  # (A's bytes, untouched)
        login(q, a_srv)  # the server browsed is A's again: B's idle connection goes
        qtbot.waitUntil(lambda: b_srv.record.open_sessions == 0, timeout=LONG)
        assert q.is_idle() and second.state == QUEUED
        if then == "resume":
            unthrottled(a_srv)
            q.resume([first.id])
        else:
            q.remove([first.id])
        assert not q.is_idle()
        qtbot.waitUntil(lambda: q.is_idle() and second.state != QUEUED, timeout=LONG)
        assert second.state == DONE, reason(second)
    finally:
        q.shutdown()
    if then == "resume":
        assert [question.item_id for question in asked] == [second.id]
        assert (dn / "same.bin").read_bytes() == a
        assert (dn / "same (1).bin").read_bytes() == b
        assert sorted(os.listdir(dn)) == ["other.bin", "same (1).bin", "same.bin"]
    else:
        assert asked == []
        assert (dn / "same.bin").read_bytes() == b
        assert sorted(os.listdir(dn)) == ["other.bin", "same.bin"]


def test_removing_a_paused_item_keeps_the_part_the_same_file_queued_again_holds(qtbot, make_server, tmp_path):
    """A paused part way; the same file queued again (B) takes A's record of the part and is handed out; the
    server hangs up at its RETR, before it wrote a byte: B waits to be tried again, holding the part. Removing A
    leaves the part alone (note 462: another item holds it) — the removal took it, as if nobody held it, and B's
    try began again from the first byte. B's try then continues the part to the end."""
    hang_up: dict = {}
    srv = make_server("127.0.0.1", throttle=128 * 1024, hang_up=hang_up)
    a = os.urandom(SIZE)
    with open(srv.path("same.bin"), "wb") as f:
        f.write(a)
    dn = tmp_path / "dn"
    dn.mkdir()
    asked: list = []
    q = new_queue(str(tmp_path / "config" / "queue.json"), asked)
    q.retry_delays = (3600.0,)  # (tried again when the test says: ``start(0)`` below)
    noted: list = []
    q.noted.connect(lambda kind, line: noted.append(line))
    try:
        first, part = paused_part_way(qtbot, q, srv, a, dn)
        unthrottled(srv)
        hang_up["RETR same.bin"] = hang_up["RETR /same.bin"] = 1
        q.download([("/same.bin", False, SIZE)], str(dn))
        second = q.model.items()[1]
        assert second.part_left == first.part_left  # (it took A's record: it continues that very file)
        qtbot.waitUntil(lambda: second.state == RETRYING, timeout=LONG)
        assert second.done == 0 and second.part_left == first.part_left
        assert sum(hang_up.values()) == 1  # (one RETR met the hang-up)
        q.remove([first.id])
        assert (dn / "same.bin.ftpgui-part").read_bytes() == part
        commands = len(srv.record.commands)
        q._timers[second.id].start(0)  # its retry's timer fires now
        qtbot.waitUntil(lambda: q.is_idle() and second.state not in (QUEUED, RETRYING), timeout=LONG)
        assert second.state == DONE, reason(second)
    finally:
        q.shutdown()
    assert asked == []
    assert not any("Removed" in line for line in noted), noted
    assert f"REST {rest_for(len(part))}" in srv.record.commands[commands:]  # (the part continued: its tail checked)
    assert (dn / "same.bin").read_bytes() == a
    assert os.listdir(dn) == ["same.bin"]


def test_the_waiting_words_go_once_the_holder_is_gone_though_no_connection_is_free(qtbot, make_server, tmp_path):
    """B's same.bin waits for A's paused same.bin, said in its State, while B's one connection is busy with
    slow.bin (held at its EPSV; too large for a job to be queued behind it). A removed, B still cannot start —
    its connection is busy — and its State no longer says it waits for another item of the queue (it kept saying
    so). Once slow.bin is through, B lands whole, asked nothing."""
    a_srv = make_server("127.0.0.1", throttle=128 * 1024)
    hold: dict = {}
    b_srv = make_server("127.0.0.1", no_reply=hold)
    a, b = os.urandom(SIZE), os.urandom(SIZE)
    for srv, data in ((a_srv, a), (b_srv, b)):
        with open(srv.path("same.bin"), "wb") as f:
            f.write(data)
    with open(b_srv.path("slow.bin"), "wb") as f:
        f.write(bytes(SLOW))
    dn = tmp_path / "dn"
    dn.mkdir()
    asked: list = []
    q = new_queue(str(tmp_path / "config" / "queue.json"), asked)
    noted: list = []
    q.noted.connect(lambda kind, line: noted.append(line))
    try:
        first, _part = paused_part_way(qtbot, q, a_srv, a, dn)
        hold["EPSV"] = 1  # slow.bin's data connection waits: its connection, B's only one, stays busy
        q.set_site(Endpoint(b_srv.host, b_srv.port, USER, PASSWORD), SessionOptions(timeout=300), 1)
        q.download([("/slow.bin", False, SLOW), ("/same.bin", False, SIZE)], str(dn))
        slow, second = q.model.items()[1:]
        qtbot.waitUntil(lambda: b_srv.holding() == 1, timeout=LONG)
        assert second.state == QUEUED and WAITING_WORDS in reason(second)
        q.remove([first.id])
        qtbot.waitUntil(lambda: any("Removed" in line for line in noted), timeout=LONG)  # (its part is gone)
        assert second.state == QUEUED and second.done == 0
        assert WAITING_WORDS not in reason(second), reason(second)
        assert slow.state != DONE and b_srv.holding() == 1  # (it still waits for a connection)
        b_srv.send_held_replies()
        qtbot.waitUntil(lambda: q.is_idle() and second.state != QUEUED, timeout=LONG)
        assert [slow.state, second.state] == [DONE, DONE], reason(second)
    finally:
        q.shutdown()
    assert asked == []
    assert (dn / "same.bin").read_bytes() == b
    assert sorted(os.listdir(dn)) == ["same.bin", "slow.bin"]
