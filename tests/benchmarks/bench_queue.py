"""Benchmark: the transfer queue (with its panel shown) against ftpgui-cli and lftp, on a local vsftpd.

    python tests/benchmarks/bench_queue.py [--size-mib 1024] [--pairs 5] [--files 2000]

1. One large download: ``ftpgui-cli get`` vs. a process running a QApplication with a ``QueueView`` shown and
   a ``TransferQueue`` downloading the file, while a 10 ms QTimer on the GUI thread measures its stalls.
2. A tree of small files: ``lftp mirror -P 4`` vs. the queue with 4 connections vs. ``ftpgui-cli get -r``.
Sides alternate (A B A B …); whole-process times; medians, spread and ratios are printed. Needs root and
vsftpd (tests/daemons.py). Not collected by pytest.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path[:0] = [str(HERE.parent), str(ROOT)]


def queue_side(argv) -> int:
    """The GUI side, in its own process: QueueView shown, one download, the GUI thread probed every 10 ms."""
    host, port, remote, dest, conns, is_dir = argv[0], int(argv[1]), argv[2], argv[3], int(argv[4]), argv[5] == "1"
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from ftpgui.ftp import SessionOptions
    from ftpgui.transfers.queue import TransferQueue
    from ftpgui.transfers.worker import Endpoint
    from ftpgui.ui.queue_view import QueueView

    app = QApplication([])
    queue = TransferQueue(None)
    view = QueueView(queue)
    view.resize(1000, 400)
    view.show()
    stalls = []
    last = [time.monotonic()]

    def tick() -> None:
        now = time.monotonic()
        stalls.append(max(0.0, now - last[0] - 0.010))
        last[0] = now

    probe = QTimer()
    probe.setTimerType(probe.timerType().PreciseTimer)
    probe.setInterval(10)
    probe.timeout.connect(tick)
    result = {}

    def finished() -> None:
        result["seconds"] = time.monotonic() - started
        usage = resource.getrusage(resource.RUSAGE_SELF)
        result["cpu_seconds"] = usage.ru_utime + usage.ru_stime
        result["states"] = sorted({i.state for i in queue.model.items()})
        probe.stop()
        queue.shutdown()
        app.quit()

    queue.idle.connect(finished)
    queue.set_site(Endpoint(host, port, "anonymous", ""), SessionOptions(timeout=30), conns)
    started = time.monotonic()
    last[0] = started
    probe.start()
    queue.download([(remote, is_dir, None)], dest)
    app.exec()
    stalls.sort()
    result["stall_p99_ms"] = 1000 * stalls[int(0.99 * (len(stalls) - 1))] if stalls else 0.0
    result["stall_max_ms"] = 1000 * stalls[-1] if stalls else 0.0
    result["ticks"] = len(stalls)
    print(json.dumps(result))
    return 0


def timed(cmd, env=None) -> tuple:
    t0 = time.monotonic()
    done = subprocess.run(cmd, capture_output=True, text=True, env=env)
    elapsed = time.monotonic() - t0
    if done.returncode != 0:
        raise SystemExit(f"{cmd[:3]} failed: {done.stderr[-500:]}")
    return elapsed, done.stdout


def fresh(folder: Path) -> Path:
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    return folder


def summary(name: str, values) -> str:
    med = statistics.median(values)
    return f"{name:<34} median {med:7.2f} s   range {min(values):.2f}–{max(values):.2f} s"


def main() -> int:
    if len(sys.argv) > 1 and sys.argv[1] == "--queue-side":
        return queue_side(sys.argv[2:])
    ap = argparse.ArgumentParser()
    ap.add_argument("--size-mib", type=int, default=1024)
    ap.add_argument("--pairs", type=int, default=5)
    ap.add_argument("--files", type=int, default=2000)
    ap.add_argument("--only", choices=["download", "tree"], help="run one of the two cases")
    args = ap.parse_args()
    from daemons import start_vsftpd, vsftpd_usable

    if not vsftpd_usable():
        raise SystemExit("needs root, vsftpd and the ftp user")
    env = dict(os.environ, PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen")
    base = Path(tempfile.mkdtemp(prefix="ftpgui-bench-queue-"))
    daemon = start_vsftpd(base / "d")
    try:
        block = os.urandom(1 << 20)
        big = daemon.writable / "big.bin"
        with open(big, "wb") as f:
            for i in range(args.size_mib):
                f.write(block[i % 4096 :] + block[: i % 4096])
        url = f"ftp://anonymous@{daemon.host}:{daemon.port}{daemon.remote_dir}/big.bin"
        cli, gui, inner, p99, worst = [], [], [], [], []
        for _ in range(args.pairs if args.only != "tree" else 0):
            for side in ("cli", "queue"):
                dest = fresh(base / "dest")
                if side == "cli":
                    t, _ = timed([sys.executable, "-m", "ftpgui.cli", "get", url, str(dest / "big.bin")], env)
                    cli.append(t)
                else:
                    remote = f"{daemon.remote_dir}/big.bin"
                    cmd = [sys.executable, __file__, "--queue-side", daemon.host, str(daemon.port), remote, str(dest)]
                    t, out = timed([*cmd, "1", "0"], env)
                    res = json.loads(out.strip().splitlines()[-1])
                    assert res["states"] == ["done"], res
                    gui.append(t)
                    inner.append(res["seconds"])
                    p99.append(res["stall_p99_ms"])
                    worst.append(res["stall_max_ms"])
                assert os.path.getsize(dest / "big.bin") == big.stat().st_size
        if args.only != "tree":
            print(f"download of {args.size_mib} MiB from vsftpd on loopback, {args.pairs} alternated pairs")
            print(summary("ftpgui-cli get (whole process)", cli))
            print(summary("queue + QueueView (whole process)", gui))
            print(summary("queue, download call to idle", inner))
            print(f"ratio queue/cli (medians, whole process): {statistics.median(gui) / statistics.median(cli):.3f}")
            print(
                f"GUI-thread stalls (10 ms probe): p99 median {statistics.median(p99):.1f} ms "
                f"(range {min(p99):.1f}–{max(p99):.1f}), max median {statistics.median(worst):.1f} ms "
                f"(range {min(worst):.1f}–{max(worst):.1f})"
            )
            big.unlink()

        if args.files and shutil.which("lftp") and args.only != "download":
            tree = daemon.writable / "tree"
            for n in range(args.files):
                folder = tree / f"d{n % 20:02d}"
                folder.mkdir(parents=True, exist_ok=True)
                (folder / f"f{n:05d}.bin").write_bytes(block[: 1000 + n % 5000])
            subprocess.run(["chown", "-R", "ftp:ftp", str(tree)], check=True)
            lftp, gtree, ctree = [], [], []
            site = f"ftp://anonymous:@{daemon.host}:{daemon.port}"
            for _ in range(args.pairs):
                for side in ("lftp", "queue", "cli"):
                    dest = fresh(base / "tdest")
                    if side == "lftp":
                        script = f"mirror -P 4 {daemon.remote_dir}/tree {dest / 'tree'}; quit"
                        t, _ = timed(["lftp", "-e", script, site])
                        lftp.append(t)
                    elif side == "cli":
                        cmd = [sys.executable, "-m", "ftpgui.cli", "get", "-r", "--parallel", "4"]
                        t, _ = timed([*cmd, f"{site}{daemon.remote_dir}/tree", str(dest / "tree")], env)
                        ctree.append(t)
                    else:
                        remote = f"{daemon.remote_dir}/tree"
                        cmd = [sys.executable, __file__, "--queue-side", daemon.host, str(daemon.port), remote]
                        t, out = timed([*cmd, str(dest), "4", "1"], env)
                        assert json.loads(out.strip().splitlines()[-1])["states"] == ["done"]
                        gtree.append(t)
                    assert sum(1 for _ in (dest / "tree").rglob("*.bin")) == args.files
            print(f"\n{args.files}-file tree, 4 connections, {args.pairs} alternated pairs")
            print(summary("lftp mirror -P 4", lftp))
            print(summary("queue + QueueView (whole process)", gtree))
            print(summary("ftpgui-cli get -r --parallel 4", ctree))
            print(f"ratio queue/lftp (medians): {statistics.median(gtree) / statistics.median(lftp):.3f}")
            print(f"ratio queue/ftpgui-cli (medians): {statistics.median(gtree) / statistics.median(ctree):.3f}")
    finally:
        daemon.stop()
        shutil.rmtree(base, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
