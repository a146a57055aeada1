"""A local practice server: pyftpdlib on 127.0.0.1 with a small sample folder and a generated login.

It lets a learner see real active- and passive-mode exchanges without a server of their own. Two switches
simulate the classic failures, so they show up in the mode panel and the log for real:
- ``server_firewall``: the passive port named in the 227/229 reply is unreachable — the client's connection
  to it times out (the port listens with a full backlog, so the connection attempt is silently dropped);
- ``client_firewall``: the server declines to connect back after PORT/EPRT and answers 425.
It listens only on 127.0.0.1, runs on its own thread, and stops with ``stop()`` (the app calls it on exit).
No Qt here.
"""

from __future__ import annotations

import logging
import os
import secrets
import shutil
import socket
import tempfile
import threading
from typing import List, Optional

HOST = "127.0.0.1"  # never anything else: the practice server must not be reachable from the network
USER = "learner"

SAMPLE_FILES = {
    "README.txt": (
        "This is ftpgui's practice server. It runs on this computer only (127.0.0.1).\n"
        "Download and upload files in passive and active mode, and watch the mode panel.\n"
    ),
    "pictures/dot.svg": (
        '<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"><circle cx="4" cy="4" r="4"/></svg>\n'
    ),
    "notes/rfc959-ports.txt": (
        "RFC 959: the control connection goes to the server's port 21.\n"
        "Active mode (PORT/EPRT): the server connects to the client's port, often from its port 20.\n"
        "Passive mode (PASV/EPSV): the client connects to the port the server names.\n"
    ),
}
LARGE_FILE = ("one-megabyte.bin", 1 << 20)


class _BlackHole:
    """A listening port nobody answers: its backlog is full, so new connections are dropped and time out."""

    def __init__(self) -> None:
        self.listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.listener.bind((HOST, 0))
        self.listener.listen(0)
        self.port = self.listener.getsockname()[1]
        self.fillers: List[socket.socket] = []
        for _ in range(3):  # one accepted into the (never read) queue, the rest pending: the queue is full
            s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            s.setblocking(False)
            try:
                s.connect((HOST, self.port))
            except (BlockingIOError, InterruptedError):
                pass
            self.fillers.append(s)

    def close(self) -> None:
        for s in self.fillers:
            s.close()
        self.listener.close()


class PracticeServer:
    """pyftpdlib serving a sample folder on 127.0.0.1 at a free port, with a generated user and password."""

    def __init__(self, root: Optional[str] = None) -> None:
        self._own_root = root is None
        self.root = root or tempfile.mkdtemp(prefix="ftpgui-practice-")
        self.user = USER
        self.password = secrets.token_urlsafe(12)
        self.server_firewall = False
        self.client_firewall = False
        self._holes: List[_BlackHole] = []
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread: Optional[threading.Thread] = None
        self._server = None
        self.port = 0

    @property
    def host(self) -> str:
        return HOST

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self) -> None:
        """Write the sample folder (when the server owns it), bind 127.0.0.1 on a free port, and serve."""
        from pyftpdlib.authorizers import DummyAuthorizer
        from pyftpdlib.handlers import FTPHandler
        from pyftpdlib.ioloop import IOLoop
        from pyftpdlib.servers import FTPServer

        if self.running:
            return
        logging.getLogger("pyftpdlib").setLevel(logging.WARNING)
        if self._own_root:
            write_samples(self.root)
        auth = DummyAuthorizer()
        auth.add_user(self.user, self.password, self.root, perm="elradfmw")
        practice = self

        class Handler(FTPHandler):
            authorizer = auth
            banner = "ftpgui practice server (127.0.0.1 only)"
            permit_foreign_addresses = False

            def ftp_EPSV(self, line):
                if practice.server_firewall:
                    port = practice._black_hole()
                    self.respond(f"229 Entering extended passive mode (|||{port}|).")
                    return
                return super().ftp_EPSV(line)

            def ftp_PASV(self, line):
                if practice.server_firewall:
                    port = practice._black_hole()
                    self.respond(f"227 Entering passive mode (127,0,0,1,{port >> 8},{port & 255}).")
                    return
                return super().ftp_PASV(line)

            def ftp_PORT(self, line):
                if practice.client_firewall:
                    self.respond("425 Can't connect to your port (simulated: a firewall on your side blocks it).")
                    return
                return super().ftp_PORT(line)

            def ftp_EPRT(self, line):
                if practice.client_firewall:
                    self.respond("425 Can't connect to your port (simulated: a firewall on your side blocks it).")
                    return
                return super().ftp_EPRT(line)

        self._server = FTPServer((HOST, 0), Handler, ioloop=IOLoop())  # its own loop, not the shared default
        self.port = self._server.socket.getsockname()[1]
        self._stop.clear()
        self._thread = threading.Thread(target=self._serve, name="ftpgui-practice-server", daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        server = self._server
        while not self._stop.is_set():
            server.serve_forever(timeout=0.05, blocking=False)
        server.close_all()

    def _black_hole(self) -> int:
        with self._lock:
            while len(self._holes) >= 4:  # the old ones are no longer needed
                self._holes.pop(0).close()
            hole = _BlackHole()
            self._holes.append(hole)
            return hole.port

    def stop(self) -> None:
        """Stop serving, close every socket, and remove the sample folder it made."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(10)
            self._thread = None
        with self._lock:
            for hole in self._holes:
                hole.close()
            self._holes.clear()
        if self._own_root:
            shutil.rmtree(self.root, ignore_errors=True)

    def __enter__(self) -> PracticeServer:
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()


def write_samples(root: str) -> None:
    """A few small files and folders to list, download and upload over."""
    for rel, text in SAMPLE_FILES.items():
        path = os.path.join(root, *rel.split("/"))
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
    name, size = LARGE_FILE
    with open(os.path.join(root, name), "wb") as f:
        f.write(bytes(range(256)) * (size // 256))
    os.makedirs(os.path.join(root, "uploads"), exist_ok=True)
