"""The control connection's line layer, replacing ``ftplib``'s (a mixin of ``ControlChannel``): a command line
written as bytes, and replies read from the socket with a per-line and per-reply cap, complete by a deadline, names
decoded with ``surrogateescape``, each command and reply told as an event, failures raised in words."""

from __future__ import annotations

import select
import ssl
import time
from typing import Any, Callable, Dict, List, Optional

from .dialing import read_now, send_now
from .errors import (
    NOT_CONNECTED,
    QT_TRANSLATE_NOOP,
    ConnectionLost,
    FtpError,
    LoginError,
    ProtocolError,
    ReplyError,
    UnsafeArgument,
    counted,
    worded,
)
from .events import CommandSent, ReplyReceived
from .replies import answers, check_argument, is_reply_code
from .safetext import mask_command, mask_secrets

MAX_LINE = 8192
MAX_REPLY_LINES = 5000
MAX_REPLY_BYTES = 1 << 20
LINE_TOO_LONG = QT_TRANSLATE_NOOP("engine", "The server sent a reply line longer than {limit} bytes.")
NO_ANSWER = QT_TRANSLATE_NOOP("engine", "The server did not answer within {seconds} seconds.")
NO_ANSWER_1 = QT_TRANSLATE_NOOP("engine", "The server did not answer within 1 second.")
REPLY_UNFINISHED = QT_TRANSLATE_NOOP(
    "engine", "The server's reply was still not complete after {seconds} seconds (it sent {size} bytes); gave up."
)
REPLY_UNFINISHED_1 = QT_TRANSLATE_NOOP(
    "engine", "The server's reply was still not complete after 1 second (it sent {size} bytes); gave up."
)
MAX_PRELIMINARY = 10  # 1xx replies read before the one that ends a command: more is a server that never ends it
ONLY_PRELIMINARY = QT_TRANSLATE_NOOP("engine", "The server sent {count} preliminary replies and no final one: {reply}")
SEND_LOST = QT_TRANSLATE_NOOP("engine", "The connection to the server was lost while sending: {reason}")
READ_LOST = QT_TRANSLATE_NOOP("engine", "The connection to the server was lost: {reason}")
SERVER_CLOSED = QT_TRANSLATE_NOOP("engine", "The server closed the connection.")
_LF = 10  # b"\n"[0]
_HAVE_POLL = hasattr(select, "poll")  # (not on Windows: a zero-timeout ``select`` there)
# A reply whose code does not answer the command sent (``replies.ANSWERS``) waits this long for another: one that
# comes is the answer, the first a reply nobody asked for that came late (design note 480); none, and it is taken
STRAY_GRACE = 1.0
MAX_STRAYS = 8  # replies passed over for one command at most: a server sending more has its next one taken


class ControlLinesMixin:
    """Commands written and replies read on ``ControlChannel``'s socket (``sock``, its buffer ``_inbuf``)."""

    def putline(self, line: str) -> None:
        check_argument(line, shown=mask_command)  # (masked only to quote it)
        if self.sock is None:
            raise worded(ConnectionLost, NOT_CONNECTED)
        self._last_command = line
        self._fits = answers(line)  # (checked against the command's first reply, ``getresp``)
        if self._wants(CommandSent):
            self._emit(CommandSent(self.connection_id, text=mask_command(self.shown(line))))
        try:
            data = (line + "\r\n").encode(self.encoding, "surrogateescape")
        except UnicodeEncodeError as exc:
            raise worded(
                UnsafeArgument,
                QT_TRANSLATE_NOOP("engine", "The command cannot be written in {encoding}: {command!r}"),
                encoding=self.encoding,
                command=mask_command(line)[:60],
            ) from exc
        try:
            send_now(self.sock, data)
        except OSError as exc:
            raise self._ended("lost", SEND_LOST, reason=exc) from exc

    def _ended(self, why: str, template: str, init: Optional[Dict[str, Any]] = None, /, **values: Any) -> Exception:
        """What to raise when the connection ended under a command or a read: the person's cut (``cut_off``)
        if they cut it short, else — the socket closed, ``why`` reported as its reason — ``template``'s words
        (``values``: their fields; "reason" is one of them)."""
        if self.cut_short:
            return self.cut_off()
        self.close_with(why)
        return worded(ConnectionLost, template, init, **values)

    def _fill(self) -> None:
        sock = self.sock
        shortened = False
        try:
            if self._deadline is not None:
                left = self._deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError()
                # the plain timeout while it ends at most a twentieth past the deadline: a reply's first read
                # (most replies' only one) then costs no two settimeout calls (each a system call)
                if left < self.timeout * 0.95:
                    sock.settimeout(left)
                    shortened = True
            try:
                chunk = None
                if self.ready:  # (a reply there already: ``read_now``, no wait)
                    self.ready = False
                    chunk = read_now(sock, 65536)
                if chunk is None:
                    chunk = sock.recv(65536)
            finally:
                if shortened:
                    sock.settimeout(self.timeout)  # sends keep the plain timeout
        except TimeoutError as exc:
            seconds = f"{self.timeout:g}"
            if self._reply_bytes:
                unfinished = counted(self.timeout, REPLY_UNFINISHED_1, REPLY_UNFINISHED)
                raise self._ended("timeout", unfinished, seconds=seconds, size=self._reply_bytes) from exc
            silent = counted(self.timeout, NO_ANSWER_1, NO_ANSWER)
            raise self._ended("timeout", silent, {"silent": True}, seconds=seconds) from exc
        except OSError as exc:
            raise self._ended("lost", READ_LOST, reason=exc.strerror or exc) from exc
        if not chunk:
            raise self._ended("lost", SERVER_CLOSED)
        self._inbuf += chunk
        self._reply_bytes += len(chunk)

    def has_buffered_reply(self) -> bool:
        # (LF by value: ``b"\n" in`` first tries its operand as a number, and the TypeError costs 8× the search)
        return _LF in self._inbuf or (self.tls is not None and self.tls.pending() > 0)

    def poll(self) -> bool:
        """Take what the server has sent, without waiting for more: True when a whole line is there to read
        (an upload's data waits meanwhile; a TLS record of no data, or half a line, is no reply). A closed or
        broken connection raises as a wait for a reply does."""
        sock = self.sock
        if self.has_buffered_reply() or sock is None:
            return True  # (None: ``getresp`` says it is not connected)
        sock.settimeout(0.0)
        try:
            chunk = sock.recv(65536)
        except (BlockingIOError, InterruptedError, ssl.SSLWantReadError, ssl.SSLWantWriteError):
            return False
        except OSError:
            chunk = b""
        finally:
            sock.settimeout(self.timeout)
        if not chunk:
            self._fill()  # (closed, or reset: read again, it fails in words)
        self._inbuf += chunk
        self._reply_bytes += len(chunk)
        return _LF in self._inbuf

    def getline(self) -> str:
        if self.sock is None:
            raise worded(ConnectionLost, NOT_CONNECTED)
        while True:
            nl = self._inbuf.find(b"\n")
            if nl >= 0:
                raw = self._inbuf[:nl]  # (a bytearray: decoded below, never kept)
                del self._inbuf[: nl + 1]
                break
            if len(self._inbuf) > MAX_LINE:
                self.close_with("error")
                raise worded(ProtocolError, LINE_TOO_LONG, limit=MAX_LINE)
            self._fill()
        if len(raw) > MAX_LINE:
            self.close_with("error")
            raise worded(ProtocolError, LINE_TOO_LONG, limit=MAX_LINE)
        if raw.endswith(b"\r"):
            raw = raw[:-1]
        if 0 in raw:  # (a NUL byte: its value, as ``has_buffered_reply`` looks for LF)
            self.close_with("error")
            raise worded(ProtocolError, QT_TRANSLATE_NOOP("engine", "The server sent a NUL byte in a reply."))
        return raw.decode(self.encoding, "surrogateescape")

    def getmultiline(self) -> str:
        first = self.getline()
        mark = first[3:4]
        if mark == " " and is_reply_code(first[:3]):
            return first  # (most replies: one line)
        if not is_reply_code(first[:3]) or mark not in ("", " ", "-"):
            self.close_with("error")
            raise worded(
                ProtocolError, QT_TRANSLATE_NOOP("engine", "The server's reply is not FTP: {reply!r}"), reply=first[:80]
            )
        lines: List[str] = [first]
        if mark == "-":
            code = first[:3]
            size = len(first)
            while True:
                line = self.getline()
                lines.append(line)
                size += len(line)
                if len(lines) > MAX_REPLY_LINES or size > MAX_REPLY_BYTES:
                    self.close_with("error")
                    raise worded(
                        ProtocolError,
                        QT_TRANSLATE_NOOP(
                            "engine", "The server's reply is too long (over {lines} lines or {size} bytes)."
                        ),
                        lines=MAX_REPLY_LINES,
                        size=MAX_REPLY_BYTES,
                    )
                if line[:3] == code and line[3:4] in ("", " "):
                    break
        return "\n".join(lines)

    def skip_unasked(self) -> None:
        """Before a command goes out: a whole reply already received answers nothing asked — a server's stray
        ``230`` after the ``331`` to USER, a greeting in two ``220`` replies, a second ``250`` to CWD sent a moment
        after the first. Taken as the command's answer, it put every command after it a reply behind (PASS got the
        230, TYPE PASS's reply… found by QA: design notes 426, 453). What the server has sent is taken first,
        without a wait (``take_waiting``); each whole reply is read, told (``ReplyReceived.unasked``) and passed
        over — a 421 still ends the connection."""
        self.take_waiting()
        while _LF in self._inbuf and whole_reply(self._inbuf):
            self.getresp(unasked=True)

    def take_waiting(self) -> bool:
        """Add to the buffer what the server has sent and nobody has read, without waiting: a zero-timeout poll of
        the socket (one system call when nothing is there, as on nearly every command of the per-file path: a
        ``select.poll`` kept for the descriptor, cheaper than a ``select`` a call), then a read that cannot block
        — a plain socket's ``recv``, a TLS one's at a zero timeout (a record of no data, TLS 1.3's session ticket
        or half a record: nothing to add) — and TLS's decrypted bytes (``pending``). The server's close is left
        to the command's own read (it says so as before; True is returned then); a reset raises now."""
        sock = self.sock
        if sock is None:
            return False
        fd = sock.fileno()
        if fd != self._watched:  # (a new connection; TLS keeps the plain socket's descriptor)
            self._watch = select.poll() if _HAVE_POLL else None
            if self._watch is not None:
                self._watch.register(fd, select.POLLIN)
            self._watched = fd
        tls = self.tls
        for _ in range(MAX_REPLY_BYTES // 65536):  # (a server sending without end cannot hold the command here)
            watch = self._watch
            waiting = watch.poll(0) if watch is not None else select.select([sock], [], [], 0)[0]
            if not waiting and (tls is None or not tls.pending()):
                return False
            try:
                # (plain: readable, so ``recv`` returns at once — its own poll first is no wait, and this path runs
                # only when the server has sent something)
                chunk = sock.recv(65536) if tls is None else _tls_read_now(tls, self.timeout)
            except OSError as exc:
                raise self._ended("lost", READ_LOST, reason=exc.strerror or exc) from exc
            if not chunk:  # (nothing after all, or the server's close: the command's read says that)
                return chunk is not None
            self._inbuf += chunk
            self._reply_bytes += len(chunk)
        return False

    def getresp(
        self,
        deadline: Optional[float] = None,
        unasked: bool = False,
        on_421: Optional[Callable[[str], Optional[FtpError]]] = None,
    ) -> str:
        """Read one reply, complete by ``deadline`` (``time.monotonic()``; default: the timeout from now);
        ``unasked``: one no command asked for (``skip_unasked``), told as such, its 4xx/5xx no failure. A command's
        first reply whose code answers no such command (``replies.ANSWERS``) and is no error is told as not asked
        for when another reply follows within ``STRAY_GRACE`` (design note 480).
        ``on_421``: what a 421 (the server closing the connection) means to the caller — called with the reply
        before the close is told, its error (if any) raised instead of ``ConnectionLost`` (PORT/EPRT's 421
        after the server's connection to us timed out is that data connection's failure: design note 441)."""
        if deadline is None:
            deadline = time.monotonic() + self.timeout
        if deadline != self._last_deadline:  # a new reply (the greeting's 120s share one deadline)
            self._last_deadline = deadline
            self._reply_bytes = len(self._inbuf)  # what is buffered already belongs to it
        resp = self._read_reply(deadline)
        fits = self._fits
        if fits is not None and not unasked:
            self._fits = None  # (only a command's first reply: a 1xx's final one is not checked)
            strays = 0
            # (a reply that is no answer to the command and no error: a late one nobody asked for, if another
            # follows within STRAY_GRACE — note 480; a server's odd but lone answer is taken, a second later)
            while resp[:3] not in fits and resp[:1] in "123" and strays < MAX_STRAYS and self._another_reply(deadline):
                self._tell(resp, True)
                strays += 1
                resp = self._read_reply(deadline)
        if not unasked:
            self.lastresp = resp[:3]
        code = self._tell(resp, unasked)
        if not 100 <= code < 600:
            self.close_with("error")
            raise worded(
                ProtocolError,
                QT_TRANSLATE_NOOP("engine", "The server's reply has an invalid code: {reply!r}"),
                reply=resp[:80],
            )
        if code == 421:
            instead = on_421(resp) if on_421 is not None else None
            self.close_with("421")
            if instead is not None:
                raise instead
            raise worded(
                ConnectionLost,
                QT_TRANSLATE_NOOP("engine", "The server is closing the connection: {reply}"),
                {"code": 421},
                reply=resp,
            )
        if unasked:
            return resp
        if code >= 400:
            cls = LoginError if code == 530 and self._last_command[:4].upper() in ("USER", "PASS") else ReplyError
            raise cls(mask_command(self._last_command), code, reply_text(resp))
        return resp

    def _read_reply(self, deadline: float) -> str:
        self._deadline = deadline
        try:
            return self.getmultiline()
        finally:
            self._deadline = None

    def _tell(self, resp: str, unasked: bool) -> int:
        """Tell the reply ``resp`` (``ReplyReceived``); its code."""
        code = int(resp[:3])
        if self._wants(ReplyReceived):
            lines = tuple(mask_secrets(resp).split("\n"))
            self._emit(ReplyReceived(self.connection_id, code=code, lines=lines, unasked=unasked))
        return code

    def _another_reply(self, deadline: float) -> bool:
        """Whether a whole reply is there to read, or comes within ``STRAY_GRACE`` (not past ``deadline``): waits
        in a ``select`` on the socket, taking what comes without a blocking read (``take_waiting``). False at
        once when the server closed the connection (the next read says so); a cancel's cut raises."""
        end = min(time.monotonic() + STRAY_GRACE, deadline)
        while True:
            if _LF in self._inbuf and whole_reply(self._inbuf):
                return True
            left = end - time.monotonic()
            sock = self.sock
            if left <= 0 or sock is None or self.cut_short:
                break
            tls = self.tls
            if tls is None or not tls.pending():
                try:
                    select.select([sock], [], [], left)
                except (OSError, ValueError):
                    break
            if self.take_waiting():
                break
        if self.cut_short:
            raise self.cut_off()
        return False

    def final(self, resp: str, deadline: Optional[float] = None) -> str:
        """The reply that ends a command (or the greeting) whose first reply was ``resp``: a 1xx is preliminary
        (RFC 959 4.2: a 120 before the greeting, a 150 to PASS) and the next one is read — all of them by
        ``deadline`` (default: the timeout from now), at most MAX_PRELIMINARY."""
        seen = 1
        while resp[:1] == "1":
            if seen == MAX_PRELIMINARY:
                self.close_with("error")
                # (its code and words, as a refusal's are said: a multi-line 1xx's line break is no raw "\x0a")
                said = f"{resp[:3]} {reply_text(resp, ' / ')}"
                raise worded(ProtocolError, ONLY_PRELIMINARY, count=seen, reply=said[:80])
            deadline = deadline or time.monotonic() + self.timeout
            resp = self.getresp(deadline)
            seen += 1
        return resp

    def voidresp(self) -> str:
        resp = self.getresp()
        if not resp.startswith("2"):
            raise ReplyError(mask_command(self._last_command), int(resp[:3]), reply_text(resp))
        return resp


def _tls_read_now(tls: ssl.SSLSocket, timeout: float) -> Optional[bytes]:
    """What a TLS socket has for the reader now, or None: read at a zero timeout (at the socket's timeout, a
    record of no data or half of one would wait for more), the timeout put back after."""
    tls.settimeout(0.0)
    try:
        return tls.recv(65536)
    except (BlockingIOError, InterruptedError, ssl.SSLWantReadError, ssl.SSLWantWriteError):
        return None
    finally:
        tls.settimeout(timeout)


def whole_reply(buf: bytearray) -> bool:
    """Whether ``buf`` starts with a whole reply, as ``getmultiline`` reads one (a multi-line reply up to its
    last line), so reading it waits for nothing — or with a line that is no reply, which reading it says."""
    nl = buf.find(b"\n")
    if nl < 0:
        return False
    code = bytes(buf[:3])
    # (not "NNN-": one line, or none a reply starts with — a code as the reader takes one, ``is_reply_code``)
    if nl < 4 or buf[3] != 0x2D or not is_reply_code(code.decode("latin-1")):
        return True
    start = nl + 1
    while (nl := buf.find(b"\n", start)) >= 0:
        line = buf[start:nl]
        if line.endswith(b"\r"):
            line = line[:-1]
        if line[:3] == code and line[3:4] in (b"", b" "):
            return True
        start = nl + 1
    return False


def reply_text(resp: str, sep: str = " ") -> str:
    """A reply without its code(s): what the server said, for a message; a multi-line reply's lines joined by
    ``sep``."""
    if "\n" not in resp:  # (most replies: one line)
        return (resp[4:] if is_reply_code(resp[:3]) else resp).strip()
    lines = resp.split("\n")
    out = []
    for i, line in enumerate(lines):
        if (i == 0 or i == len(lines) - 1) and is_reply_code(line[:3]):
            line = line[4:]
        out.append(line.strip())
    return sep.join(x for x in out if x)
