"""Local files opened inside a chosen folder, one folder at a time and never through a link.

A path checked once can change before it is used: someone swaps a folder for a symbolic link between the
check and the write. So a transfer opens every local file relative to an open folder: walking down from the
folder the person chose, each folder on the way is opened with ``O_NOFOLLOW | O_DIRECTORY`` relative to the
one before (``dir_fd``), so a component that became a link (or a file) is refused at that moment instead of
followed. Windows has no ``dir_fd`` in Python: there a file is opened by its path and its resolved final
path compared with the chosen folder's after the open.

The chosen folder itself is trusted as given (it may be a link, e.g. a home folder on another disk).
"""

from __future__ import annotations

import errno
import functools
import os
import shutil
import stat
import time
from typing import BinaryIO, Callable, Iterable, List, NamedTuple, Optional, Tuple

from .errors import QT_TRANSLATE_NOOP, LocalFileError, worded
from .localpath import FILE_IN_THE_WAY, FILE_NOT_FOLDER, OUTSIDE, part_name, unsafe
from .localpath import LINK_ON_THE_WAY as _LINK_ON_THE_WAY

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_DIRECTORY = getattr(os, "O_DIRECTORY", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_BINARY = getattr(os, "O_BINARY", 0)  # Windows: no newline translation
NONBLOCK = getattr(os, "O_NONBLOCK", 0)
NOFOLLOW = _NOFOLLOW
FREE_SPACE_REUSE = 1.0  # seconds one reading of a folder's free space serves its next small downloads
# (a module flag, so the Windows way can run on Linux in the tests)
USE_DIR_FD = bool(_NOFOLLOW and _DIRECTORY) and os.open in os.supports_dir_fd and os.rename in os.supports_dir_fd


def relative_parts(root: str, path: str) -> Tuple[str, List[str]]:
    """(the form of ``root`` that ``path`` starts with, the folder names from it down to ``path``).

    ``path`` may have been made from ``root`` as given or from its resolved form (``join_inside`` gives the
    latter); a path that is neither under it is refused."""
    target = os.path.abspath(path)
    for base in (os.path.abspath(root), os.path.realpath(root)):
        rel = os.path.relpath(target, base)
        if rel == os.curdir:
            return base, []
        parts = rel.split(os.sep)
        if parts[0] != os.pardir and os.pardir not in parts and "" not in parts:
            return base, parts
    raise unsafe(path, OUTSIDE)


class Folder:
    """An open folder inside a chosen one; names in it are opened, renamed and removed relative to it.

    Use ``Folder.open(root, path)``; close it (or use ``with``) when done.
    """

    def __init__(self, root: str, path: str, fd: Optional[int]) -> None:
        self.root = root  # the chosen folder, as the walk started from it
        self.path = path  # for messages, and the Windows way
        self.fd = fd  # None: the Windows way (paths, checked after each open)
        self._free_left: Optional[int] = None  # (``free_space_for``)
        self._free_at = 0.0

    @classmethod
    def open(cls, root: str, path: str, *, create: bool = False) -> Folder:
        """The folder ``path`` inside ``root``, each folder on the way opened without following a link.

        ``create`` makes missing folders. Raises ``LocalFileError`` when a plain file has the name of a folder
        on the way, ``UnsafePath`` when one is a link (or anything else but a folder), ``OSError`` for anything
        else (missing, permission)."""
        base, parts = relative_parts(root, path)
        full = os.path.join(base, *parts)
        if not USE_DIR_FD:
            try:
                if create:
                    os.makedirs(full, exist_ok=True)
                folder = cls(base, full, None)
                folder._check_inside(full)
                if not os.path.isdir(full):
                    raise NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), full)
            except (FileExistsError, NotADirectoryError):
                for i in range(len(parts)):
                    _no_file(os.lstat, os.path.join(base, *parts[: i + 1]), parts[: i + 1], create)
                raise
            return folder
        flags = os.O_RDONLY | _DIRECTORY | _CLOEXEC
        fd = os.open(base, flags)  # the chosen folder: followed if it is a link
        try:
            for i, part in enumerate(parts):
                try:
                    nfd = _open_dir(part, fd, create)
                except OSError as exc:
                    if exc.errno in (errno.ELOOP, errno.ENOTDIR, errno.EMLINK):
                        here = functools.partial(os.stat, dir_fd=fd, follow_symlinks=False)
                        _no_file(here, part, parts[: i + 1], create)
                        raise unsafe(os.path.join(*parts[: i + 1]), _LINK_ON_THE_WAY) from None
                    exc.filename = os.path.join(base, *parts[: i + 1])  # (opened by its name alone: named in full)
                    raise
                os.close(fd)
                fd = nfd
        except BaseException:
            os.close(fd)
            raise
        return cls(base, full, fd)

    def close(self) -> None:
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None

    def __enter__(self) -> Folder:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def join(self, name: str) -> str:
        """The path of ``name`` in this folder, for messages."""
        return os.path.join(self.path, name)

    def open_file(self, name: str, flags: int, mode: int = 0o666) -> int:
        """``os.open`` of ``name`` in this folder (the caller adds ``O_NOFOLLOW`` when a link must not be
        followed); on Windows, refused when the file it opened is not inside the chosen folder."""
        if self.fd is not None:
            return os.open(name, flags | _CLOEXEC, mode, dir_fd=self.fd)
        path = self.join(name)
        if flags & _NOFOLLOW == 0 or not os.path.islink(path):
            fd = os.open(path, (flags & ~_NOFOLLOW) | _BINARY, mode)
        else:
            raise OSError(errno.ELOOP, os.strerror(errno.ELOOP), path)
        try:
            real = self._check_inside(path)
            if not os.path.samestat(os.fstat(fd), os.stat(real)):
                raise unsafe(name, OUTSIDE)
        except BaseException:
            os.close(fd)
            raise
        return fd

    def gone(self) -> bool:
        """The folder itself was deleted since it was opened (its open descriptor left without a name)."""
        try:
            if self.fd is not None:
                return os.fstat(self.fd).st_nlink == 0
            return not os.path.isdir(self.path)
        except OSError:
            return False

    def lstat(self, name: str) -> Optional[os.stat_result]:
        """``name``'s own status (a link's, not its target's), or None when there is nothing by that name."""
        try:
            if self.fd is not None:
                return os.stat(name, dir_fd=self.fd, follow_symlinks=False)
            return os.lstat(self.join(name))
        except FileNotFoundError:
            return None

    def rename(self, src: str, dst: str) -> None:
        """Rename within this folder; ``dst`` is replaced as a name (a link there is replaced, not followed)."""
        if self.fd is not None:
            os.replace(src, dst, src_dir_fd=self.fd, dst_dir_fd=self.fd)
        else:
            os.replace(self.join(src), self.join(dst))

    def unlink(self, name: str) -> None:
        """Remove the name ``name`` (a hard link's other names and a link's target are untouched)."""
        if self.fd is not None:
            os.unlink(name, dir_fd=self.fd)
        else:
            os.unlink(self.join(name))

    def utime(self, name: str, when: float) -> None:
        """Set ``name``'s access and modification time, not following a link."""
        if self.fd is not None:
            os.utime(name, (when, when), dir_fd=self.fd, follow_symlinks=False)
        elif not os.path.islink(self.join(name)):
            os.utime(self.join(name), (when, when))

    def free_space(self) -> Optional[int]:
        """Bytes free for this user on the folder's file system, or None when the system cannot say."""
        try:
            if self.fd is not None and hasattr(os, "fstatvfs"):
                st = os.fstatvfs(self.fd)
                return st.f_bavail * st.f_frsize
            return shutil.disk_usage(self.path).free
        except OSError:
            return None

    def free_space_for(self, needed: int) -> Optional[int]:
        """``free_space()``, asked before a download of ``needed`` bytes into this folder. One reading serves
        the folder's next downloads for up to ``FREE_SPACE_REUSE`` seconds while each needs under a tenth of
        what is left of it, each taking what it needs off it: a tree of small files costs one ``fstatvfs`` a
        second, not one a file (a file that does not fit still fails in words when its write does)."""
        now = time.monotonic()
        left = self._free_left
        if left is not None and needed * 10 < left and now - self._free_at < FREE_SPACE_REUSE:
            self._free_left = left - needed
            return left
        free = self.free_space()
        self._free_left, self._free_at = (None if free is None else free - needed), now
        return free

    def held_by(self, others: Iterable[Tuple[str, int]], free: int) -> int:
        """The bytes that ``others`` — (file, bytes still to write) of downloads under way elsewhere — have
        still to write on this folder's file system, where ``free`` bytes are free (a folder that cannot be
        looked at counts for nothing). One that needs more than ``free`` and has no temporary file yet holds
        nothing: it fails its own check (or did, and its failure has not reached the queue yet) — counted, a
        5 MB file that could never fit a 2 MiB disk failed every other file of its drop (found by QA, design
        note 466). One already writing counts, though its bytes left as it was handed out may pass ``free``
        now: it may need less by now."""
        try:
            dev = os.fstat(self.fd).st_dev if self.fd is not None else os.stat(self.path).st_dev
        except OSError:
            return 0
        held = 0
        for path, left in others:
            folder, name = os.path.split(path)
            try:
                if os.stat(folder).st_dev != dev:
                    continue
                if left > free and not os.path.lexists(os.path.join(folder, part_name(name))):
                    continue
            except OSError:
                continue
            held += left
        return held

    def _check_inside(self, path: str) -> str:
        """``path`` resolved, refused when it is not inside the chosen folder (the Windows way)."""
        real = resolved_inside(self.root, path)
        if real is None:
            raise unsafe(os.path.relpath(path, self.root), OUTSIDE)
        return real


class FolderCache:
    """The folder the last file of a session was opened in, kept open for the next file in the same folder.

    A tree's files come folder by folder; walking down from the chosen folder for each one (an ``open``
    per level, path arithmetic) cost more than the file itself. The kept descriptor is the folder reached
    without links when it was first opened: a later swap of a folder on the way for a link cannot redirect
    it (the files still go into that same folder, never through the link)."""

    def __init__(self) -> None:
        self._key: Optional[Tuple[str, str]] = None
        self._folder: Optional[Folder] = None

    def get(self, root: str, path: str) -> Folder:
        """``Folder.open(root, path)``, or the one kept from the last call with the same arguments; the
        caller does not close it (``clear`` does)."""
        key = (root, path)
        if self._folder is not None and self._key == key:
            return self._folder
        self.clear()
        folder = Folder.open(root, path)
        if folder.fd is not None:  # (the Windows way holds nothing: nothing to keep)
            self._key, self._folder = key, folder
        return folder

    def clear(self) -> None:
        """Close the kept folder (at the end of a tree, or when the session closes)."""
        if self._folder is not None:
            self._folder.close()
        self._key, self._folder = None, None


def resolved_inside(root: str, path: str) -> Optional[str]:
    """``path`` with every link resolved, or None when that leads outside ``root`` (resolved too)."""
    real_root = os.path.realpath(root)
    real = os.path.realpath(path)
    try:
        inside = os.path.commonpath([real_root, real]) == real_root
    except ValueError:  # another drive
        inside = False
    return real if inside else None


def taken_by_a_file(path: str) -> bool:
    """Whether a download to ``path`` would replace something there: a file, a link (the rename replaces the
    link itself), anything but a folder — a folder there stays the download's own failure, as it was. A look
    only: ``ftpgui-cli get`` asks it to keep a person's file without ``--force`` (design note 333)."""
    try:
        return not stat.S_ISDIR(os.lstat(path).st_mode)
    except (OSError, ValueError):  # (nothing there, or a name no file system holds: the download says why)
        return False


class LocalEntry(NamedTuple):
    """One entry of a local folder: its kind is its own ("link" for a symbolic link), not its target's."""

    name: str
    path: str
    kind: str  # dir | file | link | other
    size: int  # a file's size (0 for the others)


def scan(root: str, path: str) -> List[LocalEntry]:
    """The entries of the folder ``path`` inside ``root``, sorted by name, read through the folder opened from
    ``root`` one folder at a time (a folder swapped for a link meanwhile is refused, not listed)."""
    out = []
    with Folder.open(root, path) as folder:
        with os.scandir(folder.fd if folder.fd is not None else folder.path) as it:
            for entry in it:
                st = entry.stat(follow_symlinks=False)
                if stat.S_ISLNK(st.st_mode):
                    kind = "link"
                elif stat.S_ISDIR(st.st_mode):
                    kind = "dir"
                else:
                    kind = "file" if stat.S_ISREG(st.st_mode) else "other"
                out.append(LocalEntry(entry.name, os.path.join(folder.path, entry.name), kind, st.st_size))
    out.sort(key=lambda e: e.name)
    return out


def _no_file(lstat: Callable[[str], os.stat_result], name: str, parts: List[str], create: bool) -> None:
    """Raise a ``LocalFileError`` in plain words when ``name`` (``lstat`` tells, not following a link; ``parts``,
    the folders down to it, name it in the message) is a regular file: a folder of that name cannot be made."""
    try:
        st = lstat(name)
    except OSError:
        return
    if stat.S_ISREG(st.st_mode):
        words = FILE_IN_THE_WAY if create else FILE_NOT_FOLDER
        raise worded(LocalFileError, words, name=os.path.join(*parts)) from None


def _open_dir(name: str, dir_fd: int, create: bool) -> int:
    flags = os.O_RDONLY | _DIRECTORY | _NOFOLLOW | _CLOEXEC
    try:
        return os.open(name, flags, dir_fd=dir_fd)
    except FileNotFoundError:
        if not create:
            raise
    try:
        os.mkdir(name, 0o777, dir_fd=dir_fd)
    except FileExistsError:
        pass  # made meanwhile: opened (or refused) below like any other
    return os.open(name, flags, dir_fd=dir_fd)


def trusted_file(st: os.stat_result) -> bool:
    """A file ftpgui may continue writing: a regular file with no other name, owned by this user.

    A hard link's other name may be outside the chosen folder, a FIFO would block, a device is not ours."""
    if not stat.S_ISREG(st.st_mode):
        return False
    if hasattr(os, "geteuid"):
        return st.st_nlink == 1 and st.st_uid == os.geteuid()
    return st.st_nlink <= 1


def open_source(local: str, inside: Optional[str], follow_links: bool, folders: FolderCache) -> BinaryIO:
    """``local`` opened for an upload: as named (a single file the person chose), or from ``inside`` (its
    folder kept open in ``folders`` for the tree's next file)."""
    if inside is None:
        return open(local, "rb", buffering=0)  # (unbuffered: sendfile reads the file, or ``send`` in blocks)
    folder_path, name = os.path.split(os.path.abspath(local))
    folder = folders.get(inside, folder_path)
    try:
        fd = folder.open_file(name, os.O_RDONLY | NONBLOCK | (0 if follow_links else NOFOLLOW))
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            link = QT_TRANSLATE_NOOP("engine", "Unsafe name {name!r}: a symbolic link; not followed")
            raise unsafe(name, link) from None
        raise
    finally:
        if folder.fd is None:
            folder.close()  # (the Windows way: not kept)
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise OSError(errno.EINVAL, "not a regular file")
        # Opened without following a link, relative to a folder reached without links: inside by
        # construction. Only a followed link (or the Windows way) needs its target resolved and compared.
        if follow_links or folder.fd is None:
            real = resolved_inside(folder.root, folder.join(name))
            if real is None or not os.path.samestat(st, os.stat(real)):
                raise unsafe(name, OUTSIDE)
        if NONBLOCK:  # (for the FIFO's open only; a file read by sendfile is kept blocking, whatever the kernel)
            os.set_blocking(fd, True)
    except BaseException:
        os.close(fd)
        raise
    return os.fdopen(fd, "rb", buffering=0)  # (no buffer: its set-up asked isatty and the position)
