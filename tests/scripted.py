"""A scripted FTP server for misbehaviour tests: each test writes the conversation as a plain function.

The script runs in a thread with blocking sockets on 127.0.0.1 and talks through ``Conversation``:
``reply()`` sends raw lines, ``command()`` reads the client's next command, ``passive()`` opens a data
listener, ``dial()`` connects back to an active-mode client, ``start_tls()`` turns the control connection
into TLS (``accept_tls()`` does it for a data connection). With ``concurrent=True`` each control
connection gets its own thread (for clients that open several at once).
"""

from __future__ import annotations

import socket
import ssl
import threading
from typing import Callable, Dict, List, Sequence, Tuple


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
        self._credentials()
        self._features(features)

    def _credentials(self) -> None:
        self.expect("USER")
        self.reply("331 password please")
        self.expect("PASS")
        self.reply("230 in")

    def _features(self, features: Tuple[str, ...]) -> None:
        self.expect("FEAT")
        self.reply("211-Features:", *(f" {f}" for f in features), "211 End")
        self.expect("TYPE")
        self.reply("200 binary")

    def start_tls(self, context: ssl.SSLContext) -> None:
        """Server side of the TLS handshake on the control connection."""
        assert not self._buf, "the client pipelined commands before the handshake"
        self.sock = context.wrap_socket(self.sock, server_side=True)

    def tls_login(
        self,
        context: ssl.SSLContext,
        features: Tuple[str, ...] = ("EPSV", "SIZE"),
        greeting: str = "220 scripted server",
        implicit: bool = False,
    ) -> None:
        """Greeting, AUTH TLS (or, ``implicit``, TLS before the greeting), USER/PASS, PBSZ/PROT, FEAT, TYPE I."""
        if implicit:
            self.start_tls(context)
        self.reply(greeting)
        if not implicit:
            self.expect("AUTH")
            self.reply("234 AUTH TLS ok")
            self.start_tls(context)
        self._credentials()
        self.expect("PBSZ")
        self.reply("200 PBSZ=0")
        self.expect("PROT")
        self.reply("200 Protection level set to P")
        self._features(features)

    def passive(self) -> socket.socket:
        """A listening data socket; answer EPSV with its port via ``epsv_reply``."""
        lst = socket.socket()
        lst.bind(("127.0.0.1", 0))
        lst.listen(1)
        lst.settimeout(20)
        return lst

    def dial(self, port_argument: str, source: str | None = None) -> socket.socket:
        """Connect to the client's active-mode listener named by an EPRT (or a PORT) argument (from the address
        ``source``: 127.0.0.2 plays another computer, or a server whose data leaves from another address)."""
        if port_argument[:1].isdigit():  # PORT h1,h2,h3,h4,p1,p2
            numbers = port_argument.split(",")
            host, port = ".".join(numbers[:4]), int(numbers[4]) * 256 + int(numbers[5])
        else:
            parts = port_argument.split(port_argument[0])
            host, port = parts[2], int(parts[3])
        return socket.create_connection((host, port), timeout=20, source_address=(source, 0) if source else None)


class ScriptedServer:
    """Accepts control connections on 127.0.0.1 and runs ``script(conversation)`` for each."""

    def __init__(self, script: Callable[[Conversation], None], connections: int = 1, concurrent: bool = False) -> None:
        self.script = script
        self.listener = socket.socket()
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(4)
        self.listener.settimeout(30)
        self.port = self.listener.getsockname()[1]
        self.errors: List[BaseException] = []
        self.conversations: List[Conversation] = []
        self._concurrent = concurrent
        self._threads: List[threading.Thread] = []
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
            if self._concurrent:
                t = threading.Thread(target=self._converse, args=(conv,), daemon=True)
                self._threads.append(t)
                t.start()
            else:
                self._converse(conv)

    def _converse(self, conv: Conversation) -> None:
        try:
            self.script(conv)
        except (TimeoutError, EOFError, ConnectionError, ssl.SSLError):
            pass  # the client went away (or refused our TLS): that is what many scripts test
        except BaseException as exc:  # an assertion inside the script
            self.errors.append(exc)
        finally:
            conv.sock.close()

    def close(self) -> None:
        try:
            self.listener.shutdown(socket.SHUT_RDWR)  # wakes a pending accept (Linux); close alone does not
        except OSError:
            pass
        self.listener.close()
        self._thread.join(30)
        for t in list(self._threads):
            t.join(30)
        if self.errors:
            raise self.errors[0]

    def __enter__(self) -> ScriptedServer:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def epsv_reply(listener: socket.socket) -> str:
    return f"229 Entering Extended Passive Mode (|||{listener.getsockname()[1]}|)"


def pasv_reply(listener: socket.socket, host: str = "127,0,0,1") -> str:
    """A 227 naming ``host`` (comma-separated, as PASV writes it) and the listener's port."""
    port = listener.getsockname()[1]
    return f"227 Entering Passive Mode ({host},{port >> 8},{port & 255})"


def serve_data(listener: socket.socket, data: bytes) -> None:
    conn, _ = listener.accept()
    conn.sendall(data)
    conn.close()
    listener.close()


def server_context(pem: str) -> ssl.SSLContext:
    """A server-side TLS context with the key and certificate chain in ``pem``."""
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(pem)
    return ctx


def accept_tls(listener: socket.socket, context: ssl.SSLContext) -> ssl.SSLSocket:
    """Accept a data connection and do the server side of its TLS handshake."""
    conn, _ = listener.accept()
    listener.close()
    try:
        return context.wrap_socket(conn, server_side=True)
    except BaseException:
        conn.close()
        raise


class FakeTree:
    """A script that serves a made-up tree, command by command, for clients that walk it (``get -r``).

    ``listing(path)`` gives the bytes of LIST (or MLSD, when ``features`` offer MLST) for a folder,
    ``content(path)`` a file's bytes for RETR, ``size(path)`` what SIZE answers (502 when ``features`` lack
    SIZE), ``mdtm(path)`` MDTM's time (``YYYYMMDDhhmmss``); each may return None for 550 and may block (a
    server that is slow to answer). STOR's bytes are kept in ``stored``. ``after_data(verb, path)`` gives the
    replies sent once a transfer's data connection is closed (``226 done``); ``rest=False`` makes a server
    that answers REST with 350 and then sends from the first byte all the same. ``answer(line)`` may give
    replies that take the place of the tree's own for a command (a data listener it leaves unused is closed:
    a connection waiting in it is reset). ``store(conn, conv)`` reads a STOR's data connection (all of it, by
    default; a server that reads slowly, or stops) and gives the bytes kept; ``receive_buffer`` fixes the data
    connections' receive buffer (the kernel grows it otherwise); ``greeting``: its lines, sent at once (two
    replies: a server that greets twice). Everything else gets a
    plausible reply. With ``concurrent=True`` on the ``ScriptedServer`` several connections (a lister and
    transfer connections) share one tree. Active mode (EPRT, PORT) connects back from ``dial_from``.
    """

    def __init__(
        self,
        listing: Callable[[str], bytes | None] = lambda path: None,
        content: Callable[[str], bytes | None] = lambda path: None,
        size: Callable[[str], int | None] | None = None,
        features: Tuple[str, ...] = ("EPSV", "SIZE"),
        on_command: Callable[[str], None] = lambda line: None,
        dial_from: str = "127.0.0.1",
        after_data: Callable[[str, str], Sequence[str]] = lambda verb, path: ("226 done",),
        mdtm: Callable[[str], str | None] = lambda path: None,
        rest: bool = True,
        answer: Callable[[str], Sequence[str] | None] = lambda line: None,
        store: Callable[[socket.socket, Conversation], bytes] | None = None,
        receive_buffer: int | None = None,
        greeting: Sequence[str] = ("220 fake tree",),
    ) -> None:
        self.dial_from = dial_from
        self.greeting = greeting
        self.on_command = on_command  # called with each command before it is answered
        self.listing = listing
        self.content = content
        self.size = size or (lambda path: None if content(path) is None else len(content(path)))
        self.features = features
        self.after_data = after_data
        self.mdtm = mdtm
        self.honours_rest = rest
        self.answer = answer
        self.stored: Dict[str, bytes] = {}
        self.store = store or (lambda conn, conv: _read_all(conn))
        self.receive_buffer = receive_buffer
        self.lock = threading.Lock()
        self.seen: List[str] = []  # every command of every connection, in order

    def __call__(self, conv: Conversation) -> None:
        opened: List[socket.socket] = []  # data listeners: closed at the end, used or not
        try:
            self._serve(conv, opened)
        finally:
            for listener in opened:
                listener.close()

    def _serve(self, conv: Conversation, opened: List[socket.socket]) -> None:
        conv.sock.setsockopt(socket.SOL_SOCKET, socket.SO_OOBINLINE, 1)  # ABOR comes as urgent data
        conv.reply(*self.greeting)
        listener = None
        active = None  # the argument of the last EPRT or PORT
        rest = 0
        while True:
            line = conv.command()
            verb, _, arg = line.lstrip("\ufffd\x00\xff\xf2\xf4").partition(" ")
            verb = verb.upper()
            with self.lock:
                self.seen.append(line)
            self.on_command(line)
            instead = self.answer(line)
            if instead is not None:
                if verb in ("LIST", "MLSD", "NLST", "RETR", "STOR"):
                    if listener is not None:
                        listener.close()
                    listener = active = None
                conv.reply(*instead)
            elif verb == "USER":
                conv.reply("331 password please")
            elif verb == "PASS":
                conv.reply("230 in")
            elif verb == "FEAT":
                conv.reply("211-Features:", *(f" {f}" for f in self.features), "211 End")
            elif verb == "EPSV":
                listener = conv.passive()
                if self.receive_buffer:
                    listener.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, self.receive_buffer)
                opened.append(listener)
                conv.reply(epsv_reply(listener))
            elif verb in ("EPRT", "PORT"):
                active = arg
                conv.reply(f"200 {verb} ok")
            elif verb == "SIZE":
                n = self.size(arg) if "SIZE" in self.features else -1
                conv.reply("502 SIZE not implemented" if n == -1 else "550 no such file" if n is None else f"213 {n}")
            elif verb in ("LIST", "MLSD", "NLST", "RETR", "STOR"):
                data = self.content(arg) if verb == "RETR" else b"" if verb == "STOR" else self.listing(arg or "/")
                if data is not None and verb == "RETR":
                    data, rest = data[rest if self.honours_rest else 0 :], 0
                if data is None or (listener is None and active is None):
                    conv.reply("550 no such file or folder")
                    continue
                try:
                    conn = conv.dial(active, self.dial_from) if active else None  # (connected before the 150)
                    conv.reply("150 here it comes")
                    if conn is None:
                        conn, _ = listener.accept()  # type: ignore[union-attr]
                    with conn:
                        if verb == "STOR":
                            self.stored[arg] = self.store(conn, conv)
                        else:
                            conn.sendall(data)
                except OSError:
                    conv.reply("426 the client went away")
                    continue
                finally:
                    if listener is not None:
                        listener.close()
                    listener = active = None
                conv.reply(*self.after_data(verb, arg))
            elif verb == "PWD":
                conv.reply('257 "/"')
            elif verb == "MKD":
                conv.reply(f'257 "{arg}" created')
            elif verb == "QUIT":
                conv.reply("221 bye")
                return
            elif verb == "ABOR":
                conv.reply("226 aborted")
            elif verb == "REST":
                rest = int(arg)
                conv.reply(f"350 restarting at {rest}")
            elif verb == "MDTM":
                when = self.mdtm(arg)
                conv.reply("550 no time" if when is None else f"213 {when}")
            elif verb in ("TYPE", "NOOP", "OPTS", "CWD"):
                conv.reply("200 ok")
            else:
                conv.reply("502 not here")


def _read_all(conn: socket.socket) -> bytes:
    chunks = []
    while chunk := conn.recv(65536):
        chunks.append(chunk)
    return b"".join(chunks)


def unix_listing(*entries: Tuple[str, str, int]) -> bytes:
    """LIST lines for (name, "file" or "dir", size)."""
    return b"".join(
        f"{'d' if kind == 'dir' else '-'}rw-r--r-- 1 u g {size} Jan 01 2024 {name}\r\n".encode()
        for name, kind, size in entries
    )


def silent_at_quit(c) -> None:
    """Lists one file, refuses TLS and active mode, and never answers QUIT: holds the connection open until the
    client hangs up."""
    c.reply("220 says nothing at the end")
    listener = None
    while (verb := c.command().split(" ", 1)[0].upper()) != "QUIT":
        if verb == "EPSV":
            listener = c.passive()
            c.reply(epsv_reply(listener))
        elif verb == "LIST" and listener is not None:
            c.reply("150 here")
            serve_data(listener, unix_listing(("f.txt", "file", 4)))
            listener = None
            c.reply("226 done")
        else:
            answers = {
                "USER": "331 password please",
                "PASS": "230 in",
                "TYPE": "200 binary",
                "PWD": '257 "/"',
                "CWD": "250 here",
            }
            c.reply(answers.get(verb, "500 not here"))
    c.sock.settimeout(600)  # (the client's timeout decides)
    c.command()  # no answer: the client's hang-up ends it (EOFError)
