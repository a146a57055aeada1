"""The path a person takes, for ``bench_queue.py``'s tree: the app's main window, in a process of its own.

    python tests/benchmarks/window_side.py HOST PORT REMOTE DEST

Opens ``MainWindow`` (1366×768, on the platform ``QT_QPA_PLATFORM`` names: offscreen in the benchmark), types
the server into the quick-connect bar and presses Connect as a person does (answering "Connect without
encryption" for the plain FTP server), waits for the listing, then downloads ``REMOTE`` (a folder) into
``DEST`` through the queue as the remote pane's Download does — with everything a person has in the window
reading the transfers' events: the message log, the mode panel, the status bar. When the queue is idle it
closes the window as a person does and prints one JSON line: from the download call to idle (``seconds``),
the window's thread CPU over it (``gui_cpu``), the p99 of how late a 10 ms probe's ticks came meanwhile
(``stall_p99_ms``), the transfer processes' CPU (``transfer_cpu``), how long the close took
(``close_seconds``), the files' states and count. The app's settings go to a fresh folder.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent.parent)]

from bench_queue import StallProbe, process_cpu  # noqa: E402

WAIT_S = 300.0  # a safety net for a stuck run, not a performance limit


def main(argv) -> int:
    with tempfile.TemporaryDirectory(prefix="ftpgui-bench-window-") as config:
        os.environ["FTPGUI_CONFIG_DIR"] = config
        return run(*argv[:4])


def run(host: str, port: str, remote: str, dest: str) -> int:
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from ftpgui.app import scan_sources_quickly, settle

    scan_sources_quickly()  # as the app does once PySide6 is imported
    app = QApplication([])
    from ftpgui.ui.dialogs import PlainFtpDialog
    from ftpgui.ui.main_window import MainWindow

    window = MainWindow()
    window.resize(1366, 768)
    window.show()
    settle()  # as the app does once its window is up

    def until(done) -> None:
        limit = time.monotonic() + WAIT_S
        while not done():
            app.processEvents()
            time.sleep(0.001)  # (untimed waits: the connection and its listing)
            if time.monotonic() > limit:
                raise SystemExit("the window did not get there in time")

    bar = window.quick
    bar.host.setText(host)
    bar.port.setText(port)
    bar.user.setText("anonymous")
    bar.password.setText("")
    bar.connect_button.click()
    until(lambda: isinstance(window.prompt, PlainFtpDialog) and window.prompt.isVisible())
    window.prompt.connect_button.click()
    until(lambda: bool(window.remote.path) and not window.remote_browser.connection.busy)
    idle: list = []
    loop = QEventLoop()  # (timed: the app's own event loop, which waits in the kernel, not in a poll here)
    window.queue.idle.connect(lambda: idle.append(time.monotonic()))
    window.queue.idle.connect(loop.quit)
    QTimer.singleShot(int(WAIT_S * 1000), loop.quit)
    probe = StallProbe()  # (as bench_queue's queue side probes its thread)
    window.queue.idle.connect(probe.stop)
    started, cpu = time.monotonic(), time.thread_time()
    probe.start()
    window.request_download([(remote, True, None)], dest)
    if not idle:
        if os.environ.get("BENCH_WINDOW_PROFILE"):  # (ad hoc: where the window thread's time goes)
            import cProfile

            profile = cProfile.Profile(time.thread_time)  # (the thread's CPU: idle waits in the loop count nothing)
            profile.runctx("loop.exec()", globals(), {"loop": loop})
            profile.dump_stats(os.environ["BENCH_WINDOW_PROFILE"])
        else:
            loop.exec()
    if not idle:
        raise SystemExit("the queue did not get idle in time")
    result = {"seconds": idle[0] - started, "gui_cpu": time.thread_time() - cpu}
    result["stall_p99_ms"] = probe.report()["stall_p99_ms"]
    items = window.queue.model.items()
    result["transfer_cpu"] = sum(process_cpu(getattr(c, "pid", None)) for c in window.queue.connections())
    result["states"] = sorted({i.state for i in items})
    result["items"] = len(items)
    closing = time.monotonic()
    window.close()
    window.wait_closed()  # as the app does after its loop (a browsing thread destroyed running aborts: note 375)
    result["close_seconds"] = time.monotonic() - closing
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
