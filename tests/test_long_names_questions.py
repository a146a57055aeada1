"""Questions that say a name the server listed (design note 240, found by QA): a 20,000-character name with no
space clipped the delete question's text — a label breaks its lines only at spaces. Such a name is said as note
211 says a server's long text: cut, and free to break; every question stays on the screen, its text whole."""

from __future__ import annotations

import os

import pytest
from PySide6.QtWidgets import QAbstractButton, QInputDialog, QLabel, QMessageBox
from test_exists_choice_gui import shown_question, upload

from ftpgui.ui.dialogs import SERVER_SHOWN, SHOWN_END
from ftpgui.ui.permissions import PermissionsDialog

from guihelpers import WAIT, answer_plain_ftp, names, opened, probe_dir, type_in, wait_listing
from scripted import FakeTree, ScriptedServer, unix_listing

pytestmark = pytest.mark.gui
LONG = "n" * 20_000 + "-the-name-at-its-end.txt"
FOLDER = "d" * 8_000  # (its PWD reply within a line the client reads: 8 KB)
ZERO_WIDTH_SPACE = "\u200b"


@pytest.fixture(params=["en", "zh_CN"])
def language(request):
    """The questions in English and in Chinese (installed before the window is made)."""
    if request.param == "zh_CN":
        request.getfixturevalue("chinese")
    return request.param


@pytest.fixture
def connected(qtbot, language, window):
    listings = {
        "/": unix_listing((LONG, "file", 1), (FOLDER, "dir", 0)),
        f"/{FOLDER}": unix_listing(("x.txt", "file", 3)),
    }
    where = ["/"]  # (CWD, then PWD and LIST as pyftpdlib answers them)

    def answer(line: str):
        verb, _, arg = line.partition(" ")
        if verb == "CWD":
            where[0] = arg if arg in listings else where[0]
            return ["250 here" if arg in listings else "550 no such folder"]
        return [f'257 "{where[0]}"'] if verb == "PWD" else None

    tree = FakeTree(
        lambda path: listings.get(path if path != "/" else where[0]),
        size=lambda path: 3 if path.endswith("x.txt") else None,
        answer=answer,
    )
    with ScriptedServer(tree, connections=3, concurrent=True) as srv:
        type_in(window, "127.0.0.1", str(srv.port), "u", "p")
        answer_plain_ftp(qtbot, window)
        wait_listing(qtbot, window, "/")
        qtbot.waitUntil(lambda: LONG in names(window), timeout=WAIT)
        yield window
        window.act_disconnect.trigger()  # (QUIT: the server's conversation ends before it closes)
        qtbot.waitUntil(lambda: not window.remote_browser.closing, timeout=WAIT)


def assert_fits(dialog) -> None:
    """``dialog`` on the screen with every button, and no label's text wider than the label (clipped)."""
    dialog.adjustSize()
    screen = dialog.screen().availableGeometry()
    assert dialog.width() <= screen.width() and dialog.height() <= screen.height()
    for button in dialog.findChildren(QAbstractButton):
        if button.isVisible():
            assert screen.contains(button.mapToGlobal(button.rect().center())), button.text()
    for label in dialog.findChildren(QLabel):
        if label.isVisible() and label.text():
            assert label.minimumSizeHint().width() <= label.width(), label.text()[:80]


def said_cut(dialog, name: str = LONG) -> None:
    """``name`` is said cut to ``SERVER_SHOWN`` characters: its start, "…", and its last ``SHOWN_END`` (the name it
    ends in is kept)."""
    text = "\n".join(label.text() for label in dialog.findChildren(QLabel)).replace(ZERO_WIDTH_SPACE, "")
    head = SERVER_SHOWN - SHOWN_END
    assert name[:head] + "…" + name[-SHOWN_END:] in text
    assert name[: head + 1] not in text


@pytest.mark.parametrize(
    "action, kind",
    [("act_delete", QMessageBox), ("act_rename", QInputDialog), ("act_permissions", PermissionsDialog)],
)
def test_a_question_naming_a_20000_character_name_fits(qtbot, connected, language, action, kind):
    w = connected
    dialog = opened(qtbot, w, LONG, getattr(w, action), kind)
    dialog.grab().save(os.path.join(probe_dir(), f"{action}-{language}.png"))
    assert_fits(dialog)
    said_cut(dialog)
    dialog.reject()


def test_the_question_about_a_target_in_an_8000_character_folder_fits(qtbot, connected, language, tmp_path):
    """Uploading x.txt into a folder of the server with an 8,000-character name, where x.txt exists: the
    question says the target's path (cut in the middle: the name it ends in is kept) and fits."""
    w = connected
    w.navigate("/" + FOLDER)
    wait_listing(qtbot, w, "/" + FOLDER)
    (tmp_path / "x.txt").write_bytes(b"new data")
    upload(qtbot, w, tmp_path, ["x.txt"])
    qtbot.waitUntil(lambda: shown_question(w) is not None, timeout=WAIT)
    dialog = shown_question(w)
    dialog.grab().save(os.path.join(probe_dir(), f"exists-{language}.png"))
    assert_fits(dialog)
    said_cut(dialog, "/" + FOLDER + "/x.txt")
    dialog.reject()
