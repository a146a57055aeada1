"""The control connection's connect attempt (issue 16, item 3): ``ControlConnecting`` before the connect and
``ControlConnectFailed`` when it fails, from real sockets; the mode panel draws the attempt growing toward its
timeout with the seconds counted, and ends a refused or unanswered one at a failure; the message log and the
transcript say it in words.

A connect nobody answers is made on loopback: a listening socket whose backlog is full (one connection
queued and never accepted) drops the next SYN, so the connect waits for its timeout, as behind a firewall
that drops it (``test_netns.py`` has the real firewall).
"""

from __future__ import annotations

import errno
import socket
import threading
import time

import pytest
from PySide6.QtCore import QObject, Signal

from ftpgui.ftp import (
    ConnectError,
    ControlConnected,
    ControlConnectFailed,
    ControlConnecting,
    FtpSession,
    SessionOptions,
)
from ftpgui.ui.message_log import MessageLog
from ftpgui.ui.modepanel import ModePanel, picture
from ftpgui.ui.modepanel import controldial as cd
from ftpgui.ui.modepanel import ladder as ld
from ftpgui.ui.modepanel import motion as mo
from ftpgui.ui.modepanel import scene as sc

from ftpserver import PASSWORD, USER

pytestmark = pytest.mark.gui


class Unanswered:
    """A loopback port whose SYNs go unanswered: its listener's backlog is full and never accepted."""

    def __init__(self) -> None:
        self.listener = socket.socket()
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(0)
        self.port = self.listener.getsockname()[1]
        self.filler = socket.create_connection(("127.0.0.1", self.port), timeout=5)

    def close(self) -> None:
        self.filler.close()
        self.listener.close()


@pytest.fixture
def unanswered():
    u = Unanswered()
    yield u
    u.close()


def refused_port() -> int:
    """A loopback port nothing listens on (bound, then closed: the kernel answers a SYN with a reset)."""
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def connect(port: int, timeout: float, listener) -> BaseException:
    with FtpSession(SessionOptions(timeout=timeout), listener) as s:
        try:
            s.open("127.0.0.1", port, USER, PASSWORD)
        except ConnectError as exc:
            return exc
    raise AssertionError("connected")


# --- the engine -----------------------------------------------------------------------------------------
def test_the_attempt_is_reported_before_the_connection(server):
    events = []
    with FtpSession(SessionOptions(timeout=7), events.append) as s:
        s.open(server.host, server.port, USER, PASSWORD)
    dialled, connected = events[0], events[1]
    assert isinstance(dialled, ControlConnecting) and isinstance(connected, ControlConnected)
    assert dialled.remote == connected.remote == (server.host, server.port) and dialled.timeout == 7
    assert dialled.at <= connected.at
    assert not any(isinstance(e, ControlConnectFailed) for e in events)


def test_a_refused_connect_is_reported_as_refused():
    port = refused_port()
    events = []
    exc = connect(port, 5, events.append)
    assert "refused" in str(exc).lower()
    assert [type(e) for e in events] == [ControlConnecting, ControlConnectFailed]
    failed = events[1]
    assert failed.remote == ("127.0.0.1", port) and failed.cause == "refused" and failed.errno == errno.ECONNREFUSED


def test_a_connect_nobody_answers_ends_at_its_timeout(unanswered):
    events = []
    exc = connect(unanswered.port, 1.5, events.append)
    assert "timed out after 1.5 s" in str(exc)
    assert [type(e) for e in events] == [ControlConnecting, ControlConnectFailed]
    assert events[0].timeout == 1.5 and events[1].cause == "timeout"
    assert events[1].at - events[0].at >= 1.4  # it waited for the timeout (measured, not a limit)


# --- the mode panel -------------------------------------------------------------------------------------
class Bridge(QObject):
    event = Signal(object)


@pytest.fixture
def panel(qtbot):
    p = ModePanel()
    qtbot.addWidget(p)
    p.resize(760, 900)
    p.show()
    qtbot.waitExposed(p)
    return p


def in_background(panel, port: int, timeout: float):
    """A session connecting on a worker thread, its events reaching the panel through a queued signal."""
    bridge = Bridge()
    bridge.event.connect(panel.add_event)
    done = []
    t = threading.Thread(target=lambda: done.append(connect(port, timeout, bridge.event.emit)))
    t.start()
    return t, bridge, done


def arrows_drawn(monkeypatch, panel, now: float) -> list:
    """How far each arrow of the picture is drawn (0…1) when painted at monotonic time ``now``."""
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QImage, QPainter

    drawn = []
    arrow = picture._Painter.arrow

    def spy(self, a, b, colour, t, **kw):
        drawn.append(t)
        return arrow(self, a, b, colour, t, **kw)

    monkeypatch.setattr(picture._Painter, "arrow", spy)
    view = panel.view
    frame = picture.Frame(view.frame.conn, view.frame.serial, 1.0, now=now)
    image = QImage(760, 470, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    picture.paint_picture(painter, QRectF(0, 0, 760, 470), view.palette(), frame, view.font())
    painter.end()
    monkeypatch.setattr(picture._Painter, "arrow", arrow)
    return drawn


def test_the_panel_draws_the_attempt_growing_toward_its_timeout(qtbot, panel, unanswered, monkeypatch):
    worker, _bridge, done = in_background(panel, unanswered.port, 3)
    try:
        qtbot.waitUntil(lambda: panel.current_step() is not None, timeout=5000)
        conn, step = panel.connection, panel.current_step()
        assert step.kind == sc.CONTROL_DIAL and step.dial.remote == ("127.0.0.1", unanswered.port)
        qtbot.waitUntil(lambda: panel.view.moving, timeout=3000)  # the motion timer runs while it waits
        assert mo.present(conn, step).kind == "control"
        start = step.dial.started
        early, late = arrows_drawn(monkeypatch, panel, start + 0.6), arrows_drawn(monkeypatch, panel, start + 2.4)
        assert early == [pytest.approx(0.2)] and late == [pytest.approx(0.8)]  # its share of the 3 s timeout
        assert cd.lane_label(step, 2.4) == "connecting… 2 s of 3 s"
        assert panel.narration() == (
            f"The client dials the server's port {unanswered.port} at 127.0.0.1 to open the control connection, "
            "and waits up to 3 s for an answer."
        )
        assert "(connecting…)" in panel.connection_box.currentText()
        panel.tabs.setCurrentWidget(panel.ladder)
        qtbot.waitUntil(lambda: bool(panel.ladder.canvas.rows), timeout=3000)
        assert [r.label for r in panel.ladder.canvas.rows] == [f"connecting to port {unanswered.port}…"]
    finally:
        worker.join()
    assert done and "timed out" in str(done[0])
    qtbot.waitUntil(lambda: panel.current_step().kind == sc.CONTROL_FAILED, timeout=5000)
    qtbot.waitUntil(lambda: not panel.view.moving, timeout=3000)  # nothing moves any more
    assert panel.narration().startswith(f"No answer from 127.0.0.1 port {unanswered.port} within 3 s")
    assert "(could not connect)" in panel.connection_box.currentText()
    qtbot.waitUntil(lambda: panel.ladder.canvas.rows[-1].kind == ld.FAIL, timeout=3000)
    (row,) = panel.ladder.canvas.rows  # the attempt's note is replaced by its failure, stopped at a wall
    assert row.wall == "server" and row.label == "no control connection: no answer within 3 s"
    assert row.to_port == str(unanswered.port)
    assert f"connecting to 127.0.0.1:{unanswered.port} failed" in panel.transcript()
    panel.grab().save("build/screens/modepanel-control-timeout.png")


def test_a_refused_connect_ends_short_of_the_servers_port(qtbot, panel):
    port = refused_port()
    worker, _bridge, _done = in_background(panel, port, 5)
    worker.join()
    qtbot.waitUntil(lambda: panel.current_step() is not None and panel.current_step().kind == sc.CONTROL_FAILED)
    step = panel.current_step()
    assert step.dial.cause == "refused"
    assert panel.narration() == (
        f"The connect to 127.0.0.1 port {port} was refused (a TCP reset or an ICMP “unreachable” came back): the "
        "server is not running there, or a firewall rejects the connection. Check the host and the port."
    )
    assert not panel.view.moving
    panel.go_to(step.serial)  # (not animated: the arrow reaches the server's port)
    assert arrows_drawn(pytest.MonkeyPatch(), panel, time.monotonic()) == [1.0]
    assert cd.lane_label(step, None) == f"refused: nothing accepts port {port}"
    panel.tabs.setCurrentWidget(panel.ladder)
    qtbot.waitUntil(lambda: bool(panel.ladder.canvas.rows), timeout=3000)
    (row,) = panel.ladder.canvas.rows
    assert row.kind == ld.FAIL and row.channel == "control" and "refused" in row.label


def test_a_connect_that_succeeded_is_not_said_to_wait_any_more(qtbot, panel, server):
    """Step 1 said "waits up to 30 s for an answer" for up to 200 ms after the connection was up (design note
    290): the attempt's step, replaced by the connection's own, stayed described until the panel's next refresh.
    The real engine's events, fed as the window feeds them, no event loop run between them (no refresh)."""
    events = []
    with FtpSession(SessionOptions(timeout=30), events.append) as s:
        s.open(server.host, server.port, USER, PASSWORD)
    dialled, connected = events[0], events[1]
    panel.add_events([dialled])
    assert panel.current_step().kind == sc.CONTROL_DIAL
    assert panel.narration().endswith("and waits up to 30 s for an answer.")
    panel.add_events([connected])
    assert panel.current_step().kind == sc.CONTROL and panel.current_step().serial == panel.position
    assert panel.narration().startswith(f"The client connected from its port {connected.local[1]} "), panel.narration()
    assert "waits up to" not in panel.narration() and not panel.view.moving  # (no seconds counted either)


def test_in_chinese(qtbot, panel, chinese):
    port = refused_port()
    worker, _bridge, _done = in_background(panel, port, 5)
    worker.join()
    qtbot.waitUntil(lambda: panel.current_step() is not None and panel.current_step().kind == sc.CONTROL_FAILED)
    assert panel.narration().startswith(f"到 127.0.0.1 端口 {port} 的连接被拒绝（收到了 TCP 重置或 ICMP“不可达”）")
    assert "（无法连接）" in panel.connection_box.currentText()
    panel.go_to(panel.connection.first_serial)
    assert panel.narration().startswith(f"客户端向 127.0.0.1 的服务器端口 {port} 发起连接")


def test_the_message_log_says_it(qtbot):
    log = MessageLog()
    qtbot.addWidget(log)
    port = refused_port()
    events = []
    connect(port, 5, events.append)
    log.add_events(events)
    text = log.toPlainText()
    assert f"Connecting to 127.0.0.1:{port}…" in text
    assert f"Connection attempt to 127.0.0.1:{port} failed: Connection refused" in text
