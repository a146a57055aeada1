"""What the queue spends on each small file that nobody needs (issue 22 item 2; design note 343): counted, not
timed — a folder of small files downloaded through the queue from a real server, and the work done per file
counted where it happens."""

from __future__ import annotations

import builtins
import collections
import os
import threading

import pytest

from ftpgui.ftp import SessionOptions
from ftpgui.ftp.localpath import part_name
from ftpgui.transfers.items import DONE
from ftpgui.transfers.queue import TransferQueue
from ftpgui.transfers.worker import Endpoint

from ftpserver import PASSWORD, USER

pytestmark = pytest.mark.usefixtures("qapp")
LONG = 120_000  # ms: a safety net, not a performance limit
FILES = 30


@pytest.fixture
def tree(tmp_path, make_server, monkeypatch):
    """A server with a folder of ``FILES`` small files, a queue logged in to it (two connections), a local folder."""
    monkeypatch.setenv("FTPGUI_CONFIG_DIR", str(tmp_path / "config"))
    srv = make_server("127.0.0.1")
    os.makedirs(srv.path("tree"))
    for n in range(FILES):
        with open(srv.path("tree", f"f{n:02d}.bin"), "wb") as f:
            f.write(os.urandom(200 + n))
    q = TransferQueue(str(tmp_path / "config" / "queue.json"))
    q.set_site(Endpoint(srv.host, srv.port, USER, PASSWORD), SessionOptions(timeout=20), 2)
    local = tmp_path / "local"
    local.mkdir()
    yield q, local
    q.shutdown()


def _download(qtbot, q, local) -> None:
    local.mkdir(exist_ok=True)
    before = len(q.model.items())
    q.download([("/tree", True, None)], str(local))
    qtbot.waitUntil(q.is_idle, timeout=LONG)
    items = q.model.items()[before:]
    assert {i.state for i in items} == {DONE} and len(items) == FILES
    assert sorted(os.listdir(local / "tree")) == [f"f{n:02d}.bin" for n in range(FILES)]


def test_the_gui_thread_runs_no_import_statement_for_each_file(qtbot, tree, monkeypatch):
    """Handing a file out (``_start``), reading its result (``_server_answers``) and each event of it
    (``_take_event``) ran an import statement on the GUI thread — in the app each one a call into PySide's
    Python-level ``__import__`` hook: about four a file, 9,500 for the benchmark's 2,000-file tree."""
    q, local = tree
    main = threading.main_thread()
    real = builtins.__import__
    on_gui_thread = []

    def counting(name, globals=None, locals=None, fromlist=(), level=0):
        # (an import statement of ftpgui's own, ``from .x import y``; pickle names each class of a batch it reads
        # by its module, once a batch: not counted)
        if level and threading.current_thread() is main:
            on_gui_thread.append(name)
        return real(name, globals, locals, fromlist, level)

    _download(qtbot, q, local / "first")  # (what the first connection loads, loaded)
    monkeypatch.setattr(builtins, "__import__", counting)
    _download(qtbot, q, local / "second")
    assert len(on_gui_thread) < FILES // 3, collections.Counter(on_gui_thread)


def test_a_fresh_files_download_looks_for_no_temporary_file(qtbot, tree, monkeypatch):
    """A file's first try, with no earlier try's temporary file noted and no Resume asked, is fetched from the first
    byte whatever is there: looking whether its temporary name exists decided nothing — one system call a file."""
    q, local = tree
    q.transfer_processes = False  # (its connections as threads of this process: the look is counted here)
    looked = []
    real = os.path.lexists

    def lexists(path):
        looked.append(os.fspath(path))
        return real(path)

    monkeypatch.setattr(os.path, "lexists", lexists)
    _download(qtbot, q, local)
    temporary = {part_name(str(local / "tree" / f"f{n:02d}.bin")) for n in range(FILES)}
    assert not temporary & set(looked)


def test_the_speed_limits_meter_takes_no_lock_for_a_file_when_there_is_no_limit(qtbot, tree):
    """With no limit set (as nearly always) the meter gave back the bytes a file's last read did not use under the
    bucket's lock — in a transfer process a semaphore shared with the others — for every file."""
    q, local = tree
    q.transfer_processes = False  # (the bucket in this process: its lock can be watched)
    taken = []

    class Counted:
        def __init__(self, lock):
            self.lock = lock

        def __enter__(self):
            taken.append(1)
            return self.lock.__enter__()

        def __exit__(self, *exc):
            return self.lock.__exit__(*exc)

    q.limit._lock = Counted(q.limit._lock)
    _download(qtbot, q, local)
    assert q.limit.rate == 0
    assert len(taken) < FILES


def test_the_items_handed_out_in_one_turn_cross_to_a_transfer_process_as_one_message(qtbot, tree, monkeypatch):
    """Each item handed to a transfer process was a message of its own: for every file the process looked at its
    pipe, read it twice and woke its listening thread (which takes the job thread's interpreter lock). Those of
    one turn of the event loop now cross as one message."""
    import struct

    from ftpgui.transfers import procconn

    q, local = tree
    assert q.transfer_processes
    frames = []

    class Counting:
        @staticmethod
        def pack(fmt, *values):
            frames.append(values)
            return struct.pack(fmt, *values)

    monkeypatch.setattr(procconn, "struct", Counting)
    _download(qtbot, q, local)
    assert len(frames) < FILES // 2
