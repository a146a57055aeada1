"""Real proxies started by test fixtures on loopback: microsocks and dante (SOCKS5), tinyproxy (HTTP CONNECT);
and a proxy that accepts and never answers (``SilentProxy``).

Each proxy listens on 127.0.0.1 and makes its outgoing connections from ``OUTGOING`` (127.0.0.3), an address
only the proxies use: a server that sees its clients come from there saw the proxy, not ftpgui.
"""

from __future__ import annotations

import os
import shutil
import socket
import struct
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, List, Optional, Tuple

from daemons import free_port

MICROSOCKS = shutil.which("microsocks") or "/usr/bin/microsocks"
DANTED = shutil.which("danted") or "/usr/sbin/danted"
TINYPROXY = shutil.which("tinyproxy") or "/usr/bin/tinyproxy"
OUTGOING = "127.0.0.3"


def have(path: str) -> bool:
    return os.path.exists(path) and os.access(path, os.X_OK)


@dataclass
class RunningProxy:
    kind: str  # "socks5" | "http"
    host: str
    port: int
    process: subprocess.Popen
    log: Optional[Path] = None

    def url(self, user: str = "") -> str:
        return f"{self.kind}://{user + '@' if user else ''}{self.host}:{self.port}"

    def log_text(self) -> str:
        return self.log.read_text(errors="replace") if self.log and self.log.exists() else ""

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(10)


def _wait_listening(host: str, port: int, process: subprocess.Popen, what: str, seconds: float = 15) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{what} exited with {process.returncode}")
        try:
            socket.create_connection((host, port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"{what} did not listen on {host}:{port} within {seconds} s")


def _start(kind: str, argv_for, what: str, log: Optional[Path] = None) -> RunningProxy:
    for attempt in range(3):  # another process may take the free port before the proxy binds it
        port = free_port()
        proc = subprocess.Popen(argv_for(port), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            _wait_listening("127.0.0.1", port, proc, what)
        except RuntimeError:
            proc.kill()
            proc.wait(10)
            if attempt == 2:
                raise
            continue
        return RunningProxy(kind, "127.0.0.1", port, proc, log)
    raise AssertionError("unreachable")


def start_microsocks(user: str = "", password: str = "", outgoing: str = OUTGOING) -> RunningProxy:
    """microsocks: SOCKS5 CONNECT (no BIND), with ``-u``/``-P`` when a user is given; its connections go out from
    ``outgoing`` (another loopback address: a second proxy a server tells from the first)."""
    auth: List[str] = ["-u", user, "-P", password] if user else []
    return _start(
        "socks5",
        lambda port: [MICROSOCKS, "-i", "127.0.0.1", "-p", str(port), "-b", outgoing, *auth],
        "microsocks",
    )


def start_dante(base: Path) -> RunningProxy:
    """dante (danted): SOCKS5 with CONNECT and BIND, no authentication, going out from ``OUTGOING``."""
    conf, log = base / "danted.conf", base / "danted.log"

    def argv_for(port: int) -> list:
        conf.write_text(
            "\n".join(
                [
                    f"logoutput: {log}",
                    f"internal: 127.0.0.1 port = {port}",
                    f"external: {OUTGOING}",
                    "socksmethod: none",
                    "clientmethod: none",
                    "user.privileged: root",
                    "user.unprivileged: nobody",
                    "client pass { from: 127.0.0.0/8 to: 0.0.0.0/0 }",
                    "socks pass { from: 127.0.0.0/8 to: 0.0.0.0/0 command: bind connect bindreply",
                    "  log: connect disconnect error }",
                ]
            )
            + "\n"
        )
        return [DANTED, "-f", str(conf), "-p", str(base / "danted.pid"), "-N", "1"]

    return _start("socks5", argv_for, "danted", log)


def start_tinyproxy(base: Path, connect_ports: Iterable[int]) -> RunningProxy:
    """tinyproxy: HTTP CONNECT, allowed only to ``connect_ports`` (its ``ConnectPort`` rules)."""
    conf, log = base / "tinyproxy.conf", base / "tinyproxy.log"
    ports = list(connect_ports)

    def argv_for(port: int) -> list:
        conf.write_text(
            "\n".join(
                [
                    f"Port {port}",
                    "Listen 127.0.0.1",
                    f"Bind {OUTGOING}",
                    "Timeout 30",
                    f'LogFile "{log}"',
                    "LogLevel Info",
                    "MaxClients 20",
                    "Allow 127.0.0.1",
                    *(f"ConnectPort {p}" for p in ports),
                ]
            )
            + "\n"
        )
        return [TINYPROXY, "-d", "-c", str(conf)]

    return _start("http", argv_for, "tinyproxy", log)


class SilentProxy:
    """A proxy that accepts every connection, reads what the client sends and never answers: the handshake
    (SOCKS5's greeting, HTTP's CONNECT) waits for ever. ``heard``: a client's first bytes came (it waits for the
    answer now); ``ended``: a client hung up (what it sent is in ``received``).

    ``relay``: a port it does connect to — a CONNECT to it is answered and relayed both ways (the control
    connection, to a real server); any other request (the data connection's CONNECT, a BIND) is heard after its
    greeting is answered, and never answered: ``heard``, ``ended`` and ``received`` are of those — but for the
    first ``also`` other CONNECTs, relayed as well (a tree's listing, before its files' data connections)."""

    def __init__(self, kind: str = "socks5", relay: Optional[int] = None, also: int = 0) -> None:
        self.kind = kind
        self.relay = relay
        self.also = also
        self._also_lock = threading.Lock()
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.heard = threading.Event()
        self.ended = threading.Event()
        self.received = bytearray()
        self._taken: List[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def url(self) -> str:
        return f"{self.kind}://127.0.0.1:{self.port}"

    def _accept(self) -> None:
        while True:
            try:
                conn, _ = self.listener.accept()
            except OSError:
                return  # closed
            self._taken.append(conn)
            serve = self._listen if self.relay is None else self._relay_or_listen
            threading.Thread(target=serve, args=(conn,), daemon=True).start()

    def _listen(self, conn: socket.socket, request: bytes = b"") -> None:
        self.received += request
        if request:
            self.heard.set()
        try:
            while chunk := conn.recv(4096):
                self.received += chunk
                self.heard.set()
        except OSError:
            pass
        self.ended.set()

    def _relay_or_listen(self, conn: socket.socket) -> None:
        """The handshake read; a CONNECT to ``relay`` answered and relayed, anything else left unanswered."""
        try:
            target, connect, request = socks_request(conn) if self.kind == "socks5" else self._http_request(conn)
        except OSError:
            return
        if not connect or (target[1] != self.relay and not self._one_more(target)):
            self._listen(conn, request)
            return
        try:
            server = socket.create_connection(target, timeout=10)
        except OSError:
            conn.close()
            return
        server.settimeout(None)
        self._taken.append(server)
        if self.kind == "socks5":
            conn.sendall(b"\x05\x00\x00\x01" + socket.inet_aton("127.0.0.1") + struct.pack("!H", self.port))
        else:
            conn.sendall(b"HTTP/1.1 200 Connection established\r\n\r\n")
        threading.Thread(target=pump, args=(server, conn), daemon=True).start()
        pump(conn, server)

    def _one_more(self, target: Tuple[str, int]) -> bool:
        """Whether this CONNECT is one of the first ``also`` not to ``relay``: relayed too."""
        with self._also_lock:
            if self.also <= 0 or target[0] != "127.0.0.1":
                return False
            self.also -= 1
            return True

    def _http_request(self, conn: socket.socket) -> Tuple[Tuple[str, int], bool, bytes]:
        header = b""
        while not header.endswith(b"\r\n\r\n"):
            header += exactly(conn, 1)
        host, _, port = header.split()[1].decode().rpartition(":")
        return (host, int(port)), header.startswith(b"CONNECT "), header

    def close(self) -> None:
        close_all(self.listener, self._taken)

    def __enter__(self) -> SilentProxy:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def close_all(listener: socket.socket, taken: Iterable[socket.socket]) -> None:
    """A relay's end: its listener (its accept woken) and the connections it took (``taken``)."""
    try:
        listener.shutdown(socket.SHUT_RDWR)  # wakes the accept (Linux)
    except OSError:
        pass
    listener.close()
    for conn in taken:
        try:
            conn.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        conn.close()


def socks_request(conn: socket.socket) -> Tuple[Tuple[str, int], bool, bytes]:
    """A SOCKS5 proxy's side: the greeting answered (no login), the request read — its target, whether it is a
    CONNECT, and its bytes."""
    _ver, count = exactly(conn, 2)
    exactly(conn, count)
    conn.sendall(b"\x05\x00")
    head = exactly(conn, 4)
    if head[3] == 3:  # a name
        where = exactly(conn, 1)
        where += exactly(conn, where[0])
        host = where[1:].decode()
    else:
        where = exactly(conn, 4 if head[3] == 1 else 16)
        host = socket.inet_ntop(socket.AF_INET if head[3] == 1 else socket.AF_INET6, where)
    port = exactly(conn, 2)
    return (host, struct.unpack("!H", port)[0]), head[1] == 1, head + where + port


def exactly(conn: socket.socket, n: int) -> bytes:
    """``n`` bytes from ``conn`` (``ConnectionResetError`` when it closes first)."""
    data = b""
    while len(data) < n:
        chunk = conn.recv(n - len(data))
        if not chunk:
            raise ConnectionResetError("closed in the handshake")
        data += chunk
    return data


def pump(source: socket.socket, sink: socket.socket) -> None:
    """Bytes from ``source`` to ``sink`` until ``source`` ends; then ``sink`` is told (its write side shut)."""
    try:
        while chunk := source.recv(65536):
            sink.sendall(chunk)
    except OSError:
        pass
    try:
        sink.shutdown(socket.SHUT_WR)
    except OSError:
        pass
