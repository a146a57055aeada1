"""Active mode's other half: waiting for the server's connection to our listener (or the proxy's, after its BIND)
and accepting it, a stranger's turned away (a mixin of ``FtpSession``, beside ``transfersocket``'s set-up)."""

from __future__ import annotations

import select
import socket
import sys
import time
from typing import TYPE_CHECKING, Optional, Tuple

from . import datachannel as dc
from .control import ControlChannel, reply_text
from .dialing import address
from .errors import QT_TRANSLATE_NOOP, Cancelled, DataConnectionError, FtpError, ReplyError, worded
from .events import DataConnected
from .safetext import format_address

if TYPE_CHECKING:
    from .proxy import BindListener

# the proxy's module loads when a proxy is used, not with every connection (``ipaddress``; design note 287)
_PROXY = f"{__package__}.proxy"


def _proxy():
    from . import proxy

    return proxy


def _through_proxy(listener: object) -> bool:
    """Whether the proxy listened for us (its BIND), not our own socket: none did before its module loaded."""
    proxy = sys.modules.get(_PROXY)
    return proxy is not None and isinstance(listener, proxy.BindListener)


WAITING_CANCELLED = QT_TRANSLATE_NOOP("engine", "Cancelled while waiting for the server's data connection.")
# a 425 (or a 421 about the data channel) to PORT/EPRT: the server did not connect (pyftpdlib tried at once and
# failed; a server, or the practice server's simulated client firewall, may answer so without trying): the words
# say no more than that
NOT_CONNECTED = QT_TRANSLATE_NOOP(
    "engine", "The server could not, or would not, connect to {host} port {port}: {code} {text}"
)


class ActiveAcceptMixin:
    """Waits for the server's dial to our listener and accepts it; says why when none came, or a stranger did."""

    def _await_server_dial(
        self, ctrl: ControlChannel, listener: socket.socket, advertised: Optional[str], deadline: float
    ) -> None:
        """Active mode: most daemons (vsftpd, proftpd, pure-ftpd) connect before they send the 1xx, and
        only answer 425 when their own, much longer, connect timeout ends. So wait for the reply *or* the
        connection until ``deadline``: neither by then is an accept failure, not a silent server."""
        if ctrl.has_buffered_reply():
            return
        readable, _, _ = select.select([ctrl.sock, listener, self._waker], [], [], _left(deadline))
        if ctrl.sock in readable or listener in readable:
            return
        # the failure (its DataFailed event) before the control connection's close: read after a close, the mode
        # panel had no data connection left to stop at the wall, and showed no failure at all (found by QA)
        try:
            if self._waker.fired:
                failure: FtpError = worded(Cancelled, WAITING_CANCELLED)
            else:
                failure = self._accept_timed_out(listener, advertised)
        finally:
            ctrl.close_with("error")  # the reply to the transfer command is still to come: the next command reconnects
        raise failure

    def _expect_port_reply(self, ctrl: ControlChannel, cmd: str, listener: socket.socket, advertised: str) -> str:
        """Send PORT/EPRT (``cmd``) and return its 2xx reply (a ``ReplyError`` for another). Some servers answer it
        only once their connection to us is made (pyftpdlib), and when that fails by timing out, say 421 and
        hang up ("421 Active data channel timed out."), or say nothing before our own wait ends: either is the
        data connection's failure at our end (stage accept, as a 425's), told before the control connection's
        close — not "the server is closing the connection" nor "did not answer", which blamed the server, ended
        a diagnosis and made the browser log in again to send the same command (found by QA: design note 441)."""
        deadline = time.monotonic() + self.options.timeout
        return ctrl.expect(
            cmd,
            deadline=deadline,
            before_reply=lambda: self._await_server_dial(ctrl, listener, advertised, deadline),
            on_421=lambda reply: self._unreached(listener, advertised, reply),
        )

    def _unreached(self, listener: socket.socket, advertised: str, reply: str) -> Optional[DataConnectionError]:
        """A 421 to PORT/EPRT about the data connection: the server could not connect to us (its failure, told);
        None for another 421 (the server closing for its own reasons)."""
        text = reply_text(reply)
        said = text.lower()
        if "data" not in said and not ("connect" in said and "control" not in said):
            return None
        port = listener.getsockname()[1]
        return self._not_connected(advertised, port, 421, text, how="timeout" if "timed out" in said else "")

    def _not_connected(self, host: str, port: int, code: int, text: str, how: str = "") -> DataConnectionError:
        """The server said it could not, or would not, connect to ``host`` port ``port`` (a 425 to the transfer
        command or to PORT/EPRT, or PORT/EPRT's 421 about the data connection): the data connection failed at our
        end (``how``: "timeout" when its words say its connect met nothing; "refused" when they say it was refused,
        as ProFTPD's "425 Unable to build data connection: Connection refused" — note 446)."""
        if not how and "refused" in text.lower():
            how = "refused"
        return self._fail(
            "active", "accept", NOT_CONNECTED, code=code, advertised=host, how=how, host=host, port=port, text=text
        )

    def _accept_timed_out(self, listener: socket.socket, advertised: Optional[str]) -> DataConnectionError:
        if _through_proxy(listener):  # the proxy listened: no firewall of ours to blame
            return self._fail(
                "active",
                "command",
                _proxy().BIND_TIMEOUT,
                address=format_address(listener.bound),
                seconds=f"{self.options.timeout:g}",
            )
        port = listener.getsockname()[1]
        return self._fail(
            "active",
            "accept",
            QT_TRANSLATE_NOOP("engine", "The server did not connect to {host} port {port} within {seconds} s."),
            advertised=advertised,
            how="timeout",
            host=advertised,
            port=port,
            seconds=f"{self.options.timeout:g}",
        )

    def _stranger_refused(
        self, ctrl: ControlChannel, listener: socket.socket, advertised: Optional[str], refused: dc.StrangerRefused
    ) -> DataConnectionError:
        """A connection to our listener came from another address than the server's, and was turned away: said
        so (not a firewall's doing), and the control connection left in step - the server's answer to the
        transfer command read when it came (its own connection failed, most likely), else closed (the next
        command reconnects) as after a wait for the server's connection that ran out."""
        failure = self._fail(
            "active",
            "accept",
            QT_TRANSLATE_NOOP(
                "engine", "A connection to port {port} came from {stranger}, not from the server ({server}): refused."
            ),
            advertised=advertised,
            port=listener.getsockname()[1],
            stranger=refused.host,
            server=ctrl.remote[0],
        )
        try:
            if not refused.answered or ctrl.getresp()[:1] == "1":
                ctrl.close_with("error")
        except ReplyError:
            pass  # (its 4xx: the transfer failed at its end too)
        except FtpError:
            ctrl.close_with("error")
        return failure

    def _accept_early(
        self, ctrl: ControlChannel, listener: socket.socket
    ) -> Tuple[Optional[socket.socket], Optional[str]]:
        """Active mode, just after the reply to PORT/EPRT: the server's connection if it is there already (some
        servers connect as soon as they get the command — pyftpdlib answers it only once connected — others only
        after the transfer command), told then, before the transfer command (design note 322); and a peer from
        another host turned away meanwhile, for ``_accept`` (``foreign-address``). Through a proxy's BIND: none."""
        if _through_proxy(listener):
            return None, None
        sock, stranger = dc.accept_waiting(listener, ctrl.remote[0])
        return (self._server_dialled(sock) if sock is not None else None), stranger

    def _accept(
        self,
        ctrl: ControlChannel,
        listener: socket.socket,
        advertised: Optional[str],
        stranger: Optional[str] = None,
    ) -> socket.socket:
        if _through_proxy(listener):
            return self._accept_through_proxy(listener, advertised)
        peer = ctrl.remote[0]
        try:
            sock = dc.accept(
                listener,
                self._waker,
                self.options.timeout,
                peer,
                ctrl.sock,
                replied=ctrl.has_buffered_reply,
                stranger=stranger,
            )
        except dc.WakeUp:
            raise worded(Cancelled, WAITING_CANCELLED) from None
        except dc.StrangerRefused as exc:
            raise self._stranger_refused(ctrl, listener, advertised, exc) from None
        except dc.WaitTimeout:
            raise self._accept_timed_out(listener, advertised) from None
        return self._server_dialled(sock)

    def _server_dialled(self, sock: socket.socket) -> socket.socket:
        """The server's connection, accepted: told (``DataConnected``, its ends read from the socket)."""
        try:
            local, remote = address(sock.getsockname()), address(sock.getpeername())
        except OSError:  # the server connected and reset at once: this socket must not outlive the attempt
            sock.close()
            raise
        self.emit(DataConnected(self.id, local=local, remote=remote, dialer="server"))
        return sock

    def _accept_through_proxy(self, listener: BindListener, advertised: Optional[str]) -> socket.socket:
        """The proxy's second BIND reply: the server has connected to it; the same socket carries the data."""
        try:
            sock, peer = listener.accept(self.options.timeout, self._waker)
        except InterruptedError:
            raise worded(Cancelled, WAITING_CANCELLED) from None
        except _proxy().BindTimeout:
            raise self._accept_timed_out(listener, advertised) from None  # type: ignore[arg-type]
        except _proxy().ProxyError as exc:
            raise self._fail("active", "command", exc.template or "{reason}", **(exc.values or {})) from None
        self.emit(
            DataConnected(self.id, local=address(sock.getsockname()), remote=peer, dialer="server", proxy=listener.hop)
        )
        return sock


def _left(deadline: float) -> float:
    """Seconds until ``deadline`` (``time.monotonic()``), none when it has passed."""
    return max(0.0, deadline - time.monotonic())
