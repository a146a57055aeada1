"""Saved sites: JSON in the platform's config folder, passwords only in the system keyring."""

from .passwords import PasswordStore, PasswordUnavailable
from .store import RecentServer, Site, SiteError, SiteStore

__all__ = ["PasswordStore", "PasswordUnavailable", "RecentServer", "Site", "SiteError", "SiteStore"]
