"""The protocol engine: pure Python on ``ftplib``, no Qt. Everything it does is reported as events.

Every name below is loaded from its module on first use (PEP 562), not with the package: what needs only the
options or the errors (the settings, the first window's error words) does without the events' 18 frozen
dataclasses and the listing's; ``FtpSession`` (with it ``ftplib``, ``ssl`` and the listing parsers) is loaded
on a thread once the window is up. ``from ftpgui.ftp import X`` works as before.
"""

from importlib import import_module
from typing import Any

# loaded on first use, not with the package: the connections (with TLS and the listing parsers), the tree walks
LOADED_LATER = ("ftpgui.ftp.session", "ftpgui.ftp.mirror")

# each name of the package, by the module it is defined in
FROM = {
    "errors": (
        "Cancelled",
        "ConnectError",
        "ConnectionLost",
        "DataConnectionError",
        "FtpError",
        "LocalFileError",
        "LoginError",
        "NotResumable",
        "ProtocolError",
        "ReplyError",
        "TlsError",
        "TlsRefused",
        "TlsUnavailable",
        "TransferFailed",
        "UnexpectedError",
        "UnsafeArgument",
        "UnsafePath",
        "UntrustedCertificate",
    ),
    "events": (
        "CommandSent",
        "ControlClosed",
        "ControlConnected",
        "ControlConnectFailed",
        "ControlConnecting",
        "DataChannelPlanned",
        "DataClosed",
        "DataConnected",
        "DataFailed",
        "Event",
        "ModeFallback",
        "ReplyReceived",
        "ResumeUnchecked",
        "TlsEstablished",
        "TlsNotUsed",
        "TransferProgress",
        "TransferStopped",
    ),
    "listing_base": ("Entry",),
    "options": ("SessionOptions",),
    "resumecheck": ("NotAStart",),
    "session": ("FtpSession",),
    "url": ("FtpUrl", "UrlError", "parse_url"),
}
MODULE_OF = {name: module for module, names in FROM.items() for name in names}

__all__ = sorted(MODULE_OF)


def __getattr__(name: str) -> Any:
    module = MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"{__name__}.{module}"), name)
    globals()[name] = value  # (asked once)
    return value


def __dir__() -> list:
    return sorted(set(globals()) | set(MODULE_OF))
