"""View and Edit of a remote file (issue 20 item 1), against a real pyftpdlib server, with a real editor: a
small Python script started by the window as the person's editor command, which appends a line to the copy
(or saves by writing another file and renaming it over the copy, as many editors do)."""

from __future__ import annotations

import dataclasses
import os
import re
import shlex
import stat
import sys
import tempfile

import pytest
import shiboken6
from PySide6.QtCore import SIGNAL, QObject, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QInputDialog, QMessageBox

from ftpgui import settings
from ftpgui.ftp.safetext import shown
from ftpgui.settings import Preferences, PreferencesError, editor_lines, editor_table
from ftpgui.ui.main_window import MainWindow
from ftpgui.ui.preferences_dialog import PreferencesDialog
from ftpgui.ui.remote_edit import command_line

from ftpserver import USER
from guihelpers import WAIT, filled_server, names, open_window, quick_connect, wait_listing

pytestmark = pytest.mark.gui

EDITOR = """\
import os, sys
log, path = sys.argv[1], sys.argv[-1]
try:
    if "--rename" in sys.argv:  # write a new file beside it, then rename it over the copy
        with open(path, "rb") as f:
            data = f.read()
        with open(path + ".new", "wb") as f:
            f.write(data + b"saved by rename\\n")
        os.replace(path + ".new", path)
    else:
        with open(path, "ab") as f:
            f.write(b"edited line\\n")
    result = "saved"
except OSError as exc:
    result = "refused: %s" % exc
with open(log, "a") as f:
    f.write("%s %s\\n" % (path, result))
"""


@pytest.fixture
def srv(make_server):
    return filled_server(make_server)


@pytest.fixture
def window(qtbot, config, make_server):
    w = open_window(qtbot)
    yield w
    quit_window(qtbot, w)


@pytest.fixture
def editor(tmp_path):
    """The editor command (the log file's path given first) and the log it writes one line to per save."""
    script = tmp_path / "editor.py"
    script.write_text(EDITOR)
    log = tmp_path / "editor.log"
    return f"{shlex.quote(sys.executable)} {shlex.quote(str(script))} {shlex.quote(str(log))}", log


def quit_window(qtbot, w: MainWindow) -> None:
    """Close; answer "Quit Anyway" when files are still open for editing."""
    w.close()
    if w.isVisible() and isinstance(w.prompt, QMessageBox) and hasattr(w.prompt, "yes_button"):
        w.prompt.yes_button.click()
    qtbot.waitUntil(lambda: not w.isVisible() and not w.remote_browser.closing, timeout=WAIT)
    w.deleteLater()


def connect(qtbot, w: MainWindow, srv, command: str, without_asking: bool) -> None:
    w.apply_preferences(
        dataclasses.replace(w.prefs, editor_command=command, upload_edited_without_asking=without_asking)
    )
    quick_connect(qtbot, w, srv)
    wait_listing(qtbot, w, "/")


def select(w: MainWindow, name: str) -> None:
    w.set_active_side("remote")
    w.remote.select([name])


def content(srv, *parts: str) -> bytes:
    try:
        with open(srv.path(*parts), "rb") as f:
            return f.read()
    except OSError:
        return b""


def saves(log) -> list:
    return log.read_text().splitlines() if log.exists() else []


def question(qtbot, w: MainWindow, words: str) -> QMessageBox:
    """The question open with ``words`` in it (not one answered before, deleted when it closed)."""
    asked = lambda: isinstance(w.prompt, QMessageBox) and shiboken6.isValid(w.prompt) and words in w.prompt.text()  # noqa: E731
    qtbot.waitUntil(asked, timeout=WAIT)
    return w.prompt


def asking(w: MainWindow) -> bool:
    """A question of the window's is open."""
    return w.prompt is not None and shiboken6.isValid(w.prompt) and w.prompt.isVisible()


def part(srv, name: str) -> str:
    """The temporary file the last upload of the edited /``name`` went through, as its STOR named it: new for
    each upload, ``NAME.HEX.ftpgui-part`` with NAME's dots as underscores (design note 154)."""
    pattern = re.compile(r"STOR (/" + re.escape(name.replace(".", "_")) + r"\.[0-9a-f]{8}\.ftpgui-part)")
    stored = [m.group(1) for m in map(pattern.fullmatch, srv.record.commands) if m is not None]
    assert stored, srv.record.commands
    return stored[-1]


def idle(qtbot, w: MainWindow) -> None:
    qtbot.waitUntil(lambda: not w.browser.busy and not any(e.busy for e in w.remote_edit.edited.values()), timeout=WAIT)


# --- editing ----------------------------------------------------------------------------------------
def test_edit_uploads_what_the_editor_saved_without_asking(qtbot, window, srv, editor):
    w = window
    command, log = editor
    connect(qtbot, w, srv, command, without_asking=True)
    select(w, "a.txt")
    w.remote_edit.act_edit.trigger()
    qtbot.waitUntil(lambda: content(srv, "a.txt") == b"a" * 10 + b"edited line\n", timeout=WAIT)
    idle(qtbot, w)
    assert w.prompt is None  # nothing asked
    # to a temporary name beside it, renamed over it once whole: the server's a.txt is never a part
    temp = part(srv, "a.txt")
    stored = srv.record.commands[srv.record.commands.index(f"STOR {temp}") :]
    assert [c for c in stored if c.split()[0] in ("STOR", "RNFR", "RNTO")] == [
        f"STOR {temp}",
        f"RNFR {temp}",
        "RNTO /a.txt",
    ]
    assert sorted(os.listdir(srv.root)) == [".hidden", "a.txt", "b.bin", "sub"]  # (none left beside it)
    assert any(f"Uploaded /a.txt to {USER}@127.0.0.1:{srv.port}." in text for _kind, text in w.log.lines)
    # the copy: in its own folder of one private folder under the system's temporary folder
    (copy,) = w.remote_edit.edited
    folder = w.remote_edit.folder
    assert os.path.dirname(os.path.dirname(copy)) == folder
    assert os.path.dirname(folder) == tempfile.gettempdir()
    assert stat.S_IMODE(os.stat(folder).st_mode) == 0o700
    assert saves(log) == [f"{copy} saved"]


def test_edit_asks_before_uploading_and_yes_uploads(qtbot, window, srv, editor):
    w = window
    connect(qtbot, w, srv, editor[0], without_asking=False)
    select(w, "a.txt")
    w.remote_edit.act_edit.trigger()
    # the question names the server it goes to (found by QA: with several server tabs, nothing said which)
    box = question(qtbot, w, f"a.txt was saved. Upload it to {USER}@127.0.0.1:{srv.port} as\n/a.txt?")
    assert "STOR" not in srv.record.verbs()
    box.yes_button.click()
    qtbot.waitUntil(lambda: content(srv, "a.txt") == b"a" * 10 + b"edited line\n", timeout=WAIT)
    idle(qtbot, w)
    assert not any(e.changed for e in w.remote_edit.edited.values())


def test_not_now_keeps_the_change_and_quitting_warns_then_removes_the_copies(qtbot, config, srv, editor):
    w = open_window(qtbot)
    connect(qtbot, w, srv, editor[0], without_asking=False)
    select(w, "a.txt")
    w.remote_edit.act_edit.trigger()
    box = question(qtbot, w, "was saved")
    box.button(QMessageBox.StandardButton.Cancel).click()  # "Not now"
    (edited,) = w.remote_edit.edited.values()
    assert edited.changed and not edited.busy
    folder = w.remote_edit.folder
    assert os.path.isfile(edited.local)
    w.close()
    warning = question(qtbot, w, "Files you opened for editing may still be open: a.txt.")
    assert "Changes not uploaded: a.txt." in warning.text()
    assert w.isVisible() and os.path.isdir(folder)
    warning.button(QMessageBox.StandardButton.Cancel).click()  # stay
    assert w.isVisible() and w.remote_browser.connected
    w.close()
    question(qtbot, w, "Changes not uploaded").yes_button.click()  # Quit Anyway
    qtbot.waitUntil(lambda: not w.isVisible() and not w.remote_browser.closing, timeout=WAIT)
    assert not os.path.exists(folder)
    assert content(srv, "a.txt") == b"a" * 10 and "STOR" not in srv.record.verbs()
    w.deleteLater()


def test_a_save_while_its_question_is_open_is_asked_about_by_that_question(qtbot, window, srv, editor):
    """One question per change not uploaded: saved again while "Upload?" is open, "Not now" ends it (the
    question came straight back, found by QA); a save after that asks again, and Upload sends both saves."""
    from ftpgui.ui.edit_files import local_state

    w = window
    connect(qtbot, w, srv, editor[0], without_asking=False)
    select(w, "a.txt")
    w.remote_edit.act_edit.trigger()
    box = question(qtbot, w, "a.txt was saved.")
    (edited,) = w.remote_edit.edited.values()

    def save_again(line: bytes) -> None:  # (the editor saves again: the copy is watched, the save seen)
        with open(edited.local, "ab") as f:
            f.write(line)
        state = local_state(edited.local)
        qtbot.waitUntil(lambda: edited.seen == state, timeout=WAIT)

    save_again(b"second save\n")
    assert w.prompt is box
    box.button(QMessageBox.StandardButton.Cancel).click()  # "Not now"
    assert not asking(w)
    assert edited.changed and not edited.busy and "STOR" not in srv.record.verbs()
    save_again(b"third save\n")
    question(qtbot, w, "a.txt was saved.").yes_button.click()
    both = b"a" * 10 + b"edited line\nsecond save\nthird save\n"
    qtbot.waitUntil(lambda: content(srv, "a.txt") == both, timeout=WAIT)
    idle(qtbot, w)
    assert not edited.changed and not asking(w)


def test_a_save_by_rename_is_seen_each_time(qtbot, window, srv, editor):
    """Editors that save by renaming a new file over the old one end the watch on the file: it is watched
    again, so the second save is uploaded too (the second Edit opens the same copy, edits and all). Each job of
    a save hears its connection close while it runs, and no longer: the handlers piled up on the connection."""
    w = window
    connect(qtbot, w, srv, editor[0] + " --rename", without_asking=True)
    select(w, "sub")
    w.navigate("/sub")
    wait_listing(qtbot, w, "/sub")
    conn = w.remote_browser.connection
    closed = lambda: conn.receivers(SIGNAL("closed()"))  # noqa: E731
    heard = closed()
    select(w, "inner.txt")
    w.remote_edit.act_edit.trigger()
    qtbot.waitUntil(lambda: content(srv, "sub", "inner.txt") == b"inside" + b"saved by rename\n", timeout=WAIT)
    idle(qtbot, w)
    w.remote_edit.act_edit.trigger()
    qtbot.waitUntil(lambda: content(srv, "sub", "inner.txt").count(b"saved by rename\n") == 2, timeout=WAIT)
    assert len(w.remote_edit.edited) == 1
    assert srv.record.verbs().count("RETR") == 1
    idle(qtbot, w)
    assert w.remote_browser.connection is conn and closed() == heard  # (2 more a save before: 4 here)


# --- the server's file changed meanwhile ------------------------------------------------------------
def changed_meanwhile(qtbot, w: MainWindow, srv, command: str, name: str = "a.txt") -> QMessageBox:
    """Edit ``name``; before "Upload" is answered, someone else writes the server's file."""
    connect(qtbot, w, srv, command, without_asking=False)
    select(w, name)
    w.remote_edit.act_edit.trigger()
    box = question(qtbot, w, "was saved")
    assert box.text() == f"{shown(name)} was saved. Upload it to {w.remote_browser.endpoint} as\n/{shown(name)}?"
    with open(srv.path(name), "wb") as f:
        f.write(b"someone else's version\n")
    box.yes_button.click()
    conflict = question(qtbot, w, f"/{shown(name)} changed on the server after you opened it.")
    assert conflict.informativeText() == f"Your changes to {shown(name)} are not uploaded yet."
    assert "STOR" not in srv.record.verbs()
    return conflict


def test_changed_on_the_server_then_overwrite(qtbot, window, srv, editor):
    w = window
    changed_meanwhile(qtbot, w, srv, editor[0]).overwrite_button.click()
    qtbot.waitUntil(lambda: content(srv, "a.txt") == b"a" * 10 + b"edited line\n", timeout=WAIT)
    idle(qtbot, w)


def test_changed_on_the_server_then_save_as_a_new_name(qtbot, window, srv, editor):
    w = window
    changed_meanwhile(qtbot, w, srv, editor[0]).new_name_button.click()
    qtbot.waitUntil(lambda: isinstance(w.prompt, QInputDialog), timeout=WAIT)
    assert w.prompt.textValue() == "a (edited).txt"
    w.prompt.setTextValue("b.bin")  # taken: said, and asked again
    w.prompt.accept()
    qtbot.waitUntil(lambda: isinstance(w.prompt, QInputDialog) and w.prompt.isVisible(), timeout=WAIT)
    assert "/b.bin already exists on the server" in w.log.lines[-1][1]
    assert content(srv, "b.bin") == b"b" * 5000
    w.prompt.setTextValue("mine.txt")
    w.prompt.accept()
    qtbot.waitUntil(lambda: content(srv, "mine.txt") == b"a" * 10 + b"edited line\n", timeout=WAIT)
    idle(qtbot, w)
    assert content(srv, "a.txt") == b"someone else's version\n"
    qtbot.waitUntil(lambda: "mine.txt" in names(w), timeout=WAIT)
    (edited,) = w.remote_edit.edited.values()
    assert edited.remote == "/mine.txt" and not edited.changed  # later saves go to the new name


def test_a_hostile_name_is_asked_about_escaped_and_saved_under_its_real_name(qtbot, window, srv, editor):
    """A name with a bidi override (design note 175): the Upload question, the conflict and Save as New Name say
    it escaped (\\u202e), not reversed; the new name keeps the real character."""
    w, name = window, "gpj\u202eexe.txt"
    with open(srv.path(name), "wb") as f:
        f.write(b"a" * 10)
    changed_meanwhile(qtbot, w, srv, editor[0], name).new_name_button.click()
    qtbot.waitUntil(lambda: isinstance(w.prompt, QInputDialog) and w.prompt.isVisible(), timeout=WAIT)
    assert w.prompt.textValue() == "gpj\\u202eexe (edited).txt"
    w.prompt.accept()
    new = "gpj\u202eexe (edited).txt"
    qtbot.waitUntil(lambda: content(srv, new) == b"a" * 10 + b"edited line\n", timeout=WAIT)
    idle(qtbot, w)
    assert content(srv, name) == b"someone else's version\n"


def test_changed_on_the_server_then_discard(qtbot, window, srv, editor):
    w = window
    changed_meanwhile(qtbot, w, srv, editor[0]).discard_button.click()
    (edited,) = w.remote_edit.edited.values()
    assert not edited.busy and not edited.changed
    idle(qtbot, w)
    assert content(srv, "a.txt") == b"someone else's version\n"
    assert "STOR" not in srv.record.verbs()


def test_a_file_deleted_on_the_server_is_put_back_through_a_temporary_name_each_time(qtbot, window, srv, editor):
    """Overwrite after the server's file was deleted: the upload went straight to the file's name (LIST of a
    missing file cannot say it is a plain file), and so did every later save: one cut off left the file a part."""
    w = window
    connect(qtbot, w, srv, editor[0], without_asking=False)
    select(w, "a.txt")
    w.remote_edit.act_edit.trigger()
    box = question(qtbot, w, "was saved")
    os.remove(srv.path("a.txt"))
    box.yes_button.click()
    question(qtbot, w, "/a.txt was deleted on the server after you opened it.").overwrite_button.click()
    qtbot.waitUntil(lambda: content(srv, "a.txt") == b"a" * 10 + b"edited line\n", timeout=WAIT)
    idle(qtbot, w)
    qtbot.waitUntil(lambda: "a.txt" in names(w), timeout=WAIT)  # (listed again without it at the question)
    select(w, "a.txt")
    w.remote_edit.act_edit.trigger()  # the same copy: the editor saves once more
    question(qtbot, w, "was saved").yes_button.click()
    qtbot.waitUntil(lambda: content(srv, "a.txt") == b"a" * 10 + b"edited line\n" * 2, timeout=WAIT)
    idle(qtbot, w)
    stored = [c for c in srv.record.commands if c.startswith("STOR")]
    assert len(stored) == 2 and "STOR /a.txt" not in stored, stored  # each through its temporary name
    assert sorted(os.listdir(srv.root)) == [".hidden", "a.txt", "b.bin", "sub"]


# --- viewing, failures ------------------------------------------------------------------------------
def test_view_opens_a_read_only_copy_and_never_uploads(qtbot, window, srv, editor):
    w = window
    command, log = editor
    connect(qtbot, w, srv, command, without_asking=True)
    select(w, "a.txt")
    w.remote_edit.act_view.trigger()
    qtbot.waitUntil(lambda: len(saves(log)) == 1, timeout=WAIT)
    copy = saves(log)[0].split(" ", 1)[0]
    assert stat.S_IMODE(os.stat(copy).st_mode) == 0o400
    assert not w.remote_edit.edited  # not watched
    # then an Edit of another file: its upload is the only one
    select(w, "b.bin")
    w.remote_edit.act_edit.trigger()
    qtbot.waitUntil(lambda: content(srv, "b.bin").endswith(b"edited line\n"), timeout=WAIT)
    idle(qtbot, w)
    assert [c for c in srv.record.commands if c.startswith(("STOR", "RNTO"))] == [
        f"STOR {part(srv, 'b.bin')}",
        "RNTO /b.bin",
    ]
    assert content(srv, "a.txt") == b"a" * 10


def test_a_failed_download_is_said_in_words(qtbot, window, srv, editor):
    w = window
    connect(qtbot, w, srv, editor[0], without_asking=True)
    os.remove(srv.path("a.txt"))  # gone after it was listed
    select(w, "a.txt")
    w.remote_edit.act_edit.trigger()
    qtbot.waitUntil(lambda: any("Could not download /a.txt to open it:" in t for _k, t in w.log.lines), timeout=WAIT)
    assert not w.remote_edit.edited and not saves(editor[1])
    assert os.listdir(w.remote_edit.folder) == []  # its folder removed again


def test_a_missing_editor_is_said_in_words(qtbot, window, srv):
    w = window
    connect(qtbot, w, srv, "/nonexistent/editor --flag", without_asking=True)
    select(w, "a.txt")
    w.remote_edit.act_view.trigger()
    qtbot.waitUntil(lambda: "Could not start the editor" in w.log.lines[-1][1], timeout=WAIT)


def test_view_and_edit_are_in_the_remote_context_menu_and_the_edit_menu(window):
    w = window
    remote_actions = w.remote.view.actions()
    assert w.remote_edit.act_view in remote_actions and w.remote_edit.act_edit in remote_actions
    (edit_menu,) = [a.menu() for a in w.menuBar().actions() if a.text() == "&Edit"]
    assert w.remote_edit.act_view in edit_menu.actions() and w.remote_edit.act_edit in edit_menu.actions()
    w.set_active_side("local")
    w.remote_edit.act_edit.trigger()
    assert "Select a file in the remote pane" in w.log.lines[-1][1]


# --- the preferences --------------------------------------------------------------------------------
def test_editor_preferences_round_trip_and_bad_values_are_refused(tmp_path):
    table = editor_table(".txt .MD = gedit %f;; html = code -w\n")
    assert table == {".txt": "gedit %f", ".md": "gedit %f", ".html": "code -w"}
    assert editor_table(editor_lines(table)) == table
    prefs = Preferences(editor_command="xed", editor_by_extension=table, upload_edited_without_asking=True)
    path = str(tmp_path / "settings.json")
    settings.save(prefs, path)
    assert settings.load(path) == prefs
    with pytest.raises(PreferencesError, match=r"Entry 2 .*“just words”"):
        editor_table(".txt = gedit; just words")
    with pytest.raises(PreferencesError, match="cannot be read"):
        Preferences(editor_command='gedit "unclosed').validate()
    with pytest.raises(PreferencesError, match="not a file extension"):
        Preferences(editor_by_extension={".a b": "gedit"}).validate()


def test_command_line_puts_the_file_where_percent_f_is():
    assert command_line("gedit", "/tmp/x y.txt") == ["gedit", "/tmp/x y.txt"]
    assert command_line("'my editor' --open=%f -n", "/t/a.txt") == ["my editor", "--open=/t/a.txt", "-n"]


def test_the_preferences_dialog_edits_the_editors(qtbot):
    dialog = PreferencesDialog(Preferences(editor_by_extension={".txt": "gedit"}))
    qtbot.addWidget(dialog)
    assert dialog.editors.text() == ".txt = gedit" and dialog.editor.text() == ""
    dialog.editor.setText(" xed ")
    dialog.editors.setText(".txt = gedit; oops")
    dialog.accept()
    assert dialog.result_prefs is None and "Entry 2" in dialog.error.text() and dialog.error.isVisibleTo(dialog)
    dialog.editors.setText(".txt .md = gedit %f")
    dialog.upload_edited.setChecked(True)
    dialog.accept()
    prefs = dialog.result_prefs
    assert prefs.editor_command == "xed" and prefs.upload_edited_without_asking
    assert prefs.editor_by_extension == {".txt": "gedit %f", ".md": "gedit %f"}


def test_an_edit_goes_back_only_to_the_server_it_came_from(qtbot, window, srv, editor):
    w = window
    connect(qtbot, w, srv, editor[0], without_asking=False)
    select(w, "a.txt")
    w.remote_edit.act_edit.trigger()
    box = question(qtbot, w, "was saved")
    w.disconnect_server()
    box.yes_button.click()
    assert "/a.txt was not uploaded: connect to" in w.log.lines[-1][1]
    (edited,) = w.remote_edit.edited.values()
    assert edited.changed and not edited.busy  # kept: the next save asks again
    assert "STOR" not in srv.record.verbs()


class Opener(QObject):
    """The system's opener, as Qt lets a program take it over for a scheme: the files handed to it."""

    def __init__(self) -> None:
        super().__init__()
        self.opened: list = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.opened.append(url.toLocalFile())


@pytest.fixture
def opener():
    handler = Opener()
    QDesktopServices.setUrlHandler("file", handler, "open")
    yield handler
    QDesktopServices.unsetUrlHandler("file")


def test_a_program_from_the_server_is_opened_by_the_system_only_when_the_person_says_so(qtbot, window, srv, opener):
    """Found by QA: with no editor chosen, View and Edit hand the copy to the system's opener, which runs a
    program rather than showing it (Windows runs setup.exe or a .bat, macOS a .command): a server could have a
    program run by anyone who viewed a file. FileZilla asks first ("Dangerous filetype"); so does ftpgui."""
    w = window
    for name, data in (("setup.exe", b"MZ"), ("install.bat.", b"@echo off\r\n")):
        with open(srv.path(name), "wb") as f:
            f.write(data)
    connect(qtbot, w, srv, "", without_asking=True)  # no editor: the system's opener
    for name in ("setup.exe", "install.bat."):
        select(w, name)
        w.remote_edit.act_view.trigger()
        box = question(qtbot, w, f"{name} is a kind of file")
        assert "Open it anyway?" in box.text() and box.defaultButton() is box.button(QMessageBox.StandardButton.Cancel)
        box.button(QMessageBox.StandardButton.Cancel).click()
    assert "RETR" not in srv.record.verbs() and opener.opened == []
    select(w, "a.txt")  # a text file goes straight to the opener
    w.remote_edit.act_view.trigger()
    qtbot.waitUntil(lambda: len(opener.opened) == 1, timeout=WAIT)
    assert opener.opened[0].endswith("/a.txt")
    select(w, "setup.exe")
    w.remote_edit.act_edit.trigger()
    question(qtbot, w, "setup.exe is a kind of file").yes_button.click()  # Open Anyway
    qtbot.waitUntil(lambda: len(opener.opened) == 2, timeout=WAIT)
    idle(qtbot, w)
    assert opener.opened[1].endswith("/setup.exe") and srv.record.verbs().count("RETR") == 2
