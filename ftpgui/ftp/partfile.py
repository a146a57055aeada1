"""A download's temporary file (``localpath.part_name``): the one to continue, a fresh one, and (a download
failed before any byte) its removal — each by name in an open ``localfs.Folder``, never through a link,
never trusting what was at the name before."""

from __future__ import annotations

import errno
import os
from dataclasses import dataclass
from typing import Optional, Tuple

from .errors import not_resumable
from .localfs import NOFOLLOW, NONBLOCK, Folder, trusted_file


def opened_if_trusted(folder: Folder, name: str) -> Tuple[Optional[int], bool]:
    """(``name`` opened for writing if it is a file ftpgui may continue, whether something else is there).

    Opened without following a link and without blocking (a FIFO would wait for a reader forever), then
    checked with ``fstat``: a regular file with one name, owned by this user (``localfs.trusted_file``)."""
    try:
        fd = folder.open_file(name, os.O_RDWR | NOFOLLOW | NONBLOCK)
    except FileNotFoundError:
        return None, False
    except OSError as exc:
        if exc.errno in (errno.ELOOP, errno.ENXIO, errno.EISDIR, errno.EOPNOTSUPP):
            return None, True  # a link, a socket, a folder
        raise
    try:
        if not trusted_file(os.fstat(fd)):
            os.close(fd)
            return None, True
        if NONBLOCK:
            os.set_blocking(fd, True)
    except BaseException:
        os.close(fd)
        raise
    return fd, False


def continued(folder: Folder, part: str, name: str, total: Optional[int]) -> Tuple[Optional[int], int, bool]:
    """(the file to continue, opened, its size, whether it is the file under the final name) for a resumed
    download, or (None, 0, False) to start afresh.

    Without a temporary file, a file under the final name is continued: one as large as ``total`` is complete
    (the caller writes nothing to it). One larger than ``total``, or with no ``total`` to compare it with, is no
    start of the file anything can tell: ``NotResumable``, and it is left as it is — it was replaced by the whole
    file, a file nobody chose to replace (found by QA, design note 171). A temporary file as large as ``total`` is
    no proof of a complete file (a server's SIZE may say less than its RETR sends): the caller asks the server for
    the rest, which must be nothing (design note 423). Whatever is continued, the caller first compares its last
    bytes with the server's at that offset (``resumecheck``, design note 428)."""
    fd, _ = opened_if_trusted(folder, part)
    if fd is None:
        fd, _ = opened_if_trusted(folder, name)  # a file under the final name: continue it
        if fd is not None:
            have = os.fstat(fd).st_size
            if total is None or have > total:
                os.close(fd)
                raise not_resumable(folder.join(name), have, total)
            try:
                folder.rename(name, part)
            except BaseException:
                os.close(fd)
                raise
            return fd, have, True
    if fd is None:
        return None, 0, False
    have = os.fstat(fd).st_size
    if total is not None and have > total:
        os.close(fd)  # longer than the file: not a start of it
        return None, 0, False
    return fd, have, False


@dataclass(frozen=True)
class Left:
    """What a download that failed left in its temporary file: the file (the folder's path and the name), which
    file it is and as it was (device, inode, size, time of the last write), and which server file it holds the
    start of — its byte count and its modification time (POSIX seconds) known before that try's RETR: an exact
    listing's (MLSD) or MDTM's. Kept by the session for the download's next try (``continued_own``), or by its
    caller (the window's queue keeps it with its item, across a restart). ``ended`` False: noted as the try
    began (``FtpSession.download``'s ``noted``), before its end was known — which file only, its size and last
    write then: what stands when the try never reported its end (the app killed)."""

    folder: str
    part: str
    file: Tuple[int, int, int, int]
    total: int
    stamp: float
    ended: bool = True


def left_behind(
    folder: Folder,
    part: str,
    st: os.stat_result,
    total: Optional[int],
    stamp: Optional[float],
    ended: bool = True,
) -> Optional[Left]:
    """The ``Left`` of a temporary file in status ``st`` holding the start of a file of ``total`` bytes last
    modified at ``stamp``; None when there is nothing to continue (no byte; ``ended`` False: the try is only
    beginning, any start will do), or nothing a next try could tell the same server file by (no byte count, or
    no exact time: design note 198)."""
    if total is None or stamp is None or st.st_size >= total or (ended and not st.st_size):
        return None
    return Left(folder.path, part, _as_left(st), total, stamp, ended)


def continued_own(
    folder: Folder, part: str, was: Optional[Left], total: Optional[int], stamp: Optional[float]
) -> Tuple[Optional[int], int]:
    """(the temporary file a failed try of this download left, opened, and its size) to continue, or (None, 0).

    Only the very file that try wrote (``was``), as it left it — the same file, size and time of the last write:
    nothing wrote to it since, no other file took its name — for the same server file as then: the same byte
    count (``total``: SIZE's answer now, never a listing's) and the same modification time (``stamp``: MDTM's
    answer now). A byte count alone is no proof: a file published again with other bytes of the same length
    was continued, the old file's start before the new one's rest (design note 198). A start whose end is
    unknown (no byte count: a listing's blocks or records, note 170) is never continued: a server that ignored
    REST could not be told from one that honoured it. A record noted as the try began (``ended`` False: the
    app was killed before the try's end was known) holds the same file (device and inode), no longer than the
    server's (design note 203)."""
    if was is None or total is None or stamp is None:
        return None, 0
    if (was.folder, was.part, was.total, was.stamp) != (folder.path, part, total, stamp):
        return None, 0
    fd, _ = opened_if_trusted(folder, part)
    if fd is None:
        return None, 0
    st = os.fstat(fd)
    now = _as_left(st)
    other = (now != was.file) if was.ended else (now[:2] != was.file[:2] or st.st_size > total)
    if other:
        os.close(fd)
        return None, 0
    return fd, st.st_size


def _as_left(st: os.stat_result) -> Tuple[int, int, int, int]:
    return st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns


def fresh(folder: Folder, part: str) -> int:
    """A new, empty temporary file; whatever had its name goes (the name only: a hard link's other names,
    a link's target and a FIFO's readers are untouched)."""
    flags = os.O_RDWR | os.O_CREAT | os.O_EXCL | NOFOLLOW
    try:  # (usually nothing is there: one open, no look first)
        return folder.open_file(part, flags, 0o666)
    except OSError as exc:  # O_EXCL: anything by that name, a dangling link too (the Windows way: ELOOP)
        if exc.errno not in (errno.EEXIST, errno.ELOOP):
            raise
        folder.unlink(part)
    return folder.open_file(part, flags, 0o666)


def remove_if_empty(folder: Folder, part: str, made: os.stat_result) -> None:
    """Remove the temporary file a failed download made (``made``: its status; no byte came), so no empty
    ``NAME.ftpgui-part`` is left: by its name in ``folder``, and only while that name is still the empty file
    made — never a file that was there before (closed first: Windows removes no open file). A failure to
    remove it is no failure of the download's own."""
    if made.st_size:
        return
    try:
        there = folder.lstat(part)
        if there is not None and os.path.samestat(there, made) and there.st_size == 0:
            folder.unlink(part)
    except OSError:
        pass


class Unchecked(int):
    """The bytes a resumed download received when nothing could check that the file is complete: the server
    gave no SIZE answer and no listing gave its byte count (none, or VMS's blocks: ``ApproximateSize``). The
    226 says the bytes after REST came, not that the temporary file held the file's start nor that the
    server honoured REST. ``download`` returns it as the count it is; the queue and the CLI say so."""

    __slots__ = ()

    def __repr__(self) -> str:
        return f"Unchecked({int(self)})"
