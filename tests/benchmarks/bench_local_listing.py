"""How long the local pane takes to list a big folder (not collected by pytest; design note 421).

    python tests/benchmarks/bench_local_listing.py [--files 20000] [--runs 5] [--bad 0] [--folder /dev/shm/…]
        [--base PATH_OF_ANOTHER_CHECKOUT]

A folder of ``--files`` empty files (``--bad`` more whose names are not UTF-8) is made once on tmpfs. Each run,
in a process of its own (Qt's file-system model and its reader start cold each time): a ``LocalPane`` at
900×700, offscreen, is shown on the folder; timed from ``show`` until the list shows every row sorted and has
painted (``listed``); until the pane's bar about names that are not UTF-8 has its answer (``noted``: the
background read of ``local_undecoded``; absent in a checkout without it); and how long a sort by name then holds
the GUI thread (``sorted``). With ``--base``, the runs alternate between that checkout and this one (A B A B …),
and medians are printed for both.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent


def make_folder(folder: str, files: int, bad: int) -> None:
    os.makedirs(folder, exist_ok=True)
    have = set(os.listdir(os.fsencode(folder)))
    for i in range(files):
        name = b"file-%06d.txt" % i
        if name not in have:
            os.close(os.open(os.path.join(os.fsencode(folder), name), os.O_WRONLY | os.O_CREAT, 0o644))
    for i in range(bad):
        name = b"caf\xe9-%03d.txt" % i
        if name not in have:
            os.close(os.open(os.path.join(os.fsencode(folder), name), os.O_WRONLY | os.O_CREAT, 0o644))


def one_run(folder: str, files: int) -> None:
    """In the child: list ``folder`` once and print the times as JSON."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from ftpgui.ui.local_pane import LocalPane

    app = QApplication.instance() or QApplication([])
    pane = LocalPane()
    pane.resize(900, 700)
    pane.set_path(folder)
    bar = getattr(pane, "undecoded", None)
    start = time.perf_counter()
    pane.show()
    listed = noted = None
    while listed is None or (bar is not None and noted is None):
        app.processEvents()
        now = time.perf_counter()
        if listed is None and pane.list_proxy.rowCount(pane.view.rootIndex()) >= files:
            pane.view.viewport().repaint()
            listed = time.perf_counter() - start
        if bar is not None and noted is None and bar.answered:
            noted = now - start
        if now - start > 120:
            break
        time.sleep(0.001)
    t = time.perf_counter()
    pane.view.sortByColumn(0, Qt.SortOrder.DescendingOrder)  # (the GUI thread held while the list sorts)
    pane.view.viewport().repaint()
    resorted = time.perf_counter() - t
    print(json.dumps({"listed": listed, "noted": noted, "sorted": resorted}))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--files", type=int, default=20000)
    ap.add_argument("--bad", type=int, default=0)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--folder", default="/dev/shm/ftpgui-bench-local")
    ap.add_argument("--base", default="")
    ap.add_argument("--child", action="store_true")
    args = ap.parse_args()
    if args.child:
        one_run(args.folder, args.files)
        return
    make_folder(args.folder, args.files, args.bad)
    sides = {"this": str(REPO)}
    if args.base:
        sides = {"base": args.base, "this": str(REPO)}
    results: dict = {name: [] for name in sides}
    for _ in range(args.runs):
        for name, root in sides.items():
            env = dict(os.environ, PYTHONPATH=root, QT_QPA_PLATFORM="offscreen")
            out = subprocess.run(
                [sys.executable, __file__, "--child", "--folder", args.folder, "--files", str(args.files)],
                env=env,
                capture_output=True,
                text=True,
                check=True,
            ).stdout
            results[name].append(json.loads(out.strip().splitlines()[-1]))
    for name, runs in results.items():
        listed = [r["listed"] for r in runs]
        noted = [r["noted"] for r in runs if r["noted"] is not None]
        line = f"{name}: listed " + " ".join(f"{t:.2f}" for t in listed) + f" s, median {statistics.median(listed):.2f}"
        if noted:
            line += "; noted " + " ".join(f"{t:.3f}" for t in noted) + f" s, median {statistics.median(noted):.3f}"
        resorted = [r["sorted"] for r in runs]
        line += "; sorted " + " ".join(f"{t:.2f}" for t in resorted) + f" s, median {statistics.median(resorted):.2f}"
        print(line)


if __name__ == "__main__":
    main()
