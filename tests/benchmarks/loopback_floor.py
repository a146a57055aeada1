"""The floor under any FTP download over loopback: SRC sent with ``sendfile`` into a TCP connection on
127.0.0.1 and ``splice``d from it into DEST — what vsftpd and ftpgui-cli do, with no FTP, no Python
start-up beyond this file and nothing else. ``bench_transfer.py`` times it as one more side, so the gap
between ``cp`` (one copy inside the kernel) and an FTP client is measured, not argued.

    python tests/benchmarks/loopback_floor.py SRC DEST      (Linux)
"""

from __future__ import annotations

import fcntl
import os
import socket
import sys
import threading

BLOCK = 1 << 20


def main(src: str, dest: str) -> int:
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    size = os.path.getsize(src)

    def serve() -> None:
        conn, _ = listener.accept()
        with conn, open(src, "rb") as f:
            sent = 0
            while sent < size:
                sent += os.sendfile(conn.fileno(), f.fileno(), sent, size - sent)

    server = threading.Thread(target=serve)
    server.start()
    r, w = os.pipe()
    fcntl.fcntl(w, fcntl.F_SETPIPE_SZ, BLOCK)
    with socket.create_connection(listener.getsockname()) as sock:
        fd = os.open(dest, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        try:
            while True:
                n = os.splice(sock.fileno(), w, BLOCK, flags=os.SPLICE_F_MOVE)
                if n == 0:
                    break
                while n:
                    n -= os.splice(r, fd, n, flags=os.SPLICE_F_MOVE)
        finally:
            os.close(fd)
    server.join()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
