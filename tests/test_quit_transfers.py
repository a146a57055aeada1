"""Quitting while the queue transfers asks first, as FileZilla does; quitting an idle queue asks nothing.

The path a person takes: quick connect, a download or an upload from the window, File ▸ Quit (Ctrl+Q)."""

from __future__ import annotations

import json
import os

import pytest
from PySide6.QtWidgets import QMessageBox

from ftpgui.transfers.items import ACTIVE, DONE, QUEUED

from guihelpers import (
    WAIT,
    close_window,
    filled_server,
    open_window,
    probe_dir,
    quick_connect,
    save_queued_upload,
    wait_listing,
)

LONG = 30000
SIZE = 1 << 20  # at 64 KiB/s: 16 s, far longer than the test needs the transfer to run


def connected(qtbot, w, srv) -> None:
    quick_connect(qtbot, w, srv)
    wait_listing(qtbot, w, "/")


def downloading(qtbot, w, make_server, tmp_path):
    """A 1 MiB download from a slow server, moving: (its queue item, the folder it goes to)."""
    srv = make_server("127.0.0.1", throttle=64 * 1024)
    with open(srv.path("big.bin"), "wb") as f:
        f.write(os.urandom(SIZE))
    connected(qtbot, w, srv)
    target = tmp_path / "downloads"
    target.mkdir()
    w.request_download([("/big.bin", False, SIZE)], str(target))
    item = w.queue.model.items()[0]
    qtbot.waitUntil(lambda: item.state == ACTIVE and item.done > 0, timeout=LONG)
    return item, target


def question(qtbot, w) -> QMessageBox:
    qtbot.waitUntil(lambda: isinstance(w.prompt, QMessageBox) and w.prompt.isVisible(), timeout=WAIT)
    return w.prompt


def test_quitting_during_a_download_asks_and_cancel_keeps_it_going(qtbot, window, make_server, tmp_path):
    item, _ = downloading(qtbot, window, make_server, tmp_path)

    window.act_quit.trigger()  # Ctrl+Q
    box = question(qtbot, window)
    assert window.isVisible()
    text = box.text()
    assert "Transfers are in progress: 1 transferring, " in text and "queued" not in text  # (note 419)
    assert "continues them the next time it starts" in text
    assert "incomplete on the server" not in text  # (a download's partial file is its temporary one)
    assert box.defaultButton() is box.button(QMessageBox.StandardButton.Cancel)
    box.button(QMessageBox.StandardButton.Cancel).click()
    qtbot.waitUntil(lambda: window.prompt is None, timeout=WAIT)

    reached = item.done
    qtbot.waitUntil(lambda: item.done > reached, timeout=LONG)  # it goes on
    assert window.isVisible() and item.state == ACTIVE


def test_quit_anyway_stops_the_download_and_keeps_it_queued(qtbot, make_server, tmp_path, monkeypatch):
    config = tmp_path / "config"
    monkeypatch.setenv("FTPGUI_CONFIG_DIR", str(config))
    w = open_window(qtbot)
    try:
        _, target = downloading(qtbot, w, make_server, tmp_path)
        w.act_quit.trigger()
        question(qtbot, w).yes_button.click()  # Quit Anyway
        qtbot.waitUntil(lambda: not w.isVisible(), timeout=WAIT)
        qtbot.waitUntil(lambda: not w.remote_browser.closing, timeout=WAIT)
    finally:
        if w.isVisible():
            close_window(qtbot, w)
        w.deleteLater()
    # nothing half-written under its name; the item waits in the saved queue for the next start
    assert not (target / "big.bin").exists()
    assert (target / "big.bin.ftpgui-part").exists()
    saved = json.loads((config / "queue.json").read_text())
    assert [(i["remote"], i["state"]) for i in saved["items"]] == [("/big.bin", QUEUED)]


def test_quitting_during_an_upload_says_the_servers_file_is_incomplete(qtbot, window, make_server, tmp_path):
    connected(qtbot, window, make_server("127.0.0.1", throttle=64 * 1024))
    source = tmp_path / "up.bin"
    source.write_bytes(os.urandom(SIZE))
    window.request_upload([str(source)], "/")
    item = window.queue.model.items()[0]
    qtbot.waitUntil(lambda: item.state == ACTIVE and item.done > 0, timeout=LONG)
    window.act_quit.trigger()
    text = question(qtbot, window).text()
    assert "Transfers are in progress: 1 transferring, " in text and "queued" not in text
    assert "incomplete on the server" in text
    window.prompt.button(QMessageBox.StandardButton.Cancel).click()
    qtbot.waitUntil(lambda: window.prompt is None, timeout=WAIT)
    assert window.isVisible()


def test_quitting_an_idle_queue_asks_nothing(qtbot, make_server, tmp_path, monkeypatch):
    monkeypatch.setenv("FTPGUI_CONFIG_DIR", str(tmp_path / "config"))
    w = open_window(qtbot)
    try:
        connected(qtbot, w, filled_server(make_server))
        target = tmp_path / "downloads"
        target.mkdir()
        w.request_download([("/a.txt", False, 10)], str(target))
        item = w.queue.model.items()[0]
        qtbot.waitUntil(lambda: item.state == DONE and w.queue.is_idle(), timeout=LONG)
        w.act_quit.trigger()
        assert not w.isVisible() and w.prompt is None
        qtbot.waitUntil(lambda: not w.remote_browser.closing, timeout=WAIT)
    finally:
        if w.isVisible():
            close_window(qtbot, w)
        w.deleteLater()


def test_quitting_while_restored_items_wait_for_a_password_asks_nothing(qtbot, make_server, tmp_path, monkeypatch):
    """Nothing moves while the queue waits for a login (a queue restored at start): quitting loses nothing, so
    there is no transfers question (the items stay queued, as they were)."""
    config = tmp_path / "config"
    config.mkdir()
    monkeypatch.setenv("FTPGUI_CONFIG_DIR", str(config))
    (tmp_path / "report.txt").write_bytes(b"report")
    save_queued_upload(config, make_server("127.0.0.1"), str(tmp_path / "report.txt"), "/report.txt")
    w = open_window(qtbot)
    try:
        qtbot.waitUntil(lambda: w.queue_logins.prompt is not None, timeout=WAIT)  # the password, asked
        w.act_quit.trigger()
        assert not (isinstance(w.prompt, QMessageBox) and "Transfers are in progress" in w.prompt.text())
        assert not w.isVisible()
        qtbot.waitUntil(lambda: not w.remote_browser.closing, timeout=WAIT)
    finally:
        if w.isVisible():
            close_window(qtbot, w)
        w.deleteLater()
    saved = json.loads((config / "queue.json").read_text())
    assert [(i["remote"], i["state"]) for i in saved["items"]] == [("/report.txt", QUEUED)]


def test_the_speed_limit_is_kept_for_the_next_start(qtbot, tmp_path, monkeypatch):
    """Set in the queue panel, the limit holds the queue back at once and comes back when ftpgui starts again
    (FileZilla keeps its limits); quitting right after a change keeps it too."""
    monkeypatch.setenv("FTPGUI_CONFIG_DIR", str(tmp_path / "config"))
    w = open_window(qtbot)
    try:
        assert w.queue_view.limit.value() == 0 and w.queue.limit.rate == 0
        w.queue_view.limit.setValue(200)
        assert w.queue.limit.rate == 200 * 1024
        qtbot.waitUntil(lambda: '"speed_limit_kib": 200' in _settings(tmp_path), timeout=WAIT)
        w.queue_view.limit.setValue(300)  # and quit at once
    finally:
        close_window(qtbot, w)
    assert '"speed_limit_kib": 300' in _settings(tmp_path)
    w = open_window(qtbot)
    try:
        assert w.queue_view.limit.value() == 300 and w.queue.limit.rate == 300 * 1024
    finally:
        close_window(qtbot, w)


def _settings(tmp_path) -> str:
    path = tmp_path / "config" / "settings.json"
    return path.read_text() if path.exists() else ""


def test_the_quit_question_counts_the_transfers_as_they_finish(qtbot, window, make_server, tmp_path):
    """The question counted the files once, when it opened: files that finished while it was open still counted,
    and with all of them done it still said transfers were in progress (found by QA, design note 280). Now it
    follows the queue; once nothing is under way it says quitting cuts nothing off, and Quit is its default."""
    names = ("a.bin", "b.bin", "c.bin")
    srv = make_server("127.0.0.1", no_226={"RETR": len(names)})  # each file's last word held back: still active
    for name in names:
        with open(srv.path(name), "wb") as f:
            f.write(os.urandom(1000))
    connected(qtbot, window, srv)
    target = tmp_path / "downloads"
    target.mkdir()
    window.request_download([(f"/{name}", False, 1000) for name in names], str(target))
    items = window.queue.model.items()

    def held() -> bool:  # every file under way has all its bytes and waits for its 226, held back
        active = [i for i in items if i.state == ACTIVE]
        return bool(active) and all(i.done == i.size for i in active) and srv.holding() == len(active)

    qtbot.waitUntil(held, timeout=LONG)
    window.act_quit.trigger()
    box = question(qtbot, window)
    assert moving_and_waiting(items) in box.text()
    box.grab().save(os.path.join(probe_dir(), "quit-question-open.png"))
    while any(i.state != DONE for i in items):
        srv.send_held_replies()  # the files under way finish; the next one starts and waits in its turn
        qtbot.waitUntil(lambda: held() or all(i.state == DONE for i in items), timeout=LONG)
        if any(i.state != DONE for i in items):
            qtbot.waitUntil(lambda: moving_and_waiting(items) in box.text(), timeout=WAIT)
            assert box.yes_button.text() == "Quit Anyway"
            assert box.defaultButton() is box.button(QMessageBox.StandardButton.Cancel)
    qtbot.waitUntil(lambda: "No transfer is in progress any more" in box.text(), timeout=WAIT)
    assert "Transfers are in progress" not in box.text() and window.isVisible()
    assert box.yes_button.text() == "Quit" and box.defaultButton() is box.yes_button
    box.grab().save(os.path.join(probe_dir(), "quit-question-all-done.png"))
    box.yes_button.click()
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=WAIT)
    assert sorted(os.listdir(target)) == list(names)


def moving_and_waiting(items) -> str:
    """The start of the Quit question for ``items``: the files moving and those waiting said apart, as the status
    bar says them (note 419: "3 queued" counted both)."""
    moving = sum(1 for i in items if i.state == ACTIVE)
    waiting = sum(1 for i in items if i.state not in (ACTIVE, DONE))
    parts = [f"{moving} transferring"] if moving else []
    parts += [f"{waiting} queued"] if waiting else []
    return "Transfers are in progress: " + ", ".join(parts) + ", "


@pytest.fixture(params=["en", "zh_CN"])
def language(request):
    if request.param == "zh_CN":
        request.getfixturevalue("chinese")
    return request.param


def test_the_quit_question_says_the_files_moving_and_those_waiting_apart(
    qtbot, language, window, make_server, tmp_path
):
    """Found by QA: with two files moving and one waiting the question said "3 queued" while the status bar said
    "2 transferring, 1 queued". Now it says them apart, in the status bar's words, in English and Chinese."""
    names = ("a.bin", "b.bin", "c.bin")
    srv = make_server("127.0.0.1", no_226={"RETR": len(names)})  # each file's last reply held back: still moving
    for name in names:
        with open(srv.path(name), "wb") as f:
            f.write(os.urandom(1000))
    connected(qtbot, window, srv)
    target = tmp_path / "downloads"
    target.mkdir()
    window.request_download([(f"/{name}", False, 1000) for name in names], str(target))
    items = window.queue.model.items()
    # two transfer connections (the default): two files move, the third waits
    qtbot.waitUntil(lambda: sum(i.state == ACTIVE for i in items) == 2 and srv.holding() == 2, timeout=LONG)
    window.act_quit.trigger()
    text = question(qtbot, window).text()
    said = {
        "en": "Transfers are in progress: 2 transferring, 1 queued, ",
        "zh_CN": "正在传输：2 个传输中，1 个排队中，",
    }
    assert said[language] in text, text
    # the status bar's words for the same queue
    status = {"en": "2 transferring, 1 queued, ", "zh_CN": "2 个传输中，1 个排队中，"}
    qtbot.waitUntil(lambda: window.totals_label.text().startswith(status[language]), timeout=WAIT)
    window.prompt.button(QMessageBox.StandardButton.Cancel).click()
    qtbot.waitUntil(lambda: window.prompt is None, timeout=WAIT)
    srv.send_held_replies()


def test_the_queues_own_line_says_the_status_bars_words(qtbot, language, window, make_server, tmp_path):
    """Found by QA (note 437): with two files moving and one waiting the queue's own line said "2 transferring, 1
    waiting" while the status bar and the Quit question said "2 transferring, 1 queued". Now all three say it alike,
    in English and Chinese; once the files are done, the line says "0 queued"."""
    names = ("a.bin", "b.bin", "c.bin")
    srv = make_server("127.0.0.1", no_226={"RETR": len(names)})  # each file's last reply held back: still moving
    for name in names:
        with open(srv.path(name), "wb") as f:
            f.write(os.urandom(1000))
    connected(qtbot, window, srv)
    target = tmp_path / "downloads"
    target.mkdir()
    window.request_download([(f"/{name}", False, 1000) for name in names], str(target))
    items = window.queue.model.items()
    qtbot.waitUntil(lambda: sum(i.state == ACTIVE for i in items) == 2 and srv.holding() == 2, timeout=LONG)
    words = {"en": "2 transferring, 1 queued, ", "zh_CN": "2 个传输中，1 个排队中，"}[language]
    footer = window.queue_view.status
    qtbot.waitUntil(lambda: window.totals_label.text().startswith(words), timeout=WAIT)
    qtbot.waitUntil(lambda: footer.text().startswith(words), timeout=WAIT)  # ("2 transferring, 1 waiting, …")
    assert footer.text() == window.totals_label.text()
    window.act_quit.trigger()
    assert words in question(qtbot, window).text()
    window.prompt.button(QMessageBox.StandardButton.Cancel).click()
    qtbot.waitUntil(lambda: window.prompt is None, timeout=WAIT)
    empty = {"en": "0 queued, ", "zh_CN": "0 个排队中，"}[language]

    def done() -> bool:
        srv.send_held_replies()  # (the third file's, once it moves)
        return footer.text().startswith(empty)  # ("0 files waiting, …")

    qtbot.waitUntil(done, timeout=LONG)
    assert sorted(os.listdir(target)) == list(names)
