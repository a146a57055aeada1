"""The picture moves while something happens and only then: bytes travelling on the data arrow during a real
(throttled) download, a connect attempt into a black hole growing toward its timeout, an idle control
connection; no timer while the panel is hidden or nothing moves. And FTPS: locks on the encrypted
connections, and the sentence saying what encryption changes for firewalls."""

from __future__ import annotations

import os
import threading

import pytest
from PySide6.QtCore import QObject, Signal

from ftpgui.ftp import FtpSession, SessionOptions
from ftpgui.practice import PracticeServer
from ftpgui.ui.modepanel import ModePanel, picture
from ftpgui.ui.modepanel import motion as mo
from ftpgui.ui.modepanel import narration as nr
from ftpgui.ui.modepanel import scene as sc

from ftpserver import PASSWORD, USER

pytestmark = pytest.mark.gui
SIZE = 2_400_000


class Bridge(QObject):
    """Carries engine events from the session's thread to the GUI thread, as the main window does."""

    event = Signal(object)


@pytest.fixture
def panel(qtbot):
    p = ModePanel()
    qtbot.addWidget(p)
    p.resize(820, 600)
    p.show()
    qtbot.waitExposed(p)
    return p


@pytest.fixture
def painted(monkeypatch):
    """Every short text the picture paints (labels, captions), newest last."""
    texts = []
    elided = picture._Painter.elided
    lock_label = picture._Painter.lock_label
    lines = picture._Painter.lines

    def lines_spy(self, at, width, font, texts_, *args, **kwargs):
        texts.extend(texts_)
        return lines(self, at, width, font, texts_, *args, **kwargs)

    def spy(self, x, y, w, text, *args, **kwargs):
        texts.append(text)
        return elided(self, x, y, w, text, *args, **kwargs)

    def lock_spy(self, centre, version, colour):
        texts.append(("lock", round(centre.y()), version))
        return lock_label(self, centre, version, colour)

    monkeypatch.setattr(picture._Painter, "elided", spy)
    monkeypatch.setattr(picture._Painter, "lock_label", lock_spy)
    monkeypatch.setattr(picture._Painter, "lines", lines_spy)
    return texts


def start_session(panel, options, host, port, action, hold: threading.Event):
    """``action(session)`` on a worker thread; the session stays open until ``hold`` is set."""
    bridge = Bridge()
    bridge.event.connect(panel.add_event)
    errors = []

    def work():
        try:
            with FtpSession(options, bridge.event.emit) as s:
                s.open(host, port, USER, PASSWORD)
                try:
                    action(s)
                finally:
                    hold.wait(30)
        except Exception as exc:  # reported on the test thread
            errors.append(exc)

    thread = threading.Thread(target=work)
    thread.start()
    thread.bridge = bridge  # kept alive with the thread
    return thread, errors


@pytest.mark.timeout(60)
def test_bytes_travel_on_the_data_arrow_only_while_they_move(qtbot, panel, painted, make_server, tmp_path):
    server = make_server("127.0.0.1", throttle=400_000)  # about six seconds: time to watch it
    with open(server.path("big.bin"), "wb") as f:
        f.write(os.urandom(SIZE))
    assert not panel.view.moving  # nothing yet: no timer
    hold = threading.Event()
    thread, errors = start_session(
        panel,
        SessionOptions(mode="passive", timeout=10),
        server.host,
        server.port,
        lambda s: s.download("big.bin", str(tmp_path / "big.bin")),
        hold,
    )
    try:

        def bytes_move() -> bool:  # (the control connection's own attempt may move first, for a moment)
            ex = panel.connection.current if panel.connection is not None else None
            return panel.view.moving and ex is not None and ex.local is not None

        qtbot.waitUntil(bytes_move, timeout=15000)
        ex = panel.connection.current
        qtbot.waitUntil(lambda: ex.total == SIZE, timeout=5000)  # (the first progress may follow the motion)
        qtbot.waitUntil(lambda: ex.rate_said > 0 and 0 < (ex.done or 0) < SIZE, timeout=15000)
        # the label says bytes so far, the total and the rate, in the direction of the bytes (a download)
        qtbot.waitUntil(lambda: mo.bytes_label(ex) in painted, timeout=5000)
        label = mo.bytes_label(ex)
        assert label.startswith("← ") and " of 2.3 MiB" in label and "/s" in label
        # the marks move: the phase advances, and two frames differ
        phase = panel.view.frame.phase
        before = panel.view.grab().toImage()
        qtbot.waitUntil(lambda: panel.view.frame.phase > phase + 5, timeout=3000)
        qtbot.wait(60)
        assert panel.view.grab().toImage() != before
        # hidden: no timer; shown again: it runs again
        panel.hide()
        assert not panel.view.moving
        qtbot.wait(200)
        assert not panel.view.moving
        panel.show()
        qtbot.waitExposed(panel)
        assert panel.view.moving
        # the download ends: the motion stops; the control connection then looks idle
        qtbot.waitUntil(lambda: panel.connection.current is None, timeout=20000)
        qtbot.waitUntil(lambda: not panel.view.moving, timeout=5000)
        painted.clear()
        qtbot.waitUntil(lambda: mo.idle_word() in painted, timeout=5000)
        assert not panel.view.moving  # idle is a still picture
        assert ex.bytes == SIZE
    finally:
        hold.set()
        thread.join(30)
    assert not errors, errors


@pytest.mark.timeout(60)
def test_a_connect_attempt_grows_toward_its_timeout(qtbot, panel, painted):
    practice = PracticeServer()
    practice.start()
    practice.simulate_server_firewall = True  # the passive port is a black hole: the connect times out
    try:
        options = SessionOptions(mode="passive", timeout=5)
        bridge = Bridge()
        bridge.event.connect(panel.add_event)
        failures = []

        def work():
            try:
                with FtpSession(options, bridge.event.emit) as s:
                    s.open(practice.host, practice.port, practice.user, practice.password)
                    s.listdir()
            except Exception as exc:
                failures.append(exc)

        thread = threading.Thread(target=work)
        thread.start()

        def dialling() -> bool:  # (the control connection's own attempt moves first, for a moment)
            ex = panel.connection.current if panel.connection is not None else None
            return panel.view.moving and ex is not None and ex.planned

        qtbot.waitUntil(dialling, timeout=15000)
        ex = panel.connection.current
        assert ex is not None and ex.timeout == 5 and ex.local is None
        qtbot.waitUntil(lambda: any("s of 5 s" in t for t in painted if isinstance(t, str)), timeout=5000)
        first = next(t for t in painted if isinstance(t, str) and "s of 5 s" in t)
        qtbot.waitUntil(
            lambda: any(isinstance(t, str) and "s of 5 s" in t and t != first for t in painted), timeout=3000
        )  # the seconds are counted
        thread.join(30)
        assert failures, "the connect should have timed out"
        qtbot.waitUntil(lambda: not panel.view.moving, timeout=5000)
        assert ex.failure is not None and ex.failure[1] == "server-firewall"
    finally:
        practice.stop()


def test_tls_marks_both_connections_and_says_what_it_changes(qtbot, panel, painted, make_server, certs, tmp_path):
    server = make_server("127.0.0.1", tls_cert=certs.good)
    with open(server.path("a.txt"), "wb") as f:
        f.write(b"secret" * 100)
    hold = threading.Event()
    hold.set()
    options = SessionOptions(mode="passive", timeout=10, tls="require", ca_file=certs.ca_file)
    thread, errors = start_session(
        panel, options, server.host, server.port, lambda s: s.download("a.txt", str(tmp_path / "a.txt")), hold
    )
    thread.join(30)
    assert not errors, errors
    qtbot.waitUntil(lambda: panel.connection is not None and panel.connection.ended, timeout=5000)
    conn = panel.connection
    tls_step = next(s for s in conn.steps if s.kind == sc.TLS)
    version = tls_step.reason
    assert version.startswith("TLS")
    sentence = nr.narrate(conn, tls_step)
    assert version in sentence and "FTP helper can no longer read the client's PORT/EPRT commands" in sentence
    assert "cannot open data ports by itself" in sentence
    # before the handshake the control connection was not encrypted; after it, it was
    control = next(s for s in conn.steps if s.kind == sc.CONTROL)
    assert conn.encrypted_at(control.serial) == "" and conn.encrypted_at(tls_step.serial) == version
    (ex,) = conn.exchanges()
    assert ex.tls.startswith("TLS")
    closed = next(s for s in conn.steps if s.kind == sc.CLOSED)
    painted.clear()
    panel.go_to(closed.serial)
    panel.view.repaint()
    locks = [t for t in painted if isinstance(t, tuple)]
    assert {y for _, y, _ in locks} == {round(picture.CONTROL_Y - 44), round(picture.DATA_Y - 62)}
    # a plain session shows no lock
    painted.clear()
    panel.go_to(control.serial)
    panel.view.repaint()
    assert not [t for t in painted if isinstance(t, tuple)]


def test_tls_sentence_in_chinese(chinese):
    text = mo.tls_sentence("TLSv1.3")
    assert "TLSv1.3" in text and "PORT/EPRT 命令" in text and "227/229 响应" in text and "防火墙" in text
