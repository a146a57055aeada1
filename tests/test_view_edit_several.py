"""View File (F3) and Edit File (F4) with several remote files selected (found by QA: enabled in the menu for
three files, as if they acted on one). They act on each file selected, as the local pane's Open opens each
(design note 257 kept them for a selection with a file in it): each file is downloaded once and opened, and
the menu says how many. The real window on pyftpdlib, the editor a script that logs what it was given."""

from __future__ import annotations

import dataclasses
import shlex
import sys

import pytest
from PySide6.QtCore import QPoint, QTimer
from PySide6.QtWidgets import QMenu

from guihelpers import WAIT, open_window, quick_connect, wait_listing

pytestmark = pytest.mark.gui

EDITOR = """\
import sys
with open(sys.argv[1], "a") as f:
    f.write(sys.argv[-1] + "\\n")
"""


def right_click(qtbot, view, choose: str = "") -> dict:
    """A right click on ``view``: its menu's actions' texts and whether each is enabled; the one whose text
    starts with ``choose`` chosen (clicked in the menu)."""
    seen = {}

    def capture() -> None:
        menu = view.findChild(QMenu)
        seen.update({a.text(): a.isEnabled() for a in menu.actions()})
        chosen = [a for a in menu.actions() if choose and a.text().startswith(choose)]
        menu.close()
        if chosen:
            chosen[0].trigger()

    QTimer.singleShot(0, capture)
    view.customContextMenuRequested.emit(QPoint(5, 5))
    qtbot.waitUntil(lambda: bool(seen), timeout=WAIT)
    return seen


WORDS = {
    "en": ("&View File", "&Edit File", "&View 3 Files", "&Edit 3 Files"),
    "zh_CN": ("查看文件(&V)", "编辑文件(&E)", "查看 3 个文件(&V)", "编辑 3 个文件(&E)"),
}


@pytest.mark.parametrize("edit", [False, True])
def test_view_and_edit_say_and_open_each_of_three_files(qtbot, config, make_server, tmp_path, edit):
    opened_each(qtbot, make_server, tmp_path, edit, "en")


def test_view_says_and_opens_each_of_three_files_in_chinese(qtbot, config, make_server, tmp_path, chinese):
    opened_each(qtbot, make_server, tmp_path, False, "zh_CN")


def opened_each(qtbot, make_server, tmp_path, edit: bool, language: str) -> None:
    view_one, edit_one, view_three, edit_three = WORDS[language]
    srv = make_server("127.0.0.1")
    for name in ("file20.bin", "file30.bin", "file50.bin"):
        with open(srv.path(name), "wb") as f:
            f.write(name.encode() * 100)
    script, log = tmp_path / "editor.py", tmp_path / "editor.log"
    script.write_text(EDITOR)
    command = f"{shlex.quote(sys.executable)} {shlex.quote(str(script))} {shlex.quote(str(log))}"
    w = open_window(qtbot)
    try:
        w.apply_preferences(dataclasses.replace(w.prefs, editor_command=command, upload_edited_without_asking=True))
        quick_connect(qtbot, w, srv)
        wait_listing(qtbot, w, "/")
        w.set_active_side("remote")
        w.remote.select(["file20.bin"])
        shown = right_click(qtbot, w.remote.view)
        assert shown[view_one] and shown[edit_one], shown
        w.remote.select(["file20.bin", "file30.bin", "file50.bin"])
        # the menu says what they do: each of the three is opened ("View File" read as one file)
        shown = right_click(qtbot, w.remote.view, edit_three if edit else view_three)
        assert shown[view_three] and shown[edit_three], shown
        qtbot.waitUntil(lambda: log.exists() and len(log.read_text().splitlines()) == 3, timeout=WAIT)
        opened = sorted(line.rsplit("/", 1)[-1] for line in log.read_text().splitlines())
        assert opened == ["file20.bin", "file30.bin", "file50.bin"]
        # the actions keep their own words for the keyboard and the menu bar
        assert (w.act_view_remote.text(), w.act_edit_remote.text()) == (view_one, edit_one)
        assert len(w.remote_edit.edited) == (3 if edit else 0)
    finally:
        w.close()
        if w.isVisible() and w.prompt is not None and hasattr(w.prompt, "yes_button"):
            w.prompt.yes_button.click()
        qtbot.waitUntil(lambda: not w.remote_browser.closing, timeout=WAIT)
        w.deleteLater()
