"""ftpgui-cli's start-up: what every run pays before its first file (issue 22; not collected by pytest).

    PYTHONPATH=. python tests/benchmarks/bench_cli_startup.py [--rounds 20] [--compare /path/to/other/checkout]

Timed as whole processes, alternated round by round (the order reversed every other round; one round first,
not counted): ``python -S -c pass`` and ``python -c pass`` (the floor under any Python program here),
``ftpgui-cli --version`` (Python and the CLI's imports) and ``ftpgui-cli ls`` of an empty folder (the imports,
the connection, the login and one listing: all a ``get -r`` does before its first file), against a pyftpdlib
server on loopback run in a process of its own; ``lftp -c 'open … && ls'`` of the same folder when lftp is installed.
``--compare PATH`` adds the two ftpgui-cli runs of another checkout (e.g. ``git worktree add /tmp/base main``)
to the alternation, so before and after are measured in the same conditions. The bytecode of each checkout is
compiled first, into a folder of this run (as ``bench_transfer.compiled_env`` does, for either checkout).
Printed: the date, the cores, the load average, and per command the median wall and CPU time (user + system,
the child's own ``wait4`` accounting) with their spread; with ``--compare``, each ftpgui-cli run's difference
taken within each round.
``bench_tree.py`` prints one CPU figure of ``ftpgui-cli --help`` among its limits; this is the comparison of
the start-up alone.
"""

from __future__ import annotations

import argparse
import atexit
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Dict, List, Optional, Tuple

REPO = Path(__file__).resolve().parents[2]

SERVER = """
import sys
from pyftpdlib.authorizers import DummyAuthorizer
from pyftpdlib.handlers import FTPHandler
from pyftpdlib.servers import FTPServer
auth = DummyAuthorizer()
auth.add_anonymous(sys.argv[1])
FTPHandler.authorizer = auth
server = FTPServer(("127.0.0.1", 0), FTPHandler)
print(server.socket.getsockname()[1], flush=True)
server.serve_forever()
"""


def compiled_env(checkout: Path) -> Dict[str, str]:
    """The checkout first on the path, its bytecode compiled (as an installed program's is) into a folder of
    this run."""
    folder = tempfile.mkdtemp(prefix="ftpgui-bench-pyc-")
    atexit.register(shutil.rmtree, folder, True)
    env = dict(os.environ, PYTHONPATH=str(checkout), PYTHONPYCACHEPREFIX=folder)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(checkout / "ftpgui")], env=env, check=True)
    return env


def timed(argv: List[str], env: Dict[str, str]) -> Tuple[float, float]:
    """(wall seconds, CPU seconds) of one run of ``argv``, which must succeed."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read() if proc.stderr else b""
    if proc.stderr:
        proc.stderr.close()
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed ({proc.returncode}): {err.decode(errors='replace')}")
    return wall, usage.ru_utime + usage.ru_stime


def sides(url: str, compare: List[Path]) -> List[Tuple[str, List[str], Dict[str, str]]]:
    py = sys.executable
    bare = dict(os.environ)
    result = [("python -S -c pass", [py, "-S", "-c", "pass"], bare), ("python -c pass", [py, "-c", "pass"], bare)]
    for label, checkout in [("", REPO), *((f" ({path})", path) for path in compare)]:
        env = compiled_env(checkout)
        cli = [py, "-m", "ftpgui.cli"]
        result.append((f"ftpgui-cli --version{label}", [*cli, "--version"], env))
        result.append((f"ftpgui-cli ls (empty folder){label}", [*cli, "ls", url], env))
    if shutil.which("lftp"):
        result.append(("lftp -c 'ls' (empty folder)", ["lftp", "-c", f"open {url} && ls"], bare))
    return result


def main(argv: Optional[List[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=20)
    ap.add_argument("--compare", type=Path, action="append", default=[], help="another checkout of ftpgui")
    args = ap.parse_args(argv)
    empty = Path(tempfile.mkdtemp(prefix="ftpgui-bench-empty-"))
    server = subprocess.Popen(
        [sys.executable, "-c", SERVER, str(empty)], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
    )
    try:
        url = f"ftp://127.0.0.1:{server.stdout.readline().strip()}/"
        runs = sides(url, args.compare)
        walls: Dict[str, List[float]] = {label: [] for label, _, _ in runs}
        cpus: Dict[str, List[float]] = {label: [] for label, _, _ in runs}
        loads = [os.getloadavg()[0]]
        for round_ in range(args.rounds + 1):
            for label, command, env in runs if round_ % 2 else reversed(runs):
                wall, cpu = timed(command, env)
                if round_:  # (the first round warms the caches: not counted)
                    walls[label].append(wall)
                    cpus[label].append(cpu)
        loads.append(os.getloadavg()[0])
    finally:
        server.terminate()
        server.wait()
        shutil.rmtree(empty, ignore_errors=True)
    print(
        f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, {os.cpu_count()} cores, load average "
        f"{min(loads):.1f}–{max(loads):.1f}; {args.rounds} alternated rounds, medians (spread min–max)\n"
    )
    print("| command | wall ms | CPU ms |\n|---|---|---|")
    for label in walls:
        w, c = walls[label], cpus[label]
        print(
            f"| {label} | {statistics.median(w) * 1e3:.1f} ({min(w) * 1e3:.1f}–{max(w) * 1e3:.1f}) "
            f"| {statistics.median(c) * 1e3:.1f} ({min(c) * 1e3:.1f}–{max(c) * 1e3:.1f}) |"
        )
    for path in args.compare:  # the difference taken within each round: what the rounds' noise leaves
        for command in ("--version", "ls (empty folder)"):
            mine, other = f"ftpgui-cli {command}", f"ftpgui-cli {command} ({path})"
            for name, values in (("wall", walls), ("CPU", cpus)):
                paired = [a - b for a, b in zip(values[mine], values[other], strict=True)]
                print(
                    f"- {mine}, this checkout − {path}, {name} paired by round: "
                    f"{statistics.median(paired) * 1e3:+.1f} ms ({min(paired) * 1e3:+.1f} to {max(paired) * 1e3:+.1f})"
                )
    return 0


if __name__ == "__main__":
    sys.exit(main())
