"""What the queue holds: one ``TransferItem`` per file or folder, and the question asked when a target exists.

Items are plain data: the GUI thread owns them; a worker job gets a copy (``dataclasses.replace``) and
reports back with an ``Outcome`` (see ``jobs.py``). Only the fields worth keeping across a restart are
saved (``to_json``); a password never is.
"""

from __future__ import annotations

import math
import operator
from dataclasses import MISSING, astuple, dataclass, field, fields
from typing import TYPE_CHECKING, Any, Callable, Dict, List, Optional, Tuple, Union

from ..explain import error_words
from ..ftp.listing_base import ApproximateSize
from ..ftp.localpath import MAX_DEPTH

if TYPE_CHECKING:
    from ..ftp.partfile import Left  # (imported where a saved one is read: not with the first window)

DOWNLOAD, UPLOAD = "download", "upload"
MAX_CONNECTIONS = 10  # transfer connections to one site (the queue, the site manager, the preferences)

# states
QUEUED = "queued"
ACTIVE = "active"
WAITING = "waiting"  # a target-exists question is open
RETRYING = "retrying"  # a dropped connection; tried again after a pause
PAUSED = "paused"
FAILED = "failed"
CANCELLED = "cancelled"
DONE = "done"
SKIPPED = "skipped"

GROUP_QUEUED, GROUP_FAILED, GROUP_FINISHED = "queued", "failed", "finished"
GROUP_CANCELLED = "cancelled"  # what a person stopped is not a failure: its own tab, as in FileZilla
GROUP_OF = {
    QUEUED: GROUP_QUEUED,
    ACTIVE: GROUP_QUEUED,
    WAITING: GROUP_QUEUED,
    RETRYING: GROUP_QUEUED,
    PAUSED: GROUP_QUEUED,
    FAILED: GROUP_FAILED,
    CANCELLED: GROUP_CANCELLED,
    DONE: GROUP_FINISHED,
    SKIPPED: GROUP_FINISHED,
}

# what to do when the target exists
OVERWRITE, NEWER, RESUME, RENAME, SKIP = "overwrite", "newer", "resume", "rename", "skip"
CHOICES = (OVERWRITE, NEWER, RESUME, RENAME, SKIP)
ASK = "ask"


@dataclass
class TransferItem:
    """One file or folder to move. ``local`` and ``remote`` are full paths (the target's, after a rename)."""

    direction: str
    local: str
    remote: str
    is_dir: Optional[bool] = False  # None: an upload source not yet looked at, a download's link (``jobs``)
    size: Optional[int] = None
    mtime: Optional[float] = None  # the server's modification time (POSIX seconds, as the server reported it)
    mtime_exact: bool = False  # ``mtime`` is an exact listing's (MLSD's): a download notes it as its file's time
    state: str = QUEUED
    done: int = 0  # bytes reached
    error: str = ""  # why it stopped (in English), or a note of the queue's (a template, said in the model)
    # the failure as ``words.Words.to_json`` gives it: said in the language the app runs in when shown (``error``
    # said in another language stayed in it); None for a note, or an item of an older queue
    error_words: Optional[list] = None
    choice: Optional[str] = None  # the answer to "the target exists"
    started: bool = False  # moved bytes once: continue from where it stopped, never ask again
    collision: bool = False  # its local name collides with a sibling's, or with a local name (case aside) when listed
    attempts: int = 0  # retries used since the last progress
    server_size: Optional[int] = None  # an incomplete upload: what the server has
    depth: int = 0
    # the remote path's exact bytes, in hex, when they came from a listing ("": ``remote`` in the session's
    # codec): a name in another codec than the one typed names go out in, or in none, is found again
    remote_bytes: str = ""
    server: str = ""  # the key of the server it belongs to (servers.Server.key); "" when none is known
    # the request it was queued by (one drop, one Download or Upload of a selection; a folder's entries are its
    # own): an "apply to all" answer to "the target exists" reaches the items of its batch only ("": none)
    batch: str = ""
    # a line of its folder's listing that no format reads (shown escaped; ``error`` is said with it): the item
    # reports it, failed - it names no file to move, and is never run
    listing_line: str = ""
    # a download: what its last try left in its temporary file and which server file that holds the start of
    # (``partfile.Left``, noted by the engine as the try began and when it failed): its next try continues that
    # file only while SIZE and MDTM say the server's file is the same one; without it, from the first byte
    part_left: Optional[Left] = None
    # a download whose name, as its folder's listing gave it, no local file may have (``localpath.safe_name``
    # refused it): never run, nor tried again — its path's last part may be another name than the row's (a
    # listed "sub/x" is the path …/sub/x: design note 247)
    refused: bool = False
    id: str = field(default_factory=lambda: new_uuid())

    @property
    def wire_remote(self) -> Union[str, bytes]:
        """The remote path as a session method takes it: the listed bytes where known, else the text."""
        return bytes.fromhex(self.remote_bytes) if self.remote_bytes else self.remote

    @property
    def group(self) -> str:
        return GROUP_OF[self.state]

    def __reduce__(self) -> Any:
        # (each job crosses to a transfer process pickled: a tuple of the fields and one global, where pickle's
        # own way writes every field's name and looks up three globals, each through an import)
        return item_from_values, (item_values(self.__dict__),)

    def to_json(self) -> Dict[str, Any]:
        return saved_object(item_values(self.__dict__))

    @classmethod
    def from_json(cls, data: Dict[str, Any]) -> TransferItem:
        """From ``to_json``'s dict; a wrong shape raises :class:`NotSaved` (the queue file is then set aside)."""
        if not isinstance(data, dict):
            raise NotSaved("not a transfer item: not an object")
        for name in _REQUIRED:
            if name not in data:
                raise NotSaved(f"not a transfer item: it has no {name}", name)
        known = {f.name for f in fields(cls)}
        item = cls(**{k: v for k, v in data.items() if k in known})
        if item.direction not in (DOWNLOAD, UPLOAD) or not isinstance(item.state, str) or item.state not in GROUP_OF:
            wrong = "direction" if item.direction not in (DOWNLOAD, UPLOAD) else "state"
            raise NotSaved(f"not a transfer item: {item.direction!r} {item.state!r}", wrong)
        for name, kinds in _KINDS.items():  # (a size "abc" stopped the app at every start - found by QA)
            value = getattr(item, name)
            if not isinstance(value, kinds) or (isinstance(value, bool) and bool not in kinds):
                raise NotSaved(f"not a transfer item: its {name} is {value!r}", name)
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                continue
            if name == "mtime":
                fine = abs(value) < 2**63 if isinstance(value, int) else math.isfinite(value)
            else:
                # (depth: a file in a folder MAX_DEPTH levels down, or a folder there that failed unlisted, is
                # one deeper - a queue holding one could not be read again, found in review)
                fine = 0 <= value <= (MAX_DEPTH + 1 if name == "depth" else 2**63)  # (NaN fails this)
            if not fine:  # (1e400 as an integer raised OverflowError in isfinite - the review)
                raise NotSaved(f"not a transfer item: its {name} is {value!r}", name)
        approximate = data.get(SIZE_APPROXIMATE, False)  # (absent in a queue saved before: exact, as then)
        if not isinstance(approximate, bool):
            raise NotSaved(f"not a transfer item: its {SIZE_APPROXIMATE} is {approximate!r}", SIZE_APPROXIMATE)
        if approximate and item.size is not None:
            item.size = ApproximateSize(item.size)
        if item.choice is not None and item.choice not in CHOICES:
            raise NotSaved(f"not a transfer item: its choice is {item.choice!r}", "choice")
        try:
            bytes.fromhex(item.remote_bytes)  # NotSaved now, not a failure when its job runs
        except ValueError:
            raise NotSaved("not a transfer item: its remote_bytes are not hexadecimal", "remote_bytes") from None
        if not isinstance(item.server, str):
            raise NotSaved(f"not a server key: {item.server!r}", "server")
        if item.part_left is not None:
            item.part_left = _saved_left(item.part_left)
        return item


class NotSaved(ValueError):
    """A record of ``queue.json`` (an item, a server) not as ftpgui writes it: ``field`` names the field at
    fault ("": the record is not a JSON object)."""

    def __init__(self, message: str, field: str = ""):
        super().__init__(message)
        self.field = field


_NONE = type(None)
_KINDS: Dict[str, tuple] = {  # what a saved item's fields may hold (``from_json``)
    "local": (str,),
    "remote": (str,),
    "is_dir": (bool, _NONE),
    "size": (int, _NONE),
    "mtime": (int, float, _NONE),
    "done": (int,),
    "error": (str,),
    "error_words": (list, _NONE),
    "choice": (str, _NONE),
    "started": (bool,),
    "mtime_exact": (bool,),
    "collision": (bool,),
    "attempts": (int,),
    "server_size": (int, _NONE),
    "depth": (int,),
    "remote_bytes": (str,),
    "batch": (str,),
    "listing_line": (str,),
    "refused": (bool,),
    "id": (str,),
}
FIELD_NAMES = tuple(f.name for f in fields(TransferItem))
_REQUIRED = tuple(f.name for f in fields(TransferItem) if f.default is MISSING and f.default_factory is MISSING)
item_values = operator.itemgetter(*FIELD_NAMES)  # (an item's __dict__ → its fields' values, in order)
# saved beside "size" when it is a listing's ``ApproximateSize`` (VMS's blocks, z/VM's records…: no byte count,
# never held against the bytes received when SIZE gives no answer); a queue read back without it kept no item
# from such a server for what it is (design note 167)
SIZE_APPROXIMATE = "size_approximate"
_SIZE_AT = FIELD_NAMES.index("size")
_LEFT_AT = FIELD_NAMES.index("part_left")


def saved_object(values: tuple) -> Dict[str, Any]:
    """An item's fields' values (``item_values``) as ``queue.json`` holds them: a JSON object of the fields, and
    ``SIZE_APPROXIMATE`` where its size is approximate (it runs thousands of times per save)."""
    saved = dict(zip(FIELD_NAMES, values, strict=True))
    if values[_SIZE_AT].__class__ is ApproximateSize:
        saved[SIZE_APPROXIMATE] = True
    if values[_LEFT_AT] is not None:  # [folder, part, [device, inode, size, last write in ns], total, stamp, ended]
        saved["part_left"] = astuple(values[_LEFT_AT])
    return saved


def _saved_left(value: Any) -> Left:
    """A ``part_left`` as ``saved_object`` writes it; anything else raises :class:`NotSaved`."""
    try:
        folder, part, file, total, stamp, ended = value
        device, inode, size, written = file
    except (TypeError, ValueError):
        raise NotSaved(f"not a transfer item: its part_left is {value!r}", "part_left") from None
    counts = (device, inode, size, written, total)
    if not (
        isinstance(folder, str)
        and isinstance(part, str)
        and all(n.__class__ is int for n in counts)
        and (math.isfinite(stamp) if stamp.__class__ is float else stamp.__class__ is int and abs(stamp) < 2**63)
        and isinstance(ended, bool)
    ):
        raise NotSaved(f"not a transfer item: its part_left is {value!r}", "part_left")
    from ..ftp.partfile import Left

    return Left(folder, part, (device, inode, size, written), total, stamp, ended)


def keep_error(item: TransferItem, exc: BaseException) -> None:
    """Why ``item`` stopped: its words, said in the person's language whenever shown (``QueueModel.reason``),
    and in English as ``error``."""
    words = error_words(exc)
    item.error, item.error_words = words.english(), words.to_json()


def new_batch() -> str:
    """A new ``TransferItem.batch``: the items of one request."""
    return new_uuid()[:12]


_uuid4: Optional[Callable[[], Any]] = None


def new_uuid() -> str:
    """A random UUID's 32 hex digits: a new item's id. (``uuid``, which loads ``platform``, is imported with
    the first: a restored queue's items keep theirs.)"""
    global _uuid4
    if _uuid4 is None:
        from uuid import uuid4

        _uuid4 = uuid4
    return _uuid4().hex


def item_from_values(values: tuple) -> TransferItem:
    """A ``TransferItem`` from its ``__reduce__``'s values (no new id is made)."""
    item = TransferItem.__new__(TransferItem)
    item.__dict__.update(zip(FIELD_NAMES, values, strict=True))
    return item


@dataclass
class Existing:
    """Facts about a target that already exists (sizes in bytes, times as POSIX seconds, None if unknown)."""

    target: str
    size: Optional[int]
    mtime: Optional[float]
    source_size: Optional[int]
    source_mtime: Optional[float]
    collision: bool = False  # another name in the folder is the same ignoring case or after sanitising
    link: str = ""  # the target is a symbolic link (a download's local one): where it leads (design note 372)
    dangling: bool = False  # ``link`` leads to nothing: no file is there (its size and time unknown, note 376)


def resume_fits(existing: Existing) -> bool:
    """Whether Resume can stand for this target when nobody chose it for this file (an answer given to all, the
    preferences' default): the target is no larger than the source, both sizes known as byte counts — shorter,
    it is continued; as large, it is complete and skipped. Larger, or a size unknown (or a listing's blocks,
    ``ApproximateSize``), nothing says it is the start of the source: Resume would write it from its first byte,
    so the file is asked about (found by QA: Resume to all overwrote larger files; design note 171). A link never
    fits: ftpgui writes through none, so Resume there could only fail (design notes 372, 376)."""
    size, source = existing.size, existing.source_size
    if existing.link:
        return False
    if size is None or source is None or isinstance(source, ApproximateSize):
        return False
    return size <= source


def resume_possible(existing: Existing) -> bool:
    """Whether the question offers Resume for this target: it fits (``resume_fits``) and something is left to
    continue (an equal size is complete: nothing to continue)."""
    return resume_fits(existing) and existing.size != existing.source_size


@dataclass
class ExistsQuestion:
    """Asked when a target exists; the GUI calls ``answer`` once (on the GUI thread)."""

    item_id: str
    direction: str
    source: str
    existing: Existing
    _reply: Callable[[ExistsQuestion, str, bool], None] = field(repr=False, compare=False)
    answered: Optional[Tuple[str, bool]] = None
    batch: Tuple[str, str, str] = ("", "", "")  # what "apply to all" reaches: the item's (server, direction, batch)
    # Resume was to stand for this file (an answer to all, the preferences' default) and cannot (``resume_fits``):
    # the question says so
    resume_refused: bool = False
    # taken back by the queue: its item no longer waits for the answer (cancelled, paused, removed); ``answer``
    # does nothing then (``questions.ExistsQuestions._withdraw_stale``)
    withdrawn: bool = False

    @property
    def target(self) -> str:
        return self.existing.target

    def answer(self, choice: str, apply_to_all: bool = False) -> None:
        if choice not in CHOICES:
            raise ValueError(f"choice must be one of {', '.join(CHOICES)}, not {choice!r}")
        if self.answered is not None or self.withdrawn:
            return
        self.answered = (choice, apply_to_all)
        self._reply(self, choice, apply_to_all)


@dataclass
class Outcome:
    """What a worker job reports for an item."""

    kind: str  # done | skipped | exists | expanded
    bytes: int = 0
    local: str = ""
    remote: str = ""
    size: Optional[int] = None
    note: str = ""
    existing: Optional[Existing] = None
    children: List[TransferItem] = field(default_factory=list)
    skipped: List[Tuple[str, str]] = field(default_factory=list)  # (path, reason)
    # a listed subfolder's remote path → its MLSD unique; the folder's own under its path, when it was asked (MLST)
    uniques: Dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class ItemStarted:
    """A marker a job puts in its connection's event stream: the events after it belong to this item.

    (A connection runs a second item's job right after the first; its events may cross threads in the same
    batch as the first one's result.) The queue removes these markers before it passes events on.
    ``folder``: the job found a folder (an upload queued by path learns it only here, on its connection): the
    queue opens the pool's other connections for its contents (``ServerConnections._open_ahead``).
    """

    connection_id: int
    item_id: str
    folder: bool = False


@dataclass(frozen=True)
class PartNoted:
    """A marker a download's job puts in its connection's event stream when the engine notes what its try's
    temporary file holds (``FtpSession.download``'s ``noted``): as the try begins, and when it fails. The queue
    keeps it as the item's ``part_left`` (saved with the queue) and removes the marker before it passes events
    on (design note 203)."""

    connection_id: int
    item_id: str
    left: Optional[Left]


class ItemFailed(Exception):
    """A job failed; carries the cause and what is known about the item's state (target, server size)."""

    def __init__(
        self,
        cause: BaseException,
        *,
        local: str,
        remote: str,
        server_size: Optional[int] = None,
        wrote: bool = False,
        from_zero: bool = False,
    ):
        """``wrote``: the job may have written part of the target (an upload cut off): its retry continues
        that work instead of asking whether to replace "an existing" target. ``from_zero``: an upload that
        replaced a file there before (Overwrite, Newer): unless it moved bytes, which only come after STOR,
        the server's file and its size may be the old file's, no part of this one — its retry writes the
        target again from the first byte."""
        super().__init__(str(cause))
        self.cause = cause
        self.local = local
        self.remote = remote
        self.server_size = server_size
        self.wrote = wrote
        self.from_zero = from_zero
