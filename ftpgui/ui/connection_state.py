"""The browsing connection's liveness and what the status bar says about it (issue 19 item 3, issue 20
item 6, issue 21 item 5).

:class:`ConnectionWatch` checks the idle browsing connection on its own thread: every second a check that
sends nothing (is the control socket readable, i.e. did the server close it or say 421?), and every
``interval`` seconds of silence an FTP ``NOOP`` (the keep-alive). A check that finds the connection gone
says ``lost``; the engine's ``ControlClosed`` events say it too.

:class:`ConnectionStatus` is the status bar's side: "Connection lost" with a Reconnect button, and a
"Diagnose this server" button when a listing or transfer failed at the data-connection stage or auto
mode fell back.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any, Callable, List, Optional, Set, Tuple

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QPushButton, QStatusBar, QWidget

from .. import ftp
from ..ftp import DataConnectionError
from ..ftp.causes import LEARNT
from .modepanel import labelwords as lw

if TYPE_CHECKING:
    from ..ftp.events import Event
    from ..transfers.worker import Connection

POLL_SECONDS = 1.0  # how often the idle connection is checked without a word on the wire
# ControlClosed reasons that are no loss: ended by the person or the app; a certificate refused (its question
# follows); and the session's own reconnect, its next connection opened at once (note 488)
EXPECTED_CLOSE = ("quit", "closed", "untrusted", "reconnect")


class ConnectionWatch(QObject):
    """Keeps the browsing connection of ``browser`` (a RemoteBrowser) alive and notices when it is gone."""

    lost = Signal()

    def __init__(
        self,
        browser: Any,
        interval: float = 60.0,
        parent: Optional[QObject] = None,
        logged_in: Callable[[], bool] = lambda: True,
    ):
        """``interval``: seconds of silence before a NOOP (0: no NOOPs; the free check still runs).
        ``logged_in``: whether the browsing connection has logged in; until then nothing is checked (a job on
        a connection that never logged in would connect again: once a second while a question is open)."""
        super().__init__(parent)
        self.browser = browser
        self.logged_in = logged_in
        self.interval = float(interval)
        self.poll = POLL_SECONDS
        self.is_lost = False
        self._last = time.monotonic()  # the browsing connection's last command
        self._probe: Optional[Tuple[Connection, int]] = None
        self._watched: Optional[Connection] = None
        self._timer = QTimer(self)
        self._timer.timeout.connect(self._tick)
        browser.eventsArrived.connect(self._events)
        self.set_interval(interval)

    def set_interval(self, seconds: float) -> None:
        """NOOP after ``seconds`` of silence (0: off); the checks run at least that often."""
        self.interval = max(0.0, float(seconds))
        step = min(self.poll, self.interval) if self.interval else self.poll
        self._timer.start(max(20, int(step * 1000)))

    def _events(self, events: List[Event]) -> None:
        CommandSent, ControlClosed, ControlConnected = ftp.CommandSent, ftp.ControlClosed, ftp.ControlConnected

        conn = self.browser.connection
        for ev in events:
            if conn is None or ev.connection_id != conn.connection_id:
                continue
            if isinstance(ev, CommandSent):
                self._last = time.monotonic()
            elif isinstance(ev, ControlConnected):
                self.is_lost = False
            elif isinstance(ev, ControlClosed) and ev.reason not in EXPECTED_CLOSE:
                self._mark_lost()

    def _tick(self) -> None:
        conn = self.browser.connection
        if (
            conn is None
            or self.is_lost
            or not self.logged_in()
            or conn.busy
            or (self._probe is not None and self._probe[0] is conn)
        ):
            return
        if conn is not self._watched:  # a new connection: hear its results
            self._watched = conn
            self._last = time.monotonic()
            conn.jobDone.connect(lambda job, result, c=conn: self._answered(c, job, result))
            conn.jobFailed.connect(lambda job, exc, c=conn: self._answered(c, job, True))
            return
        noop = bool(self.interval) and time.monotonic() - self._last >= self.interval
        try:
            job = conn.submit(lambda s, noop=noop: s.keep_alive(noop))  # runs on the connection's thread
        except RuntimeError:  # closing
            return
        self._probe = (conn, job)

    def _answered(self, conn: Connection, job: int, alive: Any) -> None:
        if self._probe != (conn, job):
            return
        self._probe = None
        if alive is False and conn is self.browser.connection:
            self._mark_lost()

    def stop(self) -> None:
        """No more checks (its tab is closing)."""
        self._timer.stop()

    def _mark_lost(self) -> None:
        if not self.is_lost:
            self.is_lost = True
            self.lost.emit()


class ConnectionStatus(QObject):
    """The status bar's buttons: Reconnect after a loss, Diagnose this server after a data failure."""

    def __init__(
        self, bar: QWidget, set_state: Callable[[str], None], reconnect: Callable[[], None], diagnose: Callable
    ):
        """``bar``: the status bar, or a box in it with a layout (a server tab's part of the bar)."""
        super().__init__(bar)
        self._set_state = set_state
        self._fell_back: Set[int] = set()
        self.reconnect_button = QPushButton(bar)
        self.reconnect_button.setObjectName("reconnect")
        self.reconnect_button.setFlat(True)
        self.reconnect_button.clicked.connect(lambda: (self.reconnect_button.hide(), reconnect()))
        self.diagnose_button = QPushButton(bar)
        self.diagnose_button.setObjectName("diagnoseOffer")
        self.diagnose_button.setFlat(True)
        self.diagnose_button.clicked.connect(lambda: (self.diagnose_button.hide(), diagnose()))
        for button in (self.diagnose_button, self.reconnect_button):
            button.hide()
            if isinstance(bar, QStatusBar):
                bar.addPermanentWidget(button)
            else:
                bar.layout().addWidget(button)
        self.retranslate()

    def retranslate(self) -> None:
        self.reconnect_button.setText(self.tr("Reconnect"))
        self.diagnose_button.setText(self.tr("Diagnose this server"))
        self.diagnose_button.setToolTip(self.tr("Try passive and active mode and say why the data connection failed"))

    def show_lost(self) -> None:
        self._set_state(self.tr("Connection lost"))
        self.reconnect_button.show()

    def show_connected(self) -> None:
        self.reconnect_button.hide()

    def reset(self) -> None:
        """A new connection or none: no offer from the last server stays."""
        self.reconnect_button.hide()
        self.diagnose_button.hide()

    def offer_diagnosis(self) -> None:
        self.diagnose_button.show()

    def data_failure(self, exc: BaseException) -> Optional[str]:
        """For an error shown in the log: the hint to add when it failed at the data connection."""
        if not isinstance(exc, DataConnectionError):
            return None
        self.offer_diagnosis()
        return self.tr("Diagnose this server (in the status bar) tries both modes and says why.")

    def notices(self, events: List[Event]) -> List[str]:
        """The one-line notices these events call for (a mode fallback), and the offer shown with them."""
        DataFailed, ModeFallback = ftp.DataFailed, ftp.ModeFallback  # (not with the first window: notes 229, 470)

        lines = []
        for ev in events:
            if isinstance(ev, ModeFallback) and ev.connection_id not in self._fell_back:
                self._fell_back.add(ev.connection_id)  # once per connection (each transfer connection falls back)
                if ev.cause == LEARNT:
                    continue  # (it follows another connection's fallback, which said so already)
                lines.append(
                    self.tr(
                        "Auto mode switched from {a} to {b} mode: {cause}. Diagnose this server shows both modes."
                    ).format(
                        a=lw.mode_name(ev.from_mode).lower(),
                        b=lw.mode_name(ev.to_mode).lower(),
                        cause=lw.cause_name(ev.cause),
                    )
                )
                self.offer_diagnosis()
            elif isinstance(ev, DataFailed):
                self.offer_diagnosis()
        return lines
