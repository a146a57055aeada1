# ruff: noqa: F811 (the fixture imported below is a parameter of a test)
"""Resume never writes a target it cannot continue from its first byte (design note 171, found by QA).

A target larger than its source is no start of it, nor is one whose source's size nobody knows: the engine's
resume (``get --resume``, ``put --resume``, their ``-r`` forms) used to write it again from the first byte — a
local file, or the server's, nobody chose to replace. Now it refuses in words and leaves it; a target as large as
its source is complete and nothing is sent. The queue asks about such a file where Resume was answered for it;
its own partial upload, larger than the file has since become, is still sent again whole. Against pyftpdlib."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from test_engine import connect
from test_queue_exists import env  # noqa: F401 (fixture: a queue, a server, a local folder, the questions)

from ftpgui.ftp import NotResumable
from ftpgui.ftp.localpath import part_name
from ftpgui.transfers.items import DONE, SKIPPED, UPLOAD, TransferItem
from ftpgui.transfers.jobcontext import JobContext
from ftpgui.transfers.uploadjob import upload

from test_cli import run

MINE = b"my local file, larger than the server's one"  # 43 bytes
THEIRS = b"the server's file, larger than the local one, and someone's work"


def sent(server, *verbs: str) -> list:
    return [c for c in server.record.commands if c.split(" ")[0] in verbs]


def test_get_resume_onto_a_larger_local_file_leaves_it_and_says_why(server, tmp_path):
    Path(server.path("f.txt")).write_bytes(b"server file f.txt")
    (tmp_path / "f.txt").write_bytes(MINE)
    code, _, err = run("get", server.url + "/f.txt", str(tmp_path / "f.txt"), "--resume")
    assert code == 1 and "is larger than the server's file (43 bytes, the server's 17)" in err
    assert "it was not resumed, and it is left as it is" in err
    assert (tmp_path / "f.txt").read_bytes() == MINE
    assert sent(server, "RETR", "REST") == [] and not (tmp_path / part_name("f.txt")).exists()


def test_get_resume_onto_a_complete_local_file_fetches_nothing(server, tmp_path):
    Path(server.path("f.txt")).write_bytes(b"complete f.txt")
    (tmp_path / "f.txt").write_bytes(b"complete f.txt")
    assert run("get", server.url + "/f.txt", str(tmp_path / "f.txt"), "--resume")[0] == 0
    assert (tmp_path / "f.txt").read_bytes() == b"complete f.txt"
    assert sent(server, "RETR", "REST") == [] and not (tmp_path / part_name("f.txt")).exists()


def test_get_resume_with_no_size_from_the_server_leaves_a_local_file(make_server, tmp_path):
    server = make_server(refuse=("SIZE",))
    Path(server.path("f.txt")).write_bytes(b"server file f.txt, longer than the local one")
    (tmp_path / "f.txt").write_bytes(b"mine")
    code, _, err = run("get", server.url + "/f.txt", str(tmp_path / "f.txt"), "--resume")
    assert code == 1 and "The server gave no size for the file" in err
    assert (tmp_path / "f.txt").read_bytes() == b"mine" and sent(server, "RETR", "REST") == []


def test_put_resume_onto_a_larger_server_file_leaves_it_and_says_why(server, tmp_path):
    Path(server.path("f.txt")).write_bytes(THEIRS)
    (tmp_path / "f.txt").write_bytes(b"small")
    code, _, err = run("put", str(tmp_path / "f.txt"), server.url + "/f.txt", "--resume")
    assert code == 1 and "The server's file /f.txt is larger than" in err and "(64 bytes" in err
    assert Path(server.path("f.txt")).read_bytes() == THEIRS and sent(server, "STOR", "APPE", "REST") == []


def test_get_r_and_put_r_resume_leave_the_larger_files_and_continue_the_others(server, tmp_path):
    whole = bytes(range(200))
    Path(server.path("t")).mkdir()
    Path(server.path("t", "a.bin")).write_bytes(whole)
    Path(server.path("t", "b.txt")).write_bytes(b"server file b.txt")
    dest = tmp_path / "dest"
    dest.mkdir()
    (dest / "a.bin").write_bytes(whole[:50])
    (dest / "b.txt").write_bytes(MINE)
    code, _, err = run("get", "-r", "--resume", server.url + "/t", str(dest))
    assert code == 1 and "b.txt is larger than the server's file" in err
    assert (dest / "a.bin").read_bytes() == whole and (dest / "b.txt").read_bytes() == MINE
    assert sent(server, "RETR") == ["RETR /t/a.bin"]

    up = tmp_path / "up"
    up.mkdir()
    (up / "a.bin").write_bytes(whole)
    (up / "b.txt").write_bytes(b"small")
    Path(server.path("u")).mkdir()
    Path(server.path("u", "a.bin")).write_bytes(whole[:50])
    Path(server.path("u", "b.txt")).write_bytes(THEIRS)
    code, _, err = run("put", "-r", "--resume", str(up), server.url + "/u")
    assert code == 1 and "The server's file /u/b.txt is larger than" in err
    assert (
        Path(server.path("u", "a.bin")).read_bytes() == whole and Path(server.path("u", "b.txt")).read_bytes() == THEIRS
    )
    assert [c for c in sent(server, "STOR", "APPE") if "/u/" in c] in (["STOR /u/a.bin"], ["APPE /u/a.bin"])


def test_the_engine_refuses_with_its_own_error(server, tmp_path):
    Path(server.path("f.txt")).write_bytes(b"server file f.txt")
    (tmp_path / "f.txt").write_bytes(MINE)
    Path(server.path("g.txt")).write_bytes(THEIRS)
    (tmp_path / "g.txt").write_bytes(b"small")
    with connect(server) as s:
        with pytest.raises(NotResumable):
            s.download("/f.txt", str(tmp_path / "f.txt"), resume=True)
        with pytest.raises(NotResumable):
            s.upload(str(tmp_path / "g.txt"), "/g.txt", resume=True)
    assert (tmp_path / "f.txt").read_bytes() == MINE and Path(server.path("g.txt")).read_bytes() == THEIRS


def test_an_items_own_partial_upload_larger_than_its_file_now_is_sent_again_whole(server, tmp_path):
    """A started upload's server file is its own work: when the local file has since become smaller, the retry
    writes it from the first byte, as before the engine refused a resume onto a larger file."""
    Path(server.path("f.bin")).write_bytes(b"x" * 500)  # what the first try sent of the file as it was then
    (tmp_path / "f.bin").write_bytes(b"y" * 100)
    item = TransferItem(UPLOAD, str(tmp_path / "f.bin"), "/f.bin", size=100, started=True, choice="overwrite")
    with connect(server) as s:
        out = upload(s, item, JobContext(threading.Event()))
    assert out.kind == "done" and Path(server.path("f.bin")).read_bytes() == b"y" * 100
    assert sent(server, "STOR") == ["STOR /f.bin"]


def test_resume_answered_for_a_larger_target_is_asked_again(qtbot, env):
    """Resume answered for a download and an upload whose targets are larger than their sources (the dialog
    offers no Resume there; the file may grow between the answer and its job, and a saved queue keeps the
    answer): the job asks again, the question saying why, and the file is kept when skipped."""
    q, srv, local, asked = env
    Path(srv.path("d.txt")).write_bytes(b"server file d.txt")
    (local / "d.txt").write_bytes(MINE)
    Path(srv.path("u.txt")).write_bytes(THEIRS)
    (local / "u.txt").write_bytes(b"small")
    answers = iter(["resume", "skip", "resume", "skip"])
    q.askExists.connect(lambda question: question.answer(next(answers)))
    q.download([("/d.txt", False, None)], str(local))
    qtbot.waitUntil(lambda: q.is_idle() and q.model.items()[-1].state in (DONE, SKIPPED), timeout=120_000)
    q.upload([str(local / "u.txt")], "/")
    qtbot.waitUntil(lambda: q.is_idle() and q.model.items()[-1].state in (DONE, SKIPPED), timeout=120_000)
    assert [i.state for i in q.model.items()] == [SKIPPED, SKIPPED]
    assert [(a.source, a.resume_refused) for a in asked] == [
        ("/d.txt", False),
        ("/d.txt", True),
        (str(local / "u.txt"), False),
        (str(local / "u.txt"), True),
    ]
    assert (local / "d.txt").read_bytes() == MINE and Path(srv.path("u.txt")).read_bytes() == THEIRS
    assert sent(srv, "RETR", "STOR", "APPE") == []
