"""The transfer connections to one server (``ServerPool``), and the jobs each connection holds (``Slot``).

The queue keeps one pool per server its items belong to. A pool opens connections only to its own server,
with the password it was given for that server (kept here, in memory only, never saved); until it has one
its items wait. The queue decides which item goes where; a pool only says which of its connections can take
the next job, opening one more while it is under its cap.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Callable, Dict, List, Optional, Set

from ..ftp import SessionOptions
from ..ftp.options import trust_also
from ..ftp.procpool import Silence, silent
from .servers import Server
from .worker import Connection, Endpoint

PIPELINE = 2  # jobs a connection holds at once (the second only behind short files)
# behind tiny files, more: each is over in a few milliseconds, and the connection's thread takes the next
# without waiting for the GUI thread, which hears of their ends a batch at a time (REPORT_BELOW)
TINY_FILE = 256 << 10
TINY_PIPELINE = 12
REPORT_BELOW = 3  # a connection reports a finished job at once only when this few are left to run

# what a pool knows about its login
UNKNOWN = "unknown"  # nobody has been asked yet
ASKED = "asked"  # the GUI was asked for the password (or the keyring is being read)
READY = "ready"  # endpoint and options are known
DECLINED = "declined"  # the person gave no password: the items wait until they are resumed
DOUBTED = "doubted"  # its certificate is not trusted by the login's options: the person is asked (``certificates``)


class FileSilence(Silence):
    """``Silence`` as the window's queue counts it, which tries a file again itself, on whichever connection is
    free. A later try's silence counts only when this connection met that same file's silence last, nothing
    between: a lone file's second try on the only connection ends it, as note 184 meant (design note 214; it
    had four). Met on another connection it is a file known to hang, tried again behind this one's work, and
    does not close it (note 197)."""

    def reset(self) -> None:
        super().reset()
        self.last: Optional[str] = None  # the item whose silence it met last, nothing between

    def tried(self, exc: BaseException, item_id: str, again: bool) -> None:
        """A try of the item ``item_id`` ended here with ``exc`` (``again``: a later one)."""
        if again and silent(exc) and self.last != item_id:
            self.last = item_id
            return
        self.failed(exc)
        self.last = item_id if silent(exc) else None


def same_way(a: SessionOptions, b: SessionOptions) -> bool:
    """Connections opened with ``a`` are as good as ones opened with ``b``: the same in all but what is asked only
    while a connection is being made — which certificates it trusts (``trust``) and whether it may go on without
    TLS (``allow_plain``). The window makes both afresh at each connect (its stores' methods, unequal each time:
    connecting to a site again cut off the site's running transfers, design note 349), and one widened since (a
    certificate trusted once) changes nothing for a connection that has already met its server."""
    asked = {"trust": None, "allow_plain": None}
    return dataclasses.replace(a, **asked) == dataclasses.replace(b, **asked)


@dataclass
class Job:
    """An item handed to a connection."""

    item_id: str
    start_done: int  # the item's bytes when handed over: did this try make progress?
    short: bool  # a small file: worth queueing another item behind it on the same connection
    tiny: bool = False  # a tiny file: worth queueing several behind it
    stop_reason: Optional[str] = None  # pause | cancel | remove


class Slot:
    """A transfer connection and the jobs it has (the first runs; the next waits right behind it)."""

    def __init__(self, conn: Connection, key: str, options: Optional[SessionOptions] = None):
        self.conn = conn
        self.key = key  # its server's (not the pool itself: no reference cycle keeps a connection alive)
        self.options = options  # the pool's options it was opened with (what it trusts)
        self.doubted = False  # closed when its server's certificate was asked about (``certificates``)
        self.jobs: Dict[int, Job] = {}  # in the order the connection runs them
        self.running: Optional[str] = None  # the item whose events arrive now (from ItemStarted; it lags)
        self.open = True
        # its server's login or way changed while it ran a job: it takes no more, and closes once that has ended
        self.retiring = False
        # the command line's rule of a server that stopped answering: its second file in a row that met silence
        # closes it (``ServerPool.hushed``); a file's later try counts only right behind its own silence
        self.silence = FileSilence()

    def ready(self) -> bool:
        """Takes another job now: idle, or only short files ahead (their successor starts without waiting
        for the GUI thread's round trip) — up to ``PIPELINE`` jobs, ``TINY_PIPELINE`` when all are tiny."""
        jobs = self.jobs
        if not jobs:
            return True
        if len(jobs) < PIPELINE:
            return all(j.short for j in jobs.values())
        return len(jobs) < TINY_PIPELINE and all(j.tiny for j in jobs.values())


class ServerPool:
    """One server's login (in memory only) and its open transfer connections."""

    def __init__(self, server: Server):
        self.server = server
        self.endpoint: Optional[Endpoint] = None  # with the password: never saved, never shown
        self.options: Optional[SessionOptions] = None
        self.cap = 2  # lowered when the server says it has too many connections
        self.time_offset_minutes = 0
        self.slots: List[Slot] = []
        self.login = UNKNOWN
        # the server refused the last password: ask the person, not the keyring, and say why (the server's words)
        self.refusal: Optional[BaseException] = None
        # the login has worked (the browsing session's, given by set_site, or a job of this pool's): only then
        # are connections opened ahead of their work, so a wrong password is never tried by several at once
        self.proven = False
        self.doubt: Optional[Exception] = None  # the UntrustedCertificate the person is asked about (DOUBTED)
        # the one the person then did not trust (named apart from ``refused``, the password's: it shared the name)
        self.distrusted: Optional[Exception] = None
        # fingerprints the person trusted for this server in the queue's questions (this run, memory only): a
        # login supplied later trusts them too — one asked about before any password was known (``look_first``)
        self.trusted: List[str] = []
        self.look: Optional[Connection] = None  # meeting the server before its password is asked (``look_first``)
        # auto mode: one of its connections found passive mode failing (a ModeFallback) — for the app's run, its
        # other connections and every new one start in active mode (``FtpSession.learn_fallback``)
        self.passive_failed = False
        # its connections closed since a job last went through (or a person tried its items again), each after its
        # second file in a row met a server that said nothing within the timeout: none opens in their place
        self.hushed = 0
        # items failed because every connection had gone quiet (``not_tried``, or their retries cut short): they
        # wait again once one of its jobs goes through
        self.untried: Set[str] = set()
        # items whose last try met the server's silence (``silent``), nothing moved since: a later try that meets
        # it again is their last, on whichever connection it ran (``hung_again``); once every connection has gone
        # quiet, those failed so wait again with the ``untried`` (``outcomes._stop_trying``)
        self.hung: Set[str] = set()

    @property
    def ready(self) -> bool:
        return self.login == READY and self.endpoint is not None

    @property
    def refused(self) -> bool:
        """The server refused the last password given (``refusal``)."""
        return self.refusal is not None

    @property
    def quiet(self) -> bool:
        """Every connection it may have has gone quiet (``hushed``) and none is open: its items are not tried —
        they fail at once in words (``not_tried``)."""
        return not self.slots and self.hushed >= self.cap

    def ask(self) -> bool:
        """Nobody has been asked for this server's login yet: True, and from now on it has been (``ASKED``)."""
        if self.login != UNKNOWN:
            return False
        self.login = ASKED
        return True

    def can_open(self) -> bool:
        """Another connection may be opened: under the cap, counting those closed for silence — and, while the
        login has not worked yet (``proven``), none beside the one trying it: a wrong password is tried once, the
        other items waiting for its verdict (design note 351)."""
        return len(self.slots) + self.hushed < self.cap and (self.proven or not self.slots)

    def supply(
        self, endpoint: Endpoint, options: SessionOptions, connections: int, offset: int, proven: bool = False
    ) -> bool:
        """Log in with these from now on (``proven``: a session has just logged in with them); True when the
        open connections were made with something else that matters (``same_way``; the caller retires them:
        the next ones use the new login and options)."""
        options = self.with_trust(options)
        known = self.endpoint is not None and self.options is not None
        changed = known and (endpoint != self.endpoint or not same_way(options, self.options))
        if known and not changed:
            for slot in self.slots:  # kept: they are as good as ones opened with these (``certificates._doubt``)
                if not slot.retiring:
                    slot.options = options
        self.proven = proven or (self.proven and endpoint == self.endpoint)
        self.endpoint, self.options = endpoint, options
        self.cap = connections
        self.time_offset_minutes = offset
        self.login = READY
        self.refusal = None
        self.doubt = self.distrusted = None  # (options from a session that logged in, or the person: trusted there)
        self.try_again()
        return changed

    def with_trust(self, options: SessionOptions) -> SessionOptions:
        """``options`` trusting also the certificates the person trusted for this server (``trusted``)."""
        for fingerprint in self.trusted:
            options = dataclasses.replace(options, trust=trust_also(options.trust, fingerprint))
        return options

    def try_again(self) -> None:
        """Its items are to be tried again (a person's Retry or Resume, new items, a new login): a server that had
        stopped answering is tried again, on all its connections, each connection's files with their tries."""
        self.hushed = 0
        for slot in self.slots:
            slot.silence.reset()

    def hung_again(self, item_id: str, exc: BaseException, again: bool) -> bool:
        """A try of the item ``item_id`` ended with ``exc`` (``again``: a later one, nothing moved since its last):
        True when it met the server's silence right behind its last try's — a file's second silent try in a row is
        its last, whatever the number of connections (design note 231: with two, a lone file had four, two on
        each, as each connection counts its own; note 214)."""
        if not silent(exc):
            self.hung.discard(item_id)
            return False
        if again and item_id in self.hung:
            return True
        self.hung.add(item_id)
        return False

    def forget_login(self, refusal: BaseException) -> None:
        """The server refused the password (``refusal``, its ``LoginError``): ask again, saying so."""
        self.endpoint = None
        self.login = UNKNOWN
        self.refusal = refusal
        self.proven = False

    def pick(self, open_slot: Callable[[ServerPool], Slot]) -> Optional[Slot]:
        """An idle connection, else a new one (up to the cap), else one that can take a second job — none that is
        retiring (``Slot.retiring``), and not while the login has not worked yet: its one connection runs one job,
        whose login's verdict comes first (a job queued behind a refused login would try it again)."""
        for slot in self.slots:
            if not slot.jobs and not slot.retiring:
                return slot
        if self.can_open():
            return open_slot(self)
        if not self.proven:
            return None
        ready = [s for s in self.slots if s.ready() and not s.retiring]
        return min(ready, key=lambda s: len(s.jobs)) if ready else None
