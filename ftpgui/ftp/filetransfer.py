"""Listings and file transfers of ``FtpSession``: LIST/MLSD, RETR into ``NAME.part``, STOR (a mixin)."""

from __future__ import annotations

import os
import time
from datetime import datetime
from typing import BinaryIO, Callable, List, Optional

from . import datachannel as dc
from .commands import RemotePath
from .errors import (
    QT_TRANSLATE_NOOP,
    LocalFileError,
    ReplyError,
    TransferFailed,
    worded,
)
from .listing import Entry, parse_list, parse_mlsd, utc_offset


class FileTransferMixin:
    """What a listing or a file transfer does around its data connection: local files, resume, checks."""

    def list_raw(self, path: Optional[RemotePath] = None, command: str = "LIST") -> bytes:
        """The raw bytes of LIST, MLSD or NLST (each over a data connection)."""
        out = bytearray()
        line = command + (f" {self._arg(path)}" if path else "")
        self._transfer(
            line,
            run=lambda sock, progress: dc.receive(
                sock,
                out.extend,
                self._waker,
                self.options.timeout,
                progress,
                limit=self.options.listing_limit,
                deadline=time.monotonic() + self.options.listing_timeout,  # from the first byte's wait
            ),
        )
        return bytes(out)

    def listdir(self, path: Optional[RemotePath] = None, *, now: Optional[datetime] = None) -> List[Entry]:
        """Entries of a directory: MLSD where the server offers it, else LIST (``LIST -a`` with
        ``list_hidden``). Names are decoded with the session's encoding and keep their raw bytes."""
        if "MLST" in self.features and not self._no_mlsd:
            try:
                return parse_mlsd(self.list_raw(path, "MLSD"), self.names.decode)
            except ReplyError as exc:
                if exc.code not in (500, 502, 504):
                    raise
                self._no_mlsd = True  # offered in FEAT but not implemented: LIST from now on
        data = None
        if self.options.list_hidden and not self._no_list_a:
            try:
                data = self.list_raw(path, "LIST -a")
            except ReplyError as exc:
                if exc.code < 500:
                    raise
                data = self.list_raw(path, "LIST")
                self._no_list_a = True  # refused -a, but a plain LIST works: do not ask again
        if data is None:
            data = self.list_raw(path, "LIST")
        tz = utc_offset(self.options.server_time_offset)
        return parse_list(data, now=now, tz=tz, decode=self.names.decode)

    # --- file transfers -----------------------------------------------------------------------
    def retrieve(
        self, path: RemotePath, write: Callable[[memoryview], object], *, rest: int = 0, total: Optional[int] = None
    ) -> int:
        """RETR ``path`` into ``write`` (called per block), from byte ``rest``; returns bytes received."""
        return self._transfer(
            f"RETR {self._arg(path)}",
            rest=rest,
            total=total,
            run=lambda sock, progress: dc.receive(sock, write, self._waker, self.options.timeout, progress),
        )

    def store(
        self, path: RemotePath, source: BinaryIO, *, rest: int = 0, append: bool = False, total: Optional[int] = None
    ) -> int:
        """STOR (or APPE) ``source`` from its current position; returns bytes sent."""
        verb = "APPE" if append else "STOR"
        return self._transfer(
            f"{verb} {self._arg(path)}",
            rest=rest,
            total=total,
            run=lambda sock, progress: dc.send(sock, source, self._waker, self.options.timeout, progress),
        )

    def download(self, remote: RemotePath, local: str, *, resume: bool = False, size: Optional[int] = None) -> int:
        """Download to ``local`` through ``local.part``, renamed only when complete; returns bytes received.

        With ``resume``, continues ``local.part`` (or a smaller existing ``local``) with REST. ``size`` is
        the size a listing just gave: used instead of asking SIZE (except to resume), and checked with
        SIZE only when the bytes received differ from it.
        """
        part = local + ".part"
        listed = size is not None and not resume
        total = size if listed else self.size_or_none(remote)
        offset = 0
        if resume:
            if os.path.exists(part):
                offset = os.path.getsize(part)
            elif os.path.isfile(local) and total is not None and os.path.getsize(local) < total:
                _local(os.replace, local, part)
                offset = os.path.getsize(part)
            if total is not None and offset > total:
                offset = 0
        received = 0
        try:
            fd = open(part, "r+b" if offset else "wb", buffering=0, opener=_no_follow)
        except OSError as exc:
            raise dc.write_error(part, exc) from exc
        with fd:
            if offset:  # (a truncate on a fresh file would make ext4 flush it all at close)
                fd.seek(offset)
                fd.truncate(offset)
            if not (total is not None and offset == total and offset > 0):
                try:
                    expected = None if total is None else total - offset
                    received = self.retrieve(remote, dc.FileSink(fd, part, expected), rest=offset, total=total)
                except ReplyError as exc:
                    if not (offset and exc.command.upper().startswith("REST")):
                        raise
                    fd.seek(0)  # the server cannot restart: start again from the first byte
                    fd.truncate(0)
                    offset = 0
                    received = self.retrieve(remote, dc.FileSink(fd, part), total=total)
        got = os.path.getsize(part)
        if listed and got != total:
            total = self.size_or_none(remote)  # the file may have changed since it was listed
        if total is not None and got != total:
            raise worded(
                TransferFailed,
                QT_TRANSLATE_NOOP("engine", "The download is incomplete: {got} of {total} bytes."),
                _init={"received": received},
                got=got,
                total=total,
            )
        _local(os.replace, part, local)
        return received

    def upload(self, local: str, remote: RemotePath, *, resume: bool = False) -> int:
        """Upload ``local`` to ``remote``; with ``resume``, continue from the size the server has."""
        try:
            source = open(local, "rb")
        except OSError as exc:
            raise worded(
                LocalFileError,
                QT_TRANSLATE_NOOP("engine", "Could not read {path}: {reason}"),
                path=local,
                reason=exc.strerror or exc,
            ) from exc
        with source:
            total = os.fstat(source.fileno()).st_size
            offset = 0
            if resume:
                have = self.size_or_none(remote) or 0
                if have == total:
                    return 0
                if 0 < have < total:
                    offset = have
            source.seek(offset)
            if offset and "STREAM" not in self.features.get("REST", "").upper():
                return self.store(remote, source, append=True, total=total)
            return self.store(remote, source, rest=offset, total=total)


_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)  # (not on Windows)


def _no_follow(path: str, flags: int) -> int:
    """Open ``path`` but not through a symbolic link: a ``NAME.part`` someone made a link to a file elsewhere
    is refused (ELOOP) rather than written through, so nothing lands outside the chosen folder."""
    return os.open(path, flags | _NOFOLLOW, 0o666)


def _local(move: Callable[[str, str], None], src: str, dst: str) -> None:
    """A rename on the local disk, its failure (a folder in the way, permissions) in words."""
    try:
        move(src, dst)
    except OSError as exc:
        raise worded(
            LocalFileError,
            QT_TRANSLATE_NOOP("engine", "Could not rename {source} to {target}: {reason}"),
            source=src,
            target=dst,
            reason=exc.strerror or exc,
        ) from exc
