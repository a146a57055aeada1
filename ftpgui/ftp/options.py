"""``SessionOptions``: how a session behaves, checked when made.

Apart from the session itself so that what only keeps or edits options (the preferences, the saved sites,
the connect bar) can be loaded without the engine's connections, TLS and listings (``ftplib``, ``ssl``): the
first window does not need those (issue 22 item 4).
"""

from __future__ import annotations

import ipaddress
import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable, Collection, Optional, Tuple, Union

from .listing_base import utc_offset
from .names import parse_encoding

if TYPE_CHECKING:
    from .proxy import Proxy

MODES = ("passive", "active", "auto")
TLS_MODES = ("off", "auto", "require", "implicit")
DATA_COMMANDS = {"EPSV": "passive", "PASV": "passive", "EPRT": "active", "PORT": "active"}
MAX_TIMEOUT = 86400
PROXY_PASSWORD_ENV = "FTPGUI_PROXY_PASSWORD"  # (here, not in ``proxy``: the CLI names it without loading that)
TrustCallback = Callable[[str, int, str], bool]  # (host, port, fingerprint "AB:CD:…") → trusted?
Trust = Union[None, Collection[str], TrustCallback]


def normalize_fingerprint(text: str) -> str:
    """A SHA-256 fingerprint as ``AB:CD:…`` (upper case, colons) from hex with or without colons."""
    hexits = "".join(ch for ch in text.strip() if ch not in ": ").upper()
    if len(hexits) != 64 or any(ch not in "0123456789ABCDEF" for ch in hexits):
        raise ValueError(f"Not a SHA-256 fingerprint (64 hex digits, colons optional): {text[:100]!r}")
    return ":".join(hexits[i : i + 2] for i in range(0, 64, 2))


def trust_also(trust: Trust, fingerprint: str) -> TrustCallback:
    """``trust`` (None, fingerprints, or a callback) widened by one fingerprint: a certificate the person
    trusted (once, or always) for the connections made with these options."""

    def trusted(host: str, port: int, fp: str) -> bool:
        if fp == fingerprint:
            return True
        if callable(trust):
            return bool(trust(host, port, fp))
        return fp in (trust or ())

    return trusted


@dataclass
class SessionOptions:
    """How a session behaves; every field has the default a person would expect."""

    mode: str = "passive"  # passive | active | auto
    timeout: float = 30.0  # every socket operation, including the active-mode accept
    encoding: str = "utf-8"  # a codec, "auto" or "auto:CODEC" (names.parse_encoding)
    active_port_range: Optional[Tuple[int, int]] = None
    active_external_address: Optional[str] = None  # advertised in PORT/EPRT instead of our local address
    abort_wait: float = 5.0  # the longest an abort waits for ABOR's and its NOOP's answers (at most timeout / 2)
    listing_limit: int = 256 << 20  # bytes: a listing that never ends is cut here
    listing_timeout: float = 300.0  # seconds a listing's data may take in all (``timeout`` is per stall)
    tls: str = "off"  # off | auto (AUTH TLS when FEAT offers it) | require (AUTH TLS) | implicit (TLS first)
    trust: Trust = None  # fingerprints (or a callback) accepted when verification fails
    ca_file: Optional[str] = None  # CA certificates to verify against instead of the system's
    # tls=auto that ends in plain FTP (none offered, or AUTH TLS refused): None carries on (TlsNotUsed says
    # so); a callback (host, port, reason) decides before USER, and False ends it with TlsUnavailable
    allow_plain: Optional[Callable[[str, int, str], bool]] = None
    list_hidden: bool = False  # LIST -a (falls back to LIST when the server refuses it)
    server_time_offset: int = 0  # minutes the server's LIST times are ahead of UTC
    data_command: Optional[str] = None  # EPSV | PASV | EPRT | PORT: only this one, no fallback (diagnose's probes)
    # the control and data connections go through this proxy (SOCKS5 or HTTP CONNECT); None: direct
    proxy: Optional[Proxy] = None
    # what ACCT sends when the server asks for an account (332) at login; "": none (never an empty ACCT)
    account: str = field(default="", repr=False)

    def __post_init__(self) -> None:
        if self.mode not in MODES:
            raise ValueError(f"mode must be one of {', '.join(MODES)}, not {self.mode!r}")
        if self.tls not in TLS_MODES:
            raise ValueError(f"tls must be one of {', '.join(TLS_MODES)}, not {self.tls!r}")
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
