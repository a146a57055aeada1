"""Benchmark: a folder through the queue from a server whose every reply takes a while (design note 91).

    python tests/benchmarks/bench_queue_latency.py [--delay-ms 40] [--pairs 5] [--folders 4] [--files 8]

On loopback a login costs a millisecond, so ``bench_queue.py`` cannot show what opening a folder's other
connections while it is listed saves: on a distant server each login is several round trips. This machine's
kernel has no ``netem`` to delay packets, so the server delays instead: a pyftpdlib server in a process of its
own (the tests' ``FtpServerThread``, anonymous login) sends every reply — the greeting too — ``--delay-ms``
after it would have, as a server that far away would seem to. The queue runs as in ``bench_queue.py``
(``--queue-side``: a process with the queue view shown, 4 connections, the folder queued as one item), once
as it is and once with ``ServerConnections._open_ahead`` made a no-op in that process (the queue before note
91: each other connection opens when an item needs it), alternated. Printed: the date, the cores, the delay,
each side's time from the download call to idle (median and range), the difference, how many replies'
worth of waiting it is, and the README's table line. Not collected by pytest.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import SimpleNamespace

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path[:0] = [str(HERE), str(HERE.parent), str(ROOT)]

SERVER = """
import logging, sys
logging.basicConfig(level=logging.WARNING)  # (pyftpdlib logs every session at INFO otherwise)
sys.path[:0] = [{tests!r}, {root!r}]
from ftpserver import FtpServerThread
delay = {delay!r}
srv = FtpServerThread("127.0.0.1", {files!r})

class Far(srv.handler):
    def respond(self, resp, *args, **kwargs):
        if getattr(self, "_closed", False):
            return
        self.ioloop.call_later(delay, lambda: None if getattr(self, "_closed", False) else
                               super(Far, self).respond(resp, *args, **kwargs))

    def close_when_done(self):  # (after the delayed reply it follows: a QUIT's 221 still arrives)
        self.ioloop.call_later(delay + 0.001, super().close_when_done)

srv.server.handler = Far
print(srv.port, flush=True)
srv.server.serve_forever()
"""


def start_server(files: Path, delay: float) -> tuple:
    code = SERVER.format(tests=str(HERE.parent), root=str(ROOT), delay=delay, files=str(files))
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    port = int(proc.stdout.readline())
    return proc, port


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--delay-ms", type=float, default=40.0)
    ap.add_argument("--pairs", type=int, default=5)
    ap.add_argument("--folders", type=int, default=4)
    ap.add_argument("--files", type=int, default=8, help="files of 4 KiB in each folder")
    args = ap.parse_args()
    from bench_queue import RunFailed, fresh, run_queue, spread, twice
    from bench_transfer import compiled_env

    base = Path(tempfile.mkdtemp(prefix="ftpgui-bench-latency-"))
    tree = base / "files" / "tree"
    for f in range(args.folders):
        (tree / f"d{f}").mkdir(parents=True)
        for n in range(args.files):
            (tree / f"d{f}" / f"f{n}.bin").write_bytes(os.urandom(4096))
    items = args.folders * args.files
    proc, port = start_server(base / "files", args.delay_ms / 1000)
    server = SimpleNamespace(host="127.0.0.1", port=port)
    env = compiled_env(QT_QPA_PLATFORM="offscreen")
    sides = {"ahead": env, "one by one": dict(env, BENCH_QUEUE_NO_AHEAD="1")}
    times: dict = {side: [] for side in sides}
    try:
        for round_ in range(args.pairs + 1):  # (the first not counted: it compiles each side's modules)
            order = list(sides) if round_ % 2 == 0 else list(sides)[::-1]
            for side in order:

                def run(side=side) -> tuple:
                    dest = fresh(base / "dest")
                    t, res = run_queue(server, base, sides[side], "/tree", dest, 4, True, items)
                    got = sum(1 for _ in (dest / "tree").rglob("*.bin"))
                    if got != items:
                        raise RunFailed(f"{side}: {got} files, not {items}")
                    return t, res

                _, res = twice(run)
                if round_:
                    times[side].append(res["seconds"])
    finally:
        proc.kill()
        proc.wait()
        shutil.rmtree(base, ignore_errors=True)
    when = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    print(
        f"\n{items} files of 4 KiB in {args.folders} folders through the queue, 4 connections, every reply "
        f"{args.delay_ms:.0f} ms late; {args.pairs} alternated rounds; {when}, {os.cpu_count()} CPU cores"
    )
    for side, values in times.items():
        label = "other connections log in while the folder is listed" if side == "ahead" else "one by one, as needed"
        print(f"{label:<52} download call to idle {spread(values)}")
    ahead, alone = statistics.median(times["ahead"]), statistics.median(times["one by one"])
    print(
        f"saved {alone - ahead:.2f} s of {alone:.2f} s ({100 * (alone - ahead) / alone:.0f} %), "
        f"{(alone - ahead) / (args.delay_ms / 1000):.1f} replies' waiting"
    )
    print("README table line:")
    print(
        f"| {items} files in {args.folders} folders through the queue from a server whose every reply comes "
        f"{args.delay_ms:.0f} ms late, 4 connections (`bench_queue_latency.py`, {when[:10]}) | "
        f"{ahead:.2f} s from the download call to idle ({min(times['ahead']):.2f}–{max(times['ahead']):.2f}) | the "
        f"same queue opening each other connection as an item needs it: {alone:.2f} s "
        f"({min(times['one by one']):.2f}–{max(times['one by one']):.2f}) | |"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
