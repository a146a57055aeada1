"""How long a 100,000-entry remote folder takes to appear once its listing has arrived, to scroll, and
how much memory the remote pane keeps for it.

A: ftpgui's RemoteModel in the remote pane's view, a QTableView with fixed-height rows (one reset, sort
   keys computed once; the view touches only the rows it paints).
B: the same model in a QTreeView with uniform row heights — the usual file-list widget, which lays out
   every row of the folder after a reset (a call into the Python model per row).
The folder is made the way the window gets it: an ``ls -l`` LIST reply parsed by the engine (``Listing``),
wrapped as the browsing connection's thread wraps it (``remote_browser.list_folder``: ``ListedFolder``);
each round times from ``set_entries`` until the view has painted. Sides alternate A B A B…; medians,
spread and the ratio are printed.

Memory (``tracemalloc``, Python's own allocations, after a garbage collection): the LIST reply's bytes,
then what stays allocated for the folder — the engine's ``Listing``, the ``ListedFolder``'s columns, the
model once the view has painted — per entry and against the reply's size; and, for comparison, what a
list of every ``Entry`` made would take (how the pane kept a folder before 2026-12-04).
Run: ``PYTHONPATH=. python tests/benchmarks/bench_remote_listing.py [--entries N] [--pairs N]``
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import sys
import time
import tracemalloc
from datetime import datetime

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication, QTreeView

from ftpgui.ftp.listing import parse_list
from ftpgui.ui.remote_model import ListedFolder, RemoteModel
from ftpgui.ui.remote_pane import RemoteView

MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()
NOW = datetime(2025, 1, 1)  # (the listing's recent times fall in 2024)


def list_reply(n: int) -> bytes:
    """An ``ls -l`` LIST reply of ``n`` entries, one in a hundred a folder, names in no order."""
    lines = [
        f"drwxr-xr-x    2 ftp      ftp          4096 {MONTHS[i % 12]} {1 + i % 28:2d}  2024 dir-{i:05d}"
        for i in range(n // 100)
    ]
    lines += [
        f"-rw-r--r--    1 ftp      ftp      {(i * 104729) % 10_000_000:8d} {MONTHS[i % 12]} {1 + i % 28:2d} "
        f"{i % 24:02d}:{i % 60:02d} file-{(i * 7919) % n:06d}.dat"
        for i in range(n - n // 100)
    ]
    return ("\r\n".join(lines) + "\r\n").encode()


def make_entries(n: int) -> ListedFolder:
    """The folder as the window gets it (``list_folder``, on the browsing connection's thread)."""
    return ListedFolder(parse_list(list_reply(n), now=NOW))


def allocated() -> int:
    gc.collect()
    return tracemalloc.get_traced_memory()[0]


def memory(app: QApplication, n: int) -> None:
    """What the pane keeps for an ``n``-entry folder shown (see the module's docstring), printed."""
    reply = list_reply(n)
    tracemalloc.start()
    try:
        base = allocated()
        listing = parse_list(reply, now=NOW)
        engine = allocated()
        folder = ListedFolder(listing)
        wrapped = allocated()
        model = RemoteModel()
        view = RemoteView(model)
        view.resize(900, 700)
        view.show()
        settle(app, view)
        empty = allocated()
        model.set_entries("/huge", folder)
        settle(app, view)
        shown = allocated()
        made = list(listing)  # (the comparison: every Entry made and kept)
        every = allocated() - shown
        del made
    finally:
        tracemalloc.stop()
    view.close()
    view.deleteLater()
    parts = [("the engine's Listing", engine - base), ("ListedFolder's columns", wrapped - engine)]
    parts.append(("the model, view painted", shown - empty))
    total = sum(size for _, size in parts)
    print(f"memory for {n:,} entries, LIST reply {len(reply) / 2**20:.1f} MiB ({len(reply) / n:.0f} B/entry):")
    for name, size in parts:
        print(f"  {name:<26} {size / 2**20:6.1f} MiB  {size / n:5.0f} B/entry")
    print(
        f"  the pane's folder in all    {total / 2**20:6.1f} MiB  {total / n:5.0f} B/entry, "
        f"{total / len(reply):.1f}× the reply's bytes"
    )
    print(
        f"  (a list of every Entry made: {every / 2**20:.1f} MiB, {every / n:.0f} B/entry more — "
        f"how the pane kept a folder before 2026-12-04)"
    )


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
    print(f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, {os.cpu_count()} CPU cores")
    memory(app, args.entries)
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
