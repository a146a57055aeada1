"""Search a server's folders for entries by name, size and date (pure Python, no Qt).

:func:`search_tree` runs on a connection's own thread: it lists a folder at a time, hands each folder's
hits to ``deliver`` at once (the search dialog shows them while the walk goes on), and checks ``stop``
between listings. It keeps the bounds of every recursive walk in ftpgui (``localpath``): no deeper than
``MAX_DEPTH`` levels, at most ``MAX_FOLDERS`` folders and ``MAX_ENTRIES`` entries, no folder met before
(MLSD ``unique``), no symbolic link followed, no name that is not one of its folder's (``..``, a slash: the
server's text never takes the walk elsewhere). The lines of a listing that no format reads are in the
report, by folder (``SearchReport.unread``): what they name is not searched, and the dialog says so.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Callable, List, Optional, Tuple

from .explain import QT_TRANSLATE_NOOP
from .filters import Judge
from .ftp import Entry, FtpError
from .ftp.listings import FoldersMet
from .ftp.localpath import MAX_DEPTH, MAX_ENTRIES, MAX_FOLDERS
from .ftp.mirror import lone_file, remote_join
from .ftp.safetext import UnreadLines

# why a walk stopped early (shown with tr() in the dialog's "SearchDialog" context)
CANCELLED = QT_TRANSLATE_NOOP("SearchDialog", "Stopped.")
TOO_MANY_FOLDERS = QT_TRANSLATE_NOOP(
    "SearchDialog", "Searched {n} folders, the limit of one search; the folders beyond were left out."
)
TOO_MANY_ENTRIES = QT_TRANSLATE_NOOP("SearchDialog", "Stopped after {n} entries (the limit of one search).")
# why an entry was left out of the walk (``SearchReport.left_out``; said in the dialog)
TOO_DEEP = QT_TRANSLATE_NOOP("SearchDialog", "deeper than {n} levels: not searched")
NO_NAME = QT_TRANSLATE_NOOP(
    "SearchDialog", "listed with a name no entry of a folder can have (a slash in it, or . or ..): not searched"
)


@dataclass(frozen=True)
class Hit:
    """An entry found: its full path on the server, the entry itself, and the path's bytes as the server listed
    them — what is sent for it (two names listed in different codecs may read the same, design note 141)."""

    path: str
    entry: Entry
    wire: bytes

    @property
    def folder(self) -> str:
        return self.path.rsplit("/", 1)[0] or "/"

    @property
    def folder_wire(self) -> bytes:
        """The folder's path as the server listed it (two folders may read the same, as two names may)."""
        return self.wire.rsplit(b"/", 1)[0] or b"/"

    @property
    def is_dir(self) -> bool:
        return self.entry.type == "dir"


@dataclass
class SearchReport:
    """What a walk did: folders listed, entries looked at, hits, and anything it could not list."""

    folders: int = 0
    entries: int = 0
    hits: int = 0
    stopped: str = ""  # "" (walked everything), or one of CANCELLED / TOO_MANY_FOLDERS / TOO_MANY_ENTRIES
    limit: int = 0  # the limit behind ``stopped``
    failed: List[Tuple[str, str]] = field(default_factory=list)  # (folder, the server's words)
    skipped: List[Tuple[str, str]] = field(default_factory=list)  # (path, why it was not entered: walked already)
    left_out: List[Tuple[str, str]] = field(default_factory=list)  # (path, TOO_DEEP or NO_NAME): not searched
    unread: List[UnreadLines] = field(default_factory=list)  # folders whose listing had lines no format reads


def _as_lone_file(session, root: str, raw: bytes, entry: Entry) -> Tuple[str, bytes, List[Entry]]:
    """A search's root that is a file: its folder (as shown, and its bytes) and its one entry, named as the root's
    last name (a line may name the whole path), so that its hit's path is the root's (design note 237)."""
    name = raw.rstrip(b"/").rsplit(b"/", 1)[-1]
    folder = (root.rsplit("/", 1)[0] or "/") if "/" in root else ""
    folder_raw = (raw.rsplit(b"/", 1)[0] or b"/") if b"/" in raw else b""
    return folder, folder_raw, [entry._replace(name=session.names.decode(name), raw_name=name)]


def search_tree(
    session,
    root: str,
    judge: Judge,
    deliver: Callable[[List[Hit]], None],
    stop: threading.Event,
    *,
    max_folders: int = MAX_FOLDERS,
    max_entries: int = MAX_ENTRIES,
    max_depth: int = MAX_DEPTH,
    progress: Optional[Callable[[SearchReport], None]] = None,
    root_wire: Optional[bytes] = None,
) -> SearchReport:
    """Walk ``root`` and everything below it; ``judge(name, is_dir, size, modified)`` picks the hits.
    ``root_wire``: the root's path as the server wrote it, when known (else its text in the session's codec)."""
    report = SearchReport()
    admitted = 1  # folders taken into the walk (the root first)
    root = root.rstrip("/") or "/"
    # each folder as shown and as the server's bytes (names go back exactly as listed)
    stack: List[Tuple[str, bytes, int]] = [(root, root_wire or session.names.encode(root), 0)]
    met = FoldersMet(session, stack[0][1])  # (the root's own too: a link back to it is met before)
    while stack:
        if stop.is_set():
            report.stopped = CANCELLED
            break
        folder, raw, depth = stack.pop()
        unparsed: List[bytes] = []
        try:
            if depth:
                entries = list(session.listdir(raw, unparsed=unparsed))
            else:  # (a file's path: its line, as ``ls`` shows it, where its MLSD is refused)
                entries = list(session.listdir_or_file(raw, unparsed=unparsed))
                if lone_file(session, raw, entries):  # the root is a file, or a link to one: it alone is judged
                    folder, raw, entries = _as_lone_file(session, folder, raw, entries[0])
        except FtpError as exc:
            if stop.is_set():
                report.stopped = CANCELLED
                break
            report.failed.append((folder, str(exc)))
            continue
        report.folders += 1
        unread = UnreadLines.of(folder, unparsed, session.names.decode)
        if unread is not None:  # (what they name is not searched: found or not, the dialog says so)
            report.unread.append(unread)
        hits: List[Hit] = []
        below: List[Tuple[str, bytes, int]] = []
        for entry in entries:
            report.entries += 1
            if report.entries > max_entries:
                report.stopped, report.limit = TOO_MANY_ENTRIES, max_entries
                stack.clear()
                below.clear()
                break
            path, wire = remote_join(folder, entry.name), remote_join(raw, entry.wire_name)
            if entry.name in ("", ".", "..") or "/" in entry.name:  # its path would name another entry
                report.left_out.append((path, NO_NAME))
                continue
            is_dir = entry.type == "dir"
            if judge(entry.name, is_dir, entry.size, entry.modified):
                hits.append(Hit(path, entry, wire))
            if not is_dir:
                continue
            if depth + 1 > max_depth:
                report.left_out.append((path, TOO_DEEP))
                continue
            unique = entry.facts.get("unique") if entry.raw_facts else None
            if unique and met.met_before(unique):
                report.skipped.append((path, "the same folder as one met before (MLSD unique)"))
                continue
            if admitted >= max_folders:  # the folders already admitted are still walked
                report.stopped, report.limit = TOO_MANY_FOLDERS, max_folders
                continue
            admitted += 1
            below.append((path, wire, depth + 1))
        below.sort(key=lambda b: b[0].casefold(), reverse=True)  # popped in name order
        stack.extend(below)
        if hits:
            report.hits += len(hits)
            deliver(hits)
        if progress is not None:
            progress(report)
    return report
