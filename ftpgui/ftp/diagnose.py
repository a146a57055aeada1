"""Which data-connection mode works for a server, and why: each mode tried on its own fresh connection.

Everything reported is read from the events of those two real attempts (a LIST each); nothing is
assumed from the mode. The sentences come from ``ftpgui.explain``; this module gives codes and facts.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Callable, Dict, List, Optional, Tuple

from .causes import NAT_ADDRESS
from .errors import Cancelled, DataConnectionError, FtpError, ProtocolError, TransferFailed
from .events import CommandSent, ControlConnected, DataChannelPlanned, DataConnected, Event, ReplyReceived
from .session import FtpSession, SessionOptions

Address = Tuple[str, int]


@dataclass
class ModeResult:
    """One mode's attempt: whether a LIST went through, and where and why it stopped if not."""

    mode: str
    ok: bool = False
    command: Optional[str] = None  # the command sent: "EPSV", "PORT 127,0,0,1,195,80", …
    reply: Optional[str] = None  # the server's reply to it
    advertised: Optional[Address] = None  # passive: what the reply named; active: what we named
    dialled: Optional[Address] = None  # passive: what we connected to; active: our listener
    data: Optional[Dict[str, object]] = None  # {"local", "remote", "dialer"} of the data connection
    stage: Optional[str] = None
    cause: Optional[str] = None
    detail: Optional[str] = None
    events: List[Event] = field(default_factory=list, repr=False)

    def to_json(self, explanation: str) -> dict:
        return {
            "ok": self.ok,
            "command": self.command,
            "reply": self.reply,
            "advertised": list(self.advertised) if self.advertised and self.mode == "passive" else None,
            "dialled": list(self.dialled) if self.dialled else None,
            "data": self.data,
            "stage": self.stage,
            "cause": self.cause,
            "detail": self.detail,
            "explanation": explanation,
        }


@dataclass
class Diagnosis:
    """The result of ``diagnose``."""

    server: Address
    control: Dict[str, Address]
    passive: ModeResult
    active: ModeResult

    @property
    def recommended(self) -> Optional[str]:
        if self.passive.ok:
            return "passive"
        if self.active.ok:
            return "active"
        return None

    @property
    def modes(self) -> Dict[str, ModeResult]:
        return {"passive": self.passive, "active": self.active}


def diagnose(
    host: str,
    port: int,
    user: str = "anonymous",
    password: str = "",
    options: Optional[SessionOptions] = None,
    path: Optional[str] = None,
    listener: Optional[Callable[[Event], None]] = None,
) -> Diagnosis:
    """Try passive, then active, each on a fresh connection with a LIST of ``path``.

    A failure to connect or log in is raised (there is nothing to diagnose); a data-connection failure
    is a result. ``listener`` sees every event as it happens (e.g. ``TlsNotUsed`` before the password goes).
    """
    base = options or SessionOptions()
    control: Dict[str, Address] = {}
    results = {}
    for mode in ("passive", "active"):
        result = ModeResult(mode)
        session = FtpSession(replace(base, mode=mode), _both(result.events.append, listener))
        try:
            session.open(host, port, user, password)
            try:
                session.list_raw(path)
                result.ok = True
            except DataConnectionError as exc:
                result.stage, result.cause, result.detail = exc.stage, exc.cause, str(exc)
            except (TransferFailed, ProtocolError, Cancelled) as exc:
                result.stage, result.cause, result.detail = "transfer", "other", str(exc)
            try:
                session.quit()
            except FtpError:
                pass
        finally:
            session.close()
        _read_events(result)
        if not control:
            cc = next(e for e in result.events if isinstance(e, ControlConnected))
            control = {"local": cc.local, "remote": cc.remote}
        results[mode] = result
    return Diagnosis(server=(host, port), control=control, passive=results["passive"], active=results["active"])


def _both(record: Callable[[Event], None], listener: Optional[Callable[[Event], None]]) -> Callable[[Event], None]:
    """``record``, and ``listener`` too when there is one."""
    if listener is None:
        return record

    def both(event: Event) -> None:
        record(event)
        listener(event)

    return both


def _read_events(result: ModeResult) -> None:
    """Fill in the command, reply, addresses and data endpoints from the attempt's events."""
    mode_verbs = ("EPSV", "PASV") if result.mode == "passive" else ("EPRT", "PORT")
    last_command = None
    for event in result.events:
        if isinstance(event, CommandSent):
            verb = event.text.split(" ", 1)[0].upper()
            last_command = event.text if verb in mode_verbs else None
        elif isinstance(event, ReplyReceived) and last_command is not None:
            result.command, result.reply = last_command, event.text
            last_command = None
        elif isinstance(event, DataChannelPlanned):
            result.advertised, result.dialled = event.advertised, event.target
        elif isinstance(event, DataConnected):
            result.data = {"local": list(event.local), "remote": list(event.remote), "dialer": event.dialer}
    if result.ok and result.mode == "passive" and result.advertised and result.dialled:
        if result.advertised[0] != result.dialled[0]:
            result.cause = NAT_ADDRESS  # informational: it worked because we dialled the control peer
