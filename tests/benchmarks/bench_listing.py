"""Parse 100,000 Unix LIST lines and 100,000 MLSD lines; print the median of several runs of each.

Run: ``PYTHONPATH=. python tests/benchmarks/bench_listing.py [ROUNDS]``. The two parsers are timed
alternately (Unix, MLSD, Unix, MLSD, …) so a busy moment on the shared machine hits both alike.
Target (issue 3): under 0.3 s for each 100,000 lines.
"""

from __future__ import annotations

import statistics
import sys
import time
from datetime import datetime, timezone

from ftpgui.ftp.listing import parse_list, parse_mlsd
from ftpgui.ftp.names import NameCodec, parse_encoding

N = 100_000
NOW = datetime(2026, 11, 25, 12, 0, tzinfo=timezone.utc)
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def unix_listing(n: int) -> bytes:
    """vsftpd/ProFTPD-style lines: files, folders, links, recent (time) and old (year) dates."""
    lines = []
    for i in range(n):
        month = MONTHS[i % 12]
        when = (
            f"{month} {1 + i % 28:2d} {i % 24:02d}:{i % 60:02d}"
            if i % 3
            else f"{month} {1 + i % 28:2d}  {2000 + i % 25}"
        )
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
        stamp = f"20{i % 25:02d}{1 + i % 12:02d}{1 + i % 28:02d}{i % 24:02d}{i % 60:02d}{i % 60:02d}"
        kind = "dir" if i % 10 == 0 else "file"
        size = "" if kind == "dir" else f"size={i * 37};"
        lines.append(
            f"modify={stamp};perm=adfrw;{size}type={kind};unique=FD00U{i:X};UNIX.group=1000;"
            f"UNIX.mode=0644;UNIX.owner=1000; name {i}.dat"
        )
    return ("\r\n".join(lines) + "\r\n").encode()


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    unix, mlsd = unix_listing(N), mlsd_listing(N)
    codec = NameCodec.for_session(parse_encoding("auto:gbk"), server_utf8=False)
    assert len(parse_list(unix, now=NOW)) == N and len(parse_mlsd(mlsd)) == N
    results = {"unix LIST": [], "MLSD": [], "unix LIST, auto:gbk": []}
    for _ in range(rounds):
        results["unix LIST"].append(timed(lambda: parse_list(unix, now=NOW)))
        results["MLSD"].append(timed(lambda: parse_mlsd(mlsd)))
        results["unix LIST, auto:gbk"].append(timed(lambda: parse_list(unix, now=NOW, decode=codec.decode)))
    print(f"{N:,} lines each, {rounds} alternated rounds (target < 0.300 s each)")
    for name, times in results.items():
        med = statistics.median(times)
        print(f"  {name:<22} median {med:.3f} s   min {min(times):.3f}   max {max(times):.3f}   {N / med:,.0f} lines/s")
    ratio = statistics.median(results["MLSD"]) / statistics.median(results["unix LIST"])
    print(f"  MLSD / unix LIST ratio: {ratio:.2f}")


if __name__ == "__main__":
    main()
