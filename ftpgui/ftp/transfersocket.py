"""Setting up a data connection: EPSV/PASV (we dial) or EPRT/PORT (the server dials us) (a mixin; the wait for the
server's dial and its accepting are ``activeaccept``'s)."""

from __future__ import annotations

import select
import socket
import time
from typing import TYPE_CHECKING, Optional, Tuple

from . import datachannel as dc
from .activeaccept import (  # noqa: F401 (WAITING_CANCELLED, NOT_CONNECTED: their names from here too)
    NOT_CONNECTED,
    WAITING_CANCELLED,
    ActiveAcceptMixin,
    _left,
    _proxy,
)
from .control import ControlChannel, reply_text
from .dialing import address
from .errors import (
    QT_TRANSLATE_NOOP,
    Cancelled,
    FtpError,
    ProtocolError,
    ReplyError,
    worded,
)
from .events import (
    DataChannelPlanned,
    DataConnected,
    named_elsewhere,
)
from .replies import format_eprt, format_port, parse_227, parse_229
from .safetext import format_address

if TYPE_CHECKING:
    from .proxy import BindListener


LATE_1XX = "late-1xx"  # marker: data arrived before the reply to the transfer command
# vsftpd's answer to STOR and APPE (its source's own words, which no setting changes): it reads no command while an
# upload's data flows — an in-band ABOR only once the data connection has ended (design note 234)
READS_ABOR_AFTER_DATA = ("150 Ok to send data.",)
BEFORE_START = QT_TRANSLATE_NOOP("engine", "Cancelled before the transfer started.")
DIALLING_CUT = QT_TRANSLATE_NOOP("engine", "Cancelled while connecting the data connection.")


class DataSetupMixin(ActiveAcceptMixin):
    """Opens the data connection of either mode and waits for the server's dial (``ActiveAcceptMixin``); aborts a
    transfer."""

    _opened_with = ""  # the server's 1xx answer to the transfer command running now ("": none yet)
    _transfer_sent = False  # a transfer command was sent since ``upload`` cleared it (``upload_cut``: note 401)

    def _open_passive(self, ctrl: ControlChannel) -> socket.socket:
        peer = ctrl.remote[0]
        family = ctrl.af
        parsed = None
        command = "EPSV"
        only_epsv = family == socket.AF_INET6 or self.options.data_command == "EPSV"  # no PASV to fall back to
        if only_epsv or not self._no_epsv:
            try:
                resp = ctrl.expect("EPSV")
                parsed = parse_229(reply_text(resp)) if resp.startswith("229") else None
                if parsed is None and only_epsv:
                    raise self._fail(
                        "passive",
                        "command",
                        QT_TRANSLATE_NOOP("engine", "The server answered EPSV with {reply!r}."),
                        malformed=True,
                        reply=resp[:80],
                    )
            except ReplyError as exc:
                if only_epsv:
                    raise self._refused("passive", "EPSV", exc) from None
            except ProtocolError as exc:
                if not ctrl.connected:
                    raise  # the control connection itself broke, not the EPSV reply's numbers
                if only_epsv:
                    raise self._fail_with("passive", exc) from None
            if parsed is None:
                self._no_epsv = True  # do not ask again in this session
        if parsed is None:
            command = "PASV"
            try:
                resp = ctrl.expect("PASV")
            except ReplyError as exc:
                raise self._refused("passive", "PASV", exc) from None
            try:
                parsed = parse_227(reply_text(resp))
            except ProtocolError as exc:
                raise self._fail_with("passive", exc) from None
        advertised = (parsed.host or peer, parsed.port)
        target = (peer, parsed.port)  # always the control peer: a 227 address may be private, or hostile
        if self.wants(DataChannelPlanned):
            self.emit(
                DataChannelPlanned(
                    self.id,
                    mode="passive",
                    command=command,
                    argument=parsed.numbers,
                    advertised=advertised,
                    target=target,
                    timeout=self.options.timeout,
                    proxy=ctrl.proxy,
                )
            )
        if self.options.proxy is not None:
            return self._dial_through_proxy(ctrl, target)
        named = advertised[0] if named_elsewhere(advertised, target) else None  # (said with a failure: note 295)
        try:
            sock = dc.dial(target, family, self._waker, self.options.timeout)
        except dc.WakeUp:
            raise worded(Cancelled, DIALLING_CUT) from None
        except dc.WaitTimeout:
            raise self._fail(
                "passive",
                "connect",
                QT_TRANSLATE_NOOP(
                    "engine", "Connecting to the server's data port {address} timed out after {seconds} s."
                ),
                named=named,
                how="timeout",
                address=format_address(target),
                seconds=f"{self.options.timeout:g}",
            ) from None
        except OSError as exc:
            raise self._fail(
                "passive",
                "connect",
                QT_TRANSLATE_NOOP("engine", "Connecting to the server's data port {address} failed: {reason}."),
                named=named,
                how="refused"
                if isinstance(exc, ConnectionRefusedError) or exc.errno == 10061
                else "",  # (10061: Windows)
                address=format_address(target),
                reason=exc.strerror or exc,
            ) from None
        if self.wants(DataConnected):  # (two system calls for the addresses)
            self.emit(
                DataConnected(
                    self.id, local=address(sock.getsockname()), remote=address(sock.getpeername()), dialer="client"
                )
            )
        return sock

    def _dial_through_proxy(self, ctrl: ControlChannel, target: Tuple[str, int]) -> socket.socket:
        """Passive mode through the proxy: it is asked to connect to the server's data port."""
        proxy, timeout = self.options.proxy, self.options.timeout
        try:
            sock, hop = self._by_proxy(ctrl, lambda opened: _proxy().dial(proxy, *target, timeout, opened))
        except _proxy().ProxyError as exc:  # the proxy's own words; "command": no firewall guessed at
            raise self._fail("passive", "command", exc.template or "{reason}", **(exc.values or {})) from None
        sock.setblocking(False)
        local = address(sock.getsockname())
        self.emit(DataConnected(self.id, local=local, remote=target, dialer="client", proxy=hop))
        return sock

    def _by_proxy(self, ctrl: ControlChannel, exchange):
        """The data connection's exchange with the proxy (CONNECT, BIND) on a connection the control connection
        opens (``by_proxy``, design note 168's), under a wait for an answer (``_awaiting``): a cancel hangs up
        under it — a proxy that accepted and never answered held the transfer for the timeout (design note 221)."""
        try:
            if self._awaiting(ctrl):  # a cancel came before: nothing dialled
                raise worded(Cancelled, DIALLING_CUT)
            return ctrl.by_proxy(self.options.proxy, exchange)
        finally:
            ctrl.awaiting = False

    def _bind_through_proxy(self, ctrl: ControlChannel) -> Tuple[BindListener, str]:
        """Active mode through a SOCKS5 proxy: it listens (BIND) and we tell the server its address."""
        proxy, timeout = self.options.proxy, self.options.timeout
        if proxy.kind != "socks5":
            raise self._fail("active", "command", _proxy().HTTP_ACTIVE, proxy=proxy.shown)
        try:
            listener = self._by_proxy(ctrl, lambda opened: _proxy().bind(proxy, ctrl.remote, timeout, opened))
        except _proxy().ProxyError as exc:
            raise self._fail("active", "command", exc.template or "{reason}", **(exc.values or {})) from None
        host, port = listener.bound
        command = "EPRT" if ":" in host or self.options.data_command == "EPRT" else "PORT"
        arg = format_eprt(host, port) if command == "EPRT" else format_port(host, port)
        self._listening(command, arg, (host, port), (host, port), listener.hop)  # (the proxy listens first)
        try:
            ctrl.expect(f"{command} {arg}")
        except ReplyError as exc:
            listener.close()
            if exc.code == 425:
                raise self._not_connected(host, port, exc.code, exc.text) from None
            raise self._refused("active", command, exc) from None
        except BaseException:
            listener.close()
            raise
        return listener, host

    def _listening(self, command: str, arg: str, advertised, target, proxy=None) -> None:
        """Active mode's plan, told before ``command`` names the port: the client (or its proxy) listens first
        (it was told after the reply, and the ladder read "EPRT → 200 → listens": design note 322)."""
        timeout = self.options.timeout
        self.emit(DataChannelPlanned(self.id, "active", command, arg, advertised, target, timeout, proxy=proxy))

    def _open_active(self, ctrl: ControlChannel) -> Tuple[socket.socket, str]:
        if self.options.proxy is not None:
            return self._bind_through_proxy(ctrl)  # type: ignore[return-value]
        family = ctrl.af
        local_host = ctrl.local[0]
        try:
            listener = dc.listen(local_host, family, self.options.active_port_range)
        except OSError as exc:
            raise self._fail(
                "active",
                "command",
                QT_TRANSLATE_NOOP("engine", "Could not open a port to listen on: {reason}"),
                reason=exc,
            ) from None
        port = listener.getsockname()[1]
        advertised = self.options.active_external_address or local_host
        # PORT cannot carry an IPv6 address; a probe of EPRT alone has nothing to fall back to
        if family == socket.AF_INET6 or ":" in advertised or self.options.data_command == "EPRT":
            commands = ["EPRT"]
        else:
            commands = ["PORT"] if self._no_eprt else ["EPRT", "PORT"]
        try:
            for command in commands:
                arg = format_eprt(advertised, port) if command == "EPRT" else format_port(advertised, port)
                self._listening(command, arg, (advertised, port), address(listener.getsockname()))
                try:
                    self._expect_port_reply(ctrl, f"{command} {arg}", listener, advertised)
                    break
                except ReplyError as exc:
                    if exc.code == 425:  # no connection came: pyftpdlib tries at once; others only say no
                        raise self._not_connected(advertised, port, exc.code, exc.text) from None
                    if command == "EPRT" and "PORT" in commands:
                        self._no_eprt = True
                        continue
                    raise self._refused("active", command, exc) from None
        except BaseException:
            listener.close()
            raise
        return listener, advertised

    def _send_transfer_command(
        self,
        ctrl: ControlChannel,
        command: str,
        mode: str,
        advertised: Optional[str],
        data_sock: Optional[socket.socket] = None,
        listener: Optional[socket.socket] = None,
    ) -> Optional[str]:
        """Send RETR/STOR/LIST…; returns the final reply if the server sent it without a 1xx first,
        ``LATE_1XX`` if data arrived before any reply (the replies are read after the data), else None.
        From the command on, a cancel hangs up under the wait for the answer (``FtpSession.cancel``).

        The answer is due within the timeout of the command, however the wait for it is split (for data
        first, for the server's connection, for the reply): a silent server cost one timeout waiting for data,
        then another for the reply, and was said to have been silent for one (design note 193)."""
        self._opened_with = ""
        try:
            self._begin_wait(ctrl)  # (a cancel that came before found no wait to cut: the command is not sent)
            ctrl.skip_unasked()  # (a reply no command asked for: passed over, not taken as the transfer's answer)
            ctrl.putcmd(command)
            self._transfer_sent = True
            deadline = time.monotonic() + self.options.timeout
            if data_sock is not None and self._data_first(ctrl, data_sock, deadline):
                return LATE_1XX
            if listener is not None:
                self._await_server_dial(ctrl, listener, advertised, deadline)
            resp = ctrl.getresp(deadline)
            if resp[:1] == "2" and resp[:3] not in ("226", "250"):
                resp = ctrl.getresp()  # a 2xx before the 1xx: the 1xx (or the final reply) follows
        except ReplyError as exc:
            if exc.code == 425:
                stage = "accept" if mode == "active" else "connect"
                raise self._fail(
                    mode,
                    stage,
                    QT_TRANSLATE_NOOP("engine", "The server could not open the data connection: {code} {text}"),
                    code=exc.code,
                    advertised=advertised,
                    text=exc.text,
                ) from None
            raise
        finally:
            ctrl.awaiting = False
        if resp[:1] == "1":
            self._opened_with = resp
            return None
        if resp[:1] == "2":
            return resp  # no 1xx: the transfer is already complete on the server's side
        raise ReplyError(command, int(resp[:3]), reply_text(resp))

    def _data_first(self, ctrl: ControlChannel, data_sock: socket.socket, deadline: float) -> bool:
        """True when the passive data connection carries data before the server has replied: a server
        that sends its 1xx late would otherwise block on a full data connection while we wait for it.
        Waits until ``deadline`` at most: by then the reply is late too (the caller's read says so at once)."""
        if ctrl.has_buffered_reply():
            return False
        readable, _, _ = select.select([ctrl.sock, data_sock], [], [], _left(deadline))
        if ctrl.sock in readable:
            ctrl.ready = True  # (its reply is read without another wait)
            return False
        if data_sock not in readable:
            return False
        try:
            return len(data_sock.recv(1, socket.MSG_PEEK)) > 0  # data, not an early close
        except OSError:
            return False

    def _abort_transfer(self, ctrl: ControlChannel, sock: socket.socket, command: str) -> None:
        """Stop a transfer so the server knows it is incomplete, then resynchronise the control connection.

        ABOR goes in band, as any command: sent as TCP urgent data (RFC 959's Synch), its last byte left the
        stream of a server that does not read urgent data inline — proftpd read ``ABOR\rNOOP`` as one unknown
        command, pure-ftpd two, and every cancel there waited out the fence below and reconnected (found by QA
        against the Debian daemons; each of them, and vsftpd, answers an in-band ABOR at once).
        An upload's data connection stays open until the server has seen ABOR (its answer, or half the
        time below): a closed connection on its own reads as "file complete" to most servers (pyftpdlib takes
        a reset for one too). Then the connection is reset. A server that reads ABOR only once the data has
        ended (``READS_ABOR_AFTER_DATA``: vsftpd, where every cancelled upload waited that half for nothing)
        has it reset first, as a download's — vsftpd then says "426 Failure reading network stream.", not
        complete. A NOOP fences off whatever replies the transfer and ABOR produce (426, 225, 226 in any
        combination). The answers are awaited ``_abort_wait()`` in all, not the timeout again: a
        stalled transfer, whose server may answer nothing, took twice the timeout (design note 139). Without
        the NOOP's 200 by then the control connection is closed, and the next command reconnects.
        """
        wait = self._abort_wait()
        deadline = time.monotonic() + wait
        # an upload's data connection stays open for the server to see ABOR first, where it can
        upload = command[:4].upper() in ("STOR", "APPE", "STOU")
        keep_open = upload and self._opened_with.rstrip() not in READS_ABOR_AFTER_DATA
        self._awaiting(ctrl)  # (another cancel - Quit after Cancel - cuts these waits short too)
        try:
            try:
                if not keep_open:
                    dc.reset_close(sock)
                    self._data_closed(self._moved)  # type: ignore[attr-defined]
                ctrl.putline("ABOR")
                if keep_open and not ctrl.has_buffered_reply():  # (a server that reads it as the data comes)
                    select.select([ctrl.sock], [], [], wait / 2)
            except (FtpError, OSError, ValueError):
                pass
            finally:
                dc.reset_close(sock)
            self._data_closed(self._moved)  # type: ignore[attr-defined]
            # (``FtpSession.ending``: the person disconnects. The answers are still awaited — an edited file's
            # upload cut off deletes its part on the server over this connection after it — but a server silent
            # after ABOR ends it as the person's cancel, not "timed out": design note 404's addendum)
            ctrl.ending = self.ending
            try:
                ctrl.putcmd("NOOP")
                for _ in range(8):
                    try:
                        if ctrl.getresp(deadline).startswith("200"):
                            return
                    except ReplyError:
                        continue
                ctrl.close_with("error")
            except FtpError:
                ctrl.close_with("error")  # the next command reconnects
        finally:
            ctrl.awaiting = False

    def _abort_wait(self) -> float:
        """Seconds an abort waits for the server's answers to ABOR and the NOOP after it, in all: the
        ``abort_wait`` option (5 s), and at most half the timeout — the transfer it ends may have waited the
        whole timeout already. A server that answers at all answers within a round trip or two."""
        return min(self.options.abort_wait, self.options.timeout / 2)
