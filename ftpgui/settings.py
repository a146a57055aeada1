"""The person's preferences: one small JSON file in the config folder (``settings.json``).

Read by the main window (connection defaults, hidden files), the transfer queue (``exists_default``) and the
preferences dialog. Pure Python, no Qt: small files, fine to read and write on the GUI thread.
"""

from __future__ import annotations

import ipaddress
import shlex
from dataclasses import asdict, dataclass, field, fields
from typing import Any, Dict, Optional, Tuple

from . import paths
from .explain import QT_TRANSLATE_NOOP, WordedError
from .ftp import SessionOptions
from .ftp.options import MODES
from .ftp.proxy import Proxy, ProxyUrlError, parse_proxy
from .ftp.transfertype import BINARY, DEFAULT_ASCII_EXTENSIONS, TYPES
from .transfers.items import ASK, CHOICES, MAX_CONNECTIONS

VERSION = 1
FILE_NAME = "settings.json"
EXISTS_CHOICES = (ASK, *CHOICES)  # the transfer queue's own names: "ask", "overwrite", "newer", …
# what quick connect does with ftp:// or a bare host name: TLS if available (asking before plain FTP),
# explicit TLS required, or plain FTP; ftpes:// and ftps:// always say it themselves
QUICK_TLS_CHOICES = ("auto", "require", "off")
# a Connect (Site Manager, quick-connect bar) while the current tab is connected: ask, connect in a new tab, or
# end that connection and connect in this tab (FileZilla's "Break current connection?")
CONNECT_CHOICES = ("ask", "new_tab", "this_tab")
MAX_LOG_MIB = 1024


class PreferencesError(WordedError):
    """A preference has a value ftpgui cannot use; the message names it (``text()``: in the person's language)."""


MAX_KEEPALIVE = 3600  # seconds between keep-alive NOOPs, at most
MAX_SPEED_LIMIT_KIB = 10_000_000  # the queue panel's speed limit, at most (its spin box's range)


@dataclass
class Preferences:
    """Everything the preferences dialog edits, with the defaults a new user gets."""

    default_mode: str = "passive"
    active_port_range: Optional[Tuple[int, int]] = None
    active_external_address: str = ""
    transfer_connections: int = 2
    timeout: float = 30.0
    language: str = ""  # "" follows the system
    exists_default: str = "ask"
    show_hidden: bool = False
    quick_connect_tls: str = "auto"
    connect_while_connected: str = "ask"  # CONNECT_CHOICES; the question's "Don't ask again" keeps its answer
    follow_links: bool = False  # a folder upload sends links to files inside the folder (never out of it)
    # the message log also written to a file (paths.log_dir()), rotated once at the limit
    log_to_file: bool = False
    log_file_limit_mib: int = 5
    # binary, ascii or auto (ascii for ascii_extensions); a site may choose its own
    transfer_type: str = BINARY
    ascii_extensions: str = DEFAULT_ASCII_EXTENSIONS
    # keep-alive (issue 20 item 6): NOOP on the idle browsing connection after this many seconds; 0: off
    keepalive_seconds: int = 60
    # View/Edit of a remote file (issue 20 item 1): "" opens it with the system's default application;
    # a command line gets the file's path appended, or put where it says %f; per extension (".txt") first
    editor_command: str = ""
    editor_by_extension: Dict[str, str] = field(default_factory=dict)
    upload_edited_without_asking: bool = False
    # a remote entry dragged onto a remote folder: moved only once "Move" is answered (off: its "Don't ask again")
    confirm_drag_move: bool = True
    # the proxy every connection goes through unless its site says otherwise: "" (none) or a URL such as
    # socks5://user@host:1080 (ftpgui.ftp.proxy.parse_proxy); its password is in the keyring only
    proxy: str = ""
    # the queue's speed limit for all transfers together, KiB/s (0: none); set in the queue panel, kept here
    speed_limit_kib: int = 0

    def validate(self) -> None:
        """Raise :class:`PreferencesError` naming the first value that cannot be used."""
        if self.default_mode not in MODES:
            raise PreferencesError(
                QT_TRANSLATE_NOOP("explain", "The transfer mode must be one of {modes}, not “{mode}”."),
                modes=", ".join(MODES),
                mode=self.default_mode,
            )
        if self.active_port_range is not None:
            lo, hi = self.active_port_range
            if not (1024 <= lo <= hi <= 65535):
                raise PreferencesError(
                    QT_TRANSLATE_NOOP(
                        "explain", "The active-mode port range {low}-{high} must lie within 1024–65535, low first."
                    ),
                    low=lo,
                    high=hi,
                )
        if not 1 <= self.transfer_connections <= MAX_CONNECTIONS:
            raise PreferencesError(
                QT_TRANSLATE_NOOP("explain", "Transfer connections must be between 1 and {max}."), max=MAX_CONNECTIONS
            )
        if not 1 <= self.timeout <= 600:
            raise PreferencesError(QT_TRANSLATE_NOOP("explain", "The timeout must be between 1 and 600 seconds."))
        if self.active_external_address:
            try:
                ipaddress.ip_address(self.active_external_address)
            except ValueError:
                raise PreferencesError(
                    QT_TRANSLATE_NOOP(
                        "explain", "The external address for active mode must be an IP address, not “{address}”."
                    ),
                    address=self.active_external_address,
                ) from None
        if not 0 <= self.speed_limit_kib <= MAX_SPEED_LIMIT_KIB:
            raise PreferencesError(
                QT_TRANSLATE_NOOP("explain", "The speed limit must be between 0 (none) and {max} KiB/s."),
                max=MAX_SPEED_LIMIT_KIB,
            )
        if not 0 <= self.keepalive_seconds <= MAX_KEEPALIVE:
            raise PreferencesError(
                QT_TRANSLATE_NOOP("explain", "The keep-alive interval must be between 0 (off) and {max} seconds."),
                max=MAX_KEEPALIVE,
            )
        if self.quick_connect_tls not in QUICK_TLS_CHOICES:
            raise PreferencesError(
                QT_TRANSLATE_NOOP("explain", "Unknown encryption choice for quick connect: “{choice}”."),
                choice=self.quick_connect_tls,
            )
        if self.connect_while_connected not in CONNECT_CHOICES:
            raise PreferencesError(
                QT_TRANSLATE_NOOP("explain", "Unknown choice for connecting while connected: “{choice}”."),
                choice=self.connect_while_connected,
            )
        if not 1 <= self.log_file_limit_mib <= MAX_LOG_MIB:
            raise PreferencesError(
                QT_TRANSLATE_NOOP("explain", "The log file size limit must be between 1 and {max} MiB."),
                max=MAX_LOG_MIB,
            )
        if self.transfer_type not in TYPES:
            raise PreferencesError(
                QT_TRANSLATE_NOOP("explain", "Unknown transfer type: “{choice}”."), choice=self.transfer_type
            )
        check_editor(self.editor_command)
        for ext, command in self.editor_by_extension.items():
            if not valid_extension(ext):
                raise PreferencesError(
                    QT_TRANSLATE_NOOP("explain", "“{ext}” is not a file extension: write it like .txt"), ext=ext
                )
            check_editor(command)
            if not command.strip():
                raise PreferencesError(QT_TRANSLATE_NOOP("explain", "No editor command for {ext}."), ext=ext)
        try:
            self.proxy_or_none()
        except ProxyUrlError as exc:
            raise PreferencesError(
                QT_TRANSLATE_NOOP("explain", "The proxy “{proxy}” cannot be used: {reason}"),
                proxy=self.proxy,
                reason=exc,
            ) from None
        if self.exists_default not in EXISTS_CHOICES:
            raise PreferencesError(
                QT_TRANSLATE_NOOP("explain", "Unknown choice for existing files: “{choice}”."),
                choice=self.exists_default,
            )

    def proxy_or_none(self) -> Optional[Proxy]:
        """The global proxy (without its password: the keyring holds it), None for none."""
        return parse_proxy(self.proxy) if self.proxy.strip() not in ("", "none") else None

    def session_options(self, **overrides: Any) -> SessionOptions:
        """Engine options for a new connection made with these preferences."""
        values = {
            "mode": self.default_mode,
            "timeout": self.timeout,
            "active_port_range": self.active_port_range,
            "active_external_address": self.active_external_address or None,
            "list_hidden": self.show_hidden,
            "proxy": self.proxy_or_none(),
        }
        values.update(overrides)
        return SessionOptions(**values)

    def to_json(self) -> dict:
        data = asdict(self)
        data["active_port_range"] = list(self.active_port_range) if self.active_port_range else None
        return {"version": VERSION, **data}

    @classmethod
    def from_json(cls, data: Any) -> Preferences:
        """Preferences from the file's JSON; unknown keys are ignored, bad values raise PreferencesError."""
        if not isinstance(data, dict):
            raise PreferencesError(QT_TRANSLATE_NOOP("explain", "The settings file does not hold a JSON object."))
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in data.items() if k in known}
        rng = values.get("active_port_range")
        try:
            if rng is not None:
                lo, hi = rng
                values["active_port_range"] = (int(lo), int(hi))
            if "transfer_connections" in values:
                values["transfer_connections"] = int(values["transfer_connections"])
            if "log_file_limit_mib" in values:
                values["log_file_limit_mib"] = int(values["log_file_limit_mib"])
            if "ascii_extensions" in values:
                values["ascii_extensions"] = str(values["ascii_extensions"])
            if "proxy" in values:
                values["proxy"] = str(values["proxy"] or "")
            if "keepalive_seconds" in values:
                values["keepalive_seconds"] = int(values["keepalive_seconds"])
            if "speed_limit_kib" in values:
                values["speed_limit_kib"] = int(values["speed_limit_kib"])
            if "timeout" in values:
                values["timeout"] = float(values["timeout"])
            if "editor_command" in values:
                values["editor_command"] = str(values["editor_command"])
            if "editor_by_extension" in values:
                table = values["editor_by_extension"]
                if not isinstance(table, dict):
                    raise TypeError("editor_by_extension is not an object")
                values["editor_by_extension"] = {str(k): str(v) for k, v in table.items()}
            flags = ("show_hidden", "follow_links", "log_to_file", "upload_edited_without_asking", "confirm_drag_move")
            for flag in flags:
                if flag in values:
                    values[flag] = bool(values[flag])
        except (TypeError, ValueError) as exc:
            raise PreferencesError(
                QT_TRANSLATE_NOOP("explain", "The settings file has a value of the wrong kind: {detail}."), detail=exc
            ) from None
        prefs = cls(**values)
        prefs.validate()
        return prefs


def valid_extension(ext: str) -> bool:
    """``.txt``, ``.tar.gz``: a dot first, then no space, slash or empty part."""
    return (
        len(ext) > 1
        and ext.startswith(".")
        and all(p and not any(c.isspace() or c in "/\\" for c in p) for p in ext[1:].split("."))
    )


def check_editor(command: str) -> None:
    """Raise :class:`PreferencesError` when ``command`` cannot be split into a program and its arguments."""
    try:
        shlex.split(command)
    except ValueError as exc:
        raise PreferencesError(
            QT_TRANSLATE_NOOP("explain", "The editor command “{command}” cannot be read: {detail}."),
            command=command,
            detail=exc,
        ) from None


def editor_table(text: str) -> Dict[str, str]:
    """The preferences dialog's ``.txt .md = gedit %f; .py = code -w`` (entries split by ``;`` or lines) as
    ``{".txt": "gedit %f", ".md": "gedit %f", ".py": "code -w"}``."""
    table: Dict[str, str] = {}
    entries = [e for e in text.replace("\n", ";").split(";") if e.strip()]
    for number, entry in enumerate(entries, 1):
        exts, sep, command = entry.partition("=")
        if not sep or not exts.split() or not command.strip():
            raise PreferencesError(
                QT_TRANSLATE_NOOP(
                    "explain", "Entry {number} of the editors by extension, “{entry}”, is not “.ext = command”."
                ),
                number=number,
                entry=entry.strip(),
            )
        for ext in exts.split():
            table[ext.lower() if ext.startswith(".") else "." + ext.lower()] = command.strip()
    return table


def editor_lines(table: Dict[str, str]) -> str:
    """The text :func:`editor_table` reads: one entry per extension."""
    return "; ".join(f"{ext} = {command}" for ext, command in sorted(table.items()))


def settings_path() -> str:
    return paths.config_path(FILE_NAME)


def load(path: Optional[str] = None) -> Preferences:
    """The saved preferences, or the defaults when there are none. A corrupt file raises PreferencesError."""
    path = path or settings_path()
    try:
        data = paths.read_json(path, None)
    except ValueError as exc:
        raise PreferencesError(
            QT_TRANSLATE_NOOP("explain", "The settings file {path} is not valid JSON: {detail}."), path=path, detail=exc
        ) from None
    return Preferences() if data is None else Preferences.from_json(data)


def save(prefs: Preferences, path: Optional[str] = None) -> None:
    """Validate and write atomically."""
    prefs.validate()
    paths.atomic_write_json(path or settings_path(), prefs.to_json())
