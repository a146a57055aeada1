"""The mode panel's model: the step kinds, and what a step, a data connection (``Exchange``) and a control
connection's connect attempt (``Dial``) are. ``scene`` builds these from the engine's events (a transcript
line for an event is ``export.transcript_line``, in the person's language). Pure Python, no Qt.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from typing import Deque, List, Optional, Tuple

from ftpgui.ftp.errors import ProtocolError
from ftpgui.ftp.events import (
    ProxyHop,
    TransferStopped,
    named_elsewhere,
)
from ftpgui.ftp.replies import parse_eprt_argument, parse_port_argument
from ftpgui.ftp.safetext import format_address
from ftpgui.ratewindow import RATE_WINDOW  # noqa: F401 (seconds of progress the shown rate is averaged over)

Address = Tuple[str, int]

PLANNING_VERBS = {"EPSV": "passive", "PASV": "passive", "EPRT": "active", "PORT": "active"}
TRANSFER_VERBS = frozenset({"LIST", "NLST", "MLSD", "RETR", "STOR", "STOU", "APPE"})
UPLOAD_VERBS = frozenset({"STOR", "STOU", "APPE"})

STEPS_KEPT = 400  # per connection, for replay
FOLD_WAIT = 0.25  # seconds an exchange may still be folded into the run before it before it is shown live
TRANSCRIPT_KEPT = 2000  # lines per connection
CONNECTIONS_KEPT = 24  # the oldest closed connection is forgotten beyond this
EARLY_SPAN = 0.5  # before a whole window: the average since the data connection's start, said "so far", once
EARLY_REPORTS = 3  # this many seconds and progress reports are measured (note 340)

# Step kinds, in the order they can happen.
CONTROL = "control"  # the control connection is up
REQUEST = "request"  # EPSV/PASV/EPRT/PORT sent (active: the client is already listening)
REPLY = "reply"  # the server's answer to it (229/227, or 200 to EPRT/PORT)
TRANSFER = "transfer"  # LIST/RETR/STOR… sent on the control connection
DIAL = "dial"  # the data connection is up: who dialled whom (active: before TRANSFER with some servers)
CLOSED = "closed"  # the data connection carried its bytes and closed
FAILED = "failed"  # the data connection could not be made or broke
FALLBACK = "fallback"  # Auto switched from passive to active
CONTROL_CLOSED = "control-closed"
TLS = "tls"  # the control connection's TLS handshake finished: from here on it is encrypted
CONTROL_DIAL = "control-dial"  # the client dials the server's control port (ControlConnecting)
CONTROL_FAILED = "control-failed"  # that attempt failed (ControlConnectFailed)


@dataclass
class Dial:
    """One attempt to open the control connection: where to, how long it may wait, and how it ended."""

    remote: Address
    timeout: Optional[float]
    started: float  # monotonic
    cause: str = ""  # when it failed: refused, timeout, unreachable or other
    detail: str = ""
    errno: Optional[int] = None


@dataclass(slots=True)  # (one a file in a tree of small files)
class Exchange:
    """One data connection: how it was planned, who listened and who dialled, and how it ended."""

    number: int  # 1 for the connection's first data connection
    mode: str  # "passive" or "active", from the command's verb until DataChannelPlanned says it
    command: str  # EPSV, PASV, EPRT or PORT
    command_line: str
    refused: List[Tuple[str, int, str]] = field(default_factory=list)  # (verb, code, reply) before the one used
    reply_code: Optional[int] = None
    reply_text: str = ""
    argument: str = ""
    advertised: Optional[Address] = None
    target: Optional[Address] = None
    planned: bool = False
    transfer_line: str = ""
    local: Optional[Address] = None  # the client's end of the data connection
    remote: Optional[Address] = None  # the server's end of the data connection
    dialer: Optional[str] = None
    early: bool = False  # active mode: the server connected before the transfer command (on PORT/EPRT)
    bytes: Optional[int] = None
    seconds: Optional[float] = None
    final_code: Optional[int] = None
    final_text: str = ""
    failure: Optional[Tuple[str, str, str]] = None  # (stage, cause, detail)
    failed_how: str = ""  # what its connect or accept met: "timeout", "refused" or "" (``DataFailed.how``)
    aborted: bool = False  # the client stopped its transfer (ABOR), whatever the server answered
    server_size: Optional[int] = None  # a stopped upload: the size the server then gave its file (SIZE)
    stopped_by: Optional[TransferStopped] = None  # why, when not a person's cancel (a full disk, a stall…)
    offset: int = 0  # the byte its transfer started from (REST before it: a resumed transfer), 0 from the first
    more: int = 0  # earlier data connections of the run this one stands for (folded away)
    ended_after_fold: bool = False  # its failing final reply came after it was folded into a run that went through
    first_number: int = 0  # the number of the run's first data connection (when ``more``)
    steps: int = 0  # how many timeline steps this exchange added
    timeout: Optional[float] = None  # seconds the data connection is waited for (DataChannelPlanned)
    dial_from: Optional[float] = None  # when the wait for it began (monotonic)
    done: Optional[int] = None  # bytes moved so far (TransferProgress), while it runs
    total: Optional[int] = None
    rate: float = 0.0  # bytes per second over the last RATE_WINDOW seconds (or since it connected, when younger)
    rate_said: float = 0.0  # ``rate`` once measured over a whole RATE_WINDOW (0 before): the label's
    rate_so_far: float = 0.0  # before that, the average since it connected, once EARLY_SPAN and EARLY_REPORTS
    connected_at: Optional[float] = None  # when the data connection was made (DataConnected), for the rate
    samples: Deque[Tuple[float, int]] = field(default_factory=deque, repr=False)
    tls: str = ""  # the data connection's TLS version, when it is encrypted
    folded_into: Optional[Exchange] = field(default=None, repr=False)  # the newer one that stands for it, once folded
    proxy: Optional[ProxyHop] = None  # the proxy it goes through (DataChannelPlanned, DataConnected)

    @property
    def transfer_verb(self) -> str:
        return self.transfer_line.split(" ", 1)[0].upper()

    @property
    def upload(self) -> bool:
        return self.transfer_verb in UPLOAD_VERBS

    @property
    def client_listens(self) -> Optional[Address]:
        """Active mode: the address the client's listener is bound to (from DataChannelPlanned)."""
        return self.target if self.mode == "active" else None

    @property
    def server_listens(self) -> Optional[Address]:
        """Passive mode: the server's data port, as the client dialled it."""
        return self.target if self.mode == "passive" else None

    @property
    def nat(self) -> bool:
        """The advertised address differs from the one used (a passive reply naming another host, or an
        active-mode external address)."""
        return named_elsewhere(self.advertised, self.target)

    @property
    def transfer_refused(self) -> bool:
        """Its transfer's final reply (known by now) is 4xx/5xx: a 550 after passive mode connected, a 426."""
        return self.final_code is not None and self.final_code >= 400

    @property
    def ok(self) -> bool:
        """Ended, with no failure of the data connection and no refusal of its transfer (a refused one is not
        folded among transfers that went through)."""
        return self.failure is None and self.bytes is not None and not self.transfer_refused

    def shape(self) -> tuple:
        """What makes two data connections 'alike' for folding a fast run: one the client aborted is not like one
        that went through, nor one continued from an offset (REST) like one from the first byte (note 250)."""
        return (
            self.mode,
            self.command,
            self.transfer_verb,
            self.dialer,
            self.ok,
            bool(self.refused),
            self.nat,
            self.aborted,
            bool(self.offset),
        )


@dataclass(slots=True)  # (thousands are made during a tree of small files: slots make them cheaper)
class Step:
    """One point on the timeline; the narration and the picture are made from its kind and exchange."""

    serial: int
    kind: str
    exchange: Optional[Exchange] = None
    fallback: Optional[Tuple[str, str, str]] = None  # (from_mode, to_mode, cause)
    reason: str = ""  # control-closed: why; tls: the TLS version
    # request and reply steps keep their own command and reply: EPSV refused, then PASV, is two of each
    line: str = ""  # the command line of a request step
    code: Optional[int] = None  # the reply code of a reply step
    text: str = ""  # the reply text of a reply step
    dial: Optional[Dial] = None  # control-dial and control-failed steps: the attempt


def show_address(addr: Optional[Address]) -> str:
    """``host:port`` (IPv6 in brackets), or "?" for an address the events have not given yet."""
    return "?" if addr is None else format_address(addr)


def named_port(line: str) -> str:
    """The port a PORT/EPRT line the client sent names ("?" when it cannot be read): a refused one, or one the
    server answered 425, has no planned event, and the client's port is known only from the line itself."""
    verb, _, arg = line.partition(" ")
    try:
        parse = parse_port_argument if verb.upper() == "PORT" else parse_eprt_argument
        return str(parse(arg.strip())[1])
    except (ProtocolError, ValueError, IndexError):
        return "?"
