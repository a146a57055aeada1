"""Bookmarks: a name, a local folder, a remote folder, and whether to browse them synchronized (and compare).

Global bookmarks live in ``bookmarks.json`` in the config folder (:class:`GlobalBookmarks`); a site's
bookmarks are saved with the site (``Site.bookmarks`` in ``sites.json``, see :mod:`ftpgui.sites.store`).
Both files are small: read and written on the GUI thread, atomically.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Dict, List, Optional

from .. import paths
from ..explain import QT_TRANSLATE_NOOP, WordedError

VERSION = 1
FILE_NAME = "bookmarks.json"


class BookmarkError(ValueError):
    """A bookmark that cannot be read (the message says why)."""


@dataclass(frozen=True)
class Bookmark:
    """A pair of folders to come back to. Either folder may be empty (then that pane stays where it is)."""

    name: str
    local_dir: str = ""
    remote_dir: str = ""
    sync: bool = False  # browse the two folders synchronized
    compare: bool = False  # mark the differences between them

    def to_json(self) -> Dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, value: Any) -> Bookmark:
        if not isinstance(value, dict):
            raise BookmarkError("a bookmark must be a JSON object")
        kwargs: Dict[str, Any] = {}
        for key, kind in (("name", str), ("local_dir", str), ("remote_dir", str), ("sync", bool), ("compare", bool)):
            if key in value:
                if not isinstance(value[key], kind):
                    word = "true or false" if kind is bool else "text"
                    raise BookmarkError(f"bookmark field {key!r} must be {word}")
                kwargs[key] = value[key]
        if not kwargs.get("name", "").strip():
            raise BookmarkError("a bookmark needs a name")
        return cls(**kwargs)


def bookmarks_from_json(value: Any) -> List[Bookmark]:
    """A list of bookmarks from JSON (``None``: none); anything else raises :class:`BookmarkError`."""
    if value is None:
        return []
    if not isinstance(value, list):
        raise BookmarkError("bookmarks must be a JSON list")
    return [Bookmark.from_json(v) for v in value]


def unique_name(name: str, taken: List[str]) -> str:
    """``name``, or ``name (2)``, ``name (3)``… when it is taken already."""
    name = name.strip()
    if name not in taken:
        return name
    n = 2
    while f"{name} ({n})" in taken:
        n += 1
    return f"{name} ({n})"


def renamed(items: List[Bookmark], old: str, new: str) -> List[Bookmark]:
    """``items`` with the bookmark ``old`` called ``new`` (a new list: sites copied by the site manager
    share their lists)."""
    from dataclasses import replace

    return [replace(b, name=new) if b.name == old else b for b in items]


def without(items: List[Bookmark], name: str) -> List[Bookmark]:
    return [b for b in items if b.name != name]


class GlobalBookmarks:
    """The bookmarks of every site, in ``bookmarks.json`` (``{"version": 1, "bookmarks": [...]}``)."""

    def __init__(self, path: Optional[str] = None):
        self.path = path or paths.config_path(FILE_NAME)
        self.items: List[Bookmark] = []

    def load(self) -> None:
        """Read the file (none: no bookmarks); a damaged one raises ValueError in words and keeps nothing."""
        self.items = []
        try:
            data = paths.read_json(self.path, None)
        except ValueError as exc:
            raise WordedError(
                QT_TRANSLATE_NOOP("explain", "{path} is not valid JSON: {detail}"), path=self.path, detail=exc
            ) from None
        if data is None:
            return
        if not isinstance(data, dict) or not isinstance(data.get("version"), int):
            raise WordedError(
                QT_TRANSLATE_NOOP("explain", "{path} is not an ftpgui bookmarks file (no version)"), path=self.path
            )
        if data["version"] > VERSION:
            raise WordedError(
                QT_TRANSLATE_NOOP("explain", "{path} was written by a newer ftpgui (version {version})"),
                path=self.path,
                version=data["version"],
            )
        try:
            self.items = bookmarks_from_json(data.get("bookmarks"))
        except BookmarkError as exc:
            raise WordedError(QT_TRANSLATE_NOOP("explain", "{path}: {detail}"), path=self.path, detail=exc) from None

    def save(self) -> None:
        paths.atomic_write_json(self.path, {"version": VERSION, "bookmarks": [b.to_json() for b in self.items]})
