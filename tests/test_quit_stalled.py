"""Quitting while the browsing connection waits on a server that never answers ends the app cleanly.

Found by hand: quick-connect to a port that accepts and never greets (or whose connect never completes),
then Ctrl+Q — the process aborted (SIGABRT, "QThread: Destroyed while thread 'ftpgui-browser' is still
running"): the thread sat in a read with the 30 s timeout while the app ended. Now the connections still
busy a second after the close are hung up on, and a thread stuck in a connect no longer takes the process
down with it."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


@pytest.fixture
def silent_server():
    """Accepts on loopback and never says a word (no greeting)."""
    srv = socket.socket()
    srv.bind(("127.0.0.1", 0))
    srv.listen(5)
    held = []
    stop = threading.Event()

    def accept() -> None:
        srv.settimeout(0.2)
        while not stop.is_set():
            try:
                held.append(srv.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield srv.getsockname()[1]
    stop.set()
    thread.join()
    for c in held:
        c.close()
    srv.close()


@pytest.fixture
def unreachable_port():
    """A port whose connect never completes: a listener that accepts nobody, its backlog full (Linux then
    drops the next SYN, as a firewall that drops would)."""
    srv = socket.socket()
    srv.bind(("127.0.0.1", 0))
    srv.listen(0)
    port = srv.getsockname()[1]
    fillers = []
    for _ in range(2):
        c = socket.socket()
        c.setblocking(False)
        c.connect_ex(("127.0.0.1", port))
        fillers.append(c)
    yield port
    for c in fillers:
        c.close()
    srv.close()


def run_app(port: int, tmp_path, *upload: str, **env_too: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", FTPGUI_CONFIG_DIR=str(tmp_path / "config"), **env_too)
    env["PYTHONPATH"] = ROOT + os.pathsep + HERE
    env.pop("DISPLAY", None)
    return subprocess.run(
        [sys.executable, os.path.join(HERE, "quit_probe.py"), "127.0.0.1", str(port), "1.5", *upload],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_quitting_while_a_server_never_greets_ends_cleanly(silent_server, tmp_path):
    done = run_app(silent_server, tmp_path)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "Destroyed while thread" not in done.stderr
    assert "quit_probe: ended normally" in done.stderr  # the hang-up ended the thread: no last resort


def test_quitting_while_the_connect_never_completes_ends_cleanly(unreachable_port, tmp_path):
    done = run_app(unreachable_port, tmp_path)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "Destroyed while thread" not in done.stderr
    assert "quit_probe: ended normally" in done.stderr  # shutdown ended the connect too


def test_quitting_while_an_upload_waits_for_the_servers_reply_ends_cleanly(make_server, tmp_path):
    """The queue's transfer thread waited for the 150 to STOR, which the server never sends: Quit's cancel left it
    waiting (the queue gave it 3 s, the window's thread blocked), and the app ended by its last resort. Now the
    cancel hangs up under that wait, the thread ends, and the app ends the ordinary way."""
    srv = make_server("127.0.0.1", no_1xx={"STOR /up.bin": 1})
    source = tmp_path / "up.bin"
    source.write_bytes(os.urandom(300_000))
    done = run_app(srv.port, tmp_path, str(source), srv.path("up.bin"), FTPGUI_TRANSFER_THREADS="1")
    assert done.returncode == 0, done.stderr[-2000:]
    assert "Destroyed while thread" not in done.stderr
    assert "quit_probe: ended normally" in done.stderr, done.stderr[-2000:]
    assert srv.holding() == 1  # (the 150 was never sent)


def test_quitting_while_compares_read_of_the_local_folder_hangs_ends_cleanly(make_server, tmp_path):
    """Compare reads the local hidden files of the server's names off the GUI thread (note 200), on a thread pool
    of its own — whose threads the process waited for as it ended: a read hung on a network folder held Quit for
    as long as it hung (for good, on a server that has gone). Here the read of ``.hung`` never returns; the app
    quits while it hangs and ends the ordinary way."""
    srv = make_server("127.0.0.1")
    with open(srv.path(".hung"), "wb") as f:
        f.write(b"x")
    local = tmp_path / "here"
    local.mkdir()
    (local / "a.txt").write_bytes(b"a")
    done = run_app(srv.port, tmp_path, "--compare", str(local))
    assert "quit_probe: quitting while the read hangs" in done.stderr, done.stderr[-2000:]
    assert done.returncode == 0, done.stderr[-2000:]
    assert "quit_probe: ended normally" in done.stderr, done.stderr[-2000:]


@pytest.mark.parametrize("stuck", [False, True], ids=["ordinary", "last-resort"])
def test_the_app_leaves_no_fork_server_folder_however_it_ends(make_server, tmp_path, short_temp, stuck):
    """The transfer processes come from ``multiprocessing``'s fork server, whose socket lives in a ``pymp-*``
    folder of the temporary folder; ``multiprocessing`` removes it only at an ordinary exit, and the app's last
    resort (``os._exit``: a thread the hang-up cannot end — here a listing that never returns) left it behind
    (design note 244). The app quits once the fork server runs, in a temporary folder of the test's own."""
    srv = make_server("127.0.0.1")
    temp = short_temp
    done = run_app(srv.port, tmp_path, "--forkserver", *(["--stuck"] if stuck else []), TMPDIR=str(temp))
    assert "quit_probe: quitting with the fork server in " + str(temp / "pymp-") in done.stderr, done.stderr[-2000:]
    assert done.returncode == 0, done.stderr[-2000:]
    assert ("quit_probe: ended normally" in done.stderr) is not stuck, done.stderr[-2000:]
    assert list(temp.glob("pymp-*")) == []
