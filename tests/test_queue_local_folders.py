"""The window's queue and a local folder it cannot write into (design note 186): the folder deleted during a
download, a folder nothing can be written into. Each fails its item at once (no retry: it would fail again),
naming the folder's full path."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from test_queue_local_attacks import LONG, queue, to_server  # noqa: F401 (``queue``: a fixture)

from ftpgui.transfers.items import DONE, FAILED
from ftpgui.ui.queue_view import GROUPS, QueueView

pytestmark = pytest.mark.usefixtures("qapp")


def test_the_queue_fails_a_download_whose_folder_was_deleted_at_once(qtbot, queue, make_server, tmp_path):  # noqa: F811
    """The folder deleted while the file downloaded: the item fails with those words, at once. The queue tried
    it once more (``TransferFailed`` counted as a broken transfer), and that try could only say "Could not open
    the folder …" in place of what had happened (design note 186)."""
    srv = make_server("127.0.0.1", no_226={"RETR": 1})
    Path(srv.path("f.bin")).write_bytes(os.urandom(300_000))
    dest = tmp_path / "dest"
    dest.mkdir()
    to_server(queue, srv)
    queue.download([("/f.bin", False, None)], str(dest))
    qtbot.waitUntil(srv.holding, timeout=LONG)
    shutil.rmtree(dest)
    srv.send_held_replies()
    qtbot.waitUntil(queue.is_idle, timeout=LONG)
    (item,) = queue.model.items()
    assert item.state == FAILED and item.attempts == 0  # (1 on the old code: retried)
    assert item.error == f"The folder {dest} was deleted during the download; the file was not saved."
    assert srv.record.verbs().count("RETR") == 1 and not dest.exists()


def test_a_download_into_a_read_only_folder_fails_at_once_naming_the_full_path(
    qtbot,
    queue,  # noqa: F811
    make_server,
    read_only_folder,
):
    """A folder download into a folder nothing can be written into said "Read-only file system: d" (the name
    the folder was made by, relative to its parent): now the full path of the folder it could not make; a file
    download names its full path too. Neither is tried again."""
    srv = make_server("127.0.0.1")
    os.mkdir(srv.path("d"))
    Path(srv.path("d", "in.txt")).write_bytes(b"x")
    Path(srv.path("f.txt")).write_bytes(b"y")
    to_server(queue, srv)
    queue.download([("/d", True, None), ("/f.txt", False, 1)], str(read_only_folder))
    qtbot.waitUntil(queue.is_idle, timeout=LONG)
    items = {i.remote: i for i in queue.model.items()}
    folder, file = items["/d"], items["/f.txt"]
    reason = "Read-only file system" if os.geteuid() == 0 else "Permission denied"
    assert folder.state == FAILED and folder.attempts == 0
    assert folder.error == f"Could not create the folder {read_only_folder / 'd'}: {reason}"
    assert file.state == FAILED and file.attempts == 0
    assert file.error == f"Could not write {read_only_folder / 'f.txt.ftpgui-part'}: {reason}"
    assert os.listdir(read_only_folder) == []


def _failed_after_deleting(qtbot, queue, make_server, tmp_path, deleted: str):  # noqa: F811
    """/many (six files) downloaded into ``dest``; ``dest/deleted`` deleted while the first file's download waits
    for its end: every file fails. (dest, the six items)"""
    srv = make_server("127.0.0.1", no_226={"RETR": 1})
    os.mkdir(srv.path("many"))
    for i in range(6):
        Path(srv.path("many", f"f{i}.dat")).write_bytes(os.urandom(20_000))
    dest = tmp_path / "dest"
    dest.mkdir()
    to_server(queue, srv)
    queue.download([("/many", True, None)], str(dest))
    qtbot.waitUntil(srv.holding, timeout=LONG)
    shutil.rmtree(dest / deleted)
    srv.send_held_replies()
    qtbot.waitUntil(queue.is_idle, timeout=LONG)
    files = [i for i in queue.model.items() if not i.is_dir]
    assert len(files) == 6 and all(i.state == FAILED for i in files)
    return dest, srv, files


def test_retry_makes_again_the_folders_the_download_made_below_the_chosen_one(qtbot, queue, make_server, tmp_path):  # noqa: F811
    """QA: /many downloaded into dest, dest/many deleted while its files waited: all failed "Could not open the
    folder …/dest/many" - and Retry failed them again at once, until the person made the folder by hand. The
    folder was the download's own (made when /many was listed): a Retry makes it again, and the files come."""
    view = QueueView(queue)  # (the panel, as the person used it: all failed selected, Retry pressed)
    qtbot.addWidget(view)
    view.show()
    dest, srv, files = _failed_after_deleting(qtbot, queue, make_server, tmp_path, "many")
    view.tabs.setCurrentIndex(GROUPS.index("failed"))
    view.tables["failed"].selectAll()
    qtbot.mouseClick(view.findChild(QPushButton, "queue-button-retry"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(queue.is_idle, timeout=LONG)
    assert [i.state for i in files] == [DONE] * 6  # (FAILED at once on the old code)
    assert sorted(os.listdir(dest / "many")) == [f"f{i}.dat" for i in range(6)]
    assert (dest / "many" / "f3.dat").read_bytes() == Path(srv.path("many", "f3.dat")).read_bytes()


def test_retry_never_makes_the_chosen_folder_again_and_says_it_is_gone(qtbot, queue, make_server, tmp_path):  # noqa: F811
    """The chosen folder itself deleted: a Retry does not make it (the person chose it; it may have been a
    mount point), nor anything in it, and says that the folder chosen is gone."""
    dest, _, files = _failed_after_deleting(qtbot, queue, make_server, tmp_path, "")
    queue.retry([i.id for i in files])
    qtbot.waitUntil(queue.is_idle, timeout=LONG)
    assert all(i.state == FAILED for i in files) and not dest.exists()
    words = f"The folder chosen for this download, {dest}, is no longer there: it is not made again."
    assert {i.error for i in files} == {words}
