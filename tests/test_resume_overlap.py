# ruff: noqa: F811 (the fixtures imported below are parameters of the tests)
"""A resume checks that the local file is a part of the server's (design note 428, found by QA).

A local ``report1.bin`` holding ``XYZ``, the server's 100,000-byte file, "The target exists" → Resume: the client
sent REST 3, the item ended Done with ``XYZ`` and the server's bytes from offset 3 — damaged at byte 1 — and the
server's time stamped on it, so nothing showed it. Now a resume asks for the file from ``OVERLAP`` bytes before
the local file's end (no REST when the file is shorter) and compares those bytes with the local file's: another
file fails in words, left exactly as it was (bytes, time, name); a true part is continued and ends identical.
The real window and its dialog, the real CLI in a subprocess, the window's queue in Chinese; pyftpdlib."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from test_exists_choice_gui import (  # noqa: F401 (``windows``: a fixture)
    LONG,
    download,
    next_question,
    press_ok,
    settled,
    start_window,
    states,
    windows,
)
from test_queue_exists import answer_with, env, run  # noqa: F401 (``env``: a fixture)

from ftpgui.ftp.localpath import part_name
from ftpgui.ftp.resumecheck import OVERLAP, rest_for
from ftpgui.transfers.cellwords import reason
from ftpgui.transfers.items import DONE, FAILED

from test_cli import run_subprocess

WORDS = "do not match the server's file at that point: it is not a part of it. Not resumed; nothing was changed."
OLD = 1_500_000_000  # a modification time of the local file's (2017), that the server's must not replace
SERVERS = os.urandom(100_000)
LARGER = os.urandom(300_000)


def put(path, data: bytes) -> None:
    Path(path).write_bytes(data)
    os.utime(path, (OLD, OLD))


def unchanged(path, data: bytes) -> bool:
    st = os.stat(path)
    return Path(path).read_bytes() == data and st.st_mtime == OLD


def sent(server, before: int = 0) -> list:
    return [c for c in server.record.commands[before:] if c.startswith(("REST", "RETR"))]


@pytest.mark.gui
def test_resume_chosen_in_the_window_fails_on_a_file_that_is_no_part_and_continues_a_true_one(
    qtbot, windows, config, make_server, tmp_path
):
    """report1.bin: XYZ, the server's 100,000 bytes: Resume → Failed in words, the file as it was (on the code
    before: Done, XYZ + the server's bytes from 3, the server's time). part.bin: the server's first 200,000
    bytes: Resume → REST 64 KiB before its end, Done, the server's file."""
    srv = make_server("127.0.0.1")
    Path(srv.path("report1.bin")).write_bytes(SERVERS)
    Path(srv.path("part.bin")).write_bytes(LARGER)
    local = tmp_path / "local"
    local.mkdir()
    put(local / "report1.bin", b"XYZ")
    put(local / "part.bin", LARGER[:200_000])
    w = start_window(qtbot, config, srv, "ask")
    windows.append(w)

    download(qtbot, w, local, ["report1.bin"])
    dialog = next_question(qtbot, w, 1, 1)
    assert dialog is not None and dialog.buttons["resume"].isEnabled()
    press_ok(qtbot, dialog, "resume")
    qtbot.waitUntil(lambda: settled(w, 1) and states(w)["report1.bin"] in (DONE, FAILED), timeout=LONG)
    (item,) = w.queue.model.items()
    assert item.state == FAILED, (item.state, Path(local / "report1.bin").read_bytes()[:10])
    assert f"The last 3 bytes of {local / 'report1.bin'} {WORDS}" in reason(item), reason(item)
    assert unchanged(local / "report1.bin", b"XYZ") and sorted(os.listdir(local)) == ["part.bin", "report1.bin"]
    assert sent(srv) == ["RETR /report1.bin"]  # (3 bytes: asked from the first byte, compared)

    before = len(srv.record.commands)
    download(qtbot, w, local, ["part.bin"])  # (the failed item stays in the queue)
    dialog = next_question(qtbot, w, 2, 2)
    assert dialog is not None and dialog.buttons["resume"].isEnabled()
    press_ok(qtbot, dialog, "resume")
    qtbot.waitUntil(lambda: settled(w, 2) and states(w).get("part.bin") in (DONE, FAILED), timeout=LONG)
    (item,) = [i for i in w.queue.model.items() if i.local.endswith("part.bin")]
    assert item.state == DONE, reason(item)
    assert (local / "part.bin").read_bytes() == LARGER
    assert sent(srv, before) == [f"REST {200_000 - OVERLAP}", "RETR /part.bin"]


def test_the_queues_words_in_chinese(qtbot, env, chinese):
    q, srv, local, asked = env
    Path(srv.path("report1.bin")).write_bytes(SERVERS)
    put(local / "report1.bin", b"XYZ")
    answer_with(q, asked, "resume")
    q.download([("/report1.bin", False, len(SERVERS))], str(local))
    item = run(qtbot, q)["report1.bin"]
    assert item.state == FAILED and "不是该文件的一部分。未续传；未做任何更改。" in reason(item), reason(item)
    assert unchanged(local / "report1.bin", b"XYZ")


def test_get_resume_onto_a_file_that_is_no_part_of_the_servers_leaves_it_and_says_so(server, tmp_path_factory):
    """The QA case through the real CLI: exit 1, the words, the file, its time and its name as they were."""
    dest = tmp_path_factory.mktemp("dest")
    Path(server.path("report1.bin")).write_bytes(SERVERS)
    put(dest / "report1.bin", b"XYZ")
    done = run_subprocess("get", "--resume", "--keep-times", server.url + "/report1.bin", str(dest), "--tls", "off")
    err = done.stderr.decode()
    assert done.returncode == 1 and f"The last 3 bytes of {dest / 'report1.bin'} {WORDS}" in err, err
    assert unchanged(dest / "report1.bin", b"XYZ") and os.listdir(dest) == ["report1.bin"]
    assert sent(server) == ["RETR /report1.bin"]


def test_get_resume_compares_only_the_overlap_before_the_offset(server, tmp_path_factory):
    """A local file longer than the overlap: REST 64 KiB before its end. Its last byte not the server's: refused;
    its temporary file (an earlier get's) likewise, kept as it was; the server's true start: continued."""
    dest = tmp_path_factory.mktemp("dest")
    Path(server.path("big.bin")).write_bytes(LARGER)
    wrong = LARGER[:149_999] + bytes([LARGER[149_999] ^ 1])
    put(dest / "big.bin", wrong)
    done = run_subprocess("get", "--resume", server.url + "/big.bin", str(dest), "--tls", "off")
    err = done.stderr.decode()
    assert done.returncode == 1 and f"The last {OVERLAP} bytes of {dest / 'big.bin'} {WORDS}" in err, err
    assert unchanged(dest / "big.bin", wrong) and os.listdir(dest) == ["big.bin"]
    assert sent(server) == [f"REST {rest_for(150_000)}", "RETR /big.bin"]

    os.rename(dest / "big.bin", dest / part_name("big.bin"))
    done = run_subprocess("get", "--resume", server.url + "/big.bin", str(dest), "--tls", "off")
    err = done.stderr.decode()
    assert done.returncode == 1 and f"of {dest / part_name('big.bin')} {WORDS}" in err, err
    assert unchanged(dest / part_name("big.bin"), wrong) and os.listdir(dest) == [part_name("big.bin")]

    os.remove(dest / part_name("big.bin"))
    put(dest / "big.bin", LARGER[:150_000])
    before = len(server.record.commands)
    done = run_subprocess("get", "--resume", server.url + "/big.bin", str(dest), "--tls", "off")
    assert done.returncode == 0 and done.stderr == b"", done.stderr.decode()
    assert (dest / "big.bin").read_bytes() == LARGER and os.listdir(dest) == ["big.bin"]
    assert sent(server, before) == [f"REST {rest_for(150_000)}", "RETR /big.bin"]


def test_get_resume_of_a_true_start_shorter_than_the_overlap_ends_identical(server, tmp_path_factory):
    dest = tmp_path_factory.mktemp("dest")
    Path(server.path("report1.bin")).write_bytes(SERVERS)
    put(dest / "report1.bin", SERVERS[:3])
    done = run_subprocess("get", "--resume", server.url + "/report1.bin", str(dest), "--tls", "off")
    assert done.returncode == 0 and done.stderr == b"", done.stderr.decode()
    assert (dest / "report1.bin").read_bytes() == SERVERS
    assert sent(server) == ["RETR /report1.bin"]


def test_a_server_file_shorter_than_the_local_one_with_no_size_is_no_part(make_server, tmp_path_factory):
    """No SIZE: nothing tells the sizes apart before the RETR. The server's file ends before the local file's
    end: not a part of it either (before: "resumed" from past the server's end — nothing came, Done)."""
    dest = tmp_path_factory.mktemp("dest")
    server = make_server(refuse=("SIZE",))
    Path(server.path("f.bin")).write_bytes(SERVERS[:1000])
    put(dest / part_name("f.bin"), SERVERS[:2000])
    done = run_subprocess("get", "--resume", server.url + "/f.bin", str(dest), "--tls", "off")
    err = done.stderr.decode()
    assert done.returncode == 1 and WORDS in err, err
    assert unchanged(dest / part_name("f.bin"), SERVERS[:2000]) and not (dest / "f.bin").exists()
