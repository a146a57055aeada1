"""The path bars, typed into like a person: what was typed is what Enter opens, even "/" with folders in the
history (the inline completion once turned a typed "/" into "/sub" and Enter opened that)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from guihelpers import WAIT, close_window, filled_server, open_window, quick_connect, wait_listing
from memkeyring import memory_keyring  # noqa: F401 (fixture: never the real keychain)

pytestmark = pytest.mark.gui


@pytest.fixture
def connected(qtbot, config, make_server):
    srv = filled_server(make_server)
    w = open_window(qtbot)
    quick_connect(qtbot, w, srv)
    wait_listing(qtbot, w, "/")
    yield w
    close_window(qtbot, w)


def type_into(qtbot, bar, text: str) -> None:
    """Click the bar, Ctrl+A, type ``text`` key by key, Enter — as a person does."""
    field = bar.lineEdit()
    bar.window().activateWindow()
    field.setFocus()
    qtbot.mouseClick(field, Qt.MouseButton.LeftButton)
    qtbot.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(field, text)
    assert field.text() == text  # nothing filled in after what was typed
    # A shown suggestion list takes the keys, as it does on a desktop; it hands Enter to the field.
    qtbot.keyClick(QApplication.activePopupWidget() or field, Qt.Key.Key_Return)


def test_typing_slash_in_the_remote_bar_opens_the_root(qtbot, connected):
    w = connected
    type_into(qtbot, w.remote.path_bar, "/sub")
    wait_listing(qtbot, w, "/sub")
    assert w.remote.path_bar.history()[:2] == ["/sub", "/"]  # "/" typed now starts the first path visited
    opened = []
    w.remote.path_bar.pathEntered.connect(opened.append)
    type_into(qtbot, w.remote.path_bar, "/")
    assert opened == ["/"]
    wait_listing(qtbot, w, "/")
    assert w.remote.path_bar.currentText() == "/"


def test_typing_a_folder_in_the_local_bar_opens_that_folder(qtbot, connected, tmp_path):
    w = connected
    (tmp_path / "ab").mkdir()
    (tmp_path / "abc").mkdir()
    for folder in (tmp_path / "abc", tmp_path):
        w.local.set_path(str(folder))
        qtbot.waitUntil(lambda f=str(folder): w.local.path_bar.history()[:1] == [f], timeout=WAIT)
    opened = []
    w.local.path_bar.pathEntered.connect(opened.append)
    type_into(qtbot, w.local.path_bar, str(tmp_path / "ab"))
    assert opened == [str(tmp_path / "ab")]
    qtbot.waitUntil(lambda: w.local.path == str(tmp_path / "ab"), timeout=WAIT)
