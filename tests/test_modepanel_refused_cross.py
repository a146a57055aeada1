"""A refused reconnect is one cross, by the server's port, in every frame the panel paints (design notes 388, 446).

Found by QA: the FTP server (pyftpdlib) killed during a queued download; the transfer connection's reconnects
were refused, and the panel's last step ("Transfer 4, refused") showed a second red cross at the client's
side, with no port there, besides the cross at the server's port. The cross rode on the tip of the growing
arrow: the step's first frame, painted whole, put it beside the client (the arrow not yet grown), and the later
frames repaint only the band between the boxes, so it stayed there on the screen. The frames in between showed
the refused arrow ending halfway with a cross at its tip. Now the refusal's step draws its arrow whole, in every
frame (the attempt's step before it showed the arrow travelling), with one cross; and a frame paints nothing of
what moves outside the band it repaints. Since note 446 the arrow stops short of the server's port, the cross
between its tip and the port: a router or a firewall on the way may have refused it.

A real session against pyftpdlib in a 360 px dock, the server stopped under a throttled download (the
connection lost), then reconnects as the queue retries them (refused); the crosses and arrows recorded on the
real painting path of the view's own frames, and the screen as painted (the window's backing store, not a
fresh ``grab``), in English and in Chinese. Screenshots: build/screens/modepanel-refused-*.png.
"""

from __future__ import annotations

import os
import threading

import pytest
from PySide6.QtCore import QObject, QPointF, QRectF, Signal
from PySide6.QtGui import QColor, QGuiApplication
from test_modepanel_fit import SCREENS, docked, language, resize_dock  # noqa: F401 (language: a fixture)

from ftpgui.ftp import FtpError, FtpSession, SessionOptions
from ftpgui.ui.modepanel import picture
from ftpgui.ui.modepanel import scene as sc
from ftpgui.ui.modepanel.canvas import BADGE_GAP, BOX_BOTTOM, BOX_TOP, CONTROL_Y, Colours, canvas_transform
from ftpgui.ui.modepanel.datalane import REFUSED_MARK, REFUSED_SHORT

from ftpserver import PASSWORD, USER

pytestmark = pytest.mark.gui
WIDTH = 360
SIZE = 2_400_000
WAIT = 60_000  # ms: a safety net on a loaded machine, not a performance limit


class Bridge(QObject):
    event = Signal(object)


class Painted:
    """The crosses and the failure-coloured arrows the picture paints, on its real painting path (the view's own
    frames, stills and what moves over them): (serial shown, where, canvas geometry) and (serial, t, end)."""

    def __init__(self, monkeypatch) -> None:
        self.crosses: list = []
        self.arrows: list = []
        cross, arrow = picture._Painter.cross, picture._Painter.arrow
        outer = self

        def cross_spy(self, at, colour):
            outer.crosses.append((self.frame.serial, QPointF(at), self.g))
            return cross(self, at, colour)

        def arrow_spy(self, a, b, colour, t, **kw):
            end = arrow(self, a, b, colour, t, **kw)
            outer.arrows.append((self.frame.serial, t, QPointF(end), QPointF(b), colour == self.c.failure))
            return end

        monkeypatch.setattr(picture._Painter, "cross", cross_spy)
        monkeypatch.setattr(picture._Painter, "arrow", arrow_spy)

    def clear(self) -> None:
        self.crosses.clear()
        self.arrows.clear()

    def whole(self, serial: int) -> bool:
        """The step's last frame is painted: an arrow of it drawn at the animation's end."""
        return any(s == serial and t == 1.0 for s, t, *_ in self.arrows)


@pytest.fixture
def painted(monkeypatch):
    return Painted(monkeypatch)


def servers_port_cross(g) -> QPointF:
    """Where a refused connect's cross belongs: on the lane between the arrow's tip, short of the server's port,
    and the port (a router or a firewall on the way may have refused it: design note 446)."""
    return QPointF(g.lane_r - BADGE_GAP - REFUSED_MARK, CONTROL_Y)


def on_screen(window, view):
    """The view as the screen shows it now: the window's painted backing store, not a fresh paint."""
    image = QGuiApplication.primaryScreen().grabWindow(window.winId()).toImage()
    at = view.mapTo(window, view.rect().topLeft())
    ratio = image.devicePixelRatio()
    return image.copy(int(at.x() * ratio), int(at.y() * ratio), int(view.width() * ratio), int(view.height() * ratio))


def reddish_in_client_box(image, view) -> int:
    """How many pixels of the failure colour the client's box shows (its control port's height: no port there)."""
    g = picture.geometry_for(view.width())
    failure = Colours.for_palette(view.palette()).failure
    box = QRectF(g.client_x, BOX_TOP, g.box_w, BOX_BOTTOM - BOX_TOP)
    area = canvas_transform(QRectF(view.rect())).mapRect(box).toAlignedRect()
    ratio = image.devicePixelRatio()
    count = 0
    for y in range(int(area.top() * ratio), int(area.bottom() * ratio)):
        for x in range(int(area.left() * ratio), int(area.right() * ratio)):
            c = QColor(image.pixel(x, y))
            if abs(c.red() - failure.red()) < 40 and abs(c.green() - failure.green()) < 40 and c.blue() < 90:
                count += 1
    return count


def start(panel, server, local: str, retries: list):
    """A real session on a worker thread, its events reaching the panel: a throttled download (the server is
    stopped under it), then a reconnect each time the test sets the next of ``retries`` (the queue's retry)."""
    bridge = Bridge()
    bridge.event.connect(panel.add_event)
    raised: list = []

    def work() -> None:
        with FtpSession(SessionOptions(mode="passive", timeout=10), bridge.event.emit) as s:
            try:
                s.open(server.host, server.port, USER, PASSWORD)
                s.download("big.bin", local)
            except (FtpError, OSError) as exc:
                raised.append(exc)
            for go in retries:
                go.wait(60)
                try:
                    s.open(server.host, server.port, USER, PASSWORD)
                except (FtpError, OSError) as exc:
                    raised.append(exc)

    thread = threading.Thread(target=work)
    thread.bridge = bridge  # kept alive with the thread
    thread.start()
    return thread, raised


def settled(panel) -> bool:
    conn = panel.connection
    return conn is not None and panel.position == conn.last_serial and not panel.view.animating


def test_a_refused_reconnect_is_one_cross_at_the_servers_port(qtbot, language, make_server, tmp_path, painted):  # noqa: F811
    window, dock, panel = docked(qtbot, WIDTH)
    resize_dock(qtbot, window, dock, WIDTH)
    server = make_server("127.0.0.1", throttle=400_000)
    with open(server.path("big.bin"), "wb") as f:
        f.write(os.urandom(SIZE))
    retries = [threading.Event(), threading.Event()]
    thread, raised = start(panel, server, str(tmp_path / "big.bin"), retries)
    try:
        qtbot.waitUntil(
            lambda: (
                panel.connection is not None
                and panel.connection.current is not None
                and (panel.connection.current.done or 0) > 0
            ),
            timeout=WAIT,
        )
        server.stop()  # killed under the download: the control connection is lost, not refused
        conn = panel.connection
        qtbot.waitUntil(lambda: any(s.kind == sc.CONTROL_CLOSED for s in conn.steps), timeout=WAIT)
        (lost,) = [s for s in conn.steps if s.kind == sc.CONTROL_CLOSED]
        assert lost.reason == "lost"
        qtbot.waitUntil(lambda: settled(panel), timeout=WAIT)

        for attempt, go in enumerate(retries, 1):
            painted.clear()
            go.set()  # the queue's retry: the server's port refuses
            qtbot.waitUntil(lambda n=attempt: sum(s.kind == sc.CONTROL_FAILED for s in conn.steps) == n, timeout=WAIT)
            qtbot.waitUntil(lambda: settled(panel), timeout=WAIT)  # live: the dial, then its refusal, animated
            failed = panel.current_step()
            qtbot.waitUntil(lambda serial=failed.serial: painted.whole(serial), timeout=WAIT)
            assert failed.kind == sc.CONTROL_FAILED and failed.dial.cause == "refused"
            assert failed.dial.remote == (server.host, server.port)
            # every cross painted for the refusal, in every frame: one place, at the server's port
            crosses = [(at, g) for serial, at, g in painted.crosses if serial == failed.serial]
            assert crosses, "no cross for the refusal"
            for at, g in crosses:
                want = servers_port_cross(g)
                assert abs(at.x() - want.x()) < 0.5 and abs(at.y() - want.y()) < 0.5, (attempt, at, want)
            # and every frame's refused arrow is drawn whole, its tip short of the server's port (note 446)
            arrows = [(t, end, b) for serial, t, end, b, red in painted.arrows if serial == failed.serial and red]
            assert arrows and all(end == b for t, end, b in arrows), (attempt, arrows)
            short = crosses[0][1].lane_r - BADGE_GAP - REFUSED_SHORT
            assert all(abs(end.x() - short) < 0.5 for t, end, b in arrows), (attempt, arrows, short)
            # and the screen shows no cross at the client (where no port is)
            screen = on_screen(window, panel.view)
            SCREENS.mkdir(parents=True, exist_ok=True)
            screen.save(str(SCREENS / f"modepanel-refused-{language}-{attempt}.png"))
            assert reddish_in_client_box(screen, panel.view) == 0, f"attempt {attempt}: a red mark at the client"

        # one step back: the attempt itself, its arrow whole to the server's port, no cross anywhere
        painted.clear()
        panel.step_back()
        back = panel.current_step()
        assert back.kind == sc.CONTROL_DIAL
        qtbot.waitUntil(lambda: not panel.view.animating and painted.whole(back.serial), timeout=WAIT)
        assert not [c for c in painted.crosses if c[0] == back.serial]
        screen = on_screen(window, panel.view)
        screen.save(str(SCREENS / f"modepanel-refused-{language}-back.png"))
        assert reddish_in_client_box(screen, panel.view) == 0
        # and forward again: the refusal replayed, its cross only at the server's port
        painted.clear()
        panel.step_forward()
        assert panel.current_step() is failed
        qtbot.waitUntil(lambda: not panel.view.animating and painted.whole(failed.serial), timeout=WAIT)
        assert painted.crosses and all(
            abs(at.x() - servers_port_cross(g).x()) < 0.5 for serial, at, g in painted.crosses
        ), painted.crosses
        assert all(end == b for serial, t, end, b, red in painted.arrows if red), painted.arrows
        assert reddish_in_client_box(on_screen(window, panel.view), panel.view) == 0
    finally:
        for go in retries:
            go.set()
        thread.join(30)
    assert raised and "refused" in str(raised[-1]).lower(), raised
