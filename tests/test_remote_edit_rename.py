"""An edited file renamed or moved by the window itself (design note 276): the edit follows it — the next save
goes to the new name, never re-creating the old one, and no "deleted on the server" question is asked. The real
window, a real pyftpdlib server, test_remote_edit's editor (a script that appends a line to the copy)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import shiboken6
import test_remote_edit
from PySide6.QtWidgets import QInputDialog, QMessageBox
from test_remote_edit import connect, content, idle, question, select

from guihelpers import WAIT, names

pytestmark = pytest.mark.gui
editor = test_remote_edit.editor  # (a fixture)
srv, window = test_remote_edit.srv, test_remote_edit.window  # (fixtures: its files; the window, quit after)
ORIGINAL = b"note\n"


@pytest.fixture
def edited(qtbot, window, srv, editor):
    """The window editing /note.txt, its saves uploaded without asking, the first save uploaded."""
    Path(srv.path("note.txt")).write_bytes(ORIGINAL)
    connect(qtbot, window, srv, editor[0], without_asking=True)
    select(window, "note.txt")
    window.remote_edit.act_edit.trigger()
    qtbot.waitUntil(lambda: content(srv, "note.txt") == ORIGINAL + b"edited line\n", timeout=WAIT)
    idle(qtbot, window)
    return window


def save_again(w) -> str:
    """The person's editor saves the copy once more."""
    ((local, _edited),) = w.remote_edit.edited.items()
    with open(local, "ab") as f:
        f.write(b"second line\n")
    return local


def no_deleted_question(w) -> bool:
    """No "… was deleted on the server after you opened it" question is open."""
    box = w.prompt
    return not (isinstance(box, QMessageBox) and shiboken6.isValid(box) and "deleted on the server" in box.text())


def test_a_file_renamed_in_the_window_takes_its_edit_with_it(qtbot, edited, srv):
    """Found by QA: renamed with F2 after an upload, the next save said "/note.txt was deleted on the server
    after you opened it" and offered Overwrite, which re-created note.txt; Quit named note.txt."""
    w, new = edited, "renamed [1].txt"
    select(w, "note.txt")
    w.act_rename.trigger()
    qtbot.waitUntil(lambda: isinstance(w.prompt, QInputDialog), timeout=WAIT)
    w.prompt.setTextValue(new)
    w.prompt.accept()
    qtbot.waitUntil(lambda: new in names(w) and not os.path.exists(srv.path("note.txt")), timeout=WAIT)
    (copy,) = w.remote_edit.edited.values()
    assert copy.remote == f"/{new}"
    save_again(w)
    saved = ORIGINAL + b"edited line\nsecond line\n"
    qtbot.waitUntil(lambda: content(srv, new) == saved or not no_deleted_question(w), timeout=WAIT)
    assert no_deleted_question(w)
    idle(qtbot, w)
    assert not os.path.exists(srv.path("note.txt"))  # not re-created
    assert any(f"Uploaded /{new} to " in text for _kind, text in w.log.lines)
    w.close()  # the Quit warning names the file by its new name
    question(qtbot, w, f"Files you opened for editing may still be open: {new}.")


def test_a_file_moved_and_its_folder_renamed_take_its_edit_with_them(qtbot, edited, srv):
    """Moved into a folder (as a drag onto it does), then that folder renamed from the tree: each save goes to
    the file where it is now."""
    w = edited
    w.move_remote([("/note.txt", None)], "/sub")
    qtbot.waitUntil(lambda: os.path.exists(srv.path("sub", "note.txt")), timeout=WAIT)
    idle(qtbot, w)
    (copy,) = w.remote_edit.edited.values()
    assert copy.remote == "/sub/note.txt"
    w.rename_remote("/", "sub", "moved", after=w._after_rename)  # (what F2 in the folder tree does)
    qtbot.waitUntil(lambda: os.path.exists(srv.path("moved", "note.txt")), timeout=WAIT)
    idle(qtbot, w)
    assert copy.remote == "/moved/note.txt"
    save_again(w)
    saved = ORIGINAL + b"edited line\nsecond line\n"
    qtbot.waitUntil(lambda: content(srv, "moved", "note.txt") == saved or not no_deleted_question(w), timeout=WAIT)
    assert no_deleted_question(w)
    idle(qtbot, w)
    assert sorted(os.listdir(srv.root)) == [".hidden", "a.txt", "b.bin", "moved"]
    assert sorted(os.listdir(srv.path("moved"))) == ["inner.txt", "note.txt"]
