"""An upload to a server that says no byte count for a file it has (design note 336).

``213 size unknown`` (or ``213 -1294967296``, an old 32-bit server's for a file over 2 GiB) says the file is
there and not how large. Note 285 made it a size unknown for downloads; an upload failed on it, in the queue
and in ``ftpgui-cli put --resume``: "The server's SIZE reply is no byte count". Now the target exists, of a size
unknown: the queue asks (Overwrite, Rename, Skip work; Resume is not offered — nothing says where to continue,
and an APPE would glue the file after whatever the server has); ``put --resume`` says it cannot continue and
leaves the server's file as it is; an upload of this queue's own that was cut off is written again from byte 0.
"""

from __future__ import annotations

import os

import pytest
from test_queue_exists import put, queue_on, read

from ftpgui.ftp import SessionOptions
from ftpgui.transfers.items import CANCELLED, DONE, SKIPPED, WAITING
from ftpgui.transfers.queue import TransferQueue
from ftpgui.transfers.worker import Endpoint

from ftpserver import PASSWORD, USER
from test_cli import run

pytestmark = pytest.mark.usefixtures("qapp")
LONG = 120_000  # ms: a safety net, not a performance limit
UNKNOWN = ("213 size unknown", "213 -1294967296")


@pytest.fixture(params=UNKNOWN, ids=["words", "negative-32-bit"])
def size_unknown(request, make_server):
    return make_server("127.0.0.1", size_reply=request.param)


@pytest.fixture
def env(qtbot, tmp_path, size_unknown, monkeypatch):
    yield from queue_on(size_unknown, tmp_path, monkeypatch)


def run_queue(qtbot, q):
    qtbot.waitUntil(q.is_idle, timeout=LONG)
    return {os.path.basename(i.remote): i for i in q.model.items()}


@pytest.mark.timeout(120)
def test_the_queue_asks_about_a_target_of_a_size_unknown_and_each_answer_works(qtbot, env):
    """Before: each file failed "The server's SIZE reply is no byte count: 'size unknown'", none was asked."""
    q, srv, local, asked = env
    names = {"over.bin": "overwrite", "skip.bin": "skip", "ren.bin": "rename"}
    for name in names:
        put(local / name, b"local " + name.encode() * 1000)
        put(srv.path(name), b"the server's own " + name.encode())
    put(local / "fresh.bin", b"not on the server")  # (SIZE answers 550: not there, not asked)
    q.askExists.connect(lambda question: question.answer(names[os.path.basename(question.source)]))
    q.upload([str(local / n) for n in [*sorted(names), "fresh.bin"]], "/")
    items = run_queue(qtbot, q)
    errors = {name: item.error for name, item in items.items()}
    assert sorted(os.path.basename(question.source) for question in asked) == sorted(names), errors
    assert all(question.existing.size is None for question in asked)  # said as unknown, not as 0 or -1294967296
    assert all(question.existing.source_size is not None for question in asked)
    assert items["over.bin"].state == DONE, errors
    assert read(srv.path("over.bin")) == read(local / "over.bin")
    assert items["skip.bin"].state == SKIPPED and read(srv.path("skip.bin")) == b"the server's own skip.bin"
    assert items["ren (1).bin"].state == DONE, errors  # ("ren (1).bin": SIZE 550, a free name)
    assert read(srv.path("ren (1).bin")) == read(local / "ren.bin")
    assert read(srv.path("ren.bin")) == b"the server's own ren.bin"
    assert items["fresh.bin"].state == DONE and read(srv.path("fresh.bin")) == b"not on the server"


@pytest.mark.timeout(120)
def test_resume_never_appends_to_a_target_of_a_size_unknown(qtbot, env):
    """Resume as the preferences' default does not stand for it (the question says why); Resume answered there
    asks again; Overwrite then replaces it. No APPE, no REST goes out. Before: failed, nothing asked."""
    q, srv, local, asked = env
    put(local / "r.bin", b"0123456789" * 5000)
    put(srv.path("r.bin"), b"0123456789" * 100)  # (its start, but nothing says so)
    q.exists_default = "resume"
    answers = iter(["resume", "overwrite"])
    q.askExists.connect(lambda question: question.answer(next(answers)))
    q.upload([str(local / "r.bin")], "/")
    items = run_queue(qtbot, q)
    assert items["r.bin"].state == DONE, items["r.bin"].error
    assert len(asked) == 2 and all(question.resume_refused for question in asked)
    assert read(srv.path("r.bin")) == read(local / "r.bin")
    sent = " ".join(srv.record.commands)
    assert "APPE" not in sent and "REST" not in sent


@pytest.mark.timeout(180)
def test_the_queues_own_cut_upload_is_written_again_from_the_first_byte(qtbot, tmp_path, make_server, monkeypatch):
    """An upload cancelled part-way, then retried: the server's file is its own work, of a size the server does
    not say; it is written again whole (STOR), not failed, and not continued blindly. Before: the retry failed
    "The server's SIZE reply is no byte count"."""
    monkeypatch.setenv("FTPGUI_CONFIG_DIR", str(tmp_path / "config"))
    srv = make_server("127.0.0.1", size_reply="213 size unknown", throttle=256 * 1024)
    q = TransferQueue(str(tmp_path / "config" / "queue.json"))
    try:
        q.set_site(Endpoint(srv.host, srv.port, USER, PASSWORD), SessionOptions(timeout=20), 1)
        data = os.urandom(4 << 20)
        put(tmp_path / "big.bin", data)
        q.upload([str(tmp_path / "big.bin")], "/")
        (item,) = q.model.items()
        qtbot.waitUntil(lambda: item.started and item.done > 0, timeout=LONG)
        q.cancel([item.id])
        qtbot.waitUntil(lambda: item.state == CANCELLED, timeout=LONG)
        q.retry([item.id])
        qtbot.waitUntil(lambda: item.state in (DONE, "failed", WAITING), timeout=LONG)
        assert item.state == DONE, item.error
        assert read(srv.path("big.bin")) == data
        assert srv.record.commands.count("STOR /big.bin") == 2
        assert not any(c.startswith(("APPE", "REST")) for c in srv.record.commands)
    finally:
        q.shutdown()


@pytest.mark.timeout(60)
def test_cli_put_replaces_a_target_of_a_size_unknown(tmp_path, size_unknown):
    srv = size_unknown
    put(srv.path("f.bin"), b"old")
    put(tmp_path / "f.bin", b"new bytes" * 1000)
    code, _, err = run("--timeout", "10", "put", str(tmp_path / "f.bin"), f"{srv.url}/f.bin")
    assert code == 0, err
    assert read(srv.path("f.bin")) == b"new bytes" * 1000


@pytest.mark.timeout(60)
def test_cli_put_resume_says_a_target_of_a_size_unknown_cannot_be_continued(tmp_path, size_unknown):
    """Before: "The server's SIZE reply is no byte count: 'size unknown'" — a fault of the server's, nothing said
    of what to do. Now: why it cannot continue, that the server's file is as it was, and how to replace it."""
    srv = size_unknown
    put(srv.path("f.bin"), b"0123456789" * 10)
    put(tmp_path / "f.bin", b"0123456789" * 1000)
    code, _, err = run("--timeout", "10", "put", "--resume", str(tmp_path / "f.bin"), f"{srv.url}/f.bin")
    assert code == 1
    assert "does not say its size" in err and "upload without resuming to replace it" in err, err
    assert "no byte count" not in err
    assert read(srv.path("f.bin")) == b"0123456789" * 10
    assert not any(c.startswith(("APPE", "REST", "STOR")) for c in srv.record.commands)
    put(tmp_path / "new.bin", b"fresh")  # (and a file the server has not got is uploaded as ever)
    code, _, err = run("--timeout", "10", "put", "--resume", str(tmp_path / "new.bin"), f"{srv.url}/new.bin")
    assert code == 0, err
    assert read(srv.path("new.bin")) == b"fresh"
