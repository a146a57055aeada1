"""The queue's footer and the status bar's totals say what the queue holds (found by QA, design note 379):

- a folder queued for upload was counted as one file of unknown size ("1 file waiting, 0 B left") until the
  queue walked it; it is said as a folder not yet counted, and the bytes left as a least, until then;
- files moving now were called "waiting"; they are "transferring";
- the status bar's total rate could differ from the single active row's by 0.1 KiB/s: the rows' rates and
  their total are now shown at the same moment, one row's total is that row's figure, and several rows' total
  is what their figures add up to.

The real window or the real queue and panel, against real pyftpdlib servers (throttled where a transfer must
stay active); rates also fed to the real queue as its connections report them."""

from __future__ import annotations

import os
import re

import pytest
from PySide6.QtCore import QMimeData, QPoint, QTimer, QUrl
from test_queue_servers_gui import add_to_queue, browse, resume_all

from ftpgui.ftp import SessionOptions
from ftpgui.ftp.events import TransferProgress
from ftpgui.transfers.items import ACTIVE, DOWNLOAD, TransferItem
from ftpgui.transfers.model import COL_RATE
from ftpgui.transfers.queue import QueueTotals, TransferQueue
from ftpgui.transfers.worker import Endpoint
from ftpgui.ui.queue_footer import status_text
from ftpgui.ui.queue_view import QueueView

from ftpserver import PASSWORD, USER
from guihelpers import WAIT, close_window, open_window, probe_dir, save_queued_upload
from memkeyring import memory_keyring  # noqa: F401 (fixture: never the real keychain)

pytestmark = pytest.mark.gui
KIB = 1024
RATE = re.compile(r"(\d+(?:\.\d)? (?:B|KiB|MiB|GiB|TiB))/(?:s|秒)$")


def rate_of(text: str) -> str:
    """The rate a footer or status text ends with ("" when it says none)."""
    found = RATE.search(text or "")
    return found.group(1) if found else ""


def tree(folder, files: int, size: int) -> None:
    folder.mkdir()
    for i in range(files):
        (folder / f"f{i}.bin").write_bytes(b"x" * size)


def test_a_folder_queued_for_upload_is_said_as_a_folder_until_it_is_read(qtbot, config, make_server, tmp_path):
    """Add to Queue of a folder the local pane lists, a file manager's folder dropped on the queue, then a file:
    never "1 file waiting, 0 B left" for a folder; once resumed, the folders' files are counted."""
    srv = make_server("127.0.0.1", throttle=64 * KIB)  # (the files stay moving while the footer is read)
    local = tmp_path / "local"
    local.mkdir()
    tree(local / "photos", 3, 200 * KIB)
    (local / "notes.txt").write_bytes(b"n" * 3000)
    elsewhere = tmp_path / "file-manager"
    elsewhere.mkdir()
    tree(elsewhere / "dropped", 2, 100 * KIB)
    w = open_window(qtbot)
    footer, status = w.queue_view.status, w.totals_label
    try:
        browse(qtbot, w, srv, USER, PASSWORD)
        add_to_queue(qtbot, w, local, "photos")
        qtbot.waitUntil(lambda: footer.text() == "1 folder not yet counted", timeout=WAIT)  # ("1 file waiting, 0 B…")
        assert status.text() == "1 folder not yet counted"
        mime = QMimeData()  # a folder no pane lists: the disk says what it is
        mime.setUrls([QUrl.fromLocalFile(str(elsewhere / "dropped"))])
        drop = w.queue_drop(mime)
        assert drop is not None
        drop()
        qtbot.waitUntil(lambda: footer.text() == "2 folders not yet counted", timeout=WAIT)
        add_to_queue(qtbot, w, local, "notes.txt")
        said = "1 queued, 2 folders not yet counted, at least 2.9 KiB left"
        qtbot.waitUntil(lambda: footer.text() == said, timeout=WAIT)
        assert status.text() == "1 queued, 2 folders not yet counted, at least 2.9 KiB left"
        resume_all(w)
        # walked: their files counted, no folder left to count, the bytes left exact
        qtbot.waitUntil(lambda: "folder" not in footer.text() and "transferring" in footer.text(), timeout=WAIT)
        assert re.match(r"^\d transferring(, \d queued)?, [\d.]+ KiB left", footer.text()), footer.text()
        assert "at least" not in footer.text() and "folder" not in status.text()
        assert os.path.isdir(srv.path("photos")) and os.path.isdir(srv.path("dropped"))
    finally:
        close_window(qtbot, w)


def test_a_restored_folder_upload_is_a_folder_in_the_totals(qtbot, config, make_server, tmp_path):
    """A folder upload left in the queue at quit: restored, it is looked at on the disk, as one queued now."""
    srv = make_server("127.0.0.1")
    tree(tmp_path / "album", 2, 1000)
    save_queued_upload(config, srv, str(tmp_path / "album"), "/album")
    w = open_window(qtbot)
    try:
        qtbot.waitUntil(lambda: w.totals_label.text() == "1 folder not yet counted", timeout=WAIT)  # ("1 queued, 0 B")
        assert w.queue_view.status.text() == "1 folder not yet counted"
    finally:
        close_window(qtbot, w)


@pytest.mark.parametrize(
    "language, links, after",
    [("en", "2 links not yet followed", "1 link not yet followed"), ("zh_CN", "2 个链接尚未跟随", "1 个链接尚未跟随")],
)
def test_a_servers_link_queued_alone_is_said_as_a_link_until_its_job_finds_what_it_leads_to(
    qtbot, request, make_server, tmp_path, language, links, after
):
    """A server's link chosen on its own (the remote pane queues it as ``download_item`` does: "is folder" None)
    was counted as a file of unknown size — "2 files waiting" for a link to a folder and one to a file — until its
    job looked (design note 402). It is a link not yet followed until then; a folder's files, once walked, and the
    file one leads to, moving, are counted as files."""
    if language == "zh_CN":
        request.getfixturevalue("chinese")
    srv = make_server("127.0.0.1", throttle=64 * KIB)  # (the linked file stays moving while the footer is read)
    os.makedirs(srv.path("real"))
    for name in ("a.bin", "b.bin"):
        with open(srv.path(f"real/{name}"), "wb") as f:
            f.write(b"x" * 1000)
    with open(srv.path("big.bin"), "wb") as f:
        f.write(os.urandom(192 * KIB))
    os.symlink("real", srv.path("linked"))
    os.symlink("big.bin", srv.path("big.lnk"))
    q = TransferQueue(str(tmp_path / "queue.json"))
    view = QueueView(q)
    qtbot.addWidget(view)
    dest = tmp_path / "dest"
    dest.mkdir()
    try:
        q.set_site(Endpoint(srv.host, srv.port, USER, PASSWORD), SessionOptions(timeout=20), 1)  # one connection
        items = q.download([(f"/{n}", None, None, None, n) for n in ("linked", "big.lnk")], str(dest), start=False)
        qtbot.waitUntil(lambda: view.status.text() == links, timeout=WAIT)  # ("2 files waiting")
        assert status_text(q.totals()) == links  # (the status bar's words: "2 queued")
        q.resume([items[0].id])  # the link to a folder: walked, its two files counted, the other still a link
        qtbot.waitUntil(lambda: not any(i.id == items[0].id for i in q.model.items()), timeout=WAIT)
        qtbot.waitUntil(lambda: q.model.item(items[1].id) is not None and q.totals().queued == 0, timeout=WAIT)
        assert view.status.text() == after and q.totals().links == 1
        q.resume([items[1].id])  # the link to a file: a file moving
        qtbot.waitUntil(lambda: q.totals().active == 1, timeout=WAIT)
        totals = q.totals()
        assert (totals.queued, totals.links, totals.folders) == (1, 0, 0), totals
        qtbot.waitUntil(q.is_idle, timeout=WAIT)
        assert (dest / "linked" / "a.bin").read_bytes() == b"x" * 1000
        assert (dest / "big.lnk").stat().st_size == 192 * KIB
    finally:
        q.shutdown()


@pytest.mark.parametrize(
    "language, said",
    [("en", "1 transferring, 2 queued, "), ("zh_CN", "1 个传输中，2 个排队中，")],
)
def test_files_moving_now_are_said_transferring_not_waiting(qtbot, request, make_server, tmp_path, language, said):
    if language == "zh_CN":
        request.getfixturevalue("chinese")
    srv = make_server("127.0.0.1", throttle=32 * KIB)  # one file stays moving while the others wait
    for i in range(3):
        with open(srv.path(f"f{i}.bin"), "wb") as f:
            f.write(os.urandom(256 * KIB))
    q = TransferQueue(str(tmp_path / "queue.json"))
    view = QueueView(q)
    qtbot.addWidget(view)
    try:
        q.set_site(Endpoint(srv.host, srv.port, USER, PASSWORD), SessionOptions(timeout=20), 1)  # one connection
        q.download([(f"/f{i}.bin", False, 256 * KIB) for i in range(3)], str(tmp_path))
        qtbot.waitUntil(lambda: view.status.text().startswith(said), timeout=WAIT)  # ("3 files waiting, …")
        assert sum(i.state == ACTIVE for i in q.model.items()) == 1
    finally:
        q.shutdown()


@pytest.mark.parametrize(
    "language, said",
    [("en", "1 transferring, 2 queued, "), ("zh_CN", "1 个传输中，2 个排队中，")],
)
def test_the_status_bar_counts_what_waits_as_queued(qtbot, request, config, make_server, tmp_path, language, said):
    """Three files, one connection: the status bar said "3 queued" with one of them moving (design note 394)."""
    if language == "zh_CN":
        request.getfixturevalue("chinese")
    srv = make_server("127.0.0.1", throttle=32 * KIB)  # one file stays moving while the others wait
    for i in range(3):
        with open(srv.path(f"f{i}.bin"), "wb") as f:
            f.write(os.urandom(256 * KIB))
    w = open_window(qtbot)
    try:
        w.queue.set_site(Endpoint(srv.host, srv.port, USER, PASSWORD), SessionOptions(timeout=20), 1)
        w.queue.download([(f"/f{i}.bin", False, 256 * KIB) for i in range(3)], str(tmp_path))
        qtbot.waitUntil(lambda: w.totals_label.text().startswith(said), timeout=WAIT)  # ("3 queued, …")
        assert sum(i.state == ACTIVE for i in w.queue.model.items()) == 1
    finally:
        close_window(qtbot, w)


@pytest.mark.parametrize("limited", ["server", "queue"])
def test_one_transfer_the_row_the_footer_and_the_status_bar_say_one_rate_at_every_moment(
    qtbot, config, make_server, tmp_path, limited
):
    """One download, limited by the server's throttle (its bytes in bursts: the rate moves by steps) or by the
    queue's own speed limit (reports every tenth: the rate moves by little): each time the rows, the footer or
    the status bar are updated, the three are read once the update is over — the same figure each time (the
    row was repainted between two totals with a newer rate; the status bar rounded the rate down)."""
    srv = make_server("127.0.0.1", throttle=256 * KIB if limited == "server" else None)
    with open(srv.path("big.bin"), "wb") as f:
        f.write(os.urandom(2560 * KIB))
    w = open_window(qtbot)
    read = []  # (row, footer, status bar) rates, each time something changed
    try:
        browse(qtbot, w, srv, USER, PASSWORD)
        if limited == "queue":
            w.queue_view.limit.setValue(256)  # KiB/s
        table = w.queue_view.tables["queued"]

        def look() -> None:
            row = table.model().index(0, COL_RATE).data() if table.model().rowCount() else ""
            if row:
                read.append((row[: -len("/s")], rate_of(w.queue_view.status.text()), rate_of(w.totals_label.text())))

        soon = lambda *_: QTimer.singleShot(0, look)  # noqa: E731 (after the update that called it)
        w.queue.model.dataChanged.connect(soon)
        w.queue.totalsChanged.connect(soon)
        w.request_download([("/big.bin", False, 2560 * KIB, None)], str(tmp_path))
        qtbot.waitUntil(lambda: w.queue.is_idle(), timeout=WAIT * 3)
    finally:
        close_window(qtbot, w)
    assert read  # (rates were said: a row's first, then as they moved)
    assert all(row == footer == status for row, footer, status in read), read


def fed(q: TransferQueue, rates: list) -> list:
    """Downloads moving at ``rates`` (bytes a second over the 2-s window), reported as a connection reports."""
    items = [TransferItem(DOWNLOAD, f"/tmp/x{i}", f"/x{i}", size=1 << 30, state=ACTIVE) for i in range(len(rates))]
    q.model.append(items)
    for item, rate in zip(items, rates, strict=True):
        q._progress(item, TransferProgress(1, done=0, total=1 << 30, at=1000.0))
        q._progress(item, TransferProgress(1, done=int(rate * 2), total=1 << 30, at=1002.0))
    q.model.flush()  # (the model's timer: the rows' update)
    q._emit_totals()  # (the totals' timer, after it)
    return items


def test_one_rate_is_the_rows_figure_in_the_status_bar(qtbot, config, tmp_path):
    """1075.5 B/s: the row says 1.1 KiB/s; the status bar said 1.0 (the rate rounded down to 1075 bytes)."""
    w = open_window(qtbot)
    try:
        (item,) = fed(w.queue, [1075.5])
        row = w.queue_view.tables["queued"].model().index(0, COL_RATE).data()
        assert row == "1.1 KiB/s"
        assert rate_of(w.queue_view.status.text()) == rate_of(w.totals_label.text()) == "1.1 KiB"
        w.queue.model.remove([item.id])
    finally:
        close_window(qtbot, w)


def test_several_rates_add_up_to_what_the_rows_say(qtbot, tmp_path):
    """Two rows of 1.04 KiB/s each read "1.0 KiB/s": their total is 2.0 KiB/s, not the 2.1 of 2.08."""
    q = TransferQueue(None)
    view = QueueView(q)
    qtbot.addWidget(view)
    try:
        fed(q, [1065.0, 1065.0])
        table = view.tables["queued"]
        assert [table.model().index(r, COL_RATE).data() for r in range(2)] == ["1.0 KiB/s", "1.0 KiB/s"]
        assert view.status.text() == "2 transferring, 2.0 GiB left, 2.0 KiB/s"
    finally:
        q.shutdown()


@pytest.mark.parametrize("language", ["en", "zh_CN"])
@pytest.mark.parametrize("folders, links", [(3, 0), (0, 3)])
def test_the_longest_footer_fits_at_1366x768(qtbot, request, config, language, folders, links):
    """Two transferring, ten waiting, folders not yet counted (or links not yet followed: design note 402), a least
    left and a rate: whole, beside the speed limit, at 1366×768 with the mode panel open (a longer footer pushed the
    panel into a horizontal scroll); the status bar's totals whole too."""
    if language == "zh_CN":
        request.getfixturevalue("chinese")
    w = open_window(qtbot)
    try:
        w.resize(1366, 768)
        totals = QueueTotals(12, 5 << 30, 1023.9 * KIB, 2, folders, 1, links)
        w.queue_view._show_totals(totals)
        w._totals(totals)
        footer, limit, total = w.queue_view.status, w.queue_view.limit, w.totals_label
        bar_top = lambda: w.statusBar().mapTo(w, QPoint(0, 0)).y()  # noqa: E731
        # the window laid out at its size: the footer's line above the status bar, the totals their width
        qtbot.waitUntil(
            lambda: (
                total.width() >= total.sizeHint().width()
                and footer.mapTo(w, footer.rect().bottomLeft()).y() < bar_top()
            ),
            timeout=WAIT,
        )
        assert footer.isVisible() and not footer.elided(), (footer.text(), footer.width())
        panel_right = w.queue_view.mapTo(w, w.queue_view.rect().topRight()).x()
        assert limit.isVisible() and limit.mapTo(w, limit.rect().topRight()).x() <= panel_right
        assert footer.mapTo(w, footer.rect().topRight()).x() < limit.mapTo(w, limit.rect().topLeft()).x()
        assert total.fontMetrics().horizontalAdvance(total.text()) <= total.contentsRect().width()
        w.grab().save(os.path.join(probe_dir(), f"queue-footer-{language}-{'links' if links else 'folders'}.png"))
    finally:
        close_window(qtbot, w)
