"""Measure the queue's columns in the default main window on the X server in $DISPLAY; print them as JSON.

Run by tests/test_queue_columns.py on an Xvfb of each screen size (with a window manager): the window at its
default size (no saved layout), connected to pyftpdlib, which refuses every upload ("550 Not enough
privileges."): two uploads fail for real, a download waits paused. Then a person drags the State column's
divider, one more upload fails, the window closes and a new one opens on the same configuration.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="ftpgui-columns-") as scratch:  # (removed again: none left in /tmp)
        os.environ["FTPGUI_CONFIG_DIR"] = os.path.join(scratch, "config")
        return measure(scratch)


def measure(scratch: str) -> int:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication, QStyle

    from ftpgui.transfers.model import COL_STATE
    from ftpgui.transfers.worker import Endpoint
    from ftpgui.ui.main_window import MainWindow
    from ftpgui.ui.queue_view import GROUPS

    from ftpserver import PASSWORD, USER, FtpServerThread
    from guihelpers import drag_divider

    app = QApplication([sys.argv[0]])
    language = sys.argv[1] if len(sys.argv) > 1 else "en"
    if language != "en":
        from ftpgui.app import install_language

        install_language(app, language)
    site, local = os.path.join(scratch, "site"), os.path.join(scratch, "Documents")
    for folder in (site, local):
        os.mkdir(folder)
    for name in ("report.pdf", "notes.txt", "photo.jpg"):
        with open(os.path.join(local, name), "wb") as f:
            f.write(os.urandom(20_000))
    srv = FtpServerThread("127.0.0.1", site, replies={"STOR": "550 Not enough privileges."})
    srv.start()

    def spin(cond=lambda: False, seconds: float = 20) -> None:
        end = time.monotonic() + seconds
        while not cond() and time.monotonic() < end:
            app.processEvents()
            time.sleep(0.01)

    def settled(window, group: str) -> None:
        """At least a second, then until the tab's widths stay the same for half a second (a loaded machine runs
        the layout's timers late)."""
        spin(seconds=1)
        header = window.queue_view.tables[group].horizontalHeader()
        end = time.monotonic() + 10
        while time.monotonic() < end:
            before = [header.sectionSize(c) for c in range(header.count())]
            spin(seconds=0.5)
            if before == [header.sectionSize(c) for c in range(header.count())]:
                return

    def failed(window) -> int:
        return sum(1 for i in window.queue.model.items() if i.state == "failed")

    def columns(window, group: str) -> dict:
        table = window.queue_view.tables[group]
        header, metrics = table.horizontalHeader(), table.fontMetrics()
        model = table.model()
        texts = [model.index(r, COL_STATE).data() for r in range(model.rowCount())]
        # what the row painter leaves a cell's text: its width less the grid line and a margin each side
        margin = table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, table) + 1
        inner = header.sectionSize(COL_STATE) - 1 - 2 * margin
        return {
            "viewport": table.viewport().width(),
            "widths": [0 if header.isSectionHidden(c) else header.sectionSize(c) for c in range(header.count())],
            "titles": [header.sectionSizeHint(c) for c in range(header.count())],
            "texts": texts,
            "advances": [metrics.horizontalAdvance(t) for t in texts],
            "inner": inner,
            "shown": [metrics.elidedText(t, Qt.TextElideMode.ElideMiddle, inner) for t in texts],
            "path_least": metrics.horizontalAdvance("…/report.pdf") + 8,
            "moving": [metrics.horizontalAdvance(t) + 2 * margin + 1 for t in ("1023.9 KiB/s", "00:00:00")],
        }

    report = {}
    try:
        window = MainWindow()
        window.show()
        window.connect_to(Endpoint("127.0.0.1", srv.port, USER, PASSWORD), window.session_defaults(), "Example")
        spin(lambda: window.remote.path == "/" and not window.browser.busy)
        window.request_upload([os.path.join(local, "report.pdf"), os.path.join(local, "notes.txt")], "/")
        window.request_download([("/a/folder/on/the/server/holiday-photo-full.jpg", False, 4_200_000)], local, False)
        spin(lambda: failed(window) == 2)
        spin(seconds=1.5)  # the window manager frames and places the window; the first layout runs
        report["queued"] = columns(window, "queued")
        window.queue_view.tabs.setCurrentIndex(GROUPS.index("failed"))
        settled(window, "failed")
        report["failed"] = columns(window, "failed")
        table = window.queue_view.tables["failed"]
        report["dragged_to"] = drag_divider(table, COL_STATE, -60)  # the person's own width
        window.request_upload([os.path.join(local, "photo.jpg")], "/")
        spin(lambda: failed(window) == 3)
        spin(seconds=1)
        report["after_drag"] = columns(window, "failed")
        window.close()
        window.wait_closed()
        again = MainWindow()
        again.show()
        again.queue_view.tabs.setCurrentIndex(GROUPS.index("failed"))
        spin(seconds=1.5)
        report["reopened"] = columns(again, "failed")
        again.close()
        again.wait_closed()
    finally:
        srv.stop()
    print(json.dumps(report))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
