"""A headless queue whose transfer connections are threads ends cleanly while a server keeps its QUIT
unanswered (design note 375). ``TransferQueue.shutdown`` tells its connections to close and does not wait for
them; the main window then waits for them (``wait_ended``), but a queue held without the window — the test
harness ``queue_app.py``, the benchmark's queue side — went straight to the process's end, and a thread still
waiting for the 221 had its ``QThread`` destroyed running: Qt aborted the process ("QThread: Destroyed while
thread ... is still running"), once in a CI run where the server's 221 came late."""

from __future__ import annotations

import os
import subprocess
import sys

from ftpserver import PASSWORD, USER
from scripted import FakeTree, ScriptedServer
from test_queue_kill import APP, PATIENCE


def test_a_queue_of_thread_connections_ends_cleanly_when_quit_is_never_answered(tmp_path):
    data = os.urandom(50_000)
    tree = FakeTree(
        content=lambda path: data if path.endswith("f.bin") else None,
        answer=lambda line: () if line.upper() == "QUIT" else None,  # no 221, the connection left open
    )
    local = tmp_path / "down"
    local.mkdir()
    env = dict(os.environ, FTPGUI_PASSWORD=PASSWORD, FTPGUI_CONFIG_DIR=str(tmp_path / "config"))
    env["FTPGUI_TRANSFER_THREADS"] = "1"
    env["QT_QPA_PLATFORM"] = "offscreen"
    with ScriptedServer(tree, connections=4, concurrent=True) as server:
        proc = subprocess.run(
            [
                sys.executable,
                APP,
                str(tmp_path / "queue.json"),
                "127.0.0.1",
                str(server.port),
                USER,
                "/f.bin",
                str(local),
            ],
            env=env,
            capture_output=True,
            text=True,
            timeout=PATIENCE,
        )
    assert "idle done" in proc.stdout, proc.stdout + proc.stderr
    assert (local / "f.bin").read_bytes() == data
    assert "QThread: Destroyed while thread" not in proc.stderr, proc.stderr
    assert proc.returncode == 0, proc.stderr
    assert "QUIT" in tree.seen  # the connection did say QUIT before it was hung up on
