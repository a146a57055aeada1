"""The queue with names in legacy encodings: every remote path goes back as the bytes the server listed."""

from __future__ import annotations

import os

import pytest

from ftpgui.ftp import SessionOptions
from ftpgui.transfers.items import DONE
from ftpgui.transfers.queue import TransferQueue
from ftpgui.transfers.worker import Endpoint

from ftpserver import PASSWORD, USER

pytestmark = pytest.mark.usefixtures("qapp")
LONG = 300_000  # ms: a safety net for a stuck test on a loaded machine, not a performance limit

# on a server that does not advertise UTF8, "auto:gbk" types names in GBK; these UTF-8 names can also be
# written in GBK (as other bytes), so only the listed bytes find them again
NAMES = {
    "日本.txt".encode(): b"utf-8 one",
    "中国.txt".encode(): b"utf-8 two",
    "文件.txt".encode("gbk"): b"gbk",
    b"\xff\xfe raw.bin": b"no codec",
}


@pytest.fixture
def queue(qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("FTPGUI_CONFIG_DIR", str(tmp_path / "config"))
    q = TransferQueue(str(tmp_path / "config" / "queue.json"))
    q.retry_delays = ()
    yield q
    q.shutdown()


@pytest.mark.parametrize("encoding", ["auto:gbk", "gbk", "utf-8"])
def test_a_folder_of_legacy_names_downloads_over_several_connections(qtbot, queue, make_server, tmp_path, encoding):
    srv = make_server(legacy_names=True)
    folder = os.path.join(os.fsencode(srv.root), b"dir")
    os.mkdir(folder)
    for name, data in NAMES.items():
        with open(os.path.join(folder, name), "wb") as f:
            f.write(data)
    down = tmp_path / "down"
    down.mkdir()
    queue.set_site(Endpoint(srv.host, srv.port, USER, PASSWORD), SessionOptions(timeout=20, encoding=encoding), 3)
    queue.download([("/dir", True, None)], str(down))
    qtbot.waitUntil(queue.is_idle, timeout=LONG)
    items = queue.model.items()
    assert [(i.remote, i.error) for i in items if i.state != DONE] == []
    got = sorted((down / "dir" / name).read_bytes() for name in os.listdir(down / "dir"))
    assert got == sorted(NAMES.values())
    # the listed bytes survive a restart of the queue
    queue.save_now_blocking()
    again = TransferQueue(str(tmp_path / "config" / "queue.json"))
    assert sorted(bytes.fromhex(i.remote_bytes) for i in again.model.items()) == sorted(b"/dir/" + n for n in NAMES)


def test_an_entry_queued_with_its_listed_bytes_downloads(qtbot, queue, make_server, tmp_path):
    srv = make_server(legacy_names=True)
    name = "日本.txt".encode()  # UTF-8 on a server whose typed names go out in GBK
    with open(os.path.join(os.fsencode(srv.root), name), "wb") as f:
        f.write(b"utf-8 one")
    queue.set_site(Endpoint(srv.host, srv.port, USER, PASSWORD), SessionOptions(timeout=20, encoding="auto:gbk"), 1)
    queue.download([("/日本.txt", False, None, b"/" + name)], str(tmp_path))
    qtbot.waitUntil(queue.is_idle, timeout=LONG)
    assert [(i.state, i.error) for i in queue.model.items()] == [(DONE, "")]
    assert (tmp_path / "日本.txt").read_bytes() == b"utf-8 one"


def test_a_saved_item_with_bytes_that_are_not_hex_makes_the_file_unreadable(tmp_path):
    from ftpgui import paths
    from ftpgui.transfers.items import TransferItem

    store = str(tmp_path / "queue.json")
    item = TransferItem("download", str(tmp_path / "x"), "/x", remote_bytes="2f78")
    assert item.wire_remote == b"/x"
    paths.atomic_write_json(store, {"version": 1, "items": [dict(item.to_json(), remote_bytes="/x")]})
    q = TransferQueue(store)
    q.shutdown()
    assert q.model.rowCount() == 0 and "remote_bytes" in q.load_error
