"""Measure the default main window on the X server in $DISPLAY and print the findings as JSON.

Run by tests/test_window_fit.py on an Xvfb of each screen size (with a window manager): the window at its
default size, no saved layout, seven transfers waiting in the queue.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)


def clipped(widget) -> list:
    """Why ``widget`` is not shown whole: hidden, cut by a parent or the screen, or narrower than it needs."""
    problems = []
    if not widget.isVisible():
        return ["hidden"]
    if widget.visibleRegion().boundingRect() != widget.rect():
        problems.append(f"cut: shows {widget.visibleRegion().boundingRect().getRect()} of {widget.rect().getRect()}")
    if widget.sizeHint().width() > widget.width():
        problems.append(f"narrow: {widget.width()} < {widget.sizeHint().width()}")
    top_left = widget.mapToGlobal(widget.rect().topLeft())
    bottom_right = widget.mapToGlobal(widget.rect().bottomRight())
    screen = widget.screen().geometry()
    if not (screen.contains(top_left) and screen.contains(bottom_right)):
        problems.append(f"off the screen {screen.getRect()}")
    return problems


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="ftpgui-fit-config-") as config:  # (removed again: none left in /tmp)
        os.environ["FTPGUI_CONFIG_DIR"] = config
        return measure()


def measure() -> int:
    from PySide6.QtWidgets import QAbstractButton, QApplication

    from ftpgui.ui.main_window import MainWindow

    app = QApplication([sys.argv[0]])
    language = sys.argv[1] if len(sys.argv) > 1 else "en"
    if language != "en":
        from ftpgui.app import install_language

        install_language(app, language)
    from ftpgui.sites.store import SiteStore

    window = MainWindow(SiteStore(os.path.join(os.environ["FTPGUI_CONFIG_DIR"], "sites.json")))  # as the app's
    window.show()
    window.request_download(
        [(f"/a/rather/deep/folder/on/the/server/file-{i}.bin", False, 1000 + i) for i in range(7)],
        tempfile.gettempdir(),
        start=False,
    )
    end = time.monotonic() + 3
    while time.monotonic() < end:  # the window manager frames and places the window; the first layout runs
        app.processEvents()
        time.sleep(0.02)
    report = {"buttons": {}, "queue_rows": 0}
    for area in (window.queue_view, window.quick):
        for button in area.findChildren(QAbstractButton):
            if button.objectName().startswith("qt_") or button.parent() is window.queue_view.tabs.tabBar():
                continue  # Qt's own parts: a table's corner button, the tab bar's scroll arrows
            report["buttons"][button.objectName() or button.text()] = clipped(button)
    table = window.queue_view.tables["queued"]
    viewport = table.viewport().rect()
    model = table.model()
    report["queue_rows"] = sum(
        1 for row in range(model.rowCount()) if viewport.contains(table.visualRect(model.index(row, 0)))
    )
    frame = window.frameGeometry()
    report["frame"] = frame.getRect()
    report["screen"] = window.screen().availableGeometry().getRect()
    report["window_fits"] = window.screen().availableGeometry().contains(frame)
    report["dialogs"] = dialogs(app, window)
    print(json.dumps(report))
    window.close()
    window.wait_closed()
    return 0


def dialogs(app, window) -> dict:
    """Each dialog of the menus, opened as a person opens it: its frame on the screen, and what of its buttons
    is cut off (the preferences had been taller than a 768-line screen)."""
    from PySide6.QtWidgets import QAbstractButton, QDialog

    found = {}
    for action in (window.act_preferences, window.act_site_manager, window.act_about):
        action.trigger()
        end = time.monotonic() + 1.5
        while time.monotonic() < end:  # framed and placed by the window manager
            app.processEvents()
            time.sleep(0.02)
        shown = [w for w in app.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible()]
        for dialog in shown:
            buttons = {b.text(): clipped(b) for b in dialog.findChildren(QAbstractButton) if b.isVisible()}
            fits = dialog.screen().availableGeometry().contains(dialog.frameGeometry())
            found[type(dialog).__name__] = {
                "fits": fits,
                "frame": dialog.frameGeometry().getRect(),
                "cut": {text: why for text, why in buttons.items() if why},
            }
            dialog.close()
        app.processEvents()
    return found


if __name__ == "__main__":
    raise SystemExit(main())
