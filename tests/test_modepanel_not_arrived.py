"""Active mode, a 425 and nothing at the client's port: the mode panel draws only what is known (design note 155).

The client cannot see whether the server dialled and a firewall here dropped the connection, or the server never
dialled (the practice server's simulated client firewall answers 425 without dialling; a server behind NAT may dial
a wrong address). The picture and the ladder drew the server's arrow solid, stopped at the client's wall, as a fact;
now it is dashed (not seen), and the words say that no connection arrived at port N, the likely cause as likely. A
connection the client saw fail (its own connect, in passive mode) is drawn as before.

Real exchanges: the practice server on 127.0.0.1, and pyftpdlib behind a real client firewall (iptables rejecting
every connection from outside in the client's network namespace: pyftpdlib dials, is reset, answers 425), in a 360
px dock, in English and in Chinese. Screenshots go to build/screens/ (modepanel-not-arrived-*.png).
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QLineF, QPoint, QRectF, Qt
from PySide6.QtGui import QHelpEvent, QImage
from PySide6.QtWidgets import QApplication, QToolTip
from test_modepanel_decoded import Recorder
from test_modepanel_fit import assert_fits, shoot, start_practice
from test_modepanel_narrow import (  # noqa: F401 (language, lab, dock: fixtures)
    Drawn,
    dock,
    lab,
    language,
    show,
    squash,
    step_of,
)

from ftpgui.ui.modepanel import failedarrow as fa
from ftpgui.ui.modepanel import narration as nr
from ftpgui.ui.modepanel import picture
from ftpgui.ui.modepanel import scene as sc
from ftpgui.ui.modepanel import whatif as wi
from ftpgui.ui.modepanel.ladder import ROW_H
from ftpgui.ui.modepanel.ladderrows import FAIL, build_rows

from panellab import SERVER_IP

pytestmark = pytest.mark.gui


class Lines(Recorder):
    """Also keeps each line drawn: (line, pen style, pen colour)."""

    def __init__(self, device) -> None:
        super().__init__(device)
        self.lines = []

    def drawLine(self, *args):
        line = QLineF(*args) if len(args) > 1 else QLineF(args[0])
        self.lines.append((line, self.pen().style(), self.pen().color().name()))
        return super().drawLine(*args)


def data_lane_lines(panel) -> list:
    """The failure-coloured lines along the data lane (the arrow; not the cross's diagonals), as painted."""
    view = panel.view
    image = QImage(view.size(), QImage.Format.Format_ARGB32)
    painter = Lines(image)
    picture.paint_picture(painter, QRectF(view.rect()), view.palette(), view.frame, view.font())
    painter.end()
    failure = picture.Colours.for_palette(view.palette()).failure.name()
    return [
        style
        for line, style, colour in painter.lines
        if colour == failure and abs(line.dy()) < 0.5 and abs(line.y1() - picture.DATA_Y) < 0.5 and line.dx()
    ]


def port_of(command_line: str) -> int:
    """The port a PORT or EPRT line names, read here on its own."""
    verb, _, argument = command_line.partition(" ")
    if verb.upper() == "PORT":
        p1, p2 = argument.split(",")[4:6]
        return int(p1) * 256 + int(p2)
    return int(argument.split(argument[0])[3])


def expected_words(lang: str, port: int) -> str:
    if lang == "en":
        return f"no connection arrived at port {port}: likely a firewall at the client"
    return f"没有连接到达端口 {port}：很可能是客户端的防火墙"


def assert_not_arrived(qtbot, panel, dock_, lang: str, name: str) -> None:
    """The failed active data connection: a 425, nothing at the port; drawn dashed, and said as what it is."""
    conn = panel.connection
    failed = step_of(panel, sc.FAILED)
    ex = failed.exchange
    assert ex.failure[:2] == ("accept", "client-firewall") and ex.reply_code == 425 and ex.local is None
    port = port_of(ex.command_line)
    words = expected_words(lang, port)
    arrow = fa.failed_arrow(ex)
    assert (arrow.dialer, arrow.seen, arrow.wall, arrow.port) == ("server", False, "client", str(port))
    assert arrow.words == arrow.row == words
    # the picture: the words whole, the client's port, the server's arrow dashed (never a solid one stopped there)
    drawn = show(qtbot, panel, failed)
    drawn.check(f"{lang} {name}")
    assert drawn.whole(words), drawn.texts
    assert not drawn.whole(nr.failed_because("client-firewall")), drawn.texts
    assert str(port) in drawn.texts  # its badge: the port the client opened and nothing reached
    assert data_lane_lines(panel) == [Qt.PenStyle.DashLine]
    assert_fits(dock_.widget(), panel, f"{lang} {name}")
    shoot(dock_, f"modepanel-not-arrived-{name}-{lang}")
    # the ladder: one failed row, from the server, dashed, ending at the client's port behind its wall
    rows = [r for r in build_rows(conn, set(), wi.Firewalls()) if r.kind == FAIL]
    assert [(r.label, r.seen, r.to_server, r.wall, r.to_port) for r in rows] == [
        (words, False, False, "client", str(port))
    ]
    panel.tabs.setCurrentWidget(panel.ladder)
    qtbot.waitUntil(lambda: any(r.kind == FAIL for r in panel.ladder.canvas.rows), timeout=5000)
    canvas = panel.ladder.canvas
    (at,) = [i for i, r in enumerate(canvas.rows) if r.kind == FAIL]
    assert not canvas.rows[at].seen
    panel.ladder.ensureVisible(0, int(canvas.row_top(at)), 0, 80)  # (in the screenshot)
    # in a narrow dock the row's words were shortened ("no connection arriv…") and said whole only when hovered:
    # they are drawn whole now, in lines (design note 163), and hovering says nothing more
    lay = canvas.layout_of(at)
    assert not lay.cut and len(lay.lines) > 1 and squash("".join(lay.lines)) == squash(words), lay.lines
    where = QPoint(canvas.width() // 2, int(canvas.row_top(at) + ROW_H / 2))
    QApplication.sendEvent(canvas, QHelpEvent(QEvent.Type.ToolTip, where, canvas.mapToGlobal(where)))
    assert not QToolTip.isVisible()
    shoot(dock_, f"modepanel-not-arrived-{name}-ladder-{lang}")
    panel.tabs.setCurrentWidget(panel.view)


def test_the_practice_client_firewall_draws_no_arrow_arriving(qtbot, dock, language):  # noqa: F811
    """The practice server answers 425 to EPRT/PORT and dials nothing: no arrow of the server's is drawn as
    having reached the client's wall."""
    _window, dock_, panel = dock
    start_practice(qtbot, panel)
    try:
        panel.practice.client_wall.setChecked(True)
        with qtbot.waitSignal(panel.practice.tried, timeout=30000):
            panel.practice.try_exchange("active")
        qtbot.waitUntil(lambda: panel.connection.ended, timeout=10000)
    finally:
        panel.practice.stop_now()
    assert_not_arrived(qtbot, panel, dock_, language, "practice")


def test_a_real_client_firewall_is_drawn_as_nothing_arrived(qtbot, lab, dock, language):  # noqa: F811
    """pyftpdlib dials the port EPRT/PORT names, the client's firewall resets it, pyftpdlib answers 425: from the
    client's side the same as the practice server's, and drawn the same."""
    _window, dock_, panel = dock
    lab.serve(SERVER_IP)
    lab.client_rejects_incoming()
    raised = lab.play(qtbot, panel, SERVER_IP, lambda s: s.listdir(), mode="active", timeout=5)
    assert raised is not None and "425" in str(raised)
    assert_not_arrived(qtbot, panel, dock_, language, "netns")


def test_a_connect_the_client_saw_fail_is_drawn_as_before(qtbot, lab, dock, language):  # noqa: F811
    """Passive mode: the client's own connect went out and timed out; its arrow stays solid, stopped at the
    server's wall, with the words it had."""
    _window, _dock, panel = dock
    lab.serve(SERVER_IP)
    lab.server_admits_only(2121)
    assert lab.play(qtbot, panel, SERVER_IP, lambda s: s.listdir(), mode="passive", timeout=2) is not None
    failed = step_of(panel, sc.FAILED)
    ex = failed.exchange
    assert ex.failure[:2] == ("connect", "server-firewall")
    arrow = fa.failed_arrow(ex)
    assert (arrow.dialer, arrow.seen, arrow.wall, arrow.port) == ("client", True, "server", str(ex.target[1]))
    assert arrow.words == nr.failed_because("server-firewall")
    drawn = show(qtbot, panel, failed)
    drawn.check(f"{language} server firewall")
    assert drawn.whole(arrow.words)
    assert data_lane_lines(panel) == [Qt.PenStyle.SolidLine]
    rows = [r for r in build_rows(panel.connection, set(), wi.Firewalls()) if r.kind == FAIL]
    cause = nr.cause_name("server-firewall")
    assert [(r.seen, r.to_server, r.wall) for r in rows] == [(True, True, "server")]
    assert rows[0].label == nr.translate("ModePanel", "no data connection: {cause}").format(cause=cause)
