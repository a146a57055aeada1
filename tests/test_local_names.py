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
    assert "REST 100000" in server.record.commands


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
    assert "REST 50000" in server.record.commands


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


def test_the_engine_skips_names_with_c1_or_bidi_controls(disguised, dest):
    from ftpgui.ftp.mirror import download_tree

    result = download_tree(lambda: connect(disguised), "/t", str(dest / "t"))
    assert result.ok, result.failed
    assert os.listdir(dest / "t") == ["good.txt"]
    skipped = dict(result.report.skipped)
    assert sorted(skipped) == sorted("/t/" + name for name in [*DISGUISED, "bell\x07"])
    assert set(skipped.values()) == {"the name contains a control character"}  # C1 and bidi as C0


def test_get_r_in_a_console_skips_names_with_c1_or_bidi_controls(disguised, dest):
    from test_cli_hostile import assert_inert, decoded, run_subprocess

    proc = run_subprocess("get", "-r", disguised.url + "/t", str(dest / "t"), "--tls", "off")
    assert proc.returncode == 0, proc.stderr
    err = decoded(proc.stderr)
    assert_inert(decoded(proc.stdout), err)
    assert os.listdir(dest / "t") == ["good.txt"]
    assert "skipped /t/\\u202egpj.exe: the name contains a control character" in err
    assert "skipped /t/c1\\x9b31m.txt: the name contains a control character" in err
    assert err.count("the name contains a control character") == len(DISGUISED) + 1


def test_get_of_one_file_with_a_bidi_override_into_a_folder_is_refused(disguised, dest):
    code, _, err = run("get", disguised.url + "/t/\u202egpj.exe", str(dest), "--tls", "off")
    assert code == 1 and "control character" in err and "\\u202e" in err
    assert os.listdir(dest) == []
