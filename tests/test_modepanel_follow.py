"""The mode panel follows the connection in use (issue 16, item 1): in the real main window against pyftpdlib,
after a quick connect, a mode change that reconnects, a download by the queue and the practice server; the
connection list names each connection by role and state; the Follow choice and pinning."""

from __future__ import annotations

import re

import pytest
from PySide6.QtWidgets import QApplication

from ftpgui import i18n
from ftpgui.ftp import CommandSent, ControlClosed, ControlConnected, DataChannelPlanned, DataFailed
from ftpgui.ui.modepanel import ModePanel
from ftpgui.ui.modepanel import connections as cl
from ftpgui.ui.modepanel import scene as sc

from ftpserver import USER
from guihelpers import WAIT, filled_server, names, quick_connect, wait_listing
from memkeyring import memory_keyring  # noqa: F401 (fixture: never the real keychain)

pytestmark = pytest.mark.gui


@pytest.fixture
def srv(make_server):
    return filled_server(make_server)


def shown(w):
    return w.mode_panel.connection


def browsing_shown(w) -> bool:
    conn = shown(w)
    return w.browser is not None and conn is not None and conn.connection_id == w.browser.connection_id


def items(panel: ModePanel):
    box = panel.connection_box
    return [box.itemText(i) for i in range(box.count())]


def test_after_quick_connect_and_a_mode_change_the_panel_is_on_the_new_browsing_connection(qtbot, window, srv):
    w, panel = window, window.mode_panel
    quick_connect(qtbot, w, srv)
    wait_listing(qtbot, w, "/")
    assert browsing_shown(w)
    assert panel.connection_box.currentText() == f"Browsing — {USER}@127.0.0.1:{srv.port}"
    first = w.browser.connection_id
    # the person changes Mode in the panel: the window reconnects and lists again
    panel.mode_box.setCurrentIndex(panel.mode_box.findData("active"))
    qtbot.waitUntil(lambda: w.browser is not None and w.browser.connection_id != first, timeout=WAIT)
    second = w.browser.connection_id
    # at its first event the panel is on it, not on the dead one
    qtbot.waitUntil(lambda: second in panel.scene.connections, timeout=WAIT)
    assert browsing_shown(w)
    wait_listing(qtbot, w, "/")
    qtbot.waitUntil(lambda: panel.scene.connections[first].ended, timeout=WAIT)
    assert browsing_shown(w)
    ex = panel.connection.exchanges()[-1]
    assert ex.mode == "active"
    # the live one first; after it the old one, closed (and the short connection on which the server said it
    # offers no TLS, closed before the person was asked whether to continue in plain FTP): two closed entries
    # that read the same said when they closed, and where that was the same second, their numbers (note 163)
    names = items(panel)
    assert names[0] == f"Browsing — {USER}@127.0.0.1:{srv.port}"
    closed = re.compile(rf"^Browsing — {USER}@127\.0\.0\.1:{srv.port} \(closed( \d\d:\d\d:\d\d(, connection \d+)?)?\)$")
    assert names[1:] and all(closed.match(name) for name in names[1:]) and len(names) <= 3, names
    assert len(set(names)) == len(names), names
    assert panel.connection_box.currentIndex() == 0


def transfers(w) -> set:
    return {c.connection_id for c in w.queue.connections()}


def test_a_download_by_the_queue_and_the_follow_choice(qtbot, window, srv, tmp_path):
    w, panel = window, window.mode_panel
    quick_connect(qtbot, w, srv)
    wait_listing(qtbot, w, "/")
    assert panel.follow() == cl.LATEST and panel.follow_box.currentText() == "Latest activity"
    # Follow: Browsing keeps the browsing connection while the queue moves files
    panel.set_follow(cl.FOLLOW_BROWSING)
    w.local.set_path(str(tmp_path))
    w.set_active_side("remote")
    w.remote.select(["a.txt"])
    w.act_download.trigger()
    qtbot.waitUntil(lambda: (tmp_path / "a.txt").exists(), timeout=WAIT)
    transfer = w.queue.connections()[0].connection_id
    qtbot.waitUntil(lambda: panel.scene.connections.get(transfer) is not None, timeout=WAIT)
    # (the panel applies only what a hidden transfer connection's process does not keep for it: its activity)
    qtbot.waitUntil(lambda: panel.connections.active_at(transfer) is not None, timeout=WAIT)
    assert browsing_shown(w)
    assert f"Transfer 1 — {USER}@127.0.0.1:{srv.port}" in items(panel)
    # Latest activity: the next file's data connection takes the panel to the transfer connection
    panel.set_follow(cl.LATEST)
    w.remote.select(["b.bin"])
    w.act_download.trigger()
    # (the queue has two transfer connections: whichever moved the file is followed)
    qtbot.waitUntil(lambda: shown(w) is not None and shown(w).connection_id in transfers(w), timeout=WAIT)
    qtbot.waitUntil(lambda: (tmp_path / "b.bin").exists() and (tmp_path / "b.bin").stat().st_size == 5000)
    assert panel.connection_box.currentText() in (
        f"Transfer 1 — {USER}@127.0.0.1:{srv.port}",
        f"Transfer 2 — {USER}@127.0.0.1:{srv.port}",
    )
    # picking a connection pins it; the browsing connection's next listing does not take the panel away
    panel.connection_box.setCurrentIndex(items(panel).index(f"Browsing — {USER}@127.0.0.1:{srv.port}"))
    assert panel.follow() == cl.PINNED and panel.follow_box.currentText() == "This connection (pinned)"
    (tmp_path / "again").mkdir()
    w.local.set_path(str(tmp_path / "again"))
    w.set_active_side("remote")
    w.remote.select(["b.bin"])
    w.act_download.trigger()

    def latest() -> float:
        return max((panel.connections.active_at(c) or 0.0) for c in transfers(w))

    before = latest()
    qtbot.waitUntil(lambda: latest() > before, timeout=WAIT)
    assert browsing_shown(w)
    # Follow: Transfers goes to the transfer connection at once
    panel.set_follow(cl.FOLLOW_TRANSFERS)
    assert panel.connection_box.currentText().startswith("Transfer ")
    # its whole scene, from the process that kept it while the panel did not show it: every data connection
    qtbot.waitUntil(lambda: shown(w) is not None and shown(w).connection_id in transfers(w), timeout=WAIT)
    assert shown(w).data_connections >= 1 and shown(w).exchanges()[-1].transfer_verb == "RETR"


def test_the_practice_server_is_followed(qtbot, window):
    w, panel = window, window.mode_panel
    bar = panel.practice
    with qtbot.waitSignal(bar.started, timeout=WAIT):
        bar.button.click()
    try:
        qtbot.waitUntil(lambda: "README.txt" in names(w), timeout=WAIT)
        assert browsing_shown(w)
        assert panel.connection_box.currentText().startswith(f"Browsing — {bar.server.user}@127.0.0.1:")
        # "Try it" shows its own exchange, named as the practice
        with qtbot.waitSignal(bar.tried, timeout=30000):
            bar.try_button.click()
        qtbot.waitUntil(lambda: shown(w).ended, timeout=WAIT)
        where = f"{bar.server.user}@127.0.0.1:{bar.server.port}"
        assert panel.connection_box.currentText() == f"Practice — {where} (closed)"
    finally:
        with qtbot.waitSignal(bar.stopped, timeout=WAIT):
            bar.button.click()


# --- the rule itself, on recorded event sequences (no window) ------------------------------------------------
def _up(cid, port=21, at=0.0):
    return ControlConnected(cid, local=("127.0.0.1", 40000 + cid), remote=("127.0.0.1", port), at=at)


def _data(cid, at):
    return DataChannelPlanned(
        cid,
        mode="passive",
        command="EPSV",
        argument="(|||50000|)",
        advertised=("127.0.0.1", 50000),
        target=("127.0.0.1", 50000),
        at=at,
    )


def test_latest_activity_does_not_flicker_between_transfer_connections(qtbot, tmp_path, monkeypatch):
    """Two unnamed connections taking turns within the dwell time: the panel stays; a failure always moves it."""
    monkeypatch.setenv("FTPGUI_CACHE_DIR", str(tmp_path / "cache"))
    panel = ModePanel()
    qtbot.addWidget(panel)

    def plan(cid, at):
        return [CommandSent(cid, text="EPSV", at=at), _data(cid, at)]

    for e in [_up(1), _up(2), *plan(1, 1.0), *plan(2, 1.5)]:
        panel.add_event(e)
    assert panel.connection.connection_id == 1  # 2 moved files within the dwell: no switch
    panel.add_events(plan(2, 1.0 + cl.DWELL + 0.1))
    assert panel.connection.connection_id == 2  # 1 has been quiet longer than the dwell
    panel.add_events([*plan(1, 4.0), DataFailed(1, stage="connect", cause="server-firewall", detail="x", at=4.1)])
    assert panel.connection.connection_id == 1  # a failure is shown at once
    panel.add_event(ControlClosed(2, reason="quit", at=5.0))
    assert [panel.connection_box.itemText(i) for i in range(2)] == [
        "Connection 1 — 127.0.0.1:21",
        "Connection 2 — 127.0.0.1:21 (closed)",
    ]
    assert sc.CONTROL_CLOSED in [s.kind for s in panel.scene.connections[2].steps]
    # the names in Chinese: the role words, and "(closed)" with Chinese brackets and no space
    panel.connections.set_role(1, cl.BROWSING)
    panel.connections.set_role(2, cl.TRANSFER)
    panel.connections.role(2).number = 2
    panel.add_event(CommandSent(1, text="USER alice", at=5.1))
    translator = i18n.install(QApplication.instance(), "zh_CN")
    try:
        qtbot.waitUntil(lambda: panel.follow_box.itemText(0) == "最新活动")
        names = [panel.connection_box.itemText(i) for i in range(2)]
    finally:
        i18n.uninstall(QApplication.instance(), translator)
    assert names == ["浏览 — alice@127.0.0.1:21", "传输 2 — 127.0.0.1:21（已关闭）"]


def test_a_transfer_does_not_wait_out_the_dwell_of_a_listing(qtbot, tmp_path, monkeypatch):
    """The dwell keeps two transfer connections taking turns from flickering; a listing on the browsing
    connection a moment ago does not hold the panel off the files the person just sent for. The other way round
    it does: a listing while a transfer connection is moving files does not take the panel away."""
    monkeypatch.setenv("FTPGUI_CACHE_DIR", str(tmp_path / "cache"))
    panel = ModePanel()
    qtbot.addWidget(panel)

    def plan(cid, at):
        return [CommandSent(cid, text="EPSV", at=at), _data(cid, at)]

    panel.add_events([_up(1), _up(2), _up(3)])
    panel.connections.set_role(1, cl.BROWSING)
    for cid in (2, 3):
        panel.connections.set_role(cid, cl.TRANSFER)
    panel.add_events(plan(1, 1.0))  # the browsing connection lists a folder
    panel.add_events(plan(2, 1.2))  # a download starts
    assert panel.connection.connection_id == 2
    panel.add_events(plan(1, 1.4))  # the person lists another folder meanwhile: the transfer stays
    assert panel.connection.connection_id == 2
    panel.add_events(plan(3, 1.6))  # the other transfer connection, within the dwell: no flicker either
    assert panel.connection.connection_id == 2


def test_a_download_just_after_a_listing_is_followed_at_once(qtbot, window, srv, tmp_path, monkeypatch):
    """In the window: the person downloads right after the listing (here the dwell is ten minutes, so only
    the rule can move the panel before the file is done)."""
    monkeypatch.setattr(cl, "DWELL", 600.0)
    w, panel = window, window.mode_panel
    quick_connect(qtbot, w, srv)
    wait_listing(qtbot, w, "/")
    assert browsing_shown(w) and panel.follow() == cl.LATEST
    assert panel.connections.active_at(w.browser.connection_id) is not None  # (the listing's data connection)
    w.local.set_path(str(tmp_path))
    w.set_active_side("remote")
    w.remote.select(["b.bin"])
    w.act_download.trigger()
    qtbot.waitUntil(lambda: shown(w) is not None and shown(w).connection_id in transfers(w), timeout=WAIT)
    qtbot.waitUntil(lambda: (tmp_path / "b.bin").exists() and (tmp_path / "b.bin").stat().st_size == 5000)
    qtbot.waitUntil(lambda: shown(w) is not None and shown(w).data_connections >= 1, timeout=WAIT)
    assert shown(w).exchanges()[-1].transfer_verb == "RETR"


def test_a_reconnect_of_the_browsing_connection_brings_the_panel_back(qtbot):
    """The browsing session reconnects (same connection, a new control connection): the panel shows it again,
    unless a connection is pinned."""
    panel = ModePanel()
    qtbot.addWidget(panel)
    panel.connections.set_role(1, cl.BROWSING)
    panel.connections.set_role(2, cl.TRANSFER)
    for e in [_up(1), _up(2), CommandSent(2, text="EPSV", at=1.0), _data(2, 1.0)]:
        panel.add_event(e)
    assert panel.connection.connection_id == 2  # the transfer moved a file: latest activity
    panel.add_events([ControlClosed(1, reason="lost", at=2.0), _up(1, at=9.0)])
    assert panel.connection.connection_id == 1 and panel.live_button.isChecked()
    panel.select_connection(2)  # pinned
    panel.add_events([ControlClosed(1, reason="lost", at=10.0), _up(1, at=11.0)])
    assert panel.connection.connection_id == 2 and panel.follow() == cl.PINNED


def test_a_long_connection_name_does_not_widen_the_panel(qtbot):
    panel = ModePanel()
    qtbot.addWidget(panel)
    panel.add_event(_up(1))
    before = panel.minimumSizeHint().width()
    panel.connections.set_role(2, cl.BROWSING)
    panel.add_events([_up(2, port=2121), CommandSent(2, text="USER " + "a-rather-long-user-name" * 4, at=1.0)])
    assert panel.connection_box.currentText().startswith("Browsing — a-rather-long-user-name")
    assert panel.minimumSizeHint().width() == before
    assert panel.connection_box.sizeHint().width() < 300
    # in a narrow dock the name is one line (two moved the rows below when a name changed: note 327), its
    # user name cut first so that the address stays (elided in the middle, it went: QA, note 142); whole in
    # the tooltip
    panel.resize(360, 600)
    panel.show()
    qtbot.waitExposed(panel)
    box = panel.connection_box
    whole, shown = box.currentText(), box.displayed_text()
    assert whole.endswith("@127.0.0.1:2121") and "\n" not in shown
    assert shown.startswith("Browsing — a-rather") and shown.endswith("…@127.0.0.1:2121"), shown
    assert box.fontMetrics().horizontalAdvance(shown) <= box.room()
    assert box.toolTip() == whole
    assert panel.minimumSizeHint().width() == before


def test_a_switch_to_another_connection_shows_it_at_once_not_after_the_step_moving(qtbot, tmp_path, monkeypatch):
    """Found by hand: after a refused login, the right password connected afresh; the connection list named
    the new connection at once, while the picture went on moving the old one's last step under that name for
    up to a second. The step moving belongs to the connection shown before: switching ends it."""
    monkeypatch.setenv("FTPGUI_CACHE_DIR", str(tmp_path / "cache"))
    panel = ModePanel()
    qtbot.addWidget(panel)
    panel.show()
    panel.connections.set_role(1, cl.BROWSING)
    panel.connections.set_role(2, cl.BROWSING)  # (the window names each browsing connection as it opens)
    panel.add_events([_up(1), CommandSent(1, text="EPSV", at=1.0), _data(1, 1.0)])
    qtbot.waitUntil(lambda: panel.view.animating and panel.view.frame.conn is panel.connection)
    assert panel.connection.connection_id == 1
    panel.add_events([ControlClosed(1, reason="quit", at=2.0), _up(2, port=2121, at=9.0)])
    assert panel.connection.connection_id == 2
    assert panel.view.frame.conn is panel.connection  # no other connection's step under its name
    assert "2121" in panel.narration(), panel.narration()
