"""The mode panel says nothing false and stays readable in a narrow dock (design notes 442–445, found by QA).

1. A passive connect refused said "a reset came back from the server's address": the client only learns
   ECONNREFUSED — a TCP reset and an ICMP "unreachable" (iptables' REJECT, which a router may send too) look alike.
2. Active mode, the client waiting for the server's connection: a dashed arrow from the server, "connecting… 10 s
   of 30 s", as if the server were known to dial. Now no arrow, and "waiting for the server to connect to port N…".
3. At a 360 px dock the narration came out at 6–7 px (Chinese unreadable): now never under 9 px on the screen.
4. A wrong passive address that is not private was put down to "a server behind NAT whose public address is not
   configured"; the server-firewall fix suggested a new passive range without the ports the server used.

Real sessions against pyftpdlib on loopback (a refused passive connect: EPSV and PASV name a port nothing listens
on), the panel in a real 360 px dock, its picture recorded on its real painting path, English and Chinese.
Screenshots: build/screens/.
"""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QFontMetricsF
from test_modepanel_data_failed import closed_port, download
from test_modepanel_fit import SCREENS, docked, language, resize_dock  # noqa: F401 (language: a fixture)
from test_modepanel_refused_cross import Bridge
from test_modepanel_truth import both, panel, play  # noqa: F401 (fixtures)

from ftpgui.fixes import fixes_for
from ftpgui.ftp import FtpError, FtpSession, SessionOptions
from ftpgui.ftp.diagnose import diagnose
from ftpgui.ui.modepanel import narration as nr
from ftpgui.ui.modepanel import picture
from ftpgui.ui.modepanel import scene as sc
from ftpgui.ui.modepanel.canvas import DATA_Y

from ftpserver import PASSWORD, USER

pytestmark = pytest.mark.gui
WIDTH = 360
WAIT = 60_000  # ms: a safety net on a loaded machine, not a performance limit


def refusing_server(make_server):
    """A pyftpdlib server whose EPSV and PASV replies name ports nothing listens on: each connect is refused."""
    epsv, pasv = closed_port(), closed_port()
    replies = {
        "EPSV": f"229 Entering Extended Passive Mode (|||{epsv}|)",
        "PASV": f"227 Entering Passive Mode (127,0,0,1,{pasv >> 8},{pasv & 255}).",
    }
    server = make_server("127.0.0.1", replies=replies)
    with open(server.path("a.txt"), "wb") as f:
        f.write(b"hello\n")
    return server, epsv, pasv


def test_a_refused_passive_connect_claims_no_reset(qtbot, panel, both, make_server):  # noqa: F811
    server, _epsv, _pasv = refusing_server(make_server)
    conn, raised = play(qtbot, panel, server.host, server.port, "passive", lambda s: s.list_raw(), USER, PASSWORD)
    assert raised is not None
    failed = next(s for s in conn.steps if s.kind == sc.FAILED)
    assert failed.exchange.failed_how == "refused"
    en, zh = both(lambda: nr.narrate(conn, failed))
    # (said shorter since note 483: "The connect to port N, which the server named, was refused (…)")
    assert "was refused (a TCP reset or an ICMP “unreachable” came back)" in en, en
    assert "被拒绝（收到了 TCP 重置或 ICMP“不可达”）" in zh, zh
    for words in (en, zh):  # no word says which of the two came back, or from where
        assert "reset came back from" not in words and "服务器的地址发回了重置" not in words, words
        assert "（RST）" not in words and "from the server's address" not in words, words


def test_the_server_firewall_fix_names_the_ports_the_server_used(qtbot, both, make_server):  # noqa: F811
    server, epsv, pasv = refusing_server(make_server)
    d = diagnose(server.host, server.port, USER, PASSWORD, SessionOptions(timeout=5))
    assert d.passive.cause == "server-firewall", d.passive
    low, high = sorted((epsv, pasv))
    en, zh = both(lambda: next(f for f in fixes_for(d) if f.cause == "server-firewall").summary)
    assert f"the server named port {low} and {high} in its replies to PASV/EPSV" in en, en
    assert "open the passive port range it uses" in en and "50000–50100" in en, en
    assert f"服务器在对 PASV/EPSV 的响应中给出了端口 {low} 和 {high}" in zh, zh


def test_a_wrong_public_passive_address_is_not_put_down_to_an_unset_one(qtbot, panel, both, make_server):  # noqa: F811
    port = closed_port()  # (the 227 names 203.0.113.5: the client dials the control connection's peer there)
    server = make_server(
        "127.0.0.1",
        replies={
            "EPSV": "500 EPSV not understood",
            "PASV": f"227 Entering Passive Mode (203,0,113,5,{port >> 8},{port & 255})",
        },
    )
    conn, _raised = play(qtbot, panel, server.host, server.port, "passive", lambda s: s.list_raw(), USER, PASSWORD)
    _refusal, reply = [s for s in conn.steps if s.kind == sc.REPLY]  # EPSV's 500, then the 227
    assert reply.exchange.nat
    en, zh = both(lambda: nr.narrate(conn, reply))
    assert "The server's 227 reply named 203.0.113.5" in en and "public address is not configured" not in en, en
    assert "(probably a passive address set wrongly in the server, or an old one)" in en, en
    assert "可能是服务器中配置的被动地址有误" in zh and "没有配置公网地址" not in zh, zh


@pytest.fixture
def drawn(monkeypatch):
    """What the picture paints on its real path: the data lane's arrows, the words in blocks and elided labels,
    and each narration's font on the screen: (serial, px on the screen, fits its room)."""
    record = {"arrows": [], "texts": [], "footers": []}
    arrow, block, elided, footer_font = (
        picture._Painter.arrow,
        picture._Painter.block,
        picture._Painter.elided,
        picture._Painter.footer_font,
    )

    def arrow_spy(self, a, b, colour, t, **kw):
        if abs(a.y() - DATA_Y) < 0.5 and abs(b.y() - DATA_Y) < 0.5:
            record["arrows"].append((self.frame.serial, a.x(), b.x()))
        return arrow(self, a, b, colour, t, **kw)

    def block_spy(self, rect, text, *args, **kw):
        record["texts"].append((self.frame.serial, text))
        return block(self, rect, text, *args, **kw)

    def elided_spy(self, x, y, w, text, *args, **kw):
        record["texts"].append((getattr(getattr(self, "frame", None), "serial", 0), text))
        return elided(self, x, y, w, text, *args, **kw)

    def footer_spy(self, rect, text):
        font = footer_font(self, rect, text)
        flags = int(Qt.AlignmentFlag.AlignLeft) | int(Qt.TextFlag.TextWordWrap)
        needed = QFontMetricsF(font).boundingRect(QRectF(rect), flags, text).height()
        on_screen = font.pixelSize() * self.p.worldTransform().m11()
        record["footers"].append((self.frame.serial, on_screen, needed <= rect.height() + 0.5, text))
        return font

    monkeypatch.setattr(picture._Painter, "arrow", arrow_spy)
    monkeypatch.setattr(picture._Painter, "block", block_spy)
    monkeypatch.setattr(picture._Painter, "elided", elided_spy)
    monkeypatch.setattr(picture._Painter, "footer_font", footer_spy)
    return record


def test_the_narration_stays_readable_in_a_360_px_dock(qtbot, language, make_server, drawn):  # noqa: F811
    server, _epsv, _pasv = refusing_server(make_server)
    window, dock, docked_panel = docked(qtbot, WIDTH)
    resize_dock(qtbot, window, dock, WIDTH)
    thread = download(docked_panel, server, server.path("copy.txt"), timeout=10)
    try:
        qtbot.waitUntil(
            lambda: docked_panel.current_step() is not None and docked_panel.current_step().kind == sc.FAILED,
            timeout=WAIT,
        )
        qtbot.waitUntil(lambda: not docked_panel.view.animating, timeout=WAIT)
        step = docked_panel.current_step()
        drawn["footers"].clear()
        docked_panel.view.update()
        qtbot.waitUntil(lambda: any(f[0] == step.serial for f in drawn["footers"]), timeout=WAIT)
        qtbot.wait(200)  # (the layout may give the picture its new height: painted again)
        _serial, px, fits, text = [f for f in drawn["footers"] if f[0] == step.serial][-1]
        assert len(text) > 100, text  # a long narration: the one that shrank (shorter since note 483)
        assert px >= 9.0 - 0.05, f"the narration is drawn at {px:.1f} px on the screen"
        assert fits, "the narration is cut at the picture's bottom"
        SCREENS.mkdir(parents=True, exist_ok=True)
        assert dock.grab().save(str(SCREENS / f"modedocked_panel-narration-360-{language}.png"))
    finally:
        thread.join(30)


def test_active_mode_waits_for_the_server_without_drawing_it_dialling(qtbot, language, make_server, drawn):  # noqa: F811
    # EPRT and PORT answered 200, but pyftpdlib never connects: the client waits at its port until its timeout
    server = make_server("127.0.0.1", replies={"EPRT": "200 EPRT command successful.", "PORT": "200 PORT ok."})
    with open(server.path("a.txt"), "wb") as f:
        f.write(b"hello\n")
    window, dock, docked_panel = docked(qtbot, WIDTH)
    resize_dock(qtbot, window, dock, WIDTH)
    bridge = Bridge()
    bridge.event.connect(docked_panel.add_event)

    def work() -> None:
        with FtpSession(SessionOptions(mode="active", timeout=6), bridge.event.emit) as s:
            s.open(server.host, server.port, USER, PASSWORD)
            try:
                s.download("a.txt", server.path("copy.txt"))
            except FtpError:
                pass

    thread = threading.Thread(target=work)
    thread.start()
    try:

        def waiting() -> list:
            step = docked_panel.current_step()
            if step is None or step.exchange is None or step.exchange.dial_from is None:
                return []
            return [t for s, t in drawn["texts"] if s == step.serial and ("s of 6 s" in t or "超时 6 秒" in t)]

        qtbot.waitUntil(lambda: bool(waiting()), timeout=WAIT)
        step = docked_panel.current_step()
        ex = step.exchange
        assert ex.mode == "active" and ex.target is not None and ex.local is None
        port = ex.target[1]
        said = waiting()[-1]
        if language == "zh_CN":
            assert f"等待服务器连接到端口 {port}…" in said, said
        else:
            assert f"waiting for the server to connect to port {port}…" in said, said
        assert "connecting…" not in said and "正在连接" not in said, said
        # nothing is known to be on its way: no arrow on the data lane while the client waits
        assert not [a for a in drawn["arrows"] if a[0] == step.serial], drawn["arrows"]
        SCREENS.mkdir(parents=True, exist_ok=True)
        assert dock.grab().save(str(SCREENS / f"modedocked_panel-active-waiting-{language}.png"))
    finally:
        thread.join(30)
