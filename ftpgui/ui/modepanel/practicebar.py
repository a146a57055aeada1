"""The mode panel's practice row: start a local practice server, try an exchange on it, and switch its
simulated firewalls.

Starting, stopping and trying run on worker threads (writing the sample folder and joining the server thread
must not block the GUI); the result comes back as a queued signal. The main window connects
``started(host, port, user, password)`` to "connect to this server".
"""

from __future__ import annotations

import os
import shutil
import tempfile
import threading
from typing import TYPE_CHECKING, Optional

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtWidgets import QCheckBox, QLabel, QPushButton, QWidget

from ftpgui.explain import describe_error

if TYPE_CHECKING:  # the practice server (pyftpdlib, pyOpenSSL: ~50 ms) loads when first started
    from ftpgui.practice import PracticeServer

from .flow import FlowLayout

translate = QCoreApplication.translate


class PracticeBar(QWidget):
    """[Start a local practice server]  [ ] Simulate a server firewall  [ ] Simulate a client firewall."""

    started = Signal(str, int, str, str)  # host, port, user, password
    stopped = Signal()
    tryRequested = Signal()  # "show me an exchange": the panel calls try_exchange with its selected mode
    exchangeStarted = Signal(int)  # the practice exchange's connection_id, before its first event
    exchangeEvent = Signal(object)  # its engine events, queued from the worker thread
    tried = Signal(str)  # "" when it went through, else what went wrong, in words
    failed = Signal(str)
    _ready = Signal(object, str)  # (server or None, error), crosses from the worker thread
    _gone = Signal()

    def __init__(self, parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self.server: Optional[PracticeServer] = None
        self._busy = False
        self.button = QPushButton()
        self.button.clicked.connect(self.toggle)
        self.try_button = QPushButton()
        self.try_button.clicked.connect(self.tryRequested)
        self.server_wall = QCheckBox()
        self.client_wall = QCheckBox()
        self.server_wall.toggled.connect(self._on_switches)
        self.client_wall.toggled.connect(self._on_switches)
        self.nat = QCheckBox()  # Simulate NAT (issue 21 item 7)
        self.nat.toggled.connect(self._on_switches)
        self.status = QLabel()
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status.setWordWrap(True)  # the credentials wrap instead of widening the panel
        row = FlowLayout(self)  # wraps into rows in a narrow dock
        for w in (self.button, self.try_button, self.server_wall, self.client_wall):
            row.addWidget(w)
        row.addWidget(self.status, 1)
        self._ready.connect(self._on_ready, Qt.ConnectionType.QueuedConnection)
        self._gone.connect(self._on_gone, Qt.ConnectionType.QueuedConnection)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.stop_now)  # it stops with the app
        self.layout().addWidget(self.nat)
        self.retranslate()

    @property
    def running(self) -> bool:
        return self.server is not None

    def toggle(self) -> None:
        if self._busy:
            return
        if self.server is None:
            self.start()
        else:
            self.stop()

    def start(self) -> None:
        """Start a practice server off the GUI thread; ``started`` follows."""
        self._busy = True
        self._update()

        def work() -> None:
            try:
                from ftpgui.practice import PracticeServer
            except ImportError as exc:  # pyftpdlib missing: said in the bar, like a port that cannot be had
                self._ready.emit(None, str(exc))
                return
            srv = PracticeServer()
            try:
                srv.start()
            except (OSError, ImportError) as exc:
                srv.stop()
                self._ready.emit(None, str(exc))
                return
            self._ready.emit(srv, "")

        threading.Thread(target=work, name="ftpgui-practice-start", daemon=True).start()

    def stop(self) -> None:
        """Stop it off the GUI thread; ``stopped`` follows."""
        srv, self.server = self.server, None
        if srv is None:
            return
        self._busy = True
        self._update()

        def work() -> None:
            srv.stop()
            self._gone.emit()

        threading.Thread(target=work, name="ftpgui-practice-stop", daemon=True).start()

    def try_exchange(self, mode: str) -> None:
        """A real exchange on the practice server in ``mode`` (a listing and a download), on a worker
        thread; its events arrive through ``exchangeEvent`` like any connection's."""
        srv = self.server
        if srv is None:
            return
        host, port, user, password = srv.host, srv.port, srv.user, srv.password
        started, emit, done = self.exchangeStarted.emit, self.exchangeEvent.emit, self.tried.emit

        def work() -> None:
            from ftpgui.ftp import FtpError, FtpSession, SessionOptions

            folder = tempfile.mkdtemp(prefix="ftpgui-practice-dl-")
            error = ""
            try:
                with FtpSession(SessionOptions(mode=mode, timeout=5), emit) as session:
                    started(session.id)
                    session.open(host, port, user, password)
                    session.listdir()
                    session.download("README.txt", os.path.join(folder, "README.txt"))
            except (FtpError, OSError) as exc:
                error = describe_error(exc)
            finally:
                shutil.rmtree(folder, ignore_errors=True)
            done(error)

        threading.Thread(target=work, name="ftpgui-practice-try", daemon=True).start()

    def stop_now(self) -> None:
        """Stop at once (the app is quitting)."""
        srv, self.server = self.server, None
        if srv is not None:
            srv.stop()

    def _on_ready(self, srv: Optional[PracticeServer], error: str) -> None:
        self._busy = False
        if srv is None:
            self._update()
            self.failed.emit(error)
            return
        self.server = srv
        self._on_switches()
        self._update()
        self.started.emit(srv.host, srv.port, srv.user, srv.password)

    def _on_gone(self) -> None:
        self._busy = False
        self._update()
        self.stopped.emit()

    def _on_switches(self) -> None:
        if self.server is not None:
            self.server.simulate_server_firewall = self.server_wall.isChecked()
            self.server.simulate_client_firewall = self.client_wall.isChecked()
            self.server.simulate_nat = self.nat.isChecked()

    def _update(self) -> None:
        running = self.server is not None
        self.button.setEnabled(not self._busy)
        self.button.setText(
            translate("ModePanel", "Stop the practice server")
            if running
            else translate("ModePanel", "Start a local practice server")
        )
        self.server_wall.setEnabled(running)
        self.client_wall.setEnabled(running)
        self.nat.setEnabled(running)
        self.try_button.setEnabled(running)
        if running:
            self.status.setText(
                translate("ModePanel", "127.0.0.1 port {port}, user {user}").format(
                    port=self.server.port, user=self.server.user
                )
            )
        else:
            self.status.setText(translate("ModePanel", "Starting…") if self._busy else "")

    def retranslate(self) -> None:
        self.button.setAccessibleName(translate("ModePanel", "Start or stop a local practice server"))
        self.button.setToolTip(
            translate(
                "ModePanel",
                "An FTP server on this computer only (127.0.0.1) with sample files and a generated password, "
                "to try both modes safely",
            )
        )
        self.try_button.setText(translate("ModePanel", "Try it"))
        self.try_button.setAccessibleName(translate("ModePanel", "List and download on the practice server"))
        self.try_button.setToolTip(
            translate("ModePanel", "List a folder and download a file on the practice server, in the selected mode")
        )
        self.server_wall.setText(translate("ModePanel", "Simulate a server firewall"))
        self.server_wall.setToolTip(
            translate("ModePanel", "Simulation: the passive port the server names cannot be reached (it times out)")
        )
        self.client_wall.setText(translate("ModePanel", "Simulate a client firewall"))
        self.client_wall.setToolTip(
            translate("ModePanel", "Simulation: the server declines to connect back to your port and answers 425")
        )
        self.nat.setText(translate("ModePanel", "Simulate NAT"))
        self.nat.setToolTip(
            translate(
                "ModePanel",
                "Simulation: a server behind NAT refuses EPSV and names a private address in its PASV reply; "
                "ftpgui connects to the address it reached instead",
            )
        )
        self._update()

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
