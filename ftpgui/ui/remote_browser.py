"""The browsing side of a server: one :class:`Connection`, listings cached per folder, results by callback.

All network work runs on the connection's thread; this object lives on the GUI thread and only hands
jobs over and routes their results back to the callbacks given with them.
"""

from __future__ import annotations

import contextlib
import itertools
import posixpath
import sys
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable, ContextManager, Dict, List, Optional, Sequence, Set, Tuple

from PySide6.QtCore import QCoreApplication, QObject, Signal

from ..explain import error_words
from ..ftp import ConnectionLost, Entry, ReplyError, SessionOptions
from ..ftp.localpath import MAX_DEPTH
from ..ftp.names import RemotePath, remote_join
from ..ftp.safetext import UnreadLines
from ..transfers.endpoint import Endpoint
from ..words import Words
from .listed_folder import ListedFolder
from .name_hint import NOT_DELETED, unread_words
from .permissions import ModeChange, mode_from_permissions

if TYPE_CHECKING:
    from ..ftp.session import FtpSession
    from ..transfers.worker import Connection

Done = Callable[[Any], None]
Failed = Callable[[BaseException], None]

_stamps = itertools.count(1)


def stamp() -> int:
    """A number later than every one given before: orders what was shown (an error in the status bar) and the
    jobs started (``RemoteBrowser.succeeded``)."""
    return next(_stamps)


class AnswerNotTaken(Exception):
    """What the window does with a job's result failed (a bug of ftpgui's, not the server's): said to the person
    as a failure of the job, so that nothing waits for good — a connection stayed at "Logging in…" with the
    remote pane empty, said only on stderr (design note 302)."""

    def __init__(self, cause: BaseException):
        super().__init__(f"{type(cause).__name__}: {cause}")
        self.cause = cause

    def text(self) -> str:
        return QCoreApplication.translate(
            "RemoteBrowser", "ftpgui failed to take the server's answer (an internal error: {detail})."
        ).format(detail=str(self))


def list_folder(session: FtpSession, path: str) -> Tuple[str, ListedFolder]:
    """On the connection's thread: enter ``path`` and list it; returns the server's name for it too. The
    folder stays compact (the engine's ``Listing`` makes each entry when read), and what the pane reads of
    every entry — names, sort keys, folders — is made here, not in the window's thread. The folder keeps its
    path's bytes (``ListedFolder.wire``), so that its entries are sent back as listed, the codecs the session
    reads names in (``ListedFolder.codecs``), and the lines of the listing no format reads
    (``ListedFolder.unread``)."""
    canonical = session.cwd(path) if path else session.pwd()
    wire = session.wire_cwd()  # (from the PWD just made)
    unparsed: List[bytes] = []
    folder = ListedFolder(session.listdir(unparsed=unparsed), session.names.decoders)
    folder.wire = wire
    # (what they name is not shown: the window says so in the log)
    folder.unread = UnreadLines.of(canonical, unparsed, session.names.decode)
    return canonical, folder


def child_path(path: RemotePath, entry: Entry) -> RemotePath:
    """``path``/``entry``: text joins its name, the server's bytes join the bytes it was listed with."""
    if isinstance(path, bytes):
        return remote_join(path, entry.wire_name)
    return posixpath.join(path, entry.name)


class LeftUnread(Exception):
    """A folder's RMD was refused after lines of its listing could not be read: what they name was not deleted
    and is likely what keeps the folder (said with the server's refusal, in place of a bare "not empty")."""

    def __init__(self, unread: UnreadLines, refused: BaseException):
        super().__init__(f"{unread.count} line(s) of the listing of {unread.folder} could not be read: {refused}")
        self.unread, self.refused = unread, refused

    def words(self) -> Words:
        left = unread_words(self.unread, NOT_DELETED)
        return Words(None, "{left} {refused}", left=left, refused=error_words(self.refused))


def remove_tree(session: FtpSession, path: RemotePath, is_dir: bool) -> None:
    """On the connection's thread: delete a file, or a folder with everything in it. A folder whose listing
    had lines no format reads is still removed when the server lets it (the lines named nothing); when it
    refuses, the failure is ``LeftUnread``, which names the folder and the lines. A listed name with a "/" is
    one of those lines: it names nothing in this folder, and the file it would name elsewhere is left alone."""
    if not is_dir:
        session.delete(path)
        return
    unparsed: List[bytes] = []
    for entry in session.listdir(path, unparsed=unparsed):
        if "/" in entry.name or b"/" in entry.wire_name:  # names no entry of this folder: joined to its path, a
            unparsed.append(entry.wire_name)  # file elsewhere (``../x``, ``/etc/x``) — never deleted; said as a
            continue  # line that named nothing here if the folder's RMD is refused
        remove_tree(session, child_path(path, entry), entry.type == "dir")
    try:
        session.rmd(path)
    except ReplyError as exc:  # (the server's refusal; a lost connection is said as such)
        decode = session.names.decode
        unread = UnreadLines.of(decode(path) if isinstance(path, bytes) else path, unparsed, decode)
        if unread is None:
            raise
        raise LeftUnread(unread, exc) from exc


CHMOD_ALL, CHMOD_FILES, CHMOD_FOLDERS = "all", "files", "folders"  # what a recursive change applies to


@dataclass
class ChmodLeft:
    """What a change of permissions left as it was: the folders whose listings had lines no format reads
    (``unread``), and the paths whose mode no listing gave while the change did not set every bit
    (``unknown``)."""

    unread: List[UnreadLines] = field(default_factory=list)
    unknown: List[str] = field(default_factory=list)


def chmod_tree(
    session: FtpSession,
    path: str,
    is_dir: bool,
    change: ModeChange,
    scope: Optional[str],
    mode: Optional[int] = None,
    depth: int = 0,
    left: Optional[ChmodLeft] = None,
) -> ChmodLeft:
    """On the connection's thread: change the permissions of ``path`` (whose mode, as listed, is ``mode``: None
    where not known) and, with ``scope``, of everything in a folder too — all, files only or folders only
    (FileZilla's "Recurse into subdirectories"). Each gets ``change`` applied to its own mode as its folder's
    listing gives it (``ModeChange.applied``); one whose mode the listing does not give is changed only when the
    change sets every bit, else it is left as it is and named in ``left.unknown``. Links are left alone (a link's
    mode is its target's, wherever that is); a listed name with a "/" in it names no entry of this folder and is
    skipped; the walk stops ``MAX_DEPTH`` folders down. Returns (appended to ``left``) the folders whose listing
    had lines no format reads — what those name is left as it was — and the paths left for an unknown mode."""
    left = ChmodLeft() if left is None else left
    if scope is None or (CHMOD_FILES if is_dir else CHMOD_FOLDERS) != scope:
        new = change.applied(mode)
        if new is None:
            left.unknown.append(path)
        else:
            session.chmod(new, path)
    if not is_dir or scope is None or depth >= MAX_DEPTH:
        return left
    unparsed: List[bytes] = []
    for entry in session.listdir(path, unparsed=unparsed):
        if entry.type in ("file", "dir") and "/" not in entry.name:
            child = posixpath.join(path, entry.name)
            known = mode_from_permissions(entry.permissions)
            chmod_tree(session, child, entry.type == "dir", change, scope, known, depth + 1, left)
    unread = UnreadLines.of(path, unparsed, session.names.decode)
    if unread is not None:
        left.unread.append(unread)
    return left


_retiring: Set[Connection] = set()  # closed connections whose threads are ending; owned by no window


def _meets(fn: Any) -> bool:
    """Whether ``fn`` is a look at the server (``jobs.Meet``: a connection that looks runs nothing else)."""
    from ..transfers.jobs import Meet

    return isinstance(fn, Meet)


def retire(conn: Connection, end: bool = False) -> None:
    """Close ``conn`` and let it outlive its window: it is deleted only once its thread has ended. ``end``: the
    person ends it (``Connection.close``)."""
    conn.setParent(None)
    _retiring.add(conn)

    def reap() -> None:
        conn.wait(5000)  # its thread has been told to quit and has nothing left to do
        _retiring.discard(conn)
        conn.deleteLater()

    conn.closed.connect(reap)
    conn.close(end=end)


class RemoteBrowser(QObject):
    """Lists and changes a server through its browsing connection; keeps the listings it has seen."""

    failed = Signal(object)  # an exception from a job that had no error callback of its own
    eventsArrived = Signal(list)
    # a listing held names the session's encoding could not read: their bytes (the first few), and the bytes of
    # (a few of) its names beyond ASCII that read (``ListedFolder.readable``); once a session
    namesUndecoded = Signal(list, list)
    # a listing held lines no format reads (what they name is not shown): ``UnreadLines``
    linesUnread = Signal(object)
    # a job asked for (not one started ``by_itself``) ended well: its ``stamp`` when it was asked for — an error
    # shown since then stays, one shown before is stale
    succeeded = Signal(int)

    def __init__(self, parent: Optional[QObject] = None):
        super().__init__(parent)
        self.connection: Optional[Connection] = None
        self.endpoint: Optional[Endpoint] = None
        self.options: Optional[SessionOptions] = None
        self.cache: Dict[str, Sequence[Entry]] = {}
        self._retired: List[Connection] = []
        self._jobs: Dict[int, Tuple[Callable, Optional[Done], Optional[Failed], bool, int]] = {}
        self._by_itself = False  # jobs run now are the app's own follow-up, not asked for (``by_itself``)
        self.undecoded_seen = False  # namesUndecoded was said for this session
        self.looking = False  # the connection only meets the server, logging in nowhere (``open``'s ``look``)
        # what every result is delivered inside: a window with server tabs makes this browser's tab the one
        # acting (so a listing that lands while another tab is shown goes to this tab's pane)
        self.context: Callable[[], ContextManager] = contextlib.nullcontext

    @property
    def key(self) -> str:
        """Names this server session in drag-and-drop payloads (a drop from elsewhere has another key)."""
        c = self.connection
        return f"{self.endpoint}#{c.connection_id}" if c is not None else ""

    @property
    def route(self) -> str:
        """How this session's bytes go, for what must go back the same way (an edited file's upload): the login
        and address, the proxy they go through, the TLS mode ("" when never connected). Two sites to one address
        through different proxies, or one over TLS and one not, are two routes. Not the encoding: an edited file
        is sent as the bytes it was listed with, whatever the session reads names in."""
        e, o = self.endpoint, self.options
        if e is None or o is None:
            return ""
        via = o.proxy.url() if o.proxy is not None else "direct"  # (never the proxy's password)
        return f"{e} via {via}, TLS {o.tls}"

    @property
    def connected(self) -> bool:
        """A session to browse: not while the connection only meets the server (``looking``), logged in nowhere."""
        return self.connection is not None and not self.looking

    def open(
        self, endpoint: Endpoint, options: SessionOptions, on_done: Done, on_error: Failed, look: bool = False
    ) -> None:
        """Start a fresh connection (closing any other) and ask where we landed: ``on_done(home)``. With
        ``look``, it meets the server and says QUIT, sending nothing about the account (``jobs.Meet``):
        ``on_done(None)``, or ``on_error`` with what a person must be asked before a password (a certificate
        not trusted, no TLS), the connection closed first either way. While it looks, nothing else runs on it
        (``run``): a job there would log in with the password not known yet — an empty PASS, a failed login the
        server counts (a Mode box pick during the look sent one: design note 199)."""
        self.close()
        self.endpoint, self.options = endpoint, options
        self.cache.clear()
        self.undecoded_seen = False
        from ..transfers.worker import Connection  # (the connections' runtime: loaded with the first, not the window)

        conn = Connection(endpoint, options, name="browser", parent=self)
        conn.jobDone.connect(self._done)
        conn.jobFailed.connect(self._failed)
        conn.eventsArrived.connect(self.eventsArrived)
        self.connection = conn
        self.looking = look
        if look:
            from ..transfers.jobs import Meet

            self.run(Meet(endpoint.host, endpoint.port), self._closing_first(on_done), self._closing_first(on_error))
        else:
            self.run(lambda s: s.pwd(), on_done, on_error)

    def _closing_first(self, then: Callable[[Any], None]) -> Callable[[Any], None]:
        """``then`` after closing the connection (a look that ended: nothing may log in on it later)."""

        def run(result: Any) -> None:
            self.close()
            then(result)

        return run

    def close(self, end: bool = False) -> None:
        """Say QUIT and let the thread end; pending callbacks are dropped. ``end``: the person's Disconnect — a
        listing under way that ends under its abort ends "cancelled" (``Connection.close``)."""
        conn, self.connection = self.connection, None
        self.looking = False
        self._jobs.clear()
        if conn is not None:
            conn.jobDone.disconnect(self._done)
            conn.jobFailed.disconnect(self._failed)
            self._retired.append(conn)
            retire(conn, end)

    @contextlib.contextmanager
    def by_itself(self) -> Any:
        """Jobs started inside are the app's own (a folder listed again after an upload or a failed delete):
        their success says nothing of an error shown (``succeeded`` is not emitted for them)."""
        self._by_itself, before = True, self._by_itself
        try:
            yield
        finally:
            self._by_itself = before

    def pending(self, job: int) -> bool:
        """Whether ``job``'s result is still to come to its callbacks (not when it came, or went with a closed
        connection)."""
        return job in self._jobs

    @property
    def closing(self) -> List[Connection]:
        """Connections closed by this browser whose threads have not ended yet."""
        self._retired = [c for c in self._retired if c in _retiring]
        return list(self._retired)

    def run(self, fn: Callable[[FtpSession], Any], on_done=None, on_error=None, retry_lost: bool = False) -> int:
        """Run ``fn(session)`` on the browsing connection. ``retry_lost``: once more after a lost connection
        (only for work that is safe to repeat, like a listing), not after one that timed out."""
        if self.connection is None or (self.looking and not _meets(fn)):
            raise ConnectionLost("Not connected.")  # (looking: nothing is logged in, nor may be)
        job = self.connection.submit(fn)
        self._jobs[job] = (fn, on_done, on_error, retry_lost, 0 if self._by_itself else stamp())
        return job

    def _done(self, job: int, result: Any) -> None:
        entry = self._jobs.pop(job, None)
        if entry is None:
            return
        with self.context():
            if entry[4]:
                self.succeeded.emit(entry[4])
            if entry[1] is None:
                return
            try:
                entry[1](result)
            except Exception as exc:  # (a bug: on stderr as ever, and said as the job's failure, never silent)
                sys.excepthook(*sys.exc_info())
                failed = AnswerNotTaken(exc)
                if entry[2] is not None:
                    entry[2](failed)
                else:
                    self.failed.emit(failed)

    def _failed(self, job: int, exc: BaseException) -> None:
        entry = self._jobs.pop(job, None)
        if entry is None:
            return
        fn, on_done, on_error, retry, asked = entry
        # a connection the server closed (an idle limit) is tried once more; one it left without an answer is
        # not: a server that stopped answering would keep the person waiting a second timeout for nothing
        timed_out = isinstance(exc.__cause__, TimeoutError)
        if retry and isinstance(exc, ConnectionLost) and not timed_out and self.connection is not None:
            again = self.run(fn, on_done, on_error, retry_lost=False)  # the worker reconnects before running it
            self._jobs[again] = (fn, on_done, on_error, False, asked)
            return
        with self.context():
            if on_error is not None:
                on_error(exc)
            else:
                self.failed.emit(exc)

    # --- listings -----------------------------------------------------------------------------------
    def list(
        self,
        path: str,
        refresh: bool = False,
        on_listed: Optional[Callable[[str, List[Entry]], None]] = None,
        on_error: Optional[Failed] = None,
    ) -> None:
        """List ``path``: from the cache at once, or when the server has answered. ``on_listed(path,
        entries)`` gets the server's name for the folder."""
        if not refresh and path in self.cache:
            if not self._by_itself:
                self.succeeded.emit(stamp())  # (a folder shown from the cache: as if listed now)
            if on_listed is not None:
                on_listed(path, self.cache[path])
            return

        def arrived(result: Tuple[str, List[Entry]]) -> None:
            canonical, entries = result
            self.cache[canonical] = entries
            if on_listed is not None:
                on_listed(canonical, entries)
            if getattr(entries, "unread", None) is not None:
                self.linesUnread.emit(entries.unread)
            undecoded = getattr(entries, "undecoded", None)
            if undecoded and not self.undecoded_seen:
                self.undecoded_seen = True
                self.namesUndecoded.emit(list(undecoded), list(getattr(entries, "readable", ())))

        self.run(lambda s: list_folder(s, path), arrived, on_error, retry_lost=True)

    def invalidate(self, *paths: str) -> None:
        for p in paths:
            self.cache.pop(p, None)
