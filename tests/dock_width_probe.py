"""Measure the mode-panel dock and the panes beside it on the X server in $DISPLAY; print the findings as JSON.

Run by tests/test_dock_width.py on an Xvfb of each screen size (with a window manager), in a config folder the
test gives (``FTPGUI_CONFIG_DIR``): ``fresh`` (no saved layout: the first layout; then the dock closed from the
View menu, connected to a pyftpdlib server, and View → Diagnose This Server opening it again) or ``wide`` (the
dock widened by hand to ``DOCK_WIDE`` px, the layout saved on quitting) or ``restored`` (the layout saved before,
as the window restores it on this screen). ``PROBE_PNG``: a picture of the screen to write, if set.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

DOCK_WIDE = 760  # a person's dock, widened by hand on a big screen


def spin(app, seconds: float, until=None) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end and not (until and until()):
        app.processEvents()
        time.sleep(0.02)


def headers_cut(window) -> list:
    """The queue's column titles wider than their section and not elided (QA at 1024×640: "emote fil", cut on
    both sides of a centred title; note 414): each title as the style lays out a header section for it."""
    from PySide6.QtCore import QSize, Qt
    from PySide6.QtWidgets import QStyle, QStyleOptionHeader

    table = window.queue_view.tabs.currentWidget()
    header = table.horizontalHeader()
    model = table.model()
    cut = []
    for column in range(header.count()):
        if header.isSectionHidden(column):
            continue
        option = QStyleOptionHeader()
        option.initFrom(header)
        option.section = column
        option.text = model.headerData(column, Qt.Orientation.Horizontal)
        need = header.style().sizeFromContents(QStyle.ContentsType.CT_HeaderSection, option, QSize(), header)
        if need.width() > header.sectionSize(column) and header.textElideMode() == Qt.TextElideMode.ElideNone:
            cut.append(f"{option.text}: {header.sectionSize(column)} of {need.width()} px")
    return cut


def panel_rows(window) -> dict:
    """The mode panel's controls under its picture (the timeline, What if, Diagnose, the practice row) that the
    dock's scroll area shows cut across (``cut``) or not at all (``below``): QA in Chinese at 1366×768 saw the
    practice row below the fold, in English only its switches (note 432)."""
    from PySide6.QtCore import QPoint
    from PySide6.QtWidgets import QAbstractButton, QAbstractSlider, QComboBox, QLabel

    panel = window.mode_panel
    viewport = panel.parentWidget()
    bottom = viewport.height()
    found = {"cut": [], "below": [], "viewport": bottom, "picture": panel.tabs.height()}
    if not window.mode_dock.isVisible():
        return found
    for kind in (QAbstractButton, QComboBox, QAbstractSlider, QLabel):
        for widget in panel.findChildren(kind):
            if not widget.isVisible() or panel.tabs.isAncestorOf(widget) or widget.objectName().startswith("qt_"):
                continue
            name = widget.text() if hasattr(widget, "text") else widget.accessibleName() or type(widget).__name__
            if isinstance(widget, QLabel) and not name:
                continue
            top = widget.mapTo(viewport, QPoint(0, 0)).y()
            if top >= bottom:
                found["below"].append(name)
            elif top + widget.height() > bottom:
                found["cut"].append(f"{name}: {bottom - top} of {widget.height()} px shown")
    return found


def widths(window) -> dict:
    from PySide6.QtWidgets import QAbstractButton
    from window_fit_probe import clipped

    cut = {}  # the queue's buttons cut off at the side (beside the dock) or squeezed
    for button in window.queue_view.findChildren(QAbstractButton):
        if button.objectName().startswith("qt_") or button.parent() is window.queue_view.tabs.tabBar():
            continue
        shown = button.visibleRegion().boundingRect()
        why = [w for w in clipped(button) if not w.startswith("cut")]
        if button.isVisible() and shown.width() < button.width():
            why.append(f"cut at the side: {shown.width()} of {button.width()} px shown")
        # its text whole: as tall as its size hint, all of it shown (QA at 1024×640 in Chinese: the buttons'
        # area 12 of 26 px, their words cut at the bottom; note 415)
        tall = button.sizeHint().height()
        if button.isVisible() and min(shown.height(), button.height()) < tall:
            why.append(f"cut in height: {min(shown.height(), button.height())} of {tall} px shown")
        if why:
            cut[button.objectName() or button.text()] = why
    return {
        "headers_cut": headers_cut(window),
        "window": window.width(),
        "dock": window.mode_dock.width() if window.mode_dock.isVisible() else 0,
        "local": window.local.width(),
        "remote": window.remote.width(),
        "queue": window.queue_view.width(),
        "queue_cut": cut,
        "welcome_cut": welcome_cut(window),
        "panel": panel_rows(window),
    }


def welcome_cut(window) -> str:
    """The first-run welcome box shorter than its words wrapped at its width ("" if whole or not shown)."""
    box = window.welcome
    if not box.isVisible() or box.height() >= box.heightForWidth(box.width()):
        return ""
    return f"{box.height()} of {box.heightForWidth(box.width())} px"


def main() -> int:
    from PySide6.QtWidgets import QApplication

    from ftpgui.sites.store import SiteStore
    from ftpgui.ui.main_window import MainWindow

    app = QApplication([sys.argv[0]])
    language, step = sys.argv[1], sys.argv[2]
    if language != "en":
        from ftpgui.app import install_language

        install_language(app, language)
    config = os.environ["FTPGUI_CONFIG_DIR"]
    window = MainWindow(SiteStore(os.path.join(config, "sites.json")))
    window.show()
    spin(app, 2.5)  # the window manager frames and places the window; the first layout runs
    report = {"first": widths(window)}
    if step == "fresh":
        from ftpgui.transfers.worker import Endpoint

        from ftpserver import PASSWORD, USER, FtpServerThread

        window.mode_dock.toggleViewAction().trigger()  # View → Connection modes: closed
        spin(app, 0.5)
        report["closed"] = widths(window)
        site = tempfile.mkdtemp(prefix="ftpgui-dock-probe-")
        srv = FtpServerThread("127.0.0.1", site)
        srv.start()
        try:
            window.connect_to(Endpoint("127.0.0.1", srv.port, USER, PASSWORD), window.session_defaults(), "probe")
            spin(app, 20, lambda: window.remote.path == "/" and not window.browser.busy)
            window.act_diagnose.trigger()  # opens the dock again
            spin(app, 1.5)
            report["diagnose"] = widths(window)
            if os.environ.get("PROBE_PNG"):
                window.screen().grabWindow(0).save(os.environ["PROBE_PNG"])
            window.close()
            window.wait_closed()
        finally:
            srv.stop()
            shutil.rmtree(site, ignore_errors=True)  # (each run left its server's folder in the temporary folder)
    else:
        if step == "wide":
            from PySide6.QtCore import Qt

            window.resizeDocks([window.mode_dock], [DOCK_WIDE], Qt.Orientation.Horizontal)
            spin(app, 0.5)
            report["wide"] = widths(window)
        elif os.environ.get("PROBE_PNG"):
            window.screen().grabWindow(0).save(os.environ["PROBE_PNG"])
        window.close()  # (saves the layout)
        window.wait_closed()
    print(json.dumps(report))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
