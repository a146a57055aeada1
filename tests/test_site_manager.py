"""The site manager dialog, driven with pytest-qt: create, edit, validate, connect, import, export, delete."""

from __future__ import annotations

import base64
import json
import os
import threading

import keyring
import pytest
from PySide6.QtCore import QCoreApplication, QModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QDialog, QLabel, QLineEdit, QMessageBox

from ftpgui.ftp import SessionOptions
from ftpgui.sites.passwords import SERVICE, PasswordStore
from ftpgui.sites.store import RecentServer, Site, SiteStore
from ftpgui.transfers.worker import Connection
from ftpgui.ui.site_manager import SiteManagerDialog
from ftpgui.ui.site_model import KIND_ROLE, MIME_TYPE, SiteTreeModel
from ftpgui.ui.site_passwords import site_password_prompt

from ftpserver import PASSWORD, USER
from memkeyring import MemoryKeyring, memory_keyring  # noqa: F401 (fixture)

pytestmark = [pytest.mark.gui, pytest.mark.usefixtures("config")]  # (each test: a config folder of its own)
SCREENS = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "build", "screens")


@pytest.fixture
def passwords(memory_keyring):  # noqa: F811
    return PasswordStore()


@pytest.fixture
def store():
    s = SiteStore()  # as the app makes it (build_window): the site manager deletes passwords, not the store
    s.load()
    return s


def open_dialog(qtbot, store, passwords) -> SiteManagerDialog:
    dialog = SiteManagerDialog(store, passwords)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    settle(qtbot, dialog)
    return dialog


def settle(qtbot, dialog) -> None:
    """Wait for the dialog's off-thread work (keyring, files) to come back."""
    qtbot.waitUntil(lambda: all(call.finished for call in dialog.calls))


def type_into(qtbot, widget: QLineEdit, text: str) -> None:
    widget.selectAll()
    qtbot.keyClick(widget, Qt.Key.Key_Delete)
    qtbot.keyClicks(widget, text)


def never_on_gui_thread(backend: MemoryKeyring) -> None:
    assert backend.threads, "the keyring was never used"
    assert threading.main_thread().name not in backend.threads


def save_screen(widget, name: str) -> str:
    os.makedirs(SCREENS, exist_ok=True)
    path = os.path.join(SCREENS, name)
    for _ in range(3):  # let pending layout requests (a label that grew) settle before the picture
        QCoreApplication.processEvents()
    assert widget.grab().save(path)
    return path


# --- create, validate, edit -----------------------------------------------------------------------------
def test_create_a_site_with_validation_messages(qtbot, store, passwords, memory_keyring, config):  # noqa: F811
    dialog = open_dialog(qtbot, store, passwords)
    qtbot.mouseClick(dialog.new_site_button, Qt.MouseButton.LeftButton)
    site = dialog.current_site()
    assert site is not None and site.name == "New site"
    problems = dialog.problems.text()
    assert "host name" in problems and "user name" in problems
    assert dialog.problems.textFormat() == Qt.TextFormat.PlainText

    type_into(qtbot, dialog.host, "127.0.0.1")
    type_into(qtbot, dialog.port, "70000")
    assert "port must be a number from 1 to 65535" in dialog.problems.text()
    type_into(qtbot, dialog.port, "abc")
    assert "port must be" in dialog.problems.text()
    dialog.encoding.setEditText("no-such-codec")
    assert "“no-such-codec” is not an encoding" in dialog.problems.text()
    save_screen(dialog, "site_manager_validation.png")

    # OK refuses while anything is wrong, and says which site
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.result() != QDialog.DialogCode.Accepted and dialog.isVisible()
    assert "cannot be saved yet" in dialog.status.text()
    assert not (config / "sites.json").exists()

    type_into(qtbot, dialog.port, "2121")
    dialog.encoding.setCurrentIndex(dialog.encoding.findData("gbk"))
    type_into(qtbot, dialog.name, "My server")
    type_into(qtbot, dialog.user, "alice")
    type_into(qtbot, dialog.password, "typed-secret")
    dialog.mode.setCurrentIndex(dialog.mode.findData("active"))
    dialog.connections.setValue(4)
    dialog.offset_hours.setValue(-1)
    dialog.offset_minutes.setValue(-30)
    type_into(qtbot, dialog.remote_dir, "/pub")
    assert dialog.problems.text() == ""
    assert dialog.model.data(dialog.tree.currentIndex()) == "My server"

    with qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    saved = json.loads((config / "sites.json").read_text("utf-8"))
    (row,) = saved["sites"]
    assert (row["name"], row["host"], row["port"], row["user"], row["mode"]) == (
        "My server",
        "127.0.0.1",
        2121,
        "alice",
        "active",
    )
    assert (row["encoding"], row["connections"], row["time_offset_minutes"], row["remote_dir"]) == (
        "gbk",
        4,
        -90,
        "/pub",
    )
    assert "typed-secret" not in (config / "sites.json").read_text("utf-8")
    assert memory_keyring.entries == {(SERVICE, row["id"]): "typed-secret"}
    never_on_gui_thread(memory_keyring)


def test_edit_an_existing_site_and_replace_its_password(qtbot, store, passwords, memory_keyring):  # noqa: F811
    store.add(Site(id="s1", name="Old", host="old.example", user="bob", folder="Work"))
    memory_keyring.entries[(SERVICE, "s1")] = "old-secret"
    dialog = open_dialog(qtbot, store, passwords)
    dialog.select("site", "s1")
    assert dialog.host.text() == "old.example"
    assert dialog.password.text() == ""  # never read into the form
    assert "keyring" in dialog.password.placeholderText()
    type_into(qtbot, dialog.host, "new.example")
    dialog.protocol.setCurrentIndex(dialog.protocol.findData("ftps"))
    assert dialog.port.text() == "990"  # implicit TLS's port
    dialog.protocol.setCurrentIndex(dialog.protocol.findData("ftp"))
    assert dialog.port.text() == "21"
    with qtbot.waitSignal(dialog.accepted):
        dialog.save_and_close()
    assert store.get("s1").host == "new.example"
    assert memory_keyring.entries[(SERVICE, "s1")] == "old-secret"  # untouched: nothing typed

    dialog = open_dialog(qtbot, store, passwords)
    dialog.select("site", "s1")
    type_into(qtbot, dialog.password, "new-secret")
    dialog.logon.setCurrentIndex(dialog.logon.findData("normal"))
    with qtbot.waitSignal(dialog.accepted):
        dialog.save_and_close()
    assert memory_keyring.entries[(SERVICE, "s1")] == "new-secret"

    # switching to "ask for password" forgets the saved one
    dialog = open_dialog(qtbot, store, passwords)
    dialog.select("site", "s1")
    dialog.logon.setCurrentIndex(dialog.logon.findData("ask"))
    assert not dialog.password.isEnabled()
    with qtbot.waitSignal(dialog.accepted):
        dialog.save_and_close()
    assert memory_keyring.entries == {}


def test_cancel_forgets_every_change(qtbot, store, passwords, memory_keyring, config):  # noqa: F811
    store.add(Site(id="s1", name="Keep", host="h", user="u"))
    memory_keyring.entries[(SERVICE, "s1")] = "kept"
    dialog = open_dialog(qtbot, store, passwords)
    dialog.select("site", "s1")
    type_into(qtbot, dialog.host, "changed")
    qtbot.mouseClick(dialog.delete_button, Qt.MouseButton.LeftButton)
    dialog.prompt.yes_button.click()
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert store.get("s1").host == "h"
    assert memory_keyring.entries == {(SERVICE, "s1"): "kept"}
    assert not (config / "sites.json").exists()


# --- delete ---------------------------------------------------------------------------------------------
def test_delete_a_site_and_a_folder_removes_their_keyring_entries(qtbot, store, passwords, memory_keyring):  # noqa: F811
    store.add(Site(id="a", name="A", host="h", user="u"))
    store.add(Site(id="b", name="B", host="h", user="u", folder="Old/Deep"))
    store.add(Site(id="c", name="C", host="h", user="u", folder="Other"))
    for id in "abc":
        memory_keyring.entries[(SERVICE, id)] = f"pw-{id}"
    dialog = open_dialog(qtbot, store, passwords)
    dialog.select("site", "a")
    qtbot.mouseClick(dialog.delete_button, Qt.MouseButton.LeftButton)
    dialog.prompt.yes_button.click()
    dialog.select("folder", "Old")
    qtbot.mouseClick(dialog.delete_button, Qt.MouseButton.LeftButton)
    dialog.prompt.yes_button.click()
    assert len(memory_keyring.entries) == 3  # nothing is final before OK
    memory_keyring.threads.clear()
    with qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert [s.id for s in store.sites()] == ["c"]
    assert store.folders() == ["Other"]
    qtbot.waitUntil(lambda: memory_keyring.entries == {(SERVICE, "c"): "pw-c"})
    never_on_gui_thread(memory_keyring)
    again = SiteStore()
    again.load()
    assert [s.id for s in again.sites()] == ["c"]


# --- folders, rename, duplicate, drag to refile ---------------------------------------------------------
def tree_names(dialog) -> list:
    """Every row of the site tree, folders and sites, depth first."""
    names = []

    def walk(parent):
        for row in range(dialog.model.rowCount(parent)):
            index = dialog.model.index(row, 0, parent)
            names.append(index.data())
            walk(index)

    walk(QModelIndex())
    return names


def test_delete_asks_first_naming_the_site_or_the_folder_and_its_sites(qtbot, store, passwords, memory_keyring):  # noqa: F811
    """FileZilla asks "Really delete …?"; the question names the site, or the folder and how many sites go with
    it; its Cancel deletes nothing, and the Site Manager's Cancel still brings back what was deleted."""
    store.add(Site(id="a", name="Alpha", host="h", user="u"))
    store.add(Site(id="b", name="Beta", host="h", user="u", folder="Old/Deep"))
    store.add(Site(id="c", name="Gamma", host="h", user="u", folder="Old"))
    store.add_folder("Empty")
    dialog = open_dialog(qtbot, store, passwords)
    dialog.select("site", "a")
    qtbot.mouseClick(dialog.delete_button, Qt.MouseButton.LeftButton)
    question = dialog.prompt
    assert question is not None and question.isVisible()
    assert question.text().splitlines() == [
        "Delete the site “Alpha”?",
        "It is deleted when you click OK or Connect in the Site Manager; its Cancel brings it back.",
    ]
    save_screen(question, "site-manager-delete-en.png")
    question.button(QMessageBox.StandardButton.Cancel).click()  # not deleted
    assert dialog.prompt is None and "Alpha" in tree_names(dialog)
    dialog.activateWindow()  # (back from the question: the tree's shortcut needs its window active)
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.tree.setFocus()
    qtbot.keyClick(dialog.tree, Qt.Key.Key_Delete)  # the tree's Delete key asks too
    assert dialog.prompt.text().startswith("Delete the site “Alpha”?")
    dialog.prompt.yes_button.click()
    assert "Alpha" not in tree_names(dialog)
    dialog.select("folder", "Old")
    qtbot.mouseClick(dialog.delete_button, Qt.MouseButton.LeftButton)
    assert dialog.prompt.text().splitlines()[0] == "Delete the folder “Old” and the 2 sites in it?"
    dialog.prompt.yes_button.click()
    dialog.select("folder", "Empty")
    qtbot.mouseClick(dialog.delete_button, Qt.MouseButton.LeftButton)
    assert dialog.prompt.text().splitlines()[0] == "Delete the folder “Empty”?"
    dialog.prompt.yes_button.click()
    assert tree_names(dialog) == []
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)  # the Site Manager's Cancel: all back
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert sorted(s.name for s in store.sites()) == ["Alpha", "Beta", "Gamma"]
    assert sorted(store.folders()) == ["Empty", "Old", "Old/Deep"]


def test_the_delete_question_in_chinese(qtbot, store, passwords, memory_keyring, chinese):  # noqa: F811
    """Each Delete question quotes the name, as the server file's Delete does (note 361), and ends in a
    full-width question mark (by QA: "删除站点 Slow?", design note 366)."""
    store.add(Site(id="b", name="Beta", host="h", user="u", folder="Old"))
    store.add(Site(id="s", name="Slow", host="h", user="u", folder="Two"))
    store.add(Site(id="t", name="Tiny", host="h", user="u", folder="Two"))
    store.add_folder("Empty")
    dialog = open_dialog(qtbot, store, passwords)
    dialog.select("folder", "Old")
    qtbot.mouseClick(dialog.delete_button, Qt.MouseButton.LeftButton)
    assert dialog.prompt.text().splitlines() == [
        "要删除文件夹“Old”及其中的站点吗？",
        "在站点管理器中点击“确定”或“连接”时才会删除；点击站点管理器的“取消”可以恢复。",
    ]
    assert dialog.prompt.yes_button.text() == "删除"
    save_screen(dialog.prompt, "site-manager-delete-zh.png")
    dialog.prompt.button(QMessageBox.StandardButton.Cancel).click()
    for kind, key, said in [
        ("site", "s", "要删除站点“Slow”吗？"),
        ("folder", "Two", "要删除文件夹“Two”及其中的 2 个站点吗？"),
        ("folder", "Empty", "要删除文件夹“Empty”吗？"),
    ]:
        dialog.select(kind, key)
        qtbot.mouseClick(dialog.delete_button, Qt.MouseButton.LeftButton)
        assert dialog.prompt.text().splitlines()[0] == said
        assert "?" not in dialog.prompt.text()
        if kind == "site":
            save_screen(dialog.prompt, "site-manager-delete-site-zh.png")
        dialog.prompt.button(QMessageBox.StandardButton.Cancel).click()


def test_folders_rename_duplicate_and_drag_to_refile(qtbot, store, passwords, memory_keyring):  # noqa: F811
    store.add(Site(id="s1", name="Site", host="h", user="u"))
    memory_keyring.entries[(SERVICE, "s1")] = "original-pw"
    dialog = open_dialog(qtbot, store, passwords)
    model = dialog.model
    folder = dialog.new_folder()
    assert folder == "New folder"
    assert dialog.tree.state() == QAbstractItemView.State.EditingState  # the name is ready to type
    editor = dialog.tree.viewport().findChild(QLineEdit)
    assert editor is not None and editor.text() == "New folder"
    editor.selectAll()
    qtbot.keyClicks(editor, "Clients")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.working.folders() == ["Clients"])  # the delegate commits on a queued call
    assert not model.setData(model.index_of("folder", "Clients"), "a/b")
    assert "may not be empty" in dialog.status.text()

    # drag the site onto the folder: what the tree view does with the mime data it dragged
    data = model.mimeData([model.index_of("site", "s1")])
    assert data.hasFormat(MIME_TYPE)
    target = model.index_of("folder", "Clients")
    assert model.canDropMimeData(data, Qt.DropAction.MoveAction, -1, 0, target)
    assert not model.canDropMimeData(data, Qt.DropAction.MoveAction, -1, 0, model.index_of("site", "s1"))
    assert model.dropMimeData(data, Qt.DropAction.MoveAction, -1, 0, target)
    assert dialog.working.get("s1").folder == "Clients"
    parent = model.index_of("site", "s1").parent()
    assert model.data(parent) == "Clients" and model.data(parent, KIND_ROLE) == "folder"

    # a folder into another folder, never into itself
    dialog.tree.setCurrentIndex(model.index(0, 0))
    dialog.select("folder", "Clients")
    dialog.tree.setCurrentIndex(model.index_of("folder", "Clients"))
    dialog.new_folder()
    dialog.tree.closePersistentEditor(dialog.tree.currentIndex())
    assert "Clients/New folder" in dialog.working.folders()
    into_self = model.mimeData([model.index_of("folder", "Clients")])
    assert not model.dropMimeData(
        into_self, Qt.DropAction.MoveAction, -1, 0, model.index_of("folder", "Clients/New folder")
    )
    out = model.mimeData([model.index_of("folder", "Clients/New folder")])
    assert model.dropMimeData(out, Qt.DropAction.MoveAction, -1, 0, model.index(-1, 0))  # to the top level
    assert sorted(dialog.working.folders()) == ["Clients", "New folder"]

    dialog.select("site", "s1")
    copy = dialog.duplicate()
    assert copy.name == "Site 2" and copy.folder == "Clients" and copy.id != "s1"
    with qtbot.waitSignal(dialog.accepted):
        dialog.save_and_close()
    assert memory_keyring.entries[(SERVICE, copy.id)] == "original-pw"  # copied inside the keyring
    assert store.get(copy.id).host == "h"


def test_tree_model_passes_the_model_tester(qapp, qtmodeltester, store):
    # (qapp: the model's icons come from the application's style — with no QApplication made yet, as when this
    # test ran alone, QApplication.style() was None and the tester's construction failed with a SystemError)
    store.add(Site(id="a", name="A", host="h", folder="X/Y"))
    store.add(Site(id="b", name="B", host="h"))
    store.add_folder("Empty")
    model = SiteTreeModel(store)
    qtmodeltester.check(model)
    assert model.rowCount() == 3  # Empty, X (folders first), then B


# --- connect --------------------------------------------------------------------------------------------
def test_connect_fetches_the_password_off_thread_and_opens_a_real_session(
    qtbot,
    store,
    passwords,
    memory_keyring,  # noqa: F811
    make_server,
):
    server = make_server("127.0.0.1")
    with open(os.path.join(server.root, "file.txt"), "w") as f:
        f.write("x")
    store.add(Site(id="s1", name="Local", host="127.0.0.1", port=server.port, user=USER, mode="active"))
    memory_keyring.entries[(SERVICE, "s1")] = PASSWORD
    dialog = open_dialog(qtbot, store, passwords)
    dialog.select("site", "s1")
    memory_keyring.threads.clear()
    with qtbot.waitSignal(dialog.connectRequested) as sig:
        qtbot.mouseClick(dialog.connect_button, Qt.MouseButton.LeftButton)
    site, password = sig.args
    assert isinstance(site, Site) and site.id == "s1" and password == PASSWORD
    assert dialog.result() == QDialog.DialogCode.Accepted
    never_on_gui_thread(memory_keyring)

    conn = Connection(site.endpoint(password), site.session_options(SessionOptions(mode="passive", timeout=20)))
    try:
        with qtbot.waitSignal(conn.jobDone, timeout=60000) as done:
            conn.submit(lambda s: sorted(e.name for e in s.listdir("/")))
        assert done.args[1] == ["file.txt"]
        assert "PORT" in server.record.verbs() or "EPRT" in server.record.verbs()  # the site's mode: active
        assert f"USER {USER}" in server.record.commands
    finally:
        with qtbot.waitSignal(conn.closed, timeout=60000):
            conn.close()
        conn.wait()


def test_a_site_whose_password_is_not_kept_is_handed_to_the_window_without_one(qtbot, store, passwords, memory_keyring):  # noqa: F811
    # the dialog asked for the password itself, before the window met the server — its certificate came after
    # the password (design note 199): now the window asks, once it has met the server (site_password_prompt)
    store.add(Site(id="s1", name="Asks", host="h", user="u", logon="ask"))
    store.add(Site(id="s2", name="Nothing kept", host="h", user="u"))
    for site_id in ("s1", "s2"):
        dialog = open_dialog(qtbot, store, passwords)
        dialog.select("site", site_id)
        with qtbot.waitSignal(dialog.connectRequested) as sig:
            qtbot.mouseClick(dialog.connect_button, Qt.MouseButton.LeftButton)
        assert sig.args[0].id == site_id and sig.args[1] is None
        assert dialog.result() == QDialog.DialogCode.Accepted and not dialog.findChildren(QDialog)


def prompt_for(qtbot, site, passwords, name: str = ""):
    """The window's question for ``site``'s password (``site_password_prompt``), opened; what it connected
    with and what the keyring refused are in ``prompt.answers`` and ``prompt.refusals``."""
    answers, refusals = [], []
    prompt = site_password_prompt(site, passwords, None, answers.append, refusals.append)
    prompt.answers, prompt.refusals = answers, refusals
    qtbot.addWidget(prompt)
    prompt.show()
    qtbot.waitExposed(prompt)
    if name:
        save_screen(prompt, name)
    return prompt


def test_the_site_prompt_remembers_until_the_app_closes(qtbot, passwords, memory_keyring):  # noqa: F811
    prompt = prompt_for(qtbot, Site(id="s1", name="Asks", host="h", user="u", logon="ask"), passwords)
    assert not prompt.save.isVisible()  # "ask" never saves
    qtbot.keyClicks(prompt.password, "asked-pw")
    prompt.remember.setChecked(True)
    save_screen(prompt, "site_manager_password_prompt.png")
    prompt.accept()
    assert prompt.answers == ["asked-pw"]
    assert memory_keyring.entries == {}
    assert passwords.get("s1") == "asked-pw"  # from memory, for this run only


def test_locked_keyring_is_said_once_and_the_password_asked(qtbot, store, passwords, memory_keyring):  # noqa: F811
    store.add(Site(id="s1", name="Locked", host="h", user="u"))
    memory_keyring.locked = True
    dialog = open_dialog(qtbot, store, passwords)
    dialog.select("site", "s1")
    with qtbot.waitSignal(dialog.connectRequested) as sig:
        qtbot.mouseClick(dialog.connect_button, Qt.MouseButton.LeftButton)
    assert sig.args[1] is None  # asked for by the window, which says why it cannot be saved
    assert "locked" in dialog.notice.text()
    prompt = prompt_for(qtbot, sig.args[0], passwords, "site_password_prompt_locked_keyring.png")
    assert not prompt.save.isVisible()
    assert "The password cannot be saved: the system keyring is locked." in labels(prompt)
    qtbot.keyClicks(prompt.password, "typed-now")
    prompt.accept()
    assert prompt.answers == ["typed-now"] and memory_keyring.entries == {}
    # a second time: the notice is not repeated
    second = open_dialog(qtbot, store, passwords)
    second.select("site", "s1")
    with qtbot.waitSignal(second.connectRequested):
        qtbot.mouseClick(second.connect_button, Qt.MouseButton.LeftButton)
    assert not second.notice.isVisible()


def labels(widget) -> str:
    return " ".join(label.text() for label in widget.findChildren(QLabel) if label.isVisible())


def test_no_usable_keyring_disables_saving(qtbot, store, memory_keyring, config):  # noqa: F811
    from keyrings.alt.file import PlaintextKeyring

    keyring.set_keyring(PlaintextKeyring())
    passwords = PasswordStore()
    store.passwords = passwords
    store.add(Site(id="s1", name="S", host="h", user="u"))
    dialog = open_dialog(qtbot, store, passwords)
    dialog.select("site", "s1")
    assert dialog.keyring_ok is False
    assert dialog.notice.isVisible() and "plain-text file" in dialog.notice.text()
    assert not dialog.password.isEnabled() and "No usable keyring" in dialog.password.placeholderText()
    save_screen(dialog, "site_manager_no_keyring.png")
    with qtbot.waitSignal(dialog.connectRequested) as sig:
        qtbot.mouseClick(dialog.connect_button, Qt.MouseButton.LeftButton)
    prompt = prompt_for(qtbot, sig.args[0], passwords)
    assert not prompt.save.isVisible() and prompt.remember.isVisible() and "plain-text file" in labels(prompt)
    prompt.reject()
    assert prompt.answers == []


# --- import, export, recent -----------------------------------------------------------------------------
def filezilla_file(path, password: str) -> str:
    encoded = base64.b64encode(password.encode("utf-8")).decode("ascii")
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?><FileZilla3 version="3.66.4"><Servers>'
        '<Folder expanded="1">Work<Server><Host>ftp.example.com</Host><Port>21</Port><Protocol>4</Protocol>'
        f'<Logontype>1</Logontype><User>bob</User><Pass encoding="base64">{encoded}</Pass>'
        "<Name>&lt;b&gt;Bold site</Name></Server></Folder>"
        "<Server><Host>sftp.example.com</Host><Protocol>1</Protocol><Name>Shell box</Name></Server>"
        "</Servers></FileZilla3>",
        "utf-8",
    )
    return str(path)


def test_import_from_filezilla_puts_passwords_in_the_keyring(qtbot, store, passwords, memory_keyring, tmp_path):  # noqa: F811
    path = filezilla_file(tmp_path / "sitemanager.xml", "imported-pw")
    dialog = open_dialog(qtbot, store, passwords)
    dialog.import_filezilla(path)
    settle(qtbot, dialog)
    (site,) = dialog.working.sites()
    assert site.folder == "Imported from FileZilla/Work" and site.protocol == "ftpes"
    assert site.name == "<b>Bold site"
    status = dialog.status.text()
    assert "Sites imported: 1; skipped: 1." in status
    assert "Passwords to save in the system keyring when you press OK or Connect: 1." in status
    assert "Skipped “Shell box”: SFTP is not FTP" in status
    assert dialog.status.textFormat() == Qt.TextFormat.PlainText
    save_screen(dialog, "site_manager_imported.png")
    assert memory_keyring.entries == {}  # not before OK
    with qtbot.waitSignal(dialog.accepted):
        dialog.save_and_close()
    assert memory_keyring.entries == {(SERVICE, site.id): "imported-pw"}

    dialog = open_dialog(qtbot, store, passwords)
    dialog.import_filezilla(str(tmp_path / "missing.xml"))
    settle(qtbot, dialog)
    assert "Nothing was imported: could not read" in dialog.status.text()


def test_a_crafted_filezilla_file_imports_in_words(qtbot, store, passwords, tmp_path):
    """Found by QA: folders nested a few thousand deep made the import fail with "maximum recursion depth
    exceeded" (a million deep is 32 MiB), and a file with a note for each of many sites listed every note in the
    dialog. Folders past 64 levels are skipped with what is in them, in words; the notes are counted after 50."""
    deep = 3000
    path = tmp_path / "sitemanager.xml"
    path.write_text(
        "<FileZilla3><Servers>"
        + "<Folder>level" * deep
        + "<Server><Name>Bottom</Name><Host>h</Host><User>u</User></Server>"
        + "</Folder>" * deep
        + "".join(
            f"<Server><Name>S{i}</Name><Host>h</Host><User>u</User><Port>99999</Port></Server>" for i in range(80)
        )
        + "</Servers></FileZilla3>",
        "utf-8",
    )
    dialog = open_dialog(qtbot, store, passwords)
    dialog.import_filezilla(str(path))
    settle(qtbot, dialog)
    status = dialog.status.text()
    assert "Sites imported: 80; skipped: 1." in status and "Passwords" not in status
    assert "a folder more than 64 folders deep; skipped with everything in it" in status
    assert "Bottom" not in {s.name for s in dialog.working.sites()}
    assert max(f.count("/") for f in dialog.working.folders()) == 64  # "Imported from FileZilla" and 64 levels
    assert "“Imported from FileZilla/S0”: port 99999 is out of range; 21 used" in status
    assert status.count("is out of range") == 49 and status.endswith("…and 31 more notes like these.")


def test_an_export_of_many_sites_of_one_name_imports_without_looking_at_every_site_each_time(
    qtbot, store, passwords, tmp_path
):
    """Found by QA: each imported site looked at every site to find a free name, and counted up from "2" past
    every one taken: 8,000 sites of one name held the window for 30 s (a file of 100,000, for hours). Counted,
    not timed: the sites looked at grow with the number imported."""
    store.add(Site(id="s1", name="same", host="h", user="u"))
    n = 300
    path = tmp_path / "export.json"
    sites = [{"name": "same", "host": f"h{i}", "user": "u"} for i in range(n)]
    path.write_text(json.dumps({"version": 1, "format": "ftpgui-sites", "sites": sites}), "utf-8")
    dialog = open_dialog(qtbot, store, passwords)
    looked = []
    every = dialog.working.sites

    def counted():
        found = every()
        looked.extend(found)
        return found

    dialog.working.sites = counted
    dialog.import_export(str(path))
    settle(qtbot, dialog)
    assert dialog.status.text() == f"Sites imported: {n}."
    named = {s.host: s.name for s in every()}
    assert named["h"] == "same" and named["h0"] == "same 2" and named[f"h{n - 1}"] == f"same {n + 1}"
    assert len(set(named.values())) == n + 1
    assert len(looked) < 12 * n, len(looked)  # was about n * n / 2 (45,000 here)


def test_an_export_of_many_folders_imports_looking_at_the_sites_and_folders_once(qtbot, store, passwords, tmp_path):
    """Found in review: each folder of an export looked at every site and folder there was to find the names
    taken in it, and each folder added read the list of all folders: 5,000 folders of 3 sites held the window
    for 36 s. Counted, not timed: the whole store is read once for the names, and once for the tree."""
    store.add(Site(id="s1", name="site0", host="h", user="u", folder="team/f0"))
    n = 300
    folders = [f"team/f{i}" for i in range(n)]
    sites = [
        {"name": f"site{k}", "host": f"h{i}-{k}", "user": "u", "folder": folder}
        for i, folder in enumerate(folders)
        for k in range(3)
    ]
    sites.append({"name": "f1", "host": "x", "user": "u", "folder": "team"})  # a folder's name in its folder
    sites.append({"name": "new", "host": "y", "user": "u", "folder": "unlisted/deep"})  # a folder not listed
    path = tmp_path / "export.json"
    path.write_text(json.dumps({"version": 1, "format": "ftpgui-sites", "folders": folders, "sites": sites}), "utf-8")
    dialog = open_dialog(qtbot, store, passwords)
    reads = {"sites": 0, "folders": 0}
    for name in reads:
        every = getattr(dialog.working, name)

        def counted(every=every, name=name):
            reads[name] += 1
            return every()

        setattr(dialog.working, name, counted)
    dialog.import_export(str(path))
    settle(qtbot, dialog)
    assert dialog.status.text() == f"Sites imported: {3 * n + 2}."
    assert reads == {"sites": 2, "folders": 2}, reads  # the names, and the tree; was n + 1 each
    named = {s.host: (s.folder, s.name) for s in dialog.working.sites()}
    assert named["h"] == ("team/f0", "site0") and named["h0-0"] == ("team/f0", "site0 2")  # taken before
    assert named["h0-1"] == ("team/f0", "site1") and named[f"h{n - 1}-2"] == (f"team/f{n - 1}", "site2")
    assert named["x"] == ("team", "f1 2") and named["y"] == ("unlisted/deep", "new")
    assert len(dialog.working.folders()) == n + 3  # team, its n folders, unlisted and unlisted/deep


def test_the_import_button_opens_filezillas_own_file(qtbot, store, passwords, tmp_path, monkeypatch):
    home = tmp_path / "home"
    found = home / ".config" / "filezilla" / "sitemanager.xml"
    found.parent.mkdir(parents=True)
    filezilla_file(found, "x")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    dialog = open_dialog(qtbot, store, passwords)
    chooser = dialog.choose_filezilla_file()
    qtbot.waitUntil(chooser.isVisible)
    assert chooser.selectedFiles() == [str(found)]
    with qtbot.waitSignal(chooser.fileSelected):
        chooser.accept()
    settle(qtbot, dialog)
    assert len(dialog.working.sites()) == 1


@pytest.mark.parametrize("chooser", ["choose_filezilla_file", "choose_export_file"])
def test_an_import_with_no_file_found_opens_in_the_home_folder(qtbot, store, passwords, tmp_path, monkeypatch, chooser):
    """No FileZilla file found: the chooser opened in the process's working folder (the app's own folder when
    started from a clone; found by QA), not the person's home folder (design note 320)."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    monkeypatch.chdir(tmp_path)
    dialog = open_dialog(qtbot, store, passwords)
    shown = getattr(dialog, chooser)()
    qtbot.waitUntil(shown.isVisible)
    assert os.path.realpath(shown.directory().absolutePath()) == os.path.realpath(home)
    shown.reject()


def test_export_without_passwords(qtbot, store, passwords, memory_keyring, tmp_path):  # noqa: F811
    store.add(Site(id="s1", name="S", host="h", user="u", folder="F"))
    memory_keyring.entries[(SERVICE, "s1")] = "never-exported"
    dialog = open_dialog(qtbot, store, passwords)
    target = tmp_path / "out" / "sites.json"
    dialog.export_to(str(target))
    settle(qtbot, dialog)
    text = target.read_text("utf-8")
    assert json.loads(text)["sites"][0]["host"] == "h"
    assert "never-exported" not in text and "s1" not in text
    assert "(without passwords): 1." in dialog.status.text()


def test_recent_server_saved_as_a_site(qtbot, store, passwords):
    store.remember_recent("127.0.0.1", 2121, "alice")
    dialog = open_dialog(qtbot, store, passwords)
    assert dialog.recent_list.count() == 1 and dialog.recent_list.item(0).text() == "alice@127.0.0.1:2121"
    qtbot.mouseClick(dialog.save_recent_button, Qt.MouseButton.LeftButton)
    site = dialog.current_site()
    assert (site.name, site.host, site.port, site.user) == ("127.0.0.1", "127.0.0.1", 2121, "alice")
    assert dialog.host.text() == "127.0.0.1"
    with qtbot.waitSignal(dialog.accepted):
        dialog.save_and_close()
    assert store.recent() == [RecentServer("127.0.0.1", 2121, "alice")]
    assert [s.host for s in store.sites()] == ["127.0.0.1"]


def test_screens(qtbot, store, passwords):
    store.add(Site(id="a", name="Example", folder="Work/Clients", host="ftp.example.com", user="bob"))
    store.add(Site(id="b", name="中文站点", host="ftp.example.cn", user="li", encoding="gbk"))
    store.remember_recent("127.0.0.1", 2121, "alice")
    dialog = open_dialog(qtbot, store, passwords)
    dialog.select("site", "a")
    assert QCoreApplication.translate("SiteManagerDialog", "Site Manager") == dialog.windowTitle()
    save_screen(dialog, "site_manager.png")
    dialog.tabs.setCurrentIndex(1)
    save_screen(dialog, "site_manager_transfer.png")


def test_prompt_can_save_a_missing_password_in_the_keyring(qtbot, store, passwords, memory_keyring):  # noqa: F811
    store.add(Site(id="s1", name="No password yet", host="h", user="u"))
    dialog = open_dialog(qtbot, store, passwords)  # (it looks at the keyring: fit to save passwords)
    dialog.select("site", "s1")
    with qtbot.waitSignal(dialog.connectRequested) as sig:
        qtbot.mouseClick(dialog.connect_button, Qt.MouseButton.LeftButton)
    prompt = prompt_for(qtbot, sig.args[0], passwords)
    assert prompt.save.isVisible() and labels(prompt).startswith("Enter the password")  # (no reason said)
    qtbot.keyClicks(prompt.password, "saved-from-prompt")
    prompt.save.setChecked(True)
    memory_keyring.threads.clear()
    prompt.accept()
    assert prompt.answers == ["saved-from-prompt"]
    qtbot.waitUntil(lambda: memory_keyring.entries == {(SERVICE, "s1"): "saved-from-prompt"})
    never_on_gui_thread(memory_keyring)
    # a keyring that refuses to save it: said, and the password kept for the run instead
    memory_keyring.locked = True
    prompt = prompt_for(qtbot, sig.args[0], passwords)
    qtbot.keyClicks(prompt.password, "second")
    prompt.save.setChecked(True)
    prompt.accept()
    qtbot.waitUntil(lambda: len(prompt.refusals) == 1)
    assert prompt.refusals == [
        "The password for No password yet was not saved: the system keyring is locked. It is remembered until "
        "ftpgui closes."
    ]
    assert prompt.answers == ["second"]
    memory_keyring.locked = False
    assert passwords.get("s1") == "second"  # (from memory: the keyring still has the first)


def test_a_keyring_waiting_for_unlock_never_blocks_the_dialog(qtbot, store, passwords, memory_keyring):  # noqa: F811
    store.add(Site(id="s1", name="S", host="h", user="u"))
    memory_keyring.entries[(SERVICE, "s1")] = "behind-a-prompt"
    dialog = open_dialog(qtbot, store, passwords)
    dialog.select("site", "s1")
    memory_keyring.gate.clear()  # the keyring now waits, as behind an unlock prompt
    emitted = []
    dialog.connectRequested.connect(lambda *args: emitted.append(args))
    try:
        qtbot.mouseClick(dialog.connect_button, Qt.MouseButton.LeftButton)
        assert "Reading the password" in dialog.status.text()
        assert not dialog.connect_button.isEnabled() and dialog.cancel_button.isEnabled()
        qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)  # the GUI thread answers meanwhile
        assert dialog.result() == QDialog.DialogCode.Rejected
    finally:
        memory_keyring.gate.set()
    settle(qtbot, dialog)
    assert emitted == []  # the late answer is not acted on after Cancel


def test_without_a_usable_keyring_imported_passwords_stay_in_memory(qtbot, store, memory_keyring, tmp_path):  # noqa: F811
    from keyrings.alt.file import PlaintextKeyring

    plain = PlaintextKeyring()
    plain.file_path = str(tmp_path / "plaintext-keyring.cfg")
    keyring.set_keyring(plain)
    passwords = PasswordStore()
    dialog = open_dialog(qtbot, store, passwords)
    dialog.import_filezilla(filezilla_file(tmp_path / "sitemanager.xml", "only-in-memory"))
    settle(qtbot, dialog)
    with qtbot.waitSignal(dialog.accepted):
        dialog.save_and_close()
    (site,) = store.sites()
    assert passwords.get(site.id) == "only-in-memory"
    assert not os.path.exists(plain.file_path)
    with open(store.path, encoding="utf-8") as f:
        assert "only-in-memory" not in f.read()


def test_folders_stay_open_or_closed_across_changes(qtbot, store, passwords):
    store.add(Site(id="a", name="A", host="h", user="u", folder="Open"))
    store.add(Site(id="b", name="B", host="h", user="u", folder="Closed"))
    dialog = open_dialog(qtbot, store, passwords)
    tree, model = dialog.tree, dialog.model
    assert tree.isExpanded(model.index_of("folder", "Open"))  # everything open at first
    dialog.select("site", "a")
    tree.collapse(model.index_of("folder", "Closed"))
    assert dialog.new_site().folder == "Open"  # rebuilds the model
    assert tree.isExpanded(model.index_of("folder", "Open"))
    assert not tree.isExpanded(model.index_of("folder", "Closed"))


def test_dropping_on_the_tree_view_refiles(qtbot, store, passwords):
    """The view's own drop handling (what a mouse drag ends in) moves a site into the folder under the cursor."""
    from PySide6.QtCore import QPoint
    from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent

    store.add(Site(id="s1", name="Loose", host="h", user="u"))
    store.add_folder("Target")
    dialog = open_dialog(qtbot, store, passwords)
    tree, model = dialog.tree, dialog.model
    data = model.mimeData([model.index_of("site", "s1")])
    pos = tree.visualRect(model.index_of("folder", "Target")).center()
    move, buttons, none = Qt.DropAction.MoveAction, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    for event in (
        QDragEnterEvent(pos, move, data, buttons, none),
        QDragMoveEvent(pos, move, data, buttons, none),
        QDropEvent(pos.toPointF(), move, data, buttons, none),
    ):
        QCoreApplication.sendEvent(tree.viewport(), event)
    assert dialog.working.get("s1").folder == "Target"
    assert model.data(model.index_of("site", "s1").parent()) == "Target"
    # a drop of some other application's data is refused
    from PySide6.QtCore import QMimeData

    foreign = QMimeData()
    foreign.setText("s1")
    top = QPoint(5, tree.viewport().height() - 5)
    enter = QDragEnterEvent(top, move, foreign, buttons, none)
    QCoreApplication.sendEvent(tree.viewport(), enter)
    assert not enter.isAccepted()


def test_keyboard_delete_and_browse_for_the_local_folder(qtbot, store, passwords, tmp_path):
    store.add(Site(id="a", name="A", host="h", user="u"))
    store.add(Site(id="b", name="B", host="h", user="u"))
    dialog = open_dialog(qtbot, store, passwords)
    dialog.select("site", "b")
    local = tmp_path / "downloads"
    local.mkdir()
    chooser = dialog.choose_local_dir()
    qtbot.waitUntil(chooser.isVisible)
    chooser.setDirectory(str(tmp_path))
    chooser.selectFile(str(local))
    with qtbot.waitSignal(chooser.fileSelected):
        chooser.accept()
    assert dialog.working.get("b").local_dir == str(local)
    dialog.tree.setFocus()
    qtbot.keyClick(dialog.tree, Qt.Key.Key_Delete)
    dialog.prompt.yes_button.click()  # "Delete the site “B”?"
    assert [s.id for s in dialog.working.sites()] == ["a"]


def test_new_names_at_the_top_level_do_not_take_an_existing_folders(qtbot, store, passwords):
    dialog = open_dialog(qtbot, store, passwords)
    first = dialog.new_folder()
    dialog.tree.setCurrentIndex(dialog.tree.rootIndex())  # the top level again, not inside the new folder
    dialog.tree.clearSelection()
    second = dialog.new_folder()
    assert (first, second) == ("New folder", "New folder 2")
    assert sorted(dialog.working.folders()) == ["New folder", "New folder 2"]


def test_the_password_field_says_kept_only_when_the_keyring_holds_one(qtbot, store, passwords, memory_keyring):  # noqa: F811
    store.add(Site(id="s1", name="Saved", host="one.example", user="bob"))
    store.add(Site(id="s2", name="Nothing saved", host="two.example", user="amy"))
    memory_keyring.entries[(SERVICE, "s1")] = "secret"
    dialog = open_dialog(qtbot, store, passwords)
    dialog.select("site", "s2")
    settle(qtbot, dialog)
    assert "Kept" not in dialog.password.placeholderText()
    assert dialog.password.placeholderText() == "Will be kept in the system keyring"
    dialog.select("site", "s1")
    settle(qtbot, dialog)
    assert dialog.password.placeholderText() == "Kept in the system keyring; type to replace it"
    never_on_gui_thread(memory_keyring)


def rename_in_tree(qtbot, dialog, kind: str, key: str, name: str) -> None:
    """Rename as a person does: select, Rename, type the name, Return."""
    dialog.select(kind, key)
    qtbot.mouseClick(dialog.rename_button, Qt.MouseButton.LeftButton)
    editor = dialog.tree.viewport().findChild(QLineEdit)
    assert editor is not None
    editor.selectAll()
    qtbot.keyClicks(editor, name)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.tree.state() != QAbstractItemView.State.EditingState)
    QCoreApplication.processEvents()  # (the delegate commits on a queued call)


def test_a_refused_rename_is_not_still_said_after_a_rename_or_delete_that_worked(qtbot, store, passwords):
    store.add(Site(id="s1", name="Alpha", host="h", user="u"))
    store.add(Site(id="s2", name="Beta", host="h", user="u"))
    dialog = open_dialog(qtbot, store, passwords)
    refused = "A name may not be empty or contain '/'."
    rename_in_tree(qtbot, dialog, "site", "s1", "a/b")
    qtbot.waitUntil(lambda: dialog.status.text() == refused)
    rename_in_tree(qtbot, dialog, "site", "s1", "Gamma")
    qtbot.waitUntil(lambda: dialog.working.get("s1").name == "Gamma")
    assert dialog.status.text() == ""  # it said the refusal still, next to the name it had taken

    rename_in_tree(qtbot, dialog, "site", "s2", "x/y")
    qtbot.waitUntil(lambda: dialog.status.text() == refused)
    dialog.select("site", "s1")
    qtbot.mouseClick(dialog.delete_button, Qt.MouseButton.LeftButton)
    dialog.prompt.yes_button.click()
    assert dialog.working.get("s1") is None
    assert dialog.status.text() == ""

    rename_in_tree(qtbot, dialog, "site", "s2", "  ")  # (blank)
    qtbot.waitUntil(lambda: dialog.status.text() == refused)
    qtbot.mouseClick(dialog.new_site_button, Qt.MouseButton.LeftButton)
    assert dialog.status.text() == ""
