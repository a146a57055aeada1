# ruff: noqa: F811 (the fixtures imported below are parameters of the tests)
"""The mode panel's connection list tells apart live connections that would read the same (design note 166).

Found by QA: two server tabs connected to one server (host, port and user) were listed as two identical
"Browsing — alice@127.0.0.1:2121", their searches as two "Search — 127.0.0.1:2121". Now such names say their tab
("… (tab 2)"); a connection whose tab was closed while its connection still ends says so ("… (tab closed)"), and
where that is the same too, the local port of its control connection ("… (tab closed, local port 51234)").
Names that already differ stay as they were.

The real window against pyftpdlib, its tabs opened with Ctrl+T and connected with the quick-connect bar, a search
open in two of them, the mode panel in a 360 px dock; in English and Chinese.
"""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from test_exists_choice_gui import download
from test_modepanel_fit import assert_fits, language, resize_dock, shoot  # noqa: F401 (language: a fixture)
from test_server_tabs import connect_tab, press

from ftpgui.ui.modepanel.namebox import elided

from ftpserver import USER
from guihelpers import WAIT

pytestmark = pytest.mark.gui
WIDTH = 360  # px: the narrowest dock the panel is made for

WORDS = {
    "en": {
        "browsing": "Browsing — {where}",
        "search": "Search — {where}",
        "transfer": "Transfer {number} — {where}",
        "tab": "{name} (tab {tab})",
        "closed tab": "{name} (tab closed)",
        "closed tab, port": "{name} (tab closed, local port {port})",
        "closed": r"^{name} \(closed \d\d:\d\d:\d\d(, connection \d+)?\)$",
    },
    "zh_CN": {
        "browsing": "浏览 — {where}",
        "search": "搜索 — {where}",
        "transfer": "传输 {number} — {where}",
        "tab": "{name}（标签页 {tab}）",
        "closed tab": "{name}（标签页已关闭）",
        "closed tab, port": "{name}（标签页已关闭，本地端口 {port}）",
        "closed": r"^{name}（\d\d:\d\d:\d\d 已关闭(，连接 \d+)?）$",
    },
}


def listed(panel) -> dict:
    box = panel.connection_box
    return {box.itemData(i): box.itemText(i) for i in range(box.count())}


def search_in(qtbot, w, tab):
    """Edit ▸ Search Remote Files… in ``tab``, searching its server for every name."""
    w.tab_bar.setCurrentIndex(w.tabs.index(tab))
    w.filtering.act_search.trigger()
    dialog = w.filtering.search
    dialog.form.pattern.setText("*")
    dialog.search_button.click()
    qtbot.waitUntil(lambda: not dialog.running and dialog.results.topLevelItemCount() == 1, timeout=WAIT)
    return dialog


def fits(panel, names) -> None:
    """Each name, as the connection picker paints it at 360 px: one line within the box's room (note 327),
    whole or cut with an ellipsis, the server's address kept (the user name and the state are cut first)."""
    box = panel.connection_box
    fm = box.fontMetrics()
    for name in names:
        line = elided(name, fm, int(box.room()))
        assert fm.horizontalAdvance(line) <= box.room(), (line, box.room())
        assert line == name or "…" in line, line
        assert re.search(r"127\.0\.0\.1:\d+", line), line


def shown_whole(box, name: str) -> None:
    """The name picked: one line's box, the name whole in its tooltip (and in the list), cut in the box only
    with an ellipsis."""
    (line,) = box.lines()
    assert box.toolTip() == name
    assert line == name or "…" in line, line
    assert box.height() < 2 * box.fontMetrics().lineSpacing()


def serving(qtbot, make_server, w):
    """(a pyftpdlib server holding /a.txt, ``w``'s panel): the window at 1366×768, its panel's dock 360 px wide."""
    srv = make_server("127.0.0.1")
    with open(srv.path("a.txt"), "wb") as f:
        f.write(b"a")
    w.resize(1366, 768)
    resize_dock(qtbot, w, w.mode_dock, WIDTH)
    return srv, w.mode_panel


def test_live_connections_to_one_server_say_their_tab_then_their_local_port(qtbot, language, window, make_server):
    w, words = window, WORDS[language]
    srv, panel = serving(qtbot, make_server, w)
    where = f"127.0.0.1:{srv.port}"
    browsing = words["browsing"].format(where=f"{USER}@{where}")
    search = words["search"].format(where=f"{USER}@{where}")

    # three tabs on one server (host, port and user): each browsing connection says its tab
    tabs = []
    for i in range(3):
        if i:
            press(qtbot, w, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
        connect_tab(qtbot, w, srv)
        tabs.append(w.current_tab)
    ids = [tab.remote_browser.connection.connection_id for tab in tabs]
    expected = {cid: words["tab"].format(name=browsing, tab=n) for n, cid in enumerate(ids, 1)}
    qtbot.waitUntil(lambda: expected.items() <= listed(panel).items(), timeout=WAIT)
    # and the searches of tabs 1 and 2
    searches = [search_in(qtbot, w, tab).conn.connection_id for tab in tabs[:2]]
    expected.update({cid: words["tab"].format(name=search, tab=n) for n, cid in enumerate(searches, 1)})
    qtbot.waitUntil(lambda: expected.items() <= listed(panel).items(), timeout=WAIT)
    names = listed(panel)
    assert len(set(names.values())) == len(names), names  # (the closed ones were told apart before: note 163)

    # at 360 px, each whole; the longest shown in the picker as a person picks it
    live = list(expected.values())
    fits(panel, live)
    longest = max(expected, key=lambda cid: len(expected[cid]))
    panel.connection_box.setCurrentIndex(panel.connection_box.findData(longest))
    QApplication.processEvents()
    box = panel.connection_box
    shown_whole(box, expected[longest])
    assert_fits(w.mode_dock.widget(), panel, f"{language} three tabs")
    shoot(w.mode_dock, f"modepanel-alike-tabs-{language}")

    # the middle tab closed (its close button): the last tab is tab 2 now; the closed tab's connections, still
    # ending (their QUIT), say so
    w.close_tab(1)
    names = listed(panel)
    assert names[ids[0]] == words["tab"].format(name=browsing, tab=1)
    assert names[ids[2]] == words["tab"].format(name=browsing, tab=2)
    assert names[ids[1]] == words["closed tab"].format(name=browsing)
    assert names[searches[0]] == words["tab"].format(name=search, tab=1)
    assert names[searches[1]] == words["closed tab"].format(name=search)
    # and at once the other one (Ctrl+W twice): one tab left, which the window shows no tab bar for; the two
    # connections of closed tabs still ending say their local ports, the ports the server sees them from
    w.act_close_tab.trigger()
    assert w.tabs == tabs[:1]
    names = listed(panel)
    assert names[ids[0]] == browsing and names[searches[0]] == search
    assert names[searches[1]] == words["closed tab"].format(name=search)
    ports = {cid: panel.scene.connections[cid].client[1] for cid in ids[1:]}
    assert names[ids[1]] == words["closed tab, port"].format(name=browsing, port=ports[ids[1]])
    assert names[ids[2]] == words["closed tab, port"].format(name=browsing, port=ports[ids[2]])
    assert set(ports.values()) <= {peer[1] for _server, peer in srv.record.control} and len(set(ports.values())) == 2
    fits(panel, [names[cid] for cid in (*ids, *searches)])

    # once they have closed, they are closed ones as before (told apart by when they closed)
    qtbot.waitUntil(lambda: not any(panel.scene.connections[cid].open for cid in (ids[1], ids[2])), timeout=WAIT)
    names = listed(panel)
    closed = re.compile(words["closed"].format(name=re.escape(browsing)))
    assert closed.match(names[ids[1]]) and closed.match(names[ids[2]]), names
    assert names[ids[0]] == browsing
    assert len(set(names.values())) == len(names), names


def test_a_closed_tabs_connections_are_heard_closing(qtbot, window, make_server):
    """Found with the above: the connections of a closed tab stayed listed as open for good (its browser, which
    passed their events on, went with the tab), and its search's last events went to the tab's log, deleted
    with it (a RuntimeError in the event loop, and the panel never heard them either)."""
    w = window
    srv = make_server("127.0.0.1")
    with open(srv.path("a.txt"), "wb") as f:
        f.write(b"a")
    connect_tab(qtbot, w, srv)
    press(qtbot, w, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    connect_tab(qtbot, w, srv)
    tab = w.current_tab
    browsing = tab.remote_browser.connection.connection_id
    search = search_in(qtbot, w, tab).conn.connection_id
    w.act_close_tab.trigger()
    assert w.tabs == [w.current_tab] and tab not in w.tabs
    scene = w.mode_panel.scene.connections
    qtbot.waitUntil(lambda: not scene[browsing].open and not scene[search].open, timeout=WAIT)
    names = listed(w.mode_panel)
    assert names[browsing].endswith("(closed)") or "(closed " in names[browsing], names
    assert names[search].endswith("(closed)"), names


def test_every_connection_says_whose_it_is(qtbot, language, window, make_server, tmp_path):
    """Found by QA (design note 252): "Transfer 3 — 127.0.0.1:38237" left out the user that "Browsing —
    anonymous@127.0.0.1:38237" said (and so did a search's name). Each names its login now, as Browsing does:
    a download's transfer connection and a search's, in the real window; whole at 360 px, in English and Chinese."""
    w, words = window, WORDS[language]
    srv, panel = serving(qtbot, make_server, w)
    where = f"{USER}@127.0.0.1:{srv.port}"
    connect_tab(qtbot, w, srv)
    (tmp_path / "dl").mkdir()
    download(qtbot, w, tmp_path / "dl", ["a.txt"])
    qtbot.waitUntil(lambda: (tmp_path / "dl" / "a.txt").exists(), timeout=WAIT)
    qtbot.waitUntil(lambda: bool(w.queue.connections()), timeout=WAIT)
    transfer = w.queue.connections()[0].connection_id
    search = search_in(qtbot, w, w.current_tab).conn.connection_id
    expected = {
        w.current_tab.remote_browser.connection.connection_id: words["browsing"].format(where=where),
        transfer: words["transfer"].format(number=1, where=where),
        search: words["search"].format(where=where),
    }
    qtbot.waitUntil(lambda: expected.items() <= listed(panel).items(), timeout=WAIT)
    fits(panel, list(listed(panel).values()))
    box = panel.connection_box
    for cid in (search, transfer):  # (picked as a person picks it: shown whole in the dock)
        box.setCurrentIndex(box.findData(cid))
        QApplication.processEvents()
        shown_whole(box, expected[cid])
        assert_fits(w.mode_dock.widget(), panel, f"{language} {expected[cid]}")
    qtbot.waitUntil(lambda: panel.current_step() is not None, timeout=WAIT)  # (the picture drawn, for the PNG)
    shoot(w.mode_dock, f"modepanel-names-with-user-{language}")
