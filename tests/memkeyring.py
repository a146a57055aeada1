"""A keyring backend that keeps passwords in a dict, for tests that must not touch a real keychain."""

from __future__ import annotations

import threading
from typing import Dict, Optional, Tuple

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.errors import KeyringLocked, PasswordDeleteError

from ftpgui.sites.passwords import vouch_for


class MemoryKeyring(KeyringBackend):
    """In-memory passwords, with a switch that makes it behave like a locked keyring."""

    priority = 20  # type: ignore[assignment]

    def __init__(self):
        super().__init__()
        self.entries: Dict[Tuple[str, str], str] = {}
        self.locked = False
        self.gate = threading.Event()  # cleared: every call waits, like a keyring showing an unlock prompt
        self.gate.set()
        self.threads = set()  # names of the threads that called it: the GUI thread must never be one
        self._lock = threading.Lock()

    def _touch(self) -> None:
        self.threads.add(threading.current_thread().name)
        self.gate.wait()
        if self.locked:
            raise KeyringLocked("Failed to unlock the keyring")

    def get_password(self, service: str, username: str) -> Optional[str]:
        self._touch()
        with self._lock:
            return self.entries.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self._touch()
        with self._lock:
            self.entries[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self._touch()
        with self._lock:
            if self.entries.pop((service, username), None) is None:
                raise PasswordDeleteError("no such password")


vouch_for(MemoryKeyring)  # ftpgui uses only keyrings known to encrypt; this one keeps nothing anywhere


@pytest.fixture
def memory_keyring():
    """A fresh in-memory keyring set as keyring's backend for the test, the previous one restored after."""
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)
