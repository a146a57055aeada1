"""Certificates the person chose to trust: SHA-256 fingerprints per host:port, as JSON in the config folder.

The engine only asks "is this fingerprint trusted for host:port?" (``TrustStore.is_trusted`` is such a
callback); this module remembers the answers. The file is replaced atomically, never half-written.
"""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import Dict, List, Optional

from .. import paths
from ..explain import QT_TRANSLATE_NOOP, WordedError
from ..ftp.options import normalize_fingerprint
from ..ftp.safetext import format_address

FILE_NAME = "trusted-certificates.json"
VERSION = 1


class TrustStoreError(WordedError):
    """The trust file cannot be read or written."""


def default_path() -> Path:
    """In the app's config folder (``ftpgui.paths``: the same as the sites', honouring ``FTPGUI_CONFIG_DIR``)."""
    return Path(paths.config_path(FILE_NAME))


def _key(host: str, port: int) -> str:
    return format_address((host.lower(), int(port)))


class TrustStore:
    """Trusted fingerprints per host:port, loaded on first use from ``path`` (default: the config folder)."""

    def __init__(self, path: Optional[Path] = None) -> None:
        self._path = Path(path) if path is not None else None
        self._hosts: Optional[Dict[str, List[str]]] = None
        self._lock = threading.RLock()  # parallel transfer connections ask and add at the same time

    @property
    def path(self) -> Path:
        """The file; the default found on first use (``ftpgui-cli`` makes a store each run, and most runs
        meet no certificate: finding the config folder imports ``platformdirs``)."""
        if self._path is None:
            self._path = default_path()
        return self._path

    def _load(self) -> Dict[str, List[str]]:
        with self._lock:
            if self._hosts is None:
                self._hosts = self._read()
            return self._hosts

    def _read(self) -> Dict[str, List[str]]:
        try:
            doc = paths.read_json(str(self.path), {"version": VERSION, "trusted": {}})
        except (OSError, ValueError) as exc:
            raise TrustStoreError(
                QT_TRANSLATE_NOOP("explain", "Could not read the trusted certificates in {path}: {detail}"),
                path=self.path,
                detail=exc,
            ) from None
        trusted = doc.get("trusted") if isinstance(doc, dict) else None
        if not isinstance(trusted, dict):
            raise TrustStoreError(
                QT_TRANSLATE_NOOP("explain", "{path} is not a trusted-certificates file (no “trusted” table)."),
                path=self.path,
            )
        hosts: Dict[str, List[str]] = {}
        for key, fps in trusted.items():
            if isinstance(key, str) and isinstance(fps, list):
                hosts[key] = [fp for fp in fps if isinstance(fp, str)]
        return hosts

    def fingerprints(self, host: str, port: int) -> List[str]:
        """The fingerprints trusted for host:port."""
        with self._lock:
            return list(self._load().get(_key(host, port), []))

    def is_trusted(self, host: str, port: int, fingerprint: str) -> bool:
        """The engine's trust callback."""
        wanted = normalize_fingerprint(fingerprint)
        for fp in self.fingerprints(host, port):
            try:
                if normalize_fingerprint(fp) == wanted:
                    return True
            except ValueError:
                continue
        return False

    def add(self, host: str, port: int, fingerprint: str) -> None:
        """Trust ``fingerprint`` for host:port from now on, and save at once."""
        fp = normalize_fingerprint(fingerprint)
        with self._lock:
            fps = self._load().setdefault(_key(host, port), [])
            if fp not in fps:
                fps.append(fp)
                self._save()

    def remove(self, host: str, port: int, fingerprint: str) -> None:
        """Stop trusting ``fingerprint`` for host:port."""
        fp = normalize_fingerprint(fingerprint)
        key = _key(host, port)
        with self._lock:
            hosts = self._load()
            if fp in hosts.get(key, []):
                hosts[key].remove(fp)
                if not hosts[key]:
                    del hosts[key]
                self._save()

    def _save(self) -> None:
        doc = {"version": VERSION, "trusted": self._load()}
        data = (json.dumps(doc, indent=1, sort_keys=True) + "\n").encode("utf-8")
        try:
            paths.atomic_write_bytes(str(self.path), data)
        except OSError as exc:
            raise TrustStoreError(
                QT_TRANSLATE_NOOP("explain", "Could not save the trusted certificates in {path}: {detail}"),
                path=self.path,
                detail=exc,
            ) from None
