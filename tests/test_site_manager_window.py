"""The Site Manager opened from the main window, as a person uses it: what its password field says after a
Duplicate, and a site renamed while the window is connected to it (found by QA). Its keyring deletions
against a real Secret Service: tests/test_sites_secretservice.py."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from ftpgui.sites.passwords import SERVICE
from ftpgui.sites.store import Site, SiteStore
from ftpgui.ui.main_window import MainWindow
from ftpgui.ui.site_manager import SiteManagerDialog

from ftpserver import PASSWORD, USER
from guihelpers import WAIT, close_window, filled_server, names, wait_listing
from memkeyring import memory_keyring  # noqa: F401 (fixture)

pytestmark = pytest.mark.gui


@pytest.fixture
def store(tmp_path, monkeypatch, memory_keyring):  # noqa: F811
    monkeypatch.setenv("FTPGUI_CONFIG_DIR", str(tmp_path / "config"))
    s = SiteStore()  # as build_window makes it
    s.load()
    return s


def site_manager(qtbot, window: MainWindow) -> SiteManagerDialog:
    """Site ▸ Site Manager…, once its keyring calls have answered."""
    window.act_site_manager.trigger()
    dialog = window.prompt
    assert isinstance(dialog, SiteManagerDialog)
    qtbot.waitUntil(lambda: dialog.isVisible() and all(c.finished for c in dialog.calls), timeout=WAIT)
    return dialog


def window_with_site(qtbot, store: SiteStore, keyring, srv, name: str) -> MainWindow:
    """A shown window whose sites hold "s1", named ``name``: plain FTP to ``srv``, its password in ``keyring``."""
    store.add(Site(id="s1", name=name, protocol="ftp-plain", host=srv.host, port=srv.port, user=USER))
    keyring.entries[(SERVICE, "s1")] = PASSWORD
    window = MainWindow(store)
    window.show()
    qtbot.waitExposed(window)
    return window


def type_into(qtbot, field: QLineEdit, text: str) -> None:
    field.selectAll()
    qtbot.keyClick(field, Qt.Key.Key_Delete)
    qtbot.keyClicks(field, text)


def test_a_duplicates_password_field_says_the_originals_password_will_be_copied(qtbot, store, memory_keyring):  # noqa: F811
    """It said "Will be kept in the system keyring" - as for a site with no password saved - while OK copies
    the original's."""
    store.add(Site(id="s1", name="Work", host="one.example", user="bob"))
    store.add(Site(id="s2", name="Nothing saved", host="two.example", user="amy"))
    memory_keyring.entries[(SERVICE, "s1")] = "the-originals"
    window = MainWindow(store)
    qtbot.addWidget(window)
    window.show()
    dialog = site_manager(qtbot, window)
    dialog.select("site", "s1")
    qtbot.mouseClick(dialog.duplicate_button, Qt.MouseButton.LeftButton)
    copy = dialog.current_site()
    assert copy.name == "Work 2"
    qtbot.waitUntil(lambda: all(c.finished for c in dialog.calls), timeout=WAIT)
    assert dialog.password.text() == ""
    assert dialog.password.placeholderText() == "The password of “Work” will be copied; type to replace it"
    # a site whose keyring holds nothing: its copy says what any site without a password says
    dialog.select("site", "s2")
    qtbot.mouseClick(dialog.duplicate_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: all(c.finished for c in dialog.calls), timeout=WAIT)
    assert dialog.password.placeholderText() == "Will be kept in the system keyring"
    dialog.select("site", copy.id)
    assert "will be copied" in dialog.password.placeholderText()
    with qtbot.waitSignal(dialog.accepted, timeout=WAIT):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert memory_keyring.entries[(SERVICE, copy.id)] == "the-originals"  # what the field said
    window.close()


def test_renaming_the_connected_site_renames_its_tab_and_the_window_title(qtbot, store, memory_keyring, make_server):  # noqa: F811
    srv = filled_server(make_server)
    window = window_with_site(qtbot, store, memory_keyring, srv, "127.0.0.1")
    try:
        dialog = site_manager(qtbot, window)
        dialog.select("site", "s1")
        qtbot.mouseClick(dialog.connect_button, Qt.MouseButton.LeftButton)
        wait_listing(qtbot, window, "/")
        assert names(window) == ["sub", "a.txt", "b.bin"]
        assert window.windowTitle() == "ftpgui — 127.0.0.1" and window.tab_bar.tabText(0) == "127.0.0.1"

        dialog = site_manager(qtbot, window)
        dialog.select("site", "s1")
        type_into(qtbot, dialog.name, "Server One")
        with qtbot.waitSignal(dialog.accepted, timeout=WAIT):
            qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
        assert window.windowTitle() == "ftpgui — Server One"
        assert window.tab_bar.tabText(0) == "Server One"
        # a second tab shows the tab bar: the first tab says the new name there
        window.new_tab()
        assert window.tab_bar.isVisible() and window.tab_bar.tabText(0) == "Server One"
        assert window.windowTitle() == "ftpgui"
        window.next_tab()
        assert window.windowTitle() == "ftpgui — Server One"
        assert window.remote_browser.connected  # renaming did not touch the connection
        # a site renamed while the window is not connected to it leaves the tab alone
        window.disconnect_server()
        dialog = site_manager(qtbot, window)
        dialog.select("site", "s1")
        type_into(qtbot, dialog.name, "Server Two")
        with qtbot.waitSignal(dialog.accepted, timeout=WAIT):
            qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
        assert window.tab_bar.tabText(0) == "Not connected" and window.windowTitle() == "ftpgui"
    finally:
        close_window(qtbot, window)


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_the_delete_button_has_an_alt_letter_of_its_own(qtbot, store, memory_keyring, language, request):  # noqa: F811
    """Found by QA: the Site Manager's "Delete" had no Alt letter. It has one in English and Chinese ("删除(&D)"),
    no other button or field label shown in the dialog has it, and Alt+it asks to delete the selected site."""
    import re

    from PySide6.QtWidgets import QAbstractButton, QLabel

    if language == "zh_CN":
        request.getfixturevalue("chinese")

    def letter(text: str) -> str:
        found = re.search(r"&([^&])", text.replace("&&", ""))
        return found.group(1).lower() if found else ""

    store.add(Site(id="s1", name="Work", host="one.example", user="bob"))
    window = MainWindow(store)
    qtbot.addWidget(window)
    window.show()
    dialog = site_manager(qtbot, window)
    dialog.select("site", "s1")
    key = letter(dialog.delete_button.text())
    assert key, dialog.delete_button.text()
    shown = [b.text() for b in dialog.findChildren(QAbstractButton) if b.isVisible()]
    shown += [lab.text() for lab in dialog.findChildren(QLabel) if lab.buddy() is not None and lab.isVisible()]
    assert [t for t in shown if letter(t) == key] == [dialog.delete_button.text()]
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=WAIT)
    qtbot.keyClick(dialog, getattr(Qt.Key, f"Key_{key.upper()}"), Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: dialog.prompt is not None and dialog.prompt.isVisible(), timeout=WAIT)
    assert "Work" in dialog.prompt.text()
    dialog.prompt.reject()
    dialog.reject()
    window.close()


def alt_letter(text: str) -> str:
    """The Alt letter ``&`` marks in ``text`` ("" for none)."""
    import re

    found = re.search(r"&([^&])", text.replace("&&", ""))
    return found.group(1).lower() if found else ""


@pytest.mark.parametrize("language", ["en", "zh_CN"])
@pytest.mark.parametrize("which", ["new_site", "new_folder", "rename", "duplicate"])
def test_the_tree_buttons_have_alt_letters_of_their_own(qtbot, store, memory_keyring, language, which, request):  # noqa: F811
    """Found in review (design note 458): of the buttons under the Site Manager's tree only Delete had an Alt
    letter (note 416). Each of New site, New folder, Rename and Duplicate has one now, in English and in Chinese
    ("新站点(&S)"); on every tab of the dialog no two buttons or field labels shown share a letter; and Alt+the
    button's letter does what the button does (the real window's Site ▸ Site Manager…, a saved site selected)."""
    from PySide6.QtWidgets import QAbstractButton, QAbstractItemView, QLabel

    if language == "zh_CN":
        request.getfixturevalue("chinese")
    store.add(Site(id="s1", name="Work", host="one.example", user="bob"))
    window = MainWindow(store)
    qtbot.addWidget(window)
    window.show()
    dialog = site_manager(qtbot, window)
    dialog.select("site", "s1")
    for page in range(dialog.tabs.count()):
        dialog.tabs.setCurrentIndex(page)
        shown = [b.text() for b in dialog.findChildren(QAbstractButton) if b.isVisible()]
        shown += [lab.text() for lab in dialog.findChildren(QLabel) if lab.buddy() is not None and lab.isVisible()]
        letters = [alt_letter(t) for t in shown if alt_letter(t)]
        assert len(letters) == len(set(letters)), (dialog.tabs.tabText(page), shown)
    dialog.tabs.setCurrentIndex(0)
    button = getattr(dialog, f"{which}_button")
    key = alt_letter(button.text())
    assert key, button.text()
    if language == "zh_CN":
        assert button.text().endswith(f"(&{key.upper()})"), button.text()  # (the Chinese way: the letter after)
    sites, folders = len(dialog.working.sites()), len(dialog.working.folders())
    dialog.tree.setFocus()  # (the tree has the focus, as after a click on the site)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=WAIT)
    qtbot.keyClick(dialog, getattr(Qt.Key, f"Key_{key.upper()}"), Qt.KeyboardModifier.AltModifier)
    editing = QAbstractItemView.State.EditingState  # (a button's Alt letter clicks it as a click shows: soon)
    if which == "new_site":
        qtbot.waitUntil(lambda: len(dialog.working.sites()) == sites + 1, timeout=WAIT)
        assert dialog.current_site().name == dialog.tr("New site") and dialog.current_site().id != "s1"
    elif which == "new_folder":
        qtbot.waitUntil(lambda: len(dialog.working.folders()) == folders + 1, timeout=WAIT)
        assert dialog.tree.state() == editing  # (its name asked at once)
    elif which == "rename":
        qtbot.waitUntil(lambda: dialog.tree.state() == editing, timeout=WAIT)
        assert dialog.tree.currentIndex().data() == "Work" and len(dialog.working.sites()) == sites
    else:
        qtbot.waitUntil(lambda: len(dialog.working.sites()) == sites + 1, timeout=WAIT)
        assert dialog.current_site().name != "Work" and dialog.current_site().host == "one.example"
    dialog.reject()
    window.close()
