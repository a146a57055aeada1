"""One writer per temporary file, and a begun download that finds another file at its name asks (design notes
462, 463): two pyftpdlib servers, each with its own /same.bin of one length, downloaded into one local folder
through the real queue.

Found by a QA tester: A's same.bin paused at 18 %, B's same.bin dragged into the same folder started at byte 0
in A's same.bin.ftpgui-part and finished; A's Resume then sent SIZE and MDTM, found "its" file complete by its
size, went Done and stamped B's bytes with A's time."""

from __future__ import annotations

import json
import os

import pytest

from ftpgui.ftp import SessionOptions
from ftpgui.ftp.resumecheck import rest_for
from ftpgui.transfers.cellwords import reason
from ftpgui.transfers.items import CANCELLED, DONE, OVERWRITE, PAUSED, QUEUED, RENAME, SKIP, SKIPPED
from ftpgui.transfers.queue import TransferQueue
from ftpgui.transfers.worker import Endpoint

from ftpserver import PASSWORD, USER

pytestmark = pytest.mark.usefixtures("qapp")
LONG = 120_000  # ms: a safety net on a loaded machine, not a performance limit
SIZE = 2_000_000
A_TIME = 1_000_000_000  # (2001) A's file's time on its server: what a stamp would leave
LOCAL_TIME = 1_500_000_000  # (2017) the time of the file another writer left at the name


def two_servers(make_server, tmp_path):
    """(server A, slow at first; server B; A's bytes; B's bytes; the local folder): /same.bin on each, SIZE
    bytes, different content."""
    a_srv = make_server("127.0.0.1", throttle=128 * 1024)
    b_srv = make_server("127.0.0.1")
    a, b = os.urandom(SIZE), os.urandom(SIZE)
    for srv, data in ((a_srv, a), (b_srv, b)):
        with open(srv.path("same.bin"), "wb") as f:
            f.write(data)
    os.utime(a_srv.path("same.bin"), (A_TIME, A_TIME))
    dn = tmp_path / "dn"
    dn.mkdir()
    return a_srv, b_srv, a, b, dn


def login(q, srv):
    q.set_site(Endpoint(srv.host, srv.port, USER, PASSWORD), SessionOptions(timeout=20), 1)


def unthrottled(srv):
    srv.handler.dtp_handler.read_limit = srv.handler.dtp_handler.write_limit = 0


def new_queue(store, asked, answer=None):
    q = TransferQueue(store)
    q.retry_delays = ()
    q.askExists.connect(asked.append)
    if answer is not None:
        q.askExists.connect(lambda question: question.answer(*answer))
    return q


def paused_part_way(qtbot, q, a_srv, a, dn):
    """A's /same.bin queued into ``dn`` and paused once bytes came: the item, and its temporary file's bytes."""
    login(q, a_srv)
    q.download([("/same.bin", False, SIZE)], str(dn))
    (item,) = q.model.items()
    qtbot.waitUntil(lambda: item.done > 0, timeout=LONG)
    q.pause([item.id])
    qtbot.waitUntil(lambda: item.state == PAUSED, timeout=LONG)
    part = (dn / "same.bin.ftpgui-part").read_bytes()
    assert 0 < len(part) < SIZE and part == a[: len(part)]
    assert item.part_left is not None
    return item, part


@pytest.mark.parametrize("restart", [False, True])
def test_a_second_download_to_the_same_name_waits_for_the_paused_one_and_then_asks(
    qtbot, make_server, tmp_path, restart
):
    """Design note 462: B's item waits — its State says why — while A's paused item holds same.bin.ftpgui-part,
    which keeps A's bytes; A resumed continues its own file and finishes; B then finds same.bin and asks
    ("Rename" keeps both). Also with the queue saved and the app started again in between."""
    a_srv, b_srv, a, b, dn = two_servers(make_server, tmp_path)
    store = str(tmp_path / "config" / "queue.json")
    asked: list = []
    q = new_queue(store, asked, (RENAME, False))
    try:
        first, part = paused_part_way(qtbot, q, a_srv, a, dn)
        login(q, b_srv)
        q.download([("/same.bin", False, SIZE)], str(dn))
        second = q.model.items()[1]
        qtbot.waitUntil(lambda: bool(second.error) or second.state != QUEUED, timeout=LONG)
        assert second.state == QUEUED and second.done == 0, (second.state, second.error)
        assert "waiting for another item of the queue" in reason(second)
        assert (dn / "same.bin.ftpgui-part").read_bytes() == part  # A's bytes, untouched
        assert not (dn / "same.bin").exists()
        if restart:
            q.shutdown()
            q = new_queue(store, asked, (RENAME, False))
            login(q, b_srv)
            login(q, a_srv)
            first, second = q.model.items()
            qtbot.waitUntil(lambda: second.error != "", timeout=LONG)
            assert second.state == QUEUED and first.state == PAUSED
            assert (dn / "same.bin.ftpgui-part").read_bytes() == part
        unthrottled(a_srv)
        q.resume([first.id])
        qtbot.waitUntil(lambda: q.is_idle() and second.state != QUEUED, timeout=LONG)
        assert [i.state for i in q.model.items()] == [DONE, DONE], [i.error for i in q.model.items()]
    finally:
        q.shutdown()
    assert [question.item_id for question in asked] == [second.id]
    assert asked[0].existing.size == SIZE
    assert (dn / "same.bin").read_bytes() == a
    assert (dn / "same (1).bin").read_bytes() == b
    assert sorted(os.listdir(dn)) == ["same (1).bin", "same.bin"]


def test_removing_the_paused_holder_lets_the_waiting_download_go_on(qtbot, make_server, tmp_path):
    """Design note 462: the waiting item goes on once the holder is removed — its temporary file removed first
    (note 162's rule), never the new one the waiting item makes; B's file lands whole, nothing asked."""
    a_srv, b_srv, a, b, dn = two_servers(make_server, tmp_path)
    asked: list = []
    q = new_queue(str(tmp_path / "config" / "queue.json"), asked)
    try:
        first, _part = paused_part_way(qtbot, q, a_srv, a, dn)
        login(q, b_srv)
        q.download([("/same.bin", False, SIZE)], str(dn))
        second = q.model.items()[1]
        qtbot.waitUntil(lambda: bool(second.error) or second.state != QUEUED, timeout=LONG)
        assert second.state == QUEUED, second.error
        q.remove([first.id])
        qtbot.waitUntil(lambda: q.is_idle() and second.state != QUEUED, timeout=LONG)
        assert second.state == DONE and second.error == "", second.error
        assert [i.id for i in q.model.items()] == [second.id]
    finally:
        q.shutdown()
    assert asked == []
    assert (dn / "same.bin").read_bytes() == b
    assert os.listdir(dn) == ["same.bin"]


def test_a_cancelled_holder_lets_the_waiting_download_go_on_and_its_retry_asks(qtbot, make_server, tmp_path):
    """Design notes 462, 463: cancelled, A holds its temporary file no more — B goes on and lands whole; A's
    Retry then finds B's file at its name and asks (Skip: B's bytes and time stay)."""
    a_srv, b_srv, a, b, dn = two_servers(make_server, tmp_path)
    asked: list = []
    q = new_queue(str(tmp_path / "config" / "queue.json"), asked, (SKIP, False))
    try:
        first, _part = paused_part_way(qtbot, q, a_srv, a, dn)
        login(q, b_srv)
        q.download([("/same.bin", False, SIZE)], str(dn))
        second = q.model.items()[1]
        qtbot.waitUntil(lambda: bool(second.error) or second.state != QUEUED, timeout=LONG)
        assert second.state == QUEUED, second.error
        q.cancel([first.id])
        qtbot.waitUntil(lambda: second.state == DONE, timeout=LONG)
        assert (dn / "same.bin").read_bytes() == b
        os.utime(dn / "same.bin", (LOCAL_TIME, LOCAL_TIME))
        unthrottled(a_srv)
        q.retry([first.id])
        qtbot.waitUntil(lambda: q.is_idle() and first.state not in (QUEUED, CANCELLED), timeout=LONG)
        assert first.state == SKIPPED, first.error
    finally:
        q.shutdown()
    assert [question.item_id for question in asked] == [first.id]
    assert (dn / "same.bin").read_bytes() == b
    assert (dn / "same.bin").stat().st_mtime == LOCAL_TIME
    assert os.listdir(dn) == ["same.bin"]


def take_its_place(dn, b, how):
    """What the QA tester's second item left (or another app writing the name): the paused item's temporary file
    gone, another server's file of the same length at the name, with a time of its own — a file of its own
    (``how``: "another-file"), or the temporary file itself written again from its first byte and renamed, as the
    second item's job did when the file system gave its new temporary file the old one's inode
    ("its-part-rewritten": the item's record names that very file)."""
    part = dn / "same.bin.ftpgui-part"
    if how == "another-file":
        (dn / "same.bin").write_bytes(b)
        os.remove(part)
    else:
        with open(part, "r+b") as f:
            f.truncate(0)
            f.write(b)
        os.rename(part, dn / "same.bin")
    os.utime(dn / "same.bin", (LOCAL_TIME, LOCAL_TIME))


@pytest.mark.parametrize("restart", [False, True])
@pytest.mark.parametrize("choice", [SKIP, OVERWRITE])
@pytest.mark.parametrize("how", ["another-file", "its-part-rewritten"])
def test_a_resumed_download_whose_name_holds_another_file_asks_and_never_stamps_it(
    qtbot, make_server, tmp_path, how, choice, restart
):
    """Design note 463: A's paused item, its temporary file gone and B's file (the same length) at its name:
    Resume asks "The target exists" — it was Done on the size alone, B's bytes stamped with A's time. Skip leaves
    B's file, its bytes and time; Overwrite fetches A's file whole. After a restart as well. Where the file is
    the very one the item's record names (its inode), its last bytes are compared with the server's first."""
    a_srv, _b_srv, a, b, dn = two_servers(make_server, tmp_path)
    store = str(tmp_path / "config" / "queue.json")
    asked: list = []
    q = new_queue(store, asked, (choice, False))
    try:
        item, _part = paused_part_way(qtbot, q, a_srv, a, dn)
        take_its_place(dn, b, how)
        if restart:
            q.shutdown()
            q = new_queue(store, asked, (choice, False))
            login(q, a_srv)
            (item,) = q.model.items()
            assert item.started and item.state == PAUSED
        unthrottled(a_srv)
        q.resume([item.id])
        qtbot.waitUntil(lambda: q.is_idle() and item.state != QUEUED, timeout=LONG)
        assert item.state == (SKIPPED if choice == SKIP else DONE), item.error
    finally:
        q.shutdown()
    assert [question.item_id for question in asked] == [item.id]
    assert (asked[0].existing.size, asked[0].existing.source_size) == (SIZE, SIZE)
    tail_checked = f"REST {rest_for(SIZE)}" in a_srv.record.commands  # (its last 64 KiB asked for)
    assert tail_checked == (how == "its-part-rewritten")
    got = dn / "same.bin"
    if choice == SKIP:
        assert got.read_bytes() == b
        assert got.stat().st_mtime == LOCAL_TIME  # (never A's time)
    else:
        assert got.read_bytes() == a
        assert got.stat().st_mtime == A_TIME
    assert os.listdir(dn) == ["same.bin"]


def test_a_download_renamed_before_its_end_was_said_is_its_own_after_a_restart(qtbot, make_server, tmp_path):
    """The case the resume onto the final name is for (note 463 keeps it): the app stopped after the item renamed
    its temporary file, before its end reached the queue — the saved item begun, its record that file's. At the
    next start it is Done, asked nothing, its file as it was — once its last 64 KiB are the server's (before,
    on its size alone: only that last check failed on the code before)."""
    a_srv, _b_srv, a, _b, dn = two_servers(make_server, tmp_path)
    store = str(tmp_path / "config" / "queue.json")
    asked: list = []
    q = new_queue(store, asked)
    try:
        login(q, a_srv)
        q.download([("/same.bin", False, SIZE)], str(dn))
        (item,) = q.model.items()
        qtbot.waitUntil(lambda: item.done > 0 and item.part_left is not None, timeout=LONG)
        qtbot.waitUntil(lambda: _saved(store)[0].get("part_left") is not None, timeout=LONG)
        record = _saved(store)[0]["part_left"]
        unthrottled(a_srv)
        qtbot.waitUntil(lambda: item.state == DONE, timeout=LONG)
    finally:
        q.shutdown()
    with open(store) as f:
        saved = json.load(f)
    saved["items"][0].update(state="queued", started=True, done=1 << 20, part_left=record)
    with open(store, "w") as f:
        json.dump(saved, f)
    before = os.stat(dn / "same.bin")
    commands = len(a_srv.record.commands)
    q = new_queue(store, asked)
    try:
        login(q, a_srv)
        (item,) = q.model.items()
        qtbot.waitUntil(lambda: q.is_idle() and item.state != QUEUED, timeout=LONG)
        assert item.state == DONE, item.error
    finally:
        q.shutdown()
    assert asked == []
    assert (dn / "same.bin").read_bytes() == a
    assert os.stat(dn / "same.bin").st_ino == before.st_ino
    assert f"REST {rest_for(SIZE)}" in a_srv.record.commands[commands:]  # (never complete by its size alone)


def _saved(store):
    try:
        with open(store) as f:
            return json.load(f)["items"]
    except (OSError, ValueError, KeyError):
        return [{}]
