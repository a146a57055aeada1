"""The test server itself (``tests/ftpserver.py``) outlives what pyftpdlib's own handlers trip over.

A throttled server's data connection whose client went away before the server got to it: pyftpdlib's
``DTPHandler.__init__`` closes it at once, before ``ThrottledDTPHandler.__init__`` has set ``_throttler``, so its
``close`` raised ``AttributeError`` and left the half-made channel in the loop; the next turn's ``readable`` closed
it again, raised again, and the server's thread died. Throttled or not, the harness's own ``DTP`` then asked the
closed socket for its addresses, and raised too. CI saw it once (2026-12-08, a queue opening a transfer
connection as it ran out of files): the test's server stopped mid-test, and its sockets, never closed, failed the
next test on that worker (design note 487)."""

from __future__ import annotations

import ftplib
import socket
import threading

import pytest

from tests.ftpserver import PASSWORD, USER


def _on_server_thread(srv, call):
    """Run ``call`` on the server's own thread and wait for it: what it returned, or what it raised."""
    done = threading.Event()
    out: dict = {}

    def run() -> None:
        try:
            out["value"] = call()
        except BaseException as exc:  # (reported to the test, not to the server's loop)
            out["error"] = exc
        finally:
            done.set()

    srv._calls.put(run)
    assert done.wait(10), "the server's thread never ran the call"
    return out


@pytest.mark.parametrize("throttle", [None, 256 * 1024], ids=["plain", "throttled"])
def test_a_data_connection_whose_client_left_first_does_not_stop_the_server(make_server, throttle):
    srv = make_server("127.0.0.1", throttle=throttle)
    with open(srv.path("a.txt"), "wb") as f:
        f.write(b"hello\n")
    with ftplib.FTP() as ftp:
        ftp.connect("127.0.0.1", srv.port, timeout=10)
        ftp.login(USER, PASSWORD)

        def accept_a_gone_client():
            handler = next(h for h in srv.server.ioloop.socket_map.values() if isinstance(h, srv.handler))
            gone = socket.socket()  # (never connected: what accept hands over when the client has already gone)
            srv.handler.dtp_handler(gone, handler)
            return gone

        out = _on_server_thread(srv, accept_a_gone_client)
        assert "error" not in out, f"the handler raised: {out.get('error')!r}"
        assert out["value"].fileno() == -1, "the gone client's socket was left open"
        # a few turns of the server's loop later, it still serves: a listing and a download
        for _ in range(3):
            _on_server_thread(srv, lambda: None)
        assert srv.is_alive()
        assert ftp.nlst() == ["a.txt"]
        got: list[bytes] = []
        ftp.retrbinary("RETR a.txt", got.append)
        assert b"".join(got) == b"hello\n"
