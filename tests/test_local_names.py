"""Local names a hostile server can choose, through the engine and ``ftpgui-cli`` against pyftpdlib: names of
up to 255 bytes download (their temporary name is shortened to fit), names with C1 or bidi controls are
refused, and a refused download leaves no temporary file behind (found by QA against a hostile server)."""

from __future__ import annotations

import os
import random
from pathlib import Path

import pytest
from test_engine import connect

from ftpgui.ftp.localpath import part_name
from ftpgui.ftp.resumecheck import rest_for

from test_cli import run

LONG_NAMES = {"250 ASCII": "L" * 250, "254 é": "é" * 127, "255 ASCII": "L" * 255, "255 中": "中" * 85}  # bytes


@pytest.fixture
def server(make_server):
    return make_server("127.0.0.1")


@pytest.fixture
def dest(tmp_path):
    """The local folder downloads go to (``tmp_path`` holds the server's folder too)."""
    path = tmp_path / "dest"
    path.mkdir()
    return path


@pytest.mark.parametrize("name", LONG_NAMES.values(), ids=LONG_NAMES.keys())
def test_a_name_of_up_to_255_bytes_downloads(server, dest, name):
    data = random.Random(5).randbytes(300_000)
    Path(server.path(name)).write_bytes(data)
    with connect(server) as s:
        assert s.download("/" + name, str(dest / name)) == len(data)
    assert (dest / name).read_bytes() == data
    assert os.listdir(dest) == [name]  # no temporary file left


@pytest.mark.parametrize("name", LONG_NAMES.values(), ids=LONG_NAMES.keys())
def test_a_long_name_resumes_from_its_temporary_file(server, dest, name):
    data = random.Random(6).randbytes(300_000)
    Path(server.path(name)).write_bytes(data)
    Path(part_name(str(dest / name))).write_bytes(data[:100_000])
    with connect(server) as s:
        assert s.download("/" + name, str(dest / name), resume=True) == len(data) - 100_000
    assert (dest / name).read_bytes() == data and os.listdir(dest) == [name]
    assert f"REST {rest_for(100_000)}" in server.record.commands  # (the overlap checked: note 428)


def test_cli_get_and_get_resume_of_a_long_name(server, dest):
    name = "é" * 127
    data = random.Random(7).randbytes(200_000)
    Path(server.path(name)).write_bytes(data)
    code, _, err = run("get", server.url + "/" + name, str(dest), "--tls", "off")
    assert code == 0, err
    assert (dest / name).read_bytes() == data
    (dest / name).unlink()
    Path(part_name(str(dest / name))).write_bytes(data[:50_000])
    code, _, err = run("get", server.url + "/" + name, str(dest), "--tls", "off", "--resume")
    assert code == 0, err
    assert (dest / name).read_bytes() == data and os.listdir(dest) == [name]
    # (50,000 bytes, shorter than a resume's overlap: asked from the first byte, compared - note 428)
    assert sum(c.startswith("RETR ") for c in server.record.commands) == 2 and not [
        c for c in server.record.commands if c.startswith("REST")
    ]


def test_get_r_of_long_names(server, dest):
    names = ["L" * 250, "L" * 249 + "a", "é" * 127]  # two sharing a long front: two temporary names
    os.mkdir(server.path("t"))
    for i, name in enumerate(names):
        Path(server.path("t", name)).write_bytes(bytes([i]) * 70_000)
    code, _, err = run("get", "-r", server.url + "/t", str(dest / "t"), "--tls", "off")
    assert code == 0, err
    assert {p.name: p.read_bytes() for p in (dest / "t").iterdir()} == {
        n: bytes([i]) * 70_000 for i, n in enumerate(names)
    }


# C1 and bidi controls: refused as local names, as C0 is (shown escaped on a terminal, but a file manager
# shows a file named "\u202egpj.exe" as "exe.jpg", and a C1 CSI in a name drives a terminal's `ls`)
DISGUISED = ["\u202egpj.exe", "c1\x9b31m.txt", "nel\x85.txt", "iso\u2066late.txt", "mark\u200f.txt", "al\u061cm"]


@pytest.fixture
def disguised(server):
    os.mkdir(server.path("t"))
    Path(server.path("t", "good.txt")).write_bytes(b"ok")
    Path(server.path("t", "bell\x07")).write_bytes(b"C0, refused before")
    for name in DISGUISED:
        Path(server.path("t", name)).write_bytes(b"bad")
    return server


def test_the_engine_fails_names_with_c1_or_bidi_controls(disguised, dest):
    from ftpgui.ftp.mirror import download_tree

    result = download_tree(lambda: connect(disguised), "/t", str(dest / "t"))
    assert os.listdir(dest / "t") == ["good.txt"] and result.files == 1
    failed = dict(result.failed)  # failures, as the window's queue fails them (they were skips: design note 201)
    assert sorted(failed) == sorted("/t/" + name for name in [*DISGUISED, "bell\x07"])
    assert result.report.skipped == []
    for path, why in failed.items():  # C1 and bidi as C0, the name escaped
        assert why == f"Unsafe name {path[3:]!r}: the name contains a control character"


def test_get_r_in_a_console_fails_names_with_c1_or_bidi_controls(disguised, dest):
    from test_cli_hostile import assert_inert, decoded, run_subprocess

    proc = run_subprocess("get", "-r", disguised.url + "/t", str(dest / "t"), "--tls", "off")
    assert proc.returncode == 1, proc.stderr
    err = decoded(proc.stderr)
    assert_inert(decoded(proc.stdout), err)
    assert os.listdir(dest / "t") == ["good.txt"]
    said = "Unsafe name '{}': the name contains a control character\n"
    assert "failed /t/\\u202egpj.exe: " + said.format("\\u202egpj.exe") in err
    assert "failed /t/c1\\x9b31m.txt: " + said.format("c1\\x9b31m.txt") in err
    assert err.count("the name contains a control character") == len(DISGUISED) + 1
    assert f"ftpgui-cli: {len(DISGUISED) + 1} item(s) failed; 1 file(s) downloaded" in err


def test_get_of_one_file_with_a_bidi_override_into_a_folder_is_refused(disguised, dest):
    code, _, err = run("get", disguised.url + "/t/\u202egpj.exe", str(dest), "--tls", "off")
    assert code == 1 and "control character" in err and "\\u202e" in err
    assert os.listdir(dest) == []


# A download the server refuses (550: missing, unreadable, a folder) leaves no empty NAME.ftpgui-part


@pytest.mark.parametrize("resume", [False, True])
def test_a_refused_download_leaves_no_temporary_file(server, dest, resume):
    from ftpgui.ftp import ReplyError

    os.mkdir(server.path("folder"))
    with connect(server) as s:
        for remote in ("/nope.bin", "/folder"):
            with pytest.raises(ReplyError) as info:
                s.download(remote, str(dest / "x.bin"), resume=resume)
            assert info.value.code == 550 and info.value.command.startswith("RETR")
            assert os.listdir(dest) == []


def test_a_refused_download_removes_only_the_file_it_made(make_server, dest, tmp_path):
    """A hard link planted at the temporary name is replaced by a fresh file (its name only); when RETR is
    then refused, that fresh file goes, and the linked file elsewhere is as it was."""
    from ftpgui.ftp import ReplyError

    server = make_server("127.0.0.1", replies={"RETR": "550 Permission denied."})
    Path(server.path("f.bin")).write_bytes(b"x" * 1000)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.write_bytes(b"someone's")
    os.link(elsewhere, dest / part_name("f.bin"))
    with connect(server) as s, pytest.raises(ReplyError):
        s.download("/f.bin", str(dest / "f.bin"))
    assert os.listdir(dest) == [] and elsewhere.read_bytes() == b"someone's"


@pytest.mark.parametrize("left", [b"x" * 400, b""])
def test_a_refused_resume_keeps_the_partial_file(make_server, dest, left):
    from ftpgui.ftp import ReplyError

    server = make_server("127.0.0.1", replies={"RETR": "550 Permission denied."})
    Path(server.path("f.bin")).write_bytes(b"x" * 1000)
    part = dest / part_name("f.bin")
    part.write_bytes(left)
    with connect(server) as s, pytest.raises(ReplyError):
        s.download("/f.bin", str(dest / "f.bin"), resume=True)
    assert os.listdir(dest) == [part.name] and part.read_bytes() == left  # there before: kept for a resume


def test_cli_get_and_get_r_refused_leave_no_temporary_file(make_server, dest):
    server = make_server("127.0.0.1", replies={"RETR /t/locked.bin": "550 Permission denied."})
    os.makedirs(server.path("t", "sub"))
    Path(server.path("t", "locked.bin")).write_bytes(b"x" * 1000)
    Path(server.path("t", "sub", "ok.bin")).write_bytes(b"ok")
    code, _, err = run("get", server.url + "/nope.bin", str(dest), "--tls", "off")
    assert code == 1 and "550" in err
    code, _, err = run("get", server.url + "/t/locked.bin", str(dest), "--tls", "off", "--resume")
    assert code == 1 and "550" in err
    assert os.listdir(dest) == []
    code, _, err = run("get", "-r", server.url + "/t", str(dest / "t"), "--tls", "off")
    assert code == 1 and "failed /t/locked.bin" in err
    assert sorted(str(p.relative_to(dest)) for p in dest.rglob("*")) == ["t", "t/sub", "t/sub/ok.bin"]


@pytest.mark.usefixtures("qapp")
def test_a_queued_download_refused_leaves_no_temporary_file(qtbot, server, dest, tmp_path, monkeypatch):
    from ftpgui.ftp import SessionOptions
    from ftpgui.transfers.items import FAILED
    from ftpgui.transfers.queue import TransferQueue
    from ftpgui.transfers.worker import Endpoint

    from ftpserver import PASSWORD, USER

    monkeypatch.setenv("FTPGUI_CONFIG_DIR", str(tmp_path / "config"))
    os.mkdir(server.path("folder"))
    q = TransferQueue(str(tmp_path / "config" / "queue.json"))
    q.retry_delays = ()
    try:
        q.set_site(Endpoint(server.host, server.port, USER, PASSWORD), SessionOptions(timeout=20), 2)
        q.download([("/nope.bin", False, 10), ("/folder", False, None)], str(dest))  # (a folder listed as a file)
        qtbot.waitUntil(q.is_idle, timeout=60_000)
        assert [(i.state, "550" in i.error) for i in q.model.items()] == [(FAILED, True)] * 2
    finally:
        q.shutdown()
    assert os.listdir(dest) == []
