"""What Close Tab says (found by QA): an edited file with changes not uploaded ("Not now") is named, as Quit
names it, with what becomes of its copy once the tab is gone; and while a file uploads, that cancelling the
transfers leaves it incomplete on the server, as Quit says of its uploads. Real pyftpdlib servers, the real
window, its questions answered like a person."""

from __future__ import annotations

import os

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox
from test_remote_edit import connect, content, editor, idle, question, select  # noqa: F401 (a fixture)
from test_server_tabs import LONG, both, connect_tab, press, two, window  # noqa: F401 (fixtures)

from ftpgui.transfers.items import ACTIVE, CANCELLED
from ftpgui.ui.main_window import MainWindow

from ftpserver import USER
from guihelpers import WAIT, filled_server, open_window

pytestmark = pytest.mark.gui
SCREENS = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "build", "screens")


def look(w: MainWindow, box: QMessageBox, name: str) -> None:
    """The window at 1366×768 with the question over it, grabbed for a person to look at."""
    os.makedirs(SCREENS, exist_ok=True)
    for _ in range(3):  # let pending layout requests settle before the picture
        QCoreApplication.processEvents()
    assert box.grab().save(os.path.join(SCREENS, name))


@pytest.mark.parametrize("other_tab", [True, False])
def test_close_tab_names_an_edit_not_uploaded_and_says_where_it_can_go(qtbot, config, make_server, editor, other_tab):  # noqa: F811
    close_tab_with_an_edit(qtbot, make_server, editor, other_tab, "en")


def test_close_tab_with_an_edit_not_uploaded_in_chinese(qtbot, config, make_server, editor, chinese):  # noqa: F811
    close_tab_with_an_edit(qtbot, make_server, editor, False, "zh")


def close_tab_with_an_edit(qtbot, make_server, editor, other_tab: bool, language: str) -> None:  # noqa: F811
    srv = filled_server(make_server)
    first = srv if other_tab else filled_server(make_server)
    w = open_window(qtbot)
    w.resize(1366, 768)
    connect(qtbot, w, first, editor[0], without_asking=False)
    tab_a = w.current_tab
    w.new_tab()
    tab_b = w.current_tab
    connect(qtbot, w, srv, editor[0], without_asking=False)
    select(w, "a.txt")
    w.remote_edit.act_edit.trigger()
    question(qtbot, w, "a.txt").button(QMessageBox.StandardButton.Cancel).click()  # "Not now" (Upload?)
    (edited,) = w.remote_edit.edited.values()
    server = f"{USER}@127.0.0.1:{srv.port}"
    w.close_tab()
    if language == "zh":
        box = question(qtbot, w, "尚未上传的更改：a.txt。")
        assert box.text().replace("\u200b", "").splitlines() == [
            "尚未上传的更改：a.txt。",
            f"这些副本在 ftpgui 退出前仍保持打开以供编辑，但没有其他标签页连接到 {server}："
            "要上传其中一个，请重新连接到该服务器，然后再保存一次。",
        ]
        assert box.windowTitle() == "关闭标签页" and box.keep_button.text() == "关闭标签页"
        look(w, box, "close-tab-edit-alone-zh.png")
        box.keep_button.click()
        qtbot.waitUntil(lambda: tab_b not in w.tabs, timeout=WAIT)
        w.close()
        question(qtbot, w, "a.txt").yes_button.click()
        qtbot.waitUntil(lambda: not w.isVisible() and not w.remote_browser.closing, timeout=WAIT)
        w.deleteLater()
        return
    box = question(qtbot, w, "Changes not uploaded: a.txt.")
    assert box.windowTitle() == "Close tab"
    if other_tab:
        fate = (
            f"The copies stay open for editing: save one again and it is uploaded to {server} through the tab "
            f"{tab_a.title()}."
        )
    else:
        fate = (
            f"The copies stay open for editing until ftpgui quits, but no other tab is connected to {server}: to "
            "upload one, connect to it again, then save it once more."
        )
    assert box.text().replace("\u200b", "").splitlines() == ["Changes not uploaded: a.txt.", fate]
    assert box.keep_button.text() == "Close Tab" and box.defaultButton() is box.stay_button
    look(w, box, f"close-tab-edit-{'other' if other_tab else 'alone'}-en.png")
    box.stay_button.click()  # Don't close
    assert tab_b in w.tabs
    w.close_tab()
    question(qtbot, w, "Changes not uploaded: a.txt.").keep_button.click()
    qtbot.waitUntil(lambda: tab_b not in w.tabs, timeout=WAIT)
    # what the words said: the copy is still watched; saved again, it goes through tab A, or waits for a tab
    with open(edited.local, "ab") as f:
        f.write(b"more\n")
    if other_tab:
        question(qtbot, w, "was saved. Upload it").yes_button.click()
        qtbot.waitUntil(lambda: content(srv, "a.txt") == b"a" * 10 + b"edited line\nmore\n", timeout=WAIT)
    else:
        question(qtbot, w, "was saved. Upload it").yes_button.click()
        said = f"/a.txt was not uploaded: connect to {server} again, then save it once more."
        qtbot.waitUntil(lambda: any(said in text for _kind, text in w.log.lines), timeout=WAIT)
        assert content(srv, "a.txt") == b"a" * 10
    idle(qtbot, w)
    w.close()
    question(qtbot, w, "Files you opened for editing").yes_button.click()
    qtbot.waitUntil(lambda: not w.isVisible() and not w.remote_browser.closing, timeout=WAIT)
    w.deleteLater()


def test_close_tab_says_a_cancelled_upload_is_left_incomplete(qtbot, both, two, tmp_path):  # noqa: F811
    cancel_an_upload(qtbot, both, two, tmp_path, "en")


def test_close_tab_says_a_cancelled_upload_is_left_incomplete_in_chinese(qtbot, chinese, both, two, tmp_path):  # noqa: F811
    cancel_an_upload(qtbot, both, two, tmp_path, "zh")


def cancel_an_upload(qtbot, both, two, tmp_path, language: str) -> None:  # noqa: F811
    w, tab_a, _tab_b = both
    _a, b = two
    w.resize(1366, 768)
    big = tmp_path / "la.txt"
    big.write_bytes(os.urandom(1 << 20))  # 64 s at the server's 16 KiB/s: running while the question is asked
    w.request_upload([str(big)], "/")
    item = w.queue.model.items()[0]
    qtbot.waitUntil(lambda: item.state == ACTIVE and os.path.exists(b.path("la.txt")), timeout=LONG)
    press(qtbot, w, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)
    box = w.prompt
    assert box is not None and box.isVisible()
    if language == "zh":
        assert box.text().replace("\u200b", "").splitlines() == [
            f"{USER}@127.0.0.1:{b.port} 的传输仍在队列中（1 项）。"
            "要取消它们，还是在关闭标签页后让它们继续在队列中运行？",
            "如果取消它们，上传中途被中断的文件会以不完整的状态留在服务器上：la.txt。",
        ]
        look(w, box, "close-tab-upload-zh.png")
        box.cancel_button.click()
        qtbot.waitUntil(lambda: item.state == CANCELLED, timeout=LONG)
        return
    assert box.text().replace("\u200b", "").splitlines() == [
        f"Transfers of {USER}@127.0.0.1:{b.port} are still in the queue (1). Cancel them, or keep them running in "
        "the queue after the tab is closed?",
        "If you cancel them, a file cut off in its upload is left incomplete on the server: la.txt.",
    ]
    look(w, box, "close-tab-upload-en.png")
    box.cancel_button.click()
    qtbot.waitUntil(lambda: item.state == CANCELLED, timeout=LONG)
    assert w.tabs == [tab_a]
    assert os.path.getsize(b.path("la.txt")) < big.stat().st_size  # what the question said: left incomplete
