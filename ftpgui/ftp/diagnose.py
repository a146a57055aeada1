"""Which data-connection mode works for a server, and why: each data-connection command probed on its own
fresh connection (EPSV, PASV, EPRT, PORT on IPv4; EPSV and EPRT on IPv6), a LIST each.

Everything reported is read from the events of those real attempts; nothing is assumed from the mode. The
two modes' summaries are what a client that prefers EPSV (EPRT) and falls back to PASV (PORT) when the
server refuses it would meet — ftpgui's own behaviour. The sentences come from ``ftpgui.explain``; this
module gives codes and facts.
"""

from __future__ import annotations

import socket
from dataclasses import dataclass, field, replace
from typing import Callable, Dict, List, Optional, Tuple

from .causes import CLIENT_NAT, NAT_ADDRESS, TLS_HELPER
from .errors import Cancelled, ConnectionLost, DataConnectionError, FtpError, ProtocolError, TransferFailed
from .events import (
    CommandSent,
    ControlConnected,
    DataChannelPlanned,
    DataConnected,
    DataFailed,
    Event,
    ReplyReceived,
    TlsEstablished,
)
from .session import FtpSession, SessionOptions

Address = Tuple[str, int]


PROBES_V4 = ("EPSV", "PASV", "EPRT", "PORT")
PROBES_V6 = ("EPSV", "EPRT")
PASV_ADDRESS = "pasv-address"  # a finding: PASV names another address than the one the client reached


@dataclass
class ModeResult:
    """One attempt (a mode, or one probe's command): whether a LIST went through, and where and why not."""

    mode: str
    probe: Optional[str] = None  # EPSV, PASV, EPRT or PORT for a probe; None for a mode's summary
    ok: bool = False
    command: Optional[str] = None  # the command sent: "EPSV", "PORT 127,0,0,1,195,80", …
    reply: Optional[str] = None  # the server's reply to it
    advertised: Optional[Address] = None  # passive: what the reply named; active: what we named
    dialled: Optional[Address] = None  # passive: what we connected to; active: our listener
    data: Optional[Dict[str, object]] = None  # {"local", "remote", "dialer"} of the data connection
    stage: Optional[str] = None
    cause: Optional[str] = None
    detail: Optional[str] = None
    timed_out: bool = False  # the failure was a wait that ran out (not a refusal): the evidence is thinner
    nat: Optional[Dict[str, str]] = None  # client-nat from a refused PORT: {"advertised", "control_local"}
    control: Dict[str, Address] = field(default_factory=dict, repr=False)  # this attempt's control connection
    events: List[Event] = field(default_factory=list, repr=False)

    @property
    def refused(self) -> bool:
        """The server refused the command itself (so a client would fall back to the other command)."""
        return not self.ok and self.stage == "command"

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
            "timed_out": self.timed_out,
            "nat": self.nat,
            "explanation": explanation,
        }


@dataclass
class Finding:
    """Something worth an administrator's attention that did not stop ftpgui (e.g. a wrong PASV address)."""

    code: str
    advertised: Optional[Address] = None
    reached: Optional[str] = None
    coped: bool = True  # ftpgui's own attempt went through all the same (PASV: dialling the address reached)

    def to_json(self, explanation: str) -> dict:
        return {
            "code": self.code,
            "advertised": list(self.advertised) if self.advertised else None,
            "reached": self.reached,
            "coped": self.coped,
            "explanation": explanation,
        }


@dataclass
class Diagnosis:
    """The result of ``diagnose``: one result per probe, and the two modes' summaries."""

    server: Address
    control: Dict[str, Address]
    passive: ModeResult
    active: ModeResult
    probes: Dict[str, ModeResult] = field(default_factory=dict)
    findings: List[Finding] = field(default_factory=list)
    plain_passive: Optional[ModeResult] = None  # passive without TLS, tried when TLS passive timed out
    user: str = ""  # the login name diagnosed with (never the password): the fixes' command lines name it
    tls: str = ""  # SessionOptions.tls of the diagnosis: off, auto, require or implicit

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
    plain_login_ok: bool = False,
    probing: Optional[Callable[[str, bool], None]] = None,
) -> Diagnosis:
    """Probe each data-connection command on a fresh connection with a LIST of ``path``.

    A failure to connect or log in is raised (there is nothing to diagnose); a data-connection failure
    is a result. ``listener`` sees every event as it happens (e.g. ``TlsNotUsed`` before the password goes).
    When TLS passive times out, passive mode is tried again in clear (to tell a firewall's FTP helper from a
    closed port) only for an anonymous login, or when the caller says this login may go in clear
    (``plain_login_ok``: the practice server's throwaway login, on this computer only). ``probing`` is told each
    probe's command (EPSV, PASV, EPRT, PORT) before its connection's first event, and whether it goes without TLS
    (the comparison, whose events go to ``listener`` too): the mode panel names and shows each probe's connection
    as it runs, and its bar says which runs (design notes 450, 490).
    """
    base = options or SessionOptions()
    control: Dict[str, Address] = {}
    probes: Dict[str, ModeResult] = {}
    order = PROBES_V4
    for command in PROBES_V4:
        if command not in order:
            continue
        if probing is not None:
            probing(command, False)
        result = _probe(command, base, host, port, user, password, path, listener)
        if result.control and ":" in result.control["remote"][0]:
            order = PROBES_V6  # IPv6: PASV and PORT cannot name an IPv6 address
        if not control:
            control = result.control
        probes[command] = result
    passive = _summary("passive", probes.get("EPSV"), probes.get("PASV"))
    active = _summary("active", probes.get("EPRT"), probes.get("PORT"))
    plain = _compare_plain(passive, base, host, port, user, password, path, plain_login_ok, listener, probing)
    if plain is not None and plain.ok:  # the same passive LIST goes through in clear: TLS hides the port
        for res in (passive, *probes.values()):
            if res.mode == "passive" and res.stage == "connect":
                _refine(res, TLS_HELPER)
    return Diagnosis(
        server=(host, port),
        control=control,
        passive=passive,
        active=active,
        probes=probes,
        findings=_findings(probes, control),
        plain_passive=plain,
        user=user,
        tls=base.tls,
    )


def _probe(
    command: str,
    base: SessionOptions,
    host: str,
    port: int,
    user: str,
    password: str,
    path: Optional[str],
    listener: Optional[Callable[[Event], None]],
) -> ModeResult:
    """One data-connection command on a fresh connection, a LIST with it; what happened, read from events."""
    mode = "passive" if command in ("EPSV", "PASV") else "active"
    result = ModeResult(mode, probe=command)
    session = FtpSession(replace(base, mode=mode, data_command=command), _both(result.events.append, listener))
    try:
        session.open(host, port, user, password)
        try:
            session.list_raw(path)
            result.ok = True
        except DataConnectionError as exc:
            result.stage, result.cause, result.detail = exc.stage, exc.cause, str(exc)
            result.timed_out = _waited_out(exc)
        # (ConnectionLost: the server ended this probe's connection — this mode failed, the others go on, each on
        # its own connection; a whole diagnosis ended with "The server is closing the connection": note 440)
        except (TransferFailed, ProtocolError, Cancelled, ConnectionLost) as exc:
            result.stage, result.cause, result.detail = "transfer", "other", str(exc)
        try:  # the outcome is known: QUIT, and no wait for its answer (a server that never answers QUIT held
            session.quit(wait=False)  # each probe up to QUIT_WAIT; the plain comparison's too)
        except FtpError:
            pass
    finally:
        session.close()
    _read_events(result)
    if result.cause == CLIENT_NAT and result.stage == "command" and result.command:
        # the server refused the address PORT/EPRT named ("500 Illegal PORT command."): say which, and ours
        local = result.control.get("local", ("", 0))[0]
        result.nat = {"advertised": _named_address(result.command), "control_local": local}
    return result


def _refine(result: ModeResult, cause: str) -> None:
    """A sharper cause found by comparing attempts: the result and its recorded failure event say it (so
    the picture, the ladder and the transcript name the same cause as the diagnosis)."""
    result.cause = cause
    result.events[:] = [replace(e, cause=cause) if isinstance(e, DataFailed) else e for e in result.events]


def _summary(mode: str, extended: Optional[ModeResult], classic: Optional[ModeResult]) -> ModeResult:
    """What ftpgui meets in ``mode``: the extended command's result, or the classic one's where the server
    refused the extended command (the fallback ftpgui makes)."""
    assert extended is not None
    chosen = classic if extended.refused and classic is not None else extended
    return replace(chosen, probe=None)


def _findings(probes: Dict[str, ModeResult], control: Dict[str, Address]) -> List[Finding]:
    """A PASV reply naming another address than the one reached: harmless to ftpgui (it dials the control
    connection's peer; ``coped`` says whether that went through), fatal to clients that trust the reply —
    worth telling the administrator."""
    found: List[Finding] = []
    pasv = probes.get("PASV")
    reached = control.get("remote", ("", 0))[0]
    if pasv is not None and pasv.advertised and reached and _differs(pasv.advertised[0], reached):
        found.append(Finding(PASV_ADDRESS, advertised=pasv.advertised, reached=reached, coped=pasv.ok))
    return found


def _differs(advertised: str, reached: str) -> bool:
    try:
        return socket.inet_aton(advertised) != socket.inet_aton(reached)
    except OSError:
        return advertised != reached


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
        elif isinstance(event, ReplyReceived) and last_command is not None and not event.unasked:
            result.command, result.reply = last_command, event.text
            last_command = None
        elif isinstance(event, DataChannelPlanned):
            result.advertised, result.dialled = event.advertised, event.target
        elif isinstance(event, DataConnected):
            result.data = {"local": list(event.local), "remote": list(event.remote), "dialer": event.dialer}
        elif isinstance(event, ControlConnected) and not result.control:
            result.control = {"local": event.local, "remote": event.remote}
    if result.ok and result.mode == "passive" and result.advertised and result.dialled:
        if result.advertised[0] != result.dialled[0]:
            result.cause = NAT_ADDRESS  # informational: it worked because we dialled the control peer


def _waited_out(exc: DataConnectionError) -> bool:
    """The failure was a wait that ran out (our connect, or the server's connect back), not a refusal."""
    template = getattr(exc, "template", None) or str(exc)
    return exc.stage in ("connect", "accept") and exc.code is None and ("timed out" in template or "within" in template)


def _named_address(command: str) -> str:
    """The address a PORT (``PORT h1,h2,h3,h4,p1,p2``) or EPRT (``EPRT |1|addr|port|``) command named."""
    verb, _, argument = command.partition(" ")
    if verb.upper() == "PORT":
        return ".".join(argument.split(",")[:4])
    parts = argument.split(argument[:1]) if argument else []
    return parts[2] if len(parts) > 3 else ""


def _compare_plain(
    passive: ModeResult,
    base: SessionOptions,
    host: str,
    port: int,
    user: str,
    password: str,
    path: Optional[str],
    plain_login_ok: bool = False,
    listener: Optional[Callable[[Event], None]] = None,
    probing: Optional[Callable[[str, bool], None]] = None,
) -> Optional[ModeResult]:
    """Passive mode again without TLS, when TLS passive timed out connecting; None when not worth it or when
    the server will not have it in clear (a server that requires TLS answers USER with 530). Heard as it runs,
    as the probes are (it was not: the panel showed nothing for its seconds — design note 490)."""
    if not _worth_comparing_plain(passive, base, user, plain_login_ok):
        return None
    command = passive.command.split(" ")[0] if passive.command else "EPSV"
    if probing is not None:
        probing(command, True)
    try:
        return _probe(command, replace(base, tls="off"), host, port, user, password, path, listener)
    except FtpError:
        return None


def _worth_comparing_plain(passive: ModeResult, base: SessionOptions, user: str, plain_login_ok: bool) -> bool:
    """TLS passive timed out connecting: try the same in clear, to tell a firewall's FTP helper (blind to
    encrypted PASV/EPSV replies) from a closed port. Only for an anonymous login or one the caller allows in
    clear (``plain_login_ok``): a real password is never sent in clear to make a comparison."""
    tls_used = any(isinstance(e, TlsEstablished) and e.channel == "control" for e in passive.events)
    anonymous = (user or "anonymous").lower() in ("anonymous", "ftp") or plain_login_ok
    return tls_used and base.tls != "implicit" and anonymous and not passive.ok and passive.stage == "connect"
