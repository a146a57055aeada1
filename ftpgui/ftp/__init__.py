"""The protocol engine: pure Python on ``ftplib``, no Qt. Everything it does is reported as events.

``FtpSession`` is loaded on first use (with it ``ftplib``, ``ssl`` and the listing parsers): what only
reads the events, the errors or the options — the first window — does without them.
"""

from typing import Any

from .errors import (
    Cancelled,
    ConnectError,
    ConnectionLost,
    DataConnectionError,
    FtpError,
    LocalFileError,
    LoginError,
    NotResumable,
    ProtocolError,
    ReplyError,
    TlsError,
    TlsRefused,
    TlsUnavailable,
    TransferFailed,
    UnexpectedError,
    UnsafeArgument,
    UnsafePath,
    UntrustedCertificate,
)
from .events import (
    CommandSent,
    ControlClosed,
    ControlConnected,
    ControlConnectFailed,
    ControlConnecting,
    DataChannelPlanned,
    DataClosed,
    DataConnected,
    DataFailed,
    Event,
    ModeFallback,
    ReplyReceived,
    TlsEstablished,
    TlsNotUsed,
    TransferProgress,
)
from .listing_base import Entry
from .options import SessionOptions
from .url import FtpUrl, UrlError, parse_url

# loaded on first use, not with the package: the connections (with TLS and the listing parsers), the tree walks
LOADED_LATER = ("ftpgui.ftp.session", "ftpgui.ftp.mirror")

__all__ = [
    "Cancelled",
    "CommandSent",
    "ConnectError",
    "ConnectionLost",
    "ControlClosed",
    "ControlConnectFailed",
    "ControlConnected",
    "ControlConnecting",
    "DataChannelPlanned",
    "DataClosed",
    "DataConnected",
    "DataConnectionError",
    "DataFailed",
    "Entry",
    "Event",
    "FtpError",
    "FtpSession",
    "FtpUrl",
    "LocalFileError",
    "LoginError",
    "ModeFallback",
    "NotResumable",
    "ProtocolError",
    "ReplyError",
    "ReplyReceived",
    "SessionOptions",
    "TlsError",
    "TlsEstablished",
    "TlsNotUsed",
    "TlsRefused",
    "TlsUnavailable",
    "TransferFailed",
    "TransferProgress",
    "UnexpectedError",
    "UnsafeArgument",
    "UnsafePath",
    "UntrustedCertificate",
    "UrlError",
    "parse_url",
]


def __getattr__(name: str) -> Any:
    if name == "FtpSession":
        from .session import FtpSession

        return FtpSession
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
