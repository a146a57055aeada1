"""Uploads of ``FtpSession``: a local file opened safely, sent with STOR, continued with APPE or REST where the
server has its start, and checked for changes while it was read (a mixin; the transfer itself, ``store``, is
:mod:`.filetransfer`'s)."""

from __future__ import annotations

import os
from datetime import datetime, timezone
from typing import Callable, Optional, Tuple

from .commands import RemotePath
from .errors import QT_TRANSLATE_NOOP, FtpError, LocalFileError, ReplyError, SourceChanged, not_uploaded, worded
from .events import ResumeUnchecked
from .localfs import open_source
from .resumecheck import StartCheck


class UploadMixin:
    """Upload a local file (``upload``), on the session's ``store`` and ``restarts_streams``."""

    acknowledged: int
    _transfer_sent: bool
    # an upload that failed once its STOR or APPE was on its way: (the bytes of the file the server had acknowledged,
    # counted from the file's first byte; the file's size; sent as text — its bytes on the wire are more than the
    # file's). Kept until the next such failure (or ``None`` set by the caller): ``ftpgui-cli put`` and ``put -r``
    # say it (design notes 400, 401)
    upload_cut: Optional[Tuple[int, int, bool]] = None

    def upload(
        self,
        local: str,
        remote: RemotePath,
        *,
        resume: bool = False,
        inside: Optional[str] = None,
        follow_links: bool = True,
        ascii: bool = False,
        keep_time: bool = False,
        writing: Optional[Callable[[], None]] = None,
    ) -> int:
        """Upload ``local`` to ``remote``; with ``resume``, continue from the size the server has.

        ``inside``: the folder the person chose (a folder upload). ``local`` is then opened from it one folder
        at a time, never through a link to a folder, and a link to a file is followed only with
        ``follow_links`` and only when it leads to a file inside that folder. A file whose size or time
        changes while it is read fails with ``SourceChanged``: the server's copy would be a mix. With
        ``ascii`` (TYPE A, LF sent as CRLF) the upload is never resumed: it starts from the first byte.
        With ``keep_time`` the server's copy gets the file's modification time (MFMT, where the server has it).
        ``writing()`` is called once the file is open, before STOR or APPE goes out: from then on the server's
        file may be this upload's work (the transfer queue notes it, ``transfers.writing``).
        """
        try:
            source = open_source(local, inside, follow_links, self._folders)
        except OSError as exc:
            raise worded(
                LocalFileError,
                QT_TRANSLATE_NOOP("engine", "Could not read {path}: {reason}"),
                path=local,
                reason=exc.strerror or exc,
            ) from exc
        with source:
            before = os.fstat(source.fileno())
            total = before.st_size
            offset = 0
            if resume and not ascii:
                there, have = self.size_if_there(remote)  # not there: an empty file too must be made
                if there and have == total:
                    return 0
                # larger: no start of this file; of no size said: nothing tells where to continue — APPE would
                # glue the file's bytes after whatever is there, STOR replace what nobody chose to replace
                # (notes 171, 336)
                shown = remote if isinstance(remote, str) else self.names.decode_path(remote)
                if there and (have is None or have > total):
                    raise not_uploaded(shown, local, have, total)
                if have is not None and 0 < have < total:
                    offset = have
                    # the server's bytes before the offset must be this file's: an unrelated file of the same
                    # name was continued into a mix of the two (found by QA, note 474)
                    self._check_start(remote, shown, source.fileno(), offset, local)
            if writing is not None:
                writing()
            self._transfer_sent = False  # (set once STOR or APPE is written, after the transfer's counts restart)
            try:
                if ascii:
                    sent = self.store(remote, source, total=total, ascii=True)
                elif offset:
                    source.seek(offset)  # (a file just opened is at its first byte)
                    try:
                        append = not self.restarts_streams()
                        sent = self.store(remote, source, rest=0 if append else offset, append=append, total=total)
                    except ReplyError as exc:
                        if not exc.restart_refused:
                            raise
                        offset = 0  # the server cannot continue it: the whole file from its first byte (as downloads)
                        source.seek(0)
                        sent = self.store(remote, source, total=total)  # (STOR replaces the server's part)
                else:
                    sent = self.store(remote, source, total=total)
            except BaseException:
                # only once its STOR or APPE went out: a try that never got that far (its reconnect refused, the
                # server gone) changed nothing there — an earlier try's count stands, a file never begun is no
                # upload cut off (found by QA: a retry that could not connect said "none of it" of a file the
                # server kept 11.6 MiB of, and a file never started was counted as cut; note 401's addendum)
                if self._transfer_sent:
                    self.upload_cut = (offset + self.acknowledged, total, ascii)
                raise
            after = os.fstat(source.fileno())
            read = source.tell() if ascii else offset + sent  # ASCII: the bytes on the wire are more than read
            if read != total or (after.st_size, after.st_mtime_ns) != (total, before.st_mtime_ns):
                raise worded(
                    SourceChanged,
                    QT_TRANSLATE_NOOP("engine", "The file changed while it was being uploaded: {path}"),
                    path=local,
                )
        if keep_time and "MFMT" in self.features:
            try:
                self.mfmt(remote, datetime.fromtimestamp(before.st_mtime, timezone.utc))
            except FtpError:
                pass  # the file is complete; its time is a nicety
        return sent

    def _check_start(self, remote: RemotePath, shown: str, fd: int, offset: int, local: str) -> None:
        """Before a resumed upload from ``offset`` (the size of the server's file): read back the server's last
        ``resumecheck.OVERLAP`` bytes before it (REST and RETR on one data connection, in the session's mode and
        TYPE I) and compare them with the local file's at the same offsets — ``NotAStart`` when they differ, the
        server's file untouched. A server that will not send the file back (REST or RETR refused: a write-only
        upload folder's 550) leaves it unchecked: the resume goes on as before, said by ``ResumeUnchecked``
        (design note 474)."""
        check = StartCheck(fd, offset, local, shown)

        def run(sock: object, progress: Callable[[int], None]) -> int:
            return check.read(sock, self._waker, self.options.timeout, self.pace)  # type: ignore[arg-type]

        try:
            self._transfer(f"RETR {self._arg(remote)}", rest=check.start, run=run)
        except ReplyError as exc:
            self.emit(ResumeUnchecked(self.id, path=local, remote=shown, offset=offset, reply=f"{exc.code} {exc.text}"))
