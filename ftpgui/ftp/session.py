"""``FtpSession``: one FTP conversation, its data connections in either mode, and its events.

A session is used from one thread at a time; only ``cancel()`` may be called from another thread.
"""

from __future__ import annotations

import itertools
import os
import select
import socket
import ssl
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import BinaryIO, Callable, Dict, List, Optional, Tuple, Union

from . import datachannel as dc
from . import tls as tlsmod
from .causes import derive_cause
from .control import ControlChannel, address, format_address, reply_text
from .errors import (
    NOT_CONNECTED,
    QT_TRANSLATE_NOOP,
    Cancelled,
    ConnectionLost,
    DataConnectionError,
    FtpError,
    LocalFileError,
    LoginError,
    ProtocolError,
    ReplyError,
    TlsError,
    TransferFailed,
    worded,
)
from .events import (
    DataChannelPlanned,
    DataClosed,
    DataConnected,
    DataFailed,
    Event,
    Listener,
    ModeFallback,
    TlsEstablished,
    TlsNotUsed,
    TransferProgress,
)
from .listing import Entry, parse_list, parse_mlsd, utc_offset
from .names import NameCodec, parse_encoding
from .replies import check_argument, format_eprt, format_port, parse_227, parse_229, parse_257, parse_feat, parse_mdtm

_ids = itertools.count(1)
LATE_1XX = "late-1xx"  # marker: data arrived before the reply to the transfer command
MODES = ("passive", "active", "auto")
RemotePath = Union[str, bytes]  # text (encoded with the session's NameCodec) or the server's exact bytes


WAITING_CANCELLED = QT_TRANSLATE_NOOP("engine", "Cancelled while waiting for the server's data connection.")


@dataclass
class SessionOptions:
    """How a session behaves; every field has the default a person would expect."""

    mode: str = "passive"  # passive | active | auto
    timeout: float = 30.0  # every socket operation, including the active-mode accept
    encoding: str = "utf-8"  # a codec, "auto" or "auto:CODEC" (names.parse_encoding)
    active_port_range: Optional[Tuple[int, int]] = None
    active_external_address: Optional[str] = None  # advertised in PORT/EPRT instead of our local address
    abort_wait: float = 5.0  # how long an upload's data connection stays open for the server to see ABOR
    listing_limit: int = 256 << 20  # bytes: a listing that never ends is cut here
    tls: str = "off"  # off | auto (AUTH TLS when FEAT offers it) | require (AUTH TLS) | implicit (TLS first)
    trust: tlsmod.Trust = None  # fingerprints (or a callback) accepted when verification fails
    ca_file: Optional[str] = None  # CA certificates to verify against instead of the system's
    list_hidden: bool = False  # LIST -a (falls back to LIST when the server refuses it)
    server_time_offset: int = 0  # minutes the server's LIST times are ahead of UTC

    def __post_init__(self) -> None:
        if self.mode not in MODES:
            raise ValueError(f"mode must be one of {', '.join(MODES)}, not {self.mode!r}")
        if self.tls not in tlsmod.TLS_MODES:
            raise ValueError(f"tls must be one of {', '.join(tlsmod.TLS_MODES)}, not {self.tls!r}")
        if self.timeout <= 0:
            raise ValueError("timeout must be positive")
        if self.active_port_range is not None:
            lo, hi = self.active_port_range
            if not (1 <= lo <= hi <= 65535):
                raise ValueError(f"active port range {lo}-{hi} is not within 1–65535")
        parse_encoding(self.encoding)  # ValueError for an unknown codec, now rather than mid-session
        utc_offset(self.server_time_offset)


class _ControlReadable(Exception):
    """The server spoke while we waited for its data connection."""


class FtpSession:
    """One control connection and the data connections it sets up, reported as events."""

    def __init__(self, options: Optional[SessionOptions] = None, listener: Optional[Listener] = None):
        self.id = next(_ids)
        self.options = options or SessionOptions()
        self._listener: Listener = listener or (lambda event: None)
        self._ctrl: Optional[ControlChannel] = None
        self._waker = dc.Waker()
        self.features: Dict[str, str] = {}
        self.welcome = ""
        self._server: Optional[Tuple[str, int]] = None
        self._credentials: Optional[Tuple[str, str, str]] = None
        self._cwd: Optional[str] = None
        self._binary = False
        self._fell_back = False
        self._no_epsv = False
        self._no_eprt = False
        self._no_mlsd = False
        self._no_list_a = False
        self._encoding = parse_encoding(self.options.encoding)
        self.names = NameCodec.for_session(self._encoding, server_utf8=False)
        self._progress_done = 0
        self._moved = 0
        self._data_started = 0.0
        self._tls_context: Optional[ssl.SSLContext] = None  # the context the control connection's TLS used
        self._tls_cert = b""  # the control connection's certificate (DER); data connections must match it

    # --- events and state ---------------------------------------------------------------------
    def emit(self, event: Event) -> None:
        self._listener(event)

    @property
    def mode(self) -> str:
        """The mode the next data connection will use."""
        if self.options.mode == "active" or (self.options.mode == "auto" and self._fell_back):
            return "active"
        return "passive"

    @property
    def connected(self) -> bool:
        return self._ctrl is not None and self._ctrl.connected

    @property
    def logged_in(self) -> bool:
        """Logged in and not quit: a lost connection comes back by itself (log in, CWD) at the next command."""
        return self._credentials is not None

    @property
    def control_addresses(self) -> Tuple[Tuple[str, int], Tuple[str, int]]:
        """(local, remote) of the control connection."""
        ctrl = self._require()
        return ctrl.local, ctrl.remote

    def cancel(self) -> None:
        """Stop the current transfer, or the next one if none has started yet; safe from any thread.
        The transfer raises ``Cancelled``, which uses the cancel up."""
        self._waker.fire()

    def clear_cancel(self) -> None:
        """Forget a cancel no transfer has used up (one meant for work that has ended)."""
        self._waker.reset()

    # --- connecting ---------------------------------------------------------------------------
    def connect(self, host: str, port: int = 21) -> str:
        """Open the control connection, read the greeting, and set up TLS as ``options.tls`` says.

        A certificate that fails verification is looked at on a second connection, which is used only
        when the caller trusts that certificate's fingerprint (``options.trust``); otherwise
        ``UntrustedCertificate`` is raised and nothing more is sent.
        """
        if self._ctrl is not None:
            self._ctrl.close_with("reconnect")
        self._server = (host, port)
        self._binary = False
        if self.options.tls == "off":
            self.welcome = self._connect_with(host, port, None)
            return self.welcome
        try:
            self.welcome = self._connect_with(host, port, tlsmod.verifying_context(self.options.ca_file))
            return self.welcome
        except ssl.SSLCertVerificationError as exc:
            reason = tlsmod.verify_reason(exc)
        welcome = self._connect_with(host, port, tlsmod.pinned_context())
        trusted = False
        try:
            trusted = tlsmod.is_trusted(self.options.trust, host, port, tlsmod.fingerprint(self._tls_cert))
        finally:
            if not trusted:
                self._ctrl.close_with("untrusted")  # type: ignore[union-attr]
        if not trusted:
            raise tlsmod.certificate_error(host, port, self._tls_cert, reason)
        self._report_tls("control", self._ctrl.tls)  # type: ignore[union-attr, arg-type]
        self.welcome = welcome
        return welcome

    def _connect_with(self, host: str, port: int, context: Optional[ssl.SSLContext]) -> str:
        """One control connection: TCP, then TLS first (implicit) or after the greeting (AUTH TLS)."""
        ctrl = self._ctrl = ControlChannel(
            self.id, self.emit, timeout=self.options.timeout, encoding=self._encoding.codec
        )
        if self._encoding.auto:
            ctrl.shown = self._shown_command
        self._tls_context, self._tls_cert = None, b""
        tls = self.options.tls
        if tls == "implicit":
            return ctrl.connect(host, port, on_connected=lambda: self._start_tls(ctrl, context, host))
        welcome = ctrl.connect(host, port)
        offered = self._server_offers_tls(ctrl) if context is not None else False
        if offered is not False:
            try:
                resp = ctrl.expect("AUTH TLS")
            except ReplyError as exc:
                if tls == "require" or offered:
                    ctrl.quit()  # before USER: nothing about the account crosses in the clear
                    raise worded(
                        TlsError,
                        QT_TRANSLATE_NOOP(
                            "engine", "The server refused TLS (AUTH TLS: {code} {text}); not continuing."
                        ),
                        code=exc.code,
                        text=exc.text,
                    ) from None
                self.emit(TlsNotUsed(self.id, reason="refused"))
                return welcome
            if not resp.startswith("234"):
                ctrl.close_with("error")
                raise worded(
                    TlsError,
                    QT_TRANSLATE_NOOP(
                        "engine", "The server answered AUTH TLS with {reply!r}, not 234; not continuing."
                    ),
                    reply=resp[:80],
                )
            self._start_tls(ctrl, context, host)
        return welcome

    def _server_offers_tls(self, ctrl: ControlChannel) -> Optional[bool]:
        """With ``auto``, FEAT before login: True when it lists AUTH (a refusal is then an error), False when
        it lists none (plain FTP, reported), None when FEAT is refused (AUTH TLS is tried; a refusal means
        plain FTP). ``require`` always asks."""
        if self.options.tls != "auto":
            return None
        try:
            features = parse_feat(ctrl.expect("FEAT").split("\n"))
        except ReplyError:
            return None
        if "AUTH" in features:
            return True
        self.emit(TlsNotUsed(self.id, reason="not-offered"))
        return False

    def _start_tls(self, ctrl: ControlChannel, context: Optional[ssl.SSLContext], host: str) -> None:
        assert context is not None
        ctrl.refuse_pipelined()
        try:
            tls = tlsmod.handshake(ctrl.sock, context, host, waker=None, timeout=self.options.timeout)
        except ssl.SSLCertVerificationError:
            ctrl.close_with("untrusted")
            raise
        except (ssl.SSLError, OSError) as exc:
            ctrl.close_with("error")
            raise worded(
                TlsError,
                QT_TRANSLATE_NOOP("engine", "The TLS handshake with {host} failed: {reason}"),
                host=host,
                reason=exc,
            ) from None
        ctrl.sock = tls
        self._tls_context = context
        self._tls_cert = tls.getpeercert(binary_form=True) or b""
        if context.verify_mode != ssl.CERT_NONE:
            self._report_tls("control", tls)

    def _report_tls(self, channel: str, tls: ssl.SSLSocket) -> None:
        version, cipher, reused, fp = tlsmod.describe_tls(tls)
        self.emit(TlsEstablished(self.id, channel, version, cipher, reused, fp))  # type: ignore[arg-type]

    def login(self, user: str = "anonymous", password: str = "", acct: str = "") -> None:
        """USER/PASS(/ACCT), then FEAT, ``OPTS UTF8 ON`` where offered, and TYPE I."""
        ctrl = self._require()
        if user == "anonymous" and not password:
            password = "anonymous@"
        resp = ctrl.sendcmd("USER " + self._credential(user))
        if resp[:1] == "3":
            resp = ctrl.sendcmd("PASS " + self._credential(password))
        if resp[:1] == "3":
            resp = ctrl.sendcmd("ACCT " + self._credential(acct))
        if resp[:1] != "2":
            raise LoginError("USER " + user, int(resp[:3]), reply_text(resp))
        self._credentials = (user, password, acct)
        if ctrl.tls is not None:
            try:
                ctrl.expect("PBSZ 0")
                ctrl.expect("PROT P")
            except ReplyError as exc:
                ctrl.close_with("error")
                raise worded(
                    TlsError,
                    QT_TRANSLATE_NOOP("engine", "The server refused to encrypt data connections: {code} {text}"),
                    code=exc.code,
                    text=exc.text,
                ) from None
        try:
            self.features = parse_feat(ctrl.expect("FEAT").split("\n"))
        except ReplyError:
            self.features = {}
        names = NameCodec.for_session(self._encoding, server_utf8="UTF8" in self.features)
        if (names.decoders, names.encoders) != (self.names.decoders, self.names.encoders):
            self.names = names  # else kept: after a reconnect, names listed before still go out as listed
        if "UTF8" in self.features and self.names.encoders[0] == "utf-8":  # not when asked for a legacy codec
            try:
                ctrl.expect("OPTS UTF8 ON")
            except ReplyError:
                pass
        self._ensure_binary()

    def open(self, host: str, port: int = 21, user: str = "anonymous", password: str = "") -> None:
        """Connect and log in."""
        self.connect(host, port)
        self.login(user, password)

    def _require(self) -> ControlChannel:
        if self._ctrl is None or not self._ctrl.connected:
            if self._server is None or self._credentials is None:
                raise worded(ConnectionLost, NOT_CONNECTED)
            self._reconnect()
        assert self._ctrl is not None
        return self._ctrl

    def _reconnect(self) -> None:
        """After a lost connection: connect, log in, and return to the directory we were in."""
        assert self._server is not None and self._credentials is not None
        user, password, acct = self._credentials
        cwd = self._cwd
        self.connect(*self._server)
        self.login(user, password, acct)
        if cwd:
            self._ctrl.expect(f"CWD {cwd}")  # type: ignore[union-attr]

    def _ensure_binary(self) -> None:
        if not self._binary:
            self._require().expect("TYPE I")
            self._binary = True

    # --- simple commands ----------------------------------------------------------------------
    def command(self, line: str, ok: str = "2") -> str:
        """Send one command; the reply must start with one of the digits in ``ok``."""
        return self._require().expect(line, ok)

    def _arg(self, path: RemotePath) -> str:
        """A path as the command line carries it: text the control channel encodes back to the exact bytes."""
        return self._wire(path if isinstance(path, bytes) else self.names.encode(path))

    def _credential(self, text: str) -> str:
        """User names and passwords in the session's codec, or in UTF-8 where it cannot write them."""
        try:
            return self._wire(text.encode(self._encoding.codec))
        except UnicodeEncodeError:
            return self._wire(text.encode("utf-8", "surrogateescape"))

    def _shown_command(self, line: str) -> str:
        """In auto mode the control channel speaks UTF-8: a name in the fallback codec is shown decoded
        with it in the CommandSent event (the bytes sent are unchanged)."""
        if line.isascii():
            return line
        try:
            return self.names.show(line.encode(self._encoding.codec, "surrogateescape"))
        except UnicodeError:
            return line

    def _wire(self, raw: bytes) -> str:
        if raw.isascii():
            return raw.decode("ascii")
        codec = self._encoding.codec
        try:
            text = raw.decode(codec)
            if text.encode(codec) == raw:
                return text
        except UnicodeError:
            pass
        return raw.decode("ascii", "surrogateescape")  # bytes above 127 as surrogates: sent back as they were

    def pwd(self) -> str:
        """The working directory, decoded name by name with the session's encoding."""
        path = parse_257(reply_text(self.command("PWD")))
        self._cwd = path  # exactly as the server sent it, for CWD after a reconnect
        return self._shown_path(path)

    def _shown_path(self, path: str) -> str:
        """A path from a reply (decoded by the control channel), decoded name by name with the session's codec."""
        return self.names.decode_path(path.encode(self._encoding.codec, "surrogateescape"))

    def cwd(self, path: RemotePath) -> str:
        """Change directory; returns the new working directory (from PWD)."""
        self.command(f"CWD {self._arg(path)}")
        return self.pwd()

    def cdup(self) -> str:
        self.command("CDUP")
        return self.pwd()

    def mkd(self, path: RemotePath) -> str:
        resp = self.command(f"MKD {self._arg(path)}")
        try:
            return self._shown_path(parse_257(reply_text(resp)))
        except ProtocolError:
            return path if isinstance(path, str) else self.names.decode_path(path)

    def rmd(self, path: RemotePath) -> None:
        self.command(f"RMD {self._arg(path)}")

    def delete(self, path: RemotePath) -> None:
        self.command(f"DELE {self._arg(path)}")

    def rename(self, old: RemotePath, new: RemotePath) -> None:
        new_arg = self._arg(new)
        check_argument(new_arg)  # both names checked before RNFR is sent
        self.command(f"RNFR {self._arg(old)}", ok="3")
        self.command(f"RNTO {new_arg}")

    def size(self, path: RemotePath) -> int:
        self._ensure_binary()
        text = reply_text(self.command(f"SIZE {self._arg(path)}")).strip()
        if not text.isdigit():
            raise worded(
                ProtocolError,
                QT_TRANSLATE_NOOP("engine", "The server's SIZE reply is not a number: {reply!r}"),
                reply=text[:40],
            )
        return int(text)

    def size_or_none(self, path: RemotePath) -> Optional[int]:
        try:
            return self.size(path)
        except ReplyError:
            return None

    def mdtm(self, path: RemotePath) -> datetime:
        return parse_mdtm(reply_text(self.command(f"MDTM {self._arg(path)}")))

    def mfmt(self, path: RemotePath, when: datetime) -> None:
        """Set the server's modification time of ``path`` (MFMT, draft-somers-ftp-mfxx; UTC)."""
        stamp = when.astimezone(timezone.utc) if when.tzinfo else when
        self.command(f"MFMT {stamp:%Y%m%d%H%M%S} {self._arg(path)}")

    def chmod(self, mode: int, path: RemotePath) -> None:
        self.command(f"SITE CHMOD {mode:o} {self._arg(path)}")

    def noop(self) -> None:
        self.command("NOOP")

    def quit(self, wait: bool = True) -> None:
        """QUIT and close. With ``wait=False`` the 221 is not awaited: after the last 226 it says nothing
        new, and a server may answer only once it has flushed the last upload to disk."""
        if self._ctrl is not None and self._ctrl.connected:
            if wait:
                self._ctrl.quit()
            else:
                try:
                    self._ctrl.putcmd("QUIT")
                except FtpError:
                    pass
                self._ctrl.close_with("quit")
        self._credentials = None

    def close(self) -> None:
        """Close without QUIT and release everything; the session cannot be used again."""
        if self._ctrl is not None:
            self._ctrl.close_with("closed")
        self._credentials = None
        self._waker.close()

    def __enter__(self) -> FtpSession:
        return self

    def __exit__(self, *exc) -> None:
        try:
            self.quit()
        except FtpError:
            pass
        self.close()

    # --- listings -----------------------------------------------------------------------------
    def list_raw(self, path: Optional[RemotePath] = None, command: str = "LIST") -> bytes:
        """The raw bytes of LIST, MLSD or NLST (each over a data connection)."""
        out = bytearray()
        line = command + (f" {self._arg(path)}" if path else "")
        self._transfer(
            line,
            run=lambda sock, progress: dc.receive(
                sock, out.extend, self._waker, self.options.timeout, progress, limit=self.options.listing_limit
            ),
        )
        return bytes(out)

    def listdir(self, path: Optional[RemotePath] = None, *, now: Optional[datetime] = None) -> List[Entry]:
        """Entries of a directory: MLSD where the server offers it, else LIST (``LIST -a`` with
        ``list_hidden``). Names are decoded with the session's encoding and keep their raw bytes."""
        if "MLST" in self.features and not self._no_mlsd:
            try:
                return parse_mlsd(self.list_raw(path, "MLSD"), self.names.decode)
            except ReplyError as exc:
                if exc.code not in (500, 502, 504):
                    raise
                self._no_mlsd = True  # offered in FEAT but not implemented: LIST from now on
        data = None
        if self.options.list_hidden and not self._no_list_a:
            try:
                data = self.list_raw(path, "LIST -a")
            except ReplyError as exc:
                if exc.code < 500:
                    raise
                data = self.list_raw(path, "LIST")
                self._no_list_a = True  # refused -a, but a plain LIST works: do not ask again
        if data is None:
            data = self.list_raw(path, "LIST")
        tz = utc_offset(self.options.server_time_offset)
        return parse_list(data, now=now, tz=tz, decode=self.names.decode)

    # --- file transfers -----------------------------------------------------------------------
    def retrieve(
        self, path: RemotePath, write: Callable[[memoryview], object], *, rest: int = 0, total: Optional[int] = None
    ) -> int:
        """RETR ``path`` into ``write`` (called per block), from byte ``rest``; returns bytes received."""
        return self._transfer(
            f"RETR {self._arg(path)}",
            rest=rest,
            total=total,
            run=lambda sock, progress: dc.receive(sock, write, self._waker, self.options.timeout, progress),
        )

    def store(
        self, path: RemotePath, source: BinaryIO, *, rest: int = 0, append: bool = False, total: Optional[int] = None
    ) -> int:
        """STOR (or APPE) ``source`` from its current position; returns bytes sent."""
        verb = "APPE" if append else "STOR"
        return self._transfer(
            f"{verb} {self._arg(path)}",
            rest=rest,
            total=total,
            run=lambda sock, progress: dc.send(sock, source, self._waker, self.options.timeout, progress),
        )

    def download(self, remote: RemotePath, local: str, *, resume: bool = False, size: Optional[int] = None) -> int:
        """Download to ``local`` through ``local.part``, renamed only when complete; returns bytes received.

        With ``resume``, continues ``local.part`` (or a smaller existing ``local``) with REST. ``size`` is
        the size a listing just gave: used instead of asking SIZE (except to resume), and checked with
        SIZE only when the bytes received differ from it.
        """
        part = local + ".part"
        listed = size is not None and not resume
        total = size if listed else self.size_or_none(remote)
        offset = 0
        if resume:
            if os.path.exists(part):
                offset = os.path.getsize(part)
            elif os.path.isfile(local) and total is not None and os.path.getsize(local) < total:
                _local(os.replace, local, part)
                offset = os.path.getsize(part)
            if total is not None and offset > total:
                offset = 0
        received = 0
        try:
            fd = open(part, "r+b" if offset else "wb", buffering=0, opener=_no_follow)
        except OSError as exc:
            raise dc.write_error(part, exc) from exc
        with fd:
            if offset:  # (a truncate on a fresh file would make ext4 flush it all at close)
                fd.seek(offset)
                fd.truncate(offset)
            if not (total is not None and offset == total and offset > 0):
                try:
                    expected = None if total is None else total - offset
                    received = self.retrieve(remote, dc.FileSink(fd, part, expected), rest=offset, total=total)
                except ReplyError as exc:
                    if not (offset and exc.command.upper().startswith("REST")):
                        raise
                    fd.seek(0)  # the server cannot restart: start again from the first byte
                    fd.truncate(0)
                    offset = 0
                    received = self.retrieve(remote, dc.FileSink(fd, part), total=total)
        got = os.path.getsize(part)
        if listed and got != total:
            total = self.size_or_none(remote)  # the file may have changed since it was listed
        if total is not None and got != total:
            raise worded(
                TransferFailed,
                QT_TRANSLATE_NOOP("engine", "The download is incomplete: {got} of {total} bytes."),
                _init={"received": received},
                got=got,
                total=total,
            )
        _local(os.replace, part, local)
        return received

    def upload(self, local: str, remote: RemotePath, *, resume: bool = False) -> int:
        """Upload ``local`` to ``remote``; with ``resume``, continue from the size the server has."""
        try:
            source = open(local, "rb")
        except OSError as exc:
            raise worded(
                LocalFileError,
                QT_TRANSLATE_NOOP("engine", "Could not read {path}: {reason}"),
                path=local,
                reason=exc.strerror or exc,
            ) from exc
        with source:
            total = os.fstat(source.fileno()).st_size
            offset = 0
            if resume:
                have = self.size_or_none(remote) or 0
                if have == total:
                    return 0
                if 0 < have < total:
                    offset = have
            source.seek(offset)
            if offset and "STREAM" not in self.features.get("REST", "").upper():
                return self.store(remote, source, append=True, total=total)
            return self.store(remote, source, rest=offset, total=total)

    # --- the data connection ------------------------------------------------------------------
    def _transfer(self, command: str, *, run: Callable, rest: int = 0, total: Optional[int] = None) -> int:
        """Set up a data connection in the session's mode, run ``command`` over it, and finish it.

        In auto mode a failure to set up the passive connection switches the session to active once,
        with a ModeFallback event, and the command is tried again (it was not yet sent).
        """
        self._require()
        self._ensure_binary()
        mode = self.mode
        try:
            if self._waker.fired:  # cancelled while the caller prepared it (SIZE, REST…): not started
                raise worded(Cancelled, QT_TRANSLATE_NOOP("engine", "Cancelled before the transfer started."))
            try:
                return self._transfer_once(mode, command, run, rest, total)
            except DataConnectionError as exc:
                if self.options.mode != "auto" or mode != "passive" or exc.stage not in ("command", "connect"):
                    raise
                self._fell_back = True
                self.emit(ModeFallback(self.id, from_mode="passive", to_mode="active", cause=exc.cause))
                return self._transfer_once("active", command, run, rest, total)
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
        **values: object,
    ) -> DataConnectionError:
        """A DataFailed event and its error, worded by ``template`` (marked for translation) and ``values``."""
        ctrl = self._ctrl
        cause = derive_cause(
            mode, stage, refused_code=code, advertised_host=advertised, server_host=ctrl.remote[0] if ctrl else None
        )
        exc = worded(
            DataConnectionError,
            template,
            _init={"mode": mode, "stage": stage, "cause": cause, "code": code},
            code=code,
            **values,
        )
        self.emit(DataFailed(self.id, stage=stage, cause=cause, detail=str(exc)))  # type: ignore[arg-type]
        return exc

    def _transfer_once(self, mode: str, command: str, run: Callable, rest: int, total: Optional[int]) -> int:
        ctrl = self._require()
        self._progress_done = rest
        self._moved = 0
        sock: Optional[socket.socket] = None
        listener: Optional[socket.socket] = None
        advertised: Optional[str] = None
        try:
            if mode == "passive":
                sock = self._open_passive(ctrl)
            else:
                listener, advertised = self._open_active(ctrl)
            if rest:
                ctrl.expect(f"REST {rest}", "3")
            final = self._send_transfer_command(ctrl, command, mode, advertised, sock, listener)
            if listener is not None:
                sock = self._accept(ctrl, listener, advertised)
        except BaseException:
            if sock is not None:
                dc.reset_close(sock)
            raise
        finally:
            if listener is not None:
                listener.close()
        if ctrl.tls is not None:
            sock = self._secure_data(ctrl, sock, mode, command, final)

        def progress(n: int) -> None:
            self._moved = n
            self._progress_done = rest + n
            self.emit(TransferProgress(self.id, done=rest + n, total=total))

        started = self._data_started = time.monotonic()
        ragged = False
        try:
            moved = run(sock, progress)
            if isinstance(sock, ssl.SSLSocket) and command[:4].upper() in ("STOR", "APPE", "STOU"):
                tlsmod.close_notify(sock, self._waker, self.options.timeout)
        except dc.EndedWithoutCloseNotify as exc:
            moved, ragged = exc.done, True
        except dc.WakeUp:
            self._abort_transfer(ctrl, sock, command)
            raise worded(
                Cancelled,
                QT_TRANSLATE_NOOP("engine", "Cancelled after {done} bytes."),
                _init={"done": self._progress_done},
                done=self._progress_done,
            ) from None
        except dc.WaitTimeout:
            seconds = f"{self.options.timeout:g}"
            detail = f"No data moved for {seconds} seconds."
            self.emit(DataFailed(self.id, stage="transfer", cause="other", detail=detail))
            self._abort_transfer(ctrl, sock, command)
            raise worded(
                TransferFailed,
                QT_TRANSLATE_NOOP("engine", "The transfer stalled: No data moved for {seconds} seconds."),
                _init={"received": self._moved},
                seconds=seconds,
            ) from None
        except LocalFileError:
            self._abort_transfer(ctrl, sock, command)
            raise
        except OverflowError:
            self._abort_transfer(ctrl, sock, command)
            raise worded(
                ProtocolError,
                QT_TRANSLATE_NOOP("engine", "The listing is larger than {limit} bytes; stopped."),
                limit=self.options.listing_limit,
            ) from None
        except OSError as exc:
            dc.reset_close(sock)
            self.emit(DataFailed(self.id, stage="transfer", cause="other", detail=str(exc.strerror or exc)))
            self.emit(DataClosed(self.id, bytes=self._moved, seconds=time.monotonic() - started))
            reply = self._final_reply(ctrl, command, final)
            raise worded(
                TransferFailed,
                QT_TRANSLATE_NOOP("engine", "The data connection broke: {reason} (server: {reply})")
                if reply
                else QT_TRANSLATE_NOOP("engine", "The data connection broke: {reason}"),
                _init={"received": self._moved},
                reason=exc.strerror or exc,
                reply=reply,
            ) from exc
        except BaseException:  # anything else (the control connection lost, an interrupt): no socket left open
            dc.reset_close(sock)
            raise
        sock.close()
        self.emit(DataClosed(self.id, bytes=moved, seconds=time.monotonic() - started))
        if final is None or final is LATE_1XX:
            try:
                if ctrl.getresp()[:1] == "1" and final is LATE_1XX:
                    ctrl.getresp()  # that was the late 1xx; the final reply follows
            except ReplyError as exc:
                raise _server_failed(exc, moved) from exc
        if ragged and total is not None and rest + moved != total:
            raise worded(
                TransferFailed,
                QT_TRANSLATE_NOOP(
                    "engine",
                    "The encrypted data connection ended without TLS close_notify after {done} of {total} bytes: "
                    "the data may have been cut short.",
                ),
                _init={"received": moved},
                done=rest + moved,
                total=total,
            )
        return moved

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
        try:
            resp = ctrl.getresp()
            return ctrl.getresp() if resp[:1] == "1" else resp
        except ReplyError as exc:
            return f"{exc.code} {exc.text}"

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
        """A data-connection failure told by ``exc``'s own words (a reply that could not be read)."""
        if exc.template is not None:
            return self._fail(mode, "command", exc.template, **exc.values)
        return self._fail(mode, "command", "{reason}", reason=str(exc))

    def _open_passive(self, ctrl: ControlChannel) -> socket.socket:
        peer = ctrl.remote[0]
        family = ctrl.af
        parsed = None
        command = "EPSV"
        if family == socket.AF_INET6 or not self._no_epsv:
            try:
                resp = ctrl.expect("EPSV")
                parsed = parse_229(reply_text(resp)) if resp.startswith("229") else None
                if parsed is None and family == socket.AF_INET6:
                    raise self._fail(
                        "passive",
                        "command",
                        QT_TRANSLATE_NOOP("engine", "The server answered EPSV with {reply!r}."),
                        reply=resp[:80],
                    )
            except ReplyError as exc:
                if family == socket.AF_INET6:
                    raise self._refused("passive", "EPSV", exc) from None
            except ProtocolError as exc:
                if not ctrl.connected:
                    raise  # the control connection itself broke, not the EPSV reply's numbers
                if family == socket.AF_INET6:
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
        self.emit(
            DataChannelPlanned(
                self.id, mode="passive", command=command, argument=parsed.numbers, advertised=advertised, target=target
            )
        )
        try:
            sock = dc.dial(target, family, self._waker, self.options.timeout)
        except dc.WakeUp:
            raise worded(
                Cancelled, QT_TRANSLATE_NOOP("engine", "Cancelled while connecting the data connection.")
            ) from None
        except dc.WaitTimeout:
            raise self._fail(
                "passive",
                "connect",
                QT_TRANSLATE_NOOP(
                    "engine", "Connecting to the server's data port {address} timed out after {seconds} s."
                ),
                address=format_address(target),
                seconds=f"{self.options.timeout:g}",
            ) from None
        except OSError as exc:
            raise self._fail(
                "passive",
                "connect",
                QT_TRANSLATE_NOOP("engine", "Connecting to the server's data port {address} failed: {reason}."),
                address=format_address(target),
                reason=exc.strerror or exc,
            ) from None
        self.emit(
            DataConnected(
                self.id, local=address(sock.getsockname()), remote=address(sock.getpeername()), dialer="client"
            )
        )
        return sock

    def _open_active(self, ctrl: ControlChannel) -> Tuple[socket.socket, str]:
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
        if family == socket.AF_INET6:
            commands = ["EPRT"]
        else:
            commands = ["PORT"] if self._no_eprt else ["EPRT", "PORT"]
        try:
            for command in commands:
                arg = format_eprt(advertised, port) if command == "EPRT" else format_port(advertised, port)
                try:
                    ctrl.expect(f"{command} {arg}")
                    break
                except ReplyError as exc:
                    if exc.code == 425:  # the server tried to connect at once (pyftpdlib) and could not
                        raise self._fail(
                            "active",
                            "accept",
                            QT_TRANSLATE_NOOP(
                                "engine", "The server could not connect to {host} port {port}: {code} {text}"
                            ),
                            code=exc.code,
                            advertised=advertised,
                            host=advertised,
                            port=port,
                            text=exc.text,
                        ) from None
                    if command == "EPRT" and "PORT" in commands:
                        self._no_eprt = True
                        continue
                    raise self._refused("active", command, exc) from None
        except BaseException:
            listener.close()
            raise
        self.emit(
            DataChannelPlanned(
                self.id,
                mode="active",
                command=command,
                argument=arg,
                advertised=(advertised, port),
                target=address(listener.getsockname()),
            )
        )
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
        ``LATE_1XX`` if data arrived before any reply (the replies are read after the data), else None."""
        try:
            ctrl.putcmd(command)
            if data_sock is not None and self._data_first(ctrl, data_sock):
                return LATE_1XX
            if listener is not None:
                self._await_server_dial(ctrl, listener, advertised)
            resp = ctrl.getresp()
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
        if resp[:1] == "1":
            return None
        if resp[:1] == "2":
            return resp  # no 1xx: the transfer is already complete on the server's side
        raise ReplyError(command, int(resp[:3]), reply_text(resp))

    def _await_server_dial(self, ctrl: ControlChannel, listener: socket.socket, advertised: Optional[str]) -> None:
        """Active mode: most daemons (vsftpd, proftpd, pure-ftpd) connect before they send the 1xx, and
        only answer 425 when their own, much longer, connect timeout ends. So wait for the reply *or* the
        connection: neither within the timeout is an accept failure, not a silent server."""
        if ctrl.has_buffered_reply():
            return
        readable, _, _ = select.select([ctrl.sock, listener, self._waker], [], [], self.options.timeout)
        if ctrl.sock in readable or listener in readable:
            return
        ctrl.close_with("error")  # the reply to the transfer command is still to come: the next command reconnects
        if self._waker.fired:
            raise worded(Cancelled, WAITING_CANCELLED)
        raise self._accept_timed_out(listener, advertised)

    def _accept_timed_out(self, listener: socket.socket, advertised: Optional[str]) -> DataConnectionError:
        port = listener.getsockname()[1]
        return self._fail(
            "active",
            "accept",
            QT_TRANSLATE_NOOP("engine", "The server did not connect to {host} port {port} within {seconds} s."),
            advertised=advertised,
            host=advertised,
            port=port,
            seconds=f"{self.options.timeout:g}",
        )

    def _data_first(self, ctrl: ControlChannel, data_sock: socket.socket) -> bool:
        """True when the passive data connection carries data before the server has replied: a server
        that sends its 1xx late would otherwise block on a full data connection while we wait for it."""
        if ctrl.has_buffered_reply():
            return False
        readable, _, _ = select.select([ctrl.sock, data_sock], [], [], self.options.timeout)
        if ctrl.sock in readable or data_sock not in readable:
            return False
        try:
            return len(data_sock.recv(1, socket.MSG_PEEK)) > 0  # data, not an early close
        except OSError:
            return False

    def _accept(self, ctrl: ControlChannel, listener: socket.socket, advertised: Optional[str]) -> socket.socket:
        peer = ctrl.remote[0]
        try:
            sock = dc.accept(listener, self._waker, self.options.timeout, expect_host=peer)
        except dc.WakeUp:
            raise worded(Cancelled, WAITING_CANCELLED) from None
        except dc.WaitTimeout:
            raise self._accept_timed_out(listener, advertised) from None
        try:
            local, remote = address(sock.getsockname()), address(sock.getpeername())
        except OSError:  # the server connected and reset at once: this socket must not outlive the attempt
            sock.close()
            raise
        self.emit(DataConnected(self.id, local=local, remote=remote, dialer="server"))
        return sock

    def _abort_transfer(self, ctrl: ControlChannel, sock: socket.socket, command: str) -> None:
        """Stop a transfer so the server knows it is incomplete, then resynchronise the control connection.

        An upload's data connection stays open until the server has seen ABOR: a closed connection on its
        own reads as "file complete" to most servers. Then the connection is reset, and a NOOP fences off
        whatever replies the transfer and ABOR produce (426, 225, 226 in any combination).
        """
        upload = command[:4].upper() in ("STOR", "APPE", "STOU")
        try:
            if not upload:
                dc.reset_close(sock)
            ctrl.send_urgent("ABOR")
            if upload and not ctrl.has_buffered_reply():
                select.select([ctrl.sock], [], [], self.options.abort_wait)
        except (FtpError, OSError, ValueError):
            pass
        finally:
            dc.reset_close(sock)
        self.emit(DataClosed(self.id, bytes=self._moved, seconds=time.monotonic() - self._data_started))
        try:
            ctrl.putcmd("NOOP")
            for _ in range(8):
                try:
                    if ctrl.getresp().startswith("200"):
                        return
                except ReplyError:
                    continue
            ctrl.close_with("error")
        except FtpError:
            ctrl.close_with("error")  # the next command reconnects


_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)  # (not on Windows)


def _no_follow(path: str, flags: int) -> int:
    """Open ``path`` but not through a symbolic link: a ``NAME.part`` someone made a link to a file elsewhere
    is refused (ELOOP) rather than written through, so nothing lands outside the chosen folder."""
    return os.open(path, flags | _NOFOLLOW, 0o666)


def _local(move: Callable[[str, str], None], src: str, dst: str) -> None:
    """A rename on the local disk, its failure (a folder in the way, permissions) in words."""
    try:
        move(src, dst)
    except OSError as exc:
        raise worded(
            LocalFileError,
            QT_TRANSLATE_NOOP("engine", "Could not rename {source} to {target}: {reason}"),
            source=src,
            target=dst,
            reason=exc.strerror or exc,
        ) from exc


def _server_failed(exc: ReplyError, moved: int) -> TransferFailed:
    """The server's final reply to a transfer was an error: the data may be incomplete."""
    return worded(
        TransferFailed,
        QT_TRANSLATE_NOOP("engine", "The server reported the transfer as failed: {code} {text}"),
        _init={"code": exc.code, "received": moved},
        code=exc.code,
        text=exc.text,
    )
