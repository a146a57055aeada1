"""The ladder: real exchanges drawn as a sequence diagram — every command and reply in order, each TCP
connection from the dialling side's port to the listening side's, alike transfers grouped, failures ending
at a wall, a click selecting the step in the picture; it follows Live and is exported with the picture."""

from __future__ import annotations

import os
import socket
import threading

import pytest
from PySide6.QtCore import QObject, QPoint, Qt, Signal
from PySide6.QtGui import QImage

from ftpgui.ftp import CommandSent, FtpSession, ReplyReceived, SessionOptions
from ftpgui.practice import PracticeServer
from ftpgui.ui.modepanel import ModePanel
from ftpgui.ui.modepanel import ladder as ld
from ftpgui.ui.modepanel import narration as nr
from ftpgui.ui.modepanel import scene as sc
from ftpgui.ui.modepanel import whatif as wi

from ftpserver import PASSWORD, USER

pytestmark = pytest.mark.gui
FILES = 4


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


def session(qtbot, panel, host, port, user, password, mode, action, timeout=10):
    """A real session on a worker thread, its events reaching the panel through a queued signal."""
    bridge = Bridge()
    bridge.event.connect(panel.add_event)
    events, errors = [], []

    def listener(e):
        events.append(e)
        bridge.event.emit(e)

    def work():
        try:
            with FtpSession(SessionOptions(mode=mode, timeout=timeout), listener) as s:
                s.open(host, port, user, password)
                action(s)
        except Exception as exc:
            errors.append(exc)

    t = threading.Thread(target=work)
    t.start()
    qtbot.waitUntil(lambda: not t.is_alive(), timeout=30000)
    qtbot.waitUntil(lambda: panel.connection is not None and panel.connection.ended, timeout=5000)
    return events, errors


def downloads(tmp_path):
    def action(s):
        s.listdir()
        for i in range(FILES):
            s.download(f"f{i}.txt", str(tmp_path / f"f{i}.txt"))

    return action


def show_ladder(qtbot, panel):
    panel.tabs.setCurrentWidget(panel.ladder)
    qtbot.waitUntil(lambda: panel.ladder.isVisible() and bool(panel.ladder.canvas.rows), timeout=5000)
    return panel.ladder.canvas


def click_row(qtbot, canvas, index):
    panel_ladder = canvas.parentWidget().parentWidget()
    panel_ladder.ensureVisible(0, int(canvas.row_top(index) + ld.ROW_H / 2), 0, int(ld.ROW_H))
    qtbot.mouseClick(canvas, Qt.MouseButton.LeftButton, pos=QPoint(canvas.width() // 2, int(canvas.row_top(index) + 8)))


@pytest.mark.parametrize("mode", ["passive", "active"])
def test_every_command_reply_and_connection_in_order(qtbot, panel, make_server, tmp_path, mode):
    server = make_server("127.0.0.1")
    for i in range(FILES):
        with open(server.path(f"f{i}.txt"), "wb") as f:
            f.write(b"x" * 100)
    events, errors = session(qtbot, panel, server.host, server.port, USER, PASSWORD, mode, downloads(tmp_path))
    assert not errors, errors
    canvas = show_ladder(qtbot, panel)
    rows = canvas.rows
    # the alike downloads after the first are one group, collapsed; a click expands it
    groups = [i for i, r in enumerate(rows) if r.kind == ld.GROUP]
    assert len(groups) == 1 and f"{FILES - 1} more" in rows[groups[0]].label
    click_row(qtbot, canvas, groups[0])
    rows = canvas.rows
    assert "click to hide" in rows[groups[0]].label and len(rows) > groups[0] + 10
    # every command and reply, in the order they crossed the control connection
    said = [(r.label, r.to_server) for r in rows if r.kind == ld.MESSAGE]
    sent = [
        (e.text, True) if isinstance(e, CommandSent) else (e.lines[-1], False)
        for e in events
        if isinstance(e, (CommandSent, ReplyReceived))
    ]
    assert said == sent
    # the control connection: from the client's port to the server's listening port
    control = rows[0]
    assert control.kind == ld.TCP and control.to_server
    (server_end, client_end) = server.record.control[0]
    assert (control.from_port, control.to_port) == (str(client_end[1]), str(server_end[1]))
    # each data connection from the dialling side's port to the listening side's, as the server saw it
    data = [r for r in rows if r.kind == ld.TCP and r.channel == "data"]
    assert len(data) == len(server.record.data) == FILES + 1
    for row, (server_end, client_end) in zip(data, server.record.data, strict=True):
        if mode == "passive":
            assert row.to_server and (row.from_port, row.to_port) == (str(client_end[1]), str(server_end[1]))
        else:
            assert not row.to_server and (row.from_port, row.to_port) == (str(server_end[1]), str(client_end[1]))
    assert rows[-1].kind == ld.CLOSE and "quit" in rows[-1].label
    # collapsing again hides them
    click_row(qtbot, canvas, groups[0])
    assert len(canvas.rows) < len(rows)


def test_a_click_on_an_arrow_selects_its_step(qtbot, panel, make_server, tmp_path):
    server = make_server("127.0.0.1")
    for i in range(FILES):
        with open(server.path(f"f{i}.txt"), "wb") as f:
            f.write(b"y" * 10)
    _, errors = session(qtbot, panel, server.host, server.port, USER, PASSWORD, "passive", downloads(tmp_path))
    assert not errors
    canvas = show_ladder(qtbot, panel)
    conn = panel.connection
    first_data = next(i for i, r in enumerate(canvas.rows) if r.kind == ld.TCP and r.channel == "data")
    click_row(qtbot, canvas, first_data)
    step = panel.current_step()
    assert step.kind == sc.DIAL and step.exchange is conn.exchanges()[0]  # the listing's data connection
    assert not panel.live_button.isChecked()  # a click stops following Live
    assert panel.narration() == nr.narrate(conn, step)
    assert canvas.highlighted() == first_data  # the row stays highlighted with its step
    # a reply's arrow selects the step it made
    reply = next(i for i, r in enumerate(canvas.rows) if r.primary and r.kind == ld.MESSAGE and not r.to_server)
    click_row(qtbot, canvas, reply)
    assert panel.current_step().kind == sc.REPLY


def test_a_failed_connection_ends_at_a_wall_real_or_imagined(qtbot, panel):
    practice = PracticeServer()
    practice.start()
    practice.simulate_server_firewall = True  # the passive data port is a black hole
    try:
        _, errors = session(
            qtbot,
            panel,
            practice.host,
            practice.port,
            practice.user,
            practice.password,
            "passive",
            lambda s: s.listdir(),
            timeout=1.5,
        )
    finally:
        practice.stop()
    assert errors  # it timed out
    canvas = show_ladder(qtbot, panel)
    (fail,) = [r for r in canvas.rows if r.kind == ld.FAIL]
    assert fail.wall == "server" and fail.to_server  # the client dialled; it stopped at the server's wall
    assert nr.cause_name("server-firewall") in fail.label


def test_what_if_walls_stop_the_data_connections_in_the_ladder(qtbot, panel, make_server, tmp_path):
    server = make_server("127.0.0.1")
    for i in range(FILES):
        with open(server.path(f"f{i}.txt"), "wb") as f:
            f.write(b"z")
    _, errors = session(qtbot, panel, server.host, server.port, USER, PASSWORD, "active", downloads(tmp_path))
    assert not errors
    canvas = show_ladder(qtbot, panel)
    assert not [r for r in canvas.rows if r.kind == ld.FAIL]
    panel.set_firewalls(wi.Firewalls(client=True))  # active mode: the server's connections stop at it
    qtbot.waitUntil(lambda: any(r.kind == ld.FAIL for r in canvas.rows), timeout=3000)
    walled = [r for r in canvas.rows if r.kind == ld.FAIL]
    assert walled and all(r.wall == "client" and not r.to_server for r in walled)
    panel.set_firewalls(wi.Firewalls())
    qtbot.waitUntil(lambda: not any(r.kind == ld.FAIL for r in canvas.rows), timeout=3000)


def test_it_follows_live_and_is_built_only_while_shown(qtbot, panel, make_server, tmp_path):
    server = make_server("127.0.0.1")
    for i in range(FILES):
        with open(server.path(f"f{i}.txt"), "wb") as f:
            f.write(b"w" * 10)
    _, errors = session(qtbot, panel, server.host, server.port, USER, PASSWORD, "passive", downloads(tmp_path))
    assert not errors
    assert panel.ladder.canvas.rows == []  # the picture's tab was shown: no rows were built
    canvas = show_ladder(qtbot, panel)
    bar = panel.ladder.verticalScrollBar()
    assert bar.maximum() > 0 and bar.value() == bar.maximum()  # live: the newest rows in view
    before = len(canvas.rows)
    _, errors = session(
        qtbot, panel, server.host, server.port, USER, PASSWORD, "passive", lambda s: s.listdir()
    )  # a new connection: the panel picks it (as its first event), the ladder follows it
    assert not errors
    qtbot.waitUntil(lambda: canvas.conn is panel.connection and bar.value() == bar.maximum(), timeout=5000)
    assert len(canvas.rows) != before or canvas.conn is panel.connection


def test_tls_handshakes_in_the_ladder(qtbot, panel, make_server, certs, tmp_path):
    server = make_server("127.0.0.1", tls_cert=certs.good)
    with open(server.path("f0.txt"), "wb") as f:
        f.write(b"s" * 10)
    bridge = Bridge()
    bridge.event.connect(panel.add_event)
    options = SessionOptions(mode="passive", timeout=10, tls="require", ca_file=certs.ca_file)
    with FtpSession(options, bridge.event.emit) as s:
        s.open(server.host, server.port, USER, PASSWORD)
        s.download("f0.txt", str(tmp_path / "f0.txt"))
    qtbot.waitUntil(lambda: panel.connection is not None and panel.connection.ended, timeout=5000)
    canvas = show_ladder(qtbot, panel)
    tls = [r for r in canvas.rows if r.kind == ld.TLS]
    assert [r.channel for r in tls] == ["control", "data"]
    assert all("TLS" in r.label for r in tls)
    text = panel.transcript()  # (before: "-- TlsEstablished", the event's class name)
    assert "\n-- TLS on the control connection: TLSv1." in text and "\n-- TLS on a data connection: TLSv1." in text


def test_exported_with_the_picture(qtbot, panel, make_server, tmp_path):
    server = make_server("127.0.0.1")
    for i in range(FILES):
        with open(server.path(f"f{i}.txt"), "wb") as f:
            f.write(b"e")
    _, errors = session(qtbot, panel, server.host, server.port, USER, PASSWORD, "passive", downloads(tmp_path))
    assert not errors
    png, svg = tmp_path / "x.png", tmp_path / "x.svg"
    panel.export_png(str(png))
    panel.export_svg(str(svg))
    rows = ld.build_rows(panel.connection, set(), panel.firewalls())
    image = QImage(str(png))
    height = ld.export_height(panel.connection, rows, panel.palette(), panel.font(), 760.0)
    assert image.width() == 1520 and image.height() == 2 * int(470 + height)
    body = svg.read_text("utf-8")
    assert "TCP connection (data)" in body and "RETR f0.txt" in body and "Client" in body
    os.makedirs("build/screens", exist_ok=True)
    image.save("build/screens/modepanel-export-with-ladder.png")
    panel.tabs.setCurrentWidget(panel.ladder)
    qtbot.waitUntil(lambda: bool(panel.ladder.canvas.rows), timeout=3000)
    panel.grab().save("build/screens/modepanel-ladder.png")


def test_an_export_shows_the_exchange_not_what_to_click(qtbot, panel, make_server, tmp_path):
    """The exported ladder is a document: a collapsed group says what it stands for, not "(click to show)"."""
    server = make_server("127.0.0.1")
    for i in range(FILES):
        with open(server.path(f"f{i}.txt"), "wb") as f:
            f.write(b"x" * 10)
    _, errors = session(qtbot, panel, server.host, server.port, USER, PASSWORD, "passive", downloads(tmp_path))
    assert not errors
    canvas = show_ladder(qtbot, panel)
    assert any("click to show" in r.label for r in canvas.rows)  # the widget's group row is a button
    svg = tmp_path / "x.svg"
    panel.export_svg(str(svg))
    body = svg.read_text("utf-8")
    assert "click to" not in body
    assert f"{FILES - 1} more data connections like the one above (not drawn)" in body
    group = next(i for i, r in enumerate(canvas.rows) if r.kind == ld.GROUP)
    click_row(qtbot, canvas, group)  # expanded: the export draws them, under a heading
    _, rows, _ = panel.ladder.rows_for_export()
    labels = [r.label for r in rows if r.kind == ld.GROUP]
    assert labels == [f"{FILES - 1} more data connections like the one above:"]


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_one_byte_and_one_connection_are_singular(qtbot, panel, make_server, tmp_path, language, request):
    """ "1 byte", not "1 bytes"; "1 more data connection", not "connections" — in both languages."""
    if language == "zh_CN":
        request.getfixturevalue("chinese")
    server = make_server("127.0.0.1")
    for i in range(2):
        with open(server.path(f"f{i}.txt"), "wb") as f:
            f.write(b"1")

    def two(s):
        for i in range(2):
            s.download(f"f{i}.txt", str(tmp_path / f"f{i}.txt"))

    _, errors = session(qtbot, panel, server.host, server.port, USER, PASSWORD, "passive", two)
    assert not errors
    canvas = show_ladder(qtbot, panel)
    labels = [r.label for r in canvas.rows]
    closes = [r.label for r in canvas.rows if r.kind == ld.CLOSE and r.channel == "data"]
    group = next(r.label for r in canvas.rows if r.kind == ld.GROUP)
    conn = panel.connection
    closed = next(s for s in reversed(conn.steps) if s.kind == sc.CLOSED)
    said = nr.narrate(conn, closed)
    text = panel.transcript()
    if language == "en":
        assert closes == ["data connection closed: 1 byte"]
        assert group == "▸ 1 more data connection like the one above (click to show)"
        assert said.startswith("1 byte in ") and "data connection closed: 1 byte in " in text
        assert nr.bytes_moved(1) == "1 byte" and nr.bytes_moved(2) == "2 bytes"
    else:
        assert closes == ["数据连接已关闭：1 字节"]
        assert group == "▸ 另有 1 个与上面相同的数据连接（点击展开）"
        assert "传输 1 字节" in said and "传输 1 字节" in text
    assert not any("1 bytes" in label or "connections like" in label for label in labels)
    assert "1 bytes" not in said and "1 bytes" not in text


def test_server_text_is_drawn_escaped_in_the_ladder_the_picture_and_the_transcript(qtbot, panel, tmp_path):
    """Left as found by the encodings QA: the ladder drew commands and replies as they came, so a reply's ESC
    and a bidi override (U+202E shows "gpj.exe" as "exe.jpg") reached the screen raw, and the bytes of a
    name no codec read (lone surrogates) vanished. Now the panel shows server text as the log does."""
    from scripted import ScriptedServer, epsv_reply, serve_data

    hostile = "\u202egpj.exe \x1b[2J"

    def script(conv):
        conv.login()
        listener = None
        while True:
            verb = conv.command().split(" ", 1)[0].upper()
            if verb == "CWD":
                conv.reply(f"250 {hostile} ok")
            elif verb == "PWD":
                conv.reply('257 "/" is here')
            elif verb == "TYPE":
                conv.reply("200 ok")
            elif verb == "EPSV":
                listener = socket.create_server(("127.0.0.1", 0))
                conv.reply(epsv_reply(listener))
            elif verb == "RETR":
                conv.reply(f"150 {hostile}")
                serve_data(listener, b"data")
                conv.reply(f"226 {hostile} done")
            elif verb == "QUIT":
                conv.reply("221 bye")
                return
            else:
                conv.reply("502 not here")

    name = "\udcd6\udcd0"  # the bytes D6 D0 of a GBK name, as a UTF-8 session keeps them (surrogateescape)
    with ScriptedServer(script) as server:

        def action(s):
            s.cwd(name)
            s.download("f.bin", str(tmp_path / "f.bin"))

        _, errors = session(qtbot, panel, "127.0.0.1", server.port, "u", "p", "passive", action)
    assert not errors, errors

    def raw(text: str) -> bool:
        return any(ch in text for ch in "\x1b\u202e") or any("\ud800" <= ch <= "\udfff" for ch in text)

    canvas = show_ladder(qtbot, panel)
    said = [r.label for r in canvas.rows if r.kind == ld.MESSAGE]
    assert "CWD \\xd6\\xd0" in said and "250 \\u202egpj.exe \\x1b[2J ok" in said, said
    assert not any(raw(label) for label in said)
    steps = panel.connection.steps  # the picture's words: the request, its reply, the transfer's end
    shown_texts = [s.text for s in steps if s.text] + [s.exchange.final_text for s in steps if s.exchange]
    assert "226 \\u202egpj.exe \\x1b[2J done" in shown_texts and not any(raw(t) for t in shown_texts), shown_texts
    transcript = tmp_path / "t.txt"
    panel.export_transcript(str(transcript))
    text = transcript.read_text("utf-8")
    assert "> CWD \\xd6\\xd0" in text and "< 250 \\u202egpj.exe \\x1b[2J ok" in text and not raw(text)
