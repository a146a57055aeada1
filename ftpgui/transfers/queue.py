"""``TransferQueue``: files and folders to move, each on transfer connections to its own server.

The queue lives on the GUI thread and owns the items (``QueueModel``). Every item belongs to a server
(``servers.Server``: the saved site, or the quick-connect endpoint, it was queued from) and runs only on
connections to that server (``pool.ServerPool``, one per server), which the queue opens itself with the
password it was given for that server — by ``set_site`` for the server being browsed, or by ``supply`` after
``credentialsNeeded`` (the keyring, or the person asked once; a certificate its login does not trust is
``certificateNeeded``: ``certificates.py``). Each transfer connection
(``procconn.ProcessConnection``, one engine session in a process of its own, on Linux; elsewhere
``worker.Connection``, on a QThread) runs one item at a time as a job (``jobs.ItemJob``), a few short files
queued ahead of it; results, failures and coalesced progress come
back in batches (``outcomes.py``). Folders are listed by the same connections as they come up, their
entries inserted where the folder was. The queue is saved
(atomically, off the GUI thread) whenever it changes shape, so it survives the app being killed.

An item is in at most one job at a time: it is handed out again only after its job's result has come back,
or when its connection's thread confirms the job never started (``Connection.withdraw``). So no two
connections write the same file, and "the target exists" is never asked about the queue's own file.
"""

from __future__ import annotations

import collections
import contextlib
import dataclasses
import functools
import os
import stat
import threading
import weakref
from typing import TYPE_CHECKING, Any, Callable, Collection, Deque, Dict, Iterator, List, Optional, Set, Tuple

from PySide6.QtCore import QMetaMethod, QObject, QTimer, Signal

from ..explain import describe_error
from ..ftp import UnsafeArgument, UnsafePath
from ..ftp.localpath import names_no_entry, safe_name
from ..ftp.names import remote_join, unsendable_name
from ..ftp.transfertype import BINARY, is_ascii
from .certificates import CertificateQuestions
from .groups import GroupViews
from .items import (
    ACTIVE,
    ASK,
    DOWNLOAD,
    FAILED,
    PAUSED,
    QUEUED,
    RETRYING,
    UPLOAD,
    ExistsQuestion,
    TransferItem,
    keep_error,
    new_batch,
)
from .model import QueueModel
from .outcomes import Outcomes
from .owners import PART_HELD, WRITER, PartOwners, download_target, downloads_under_way, waits_for_writer
from .progress import TOTALS_INTERVAL_MS, Progress, QueueTotals
from .questions import ExistsQuestions
from .queue_actions import QueueActions
from .runner import run_blocking
from .saved import EXIT_WAIT_S, UNREADABLE, SavedQueue, Saver, TakenProxy, said
from .servers import Server
from .serving import ServerConnections, processes_usable
from .throttle import SpeedLimit
from .walk import WalkBounds
from .writing import SUFFIX as WRITING_SUFFIX
from .writing import Notes

if TYPE_CHECKING:  # the connections' runtime: imported when the first transfer connection opens (``serving``)
    from .pool import ServerPool, Slot
    from .worker import Connection

SHORT_FILE = 4 << 20

__all__ = ["QueueModel", "QueueTotals", "Server", "TransferQueue"]


FOLDER = -1  # ``file_sizes``' word for a folder


def file_sizes(paths: List[str]) -> List[Optional[int]]:
    """Each path's size when it is a file (a link to one followed), ``FOLDER`` when it is a folder, else None:
    off the GUI thread."""
    sizes: List[Optional[int]] = []
    for path in paths:
        try:
            st = os.stat(path)
        except (OSError, ValueError):
            st = None
        if st is not None and stat.S_ISDIR(st.st_mode):
            sizes.append(FOLDER)
        else:
            sizes.append(st.st_size if st is not None and stat.S_ISREG(st.st_mode) else None)
    return sizes


@functools.cache
def _job_kinds() -> tuple:
    """(ItemJob, JobContext, TINY_FILE, Job), imported once, with the first job: an import statement run for each
    item handed out cost the GUI thread a call into PySide's ``__import__`` hook each time."""
    from .jobs import ItemJob, JobContext
    from .pool import TINY_FILE, Job

    return ItemJob, JobContext, TINY_FILE, Job


class TransferQueue(
    QueueActions, ServerConnections, CertificateQuestions, Outcomes, ExistsQuestions, Progress, SavedQueue, QObject
):
    """The transfer queue of the app: see the module docstring."""

    itemFinished = Signal(str, object)  # direction ("download"|"upload"), remote path — the remote pane refreshes
    # [(direction, remote path), ...]: the same, a batch at a time (cheaper); also each folder an upload made, and
    # each upload cancelled, paused or failed that left a part on the server
    itemsFinished = Signal(list)
    eventsArrived = Signal(list)  # engine events of the transfer connections (message log, mode panel)
    noted = Signal(str, str)  # (kind, line) for the message log: what became of a removed download's file
    askExists = Signal(object)  # ExistsQuestion; the GUI answers with question.answer(choice, apply_to_all)
    existsWithdrawn = Signal(object)  # that ExistsQuestion is no longer asked: its item stopped waiting (note 472)
    totalsChanged = Signal(object)  # QueueTotals
    idle = Signal()  # nothing left to do (every item finished, failed, paused or waiting for an answer)
    # Server: items wait for its login; the GUI answers with supply(), or decline() when the person gives none
    credentialsNeeded = Signal(object)
    # (Server, UntrustedCertificate): its items wait; the GUI answers with trust_certificate() or refuse_certificate()
    certificateNeeded = Signal(object, object)

    def __init__(
        self, store_path: Optional[str] = None, parent: Optional[QObject] = None, unrecorded_proxy: TakenProxy = None
    ):
        """``unrecorded_proxy``: a saved server's proxy where an older ftpgui recorded none (``Server.from_json``)."""
        super().__init__(parent)
        self.model = QueueModel(self)
        self.views = GroupViews(self.model, ("queued", "failed", "cancelled", "finished"), self).models  # the tabs
        self.limit = SpeedLimit()
        # transfer connections as processes where that works (Linux; procconn): none waits for another's GIL
        self.transfer_processes = processes_usable()
        # each transfer connection keeps a record of its events made with this (the mode panel sets its scene's
        # class when it watches the queue): the panel then applies only the events of the connection it shows
        self.recorder: Any = None
        self.drawing = threading.Event()  # cleared while the GUI thread draws the queue (``holding``)
        self.drawing.set()
        self.exists_default = ASK  # CONTRACT: the main window sets it from Preferences.exists_default
        self.retry_delays: Tuple[float, ...] = (2.0, 8.0, 30.0)  # backoff between the 3 tries
        self.windows_names: Optional[bool] = None  # apply Windows' name rules (default: on Windows)
        self.follow_links = False  # CONTRACT: the main window sets it from Preferences.follow_links
        self.skip: Any = None  # CONTRACT: the filters folder transfers apply (ftpgui.filters.FilterSet), or None
        self.skip_by_server: Dict[str, Any] = {}  # a server's own (its tab's site's filters), instead of skip
        # CONTRACT: the main window sets these from the preferences and the saved sites: an item's transfer
        # type is its site's ("default": transfer_type), ASCII or binary by name when it starts
        self.transfer_type = BINARY
        self.ascii_extensions: frozenset = frozenset()
        self.site_transfer_type: Callable[[str], str] = lambda site_id: "default"
        self.walk = WalkBounds()  # folders listed in one go (an endless tree on the server stops there)
        self.skipped: List[Tuple[str, str]] = []  # (path, reason): what folder listings left out
        self.servers: Dict[str, Server] = {}  # key → the server items of that key belong to
        self.model.servers = self.servers  # the same dict: the view's Server column reads it
        self._pools: Dict[str, ServerPool] = {}  # key → its login (memory only) and its connections
        self._current: Optional[Server] = None  # the server being browsed: new items belong to it
        self._unasked: Set[str] = set()  # servers with no login, not asked yet: a scan looks for their items
        self._assigned: Dict[str, Slot] = {}  # item id → the connection that has its job
        # what the files handed out write (``_target``): another item for one waits (``_dispatch``)
        self._writes: Dict[str, Tuple[str, str]] = {}  # item id → its target
        self._writing: Set[Tuple[str, str]] = set()  # those targets (one job each: ``_dispatch`` sees to it)
        # the downloads holding a temporary file: no other item writes it (note 462)
        self._owners = PartOwners(lambda i: self.model.item(i), lambda i: i in self._assigned, self._target)
        self._folders: Set[str] = set()  # uploads by path the window's listing knew as folders (``upload``)
        self._folder_uploads: Set[str] = set()  # those, and those the disk said are folders: never counted as files
        self._link_kinds: Dict[str, bool] = {}  # a server's link downloaded alone: a folder (True) as its job found
        self._remake: Set[str] = set()  # downloads the person retried: their deleted folders are made again
        self._closing: List[Connection] = []
        self._stopping = False  # shutdown() has begun: nothing starts again, no question is asked
        self._shut_down = False  # after shutdown() the window is going: late results are not shown
        self.exit_wait_s = EXIT_WAIT_S
        # where upload jobs note that they begin to write their target (``writing``): beside the saved queue
        self._notes = store_path + WRITING_SUFFIX if store_path else ""
        self._questions: Deque[ExistsQuestion] = collections.deque()
        self._asked: Optional[ExistsQuestion] = None
        self._apply_all: Dict[Tuple[str, str, str], str] = {}
        self._samples: Dict[str, Deque[Tuple[float, int]]] = {}
        self._held: Dict[int, str] = {}
        self._timers: Dict[str, QTimer] = {}
        notes = Notes(self._notes) if self._notes else None  # (compacted as the queue is saved)
        self._saver = Saver(store_path, weakref.WeakMethod(self.snapshot), self, notes)  # weak: no cycle
        self._saver.failed.connect(functools.partial(self.noted.emit, "error"))
        self._totals_timer = QTimer(self)
        self._totals_timer.setSingleShot(True)
        self._totals_timer.setInterval(TOTALS_INTERVAL_MS)
        self._totals_timer.timeout.connect(self._emit_totals)
        self._was_idle = True
        self._hint: Tuple[int, int] = (-1, 0)  # (model version, the row _dispatch scans from): see _dispatch
        self._batching = False  # a connection's batch is being taken in: _changed waits for its end
        self._batch_changed = False
        self._finished: List[Tuple[str, str]] = []
        self._one_finished = QMetaMethod.fromSignal(self.itemFinished)
        self._events_passed = QMetaMethod.fromSignal(self.eventsArrived)
        self.load_error: Optional[str] = None  # why a saved queue could not be read (it is kept aside)
        if store_path:
            try:
                self._load(store_path, unrecorded_proxy)
            except (ValueError, TypeError, KeyError, AttributeError) as exc:
                aside = store_path + ".unreadable"
                try:
                    os.replace(store_path, aside)
                except OSError:
                    aside = store_path
                self.load_error = said(UNREADABLE, reason=describe_error(exc), path=aside)  # (``load`` words it)

    @contextlib.contextmanager
    def holding(self) -> Iterator[None]:
        """While the GUI thread draws the queue: the transfer connections start no next job meanwhile
        (``worker.Connection``'s gate; a job already running goes on)."""
        self.drawing.clear()
        try:
            yield
        finally:
            self.drawing.set()

    def start(self) -> None:
        """Start what is queued: restored items reconnect to their own servers (asking for logins as needed)."""
        self._dispatch()

    # --- adding --------------------------------------------------------------------------------
    def download(self, items: List[tuple], local_dir: str, *, start: bool = True) -> List[TransferItem]:
        """Queue (remote path, is folder, size[, the path's bytes[, the name listed]]) entries of the server being
        browsed (the last ``set_site``'s) into ``local_dir``; a folder comes
        with its contents. The bytes (a listed entry's ``wire_name`` joined to its folder's) are what the
        server is sent, so a name in a codec other than the session's typing codec is found again. "Is folder"
        None: a symbolic link, a folder or a file as its job finds it (``jobs.download_link``). The name, as its
        folder's listing gave it, is the one checked (``safe_name``): a listed "sub/x" is the path …/sub/x, whose
        last part passes — it was fetched and saved as "x" (design note 247); without it, the path's last part.
        ``start=False`` adds them paused ("Add to queue"): they wait for ``resume``. Returns the new items, one
        for each of ``items``, in their order (those refused at once: failed, ``refused`` for a name)."""
        new = []
        for remote, is_dir, size, *raw in items:
            listed = raw[1] if len(raw) > 1 and raw[1] is not None else None
            name = remote.rstrip("/").rsplit("/", 1)[-1] if listed is None else listed
            item = TransferItem(DOWNLOAD, local=local_dir, remote=remote, is_dir=is_dir, size=size)
            if raw and raw[0] is not None:
                item.remote_bytes = bytes(raw[0]).hex()
            refused = unsendable_name(item.wire_remote)  # (no command can carry it: said as that, first)
            try:
                if refused is not None:
                    raise refused
                # only the name here (no disk on this thread); the job checks the path stays inside local_dir
                item.local = os.path.join(local_dir, safe_name(name, windows=self.windows_names))
            except UnsafeArgument as exc:  # (the Local column: the chosen folder's, never a path a listed "/x" names)
                item.state = FAILED
                item.local = local_dir if names_no_entry(name) else os.path.join(local_dir, name)
                keep_error(item, exc)
            except UnsafePath as exc:  # (never run, nor tried again: its path may name another file)
                item.state, item.refused = FAILED, True
                keep_error(item, exc)
            new.append(item)
        self._add(new, start)
        return new

    def upload(
        self, local_paths: List[str], remote_dir: str, *, start: bool = True, folders: Collection[str] = ()
    ) -> None:
        """Queue local files and folders into ``remote_dir`` on the server being browsed (the last ``set_site``'s);
        a folder comes with its contents.
        ``start=False`` adds them paused. ``folders``: those of the paths the caller's listing knows as folders
        (the local pane's): as one starts, the pool's other connections open and log in (``_open_ahead``), as
        for a folder downloaded. Only a hint: what each path is, the job looks at on the disk."""
        new = []
        for path in local_paths:
            name = os.path.basename(path.rstrip(os.sep))
            item = TransferItem(UPLOAD, local=path, remote=remote_join(remote_dir, name), is_dir=None)
            if path in folders:
                self._folders.add(item.id)
                self._folder_uploads.add(item.id)  # (the footer counts it as a folder, never a file: note 379)
            new.append(item)
        self._add(new, start)
        self._look_at(new)

    def _look_at(self, items: List[TransferItem]) -> None:
        """Read on a thread (a network folder may take its time) what the uploads among ``items`` not known yet
        are on the disk: a file's size (the Size column, the totals), or a folder (design notes 370, 379)."""
        unknown = [i for i in items if i.direction == UPLOAD and i.is_dir is None and i.id not in self._folder_uploads]
        unknown = [i for i in unknown if i.size is None]
        if unknown:
            ids = [item.id for item in unknown]
            run_blocking(
                file_sizes, [item.local for item in unknown], on_done=functools.partial(self._sized, ids), detached=True
            )

    def _sized(self, ids: List[str], sizes: List[Optional[int]]) -> None:
        """The sizes of uploads just queued, as their local files had them (a file gone: None; a folder:
        ``FOLDER``, counted as one in the totals). An upload's size came only with its job's first progress:
        one added paused had none — its Size cell empty, the totals without it (design note 370). A job that
        began meanwhile said its own. A folder counted as a file of unknown size until its walk (note 379)."""
        for item_id, size in zip(ids, sizes, strict=True):
            item = self.model.item(item_id)
            if item is None or item.is_dir:
                continue
            if size == FOLDER:
                if item.is_dir is None:
                    self._folder_uploads.add(item_id)
            elif size is not None and item.size is None:
                item.size = size
                self.model.touch(item_id)
        self._save_soon()
        if not self._totals_timer.isActive():
            self._totals_timer.start()

    def _add(self, items: List[TransferItem], start: bool = True) -> None:
        # they belong to the server being browsed now (none yet: they wait, and never run anywhere)
        key = self._current.key if self._current is not None else ""
        if key in self._pools:
            self._pools[key].try_again()  # (a server that had stopped answering: new items are tried)
        batch = new_batch()  # one request: what an "apply to all" answer about one of them reaches
        for item in items:
            item.server = key
            item.batch = batch
            if not start and item.state == QUEUED:
                item.state = PAUSED
        from .parts import take_records  # (with the transfers' runtime: not with the first window)

        take_records(items, self.model.items(), self._target)  # (a file queued again continues its earlier try)
        self.model.append(items)
        self._changed()

    # --- running -------------------------------------------------------------------------------
    def _dispatch(self) -> None:
        """Start queued items, in row order, each on a connection to its own server, while connections can
        take them. An item whose server has no login yet waits (the GUI is asked for it once).

        The scan starts at the first row that may still need a connection (``_hint``): rows above it are
        finished, running or otherwise not waiting, and a job's end does not change that. Anything that
        can (an item queued again or retrying, rows inserted, removed or moved) starts the next scan at the
        top. Without it each finished file rescanned the whole queue (quadratic in its length). The scan
        stops once every server with a login has all the jobs it can take."""
        if self._shut_down or self._stopping:
            return  # the queue is saved; nothing starts again until the next run
        model = self.model
        if self._hint[0] != model.version:
            self._hint = (model.version, 0)
        waiting: Optional[int] = None  # the first row still waiting for a connection, or retrying
        ready = {key for key, pool in self._pools.items() if pool.ready}
        quiet = {key for key in ready if self._pools[key].quiet}  # every connection has gone quiet: nothing is tried
        full: Set[str] = set(quiet)  # servers whose connections take no more now
        busy: Set[str] = {slot.key for slot in self._assigned.values()}  # servers with work
        asks: List[Server] = []
        ended = True  # the scan reached the last row
        for row, item in model.rows_from(self._hint[1]):
            if item.state == RETRYING:
                busy.add(item.server)
                waiting = row if waiting is None else waiting
                continue
            if item.state != QUEUED or item.id in self._assigned:
                continue
            if quiet and item.server in quiet:  # (one handed back by a closed connection, or a question answered)
                self._give_up(self._pools[item.server], item)
                continue
            if not item.is_dir and (self._writing or self._owners or item.error == PART_HELD):
                wait = waits_for_writer(self, item)  # (one at a time; the next then finds the file and asks)
                if wait is not None:
                    waiting = row if waiting is None else waiting
                    if wait == WRITER:  # (a paused holder's, HOLDER, may wait for hours: no work, note 478)
                        busy.add(item.server)
                    continue
            busy.add(item.server)
            if item.server not in ready or item.server in full:
                waiting = row if waiting is None else waiting
                if item.server in self.servers and self._pool(item.server).ask():  # ask once
                    self._unasked.discard(item.server)
                    asks.append(self.servers[item.server])
                if ready and len(full) == len(ready) and not self._unasked:
                    ended = False
                    break
                continue
            slot = self._pools[item.server].pick(self._open_slot)
            if slot is None:
                full.add(item.server)
                waiting = row if waiting is None else waiting
                if len(full) == len(ready) and not self._unasked:
                    ended = False
                    break
                continue
            self._start(slot, item)
        self._hint = (model.version, model.rowCount() if waiting is None else waiting)
        if ended:
            self._unasked.clear()  # no item waits for them
            self._close_idle(busy)
        for server in asks:
            self.credentialsNeeded.emit(server)
        self._check_idle()

    def _target(self, item: TransferItem) -> Tuple[str, str]:
        """What ``item`` writes: a download's local path (case folded: ``Big.bin`` is ``big.bin`` on Windows
        and macOS), an upload's remote path on the machine it goes to. Two items with one target never run at
        once (``_dispatch``): both would write the same file. Two saved sites (or a site and a quick connect,
        or another TLS mode) for one host and port are two server keys, and both wrote one remote file at
        once - a mix of the two files, each item "done" (found by QA): an upload's machine is its host and
        port."""
        if item.direction == DOWNLOAD:
            return download_target(item.local)
        server = self.servers.get(item.server)
        place = f"{server.host.lower()}:{server.port}" if server is not None else item.server
        return (place, item.remote)

    def is_ascii(self, item: TransferItem) -> bool:
        """Whether ``item`` goes in ASCII: its site's transfer type (or the preferences'), and its name."""
        server = self.servers.get(item.server)
        kind = self.site_transfer_type(server.site_id) if server is not None and server.site_id else "default"
        kind = self.transfer_type if kind == "default" else kind
        return not item.is_dir and is_ascii(kind, item.remote, self.ascii_extensions)

    def _start(self, slot: Slot, item: TransferItem) -> None:
        """Hand ``item`` to ``slot``'s connection; it shows as active once its job really starts."""
        ItemJob, JobContext, TINY_FILE, Job = _job_kinds()  # (the transfers' runtime: not with the first window)
        shares_space = item.direction == DOWNLOAD and not item.is_dir and type(item.size) is int
        ctx = JobContext(
            slot.conn.stopping,
            self._pools[slot.key].time_offset_minutes,
            self.windows_names,
            self.follow_links,
            ascii=self.is_ascii(item),
            skip=self.skip_by_server.get(item.server, self.skip),
            writing=self._notes,
            walk_start=item.direction == DOWNLOAD and bool(item.is_dir) and self.walk.starts(item),
            remake=item.id in self._remake and item.direction == DOWNLOAD,
            # (the downloads under way, for the free-space check, note 274: not for a file of a tree's small ones —
            # looking at every handed-out item for each of 2,000 files of 4 KiB took the GUI thread 0.15 s of its
            # 0.4 in ``bench_queue.py``, for a check such a file does not need)
            others=downloads_under_way(self) if shares_space and item.size > TINY_FILE else (),  # type: ignore
        )
        self._remake.discard(item.id)
        snapshot = item if slot.conn.copies_jobs else dataclasses.replace(item)
        short = not item.is_dir and item.size is not None and item.size <= SHORT_FILE
        tiny = short and item.size <= TINY_FILE  # type: ignore[operator]
        item.error, item.error_words = "", None
        job_id = slot.conn.submit(ItemJob(snapshot, ctx))
        slot.jobs[job_id] = Job(item.id, item.done, short, tiny)
        self._assigned[item.id] = slot
        if not item.is_dir:
            target = self._writes[item.id] = self._target(item)
            self._writing.add(target)
            if item.direction == DOWNLOAD:
                self._owners.hold(item, target)  # (its temporary file: no other item writes it, note 462)
        self.model.touch(item.id)
        if item.is_dir or (self._folders and item.id in self._folders):
            self._folders.discard(item.id)
            self._open_ahead(self._pools[slot.key])

    def _set_state(self, item: TransferItem, state: str) -> None:
        item.state = state
        if item.error == PART_HELD and state != QUEUED:
            item.error = ""  # (it no longer waits for the holder of its temporary file)
        if state in (QUEUED, RETRYING):
            self._hint = (-1, 0)  # it may be above where the next scan would start
        self.model.touch(item.id)

    # --- bookkeeping -------------------------------------------------------------------------------
    def _changed(self) -> None:
        if self._batching:
            self._batch_changed = True  # (once at the batch's end)
            return
        self._batch_changed = False
        self._withdraw_stale()  # (a question whose item was cancelled, paused or removed)
        self._save_soon()
        self._dispatch()
        if not self._totals_timer.isActive():
            self._totals_timer.start()

    def _check_idle(self) -> None:
        """Idle: nothing the queue can do by itself — no job, nothing to try again, nothing queued but what waits
        for a paused holder of its temporary file (``owners.waits_for_writer``, design note 478)."""
        start = self._hint[1] if self._hint[0] == self.model.version else 0  # (nothing waits above the hint)
        busy = bool(self._assigned) or any(
            i.state == RETRYING or (i.state == QUEUED and i.error != PART_HELD) for _, i in self.model.rows_from(start)
        )
        if not busy:
            # (each time, not only as it becomes idle: a batch's last question may be answered while it is)
            self._forget_answers()
        if not busy and not self._was_idle:
            self.walk.reset()
            self._send_totals()  # (now, not after the rows' update: idle is said with everything shown)
            self.idle.emit()
        self._was_idle = not busy

    def is_idle(self) -> bool:
        return self._was_idle

    def transferring(self) -> bool:
        """Whether something is under way: an item handed to a transfer connection, or one to be tried again
        after a dropped connection — not items that wait for a login, a Resume or a free connection."""
        return bool(self._assigned) or any(i.state in (ACTIVE, RETRYING) for _, i in self.model.rows_from(0))
