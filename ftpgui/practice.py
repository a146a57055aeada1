"""A local practice server: pyftpdlib on 127.0.0.1 with a generated sample folder and login.

A learner sees real exchanges of both modes without a server of their own. Two switches, changeable while
it runs, *simulate* firewalls so the real failures appear in the log and the mode panel:

- ``simulate_server_firewall``: the passive replies (PASV/EPSV) advertise a port nothing will ever answer,
  so the client's connect times out, as when a firewall in front of the server drops the packets. On
  loopback, without iptables, that port belongs to a socket listening with a backlog of 0 whose accept
  queue already holds one connection that is never accepted: Linux then drops every further SYN (it
  neither answers nor refuses), so ``connect()`` times out. (With ``net.ipv4.tcp_abort_on_overflow=1``,
  and on Windows, a full queue is answered with a reset instead: the connect is then refused — the
  diagnosis is still "server-firewall" at stage "connect", only faster.)
- ``simulate_client_firewall``: the server declines to connect back for PORT/EPRT and answers
  ``425 Can't open data connection.``, as when a firewall at the client drops the server's connection.
- ``simulate_nat``: a server behind NAT whose public address is not configured: EPSV is refused (so the
  client must use PASV) and the PASV reply advertises a private address (``NAT_ADDRESS``, never dialled:
  ftpgui connects to the control connection's peer; the diagnosis' PASV probe reports the address).
- ``simulate_tls_helper``: a firewall in front of the server that admits only the control port and opens a
  passive data port when its FTP helper reads that port in the server's 227/229 reply. In plain FTP the
  helper reads it, so passive mode works; once the control connection is encrypted (AUTH TLS) it cannot,
  so the port stays closed: the server then names the black-holed port above, and the connect times out.
  Active mode is unaffected (the server connects out, which such a firewall allows).

While that simulation is on, the server offers AUTH TLS with a throwaway self-signed certificate
(``practicetls``; clients trust it by ``fingerprint``; it needs pyOpenSSL: ``tls``); otherwise it offers no
TLS at all, so a client that uses TLS when offered (``ftp://`` in ftpgui-cli) meets the plain server it
always met. Plain FTP stays available either way.

The server never listens beyond loopback: any other bind address is refused, the passive data ports are
bound to the control connection's address (127.0.0.1), and pyftpdlib only connects back to the control
peer (``permit_foreign_addresses`` stays off). No Qt here: the GUI starts and stops it off its thread.
"""

from __future__ import annotations

import atexit
import logging
import os
import secrets
import shutil
import socket
import tempfile
import threading
from typing import List, Optional

from pyftpdlib.authorizers import DummyAuthorizer
from pyftpdlib.handlers import FTPHandler
from pyftpdlib.ioloop import IOLoop
from pyftpdlib.servers import FTPServer

from .practicetls import PracticeCertificate, tls_handler

LOOPBACK = "127.0.0.1"
REFUSE_425 = "425 Can't open data connection."
NAT_ADDRESS = "10.0.0.5"  # what the simulated NAT server advertises in PASV (private; ftpgui never dials it)


class HandedOverConnector(FTPHandler.active_dtp):  # type: ignore[misc, valid-type]
    """pyftpdlib's active-mode connector, which leaves the event loop alone once its socket is the data
    handler's (design note 329). pyftpdlib 2.2.0 keeps the connector on the control connection after it has
    handed its socket over, with that socket's descriptor number; when the transfer ends the number is free,
    the server's next connection may get it, and the connector's later close (the next PORT/PASV, ABOR or
    QUIT of the first connection) takes that other connection out of the event loop: its commands are never
    read again. A queue with two connections in active mode met it (SIZE unanswered for 30 s). Upstream:
    giampaolo/pyftpdlib#657."""

    handed_over = False

    def handle_connect(self):
        super().handle_connect()
        self.handed_over = True

    def del_channel(self, map=None):
        if not self.handed_over:
            super().del_channel(map)


def _quiet_pyftpdlib() -> None:
    """pyftpdlib configures its own INFO logging to stderr on first use unless its logger has a handler:
    give it one for warnings and errors only, so the app's stderr is not flooded with every command."""
    log = logging.getLogger("pyftpdlib")
    if not log.handlers:
        handler = logging.StreamHandler()
        handler.setLevel(logging.WARNING)
        log.addHandler(handler)


class PracticeServerError(Exception):
    """The practice server cannot start (a bad bind address, or it is already running)."""


def make_sample_folder(root: str) -> List[str]:
    """Write the sample files under ``root``; returns their paths relative to it ("/"-separated)."""
    files = {
        "README.txt": (
            "Welcome to the ftpgui practice server.\n\n"
            "Everything here lives in a temporary folder on your own computer and is deleted when the\n"
            "practice server stops. Download, upload, rename and delete as you like.\n"
        ),
        "hello.txt": "Hello, FTP!\n",
        "你好.txt": "你好，世界！这个文件名是中文的。\n",
        "docs/active-and-passive.txt": (
            "Passive mode: the client connects to a port the server names (PASV/EPSV).\n"
            "Active mode: the client names a port and the server connects to it (PORT/EPRT).\n"
        ),
        "docs/numbers.csv": "n,square\n" + "".join(f"{n},{n * n}\n" for n in range(1, 20001)),
        "uploads/.keep": "",
    }
    written = []
    for rel, text in files.items():
        path = os.path.join(root, *rel.split("/"))
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
        written.append(rel)
    return written


class _Blackhole:
    """A loopback port whose connects time out: backlog 0 with its one queue slot taken, never accepted."""

    def __init__(self) -> None:
        self._listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        try:
            self._listener.bind((LOOPBACK, 0))
            self._listener.listen(0)
            self.port = self._listener.getsockname()[1]
            self._filler = socket.create_connection((LOOPBACK, self.port), timeout=5)
        except BaseException:
            self._listener.close()
            raise

    def close(self) -> None:
        self._filler.close()
        self._listener.close()


class PracticeServer:
    """pyftpdlib on 127.0.0.1 (a random free port) serving a generated sample folder, in its own thread."""

    def __init__(self, host: str = LOOPBACK) -> None:
        if host != LOOPBACK:
            raise PracticeServerError(
                f"The practice server only listens on {LOOPBACK} (this computer), not on {host!r}."
            )
        self.host = host
        self.user = "learner-" + secrets.token_hex(3)
        self.password = secrets.token_urlsafe(12)
        self.root: Optional[str] = None
        self.simulate_server_firewall = False
        self.simulate_client_firewall = False
        self.simulate_nat = False
        self.simulate_tls_helper = False
        self.fingerprint = ""  # the SHA-256 fingerprint of its TLS certificate ("" when it offers no TLS)
        self._certificate: Optional[PracticeCertificate] = None
        self._server: Optional[FTPServer] = None
        self._thread: Optional[threading.Thread] = None
        self._stop = threading.Event()
        self._blackhole: Optional[_Blackhole] = None
        self._lock = threading.Lock()

    def __repr__(self) -> str:  # never the password
        state = f"{self.host}:{self.port}" if self.running else "stopped"
        return f"<PracticeServer {state} user={self.user!r}>"

    # --- life cycle ----------------------------------------------------------------------------
    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    @property
    def port(self) -> int:
        if self._server is None:
            raise PracticeServerError("The practice server is not running.")
        return self._server.socket.getsockname()[1]

    @property
    def url(self) -> str:
        """``ftp://USER@127.0.0.1:PORT/`` — without the password (it is ``self.password``)."""
        return f"ftp://{self.user}@{self.host}:{self.port}/"

    def start(self) -> None:
        """Create the sample folder, bind, and serve from a daemon thread. Stopped by ``stop()`` or at exit."""
        with self._lock:
            if self._server is not None:
                raise PracticeServerError("The practice server is already running.")
            self._stop.clear()
            _quiet_pyftpdlib()
            self.root = tempfile.mkdtemp(prefix="ftpgui-practice-")
            try:
                make_sample_folder(self.root)
                if tls_handler() is not None:
                    self._certificate = PracticeCertificate()
                    self.fingerprint = self._certificate.fingerprint
                self._blackhole = _Blackhole()
                ioloop = IOLoop()  # its own loop: pyftpdlib's default is one shared by every server in the process
                self._server = FTPServer((self.host, 0), self._handler_class(), ioloop=ioloop)
            except BaseException:
                self._cleanup(close_server=True)  # no thread serves it to close it
                raise
            self._thread = threading.Thread(target=self._serve, name="ftpgui-practice-server", daemon=True)
            self._thread.start()
            atexit.register(self.stop)

    def __enter__(self) -> PracticeServer:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def stop(self) -> None:
        """Stop serving, disconnect everyone and delete the sample folder. Safe to call twice."""
        with self._lock:
            atexit.unregister(self.stop)
            self._stop.set()
            thread, self._thread = self._thread, None
            if thread is not None:
                thread.join(10)  # (if it has not ended by then, it still closes the server when it does)
            self._cleanup(close_server=thread is None)

    def _serve(self) -> None:
        server = self._server
        assert server is not None
        try:
            while not self._stop.is_set():
                server.ioloop.loop(timeout=0.05, blocking=False)  # serve_forever would log each turn
        finally:
            server.close_all()

    def _cleanup(self, close_server: bool) -> None:
        """Forget the server (closed here only when no thread serves it: ``_serve`` closes its own), remove
        the blackhole and the sample folder."""
        if close_server and self._server is not None:
            self._server.close_all()
        self._server = None
        if self._blackhole is not None:
            self._blackhole.close()
            self._blackhole = None
        if self._certificate is not None:
            self._certificate.close()
            self._certificate = None
            self.fingerprint = ""
        if self.root is not None:
            shutil.rmtree(self.root, ignore_errors=True)
            self.root = None

    @property
    def tls(self) -> bool:
        """Whether it offers AUTH TLS (pyOpenSSL is installed and it is running)."""
        return bool(self.fingerprint)

    # --- the server's behaviour ----------------------------------------------------------------
    def _handler_class(self) -> type:
        practice = self
        auth = DummyAuthorizer()
        auth.add_user(self.user, self.password, self.root, perm="elradfmwMT")
        base = tls_handler() if self._certificate is not None else None
        certificate = self._certificate.path if self._certificate is not None else None

        class PracticeHandler(base or FTPHandler):  # type: ignore[misc]
            authorizer = auth
            banner = "ftpgui practice server ready."
            permit_foreign_addresses = False  # connect back only to the control peer: loopback
            active_dtp = HandedOverConnector
            certfile = certificate  # (TLS_FTPHandler's; the key is in the same file)

            def _passive_port_closed(self) -> bool:
                """The simulated firewall drops connections to the passive port: always (server firewall), or
                when its FTP helper could not read the port because the control connection is encrypted."""
                if practice.simulate_server_firewall:
                    return True
                return practice.simulate_tls_helper and bool(getattr(self, "_ssl_established", False))

            def ftp_FEAT(self, line):
                # AUTH TLS, PBSZ and PROT are listed only while the helper is simulated
                if base is not None:
                    self._extra_feats = ["AUTH TLS", "AUTH SSL", "PBSZ", "PROT"] if practice.simulate_tls_helper else []
                return super().ftp_FEAT(line)

            def ftp_AUTH(self, line):
                if not practice.simulate_tls_helper:
                    self.respond("502 TLS is offered only while the TLS firewall helper is simulated.")
                    return
                return super().ftp_AUTH(line)

            def ftp_PASV(self, line):
                # per connection, read when the passive socket is made (pyftpdlib's NAT setting)
                self.masquerade_address = NAT_ADDRESS if practice.simulate_nat else None
                if self._passive_port_closed():
                    port = practice._blackhole_port()
                    host = (NAT_ADDRESS if practice.simulate_nat else LOOPBACK).replace(".", ",")
                    self.respond(f"227 Entering passive mode ({host},{port >> 8},{port & 255}).")
                    return
                return super().ftp_PASV(line)

            def ftp_EPSV(self, line):
                if practice.simulate_nat:  # EPSV names no address: refused, so PASV shows the NAT address
                    self.respond("502 EPSV not available behind this (simulated) NAT.")
                    return
                if self._passive_port_closed() and line.upper() != "ALL":
                    self.respond(f"229 Entering extended passive mode (|||{practice._blackhole_port()}|).")
                    return
                return super().ftp_EPSV(line)

            def ftp_PORT(self, line):
                if practice.simulate_client_firewall:
                    self.respond(REFUSE_425)
                    return
                return super().ftp_PORT(line)

            def ftp_EPRT(self, line):
                if practice.simulate_client_firewall:
                    self.respond(REFUSE_425)
                    return
                return super().ftp_EPRT(line)

        return PracticeHandler

    def _blackhole_port(self) -> int:
        blackhole = self._blackhole
        assert blackhole is not None, "the server answers only while running"
        return blackhole.port
