"""The app killed with SIGKILL mid-transfer, restarted: the saved queue comes back and completes."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from typing import Iterator

import pytest

from ftpgui.ftp.resumecheck import OVERLAP

from ftpserver import PASSWORD, USER

APP = os.path.join(os.path.dirname(__file__), "queue_app.py")
PATIENCE = 300  # seconds: a safety net for a stuck child process, not a performance limit


def start(args, tmp_path, temp=None):
    """The app, started; use it through :func:`running`, which ends it with the test whatever happens.
    ``temp``: its temporary folder (``TMPDIR``: ``short_temp``)."""
    env = dict(os.environ, FTPGUI_PASSWORD=PASSWORD, FTPGUI_CONFIG_DIR=str(tmp_path / "config"))
    env["QT_QPA_PLATFORM"] = "offscreen"
    if temp is not None:
        env["TMPDIR"] = str(temp)
    return subprocess.Popen(
        [sys.executable, APP, *args], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def fork_server_folder_goes(temp) -> None:
    """Wait until the ``pymp-*`` folder of the fork server's socket has gone from the app's temporary folder:
    the app killed removed nothing, so its fork server removes it as it ends — once the app and the transfer
    processes it forked are gone (design note 244)."""
    deadline = time.monotonic() + PATIENCE
    while list(temp.glob("pymp-*")):
        assert time.monotonic() < deadline, "the fork server's folder stayed"
        time.sleep(0.05)


@contextmanager
def running(args, tmp_path, temp=None) -> Iterator[subprocess.Popen]:
    """The app started for the block; killed and reaped after it if still running — a wait for it that ran out
    (``communicate``'s TimeoutExpired) or a failed assertion never leaves it running past its test."""
    proc = start(args, tmp_path, temp)
    try:
        yield proc
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()


def kill_when(proc, ready) -> None:
    """SIGKILL the app (nothing of it runs at the end) once ``ready()``; fails if it ends first."""
    try:
        deadline = time.monotonic() + PATIENCE
        while not ready():
            assert proc.poll() is None, proc.communicate()
            assert time.monotonic() < deadline, "the app never got going"
            time.sleep(0.05)
        proc.send_signal(signal.SIGKILL)
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.communicate(timeout=PATIENCE)
    assert proc.returncode == -signal.SIGKILL


def started_item(store):
    """The saved queue's first item, once the app has saved that it moved bytes."""
    try:
        with open(store) as f:
            items = json.load(f)["items"]
    except (OSError, ValueError, KeyError):
        return None
    return items[0] if items and items[0]["started"] else None


def test_the_queue_survives_sigkill_and_completes_after_a_restart(make_server, tmp_path, short_temp):
    srv = make_server("127.0.0.1", throttle=1 << 20)
    data = os.urandom(12 << 20)
    with open(srv.path("big.bin"), "wb") as f:
        f.write(data)
    local = tmp_path / "down"
    local.mkdir()
    store = str(tmp_path / "config" / "queue.json")
    base = [store, srv.host, str(srv.port), USER]
    part = local / "big.bin.ftpgui-part"

    with running([*base, "/big.bin", str(local)], tmp_path, short_temp) as proc:
        kill_when(proc, lambda: started_item(store) and part.exists() and part.stat().st_size > (2 << 20))
    assert not (local / "big.bin").exists()  # nothing under the final name
    fork_server_folder_goes(short_temp)
    reached = part.stat().st_size
    assert 0 < reached < len(data)

    srv.handler.dtp_handler.write_limit = 0  # the second run need not wait
    with running(base, tmp_path, short_temp) as proc:
        out, err = proc.communicate(timeout=PATIENCE)
    assert proc.returncode == 0, err
    assert "started 1" in out and "idle done" in out, out
    with open(local / "big.bin", "rb") as f:
        assert f.read() == data
    assert not part.exists()
    assert not list(short_temp.glob("pymp-*"))  # (an ordinary exit: removed by the app itself)
    rests = [int(c.split()[1]) for c in srv.record.commands if c.startswith("REST ")]
    assert rests and rests[-1] >= reached - (1 << 20) - OVERLAP and rests[-1] > 0  # (the overlap: note 428)
    with open(store) as f:
        assert PASSWORD not in f.read()


def test_an_app_that_outlasts_the_wait_for_it_ends_with_its_test(tmp_path):
    """A restarted app the test waits for in vain (``communicate`` runs out) was left running after the test
    (design note 169): ``running`` kills and reaps it. Here the app waits for the greeting of a server that
    accepts and never says a word, so the wait always runs out."""
    with socket.create_server(("127.0.0.1", 0)) as silent:
        port = silent.getsockname()[1]
        queued = [str(tmp_path / "config" / "queue.json"), "127.0.0.1", str(port), USER, "/a.bin", str(tmp_path)]
        with pytest.raises(subprocess.TimeoutExpired):
            with running(queued, tmp_path) as proc:
                proc.communicate(timeout=2)  # (the app's session waits 20 s for the greeting: never done by then)
        assert proc.returncode == -signal.SIGKILL  # ended and reaped, not left behind
