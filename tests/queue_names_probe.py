"""What the queue's cells show in the default main window on the X server in $DISPLAY; print it as JSON.

Run by tests/test_queue_names.py on an Xvfb of 1366×768 with a window manager: the window at its default size
(no saved layout, the mode panel's dock at its default width), connected to pyftpdlib; /pub/file20.bin,
file30.bin and file50.bin queued for download into a local folder (QA's rows), and one with a long name. For
each row and column: the cell's whole text, what the row painter shows of it in the column's width, and that
width; the screen grabbed into build/screens.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
NAMES = ("file20.bin", "file30.bin", "file50.bin", "quarterly-report-2026-final-version.pdf")


def laid_out(table, text: str, width: int, column: int) -> str:
    """What the table's row painter lays out for ``text`` in a cell of ``column`` ``width`` pixels wide (before
    note 385 its layouts did not depend on the column)."""
    try:
        static = table._rows.text(text, width, column)[0]
    except TypeError:
        static = table._rows.text(text, width)[0]
    return static.text()


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="ftpgui-names-") as scratch:  # (removed again: none left in /tmp)
        os.environ["FTPGUI_CONFIG_DIR"] = os.path.join(scratch, "config")
        return measure(scratch)


def measure(scratch: str) -> int:
    from PySide6.QtWidgets import QApplication, QStyle

    from ftpgui.transfers.worker import Endpoint
    from ftpgui.ui.main_window import MainWindow

    from ftpserver import PASSWORD, USER, FtpServerThread
    from guihelpers import probe_dir

    app = QApplication([sys.argv[0]])
    language = sys.argv[1] if len(sys.argv) > 1 else "en"
    if language != "en":
        from ftpgui.app import install_language

        install_language(app, language)
    site, local = os.path.join(scratch, "site"), os.path.join(scratch, "qa-5", "local")
    os.makedirs(os.path.join(site, "pub"))
    os.makedirs(local)
    for name in NAMES:
        with open(os.path.join(site, "pub", name), "wb") as f:
            f.write(b"x" * 20_000)
    srv = FtpServerThread("127.0.0.1", site)
    srv.start()

    def spin(cond=lambda: False, seconds: float = 20) -> None:
        end = time.monotonic() + seconds
        while not cond() and time.monotonic() < end:
            app.processEvents()
            time.sleep(0.01)

    report = {}
    try:
        window = MainWindow()
        window.show()
        window.connect_to(Endpoint("127.0.0.1", srv.port, USER, PASSWORD), window.session_defaults(), "")
        spin(lambda: window.remote.path == "/" and not window.browser.busy)
        window.request_download([(f"/pub/{name}", False, 20_000) for name in NAMES], local, start=False)
        table = window.queue_view.tables["queued"]
        spin(lambda: table.model().rowCount() == len(NAMES))
        spin(seconds=1.5)  # the window manager frames and places the window; the columns are fitted
        header, metrics, model = table.horizontalHeader(), table.fontMetrics(), table.model()
        margin = table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, table) + 1
        cells = []
        for row in range(model.rowCount()):
            cells.append([])
            for column in range(header.count()):
                text = model.index(row, column).data() or ""
                inner = header.sectionSize(column) - 1 - 2 * margin
                shown = laid_out(table, text, inner, column) if text else ""
                cells[-1].append([text, shown, metrics.horizontalAdvance(shown), inner])
        report = {
            "cells": cells,
            "hidden": [header.isSectionHidden(c) for c in range(header.count())],
            "widths": [header.sectionSize(c) for c in range(header.count())],
            "titles": [header.sectionSizeHint(c) for c in range(header.count())],
            "viewport": table.viewport().width(),
            "dock": window.mode_panel.width() if window.mode_panel.isVisible() else 0,
            "window": [window.width(), window.height()],
        }
        shot = os.path.join(probe_dir(), f"queue-names-1366x768-{language}.png")
        window.screen().grabWindow(0).save(shot)
        window.close()
        window.wait_closed()
    finally:
        srv.stop()
    print(json.dumps(report))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
