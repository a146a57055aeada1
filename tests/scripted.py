"""A scripted FTP server for misbehaviour tests: each test writes the conversation as a plain function.

The script runs in a thread with blocking sockets on 127.0.0.1 and talks through ``Conversation``:
``reply()`` sends raw lines, ``command()`` reads the client's next command, ``passive()`` opens a data
listener, ``dial()`` connects back to an active-mode client.
"""

from __future__ import annotations

import socket
import threading
from typing import Callable, List, Tuple


class Conversation:
    """The server's side of one control connection."""

    def __init__(self, sock: socket.socket) -> None:
        self.sock = sock
        self.sock.settimeout(20)
        self._buf = b""
        self.commands: List[str] = []

    def reply(self, *lines: str | bytes) -> None:
        data = b"".join((x if isinstance(x, bytes) else x.encode("utf-8")) + b"\r\n" for x in lines)
        self.sock.sendall(data)

    def send_raw(self, data: bytes) -> None:
        self.sock.sendall(data)

    def command(self) -> str:
        while b"\n" not in self._buf:
            chunk = self.sock.recv(4096)
            if not chunk:
                raise EOFError("client closed the control connection")
            self._buf += chunk
        line, self._buf = self._buf.split(b"\n", 1)
        text = line.rstrip(b"\r").decode("utf-8", "replace")
        self.commands.append(text)
        return text

    def expect(self, verb: str) -> str:
        cmd = self.command()
        assert cmd.split(" ", 1)[0].upper() == verb, f"expected {verb}, got {cmd!r}"
        return cmd

    def login(self, features: Tuple[str, ...] = ("EPSV", "SIZE")) -> None:
        """Greeting, USER/PASS, FEAT, TYPE I — the usual opening."""
        self.reply("220 scripted server")
        self.expect("USER")
        self.reply("331 password please")
        self.expect("PASS")
        self.reply("230 in")
        self.expect("FEAT")
        self.reply("211-Features:", *(f" {f}" for f in features), "211 End")
        self.expect("TYPE")
        self.reply("200 binary")

    def passive(self) -> socket.socket:
        """A listening data socket; answer EPSV with its port via ``epsv_reply``."""
        lst = socket.socket()
        lst.bind(("127.0.0.1", 0))
        lst.listen(1)
        lst.settimeout(20)
        return lst

    def dial(self, port_argument: str) -> socket.socket:
        """Connect to the client's active-mode listener named by an EPRT argument."""
        parts = port_argument.split(port_argument[0])
        return socket.create_connection((parts[2], int(parts[3])), timeout=20)


class ScriptedServer:
    """Accepts control connections on 127.0.0.1 and runs ``script(conversation)`` for each."""

    def __init__(self, script: Callable[[Conversation], None], connections: int = 1) -> None:
        self.script = script
        self.listener = socket.socket()
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(4)
        self.listener.settimeout(30)
        self.port = self.listener.getsockname()[1]
        self.errors: List[BaseException] = []
        self.conversations: List[Conversation] = []
        self._thread = threading.Thread(target=self._run, args=(connections,), daemon=True)
        self._thread.start()

    def _run(self, connections: int) -> None:
        for _ in range(connections):
            try:
                sock, _ = self.listener.accept()
            except OSError:
                return
            conv = Conversation(sock)
            self.conversations.append(conv)
            try:
                self.script(conv)
            except (TimeoutError, EOFError, ConnectionError):
                pass  # the client went away: that is what many scripts test
            except BaseException as exc:  # an assertion inside the script
                self.errors.append(exc)
            finally:
                sock.close()

    def close(self) -> None:
        self.listener.close()
        self._thread.join(30)
        if self.errors:
            raise self.errors[0]

    def __enter__(self) -> ScriptedServer:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def epsv_reply(listener: socket.socket) -> str:
    return f"229 Entering Extended Passive Mode (|||{listener.getsockname()[1]}|)"


def serve_data(listener: socket.socket, data: bytes) -> None:
    conn, _ = listener.accept()
    conn.sendall(data)
    conn.close()
    listener.close()
