"""A temporary folder whose path is too long for the fork server's socket: the queue's transfers still work
(design note 258). Under such a ``TMPDIR`` every transfer of the app failed with "The transfer process could
not start: AF_UNIX path too long"; the connections are now threads there, as on macOS and Windows."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile

import pytest

from ftpserver import PASSWORD, USER
from test_queue_kill import APP, PATIENCE

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the fork server is Linux's")


@pytest.fixture
def temp_of_length():
    """Make a folder under /tmp whose path is exactly ``n`` bytes long; removed after the test."""
    made = []

    def make(n: int) -> str:
        base = tempfile.mkdtemp(prefix="t", dir="/tmp")
        made.append(base)
        path = base + "/" + "a" * (n - len(base) - 1)
        os.mkdir(path)
        assert len(os.fsencode(path)) == n
        return path

    yield make
    for base in made:
        shutil.rmtree(base, ignore_errors=True)


@pytest.mark.parametrize("length, processes", [(75, True), (76, False), (200, False)])
def test_the_queue_downloads_whatever_the_temporary_folders_length(
    make_server, tmp_path, temp_of_length, length, processes
):
    srv = make_server("127.0.0.1")
    data = os.urandom(100_000)
    with open(srv.path("f.bin"), "wb") as f:
        f.write(data)
    local = tmp_path / "down"
    local.mkdir()
    temp = temp_of_length(length)
    env = dict(os.environ, FTPGUI_PASSWORD=PASSWORD, FTPGUI_CONFIG_DIR=str(tmp_path / "config"), TMPDIR=temp)
    env.pop("FTPGUI_TRANSFER_THREADS", None)
    env["QT_QPA_PLATFORM"] = "offscreen"
    store = str(tmp_path / "config" / "queue.json")
    proc = subprocess.run(
        [sys.executable, APP, store, srv.host, str(srv.port), USER, "/f.bin", str(local)],
        env=env,
        capture_output=True,
        text=True,
        timeout=PATIENCE,
    )
    assert proc.returncode == 0, proc.stderr
    assert "idle done" in proc.stdout, proc.stdout
    assert (local / "f.bin").read_bytes() == data
    # (processes where the socket fits: its folder was made under TMPDIR, and removed at the app's exit)
    probe = [sys.executable, "-c", "from ftpgui.transfers.serving import processes_usable as p; print(p())"]
    shown = subprocess.run(probe, env=env, capture_output=True, text=True, check=True).stdout.strip()
    assert shown == str(processes)
    assert not [p for p in os.listdir(temp) if p.startswith("pymp-")]
