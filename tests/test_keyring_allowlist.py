"""Only keyrings known to encrypt hold passwords: a third-party backend is refused whatever priority it
claims (issue 18 item 14). The backends here are real keyring backends (the keyring API), not stand-ins
for ftpgui."""

from __future__ import annotations

import json
import os

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import SecretService, chainer

from ftpgui.sites.passwords import ENCRYPTING, PasswordStore, PasswordUnavailable, refusal

from memkeyring import MemoryKeyring


class NotesKeyring(KeyringBackend):
    """A third-party backend as one might find on PyPI: it claims priority 10 and keeps every password
    readable in a JSON file."""

    priority = 10  # type: ignore[assignment]
    path = ""

    def _load(self) -> dict:
        try:
            with open(self.path, encoding="utf-8") as f:
                return json.load(f)
        except FileNotFoundError:
            return {}

    def get_password(self, service, username):
        return self._load().get(f"{service}/{username}")

    def set_password(self, service, username, password):
        data = self._load()
        data[f"{service}/{username}"] = password
        with open(self.path, "w", encoding="utf-8") as f:
            json.dump(data, f)

    def delete_password(self, service, username):
        data = self._load()
        data.pop(f"{service}/{username}", None)
        with open(self.path, "w", encoding="utf-8") as f:
            json.dump(data, f)


@pytest.fixture
def notes(tmp_path):
    backend = NotesKeyring()
    backend.path = str(tmp_path / "passwords.json")
    previous = keyring.get_keyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


def test_a_high_priority_plain_text_backend_is_refused(notes):
    backend = notes
    backend.set_password("check", "it", "works")  # a working backend: only ftpgui refuses it
    assert backend.get_password("check", "it") == "works"
    os.unlink(backend.path)
    store = PasswordStore()
    ok, why = store.usable()
    assert not ok and "NotesKeyring" in why and "encrypt" in why
    assert store.status().code == "unknown"
    with pytest.raises(PasswordUnavailable):
        store.set("site-1", "pw-in-plain-text")
    with pytest.raises(PasswordUnavailable):
        store.get("site-1")
    assert not os.path.exists(backend.path)  # nothing was written


def test_a_chain_skips_the_third_party_backend_for_a_known_one(notes):
    loud = type("LoudNotesKeyring", (NotesKeyring,), {"priority": 99, "path": notes.path})()  # outranks all
    good = MemoryKeyring()  # (the tests' in-memory keyring is vouched for in memkeyring.py)
    chain = type("Chain", (chainer.ChainerBackend,), {"backends": [good, loud]})
    keyring.set_keyring(chain())
    PasswordStore().set("site-1", "secret")
    assert good.entries == {("ftpgui", "site-1"): "secret"} and not os.path.exists(notes.path)


def test_a_class_that_only_names_itself_like_secret_service_is_refused():
    impostor = type("Keyring", (NotesKeyring,), {"__module__": "keyring.backends.SecretService"})
    assert f"{impostor.__module__}.{impostor.__qualname__}" in ENCRYPTING
    assert refusal(impostor()).code == "unknown"
    subclass = type("Keyring2", (SecretService.Keyring,), {"priority": 10})
    assert refusal(subclass()).code == "unknown"
