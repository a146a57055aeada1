"""ftpgui-cli with its tree connections as threads (run by ``bench_tree.py``, not collected by pytest).

    python tests/benchmarks/tree_threads.py get -r URL DEST --parallel N

The command line of ``ftpgui-cli``, with the forked transfer processes (``ftpgui/ftp/procpool.py``) turned
off: every connection a thread of one process, sharing one GIL, as on macOS and Windows. The difference
from ``ftpgui-cli`` itself is what the threads' GIL hand-overs cost.
"""

from __future__ import annotations

import sys

import ftpgui.ftp.mirror as mirror
from ftpgui.cli import main

if __name__ == "__main__":
    mirror.usable = lambda parallel: False
    sys.exit(main(sys.argv[1:]))
