"""After an edit's conflict (the server's file changed since it was opened): the folder's listing shows the
server's file as it is now; Save as New Name says a taken or bad name in the dialog itself, keeping what was
typed, is wide enough for its title, and Escape in it brings the conflict's question back (design notes
358–359, found by a QA round). The real window, a real pyftpdlib server, test_remote_edit's editor."""

from __future__ import annotations

import os

import pytest
import shiboken6
import test_remote_edit
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QInputDialog, QLineEdit
from test_remote_edit import changed_meanwhile, connect, content, idle, question, select

from guihelpers import WAIT

pytestmark = pytest.mark.gui
editor = test_remote_edit.editor  # (a fixture)
srv, window = test_remote_edit.srv, test_remote_edit.window  # (fixtures: its files; the window, quit after)
THEIRS = b"someone else's version\n"  # (what changed_meanwhile writes to the server's file)
SCREENS = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "build", "screens")


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


# --- put off: Not Now, Escape, the close button (design note 365) ---------------------------------------
def put_off_then_close_tab(qtbot, w, srv, editor, answer, log_line, words, picture: str) -> None:
    """The conflict's question ``answer``ed (Escape, its close button): nothing uploaded, the edit left changed,
    said in the log and the status bar with where the copy is; Close Tab (of the tab it was opened in, another
    one open) names it; a later save asks again, and Overwrite then uploads it. ``words``: of the Upload question,
    the conflict's, Close Tab's, in the language shown."""
    saved, changed, close_words = words
    w.resize(1366, 768)
    connect(qtbot, w, srv, editor[0], without_asking=False)
    select(w, "a.txt")
    w.remote_edit.act_edit.trigger()
    upload = question(qtbot, w, saved)
    with open(srv.path("a.txt"), "wb") as f:  # someone else writes the server's file meanwhile
        f.write(THEIRS)
    upload.yes_button.click()
    box = question(qtbot, w, changed)
    look(box, picture)
    (edited,) = w.remote_edit.edited.values()
    answer(box)
    qtbot.waitUntil(lambda: not edited.busy, timeout=WAIT)
    said = log_line(edited.local)
    assert ("status", said) in w.log.lines and w.statusBar().currentMessage() == said
    assert edited.changed and "STOR" not in srv.record.verbs() and content(srv, "a.txt") == THEIRS
    first = w.current_tab
    w.new_tab()
    w.tab_bar.setCurrentIndex(w.tabs.index(first))
    w.close_tab()
    asked = question(qtbot, w, close_words)
    asked.stay_button.click()  # Don't close
    assert first in w.tabs
    with open(edited.local, "ab") as f:  # saved again: asked again, and this time it goes
        f.write(b"more\n")
    question(qtbot, w, saved).yes_button.click()
    question(qtbot, w, changed).overwrite_button.click()
    qtbot.waitUntil(lambda: content(srv, "a.txt") == b"a" * 10 + b"edited line\nmore\n", timeout=WAIT)
    idle(qtbot, w)
    assert not edited.changed


def look(box, name: str) -> None:
    """The question grabbed for a person to look at (build/screens)."""
    os.makedirs(SCREENS, exist_ok=True)
    for _ in range(3):
        QCoreApplication.processEvents()
    assert box.grab().save(os.path.join(SCREENS, name))


def escape(box) -> None:
    QTest.keyClick(box, Qt.Key.Key_Escape)


def test_escape_on_the_conflict_puts_it_off_and_close_tab_names_the_file(qtbot, window, srv, editor):
    """By QA: Escape took "Discard My Changes" — nothing said, and Close Tab then closed without a word."""
    put_off_then_close_tab(
        qtbot,
        window,
        srv,
        editor,
        escape,
        lambda local: f"/a.txt was not uploaded: your changes stay in {local}. Save it again to upload it.",
        ("was saved", "/a.txt changed on the server", "Changes not uploaded: a.txt."),
        "edit-conflict-en.png",
    )


def test_the_conflicts_close_button_puts_it_off_too_in_chinese(qtbot, window, srv, editor, chinese):
    put_off_then_close_tab(
        qtbot,
        window,
        srv,
        editor,
        lambda box: box.close(),  # (the title bar's close button)
        lambda local: f"/a.txt 未上传：你的更改仍在 {local} 中。请再保存一次以上传。",
        ("已保存", "你打开 /a.txt 之后，它在服务器上被更改了。", "尚未上传的更改：a.txt。"),
        "edit-conflict-zh.png",
    )


def test_not_now_on_the_conflict_is_a_button_and_discard_still_discards(qtbot, window, srv, editor):
    w = window
    box = changed_meanwhile(qtbot, w, srv, editor[0])
    assert box.later_button.text() == "Not Now" and box.escapeButton() is box.later_button
    box.discard_button.click()
    (edited,) = w.remote_edit.edited.values()
    qtbot.waitUntil(lambda: not edited.busy, timeout=WAIT)
    assert not edited.changed and not any("was not uploaded" in text for _kind, text in w.log.lines)
