"""A tree's transfer connections as threads (``procpool`` has them as forked processes), and what a tree's
transfer did (``MirrorResult``): the pool counts its files into it, the walk (``mirror``) its folders and skips.
"""

from __future__ import annotations

import functools
import os
import queue
import threading
from dataclasses import dataclass, field
from typing import Callable, List, Optional, Tuple

from .errors import ConnectionLost, FtpError, ReplyError, unexpected
from .localfs import trusted_file
from .localpath import SafetyReport, part_name
from .procpool import FILE_RETRY_DELAYS, Retries
from .session import FtpSession

SessionFactory = Callable[[], FtpSession]
_DONE = object()


@dataclass
class MirrorResult:
    """What a recursive transfer did."""

    files: int = 0
    bytes: int = 0
    folders: int = 0
    failed: List[Tuple[str, str]] = field(default_factory=list)  # (path, message)
    report: SafetyReport = field(default_factory=SafetyReport)
    connections: int = 0  # transfer connections that were actually used
    retried: List[Tuple[str, str]] = field(default_factory=list)  # (path, why) for each file tried again
    kept: int = 0  # local files already there, left as they are (``download_tree``'s ``keep_existing``)
    kept_links: int = 0  # of ``kept``, links at a file's name (no ``--resume`` goes through one: note 371)
    parts: List[Tuple[str, str, int]] = field(default_factory=list)  # (path, temporary file, bytes) of failed files
    # failed uploads whose STOR or APPE had gone out: (path, server path, bytes the server acknowledged, size, text)
    cut: List[Tuple[str, str, int, int, bool]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failed

    def fail(self, label: str, message: str, job: object = None, cut: Optional[Tuple[int, int, bool]] = None) -> None:
        """``label`` failed with ``message``; a download (``job``) that left bytes in its temporary file has it
        noted in ``parts`` (``--resume`` continues it: ``ftpgui-cli`` says so, design note 384), an upload cut off
        once its STOR or APPE had gone out in ``cut`` (its session's ``upload_cut``: design note 401)."""
        self.failed.append((label, message))
        if isinstance(job, tuple) and job[0] == "download":
            kept = part_left(job[1][1])
            if kept is not None:
                self.parts.append((label, *kept))
        if cut is not None and isinstance(job, tuple) and job[0] == "upload":
            remote = job[1][1]
            self.cut.append((label, remote if isinstance(remote, str) else label, *cut))


def upload_cut(session: Optional[FtpSession], job: object) -> Optional[Tuple[int, int, bool]]:
    """What the upload ``job`` that failed on ``session`` had sent, once its STOR or APPE went out (None: it did
    not, or ``job`` is no upload) — its session's ``upload_cut``, set aside by ``fresh`` before the job."""
    if session is None or not isinstance(job, tuple) or job[0] != "upload":
        return None
    return session.upload_cut


def fresh(session: FtpSession) -> FtpSession:
    """``session`` before its next job: no upload cut off noted (``upload_cut``)."""
    session.upload_cut = None
    return session


def part_left(local: str) -> Optional[Tuple[str, int]]:
    """(the temporary file of a download to ``local``, its bytes) when it holds some and ``--resume`` would continue
    it — a regular file with no other name, owned by this user (``partfile.continued``) — else None: a look only,
    not following a link."""
    try:
        part = part_name(local)
        st = os.lstat(part)
    except (OSError, ValueError):  # (a name no file system holds: its download says why)
        return None
    return (part, st.st_size) if trusted_file(st) and st.st_size else None


class _Pool:
    """N worker threads, each with its own session, taking (job) callables from a queue.

    A server that answers a new connection with 421 (too many connections) gets fewer: that worker
    hands its job back and stops while another connection is working; when none is, it waits and tries
    again (``retry_delays``). ``finish`` waits for every submitted job, so a job handed back after the
    listing ended still runs. A file whose connection dropped under it is tried again (``procpool.Retries``,
    after ``file_retry_delays``), each such try noted in ``result.retried``. A worker whose connection went
    quiet (``procpool.Silence``) ends while another worker is left: the jobs are theirs; the last one left
    fails them at once, "Not tried".
    """

    def __init__(
        self,
        make_session: SessionFactory,
        parallel: int,
        result: MirrorResult,
        retry_delays: Tuple[float, ...] = (0.2, 0.5, 1.0, 2.0, 4.0),
        file_retry_delays: Tuple[float, ...] = FILE_RETRY_DELAYS,
        walking: bool = True,
    ):
        self._make = make_session
        self._file_retry_delays = file_retry_delays
        self._jobs: queue.Queue[object] = queue.Queue()
        self._result = result
        self._retry_delays = retry_delays
        self._cond = threading.Condition()
        self._alive = 0  # workers holding a logged-in session
        self._walking = walking  # the walk goes on: its listing connection may be the one the server allows
        self._refused: Optional[BaseException] = None  # the server refused every connection, walk over
        self._running = max(1, parallel)  # worker threads not yet ended
        self._pending = 0  # jobs submitted and not yet finished (done or failed)
        self._threads = [
            threading.Thread(target=self._run, name=f"ftpgui-transfer-{i}", daemon=True)
            for i in range(max(1, parallel))
        ]
        for t in self._threads:
            t.start()

    def submit(self, label: str, job) -> None:
        """Queue ``job``: a callable ``job(session)`` or an ``(FtpSession method, args, kwargs)`` spec."""
        with self._cond:
            self._pending += 1
        self._jobs.put((label, job))

    def submitted(self) -> None:
        """(The processes' pool sends a folder's jobs together; threads take each one as it comes.)"""

    def finish(self) -> None:
        with self._cond:
            self._walking = False  # (its listing connection is closed by now: see ``download_tree``)
            self._cond.notify_all()
            while self._pending and self._running:
                self._cond.wait()
        for _ in self._threads:
            self._jobs.put(_DONE)
        for t in self._threads:
            t.join()
        while True:  # a safety net: a worker ends early only while another holds a session
            try:
                item = self._jobs.get_nowait()
            except queue.Empty:
                break
            if isinstance(item, tuple):
                self._result.fail(item[0], "No connection to the server could be opened for it.", item[1])

    def _run(self) -> None:
        session: Optional[FtpSession] = None
        retries = Retries(self._file_retry_delays)
        counted = True  # (in ``_running``)
        try:
            while True:
                if retries.quiet and self._leave():
                    counted = False
                    return
                item = self._jobs.get()
                if item is _DONE:
                    return
                label, job = item  # type: ignore[misc]
                handed_back = False
                try:
                    if session is None:
                        session = self._connect()
                        if session is None:
                            self._jobs.put(item)  # another connection will take it
                            handed_back = True
                            return
                    n = retries.run(fresh(session), job, functools.partial(self._retried, label))
                    with self._cond:
                        self._result.files += 1
                        self._result.bytes += n
                except (FtpError, OSError) as exc:  # one file's failure: the others go on
                    self._fail(label, str(exc), job, upload_cut(session, job))
                except BaseException as exc:
                    # No check foresaw it (a bug, or a local condition nobody thought of): the file fails in
                    # words and its session, in an unknown state, is replaced. A worker that died here would
                    # leave its job pending for ever: ``finish`` would wait on it (a hang), or with no other
                    # worker left the file would be missing without a word.
                    self._fail(label, str(unexpected(exc)), job)
                    if session is not None:
                        _close(session)
                        session = None
                        retries.reset()  # (a new connection comes: its files get their tries)
                        with self._cond:
                            self._alive -= 1
                    if not isinstance(exc, Exception):
                        raise  # (SystemExit and the like still end the thread, counted)
                finally:
                    if not handed_back:
                        with self._cond:
                            self._pending -= 1
                            self._cond.notify_all()
        finally:
            if session is not None:
                _close(session)
            with self._cond:
                if counted:
                    self._running -= 1
                if session is not None:
                    self._alive -= 1
                self._cond.notify_all()

    def _leave(self) -> bool:
        """Whether a worker whose connection went quiet ends (counted out of ``_running`` here, at once: two that
        went quiet together must not both leave): not when it is the last, which fails the jobs left in words."""
        with self._cond:
            if self._running <= 1:
                return False
            self._running -= 1
            return True

    def _retried(self, label: str, message: str) -> None:
        with self._cond:
            self._result.retried.append((label, message))

    def _fail(self, label: str, message: str, job: object = None, cut: Optional[Tuple[int, int, bool]] = None) -> None:
        with self._cond:
            self._result.fail(label, message, job, cut)

    def _connect(self) -> Optional[FtpSession]:
        """A transfer connection; None when the server has too many and another worker carries on."""
        delays = iter(self._retry_delays)
        while True:
            with self._cond:
                if self._refused is not None and self._alive == 0:
                    raise self._refused  # (tried in full once: each later file does not wait it all again)
            try:
                session = self._make()
            except (ConnectionLost, ReplyError) as exc:
                if exc.code != 421:
                    raise
                delay = next(delays, None)
                with self._cond:
                    if self._alive > 0:
                        return None
                    if delay is None and self._walking:
                        # a server that allows one connection an address: the walk's own is that one, and it
                        # closes when the walk ends; until then, no file fails for it (each failed after 7.7 s,
                        # nothing copied - found by QA)
                        while self._walking and self._alive == 0:
                            self._cond.wait()
                        if self._alive > 0:
                            return None
                        delays = iter(self._retry_delays)
                        continue
                    if delay is None:
                        self._refused = exc
                        raise
                    self._cond.wait(delay)  # wakes early when another worker connects or ends
                    if self._alive > 0:
                        return None
                continue
            with self._cond:
                self._alive += 1
                self._result.connections += 1
                self._cond.notify_all()
            return session


def _close(session: FtpSession) -> None:
    try:
        session.quit(wait=False)  # every transfer already has its reply
    except Exception:  # (FtpError, or whatever a session in an unknown state raises): it is closed anyway
        pass
    session.close()
