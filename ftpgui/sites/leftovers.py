"""Deleted sites' keyring entries the keyring refused to delete (locked, its unlock prompt cancelled, the
Secret Service failing) or that it could not be reached to delete (no Secret Service in this session, design
note 352): remembered so that the deletion is tried again until it succeeds.

One small JSON file beside the sites file, ``{"version": 1, "entries": {KEY: SITE}, "unreached": [KEY, ...]}``:
each keyring entry's name (a site's id, or ``proxy:ID`` for its proxy's password) and the deleted site's folder
and name, for messages; ``unreached`` (optional) names the entries last tried with no keyring to reach, which
the next start does not say again. Never a password — those live only in the keyring. The file is small;
reading and writing it is fine on the GUI thread (as the sites file is). Whoever retries must leave alone an
entry whose site exists again (:func:`still_wanted`): its password would be that site's.
"""

from __future__ import annotations

import os
from typing import Dict, Iterable, List, Optional, Set

from .. import paths

VERSION = 1
FILE_NAME = "keyring-leftovers.json"
MAX_ENTRIES = 1000  # (a hand-edited or damaged file cannot make a retry of millions of keyring calls)
MAX_TEXT = 1000


def path_beside(sites_path: str) -> str:
    """The file kept beside the sites file at ``sites_path``."""
    return os.path.join(os.path.dirname(os.path.abspath(sites_path)), FILE_NAME)


def load(path: str) -> Dict[str, str]:
    """Keyring entry → the deleted site's name; ``{}`` when there is no file, or one not ours or damaged (its
    entries cannot be trusted: a deletion of a name the person never had is no use)."""
    try:
        data = paths.read_json(path, None)
    except (OSError, ValueError):
        return {}
    entries = data.get("entries") if isinstance(data, dict) and data.get("version") == VERSION else None
    if not isinstance(entries, dict):
        return {}
    kept: Dict[str, str] = {}
    for key, site in entries.items():
        if len(kept) >= MAX_ENTRIES:
            break
        if isinstance(key, str) and isinstance(site, str) and 0 < len(key) <= MAX_TEXT and len(site) <= MAX_TEXT:
            kept[key] = site
    return kept


def unreached(path: str) -> Set[str]:
    """The remembered entries last tried with no keyring to reach (``add(..., unreached=True)``)."""
    try:
        data = paths.read_json(path, None)
    except (OSError, ValueError):
        return set()
    keys = data.get("unreached") if isinstance(data, dict) else None
    return set(load(path)) & {k for k in keys if isinstance(k, str)} if isinstance(keys, list) else set()


def save(path: str, entries: Dict[str, str], unreached_keys: Iterable[str] = ()) -> None:
    """Write ``entries`` (none: the file goes), ``unreached_keys`` among them marked; OSError when it cannot be
    written."""
    if not entries:
        try:
            os.unlink(path)
        except FileNotFoundError:
            pass
        return
    kept = dict(list(entries.items())[:MAX_ENTRIES])
    data: Dict[str, object] = {"version": VERSION, "entries": kept}
    marked = sorted(set(unreached_keys) & set(kept))
    if marked:
        data["unreached"] = marked
    paths.atomic_write_json(path, data)


def add(path: str, entries: Dict[str, str], is_unreached: bool = False) -> None:
    """Remember ``entries`` with those already remembered (``is_unreached``: no keyring could be reached to delete
    them; else it was there and refused); OSError when the file cannot be written."""
    marked = unreached(path)
    marked = marked | set(entries) if is_unreached else marked - set(entries)
    save(path, {**load(path), **entries}, marked)


def forget(path: str, keys: Iterable[str]) -> Dict[str, str]:
    """Forget ``keys`` (deleted now, or a site's again); returns what is left. OSError when it cannot be written."""
    gone: Set[str] = set(keys)
    left = {key: site for key, site in load(path).items() if key not in gone}
    save(path, left, unreached(path))
    return left


def site_of(key: str) -> str:
    """The site id a keyring entry belongs to: ``ID`` for both ``ID`` and ``proxy:ID``."""
    return key[len("proxy:") :] if key.startswith("proxy:") else key


def still_wanted(entries: Dict[str, str], site_ids: Iterable[str]) -> List[str]:
    """The entries whose site is saved again (the ids of the sites in the store): not to be deleted."""
    ids = set(site_ids)
    return [key for key in entries if site_of(key) in ids]


def sites_named(entries: Dict[str, str], keys: Optional[Iterable[str]] = None) -> List[str]:
    """The sites ``keys`` (default: all) belong to, each once, in order."""
    names: List[str] = []
    for key in entries if keys is None else keys:
        name = entries.get(key, "")
        if name and name not in names:
            names.append(name)
    return names
