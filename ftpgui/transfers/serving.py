"""The queue's side of its servers: whose login it has, and the transfer connections open to each.

Mixed into :class:`~ftpgui.transfers.queue.TransferQueue` (its ``credentialsNeeded`` signal, model and
bookkeeping live there). Every item names its server (``servers.Server.key``); a ``pool.ServerPool`` per
server holds that server's login — given by ``set_site`` for the server being browsed, or by ``supply`` after
``credentialsNeeded`` — in memory only, and the connections opened with it. Connections to a server other
than the one being browsed close once none of its items waits.

The transfer connections' runtime (``pool``, ``jobs``, ``worker``, ``procconn`` and what they run) is imported
when the queue first opens a connection or is given a login, not with the first window (whose restored queue
shows its items at once): ``ftpgui.ui.later`` imports it once the window is up, a module at a time.
"""

from __future__ import annotations

import dataclasses
import functools
import os
import sys
import threading
from typing import TYPE_CHECKING, Any, Dict, List, Optional, Set

from PySide6.QtCore import QTimer

from ..explain import QT_TRANSLATE_NOOP
from ..ftp import ConnectionLost, DataConnectionError, ReplyError, SessionOptions
from .items import CANCELLED, MAX_CONNECTIONS, PAUSED, QUEUED, RETRYING, TransferItem
from .servers import Server, proxy_url, server_for

if TYPE_CHECKING:
    from ..words import Words
    from .endpoint import Endpoint
    from .pool import ServerPool, Slot
    from .throttle import SpeedLimit
    from .worker import Connection

NO_PASSWORD = QT_TRANSLATE_NOOP("QueueModel", "no password was given for its server")


# A socket's path holds at most 107 bytes on Linux; the fork server's is the temporary folder's path and
# "/pymp-XXXXXXXX/listener-XXXXXXXX" (``multiprocessing``'s names, 32 bytes).
SOCKET_PATH_MAX, FORK_SERVER_NAMES = 107, 32


def processes_usable() -> bool:
    """Whether the queue's transfer connections run as processes here (``procconn``), not threads (``worker``).

    Not where the fork server's socket could not be made: under a temporary folder (``TMPDIR``) whose path is
    longer than a socket's path may be, every transfer failed with "AF_UNIX path too long" (design note 258);
    the connections are threads there, as on macOS and Windows."""
    if os.environ.get("FTPGUI_TRANSFER_THREADS"):
        return False
    if not sys.platform.startswith("linux") or getattr(sys, "frozen", False):
        return False
    import tempfile

    return len(os.fsencode(tempfile.gettempdir())) + FORK_SERVER_NAMES <= SOCKET_PATH_MAX


def too_many_connections(exc: BaseException) -> bool:
    """The server turned a connection away because it has too many: 421 at the greeting or login, or a 425
    that says so when a data connection would be one too many (pyftpdlib)."""
    code = getattr(exc, "code", None)
    if isinstance(exc, (ConnectionLost, ReplyError)) and code == 421:
        return True
    return isinstance(exc, (ReplyError, DataConnectionError)) and code == 425 and "too many" in str(exc).lower()


class ServerConnections:
    """Servers, their logins and their connections, for ``TransferQueue`` (a mixin: see the module docstring).

    It relies on the queue's ``_changed``, ``_dispatch``, ``_set_state``, ``_release``, ``_hint`` and the ``_on_batch``
    handler its connections report to (``outcomes.py``)."""

    servers: Dict[str, Server]
    limit: SpeedLimit
    drawing: threading.Event
    transfer_processes: bool  # each transfer connection a process (procconn), not a thread
    recorder: Any  # what a transfer connection keeps a record of its events with (the mode panel's scene), or None
    model: Any
    credentialsNeeded: Any
    _pools: Dict[str, ServerPool]
    _current: Optional[Server]
    _unasked: Set[str]
    _assigned: Dict[str, Slot]
    _closing: List[Connection]
    _stopping: bool

    def set_site(
        self,
        endpoint: Endpoint,
        options: SessionOptions,
        connections: int = 2,
        *,
        time_offset_minutes: Optional[int] = None,
        server: Optional[Server] = None,
    ) -> Server:
        """The server being browsed: items added from now on belong to it, and its items (queued now or
        before, in this run or the last) run with this login. Items of other servers keep theirs.

        ``server``: the record items keep (a saved site's, from ``servers.server_for``); by default the
        quick-connect endpoint with ``options``' TLS mode, encoding and transfer mode. ``options`` go to every
        transfer connection as they are (TLS, trust, encoding, and the site's ``server_time_offset``, with
        which the engine already turns LIST times into UTC). MLSD and MDTM times are UTC too, so
        ``time_offset_minutes`` is only for a server whose clock is wrong: it is added to every server time
        the queue compares or copies. Do not pass the site's LIST offset here again.
        """
        server = server or server_for(endpoint, options)
        previous, self._current = self._current, server  # before supply's dispatch: its idle connections stay
        try:
            # (the window sets the site once its browsing session has logged in with this login)
            self.supply(server, endpoint, options, connections, time_offset_minutes=time_offset_minutes, proven=True)
        except ValueError:
            self._current = previous
            raise
        self._current = self.servers[server.key]
        return self._current

    def supply(
        self,
        server: Server,
        endpoint: Endpoint,
        options: SessionOptions,
        connections: int = 2,
        *,
        time_offset_minutes: Optional[int] = None,
        proven: bool = False,
    ) -> None:
        """The login for ``server``'s items (from the keyring or the person; kept in memory only). The
        endpoint must be that server's, and ``options`` its proxy: a password is never used for another server,
        nor its items sent another way. ``proven``: a session has just logged in with it (``ServerPool.proven``)."""
        if not 1 <= connections <= MAX_CONNECTIONS:
            raise ValueError(f"transfer connections must be 1–{MAX_CONNECTIONS}, not {connections}")
        if (endpoint.host.lower(), endpoint.port, endpoint.user) != (server.host.lower(), server.port, server.user):
            raise ValueError(f"{endpoint} is not the server {server.label()}")
        if proxy_url(options.proxy) != server.proxy:
            raise ValueError(f"{server.label()} is reached through {server.proxy or 'no proxy'}, not this way")
        if self.transfer_processes:
            from . import procconn

            procconn.warm()  # (the first transfer then finds the fork server running)
        known = self.servers.get(server.key)
        if known is not None and not server.name and known.name:
            server = dataclasses.replace(server, name=known.name)
        self.servers[server.key] = server  # the newest record: a changed transfer mode, a renamed site
        pool = self._pool(server.key)
        pool.server = server
        self._unasked.discard(server.key)
        if pool.supply(endpoint, options, connections, time_offset_minutes or 0, proven):
            for slot in list(pool.slots):
                self._retire(slot)
        self._changed()

    def decline(self, key: str, why: Optional[Words] = None) -> None:
        """No password for the server ``key`` (or ``why`` not: its way is gone): its waiting items are paused
        (Resume asks again)."""
        pool = self._pools.get(key)
        if pool is None or pool.ready:
            return
        from .pool import DECLINED

        pool.login = DECLINED
        for item in self._waiting(key):
            item.error, item.error_words = (NO_PASSWORD, None) if why is None else (why.english(), why.to_json())
            self._set_state(item, PAUSED)
        self._changed()

    def _waiting(self, key: str) -> List[TransferItem]:
        """The items of the server ``key`` that wait for a connection, or to be tried again (none in a job)."""
        assigned = self._assigned
        waiting = (QUEUED, RETRYING)
        return [i for i in self.model.items() if i.server == key and i.state in waiting and i.id not in assigned]

    def needs_login(self, key: str) -> bool:
        """The queue has no login for the server ``key`` (its items wait for ``supply``)."""
        pool = self._pools.get(key)
        return pool is None or not pool.ready

    def login_refused(self, key: str) -> bool:
        """The server ``key`` refused the password it was last given (ask the person rather than the keyring)."""
        return self.login_refusal(key) is not None

    def login_refusal(self, key: str) -> Optional[BaseException]:
        """How the server ``key`` refused the password it was last given (its ``LoginError``: the prompt says it),
        or None."""
        pool = self._pools.get(key)
        return pool.refusal if pool is not None else None

    def use_server(self, server: Optional[Server]) -> None:
        """Which of the servers given by ``set_site`` new items belong to (a window browsing several servers
        in tabs switches between them; None: no server, as before the first ``set_site`` and after a
        disconnect). The server left keeps its connections only while its items need them (``_close_idle``):
        they closed when a later change came, and after a disconnect none came — the transfer connection stayed
        logged in until the server's idle timeout."""
        before = self._current.key if self._current is not None else None
        self._current = self.servers.get(server.key, server) if server is not None else None
        if before is not None and before != (server.key if server is not None else None):
            self._dispatch()  # (a scan that finds nothing waiting for that server closes its idle connections)

    @property
    def current(self) -> Optional[Server]:
        """The server new items belong to (the one being browsed), if any."""
        return self._current

    @property
    def time_offset_minutes(self) -> int:
        """The current server's clock correction (see ``set_site``)."""
        pool = self._pools.get(self._current.key) if self._current is not None else None
        return pool.time_offset_minutes if pool is not None else 0

    @time_offset_minutes.setter
    def time_offset_minutes(self, minutes: int) -> None:
        if self._current is None:
            raise ValueError("no server yet: set_site first")
        self._pool(self._current.key).time_offset_minutes = minutes

    def _pool(self, key: str) -> ServerPool:
        pool = self._pools.get(key)
        if pool is None:
            from .pool import ServerPool

            pool = self._pools[key] = ServerPool(self.servers[key])
        return pool

    @property
    def closing(self) -> List[Connection]:
        """The transfer connections told to close that have not ended yet (at exit: ``MainWindow.wait_closed``)."""
        return list(self._closing)

    def connections(self) -> List[Connection]:
        """The transfer connections now open (to every server), for the mode panel's picker."""
        return [s.conn for pool in self._pools.values() for s in pool.slots]

    @property
    def connection_cap(self) -> int:
        """How many transfer connections the queue uses now to the current server (lower after its 421)."""
        pool = self._pools.get(self._current.key) if self._current is not None else None
        return pool.cap if pool is not None else 2

    def set_speed_limit(self, bytes_per_second: int) -> None:
        """A limit for all transfer connections together; 0 lifts it."""
        self.limit.set_rate(bytes_per_second)

    def _ask_again(self, item: TransferItem) -> None:
        """A person resumed or retried an item: its server's password, if none was given, is asked for again, and
        a server that had stopped answering (``ServerPool.hushed``) is tried again."""
        pool = self._pools.get(item.server)
        from .pool import DECLINED, UNKNOWN

        if pool is not None and pool.login == DECLINED:
            pool.login = UNKNOWN
            self._unasked.add(item.server)
        if pool is not None:
            pool.try_again()
            pool.untried.discard(item.id)  # (the person's now: a job of the server going through leaves it as it is)
        if item.error == NO_PASSWORD:
            item.error = ""

    def _logged_in(self, slot: Slot) -> None:
        """``slot``'s connection has logged in (a job of its has started): its server's login works. Until then
        only that connection tried it (``ServerPool.can_open``); now the others may open for the items that
        wait (design note 351)."""
        pool = self._pools.get(slot.key)
        if pool is None or pool.proven or not slot.open or pool.endpoint != slot.conn.endpoint:
            return
        pool.proven = True
        self._hint = (-1, 0)  # (the items that waited for its verdict: above where the next scan would start)
        self._changed()

    def _fell_back(self, slot: Slot) -> None:
        """``slot``'s connection fell back from passive to active mode (auto mode): its server's other
        connections, open or opened later in the app's run, start in active mode instead of each waiting out
        passive mode's failure again."""
        self.passive_failed(slot.key)

    def passive_failed(self, key: str) -> None:
        """A connection to the server ``key`` (one of the queue's, or the window's browsing one) fell back from
        passive to active mode (auto mode): the queue's connections to it start in active mode from now on."""
        pool = self._pools.get(key)
        if pool is None or pool.passive_failed:
            return
        pool.passive_failed = True
        for slot in pool.slots:
            slot.conn.learn_fallback()  # (the one that fell back has already: its session does nothing more)

    def _close_idle(self, busy: Set[str]) -> None:
        """Close the connections of servers other than the one being browsed once none of their items waits."""
        current = self._current.key if self._current is not None else None
        for key, pool in self._pools.items():
            if key != current and key not in busy and pool.slots and not any(s.jobs for s in pool.slots):
                for slot in list(pool.slots):
                    self._drop(slot)

    def _open_slot(self, pool: ServerPool) -> Slot:
        assert pool.endpoint is not None
        from .pool import REPORT_BELOW, Slot
        from .procconn import ProcessConnection
        from .worker import Connection

        n = sum(len(p.slots) for p in self._pools.values()) + len(self._closing) + 1
        kind = ProcessConnection if self.transfer_processes else Connection
        conn = kind(
            pool.endpoint,
            pool.options,
            name=f"transfer-{n}",
            limit=self.limit,
            gate=self.drawing,
            recorder=self.recorder,
        )
        conn.watch_idle()  # a server's 421 and close while it is idle: read then, so it shows closed
        if pool.passive_failed:
            conn.learn_fallback()  # (auto mode: passive failed on another of its connections; not tried again)
        slot = Slot(conn, pool.server.key, pool.options)
        conn.deliver = functools.partial(self._on_batch, slot)  # events and ends, a batch at a time
        conn.report_below = REPORT_BELOW
        pool.slots.append(slot)
        return slot

    def _open_ahead(self, pool: ServerPool) -> None:
        """A folder is about to be listed on one of ``pool``'s connections: its contents will want every
        connection the pool may have, so the others open now and log in while it is listed, instead of one
        after another once its items come (a login is four or five round trips: on a distant server, most of
        a second before a tree's other connections move a byte). Only with a login known to work
        (``ServerPool.proven``): a wrong password is never tried by several connections at once."""
        if not pool.proven or self._stopping:  # (nor while the app closes)
            return
        from .jobs import LogIn

        while pool.can_open():
            self._open_slot(pool).conn.submit(LogIn())  # (not a job of the slot's: it is idle, and takes the next)

    def _retire(self, slot: Slot) -> None:
        """``slot``'s server has another login or way now (``supply``): its connection takes no more jobs. Those
        not started return to the queue now; one running finishes on it, with the login and options it began
        with, and the connection closes then (``_on_batch``). Closed at once (``_drop``), the running file was cut
        off (ABOR): a download began again from its first byte on a server without REST, an upload was left
        short on the server (design note 349)."""
        self._take_back(slot)
        if slot.jobs:
            slot.retiring = True  # (``ServerPool.pick`` gives it nothing more; it counts toward the cap till then)
        else:
            self._drop(slot)

    def _take_back(self, slot: Slot) -> None:
        """``slot``'s jobs that have not started return to the queue; one that has started stays with it until
        it has ended, and its result counts (so that an item is never in two jobs at once: no two connections
        write the same file, and the queue never finds its own file as "the target exists"). Which job has
        started is the connection thread's word: ``slot.running`` comes from events still on their way, and a
        prefetched job may already be running unseen."""
        for job_id in list(slot.jobs):
            if slot.conn.withdraw(job_id):
                job, item = self._release(slot, job_id)
                if item is not None and job is not None and job.stop_reason in ("pause", "cancel"):
                    self._set_state(item, PAUSED if job.stop_reason == "pause" else CANCELLED)  # as asked

    def _drop(self, slot: Slot) -> None:
        """Close a transfer connection: its jobs not started return to the queue (``_take_back``), and the one
        running is stopped by the close — its result counts, and the item is queued again."""
        self._take_back(slot)
        slot.open = False
        self._pools[slot.key].slots.remove(slot)
        conn = slot.conn
        self._closing.append(conn)
        conn.closed.connect(functools.partial(self._closed, conn))
        conn.close()

    def _closed(self, conn: Connection) -> None:
        # dropped after this signal has returned; Python owns the connection (no Qt parent: a parent would
        # delete it under the feet of the events its thread has still queued)
        QTimer.singleShot(0, functools.partial(self._forget_connection, conn))

    def _forget_connection(self, conn: Connection) -> None:
        if conn in self._closing:
            self._closing.remove(conn)
