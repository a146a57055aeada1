"""View ▸ Compare Folders against a real pyftpdlib server and a local folder: the right rows of both panes are
painted in the right tint, with words in their tooltips and the legend; the marks follow both panes."""

from __future__ import annotations

import os
import threading

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtGui import QColor, QHelpEvent, QPalette
from PySide6.QtWidgets import QApplication, QStyleOptionViewItem, QToolTip

from ftpgui.ui.compare import BY_SIZE, DIFFERENT, NEWER, ONLY_HERE
from ftpgui.ui.compare_view import mark_colour
from ftpgui.ui.local_pane import LOCAL_COL_SIZE
from ftpgui.ui.theme import dark_palette, light_palette

from guihelpers import WAIT, close_window, open_window, quick_connect, wait_listing

pytestmark = pytest.mark.gui
T = 1_790_000_000  # 2026-09-21, a whole second


def write(path, data: bytes, mtime: int) -> None:
    with open(path, "wb") as f:
        f.write(data)
    os.utime(path, (mtime, mtime))


@pytest.fixture
def folders(tmp_path, make_server):
    """The same names on both sides, each case once."""
    srv = make_server("127.0.0.1")
    local = tmp_path / "local"
    local.mkdir()
    for root in (srv.path(), str(local)):
        write(os.path.join(root, "same.txt"), b"12345", T)
        os.mkdir(os.path.join(root, "both"))
    write(os.path.join(srv.path(), "remote-only.txt"), b"r", T)
    os.mkdir(srv.path("remote-dir"))
    write(str(local / "local-only.txt"), b"l", T)
    write(os.path.join(srv.path(), "newer-there.txt"), b"abc", T + 3600)
    write(str(local / "newer-there.txt"), b"abc", T)
    write(os.path.join(srv.path(), "newer-here.txt"), b"abc", T)
    write(str(local / "newer-here.txt"), b"abc", T + 60)
    write(os.path.join(srv.path(), "size.txt"), b"four", T)
    write(str(local / "size.txt"), b"three", T)
    write(os.path.join(srv.path(), "both", "inner-remote.txt"), b"x", T)
    return srv, local


@pytest.fixture
def window(qtbot, tmp_path, monkeypatch, folders):
    monkeypatch.setenv("FTPGUI_CONFIG_DIR", str(tmp_path / "config"))
    srv, local = folders
    w = open_window(qtbot)
    w.resize(1366, 768)
    quick_connect(qtbot, w, srv)
    wait_listing(qtbot, w, "/")
    w.local.set_path(str(local))
    qtbot.waitUntil(lambda: local_rows(w) == 6, timeout=WAIT)
    yield w
    close_window(qtbot, w)


def local_rows(w) -> int:
    return w.local.list_proxy.rowCount(w.local.view.rootIndex())


def painted(view, delegate, index) -> QColor:
    """The background the row's delegate paints for this cell (what the view's paint event uses)."""
    option = QStyleOptionViewItem()
    option.initFrom(view)
    delegate.initStyleOption(option, index)
    return option.backgroundBrush.color()


def pixel(view, index) -> QColor:
    """The colour on screen at the left edge of a cell (a right-aligned size: no text there)."""
    rect = view.visualRect(index)
    image = view.viewport().grab().toImage()
    return image.pixelColor(rect.left() + 2, rect.center().y())


def local_index(w, name: str, column: int = 0):
    src = w.local.model.index(os.path.join(w.local.path, name))
    return w.local.list_proxy.mapFromSource(src).siblingAtColumn(column)


def remote_index(w, name: str, column: int = 0):
    return w.remote.model.index(w.remote.model.row_of(name), column)


def test_compare_colours_the_right_rows_in_both_panes(qtbot, window):
    w = window
    w.comparison.action.trigger()  # View ▸ Compare Folders
    qtbot.waitUntil(lambda: bool(w.comparison.local_marks.marks), timeout=WAIT)
    marks = {"local-only.txt": ONLY_HERE, "newer-here.txt": NEWER, "size.txt": DIFFERENT}
    assert w.comparison.local_marks.marks == marks
    assert w.comparison.remote_marks.marks == {
        "remote-only.txt": ONLY_HERE,
        "remote-dir": ONLY_HERE,
        "newer-there.txt": NEWER,
        "size.txt": DIFFERENT,
    }
    palette = w.local.view.palette()
    base = palette.color(QPalette.ColorRole.Base)
    for name, status in (("local-only.txt", ONLY_HERE), ("newer-here.txt", NEWER), ("size.txt", DIFFERENT)):
        assert painted(w.local.view, w.comparison.local_marks, local_index(w, name, 1)) == mark_colour(status, palette)
        assert pixel(w.local.view, local_index(w, name, 1)) == mark_colour(status, palette)
    for name in ("same.txt", "newer-there.txt", "both"):  # unmarked here: the list's own colours
        assert pixel(w.local.view, local_index(w, name, 1)) in (base, palette.color(QPalette.ColorRole.AlternateBase))
    for name, status in (("remote-only.txt", ONLY_HERE), ("newer-there.txt", NEWER), ("size.txt", DIFFERENT)):
        assert pixel(w.remote.view, remote_index(w, name, 1)) == mark_colour(status, palette)
    assert pixel(w.remote.view, remote_index(w, "same.txt", 1)) != mark_colour(ONLY_HERE, palette)

    # words, not colour alone: each marked row's tooltip and the legend
    tip = w.comparison.local_marks.tip
    assert tip("local-only.txt").startswith("Only on this side")
    assert tip("newer-here.txt").startswith("Newer here: modified 2026-09-21 ")
    assert tip("size.txt") == "Size differs: 5 B here, 4 B on the other side."
    assert w.comparison.remote_marks.tip("size.txt") == "Size differs: 4 B here, 5 B on the other side."
    # the tooltip a person sees over the row
    view = w.local.view
    rect = view.visualRect(local_index(w, "size.txt"))
    QToolTip.hideText()
    QApplication.sendEvent(
        view.viewport(), QHelpEvent(QEvent.Type.ToolTip, rect.center(), view.viewport().mapToGlobal(rect.center()))
    )
    qtbot.waitUntil(lambda: QToolTip.text() == "Size differs: 5 B here, 4 B on the other side.", timeout=WAIT)
    assert w.comparison.legend.isVisible()
    legend = w.comparison.legend.text()
    assert "Only on this side (3)" in legend and "Newer here (2)" in legend and "Size differs (2)" in legend

    # by size: the times no longer count
    w.comparison.by_actions[BY_SIZE].trigger()
    assert w.comparison.local_marks.marks == {"local-only.txt": ONLY_HERE, "size.txt": DIFFERENT}

    # both panes into "both": the marks follow
    w.local.set_path(os.path.join(w.local.path, "both"))
    w.navigate("/both")
    wait_listing(qtbot, w, "/both")
    qtbot.waitUntil(lambda: w.comparison.remote_marks.marks == {"inner-remote.txt": ONLY_HERE}, timeout=WAIT)
    assert w.comparison.local_marks.marks == {}

    # turned off: nothing marked, no legend
    w.comparison.action.trigger()
    assert w.comparison.remote_marks.marks == {} and not w.comparison.legend.isVisible()


def test_a_refresh_updates_the_marks(qtbot, window, folders):
    srv, local = folders
    w = window
    w.comparison.set_enabled(True)
    qtbot.waitUntil(lambda: "size.txt" in w.comparison.remote_marks.marks, timeout=WAIT)
    write(os.path.join(srv.path(), "size.txt"), b"three", T)  # now the same on both sides
    w.set_active_side("remote")
    w.act_refresh.trigger()
    qtbot.waitUntil(lambda: "size.txt" not in w.comparison.remote_marks.marks, timeout=WAIT)
    write(str(local / "only-new.txt"), b"n", T)  # a new local file: the disk watcher, or Refresh
    w.set_active_side("local")
    w.act_refresh.trigger()
    qtbot.waitUntil(lambda: w.comparison.local_marks.marks.get("only-new.txt") == ONLY_HERE, timeout=WAIT)


def test_a_local_refresh_reads_a_file_written_in_place(qtbot, window, folders):
    """A local file written in place by another program: its folder's watcher does not report writes, so the
    pane (and Compare, which reads the pane's model) kept its old size; View ▸ Refresh (F5) reads it again."""
    _srv, local = folders
    w = window
    w.comparison.set_enabled(True)
    qtbot.waitUntil(lambda: w.comparison.local_marks.marks.get("size.txt") == DIFFERENT, timeout=WAIT)
    with open(local / "size.txt", "ab") as f:
        f.write(b"-and-more")  # 14 bytes now, no new name
    qtbot.wait(300)
    assert w.comparison.local_marks.tip("size.txt") == "Size differs: 5 B here, 4 B on the other side."
    w.set_active_side("local")
    w.act_refresh.trigger()
    qtbot.waitUntil(lambda: w.comparison.local_marks.marks.get("size.txt") == NEWER, timeout=WAIT)
    assert w.comparison.local_marks.tip("size.txt").startswith("Newer here")  # (the write's time, now)
    assert local_index(w, "size.txt", LOCAL_COL_SIZE).data() == "14 B"


def test_what_a_pane_hides_is_not_said_to_be_missing(qtbot, window, folders):
    """A name one pane hides (a hidden file, the quick filter) was left out of the comparison on that side: the
    other pane said "Only on this side: the other folder has nothing of this name" of a file both folders have,
    and the legend counted marks on rows no one could see."""
    srv, local = folders
    w, tab = window, window.tabs[0]
    for root, env in ((srv.path(), b"remote"), (str(local), b"here")):
        write(os.path.join(root, ".htaccess"), b"12345", T)
        write(os.path.join(root, ".env"), env, T)
    w.comparison.set_enabled(True)
    w.act_hidden_remote.trigger()  # hidden files shown on the server's side only
    qtbot.waitUntil(lambda: ".env" in w.comparison.remote_marks.marks, timeout=WAIT)
    assert ".htaccess" not in w.comparison.remote_marks.marks  # the same file here, only hidden in this pane
    assert w.comparison.remote_marks.tip(".env") == "Size differs: 6 B here, 4 B on the other side."
    assert w.comparison.counts == {ONLY_HERE: 3, NEWER: 2, DIFFERENT: 3}  # (.env here: not shown, not counted)
    w.act_hidden_remote.trigger()
    tab.remote_filter_bar.set_text("same*")  # the remote pane shows same.txt alone
    qtbot.waitUntil(lambda: w.comparison.counts == {ONLY_HERE: 1, NEWER: 1, DIFFERENT: 1}, timeout=WAIT)
    marks = w.comparison.local_marks.marks  # (.env too: a hidden row, not painted)
    assert (marks["local-only.txt"], marks["newer-here.txt"], marks["size.txt"]) == (ONLY_HERE, NEWER, DIFFERENT)
    tab.remote_filter_bar.set_text("")
    tab.local_filter_bar.set_text("same*")  # and now the local pane
    qtbot.waitUntil(lambda: w.comparison.counts == {ONLY_HERE: 2, NEWER: 1, DIFFERENT: 1}, timeout=WAIT)
    assert w.comparison.remote_marks.marks["size.txt"] == DIFFERENT and "same.txt" not in w.comparison.local_marks.marks


def test_the_local_hidden_files_are_read_off_the_gui_thread(qtbot, window, folders, monkeypatch):
    """The local hidden files of the server's names (which the file-system model leaves out) were read with
    os.stat on the GUI thread at every recompute: a slow or hung network folder froze the window. Here the read
    hangs until the test lets it go; the window goes on meanwhile, says nothing half-known, and the marks come
    from the read — and follow the disk when it changes, as before."""
    srv, local = folders
    w = window
    for root, env in ((srv.path(), b"remote"), (str(local), b"here")):
        write(os.path.join(root, ".htaccess"), b"12345", T)
        write(os.path.join(root, ".env"), env, T)
    write(os.path.join(srv.path(), ".only-there"), b"x", T)
    w.navigate("/", refresh=True)
    wait_listing(qtbot, w, "/")
    on_gui, read, held, release = [], [], threading.Event(), threading.Event()
    real = {name: getattr(os, name) for name in ("stat", "lstat")}

    def looked_at(name):
        def look(path, *args, **kwargs):
            if os.path.dirname(os.fspath(path)) == str(local):  # an entry of the local folder compared
                if threading.current_thread() is threading.main_thread():
                    on_gui.append((name, os.path.basename(path)))
                else:
                    read.append(os.path.basename(path))
                    held.set()
                    release.wait()  # (a hung network folder, until the test lets it go)
            return real[name](path, *args, **kwargs)

        return look

    for name in real:
        monkeypatch.setattr(os, name, looked_at(name))
    try:
        w.comparison.set_enabled(True)
        qtbot.waitUntil(lambda: held.is_set() or bool(on_gui), timeout=WAIT)
        assert on_gui == []  # (the old code: a stat of each of the three, on the GUI thread)
        w.comparison.recompute()  # the window goes on; a second read waits for the first
        qtbot.wait(100)
        assert w.comparison.remote_marks.marks == {} and w.comparison.local_marks.marks == {}  # nothing half-known
        assert len(read) == 1
    finally:
        release.set()
    qtbot.waitUntil(lambda: ".only-there" in w.comparison.remote_marks.marks, timeout=WAIT)
    marks = w.comparison.remote_marks.marks
    assert (marks[".only-there"], marks[".env"]) == (ONLY_HERE, DIFFERENT) and ".htaccess" not in marks
    assert sorted(read) == [".env", ".htaccess", ".only-there"]
    write(str(local / ".only-there"), b"x", T)  # (the model does not see it: the next recompute reads it)
    w.comparison.recompute()
    qtbot.waitUntil(lambda: ".only-there" not in w.comparison.remote_marks.marks, timeout=WAIT)
    assert w.comparison.counts == {ONLY_HERE: 3, NEWER: 2, DIFFERENT: 2}
    assert on_gui == []


@pytest.mark.parametrize("palette", [light_palette, dark_palette], ids=["light", "dark"])
def test_tints_are_distinct_and_keep_the_text_readable(qapp, palette):
    p = palette()
    base, text = p.color(QPalette.ColorRole.Base), p.color(QPalette.ColorRole.Text)
    tints = [mark_colour(s, p) for s in (ONLY_HERE, NEWER, DIFFERENT)]
    assert len({t.name() for t in tints}) == 3 and base.name() not in {t.name() for t in tints}
    for tint in tints:  # the text stays far from its background in lightness, light or dark
        assert abs(tint.lightness() - text.lightness()) > 110, (tint.name(), text.name())


def test_no_marks_while_the_panes_are_out_of_step(qtbot, window, folders):
    """With synchronized browsing, the new local folder is never compared with the remote folder being left
    (everything would show as different for a moment); the marks come once the remote pane follows."""
    srv, local = folders
    w = window
    os.mkdir(srv.path("step"))
    os.mkdir(local / "step")
    write(str(local / "step" / "x.txt"), b"x", T)
    w.local.set_path(str(local / "step"))  # read once, so the file-system model has it at once next time
    qtbot.waitUntil(lambda: local_rows(w) == 1, timeout=WAIT)
    w.local.set_path(str(local))
    w.comparison.set_enabled(True)
    qtbot.waitUntil(lambda: "remote-only.txt" in w.comparison.remote_marks.marks, timeout=WAIT)
    w.sync_browsing.action.trigger()
    w.local.set_path(str(local / "step"))  # the remote pane follows on the browsing connection, later
    assert w.remote.path == "/" and local_rows(w) == 1
    w.comparison.recompute()
    assert w.comparison.remote_marks.marks == {} and w.comparison.local_marks.marks == {}
    wait_listing(qtbot, w, "/step")
    qtbot.waitUntil(lambda: w.comparison.local_marks.marks == {"x.txt": ONLY_HERE}, timeout=WAIT)
    assert w.comparison.remote_marks.marks == {}


@pytest.mark.parametrize("hours", [0, 8, -5])
def test_the_remote_sides_read_from_a_listings_numbers_equal_those_of_its_entries(qapp, hours):
    # The comparison reads a large folder from the engine's compact Listing (no Entry made); what it reads must
    # be what the entries say: sizes, times, the LIST precision (an old file's date: its zone's day), MLSD's
    # seconds, links as whatever is here, no time, and only the rows shown (a hidden file is not compared).
    from datetime import datetime, timedelta, timezone

    from ftpgui.ftp.listing import parse_list
    from ftpgui.ftp.listing_mlsd import parse_mlsd
    from ftpgui.ui.compare import Side
    from ftpgui.ui.compare_view import briefs_sides, entry_side
    from ftpgui.ui.remote_model import ListedFolder, RemoteModel

    zone = timezone(timedelta(hours=hours))
    now = datetime(2026, 6, 1, 12, tzinfo=timezone.utc)
    listed = (
        b"-rw-r--r-- 1 ftp ftp 1234 Mar  3 14:05 recent.txt\r\n"
        b"-rw-r--r-- 1 ftp ftp 99 Jan  5  2024 old.txt\r\n"
        b"-rw-r--r-- 1 ftp ftp 7 May 31 00:00 midnight-recent.txt\r\n"
        b"drwxr-xr-x 2 ftp ftp 4096 May 30 09:00 folder\r\n"
        b"lrwxrwxrwx 1 ftp ftp 7 May 30 09:00 link -> target\r\n"
        b"-rw-r--r-- 1 ftp ftp 5 Dec 31  2025 .hidden\r\n"
    )
    machine = (
        b"type=file;size=10;modify=20260102030405;perm=r; a.bin\r\n"
        b"type=dir;modify=20260102030405.123; d\r\n"
        b"type=file;size=3; no-time.bin\r\n"
        b"type=OS.unix=symlink;modify=20260102030405; l\r\n"
    )
    local = {"link": Side(True), "l": Side(False, 1, 0.0)}
    results = []
    for entries in (parse_list(listed, now=now, tz=zone), parse_mlsd(machine)):
        model = RemoteModel()
        model.set_entries("/", ListedFolder(entries))
        shown = {e.name: e for e in model.entries()}
        found_zone, pairs = model.briefly()
        assert found_zone is not None
        got = briefs_sides(pairs, found_zone, local, now)
        assert got == {name: entry_side(e, local, now, {}) for name, e in shown.items()}
        assert ".hidden" not in got and len(got) == len(shown) >= 4
        results.append(got)
    from ftpgui.ui.compare import DAY, MINUTE, SECOND

    by_list, by_mlsd = results
    assert (by_list["old.txt"].precision, by_list["recent.txt"].precision) == (DAY, MINUTE)
    assert by_list["midnight-recent.txt"].precision == MINUTE and by_list["link"] == Side(True)
    assert by_mlsd["a.bin"].stamp == datetime(2026, 1, 2, 3, 4, 5, tzinfo=timezone.utc).timestamp()
    assert by_mlsd["a.bin"].precision == SECOND and by_mlsd["no-time.bin"].stamp is None
