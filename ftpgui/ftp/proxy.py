"""Proxies: SOCKS5 (RFC 1928, user/password RFC 1929, names resolved by the proxy) and HTTP CONNECT.

Every exchange with a proxy is spoken here, on a socket the caller may open itself (``dial``'s and ``bind``'s
``opened``): the control connection does, for itself and for the data connections, so that a cancel hangs up under
the proxy's answers (``DialMixin.by_proxy``; a proxy that accepted the connection and never answered held the
connect for the whole timeout). SOCKS5 CONNECT went
through python-socks until then, whose synchronous API opens its socket itself, out of a cancel's reach; it is
the exchange active mode needs anyway (SOCKS5 BIND, which python-socks does not offer): greeting, the optional
user/password step, the request, and its reply (RFC 1928 §4/§6; BIND's second reply names whoever connected).
HTTP CONNECT is also done here (``_http_connect`` says why). An HTTP proxy only dials out: active mode cannot
work through it, and the session refuses it in words (:data:`HTTP_ACTIVE`).

The password is never shown: ``Proxy`` leaves it out of its ``repr``, its URL and every message.
"""

from __future__ import annotations

import base64
import ipaddress
import select
import socket
import struct
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable, Optional, Tuple
from urllib.parse import quote, unquote, urlsplit

from .errors import QT_TRANSLATE_NOOP, ConnectError, FtpError, worded
from .options import PROXY_PASSWORD_ENV
from .safetext import hide_secret, quoted

if TYPE_CHECKING:
    from .events import Address, ProxyHop

KINDS = ("socks5", "http")
DEFAULT_PORTS = {"socks5": 1080, "http": 8080}
ENV_PASSWORD = PROXY_PASSWORD_ENV
URL_SPECIAL = frozenset(":/?#[]%")  # in a URL's user: read as a password, a path, a query, an escape (``url``)


class ProxyError(ConnectError):
    """The proxy could not be reached, refused us, or could not reach the server (the message says which)."""


class ProxyUrlError(FtpError, ValueError):
    """A proxy written in a form ftpgui cannot use."""


@dataclass(frozen=True)
class Proxy:
    """A proxy to reach the server through; ``password`` stays out of ``repr`` and ``url``."""

    kind: str  # "socks5" | "http"
    host: str
    port: int
    user: str = ""
    password: str = field(default="", repr=False)

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise worded(ProxyUrlError, BAD_KIND, kind=self.kind, kinds=", ".join(KINDS))
        if not self.host or any(c.isspace() for c in self.host):
            raise worded(ProxyUrlError, QT_TRANSLATE_NOOP("engine", "The proxy needs a host name or address."))
        if isinstance(self.port, bool) or not isinstance(self.port, int) or not 1 <= self.port <= 65535:
            raise worded(ProxyUrlError, BAD_PORT, port=self.port)

    @property
    def address(self) -> Address:
        return self.host, self.port

    @property
    def shown(self) -> str:
        """``host:port``, as messages name the proxy."""
        return f"[{self.host}]:{self.port}" if ":" in self.host else f"{self.host}:{self.port}"

    def url(self) -> str:
        """``socks5://user@host:port`` — never the password. What ``parse_proxy`` would read as more than the
        user is written as it writes it, escaped (``dom%2Fann``): the queue reads the URL back (design note 223)."""
        user = "".join(quote(c, safe="") if c in URL_SPECIAL or not c.isprintable() else c for c in self.user)
        return f"{self.kind}://{user}@{self.shown}" if user else f"{self.kind}://{self.shown}"

    def hop(self, sock: socket.socket) -> ProxyHop:
        """The hop as events carry it: the proxy's address read from the connected socket."""
        host, port = sock.getpeername()[:2]
        if host.startswith("::ffff:") and "." in host:
            host = host[7:]
        from .events import ProxyHop  # (not with the first window: design note 229)

        return ProxyHop(kind=self.kind, address=(host, int(port)), user=self.user)


BAD_KIND = QT_TRANSLATE_NOOP("engine", "Unknown proxy type “{kind}”: use one of {kinds}.")
BAD_PORT = QT_TRANSLATE_NOOP("engine", "The proxy port must be between 1 and 65535, not {port}.")
PASSWORD_IN_URL = QT_TRANSLATE_NOOP(
    "engine",
    "Leave the proxy password out of the address (others could read it there); "
    "ftpgui asks for it, or reads it from FTPGUI_PROXY_PASSWORD.",
)


def parse_proxy(text: str, password: str = "") -> Proxy:
    """``socks5://user@host:port``, ``socks5h://…`` or ``http://host:port`` (no port: 1080 / 8080)."""
    text = text.strip()
    if "://" not in text:
        raise worded(
            ProxyUrlError,
            QT_TRANSLATE_NOOP("engine", "Write the proxy as socks5://host:port or http://host:port, not “{text}”."),
            text=text,
        )
    parts = urlsplit(text)
    kind = {"socks5h": "socks5", "socks": "socks5"}.get(parts.scheme.lower(), parts.scheme.lower())
    if parts.password is not None:
        raise worded(ProxyUrlError, PASSWORD_IN_URL)
    if parts.path not in ("", "/") or parts.query or parts.fragment:
        raise worded(
            ProxyUrlError,
            QT_TRANSLATE_NOOP("engine", "A proxy address has no path: “{text}”."),
            text=text,
        )
    try:
        port = parts.port
    except ValueError:
        raise worded(ProxyUrlError, BAD_PORT, port=text.rsplit(":", 1)[-1]) from None
    if kind not in KINDS:
        raise worded(ProxyUrlError, BAD_KIND, kind=parts.scheme, kinds=", ".join(KINDS))
    return Proxy(kind, parts.hostname or "", port or DEFAULT_PORTS[kind], unquote(parts.username or ""), password)


# --- CONNECT ---------------------------------------------------------------------------------------------

CANT_REACH = QT_TRANSLATE_NOOP("engine", "Could not connect to the proxy {proxy}: {reason}")
PROXY_TIMEOUT = QT_TRANSLATE_NOOP("engine", "The proxy {proxy} did not answer within {seconds} s.")
BAD_LOGIN = QT_TRANSLATE_NOOP("engine", "The proxy {proxy} refused the user name or password.")
NEEDS_LOGIN = QT_TRANSLATE_NOOP(
    "engine", "The proxy {proxy} accepts none of the ways ftpgui offered to log in (it may need a user and password)."
)
PROXY_REFUSED = QT_TRANSLATE_NOOP("engine", "The proxy {proxy} could not connect to {host} port {port}: {reason}")
NOT_ASCII = QT_TRANSLATE_NOOP("engine", "The proxy user name and password must be plain ASCII for {kind}.")

Opener = Callable[[str, int], socket.socket]  # a TCP connection to (host, port), its timeout set


def dial(
    proxy: Proxy, host: str, port: int, timeout: float, opened: Optional[Opener] = None
) -> Tuple[socket.socket, ProxyHop]:
    """A socket connected to ``host``:``port`` through ``proxy`` (a name is resolved by the proxy). ``opened``
    makes the TCP connection to the proxy (default: ``socket.create_connection`` with ``timeout``)."""
    sock = _open_to_proxy(proxy, timeout, opened)
    try:
        if proxy.kind == "http":
            _http_connect(sock, proxy, host, port, timeout)
        else:
            _socks_connect(sock, proxy, host, port, timeout)
        hop = proxy.hop(sock)
    except OSError as exc:
        sock.close()
        raise worded(ProxyError, CANT_REACH, proxy=proxy.shown, reason=exc.strerror or exc) from None
    except BaseException:
        sock.close()
        raise
    return sock, hop


def _socks_connect(sock: socket.socket, proxy: Proxy, host: str, port: int, timeout: float) -> None:
    """SOCKS5 CONNECT: the greeting and login (``_greet``), the request, its reply read to its last byte and not
    a byte further (the server's greeting may come in the same segment)."""
    try:
        _greet(sock, proxy)
        sock.sendall(b"\x05\x01\x00" + _address(host, port))
        _read_reply(sock, proxy)
    except _Refused as exc:
        raise refused(proxy, host, port, str(exc), None) from None
    except _Broken as exc:
        raise worded(ProxyError, CANT_REACH, proxy=proxy.shown, reason=str(exc)) from None
    except TimeoutError:
        raise worded(ProxyError, PROXY_TIMEOUT, proxy=proxy.shown, seconds=f"{timeout:g}") from None
    except OSError as exc:
        raise worded(ProxyError, CANT_REACH, proxy=proxy.shown, reason=exc.strerror or exc) from None


MAX_HTTP_HEADER = 16384


def _http_connect(sock: socket.socket, proxy: Proxy, host: str, port: int, timeout: float) -> None:
    """HTTP CONNECT, reading the proxy's answer up to its blank line and not a byte further.

    Not python-socks' HTTP connector: it reads the answer with one ``recv(65536)`` and drops whatever came
    with it, which for FTP is the server's greeting (the server speaks first; tinyproxy often sends both in
    one segment, and the greeting was then never seen)."""
    if not host.isascii():
        host = host.encode("idna").decode("ascii")
    target = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    lines = [f"CONNECT {target} HTTP/1.1", f"Host: {target}"]
    if proxy.user:
        hide_secret(proxy.password)
        try:
            token = base64.b64encode(f"{proxy.user}:{proxy.password}".encode("latin-1")).decode("ascii")
        except UnicodeEncodeError:
            raise worded(ProxyError, NOT_ASCII, kind="HTTP") from None
        lines.append(f"Proxy-Authorization: Basic {token}")
    try:
        sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1", "replace"))
        header = _read_header(sock, proxy)
    except TimeoutError:
        raise worded(ProxyError, PROXY_TIMEOUT, proxy=proxy.shown, seconds=f"{timeout:g}") from None
    except OSError as exc:
        raise worded(ProxyError, CANT_REACH, proxy=proxy.shown, reason=exc.strerror or exc) from None
    status = header.split(b"\r\n", 1)[0].decode("latin-1", "replace")
    parts = status.split(None, 2)
    code = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else 0
    if not status.startswith("HTTP/") or code == 0:
        raise refused(proxy, host, port, f"not an HTTP answer ({quoted(status, 60)})", None)
    if code // 100 != 2:
        raise refused(proxy, host, port, " ".join(parts[1:])[:200], code)


def _open_to_proxy(proxy: Proxy, timeout: float, opened: Optional[Opener] = None) -> socket.socket:
    try:
        if opened is not None:
            return opened(proxy.host, proxy.port)
        return socket.create_connection(proxy.address, timeout)
    except TimeoutError:
        raise worded(ProxyError, PROXY_TIMEOUT, proxy=proxy.shown, seconds=f"{timeout:g}") from None
    except OSError as exc:
        raise worded(ProxyError, CANT_REACH, proxy=proxy.shown, reason=exc.strerror or exc) from None


def _read_header(sock: socket.socket, proxy: Proxy) -> bytes:
    """Bytes up to and with the blank line; what follows stays in the socket (peek, then take)."""
    while True:
        seen = sock.recv(MAX_HTTP_HEADER, socket.MSG_PEEK)
        if not seen:
            raise worded(ProxyError, CANT_REACH, proxy=proxy.shown, reason="it closed the connection")
        end = seen.find(b"\r\n\r\n")
        if end >= 0:
            return _take(sock, end + 4, proxy)
        if len(seen) >= MAX_HTTP_HEADER:
            raise worded(ProxyError, CANT_REACH, proxy=proxy.shown, reason="its answer has no end")
        select.select([sock], [], [], 0.05)  # more is coming: wait a little rather than spin on the peek


def _take(sock: socket.socket, n: int, proxy: Proxy) -> bytes:
    data = b""
    while len(data) < n:
        chunk = sock.recv(n - len(data))
        if not chunk:  # (hung up under us: a cancel)
            raise worded(ProxyError, CANT_REACH, proxy=proxy.shown, reason="it closed the connection")
        data += chunk
    return data


def refused(proxy: Proxy, host: str, port: int, text: str, code: Optional[int]) -> ProxyError:
    """The proxy's refusal in words: a login refused (HTTP 407), or what it said."""
    if code == 407:
        return worded(ProxyError, BAD_LOGIN, proxy=proxy.shown)
    return worded(ProxyError, PROXY_REFUSED, proxy=proxy.shown, host=host, port=port, reason=text)


# --- BIND (active mode through SOCKS5) -------------------------------------------------------------------

HTTP_ACTIVE = QT_TRANSLATE_NOOP(
    "engine",
    "Active mode cannot work through the HTTP proxy {proxy}: an HTTP proxy only connects outward (CONNECT) "
    "and cannot accept the server's connection back to ftpgui. Use passive mode with this proxy.",
)
NO_BIND = QT_TRANSLATE_NOOP(
    "engine",
    "Active mode cannot work through the SOCKS5 proxy {proxy}: it refused to listen for the server's "
    "connection (SOCKS BIND: {reason}). Use passive mode with this proxy.",
)
BIND_TIMEOUT = QT_TRANSLATE_NOOP(
    "engine", "The server did not connect to the proxy's port {address} within {seconds} s."
)

_SOCKS_REPLIES = {
    1: "general SOCKS server failure",
    2: "not allowed by the proxy's rules",
    3: "network unreachable",
    4: "host unreachable",
    5: "connection refused",
    6: "TTL expired",
    7: "command not supported",
    8: "address type not supported",
}


class BindRefused(ProxyError):
    """The SOCKS5 proxy would not BIND (or closed the connection when asked)."""


class BindTimeout(Exception):
    """Nobody connected to the proxy's BIND port in time."""


class BindListener:
    """The proxy listening for the server, in place of a listening socket (``fileno`` for ``select``;
    readable when the second reply arrives). ``accept`` hands over the connection; ``close`` then
    leaves it open."""

    def __init__(self, sock: socket.socket, bound: Address, hop: ProxyHop, proxy: Proxy):
        self.sock, self.bound, self.hop, self.proxy = sock, bound, hop, proxy
        self._taken = False

    def fileno(self) -> int:
        return self.sock.fileno()

    def getsockname(self) -> Address:
        return self.bound

    def close(self) -> None:
        if not self._taken:
            self.sock.close()

    def accept(self, timeout: float, waker=None) -> Tuple[socket.socket, Address]:
        """The second reply: the server's connection, and its address as the proxy saw it."""
        deadline = time.monotonic() + timeout
        waiting = [self.sock] + ([waker] if waker is not None else [])
        readable, _, _ = select.select(waiting, [], [], max(0.0, deadline - time.monotonic()))
        if waker is not None and waker in readable:
            raise InterruptedError("cancelled")
        if self.sock not in readable:
            raise BindTimeout()
        self.sock.settimeout(max(0.1, deadline - time.monotonic()))
        try:
            peer = _read_reply(self.sock, self.proxy)
        except (_Refused, _Broken) as exc:
            raise _bind_refused(self.proxy, str(exc)) from None
        self._taken = True
        self.sock.setblocking(False)
        return self.sock, peer


def bind(proxy: Proxy, server: Tuple[str, int], timeout: float, opened: Optional[Opener] = None) -> BindListener:
    """Ask ``proxy`` (SOCKS5) to listen for a connection from ``server``; :class:`BindRefused` in words
    when it will not. ``opened``: as ``dial``'s."""
    sock = _open_to_proxy(proxy, timeout, opened)
    try:
        hop = proxy.hop(sock)
        _greet(sock, proxy)
        sock.sendall(b"\x05\x02\x00" + _address(*server))
        bound = _read_reply(sock, proxy)
    except (_Refused, _Broken) as exc:
        sock.close()
        raise _bind_refused(proxy, str(exc)) from None
    except BaseException:
        sock.close()
        raise
    if bound[0] in ("0.0.0.0", "::"):  # "where I listen: everywhere": the address we reach the proxy at
        bound = (hop.address[0], bound[1])
    return BindListener(sock, bound, hop, proxy)


def _bind_refused(proxy: Proxy, reason: str) -> BindRefused:
    return worded(BindRefused, NO_BIND, proxy=proxy.shown, reason=reason)


# --- SOCKS5: the exchange CONNECT and BIND share -------------------------------------------------------


class _Refused(Exception):
    """The proxy said no to the request, or spoke no SOCKS5: the reason, put in words by the request's caller."""


class _Broken(Exception):
    """The connection to the proxy broke or closed in the middle of the exchange."""


def _greet(sock: socket.socket, proxy: Proxy) -> None:
    methods = b"\x00\x02" if proxy.user else b"\x00"
    sock.sendall(bytes([5, len(methods)]) + methods)
    ver, method = _read(sock, 2, proxy)
    if ver != 5:
        raise _Refused("not a SOCKS5 proxy")
    if method == 0xFF:
        raise worded(ProxyError, NEEDS_LOGIN, proxy=proxy.shown)
    if method == 2:
        hide_secret(proxy.password)
        try:
            user, password = proxy.user.encode("ascii"), proxy.password.encode("ascii")
        except UnicodeEncodeError:
            raise worded(ProxyError, NOT_ASCII, kind="SOCKS5") from None
        sock.sendall(bytes([1, len(user)]) + user + bytes([len(password)]) + password)
        if _read(sock, 2, proxy)[1] != 0:
            raise worded(ProxyError, BAD_LOGIN, proxy=proxy.shown)
    elif method != 0:
        raise worded(ProxyError, NEEDS_LOGIN, proxy=proxy.shown)


def _address(host: str, port: int) -> bytes:
    try:
        ip = ipaddress.ip_address(host)
    except ValueError:
        name = host.encode("idna")
        return bytes([3, len(name)]) + name + struct.pack("!H", port)
    return bytes([1 if ip.version == 4 else 4]) + ip.packed + struct.pack("!H", port)


def _read_reply(sock: socket.socket, proxy: Proxy) -> Address:
    ver, code, _rsv, atyp = _read(sock, 4, proxy)
    if ver != 5:
        raise _Refused("not a SOCKS5 reply")
    if code != 0:
        raise _Refused(_SOCKS_REPLIES.get(code, f"error {code}"))
    if atyp == 1:
        host = socket.inet_ntop(socket.AF_INET, _read(sock, 4, proxy))
    elif atyp == 4:
        host = socket.inet_ntop(socket.AF_INET6, _read(sock, 16, proxy))
    elif atyp == 3:
        host = _read(sock, _read(sock, 1, proxy)[0], proxy).decode("ascii", "replace")  # (shown, never dialled:
        # "idna" has no "replace" and raised on every name)
    else:
        raise _Refused(f"unknown address type {atyp}")
    (port,) = struct.unpack("!H", _read(sock, 2, proxy))
    return host, port


def _read(sock: socket.socket, n: int, proxy: Proxy) -> bytes:
    data = b""
    while len(data) < n:
        try:
            chunk = sock.recv(n - len(data))
        except TimeoutError:
            raise worded(ProxyError, PROXY_TIMEOUT, proxy=proxy.shown, seconds=f"{sock.gettimeout() or 0:g}") from None
        except OSError as exc:
            raise _Broken(f"the connection broke ({exc.strerror or exc})") from None
        if not chunk:
            raise _Broken("it closed the connection")
        data += chunk
    return data
