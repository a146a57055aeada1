"""The mode panel in a 360 px dock shows every address and failure whole, and says nothing false (found by QA):

1. the failure label in the picture ("failed: likely a firewall at the s…") and the address a PASV reply
   advertised were elided: they wrap now;
2. the connection list lost the address in Chinese ("连接 1 — …99（已关闭）"): a name wraps into lines now;
3. a long IPv6 address was shortened in the host boxes: it is drawn whole, in lines beside the port's badge;
4. nothing in What if says "port 21" for a server on port 2121;
5. the practice server's simulated client firewall answers 425 without connecting: nothing says the server
   tried to connect.

Real exchanges with real addresses: pyftpdlib on port 2121 at 192.0.2.1 and 2001:db8:1234:5678:9abc:def0:1234:5678
in a network namespace of the test's own, the engine in another (``panellab``), or the practice server on
127.0.0.1. What the picture draws is recorded on its real painting path at the view's real size, in English and
in Chinese. Screenshots go to build/screens/ (modepanel-narrow-*.png).
"""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QPoint, QRect, QRectF, Qt
from PySide6.QtGui import QFontMetricsF, QImage
from PySide6.QtWidgets import QApplication
from test_modepanel_decoded import Recorder
from test_modepanel_fit import (  # noqa: F401 (language: a fixture)
    assert_fits,
    docked,
    language,
    resize_dock,
    shoot,
    start_practice,
)

from ftpgui.ui.modepanel import narration as nr
from ftpgui.ui.modepanel import picture
from ftpgui.ui.modepanel import scene as sc
from ftpgui.ui.modepanel.export import transcript_of

from panellab import CLIENT_IP6, PORT, SERVER_IP, SERVER_IP6, Lab

pytestmark = pytest.mark.gui
WIDTH = 360


@pytest.fixture
def lab(tmp_path):
    made = Lab(str(tmp_path))
    yield made
    made.close()


@pytest.fixture
def dock(qtbot):
    """A panel in a 360 px dock: (window, dock, panel)."""
    window, dock_, panel = docked(qtbot, WIDTH)
    resize_dock(qtbot, window, dock_, WIDTH)
    return window, dock_, panel


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


class Drawn:
    """What the picture draws for the step shown, recorded on its painting path at the view's size."""

    def __init__(self, panel) -> None:
        view = panel.view
        image = QImage(view.size(), QImage.Format.Format_ARGB32)
        painter = Recorder(image)
        picture.paint_picture(painter, QRectF(view.rect()), view.palette(), view.frame, view.font())
        painter.end()
        self.calls = [(*d, f) for d, f in zip(painter.drawn, painter.flags, strict=True)]
        self.badges = [r for r in painter.boxes if abs(r.height() - 24) < 0.5]  # (the ports)
        self.texts = [t for t, *_ in self.calls]

    def whole(self, text: str) -> bool:
        """``text`` was drawn whole: in one call, or as consecutive lines."""
        want = squash(text)
        for i in range(len(self.texts)):
            joined = ""
            for t in self.texts[i:]:
                joined += squash(t)
                if joined == want:
                    return True
                if not want.startswith(joined):
                    break
        return False

    def check(self, where: str) -> None:
        """Nothing elided, nothing clipped by its rect, nothing in the boxes' part below the boxes, no text
        over a port's badge (but the port's own)."""
        for text, rect, font, flags in self.calls:
            assert "…" not in text, (where, text)
            if rect is None:
                continue
            ink = QFontMetricsF(font).boundingRect(rect, flags, text)
            assert ink.width() <= rect.width() + 0.5, (where, text, rect)  # (drawText clips it at its rect)
            if flags & Qt.TextFlag.TextWordWrap:  # (a line's box, a CJK fallback font's taller one, may exceed it)
                assert ink.height() <= rect.height() + 0.5, (where, text, rect)
            if rect.top() < picture.BOX_BOTTOM:
                assert rect.bottom() <= picture.BOX_BOTTOM + 0.5, (where, text, rect)
                over = [b for b in self.badges if b.intersects(ink) and b != rect]
                assert not over, (where, text, ink, over)


def step_of(panel, kind: str) -> sc.Step:
    return [s for s in panel.connection.steps if s.kind == kind][-1]


def show(qtbot, panel, step: sc.Step) -> Drawn:
    panel.set_live(False)
    panel.go_to(step.serial)
    qtbot.waitUntil(lambda: panel.view.frame.serial == step.serial and not panel.view.animating, timeout=10000)
    return Drawn(panel)


# --- 1 and 3: the failure label, the advertised address and the hosts' addresses, whole ----------------------
@pytest.mark.parametrize("host", [SERVER_IP, SERVER_IP6], ids=["ipv4", "ipv6"])
def test_a_server_firewall_failure_and_the_addresses_are_drawn_whole(qtbot, lab, dock, language, host):  # noqa: F811
    _window, dock_, panel = dock
    lab.serve(host)
    lab.server_admits_only(PORT)  # the passive port's connect times out: "likely a firewall at the server"
    raised = lab.play(qtbot, panel, host, lambda s: s.listdir(), mode="passive", timeout=2)
    assert raised is not None
    failed = step_of(panel, sc.FAILED)
    assert failed.exchange.failure[:2] == ("connect", "server-firewall")
    drawn = show(qtbot, panel, failed)
    drawn.check(f"{language} {host} failed")
    label = nr.failed_because("server-firewall")
    assert drawn.whole(label), (language, label, drawn.texts)
    conn = panel.connection
    for address in (conn.client[0], conn.server[0]):  # (the client's is 192.0.2.2 or …:5679)
        assert drawn.whole(address), (language, address, drawn.texts)
    for port in (conn.client[1], PORT, failed.exchange.target[1]):
        assert str(port) in drawn.texts
    assert_fits(dock_.widget(), panel, f"{language} {host}")
    shoot(dock_, f"modepanel-narrow-firewall-{'ipv6' if ':' in host else 'ipv4'}-{language}")
    drawn = show(qtbot, panel, step_of(panel, sc.CONTROL))  # the boxes alone, before any data connection
    drawn.check(f"{language} {host} control")
    assert drawn.whole(conn.server[0]) and drawn.whole(conn.client[0])


def test_a_rejected_data_connection_is_said_whole(qtbot, lab, dock, language):  # noqa: F811
    """The label under the lane (no wall): "failed: the server rejected the data connection"."""
    _window, _dock, panel = dock
    refused = "425 Can't open data connection."
    lab.serve(SERVER_IP, replies={"MLSD": refused, "LIST": refused})
    lab.play(qtbot, panel, SERVER_IP, lambda s: s.listdir(), mode="passive", timeout=2)
    failed = step_of(panel, sc.FAILED)
    assert failed.exchange.failure[:2] == ("connect", "server-rejected")
    drawn = show(qtbot, panel, failed)
    drawn.check(f"{language} rejected")
    assert drawn.whole(nr.failed_because("server-rejected")), drawn.texts


def test_the_address_a_pasv_reply_advertised_is_drawn_whole(qtbot, lab, dock, language):  # noqa: F811
    _window, dock_, panel = dock
    lab.serve(SERVER_IP, refuse=("EPSV",), handler={"masquerade_address": "192.0.2.123"})  # behind NAT, misnamed
    assert lab.play(qtbot, panel, SERVER_IP, lambda s: s.listdir(), mode="passive", timeout=5) is None
    dialled = step_of(panel, sc.DIAL)
    ex = dialled.exchange
    assert ex.nat and ex.advertised[0] == "192.0.2.123" and ex.target[0] == SERVER_IP
    drawn = show(qtbot, panel, dialled)
    drawn.check(f"{language} nat")
    assert drawn.whole(nr.labels()["not_used"])  # (a 227's other host is not dialled: design note 259)
    assert drawn.whole(f"192.0.2.123:{ex.advertised[1]}"), drawn.texts
    assert_fits(dock_.widget(), panel, f"{language} nat")
    shoot(dock_, f"modepanel-narrow-advertised-{language}")


def test_a_long_ipv6_address_our_eprt_advertised_is_drawn_whole(qtbot, lab, dock, language):  # noqa: F811
    """Active mode from behind a (real, DNAT) NAT with its external IPv6 address set: the client's box holds its
    own long address and the one EPRT advertised, both whole."""
    window, dock_, panel = dock
    external = "2001:db8:1234:5678:9abc:def0:1234:ffff"
    lab.client_behind_nat6(external)
    lab.serve(SERVER_IP6, handler={"permit_foreign_addresses": True})  # (it dials the address EPRT names)
    options = {"mode": "active", "timeout": 5, "active_external_address": external}
    assert lab.play(qtbot, panel, SERVER_IP6, lambda s: s.listdir(), **options) is None
    dialled = step_of(panel, sc.DIAL)
    ex = dialled.exchange
    assert ex.nat and ex.advertised[0] == external and ex.target[0] == CLIENT_IP6 and ex.dialer == "server"
    drawn = show(qtbot, panel, dialled)
    drawn.check(f"{language} eprt nat")
    assert drawn.whole(f"[{external}]:{ex.advertised[1]}"), drawn.texts
    assert drawn.whole(CLIENT_IP6) and drawn.whole(SERVER_IP6), drawn.texts
    assert_fits(dock_.widget(), panel, f"{language} eprt nat")
    shoot(dock_, f"modepanel-narrow-advertised-ipv6-{language}")
    resize_dock(qtbot, window, dock_, 720)  # the wide canvas: the same, with more room
    qtbot.waitUntil(lambda: panel.view.width() >= picture.COMPACT_BELOW, timeout=5000)
    drawn = Drawn(panel)
    drawn.check(f"{language} eprt nat 720")
    assert drawn.whole(f"[{external}]:{ex.advertised[1]}") and drawn.whole(CLIENT_IP6), drawn.texts
    shoot(dock_, f"modepanel-narrow-advertised-ipv6-720-{language}")


# --- 2: the connection list -----------------------------------------------------------------------------------
@pytest.mark.parametrize("host", [SERVER_IP, SERVER_IP6], ids=["ipv4", "ipv6"])
def test_the_connection_list_keeps_the_address_and_port(qtbot, lab, dock, language, host):  # noqa: F811
    _window, dock_, panel = dock
    lab.serve(host)
    lab.play(qtbot, panel, host, lambda s: s.pwd(), mode="passive", timeout=2)
    box = panel.connection_box
    name = box.currentText()  # "Connection 1 — [2001:db8:…]:2121 (closed)", "连接 1 — 192.0.2.1:2121（已关闭）"
    where = f"[{host}]:{PORT}" if ":" in host else f"{host}:{PORT}"
    assert where in name and name.startswith(("Connection", "连接")) and name.endswith(("(closed)", "（已关闭）"))
    QApplication.processEvents()
    # as painted: one line (in lines, the rows below moved when a name changed: note 327), cut with an
    # ellipsis where it must be - the user name first, then the state: the IPv4 address stays whole, the
    # IPv6 one (longer than the line) its start, its end and its port, cut in its middle (note 341)
    (shown,) = box.lines()
    fm = box.fontMetrics()
    assert fm.horizontalAdvance(shown) <= box.room(), (shown, box.room())
    assert shown == name or "…" in shown, (language, shown)
    if ":" in host:
        assert re.search(rf"— \[20[^ ]*…[^ ]*8\]:{PORT}", shown), (language, shown)  # ("Connection 17 — [200…678]")
    else:
        assert where in shown, (language, shown)
    assert box.toolTip() == name  # whole in its tooltip, and in the list:
    assert_fits(dock_.widget(), panel, f"{language} connection list")
    # the drop-down list shows each name whole too (a window of its own: it may stand out of the dock)
    box.showPopup()
    try:
        view = box.view()
        qtbot.waitUntil(view.isVisible, timeout=5000)
        widest = max(view.fontMetrics().horizontalAdvance(box.itemText(i)) for i in range(box.count()))
        assert view.viewport().width() >= widest, (view.viewport().width(), widest)
        screen = box.screen().availableGeometry()
        assert screen.contains(QRect(view.mapToGlobal(QPoint(0, 0)), view.size()))
    finally:
        box.hidePopup()
    shoot(dock_, f"modepanel-narrow-connections-{'ipv6' if ':' in host else 'ipv4'}-{language}")


# --- 4: What if, for a server on port 2121 --------------------------------------------------------------------
PORT_21 = re.compile(r"(?<!\d)21(?!\d)")


def test_what_if_never_says_port_21_for_a_server_on_another_port(qtbot, lab, dock, language):  # noqa: F811
    _window, dock_, panel = dock
    lab.serve(SERVER_IP)
    assert lab.play(qtbot, panel, SERVER_IP, lambda s: s.listdir(), mode="passive", timeout=5) is None
    panel.set_live(False)
    panel.go_to(panel.connection.last_serial)
    conn, bar = panel.connection, panel.whatif
    counter = nr.labels()["step"].format(index=conn.last_serial - conn.first_serial + 1, count=len(conn.steps))
    said = []
    for buttons in ((bar.server_button,), (bar.client_button,), (bar.client_button, bar.server_button)):
        for button in buttons:
            button.click()
        if bar.server_button.isChecked():
            for open_range in (False, True):
                bar.range_button.setChecked(open_range)
                said += [panel.narration(), *(t for t in Drawn(panel).texts if t != counter)]
            bar.range_button.setChecked(False)
        else:
            said += [panel.narration(), *(t for t in Drawn(panel).texts if t != counter)]
        for button in buttons:
            button.click()
    for button in (bar.client_button, bar.server_button, bar.range_button):
        said += [button.text(), button.toolTip(), button.accessibleName()]
    said += [bar.table.verticalHeaderItem(r).text() for r in range(bar.table.rowCount())]
    said.append(bar.table.accessibleName())
    assert not [t for t in said if PORT_21.search(t)], [t for t in said if PORT_21.search(t)]
    assert any(str(PORT) in t for t in said)  # the server firewall's sentence names its real control port
    bar.server_button.click()
    qtbot.waitUntil(lambda: bar.table.isVisible() and panel.view.frame.walls.server, timeout=5000)
    QApplication.processEvents()
    shoot(dock_, f"modepanel-narrow-whatif-{language}")


# --- 5: the practice server's simulated client firewall answers 425 without connecting ----------------------
def test_the_practice_client_firewall_is_told_as_a_425_not_as_a_connect_attempt(qtbot, dock, language):  # noqa: F811
    _window, dock_, panel = dock
    start_practice(qtbot, panel)
    try:
        panel.practice.client_wall.setChecked(True)  # the server answers 425 to EPRT/PORT, dialling nothing
        with qtbot.waitSignal(panel.practice.tried, timeout=30000) as tried:
            panel.practice.try_exchange("active")
        conn = panel.connection
        qtbot.waitUntil(lambda: conn.ended, timeout=10000)
    finally:
        panel.practice.stop_now()
    failed = step_of(panel, sc.FAILED)
    ex = failed.exchange
    assert ex.failure[:2] == ("accept", "client-firewall") and ex.reply_code == 425 and ex.remote is None
    said = [nr.narrate(conn, s) for s in conn.steps] + [transcript_of(conn), tried.args[0]]
    if language == "en":
        tried_words = ("tried", "could not connect", "couldn't connect")
        true_words = "no connection from the server reached the port we opened"
    else:
        tried_words = ("尝试", "试图", "无法连回", "无法连接到", "连回")
        true_words = "没有来自服务器的连接到达我们打开的端口"
    assert not [t for t in said if any(w in t for w in tried_words)], [
        t for t in said if any(w in t for w in tried_words)
    ]
    assert true_words in nr.narrate(conn, failed)
    drawn = show(qtbot, panel, failed)
    drawn.check(f"{language} practice client firewall")
    shoot(dock_, f"modepanel-narrow-practice-client-firewall-{language}")
