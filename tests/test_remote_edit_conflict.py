"""After an edit's conflict (the server's file changed since it was opened): the folder's listing shows the
server's file as it is now; Save as New Name says a taken or bad name in the dialog itself, keeping what was
typed, is wide enough for its title, and Escape in it brings the conflict's question back (design notes
358–359, found by a QA round). The real window, a real pyftpdlib server, test_remote_edit's editor."""

from __future__ import annotations

import pytest
import shiboken6
import test_remote_edit
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QInputDialog, QLineEdit
from test_remote_edit import changed_meanwhile, content, idle, question

from guihelpers import WAIT

pytestmark = pytest.mark.gui
editor = test_remote_edit.editor  # (a fixture)
srv, window = test_remote_edit.srv, test_remote_edit.window  # (fixtures: its files; the window, quit after)
THEIRS = b"someone else's version\n"  # (what changed_meanwhile writes to the server's file)


def row_size(w, name: str):
    return next((e.size for e in w.remote.model.entries() if e.name == name), None)


def name_dialog(qtbot, w, before=None) -> QInputDialog:
    """The Save as New Name dialog open (another than ``before``)."""

    def shown() -> bool:
        d = w.prompt
        return isinstance(d, QInputDialog) and shiboken6.isValid(d) and d.isVisible() and d is not before

    qtbot.waitUntil(shown, timeout=WAIT)
    return w.prompt


def type_name(qtbot, dialog: QInputDialog, name: str) -> None:
    """Type over the name offered and press Enter, as a person does."""
    field = dialog.findChild(QLineEdit)
    field.selectAll()
    qtbot.keyClicks(field, name)
    qtbot.keyClick(field, Qt.Key.Key_Return)


def test_the_conflict_lists_the_folder_again(qtbot, window, srv, editor):
    """The row showed the size and time the file had when opened after ftpgui itself had read the new ones."""
    w = window
    assert row_size(w, "a.txt") is None  # (not connected yet)
    box = changed_meanwhile(qtbot, w, srv, editor[0])
    qtbot.waitUntil(lambda: row_size(w, "a.txt") == len(THEIRS), timeout=WAIT)
    assert box.isVisible()  # the question stays while the folder is listed again
    box.discard_button.click()
    idle(qtbot, w)


def test_escape_in_save_as_new_name_asks_the_conflict_again(qtbot, window, srv, editor):
    w = window
    changed_meanwhile(qtbot, w, srv, editor[0]).new_name_button.click()
    dialog = name_dialog(qtbot, w)
    qtbot.keyClick(dialog.findChild(QLineEdit), Qt.Key.Key_Escape)
    again = question(qtbot, w, "/a.txt changed on the server after you opened it.")
    assert again.informativeText() == "Your changes to a.txt are not uploaded yet."
    (edited,) = w.remote_edit.edited.values()
    assert edited.busy and edited.changed  # still to be decided
    again.overwrite_button.click()
    qtbot.waitUntil(lambda: content(srv, "a.txt") == b"a" * 10 + b"edited line\n", timeout=WAIT)
    idle(qtbot, w)


def test_a_taken_or_bad_name_is_said_in_the_dialog_which_keeps_it(qtbot, window, srv, editor):
    w = window
    changed_meanwhile(qtbot, w, srv, editor[0]).new_name_button.click()
    first = name_dialog(qtbot, w)
    title = QFont(first.font())
    title.setBold(True)
    assert first.width() >= QFontMetrics(title).horizontalAdvance("Save as New Name") + 100  # its title fits
    type_name(qtbot, first, "b.bin")
    taken = name_dialog(qtbot, w, first)
    assert taken.labelText().startswith("/b.bin already exists on the server: choose another name.")
    assert taken.labelText().endswith("Name for your version, in /:")
    assert taken.textValue() == "b.bin"  # the name typed, not the one first offered
    type_name(qtbot, taken, "x/y")
    bad = name_dialog(qtbot, w, taken)
    assert bad.labelText().startswith("'x/y' is not a valid name.") and bad.textValue() == "x/y"
    type_name(qtbot, bad, "mine.txt")
    qtbot.waitUntil(lambda: content(srv, "mine.txt") == b"a" * 10 + b"edited line\n", timeout=WAIT)
    idle(qtbot, w)
    assert content(srv, "b.bin") == b"b" * 5000 and content(srv, "a.txt") == THEIRS
