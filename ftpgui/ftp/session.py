"""``FtpSession``: one FTP conversation, its data connections in either mode, and its events.

A session is used from one thread at a time; only ``cancel()`` may be called from another thread.
"""

from __future__ import annotations

import ipaddress
import itertools
import math
import socket
import ssl
from dataclasses import dataclass
from typing import Callable, Dict, Optional, Tuple

from . import datachannel as dc
from . import tls as tlsmod
from .commands import CommandsMixin, RemotePath
from .control import ControlChannel
from .events import (
    Event,
    Listener,
)
from .filetransfer import FileTransferMixin
from .listing import utc_offset
from .localfs import FolderCache
from .logon import LogonMixin
from .names import NameCodec, parse_encoding
from .proxy import Proxy
from .rawtransfer import RawTransferMixin
from .transfersocket import LATE_1XX, WAITING_CANCELLED, DataSetupMixin

_ids = itertools.count(1)
MODES = ("passive", "active", "auto")
DATA_COMMANDS = {"EPSV": "passive", "PASV": "passive", "EPRT": "active", "PORT": "active"}
__all__ = ["LATE_1XX", "MODES", "WAITING_CANCELLED", "FtpSession", "RemotePath", "SessionOptions"]


MAX_TIMEOUT = 86400


@dataclass
class SessionOptions:
    """How a session behaves; every field has the default a person would expect."""

    mode: str = "passive"  # passive | active | auto
    timeout: float = 30.0  # every socket operation, including the active-mode accept
    encoding: str = "utf-8"  # a codec, "auto" or "auto:CODEC" (names.parse_encoding)
    active_port_range: Optional[Tuple[int, int]] = None
    active_external_address: Optional[str] = None  # advertised in PORT/EPRT instead of our local address
    abort_wait: float = 5.0  # how long an upload's data connection stays open for the server to see ABOR
    listing_limit: int = 256 << 20  # bytes: a listing that never ends is cut here
    listing_timeout: float = 300.0  # seconds a listing's data may take in all (``timeout`` is per stall)
    tls: str = "off"  # off | auto (AUTH TLS when FEAT offers it) | require (AUTH TLS) | implicit (TLS first)
    trust: tlsmod.Trust = None  # fingerprints (or a callback) accepted when verification fails
    ca_file: Optional[str] = None  # CA certificates to verify against instead of the system's
    # tls=auto that ends in plain FTP (none offered, or AUTH TLS refused): None carries on (TlsNotUsed says
    # so); a callback (host, port, reason) decides before USER, and False ends it with TlsUnavailable
    allow_plain: Optional[Callable[[str, int, str], bool]] = None
    list_hidden: bool = False  # LIST -a (falls back to LIST when the server refuses it)
    server_time_offset: int = 0  # minutes the server's LIST times are ahead of UTC
    data_command: Optional[str] = None  # EPSV | PASV | EPRT | PORT: only this one, no fallback (diagnose's probes)
    # the control and data connections go through this proxy (SOCKS5 or HTTP CONNECT); None: direct
    proxy: Optional[Proxy] = None

    def __post_init__(self) -> None:
        if self.mode not in MODES:
            raise ValueError(f"mode must be one of {', '.join(MODES)}, not {self.mode!r}")
        if self.tls not in tlsmod.TLS_MODES:
            raise ValueError(f"tls must be one of {', '.join(tlsmod.TLS_MODES)}, not {self.tls!r}")
        if not (isinstance(self.timeout, (int, float)) and math.isfinite(self.timeout) and self.timeout > 0):
            raise ValueError(f"timeout must be a positive number of seconds, not {self.timeout!r}")
        if self.timeout > MAX_TIMEOUT:  # beyond what sockets and waits accept (OverflowError)
            raise ValueError(f"timeout must be at most {MAX_TIMEOUT} seconds (a day), not {self.timeout:g}")
        if self.active_external_address:
            try:
                ipaddress.ip_address(self.active_external_address)
            except ValueError:
                raise ValueError(
                    f"the active-mode address must be an IP address, not {self.active_external_address!r}"
                ) from None
        if not 0 < self.listing_timeout < math.inf:  # (NaN fails this too)
            raise ValueError("listing timeout must be a positive number of seconds")
        if self.active_port_range is not None:
            lo, hi = self.active_port_range
            if not (1 <= lo <= hi <= 65535):
                raise ValueError(f"active port range {lo}-{hi} is not within 1–65535")
        if self.data_command is not None:
            if self.data_command not in DATA_COMMANDS:
                raise ValueError(f"data_command must be one of {', '.join(DATA_COMMANDS)}, not {self.data_command!r}")
            self.mode = DATA_COMMANDS[self.data_command]
        parse_encoding(self.encoding)  # ValueError for an unknown codec, now rather than mid-session
        utc_offset(self.server_time_offset)


class FtpSession(LogonMixin, CommandsMixin, FileTransferMixin, RawTransferMixin, DataSetupMixin):
    """One control connection and the data connections it sets up, reported as events."""

    def __init__(
        self,
        options: Optional[SessionOptions] = None,
        listener: Optional[Listener] = None,
        kinds: Optional[Tuple[type, ...]] = None,
    ):
        """``kinds``: the event classes ``listener`` reads (None: every event), as in ``set_listener``."""
        self.id = next(_ids)
        self.options = options or SessionOptions()
        # the listener and the event classes it reads (None: all): one tuple, replaced whole (set_listener)
        self._heard: Tuple[Listener, Optional[Tuple[type, ...]]] = (listener or (lambda event: None), kinds)
        self._ctrl: Optional[ControlChannel] = None
        self._waker = dc.Waker()
        self.features: Dict[str, str] = {}
        self.welcome = ""
        self._server: Optional[Tuple[str, int]] = None
        self._credentials: Optional[Tuple[str, str, str]] = None
        self._cwd: Optional[str] = None
        self._type_sent = ""  # the TYPE the server is in ("I", "A"; "" before the first)
        self._fell_back = False
        self._no_epsv = self.options.data_command == "PASV"
        self._no_eprt = self.options.data_command == "PORT"
        self._no_mlsd = False
        self._no_list_a = False
        self._encoding = parse_encoding(self.options.encoding)
        self.names = NameCodec.for_session(self._encoding, server_utf8=False)
        self._progress_done = 0
        self._moved = 0
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
    def kinds(self) -> Optional[Tuple[type, ...]]:
        """The event classes the listener reads (None: all)."""
        return self._heard[1]

    def wants(self, kind: type) -> bool:
        """Whether the listener reads events of class ``kind``."""
        kinds = self._heard[1]
        return kinds is None or issubclass(kind, kinds)

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
        The transfer raises ``Cancelled``, which uses the cancel up."""
        self._waker.fire()

    def hang_up(self) -> None:
        """At exit, from any thread: stop a transfer and end the control connection under whatever waits on
        it (a server that never answers would hold the session's thread for its whole timeout)."""
        self._waker.fire()
        ctrl = self._ctrl
        if ctrl is not None:
            ctrl.hang_up()

    def clear_cancel(self) -> None:
        """Forget a cancel no transfer has used up (one meant for work that has ended)."""
        self._waker.reset()
