"""The transfer queue against a real pyftpdlib server: folders both ways, target-exists choices, retries."""

from __future__ import annotations

import filecmp
import os

import pytest

from ftpgui.ftp import SessionOptions
from ftpgui.transfers.items import DONE, SKIPPED
from ftpgui.transfers.queue import TransferQueue
from ftpgui.transfers.worker import Endpoint

from ftpserver import PASSWORD, USER

pytestmark = pytest.mark.usefixtures("qapp")
LONG = 300_000  # ms: a safety net for a stuck test on a loaded machine, not a performance limit


def make_tree(root, files=10, fanout=3, depth=2, prefix="f"):
    """Files spread over nested folders, each with distinct content; returns the file count."""
    count = 0
    folders = [root]
    for level in range(depth):
        nxt = []
        for folder in folders:
            for i in range(fanout):
                sub = os.path.join(folder, f"d{level}{i}")
                os.makedirs(sub, exist_ok=True)
                nxt.append(sub)
        folders += nxt
    for n in range(files):
        folder = folders[n % len(folders)]
        with open(os.path.join(folder, f"{prefix}{n:04d}.bin"), "wb") as f:
            f.write(os.urandom(n % 7 * 1000 + 1) + str(n).encode())
        count += 1
    return count


def same_tree(a, b) -> bool:
    cmp = filecmp.dircmp(a, b)
    if cmp.left_only or cmp.right_only or cmp.funny_files:
        return False
    _, mismatch, errors = filecmp.cmpfiles(a, b, cmp.common_files, shallow=False)
    if mismatch or errors:
        return False
    return all(same_tree(os.path.join(a, d), os.path.join(b, d)) for d in cmp.common_dirs)


@pytest.fixture
def queue(qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("FTPGUI_CONFIG_DIR", str(tmp_path / "config"))
    q = TransferQueue(str(tmp_path / "config" / "queue.json"))
    q.retry_delays = (0.05, 0.1, 0.2)
    yield q
    q.shutdown()


def site(q, srv, connections=2, **options):
    q.set_site(Endpoint(srv.host, srv.port, USER, PASSWORD), SessionOptions(timeout=20, **options), connections)


def wait_idle(qtbot, q):
    qtbot.waitUntil(q.is_idle, timeout=LONG)


def states(q):
    return [i.state for i in q.model.items()]


def errors(q):
    return [(i.local, i.error) for i in q.model.items() if i.state not in (DONE, SKIPPED)]


def test_a_nested_folder_goes_down_and_up_byte_identical(qtbot, queue, make_server, tmp_path):
    srv = make_server("127.0.0.1")
    n = make_tree(os.path.join(srv.root, "tree"), files=int(os.environ.get("NFILES", 500)), fanout=3, depth=3)
    down = tmp_path / "down"
    down.mkdir()
    site(queue, srv, connections=3)
    queue.download([("/tree", True, None)], str(down))
    wait_idle(qtbot, queue)
    assert states(queue).count(DONE) == n, errors(queue)
    assert same_tree(os.path.join(srv.root, "tree"), str(down / "tree"))
    assert not [p for p in down.rglob("*.part")]

    queue.clear_finished()
    os.mkdir(srv.path("copy"))
    queue.upload([str(down / "tree")], "/copy")
    wait_idle(qtbot, queue)
    assert states(queue).count(DONE) == n, errors(queue)
    assert same_tree(str(down / "tree"), srv.path("copy", "tree"))
