"""Counted, not timed: what one transfer process does per file, the queue's (``childproc``) against the CLI's
(``procpool._child``), for the same small files from a local vsftpd (not collected by pytest).

    sudo python tests/benchmarks/count_queue_child.py [--files 200 600] [--tool callgrind strace profile]
                                                        [--dir /dev/shm] [--recorder]

CPU time moves by a tenth from run to run on a shared two-core machine; counts do not. Each side downloads a
tree of N files of 4 KiB (100 a folder) once for each N, and what its transfer process did is counted:

- ``callgrind``: instructions in user space (valgrind, the whole process tree; the transfer process's own
  output file, named by its pid);
- ``strace``: system calls, by name (``strace -f -c`` attached to the transfer process, its threads too);
- ``profile``: Python calls, by function (cProfile in the transfer process; its job thread only).

Per file is the difference between the two trees over the difference in files: the process's start, log-in
and end cancel out. The sides:

- ``cli``: ``ftpgui-cli get -r --parallel 1`` (its one connection a forked process, as at 4);
- ``queue``: a process forked as ``procconn`` forks one (its body ``childproc.run_child``, a speed limit
  shared, the queue's keep test ``wire.needed`` as when nothing but the queue reads its events), fed the
  queue's jobs (``ItemJob.wire``, at most 12 ahead, as ``pool.TINY_PIPELINE``; those handed out together in
  one message where this checkout's ``procconn`` does so), the items made by the
  queue's own folder job (``expand_remote``) in this process; ``--recorder`` also has it keep its
  connection's scene, as when the window's mode panel watches the queue.

Prints, per side, the counts per file and (callgrind, profile) the functions that differ most.
"""

from __future__ import annotations

import argparse
import collections
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path[:0] = [str(HERE.parent), str(ROOT)]

PER_FOLDER, FILE_SIZE = 100, 4096
AHEAD = 12  # pool.TINY_PIPELINE
REPORT_BELOW = 3  # pool.REPORT_BELOW (``pool`` loads Qt: the queue's transfer processes, forked from a fork
# server that has not, have none)


# --- inside the measured processes ------------------------------------------------------------------------
def measured(body, out: str) -> None:
    """Run ``body()`` in a transfer process, measured as ``COUNT_TOOL`` says; its pid written to ``out.pid``."""
    tool = os.environ.get("COUNT_TOOL", "")
    Path(f"{out}.pid").write_text(str(os.getpid()))

    if tool == "strace":
        subprocess.Popen(["strace", "-f", "-c", "-o", f"{out}.strace", "-p", str(os.getpid())])
        time.sleep(0.5)  # (attached by then)
    if tool == "profile":
        import cProfile
        import pstats

        prof = cProfile.Profile()
        real_exit = os._exit

        def dump_then_exit(status: int) -> None:
            prof.disable()
            pstats.Stats(prof).dump_stats(f"{out}.prof")
            real_exit(status)

        os._exit = dump_then_exit  # type: ignore[assignment] (both bodies end with os._exit)
        prof.enable()
    body()  # (strace writes its counts once this process has ended)


def cli_run(url: str, dest: str, out: str) -> int:
    """``ftpgui-cli get -r --parallel 1 url dest``, its transfer process measured."""
    from ftpgui import cli
    from ftpgui.ftp import procpool

    real = procpool._child

    def child(index, conn, make_session) -> None:
        measured(lambda: real(index, conn, make_session), out)

    procpool._child = child
    return cli.main(["get", "-r", "--parallel", "1", url, dest])


def queue_run(host: str, port: int, remote: str, dest: str, out: str, recorder: bool) -> int:
    """The queue's jobs for every file under ``remote`` fed to one transfer process, as ``procconn`` does."""
    import multiprocessing
    import pickle

    from ftpgui.ftp import SessionOptions
    from ftpgui.ftp.session import FtpSession
    from ftpgui.transfers import childproc
    from ftpgui.transfers.items import DOWNLOAD, TransferItem
    from ftpgui.transfers.jobcontext import JobContext
    from ftpgui.transfers.jobs import ItemJob, run_item
    from ftpgui.transfers.throttle import SpeedLimit
    from ftpgui.transfers.wire import Endpoint, JobEnded, needed

    endpoint = Endpoint(host, port, "anonymous", "")
    options = SessionOptions(timeout=60)
    ctx = JobContext(None)
    assert "PySide6" not in sys.modules, "the transfer process would carry Qt, which the queue's do not"
    mp = multiprocessing.get_context("fork")
    control = mp.Array("q", childproc.CONTROL_SIZE)
    mine, theirs = mp.Pipe(duplex=True)
    bucket = SpeedLimit().share(mp)  # (the queue always has one: rate 0 unless the person sets a limit)
    rec = None
    if recorder:
        from ftpgui.ui.modepanel import record_of

        rec = record_of
    args = (theirs, 1, endpoint, options, control, bucket, REPORT_BELOW, rec, 0)
    process = mp.Process(target=lambda: measured(lambda: childproc.run_child(*args), out), daemon=True)
    process.start()
    theirs.close()  # (the child's end: its close is how the end of the child is seen here)
    # the items, as the queue's folder jobs make them, here and after the fork: a forked process under callgrind
    # starts with the counts its parent had, and listing more files would count as the child's per-file work
    lister = FtpSession(options)
    lister.open(host, port, "anonymous", "")
    folders = [TransferItem(DOWNLOAD, local=dest, remote=remote, is_dir=True)]
    files = []
    while folders:
        outcome = run_item(lister, folders.pop(0), ctx)
        for child in outcome.children:
            (folders if child.is_dir else files).append(child)
    lister.quit()
    lister.close()

    def send(msg) -> None:
        mine.send_bytes(pickle.dumps(msg, pickle.HIGHEST_PROTOCOL))

    if not recorder:
        send(("keep", needed))
    jobs = {n + 1: ItemJob(item, ctx) for n, item in enumerate(files)}
    together = hasattr(childproc._Child, "_read")  # this checkout's transfer process reads a turn's items at once
    waiting = collections.deque(jobs)
    pending, failed = set(), []
    while waiting or pending:
        items = []
        while waiting and len(pending) < AHEAD:
            job_id = waiting.popleft()
            items.append(pickle.dumps(("item", job_id, jobs[job_id].wire()), pickle.HIGHEST_PROTOCOL))
            pending.add(job_id)
        if items and together:  # (as ``procconn`` sends those of one turn: one message)
            mine.send_bytes(pickle.dumps(("items", len(items)), pickle.HIGHEST_PROTOCOL) + b"".join(items))
        else:  # (as it did before design note 344: a message each)
            for data in items:
                mine.send_bytes(data)
        msg = pickle.loads(mine.recv_bytes())
        for entry in msg[1] if msg[0] == "batch" else ():
            if entry.__class__ is JobEnded:
                pending.discard(entry.job_id)
                if not entry.ok or entry.value.kind != "done":
                    failed.append(entry.value)
    send(("close", len(jobs) + 1))
    while True:
        try:
            mine.recv_bytes()
        except EOFError:
            break
    process.join()
    if failed:
        print(f"failed: {failed[:3]}", file=sys.stderr)
        return 1
    return 0


# --- the driver -------------------------------------------------------------------------------------------
def callgrind_totals(path: Path) -> tuple:
    """(total instructions, {function: self instructions}) of a callgrind output file."""
    text = subprocess.run(
        ["callgrind_annotate", "--inclusive=no", "--threshold=100", str(path)], capture_output=True, text=True
    ).stdout
    total = 0
    funcs: dict = {}
    for line in text.splitlines():
        m = re.match(r"\s*([\d,]+)\s+\(\s*[\d.]+%\)\s+(.*)$", line)
        if m is None:
            continue
        n, name = int(m.group(1).replace(",", "")), m.group(2).strip()
        if name.startswith("PROGRAM TOTALS"):
            total = n
        else:
            funcs[name.split(" [")[0]] = n
    return total, funcs


def strace_counts(path: Path) -> dict:
    counts = {}
    for line in path.read_text().splitlines():
        parts = line.split()
        if len(parts) >= 5 and parts[-1] not in ("total", "syscall") and parts[0][0].isdigit():
            counts[parts[-1]] = int(parts[3])
    return counts


def profile_counts(path: Path) -> tuple:
    """(total Python calls, {function: calls}) of a cProfile dump."""
    import pstats

    stats = pstats.Stats(str(path)).stats  # type: ignore[attr-defined]
    funcs = {}
    for (file, line, name), (_cc, nc, _tt, _ct, _callers) in stats.items():
        short = f"{Path(file).name}:{line}({name})" if file != "~" else name
        funcs[short] = funcs.get(short, 0) + nc
    return sum(funcs.values()), funcs


def per_file(a: dict, b: dict, files: int) -> dict:
    return {k: (b.get(k, 0) - a.get(k, 0)) / files for k in set(a) | set(b)}


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--files", type=int, nargs=2, default=[200, 600])
    ap.add_argument("--tool", nargs="+", default=["callgrind", "strace", "profile"])
    ap.add_argument("--sides", nargs="+", default=["cli", "queue"])
    ap.add_argument("--recorder", action="store_true", help="the queue's process keeps its connection's scene")
    ap.add_argument("--dir", help="where the server's files and the downloads go (default: the temporary folder)")
    ap.add_argument("--top", type=int, default=15)
    ap.add_argument("--keep", help="keep the raw outputs in this folder")
    args = ap.parse_args()
    from bench_queue import make_tree
    from bench_transfer import compiled_env

    from daemons import start_vsftpd, vsftpd_usable

    if not vsftpd_usable():
        raise SystemExit("needs root, vsftpd and the ftp user")
    env = compiled_env()
    base = Path(tempfile.mkdtemp(prefix="ftpgui-count-", dir=args.dir))
    outs = Path(args.keep) if args.keep else base / "out"
    outs.mkdir(parents=True, exist_ok=True)
    daemon = start_vsftpd(base / "d")
    small, large = args.files
    results: dict = {}
    try:
        for n in (small, large):
            make_tree(daemon.writable / f"tree{n}", n, n // PER_FOLDER)
        # a first run of each side, not counted: it compiles what the transfer process imports late into this
        # run's bytecode folder (``compiled_env``), which would count as the first tree's work
        runs = [("", side, small) for side in args.sides]
        runs += [(tool, side, n) for tool in args.tool for side in args.sides for n in (small, large)]
        for tool, side, n in runs:
            dest = base / "dest"
            shutil.rmtree(dest, ignore_errors=True)
            dest.mkdir()
            out = str(outs / f"{side}-{n}-{tool}")
            remote = f"{daemon.remote_dir}/tree{n}"
            me = [sys.executable, __file__]
            if side == "cli":
                url = f"ftp://anonymous:@{daemon.host}:{daemon.port}{remote}"
                cmd = [*me, "--cli-run", url, str(dest / "tree"), out]
            else:
                cmd = [*me, "--queue-run", daemon.host, str(daemon.port), remote, str(dest / "tree"), out]
                cmd += ["1" if args.recorder else "0"]
            if tool == "callgrind":
                grind = ["valgrind", "--tool=callgrind", "--separate-threads=yes"]
                cmd = [*grind, f"--callgrind-out-file={out}.cg.%p", *cmd]
            done = subprocess.run(cmd, env=dict(env, COUNT_TOOL=tool), capture_output=True, text=True)
            got = sum(1 for _ in (dest / "tree").rglob("*.bin"))
            if done.returncode != 0 or got != n:
                raise SystemExit(f"{side} {n} ({tool}) failed: {got} files; {done.stderr[-800:]}")
            pid = Path(f"{out}.pid").read_text().strip()
            if not tool:
                continue
            if tool == "callgrind":  # (a file per thread: the job thread's is -01)
                threads = sorted(Path(out).parent.glob(f"{Path(out).name}.cg.{pid}-*"))
                job, *rest = [callgrind_totals(t) for t in threads]
                results[tool, side, n] = job
                results["callgrind-others", side, n] = (sum(t for t, _ in rest), {})
            elif tool == "strace":
                for _ in range(100):  # (written by strace as the process ends)
                    if Path(f"{out}.strace").exists() and "total" in Path(f"{out}.strace").read_text():
                        break
                    time.sleep(0.1)
                counts = strace_counts(Path(f"{out}.strace"))
                results[tool, side, n] = (sum(counts.values()), counts)
            else:
                results[tool, side, n] = profile_counts(Path(f"{out}.prof"))
    finally:
        daemon.stop()
        if not args.keep:
            shutil.rmtree(base, ignore_errors=True)
    files = large - small
    unit = {"callgrind": "instructions (job thread)", "strace": "system calls", "profile": "Python calls (job thread)"}
    when = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    scene = ", the queue keeping its scene" if args.recorder else ""
    print(
        f"\nper file of one transfer process ({small} and {large} files of {FILE_SIZE // 1024} KiB, vsftpd on "
        f"loopback{scene}; {when})"
    )
    if "callgrind" in args.tool:
        others = {
            s: (results["callgrind-others", s, large][0] - results["callgrind-others", s, small][0]) / files
            for s in args.sides
        }
        print(
            "\ninstructions per file in the transfer process's other threads (its pipe's listening thread: it "
            "wakes by the clock, so under valgrind's slowness far more often a file than in a real run): "
            + ", ".join(f"{s} {others[s]:,.0f}" for s in args.sides)
        )
    for tool in args.tool:
        per = {}
        for side in args.sides:
            (ta, fa), (tb, fb) = results[tool, side, small], results[tool, side, large]
            per[side] = ((tb - ta) / files, per_file(fa, fb, files))
        print(f"\n{unit[tool]} per file: " + ", ".join(f"{s} {per[s][0]:,.0f}" for s in args.sides))
        if tool == "strace":  # (futex: two threads taking turns, and how often depends on timing)
            print(
                "  of them not futex: "
                + ", ".join(f"{s} {per[s][0] - per[s][1].get('futex', 0):,.1f}" for s in args.sides)
            )
        if len(args.sides) == 2:
            (_, a), (_, b) = per[args.sides[0]], per[args.sides[1]]
            diff = per_file({k: 0 for k in a}, {k: b.get(k, 0) - a.get(k, 0) for k in set(a) | set(b)}, 1)
            top = sorted(diff.items(), key=lambda kv: -abs(kv[1]))[: args.top]
            print(f"  most different ({args.sides[1]} − {args.sides[0]}):")
            for name, d in top:
                print(f"    {d:+12,.1f}  {name[:110]}")
        else:
            (_, a) = per[args.sides[0]]
            for name, d in sorted(a.items(), key=lambda kv: -abs(kv[1]))[: args.top]:
                print(f"    {d:12,.1f}  {name[:110]}")
    return 0


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--cli-run":
        sys.exit(cli_run(*sys.argv[2:5]))
    if len(sys.argv) > 1 and sys.argv[1] == "--queue-run":
        a = sys.argv[2:]
        sys.exit(queue_run(a[0], int(a[1]), a[2], a[3], a[4], a[5] == "1"))
    sys.exit(main())
