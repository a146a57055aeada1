"""A SOCKS5 proxy may name its bound address as a domain name (RFC 1928 §6, ATYP 3) in its reply to CONNECT.

ftpgui speaks SOCKS5 CONNECT itself since design note 168; the reply's name was read with
``bytes.decode("idna", "replace")``, which raises UnicodeError whatever the bytes ("idna" has no "replace"), so
every connection through such a proxy failed with a raw UnicodeError. A scripted proxy on loopback, relaying
to pyftpdlib, answers with a name (a plain one, and one of bytes no codec reads).
"""

from __future__ import annotations

import socket
import struct
import threading

import pytest

from ftpgui.ftp import FtpSession, SessionOptions
from ftpgui.ftp.proxy import parse_proxy

from ftpserver import PASSWORD, USER
from proxies import pump, socks_request
from test_cli import run


class NamingProxy:
    """SOCKS5 without login: CONNECT is relayed to the address asked for; the reply names ``bound`` (bytes) as
    the proxy's address (ATYP 3)."""

    def __init__(self, bound: bytes) -> None:
        self.bound = bound
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.sockets = [self.listener]
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                conn, _ = self.listener.accept()
            except OSError:
                return
            self.sockets.append(conn)
            threading.Thread(target=self._serve, args=(conn,), daemon=True).start()

    def _serve(self, conn: socket.socket) -> None:
        try:
            (host, port), _connect, _request = socks_request(conn)
            out = socket.create_connection((host, port), timeout=10)
            self.sockets.append(out)
            conn.sendall(b"\x05\x00\x00\x03" + bytes([len(self.bound)]) + self.bound + struct.pack("!H", 4321))
        except OSError:
            conn.close()
            return
        threading.Thread(target=pump, args=(conn, out), daemon=True).start()
        threading.Thread(target=pump, args=(out, conn), daemon=True).start()

    def close(self) -> None:
        for s in self.sockets:
            s.close()


@pytest.mark.parametrize("bound", [b"proxy.example", b"\xff\xfe\x00bad"])
def test_a_socks5_reply_naming_its_address_connects(make_server, tmp_path, bound):
    srv = make_server("127.0.0.1")
    with open(srv.path("hello.txt"), "wb") as f:
        f.write(b"hello")
    proxy = NamingProxy(bound)
    try:
        # the path a person takes: the CLI with --proxy
        code, _, err = run(
            "get", srv.url + "/hello.txt", str(tmp_path / "hello.txt"), "--proxy", f"socks5://127.0.0.1:{proxy.port}"
        )
        assert code == 0, err
        assert (tmp_path / "hello.txt").read_bytes() == b"hello"
        # and the engine: the listing through the proxy, passive (each data connection a CONNECT)
        options = SessionOptions(mode="passive", timeout=10, proxy=parse_proxy(f"socks5://127.0.0.1:{proxy.port}"))
        with FtpSession(options, lambda e: None) as s:
            s.open("127.0.0.1", srv.port, USER, PASSWORD)
            assert [e.name for e in s.listdir()] == ["hello.txt"]
    finally:
        proxy.close()
