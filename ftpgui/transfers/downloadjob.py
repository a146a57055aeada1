"""A queue item's download: whether its target exists (and what to ask), continuing what an earlier try
left, the transfer itself; and a remote folder listed into child items with the local-safety rules."""

from __future__ import annotations

import os
import stat
from typing import TYPE_CHECKING, Callable, List, Optional, Tuple

from ..explain import QT_TRANSLATE_NOOP
from ..ftp import FtpError, LocalFileError, UnsafePath
from ..ftp.errors import NotResumable, ResumeThroughLink, worded
from ..ftp.listing_base import ApproximateSize
from ..ftp.localfs import Folder
from ..ftp.localpath import (
    CHOSEN_GONE,
    LINK_TO_FOLDER,
    NOT_FILE_OR_FOLDER,
    FoldedNames,
    folder_error,
    folds_case,
    join_inside,
    join_name,
    part_name,
    safe_name,
)
from ..ftp.names import remote_join, unsendable_name
from ..ftp.partfile import Left, Unchecked
from ..ftp.safetext import shown_line
from ..ui.compare import is_newer  # (no Qt in it: the rule Compare marks by)
from .items import (
    DOWNLOAD,
    FAILED,
    NEWER,
    OVERWRITE,
    RENAME,
    RESUME,
    SKIP,
    SKIPPED,
    Existing,
    ItemFailed,
    Outcome,
    PartNoted,
    TransferItem,
    keep_error,
)
from .jobcontext import FILTERED, JobContext, check_stop, chosen_folder, listed_time

if TYPE_CHECKING:
    from ..ftp.session import FtpSession


UNREAD_LINE = QT_TRANSLATE_NOOP(
    "QueueModel", "a line of this folder's listing could not be read; what it names is not copied: “{line}”"
)
# a download continued from its temporary file where the server gave no size (no SIZE answer, no byte count in
# its listing): done, as the server said, but nothing could check that (design note 167)
UNCHECKED = QT_TRANSLATE_NOOP("QueueModel", "resumed; the server gave no size to check that it is complete")
# Resume (the person's, one given to all, the preferences' default) onto a local link: the engine continues no
# file through a link (``partfile.continued`` opens it with O_NOFOLLOW), so the download began afresh and its
# rename replaced the link, the partial file it leads to unchanged, with nothing said (a QA recheck: design note
# 372; the command line's ``get --resume`` refuses it in these words, note 371)
RESUME_THROUGH_LINK = QT_TRANSLATE_NOOP(
    "engine",
    "{name} is a link; ftpgui does not write through links: to continue the file it leads to ({path}), give that "
    "file this name in the link's place; Overwrite replaces the link.",
)


def local_existing(
    path: str, collision: bool, folder_checked: bool = False, windows: Optional[bool] = None
) -> Optional[Tuple[Optional[int], Optional[float], bool]]:
    """(size, mtime, collided) of what is in the way of ``path`` locally, or None.

    A name that differs only in case counts where the two are one name (``folds_case``: on such a disk, or
    under Windows' name rules, ``windows``).
    ``folder_checked``: the folder was read when the item was made (``_expand_remote``) and such a name then
    set ``collision``; without one, a missing file needs no look at the whole folder (one per file made a big
    folder quadratic).
    """
    try:
        st = os.stat(path)
        return st.st_size, st.st_mtime, collision
    except FileNotFoundError:
        if os.path.islink(path):  # a link to nothing is in the way all the same: the rename replaces it (alone it
            return None, None, collision  # failed "No such file or directory"; in a folder, replaced unasked: 376)
    if folder_checked and not collision:
        return None
    folder, name = os.path.split(path)
    try:
        names = os.listdir(folder)
    except FileNotFoundError:
        names = []
    other = FoldedNames(names, folds_case(folder, windows) if names else True).get(name)
    if other is not None:
        try:
            st = os.stat(os.path.join(folder, other))
        except FileNotFoundError:  # (a link to nothing under that name: in the way too, note 376)
            return None, None, True
        return st.st_size, st.st_mtime, True
    if collision:
        return None, None, True  # a sibling on the server takes this name; it is not on disk yet
    return None


def free_local_name(path: str, windows: Optional[bool] = None) -> str:
    """``name (1).ext``, ``name (2).ext``… — the first that neither exists nor collides (nor its temporary name)."""
    folder, name = os.path.split(path)
    stem, ext = os.path.splitext(name)
    taken = FoldedNames(os.listdir(folder), folds_case(folder, windows)) if os.path.isdir(folder) else FoldedNames()
    for n in range(1, 10000):
        candidate = f"{stem} ({n}){ext}"
        if candidate not in taken and part_name(candidate) not in taken:
            return os.path.join(folder, candidate)
    raise ItemFailed(OSError(f"no free name for {name}"), local=path, remote="")


def remake_folders(session: FtpSession, item: TransferItem, ctx: JobContext) -> None:
    """On the person's Retry (``ctx.remake``): the folders between the chosen folder and ``item``'s own, which the
    download made and which were deleted since, made again — from the chosen folder down, one folder at a time,
    never following a link (``Folder.open``), so never outside it. The chosen folder itself is never made: where
    it is gone, the item fails saying so. Without this a Retry failed each file at once "Could not open the
    folder …" until the person made the folder by hand (found by QA)."""
    if not ctx.remake:
        return
    root = chosen_folder(item) or os.path.dirname(item.local)
    if not os.path.isdir(root):  # (the chosen folder may be a link the person chose: followed, as everywhere)
        raise ItemFailed(worded(LocalFileError, CHOSEN_GONE, path=root), local=item.local, remote=item.remote)
    folder = item.local if item.is_dir else os.path.dirname(item.local)
    if os.path.isdir(folder):
        return
    session.release_folders()  # (the folder kept open for the next file may be the deleted one)
    try:
        Folder.open(root, folder, create=True).close()
    except OSError as exc:
        raise ItemFailed(folder_error(folder, exc, create=True), local=item.local, remote=item.remote) from exc


def download(session: FtpSession, item: TransferItem, ctx: JobContext) -> Outcome:
    remake_folders(session, item, ctx)
    target = item.local
    remote = item.wire_remote
    remote_mtime = item.mtime
    if item.choice is None and not item.started:
        found = local_existing(target, item.collision, folder_checked=item.depth > 0, windows=ctx.windows)
        if found is not None:
            size, mtime, collided = found
            remote_size = item.size if item.size is not None else session.known_size(remote)
            return _exists(session, item, size, mtime, collided, remote_size, remote_mtime)
    elif item.started and not os.path.lexists(part_name(target)):
        # begun, its temporary file gone, and a file at its name: its own only when it is that very file, renamed
        # (the app stopped before the end was said). Another's — a download of another server's file of that name
        # that took its place, anything written meanwhile — was "continued", found complete by its size and said
        # Done, this server's time stamped on it (found by QA, design note 463): asked about, as a target that was
        # there before it began
        found = local_existing(target, item.collision, folder_checked=True, windows=ctx.windows)
        if found is not None:
            # (its own too — an inode is soon given to the next file made — is compared: its last bytes the
            # server's, nothing more to come, never complete by its size alone; a file that is not, asked about)
            received = _checked_whole(session, item, target, ctx) if _renamed_own(item.part_left, target) else None
            if received is None:
                size, mtime, collided = found
                remote_size = item.size if item.size is not None else session.known_size(remote)
                return _exists(session, item, size, mtime, collided, remote_size, remote_mtime)
            return Outcome("done", bytes=received, local=target, remote=item.remote, size=_local_size(target))
    choice = item.choice
    if choice == RESUME and os.path.islink(target):  # (refused, the link and its file as they are: 372)
        words = {"name": os.path.basename(target), "path": os.path.realpath(target)}
        raise ItemFailed(worded(ResumeThroughLink, RESUME_THROUGH_LINK, **words), local=target, remote=item.remote)
    if choice == SKIP:
        return Outcome(
            "skipped",
            local=target,
            remote=item.remote,
            note=QT_TRANSLATE_NOOP("QueueModel", "the target exists"),
        )
    if choice == RENAME and not item.started:
        target = free_local_name(target, ctx.windows)
    # A temporary file is continued only as the command line's retry continues its own (design note 203): the
    # very file the item's last try left (``part_left``), its server file's byte count (SIZE) and time (MDTM)
    # now those noted before that try's RETR — else it is fetched from the first byte. Only with none there does
    # ``resume`` continue the file under its final name: the person's Resume, or a started item's (complete
    # when the app stopped before its end was said)
    # (looked at only where it decides something: a fresh file's item, with no earlier try and no Resume, is
    # fetched from the first byte into a temporary file whether or not one is there — one system call a file)
    part_there = (item.part_left is not None or item.started or choice == RESUME) and os.path.lexists(part_name(target))
    resume = not part_there and (choice == RESUME or (item.started and choice not in (OVERWRITE, NEWER)))
    if choice == NEWER:
        if remote_mtime is None:
            remote_mtime = session.mdtm_or_none(remote)
        local_mtime = _local_mtime(target)
        if remote_mtime is None:
            return Outcome(
                "skipped",
                local=target,
                remote=item.remote,
                note=QT_TRANSLATE_NOOP("QueueModel", "the server's time is unknown"),
            )
        if local_mtime is not None and not is_newer(remote_mtime + ctx.offset_minutes * 60, local_mtime):
            return Outcome(
                "skipped",
                local=target,
                remote=item.remote,
                note=QT_TRANSLATE_NOOP("QueueModel", "the local file is not older"),
            )
    elif resume and choice == RESUME:
        size = _local_size(target)
        whole = item.size  # (the listing's; SIZE's where it gave none, or blocks: nothing else is a byte count)
        if size is not None:
            if not item.started and (whole is None or isinstance(whole, ApproximateSize)):
                whole = session.known_size(remote)
            if whole is not None and size == whole:
                return Outcome(
                    "skipped",
                    local=target,
                    remote=item.remote,
                    note=QT_TRANSLATE_NOOP("QueueModel", "already complete"),
                )
            # no start of the server's file (larger), or nothing says so: RETR from the first byte would
            # replace it — the answer given to all (or the default) was Resume, never Overwrite: asked
            if not item.started and (whole is None or isinstance(whole, ApproximateSize) or size > whole):
                return _exists(session, item, size, _local_mtime(target), item.collision, whole, remote_mtime)
    own = item.part_left if part_there else None
    check_stop(ctx)
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
            exact_time=item.mtime if item.mtime_exact else None,
            may_retry=True,
            left=own,
            noted=_noting(session, item),
            others=ctx.others,
        )
    except FtpError as exc:
        raise ItemFailed(exc, local=target, remote=item.remote) from exc
    # (a fresh binary file holds exactly the bytes received: no look at the disk for its size)
    local_size = received if not (resume or own is not None or ctx.ascii) else _local_size(target)
    note = UNCHECKED if isinstance(received, Unchecked) else ""
    return Outcome("done", bytes=received, local=target, remote=item.remote, size=local_size, note=note)


def _renamed_own(left: Optional[Left], target: str) -> bool:
    """Whether ``target`` is the very file of the temporary file ``left`` records — the same file (device and
    inode) under its final name, as the item's rename left it: a regular file, not a link."""
    if left is None or left.part != part_name(os.path.basename(target)):
        return False
    try:
        st = os.lstat(target)
    except OSError:
        return False
    return stat.S_ISREG(st.st_mode) and (st.st_dev, st.st_ino) == tuple(left.file[:2])


def _checked_whole(session: FtpSession, item: TransferItem, target: str, ctx: JobContext) -> Optional[int]:
    """The bytes received when the file at ``target``, the begun ``item``'s own by its record, is the server's
    file: its last bytes compared with the server's at that offset (``resumecheck``), anything the server has
    past its end fetched; the server's time kept. None: no start of it — left as it was, its name and time too."""
    check_stop(ctx)
    try:
        return session.download(
            item.wire_remote,
            target,
            resume=True,
            size=item.size,
            inside=chosen_folder(item),
            keep_time=True,
            mtime=item.mtime,
            time_shift=ctx.offset_minutes * 60,
            check_whole=True,
        )
    except NotResumable:
        return None
    except FtpError as exc:
        raise ItemFailed(exc, local=target, remote=item.remote) from exc


def _noting(session: FtpSession, item: TransferItem) -> Callable[[Optional[Left]], None]:
    """The engine's ``noted`` for ``item``'s try: what it notes of the temporary file, when that changes the
    item's record, goes to the queue as a ``PartNoted`` marker."""
    kept = [item.part_left]

    def noted(left: Optional[Left]) -> None:
        if left != kept[0]:
            kept[0] = left
            session.emit(PartNoted(session.id, item.id, left))  # type: ignore[arg-type]

    return noted


def _exists(
    session: FtpSession,
    item: TransferItem,
    size: Optional[int],
    mtime: Optional[float],
    collided: bool,
    remote_size: Optional[int],
    remote_mtime: Optional[float],
) -> Outcome:
    """ "The target exists", with what the question shows of both files."""
    if remote_mtime is None:
        remote_mtime = session.mdtm_or_none(item.wire_remote)
    link = _link(item.local)
    dangling = bool(link) and not os.path.exists(item.local)
    return Outcome(
        "exists",
        existing=Existing(item.local, size, mtime, remote_size, remote_mtime, collided, link=link, dangling=dangling),
        local=item.local,
        remote=item.remote,
        size=remote_size,
    )


def _link(path: str) -> str:
    """Where ``path`` leads when it is a symbolic link (the question says so: design note 372), else ""."""
    return os.path.realpath(path) if os.path.islink(path) else ""


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


def expand_remote(session: FtpSession, item: TransferItem, ctx: JobContext) -> Outcome:
    """List a remote folder into child items, with the local-safety rules of ``localpath``."""
    from ..ftp.mirror import part_names  # (the mirror, with the session, is loaded where jobs run)

    # made from the chosen folder down, one folder at a time: a folder swapped for a link is refused
    remake_folders(session, item, ctx)
    try:
        Folder.open(chosen_folder(item) or item.local, item.local, create=True).close()
    except OSError as exc:  # (missing, read-only: said with the folder's full path, and not tried again)
        raise ItemFailed(folder_error(item.local, exc, create=True), local=item.local, remote=item.remote) from exc
    folds = folds_case(item.local, ctx.windows)  # (names differing in case: one name on such a disk)
    here = FoldedNames(os.listdir(item.local), folds)  # read once: a name here that differs only in case collides
    folder = bytes.fromhex(item.remote_bytes) if item.remote_bytes else session.names.encode(item.remote)
    unparsed: List[bytes] = []
    entries = session.listdir(folder, unparsed=unparsed)
    out = Outcome("expanded", local=item.local, remote=item.remote)
    for line in unparsed:  # each a failed item in words: what it names, if anything, is not copied (QA: left out)
        text = shown_line(line, session.names.decode)
        out.children.append(
            TransferItem(
                DOWNLOAD,
                local=item.local,
                remote=item.remote,
                is_dir=False,
                state=FAILED,
                error=UNREAD_LINE,
                depth=item.depth + 1,
                remote_bytes=item.remote_bytes,
                listing_line=text,
            )
        )
    taken = FoldedNames(folded=folds)
    temporary = part_names(entries, ctx.windows, folds)  # a name that is another entry's temporary name collides
    for entry in entries:
        rpath = remote_join(item.remote, entry.name)
        wire = remote_join(folder, entry.wire_name)
        # (a folder deeper than MAX_DEPTH levels joins too, as failed: WalkBounds)
        if entry.type != "link" and _filtered(ctx, entry):  # (a link's, once it is known to lead to a file)
            out.skipped.append((rpath, FILTERED))
            continue
        if entry.type not in ("file", "dir", "link"):  # (a FIFO, a device…: said, as get -r says it)
            out.children.append(_noted(item, rpath, wire, False, NOT_FILE_OR_FOLDER))
            continue
        refused = unsendable_name(wire)  # no command can carry its name: it fails on its own, in words
        if refused is not None:
            out.children.append(_refused(item, rpath, wire, entry.type == "dir", refused))
            continue
        name = ""
        try:
            name = safe_name(entry.name, windows=ctx.windows)
            lpath = join_name(item.local, item.local, name) if entry.type != "dir" else join_inside(item.local, name)
        except UnsafePath as exc:  # a name no local file may have (C1, bidi), or a path out of the folder: it
            # fails on its own, in words, as get -r says it (it was left out, and the window said nothing)
            local = os.path.join(item.local, name) if name else item.local
            out.children.append(_refused(item, rpath, wire, entry.type == "dir", exc, local))
            out.children[-1].refused = not name  # (a name refused: no Retry — rpath's last part may be another)
            continue
        if entry.type == "link":  # (the server's own word that it is one: LIST's "l", MLSD's OS.unix=slink)
            if session.is_folder(wire):  # not entered, as get -r: a loop of links cannot be seen in such a listing
                out.children.append(_noted(item, rpath, wire, True, LINK_TO_FOLDER, lpath))
                continue
            # else the file it leads to is downloaded (RETR follows it; a link to nothing fails as its RETR does)
            if _filtered(ctx, entry):
                out.skipped.append((rpath, FILTERED))
                continue
        collided = name in taken or name in temporary or here.get(name) not in (None, name)
        if entry.type == "dir" and entry.raw_facts and entry.facts.get("unique"):
            # the folder a walk starts at (chosen, or a deeper one tried again on its own: ``walk_start``): its own,
            # asked once — a link back to it is met before
            if (item.depth == 0 or ctx.walk_start) and item.remote not in out.uniques:
                from ..ftp.listings import start_unique  # (the engine's listings: loaded where jobs run)

                out.uniques[item.remote] = start_unique(session, folder) or ""
            out.uniques[rpath] = entry.facts["unique"]  # (the queue leaves out a folder it has met before)
        taken.add(name)
        out.children.append(
            TransferItem(
                DOWNLOAD,
                local=lpath,
                remote=rpath,
                is_dir=entry.type == "dir",
                size=entry.size if entry.type == "file" else None,
                mtime=listed_time(entry) if entry.type != "link" else None,  # (a link's time is its own)
                mtime_exact=entry.exact_time is not None,  # (MLSD's: what a try notes as its file's time)
                collision=collided,
                depth=item.depth + 1,
                remote_bytes=wire.hex(),
            )
        )
    return out


def _filtered(ctx: JobContext, entry) -> bool:
    """Whether "filter for transfers" leaves ``entry`` out (a link to a file as a file: its size and time unknown)."""
    if not ctx.skip:
        return False
    if entry.type == "link":
        return ctx.skip.hides(entry.name, False, None, None)
    return ctx.skip.hides(entry.name, entry.type == "dir", entry.size, entry.modified)


def _noted(item: TransferItem, rpath: str, wire: bytes, is_dir: bool, note: str, local: str = "") -> TransferItem:
    """A skipped child of ``item`` for the entry ``rpath``, which the transfer leaves out: ``note`` says why."""
    child = TransferItem(DOWNLOAD, local=local or item.local, remote=rpath, is_dir=is_dir, state=SKIPPED, error=note)
    child.depth, child.remote_bytes = item.depth + 1, wire.hex()
    return child


def _refused(
    item: TransferItem, rpath: str, wire: bytes, is_dir: bool, exc: Exception, local: str = ""
) -> TransferItem:
    """A failed child of ``item`` for the entry ``rpath``, which cannot be downloaded: ``exc`` says why."""
    child = TransferItem(DOWNLOAD, local=local or item.local, remote=rpath, is_dir=is_dir, state=FAILED)
    child.depth, child.remote_bytes = item.depth + 1, wire.hex()
    keep_error(child, exc)
    return child
