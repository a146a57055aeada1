"""Deleted sites' keyring entries the keyring refused to delete (design note 169): the file that remembers
them, and the window's side of it with the in-memory keyring — what a real Secret Service refusing does is in
tests/test_sites_secretservice.py."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import keyring
import pytest
from keyring.backends import fail
from PySide6.QtCore import Qt
from test_site_manager_window import site_manager, store  # noqa: F401 (a fixture, and Site ▸ Site Manager…)

from ftpgui.sites import leftovers
from ftpgui.sites.passwords import SERVICE
from ftpgui.sites.store import Site
from ftpgui.ui.main_window import MainWindow
from ftpgui.ui.site_manager import SiteManagerDialog

from guihelpers import WAIT
from memkeyring import memory_keyring  # noqa: F401 (fixture)


def delete_and_ok(qtbot, dialog: SiteManagerDialog, *site_ids: str) -> None:
    for site_id in site_ids:
        dialog.select("site", site_id)
        qtbot.mouseClick(dialog.delete_button, Qt.MouseButton.LeftButton)
        dialog.prompt.yes_button.click()
    with qtbot.waitSignal(dialog.accepted, timeout=WAIT):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)


def errors(window: MainWindow) -> list:
    return [text for kind, text in window.log.lines if kind == "error"]


# --- the file ---------------------------------------------------------------------------------------------
def test_the_file_keeps_names_only_privately_and_goes_when_empty(tmp_path):
    path = leftovers.path_beside(str(tmp_path / "sites.json"))
    assert path == str(tmp_path / "keyring-leftovers.json")
    leftovers.add(path, {"a1": "Work/One", "proxy:a1": "Work/One"})
    leftovers.add(path, {"b2": "Two"})
    assert json.loads(Path(path).read_text("utf-8")) == {
        "version": 1,
        "entries": {"a1": "Work/One", "proxy:a1": "Work/One", "b2": "Two"},
    }
    if os.name == "posix":
        assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert leftovers.forget(path, ["a1", "proxy:a1"]) == {"b2": "Two"}
    assert leftovers.sites_named({"a1": "One", "proxy:a1": "One", "b2": "Two"}) == ["One", "Two"]
    assert leftovers.still_wanted({"a1": "One", "proxy:a1": "One", "b2": "Two"}, ["a1"]) == ["a1", "proxy:a1"]
    leftovers.forget(path, ["b2"])
    assert not os.path.exists(path)
    assert leftovers.load(path) == {}


@pytest.mark.parametrize(
    "content",
    [b"{not json", b"[]", b'{"version": 2, "entries": {"a": "b"}}', b'{"version": 1, "entries": ["a"]}', b"\xff"],
)
def test_a_damaged_or_foreign_file_reads_as_nothing_to_delete(tmp_path, content):
    path = tmp_path / "keyring-leftovers.json"
    path.write_bytes(content)
    assert leftovers.load(str(path)) == {}


def test_a_huge_file_is_read_up_to_its_bound_and_odd_entries_are_left_out(tmp_path):
    path = tmp_path / "keyring-leftovers.json"
    entries = {f"id{i}": f"Site {i}" for i in range(leftovers.MAX_ENTRIES + 500)}
    entries.update({"": "empty", "x" * 2000: "long", "n": 5})
    path.write_text(json.dumps({"version": 1, "entries": {"odd": ["list"], **entries}}), "utf-8")
    kept = leftovers.load(str(path))
    assert len(kept) == leftovers.MAX_ENTRIES and "odd" not in kept and "" not in kept


# --- the window -------------------------------------------------------------------------------------------
@pytest.mark.gui
def test_many_sites_refused_are_named_three_and_counted(qtbot, store, memory_keyring):  # noqa: F811
    for i in range(5):
        store.add(Site(id=f"s{i}", name=f"Site {i}", host="one.example", user="bob"))
        memory_keyring.entries[(SERVICE, f"s{i}")] = f"pw{i}"
    window = MainWindow(store)
    qtbot.addWidget(window)
    window.show()
    dialog = site_manager(qtbot, window)
    memory_keyring.locked = True
    delete_and_ok(qtbot, dialog, *(f"s{i}" for i in range(5)))
    assert errors(window) == [
        "The system keyring did not delete the passwords of deleted sites (“Site 0”, “Site 1”, “Site 2” and 2 "
        "more): the system keyring is locked. They may still be stored there. ftpgui will try again when you next "
        "open the Site Manager."
    ]
    assert len(window.keyring_leftovers.entries()) == 10  # each site's own and its proxy's
    memory_keyring.locked = False
    site_manager(qtbot, window).reject()
    assert window.log.lines[-1] == (
        "status",
        "Deleted from the system keyring: the passwords of deleted sites (“Site 0”, “Site 1”, “Site 2” and 2 more).",
    )
    assert memory_keyring.entries == {} and window.keyring_leftovers.entries() == {}
    window.close()


@pytest.mark.gui
def test_an_entry_whose_site_is_saved_again_is_forgotten_not_deleted(qtbot, store, memory_keyring):  # noqa: F811
    """A sites file put back from a backup has the deleted site again, its password in the keyring: that
    password is the site's now, and a retry must not take it."""
    store.add(Site(id="back", name="Back again", host="one.example", user="bob"))
    store.save()
    memory_keyring.entries[(SERVICE, "back")] = "its-password"
    memory_keyring.entries[(SERVICE, "gone")] = "a-leftover"
    path = leftovers.path_beside(store.path)
    leftovers.add(path, {"back": "Back again", "proxy:back": "Back again", "gone": "Gone"})
    window = MainWindow(store)
    qtbot.addWidget(window)
    window.show()
    assert errors(window) == [  # said at the start: only the site still deleted
        "The passwords of deleted sites may still be in the system keyring (“Gone”): it refused to delete them. "
        "ftpgui will try again when you next open the Site Manager."
    ]
    assert leftovers.load(path) == {"gone": "Gone"}
    dialog = site_manager(qtbot, window)
    assert dialog.status.text() == "Deleted from the system keyring: the passwords of deleted sites (“Gone”)."
    assert memory_keyring.entries == {(SERVICE, "back"): "its-password"}
    assert not os.path.exists(path)
    dialog.reject()
    window.close()


@pytest.mark.gui
def test_with_no_usable_keyring_a_deletion_is_said_once_and_remembered(qtbot, store, memory_keyring):  # noqa: F811
    """A person with no keyring in this session (an SSH session with no D-Bus) deleting a site: the keyring of
    another session may hold its password (found by QA: note 169 took "no keyring" for "nothing stored", and
    the password stayed for good). Said once, remembered (names only), and not said again at the next start
    nor at each opening of the Site Manager while there is still no keyring (design note 352)."""
    store.add(Site(id="s1", name="Work", host="one.example", user="bob"))
    store.save()
    keyring.set_keyring(fail.Keyring())  # (the fixture puts its own back)
    window = MainWindow(store)
    qtbot.addWidget(window)
    window.show()
    delete_and_ok(qtbot, site_manager(qtbot, window), "s1")
    assert errors(window) == [
        "The system keyring could not be reached to delete the passwords of deleted sites (“Work”): no system "
        "keyring answered (no Secret Service such as GNOME Keyring or KeePassXC, and no KWallet). They stay there "
        "if it holds them. ftpgui will delete them when you next open the Site Manager with the system keyring "
        "there."
    ]
    assert window.keyring_leftovers.entries() == {"s1": "Work", "proxy:s1": "Work"}
    path = leftovers.path_beside(store.path)
    assert leftovers.unreached(path) == {"s1", "proxy:s1"}
    window.close()
    again = MainWindow(store)  # the next start, still no keyring: nothing said, nor at the Site Manager's retry
    qtbot.addWidget(again)
    again.show()
    dialog = site_manager(qtbot, again)
    qtbot.waitUntil(lambda: again.keyring_leftovers.retrying is None, timeout=WAIT)
    assert errors(again) == [] and leftovers.unreached(path) == {"s1", "proxy:s1"}
    dialog.reject()
    keyring.set_keyring(memory_keyring)  # the keyring there again: the next opening deletes them, and says so
    site_manager(qtbot, again).reject()
    qtbot.waitUntil(lambda: not os.path.exists(path), timeout=WAIT)
    assert again.log.lines[-1] == (
        "status",
        "Deleted from the system keyring: the passwords of deleted sites (“Work”).",
    )
    again.close()
