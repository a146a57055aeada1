"""Certificates the person chose to trust: SHA-256 fingerprints per host:port, as JSON in the config folder.

The engine only asks "is this fingerprint trusted for host:port?" (``TrustStore.is_trusted`` is such a
callback); this module remembers the answers. The file is replaced atomically, never half-written, and read
again when it changed (another window, the CLI, or the preferences forgot a certificate): a store a session
holds never goes on trusting a certificate the person replaced since.

Trusting a new certificate for a server (``trust``) replaces the one trusted before: a server whose
certificate changed from A to B and back to A is asked about again — A may be the attacker's, or the old key
that leaked. Several at once (a load-balanced pool, each machine with its own) are only ever kept when named
together (``ftpgui-cli --trust-fingerprint A --trust-fingerprint B``: ``keep``).
"""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path
from typing import Callable, Collection, Dict, List, Optional, Tuple

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


def _normal(fingerprint: str) -> str:
    """``fingerprint`` as ``AB:CD:…``; "" for one that is not (a file edited by hand)."""
    try:
        return normalize_fingerprint(fingerprint)
    except ValueError:
        return ""


class TrustStore:
    """Trusted fingerprints per host:port, loaded on first use from ``path`` (default: the config folder)."""

    def __init__(self, path: Optional[Path] = None) -> None:
        self._path = Path(path) if path is not None else None
        self._hosts: Optional[Dict[str, List[str]]] = None
        self._read_as: Optional[Tuple[int, int, int]] = None  # the file (inode, time, size) _hosts was read from
        self._lock = threading.RLock()  # parallel transfer connections ask and add at the same time

    @property
    def path(self) -> Path:
        """The file; the default found on first use (``ftpgui-cli`` makes a store each run, and most runs
        meet no certificate: finding the config folder imports ``platformdirs``)."""
        if self._path is None:
            self._path = default_path()
        return self._path

    def _load(self) -> Dict[str, List[str]]:
        """The table, read again when the file changed since (a stat each time: it is asked only about a
        certificate that failed verification, once a connection)."""
        with self._lock:
            now = self._stat()
            if self._hosts is None or now != self._read_as:
                self._read_as = now  # (before reading: a change meanwhile is read next time)
                self._hosts = self._read()
            return self._hosts

    def _stat(self) -> Optional[Tuple[int, int, int]]:
        try:
            st = os.stat(self.path)
        except OSError:
            return None
        return st.st_ino, st.st_mtime_ns, st.st_size

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
        return any(_normal(fp) == wanted for fp in self.fingerprints(host, port))

    def trust(self, host: str, port: int, fingerprint: str, keep: Collection[str] = ()) -> None:
        """Trust ``fingerprint`` for host:port from now on, INSTEAD of the ones trusted before for it (but those
        also in ``keep``: fingerprints the person named together with it), and save at once."""
        fp = normalize_fingerprint(fingerprint)
        kept = {normalize_fingerprint(k) for k in keep}
        with self._lock:
            hosts = self._load()
            before = hosts.get(_key(host, port), [])
            now = [fp] + [old for old in before if _normal(old) in kept - {fp}]
            if now != before:
                hosts[_key(host, port)] = now
                self._save()

    def add(self, host: str, port: int, fingerprint: str) -> None:
        """Trust ``fingerprint`` for host:port as well as the ones trusted before for it (a pool of machines
        behind one address, each with its own certificate, named explicitly), and save at once."""
        fp = normalize_fingerprint(fingerprint)
        with self._lock:
            fps = self._load().setdefault(_key(host, port), [])
            if fp not in fps:
                fps.append(fp)
                self._save()

    def entries(self) -> List[Tuple[str, str]]:
        """Every (``host:port``, fingerprint) trusted, sorted by address."""
        with self._lock:
            return [(key, fp) for key, fps in sorted(self._load().items()) for fp in fps]

    def remove(self, host: str, port: int, fingerprint: str) -> None:
        """Stop trusting ``fingerprint`` for host:port."""
        self.forget(_key(host, port), normalize_fingerprint(fingerprint))

    def forget(self, address: str, fingerprint: str) -> None:
        """Stop trusting ``fingerprint`` for ``address`` (``host:port`` as ``entries`` gives it)."""
        with self._lock:
            hosts = self._load()
            if fingerprint in hosts.get(address, []):
                hosts[address].remove(fingerprint)
                if not hosts[address]:
                    del hosts[address]
                self._save()

    def _save(self) -> None:
        doc = {"version": VERSION, "trusted": self._hosts or {}}  # (as changed: not read again first)
        data = (json.dumps(doc, indent=1, sort_keys=True) + "\n").encode("utf-8")
        try:
            paths.atomic_write_bytes(str(self.path), data)
            self._read_as = self._stat()  # (what is in memory is what the file now holds)
        except OSError as exc:
            raise TrustStoreError(
                QT_TRANSLATE_NOOP("explain", "Could not save the trusted certificates in {path}: {detail}"),
                path=self.path,
                detail=exc,
            ) from None


class RunTrust:
    """Certificates the person trusted "once" in the app's run (the GUI's "Trust once"): in memory only, never
    written, one per app (the main window's) — a Disconnect and Connect again in the same run is not asked again,
    as FileZilla keeps them; the next run asks. ``ftpgui-cli`` has none. One per host and port: trusting another
    once replaces it, and "Always trust" for the server forgets it (``forget``), as ``TrustStore.trust`` replaces
    (design note 405)."""

    def __init__(self) -> None:
        self._hosts: Dict[str, str] = {}
        self._lock = threading.Lock()  # (asked from connection threads)

    def trust(self, host: str, port: int, fingerprint: str) -> None:
        with self._lock:
            self._hosts[_key(host, port)] = normalize_fingerprint(fingerprint)

    def forget(self, host: str, port: int) -> None:
        with self._lock:
            self._hosts.pop(_key(host, port), None)

    def fingerprints(self, host: str, port: int) -> List[str]:
        with self._lock:
            fp = self._hosts.get(_key(host, port))
        return [fp] if fp else []

    def is_trusted(self, host: str, port: int, fingerprint: str) -> bool:
        return _normal(fingerprint) in self.fingerprints(host, port)

    def with_saved(self, saved: TrustStore) -> Callable[[str, int, str], bool]:
        """The engine's trust callback: trusted once in this run, or saved in ``saved``."""

        def trusted(host: str, port: int, fingerprint: str) -> bool:
            return self.is_trusted(host, port, fingerprint) or saved.is_trusted(host, port, fingerprint)

        return trusted
