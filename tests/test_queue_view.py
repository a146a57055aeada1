"""The queue panel and the target-exists dialog, driven as a person would, with a real server behind them."""

from __future__ import annotations

import os

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt, QTimer
from PySide6.QtWidgets import QMenu, QPushButton, QSpinBox

from ftpgui.ftp import SessionOptions
from ftpgui.transfers.items import DONE, PAUSED, SKIPPED
from ftpgui.transfers.queue import TransferQueue
from ftpgui.transfers.worker import Endpoint
from ftpgui.ui.exists_dialog import ExistsDialog
from ftpgui.ui.queue_view import GROUPS, QueueView

from ftpserver import PASSWORD, USER

pytestmark = pytest.mark.gui
LONG = 120_000  # ms: a safety net, not a performance limit


@pytest.fixture
def panel(qtbot, tmp_path, make_server, request):
    marker = request.node.get_closest_marker("server")
    srv = make_server("127.0.0.1", **(marker.kwargs if marker else {}))
    q = TransferQueue(str(tmp_path / "queue.json"))
    view = QueueView(q)
    qtbot.addWidget(view)
    view.show()
    q.set_site(Endpoint(srv.host, srv.port, USER, PASSWORD), SessionOptions(timeout=20), 1)
    yield q, view, srv
    q.shutdown()


def select(view, group, row):
    view.tabs.setCurrentIndex(GROUPS.index(group))
    table = view.tables[group]
    flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
    table.selectionModel().select(table.model().index(row, 0), flags)


@pytest.mark.server(throttle=256 * 1024)
def test_pause_and_resume_from_the_buttons_and_the_speed_limit_field(qtbot, panel, tmp_path):
    q, view, srv = panel
    data = os.urandom(2 << 20)
    with open(srv.path("a.bin"), "wb") as f:
        f.write(data)
    q.download([("/a.bin", False, len(data))], str(tmp_path))
    item = q.model.items()[0]
    qtbot.waitUntil(lambda: item.done > 0, timeout=LONG)
    select(view, "queued", 0)
    limit = view.findChild(QSpinBox, "queue-speed-limit")
    limit.setValue(4096)
    assert q.limit.rate == 4096 * 1024
    limit.setValue(0)
    assert q.limit.rate == 0 and limit.text() == "No limit"
    qtbot.mouseClick(view.findChild(QPushButton, "queue-button-pause"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: item.state == PAUSED, timeout=LONG)
    assert view.tables["queued"].model().rowCount() == 1
    assert "Queued (1)" in view.tabs.tabText(0)
    srv.handler.dtp_handler.write_limit = 0
    select(view, "queued", 0)
    qtbot.mouseClick(view.findChild(QPushButton, "queue-button-resume"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: item.state == DONE, timeout=LONG)
    qtbot.waitUntil(lambda: "Finished (1)" in view.tabs.tabText(GROUPS.index("finished")), timeout=LONG)
    assert (tmp_path / "a.bin").read_bytes() == data


def test_the_exists_dialog_answers_with_the_choice_and_apply_to_all(qtbot, panel, tmp_path):
    q, view, srv = panel
    for name in ("one.txt", "two.txt"):
        with open(srv.path(name), "wb") as f:
            f.write(b"server")
        (tmp_path / name).write_bytes(b"local, longer than the server's")
    q.download([("/one.txt", False, None), ("/two.txt", False, None)], str(tmp_path))
    qtbot.waitUntil(lambda: view.findChild(ExistsDialog) is not None, timeout=LONG)
    dialog = view.findChild(ExistsDialog)
    assert dialog.isVisible() and not dialog.isModal()
    assert not dialog.buttons["resume"].isEnabled()  # the local file is larger: nothing to resume
    dialog.buttons["skip"].click()
    dialog.apply_all.setChecked(True)
    qtbot.mouseClick(dialog.box.button(dialog.box.StandardButton.Ok), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(q.is_idle, timeout=LONG)
    assert [i.state for i in q.model.items()] == [SKIPPED, SKIPPED]
    assert view.findChild(ExistsDialog) is None or not view.findChild(ExistsDialog).isVisible()
    assert (tmp_path / "one.txt").read_bytes().startswith(b"local")


def test_the_buttons_and_the_context_menu_act_on_the_selected_rows(qtbot, tmp_path):
    q = TransferQueue(None)  # no site yet: nothing starts, the items wait in the queue
    view = QueueView(q)
    qtbot.addWidget(view)
    view.show()
    q.download([(f"/{n}.bin", False, 10) for n in "abc"], str(tmp_path))

    def names(group="queued"):
        model = view.tables[group].model()
        return [os.path.basename(model.index(r, 0).data()) for r in range(model.rowCount())]

    def click(name):
        qtbot.mouseClick(view.findChild(QPushButton, f"queue-button-{name}"), Qt.MouseButton.LeftButton)
        q.model.flush()

    select(view, "queued", 2)
    click("up")
    assert names() == ["a.bin", "c.bin", "b.bin"]
    select(view, "queued", 0)
    click("down")
    assert names() == ["c.bin", "a.bin", "b.bin"]
    select(view, "queued", 1)
    click("pause")
    assert "Paused" in view.tables["queued"].model().index(1, 7).data()
    click("resume")
    assert "Queued" in view.tables["queued"].model().index(1, 7).data()
    click("cancel")
    assert names() == ["c.bin", "b.bin"] and names("cancelled") == ["a.bin"]  # not under Failed (issue 19)
    select(view, "cancelled", 0)
    click("retry")
    assert names("cancelled") == [] and names() == ["c.bin", "a.bin", "b.bin"]
    select(view, "queued", 0)
    click("remove")
    assert names() == ["a.bin", "b.bin"]

    table = view.tables["queued"]
    seen = []

    def capture():
        menu = view.findChild(QMenu)
        seen.append([a.text() for a in menu.actions()])
        menu.close()

    QTimer.singleShot(0, capture)
    table.customContextMenuRequested.emit(table.visualRect(table.model().index(0, 0)).center())
    qtbot.waitUntil(lambda: bool(seen))
    assert seen[0] == ["Pause", "Resume", "Cancel", "Retry", "Move up", "Move down", "Remove"]
    q.shutdown()


def test_only_the_actions_that_apply_to_the_selection_are_enabled(qtbot, tmp_path):
    """Pause on a finished file, Retry on a queued one, Resume on one not paused did nothing at all, yet
    were offered (found by hand): the buttons and the menu now offer what would act on the selection."""
    from ftpgui.transfers.items import DONE

    q = TransferQueue(None)
    view = QueueView(q)
    qtbot.addWidget(view)
    view.show()
    q.download([(f"/{n}.bin", False, 10) for n in "abcd"], str(tmp_path))
    items = q.model.items()
    q._set_state(items[3], DONE)
    q.model.flush()

    def enabled() -> set:
        buttons = {n for n in view.actions if view.findChild(QPushButton, f"queue-button-{n}").isEnabled()}
        assert buttons == {n for n, a in view.actions.items() if a.isEnabled()}  # the buttons follow the actions
        return buttons

    assert enabled() == set()  # nothing selected
    select(view, "queued", 0)
    assert enabled() == {"pause", "cancel", "up", "down", "remove"}
    view.actions["pause"].trigger()
    q.model.flush()
    assert enabled() == {"resume", "cancel", "up", "down", "remove"}  # paused: Resume, no Pause
    view.actions["cancel"].trigger()
    q.model.flush()
    select(view, "cancelled", 0)
    assert enabled() == {"retry", "remove"}
    select(view, "finished", 0)
    assert enabled() == {"remove"}
    view.tabs.setCurrentIndex(0)  # another tab, nothing selected there
    view.tables["queued"].clearSelection()
    assert enabled() == set()
    q.shutdown()


def test_the_counts_agree_with_the_list_from_the_start(qtbot, panel, tmp_path):
    q, _view, srv = panel
    for i in range(3):
        with open(srv.path(f"f{i}.txt"), "wb") as f:
            f.write(b"x" * 100)
    q.download([(f"/f{i}.txt", False, 100) for i in range(3)], str(tmp_path), start=False)
    q.shutdown()
    again = TransferQueue(str(tmp_path / "queue.json"))  # the next start of the app
    shown = QueueView(again)
    qtbot.addWidget(shown)
    shown.show()
    assert shown.tables["queued"].model().rowCount() == 3
    assert shown.tabs.tabText(0) == "Queued (3)"
    assert shown.status.text().startswith("3 queued")
    again.remove([i.id for i in again.model.items()])
    qtbot.waitUntil(lambda: shown.tabs.tabText(0) == "Queued (0)", timeout=LONG)
    assert shown.tables["queued"].model().rowCount() == 0
    qtbot.waitUntil(lambda: shown.status.text().startswith("0 queued"), timeout=LONG)
    again.shutdown()


def test_each_cell_has_its_own_alignment_not_the_cell_painted_before(qtbot, tmp_path):
    """Qt's delegate hands one span of roles from cell to cell: the group model must answer every slot, or a
    cell keeps the one before's value (the size column's right alignment had spread to Direction and State,
    found by hand)."""
    from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem

    from ftpgui.transfers.model import COL_DIRECTION, COL_LOCAL, COL_SIZE, COL_STATE

    q = TransferQueue(str(tmp_path / "queue.json"))
    view = QueueView(q, ask=False)
    qtbot.addWidget(view)
    try:
        q.download([("/big.bin", False, 600_000)], str(tmp_path), start=False)
        model = view.tables["queued"].model()
        delegate = QStyledItemDelegate()
        right = Qt.AlignmentFlag.AlignRight
        for column, right_aligned in ((COL_SIZE, True), (COL_DIRECTION, False), (COL_SIZE, True), (COL_STATE, False)):
            option = QStyleOptionViewItem()
            delegate.initStyleOption(option, model.index(0, column))
            assert bool(option.displayAlignment & right) == right_aligned, (column, option.displayAlignment)
        option = QStyleOptionViewItem()
        delegate.initStyleOption(option, model.index(0, COL_LOCAL))
        assert option.text == os.path.join(str(tmp_path), "big.bin")
    finally:
        q.shutdown()


def test_remove_all_empties_the_finished_tab_and_leaves_the_queue(qtbot, tmp_path):
    """A tree of 2,000 files leaves 2,000 rows under Finished: its menu (and Failed's, Cancelled's) offers
    Remove All, as FileZilla's lists of transfers done do; the Queued tab's does not (it would stop
    transfers without a word)."""
    from ftpgui.transfers.items import DONE

    q = TransferQueue(None)
    view = QueueView(q)
    qtbot.addWidget(view)
    view.show()
    q.download([(f"/{n}.bin", False, 10) for n in "abcde"], str(tmp_path))
    for item in q.model.items()[:3]:
        q._set_state(item, DONE)
    q.model.flush()

    def menu_of(group: str) -> list:
        view.tabs.setCurrentIndex(GROUPS.index(group))
        table = view.tables[group]
        seen = []

        def capture():
            menu = view.findChild(QMenu)
            seen.append({a.text(): a for a in menu.actions() if a.text()})

        QTimer.singleShot(0, capture)
        table.customContextMenuRequested.emit(table.rect().center())
        qtbot.waitUntil(lambda: bool(seen))
        return seen[0]

    queued = menu_of("queued")
    assert "Remove All" not in queued
    view.findChild(QMenu).close()
    finished = menu_of("finished")
    assert finished["Remove All"].isEnabled()
    finished["Remove All"].trigger()
    view.findChild(QMenu).close()
    q.model.flush()
    assert view.tables["finished"].model().rowCount() == 0 and view.tables["queued"].model().rowCount() == 2
    assert not menu_of("finished")["Remove All"].isEnabled()  # nothing left to remove
    q.shutdown()


def test_a_rate_is_shown_once_two_seconds_of_progress_are_known(qtbot, tmp_path):
    """A limited download's first tenths carry the bucket's saved-up half second and the sockets filling:
    16 MiB/s and "0:02 left" were shown for a moment at a 3000 KiB/s limit (found by hand). The Rate column
    stays empty until a whole window of progress is known (2 s, as the mode panel's: design note 369), then
    shows the average over it."""
    from ftpgui.ftp import TransferProgress
    from ftpgui.transfers.model import COL_RATE

    q = TransferQueue(None)
    view = QueueView(q)
    qtbot.addWidget(view)
    q.download([("/big.bin", False, 30 << 20)], str(tmp_path))
    item = q.model.items()[0]
    t = 1000.0
    q._progress(item, TransferProgress(1, done=64 << 10, total=30 << 20, at=t))
    q._progress(item, TransferProgress(1, done=2 << 20, total=30 << 20, at=t + 0.2))  # the burst
    assert q.model.rate(item.id) is None
    q._progress(item, TransferProgress(1, done=(3 << 20) + (64 << 10), total=30 << 20, at=t + 1.0))
    assert q.model.rate(item.id) is None  # (one second: the row said 3.0 MiB/s here before note 369)
    q._progress(item, TransferProgress(1, done=(6 << 20) + (64 << 10), total=30 << 20, at=t + 2.0))
    assert q.model.rate(item.id) == pytest.approx(3 << 20)
    q.model.flush()
    assert view.tables["queued"].model().index(0, COL_RATE).data() == "3.0 MiB/s"
    q.shutdown()


def test_a_skipped_file_shows_no_progress_bar(qtbot, panel, tmp_path):
    """Found by QA: "Skipped: the target exists" came with a full 100 % bar, though nothing moved. Both the
    file skipped now and one a queue saved before (its size counted done) show no bar and no bytes."""
    from PySide6.QtGui import QPalette

    from ftpgui.transfers.items import TransferItem
    from ftpgui.transfers.model import COL_PROGRESS

    q, view, srv = panel
    with open(srv.path("x.bin"), "wb") as f:
        f.write(b"theirs" * 1000)
    (tmp_path / "x.bin").write_bytes(b"mine")
    q.exists_default = "skip"
    q.download([("/x.bin", False, 6000)], str(tmp_path))
    qtbot.waitUntil(q.is_idle, timeout=LONG)
    saved = TransferItem("download", str(tmp_path / "y.bin"), "/y.bin", size=6000, done=6000, state=SKIPPED)
    q.model.append([saved])
    q.model.flush()
    view.tabs.setCurrentIndex(GROUPS.index("finished"))
    table = view.tables["finished"]
    qtbot.waitUntil(lambda: table.model().rowCount() == 2)
    assert [i.state for i in q.model.items()] == [SKIPPED, SKIPPED]
    assert (tmp_path / "x.bin").read_bytes() == b"mine"
    table.viewport().repaint()
    image = table.viewport().grab().toImage()
    fill = table.palette().color(QPalette.ColorRole.Highlight)
    for row in range(2):
        index = table.model().index(row, COL_PROGRESS)
        assert index.data() == "" and q.model.percent(q.model.items()[row]) == -1
        rect = table.visualRect(index)
        colours = {
            image.pixelColor(x, y).name()
            for x in range(rect.left(), rect.right())
            for y in range(rect.top(), rect.bottom())
        }
        assert fill.name() not in colours


def test_cancel_keeps_the_focus_off_the_speed_limit(qtbot, tmp_path):
    """After Cancel (the button greys out: nothing left selected to cancel) the focus went to the next widget
    in the chain, the Speed limit box with its text selected, and the next key typed changed the limit (QA
    recheck; design note 331). It goes to the queue's table instead."""
    from PySide6.QtWidgets import QApplication

    q = TransferQueue(None)  # no site: the item waits, Cancel applies to it
    view = QueueView(q)
    qtbot.addWidget(view)
    view.show()
    view.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is view)
    q.download([("/a.bin", False, 10)], str(tmp_path))
    q.model.flush()
    select(view, "queued", 0)
    cancel = view.findChild(QPushButton, "queue-button-cancel")
    assert cancel.isEnabled()
    cancel.setFocus(Qt.FocusReason.TabFocusReason)
    assert QApplication.focusWidget() is cancel
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    q.model.flush()
    assert not cancel.isEnabled()
    limit = view.findChild(QSpinBox, "queue-speed-limit")
    assert QApplication.focusWidget() is not limit
    assert QApplication.focusWidget() is view.tables["queued"]
    qtbot.keyClicks(QApplication.focusWidget(), "5")
    assert limit.value() == 0 and q.limit.rate == 0
    q.shutdown()
