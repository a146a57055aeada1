"""The engine's event stream: one immutable record per step of the exchange.

Every event carries ``connection_id`` (which session) and ``at`` (a ``time.monotonic()`` timestamp).
The message log, the mode panel, the diagnosis and the tests all read this same stream, so events hold
facts (addresses read from real sockets, reply codes), never sentences.
"""

from __future__ import annotations

import itertools
import time
from dataclasses import dataclass, field
from typing import Callable, Literal, Optional, Tuple, Union

# every session's number, its events' ``connection_id``: one sequence a process (a tree's transfer processes
# each start their own range: ``procpool``); here, not in ``session``, so the window can number a
# connection before the engine is loaded (``procconn``)
connection_ids = itertools.count(1)

Address = Tuple[str, int]
Mode = Literal["passive", "active"]
Stage = Literal["command", "connect", "accept", "tls", "transfer"]


def _now() -> float:
    return time.monotonic()


@dataclass(frozen=True)
class Event:
    """Base of every engine event."""

    connection_id: int
    at: float = field(default_factory=_now, kw_only=True)


@dataclass(frozen=True)
class ProxyHop:
    """A proxy between ftpgui and the server: ``kind`` "socks5" or "http", ``address`` the proxy as dialled
    (read from the socket), ``user`` the name given to it ("" for none; never the password)."""

    kind: str
    address: Address
    user: str = ""


@dataclass(frozen=True)
class ControlConnected(Event):
    """The control connection is up; both ends read from the socket itself.

    Through a proxy (``proxy`` set), ``local`` is our end of the connection to the proxy and ``remote`` the
    server as the proxy was asked to reach it (a name when the proxy resolves it)."""

    local: Address
    remote: Address
    proxy: Optional[ProxyHop] = field(default=None, kw_only=True)


@dataclass(frozen=True)
class ControlConnecting(Event):
    """The client dials the server's control port: ``remote`` is the address dialled (a host name is looked up
    first; each of its addresses tried has its own attempt), ``timeout`` how many seconds the connect is
    waited for. ``ControlConnected`` or ``ControlConnectFailed`` follows."""

    remote: Address
    timeout: Optional[float] = None


@dataclass(frozen=True)
class ControlConnectFailed(Event):
    """A control connection attempt to ``remote`` failed: ``cause`` is "refused" (the host answered that
    nothing accepts connections there, or a firewall rejected it), "timeout" (no answer: dropped by a firewall,
    or the host is down), "unreachable" (no route to it) or "other"; ``detail`` is the operating system's
    English text and ``errno`` its error number (None for a timeout), so a reader can say it in its language."""

    remote: Address
    cause: str
    detail: str
    errno: Optional[int] = None


# Why a control connection ended: every ``reason`` a ``ControlClosed`` can carry (``ControlConnection.close_with``
# is given one of these). The window says each in words (``labelwords.close_reason``); a test finds every
# ``close_with`` of the engine and fails on a reason not here, or one here without words.
CLOSE_REASONS = ("quit", "closed", "lost", "timeout", "421", "error", "cancelled", "reconnect", "untrusted")


@dataclass(frozen=True)
class ControlClosed(Event):
    """The control connection ended (``reason``: one of ``CLOSE_REASONS``)."""

    reason: str


@dataclass(frozen=True)
class CommandSent(Event):
    """A command line as sent, with PASS/ACCT arguments masked."""

    text: str


@dataclass(frozen=True)
class ReplyReceived(Event):
    """A complete (possibly multi-line) reply. ``unasked``: one found waiting before a command went out, which
    answers nothing asked (a server's stray reply): shown as such, never taken as a command's answer."""

    code: int
    lines: Tuple[str, ...]
    unasked: bool = False

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


@dataclass(frozen=True)
class TlsEstablished(Event):
    """A TLS handshake finished on the control or a data channel."""

    channel: Literal["control", "data"]
    version: str
    cipher: str
    session_reused: bool
    cert_fingerprint: str


@dataclass(frozen=True)
class TlsNotUsed(Event):
    """``--tls auto`` carried on without TLS: ``reason`` is "not-offered" (FEAT lists no AUTH) or
    "refused" (AUTH TLS was answered with an error, whether FEAT listed AUTH or not)."""

    reason: str


@dataclass(frozen=True)
class DataChannelPlanned(Event):
    """How the next data connection will be made.

    passive: ``command`` is EPSV or PASV, ``argument`` the numbers from the reply, ``advertised`` the address
    the reply named (for EPSV, the control peer with the given port, as RFC 2428 defines) and ``target``
    the address actually dialled (always the control connection's peer).
    active: ``command`` is EPRT or PORT, ``argument`` what we sent, ``advertised`` the address in it and
    ``target`` the address our listener is bound to. ``timeout``: how many seconds the connection will be
    waited for (the client's connect in passive mode, the server's in active mode), when known.
    ``proxy``: the proxy the connection goes through (passive: we ask it to dial ``target``; active: it
    listens at ``target`` for the server, SOCKS5 BIND), None when direct.
    """

    mode: Mode
    command: str
    argument: str
    advertised: Address
    target: Address
    timeout: Optional[float] = None
    proxy: Optional[ProxyHop] = field(default=None, kw_only=True)

    @property
    def elsewhere(self) -> bool:
        """The reply named another host than ``target``'s (``named_elsewhere``)."""
        return named_elsewhere(self.advertised, self.target)


def named_elsewhere(advertised: Optional[Address], target: Optional[Address]) -> bool:
    """A data connection's reply named another host than the one dialled or bound: a 227's other host (never
    dialled), an active mode's external address. Not known, so False, where ``target`` is a name: through a
    proxy that resolves the server's name, the control connection's peer is that name, and a 227 names an
    address — every PASV was said to name another host (found by a review of note 259)."""
    if advertised is None or target is None or advertised[0] == target[0]:
        return False
    import ipaddress

    try:
        ipaddress.ip_address(target[0])
    except ValueError:
        return False
    return True


@dataclass(frozen=True)
class DataConnected(Event):
    """A data connection is open: ``dialer`` is "client" (passive) or "server" (active). Through a proxy,
    ``local`` is our end of the connection to the proxy and ``remote`` the server's end as the proxy reports
    it (passive: the address it was asked to dial; active: the peer its BIND reply names)."""

    local: Address
    remote: Address
    dialer: Literal["client", "server"]
    proxy: Optional[ProxyHop] = field(default=None, kw_only=True)


@dataclass(frozen=True)
class DataClosed(Event):
    """A data connection closed after carrying ``bytes`` in ``seconds``."""

    bytes: int
    seconds: float


@dataclass(frozen=True)
class TransferProgress(Event):
    """Bytes moved so far on the current transfer; ``total`` is None when unknown."""

    done: int
    total: Optional[int]


@dataclass(frozen=True)
class DataFailed(Event):
    """A data connection could not be made or broke; ``cause`` comes from the diagnosis vocabulary.

    ``detail`` is the English sentence; ``template`` (marked ``QT_TRANSLATE_NOOP("engine", …)``) and
    ``values`` (name, text pairs) let a reader say the same in the person's language ("" when it has none).
    ``mode``: the mode that failed ("" where not said): a PORT refused after auto mode's switch comes before any
    ``DataChannelPlanned`` of active mode. ``how``: what the connect or accept met, where it is known —
    "timeout" (a wait ran out: nothing answered, the usual sign of a firewall dropping packets), "refused"
    (ECONNREFUSED: a TCP reset or an ICMP "unreachable" came back, which the client cannot tell apart — nothing
    listened there, or a firewall refused; in active mode, the server's own words saying its connect was refused,
    as ProFTPD's 425), else ""."""

    stage: Stage
    cause: str
    detail: str
    template: str = field(default="", kw_only=True)
    values: Tuple[Tuple[str, str], ...] = field(default=(), kw_only=True)
    mode: str = field(default="", kw_only=True)
    how: str = field(default="", kw_only=True)


@dataclass(frozen=True)
class TransferStopped(Event):
    """The client is about to stop the transfer under way (ABOR) for its own reason, not a person's cancel: the
    local file could not be written (a full disk), more came than the server announced, the data stalled…
    ``detail`` is the reason in English; ``template`` and ``values`` as ``DataFailed``'s."""

    detail: str
    template: str = field(default="", kw_only=True)
    values: Tuple[Tuple[str, str], ...] = field(default=(), kw_only=True)


@dataclass(frozen=True)
class ResumeUnchecked(Event):
    """A resumed upload goes on from byte ``offset`` of ``path`` (the size of the server's ``remote``) without the
    check that the server's bytes before it are the file's (``resumecheck.StartCheck``): the server would not send
    its file back (``reply``: its refusal of REST or RETR, as a write-only upload folder answers; design note
    474)."""

    path: str
    remote: str
    offset: int
    reply: str


@dataclass(frozen=True)
class ModeFallback(Event):
    """Auto mode switched after a data-connection failure."""

    from_mode: Mode
    to_mode: Mode
    cause: str


AnyEvent = Union[
    ControlConnecting,
    ControlConnectFailed,
    ControlConnected,
    ControlClosed,
    CommandSent,
    ReplyReceived,
    TlsEstablished,
    TlsNotUsed,
    DataChannelPlanned,
    DataConnected,
    DataClosed,
    TransferProgress,
    DataFailed,
    TransferStopped,
    ResumeUnchecked,
    ModeFallback,
]
Listener = Callable[[Event], None]
