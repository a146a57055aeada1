"""A queue item's upload: whether the server has the file (and what to ask), the transfer, its time kept;
and a local folder turned into child items, its remote folder made."""

from __future__ import annotations

import functools
import os
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any, Optional

from ..explain import QT_TRANSLATE_NOOP
from ..ftp import Cancelled, ConnectionLost, FtpError, NotResumable, ProtocolError, ReplyError, TransferFailed
from ..ftp.errors import SourceChanged
from ..ftp.localfs import scan
from ..ftp.localpath import NOT_FILE_OR_FOLDER
from ..ftp.names import remote_join
from ..ftp.resumecheck import NotAStart
from ..ui.compare import is_newer  # (no Qt in it: the rule Compare marks by)
from .items import NEWER, OVERWRITE, RENAME, RESUME, SKIP, SKIPPED, Existing, ItemFailed, Outcome, TransferItem
from .jobcontext import FILTERED, JobContext, check_stop, chosen_folder
from .writing import note

if TYPE_CHECKING:
    from ..ftp.session import FtpSession

# a folder upload's link when the preferences do not follow links (put -r's words name its --follow-links)
LINKS_OFF = QT_TRANSLATE_NOOP(
    "QueueModel", "a symbolic link; not followed (the preferences can upload links to files inside the folder)"
)


def free_remote_name(session: FtpSession, path: str) -> str:
    folder, _, name = path.rpartition("/")
    stem, ext = os.path.splitext(name)
    for n in range(1, 10000):
        candidate = f"{folder}/{stem} ({n}){ext}" if folder or path.startswith("/") else f"{stem} ({n}){ext}"
        if not session.size_if_there(candidate)[0]:  # (a 213 with no byte count: there, note 336)
            return candidate
    raise ProtocolError(f"no free name for {path} on the server")


def upload(session: FtpSession, item: TransferItem, ctx: JobContext) -> Outcome:
    target = item.remote
    st = os.stat(item.local)
    size, local_mtime = st.st_size, st.st_mtime
    if item.choice is None and not item.started:
        there, have = session.size_if_there(target)
        if there:  # (of a size the server does not say, too: asked, never taken for "not there"; note 336)
            return _exists(session, item, have, size, local_mtime)
    resume = item.started
    choice = item.choice
    if choice == SKIP:
        return _skipped(item, target, QT_TRANSLATE_NOOP("QueueModel", "the target exists"), size)
    if choice == RENAME and not item.started:
        target = free_remote_name(session, target)
    elif choice == NEWER and not item.started:  # once started, the server's file is this item's own partial
        remote_mtime = session.mdtm_or_none(target)
        if remote_mtime is None:
            return _skipped(item, target, QT_TRANSLATE_NOOP("QueueModel", "the server's time is unknown"))
        if not is_newer(local_mtime, remote_mtime + ctx.offset_minutes * 60):  # (to the whole second)
            return _skipped(item, target, QT_TRANSLATE_NOOP("QueueModel", "the server's file is not older"))
        resume = False
    elif choice == RESUME:
        resume = True
        there, have = (False, None) if item.started else session.size_if_there(target)  # (started: its own file)
        if there and have == size:
            return _skipped(item, target, QT_TRANSLATE_NOOP("QueueModel", "already complete"), size)
        # larger: no start of the local file, STOR would replace it from byte 0; of a size the server does not say:
        # nothing tells where to continue (APPE would glue the file after whatever is there). The answer was
        # Resume, never Overwrite: asked, the question saying Resume cannot continue it (notes 171, 336)
        if there and (have is None or have > size):
            return _exists(session, item, have, size, local_mtime)
    elif choice == OVERWRITE and not item.started:
        resume = False
    if resume and item.started and _source_changed(session, item, target, st, ctx):  # (whatever its choice)
        resume = False  # the server's bytes are the start of another version: from the first byte (STOR)
    check_stop(ctx)
    # replacing a file that was there before: until STOR has gone out, the server's file is that one (a cut
    # before it is no partial upload of this item's: its retry, or a restart, writes from the first byte)
    from_zero = not resume and choice in (OVERWRITE, NEWER)
    # from the first byte on, the target is this item's own work, on record before STOR goes out (a restart
    # after a Quit or a kill that came before any progress report continues it instead of asking about it)
    writing = (
        functools.partial(note, ctx.writing, item.id, target, from_zero) if ctx.writing and not item.started else None
    )
    try:
        root = chosen_folder(item)
        send = functools.partial(
            session.upload, item.local, target, inside=root, follow_links=ctx.follow_links, ascii=ctx.ascii
        )
        try:
            sent = send(resume=resume, writing=writing)
        except NotResumable as exc:
            if not item.started or isinstance(exc, NotAStart):  # (its own partial no more: another file, kept)
                raise
            # its own partial upload, larger than the file now (changed since), or of a size the server does not
            # say (note 336): written again from the first byte, as before the engine refused a resume onto a
            # larger file (note 171) — the server's file is this item's own work, nobody else's to keep
            sent = send(resume=False)
    except FtpError as exc:
        # the server keeps what it received: say how much, so the item can be resumed from there (not when
        # the file changed while it was read: the server's bytes are then no start of it)
        have = None
        # (the server's file found no start of the local one — its bytes before the resume's offset differ — is
        # another file, nothing of this item's to continue: its Retry asks again, note 474)
        if isinstance(exc, (SourceChanged, NotAStart)):
            note(ctx.writing, item.id)  # (nor on record as one)
            raise ItemFailed(exc, local=item.local, remote=target) from exc
        # (not after a cancel that hung up under a wait for the server: asking would log in again)
        cut = isinstance(exc, Cancelled) and not session.connected
        if not cut and (not isinstance(exc, ReplyError) or exc.code != 550):
            try:
                have = session.size_or_none(target)
            except FtpError:
                have = None
        # bytes may have reached the target even when its size could not be asked (the connection broke):
        # the target is then this item's own work, which a retry continues instead of asking about it
        wrote = isinstance(exc, (TransferFailed, Cancelled, ConnectionLost))
        raise ItemFailed(
            exc, local=item.local, remote=target, server_size=have, wrote=wrote, from_zero=from_zero
        ) from exc
    if "MFMT" in session.features:
        when = datetime.fromtimestamp(local_mtime - ctx.offset_minutes * 60, timezone.utc)
        try:
            session.mfmt(target, when)
        except FtpError:
            pass  # the file is complete (a retry would find it as "the target exists"); its time is a nicety
    return Outcome("done", bytes=sent, local=item.local, remote=target, size=size)


def _source_changed(session: FtpSession, item: TransferItem, target: str, st: os.stat_result, ctx: JobContext) -> bool:
    """Whether the local file of an upload that had started is no longer the one whose start the server's file
    holds: of another size than the item last knew, or modified after the server last wrote its file (MDTM, with
    the site's clock correction; to the second, as MDTM says it). Continued, APPE or REST glued the new
    version's tail to the old one's head, and the item said done (found by QA against vsftpd: a file saved
    again after a Cancel, then Retry; design note 192) — as a download checks its server's file
    (``downloadjob._changed_since``). Unknown times: not changed."""
    if item.size is not None and st.st_size != item.size:
        return True
    written = session.mdtm_or_none(target)
    return written is not None and int(st.st_mtime) > written + ctx.offset_minutes * 60


def _skipped(item: TransferItem, target: str, why: str, size: Optional[int] = None) -> Outcome:
    return Outcome("skipped", local=item.local, remote=target, size=size, note=why)


def _exists(session: FtpSession, item: TransferItem, have: Optional[int], size: int, local_mtime: float) -> Outcome:
    """ "The target exists": the server's file of ``have`` bytes (None: a size it does not say), the local one of
    ``size``."""
    return Outcome(
        "exists",
        existing=Existing(item.remote, have, session.mdtm_or_none(item.remote), size, local_mtime),
        local=item.local,
        remote=item.remote,
        size=size,
    )


def _filtered_local(skip: Any, entry: Any) -> bool:
    try:
        modified: Optional[datetime] = datetime.fromtimestamp(os.lstat(entry.path).st_mtime)
    except OSError:
        modified = None
    return skip.hides(entry.name, entry.kind == "dir", entry.size if entry.kind == "file" else None, modified)


def expand_local(session: FtpSession, item: TransferItem, ctx: JobContext) -> Outcome:
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
        if entry.kind == "dir":  # (one deeper than MAX_DEPTH levels joins as failed: WalkBounds)
            out.children.append(TransferItem(item.direction, entry.path, rpath, is_dir=True, depth=item.depth + 1))
            continue
        why = link_skipped(root, entry, ctx.follow_links, LINKS_OFF)
        if entry.kind not in ("file", "link"):
            why = NOT_FILE_OR_FOLDER
        if why:  # a skipped item that says why, as put -r's "skipped" line (it was left out without a word)
            child = TransferItem(item.direction, entry.path, rpath, state=SKIPPED, error=why, depth=item.depth + 1)
            out.children.append(child)
        else:  # (a link only when link_skipped accepted it: to a file inside)
            size = entry.size if entry.kind == "file" else os.path.getsize(entry.path)
            out.children.append(TransferItem(item.direction, entry.path, rpath, size=size, depth=item.depth + 1))
    return out
