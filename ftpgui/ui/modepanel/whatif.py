"""What-if firewalls: which arrow of a real exchange a firewall would stop, and why — with no traffic sent.

The model is the usual stateful firewall: it lets its own side's outgoing connections (and their replies)
through and stops unsolicited incoming ones, except on ports it was told to open. A client firewall opens
nothing; a server firewall opens its control port (21, or whichever the server listens on), and optionally a
passive port range.
Pure Python, no Qt: the picture and the table both read ``blocked`` and ``survives``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Dict, Optional, Tuple

if TYPE_CHECKING:
    from . import scene as sc


@dataclass(frozen=True)
class Firewalls:
    """Which firewalls to imagine."""

    client: bool = False
    server: bool = False
    passive_range_open: bool = False  # the server's firewall admits its passive port range

    @property
    def any(self) -> bool:
        return self.client or self.server


@dataclass(frozen=True)
class Blocked:
    """The data connection a firewall would stop: whose firewall, and the port the connection was going to."""

    wall: str  # "client" or "server": whose firewall stops it
    port: int  # the listening port the dial was aimed at


def dialer_of(ex: sc.Exchange) -> str:
    """Who dials the data connection: what the events said, else what the mode means (RFC 959)."""
    if ex.dialer:
        return ex.dialer
    return "client" if ex.mode == "passive" else "server"


def bound_by_proxy(ex: sc.Exchange) -> bool:
    """Active mode through a proxy: the proxy listens for the server (SOCKS BIND), not this computer."""
    return ex.proxy is not None and dialer_of(ex) == "server"


def blocked(ex: sc.Exchange, walls: Firewalls) -> Optional[Blocked]:
    """The firewall that would stop ``ex``'s data connection, or None when it would pass.

    Only the side being dialled matters: a firewall stops incoming connections, not outgoing ones. Active mode
    through a proxy (SOCKS BIND): the server dials the proxy, and this computer's only connections are its own
    outgoing ones to the proxy — a firewall here stops neither.
    """
    port = ex.target[1] if ex.target else (ex.local[1] if ex.dialer == "server" and ex.local else 0)
    if dialer_of(ex) == "server":  # active: the server dials in to the client (or to the proxy)
        return Blocked("client", port) if walls.client and not bound_by_proxy(ex) else None
    if walls.server and not walls.passive_range_open:  # passive: the client dials in to the server
        return Blocked("server", port)
    return None


SCENARIOS: Tuple[Tuple[str, Firewalls], ...] = (
    ("none", Firewalls()),
    ("client", Firewalls(client=True)),
    ("server", Firewalls(server=True)),
    ("server-range", Firewalls(server=True, passive_range_open=True)),
    ("both", Firewalls(client=True, server=True)),
    ("both-range", Firewalls(client=True, server=True, passive_range_open=True)),
)


def survives(mode: str, walls: Firewalls) -> bool:
    """Whether ``mode`` gets its data connection through ``walls`` (NAT aside)."""
    from .model import Exchange

    probe = Exchange(0, mode, "EPSV" if mode == "passive" else "EPRT", "")
    return blocked(probe, walls) is None


def table() -> Dict[str, Dict[str, bool]]:
    """{mode: {scenario: works}} for the panel's table."""
    return {mode: {name: survives(mode, walls) for name, walls in SCENARIOS} for mode in ("passive", "active")}
