"""The work a transfer connection does for one queue item, on that connection's thread.

``run_item(session, item, ctx)`` checks whether the target exists (and reports it instead of touching it
unless the item carries a choice), transfers a file, or lists a folder into child items. Everything
blocking — the network and the local disk — happens here, never on the GUI thread.
"""

from __future__ import annotations

import dataclasses
import operator
import os
import stat
import threading
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any, Optional, Tuple

from ..explain import QT_TRANSLATE_NOOP
from ..ftp import (
    Cancelled,
    ConnectionLost,
    FtpError,
    ProtocolError,
    ReplyError,
    TransferFailed,
    UnsafePath,
)
from ..ftp.errors import SourceChanged, unexpected
from ..ftp.localfs import Folder, scan
from ..ftp.localpath import MAX_DEPTH, FoldedNames, folds_case, join_inside, join_name, part_name, safe_name
from ..ftp.names import RemotePath, remote_join
from .items import (
    DOWNLOAD,
    NEWER,
    OVERWRITE,
    RENAME,
    RESUME,
    SKIP,
    Existing,
    ItemFailed,
    ItemStarted,
    Outcome,
    TransferItem,
    item_from_values,
    item_values,
)

if TYPE_CHECKING:
    from ..ftp.session import FtpSession

FILTERED = "left out by a filter"  # (Outcome.skipped's reason for what "filter for transfers" hid)


@dataclass(frozen=True)
class JobContext:
    """What a job needs beside the item: the site's clock offset and the cancel flag of its connection."""

    stop: Optional[threading.Event]  # (None until a transfer process binds its own: ItemJob.bind)
    offset_minutes: int = 0
    windows: Optional[bool] = None  # apply Windows' name rules (default: on Windows)
    follow_links: bool = False  # a folder upload sends links to files inside the folder (never out of it)
    ascii: bool = False  # the file goes in TYPE A, line ends converted (decided when the item starts)
    # "filter for transfers": a folder transfer leaves out what these filters hide (ftpgui.filters.FilterSet)
    skip: Optional[Any] = None


@dataclass(frozen=True)
class ItemJob:
    """``run_item`` for one item, as a job a connection runs: picklable, so that a transfer process can take
    it (``procconn``). Its cancel flag does not cross: the process gives it its own (``bind``)."""

    item: TransferItem
    ctx: JobContext

    def __call__(self, session: FtpSession) -> Outcome:
        return run_item(session, self.item, self.ctx)

    def bind(self, stop: threading.Event) -> ItemJob:
        if self.ctx.stop is stop:
            return self
        # (the context's other fields as ``__reduce__`` takes them: no ``dataclasses.replace`` for every file)
        return ItemJob(self.item, JobContext(stop, *_context_values(self.ctx.__dict__)))

    def __reduce__(self) -> Any:
        # (its context's fields but the cancel flag, in order: one global crosses, not three)
        return _item_job, (self.item, _context_values(self.ctx.__dict__))

    def wire(self) -> Tuple[tuple, tuple]:
        """The job as plain values (the item's fields, the context's but the cancel flag), for a transfer
        process to rebuild (``from_wire``): pickled, a tuple of strings and numbers names no class, where each
        class a pickle names costs an import look-up on both sides — in the app that is PySide's Python-level
        ``__import__``, about 5 µs a name, two names a file on the GUI thread and two in the child."""
        return item_values(self.item.__dict__), _context_values(self.ctx.__dict__)

    @staticmethod
    def from_wire(values: Tuple[tuple, tuple], stop: Optional[threading.Event] = None) -> ItemJob:
        item, ctx = values
        return ItemJob(item_from_values(item), JobContext(stop, *ctx))


_CONTEXT_FIELDS = tuple(f.name for f in dataclasses.fields(JobContext))
assert _CONTEXT_FIELDS[0] == "stop"
_context_values = operator.itemgetter(*_CONTEXT_FIELDS[1:])


def _item_job(item: TransferItem, ctx: tuple) -> ItemJob:
    return ItemJob(item, JobContext(None, *ctx))


@dataclass(frozen=True)
class LogIn:
    """A job that only logs in (``wire.run_job`` does that before any job): a connection opened ahead of the
    items it will take (``ServerConnections._open_ahead``). The queue does not count it; its end is ignored,
    and a failure comes again, in words, with the connection's first item."""

    def __call__(self, session: FtpSession) -> None:
        return None


def run_item(session: FtpSession, item: TransferItem, ctx: JobContext) -> Outcome:
    """Do the next step for ``item``; raises ``ItemFailed`` with the cause."""
    if item.direction == DOWNLOAD:
        folder = bool(item.is_dir)
    else:  # (a path dropped from a file manager: what it is, only this job looks at)
        folder = bool(item.is_dir or (item.is_dir is None and os.path.isdir(item.local)))
    session.emit(ItemStarted(session.id, item.id, folder))  # type: ignore[arg-type]
    try:
        if item.direction == DOWNLOAD:
            if item.depth == 0:  # a folder's entries were checked when it was listed
                parent, name = os.path.split(item.local)
                join_inside(parent, name)
            if folder:
                return _expand_remote(session, item, ctx)
            return _download(session, item, ctx)
        if folder:
            return _expand_local(session, item, ctx)
        return _upload(session, item, ctx)
    except ItemFailed:
        raise
    except (FtpError, OSError) as exc:
        raise ItemFailed(exc, local=item.local, remote=item.remote) from exc
    except Exception as exc:  # nothing foresaw it: this item fails in words, the queue goes on
        raise ItemFailed(unexpected(exc), local=item.local, remote=item.remote) from exc


def chosen_folder(item: TransferItem) -> Optional[str]:
    """The folder the person chose for ``item`` (a download's target folder, a folder upload's source), from
    which its local path is opened one folder at a time; None for a single file they chose to upload."""
    levels = item.depth + 1 if item.direction == DOWNLOAD else item.depth
    path = item.local
    for _ in range(levels):
        path = os.path.dirname(path)
    return path if levels else None


def listed_time(entry: Any) -> Optional[float]:
    """A listed entry's time, where it is worth keeping for the downloaded file: MLSD's (exact), or LIST's
    with a time of day (to the minute). LIST's date-only form (a file older than about six months) reads as
    midnight, hours off: None, and the download asks MDTM instead (as it does for a file with no listing)."""
    when = entry.modified
    if when is None or when.tzinfo is None:
        return None
    if not entry.raw_facts and (when.hour, when.minute, when.second) == (0, 0, 0):
        return None
    return server_time(when)


def _check_stop(ctx: JobContext) -> None:
    if ctx.stop.is_set():
        raise Cancelled("Cancelled before the transfer started.")


def server_time(dt: Optional[datetime]) -> Optional[float]:
    """A listing's or MDTM's time as POSIX seconds (a time without a zone is taken as UTC)."""
    if dt is None:
        return None
    return (dt if dt.tzinfo else dt.replace(tzinfo=timezone.utc)).timestamp()


def _mdtm(session: FtpSession, path: RemotePath) -> Optional[float]:
    if "MDTM" not in session.features:
        return None
    try:
        return server_time(session.mdtm(path))
    except (ReplyError, ProtocolError):
        return None


# --- downloads -------------------------------------------------------------------------------------
def local_existing(
    path: str, collision: bool, folder_checked: bool = False
) -> Optional[Tuple[Optional[int], Optional[float], bool]]:
    """(size, mtime, collided) of what is in the way of ``path`` locally, or None.

    A name that differs only in case counts where the disk takes the two for one (``folds_case``).
    ``folder_checked``: the folder was read when the item was made (``_expand_remote``) and such a name then
    set ``collision``; without one, a missing file needs no look at the whole folder (one per file made a big
    folder quadratic).
    """
    try:
        st = os.stat(path)
        return st.st_size, st.st_mtime, collision
    except FileNotFoundError:
        pass
    if folder_checked and not collision:
        return None
    folder, name = os.path.split(path)
    try:
        names = os.listdir(folder)
    except FileNotFoundError:
        names = []
    other = FoldedNames(names, folds_case(folder) if names else True).get(name)
    if other is not None:
        st = os.stat(os.path.join(folder, other))
        return st.st_size, st.st_mtime, True
    if collision:
        return None, None, True  # a sibling on the server takes this name; it is not on disk yet
    return None


def free_local_name(path: str) -> str:
    """``name (1).ext``, ``name (2).ext``… — the first that neither exists nor collides (nor its temporary name)."""
    folder, name = os.path.split(path)
    stem, ext = os.path.splitext(name)
    taken = FoldedNames(os.listdir(folder), folds_case(folder)) if os.path.isdir(folder) else FoldedNames()
    for n in range(1, 10000):
        candidate = f"{stem} ({n}){ext}"
        if candidate not in taken and part_name(candidate) not in taken:
            return os.path.join(folder, candidate)
    raise ItemFailed(OSError(f"no free name for {name}"), local=path, remote="")


def _download(session: FtpSession, item: TransferItem, ctx: JobContext) -> Outcome:
    target = item.local
    remote = item.wire_remote
    remote_mtime = item.mtime
    partial = False
    if item.choice is None and not item.started:
        found = local_existing(target, item.collision, folder_checked=item.depth > 0)
        if found is None:
            partial, remote_mtime = _partial_left(session, target, item.size, remote, remote_mtime)
        else:
            size, mtime, collided = found
            if remote_mtime is None:
                remote_mtime = _mdtm(session, remote)
            remote_size = item.size if item.size is not None else session.size_or_none(remote)
            return Outcome(
                "exists",
                existing=Existing(target, size, mtime, remote_size, remote_mtime, collided),
                local=target,
                remote=item.remote,
                size=remote_size,
            )
    resume = item.started or partial
    if item.started and item.choice in (None, RESUME) and _changed_since(session, target, remote, ctx):
        resume = False  # the server's file is newer than the last byte written: a mix of two versions else
    choice = item.choice
    if choice == SKIP:
        return Outcome(
            "skipped",
            local=target,
            remote=item.remote,
            note=QT_TRANSLATE_NOOP("QueueModel", "the target exists"),
        )
    if choice == RENAME and not item.started:
        target = free_local_name(target)
    elif choice == NEWER:
        if remote_mtime is None:
            remote_mtime = _mdtm(session, remote)
        local_mtime = _local_mtime(target)
        if remote_mtime is None:
            return Outcome(
                "skipped",
                local=target,
                remote=item.remote,
                note=QT_TRANSLATE_NOOP("QueueModel", "the server's time is unknown"),
            )
        if local_mtime is not None and remote_mtime + ctx.offset_minutes * 60 <= local_mtime:
            return Outcome(
                "skipped",
                local=target,
                remote=item.remote,
                note=QT_TRANSLATE_NOOP("QueueModel", "the local file is not older"),
            )
    elif choice == RESUME:
        resume = True
        size = _local_size(target)
        if item.size is not None and size == item.size and not os.path.lexists(part_name(target)):
            return Outcome(
                "skipped",
                local=target,
                remote=item.remote,
                note=QT_TRANSLATE_NOOP("QueueModel", "already complete"),
            )
    if choice in (OVERWRITE, NEWER) and not os.path.lexists(part_name(target)):
        resume = False  # never continue the old file that is being replaced
    _check_stop(ctx)
    try:
        # (the listed size spares a SIZE per file; the engine asks SIZE only if the bytes received differ.)
        # The server's time is kept, with the site's clock correction: the listed one set on the file before
        # its rename, else MDTM's once the file is there (a LIST time with a date only); the file complete
        # under its final name, nothing the engine does about its time fails the item — its retry would
        # find the queue's own file as "the target exists"
        received = session.download(
            remote,
            target,
            resume=resume,
            size=item.size,
            inside=chosen_folder(item),
            ascii=ctx.ascii,
            keep_time=True,
            mtime=remote_mtime,
            time_shift=ctx.offset_minutes * 60,
        )
    except FtpError as exc:
        raise ItemFailed(exc, local=target, remote=item.remote) from exc
    # (a fresh binary file holds exactly the bytes received: no look at the disk for its size)
    local_size = received if not (resume or ctx.ascii) else _local_size(target)
    return Outcome("done", bytes=received, local=target, remote=item.remote, size=local_size)


def _partial_left(
    session: FtpSession, target: str, size: Optional[int], remote: RemotePath, remote_mtime: Optional[float]
) -> Tuple[bool, Optional[float]]:
    """(whether to continue it, the server's time) — a temporary file of an earlier try at this download (a
    cancelled item, a closed app) is continued, as FileZilla offers to, instead of truncated and fetched
    again: when it is shorter than the file, and the server's file is no newer than its last byte (one that
    changed since would make a mix of two versions; with no time known, it is fetched again)."""
    try:
        st = os.lstat(part_name(target))
    except OSError:
        return False, remote_mtime  # (usually nothing is there: one system call)
    if not stat.S_ISREG(st.st_mode) or not st.st_size or (size is not None and st.st_size >= size):
        return False, remote_mtime
    if remote_mtime is None:
        remote_mtime = _mdtm(session, remote)
    return remote_mtime is not None and remote_mtime <= st.st_mtime, remote_mtime


def _changed_since(session: FtpSession, target: str, remote: RemotePath, ctx: JobContext) -> bool:
    """Whether the server's file is newer (MDTM now, with the site's clock correction) than the last write
    to the temporary file of a download that had started: continued after a restart, its REST glued the new
    file's tail to the old one's head, and the item said done (found by QA). Unknown times: not changed."""
    try:
        written = os.lstat(part_name(target)).st_mtime
    except OSError:
        return False  # (nothing to continue)
    now = _mdtm(session, remote)  # (not the listing's time: the file may have changed since it was listed)
    return now is not None and now + ctx.offset_minutes * 60 > written


def _local_size(path: str) -> Optional[int]:
    try:
        return os.path.getsize(path)
    except OSError:
        return None


def _local_mtime(path: str) -> Optional[float]:
    try:
        return os.stat(path).st_mtime
    except OSError:
        return None


def _expand_remote(session: FtpSession, item: TransferItem, ctx: JobContext) -> Outcome:
    """List a remote folder into child items, with the local-safety rules of ``localpath``."""
    from ..ftp.mirror import part_names  # (the mirror, with the session, is loaded where jobs run)

    # made from the chosen folder down, one folder at a time: a folder swapped for a link is refused
    Folder.open(chosen_folder(item) or item.local, item.local, create=True).close()
    folds = bool(ctx.windows) or folds_case(item.local)  # (names differing in case: one name on such a disk)
    here = FoldedNames(os.listdir(item.local), folds)  # read once: a name here that differs only in case collides
    folder = bytes.fromhex(item.remote_bytes) if item.remote_bytes else session.names.encode(item.remote)
    entries = session.listdir(folder)
    out = Outcome("expanded", local=item.local, remote=item.remote)
    taken = FoldedNames(folded=folds)
    temporary = part_names(entries, ctx.windows, folds)  # a name that is another entry's temporary name collides
    for entry in entries:
        rpath = remote_join(item.remote, entry.name)
        if entry.type == "link":
            out.skipped.append((rpath, "a symbolic link on the server; not followed"))
            continue
        if entry.type not in ("file", "dir"):
            out.skipped.append((rpath, "not a regular file or folder"))
            continue
        if entry.type == "dir" and item.depth + 1 > MAX_DEPTH:
            out.skipped.append((rpath, f"deeper than {MAX_DEPTH} levels"))
            continue
        if ctx.skip and ctx.skip.hides(entry.name, entry.type == "dir", entry.size, entry.modified):
            out.skipped.append((rpath, FILTERED))
            continue
        try:
            name = safe_name(entry.name, windows=ctx.windows)
            lpath = join_name(item.local, item.local, name) if entry.type == "file" else join_inside(item.local, name)
        except UnsafePath as exc:
            out.skipped.append((rpath, exc.reason))
            continue
        collided = name in taken or name in temporary or here.get(name) not in (None, name)
        if entry.type == "dir" and entry.raw_facts and entry.facts.get("unique"):
            out.uniques[rpath] = entry.facts["unique"]  # (the queue leaves out a folder it has met before)
        taken.add(name)
        out.children.append(
            TransferItem(
                DOWNLOAD,
                local=lpath,
                remote=rpath,
                is_dir=entry.type == "dir",
                size=entry.size if entry.type == "file" else None,
                mtime=listed_time(entry),
                collision=collided,
                depth=item.depth + 1,
                remote_bytes=remote_join(folder, entry.wire_name).hex(),
            )
        )
    return out


# --- uploads ---------------------------------------------------------------------------------------
def free_remote_name(session: FtpSession, path: str) -> str:
    folder, _, name = path.rpartition("/")
    stem, ext = os.path.splitext(name)
    for n in range(1, 10000):
        candidate = f"{folder}/{stem} ({n}){ext}" if folder or path.startswith("/") else f"{stem} ({n}){ext}"
        if session.size_or_none(candidate) is None:
            return candidate
    raise ProtocolError(f"no free name for {path} on the server")


def _upload(session: FtpSession, item: TransferItem, ctx: JobContext) -> Outcome:
    target = item.remote
    st = os.stat(item.local)
    size, local_mtime = st.st_size, st.st_mtime
    if item.choice is None and not item.started:
        have = session.size_or_none(target)
        if have is not None:
            return Outcome(
                "exists",
                existing=Existing(target, have, _mdtm(session, target), size, local_mtime),
                local=item.local,
                remote=target,
                size=size,
            )
    resume = item.started
    choice = item.choice
    if choice == SKIP:
        return Outcome(
            "skipped",
            local=item.local,
            remote=target,
            size=size,
            note=QT_TRANSLATE_NOOP("QueueModel", "the target exists"),
        )
    if choice == RENAME and not item.started:
        target = free_remote_name(session, target)
    elif choice == NEWER and not item.started:  # once started, the server's file is this item's own partial
        remote_mtime = _mdtm(session, target)
        if remote_mtime is None:
            return Outcome(
                "skipped",
                local=item.local,
                remote=target,
                note=QT_TRANSLATE_NOOP("QueueModel", "the server's time is unknown"),
            )
        if local_mtime <= remote_mtime + ctx.offset_minutes * 60:
            return Outcome(
                "skipped",
                local=item.local,
                remote=target,
                note=QT_TRANSLATE_NOOP("QueueModel", "the server's file is not older"),
            )
        resume = False
    elif choice == RESUME:
        resume = True
    elif choice == OVERWRITE and not item.started:
        resume = False
    _check_stop(ctx)
    try:
        root = chosen_folder(item)
        sent = session.upload(
            item.local, target, resume=resume, inside=root, follow_links=ctx.follow_links, ascii=ctx.ascii
        )
    except FtpError as exc:
        # the server keeps what it received: say how much, so the item can be resumed from there (not when
        # the file changed while it was read: the server's bytes are then no start of it)
        have = None
        if isinstance(exc, SourceChanged):
            raise ItemFailed(exc, local=item.local, remote=target) from exc
        if not isinstance(exc, ReplyError) or exc.code != 550:
            try:
                have = session.size_or_none(target)
            except FtpError:
                have = None
        # bytes may have reached the target even when its size could not be asked (the connection broke):
        # the target is then this item's own work, which a retry continues instead of asking about it
        wrote = isinstance(exc, (TransferFailed, Cancelled, ConnectionLost))
        raise ItemFailed(exc, local=item.local, remote=target, server_size=have, wrote=wrote) from exc
    if "MFMT" in session.features:
        when = datetime.fromtimestamp(local_mtime - ctx.offset_minutes * 60, timezone.utc)
        try:
            session.mfmt(target, when)
        except FtpError:
            pass  # the file is complete (a retry would find it as "the target exists"); its time is a nicety
    return Outcome("done", bytes=sent, local=item.local, remote=target, size=size)


def _filtered_local(skip: Any, entry: Any) -> bool:
    try:
        modified: Optional[datetime] = datetime.fromtimestamp(os.lstat(entry.path).st_mtime)
    except OSError:
        modified = None
    return skip.hides(entry.name, entry.kind == "dir", entry.size if entry.kind == "file" else None, modified)


def _expand_local(session: FtpSession, item: TransferItem, ctx: JobContext) -> Outcome:
    """Create the remote folder and turn the local folder's entries into child items."""
    from ..ftp.mirror import ensure_remote_dir, link_skipped

    ensure_remote_dir(session, item.remote)
    out = Outcome("expanded", local=item.local, remote=item.remote)
    root = chosen_folder(item) or item.local
    entries = scan(root, item.local)  # read from the chosen folder down: a folder swapped for a link is refused
    for entry in entries:
        rpath = remote_join(item.remote, entry.name)
        if ctx.skip and _filtered_local(ctx.skip, entry):
            out.skipped.append((entry.path, FILTERED))
            continue
        if entry.kind == "dir":
            if item.depth + 1 > MAX_DEPTH:
                out.skipped.append((entry.path, f"deeper than {MAX_DEPTH} levels"))
                continue
            out.children.append(TransferItem(item.direction, entry.path, rpath, is_dir=True, depth=item.depth + 1))
            continue
        why = link_skipped(root, entry, ctx.follow_links)
        if why:
            out.skipped.append((entry.path, why))
        elif entry.kind in ("file", "link"):  # (a link only when link_skipped accepted it: to a file inside)
            size = entry.size if entry.kind == "file" else os.path.getsize(entry.path)
            out.children.append(TransferItem(item.direction, entry.path, rpath, size=size, depth=item.depth + 1))
        else:
            out.skipped.append((entry.path, "not a regular file or folder"))
    return out
