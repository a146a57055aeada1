"""The engine's one small exception hierarchy.

Every message is a sentence a person can read; callers that want other wording (or a translation) use
the attributes, not the text.
"""

from __future__ import annotations

import re
from typing import Any, ClassVar, Dict, Optional, Type, TypeVar

from .safetext import mask_secrets


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Marks a message template for Qt's lupdate; the engine itself never imports Qt (see ``worded``)."""
    return text


# a transfer the server ended with its own reply (a quota, a full disk, a size limit): the queue's State column
# says that reply, the sentence around it stays in the tooltip (``transfers.cellwords.why``; here, not in
# ``rawtransfer``, so that the window's first import does not load the data path, TLS and ftplib)
SERVER_FAILED = QT_TRANSLATE_NOOP("engine", "The server reported the transfer as failed: {code} {text}")
BROKE_WITH_REPLY = QT_TRANSLATE_NOOP("engine", "The data connection broke: {reason} (server: {reply})")


class FtpError(Exception):
    """Base of everything the engine raises on purpose. ``template`` and ``values``, when set, let a caller
    say the message in another language (``ftpgui.explain.describe_error``); ``str()`` is the English."""

    template: Optional[str] = None
    values: ClassVar[Dict[str, Any]] = {}  # set per instance by ``worded``


E = TypeVar("E", bound=Exception)


def worded(cls: Type[E], template: str, _init: Optional[Dict[str, Any]] = None, **values: Any) -> E:
    """``cls`` with the English message ``template.format(**values)``, keeping both for translation."""
    values = {k: mask_secrets(v) if isinstance(v, str) else v for k, v in values.items()}  # (a server's words)
    exc = cls(template.format(**values), **(_init or {}))
    exc.template, exc.values = template, values
    return exc


def counted(n: float, one: str, many: str) -> str:
    """The template for a count of ``n``: ``one``, its own sentence, when ``n`` is 1 (languages say "1 second" and
    "2 seconds" differently: "within 1 seconds" was said), else ``many``, which has the count's field."""
    return one if n == 1 else many


class UnexpectedError(FtpError):
    """Something no check foresaw (a bug, or a condition nobody thought of) stopped one piece of work; the
    exception is its ``__cause__``. Raised by ``unexpected`` where a worker turns it into one item's failure."""


UNEXPECTED = QT_TRANSLATE_NOOP(
    "engine", "Unexpected error ({kind}: {detail}). This may be a bug in ftpgui; please report it."
)


def unexpected(exc: BaseException) -> UnexpectedError:
    """``exc``, which no code expected, as a failure in words; the worker that caught it carries on."""
    try:
        detail = str(exc)[:300]
    except Exception:  # an exception whose message itself fails
        detail = ""
    error = worded(UnexpectedError, UNEXPECTED, kind=type(exc).__name__, detail=detail or "-")
    error.__cause__ = exc
    return error


class UnsafeArgument(FtpError, ValueError):
    """An argument would smuggle a second command (CR, LF or NUL); nothing was sent."""


NOT_CONNECTED = QT_TRANSLATE_NOOP("engine", "Not connected.")


class ConnectError(FtpError):
    """The server could not be reached (name lookup, refused, timed out)."""


class ConnectionLost(FtpError):
    """The control connection ended; the session must reconnect before its next command. ``silent``: it ended
    because the server said nothing at all within the timeout — stopped or hung, not gone — where each later
    command would wait as long (``procpool.Retries`` stops trying files on a connection that met it twice)."""

    def __init__(self, message: str, code: Optional[int] = None, silent: bool = False) -> None:
        super().__init__(message)
        self.code = code
        self.silent = silent


class ProtocolError(FtpError):
    """The server broke the protocol: an unreadable reply, a line too long, a reply too big."""


# words a refusal about continuing carries (proftpd: "Append/Restart not permitted"); not "rest" nor "offset",
# which ordinary I/O errors carry ("write error at offset N": a resumable failure, not a refusal - the review)
_ABOUT_RESTART = re.compile(r"restart|resum", re.IGNORECASE)


SHOWN_REPLY = 1000  # characters of a refusal's reply an error carries (the log has every line)


class ReplyError(FtpError):
    """A command was answered with a 4xx/5xx (or an unexpected) reply."""

    def __init__(self, command: str, code: int, text: str) -> None:
        self.command = command
        self.code = code
        text = mask_secrets(text)  # (a server may echo a password back)
        if len(text) > SHOWN_REPLY:  # a reply of thousands of lines was one error line of a megabyte (found by QA)
            text = f"{text[:SHOWN_REPLY]}… ({len(text) - SHOWN_REPLY} more characters)"
        self.text = text
        words = command.split(" ", 2)
        verb = " ".join(words[:2]) if words[0].upper() == "SITE" else words[0]  # ("SITE UTIME": not "SITE" alone)
        self.template = QT_TRANSLATE_NOOP("engine", "The server refused {verb}: {code} {text}")
        if verb.upper() == "SITE CHMOD":  # (vsftpd's anonymous login: "refused SITE" said nothing - note 243)
            self.template = QT_TRANSLATE_NOOP("engine", "The server refused to change permissions: {code} {text}")
        if not command:  # no command sent yet: the greeting said no ("500 go away" read as a refused command)
            self.template = QT_TRANSLATE_NOOP(
                "engine", "The server refused the connection in its greeting: {code} {text}"
            )
        self.values = {"verb": verb, "code": code, "text": text}
        super().__init__(self.template.format(**self.values).rstrip())

    @property
    def temporary(self) -> bool:
        return 400 <= self.code < 500

    @property
    def restart_refused(self) -> bool:
        """Whether this refusal, to a transfer from a byte offset, is about continuing at all — REST itself,
        or the RETR/STOR/APPE after it (proftpd without AllowStoreRestart: ``451 f: Append/Restart not
        permitted, try again``; APPE not implemented) — so the whole file from its first byte can go through."""
        verb, _, arg = self.command.partition(" ")
        verb = verb.upper()
        if verb == "REST":
            return True
        if verb not in ("RETR", "STOR", "APPE"):
            return False
        text = self.text.replace(arg, "") if arg else self.text  # (the file's name is no reason)
        return self.code in (500, 502, 504, 554) or _ABOUT_RESTART.search(text) is not None


class LoginError(ReplyError):
    """The server did not accept the user name or password."""

    def __init__(self, command: str, code: int, text: str) -> None:
        super().__init__(command, code, text)
        self.args = (f"Login failed: {code} {self.text}".rstrip(),)


class AccountNeeded(FtpError):
    """The server asked for an account at login (ACCT: a 332) and none was given: no empty ACCT is sent
    (it was, and the server's refusal of it was all that was said: design note 296)."""


ACCOUNT_NEEDED = QT_TRANSLATE_NOOP(
    "engine",
    "The server asks for an account (ACCT) besides the user name and password, and none was given: {code} {text}",
)


class LinkLeadsNowhere(ReplyError):
    """A symbolic link chosen on its own leads to no folder the session can enter (CWD) and to no file it can
    download: RETR's refusal (``refused``), in words that say what was tried (design note 204)."""

    def __init__(self, refused: ReplyError) -> None:
        super().__init__(refused.command, refused.code, refused.text)
        self.template = QT_TRANSLATE_NOOP(
            "engine",
            "The symbolic link leads to no folder this session can enter and to no file it can download (its "
            "target may be missing): the server refused RETR: {code} {text}",
        )
        self.args = (self.template.format(**self.values).rstrip(),)


class NoWayBack(FtpError):
    """A folder to be worked in from inside (``FtpSession.inside``: LIST would misread its path) was given by a
    path relative to the login folder, on a server that answers no PWD: once in it, this session could not find
    that login folder again. Nothing was listed (design note 236)."""


class DataConnectionError(FtpError):
    """A data connection could not be made, or broke during the transfer.

    ``stage`` says where (command, connect, accept, tls, transfer) and ``cause`` why, in the diagnosis
    vocabulary of DESIGN.md.
    """

    def __init__(
        self,
        message: str,
        *,
        mode: str,
        stage: str,
        cause: str,
        code: Optional[int] = None,
        named: Optional[str] = None,
    ):
        super().__init__(message)
        self.mode = mode
        self.stage = stage
        self.cause = cause
        self.code = code
        # passive: the host the server's reply named when another was dialled (a 227's other host, never dialled)
        self.named = named
        # auto mode: the passive failure before the switch to active mode, when active mode failed too
        self.earlier: Optional[DataConnectionError] = None


class TransferFailed(FtpError):
    """The server reported the transfer as failed (426, 451…) or the data was incomplete."""

    def __init__(self, message: str, code: Optional[int] = None, received: int = 0) -> None:
        super().__init__(message)
        self.code = code
        self.received = received


class Cancelled(FtpError):
    """The transfer was cancelled by the caller; ``done`` bytes had moved."""

    def __init__(self, message: str = "Cancelled.", done: int = 0) -> None:
        super().__init__(message)
        self.done = done


class LocalFileError(FtpError):
    """A local file could not be read or written (disk full, permission denied…)."""


class ResumeThroughLink(LocalFileError):
    """Resume was the answer for a download whose local target is a symbolic link: nothing is written through a
    link, so nothing is continued; the link and the file it leads to are left as they are (design note 372)."""


class SourceChanged(LocalFileError):
    """An upload's local file changed (size or time) while it was read: what the server has is no copy of it."""


class NotResumable(FtpError):
    """A resume found no start of the source at the target — the target is larger than the source, or no size
    of the source says — and wrote nothing: the target is left as it is (it was written from its first byte,
    a file nobody chose to replace; design note 171)."""


def not_resumable(path: str, have: int, total: Optional[int]) -> NotResumable:
    """A resumed download: the local file ``path`` of ``have`` bytes is no start of the server's file of ``total``
    bytes (None: unknown)."""
    if total is None:
        return worded(
            NotResumable,
            QT_TRANSLATE_NOOP(
                "engine",
                "The server gave no size for the file, so nothing says that {path} is the start of it: it was not "
                "resumed, and it is left as it is.",
            ),
            path=path,
        )
    return worded(
        NotResumable,
        QT_TRANSLATE_NOOP(
            "engine",
            "{path} is larger than the server's file ({have} bytes, the server's {total}): it is not the start of "
            "it, so it was not resumed, and it is left as it is.",
        ),
        path=path,
        have=have,
        total=total,
    )


def not_uploaded(remote: str, path: str, have: Optional[int], total: int) -> NotResumable:
    """A resumed upload: the server's file ``remote`` of ``have`` bytes is no start of ``path`` of ``total`` — or
    ``have`` is None: the server has the file and says no byte count of it (SIZE's 213 holds none, note 336)."""
    if have is None:
        return worded(
            NotResumable,
            QT_TRANSLATE_NOOP(
                "engine",
                "The server has {remote} but does not say its size, so nothing says where {path} would continue: "
                "it was not resumed, and the server's file is left as it is (upload without resuming to replace it).",
            ),
            remote=remote,
            path=path,
        )
    return worded(
        NotResumable,
        QT_TRANSLATE_NOOP(
            "engine",
            "The server's file {remote} is larger than {path} ({have} bytes, the local file's {total}): it is not "
            "the start of it, so it was not resumed, and it is left as it is.",
        ),
        remote=remote,
        path=path,
        have=have,
        total=total,
    )


class SizeExceeded(ProtocolError):
    """A download's server sent more bytes than the size it announced; the rest was not written."""

    def __init__(self, message: str, received: int = 0) -> None:
        super().__init__(message)
        self.received = received


class UnsafePath(FtpError):
    """A name from the server cannot safely become a local path."""

    def __init__(self, name: str, reason: str, template: Optional[str] = None) -> None:
        """``template`` (``"Unsafe name {name!r}: " + reason``, marked for translation) lets it be translated."""
        super().__init__(f"Unsafe name {name!r}: {reason}")
        self.name = name
        self.reason = reason
        if template is not None:
            self.template, self.values = template, {"name": name}


class LocalLink(UnsafePath):
    """A symbolic link in the folder a download writes to (``name``, in ``folder``), where a file or folder of
    the download goes, leads out of it: nothing is written through it. The server's name is fine."""

    def __init__(self, message: str, name: str, folder: str) -> None:
        FtpError.__init__(self, message)
        self.name, self.folder = name, folder
        self.reason = "a symbolic link there leads outside the target folder"


class TlsError(FtpError):
    """TLS could not be set up, or the server tried to get around it (a refused AUTH under ``require``,
    bytes smuggled in before the handshake, a data connection with another certificate)."""


class TlsDowngrade(TlsError):
    """A server that spoke TLS with a certificate that could not be verified refused (or failed) TLS on the
    connection made to read that certificate again: never to be answered with plain FTP."""


class TlsRefused(TlsError):
    """``tls="require"``: the server answered AUTH TLS with an error (``code``, ``text``): it does not offer
    TLS, and the connection ended before USER. The one TLS failure a person may choose to go on from in plain
    text — only after a 5xx (``permanent``): a 4xx says "not now", and a server that answered 234 and then
    failed the handshake did offer TLS (going on in plain text then is the downgrade an attacker wants)."""

    def __init__(self, message: str, *, code: int, text: str) -> None:
        super().__init__(message)
        self.code = code
        self.text = text

    @property
    def permanent(self) -> bool:
        return 500 <= self.code < 600


class TlsUnavailable(TlsError):
    """``tls="auto"`` found no TLS and the caller's ``allow_plain`` said no: the connection ended before USER,
    so nothing about the account crossed. ``reason`` is "not-offered" (FEAT lists no AUTH) or "refused"
    (AUTH TLS was answered with an error, ``reply``: its code and text)."""

    def __init__(self, message: str, *, host: str, port: int, reason: str, reply: str = "") -> None:
        super().__init__(message)
        self.host = host
        self.port = port
        self.reason = reason
        self.reply = reply


class UntrustedCertificate(TlsError):
    """The server's certificate failed verification; the caller decides whether to trust its fingerprint.

    Carries what a person needs to decide: ``subject``, ``issuer``, ``not_before``/``not_after`` (UTC, or
    None when unreadable), the SHA-256 ``fingerprint`` (``AB:CD:…``) and OpenSSL's ``reason`` (and its ``verify_code``).
    """

    def __init__(
        self,
        *,
        host: str,
        port: int,
        subject: str,
        issuer: str,
        not_before,
        not_after,
        fingerprint: str,
        reason: str,
        verify_code: Optional[int] = None,
    ) -> None:
        super().__init__(
            f"The certificate of {host} port {port} is not trusted: {reason} "
            f"(subject {subject or '?'}, issuer {issuer or '?'}, SHA-256 {fingerprint})."
        )
        self.host = host
        self.port = port
        self.subject = subject
        self.issuer = issuer
        self.not_before = not_before
        self.not_after = not_after
        self.fingerprint = fingerprint
        self.reason = reason
        self.verify_code = verify_code  # OpenSSL's X509_V_ERR_… number for ``reason`` (None: not known)


def retryable(exc: BaseException) -> bool:
    """A dropped or unreachable connection is worth trying again; a refusal or a local error is not. A
    reply's code decides where there is one — a 4xx is "not now", a 5xx "no", 452 a full disk — whether it
    came to a command, to the data connection's set-up or as a transfer's final reply; a data connection
    whose TLS failed (another certificate than the control connection's) is not tried again either."""
    code = getattr(exc, "code", None)
    if isinstance(exc, (ReplyError, DataConnectionError, TransferFailed)) and code is not None:
        return 400 <= code < 500 and code != 452  # 452: the server's disk is full
    if isinstance(exc, DataConnectionError):
        return exc.stage != "tls"
    return isinstance(exc, (ConnectionLost, ConnectError, TransferFailed, TimeoutError, ConnectionError))
