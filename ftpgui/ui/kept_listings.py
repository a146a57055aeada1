"""The listings a reconnect to the same server in another data connection mode keeps (design note 387).

A mode picked in the mode panel (or the diagnosis' recommendation) reconnects in the folder shown: the browser's
cache of listings was emptied with the old connection and the folder tree cleared, so the tree was rebuilt from
the one folder listed again — "/ → pub", the other folders of / gone until a refresh (found by QA). What a server
lists does not depend on the data connection's mode, so such a reconnect keeps the listings the window had: once
the folder is shown (listed afresh, in the new mode) they go back into the cache and the tree's nodes take them.
Another encoding, user, server or any other option reads the server afresh, as before.
"""

from __future__ import annotations

import dataclasses
from typing import Any, Callable, Dict, Optional, Sequence

from ..ftp import SessionOptions
from ..transfers.endpoint import Endpoint

Listings = Dict[str, Sequence[Any]]


def kept_listings(browser: Any, endpoint: Endpoint, options: SessionOptions, path: str, shown: str) -> Listings:
    """The browser's listings, when connecting to ``endpoint`` with ``options`` into ``path`` is the server shown
    again only in another mode, into the folder shown (``shown``); else none."""
    before, old = browser.endpoint, browser.options
    if not browser.cache or before is None or old is None or not path or path != shown:
        return {}
    if (before.host, before.port, before.user) != (endpoint.host, endpoint.port, endpoint.user):
        return {}
    try:
        same = dataclasses.replace(old, mode=options.mode) == options
    except TypeError:  # (options that are no dataclass: nothing is assumed)
        same = False
    return dict(browser.cache) if same else {}


def put_back(listings: Listings, browser: Any, pane: Any, then: Optional[Callable[[], None]]) -> Callable[[], None]:
    """What runs once the folder is shown again: ``listings`` back in the cache (the fresh ones stay), each tree
    node that was listed given its listing again (shallow first: a folder's node is made by its parent's), then
    ``then``."""

    def found() -> None:
        for folder in sorted(listings, key=lambda p: (p.count("/"), p)):
            entries = browser.cache.setdefault(folder, listings[folder])
            if pane.tree.has(folder):
                pane.tree.set_children(folder, entries)
        if then is not None:
            then()

    return found
