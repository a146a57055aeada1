"""``ftp://user:password@host[:port]/path`` (and ``ftpes://``, ``ftps://``), percent-decoded as RFC 3986 says.

The scheme says how TLS is used, as in FileZilla: ``ftp://`` is FTP over TLS if available (the caller's
default), ``ftpes://`` explicit TLS required, ``ftps://`` implicit TLS (port 990 unless given).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional
from urllib.parse import unquote, urlsplit

from .errors import QT_TRANSLATE_NOOP, worded
from .replies import check_argument

SCHEMES = ("ftp", "ftpes", "ftps")
SCHEME_TLS = {"ftpes": "require", "ftps": "implicit"}  # the engine's ``tls`` for each; ftp:// is the caller's
TLS_SCHEME = {tls: scheme for scheme, tls in SCHEME_TLS.items()}  # the engine's ``tls`` → its URL's scheme


def scheme_for(tls: str) -> str:
    """The scheme of a URL for a connection made with the engine's ``tls``: ``ftps://`` for implicit TLS,
    ``ftpes://`` for TLS required, else ``ftp://`` (TLS if available, or none)."""
    return TLS_SCHEME.get(tls, "ftp")


def default_port(scheme: str) -> int:
    """The port a URL of ``scheme`` means when it names none: 990 for ``ftps://``, else 21."""
    return 990 if scheme == "ftps" else 21


class UrlError(ValueError):
    """The text is not an FTP URL this client can use."""


@dataclass(frozen=True)
class FtpUrl:
    """A parsed FTP URL. ``path`` is absolute (from the server's root) or "" for the login directory;
    ``/~/x`` means ``x`` relative to the login directory."""

    scheme: str
    host: str
    port: int
    user: Optional[str]
    password: Optional[str] = field(repr=False)  # a repr lands in tracebacks and logs
    path: str

    @property
    def implicit_tls(self) -> bool:
        return self.scheme == "ftps"

    def tls(self, default: str = "auto") -> str:
        """The engine's ``tls`` setting this URL asks for; ``default`` for ``ftp://``."""
        return SCHEME_TLS.get(self.scheme, default)

    def with_path(self, path: str) -> FtpUrl:
        return FtpUrl(self.scheme, self.host, self.port, self.user, self.password, path)

    def display(self) -> str:
        """The URL without its password, for messages and logs."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        user = f"{self.user}@" if self.user else ""
        port = f":{self.port}" if self.port != default_port(self.scheme) else ""
        return f"{self.scheme}://{user}{host}{port}{self.path or '/'}"


# None of these quotes the URL: with an unescaped "#", "/", "?" or "@" in a password, a piece of it lands in
# the host, the port, the path or the fragment. Each says how to escape them instead.
_UNREADABLE = QT_TRANSLATE_NOOP(
    "engine",
    "The URL's host or port cannot be read. In a user name or password, write # as %23, / as %2F, ? as %3F "
    "and @ as %40.",
)
_HASH = QT_TRANSLATE_NOOP(
    "engine",
    "The URL contains #, which an FTP URL cannot carry. In a user name, password or path, write # as %23 "
    "(and / as %2F, ? as %3F, @ as %40 in a user name or password).",
)
_QUESTION = QT_TRANSLATE_NOOP(
    "engine",
    "The URL contains ?, which an FTP URL cannot carry. In a user name, password or path, write ? as %3F "
    "(and # as %23, / as %2F, @ as %40 in a user name or password).",
)
_AT_IN_PATH = QT_TRANSLATE_NOOP(
    "engine",
    "The URL has an @ after its host. In a path, write @ as %40; in a user name or password, write # as %23, "
    "/ as %2F, ? as %3F and @ as %40.",
)
_NO_HOST = QT_TRANSLATE_NOOP(
    "engine",
    "The URL names no host. In a user name or password, write # as %23, / as %2F, ? as %3F and @ as %40.",
)


def parse_url(text: str) -> FtpUrl:
    """``text`` as an :class:`FtpUrl`; :class:`UrlError` when it is not one. No error quotes the URL's
    user information: with an unescaped ``#``, ``/``, ``?`` or ``@`` in a password, part of it could
    land in the host, the port or the path."""
    if "#" in text:  # an FTP URL has no fragment: "#" is a password's (or a name's) character, unescaped
        raise worded(UrlError, _HASH)
    if "?" in text:  # nor a query
        raise worded(UrlError, _QUESTION)
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError:  # its reason quotes the port or the whole netloc: never shown
        raise worded(UrlError, _UNREADABLE) from None
    scheme = parts.scheme.lower()
    if scheme not in SCHEMES:
        if not text[len(scheme) :].startswith("://") or len(scheme) > 16:  # "user:pass@host" is no scheme
            raise worded(UrlError, QT_TRANSLATE_NOOP("engine", "Only ftp://, ftpes:// and ftps:// URLs are supported."))
        raise worded(
            UrlError,
            QT_TRANSLATE_NOOP("engine", "Only ftp://, ftpes:// and ftps:// URLs are supported, not {scheme}"),
            scheme=repr(scheme or "a bare name"),
        )
    if "@" not in parts.netloc and "@" in parts.path:
        # "ftp://bob:12/34@host/": bob would be the host and 12 the port — a password cut at "/"
        raise worded(UrlError, _AT_IN_PATH)
    if not parts.hostname:
        raise worded(UrlError, _NO_HOST)
    user = unquote(parts.username) if parts.username is not None else None
    password = unquote(parts.password) if parts.password is not None else None
    path = unquote(parts.path, errors="surrogateescape")  # %FF: that byte, sent as is (not U+FFFD)
    if path.startswith("/~/") or path == "/~":
        path = path[3:]
    for value in (user, password, path, parts.hostname):
        if value:
            try:
                check_argument(value)
            except ValueError:
                raise worded(
                    UrlError, QT_TRANSLATE_NOOP("engine", "The URL contains CR, LF or NUL, which FTP cannot carry.")
                ) from None
    return FtpUrl(
        scheme=scheme,
        host=parts.hostname,
        port=port or default_port(scheme),
        user=user or None,
        password=password,
        path=path,
    )
