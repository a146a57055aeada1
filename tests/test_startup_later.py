"""What the first window does without is loaded once it is up, and a first connection before that draws as
well as one after it (issue 22 item 4, design note 208).

The first window imports none of the mode panel's picture, ladder, narration, what-if and export, nor the
transfer connections' runtime, nor the editor of remote files (``test_startup_imports.DEFERRED``). A fresh
``ftpgui`` process (``app.main``, offscreen) loads them a module at a time once the window is up
(``ui.later``), makes the editor then, and freezes what they made out of the garbage collector's generations;
and a person who connects at once — before any of it is loaded — sees the panel draw that first connection as
it draws one in a process that had it all loaded: the same steps, picture and words, and its ladder.
"""

from __future__ import annotations

import pytest
from test_startup_imports import DEFERRED, WINDOW_LATER, run_app

from ftpserver import PASSWORD, USER

LOADED = """
import gc, json, sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

app = QApplication(["ftpgui"])
from ftpgui import app as ftpgui_app
first = {}

def window():
    return next(w for w in app.topLevelWidgets() if w.objectName() == "mainWindow")

def look():
    if not first:
        first.update(frozen=gc.get_freeze_count(), loaded=[m for m in DEFERRED if m in sys.modules])
    if all(m in sys.modules for m in DEFERRED) and window().editing is not None:
        QTimer.singleShot(0, report)  # (the freeze is the last slot of the loading's end)
    else:
        QTimer.singleShot(20, look)

def report():
    print(json.dumps(dict(first, later=gc.get_freeze_count())))
    app.quit()

QTimer.singleShot(0, look)
ftpgui_app.main(["ftpgui"])
"""

COLD = """
import json, sys
from PySide6.QtCore import QRectF, QTimer
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QApplication

app = QApplication(["ftpgui"])
from ftpgui import app as ftpgui_app
found, events = {}, []

def window():
    return next(w for w in app.topLevelWidgets() if w.objectName() == "mainWindow")

def connect():  # at the window's first turn: nothing deferred is loaded yet
    found["cold"] = [m for m in DEFERRED if m in sys.modules]
    from ftpgui.ftp import SessionOptions
    from ftpgui.transfers.endpoint import Endpoint

    w = window()
    w.remote_browser.eventsArrived.connect(events.extend)
    w.connect_to(Endpoint("127.0.0.1", PORT, USER, PASSWORD), SessionOptions(tls="off"))
    QTimer.singleShot(20, listed)

def listed():
    w = window()
    conn = w.mode_panel.connection
    if w.remote.path != "/" or w.remote_browser.connection.busy or conn is None or not conn.exchanges():
        QTimer.singleShot(20, listed)
        return
    QTimer.singleShot(300, drawn)  # (the listing's last events, and the panel's refresh after them)

def drawn():
    from ftpgui.ui.modepanel import ModePanel, labelwords
    from ftpgui.ui.modepanel.canvas import paint_waiting
    from ftpgui.ui.modepanel.export import render_png
    from ftpgui.ui.modepanel.picture import Frame

    panel = window().mode_panel
    warm = ModePanel()  # the same events, fed to a panel made with every module loaded
    warm.add_events(events)
    pictures = []
    for p in (panel, warm):
        p._stop_following()
        p.go_to(p.connection.last_serial)
        frame = Frame(p.connection, p.position, 1.0)
        pictures.append(render_png(frame, panel.palette(), panel.font(), scale=1.0))
    shown = panel.view.grab().toImage()
    waiting = QImage(shown.size(), shown.format())
    painter = QPainter(waiting)
    words = labelwords.labels()["waiting"]
    paint_waiting(painter, QRectF(waiting.rect()), panel.view.palette(), panel.view.font(), words)
    painter.end()
    panel.tabs.setCurrentWidget(panel.ladder)
    app.processEvents()
    found.update(
        steps=[len(p.connection.steps) for p in (panel, warm)],
        words=[p.narration() for p in (panel, warm)],
        same_picture=pictures[0] == pictures[1],
        picture_drawn=shown != waiting,
        shows=panel.view.frame.conn is panel.connection,
        name=panel.connection_box.currentText(),
        ladder_rows=len(panel.ladder.canvas.rows),
    )
    print(json.dumps(found))
    app.quit()

QTimer.singleShot(0, connect)
ftpgui_app.main(["ftpgui"])
"""


@pytest.mark.timeout(180)
def test_what_the_first_window_does_without_loads_once_it_is_up(tmp_path):
    """The window's deferred modules load after its first turn, a module at a time; the editor is made then
    (it names the copies an earlier run left); what they made is frozen as start-up's is."""
    found = run_app(tmp_path, f"DEFERRED = {WINDOW_LATER!r}\n{LOADED}")
    assert found["loaded"] == []  # at the first turn
    assert found["later"] > found["frozen"]


@pytest.mark.timeout(180)
def test_a_first_connection_before_the_panel_is_loaded_is_drawn_as_after(tmp_path, make_server):
    srv = make_server()
    (tmp_path / "srv0" / "a.txt").write_bytes(b"a" * 100)
    head = f"DEFERRED = {DEFERRED!r}\nPORT = {srv.port}\nUSER = {USER!r}\nPASSWORD = {PASSWORD!r}\n"
    found = run_app(tmp_path, head + COLD)
    assert found["cold"] == []  # the connection began with none of the panel's machinery loaded
    assert found["steps"][0] == found["steps"][1] > 3
    assert found["words"][0] == found["words"][1] != ""
    assert found["same_picture"] and found["picture_drawn"] and found["shows"]
    assert found["name"] == f"Browsing — {USER}@127.0.0.1:{srv.port}"
    assert found["ladder_rows"] > 3


def test_the_picture_before_any_event_is_painted_as_the_picture_of_no_connection(qtbot):
    """The view paints its first pictures without the picture's machinery (``canvas.paint_waiting``): the same
    pixels as ``paint_picture`` paints for no connection, on the wide canvas and the compact one, and as the view
    paints once it has been given "no step" (the picture's own path)."""
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtWidgets import QApplication

    from ftpgui.ui.modepanel.canvas import paint_waiting
    from ftpgui.ui.modepanel.labelwords import labels
    from ftpgui.ui.modepanel.picture import Frame, paint_picture
    from ftpgui.ui.modepanel.view import ModeView

    palette, font = QApplication.palette(), QApplication.font()
    for width in (760, 400):
        images = []
        for paint in (
            lambda p, rect: paint_picture(p, rect, palette, Frame(), font),
            lambda p, rect: paint_waiting(p, rect, palette, font, labels()["waiting"]),
        ):
            image = QImage(width, 300, QImage.Format.Format_ARGB32)
            image.fill(0)
            painter = QPainter(image)
            paint(painter, QRectF(image.rect()))
            painter.end()
            images.append(image)
        assert images[0] == images[1]
        view = ModeView()
        qtbot.addWidget(view)
        view.resize(width, 300)
        first = view.grab().toImage()
        assert view._frame is None  # (painted without a frame: the machinery was not asked for)
        view.show_step(None, 0, animate=False)
        assert view.grab().toImage() == first
