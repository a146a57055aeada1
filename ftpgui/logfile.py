"""The message log written to a file too (a preference): one writer thread, a size limit, one rotation.

The lines are the ones the log shows, already masked (``PASS ****``, passwords in addresses); the GUI
thread only puts them on a queue, so a slow disk never stalls it. ``ftpgui.log`` grows to the limit,
then becomes ``ftpgui.log.1`` (replacing the older one) and a new ``ftpgui.log`` starts. Pure Python.
"""

from __future__ import annotations

import os
import queue
import threading
from typing import Iterable, Optional

from . import paths

FILE_NAME = "ftpgui.log"
MIB = 1024 * 1024
_STOP = object()


class LogFile:
    """Appends lines to ``folder``/ftpgui.log (0600, the folder 0700) from its own thread."""

    def __init__(self, folder: str, limit: int = 5 * MIB):
        self.folder = folder
        self.path = os.path.join(folder, FILE_NAME)
        self.limit = max(limit, 1024)
        self.error: Optional[str] = None  # the first write failure, in the OS's words (the log goes on)
        self._queue: queue.Queue = queue.Queue()
        self._thread = threading.Thread(target=self._run, name="ftpgui-logfile", daemon=True)
        self._thread.start()

    def write(self, lines: Iterable[str]) -> None:
        """Queue ``lines`` (without line ends) to be appended; returns at once."""
        self._queue.put(list(lines))

    def flush(self) -> None:
        """Wait until every line queued so far is on disk (tests, and before closing)."""
        done = threading.Event()
        self._queue.put(done)
        done.wait(10)

    def close(self) -> None:
        """Write what is queued and end the thread."""
        self._queue.put(_STOP)
        self._thread.join(10)

    def _run(self) -> None:
        fd: Optional[int] = None
        size = 0
        while True:
            item = self._queue.get()
            if item is _STOP:
                break
            if isinstance(item, threading.Event):
                item.set()
                continue
            data = "".join(line + "\n" for line in item).encode("utf-8", "backslashreplace")
            try:
                if fd is None:
                    fd, size = self._open()
                if size and size + len(data) > self.limit:
                    os.close(fd)
                    fd = None
                    os.replace(self.path, self.path + ".1")
                    fd, size = self._open()
                os.write(fd, data)
                size += len(data)
            except OSError as exc:
                if self.error is None:
                    self.error = f"{self.path}: {exc.strerror or exc}"
                if fd is not None:
                    os.close(fd)
                    fd = None
        if fd is not None:
            os.close(fd)

    def _open(self) -> tuple:
        paths.make_private_dir(self.folder)
        flags = os.O_WRONLY | os.O_CREAT | os.O_APPEND | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
        fd = os.open(self.path, flags, 0o600)
        return fd, os.fstat(fd).st_size
