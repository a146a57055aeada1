"""Float the mode panel's dock and quit, or start again and say the X stacking order, as JSON.

Run by tests/test_dock_float_restart.py on an Xvfb with a window manager (openbox), twice with one config
folder ($FTPGUI_CONFIG_DIR): ``float`` clicks the dock's float button and quits with Ctrl+Q's action; ``restore``
starts again and prints where the floating dock is in ``_NET_CLIENT_LIST_STACKING`` (bottom first).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time


def settle(app, seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.02)


def stacking() -> list:
    out = subprocess.run(
        ["xprop", "-root", "_NET_CLIENT_LIST_STACKING"], capture_output=True, text=True, timeout=30
    ).stdout
    return [int(w, 16) for w in out.split("#", 1)[1].replace(",", " ").split()] if "#" in out else []


def main() -> int:
    from PySide6.QtWidgets import QAbstractButton, QApplication

    from ftpgui.sites.store import SiteStore
    from ftpgui.ui.main_window import MainWindow

    app = QApplication([sys.argv[0]])
    window = MainWindow(SiteStore(os.path.join(os.environ["FTPGUI_CONFIG_DIR"], "sites.json")))
    window.show()
    settle(app, 2)
    dock = window.mode_dock
    if sys.argv[1] == "float":
        float_button = dock.findChild(QAbstractButton, "qt_dockwidget_floatbutton")
        float_button.click()  # as a person does
        settle(app, 1)
        window.act_quit.trigger()
        settle(app, 1)
        print(json.dumps({"floating": dock.isFloating()}))
        return 0
    settle(app, 2)  # the window manager has mapped and stacked both
    order = stacking()
    main_id, dock_id = int(window.winId()), int(dock.winId())
    print(
        json.dumps(
            {
                "floating": dock.isFloating(),
                "visible": dock.isVisible(),
                "ticked": dock.toggleViewAction().isChecked(),
                "main": order.index(main_id) if main_id in order else -1,
                "dock": order.index(dock_id) if dock_id in order else -1,
            }
        )
    )
    window.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
