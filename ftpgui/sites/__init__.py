"""Saved sites: JSON in the platform's config folder, passwords only in the system keyring.

The names below load with their module when first used (PEP 562): ``ftpgui-cli`` imports
``ftpgui.sites.trust`` and must not pay for the site store (and the transfer queue's items it imports)."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .passwords import PasswordStore, PasswordUnavailable
    from .store import RecentServer, Site, SiteError, SiteStore

_WHERE = {
    "PasswordStore": "passwords",
    "PasswordUnavailable": "passwords",
    "RecentServer": "store",
    "Site": "store",
    "SiteError": "store",
    "SiteStore": "store",
}
__all__ = ["PasswordStore", "PasswordUnavailable", "RecentServer", "Site", "SiteError", "SiteStore"]


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{_WHERE[name]}", __name__), name)
    globals()[name] = value
    return value
