"""Opening the control connection's TCP connection (a mixin of ``ControlChannel``): directly, address by
address with each try reported, or through a proxy; and what the socket is set up with (keepalive)."""

from __future__ import annotations

import errno
import socket
import sys
from typing import Callable, Optional, Tuple

from .errors import QT_TRANSLATE_NOOP, Cancelled, ConnectError, worded
from .events import ControlConnectFailed, ControlConnecting, Event


def address(sockaddr: Tuple) -> Tuple[str, int]:
    """(host, port) from a socket address of any family, without IPv6 flow/scope fields."""
    host = sockaddr[0]
    if host.startswith("::ffff:") and "." in host:
        host = host[7:]
    return host, int(sockaddr[1])


def connect_cause(exc: OSError) -> str:
    """Why a connect failed, in ``ControlConnectFailed``'s words: refused, timeout, unreachable or other."""
    if isinstance(exc, TimeoutError) or exc.errno == errno.ETIMEDOUT:
        return "timeout"
    if isinstance(exc, ConnectionRefusedError):
        return "refused"
    if exc.errno in (errno.EHOSTUNREACH, errno.ENETUNREACH, errno.EHOSTDOWN, errno.ENETDOWN):
        return "unreachable"
    return "other"


def enable_keepalive(sock: socket.socket) -> None:
    """TCP keepalive, probing after 60 s idle, so a silently dropped control connection is noticed."""
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE, 1)
    for name, value in (("TCP_KEEPIDLE", 60), ("TCP_KEEPINTVL", 15), ("TCP_KEEPCNT", 4)):
        opt = getattr(socket, name, None)
        if opt is not None:
            try:
                sock.setsockopt(socket.IPPROTO_TCP, opt, value)
            except OSError:
                pass
    if sys.platform == "darwin":  # TCP_KEEPALIVE is macOS's name for the idle time
        try:
            sock.setsockopt(socket.IPPROTO_TCP, 0x10, 60)
        except OSError:
            pass


class DialMixin:
    """The TCP connect of ``ControlChannel.connect``; a cancel's ``cut`` hangs up under it (``_dialling``)."""

    timeout: float
    connection_id: int
    proxy: object
    cut_short: bool
    _emit: Callable[[Event], None]
    _dialling: Optional[socket.socket]
    cut_off: Callable[[], Cancelled]

    def _through(self, proxy, host: str, port: int) -> socket.socket:
        from .proxy import dial

        sock, self.proxy = dial(proxy, host, port, self.timeout)
        sock.settimeout(self.timeout)
        return sock

    def _direct(self, host: str, port: int, source_address) -> socket.socket:
        self.proxy = None
        try:
            sock = self._dial(host, port, source_address)
        except TimeoutError as exc:
            raise worded(
                ConnectError,
                QT_TRANSLATE_NOOP("engine", "Could not connect to {host} port {port}: timed out after {seconds} s"),
                host=host,
                port=port,
                seconds=f"{self.timeout:g}",
            ) from exc
        except socket.gaierror as exc:
            raise worded(
                ConnectError,
                QT_TRANSLATE_NOOP("engine", "Could not find the server {host}: {reason}"),
                host=host,
                reason=exc.strerror or exc,
            ) from exc
        except OSError as exc:
            raise worded(
                ConnectError,
                QT_TRANSLATE_NOOP("engine", "Could not connect to {host} port {port}: {reason}"),
                host=host,
                port=port,
                reason=exc.strerror or exc,
            ) from exc
        return sock

    def _dial(self, host: str, port: int, source_address=None) -> socket.socket:
        """``socket.create_connection``, reporting each address it tries: ``ControlConnecting`` before the
        connect, ``ControlConnectFailed`` when it fails (the last failure is raised)."""
        error: Optional[OSError] = None
        for family, kind, proto, _name, sockaddr in socket.getaddrinfo(host, port, 0, socket.SOCK_STREAM):
            remote = address(sockaddr)
            self._emit(ControlConnecting(self.connection_id, remote=remote, timeout=self.timeout))
            sock = None
            try:
                sock = socket.socket(family, kind, proto)
                sock.settimeout(self.timeout)
                if source_address:
                    sock.bind(source_address)
                self._dialling = sock
                if self.cut_short:  # (a cut as the socket was made: its shutdown came before the connect)
                    raise ConnectionAbortedError(errno.ECONNABORTED, "cancelled")
                sock.connect(sockaddr)
                return sock
            except OSError as exc:
                if sock is not None:
                    sock.close()
                if self.cut_short:  # a cancel hung up under the connect: no failure of the address
                    raise self.cut_off() from exc
                self._emit(
                    ControlConnectFailed(
                        self.connection_id,
                        remote=remote,
                        cause=connect_cause(exc),
                        detail=exc.strerror or str(exc) or type(exc).__name__,
                        errno=exc.errno,
                    )
                )
                error = exc
            finally:
                self._dialling = None
        raise error if error is not None else OSError(f"no address found for {host}")
