"""The private temporary folder of one run's View and Edit copies, and its record in the config folder, by
which a later start finds the copies a crash or a kill left with changes not uploaded (design note 145).

One folder per run (0700, under the system's temporary folder, ``ftpgui-edit-…``), one numbered folder in it
per copy. ``edited/NAME.json`` in the config folder records each copy opened for editing: where it came
from and its size and time when it last matched the server's file (downloaded, or uploaded since).
``edited/NAME.lock`` (a ``QLockFile``) is held while the run lives. At the next start a record whose lock
can be taken is a run that ended without removing its folder: a copy whose size or time differs from the
recorded one holds changes that were never uploaded, and is kept until the person says otherwise; a folder
with none is removed, as the run itself would have. A copy whose upload through a temporary file on the server
was under way (``part``) names that file, which may have been left there (design note 151).
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from dataclasses import dataclass
from typing import Dict, List, Optional, Tuple

from PySide6.QtCore import QLockFile

from .. import paths
from .edit_files import local_state

PREFIX = "ftpgui-edit-"
RECORDS = "edited"  # the records' folder in the config folder


@dataclass(frozen=True)
class KeptCopy:
    """A copy changed after its download, never uploaded: where it is, and the file it is a copy of."""

    local: str
    server: str  # user@host:port
    remote: str


@dataclass(frozen=True)
class Leftover:
    """What a run that ended without cleaning up left: its folder, its record, and the copies with changes."""

    folder: str
    record: str
    copies: Tuple[KeptCopy, ...]
    parts: Tuple[Tuple[str, str], ...] = ()  # (server, path): temporary files an upload may have left there


def _lock(base: str) -> QLockFile:
    lock = QLockFile(base + ".lock")
    lock.setStaleLockTime(0)  # stale only when the process that took it is gone, however long it ran
    return lock


def _remove_folder(folder: str) -> None:
    """Remove a copies' folder — only one named as ftpgui names them, and not through a link."""
    if os.path.basename(folder).startswith(PREFIX) and os.path.isdir(folder) and not os.path.islink(folder):
        shutil.rmtree(folder, ignore_errors=True)


def _remove(path: str) -> None:
    try:
        os.remove(path)
    except OSError:
        pass


class EditFolder:
    """This run's copies' folder and its record (made on the first View or Edit)."""

    def __init__(self) -> None:
        self.path = tempfile.mkdtemp(prefix=PREFIX)  # 0700, this user's only
        self._count = 0
        self.copies: Dict[str, dict] = {}  # by local path: server, remote, state
        self.record: Optional[str] = None
        self._lock: Optional[QLockFile] = None
        self._kept = False  # closed with a copy's changes kept
        try:
            records = paths.make_private_dir(paths.config_path(RECORDS))
            base = os.path.join(records, os.path.basename(self.path))
            lock = _lock(base)
            if lock.tryLock(0):
                self.record, self._lock = base + ".json", lock
        except OSError:
            pass  # (no record: a crash's copies are not found again; the copies themselves work)
        self._save()  # (a run killed before its first Edit leaves a folder the next start removes)
        self.closed = False
        atexit.register(self.close, True)  # should the window never close: a changed copy is kept

    def new_folder(self) -> str:
        """A fresh folder inside, for one copy."""
        self._count += 1
        path = os.path.join(self.path, str(self._count))
        os.mkdir(path, 0o700)
        return path

    def note(self, local: str, server: str, remote: str, state: Optional[Tuple[int, int]]) -> None:
        """``local`` is a copy of ``server``'s ``remote`` as the server has it when the copy's size and time
        are ``state`` (downloaded, or uploaded)."""
        part = self.copies.get(local, {}).get("part")
        self.copies[local] = {"local": local, "server": server, "remote": remote, "state": list(state or ())}
        if part:
            self.copies[local]["part"] = part
        self._save()

    def renamed(self, local: str, remote: str) -> None:
        """``local`` is a copy of the file now named ``remote`` on its server (renamed or moved there)."""
        if local in self.copies:
            self.copies[local]["remote"] = remote
            self._save()

    def note_part(self, local: str, part: Optional[str]) -> None:
        """``local``'s upload goes through the temporary file ``part`` on its server, which it may leave there
        (None: no longer). Also after ``close``: a record kept for such a file goes once none is left."""
        copy = self.copies.get(local)
        if copy is None:
            return
        if part:
            copy["part"] = part
        else:
            copy.pop("part", None)
        if self.closed and not self._kept and not self._parts() and self.record is not None:
            _remove(self.record)
        else:
            self._save()

    def _parts(self) -> bool:
        return any("part" in copy for copy in self.copies.values())

    def _save(self) -> None:
        if self.record is not None:
            try:
                paths.atomic_write_json(self.record, {"folder": self.path, "copies": list(self.copies.values())})
            except OSError:
                pass

    def changed(self) -> List[KeptCopy]:
        return _changed(self.copies.values())

    def close(self, keep_changed: bool) -> None:
        """Remove the folder and the record — both kept when ``keep_changed`` and a copy has changes not
        uploaded (the next start finds them), the record also while an upload may leave its temporary file on
        the server (``note_part``); let the lock go."""
        if self.closed:
            return
        self.closed = True
        atexit.unregister(self.close)
        self._kept = bool(keep_changed and self.changed())
        if not self._kept:
            shutil.rmtree(self.path, ignore_errors=True)
            if self.record is not None and not self._parts():
                _remove(self.record)
        if self._lock is not None:
            self._lock.unlock()


def _changed(copies) -> List[KeptCopy]:
    kept = []
    for copy in copies:
        state = local_state(copy["local"])
        if state is not None and list(state) != copy["state"]:
            kept.append(KeptCopy(copy["local"], copy["server"], copy["remote"]))
    return kept


def _read(record: str) -> Optional[Tuple[str, list]]:
    """The folder and copies a record names, or None when it is not one ftpgui wrote."""
    try:
        data = paths.read_json(record)
        folder, copies = data["folder"], data["copies"]
        if not (isinstance(folder, str) and os.path.isabs(folder) and os.path.basename(folder).startswith(PREFIX)):
            return None
        inside = os.path.join(folder, "")
        for copy in copies:
            fields = [copy[k] for k in ("local", "server", "remote")]
            if not all(isinstance(f, str) for f in fields) or not copy["local"].startswith(inside):
                return None
            if not all(isinstance(n, int) for n in copy["state"]) or not isinstance(copy.get("part", ""), str):
                return None
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return folder, copies


def leftovers() -> List[Leftover]:
    """The copies runs that are gone left with changes not uploaded, and the temporary files on servers their
    uploads may have left, by run; the folders of such runs that hold no such copy are removed now, with their
    records (their files on servers are told this once). A record a running ftpgui holds, or one that cannot
    be read, is left alone."""
    folder = paths.config_path(RECORDS)
    try:
        names = sorted(n for n in os.listdir(folder) if n.endswith(".json"))
    except OSError:
        return []
    found = []
    for name in names:
        base = os.path.join(folder, name[: -len(".json")])
        lock = _lock(base)
        if not lock.tryLock(0):
            continue  # a running ftpgui's
        try:
            read = _read(base + ".json")
            if read is None:
                continue
            copies = _changed(read[1])
            parts = tuple((copy["server"], copy["part"]) for copy in read[1] if copy.get("part"))
            if not copies:
                _remove_folder(read[0])
                _remove(base + ".json")
            if copies or parts:
                found.append(Leftover(read[0], base + ".json", tuple(copies), parts))
        finally:
            lock.unlock()
    return found


def discard(leftover: Leftover) -> None:
    """The person said so: remove a leftover folder, its changed copies with it, and its record."""
    _remove_folder(leftover.folder)
    _remove(leftover.record)
