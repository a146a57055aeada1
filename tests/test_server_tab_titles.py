"""The server tabs' words where the tabs are many (found by QA at 1366×768, design note 436): five tabs to one
host on five ports were elided at the right — "alice@127.0.0.1:3…", the port, the only part that differs, gone.
Short of room, a tab drops its user name first and elides the rest in the middle, so the port stays; each
tab's tooltip has its words whole. The real window, seven real
pyftpdlib servers, each tab opened with Ctrl+T and connected with the quick-connect bar; in English and Chinese."""

from __future__ import annotations

import os

import pytest
from PySide6.QtWidgets import QStyleOptionTab

from ftpserver import USER
from guihelpers import WAIT, close_window, open_window, probe_dir, quick_connect

pytestmark = pytest.mark.gui
SERVERS = 7  # ("5+" at 1366×768 with the mode panel open; 7 elide without it too)


@pytest.fixture(params=["en", "zh_CN"])
def language(request):
    if request.param == "zh_CN":
        request.getfixturevalue("chinese")
    return request.param


def shown_words(bar, index: int) -> str:
    """The words the tab bar paints on tab ``index``: Qt elides them in ``initStyleOption``, as it paints."""
    option = QStyleOptionTab()
    bar.initStyleOption(option, index)
    return option.text


def test_many_tabs_to_one_host_keep_their_ports_in_sight(qtbot, config, make_server, language):
    servers = [make_server("127.0.0.1") for _ in range(SERVERS)]
    w = open_window(qtbot)
    try:
        w.resize(1366, 768)
        for i, srv in enumerate(servers):
            if i:
                w.act_new_tab.trigger()  # Ctrl+T
            tab = w.current_tab
            quick_connect(qtbot, w, srv)
            qtbot.waitUntil(
                lambda t=tab: t.remote_browser.connected and not t.remote_browser.connection.busy, timeout=WAIT
            )
        bar = w.tab_bar
        assert bar.isVisible() and bar.count() == SERVERS
        qtbot.waitUntil(lambda: all(bar.tabRect(i).width() > 0 for i in range(SERVERS)), timeout=WAIT)
        words = [shown_words(bar, i) for i in range(SERVERS)]
        assert words != [tab.title() for tab in w.tabs], words  # (the tabs do not all fit whole at this size)
        for i, srv in enumerate(servers):
            whole = f"{srv.host}:{srv.port}"
            assert w.tabs[i].title().endswith(whole)
            assert words[i].endswith(str(srv.port)), words  # ("alice@127.0.0.1:3…")
            if words[i] != w.tabs[i].title():  # short of room: the user name goes first ("127.0…40755")
                assert USER not in words[i], words
            assert bar.tabToolTip(i).splitlines()[0] == w.tabs[i].title()
        assert len(set(words)) == SERVERS, words
        w.grab().save(os.path.join(probe_dir(), f"tab-titles-{language}.png"))
    finally:
        close_window(qtbot, w)
