"""The scenes of the queue's transfer connections are kept where their events are made (``modepanel.kept``).

In the real main window against pyftpdlib, the queue downloads folders on its transfer connections — processes
(Linux) or threads (macOS, Windows, ``FTPGUI_TRANSFER_THREADS=1``), each keeping its connection's scene. The panel
applies only what names, opens or closes a transfer connection it does not show; shown, the connection's
scene comes from its process and must be the very scene every event would have built here (a reference
``Scene`` fed every event the queue passed on), while it runs, after it, and once it has closed.
"""

from __future__ import annotations

import os
import signal
import sys

import pytest
from scenecheck import same_scene

from ftpgui.ui.modepanel import connections as cl
from ftpgui.ui.modepanel import kept
from ftpgui.ui.modepanel import scene as sc

from guihelpers import WAIT, close_window, open_window, quick_connect, wait_listing
from memkeyring import memory_keyring  # noqa: F401 (fixture: never the real keychain)

pytestmark = [
    pytest.mark.gui,
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="transfer processes are Linux's"),
]


@pytest.fixture
def window(qtbot, tmp_path, monkeypatch, make_server):
    monkeypatch.setenv("FTPGUI_CONFIG_DIR", str(tmp_path / "config"))
    w = open_window(qtbot)
    yield w
    close_window(qtbot, w)


@pytest.fixture(params=["process", "thread"])
def kind(request, window):
    window.queue.transfer_processes = request.param == "process"
    return request.param


@pytest.fixture
def srv(make_server):
    srv = make_server("127.0.0.1")
    for folder in ("one", "two"):
        os.mkdir(srv.path(folder))
        for i in range(12):
            with open(srv.path(folder, f"f{i}.bin"), "wb") as f:
                f.write(bytes([i]) * (1000 + i))
    return srv


def download(qtbot, w, tmp_path, folder: str) -> None:
    w.local.set_path(str(tmp_path))
    w.set_active_side("remote")
    w.remote.select([folder])
    w.act_download.trigger()
    qtbot.waitUntil(lambda: len(list((tmp_path / folder).glob("*.bin"))) == 12 and w.queue.is_idle(), timeout=WAIT)


def show(qtbot, panel, cid: int) -> sc.ConnectionScene:
    panel.select_connection(cid)
    qtbot.waitUntil(lambda: panel.connection is not None and panel.connection.connection_id == cid, timeout=WAIT)
    return panel.connection


def test_a_transfer_connection_shown_has_the_scene_every_event_would_have_built(qtbot, window, kind, srv, tmp_path):
    w, panel = window, window.mode_panel
    every = sc.Scene()  # the reference: every event the queue passed on
    w.queue.eventsArrived.connect(lambda events: [every.feed(e) for e in events])
    quick_connect(qtbot, w, srv)
    wait_listing(qtbot, w, "/")
    # Follow: Browsing — the transfer connections are never shown while the queue moves the first folder
    panel.set_follow(cl.FOLLOW_BROWSING)
    download(qtbot, w, tmp_path, "one")
    transfers = [c.connection_id for c in w.queue.connections()]
    assert transfers and set(transfers) <= set(panel.kept.owners)  # their processes keep their scenes
    for cid in transfers:
        hidden = panel.scene.connections[cid]
        assert hidden.data_connections == 0 and hidden.open  # here: only what names, opens or closes it
        assert every.connections[cid].data_connections > 0
        same_scene(show(qtbot, panel, cid), every.connections[cid])  # its scene, from its process
    # Latest activity: the panel follows the transfers through the second folder, fed every event of the
    # connection it shows, and asks for the scene of each one it moves to
    panel.set_follow(cl.LATEST)
    download(qtbot, w, tmp_path, "two")
    qtbot.waitUntil(lambda: panel.connection is not None, timeout=WAIT)
    assert panel.connection.connection_id in transfers
    for cid in transfers:
        same_scene(show(qtbot, panel, cid), every.connections[cid])
    # a transfer connection that closes while not shown leaves its last scene with the panel
    shown = panel.connection.connection_id
    closing = next(c for c in w.queue.connections() if c.connection_id != shown) if len(transfers) > 1 else None
    if closing is None:
        pytest.fail("the queue opened one transfer connection; two were expected for 12 files a folder")
    closing.close()
    qtbot.waitUntil(lambda: closing.connection_id in panel.kept.stored, timeout=WAIT)
    qtbot.waitUntil(lambda: not every.connections[closing.connection_id].open, timeout=WAIT)
    assert any(panel.connection_box.itemText(i).endswith("(closed)") for i in range(panel.connection_box.count()))
    ended = show(qtbot, panel, closing.connection_id)
    assert not ended.open and ended.steps[-1].kind == sc.CONTROL_CLOSED
    same_scene(ended, every.connections[closing.connection_id])


def test_a_killed_transfer_process_takes_its_scene_and_the_connection_starts_again(qtbot, window, srv, tmp_path):
    """A transfer process killed while the panel does not show its connection: the panel does not show the
    scene it half has (it missed that connection's events), but starts it again from nothing, and from the new
    process on (which keeps no scene) it is fed every event."""
    w, panel = window, window.mode_panel
    seen = []  # every event the queue passed on, in order
    w.queue.eventsArrived.connect(seen.extend)
    quick_connect(qtbot, w, srv)
    wait_listing(qtbot, w, "/")
    panel.set_follow(cl.FOLLOW_BROWSING)
    download(qtbot, w, tmp_path, "one")
    victims = list(w.queue.connections())
    lost = []
    for victim in victims:
        assert victim.connection_id in panel.kept.owners
        assert panel.scene.connections[victim.connection_id].data_connections == 0
        victim.recordLost.connect(lost.append)
        os.kill(victim.pid, signal.SIGKILL)
    ids = sorted(v.connection_id for v in victims)
    qtbot.waitUntil(lambda: sorted(lost) == ids, timeout=WAIT)
    for victim in victims:
        assert victim.connection_id not in panel.kept.owners and not victim.keeps_record
        assert not panel.scene.connections[victim.connection_id].steps  # nothing, not a scene missing events
    after = len(seen)
    download(qtbot, w, tmp_path, "two")
    checked = 0
    for cid in ids:
        every = sc.ConnectionScene(cid)
        for event in seen[after:]:
            if event.connection_id == cid:
                every.feed(event)
        if every.data_connections:  # (a new process of that connection moved files)
            same_scene(show(qtbot, panel, cid), every)
            checked += 1
    assert checked >= 1


def test_a_scene_that_comes_late_is_still_applied(qtbot, window, kind, srv, tmp_path, monkeypatch):
    """The panel waits a while for a scene it asked for, then shows what it has; the scene, when it comes,
    still makes the connection whole (here the wait is nothing, so every scene comes late)."""
    monkeypatch.setattr(kept, "RECORD_WAIT_MS", 0)
    w, panel = window, window.mode_panel
    every = sc.Scene()
    w.queue.eventsArrived.connect(lambda events: [every.feed(e) for e in events])
    quick_connect(qtbot, w, srv)
    wait_listing(qtbot, w, "/")
    panel.set_follow(cl.FOLLOW_BROWSING)
    download(qtbot, w, tmp_path, "one")
    for cid in [c.connection_id for c in w.queue.connections()]:
        panel.select_connection(cid)
        qtbot.waitUntil(lambda cid=cid: cid in panel.kept.synced, timeout=WAIT)
        same_scene(panel.connection, every.connections[cid])


def test_while_a_scene_is_on_its_way_the_panel_shows_no_other_connections_step(qtbot, window, kind, srv, tmp_path):
    """The picker names the transfer connection at once; until its scene comes from its process, the picture,
    the narration and the ladder show that its events are awaited — not the step of the connection shown
    before, under the new one's name (seen when "latest activity" moved from browsing to a transfer)."""
    w, panel = window, window.mode_panel
    quick_connect(qtbot, w, srv)
    wait_listing(qtbot, w, "/")
    panel.set_follow(cl.FOLLOW_BROWSING)
    download(qtbot, w, tmp_path, "one")
    browsing = panel.connection
    assert browsing is not None and panel.narration()
    held = []  # the scenes that come, held back while the panel waits for them
    original = kept.KeptScenes.arrived
    kept.KeptScenes.arrived = lambda self, *args: held.append((self, args))  # type: ignore[method-assign]
    try:
        cid = next(c.connection_id for c in w.queue.connections())
        panel.select_connection(cid)
        assert panel.connection_box.currentData() == cid
        if kind == "process":  # (a thread's connection keeps its scene in the panel's process: no wait)
            assert cid in panel.kept.awaiting and panel.connection is None
            assert panel.view.frame.conn is None and panel.narration() == ""
            assert panel.ladder.canvas.conn is None
            qtbot.waitUntil(lambda: bool(held), timeout=WAIT)
    finally:
        kept.KeptScenes.arrived = original  # type: ignore[method-assign]
    for self_, args in held:
        original(self_, *args)
    qtbot.waitUntil(lambda: panel.connection is not None, timeout=WAIT)
    assert panel.connection.connection_id == cid and panel.view.frame.conn is panel.connection
    assert panel.narration() and panel.ladder.canvas.conn is panel.connection
