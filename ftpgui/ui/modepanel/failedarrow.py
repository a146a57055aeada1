"""A data connection that could not be made, as the picture and the ladder draw it: who was to dial, whether
the attempt was seen, the wall it likely stopped at, the port it was meant for, and the words.

The client sees its own connect attempt (passive mode): it sent it, and it timed out or was refused; that
arrow is drawn solid, stopped at the likely wall. In active mode the client sees only what reaches its port:
when the server answers 425 (or the wait ends) and nothing arrived, it cannot tell whether the server dialled
and a firewall here dropped the connection, or the server never dialled (the practice server's simulated
client firewall answers 425 without dialling; a server behind NAT may dial a wrong address). That arrow is
drawn as not seen - dashed - and its words say only what is known, that nothing arrived at the port, with
the likely cause as a likely cause (design note 155).

A connect refused (ECONNREFUSED: a TCP reset or an ICMP "unreachable" came back, which cannot be told apart, and
the ICMP one may come from a router or a firewall on the way) is not drawn at a firewall, nor as reaching the port:
its arrow stops short of the port, the refusal's cross between its tip and the port (note 446) — the client's own
connect in passive mode; in active mode the server's, when its 425 says it was refused (ProFTPD: "425 Unable to
build data connection: Connection refused"), dashed, as the client did not see it. The words say what a refusal
means — nothing listens there, or a firewall refuses (note 442) —; in active mode, where the client does listen
there, only that the server's connect was refused (note 482). A wall is drawn for a connect that timed out, the
usual sign of a firewall dropping the packets (note 390).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from PySide6.QtCore import QCoreApplication

from . import narration as nr
from . import scene as sc
from .canvas import FIREWALL_SIDE

translate = QCoreApplication.translate


@dataclass(frozen=True)
class FailedArrow:
    """How a data connection that failed at its connect (passive) or accept (active) stage is drawn."""

    dialer: str  # "client" (passive) or "server" (active): whose arrow it is
    seen: bool  # the attempt was observed (our own connect); False: nothing arrived, drawn dashed
    wall: str  # "client", "server" or "": the likely wall it stopped at ("": stopped on the way)
    port: str  # the listening side's port: the one dialled, or the one nothing arrived at ("?": unknown)
    words: str  # the picture's label, drawn whole
    row: str  # the ladder's row
    refused: bool = False  # the attempt was refused, there or on the way: stopped short of the port, no wall


def failed_arrow(ex: Optional[sc.Exchange]) -> Optional[FailedArrow]:
    """The arrow for ``ex``'s failure, or None when it failed at another stage (or not at all)."""
    if ex is None or ex.failure is None:
        return None
    stage, cause, _detail = ex.failure
    if stage not in ("connect", "accept"):
        return None
    wall = FIREWALL_SIDE.get(cause, "")
    port = listening_port(ex)
    if ex.failed_how == "refused":  # refused: no wall known (note 442), nor where (note 446)
        row = translate("ModePanel", "no data connection: port {port} refused")
        if ex.mode == "passive":
            words = translate("ModePanel", "port {port} refused: nothing listens there, or a firewall refuses")
            return FailedArrow("client", True, "", port, words.format(port=port), row.format(port=port), True)
        # (the client listens on that port: not "nothing listens there" — design note 482)
        words = translate("ModePanel", "the server's connect to port {port} was refused")
        return FailedArrow("server", False, "", port, words.format(port=port), row.format(port=port), True)
    if ex.mode == "passive" or ex.local is not None:  # our own connect: we saw it leave, and fail
        dialer = "client" if ex.mode == "passive" else "server"
        row = translate("ModePanel", "no data connection: {cause}").format(cause=nr.cause_name(cause))
        return FailedArrow(dialer, True, wall, port, nr.failed_because(cause), row)
    if port == "?":
        words = translate("ModePanel", "no connection arrived at the client's port: {cause}")
    else:
        words = translate("ModePanel", "no connection arrived at port {port}: {cause}")
    words = words.format(port=port, cause=nr.cause_name(cause))
    return FailedArrow("server", False, wall, port, words, words)


def listening_port(ex: sc.Exchange) -> str:
    """The listening side's port: planned, the one the events name; an active one the server answered 425 to
    is known only from the PORT/EPRT line the client sent ("?" when it cannot be read)."""
    if ex.target is not None:
        return str(ex.target[1])
    if ex.mode == "active":
        return sc.named_port(ex.command_line)
    return "?"
