"""One transfer over one data connection, in either mode, with its failure, cancel and TLS (a mixin)."""

from __future__ import annotations

import socket
import ssl
import time
from typing import Callable, Optional

from . import datachannel as dc
from . import tls as tlsmod
from .causes import LEARNT, derive_cause
from .control import ControlChannel
from .errors import (
    BROKE_WITH_REPLY,
    QT_TRANSLATE_NOOP,
    Cancelled,
    DataConnectionError,
    FtpError,
    LocalFileError,
    ProtocolError,
    ReplyError,
    TransferFailed,
    counted,
    worded,
)
from .events import (
    DataClosed,
    DataFailed,
    ModeFallback,
    TransferProgress,
    TransferStopped,
)
from .sendqueue import acked_total, delivered_at_end, told_end
from .transferend import ServerWatch, _final_after_data, _ragged, _server_failed
from .transfersocket import BEFORE_START, LATE_1XX

UPLOADS = ("STOR", "APPE", "STOU")


class RawTransferMixin:
    """Runs a transfer command over a data connection and finishes it: replies, aborts, auto fallback."""

    def _transfer(
        self, command: str, *, run: Callable, rest: int = 0, total: Optional[int] = None, ascii: bool = False
    ) -> int:
        """Set up a data connection in the session's mode, run ``command`` over it, and finish it.

        In auto mode a failure to set up the passive connection switches the session to active once,
        with a ModeFallback event, and the command is tried again (it was not yet sent).
        """
        self._require()
        self._ensure_type(ascii)  # TYPE A only for an ASCII file transfer; listings and the rest in TYPE I
        if self._learnt and not self._fell_back and self.options.mode == "auto":
            self._fell_back = True  # another connection to this server found passive failing: not tried again
            self.emit(ModeFallback(self.id, from_mode="passive", to_mode="active", cause=LEARNT))
        mode = self.mode
        try:
            if self._waker.fired:  # cancelled while the caller prepared it (SIZE, REST…): not started
                raise worded(Cancelled, BEFORE_START)
            try:
                return self._transfer_once(mode, command, run, rest, total, ascii)
            except DataConnectionError as exc:
                if self.options.mode != "auto" or mode != "passive" or exc.stage not in ("command", "connect"):
                    raise
                self._fell_back = True
                self.emit(ModeFallback(self.id, from_mode="passive", to_mode="active", cause=exc.cause))
                try:
                    return self._transfer_once("active", command, run, rest, total, ascii)
                except DataConnectionError as then:  # both failed: said together, not "use passive mode"
                    then.earlier = exc
                    raise
        except Cancelled:
            self._waker.reset()  # used up: the next transfer runs
            raise

    def _fail(
        self,
        mode: str,
        stage: str,
        template: str,
        *,
        code: Optional[int] = None,
        advertised: Optional[str] = None,
        malformed: bool = False,
        named: Optional[str] = None,
        how: str = "",
        **values: object,
    ) -> DataConnectionError:
        """A DataFailed event and its error, worded by ``template`` (marked for translation) and ``values``;
        ``malformed``: the mode's reply named no data port (``bad-reply``); ``named``: passive, the host the
        reply named when the control connection's peer was dialled instead; ``how``: "timeout" or "refused",
        what the connect or accept met (``DataFailed.how``)."""
        ctrl = self._ctrl
        cause = derive_cause(
            mode,
            stage,
            refused_code=code,
            refused_text=str(values.get("text", "")),
            advertised_host=advertised,
            server_host=ctrl.remote[0] if ctrl else None,
            stranger=str(values["stranger"]) if "stranger" in values else None,
            malformed=malformed,
        )
        exc = worded(
            DataConnectionError,
            template,
            _init={"mode": mode, "stage": stage, "cause": cause, "code": code, "named": named},
            code=code,
            **values,
        )
        said = dict(values, code=code) if code is not None else values  # the template may name the code too
        words = tuple((name, str(value)) for name, value in said.items())
        failed = DataFailed(
            self.id,
            stage=stage,  # type: ignore[arg-type]
            cause=cause,
            detail=str(exc),
            template=template,
            values=words,
            mode=mode,  # (a PORT refused after auto mode's switch comes before any plan of active mode)
            how=how,
        )
        self.emit(failed)
        return exc

    def _transfer_once(
        self, mode: str, command: str, run: Callable, rest: int, total: Optional[int], ascii: bool = False
    ) -> int:
        """``_transfer_steps``, and whatever ends it — the control connection lost before the reply to the
        transfer command, a failed TLS handshake, an interrupt — the data connection it opened is closed and
        reported closed (``DataClosed``: every ``DataConnected`` has one; the mode panel shows it ended)."""
        self._data_open = None
        try:
            return self._transfer_steps(mode, command, run, rest, total, ascii)
        except BaseException:
            sock = self._data_open
            if sock is not None:
                dc.reset_close(sock)
                self._data_closed(self._moved)
            raise

    def _transfer_steps(
        self, mode: str, command: str, run: Callable, rest: int, total: Optional[int], ascii: bool = False
    ) -> int:
        ctrl = self._require()
        self._progress_done = rest
        self._moved = 0
        self._acked = None  # an upload's data sent whole: what the server had acknowledged of it
        sock: Optional[socket.socket] = None
        listener: Optional[socket.socket] = None
        advertised: Optional[str] = None
        try:
            if mode == "passive":
                sock = self._data_open = self._open_passive(ctrl)
                self._data_started = time.monotonic()
            else:
                listener, advertised = self._open_active(ctrl)
                sock, stranger = self._accept_early(ctrl, listener)
                if sock is not None:  # the server connected as soon as it had PORT/EPRT: as passive mode from here
                    self._data_open = sock
                    self._data_started = time.monotonic()
                    listener.close()
                    listener = None
            if rest:
                ctrl.expect(f"REST {rest}", "3")
            try:
                final = self._send_transfer_command(ctrl, command, mode, advertised, sock, listener)
            except (ReplyError, DataConnectionError, Cancelled):
                if rest:  # (the REST was accepted and no transfer took it: not left pending, note 476)
                    self._clear_restart(ctrl)
                raise
            if listener is not None:
                sock = self._data_open = self._accept(ctrl, listener, advertised, stranger)
                self._data_started = time.monotonic()
        finally:
            if listener is not None:
                listener.close()
        if ctrl.tls is not None:
            sock = self._secure_data(ctrl, sock, mode, command, final)
            self._data_open = sock

        def progress(n: int) -> None:
            self._moved = n
            self._progress_done = rest + n
            if self.wants(TransferProgress):  # (a tree's transfer process in the CLI: nobody reads the counts)
                self.emit(TransferProgress(self.id, done=rest + n, total=total))

        self._data_started = time.monotonic()
        ragged = False
        uploading = command[:4].upper() in UPLOADS
        base = acked_total(sock) if uploading else None  # (what its peer acknowledged before the first byte)
        watch = ServerWatch(ctrl) if final is None and uploading else None
        try:
            moved = run(sock, progress) if watch is None else run(sock, progress, watch)
            if isinstance(sock, ssl.SSLSocket) and command[:4].upper() in UPLOADS:
                tlsmod.close_notify(sock, self._waker, self.options.timeout)
        except dc.EndedWithoutCloseNotify as exc:
            moved, ragged = exc.done, True
        except dc.WakeUp:
            self._abort_transfer(ctrl, sock, command)
            raise self._cancelled_after() from None
        except ReplyError as exc:  # (``ServerWatch``: the server refused the rest of an upload as it came)
            dc.reset_close(sock)
            self._data_closed(self._moved)
            raise _server_failed(exc, self._moved) from exc
        except dc.WaitTimeout as exc:
            seconds = f"{self.options.timeout:g}"
            stalled = counted(
                self.options.timeout,
                QT_TRANSLATE_NOOP("engine", "No data moved for 1 second."),
                QT_TRANSLATE_NOOP("engine", "No data moved for {seconds} seconds."),
            )
            detail = stalled.format(seconds=seconds)
            self.emit(
                DataFailed(
                    self.id,
                    stage="transfer",
                    cause="other",
                    detail=detail,
                    template=stalled,
                    values=(("seconds", seconds),),
                )
            )
            why = dc.stopped_because(exc, rest, self._moved, self.options)
            raise self._abort_failed(ctrl, sock, command, why) from None
        except (LocalFileError, dc.TooMuchData, dc.DeadlinePassed, OverflowError) as exc:
            why = dc.stopped_because(exc, rest, self._moved, self.options)
            raise self._abort_failed(ctrl, sock, command, why) from (exc.__cause__ if why is exc else None)
        except OSError as exc:
            dc.reset_close(sock)
            self.emit(DataFailed(self.id, stage="transfer", cause="other", detail=str(exc.strerror or exc)))
            self._data_closed(self._moved)
            reply = self._final_reply(ctrl, command, final)
            # the server's refusal decides whether it is worth another try (``errors.retryable``): a 552 or 452
            # that ended the data was tried again, and again (found by QA against a full disk)
            refused = int(reply[:3]) if reply[:1] in ("4", "5") and reply[:3].isdigit() else None
            raise worded(
                TransferFailed,
                BROKE_WITH_REPLY if reply else QT_TRANSLATE_NOOP("engine", "The data connection broke: {reason}"),
                _init={"received": self._moved, "code": refused},
                reason=exc.strerror or exc,
                reply=reply,
            ) from exc
        # (anything else — the control connection lost, an interrupt — closes it in ``_transfer_once``)
        if uploading:  # (a small file's last count is what was written, not waited for: the server's, looked at)
            self._acked = delivered_at_end(sock, moved, base, broken=False)
        # an upload over plain TCP: its end said with a FIN (``shutdown``), the socket kept until the final reply —
        # a refusal then (552 after the server took it whole) is said with what the server's kernel acknowledged
        # by that time, not the count looked at just after the last write ("32%" of a file it had all: note 424)
        kept = sock if uploading and base is not None and told_end(sock) else None
        if kept is None:
            sock.close()
        self._data_closed(moved)
        try:
            if watch is not None and watch.final is not None:
                _final_after_data(ctrl, watch.final)  # (said during the data: nothing more to wait for)
            elif final is None or final is LATE_1XX:
                self._await_answer(ctrl)
                try:
                    _final_after_data(ctrl)
                except ReplyError as exc:
                    if kept is not None:
                        self._acked = delivered_at_end(kept, moved, base, broken=False)
                    raise _server_failed(exc, moved) from exc
                finally:
                    ctrl.awaiting = False
        finally:
            if kept is not None:
                kept.close()
        if ragged and not (total is not None and not ascii and rest + moved == total):
            raise _ragged(moved, rest, None if ascii else total)
        return moved

    def _clear_restart(self, ctrl: ControlChannel) -> None:
        """``REST 0`` after a REST the server accepted when the transfer command that was to take it was refused
        or never sent (a cancel before it): the restart would otherwise stay pending on the server and the
        session's next transfer carry it — pyftpdlib refused an APPE with "450 Can't APPE while REST request is
        pending", and a server that takes one wrote the upload at that offset (a resumed upload's check, its
        RETR refused, went on with APPE: design note 476). Its refusal is ignored (the server had nothing
        pending); a connection cut for a cancel or closed is left alone."""
        if ctrl.cut_short or ctrl.closed_reason is not None or ctrl is not self._ctrl:
            return
        try:
            ctrl.expect("REST 0", "3")
        except ReplyError:
            pass

    def _abort_failed(self, ctrl: ControlChannel, sock: socket.socket, command: str, why: FtpError) -> FtpError:
        """Abort a transfer that failed (it stalled, a local file could not be written, too much came…) for the
        reason ``why``, told first (``TransferStopped``: the ABOR is no cancel), and return ``why`` to raise. A
        cancel that came before the abort or during it — cutting its wait for the server's answers — ends the
        transfer instead: ``Cancelled``, the person's word, not the failure (a stalled download cancelled as it
        was aborted was retried as stalled)."""
        if self.wants(TransferStopped):
            values = tuple((k, str(v)) for k, v in (getattr(why, "values", None) or {}).items())
            self.emit(TransferStopped(self.id, detail=str(why), template=getattr(why, "template", ""), values=values))
        self._abort_transfer(ctrl, sock, command)
        if self._waker.fired or ctrl.cut_short:  # (a cut uses the cancel up: the waker is clear again)
            raise self._cancelled_after() from None
        return why

    def _cancelled_after(self) -> Cancelled:
        return worded(
            Cancelled,
            QT_TRANSLATE_NOOP("engine", "Cancelled after {done} bytes."),
            _init={"done": self._progress_done},
            done=self._progress_done,
        )

    def _data_closed(self, moved: int) -> None:
        """Report the data connection closed (once: a second report of the same one is not made)."""
        if self._data_open is None:
            return
        self._data_open = None
        if self.wants(DataClosed):
            self.emit(DataClosed(self.id, bytes=moved, seconds=time.monotonic() - self._data_started))

    def _secure_data(
        self, ctrl: ControlChannel, sock: socket.socket, mode: str, command: str, final: Optional[str]
    ) -> ssl.SSLSocket:
        """TLS on a data connection, resuming the control connection's session (vsftpd's
        ``require_ssl_reuse``); its certificate must be the control connection's."""
        assert self._tls_context is not None and self._server is not None and ctrl.tls is not None
        session = ctrl.tls.session  # taken now: TLS 1.3 tickets arrive after the control handshake
        self._data_started = time.monotonic()
        try:
            tls = tlsmod.handshake(
                sock,
                self._tls_context,
                self._server[0],
                waker=self._waker,
                timeout=self.options.timeout,
                session=session,
            )
        except dc.WakeUp:
            self._abort_transfer(ctrl, sock, command)
            raise worded(
                Cancelled, QT_TRANSLATE_NOOP("engine", "Cancelled during the data connection's TLS handshake.")
            ) from None
        except (ssl.SSLError, OSError, dc.WaitTimeout) as exc:
            if isinstance(exc, dc.WaitTimeout):
                raise self._tls_failed(
                    ctrl,
                    mode,
                    command,
                    final,
                    QT_TRANSLATE_NOOP("engine", "The data connection's TLS handshake failed: timed out"),
                    QT_TRANSLATE_NOOP(
                        "engine", "The data connection's TLS handshake failed: timed out (server: {reply})"
                    ),
                ) from None
            raise self._tls_failed(
                ctrl,
                mode,
                command,
                final,
                QT_TRANSLATE_NOOP("engine", "The data connection's TLS handshake failed: {reason}"),
                QT_TRANSLATE_NOOP("engine", "The data connection's TLS handshake failed: {reason} (server: {reply})"),
                reason=exc,
            ) from None
        if (tls.getpeercert(binary_form=True) or b"") != self._tls_cert:
            dc.reset_close(tls)
            raise self._tls_failed(
                ctrl,
                mode,
                command,
                final,
                QT_TRANSLATE_NOOP(
                    "engine", "The data connection presented another certificate than the control connection."
                ),
                QT_TRANSLATE_NOOP(
                    "engine",
                    "The data connection presented another certificate than the control connection. (server: {reply})",
                ),
            )
        self._report_tls("data", tls)
        return tls

    def _tls_failed(
        self,
        ctrl: ControlChannel,
        mode: str,
        command: str,
        final: Optional[str],
        template: str,
        with_reply: str,
        **values: object,
    ) -> DataConnectionError:
        """``template``, or ``with_reply`` (the same with `` (server: {reply})``) when the server said why."""
        try:
            reply = self._final_reply(ctrl, command, final)
        except FtpError:
            reply = ""
        if reply:
            return self._fail(mode, "tls", with_reply, reply=reply, **values)
        return self._fail(mode, "tls", template, **values)

    def _final_reply(self, ctrl: ControlChannel, command: str, final: Optional[str]) -> str:
        if final is not None and final is not LATE_1XX:
            return final
        self._await_answer(ctrl)
        try:
            return _final_after_data(ctrl)
        except ReplyError as exc:
            return f"{exc.code} {exc.text}"
        except ProtocolError:
            return ""  # (the control connection is closed: what the server meant is not known)
        finally:
            ctrl.awaiting = False

    def _await_answer(self, ctrl: ControlChannel) -> None:
        """The transfer's final reply is awaited from here (``_awaiting``): a cancel that came as the data ended,
        before the wait, hangs up now — the server may never answer (a complete reply already read is taken)."""
        if self._awaiting(ctrl) and not ctrl.has_buffered_reply():
            ctrl.cut()

    def _refused(self, mode: str, command: str, exc: ReplyError) -> DataConnectionError:
        return self._fail(
            mode,
            "command",
            QT_TRANSLATE_NOOP("engine", "The server refused {verb}: {code} {text}"),
            code=exc.code,
            verb=command,
            text=exc.text,
        )

    def _fail_with(self, mode: str, exc: FtpError) -> DataConnectionError:
        """A data-connection failure told by ``exc``'s own words (a reply that could not be read: ``bad-reply``)."""
        if exc.template is not None:
            return self._fail(mode, "command", exc.template, malformed=True, **exc.values)
        return self._fail(mode, "command", "{reason}", malformed=True, reason=str(exc))
