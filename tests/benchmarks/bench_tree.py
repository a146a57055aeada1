"""Many small files: ftpgui-cli vs lftp at 1, 2, 4 and 8 connections, both directions (not collected by pytest).

    sudo python tests/benchmarks/bench_tree.py [--rounds 3] [--connections 1 2 4 8] [--files 2000]

A local vsftpd over loopback serves a tree of 2,000 files of 4 KiB in 20 folders. For each number of
connections N, ``ftpgui-cli get -r --parallel N`` and ``lftp mirror -P N`` are run alternately (A B, B A,
…; after one run of each side not counted), then ``ftpgui-cli put -r --parallel N`` and ``lftp mirror -R -P N``.
Each command is timed as a whole process; its CPU is the ``RUSAGE_CHILDREN`` delta (user + system), vsftpd's
from a cpuacct cgroup where one can be made. Printed: the date, the cores, a table with medians, the ratios, and
whether the targets (wall ≤ 0.8× lftp's, CPU per file ≤ lftp's) are met; and, as the limits that no client can
beat here, vsftpd's own CPU per file, the cost of creating the files locally in a bare Python loop, and the
CPU and wall time per file of a bare Python FTP loop over raw sockets (the least a client in Python spends). For
``get`` at N > 1, a third side runs ftpgui-cli with its connections as threads of one process (``tree_threads.py``),
as on macOS and Windows: the difference from ftpgui-cli's forked connections is what one shared GIL costs.

Unless ``--no-write`` (or with ``--only``), the whole report replaces the part of docs/performance.md between
``bench-tree:start``/``bench-tree:end``, and a short table of the ratios the part of README.md between the same
markers: those numbers are written nowhere else.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Dict, List, Optional, Tuple

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from bench_transfer import (  # noqa: E402
    REPO,
    Case,
    ServerCpu,
    Side,
    _owned_by_ftp,
    _remove,
    compiled_env,
    update_readme,
)
from bench_transfer import run_case as _run_case  # noqa: E402

from daemons import start_vsftpd, vsftpd_usable  # noqa: E402

FOLDERS, FILE_SIZE = 20, 4096
WALL_TARGET = 0.8
SWITCHES: Dict[str, List[int]] = {}  # side name → voluntary context switches of each run


def run_case(case: Case, rounds: int, server: Optional[ServerCpu]) -> None:
    """``bench_transfer.run_case``, also counting each command's voluntary context switches (a thread per
    connection waits, and hands the GIL over, at every reply: the cost an event loop like lftp's has not)."""
    for side in case.sides:
        prepare = side.prepare

        def counted(prepare=prepare, name=side.name) -> None:
            prepare()
            SWITCHES.setdefault(name, []).append(resource.getrusage(resource.RUSAGE_CHILDREN).ru_nvcsw)

        side.prepare = counted
        check = side.check

        def after(check=check, name=side.name) -> None:
            runs = SWITCHES[name]
            runs[-1] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_nvcsw - runs[-1]
            check()

        side.check = after
    _run_case(case, rounds, server)


def warm_up(results: List[Tuple[str, int, Case]]) -> None:
    """Run every side of the first case of each direction once, not counted: a side's first run compiles the
    modules it imports (the standard library's too) into this run's bytecode folder (``compiled_env``), which
    had counted in the first round's time."""
    done = set()
    for direction, _, case in results:
        if direction in done:
            continue
        done.add(direction)
        for side in case.sides:
            side.prepare()
            subprocess.run(side.argv, check=True, env=compiled_env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            side.check()


def make_tree(root: Path, files: int, ftp_owned: bool) -> None:
    """``files`` files of FILE_SIZE bytes in FOLDERS folders under ``root``."""
    root.mkdir(parents=True, exist_ok=True)
    if ftp_owned:
        _owned_by_ftp(root)
    for i in range(files):
        folder = root / f"d{i % FOLDERS:02d}"
        if not folder.is_dir():
            folder.mkdir()
            if ftp_owned:
                _owned_by_ftp(folder)
        (folder / f"f{i:04d}.bin").write_bytes(os.urandom(FILE_SIZE))


def count_files(path: Path) -> int:
    return sum(1 for p in path.rglob("*") if p.is_file())


def checker(path: Path, files: int):
    def check() -> None:
        n = count_files(path)
        if n != files:
            raise SystemExit(f"{path} has {n} files, not {files}")

    return check


WHERE = "files on disk"  # what the trees are written to (main: ``--dir``)


def engine_floor(d, work: Path, files: int) -> Tuple[float, float, float]:
    """(CPU seconds per file, the kernel's share of it, wall seconds per file) of the engine alone: one session in
    this process downloading the tree's files folder by folder, as a transfer process does (its listener reading what a
    child forwards), with no start-up, no listing and no pipe; the best of 3 passes (``time.thread_time``;
    the share from ``RUSAGE_THREAD``)."""
    from ftpgui.ftp import FtpSession, SessionOptions
    from ftpgui.ftp.events import DataClosed, TlsNotUsed, TransferProgress

    order = sorted(range(files), key=lambda i: i % FOLDERS)
    best, kernel, wall = float("inf"), 0.0, 0.0
    for _ in range(3):
        dest = work / "engine"
        shutil.rmtree(dest, ignore_errors=True)
        for f in range(FOLDERS):
            (dest / f"d{f:02d}").mkdir(parents=True)
        with FtpSession(SessionOptions(), None, (TlsNotUsed, DataClosed, TransferProgress)) as s:
            s.open(d.host, d.port, d.user, d.password)
            t0, r0, w0 = time.thread_time(), resource.getrusage(resource.RUSAGE_THREAD), time.perf_counter()
            for i in order:
                name = f"d{i % FOLDERS:02d}/f{i:04d}.bin"
                s.download(f"{d.remote_dir}/tree/{name}", str(dest / name), size=FILE_SIZE, inside=str(dest))
            used, r1 = time.thread_time() - t0, resource.getrusage(resource.RUSAGE_THREAD)
            elapsed = time.perf_counter() - w0
            if used < best:
                best, kernel, wall = (
                    used,
                    (r1.ru_stime - r0.ru_stime) / (r1.ru_utime - r0.ru_utime + r1.ru_stime - r0.ru_stime),
                    elapsed,
                )
        shutil.rmtree(dest, ignore_errors=True)
    return best / files, kernel, wall / files


def bare_ftp_floor(d, work: Path, files: int) -> Tuple[float, float]:
    """(CPU seconds, wall seconds) per file of the least a Python FTP client can do for the same files: one
    control connection of raw sockets, and per file EPSV, RETR, the data read into the file by ``recv_into``
    and the 226 — no events, checks, temporary names or error handling; the best of 3 passes. What the
    engine spends above it is its own (``engine_floor``); below it no client in Python goes on this machine."""
    import socket

    order = sorted(range(files), key=lambda i: i % FOLDERS)
    best = (float("inf"), float("inf"))
    buffer = bytearray(65536)
    view = memoryview(buffer)
    for _ in range(3):
        dest = work / "bare-ftp"
        shutil.rmtree(dest, ignore_errors=True)
        for f in range(FOLDERS):
            (dest / f"d{f:02d}").mkdir(parents=True)
        control = socket.create_connection((d.host, d.port))
        replies = control.makefile("rb")

        def reply(replies=replies) -> bytes:
            line = replies.readline()
            while line[3:4] == b"-":  # a multi-line reply ends with "NNN " (RFC 959 4.2)
                end = line[:3] + b" "
                while not line.startswith(end):
                    line = replies.readline()
            return line

        def command(text: str, control=control, reply=reply) -> bytes:
            control.sendall(text.encode() + b"\r\n")
            return reply()

        reply()
        command(f"USER {d.user}")
        command(f"PASS {d.password}")
        command("TYPE I")
        t0, w0 = time.thread_time(), time.perf_counter()
        for i in order:
            name = f"d{i % FOLDERS:02d}/f{i:04d}.bin"
            port = int(command("EPSV").split(b"(|||")[1].split(b"|")[0])
            data = socket.create_connection((d.host, port))
            control.sendall(f"RETR {d.remote_dir}/tree/{name}\r\n".encode())
            reply()  # 150
            with open(dest / name, "wb") as out:
                while True:
                    n = data.recv_into(buffer)
                    if not n:
                        break
                    out.write(view[:n])
            data.close()
            reply()  # 226
        cpu, wall = time.thread_time() - t0, time.perf_counter() - w0
        command("QUIT")
        control.close()
        if cpu < best[0]:
            best = (cpu, wall)
        if count_files(dest) != files:
            raise SystemExit("the bare FTP loop did not write every file")
    shutil.rmtree(dest, ignore_errors=True)
    return best[0] / files, best[1] / files


def bare_create_cost(work: Path, files: int) -> float:
    """Seconds a bare Python loop takes to create and fill the tree's files (open/write/close, no FTP)."""
    data = os.urandom(FILE_SIZE)
    dest = work / "bare"
    best = float("inf")
    for _ in range(3):
        shutil.rmtree(dest, ignore_errors=True)
        for f in range(FOLDERS):
            (dest / f"d{f:02d}").mkdir(parents=True)
        t0 = time.perf_counter()
        for i in range(files):
            with open(dest / f"d{i % FOLDERS:02d}" / f"f{i:04d}.bin", "wb") as fh:
                fh.write(data)
        best = min(best, time.perf_counter() - t0)
    shutil.rmtree(dest, ignore_errors=True)
    return best


def cases(d, work: Path, conns: List[int], files: int) -> List[Tuple[str, int, Case]]:
    url = f"ftp://{d.host}:{d.port}{d.remote_dir}"
    cli = [sys.executable, "-m", "ftpgui.cli"]
    make_tree(d.writable / "tree", files, ftp_owned=True)
    local = work / "local-tree"
    make_tree(local, files, ftp_owned=False)
    out = work / "out"
    out.mkdir()
    result = []
    for n in conns:
        mine, theirs, split = out / f"ftpgui-{n}", out / f"lftp-{n}", out / f"threads-{n}"

        def mine_args(dest: Path, n: int = n) -> List[str]:
            return ["get", "-r", f"{url}/tree", str(dest), "--parallel", str(n)]

        get_script = f"set net:max-retries 1; open ftp://{d.host}:{d.port}; mirror -P {n} {d.remote_dir}/tree {theirs}"
        result.append(
            (
                "get",
                n,
                Case(
                    f"get, {n} connection(s)",
                    [
                        Side(
                            f"ftpgui-cli get -r --parallel {n}",
                            [*cli, *mine_args(mine)],
                            prepare=_remove(mine),
                            check=checker(mine, files),
                        ),
                        Side(
                            f"lftp mirror -P {n}",
                            ["lftp", "-c", get_script],
                            prepare=_remove(theirs),
                            check=checker(theirs, files),
                        ),
                        *(
                            [
                                Side(
                                    f"ftpgui-cli get -r --parallel {n}, threads",
                                    [sys.executable, str(HERE / "tree_threads.py"), *mine_args(split)],
                                    prepare=_remove(split),
                                    check=checker(split, files),
                                )
                            ]
                            if n > 1
                            else []
                        ),
                    ],
                ),
            )
        )
        up_mine, up_theirs = d.writable / f"up-ftpgui-{n}", d.writable / f"up-lftp-{n}"
        put_script = (
            f"set net:max-retries 1; open ftp://{d.host}:{d.port}; "
            f"mirror -R -P {n} {local} {d.remote_dir}/{up_theirs.name}"
        )
        result.append(
            (
                "put",
                n,
                Case(
                    f"put, {n} connection(s)",
                    [
                        Side(
                            f"ftpgui-cli put -r --parallel {n}",
                            [*cli, "put", "-r", str(local), f"{url}/{up_mine.name}", "--parallel", str(n)],
                            prepare=_remove(up_mine),
                            check=checker(up_mine, files),
                        ),
                        Side(
                            f"lftp mirror -R -P {n}",
                            ["lftp", "-c", put_script],
                            prepare=_remove(up_theirs),
                            check=checker(up_theirs, files),
                        ),
                    ],
                ),
            )
        )
    return result


def switches(name: str, files: int) -> str:
    """The median voluntary context switches per file of one side."""
    return f"{statistics.median(SWITCHES[name]) / files:.1f}"


def startup_cpu() -> float:
    """CPU seconds of ``ftpgui-cli --help``: what a whole-process run pays before its first file."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    env = compiled_env()
    subprocess.run([sys.executable, "-m", "ftpgui.cli", "--help"], check=True, env=env, stdout=subprocess.DEVNULL)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime


def cpu_budget(lftp_wall: float, n: int, server_cpu: float, files: int) -> float:
    """Client CPU per file (ms) left within the wall target: in ``WALL_TARGET × lftp_wall`` seconds the client
    and vsftpd together can use at most min(N, cores) cores (one connection's client and server take turns,
    so they share one), of which vsftpd needs ``server_cpu``. A necessary bound, not a sufficient one."""
    cores = min(n, os.cpu_count() or 1)
    return (WALL_TARGET * lftp_wall * cores - server_cpu) / files * 1e3


def report(
    results: List[Tuple[str, int, Case]],
    files: int,
    rounds: int,
    bare: float,
    engine: Tuple[float, float, float],
    python_floor: Tuple[float, float],
) -> str:
    """The whole report; ``bare``: ``bare_create_cost``, ``engine``: ``engine_floor``, ``python_floor``:
    ``bare_ftp_floor``."""
    load = os.getloadavg()
    lines = [
        f"Measured {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} by `python tests/benchmarks/bench_tree.py`: "
        f"{files:,} files of {FILE_SIZE // 1024} KiB in {FOLDERS} folders, a local vsftpd over loopback, "
        f"{os.cpu_count()} CPU cores (load average {load[0]:.1f}, shared), {WHERE}, {rounds} alternated rounds, "
        "medians (spread min–max). CPU is the client's own (user + system) per file.",
        "",
        "| direction | connections | ftpgui-cli wall | lftp wall | wall ratio | ftpgui-cli CPU/file | lftp CPU/file "
        "| vsftpd CPU/file (ftpgui-cli, lftp) | context switches/file (ftpgui-cli, lftp) | targets |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    verdicts: Dict[str, bool] = {}
    server_floor: List[float] = []
    split_lines: List[str] = []
    budgets: List[Tuple[str, float, float]] = []  # (case, client CPU per file the wall target leaves, lftp's)
    for direction, n, case in results:
        a, b = case.sides[:2]
        if len(case.sides) > 2:
            c = case.sides[2]
            wc = statistics.median(c.times)
            split_lines.append(
                f"- get, {n} connections as threads of one process (`tree_threads.py`, as on macOS and Windows): "
                f"{wc:.2f} s ({min(c.times):.2f}–{max(c.times):.2f}), "
                f"{wc / statistics.median(b.times):.2f}× lftp's wall, "
                f"{statistics.median(c.client_cpu) / files * 1e3:.2f} ms CPU/file, "
                f"{switches(c.name, files)} context switches/file"
            )
        wa, wb = statistics.median(a.times), statistics.median(b.times)
        ca, cb = statistics.median(a.client_cpu) / files * 1e3, statistics.median(b.client_cpu) / files * 1e3
        sv = "–"
        if a.server_cpu and b.server_cpu:
            sa, sb = statistics.median(a.server_cpu) / files * 1e3, statistics.median(b.server_cpu) / files * 1e3
            sv = f"{sa:.2f}, {sb:.2f} ms"
            server_floor.append(statistics.median(a.server_cpu))
        wall_ok, cpu_ok = wa <= WALL_TARGET * wb, ca <= cb
        verdicts[f"{direction} {n}"] = wall_ok and cpu_ok
        if b.server_cpu:
            budgets.append((f"{direction} {n}", cpu_budget(wb, n, statistics.median(b.server_cpu), files), cb))
        lines.append(
            f"| {direction} | {n} | {wa:.2f} s ({min(a.times):.2f}–{max(a.times):.2f}) "
            f"| {wb:.2f} s ({min(b.times):.2f}–{max(b.times):.2f}) | {wa / wb:.2f} | {ca:.2f} ms | {cb:.2f} ms "
            f"| {sv} | {switches(a.name, files)}, {switches(b.name, files)} "
            f"| wall {'met' if wall_ok else 'MISSED'}, CPU {'met' if cpu_ok else 'MISSED'} |"
        )
    lines.append("")
    lines.extend(split_lines)
    lines.append(
        "- Of the client CPU per file, in the kernel (system time; the rest is user time), ftpgui-cli and lftp: "
        + ", ".join(
            f"{d} {n}: {statistics.median(c.sides[0].client_system) / files * 1e3:.2f} and "
            f"{statistics.median(c.sides[1].client_system) / files * 1e3:.2f} ms"
            for d, n, c in results
        )
    )
    lines.append(
        f"- Targets: wall ≤ {WALL_TARGET}× lftp's and client CPU per file ≤ lftp's. "
        + ", ".join(f"{k}: {'met' if v else 'MISSED'}" for k, v in verdicts.items())
    )
    if budgets:
        lines.append(
            f"- The client CPU per file the wall target leaves ({WALL_TARGET}× lftp's wall on min(N, "
            f"{os.cpu_count()}) cores, less vsftpd's CPU as in lftp's runs): "
            + ", ".join(f"{k}: {v:.2f} ms (lftp used {c:.2f})" for k, v, c in budgets)
            + ". Where it is below lftp's own, no client as lean as lftp could meet the target here."
        )
    startup = startup_cpu()
    lines.append(
        f"- Limits on this machine: creating {files:,} files of {FILE_SIZE // 1024} KiB in a bare Python loop "
        f"takes {bare:.2f} s ({bare / files * 1e3:.2f} ms per file); ftpgui-cli's start-up (Python and its "
        f"imports) takes {startup:.2f} s of CPU before the first file ({startup / files * 1e3:.2f} ms per file); "
        f"the engine alone, one session downloading the files in a loop with no start-up, listing or pipe, uses "
        f"{engine[0] * 1e3:.2f} ms of CPU per file ({engine[1]:.0%} of it in the kernel: the data connection "
        f"each file opens and closes, its commands and replies, the file) and {engine[2] * 1e3:.2f} ms of wall "
        f"time; a bare Python FTP loop over raw sockets (EPSV, RETR, the file written, the 226; nothing else) uses "
        f"{python_floor[0] * 1e3:.2f} ms of CPU and {python_floor[1] * 1e3:.2f} ms of wall time per file, the "
        f"least a client in Python spends here (the engine: {engine[0] / python_floor[0]:.2f}× its CPU, "
        f"{engine[2] / python_floor[1]:.2f}× its wall time); start-up and engine add up to "
        f"{engine[0] * 1e3 + startup / files * 1e3:.2f} ms per file before any listing; each connection is a "
        "process of "
        "its own (on Linux), which waits at each reply (a voluntary context switch) where lftp's one event "
        "loop does not"
        + (
            f"; vsftpd's own CPU for the tree is {min(server_floor):.2f}–{max(server_floor):.2f} s "
            f"across the runs, and with {os.cpu_count()} cores the client and the server share them"
            if server_floor
            else ""
        )
        + "."
    )
    return "\n".join(lines)


MARKERS = ("<!-- bench-tree:start -->", "<!-- bench-tree:end -->")


def short_table(results: List[Tuple[str, int, Case]], files: int, rounds: int) -> str:
    """The README's few lines: per direction, ftpgui-cli's wall time over lftp's at each N, and CPU per file."""
    ns = sorted({n for _, n, _ in results})
    load = os.getloadavg()
    lines = [
        f"Trees of small files, measured {time.strftime('%Y-%m-%d', time.gmtime())} by "
        f"`python tests/benchmarks/bench_tree.py` ({files:,} files of {FILE_SIZE // 1024} KiB in {FOLDERS} "
        f"folders, a local vsftpd, {os.cpu_count()} cores, load average {load[0]:.1f}, {WHERE}, medians of {rounds} "
        "alternated rounds; [the whole table](docs/performance.md#many-small-files)):",
        "",
        "| ftpgui-cli's wall time / lftp's | " + " | ".join(f"{n} conn." for n in ns) + " | CPU per file, ftpgui-cli "
        f"(lftp) | target: ≤ {WALL_TARGET}× |",
        "|---|" + "---|" * len(ns) + "---|---|",
    ]
    for direction, ref in (("get", "lftp mirror -P N"), ("put", "lftp mirror -R -P N")):
        mine = [(n, c) for d, n, c in results if d == direction]
        if not mine:
            continue
        ratios = {n: statistics.median(c.sides[0].times) / statistics.median(c.sides[1].times) for n, c in mine}
        cpu_a = [statistics.median(c.sides[0].client_cpu) / files * 1e3 for _, c in mine]
        cpu_b = [statistics.median(c.sides[1].client_cpu) / files * 1e3 for _, c in mine]
        met = [n for n in ns if n in ratios and ratios[n] <= WALL_TARGET]
        lines.append(
            f"| `{direction} -r --parallel N` vs `{ref}` | "
            + " | ".join(f"{ratios[n]:.2f}" if n in ratios else "–" for n in ns)
            + f" | {min(cpu_a):.2f}–{max(cpu_a):.2f} ms ({min(cpu_b):.2f}–{max(cpu_b):.2f} ms) | "
            + (f"met at {', '.join(map(str, met))}" if met else "missed")
            + " |"
        )
    return "\n".join(lines)


def main(argv: Optional[List[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=3, help="alternated rounds per case")
    ap.add_argument("--connections", type=int, nargs="+", default=[1, 2, 4, 8])
    ap.add_argument("--files", type=int, default=2000)
    ap.add_argument("--only", choices=["get", "put"], help="one direction (implies --no-write)")
    ap.add_argument("--no-write", action="store_true", help="print only; leave README.md and docs alone")
    ap.add_argument(
        "--dir",
        help="where the trees go (default: the temporary folder; /dev/shm leaves out the disk, whose "
        "file creation cost varied tenfold from one minute to the next on a virtual machine)",
    )
    args = ap.parse_args(argv)
    if not vsftpd_usable() or shutil.which("lftp") is None:
        raise SystemExit("needs root, vsftpd and lftp")
    print(f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, {os.cpu_count()} cores", flush=True)
    work = Path(tempfile.mkdtemp(prefix="ftpgui-bench-tree-", dir=args.dir))
    os.chmod(work, 0o755)
    global WHERE
    kind = subprocess.run(["stat", "-f", "-c", "%T", str(work)], capture_output=True, text=True).stdout.strip()
    WHERE = f"files in {kind or '?'}" + (f" (`--dir {args.dir}`)" if args.dir else "")
    daemon = start_vsftpd(work / "vsftpd")
    server = ServerCpu(daemon.process.pid)
    try:
        results = cases(daemon, work, args.connections, args.files)
        if args.only:
            results = [r for r in results if r[0] == args.only]
        warm_up(results)
        for _, _, case in results:
            run_case(case, args.rounds, server)
        bare = bare_create_cost(work, args.files)
        engine = engine_floor(daemon, work, args.files)
        python_floor = bare_ftp_floor(daemon, work, args.files)
    finally:
        daemon.stop()
        server.remove()
        shutil.rmtree(work, ignore_errors=True)
    text = report(results, args.files, args.rounds, bare, engine, python_floor)
    short = short_table(results, args.files, args.rounds)
    print("\n" + text + "\n\n" + short)
    if not (args.no_write or args.only or args.files != 2000):
        update_readme(text, REPO / "docs" / "performance.md", MARKERS)
        update_readme(short, REPO / "README.md", MARKERS)
        print("\nREADME.md and docs/performance.md updated.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
