"""The toolbar's buttons say what they do in a tooltip, in the person's language, without the menu's mnemonic."""

from __future__ import annotations

import re

import pytest
from PySide6.QtWidgets import QApplication, QToolBar, QToolButton

from ftpgui import i18n
from ftpgui.ui.window_actions import tip_text

from guihelpers import close_window, open_window
from memkeyring import memory_keyring  # noqa: F401 (fixture: never the real keychain)

pytestmark = pytest.mark.gui


@pytest.fixture
def chinese(qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("FTPGUI_CONFIG_DIR", str(tmp_path / "config"))
    translator = i18n.install(QApplication.instance(), "zh_CN")
    try:
        yield
    finally:
        i18n.uninstall(QApplication.instance(), translator)


def toolbar_tips(w) -> dict:
    bar = w.findChild(QToolBar, "actionsBar")
    return {a.objectName(): bar.widgetForAction(a).toolTip() for a in bar.actions() if not a.isSeparator()}


def test_toolbar_tooltips_in_chinese_have_no_mnemonic(qtbot, chinese):
    """Qt's tooltip of an action drops its "&" only: over the toolbar's buttons a Chinese window showed
    "上一级(U)", "删除(L)", "创建目录(F)" — the menu's access key, meaningless on a button."""
    w = open_window(qtbot)
    try:
        tips = toolbar_tips(w)
        assert tips["up"] == "上一级" and tips["delete"] == "删除" and tips["createFolder"] == "创建目录"
        for tip in tips.values():
            assert tip and not re.search(r"\(\w\)|&|…", tip), tip
        assert isinstance(w.findChild(QToolBar, "actionsBar").widgetForAction(w.act_up), QToolButton)
    finally:
        close_window(qtbot, w)


def test_tip_text():
    assert tip_text("上一级(&U)") == "上一级"
    assert tip_text("删除(&L)…") == "删除"
    assert tip_text("Create &Folder…") == "Create Folder"
    assert tip_text("Save && Quit") == "Save & Quit"
