"""The words: one sentence per diagnosis cause and per kind of failure, for the CLI and the GUI.

The engine reports codes and facts; this module turns them into sentences. The GUI installs a
translator (``set_translator``) so the same sentences appear in the person's language; the CLI prints
them as they are. Sentences are hedged where the client cannot know for sure.
"""

from __future__ import annotations

import errno
import os
import socket
from typing import Any, Dict, Optional

from .causewords import (  # (the words for a data connection's failure: from here, as before)
    _ADVISED,
    _ENDED,
    _OTHER_MODE,
    _THEN,
    CLI,
    CLI_VERBOSE,
    CONTEXT,
    QT_TRANSLATE_NOOP,
    WINDOW,
    _cause_words,
    cause_words,
    explain_cause,
    tr,
)
from .causewords import _CAUSES as _CAUSES  # (re-exported: explain's words, as before causewords.py)
from .causewords import _CAUSES_AT_STAGE as _CAUSES_AT_STAGE
from .causewords import BUNDLE as BUNDLE
from .causewords import then_cause as then_cause
from .ftp import errors as e
from .ftp.safetext import dated, shown
from .ftp.url import UrlError
from .words import Words, plain, say, tidy
from .words import set_translator as set_translator  # (the app and the tests set it here, as before words.py)


def translate(context: str, text: str) -> str:
    """Like ``QCoreApplication.translate``; lupdate reads the literal ``translate("ctx", "text")`` calls."""
    return say(context, text)


class WordedError(ValueError):
    """A failure told by an English template and its values: ``str()`` gives the English (for logs and the
    CLI), ``text()`` the person's language. Mark the template with ``QT_TRANSLATE_NOOP("explain", …)``."""

    def __init__(self, template: str, **values: object):
        self.template, self.values = template, values
        super().__init__(template.format(**values))

    def text(self) -> str:
        return tr(self.template).format(**self.values)

    def words(self) -> Words:
        return Words(CONTEXT, self.template, **self.values)


# The operating system's own words for its errors (its strerror), in the person's language: the English is
# Linux's text, so English messages read as before.
_ERRNO_WORDS: Dict[int, str] = {
    errno.ECONNREFUSED: QT_TRANSLATE_NOOP("explain", "Connection refused"),
    errno.ECONNRESET: QT_TRANSLATE_NOOP("explain", "Connection reset by peer"),
    errno.ECONNABORTED: QT_TRANSLATE_NOOP("explain", "Software caused connection abort"),
    errno.ETIMEDOUT: QT_TRANSLATE_NOOP("explain", "Connection timed out"),
    errno.EHOSTUNREACH: QT_TRANSLATE_NOOP("explain", "No route to host"),
    errno.EHOSTDOWN: QT_TRANSLATE_NOOP("explain", "Host is down"),
    errno.ENETUNREACH: QT_TRANSLATE_NOOP("explain", "Network is unreachable"),
    errno.ENETDOWN: QT_TRANSLATE_NOOP("explain", "Network is down"),
    errno.EADDRNOTAVAIL: QT_TRANSLATE_NOOP("explain", "Cannot assign requested address"),
    errno.EADDRINUSE: QT_TRANSLATE_NOOP("explain", "Address already in use"),
    errno.EPIPE: QT_TRANSLATE_NOOP("explain", "Broken pipe"),
    errno.EACCES: QT_TRANSLATE_NOOP("explain", "Permission denied"),
    errno.EPERM: QT_TRANSLATE_NOOP("explain", "Operation not permitted"),
    errno.ENOSPC: QT_TRANSLATE_NOOP("explain", "No space left on device"),
    errno.EDQUOT: QT_TRANSLATE_NOOP("explain", "Disk quota exceeded"),
    errno.EROFS: QT_TRANSLATE_NOOP("explain", "Read-only file system"),
    errno.ENOENT: QT_TRANSLATE_NOOP("explain", "No such file or directory"),
    errno.EEXIST: QT_TRANSLATE_NOOP("explain", "File exists"),
    errno.EISDIR: QT_TRANSLATE_NOOP("explain", "Is a directory"),
    errno.ENOTDIR: QT_TRANSLATE_NOOP("explain", "Not a directory"),
    errno.ENOTEMPTY: QT_TRANSLATE_NOOP("explain", "Directory not empty"),
    errno.ENAMETOOLONG: QT_TRANSLATE_NOOP("explain", "File name too long"),
    errno.EMFILE: QT_TRANSLATE_NOOP("explain", "Too many open files"),
    errno.EIO: QT_TRANSLATE_NOOP("explain", "Input/output error"),
}
# Name lookup's own codes (socket.gaierror), not errno values.
_GAI_WORDS: Dict[int, str] = {
    socket.EAI_NONAME: QT_TRANSLATE_NOOP("explain", "Name or service not known"),
    socket.EAI_AGAIN: QT_TRANSLATE_NOOP("explain", "Temporary failure in name resolution"),
    socket.EAI_FAIL: QT_TRANSLATE_NOOP("explain", "Non-recoverable failure in name resolution"),
}


# the same words found by the system's English text (an engine error raised ``from None`` keeps only its
# strerror as ``reason``, and an event's values are text: design note 256)
_STRERROR_WORDS: Dict[str, str] = {os.strerror(n): text for n, text in _ERRNO_WORDS.items()}

# OpenSSL's verify errors (X509_V_ERR_…) in plain words; OpenSSL's own text is said after them (design note 256)
_ISSUER_UNKNOWN = QT_TRANSLATE_NOOP("explain", "it is not signed by a certificate authority trusted here")
_VERIFY_WORDS: Dict[int, str] = {
    18: QT_TRANSLATE_NOOP("explain", "it is self-signed: no certificate authority vouches for it"),
    19: QT_TRANSLATE_NOOP("explain", "its chain ends in a self-signed certificate not trusted here"),
    10: QT_TRANSLATE_NOOP("explain", "it has expired"),
    9: QT_TRANSLATE_NOOP("explain", "it is not valid yet"),
    2: _ISSUER_UNKNOWN,
    20: _ISSUER_UNKNOWN,
    21: _ISSUER_UNKNOWN,
    62: QT_TRANSLATE_NOOP("explain", "it is for another host name than the server's"),
    64: QT_TRANSLATE_NOOP("explain", "it is for another address than the server's"),
}


def certificate_problem(info: Any) -> str:
    """Why a certificate failed verification (an ``UntrustedCertificate``'s ``verify_code`` and ``reason``), in
    the person's language, OpenSSL's own words kept after it."""
    return _problem_words(info).text()


def _problem_words(info: Any) -> Words:
    reason = str(getattr(info, "reason", "") or "")
    template = _VERIFY_WORDS.get(getattr(info, "verify_code", None))  # type: ignore[arg-type]
    if template is None:
        return plain(reason)
    said = QT_TRANSLATE_NOOP("explain", "{problem}; OpenSSL: {reason}")
    return Words(CONTEXT, said, problem=Words(CONTEXT, template), reason=reason)


def engine_sentence(template: str, values: Dict[str, Any]) -> str:
    """An engine template (``QT_TRANSLATE_NOOP("engine", …)``) and its values — an event's — in the person's
    language, the operating system's reason in it too."""
    return _template_words(template, dict(values), None).text()


def os_words(exc: Optional[BaseException]) -> Optional[str]:
    """The operating system's error behind ``exc`` (itself or the OS error it was raised from), in the
    person's language; ``None`` when there is none or it is not one the table knows."""
    words = _os_said(exc)
    return None if words is None else words.text()


def _os_said(exc: Optional[BaseException]) -> Optional[Words]:
    seen = 0
    while exc is not None and seen < 5:
        if isinstance(exc, socket.gaierror) and exc.errno in _GAI_WORDS:
            return Words(CONTEXT, _GAI_WORDS[exc.errno])
        if isinstance(exc, OSError) and exc.errno in _ERRNO_WORDS:
            return Words(CONTEXT, _ERRNO_WORDS[exc.errno])
        exc = exc.__cause__
        seen += 1
    return None


def byte_count(n: int) -> str:
    """``22138880`` → "21.1 MiB (22,138,880 bytes)"; small counts just "512 bytes"."""
    return _byte_words(n).text()


def _byte_words(n: int) -> Words:
    if n < 1024:
        return Words(CONTEXT, QT_TRANSLATE_NOOP("explain", "{n} bytes"), n=f"{n:,}")
    value, units = n / 1024, ["KiB", "MiB", "GiB", "TiB"]
    while value >= 1024 and len(units) > 1:
        value /= 1024
        units.pop(0)
    unit = units[0]
    return Words(CONTEXT, QT_TRANSLATE_NOOP("explain", "{size} ({n} bytes)"), size=f"{value:.1f} {unit}", n=f"{n:,}")


# The engine's messages that count bytes, said with the count readable (the engine's own English, for logs
# and the CLI, keeps the plain number): engine template → this module's template, and which values are counts.
_BYTE_TEMPLATES = {
    "Cancelled after {done} bytes.": (QT_TRANSLATE_NOOP("explain", "Cancelled after {done}."), ("done",)),
    "The download is incomplete: {got} of {total} bytes.": (
        QT_TRANSLATE_NOOP("explain", "The download is incomplete: {got} of {total}."),
        ("got", "total"),
    ),
    # the free-space check's (design note 433: "需要 20000000 字节，可用 5242880 字节" in the queue's tooltip)
    "Not enough space in {path}: {needed} bytes needed, {free} bytes free.": (
        QT_TRANSLATE_NOOP("explain", "Not enough space in {path}: {needed} needed, {free} free."),
        ("needed", "free"),
    ),
    "Not enough space in {path} while other downloads are under way: {needed} bytes needed, {free} bytes free, "
    "{held} bytes of them still to be written by the other downloads. Retry once they have finished.": (
        QT_TRANSLATE_NOOP(
            "explain",
            "Not enough space in {path} while other downloads are under way: {needed} needed, {free} free, {held} "
            "of them still to be written by the other downloads. Retry once they have finished.",
        ),
        ("needed", "free", "held"),
    ),
}


def describe_error(exc: BaseException, shown_in: str = WINDOW) -> str:
    """A one-line message for any failure, in words a person understands, shown where ``shown_in`` says."""
    return error_words(exc, shown_in).text()


def error_words(exc: BaseException, shown_in: str = WINDOW) -> Words:
    """``describe_error``'s message, not yet said in a language (kept so, it is said in the language of the
    moment it is shown: a queue item's failure)."""
    if _os_errno(exc) == errno.ENOSPC:
        full = Words(CONTEXT, QT_TRANSLATE_NOOP("explain", "Disk full: there is no space left on the device."))
        return Words(None, "{said} ({detail})", said=full, detail=_os_detail(exc))
    if isinstance(exc, e.DataConnectionError):
        if exc.earlier is not None:  # auto mode: passive failed, then active too (design note 293)
            both = QT_TRANSLATE_NOOP(
                "explain",
                "Neither mode worked, so switching modes does not help here. Passive mode: {passive} Then active "
                "mode: {active}",
            )
            passive = _data_failure_words(exc.earlier, shown_in, advise=False)
            return Words(CONTEXT, both, passive=passive, active=_data_failure_words(exc, shown_in, advise=False))
        return _data_failure_words(exc, shown_in)
    if isinstance(exc, e.AccountNeeded):
        how = Words(CONTEXT, _ACCOUNT_HOW.get(shown_in, _ACCOUNT_HOW[WINDOW]))
        return _then_words(exc, how)
    if isinstance(exc, e.UntrustedCertificate):
        return Words(
            CONTEXT,
            QT_TRANSLATE_NOOP(
                "explain",
                "The certificate of {host} port {port} is not trusted ({reason}): subject {subject}, issuer "
                "{issuer}, valid from {not_before} to {not_after}, SHA-256 fingerprint {fingerprint}.",
            ),
            host=exc.host,
            port=exc.port,
            reason=_problem_words(exc),
            subject=shown(exc.subject or "?"),  # (the server's: a line break in its CN is no line of the log's)
            issuer=shown(exc.issuer or "?"),
            not_before=_when(exc.not_before),
            not_after=_when(exc.not_after),
            fingerprint=exc.fingerprint,
        )
    if isinstance(exc, e.LoginError):
        login = QT_TRANSLATE_NOOP("explain", "Login failed: the server did not accept the user name or password.")
        return Words(None, "{said} ({code} {text})", said=Words(CONTEXT, login), code=exc.code, text=exc.text)
    if isinstance(exc, (e.FtpError, UrlError)):
        return _engine_words(exc)
    own_words = getattr(exc, "words", None)  # PreferencesError, FilterError: a template of explain's
    if callable(own_words):
        return own_words()
    own_text = getattr(exc, "text", None)  # PasswordUnavailable: said now, in the language of now
    if callable(own_text):
        return plain(own_text())
    if isinstance(exc, OSError):
        return _os_detail(exc)
    return plain(str(exc) or type(exc).__name__)


# how to give the account a server asks for (332), where the words are shown: the sites keep none yet
_ACCOUNT_HOW = {
    WINDOW: QT_TRANSLATE_NOOP(
        "explain", "ftpgui's sites cannot hold an account yet; ftpgui-cli can send one (--account)."
    ),
    CLI: QT_TRANSLATE_NOOP("explain", "Give it with --account ACCOUNT (or in FTPGUI_ACCOUNT)."),
}
_ACCOUNT_HOW[CLI_VERBOSE] = _ACCOUNT_HOW[CLI]


def _data_failure_words(exc: e.DataConnectionError, shown_in: str, advise: bool = True) -> Words:
    """A data connection's failure: the engine's words, then its cause's (``cause_words``) as a sentence of
    their own — a server's reply at the end of the first ("…: 127,0,0,1,0,0") ran into the next sentence."""
    cause = cause_words(exc.mode, exc.cause, stage=exc.stage, shown_in=shown_in, named=exc.named, advise=advise)
    return _then_words(exc, cause)


def _then_words(exc: Exception, after: Words) -> Words:
    """``exc``'s words and ``after`` them as a sentence of their own (a period between where they end in none)."""
    if str(exc).rstrip().endswith(_ENDED):
        return Words(None, "{said} {cause}", said=_engine_words(exc), cause=after)
    return Words(CONTEXT, _THEN, said=_engine_words(exc), cause=after)


def _os_detail(exc: BaseException) -> Words:
    """An OS error's text in the person's language, with the file it concerns; an engine error as it says."""
    if isinstance(exc, OSError):
        words = _os_said(exc) or exc.strerror or str(exc)
        if getattr(exc, "filename", None):
            return Words(None, "{words}: {file}", words=words, file=exc.filename)
        return words if isinstance(words, Words) else plain(words)
    return _engine_words(exc)


def _engine_words(exc: Exception) -> Words:
    """The engine's English template and its values, said in the person's language (else its English): the
    operating system's reason in that language too, byte counts readable."""
    template = getattr(exc, "template", None)
    if template is None:
        return plain(str(exc))
    return _template_words(template, dict(exc.values), exc.__cause__)


def _template_words(template: str, values: Dict[str, Any], cause: Optional[BaseException]) -> Words:
    if "reason" in values:
        reason = values["reason"]
        words = _STRERROR_WORDS.get(str(reason))
        values["reason"] = _os_said(cause) or (Words(CONTEXT, words) if words else reason)
    if template in _BYTE_TEMPLATES:
        own, counts = _BYTE_TEMPLATES[template]
        for name in counts:
            if isinstance(values.get(name), int):
                values[name] = _byte_words(values[name])
        return Words(CONTEXT, own, **values)
    return Words("engine", template, **values)


def _when(moment) -> str:
    return dated(moment, "%Y-%m-%d %H:%M UTC") if moment is not None else "?"


def _os_errno(exc: Optional[BaseException]) -> Optional[int]:
    """The errno of ``exc`` or of the OS error it was raised from (a LocalFileError wraps one)."""
    seen = 0
    while exc is not None and seen < 5:
        if isinstance(exc, OSError) and exc.errno is not None:
            return exc.errno
        exc = exc.__cause__
        seen += 1
    return None


_FINDINGS = {
    "pasv-address": QT_TRANSLATE_NOOP(
        "explain",
        "PASV advertises {advertised}, not the address you reached ({reached}); clients that use PASV and "
        "trust its address will time out. ftpgui copes (it connects to the address it reached), but the "
        "server's passive address setting should be corrected.",
    ),
}
# the same finding where ftpgui's own PASV attempt failed too (for another reason, said above it): no "copes"
_FINDINGS_NOT_COPED = {
    "pasv-address": QT_TRANSLATE_NOOP(
        "explain",
        "PASV advertises {advertised}, not the address you reached ({reached}); clients that use PASV and "
        "trust its address will time out. ftpgui connects to the address it reached instead, but its PASV "
        "attempt failed too (see above); the server's passive address setting should be corrected as well.",
    ),
}


def explain_finding(code: str, advertised: str = "", reached: str = "", coped: bool = True) -> str:
    """One sentence on a finding of the diagnosis; ``coped``: ftpgui's own attempt went through all the same."""
    text = (_FINDINGS if coped else _FINDINGS_NOT_COPED).get(
        code, QT_TRANSLATE_NOOP("explain", "The diagnosis noted {code}.")
    )
    return tr(text).format(advertised=advertised, reached=reached, code=code)


# --- what the diagnosis adds: the addresses a refused PORT named, and a hedge on timeouts -----------------
_NAT_NAMED = QT_TRANSLATE_NOOP(
    "explain",
    "Our PORT/EPRT named {advertised}; this computer's own address is {local}.",
)
_TIMEOUT_HEDGE = QT_TRANSLATE_NOOP(
    "explain",
    "A timeout is most likely a firewall, or a routing problem; from here ftpgui cannot tell which.",
)


def explain_result(result, other_works: Optional[bool] = None, shown_in: str = WINDOW) -> str:
    """The sentence for one diagnosis result (a ``ModeResult``): its cause in the words a live session's
    failure gets (``explain_cause``, shown where ``shown_in`` says), with the addresses a refused PORT named,
    hedged where all we saw was a timeout, and then advice about the other mode from ``other_works``, its
    real result (None: not tried) — never "use the other mode" when it failed too."""
    if result.ok:
        return explain_cause(result.mode, result.cause if result.cause == "nat-address" else None)
    cause = result.cause or "other"
    parts = [_cause_words(result.mode, cause, result.stage, shown_in)]
    if cause == "client-nat" and result.nat:
        parts.append(tr(_NAT_NAMED).format(advertised=result.nat["advertised"], local=result.nat["control_local"]))
    if result.timed_out and cause in ("server-firewall", "client-firewall", "client-nat"):
        parts.append(tr(_TIMEOUT_HEDGE))
    advice = _OTHER_MODE.get((result.mode, other_works)) if cause in _ADVISED else None
    if advice:
        parts.append(tr(advice))
    return tidy(" ".join(parts))
