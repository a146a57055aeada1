"""``FtpSession``: one FTP conversation, its data connections in either mode, and its events.

A session is used from one thread at a time; only ``cancel()`` may be called from another thread.
"""

from __future__ import annotations

import socket
import ssl
import threading
from typing import Dict, Optional, Tuple

from . import datachannel as dc
from . import events as _events
from .commands import CommandsMixin, RemotePath
from .control import ControlChannel
from .errors import Cancelled, worded
from .events import (
    Event,
    Listener,
)
from .filetransfer import FileTransferMixin
from .listings import ListingMixin
from .localfs import FolderCache
from .logon import LogonMixin
from .names import NameCodec, parse_encoding
from .options import MODES, SessionOptions
from .rawtransfer import RawTransferMixin
from .transfersocket import BEFORE_START, LATE_1XX, WAITING_CANCELLED, DataSetupMixin
from .upload import UploadMixin

__all__ = ["LATE_1XX", "MODES", "WAITING_CANCELLED", "FtpSession", "RemotePath", "SessionOptions"]


class FtpSession(
    LogonMixin, CommandsMixin, ListingMixin, FileTransferMixin, UploadMixin, RawTransferMixin, DataSetupMixin
):
    """One control connection and the data connections it sets up, reported as events."""

    def __init__(
        self,
        options: Optional[SessionOptions] = None,
        listener: Optional[Listener] = None,
        kinds: Optional[Tuple[type, ...]] = None,
    ):
        """``kinds``: the event classes ``listener`` reads (None: every event), as in ``set_listener``."""
        self.id = next(_events.connection_ids)
        self.options = options or SessionOptions()
        # the listener and the event classes it reads (None: all): one tuple, replaced whole (set_listener)
        self._heard: Tuple[Listener, Optional[Tuple[type, ...]]] = (listener or (lambda event: None), kinds)
        self._ctrl: Optional[ControlChannel] = None
        self._waker = dc.Waker()
        self.pace = None  # a speed limit the data path asks before each move (``datamove.Pace``, ``throttle``)
        # a cancel's look at a wait for the server's answer (``ControlChannel.awaiting``), and the start of one:
        # each sees the other (``cancel``, ``_awaiting``)
        self._cutting = threading.Lock()
        # its owner closes it — the window's Disconnect (``Connection.close(end=True)``), set before the cancel
        # that stops its transfer: that transfer's abort still waits for the server's answers (an edited file's
        # part is deleted over it after), but a close under that wait is said "cancelled" (``ControlChannel.
        # ending``): a server silent after ABOR made it "timed out", as if nobody had asked (design note 404)
        self.ending = False
        self.features: Dict[str, str] = {}
        self.welcome = ""
        self._server: Optional[Tuple[str, int]] = None
        self._credentials: Optional[Tuple[str, str, str]] = None
        self._cwd: Optional[str] = None
        self._type_sent = ""  # the TYPE the server is in ("I", "A"; "" before the first)
        self._fell_back = False
        self._learnt = False  # another connection to this server fell back: in auto mode, start in active
        self._no_epsv = self.options.data_command == "PASV"
        self._no_eprt = self.options.data_command == "PORT"
        self._no_mlsd = False
        self._no_list_a = False
        self._encoding = parse_encoding(self.options.encoding)
        self.names = NameCodec.for_session(self._encoding, server_utf8=False)
        self._progress_done = 0
        self._moved = 0
        self._acked: Optional[int] = None  # (``rawtransfer``: an upload's data sent whole, what was acknowledged)
        self._data_started = 0.0
        self._data_open: Optional[socket.socket] = None  # the data connection open now (reported closed once)
        self._tls_context: Optional[ssl.SSLContext] = None  # the context the control connection's TLS used
        self._tls_cert = b""  # the control connection's certificate (DER); data connections must match it
        self._folders = FolderCache()  # a tree's current local folder, open (closed by ``close``)

    # --- events and state ---------------------------------------------------------------------
    def emit(self, event: Event) -> None:
        listener, kinds = self._heard
        if kinds is None or isinstance(event, kinds):
            listener(event)

    def set_listener(self, listener: Listener, kinds: Optional[Tuple[type, ...]] = None) -> None:
        """Send the events from now on to ``listener`` (a forked transfer process forwards them); with
        ``kinds``, only events of those classes — the others are not even made where making them costs
        (each command and reply, the data connection's plan and its addresses: 7 of a small file's 9
        events, read by nobody in a tree's transfer process)."""
        self._heard = (listener, kinds)

    @property
    def moved(self) -> int:
        """The bytes the last transfer's data connection moved — an upload's, those the server acknowledged —
        however it ended (``ftpgui-cli put`` says them when the server went away part way: design note 384)."""
        return self._moved

    @property
    def acknowledged(self) -> int:
        """Of the last upload's data, the bytes its server is known to have acknowledged: looked at when the data
        ended — its last progress count is then what was written, a small file's not waited for — or, when it
        failed part way, the count its failure looked at (design note 400)."""
        return self._moved if self._acked is None else min(self._moved, self._acked)

    @property
    def kinds(self) -> Optional[Tuple[type, ...]]:
        """The event classes the listener reads (None: all)."""
        return self._heard[1]

    def wants(self, kind: type) -> bool:
        """Whether the listener reads events of class ``kind``."""
        kinds = self._heard[1]
        return kinds is None or issubclass(kind, kinds)

    def learn_fallback(self) -> None:
        """Another connection to this server fell back from passive to active mode (auto mode): this session's
        next transfer goes in active mode at once — said with a ``ModeFallback`` whose cause is ``LEARNT`` —
        instead of waiting out passive mode's failure again. Safe from another thread (one flag, read when
        the next transfer starts)."""
        self._learnt = True

    @property
    def mode(self) -> str:
        """The mode the next data connection will use."""
        if self.options.mode == "active" or (self.options.mode == "auto" and self._fell_back):
            return "active"
        return "passive"

    @property
    def connected(self) -> bool:
        return self._ctrl is not None and self._ctrl.connected

    @property
    def logged_in(self) -> bool:
        """Logged in and not quit: a lost connection comes back by itself (log in, CWD) at the next command."""
        return self._credentials is not None

    @property
    def control_addresses(self) -> Tuple[Tuple[str, int], Tuple[str, int]]:
        """(local, remote) of the control connection."""
        ctrl = self._require()
        return ctrl.local, ctrl.remote

    def cancel(self) -> None:
        """Stop the current transfer, or the next one if none has started yet; safe from any thread.
        The transfer raises ``Cancelled``, which uses the cancel up. While the session waits for the server's
        answer — to a command (SIZE, MDTM, USER, PASS, QUIT…), the logon from the connect to TLS, the transfer's
        (STOR's 150, the 226 after the last byte, an abort's replies) — that wait is cut short: the control
        connection is hung up under it (``ControlChannel.cut``) and the next command reconnects — a server that
        never answers held the job for its whole timeout. A command that comes after the cancel is not sent
        (``Cancelled`` too). Each of those ``Cancelled`` uses the cancel up: the next command is sent (after a
        cut it reconnects)."""
        with self._cutting:  # (a wait that begins later sees the flag; an abort this cancel starts is not cut)
            self._waker.fire()
            ctrl = self._ctrl
            if ctrl is not None and ctrl.awaiting:
                ctrl.cut()

    def _awaiting(self, ctrl: ControlChannel) -> bool:
        """From here the session waits for the server's answer (until ``ctrl.awaiting`` is cleared): a cancel
        hangs up under that wait (``cancel``). True when a cancel came before — it found no wait to cut, and the
        caller takes it. (Under the lock a cancel looks with: an abort that a cancel starts is not cut by that
        same cancel, only by another — Quit after Cancel.)"""
        with self._cutting:
            ctrl.awaiting = True
            return self._waker.fired

    def _begin_wait(self, ctrl: ControlChannel) -> None:
        """``_awaiting``, for a command about to go out (``ControlChannel.begin_wait``): a cancel that came before
        it is taken here — used up, as ``Cancelled`` — and nothing is sent."""
        with self._cutting:
            if not self._waker.fired:
                ctrl.awaiting = True
                return
            self._waker.reset()
        raise worded(Cancelled, BEFORE_START)

    def hang_up(self) -> None:
        """At exit, from any thread: stop a transfer and end the control connection under whatever waits on
        it (a server that never answers would hold the session's thread for its whole timeout)."""
        self._waker.fire()
        ctrl = self._ctrl
        if ctrl is not None:
            ctrl.hang_up()

    def clear_cancel(self) -> None:
        """Forget a cancel no transfer has used up (one meant for work that has ended); on the session's own
        thread. A connection it hung up on as the work ended anyway is closed now: the next command reconnects
        (nothing that fails on it is taken for a cancel of the next work)."""
        self._waker.reset()
        ctrl = self._ctrl
        if ctrl is not None and ctrl.cut_short:
            ctrl.close_with("cancelled")
