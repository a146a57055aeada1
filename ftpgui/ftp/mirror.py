"""Recursive download and upload over several connections: one lists, N transfer.

Folders are expanded as they are listed and their files handed to the transfer connections at once, so
transfers start before the walk ends. Every server name passes ``localpath.safe_name`` before it
becomes a local path. A symbolic link the server declares (LIST's ``l``, MLSD's ``OS.unix=slink``) is asked
about with CWD: one to a file is downloaded as that file, one to a folder is not entered (skipped, said: a loop
of links cannot be seen in such a listing), one to nothing fails as its download does.

The transfer connections' threads and ``MirrorResult`` are in ``threadpool`` (imported from here as well).
"""

from __future__ import annotations

import os
from typing import Callable, Iterable, List, Optional, Tuple

from .errors import FtpError, ReplyError, UnsafePath
from .events import Event
from .listing import Entry
from .listings import FoldersMet, own_file_line
from .localfs import Folder, LocalEntry, resolved_inside, scan, taken_by_a_file
from .localpath import (
    LINK_LEADS_OUT,
    LINK_TO_FOLDER,
    LINK_TO_NOTHING,
    MAX_DEPTH,
    MAX_ENTRIES,
    MAX_FOLDERS,
    MET_BEFORE,
    NOT_FILE_OR_FOLDER,
    FoldedNames,
    folder_error,
    folds_case,
    join_inside,
    join_name,
    part_name,
    safe_name,
)
from .names import remote_join, unsendable_name
from .procpool import ProcessPool, usable
from .safetext import shown_line
from .session import FtpSession
from .threadpool import MirrorResult, SessionFactory, _close, _Pool, part_left
from .transfertype import BINARY, is_ascii

# a folder's listing line that no format reads: a failure of the folder's (the queue's words: ``downloadjob``)
UNREAD_LINE = "a line of its listing could not be read; what it names is not copied: “{line}”"


def download_tree(
    make_session: SessionFactory,
    remote_dir: str,
    local_dir: str,
    *,
    parallel: int = 1,
    resume: bool = False,
    windows: Optional[bool] = None,
    max_folders: int = MAX_FOLDERS,
    transfer_type: str = BINARY,
    processes: bool = False,
    listener: Optional[Callable[[Event], None]] = None,
    make_lister: Optional[SessionFactory] = None,
    keep_times: bool = False,
    keep_existing: bool = False,
) -> MirrorResult:
    """Put the contents of ``remote_dir`` into ``local_dir`` (created if missing); with ``keep_times``, each file
    with the server's modification time (MLSD's, else MDTM's: a LIST time is to the minute at best).

    A local file already under a file's name is replaced (``resume``: continued) — with ``keep_existing`` (and no
    ``resume``) it is left as it is, not downloaded, and counted in ``result.kept`` (``ftpgui-cli get -r``
    without ``--force``: design note 333). So is the part of a file an earlier try left in its temporary file, with
    no file at the name: that file fails in words (``EARLIER_PART``), the part noted in ``result.parts`` (design
    note 384: it was started afresh, all that had come thrown away).

    The walk stops after ``max_folders`` folders, below ``MAX_DEPTH`` levels, and at a folder whose MLSD
    ``unique`` fact it has met before, ``remote_dir``'s own among them (a server whose folders lead back into
    each other: ``FoldersMet``).

    With ``processes`` the transfer connections are forked processes where that is safe (``procpool``);
    ``listener`` then receives, in this process, the TLS, data-close and progress events of theirs that
    their sessions' listeners read (``FtpSession.kinds``). ``make_lister`` makes the session that lists
    (default: ``make_session``), e.g. one whose listener does not count the listings as transfers."""
    result = MirrorResult()
    folds = True  # (asked of the disk once ``local_dir`` is made: when the start is known to be a folder)
    lister = (make_lister or make_session)()
    pool = _make_pool(make_session, parallel, result, processes, listener)
    seen = 0
    try:
        # each folder as shown (for messages) and as the server's bytes (names go back exactly as listed)
        stack: List[Tuple[str, bytes, str, int]] = [(remote_dir, lister.names.encode(remote_dir), local_dir, 0)]
        met = FoldersMet(lister, stack[0][1])  # (the start folder's own too: a link back to it is met before)
        while stack:
            pool.submitted()  # the files of the folder before go out while this one is listed
            rdir, rdir_raw, ldir, depth = stack.pop()
            unparsed: List[bytes] = []
            try:
                entries = lister.listdir(rdir_raw or None, unparsed=unparsed)
            except FtpError as exc:
                if depth == 0 and lone_file(lister, rdir_raw, None):
                    raise NotAFolder(remote_dir) from exc
                result.failed.append((rdir or ".", str(exc)))
                continue
            if depth == 0:
                if lone_file(lister, rdir_raw, entries):
                    raise NotAFolder(remote_dir)
                os.makedirs(local_dir, exist_ok=True)  # (not for a start that is no folder: nothing left behind)
                folds = folds_case(local_dir, windows)
            for line in unparsed:  # a failure: what the line names, if anything, is not copied (it was left out
                # without a word, and the exit status was 0 - found by QA)
                result.failed.append((rdir or ".", UNREAD_LINE.format(line=shown_line(line, lister.names.decode))))
            taken = FoldedNames(folded=folds)
            temporary = part_names(entries, windows, folds)
            for entry in entries:
                rpath = remote_join(rdir, entry.name)
                rpath_raw = remote_join(rdir_raw, entry.wire_name)
                seen += 1
                if seen > MAX_ENTRIES:
                    # a failure, not a skip: the copy is not complete (it exited 0 - found by QA)
                    result.failed.append((rpath, f"more than {MAX_ENTRIES} entries; the walk stopped here"))
                    stack.clear()
                    break
                if entry.type not in ("file", "dir", "link"):
                    result.report.skip(rpath, NOT_FILE_OR_FOLDER)
                    continue
                refused = unsendable_name(rpath_raw)  # no command can carry its name: a failure, the rest go on
                if refused is not None:
                    result.failed.append((rpath, str(refused)))
                    continue
                try:
                    name = safe_name(entry.name, windows=windows)
                    if entry.type != "dir":  # (its folder was resolved in full; a look at the name is enough)
                        lpath = join_name(local_dir, ldir, name)
                    else:
                        lpath = join_inside(local_dir, os.path.relpath(ldir, local_dir), name)
                except UnsafePath as exc:  # a failure, named escaped, as the window's queue fails it (a "skipped"
                    result.failed.append((rpath, str(exc)))  # line and exit 0 before: design note 201)
                    continue
                if entry.type == "link":
                    try:
                        to_folder = lister.is_folder(rpath_raw)
                    except FtpError as exc:
                        result.failed.append((rpath, str(exc)))
                        continue
                    if to_folder:  # (a loop through links cannot be seen in a LIST: the walk does not enter one)
                        result.report.skip(rpath, LINK_TO_FOLDER)
                        continue
                    # else a link to a file: its content is downloaded (RETR follows it), or a broken link fails
                if name in taken:
                    result.report.skip(rpath, f"its local name {name!r} collides with another entry")
                    continue
                if name in temporary:
                    result.report.skip(rpath, f"its local name {name!r} is another entry's temporary name")
                    continue
                taken.add(name)
                if name != entry.name:
                    result.report.renamed.append((rpath, name))
                if entry.type == "dir":
                    if depth + 1 > MAX_DEPTH:
                        result.failed.append((rpath, f"deeper than {MAX_DEPTH} levels; not copied"))
                        continue
                    unique = entry.facts.get("unique") if entry.raw_facts else None
                    if unique and met.met_before(unique):
                        result.report.skip(rpath, MET_BEFORE)
                        continue
                    if result.folders >= max_folders:  # a failure: the copy is not complete
                        result.failed.append((rpath, f"more than {max_folders} folders; the walk stopped here"))
                        stack.clear()
                        break
                    try:  # made from local_dir down, one folder at a time: a folder swapped for a link is refused
                        Folder.open(local_dir, lpath, create=True).close()
                    except UnsafePath as exc:
                        result.failed.append((rpath, str(exc)))
                        continue
                    except OSError as exc:
                        result.failed.append((rpath, str(folder_error(lpath, exc, create=True))))
                        continue
                    result.folders += 1
                    stack.append((rpath, rpath_raw, lpath, depth + 1))
                else:
                    if keep_existing and not resume and taken_by_a_file(lpath):
                        result.kept += 1  # (a person's file: never replaced without a word)
                        result.kept_links += os.path.islink(lpath)
                        continue
                    earlier = part_left(lpath) if keep_existing and not resume else None
                    if earlier is not None:  # (started afresh, what had come thrown away: design note 384)
                        result.failed.append((rpath, EARLIER_PART))
                        result.parts.append((rpath, *earlier))
                        continue
                    if resume and os.path.islink(lpath):  # (it began afresh, its rename replacing the link: 371)
                        result.failed.append((rpath, not_through_link(lpath)))
                        continue
                    text = is_ascii(transfer_type, rpath)
                    # MLSD's time is exact; LIST's is to the minute at best: MDTM's instead (kept, or a retry's)
                    exact = entry.exact_time
                    size = entry.size if entry.type == "file" else None  # (a link's size is its own, not its file's)
                    job = dict(resume=resume, size=size, inside=local_dir, ascii=text, exact_time=exact)
                    if keep_times:
                        job.update(keep_time=True, mtime=exact)
                    pool.submit(rpath, ("download", (rpath_raw, lpath), job))
    finally:
        _close(lister)  # (first: on a server that allows one connection an address, the transfers need it)
        pool.finish()
    return result


# ``get -r`` (no --resume, no --force) and a file's temporary file with what an earlier try received: kept
EARLIER_PART = "not downloaded: an earlier try left part of it; --force downloads it afresh"
# ``get -r --resume`` and a local link at a file's name (``get`` of one file says it before connecting: cli.py)
NOT_THROUGH_LINKS = (
    "{path} is a link; ftpgui does not write through links: to continue the file it leads to, get that file on "
    "its own; --force instead of --resume replaces the link"
)
# …a link that leads to nothing: there is no file to get or to name (it was said to be one: design note 377)
RESUME_LINK_TO_NOTHING = (
    "{path} is a link to {real}, which does not exist: there is nothing to continue; --force instead of --resume "
    "replaces the link"
)


def not_through_link(path: str) -> str:
    """Why ``--resume`` does not continue the local link ``path`` of ``get -r``: its words, true of a link that
    leads to nothing as well."""
    if not os.path.exists(path):
        return RESUME_LINK_TO_NOTHING.format(path=path, real=os.path.realpath(path))
    return NOT_THROUGH_LINKS.format(path=path)


class NotAFolder(Exception):
    """``download_tree``'s start is a file, or a link to one, not a folder (``lone_file``): nothing was made or
    transferred; the caller downloads it as the file it is (``ftpgui-cli get -r``: as ``get`` does)."""


def lone_file(session: FtpSession, path: bytes, entries: Optional[List[Entry]]) -> bool:
    """Whether a walk's start ``path`` is a file, or a link to one: no folder this session can enter (CWD) —
    ``entries``, its listing, then that file alone (vsftpd's LIST of a file's path lists the file: the walk
    downloaded ``f/f``, "550 Failed to open file"), or its listing refused (None: pure-ftpd's and proftpd's MLSD,
    "550 … not a directory") and its size given (SIZE: a missing path stays the listing's failure)."""
    if not path.strip(b"/"):
        return False
    if entries is not None and not own_file_line(path, entries):
        return False
    try:
        if session.is_folder(path):
            return False
        return entries is not None or session.size_or_none(path) is not None
    except FtpError:  # (refused for now, or the connection lost: not known to be a file; the walk says what it met)
        return False


def _make_pool(make_session: SessionFactory, parallel: int, result: MirrorResult, processes: bool, listener):
    """Forked processes when asked and safe (no GIL shared between the connections), else threads."""
    if processes and usable(parallel):
        return ProcessPool(
            make_session,
            parallel,
            result,
            fallback=lambda: _Pool(make_session, parallel, result, walking=False),  # (made when the walk is over)
            listener=listener,
        )
    return _Pool(make_session, parallel, result)


def part_names(entries: Iterable[Entry], windows: Optional[bool], folded: bool = True) -> FoldedNames:
    """The temporary names the files of one listing will be downloaded under: an entry with one of these
    names collides with another entry (its download would take over the other's temporary file)."""
    out = FoldedNames(folded=folded)
    for entry in entries:
        if entry.type in ("file", "link"):  # (a link to a file is downloaded as one)
            try:
                out.add(part_name(safe_name(entry.name, windows=windows)))
            except UnsafePath:
                pass
    return out


def upload_tree(
    make_session: SessionFactory,
    local_dir: str,
    remote_dir: str,
    *,
    parallel: int = 1,
    resume: bool = False,
    follow_links: bool = False,
    transfer_type: str = BINARY,
    processes: bool = False,
    listener: Optional[Callable[[Event], None]] = None,
    make_lister: Optional[SessionFactory] = None,
    keep_times: bool = False,
) -> MirrorResult:
    """Put the contents of ``local_dir`` into ``remote_dir`` (made if missing, as are missing folders above it:
    ``ensure_remote_dir``); with ``keep_times``, each file with its local modification time (MFMT, where the
    server has it).

    Symbolic links are skipped (reported); with ``follow_links``, a link to a file inside ``local_dir`` is
    uploaded as that file. A link leading out of ``local_dir``, or to a folder, never is. ``processes``,
    ``listener`` and ``make_lister`` as in ``download_tree``."""
    result = MirrorResult()
    lister = (make_lister or make_session)()
    pool = _make_pool(make_session, parallel, result, processes, listener)
    try:
        ensure_remote_dir(lister, remote_dir)
        stack: List[Tuple[str, str, int]] = [(local_dir, remote_dir, 0)]
        while stack:
            pool.submitted()
            ldir, rdir, depth = stack.pop()
            try:
                items = scan(local_dir, ldir)
            except UnsafePath as exc:
                result.failed.append((ldir, str(exc)))
                continue
            except OSError as exc:
                result.failed.append((ldir, f"Could not read the folder: {exc.strerror or exc}"))
                continue
            for item in items:
                rpath = remote_join(rdir, item.name)
                if item.kind == "dir":
                    if depth + 1 > MAX_DEPTH:
                        result.failed.append((item.path, f"deeper than {MAX_DEPTH} levels; not copied"))
                        continue
                    try:
                        ensure_remote_dir(lister, rpath)
                    except FtpError as exc:
                        result.failed.append((item.path, str(exc)))
                        continue
                    result.folders += 1
                    stack.append((item.path, rpath, depth + 1))
                    continue
                why = link_skipped(local_dir, item, follow_links)
                if why:
                    result.report.skip(item.path, why)
                elif item.kind in ("file", "link"):
                    linked = item.kind == "link"  # (only a link accepted above is followed when opened)
                    text = is_ascii(transfer_type, rpath)
                    job = dict(resume=resume, inside=local_dir, follow_links=linked, ascii=text, keep_time=keep_times)
                    pool.submit(item.path, ("upload", (item.path, rpath), job))
                else:
                    result.report.skip(item.path, NOT_FILE_OR_FOLDER)
    finally:
        _close(lister)  # (first, as in ``download_tree``)
        pool.finish()
    return result


LINKS_OFF = "a symbolic link; not followed (--follow-links uploads links to files inside the folder)"


def link_skipped(root: str, item: LocalEntry, follow_links: bool, off: str = LINKS_OFF) -> Optional[str]:
    """Why the local ``item`` of an upload from ``root`` is skipped as a symbolic link, or None (``off``: the
    words when links are not followed at all)."""
    if item.kind != "link":
        return None
    if not follow_links:
        return off
    if resolved_inside(root, item.path) is None:
        return LINK_LEADS_OUT
    if not os.path.isfile(item.path):
        return LINK_TO_NOTHING
    return None


def ensure_remote_dir(session: FtpSession, path: str) -> None:
    """Create the remote folder ``path`` and those above it that are missing, one level at a time (as
    ``mkdir -p``; never above what ``path`` names). A folder that cannot be made fails with the server's
    answer to its MKD (its reason: permission denied, a full disk), not with CWD's."""
    _made(session, path.rstrip("/"))


def _made(session: FtpSession, path: str) -> bool:
    """``ensure_remote_dir``'s work: True when ``path`` was made now, False when it was there."""
    if not path or path == "." or path == "/":
        return False
    try:
        session.mkd(path)
        return True
    except ReplyError as exc:
        refused = exc
    if session.is_folder(path):  # most servers answer 550 when it exists
        return False
    parent, _, name = path.rpartition("/")
    parent = parent.rstrip("/") or ("/" if path.startswith("/") else "")
    if name in ("", ".", "..") or not _made(session, parent):
        raise refused  # its parent was there: the reason is this MKD's
    try:
        session.mkd(path)
    except ReplyError:
        if not session.is_folder(path):  # (made meanwhile by another connection, or not)
            raise
    return True
