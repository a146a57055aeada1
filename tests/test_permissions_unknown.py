"""Permissions the listing does not give (MLSD with no ``unix.mode``, as pyftpdlib's unasked): the dialog shows
them as not known — boxes partly ticked, ``x`` in the number — and changes only what the person set (design note
347). Before, it showed a made-up 644, and OK untouched sent SITE CHMOD 644: a folder of 755 could no longer be
entered, a private file of 600 became readable by everyone. A server that offers the mode is asked for it (``OPTS
MLST``, note 348)."""

from __future__ import annotations

import os
import stat

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QLabel

from ftpgui.ui.permissions import PermissionsDialog

from guihelpers import WAIT, quick_connect, wait_listing

pytestmark = pytest.mark.gui

NO_MODE = ("type", "perm", "size", "modify", "unique")  # a server with no mode to give (as IIS)
UNIX_MODE = (*NO_MODE, "unix.mode")  # one that gives it unasked
PATHS = ("sub", "sub/inner", "sub/inner/deep.txt", "sub/notes.txt", "private.txt")
ON, OFF, UNSET = Qt.CheckState.Checked, Qt.CheckState.Unchecked, Qt.CheckState.PartiallyChecked


def tree(srv) -> None:
    """``sub`` 755 (``inner`` 700 with ``deep.txt`` 600, ``notes.txt`` 640) and ``private.txt`` 600."""
    os.makedirs(srv.path("sub", "inner"))
    for name in ("sub/inner/deep.txt", "sub/notes.txt", "private.txt"):
        with open(srv.path(*name.split("/")), "wb") as f:
            f.write(b"x")
    for path, mode in zip(PATHS, (0o755, 0o700, 0o600, 0o640, 0o600), strict=True):
        os.chmod(srv.path(*path.split("/")), mode)


def modes(srv) -> dict:
    return {p: stat.S_IMODE(os.stat(srv.path(*p.split("/"))).st_mode) for p in PATHS}


BEFORE = {"sub": 0o755, "sub/inner": 0o700, "sub/inner/deep.txt": 0o600, "sub/notes.txt": 0o640, "private.txt": 0o600}


def connected(qtbot, window, make_server, mlst_facts=NO_MODE):
    srv = make_server("127.0.0.1", mlst_facts=mlst_facts)
    tree(srv)
    quick_connect(qtbot, window, srv)
    wait_listing(qtbot, window, "/")
    return srv


def permissions_of(qtbot, w, chosen) -> PermissionsDialog:
    """``chosen`` selected in the remote pane, File Permissions… asked for: the dialog, once shown."""
    w.set_active_side("remote")
    qtbot.waitUntil(lambda: (w.remote.select(chosen), sorted(e.name for e in w.remote.selected_entries()))[1] == chosen)
    w.act_permissions.trigger()
    qtbot.waitUntil(lambda: isinstance(w.prompt, PermissionsDialog) and w.prompt.isVisible(), timeout=WAIT)
    return w.prompt


def box(dialog, name: str):
    return next(b for b in dialog.boxes if b.accessibleName() == name)


def ok(qtbot, w, dialog) -> None:
    """Press OK like a person (a disabled button takes no click) and wait for the connection to be done."""
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not w.remote_browser.connection.busy, timeout=WAIT)


def chmods(srv) -> list:
    return [c for c in srv.record.commands if c.upper().startswith("SITE CHMOD")]


@pytest.mark.parametrize("chosen", [["sub"], ["private.txt"], ["private.txt", "sub"]])
def test_ok_untouched_on_modes_not_listed_changes_nothing(qtbot, window, make_server, chosen):
    """The QA round's steps: File Permissions… on ``sub`` (755 on disk), OK untouched. It showed 644 and sent
    SITE CHMOD 644; now every box is partly ticked, the number ``xxx``, and OK waits, saying why."""
    srv = connected(qtbot, window, make_server)
    dialog = permissions_of(qtbot, window, chosen)
    if "sub" in chosen:
        dialog.recurse.setChecked(True)  # (the whole tree, had it sent anything)
    ok(qtbot, window, dialog)
    qtbot.waitUntil(lambda: not window.remote_browser.connection.busy, timeout=WAIT)
    assert modes(srv) == BEFORE and chmods(srv) == []
    assert dialog.isVisible()  # (OK took no click: the dialog says why)
    assert [b.checkState() for b in dialog.boxes] == [UNSET] * 9 and dialog.octal.text() == "xxx"
    assert "Nothing to change yet" in dialog.hint.text() and dialog.hint.isVisible()
    dialog.reject()


def test_one_box_set_on_a_mode_not_listed_is_said_and_left(qtbot, window, make_server):
    """One box set on a file whose mode no listing gives: its other bits are not known, so nothing is sent
    and the window says the file was left as it was (before: 644 with that bit, 664)."""
    srv = connected(qtbot, window, make_server)
    dialog = permissions_of(qtbot, window, ["private.txt"])
    qtbot.mouseClick(box(dialog, "Group Write"), Qt.MouseButton.LeftButton)  # partly → ticked
    assert box(dialog, "Group Write").checkState() == ON and dialog.octal.text() == "xxx"
    assert "changed only when every box is set" in dialog.hint.text()
    ok(qtbot, window, dialog)
    said = window.statusBar().currentMessage()
    assert said.startswith("1 item(s) left unchanged") and "/private.txt" in said, said
    assert modes(srv) == BEFORE and chmods(srv) == []


def test_the_whole_number_typed_sets_every_bit(qtbot, window, make_server):
    srv = connected(qtbot, window, make_server)
    dialog = permissions_of(qtbot, window, ["private.txt"])
    dialog.octal.selectAll()
    qtbot.keyClicks(dialog.octal, "640")
    assert [b.checkState() for b in dialog.boxes] == [ON, ON, OFF, ON, OFF, OFF, OFF, OFF, OFF]
    ok(qtbot, window, dialog)
    qtbot.waitUntil(lambda: modes(srv)["private.txt"] == 0o640, timeout=WAIT)
    assert chmods(srv) == ["SITE CHMOD 640 /private.txt"]


def test_recursion_over_modes_not_listed_changes_only_what_is_whole(qtbot, window, make_server):
    """Recursing from ``sub`` with one box set: no mode in the tree is known, so nothing is changed and the
    window names what it left; the whole number typed, folders only: the folders get it, the files keep
    theirs."""
    srv = connected(qtbot, window, make_server)
    dialog = permissions_of(qtbot, window, ["sub"])
    qtbot.mouseClick(box(dialog, "Others Write"), Qt.MouseButton.LeftButton)
    dialog.recurse.setChecked(True)
    ok(qtbot, window, dialog)
    said = window.statusBar().currentMessage()
    assert said.startswith("4 item(s) left unchanged") and "/sub/inner/deep.txt" in said, said
    assert modes(srv) == BEFORE and chmods(srv) == []

    dialog = permissions_of(qtbot, window, ["sub"])
    dialog.octal.selectAll()
    qtbot.keyClicks(dialog.octal, "750")
    dialog.recurse.setChecked(True)
    dialog.apply_to.setCurrentIndex(dialog.apply_to.findData("folders"))
    ok(qtbot, window, dialog)
    assert modes(srv) == {**BEFORE, "sub": 0o750, "sub/inner": 0o750}


def test_a_server_that_gives_the_mode_shows_it_and_one_box_changes_one_bit(qtbot, window, make_server):
    """MLSD with ``unix.mode`` (``0o755`` as pyftpdlib writes it): the dialog shows 755 and 600; with both
    chosen, the bits they differ in are partly ticked; Group Write ticked, recursing, changes that bit alone in
    every item, each keeping the rest of its own mode."""
    srv = connected(qtbot, window, make_server, mlst_facts=UNIX_MODE)
    dialog = permissions_of(qtbot, window, ["sub"])
    assert dialog.octal.text() == "755" and [b.checkState() for b in dialog.boxes] == [ON] * 3 + [ON, OFF, ON] * 2
    assert dialog.hint.text() == "Nothing to change yet: tick or clear a box, or type the whole number."
    dialog.reject()
    dialog = permissions_of(qtbot, window, ["private.txt"])
    assert dialog.octal.text() == "600"
    dialog.reject()

    dialog = permissions_of(qtbot, window, ["private.txt", "sub"])
    assert [b.checkState() for b in dialog.boxes] == [ON, ON, UNSET, UNSET, OFF, UNSET, UNSET, OFF, UNSET]
    assert dialog.octal.text() == "xxx"
    qtbot.mouseClick(box(dialog, "Group Write"), Qt.MouseButton.LeftButton)
    assert box(dialog, "Group Write").checkState() == ON
    dialog.recurse.setChecked(True)
    ok(qtbot, window, dialog)
    qtbot.waitUntil(lambda: modes(srv)["sub/notes.txt"] == 0o660, timeout=WAIT)
    assert modes(srv) == {
        "sub": 0o775,
        "sub/inner": 0o720,
        "sub/inner/deep.txt": 0o620,
        "sub/notes.txt": 0o660,
        "private.txt": 0o620,
    }
    assert "left unchanged" not in window.statusBar().currentMessage()


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_the_dialog_says_its_unknown_boxes_whole_at_1366(request, qtbot, config, make_server, language):
    """In a 1366×768 window, English and Chinese: the dialog for a folder and a file whose modes are not listed
    shows its partly ticked boxes, ``xxx`` and the hint's three sentences whole (the picture is saved to be
    looked at: build/screens/permissions-unknown-LANG.png)."""
    from guihelpers import close_window, open_window, probe_dir, squeezed

    if language == "zh_CN":
        request.getfixturevalue("chinese")
    w = open_window(qtbot)
    try:
        w.resize(1366, 768)
        srv = connected(qtbot, w, make_server)
        dialog = permissions_of(qtbot, w, ["private.txt", "sub"])
        qtbot.waitUntil(lambda: dialog.hint.isVisible())
        assert len(dialog.hint.text().splitlines()) == 3
        assert (
            dialog.hint.text().splitlines()[-1]
            == {
                "en": "Nothing to change yet: tick or clear a box, or type the whole number.",
                "zh_CN": "尚无要更改的内容：请勾选或清除复选框，或输入完整的数字。",
            }[language]
        )
        labels = [label for label in dialog.findChildren(QLabel) if label.isVisible()]
        assert squeezed(dialog, labels) == []
        dialog.grab().save(os.path.join(probe_dir(), f"permissions-unknown-{language}.png"))
        dialog.reject()
        assert modes(srv) == BEFORE
    finally:
        close_window(qtbot, w)


def test_a_server_that_offers_the_mode_is_asked_for_it_and_the_dialog_shows_it(qtbot, window, make_server):
    """pyftpdlib as it comes: its FEAT offers ``unix.mode`` (and uid, gid) but MLSD gives it only once ``OPTS
    MLST`` asks, as FileZilla does at login; before, nothing asked, and the mode of nothing it listed was known
    (the QA round's 644)."""
    srv = connected(qtbot, window, make_server, mlst_facts=None)
    opts = [c for c in srv.record.commands if c.upper().startswith("OPTS MLST")]
    assert opts == ["OPTS MLST type;perm;size;modify;unique;unix.mode;unix.uid;unix.gid;"]
    dialog = permissions_of(qtbot, window, ["sub"])
    assert dialog.octal.text() == "755"
    dialog.reject()
    dialog = permissions_of(qtbot, window, ["private.txt"])
    assert dialog.octal.text() == "600"
    qtbot.mouseClick(box(dialog, "Group Read"), Qt.MouseButton.LeftButton)
    ok(qtbot, window, dialog)
    qtbot.waitUntil(lambda: modes(srv)["private.txt"] == 0o640, timeout=WAIT)
    assert modes(srv) == {**BEFORE, "private.txt": 0o640} and chmods(srv) == ["SITE CHMOD 640 /private.txt"]
