"""Remove on a download that had begun takes its temporary file (``NAME.ftpgui-part``) with it, once its job has
ended; a file the person had at the name, continued by "Resume", is kept and the log says where.

Found by QA: Remove on an ACTIVE queue item stopped it and silently left a 1 MiB ``slow1.bin.ftpgui-part``.
The real main window, its queue panel's Remove button, and pyftpdlib sending slowly.
"""

from __future__ import annotations

import os

import pytest
from PySide6.QtCore import QItemSelectionModel
from PySide6.QtWidgets import QPushButton

from ftpgui.ftp.localpath import part_name
from ftpgui.transfers.items import ACTIVE, PAUSED
from ftpgui.ui.queue_view import GROUPS

from guihelpers import WAIT, quick_connect, wait_listing

pytestmark = pytest.mark.gui
SIZE = 4 << 20  # at 256 KiB/s: 16 s, far more than the test waits for its first bytes
SLOW2 = os.urandom(SIZE)  # slow2.bin: the person's smaller file is its start (a resume checks that: note 428)
LONG = 120_000  # ms: a safety net, not a performance limit


@pytest.fixture
def slow(qtbot, window, make_server, tmp_path):
    """(the window, browsing a server that sends 256 KiB a second, the local folder downloads go to)."""
    srv = make_server("127.0.0.1", throttle=256 * 1024)
    for name in ("slow1.bin", "slow2.bin", "slow3.bin"):
        with open(srv.path(name), "wb") as f:
            f.write(SLOW2 if name == "slow2.bin" else os.urandom(SIZE))
    dest = tmp_path / "dest"
    dest.mkdir()
    quick_connect(qtbot, window, srv)
    wait_listing(qtbot, window, "/")
    return window, dest


def download(qtbot, w, dest, name: str):
    w.request_download([(f"/{name}", False, SIZE, None)], str(dest))
    item = next(i for i in w.queue.model.items() if i.remote == f"/{name}")
    qtbot.waitUntil(lambda: item.state == ACTIVE and item.done >= 256 * 1024, timeout=LONG)
    qtbot.waitUntil(lambda: os.path.getsize(dest / part_name(name)) >= 256 * 1024, timeout=LONG)
    return item


def remove(qtbot, w, item) -> None:
    """Select the item's row in the Queued tab and click Remove, as a person does."""
    view = w.queue_view
    view.tabs.setCurrentIndex(GROUPS.index("queued"))
    table = view.tables["queued"]
    row = next(r for r in range(table.model().rowCount()) if table.model().items[r] is item)
    flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
    table.selectionModel().select(table.model().index(row, 0), flags)
    view.findChild(QPushButton, "queue-button-remove").click()
    qtbot.waitUntil(lambda: w.queue.model.item(item.id) is None, timeout=LONG)


def test_remove_on_an_active_download_removes_its_temporary_file(qtbot, slow):
    w, dest = slow
    item = download(qtbot, w, dest, "slow1.bin")
    remove(qtbot, w, item)
    qtbot.waitUntil(lambda: not (dest / "slow1.bin.ftpgui-part").exists(), timeout=WAIT)
    assert sorted(os.listdir(dest)) == []
    said = f"Removed {dest / 'slow1.bin.ftpgui-part'}: the unfinished download of a file taken off the queue."
    qtbot.waitUntil(lambda: said in w.log.toPlainText(), timeout=WAIT)


def test_remove_on_a_paused_download_removes_its_temporary_file_not_another_items(qtbot, slow):
    """A paused download that had begun: its file goes at once. A stray temporary file of a download that never
    began (another program's, an older ftpgui's) is no file of the item's: it stays."""
    w, dest = slow
    stray = dest / "slow3.bin.ftpgui-part"
    stray.write_bytes(b"not the queue's")
    w.request_download([("/slow3.bin", False, SIZE, None)], str(dest), start=False)
    never = next(i for i in w.queue.model.items() if i.remote == "/slow3.bin")
    item = download(qtbot, w, dest, "slow1.bin")
    w.queue.pause([item.id])
    qtbot.waitUntil(lambda: item.state == PAUSED, timeout=LONG)
    assert (dest / "slow1.bin.ftpgui-part").exists()
    remove(qtbot, w, item)
    remove(qtbot, w, never)
    qtbot.waitUntil(lambda: not (dest / "slow1.bin.ftpgui-part").exists(), timeout=WAIT)
    assert sorted(os.listdir(dest)) == ["slow3.bin.ftpgui-part"] and stray.read_bytes() == b"not the queue's"


def test_a_resumed_file_of_the_persons_is_kept_and_the_log_says_where(qtbot, slow):
    """ "Resume" continued the person's own smaller file (moved to the temporary name while it grows): its bytes
    were theirs before the queue touched them. Kept, and said, so nothing of theirs vanishes unseen."""
    w, dest = slow
    (dest / "slow2.bin").write_bytes(SLOW2[:100_000])  # (a start of the server's file, downloaded before)
    w.queue.exists_default = "resume"
    item = download(qtbot, w, dest, "slow2.bin")
    remove(qtbot, w, item)
    part = dest / "slow2.bin.ftpgui-part"
    said = f"Kept {part}, the unfinished download of a file taken off the queue: it continued the file that was at"
    qtbot.waitUntil(lambda: said in w.log.toPlainText(), timeout=WAIT)
    assert part.read_bytes().startswith(SLOW2[:100_000])
