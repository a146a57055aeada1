"""A resumed upload first checks that the server's file is the start of the local one (design note 474, QA).

A 50,000-byte unrelated ``f10`` on the server, a 200,000-byte local ``f10``, Resume: the client sent APPE (or
REST 50000 + STOR) at once and the server's file became 200,000 bytes whose first 50,000 were foreign. Now the
server's last ``OVERLAP`` bytes before its end are read back (REST N-64Ki + RETR; no REST for a shorter file) and
compared with the local file's at the same offsets: another file fails in words, the server's file untouched; a
true start is continued and ends identical; a server that will not send the file back (a write-only upload
folder's 550) is resumed as before, said in the log and on stderr. The real CLI in a subprocess and the queue's
answer to "The target exists"; pyftpdlib on 127.0.0.1."""

from __future__ import annotations

import os
from pathlib import Path

from test_queue_exists import answer_with, queue_on, run

from ftpgui.ftp.events import ResumeUnchecked
from ftpgui.ftp.resumecheck import OVERLAP, rest_for
from ftpgui.transfers.cellwords import reason
from ftpgui.transfers.items import DONE, FAILED

from test_cli import run_subprocess

WORDS = "the file on the server is not the start of this file. Not resumed; nothing was changed."
SOURCE = os.urandom(200_000)
FOREIGN = os.urandom(50_000)
WRITE_ONLY = {"RETR": "550 Not enough privileges."}  # (a write-only upload folder: SIZE and STOR, no RETR)


def asked(server, before: int = 0) -> list:
    return [c for c in server.record.commands[before:] if c.startswith(("REST", "RETR", "STOR", "APPE"))]


def put_resume(server, src: Path, name: str):
    done = run_subprocess("put", "--resume", str(src), f"{server.url}/{name}", "--tls", "off")
    return done.returncode, done.stderr.decode()


def test_put_resume_onto_a_file_that_is_no_start_of_the_source_leaves_it_and_says_so(make_server, tmp_path):
    """The QA case through the CLI with no other options: exit 1, the words, the server's file as it was (on the
    code before: exit 0 and a 200,000-byte mix whose first 50,000 bytes were the foreign file's)."""
    server = make_server("127.0.0.1")
    Path(server.path("f10")).write_bytes(FOREIGN)
    src = tmp_path / "f10"
    src.write_bytes(SOURCE)
    code, err = put_resume(server, src, "f10")
    assert (
        code == 1 and f"The last 50000 bytes of /f10 on the server do not match {src} at that point: {WORDS}" in err
    ), err
    assert Path(server.path("f10")).read_bytes() == FOREIGN
    assert asked(server) == ["RETR /f10"]  # (shorter than the overlap: from its first byte; nothing sent)

    # longer than the overlap, its last byte not the source's: only the 64 KiB before its end asked and compared
    wrong = SOURCE[:149_999] + bytes([SOURCE[149_999] ^ 1])
    Path(server.path("f10")).write_bytes(wrong)
    before = len(server.record.commands)
    code, err = put_resume(server, src, "f10")
    assert code == 1 and f"The last {OVERLAP} bytes of /f10 on the server" in err and WORDS in err, err
    assert Path(server.path("f10")).read_bytes() == wrong
    assert asked(server, before) == [f"REST {rest_for(150_000)}", "RETR /f10"]


def test_put_resume_onto_a_true_start_continues_it(make_server, tmp_path):
    server = make_server("127.0.0.1")
    Path(server.path("f10")).write_bytes(SOURCE[:150_000])
    src = tmp_path / "f10"
    src.write_bytes(SOURCE)
    code, err = put_resume(server, src, "f10")
    assert code == 0 and err == "", err
    assert Path(server.path("f10")).read_bytes() == SOURCE
    assert asked(server) == [f"REST {rest_for(150_000)}", "RETR /f10", "REST 150000", "STOR /f10"]


def test_put_resume_on_a_server_that_will_not_send_the_file_back_resumes_unchecked_and_says_so(make_server, tmp_path):
    """A write-only upload folder (RETR: 550): resumed as before — FileZilla users expect Resume to work there —
    with a warning that it could not be checked."""
    server = make_server("127.0.0.1", replies=WRITE_ONLY)
    Path(server.path("f10")).write_bytes(SOURCE[:150_000])
    src = tmp_path / "f10"
    src.write_bytes(SOURCE)
    code, err = put_resume(server, src, "f10")
    assert code == 0, err
    assert (
        f"warning: could not check that /f10 on the server is the start of {src} (the server would not send it "
        "back: 550 Not enough privileges.); resumed from byte 150000 without the check" in err
    ), err
    assert Path(server.path("f10")).read_bytes() == SOURCE
    # (the check's REST cleared once its RETR was refused: note 476)
    assert asked(server) == [f"REST {rest_for(150_000)}", "RETR /f10", "REST 0", "REST 150000", "STOR /f10"]


def queue_resume(qtbot, q, local, asked_, name):
    answer_with(q, asked_, "resume")
    q.upload([str(local / name)], "/")
    return run(qtbot, q)[name]


def test_the_queues_resume_answer_fails_on_a_file_that_is_no_start_and_continues_a_true_one(
    qtbot, tmp_path, make_server, monkeypatch
):
    """The target exists → Resume onto the foreign f10: Failed in words, the server's file as it was, and the
    item not taken for its own partial upload (Retry asks again: Overwrite can replace it). Onto a true start:
    Done, identical."""
    env = queue_on(make_server("127.0.0.1"), tmp_path, monkeypatch)
    q, srv, local, questions = next(env)
    try:
        Path(srv.path("f10")).write_bytes(FOREIGN)
        (local / "f10").write_bytes(SOURCE)
        item = queue_resume(qtbot, q, local, questions, "f10")
        assert item.state == FAILED, (item.state, len(Path(srv.path("f10")).read_bytes()))
        assert f"The last 50000 bytes of /f10 on the server do not match {local / 'f10'}" in reason(item), reason(item)
        assert WORDS in reason(item)
        assert Path(srv.path("f10")).read_bytes() == FOREIGN
        assert not item.started and item.choice is None and item.server_size is None
        assert asked(srv) == ["RETR /f10"]

        Path(srv.path("g10")).write_bytes(SOURCE[:150_000])
        (local / "g10").write_bytes(SOURCE)
        before = len(srv.record.commands)
        item = queue_resume(qtbot, q, local, questions, "g10")
        assert item.state == DONE, reason(item)
        assert Path(srv.path("g10")).read_bytes() == SOURCE
        assert asked(srv, before) == [f"REST {rest_for(150_000)}", "RETR /g10", "REST 150000", "STOR /g10"]
    finally:
        next(env, None)


def test_the_queues_resume_on_a_write_only_folder_resumes_and_says_it_was_not_checked(
    qtbot, tmp_path, make_server, monkeypatch
):
    env = queue_on(make_server("127.0.0.1", replies=WRITE_ONLY), tmp_path, monkeypatch)
    q, srv, local, questions = next(env)
    seen = []
    q.eventsArrived.connect(lambda events: seen.extend(e for e in events if isinstance(e, ResumeUnchecked)))
    try:
        Path(srv.path("f10")).write_bytes(SOURCE[:150_000])
        (local / "f10").write_bytes(SOURCE)
        item = queue_resume(qtbot, q, local, questions, "f10")
        assert item.state == DONE, reason(item)
        assert Path(srv.path("f10")).read_bytes() == SOURCE
        qtbot.waitUntil(lambda: bool(seen))
        (said,) = seen
        assert (said.remote, said.path, said.offset, said.reply) == (
            "/f10",
            str(local / "f10"),
            150_000,
            "550 Not enough privileges.",
        )
    finally:
        next(env, None)


def test_the_queues_resume_of_a_paused_upload_checks_the_servers_file_too(qtbot, tmp_path, make_server, monkeypatch):
    """The queue's continuation of its own interrupted upload: paused part way, the server's partial file then
    replaced by another of the same length (written after the local file: no change of the source is seen). On
    the code before: resumed into a mix of the two, Done. Now: Failed in words, the other file kept."""
    srv = make_server("127.0.0.1", throttle=256 * 1024)
    env = queue_on(srv, tmp_path, monkeypatch)
    q, srv, local, questions = next(env)
    try:
        data = os.urandom(3 << 20)
        (local / "big.bin").write_bytes(data)
        q.upload([str(local / "big.bin")], "/")
        (item,) = q.model.items()
        qtbot.waitUntil(lambda: q.model.item(item.id).done > 0, timeout=60_000)
        q.pause([item.id])
        qtbot.waitUntil(q.is_idle, timeout=60_000)
        have = os.path.getsize(srv.path("big.bin"))
        assert 0 < have < len(data) and q.model.item(item.id).started
        other = os.urandom(have)
        Path(srv.path("big.bin")).write_bytes(other)
        srv.handler.dtp_handler.read_limit = srv.handler.dtp_handler.write_limit = 0
        before = len(srv.record.commands)
        q.resume([item.id])
        item = run(qtbot, q)["big.bin"]
        assert item.state == FAILED, (item.state, os.path.getsize(srv.path("big.bin")))
        assert WORDS in reason(item), reason(item)
        assert Path(srv.path("big.bin")).read_bytes() == other
        assert asked(srv, before) == [f"REST {rest_for(have)}", "RETR /big.bin"]
        assert not item.started and item.choice is None and questions == []
    finally:
        next(env, None)


def test_the_words_in_chinese(qtbot, tmp_path, make_server, monkeypatch, chinese):
    """The queue's failure and the message log's line for a resume left unchecked, in the app's language."""
    from ftpgui.ui.message_log import MessageLog

    env = queue_on(make_server("127.0.0.1"), tmp_path, monkeypatch)
    q, srv, local, questions = next(env)
    try:
        Path(srv.path("f10")).write_bytes(FOREIGN)
        (local / "f10").write_bytes(SOURCE)
        item = queue_resume(qtbot, q, local, questions, "f10")
        assert item.state == FAILED and "服务器上的文件不是此文件的开头部分。未续传；未做任何更改。" in reason(item)
    finally:
        next(env, None)
    log = MessageLog()
    qtbot.addWidget(log)
    said = ResumeUnchecked(1, path="/home/a/f10", remote="/in/f10", offset=150_000, reply="550 Not enough privileges.")
    assert log.describe(said) == [
        (
            "status",
            "无法检查服务器上的 /in/f10 是否为 /home/a/f10 的开头部分：服务器不肯将其发回（550 Not enough "
            "privileges.）。已从第 150000 字节续传，未经检查。",
        )
    ]


def test_put_resume_after_a_refused_check_leaves_no_restart_pending_for_its_appe(make_server, tmp_path):
    """No ``REST STREAM`` in FEAT (the resume goes out as APPE, no REST of its own) and RETR refused: the check's
    accepted REST was left pending — pyftpdlib answered the APPE "450 Can't APPE while REST request is pending"
    and ``put --resume`` exited 1; a server that takes the APPE would have written the rest 64 KiB early. Now the
    REST is cleared (``REST 0``) before the APPE: exit 0, the file identical (design note 476)."""
    server = make_server("127.0.0.1", replies={**WRITE_ONLY, "FEAT": "211 No features."})
    Path(server.path("f10")).write_bytes(SOURCE[:150_000])
    src = tmp_path / "f10"
    src.write_bytes(SOURCE)
    code, err = put_resume(server, src, "f10")
    assert code == 0, err
    assert "resumed from byte 150000 without the check" in err, err
    assert Path(server.path("f10")).read_bytes() == SOURCE
    assert asked(server) == [f"REST {rest_for(150_000)}", "RETR /f10", "REST 0", "APPE /f10"]
