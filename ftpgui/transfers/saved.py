"""``queue.json``: the queue's items and the servers they belong to, saved atomically off the GUI thread;
and the queue's side of it (``SavedQueue``): restoring it, saving it soon, the last save at exit.

Version 2 keeps, beside the items, one record per server (``servers.Server``: a saved site's id, or a quick
connect's host, port, user, TLS mode, encoding and transfer mode) and each item names its server by key.
No password is ever written. A version 1 file (no servers: its single ``site`` was only the server the queue
happened to be set to when it was saved, not the items' own) is read, but its unfinished items are paused
with no server: they never start on a guess.
"""

from __future__ import annotations

import json
import threading
import time
from typing import Any, Callable, Dict, List, Optional, Set, Tuple

from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, QTimer, Signal, Slot

from .. import paths
from ..explain import QT_TRANSLATE_NOOP, WordedError, describe_error
from ..ftp.localpath import MAX_DEPTH
from .items import (
    ACTIVE,
    FAILED,
    GROUP_FAILED,
    GROUP_FINISHED,
    GROUP_QUEUED,
    PAUSED,
    QUEUED,
    RETRYING,
    WAITING,
    NotSaved,
    TransferItem,
    item_values,
    saved_object,
)
from .runner import run_blocking
from .servers import Server
from .walk import TOO_DEEP
from .writing import ASIDE, MAX_BYTES, Notes
from .writing import forget as forget_notes
from .writing import take as take_notes

STORE_VERSION = 2
SAVE_DELAY_MS = 250  # at the least; after a save that took long, longer (SAVE_COST_SHARE)
SAVE_COST_SHARE = 20  # a save waits at least this many times as long as the last one took: ≤ 5 % of the time
NO_SERVER = QT_TRANSLATE_NOOP("QueueModel", "its server was not recorded (saved by an older ftpgui): queue it again")
UNREADABLE = QT_TRANSLATE_NOOP("QueueModel", "The saved queue could not be read ({reason}); it was kept as {path}.")
# its {reason}, each in the person's language as well (found in review: the reason came in English, inside the
# Chinese sentence)
NOT_JSON = QT_TRANSLATE_NOOP("explain", "it is not JSON at line {line}, column {column}")
NOT_TEXT = QT_TRANSLATE_NOOP("explain", "it is not UTF-8 text")
JSON_UNREADABLE = QT_TRANSLATE_NOOP("explain", "its JSON is nested too deeply or holds too long a number")
NOT_A_QUEUE = QT_TRANSLATE_NOOP("explain", "it is not a queue as ftpgui writes one")
OTHER_VERSION = QT_TRANSLATE_NOOP("explain", "it is of version {version}, which this ftpgui does not read")
NOT_AS_WRITTEN = QT_TRANSLATE_NOOP("explain", "its “{key}” is not as ftpgui writes it")
BAD_SERVER = QT_TRANSLATE_NOOP("explain", "its server {n} is not as ftpgui writes one")
BAD_SERVER_FIELD = QT_TRANSLATE_NOOP("explain", "the “{field}” of its server {n} is not as ftpgui writes it")
BAD_ITEM = QT_TRANSLATE_NOOP("explain", "its item {n} is not as ftpgui writes one")
BAD_ITEM_FIELD = QT_TRANSLATE_NOOP("explain", "the “{field}” of its item {n} is not as ftpgui writes it")
NOT_SAVED = QT_TRANSLATE_NOOP("QueueModel", "The transfer queue could not be saved: {reason}")
NOTES_TOO_LARGE = QT_TRANSLATE_NOOP(
    "QueueModel",
    "The record of the uploads ftpgui had begun ({path}) is larger than {size} and was not read; it was kept as "
    "{aside}. An upload cut off last time asks before it writes over its file on the server.",
)
NOTES_DAMAGED = QT_TRANSLATE_NOOP(
    "QueueModel",
    "The record of the uploads ftpgui had begun ({path}) could not be read; it was kept as {aside}. An upload "
    "cut off last time asks before it writes over its file on the server.",
)


def said(template: str, **values: Any) -> str:
    """A message of the queue's in the person's language (the window shows it as it is)."""
    return QCoreApplication.translate("QueueModel", template).format(**values)


def snapshot(items: List[TransferItem], servers: Dict[str, Server]) -> Dict[str, Any]:
    """What ``queue.json`` holds: the items and the servers they name (no password: a ``Server`` has none).

    Each item as its fields' values (``item_values``: a tuple of strings and numbers, which nothing the GUI
    thread changes afterwards reaches); ``encode``, off the GUI thread, makes them the JSON objects
    ``to_json`` would (a snapshot of 2,000 items took 5.7 ms of the GUI thread as dicts, 1.2 ms as tuples)."""
    used = {i.server for i in items if i.server in servers}
    return {
        "version": STORE_VERSION,
        "servers": {key: servers[key].to_json() for key in sorted(used)},
        "items": [item_values(i.__dict__) for i in items],
    }


def encode(state: Dict[str, Any]) -> bytes:
    """``queue.json``'s bytes: one item a line, each encoded on its own. (``json.dumps`` with an indent is
    pure Python — 37 ms for 2,000 items — and in one piece it holds the GIL from start to end: the GUI thread
    and the transfer threads wait meanwhile. Item by item, they take turns.) A name valid in no codec holds
    lone surrogates: written as JSON ``\\udcXX`` escapes, read back as the same text."""
    head = {k: v for k, v in state.items() if k != "items"}
    objects = (saved_object(values) for values in state.get("items", []))
    lines = [json.dumps(obj, ensure_ascii=False) for obj in objects]
    items = "[\n" + ",\n".join(lines) + "\n]" if lines else "[]"
    text = json.dumps(head, indent=2, ensure_ascii=False)[:-2] + f',\n  "items": {items}\n}}\n'
    return text.encode("utf-8", "backslashreplace")


class Order:
    """The saves of one ``queue.json`` in the order their snapshots were taken: a save that comes to write after
    a later snapshot was written writes nothing (found in review: a save begun off the GUI thread before Quit
    could land after Quit's own and put the older queue back; Quit had waited for it, 2 s at most)."""

    def __init__(self) -> None:
        self.lock = threading.Lock()  # held through a write and the compaction of the notes after it
        self.taken = 0  # the number of the last snapshot taken (the GUI thread: ``take``)
        self.written = 0  # the number of the last snapshot written (under ``lock``)

    def take(self) -> int:
        """The number of a snapshot taken now."""
        self.taken += 1
        return self.taken


def write(
    path: str, state: Dict[str, Any], notes: Optional[Notes] = None, order: Optional[Order] = None, number: int = 0
) -> bool:
    """``queue.json`` written; then the upload notes beside it lose what it holds now (``Notes.compact``).
    ``order``: the file's saves, ``number`` this snapshot's in it — False, nothing written or compacted, when a
    later snapshot was written first."""
    order = order or Order()  # (a write alone)
    data = encode(state)  # (before the lock: a later save never waits for this one's encoding)
    with order.lock:
        if number < order.written:
            return False
        paths.atomic_write_bytes(path, data)
        order.written = number
        if notes is not None:
            notes.compact(state.get("items", ()))
    return True


Loaded = Tuple[List[TransferItem], Dict[str, Server]]
TakenProxy = Optional[Callable[[Server], str]]  # (``Server.from_json``'s ``unrecorded_proxy``)


def load(path: str, unrecorded_proxy: TakenProxy = None) -> Loaded:
    """The saved items (those that were moving queued again) and their servers; for a file that cannot be read
    a ``WordedError`` that says why in the person's language (the queue sets the file aside). A server an older
    ftpgui saved without its proxy: ``unrecorded_proxy`` (``Server.from_json``); its items follow its new key."""
    try:
        return _load(path, unrecorded_proxy)
    except WordedError:
        raise
    except (ValueError, TypeError, KeyError, AttributeError):  # (no check foresaw it)
        raise WordedError(NOT_A_QUEUE) from None


def _load(path: str, unrecorded_proxy: TakenProxy) -> Loaded:
    try:
        data = paths.read_json(path, None)
    except json.JSONDecodeError as exc:
        raise WordedError(NOT_JSON, line=exc.lineno, column=exc.colno) from None
    except UnicodeDecodeError:
        raise WordedError(NOT_TEXT) from None
    except ValueError:  # (nested too deeply; a number of more digits than Python converts)
        raise WordedError(JSON_UNREADABLE) from None
    if not data:
        return [], {}
    if not isinstance(data, dict):
        raise WordedError(NOT_A_QUEUE)
    version = data.get("version")
    if version not in (1, STORE_VERSION):
        raise WordedError(OTHER_VERSION, version=json.dumps(version, ensure_ascii=False)[:40])
    servers: Dict[str, Server] = {}
    renamed: Dict[str, str] = {}  # the key in the file → the key now (a key's spelling may change)
    raw_servers = data.get("servers") or {}
    if not isinstance(raw_servers, dict):
        raise WordedError(NOT_AS_WRITTEN, key="servers")
    for n, (saved_key, raw) in enumerate(raw_servers.items(), 1):
        try:
            server = Server.from_json(raw, unrecorded_proxy)
        except NotSaved as exc:
            raise WordedError(BAD_SERVER_FIELD if exc.field else BAD_SERVER, n=n, field=exc.field) from None
        servers[server.key] = server
        renamed[saved_key] = server.key
    raw_items = data.get("items") or []
    if not isinstance(raw_items, list):
        raise WordedError(NOT_AS_WRITTEN, key="items")
    items = []
    for n, raw in enumerate(raw_items, 1):
        try:
            item = TransferItem.from_json(raw)
        except NotSaved as exc:
            raise WordedError(BAD_ITEM_FIELD if exc.field else BAD_ITEM, n=n, field=exc.field) from None
        item.server = renamed.get(item.server, "") if isinstance(item.server, str) else ""
        if item.state in (ACTIVE, RETRYING, WAITING):
            item.state = QUEUED  # a question left open is asked again when the item comes up
        if item.is_dir and item.depth > MAX_DEPTH and item.group != GROUP_FINISHED:
            item.state, item.error = FAILED, TOO_DEEP  # (never listed: its entries could not be saved)
        elif not item.server and item.group == GROUP_QUEUED:
            item.state, item.error = PAUSED, NO_SERVER  # never run on whichever server is connected
        elif not item.server and item.group == GROUP_FAILED:
            item.error = NO_SERVER  # nor tried again there
        items.append(item)
    return items, servers


class Saver(QObject):
    """Writes the queue a moment after it changed (one write for a burst of changes), off the GUI thread."""

    failed = Signal(str)  # a save failed after one that did not (a full disk): the words, for the message log

    def __init__(
        self,
        path: Optional[str],
        state: Callable[[], Optional[Callable[[], Dict[str, Any]]]],
        parent: QObject,
        notes: Optional[Notes] = None,
    ):
        """``state``: a ``weakref.WeakMethod`` of what to write (the queue's snapshot); ``notes``: the upload
        notes, compacted after each save."""
        super().__init__(parent)
        self.path = path
        self.notes = notes
        self.error: Optional[BaseException] = None  # the last write's failure, if it failed
        self._state = state
        self._order = Order()
        self._saving = False
        self._again = False
        self._started = 0.0
        self._ended: Optional[float] = None  # (when the last save ended, if one has: ``soon``)
        self._delay_ms = SAVE_DELAY_MS  # (``soon``'s; after a save that took long, longer: ``_saved``)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._save_now)

    @property
    def pending(self) -> bool:
        """A write is under way or to come (the queue changed since the last one began)."""
        return self._saving or self._again or self._timer.isActive()

    def soon(self, promptly: bool = False) -> None:
        """Save a delay after this change, with the changes that come meanwhile. ``promptly``: as soon as
        that delay has passed since the last save ended — at once after a quiet spell — for a change a kill must
        not lose (a download's record of its temporary file: design note 246). Changes that keep coming are
        saved as often either way: a delay after each save's end."""
        if not self.path:
            return
        if self._saving:  # a delay after this save's end (``_saved``): its end is the last save's, in a moment
            self._again = True  # (a wait reckoned from the save before it let a record's change write twice)
            return
        wait_ms = self._delay_ms
        if promptly:
            since_ms = int((time.monotonic() - self._ended) * 1000) if self._ended is not None else wait_ms
            wait_ms = max(0, wait_ms - since_ms)
        if not self._timer.isActive() or self._timer.remainingTime() > wait_ms:
            self._timer.start(wait_ms)

    def _save_now(self) -> None:
        if not self.path:
            return
        if self._saving:
            self._again = True
            return
        state = self._state()
        if state is None:
            return
        self._saving = True
        self._again = False
        self._started = time.monotonic()
        call = run_blocking(write, self.path, state(), self.notes, self._order, self._order.take())
        # (connected to this object's methods, not lambdas: Qt drops them if the queue is gone when the write
        # ends — a closed window's; a lambda then ran on a deleted timer, "already deleted", in a test's loop)
        call.done.connect(self._written)
        call.failed.connect(self._saved)

    @Slot(object)
    def _written(self, _result: Any) -> None:
        self._saved()

    @Slot(object)
    def _saved(self, exc: Optional[BaseException] = None) -> None:
        self._saving = False
        self._ended = time.monotonic()
        if exc is not None and self.error is None:  # (said once, not at each save while the disk stays full)
            self.failed.emit(said(NOT_SAVED, reason=describe_error(exc)))
        self.error = exc
        took_ms = int((time.monotonic() - self._started) * 1000)
        self._delay_ms = max(SAVE_DELAY_MS, SAVE_COST_SHARE * took_ms)  # a big queue: fewer saves
        if self._again:
            self.soon()

    def blocking(self) -> None:
        """Write now, on this thread — only at exit, when nothing else must go on. A save under way off this
        thread never lands after it: one writing now is waited for (its write alone, not its snapshot's
        encoding), one yet to write writes nothing (``Order``)."""
        self._timer.stop()
        self._again = False
        state = self._state()
        if self.path and state is not None:
            try:
                write(self.path, state(), None, self._order, self._order.take())
            except OSError as exc:  # (a full disk, a read-only one): the last good save stands, the caller says why
                self.error = exc
            else:
                self.error = None


EXIT_WAIT_S = 2.0  # at exit, how long the queue waits for what its stopped jobs report (``shutdown``)


class SavedQueue:
    """``TransferQueue``'s side of ``queue.json`` (a mixin): restoring it, saving it soon after a change, and
    the last save at exit, once the stopped jobs have reported. Upload jobs note beside it which targets they
    began to write (``writing``, at ``_notes``): taken in here at load and at exit."""

    model: Any
    servers: Dict[str, Server]
    exit_wait_s: float
    _saver: Saver
    _notes: str  # (the notes' file; "": none kept)
    load_error: Optional[str]
    _stopping: bool
    _shut_down: bool
    _unasked: Set[str]
    _was_idle: bool
    _assigned: Dict[str, Any]
    _pools: Dict[str, Any]
    _timers: Dict[str, QTimer]
    _closing: List[Any]
    _drop: Any

    def snapshot(self) -> dict:
        """What ``queue.json`` holds: the items and their servers, never a password (``saved.snapshot``)."""
        return snapshot(self.model.items(), self.servers)

    def _save_soon(self, promptly: bool = False) -> None:
        if not self._stopping:  # (shutdown saves once its stopped jobs have reported)
            self._saver.soon(promptly)

    @property
    def saving(self) -> bool:
        """A save of ``queue.json`` (and the compaction of the upload notes after it) is under way or to come."""
        return self._saver.pending

    @property
    def save_error(self) -> Optional[BaseException]:
        """Why the last write of ``queue.json`` failed, if it did."""
        return self._saver.error

    def _load(self, path: str, unrecorded_proxy: TakenProxy = None) -> None:
        """Restore a saved queue (small: read at start-up). Items that were moving continue from where they
        were, each on its own server once that server's login is known (and through its proxy)."""
        items, servers = load(path, unrecorded_proxy)
        # (an upload cut off before its first progress report: its own target)
        unreadable = take_notes(self._notes, items)
        if unreadable is not None:
            template = NOTES_TOO_LARGE if unreadable.reason == "too-large" else NOTES_DAMAGED
            self.load_error = said(template, path=self._notes, size=f"{MAX_BYTES >> 20} MiB", aside=self._notes + ASIDE)
        self.servers.update(servers)
        self._unasked.update(servers)
        self.model.append(items)
        self._owners.load(items)  # type: ignore[attr-defined] (the downloads holding a part: 462)
        self._look_at(items)  # type: ignore[attr-defined] (which of the uploads are folders: note 379)
        self._was_idle = not any(i.state == QUEUED for i in items)

    def save_now_blocking(self) -> None:
        """Write the queue now, on this thread — only at exit, when nothing else must go on."""
        self._saver.blocking()

    def shutdown(self) -> None:
        """At exit: stop the transfers (they stay queued, to continue next time), wait a moment for what the
        stopped jobs report, save. The connections close by themselves: nothing here waits for them (each
        waited up to 3 s, the window's thread held, when its server did not answer; ``closing`` lists them
        for the app's end, ``MainWindow.wait_closed``)."""
        if self._stopping:
            return
        self._stopping = True  # from here nothing starts and nothing is asked; what the jobs report still counts
        for timer in self._timers.values():
            timer.stop()
        for pool in self._pools.values():
            for slot in list(pool.slots):
                self._drop(slot)
            self._end_look(pool)  # (a look before a password: ``certificates``)
        self._wait_for_jobs()
        for item in self.model.items():
            if item.state == ACTIVE:
                item.state = QUEUED  # continued next time
        take_notes(self._notes, self.model.items())  # (a job still running: its note, if it made one)
        self.save_now_blocking()
        if self._notes and self.save_error is None:
            forget_notes(self._notes)  # the saved queue says it all now (not when it could not be saved)
        self._shut_down = True  # a job that ends from here on changes nothing and opens no connection

    def _wait_for_jobs(self) -> None:
        """Let the stopped jobs' ends come in, for ``exit_wait_s`` at most: an upload cut off says it wrote part
        of its target, one that finished meanwhile is done — and is saved so (found in review: before, the
        queue was saved at once and their ends ignored). A job waiting for the server's answer to its transfer
        command ends at once too: the cancel hangs up under that wait (``FtpSession.cancel``). The GUI thread
        takes its events meanwhile (not the person's input) and sleeps between them; the network is the
        transfer connections' own, never waited on here. A save under way is not waited for: it never lands
        after the one at exit (``Order``). (Events, not a nested event loop: a Quit from a question's button runs
        inside that button's click, and such a loop deletes a closed question under it.)"""
        if not self._assigned:
            return
        deadline = time.monotonic() + self.exit_wait_s
        wake = QTimer()
        wake.start(20)  # (the wait for events below ends by the deadline)
        flags = QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents | QEventLoop.ProcessEventsFlag.WaitForMoreEvents
        while self._assigned and time.monotonic() < deadline:
            QCoreApplication.processEvents(flags)
        wake.stop()
