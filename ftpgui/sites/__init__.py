"""Saved sites: JSON in the platform's config folder, passwords only in the system keyring."""
