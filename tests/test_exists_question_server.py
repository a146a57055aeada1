"""The question "the target exists" says which server it is about, and goes when its item does (found by QA,
design note 472): it said only "Target (Server)" — with two tabs, each on a server, a person could not tell
whose file it was about — and after "Cancel the transfers" on a tab's close, its question stayed open over the
other tab, where its OK did nothing, and the other tab's question waited behind it. Two real pyftpdlib servers
in two tabs of the real window, the tab's × and the questions' buttons clicked like a person."""

from __future__ import annotations

import os

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialogButtonBox, QLabel, QMessageBox, QStyle, QTabBar

from ftpgui.transfers.items import CANCELLED, DONE, OVERWRITE, WAITING
from ftpgui.ui.exists_dialog import ExistsDialog
from ftpgui.ui.main_window import MainWindow

from ftpserver import USER
from guihelpers import WAIT, close_window, open_window, quick_connect, wait_listing

pytestmark = pytest.mark.gui
LONG = 120_000  # ms: a safety net, not a performance limit
SCREENS = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "build", "screens")


@pytest.fixture
def servers(make_server):
    """Server A holds /big1.bin, server B /f10.bin: a file each that an upload finds there."""
    a, b = make_server("127.0.0.1"), make_server("127.0.0.1")
    for srv, name in ((a, "big1.bin"), (b, "f10.bin")):
        with open(srv.path(name), "wb") as f:
            f.write(b"old" * 1000)
    return a, b


@pytest.fixture
def window(qtbot, config, servers):  # (the servers outlive the window)
    w = open_window(qtbot)
    yield w
    close_window(qtbot, w)


def connect(qtbot, w: MainWindow, srv) -> None:
    quick_connect(qtbot, w, srv)
    wait_listing(qtbot, w, "/")


def shown_question(w: MainWindow):
    dialogs = [d for d in w.queue_view.findChildren(ExistsDialog) if d.isVisible()]
    return dialogs[0] if dialogs else None


def said(dialog: ExistsDialog) -> list:
    return "\n".join(label.text() for label in dialog.findChildren(QLabel)).splitlines()


def two_tabs(qtbot, w: MainWindow, servers, tmp_path):
    """Tab A on server A, tab B on server B (shown); B uploads f10.bin, which B has: its question on screen."""
    a, b = servers
    connect(qtbot, w, a)
    w.new_tab()
    connect(qtbot, w, b)
    local = tmp_path / "f10.bin"
    local.write_bytes(b"new" * 2000)
    w.request_upload([str(local)], "/")
    qtbot.waitUntil(lambda: shown_question(w) is not None, timeout=LONG)
    return shown_question(w)


def test_the_question_names_its_server(qtbot, window, servers, tmp_path):
    dialog = two_tabs(qtbot, window, servers, tmp_path)
    b = servers[1]
    lines = said(dialog)
    assert lines[:3] == ["The target already exists:", "/f10.bin", f"Server: {USER}@127.0.0.1:{b.port}"]
    dialog.buttons[OVERWRITE].click()
    qtbot.mouseClick(dialog.box.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    (item,) = window.queue.model.items()
    qtbot.waitUntil(lambda: item.state == DONE, timeout=LONG)
    with open(b.path("f10.bin"), "rb") as f:
        assert f.read() == b"new" * 2000


def test_cancelling_a_tabs_transfers_takes_its_question_back(qtbot, window, servers, tmp_path):
    w = window
    a, b = servers
    dialog_b = two_tabs(qtbot, w, servers, tmp_path)
    tab_a, _tab_b = w.tabs
    (item_b,) = w.queue.model.items()
    # tab A uploads big1.bin, which A has: its question waits behind B's
    w.tab_bar.setCurrentIndex(0)
    big = tmp_path / "big1.bin"
    big.write_bytes(b"NEW" * 2000)
    w.request_upload([str(big)], "/")
    item_a = next(i for i in w.queue.model.items() if i is not item_b)
    qtbot.waitUntil(lambda: item_a.state == WAITING, timeout=LONG)
    assert shown_question(w) is dialog_b
    # tab B's ×, "Cancel the transfers"
    side = w.tab_bar.style().styleHint(QStyle.StyleHint.SH_TabBar_CloseButtonPosition, None, w.tab_bar)
    w.tab_bar.tabButton(1, QTabBar.ButtonPosition(side)).click()
    box = w.prompt
    assert isinstance(box, QMessageBox) and box.isVisible()
    box.cancel_button.click()
    assert w.tabs == [tab_a] and item_b.state == CANCELLED
    # B's question is gone (the code before: open over tab A, its OK doing nothing), A's is asked, naming A
    qtbot.waitUntil(lambda: shown_question(w) is not None and shown_question(w) is not dialog_b, timeout=WAIT)
    dialog_a = shown_question(w)
    assert said(dialog_a)[:3] == ["The target already exists:", "/big1.bin", f"Server: {USER}@127.0.0.1:{a.port}"]
    dialog_a.buttons[OVERWRITE].click()
    qtbot.mouseClick(dialog_a.box.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: item_a.state == DONE, timeout=LONG)
    with open(a.path("big1.bin"), "rb") as f:
        assert f.read() == b"NEW" * 2000
    with open(b.path("f10.bin"), "rb") as f:
        assert f.read() == b"old" * 1000  # (B's cancelled upload: its file as it was)
    assert item_b.state == CANCELLED


def test_the_question_with_its_server_fits_a_small_screen_in_chinese(qtbot, chinese, window, servers, tmp_path):
    """1366×768, Chinese: the dialog with its server line whole, grabbed for a person to look at."""
    window.resize(1366, 768)
    dialog = two_tabs(qtbot, window, servers, tmp_path)
    b = servers[1]
    assert said(dialog)[:3] == ["目标文件已存在：", "/f10.bin", f"服务器：{USER}@127.0.0.1:{b.port}"]
    for _ in range(3):
        QCoreApplication.processEvents()
    screen = QGuiApplication.primaryScreen().availableGeometry()
    hint = dialog.sizeHint()
    assert hint.width() <= min(1366, screen.width()) and hint.height() <= min(768, screen.height())
    assert dialog.width() >= hint.width() and dialog.height() >= hint.height()  # (nothing squeezed)
    os.makedirs(SCREENS, exist_ok=True)
    assert dialog.grab().save(os.path.join(SCREENS, "exists-server-zh.png"))
    dialog.reject()  # Skip


def test_pausing_the_file_takes_its_question_back_and_resume_asks_again(qtbot, window, servers, tmp_path):
    """Pause in the queue's panel, on the file asked about: its question closes; Resume asks it again."""
    w = window
    dialog = two_tabs(qtbot, w, servers, tmp_path)
    (item,) = w.queue.model.items()
    table = w.queue_view.tables["queued"]
    table.selectRow(0)
    w.queue_view.actions["pause"].trigger()
    qtbot.waitUntil(lambda: shown_question(w) is None, timeout=WAIT)
    assert item.state == "paused" and dialog.question.answered is None
    table.selectRow(0)
    w.queue_view.actions["resume"].trigger()
    qtbot.waitUntil(lambda: shown_question(w) is not None, timeout=LONG)
    again = shown_question(w)
    assert again is not dialog and again.question.item_id == item.id
    again.reject()  # Skip
    qtbot.waitUntil(lambda: item.state == "skipped", timeout=LONG)
