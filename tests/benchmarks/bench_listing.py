"""Parse 100,000 Unix LIST lines and 100,000 MLSD lines; print the median of several runs of each.

Run: ``PYTHONPATH=. python tests/benchmarks/bench_listing.py [ROUNDS]``. The two parsers are timed
alternately (Unix, MLSD, Unix, MLSD, …) so a busy moment on the shared machine hits both alike.
Target (issue 3): under 0.3 s for each 100,000 lines. The "all read" rows also read every entry of the
result (a ``Listing`` makes each entry when it is read).
"""

from __future__ import annotations

import gc
import os
import random
import statistics
import sys
import time
from datetime import datetime, timezone
from typing import Dict, List, Tuple

from ftpgui.ftp.listing import parse_list, parse_mlsd
from ftpgui.ftp.names import NameCodec, parse_encoding

N = 100_000
NOW = datetime(2026, 11, 25, 12, 0, tzinfo=timezone.utc)
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


_RANDOM = random.Random(3)
_TIMES = [
    datetime.fromtimestamp(_RANDOM.randrange(631152000, 1795000000), timezone.utc).timetuple()[:6] for _ in range(N)
]


def _when(i: int):
    """Random times, so that nearly every line has its own (caches do not flatter the numbers)."""
    return _TIMES[i % N]


def unix_listing(n: int) -> bytes:
    """vsftpd/ProFTPD-style lines: files, folders, links, recent (time) and old (year) dates."""
    lines = []
    for i in range(n):
        year, month, day, hour, minute, _ = _when(i)
        date = f"{MONTHS[month - 1]} {day:2d}"
        when = f"{date} {hour:02d}:{minute:02d}" if i % 3 else f"{date}  {year}"
        if i % 10 == 0:
            lines.append(f"drwxr-xr-x    2 1000     1000         4096 {when} folder {i}")
        elif i % 10 == 1:
            lines.append(f"lrwxrwxrwx    1 ftp      ftp            12 {when} link{i} -> target/{i}")
        else:
            lines.append(f"-rw-r--r--    1 ftp      ftp      {i * 37:12d} {when} file_{i}.txt")
    return ("\r\n".join(lines) + "\r\n").encode()


def mlsd_listing(n: int) -> bytes:
    """ProFTPD/Pure-FTPd-style MLSD lines."""
    lines = []
    for i in range(n):
        stamp = "{:04d}{:02d}{:02d}{:02d}{:02d}{:02d}".format(*_when(i))
        kind = "dir" if i % 10 == 0 else "file"
        size = "" if kind == "dir" else f"size={i * 37};"
        lines.append(
            f"modify={stamp};perm=adfrw;{size}type={kind};unique=FD00U{i:X};UNIX.group=1000;"
            f"UNIX.mode=0644;UNIX.owner=1000; name {i}.dat"
        )
    return ("\r\n".join(lines) + "\r\n").encode()


def timed(fn) -> Tuple[float, float]:
    """(wall seconds, CPU seconds of this process): on a shared machine the CPU time is the steadier one."""
    wall, cpu = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - wall, time.process_time() - cpu


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    unix, mlsd = unix_listing(N), mlsd_listing(N)
    codec = NameCodec.for_session(parse_encoding("auto:gbk"), server_utf8=False)
    assert len(parse_list(unix, now=NOW)) == N and len(parse_mlsd(mlsd)) == N
    runs = {
        "unix LIST": lambda: parse_list(unix, now=NOW),
        "MLSD": lambda: parse_mlsd(mlsd),
        "unix LIST, auto:gbk": lambda: parse_list(unix, now=NOW, decode=codec.decode),
        # every entry read too: a parsed listing makes its entries when they are read (issue 18 item 15)
        "unix LIST, all read": lambda: sum(1 for _ in parse_list(unix, now=NOW)),
        "MLSD, all read": lambda: sum(1 for _ in parse_mlsd(mlsd)),
    }
    results: Dict[str, List[Tuple[float, float]]] = {name: [] for name in runs}
    gc.collect()
    for _ in range(rounds):  # A B C A B C …
        for name, run in runs.items():
            results[name].append(timed(run))
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    when = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    print(f"{when}, {os.cpu_count()} cores, {N:,} lines each, {rounds} alternated rounds, load average {load:.1f}")
    print("  (target < 0.300 s each)")
    for name, pairs in results.items():
        wall = [w for w, _ in pairs]
        cpu = [c for _, c in pairs]
        med = statistics.median(wall)
        print(
            f"  {name:<21} wall median {med:.3f} s (min {min(wall):.3f}, max {max(wall):.3f})"
            f"   CPU median {statistics.median(cpu):.3f} s   {N / med:,.0f} lines/s"
        )
    ratio = statistics.median(w for w, _ in results["MLSD"]) / statistics.median(w for w, _ in results["unix LIST"])
    print(f"  MLSD / unix LIST (wall): {ratio:.2f}")


if __name__ == "__main__":
    main()
