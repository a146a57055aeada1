"""What the visible panel costs during a tree of small files (issue 16 item 3, ≤ 5 % of the GUI thread, measured
by ``tests/benchmarks/bench_modepanel.py --replay``): these tests pin the behaviour the saving comes from, not a
time. Live shows a run of alike data connections as a still instead of animating each one; a step's animation
paints the picture once and then only what moves, in the band between the boxes; new events stir the motion and
the ladder at most ten times a second."""

from __future__ import annotations

import threading
import time

import pytest
from PySide6.QtCore import QObject, QRect, Signal

from ftpgui.ftp import FtpSession, SessionOptions
from ftpgui.ui.modepanel import ModePanel, picture
from ftpgui.ui.modepanel import panel as panel_module

from ftpserver import PASSWORD, USER

pytestmark = pytest.mark.gui


class Bridge(QObject):
    event = Signal(object)


@pytest.fixture
def panel(qtbot):
    p = ModePanel()
    qtbot.addWidget(p)
    p.resize(820, 600)
    p.show()
    qtbot.waitExposed(p)
    return p


def listings(qtbot, panel, server, count: int, pause: float = 0.0) -> None:
    """``count`` alike listings on a worker thread (``pause`` seconds apart), their events reaching the panel
    through a queued signal."""
    bridge = Bridge()
    bridge.event.connect(panel.add_event)

    def work():
        with FtpSession(SessionOptions(mode="passive", timeout=10), bridge.event.emit) as s:
            s.open(server.host, server.port, USER, PASSWORD)
            for _ in range(count):
                s.listdir()
                time.sleep(pause)

    t = threading.Thread(target=work)
    t.start()
    qtbot.waitUntil(lambda: not t.is_alive(), timeout=30000)
    qtbot.waitUntil(lambda: panel.connection is not None and panel.connection.ended, timeout=5000)


def test_live_shows_a_run_of_alike_data_connections_as_a_still(qtbot, panel, make_server, monkeypatch):
    animated = []
    show_step = panel.view.show_step

    def spy(conn, serial, animate):
        step = conn.step(serial) if conn is not None else None
        if animate and step is not None:
            ex = step.exchange
            animated.append((ex.more, ex.number) if ex is not None else (0, 0))
        return show_step(conn, serial, animate)

    monkeypatch.setattr(panel.view, "show_step", spy)
    listings(qtbot, panel, make_server("127.0.0.1"), 12, pause=0.15)  # Live walks along while they come
    qtbot.waitUntil(lambda: panel.position == panel.connection.last_serial, timeout=10000)
    (run,) = {ex.more for ex in panel.connection.exchanges()} - {0}
    assert run == 11  # the twelve listings are one run, the newest standing for it
    assert animated, "the connection's first steps are animated"
    assert not any(more for more, _ in animated), f"a repeat of the run was animated: {animated}"


def test_live_shows_the_data_connection_being_set_up_after_a_run_as_a_still(qtbot, panel, make_server, monkeypatch):
    """Over a real network a file's data connection is being set up most of the time: when Live catches the
    newest one of a run half-way (its EPSV answered, nothing more yet), it is shown as a still too."""
    server = make_server("127.0.0.1")
    events = []
    with FtpSession(SessionOptions(mode="passive", timeout=10), events.append) as s:
        s.open(server.host, server.port, USER, PASSWORD)
        for _ in range(5):
            s.listdir()
    epsv = [i for i, e in enumerate(events) if type(e).__name__ == "CommandSent" and e.text.startswith("EPSV")]
    assert len(epsv) == 5
    reply = next(i for i in range(epsv[-1], len(events)) if type(events[i]).__name__ == "ReplyReceived")
    animated = []
    show_step = panel.view.show_step

    def spy(conn, serial, animate):
        step = conn.step(serial) if conn is not None else None
        if animate and step is not None and step.exchange is not None:
            animated.append(step.exchange.number)
        return show_step(conn, serial, animate)

    monkeypatch.setattr(panel.view, "show_step", spy)
    panel.view.duration_ms = 50  # (the first steps play quickly)
    panel.add_events(events[: reply + 1])  # four listings, and the fifth's EPSV answered
    conn = panel.connection
    assert conn.current is not None and conn.current.number == 5 and conn.exchanges()[-2].more == 3
    qtbot.waitUntil(lambda: panel.position == conn.last_serial and not panel.view.animating, timeout=10000)
    assert panel.current_step().exchange.number == 5  # Live is on the newest, still being set up
    assert 5 not in animated, f"the data connection being set up after a run was animated: {animated}"


def test_an_animation_paints_the_picture_once_then_only_what_moves(qtbot, panel, make_server, monkeypatch):
    listings(qtbot, panel, make_server("127.0.0.1"), 1)
    panel.go_first()  # replay, paused: one step's animation at a time
    panel.view.finish_animation()
    dial = next(s for s in panel.connection.steps if s.exchange is not None and s.kind == "dial")
    pictures, frames = [], []
    paint, paint_event = picture._Painter.paint, panel.view.paintEvent
    monkeypatch.setattr(picture._Painter, "paint", lambda self, frame: (pictures.append(1), paint(self, frame)))

    def counted(event):
        frames.append(QRect(event.rect()))
        return paint_event(event)

    monkeypatch.setattr(panel.view, "paintEvent", counted)
    panel.view.duration_ms = 900
    panel.go_to(dial.serial, animate=True)
    qtbot.waitUntil(lambda: not panel.view.animating, timeout=5000)
    assert len(frames) >= 8  # it moved
    assert len(pictures) <= 3  # the still (again if something else changed), and the last frame once it ended
    band = [r for r in frames[1:-1] if r.height() < panel.view.height()]
    assert len(band) >= 4  # the frames between repaint only the band where the arrow grows


def test_new_events_stir_the_motion_and_the_ladder_ten_times_a_second(qtbot, panel, make_server, monkeypatch):
    stirred = []
    on_stir = panel._on_stir
    monkeypatch.setattr(panel, "_on_stir", lambda: (stirred.append(1), on_stir()))
    panel._stir.timeout.disconnect()
    panel._stir.timeout.connect(panel._on_stir)
    assert panel._stir.interval() == panel_module.STIR_MS == 100
    listings(qtbot, panel, make_server("127.0.0.1"), 20)
    events = len(panel.connection.transcript)
    assert events > 100 and len(stirred) < events / 4


def _state(panel: ModePanel):
    """What the panel knows and shows: every connection's steps and transcript, the picked one, the list."""
    scenes = {
        cid: (
            [(s.serial, s.kind, s.exchange.number if s.exchange else None) for s in conn.steps],
            len(conn.transcript),
            [(s.serial if s else None, made) for s, made, _ in conn.transcript_steps],
            conn.data_connections,
        )
        for cid, conn in panel.scene.connections.items()
    }
    items = [panel.connection_box.itemText(i) for i in range(panel.connection_box.count())]
    return scenes, panel._selected, items, panel._dirty, panel._stirred


def test_a_batch_of_events_is_fed_as_each_one_would_be(qtbot, make_server):
    """``add_events`` takes a shorter path for the events the follow rule does not read: what the panel
    knows and shows is the same as when each event is fed through ``add_event``."""
    server = make_server("127.0.0.1")
    events, lock = [], threading.Lock()

    def listen(e) -> None:
        with lock:
            events.append(e)

    def work() -> None:  # three connections taking turns: their events interleave
        sessions = [FtpSession(SessionOptions(mode=m, timeout=10), listen) for m in ("passive", "active", "auto")]
        for s in sessions:
            s.open(server.host, server.port, USER, PASSWORD)
        for i in range(12):
            for s in sessions[: 3 - i // 5]:
                s.listdir()
        for s in sessions:
            s.close()

    t = threading.Thread(target=work)
    t.start()
    qtbot.waitUntil(lambda: not t.is_alive(), timeout=60000)
    assert len({e.connection_id for e in events}) == 3 and len(events) > 150
    one, batched = ModePanel(), ModePanel()
    for p in (one, batched):
        qtbot.addWidget(p)
    for size in (1, 7, 40):  # batches of each size; the state compared after each batch
        one.clear()
        batched.clear()
        for i in range(0, len(events), size):
            chunk = events[i : i + size]
            for e in chunk:
                one.add_event(e)
            batched.add_events(chunk)
            assert _state(batched) == _state(one), (size, i)
            for p in (one, batched):  # the timers fire between batches, as the event loop would let them
                assert p._refresh_timer.isActive() == one._refresh_timer.isActive(), (size, i)
                assert p._stir.isActive() == one._stir.isActive(), (size, i)
            for p in (one, batched):
                if p._refresh_timer.isActive():
                    p._refresh_timer.stop()
                    p._refresh()
                if p._stir.isActive():
                    p._stir.stop()
                    p._on_stir()
            assert (batched.position, batched.connection_box.currentIndex()) == (
                one.position,
                one.connection_box.currentIndex(),
            ), (size, i)
