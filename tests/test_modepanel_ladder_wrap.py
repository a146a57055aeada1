"""The ladder in a 360 px dock shows every row's words whole, in as many lines as they need (design note 163).

Found by QA: at 360 px the ladder elided nearly every row ("229 Entering extend…"), so the port numbers in the
server's reply — what the panel exists to show — were cut away; a tooltip said the words of a shortened row, which
is not enough. Now a row's words wrap (the row grows; its arrow stays at its foot, the lifelines through it), and
only a hostile reply (thousands of characters) is cut, after a few lines, with "…" and a bounded tooltip.

Real exchanges: pyftpdlib's EPSV reply, its PASV reply naming a public address (``masquerade_address``), and a
scripted server's 8 KB reply line, in a 360 px dock, in English and Chinese. The rows' lines are asserted on the
ladder's layout (``LadderView.layout_of``) and on what its painting drew. Screenshots go to build/screens/
(modepanel-ladder-360-*.png).
"""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QEvent, QPoint, QRectF
from PySide6.QtGui import QFontMetricsF, QHelpEvent, QImage
from PySide6.QtWidgets import QApplication, QToolTip
from test_modepanel_decoded import Recorder
from test_modepanel_fit import assert_fits, shoot
from test_modepanel_ladder import session
from test_modepanel_narrow import dock, lab, language  # noqa: F401 (fixtures)

from ftpgui.ui.modepanel import ladder as ld

from ftpserver import PASSWORD, USER
from panellab import CLIENT_IP6, SERVER_IP6

pytestmark = pytest.mark.gui


def show_ladder(qtbot, panel) -> ld.LadderView:
    panel.tabs.setCurrentWidget(panel.ladder)
    qtbot.waitUntil(lambda: panel.ladder.isVisible() and bool(panel.ladder.canvas.rows), timeout=5000)
    QApplication.processEvents()
    return panel.ladder.canvas


def painted(canvas: ld.LadderView) -> list:
    """The texts the ladder's painting draws (its whole height), in order."""
    image = QImage(canvas.size(), QImage.Format.Format_ARGB32)
    painter = Recorder(image)
    canvas.paint(painter, QRectF(canvas.rect()))  # (what paintEvent paints, on a painter that keeps it)
    painter.end()
    return [text for text, *_ in painter.drawn]


def drawn_row(canvas: ld.LadderView, i: int) -> list:
    """The texts the ladder's painter draws for row ``i`` alone."""
    image = QImage(canvas.size(), QImage.Format.Format_ARGB32)
    painter = Recorder(image)
    ld.LadderPainter(painter, canvas.palette(), canvas.font(), canvas.width()).row(canvas.rows[i], 60, False)
    painter.end()
    return [text for text, *_ in painter.drawn]


def reply_row(canvas: ld.LadderView, code: str) -> int:
    (i,) = [i for i, r in enumerate(canvas.rows) if r.kind == ld.MESSAGE and r.label.startswith(code + " ")]
    return i


def assert_whole(canvas: ld.LadderView, i: int, where: str) -> tuple:
    """Row ``i``'s words are laid out whole, each line within the row's room, and the row as tall as its lines;
    returns its lines."""
    row, lay = canvas.rows[i], canvas.layout_of(i)
    assert not lay.cut, (where, row.label, lay.lines)
    assert squash("".join(lay.lines)) == squash(row.label), (where, row.label, lay.lines)  # (zh: no spaces)
    pen = ld.LadderPainter(None, canvas.palette(), canvas.font(), canvas.width())
    left, right = pen.room(row)
    fm = QFontMetricsF(pen.mono if row.kind == ld.MESSAGE else pen.font)
    assert all(fm.horizontalAdvance(line) <= right - left + 0.5 for line in lay.lines), (where, lay.lines)
    assert lay.height >= ld.ROW_H + (len(lay.lines) - 1) * fm.lineSpacing() - 0.5, (where, lay.height, lay.lines)
    assert canvas.row_top(i + 1) - canvas.row_top(i) == pytest.approx(lay.height)
    return lay.lines


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_the_passive_replies_ports_are_shown_whole_at_360_px(qtbot, dock, language, make_server):  # noqa: F811
    _window, dock_, panel = dock
    server = make_server("127.0.0.1")  # EPSV: "229 Entering extended passive mode (|||port|)."
    _events, errors = session(qtbot, panel, server.host, server.port, USER, PASSWORD, "passive", lambda s: s.listdir())
    assert not errors, errors
    canvas = show_ladder(qtbot, panel)
    assert canvas.width() <= 360
    i = reply_row(canvas, "229")
    port = str(server.record.data[0][0][1])  # the server's end of the data connection: the port it named
    label = canvas.rows[i].label
    assert f"|||{port}|" in label
    said = drawn_row(canvas, i)  # (before: ["229 Entering extend…"])
    assert any(f"|||{port}|" in text for text in said) and not [t for t in said if "…" in t], said
    lines = assert_whole(canvas, i, f"{language} 229")
    assert len(lines) > 1  # (it does not fit one line at 360 px: it wraps, not elides)
    assert any(f"|||{port}|" in line for line in lines), lines  # the port in one piece, in a line drawn
    drawn = painted(canvas)
    assert all(line in drawn for line in lines), (lines, drawn)
    assert not [t for t in drawn if "…" in t], drawn
    panel.ladder.ensureVisible(0, int(canvas.row_top(i)), 0, 120)
    assert_fits(dock_.widget(), panel, f"{language} 229")
    shoot(dock_, f"modepanel-ladder-360-epsv-{language}")

    public = make_server("127.0.0.1", refuse=("EPSV",))
    public.handler.masquerade_address = "192.0.2.10"  # behind NAT: PASV names its public address
    _events, errors = session(qtbot, panel, public.host, public.port, USER, PASSWORD, "passive", lambda s: s.listdir())
    assert not errors, errors
    qtbot.waitUntil(lambda: canvas.conn is panel.connection and any(r.label.startswith("227 ") for r in canvas.rows))
    i = reply_row(canvas, "227")
    port = public.record.data[0][0][1]
    numbers = f"(192,0,2,10,{port // 256},{port % 256})"
    assert numbers in canvas.rows[i].label
    said = drawn_row(canvas, i)
    assert any(numbers in text for text in said) and not [t for t in said if "…" in t], said
    lines = assert_whole(canvas, i, f"{language} 227")
    assert any(numbers in line for line in lines), lines
    drawn = painted(canvas)
    assert all(line in drawn for line in lines) and not [t for t in drawn if "…" in t], (lines, drawn)
    # every row whole (the failed, the TCP, the closing ones too)
    for k in range(len(canvas.rows)):
        assert_whole(canvas, k, f"{language} row {k}")
    panel.ladder.ensureVisible(0, int(canvas.row_top(i)), 0, 120)
    assert_fits(dock_.widget(), panel, f"{language} 227")
    shoot(dock_, f"modepanel-ladder-360-pasv-{language}")


def test_a_hostile_reply_is_cut_after_a_few_lines_and_said_in_a_bounded_tooltip(qtbot, dock, language):  # noqa: F811
    """An 8 KB reply line (the longest the engine reads) in words, and one of bytes shown as escapes (four
    characters each): a few lines, the last ending in "…", the tooltip bounded; the rows after it in place."""
    from scripted import ScriptedServer

    words = "250 " + " ".join(f"word{n}" for n in range(1300))[:8000]
    escaped = b"250 " + bytes(range(0x80, 0x100)) * 31  # 7,940 bytes no codec reads: \\x80\\x81…

    def script(conv):
        conv.login()
        while True:
            verb = conv.command().split(" ", 1)[0].upper()
            if verb == "CWD":
                conv.reply(words)
            elif verb == "NOOP":
                conv.reply(escaped)
            elif verb == "PWD":
                conv.reply('257 "/" is here')
            elif verb == "QUIT":
                conv.reply("221 bye")
                return
            else:
                conv.reply("502 not here")

    with ScriptedServer(script) as server:

        def action(s):
            s.cwd("x")
            s.noop()

        _dock_window, dock_, panel = dock
        _events, errors = session(qtbot, panel, "127.0.0.1", server.port, "u", "p", "passive", action)
    assert not errors, errors
    canvas = show_ladder(qtbot, panel)
    long_rows = [i for i, r in enumerate(canvas.rows) if r.kind == ld.MESSAGE and len(r.label) > 1000]
    assert len(long_rows) == 2
    for i in long_rows:
        row, lay = canvas.rows[i], canvas.layout_of(i)
        assert lay.cut and len(lay.lines) == ld.MAX_LINES, lay.lines
        assert lay.lines[-1].endswith("…")
        assert squash(row.label).startswith(squash("".join(lay.lines)).rstrip("…"))
        assert sum(len(line) for line in lay.lines) < 400  # a few lines' worth, not 8,000 characters
        # hovering it says more, bounded: a few thousand characters in lines, never the whole 8 KB (or 32 KB) line
        canvas.parentWidget().parentWidget().ensureVisible(0, int(canvas.row_top(i)), 0, 120)
        where = QPoint(canvas.width() // 2, int(canvas.row_top(i) + 4))
        QApplication.sendEvent(canvas, QHelpEvent(QEvent.Type.ToolTip, where, canvas.mapToGlobal(where)))
        qtbot.waitUntil(QToolTip.isVisible, timeout=5000)
        tip = QToolTip.text()
        QToolTip.hideText()
        assert tip.startswith(row.label[:60]) and len(tip) < 2500, (len(tip), tip[:100])
        assert max(len(line) for line in tip.split("\n")) <= 100
    # the rows after them stand where their heights put them; the last is the close, whole
    last = len(canvas.rows) - 1
    assert canvas.rows[last].kind == ld.CLOSE and not canvas.layout_of(last).cut
    heights = [canvas.layout_of(k).height for k in range(len(canvas.rows))]
    assert canvas.row_top(last) == pytest.approx(ld.HEADER_H + sum(heights[:last]))
    assert canvas.minimumHeight() >= canvas.row_top(last) + heights[last]
    panel.ladder.ensureVisible(0, int(canvas.row_top(long_rows[0])), 0, 200)
    assert_fits(dock_.widget(), panel, f"{language} hostile")
    shoot(dock_, f"modepanel-ladder-360-hostile-{language}")


def test_an_export_lays_its_rows_out_as_the_ladder_does(qtbot, dock, make_server, tmp_path):  # noqa: F811
    """The exported ladder (760 px) wraps what does not fit there either; its height is its rows' heights."""
    _window, _dock, panel = dock
    server = make_server("127.0.0.1")
    _events, errors = session(qtbot, panel, server.host, server.port, USER, PASSWORD, "passive", lambda s: s.listdir())
    assert not errors
    conn, rows, _at = panel.ladder.rows_for_export()
    pen = ld.LadderPainter(None, panel.palette(), panel.font(), 760.0)
    laid = ld.lay_out(pen, conn, rows)
    height = ld.export_height(conn, rows, panel.palette(), panel.font(), 760.0)
    assert height == pytest.approx(ld.HEADER_H + sum(lay.height for lay in laid.rows) + 4)
    png = tmp_path / "x.png"
    panel.export_png(str(png))
    assert QImage(str(png)).height() == 2 * int(470 + height)


def test_the_hosts_ipv6_addresses_over_the_lifelines_are_drawn_whole(qtbot, lab, dock, language):  # noqa: F811
    """They were elided in the middle ("2001:…:5678"); they wrap after a ':' now, the rows a line lower."""
    _window, dock_, panel = dock
    lab.serve(SERVER_IP6)
    assert lab.play(qtbot, panel, SERVER_IP6, lambda s: s.listdir(), mode="passive", timeout=5) is None
    canvas = show_ladder(qtbot, panel)
    conn = panel.connection
    assert (conn.client[0], conn.server[0]) == (CLIENT_IP6, SERVER_IP6)
    pen = ld.LadderPainter(None, canvas.palette(), canvas.font(), canvas.width())
    hosts = pen.hosts(conn)
    assert ["".join(lines) for lines in hosts] == [CLIENT_IP6, SERVER_IP6]
    assert all(len(lines) > 1 for lines in hosts), hosts
    fm = QFontMetricsF(pen.mono)
    assert all(fm.horizontalAdvance(line) <= 2 * pen.side - 4 for lines in hosts for line in lines)
    assert canvas.row_top(0) == pen.header_height(conn) > ld.HEADER_H  # the rows start under the addresses
    drawn = painted(canvas)
    assert all(line in drawn for lines in hosts for line in lines) and not [t for t in drawn if "…" in t], drawn
    panel.ladder.verticalScrollBar().setValue(0)
    shoot(dock_, f"modepanel-ladder-360-ipv6-{language}")
