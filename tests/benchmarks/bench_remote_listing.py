"""How long a 100,000-entry remote folder takes to appear once its listing has arrived, and to scroll.

A: ftpgui's RemoteModel in the remote pane's view, a QTableView with fixed-height rows (one reset, sort
   keys computed once; the view touches only the rows it paints).
B: the same model in a QTreeView with uniform row heights — the usual file-list widget, which lays out
   every row of the folder after a reset (a call into the Python model per row).
Each round builds the entries the way the engine hands them over (parsed ``Entry`` objects), then times
from ``set_entries`` until the view has painted. Sides alternate A B A B…; medians, spread and the ratio
are printed. Run: ``PYTHONPATH=. python tests/benchmarks/bench_remote_listing.py [--entries N] [--pairs N]``
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from datetime import datetime, timedelta

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication, QTreeView

from ftpgui.ftp import Entry
from ftpgui.ui.remote_model import RemoteModel
from ftpgui.ui.remote_pane import RemoteView


def make_entries(n: int):
    base = datetime(2024, 1, 1)
    out = [
        Entry(
            f"file-{(i * 7919) % n:06d}.dat",
            "file",
            (i * 104729) % 10_000_000,
            base + timedelta(seconds=i),
            "-rw-r--r--",
            "ftp",
            "ftp",
        )
        for i in range(n - n // 100)
    ]
    out += [Entry(f"dir-{i:05d}", "dir", None, base, "drwxr-xr-x", "ftp", "ftp") for i in range(n // 100)]
    return out


def settle(app: QApplication, view) -> None:
    view.viewport().repaint()  # a synchronous paint of the visible rows
    app.processEvents()


def measure(app, view, model, entries) -> tuple:
    """Seconds from ``set_entries`` to a painted view, and for 50 scroll jumps through the folder."""
    view.setModel(model)
    view.resize(900, 700)
    view.show()
    settle(app, view)
    t0 = time.perf_counter()
    model.set_entries("/huge", entries)
    settle(app, view)
    shown = time.perf_counter() - t0
    t0 = time.perf_counter()
    bar = view.verticalScrollBar()
    for step in range(50):
        bar.setValue(bar.maximum() * step // 49)
        settle(app, view)
    scroll = time.perf_counter() - t0
    view.close()
    view.deleteLater()
    return shown, scroll


def side_a(app, entries) -> tuple:
    model = RemoteModel()
    return measure(app, RemoteView(model), model, entries)


def side_b(app, entries) -> tuple:
    view = QTreeView()
    view.setUniformRowHeights(True)
    view.setRootIsDecorated(False)
    return measure(app, view, RemoteModel(), entries)


def summary(name: str, values) -> str:
    med = statistics.median(values)
    return f"{name:<34} median {med * 1000:8.1f} ms   range {min(values) * 1000:7.1f}–{max(values) * 1000:7.1f} ms"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=100_000)
    parser.add_argument("--pairs", type=int, default=5)
    parser.add_argument("--only-a", action="store_true", help="skip the (slow) QTreeView side")
    args = parser.parse_args(argv)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    entries = make_entries(args.entries)
    a_shown, a_scroll, b_shown, b_scroll = [], [], [], []
    for _ in range(args.pairs):
        s, c = side_a(app, entries)
        a_shown.append(s)
        a_scroll.append(c)
        app.processEvents()
        if not args.only_a:
            s, c = side_b(app, entries)
            b_shown.append(s)
            b_scroll.append(c)
            app.processEvents()
    print(f"{args.entries} entries, {args.pairs} pairs (A B alternated), platform {app.platformName()}")
    print(summary("A RemoteModel: listing → shown", a_shown))
    print(summary("A RemoteModel: 50 scroll steps", a_scroll))
    if b_shown:
        print(summary("B same model, QTreeView: → shown", b_shown))
        print(summary("B same model, QTreeView: 50 steps", b_scroll))
        print(
            f"ratio B/A shown: {statistics.median(b_shown) / statistics.median(a_shown):.1f}×   "
            f"scroll: {statistics.median(b_scroll) / statistics.median(a_scroll):.2f}×"
        )
    target = 0.3
    verdict = "within" if statistics.median(a_shown) <= target else "OVER"
    print(f"A median is {verdict} the {target:.1f} s target")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
