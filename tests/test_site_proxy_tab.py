"""The Site Manager's Proxy tab has the margins its other tabs have (found by QA at 1366×768, English and
Chinese: the proxy's fields touched the tab's frame left and right, design note 385). The real dialog, each tab
shown in turn; the pages grabbed to build/screens."""

from __future__ import annotations

import os

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QWidget

from ftpgui.sites.passwords import PasswordStore
from ftpgui.sites.store import Site, SiteStore

from guihelpers import probe_dir
from memkeyring import memory_keyring  # noqa: F401 (fixture: never the real keychain)

pytestmark = pytest.mark.gui


def edges(page: QWidget, fields) -> tuple:
    """The room between the page's edges and its leftmost and rightmost field (in the page)."""
    lefts = [f.mapTo(page, QPoint(0, 0)).x() for f in fields if f.isVisibleTo(page)]
    rights = [f.mapTo(page, QPoint(f.width(), 0)).x() for f in fields if f.isVisibleTo(page)]
    return min(lefts), page.width() - max(rights)


def margins_of_each_tab(qtbot, tmp_path, language: str) -> dict:
    from ftpgui.ui.site_manager import SiteManagerDialog

    store = SiteStore(str(tmp_path / "sites.json"))
    store.add(Site(id="c" * 32, name="Work", host="ftp.example.com", user="me"))
    dialog = SiteManagerDialog(store, PasswordStore())
    qtbot.addWidget(dialog)
    dialog.resize(900, 600)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.select("site", "c" * 32)
    found = {}
    for index in range(dialog.tabs.count()):
        dialog.tabs.setCurrentIndex(index)
        page = dialog.tabs.widget(index)
        qtbot.waitUntil(page.isVisible)
        page.grab().save(os.path.join(probe_dir(), f"site-tab-{index}-{language}.png"))
        labels_and_fields = [w for w in page.findChildren(QWidget) if w.parentWidget() is page]
        found[index] = edges(page, labels_and_fields)
    return found


def check(found: dict, proxy_index: int) -> None:
    general = found[0]
    assert general[0] > 0 and general[1] > 0, general
    assert found[proxy_index] == general, found  # (it was (0, 0): the fields on the tab's frame)


def test_the_proxy_tab_has_the_other_tabs_margins(qtbot, tmp_path, memory_keyring):  # noqa: F811
    check(margins_of_each_tab(qtbot, tmp_path, "en"), 3)


def test_the_proxy_tab_has_the_other_tabs_margins_in_chinese(qtbot, tmp_path, memory_keyring, chinese):  # noqa: F811
    check(margins_of_each_tab(qtbot, tmp_path, "zh_CN"), 3)
