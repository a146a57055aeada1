"""File transfers of ``FtpSession``: RETR into a temporary file, STOR, resume and the checks around them (a
mixin; ``upload`` is :mod:`.upload`'s, on ``store``; the listings are :mod:`.listings`)."""

from __future__ import annotations

import os
from typing import BinaryIO, Callable, Optional, Sequence, Tuple

from . import datachannel as dc
from .commands import RemotePath
from .errors import (
    QT_TRANSLATE_NOOP,
    FtpError,
    LocalFileError,
    ReplyError,
    SizeExceeded,
    TransferFailed,
    worded,
)
from .listing import ApproximateSize
from .localfs import Folder, FolderCache
from .localpath import folder_error, part_name
from .partfile import Left, Unchecked, continued, continued_own, fresh, left_behind, remove_if_empty
from .replies import MAX_OFFSET
from .resumecheck import NotAPart, Overlap, local_bytes
from .transfertype import LocalLineEnds, growth_limit, wire_source

_UTIME_FD = os.utime in os.supports_fd  # (not on Windows: there the name's time is set after the rename)
TIMED_FROM = 1 << 20  # bytes: a file that may be tried again has its time asked (MDTM) before its RETR from here
# (one round trip; below it, a retry from byte 0 costs little more — a tree of small files is spared one a file)


class FileTransferMixin:
    """What a file transfer does around its data connection: local files, resume, checks."""

    _folders: FolderCache  # the local folder of the last file of a tree, kept open for the next one
    _part_left: Optional[Left] = None  # what the last download left in its temporary file when it failed
    _others: Sequence[Tuple[str, int]] = ()  # ``download``'s ``others``, for its space check
    _check_whole = False  # ``download``'s ``check_whole``
    pace: Optional[dc.Pace] = None  # the speed limit (``FtpSession.pace``)

    def release_folders(self) -> None:
        """Close the local folder kept open for a tree's next file (``localfs.FolderCache``): call it when no
        more files of the tree follow, so the folder is not held (a disk can be unmounted)."""
        self._folders.clear()

    def set_local_time(self, local: str, when: float, inside: Optional[str] = None) -> None:
        """Set a downloaded file's modification (and access) time to ``when`` (POSIX seconds), not following a
        link. ``inside`` as for ``download``: the folder the download just used is still open, so no folder
        is opened again on the way down (three ``open`` calls a file in a tree)."""
        folder_path, name = os.path.split(os.path.abspath(local))
        if inside is not None:
            self._folders.get(inside, folder_path).utime(name, when)
            return
        with Folder.open(folder_path, folder_path) as folder:
            folder.utime(name, when)

    def retrieve(
        self,
        path: RemotePath,
        write: Callable[[memoryview], object],
        *,
        rest: int = 0,
        total: Optional[int] = None,
        ascii: bool = False,
        overlap: Optional[Overlap] = None,
    ) -> int:
        """RETR ``path`` into ``write`` (called per block), from byte ``rest``; returns bytes received.
        With ``ascii``: in TYPE A, the wire's CRLF written as the local line end (never resumed). ``overlap``:
        a resume's check (``resumecheck``; ``write`` a ``FileSink``): REST at its ``start``, the bytes up to
        ``rest`` compared, not written."""
        if ascii:
            lines = LocalLineEnds(write)

            def run(sock: object, progress: Callable[[int], None]) -> int:
                got = dc.receive(sock, lines, self._waker, self.options.timeout, progress, pace=self.pace)
                lines.finish()
                return got

            return self._transfer(f"RETR {self._arg(path)}", total=total, ascii=True, run=run)
        if overlap is not None:
            rest = overlap.start

            def run(sock: object, progress: Callable[[int], None]) -> int:
                return overlap.receive(sock, write, self._waker, self.options.timeout, progress, self.pace)

        else:

            def run(sock: object, progress: Callable[[int], None]) -> int:
                return dc.receive(sock, write, self._waker, self.options.timeout, progress, pace=self.pace)

        return self._transfer(f"RETR {self._arg(path)}", rest=rest, total=total, run=run)

    def store(
        self,
        path: RemotePath,
        source: BinaryIO,
        *,
        rest: int = 0,
        append: bool = False,
        total: Optional[int] = None,
        ascii: bool = False,
    ) -> int:
        """STOR (or APPE) ``source`` from its current position; returns bytes sent. With ``ascii``: in
        TYPE A, local LF sent as CRLF (``rest`` is then not used: an ASCII transfer restarts from zero)."""
        verb = "APPE" if append else "STOR"
        data = wire_source(source, ascii)
        return self._transfer(
            f"{verb} {self._arg(path)}",
            rest=0 if ascii else rest,
            total=total,
            ascii=ascii,
            run=lambda sock, progress, control=None: dc.send(
                sock, data, self._waker, self.options.timeout, progress, control, self.pace
            ),
        )

    def download(
        self,
        remote: RemotePath,
        local: str,
        *,
        resume: bool = False,
        size: Optional[int] = None,
        inside: Optional[str] = None,
        ascii: bool = False,
        keep_time: bool = False,
        mtime: Optional[float] = None,
        time_shift: float = 0.0,
        retry: bool = False,
        exact_time: Optional[float] = None,
        may_retry: bool = False,
        left: Optional[Left] = None,
        noted: Optional[Callable[[Optional[Left]], None]] = None,
        others: Sequence[Tuple[str, int]] = (),
        check_whole: bool = False,
    ) -> int:
        """Download to ``local`` through its temporary name (``localpath.part_name``), renamed only when
        complete; returns bytes received — an ``Unchecked`` count for a resume with no size to check it by.

        With ``resume``, continues the temporary file (or a smaller existing ``local``) with REST — asked
        ``resumecheck.OVERLAP`` bytes before its end, the bytes the server sends up to there compared with the
        file's own: a file that is no part of the server's fails with ``NotAPart`` (a ``NotResumable``), left as it
        was, its name and time too; a ``retry``'s own temporary file is fetched from the first byte then. ``size`` is
        the size a listing just gave: used instead of asking SIZE (except to resume), checked with SIZE only
        when the bytes received differ from it, and standing where SIZE has no answer. ``inside`` is the folder
        the person chose (default: ``local``'s own): ``local``'s folder is opened from it one folder at a time,
        never through a link, so a folder swapped for a link meanwhile is refused rather than written through.

        Nothing already at the temporary name is trusted: it is continued only when it is a regular file with
        no other name, owned by this user; anything else there (a hard link, a FIFO, a link) is removed — only
        the name — and a fresh file made. When the size is known, no byte past it is written, and a download
        that would not fit in the free space fails before it starts.

        With ``ascii`` (TYPE A, line ends converted): never resumed, and its size not compared with the
        server's (the conversion changes it); it may not grow past twice the announced size.

        With ``keep_time`` the file gets the server's modification time: ``mtime`` (POSIX seconds, from a
        listing), else MDTM's — a nicety: when neither can be had, the file keeps the time it was written.
        ``time_shift`` (seconds) is added to either: a site whose server's clock is known to be off (the
        queue's time offset of a saved site).

        ``retry``: this is the next try of the download that failed last on this session (``procpool.Retries``).
        The temporary file that try wrote is this run's own: it is continued with REST, as FileZilla continues
        its own retries, where that is safe — the same file, untouched since; the same server file: its byte
        count (SIZE asked again: a listing's is no answer) and its modification time (MDTM asked now) those of
        the try that failed; and a server that restarts a stream (``REST STREAM``). Else the file is fetched
        from its first byte, as without ``retry``. Never a file the try did not write, never by an ASCII
        transfer. ``may_retry``: a failed try will be tried again so (``procpool.Retries``): the server's time
        of the file is noted before its RETR — ``exact_time``, the time an exact listing gave (MLSD's, POSIX
        seconds; never a LIST time, to the minute at best), else MDTM's, asked for a file of at least
        ``TIMED_FROM`` bytes. Without such a time, a retry starts from the first byte (design note 198).

        ``left``: what an earlier try of this download left (``partfile.Left``), kept by the caller rather than
        by this session — the window's queue keeps it with its item, across connections and restarts: this is
        its ``retry``, continuing that as it would this session's own. ``noted(left)`` tells such a caller what
        to keep: once the temporary file is open, before the RETR (the record as the try begins, or None: no
        next try could continue it), and again with what the try left when it fails (design note 203).

        ``others``: (file, bytes still to write) of the caller's other downloads under way (the queue's, in
        other transfer processes): those on this file's file system count against the free space too — each
        that can still be written there (``Folder.held_by``).

        ``check_whole``: a resumed file under the final name as large as the server's is not taken as complete on
        its size: its last bytes are compared with the server's (``NotAPart`` when they differ), and nothing
        more may come, as for a temporary file (the window's queue: a begun item's own file, design note 463).
        """
        self._others = others
        self._check_whole = check_whole
        if left is not None:
            self._part_left, retry = left, True
        elif not retry:
            self._part_left = None  # (a try of its own: what another download left is no record of it)
        on_file = keep_time and mtime is not None and _UTIME_FD  # (set on the open file before its rename)
        when = mtime + time_shift if on_file else None  # type: ignore[operator]
        timed = (exact_time, may_retry)
        received = self._download_file(remote, local, resume, size, inside, ascii, when, retry, timed, noted)
        if keep_time and not on_file:
            self._keep_server_time(remote, local, mtime, inside, time_shift)
        return received

    def _download_file(
        self,
        remote: RemotePath,
        local: str,
        resume: bool,
        size: Optional[int],
        inside: Optional[str],
        ascii: bool,
        when: Optional[float] = None,
        retry: bool = False,
        timed: Tuple[Optional[float], bool] = (None, False),
        noted: Optional[Callable[[Optional[Left]], None]] = None,
    ) -> int:
        folder_path, name = os.path.split(os.path.abspath(local))
        try:
            if inside is not None:  # a tree: its next file is likely in the same folder, kept open
                folder = self._folders.get(inside, folder_path)
            else:
                folder = Folder.open(folder_path, folder_path)
        except OSError as exc:
            raise folder_error(folder_path, exc) from exc
        resume = resume and not ascii
        again = retry and not resume and not ascii  # (a resume continues whatever is there, as asked)
        timed = timed if not (resume or ascii) else (None, False)
        if inside is not None:
            return self._download_into(folder, remote, name, resume, size, ascii, when, again, timed, noted)
        with folder:
            return self._download_into(folder, remote, name, resume, size, ascii, when, again, timed, noted)

    def _keep_server_time(
        self, remote: RemotePath, local: str, mtime: Optional[float], inside: Optional[str], shift: float = 0.0
    ) -> None:
        """After the file stays: its time set by name (where it cannot be set on the open file), or MDTM's
        (a listing gave none, or only a date). Nothing here fails the download: the file is complete."""
        try:
            if mtime is None:
                if "MDTM" not in self.features:
                    return
                mtime = self.mdtm(remote).timestamp()
            self.set_local_time(local, mtime + shift, inside)
        except (FtpError, OSError):
            pass  # (a connection lost after the transfer, a reply that is no time, a file gone meanwhile)

    def _download_into(
        self,
        folder: Folder,
        remote: RemotePath,
        name: str,
        resume: bool,
        size: Optional[int],
        ascii: bool = False,
        when: Optional[float] = None,
        again: bool = False,
        timed: Tuple[Optional[float], bool] = (None, False),
        noted: Optional[Callable[[Optional[Left]], None]] = None,
    ) -> int:
        """``download``'s work in ``folder``; ``when``: the modification time to give the file (POSIX seconds),
        set on it once written, before the rename (no look-up of its name again); ``again``: ``download``'s
        ``retry``; ``timed``: its ``exact_time`` and ``may_retry``; ``noted``: its own."""
        part = part_name(name)
        part_path = folder.join(part)
        was, self._part_left = self._part_left, None  # (what the last failed try left: for its next try only)
        # a listed size that is no byte count (VMS's blocks, MVS's records) or more than any file holds holds the file
        # to nothing: SIZE is asked instead; so does a try again (the server's file may have changed since)
        exact = None if isinstance(size, ApproximateSize) or (size is not None and size > MAX_OFFSET) else size
        listed = exact is not None and not (resume or again)
        asked = None if listed else self.known_size(remote)
        total = exact if listed else asked
        if total is None and exact is not None:  # resumed, and SIZE gave no answer: the listing's size stands
            total, listed = exact, True
        # a retry continues only the same server file: SIZE's byte count (never the listing's) and MDTM's time now
        # those of the try that failed (note 198); a try that may be retried notes the time before its RETR
        continuing = again and was is not None and asked == was.total and self.restarts_streams()
        exact_time, may_retry = timed
        now = None
        if continuing or (may_retry and exact_time is None and total is not None and total >= TIMED_FROM):
            now = self.mdtm_or_none(remote)
        stamp = now if now is not None else exact_time  # (the server's time of the file, known before the RETR)
        offset = 0
        fd: Optional[int] = None
        made = False  # the temporary file is this attempt's own (not one continued)
        final = False  # resumed: the file under the final name (renamed to the temporary one)
        whole = False  # …as large as ``total``: complete, nothing fetched
        try:
            if resume:
                fd, offset, final = continued(folder, part, name, total)
                whole = final and offset == total and offset > 0 and not self._check_whole
            elif continuing:
                fd, offset = continued_own(folder, part, was, asked, now)
            if total is not None and total > offset:
                _check_space(folder, total - offset, self._others)
            if fd is None:
                fd, made = fresh(folder, part), True
        except OSError as exc:
            if fd is not None:
                os.close(fd)
            raise dc.write_error(part_path, exc) from exc
        except BaseException:
            if fd is not None:
                os.close(fd)
            raise
        received = 0
        failed: Optional[os.stat_result] = None  # the file made, when the download failed
        back = False  # a resumed file under the final name found no part of the server's: its name given back
        try:
            if noted is not None:  # (the record as the try begins: the app may be killed before it ends)
                noted(None if stamp is None else left_behind(folder, part, os.fstat(fd), total, stamp, ended=False))
            # resumed: the server's bytes before the offset must be the file's own (REST ``OVERLAP`` bytes earlier);
            # a file of the same name, or a server file changed since, was continued and stamped "Done" (note 428)
            overlap = Overlap(fd, offset, folder.join(name) if final else part_path) if offset and not whole else None
            if offset:
                os.lseek(fd, offset, os.SEEK_SET)
            # a temporary file as large as the server's SIZE is not taken as complete on that word alone: REST at
            # its end and RETR must bring nothing — a server whose SIZE said 10 bytes of a 12.8 MB file turned the
            # 10-byte part its refused download left into the "complete" file on ``get --resume`` (note 423)
            if not whole:
                try:
                    expected = None if total is None else total - offset
                    sink = dc.FileSink(fd, part_path, expected, limit=growth_limit(expected, ascii))
                    received = self.retrieve(remote, sink, rest=offset, total=total, ascii=ascii, overlap=overlap)
                    if overlap is not None:
                        if overlap.short:  # (the server's file ended before the local file's end)
                            raise overlap.mismatch(b"")
                        received -= len(overlap.head)
                except NotAPart as exc:  # a retry's own temporary file is fetched again; so is the file of a server
                    if not (continuing or _sent_whole(fd, overlap, exc.seen)):  # that ignored REST; else as it was
                        raise
                    offset = 0
                    received = self._again(remote, fd, part_path, total, ascii)
                except SizeExceeded:
                    if not offset:  # (resumed, the server may have ignored REST and sent from its first byte: a
                        if not listed:  # mix of two streams; it starts again from there, as after a refused REST)
                            raise
                        now = self.known_size(remote)  # the listing's size may be old: the file grew since
                        if now is None or total is None or now <= total:
                            raise
                        total, listed = now, False
                    offset = 0
                    received = self._again(remote, fd, part_path, total, ascii)
                except ReplyError as exc:
                    if not (offset and exc.restart_refused):
                        raise
                    offset = 0  # the server cannot restart: start again from the first byte
                    received = self._again(remote, fd, part_path, total, ascii)
            if when is not None:
                try:
                    os.utime(fd, (when, when))
                except (OSError, ValueError, OverflowError):
                    pass  # its time is a nicety
            own = os.fstat(fd)
            got = own.st_size
        except BaseException as exc:  # (550: no such file; no data connection; cancelled…)
            st = os.fstat(fd)
            failed = st if made else None
            back = final and isinstance(exc, NotAPart)
            if not ascii:  # (what its next try may continue: ``retry``; nothing of a file that is no part)
                self._leave(None if isinstance(exc, NotAPart) else left_behind(folder, part, st, total, stamp), noted)
            raise
        finally:
            os.close(fd)
            if failed is not None:
                remove_if_empty(folder, part, failed)
            if back:  # (the file as it was, under its name; failing that, kept under the temporary one)
                try:
                    folder.rename(part, name)
                except OSError:
                    pass
        if ascii:
            total, listed = None, False  # the byte count changed with the line ends: nothing to compare it with
        if listed and got != total:  # the file may have changed since it was listed; without a SIZE answer the
            now = self.known_size(remote)  # listing's size stands
            total = now if now is not None else total
        if total is not None and got != total:
            self._leave(left_behind(folder, part, own, total, stamp), noted)  # (a data connection closed early)
            raise worded(
                TransferFailed,
                QT_TRANSLATE_NOOP("engine", "The download is incomplete: {got} of {total} bytes."),
                _init={"received": received},
                got=got,
                total=total,
            )
        there = folder.lstat(part)  # another transfer to this file (another app's) made its own temporary file
        if there is None and folder.gone():  # (or the folder was deleted meanwhile, the file with it)
            raise worded(  # a local failure, not the transfer's: tried again, it only failed to open the folder
                LocalFileError,
                QT_TRANSLATE_NOOP(
                    "engine", "The folder {folder} was deleted during the download; the file was not saved."
                ),
                folder=folder.path,
            )
        if there is None or (there.st_dev, there.st_ino) != (own.st_dev, own.st_ino):
            raise worded(
                TransferFailed,
                QT_TRANSLATE_NOOP(
                    "engine",
                    "Another transfer replaced the temporary file {path} while this one wrote it; "
                    "nothing was renamed to the file's name.",
                ),
                _init={"received": received},
                path=part_path,
            )
        _local(folder.rename, part, name, folder)
        return Unchecked(received) if offset and total is None else received  # (a resume nothing could check)

    def _leave(self, left: Optional[Left], noted: Optional[Callable[[Optional[Left]], None]]) -> None:
        """Keep what a failed try left for its next one (``retry``), and tell a caller that keeps it (``noted``)."""
        self._part_left = left
        if noted is not None:
            noted(left)

    def _again(self, remote: RemotePath, fd: int, part_path: str, total: Optional[int], ascii: bool = False) -> int:
        """Download ``remote`` into the file ``fd`` once more from its first byte."""
        os.lseek(fd, 0, os.SEEK_SET)
        os.ftruncate(fd, 0)
        sink = dc.FileSink(fd, part_path, total, limit=growth_limit(total, ascii))
        return self.retrieve(remote, sink, total=total, ascii=ascii)

    def restarts_streams(self) -> bool:
        """Whether the server continues a stream transfer from a byte offset (FEAT's ``REST STREAM``)."""
        return "STREAM" in self.features.get("REST", "").upper()


def _sent_whole(fd: int, overlap: Optional[Overlap], seen: bytes) -> bool:
    """Whether the server sent a resume's overlap from the file's first byte — it answered REST and ignored it:
    what it sent is the local file's start (the file is then fetched whole, as after a refused REST)."""
    return overlap is not None and overlap.start > 0 and bool(seen) and seen == local_bytes(fd, 0, len(seen))


def _check_space(folder: Folder, needed: int, others: Sequence[Tuple[str, int]] = ()) -> None:
    """Fail before the download when the disk has less free space than it needs — with what ``others``, other
    downloads under way, still have to write there: two that each fitted alone both started and both failed
    "Disk full", their temporary files eating the space (found by QA); now the later one fails in words.
    ``others`` is what was under way as this download was handed out: one among them that has not begun to write
    and needs more than is free fails its own check (or has), and holds nothing (``Folder.held_by``)."""
    free = folder.free_space_for(needed)  # (a reading kept up to a second: a tree's small files ask once)
    if free is None or needed + sum(left for _path, left in others) <= free:
        return  # (fits even were every other download on this file system: none of their folders looked at)
    if others:
        now = folder.free_space()  # (now, not the kept reading: the others have been writing since)
        free = free if now is None else now
    held = folder.held_by(others, free) if others else 0
    if needed + held <= free:
        return
    if needed > free:
        raise worded(
            LocalFileError,
            QT_TRANSLATE_NOOP("engine", "Not enough space in {path}: {needed} bytes needed, {free} bytes free."),
            path=folder.path,
            needed=needed,
            free=free,
        )
    raise worded(LocalFileError, SHARED_SPACE, path=folder.path, needed=needed, free=free, held=held)


SHARED_SPACE = QT_TRANSLATE_NOOP(
    "engine",
    "Not enough space in {path} while other downloads are under way: {needed} bytes needed, {free} bytes free, "
    "{held} bytes of them still to be written by the other downloads. Retry once they have finished.",
)


def _local(move: Callable[[str, str], None], src: str, dst: str, folder: Optional[Folder] = None) -> None:
    """A rename on the local disk, its failure (a folder in the way, permissions) in words."""
    try:
        move(src, dst)
    except OSError as exc:
        raise worded(
            LocalFileError,
            QT_TRANSLATE_NOOP("engine", "Could not rename {source} to {target}: {reason}"),
            source=folder.join(src) if folder else src,
            target=folder.join(dst) if folder else dst,
            reason=exc.strerror or exc,
        ) from exc
