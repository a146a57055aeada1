"""A server's certificate that the queue's login for it does not trust: the queue asks, as connecting does.

The window asks about an untrusted certificate before its own connection logs in (``ui.connect_flow``) and
hands the queue options that trust what the person trusted. A queue restored after a restart has no such
answer: a certificate trusted "once" in the last run is not trusted now, nor is one that changed while the
app was closed — and each item failed on it, with nobody asked (found by QA). Now the first transfer
connection that meets it stops there: the item waits again (queued), the server's connections close (each
would meet the same certificate) and ``certificateNeeded(server, exc)`` is emitted once. The GUI answers with
``trust_certificate`` (Trust once, or Always trust: the server's connections trust that fingerprint from then
on, in memory) or ``refuse_certificate`` (Cancel: its waiting items fail with the reason; Retry meets the
certificate again and asks again). Nothing about the account crossed: the engine stops before USER.

A password the person is to type is asked only after the server was met (``look_first``: a connection that
logs in nowhere, ``jobs.Meet``): a certificate not trusted is asked about first, the same way, and the password
after it is trusted — asked the other way round, a person typed a password for a server whose certificate
they then refused (design note 187).

Mixed into :class:`~ftpgui.transfers.queue.TransferQueue` (its ``certificateNeeded`` signal lives there).
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any, Callable, Dict, List, Tuple

from ..ftp import SessionOptions
from ..ftp.errors import UntrustedCertificate
from .items import FAILED, QUEUED, keep_error
from .servers import Server

if TYPE_CHECKING:  # the connections' runtime: imported when the first connection opens (``serving``)
    from .pool import ServerPool, Slot
    from .worker import Connection


class CertificateQuestions:
    """Asks about a server's untrusted certificate for ``TransferQueue`` (a mixin: see the module docstring).

    It relies on the queue's ``_changed``, ``_set_state``, ``_pool``, ``_drop`` and ``_waiting`` (``serving.py``)."""

    model: Any
    certificateNeeded: Any
    _pools: Dict[str, ServerPool]
    _closing: List[Connection]
    _hint: Tuple[int, int]
    _stopping: bool

    def look_first(self, server: Server, options: SessionOptions, then: Callable[[], None]) -> None:
        """The person is about to be asked for ``server``'s password: meet the server with ``options`` first,
        nothing about the account sent. A certificate they do not trust (nor the person in this run) is asked
        about — ``certificateNeeded``, its items waiting as when a connection meets it — and ``then`` is not
        called: trusted, the queue seeks the login again, and this look finds the certificate trusted. Anything
        else — TLS up, no TLS, a server that cannot be reached — calls ``then()`` (a transfer connection meets
        that failure and says it in its items, as before)."""
        pool = self._pool(server.key)
        if pool.look is not None or self._stopping:
            return  # (asked meanwhile again: the look under way answers both)
        from .endpoint import Endpoint
        from .jobs import Meet
        from .worker import Connection

        conn = Connection(
            Endpoint(server.host, server.port, server.user, ""), pool.with_trust(options), name="certificate"
        )
        pool.look = conn
        conn.jobDone.connect(functools.partial(self._looked, pool, conn, then))
        conn.jobFailed.connect(functools.partial(self._looked, pool, conn, then))
        conn.submit(Meet(server.host, server.port))

    def _looked(self, pool: ServerPool, conn: Connection, then: Callable[[], None], _job: int, result: Any) -> None:
        if pool.look is not conn:
            return  # (ended: the app is closing)
        self._end_look(pool)
        from .pool import ASKED, DOUBTED

        if pool.login != ASKED or self._stopping:
            return  # a login came meanwhile (the person connected to that server), or the app is closing
        if not isinstance(result, UntrustedCertificate):
            then()
            return
        pool.login, pool.doubt, pool.distrusted = DOUBTED, result, None  # its items wait; no password is asked
        self.certificateNeeded.emit(pool.server, result)

    def _end_look(self, pool: ServerPool) -> None:
        """Close ``pool``'s look, if any (like a transfer connection: the app's end waits for it, ``closing``)."""
        conn, pool.look = pool.look, None
        if conn is None:
            return
        self._closing.append(conn)
        conn.closed.connect(functools.partial(self._closed, conn))
        conn.close()

    def _doubt(self, slot: Slot, item: Any, exc: Any) -> None:
        """``slot``'s job ended: its connection met a certificate its options do not trust (``exc``, an
        ``UntrustedCertificate``), or was closed when such a certificate was asked about. The item waits again
        and the person is asked, once per server. A connection opened with options since replaced (a
        fingerprint trusted meanwhile, a new login) only gives its item back; one closed for the question whose
        job ended after the person said no fails its item as the others failed."""
        from .pool import DOUBTED

        pool = self._pools.get(slot.key)
        same = pool is not None and slot.options is pool.options
        if same and slot.doubted and pool.distrusted is not None and not self._stopping:
            keep_error(item, pool.distrusted)
            self._set_state(item, FAILED)
            return
        self._set_state(item, QUEUED)
        if not same or not slot.open or pool.login == DOUBTED or not isinstance(exc, UntrustedCertificate):
            return
        pool.login, pool.doubt, pool.distrusted = DOUBTED, exc, None  # its items wait: none starts, no password asked
        pool.proven = False
        for other in list(pool.slots):
            other.doubted = True
            self._drop(other)
        if not self._stopping:  # (the app is closing: the items are saved queued, and asked about next time)
            self.certificateNeeded.emit(pool.server, exc)

    def doubted(self, key: str) -> bool:
        """The queue waits for an answer about the certificate of the server ``key``."""
        pool = self._pools.get(key)
        if pool is None:
            return False
        from .pool import DOUBTED

        return pool.login == DOUBTED

    def trust_certificate(self, key: str, fingerprint: str) -> None:
        """The person trusts the certificate asked about (once or always): the server's items go on."""
        pool = self._settle(key)
        if pool is None:
            return
        pool.trusted.append(fingerprint)  # (a login supplied later trusts it too: one not known yet, one asked again)
        if pool.options is not None:
            pool.options = pool.with_trust(pool.options)
        pool.doubt = pool.distrusted = None
        self._hint = (-1, 0)
        self._changed()

    def refuse_certificate(self, key: str) -> None:
        """The person does not trust it: the server's waiting items fail with the reason (Retry asks again)."""
        pool = self._settle(key)
        if pool is None:
            return
        for item in self._waiting(key):
            keep_error(item, pool.doubt)  # type: ignore[arg-type]
            self._set_state(item, FAILED)
        pool.doubt, pool.distrusted = None, pool.doubt  # (jobs still ending on its closed connections: ``_doubt``)
        self._changed()

    def _settle(self, key: str) -> Any:
        """The pool of ``key`` when its certificate was asked about (and still is), ready to log in again."""
        pool = self._pools.get(key)
        if pool is None:
            return None
        from .pool import DOUBTED, READY, UNKNOWN

        if pool.login != DOUBTED:
            return None
        pool.login = READY if pool.endpoint is not None else UNKNOWN
        return pool
