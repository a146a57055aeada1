"""Follow: Latest activity shows a connect attempt the person starts from its dial, and keeps it shown while the
question it raised is open and after it failed — never the older connection it ended before (QA, design note
411). The real main window, a 360 px mode-panel dock, English and Chinese; real servers on loopback: pyftpdlib
for the first server, then a second one that stops the attempt before login — pyftpdlib again, without TLS (the
"Insecure FTP connection" question), pyftpdlib with a self-signed certificate (the certificate question), or a
server whose greeting never ends (the attempt fails)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QImage
from test_mode_choice_window import config, listed, shown  # noqa: F401 (config: a fixture)
from test_modepanel_decoded import Recorder
from test_modepanel_fit import SCREENS, language  # noqa: F401 (language: a fixture)

from ftpgui.ui.dialogs import CertificateDialog, PlainFtpDialog
from ftpgui.ui.modepanel import connections as cl
from ftpgui.ui.modepanel import picture, stills
from ftpgui.ui.modepanel.model import CONTROL_CLOSED

from guihelpers import WAIT, close_window, fill_server, quick_connect, type_in
from memkeyring import memory_keyring  # noqa: F401 (fixture)
from scripted import ScriptedServer

pytestmark = pytest.mark.gui
WIDTH = 360
CASES = ("plain question", "certificate question", "endless greeting")


def endless_greeting(conversation) -> None:
    """A greeting of "220-" lines that never ends (the client gives up: its reply is too long)."""
    while True:
        conversation.send_raw(b"220-Welcome, and more to come\r\n" * 200)


@pytest.fixture
def painted_frames(monkeypatch):
    """(connection id, serial) of every frame the view paints on its own path (a picture, or a still)."""
    frames = []
    paint, still = picture.paint_picture, stills.paint_still

    def paint_spy(painter, rect, palette, frame, *args, **kwargs):
        frames.append((frame.conn.connection_id if frame.conn is not None else None, frame.serial))
        return paint(painter, rect, palette, frame, *args, **kwargs)

    def still_spy(painter, rect, palette, frame, *args, **kwargs):
        frames.append((frame.conn.connection_id if frame.conn is not None else None, frame.serial))
        return still(painter, rect, palette, frame, *args, **kwargs)

    monkeypatch.setattr(picture, "paint_picture", paint_spy)
    monkeypatch.setattr(stills, "paint_still", still_spy)
    return frames


def drawn_words(panel) -> str:
    """The words the picture draws for the frame the view shows (its step whole)."""
    view = panel.view
    image = QImage(view.width(), view.height(), QImage.Format.Format_ARGB32)
    painter = Recorder(image)
    frame = picture.Frame(view.frame.conn, view.frame.serial, 1.0)
    picture.paint_picture(painter, QRectF(image.rect()), panel.palette(), frame, panel.font())
    painter.end()
    return " ".join(text for text, _, _ in painter.drawn)


def the_attempt(panel, before: set) -> int:
    """The connection the second connect made (the one new in the panel since ``before``)."""
    new = [cid for cid in panel.scene.connections if cid not in before]
    assert len(new) == 1, new
    return new[0]


def shows(qtbot, window, frames, cid: int, port: int, grab: str) -> None:
    """The panel shows connection ``cid`` to ``port`` at its newest step — the model, the picker, the view's
    frame and what a grab of the dock paints —; the grab is kept as ``grab``.png."""
    panel = window.mode_panel
    try:
        qtbot.waitUntil(lambda: panel.connection is not None and panel.connection.connection_id == cid, timeout=WAIT)
    except qtbot.TimeoutError:
        conn = panel.connection
        pytest.fail(f"shown: {panel.connection_box.currentText()!r} (connection {conn.connection_id}), not {cid}")
    conn = panel.connection
    assert conn.server[1] == port
    assert panel.connection_box.currentData() == cid and f":{port}" in panel.connection_box.currentText()
    qtbot.waitUntil(lambda: panel.view.frame.conn is conn and panel.view.frame.serial == conn.last_serial)
    panel.view.finish_animation()
    frames.clear()
    image = window.mode_dock.grab()
    SCREENS.mkdir(parents=True, exist_ok=True)
    assert image.save(str(SCREENS / f"{grab}.png"))
    assert frames and all(frame == (cid, conn.last_serial) for frame in frames), (cid, frames)
    words = drawn_words(panel)
    assert str(port) in words, words
    if conn.client is not None:
        assert str(conn.client[1]) in words, words


@pytest.mark.parametrize("case", CASES)
def test_latest_activity_shows_an_attempt_stopped_before_login_not_the_connection_closed_before(
    qtbot,
    config,  # noqa: F811
    make_server,
    certs,
    monkeypatch,
    memory_keyring,  # noqa: F811
    language,  # noqa: F811
    painted_frames,
    case,
):
    """QA: connected, Disconnect, a quick connect to a second server stopped before login (its certificate
    question, the "Insecure FTP connection" question, a greeting that never ended): the panel drew the first
    connection's "closed (quit)" picture — its attempt's close sent Latest activity back to the connection that
    had last opened a data connection, the attempt never having opened one."""
    first = make_server("127.0.0.1")
    fill_server(first)
    window = shown(qtbot)
    panel = window.mode_panel
    window.mode_dock.show()
    window.resizeDocks([window.mode_dock], [WIDTH], Qt.Orientation.Horizontal)
    greeting = ScriptedServer(endless_greeting) if case == "endless greeting" else None
    name = f"modepanel-attempt-{case.replace(' ', '-')}-{WIDTH}-{language}"
    try:
        quick_connect(qtbot, window, first)
        listed(qtbot, window)
        assert panel.follow() == cl.LATEST
        old = window.browser.connection_id
        assert panel.connections.active_at(old) is not None  # (its listing: activity the rule counts)
        window.disconnect_server()
        qtbot.waitUntil(lambda: not panel.scene.connections[old].open, timeout=WAIT)
        before = set(panel.scene.connections)

        if case == "plain question":
            second = make_server("127.0.0.1")
            fill_server(second)
            port, question = second.port, PlainFtpDialog
            type_in(window, second.host, str(port))
        elif case == "certificate question":
            monkeypatch.setenv("SSL_CERT_FILE", certs.ca_file)
            second = make_server("127.0.0.1", tls_cert=certs.self_signed)
            fill_server(second)
            port, question = second.port, CertificateDialog
            type_in(window, f"ftpes://127.0.0.1:{port}/")
        else:
            port, question = greeting.port, None
            type_in(window, "127.0.0.1", str(port))

        if question is not None:  # the question is open: the panel is on the attempt, closed
            qtbot.waitUntil(lambda: isinstance(window.prompt, question) and window.prompt.isVisible(), timeout=WAIT)
        else:  # the attempt failed
            qtbot.waitUntil(lambda: "too long" in window.log.toPlainText() or "过长" in window.log.toPlainText())
        attempt = the_attempt(panel, before)
        qtbot.waitUntil(lambda: not panel.scene.connections[attempt].open, timeout=WAIT)
        shows(qtbot, window, painted_frames, attempt, port, f"{name}-{'asked' if question else 'failed'}")
        last = panel.connection.step(panel.connection.last_serial)
        assert last.kind == CONTROL_CLOSED
        if case == "certificate question":
            assert last.reason == "untrusted"
        assert panel.follow() == cl.LATEST

        if case == "plain question":  # answered "Connect without encryption": the new connection is shown
            window.prompt.connect_button.click()
            listed(qtbot, window)
            browsing = window.browser.connection_id
            assert browsing not in before and browsing != attempt
            shows(qtbot, window, painted_frames, browsing, port, f"{name}-answered")
            assert panel.connection.open
        elif case == "certificate question":  # answered Cancel: the attempt stays shown
            window.prompt.cancel_button.click()
            qtbot.waitUntil(lambda: window.prompt is None or not window.prompt.isVisible(), timeout=WAIT)
            shows(qtbot, window, painted_frames, attempt, port, f"{name}-answered")
        assert panel.follow() == cl.LATEST
    finally:
        close_window(qtbot, window)
        if greeting is not None:
            greeting.close()
