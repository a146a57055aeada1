"""Words a QA round found said two ways or broken badly in Chinese (design note 362): the Site Manager's Transfer
settings tab said the preferences' default as "默认（取自首选项）" in one box and "默认（来自首选项）" in the
next; the edited file's Upload question broke its path after the "/" ("保存为 /" | "notes-mine.txt"). The real
dialogs, the real window editing a file on a real pyftpdlib server."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import test_remote_edit
from PySide6.QtGui import QTextLayout, QTextOption
from PySide6.QtWidgets import QComboBox, QLabel
from test_remote_edit import connect, idle, question, select

from ftpgui.sites.passwords import PasswordStore
from ftpgui.sites.store import Site, SiteStore
from ftpgui.ui.site_manager import SiteManagerDialog

from guihelpers import probe_dir
from memkeyring import memory_keyring  # noqa: F401 (fixture)

pytestmark = pytest.mark.gui
editor = test_remote_edit.editor  # (a fixture)
srv, window = test_remote_edit.srv, test_remote_edit.window  # (fixtures: its files; the window, quit after)
NAME = "notes-mine.txt"


@pytest.mark.usefixtures("memory_keyring")
def test_the_transfer_settings_say_the_default_one_way_in_chinese(qtbot, chinese):
    store = SiteStore()
    store.add(Site(id="a" * 32, name="Work", host="127.0.0.1", user="u"))
    dialog = SiteManagerDialog(store, PasswordStore())
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.tabs.setCurrentIndex(1)  # Transfer settings
    page = dialog.tabs.currentWidget()
    defaults = {box.itemText(box.findData("default")) for box in page.findChildren(QComboBox)}
    defaults.discard("")  # (a box with no "default" item)
    assert defaults == {"默认（来自首选项）"}, defaults
    page.grab().save(os.path.join(probe_dir(), "site-transfer-settings-zh_CN.png"))


def lines_at(label: QLabel, width: int) -> list:
    """The lines ``label``'s text breaks into at ``width``, as a word-wrapped label lays them out."""
    text = label.text().replace("\n", "\u2028")  # (a line break QTextLayout keeps)
    layout = QTextLayout(text, label.font())
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WordWrap)
    layout.setTextOption(option)
    out = []
    layout.beginLayout()
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        out.append(text[line.textStart() : line.textStart() + line.textLength()])
    layout.endLayout()
    return out


def upload_question_keeps_the_path_whole(qtbot, w, srv, command: str, language: str) -> None:
    Path(srv.path(NAME)).write_bytes(b"notes\n")
    connect(qtbot, w, srv, command, without_asking=False)
    select(w, NAME)
    w.remote_edit.act_edit.trigger()
    box = question(qtbot, w, f"/{NAME}")
    label = box.findChild(QLabel, "qt_msgbox_label")
    box.grab().save(os.path.join(probe_dir(), f"upload-question-{language}.png"))
    path = f"/{NAME}"
    fm = label.fontMetrics()
    # at every width with room for the path (the box's own included), no line ends inside it
    for width in range(fm.horizontalAdvance(path + "？") + 6, fm.horizontalAdvance(label.text()) + 40, 3):
        lines = lines_at(label, width)
        assert any(path in line for line in lines), (width, lines)
    assert any(path in line for line in lines_at(label, label.contentsRect().width()))
    box.button(box.StandardButton.Cancel).click()
    idle(qtbot, w)


def test_the_upload_question_keeps_the_path_on_one_line_in_chinese(qtbot, chinese, window, srv, editor):
    upload_question_keeps_the_path_whole(qtbot, window, srv, editor[0], "zh_CN")


def test_the_upload_question_keeps_the_path_on_one_line(qtbot, window, srv, editor):
    upload_question_keeps_the_path_whole(qtbot, window, srv, editor[0], "en")
