"""The control connection: ``ftplib.FTP`` with the parts it lacks for a GUI client.

ftplib reads replies through a text-mode file with strict decoding and no cap on reply size, reports
nothing it does, and maps failures to its own exceptions. This subclass keeps its command API
(``sendcmd``, ``voidcmd``, ``putcmd``) and replaces the line layer (``controllines``): bytes read from the socket with a
per-line and per-reply cap, names decoded with ``surrogateescape`` so undecodable bytes survive a round
trip, every command and reply reported as an event, and failures raised from ``ftpgui.ftp.errors``.
"""

from __future__ import annotations

import ftplib
import select
import socket
import ssl
import time
from typing import Any, Callable, Optional, Tuple

from .controllines import (  # noqa: F401 (the line layer's names, from here as well)
    LINE_TOO_LONG,
    MAX_LINE,
    MAX_PRELIMINARY,
    MAX_REPLY_BYTES,
    MAX_REPLY_LINES,
    NO_ANSWER,
    NO_ANSWER_1,
    ONLY_PRELIMINARY,
    REPLY_UNFINISHED,
    REPLY_UNFINISHED_1,
    ControlLinesMixin,
    reply_text,
)
from .dialing import DialMixin, Lookup, address, enable_keepalive
from .errors import (
    QT_TRANSLATE_NOOP,
    Cancelled,
    ConnectError,
    ConnectionLost,
    FtpError,
    ReplyError,
    TlsError,
    counted,
    worded,
)
from .events import (
    ControlClosed,
    ControlConnected,
    Event,
)
from .safetext import mask_command

# a plain connection taken and never greeted: what an implicit-TLS server does, waiting for our TLS first
NO_GREETING = QT_TRANSLATE_NOOP(
    "engine",
    "The server took the connection but did not greet us within {seconds} seconds. If this is an implicit-TLS "
    "server (FTPS, usually port 990), use ftps://.",
)
NO_GREETING_1 = QT_TRANSLATE_NOOP(
    "engine",
    "The server took the connection but did not greet us within 1 second. If this is an implicit-TLS server "
    "(FTPS, usually port 990), use ftps://.",
)
# How long the 221 to QUIT is waited for: it says nothing a client needs, and a server that never answers
# QUIT held ``ls``, each probe of ``diagnose`` and a disconnect for the whole timeout (found by QA)
QUIT_WAIT = 2.0
CUT_SHORT = QT_TRANSLATE_NOOP("engine", "Cancelled while waiting for the server's reply; the connection was closed.")


class ControlChannel(DialMixin, ControlLinesMixin, ftplib.FTP):
    """One control connection; every command and reply passes through ``emit`` as an event."""

    def __init__(
        self,
        connection_id: int,
        emit: Callable[[Event], None],
        *,
        timeout: float,
        encoding: str,
        wants: Callable[[type], bool] = lambda kind: True,
        begin_wait: Optional[Callable[[ControlChannel], None]] = None,
        cancel_taken: Callable[[], None] = lambda: None,
    ):
        """``wants(kind)``: whether events of that class are read (the session's ``wants``): the commands and
        replies nobody reads are not made. ``begin_wait(channel)``: marks a wait for the server's answer about to
        begin (``awaiting``), or raises ``Cancelled`` when a cancel came before it (the session's: its lock);
        ``cancel_taken()``: a wait ``cut`` for a cancel ends as ``Cancelled``, which uses the cancel up."""
        super().__init__(timeout=timeout, encoding=encoding)
        self.connection_id = connection_id
        self._emit = emit
        self._wants = wants
        self._inbuf = bytearray()
        self._last_command = ""
        self.closed_reason: Optional[str] = None
        self.local: Tuple[str, int] = ("", 0)
        self.remote: Tuple[str, int] = ("", 0)
        self.proxy = None  # the ProxyHop the connection goes through, None when direct
        self._dialling: Optional[socket.socket] = None  # the socket of a connect under way (``hang_up``)
        self._lookup: Optional[Lookup] = None  # the server's (or the proxy's) name being looked up (``hang_up``)
        self.shown: Callable[[str], str] = str  # how a command line reads in its CommandSent event
        # A reply must be complete by this time (``time.monotonic()``), however slowly its bytes arrive:
        # the timeout bounds a whole reply, not each read (a server dripping a byte a second never ends).
        self._deadline: Optional[float] = None
        self._last_deadline: Optional[float] = None
        self._reply_bytes = 0  # bytes received since the deadline was set, for the message
        # the session waits for the server's answer (set around that wait: a command's reply, the logon, a transfer's
        # replies): a cancel from another thread then hangs up under it (``cut``), and the wait ends at once as
        # ``Cancelled``
        self.awaiting = False
        self._begin_wait = begin_wait
        self._cancel_taken = cancel_taken
        self.cut_short = False  # ``cut`` has hung up: what fails on this connection from now on is a cancel
        self.quitting = False  # QUIT is sent: however the connection ends now, it ends as "quit"
        # the person ends it (``FtpSession.ending``: Disconnect) and a transfer's abort waits for the server's
        # answers: a server silent or wrong after ABOR ends it as "cancelled", the person's, not "timed out"
        self.ending = False
        self.ready = False  # a select has just seen a reply come: the next read takes it without a wait (``_fill``)
        self._watch: Optional[select.poll] = None  # the socket polled before each command (``take_waiting``)
        self._watched = -1  # the descriptor ``_watch`` polls
        self._fits: Optional[frozenset] = None  # the codes that answer the command sent, until its reply (``getresp``)

    # --- connection ---------------------------------------------------------------------------
    def connect(
        self,
        host: str = "",
        port: int = 0,
        timeout: float = -999,
        source_address=None,
        on_connected: Optional[Callable[[], None]] = None,
        proxy=None,
    ) -> str:
        """Connect (through ``proxy``, a :class:`~ftpgui.ftp.proxy.Proxy`, when given) and read the
        greeting; ``on_connected`` runs first (implicit TLS starts there)."""
        if timeout != -999:
            self.timeout = timeout
        self.host, self.port = host, port
        if proxy is not None:
            sock = self._through(proxy, host, port)
        else:
            sock = self._direct(host, port, source_address)
        enable_keepalive(sock)
        self.sock = sock
        self.af = sock.family
        self.file = None
        self.local = address(sock.getsockname())
        if proxy is None:
            self.remote = address(sock.getpeername())
        else:  # the server as the proxy was asked for it; the proxy's own address is in the event
            self.remote = (host, port)
            if ":" in host:
                self.af = socket.AF_INET6  # EPSV only: PASV cannot name an IPv6 server
        self._emit(ControlConnected(self.connection_id, local=self.local, remote=self.remote, proxy=self.proxy))
        if self.cut_short:  # a cut while no socket was there to hang up (between the connect and here)
            raise self.cut_off()
        if on_connected is not None:
            on_connected()
        deadline = time.monotonic() + self.timeout  # the greeting and its 120s together, not each reply
        try:
            first = self.getresp(deadline)
        except ConnectionLost as exc:  # not a byte: over plain TCP, maybe a server waiting for TLS (found by QA)
            if not exc.silent or on_connected is not None:
                raise
            silent = counted(self.timeout, NO_GREETING_1, NO_GREETING)
            raise worded(ConnectionLost, silent, {"silent": True}, seconds=f"{self.timeout:g}") from exc
        resp = self.final(first, deadline)  # (120: "service ready in nnn minutes", a 220 follows)
        if not resp.startswith("2"):
            self.close_with("error")
            raise worded(
                ConnectError, QT_TRANSLATE_NOOP("engine", "The server did not greet us: {reply}"), reply=resp[:200]
            )
        self.welcome = resp
        return resp

    @property
    def connected(self) -> bool:
        return self.sock is not None

    @property
    def tls(self) -> Optional[ssl.SSLSocket]:
        """The TLS socket when the control connection is encrypted, else None."""
        return self.sock if isinstance(self.sock, ssl.SSLSocket) else None

    def refuse_pipelined(self) -> None:
        """Before a handshake: bytes already received would count as secure though they were not
        (curl's CVE-2021-22947), so any are refused and the connection closed."""
        if self._inbuf:
            self.close_with("error")
            raise worded(
                TlsError,
                QT_TRANSLATE_NOOP(
                    "engine", "The server sent more after agreeing to TLS, before the handshake; refused."
                ),
            )

    def wrapped(self, tls: ssl.SSLSocket) -> None:
        """The connection's socket is now ``tls``, its handshake to come (``tls.handshake``): it holds the
        descriptor the plain socket had, which a cut must hang up."""
        self.sock = tls
        if self.cut_short:  # (a cut as the plain socket was being taken over: its shutdown reached nothing)
            raise self.cut_off()

    def close_with(self, reason: str) -> None:
        """Close the socket and report why; safe to call twice."""
        sock, self.sock = self.sock, None
        if sock is None:
            return
        try:
            sock.close()
        except OSError:
            pass
        self.file = None
        if self.quitting:  # (the server hangs up after QUIT, or is silent: that is no lost connection)
            reason = "quit"
        elif self.ending and reason in ("timeout", "error", "lost"):
            reason = "cancelled"
        self.closed_reason = reason
        self._emit(ControlClosed(self.connection_id, reason=reason))

    def close(self) -> None:
        self.close_with("closed")

    def hang_up(self) -> None:
        """From any thread: end the connection under a read or write that waits (the server stalls), which
        then fails at once as a lost connection — a connect under way too (on Linux ``shutdown`` ends a
        connect that waits for the server's answer). Only ``shutdown``: the socket is closed by its own thread —
        the plain socket's (``SSLSocket.shutdown`` drops its TLS object, which a read under way on the other
        thread may be about to use: it would fail as no ``OSError``). A name lookup under way is left to its
        thread, and its wait ends now."""
        lookup = self._lookup
        if lookup is not None:
            lookup.stop()
        for sock in (self.sock, self._dialling):
            if sock is not None:
                try:
                    socket.socket.shutdown(sock, socket.SHUT_RDWR)
                except OSError:
                    pass

    def cut(self) -> None:
        """From any thread, for a cancel: hang up, so that the wait for the server's answer under way ends now
        (the recv, select or connect it sits in wakes) and raises ``Cancelled``; the next command reconnects. A
        server that holds back the reply to STOR, SIZE, PASS…, or the 226 after the last byte, held a cancelled
        job for the whole timeout, and Quit for its wait."""
        self.cut_short = True
        self.hang_up()

    def cut_off(self, words: str = CUT_SHORT, **values) -> Cancelled:
        """What a failure on a connection ``cut`` for a cancel is: closed, said so (``words``), a cancel (used up)."""
        self._cancel_taken()
        self.close_with("cancelled")
        return worded(Cancelled, words, **values)

    def answer_awaited(self) -> bool:
        """A wait for the server's answer begins (a command about to go out, the logon): until ``awaiting`` is
        cleared, a cancel hangs up under it (``cut``). Raises ``Cancelled`` when a cancel came before (nothing is
        sent). False when a wait marked already holds this one (the caller leaves ``awaiting`` to it)."""
        if self.awaiting or self._begin_wait is None:
            return False
        self._begin_wait(self)
        return True

    def sendcmd(
        self,
        cmd: str,
        deadline: Optional[float] = None,
        before_reply: Optional[Callable[[], None]] = None,
        on_421: Optional[Callable[[str], Optional[FtpError]]] = None,
    ) -> str:
        """Send a command and read its reply (``expect``, the logon's, QUIT); a cancel cuts the wait short.
        ``deadline``: the reply's (default: the timeout from now); ``before_reply``: a wait of the caller's between
        the command and its reply (PORT/EPRT's for the server's connection); ``on_421``: as ``getresp``'s."""
        mine = self.answer_awaited()
        try:
            self.skip_unasked()  # (a reply no command asked for: passed over, not taken as this one's answer)
            self.putcmd(cmd)
            if before_reply is not None:
                before_reply()
            return self.getresp(deadline, on_421=on_421)
        finally:
            if mine:
                self.awaiting = False

    def expect(self, cmd: str, first_digits: str = "2", **wait: Any) -> str:
        """Send ``cmd`` and return the reply, raising ReplyError unless it starts with one of ``first_digits``;
        ``wait``: ``sendcmd``'s ``deadline``, ``before_reply`` and ``on_421``."""
        resp = self.sendcmd(cmd, **wait)
        if resp[:1] not in first_digits:
            raise ReplyError(mask_command(cmd), int(resp[:3]), reply_text(resp))
        return resp

    def quit(self, wait: float = QUIT_WAIT) -> str:
        """Send QUIT and close; its reply (returned, else "") is waited for ``wait`` seconds at most (0: not at
        all), never the whole timeout."""
        resp = ""
        self.quitting = True
        try:
            self.putline("QUIT")
            if wait > 0:
                resp = self.getresp(time.monotonic() + min(wait, self.timeout))
        except FtpError:
            pass
        self.close_with("quit")
        return resp
