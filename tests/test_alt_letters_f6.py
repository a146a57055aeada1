# ruff: noqa: F811 (the fixtures srv and window, imported from test_keys_focus)
"""Alt letters and F6 (note 410, found by QA): the questions' buttons "Connect without encryption", "Delete" and
"Move to Trash" and the View menu's "Connection modes" had no Alt letter; nothing moved the focus between the
local and the remote list. The real window on pyftpdlib, English and Chinese: each Alt letter pressed does what
its button does; F6 goes from one list to the other (and from the queue to the pane last used)."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QAbstractButton, QApplication, QMessageBox
from test_keys_focus import press, srv, window  # noqa: F401 (fixtures: the window on pyftpdlib)

from ftpgui.ui.dialogs import PlainFtpDialog

from guihelpers import WAIT, close_window, names, open_window, type_in, wait_listing

pytestmark = pytest.mark.gui
ALT = Qt.KeyboardModifier.AltModifier


@pytest.fixture(params=["en", "zh_CN"])
def language(request):
    if request.param == "zh_CN":
        request.getfixturevalue("chinese")
    return request.param


def letter(text: str) -> str:
    """The Alt letter of a button's or a menu command's text ("" for none)."""
    found = re.search(r"&([^&])", text.replace("&&", ""))
    return found.group(1).lower() if found else ""


def alt_in(qtbot, box, key) -> None:
    """Alt+``key`` pressed in the question ``box``, active as a person's is."""
    box.activateWindow()
    qtbot.waitUntil(box.isActiveWindow, timeout=WAIT)
    qtbot.keyClick(box, key, ALT)


def letters_of(box) -> list:
    return [letter(b.text()) for b in box.findChildren(QAbstractButton) if b.isVisible() and letter(b.text())]


def test_the_delete_questions_buttons_have_their_alt_letter(qtbot, language, window, srv, tmp_path):
    w = window
    folder = tmp_path / "here"
    folder.mkdir()
    (folder / "old.txt").write_bytes(b"x")
    w.local.set_path(str(folder))
    qtbot.waitUntil(lambda: w.local.ensure_model().index(str(folder / "old.txt")).isValid(), timeout=WAIT)
    w.local.select(["old.txt"])
    press(qtbot, w, w.local.view, Qt.Key.Key_Delete)
    box = w.prompt
    assert letter(box.yes_button.text()) == "m" and sorted(set(letters_of(box))) == sorted(letters_of(box))
    alt_in(qtbot, box, Qt.Key.Key_M)  # Move to Trash
    qtbot.waitUntil(lambda: not (folder / "old.txt").exists(), timeout=WAIT)
    w.remote.select(["a.txt"])
    press(qtbot, w, w.remote.view, Qt.Key.Key_Delete)
    box = w.prompt
    assert letter(box.yes_button.text()) == "d" and sorted(set(letters_of(box))) == sorted(letters_of(box))
    alt_in(qtbot, box, Qt.Key.Key_D)  # Delete
    qtbot.waitUntil(lambda: "a.txt" not in names(w), timeout=WAIT)
    assert "DELE" in srv.record.verbs()


def test_connect_without_encryption_has_its_alt_letter(qtbot, language, tmp_path, monkeypatch, srv):
    monkeypatch.setenv("FTPGUI_CONFIG_DIR", str(tmp_path / "config"))
    w = open_window(qtbot)
    try:
        type_in(w, srv.host, str(srv.port))
        qtbot.waitUntil(lambda: isinstance(w.prompt, PlainFtpDialog) and w.prompt.isVisible(), timeout=WAIT)
        box = w.prompt
        assert letter(box.connect_button.text()) == "w" and sorted(set(letters_of(box))) == sorted(letters_of(box))
        alt_in(qtbot, box, Qt.Key.Key_W)
        wait_listing(qtbot, w, "/")
        assert "PASS" in srv.record.verbs()
    finally:
        close_window(qtbot, w)


@pytest.mark.parametrize("answer", ["plain text", "cancel"])
def test_continue_in_plain_text_has_its_alt_letter_and_the_log_waits_for_the_answer(
    qtbot, language, tmp_path, monkeypatch, srv, answer
):
    """``ftpes://`` to pyftpdlib without TLS (it refuses AUTH TLS with a 5xx): "No encryption" asks; its button
    had no Alt letter, and the log and the status bar said "…; not continuing" while it was still open (note
    413, found by QA)."""
    monkeypatch.setenv("FTPGUI_CONFIG_DIR", str(tmp_path / "config"))
    stop = "not continuing" if language == "en" else "不再继续"
    w = open_window(qtbot)
    try:
        type_in(w, f"ftpes://{srv.host}", str(srv.port))
        qtbot.waitUntil(lambda: isinstance(w.prompt, QMessageBox) and w.prompt.isVisible(), timeout=WAIT)
        box = w.prompt
        assert letter(box.yes_button.text()) == "p" and sorted(set(letters_of(box))) == sorted(letters_of(box))
        said = w.log.toPlainText()
        assert "AUTH TLS" in said and stop not in said, said  # the refusal, not yet the end
        status = w.statusBar().currentMessage()
        assert "AUTH TLS" in status and stop not in status and stop not in w.state_label.text()
        if answer == "cancel":
            box.reject()
            qtbot.waitUntil(lambda: stop in w.log.toPlainText(), timeout=WAIT)  # now it is
            assert "USER" not in srv.record.verbs()
            return
        alt_in(qtbot, box, Qt.Key.Key_P)
        wait_listing(qtbot, w, "/")
        assert "PASS" in srv.record.verbs() and stop not in w.log.toPlainText()
    finally:
        close_window(qtbot, w)


def test_the_view_menus_connection_modes_has_its_alt_letter(qtbot, language, window):
    w = window
    shown = [a for a in w.view_menu.actions() if a.isVisible() and not a.isSeparator()]
    toggle = w.mode_dock.toggleViewAction()
    assert toggle in shown and letter(toggle.text()) == "m"
    keys = [letter(a.text()) for a in shown]
    assert "" not in keys and len(set(keys)) == len(keys), keys
    toggle.trigger()
    assert w.mode_dock.isHidden()
    toggle.trigger()
    assert not w.mode_dock.isHidden()


def test_f6_moves_between_the_lists_and_the_keys_then_act_on_the_list_reached(qtbot, window, srv, tmp_path):
    w = window
    keys = [s.toString() for a in w.findChildren(type(w.act_other_list)) for s in a.shortcuts()]
    assert keys.count("F6") == 1 and w.act_next_tab.shortcut() == QKeySequence("Ctrl+Tab")  # (nothing else moved)
    w.local.set_path(str(tmp_path))
    w.remote.select(["a.txt"])
    press(qtbot, w, w.local.view, Qt.Key.Key_F6)
    assert QApplication.focusWidget() is w.remote.view and w._active == "remote"
    qtbot.keyClick(w.remote.view, Qt.Key.Key_Delete)  # the remote list's selection, reached by F6
    assert w.prompt.text() == "Delete the file “a.txt” from the server?"
    w.prompt.reject()
    w.prompt = None
    press(qtbot, w, w.remote.view, Qt.Key.Key_F6)
    assert QApplication.focusWidget() is w.local.view and w._active == "local"
    # from the local path field (a text box): to the remote list
    press(qtbot, w, w.local.path_bar.lineEdit(), Qt.Key.Key_F6)
    assert QApplication.focusWidget() is w.remote.view
    # from the queue: to the list of the pane last used
    press(qtbot, w, w.remote.view, Qt.Key.Key_F6)
    press(qtbot, w, w.queue_view.tables["queued"], Qt.Key.Key_F6)
    assert QApplication.focusWidget() is w.local.view and w._active == "local"
