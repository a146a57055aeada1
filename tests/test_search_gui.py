"""Search remote files, against a real pyftpdlib server: nested folders found as a stream on a connection of
the search's own, Stop, and Download and Delete from the results."""

from __future__ import annotations

import os
import threading

import pytest
from PySide6.QtCore import Qt

from ftpgui.ftp import FtpSession, SessionOptions
from ftpgui.search import CANCELLED, TOO_DEEP, search_tree
from ftpgui.transfers.items import DONE
from ftpgui.ui.search_dialog import SearchDialog

from ftpserver import PASSWORD, USER
from guihelpers import (
    WAIT,
    answer_plain_ftp,
    close_window,
    open_window,
    quick_connect,
    squeezed,
    type_in,
    wait_listing,
)
from memkeyring import memory_keyring  # noqa: F401 (fixture: never the real keychain)
from scripted import FakeTree, ScriptedServer, unix_listing

pytestmark = pytest.mark.gui


class Gate:
    """Holds back the data of the server's ``hold``-th listing (counted from ``reset``) until ``event`` is
    set: the search is then deterministically in the middle of its walk (other listings pass)."""

    event = threading.Event()
    hold = 0
    count = 0

    @classmethod
    def reset(cls, hold: int) -> None:
        cls.event.clear()
        cls.hold, cls.count = hold, 0


class GatedDTP:
    def __init__(self, sock, cmd_channel):
        super().__init__(sock, cmd_channel)
        Gate.count += 1
        self._number = Gate.count

    def push_with_producer(self, producer):
        if Gate.hold and self._number == Gate.hold and not Gate.event.is_set():
            self.ioloop.call_later(0.02, self.push_with_producer, producer)  # the server's loop goes on
            return
        super().push_with_producer(producer)


TREE = {
    "data/top.txt": 3,
    "data/a/a1.txt": 4,
    "data/a/a2.bin": 5,
    "data/a/deep/deep.txt": 6,
    "data/a/deep/deeper/deepest.txt": 7,
    "data/b/b1.txt": 8,
    "data/b/skip.bin": 9,
}


@pytest.fixture
def srv(make_server):
    srv = make_server("127.0.0.1", dtp_mixin=GatedDTP)
    for path, size in TREE.items():
        os.makedirs(os.path.dirname(srv.path(*path.split("/"))), exist_ok=True)
        with open(srv.path(*path.split("/")), "wb") as f:
            f.write(b"s" * size)
    yield srv
    Gate.event.set()
    Gate.hold = 0


@pytest.fixture
def window(qtbot, config, srv, tmp_path):
    w = open_window(qtbot)
    w.local.set_path(str(tmp_path))
    quick_connect(qtbot, w, srv)
    wait_listing(qtbot, w, "/")
    yield w
    Gate.event.set()
    close_window(qtbot, w)


def open_search(w, folder: str = "/data") -> SearchDialog:
    w.filtering.act_search.trigger()
    dialog = w.filtering.search
    assert isinstance(dialog, SearchDialog) and dialog.isVisible()
    dialog.folder.setText(folder)
    return dialog


def found(dialog: SearchDialog) -> list:
    return sorted(
        dialog.results.topLevelItem(r).data(0, dialog_role()).path for r in range(dialog.results.topLevelItemCount())
    )


def dialog_role():
    from ftpgui.ui.search_dialog import HitRole

    return HitRole


def test_search_finds_nested_files_on_its_own_connection(qtbot, window, srv):
    w = window
    dialog = open_search(w)
    dialog.form.pattern.setText("*.txt")
    dialog.search_button.click()
    qtbot.waitUntil(lambda: not dialog.running, timeout=WAIT)
    assert found(dialog) == [
        "/data/a/a1.txt",
        "/data/a/deep/deep.txt",
        "/data/a/deep/deeper/deepest.txt",
        "/data/b/b1.txt",
        "/data/top.txt",
    ]
    assert dialog.status.text() == "5 found in 5 folders."
    assert dialog.conn.connection_id != w.browser.connection_id  # not the browsing connection
    assert srv.record.max_open_sessions >= 2
    # its exchanges reach the mode panel (and the log) as the queue's do, named as the search's
    panel = w.mode_panel
    qtbot.waitUntil(lambda: dialog.conn.connection_id in panel.scene.connections, timeout=WAIT)
    assert panel.connections.name(panel.scene.connections[dialog.conn.connection_id]).startswith("Search — ")
    # size and folder conditions: files above 6 bytes, named anything
    dialog.form.pattern.setText("")
    dialog.form.larger.setText("6")
    dialog.form.applies.setCurrentIndex(dialog.form.applies.findData("files"))
    dialog.search_button.click()
    qtbot.waitUntil(lambda: not dialog.running, timeout=WAIT)
    assert found(dialog) == ["/data/a/deep/deeper/deepest.txt", "/data/b/b1.txt", "/data/b/skip.bin"]
    # a bad pattern is refused in words, before anything is sent
    dialog.form.regex.setChecked(True)
    dialog.form.pattern.setText("(x*)*")
    dialog.search_button.click()
    assert "could take forever" in dialog.status.text() and not dialog.running


def shown_names(dialog: SearchDialog) -> list:
    return [dialog.results.topLevelItem(r).text(0) for r in range(dialog.results.topLevelItemCount())]


def test_results_sort_by_what_their_columns_mean(qtbot, window, srv):
    """By name, ascending, at first (Qt's header starts descending); a click on Size sorts by size as a
    number, not as text ("9 B" had come before "10 KiB"), folders first; Modified by time."""
    with open(srv.path("data", "B-big.bin"), "wb") as f:
        f.write(b"s" * 10_000)
    dialog = open_search(window)
    dialog.search_button.click()
    qtbot.waitUntil(lambda: not dialog.running, timeout=WAIT)
    assert shown_names(dialog)[:4] == ["a", "a1.txt", "a2.bin", "b"]  # case aside: "B-big.bin" comes after "b"
    assert shown_names(dialog)[4] == "B-big.bin"
    dialog.results.header().setSortIndicator(2, Qt.SortOrder.AscendingOrder)  # (a click on Size)
    sizes = [dialog.results.topLevelItem(r).text(2) for r in range(dialog.results.topLevelItemCount())]
    files = [size for size in sizes if size]
    assert sizes[: sizes.count("")] == [""] * sizes.count("") and files[-1] == "9.8 KiB"
    assert files == ["3 B", "4 B", "5 B", "6 B", "7 B", "8 B", "9 B", "9.8 KiB"]


def test_results_stream_in_while_the_walk_goes_on_and_stop_ends_it(qtbot, window, srv):
    w = window
    dialog = open_search(w)
    dialog.form.pattern.setText("*.txt")
    Gate.reset(hold=3)  # /data and /data/a are listed; /data/a/deep is held back
    dialog.search_button.click()
    qtbot.waitUntil(lambda: found(dialog) == ["/data/a/a1.txt", "/data/top.txt"], timeout=WAIT)
    assert dialog.running and dialog.stop_button.isEnabled()
    assert "Searching… 2 found" in dialog.status.text()
    # meanwhile the browsing connection works as before
    w.navigate("/data", refresh=True)
    wait_listing(qtbot, w, "/data")
    dialog.stop_button.click()
    qtbot.waitUntil(lambda: not dialog.running, timeout=WAIT)
    assert dialog.status.text() == "2 found in 2 folders. Stopped."  # the held listing was cut off
    assert found(dialog) == ["/data/a/a1.txt", "/data/top.txt"]
    Gate.event.set()
    # the same connection searches again, to the end
    dialog.search_button.click()
    qtbot.waitUntil(lambda: not dialog.running, timeout=WAIT)
    assert len(found(dialog)) == 5


def test_download_and_delete_from_the_results(qtbot, window, srv, tmp_path):
    w = window
    w.navigate("/data/b")
    wait_listing(qtbot, w, "/data/b")
    dialog = open_search(w)
    dialog.form.pattern.setText("*.bin")
    dialog.search_button.click()
    qtbot.waitUntil(lambda: not dialog.running, timeout=WAIT)
    assert found(dialog) == ["/data/a/a2.bin", "/data/b/skip.bin"]
    dialog.select_names(["a2.bin"])
    dialog.download_button.click()
    qtbot.waitUntil(lambda: w.queue.model.items() and w.queue.model.items()[0].state == DONE, timeout=WAIT)
    assert (tmp_path / "a2.bin").read_bytes() == b"s" * 5
    dialog.select_names(["skip.bin"])
    dialog.delete_button.click()
    question = dialog.prompt
    assert "/data/b/skip.bin" in question.text()
    question.yes_button.click()
    qtbot.waitUntil(lambda: found(dialog) == ["/data/a/a2.bin"], timeout=WAIT)
    assert not os.path.exists(srv.path("data", "b", "skip.bin"))
    assert dialog.status.text() == "1 deleted."
    # the browsing pane shows the folder without it
    qtbot.waitUntil(lambda: [e.name for e in w.remote.model.entries()] == ["b1.txt"], timeout=WAIT)
    dialog.close()
    qtbot.waitUntil(lambda: dialog.conn is None, timeout=WAIT)


def test_search_walk_streams_a_batch_per_folder(srv):
    """The walk itself: each folder's hits are handed over before the next folder is listed."""
    session = FtpSession(SessionOptions(tls="off"))
    session.open(srv.host, srv.port, USER, PASSWORD)
    batches = []
    progress = []
    try:
        report = search_tree(
            session,
            "/data",
            lambda name, is_dir, size, modified: name.endswith(".txt"),
            lambda hits: batches.append(([h.path for h in hits], progress[-1] if progress else 0)),
            threading.Event(),
            progress=lambda r: progress.append(r.folders),
        )
    finally:
        session.close()
    assert [b[0] for b in batches] == [
        ["/data/top.txt"],
        ["/data/a/a1.txt"],
        ["/data/a/deep/deep.txt"],
        ["/data/a/deep/deeper/deepest.txt"],
        ["/data/b/b1.txt"],
    ]
    assert report.folders == 5 and report.hits == 5 and not report.stopped


def test_search_walk_keeps_its_limits(srv):
    session = FtpSession(SessionOptions(tls="off"))
    session.open(srv.host, srv.port, USER, PASSWORD)
    stop = threading.Event()
    try:
        report = search_tree(session, "/data", lambda *a: True, lambda hits: None, stop, max_folders=2)
        assert report.folders == 2 and "limit of one search" in report.stopped
        report = search_tree(session, "/data", lambda *a: True, lambda hits: None, stop, max_entries=3)
        assert report.entries == 4 and "entries" in report.stopped
        report = search_tree(session, "/data", lambda *a: True, lambda hits: None, stop, max_depth=2)
        assert report.left_out == [("/data/a/deep/deeper", TOO_DEEP)]  # (said: it went unsaid)
        stop.set()
        report = search_tree(session, "/data", lambda *a: True, lambda hits: None, stop)
        assert report.stopped == CANCELLED and report.folders == 0
    finally:
        session.close()


def test_a_name_no_entry_can_have_takes_the_search_nowhere_and_is_said(qtbot, config):
    """A server listing a folder named ``../..`` (or a name with a slash) took the walk out of the folder
    searched: its hits were other folders' files, with Download and Delete at hand. Such names are left out now,
    and said."""
    tree = {
        "/data": unix_listing(("../..", "dir", 0), ("x/top.txt", "file", 1), ("top.txt", "file", 1), ("sub", "dir", 0)),
        "/data/sub": unix_listing(("in.txt", "file", 1)),
        "/data/../..": unix_listing(("elsewhere.txt", "file", 1)),
        "/": unix_listing(("data", "dir", 0)),
    }

    with ScriptedServer(FakeTree(tree.get), connections=4, concurrent=True) as srv:
        w = open_window(qtbot)
        try:
            type_in(w, "127.0.0.1", str(srv.port))
            answer_plain_ftp(qtbot, w)
            qtbot.waitUntil(lambda: w.remote.path == "/" and not w.remote_browser.connection.busy, timeout=WAIT)
            dialog = open_search(w)
            dialog.form.pattern.setText("*.txt")
            dialog.search_button.click()
            qtbot.waitUntil(lambda: not dialog.running, timeout=WAIT)
            assert found(dialog) == ["/data/sub/in.txt", "/data/top.txt"]
            assert dialog.status.text() == "2 found in 2 folders. 2 entries were left out (see the tooltip)."
            odd = "listed with a name no entry of a folder can have (a slash in it, or . or ..): not searched"
            assert dialog.status.toolTip().splitlines() == [f"/data/../..: {odd}", f"/data/x/top.txt: {odd}"]
            dialog.close()
        finally:
            close_window(qtbot, w)


@pytest.mark.parametrize("language", ["en", "zh_CN"])
@pytest.mark.parametrize("status", ["sentences", "a long word"])
def test_at_its_minimum_size_no_field_overlaps_another(qtbot, request, window, language, status):
    """A long status, wrapped, then the dialog shrunk as far as it goes: every field keeps its height and none
    overlaps another (the status's lines squeezed the form's fields into each other: design note 196). A folder
    whose name, no space in it, is wider than the screen made the status — and the dialog — as wide as that
    word, off the screen: cut (note 206); it wraps anywhere now, the dialog on the screen."""
    import math

    from PySide6.QtWidgets import QApplication, QWidget

    from ftpgui.words import tidy

    if language != "en":
        request.getfixturevalue("chinese")
    dialog = open_search(window)
    folder = "/store/" + "0123456789abcdef" * 24  # (a content-addressed store's name: no place to break)
    if status == "sentences":
        said = [
            dialog.tr("{found} found in {folders} folders.").format(found=12, folders=1234),
            dialog.tr("{n} folders could not be listed.").format(n=3),
            dialog.tr(
                "{n} listing lines could not be read in {folders} folders; what they name is not searched."
            ).format(n=40, folders=2),
            dialog.tr("{n} entries were left out (see the tooltip).").format(n=2),
        ]
    else:
        said = [
            dialog.tr("{n} listing line(s) could not be read in {folder}; what they name is not searched.").format(
                n=1, folder=folder
            )
        ]
    assert language == "en" or not said[0].isascii()  # (said in the language chosen)
    dialog.status.setText(tidy(" ".join(said)))
    dialog.resize(1, 1)
    QApplication.processEvents()
    assert dialog.size() == dialog.minimumSize() == dialog.minimumSizeHint()
    shown = [w for w in dialog.findChildren(QWidget) if w.isVisible() and w.parent() in (dialog, dialog.form)]
    shown = [w for w in shown if not any(v is not w and w.isAncestorOf(v) for v in shown)]  # (the fields, not the form)
    assert len(shown) >= 20
    assert squeezed(dialog, shown) == []
    if status == "a long word":  # (its lines, counted apart from the label's own measure)
        fm, room = dialog.status.fontMetrics(), dialog.status.contentsRect().width()
        assert dialog.status.height() >= fm.lineSpacing() * math.ceil(fm.horizontalAdvance(folder) / room)


def test_a_search_of_a_files_path_looks_at_that_file(qtbot, window, srv, tmp_path):
    """A file's path in the search's folder field: the file is judged as its folder's listing shows it (MLSD of
    the path is refused: "501 No such directory" before, its folder "could not be listed"), found under its own
    path, and downloaded from the results (design note 237)."""
    w = window
    dialog = open_search(w, "/data/top.txt")
    dialog.form.pattern.setText("*.txt")
    dialog.search_button.click()
    qtbot.waitUntil(lambda: not dialog.running, timeout=WAIT)
    assert found(dialog) == ["/data/top.txt"], dialog.status.text()
    assert "could not be listed" not in dialog.status.text()
    dialog.select_names(["top.txt"])
    dialog.download_button.click()
    qtbot.waitUntil(lambda: w.queue.model.items() and w.queue.model.items()[0].state == DONE, timeout=WAIT)
    assert (tmp_path / "top.txt").read_bytes() == b"s" * 3
    dialog.folder.setText("/data/a/a2.bin")
    dialog.search_button.click()
    qtbot.waitUntil(lambda: not dialog.running, timeout=WAIT)
    assert found(dialog) == [] and "could not be listed" not in dialog.status.text(), dialog.status.text()
