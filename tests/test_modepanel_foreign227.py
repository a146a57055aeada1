"""A 227 reply naming another host is never dialled, and the panel and the log say so (found by QA; design note 259).

The engine dials the control connection's peer whatever address a 227 names (as FileZilla does: a server behind a
misconfigured NAT, or a hostile one steering the client to a third party, an FTP bounce). The picture's decoded
line said ``227 (10,9,8,7,…) → 10.9.8.7, port …`` as if it dialled 10.9.8.7, and its "advertised …, dialled …"
line was the fifth of four shown (a refused EPSV before): left out. Nothing in the log or the ladder said the
address was not used either.

Real exchange, through the window a person uses: pyftpdlib on 127.0.0.1 refusing EPSV and naming 10.9.8.7 in its
227 (``masquerade_address``; nothing is ever sent there), quick connect, the listing's data connection; the
mode panel in its dock at 360 px, in English and in Chinese. What the picture draws is recorded on its painting
path. Screenshots go to build/screens/ (modepanel-foreign227-*.png).
"""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication
from test_modepanel_fit import assert_fits, language, resize_dock, shoot  # noqa: F401 (language: a fixture)
from test_modepanel_ladder_wrap import assert_whole, show_ladder
from test_modepanel_narrow import show, step_of

from ftpgui.ui.modepanel import narration as nr
from ftpgui.ui.modepanel import scene as sc

from guihelpers import WAIT, close_window, fill_server, open_window, quick_connect, wait_listing

pytestmark = pytest.mark.gui
NAMED = "10.9.8.7"


@pytest.fixture
def config(tmp_path, monkeypatch):
    monkeypatch.setenv("FTPGUI_CONFIG_DIR", str(tmp_path / "config"))


def test_a_227_naming_another_host_is_said_not_dialled(qtbot, config, language, make_server):  # noqa: F811
    srv = make_server("127.0.0.1", refuse=("EPSV",))
    srv.handler.masquerade_address = NAMED  # its 227 names 10.9.8.7
    fill_server(srv)
    window = open_window(qtbot)
    try:
        resize_dock(qtbot, window, window.mode_dock, 360)
        panel = window.mode_panel
        quick_connect(qtbot, window, srv)
        wait_listing(qtbot, window, "/")
        qtbot.waitUntil(lambda: panel.connection is not None and bool(panel.connection.exchanges()), timeout=WAIT)
        qtbot.waitUntil(lambda: panel.connection.exchanges()[-1].bytes is not None, timeout=WAIT)
        ex = panel.connection.exchanges()[-1]
        port = ex.target[1]
        assert ex.nat and ex.advertised == (NAMED, port) and ex.target == ("127.0.0.1", port)
        assert srv.record.data[-1][0][0] == "127.0.0.1"  # (the data connection was made to the server here)
        # the log: the address named, not dialled, and the one dialled
        log = window.log.toPlainText()
        if language == "en":
            assert (
                f"Passive mode: the server's reply named {NAMED}, which is not the address the server is reached "
                f"at; data connection to 127.0.0.1:{port} instead" in log
            ), log
            assert f"data connection to {NAMED}" not in log
        # the picture, once the data connection is closed: no "→ 10.9.8.7," and every decoded line drawn whole
        closed = step_of(panel, sc.CLOSED)
        lines = nr.decode(closed.exchange)
        assert len(lines) == 5, lines  # refused EPSV, PASV, 227, the address dialled, LIST
        assert not any(f"→ {NAMED}," in line for line in lines), lines
        drawn = show(qtbot, panel, closed)
        drawn.check(f"{language} foreign 227")
        for line in lines:
            assert drawn.whole(line), (line, drawn.texts)
        assert drawn.whole(nr.labels()["not_used"]) and drawn.whole(f"{NAMED}:{port}"), drawn.texts
        assert not drawn.whole(nr.labels()["advertised"]), drawn.texts
        if language == "en":
            assert f"227 ({NAMED.replace('.', ',')},{port >> 8},{port & 255}) → {NAMED} (not used), port" in lines[2]
            assert lines[3] == f"dialled 127.0.0.1:{port} instead: the address the control connection goes to"
        else:
            assert "（未使用）" in lines[2] and lines[3].startswith(f"改为连接 127.0.0.1:{port}")
        # the reply's narration: why, the NAT and the bounce
        (reply,) = [s for s in panel.connection.steps if s.kind == sc.REPLY and s.code == 227]
        said = nr.narrate(panel.connection, reply)
        if language == "en":
            assert f"The server's 227 reply named {NAMED}, not the address the client reaches the server at" in said
            assert "(an FTP bounce)" in said, said
        else:
            assert "FTP 反弹攻击" in said, said
        assert_fits(window.mode_dock.widget(), panel, f"{language} foreign 227")
        shoot(window.mode_dock, f"modepanel-foreign227-picture-{language}")
        # the ladder: the note under the 227 says which address is dialled, whole at 360 px
        canvas = show_ladder(qtbot, panel)
        (i,) = [i for i, r in enumerate(canvas.rows) if NAMED in r.label and not r.label.startswith("227")]
        if language == "en":
            assert (
                canvas.rows[i].label
                == f"listens on port {port}; the client dials 127.0.0.1, not {NAMED} the reply named"
            )
        assert_whole(canvas, i, f"{language} ladder 227 note")
        panel.ladder.ensureVisible(0, int(canvas.row_top(i)), 0, 120)
        QApplication.processEvents()
        shoot(window.mode_dock, f"modepanel-foreign227-ladder-{language}")
    finally:
        close_window(qtbot, window)
