"""The mode panel's connection list stays useful over a long session (design note 163).

Found by QA: after an hour the list held 24 entries, many of them "Browsing — alice@127.0.0.1:2121 (closed)",
which nothing told apart. Now only the closed connections that closed last (``CLOSED_KEPT``) stay, and never the
one shown; closed entries whose names would read the same say when they closed ("… (closed 14:02:31)"), and the
connection's number where that is the same second too.

Real sessions: a ``RemoteBrowser`` (the window's browsing side) against pyftpdlib, connecting again and again as
a person reconnecting does, its events reaching the panel as they reach it in the window; in English and Chinese.
"""

from __future__ import annotations

import re
import socket
import time

import pytest
from test_modepanel_ladder import panel  # noqa: F401 (a fixture)

from ftpgui.ftp import ControlClosed, SessionOptions
from ftpgui.transfers.wire import Endpoint
from ftpgui.ui.modepanel import ModePanel
from ftpgui.ui.modepanel import connections as cl
from ftpgui.ui.remote_browser import RemoteBrowser

from ftpserver import PASSWORD, USER

pytestmark = pytest.mark.gui
WAIT = 20000
KEPT = 5  # closed connections kept: the last five to close (cl.CLOSED_KEPT)


@pytest.fixture(params=["en", "zh_CN"])
def language(request):
    if request.param == "zh_CN":
        request.getfixturevalue("chinese")
    return request.param


class Browsing:
    """The window's browsing side: a RemoteBrowser the panel names "Browsing", each ``connect()`` a new connection
    (the one before it closed, as a reconnect closes it)."""

    def __init__(self, qtbot, shown_in: ModePanel, server) -> None:
        self.qtbot, self.panel = qtbot, shown_in
        self.browser = RemoteBrowser()
        shown_in.watch(self.browser, None)
        self.browser.eventsArrived.connect(shown_in.add_events)
        self.closed = []  # the connections whose ControlClosed the panel has been given
        self.browser.eventsArrived.connect(
            lambda events: self.closed.extend(e.connection_id for e in events if isinstance(e, ControlClosed))
        )
        self.endpoint = Endpoint(server.host, server.port, USER, PASSWORD)
        self.ids = []

    def connect_in_a_new_second(self, refused: bool = False) -> int:
        """``connect()``, once the clock's second has turned: the connection before it closes in a second of
        its own (a person reconnects over minutes; a test is quicker)."""
        second = time.strftime("%H:%M:%S")
        self.qtbot.waitUntil(lambda: time.strftime("%H:%M:%S") != second, timeout=WAIT)
        return self.connect(refused)

    def connect(self, refused: bool = False) -> int:
        """A new connection (``refused``: one whose connect the server's host refuses)."""
        done = []
        options = SessionOptions(mode="passive", timeout=10)
        self.browser.open(self.endpoint, options, done.append, lambda exc: done.append(exc))
        self.qtbot.waitUntil(lambda: bool(done), timeout=WAIT)
        assert isinstance(done[0], BaseException) == refused, done
        cid = self.browser.connection.connection_id
        self.ids.append(cid)
        self.qtbot.waitUntil(lambda: cid in self.panel.scene.connections, timeout=WAIT)
        return cid

    def all_closed_but_the_last(self) -> None:
        self.qtbot.waitUntil(lambda: set(self.ids[:-1]) <= set(self.closed), timeout=WAIT)

    def close(self) -> None:
        self.browser.close()


def listed(shown_in: ModePanel):
    box = shown_in.connection_box
    return [(box.itemData(i), box.itemText(i)) for i in range(box.count())]


def closed_words(language: str):
    """A closed entry's name: the browsing name, then when it closed (and perhaps its number)."""
    if language == "en":
        return re.compile(r"^Browsing — (\S+) \(closed (\d\d:\d\d:\d\d)(, connection (\d+))?\)$")
    return re.compile(r"^浏览 — (\S+)（(\d\d:\d\d:\d\d) 已关闭(，连接 (\d+))?）$")


def test_closed_connections_beyond_the_last_few_are_dropped_and_told_apart(
    qtbot,
    panel,  # noqa: F811
    make_server,
    language,
):
    server = make_server("127.0.0.1")
    browsing = Browsing(qtbot, panel, server)
    try:
        for _ in range(KEPT + 4):  # a person reconnecting, again and again
            browsing.connect_in_a_new_second()
        browsing.all_closed_but_the_last()
        qtbot.waitUntil(lambda: panel.connection.connection_id == browsing.ids[-1], timeout=WAIT)
        where = f"{USER}@127.0.0.1:{server.port}"
        entries = listed(panel)
        # the live one first, followed (the default, Latest activity) and shown
        live = "Browsing — " if language == "en" else "浏览 — "
        assert entries[0] == (browsing.ids[-1], live + where)
        assert panel.connection_box.currentIndex() == 0
        # of the closed ones, the last CLOSED_KEPT to close, newest first; the older ones gone from the panel too
        closed = entries[1:]
        assert [cid for cid, _ in closed] == browsing.ids[-2 : -2 - KEPT : -1], (entries, browsing.ids)
        assert set(panel.scene.connections) == set(browsing.ids[-1 - KEPT :])
        # each says when it closed (they would read the same otherwise), each in a second of its own
        names = [name for _, name in closed]
        pattern = closed_words(language)
        found = [pattern.match(name) for name in names]
        assert all(found), names
        assert all(m.group(1) == where and m.group(4) is None for m in found), names
        assert len({m.group(2) for m in found}) == len(names), names

        # the one shown is never dropped: pinned on the oldest closed one, six more reconnects leave it there
        oldest = closed[-1][0]
        panel.connection_box.setCurrentIndex(panel.connection_box.findData(oldest))
        assert panel.follow() == cl.PINNED and panel.connection.connection_id == oldest
        for _ in range(6):
            browsing.connect()
        browsing.all_closed_but_the_last()
        entries = listed(panel)
        ids = [cid for cid, _ in entries]
        assert panel.connection.connection_id == oldest and oldest in ids
        assert panel.connection_box.currentData() == oldest
        assert ids[0] == browsing.ids[-1]
        assert [cid for cid in ids[1:] if cid != oldest] == browsing.ids[-2 : -2 - KEPT : -1]
        # closed in quick succession, several in one second: those say their connection's number too
        assert len(set(name for _, name in entries)) == len(entries), entries
        found = [(cid, closed_words(language).match(name)) for cid, name in entries[1:]]
        assert all(m for _, m in found), entries
        times = [m.group(2) for _, m in found]
        for cid, m in found:
            assert m.group(4) == (str(cid) if times.count(m.group(2)) > 1 else None), entries
        # following again (Latest activity): the old one is dropped at the next look at the list
        panel.set_follow(cl.LATEST)
        browsing.connect()
        browsing.all_closed_but_the_last()
        qtbot.waitUntil(lambda: panel.connection.connection_id == browsing.ids[-1], timeout=WAIT)
        ids = [cid for cid, _ in listed(panel)]
        assert oldest not in ids and oldest not in panel.scene.connections
        assert len(ids) == 1 + KEPT
        assert cl.CLOSED_KEPT == KEPT
    finally:
        browsing.close()


def test_attempts_that_could_not_connect_are_told_apart_too(qtbot, panel, language):  # noqa: F811
    """ "… (could not connect)" twice, to a port nothing listens on: each says when it failed."""
    with socket.socket() as s:  # a port of this host that nothing listens on (refused at once)
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = type("Nowhere", (), {"host": "127.0.0.1", "port": port})
    browsing = Browsing(qtbot, panel, server)
    try:
        failed = [browsing.connect_in_a_new_second(refused=True) for _ in range(3)]
        qtbot.waitUntil(lambda: all(panel.scene.connections[cid].ended for cid in failed), timeout=WAIT)
        names = [name for cid, name in listed(panel) if cid in failed]
        assert len(names) == 3 and len(set(names)) == 3, names
        if language == "en":
            pattern = re.compile(rf"^Browsing — {USER}@127\.0\.0\.1:{port} \(could not connect at \d\d:\d\d:\d\d\)$")
        else:
            pattern = re.compile(rf"^浏览 — {USER}@127\.0\.0\.1:{port}（\d\d:\d\d:\d\d 无法连接）$")
        assert all(pattern.match(name) for name in names), names
    finally:
        browsing.close()
