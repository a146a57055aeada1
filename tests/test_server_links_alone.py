"""A symbolic link on the server acted on by itself, and a link back to the folder a download started at (design
note 204) — against pyftpdlib with real links in its root, through the window (its remote pane and queue) and
``ftpgui-cli get -r``.

A link chosen on its own was queued as a file: one to a folder failed with the server's "550 Is a directory".
Its job now asks (CWD) as FileZilla does: a folder's contents go into a local folder of the link's name, a file's
bytes into a file, and a link to nothing fails in words that say so. Double-click and Enter show a link to a folder
and download a link to a file (they entered every link: the server's "550" for a file). pyftpdlib's LIST declares
links (``l``); its MLSD lists them as the folders and files they lead to, with the target's ``unique``: the walk
met ``/data/loop -> /data`` as a new folder and copied ``/data`` into ``loop`` once (the start folder's ``unique``
was not known), then saw the folders below it as met before.
"""

from __future__ import annotations

import os
import pwd
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from test_local_attacks import files_under
from test_queue_local_attacks import queue  # noqa: F401 (a fixture)

from ftpgui.ftp import FtpSession, SessionOptions
from ftpgui.search import search_tree
from ftpgui.transfers.items import DONE, FAILED, SKIPPED
from ftpgui.transfers.worker import Endpoint

from conftest import need
from daemons import start_vsftpd, vsftpd_usable
from ftpserver import PASSWORD, USER
from guihelpers import WAIT, drop_on_local, quick_connect, wait_listing
from test_cli import run

pytestmark = pytest.mark.usefixtures("qapp")
LINK_TO_FOLDER = "a symbolic link to a folder on the server; not followed"
MET_BEFORE = "the same folder as one met before (MLSD unique); not followed"
NOWHERE = (
    "The symbolic link leads to no folder this session can enter and to no file it can download (its target may "
    "be missing): the server refused RETR: 550"
)


def link_root(root: Path) -> None:
    """``data`` (a file, a folder with a file, ``loop -> .``: a link back to ``data``), and beside it a link to
    ``data``, one to its file, one to nothing."""
    (root / "data" / "sub").mkdir(parents=True)
    (root / "data" / "a.txt").write_bytes(b"the file in data")
    (root / "data" / "sub" / "b.txt").write_bytes(b"the file in sub")
    os.symlink(".", root / "data" / "loop")
    os.symlink("data", root / "to-data")
    os.symlink("data/a.txt", root / "to-file")
    os.symlink("missing.txt", root / "to-nothing")


@pytest.fixture
def linked(qtbot, window, make_server, tmp_path, request):
    """The window connected to pyftpdlib (LIST: its links declared; ``MLSD``: listed as what they lead to) with
    ``link_root`` in its root, the local pane on an empty folder."""
    listing = getattr(request, "param", "LIST")
    srv = make_server("127.0.0.1", refuse=("MLSD",) if listing == "LIST" else ())
    link_root(Path(srv.root))
    quick_connect(qtbot, window, srv)
    wait_listing(qtbot, window, "/")
    local = tmp_path / "local"
    local.mkdir()
    window.local.set_path(str(local))
    window.set_active_side("remote")
    window.remote.select(["to-data", "to-file", "to-nothing"])  # (each test picks from these)
    window.listing = listing
    window.srv = srv  # (a test may change how it answers)
    return window, local


def finished(qtbot, w) -> dict:
    qtbot.waitUntil(lambda: w.queue.is_idle() and len(w.queue.model.items()) > 0, timeout=WAIT)
    return {i.remote: i for i in w.queue.model.items()}


def test_links_downloaded_on_their_own_from_the_remote_pane(qtbot, linked):
    """Download with three links selected: the folder's contents into ``to-data`` (its link back up not followed,
    said), the file's bytes into ``to-file``, the link to nothing failed in words — nothing else written."""
    w, local = linked
    assert [e.type for e in w.remote.selected_entries()] == ["link"] * 3  # (LIST: the server's own word)
    w.act_download.trigger()
    items = finished(qtbot, w)
    assert files_under(local) == ["to-data", "to-data/a.txt", "to-data/sub", "to-data/sub/b.txt", "to-file"]
    assert (local / "to-data" / "a.txt").read_bytes() == b"the file in data"
    assert (local / "to-data" / "sub" / "b.txt").read_bytes() == b"the file in sub"
    assert (local / "to-file").read_bytes() == b"the file in data"
    assert {items[p].state for p in ("/to-data/a.txt", "/to-data/sub/b.txt", "/to-file")} == {DONE}
    assert items["/to-data/loop"].state == SKIPPED and items["/to-data/loop"].error == LINK_TO_FOLDER
    broken = items["/to-nothing"]
    assert broken.state == FAILED and broken.error.startswith(NOWHERE), broken.error


@pytest.mark.parametrize("linked", ["LIST", "MLSD"], indirect=True)
def test_a_link_to_a_folder_dragged_to_the_local_pane_is_that_folder(qtbot, linked):
    """Dragged onto the local pane: the folder's contents. Its ``loop`` (the folder the download started at) is
    not copied again: with LIST a link to a folder, not followed; with MLSD (pyftpdlib lists the link and the loop
    as folders) the same folder as the start's, by its ``unique`` — met before."""
    w, local = linked
    model = w.remote.model
    mime = model.mimeData([model.index(model.row_of("to-data"), 0)])
    drop_on_local(w, mime)
    items = finished(qtbot, w)
    assert files_under(local) == ["to-data", "to-data/a.txt", "to-data/sub", "to-data/sub/b.txt"]
    loop = items["/to-data/loop"]
    assert loop.state == SKIPPED and loop.error == (MET_BEFORE if w.listing == "MLSD" else LINK_TO_FOLDER)


def test_enter_on_a_link_downloads_a_file_and_shows_a_folder(qtbot, linked):
    """Enter (a double-click's ``activated``) on a link: as on a file when it leads to one, as on a folder when
    it leads to one — the link to a file was entered, and the server's "550 Not a directory" was all."""
    w, local = linked
    w.remote.select(["to-file"])
    QTest.keyClick(w.remote.view, Qt.Key.Key_Return)
    items = finished(qtbot, w)
    assert items["/to-file"].state == DONE and (local / "to-file").read_bytes() == b"the file in data"
    w.remote.select(["to-data"])
    QTest.keyClick(w.remote.view, Qt.Key.Key_Return)
    wait_listing(qtbot, w, "/to-data")
    assert sorted(e.name for e in w.remote.model.entries()) == ["a.txt", "loop", "sub"]
    assert list(items) == ["/to-file"] and len(w.queue.model.items()) == 1  # (shown, not downloaded)


@pytest.mark.parametrize("linked", ["MLSD"], indirect=True)
def test_the_queue_meets_a_link_back_to_the_folder_it_started_at(qtbot, linked):
    """``data`` downloaded from the pane (MLSD): ``data/loop`` is ``data`` itself — met before, said, not copied."""
    w, local = linked
    w.remote.select(["data"])
    w.act_download.trigger()
    items = finished(qtbot, w)
    assert files_under(local) == ["data", "data/a.txt", "data/sub", "data/sub/b.txt"]
    assert items["/data/loop"].state == SKIPPED and items["/data/loop"].error == MET_BEFORE
    assert [i.remote for i in items.values() if i.state == SKIPPED] == ["/data/loop"]


def test_get_r_meets_a_link_back_to_the_folder_it_started_at(make_server, tmp_path):
    srv = make_server()
    link_root(Path(srv.root))
    code, _, err = run("get", "-r", srv.url + "/data", str(tmp_path / "out"))
    assert code == 0, err
    assert files_under(tmp_path / "out") == ["a.txt", "sub", "sub/b.txt"]
    assert f"skipped /data/loop: {MET_BEFORE}\n" in err
    assert "skipped /data/loop/" not in err  # (the folders below it, met before once it was followed)


def test_a_search_meets_a_link_back_to_the_folder_it_started_at(make_server):
    srv = make_server()
    link_root(Path(srv.root))
    hits = []
    session = FtpSession(SessionOptions(tls="off"))
    session.open(srv.host, srv.port, USER, PASSWORD)
    try:
        report = search_tree(session, "/data", lambda *_: True, hits.extend, threading.Event())
    finally:
        session.close()
    # (the link is an entry of /data, found; what is in it is /data's, found there: not searched twice)
    assert sorted(h.path for h in hits) == ["/data/a.txt", "/data/loop", "/data/sub", "/data/sub/b.txt"]
    assert [path for path, _why in report.skipped] == ["/data/loop"]


def test_links_on_their_own_against_vsftpd(qtbot, queue, tmp_path):  # noqa: F811
    """The queue as the pane asks it (a link's "is folder" None: ``download_item``) against vsftpd, whose LIST
    declares links as pyftpdlib's does and whose RETR of a folder says "550 Failed to open file."."""
    need(vsftpd_usable(), "vsftpd is not installed (apt-get install vsftpd) or the tests are not root")
    daemon = start_vsftpd(tmp_path / "vsftpd")
    try:
        link_root(daemon.writable)
        ftp = pwd.getpwnam("ftp")
        for path in daemon.writable.rglob("*"):
            os.chown(path, ftp.pw_uid, ftp.pw_gid, follow_symlinks=False)
        local = tmp_path / "local"
        local.mkdir()
        queue.set_site(Endpoint(daemon.host, daemon.port, daemon.user, daemon.password), SessionOptions(timeout=20), 1)
        top = daemon.remote_dir
        queue.download([(f"{top}/{name}", None, None) for name in ("to-data", "to-file", "to-nothing")], str(local))
        qtbot.waitUntil(queue.is_idle, timeout=WAIT)
        queue.shutdown()
    finally:
        daemon.stop()
    items = {i.remote: i for i in queue.model.items()}
    assert files_under(local) == ["to-data", "to-data/a.txt", "to-data/sub", "to-data/sub/b.txt", "to-file"]
    assert (local / "to-file").read_bytes() == b"the file in data"
    assert items[f"{top}/to-data/loop"].state == SKIPPED and items[f"{top}/to-data/loop"].error == LINK_TO_FOLDER
    broken = items[f"{top}/to-nothing"]
    assert broken.state == FAILED and broken.error.startswith(NOWHERE), broken.error


def test_a_link_whose_cwd_is_refused_for_now_is_not_called_a_link_to_nothing(qtbot, linked):
    """The server refuses the link's CWD for now (450: busy): that says nothing of what the link is — the item
    fails (to be tried again) in the server's words; before, any refusal of CWD was "no folder", then RETR met
    the folder and the item said the link leads nowhere (found by review of note 204)."""
    w, _local = linked
    srv = w.srv
    base = srv.server.handler

    class Busy(base):
        def pre_process_command(self, line, cmd, arg):
            if line == "CWD /to-data":
                srv.record.commands.append(line)
                self.respond("450 Busy, try later.")
                return
            super().pre_process_command(line, cmd, arg)

    srv.server.handler = Busy
    w.queue.retry_delays = ()  # (no try again: its first failure is the one looked at)
    w.remote.select(["to-data"])
    w.act_download.trigger()
    items = finished(qtbot, w)
    item = items["/to-data"]
    assert item.state == FAILED and "450 Busy, try later." in item.error and NOWHERE not in item.error, item.error


@pytest.mark.parametrize("linked", ["MLSD"], indirect=True)
def test_a_deeper_folder_tried_again_on_its_own_meets_a_link_back_to_it(qtbot, linked):
    """``data`` downloaded, its ``sub`` refused once (550): Retry of ``sub`` from the Failed tab, the queue idle,
    starts a walk of its own, and ``sub/again -> .`` is ``sub`` itself — met before, said, not copied. Only the
    chosen folder's ``unique`` was asked (MLST): ``sub`` was copied into ``again`` once before (design note 238)."""
    from ftpgui.ui.queue_view import GROUPS

    w, local = linked
    srv = w.srv
    os.symlink(".", Path(srv.root) / "data" / "sub" / "again")
    base = srv.server.handler
    refused = []

    class Once(base):
        def pre_process_command(self, line, cmd, arg):
            if line == "MLSD /data/sub" and not refused:
                refused.append(line)
                self.respond("550 Not now, nor later.")
                return
            super().pre_process_command(line, cmd, arg)

    srv.server.handler = Once
    w.remote.select(["data"])
    w.act_download.trigger()
    items = finished(qtbot, w)
    assert items["/data/sub"].state == FAILED and refused, items["/data/sub"].error
    w.queue_view.tabs.setCurrentIndex(GROUPS.index("failed"))
    table = w.queue_view.tables["failed"]
    qtbot.waitUntil(lambda: table.model().rowCount() == 1, timeout=WAIT)
    table.selectRow(0)
    w.queue_view.actions["retry"].trigger()
    qtbot.waitUntil(lambda: "/data/sub/b.txt" in {i.remote for i in w.queue.model.items()}, timeout=WAIT)
    items = finished(qtbot, w)
    assert files_under(local) == ["data", "data/a.txt", "data/sub", "data/sub/b.txt"]
    again = items["/data/sub/again"]
    assert again.state == SKIPPED and again.error == MET_BEFORE, again.error
