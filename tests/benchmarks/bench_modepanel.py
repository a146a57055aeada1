"""Benchmarks of the mode panel (not collected by pytest; run by hand).

1. Paint: milliseconds per frame of the picture, at 1× and 2× device pixel ratio, passive and active
   scenes alternated (A B A B …), medians and spread. The goal: under 4 ms a frame.
2. Transfer: a 2,000-file tree downloaded over two transfer connections from pyftpdlib running in its
   own process, while every engine event reaches the GUI thread through a queued signal, as in the app.
   Side A feeds a visible, animating ModePanel; side B the same signal into an empty slot. Alternated,
   at least five pairs. Reported: the transfer's wall time, the GUI thread's CPU time, and the panel's
   share (A's GUI CPU minus B's) of the transfer time. The goal: under 5 %.
3. Motion: the repaint of a frame with bytes moving (travelling marks and the progress label), at 1× and
   2×; and a long single download (a throttled server, so it lasts seconds) with the panel visible and its
   motion timer running, against the same download into an empty slot: the panel's share of the GUI
   thread, and how long the timer ran. Goals: a repaint under 4 ms at 2×, the panel under 5 %.

4. Replay (``--replay``): the tree download's events recorded once, then delivered to the GUI thread in real
   time as the app's workers send them (per connection, 100 ms batches, progress coalesced), into a visible
   ModePanel (A) or an empty slot (B), alternated: the panel's GUI-thread CPU without the network's noise (on
   a loaded machine the transfer's own time varies two- or threefold between runs).

    PYTHONPATH=. QT_QPA_PLATFORM=offscreen python tests/benchmarks/bench_modepanel.py [--pairs 5] [--files 2000]
    [--batch] [--no-paint] [--no-tree] [--long-mb 24] [--replay]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # tests/: ftpserver, test_modepanel_scene

from PySide6.QtCore import QEventLoop, QObject, QRectF, QTimer, Signal  # noqa: E402
from PySide6.QtGui import QImage, QPainter  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from ftpgui.ftp import FtpSession, SessionOptions, TransferProgress  # noqa: E402
from ftpgui.ftp.mirror import download_tree  # noqa: E402
from ftpgui.transfers.worker import coalesce  # noqa: E402
from ftpgui.ui.modepanel import ModePanel, motion  # noqa: E402
from ftpgui.ui.modepanel.view import HEIGHT, WIDTH, Frame, paint_picture  # noqa: E402

SERVER = r"""
import sys, time
sys.path.insert(0, sys.argv[1])
from ftpserver import FtpServerThread
srv = FtpServerThread("127.0.0.1", sys.argv[2], throttle=int(sys.argv[3]) if len(sys.argv) > 3 else None)
srv.start()
print(srv.port, flush=True)
sys.stdin.read()
srv.stop()
"""


def spread(values):
    return f"median {statistics.median(values):.3f}  min {min(values):.3f}  max {max(values):.3f}"


class Bridge(QObject):
    event = Signal(object)
    batch = Signal(list)


class Batcher:
    """Worker side of --batch: events collected and sent across threads every 50 ms, not one by one."""

    def __init__(self, bridge: Bridge, coalesce_progress: bool = False) -> None:
        self.bridge = bridge
        self.lock = threading.Lock()
        self.pending = []
        self.sent_at = time.monotonic()
        self.coalesce = coalesce_progress  # as the app's worker does: the newest progress of each batch only

    def __call__(self, event) -> None:
        with self.lock:
            self.pending.append(event)
            now = time.monotonic()
            if now - self.sent_at < 0.05:
                return
            batch, self.pending, self.sent_at = self.pending, [], now
        self.bridge.batch.emit(coalesce(batch) if self.coalesce else batch)

    def flush(self) -> None:
        with self.lock:
            batch, self.pending = self.pending, []
        if batch:
            self.bridge.batch.emit(batch)


class Sink(QObject):
    """Side B: the same queued signal, received by a slot that does nothing."""

    def take(self, event) -> None:
        pass

    def take_all(self, events) -> None:
        pass


def scene_panel(mode: str, server_port: int) -> ModePanel:
    """A panel holding a real exchange of ``mode`` (list + download) from the benchmark server."""
    panel = ModePanel()
    with FtpSession(SessionOptions(mode=mode, timeout=10), panel.add_event) as s:
        s.open("127.0.0.1", server_port, "alice", "s3cret-pässword")
        s.listdir("/d00")
        s.download("/d00/f0000.bin", os.path.join(tempfile.mkdtemp(prefix="ftpgui-bench-"), "x"))
    return panel


def bench_widget_paint(app, panels, pairs: int) -> None:
    """The shown widget's own repaint (paintEvent into the window's backing store), step by step."""
    results = {"passive": [], "active": []}
    for panel in panels.values():
        panel.resize(820, 600)
        panel.show()
        app.processEvents()
    for _ in range(pairs):
        for mode in ("passive", "active"):
            panel = panels[mode]
            conn = panel.connection
            times = []
            for _round in range(20):
                for serial in range(conn.first_serial, conn.last_serial + 1):
                    panel.view.frame = Frame(conn, serial, 0.5)
                    t0 = time.perf_counter()
                    panel.view.repaint()
                    times.append((time.perf_counter() - t0) * 1000)
            results[mode].append(statistics.median(times))
    size = panels["passive"].view.size()
    for mode, values in results.items():
        print(f"widget repaint {mode:7s} ({size.width()}×{size.height()}): ms per frame: {spread(values)}")


def bench_paint(app, server_port: int, pairs: int) -> None:
    panels = {m: scene_panel(m, server_port) for m in ("passive", "active")}
    bench_widget_paint(app, panels, pairs)
    for ratio in (1.0, 2.0):
        results = {"passive": [], "active": []}
        image = QImage(int(WIDTH * ratio), int(HEIGHT * ratio), QImage.Format.Format_ARGB32_Premultiplied)
        image.setDevicePixelRatio(ratio)
        for _ in range(pairs):
            for mode in ("passive", "active"):
                panel = panels[mode]
                conn = panel.connection
                times = []
                for _round in range(20):
                    for serial in range(conn.first_serial, conn.last_serial + 1):
                        frame = Frame(conn, serial, 0.5)
                        t0 = time.perf_counter()
                        painter = QPainter(image)
                        paint_picture(painter, QRectF(0, 0, WIDTH, HEIGHT), panel.palette(), frame, panel.font())
                        painter.end()
                        times.append((time.perf_counter() - t0) * 1000)
                results[mode].append(statistics.median(times))
        for mode, values in results.items():
            print(f"paint {mode:7s} at {ratio:g}x: ms per frame, medians of {pairs} rounds: {spread(values)}")
        ratio_ap = statistics.median(results["active"]) / statistics.median(results["passive"])
        print(f"paint at {ratio:g}x: active/passive {ratio_ap:.2f}")


def moving_panel(server_port: int) -> ModePanel:
    """A panel fed a real download up to its last progress report: bytes are moving in its newest step."""
    events = []
    with FtpSession(SessionOptions(mode="passive", timeout=10), events.append) as s:
        s.open("127.0.0.1", server_port, "alice", "s3cret-pässword")
        s.download("/big.bin", os.path.join(tempfile.mkdtemp(prefix="ftpgui-bench-"), "big"))
    cut = max(i for i, e in enumerate(events) if isinstance(e, TransferProgress))
    panel = ModePanel()
    for e in events[: cut + 1]:
        panel.add_event(e)
    panel.go_to(panel.connection.last_serial)
    assert motion.present(panel.connection, panel.current_step()) is not None
    return panel


def bench_motion_paint(app, server_port: int, pairs: int) -> None:
    panel = moving_panel(server_port)
    conn = panel.connection
    for ratio in (1.0, 2.0):
        image = QImage(int(WIDTH * ratio), int(HEIGHT * ratio), QImage.Format.Format_ARGB32_Premultiplied)
        image.setDevicePixelRatio(ratio)
        medians = []
        for _ in range(pairs):
            times = []
            for i in range(200):
                frame = Frame(conn, conn.last_serial, 1.0, now=time.monotonic(), phase=i * 3.0)
                t0 = time.perf_counter()
                painter = QPainter(image)
                paint_picture(painter, QRectF(0, 0, WIDTH, HEIGHT), panel.palette(), frame, panel.font())
                painter.end()
                times.append((time.perf_counter() - t0) * 1000)
            medians.append(statistics.median(times))
        print(f"paint with bytes moving at {ratio:g}x: ms per frame, medians of {pairs} rounds: {spread(medians)}")
    image = QImage(int(WIDTH * 2), int(HEIGHT * 2), QImage.Format.Format_ARGB32_Premultiplied)
    image.save(os.path.join(tempfile.gettempdir(), "ftpgui-bench-moving.png"))
    panel.deleteLater()


def run_long(app, port: int, with_panel: bool, size: int):
    """One long (throttled) download; returns (wall s, GUI thread CPU s, share of the time the timer ran)."""
    bridge = Bridge()
    sink = Sink()
    panel = None
    if with_panel:
        panel = ModePanel()
        panel.resize(820, 600)
        panel.show()
        bridge.batch.connect(panel.add_events)
    else:
        bridge.batch.connect(sink.take_all)
    batcher = Batcher(bridge, coalesce_progress=True)
    done = threading.Event()
    out = {}

    def work():
        t0 = time.perf_counter()
        with FtpSession(SessionOptions(mode="passive", timeout=20), batcher) as s:
            s.open("127.0.0.1", port, "alice", "s3cret-pässword")
            s.download("/big.bin", os.path.join(tempfile.mkdtemp(prefix="ftpgui-bench-"), "big"))
        out["wall"] = time.perf_counter() - t0
        batcher.flush()
        done.set()

    loop = QEventLoop()
    moving = [0, 0]

    def poll():
        moving[0] += 1
        moving[1] += bool(panel is not None and panel.view.moving)
        if done.is_set():
            loop.quit()

    timer = QTimer()
    timer.timeout.connect(poll)
    timer.start(20)
    for _ in range(5):  # the panel is open and painted before the download starts, as in the app
        app.processEvents()
        time.sleep(0.02)
    cpu0 = time.thread_time()
    worker = threading.Thread(target=work)
    worker.start()
    loop.exec()
    app.processEvents()
    cpu = time.thread_time() - cpu0
    worker.join()
    timer.stop()
    if panel is not None:
        assert panel.connection.exchanges()[-1].bytes == size
        panel.close()
        panel.deleteLater()
    return out["wall"], cpu, moving[1] / max(1, moving[0])


def bench_long(app, port: int, pairs: int, size: int) -> None:
    walls = {True: [], False: []}
    cpus = {True: [], False: []}
    for i in range(pairs):
        for side in (True, False):
            wall, cpu, moving = run_long(app, port, side, size)
            walls[side].append(wall)
            cpus[side].append(cpu)
            name = "A panel" if side else "B none "
            extra = f", motion timer ran {moving * 100:.0f} % of the time" if side else ""
            print(f"long download pair {i + 1} {name}: {wall:.2f} s, GUI thread CPU {cpu:.3f} s{extra}")
    share = [(a - b) / wa for a, b, wa in zip(cpus[True], cpus[False], walls[True], strict=True)]
    total = [a / wa for a, wa in zip(cpus[True], walls[True], strict=True)]
    print(f"long download: panel CPU (A - B) / transfer time: median {statistics.median(share) * 100:.2f} %")
    print(f"long download: whole GUI thread CPU with the panel: median {statistics.median(total) * 100:.2f} %")


def run_transfer(app, port: int, with_panel: bool, files_expected: int, batch: bool = False, ladder: bool = False):
    bridge = Bridge()
    panel = None
    sink = Sink()
    batcher = Batcher(bridge)
    listener = batcher if batch else bridge.event.emit
    if with_panel:
        panel = ModePanel()
        panel.resize(820, 600)
        panel.show()
        if ladder:
            panel.tabs.setCurrentWidget(panel.ladder)
        bridge.event.connect(panel.add_event)
        bridge.batch.connect(panel.add_events)
    else:
        bridge.event.connect(sink.take)
        bridge.batch.connect(sink.take_all)
    dest = tempfile.mkdtemp(prefix="ftpgui-bench-")
    done = threading.Event()
    out = {}

    def make():
        s = FtpSession(SessionOptions(mode="passive", timeout=20), listener)
        s.open("127.0.0.1", port, "alice", "s3cret-pässword")
        return s

    def work():
        t0 = time.perf_counter()
        out["result"] = download_tree(make, "/", dest, parallel=2)
        out["wall"] = time.perf_counter() - t0
        batcher.flush()
        done.set()

    loop = QEventLoop()
    poll = QTimer()
    poll.timeout.connect(lambda: done.is_set() and loop.quit())
    poll.start(20)
    for _ in range(5):  # the panel is open and painted before the download starts, as in the app
        app.processEvents()
        time.sleep(0.02)
    cpu0 = time.thread_time()
    worker = threading.Thread(target=work)
    worker.start()
    loop.exec()
    app.processEvents()  # the last queued events
    cpu = time.thread_time() - cpu0
    worker.join()
    poll.stop()
    assert out["result"].files == files_expected, out["result"]
    summary = ""
    if panel is not None:
        conns = panel.scene.connections.values()
        summary = "; ".join(f"conn {c.connection_id}: {len(c.steps)} steps, {c.data_connections} data" for c in conns)
        panel.close()
        panel.deleteLater()
    return out["wall"], cpu, summary


def record_tree(port: int) -> list:
    """Every event of one tree download (two transfer connections and the lister), in order."""
    events, lock = [], threading.Lock()

    def listen(e) -> None:
        with lock:
            events.append(e)

    def make():
        s = FtpSession(SessionOptions(mode="passive", timeout=20), listen)
        s.open("127.0.0.1", port, "alice", "s3cret-pässword")
        return s

    download_tree(make, "/", tempfile.mkdtemp(prefix="ftpgui-bench-"), parallel=2)
    return events


def replay(app, events: list, with_panel: bool):
    """Deliver ``events`` in real time, as the app's workers batch them; returns (seconds, GUI thread CPU s)."""
    t0 = events[0].at
    slots = {}
    for e in events:  # per connection, every 100 ms
        slots.setdefault((int((e.at - t0) / 0.1), e.connection_id), []).append(e)
    batches = [((slot + 1) * 0.1, coalesce(evs)) for (slot, _cid), evs in sorted(slots.items())]
    panel = None
    if with_panel:
        panel = ModePanel()
        panel.resize(820, 600)
        panel.show()
    sink = Sink()
    for _ in range(5):
        app.processEvents()
        time.sleep(0.02)
    loop = QEventLoop()
    state = {"i": 0}
    start = time.monotonic()

    def pump() -> None:
        now = time.monotonic() - start
        while state["i"] < len(batches) and batches[state["i"]][0] <= now:
            (panel.add_events if panel is not None else sink.take_all)(batches[state["i"]][1])
            state["i"] += 1
        if state["i"] >= len(batches):
            loop.quit()

    timer = QTimer()
    timer.timeout.connect(pump)
    cpu0 = time.thread_time()
    timer.start(10)
    loop.exec()
    for _ in range(20):  # the last refreshes and paints
        app.processEvents()
        time.sleep(0.01)
    cpu = time.thread_time() - cpu0
    timer.stop()
    if panel is not None:
        panel.close()
        panel.deleteLater()
    return time.monotonic() - start, cpu


def bench_replay(app, port: int, pairs: int) -> None:
    events = record_tree(port)
    span = events[-1].at - events[0].at
    print(f"replay: {len(events)} events of a tree download that took {span:.2f} s, in 100 ms batches per connection")
    shares = []
    for i in range(pairs):
        (wall_a, cpu_a), (_wall_b, cpu_b) = replay(app, events, True), replay(app, events, False)
        shares.append((cpu_a - cpu_b) / span)
        print(f"replay pair {i + 1}: GUI thread CPU A panel {cpu_a:.3f} s, B none {cpu_b:.3f} s ({wall_a:.2f} s)")
    print(f"replay: panel CPU (A - B) / the download's time: {spread([x * 100 for x in shares])} %")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pairs", type=int, default=5)
    ap.add_argument("--files", type=int, default=2000)
    ap.add_argument("--batch", action="store_true", help="events cross threads in batches every 50 ms")
    ap.add_argument("--no-paint", action="store_true", help="skip the paint benchmark")
    ap.add_argument("--no-tree", action="store_true", help="skip the 2,000-file tree download")
    ap.add_argument("--ladder", action="store_true", help="the ladder tab shown during the tree download")
    ap.add_argument("--long-mb", type=int, default=24, help="size of the long download (0: skip it)")
    ap.add_argument("--replay", action="store_true", help="the tree's events recorded once and replayed (A/B)")
    args = ap.parse_args()
    app = QApplication.instance() or QApplication(sys.argv)
    root = tempfile.mkdtemp(prefix="ftpgui-bench-tree-")
    per_dir = 100
    for i in range(args.files):
        d = os.path.join(root, f"d{i // per_dir:02d}")
        os.makedirs(d, exist_ok=True)
        with open(os.path.join(d, f"f{i:04d}.bin"), "wb") as f:
            f.write(os.urandom(1024))
    size = max(1, args.long_mb) << 20
    big_root = tempfile.mkdtemp(prefix="ftpgui-bench-big-")  # apart from the tree, which is downloaded whole
    with open(os.path.join(big_root, "big.bin"), "wb") as f:
        f.write(os.urandom(size))
    server = subprocess.Popen(
        [sys.executable, "-c", SERVER, str(HERE.parent), root],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    slow = subprocess.Popen(  # the same files, 4 MiB a second: a long download to watch the picture move
        [sys.executable, "-c", SERVER, str(HERE.parent), big_root, str(4 << 20)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        port = int(server.stdout.readline())
        slow_port = int(slow.stdout.readline())
        print(f"server: pyftpdlib in its own process on 127.0.0.1:{port}; tree: {args.files} files of 1 KiB")
        if not args.no_paint:
            bench_paint(app, port, args.pairs)
            bench_motion_paint(app, slow_port, args.pairs)
        if args.replay:
            bench_replay(app, port, args.pairs)
        if args.long_mb:
            print(f"long download: {args.long_mb} MiB from a server throttled to 4 MiB/s, batches as in the app")
            bench_long(app, slow_port, args.pairs, size)
        if args.no_tree:
            return 0
        print("events cross threads " + ("in batches every 50 ms" if args.batch else "one queued signal each"))
        walls = {True: [], False: []}
        cpus = {True: [], False: []}
        for i in range(args.pairs):
            for side in (True, False):
                wall, cpu, summary = run_transfer(app, port, side, args.files, args.batch, args.ladder)
                walls[side].append(wall)
                cpus[side].append(cpu)
                name = "A panel" if side else "B none "
                print(f"pair {i + 1} {name}: transfer {wall:.2f} s, GUI thread CPU {cpu:.3f} s {summary}")
        for side, name in ((True, "A with the panel"), (False, "B without")):
            print(f"{name}: transfer s {spread(walls[side])}; GUI CPU s {spread(cpus[side])}")
        share = [(a - b) / wa for a, b, wa in zip(cpus[True], cpus[False], walls[True], strict=True)]
        total = [a / wa for a, wa in zip(cpus[True], walls[True], strict=True)]
        print(f"panel CPU (A - B) / transfer time: median {statistics.median(share) * 100:.2f} %")
        print(f"whole GUI thread CPU with the panel / transfer time: median {statistics.median(total) * 100:.2f} %")
        ratio = statistics.median(walls[True]) / statistics.median(walls[False])
        print(f"transfer time A/B: {ratio:.3f}")
    finally:
        for proc in (server, slow):
            proc.stdin.close()
            proc.wait(30)
    return 0


if __name__ == "__main__":
    sys.exit(main())
