"""The work a transfer connection does for one queue item, on that connection's thread.

``run_item(session, item, ctx)`` checks whether the target exists (and reports it instead of touching it
unless the item carries a choice), transfers a file, or lists a folder into child items. Everything
blocking — the network and the local disk — happens here, never on the GUI thread.
"""

from __future__ import annotations

import dataclasses
import operator
import os
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Optional, Tuple

from ..ftp import FtpError, ReplyError
from ..ftp.errors import LinkLeadsNowhere, unexpected
from ..ftp.localpath import join_inside
from .downloadjob import download, expand_remote
from .items import DOWNLOAD, ItemFailed, ItemStarted, Outcome, TransferItem, item_from_values, item_values
from .jobcontext import JobContext
from .uploadjob import expand_local, upload

if TYPE_CHECKING:
    from ..ftp.session import FtpSession


@dataclass(frozen=True)
class ItemJob:
    """``run_item`` for one item, as a job a connection runs: picklable, so that a transfer process can take
    it (``procconn``). Its cancel flag does not cross: the process gives it its own (``bind``)."""

    item: TransferItem
    ctx: JobContext

    def __call__(self, session: FtpSession) -> Outcome:
        return run_item(session, self.item, self.ctx)

    def bind(self, stop: threading.Event) -> ItemJob:
        if self.ctx.stop is stop:
            return self
        # (the context's other fields as ``__reduce__`` takes them: no ``dataclasses.replace`` for every file)
        return ItemJob(self.item, JobContext(stop, *_context_values(self.ctx.__dict__)))

    def __reduce__(self) -> Any:
        # (its context's fields but the cancel flag, in order: one global crosses, not three)
        return _item_job, (self.item, _context_values(self.ctx.__dict__))

    def wire(self) -> Tuple[tuple, tuple]:
        """The job as plain values (the item's fields, the context's but the cancel flag), for a transfer
        process to rebuild (``from_wire``): pickled, a tuple of strings and numbers names no class, where each
        class a pickle names costs an import look-up on both sides — in the app that is PySide's Python-level
        ``__import__``, about 5 µs a name, two names a file on the GUI thread and two in the child."""
        return item_values(self.item.__dict__), _context_values(self.ctx.__dict__)

    @staticmethod
    def from_wire(values: Tuple[tuple, tuple], stop: Optional[threading.Event] = None) -> ItemJob:
        item, ctx = values
        return ItemJob(item_from_values(item), JobContext(stop, *ctx))


_CONTEXT_FIELDS = tuple(f.name for f in dataclasses.fields(JobContext))
assert _CONTEXT_FIELDS[0] == "stop"
_context_values = operator.itemgetter(*_CONTEXT_FIELDS[1:])


def _item_job(item: TransferItem, ctx: tuple) -> ItemJob:
    return ItemJob(item, JobContext(None, *ctx))


@dataclass(frozen=True)
class LogIn:
    """A job that only logs in (``wire.run_job`` does that before any job): a connection opened ahead of the
    items it will take (``ServerConnections._open_ahead``). The queue does not count it; its end is ignored,
    and a failure comes again, in words, with the connection's first item."""

    def __call__(self, session: FtpSession) -> None:
        return None


@dataclass(frozen=True)
class Meet:
    """A job that logs in nowhere (``wire.run_job`` runs it without the login it does before any other job):
    the server met, TLS set up as the options say, QUIT (``FtpSession.meet``). Run before a person is asked
    for a password, so that a certificate not trusted is asked about first (design note 187)."""

    host: str
    port: int
    logs_in = False  # (a class attribute, not a field)

    def __call__(self, session: FtpSession) -> None:
        session.meet(self.host, self.port)


def run_item(session: FtpSession, item: TransferItem, ctx: JobContext) -> Outcome:
    """Do the next step for ``item``; raises ``ItemFailed`` with the cause."""
    try:
        if item.direction == DOWNLOAD:
            if item.is_dir is None:  # a link chosen on its own: what it leads to, asked now (``download_link``)
                return download_link(session, item, ctx)
            folder = bool(item.is_dir)
        else:  # (a path dropped from a file manager: what it is, only this job looks at)
            folder = bool(item.is_dir or (item.is_dir is None and os.path.isdir(item.local)))
        return _run(session, item, ctx, folder)
    except ItemFailed:
        raise
    except (FtpError, OSError) as exc:
        raise ItemFailed(exc, local=item.local, remote=item.remote) from exc
    except Exception as exc:  # nothing foresaw it: this item fails in words, the queue goes on
        raise ItemFailed(unexpected(exc), local=item.local, remote=item.remote) from exc


def _run(session: FtpSession, item: TransferItem, ctx: JobContext, folder: bool) -> Outcome:
    session.emit(ItemStarted(session.id, item.id, folder))  # type: ignore[arg-type]
    if item.direction == DOWNLOAD:
        if item.depth == 0:  # a folder's entries were checked when it was listed
            parent, name = os.path.split(item.local)
            join_inside(parent, name)
        if folder:
            return expand_remote(session, item, ctx)
        return download(session, item, ctx)
    if folder:
        return expand_local(session, item, ctx)
    return upload(session, item, ctx)


def download_link(session: FtpSession, item: TransferItem, ctx: JobContext) -> Outcome:
    """A symbolic link on the server chosen on its own (``queue.download`` with ``is_dir`` None), taken as
    FileZilla takes one: a folder when CWD enters it — its contents listed into a local folder of the link's name
    under every rule of a folder's download (loops met before, nothing written outside the chosen folder) —
    else the file it leads to (RETR follows it); one that leads to neither fails in words that say so. It was
    queued as a file: a link to a folder failed with the server's "550 Not a regular file" (design note 204)."""
    if session.is_folder(item.wire_remote):
        return _run(session, dataclasses.replace(item, is_dir=True), ctx, True)
    try:
        return _run(session, item, ctx, False)
    except ItemFailed as exc:
        refused = exc.cause
        if type(refused) is ReplyError and not refused.temporary and refused.command.startswith("RETR"):
            raise ItemFailed(LinkLeadsNowhere(refused), local=exc.local, remote=exc.remote) from refused
        raise
