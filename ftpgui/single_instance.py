"""One ftpgui per config folder (design note 435).

Two copies of the app on one config folder each kept their own queue, layout and preferences in memory and
wrote them over the other's at quit: the downloads one copy left queued were gone once the other quit. The
first start now holds a lock on ``ftpgui.lock`` in the config folder (an OS lock: a crashed copy's ends with
it) and listens on a local socket named after the folder; a later start finds the lock held, asks the first
through that socket to show its window and open the ``ftp://`` addresses it was given, and ends. If nobody
answers (the socket of a copy that crashed, or is not listening yet a while after), the later start removes
the stale name and starts as before.
"""

from __future__ import annotations

import json
import os
import sys
import time
from typing import Any, Callable, List, Optional, Union

from . import paths

LOCK_NAME = "ftpgui.lock"
CONNECT_MS = 500  # one attempt to reach the first copy
FIND_FOR_S = 3.0  # how long a later start tries while the lock is held (the first may be starting up)
ANSWER_MS = 5000  # the first copy's answer (it answers from its event loop: at once unless it is stuck)
MOST_BYTES = 64 * 1024  # a request longer than this is not one of ours: dropped
URL_SCHEMES = ("ftp://", "ftpes://", "ftps://")


def translate(context: str, text: str) -> str:
    """``QCoreApplication.translate``: the lines below are said in the app's language (``app.main`` installs it
    before ``claim``: note 459); lupdate reads the literal ``translate("SingleInstance", "…")`` calls."""
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate(context, text)


def say(line: str) -> None:
    """A line on stderr (for a terminal; a windowed start on Windows has none)."""
    if sys.stderr is not None:
        print(line, file=sys.stderr)


def server_name() -> str:
    """The local socket's name for this config folder (``FTPGUI_CONFIG_DIR`` honoured) and this user."""
    folder = os.path.realpath(paths.config_dir())
    digest = 0xCBF29CE484222325  # FNV-1a, 64 bits (hashlib: not loaded before the first window)
    for byte in folder.encode("utf-8", "surrogateescape"):
        digest = ((digest ^ byte) * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    user = os.getuid() if hasattr(os, "getuid") else os.environ.get("USERNAME", "")
    return f"ftpgui-{user}-{digest:016x}"


def addresses(args: List[str]) -> List[str]:
    """The arguments the app opens: ``ftp://``, ``ftpes://`` and ``ftps://`` addresses (others are ignored,
    as they always were)."""
    return [a for a in args if a.lower().startswith(URL_SCHEMES)]


class Instance:
    """The first start's hold: the lock (kept open as long as the app) and the server later starts talk to,
    listening once the event loop runs (``serve``): a later start meanwhile tries again for ``FIND_FOR_S``."""

    def __init__(self, lock_fd: Optional[int], name: str):
        self.lock_fd = lock_fd
        self.name = name
        self.server: Any = None
        self.handler: Optional[Callable[[List[str]], None]] = None

    def listen(self) -> bool:
        """Listen on the folder's name (a stale one left by a crashed copy removed first)."""
        from PySide6.QtNetwork import QLocalServer

        QLocalServer.removeServer(self.name)
        server = QLocalServer()
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)  # (this user only)
        if not server.listen(self.name):
            say(
                translate("SingleInstance", "ftpgui: cannot listen for other starts: {reason}").format(
                    reason=server.errorString()
                )
            )
            return False
        server.newConnection.connect(self._accept)
        self.server = server
        return True

    def serve(self, handler: Callable[[List[str]], None]) -> None:
        """Later starts' requests go to ``handler``; the listening (QtNetwork's import, the socket) begins once the
        event loop runs, off the start-up path to the first window."""
        from PySide6.QtCore import QTimer

        self.handler = handler
        QTimer.singleShot(0, self.listen)

    def close(self) -> None:
        """The window has closed (its queue and layout saved): later starts start on their own."""
        if self.server is not None:
            self.server.close()
            self.server = None
        if self.lock_fd is not None:
            os.close(self.lock_fd)  # (the lock goes with it)
            self.lock_fd = None

    def _accept(self) -> None:
        while self.server.hasPendingConnections():
            socket = self.server.nextPendingConnection()
            buffer = bytearray()
            socket.readyRead.connect(lambda s=socket, b=buffer: self._read(s, b))
            socket.disconnected.connect(socket.deleteLater)

    def _read(self, socket: Any, buffer: bytearray) -> None:
        buffer += bytes(socket.readAll().data())
        if b"\n" not in buffer:
            if len(buffer) > MOST_BYTES:
                socket.abort()
            return
        line = bytes(buffer).split(b"\n", 1)[0]
        buffer.clear()
        try:
            request = json.loads(line.decode("utf-8"))
            args = [str(a) for a in request.get("args", [])]
        except (ValueError, AttributeError, TypeError):
            socket.abort()
            return
        socket.write(b"ok\n")
        socket.flush()
        socket.disconnectFromServer()
        if self.handler is not None:
            self.handler(args)


def show_and_open(window: Any, args: List[str]) -> None:
    """Another start's request: the window shown and raised, the addresses it was given opened in it."""
    if window.isMinimized():
        window.showNormal()
    window.show()
    window.raise_()
    window.activateWindow()
    found = addresses(args)
    for url in found:
        window.open_address(url)
    # a sentence for one and one for any other count ("1 address(es)" was no English; the engine's ``counted``):
    # lupdate reads both literal calls
    if len(found) == 1:
        line = translate("SingleInstance", "ftpgui: another start showed this window (1 address opened).")
    else:
        line = translate("SingleInstance", "ftpgui: another start showed this window ({n} addresses opened).")
    say(line.format(n=len(found)))


def _lock() -> Union[int, bool, None]:
    """The config folder's lock: its descriptor (held), False (another process holds it), None (no lock can be
    made here — a read-only folder, a file system without locks: the app starts as before)."""
    try:
        paths.make_private_dir(paths.config_dir())
        fd = os.open(paths.config_path(LOCK_NAME), os.O_RDWR | os.O_CREAT, 0o600)
    except OSError:
        return None
    try:
        if os.name == "nt":
            import msvcrt

            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        else:
            import fcntl

            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except (BlockingIOError, PermissionError):
        os.close(fd)
        return False
    except OSError:
        os.close(fd)
        return None
    return fd


def pass_on(name: str, args: List[str]) -> Optional[bool]:
    """Ask the copy listening on ``name`` to show its window and open ``args``: True (it answered), False (it
    took the request but did not answer), None (nobody listens)."""
    from PySide6.QtNetwork import QLocalSocket

    socket = QLocalSocket()
    socket.connectToServer(name)
    if not socket.waitForConnected(CONNECT_MS):
        return None
    socket.write(json.dumps({"args": args}).encode("utf-8") + b"\n")
    socket.flush()
    answer = b""
    while b"\n" not in answer and socket.waitForReadyRead(ANSWER_MS):
        answer += bytes(socket.readAll().data())
    socket.abort()
    return answer.startswith(b"ok")


def claim(args: List[str]) -> Union[Instance, int]:
    """Call once the QApplication exists, before the window. The :class:`Instance` to keep when this start is
    the first (or the only one that answers), else the exit code: 0 once the first copy took ``args``."""
    name = server_name()
    fd = _lock()
    if fd is False:
        deadline = time.monotonic() + FIND_FOR_S
        while True:
            answered = pass_on(name, args)
            if answered:
                say(
                    translate(
                        "SingleInstance", "ftpgui is already running with this config folder: its window is shown."
                    )
                )
                return 0
            if answered is False:
                say(
                    translate(
                        "SingleInstance", "ftpgui is already running with this config folder, but did not answer."
                    )
                )
                return 1
            if time.monotonic() >= deadline:
                break
            time.sleep(0.1)
        fd = None  # held by a process that does not listen (not an ftpgui any more): start anyway
    elif fd is None and pass_on(name, args):  # (no lock here: a copy that listens is still asked)
        say(translate("SingleInstance", "ftpgui is already running with this config folder: its window is shown."))
        return 0
    return Instance(fd, name)
