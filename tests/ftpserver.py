"""An in-process pyftpdlib server for tests, recording what it saw from its own side of every socket."""

from __future__ import annotations

import functools
import logging
import os
import queue
import re
import socket
import threading
import weakref
from dataclasses import dataclass, field
from typing import Callable, ClassVar, List, Optional, Tuple

from pyftpdlib.authorizers import DummyAuthorizer
from pyftpdlib.filesystems import AbstractedFS
from pyftpdlib.handlers import DTPHandler, FTPHandler, ThrottledDTPHandler, TLS_DTPHandler, TLS_FTPHandler
from pyftpdlib.ioloop import IOLoop
from pyftpdlib.servers import FTPServer

from ftpgui.practice import HandedOverConnector

logging.getLogger("pyftpdlib").setLevel(logging.CRITICAL)

USER = "alice"
PASSWORD = "s3cret-pässword"

Addr = Tuple[str, int]


def _addr(sockaddr) -> Addr:
    host = sockaddr[0]
    if host.startswith("::ffff:") and "." in host:
        host = host[7:]
    return host, sockaddr[1]


@dataclass
class Record:
    """What the server saw: its control and data sockets (its own end first), commands, files."""

    control: List[Tuple[Addr, Addr]] = field(default_factory=list)  # (server end, client end)
    data: List[Tuple[Addr, Addr]] = field(default_factory=list)
    commands: List[str] = field(default_factory=list)
    received: List[str] = field(default_factory=list)
    incomplete: List[str] = field(default_factory=list)
    open_sessions: int = 0  # control connections logged in or not, open right now
    max_open_sessions: int = 0  # the most that were open at the same time
    refused_421: int = 0  # control connections turned away with 421 (max_cons_per_ip)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def verbs(self) -> List[str]:
        with self.lock:
            return [c.split(" ", 1)[0] for c in self.commands]


class FoldingFS(AbstractedFS):
    """Names as NTFS takes them: a name that differs only in case from an entry's is that entry (RNTO onto it
    replaces it), and a rename onto the entry's own name in other case respells it."""

    def ftp2fs(self, ftppath):
        self._asked = path = super().ftp2fs(ftppath)  # (the last name asked for: a respelling renames to it)
        rel = os.path.relpath(path, self.root)
        if rel == "." or rel.startswith(".."):
            return path
        found = self.root
        for part in rel.split(os.sep):
            try:
                names = os.listdir(found)
            except OSError:
                names = []
            if part not in names:
                part = next((n for n in names if n.casefold() == part.casefold()), part)
            found = os.path.join(found, part)
        return found

    def rename(self, src, dst):
        if src == dst:  # the entry's own name in other case
            dst = self._asked
        return super().rename(src, dst)


_LIST_SIZE = re.compile(rb"^(\S+\s+\d+\s+\S+\s+\S+\s+)\d+")  # ls -l's fields up to the size (pyftpdlib's)
UNREADABLE_SIZE = b"100000000000000000000"  # 10^20: past 2^64, a size no listing format reads


class UnreadableLines:
    """An ``AbstractedFS`` mixin: the entries named in ``unreadable`` are listed in lines no format reads — LIST
    gives their size as 10^20, MLSD leaves out the space before their name — while they are there on disk
    (a recursive delete leaves them, a search and a permission change miss them). MLST of one is as listed."""

    unreadable: frozenset = frozenset()

    def format_list(self, basedir, listing, ignore_err=True):
        for name in listing:
            for line in super().format_list(basedir, [name], ignore_err):
                yield _LIST_SIZE.sub(rb"\g<1>" + UNREADABLE_SIZE, line, 1) if name in self.unreadable else line

    def format_mlsx(self, basedir, listing, perms, facts, ignore_err=True):
        for name in listing:
            for line in super().format_mlsx(basedir, [name], perms, facts, ignore_err):
                yield line.replace(b"; ", b";", 1) if name in self.unreadable else line


class ListedAs:
    """An ``AbstractedFS`` mixin: a file named as a key of ``listed_as`` (in any folder) is listed, in LIST and MLSD,
    under the name its value gives — a name no entry of a folder can have (``sub/inner.txt``, ``/abs.txt``,
    ``../x``), as a hostile server lists one; one whose value is None is not listed. Each command for a path goes
    to the file that path names."""

    listed_as: ClassVar[dict] = {}

    def format_list(self, basedir, listing, ignore_err=True):
        for name in listing:
            if name not in self.listed_as or self.listed_as[name] is not None:
                for line in super().format_list(basedir, [name], ignore_err):
                    yield self._listed(name, line)

    def format_mlsx(self, basedir, listing, perms, facts, ignore_err=True):
        for name in listing:
            if name not in self.listed_as or self.listed_as[name] is not None:
                for line in super().format_mlsx(basedir, [name], perms, facts, ignore_err):
                    yield self._listed(name, line)

    def _listed(self, name: str, line: bytes) -> bytes:
        listed = self.listed_as.get(name)
        if listed is None:
            return line
        own = name.encode() + b"\r\n"
        assert line.endswith(own), line
        return line[: -len(own)] + listed.encode() + b"\r\n"


class _Server(FTPServer):
    keep: Callable[[socket.socket], None]  # every socket accepted or dialled for this server, closed when it stops

    def handle_accepted(self, sock, addr):
        self.keep(sock)
        return super().handle_accepted(sock, addr)


class FtpServerThread(threading.Thread):
    """pyftpdlib on ``host``:random port, serving ``root``, stopped by ``stop()``."""

    def __init__(
        self,
        host: str,
        root: str,
        *,
        refuse: Tuple[str, ...] = (),
        throttle: Optional[int] = None,
        replies: Optional[dict] = None,
        max_cons: int = 0,
        tls_cert: Optional[str] = None,
        legacy_names: bool = False,
        feat_utf8: bool = False,
        dtp_mixin: Optional[type] = None,
        max_cons_per_ip: int = 0,
        implicit_tls: bool = False,
        home: str = "/",
        port: int = 0,
        idle_timeout: Optional[float] = None,
        hang_up: Optional[dict] = None,
        no_1xx: Optional[dict] = None,
        no_226: Optional[dict] = None,
        no_reply: Optional[dict] = None,
        folds_case: bool = False,
        unreadable: Tuple[str, ...] = (),
        listed_as: Optional[dict] = None,
        size_reply: Optional[str] = None,
        mlst_facts: Optional[Tuple[str, ...]] = None,
        list_only: bool = False,
        unreachable_client: bool = False,
        refusing_client: bool = False,
    ):
        """``tls_cert``: a PEM file with key and certificate chain; the server then offers AUTH TLS
        (pyftpdlib's ``TLS_FTPHandler``), or with ``implicit_tls`` speaks TLS from the first byte (FTPS on
        port 990's manner; pyftpdlib has no such option, so the handshake starts before the greeting).
        ``legacy_names``: names pass as the bytes on disk (GBK, anything) and FEAT does not list UTF8 — unless
        ``feat_utf8``: FEAT lists it all the same, as a server that claims UTF-8 and lists its disk's GBK bytes.
        ``dtp_mixin``: a class put before the data-connection handler's base (a test's own behaviour).
        ``home``: the folder (under ``root``) a login lands in, as a server with home folders does.
        ``port``: a fixed port (a server started again where one was); ``idle_timeout``: seconds a control
        connection may stay silent before the server says 421 and closes it (pyftpdlib's ``timeout``).
        ``hang_up``: {command line: n} — the first n times a client sends that line (``"RETR /f.bin"``), the
        server closes its control connection instead of answering, as a server that restarts or crashes.
        ``no_1xx``: {command verb or line: n} — the first n times, the server does what the command asks (STOR
        makes its file) but holds back the 1xx reply the client waits for before it moves a byte — until
        ``send_held_replies()``, if ever: a client held between the command and its first progress.
        ``no_226``: the same for the final reply after the data (226): the file is complete on the server and
        the client, its last byte sent, waits for the word. ``no_reply``: the same for whatever the command's
        reply is (``{"EPSV": 1}``: the client waits before its data connection, the transfer command unsent).
        The dicts are read as commands come: a test may fill one in once the server runs. ``folds_case``: a
        server on Windows — IIS's greeting, names differing only in case one name (``FoldingFS``).
        ``unreadable``: names (of any folder) listed in lines no format reads (``UnreadableLines``).
        ``listed_as``: {name on disk: name listed} — files listed under other names (``ListedAs``).
        ``size_reply``: SIZE of a file there answered so (``"213 size unknown"``: a 213 with no byte count, as old
        32-bit servers and some others say); of a name not there, 550 as before. ``mlst_facts``: the only facts MLSD and
        MLST give, unasked, and offer (pyftpdlib's own give type, perm, size, modify, unique, and offer
        ``unix.mode`` too, given once ``OPTS MLST`` asks: without it, a server that has no mode to give, as
        IIS; with it, one that gives the mode unasked). ``list_only``: no MLSD or MLST at all (neither in FEAT nor
        answered as known), as vsftpd: the listing is LIST's ``ls -l`` lines. ``unreachable_client``: PORT and
        EPRT get what pyftpdlib says when its connection to the client's port times out (a firewall at the client
        dropping it) — "421 Active data channel timed out." — and the control connection is closed.
        ``refusing_client``: PORT and EPRT make the server really connect to a port nothing listens on at the
        client's address (refused: a firewall at the client that REJECTs, or one on the way), and answer as ProFTPD
        does — "425 Unable to build data connection: Connection refused" (the system's words for the error)."""
        super().__init__(daemon=True, name="test-ftpd")
        self.root = root
        self.record = Record()
        auth = DummyAuthorizer()
        auth.add_user(USER, PASSWORD, root, perm="elradfmwMT")
        auth.add_anonymous(root)
        record = self.record
        live = self._live = weakref.WeakSet()  # every channel: a throttled one asleep is not in the loop's map
        # and every socket: pyftpdlib's handlers give up on a socket whose client went away before the server got
        # to it without closing it (they swap in a fresh one; their issue 188), and a transfer connection the queue
        # opens as it runs out of files does just that; the garbage collector would find it open in a later test
        made = self._made = []
        held = self._held = []  # the replies no_1xx holds back: each a call that sends it
        self._calls: queue.SimpleQueue[Callable[[], None]] = queue.SimpleQueue()  # run on the server's thread

        def keep(sock) -> None:
            if len(made) >= 256:  # (the closed ones need not be kept)
                made[:] = [s for s in made if s.fileno() != -1]
            made.append(sock)

        class Passive(FTPHandler.passive_dtp):  # (pyftpdlib's module for them differs between versions)
            def handle_accepted(self, sock, addr):
                keep(sock)
                return super().handle_accepted(sock, addr)

        class Active(HandedOverConnector):  # (pyftpdlib's own leaves a reused descriptor: design note 329)
            def __init__(self, ip, port, cmd_channel):
                super().__init__(ip, port, cmd_channel)
                if self.socket is not None:
                    keep(self.socket)

        dtp_base = ThrottledDTPHandler if throttle else DTPHandler
        if tls_cert:
            dtp_base = TLS_DTPHandler

        bases = (dtp_mixin, dtp_base) if dtp_mixin else (dtp_base,)

        class DTP(*bases):  # type: ignore[misc, valid-type]
            if throttle:
                read_limit = throttle
                write_limit = throttle
                # pyftpdlib's DTPHandler.__init__ closes a connection whose client has already gone before
                # ThrottledDTPHandler.__init__ sets this, and its close reads it: it raised and the server's thread
                # died (design note 487)
                _throttler = None

            def __init__(self, sock, cmd_channel):
                super().__init__(sock, cmd_channel)
                live.add(self)
                try:
                    ends = (_addr(sock.getsockname()), _addr(sock.getpeername()))
                except OSError:  # (its client had gone: pyftpdlib has closed it already)
                    return
                with record.lock:
                    record.data.append(ends)

        class Handler(TLS_FTPHandler if tls_cert else FTPHandler):  # type: ignore[misc]
            authorizer = auth
            certfile = tls_cert
            ssl_context = None
            dtp_handler = DTP
            passive_dtp = Passive
            active_dtp = Active
            banner = "test server ready"
            if list_only:
                proto_cmds = {
                    k: v
                    for k, v in (TLS_FTPHandler if tls_cert else FTPHandler).proto_cmds.items()
                    if k not in ("MLSD", "MLST")
                }

            def handle(self):
                if implicit_tls:
                    self.secure_connection(self.ssl_context)  # the greeting then goes out inside TLS
                super().handle()

            def on_login(self, username):
                self.fs.cwd = home

            def on_connect(self):
                if mlst_facts is not None:
                    self._current_facts, self._available_facts = list(mlst_facts), list(mlst_facts)
                self._counted = True
                live.add(self)
                with record.lock:
                    record.control.append((_addr(self.socket.getsockname()), _addr(self.socket.getpeername())))
                    record.open_sessions += 1
                    record.max_open_sessions = max(record.max_open_sessions, record.open_sessions)

            def close(self):
                # counted out as pyftpdlib counts it (its per-address map, at once), not in on_disconnect, which
                # it calls a loop turn later: a connection accepted in between was recorded one over the limit
                if getattr(self, "_counted", False):
                    self._counted = False
                    with record.lock:
                        record.open_sessions -= 1
                super().close()

            def handle_max_cons_per_ip(self):
                with record.lock:
                    record.refused_421 += 1
                super().handle_max_cons_per_ip()

            def pre_process_command(self, line, cmd, arg):
                with record.lock:
                    record.commands.append(line)
                if cmd in refuse:
                    self.respond(f"502 {cmd} disabled for this test.")
                    return
                self._held_codes = ""  # (the next reply starting so is held back: no_1xx, no_226, no_reply)
                for codes, holding in (("1", no_1xx), ("226", no_226), (tuple("12345"), no_reply)):
                    key = line if holding and holding.get(line, 0) > 0 else cmd
                    with record.lock:
                        if holding and holding.get(key, 0) > 0:
                            holding[key] -= 1
                            self._held_codes, self._held_line = codes, line
                if hang_up and hang_up.get(line, 0) > 0:
                    with record.lock:
                        hang_up[line] -= 1
                    self.close()
                    return
                if refusing_client and cmd in ("PORT", "EPRT"):
                    with socket.socket() as s, socket.socket() as closed:
                        closed.bind((self.remote_ip, 0))  # (bound, never listening: a connect to it is refused)
                        try:
                            s.connect(closed.getsockname())
                            said = "connected"
                        except OSError as exc:
                            said = exc.strerror or str(exc)
                    self.respond(f"425 Unable to build data connection: {said}")
                    return
                if unreachable_client and cmd in ("PORT", "EPRT"):
                    self.respond("421 Active data channel timed out.")
                    self.close_when_done()
                    return
                if replies and (cmd in replies or line in replies):
                    self.respond(replies.get(line) or replies[cmd])
                    return
                return super().pre_process_command(line, cmd, arg)

            def respond(self, resp, *args, **kwargs):
                codes = getattr(self, "_held_codes", "")
                if codes and resp.startswith(codes):
                    self._held_codes = ""
                    reply = functools.partial(super().respond, resp, *args, **kwargs)  # (see no_1xx)
                    reply.line = getattr(self, "_held_line", "")  # type: ignore[attr-defined]
                    held.append(reply)
                    return
                return super().respond(resp, *args, **kwargs)

            def ftp_SIZE(self, path):
                if size_reply and self.fs.isfile(self.fs.realpath(path)):
                    self.respond(size_reply)
                    return
                super().ftp_SIZE(path)

            def on_file_received(self, file):
                with record.lock:
                    record.received.append(file)

            def on_incomplete_file_received(self, file):
                with record.lock:
                    record.incomplete.append(file)

        if folds_case:
            Handler.banner = "Microsoft FTP Service"
            Handler.abstracted_fs = FoldingFS
        if unreadable:
            base_fs = Handler.abstracted_fs
            Handler.abstracted_fs = type(
                "UnreadableFS", (UnreadableLines, base_fs), {"unreadable": frozenset(unreadable)}
            )
        if listed_as:
            base_fs = Handler.abstracted_fs
            Handler.abstracted_fs = type("ListedAsFS", (ListedAs, base_fs), {"listed_as": dict(listed_as)})
        if idle_timeout is not None:
            Handler.timeout = idle_timeout
        if max_cons:
            Handler.max_cons = max_cons
        if legacy_names:
            # names pass as the bytes on disk (GBK, anything), and FEAT does not advertise UTF8: pyftpdlib
            # adds UTF8 only when its encoding is spelled "utf8" or "utf-8" (so spelled for feat_utf8)
            Handler.encoding = "utf8" if feat_utf8 else "utf_8"
            Handler.unicode_errors = "surrogateescape"

            def push(handler, data: str) -> None:  # replies too (257, 250 "dir"), not only listings
                super(FTPHandler, handler).push(data.encode(handler.encoding, handler.unicode_errors))

            Handler.push = push
        self.handler = Handler
        self.server = _Server((host, port), Handler, ioloop=IOLoop())  # its own loop: servers side by side
        self.server.keep = keep
        if max_cons:
            self.server.max_cons = max_cons
        self.server.max_cons_per_ip = max_cons_per_ip
        self.host = host
        self.port = self.server.socket.getsockname()[1]
        self._stop_event = threading.Event()

    def run(self) -> None:
        try:
            while not self._stop_event.is_set():
                self.server.serve_forever(timeout=0.02, blocking=False)
                while not self._calls.empty():
                    self._calls.get()()
        finally:  # (a thread that died still closes its sockets: else they fail whichever test collects them)
            self._close_everything()

    def _close_everything(self) -> None:
        self.server.close_all()
        for channel in list(self._live):  # (close_all misses a throttled transfer waiting for its next slot,
            if not getattr(channel, "_closed", False):  # whose file and socket would be collected later)
                channel.close()
        for sock in self._made:
            if sock.fileno() != -1:
                sock.close()

    def holding(self) -> int:
        """How many replies ``no_1xx``, ``no_226`` and ``no_reply`` hold back now (never sent)."""
        return len(self._held)

    def send_held_replies(self, *lines: str) -> None:
        """Send the replies ``no_1xx``, ``no_226`` and ``no_reply`` held back (on the server's thread, soon):
        all, or only those to the command ``lines`` (``"SIZE /f.bin"``)."""

        def send() -> None:
            for reply in [r for r in self._held if not lines or r.line in lines]:
                self._held.remove(reply)
                reply()

        self._calls.put(send)

    def stop(self) -> None:
        self._stop_event.set()
        self.join(10)

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"ftp://{USER}:s3cret-p%C3%A4ssword@{host}:{self.port}"

    def path(self, *parts: str) -> str:
        return os.path.join(self.root, *parts)


def ipv6_available() -> bool:
    if not socket.has_ipv6:
        return False
    try:
        with socket.socket(socket.AF_INET6, socket.SOCK_STREAM) as s:
            s.bind(("::1", 0))
        return True
    except OSError:
        return False
