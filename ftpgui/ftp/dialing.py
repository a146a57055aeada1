"""Opening the control connection's TCP connection (a mixin of ``ControlChannel``): directly, address by
address with each try reported, or through a proxy; and what the socket is set up with (keepalive).

A cancel (``ControlChannel.cut``) ends every wait here at once: the name lookup (``Lookup``: on a thread of its
own, which a cancel leaves behind), the connect (its socket in ``_dialling``, hung up under it) and a proxy's
answers (the socket to the proxy stays in ``_dialling`` until the proxy has connected us) — a data connection's
through the proxy too (``by_proxy``)."""

from __future__ import annotations

import errno
import os
import socket
import sys
import threading
from typing import TYPE_CHECKING, Callable, List, Optional, Tuple, TypeVar

from .errors import QT_TRANSLATE_NOOP, Cancelled, ConnectError, FtpError, worded
from .events import ControlConnectFailed, ControlConnecting, Event

if TYPE_CHECKING:
    from .proxy import Opener

LOOKUP_CUT = QT_TRANSLATE_NOOP("engine", "Cancelled while looking up the address of {host}.")
PROXY_CUT = QT_TRANSLATE_NOOP("engine", "Cancelled while waiting for the proxy {proxy}.")

Found = List[Tuple]  # what ``socket.getaddrinfo`` returns
T = TypeVar("T")


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


def numeric(host: str, port: int) -> Optional[Found]:
    """The addresses of ``host`` when it is written as an address (no lookup, no wait); None for a name."""
    try:
        return socket.getaddrinfo(host, port, 0, socket.SOCK_STREAM, 0, socket.AI_NUMERICHOST)
    except (OSError, UnicodeError):
        return None


class Lookup:
    """A name's addresses (``getaddrinfo``), looked up on a thread of its own while the connection's thread waits
    for them (``result``): ``stop`` (a cancel, from any thread) ends that wait at once — a slow resolver held it
    for its own timeouts, which no cancel could cut. The thread is left to end by itself; what it finds after a
    stop is never used."""

    def __init__(self, host: str, port: int) -> None:
        self._done = threading.Event()
        self._stopped = False
        self._found: Optional[Found] = None
        self._error: Optional[BaseException] = None
        self._thread = threading.Thread(target=self._run, args=(host, port), name="ftpgui-lookup", daemon=True)
        self._thread.start()

    def _run(self, host: str, port: int) -> None:
        try:
            self._found = socket.getaddrinfo(host, port, 0, socket.SOCK_STREAM)
        except Exception as exc:  # (a bad name can fail as UnicodeError): the waiting thread raises it
            self._error = exc
        finally:
            self._done.set()

    def stop(self) -> None:
        self._stopped = True
        self._done.set()

    def result(self) -> Found:
        """The addresses, once found; ``ConnectionAbortedError`` when stopped (whatever the thread found)."""
        self._done.wait()
        if self._stopped:
            raise ConnectionAbortedError(errno.ECONNABORTED, "cancelled")
        self._thread.join()  # (it has set ``_done``: it ends now; no thread left behind to stop a fork)
        if self._error is not None:
            raise self._error
        assert self._found is not None
        return self._found


class DialMixin:
    """The TCP connect of ``ControlChannel.connect``; a cancel's ``cut`` hangs up under it (``_dialling``,
    ``_lookup``)."""

    timeout: float
    connection_id: int
    proxy: object
    cut_short: bool
    _emit: Callable[[Event], None]
    _dialling: Optional[socket.socket]
    _lookup: Optional[Lookup]
    cut_off: Callable[..., Cancelled]

    def _through(self, proxy, host: str, port: int) -> socket.socket:
        """The control connection through ``proxy`` (``by_proxy``: each of its waits cut by a cancel)."""
        from .proxy import dial

        sock, self.proxy = self.by_proxy(proxy, lambda opened: dial(proxy, host, port, self.timeout, opened))
        sock.settimeout(self.timeout)
        return sock

    def by_proxy(self, proxy, exchange: Callable[[Opener], T]) -> T:
        """``exchange(opened)`` with ``proxy`` (``proxy.dial`` or ``proxy.bind``) on the TCP connection ``opened``
        makes here: the proxy's name looked up and its connect as a server's (no try reported), then the proxy's
        answers, each cut by a cancel (``Cancelled``: "Cancelled while waiting for the proxy …") — a proxy that
        accepts and never answers held the wait for the timeout. The control connection's connect, and a data
        connection's through the proxy (whose wait the session marks as one for an answer: a cancel then hangs
        up the control connection with it, and the next command reconnects)."""

        def cut() -> Cancelled:
            return self.cut_off(PROXY_CUT, proxy=proxy.shown)

        def to_proxy(proxy_host: str, proxy_port: int) -> socket.socket:
            sock = self._dial(proxy_host, proxy_port, tell=False, cut=cut)
            self._dialling = sock  # held until the proxy has connected us: a cancel hangs up under its handshake
            if self.cut_short:  # (a cut between the connect and this: it found no socket to hang up)
                sock.close()
                raise cut()
            return sock

        try:
            return exchange(to_proxy)
        except (FtpError, OSError) as exc:
            if self.cut_short and not isinstance(exc, Cancelled):  # the proxy's words for a connection we ended
                raise cut() from None
            raise
        finally:
            self._dialling = None

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

    def _addresses(self, host: str, port: int) -> Found:
        """``getaddrinfo``: an address at once; a name looked up on a thread of its own (``Lookup``), whose wait a
        cancel ends (``Cancelled``)."""
        found = numeric(host, port)
        if found is not None:
            return found
        lookup = self._lookup = Lookup(host, port)
        try:
            if self.cut_short:  # (a cut as the lookup began: it found none to stop)
                lookup.stop()
            return lookup.result()
        except OSError as exc:
            if self.cut_short:
                raise self.cut_off(LOOKUP_CUT, host=host) from exc
            raise
        finally:
            self._lookup = None

    def _dial(
        self,
        host: str,
        port: int,
        source_address=None,
        tell: bool = True,
        cut: Optional[Callable[[], Cancelled]] = None,
    ) -> socket.socket:
        """``socket.create_connection``, reporting each address it tries (``tell``): ``ControlConnecting`` before
        the connect, ``ControlConnectFailed`` when it fails (the last failure is raised). A cancel ends it as
        ``Cancelled`` (``cut``: in which words; default the channel's)."""
        error: Optional[OSError] = None
        for family, kind, proto, _name, sockaddr in self._addresses(host, port):
            remote = address(sockaddr)
            if tell:
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
                    raise (cut or self.cut_off)() from exc
                if tell:
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


def send_now(sock: socket.socket, data: bytes) -> None:
    """``sock.sendall(data)``, without the poll for room Python makes before each send on a socket with a timeout:
    a plain socket under a timeout is non-blocking underneath, so a few bytes (a command) go in one ``write``; what
    a full buffer did not take goes through ``sendall`` as before. A TLS socket (or one with no timeout) sends as
    it always did. Two system calls fewer a file in a tree (design note 286)."""
    if type(sock) is not socket.socket or not sock.gettimeout():
        sock.sendall(data)
        return
    try:
        sent = os.write(sock.fileno(), data)
    except BlockingIOError:
        sent = 0
    if sent < len(data):
        sock.sendall(data[sent:])


def read_now(sock: socket.socket, size: int) -> Optional[bytes]:
    """What a plain socket under a timeout has (at most ``size`` bytes; b"" at its end), read without the poll
    Python's ``recv`` makes first — for a reply a select has just seen; None when nothing is there yet (or on a
    TLS socket): then wait in ``recv`` as usual."""
    if type(sock) is not socket.socket or not sock.gettimeout():
        return None
    try:
        return os.read(sock.fileno(), size)
    except BlockingIOError:
        return None
