"""The Type column's words for a file, the same in the local and the remote pane (design note 282).

Both panes name a file by its name alone, as FileZilla and Explorer do: the MIME database's name for it
("JPEG image", "Python script") when it knows one, else the extension upper-cased ("DAT file"), else "File".
The local pane no longer asks for the system's guess from the file's bytes, which the remote pane cannot
make: it said "unknown" for a ``.dat`` of binary bytes, "plain text document" for one of text, and
"empty document" for an empty file whatever its name.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Optional

from PySide6.QtCore import QCoreApplication, QLocale, QMimeDatabase

_DB: Optional[QMimeDatabase] = None


def _lookup_key(name: str) -> str:
    """What the MIME database is asked about: a name without an extension whole (``Makefile``), else a stand-in
    with the same extensions from the first dot (``x.tar.gz``), so a folder of 10,000 ``.jpg`` asks once."""
    start = len(name) - len(name.lstrip("."))  # a hidden file's leading dots are not an extension's
    dot = name.find(".", start)
    return name if dot < 0 else "x" + name[dot:]


@lru_cache(maxsize=4096)
def _known(key: str, language: str) -> str:
    """The MIME database's name for ``key`` in ``language`` (its comment), or "" when it has none."""
    global _DB
    if _DB is None:
        _DB = QMimeDatabase()
    mime = _DB.mimeTypeForFile(key, QMimeDatabase.MatchMode.MatchExtension)
    return "" if mime.isDefault() else mime.comment()


def extension_of(name: str) -> str:
    """The last extension of ``name`` (``tar.gz`` → ``gz``), "" for none; a hidden file's leading dot is none."""
    start = len(name) - len(name.lstrip("."))
    dot = name.rfind(".")
    return name[dot + 1 :] if dot > start else ""


def file_type(name: str) -> str:
    """The Type column's words for a file called ``name`` (not a folder): the system's name for its kind, else
    "DAT file" (its extension upper-cased), else "File"."""
    known = _known(_lookup_key(name), QLocale().name())
    if known:
        return known
    ext = extension_of(name)
    if not ext:
        return QCoreApplication.translate("FileTypes", "File")
    return QCoreApplication.translate("FileTypes", "{ext} file").format(ext=ext.upper())
