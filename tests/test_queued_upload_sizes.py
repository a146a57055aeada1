"""Uploads queued without starting (Add to Queue, a drop on the queue) show their local file's size at once, as
downloads show the listed size: the Size cell and the queue's "N files waiting, X left" (found by a QA recheck:
the footer left an added file's 7.6 MiB out; design note 370). The real window and a real pyftpdlib server."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QMimeData, QUrl
from test_queue_servers_gui import add_to_queue, browse, open_window

from ftpgui.transfers.items import PAUSED
from ftpgui.transfers.model import COL_SIZE

from ftpserver import PASSWORD, USER
from guihelpers import WAIT, close_window
from memkeyring import memory_keyring  # noqa: F401 (fixture: never the real keychain)

pytestmark = pytest.mark.gui
MIB = 1024 * 1024


def size_cells(w) -> dict:
    """The Queued tab's Size cells, by local path, as the table shows them."""
    table = w.queue_view.tables["queued"]
    model = table.model()
    return {model.index(row, 0).data(): model.index(row, COL_SIZE).data() for row in range(model.rowCount())}


def test_uploads_added_to_the_queue_or_dropped_on_it_show_their_size(qtbot, config, make_server, tmp_path):
    srv = make_server("127.0.0.1")
    local = tmp_path / "local"
    local.mkdir()
    (local / "up8.bin").write_bytes(b"8" * (8 * MIB - 400 * 1024))  # 7.6 MiB
    elsewhere = tmp_path / "file-manager"
    elsewhere.mkdir()
    (elsewhere / "dropped.bin").write_bytes(b"d" * (3 * MIB))
    w = open_window(qtbot)
    try:
        browse(qtbot, w, srv, USER, PASSWORD)
        add_to_queue(qtbot, w, local, "up8.bin")
        mime = QMimeData()  # a file manager's file dropped on the queue
        mime.setUrls([QUrl.fromLocalFile(str(elsewhere / "dropped.bin"))])
        drop = w.queue_drop(mime)
        assert drop is not None
        drop()
        qtbot.waitUntil(lambda: len(w.queue.model.items()) == 2, timeout=WAIT)
        assert {i.state for i in w.queue.model.items()} == {PAUSED}
        wanted = {str(local / "up8.bin"): "7.6 MiB", str(elsewhere / "dropped.bin"): "3.0 MiB"}
        qtbot.waitUntil(lambda: size_cells(w) == wanted, timeout=WAIT)  # (they stayed empty)
        qtbot.waitUntil(lambda: w.queue_view.status.text() == "2 queued, 10.6 MiB left", timeout=WAIT)
    finally:
        close_window(qtbot, w)
