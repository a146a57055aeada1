"""Peak memory of ``ftpgui-cli ls --json`` on a 10⁶-line listing served from loopback (issue 18 item 15).

Run: ``PYTHONPATH=. python tests/benchmarks/bench_ls_memory.py [LINES] [--tree DIR]``. A scripted FTP server
in this process (``tests/scripted.py``) serves a generated Unix ``LIST`` of LINES lines (default 1,000,000)
on 127.0.0.1; ``ftpgui-cli ls --json`` runs as a child process with its stdout in a temporary file, and
its peak resident set size is the kernel's high-water mark of its own memory (``VmHWM`` in
``/proc/self/status``, read as it exits; ``wait4``'s ``ru_maxrss`` would count this process's memory too,
which the child shares between fork and exec). The same is done for a
one-line listing, which shows what the interpreter and the imports take alone. ``--tree DIR`` runs the
ftpgui in DIR instead (e.g. an older checkout, to compare). The JSON written is read back and checked.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Tuple

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent)]  # tests/: scripted.py

from scripted import ScriptedServer, epsv_reply, serve_data  # noqa: E402

# ftpgui-cli's own entry point, reporting the process's peak RSS on stderr as it exits.
_CHILD = """
import atexit, sys
def peak():
    with open("/proc/self/status") as f:
        sys.stderr.write("".join(line for line in f if line.startswith("VmHWM:")))
atexit.register(peak)
sys.argv[0] = "ftpgui-cli"
from ftpgui.cli import _entry
_entry()
"""
# The engine alone, for comparison: FtpSession.listdir of the same listing, nothing printed.
_ENGINE = _CHILD.replace(
    "from ftpgui.cli import _entry\n_entry()\n",
    "from ftpgui.ftp import FtpSession, SessionOptions\n"
    "with FtpSession(SessionOptions(timeout=120)) as s:\n"
    "    s.open('127.0.0.1', int(sys.argv[1]), 'u', 'p')\n"
    "    print(len(s.listdir('/')))\n",
)
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def listing(lines: int) -> bytes:
    """vsftpd-style LIST lines: a folder in ten, files of varied sizes and dates, distinct names."""
    out = bytearray()
    for i in range(lines):
        when = f"{MONTHS[i % 12]} {1 + i % 28:2d} {i % 24:02d}:{i % 60:02d}" if i % 3 else f"{MONTHS[i % 12]} 01  2019"
        if i % 10 == 0:
            out += f"drwxr-xr-x 2 ftp ftp 4096 {when} dir{i:07d}\r\n".encode()
        else:
            out += f"-rw-r--r-- 1 ftp ftp {i * 37 % 10_000_000} {when} file{i:07d}.dat\r\n".encode()
    return bytes(out)


def list_server(data: bytes):
    """Greeting, login, FEAT without MLST (so LIST), TYPE; then EPSV and LIST give ``data``; QUIT ends."""

    def script(c):
        c.login(features=("EPSV", "SIZE"))
        while True:
            verb = c.command().split(" ", 1)[0].upper()
            if verb == "QUIT":
                c.reply("221 bye")
                return
            if verb == "EPSV":
                lst = c.passive()
                c.reply(epsv_reply(lst))
            elif verb == "LIST":
                c.reply("150 here it comes")
                serve_data(lst, data)
                c.reply("226 done")
            else:
                c.reply("200 ok")

    return script


def run_cli(data: bytes, tree: Path, out_path: str, engine_only: bool = False) -> Tuple[int, float]:
    """(peak RSS in bytes, wall seconds) of ``ftpgui-cli ls --json`` listing ``data`` (or, ``engine_only``,
    of ``FtpSession.listdir`` alone)."""
    with ScriptedServer(list_server(data)) as srv:
        env = {**os.environ, "PYTHONPATH": str(tree)}
        url = f"ftp://u:p@127.0.0.1:{srv.port}/"
        argv = [sys.executable, "-c", _CHILD, "--timeout", "120", "ls", url, "--json", "--tls", "off"]
        if engine_only:
            argv = [sys.executable, "-c", _ENGINE, str(srv.port)]
        start = time.perf_counter()
        with open(out_path, "wb") as out, tempfile.TemporaryFile() as err:
            proc = subprocess.Popen(argv, stdout=out, stderr=err, env=env, cwd=str(tree))
            code = proc.wait()
            seconds = time.perf_counter() - start
            err.seek(0)
            text = err.read().decode("utf-8", "replace")
    if code != 0:
        raise SystemExit(f"ftpgui-cli failed ({code}): {text}")
    hwm = [line for line in text.splitlines() if line.startswith("VmHWM:")]
    return int(hwm[-1].split()[1]) * 1024, seconds  # "VmHWM:   123456 kB"


def mib(n: float) -> str:
    return f"{n / (1 << 20):,.1f} MiB"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("lines", nargs="?", type=int, default=1_000_000)
    parser.add_argument("--tree", default=str(HERE.parent.parent), help="the ftpgui source tree to run")
    args = parser.parse_args()
    tree = Path(args.tree).resolve()
    data = listing(args.lines)
    with tempfile.TemporaryDirectory() as tmp:
        out_path = os.path.join(tmp, "ls.json")
        base_rss, _ = run_cli(listing(1), tree, out_path)
        engine, _ = run_cli(data, tree, out_path, engine_only=True)
        peak, seconds = run_cli(data, tree, out_path)
        out_size = os.path.getsize(out_path)
        with open(out_path, encoding="utf-8") as f:
            entries = json.load(f)
        assert len(entries) == args.lines, (len(entries), args.lines)
        assert entries[0]["type"] == "dir" and entries[-1]["type"] == "file"  # folders first
        del entries
    load = os.getloadavg()[0]
    print(f"ftpgui-cli ls --json ({tree}), {args.lines:,} LIST lines over 127.0.0.1, load average {load:.1f}")
    print(f"  listing            {mib(len(data))} ({len(data):,} bytes)")
    print(f"  JSON written       {mib(out_size)}")
    print(f"  peak RSS           {mib(peak)} in {seconds:.1f} s")
    print(f"  peak RSS, 1 line   {mib(base_rss)} (interpreter and imports)")
    print(f"  engine alone       {mib(engine)} (FtpSession.listdir of the same listing, nothing printed)")
    above = (peak - base_rss) / len(data)
    print(f"  peak / listing     {peak / len(data):.2f}x   ((peak - 1-line peak) / listing: {above:.2f}x)")
    print(f"  ls --json / engine {peak / engine:.2f}x   (what printing adds to the listing itself)")


if __name__ == "__main__":
    main()
