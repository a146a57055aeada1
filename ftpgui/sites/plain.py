"""Servers the person allowed plain FTP for ("Always allow plain FTP for this server"), per host:port, as
JSON in the config folder.

With "FTP over TLS if available" the engine asks ``PlainStore.allow_plain`` before USER when a server has
no TLS; a server listed here goes on in plain FTP without a question. The file is replaced atomically.
"""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import List, Optional, Set, Tuple

from .. import paths
from ..explain import QT_TRANSLATE_NOOP, WordedError
from ..ftp.safetext import format_address

FILE_NAME = "plain-ftp-allowed.json"
VERSION = 1


class PlainStoreError(WordedError):
    """The file of servers allowed plain FTP cannot be read or written."""


def default_path() -> Path:
    """In the app's config folder (honouring ``FTPGUI_CONFIG_DIR``), beside the trusted certificates."""
    return Path(paths.config_path(FILE_NAME))


def _key(host: str, port: int) -> Tuple[str, int]:
    return host.strip().lower(), int(port)


class PlainStore:
    """The servers allowed plain FTP, loaded on first use from ``path`` (default: the config folder)."""

    def __init__(self, path: Optional[Path] = None) -> None:
        self.path = Path(path) if path is not None else default_path()
        self._servers: Optional[Set[Tuple[str, int]]] = None
        self._lock = threading.RLock()  # transfer connections ask from their own threads

    def _load(self) -> Set[Tuple[str, int]]:
        with self._lock:
            if self._servers is None:
                self._servers = self._read()
            return self._servers

    def _read(self) -> Set[Tuple[str, int]]:
        try:
            doc = paths.read_json(str(self.path), {"version": VERSION, "servers": []})
        except (OSError, ValueError) as exc:
            raise PlainStoreError(
                QT_TRANSLATE_NOOP("explain", "Could not read the servers allowed plain FTP in {path}: {detail}"),
                path=self.path,
                detail=exc,
            ) from None
        servers = doc.get("servers") if isinstance(doc, dict) else None
        if not isinstance(servers, list):
            raise PlainStoreError(
                QT_TRANSLATE_NOOP("explain", "{path} is not a list of servers allowed plain FTP."), path=self.path
            )
        found: Set[Tuple[str, int]] = set()
        for item in servers:
            if isinstance(item, dict) and isinstance(item.get("host"), str) and isinstance(item.get("port"), int):
                found.add(_key(item["host"], item["port"]))
        return found

    def servers(self) -> List[Tuple[str, int]]:
        """Every (host, port) allowed plain FTP, sorted."""
        with self._lock:
            return sorted(self._load())

    def is_allowed(self, host: str, port: int) -> bool:
        with self._lock:
            return _key(host, port) in self._load()

    def allow_plain(self, host: str, port: int, reason: str = "") -> bool:
        """The engine's ``allow_plain`` callback; an unreadable file allows nothing (the person is asked)."""
        try:
            return self.is_allowed(host, port)
        except PlainStoreError:
            return False

    def allow(self, host: str, port: int) -> None:
        """Allow plain FTP for host:port from now on, and save at once."""
        with self._lock:
            servers = self._load()
            if _key(host, port) not in servers:
                servers.add(_key(host, port))
                self._save()

    def remove(self, host: str, port: int) -> None:
        """Ask again next time for host:port."""
        with self._lock:
            servers = self._load()
            if _key(host, port) in servers:
                servers.discard(_key(host, port))
                self._save()

    def _save(self) -> None:
        doc = {"version": VERSION, "servers": [{"host": h, "port": p} for h, p in sorted(self._load())]}
        data = (json.dumps(doc, indent=1) + "\n").encode("utf-8")
        try:
            paths.atomic_write_bytes(str(self.path), data)
        except OSError as exc:
            raise PlainStoreError(
                QT_TRANSLATE_NOOP("explain", "Could not save the servers allowed plain FTP in {path}: {detail}"),
                path=self.path,
                detail=exc,
            ) from None


def describe(host: str, port: int) -> str:
    """``host:port`` as the preferences list it (``[::1]:21`` for IPv6)."""
    return format_address((host, port))
