"""The mode panel's practice row: start a local practice server, try an exchange on it, and switch its
simulated firewalls, NAT and firewall FTP helper.

With *Simulate TLS with a firewall helper* on, *Try it* runs the exchange twice, in plain FTP and then under
TLS, so the person sees the helper open the port for the one and not for the other; a note under the row
says what happened, as a simulation.

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
from PySide6.QtWidgets import QCheckBox, QLabel, QPushButton, QVBoxLayout, QWidget

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
    switched = Signal()  # a simulation was switched on or off
    # Try it under the helper simulation: (mode, plain's error, TLS's error, plain's mode, TLS's mode: the one
    # its last data connection used - Auto falls back to active)
    _noted = Signal(str, str, str, str, str)
    _ready = Signal(object, str)  # (server or None, error), crosses from the worker thread
    _gone = Signal()

    def __init__(self, parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self.server: Optional[PracticeServer] = None
        self._busy = False
        self._note: Optional[tuple] = None  # the last Try it under the helper simulation (for a language change)
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
        self.tls_helper = QCheckBox()  # Simulate TLS with a firewall helper (issue 21 item 7)
        self.tls_helper.toggled.connect(self._on_switches)
        self.status = QLabel()
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status.setWordWrap(True)  # the credentials wrap instead of widening the panel
        self.status.setVisible(False)
        self.note = QLabel()  # what a Try it under a simulation showed, in words
        self.note.setTextFormat(Qt.TextFormat.PlainText)
        self.note.setWordWrap(True)
        self.note.setVisible(False)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        row = FlowLayout()  # wraps into rows in a narrow dock
        column.addLayout(row)
        # the credentials have a line of their own: in the row they got what the last switch left of it and
        # wrapped into a narrow column ("127.0.0.1 port" / "39899, user learner-" / "c88e95" at 360 px)
        column.addWidget(self.status)
        column.addWidget(self.note)
        for w in (self.button, self.try_button, self.server_wall, self.client_wall, self.nat, self.tls_helper):
            row.addWidget(w)
        self._ready.connect(self._on_ready, Qt.ConnectionType.QueuedConnection)
        self._gone.connect(self._on_gone, Qt.ConnectionType.QueuedConnection)
        self._noted.connect(self._on_noted, Qt.ConnectionType.QueuedConnection)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.stop_now)  # it stops with the app
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
        helper, fingerprint, note = srv.simulate_tls_helper and srv.tls, srv.fingerprint, self._noted.emit
        self.note.setVisible(False)

        used = {}

        def attempt(tls: bool) -> str:
            from ftpgui.ftp import FtpError, FtpSession, SessionOptions
            from ftpgui.practicetls import tls_options

            options = SessionOptions(mode=mode, timeout=5)
            folder = tempfile.mkdtemp(prefix="ftpgui-practice-dl-")
            try:
                with FtpSession(tls_options(options, fingerprint) if tls else options, emit) as session:
                    started(session.id)
                    session.open(host, port, user, password)
                    session.listdir()
                    session.download("README.txt", os.path.join(folder, "README.txt"))
                    used[tls] = session.mode
            except (FtpError, OSError) as exc:
                return describe_error(exc)
            finally:
                shutil.rmtree(folder, ignore_errors=True)
            return ""

        def work() -> None:
            if not helper:
                done(attempt(tls=False))
                return
            plain = attempt(tls=False)  # the helper reads the port in clear…
            encrypted = attempt(tls=True)  # …and cannot under TLS
            note(mode, plain, encrypted, used.get(False, ""), used.get(True, ""))
            done(plain or encrypted)

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

    def _on_noted(self, mode: str, plain: str, encrypted: str, plain_mode: str, tls_mode: str) -> None:
        self._note = (mode, plain, encrypted, plain_mode, tls_mode)
        self.note.setText(helper_note(*self._note))
        self.note.setVisible(True)

    def _on_gone(self) -> None:
        self._busy = False
        self._update()
        self.stopped.emit()

    def _on_switches(self) -> None:
        if self.server is not None:
            self.server.simulate_server_firewall = self.server_wall.isChecked()
            self.server.simulate_client_firewall = self.client_wall.isChecked()
            self.server.simulate_nat = self.nat.isChecked()
            self.server.simulate_tls_helper = self.tls_helper.isChecked()
            self.switched.emit()

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
        self.tls_helper.setEnabled(running and self.server.tls)
        self.tls_helper.setToolTip(
            translate(
                "ModePanel",
                "Simulation: a firewall opens the passive data port only when its FTP helper reads that port in "
                "the server's reply. It can in plain FTP, not under TLS: plain passive works, TLS passive times "
                "out. Try it runs both",
            )
            if self.server is None or self.server.tls
            else translate("ModePanel", "Simulation unavailable: the practice server cannot offer TLS (pyOpenSSL)")
        )
        if not running:
            self.note.setVisible(False)
        self.try_button.setEnabled(running)
        if running:
            self.status.setText(
                translate("ModePanel", "127.0.0.1 port {port}, user {user}").format(
                    port=self.server.port, user=self.server.user
                )
            )
        else:
            self.status.setText(translate("ModePanel", "Starting…") if self._busy else "")
        self.status.setVisible(bool(self.status.text()))

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
        self.tls_helper.setText(translate("ModePanel", "Simulate TLS with a firewall helper"))
        if self._note is not None:
            self.note.setText(helper_note(*self._note))
        self._update()

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def helper_note(mode: str, plain: str, encrypted: str, plain_mode: str = "", tls_mode: str = "") -> str:
    """What Try it showed under *Simulate TLS with a firewall helper*: the plain and the TLS attempts' errors
    ("" when it went through) and the modes their data connections used, said as a simulation."""
    if not plain and encrypted and mode != "active":
        return translate(
            "ModePanel",
            "Simulation: in plain FTP the firewall's FTP helper read the data port in the server's reply and "
            "opened it, so passive mode worked; under TLS it could not read the reply, so the TLS data "
            "connection was stopped. “Diagnose this server” compares both and names the cause.",
        )
    if not plain and not encrypted and plain_mode == "passive" and tls_mode == "active":  # Auto's fallback
        return translate(  # (it said both went through in active mode - found by QA)
            "ModePanel",
            "Simulation: in plain FTP the firewall's FTP helper read the data port in the server's reply and "
            "opened it, so passive mode worked; under TLS it could not read the reply, so passive mode was "
            "stopped and Auto went on in active mode, where the server connects out to this computer.",
        )
    if not plain and not encrypted:
        return translate(
            "ModePanel",
            "Simulation: plain FTP and TLS both went through in active mode: the server connects out to this "
            "computer, which this firewall allows. Its FTP helper matters for passive mode.",
        )
    return translate("ModePanel", "Simulation: plain FTP: {plain} TLS: {tls}").format(
        plain=plain or translate("ModePanel", "went through."), tls=encrypted or translate("ModePanel", "went through.")
    )
