"""A real daemon with its MLSD turned off, for a daemon that has no switch for it (pure-ftpd, whose builds with
``--with-minimal`` offer none): a relay of the control connection that leaves MLST and MLSD out of FEAT's answer
and refuses both (502), as such a server does. Everything else goes through as it is; data connections go
straight to the daemon (its PASV/EPSV answers name its own address), so LIST is the daemon's own."""

from __future__ import annotations

import re
import socket
import threading
from typing import List

from proxies import close_all, pump

HIDDEN = re.compile(rb"^ (MLST|MLSD)\b[^\r\n]*\r?\n", re.IGNORECASE | re.MULTILINE)  # FEAT's lines of them
REFUSED = re.compile(rb"^(MLST|MLSD)\b", re.IGNORECASE)


class ListOnly:
    """Listens on 127.0.0.1 (``port``) and relays each connection to ``target`` (the daemon's port), without
    MLST and MLSD. ``close`` ends it and the connections it relays."""

    def __init__(self, target: int) -> None:
        self.target = target
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self._taken: List[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return  # closed
            server = socket.create_connection(("127.0.0.1", self.target), timeout=10)
            server.settimeout(None)
            self._taken += [client, server]
            threading.Thread(target=self._answers, args=(server, client), daemon=True).start()
            threading.Thread(target=self._commands, args=(client, server), daemon=True).start()

    def _commands(self, client: socket.socket, server: socket.socket) -> None:
        """The client's lines to the daemon, but MLST and MLSD answered here: 502."""
        reader = client.makefile("rb")
        try:
            for line in reader:
                if REFUSED.match(line):
                    client.sendall(b"502 Command not implemented.\r\n")
                else:
                    server.sendall(line)
        except OSError:
            pass
        try:
            server.shutdown(socket.SHUT_WR)
        except OSError:
            pass

    def _answers(self, server: socket.socket, client: socket.socket) -> None:
        """The daemon's lines to the client, FEAT's MLST and MLSD lines left out."""
        reader = server.makefile("rb")
        try:
            for line in reader:
                if not HIDDEN.match(line):
                    client.sendall(line)
        except OSError:
            pass
        pump(server, client)  # (ended: the client is told)

    def close(self) -> None:
        close_all(self.listener, self._taken)
