"""A failed data connection is drawn as what is known of it, whole, in every frame (design notes 390 and 391).

Found by QA: a passive data connection refused (a reset from the server's address) was drawn stopped at a
firewall before the server, though a refusal is no proof of one — a timeout is the usual sign of a firewall that
drops the packets; and a failed data connection's arrow grew with the step's animation, a cross on its tip (as a
refused reconnect's did before note 388). Now a refused connect's arrow reaches the server's port, with one
cross there and words that say what a refusal means; a timed-out one stops at the likely wall; each drawn whole
in every frame, its cross in one place.

Real sessions against pyftpdlib in a 360 px dock, English and Chinese: EPSV answered with a port nothing listens
on (refused), or with a port whose connects time out (the practice server's black hole); the crosses, arrows
and walls recorded on the real painting path of the view's own frames. Screenshots: build/screens/.
"""

from __future__ import annotations

import socket
import threading

import pytest
from PySide6.QtCore import QPointF
from test_modepanel_fit import SCREENS, docked, language, resize_dock  # noqa: F401 (language: a fixture)
from test_modepanel_refused_cross import Bridge, Painted

from ftpgui.ftp import FtpError, FtpSession, SessionOptions
from ftpgui.practice import _Blackhole
from ftpgui.ui.modepanel import ladder as ld
from ftpgui.ui.modepanel import ladderpaint, picture
from ftpgui.ui.modepanel import scene as sc
from ftpgui.ui.modepanel import whatif as wi
from ftpgui.ui.modepanel.canvas import BADGE_GAP, DATA_Y

from ftpserver import PASSWORD, USER

pytestmark = pytest.mark.gui
WIDTH = 360
WAIT = 60_000  # ms: a safety net on a loaded machine, not a performance limit


@pytest.fixture
def painted(monkeypatch):
    spy = Painted(monkeypatch)
    spy.walls = []
    wall = picture._Painter.wall

    def wall_spy(self, side, colour, *args, **kwargs):
        spy.walls.append((self.frame.serial, side))
        return wall(self, side, colour, *args, **kwargs)

    monkeypatch.setattr(picture._Painter, "wall", wall_spy)
    return spy


def closed_port() -> int:
    """A loopback port nothing listens on (a connect to it is refused)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def download(panel, server, local: str, timeout: float) -> threading.Thread:
    """A real passive session on a worker thread, its events reaching the panel: one download, which fails."""
    bridge = Bridge()
    bridge.event.connect(panel.add_event)

    def work() -> None:
        with FtpSession(SessionOptions(mode="passive", timeout=timeout), bridge.event.emit) as s:
            s.open(server.host, server.port, USER, PASSWORD)
            try:
                s.download("a.txt", local)
            except FtpError:
                pass

    thread = threading.Thread(target=work)
    thread.bridge = bridge  # kept alive with the thread
    thread.start()
    return thread


def failed_step(qtbot, panel, painted):
    """The failure's step, shown live (the panel stops there), its last frame painted."""
    qtbot.waitUntil(lambda: panel.current_step() is not None and panel.current_step().kind == sc.FAILED, timeout=WAIT)
    qtbot.waitUntil(lambda: not panel.view.animating, timeout=WAIT)
    step = panel.current_step()
    qtbot.waitUntil(lambda: painted.whole(step.serial), timeout=WAIT)
    return step


def one_place(painted, serial):
    """Every cross and every red arrow the failed step's frames painted: each in one place (none moves)."""
    crosses = {(round(at.x(), 1), round(at.y(), 1)) for s, at, g in painted.crosses if s == serial}
    ends = {(round(end.x(), 1), round(end.y(), 1)) for s, t, end, b, red in painted.arrows if s == serial and red}
    assert len(crosses) == 1, f"the cross moved: {sorted(crosses)}"
    assert len(ends) == 1, f"the arrow grew: {sorted(ends)}"
    return QPointF(*crosses.pop()), QPointF(*ends.pop())


def short_of_the_port(painted, serial, port_end: QPointF, badge_edge: float):
    """The refused arrow's tip and its one cross: the tip short of the port's end of the lane, the cross between
    the tip and the port's badge (``badge_edge``: its side facing the arrow), on the lane — nothing drawn says
    the attempt reached the port, which a router or a firewall on the way may have refused (note 446)."""
    cross, end = one_place(painted, serial)
    towards = 1.0 if port_end.x() > end.x() else -1.0
    assert abs(end.y() - DATA_Y) < 0.5 and abs(cross.y() - DATA_Y) < 0.5, (end, cross)
    assert (port_end.x() - end.x()) * towards >= 30, (end, port_end)  # the tip well short of the port
    assert (cross.x() - end.x()) * towards - 8 >= 4, (cross, end)  # the cross past the tip, not on it
    assert (badge_edge - (cross.x() + 8 * towards)) * towards >= 4, (cross, badge_edge)  # before the port's badge
    return cross, end


def ladder_failures(monkeypatch) -> list:
    """(arrow's end x, the listening lifeline's x) of each failed row's arrow the ladder paints (drawn 1.8 wide)."""
    found = []
    arrow = ladderpaint.LadderPainter.arrow

    def spy(self, a, b, colour, width, dashed=False):
        if abs(width - 1.8) < 0.01:
            found.append((b.x(), self.right if b.x() > a.x() else self.left))
        return arrow(self, a, b, colour, width, dashed)

    monkeypatch.setattr(ladderpaint.LadderPainter, "arrow", spy)
    return found


def test_a_refused_passive_connect_stops_short_of_the_servers_port(qtbot, language, make_server, painted, monkeypatch):  # noqa: F811
    port = closed_port()
    server = make_server("127.0.0.1", replies={"EPSV": f"229 Entering Extended Passive Mode (|||{port}|)"})
    with open(server.path("a.txt"), "wb") as f:
        f.write(b"hello\n")
    window, dock, panel = docked(qtbot, WIDTH)
    resize_dock(qtbot, window, dock, WIDTH)
    thread = download(panel, server, server.path("copy.txt"), timeout=10)
    try:
        painted.clear()
        step = failed_step(qtbot, panel, painted)
        ex = step.exchange
        assert ex.failure[:2] == ("connect", "server-firewall")  # the engine's cause: its words hedge ("likely")
        g = next(g for serial, at, g in painted.crosses if serial == step.serial)
        port_end = QPointF(g.lane_r - BADGE_GAP, DATA_Y)  # where a connected arrow ends: at the server's port
        cross, end = short_of_the_port(painted, step.serial, port_end, g.lane_r - 23)  # (a badge: 46 px or more)
        assert not [w for w in painted.walls if w[0] == step.serial], "a firewall drawn for a refusal"
        assert ex.failed_how == "refused"
        words = panel.narration()  # the engine's words, and what a refusal means: no firewall drawn or claimed
        assert "TCP reset or an ICMP" in words or "TCP 重置或 ICMP" in words, words  # not which one (note 442)
        assert "reset came back from the server" not in words and "服务器的地址发回了重置" not in words, words
        SCREENS.mkdir(parents=True, exist_ok=True)
        assert dock.grab().save(str(SCREENS / f"modepanel-data-refused-{language}.png"))
        failures = ladder_failures(monkeypatch)
        panel.tabs.setCurrentIndex(1)  # the ladder: its row short of the port, no barrier
        assert dock.grab().save(str(SCREENS / f"modepanel-data-refused-ladder-{language}.png"))
        assert failures and all(abs(lifeline - end) >= 20 for end, lifeline in failures), failures
        # the port the server named, not "listens on port N" above "port N refused" (design note 482)
        qtbot.waitUntil(lambda: bool(panel.ladder.canvas.rows), timeout=WAIT)
        labels = [row.label for row in panel.ladder.canvas.rows]
        named = next(row for row in panel.ladder.canvas.rows if str(port) in row.label and row.kind == ld.NOTE)
        assert named.neutral and named.label in (f"the server named port {port}", f"服务器给出了端口 {port}"), labels
        assert not any("listens" in label or "监听" in label for label in labels), labels
        panel.tabs.setCurrentIndex(0)
        # What if the server's passive range were open: not that it "would get through" — nothing may listen there
        panel.set_firewalls(wi.Firewalls(server=True, passive_range_open=True))
        imagined = panel.narration()
        assert "would get through" not in imagined and "就能通过" not in imagined, imagined
        assert "nothing listens" in imagined or "无程序监听" in imagined, imagined
        panel.set_firewalls(wi.Firewalls())
        # replayed: the same, one cross at the port in every frame
        panel.step_back()
        qtbot.waitUntil(lambda: not panel.view.animating, timeout=WAIT)
        painted.clear()
        panel.step_forward()
        qtbot.waitUntil(lambda: not panel.view.animating and painted.whole(step.serial), timeout=WAIT)
        assert one_place(painted, step.serial) == (cross, end)
    finally:
        thread.join(30)


def test_a_refused_active_connect_stops_short_of_the_clients_port(qtbot, language, make_server, painted):  # noqa: F811
    # the server really connects to a port nothing listens on at the client's address, refused, and says so as
    # ProFTPD does ("425 Unable to build data connection: Connection refused")
    server = make_server("127.0.0.1", refusing_client=True)
    with open(server.path("a.txt"), "wb") as f:
        f.write(b"hello\n")
    window, dock, panel = docked(qtbot, WIDTH)
    resize_dock(qtbot, window, dock, WIDTH)
    bridge = Bridge()
    bridge.event.connect(panel.add_event)

    def work() -> None:
        with FtpSession(SessionOptions(mode="active", timeout=10), bridge.event.emit) as s:
            s.open(server.host, server.port, USER, PASSWORD)
            try:
                s.download("a.txt", server.path("copy.txt"))
            except FtpError:
                pass

    thread = threading.Thread(target=work)
    thread.start()
    try:
        painted.clear()
        step = failed_step(qtbot, panel, painted)
        ex = step.exchange
        assert ex.mode == "active" and ex.failed_how == "refused", (ex.mode, ex.failed_how, ex.failure)
        g = next(g for serial, at, g in painted.crosses if serial == step.serial)
        port_end = QPointF(g.lane_l + BADGE_GAP, DATA_Y)  # where the server's arrow ends once connected
        short_of_the_port(painted, step.serial, port_end, g.lane_l + 23)
        red = [a for a in painted.arrows if a[0] == step.serial and a[4]]
        assert red and all(b.x() < g.width / 2 for *_x, b, _red in red), red  # the server's, toward the client
        assert not [w for w in painted.walls if w[0] == step.serial], "a firewall drawn for a refusal"
        words = panel.narration()
        assert "TCP reset or an ICMP" in words or "TCP 重置或 ICMP" in words, words
        SCREENS.mkdir(parents=True, exist_ok=True)
        assert dock.grab().save(str(SCREENS / f"modepanel-data-refused-active-{language}.png"))
        panel.tabs.setCurrentIndex(1)
        assert dock.grab().save(str(SCREENS / f"modepanel-data-refused-active-ladder-{language}.png"))
        panel.tabs.setCurrentIndex(0)
    finally:
        thread.join(30)


def test_a_timed_out_passive_connect_stops_at_the_wall_whole_in_every_frame(qtbot, language, make_server, painted):  # noqa: F811
    hole = _Blackhole()
    server = make_server("127.0.0.1", replies={"EPSV": f"229 Entering Extended Passive Mode (|||{hole.port}|)"})
    with open(server.path("a.txt"), "wb") as f:
        f.write(b"hello\n")
    window, dock, panel = docked(qtbot, WIDTH)
    resize_dock(qtbot, window, dock, WIDTH)
    thread = download(panel, server, server.path("copy.txt"), timeout=2)
    try:
        painted.clear()
        step = failed_step(qtbot, panel, painted)
        cross, end = one_place(painted, step.serial)
        g = next(g for serial, at, g in painted.crosses if serial == step.serial)
        wall_x = g.lane_r - g.wall_inset
        assert abs(end.x() - (wall_x - 14)) < 0.5, (end, wall_x)  # stopped at the wall in front of the server
        assert abs(cross.x() - (wall_x - 16)) < 0.5 and abs(cross.y() - (DATA_Y - 20)) < 0.5, cross
        assert "server" in {side for serial, side in painted.walls if serial == step.serial}, painted.walls
        assert step.exchange.failed_how == "timeout"
        SCREENS.mkdir(parents=True, exist_ok=True)
        assert dock.grab().save(str(SCREENS / f"modepanel-data-timeout-{language}.png"))
    finally:
        thread.join(30)
        hole.close()
