"""The GIL's share of a tree download (run by ``bench_tree.py``, not collected by pytest).

    python tests/benchmarks/tree_split.py N ftp://host:port/path/tree DEST FOLDERS

The tree's FOLDERS folders (``d00`` … ) are split between N processes forked from this one, each running
``ftpgui-cli get -r`` (one transfer connection) on its folders one after the other. Nothing is shared
between the processes, so no thread waits for another's GIL: the difference from ``get -r --parallel N``
in one process is what the threads' GIL hand-overs cost. (Each folder costs its own two logins here.)
"""

from __future__ import annotations

import io
import os
import sys


def main(argv: list) -> int:
    n, url, dest, folders = int(argv[0]), argv[1].rstrip("/"), argv[2], int(argv[3])
    from ftpgui.cli import main as cli

    children = []
    for k in range(n):
        pid = os.fork()
        if pid == 0:
            status = 0
            for f in range(k, folders, n):
                name = f"d{f:02d}"
                status |= cli(["get", "-r", f"{url}/{name}", os.path.join(dest, name)], err=io.StringIO())
            os._exit(status)
        children.append(pid)
    failed = 0
    for pid in children:
        _, status = os.waitpid(pid, 0)
        failed |= status
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
