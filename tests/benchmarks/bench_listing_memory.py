"""The engine's peak memory for a 1,000,000-line listing, as LIST and as MLSD, against the listing's bytes.

A small FTP server (``tests/scripted.py``) in its own process serves a generated listing from loopback; a
fresh client process calls ``FtpSession.listdir`` and reports how far its memory rose during the call:
the resident set's high-water mark (``VmHWM``) minus the resident set just before, and separately, in a
second client, Python's own allocations (``tracemalloc``'s peak). Issue 18 item 15 / 22 item 3: under 3×
the listing's bytes. Also prints the listdir wall time.

Run: ``PYTHONPATH=. python tests/benchmarks/bench_listing_memory.py [--lines N]``
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone

HERE = os.path.dirname(os.path.abspath(__file__))
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def list_listing(n: int) -> bytes:
    """``ls -l`` lines of about 44 bytes (files, a folder in 20, times and years), like the issue's listing."""
    out = []
    for i in range(n):
        when = f"{MONTHS[i % 12]} {i % 28 + 1:2d} {i % 24:02d}:{i % 60:02d}" if i % 3 else f"{MONTHS[i % 12]}  1  2019"
        kind, size = ("d", 4096) if i % 20 == 0 else ("-", i * 37 % 10_000_000)
        out.append(f"{kind}rw-r--r-- 1 ftp ftp {size:7d} {when} f{i:07d}")
    return ("\r\n".join(out) + "\r\n").encode()


def mlsd_listing(n: int) -> bytes:
    out = []
    for i in range(n):
        kind = "dir" if i % 20 == 0 else "file"
        size = "" if kind == "dir" else f"size={i * 37 % 10_000_000};"
        out.append(f"type={kind};{size}modify=2019{i % 12 + 1:02d}{i % 28 + 1:02d}{i % 24:02d}{i % 60:02d}00; f{i:07d}")
    return ("\r\n".join(out) + "\r\n").encode()


def serve(path: str, command: str, port_file: str) -> None:
    """The server process: answers one ``command`` with the file's bytes, then ends."""
    sys.path.insert(0, os.path.join(HERE, ".."))
    from scripted import ScriptedServer, epsv_reply, serve_data

    with open(path, "rb") as f:
        data = f.read()
    features = ("MLST type*;size*;modify*;",) if command == "MLSD" else ()

    def script(c):
        c.login(features=("EPSV", *features))
        c.expect("EPSV")
        lst = c.passive()
        c.reply(epsv_reply(lst))
        c.expect(command)
        c.reply("150 here it comes")
        serve_data(lst, data)
        c.reply("226 done")
        c.expect("QUIT")
        c.reply("221 bye")

    with ScriptedServer(script) as srv:
        with open(port_file, "w") as f:
            f.write(str(srv.port))
        while not srv.conversations:  # (closing the server waits for a conversation, not for its start)
            time.sleep(0.05)


def _rss_kib(field: str) -> int:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    raise RuntimeError(field)


def client(port: int, trace: bool) -> None:
    """A client process: prints ``peak_bytes seconds entries``."""
    import gc
    import tracemalloc

    from ftpgui.ftp import FtpSession, SessionOptions

    s = FtpSession(SessionOptions(timeout=60))
    s.open("127.0.0.1", port, "u", "p")
    gc.collect()
    if trace:
        tracemalloc.start()
    before = _rss_kib("VmRSS")
    t0 = time.perf_counter()
    entries = s.listdir()
    seconds = time.perf_counter() - t0
    if trace:
        peak = tracemalloc.get_traced_memory()[1]
    else:
        peak = (_rss_kib("VmHWM") - before) * 1024
    print(peak, seconds, len(entries))
    s.close()


def measure(data: bytes, command: str, trace: bool) -> tuple:
    with tempfile.TemporaryDirectory() as tmp:
        path, port_file = os.path.join(tmp, "listing"), os.path.join(tmp, "port")
        with open(path, "wb") as f:
            f.write(data)
        me = os.path.abspath(__file__)
        server = subprocess.Popen([sys.executable, me, "--serve", path, command, port_file])
        try:
            while not os.path.exists(port_file) or not open(port_file).read():
                time.sleep(0.05)
            port = open(port_file).read()
            out = subprocess.run(
                [sys.executable, me, "--client", port] + (["--trace"] if trace else []),
                check=True,
                stdout=subprocess.PIPE,
                text=True,
            ).stdout.split()
        finally:
            server.wait(60)
    return int(out[0]), float(out[1]), int(out[2])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--lines", type=int, default=1_000_000)
    ap.add_argument("--serve", nargs=3)
    ap.add_argument("--client")
    ap.add_argument("--trace", action="store_true")
    args = ap.parse_args()
    if args.serve:
        return serve(*args.serve)
    if args.client:
        return client(int(args.client), args.trace)
    when = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    print(f"{when}, {os.cpu_count()} cores, {args.lines:,} lines; the engine's peak during FtpSession.listdir")
    for command, make in (("LIST", list_listing), ("MLSD", mlsd_listing)):
        data = make(args.lines)
        rss, seconds, count = measure(data, command, trace=False)
        traced, _, _ = measure(data, command, trace=True)
        assert count == args.lines, count
        mib = len(data) / 2**20
        print(
            f"  {command}: listing {mib:.1f} MiB ({len(data) / args.lines:.0f} B/line); peak RSS rise "
            f"{rss / 2**20:.0f} MiB = {rss / len(data):.2f}x; Python allocations peak {traced / 2**20:.0f} MiB = "
            f"{traced / len(data):.2f}x (target < 3x); listdir {seconds:.2f} s"
        )


if __name__ == "__main__":
    main()
