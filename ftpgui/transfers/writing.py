"""Which uploads have begun to write their target on the server: notes kept on disk beside ``queue.json``.

An upload cut off before its first progress report reached the queue (Quit, or the app killed) left its
partial file on the server, and nothing saved said the queue had made it: after a restart the item found it
as "the target exists" and asked about it, or skipped it by the rule (found in review). Its job now notes,
once the file is open and before STOR or APPE goes out, that it writes this item's target (``note``; the
target a "rename" answer chose, which the saved item does not hold yet): a line appended to
``queue.json.writing`` from the transfer connection's thread or process — one small write, no round trip to
the GUI thread. A job whose bytes on the server are no start of the file as it is now (``SourceChanged``)
notes that too, so the line before it no longer counts.

An upload that replaces a file that was there before (the person's Overwrite, or Newer) notes it *from zero*:
a cut that came before its STOR went out left the server's file as it was, someone else's bytes, and the
line is written before that (found in review: the restart took the old file for the queue's own partial
one, continued it with APPE — a mix — or found it "done" when the sizes matched). Such an item is not
started after a restart but writes its target again from the first byte, without a question.

The queue reads the notes when it loads its saved queue and at exit (``take``): those items are started,
on the target noted (their own work: continued, never asked about) — never one whose target was there before
it began, which its job asked about first and noted nothing for, or noted from zero. The file is removed once
the exit's save has the items' state (``forget``). No Qt here: the transfer processes import it.

Each save of the queue compacts the file (``Notes.compact``, off the GUI thread): the notes the saved queue
holds already (an item started on that target), those of items finished or removed, and the earlier notes of
an item go; it grew by a line per uploaded file for as long as the app ran (design note 147). The writers and
the compaction take turns under a lock on the file (``fcntl.flock``; a writer that waited re-opens the file a
compaction put in its place), so no note is lost to it. At start at most ``MAX_BYTES`` are read, and a file
larger than that, or with a line that is no note, is set aside whole (``NotesUnreadable``): its items ask
about their targets, as before these notes.
"""

from __future__ import annotations

import contextlib
import json
import os
import threading
from typing import Dict, Iterable, Iterator, List, Optional, Tuple

from .items import FIELD_NAMES, GROUP_FINISHED, GROUP_OF, OVERWRITE, UPLOAD, TransferItem

try:
    import fcntl
except ImportError:  # (Windows: the transfer connections are threads, which ``_guard`` alone keeps apart)
    fcntl = None  # type: ignore[assignment]

SUFFIX = ".writing"
ASIDE = ".unreadable"  # (as ``queue.json``'s)
MAX_BYTES = 1 << 20  # read at start at most: a compacted file holds a line per upload under way (~70 bytes)
FROM_ZERO = "from-zero"  # a note's third field: the target was another's file, replaced from the first byte
_guard = threading.RLock()  # this process's writers and its compaction (fcntl's lock: the other processes')
_FLAGS = getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOFOLLOW", 0)


class NotesUnreadable(ValueError):
    """The notes could not be read (``reason``: ``too-large`` or ``damaged``, ``line`` the first bad one)."""

    def __init__(self, reason: str, line: int = 0):
        super().__init__(f"{reason} (line {line})" if line else reason)
        self.reason, self.line = reason, line


def note(path: str, item_id: str, target: str = "", from_zero: bool = False) -> None:
    """Note that the job of ``item_id`` begins to write ``target`` on the server (its remote path, which a
    "rename" answer may have changed), or with no target, that what it wrote is no start of the file;
    ``from_zero``: ``target`` was a file there before, which this upload replaces (continued, it would be a
    mix). One ``write`` with ``O_APPEND``: whole however many connections note at once. Best effort: a note
    that cannot be made leaves a restart to ask about the partial file, as it did before — never the other way."""
    if not path:
        return
    fields = [item_id, target, FROM_ZERO] if from_zero and target else [item_id, target]
    line = (json.dumps(fields) + "\n").encode("utf-8")  # (a name's lone surrogates: JSON escapes)
    try:
        try:
            _append(path, line)
        except FileNotFoundError:  # (the first run: the queue has not been saved yet, nor its folder made)
            from .. import paths  # (only then: tempfile and the rest stay out of the transfer processes)

            paths.make_private_dir(os.path.dirname(os.path.abspath(path)))
            _append(path, line)
    except OSError:
        pass


def _append(path: str, line: bytes) -> None:
    with _locked(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | _FLAGS) as fd:
        os.write(fd, line)


@contextlib.contextmanager
def _locked(path: str, flags: int) -> Iterator[int]:
    """``path`` opened (``flags``) and locked against the other writers and the compaction — the file at
    ``path`` now: one that waited for the lock while a compaction replaced the file opens the new one."""
    with _guard:
        fd = _open_current(path, flags)
        try:
            yield fd
        finally:
            os.close(fd)


def _open_current(path: str, flags: int) -> int:
    while True:  # (a compaction replaces the file at most once per save of the queue: a retry or two)
        fd = os.open(path, flags, 0o600)
        try:
            if fcntl is not None:
                fcntl.flock(fd, fcntl.LOCK_EX)
            now = os.fstat(fd)
            try:
                there = os.stat(path, follow_symlinks=False)
            except FileNotFoundError:
                there = None  # removed meanwhile (``forget``): made again, or not found
        except BaseException:
            os.close(fd)
            raise
        if there is not None and (there.st_dev, there.st_ino) == (now.st_dev, now.st_ino):
            return fd
        os.close(fd)


def read(path: str) -> Dict[str, Tuple[str, bool]]:
    """Item id → (the target its job began to write, whether from zero), for the items whose last note says
    so (read on the GUI thread, at load and at exit only): at most ``MAX_BYTES``. A last line cut off (a full
    disk) is passed over; a file larger than that, or any other line that is no note, raises ``NotesUnreadable``."""
    try:
        fd = os.open(path, os.O_RDONLY | _FLAGS)
    except FileNotFoundError:
        return {}
    except OSError as exc:  # (a link where the file should be: O_NOFOLLOW)
        raise NotesUnreadable("damaged") from exc
    try:
        if os.fstat(fd).st_size > MAX_BYTES:
            raise NotesUnreadable("too-large")
        data = _read_at_most(fd, MAX_BYTES + 1)
    finally:
        os.close(fd)
    if len(data) > MAX_BYTES:  # (it grew meanwhile)
        raise NotesUnreadable("too-large")
    last: Dict[str, Tuple[str, bool]] = {}
    for number, (_offset, line) in enumerate(_lines(data), 1):
        parsed = _parse(line)
        if parsed is None:
            raise NotesUnreadable("damaged", number)
        last[parsed[0]] = parsed[1:]
    return {item_id: noted for item_id, noted in last.items() if noted[0]}


def _read_at_most(fd: int, size: int) -> bytes:
    chunks: List[bytes] = []
    left = size
    while left > 0:
        chunk = os.read(fd, min(left, 1 << 16))
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def _lines(data: bytes) -> Iterator[Tuple[int, bytes]]:
    """(offset, line) of each whole line (a last one with no line end was cut off: left out)."""
    offset = 0
    while True:
        end = data.find(b"\n", offset)
        if end < 0:
            return
        yield offset, data[offset:end]
        offset = end + 1


def _parse(line: bytes) -> Optional[Tuple[str, str, bool]]:
    """(item id, target, from zero) of a note's line, or None when it is none (never raises: whatever the
    file holds)."""
    if not (line.startswith(b'["') and line.endswith(b'"]')):
        return None  # (nothing nested: no deep recursion in json)
    try:
        value = json.loads(line)
    except (ValueError, RecursionError):
        return None
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        return None
    if len(value) == 2:
        return value[0], value[1], False
    if len(value) == 3 and value[2] == FROM_ZERO:
        return value[0], value[1], True
    return None


def take(path: str, items: Iterable[TransferItem]) -> Optional[NotesUnreadable]:
    """The uploads among ``items`` whose job noted that it began to write are started, on the target noted
    (a "rename" answer's): their partial file on the server is their own — continued, never asked about. One
    noted from zero replaces its target from the first byte instead (it may not have sent a byte: the file
    can be the one that was there before), not asked about either — unless it has moved bytes since.
    Notes that cannot be read are set aside whole (``path`` + ``ASIDE``) and none is taken: returned."""
    try:
        notes = read(path) if path else {}
    except NotesUnreadable as exc:
        with contextlib.suppress(OSError):
            os.replace(path, path + ASIDE)
        return exc
    if notes:
        for item in items:
            noted = notes.get(item.id)
            if noted is None or item.direction != UPLOAD or item.group == GROUP_FINISHED:
                continue
            target, from_zero = noted
            if not from_zero:
                item.started, item.remote = True, target
            elif not item.started:  # (started: bytes moved since, after STOR — its own, continued)
                item.choice, item.remote = OVERWRITE, target
    return None


def forget(path: str) -> None:
    try:
        os.remove(path)
    except OSError:
        pass


_ID, _DIRECTION, _STATE, _STARTED, _REMOTE = (
    FIELD_NAMES.index(name) for name in ("id", "direction", "state", "started", "remote")
)


class Notes:
    """The queue's notes file, compacted after each save of the queue (``compact``, on the saving thread)."""

    def __init__(self, path: str):
        self.path = path
        self._kept: Optional[Tuple[int, int, int]] = None  # (device, inode, size) the last compaction left

    def compact(self, items: Iterable[tuple]) -> None:
        """Drop the notes that ``items`` — the values of the queue's items (``saved.snapshot``), just saved —
        no longer need: an item's earlier notes and a note with no target (its last one is what counts), an
        item saved as started on the noted target (``queue.json`` says it now), finished, or gone. An item
        not among ``items`` may have been added after they were taken: its note goes only once it was there
        at the compaction before this one as well. Best effort: a compaction that fails leaves the file."""
        saved: Dict[str, Tuple[bool, bool, str]] = {}  # id → (finished, started, remote)
        for values in items:
            if values[_DIRECTION] == UPLOAD:
                finished = GROUP_OF.get(values[_STATE]) == GROUP_FINISHED
                saved[values[_ID]] = (finished, bool(values[_STARTED]), values[_REMOTE])
        try:
            self._compact(saved)
        except OSError:
            pass

    def _compact(self, saved: Dict[str, Tuple[bool, bool, str]]) -> None:
        path = self.path
        with _guard:  # (through the replace: on Windows the file is closed first, no writer comes in between)
            try:
                with _locked(path, os.O_RDWR | _FLAGS) as fd:
                    st = os.fstat(fd)
                    if st.st_size > MAX_BYTES:
                        return  # (the next start sets it aside)
                    data = _read_at_most(fd, MAX_BYTES + 1)
                    new = self._kept_lines(data, saved, (st.st_dev, st.st_ino))
                    if new == data:
                        self._kept = (st.st_dev, st.st_ino, len(data))
                        return
                    if fcntl is not None:  # (under the file's lock: a writer that waited opens the new file)
                        self._kept = _replace(path, new)
                        return
            except FileNotFoundError:
                self._kept = None
                return
            self._kept = _replace(path, new)  # (Windows replaces no file that is open)

    def _kept_lines(self, data: bytes, saved: Dict[str, Tuple[bool, bool, str]], file: Tuple[int, int]) -> bytes:
        kept = self._kept
        seen = kept[2] if kept is not None and kept[:2] == file else 0  # bytes there at the last compaction
        last: Dict[str, Tuple[int, bytes, str]] = {}  # id → (offset, line, target) of its last note
        for offset, line in _lines(data):
            parsed = _parse(line)
            if parsed is not None:
                last.pop(parsed[0], None)  # (in the order of the last notes)
                last[parsed[0]] = (offset, line, parsed[1])
        out = []
        for item_id, (offset, line, target) in last.items():
            known = saved.get(item_id)
            if not target or (known is None and offset < seen):
                continue  # no start of the file; or gone from the queue
            if known is not None and (known[0] or (known[1] and known[2] == target)):
                continue  # finished; or the saved queue has it started on this target
            out.append(line + b"\n")
        return b"".join(out)


def _replace(path: str, data: bytes) -> Optional[Tuple[int, int, int]]:
    """``path`` replaced by ``data`` at once (removed when empty): (device, inode, size) of what is there."""
    if not data:
        os.remove(path)
        return None
    from .. import paths

    paths.atomic_write_bytes(path, data)
    st = os.stat(path, follow_symlinks=False)
    return st.st_dev, st.st_ino, len(data)
